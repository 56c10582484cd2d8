//! A deterministic, realistic big bundle for the benchmarks: a Front Range home-services business
//! (plumbing, HVAC, electrical) with a CRM of 100,000 contacts whose phones are written every
//! way people write them, 20,000 leads, 6,000 tickets, and 10,000 calls with voicemails of every
//! kind (emergency, urgent, routine, complaint, pricing, vendor pitch, negated, mumbled), repeat
//! callers, withheld and invalid caller ids, duplicate webhook events, and follow-up activities.
//!
//! Same seed, same bytes: no `rand` crate, a SplitMix64 generator. One generator for every
//! benchmark, so their figures are about the same bundle: benches/triage.rs, the examples
//! (`generate_bundle` writes it as JSON for scripts/bench-cli) and, compiled to wasm with feature
//! `bench`, the in-browser benchmark page (`js_api::bench`). Not part of the engine: it is test
//! data, and the engine never depends on it.

use std::fmt::Write;

use serde_json::{json, Value};

/// How many records of each kind a generated bundle holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    pub contacts: usize,
    pub leads: usize,
    pub tickets: usize,
    pub calls: usize,
}

/// The budget of DESIGN.md: 10,000 calls against 100,000 contacts.
pub const BUDGET: Sizes = Sizes { contacts: 100_000, leads: 20_000, tickets: 6_000, calls: 10_000 };

/// The seed of every benchmark figure in the README.
pub const SEED: u64 = 0x00C0_FFEE;

impl Sizes {
    /// A bundle of `contacts` and `calls` with leads and tickets in the budget's proportions
    /// (one lead per five contacts, six tickets per hundred): the page's size parameters.
    pub fn scaled(contacts: usize, calls: usize) -> Sizes {
        Sizes { contacts, leads: contacts / 5, tickets: contacts * 6 / 100, calls }
    }
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "James",
    "Maria",
    "Robert",
    "Linda",
    "Michael",
    "Patricia",
    "David",
    "Jennifer",
    "William",
    "Elizabeth",
    "Jose",
    "Susan",
    "Thomas",
    "Jessica",
    "Carlos",
    "Sarah",
    "Daniel",
    "Karen",
    "Matthew",
    "Nancy",
    "Anthony",
    "Lisa",
    "Mark",
    "Betty",
    "Luis",
    "Sandra",
    "Steven",
    "Ashley",
    "Andrew",
    "Kimberly",
    "Joshua",
    "Emily",
    "Kevin",
    "Donna",
    "Brian",
    "Michelle",
    "Hannah",
    "Victor",
    "Ivy",
    "Priya",
    "Wei",
    "Fatima",
    "Omar",
    "Grace",
    "Noah",
    "Olivia",
    "Ethan",
    "Ava",
];
/// Rarer surnames, as stem + ending ("Dalworth", "Pemford"): a CRM of 100,000 contacts holds
/// tens of thousands of distinct names, not the 2,400 that FIRST x LAST give, and the cost of a
/// caller's name lookup grows with how many records share it (44 each with LAST alone).
const SURNAME_STEMS: &[&str] = &[
    "Ander", "Bar", "Car", "Dal", "Ell", "Fitz", "Gar", "Hal", "Kel", "Lin", "Mor", "Nor", "Ost", "Pem", "Ros", "Sand",
    "Tal", "Wal", "Wes", "Yor",
];
const SURNAME_ENDINGS: &[&str] = &[
    "son", "ton", "by", "ley", "man", "well", "ford", "wood", "field", "ham", "er", "ing", "ridge", "worth", "ston",
    "dale", "brook", "more", "croft", "hurst",
];

/// A person's name: a common surname three times in ten, else a rarer one.
fn person_name(rng: &mut Rng) -> String {
    let first = *rng.pick(FIRST);
    if rng.chance(30) {
        format!("{first} {}", rng.pick(LAST))
    } else {
        format!("{first} {}{}", rng.pick(SURNAME_STEMS), rng.pick(SURNAME_ENDINGS))
    }
}

const LAST: &[&str] = &[
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Chen",
    "Patel",
    "Kim",
    "Cole",
    "Ruiz",
    "O'Brien",
];
const AREA_CODES: &[u32] = &[303, 720, 970, 719];
const SERVICE_LINES: &[&str] = &["plumbing", "drains", "water_heaters", "hvac", "electrical"];
const TERRITORIES: &[&[&str]] =
    &[&["802"], &["800", "801"], &["803", "804"], &["805"], &["806"], &["809", "810"], &["811"], &["80401"]];
