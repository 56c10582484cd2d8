//! Sends the outbox: to HubSpot, callback tasks after a sync and, as people act, their actions'
//! notes (dispositions, attempts, resolved reviews, matches) and reassignments; to Twilio, the
//! approved texts people send.
//!
//! Runs every [`FLUSH_EVERY`] and right after anything is queued. One flush at a time per tab;
//! across tabs an entry is claimed in IndexedDB before it is sent, and the write itself finds
//! an earlier copy before creating (a HubSpot record by its call or action id, a text in
//! Twilio's Messages list), so neither two tabs nor a retry after a lost answer makes a second.
//! A failed write stays queued with its error and its next try shown on the connections page;
//! it survives a reload because it lives in IndexedDB.

use std::cell::Cell;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::fetch_executor::drive;
use super::session_secrets::{load_secret, SecretSlot};
use super::sync_run::{twilio_account, SyncError};
use crate::connectors::hubspot::action_note::{ActionNote, NoteSays};
use crate::connectors::hubspot::{CallbackTask, HubSpotAccount};
use crate::connectors::twilio::{TextOutcome, TwilioAccount};
use crate::connectors::{ConnectorError, Exchange, RetryPolicy};
use crate::engine::consent::PromiseGuard;
use crate::engine::decision::Action;
use crate::store::app_state::{browser_now, AppError};
use crate::store::connection_settings::HubSpotSettings;
use crate::store::outbox::{due_entries, OutboxEntry, WriteIntent, WriteTarget, RENEW_CLAIM_EVERY};
use crate::store::shared_record::note_for;
use crate::store::workflow::{parse_when, undone_ids};
use crate::store::{AppState, Intent, LoadStatus, NoticeKind};

pub const FLUSH_EVERY: Duration = Duration::from_secs(15);

thread_local! {
    static FLUSHING: Cell<bool> = const { Cell::new(false) };
}

pub fn hubspot_account(settings: &HubSpotSettings) -> Result<HubSpotAccount, SyncError> {
    let mut account = if settings.proxy_authorizes {
        HubSpotAccount::via_authorizing_proxy(&settings.base_url)
    } else {
        let token = load_secret(SecretSlot::HubSpot).ok_or(SyncError::MissingToken("HubSpot"))?;
        HubSpotAccount::new(&settings.base_url, &token)
    };
    let consent = settings.sms_consent_property.trim();
    account.sms_consent_property = (!consent.is_empty()).then(|| consent.to_owned());
    Ok(account)
}

/// This tab's name in outbox claims, fixed for the tab's life.
pub fn tab_id() -> String {
    thread_local! {
        static TAB: String = browser_tabs_name();
    }
    TAB.with(Clone::clone)
}

/// The browser tab's name, kept in its session storage, so a reload or a navigation inside the
/// tab (the sidebar's frame moving to the next record, the rep going from the sidebar to the
/// queue) takes up at once the writes the page before it had claimed, instead of waiting for
/// the claim to expire. A tab the browser duplicates copies the name; the writes are
/// idempotent, so two tabs of one name still write each thing once.
fn browser_tabs_name() -> String {
    const KEY: &str = "callback-clock-tab";
    let storage = web_sys::window().and_then(|w| w.session_storage().ok().flatten());
    if let Some(name) = storage.as_ref().and_then(|s| s.get_item(KEY).ok().flatten()) {
        return name;
    }
    let name = format!("tab-{:x}", (js_sys::Math::random() * 1e15) as u64);
    if let Some(storage) = storage {
        let _ = storage.set_item(KEY, &name);
    }
    name
}

/// Queues the callback task of every call in the queue that has a deadline.
pub async fn queue_task_writes(state: AppState) -> Result<usize, AppError> {
    let triaged = state.current_triage().await?;
    let now_ms = browser_now().as_millisecond();
    let entries = triaged
        .output
        .decisions
        .iter()
        .filter(|d| d.action != Action::None && d.due_at.is_some())
        .map(|d| OutboxEntry::new(WriteIntent::CallbackTask { call_id: d.call_id.clone() }, now_ms))
        .collect();
    let added = state.enqueue_writes(entries).await?;
    flush_soon(state);
    Ok(added)
}

