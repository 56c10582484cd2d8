//! IndexedDB persistence of the working state (browser only).
//!
//! Database `callback-clock` (or any name, for tests), version 2, three object stores:
//! - `state`: key `bundle` → the stored bundle as JSON text; key `meta` → `StoreMeta` as JSON text;
//!   key `queue` → `StoredQueue` as JSON text, the queue's rows as last triaged (a cache: every
//!   write of the bundle drops it, and it is not used once the action log has grown past it);
//!   keys `unreadable-<ms>` → a copy of everything stored when a start could not read it
//!   (`back_up_unreadable`): the app then says so and offers the copy, and never reseeds silently;
//! - `actions`: key = action id (`<call id>#<n>`) → `ActionRecord` as JSON text;
//! - `outbox` (since version 2): key = entry id (`task:<call id>`, `note:<action id>`,
//!   `owner:<action id>`, `text:<action id>`; `disposition:<action id>` from earlier builds) →
//!   `OutboxEntry` as JSON text. Queueing is an `add`, so the same write is queued once; a tab
//!   claims an entry inside one read-write transaction, so two tabs never send it at once.
//!
//! Replacing the state (import, reset to demo) writes bundle, meta and the cleared action log in
//! one transaction, so a failure leaves the old state whole. Appending an action is one `add`
//! keyed by the action id: IndexedDB refuses a second record with the same key, so two tabs that
//! log the same action from the same view store it once (`StoreError::AlreadyLogged`).

use std::cell::RefCell;
use std::future::IntoFuture;

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
use serde::{Deserialize, Serialize};
use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue};

pub use super::data_origin::DataOrigin;

use super::connection_settings::ConnectionSettings;
use super::exchange::{Accepted, Imported};
use super::memory_store::MemoryDb;
use super::outbox::OutboxEntry;
use super::workflow::{ActionRecord, LoggedWhen, WorkItem};
use crate::engine::bundle::Owner;
use crate::engine::{parse_trusted_bundle, Bundle};

pub const DEFAULT_DB_NAME: &str = "callback-clock";
const STATE: &str = "state";
const ACTIONS: &str = "actions";
const OUTBOX: &str = "outbox";
const VERSION: u32 = 2;
pub(super) const QUEUE: &str = "queue";
/// Backups of a state that could not be read are kept in `state` under this prefix.
pub(super) const UNREADABLE_PREFIX: &str = "unreadable-";

/// Where the triage clock comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockMode {
    /// The browser's clock: the demo (generated to end at the moment it was loaded) runs live.
    #[default]
    Live,
    /// The bundle's own `now`: an imported bundle is a snapshot and is judged as of its time.
    AsOfBundle,
}

/// Facts about the stored state that are not part of a triage bundle.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct StoreMeta {
    pub clock: ClockMode,
    pub origin: DataOrigin,
    /// Origins allowed to drive the embedded sidebar by `postMessage` (settings).
    #[serde(default)]
    pub embed_origins: Vec<String>,
    /// The phone system and CRM (addresses only; tokens stay in the tab's session storage).
    #[serde(default)]
    pub connections: ConnectionSettings,
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum StoreError {
    #[error("the browser's storage is not available: {0}")]
    Unavailable(String),
    #[error("could not write to the browser's storage: {0}")]
    Write(String),
    #[error("the stored state cannot be read ({0}); reset to the demo or import a bundle")]
    Corrupt(String),
    #[error("action {0} was already logged (in another tab?); the view has been refreshed")]
    AlreadyLogged(String),
}

/// The error as a sentence (`DOM exception: UnknownError: …`), never a debug dump: it can reach
/// the person in front of the app.
fn describe(error: impl std::fmt::Display) -> String {
    error.to_string()
}

/// The queue's rows as the last triage left them, with the length of the action log they
/// include, and what the first screen shows beside them (the zone their times are in, owner
/// and source names): the next start paints them before the bundle is even parsed, while the
/// chunks that parse and triage it load (see `app_state`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredQueue {
    pub actions: usize,
    pub timezone: String,
    pub owners: Vec<Owner>,
    pub sources: Vec<String>,
    pub items: Vec<WorkItem>,
}

/// What `load_stored` reads: the bundle and the action log still as JSON text (parsing them
/// is the parse chunk's work), the meta and the stored queue parsed.
#[derive(Debug, Clone)]
pub struct StoredState {
    pub bundle: String,
    pub actions: Vec<String>,
    pub meta: StoreMeta,
    pub queue: Option<StoredQueue>,
}

