//! A fake of the parts of Twilio's 2010-04-01 API the connector uses, with Twilio's shapes:
//! Calls (list with Status/StartTime/ParentCallSid filters and paging, fetch; `<Dial>` child
//! legs as Twilio records a forwarded call: an `outbound-dial` leg under the inbound parent), Recordings, a recording's
//! Transcriptions, Messages (create, list), and calls the business places (create). It signs in with the account's auth token or
//! an API key, keeps state, and injects faults, also armed over HTTP at [`FAULTS_PATH`].

use std::sync::{Arc, Mutex};

use serde_json::{json, Value};

use super::clock::FakeClock;
use super::http_server::{with_fault, Faults, Reply, Request, TestServer, FAULTS_PATH};

pub const ACCOUNT_SID: &str = "AC0123456789abcdef0123456789abcdef";
pub const AUTH_TOKEN: &str = "twilio-auth-token-5ecret";
/// An API key of the account (Twilio's recommended sign-in for apps) and its secret.
pub const API_KEY_SID: &str = "SKfedcba9876543210fedcba9876543210";
pub const API_KEY_SECRET: &str = "twilio-api-key-5ecret";

pub struct TwilioState {
    pub calls: Vec<Value>,
    pub recordings: Vec<Value>,
    /// (recording sid, transcription)
    pub transcriptions: Vec<(String, Value)>,
    pub messages: Vec<Value>,
    /// Voice Intelligence transcripts, as `intelligence.twilio.com/v2/Transcripts` lists them.
    pub intelligence_transcripts: Vec<Value>,
    /// (transcript sid, sentence)
    pub sentences: Vec<(String, Value)>,
    /// Twilio's time for records created now (`date_created` of a new message).
    pub clock: String,
    /// When a call the business places through the API starts (it flows from a pinned start).
    pub placing_clock: FakeClock,
    pub unsubscribed: Vec<String>,
    pub requests: Vec<Request>,
    /// Every JSON object the fake sent, by the OpenAPI schema it claims to follow.
    pub sent: Vec<(String, Value)>,
}

impl Default for TwilioState {
    fn default() -> Self {
        TwilioState {
            calls: Vec::new(),
            recordings: Vec::new(),
            transcriptions: Vec::new(),
            messages: Vec::new(),
            intelligence_transcripts: Vec::new(),
            sentences: Vec::new(),
            clock: "Tue, 10 Mar 2026 16:00:00 +0000".to_owned(),
            placing_clock: FakeClock::default(),
            unsubscribed: Vec::new(),
            requests: Vec::new(),
            sent: Vec::new(),
        }
    }
}

pub struct FakeTwilio {
    pub server: TestServer,
    pub state: Arc<Mutex<TwilioState>>,
    pub faults: Arc<Faults>,
}

