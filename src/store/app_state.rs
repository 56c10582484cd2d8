//! `AppState`: the reactive working state every surface reads, and the intents that change it.
//! See the module doc of `store` for the list. Components never write IndexedDB themselves.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use thiserror::Error;
use wasm_bindgen::prelude::*;

use super::connection_settings::{ConnectionSettings, ServedBy};
use super::exchange::{validate, Imported};
use super::idb_store::import_into;
use super::idb_store::{
    parse_outbox, parse_stored, ClockMode, DataOrigin, IdbStore, Persistence, Snapshot, StoreError, StoreMeta,
    StoreWatcher, StoredQueue, StoredState, DEFAULT_DB_NAME,
};
use super::outbox::OutboxEntry;
use super::phone_metadata::ensure_phone_metadata;
use super::shared_record::{actions_from_shared_record, attempts_from_placed_calls, MissedFrom};
use super::workflow::{self, plan_action, ActionError, ActionRecord, CallContext, CallOverlay, Intent, WorkItem};
use super::zone_loader::load_zone;
use crate::connectors::hubspot::shared_record::SharedRecord;
use crate::connectors::placed_call::PlacedCall;
use crate::engine::bundle::{Config, Instant, Outcome, Owner};
use crate::engine::decision::{Action, TriageOutput};
use crate::engine::phone::{PhoneNormalizer, E164};
use crate::engine::triage::TriageSetup;
use crate::engine::zones::SingleZone;
use crate::engine::{parse_bundle, Bundle, InputError};

const CHANNEL: &str = "callback-clock";
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
    static DATABASE: RefCell<Option<Rc<IdbStore>>> = const { RefCell::new(None) };
    static CHANNEL_HANDLE: RefCell<Option<web_sys::BroadcastChannel>> = const { RefCell::new(None) };
    /// Numbers the triage runs; only the latest one's result is shown.
    static TRIAGE_RUN: Cell<u64> = const { Cell::new(0) };
    /// The rows last written to IndexedDB, so an unchanged queue is not written again.
    static QUEUE_WRITTEN: RefCell<Option<Arc<Vec<WorkItem>>>> = const { RefCell::new(None) };
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
    // Every change of the working bundle (an action, the minute, a new snapshot) triages again.
    Effect::new(move |_| {
        let (Some(bundle), Some(zone)) = (working.get(), zone.get()) else { return };
        let run = TRIAGE_RUN.with(|r| {
            r.set(r.get() + 1);
            r.get()
        });
        spawn_local(async move {
            let result = triage_lazily(bundle, zone).await;
            if TRIAGE_RUN.with(Cell::get) != run {
                return;
            }
            match result {
                Ok(result) => state.show_triage(result).await,
                Err(error) => status.set(LoadStatus::Failed(error.to_string())),
            }
        });
    });
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

/// Triage in the engine's chunk, fetched with the phone metadata the first time. The outer
/// error is a failed load; the inner one the engine's verdict on the bundle.
async fn triage_lazily(
    bundle: Arc<Bundle>,
    zone: Arc<SingleZone>,
) -> Result<Result<Arc<Triaged>, InputError>, AppError> {
    ensure_phone_metadata().await.map_err(AppError::PhoneMetadata)?;
    trace("triage: running");
    let result = triage_in_chunk(bundle, zone).await;
    trace("triage: done");
    Ok(result)
}

/// The engine (rules, lexicon, CRM index, phone library) is the largest part of the app's code
/// and nothing on screen needs it before the first triage: a lazy chunk. The stored queue
/// (`StoredQueue`) fills the screen meanwhile.
#[lazy]
fn triage_in_chunk(bundle: Arc<Bundle>, zone: Arc<SingleZone>) -> Result<Arc<Triaged>, InputError> {
    let output = TriageSetup::new(&bundle, zone.as_ref())?.run();
    let phones = PhoneNormalizer::new(&bundle.config.default_country);
    Ok(Arc::new(Triaged { bundle, output, read_phone: Arc::new(move |raw| phones.normalize(raw)) }))
}

