//! The built-in demo: two weeks of missed calls at "Northside Heating & Plumbing", Chicago.
//!
//! Pure and deterministic: a fixed seed drives a small xorshift generator, so the same `now`
//! always gives the same bundle. The app loads it on first start with `now` = the moment it
//! was loaded (rounded down to the minute): the two weeks end "now", so deadlines, countdowns
//! and stale flags are live rather than frozen in the past. Tests pass a fixed `now`.
//!
//! What is in it: 5 tracking numbers (Google Ads, Local Services Ads, website, truck wrap,
//! Yelp), 6 owners with backups, territories and service lines, ~300 missed calls plus answered,
//! outbound, callback-request and duplicate webhook events; voicemails of every kind the rules
//! know (emergencies, urgent outages, routine requests, complaints, pricing and availability
//! questions, existing jobs, vendors, wrong numbers, unintelligible transcripts), withheld and
//! invalid caller ids, repeat callers; a CRM with households sharing one number, customers with
//! open tickets, open leads (some above the high-value amount), web-form leads with their own
//! phone, name-only possible duplicates, opted-in, opted-out and unknown text consent; and the
//! activities a working team would have logged on the older calls.

use jiff::{SignedDuration, Timestamp};
use serde_json::{json, Value};

use crate::engine::{parse_trusted_bundle, Bundle};

pub const DEMO_TIMEZONE: &str = "America/Chicago";
const SEED: u64 = 0x00C0_FFEE_CA11_BAC4;
const DAYS: i64 = 14;

/// A small deterministic generator (xorshift64*); not for anything but demo data.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Maria", "James", "Aisha", "Tom", "Linda", "Carlos", "Grace", "Derek", "Nina", "Omar", "Paula", "Sam", "Helen",
    "Victor", "Rosa", "Kevin", "Dana", "Ahmed", "Julia", "Marcus", "Irene", "Felix", "Tanya", "Brian", "Leah",
];
const LAST: &[&str] = &[
    "Alvarez", "Brooks", "Chen", "Dubois", "Evans", "Fischer", "Garcia", "Hughes", "Ibrahim", "Jensen", "Kowalski",
    "Lopez", "Murphy", "Nguyen", "Okafor", "Patel", "Quinn", "Rossi", "Schmidt", "Thompson",
];
const AREA_CODES: &[&str] = &["312", "773", "872", "708", "630"];
const POSTAL: &[&str] = &["60614", "60618", "60622", "60647", "60657", "60402", "60415", "60453"];

/// (kind, transcript, confidence). `{name}` is replaced by the caller's first name.
const VOICEMAILS: &[(&str, &str, f64)] = &[
    ("emergency", "Hi, this is {name}. I smell gas in the basement near the furnace. Please call me back right away.", 0.94),
    ("emergency", "{name} here, a pipe burst upstairs and water is pouring through the kitchen ceiling. We need someone now.", 0.92),
    ("emergency", "There are sparks coming out of the outlet in the living room and a burning smell. This is {name}.", 0.9),
    ("emergency", "Our carbon monoxide alarm keeps going off and my daughter has a headache. It's {name}, please call.", 0.91),
    ("emergency", "Hi it's {name}, sewage is backing up through the basement floor drain, it's everywhere.", 0.88),
    ("urgent", "Hi, this is {name}. Our furnace stopped working and the house is getting cold. Can someone come today?", 0.93),
    ("urgent", "The AC is not cooling at all and we have a newborn at home. Please call as soon as possible. {name}.", 0.9),
    ("urgent", "{name} calling, we have no hot water since this morning. Hoping someone can come out today.", 0.89),
    ("urgent", "Hi, the kitchen sink is clogged and won't drain. Need help today if you can. Thanks, {name}.", 0.87),
    ("routine", "Hi, this is {name}. I'd like to schedule a furnace tune-up sometime next month. No rush.", 0.95),
    ("routine", "{name} here, we're thinking about replacing our old water heater and want someone to take a look.", 0.93),
    ("routine", "Hello, I'd like to get a ceiling fan installed in the bedroom. Call me back when you get a chance. {name}.", 0.92),
    ("routine", "Hi, it's {name}, we're at 60614 and want a new thermostat put in. Give me a call back.", 0.9),
    ("complaint", "This is {name}. This is the second time your technician didn't show up. I'm very disappointed and I want to talk to a manager.", 0.9),
    ("complaint", "{name} again. The repair you did last week is leaking worse than before. I'm unhappy and I want a refund.", 0.88),
    ("pricing", "Hi, how much do you charge for a drain cleaning? This is {name}.", 0.94),
    ("pricing", "{name} here, can you give me a price for a new furnace install? Thanks.", 0.92),
    ("availability", "Hi, do you have any openings this week for a furnace inspection? It's {name}.", 0.93),
    ("existing_job", "Hi, it's {name}, calling about the job you did on our water heater last week, I had a question about the warranty.", 0.91),
    ("vendor", "Hi, this is Mark from BrightLeads. We help contractors get more customers with our SEO services. Call me back.", 0.95),
    ("vendor", "Good morning, I'm calling from Midwest Supply with a special offer on bulk filters for your business.", 0.93),
    ("wrong_number", "Hi, is this Tony's Pizza? Oh sorry, wrong number.", 0.9),
    ("unclear", "hi uh this is ... [inaudible] ... the the ... call back ... [inaudible]", 0.31),
    ("unclear", "[inaudible] ... furnace ... [inaudible] ... number is ...", 0.28),
];

