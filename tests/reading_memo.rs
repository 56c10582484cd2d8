//! Triaging the same account again with the voicemails' readings kept (`ReadingMemo`), as the
//! browser app does after every action and every minute: it must decide exactly as a fresh
//! triage of the same bundle would, whatever changed in between. The bundles are the
//! benchmarks' generator at a small size: varied voicemails, repeat callers, no voicemail.

use callback_clock::bench_bundle::{self, Sizes};
use callback_clock::engine::bundle::{LexiconEntry, LexiconOverrides};
use callback_clock::engine::reading_memo::ReadingMemo;
use callback_clock::engine::triage::TriageSetup;
use callback_clock::engine::zones::BundledZones;
use callback_clock::engine::{parse_bundle, Bundle};

fn account() -> Bundle {
    parse_bundle(&bench_bundle::bundle_json(&Sizes::scaled(2_000, 300))).expect("the generated bundle is valid")
}

/// The account after one triage, with the memo that triage filled.
fn account_triaged_once() -> (Bundle, ReadingMemo) {
    let bundle = account();
    let mut memo = ReadingMemo::default();
    remembering(&bundle, &mut memo);
    (bundle, memo)
}

/// The decisions and metrics as the JSON every interface speaks, to compare whole.
fn fresh(bundle: &Bundle) -> String {
    let output = TriageSetup::new(bundle, &BundledZones).expect("valid").run();
    serde_json::to_string(&output).expect("serializes")
}

fn remembering(bundle: &Bundle, memo: &mut ReadingMemo) -> String {
    let output = TriageSetup::new(bundle, &BundledZones).expect("valid").run_remembering(memo);
    serde_json::to_string(&output).expect("serializes")
}

fn voicemails(bundle: &Bundle) -> usize {
    let mut heard: Vec<(&str, Option<u64>)> = bundle
        .calls
        .iter()
        .filter_map(|c| c.voicemail.as_ref())
        .filter_map(|v| Some((v.transcript.as_deref()?, v.confidence.map(f64::to_bits))))
        .collect();
    heard.sort_unstable();
    heard.dedup();
    heard.len()
}

#[test]
fn a_triage_from_remembered_readings_decides_as_a_fresh_one() {
    let bundle = account();
    let mut memo = ReadingMemo::default();
    let first = remembering(&bundle, &mut memo);
    assert_eq!(memo.len(), voicemails(&bundle), "every voicemail of the bundle is remembered once");
    let again = remembering(&bundle, &mut memo);
    assert_eq!(first, fresh(&bundle));
    assert_eq!(again, first);
}

#[test]
fn a_voicemail_transcribed_anew_is_read_anew() {
    let (mut bundle, mut memo) = account_triaged_once();
    let call = bundle.calls.iter_mut().find(|c| c.voicemail.as_ref().is_some_and(|v| v.transcript.is_some()));
    let voicemail = call.and_then(|c| c.voicemail.as_mut()).expect("the bundle has voicemails");
    voicemail.transcript = Some("There's gas smell in the basement and the kids are home, please hurry.".into());
    assert_eq!(remembering(&bundle, &mut memo), fresh(&bundle));
}

#[test]
fn a_voicemail_heard_with_another_confidence_is_read_anew() {
    let (mut bundle, mut memo) = account_triaged_once();
    for voicemail in bundle.calls.iter_mut().filter_map(|c| c.voicemail.as_mut()) {
        voicemail.confidence = Some(0.2);
    }
    assert_eq!(remembering(&bundle, &mut memo), fresh(&bundle));
}

#[test]
fn a_changed_lexicon_reads_every_voicemail_again() {
    let (mut bundle, mut memo) = account_triaged_once();
    let quote =
        |phrase: &str| LexiconEntry { phrase: phrase.into(), signal: "said_quote".into(), meaning: "urgent".into() };
    bundle.config.lexicon = Some(LexiconOverrides { add: vec![quote("quote"), quote("estimate")], remove: vec![] });
    let with_overrides = fresh(&bundle);
    assert_ne!(with_overrides, fresh(&account()), "the override changes some reading");
    assert_eq!(remembering(&bundle, &mut memo), with_overrides);
}

#[test]
fn the_memo_keeps_only_the_last_bundles_voicemails() {
    let (mut bundle, mut memo) = account_triaged_once();
    let before = memo.len();
    bundle.calls.truncate(bundle.calls.len() / 3);
    remembering(&bundle, &mut memo);
    assert_eq!(memo.len(), voicemails(&bundle));
    assert!(memo.len() < before);
}
