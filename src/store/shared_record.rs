//! The shared record into the action log (pure, native too).
//!
//! A team works one set of calls from several browsers and from HubSpot itself. A sync reads
//! back what HubSpot now says about the calls' callback tasks and the dispositions logged on
//! them (`connectors::hubspot::shared_record`); this turns each fact the log does not hold yet
//! into an [`ActionRecord`] marked as coming from HubSpot, with an id that is the same on every
//! machine and every sync, so appending it is idempotent (the store refuses a second record
//! with the same id). The log in time order then decides, as for actions taken here:
//!
//! - **owner**: a task whose HubSpot owner is not the call's owner here becomes a reassignment at
//!   the time HubSpot last changed the task; the latest reassignment wins, wherever it was made;
//! - **dispositions, attempts, resolved reviews, matches**: an action taken on another machine
//!   comes back from its note under its own action id (so the machine that took it already
//!   holds it); a task completed in HubSpot with no
//!   disposition anywhere closes the call as `reached` at its completion time; every
//!   disposition is kept in the audit trail, and the latest one is the call's outcome.
//!
//! - **callbacks placed through the phone system**: each outbound call is an attempt on the
//!   latest missed call from the number it dialed (`attempts_from_placed_calls`).
//!
//! Records read back are never written back (`ActionRecord::from_the_shared_record`).

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;
use serde_json::json;

use super::workflow::{ActionRecord, Intent};
use crate::connectors::hubspot::action_note::NoteSays;
use crate::connectors::hubspot::shared_record::SharedRecord;
use crate::connectors::placed_call::{PlacedCall, RecordedIn};
use crate::engine::bundle::Outcome;
use crate::engine::serde_name::serde_name;
use crate::engine::Bundle;

/// `ActionRecord::who` of what the shared record says was done (in HubSpot, or on another
/// machine and read back from HubSpot).
pub const FROM_HUBSPOT: &str = "hubspot";
/// `ActionRecord::who` of a callback placed through the phone system (read back from Twilio).
pub const FROM_TWILIO: &str = "twilio";

/// A missed call as the queue knows it: who called, when.
pub struct MissedFrom<'a> {
    pub call_id: &'a str,
    pub e164: &'a str,
    pub started_at: Timestamp,
}

/// A call HubSpot holds this close to one the phone system placed to the same number is that
/// call, logged into the CRM by a phone integration (or by the rep who made it): one callback.
const SAME_CALL: jiff::SignedDuration = jiff::SignedDuration::from_mins(2);

