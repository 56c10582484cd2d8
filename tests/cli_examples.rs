//! The CLI as a user runs it: the contract's worked examples through
//! `../shared/contract/check-example`, invalid input (exit 2, one line on stderr naming the
//! JSON path, nothing on stdout), `--output` written atomically, and a property test that the
//! bundle parser and engine never panic on mangled input.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use callback_clock::engine::triage_json;
use callback_clock::engine::zones::BundledZones;
use proptest::prelude::*;
use serde_json::{json, Value};

const CLI: &str = env!("CARGO_BIN_EXE_callback-clock");
const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/contract");
const PLUMBING: &str = include_str!("../../shared/contract/examples/mile-high-plumbing.input.json");

fn run_cli(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(CLI)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI starts");
    // A CLI that fails early may close stdin before reading it all: not an error here.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

/// A scratch directory per test, under cargo's target dir, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli_examples").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

// ---------------------------------------------------------------------------------------------
// Worked examples

#[test]
fn every_worked_example_passes_check_example() {
    let examples = Path::new(SHARED).join("examples");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&examples)
        .unwrap_or_else(|e| panic!("{}: {e} (CI clones ../shared beside the repository)", examples.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".input.json"))
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no worked examples in {}", examples.display());
    let mut failures = Vec::new();
    for input in &inputs {
        let expect = PathBuf::from(input.to_string_lossy().replace(".input.json", ".expect.json"));
        let out = Command::new(Path::new(SHARED).join("check-example"))
            .arg(input)
            .arg(&expect)
            .args(["--", CLI, "triage"])
            .output()
            .expect("check-example runs (python3)");
        let report = String::from_utf8_lossy(&out.stdout);
        println!("{}:\n{report}", input.display());
        if !out.status.success() {
            failures.push(format!("{}:\n{report}{}", input.display(), String::from_utf8_lossy(&out.stderr)));
        }
    }
    assert!(failures.is_empty(), "worked examples failed:\n{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Invalid input: exit 2, one line naming the path, nothing on stdout

fn plumbing() -> Value {
    serde_json::from_str(PLUMBING).unwrap()
}

/// Runs the CLI on `input` and returns its one-line error, checking the error contract.
fn rejected(input: &str) -> String {
    let out = run_cli(&["triage"], input);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "exit 2 for invalid input; stderr: {stderr}");
    assert!(out.stdout.is_empty(), "nothing on stdout, got {:?}", String::from_utf8_lossy(&out.stdout));
    assert!(stderr.ends_with('\n') && stderr.trim_end().lines().count() == 1, "exactly one line: {stderr:?}");
    stderr.trim_end().to_owned()
}

fn rejected_bundle(edit: impl FnOnce(&mut Value)) -> String {
    let mut bundle = plumbing();
    edit(&mut bundle);
    rejected(&bundle.to_string())
}

#[test]
fn a_bad_time_names_its_path() {
    let error = rejected_bundle(|b| b["calls"][0]["started_at"] = json!("03/09/2026 8:15am"));
    assert_eq!(error, "calls[0].started_at: not an RFC 3339 time");
}

#[test]
fn a_time_without_an_offset_is_not_rfc_3339() {
    let error = rejected_bundle(|b| b["calls"][4]["started_at"] = json!("2026-03-09T08:15:00"));
    assert_eq!(error, "calls[4].started_at: not an RFC 3339 time");
}

#[test]
fn an_offset_past_23_hours_is_not_rfc_3339() {
    let error = rejected_bundle(|b| b["calls"][1]["started_at"] = json!("2026-03-09T08:15:00+25:00"));
    assert_eq!(error, "calls[1].started_at: not an RFC 3339 time");
}

#[test]
fn a_day_listed_twice_in_business_hours_is_refused() {
    let bundle = plumbing().to_string();
    let twice = bundle.replacen(r#""business_hours":{"#, r#""business_hours":{"mon":[["06:00","07:00"]],"#, 1);
    assert_ne!(twice, bundle, "the example has business hours to edit");
    let error = rejected(&twice);
    assert!(error.starts_with("config.business_hours") && error.contains("listed twice"), "{error}");
}

#[test]
fn a_utf8_byte_order_mark_before_the_bundle_is_ignored() {
    let out = run_cli(&["triage"], &format!("\u{feff}{PLUMBING}"));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_bad_now_names_its_path() {
    let error = rejected_bundle(|b| b["now"] = json!("now"));
    assert_eq!(error, "now: not an RFC 3339 time");
}

#[test]
fn an_unknown_time_zone_names_config_timezone() {
    let error = rejected_bundle(|b| b["config"]["timezone"] = json!("Mars/Olympus_Mons"));
    assert!(error.starts_with("config.timezone: "), "{error}");
    assert!(error.contains("Mars/Olympus_Mons"), "says which zone: {error}");
}

#[test]
fn an_unknown_status_names_its_path() {
    let error = rejected_bundle(|b| b["calls"][0]["status"] = json!("ringing"));
    assert!(error.starts_with("calls[0].status: "), "{error}");
    assert!(error.contains("ringing"), "says what it got: {error}");
}

#[test]
fn inverted_business_hours_name_the_interval() {
    let error = rejected_bundle(|b| b["config"]["business_hours"]["mon"][0] = json!(["18:00", "07:30"]));
    assert!(error.starts_with("config.business_hours.mon[0]: "), "{error}");
}

#[test]
fn malformed_json_is_rejected_with_a_position() {
    let error = rejected(&PLUMBING[..PLUMBING.len() / 2]);
    assert!(error.contains("malformed JSON"), "{error}");
    assert!(error.contains("line "), "says where: {error}");
}

#[test]
fn calls_that_are_not_an_array_name_calls() {
    let error = rejected_bundle(|b| b["calls"] = json!({"E1": {}}));
    assert!(error.starts_with("calls: "), "{error}");
}

#[test]
fn a_missing_required_field_names_its_parent() {
    let error = rejected_bundle(|b| {
        b["calls"][1].as_object_mut().unwrap().remove("started_at");
    });
    assert!(error.starts_with("calls[1]"), "{error}");
    assert!(error.contains("started_at"), "names the field: {error}");
}

#[test]
fn an_empty_input_is_rejected() {
    let error = rejected("");
    assert!(error.starts_with("$: ") || error.contains("malformed JSON"), "{error}");
}

// ---------------------------------------------------------------------------------------------
// --input / --output

#[test]
fn output_file_equals_stdout_and_leaves_no_partial_file() {
    let dir = scratch("output_file");
    let input = dir.join("bundle.json");
    std::fs::write(&input, PLUMBING).unwrap();
    let output = dir.join("decisions.json");

    let to_stdout = run_cli(&["triage", "--input", input.to_str().unwrap()], "");
    assert!(to_stdout.status.success(), "{}", String::from_utf8_lossy(&to_stdout.stderr));
    let to_file = run_cli(&["triage", "--input", input.to_str().unwrap(), "--output", output.to_str().unwrap()], "");
    assert!(to_file.status.success(), "{}", String::from_utf8_lossy(&to_file.stderr));
    assert!(to_file.stdout.is_empty(), "--output writes nothing to stdout");

    assert_eq!(std::fs::read(&output).unwrap(), to_stdout.stdout);
    let names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names.len(), 2, "only the input and the output remain: {names:?}");
}

#[test]
fn a_failed_run_leaves_an_existing_output_untouched() {
    let dir = scratch("failed_run");
    let output = dir.join("decisions.json");
    std::fs::write(&output, "previous decisions\n").unwrap();

    let out = run_cli(&["triage", "--output", output.to_str().unwrap()], "{\"now\": ");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&output).unwrap(), "previous decisions\n");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "no temporary file left behind");
}

