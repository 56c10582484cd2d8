//! Opening the store and loading what it holds: the stored queue first (painted before the
//! bundle is parsed), then the parsed snapshot; the demo on a first start; a store that cannot
//! be read kept as it is. `install` shows a snapshot, `reload` reads the store again.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::lazy_chunks::{finish_start_in_chunk, reload_in_chunk, start_over_in_chunk};
use super::tabs::tell_other_tabs;
use super::{
    browser_now, database, trace, AppError, AppState, LoadStatus, TriageSetupProbe, UnreadableStore, DATABASE,
};
use crate::store::connection_settings::ConnectionSettings;
use crate::store::idb_store::{
    parse_stored, ClockMode, DataOrigin, IdbStore, Snapshot, StoreError, StoreMeta, StoredQueue, StoredState,
};
use crate::store::zone_loader::load_zone;

/// Without persistence the browser may evict IndexedDB under storage pressure; a store that
/// holds the business's own data (not the demo) asks to be kept. Chrome grants or refuses
/// silently, Firefox asks the person once; either way the answer only matters to eviction.
pub(super) fn ask_for_persistent_storage() {
    let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) else { return };
    if let Ok(request) = storage.persist() {
        spawn_local(async move {
            let granted = wasm_bindgen_futures::JsFuture::from(request).await.ok().and_then(|v| v.as_bool());
            trace(&format!("persistent storage granted: {granted:?}"));
        });
    }
}

impl AppState {
    pub(super) async fn start(self, db_name: &str) -> Result<(), AppError> {
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
        let stored = store.load_stored().await;
        if let Ok(Some(StoredState { queue: Some(queue), .. })) = &stored {
            self.show_stored_queue(queue.clone()).await;
        }
        finish_start_in_chunk(self, store, stored).await.await
    }

    /// The rest of a start, once the stored queue (if any) is on screen: the stored state parsed,
    /// or the demo seeded on a first start, or an unreadable store kept; then shown. Run in the
    /// `after_first_paint` module (`lazy_chunks::finish_start_in_chunk`).
    pub(super) async fn finish_start(
        self,
        store: Rc<IdbStore>,
        stored: Result<Option<StoredState>, StoreError>,
    ) -> Result<(), AppError> {
        let snapshot = match stored {
            Ok(Some(stored)) => match parse_stored(stored) {
                Ok(snapshot) => snapshot,
                Err(error) => return self.keep_unreadable(&store, error).await,
            },
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
            match start_over_in_chunk(self).await.await {
                Ok(()) => tell_other_tabs(),
                Err(error) => self.status.set(LoadStatus::Failed(error.to_string())),
            }
        });
    }

    /// `start_over_with_demo`'s work, in the `after_first_paint` module.
    pub(super) async fn start_over(self) -> Result<(), AppError> {
        let store = database().ok_or(AppError::NotReady)?;
        let snapshot = self.seed_demo(&store, StoreMeta::default()).await?;
        self.install(snapshot).await
    }

    pub(super) async fn seed_demo(self, store: &IdbStore, previous: StoreMeta) -> Result<Snapshot, AppError> {
        trace("seeding the demo");
        let (base, json) = crate::demo::demo_bundle_and_text(browser_now());
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
    pub(super) async fn install(self, snapshot: Snapshot) -> Result<(), AppError> {
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
        // The outbox is read by write-back, which reads it again whenever a state is installed
        // (`sync::start_write_back`): its parsers stay out of the chunks a first start fetches.
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
    /// The lean sidebar shows countdowns and never a local time, so its rows paint at once and
    /// the zone comes with the rest of the start (`install`, in the lazy module): jiff's TZif
    /// reader, with its 16 KB checksum table, stays out of the CRM frame's first bytes.
    async fn show_stored_queue(self, queue: StoredQueue) {
        #[cfg(not(feature = "sidebar-bundle"))]
        {
            let have_zone =
                self.zone.with_untracked(|z| z.as_ref().is_some_and(|z| TriageSetupProbe::has(z, &queue.timezone)));
            if !have_zone {
                let Ok(zone) = load_zone(&queue.timezone).await else { return };
                self.zone.set(Some(Arc::new(zone)));
            }
        }
        self.stored_queue.set(Some(Arc::new(queue)));
        self.status.set(LoadStatus::Ready);
    }

    /// Re-reads IndexedDB (another tab wrote).
    pub async fn reload(self) -> Result<(), AppError> {
        reload_in_chunk(self).await.await
    }

    /// `reload`'s work, in the `after_first_paint` module: parsing and showing a stored state.
    pub(super) async fn read_again(self) -> Result<(), AppError> {
        let store = database().ok_or(AppError::NotReady)?;
        if let Some(stored) = store.load_stored().await? {
            self.install(parse_stored(stored)?).await?;
        }
        Ok(())
    }
}