struct Person {
    first: &'static str,
    name: String,
    phone: String,
}

/// The demo bundle whose two weeks end at `now`.
pub fn demo_bundle(now: Timestamp) -> Bundle {
    demo_bundle_and_text(now).0
}

/// The demo bundle whose two weeks end at `now`, and the JSON text it was read from: what the
/// app stores, so that a first start does not serialize the bundle back to text (the bundle's
/// `Serialize` would be in the code every first start fetches, for this one write).
pub fn demo_bundle_and_text(now: Timestamp) -> (Bundle, String) {
    let now = Timestamp::from_second(now.as_second() - now.as_second().rem_euclid(60)).unwrap_or(now);
    let text = demo_json(now, 300).to_string();
    let bundle = parse_trusted_bundle(&text).unwrap_or_else(|e| panic!("the demo bundle is invalid: {e}"));
    (bundle, text)
}

/// The demo as JSON with about `missed_calls` missed calls over two weeks ending at `now`.
pub fn demo_json(now: Timestamp, missed_calls: usize) -> Value {
    let mut dice = Dice(SEED);
    let people: Vec<Person> = (0..160)
        .map(|i| {
            let first = FIRST[i % FIRST.len()];
            let last = LAST[(i * 7 + i / FIRST.len()) % LAST.len()];
            let area = AREA_CODES[(i / 100) % AREA_CODES.len()];
            Person { first, name: format!("{first} {last}"), phone: format!("({area}) 555-01{:02}", (i * 37) % 100) }
        })
        .collect();

    let (contacts, leads, tickets) = crm(&people, &mut dice);
    let mut calls = Vec::new();
    let mut activities = Vec::new();
    let start = shifted(now, -60 * 24 * DAYS);
    let sources = ["+1 312-555-0100", "+1 312-555-0101", "+1 312-555-0102", "+1 312-555-0103", "+1 312-555-0104"];
    let mut call_number = 0usize;
    let mut minute_offset: i64 = 0;
    let span_minutes = 24 * 60 * DAYS;
    let step = span_minutes / missed_calls.max(1) as i64;
    while calls.len() < missed_calls {
        call_number += 1;
        minute_offset += (step / 2) + dice.below(step as usize + 1) as i64;
        if minute_offset >= span_minutes - 5 {
            break;
        }
        let started = shifted(start, minute_offset);
        // Fewer calls at night: skip most of the ones that land between 22:00 and 06:00 UTC-6.
        let local_hour = (started.as_second() / 3600 - 6).rem_euclid(24);
        if !(6..22).contains(&local_hour) && dice.chance(70) {
            continue;
        }
        let id = format!("CA{call_number:05}");
        let person_index = if dice.chance(25) { dice.below(40) } else { 40 + dice.below(people.len() - 40) };
        let person = &people[person_index];
        let to = *dice.pick(&sources);
        let roll = dice.below(100);
        let (from, caller_name): (Value, Value) = match roll {
            0..=3 => (json!(*dice.pick(&["Anonymous", "Restricted", "", "Unavailable"])), Value::Null),
            4 => (json!("12345"), Value::Null),
            _ => (json!(person.phone), if dice.chance(60) { json!(person.name.to_uppercase()) } else { Value::Null }),
        };
        let status = *dice.pick(&["voicemail", "voicemail", "voicemail", "no-answer", "busy", "abandoned"]);
        let voicemail = if status == "voicemail" {
            let (_, text, confidence) = dice.pick(VOICEMAILS);
            json!({
                "transcript": text.replace("{name}", person.first),
                "confidence": confidence,
                "duration_seconds": 18 + dice.below(40),
                "recording_url": format!("https://recordings.example/{id}.mp3"),
            })
        } else {
            Value::Null
        };
        calls.push(json!({
            "id": id, "from": from, "caller_name": caller_name, "to": to,
            "started_at": started.to_string(), "status": status, "direction": "inbound",
            "ring_seconds": 15 + dice.below(20), "voicemail": voicemail,
        }));
        // Repeat callers: the same number again within the hour.
        if person_index < 40 && roll > 4 && dice.chance(30) {
            for repeat in 0..1 + dice.below(2) {
                let again = shifted(started, 6 + 9 * repeat as i64 + dice.below(8) as i64);
                if again < now {
                    calls.push(json!({
                        "id": format!("{id}-R{repeat}"), "from": person.phone, "to": to,
                        "started_at": again.to_string(), "status": "no-answer",
                    }));
                }
            }
        }
        // The team's work on calls older than a day.
        let age_hours = (now.as_second() - started.as_second()) / 3600;
        if age_hours > 20 && roll > 4 {
            let assigned = shifted(started, 2 + dice.below(25) as i64);
            activities.push(json!({"call_id": id, "type": "assigned", "at": assigned.to_string()}));
            if dice.chance(8) {
                activities.push(json!({"call_id": id, "type": "reassigned", "at": shifted(assigned, 20).to_string(), "owner": "o_desk"}));
            }
            if dice.chance(85) {
                let late = if dice.chance(20) { 300 } else { 0 };
                let attempt = shifted(assigned, 10 + late + dice.below(90) as i64);
                activities.push(json!({"call_id": id, "type": "callback_attempt", "at": attempt.to_string()}));
                let outcome = *dice.pick(&[
                    "booked",
                    "booked",
                    "booked",
                    "reached",
                    "left_message",
                    "no_answer",
                    "not_interested",
                    "wrong_number",
                ]);
                activities.push(json!({"call_id": id, "type": "disposition", "at": shifted(attempt, 5).to_string(), "outcome": outcome}));
            }
            if dice.chance(4) {
                activities.push(json!({"call_id": id, "type": "merged_duplicate", "at": assigned.to_string()}));
            }
        }
    }
    // Events that are not missed calls: answered, outbound, a callback request, a webhook retry.
    let tail = |h: i64| shifted(now, -60 * h).to_string();
    calls.push(json!({"id": "CA90001", "from": people[50].phone, "to": sources[0], "started_at": tail(30), "status": "completed"}));
    calls.push(json!({"id": "CA90002", "from": sources[0], "to": people[51].phone, "started_at": tail(29), "status": "completed", "direction": "outbound"}));
    calls.push(json!({"id": "CA90003", "from": people[52].phone, "to": sources[2], "started_at": tail(5), "status": "callback-request"}));
    if let Some(first) = calls.first().cloned() {
        calls.push(first);
    }
    // A few recent ones that every demo shows: an emergency, a high-value lead, a complaint.
    let showcase = [
        (
            &people[0],
            "voicemail",
            "Hi, this is Maria. I smell gas in the basement near the furnace. Please call me back right away.",
            0.95,
            35,
            sources[0],
        ),
        (
            &people[1],
            "voicemail",
            "Hi, it's James about the boiler replacement quote. Can someone call me back this afternoon?",
            0.93,
            50,
            sources[1],
        ),
        (
            &people[2],
            "voicemail",
            "This is Aisha. Your technician didn't show up again today. I'm very disappointed.",
            0.9,
            80,
            sources[2],
        ),
        (
            &people[3],
            "voicemail",
            "Hi, this is Tom. Our furnace stopped working and it's freezing in here. Please call as soon as possible.",
            0.92,
            12,
            sources[3],
        ),
        // The records the host page (www/host.html) opens always have calls to show, whatever
        // the time of day the demo was generated at: Carlos's high-value open lead escalates,
        // Julia is found by phone alone, Nina through Chatwoot's context event.
        (
            &people[5],
            "voicemail",
            "Hi, this is Carlos following up on the estimate for the new AC system. Please call me back tomorrow morning.",
            0.94,
            95,
            sources[4],
        ),
        (&people[118], "voicemail", "Hi, this is Julia. I'd like to schedule a drain cleaning next week. Thanks.", 0.9, 140, sources[1]),
        // Two recent routine callbacks from contacts who opted in to texts (people 12 and 16:
        // consent by index in `crm`, no lead, no ticket), so the follow-up text can be shown
        // whatever the time of day: the random calls above depend on it.
        (
            &people[12],
            "voicemail",
            "Hi, it's about a furnace tune-up sometime next month. Could someone call me back? Thanks.",
            0.93,
            25,
            sources[2],
        ),
        (
            &people[16],
            "voicemail",
            "Hello, I'd like a quote for a new water softener when you get a chance. Thank you.",
            0.9,
            65,
            sources[3],
        ),
        (&people[8], "voicemail", "Nina here, the water heater is making a loud banging noise. Call me when you can.", 0.91, 170, sources[0]),
    ];
    for (i, (person, status, text, confidence, minutes_ago, to)) in showcase.into_iter().enumerate() {
        calls.push(json!({
            "id": format!("CA9100{i}"), "from": person.phone, "caller_name": person.name, "to": to,
            "started_at": shifted(now, -minutes_ago).to_string(), "status": status,
            "voicemail": {"transcript": text, "confidence": confidence, "duration_seconds": 24},
        }));
    }

    json!({
        "now": now.to_string(),
        "config": config(),
        "crm": {"contacts": contacts, "leads": leads, "tickets": tickets},
        "calls": calls,
        "activities": activities,
    })
}

