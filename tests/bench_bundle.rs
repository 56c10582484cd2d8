//! The benchmarks' generated bundle stays the bundle every figure in the README was measured on.
//!
//! The native benchmark, `examples/generate_bundle` and the in-browser benchmark page all call
//! `callback_clock::bench_bundle`; a change to the generator would silently make today's figures
//! incomparable with the README's. So the budget bundle's bytes are pinned here (its length and
//! an FNV-1a hash; the page's smoke test checks the wasm build writes the same bytes as the
//! example). A deliberate change to the generator updates the pin and re-measures.

use callback_clock::bench_bundle::{self, Sizes, BUDGET};

/// FNV-1a, 64 bits: stable across Rust releases, unlike `DefaultHasher`.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

#[test]
fn the_budget_bundle_is_byte_for_byte_the_one_the_readme_was_measured_on() {
    let json = bench_bundle::budget_bundle_json();
    assert_eq!(json.len(), 22_845_270, "the generated bundle changed size");
    assert_eq!(fnv1a(json.as_bytes()), 0x7957_c10f_9b4b_97fa, "the generated bundle changed");
}

#[test]
fn the_page_sizes_scaled_to_the_budget_are_the_budget() {
    assert_eq!(Sizes::scaled(100_000, 10_000), BUDGET);
}

#[test]
fn a_small_bundle_has_the_sizes_asked_for() {
    let bundle: serde_json::Value =
        serde_json::from_str(&bench_bundle::bundle_json(&Sizes::scaled(2_000, 200))).unwrap();
    let count = |pointer: &str| bundle.pointer(pointer).and_then(|v| v.as_array()).map(Vec::len);
    assert_eq!(count("/crm/contacts"), Some(2_000));
    assert_eq!(count("/crm/leads"), Some(400));
    assert_eq!(count("/crm/tickets"), Some(120));
    assert_eq!(count("/calls"), Some(200));
}

#[test]
fn the_same_sizes_give_the_same_bytes() {
    let sizes = Sizes::scaled(500, 50);
    assert_eq!(bench_bundle::bundle_json(&sizes), bench_bundle::bundle_json(&sizes));
}