/// Everything stored: the bundle, what people did, and the meta; the stored queue when it
/// still matches them.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub base: Bundle,
    pub actions: Vec<ActionRecord>,
    pub meta: StoreMeta,
    pub queue: Option<StoredQueue>,
}

/// The working state's store: IndexedDB, or the page's memory where the browser refuses
/// IndexedDB (a cross-site frame with third-party storage blocked; see `memory_store`).
pub struct IdbStore {
    backend: Backend,
}

enum Backend {
    Indexed(Database),
    Memory(RefCell<MemoryDb>),
}

/// Where the store keeps what it is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persistence {
    /// IndexedDB: kept across reloads.
    Browser,
    /// Only this page's memory: the browser refused storage; gone on reload.
    PageOnly,
}

/// What the store tells its user about other tabs while it is open.
pub trait StoreWatcher: 'static {
    /// Another tab runs an older version that holds the database open: opening waits for it.
    fn blocked_by_an_older_tab(&self);
    /// Another tab opened a newer version: this connection has been closed so that tab's
    /// upgrade can go on, and this tab must reload to keep working.
    fn closed_for_a_newer_version(&self);
}

impl IdbStore {
    pub async fn open(name: &str) -> Result<IdbStore, StoreError> {
        Self::open_watched(name, None).await
    }

    /// `open`, telling `watcher` when another tab's version is in the way, or wants this one
    /// out of its way (IndexedDB's `blocked` and `versionchange`).
    pub async fn open_watched(
        name: &str,
        watcher: Option<std::rc::Rc<dyn StoreWatcher>>,
    ) -> Result<IdbStore, StoreError> {
        let factory = Factory::new().map_err(|e| StoreError::Unavailable(describe(e)))?;
        let mut request = factory.open(name, Some(VERSION)).map_err(|e| StoreError::Unavailable(describe(e)))?;
        if let Some(watcher) = watcher.clone() {
            request.on_blocked(move |_| watcher.blocked_by_an_older_tab());
        }
        request.on_upgrade_needed(|event| {
            let Ok(db) = event.database() else { return };
            let names = db.store_names();
            // Version 1 stores stay as they are; an upgrade only adds what is missing.
            for store in [STATE, ACTIONS, OUTBOX] {
                if !names.iter().any(|n| n == store) {
                    let _ = db.create_object_store(store, ObjectStoreParams::new());
                }
            }
        });
        let mut db = request.await.map_err(|e| StoreError::Unavailable(describe(e)))?;
        // Without this a newer tab's upgrade would wait for this tab forever.
        db.on_version_change(move |event| {
            if let Some(db) = event.target().and_then(|t| t.dyn_into::<web_sys::IdbDatabase>().ok()) {
                db.close();
            }
            if let Some(watcher) = watcher {
                watcher.closed_for_a_newer_version();
            }
        });
        Ok(IdbStore { backend: Backend::Indexed(db) })
    }

    /// A store in the page's memory, for a browser that refuses IndexedDB.
    pub fn in_memory() -> IdbStore {
        IdbStore { backend: Backend::Memory(RefCell::new(MemoryDb::default())) }
    }

    pub fn persistence(&self) -> Persistence {
        match self.backend {
            Backend::Indexed(_) => Persistence::Browser,
            Backend::Memory(_) => Persistence::PageOnly,
        }
    }

