//! The voicemail corpus scorer (issue 11): how well the engine reads voicemails written the
//! way speech-to-text delivers them, by people who never saw the engine's code.
//!
//! Every `*.jsonl` under `tests/voicemails/<set>/` is one labelled voicemail a line (format:
//! `/work/corpus/WRITERS.md`, copied into `tests/voicemails/README.md`). `VOICEMAIL_SET=dev`
//! scores one set; by default every folder present is scored, each on its own, so a held-out
//! folder added later is scored the same way. Each voicemail becomes one call from a new
//! caller (a valid caller id, no CRM match, during business hours, an owner configured), and
//! all of a set's calls go through the public JSON interface in one bundle.
//!
//! Printed: per-level precision and recall, the confusion matrix, per-category figures, action
//! accuracy, how often emergency and urgent evidence quotes the words that carry the danger,
//! and safety. Only safety is asserted: every quote equals the transcript at its offsets, every
//! summary line is in the transcript, and no level or category is without evidence. Accuracy
//! is reported, not asserted. `VOICEMAIL_MISSES=1` also lists every item the engine got wrong.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use callback_clock::engine::triage_json;
use callback_clock::engine::zones::BundledZones;
use serde_json::{json, Value};

const LEVELS: [&str; 4] = ["emergency", "urgent", "routine", "unknown"];
const CATEGORIES: [&str; 7] = [
    "service_request",
    "complaint",
    "pricing_request",
    "availability_request",
    "existing_job",
    "vendor_or_solicitation",
    "wrong_number",
];

/// One labelled voicemail.
struct Item {
    id: String,
    lang: String,
    transcript: String,
    confidence: Option<f64>,
    level: String,
    categories: Vec<String>,
    not_categories: Vec<String>,
    action: String,
    key_phrases: Vec<String>,
}

fn strings(value: &Value) -> Vec<String> {
    value.as_array().map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect()).unwrap_or_default()
}

fn parse_item(line: &str, origin: &str) -> Result<Item, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("{origin}: not JSON: {e}"))?;
    let text = |v: &Value| v.as_str().map(str::to_owned);
    let expect = &value["expect"];
    Ok(Item {
        id: text(&value["id"]).ok_or_else(|| format!("{origin}: no id"))?,
        lang: text(&value["lang"]).unwrap_or_else(|| "en".into()),
        transcript: text(&value["transcript"]).unwrap_or_default(),
        confidence: value["confidence"].as_f64(),
        level: text(&expect["level"]).ok_or_else(|| format!("{origin}: no expect.level"))?,
        categories: strings(&expect["categories"]),
        not_categories: strings(&expect["not_categories"]),
        action: text(&expect["action"]).ok_or_else(|| format!("{origin}: no expect.action"))?,
        key_phrases: strings(&expect["key_phrases"]),
    })
}

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/voicemails")
}

/// The sets to score: `VOICEMAIL_SET`, else every folder under `tests/voicemails/`.
fn sets() -> Vec<String> {
    if let Ok(set) = std::env::var("VOICEMAIL_SET") {
        return set.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect();
    }
    let mut found: Vec<String> = std::fs::read_dir(corpus_root())
        .map(|dir| {
            dir.filter_map(Result::ok)
                .filter(|e| e.path().is_dir())
                .filter_map(|e| e.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

fn load_set(set: &str) -> Vec<Item> {
    let dir = corpus_root().join(set);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut items = Vec::new();
    for file in files {
        let content = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for (n, line) in content.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let origin = format!("{}:{}", file.display(), n + 1);
            // A malformed line is the corpus's fault, not the engine's: report it and go on.
            match parse_item(line, &origin) {
                Ok(item) => items.push(item),
                Err(problem) => println!("skipped {problem}"),
            }
        }
    }
    items
}

/// One bundle: a call a voicemail, each from its own new caller, on a Tuesday morning.
fn bundle_of(items: &[Item]) -> Value {
    let calls: Vec<Value> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            json!({
                "id": format!("vm{i}"),
                "from": format!("+1312{:07}", 2_000_000 + i),
                "to": "+13125550100",
                "started_at": "2026-11-24T10:00:00-06:00",
                "status": "voicemail",
                "voicemail": {"transcript": item.transcript, "confidence": item.confidence}
            })
        })
        .collect();
    let weekday = json!([["08:00", "17:00"]]);
    json!({
        "now": "2026-11-24T10:30:00-06:00",
        "config": {
            "timezone": "America/Chicago",
            "business_hours": {"mon": weekday, "tue": weekday, "wed": weekday, "thu": weekday, "fri": weekday},
            "sources": [{"number": "+1 312 555 0100", "name": "Website"}],
            "owners": [{"id": "o_ana", "name": "Ana"}, {"id": "o_ben", "name": "Ben"}],
            "routing": {"default_owner": "o_ana", "after_hours_owner": "o_ben"},
            "sms": {"enabled": false, "templates": []}
        },
        "crm": {"contacts": [], "leads": [], "tickets": []},
        "calls": calls,
        "activities": []
    })
}

fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end.saturating_sub(start)).collect()
}