/// Reading the outbox's entries (their types, their JSON) is write-back's business: a lazy chunk.
#[lazy]
fn parse_outbox_in_chunk(texts: Vec<String>) -> Result<Vec<OutboxEntry>, StoreError> {
    parse_outbox(&texts)
}

/// The demo generator is only needed on a first start or a reset: a lazy chunk, which also
/// serializes the demo for IndexedDB (bundle serialization is otherwise only needed by chunks).
#[lazy]
fn generate_demo(now: Timestamp) -> Result<(Bundle, String), StoreError> {
    let bundle = crate::demo::demo_bundle(now);
    let json = serde_json::to_string(&bundle).map_err(|e| StoreError::Write(e.to_string()))?;
    Ok((bundle, json))
}

/// Parsing the stored bundle and action log (their types' Deserialize, RFC 3339 and float
/// parsing) is a chunk of its own: the stored queue paints without it.
#[lazy]
fn parse_stored_in_chunk(stored: StoredState) -> Result<Snapshot, StoreError> {
    parse_stored(stored)
}

/// Without persistence the browser may evict IndexedDB under storage pressure; a store that
/// holds the business's own data (not the demo) asks to be kept. Chrome grants or refuses
/// silently, Firefox asks the person once; either way the answer only matters to eviction.
fn ask_for_persistent_storage() {
    let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) else { return };
    if let Ok(request) = storage.persist() {
        spawn_local(async move {
            let granted = wasm_bindgen_futures::JsFuture::from(request).await.ok().and_then(|v| v.as_bool());
            trace(&format!("persistent storage granted: {granted:?}"));
        });
    }
}

fn stored_me() -> Option<String> {
    web_sys::window()?.local_storage().ok()??.get_item(ME_KEY).ok()?
}

fn listen_to_other_tabs(state: AppState) {
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else { return };
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_: web_sys::MessageEvent| {
        spawn_local(async move {
            let _ = state.reload().await;
        });
    });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    CHANNEL_HANDLE.with(|c| *c.borrow_mut() = Some(channel));
}

fn tell_other_tabs() {
    CHANNEL_HANDLE.with(|c| {
        if let Some(channel) = c.borrow().as_ref() {
            let _ = channel.post_message(&JsValue::from_str("changed"));
        }
    });
}

impl AppState {
    async fn start(self, db_name: &str) -> Result<(), AppError> {
        trace("opening the store");
        let store = match IdbStore::open_watched(db_name, Some(Rc::new(self))).await {
            Ok(store) => store,
            // A cross-site frame whose browser blocks third-party storage: work from memory.
            Err(StoreError::Unavailable(reason)) => {
                trace(&format!("storage refused ({reason}): keeping this page's work in memory"));
                IdbStore::in_memory()
            }
            Err(error) => return Err(error.into()),
        };
        self.persistence.set(store.persistence());
        let store = Rc::new(store);
        trace("store open");
        DATABASE.with(|db| *db.borrow_mut() = Some(store.clone()));
        let snapshot = match store.load_stored().await {
            Ok(Some(stored)) => {
                if let Some(queue) = stored.queue.clone() {
                    self.show_stored_queue(queue).await;
                }
                match parse_stored_in_chunk(stored).await {
                    Ok(snapshot) => snapshot,
                    Err(error) => return self.keep_unreadable(&store, error).await,
                }
            }
            Ok(None) => self.seed_demo(&store, StoreMeta::default()).await?,
            Err(error @ StoreError::Corrupt(_)) => return self.keep_unreadable(&store, error).await,
            Err(error) => return Err(error.into()),
        };
        trace("snapshot ready");
        let real_data = !snapshot.meta.origin.is_replaced_by_real_data();
        self.install(snapshot).await?;
        if real_data {
            ask_for_persistent_storage();
        }
        Ok(())
    }

