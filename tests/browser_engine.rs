//! The JS API (`src/js_api.rs`) in headless Chromium: the worked examples of the contract give
//! the expected decisions, and a bad bundle throws the CLI's one-line error.
//!
//! Run by scripts/test:
//! `CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=60 cargo test --target wasm32-unknown-unknown
//!  --no-default-features --features js-api,tzdb-bundled,phone-metadata-bundled --lib --test browser_engine`
#![cfg(all(target_arch = "wasm32", feature = "js-api"))]

use callback_clock::engine::zones::BundledZones;
use callback_clock::js_api::{triage, triage_json};
use js_sys::{JsString, JSON};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PLUMBING_IN: &str = include_str!("../../shared/contract/examples/mile-high-plumbing.input.json");
const PLUMBING_EXPECT: &str = include_str!("../../shared/contract/examples/mile-high-plumbing.expect.json");
const METRICS_IN: &str = include_str!("../../shared/contract/examples/metrics-week.input.json");
const METRICS_EXPECT: &str = include_str!("../../shared/contract/examples/metrics-week.expect.json");

/// Calls `triage` the way a host page does: with a JS object, getting a JS object back.
fn triage_object(bundle_json: &str) -> Result<Value, String> {
    let bundle = JSON::parse(bundle_json).expect("test bundles are JSON");
    match triage(bundle) {
        Ok(out) => {
            let text: String = JSON::stringify(&out).expect("output stringifies").into();
            Ok(serde_json::from_str(&text).expect("output is JSON"))
        }
        Err(error) => Err(error.message().into()),
    }
}

/// The decision field an expect key names, as `check-example` reads it.
fn field<'a>(decision: &'a Value, key: &str) -> &'a Value {
    let path: &[&str] = match key {
        "level" => &["urgency", "level"],
        "kind" => &["match", "kind"],
        "contact_id" => &["match", "contact_id"],
        "lead_id" => &["match", "lead_id"],
        "ticket_id" => &["match", "ticket_id"],
        "caller_status" => &["caller", "status"],
        "e164" => &["caller", "e164"],
        "sms_allowed" => &["sms", "allowed"],
        "sms_reason" => &["sms", "reason"],
        "sms_template" => &["sms", "template"],
        other => return &decision[other],
    };
    path.iter().fold(decision, |v, p| &v[*p])
}

fn instant(v: &Value) -> Option<jiff::Timestamp> {
    v.as_str()?.parse().ok()
}

/// The same expectations `../shared/contract/check-example` checks for the CLI (minus the
/// verbatim-quote check, which tests/cli_examples.rs and check-example cover natively).
fn check_example(input: &str, expect: &str) {
    let output = triage_object(input).expect("a worked example is a valid bundle");
    let bundle: Value = serde_json::from_str(input).unwrap();
    let expect: Value = serde_json::from_str(expect).unwrap();
    let decisions = output["decisions"].as_array().expect("decisions array");
    assert_eq!(decisions.len(), bundle["calls"].as_array().unwrap().len(), "one decision per call");
    let mut failures = Vec::new();
    for (call_id, fields) in expect["decisions"].as_object().unwrap() {
        let Some(decision) = decisions.iter().find(|d| d["call_id"] == *call_id) else {
            failures.push(format!("{call_id}: no decision"));
            continue;
        };
        for (key, want) in fields.as_object().unwrap() {
            let ok = match key.as_str() {
                "note" => true,
                "level_not" => field(decision, "level") != want,
                "reasons_has" | "categories_has" => {
                    let got: Vec<&Value> = if key == "reasons_has" {
                        decision["reasons"].as_array().map(|a| a.iter().collect()).unwrap_or_default()
                    } else {
                        decision["categories"]
                            .as_array()
                            .map(|a| a.iter().map(|c| &c["name"]).collect())
                            .unwrap_or_default()
                    };
                    want.as_array().unwrap().iter().all(|w| got.contains(&w))
                }
                "due_at" => instant(&decision["due_at"]).is_some() && instant(&decision["due_at"]) == instant(want),
                _ => field(decision, key) == want,
            };
            if !ok {
                failures.push(format!("{call_id}: {key} is {}, expected {want}", field(decision, key)));
            }
        }
    }
    for (name, want) in expect["metrics"].as_object().into_iter().flatten() {
        let got = &output["metrics"][name];
        if !json_close(got, want) {
            failures.push(format!("metrics.{name} is {got}, expected {want}"));
        }
    }
    if let Some(want) = expect["config_warnings"].as_array() {
        let mut got: Vec<&Value> =
            output["config_warnings"].as_array().unwrap().iter().map(|w| &w["template_id"]).collect();
        let mut want: Vec<&Value> = want.iter().collect();
        got.sort_by_key(|v| v.to_string());
        want.sort_by_key(|v| v.to_string());
        if got != want {
            failures.push(format!("config_warnings {got:?} != {want:?}"));
        }
    }
    assert!(failures.is_empty(), "in the browser:\n{}", failures.join("\n"));
}