/// Code-point ranges where `phrase` occurs in `text`.
fn occurrences(text: &str, phrase: &str) -> Vec<(usize, usize)> {
    let phrase_chars = phrase.chars().count();
    text.match_indices(phrase)
        .map(|(byte, _)| {
            let start = text[..byte].chars().count();
            (start, start + phrase_chars)
        })
        .collect()
}

/// Every way a decision could cite what is not there (rule 12) or label without evidence.
fn safety_breaches(item: &Item, decision: &Value) -> Vec<String> {
    let mut breaches = Vec::new();
    let text = &item.transcript;
    let check_evidence = |evidence: &Value, label: &str, breaches: &mut Vec<String>| {
        if evidence["source"] != "voicemail" {
            return;
        }
        let (Some(start), Some(end), Some(quote)) =
            (evidence["start"].as_u64(), evidence["end"].as_u64(), evidence["quote"].as_str())
        else {
            breaches.push(format!("{label}: voicemail evidence without quote and offsets"));
            return;
        };
        let actual = char_slice(text, start as usize, end as usize);
        if actual != quote {
            breaches.push(format!("{label}: quote {quote:?} is {actual:?} at {start}..{end}"));
        }
    };
    let urgency = &decision["urgency"];
    let evidence = urgency["evidence"].as_array().cloned().unwrap_or_default();
    for e in &evidence {
        check_evidence(e, "urgency", &mut breaches);
    }
    let level = urgency["level"].as_str().unwrap_or("");
    if matches!(level, "emergency" | "urgent") && evidence.is_empty() {
        breaches.push(format!("level {level} without evidence"));
    }
    for category in decision["categories"].as_array().into_iter().flatten() {
        let name = category["name"].as_str().unwrap_or("?");
        let cited = category["evidence"].as_array().cloned().unwrap_or_default();
        if cited.is_empty() {
            breaches.push(format!("category {name} without evidence"));
        }
        for e in &cited {
            check_evidence(e, name, &mut breaches);
        }
    }
    for line in decision["summary"].as_array().into_iter().flatten() {
        let line = line.as_str().unwrap_or("");
        if line.is_empty() || !text.contains(line) {
            breaches.push(format!("summary line {line:?} is not in the transcript"));
        }
    }
    breaches
}

fn percent(hits: usize, total: usize) -> String {
    if total == 0 {
        "n/a".into()
    } else {
        format!("{hits}/{total} ({:.1}%)", 100.0 * hits as f64 / total as f64)
    }
}

