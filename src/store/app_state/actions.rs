//! What people do on a call: one action planned by `workflow::plan_action` (in a lazy chunk,
//! `lazy_chunks::plan_in_chunk`), appended to the log
//! and shown; and the team's actions read back from the shared record by a sync.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::lazy_chunks::{plan_in_chunk, record_action_in_chunk, PlanRequest};
use super::tabs::tell_other_tabs;
use super::{browser_now, database, AppError, AppState, NoticeKind};
use crate::connectors::hubspot::shared_record::SharedRecord;
use crate::connectors::placed_call::PlacedCall;
use crate::engine::bundle::Outcome;
use crate::engine::decision::Action;
use crate::store::idb_store::StoreError;
use crate::store::shared_record::{actions_from_shared_record, attempts_from_placed_calls, MissedFrom};
use crate::store::workflow::{
    sort_log, when_in_rfc_3339, whens_to_bring_to_rfc_3339, ActionError, ActionRecord, Intent,
};

impl AppState {
    /// Plans, stores and shows one workflow action on a call.
    pub async fn act_async(self, call_id: String, intent: Intent) -> Result<ActionRecord, AppError> {
        // Nothing is planned before the store is open.
        database().ok_or(AppError::NotReady)?;
        // Always a triage of the working bundle as it is now, so its bundle is that one.
        let triaged = self.current_triage().await?;
        let planned = PlanRequest {
            triaged,
            overlays: self.overlays.get_untracked(),
            actions: self.actions.get_untracked(),
            call_id,
            intent,
            who: self.who(),
            when: browser_now(),
        };
        let record = plan_in_chunk(planned).await?;
        record_action_in_chunk(self, record).await.await
    }

    /// Appends a planned action to the log and shows it (in the `after_first_paint` module:
    /// `lazy_chunks::record_action_in_chunk`). Another tab logging the same action first reads
    /// the store again instead.
    pub(super) async fn record_action(self, record: ActionRecord) -> Result<ActionRecord, AppError> {
        let store = database().ok_or(AppError::NotReady)?;
        match store.append(&record).await {
            Ok(()) => {
                self.actions.update(|log| Arc::make_mut(log).push(record.clone()));
                tell_other_tabs();
                Ok(record)
            }
            Err(error @ StoreError::AlreadyLogged(_)) => {
                let _ = self.read_again().await;
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

    /// An earlier version stored an imported log's times as they came; a start reads the log
    /// without jiff's parser and leaves them as they are (`workflow::whens_to_bring_to_rfc_3339`).
    /// This rewrites them as RFC 3339 UTC, the same instants, in the store and on screen. The
    /// modules fetched once the first triage is shown call it: they carry jiff's parser, which in
    /// the start's module would bring jiff's error texts into every first start (issue 16).
    pub fn bring_log_to_rfc_3339(self) {
        let whens = self.actions.with_untracked(|log| whens_to_bring_to_rfc_3339(log));
        if whens.is_empty() {
            return;
        }
        spawn_local(async move {
            let rewritten = match database() {
                Some(store) => store.rewrite_whens(&whens).await.map_err(AppError::from),
                None => Err(AppError::NotReady),
            };
            match rewritten {
                Ok(()) => {
                    self.actions.update(|log| {
                        let log = Arc::make_mut(log);
                        when_in_rfc_3339(log);
                        sort_log(log);
                    });
                    tell_other_tabs();
                }
                Err(error) => self.say(NoticeKind::Error, error.to_string()),
            }
        });
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
}
