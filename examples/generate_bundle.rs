//! Writes the benchmark's bundle (10,000 calls, 100,000 contacts, ~18 MB) as JSON:
//! `cargo run --release --example generate_bundle -- target/big-bundle.json`
//! (stdout without an argument). Used by scripts/bench-cli.

#[path = "../benches/support/generate.rs"]
mod generate;

fn main() -> std::io::Result<()> {
    let json = generate::budget_bundle_json();
    match std::env::args_os().nth(1) {
        Some(path) => std::fs::write(path, json),
        None => std::io::Write::write_all(&mut std::io::stdout().lock(), json.as_bytes()),
    }
}
