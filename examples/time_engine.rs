//! Times the engine budget of DESIGN.md (setup + run on the benchmark bundle: 10,000 calls,
//! 100,000 contacts) without criterion, for A/B runs of two builds taken side by side:
//!
//! `cargo build --release --example time_engine` then, alternating two copies of the binary,
//! `time_engine [ROUNDS]`. Each round times `TriageSetup::new` and `run` once; it prints the
//! best and the median of each and of their sum per call to `run` (the budget is < 100 ms).

use std::hint::black_box;
use std::time::Instant;

use callback_clock::bench_bundle;
use callback_clock::engine::parse_bundle;
use callback_clock::engine::triage::TriageSetup;
use callback_clock::engine::zones::BundledZones;

fn main() {
    let rounds: usize = std::env::args().filter_map(|a| a.parse().ok()).next().unwrap_or(15);
    let json = bench_bundle::budget_bundle_json();
    let bundle = parse_bundle(&json).expect("the generated bundle is valid");
    let mut setups = Vec::with_capacity(rounds);
    let mut runs = Vec::with_capacity(rounds);
    let mut sums = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let start = Instant::now();
        let setup = TriageSetup::new(black_box(&bundle), &BundledZones).unwrap_or_else(|e| panic!("{e}"));
        let set_up = start.elapsed().as_secs_f64() * 1e3;
        let start = Instant::now();
        black_box(setup.run());
        let ran = start.elapsed().as_secs_f64() * 1e3;
        setups.push(set_up);
        runs.push(ran);
        sums.push(set_up + ran);
    }
    let report = |name: &str, values: &mut Vec<f64>| {
        values.sort_by(f64::total_cmp);
        println!("{name:>12}: best {:6.1} ms, median {:6.1} ms", values[0], values[values.len() / 2]);
    };
    report("setup", &mut setups);
    report("run", &mut runs);
    report("setup + run", &mut sums);
}
