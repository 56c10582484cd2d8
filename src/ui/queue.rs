//! The review queue (intake lead): filters, a virtualized list of work items newest first, and
//! the selected call's detail beside it. Keyboard: j/↓ and k/↑ move, Enter opens, / searches.
//!
//! Only the rows in view (plus a margin) are in the DOM, at fixed height, so 10,000 calls
//! scroll and filter smoothly. The open call is in the URL (`/queue?call=<id>`) and survives a reload.

use std::sync::Arc;

use jiff::Timestamp;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::engine::bundle::{owner_name, Bundle, Call};
use crate::engine::decision::{Action, Decision, Urgency};
use crate::engine::serde_name::serde_name;
use crate::store::workflow::outcome_label;
use crate::store::{use_app_state, ActionRecord, AppState, CallOverlay, Intent, WorkItem};
use crate::ui::call_detail::CallDetail;
use crate::ui::labels;
use crate::ui::queue_filter::{Progress, QueueFilter};
use crate::ui::route::use_location;

// Whole CSS pixels: a float formatted here would pull core's float printer into the first
// paint's module, and no row sits at a fractional offset anyway.
const ROW_HEIGHT: usize = 64;
const OVERSCAN: usize = 8;

/// The call the detail pane shows, gathered by the queue, which owns the selection.
struct OpenCall {
    decision: Decision,
    call: Call,
    overlay: CallOverlay,
    history: Vec<ActionRecord>,
    bundle: Arc<Bundle>,
    zone: jiff::tz::TimeZone,
    clock: Signal<jiff::Timestamp>,
    texts_go_out: bool,
    on_intent: Callback<Intent>,
}

/// Renders the call detail; it only exists inside the detail's chunk.
type DetailRenderer = fn(OpenCall) -> AnyView;

/// The call detail is a chunk of its own (`scripts/build-wasm`), fetched the first time a call
/// is opened: the queue's first paint does not need it. The chunk hands back its renderer, which
/// the pane then calls synchronously like any component (a `Suspend` per render would rebuild
/// the pane asynchronously on every change).
#[lazy]
fn load_call_detail() -> DetailRenderer {
    render_call_detail
}

fn render_call_detail(open: OpenCall) -> AnyView {
    view! {
        <CallDetail
            decision=open.decision
            call=open.call
            overlay=open.overlay
            history=open.history
            bundle=open.bundle
            zone=open.zone
            clock=open.clock
            texts_go_out=open.texts_go_out
            on_intent=open.on_intent
        />
    }
    .into_any()
}

