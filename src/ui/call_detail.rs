//! One call in full: caller and source, the match and its candidates, the summary, the
//! transcript with its evidence highlighted, reasons, owner and rule, the deadline counting
//! down, the follow-up text, the actions, and the call's audit trail.
//!
//! Data comes in by props; every action goes out through `on_intent` as a `workflow::Intent`.
//! Whether an action is allowed is decided by `workflow::plan_action`, not here: the buttons
//! shown follow the decision's own fields (`sms.allowed`, `action`). `CallDetail` gathers what
//! each section shows; the sections below it only show what they are given.

use std::sync::Arc;

use jiff::tz::TimeZone;
use jiff::Timestamp;
use leptos::prelude::*;

use crate::engine::bundle::{owner_name, Bundle, Call, Outcome, Owner};
use crate::engine::decision::{Action, CategoryName, Decision, MatchView, OwnerRule, Reason, SmsBlock, Urgency};
use crate::engine::serde_name::{from_serde_name, serde_name};
use crate::store::workflow::{caller_title, describe_change, outcome_label, undone_ids, ALL_OUTCOMES};
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
    let contact_now = overlay.current_contact(&d);
    let title =
        caller_title(&bundle.crm, contact_now.as_deref(), call.caller_name.as_deref(), d.caller.e164.as_deref());
    let (highlights, other_evidence) = cited_evidence(&d);
    let transcript = call.voicemail.as_ref().and_then(|v| v.transcript.clone()).filter(|t| !t.trim().is_empty());
    let sms_text =
        d.sms.template.as_deref().and_then(|id| config.sms.template(id)).map(|t| (t.id.clone(), t.text.clone()));
    view! {
        <article class="call-detail" data-call-id=d.call_id.clone()>
            <DetailHeader
                title=title
                number=d.caller.shown_number()
                started=labels::local_time(call.started_at.0, &zone)
                after_hours=d.after_hours
                dialed=labels::dialed(d.source.as_ref(), &call.to)
                action=d.action
                urgency=d.urgency.level
            />
            <Deadline
                due=d.due_at.as_deref().and_then(|t| t.parse().ok())
                zone=zone.clone()
                clock=clock
                stale=d.stale
                closed_as=overlay.last_outcome.map(outcome_label)
            />
            <Reasons reasons=d.reasons.clone() />
            <OwnerBox
                owner=overlay.current_owner(&d)
                reassigned=overlay.owner.is_some()
                rule=d.owner_rule
                owners=config.owners.clone()
                on_intent=on_intent
            />
            <MatchBox
                matched=d.matched.clone()
                caller_e164=d.caller.e164.clone()
                new_record=d.new_record
                contact_now=contact_now
                bundle=bundle.clone()
                on_intent=on_intent
            />
            <Summary summary=d.summary.clone() />
            <Voicemail
                transcript=transcript
                confidence=call.voicemail.as_ref().and_then(|v| v.confidence)
                highlights=highlights
                other_evidence=other_evidence
                categories=d.categories.iter().map(|c| c.name).collect()
            />
            <TextBox
                allowed=d.sms.allowed
                sms_text=sms_text
                blocked_by=d.sms.reason
                texts_sent=overlay.texts_sent.clone()
                texts_go_out=texts_go_out
                on_intent=on_intent
            />
            <WorkActions
                needs_resolution=overlay.needs_resolution(&d)
                attempts=overlay.attempts
                last_outcome=overlay.last_outcome
                undoable=overlay.undoable.clone()
                on_intent=on_intent
            />
            <AuditTrail history=history owners=config.owners.clone() zone=zone />
        </article>
    }
}

/// The decision's evidence as the voicemail section cites it: spans in this call's own
/// voicemail are highlighted in the transcript; the rest (call log, CRM, folded calls) are listed.
fn cited_evidence(d: &Decision) -> (Vec<Highlight>, Vec<String>) {
    let mut highlights = Vec::new();
    let mut other_evidence = Vec::new();
    let urgency_kind = serde_name(&d.urgency.level);
    let mut cite =
        |e: &crate::engine::transcript::Evidence, label: String, kind: &'static str| match e.span_in_this_voicemail() {
            Some((start, end)) => highlights.push(Highlight { start, end, label, kind }),
            None => other_evidence.push(format!("{label}: {}", e.quote().unwrap_or("from the call log"))),
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
    (highlights, other_evidence)
}

