//! Every decision the engine makes on many voicemails, one JSON line each, so that a change
//! meant only for speed can be shown to change no output: run it before and after and `cmp`.
//!
//! `cargo run --release --example reading_fingerprint -- OUT.jsonl [SYNTHETIC]`
//!
//! The voicemails: the dev corpus (`tests/voicemails/dev/`, never the held-out set), then
//! SYNTHETIC (default 20,000) transcripts spliced from pieces of them with cue words, noise,
//! numbers, punctuation and case changes mixed in (a fixed seed), then the benchmark bundle.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use callback_clock::bench_bundle;
use callback_clock::engine::triage_json;
use callback_clock::engine::zones::BundledZones;
use serde_json::{json, Value};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "not",
    "no",
    "never",
    "isn't",
    "last year",
    "years ago",
    "if",
    "in case",
    "today",
    "tonight",
    "asap",
    "no rush",
    "again",
    "still",
    "[inaudible]",
    "...",
    "…",
    "um",
    "uh",
    ",",
    ".",
    "?",
    "!",
    ";",
    "—",
    "°",
    "°C",
    "minus",
    "thirty five degrees",
    "a hundred and six outside",
    "its 34 in here",
    "call me back at 720-555-0111",
    "zip 80202",
    "this is",
    "it's",
    "from",
    "calling from",
    "street",
    "lane",
    "my mom is 90",
    "baby",
    "see oh",
    "h v a c",
    "fur nice",
    "he'd her",
    "won’t",
    "it’s",
    "Calefacción",
    "no hay",
    "huele a gas",
    "y",
    "de",
    "gas",
    "smoke",
    "flood",
    "panel",
    "hot",
    "sparks",
    "water",
    "everywhere",
    "heat",
    "out",
    "furnace",
    "quit",
    "how much",
    "you replaced",
    "wrong number",
    "seo",
    "press one",
    "going off",
    "detector",
    "burning smell",
];

fn corpus_transcripts(root: &Path) -> Vec<(String, Option<f64>)> {
    let mut files: Vec<_> = std::fs::read_dir(root.join("tests/voicemails/dev"))
        .expect("tests/voicemails/dev")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut found = Vec::new();
    for file in files {
        for line in std::fs::read_to_string(&file).unwrap().lines().filter(|l| !l.trim().is_empty()) {
            let value: Value = serde_json::from_str(line).unwrap();
            let text = value["transcript"].as_str().unwrap_or("").to_owned();
            found.push((text, value["confidence"].as_f64()));
        }
    }
    found
}

fn synthetic(rng: &mut Rng, corpus: &[(String, Option<f64>)]) -> (String, Option<f64>) {
    let mut out = String::new();
    for _ in 0..1 + rng.below(3) {
        let words: Vec<&str> = corpus[rng.below(corpus.len())].0.split(' ').collect();
        let from = rng.below(words.len().max(1));
        let len = 1 + rng.below(25);
        for word in words.iter().skip(from).take(len) {
            if rng.below(9) == 0 {
                out.push_str(PIECES[rng.below(PIECES.len())]);
                out.push(' ');
            }
            out.push_str(word);
            out.push(' ');
        }
    }
    let mut text = match rng.below(6) {
        0 => out.to_lowercase(),
        1 => out.replace([',', '.', '?', '!'], ""),
        2 => out.to_uppercase(),
        _ => out,
    };
    if rng.below(4) == 0 {
        text = text.trim_end().to_owned();
    }
    let confidence = match rng.below(5) {
        0 => None,
        1 => Some(0.3),
        _ => Some(0.85),
    };
    (text, confidence)
}

fn bundle(transcripts: &[(String, Option<f64>)]) -> String {
    let calls: Vec<Value> = transcripts
        .iter()
        .enumerate()
        .map(|(i, (text, confidence))| {
            json!({
                "id": format!("v{i}"), "from": format!("+1312555{:04}", i % 10_000), "to": "+13125550100",
                "started_at": format!("2026-11-24T{:02}:{:02}:00-06:00", 8 + (i / 60) % 9, i % 60),
                "status": "voicemail",
                "voicemail": {"transcript": text, "confidence": confidence}
            })
        })
        .collect();
    json!({
        "now": "2026-11-24T18:00:00-06:00",
        "config": {
            "timezone": "America/Chicago",
            "business_hours": {"tue": [["08:00", "17:00"]]},
            "owners": [{"id": "o_ana", "name": "Ana", "territories": ["606"]}],
            "routing": {"default_owner": "o_ana"},
            "repeat_window_minutes": 0
        },
        "crm": {"contacts": [], "leads": [], "tickets": []},
        "calls": calls
    })
    .to_string()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let out_path = args.next().expect("usage: reading_fingerprint OUT.jsonl [SYNTHETIC]");
    let count: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = corpus_transcripts(root);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut transcripts = corpus.clone();
    transcripts.extend((0..count).map(|_| synthetic(&mut rng, &corpus)));
    let mut lines = String::new();
    for json in [bundle(&transcripts), bench_bundle::budget_bundle_json()] {
        let output: Value = serde_json::from_str(&triage_json(&json, &BundledZones).expect("valid bundle")).unwrap();
        for decision in output["decisions"].as_array().unwrap() {
            writeln!(lines, "{decision}").unwrap();
        }
        writeln!(lines, "{}", output["metrics"]).unwrap();
    }
    std::fs::File::create(&out_path).unwrap().write_all(lines.as_bytes()).unwrap();
    eprintln!("{} voicemails, {} bytes written to {out_path}", transcripts.len(), lines.len());
}
