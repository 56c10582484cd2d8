//! The review workflow as data: what people did to a call, replayed over the stored bundle.
//!
//! The store keeps the bundle as imported (or the demo) plus an append-only log of
//! `ActionRecord`s. Nothing overwrites the bundle: the working state is the bundle with the
//! live (not undone) actions applied, so undo is one more record, the audit log is the action
//! log itself, and two tabs agree by replaying the same log. Every rule about what an action
//! is allowed to do lives here, not in a component. Pure Rust: compiles and tests natively.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use serde_json::Value;

use crate::engine::bundle::{Activity, ActivityType, Bundle, Config, Crm, Instant, Outcome, SmsConsent};
use crate::engine::decision::{Action, Decision, TriageOutput, Urgency};
use crate::engine::serde_name::serde_name;

/// What a person asked for on one call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "IntentRecord")]
pub enum Intent {
    /// The caller is this existing contact. `merge_phone` is the caller's number, added to the
    /// contact's phones when the contact did not carry it (a merge, not a new record).
    MatchContact {
        contact_id: String,
        merge_phone: Option<String>,
    },
    Reassign {
        owner: String,
    },
    /// A review or escalation item has been looked at and becomes an owned callback.
    ResolveReview,
    CallbackAttempt,
    Disposition {
        outcome: Outcome,
    },
    /// The approved follow-up text, with the exact words sent.
    SendText {
        template_id: String,
        text: String,
    },
    /// Twilio refused a text because the recipient replied STOP (error 21610): the contacts on
    /// that number are opted out of texts from now on. Recorded by the outbox, never undone.
    RecordOptOut {
        phone: String,
        contact_ids: Vec<String>,
    },
    /// Takes back an earlier action on the same call.
    Undo {
        action_id: String,
    },
    /// The admin saved settings; `fields` are the config's top-level keys that changed. Logged
    /// under [`SETTINGS_LOG`], not a call, with the old and new values as before and after.
    ChangeSettings {
        fields: Vec<String>,
    },
}

/// An [`Intent`] as stored, read in one pass. Serde's derive for an internally tagged enum
/// first buffers each record whole into its private `Content` tree and then reads it again; that
/// machinery was about 18 KB of the wasm every first start fetches (the log is read at start),
/// for a record this small. The text is the same: `kind` and the variant's fields side by side.
#[derive(Deserialize)]
struct IntentRecord {
    kind: IntentKind,
    contact_id: Option<String>,
    merge_phone: Option<String>,
    owner: Option<String>,
    outcome: Option<Outcome>,
    template_id: Option<String>,
    text: Option<String>,
    phone: Option<String>,
    contact_ids: Option<Vec<String>>,
    action_id: Option<String>,
    fields: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum IntentKind {
    MatchContact,
    Reassign,
    ResolveReview,
    CallbackAttempt,
    Disposition,
    SendText,
    RecordOptOut,
    Undo,
    ChangeSettings,
}

impl TryFrom<IntentRecord> for Intent {
    /// The derive's words for a field the variant needs: "missing field `owner`".
    type Error = String;

    fn try_from(record: IntentRecord) -> Result<Self, String> {
        fn needs<T>(field: Option<T>, name: &str) -> Result<T, String> {
            field.ok_or_else(|| format!("missing field `{name}`"))
        }
        Ok(match record.kind {
            IntentKind::MatchContact => Intent::MatchContact {
                contact_id: needs(record.contact_id, "contact_id")?,
                merge_phone: record.merge_phone,
            },
            IntentKind::Reassign => Intent::Reassign { owner: needs(record.owner, "owner")? },
            IntentKind::ResolveReview => Intent::ResolveReview,
            IntentKind::CallbackAttempt => Intent::CallbackAttempt,
            IntentKind::Disposition => Intent::Disposition { outcome: needs(record.outcome, "outcome")? },
            IntentKind::SendText => Intent::SendText {
                template_id: needs(record.template_id, "template_id")?,
                text: needs(record.text, "text")?,
            },
            IntentKind::RecordOptOut => Intent::RecordOptOut {
                phone: needs(record.phone, "phone")?,
                contact_ids: needs(record.contact_ids, "contact_ids")?,
            },
            IntentKind::Undo => Intent::Undo { action_id: needs(record.action_id, "action_id")? },
            IntentKind::ChangeSettings => Intent::ChangeSettings { fields: needs(record.fields, "fields")? },
        })
    }
}

/// The audit log's key for settings changes: records `_settings#1`, `_settings#2`, ….
pub const SETTINGS_LOG: &str = "_settings";

impl Intent {
    pub fn label(&self) -> String {
        match self {
            Intent::MatchContact { contact_id, merge_phone: Some(_) } => format!("merged caller into {contact_id}"),
            Intent::MatchContact { contact_id, merge_phone: None } => format!("confirmed match {contact_id}"),
            Intent::Reassign { owner } => format!("reassigned to {owner}"),
            Intent::ResolveReview => "resolved review".to_owned(),
            Intent::CallbackAttempt => "logged a callback attempt".to_owned(),
            Intent::Disposition { outcome } => format!("disposition {}", serde_name(outcome)),
            Intent::SendText { template_id, .. } => format!("sent text {template_id}"),
            Intent::RecordOptOut { phone, .. } => format!("{phone} replied STOP: opted out of texts"),
            Intent::Undo { action_id } => format!("undid {action_id}"),
            Intent::ChangeSettings { fields } => format!("changed settings: {}", fields.join(", ").replace('_', " ")),
        }
    }
}

/// One entry of the audit log: who did what to which call, when, and the state before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionRecord {
    /// `<call id>#<n>`: the n-th action on that call. Two tabs that both saw n-1 actions make
    /// the same id, and the store's transaction lets only the first one in.
    pub id: String,
    pub call_id: String,
    pub seq: u32,
    /// Owner id of the person signed in, or `"admin"`.
    pub who: String,
    /// RFC 3339, UTC, from the browser's clock.
    pub when: String,
    pub intent: Intent,
    pub before: serde_json::Value,
    pub after: serde_json::Value,
}

impl ActionRecord {
    /// Read back from HubSpot or the phone system (done there, or on another machine): never
    /// written back.
    pub fn from_the_shared_record(&self) -> bool {
        [super::shared_record::FROM_HUBSPOT, super::shared_record::FROM_TWILIO].contains(&self.who.as_str())
    }
}

/// The log in the order things happened: time, then call, then sequence. Keys sort as text
/// ("c1#10" before "c1#2"), and records read back from the shared record arrive late, so every
/// reader of the log relies on this order (the latest change wins).
pub fn sort_log(actions: &mut [ActionRecord]) {
    actions.sort_by(|a, b| a.when.cmp(&b.when).then(a.call_id.cmp(&b.call_id)).then(a.seq.cmp(&b.seq)));
}