/// Queues what people did that HubSpot keeps (dispositions, attempts, resolved reviews, matches,
/// reassignments), for calls whose
/// task is (being) written back. What came from HubSpot is not written back to it.
async fn queue_action_writes(state: AppState) -> Result<(), AppError> {
    let outbox = state.outbox.get_untracked();
    let actions = state.actions.get_untracked();
    let now_ms = browser_now().as_millisecond();
    // A disposition taken back before it was queued is not written; one already written stays
    // in HubSpot (its note says what was logged, and the next disposition adds its own).
    let undone = undone_ids(&actions);
    let entries: Vec<OutboxEntry> = actions
        .iter()
        .filter(|record| !undone.contains(record.id.as_str()) && !record.from_the_shared_record())
        .filter_map(|record| {
            let intent = match (&record.intent, note_for(&record.intent)) {
                (_, Some(says)) => WriteIntent::Note {
                    call_id: record.call_id.clone(),
                    action_id: record.id.clone(),
                    says,
                    who: record.who.clone(),
                    when: record.when.clone(),
                },
                (Intent::Reassign { owner }, None) => WriteIntent::Reassign {
                    call_id: record.call_id.clone(),
                    action_id: record.id.clone(),
                    owner: owner.clone(),
                },
                _ => return None,
            };
            let task_key = WriteIntent::CallbackTask { call_id: record.call_id.clone() }.key();
            let fresh = !outbox.iter().any(|e| e.id == intent.key());
            (fresh && outbox.iter().any(|e| e.id == task_key)).then(|| OutboxEntry::new(intent, now_ms))
        })
        .collect();
    if !entries.is_empty() {
        state.enqueue_writes(entries).await?;
        flush_soon(state);
    }
    Ok(())
}

/// Queues the texts people send while Twilio is connected, one send per "Send this text".
/// Only texts logged since this tab started: one recorded before Twilio was connected (or in
/// the demo) was never meant to go out later.
async fn queue_texts(state: AppState, since: jiff::Timestamp) -> Result<(), AppError> {
    if state.meta.get_untracked().connections.twilio.is_none() {
        return Ok(());
    }
    let outbox = state.outbox.get_untracked();
    let actions = state.actions.get_untracked();
    let undone = undone_ids(&actions);
    let now_ms = browser_now().as_millisecond();
    let entries: Vec<OutboxEntry> = actions
        .iter()
        .filter(|record| matches!(record.intent, Intent::SendText { .. }) && !undone.contains(record.id.as_str()))
        .filter(|record| parse_when(&record.when).is_some_and(|when| when >= since))
        .map(|record| WriteIntent::Text { call_id: record.call_id.clone(), action_id: record.id.clone() })
        .filter(|intent| !outbox.iter().any(|e| e.id == intent.key()))
        .map(|intent| OutboxEntry::new(intent, now_ms))
        .collect();
    if !entries.is_empty() {
        state.enqueue_writes(entries).await?;
        flush_soon(state);
    }
    Ok(())
}

/// Starts the periodic flush and the watchers that queue dispositions and texts. Call once,
/// after the state exists.
pub fn start_write_back(state: AppState) {
    // Whole seconds, as the action log stores its times.
    let started = jiff::Timestamp::from_second(browser_now().as_second()).unwrap_or_else(|_| browser_now());
    Effect::new(move |_| {
        state.actions.track();
        spawn_local(async move {
            let _ = queue_action_writes(state).await;
            let _ = queue_texts(state, started).await;
        });
    });
    // The outbox as stored, read again whenever a state is installed (a start, another tab's
    // write, an import: `install` sets the bundle each time; the outbox's own writes read it
    // themselves): only write-back and the connections page read it, both in this module, so
    // its entries' parsers are not in the chunks a first start fetches (issue 16).
    Effect::new(move |_| {
        state.base.track();
        spawn_local(async move {
            if let Err(error) = state.refresh_outbox().await {
                state.say(NoticeKind::Error, error.to_string());
            }
        });
    });
    // What a reload left in the outbox goes out as soon as the store is loaded; behind
    // `callback-clock serve`, through the server's proxy.
    // Runs again when the start's `/api/config` answer arrives after the store loaded.
    Effect::new(move |_| {
        if state.status.get() == LoadStatus::Ready {
            let served_by = state.served_by.get();
            spawn_local(async move {
                super::served_by::adopt_server_connections(state, &served_by).await;
                flush_soon(state);
                super::sync_run::sync_if_due(state, None);
            });
        }
    });
    set_interval(move || flush_soon(state), FLUSH_EVERY);
    super::sync_run::start_scheduled_sync(state);
}

/// Flushes now unless a flush is already running in this tab.
pub fn flush_soon(state: AppState) {
    if FLUSHING.with(|f| f.replace(true)) {
        return;
    }
    spawn_local(async move {
        let _ = flush(state).await;
        FLUSHING.with(|f| f.set(false));
    });
}