/// `at` moved by `minutes` (earlier when negative). Checked, not jiff's `+` and `-`: their
/// `expect` links all of jiff's error texts into the wasm chunk every first start fetches. The
/// demo's times are days from a clock's `now`; the end of time would stop them, not a panic.
fn shifted(at: Timestamp, minutes: i64) -> Timestamp {
    let bound = if minutes < 0 { Timestamp::MIN } else { Timestamp::MAX };
    at.checked_add(SignedDuration::from_mins(minutes)).unwrap_or(bound)
}

/// The demo business's settings, as text: `json!` would compile every key and value into
/// code, 14 KB of the wasm chunk every first start fetches (issue 16), where text is 3 KB.
const CONFIG: &str = r#"{
    "timezone": "America/Chicago",
    "default_country": "US",
    "business_hours": {
        "mon": [["07:00", "12:00"], ["12:30", "18:00"]],
        "tue": [["07:00", "12:00"], ["12:30", "18:00"]],
        "wed": [["07:00", "12:00"], ["12:30", "18:00"]],
        "thu": [["07:00", "12:00"], ["12:30", "18:00"]],
        "fri": [["07:00", "12:00"], ["12:30", "18:00"]],
        "sat": [["08:00", "12:00"]]
    },
    "holidays": ["2026-12-25", "2027-01-01"],
    "sources": [
        {"number": "+1 312-555-0100", "name": "Google Ads", "campaign": "Furnace repair", "service_line": "hvac"},
        {"number": "+1 312-555-0101", "name": "Local Services Ads", "campaign": "Plumbing", "service_line": "plumbing"},
        {"number": "+1 312-555-0102", "name": "Website", "owner": "o_desk"},
        {"number": "+1 312-555-0103", "name": "Truck wrap"},
        {"number": "+1 312-555-0104", "name": "Yelp", "campaign": "Electrical", "service_line": "electrical"}
    ],
    "owners": [
        {"id": "o_marco", "name": "Marco Silva", "service_lines": ["hvac"], "territories": ["606"], "backup": "o_lee"},
        {"id": "o_priya", "name": "Priya Shah", "service_lines": ["plumbing"], "territories": ["604"], "backup": "o_desk"},
        {"id": "o_lee", "name": "Lee Carter", "service_lines": ["electrical", "hvac"], "backup": "o_marco"},
        {"id": "o_jo", "name": "Jo Baker", "service_lines": ["plumbing"], "available": false, "backup": "o_priya"},
        {"id": "o_oncall", "name": "On-call technician"},
        {"id": "o_desk", "name": "Front desk (Dana)"}
    ],
    "routing": {"default_owner": "o_desk", "after_hours_owner": "o_oncall"},
    "sla": {"callback_minutes": {"emergency": 15, "urgent": 60, "routine": 240, "unknown": 240}},
    "high_value_amount": 10000,
    "repeat_window_minutes": 60,
    "sms": {"enabled": true, "templates": [
        {"id": "missed_call", "text": "Hi, this is Northside Heating & Plumbing. Sorry we missed your call. A team member will call you back. Reply STOP to opt out."},
        {"id": "promo", "text": "Book today and save 15% on any repair! We can be there within 2 hours."}
    ]}
}"#;

