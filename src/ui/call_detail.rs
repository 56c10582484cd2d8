//! One call in full: caller and source, the match and its candidates, the summary, the
//! transcript with its evidence highlighted, reasons, owner and rule, the deadline counting
//! down, the follow-up text, the actions, and the call's audit trail.
//!
//! Data comes in by props; every action goes out through `on_intent` as a `workflow::Intent`.
//! Whether an action is allowed is decided by `workflow::plan_action`, not here: the buttons
//! shown follow the decision's own fields (`sms.allowed`, `action`).

use std::sync::Arc;

use jiff::tz::TimeZone;
use jiff::Timestamp;
use leptos::prelude::*;

use crate::engine::bundle::{Bundle, Call};
use crate::engine::decision::{Action, Decision, MatchKind};
use crate::engine::transcript::EvidenceSource;
use crate::store::exchange::{action_name, urgency_name};
use crate::store::workflow::{describe_change, outcome_name, ALL_OUTCOMES};
use crate::store::{ActionRecord, CallOverlay, Intent};
use crate::ui::evidence_transcript::{EvidenceTranscript, Highlight};
use crate::ui::labels;

#[component]
pub fn CallDetail(
    decision: Decision,
    call: Call,
    overlay: CallOverlay,
    history: Vec<ActionRecord>,
    bundle: Arc<Bundle>,
    zone: TimeZone,
    clock: Signal<Timestamp>,
    /// Twilio is connected: "Send" sends through it (the outbox); otherwise the text is only
    /// recorded as sent by hand.
    texts_go_out: bool,
    on_intent: Callback<Intent>,
) -> impl IntoView {
    let d = decision;
    let config = &bundle.config;
    let owner_name =
        |id: &str| config.owners.iter().find(|o| o.id == id).map(|o| o.name.clone()).unwrap_or_else(|| id.to_owned());
    let contact_name = |id: &str| {
        bundle.crm.contacts.iter().find(|c| c.id == id).and_then(|c| c.name.clone()).unwrap_or_else(|| id.to_owned())
    };
    let closed_as = overlay.last_outcome.map(|o| outcome_name(o).replace('_', " "));
    let effective_owner = overlay.owner.clone().or_else(|| d.owner.clone());
    let effective_contact = overlay.contact_id.clone().or_else(|| d.matched.contact_id.clone());
    let title = effective_contact
        .as_deref()
        .map(contact_name)
        .or_else(|| call.caller_name.clone())
        .unwrap_or_else(|| d.caller.e164.clone().unwrap_or_else(|| "Unknown caller".into()));
    let number = match (&d.caller.e164, &d.caller.raw) {
        (Some(e164), _) => e164.clone(),
        (None, Some(raw)) if !raw.trim().is_empty() => format!("{raw} (not a callable number)"),
        _ => "Caller id withheld".into(),
    };
    let started = labels::local_time(call.started_at.0, &zone);
    let due: Option<Timestamp> = d.due_at.as_deref().and_then(|t| t.parse().ok());
    let due_local = due.map(|t| labels::local_time(t, &zone)).unwrap_or_default();

    // Evidence: this call's voicemail spans are highlighted; the rest are listed.
    let mut highlights = Vec::new();
    let mut other_evidence = Vec::new();
    let urgency_kind = urgency_name(d.urgency.level);
    let mut cite = |e: &crate::engine::transcript::Evidence, label: String, kind: &'static str| match e.code_points() {
        Some((start, end)) if e.source() == EvidenceSource::Voicemail && e.call_id().is_none() => {
            highlights.push(Highlight { start, end, label, kind })
        }
        _ => other_evidence.push(format!("{label}: {}", e.quote().unwrap_or("from the call log"))),
    };
    for e in &d.urgency.evidence {
        cite(e, format!("{} · {}", labels::urgency(d.urgency.level), labels::signal(e.signal())), urgency_kind);
    }
    for category in &d.categories {
        for e in &category.evidence {
            cite(e, labels::category(category.name).to_owned(), "category");
        }
    }
    if let Some(location) = &d.location {
        for e in &location.evidence {
            cite(e, format!("postal code {}", location.postal_code), "location");
        }
    }
    let transcript = call.voicemail.as_ref().and_then(|v| v.transcript.clone()).filter(|t| !t.trim().is_empty());
    let confidence = call.voicemail.as_ref().and_then(|v| v.confidence);

    // Match candidates: the matched contact(s), name-only duplicates, and a chooser over all contacts.
    let caller_e164 = d.caller.e164.clone();
    let number_carriers: Vec<String> = match d.matched.kind {
        MatchKind::Ambiguous => d.matched.candidates.clone(),
        _ => d.matched.contact_id.iter().cloned().collect(),
    };
    let mut candidates: Vec<String> = d.matched.candidates.clone();
    if let Some(c) = &d.matched.contact_id {
        if !candidates.contains(c) {
            candidates.insert(0, c.clone());
        }
    }
    let contacts: Vec<(String, String)> =
        bundle.crm.contacts.iter().map(|c| (c.id.clone(), c.name.clone().unwrap_or_else(|| c.id.clone()))).collect();
    let choose_contact = {
        let caller_e164 = caller_e164.clone();
        let number_carriers = number_carriers.clone();
        move |contact_id: String| {
            let merge_phone = if number_carriers.contains(&contact_id) { None } else { caller_e164.clone() };
            on_intent.run(Intent::MatchContact { contact_id, merge_phone });
        }
    };
    let chosen_other = RwSignal::new(String::new());
    let reassign_to = RwSignal::new(String::new());
    let outcome_choice = RwSignal::new("booked".to_owned());

    let sms_text = d
        .sms
        .template
        .as_ref()
        .and_then(|id| config.sms.templates.iter().find(|t| &t.id == id).map(|t| (t.id.clone(), t.text.clone())));
    let needs_resolution = matches!(d.action, Action::Review | Action::Escalate) && !overlay.resolved;
    let undoable = overlay.undoable.clone();

    let candidate_rows = candidates
        .into_iter()
        .map(|id| {
            let choose = choose_contact.clone();
            let confirmed = effective_contact.as_deref() == Some(id.as_str());
            let carries = number_carriers.contains(&id);
            let name = contact_name(&id);
            let id_for_click = id.clone();
            view! {
                <li class="candidate" class:chosen=confirmed>
                    <span>
                        <strong>{name}</strong>
                        " "
                        <code>{id.clone()}</code>
                        {(!carries).then(|| view! { <span class="muted">" · same name, other number"</span> })}
                    </span>
                    {if confirmed {
                        view! { <span class="badge done">"Confirmed"</span> }.into_any()
                    } else {
                        view! {
                            <button class="button small" on:click=move |_| choose(id_for_click.clone())>
                                {if carries { "This is the caller" } else { "Merge caller into this contact" }}
                            </button>
                        }
                        .into_any()
                    }}
                </li>
            }
        })
        .collect_view();

    let history_rows = history
        .iter()
        .rev()
        .map(|record| {
            let when = record.when.parse::<Timestamp>().map(|t| labels::local_time(t, &zone)).unwrap_or_default();
            let undone =
                history.iter().any(|r| matches!(&r.intent, Intent::Undo { action_id } if action_id == &record.id));
            view! {
                <li class:undone=undone>
                    <span class="when">{when}</span>
                    <span class="who">{owner_name(&record.who)}</span>
                    <span class="what">{record.intent.label()}</span>
                    <span class="change">{describe_change(&record.before, &record.after)}</span>
                </li>
            }
        })
        .collect_view();

    let choose_other = choose_contact.clone();
    view! {
        <article class="call-detail" data-call-id=d.call_id.clone()>
            <header class="detail-head">
                <div>
                    <h2>{title}</h2>
                    <p class="caller-line">
                        <span class="number">{number}</span>
                        " · "
                        <span>{started}</span>
                        {d.after_hours.then(|| view! { <span class="badge muted">"After hours"</span> })}
                    </p>
                    <p class="source-line">
                        {match &d.source {
                            Some(s) => format!("Dialed {} ({}){}", s.name, s.number, s.campaign.as_ref().map(|c| format!(" · campaign {c}")).unwrap_or_default()),
                            None => format!("Dialed {} (not a known tracking number)", call.to),
                        }}
                    </p>
                </div>
                <div class="head-badges">
                    <span class=format!("badge big a-{}", action_name(d.action))>{labels::action(d.action)}</span>
                    <span class=format!("badge big u-{}", urgency_kind)>{labels::urgency(d.urgency.level)}</span>
                </div>
            </header>

            <section class="deadline" class:stale=d.stale>
                <div>
                    <span class="label">"Call back by"</span>
                    <strong>{due_local}</strong>
                </div>
                {match closed_as {
                    // A disposition closed the call: the clock stopped, say how it ended.
                    Some(outcome) => view! { <div class="countdown closed">{format!("Closed: {outcome}")}</div> }.into_any(),
                    None => view! {
                        <div class="countdown" aria-live="off" class:overdue=move || due.is_some_and(|t| labels::is_overdue(t, clock.get()))>
                            {move || due.map(|t| labels::countdown(t, clock.get())).unwrap_or_default()}
                        </div>
                    }
                    .into_any(),
                }}
                {d.stale.then(|| view! { <span class="badge stale">"Stale: no attempt before the deadline"</span> })}
            </section>

            {(!d.reasons.is_empty()).then(|| view! {
                <section>
                    <h3>"Why it needs a person"</h3>
                    <ul class="chips">
                        {d.reasons.iter().map(|r| view! { <li class="chip reason">{labels::reason(*r)}</li> }).collect_view()}
                    </ul>
                </section>
            })}

            <section class="owner-box">
                <h3>"Owner"</h3>
                <p>
                    {match &effective_owner {
                        Some(id) => view! { <strong class="owner-name">{owner_name(id)}</strong> }.into_any(),
                        None => view! { <strong class="owner-name warn">"No owner"</strong> }.into_any(),
                    }}
                    {match (overlay.owner.is_some(), d.owner_rule) {
                        (true, _) => " · reassigned by a person".to_owned(),
                        (false, Some(rule)) => format!(" · rule: {}", labels::owner_rule(rule)),
                        (false, None) => String::new(),
                    }}
                </p>
                <div class="inline-form">
                    <select aria-label="Reassign to" name="reassign" on:change=move |ev| reassign_to.set(event_target_value(&ev))>
                        <option value="">"Reassign to…"</option>
                        {config.owners.iter().map(|o| view! {
                            <option value=o.id.clone()>{format!("{}{}", o.name, if o.available { "" } else { " (away)" })}</option>
                        }).collect_view()}
                    </select>
                    <button class="button" on:click=move |_| {
                        let owner = reassign_to.get_untracked();
                        if !owner.is_empty() {
                            on_intent.run(Intent::Reassign { owner });
                        }
                    }>"Reassign"</button>
                </div>
            </section>

            <section class="match-box">
                <h3>"Match: " {labels::match_kind(d.matched.kind)}</h3>
                <p class="muted">
                    {[d.matched.lead_id.as_ref().map(|l| format!("lead {l}")), d.matched.ticket_id.as_ref().map(|t| format!("open ticket {t}"))]
                        .into_iter().flatten().collect::<Vec<_>>().join(" · ")}
                    {d.new_record.then_some("No record yet: a new lead should be opened for this caller.")}
                </p>
                <ul class="candidates">{candidate_rows}</ul>
                <div class="inline-form">
                    <select aria-label="Another contact" name="other-contact" on:change=move |ev| chosen_other.set(event_target_value(&ev))>
                        <option value="">"Another existing contact…"</option>
                        {contacts.into_iter().map(|(id, name)| view! { <option value=id.clone()>{format!("{name} ({id})")}</option> }).collect_view()}
                    </select>
                    <button class="button ghost" on:click=move |_| {
                        let id = chosen_other.get_untracked();
                        if !id.is_empty() {
                            choose_other(id);
                        }
                    }>"Merge into contact"</button>
                </div>
            </section>

            <section>
                <h3>"Summary"</h3>
                {if d.summary.is_empty() {
                    view! { <p class="muted">"No voicemail to summarize."</p> }.into_any()
                } else {
                    view! { <ul class="summary">{d.summary.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ul> }.into_any()
                }}
            </section>

            <section>
                <h3>
                    "Voicemail"
                    {confidence.map(|c| view! { <span class="muted small">{format!(" · transcript confidence {:.0}%", c * 100.0)}</span> })}
                </h3>
                {match transcript {
                    Some(text) => view! { <EvidenceTranscript text=text highlights=highlights /> }.into_any(),
                    None => view! { <p class="muted">"No voicemail transcript."</p> }.into_any(),
                }}
                {(!other_evidence.is_empty()).then(|| view! {
                    <ul class="evidence-list">{other_evidence.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                })}
                {(!d.categories.is_empty()).then(|| view! {
                    <ul class="chips">{d.categories.iter().map(|c| view! { <li class="chip">{labels::category(c.name)}</li> }).collect_view()}</ul>
                })}
            </section>

            <section class="text-box">
                <h3>"Follow-up text"</h3>
                {match (d.sms.allowed, sms_text) {
                    (true, Some((template_id, text))) => {
                        let words = text.clone();
                        let already = overlay.texts_sent.contains(&text);
                        let (intro, button) = if texts_go_out {
                            ("Approved wording, sent through Twilio exactly as shown:", "Send this text")
                        } else {
                            ("Approved wording. Twilio is not connected: send it from your phone exactly as shown, then record it.", "Record text as sent")
                        };
                        view! {
                            <p class="muted">{intro}</p>
                            <blockquote class="sms">{text.clone()}</blockquote>
                            <button class="button" disabled=already on:click=move |_| on_intent.run(Intent::SendText { template_id: template_id.clone(), text: words.clone() })>
                                {if already { "Text sent" } else { button }}
                            </button>
                        }.into_any()
                    }
                    _ => view! {
                        <p class="muted">{format!("No text: {}.", d.sms.reason.map(labels::sms_block).unwrap_or("not allowed"))}</p>
                    }.into_any(),
                }}
            </section>

            <section class="actions" aria-label="Actions">
                <h3>"Work the call"</h3>
                <div class="action-row">
                    {needs_resolution.then(|| view! {
                        <button class="button" on:click=move |_| on_intent.run(Intent::ResolveReview)>"Resolve review"</button>
                    })}
                    <button class="button primary" on:click=move |_| on_intent.run(Intent::CallbackAttempt)>
                        {format!("Log callback attempt ({})", overlay.attempts)}
                    </button>
                </div>
                <div class="action-row">
                    <select aria-label="Disposition" name="disposition" on:change=move |ev| outcome_choice.set(event_target_value(&ev))>
                        {ALL_OUTCOMES.iter().map(|o| view! { <option value=outcome_name(*o)>{outcome_name(*o).replace('_', " ")}</option> }).collect_view()}
                    </select>
                    <button class="button" on:click=move |_| {
                        let chosen = outcome_choice.get_untracked();
                        if let Some(outcome) = ALL_OUTCOMES.iter().find(|o| outcome_name(**o) == chosen) {
                            on_intent.run(Intent::Disposition { outcome: *outcome });
                        }
                    }>"Log disposition"</button>
                    {overlay.last_outcome.map(|o| view! { <span class="badge done">{format!("Last: {}", outcome_name(o).replace('_', " "))}</span> })}
                </div>
                <div class="action-row">
                    <button class="button ghost" disabled=undoable.is_none() on:click=move |_| {
                        if let Some(action_id) = undoable.clone() {
                            on_intent.run(Intent::Undo { action_id });
                        }
                    }>"Undo last action"</button>
                </div>
            </section>

            <section class="history">
                <h3>"Audit trail"</h3>
                {if history.is_empty() {
                    view! { <p class="muted">"Nothing done on this call yet."</p> }.into_any()
                } else {
                    view! { <ol class="audit">{history_rows}</ol> }.into_any()
                }}
            </section>
        </article>
    }
}