async fn flush(state: AppState) -> Result<(), AppError> {
    let connections = state.meta.get_untracked().connections;
    // The accounts this tab can write with. Without a system's token its entries wait here
    // (another tab that has it will send them).
    let hubspot = connections.hubspot.filter(|h| h.write_back).and_then(|h| hubspot_account(&h).ok());
    let twilio = connections.twilio.and_then(|t| twilio_account(&t).ok());
    if hubspot.is_none() && twilio.is_none() {
        return Ok(());
    }
    state.refresh_outbox().await?;
    let tab = tab_id();
    let sendable = |target: WriteTarget| match target {
        WriteTarget::HubSpot => hubspot.is_some(),
        WriteTarget::Twilio => twilio.is_some(),
    };
    let due: Vec<String> = due_entries(&state.outbox.get_untracked(), browser_now().as_millisecond(), &tab)
        .iter()
        .filter(|e| sendable(e.intent.target()))
        .map(|e| e.id.clone())
        .collect();
    for id in due {
        let Some(entry) = state.claim_write(&id, &tab, browser_now().as_millisecond()).await? else { continue };
        // A send with its retries may outlast the claim: renewed while it runs, so no other tab
        // takes the entry over from a tab that is still sending.
        let renewal = {
            let (id, tab) = (id.clone(), tab.clone());
            set_interval_with_handle(
                move || {
                    let (id, tab) = (id.clone(), tab.clone());
                    spawn_local(async move {
                        let _ = state.renew_write_claim(&id, &tab, browser_now().as_millisecond()).await;
                    });
                },
                RENEW_CLAIM_EVERY,
            )
            .ok()
        };
        let result = match (&entry.intent, &hubspot, &twilio) {
            (WriteIntent::Text { call_id, action_id }, _, Some(twilio)) => {
                send_text(state, twilio, call_id, action_id, entry.may_have_gone_out()).await
            }
            (intent, Some(hubspot), _) if intent.target() == WriteTarget::HubSpot => {
                write(state, hubspot, intent).await
            }
            // Not reached: `due` holds only what this tab has an account for.
            _ => Err(WriteFailure::Stuck("this tab has no account to send it with".into())),
        };
        if let Some(renewal) = renewal {
            renewal.clear();
        }
        let updated = match result {
            Ok(remote_id) => entry.written(remote_id),
            Err(WriteFailure::Connector(error)) => entry.failed(&error, browser_now().as_millisecond()),
            Err(WriteFailure::Stuck(reason)) => entry.stuck(reason),
        };
        state.update_write(updated).await?;
    }
    Ok(())
}

/// Sends one approved text through Twilio; its message sid on success. The connector checks
/// the decision's consent and the promise guard again, so a text queued before the contact
/// opted out, or before the template changed, does not go out. A STOP reply (Twilio 21610) is
/// recorded on the call as an opt-out of the contacts on that number.
async fn send_text(
    state: AppState,
    account: &TwilioAccount,
    call_id: &str,
    action_id: &str,
    may_have_gone_out: bool,
) -> Result<String, WriteFailure> {
    let actions = state.actions.get_untracked();
    let sent = actions.iter().find(|a| a.id == action_id);
    if sent.is_none() || undone_ids(&actions).contains(action_id) {
        return Err(WriteFailure::Stuck("the text was taken back before it went out; nothing was sent".into()));
    }
    let triaged =
        state.current_triage().await.map_err(|e| WriteFailure::Stuck(format!("the queue is not loaded: {e}")))?;
    let bundle = &triaged.bundle;
    let decision =
        triaged.output.decisions.iter().find(|d| d.call_id == call_id && d.action != Action::None).ok_or_else(
            || WriteFailure::Stuck(format!("call {call_id} is no longer in the queue; nothing was sent")),
        )?;
    let to =
        decision.caller.e164.clone().ok_or_else(|| WriteFailure::Stuck("the caller has no number to text".into()))?;
    // From the business number the caller dialed, so a reply reaches the same line.
    let from = decision
        .source
        .as_ref()
        .map(|s| s.number.clone())
        .or_else(|| bundle.calls.iter().find(|c| c.id == call_id).map(|c| c.to.clone()));
    let from = from.ok_or_else(|| WriteFailure::Stuck("no business number to text from".into()))?;
    let logged_at = sent.and_then(|a| parse_when(&a.when)).unwrap_or_else(browser_now);
    let not_before = logged_at - jiff::SignedDuration::from_mins(5);
    let mut job =
        account.send_text(&from, &to, &decision.sms, &bundle.config.sms, &PromiseGuard::default(), not_before)?;
    if may_have_gone_out {
        job = job.looking_first();
    }
    drive(&mut job, RetryPolicy::default(), |_| {}).await?;
    match job.finish() {
        Some(TextOutcome::Sent { message_sid }) => Ok(message_sid),
        Some(TextOutcome::OptedOut { to }) => {
            let overlay = state.overlays.get_untracked().get(call_id).cloned().unwrap_or_default();
            let mut contact_ids: Vec<String> = overlay
                .contact_id
                .or_else(|| decision.matched.contact_id.clone())
                .into_iter()
                .chain(decision.matched.candidates.iter().cloned())
                .collect();
            contact_ids.sort();
            contact_ids.dedup();
            let recorded = state
                .act_async(call_id.to_owned(), Intent::RecordOptOut { phone: to.clone(), contact_ids })
                .await
                .map(|_| "recorded as opted out")
                .unwrap_or("could not record the opt-out; check the contact's consent");
            Err(WriteFailure::Stuck(format!(
                "{to} replied STOP to earlier texts (Twilio 21610): {recorded}; nothing was sent"
            )))
        }
        None => Err(WriteFailure::Connector(ConnectorError::Malformed {
            service: "Twilio",
            what: "the send ended without an answer".into(),
        })),
    }
}