    /// A stored state that cannot be read (one bad record, a format from another version) is
    /// the business's data all the same: it is copied under a backup key and left in place,
    /// and the app says so and offers the copy instead of replacing it with the demo.
    async fn keep_unreadable(self, store: &IdbStore, error: StoreError) -> Result<(), AppError> {
        let reason = error.to_string();
        let (backup_key, copy) = store.back_up_unreadable(&reason, browser_now().as_millisecond()).await?;
        self.stored_queue.set(None);
        self.status.set(LoadStatus::Unreadable(UnreadableStore { reason, backup_key, copy: copy.into() }));
        Ok(())
    }

    /// After an unreadable start, once the person chose to: the demo over the unreadable state
    /// (its copy stays under its backup key).
    pub fn start_over_with_demo(self) {
        // Loading until the first triage of the demo shows its rows (`show_triage`).
        self.status.set(LoadStatus::Loading);
        spawn_local(async move {
            let result = async {
                let store = database().ok_or(AppError::NotReady)?;
                let snapshot = self.seed_demo(&store, StoreMeta::default()).await?;
                self.install(snapshot).await
            }
            .await;
            match result {
                Ok(()) => tell_other_tabs(),
                Err(error) => self.status.set(LoadStatus::Failed(error.to_string())),
            }
        });
    }

    async fn seed_demo(self, store: &IdbStore, previous: StoreMeta) -> Result<Snapshot, AppError> {
        trace("seeding the demo");
        let (base, json) = generate_demo(browser_now()).await?;
        trace("demo generated");
        let meta = StoreMeta {
            clock: ClockMode::Live,
            origin: DataOrigin::Demo,
            embed_origins: previous.embed_origins,
            // The connections stay set up, but the demo's calls were never synced from them.
            connections: ConnectionSettings { synced_until: None, last_sync: None, ..previous.connections },
        };
        store.replace_with_json(&json, &[], &meta).await?;
        store.clear_outbox().await?;
        Ok(Snapshot { base, actions: Vec::new(), meta, queue: None })
    }

    /// Loads the zone the snapshot needs (if not loaded yet), then shows the snapshot.
    async fn install(self, snapshot: Snapshot) -> Result<(), AppError> {
        let tz = snapshot.base.config.timezone.clone();
        let have_zone = self.zone.with_untracked(|z| z.as_ref().is_some_and(|z| TriageSetupProbe::has(z, &tz)));
        trace("installing");
        if !have_zone {
            let zone = load_zone(&tz).await.map_err(AppError::Zone)?;
            self.zone.set(Some(Arc::new(zone)));
        }
        let have_rows = snapshot.queue.is_some() || self.triage.with_untracked(Option::is_some);
        self.stored_queue.set(snapshot.queue.map(Arc::new));
        self.base.set(Some(Arc::new(snapshot.base)));
        self.actions.set(Arc::new(snapshot.actions));
        self.meta.set(snapshot.meta);
        // Only write-back and the connections page read the outbox: it loads after the queue.
        spawn_local(async move {
            if let Err(error) = self.refresh_outbox().await {
                self.say(NoticeKind::Error, error.to_string());
            }
        });
        if self.me.get_untracked().is_none() {
            let first =
                self.base.with_untracked(|b| b.as_ref().and_then(|b| b.config.owners.first().map(|o| o.id.clone())));
            self.me.set(first);
        }
        // With no rows to show yet (a first start, a stored queue behind the log), the surfaces
        // keep saying "loading" until the first triage (`show_triage`).
        if have_rows {
            self.status.set(LoadStatus::Ready);
        }
        Ok(())
    }

    /// Paints the stored rows before the bundle is parsed: their zone first, so their times
    /// read right. Without the zone file, the start simply waits for the parse and triage.
    async fn show_stored_queue(self, queue: StoredQueue) {
        let have_zone =
            self.zone.with_untracked(|z| z.as_ref().is_some_and(|z| TriageSetupProbe::has(z, &queue.timezone)));
        if !have_zone {
            let Ok(zone) = load_zone(&queue.timezone).await else { return };
            self.zone.set(Some(Arc::new(zone)));
        }
        self.stored_queue.set(Some(Arc::new(queue)));
        self.status.set(LoadStatus::Ready);
    }

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

