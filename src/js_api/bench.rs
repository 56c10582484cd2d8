//! The in-browser benchmark page's exports (feature `bench`; `www/bench.html` loads them from the
//! module `scripts/build-bench-page` builds). Never in pkg/: they carry the benchmarks' generator
//! and serde-wasm-bindgen, which no host needs.
//!
//! - `benchBundleJson(contacts, calls)`: the benchmarks' bundle (`crate::bench_bundle`), the same
//!   bytes as `examples/generate_bundle` writes natively.
//! - `triageStages(text)`: `triageJson` with each stage timed: the copy in, parse, setup (zone, calendar,
//!   lexicon, owners, the CRM index), run, serialize, and freeing what they allocated.
//! - `rerunMs(text)`: the run again on the same setup with every voicemail remembered from a
//!   first run (`ReadingMemo`), as the app triages after every action and every minute.
//! - `triageSerde(bundle)`: `triage(bundle)` with the bundle and the output crossing the boundary
//!   through serde-wasm-bindgen instead of JSON text, to measure one against the other.
//! - `benchMessage(message, iterations)`: the embed bridge's conversions of one small message both
//!   ways, by JSON text (what `ui::embed_bridge` does) and by serde-wasm-bindgen.
//!
//! The clock is the page's `performance.now()`, read here at the boundary: the engine reads no
//! clock (tests/layers.rs).

use std::hint::black_box;

use js_sys::{Error, JsString, JSON};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_wasm_bindgen::Serializer;
use wasm_bindgen::prelude::*;

use crate::bench_bundle::{self, Sizes};
use crate::engine::reading_memo::ReadingMemo;
use crate::engine::triage::TriageSetup;
use crate::engine::zones::BundledZones;
use crate::engine::{parse_bundle, Bundle, InputError, TriageOutput};

#[wasm_bindgen]
extern "C" {
    /// Milliseconds with sub-millisecond resolution (coarsened by the browser to 5 µs or 100 µs
    /// depending on isolation: fine for stages of milliseconds, and why messages are timed in
    /// batches).
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// `benchBundleJson(contacts, calls) -> string`: the benchmarks' bundle with this many contacts
/// and calls (leads and tickets in the budget's proportions), from the benchmarks' seed.
#[wasm_bindgen(js_name = benchBundleJson)]
pub fn bench_bundle_json(contacts: u32, calls: u32) -> String {
    bench_bundle::bundle_json(&Sizes::scaled(contacts as usize, calls as usize))
}

/// What `triageStages` measured, in milliseconds, and what it produced.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StageTimings {
    copy_in_ms: f64,
    parse_ms: f64,
    setup_ms: f64,
    run_ms: f64,
    serialize_ms: f64,
    /// Dropping the bundle, the setup and the output: many small allocations, which
    /// `triageJson` frees too before it returns.
    free_ms: f64,
    decisions: usize,
    /// The output, as `triageJson` returns it: the page checks it and counts its decisions.
    output: String,
}

/// `triageStages(text) -> {copyInMs, parseMs, setupMs, runMs, serializeMs, freeMs, decisions, output}`: the work of
/// `triageJson(text)`, stage by stage. Throws the same one-line error for a bad bundle.
#[wasm_bindgen(js_name = triageStages)]
pub fn triage_stages(text: &JsString) -> Result<JsValue, Error> {
    let started = performance_now();
    let text = super::js_text::string_from_js(text);
    let copied = performance_now();
    let bundle = parse_bundle(&text).map_err(thrown)?;
    let parsed = performance_now();
    let setup = TriageSetup::new(&bundle, &BundledZones).map_err(thrown)?;
    let set_up = performance_now();
    let output = setup.run();
    let ran = performance_now();
    let json =
        serde_json::to_string(&output).map_err(|e| Error::new(&format!("$: the output did not serialize: {e}")))?;
    let serialized = performance_now();
    let decisions = output.decisions.len();
    drop(output);
    drop(setup);
    drop(bundle);
    drop(text);
    let freed = performance_now();
    let timings = StageTimings {
        copy_in_ms: copied - started,
        parse_ms: parsed - copied,
        setup_ms: set_up - parsed,
        run_ms: ran - set_up,
        serialize_ms: serialized - ran,
        free_ms: freed - serialized,
        decisions,
        output: json,
    };
    serde_wasm_bindgen::to_value(&timings).map_err(|e| Error::new(&e.to_string()))
}

/// `rerunMs(text) -> number`: milliseconds of a second `run_remembering` on one setup, after a
/// first one (not timed) has read every voicemail into the memo: what the app's re-triage of
/// an unchanged account costs. Throws the same one-line error for a bad bundle.
#[wasm_bindgen(js_name = rerunMs)]
pub fn rerun_ms(text: &JsString) -> Result<f64, Error> {
    let text = super::js_text::string_from_js(text);
    let bundle = parse_bundle(&text).map_err(thrown)?;
    let setup = TriageSetup::new(&bundle, &BundledZones).map_err(thrown)?;
    let mut memo = ReadingMemo::default();
    black_box(setup.run_remembering(&mut memo));
    let started = performance_now();
    let output = setup.run_remembering(&mut memo);
    let ran = performance_now();
    black_box(output);
    Ok(ran - started)
}