/// Equality with numbers compared within 1e-9, as check-example does.
fn json_close(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => (x.as_f64().unwrap() - y.as_f64().unwrap()).abs() < 1e-9,
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_close(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| json_close(v, w)))
        }
        _ => a == b,
    }
}

#[wasm_bindgen_test]
fn mile_high_plumbing_example_in_the_browser() {
    check_example(PLUMBING_IN, PLUMBING_EXPECT);
}

#[wasm_bindgen_test]
fn metrics_week_example_in_the_browser() {
    check_example(METRICS_IN, METRICS_EXPECT);
}

#[wasm_bindgen_test]
fn object_and_text_entry_points_agree() {
    let from_object = triage_object(PLUMBING_IN).unwrap();
    let from_text: Value = serde_json::from_str(&triage_json(&JsString::from(PLUMBING_IN)).unwrap()).unwrap();
    // JSON.parse makes 0.0 the number 0, so numbers compare by value.
    assert!(
        json_close(&from_object, &from_text),
        "triage(object) and triageJson(text) differ at {}",
        first_difference(&from_object, &from_text, "$")
    );
    let again = triage_object(PLUMBING_IN).unwrap();
    assert!(from_object == again, "two runs on one bundle differ at {}", first_difference(&from_object, &again, "$"));
}

#[wasm_bindgen_test]
fn text_beyond_ascii_crosses_the_boundary_unchanged() {
    // ASCII up to the first voicemail, then accents, a two-unit emoji and ASCII again: the
    // browser's encoder stops where its ASCII-sized buffer is full and goes on from there.
    let mut bundle: Value = serde_json::from_str(PLUMBING_IN).unwrap();
    bundle["calls"][0]["voicemail"]["transcript"] =
        Value::from("Hola, soy Begoña Núñez. El baño de arriba se está desbordando 🚿 y gotea al salón. Llámenme ya.");
    let text = bundle.to_string();
    let in_rust = callback_clock::engine::triage_json(&text, &BundledZones).unwrap();
    let from_js = triage_json(&JsString::from(text.as_str())).unwrap();
    assert_eq!(from_js, in_rust);
}

/// The path and values of the first place two JSON values differ, for a readable failure.
fn first_difference(a: &Value, b: &Value, path: &str) -> String {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                match y.get(k) {
                    Some(w) if !json_close(v, w) => return first_difference(v, w, &format!("{path}.{k}")),
                    None => return format!("{path}.{k}: only on the left"),
                    _ => {}
                }
            }
            format!("{path}: keys differ")
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            let i = x.iter().zip(y).position(|(v, w)| !json_close(v, w)).unwrap_or(0);
            first_difference(&x[i], &y[i], &format!("{path}[{i}]"))
        }
        _ => format!("{path}: {a} vs {b}"),
    }
}

#[wasm_bindgen_test]
fn a_bad_time_throws_an_error_naming_its_path() {
    let mut bundle: Value = serde_json::from_str(PLUMBING_IN).unwrap();
    bundle["calls"][2]["started_at"] = Value::from("yesterday at noon");
    let message = triage_object(&bundle.to_string()).unwrap_err();
    assert_eq!(message, "calls[2].started_at: not an RFC 3339 time");
}

#[wasm_bindgen_test]
fn an_unknown_status_throws_an_error_naming_its_path() {
    let mut bundle: Value = serde_json::from_str(PLUMBING_IN).unwrap();
    bundle["calls"][0]["status"] = Value::from("ringing-forever");
    let message = triage_object(&bundle.to_string()).unwrap_err();
    assert!(message.starts_with("calls[0].status: "), "{message}");
    assert!(!message.contains('\n'), "one line: {message}");
}

#[wasm_bindgen_test]
fn the_thrown_value_is_a_js_error() {
    let error = triage(JsValue::from_str("not a bundle")).unwrap_err();
    let value: JsValue = error.into();
    assert!(value.is_instance_of::<js_sys::Error>());
    assert!(js_sys::Error::from(value).message().as_string().unwrap().starts_with("$: "));
}

#[wasm_bindgen_test]
fn undefined_is_not_a_bundle() {
    let message: String = triage(JsValue::UNDEFINED).unwrap_err().message().into();
    assert!(message.starts_with("$: "), "{message}");
}