fn config() -> Value {
    serde_json::from_str(CONFIG).expect("the demo's config is JSON (a test reads it)")
}

/// Contacts for the first 120 people; the rest are unknown callers. Households share a number,
/// some leads carry their own phone, and a few contacts only share a caller's name.
fn crm(people: &[Person], dice: &mut Dice) -> (Vec<Value>, Vec<Value>, Vec<Value>) {
    let owners = ["o_marco", "o_priya", "o_lee", "o_jo"];
    let consents = ["opted_in", "opted_in", "opted_out", "unknown"];
    let mut contacts = Vec::new();
    let mut leads = Vec::new();
    let mut tickets = Vec::new();
    for (i, person) in people.iter().take(120).enumerate() {
        if i % 19 == 7 {
            // Known by name only (a web form without a phone): a possible duplicate.
            contacts
                .push(json!({"id": format!("C{i:03}"), "name": person.name, "phones": [], "sms_consent": "unknown"}));
            continue;
        }
        let customer = i % 3 != 0;
        let owner = if dice.chance(60) { json!(owners[i % owners.len()]) } else { Value::Null };
        contacts.push(json!({
            "id": format!("C{i:03}"), "name": person.name, "phones": [person.phone], "customer": customer,
            "owner": owner, "postal_code": POSTAL[i % POSTAL.len()], "sms_consent": consents[i % consents.len()],
        }));
        if i % 23 == 4 {
            // A household: a second contact on the same number.
            contacts.push(json!({
                "id": format!("C{i:03}b"), "name": format!("{} (spouse)", person.name), "phones": [person.phone],
                "customer": true, "sms_consent": "unknown",
            }));
        }
        if i % 4 == 1 || i == 1 {
            let amount = if i == 1 || i % 12 == 5 { 12_500 + 500 * (i % 7) } else { 900 + 350 * (i % 9) };
            leads.push(json!({
                "id": format!("L{i:03}"), "contact_id": format!("C{i:03}"), "status": "open",
                "owner": owners[(i + 1) % owners.len()], "amount": amount,
                "service_line": if i % 2 == 0 { "plumbing" } else { "hvac" },
            }));
        }
        if customer && (i % 11 == 2 || i == 2) {
            tickets.push(json!({"id": format!("T{i:03}"), "contact_id": format!("C{i:03}"), "status": "open", "subject": "Follow-up on last visit"}));
        }
    }
    // Web-form leads not yet tied to a contact, with their own phone.
    for (n, person) in people.iter().skip(130).take(8).enumerate() {
        leads.push(json!({"id": format!("W{n:02}"), "phone": person.phone, "name": person.name, "status": "open", "amount": 2400}));
    }
    (contacts, leads, tickets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_business_is_in_the_demo_time_zone() {
        assert_eq!(config()["timezone"], DEMO_TIMEZONE);
    }

    #[test]
    fn the_demo_is_valid_and_deterministic() {
        let now: Timestamp = "2026-11-24T22:00:00Z".parse().unwrap();
        let a = demo_json(now, 300);
        let b = demo_json(now, 300);
        assert_eq!(a, b);
        let bundle = demo_bundle(now);
        assert!(bundle.calls.len() >= 250, "{} calls", bundle.calls.len());
    }

    #[cfg(feature = "tzdb-bundled")]
    #[test]
    fn the_host_pages_records_have_calls_at_any_hour() {
        use crate::engine::decision::{Action, Reason};
        // www/host.html opens these records; the night-time thinning must not empty them.
        for hour in ["03", "11", "16", "22"] {
            let now: Timestamp = format!("2026-11-24T{hour}:30:00Z").parse().unwrap();
            let bundle = demo_bundle(now);
            let output = crate::engine::triage(&bundle, &crate::engine::zones::BundledZones).unwrap();
            let named = |name: &str| {
                bundle
                    .calls
                    .iter()
                    .filter(|c| c.caller_name.as_deref() == Some(name))
                    .map(|c| c.id.clone())
                    .collect::<Vec<_>>()
            };
            for name in ["Carlos Patel", "Julia Kowalski", "Nina Quinn"] {
                assert!(!named(name).is_empty(), "{name} has no call at {hour}:30");
            }
            let carlos = named("Carlos Patel");
            assert!(
                output.decisions.iter().any(|d| carlos.contains(&d.call_id)
                    && d.action == Action::Escalate
                    && d.reasons.contains(&Reason::HighValue)),
                "Carlos's high-value lead escalates at {hour}:30"
            );
        }
    }

    #[cfg(feature = "tzdb-bundled")]
    #[test]
    fn two_recent_callbacks_can_be_texted_at_any_hour_of_any_day() {
        use crate::engine::decision::Action;
        for day in 23..30 {
            for hour in ["00", "05", "08", "13", "17", "21"] {
                let now: Timestamp = format!("2026-11-{day}T{hour}:15:00Z").parse().unwrap();
                let bundle = demo_bundle(now);
                let output = crate::engine::triage(&bundle, &crate::engine::zones::BundledZones).unwrap();
                let recent_textable = output
                    .decisions
                    .iter()
                    .filter(|d| d.action == Action::CallbackTask && d.sms.allowed)
                    .filter(|d| {
                        let call = bundle.calls.iter().find(|c| c.id == d.call_id);
                        call.is_some_and(|c| now.duration_since(c.started_at.0).as_secs() <= 90 * 60)
                    })
                    .count();
                assert!(recent_textable >= 2, "{recent_textable} textable callbacks in the last 90 minutes at {now}");
            }
        }
    }

    #[cfg(feature = "tzdb-bundled")]
    #[test]
    fn the_demo_shows_every_kind_of_work_item() {
        use crate::engine::decision::{Action, Reason, Urgency};
        let now: Timestamp = "2026-11-24T22:00:00Z".parse().unwrap();
        let output = crate::engine::triage(&demo_bundle(now), &crate::engine::zones::BundledZones).unwrap();
        let count =
            |f: &dyn Fn(&crate::engine::decision::Decision) -> bool| output.decisions.iter().filter(|d| f(d)).count();
        let summary = format!(
            "calls {} escalate {} review {} task {} emergency {} urgent {} stale {} sms {} metrics {:?}",
            output.decisions.len(),
            count(&|d| d.action == Action::Escalate),
            count(&|d| d.action == Action::Review),
            count(&|d| d.action == Action::CallbackTask),
            count(&|d| d.urgency.level == Urgency::Emergency),
            count(&|d| d.urgency.level == Urgency::Urgent),
            count(&|d| d.stale),
            count(&|d| d.sms.allowed),
            output.metrics,
        );
        println!("{summary}");
        for reason in [
            Reason::Emergency,
            Reason::Complaint,
            Reason::HighValue,
            Reason::ExistingCustomerOpenIssue,
            Reason::AmbiguousMatch,
            Reason::PossibleDuplicate,
            Reason::WithheldCallerId,
            Reason::InvalidCallerId,
            Reason::AmbiguousVoicemail,
            Reason::VendorOrSolicitation,
        ] {
            assert!(count(&|d| d.reasons.contains(&reason)) > 0, "no {reason:?} in the demo: {summary}");
        }
        assert!(count(&|d| d.sms.allowed) > 0, "{summary}");
    }
}