/// Why an action was refused. Displays as one sentence for the user.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ActionError {
    #[error("no call {0:?} in the queue")]
    UnknownCall(String),
    #[error("no owner with id {0:?}")]
    UnknownOwner(String),
    #[error("no contact with id {0:?}")]
    UnknownContact(String),
    #[error("this call needs no action (it is excluded or folded into another call)")]
    NotAWorkItem,
    #[error("only review and escalation items are resolved")]
    NothingToResolve,
    #[error("no text may be sent for this call ({0})")]
    TextNotAllowed(String),
    #[error("the text differs from the approved template")]
    TextNotApproved,
    #[error("nothing to undo on this call")]
    NothingToUndo,
    #[error("the owner is already {0}")]
    SameOwner(String),
}

/// The part of a call's state that the actions change, as the UI shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CallOverlay {
    /// Owner chosen by a person (last live reassign), over the engine's routed owner.
    pub owner: Option<String>,
    /// Contact confirmed or chosen by a person.
    pub contact_id: Option<String>,
    pub resolved: bool,
    pub attempts: u32,
    pub last_outcome: Option<Outcome>,
    pub texts_sent: Vec<String>,
    /// Id of the latest live (not undone, not an undo) action: what "undo" takes back.
    pub undoable: Option<String>,
    /// Number of records on this call, live or not: the next action is `seq + 1`.
    pub seq: u32,
}

impl CallOverlay {
    /// The owner now: a person's reassignment over the engine's routed owner.
    pub fn current_owner(&self, decision: &Decision) -> Option<String> {
        self.owner.clone().or_else(|| decision.owner.clone())
    }

    /// The contact now: a person's confirmation or choice over the engine's match.
    pub fn current_contact(&self, decision: &Decision) -> Option<String> {
        self.contact_id.clone().or_else(|| decision.matched.contact_id.clone())
    }

    /// A review or an escalation waits for a person to resolve it; a plain callback task does not.
    pub fn needs_resolution(&self, decision: &Decision) -> bool {
        matches!(decision.action, Action::Review | Action::Escalate) && !self.resolved
    }
}

/// What the call detail calls the caller: the contact now, else the caller id's name, else the
/// number, else "Unknown caller".
pub fn caller_title(crm: &Crm, contact_now: Option<&str>, caller_name: Option<&str>, e164: Option<&str>) -> String {
    contact_now.map(|id| crm.contact_name(id)).or(caller_name).or(e164).unwrap_or("Unknown caller").to_owned()
}

/// Ids of actions taken back by a later `Undo`.
pub fn undone_ids(actions: &[ActionRecord]) -> std::collections::HashSet<&str> {
    actions
        .iter()
        .filter_map(|a| match &a.intent {
            Intent::Undo { action_id } => Some(action_id.as_str()),
            _ => None,
        })
        .collect()
}

/// The activities (TRIAGE.md §activities) that the live actions add, in log order.
pub fn activities_of(actions: &[ActionRecord], base: &Bundle) -> Vec<Activity> {
    let undone = undone_ids(actions);
    let mut assigned: std::collections::HashSet<&str> =
        base.activities.iter().filter(|a| a.kind == ActivityType::Assigned).map(|a| a.call_id.as_str()).collect();
    let mut out = Vec::new();
    for action in actions.iter().filter(|a| !undone.contains(a.id.as_str())) {
        let Some(at) = parse_when(&action.when) else { continue };
        let activity = |kind, owner: Option<String>, outcome| Activity {
            call_id: action.call_id.clone(),
            kind,
            at: Instant(at),
            owner,
            outcome,
        };
        let current_owner = action.before.get("owner").and_then(|o| o.as_str()).map(str::to_owned);
        match &action.intent {
            Intent::MatchContact { merge_phone: Some(_), .. } => {
                out.push(activity(ActivityType::MergedDuplicate, None, None))
            }
            Intent::Reassign { owner } => {
                if assigned.insert(action.call_id.as_str()) {
                    out.push(activity(ActivityType::Assigned, current_owner, None));
                }
                out.push(activity(ActivityType::Reassigned, Some(owner.clone()), None));
            }
            Intent::ResolveReview => {
                if assigned.insert(action.call_id.as_str()) {
                    out.push(activity(ActivityType::Assigned, current_owner, None));
                }
            }
            Intent::CallbackAttempt => {
                out.push(activity(ActivityType::CallbackAttempt, Some(action.who.clone()), None))
            }
            Intent::Disposition { outcome } => {
                out.push(activity(ActivityType::Disposition, Some(action.who.clone()), Some(*outcome)))
            }
            Intent::MatchContact { merge_phone: None, .. }
            | Intent::SendText { .. }
            | Intent::RecordOptOut { .. }
            | Intent::Undo { .. }
            | Intent::ChangeSettings { .. } => {}
        }
    }
    out
}

/// The working bundle: the stored bundle with the live actions' merges and activities applied.
pub fn working_bundle(base: &Bundle, actions: &[ActionRecord]) -> Bundle {
    let mut bundle = base.clone();
    let undone = undone_ids(actions);
    for action in actions.iter().filter(|a| !undone.contains(a.id.as_str())) {
        match &action.intent {
            Intent::MatchContact { contact_id, merge_phone: Some(phone) } => {
                if let Some(contact) = Arc::make_mut(&mut bundle.crm).contacts.iter_mut().find(|c| &c.id == contact_id)
                {
                    if !contact.phones.iter().any(|p| p == phone) {
                        contact.phones.push(phone.clone());
                    }
                }
            }
            Intent::RecordOptOut { contact_ids, .. } => {
                for contact in
                    Arc::make_mut(&mut bundle.crm).contacts.iter_mut().filter(|c| contact_ids.contains(&c.id))
                {
                    contact.sms_consent = SmsConsent::OptedOut;
                }
            }
            _ => {}
        }
    }
    bundle.activities.extend(activities_of(actions, base));
    bundle
}

/// Which call each repeat call is folded into (rule 2), by call id, as the last triage decided.
pub fn folded_calls(output: &TriageOutput) -> HashMap<String, String> {
    output.decisions.iter().filter_map(|d| Some((d.call_id.clone(), d.folded_into.clone()?))).collect()
}

