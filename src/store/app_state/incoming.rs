//! Data from outside that replaces or joins the stored state: an imported bundle, the demo again,
//! a sync's (or a CSV import's) bundle; and whether there is work to keep before replacing it.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::start::ask_for_persistent_storage;
use super::tabs::tell_other_tabs;
use super::{database, AppError, AppState, NoticeKind};
use crate::engine::{Bundle, InputError};
use crate::store::connection_settings::ConnectionSettings;
use crate::store::exchange::Imported;
use crate::store::idb_store::{import_into, ClockMode, DataOrigin, Snapshot, StoreMeta};
use crate::store::phone_metadata::validate_reading_every_number;
use crate::store::zone_loader::load_zone;

impl AppState {
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
        let accepted = validate_reading_every_number(imported, &zone).await.map_err(AppError::PhoneMetadata)??;
        let snapshot = import_into(&store, accepted, meta).await?;
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
        validate_reading_every_number(&bundle, zone.as_ref()).await.map_err(AppError::PhoneMetadata)??;
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
}
