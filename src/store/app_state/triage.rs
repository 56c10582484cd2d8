//! Triage as the state runs it: every change of the working bundle triages again in the
//! engine's chunk, only the latest run is shown, and the queue it gives is stored so the next
//! start paints before the engine arrives. `current_triage` is what an action or a write reads.

use std::cell::{Cell, RefCell};
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::lazy_chunks::{show_triage_in_chunk, triage_lazily};
use super::{database, AppError, AppState, LoadStatus, Triaged};
use crate::engine::InputError;
use crate::store::idb_store::StoredQueue;
use crate::store::phone_metadata::ensure_phone_metadata;
use crate::store::workflow::WorkItem;

thread_local! {
    /// Numbers the triage runs; only the latest one's result is shown.
    static TRIAGE_RUN: Cell<u64> = const { Cell::new(0) };
    /// The rows last written to IndexedDB, so an unchanged queue is not written again.
    static QUEUE_WRITTEN: RefCell<Option<Arc<Vec<WorkItem>>>> = const { RefCell::new(None) };
}

/// Every change of the working bundle (an action, the minute, a new snapshot) triages again.
pub(super) fn triage_every_change(state: AppState) {
    let AppState { working, zone, status, .. } = state;
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
                Ok(result) => {
                    show_triage_in_chunk(state, result).await.await;
                    // A bundle of North American numbers was triaged without the phone metadata;
                    // what is read later (a search, an import) may need it. Once the rows are on
                    // screen; a failed fetch is tried again after the next triage.
                    let _ = ensure_phone_metadata().await;
                }
                Err(error) => status.set(LoadStatus::Failed(error.to_string())),
            }
        });
    });
}

impl AppState {
    /// Shows a finished triage and stores the queue it gives for the next start (in the
    /// `after_first_paint` module: `lazy_chunks::show_triage_in_chunk`).
    pub(super) async fn show_triage(self, result: Result<Arc<Triaged>, InputError>) {
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
}
