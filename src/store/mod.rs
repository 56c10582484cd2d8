//! The working state of the browser app, kept in IndexedDB, and the state API every surface uses.
//!
//! Layout:
//! - `workflow` (pure, native too): actions, the audit log, undo, the working bundle, the queue rows;
//! - `exchange` (pure): import parsing and validation, export of state JSON, tasks CSV, metrics CSV/JSON;
//! - `connection_settings` (pure): the phone system and CRM addresses the admin set (never tokens);
//! - `sync_merge` (pure): a sync's calls and CRM folded into the stored bundle;
//! - `settings_form` (pure): the settings form's fields as text, their parsers, the config JSON they describe;
//! - `shared_record` (pure): what HubSpot says the team did, as actions in the log;
//! - `outbox` (pure): CRM writes and texts not landed yet: when each is due, which tab sends it, backoff;
//! - `idb_store` (browser): IndexedDB persistence, one transaction per write (outbox included);
//! - `memory_store` (browser): the same stores in the page's memory, where the browser refuses IndexedDB;
//! - `app_state` (browser, feature `app`): [`AppState`], the signals and intents below (one file
//!   a job: loading, triage, actions, settings, the outbox; its `mod.rs` lists them).
//!
//! # State API for the surfaces (`use_app_state()` inside any component)
//!
//! Read (all reactive, cheap to clone, `Arc` inside):
//! - `state.status` — `LoadStatus::{Loading, Ready, Failed(msg), Unreadable(kept)}`;
//! - `state.base` — the stored bundle (config, crm, calls, imported activities);
//! - `state.working` — the bundle the engine runs on: base + live actions (merges, activities), `now` set;
//! - `state.triage` — `Option<Result<Arc<Triaged>, InputError>>`: the latest finished triage with the bundle it
//!   judged (decisions in that bundle's call order, which a newer `working` may already differ from);
//! - `state.overlays` — per call id, what people changed (`CallOverlay`: owner, match, resolved, attempts...);
//! - `state.work_items` — the queue rows (`WorkItem`), newest first; `done()` once a disposition is logged;
//! - `state.actions` — the audit log (`ActionRecord`: who, what, when, before, after);
//! - `state.meta` — clock mode, data origin, allowed embed origins (`meta.embed_origins`), the
//!   connections' addresses (`meta.connections`, never a token);
//! - `state.config()` — `Option<Config>` of the working bundle;
//! - `state.me` — the signed-in owner id (persisted per browser), `state.clock` — the browser clock, ticking each second;
//! - `state.deadline_clock` — what countdowns count against (the clock, or an imported bundle's `now`);
//! - `state.notice` — the last message for the user (`Notice`);
//! - `state.stored_queue` — the rows the last session stored, shown until the first triage finishes;
//! - `state.outbox` — CRM writes and texts queued, written or waiting for a person;
//! - `state.persistence` — IndexedDB or only the page's memory;
//! - `state.served_by` — whether `callback-clock serve` served the page (see `sync::served_by`).
//!
//! Intents (each spawns, writes IndexedDB in one transaction, tells other tabs, updates the signals,
//! and reports problems through `state.notice`):
//! - `state.act(call_id, Intent)` — any workflow action (see `workflow::Intent`); the rules are in
//!   `workflow::plan_action`; `state.act_async` returns the result instead;
//! - `state.log_attempt(call_id)`, `state.log_disposition(call_id, Outcome)`, `state.undo_last(call_id)`;
//! - `state.import(parsed)`, `state.reset_to_demo()`, `state.save_config(config)`,
//!   `state.save_embed_origins(origins)`; exports via `exchange::*` on the signals' values;
//! - for `sync`: `state.save_connections`, `state.store_synced`, `state.record_shared`, and the
//!   outbox's `enqueue_writes`, `claim_write`, `renew_write_claim`, `update_write`.
//!
//! Subscribers (e.g. the embed bridge) can watch `state.actions` to learn that a task changed.

pub mod connection_settings;
pub mod data_origin;
pub mod exchange;
pub mod outbox;
pub mod settings_form;
pub mod shared_record;
pub mod sync_merge;
pub mod workflow;

#[cfg(feature = "app")]
pub mod app_files;
#[cfg(feature = "app")]
pub mod app_state;
#[cfg(feature = "app")]
pub mod idb_store;
#[cfg(feature = "app")]
mod memory_store;
#[cfg(feature = "app")]
pub mod phone_metadata;
#[cfg(feature = "app")]
pub mod zone_loader;

#[cfg(feature = "app")]
pub use app_state::{provide_app_state, use_app_state, AppState, LoadStatus, Notice, NoticeKind, UnreadableStore};
pub use data_origin::DataOrigin;
#[cfg(feature = "app")]
pub use idb_store::{ClockMode, IdbStore, Persistence, Snapshot, StoreError, StoreMeta, StoredQueue};
pub use workflow::{plan_action, ActionError, ActionRecord, CallOverlay, Intent, WorkItem};