#[component]
pub fn QueuePage() -> impl IntoView {
    let state = use_app_state();
    let filter = RwSignal::new(QueueFilter { progress: Progress::All, ..QueueFilter::default() });
    let location = use_location();
    let selected = Memo::new(move |_| location.query("call"));
    let cursor = RwSignal::new(0usize);
    let scroll_top = RwSignal::new(0usize);
    let viewport_height = RwSignal::new(800usize);
    let list_ref = NodeRef::<leptos::html::Div>::new();
    let search_ref = NodeRef::<leptos::html::Input>::new();

    let visible: Memo<Arc<Vec<WorkItem>>> = Memo::new_with_compare(
        move |_| {
            let filter = filter.get();
            Arc::new(state.work_items.with(|items| items.iter().filter(|i| filter.matches(i)).cloned().collect()))
        },
        |_, _| true,
    );
    let open_call = move |call_id: String| location.navigate(&format!("/queue?call={call_id}"), true);

    // Keep the cursor on the open call when the list changes.
    Effect::new(move |_| {
        let items = visible.get();
        if let Some(id) = selected.get() {
            if let Some(position) = items.iter().position(|i| i.call_id == id) {
                cursor.set(position);
            }
        }
    });

    let scroll_cursor_into_view = move |position: usize| {
        if let Some(list) = list_ref.get_untracked() {
            let top = (position * ROW_HEIGHT) as i32;
            let height = list.client_height();
            let current = list.scroll_top();
            if top < current {
                list.set_scroll_top(top);
            } else if top + ROW_HEIGHT as i32 > current + height {
                list.set_scroll_top(top + ROW_HEIGHT as i32 - height);
            }
        }
    };
    let open_for_keys = open_call;
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let typing = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
        if typing || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let count = visible.with_untracked(|v| v.len());
        if count == 0 {
            return;
        }
        let position = cursor.get_untracked().min(count - 1);
        let next = match ev.key().as_str() {
            "j" | "ArrowDown" => (position + 1).min(count - 1),
            "k" | "ArrowUp" => position.saturating_sub(1),
            "Enter" => {
                if let Some(item) = visible.with_untracked(|v| v.get(position).cloned()) {
                    open_for_keys(item.call_id);
                }
                return;
            }
            "/" => {
                if let Some(input) = search_ref.get_untracked() {
                    ev.prevent_default();
                    let _ = input.focus();
                }
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        cursor.set(next);
        scroll_cursor_into_view(next);
        if let Some(item) = visible.with_untracked(|v| v.get(next).cloned()) {
            open_for_keys(item.call_id);
        }
    });
    // The listener is the window's: remove it when the queue leaves the page.
    on_cleanup(move || keys.remove());

    Effect::new(move |_| {
        if let Some(list) = list_ref.get() {
            viewport_height.set(list.client_height().max(200) as usize);
        }
    });

    let window_rows = move || {
        let items = visible.get();
        let first = (scroll_top.get() / ROW_HEIGHT).saturating_sub(OVERSCAN);
        let count = viewport_height.get() / ROW_HEIGHT + 2 * OVERSCAN;
        let last = (first + count).min(items.len());
        (first..last).map(|position| (position, items[position].clone())).collect::<Vec<_>>()
    };
    let zone = move || business_zone(state);
    let owner_label = move |id: &Option<String>| -> String {
        match id {
            None => "No owner".into(),
            Some(id) => owner_name(&state.owners(), id).to_owned(),
        }
    };
    let on_open = {
        let open = open_call;
        Callback::new(move |(position, call_id): (usize, String)| {
            cursor.set(position);
            open(call_id);
        })
    };

    view! {
        <div class="queue-page">
            <section class="queue-column" aria-label="Review queue">
                <Filters filter=filter search_ref=search_ref />
                <div class="queue-count" aria-live="polite">
                    {move || format!("{} calls", visible.with(|v| v.len()))}
                    <span class="hint">"j / k to move, Enter to open, / to search"</span>
                </div>
                <div
                    class="queue-list"
                    role="listbox"
                    aria-label="Missed calls, newest first"
                    tabindex="0"
                    node_ref=list_ref
                    on:scroll=move |ev| {
                        let el: web_sys::Element = event_target(&ev);
                        scroll_top.set(el.scroll_top().max(0) as usize);
                    }
                >
                    <div
                        class="queue-spacer"
                        style:height=move || format!("{}px", visible.with(|v| v.len()) * ROW_HEIGHT)
                    >
                        <For
                            each=window_rows
                            key=|(position, item)| (
                                *position,
                                item.call_id.clone(),
                                item.owner.clone(),
                                item.last_outcome.is_some(),
                                item.resolved,
                                item.stale,
                            )
                            let:row
                        >
                            {
                                let (position, item) = row;
                                let when = zone().map(|z| labels::local_time(item.started_at, &z)).unwrap_or_default();
                                let owner = owner_label(&item.owner);
                                let id = item.call_id.clone();
                                view! {
                                    <QueueRow
                                        position=position
                                        item=item
                                        when=when
                                        owner=owner
                                        is_selected=Signal::derive(move || {
                                            selected.get().as_deref() == Some(id.as_str())
                                        })
                                        at_cursor=Signal::derive(move || cursor.get() == position)
                                        clock=state.deadline_clock
                                        on_open=on_open
                                    />
                                }
                            }
                        </For>
                    </div>
                </div>
            </section>
            <DetailPane selected=selected />
        </div>
    }
}

/// The business's time zone, once its file is loaded.
fn business_zone(state: AppState) -> Option<jiff::tz::TimeZone> {
    state.zone.get().and_then(|z| {
        use crate::engine::ZoneSource;
        state.timezone().and_then(|name| z.zone(&name))
    })
}

