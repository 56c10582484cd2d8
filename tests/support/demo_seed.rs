//! What the fakes hold when the browser app is pointed at them (examples/fake_services.rs):
//! the built-in demo's CRM in HubSpot's shapes, and a few fresh missed calls in Twilio's.
//!
//! The HubSpot side is the CRM of `demo_bundle(now)` with numeric HubSpot ids, and its owners
//! under their demo ids, because the app's config uses HubSpot owner ids as owner ids: that
//! way the demo config routes the synced calls as it routes the demo's. The Twilio side is
//! eight missed inbound calls from the last three hours to the demo's tracking numbers: known
//! contacts and strangers, one withheld, and three voicemails (an emergency, a quote request,
//! a complaint), so one sync shows every kind of work item. Two ring a forwarded cell phone
//! through `<Dial>` as Twilio records it (the caller's call `completed`, the missed ring a child
//! leg), and the quote request's voicemail is transcribed by Voice Intelligence.

use std::collections::HashMap;

use callback_clock::demo::demo_bundle;
use callback_clock::engine::bundle::{Contact, LeadStatus, TicketStatus};
use callback_clock::engine::Bundle;
use jiff::{SignedDuration, Timestamp};
use serde_json::json;

use super::fake_hubspot::{record, HubSpotState};
use super::fake_twilio::{call, dial_leg, intelligence_transcript, recording, sentence, transcription, TwilioState};

/// Twilio's RFC 2822 form, as its API writes times.
fn twilio_time(at: Timestamp) -> String {
    jiff::fmt::rfc2822::to_string(&at.to_zoned_datetime(jiff::tz::TimeZone::UTC)).expect("a time Twilio can write")
}

/// `(312) 555-0137` → `+13125550137`: Twilio writes caller ids in E.164.
fn e164(us_number: &str) -> String {
    let digits: String = us_number.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 10 {
        format!("+1{digits}")
    } else {
        format!("+{digits}")
    }
}

/// The demo's contact ids as HubSpot ids (HubSpot's are numeric).
fn hubspot_ids(bundle: &Bundle) -> HashMap<String, String> {
    bundle.crm.contacts.iter().enumerate().map(|(i, c)| (c.id.clone(), (101 + i).to_string())).collect()
}

pub fn hubspot_state(now: Timestamp) -> HubSpotState {
    let bundle = demo_bundle(now);
    let ids = hubspot_ids(&bundle);
    let name_of: HashMap<&str, &str> =
        bundle.crm.contacts.iter().filter_map(|c| Some((c.id.as_str(), c.name.as_deref()?))).collect();
    let contacts = bundle
        .crm
        .contacts
        .iter()
        .map(|contact| {
            let name = contact.name.as_deref().unwrap_or_default();
            let (first, last) = name.split_once(' ').unwrap_or((name, ""));
            let properties = json!({
                "firstname": first, "lastname": last,
                "phone": contact.phones.first(), "mobilephone": contact.phones.get(1),
                "hs_whatsapp_phone_number": null, "hubspot_owner_id": contact.owner,
                "zip": contact.postal_code, "lifecyclestage": if contact.customer { "customer" } else { "lead" },
                // The business's own consent property (Connections names it).
                "sms_consent": contact.sms_consent,
            });
            record(&ids[&contact.id], properties, &[])
        })
        .collect();
    let deals = bundle
        .crm
        .leads
        .iter()
        .enumerate()
        .map(|(i, lead)| {
            let contact = lead.contact_id.as_deref();
            let dealname = lead.name.clone().unwrap_or_else(|| {
                let who = contact.and_then(|c| name_of.get(c)).copied().unwrap_or("New customer");
                format!("{who}: {} job", lead.service_line.as_deref().unwrap_or("service"))
            });
            let (stage, closed, won) = match lead.status {
                LeadStatus::Open => ("appointmentscheduled", false, false),
                LeadStatus::Won => ("closedwon", true, true),
                LeadStatus::Lost => ("closedlost", true, false),
            };
            let properties = json!({
                "dealname": dealname, "amount": lead.amount.map(|a| a.to_string()),
                "hubspot_owner_id": lead.owner, "dealstage": stage,
                "hs_is_closed": closed.to_string(), "hs_is_closed_won": won.to_string(),
            });
            let associated: Vec<&str> = contact.and_then(|c| ids.get(c)).map(String::as_str).into_iter().collect();
            record(&(9001 + i).to_string(), properties, &associated)
        })
        .collect();
    let tickets = bundle
        .crm
        .tickets
        .iter()
        .enumerate()
        .map(|(i, ticket)| {
            let closed = ticket.status == TicketStatus::Closed;
            let properties = json!({
                "subject": ticket.subject, "hs_pipeline_stage": if closed { "4" } else { "1" },
                "closed_date": closed.then(|| (now - SignedDuration::from_hours(72)).to_string()),
            });
            record(&(7001 + i).to_string(), properties, &[ids[&ticket.contact_id].as_str()])
        })
        .collect();
    let owners = bundle
        .config
        .owners
        .iter()
        .enumerate()
        .map(|(i, owner)| {
            let (first, last) = owner.name.split_once(' ').unwrap_or((&owner.name, ""));
            let email: String = owner
                .name
                .to_lowercase()
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(".");
            json!({
                "id": owner.id, "email": format!("{email}@northside.example"), "firstName": first, "lastName": last,
                "userId": 9001 + i, "createdAt": "2025-01-06T15:00:00.000Z", "updatedAt": "2025-01-06T15:00:00.000Z",
                "archived": false, "teams": [],
            })
        })
        .collect();
    HubSpotState { contacts, deals, tickets, owners, ..HubSpotState::default() }
}

