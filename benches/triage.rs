//! The engine budget of DESIGN.md: 10,000 missed calls against a CRM of 100,000 contacts,
//! index build included, under 100 ms native.
//!
//! `cargo bench --bench triage` runs, on the generated bundle of `callback_clock::bench_bundle`:
//! - `triage/end_to_end`: JSON text in, JSON text out (`engine::triage_json`), what the CLI does
//!   minus file I/O.
//!
//! And, to say which stage is slow when the budget is missed:
//! - `stages/parse`: JSON text to a validated `Bundle`;
//! - `stages/crm_index`: the CRM index for the bundle's callers (their numbers, the contact
//!   ids, open leads and tickets, and the names of the callers no number matches);
//! - `stages/setup`: zone, calendar, tracking numbers, lexicon, owners and the CRM index;
//! - `stages/run`: the decisions and metrics for every call, each time on a fresh setup (not
//!   timed);
//! - `stages/serialize`: the output to JSON text.
//!
//! And the reading of one long voicemail (issue 10: it once grew with the cube of its length):
//! - `long_voicemail/one_megabyte`: a 1 MB transcript of mixed speech, triaged end to end
//!   (budget: under 50 ms);
//! - `long_voicemail/negated_time_pressure_8k`: "not today" repeated to 8 KB, the worst case
//!   found (it took over 30 s; budget: under 5 ms);
//! - `long_voicemail/punctuated_128k`: a 128 KB transcript of short sentences (7 s before).

use std::hint::black_box;
use std::time::Duration;

use callback_clock::bench_bundle;
use callback_clock::engine::crm_index::{Caller, CrmIndex};
use callback_clock::engine::phone::PhoneNormalizer;
use callback_clock::engine::triage::TriageSetup;
use callback_clock::engine::zones::BundledZones;
use callback_clock::engine::{parse_bundle, triage_json};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

fn budget(c: &mut Criterion) {
    let json = bench_bundle::budget_bundle_json();
    let bundle = parse_bundle(&json).expect("the generated bundle is valid");
    eprintln!(
        "bundle: {:.1} MB, {} contacts, {} leads, {} tickets, {} calls, {} activities",
        json.len() as f64 / 1e6,
        bundle.crm.contacts.len(),
        bundle.crm.leads.len(),
        bundle.crm.tickets.len(),
        bundle.calls.len(),
        bundle.activities.len()
    );

    let mut group = c.benchmark_group("triage");
    group.sample_size(20).measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Elements(bundle.calls.len() as u64));
    group.bench_function("end_to_end", |b| b.iter(|| triage_json(black_box(&json), &BundledZones).unwrap()));
    group.finish();

    let mut group = c.benchmark_group("stages");
    group.sample_size(20).measurement_time(Duration::from_secs(6));
    group.bench_function("parse", |b| b.iter(|| parse_bundle(black_box(&json)).unwrap()));
    let phones = PhoneNormalizer::new(&bundle.config.default_country);
    let ids: Vec<_> = bundle.calls.iter().map(|c| phones.classify(c.from.as_deref())).collect();
    let callers = Caller::of_calls(&ids, &bundle.calls);
    group.bench_function("crm_index", |b| b.iter(|| CrmIndex::build(black_box(&bundle.crm), &phones, &callers)));
    group.bench_function("setup", |b| {
        b.iter(|| TriageSetup::new(black_box(&bundle), &BundledZones).unwrap_or_else(|e| panic!("{e}")))
    });
    let new_setup = || TriageSetup::new(&bundle, &BundledZones).unwrap_or_else(|e| panic!("{e}"));
    group.bench_function("run", |b| b.iter_batched_ref(new_setup, |setup| setup.run(), BatchSize::PerIteration));
    let output = new_setup().run();
    group.bench_function("serialize", |b| b.iter(|| serde_json::to_string(black_box(&output)).unwrap()));
    group.finish();
}

/// A bundle of one voicemail with this transcript.
fn one_voicemail_bundle(transcript: &str) -> String {
    serde_json::json!({
        "now": "2026-11-24T16:00:00-06:00",
        "config": {
            "timezone": "America/Chicago",
            "business_hours": {"tue": [["08:00", "17:00"]]},
            "owners": [{"id": "o_ana", "name": "Ana"}],
            "routing": {"default_owner": "o_ana"}
        },
        "crm": {"contacts": [], "leads": [], "tickets": []},
        "calls": [{
            "id": "long", "from": "+13125550111", "to": "+13125550100",
            "started_at": "2026-11-24T10:00:00-06:00", "status": "voicemail",
            "voicemail": {"transcript": transcript, "confidence": 0.8}
        }]
    })
    .to_string()
}

fn repeated_to(piece: &str, bytes: usize) -> String {
    piece.repeat(bytes / piece.len() + 1)
}

fn long_voicemails(c: &mut Criterion) {
    let mixed = "um hi it's rusty burns on ember lane, no gas smell but the panel is buzzing and not today \
                 thirty eight degrees [inaudible] if it floods, last year the pipe burst; call me back ";
    let cases = [
        ("one_megabyte", repeated_to(mixed, 1 << 20)),
        ("negated_time_pressure_8k", repeated_to("not today ", 8 << 10)),
        ("punctuated_128k", repeated_to("no heat. not today! gas? ", 128 << 10)),
    ];
    let mut group = c.benchmark_group("long_voicemail");
    group.sample_size(20).measurement_time(Duration::from_secs(4));
    for (name, transcript) in cases {
        let json = one_voicemail_bundle(&transcript);
        group.bench_function(name, |b| b.iter(|| triage_json(black_box(&json), &BundledZones).unwrap()));
    }
    group.finish();
}

criterion_group!(benches, budget, long_voicemails);
criterion_main!(benches);