/// `triageSerde(bundle: object) -> object`: `triage(bundle)` with both crossings done by
/// serde-wasm-bindgen, which reads the JS object field by field (one call into JS per field)
/// instead of `JSON.stringify` and one copy of the text. Errors name the path like `triage`'s.
#[wasm_bindgen(js_name = triageSerde)]
pub fn triage_serde(bundle: JsValue) -> Result<JsValue, Error> {
    let parsed = Bundle::deserialize(serde_wasm_bindgen::Deserializer::from(bundle.clone()));
    // The fast path tracks no path; a bad bundle is read again to say where it went wrong.
    let bundle = parsed.map_err(|_| thrown(locate_serde_error(bundle)))?;
    let output = crate::engine::triage(&bundle, &BundledZones).map_err(thrown)?;
    to_plain_object(&output)
}

/// The first bad field of a bundle that serde-wasm-bindgen refused, as `$.calls[3].started_at`.
fn locate_serde_error(bundle: JsValue) -> InputError {
    match serde_path_to_error::deserialize::<_, Bundle>(serde_wasm_bindgen::Deserializer::from(bundle)) {
        Ok(_) => InputError::at("$", "not a valid bundle"),
        Err(error) => {
            let path = error.path().to_string();
            let path = if path == "." || path.is_empty() { "$".to_owned() } else { path };
            InputError::at(path, error.inner().to_string())
        }
    }
}

/// The output as plain JS objects, as `JSON.parse` would give them (maps as objects, not `Map`s).
fn to_plain_object(output: &TriageOutput) -> Result<JsValue, Error> {
    output.serialize(&Serializer::json_compatible()).map_err(|e| Error::new(&e.to_string()))
}

/// What `benchMessage` measured: microseconds per message, each way, each path.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MessageTimings {
    iterations: u32,
    json_text_in_us: f64,
    serde_in_us: f64,
    json_text_out_us: f64,
    serde_out_us: f64,
    /// Both paths read the message as the same JSON value.
    same_value: bool,
}

/// `benchMessage(message, iterations)`: one small structured-clone message (the embed bridge's
/// kind) converted `iterations` times each way. In: a JS object to a `serde_json::Value`, by
/// `JSON.stringify` and serde_json (`ui::embed_bridge`'s `js_to_json`) or by serde-wasm-bindgen.
/// Out: a `Value` to a JS object, by serde_json and `JSON.parse` (`post_to_parent`) or by
/// serde-wasm-bindgen.
#[wasm_bindgen(js_name = benchMessage)]
pub fn bench_message(message: JsValue, iterations: u32) -> Result<JsValue, Error> {
    let by_json_text = message_in_by_json_text(&message).ok_or_else(|| Error::new("$: the message is not JSON"))?;
    let by_serde = message_in_by_serde(&message).ok_or_else(|| Error::new("$: serde-wasm-bindgen cannot read it"))?;
    let per_message = |convert: &dyn Fn() -> bool| -> Result<f64, Error> {
        let started = performance_now();
        for _ in 0..iterations {
            if !black_box(convert()) {
                return Err(Error::new("a conversion failed halfway through the benchmark"));
            }
        }
        Ok((performance_now() - started) * 1000.0 / f64::from(iterations.max(1)))
    };
    let timings = MessageTimings {
        iterations,
        json_text_in_us: per_message(&|| message_in_by_json_text(&message).is_some())?,
        serde_in_us: per_message(&|| message_in_by_serde(&message).is_some())?,
        json_text_out_us: per_message(&|| message_out_by_json_text(&by_json_text).is_some())?,
        serde_out_us: per_message(&|| message_out_by_serde(&by_json_text).is_some())?,
        same_value: by_json_text == by_serde,
    };
    serde_wasm_bindgen::to_value(&timings).map_err(|e| Error::new(&e.to_string()))
}

fn message_in_by_json_text(message: &JsValue) -> Option<Value> {
    let text = JSON::stringify(message).ok()?.as_string()?;
    serde_json::from_str(&text).ok()
}

fn message_in_by_serde(message: &JsValue) -> Option<Value> {
    serde_wasm_bindgen::from_value(message.clone()).ok()
}

fn message_out_by_json_text(value: &Value) -> Option<JsValue> {
    JSON::parse(&value.to_string()).ok()
}

fn message_out_by_serde(value: &Value) -> Option<JsValue> {
    value.serialize(&Serializer::json_compatible()).ok()
}

fn thrown(error: InputError) -> Error {
    Error::new(&error.to_string())
}
