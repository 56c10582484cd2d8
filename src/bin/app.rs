//! The browser app's entry point: mounts the Leptos shell (`ui::app::App`) on the page body.
//! Built by Trunk from index.html with `--no-default-features --features app`.

fn main() {
    callback_clock::ui::report_panics_to_console();
    leptos::mount::mount_to_body(callback_clock::ui::app::App);
}