#[test]
fn an_output_that_is_a_pipe_is_written_into_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    // A pipe stands in for /dev/null: renaming over either replaces it with a plain file.
    let dir = scratch("output_pipe");
    let input = dir.join("bundle.json");
    std::fs::write(&input, PLUMBING).unwrap();
    let pipe = dir.join("decisions.pipe");
    assert!(Command::new("mkfifo").arg(&pipe).status().unwrap().success());
    let reader = {
        let pipe = pipe.clone();
        std::thread::spawn(move || std::fs::read(pipe).unwrap())
    };

    let out = run_cli(&["triage", "--input", input.to_str().unwrap(), "--output", pipe.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::metadata(&pipe).unwrap().file_type().is_fifo(), "the pipe is still a pipe");
    let through_pipe = reader.join().unwrap();
    assert_eq!(through_pipe, run_cli(&["triage", "--input", input.to_str().unwrap()], "").stdout);
}

#[test]
fn stdin_and_input_file_give_the_same_output() {
    let dir = scratch("stdin_vs_file");
    let input = dir.join("bundle.json");
    std::fs::write(&input, PLUMBING).unwrap();
    let from_stdin = run_cli(&["triage"], PLUMBING);
    let from_file = run_cli(&["triage", "--input", input.to_str().unwrap()], "");
    assert!(from_stdin.status.success(), "{}", String::from_utf8_lossy(&from_stdin.stderr));
    assert_eq!(from_stdin.stdout, from_file.stdout);
}

