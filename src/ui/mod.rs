//! The Leptos surfaces: the app shell and routes, the review queue and call detail, reports and
//! charts, settings, connections (sync, outbox, CSV drop zone), the sidebar and the embed bridge.

#[cfg(feature = "app-shell")]
pub mod app;
pub mod call_detail;
pub mod callback_card;
pub mod charts;
pub mod connections;
pub mod csv_drop;
// Behind the shell's feature: its lazy function's export would keep the import and export code
// alive in the sidebar's binary.
#[cfg(feature = "app-shell")]
pub mod data_menu;
pub mod download;
pub mod embed_bridge;
pub mod embedded;
pub mod evidence_transcript;
pub mod field_error;
pub mod labels;
// Behind the shell's feature too: its lazy call detail's export would keep the detail in the
// sidebar's binary.
#[cfg(feature = "app-shell")]
pub mod queue;
pub mod queue_filter;
pub mod reports;
// The shell's routing, behind the shell's feature with it: its lazy surfaces' exports would keep
// every surface in the sidebar's binary.
#[cfg(feature = "app-shell")]
pub mod route;
pub mod settings;
pub mod sidebar;

/// Panics show in the browser console instead of "unreachable executed".
pub fn report_panics_to_console() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
}
