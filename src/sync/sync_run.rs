//! One sync: read the CRM and the phone system's missed calls, fold them into the store,
//! and queue the callback tasks to write back.
//!
//! The window runs from the last sync's end (less an overlap, so a voicemail transcribed late
//! is read again and updated in place) to now; the first sync reads the last 14 days. Nothing
//! is stored until every connector has finished: a sync that fails half way changes nothing.

use jiff::SignedDuration;
use leptos::prelude::*;
use leptos::task::spawn_local;
use thiserror::Error;
use wasm_bindgen::JsCast;

use super::fetch_executor::drive;
use super::outbox_runner::{hubspot_account, queue_task_writes};
use super::session_secrets::{load_secret, SecretSlot};
use crate::connectors::twilio::TwilioAccount;
use crate::connectors::{ConnectorError, Exchange, RetryPolicy};
use crate::store::app_state::{browser_now, AppError};
use crate::store::connection_settings::{ConnectionSettings, TwilioSettings};
use crate::store::sync_merge::{merge_synced, SyncSummary, SyncedData};
use crate::store::{AppState, DataOrigin, NoticeKind};

/// How far back the first sync reads.
pub const FIRST_SYNC_DAYS: i64 = 14;
/// Each sync reads this much before the last one ended.
pub const OVERLAP: SignedDuration = SignedDuration::from_hours(2);