    /// Shows a finished triage and stores the queue it gives for the next start.
    async fn show_triage(self, result: Result<Arc<Triaged>, InputError>) {
        let triaged = result.as_ref().ok().cloned();
        self.triage.set(Some(result));
        self.stored_queue.set(None);
        if self.status.get_untracked() == LoadStatus::Loading {
            self.status.set(LoadStatus::Ready);
        }
        let (Some(triaged), Some(store)) = (triaged, database()) else { return };
        let items = self.work_items.get_untracked();
        if QUEUE_WRITTEN.with(|w| w.borrow().as_ref().is_some_and(|written| **written == *items)) {
            return;
        }
        let config = &triaged.bundle.config;
        let queue = StoredQueue {
            actions: self.actions.with_untracked(|a| a.len()),
            timezone: config.timezone.clone(),
            owners: config.owners.clone(),
            sources: config.sources.iter().map(|s| s.name.clone()).collect(),
            items: items.to_vec(),
        };
        // A cache: if it cannot be written, the next start waits for the engine instead.
        if store.put_queue(&queue).await.is_ok() {
            QUEUE_WRITTEN.with(|w| *w.borrow_mut() = Some(items));
        }
    }

    /// The triage of the working bundle as it is now. The shown one may be behind it (its
    /// rerun after an action, a sync or the minute's tick has not finished, or the engine's chunk
    /// has not arrived): then it is run here, so an action or a write never acts on a decision
    /// about a bundle that was replaced.
    pub async fn current_triage(self) -> Result<Arc<Triaged>, AppError> {
        let bundle = self.working.get_untracked().ok_or(AppError::NotReady)?;
        let shown = self.triage.get_untracked();
        let result = match shown {
            Some(Ok(triaged)) if Arc::ptr_eq(&triaged.bundle, &bundle) => Ok(triaged),
            _ => {
                let zone = self.zone.get_untracked().ok_or(AppError::NotReady)?;
                triage_lazily(bundle, zone).await?
            }
        };
        Ok(result?)
    }

