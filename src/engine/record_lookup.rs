//! Which missed calls belong to the CRM record a host page has in view, and the countdown
//! shown beside each deadline in the sidebar.
//!
//! A host names its record by our contact id, by a phone number, by a name, or by several of
//! these. A call belongs to the record when its match (as the engine made it or as a person
//! confirmed it) is that contact, or when its caller id is one of the record's numbers. A
//! name alone only ever finds *possible* calls: the sidebar marks them so nobody acts on a
//! namesake's call by mistake.

use std::collections::HashMap;

use jiff::Timestamp;

use super::bundle::Bundle;
use super::crm_index::fold_name;
use super::decision::{Action, TriageOutput};
use super::embed_protocol::RecordInView;
use super::phone::E164;

/// How sure we are that a call is the record's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordLink {
    /// Only the caller's name equals the record's name, or the record is one of several
    /// candidates of an ambiguous match.
    Possible,
    /// The caller id is one of the record's phone numbers.
    SamePhone,
    /// The call is matched (by the engine or a person) to this contact.
    Matched,
}

/// The work-item calls (action other than `none`) linked to `record`, with the strongest link
/// each has, keyed by call id. `confirmed_contact` gives a person's confirmed match for a call
/// (it overrides the engine's). `read_phone` reads a number as triage did (a `PhoneNormalizer`
/// for the bundle's country; a trait object, so the browser app can keep the phone library in
/// the chunk that triages).
pub fn calls_of_record(
    bundle: &Bundle,
    output: &TriageOutput,
    record: &RecordInView,
    confirmed_contact: &dyn Fn(&str) -> Option<String>,
    read_phone: &dyn Fn(&str) -> Option<E164>,
) -> HashMap<String, RecordLink> {
    let contact = record.contact_id.as_deref().and_then(|id| bundle.crm.contacts.iter().find(|c| c.id == id));
    let mut numbers: Vec<E164> = record.phone.iter().filter_map(|p| read_phone(p)).collect();
    if let Some(contact) = contact {
        numbers.extend(contact.phones.iter().filter_map(|p| read_phone(p)));
    }
    let record_name = record.name.as_deref().map(fold_name).filter(|n| !n.is_empty());
    let contact_names: HashMap<&str, String> =
        bundle.crm.contacts.iter().filter_map(|c| Some((c.id.as_str(), fold_name(c.name.as_deref()?)))).collect();

    let mut links = HashMap::new();
    for (call, decision) in bundle.calls.iter().zip(&output.decisions) {
        if decision.action == Action::None || call.id != decision.call_id {
            continue;
        }
        let matched = confirmed_contact(&decision.call_id).or_else(|| decision.matched.contact_id.clone());
        let mut link = None;
        if let (Some(wanted), Some(matched)) = (record.contact_id.as_deref(), matched.as_deref()) {
            if wanted == matched {
                link = Some(RecordLink::Matched);
            }
        }
        if link.is_none() {
            let caller = decision.caller.e164.as_deref();
            if caller.is_some_and(|c| numbers.iter().any(|n| n.as_str() == c)) {
                link = Some(RecordLink::SamePhone);
            }
        }
        if link.is_none() {
            let is_candidate =
                record.contact_id.as_deref().is_some_and(|id| decision.matched.candidates.iter().any(|c| c == id));
            let same_name = record_name.as_ref().is_some_and(|wanted| {
                let by_caller = call.caller_name.as_deref().map(fold_name);
                let by_match = matched.as_deref().and_then(|id| contact_names.get(id).cloned());
                by_caller.as_ref() == Some(wanted) || by_match.as_ref() == Some(wanted)
            });
            if is_candidate || same_name {
                link = Some(RecordLink::Possible);
            }
        }
        if let Some(link) = link {
            links.insert(decision.call_id.clone(), link);
        }
    }
    links
}

/// Time left to a deadline, for a live countdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Countdown {
    pub overdue: bool,
    /// "due in 1h 05m", "overdue by 3m", "due in 45s", "due in 2d 3h".
    pub text: String,
}

impl Countdown {
    pub fn until(due: Timestamp, now: Timestamp) -> Countdown {
        let seconds = due.as_second() - now.as_second();
        let overdue = seconds < 0;
        let span = format_span(seconds.unsigned_abs());
        let text = if overdue { format!("overdue by {span}") } else { format!("due in {span}") };
        Countdown { overdue, text }
    }
}