pub fn call(sid: &str, from: &str, status: &str, direction: &str, start: &str) -> Value {
    json!({
        "sid": sid, "account_sid": ACCOUNT_SID, "api_version": "2010-04-01",
        "date_created": start, "date_updated": start, "start_time": start, "end_time": start,
        "parent_call_sid": null, "to": "+13035550100", "to_formatted": "(303) 555-0100",
        "from": from, "from_formatted": from, "phone_number_sid": "PN0123456789abcdef0123456789abcdef",
        "status": status, "duration": "0", "price": null, "price_unit": "USD", "direction": direction,
        "answered_by": null, "forwarded_from": null, "group_sid": null, "caller_name": null,
        "queue_time": "0", "trunk_sid": null,
        "uri": format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Calls/{sid}.json"),
        "subresource_uris": { "recordings": format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Calls/{sid}/Recordings.json") },
    })
}

/// The leg Twilio dials for `<Dial>` under the inbound call `parent_sid`: from the business's
/// Twilio number to the phone the call is forwarded to.
pub fn dial_leg(sid: &str, parent_sid: &str, status: &str, start: &str) -> Value {
    let mut leg = call(sid, "+13035550100", status, "outbound-dial", start);
    leg["parent_call_sid"] = json!(parent_sid);
    leg["to"] = json!("+17205550199");
    leg["to_formatted"] = json!("(720) 555-0199");
    leg
}

pub fn recording(sid: &str, call_sid: &str, source: &str, created: &str) -> Value {
    json!({
        "sid": sid, "account_sid": ACCOUNT_SID, "api_version": "2010-04-01", "call_sid": call_sid,
        "conference_sid": null, "date_created": created, "date_updated": created, "start_time": created,
        "duration": "24", "price": "-0.0025", "price_unit": "USD", "status": "completed", "channels": 1,
        "source": source, "error_code": null, "encryption_details": null,
        "uri": format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Recordings/{sid}.json"),
        "media_url": format!("https://api.twilio.com/2010-04-01/Accounts/{ACCOUNT_SID}/Recordings/{sid}"),
        "subresource_uris": { "transcriptions": format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Recordings/{sid}/Transcriptions.json") },
    })
}

pub fn transcription(sid: &str, recording_sid: &str, text: &str) -> Value {
    json!({
        "sid": sid, "account_sid": ACCOUNT_SID, "api_version": "2010-04-01", "recording_sid": recording_sid,
        "date_created": "Tue, 10 Mar 2026 15:06:00 +0000", "date_updated": "Tue, 10 Mar 2026 15:06:00 +0000",
        "duration": "24", "price": null, "price_unit": "USD", "status": "completed",
        "transcription_text": text, "type": "fast",
        "uri": format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Transcriptions/{sid}.json"),
    })
}

impl FakeTwilio {
    pub fn start(state: TwilioState) -> FakeTwilio {
        let state = Arc::new(Mutex::new(state));
        let faults = Arc::new(Faults::default());
        let (s, f) = (state.clone(), faults.clone());
        let server = TestServer::start(move |request| {
            if request.path == FAULTS_PATH && request.method == "POST" {
                return f.arm_from_request(&request);
            }
            s.lock().unwrap().requests.push(request.clone());
            let fault = f.take(&request);
            with_fault(fault, || route(&s, &request))
        });
        FakeTwilio { server, state, faults }
    }

    pub fn sent_messages(&self) -> Vec<Value> {
        self.state.lock().unwrap().messages.clone()
    }
}

fn authorized(request: &Request) -> bool {
    let basic = |user: &str, secret: &str| {
        format!("Basic {}", callback_clock::connectors::http::base64(format!("{user}:{secret}").as_bytes()))
    };
    let given = request.header("authorization");
    [basic(ACCOUNT_SID, AUTH_TOKEN), basic(API_KEY_SID, API_KEY_SECRET)].iter().any(|e| given == Some(e.as_str()))
}

fn error(status: u16, code: i64, message: &str) -> Reply {
    Reply::json(status, json!({ "code": code, "message": message, "more_info": format!("https://www.twilio.com/docs/errors/{code}"), "status": status }).to_string())
}

fn route(state: &Mutex<TwilioState>, request: &Request) -> Reply {
    if !authorized(request) {
        return error(401, 20003, "Authenticate");
    }
    if let Some(resource) = request.path.strip_prefix("/v2/") {
        return intelligence_route(&mut state.lock().unwrap(), request, resource);
    }
    let prefix = format!("/2010-04-01/Accounts/{ACCOUNT_SID}/");
    let Some(resource) = request.path.strip_prefix(&prefix) else {
        return error(404, 20404, "The requested resource was not found");
    };
    let segments: Vec<&str> = resource.split('/').collect();
    let mut state = state.lock().unwrap();
    match (request.method.as_str(), segments.as_slice()) {
        ("GET", ["Calls.json"]) => {
            let status = request.query("Status");
            let parent = request.query("ParentCallSid");
            let after = request.query("StartTime>").map(str::to_owned);
            let before = request.query("StartTime<").map(str::to_owned);
            let day_of = |v: &Value| {
                callback_clock::connectors::twilio::parse_twilio_time(v["start_time"].as_str().unwrap_or(""))
                    .map(|t| t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date().to_string())
                    .unwrap_or_default()
            };
            let items: Vec<Value> = state
                .calls
                .iter()
                .filter(|c| status.is_none_or(|s| c["status"] == s))
                .filter(|c| parent.is_none_or(|p| c["parent_call_sid"] == p))
                .filter(|c| after.as_deref().is_none_or(|d| day_of(c).as_str() >= d))
                .filter(|c| before.as_deref().is_none_or(|d| day_of(c).as_str() < d))
                .cloned()
                .collect();
            page(&mut state, request, "calls", "api.v2010.account.call", items)
        }
        ("GET", ["Calls", sid]) => {
            let sid = sid.trim_end_matches(".json");
            match state.calls.iter().find(|c| c["sid"] == sid).cloned() {
                Some(call) => {
                    state.sent.push(("api.v2010.account.call".into(), call.clone()));
                    Reply::json(200, call.to_string())
                }
                None => error(404, 20404, "The requested resource was not found"),
            }
        }
        ("GET", ["Recordings", sid]) if sid.ends_with(".json") => {
            let sid = sid.trim_end_matches(".json");
            match state.recordings.iter().find(|r| r["sid"] == sid).cloned() {
                Some(recording) => {
                    state.sent.push(("api.v2010.account.recording".into(), recording.clone()));
                    Reply::json(200, recording.to_string())
                }
                None => error(404, 20404, "The requested resource was not found"),
            }
        }
        ("GET", ["Recordings.json"]) => {
            // DateCreated> / DateCreated< compare whole UTC days, as Twilio's do.
            let after = request.query("DateCreated>").map(str::to_owned);
            let before = request.query("DateCreated<").map(str::to_owned);
            let day_of = |v: &Value| {
                callback_clock::connectors::twilio::parse_twilio_time(v["date_created"].as_str().unwrap_or(""))
                    .map(|t| t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date().to_string())
                    .unwrap_or_default()
            };
            let items: Vec<Value> = state
                .recordings
                .iter()
                .filter(|r| after.as_deref().is_none_or(|d| day_of(r).as_str() >= d))
                .filter(|r| before.as_deref().is_none_or(|d| day_of(r).as_str() < d))
                .cloned()
                .collect();
            page(&mut state, request, "recordings", "api.v2010.account.recording", items)
        }
        ("GET", ["Recordings", recording_sid, "Transcriptions.json"]) => {
            let items =
                state.transcriptions.iter().filter(|(r, _)| r == recording_sid).map(|(_, t)| t.clone()).collect();
            page(&mut state, request, "transcriptions", "api.v2010.account.recording.recording_transcription", items)
        }
        // A call the business places (a callback from a click-to-call dialer). Twilio answers
        // `queued` and runs the call; the fake has it run at once and end as the test says,
        // `completed` unless the form has the fake's own `FakeOutcome` (no-answer, busy).
        ("POST", ["Calls.json"]) => {
            let form = callback_clock::connectors::http::form_decode(&request.body);
            let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
            if field("To").is_empty()
                || field("From").is_empty()
                || (field("Url").is_empty() && field("Twiml").is_empty())
            {
                return error(400, 21201, "No 'To' number, 'From' number or 'Url' is specified");
            }
            let sid = format!("CA{:032x}", 0xca11_u64 + state.calls.len() as u64);
            let started = state.placing_clock.now().strftime("%a, %d %b %Y %H:%M:%S +0000").to_string();
            let outcome = Some(field("FakeOutcome")).filter(|o| !o.is_empty()).unwrap_or_else(|| "completed".into());
            let mut placed = call(&sid, &field("From"), &outcome, "outbound-api", &started);
            placed["to"] = json!(field("To"));
            placed["to_formatted"] = json!(field("To"));
            state.calls.push(placed.clone());
            state.sent.push(("api.v2010.account.call".into(), placed.clone()));
            Reply::json(201, placed.to_string())
        }
        ("POST", ["Messages.json"]) => {
            let form = callback_clock::connectors::http::form_decode(&request.body);
            let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
            if state.unsubscribed.contains(&field("To")) {
                return error(400, 21610, "Attempt to send to unsubscribed recipient");
            }
            let sid = format!("SM{:032x}", state.messages.len() + 1);
            // Twilio picks the sender from a Messaging Service's pool; `date_sent` stays null
            // until the message has left, which it has not when the create answers (`queued`).
            let service = form.iter().find(|(k, _)| k == "MessagingServiceSid").map(|(_, v)| v.clone());
            let from = if service.is_some() { "+13035550190".to_owned() } else { field("From") };
            let message = json!({
                "sid": sid, "account_sid": ACCOUNT_SID, "api_version": "2010-04-01", "to": field("To"),
                "from": from, "body": field("Body"), "status": if service.is_some() { "accepted" } else { "queued" },
                "direction": "outbound-api",
                "num_segments": "1", "num_media": "0", "price": null, "price_unit": "USD", "error_code": null,
                "error_message": null, "messaging_service_sid": service, "date_created": state.clock.clone(),
                "date_updated": state.clock.clone(), "date_sent": null,
                "uri": format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{sid}.json"), "subresource_uris": {},
            });
            state.messages.push(message.clone());
            state.sent.push(("api.v2010.account.message".into(), message.clone()));
            Reply::json(201, message.to_string())
        }
        ("GET", ["Messages.json"]) => {
            let to = request.query("To").map(str::to_owned);
            let from = request.query("From").map(str::to_owned);
            // As Twilio: a DateSent filter never matches a message not sent yet (date_sent null).
            let sent_after = request.query("DateSent>").map(str::to_owned);
            let sent_day = |m: &Value| {
                callback_clock::connectors::twilio::parse_twilio_time(m["date_sent"].as_str().unwrap_or(""))
                    .map(|t| t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date().to_string())
            };
            let items = state
                .messages
                .iter()
                .filter(|m| to.as_deref().is_none_or(|t| m["to"] == t))
                .filter(|m| from.as_deref().is_none_or(|f| m["from"] == f))
                .filter(|m| sent_after.as_deref().is_none_or(|d| sent_day(m).is_some_and(|day| day.as_str() >= d)))
                .cloned()
                .collect();
            page(&mut state, request, "messages", "api.v2010.account.message", items)
        }
        _ => error(404, 20404, "The requested resource was not found"),
    }
}

/// Voice Intelligence v2 (another host in Twilio, one server here): Transcripts listed with
/// `AfterDateCreated` and its Sentences, in the v2 list envelope (`meta` with absolute
/// `next_page_url`s on Twilio's host, as the real API links them). Shapes from Twilio's
/// documentation of the Transcript resource and its Sentence subresource.
fn intelligence_route(state: &mut TwilioState, request: &Request, resource: &str) -> Reply {
    let segments: Vec<&str> = resource.split('/').collect();
    match (request.method.as_str(), segments.as_slice()) {
        ("GET", ["Transcripts"]) => {
            let after = request.query("AfterDateCreated").and_then(|t| t.parse::<jiff::Timestamp>().ok());
            let items: Vec<Value> = state
                .intelligence_transcripts
                .iter()
                .filter(|t| {
                    let created = t["date_created"].as_str().and_then(|d| d.parse::<jiff::Timestamp>().ok());
                    after.is_none_or(|a| created.is_some_and(|c| c >= a))
                })
                .cloned()
                .collect();
            v2_page(request, "transcripts", items)
        }
        ("GET", ["Transcripts", sid, "Sentences"]) => {
            let items = state.sentences.iter().filter(|(t, _)| t == sid).map(|(_, s)| s.clone()).collect();
            v2_page(request, "sentences", items)
        }
        _ => error(404, 20404, "The requested resource was not found"),
    }
}

fn v2_page(request: &Request, key: &str, items: Vec<Value>) -> Reply {
    let size: usize = request.query("PageSize").and_then(|s| s.parse().ok()).unwrap_or(50).clamp(1, 1000);
    let page: usize = request.query("Page").and_then(|s| s.parse().ok()).unwrap_or(0);
    let url = |p: usize| {
        let mut query: Vec<(&str, String)> =
            request.query.iter().filter(|(k, _)| k != "Page").map(|(k, v)| (k.as_str(), v.clone())).collect();
        query.push(("Page", p.to_string()));
        let fields: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
        format!(
            "https://intelligence.twilio.com{}?{}",
            request.path,
            callback_clock::connectors::http::form_encode(&fields)
        )
    };
    let chunk: Vec<Value> = items.iter().skip(page * size).take(size).cloned().collect();
    let next = ((page + 1) * size < items.len()).then(|| url(page + 1));
    let body = json!({
        key: chunk,
        "meta": { "page": page, "page_size": size, "first_page_url": url(0), "previous_page_url": (page > 0).then(|| url(page - 1)),
                  "url": url(page), "next_page_url": next, "key": key },
    });
    Reply::json(200, body.to_string())
}

/// A Voice Intelligence transcript of `source_sid` (a recording), created at `created` (ISO 8601).
pub fn intelligence_transcript(sid: &str, source_sid: &str, created: &str) -> Value {
    json!({
        "account_sid": ACCOUNT_SID, "service_sid": "GA0123456789abcdef0123456789abcdef", "sid": sid,
        "date_created": created, "date_updated": created, "status": "completed",
        "channel": { "media_properties": { "source_sid": source_sid },
                     "participants": [{ "channel_participant": 1, "role": "Customer" }] },
        "data_logging": false, "language_code": "en-US", "customer_key": null, "media_start_time": null,
        "duration": 24, "url": format!("https://intelligence.twilio.com/v2/Transcripts/{sid}"), "redaction": false,
        "links": { "sentences": format!("https://intelligence.twilio.com/v2/Transcripts/{sid}/Sentences"),
                   "media": format!("https://intelligence.twilio.com/v2/Transcripts/{sid}/Media"),
                   "operator_results": format!("https://intelligence.twilio.com/v2/Transcripts/{sid}/OperatorResults") },
    })
}

pub fn sentence(index: i64, text: &str, confidence: &str) -> Value {
    json!({
        "media_channel": 1, "sentence_index": index, "start_time": format!("{}.0", index * 3),
        "end_time": format!("{}.0", index * 3 + 3), "transcript": text,
        "sid": format!("GX{index:032x}"), "confidence": confidence, "words": [],
    })
}

/// Twilio's list envelope with `Page`/`PageToken` paging and a relative `next_page_uri`.
fn page(state: &mut TwilioState, request: &Request, key: &str, schema: &str, items: Vec<Value>) -> Reply {
    let size: usize = request.query("PageSize").and_then(|s| s.parse().ok()).unwrap_or(50).clamp(1, 1000);
    let page: usize = request.query("Page").and_then(|s| s.parse().ok()).unwrap_or(0);
    let start = page * size;
    let chunk: Vec<Value> = items.iter().skip(start).take(size).cloned().collect();
    let uri = |p: usize| {
        let mut query: Vec<(&str, String)> = request
            .query
            .iter()
            .filter(|(k, _)| k != "Page" && k != "PageToken")
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        query.push(("Page", p.to_string()));
        query.push(("PageToken", format!("PA{p}")));
        let fields: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
        format!("{}?{}", request.path, callback_clock::connectors::http::form_encode(&fields))
    };
    let next = (start + size < items.len()).then(|| uri(page + 1));
    for item in &chunk {
        state.sent.push((schema.to_owned(), item.clone()));
    }
    let body = json!({
        key: chunk, "end": start + size - 1, "first_page_uri": uri(0), "next_page_uri": next,
        "page": page, "page_size": size, "previous_page_uri": (page > 0).then(|| uri(page - 1)),
        "start": start, "uri": uri(page),
    });
    state.sent.push((format!("list:{key}"), body.clone()));
    Reply::json(200, body.to_string())
}