    /// Re-reads IndexedDB (another tab wrote).
    pub async fn reload(self) -> Result<(), AppError> {
        let store = database().ok_or(AppError::NotReady)?;
        if let Some(stored) = store.load_stored().await? {
            self.install(parse_stored_in_chunk(stored).await?).await?;
        }
        Ok(())
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

    /// Plans, stores and shows one workflow action on a call.
    pub async fn act_async(self, call_id: String, intent: Intent) -> Result<ActionRecord, AppError> {
        let store = database().ok_or(AppError::NotReady)?;
        // Always a triage of the working bundle as it is now, so its bundle is that one.
        let triaged = self.current_triage().await?;
        let (bundle, output) = (&triaged.bundle, &triaged.output);
        let overlays = self.overlays.get_untracked();
        let actions = self.actions.get_untracked();
        let decision = output
            .decisions
            .iter()
            .find(|d| d.call_id == call_id && d.action != Action::None)
            .ok_or_else(|| ActionError::UnknownCall(call_id.clone()))?;
        let context = CallContext { bundle, decision, overlay: overlays.get(&call_id), actions: &actions };
        let record = plan_action(&context, intent, &self.who(), browser_now())?;
        match store.append(&record).await {
            Ok(()) => {
                self.actions.update(|log| Arc::make_mut(log).push(record.clone()));
                tell_other_tabs();
                Ok(record)
            }
            Err(error @ StoreError::AlreadyLogged(_)) => {
                let _ = self.reload().await;
                Err(error.into())
            }
            Err(error) => Err(error.into()),
        }
    }

    /// Adds what the shared record says the team did (`store::shared_record`), read back by a
    /// sync: each record once however often it is read, then the log is reloaded in time order.
    /// Returns how many were new.
    pub async fn record_shared(self, shared: Option<&SharedRecord>, placed: &[PlacedCall]) -> Result<usize, AppError> {
        let store = database().ok_or(AppError::NotReady)?;
        let triaged = self.current_triage().await?;
        let overlays = self.overlays.get_untracked();
        let actions = self.actions.get_untracked();
        let routed: HashMap<&str, Option<&String>> =
            triaged.output.decisions.iter().map(|d| (d.call_id.as_str(), d.owner.as_ref())).collect();
        let owner_now = |call_id: &str| {
            overlays
                .get(call_id)
                .and_then(|o| o.owner.clone())
                .or_else(|| routed.get(call_id).copied().flatten().cloned())
        };
        let mut records = match shared {
            Some(shared) => actions_from_shared_record(shared, &triaged.bundle, &actions, owner_now),
            None => Vec::new(),
        };
        let missed: Vec<MissedFrom<'_>> = triaged
            .output
            .decisions
            .iter()
            .zip(&triaged.bundle.calls)
            .filter(|(d, _)| d.action != Action::None)
            .filter_map(|(d, call)| {
                Some(MissedFrom { call_id: &d.call_id, e164: d.caller.e164.as_deref()?, started_at: call.started_at.0 })
            })
            .collect();
        let read_phone = triaged.read_phone.clone();
        records.extend(attempts_from_placed_calls(placed, &missed, &actions, |raw| {
            read_phone(raw).map(|e164| e164.as_str().to_owned())
        }));
        let mut added = 0;
        for record in &records {
            match store.append(record).await {
                Ok(()) => added += 1,
                // Another tab read the same fact first.
                Err(StoreError::AlreadyLogged(_)) => {}
                Err(error) => return Err(error.into()),
            }
        }
        if added > 0 {
            self.reload().await?;
            tell_other_tabs();
        }
        Ok(added)
    }

    /// `act_async`, with the outcome reported through `notice`.
    pub fn act(self, call_id: String, intent: Intent) {
        spawn_local(async move {
            match self.act_async(call_id, intent).await {
                Ok(record) => self.say(NoticeKind::Info, format!("Saved: {}", record.intent.label())),
                Err(error) => self.say(NoticeKind::Error, error.to_string()),
            }
        });
    }

    pub fn log_attempt(self, call_id: String) {
        self.act(call_id, Intent::CallbackAttempt);
    }

    pub fn log_disposition(self, call_id: String, outcome: Outcome) {
        self.act(call_id, Intent::Disposition { outcome });
    }

    /// Takes back the latest live action on the call.
    pub fn undo_last(self, call_id: String) {
        let target = self.overlays.with_untracked(|o| o.get(&call_id).and_then(|o| o.undoable.clone()));
        match target {
            Some(action_id) => self.act(call_id, Intent::Undo { action_id }),
            None => self.say(NoticeKind::Error, ActionError::NothingToUndo.to_string()),
        }
    }

    /// Whether replacing the stored state would lose anything but the untouched demo: an
    /// import or a reset then downloads an export of it first.
    pub fn holds_work_to_keep(self) -> bool {
        !self.meta.with_untracked(|m| m.origin.is_replaced_by_real_data())
            || self.actions.with_untracked(|a| !a.is_empty())
    }

    /// Imports what `exchange::parse_import` read. An invalid bundle changes nothing.
    pub async fn import_async(self, imported: Imported) -> Result<(), AppError> {
        let store = database().ok_or(AppError::NotReady)?;
        let zone = load_zone(&imported.bundle.config.timezone)
            .await
            .map_err(|e| AppError::Input(InputError::at("config.timezone", e)))?;
        let previous = self.meta.get_untracked();
        let meta = StoreMeta {
            clock: ClockMode::AsOfBundle,
            origin: DataOrigin::Import,
            embed_origins: previous.embed_origins,
            connections: ConnectionSettings { synced_until: None, last_sync: None, ..previous.connections },
        };
        let snapshot = import_into(&store, imported, &zone, meta).await?;
        // Writes queued for the calls that were just replaced have nothing left to write.
        store.clear_outbox().await?;
        self.zone.set(Some(Arc::new(zone)));
        self.install(snapshot).await?;
        ask_for_persistent_storage();
        tell_other_tabs();
        Ok(())
    }

    pub fn import(self, imported: Imported) {
        spawn_local(async move {
            match self.import_async(imported).await {
                Ok(()) => self.say(NoticeKind::Info, "Imported. The queue now shows the imported calls."),
                Err(error) => self.say(NoticeKind::Error, format!("Not imported: {error}. Nothing was changed.")),
            }
        });
    }

    pub fn reset_to_demo(self) {
        spawn_local(async move {
            let result = async {
                let store = database().ok_or(AppError::NotReady)?;
                let snapshot = self.seed_demo(&store, self.meta.get_untracked()).await?;
                self.install(snapshot).await
            }
            .await;
            match result {
                Ok(()) => {
                    tell_other_tabs();
                    self.say(NoticeKind::Info, "Reset to the demo data.")
                }
                Err(error) => self.say(NoticeKind::Error, error.to_string()),
            }
        });
    }

    /// Saves a new config after the engine accepted it; an invalid config is not saved.
    pub async fn save_config(self, config: Config) -> Result<(), AppError> {
        let store = database().ok_or(AppError::NotReady)?;
        let base = self.base.get_untracked().ok_or(AppError::NotReady)?;
        let mut candidate = (*base).clone();
        candidate.config = config;
        // Round trip through the parser: the same checks as an import (hours, dates, codes).
        let text = serde_json::to_string(&candidate).map_err(|e| AppError::Zone(e.to_string()))?;
        let candidate = parse_bundle(&text)?;
        let zone = match self.zone.get_untracked() {
            Some(zone) if TriageSetupProbe::has(&zone, &candidate.config.timezone) => zone,
            _ => Arc::new(
                load_zone(&candidate.config.timezone)
                    .await
                    .map_err(|e| AppError::Input(InputError::at("config.timezone", e)))?,
            ),
        };
        validate(&candidate, zone.as_ref())?;
        let record = workflow::settings_change(
            &base.config,
            &candidate.config,
            &self.actions.get_untracked(),
            &self.who(),
            browser_now(),
        );
        match &record {
            Some(record) => store.put_bundle_logged(&candidate, record).await?,
            None => store.put_bundle(&candidate).await?,
        }
        self.zone.set(Some(zone));
        self.base.set(Some(Arc::new(candidate)));
        if let Some(record) = record {
            self.actions.update(|log| Arc::make_mut(log).push(record));
        }
        tell_other_tabs();
        Ok(())
    }

    /// Saves who may drive the embedded sidebar, with its audit record: a new origin decides
    /// which host can tell the sidebar what record is in view.
    pub async fn save_embed_origins(self, origins: Vec<String>) -> Result<(), AppError> {
        let store = database().ok_or(AppError::NotReady)?;
        let mut meta = self.meta.get_untracked();
        let record = workflow::embed_origins_change(
            &meta.embed_origins,
            &origins,
            &self.actions.get_untracked(),
            &self.who(),
            browser_now(),
        );
        meta.embed_origins = origins;
        match &record {
            Some(record) => store.put_meta_logged(&meta, record).await?,
            None => store.put_meta(&meta).await?,
        }
        self.meta.set(meta);
        if let Some(record) = record {
            self.actions.update(|log| Arc::make_mut(log).push(record));
        }
        tell_other_tabs();
        Ok(())
    }
}

/// The sync and the outbox (see `crate::sync`) go through these, so IndexedDB stays behind the
/// state and every change reaches the signals and the other tabs.
impl AppState {
    /// Saves the connection settings (addresses and ids only) after checking them.
    pub async fn save_connections(self, connections: ConnectionSettings) -> Result<(), AppError> {
        if let Some(twilio) = &connections.twilio {
            twilio.validate()?;
        }
        if let Some(hubspot) = &connections.hubspot {
            hubspot.validate()?;
        }
        let store = database().ok_or(AppError::NotReady)?;
        let mut meta = self.meta.get_untracked();
        meta.connections = connections;
        store.put_meta(&meta).await?;
        self.meta.set(meta);
        tell_other_tabs();
        Ok(())
    }

