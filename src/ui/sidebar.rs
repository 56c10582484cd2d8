//! `SidebarPage` (320-400 px inside a CRM, mounted by the lean bundle at `/sidebar/`; also the
//! full app's `/sidebar` route): the record in view's missed calls and open callback tasks, then
//! "my queue" for the signed-in owner, each with a live countdown and one-click logging of an
//! attempt or a disposition.
//!
//! The host page says which record is in view through the embed bridge; which calls belong
//! to that record is decided by `engine::record_lookup`, and every action goes through the
//! store's intents. After a saved action the host is told (`callback-clock:changed`).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::engine::bundle::Outcome;
use crate::engine::embed_protocol::{owner_for_agent, ChangeKind, HostNotice, RecordInView};
use crate::engine::record_lookup::{calls_of_record, Countdown, RecordLink};
use crate::engine::serde_name::serde_name;
use crate::store::connection_settings::ServedBy;
use crate::store::workflow::{format_when, my_open_queue, Intent, WorkItem};
use crate::store::{use_app_state, AppState, NoticeKind};
use crate::ui::callback_card::CallbackCard;
use crate::ui::embed_bridge::{effective_allowed_origins, EmbedBridge, OwnerHint};

/// How many of "my queue" to show before "show all".
const MY_QUEUE_FIRST: usize = 8;

#[component]
pub fn SidebarPage() -> impl IntoView {
    let state = use_app_state();
    // Known once the store's settings are loaded (with the bundle), not from a stored queue,
    // and the server (if any) has said which CRMs it lets frame the app.
    let allowed = Signal::derive(move || {
        let known = state.base.with(Option::is_some) && state.served_by.with(|s| *s != ServedBy::Asking);
        known.then(|| {
            let mut origins = state.meta.with(|m| m.embed_origins.clone());
            origins.extend(state.served_by.with(|s| s.crm_origins().to_vec()));
            effective_allowed_origins(&origins)
        })
    });
    let bridge = EmbedBridge::start(allowed);
    adopt_host_owner(state, bridge);

    let links = Memo::new(move |_| record_links(state, bridge.record.get().as_ref()));
    let record_items = Memo::new(move |_| {
        let links = links.get();
        let mut items: Vec<(WorkItem, RecordLink)> = state.work_items.with(|all| {
            all.iter().filter_map(|item| links.get(&item.call_id).map(|link| (item.clone(), *link))).collect()
        });
        // Open work first, then by strength of the link, then newest first (the queue's order).
        items.sort_by_key(|(item, link)| (item.done(), std::cmp::Reverse(*link)));
        items
    });
    let record_ids = Memo::new(move |_| {
        record_items.with(|items| items.iter().map(|(i, _)| i.call_id.clone()).collect::<HashSet<_>>())
    });
    let my_items = Memo::new(move |_| {
        let me = state.me.get();
        let shown = record_ids.get();
        state.work_items.with(|all| my_open_queue(all, me.as_deref(), &shown))
    });
    let show_all = RwSignal::new(false);
    let busy: RwSignal<HashSet<String>> = RwSignal::new(HashSet::new());

    let on_attempt = Callback::new(move |call_id: String| {
        act_and_tell_host(state, bridge, busy, call_id, Intent::CallbackAttempt);
    });
    let on_disposition = Callback::new(move |(call_id, outcome): (String, Outcome)| {
        act_and_tell_host(state, bridge, busy, call_id, Intent::Disposition { outcome });
    });
    let card = move |item: WorkItem, badge: Option<String>| {
        let due = item.due_at;
        let id = item.call_id.clone();
        view! {
            <CallbackCard
                item=item
                countdown=Signal::derive(move || due.map(|d| Countdown::until(d, state.clock.get())))
                badge=badge.unwrap_or_default()
                busy=Signal::derive(move || busy.with(|b| b.contains(&id)))
                on_attempt=on_attempt
                on_disposition=on_disposition
            />
        }
    };
    let me_name = move || {
        let me = state.me.get()?;
        let name = state.owners().into_iter().find(|o| o.id == me).map(|o| o.name);
        Some(name.unwrap_or(me))
    };

    view! {
        <style>{SIDEBAR_CSS}</style>
        <div class="cc-sidebar" data-testid="sidebar">
            <section class="cc-sb-record" aria-labelledby="cc-sb-record-title">
                <h2 id="cc-sb-record-title" class="cc-sb-title">
                    "Record in view"
                </h2>
                <p class="cc-sb-record-name" data-testid="record-in-view">
                    {move || describe_record(bridge.record.get().as_ref())}
                </p>
                {move || {
                    bridge
                        .record
                        .get()
                        .map(|_| {
                            let items = record_items.get();
                            if items.is_empty() {
                                view! { <p class="cc-sb-empty">"No missed calls from this record."</p> }.into_any()
                            } else {
                                items
                                    .into_iter()
                                    .map(|(item, link)| card(
                                        item,
                                        (link == RecordLink::Possible).then(|| "possible match".to_owned()),
                                    ))
                                    .collect_view()
                                    .into_any()
                            }
                        })
                }}
            </section>
            <section class="cc-sb-mine" aria-labelledby="cc-sb-mine-title">
                <h2 id="cc-sb-mine-title" class="cc-sb-title">
                    "My queue"
                    {move || me_name().map(|n| view! { <span class="cc-sb-me">{format!(" · {n}")}</span> })}
                </h2>
                {move || {
                    let items = my_items.get();
                    if state.me.get().is_none() {
                        return view! { <p class="cc-sb-empty">"Nobody is signed in."</p> }.into_any();
                    }
                    if items.is_empty() {
                        return view! { <p class="cc-sb-empty">"Nothing open. Well done."</p> }.into_any();
                    }
                    let total = items.len();
                    let limit = if show_all.get() { total } else { MY_QUEUE_FIRST.min(total) };
                    view! {
                        <p class="cc-sb-count">{format!("{total} open, soonest deadline first")}</p>
                        {items.into_iter().take(limit).map(|item| card(item, None)).collect_view()}
                        {(limit < total)
                            .then(|| {
                                view! {
                                    <button class="cc-btn cc-sb-more" on:click=move |_| show_all.set(true)>
                                        {format!("Show all {total}")}
                                    </button>
                                }
                            })}
                    }
                        .into_any()
                }}
            </section>
            <p class="cc-sb-notice" role="status" aria-live="polite">
                {move || state.notice.get().map(|n| n.text)}
            </p>
            <p class="cc-sb-refused" data-testid="refused-origin">
                {move || {
                    bridge
                        .last_refused
                        .get()
                        .map(|origin| format!("Ignored a message from {origin} (not an allowed origin)."))
                }}
            </p>
        </div>
    }
}

