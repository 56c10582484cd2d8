//! The layer rules of ARCHITECTURE.md, checked on the source itself: what each layer may name
//! from the others, that the engine reads no clock, and that no component touches IndexedDB.
//!
//! A rule only a reviewer remembers is a rule that drifts. These read the `.rs` files as text
//! (comments skipped), so a `use` that breaks a rule fails here with the file and line, before
//! it can grow into a dependency. Strings in code count too: a path spelled in a string literal
//! is rare enough in these layers to be worth a look.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/<dir>`.
fn sources(dir: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir), &mut out);
    out.sort();
    assert!(!out.is_empty(), "no sources under src/{dir}");
    out
}

/// The lines of `dir`'s sources that contain any of `forbidden`, comments left out.
fn offending_lines(dir: &str, forbidden: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for path in sources(dir) {
        let text = std::fs::read_to_string(&path).unwrap();
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if let Some(word) = forbidden.iter().find(|word| code.contains(*word)) {
                let shown = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(&path).display().to_string();
                found.push(format!("{shown}:{}: {word}: {}", number + 1, line.trim()));
            }
        }
    }
    found
}

#[test]
fn the_engine_names_no_layer_below_it() {
    let below = ["crate::connectors", "crate::store", "crate::sync", "crate::ui", "crate::server", "crate::demo"];
    let found = offending_lines("engine", &below);
    assert!(found.is_empty(), "the engine must not depend on another layer:\n{}", found.join("\n"));
}

#[test]
fn the_engine_reads_no_clock_and_does_no_io() {
    let impure = [
        "Timestamp::now",
        "Zoned::now",
        "SystemTime",
        "Instant::now",
        "js_sys::Date",
        "performance_now",
        "js_namespace = performance",
        "std::fs",
        "std::net",
        "web_sys",
        "std::env",
    ];
    let found = offending_lines("engine", &impure);
    assert!(found.is_empty(), "the engine takes now and its data as arguments:\n{}", found.join("\n"));
}

#[test]
fn the_connectors_name_only_the_engine() {
    let below = ["crate::store", "crate::sync", "crate::ui", "crate::server", "crate::demo"];
    let found = offending_lines("connectors", &below);
    assert!(found.is_empty(), "connectors are sans-I/O clients of the engine's types:\n{}", found.join("\n"));
}

#[test]
fn the_connectors_do_no_io_and_read_no_clock() {
    let impure = ["Timestamp::now", "SystemTime", "Instant::now", "std::net", "web_sys", "gloo_net", "reqwest"];
    let found = offending_lines("connectors", &impure);
    assert!(found.is_empty(), "whoever holds the network sends the requests:\n{}", found.join("\n"));
}

#[test]
fn no_component_touches_indexeddb_itself() {
    let storage = ["IdbStore", "idb_store", "indexed_db", "IdbDatabase", "idb::", "rexie", "MemoryStore"];
    let found = offending_lines("ui", &storage);
    assert!(found.is_empty(), "components go through AppState, never the store:\n{}", found.join("\n"));
}