/// The open call's detail beside the queue, or a hint to pick one. The detail's code is fetched
/// the first time a call is opened.
#[component]
fn DetailPane(#[prop(into)] selected: Signal<Option<String>>) -> impl IntoView {
    let state = use_app_state();
    let detail_renderer: RwSignal<Option<DetailRenderer>> = RwSignal::new(None);
    let detail_requested = StoredValue::new(false);
    let detail = move || {
        let id = selected.get()?;
        let triaged = state.triage.get()?.ok()?;
        let (bundle, output) = (&triaged.bundle, &triaged.output);
        let index = output.decisions.iter().position(|d| d.call_id == id && d.action != Action::None)?;
        let decision = output.decisions[index].clone();
        let call = bundle.calls.get(index)?.clone();
        let overlay = state.overlays.with(|o| o.get(&id).cloned()).unwrap_or_default();
        let history: Vec<_> = state.actions.with(|a| a.iter().filter(|r| r.call_id == id).cloned().collect());
        let call_id = id.clone();
        let on_intent = Callback::new(move |intent: Intent| state.act(call_id.clone(), intent));
        let shown = OpenCall {
            decision,
            call,
            overlay,
            history,
            bundle: bundle.clone(),
            zone: business_zone(state).unwrap_or(jiff::tz::TimeZone::UTC),
            clock: state.deadline_clock.into(),
            texts_go_out: state.meta.with(|m| m.connections.twilio.is_some()),
            on_intent,
        };
        match detail_renderer.get() {
            Some(render) => Some(render(shown)),
            None => {
                if !detail_requested.get_value() {
                    detail_requested.set_value(true);
                    leptos::task::spawn_local(async move { detail_renderer.set(Some(load_call_detail().await)) });
                }
                Some(view! { <p class="loading-detail">"Opening the call…"</p> }.into_any())
            }
        }
    };

    view! {
        <section class="detail-column" aria-label="Call detail">
            {move || {
                detail()
                    .map(|v| v.into_any())
                    .unwrap_or_else(|| {
                        view! {
                            <div class="empty">
                                <h2>"Pick a call"</h2>
                                <p>"Choose a call in the queue, or press j to start at the newest."</p>
                            </div>
                        }
                            .into_any()
                    })
            }}
        </section>
    }
}

/// One call in the queue's list, placed at its position: urgency, who, action and badges, when,
/// source and owner, and the countdown while the call is open. A click reports the row through
/// `on_open`; the page moves the cursor and opens the call.
#[component]
fn QueueRow(
    position: usize,
    item: WorkItem,
    /// When the call came in, in the business's zone.
    when: String,
    /// The owner's name, or "No owner".
    owner: String,
    #[prop(into)] is_selected: Signal<bool>,
    #[prop(into)] at_cursor: Signal<bool>,
    #[prop(into)] clock: Signal<Timestamp>,
    on_open: Callback<(usize, String)>,
) -> impl IntoView {
    let call_id = item.call_id.clone();
    // A closed call no longer counts down: its disposition badge says why.
    let due = item.live_deadline();
    view! {
        <div
            class="queue-row"
            class:selected=move || is_selected.get()
            class:cursor=move || at_cursor.get()
            class:done=item.done()
            role="option"
            data-call-id=call_id.clone()
            style:top=format!("{}px", position * ROW_HEIGHT)
            on:click=move |_| on_open.run((position, call_id.clone()))
        >
            <span
                class=format!("urgency-dot u-{}", serde_name(&item.urgency))
                title=labels::urgency(item.urgency)
            ></span>
            <div class="row-main">
                <div class="row-title">
                    <strong>{item.display_name().to_owned()}</strong>
                    <span class=format!("badge a-{}", serde_name(&item.action))>{labels::action(item.action)}</span>
                    {item.stale.then(|| view! { <span class="badge stale">"Stale"</span> })}
                    {item.after_hours.then(|| view! { <span class="badge muted">"After hours"</span> })}
                    {item.last_outcome.map(|o| view! { <span class="badge done">{outcome_label(o)}</span> })}
                </div>
                <div class="row-sub">
                    <span>{when}</span>
                    <span>{item.source.clone()}</span>
                    <span>{owner}</span>
                </div>
            </div>
            <span class="row-due" class:overdue=move || due.is_some_and(|d| labels::is_overdue(d, clock.get()))>
                {move || due.map(|d| labels::countdown(d, clock.get())).unwrap_or_default()}
            </span>
        </div>
    }
}

