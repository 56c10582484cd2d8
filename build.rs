//! Encodes the learned readers' tables (`src/engine/*_weights.tsv`, written by training as text
//! a person can read) into the compact form the engine ships (`engine::learned_table`): every
//! browser's first triage fetches them.

use std::path::PathBuf;

// The engine's own encoder, so the two cannot disagree; the build only encodes.
#[allow(dead_code)]
#[path = "src/engine/learned_table.rs"]
mod learned_table;

fn main() {
    println!("cargo::rerun-if-changed=src/engine/learned_table.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for table in ["danger_weights", "category_weights"] {
        let source = format!("src/engine/{table}.tsv");
        println!("cargo::rerun-if-changed={source}");
        let text = std::fs::read_to_string(&source).unwrap_or_else(|e| panic!("{source}: {e}"));
        let encoded = learned_table::encode(&text).unwrap_or_else(|e| panic!("{source}: {e}"));
        std::fs::write(out.join(format!("{table}.bin")), encoded).unwrap_or_else(|e| panic!("{table}.bin: {e}"));
    }
}