/// Per call: what people changed (owner, match, resolved, attempts, texts, what undo takes back).
///
/// An action taken on a call that a later sync folded into another (`folded`, from
/// [`folded_calls`]: an earlier call from the same number arrived late and made it a repeat)
/// counts for the call it was folded into, in log order with that call's own, as the engine
/// counts a repeat's activities for the call it folds into: the work a person did is not
/// stranded on a call the queue no longer shows. The log keeps the action under the call it
/// was taken on (the audit trail), and the next action's number still counts that call's own.
pub fn overlays(actions: &[ActionRecord], folded: &HashMap<String, String>) -> HashMap<String, CallOverlay> {
    let undone = undone_ids(actions);
    let counts_for = |action: &ActionRecord| folded.get(&action.call_id).unwrap_or(&action.call_id).clone();
    let mut map: HashMap<String, CallOverlay> = HashMap::new();
    for action in actions {
        let overlay = map.entry(counts_for(action)).or_default();
        if !folded.contains_key(&action.call_id) {
            overlay.seq = overlay.seq.max(action.seq);
        }
        if undone.contains(action.id.as_str()) {
            continue;
        }
        match &action.intent {
            Intent::MatchContact { contact_id, .. } => overlay.contact_id = Some(contact_id.clone()),
            Intent::Reassign { owner } => overlay.owner = Some(owner.clone()),
            Intent::ResolveReview => overlay.resolved = true,
            Intent::CallbackAttempt => overlay.attempts += 1,
            Intent::Disposition { outcome } => overlay.last_outcome = Some(*outcome),
            Intent::SendText { text, .. } => overlay.texts_sent.push(text.clone()),
            Intent::RecordOptOut { .. } | Intent::Undo { .. } | Intent::ChangeSettings { .. } => {}
        }
    }
    let mut latest_live: HashMap<String, &str> = HashMap::new();
    // An opt-out is the recipient's decision, not ours to take back: it is never the undoable one.
    let undoable = |a: &&ActionRecord| {
        !undone.contains(a.id.as_str()) && !matches!(a.intent, Intent::Undo { .. } | Intent::RecordOptOut { .. })
    };
    for action in actions.iter().filter(undoable) {
        latest_live.insert(counts_for(action), action.id.as_str());
    }
    for (call_id, overlay) in map.iter_mut() {
        overlay.undoable = latest_live.get(call_id.as_str()).map(|id| (*id).to_owned());
    }
    map
}

/// Everything `plan_action` needs to know about the current state of one call.
pub struct CallContext<'a> {
    pub bundle: &'a Bundle,
    pub decision: &'a Decision,
    pub overlay: Option<&'a CallOverlay>,
    pub actions: &'a [ActionRecord],
}

/// Checks an intent against the workflow's rules and turns it into the record to store.
pub fn plan_action(
    context: &CallContext<'_>,
    intent: Intent,
    who: &str,
    when: Timestamp,
) -> Result<ActionRecord, ActionError> {
    let decision = context.decision;
    let call_id = decision.call_id.clone();
    if decision.action == Action::None {
        return Err(ActionError::NotAWorkItem);
    }
    let overlay = context.overlay.cloned().unwrap_or_default();
    let owner_now = overlay.current_owner(decision);
    let contact_now = overlay.current_contact(decision);
    let (before, after) = match &intent {
        Intent::MatchContact { contact_id, merge_phone } => {
            let contact = context
                .bundle
                .crm
                .contacts
                .iter()
                .find(|c| &c.id == contact_id)
                .ok_or_else(|| ActionError::UnknownContact(contact_id.clone()))?;
            let merged = merge_phone.as_ref().filter(|p| !contact.phones.contains(p));
            (
                serde_json::json!({"contact_id": contact_now, "phones": contact.phones}),
                serde_json::json!({"contact_id": contact_id, "merged_phone": merged}),
            )
        }
        Intent::Reassign { owner } => {
            if !context.bundle.config.owners.iter().any(|o| &o.id == owner) {
                return Err(ActionError::UnknownOwner(owner.clone()));
            }
            if owner_now.as_ref() == Some(owner) {
                return Err(ActionError::SameOwner(owner.clone()));
            }
            (serde_json::json!({"owner": owner_now}), serde_json::json!({"owner": owner}))
        }
        Intent::ResolveReview => {
            if !overlay.needs_resolution(decision) {
                return Err(ActionError::NothingToResolve);
            }
            (
                serde_json::json!({"owner": owner_now, "resolved": false}),
                serde_json::json!({"owner": owner_now, "resolved": true}),
            )
        }
        Intent::CallbackAttempt => {
            (serde_json::json!({"attempts": overlay.attempts}), serde_json::json!({"attempts": overlay.attempts + 1}))
        }
        Intent::Disposition { outcome } => {
            (serde_json::json!({"outcome": overlay.last_outcome}), serde_json::json!({"outcome": outcome}))
        }
        Intent::SendText { template_id, text } => {
            if !decision.sms.allowed {
                let why = decision.sms.reason.map(|r| format!("{r:?}")).unwrap_or_else(|| "not allowed".into());
                return Err(ActionError::TextNotAllowed(why));
            }
            let approved = decision.sms.template.as_ref() == Some(template_id)
                && context.bundle.config.sms.templates.iter().any(|t| &t.id == template_id && &t.text == text);
            if !approved {
                return Err(ActionError::TextNotApproved);
            }
            (serde_json::json!({"texts_sent": overlay.texts_sent.len()}), serde_json::json!({"text": text}))
        }
        Intent::RecordOptOut { phone, contact_ids } => {
            if let Some(unknown) =
                contact_ids.iter().find(|id| !context.bundle.crm.contacts.iter().any(|c| &c.id == *id))
            {
                return Err(ActionError::UnknownContact(unknown.clone()));
            }
            (
                serde_json::json!({"phone": phone, "sms_consent": null}),
                serde_json::json!({"phone": phone, "sms_consent": "opted_out", "contacts": contact_ids}),
            )
        }
        Intent::Undo { action_id } => {
            if overlay.undoable.as_ref() != Some(action_id) {
                return Err(ActionError::NothingToUndo);
            }
            let target = context.actions.iter().find(|a| &a.id == action_id).ok_or(ActionError::NothingToUndo)?;
            (target.after.clone(), target.before.clone())
        }
        // Settings are not an action on a call: see `settings_change`.
        Intent::ChangeSettings { .. } => return Err(ActionError::NotAWorkItem),
    };
    let seq = overlay.seq + 1;
    Ok(ActionRecord {
        id: format!("{call_id}#{seq}"),
        call_id,
        seq,
        who: who.to_owned(),
        when: format_when(when),
        intent,
        before,
        after,
    })
}