#[component]
fn Filters(filter: RwSignal<QueueFilter>, search_ref: NodeRef<leptos::html::Input>) -> impl IntoView {
    let state = use_app_state();
    let sources = move || state.source_names();
    let owners = move || state.owners();
    // Each option's value is its variant's serde name; "" is no filter.
    let actions = [
        (None, "All actions"),
        (Some(Action::Escalate), "Escalations"),
        (Some(Action::Review), "Reviews"),
        (Some(Action::CallbackTask), "Callbacks"),
    ];
    let urgencies = [
        (None, "Any urgency"),
        (Some(Urgency::Emergency), "Emergency"),
        (Some(Urgency::Urgent), "Urgent"),
        (Some(Urgency::Routine), "Routine"),
        (Some(Urgency::Unknown), "Unknown"),
    ];
    let parse_action = move |v: &str| actions.iter().find_map(|(a, _)| a.filter(|a| serde_name(a) == v));
    let parse_urgency = move |v: &str| urgencies.iter().find_map(|(u, _)| u.filter(|u| serde_name(u) == v));
    view! {
        <div class="filters" role="search">
            <input
                type="search"
                class="search"
                placeholder="Search name or number"
                aria-label="Search by name or number"
                node_ref=search_ref
                prop:value=move || filter.with(|f| f.search.clone())
                on:input=move |ev| filter.update(|f| f.search = event_target_value(&ev))
            />
            <select
                aria-label="Action"
                name="action"
                on:change=move |ev| filter.update(|f| f.action = parse_action(&event_target_value(&ev)))
            >
                {actions
                    .map(|(a, l)| view! { <option value=a.as_ref().map(serde_name).unwrap_or("")>{l}</option> })
                    .collect_view()}
            </select>
            <select
                aria-label="Urgency"
                name="urgency"
                on:change=move |ev| filter.update(|f| f.urgency = parse_urgency(&event_target_value(&ev)))
            >
                {urgencies
                    .map(|(u, l)| view! { <option value=u.as_ref().map(serde_name).unwrap_or("")>{l}</option> })
                    .collect_view()}
            </select>
            <select
                aria-label="Source"
                name="source"
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    filter.update(|f| f.source = (!v.is_empty()).then_some(v));
                }
            >
                <option value="">"Any source"</option>
                {move || {
                    sources().into_iter().map(|s| view! { <option value=s.clone()>{s.clone()}</option> }).collect_view()
                }}
                <option value="unknown">"Unknown source"</option>
            </select>
            <select
                aria-label="Owner"
                name="owner"
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    filter
                        .update(|f| {
                            f.owner = match v.as_str() {
                                "*" => None,
                                "-" => Some(String::new()),
                                _ => Some(v),
                            };
                        });
                }
            >
                <option value="*">"Any owner"</option>
                {move || {
                    owners()
                        .into_iter()
                        .map(|o| view! { <option value=o.id.clone()>{o.name.clone()}</option> })
                        .collect_view()
                }}
                <option value="-">"No owner"</option>
            </select>
            <select
                aria-label="Progress"
                name="progress"
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    filter
                        .update(|f| {
                            f.progress = match v.as_str() {
                                "open" => Progress::Open,
                                "done" => Progress::Done,
                                _ => Progress::All,
                            };
                        });
                }
            >
                <option value="all">"Open and done"</option>
                <option value="open">"Open only"</option>
                <option value="done">"Done only"</option>
            </select>
            <label class="check">
                <input
                    type="checkbox"
                    name="stale"
                    on:change=move |ev| filter.update(|f| f.stale_only = event_target_checked(&ev))
                />
                "Stale"
            </label>
            <label class="check">
                <input
                    type="checkbox"
                    name="after_hours"
                    on:change=move |ev| filter.update(|f| f.after_hours_only = event_target_checked(&ev))
                />
                "After hours"
            </label>
        </div>
    }
}
