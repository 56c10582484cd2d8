//! The outbox as `sync::outbox_runner` drives it: queue writes, claim one for this tab, keep the
//! claim, store the result. IndexedDB stays behind the state, and every change reaches the
//! signals and the other tabs.

use std::sync::Arc;

use leptos::prelude::*;

use super::tabs::tell_other_tabs;
use super::{database, AppError, AppState};
use crate::store::idb_store::parse_outbox;
use crate::store::outbox::OutboxEntry;

impl AppState {
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

    /// Reads the outbox again. Every caller runs in a lazy module (write-back, the connections
    /// page), so the entries' parser is never in the first paint's code; calling
    /// another split point from inside one would leave an unresolved import in test builds.
    pub async fn refresh_outbox(self) -> Result<(), AppError> {
        let store = database().ok_or(AppError::NotReady)?;
        let texts = store.outbox_texts().await?;
        self.outbox.set(Arc::new(parse_outbox(&texts)?));
        Ok(())
    }
}