    /// Stores a synced (or CSV-imported) bundle after the engine accepted it. Over the demo it
    /// replaces everything in one transaction (the demo's log and outbox are about calls that
    /// are gone). Over real data it writes only the records and the sync fields
    /// (`IdbStore::put_synced`): what people did meanwhile, here or in another tab, is kept,
    /// and the screen is read back from the store.
    pub async fn store_synced(
        self,
        bundle: Bundle,
        connections: ConnectionSettings,
        origin: DataOrigin,
    ) -> Result<(), AppError> {
        let store = database().ok_or(AppError::NotReady)?;
        let zone = self.zone.get_untracked().ok_or(AppError::NotReady)?;
        validate(&bundle, zone.as_ref())?;
        let previous = self.meta.get_untracked();
        if previous.origin.is_replaced_by_real_data() {
            let meta = StoreMeta { clock: ClockMode::Live, origin, connections, ..previous };
            store.replace(&bundle, &[], &meta).await?;
            store.clear_outbox().await?;
            self.install(Snapshot { base: bundle, actions: Vec::new(), meta, queue: None }).await?;
        } else {
            let sync_fields = (connections.synced_until.clone(), connections.last_sync.clone());
            store
                .put_synced(&bundle, move |stored| StoreMeta {
                    clock: ClockMode::Live,
                    origin,
                    connections: ConnectionSettings {
                        synced_until: sync_fields.0,
                        last_sync: sync_fields.1,
                        ..stored.connections
                    },
                    ..stored
                })
                .await?;
            self.reload().await?;
        }
        ask_for_persistent_storage();
        tell_other_tabs();
        Ok(())
    }

