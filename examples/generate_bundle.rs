//! Writes the benchmarks' bundle (`callback_clock::bench_bundle`) as JSON: the budget's 10,000
//! calls against 100,000 contacts (~23 MB) by default, or the sizes the benchmark page takes:
//!
//! `cargo run --release --example generate_bundle -- target/big-bundle.json`
//! `cargo run --example generate_bundle -- small.json 2000 200` (contacts, calls)
//!
//! `-` or no file writes to stdout. Used by scripts/bench-cli, and by the benchmark page's smoke
//! test (tests/bench_page.mjs) to check the page generates the same bytes.

use std::io::Write as _;
use std::process::ExitCode;

use callback_clock::bench_bundle::{self, Sizes, BUDGET};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sizes = match &args[..] {
        [] | [_] => BUDGET,
        [_, contacts, calls] => match (contacts.parse(), calls.parse()) {
            (Ok(contacts), Ok(calls)) => Sizes::scaled(contacts, calls),
            _ => return usage(),
        },
        _ => return usage(),
    };
    let json = bench_bundle::bundle_json(&sizes);
    let written = match args.first().map(String::as_str) {
        Some(path) if path != "-" => std::fs::write(path, json),
        _ => std::io::stdout().lock().write_all(json.as_bytes()),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("generate_bundle: {error}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> ExitCode {
    eprintln!("usage: generate_bundle [FILE|-] [CONTACTS CALLS]");
    ExitCode::from(2)
}