#[test]
fn a_missing_input_file_is_not_an_input_error() {
    let out = run_cli(&["triage", "--input", "/nonexistent/bundle.json"], "");
    assert_ne!(out.status.code(), Some(0));
    assert_ne!(out.status.code(), Some(2), "exit 2 is reserved for invalid bundles");
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/bundle.json"));
}

// ---------------------------------------------------------------------------------------------
// The parser and engine never panic on mangled input

/// A JSON value of the kinds CRM exports and phone webhooks get wrong.
fn junk_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop_oneof![
            Just("".to_owned()),
            Just("Anonymous".to_owned()),
            Just("+1 (303) 555-0122 x12".to_owned()),
            Just("2026-03-09T08:15:00-06:00".to_owned()),
            Just("2026-02-30T25:61:00Z".to_owned()),
            Just("24:00".to_owned()),
            Just("America/Denver".to_owned()),
            Just("voicemail".to_owned()),
            Just("opted_in".to_owned()),
            Just("open".to_owned()),
            "\\PC{0,40}",
            "[0-9+() .x-]{0,20}",
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every path to a value inside `v`, as object keys and array indexes.
fn paths(v: &Value, prefix: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(prefix.clone());
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                prefix.push(Step::Key(k.clone()));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                prefix.push(Step::Index(i));
                paths(child, prefix, out);
                prefix.pop();
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

fn at<'a>(v: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(v, |v, step| match step {
        Step::Key(k) => &mut v[k.as_str()],
        Step::Index(i) => &mut v[*i],
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, Value),
    Remove(usize),
    Duplicate(usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), junk_value()).prop_map(|(p, v)| Mutation::Replace(p, v)),
        2 => any::<usize>().prop_map(Mutation::Remove),
        1 => any::<usize>().prop_map(Mutation::Duplicate),
        1 => any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(bundle: &Value, mutations: &[Mutation]) -> String {
    let mut bundle = bundle.clone();
    for m in mutations {
        let mut all = Vec::new();
        paths(&bundle, &mut Vec::new(), &mut all);
        let pick = |i: usize| all[i % all.len()].clone();
        match m {
            Mutation::Replace(i, v) => *at(&mut bundle, &pick(*i)) = v.clone(),
            Mutation::Remove(i) => {
                let path = pick(*i);
                if let Some((last, parent)) = path.split_last() {
                    match (at(&mut bundle, parent), last) {
                        (Value::Object(map), Step::Key(k)) => {
                            map.remove(k);
                        }
                        (Value::Array(items), Step::Index(i)) if *i < items.len() => {
                            items.remove(*i);
                        }
                        _ => {}
                    }
                }
            }
            Mutation::Duplicate(i) => {
                let path = pick(*i);
                if let Some((Step::Index(idx), parent)) = path.split_last() {
                    if let Value::Array(items) = at(&mut bundle, parent) {
                        let copy = items[*idx].clone();
                        items.push(copy);
                    }
                }
            }
            Mutation::Truncate(i) => {
                let text = bundle.to_string();
                let mut cut = i % (text.len() + 1);
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                return text[..cut].to_owned();
            }
        }
    }
    bundle.to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mangled_bundles_give_ok_or_a_one_line_error_never_a_panic(
        mutations in prop::collection::vec(mutation(), 1..4)
    ) {
        let input = apply(&plumbing(), &mutations);
        match triage_json(&input, &BundledZones) {
            Ok(out) => prop_assert!(serde_json::from_str::<Value>(&out).is_ok()),
            Err(e) => {
                let line = e.to_string();
                prop_assert!(!line.contains('\n'), "one line: {line:?}");
                prop_assert!(!e.path.is_empty(), "names a path: {line:?}");
            }
        }
    }
}