const SOURCES: &[(&str, &str, &str, &str)] = &[
    ("+1 303-555-0300", "Google Ads", "Emergency Plumbing", "plumbing"),
    ("303.555.0301", "Local Services Ads", "Drain Cleaning", "drains"),
    ("(720) 555-0302", "Yelp", "", "hvac"),
    ("7205550303", "Truck Wrap", "", ""),
    ("+1 720 555 0304", "Direct Mail", "Spring Tune-Up", "hvac"),
    ("303-555-0305", "Website", "Electrical Panel Upgrades", "electrical"),
];

/// The number as a CRM user or an import typed it.
fn human_phone(rng: &mut Rng, area: u32, exchange: u32, line: u32) -> String {
    match rng.below(10) {
        0 => format!("({area}) {exchange}-{line:04}"),
        1 => format!("{area}.{exchange}.{line:04}"),
        2 => format!("+1 {area} {exchange} {line:04}"),
        3 => format!("{area}{exchange}{line:04} x{}", 10 + rng.below(90)),
        4 => format!("{area}-{exchange}-{line:04}"),
        5 => format!("+1{area}{exchange}{line:04}"),
        6 => format!("1-{area}-{exchange}-{line:04}"),
        7 => format!("{area} {exchange} {line:04} ext. {}", 1 + rng.below(9)),
        8 => format!("+1 ({area}) {exchange}-{line:04}"),
        _ => format!("{area}{exchange}{line:04}"),
    }
}

/// The number as a phone system sends it: mostly E.164, sometimes national.
fn caller_id(rng: &mut Rng, (area, exchange, line): (u32, u32, u32)) -> String {
    match rng.below(10) {
        0..=6 => format!("+1{area}{exchange}{line:04}"),
        7 => format!("({area}) {exchange}-{line:04}"),
        8 => format!("{area}{exchange}{line:04}"),
        _ => format!("1{area}{exchange}{line:04}"),
    }
}

/// The i-th distinct number of the CRM (a bijection on i, so numbers never collide by accident).
fn crm_number(i: usize) -> (u32, u32, u32) {
    let k = (i as u64).wrapping_mul(2_654_435_761) % 4_000_000; // spread over 4 area codes x 1M
    let area = AREA_CODES[(k / 1_000_000) as usize];
    let rest = (k % 1_000_000) as u32;
    (area, 200 + rest / 10_000 * 7 % 800, rest % 10_000)
}

/// Numbers nobody in the CRM has: the fictional 555 exchange, which `crm_number` never yields
/// (its exchanges are 200 + 7k).
fn new_number(rng: &mut Rng) -> (u32, u32, u32) {
    (*rng.pick(AREA_CODES), 555, rng.below(10_000) as u32)
}

struct Voicemail {
    transcript: String,
    confidence: f64,
}

fn voicemail(rng: &mut Rng, name: &str, postal: &str) -> Option<Voicemail> {
    let greeting =
        *rng.pick(&["Hi, this is", "Hello, my name is", "Hey, it's", "Good morning, this is", "Hi there, it's"]);
    let (body, confidence) = match rng.below(100) {
        0..=9 => (
            *rng.pick(&[
                "I smell gas in the basement near the water heater and I'm worried.",
                "Water is pouring through the kitchen ceiling and the floor is flooding.",
                "The sewer is backing up into the basement shower, it's everywhere.",
                "There are sparks coming from the electrical panel and a burning smell.",
                "Our carbon monoxide alarm keeps going off and we've opened the windows.",
                "We have no heat and it's freezing, the furnace won't come on at all.",
            ]),
            0.93,
        ),
        10..=27 => (
            *rng.pick(&[
                "Our AC is not cooling at all and we need someone today if possible.",
                "The water heater stopped working this morning, we have no hot water. Please call as soon as possible.",
                "The kitchen sink is completely clogged and we have guests coming tonight.",
                "Half the outlets in the house stopped working, can someone come out today?",
                "I've called a couple of times now, the toilet keeps running and I need it fixed asap.",
            ]),
            0.9,
        ),
        28..=54 => (
            *rng.pick(&[
                "I'd like to schedule a furnace tune-up sometime in the next few weeks.",
                "We're thinking about replacing our water heater and want someone to take a look.",
                "Can someone come look at a slow drain in the upstairs bathroom? No rush.",
                "I'd like to get a few new outlets installed in the garage.",
                "Just calling to set up our annual maintenance visit.",
            ]),
            0.88,
        ),
        55..=64 => (
            *rng.pick(&[
                "Your technician was here Tuesday and the leak is back. I'm really not happy about this.",
                "I want to complain about the bill, I was charged twice for the same visit.",
                "Nobody showed up for my appointment yesterday and nobody called. This is unacceptable.",
            ]),
            0.91,
        ),
        65..=74 => (
            *rng.pick(&[
                "How much do you charge to replace a garbage disposal? Looking for a quote.",
                "What's your price for a tankless water heater install?",
                "Do you have any openings this week for a drain cleaning, and what does it cost?",
            ]),
            0.9,
        ),
        75..=81 => (
            *rng.pick(&[
                "This is Sam from TopRank SEO, we can get your business to the top of Google. Call me back.",
                "I'm calling from Business Funding Partners about a pre-approved line of credit for your company.",
            ]),
            0.92,
        ),
        82..=89 => (
            *rng.pick(&[
                "It's not an emergency, there's no leak anymore, but we'd like someone to check the pipes.",
                "Last year we had a gas leak, so this time I just want the furnace inspected before winter.",
                "No water in the basement now, it dried out, just want a plumber to take a look sometime.",
            ]),
            0.87,
        ),
        90..=95 => (
            *rng.pick(&[
                "uh [inaudible] the ... back there [inaudible] call me",
                "hi um the thing [inaudible] yeah so [inaudible]",
            ]),
            0.31,
        ),
        _ => return None,
    };
    let mut t = String::with_capacity(200);
    // Writing to a String cannot fail.
    let _ = write!(t, "{greeting} {name}. {body}");
    if rng.chance(40) {
        let _ = write!(t, " We're at zip code {postal}.");
    }
    let sign_off: &&str = rng.pick(&[
        " Please call me back.",
        " Thanks, bye.",
        " You can reach me at this number.",
        " Call me back when you get a chance.",
        "",
    ]);
    t.push_str(sign_off);
    Some(Voicemail { transcript: t, confidence })
}