/// The calls the business placed, through the phone system or logged in HubSpot, as callback
/// attempts: each one counts for the latest missed call from the number it dialed that came in
/// before it (so a callback counts once, for the call it answered), whoever placed it and from
/// wherever. A call both systems recorded counts once, as the phone system's ([`SAME_CALL`]).
/// Its outcome (answered, voicemail, no answer) is kept in the audit trail; closing the call is
/// a person's disposition. `normalize` reads a dialed number as the engine reads caller ids.
pub fn attempts_from_placed_calls(
    placed: &[PlacedCall],
    missed: &[MissedFrom<'_>],
    log: &[ActionRecord],
    normalize: impl Fn(&str) -> Option<String>,
) -> Vec<ActionRecord> {
    let held: HashSet<&str> = log.iter().map(|a| a.id.as_str()).collect();
    let dialed: Vec<Option<String>> = placed.iter().map(|call| normalize(&call.to)).collect();
    let placed_by_phone = |number: &str, at: Timestamp| {
        placed.iter().zip(&dialed).any(|(other, to)| {
            other.recorded_in == RecordedIn::Twilio
                && to.as_deref() == Some(number)
                && (other.at - at).abs() <= SAME_CALL
        })
    };
    let mut out = Vec::new();
    for (call, dialed) in placed.iter().zip(&dialed) {
        let Some(dialed) = dialed else { continue };
        if call.recorded_in == RecordedIn::HubSpot && placed_by_phone(dialed, call.at) {
            continue;
        }
        let answered =
            missed.iter().filter(|m| m.e164 == *dialed && m.started_at < call.at).max_by_key(|m| m.started_at);
        let Some(missed) = answered else { continue };
        let (id, who, record) = match call.recorded_in {
            RecordedIn::Twilio => (format!("{}#twilio-{}", missed.call_id, call.id), FROM_TWILIO, "twilio_call"),
            RecordedIn::HubSpot => {
                (format!("{}#hubspot-call-{}", missed.call_id, call.id), FROM_HUBSPOT, "hubspot_call")
            }
        };
        if held.contains(id.as_str()) {
            continue;
        }
        out.push(ActionRecord {
            id,
            call_id: missed.call_id.to_owned(),
            seq: 0,
            who: who.to_owned(),
            when: call.at.to_string(),
            intent: Intent::CallbackAttempt,
            before: json!({}),
            after: json!({ record: call.id, "outcome": call.outcome }),
        });
    }
    out
}

/// What the log should gain from `record`. `owner_now` is the call's owner as this browser
/// sees it (a person's reassignment, else the routed owner).
pub fn actions_from_shared_record(
    record: &SharedRecord,
    bundle: &Bundle,
    log: &[ActionRecord],
    owner_now: impl Fn(&str) -> Option<String>,
) -> Vec<ActionRecord> {
    let calls: HashSet<&str> = bundle.calls.iter().map(|c| c.id.as_str()).collect();
    let held: HashMap<&str, &ActionRecord> = log.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut out: Vec<ActionRecord> = Vec::new();

    for logged in record.actions.iter().filter(|d| calls.contains(d.call_id.as_str())) {
        let Some(intent) = intent_of_note(&logged.says) else { continue };
        // Under its own marker when another machine's action had its id first (`c17#3@o_marco`).
        if held.get(logged.taken_as()).is_some_and(|mine| mine.intent == intent) {
            continue;
        }
        let (id, seq) = match held.get(logged.action_id.as_str()) {
            // This machine took it (or read it back before).
            Some(mine) if mine.intent == intent => continue,
            // This machine used the same id for something else: both are kept.
            Some(_) => (format!("{}@hubspot-note-{}", logged.action_id, logged.note_id), 0),
            None => (logged.action_id.clone(), logged.seq),
        };
        let mut after = serde_json::to_value(&logged.says).unwrap_or_default();
        after["hubspot_note"] = json!(logged.note_id);
        out.push(ActionRecord {
            id,
            call_id: logged.call_id.clone(),
            seq,
            who: FROM_HUBSPOT.to_owned(),
            when: logged.at.to_string(),
            intent,
            before: json!({}),
            after,
        });
    }

    let disposed: HashSet<&str> = log
        .iter()
        .chain(out.iter())
        .filter(|a| matches!(a.intent, Intent::Disposition { .. }))
        .map(|a| a.call_id.as_str())
        .collect();
    let mut from_tasks = Vec::new();
    for task in record.tasks.iter().filter(|t| calls.contains(t.call_id.as_str())) {
        let call = task.call_id.as_str();
        if let Some(owner) = task.owner_id.as_deref().filter(|o| owner_now(call).as_deref() != Some(*o)) {
            let at = task.modified_at;
            from_tasks.push(from_task(
                format!("{call}#hubspot-task-{}-owner-{owner}-{}", task.task_id, at.as_millisecond()),
                call,
                at,
                Intent::Reassign { owner: owner.to_owned() },
                json!({ "owner": owner_now(call) }),
                json!({ "owner": owner, "hubspot_task": task.task_id }),
            ));
        }
        if task.completed && !disposed.contains(call) {
            let at = task.completed_at.unwrap_or(task.modified_at);
            from_tasks.push(from_task(
                format!("{call}#hubspot-task-{}-completed", task.task_id),
                call,
                at,
                Intent::Disposition { outcome: Outcome::Reached },
                json!({}),
                json!({ "outcome": "reached", "hubspot_task": task.task_id, "completed_in": "HubSpot" }),
            ));
        }
    }
    out.extend(from_tasks);
    out.retain(|a| !held.contains_key(a.id.as_str()));
    out
}

/// What the team keeps of an action in HubSpot: the note that records it, for the actions a
/// note records (the rest are the task's owner, a text in the phone system, or the app's own).
pub fn note_for(intent: &Intent) -> Option<NoteSays> {
    match intent {
        Intent::Disposition { outcome } => Some(NoteSays::Outcome { outcome: serde_name(outcome).to_owned() }),
        Intent::CallbackAttempt => Some(NoteSays::Attempt),
        Intent::ResolveReview => Some(NoteSays::ReviewResolved),
        Intent::MatchContact { contact_id, merge_phone } => {
            Some(NoteSays::Matched { contact_id: contact_id.clone(), merge_phone: merge_phone.clone() })
        }
        _ => None,
    }
}

/// The action a note read back records: the inverse of [`note_for`].
fn intent_of_note(says: &NoteSays) -> Option<Intent> {
    Some(match says {
        NoteSays::Outcome { outcome } => {
            Intent::Disposition { outcome: serde_json::from_value::<Outcome>(json!(outcome)).ok()? }
        }
        NoteSays::Attempt => Intent::CallbackAttempt,
        NoteSays::ReviewResolved => Intent::ResolveReview,
        NoteSays::Matched { contact_id, merge_phone } => {
            Intent::MatchContact { contact_id: contact_id.clone(), merge_phone: merge_phone.clone() }
        }
    })
}

fn from_task(
    id: String,
    call_id: &str,
    at: Timestamp,
    intent: Intent,
    before: serde_json::Value,
    after: serde_json::Value,
) -> ActionRecord {
    ActionRecord {
        id,
        call_id: call_id.to_owned(),
        seq: 0,
        who: FROM_HUBSPOT.to_owned(),
        when: at.to_string(),
        intent,
        before,
        after,
    }
}

#[cfg(all(test, feature = "tzdb-bundled"))]
mod tests {
    use super::*;
    use crate::connectors::hubspot::shared_record::{LoggedAction, TaskState};
    use crate::store::workflow::{overlays, sort_log};

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn bundle() -> Bundle {
        crate::demo::demo_bundle(at("2026-11-24T22:00:00Z"))
    }

    fn call_id(bundle: &Bundle) -> String {
        bundle.calls[0].id.clone()
    }

    fn task(call: &str, owner: &str, completed: bool, modified: &str) -> TaskState {
        TaskState {
            task_id: "901".into(),
            call_id: call.into(),
            owner_id: Some(owner.into()),
            completed,
            completed_at: completed.then(|| at(modified)),
            modified_at: at(modified),
        }
    }

    fn local(call: &str, seq: u32, when: &str, intent: Intent) -> ActionRecord {
        ActionRecord {
            id: format!("{call}#{seq}"),
            call_id: call.into(),
            seq,
            who: "o_desk".into(),
            when: when.into(),
            intent,
            before: json!({}),
            after: json!({}),
        }
    }

    fn noted(call: &str, seq: u32, says: NoteSays, when: &str) -> LoggedAction {
        LoggedAction {
            note_id: "5001".into(),
            action_id: format!("{call}#{seq}"),
            call_id: call.into(),
            seq,
            says,
            at: at(when),
        }
    }

    fn logged(call: &str, seq: u32, outcome: &str, when: &str) -> LoggedAction {
        noted(call, seq, NoteSays::Outcome { outcome: outcome.into() }, when)
    }

    #[test]
    fn a_task_reassigned_in_hubspot_reassigns_the_call() {
        let bundle = bundle();
        let call = call_id(&bundle);
        let record =
            SharedRecord { tasks: vec![task(&call, "o_marco", false, "2026-11-24T20:00:00Z")], ..Default::default() };
        let added = actions_from_shared_record(&record, &bundle, &[], |_| Some("o_priya".into()));
        assert_eq!(added.len(), 1);
        assert_eq!(added[0].intent, Intent::Reassign { owner: "o_marco".into() });
        assert_eq!(added[0].who, FROM_HUBSPOT);
        assert_eq!(overlays(&added, &HashMap::new())[&call].owner.as_deref(), Some("o_marco"));
    }

    #[test]
    fn a_task_whose_owner_is_the_calls_owner_adds_nothing() {
        let bundle = bundle();
        let call = call_id(&bundle);
        let record =
            SharedRecord { tasks: vec![task(&call, "o_marco", false, "2026-11-24T20:00:00Z")], ..Default::default() };
        assert!(actions_from_shared_record(&record, &bundle, &[], |_| Some("o_marco".into())).is_empty());
    }

    #[test]
    fn the_later_reassignment_wins_wherever_it_was_made() {
        let bundle = bundle();
        let call = call_id(&bundle);
        let here = local(&call, 1, "2026-11-24T21:00:00Z", Intent::Reassign { owner: "o_lee".into() });
        let record =
            SharedRecord { tasks: vec![task(&call, "o_marco", false, "2026-11-24T20:00:00Z")], ..Default::default() };
        let mut log = vec![here.clone()];
        log.extend(actions_from_shared_record(&record, &bundle, &log, |_| Some("o_lee".into())));
        sort_log(&mut log);
        assert_eq!(
            overlays(&log, &HashMap::new())[&call].owner.as_deref(),
            Some("o_lee"),
            "the app's change is the later one"
        );

        let record =
            SharedRecord { tasks: vec![task(&call, "o_marco", false, "2026-11-24T21:30:00Z")], ..Default::default() };
        let mut log = vec![here];
        log.extend(actions_from_shared_record(&record, &bundle, &log, |_| Some("o_lee".into())));
        sort_log(&mut log);
        assert_eq!(
            overlays(&log, &HashMap::new())[&call].owner.as_deref(),
            Some("o_marco"),
            "HubSpot's change is the later one"
        );
    }

    #[test]
    fn a_task_completed_in_hubspot_closes_the_call_once() {
        let bundle = bundle();
        let call = call_id(&bundle);
        let record =
            SharedRecord { tasks: vec![task(&call, "o_marco", true, "2026-11-24T20:00:00Z")], ..Default::default() };
        let first = actions_from_shared_record(&record, &bundle, &[], |_| Some("o_marco".into()));
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].intent, Intent::Disposition { outcome: Outcome::Reached });
        assert!(
            actions_from_shared_record(&record, &bundle, &first, |_| Some("o_marco".into())).is_empty(),
            "read again, added nothing"
        );
    }

    #[test]
    fn a_disposition_logged_on_another_machine_comes_back_under_its_own_id() {
        let bundle = bundle();
        let call = call_id(&bundle);
        let record = SharedRecord {
            tasks: vec![task(&call, "o_marco", true, "2026-11-24T20:00:00Z")],
            actions: vec![logged(&call, 2, "booked", "2026-11-24T20:00:00Z")],
        };
        let added = actions_from_shared_record(&record, &bundle, &[], |_| Some("o_marco".into()));
        assert_eq!(added.len(), 1, "the note says how it ended; the completed task adds no second disposition");
        assert_eq!(added[0].id, format!("{call}#2"));
        assert_eq!(added[0].intent, Intent::Disposition { outcome: Outcome::Booked });
        let mine = local(&call, 2, "2026-11-24T20:00:00Z", Intent::Disposition { outcome: Outcome::Booked });
        assert!(
            actions_from_shared_record(&record, &bundle, &[mine], |_| Some("o_marco".into())).is_empty(),
            "the machine that logged it holds it"
        );
    }

    #[test]
    fn a_disposition_in_the_app_for_a_task_completed_in_hubspot_keeps_both_and_the_later_wins() {
        let bundle = bundle();
        let call = call_id(&bundle);
        let other = local(&call, 2, "2026-11-24T19:00:00Z", Intent::CallbackAttempt);
        let record =
            SharedRecord { actions: vec![logged(&call, 2, "no_answer", "2026-11-24T20:00:00Z")], ..Default::default() };
        let added =
            actions_from_shared_record(&record, &bundle, std::slice::from_ref(&other), |_| Some("o_marco".into()));
        assert_eq!(added.len(), 1, "the same id on two machines for two actions: both kept");
        assert_ne!(added[0].id, other.id);
        let booked = local(&call, 3, "2026-11-24T21:00:00Z", Intent::Disposition { outcome: Outcome::Booked });
        let mut log = vec![other, booked];
        log.extend(added);
        sort_log(&mut log);
        assert_eq!(overlays(&log, &HashMap::new())[&call].last_outcome, Some(Outcome::Booked));
    }

    #[test]
    fn every_action_a_note_records_comes_back_as_the_same_action() {
        // Every outcome: the note is written with the app's names and read back with serde's.
        let outcomes = crate::store::workflow::ALL_OUTCOMES.map(|outcome| Intent::Disposition { outcome });
        let others = [
            Intent::CallbackAttempt,
            Intent::ResolveReview,
            Intent::MatchContact { contact_id: "c-51".into(), merge_phone: Some("+13035550142".into()) },
        ];
        for intent in outcomes.into_iter().chain(others) {
            let says = note_for(&intent).unwrap();
            let read = NoteSays::read(&format!("{} Logged by Priya.", says.sentence())).unwrap();
            assert_eq!(intent_of_note(&read), Some(intent));
        }
        assert_eq!(note_for(&Intent::Reassign { owner: "o_lee".into() }), None, "the task's owner says it");
    }

    #[test]
    fn an_attempt_logged_on_another_machine_counts_here_once() {
        let bundle = bundle();
        let call = call_id(&bundle);
        let record = SharedRecord {
            actions: vec![noted(&call, 1, NoteSays::Attempt, "2026-11-24T20:00:00Z")],
            ..Default::default()
        };
        let added = actions_from_shared_record(&record, &bundle, &[], |_| Some("o_marco".into()));
        assert_eq!((added.len(), &added[0].intent), (1, &Intent::CallbackAttempt));
        assert_eq!(added[0].when, "2026-11-24T20:00:00Z");
        assert!(actions_from_shared_record(&record, &bundle, &added, |_| Some("o_marco".into())).is_empty());
    }

    #[test]
    fn two_actions_taken_under_one_id_on_two_machines_are_both_kept_on_both() {
        let bundle = bundle();
        let call = call_id(&bundle);
        // Machine A booked as c#1; machine B's attempt found A's note and went under c#1@o_lee.
        let booked_on_a = local(&call, 1, "2026-11-24T20:00:00Z", Intent::Disposition { outcome: Outcome::Booked });
        let attempt_on_b =
            ActionRecord { who: "o_lee".into(), ..local(&call, 1, "2026-11-24T20:00:05Z", Intent::CallbackAttempt) };
        let mut b_note = noted(&call, 1, NoteSays::Attempt, "2026-11-24T20:00:05Z");
        b_note.action_id = format!("{call}#1@o_lee");
        let record = SharedRecord {
            actions: vec![logged(&call, 1, "booked", "2026-11-24T20:00:00Z"), b_note],
            ..Default::default()
        };
        let on_a = actions_from_shared_record(&record, &bundle, std::slice::from_ref(&booked_on_a), |_| None);
        assert_eq!(on_a.len(), 1, "A gains B's attempt: {on_a:?}");
        assert_eq!((on_a[0].id.clone(), &on_a[0].intent), (format!("{call}#1@o_lee"), &Intent::CallbackAttempt));
        let on_b = actions_from_shared_record(&record, &bundle, std::slice::from_ref(&attempt_on_b), |_| None);
        assert_eq!(on_b.len(), 1, "B gains A's disposition, not its own attempt again: {on_b:?}");
        assert_eq!(on_b[0].intent, Intent::Disposition { outcome: Outcome::Booked });
    }

    #[test]
    fn a_task_for_a_call_this_browser_does_not_hold_is_left_alone() {
        let bundle = bundle();
        let record = SharedRecord {
            tasks: vec![task("not-a-call", "o_marco", true, "2026-11-24T20:00:00Z")],
            ..Default::default()
        };
        assert!(actions_from_shared_record(&record, &bundle, &[], |_| None).is_empty());
    }

    fn placed(sid: &str, to: &str, at_text: &str) -> PlacedCall {
        use crate::connectors::placed_call::PlacedOutcome;
        let (recorded_in, id) = (RecordedIn::Twilio, sid.into());
        PlacedCall { recorded_in, id, to: to.into(), at: at(at_text), outcome: PlacedOutcome::NoAnswer }
    }

    fn logged_in_hubspot(id: &str, to: &str, at_text: &str) -> PlacedCall {
        PlacedCall { recorded_in: RecordedIn::HubSpot, ..placed(id, to, at_text) }
    }

    /// A North American number as E.164 (the app passes the engine's phone reader).
    fn digits_only(raw: &str) -> Option<String> {
        let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
        Some(if digits.len() == 10 { format!("+1{digits}") } else { format!("+{digits}") })
    }

    #[test]
    fn a_callback_placed_through_the_phone_system_is_an_attempt_on_the_latest_missed_call_before_it() {
        let missed = [
            MissedFrom { call_id: "c1", e164: "+13125550100", started_at: at("2026-11-24T15:00:00Z") },
            MissedFrom { call_id: "c2", e164: "+13125550100", started_at: at("2026-11-24T18:00:00Z") },
            MissedFrom { call_id: "c3", e164: "+13125550100", started_at: at("2026-11-24T21:00:00Z") },
        ];
        let calls = [placed("CA9", "(312) 555-0100", "2026-11-24T19:00:00Z")];
        let added = attempts_from_placed_calls(&calls, &missed, &[], digits_only);
        assert_eq!(added.len(), 1);
        assert_eq!((added[0].call_id.as_str(), &added[0].intent), ("c2", &Intent::CallbackAttempt));
        assert_eq!(added[0].after["outcome"], "no_answer");
        assert!(
            attempts_from_placed_calls(&calls, &missed, &added, digits_only).is_empty(),
            "read again, added nothing"
        );
    }

    #[test]
    fn a_call_to_a_number_nobody_missed_is_not_an_attempt() {
        let missed = [MissedFrom { call_id: "c1", e164: "+13125550100", started_at: at("2026-11-24T15:00:00Z") }];
        let calls = [placed("CA9", "+17735550166", "2026-11-24T19:00:00Z")];
        assert!(attempts_from_placed_calls(&calls, &missed, &[], digits_only).is_empty());
    }

    #[test]
    fn a_callback_logged_in_hubspot_is_an_attempt_like_one_placed_through_the_phone_system() {
        let missed = [MissedFrom { call_id: "c1", e164: "+13125550100", started_at: at("2026-11-24T15:00:00Z") }];
        let calls = [logged_in_hubspot("7001", "312-555-0100", "2026-11-24T16:00:00Z")];
        let added = attempts_from_placed_calls(&calls, &missed, &[], digits_only);
        assert_eq!(added.len(), 1);
        assert_eq!((added[0].id.as_str(), added[0].who.as_str()), ("c1#hubspot-call-7001", FROM_HUBSPOT));
        assert_eq!(added[0].intent, Intent::CallbackAttempt);
    }

    #[test]
    fn a_call_the_phone_system_placed_and_an_integration_logged_in_hubspot_counts_once() {
        let missed = [MissedFrom { call_id: "c1", e164: "+13125550100", started_at: at("2026-11-24T15:00:00Z") }];
        let calls = [
            placed("CA9", "+13125550100", "2026-11-24T16:00:00Z"),
            logged_in_hubspot("7001", "(312) 555-0100", "2026-11-24T16:00:40Z"),
            logged_in_hubspot("7002", "(312) 555-0100", "2026-11-24T17:30:00Z"),
        ];
        let ids: Vec<String> =
            attempts_from_placed_calls(&calls, &missed, &[], digits_only).into_iter().map(|a| a.id).collect();
        assert_eq!(ids, ["c1#twilio-CA9", "c1#hubspot-call-7002"], "the second logged call is a second attempt");
    }
}
