//! A bounded fuzzing run over everything that reads what the outside world writes: the bundle
//! parser (a host page's or a file's JSON), the CSV importer (vendors' exports) and the embed
//! protocol (a host page's `postMessage`). Inputs are mutations of real ones (the worked
//! examples, the sample exports in `tests/data/csv/`, the protocol's own messages), so most of
//! them get past the first check and reach the code behind it; proptest shrinks a failure to a
//! small input.
//!
//! Each target must neither panic nor take long on one input (a hang shows up as a case slower
//! than [`SLOW`]). The run is deterministic: fixed seeds and case counts; `FUZZ_SCALE=20 cargo
//! test --release --test fuzz_inputs` runs twenty times as many cases for a longer session.
//! (cargo-fuzz needs a nightly compiler, which these machines do not have.)

use std::time::{Duration, Instant};

use callback_clock::connectors::csv_import::{import_calls, import_contacts, import_deals, import_tickets};
use callback_clock::engine::bundle::Owner;
use callback_clock::engine::embed_protocol::{AllowedOrigins, BridgeMessage};
use callback_clock::engine::parse_bundle;
use jiff::tz::TimeZone;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use serde_json::{json, Value};

/// One input slower than this is a hang for our purposes (the slowest real input, a 10,000-call
/// bundle, parses in a small fraction of it).
const SLOW: Duration = Duration::from_secs(2);

const EXAMPLES: [&str; 2] = [
    include_str!("../../shared/contract/examples/mile-high-plumbing.input.json"),
    include_str!("../../shared/contract/examples/metrics-week.input.json"),
];

fn scale() -> u32 {
    std::env::var("FUZZ_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1).max(1)
}

/// Runs `test` on `cases` inputs from `strategy`, from a fixed seed, failing on a panic (which
/// proptest catches and shrinks) or on a slow case.
fn fuzz<S: Strategy>(name: &str, seed: u8, cases: u32, strategy: S, test: impl Fn(S::Value))
where
    S::Value: std::fmt::Debug,
{
    let config = Config { cases: cases * scale(), failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]));
    let result = runner.run(&strategy, |input| {
        let started = Instant::now();
        test(input);
        let took = started.elapsed();
        if took > SLOW {
            return Err(TestCaseError::fail(format!("took {took:?}")));
        }
        Ok(())
    });
    if let Err(error) = result {
        panic!("{name}: {error}");
    }
}

/// A JSON value of any shape, small enough to splice anywhere.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|n| json!(n)),
        ".{0,12}".prop_map(Value::String),
        prop::sample::select(vec![
            "2026-11-24T16:00:00-06:00",
            "2026-11-24T16:00:00+25:00",
            "+13035550122",
            "Anonymous",
            "no-answer",
            "voicemail",
            "America/Chicago",
            "24:00",
            "mon",
            "opted_in",
        ])
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(".{0,8}", inner, 0..4).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every path to a node of `value`, as a list of steps.
fn paths(value: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(here.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                here.push(Step::Key(key.clone()));
                paths(child, here, out);
                here.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                here.push(Step::Index(i));
                paths(child, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn node_mut<'a>(value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |node, step| match step {
        Step::Key(key) => node.get_mut(key.as_str()),
        Step::Index(i) => node.get_mut(*i),
    })
}

/// A worked example with a few of its nodes replaced by anything, removed, or duplicated.
fn mutated_bundle() -> impl Strategy<Value = String> {
    let edits = prop::collection::vec((any::<prop::sample::Index>(), any_json(), 0..3u8), 1..4);
    (prop::sample::select(EXAMPLES.to_vec()), edits).prop_map(|(text, edits)| {
        let mut bundle: Value = serde_json::from_str(text).expect("the worked examples are JSON");
        for (at, replacement, how) in edits {
            let mut all = Vec::new();
            paths(&bundle, &mut Vec::new(), &mut all);
            let path = all[at.index(all.len())].clone();
            match (how, path.split_last()) {
                (0, _) | (_, None) => {
                    if let Some(node) = node_mut(&mut bundle, &path) {
                        *node = replacement;
                    }
                }
                (1, Some((Step::Key(key), parent))) => {
                    if let Some(Value::Object(map)) = node_mut(&mut bundle, parent) {
                        map.remove(key);
                    }
                }
                (_, Some((last, parent))) => {
                    let copy = node_mut(&mut bundle, &path).map(|n| n.clone());
                    if let (Some(Value::Array(items)), Some(copy), Step::Index(_)) =
                        (node_mut(&mut bundle, parent), copy, last)
                    {
                        items.push(copy);
                    }
                }
            }
        }
        bundle.to_string()
    })
}

