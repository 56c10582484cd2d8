//! The browser app's entry point: mounts the Leptos shell (`ui::app::App`) on the page body.
//! Built by `scripts/build-wasm app` (a Trunk post-build hook; `index.html` skips Trunk's own
//! Rust build) with `--no-default-features --features app-shell`, and split into lazy chunks.

fn main() {
    callback_clock::ui::report_panics_to_console();
    leptos::mount::mount_to_body(callback_clock::ui::app::App);
}