/// Who called, when, which number they dialed, and the decision's action and urgency.
#[component]
fn DetailHeader(
    title: String,
    number: String,
    started: String,
    after_hours: bool,
    dialed: String,
    action: Action,
    urgency: Urgency,
) -> impl IntoView {
    view! {
        <header class="detail-head">
            <div>
                <h2>{title}</h2>
                <p class="caller-line">
                    <span class="number">{number}</span>
                    " · "
                    <span>{started}</span>
                    {after_hours.then(|| view! { <span class="badge muted">"After hours"</span> })}
                </p>
                <p class="source-line">{dialed}</p>
            </div>
            <div class="head-badges">
                <span class=format!("badge big a-{}", serde_name(&action))>{labels::action(action)}</span>
                <span class=format!("badge big u-{}", serde_name(&urgency))>{labels::urgency(urgency)}</span>
            </div>
        </header>
    }
}

/// The deadline and the clock counting down to it, or how the call was closed.
#[component]
fn Deadline(
    due: Option<Timestamp>,
    zone: TimeZone,
    clock: Signal<Timestamp>,
    stale: bool,
    /// The disposition that closed the call, as people read it.
    closed_as: Option<String>,
) -> impl IntoView {
    let due_local = due.map(|t| labels::local_time(t, &zone)).unwrap_or_default();
    view! {
        <section class="deadline" class:stale=stale>
            <div>
                <span class="label">"Call back by"</span>
                <strong>{due_local}</strong>
            </div>
            {match closed_as {
                Some(outcome) => {
                    // A disposition closed the call: the clock stopped, say how it ended.
                    view! { <div class="countdown closed">{format!("Closed: {outcome}")}</div> }
                        .into_any()
                }
                None => {
                    view! {
                        <div
                            class="countdown"
                            aria-live="off"
                            class:overdue=move || due.is_some_and(|t| labels::is_overdue(t, clock.get()))
                        >
                            {move || due.map(|t| labels::countdown(t, clock.get())).unwrap_or_default()}
                        </div>
                    }
                        .into_any()
                }
            }}
            {stale.then(|| view! { <span class="badge stale">"Stale: no attempt before the deadline"</span> })}
        </section>
    }
}

