//! The app's side of the connectors: runs them over the browser's network and keeps what
//! they need between runs (browser only, feature `app`).
//!
//! - `fetch_executor`: sends sans-I/O requests with fetch, drives a job through the retry policy;
//! - `session_secrets`: tokens in the tab's session storage, nowhere else;
//! - `sync_run`: one sync (HubSpot CRM and the shared record, Twilio missed and placed calls) folded
//!   into the store;
//! - `outbox_runner`: the outbox sent: callback tasks, action notes and reassignments to HubSpot,
//!   texts through Twilio;
//! - `served_by`: behind `callback-clock serve`, the connections are the server's proxy.
//!
//! The rules they follow (merging, backoff, claims) are pure and live in `store::sync_merge`
//! and `store::outbox`, tested natively.

pub mod fetch_executor;
pub mod outbox_runner;
pub mod served_by;
pub mod session_secrets;
pub mod sync_run;

pub use outbox_runner::{flush_soon, start_write_back};
pub use sync_run::{run_sync, SyncError, SyncProgress};