fn timestamp(minutes_after_start: u64) -> String {
    // 2026-02-02 00:00 -07:00 (Denver standard time) plus minutes; 28 days.
    let day = minutes_after_start / 1440;
    let minute_of_day = minutes_after_start % 1440;
    let (month, dom) = if day < 27 { (2, 2 + day) } else { (3, day - 26) };
    format!("2026-{month:02}-{dom:02}T{:02}:{:02}:00-07:00", minute_of_day / 60, minute_of_day % 60)
}

/// Minute offsets biased towards business hours (when most calls come in), with evenings and
/// weekends in the mix.
fn call_minute(rng: &mut Rng) -> u64 {
    let day = rng.below(27) as u64;
    let minute = if rng.chance(75) { 7 * 60 + rng.below(11 * 60) } else { rng.below(1440) } as u64;
    day * 1440 + minute
}

pub fn bundle(sizes: &Sizes, seed: u64) -> Value {
    let mut rng = Rng(seed);
    let owners: Vec<Value> = (0..12)
        .map(|i| {
            let mut o = json!({
                "id": format!("o{i}"),
                "name": format!("{} {}", FIRST[i * 3 % FIRST.len()], LAST[i * 5 % LAST.len()]),
                "service_lines": [SERVICE_LINES[i % SERVICE_LINES.len()]],
                "territories": TERRITORIES[i % TERRITORIES.len()],
                "backup": format!("o{}", (i + 1) % 12),
            });
            if i == 4 || i == 9 {
                o["available"] = json!(false);
            }
            o
        })
        .collect();
    let sources: Vec<Value> = SOURCES
        .iter()
        .enumerate()
        .map(|(i, (number, name, campaign, line))| {
            let mut s = json!({"number": number, "name": name});
            if !campaign.is_empty() {
                s["campaign"] = json!(campaign);
            }
            if !line.is_empty() {
                s["service_line"] = json!(line);
            }
            if i == 3 {
                s["owner"] = json!("o2");
            }
            s
        })
        .collect();
    let hours = json!([["07:30", "12:00"], ["12:30", "17:30"]]);
    let config = json!({
        "timezone": "America/Denver",
        "default_country": "US",
        "business_hours": {"mon": hours, "tue": hours, "wed": hours, "thu": hours, "fri": hours, "sat": [["08:00", "12:00"]]},
        "holidays": ["2026-02-16"],
        "sources": sources,
        "owners": owners,
        "routing": {"default_owner": "o0", "after_hours_owner": "o1"},
        "sla": {"callback_minutes": {"emergency": 15, "urgent": 60, "routine": 240, "unknown": 240}},
        "high_value_amount": 8000,
        "repeat_window_minutes": 45,
        "sms": {"enabled": true, "templates": [
            {"id": "missed", "text": "Hi, this is Front Range Home Services. Sorry we missed your call; someone from our team will call you back. Reply STOP to opt out."},
            {"id": "promo", "text": "Sorry we missed you! Book today and get $50 off, we can be there within 2 hours."}
        ]}
    });

    // Contacts: one or two phones each; about 1 in 200 shares a household line with the contact
    // before it (a number on two records: an ambiguous match).
    let mut contact_numbers: Vec<(u32, u32, u32)> = Vec::with_capacity(sizes.contacts);
    let mut contact_names: Vec<String> = Vec::with_capacity(sizes.contacts);
    let contacts: Vec<Value> = (0..sizes.contacts)
        .map(|i| {
            let number = if i > 0 && rng.chance(1) && rng.chance(50) { contact_numbers[i - 1] } else { crm_number(i) };
            contact_numbers.push(number);
            let name = person_name(&mut rng);
            contact_names.push(name.clone());
            let mut phones = vec![human_phone(&mut rng, number.0, number.1, number.2)];
            if rng.chance(15) {
                let second = crm_number(sizes.contacts + i);
                phones.push(human_phone(&mut rng, second.0, second.1, second.2));
            }
            let mut c = json!({
                "id": format!("c{i:06}"),
                "name": name,
                "phones": phones,
                "customer": rng.chance(40),
                "sms_consent": *rng.pick(&["opted_in", "opted_in", "unknown", "unknown", "unknown", "opted_out"]),
                "postal_code": format!("80{:03}", rng.below(400)),
            });
            if rng.chance(25) {
                // Exports carry fields the engine ignores.
                c["hs_lifecyclestage"] = json!(*rng.pick(&["lead", "customer", "opportunity"]));
            }
            if rng.chance(50) {
                c["owner"] = json!(format!("o{}", rng.below(12)));
            }
            c
        })
        .collect();

    // Leads: most tied to a contact, some web-form leads with only a phone and a name.
    let mut lead_phones: Vec<(u32, u32, u32)> = Vec::new();
    let leads: Vec<Value> = (0..sizes.leads)
        .map(|i| {
            let mut l = json!({
                "id": format!("d{i:05}"),
                "status": *rng.pick(&["open", "open", "won", "lost"]),
                "amount": (150 + rng.below(150) * 100) as f64,
                "service_line": *rng.pick(SERVICE_LINES),
            });
            if rng.chance(70) {
                l["contact_id"] = json!(format!("c{:06}", rng.below(sizes.contacts)));
            } else {
                let number = crm_number(3 * sizes.contacts + i);
                lead_phones.push(number);
                l["phone"] = json!(human_phone(&mut rng, number.0, number.1, number.2));
                l["name"] = json!(person_name(&mut rng));
            }
            if rng.chance(80) {
                l["owner"] = json!(format!("o{}", rng.below(12)));
            }
            l
        })
        .collect();
    let tickets: Vec<Value> = (0..sizes.tickets)
        .map(|i| {
            json!({
                "id": format!("t{i:05}"),
                "contact_id": format!("c{:06}", rng.below(sizes.contacts)),
                "status": *rng.pick(&["open", "closed", "closed"]),
                "subject": *rng.pick(&["Warranty: water heater pilot keeps going out", "Invoice dispute", "Follow-up: leak under sink", "Thermostat not holding temperature"]),
            })
        })
        .collect();

    // Calls, in time order, as a phone system exports them.
    let mut minutes: Vec<u64> = (0..sizes.calls).map(|_| call_minute(&mut rng)).collect();
    minutes.sort_unstable();
    let mut calls: Vec<Value> = Vec::with_capacity(sizes.calls);
    let mut activities: Vec<Value> = Vec::new();
    let mut i = 0;
    while calls.len() < sizes.calls {
        let minute = minutes[i.min(minutes.len() - 1)];
        i += 1;
        let roll = rng.below(100);
        // Duplicate webhook delivery: the same call id again.
        if roll < 1 && !calls.is_empty() {
            let dup = calls[calls.len() - 1].clone();
            calls.push(dup);
            continue;
        }
        // A repeat caller: the previous caller (with a real number) again within minutes.
        let repeated_caller = calls
            .last()
            .filter(|_| roll < 6)
            .and_then(|last| Some((last["from"].as_str()?, last["caller_name"].as_str().unwrap_or(""))))
            .filter(|(from, _)| from.starts_with('+'))
            .map(|(from, name)| (from.to_owned(), name.to_owned()));
        let repeat = repeated_caller.is_some();
        let (from, name, postal) = if let Some((from, name)) = repeated_caller {
            (from, name, "80202".to_owned())
        } else {
            match rng.below(100) {
                0..=59 => {
                    let c = rng.below(sizes.contacts);
                    (
                        caller_id(&mut rng, contact_numbers[c]),
                        contact_names[c].to_uppercase(),
                        format!("80{:03}", rng.below(400)),
                    )
                }
                60..=67 if !lead_phones.is_empty() => {
                    let n = *rng.pick(&lead_phones);
                    (caller_id(&mut rng, n), String::new(), format!("80{:03}", rng.below(400)))
                }
                68..=91 => {
                    let n = new_number(&mut rng);
                    (caller_id(&mut rng, n), person_name(&mut rng).to_uppercase(), format!("80{:03}", rng.below(400)))
                }
                92..=97 => (
                    (*rng.pick(&["Anonymous", "Restricted", "Unavailable", "Private", "", "266696687", "+266696687"]))
                        .to_owned(),
                    String::new(),
                    "80202".to_owned(),
                ),
                _ => (
                    (*rng.pick(&["12345", "+1 303 555", "0000000000000000", "Unknown Caller"])).to_owned(),
                    String::new(),
                    "80202".to_owned(),
                ),
            }
        };
        let minute = if repeat { minutes[i.saturating_sub(2)] + 3 + rng.below(20) as u64 } else { minute };
        let id = format!("CA{:016x}{:016x}", rng.next(), rng.next());
        let status = match rng.below(100) {
            0..=54 => "voicemail",
            55..=76 => "no-answer",
            77..=80 => "busy",
            81..=84 => "abandoned",
            85..=92 => "completed",
            93..=94 => "callback-request",
            95..=96 => "canceled",
            _ => "failed",
        };
        let mut call = json!({
            "id": id,
            "from": from,
            "to": SOURCES[rng.below(SOURCES.len())].0,
            "started_at": timestamp(minute),
            "status": status,
            "ring_seconds": 10 + rng.below(30),
            "account_sid": "AC0000000000000000000000000000000",
        });
        if !name.is_empty() {
            call["caller_name"] = json!(name);
        }
        if rng.chance(2) {
            call["direction"] = json!("outbound");
        }
        if status == "voicemail" {
            let display = if name.is_empty() { "calling about my house".to_owned() } else { title_case(&name) };
            if let Some(vm) = voicemail(&mut rng, &display, &postal) {
                call["voicemail"] = json!({
                    "transcript": vm.transcript,
                    "confidence": vm.confidence,
                    "duration_seconds": 8 + rng.below(50),
                    "recording_url": format!("https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE{:016x}", rng.next()),
                });
            } else {
                call["voicemail"] = json!({"duration_seconds": 2});
            }
        }
        // What people did afterwards, for a third of the calls.
        if rng.chance(33) {
            let owner = format!("o{}", rng.below(12));
            let id = call["id"].clone();
            activities.push(json!({"call_id": id, "type": "assigned", "at": timestamp(minute + 2 + rng.below(30) as u64), "owner": owner}));
            if rng.chance(10) {
                activities.push(json!({"call_id": id, "type": "reassigned", "at": timestamp(minute + 40), "owner": format!("o{}", rng.below(12))}));
            }
            if rng.chance(80) {
                activities.push(json!({"call_id": id, "type": "callback_attempt", "at": timestamp(minute + 5 + rng.below(400) as u64), "owner": owner}));
                let outcome = *rng.pick(&[
                    "booked",
                    "booked",
                    "reached",
                    "left_message",
                    "no_answer",
                    "wrong_number",
                    "spam",
                    "not_interested",
                ]);
                activities.push(json!({"call_id": id, "type": "disposition", "at": timestamp(minute + 420), "owner": owner, "outcome": outcome}));
            }
            if rng.chance(3) {
                activities.push(json!({"call_id": id, "type": "merged_duplicate", "at": timestamp(minute + 500)}));
            }
        }
        calls.push(call);
    }

    json!({
        "now": "2026-03-02T09:00:00-07:00",
        "config": config,
        "crm": {"contacts": contacts, "leads": leads, "tickets": tickets},
        "calls": calls,
        "activities": activities,
    })
}

fn title_case(name: &str) -> String {
    name.split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_string() + &c.as_str().to_lowercase()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The bundle of these sizes, from the benchmarks' seed, as JSON text.
pub fn bundle_json(sizes: &Sizes) -> String {
    bundle(sizes, SEED).to_string()
}

/// The budget bundle as JSON text.
pub fn budget_bundle_json() -> String {
    bundle_json(&BUDGET)
}
