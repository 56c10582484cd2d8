//! Times the engine budget of DESIGN.md (setup + run on the benchmark bundle: 10,000 calls,
//! 100,000 contacts) without criterion, for A/B runs of two builds taken side by side, and the
//! rest of what `triageJson` does natively, stage by stage as the benchmark page times it in
//! the browser (parse, setup, run, serialize, free), so the two can be set side by side:
//!
//! `cargo build --release --example time_engine` then, alternating two copies of the binary,
//! `time_engine [ROUNDS]`. Each round parses the bundle's text, builds the `TriageSetup`, runs
//! it, serializes the output and drops all of it; it prints the best and the median of each
//! stage and of setup + run (the budget is < 100 ms). `RAYON_NUM_THREADS=1` runs the reading on
//! one core, as the browser does. "rerun" is `run` again with the voicemails remembered from an
//! earlier run (`ReadingMemo`), as the browser app triages after every action and every minute;
//! "clone" is copying the parsed bundle and freeing the copy, as the app derives a working bundle
//! from the stored one each time (`store::workflow::working_bundle`).

use std::hint::black_box;
use std::time::Instant;

use callback_clock::bench_bundle;
use callback_clock::engine::parse_bundle;
use callback_clock::engine::reading_memo::ReadingMemo;
use callback_clock::engine::triage::TriageSetup;
use callback_clock::engine::zones::BundledZones;

/// Milliseconds per round of one stage.
#[derive(Default)]
struct Stage {
    name: &'static str,
    rounds: Vec<f64>,
}

impl Stage {
    fn named(name: &'static str) -> Self {
        Stage { name, rounds: Vec::new() }
    }

    /// Runs `work`, keeps how long it took, and returns what it made.
    fn time<T>(&mut self, work: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let made = work();
        self.rounds.push(start.elapsed().as_secs_f64() * 1e3);
        made
    }

    fn report(&mut self) {
        self.rounds.sort_by(f64::total_cmp);
        let (best, median) = (self.rounds[0], self.rounds[self.rounds.len() / 2]);
        println!("{:>12}: best {best:6.1} ms, median {median:6.1} ms", self.name);
    }
}

fn main() {
    let rounds: usize = std::env::args().filter_map(|a| a.parse().ok()).next().unwrap_or(15);
    let json = bench_bundle::budget_bundle_json();
    let [mut parse, mut clone, mut setup, mut run, mut rerun, mut serialize, mut free] =
        ["parse", "clone", "setup", "run", "rerun", "serialize", "free"].map(Stage::named);
    let mut memo = ReadingMemo::default();
    {
        let bundle = parse_bundle(&json).expect("the generated bundle is valid");
        let setup = TriageSetup::new(&bundle, &BundledZones).unwrap_or_else(|e| panic!("{e}"));
        black_box(setup.run_remembering(&mut memo));
    }
    let mut setup_and_run = Stage::named("setup + run");
    for _ in 0..rounds.max(1) {
        let bundle = parse.time(|| parse_bundle(black_box(&json)).expect("the generated bundle is valid"));
        clone.time(|| drop(black_box(bundle.clone())));
        let set_up =
            setup.time(|| TriageSetup::new(black_box(&bundle), &BundledZones).unwrap_or_else(|e| panic!("{e}")));
        let output = run.time(|| set_up.run());
        black_box(rerun.time(|| set_up.run_remembering(&mut memo)));
        let text = serialize.time(|| serde_json::to_string(&output).expect("the output serializes"));
        black_box(text);
        // Not `free.time`: the setup borrows the bundle, so the three are dropped here in turn.
        let start = Instant::now();
        drop(output);
        drop(set_up);
        drop(bundle);
        free.rounds.push(start.elapsed().as_secs_f64() * 1e3);
        let last = |stage: &Stage| stage.rounds.last().copied().unwrap_or_default();
        setup_and_run.rounds.push(last(&setup) + last(&run));
    }
    for stage in
        [&mut parse, &mut clone, &mut setup, &mut run, &mut rerun, &mut serialize, &mut free, &mut setup_and_run]
    {
        stage.report();
    }
}
