//! `AppState`: the reactive working state every surface reads, and the intents that change it.
//! See the module doc of `store` for the list. Components never write IndexedDB themselves.
//!
//! This file holds the signals (`AppState`), their creation (`provide_app_state`), the reads
//! every surface shares and the handle on the store. The rest, one job a file:
//! - `lazy_chunks`: the `#[lazy]` functions, wasm-split's split points (the engine, the demo,
//!   parsing the store and the outbox, planning an action), all in one place;
//! - `triage`: every change of the working bundle triages again; the latest run is shown and its
//!   queue stored for the next start; `current_triage` for whoever acts on a decision;
//! - `start`: opening the store, the first load (the stored queue first, the demo on a first
//!   start, an unreadable store kept), installing a snapshot, reloading;
//! - `tabs`: the BroadcastChannel that tells the other tabs to reload;
//! - `actions`: a person's actions on a call, and the team's read back from the shared record;
//! - `incoming`: data that replaces or joins the stored state (an import, the demo again, a sync);
//! - `save_settings`: the config, the embed origins and the connections;
//! - `outbox_api`: the outbox's queue as `sync::outbox_runner` drives it.

mod actions;
mod incoming;
mod lazy_chunks;
mod outbox_api;
mod save_settings;
mod start;
mod tabs;
mod triage;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use thiserror::Error;
use wasm_bindgen::prelude::*;

use super::connection_settings::ServedBy;
use super::idb_store::{
    ClockMode, IdbStore, Persistence, StoreError, StoreMeta, StoreWatcher, StoredQueue, DEFAULT_DB_NAME,
};
use super::outbox::OutboxEntry;
use super::workflow::{self, ActionError, ActionRecord, CallOverlay, WorkItem};
use crate::engine::bundle::{Config, Instant, Owner};
use crate::engine::decision::TriageOutput;
use crate::engine::phone::E164;
use crate::engine::zones::SingleZone;
use crate::engine::{Bundle, InputError};
use tabs::listen_to_other_tabs;

const ME_KEY: &str = "callback-clock.me";

#[derive(Debug, Clone, PartialEq)]
pub enum LoadStatus {
    Loading,
    Ready,
    Failed(String),
    /// What is stored could not be read. It was left in place and copied under a backup key;
    /// the app shows nothing else until the person downloads it or starts over.
    Unreadable(UnreadableStore),
}

