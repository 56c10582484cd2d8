//! `CallbackCard`: one missed call in the sidebar, compact enough for 320 px: who called,
//! from which source, the urgency, a live countdown to the deadline, and one-click buttons
//! to log a callback attempt or a disposition. It only shows what it is given and reports
//! clicks through its callbacks; the sidebar decides what a click does.

use leptos::prelude::*;

use crate::engine::bundle::Outcome;
use crate::engine::decision::{Action, Urgency};
use crate::engine::record_lookup::Countdown;
use crate::engine::serde_name::serde_name;
use crate::store::workflow::{outcome_label, WorkItem};

/// The dispositions offered as buttons, most common first; the rest are in a menu.
const QUICK_OUTCOMES: [(Outcome, &str); 4] = [
    (Outcome::Booked, "Booked"),
    (Outcome::Reached, "Reached"),
    (Outcome::LeftMessage, "Left message"),
    (Outcome::NoAnswer, "No answer"),
];
const OTHER_OUTCOMES: [(Outcome, &str); 3] =
    [(Outcome::WrongNumber, "Wrong number"), (Outcome::Spam, "Spam"), (Outcome::NotInterested, "Not interested")];

#[component]
pub fn CallbackCard(
    item: WorkItem,
    /// The countdown to `item.due_at`, recomputed by the parent as the clock ticks.
    #[prop(into)]
    countdown: Signal<Option<Countdown>>,
    /// "possible" when the call is only linked to the record by name or an ambiguous match.
    #[prop(optional, into)]
    badge: Option<String>,
    /// Disables the buttons while an action on this call is being saved.
    #[prop(into)]
    busy: Signal<bool>,
    on_attempt: Callback<String>,
    on_disposition: Callback<(String, Outcome)>,
) -> impl IntoView {
    let call_id = item.call_id.clone();
    let who = if item.name.is_empty() { item.number.clone() } else { format!("{} · {}", item.name, item.number) };
    let (action_label, action_class) = match item.action {
        Action::Escalate => ("Escalated", "cc-tag cc-tag-escalate"),
        Action::Review => ("Review", "cc-tag cc-tag-review"),
        Action::CallbackTask | Action::None => ("Callback", "cc-tag"),
    };
    let urgency = match item.urgency {
        Urgency::Emergency => "emergency",
        Urgency::Urgent => "urgent",
        Urgency::Routine => "routine",
        Urgency::Unknown => "urgency unknown",
    };
    let status = match (item.last_outcome, item.attempts) {
        (Some(outcome), _) => format!("done: {}", outcome_label(outcome)),
        (None, 0) => "no attempt yet".to_owned(),
        (None, 1) => "1 attempt".to_owned(),
        (None, n) => format!("{n} attempts"),
    };
    let done = item.done();
    let heading_id = format!("cc-card-{}", item.call_id.replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
    let attempt_id = call_id.clone();
    let menu_id = call_id.clone();
    let label_for = who.clone();
    let labelled_by = heading_id.clone();

    view! {
        <article class="cc-card" aria-labelledby=labelled_by data-call-id=item.call_id.clone()>
            <header class="cc-card-head">
                <h4 id=heading_id class="cc-card-who">
                    {who}
                </h4>
                <span class=action_class>{action_label}</span>
                {badge.map(|b| view! { <span class="cc-tag cc-tag-possible">{b}</span> })}
            </header>
            <p class="cc-card-meta">
                {item.source.clone()} " · " {urgency} {item.after_hours.then_some(" · after hours")}
            </p>
            <p class="cc-card-clock" aria-live="off">
                // A call with a disposition is closed: its deadline no longer counts down.
                {move || {
                    (!done)
                        .then(|| match countdown.get() {
                            Some(c) => {
                                view! {
                                    <span class=if c.overdue { "cc-overdue" } else { "cc-due" }>{c.text}</span>
                                    " · "
                                }
                                    .into_any()
                            }
                            None => {
                                view! {
                                    <span class="cc-due">"no deadline"</span>
                                    " · "
                                }
                                    .into_any()
                            }
                        })
                }}
                {status}
            </p>
            <div class="cc-card-actions" role="group" aria-label=format!("Log for {label_for}")>
                <button
                    class="cc-btn cc-btn-primary"
                    disabled=move || busy.get()
                    on:click=move |_| on_attempt.run(attempt_id.clone())
                >
                    "Log attempt"
                </button>
                {QUICK_OUTCOMES
                    .iter()
                    .map(|&(outcome, label)| {
                        let id = call_id.clone();
                        view! {
                            <button
                                class="cc-btn"
                                disabled=move || busy.get()
                                on:click=move |_| on_disposition.run((id.clone(), outcome))
                            >
                                {label}
                            </button>
                        }
                    })
                    .collect_view()}
                <select
                    class="cc-btn"
                    aria-label="Other disposition"
                    disabled=move || busy.get()
                    on:change=move |ev| {
                        let chosen = event_target_value(&ev);
                        if let Some(&(outcome, _)) = OTHER_OUTCOMES.iter().find(|(o, _)| serde_name(o) == chosen) {
                            on_disposition.run((menu_id.clone(), outcome));
                        }
                    }
                >
                    <option value="" selected>
                        "Other…"
                    </option>
                    {OTHER_OUTCOMES
                        .iter()
                        .map(|&(outcome, label)| view! { <option value=serde_name(&outcome)>{label}</option> })
                        .collect_view()}
                </select>
            </div>
        </article>
    }
}