    /// IndexedDB, or the memory store returned as `Err` for the caller to answer from.
    fn indexed(&self) -> Result<&Database, std::cell::RefMut<'_, MemoryDb>> {
        match &self.backend {
            Backend::Indexed(db) => Ok(db),
            Backend::Memory(memory) => Err(memory.borrow_mut()),
        }
    }

    /// Everything stored, parsed. `None` when nothing has been stored yet (first start).
    pub async fn load(&self) -> Result<Option<Snapshot>, StoreError> {
        self.load_stored().await?.map(parse_stored).transpose()
    }

    /// Everything stored, the bundle and the log unparsed. `None` before the first start.
    pub async fn load_stored(&self) -> Result<Option<StoredState>, StoreError> {
        let db = match self.indexed() {
            Ok(db) => db,
            Err(memory) => return memory.load_stored(),
        };
        // Every request is issued before the first await: a transaction stays usable only while
        // it has requests pending.
        let tx = db.transaction(&[STATE, ACTIONS], TransactionMode::ReadOnly).map_err(corrupt)?;
        let state = tx.object_store(STATE).map_err(corrupt)?;
        let bundle = state.get(JsValue::from_str("bundle")).map_err(corrupt)?;
        let meta = state.get(JsValue::from_str("meta")).map_err(corrupt)?;
        let queue = state.get(JsValue::from_str(QUEUE)).map_err(corrupt)?;
        let records = tx.object_store(ACTIONS).map_err(corrupt)?.get_all(None, None).map_err(corrupt)?;
        let bundle = bundle.await.map_err(corrupt)?;
        let meta = meta.await.map_err(corrupt)?;
        let queue = queue.await.map_err(corrupt)?;
        let records = records.await.map_err(corrupt)?;
        let Some(bundle) = bundle.and_then(|b| b.as_string()) else { return Ok(None) };
        let meta: StoreMeta = match meta.and_then(|m| m.as_string()) {
            Some(text) => serde_json::from_str(&text).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            None => StoreMeta::default(),
        };
        let actions = records
            .into_iter()
            .map(|record| record.as_string().ok_or_else(|| StoreError::Corrupt("an action is not text".into())))
            .collect::<Result<Vec<String>, StoreError>>()?;
        // A cache: unreadable or behind the log, it is simply not used.
        let queue = queue
            .and_then(|q| q.as_string())
            .and_then(|text| serde_json::from_str::<StoredQueue>(&text).ok())
            .filter(|q| q.actions == actions.len());
        Ok(Some(StoredState { bundle, actions, meta, queue }))
    }

    /// Keeps a state that cannot be read: copies every record of `state` and `actions`, as
    /// stored, into one JSON text under the key `unreadable-<ms>` in `state`, and returns the
    /// key and the text (for the user to download). The records themselves stay where they
    /// are; nothing is deleted or rewritten.
    pub async fn back_up_unreadable(&self, reason: &str, now_ms: i64) -> Result<(String, String), StoreError> {
        let key = format!("{UNREADABLE_PREFIX}{now_ms}");
        let backup = |state: serde_json::Map<String, serde_json::Value>, actions| {
            serde_json::json!({
                "format": "callback-clock-unreadable/1",
                "reason": reason,
                "saved_at_ms": now_ms,
                "state": state,
                "actions": actions,
            })
            .to_string()
        };
        let db = match self.indexed() {
            Ok(db) => db,
            Err(mut memory) => {
                let as_map = |pairs: Vec<(String, String)>| -> serde_json::Map<String, serde_json::Value> {
                    pairs.into_iter().map(|(k, v)| (k, serde_json::Value::String(v))).collect()
                };
                return Ok(memory.back_up_unreadable(key, |m| {
                    let [state, actions] = m.records();
                    backup(as_map(state), as_map(actions))
                }));
            }
        };
        let tx = db.transaction(&[STATE, ACTIONS], TransactionMode::ReadWrite).map_err(write)?;
        let state = tx.object_store(STATE).map_err(write)?;
        let keys = state.get_all_keys(None, None).map_err(write)?;
        let values = state.get_all(None, None).map_err(write)?;
        let action_keys = tx.object_store(ACTIONS).map_err(write)?.get_all_keys(None, None).map_err(write)?;
        let action_values = tx.object_store(ACTIONS).map_err(write)?.get_all(None, None).map_err(write)?;
        let as_text = |value: &JsValue| value.as_string().unwrap_or_else(|| format!("{value:?}"));
        let pairs = |keys: Vec<JsValue>, values: Vec<JsValue>| -> serde_json::Map<String, serde_json::Value> {
            keys.iter()
                .zip(&values)
                .filter(|(key, _)| !as_text(key).starts_with(UNREADABLE_PREFIX))
                .map(|(key, value)| (as_text(key), serde_json::Value::String(as_text(value))))
                .collect()
        };
        let state_records = pairs(keys.await.map_err(write)?, values.await.map_err(write)?);
        let action_records = pairs(action_keys.await.map_err(write)?, action_values.await.map_err(write)?);
        let text = backup(state_records, action_records);
        state.put(&JsValue::from_str(&text), Some(&JsValue::from_str(&key))).map_err(write)?;
        finish(tx).await?;
        Ok((key, text))
    }

    /// The stored text under `key` in `state` (a backup written by `back_up_unreadable`).
    pub async fn state_text(&self, key: &str) -> Result<Option<String>, StoreError> {
        let db = match self.indexed() {
            Ok(db) => db,
            Err(memory) => return Ok(memory.state_text(key)),
        };
        let tx = db.transaction(&[STATE], TransactionMode::ReadOnly).map_err(corrupt)?;
        let value = tx.object_store(STATE).map_err(corrupt)?.get(JsValue::from_str(key)).map_err(corrupt)?;
        Ok(value.await.map_err(corrupt)?.and_then(|v| v.as_string()))
    }

    /// Replaces everything in one transaction: all of it is written, or none of it.
    pub async fn replace(&self, base: &Bundle, actions: &[ActionRecord], meta: &StoreMeta) -> Result<(), StoreError> {
        let bundle = serde_json::to_string(base).map_err(|e| StoreError::Write(e.to_string()))?;
        self.replace_with_json(&bundle, actions, meta).await
    }

    /// `replace` with the bundle already serialized (the demo chunk serializes its own).
    pub async fn replace_with_json(
        &self,
        bundle: &str,
        actions: &[ActionRecord],
        meta: &StoreMeta,
    ) -> Result<(), StoreError> {
        let meta = serde_json::to_string(meta).map_err(|e| StoreError::Write(e.to_string()))?;
        let mut encoded = Vec::with_capacity(actions.len());
        for action in actions {
            let text = serde_json::to_string(action).map_err(|e| StoreError::Write(e.to_string()))?;
            encoded.push((action.id.clone(), text));
        }
        let db = match self.indexed() {
            Ok(db) => db,
            Err(mut memory) => {
                memory.replace(bundle, encoded, meta);
                return Ok(());
            }
        };
        let tx = db.transaction(&[STATE, ACTIONS], TransactionMode::ReadWrite).map_err(write)?;
        let state = tx.object_store(STATE).map_err(write)?;
        let log = tx.object_store(ACTIONS).map_err(write)?;
        // Requests run in the order issued; none is awaited before the transaction's end is
        // listened for, so no completion can be missed. Any failure aborts all of them.
        log.clear().map_err(write)?;
        state.delete(JsValue::from_str(QUEUE)).map_err(write)?;
        state.put(&JsValue::from_str(bundle), Some(&JsValue::from_str("bundle"))).map_err(write)?;
        state.put(&JsValue::from_str(&meta), Some(&JsValue::from_str("meta"))).map_err(write)?;
        for (id, text) in &encoded {
            log.put(&JsValue::from_str(text), Some(&JsValue::from_str(id))).map_err(write)?;
        }
        finish(tx).await
    }

    /// Stores what a sync or a CSV import read into the data people are working on: only the
    /// bundle's records (CRM, calls, activities) and the meta's sync fields change, in one
    /// transaction over what is stored *now*. The action log is not touched, so an action
    /// logged in another tab or the sidebar while the sync ran stays, and a settings change
    /// made meanwhile (the bundle's config, the meta's allowed origins) is kept.
    pub async fn put_synced(
        &self,
        synced: &Bundle,
        change_meta: impl FnOnce(StoreMeta) -> StoreMeta,
    ) -> Result<(), StoreError> {
        let db = match self.indexed() {
            Ok(db) => db,
            Err(mut memory) => {
                let (bundle, meta) = synced_over(memory.stored("bundle"), memory.stored("meta"), synced, change_meta)?;
                memory.put_state("bundle", bundle);
                memory.put_state("meta", meta);
                return Ok(());
            }
        };
        let tx = db.transaction(&[STATE], TransactionMode::ReadWrite).map_err(write)?;
        let state = tx.object_store(STATE).map_err(write)?;
        let stored_bundle = state.get(JsValue::from_str("bundle")).map_err(write)?.await.map_err(write)?;
        let stored_meta = state.get(JsValue::from_str("meta")).map_err(write)?.await.map_err(write)?;
        // No await between here and the puts: the transaction stays alive while requests pend.
        let (bundle, meta) = synced_over(
            stored_bundle.and_then(|b| b.as_string()).as_deref(),
            stored_meta.and_then(|m| m.as_string()).as_deref(),
            synced,
            change_meta,
        )?;
        state.delete(JsValue::from_str(QUEUE)).map_err(write)?;
        state.put(&JsValue::from_str(&bundle), Some(&JsValue::from_str("bundle"))).map_err(write)?;
        state.put(&JsValue::from_str(&meta), Some(&JsValue::from_str("meta"))).map_err(write)?;
        finish(tx).await
    }

    /// Writes the meta and its audit record in one transaction (`put_bundle_logged`'s twin).
    pub async fn put_meta_logged(&self, meta: &StoreMeta, record: &ActionRecord) -> Result<(), StoreError> {
        let meta = serde_json::to_string(meta).map_err(|e| StoreError::Write(e.to_string()))?;
        let text = serde_json::to_string(record).map_err(|e| StoreError::Write(e.to_string()))?;
        let db = match self.indexed() {
            Ok(db) => db,
            Err(mut memory) => return memory.put_state_logged("meta", meta, &record.id, text),
        };
        let tx = db.transaction(&[STATE, ACTIONS], TransactionMode::ReadWrite).map_err(write)?;
        let state = tx.object_store(STATE).map_err(write)?;
        let log = tx.object_store(ACTIONS).map_err(write)?;
        state.put(&JsValue::from_str(&meta), Some(&JsValue::from_str("meta"))).map_err(write)?;
        log.add(&JsValue::from_str(&text), Some(&JsValue::from_str(&record.id))).map_err(write)?;
        finish(tx).await
    }

    /// Writes only the meta (settings that are not part of the bundle).
    pub async fn put_meta(&self, meta: &StoreMeta) -> Result<(), StoreError> {
        let text = serde_json::to_string(meta).map_err(|e| StoreError::Write(e.to_string()))?;
        self.put_state("meta", &text).await
    }

    /// Writes only the bundle (a settings change), keeping the action log.
    pub async fn put_bundle(&self, base: &Bundle) -> Result<(), StoreError> {
        let text = serde_json::to_string(base).map_err(|e| StoreError::Write(e.to_string()))?;
        let db = match self.indexed() {
            Ok(db) => db,
            Err(mut memory) => {
                memory.put_state("bundle", text);
                return Ok(());
            }
        };
        let tx = db.transaction(&[STATE], TransactionMode::ReadWrite).map_err(write)?;
        let state = tx.object_store(STATE).map_err(write)?;
        state.delete(JsValue::from_str(QUEUE)).map_err(write)?;
        state.put(&JsValue::from_str(&text), Some(&JsValue::from_str("bundle"))).map_err(write)?;
        finish(tx).await
    }

    /// Stores the queue's rows as just triaged.
    pub async fn put_queue(&self, queue: &StoredQueue) -> Result<(), StoreError> {
        let text = serde_json::to_string(queue).map_err(|e| StoreError::Write(e.to_string()))?;
        self.put_state(QUEUE, &text).await
    }

    /// Writes the bundle and its audit record (a settings save) in one transaction: the
    /// change is never stored without its record, nor the record without the change.
    pub async fn put_bundle_logged(&self, base: &Bundle, record: &ActionRecord) -> Result<(), StoreError> {
        let bundle = serde_json::to_string(base).map_err(|e| StoreError::Write(e.to_string()))?;
        let text = serde_json::to_string(record).map_err(|e| StoreError::Write(e.to_string()))?;
        let db = match self.indexed() {
            Ok(db) => db,
            Err(mut memory) => return memory.put_state_logged("bundle", bundle, &record.id, text),
        };
        let tx = db.transaction(&[STATE, ACTIONS], TransactionMode::ReadWrite).map_err(write)?;
        let state = tx.object_store(STATE).map_err(write)?;
        let log = tx.object_store(ACTIONS).map_err(write)?;
        state.delete(JsValue::from_str(QUEUE)).map_err(write)?;
        state.put(&JsValue::from_str(&bundle), Some(&JsValue::from_str("bundle"))).map_err(write)?;
        // `add`: a record with this id from another tab's save makes the whole save fail.
        log.add(&JsValue::from_str(&text), Some(&JsValue::from_str(&record.id))).map_err(write)?;
        finish(tx).await
    }

    async fn put_state(&self, key: &str, text: &str) -> Result<(), StoreError> {
        let db = match self.indexed() {
            Ok(db) => db,
            Err(mut memory) => {
                memory.put_state(key, text.to_owned());
                return Ok(());
            }
        };
        let tx = db.transaction(&[STATE], TransactionMode::ReadWrite).map_err(write)?;
        let state = tx.object_store(STATE).map_err(write)?;
        state.put(&JsValue::from_str(text), Some(&JsValue::from_str(key))).map_err(write)?;
        finish(tx).await
    }

    /// Appends one action. `AlreadyLogged` when a record with its id exists (another tab won).
    pub async fn append(&self, action: &ActionRecord) -> Result<(), StoreError> {
        let text = serde_json::to_string(action).map_err(|e| StoreError::Write(e.to_string()))?;
        let db = match self.indexed() {
            Ok(db) => db,
            Err(mut memory) => return memory.append(&action.id, text),
        };
        let tx = db.transaction(&[ACTIONS], TransactionMode::ReadWrite).map_err(write)?;
        let log = tx.object_store(ACTIONS).map_err(write)?;
        let added = log.add(&JsValue::from_str(&text), Some(&JsValue::from_str(&action.id))).map_err(write)?;
        let done = tx.into_future();
        let added = added.await;
        let finished = ended(done).await;
        match (added, finished) {
            (Ok(_), Ok(result)) if result.is_committed() => Ok(()),
            (Err(error), _) if describe(&error).contains("ConstraintError") => {
                Err(StoreError::AlreadyLogged(action.id.clone()))
            }
            (Err(error), _) | (_, Err(error)) => Err(StoreError::Write(describe(error))),
            (Ok(_), Ok(_)) => Err(StoreError::Write("the transaction was aborted".into())),
        }
    }

    /// Rewrites logged actions' `when`s in one read-write transaction, each only while the store
    /// still holds it as `stored` (another tab may have rewritten or replaced the log meanwhile).
    pub async fn rewrite_whens(&self, whens: &[LoggedWhen]) -> Result<(), StoreError> {
        let rewritten = |current: Option<&str>, when: &LoggedWhen| -> Result<Option<String>, StoreError> {
            let Some(text) = current else { return Ok(None) };
            let mut record: ActionRecord =
                serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("action: {e}")))?;
            if record.when != when.stored {
                return Ok(None);
            }
            record.when.clone_from(&when.rfc_3339);
            serde_json::to_string(&record).map(Some).map_err(|e| StoreError::Write(e.to_string()))
        };
        let db = match self.indexed() {
            Ok(db) => db,
            Err(mut memory) => {
                for when in whens {
                    if let Some(text) = rewritten(memory.action_text(&when.id), when)? {
                        memory.put_action(&when.id, text);
                    }
                }
                return Ok(());
            }
        };
        let tx = db.transaction(&[ACTIONS], TransactionMode::ReadWrite).map_err(write)?;
        let log = tx.object_store(ACTIONS).map_err(write)?;
        for when in whens {
            let key = JsValue::from_str(&when.id);
            let current = log.get(key.clone()).map_err(write)?.await.map_err(write)?;
            if let Some(text) = rewritten(current.and_then(|v| v.as_string()).as_deref(), when)? {
                log.put(&JsValue::from_str(&text), Some(&key)).map_err(write)?;
            }
        }
        finish(tx).await
    }

    /// Every outbox entry, written or not.
    pub async fn outbox(&self) -> Result<Vec<OutboxEntry>, StoreError> {
        parse_outbox(&self.outbox_texts().await?)
    }

    /// Every outbox entry as stored (JSON text), for a caller that parses them elsewhere.
    pub async fn outbox_texts(&self) -> Result<Vec<String>, StoreError> {
        let db = match self.indexed() {
            Ok(db) => db,
            Err(memory) => return Ok(memory.outbox_texts()),
        };
        let tx = db.transaction(&[OUTBOX], TransactionMode::ReadOnly).map_err(corrupt)?;
        let records = tx.object_store(OUTBOX).map_err(corrupt)?.get_all(None, None).map_err(corrupt)?;
        records
            .await
            .map_err(corrupt)?
            .into_iter()
            .map(|record| record.as_string().ok_or_else(|| StoreError::Corrupt("an outbox entry is not text".into())))
            .collect()
    }

    /// Queues writes; an entry already queued (same id) is left as it is. Returns how many
    /// were new.
    pub async fn enqueue(&self, entries: &[OutboxEntry]) -> Result<usize, StoreError> {
        let existing = self.outbox().await?;
        let fresh: Vec<&OutboxEntry> = entries.iter().filter(|e| !existing.iter().any(|x| x.id == e.id)).collect();
        if fresh.is_empty() {
            return Ok(0);
        }
        let db = match self.indexed() {
            Ok(db) => db,
            Err(mut memory) => {
                let mut encoded = Vec::with_capacity(fresh.len());
                for entry in &fresh {
                    let text = serde_json::to_string(entry).map_err(|e| StoreError::Write(e.to_string()))?;
                    encoded.push((entry.id.clone(), text));
                }
                return Ok(memory.enqueue(encoded));
            }
        };
        let tx = db.transaction(&[OUTBOX], TransactionMode::ReadWrite).map_err(write)?;
        let store = tx.object_store(OUTBOX).map_err(write)?;
        for entry in &fresh {
            let text = serde_json::to_string(entry).map_err(|e| StoreError::Write(e.to_string()))?;
            // `add`, not `put`: if another tab queued it in between, this transaction fails
            // whole and the caller reads the outbox again; nothing is overwritten.
            store.add(&JsValue::from_str(&text), Some(&JsValue::from_str(&entry.id))).map_err(write)?;
        }
        finish(tx).await.map(|_| fresh.len())
    }

    /// Claims one entry for this tab: reads it and writes the claim in one read-write
    /// transaction (IndexedDB runs those one at a time per store), so of two tabs only one
    /// gets `Some`.
    pub async fn claim(&self, id: &str, tab: &str, now_ms: i64) -> Result<Option<OutboxEntry>, StoreError> {
        self.update_entry(id, |entry| entry.claimed_by(tab, now_ms)).await
    }

    /// Extends this tab's claim on an entry whose send still runs (`OutboxEntry::claim_renewed`),
    /// in one read-write transaction like `claim`. `false` when the entry is not this tab's.
    pub async fn renew_claim(&self, id: &str, tab: &str, now_ms: i64) -> Result<bool, StoreError> {
        Ok(self.update_entry(id, |entry| entry.claim_renewed(tab, now_ms)).await?.is_some())
    }

    /// Reads an entry and writes what `change` makes of it, in one read-write transaction
    /// (IndexedDB runs those one at a time per store, so no other tab writes in between).
    /// `None` from `change` writes nothing.
    async fn update_entry(
        &self,
        id: &str,
        change: impl FnOnce(OutboxEntry) -> Option<OutboxEntry>,
    ) -> Result<Option<OutboxEntry>, StoreError> {
        let changed_from = |current: Option<&str>| -> Result<Option<OutboxEntry>, StoreError> {
            match current {
                Some(text) => Ok(change(
                    serde_json::from_str::<OutboxEntry>(text)
                        .map_err(|e| StoreError::Corrupt(format!("outbox: {e}")))?,
                )),
                None => Ok(None),
            }
        };
        let encode = |entry: &OutboxEntry| serde_json::to_string(entry).map_err(|e| StoreError::Write(e.to_string()));
        let db = match self.indexed() {
            Ok(db) => db,
            Err(mut memory) => {
                let changed = changed_from(memory.outbox_text(id))?;
                if let Some(entry) = &changed {
                    memory.put_entry(id, encode(entry)?);
                }
                return Ok(changed);
            }
        };
        let tx = db.transaction(&[OUTBOX], TransactionMode::ReadWrite).map_err(write)?;
        let store = tx.object_store(OUTBOX).map_err(write)?;
        let current = store.get(JsValue::from_str(id)).map_err(write)?.await.map_err(write)?;
        let changed = changed_from(current.and_then(|v| v.as_string()).as_deref())?;
        if let Some(entry) = &changed {
            let text = encode(entry)?;
            store.put(&JsValue::from_str(&text), Some(&JsValue::from_str(id))).map_err(write)?;
        }
        finish(tx).await?;
        Ok(changed)
    }

    /// Stores an entry's new state (written, failed, retried).
    pub async fn put_entry(&self, entry: &OutboxEntry) -> Result<(), StoreError> {
        let text = serde_json::to_string(entry).map_err(|e| StoreError::Write(e.to_string()))?;
        let db = match self.indexed() {
            Ok(db) => db,
            Err(mut memory) => {
                memory.put_entry(&entry.id, text);
                return Ok(());
            }
        };
        let tx = db.transaction(&[OUTBOX], TransactionMode::ReadWrite).map_err(write)?;
        let store = tx.object_store(OUTBOX).map_err(write)?;
        store.put(&JsValue::from_str(&text), Some(&JsValue::from_str(&entry.id))).map_err(write)?;
        finish(tx).await
    }

    /// Empties the outbox (a reset to the demo or an import: its calls are gone).
    pub async fn clear_outbox(&self) -> Result<(), StoreError> {
        let db = match self.indexed() {
            Ok(db) => db,
            Err(mut memory) => {
                memory.clear_outbox();
                return Ok(());
            }
        };
        let tx = db.transaction(&[OUTBOX], TransactionMode::ReadWrite).map_err(write)?;
        tx.object_store(OUTBOX).map_err(write)?.clear().map_err(write)?;
        finish(tx).await
    }

    pub fn close(&self) {
        if let Backend::Indexed(db) = &self.backend {
            db.close();
        }
    }
}

