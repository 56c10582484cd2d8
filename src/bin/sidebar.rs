//! The CRM sidebar's own entry point: only the sidebar (record in view, my queue, attempts and
//! dispositions) on the shared store, without the router, reports, settings or CSV import, so
//! what a CRM loads in its iframe stays small; write-back (the outbox runner and the connectors'
//! clients) comes as a lazy chunk once the store is loaded (`ui::embedded`). Built by
//! `scripts/build-sidebar` into `dist/sidebar/` (a Trunk post-build hook); `index.html` sends the
//! full app's `?embed=sidebar` here.

fn main() {
    callback_clock::ui::report_panics_to_console();
    leptos::mount::mount_to_body(callback_clock::ui::embedded::SidebarApp);
}