enum WriteFailure {
    Connector(ConnectorError),
    /// Trying again will not help until something changes here (the call left the queue).
    Stuck(String),
}

impl From<ConnectorError> for WriteFailure {
    fn from(error: ConnectorError) -> Self {
        WriteFailure::Connector(error)
    }
}

/// Sends one HubSpot write; the CRM's id of the call's task on success.
async fn write(state: AppState, account: &HubSpotAccount, intent: &WriteIntent) -> Result<String, WriteFailure> {
    let policy = RetryPolicy::default();
    match intent {
        WriteIntent::CallbackTask { call_id } => {
            let task = callback_task(state, call_id).await.ok_or_else(|| {
                WriteFailure::Stuck(format!("call {call_id} no longer makes a callback task; nothing to write"))
            })?;
            let mut job = account.write_task(task, browser_now());
            drive(&mut job, policy, |_| {}).await?;
            let written = job.finish().ok_or_else(|| malformed("the task write ended without a task id"))?;
            Ok(written.task_id)
        }
        WriteIntent::Note { call_id, action_id, says, who, when } => {
            note_action(state, account, call_id, action_id, says.clone(), who, when).await
        }
        WriteIntent::Disposition { call_id, action_id, outcome, who, when } => {
            let says = NoteSays::Outcome { outcome: outcome.clone() };
            note_action(state, account, call_id, action_id, says, who, when).await
        }
        WriteIntent::Reassign { call_id, owner, .. } => {
            let mut job = account.write_owner(call_id, owner);
            drive(&mut job, policy, |_| {}).await?;
            job.finish().ok_or_else(|| malformed("the owner write ended without a task id"))
        }
        WriteIntent::Text { .. } => Err(WriteFailure::Stuck("a text goes to Twilio, not HubSpot".into())),
    }
}

/// Records one action on the call's HubSpot task and contact; the task's id on success.
async fn note_action(
    state: AppState,
    account: &HubSpotAccount,
    call_id: &str,
    action_id: &str,
    says: NoteSays,
    who: &str,
    when: &str,
) -> Result<String, WriteFailure> {
    let owners = state.config().map(|c| c.owners).unwrap_or_default();
    let owner_name = crate::engine::bundle::owner_name(&owners, who);
    let note = ActionNote {
        call_id: call_id.to_owned(),
        action_id: action_id.to_owned(),
        says,
        by: who.to_owned(),
        byline: format!("Logged by {owner_name} at {when}."),
        logged_at: parse_when(when).unwrap_or_else(browser_now),
    };
    let mut job = account.write_action_note(note);
    drive(&mut job, RetryPolicy::default(), |_| {}).await?;
    let written = job.finish().ok_or_else(|| malformed("the note write ended without a task id"))?;
    Ok(written.task_id)
}

fn malformed(what: &str) -> WriteFailure {
    WriteFailure::Connector(ConnectorError::Malformed { service: "HubSpot", what: what.to_owned() })
}

/// The task as the queue shows the call now: a reassigned owner and a confirmed match win
/// over the engine's first choice.
async fn callback_task(state: AppState, call_id: &str) -> Option<CallbackTask> {
    let triaged = state.current_triage().await.ok()?;
    let (bundle, output) = (&triaged.bundle, &triaged.output);
    let index = output.decisions.iter().position(|d| d.call_id == call_id && d.action != Action::None)?;
    let mut task = CallbackTask::from_decision(&output.decisions[index], bundle.calls.get(index)?)?;
    if let Some(overlay) = state.overlays.get_untracked().get(call_id) {
        if let Some(owner) = &overlay.owner {
            task.owner_id = Some(owner.clone());
        }
        if let Some(contact) = &overlay.contact_id {
            task.contact_id = Some(contact.clone());
        }
    }
    Some(task)
}
