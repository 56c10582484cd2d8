//! Saving settings: the config (checked by the engine first), who may drive the embedded
//! sidebar, and the connections' addresses. Each change the log keeps gets its audit record in
//! the same transaction.

use std::sync::Arc;

use leptos::prelude::*;

use super::tabs::tell_other_tabs;
use super::{browser_now, database, AppError, AppState, TriageSetupProbe};
use crate::engine::bundle::Config;
use crate::engine::{parse_bundle, InputError};
use crate::store::connection_settings::ConnectionSettings;
use crate::store::phone_metadata::validate_reading_every_number;
use crate::store::workflow;
use crate::store::zone_loader::load_zone;

impl AppState {
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
        validate_reading_every_number(&candidate, zone.as_ref()).await.map_err(AppError::PhoneMetadata)??;
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
}