/// Why the call needs a person; nothing when it does not.
#[component]
fn Reasons(reasons: Vec<Reason>) -> impl IntoView {
    (!reasons.is_empty()).then(|| {
        view! {
            <section>
                <h3>"Why it needs a person"</h3>
                <ul class="chips">
                    {reasons.iter().map(|r| view! { <li class="chip reason">{labels::reason(*r)}</li> }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// The owner now, why they own it, and the reassign form.
#[component]
fn OwnerBox(
    owner: Option<String>,
    /// A person reassigned the call (over the engine's routed owner).
    reassigned: bool,
    rule: Option<OwnerRule>,
    owners: Vec<Owner>,
    on_intent: Callback<Intent>,
) -> impl IntoView {
    let reassign_to = RwSignal::new(String::new());
    view! {
        <section class="owner-box">
            <h3>"Owner"</h3>
            <p>
                {match &owner {
                    Some(id) => {
                        view! { <strong class="owner-name">{owner_name(&owners, id).to_owned()}</strong> }.into_any()
                    }
                    None => view! { <strong class="owner-name warn">"No owner"</strong> }.into_any(),
                }} {labels::owner_basis(reassigned, rule)}
            </p>
            <div class="inline-form">
                <select
                    aria-label="Reassign to"
                    name="reassign"
                    on:change=move |ev| reassign_to.set(event_target_value(&ev))
                >
                    <option value="">"Reassign to…"</option>
                    {owners
                        .iter()
                        .map(|o| view! { <option value=o.id.clone()>{labels::owner_choice(o)}</option> })
                        .collect_view()}
                </select>
                <button
                    class="button"
                    on:click=move |_| {
                        let owner = reassign_to.get_untracked();
                        if !owner.is_empty() {
                            on_intent.run(Intent::Reassign { owner });
                        }
                    }
                >
                    "Reassign"
                </button>
            </div>
        </section>
    }
}

/// The match: its kind and records, the candidate contacts to confirm, and a chooser over all
/// contacts. Choosing a contact that does not carry the caller's number merges the number in.
#[component]
fn MatchBox(
    matched: MatchView,
    caller_e164: Option<String>,
    new_record: bool,
    /// The contact now (confirmed by a person, else the engine's match).
    contact_now: Option<String>,
    bundle: Arc<Bundle>,
    on_intent: Callback<Intent>,
) -> impl IntoView {
    let crm = &bundle.crm;
    let records = [
        matched.lead_id.as_ref().map(|l| format!("lead {l}")),
        matched.ticket_id.as_ref().map(|t| format!("open ticket {t}")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let number_carriers = matched.number_carriers();
    let candidates = matched.all_candidates();
    let kind = matched.kind;
    let on_choose = Callback::new(move |contact_id: String| {
        let merge_phone = matched.merge_phone(&contact_id, caller_e164.as_deref());
        on_intent.run(Intent::MatchContact { contact_id, merge_phone });
    });
    let candidate_rows = candidates
        .into_iter()
        .map(|id| {
            let confirmed = contact_now.as_deref() == Some(id.as_str());
            let carries = number_carriers.contains(&id);
            let name = crm.contact_name(&id).to_owned();
            view! { <CandidateRow id=id name=name confirmed=confirmed carries=carries on_choose=on_choose /> }
        })
        .collect_view();
    let contacts: Vec<(String, String)> =
        crm.contacts.iter().map(|c| (c.id.clone(), c.display_name().to_owned())).collect();
    let chosen_other = RwSignal::new(String::new());
    view! {
        <section class="match-box">
            <h3>"Match: " {labels::match_kind(kind)}</h3>
            <p class="muted">
                {records} {new_record.then_some("No record yet: a new lead should be opened for this caller.")}
            </p>
            <ul class="candidates">{candidate_rows}</ul>
            <div class="inline-form">
                <select
                    aria-label="Another contact"
                    name="other-contact"
                    on:change=move |ev| chosen_other.set(event_target_value(&ev))
                >
                    <option value="">"Another existing contact…"</option>
                    {contacts
                        .into_iter()
                        .map(|(id, name)| view! { <option value=id.clone()>{format!("{name} ({id})")}</option> })
                        .collect_view()}
                </select>
                <button
                    class="button ghost"
                    on:click=move |_| {
                        let id = chosen_other.get_untracked();
                        if !id.is_empty() {
                            on_choose.run(id);
                        }
                    }
                >
                    "Merge into contact"
                </button>
            </div>
        </section>
    }
}

/// One contact that may be the caller: confirmed, or a button to make it the caller.
#[component]
fn CandidateRow(
    id: String,
    name: String,
    confirmed: bool,
    /// The contact carries the caller's number (else it only shares the name).
    carries: bool,
    on_choose: Callback<String>,
) -> impl IntoView {
    let id_for_click = id.clone();
    view! {
        <li class="candidate" class:chosen=confirmed>
            <span>
                <strong>{name}</strong>
                " "
                <code>{id}</code>
                {(!carries).then(|| view! { <span class="muted">" · same name, other number"</span> })}
            </span>
            {if confirmed {
                view! { <span class="badge done">"Confirmed"</span> }.into_any()
            } else {
                view! {
                    <button class="button small" on:click=move |_| on_choose.run(id_for_click.clone())>
                        {if carries { "This is the caller" } else { "Merge caller into this contact" }}
                    </button>
                }
                    .into_any()
            }}
        </li>
    }
}

#[component]
fn Summary(summary: Vec<String>) -> impl IntoView {
    view! {
        <section>
            <h3>"Summary"</h3>
            {if summary.is_empty() {
                view! { <p class="muted">"No voicemail to summarize."</p> }.into_any()
            } else {
                view! { <ul class="summary">{summary.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul> }
                    .into_any()
            }}
        </section>
    }
}

/// The transcript with its evidence highlighted, the evidence it cannot highlight, and the categories.
#[component]
fn Voicemail(
    transcript: Option<String>,
    confidence: Option<f64>,
    highlights: Vec<Highlight>,
    other_evidence: Vec<String>,
    categories: Vec<CategoryName>,
) -> impl IntoView {
    view! {
        <section>
            <h3>
                "Voicemail"
                {confidence
                    .map(|c| {
                        view! {
                            <span class="muted small">{format!(" · transcript confidence {:.0}%", c * 100.0)}</span>
                        }
                    })}
            </h3>
            {match transcript {
                Some(text) => view! { <EvidenceTranscript text=text highlights=highlights /> }.into_any(),
                None => view! { <p class="muted">"No voicemail transcript."</p> }.into_any(),
            }}
            {(!other_evidence.is_empty())
                .then(|| {
                    view! {
                        <ul class="evidence-list">
                            {other_evidence.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
                        </ul>
                    }
                })}
            {(!categories.is_empty())
                .then(|| {
                    view! {
                        <ul class="chips">
                            {categories
                                .iter()
                                .map(|c| view! { <li class="chip">{labels::category(*c)}</li> })
                                .collect_view()}
                        </ul>
                    }
                })}
        </section>
    }
}

/// The approved follow-up text and its send button, or why no text may go.
#[component]
fn TextBox(
    allowed: bool,
    /// The approved template: its id and wording.
    sms_text: Option<(String, String)>,
    blocked_by: Option<SmsBlock>,
    /// Texts already sent on this call.
    texts_sent: Vec<String>,
    texts_go_out: bool,
    on_intent: Callback<Intent>,
) -> impl IntoView {
    view! {
        <section class="text-box">
            <h3>"Follow-up text"</h3>
            {match (allowed, sms_text) {
                (true, Some((template_id, text))) => {
                    let words = text.clone();
                    let already = texts_sent.contains(&text);
                    let (intro, button) = if texts_go_out {
                        ("Approved wording, sent through Twilio exactly as shown:", "Send this text")
                    } else {
                        (
                            "Approved wording. Twilio is not connected: send it from your phone exactly as shown, then record it.",
                            "Record text as sent",
                        )
                    };
                    view! {
                        <p class="muted">{intro}</p>
                        <blockquote class="sms">{text.clone()}</blockquote>
                        <button
                            class="button"
                            disabled=already
                            on:click=move |_| {
                                on_intent
                                    .run(Intent::SendText {
                                        template_id: template_id.clone(),
                                        text: words.clone(),
                                    })
                            }
                        >
                            {if already { "Text sent" } else { button }}
                        </button>
                    }
                        .into_any()
                }
                _ => {
                    view! {
                        <p class="muted">
                            {format!("No text: {}.", blocked_by.map(labels::sms_block).unwrap_or("not allowed"))}
                        </p>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// Resolve, log an attempt or a disposition, undo.
#[component]
fn WorkActions(
    needs_resolution: bool,
    attempts: u32,
    last_outcome: Option<Outcome>,
    /// The action "undo" takes back, if any.
    undoable: Option<String>,
    on_intent: Callback<Intent>,
) -> impl IntoView {
    let outcome_choice = RwSignal::new("booked".to_owned());
    view! {
        <section class="actions" aria-label="Actions">
            <h3>"Work the call"</h3>
            <div class="action-row">
                {needs_resolution
                    .then(|| {
                        view! {
                            <button class="button" on:click=move |_| on_intent.run(Intent::ResolveReview)>
                                "Resolve review"
                            </button>
                        }
                    })} <button class="button primary" on:click=move |_| on_intent.run(Intent::CallbackAttempt)>
                    {format!("Log callback attempt ({attempts})")}
                </button>
            </div>
            <div class="action-row">
                <select
                    aria-label="Disposition"
                    name="disposition"
                    on:change=move |ev| outcome_choice.set(event_target_value(&ev))
                >
                    {ALL_OUTCOMES
                        .iter()
                        .map(|o| view! { <option value=serde_name(o)>{outcome_label(*o)}</option> })
                        .collect_view()}
                </select>
                <button
                    class="button"
                    on:click=move |_| {
                        let chosen = outcome_choice.get_untracked();
                        if let Some(outcome) = from_serde_name(&chosen) {
                            on_intent.run(Intent::Disposition { outcome });
                        }
                    }
                >
                    "Log disposition"
                </button>
                {last_outcome
                    .map(|o| view! { <span class="badge done">{format!("Last: {}", outcome_label(o))}</span> })}
            </div>
            <div class="action-row">
                <button
                    class="button ghost"
                    disabled=undoable.is_none()
                    on:click=move |_| {
                        if let Some(action_id) = undoable.clone() {
                            on_intent.run(Intent::Undo { action_id });
                        }
                    }
                >
                    "Undo last action"
                </button>
            </div>
        </section>
    }
}

/// Everything done on the call, newest first; undone actions are marked.
#[component]
fn AuditTrail(history: Vec<ActionRecord>, owners: Vec<Owner>, zone: TimeZone) -> impl IntoView {
    let undone = undone_ids(&history);
    let rows = history
        .iter()
        .rev()
        .map(|record| {
            let when = record.when.parse::<Timestamp>().map(|t| labels::local_time(t, &zone)).unwrap_or_default();
            view! {
                <li class:undone=undone.contains(record.id.as_str())>
                    <span class="when">{when}</span>
                    <span class="who">{owner_name(&owners, &record.who).to_owned()}</span>
                    <span class="what">{record.intent.label()}</span>
                    <span class="change">{describe_change(&record.before, &record.after)}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="history">
            <h3>"Audit trail"</h3>
            {if history.is_empty() {
                view! { <p class="muted">"Nothing done on this call yet."</p> }.into_any()
            } else {
                view! { <ol class="audit">{rows}</ol> }.into_any()
            }}
        </section>
    }
}