/// A stored state the app could not read, kept as it was.
#[derive(Debug, Clone, PartialEq)]
pub struct UnreadableStore {
    pub reason: String,
    /// The IndexedDB key (in the `state` store) of the copy.
    pub backup_key: String,
    /// The copy as JSON text, for the person to download.
    pub copy: Arc<str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum AppError {
    #[error("{0}")]
    Action(#[from] ActionError),
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Input(#[from] InputError),
    #[error("{0}")]
    Zone(String),
    #[error("{0}")]
    PhoneMetadata(String),
    #[error("the data is still loading")]
    NotReady,
}

/// Reads a phone number the way triage read it (the sidebar's record in view). Boxed, so the
/// code that holds one never names the phone library, which stays in the engine's chunk.
pub type PhoneReader = Arc<dyn Fn(&str) -> Option<E164> + Send + Sync>;

/// One triage and the bundle it judged. Decisions follow that bundle's call order, so the two
/// are only read together: a newer working bundle may already exist while its triage runs.
pub struct Triaged {
    pub bundle: Arc<Bundle>,
    pub output: TriageOutput,
    pub read_phone: PhoneReader,
}

/// The app's state: signals and memos (all `Copy`), provided as context by `provide_app_state`.
#[derive(Clone, Copy)]
pub struct AppState {
    pub status: RwSignal<LoadStatus>,
    pub base: RwSignal<Option<Arc<Bundle>>>,
    pub actions: RwSignal<Arc<Vec<ActionRecord>>>,
    pub meta: RwSignal<StoreMeta>,
    pub zone: RwSignal<Option<Arc<SingleZone>>>,
    pub clock: RwSignal<Timestamp>,
    /// The clock deadlines count down against: the browser clock, or an imported bundle's `now`.
    pub deadline_clock: Memo<Timestamp>,
    pub me: RwSignal<Option<String>>,
    pub notice: RwSignal<Option<Notice>>,
    pub working: Memo<Option<Arc<Bundle>>>,
    /// The latest finished triage of `working` (run in the engine's lazy chunk, see
    /// `triage_in_chunk`); `None` until the first one finishes.
    pub triage: RwSignal<Option<Result<Arc<Triaged>, InputError>>>,
    /// The queue's rows as stored by the last session: shown until the first triage finishes.
    pub stored_queue: RwSignal<Option<Arc<StoredQueue>>>,
    pub overlays: Memo<Arc<HashMap<String, CallOverlay>>>,
    pub work_items: Memo<Arc<Vec<WorkItem>>>,
    /// CRM writes and texts queued, written or waiting for a person (see `outbox`).
    pub outbox: RwSignal<Arc<Vec<OutboxEntry>>>,
    /// Whether what is stored survives a reload (IndexedDB) or only lives in this page.
    pub persistence: RwSignal<Persistence>,
    /// Whether `callback-clock serve` served this page (`sync::served_by` finds out).
    pub served_by: RwSignal<ServedBy>,
}

thread_local! {
    /// The open store, once `start` opened it; every write goes through it.
    static DATABASE: RefCell<Option<Rc<IdbStore>>> = const { RefCell::new(None) };
}

fn database() -> Option<Rc<IdbStore>> {
    DATABASE.with(|db| db.borrow().clone())
}

/// The browser's clock.
pub fn browser_now() -> Timestamp {
    Timestamp::from_millisecond(js_sys::Date::now() as i64).unwrap_or(Timestamp::UNIX_EPOCH)
}

fn trace(step: &str) {
    web_sys::console::debug_1(&JsValue::from_str(&format!("callback-clock: {step}")));
}

fn always_changed<T>(_: Option<&T>, _: Option<&T>) -> bool {
    true
}

/// Creates the state, provides it as context, and starts loading IndexedDB (seeding the demo on
/// first start), the time zone, the clock and the cross-tab channel.
pub fn provide_app_state() -> AppState {
    let status = RwSignal::new(LoadStatus::Loading);
    let base: RwSignal<Option<Arc<Bundle>>> = RwSignal::new(None);
    let actions: RwSignal<Arc<Vec<ActionRecord>>> = RwSignal::new(Arc::new(Vec::new()));
    let meta = RwSignal::new(StoreMeta::default());
    let zone: RwSignal<Option<Arc<SingleZone>>> = RwSignal::new(None);
    let clock = RwSignal::new(browser_now());
    let me = RwSignal::new(stored_me());
    let notice = RwSignal::new(None);
    let outbox: RwSignal<Arc<Vec<OutboxEntry>>> = RwSignal::new(Arc::new(Vec::new()));
    let minute = Memo::new(move |_| clock.get().as_second() / 60);
    let deadline_clock = Memo::new(move |_| match meta.with(|m| m.clock) {
        ClockMode::Live => clock.get(),
        ClockMode::AsOfBundle => base.with(|b| b.as_ref().map(|b| b.now.0)).unwrap_or_else(|| clock.get()),
    });

    let working = Memo::new_with_compare(
        move |_| {
            let base = base.get()?;
            let mut bundle = workflow::working_bundle(&base, &actions.get());
            if meta.with(|m| m.clock) == ClockMode::Live {
                if let Ok(now) = Timestamp::from_second(minute.get() * 60) {
                    bundle.now = Instant(now);
                }
            }
            Some(Arc::new(bundle))
        },
        always_changed,
    );
    let triage: RwSignal<Option<Result<Arc<Triaged>, InputError>>> = RwSignal::new(None);
    let stored_queue: RwSignal<Option<Arc<StoredQueue>>> = RwSignal::new(None);
    // Actions count for the call a repeat is folded into, as the latest triage folds them.
    let folded = Memo::new(move |_| match triage.get() {
        Some(Ok(triaged)) => workflow::folded_calls(&triaged.output),
        _ => HashMap::new(),
    });
    let overlays =
        Memo::new_with_compare(move |_| Arc::new(workflow::overlays(&actions.get(), &folded.get())), always_changed);
    let work_items = Memo::new_with_compare(
        move |_| match triage.get() {
            Some(Ok(triaged)) => Arc::new(workflow::work_items(&triaged.bundle, &triaged.output, &overlays.get())),
            Some(Err(_)) => Arc::new(Vec::new()),
            None => stored_queue.with(|q| q.as_ref().map(|q| Arc::new(q.items.clone()))).unwrap_or_default(),
        },
        always_changed,
    );

    let state = AppState {
        status,
        base,
        actions,
        meta,
        zone,
        clock,
        deadline_clock,
        me,
        notice,
        working,
        triage,
        stored_queue,
        overlays,
        work_items,
        outbox,
        persistence: RwSignal::new(Persistence::Browser),
        served_by: RwSignal::new(ServedBy::Asking),
    };
    provide_context(state);
    Effect::new(move |_| {
        if let Some(id) = me.get() {
            if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
                let _ = storage.set_item(ME_KEY, &id);
            }
        }
    });
    triage::triage_every_change(state);
    set_interval(move || clock.set(browser_now()), Duration::from_secs(1));
    listen_to_other_tabs(state);
    spawn_local(async move {
        if let Err(error) = state.start(DEFAULT_DB_NAME).await {
            status.set(LoadStatus::Failed(error.to_string()));
        }
    });
    state
}

pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

fn stored_me() -> Option<String> {
    web_sys::window()?.local_storage().ok()??.get_item(ME_KEY).ok()?
}

/// What the surfaces read beside the signals (the bundle's, or the stored queue's before the
/// bundle is parsed), the notice, and who is acting.
impl AppState {
    /// The configured owners: the bundle's once it is parsed, the stored queue's before.
    pub fn owners(self) -> Vec<Owner> {
        self.config()
            .map(|c| c.owners)
            .or_else(|| self.stored_queue.with(|q| q.as_ref().map(|q| q.owners.clone())))
            .unwrap_or_default()
    }

    /// The tracking numbers' names, from the bundle or, before it is parsed, the stored queue.
    pub fn source_names(self) -> Vec<String> {
        self.config()
            .map(|c| c.sources.into_iter().map(|s| s.name).collect())
            .or_else(|| self.stored_queue.with(|q| q.as_ref().map(|q| q.sources.clone())))
            .unwrap_or_default()
    }

    /// The business's IANA time zone name, from the bundle or the stored queue.
    pub fn timezone(self) -> Option<String> {
        self.config().map(|c| c.timezone).or_else(|| self.stored_queue.with(|q| q.as_ref().map(|q| q.timezone.clone())))
    }

    pub fn say(self, kind: NoticeKind, text: impl Into<String>) {
        self.notice.set(Some(Notice { kind, text: text.into() }));
    }

    pub fn config(self) -> Option<Config> {
        self.working.with(|w| w.as_ref().map(|b| b.config.clone()))
    }

    fn who(self) -> String {
        self.me.get_untracked().unwrap_or_else(|| "intake".to_owned())
    }
}

impl StoreWatcher for AppState {
    fn blocked_by_an_older_tab(&self) {
        self.say(
            NoticeKind::Error,
            "Another Callback Clock tab runs an older version: close or reload it so this one can open its data.",
        );
    }

    fn closed_for_a_newer_version(&self) {
        self.status.set(LoadStatus::Failed(
            "A newer version of Callback Clock opened in another tab. Reload this tab to keep working; nothing was lost."
                .into(),
        ));
    }
}

/// Whether a loaded zone is the one a config names.
struct TriageSetupProbe;

impl TriageSetupProbe {
    fn has(zone: &SingleZone, name: &str) -> bool {
        use crate::engine::ZoneSource;
        name == "UTC" || zone.zone(name).is_some()
    }
}