/// One missed call to seed: minutes before now, who, which tracking number, how it ended, and
/// what the voicemail said (a voicemail is a completed call with a `<Record>` recording).
/// A forwarded call is Twilio's `<Dial>` to a cell phone: the caller's call `completed`, the
/// unanswered ring a child leg with `status`; its voicemail is transcribed by Voice
/// Intelligence (the others by the deprecated Recording Transcriptions).
struct Missed {
    minutes_ago: i64,
    from: Caller,
    source: usize,
    status: &'static str,
    voicemail: Option<&'static str>,
    forwarded: bool,
}

enum Caller {
    /// The n-th demo contact that can be told apart by its number (one phone, shared with no
    /// one), so the match is certain.
    Known(usize),
    Unknown(&'static str),
}

const MISSED: [Missed; 8] = [
    Missed { minutes_ago: 172, from: Caller::Known(0), source: 0, status: "no-answer", voicemail: None, forwarded: false },
    Missed { minutes_ago: 158, from: Caller::Unknown("+18725550143"), source: 1, status: "busy", voicemail: None, forwarded: false },
    Missed { minutes_ago: 141, from: Caller::Unknown("Anonymous"), source: 3, status: "canceled", voicemail: None, forwarded: false },
    Missed { minutes_ago: 118, from: Caller::Known(1), source: 2, status: "no-answer", voicemail: None, forwarded: false },
    Missed {
        minutes_ago: 96,
        from: Caller::Known(2),
        source: 0,
        status: "completed",
        forwarded: false,
        voicemail: Some("Hi, this is {first}. We have no heat and it's freezing in the house, my kids are cold. Please call me back as soon as you can."),
    },
    Missed {
        minutes_ago: 71,
        from: Caller::Unknown("+16305550178"),
        source: 1,
        status: "no-answer",
        forwarded: true,
        voicemail: Some("Hello, my name is Ben Walsh. I'd like a quote for replacing our water heater sometime next month. No rush, call me back when you get a chance."),
    },
    Missed {
        minutes_ago: 44,
        from: Caller::Known(3),
        source: 4,
        status: "completed",
        forwarded: false,
        voicemail: Some("This is {first}. Your technician was supposed to come yesterday and never showed up. I'm very disappointed and I want to talk to a manager."),
    },
    Missed { minutes_ago: 16, from: Caller::Unknown("+18725550166"), source: 4, status: "no-answer", voicemail: None, forwarded: true },
];

/// Demo contacts with an owner and a number no other record shares, customers first.
fn distinct_callers(bundle: &Bundle) -> Vec<&Contact> {
    let mut holders: HashMap<String, usize> = HashMap::new();
    let numbers =
        bundle.crm.contacts.iter().flat_map(|c| &c.phones).chain(bundle.crm.leads.iter().flat_map(|l| &l.phone));
    for number in numbers {
        *holders.entry(e164(number)).or_default() += 1;
    }
    let mut callers: Vec<&Contact> = bundle
        .crm
        .contacts
        .iter()
        .filter(|c| c.owner.is_some() && c.phones.len() == 1 && holders[&e164(&c.phones[0])] == 1)
        .collect();
    callers.sort_by_key(|c| !c.customer);
    callers
}

pub fn twilio_state(now: Timestamp) -> TwilioState {
    let bundle = demo_bundle(now);
    let callers = distinct_callers(&bundle);
    let mut state = TwilioState { placing_clock: super::clock::FakeClock::starting_at(now), ..TwilioState::default() };
    for (i, missed) in MISSED.iter().enumerate() {
        let sid = format!("CAfa4e{:028x}", i + 1);
        let started = now - SignedDuration::from_mins(missed.minutes_ago);
        let (from, first_name) = match missed.from {
            Caller::Known(n) => {
                let contact = callers[n * 3];
                let first = contact.name.as_deref().and_then(|n| n.split(' ').next()).unwrap_or("there");
                (e164(&contact.phones[0]), first)
            }
            Caller::Unknown(number) => (number.to_owned(), ""),
        };
        let to = e164(&bundle.config.sources[missed.source].number);
        let parent_status = if missed.forwarded || missed.voicemail.is_some() { "completed" } else { missed.status };
        let mut twilio_call = call(&sid, &from, parent_status, "inbound", &twilio_time(started));
        twilio_call["to"] = json!(to);
        twilio_call["to_formatted"] = json!(to);
        if missed.forwarded {
            let leg_sid = format!("CAfa4f{:028x}", i + 1);
            let rang = twilio_time(started + SignedDuration::from_secs(1));
            state.calls.push(dial_leg(&leg_sid, &sid, missed.status, &rang));
        }
        if let Some(words) = missed.voicemail {
            twilio_call["duration"] = json!("41");
            let recording_sid = format!("REfa4e{:028x}", i + 1);
            let recorded = twilio_time(started + SignedDuration::from_secs(20));
            state.recordings.push(recording(&recording_sid, &sid, "RecordVerb", &recorded));
            let text = words.replace("{first}", first_name);
            if missed.forwarded {
                let transcript_sid = format!("GTfa4e{:028x}", i + 1);
                let transcribed = (started + SignedDuration::from_secs(80)).to_string();
                state.intelligence_transcripts.push(intelligence_transcript(
                    &transcript_sid,
                    &recording_sid,
                    &transcribed,
                ));
                for (index, line) in text.split_inclusive(". ").enumerate() {
                    let index = i64::try_from(index).expect("a short voicemail");
                    state.sentences.push((transcript_sid.clone(), sentence(index, line.trim(), "0.93")));
                }
            } else {
                let transcribed = transcription(&format!("TRfa4e{:028x}", i + 1), &recording_sid, &text);
                state.transcriptions.push((recording_sid, transcribed));
            }
        }
        state.calls.push(twilio_call);
    }
    state
}