/// Text cut or spliced at the byte level (truncated uploads, a stray byte, doubled braces).
fn mangled_text(base: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    (
        prop::sample::select(base.to_vec()),
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0..3u8), 1..6),
    )
        .prop_map(|(text, edits)| {
            let mut bytes = text.as_bytes().to_vec();
            for (at, byte, how) in edits {
                let i = at.index(bytes.len().max(1));
                let len = bytes.len();
                match how {
                    0 if len > 0 => bytes[i.min(len - 1)] = byte,
                    1 => bytes.truncate(i),
                    _ => bytes.insert(i.min(len), byte),
                }
            }
            bytes
        })
}

#[test]
fn no_mutated_bundle_makes_the_parser_panic_or_hang() {
    fuzz("bundle parser", 1, 400, mutated_bundle(), |text| {
        if let Err(error) = parse_bundle(&text) {
            assert!(!error.path.is_empty(), "every error names a path: {error:?}");
        }
    });
}

#[test]
fn no_mangled_bundle_text_makes_the_parser_panic_or_hang() {
    fuzz("bundle text", 2, 400, mangled_text(&EXAMPLES), |bytes| {
        let _ = parse_bundle(&String::from_utf8_lossy(&bytes));
    });
}

const EXPORTS: [&str; 8] = [
    include_str!("data/csv/twilio_calls.csv"),
    include_str!("data/csv/callrail_calls.csv"),
    include_str!("data/csv/ringcentral_call_log.csv"),
    include_str!("data/csv/aircall_calls.csv"),
    include_str!("data/csv/generic_calls.csv"),
    include_str!("data/csv/hubspot_contacts.csv"),
    include_str!("data/csv/hubspot_deals.csv"),
    include_str!("data/csv/hubspot_tickets.csv"),
];

#[test]
fn no_mangled_export_makes_the_csv_importer_panic_or_hang() {
    let zone = TimeZone::fixed(jiff::tz::offset(-7));
    let owners: Vec<Owner> = serde_json::from_str(r#"[{"id":"dana","name":"Dana Reyes"}]"#).expect("owners");
    fuzz("csv importer", 3, 300, mangled_text(&EXPORTS), |bytes| {
        let _ = import_calls(&bytes, None, &zone);
        let _ = import_contacts(&bytes, None, &owners);
        let _ = import_deals(&bytes, None, &owners);
        let _ = import_tickets(&bytes, None);
    });
}

/// Messages shaped like the protocol's, with any field replaced by anything.
fn embed_message() -> impl Strategy<Value = Value> {
    let kind = prop::sample::select(vec![
        "callback-clock:record",
        "callback-clock:owner",
        "appContext",
        "callback-clock:unknown",
        "",
    ]);
    (kind, any_json(), any_json(), any::<bool>()).prop_map(|(kind, a, b, as_text)| {
        let message = match kind {
            "appContext" => json!({ "event": kind, "data": { "contact": a, "currentAgent": b } }),
            "callback-clock:owner" => json!({ "type": kind, "owner_id": a }),
            _ => json!({ "type": kind, "record": a, "extra": b }),
        };
        if as_text {
            Value::String(message.to_string())
        } else {
            message
        }
    })
}

#[test]
fn no_host_message_makes_the_embed_protocol_panic_or_hang() {
    let allowed = AllowedOrigins::from_settings(&["https://crm.example.com"]);
    let origins = prop::sample::select(vec!["https://crm.example.com", "null", "https://evil.example", ""]);
    fuzz("embed protocol", 4, 600, (origins, embed_message()), |(origin, message)| {
        let _ = BridgeMessage::parse(origin, &message, &allowed);
    });
}