/// Where a running sync is, for the progress bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncProgress {
    pub stage: String,
    pub stages_done: u32,
    pub stages_total: u32,
    pub answers: u32,
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum SyncError {
    #[error("connect Twilio or HubSpot first")]
    NotConnected,
    #[error("enter the {0} token for this tab (tokens are kept only until the tab closes)")]
    MissingToken(&'static str),
    #[error("{0}")]
    Connector(#[from] ConnectorError),
    #[error("{0}")]
    App(#[from] AppError),
}

pub(super) fn twilio_account(settings: &TwilioSettings) -> Result<TwilioAccount, SyncError> {
    let account = if settings.proxy_authorizes {
        TwilioAccount::via_authorizing_proxy(&settings.base_url, &settings.account_sid)
    } else {
        let secret = load_secret(SecretSlot::Twilio).ok_or(SyncError::MissingToken("Twilio"))?;
        let username = if settings.key_sid.is_empty() { &settings.account_sid } else { &settings.key_sid };
        TwilioAccount::new(&settings.base_url, &settings.account_sid, username, &secret)
    };
    Ok(account
        .with_messaging_service(&settings.messaging_service_sid)
        .with_intelligence_base(&settings.intelligence_base_url))
}

thread_local! {
    /// A sync is under way in this tab: one at a time, so two never fold into the same state.
    static SYNC_RUNNING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Who waits for the running sync to end ("Sync now" during a scheduled one).
    static WAITING: std::cell::RefCell<Vec<std::task::Waker>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// This tab's turn to sync; the next may start once it is dropped (also by an error).
struct SyncTurn;

impl SyncTurn {
    /// The turn, unless a sync is running.
    fn try_take() -> Option<SyncTurn> {
        (!SYNC_RUNNING.with(|r| r.replace(true))).then_some(SyncTurn)
    }

    /// Waits for the running sync (a scheduled one, say) to finish, then takes the turn: a
    /// person's "Sync now" then reads what changed since, instead of racing it. Woken when the
    /// running turn is dropped, not by polling.
    async fn take() -> SyncTurn {
        std::future::poll_fn(|cx| match SyncTurn::try_take() {
            Some(turn) => std::task::Poll::Ready(turn),
            None => {
                WAITING.with(|w| w.borrow_mut().push(cx.waker().clone()));
                std::task::Poll::Pending
            }
        })
        .await
    }
}

impl Drop for SyncTurn {
    fn drop(&mut self) {
        SYNC_RUNNING.with(|r| r.set(false));
        // Every waiter tries again; the first takes the turn and the others wait anew.
        for waker in WAITING.with(|w| std::mem::take(&mut *w.borrow_mut())) {
            waker.wake();
        }
    }
}

/// How often an open surface checks whether a sync is due.
const SCHEDULE_CHECK: std::time::Duration = std::time::Duration::from_secs(30);

/// While a surface is open it syncs on the connections' schedule and when the person comes
/// back to the tab (`ConnectionSettings::sync_due`), so what the team did elsewhere shows up
/// without a click. A scheduled sync that fails (a token not entered in this tab, the network)
/// says nothing and waits for the next turn; the Connections page's "Sync now" reports errors.
pub fn start_scheduled_sync(state: AppState) {
    set_interval(move || sync_if_due(state, None), SCHEDULE_CHECK);
    let on_focus = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        let visible = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
        if visible {
            sync_if_due(state, Some(SignedDuration::from_mins(1)));
        }
    });
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let _ = document.add_event_listener_with_callback("visibilitychange", on_focus.as_ref().unchecked_ref());
    }
    // The listener lives as long as the page.
    on_focus.forget();
}

/// Syncs now if one is due (`gap` since the last, or the schedule's interval) and none is
/// running in this tab. Also called as soon as the app adopted the server's connections, so
/// behind `callback-clock serve` the team's calls replace the demo without waiting a turn.
pub fn sync_if_due(state: AppState, gap: Option<SignedDuration>) {
    let (connections, showing) = state.meta.with_untracked(|m| (m.connections.clone(), m.origin));
    let gap = gap.unwrap_or_else(|| connections.sync_interval());
    if !connections.sync_due(showing, browser_now(), gap) {
        return;
    }
    let Some(turn) = SyncTurn::try_take() else { return };
    let first = connections.last_synced().is_none();
    if first {
        state.say(NoticeKind::Info, "Reading the team's calls through the server…");
    }
    spawn_local(async move {
        let result = sync_once(state, RwSignal::new(None)).await;
        drop(turn);
        // The first one replaced the demo in front of the person: say what came instead.
        match result {
            Ok(summary) if first => state.say(NoticeKind::Info, summary.headline()),
            Err(error) if first => state.say(NoticeKind::Error, format!("The first sync did not finish: {error}.")),
            _ => {}
        }
    });
}

/// Runs one sync and stores its result, after the one running in this tab (if any).
/// `progress` is `Some` while it runs.
pub async fn run_sync(state: AppState, progress: RwSignal<Option<SyncProgress>>) -> Result<SyncSummary, SyncError> {
    let _turn = SyncTurn::take().await;
    sync_once(state, progress).await
}

async fn sync_once(state: AppState, progress: RwSignal<Option<SyncProgress>>) -> Result<SyncSummary, SyncError> {
    let meta = state.meta.get_untracked();
    let connections = meta.connections.clone();
    if connections.twilio.is_none() && connections.hubspot.is_none() {
        return Err(SyncError::NotConnected);
    }
    // Credentials are checked before anything is read, so a missing token fails at once.
    let hubspot = connections.hubspot.as_ref().map(hubspot_account).transpose()?;
    let twilio = connections.twilio.as_ref().map(twilio_account).transpose()?;

    let now = browser_now();
    let from = connections
        .last_synced()
        .map(|until| until - OVERLAP)
        .unwrap_or_else(|| now - SignedDuration::from_hours(24 * FIRST_SYNC_DAYS));
    let read_logged = connections.hubspot.as_ref().is_some_and(|h| h.read_logged_calls);
    // HubSpot: contacts, deals, tickets, owners, then what the team did to the callback tasks
    // and the callbacks reps logged there.
    // Twilio: missed calls and voicemails, then the calls the business placed (callbacks).
    let stages_total = hubspot.as_ref().map_or(0, |_| 6) + u32::from(read_logged) + 2 * u32::from(twilio.is_some()) + 1;
    let report = move |stage: &str, stages_done: u32| {
        progress.update(|p| {
            let answers = p.as_ref().map_or(0, |p| p.answers);
            *p = Some(SyncProgress { stage: stage.to_owned(), stages_done, stages_total, answers });
        })
    };
    let answered = move || {
        progress.update(|p| {
            if let Some(p) = p {
                p.answers += 1
            }
        })
    };
    let policy = RetryPolicy::default();
    let mut synced = SyncedData::default();
    let mut shared = None;
    let mut placed = Vec::new();
    let mut stages_done = 0;

    if let Some(account) = &hubspot {
        report("HubSpot contacts", stages_done);
        let mut job = account.crm_sync();
        let mut stage = job.stage_name();
        drive(&mut job, policy, |job| {
            answered();
            if job.stage_name() != stage {
                stage = job.stage_name();
                stages_done += 1;
                report(&format!("HubSpot {stage}"), stages_done);
            }
        })
        .await?;
        let data = job.finish();
        synced.crm_owners = data.owners.iter().map(|o| (o.id.clone(), o.name.clone())).collect();
        synced.skipped.extend(data.skipped.into_iter().map(|reason| format!("HubSpot: {reason}")));
        synced.crm = Some(data.crm);
        stages_done = 4;
        report("HubSpot callback tasks", stages_done);
        let mut job = account.shared_record(from);
        drive(&mut job, policy, |_| answered()).await?;
        shared = Some(job.finish());
        stages_done += 1;
        report("callbacks logged in HubSpot", stages_done);
        let mut job = account.placed_calls(from);
        drive(&mut job, policy, |_| answered()).await?;
        placed.extend(job.finish());
        stages_done += 1;
        if read_logged {
            report("calls logged in HubSpot", stages_done);
            let mut job = account.logged_calls(from, now);
            drive(&mut job, policy, |_| answered()).await?;
            synced.calls.extend(job.finish());
            stages_done += 1;
        }
    }
    if let Some(account) = &twilio {
        report("Twilio missed calls and voicemails", stages_done);
        let mut job = account.missed_calls(from, now);
        drive(&mut job, policy, |_| answered()).await?;
        let result = job.finish();
        synced.skipped.extend(result.skipped.into_iter().map(|s| format!("Twilio {}: {}", s.sid, s.reason)));
        synced.calls.extend(result.calls);
        synced.late_transcripts.extend(result.late_transcripts);
        stages_done += 1;
        report("Twilio callbacks placed", stages_done);
        let mut job = account.outbound_calls(from, now);
        drive(&mut job, policy, |_| answered()).await?;
        placed.extend(job.finish());
        stages_done += 1;
    }

    report("saving", stages_done);
    let replace_demo = meta.origin.is_replaced_by_real_data();
    let base = state.base.get_untracked().ok_or(AppError::NotReady)?;
    let (bundle, mut summary) = merge_synced(&base, synced, replace_demo);
    summary.finished_at = now.to_string();
    let connections =
        ConnectionSettings { synced_until: Some(now.to_string()), last_sync: Some(summary.clone()), ..connections };
    let write_back = connections.hubspot.as_ref().is_some_and(|h| h.write_back);
    state.store_synced(bundle, connections, DataOrigin::Sync).await?;
    summary.from_shared_record = state.record_shared(shared.as_ref(), &placed).await?;
    if write_back {
        queue_task_writes(state).await?;
    }
    progress.set(None);
    Ok(summary)
}