/// The two largest units: "2d 3h", "1h 05m", "12m 09s", "45s".
fn format_span(seconds: u64) -> String {
    let (days, hours, minutes, secs) = (seconds / 86_400, seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
    if days > 0 {
        format!("{days}d {hours}h")
    } else if hours > 0 {
        format!("{hours}h {minutes:02}m")
    } else if minutes > 0 {
        format!("{minutes}m {secs:02}s")
    } else {
        format!("{secs}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::decision::*;
    use crate::engine::phone::PhoneNormalizer;

    fn bundle() -> Bundle {
        serde_json::from_str(
            r#"{"now": "2026-11-06T12:00:00Z", "config": {"timezone": "UTC"},
                "crm": {"contacts": [
                    {"id": "k1", "name": "Dana Ruiz", "phones": ["(303) 555-0111", "303-555-0199"]},
                    {"id": "k2", "name": "Sam Lee", "phones": ["303 555 0122"]}]},
                "calls": [
                    {"id": "a", "from": "+13035550111", "to": "+13035550100", "started_at": "2026-11-06T09:00:00Z", "status": "no-answer"},
                    {"id": "b", "from": "+13035550199", "to": "+13035550100", "started_at": "2026-11-06T09:05:00Z", "status": "no-answer"},
                    {"id": "c", "from": "+13035550155", "caller_name": "DANA  ruiz", "to": "+13035550100", "started_at": "2026-11-06T09:10:00Z", "status": "no-answer"},
                    {"id": "d", "from": "+13035550122", "to": "+13035550100", "started_at": "2026-11-06T09:20:00Z", "status": "no-answer"},
                    {"id": "e", "from": "+13035550111", "to": "+13035550100", "started_at": "2026-11-06T09:30:00Z", "status": "completed"},
                    {"id": "f", "from": "+13035550177", "to": "+13035550100", "started_at": "2026-11-06T09:40:00Z", "status": "no-answer"}]}"#,
        )
        .expect("test bundle parses")
    }

    fn decision(call_id: &str, e164: &str, contact: Option<&str>, action: Action, candidates: &[&str]) -> Decision {
        Decision {
            call_id: call_id.to_owned(),
            missed: action != Action::None,
            excluded: None,
            folded_into: None,
            caller: CallerView { raw: Some(e164.into()), e164: Some(e164.into()), status: CallerStatus::Valid },
            after_hours: false,
            source: None,
            matched: MatchView {
                kind: if contact.is_some() { MatchKind::Contact } else { MatchKind::None },
                contact_id: contact.map(Into::into),
                lead_id: None,
                ticket_id: None,
                candidates: candidates.iter().map(|c| (*c).to_owned()).collect(),
            },
            summary: vec![],
            urgency: UrgencyView { level: Urgency::Unknown, evidence: vec![] },
            categories: vec![],
            action,
            reasons: vec![],
            owner: None,
            owner_rule: None,
            due_at: None,
            stale: false,
            location: None,
            new_record: false,
            sms: SmsView { allowed: false, reason: Some(SmsBlock::Disabled), template: None },
        }
    }

    fn output() -> TriageOutput {
        TriageOutput {
            decisions: vec![
                decision("a", "+13035550111", Some("k1"), Action::CallbackTask, &[]),
                decision("b", "+13035550199", None, Action::CallbackTask, &[]),
                decision("c", "+13035550155", None, Action::Review, &[]),
                decision("d", "+13035550122", Some("k2"), Action::CallbackTask, &[]),
                decision("e", "+13035550111", Some("k1"), Action::None, &[]),
                decision("f", "+13035550177", None, Action::Review, &["k1", "k2"]),
            ],
            metrics: crate::engine::metrics::compute_metrics(
                &[],
                jiff::Timestamp::UNIX_EPOCH,
                &jiff::tz::TimeZone::UTC,
            ),
            config_warnings: vec![],
        }
    }

    fn lookup(record: &RecordInView, confirmed: &dyn Fn(&str) -> Option<String>) -> HashMap<String, RecordLink> {
        let bundle = bundle();
        let phones = PhoneNormalizer::new(&bundle.config.default_country);
        calls_of_record(&bundle, &output(), record, confirmed, &|raw| phones.normalize(raw))
    }

    fn no_confirmations(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn contact_id_finds_matched_calls_calls_from_its_numbers_and_possible_namesakes() {
        let record = RecordInView { contact_id: Some("k1".into()), phone: None, name: Some("Dana Ruiz".into()) };
        let links = lookup(&record, &no_confirmations);
        assert_eq!(links.get("a"), Some(&RecordLink::Matched));
        assert_eq!(links.get("b"), Some(&RecordLink::SamePhone), "second number on the contact");
        assert_eq!(links.get("c"), Some(&RecordLink::Possible), "same name only");
        assert_eq!(links.get("f"), Some(&RecordLink::Possible), "one of an ambiguous match's candidates");
        assert_eq!(links.get("d"), None);
        assert_eq!(links.get("e"), None, "answered calls are not work items");
    }

    #[test]
    fn a_phone_in_any_format_finds_the_callers_calls() {
        let record = RecordInView { contact_id: None, phone: Some("303.555.0122".into()), name: None };
        let links = lookup(&record, &no_confirmations);
        assert_eq!(links.into_iter().collect::<Vec<_>>(), vec![("d".to_owned(), RecordLink::SamePhone)]);
    }

    #[test]
    fn a_persons_confirmed_match_overrides_the_engines() {
        let record = RecordInView { contact_id: Some("k2".into()), phone: None, name: None };
        let confirmed = |call_id: &str| (call_id == "f").then(|| "k2".to_owned());
        let links = lookup(&record, &confirmed);
        assert_eq!(links.get("f"), Some(&RecordLink::Matched));
    }

    #[test]
    fn unknown_record_finds_nothing() {
        let record =
            RecordInView { contact_id: Some("nobody".into()), phone: Some("+1 212 555 0000".into()), name: None };
        assert!(lookup(&record, &no_confirmations).is_empty());
    }

    #[test]
    fn countdown_shows_the_two_largest_units_and_says_when_overdue() {
        let at = |s: i64| Timestamp::from_second(s).expect("valid");
        assert_eq!(Countdown::until(at(3900), at(0)).text, "due in 1h 05m");
        assert_eq!(Countdown::until(at(45), at(0)).text, "due in 45s");
        assert_eq!(Countdown::until(at(0), at(729)), Countdown { overdue: true, text: "overdue by 12m 09s".into() });
        assert_eq!(Countdown::until(at(2 * 86_400 + 3 * 3600 + 59), at(0)).text, "due in 2d 3h");
    }
}