/// The stored bundle with a sync's records (CRM, calls, activities) put in, and the meta as
/// `change_meta` makes it, both as JSON text to store (`IdbStore::put_synced`).
fn synced_over(
    stored_bundle: Option<&str>,
    stored_meta: Option<&str>,
    synced: &Bundle,
    change_meta: impl FnOnce(StoreMeta) -> StoreMeta,
) -> Result<(String, String), StoreError> {
    let mut bundle = match stored_bundle {
        Some(text) => parse_trusted_bundle(text).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        None => synced.clone(),
    };
    bundle.crm = synced.crm.clone();
    bundle.calls = synced.calls.clone();
    bundle.activities = synced.activities.clone();
    let meta = match stored_meta {
        Some(text) => serde_json::from_str(text).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        None => StoreMeta::default(),
    };
    let bundle = serde_json::to_string(&bundle).map_err(|e| StoreError::Write(e.to_string()))?;
    let meta = serde_json::to_string(&change_meta(meta)).map_err(|e| StoreError::Write(e.to_string()))?;
    Ok((bundle, meta))
}

/// Replaces the stored state with an import the engine accepted, in one transaction. On any
/// error the old state is untouched.
pub async fn import_into(
    store: &IdbStore,
    imported: Accepted<Imported>,
    meta: StoreMeta,
) -> Result<Snapshot, StoreError> {
    let imported = imported.into_inner();
    store.replace(&imported.bundle, &imported.actions, &meta).await?;
    Ok(Snapshot { base: imported.bundle, actions: imported.actions, meta, queue: None })
}

