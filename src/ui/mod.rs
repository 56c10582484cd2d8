//! The Leptos surfaces: app shell and routes, review queue, call detail, settings, and (by the
//! reports+sidebar colleague) reports, charts, sidebar and the embed bridge.

pub mod app;
