//! The browser app's entry point: mounts the Leptos shell (`ui::app::App`) on the page body.
//! Built by Trunk from index.html with `--no-default-features --features app`.

fn main() {
    console_error_panic_hook_lite();
    leptos::mount::mount_to_body(callback_clock::ui::app::App);
}

/// Panics show in the browser console instead of "unreachable executed".
fn console_error_panic_hook_lite() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
}