/// What one set scored; returns the safety breaches.
fn score_set(set: &str, items: &[Item]) -> Vec<String> {
    let output = triage_json(&bundle_of(items).to_string(), &BundledZones).expect("the scorer's bundle is valid");
    let output: Value = serde_json::from_str(&output).expect("output is JSON");
    let decisions = output["decisions"].as_array().expect("decisions");

    let mut confusion: BTreeMap<(&str, String), usize> = BTreeMap::new();
    let mut level_right = 0;
    let mut action_right = 0;
    let mut categories_right = 0;
    let mut required: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut forbidden: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let (mut quoted, mut quotable) = (0, 0);
    let mut by_lang: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut breaches = Vec::new();
    let mut misses = String::new();

    for (item, decision) in items.iter().zip(decisions) {
        let level = decision["urgency"]["level"].as_str().unwrap_or("?").to_owned();
        let action = decision["action"].as_str().unwrap_or("?");
        let got: Vec<&str> =
            decision["categories"].as_array().into_iter().flatten().filter_map(|c| c["name"].as_str()).collect();
        *confusion
            .entry((LEVELS.iter().find(|l| **l == item.level).copied().unwrap_or("?"), level.clone()))
            .or_default() += 1;
        let level_ok = level == item.level;
        level_right += usize::from(level_ok);
        let lang = by_lang.entry(if item.lang == "es" { "es" } else { "en" }).or_default();
        lang.0 += usize::from(level_ok);
        lang.1 += 1;
        let action_ok = action == item.action;
        action_right += usize::from(action_ok);
        let mut categories_ok = true;
        for name in &item.categories {
            let entry = required.entry(CATEGORIES.iter().find(|c| *c == name).copied().unwrap_or("?")).or_default();
            let present = got.contains(&name.as_str());
            entry.0 += usize::from(present);
            entry.1 += 1;
            categories_ok &= present;
        }
        for name in &item.not_categories {
            let entry = forbidden.entry(CATEGORIES.iter().find(|c| *c == name).copied().unwrap_or("?")).or_default();
            let absent = !got.contains(&name.as_str());
            entry.0 += usize::from(absent);
            entry.1 += 1;
            categories_ok &= absent;
        }
        categories_right += usize::from(categories_ok);
        let mut quote_ok = true;
        if matches!(item.level.as_str(), "emergency" | "urgent") && !item.key_phrases.is_empty() {
            quotable += 1;
            let keys: Vec<(usize, usize)> =
                item.key_phrases.iter().flat_map(|k| occurrences(&item.transcript, k)).collect();
            quote_ok = decision["urgency"]["evidence"].as_array().into_iter().flatten().any(|e| {
                let (Some(s), Some(e)) = (e["start"].as_u64(), e["end"].as_u64()) else { return false };
                keys.iter().any(|&(ks, ke)| (s as usize) < ke && ks < e as usize)
            });
            quoted += usize::from(quote_ok);
        }
        for breach in safety_breaches(item, decision) {
            breaches.push(format!("{}: {breach}", item.id));
        }
        if !(level_ok && action_ok && categories_ok && quote_ok) {
            let quotes: Vec<&str> = decision["urgency"]["evidence"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|e| e["quote"].as_str())
                .collect();
            let _ = writeln!(
                misses,
                "  {} [{}] level {} -> {level} | action {} -> {action} | want {:?} not {:?} got {got:?} | keys {:?} quoted {quotes:?}\n      {:?}",
                item.id,
                item.lang,
                item.level,
                item.action,
                item.categories,
                item.not_categories,
                item.key_phrases,
                item.transcript,
            );
        }
    }

    let n = items.len();
    println!("\n=== voicemail corpus: {set} ({n} voicemails) ===");
    println!("level accuracy          {}", percent(level_right, n));
    for (lang, (right, total)) in &by_lang {
        println!("  level accuracy ({lang})   {}", percent(*right, *total));
    }
    for level in LEVELS {
        let predicted: usize = confusion.iter().filter(|((_, got), _)| got == level).map(|(_, c)| c).sum();
        let actual: usize = confusion.iter().filter(|((want, _), _)| *want == level).map(|(_, c)| c).sum();
        let right = confusion.get(&(level, level.to_owned())).copied().unwrap_or(0);
        println!("  {level:<10} precision {:<18} recall {}", percent(right, predicted), percent(right, actual));
    }
    println!("confusion (rows: expected, columns: engine)");
    println!("  {:<10} {:>9} {:>9} {:>9} {:>9}", "", LEVELS[0], LEVELS[1], LEVELS[2], LEVELS[3]);
    for want in LEVELS {
        let row: Vec<usize> =
            LEVELS.iter().map(|got| confusion.get(&(want, (*got).to_owned())).copied().unwrap_or(0)).collect();
        println!("  {want:<10} {:>9} {:>9} {:>9} {:>9}", row[0], row[1], row[2], row[3]);
    }
    println!("categories (required present, forbidden absent) {}", percent(categories_right, n));
    for name in CATEGORIES {
        let (rp, rt) = required.get(name).copied().unwrap_or_default();
        let (fa, ft) = forbidden.get(name).copied().unwrap_or_default();
        println!("  {name:<24} present {:<18} absent {}", percent(rp, rt), percent(fa, ft));
    }
    println!("action accuracy         {}", percent(action_right, n));
    println!("evidence quotes the key phrase (emergency/urgent) {}", percent(quoted, quotable));
    println!(
        "safety                  {}",
        if breaches.is_empty() { "100% (no breach)".to_owned() } else { format!("{} breaches", breaches.len()) }
    );
    if std::env::var("VOICEMAIL_MISSES").is_ok_and(|v| v == "1") && !misses.is_empty() {
        println!("misses:\n{misses}");
    }
    breaches
}

#[test]
fn voicemail_corpus_is_read_safely_and_scored() {
    let mut breaches = Vec::new();
    for set in sets() {
        let items = load_set(&set);
        if items.is_empty() {
            println!("voicemail corpus {set}: no voicemails");
            continue;
        }
        breaches.extend(score_set(&set, &items));
    }
    assert!(breaches.is_empty(), "safety breaches:\n{}", breaches.join("\n"));
}