/// The calls linked to the record in view, with a person's confirmed matches applied.
fn record_links(state: AppState, record: Option<&RecordInView>) -> Arc<HashMap<String, RecordLink>> {
    let Some(record) = record else { return Arc::default() };
    let Some(Ok(triaged)) = state.triage.get() else { return Arc::default() };
    let overlays = state.overlays.get();
    let confirmed = |call_id: &str| overlays.get(call_id).and_then(|o| o.contact_id.clone());
    Arc::new(calls_of_record(&triaged.bundle, &triaged.output, record, &confirmed, &*triaged.read_phone))
}

fn describe_record(record: Option<&RecordInView>) -> String {
    match record {
        None => "None yet: the CRM page tells the sidebar which record is open.".to_owned(),
        Some(record) => {
            let parts: Vec<&str> = [record.name.as_deref(), record.phone.as_deref(), record.contact_id.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            parts.join(" · ")
        }
    }
}

/// When the host names the signed-in person, the sidebar shows their queue (only if they
/// are one of the configured owners).
fn adopt_host_owner(state: AppState, bridge: EmbedBridge) {
    Effect::new(move |_| {
        let Some(hint) = bridge.owner.get() else { return };
        let Some(config) = state.config() else { return };
        let owners = config.owners.iter().map(|o| (o.id.as_str(), o.name.as_str()));
        let chosen = match &hint {
            OwnerHint::OwnerId(id) => config.owners.iter().find(|o| &o.id == id).map(|o| o.id.as_str()),
            OwnerHint::Agent(agent) => owner_for_agent(agent, owners),
        };
        match chosen {
            Some(id) if state.me.get_untracked().as_deref() != Some(id) => state.me.set(Some(id.to_owned())),
            Some(_) => {}
            None => state.say(NoticeKind::Error, "The host's signed-in user is not one of the owners in Settings."),
        }
    });
}

/// Saves the action through the store, then tells the host what changed.
fn act_and_tell_host(
    state: AppState,
    bridge: EmbedBridge,
    busy: RwSignal<HashSet<String>>,
    call_id: String,
    intent: Intent,
) {
    if busy.with_untracked(|b| b.contains(&call_id)) {
        return;
    }
    busy.update(|b| {
        b.insert(call_id.clone());
    });
    spawn_local(async move {
        let result = state.act_async(call_id.clone(), intent).await;
        busy.update(|b| {
            b.remove(&call_id);
        });
        match result {
            Ok(record) => {
                let (change, outcome) = match &record.intent {
                    Intent::Disposition { outcome } => (ChangeKind::Disposition, Some(serde_name(outcome).to_owned())),
                    Intent::CallbackAttempt => (ChangeKind::Attempt, None),
                    _ => (ChangeKind::Task, None),
                };
                let contact_id = state.work_items.with_untracked(|items| {
                    let index = items.iter().find(|i| i.call_id == call_id).map(|i| i.index)?;
                    let triaged = state.triage.get_untracked()?.ok()?;
                    triaged.output.decisions.get(index)?.matched.contact_id.clone()
                });
                bridge.notify(&HostNotice::Changed {
                    call_id: call_id.clone(),
                    change,
                    outcome,
                    owner_id: state.me.get_untracked(),
                    contact_id,
                    at: format_when(crate::store::app_state::browser_now()),
                });
                state.say(NoticeKind::Info, format!("Saved: {}", record.intent.label()));
            }
            Err(error) => state.say(NoticeKind::Error, error.to_string()),
        }
    });
}

const SIDEBAR_CSS: &str = r#"
.cc-sidebar{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2937;padding:10px;max-width:420px;box-sizing:border-box}
.cc-sb-title{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#4b5563;margin:12px 0 6px}
.cc-sb-record-name{font-weight:600;margin:0 0 8px;overflow-wrap:anywhere}
.cc-sb-empty,.cc-sb-count{color:#4b5563;font-size:13px;margin:4px 0 8px}
.cc-sb-me{text-transform:none;letter-spacing:0;font-weight:400}
.cc-sb-notice{font-size:12px;color:#065f46;min-height:1em}
.cc-sb-refused{font-size:12px;color:#92400e;min-height:1em}
.cc-card{border:1px solid #e5e7eb;border-radius:8px;padding:8px 10px;margin:0 0 8px;background:#fff}
.cc-card-head{display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.cc-card-who{font-size:14px;margin:0;flex:1 1 auto;overflow-wrap:anywhere}
.cc-card-meta,.cc-card-clock{font-size:12px;color:#4b5563;margin:2px 0}
.cc-overdue{color:#b91c1c;font-weight:600}
.cc-due{color:#1f2937;font-weight:600}
.cc-tag{font-size:11px;border-radius:999px;padding:1px 7px;background:#e0e7ff;color:#1e3a8a}
.cc-tag-escalate{background:#fee2e2;color:#991b1b}
.cc-tag-review{background:#fef3c7;color:#92400e}
.cc-tag-possible{background:#f3f4f6;color:#374151}
.cc-card-actions{display:flex;flex-wrap:wrap;gap:4px;margin-top:6px}
.cc-btn{font:inherit;font-size:12px;padding:4px 8px;border:1px solid #d1d5db;border-radius:6px;background:#fff;color:#1f2937;cursor:pointer;min-height:28px}
.cc-btn:hover{background:#f3f4f6}
.cc-btn:focus-visible{outline:2px solid #2563eb;outline-offset:1px}
.cc-btn:disabled{opacity:.5;cursor:progress}
.cc-btn-primary{background:#2563eb;border-color:#2563eb;color:#fff}
.cc-btn-primary:hover{background:#1d4ed8}
.cc-sb-more{width:100%}
"#;