/// The audit record of a settings save: who, when, and only the top-level config keys that
/// changed, with their old and new values. `None` when nothing changed.
pub fn settings_change(
    before: &Config,
    after: &Config,
    log: &[ActionRecord],
    who: &str,
    when: Timestamp,
) -> Option<ActionRecord> {
    let (Ok(Value::Object(old)), Ok(Value::Object(new))) = (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return None;
    };
    let fields: Vec<String> = new
        .keys()
        .chain(old.keys().filter(|k| !new.contains_key(*k)))
        .filter(|k| old.get(*k) != new.get(*k))
        .cloned()
        .collect();
    if fields.is_empty() {
        return None;
    }
    let pick = |side: &serde_json::Map<String, Value>| -> Value {
        fields
            .iter()
            .map(|f| (f.clone(), side.get(f).cloned().unwrap_or(Value::Null)))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    Some(settings_record(log, who, when, pick(&old), pick(&new), fields))
}

/// The next record of the settings' own log (`SETTINGS_LOG`).
fn settings_record(
    log: &[ActionRecord],
    who: &str,
    when: Timestamp,
    before: Value,
    after: Value,
    fields: Vec<String>,
) -> ActionRecord {
    let seq = log.iter().filter(|a| a.call_id == SETTINGS_LOG).map(|a| a.seq).max().unwrap_or(0) + 1;
    ActionRecord {
        id: format!("{SETTINGS_LOG}#{seq}"),
        call_id: SETTINGS_LOG.to_owned(),
        seq,
        who: who.to_owned(),
        when: format_when(when),
        before,
        after,
        intent: Intent::ChangeSettings { fields },
    }
}

/// The audit record of a change to the origins allowed to drive the embedded sidebar (who may
/// tell it which record is in view): a settings change like any other, or `None` if the list
/// did not change.
pub fn embed_origins_change(
    before: &[String],
    after: &[String],
    log: &[ActionRecord],
    who: &str,
    when: Timestamp,
) -> Option<ActionRecord> {
    (before != after).then(|| {
        let (before, after) =
            (serde_json::json!({ "embed_origins": before }), serde_json::json!({ "embed_origins": after }));
        settings_record(log, who, when, before, after, vec!["embed_origins".to_owned()])
    })
}

/// `left_message` → `left message`: an outcome as people read it.
pub fn outcome_label(outcome: Outcome) -> String {
    serde_name(&outcome).replace('_', " ")
}

pub const ALL_OUTCOMES: [Outcome; 7] = [
    Outcome::Booked,
    Outcome::Reached,
    Outcome::LeftMessage,
    Outcome::NoAnswer,
    Outcome::WrongNumber,
    Outcome::Spam,
    Outcome::NotInterested,
];

/// RFC 3339 in UTC, whole seconds: what `Bundle` parses back.
pub fn format_when(when: Timestamp) -> String {
    let seconds = Timestamp::from_second(when.as_second()).unwrap_or(when);
    seconds.to_string()
}

/// An audit record's before and after as a person reads them: the fields that changed,
/// `outcome: none → booked; attempts: 0 → 1`. The stored JSON stays the record of truth.
pub fn describe_change(before: &Value, after: &Value) -> String {
    fn shown(value: Option<&Value>) -> String {
        match value {
            None | Some(Value::Null) => "none".to_owned(),
            Some(Value::String(text)) => text.replace('_', " "),
            Some(Value::Bool(yes)) => if *yes { "yes" } else { "no" }.to_owned(),
            Some(Value::Array(items)) if items.is_empty() => "none".to_owned(),
            Some(Value::Array(items)) => items.iter().map(|v| shown(Some(v))).collect::<Vec<_>>().join(", "),
            Some(other) => other.to_string(),
        }
    }
    let (Value::Object(old), Value::Object(new)) = (before, after) else {
        return format!("{before} → {after}");
    };
    let mut seen = HashSet::new();
    let changes: Vec<String> = old
        .keys()
        .chain(new.keys())
        .filter(|key| seen.insert(*key))
        .filter(|key| old.get(*key) != new.get(*key))
        .map(|key| format!("{}: {} → {}", key.replace('_', " "), shown(old.get(key)), shown(new.get(key))))
        .collect();
    if changes.is_empty() {
        "no change".to_owned()
    } else {
        changes.join("; ")
    }
}

/// When an action happened. The log holds RFC 3339 only (`format_when`, `Timestamp`'s
/// `Display`, or [`when_as_logged`] on the way in), read without jiff's parser: this runs in the
/// first paint's code (the working bundle's activities), which would otherwise carry jiff's
/// error texts (`engine::rfc3339`).
pub fn parse_when(text: &str) -> Option<Timestamp> {
    crate::engine::rfc3339::parse(text)
}

/// A `when` from outside the app (an imported log, or one an earlier version stored) as the log
/// keeps it: RFC 3339 as it is; any other form jiff reads (ISO 8601's basic format, minutes
/// without seconds, RFC 9557's annotations, six-digit years) as RFC 3339 in UTC, the same
/// instant, so [`parse_when`] reads every `when` in the log; `None` when it is no time at all.
/// Its callers (the import, the store's reader) run in lazy chunks, where jiff's parser is.
pub fn when_as_logged(text: &str) -> Option<Cow<'_, str>> {
    if parse_when(text).is_some() {
        return Some(Cow::Borrowed(text));
    }
    text.parse::<Timestamp>().ok().map(|at| Cow::Owned(at.to_string()))
}

/// A log from outside the app with every `when` as the log keeps it ([`when_as_logged`]); one
/// that is no time at all stays as it is, for the import's check to refuse.
pub fn when_in_rfc_3339(actions: &mut [ActionRecord]) {
    for action in actions {
        if let Some(Cow::Owned(rfc_3339)) = when_as_logged(&action.when) {
            action.when = rfc_3339;
        }
    }
}

/// A logged action's `when` as the store holds it, and as RFC 3339 ([`when_as_logged`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedWhen {
    pub id: String,
    pub stored: String,
    pub rfc_3339: String,
}

/// The `when`s of a stored log that are not RFC 3339 but another form jiff reads: an earlier
/// version stored an imported log's times as they came. The start reads the log without jiff's
/// parser and leaves them as they are; `AppState::bring_log_to_rfc_3339` rewrites them later.
pub fn whens_to_bring_to_rfc_3339(actions: &[ActionRecord]) -> Vec<LoggedWhen> {
    actions
        .iter()
        .filter_map(|action| match when_as_logged(&action.when)? {
            Cow::Owned(rfc_3339) => Some(LoggedWhen { id: action.id.clone(), stored: action.when.clone(), rfc_3339 }),
            Cow::Borrowed(_) => None,
        })
        .collect()
}

/// Instants as Unix milliseconds, for the stored queue: what
/// `jiff::fmt::serde::timestamp::millisecond` writes and reads (the same JSON both ways), except
/// that an out-of-range number's error is a fixed sentence. jiff's own module formats jiff's
/// error, which links all of jiff's error texts into the app's main module, where the stored
/// queue is read; and that error is never shown (a stored queue that does not read is ignored).
mod unix_millis {
    use jiff::Timestamp;
    use serde::{de, Deserialize, Deserializer, Serializer};

    const OUT_OF_RANGE: &str = "milliseconds outside the range of a timestamp";

