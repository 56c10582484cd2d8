//! Callback Clock: every missed call becomes an owned, evidence-cited work item.
//!
//! `engine` holds the pure decision rules; the other layers (connectors, demo, store, sync, ui,
//! server, js_api) build on it and never the other way round. See ARCHITECTURE.md for the layers
//! and the flow of one call.

// talc instead of Rust's default wasm allocator (dlmalloc): about 1 KB less of every wasm main
// module gzipped (the CRM sidebar's first paint: 204,789 -> 203,781 B), and frees the benchmark
// bundle in 10 ms instead of 16 (README, issue 16). Single-threaded wasm only, as talc's guide says.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub mod connectors;
pub mod demo;
pub mod engine;
pub mod store;
#[cfg(feature = "app")]
pub mod sync;
#[cfg(feature = "app")]
pub mod ui;

#[cfg(feature = "js-api")]
pub mod js_api;

// The benchmarks' generated bundle: natively for benches/ and examples/, in wasm only for the
// benchmark page's build (feature `bench`), so the app's and pkg/'s builds never compile it.
#[cfg(any(feature = "bench", not(target_arch = "wasm32")))]
pub mod bench_bundle;

#[cfg(all(feature = "server", not(target_arch = "wasm32")))]
pub mod server;