    /// Queues CRM writes and texts (one entry per write, however often it is asked).
    pub async fn enqueue_writes(self, entries: Vec<OutboxEntry>) -> Result<usize, AppError> {
        let store = database().ok_or(AppError::NotReady)?;
        let added = store.enqueue(&entries).await?;
        self.refresh_outbox().await?;
        if added > 0 {
            tell_other_tabs();
        }
        Ok(added)
    }

    /// Claims one entry for this tab; `None` when it is not due or another tab holds it.
    pub async fn claim_write(self, id: &str, tab: &str, now_ms: i64) -> Result<Option<OutboxEntry>, AppError> {
        let store = database().ok_or(AppError::NotReady)?;
        Ok(store.claim(id, tab, now_ms).await?)
    }

    /// Keeps this tab's claim on an entry while its send runs.
    pub async fn renew_write_claim(self, id: &str, tab: &str, now_ms: i64) -> Result<bool, AppError> {
        let store = database().ok_or(AppError::NotReady)?;
        Ok(store.renew_claim(id, tab, now_ms).await?)
    }

    /// Stores an entry's new state (written, failed, retried) and shows it.
    pub async fn update_write(self, entry: OutboxEntry) -> Result<(), AppError> {
        let store = database().ok_or(AppError::NotReady)?;
        store.put_entry(&entry).await?;
        self.refresh_outbox().await?;
        tell_other_tabs();
        Ok(())
    }

    pub async fn refresh_outbox(self) -> Result<(), AppError> {
        let store = database().ok_or(AppError::NotReady)?;
        let texts = store.outbox_texts().await?;
        self.outbox.set(Arc::new(parse_outbox_in_chunk(texts).await?));
        Ok(())
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