    pub fn serialize<S: Serializer>(at: &Timestamp, se: S) -> Result<S::Ok, S::Error> {
        se.serialize_i64(at.as_millisecond())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(de: D) -> Result<Timestamp, D::Error> {
        let millis = i64::deserialize(de)?;
        Timestamp::from_millisecond(millis).map_err(|_| de::Error::custom(OUT_OF_RANGE))
    }

    pub mod optional {
        use jiff::Timestamp;
        use serde::{de, Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(at: &Option<Timestamp>, se: S) -> Result<S::Ok, S::Error> {
            match at {
                Some(at) => se.serialize_some(&at.as_millisecond()),
                None => se.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(de: D) -> Result<Option<Timestamp>, D::Error> {
            Option::<i64>::deserialize(de)?
                .map(|millis| Timestamp::from_millisecond(millis).map_err(|_| de::Error::custom(super::OUT_OF_RANGE)))
                .transpose()
        }
    }
}

/// One row of the review queue: a call that makes a work item, with what people changed.
/// Serialized only for the stored copy of the queue (`idb_store::StoredQueue`), instants as Unix
/// milliseconds: exact, and cheaper to read back than text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkItem {
    /// Index into `TriageOutput::decisions` and `Bundle::calls`.
    pub index: usize,
    pub call_id: String,
    #[serde(with = "unix_millis")]
    pub started_at: Timestamp,
    /// Caller's name as known (CRM contact, lead, or caller id name), else empty.
    pub name: String,
    /// E.164 when valid, else the raw caller id, else "withheld".
    pub number: String,
    pub source: String,
    pub action: Action,
    pub urgency: Urgency,
    pub owner: Option<String>,
    #[serde(with = "unix_millis::optional")]
    pub due_at: Option<Timestamp>,
    pub stale: bool,
    pub after_hours: bool,
    pub resolved: bool,
    pub last_outcome: Option<Outcome>,
    pub attempts: u32,
    /// Lower-case name and number digits, for the search box.
    pub search_key: String,
}

impl WorkItem {
    /// Done when a disposition closed it.
    pub fn done(&self) -> bool {
        self.last_outcome.is_some()
    }

    /// The deadline still counting down: none once a disposition closed the call.
    pub fn live_deadline(&self) -> Option<Timestamp> {
        if self.done() {
            None
        } else {
            self.due_at
        }
    }

    /// The name when known, else the number.
    pub fn display_name(&self) -> &str {
        if self.name.is_empty() {
            &self.number
        } else {
            &self.name
        }
    }
}

/// "My queue" in the sidebar: the signed-in owner's open items (no disposition yet), soonest
/// deadline first and items with no deadline last, leaving out those already shown for the
/// record in view. Nobody signed in, nothing shown.
pub fn my_open_queue(items: &[WorkItem], me: Option<&str>, shown: &HashSet<String>) -> Vec<WorkItem> {
    let Some(me) = me else { return Vec::new() };
    let mut mine: Vec<WorkItem> = items
        .iter()
        .filter(|item| item.owner.as_deref() == Some(me) && !item.done() && !shown.contains(&item.call_id))
        .cloned()
        .collect();
    mine.sort_by_key(|item| (item.due_at.is_none(), item.due_at));
    mine
}

/// The queue: every call that makes a work item, newest first.
pub fn work_items(bundle: &Bundle, output: &TriageOutput, overlays: &HashMap<String, CallOverlay>) -> Vec<WorkItem> {
    let contact_names: HashMap<&str, &str> =
        bundle.crm.contacts.iter().filter_map(|c| Some((c.id.as_str(), c.name.as_deref()?))).collect();
    let lead_names: HashMap<&str, &str> =
        bundle.crm.leads.iter().filter_map(|l| Some((l.id.as_str(), l.name.as_deref()?))).collect();
    let mut items: Vec<WorkItem> = output
        .decisions
        .iter()
        .enumerate()
        .filter(|(_, d)| d.action != Action::None)
        .filter_map(|(index, d)| {
            let call = bundle.calls.get(index)?;
            let overlay = overlays.get(&d.call_id);
            let contact = overlay.map_or_else(|| d.matched.contact_id.clone(), |o| o.current_contact(d));
            let name = contact
                .as_deref()
                .and_then(|c| contact_names.get(c).copied())
                .or_else(|| d.matched.lead_id.as_deref().and_then(|l| lead_names.get(l).copied()))
                .or(call.caller_name.as_deref())
                .unwrap_or("")
                .to_owned();
            let number = d
                .caller
                .e164
                .clone()
                .or_else(|| d.caller.raw.clone().filter(|r| !r.trim().is_empty()))
                .unwrap_or_else(|| "withheld".to_owned());
            let digits: String = number.chars().filter(char::is_ascii_digit).collect();
            Some(WorkItem {
                index,
                call_id: d.call_id.clone(),
                started_at: call.started_at.0,
                search_key: format!("{} {} {}", name.to_lowercase(), digits, number.to_lowercase()),
                name,
                number,
                source: d.source.as_ref().map(|s| s.name.clone()).unwrap_or_else(|| "unknown".to_owned()),
                action: d.action,
                urgency: d.urgency.level,
                owner: overlay.map_or_else(|| d.owner.clone(), |o| o.current_owner(d)),
                // The engine writes RFC 3339 (`display_with_offset`), read without jiff's parser: the
                // rows are made in the first paint's module (`engine::rfc3339`).
                due_at: d.due_at.as_deref().and_then(crate::engine::rfc3339::parse),
                stale: d.stale,
                after_hours: d.after_hours,
                resolved: overlay.is_some_and(|o| o.resolved),
                last_outcome: overlay.and_then(|o| o.last_outcome),
                attempts: overlay.map_or(0, |o| o.attempts),
            })
        })
        .collect();
    items.sort_unstable_by(|a, b| b.started_at.cmp(&a.started_at).then(a.index.cmp(&b.index)));
    items
}

#[cfg(all(test, feature = "tzdb-bundled"))]
mod tests {
    use super::*;
    use crate::engine::zones::BundledZones;

    fn every_intent() -> Vec<Intent> {
        vec![
            Intent::MatchContact { contact_id: "c1".into(), merge_phone: Some("+15125550100".into()) },
            Intent::MatchContact { contact_id: "c1".into(), merge_phone: None },
            Intent::Reassign { owner: "o_ana".into() },
            Intent::ResolveReview,
            Intent::CallbackAttempt,
            Intent::Disposition { outcome: Outcome::LeftMessage },
            Intent::SendText { template_id: "t1".into(), text: "We got your call.".into() },
            Intent::RecordOptOut { phone: "+15125550100".into(), contact_ids: vec!["c1".into()] },
            Intent::Undo { action_id: "call_1#2".into() },
            Intent::ChangeSettings { fields: vec!["sla".into()] },
        ]
    }

    #[test]
    fn every_intent_reads_back_as_it_was_written() {
        for intent in every_intent() {
            let text = serde_json::to_string(&intent).unwrap();
            assert_eq!(serde_json::from_str::<Intent>(&text).unwrap(), intent, "{text}");
        }
    }

    /// `IntentKind` names `Intent`'s variants a second time (the one-pass reading needs it): an
    /// `Intent` variant added without its kind fails to compile here, and a kind whose stored
    /// name differs from the variant's fails below.
    fn stored_kind(intent: &Intent) -> IntentKind {
        match intent {
            Intent::MatchContact { .. } => IntentKind::MatchContact,
            Intent::Reassign { .. } => IntentKind::Reassign,
            Intent::ResolveReview => IntentKind::ResolveReview,
            Intent::CallbackAttempt => IntentKind::CallbackAttempt,
            Intent::Disposition { .. } => IntentKind::Disposition,
            Intent::SendText { .. } => IntentKind::SendText,
            Intent::RecordOptOut { .. } => IntentKind::RecordOptOut,
            Intent::Undo { .. } => IntentKind::Undo,
            Intent::ChangeSettings { .. } => IntentKind::ChangeSettings,
        }
    }

    #[test]
    fn every_intent_is_written_under_the_kind_it_is_read_as() {
        for intent in every_intent() {
            let written = serde_json::to_value(&intent).unwrap()["kind"].clone();
            let read: IntentKind = serde_json::from_value(written.clone()).unwrap();
            assert_eq!(std::mem::discriminant(&read), std::mem::discriminant(&stored_kind(&intent)), "{written}");
        }
    }

    #[test]
    fn an_intent_without_a_field_its_kind_needs_is_refused_naming_it() {
        let error = serde_json::from_str::<Intent>(r#"{"kind":"reassign"}"#).unwrap_err();
        assert!(error.to_string().contains("missing field `owner`"), "{error}");
    }

    #[test]
    fn an_intent_of_an_unknown_kind_is_refused_naming_it() {
        let error = serde_json::from_str::<Intent>(r#"{"kind":"teleport"}"#).unwrap_err();
        assert!(error.to_string().contains("unknown variant `teleport`"), "{error}");
    }

    #[test]
    fn an_intent_read_as_stored_keeps_a_merge_phone_left_out_as_none() {
        let intent: Intent = serde_json::from_str(r#"{"contact_id":"c1","kind":"match_contact"}"#).unwrap();
        assert_eq!(intent, Intent::MatchContact { contact_id: "c1".into(), merge_phone: None });
    }

    fn now() -> Timestamp {
        "2026-11-24T22:00:00Z".parse().unwrap()
    }

    fn setup() -> (Bundle, TriageOutput) {
        let bundle = crate::demo::demo_bundle(now());
        let output = crate::engine::triage(&bundle, &BundledZones).unwrap();
        (bundle, output)
    }

    fn act(bundle: &Bundle, output: &TriageOutput, log: &[ActionRecord], call: &str, intent: Intent) -> ActionRecord {
        let decision = output.decisions.iter().find(|d| d.call_id == call && d.action != Action::None).unwrap();
        let overlays = overlays(log, &folded_calls(output));
        let context = CallContext { bundle, decision, overlay: overlays.get(call), actions: log };
        plan_action(&context, intent, "o_desk", now()).unwrap()
    }

    fn item(call_id: &str, owner: &str, due_minutes: Option<i64>, done: bool) -> WorkItem {
        WorkItem {
            index: 0,
            call_id: call_id.into(),
            started_at: now(),
            name: String::new(),
            number: String::new(),
            source: String::new(),
            action: Action::CallbackTask,
            urgency: Urgency::Routine,
            owner: Some(owner.into()),
            due_at: due_minutes.map(|m| now() + jiff::SignedDuration::from_mins(m)),
            stale: false,
            after_hours: false,
            resolved: false,
            last_outcome: done.then_some(Outcome::Booked),
            attempts: 0,
            search_key: String::new(),
        }
    }

    fn ids(items: &[WorkItem]) -> Vec<&str> {
        items.iter().map(|i| i.call_id.as_str()).collect()
    }

    #[test]
    fn my_queue_holds_my_open_items_soonest_deadline_first() {
        let items =
            [item("late", "me", Some(90), false), item("soon", "me", Some(5), false), item("none", "me", None, false)];
        assert_eq!(ids(&my_open_queue(&items, Some("me"), &HashSet::new())), ["soon", "late", "none"]);
    }

    #[test]
    fn my_queue_leaves_out_others_done_items_and_the_record_in_view() {
        let items = [
            item("theirs", "you", Some(5), false),
            item("done", "me", Some(5), false),
            item("shown", "me", Some(5), false),
        ];
        let mut items = items.to_vec();
        items[1].last_outcome = Some(Outcome::Reached);
        let shown = HashSet::from(["shown".to_owned()]);
        assert!(my_open_queue(&items, Some("me"), &shown).is_empty());
    }

    #[test]
    fn a_settings_save_is_logged_with_only_what_changed() {
        let (bundle, _) = setup();
        let mut after = bundle.config.clone();
        after.high_value_amount = Some(12_345.0);
        let record = settings_change(&bundle.config, &after, &[], "o_admin", now()).expect("a change");
        assert_eq!(record.id, "_settings#1");
        assert_eq!(record.intent, Intent::ChangeSettings { fields: vec!["high_value_amount".into()] });
        assert_eq!(record.after["high_value_amount"], 12_345.0);
        assert!(record.before.get("owners").is_none());
        let next = settings_change(&after, &bundle.config, &[record], "o_admin", now()).expect("a change back");
        assert_eq!(next.id, "_settings#2");
    }

    #[test]
    fn a_save_that_changes_nothing_logs_nothing() {
        let (bundle, _) = setup();
        assert_eq!(settings_change(&bundle.config, &bundle.config, &[], "o_admin", now()), None);
    }

    #[test]
    fn a_change_of_the_allowed_embed_origins_is_audited() {
        let before = vec!["https://crm.example".to_owned()];
        let after = vec!["https://crm.example".to_owned(), "https://evil.example".to_owned()];
        let record = embed_origins_change(&before, &after, &[], "o_admin", now()).expect("audited");
        assert_eq!(record.intent, Intent::ChangeSettings { fields: vec!["embed_origins".into()] });
        assert_eq!(record.after["embed_origins"][1], "https://evil.example");
        assert_eq!(embed_origins_change(&after, &after, &[record], "o_admin", now()), None);
    }

    #[test]
    fn nobody_signed_in_has_no_queue() {
        assert!(my_open_queue(&[item("a", "me", Some(5), false)], None, &HashSet::new()).is_empty());
    }

    #[test]
    fn actions_become_activities_and_undo_takes_the_last_one_back() {
        let (bundle, output) = setup();
        let call = output.decisions.iter().find(|d| d.action == Action::Escalate).unwrap().call_id.clone();
        let mut log = Vec::new();
        let first = act(&bundle, &output, &log, &call, Intent::Reassign { owner: "o_lee".into() });
        log.push(first);
        let second = act(&bundle, &output, &log, &call, Intent::CallbackAttempt);
        log.push(second.clone());
        let third = act(&bundle, &output, &log, &call, Intent::Disposition { outcome: Outcome::Booked });
        log.push(third.clone());
        assert_eq!(third.id, format!("{call}#3"));

        let kinds: Vec<ActivityType> = activities_of(&log, &bundle).iter().map(|a| a.kind).collect();
        assert!(kinds.ends_with(&[ActivityType::Reassigned, ActivityType::CallbackAttempt, ActivityType::Disposition]));
        let overlay = &overlays(&log, &HashMap::new())[&call];
        assert_eq!(overlay.owner.as_deref(), Some("o_lee"));
        assert_eq!(overlay.undoable.as_deref(), Some(third.id.as_str()));

        let undo = act(&bundle, &output, &log, &call, Intent::Undo { action_id: third.id.clone() });
        assert_eq!(undo.after, third.before, "undo records the state it restores");
        log.push(undo);
        let overlay = &overlays(&log, &HashMap::new())[&call];
        assert_eq!(overlay.last_outcome, None);
        assert_eq!(overlay.undoable.as_deref(), Some(second.id.as_str()), "the next undo takes the attempt back");
        assert!(!working_bundle(&bundle, &log)
            .activities
            .iter()
            .any(|a| a.call_id == call && a.kind == ActivityType::Disposition && a.at.0 == now()));
    }

    /// A call the demo folds into another (a repeat), and that other call.
    fn folded_pair(output: &TriageOutput) -> (String, String) {
        let repeat = output.decisions.iter().find(|d| d.folded_into.is_some()).expect("the demo has a repeat call");
        (repeat.call_id.clone(), repeat.folded_into.clone().unwrap())
    }

    /// `intent` as it was logged on `repeat` while that call was still a work item of its own
    /// (the sync that made it a repeat came later).
    fn logged_before_the_fold(
        bundle: &Bundle,
        output: &TriageOutput,
        anchor: &str,
        repeat: &str,
        seq: u32,
        intent: Intent,
    ) -> ActionRecord {
        let mut record = act(bundle, output, &[], anchor, intent);
        record.call_id = repeat.to_owned();
        record.seq = seq;
        record.id = format!("{repeat}#{seq}");
        record
    }

    #[test]
    fn an_attempt_on_a_call_since_folded_into_another_counts_for_that_call() {
        let (bundle, output) = setup();
        let (repeat, anchor) = folded_pair(&output);
        let log = vec![logged_before_the_fold(&bundle, &output, &anchor, &repeat, 1, Intent::CallbackAttempt)];
        let overlays = overlays(&log, &folded_calls(&output));
        assert_eq!(overlays[&anchor].attempts, 1);
        assert!(!overlays.contains_key(&repeat), "nothing is left on a call the queue no longer shows");
    }

    #[test]
    fn the_later_owner_change_wins_across_a_call_and_its_folded_repeat() {
        let (bundle, output) = setup();
        let (repeat, anchor) = folded_pair(&output);
        let mut early =
            logged_before_the_fold(&bundle, &output, &anchor, &repeat, 1, Intent::Reassign { owner: "o_lee".into() });
        early.when = "2026-11-24T21:00:00Z".into();
        let later = act(&bundle, &output, &[], &anchor, Intent::Reassign { owner: "o_priya".into() });
        let mut log = vec![later, early];
        sort_log(&mut log);
        assert_eq!(overlays(&log, &folded_calls(&output))[&anchor].owner.as_deref(), Some("o_priya"));
    }

    #[test]
    fn the_next_action_on_a_call_is_numbered_by_its_own_log_not_its_repeats() {
        let (bundle, output) = setup();
        let (repeat, anchor) = folded_pair(&output);
        let log = vec![logged_before_the_fold(&bundle, &output, &anchor, &repeat, 7, Intent::CallbackAttempt)];
        let next = act(&bundle, &output, &log, &anchor, Intent::CallbackAttempt);
        assert_eq!(next.id, format!("{anchor}#1"));
    }

    #[test]
    fn a_stop_reply_opts_the_contacts_out_and_the_next_triage_sends_no_text() {
        let (bundle, output) = setup();
        let texted = output.decisions.iter().find(|d| d.sms.allowed && d.matched.contact_id.is_some()).unwrap();
        let contact_id = texted.matched.contact_id.clone().unwrap();
        let intent =
            Intent::RecordOptOut { phone: texted.caller.e164.clone().unwrap(), contact_ids: vec![contact_id.clone()] };
        let record = act(&bundle, &output, &[], &texted.call_id, intent);
        let log = [record];
        let working = working_bundle(&bundle, &log);
        let contact = working.crm.contacts.iter().find(|c| c.id == contact_id).unwrap();
        assert_eq!(contact.sms_consent, SmsConsent::OptedOut);
        let again = crate::engine::triage(&working, &BundledZones).unwrap();
        let decision = again.decisions.iter().find(|d| d.call_id == texted.call_id).unwrap();
        assert!(!decision.sms.allowed, "no text after STOP");
    }

    #[test]
    fn an_opt_out_is_never_the_action_undo_takes_back() {
        let (bundle, output) = setup();
        let texted = output.decisions.iter().find(|d| d.sms.allowed && d.matched.contact_id.is_some()).unwrap();
        let call = texted.call_id.clone();
        let attempt = act(&bundle, &output, &[], &call, Intent::CallbackAttempt);
        let contact_ids = vec![texted.matched.contact_id.clone().unwrap()];
        let opt_out = act(
            &bundle,
            &output,
            std::slice::from_ref(&attempt),
            &call,
            Intent::RecordOptOut { phone: texted.caller.e164.clone().unwrap(), contact_ids },
        );
        let log = [attempt.clone(), opt_out];
        assert_eq!(overlays(&log, &HashMap::new())[&call].undoable.as_deref(), Some(attempt.id.as_str()));
    }

    #[test]
    fn an_audit_change_reads_as_each_field_from_old_to_new() {
        let before = serde_json::json!({"outcome": null, "attempts": 0, "owner": "o_lee"});
        let after = serde_json::json!({"outcome": "left_message", "attempts": 1, "owner": "o_lee"});
        // Fields in name order, as the stored JSON keeps them.
        assert_eq!(describe_change(&before, &after), "attempts: 0 → 1; outcome: none → left message");
        let merged = serde_json::json!({"contact_id": "C010", "merged_phone": "+13125550100"});
        assert_eq!(
            describe_change(&serde_json::json!({"contact_id": null}), &merged),
            "contact id: none → C010; merged phone: none → +13125550100"
        );
        assert_eq!(describe_change(&before, &before), "no change");
    }

    #[test]
    fn refused_actions_name_the_rule() {
        let (bundle, output) = setup();
        let task = output.decisions.iter().find(|d| d.action == Action::CallbackTask && !d.sms.allowed).unwrap();
        let context = CallContext { bundle: &bundle, decision: task, overlay: None, actions: &[] };
        let text = Intent::SendText { template_id: "missed_call".into(), text: "anything".into() };
        assert!(matches!(plan_action(&context, text, "o_desk", now()), Err(ActionError::TextNotAllowed(_))));
        let nobody = Intent::Reassign { owner: "nobody".into() };
        assert_eq!(plan_action(&context, nobody, "o_desk", now()), Err(ActionError::UnknownOwner("nobody".into())));
        assert_eq!(plan_action(&context, Intent::ResolveReview, "o_desk", now()), Err(ActionError::NothingToResolve));
        let undo = Intent::Undo { action_id: "x#1".into() };
        assert_eq!(plan_action(&context, undo, "o_desk", now()), Err(ActionError::NothingToUndo));
    }

    #[test]
    fn a_working_bundle_shares_the_stored_crm_until_an_action_changes_it() {
        let (bundle, output) = setup();
        let call = output.decisions.iter().find(|d| d.action != Action::None).unwrap().call_id.clone();
        let attempt = act(&bundle, &output, &[], &call, Intent::CallbackAttempt);
        assert!(Arc::ptr_eq(&working_bundle(&bundle, std::slice::from_ref(&attempt)).crm, &bundle.crm));
        let contact = bundle.crm.contacts.iter().find(|c| c.sms_consent != SmsConsent::OptedOut).unwrap().id.clone();
        let opt_out = Intent::RecordOptOut { contact_ids: vec![contact.clone()], phone: "+13125550110".into() };
        let opted_out = working_bundle(&bundle, &[act(&bundle, &output, &[], &call, opt_out)]);
        assert!(!Arc::ptr_eq(&opted_out.crm, &bundle.crm));
        let consent = |b: &Bundle| b.crm.contacts.iter().find(|c| c.id == contact).map(|c| c.sms_consent);
        assert_eq!(consent(&opted_out), Some(SmsConsent::OptedOut));
        assert_ne!(consent(&bundle), Some(SmsConsent::OptedOut), "the stored bundle is left as it was");
    }

    #[test]
    fn merging_adds_the_callers_number_to_the_chosen_contact() {
        let (bundle, output) = setup();
        let decision = output
            .decisions
            .iter()
            .find(|d| d.action != Action::None && d.matched.contact_id.is_none() && d.caller.e164.is_some())
            .unwrap();
        let phone = decision.caller.e164.clone().unwrap();
        let intent = Intent::MatchContact { contact_id: "C010".into(), merge_phone: Some(phone.clone()) };
        let record = act(&bundle, &output, &[], &decision.call_id, intent);
        let merged = working_bundle(&bundle, std::slice::from_ref(&record));
        let contact = merged.crm.contacts.iter().find(|c| c.id == "C010").unwrap();
        assert!(contact.phones.contains(&phone));
        assert_eq!(merged.crm.contacts.len(), bundle.crm.contacts.len(), "no new record");
        let output = crate::engine::triage(&merged, &BundledZones).unwrap();
        let rematched = output.decisions.iter().find(|d| d.call_id == decision.call_id).unwrap();
        assert_eq!(rematched.matched.contact_id.as_deref(), Some("C010"));
        assert!(activities_of(&[record], &bundle).iter().any(|a| a.kind == ActivityType::MergedDuplicate));
    }

    #[test]
    fn outcome_label_reads_without_underscores() {
        assert_eq!(outcome_label(Outcome::LeftMessage), "left message");
        assert_eq!(outcome_label(Outcome::Booked), "booked");
    }

    #[test]
    fn live_deadline_stops_when_done() {
        assert!(item("open", "me", Some(5), false).live_deadline().is_some());
        assert_eq!(item("closed", "me", Some(5), true).live_deadline(), None);
    }

    #[test]
    fn display_name_is_the_name_else_the_number() {
        let mut row = item("c", "me", None, false);
        row.number = "+13035550122".into();
        assert_eq!(row.display_name(), "+13035550122");
        row.name = "Rosa".into();
        assert_eq!(row.display_name(), "Rosa");
    }

    #[test]
    fn current_owner_and_contact_prefer_what_a_person_chose() {
        let (_, output) = setup();
        let decision = output.decisions.iter().find(|d| d.action != Action::None && d.owner.is_some()).unwrap();
        let untouched = CallOverlay::default();
        assert_eq!(untouched.current_owner(decision), decision.owner);
        assert_eq!(untouched.current_contact(decision), decision.matched.contact_id);
        let chosen = CallOverlay { owner: Some("o_x".into()), contact_id: Some("C9".into()), ..CallOverlay::default() };
        assert_eq!(chosen.current_owner(decision).as_deref(), Some("o_x"));
        assert_eq!(chosen.current_contact(decision).as_deref(), Some("C9"));
    }

    #[test]
    fn needs_resolution_only_for_unresolved_reviews_and_escalations() {
        let (_, output) = setup();
        let of = |action: Action| output.decisions.iter().find(|d| d.action == action).unwrap();
        let open = CallOverlay::default();
        let resolved = CallOverlay { resolved: true, ..CallOverlay::default() };
        assert!(open.needs_resolution(of(Action::Review)));
        assert!(open.needs_resolution(of(Action::Escalate)));
        assert!(!resolved.needs_resolution(of(Action::Review)));
        assert!(!open.needs_resolution(of(Action::CallbackTask)));
    }

    #[test]
    fn caller_title_is_contact_else_caller_name_else_number() {
        let (bundle, _) = setup();
        let contact = bundle.crm.contacts.iter().find(|c| c.name.is_some()).unwrap();
        let crm = &bundle.crm;
        let name = contact.name.as_deref().unwrap();
        assert_eq!(caller_title(crm, Some(&contact.id), Some("CALLER ID"), Some("+1303")), name);
        assert_eq!(caller_title(crm, None, Some("CALLER ID"), Some("+1303")), "CALLER ID");
        assert_eq!(caller_title(crm, None, None, Some("+1303")), "+1303");
        assert_eq!(caller_title(crm, None, None, None), "Unknown caller");
    }

    /// The stored queue's instants read and write exactly as jiff's millisecond module does, so
    /// a queue stored by an earlier build still reads.
    #[test]
    fn stored_instants_are_jiffs_unix_milliseconds() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct Ours {
            #[serde(with = "unix_millis")]
            at: Timestamp,
            #[serde(with = "unix_millis::optional")]
            due: Option<Timestamp>,
        }
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct Jiffs {
            #[serde(with = "jiff::fmt::serde::timestamp::millisecond::required")]
            at: Timestamp,
            #[serde(with = "jiff::fmt::serde::timestamp::millisecond::optional")]
            due: Option<Timestamp>,
        }
        let at: Timestamp = "2026-11-24T21:59:58.123Z".parse().unwrap();
        for due in [Some(at), None] {
            let ours = serde_json::to_string(&Ours { at, due }).unwrap();
            assert_eq!(ours, serde_json::to_string(&Jiffs { at, due }).unwrap());
            assert_eq!(serde_json::from_str::<Ours>(&ours).unwrap(), Ours { at, due });
        }
        for bad in [r#"{"at":1.5,"due":null}"#, r#"{"at":"1","due":null}"#, r#"{"at":99999999999999999,"due":null}"#] {
            assert!(serde_json::from_str::<Ours>(bad).is_err(), "{bad}");
            assert!(serde_json::from_str::<Jiffs>(bad).is_err(), "{bad}");
        }
    }

    fn logged_at(id: &str, when: &str) -> ActionRecord {
        ActionRecord {
            id: id.into(),
            call_id: "CA1".into(),
            seq: 1,
            who: "o_desk".into(),
            when: when.into(),
            intent: Intent::CallbackAttempt,
            before: Value::Null,
            after: Value::Null,
        }
    }

    #[test]
    fn a_stored_time_in_another_form_jiff_reads_is_brought_to_rfc_3339_utc() {
        let log = [logged_at("CA1#1", "2026-11-24T21:00:00Z"), logged_at("CA1#2", "2026-11-24T15:30-06:00")];
        assert_eq!(
            whens_to_bring_to_rfc_3339(&log),
            vec![LoggedWhen {
                id: "CA1#2".into(),
                stored: "2026-11-24T15:30-06:00".into(),
                rfc_3339: "2026-11-24T21:30:00Z".into()
            }]
        );
    }

    #[test]
    fn a_stored_time_that_is_no_time_at_all_is_left_for_the_log_to_show() {
        assert_eq!(whens_to_bring_to_rfc_3339(&[logged_at("CA1#1", "yesterday")]), vec![]);
    }
}