/// The stored bundle and action log parsed (the app does this in a chunk of its own).
pub fn parse_stored(stored: StoredState) -> Result<Snapshot, StoreError> {
    let base = parse_trusted_bundle(&stored.bundle).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let mut actions = stored
        .actions
        .iter()
        .map(|text| serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("action: {e}"))))
        .collect::<Result<Vec<ActionRecord>, StoreError>>()?;
    // An earlier version stored an imported log's times as they came: read here without jiff's
    // parser, they stay as they are until `AppState::bring_log_to_rfc_3339` rewrites them.
    super::workflow::sort_log(&mut actions);
    Ok(Snapshot { base, actions, meta: stored.meta, queue: stored.queue })
}

/// Stored outbox entries from their JSON text.
pub fn parse_outbox(texts: &[String]) -> Result<Vec<OutboxEntry>, StoreError> {
    texts
        .iter()
        .map(|text| serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("outbox: {e}"))))
        .collect()
}

/// Waits for a read-write transaction to end: `Ok` only when it committed.
async fn finish(tx: idb::Transaction) -> Result<(), StoreError> {
    match ended(tx.into_future()).await {
        Ok(result) if result.is_committed() => Ok(()),
        Ok(_) => Err(StoreError::Write("the transaction was aborted; nothing was written".into())),
        Err(error) => Err(StoreError::Write(describe(error))),
    }
}

/// A transaction's end. A request that fails (an `add` of an id another tab wrote first) makes
/// IndexedDB fire `error` at the transaction and then, in a later task, `abort`. idb's future
/// ends on the first; dropped then, it takes with it the handler the second still calls, and the
/// page gets an uncaught "closure invoked recursively or after being dropped" (seen in the team
/// e2e). So after an error the future is kept for good: its three handlers, a few hundred bytes
/// for each failed transaction, stay for the abort to call (`browser_store`: a refused append
/// throws nothing into the page; without this it throws that error).
async fn ended(mut done: idb::TransactionFuture) -> Result<idb::TransactionResult, idb::Error> {
    let result = (&mut done).await;
    if result.is_err() {
        std::mem::forget(done);
    }
    result
}

fn corrupt(error: idb::Error) -> StoreError {
    StoreError::Corrupt(describe(error))
}

fn write(error: idb::Error) -> StoreError {
    StoreError::Write(describe(error))
}
