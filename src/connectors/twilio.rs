//! Twilio's 2010-04-01 REST API: missed inbound calls and voicemails in, consent-checked texts out.
//!
//! Reading is one [`MissedCallSync`] job: the Calls list once per missed status (`no-answer`,
//! `busy`, `failed`, `canceled`; Twilio filters by one status at a time and not by direction,
//! so direction is checked here), the account's Recordings for the same range (a voicemail in
//! Twilio is a `<Record>` recording, usually on a call Twilio counts as `completed`, so it is
//! found through its recording), then the follow-ups: the inbound parent of every missed
//! `<Dial>` leg with its other legs (was any answered?), any call a voicemail belongs to that
//! the lists did not bring, then the voicemails' text. Lists are followed through
//! `next_page_uri` (`meta.next_page_url` on the Voice Intelligence API).
//!
//! Voicemail text comes from Voice Intelligence (`intelligence.twilio.com/v2`), how Twilio
//! transcribes recordings today: the Transcripts created since the range began, each tied to
//! its call through `channel.media_properties.source_sid` (the recording it transcribed, or
//! the call) or a `customer_key` holding the call's SID, then its Sentences, joined in order.
//! A transcript of a recording this sync did not list (a transcript that finished after an
//! earlier sync) is followed to its recording; if that is a voicemail, the text comes back as
//! a [`LateTranscript`] for the app to put on the call it already holds. A voicemail with no
//! Voice Intelligence transcript falls back to the deprecated Recording Transcriptions
//! (`<Record transcribe>`), for accounts that still use them; an account without Voice
//! Intelligence (the API answers 403 or 404) uses only those. The Voice Intelligence API has
//! its own host, [`INTELLIGENCE_ROOT`], replaced by the business's proxy like [`API_ROOT`];
//! its shapes are written from Twilio's documentation (its OpenAPI description is not vendored
//! here; see [`INTELLIGENCE_FIELDS_READ`]).
//!
//! Why the parents: a Twilio number that forwards with `<Dial>` leaves the caller's inbound
//! call `completed` (Twilio answered it to run the TwiML); the ring nobody took is a child leg
//! (`direction` `outbound-dial`, `parent_call_sid` = the inbound call) with a missed status.
//! The missed call is the parent: the caller's number, the tracking number dialed, the
//! parent's recording as its voicemail. A parent one of whose legs was answered (a second
//! number in a sequential or simultaneous `<Dial>` picked up) is not missed.
//!
//! Status mapping onto the contract's `calls[].status`:
//!
//! | Twilio | contract |
//! |---|---|
//! | inbound call with a `RecordVerb` recording (any status) | `voicemail`, transcript when Twilio transcribed it |
//! | inbound `no-answer` / `busy` / `failed` / `canceled` | the same value |
//! | inbound call whose `<Dial>` legs all missed, none answered | the first missed leg's status (in [`MISSED_STATUSES`] order) |
//! | `completed` without a voicemail or missed leg, outbound calls, and calls still `queued`/`ringing`/`in-progress` | not imported |
//!
//! Inbound means `direction` `inbound` or `trunking-originating` (a call from the public
//! network into the business's SIP trunk).
//!
//! Caller ids are kept exactly as Twilio sent them (the engine recognises withheld markers such
//! as `Anonymous` and the keypad spellings `+266696687`); an empty one becomes absent.
//!
//! Writing is one text at a time through [`TwilioAccount::send_text`], which refuses unless the
//! engine's decision allows a text and its template passes the promise guard. Twilio's error
//! 21610 (the recipient replied STOP) is an outcome, [`TextOutcome::OptedOut`], for the app to
//! record as the contact's opt-out. Twilio has no idempotency key for messages, so a send whose
//! answer was lost is checked against the Messages list before it is ever sent again: the list
//! filtered by `To` (and `From` when the account texts from a number), matched on the body, a
//! `date_created` since the first try and, with a Messaging Service, its `messaging_service_sid`.
//! Never by `DateSent`: Twilio sets it only once a message has left, so a text still `queued`
//! or `accepted` is not found by it and would go out twice. (A `StatusCallback` marker cannot
//! serve either: the Message resource neither returns nor filters by it.)
//!
//! A business with a registered (A2P 10DLC) sender texts through its Messaging Service:
//! [`TwilioAccount::with_messaging_service`] sends `MessagingServiceSid` instead of `From`, and
//! Twilio picks the number from the service's pool.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use jiff::{Timestamp, ToSpan};
use serde::Deserialize;

pub mod outbound;

use super::error::{status_error, ConnectorError};
use super::http::{
    base64, encode_component, join_url, with_query, Exchange, HttpRequest, HttpResponse, Outcome, Secret,
};
use super::paging::Cursors;
use crate::engine::bundle::{Call, CallStatus, Direction, Instant, SmsConfig, Voicemail};
use crate::engine::consent::PromiseGuard;
use crate::engine::decision::SmsView;

pub const SERVICE: &str = "Twilio";
/// Twilio's own API root; a business's proxy replaces it.
pub const API_ROOT: &str = "https://api.twilio.com";
/// Twilio's Voice Intelligence API root (a different host); a business's proxy replaces it.
pub const INTELLIGENCE_ROOT: &str = "https://intelligence.twilio.com";
const API_VERSION: &str = "2010-04-01";
const PAGE_SIZE: &str = "100";

/// The Twilio statuses that mean nobody picked up, in the order they are listed.
pub const MISSED_STATUSES: [&str; 4] = ["no-answer", "busy", "failed", "canceled"];

/// Directions of a call someone made to the business: to a Twilio number, or into its SIP trunk.
pub const INBOUND_DIRECTIONS: [&str; 2] = ["inbound", "trunking-originating"];
/// The direction of a `<Dial>` child leg: Twilio ringing the number a call was forwarded to.
pub const DIAL_LEG_DIRECTION: &str = "outbound-dial";
/// A leg in one of these statuses was picked up: its parent call was not missed.
const ANSWERED_STATUSES: [&str; 2] = ["completed", "in-progress"];

fn missed_status(twilio_status: Option<&str>) -> Option<CallStatus> {
    match twilio_status? {
        "no-answer" => Some(CallStatus::NoAnswer),
        "busy" => Some(CallStatus::Busy),
        "failed" => Some(CallStatus::Failed),
        "canceled" => Some(CallStatus::Canceled),
        _ => None,
    }
}

/// One connected Twilio account.
#[derive(Debug, Clone)]
pub struct TwilioAccount {
    base_url: String,
    account_sid: String,
    authorization: Secret,
    /// `MG…`: texts go out through this Messaging Service instead of from a number.
    messaging_service_sid: Option<String>,
    /// [`INTELLIGENCE_ROOT`] or the business's proxy for it; `None` when the account is
    /// reached through a proxy that was given no address for it (texts then come only from the
    /// deprecated Recording Transcriptions).
    intelligence_base_url: Option<String>,
}

impl TwilioAccount {
    /// `key_sid` is the Account SID itself or an API key SID (`SK…`); `secret` is the matching
    /// auth token or API key secret. `base_url` is [`API_ROOT`] or the business's proxy.
    pub fn new(base_url: &str, account_sid: &str, key_sid: &str, secret: &Secret) -> TwilioAccount {
        let basic = base64(format!("{key_sid}:{}", secret.expose()).as_bytes());
        TwilioAccount {
            base_url: base_url.to_owned(),
            account_sid: account_sid.to_owned(),
            authorization: Secret::new(format!("Basic {basic}")).also_hiding(&basic).also_hiding(secret.expose()),
            messaging_service_sid: None,
            // Twilio's own API: its own Voice Intelligence host. A proxy must name its address.
            intelligence_base_url: (base_url.trim_end_matches('/') == API_ROOT).then(|| INTELLIGENCE_ROOT.to_owned()),
        }
    }

    /// Reads Voice Intelligence transcripts through `base_url` ([`INTELLIGENCE_ROOT`] or the
    /// business's proxy for it); an empty one keeps the current address.
    pub fn with_intelligence_base(mut self, base_url: &str) -> TwilioAccount {
        if !base_url.trim().is_empty() {
            self.intelligence_base_url = Some(base_url.trim().to_owned());
        }
        self
    }

    /// The Voice Intelligence address requests go to, if any (for a proxy's allow-list).
    pub fn intelligence_base(&self) -> Option<&str> {
        self.intelligence_base_url.as_deref()
    }

    /// Texts through the Messaging Service `sid` (`MG…`) rather than from the dialed number;
    /// an empty sid keeps texting from the number.
    pub fn with_messaging_service(mut self, sid: &str) -> TwilioAccount {
        self.messaging_service_sid = Some(sid.trim().to_owned()).filter(|s| !s.is_empty());
        self
    }

    /// A proxy that adds the credentials itself: requests carry no `Authorization` at all.
    pub fn via_authorizing_proxy(base_url: &str, account_sid: &str) -> TwilioAccount {
        TwilioAccount {
            base_url: base_url.to_owned(),
            account_sid: account_sid.to_owned(),
            authorization: Secret::new(""),
            messaging_service_sid: None,
            intelligence_base_url: None,
        }
    }

    fn url(&self, resource: &str, query: &[(&str, String)]) -> String {
        let path = format!("/{API_VERSION}/Accounts/{}/{resource}", encode_component(&self.account_sid));
        with_query(join_url(&self.base_url, &path), query)
    }

    /// A Voice Intelligence v2 URL: `path` is e.g. `/v2/Transcripts`. Only asked for when an
    /// address is set.
    fn intelligence_url(&self, path: &str, query: &[(&str, String)]) -> String {
        with_query(join_url(self.intelligence_base_url.as_deref().unwrap_or(INTELLIGENCE_ROOT), path), query)
    }

    /// Voice Intelligence pages link the next one with an absolute URL on Twilio's host; the
    /// same path and query through the configured address (a proxy, in the browser).
    fn intelligence_next(&self, absolute: &str) -> String {
        let after_scheme = absolute.split_once("://").map_or(absolute, |(_, rest)| rest);
        let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
        join_url(self.intelligence_base_url.as_deref().unwrap_or(INTELLIGENCE_ROOT), path)
    }

    fn get(&self, url: String) -> HttpRequest {
        let mut request = HttpRequest::get(url, &self.authorization);
        if self.authorization.expose().is_empty() {
            request.authorization = None;
        }
        request
    }

    /// Missed inbound calls and voicemails that started in `from..until`.
    pub fn missed_calls(&self, from: Timestamp, until: Timestamp) -> MissedCallSync {
        // Twilio's date filters take whole UTC days; the exact range is applied to each record.
        let first_day = from.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
        let after_last_day = until.to_zoned_datetime(jiff::tz::TimeZone::UTC).date().saturating_add(1.day());
        let mut queue = VecDeque::new();
        for status in MISSED_STATUSES {
            let url = self.url(
                "Calls.json",
                &[
                    ("Status", status.to_owned()),
                    ("StartTime>", first_day.to_string()),
                    ("StartTime<", after_last_day.to_string()),
                    ("PageSize", PAGE_SIZE.to_owned()),
                ],
            );
            queue.push_back(Step::CallsPage(url));
        }
        let url = self.url(
            "Recordings.json",
            &[
                ("DateCreated>", first_day.to_string()),
                ("DateCreated<", after_last_day.to_string()),
                ("PageSize", PAGE_SIZE.to_owned()),
            ],
        );
        queue.push_back(Step::RecordingsPage(url));
        MissedCallSync {
            account: self.clone(),
            from,
            until,
            queue,
            calls: BTreeMap::new(),
            voicemails: BTreeMap::new(),
            missed_legs: BTreeMap::new(),
            answered_parents: BTreeSet::new(),
            fetched: Vec::new(),
            sentences: Vec::new(),
            transcripts: Vec::new(),
            late_transcripts: Vec::new(),
            looked_up: BTreeSet::new(),
            skipped: Vec::new(),
            cursors: Cursors::default(),
        }
    }

    /// A text to `to` from the business number `from` (or the account's Messaging Service), only
    /// if the engine's decision allows it and its template is approved by the promise guard.
    /// `not_before` (at or before the first try) bounds the lookup that checks whether a send
    /// whose answer was lost did go out.
    pub fn send_text(
        &self,
        from: &str,
        to: &str,
        decision: &SmsView,
        sms: &SmsConfig,
        guard: &PromiseGuard,
        not_before: Timestamp,
    ) -> Result<SendText, ConnectorError> {
        let blocked = |reason: String| ConnectorError::SmsBlocked { reason };
        if !decision.allowed {
            let why = decision.reason.map(|r| format!("{r:?}")).unwrap_or_else(|| "not allowed".into());
            return Err(blocked(format!("the decision does not allow a text ({why})")));
        }
        let template_id =
            decision.template.as_deref().ok_or_else(|| blocked("the decision names no template".into()))?;
        let template = sms
            .templates
            .iter()
            .find(|t| t.id == template_id)
            .ok_or_else(|| blocked(format!("template {template_id:?} is not in the configuration")))?;
        guard.check(&template.text).map_err(|problem| blocked(format!("template {template_id:?} {problem}")))?;
        if crate::engine::phone::is_withheld(to) || !looks_like_e164(to) {
            return Err(blocked("the recipient is not a dialable E.164 number".into()));
        }
        Ok(SendText {
            account: self.clone(),
            from: from.to_owned(),
            to: to.to_owned(),
            body: template.text.clone(),
            not_before,
            state: SendState::Send,
        })
    }
}

fn looks_like_e164(number: &str) -> bool {
    number.strip_prefix('+').is_some_and(|d| (8..=15).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
}

/// Twilio's RFC 2822 times, e.g. `Tue, 10 Mar 2026 15:00:00 +0000`.
pub fn parse_twilio_time(text: &str) -> Option<Timestamp> {
    jiff::fmt::rfc2822::DateTimeParser::new().parse_timestamp(text.trim()).ok()
}

// ---- wire shapes (the fields read; Twilio sends many more) ----

/// Every response field this module reads, by the schema name in Twilio's OpenAPI description
/// (the test `twilio_openapi` checks them against the vendored copy), and the enum values it
/// compares with.
pub const FIELDS_READ: [(&str, &[&str]); 4] = [
    (
        "api.v2010.account.call",
        &[
            "sid",
            "parent_call_sid",
            "from",
            "to",
            "caller_name",
            "status",
            "direction",
            "start_time",
            "date_created",
            "answered_by",
        ],
    ),
    ("api.v2010.account.recording", &["sid", "call_sid", "status", "source", "duration", "media_url"]),
    ("api.v2010.account.recording.recording_transcription", &["status", "transcription_text"]),
    ("api.v2010.account.message", &["sid", "body", "status", "date_created", "messaging_service_sid"]),
];
pub const ENUM_VALUES_USED: [(&str, &[&str]); 5] = [
    ("call_enum_status", &["no-answer", "busy", "failed", "canceled", "completed", "in-progress"]),
    ("recording_enum_source", &["RecordVerb"]),
    ("recording_enum_status", &["completed"]),
    ("recording_transcription_enum_status", &["completed"]),
    ("message_enum_status", &["failed", "undelivered", "canceled"]),
];

#[derive(Deserialize)]
struct CallPage {
    calls: Vec<TwilioCall>,
    #[serde(default)]
    next_page_uri: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct TwilioCall {
    sid: String,
    #[serde(default)]
    parent_call_sid: Option<String>,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
    #[serde(default)]
    caller_name: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    direction: Option<String>,
    #[serde(default)]
    start_time: Option<String>,
    #[serde(default)]
    date_created: Option<String>,
    /// Answering-machine detection's verdict (`human`, `machine_start`, …), on outbound calls.
    #[serde(default)]
    answered_by: Option<String>,
}

#[derive(Deserialize)]
struct RecordingPage {
    recordings: Vec<TwilioRecording>,
    #[serde(default)]
    next_page_uri: Option<String>,
}

#[derive(Deserialize)]
struct TwilioRecording {
    sid: String,
    #[serde(default)]
    call_sid: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    duration: Option<String>,
    #[serde(default)]
    media_url: Option<String>,
}

#[derive(Deserialize)]
struct TranscriptionPage {
    transcriptions: Vec<TwilioTranscription>,
    #[serde(default)]
    next_page_uri: Option<String>,
}

#[derive(Deserialize)]
struct TwilioTranscription {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    transcription_text: Option<String>,
}

/// The Voice Intelligence v2 fields this module reads, by resource, as Twilio's documentation
/// describes them (Transcript resource and its Sentence subresource,
/// <https://www.twilio.com/docs/conversation-intelligence-classic/api/transcript-resource> and
/// `…/transcript-sentence-subresource`); Twilio's
/// OpenAPI description of this API is not vendored in `../shared/vendor/twilio-oai`.
pub const INTELLIGENCE_FIELDS_READ: [(&str, &[&str]); 3] = [
    ("intelligence.v2.transcript", &["sid", "status", "channel", "customer_key", "date_created"]),
    ("intelligence.v2.transcript.sentence", &["media_channel", "sentence_index", "transcript", "confidence"]),
    ("list meta", &["next_page_url"]),
];

#[derive(Deserialize)]
struct IntelligenceMeta {
    #[serde(default)]
    next_page_url: Option<String>,
}

#[derive(Deserialize)]
struct TranscriptPage {
    transcripts: Vec<IntelligenceTranscript>,
    meta: IntelligenceMeta,
}

#[derive(Debug, Clone, Deserialize)]
struct IntelligenceTranscript {
    sid: String,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    channel: Option<serde_json::Value>,
    #[serde(default)]
    customer_key: Option<String>,
}

impl IntelligenceTranscript {
    /// The SID of what was transcribed: a recording (`RE…`) or a call (`CA…`).
    fn source_sid(&self) -> Option<&str> {
        self.channel.as_ref()?.get("media_properties")?.get("source_sid")?.as_str().filter(|s| !s.is_empty())
    }
}

#[derive(Deserialize)]
struct SentencePage {
    sentences: Vec<IntelligenceSentence>,
    meta: IntelligenceMeta,
}

#[derive(Debug, Clone, Deserialize)]
struct IntelligenceSentence {
    #[serde(default)]
    sentence_index: i64,
    #[serde(default)]
    transcript: Option<String>,
    /// Twilio documents it as a string holding a number.
    #[serde(default)]
    confidence: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct MessagePage {
    messages: Vec<TwilioMessage>,
    #[serde(default)]
    next_page_uri: Option<String>,
}

#[derive(Deserialize)]
struct TwilioMessage {
    sid: String,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    date_created: Option<String>,
    #[serde(default)]
    messaging_service_sid: Option<String>,
}

#[derive(Deserialize)]
struct TwilioErrorBody {
    #[serde(default)]
    code: Option<i64>,
    #[serde(default)]
    message: Option<String>,
}

fn read_json<T: for<'de> Deserialize<'de>>(outcome: Outcome, what: &str, secret: &Secret) -> Result<T, ConnectorError> {
    super::error::read_json(outcome, SERVICE, what, |response| error_for(response, secret))
}

fn error_for(response: &HttpResponse, secret: &Secret) -> ConnectorError {
    let body: Option<TwilioErrorBody> = serde_json::from_str(&response.body).ok();
    let code = body.as_ref().and_then(|b| b.code);
    let message = body.as_ref().and_then(|b| b.message.as_deref());
    status_error(SERVICE, response, code, message, secret)
}

// ---- reading missed calls ----

#[derive(Debug, Clone)]
enum Step {
    CallsPage(String),
    RecordingsPage(String),
    FetchCall(String),
    /// The legs of a call whose `<Dial>` leg missed: was another one answered?
    ChildLegs {
        parent_sid: String,
        url: String,
    },
    /// Voice Intelligence transcripts created since the range began.
    IntelligenceTranscripts(String),
    /// A recording a transcript names that this sync did not list: is it a voicemail, whose?
    FetchRecording {
        recording_sid: String,
        transcript_sid: String,
    },
    Sentences {
        target: TextFor,
        url: String,
    },
    Transcriptions {
        recording_sid: String,
        url: String,
    },
}

/// Whose text a transcript is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum TextFor {
    /// A voicemail of this sync, by recording sid.
    Voicemail(String),
    /// A voicemail of a call an earlier sync brought, by call sid.
    EarlierCall(String),
}

/// The text of a voicemail whose call an earlier sync brought: put it on that call.
#[derive(Debug, Clone, PartialEq)]
pub struct LateTranscript {
    pub call_id: String,
    pub transcript: String,
    pub confidence: Option<f64>,
}

/// A record Twilio sent that could not become a call, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub sid: String,
    pub reason: String,
}

#[derive(Debug, Clone, Default)]
pub struct TwilioSync {
    /// Missed inbound calls and voicemails, oldest first.
    pub calls: Vec<Call>,
    /// Voicemail text for calls not in `calls`, transcribed after they were synced.
    pub late_transcripts: Vec<LateTranscript>,
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, Clone)]
struct VoicemailFound {
    call_sid: String,
    duration_seconds: Option<f64>,
    recording_url: Option<String>,
    transcript: Option<String>,
    confidence: Option<f64>,
}

/// See the module docs; drive it with [`Exchange`].
#[derive(Debug)]
pub struct MissedCallSync {
    account: TwilioAccount,
    from: Timestamp,
    until: Timestamp,
    queue: VecDeque<Step>,
    calls: BTreeMap<String, Call>,
    /// Voicemail recordings by recording sid.
    voicemails: BTreeMap<String, VoicemailFound>,
    /// Parent call sid → the status of its first missed `<Dial>` leg in the range.
    missed_legs: BTreeMap<String, CallStatus>,
    /// Parents one of whose legs was answered.
    answered_parents: BTreeSet<String>,
    /// Calls fetched one by one (voicemails' and missed legs' parents), judged in `finish`.
    fetched: Vec<TwilioCall>,
    /// Sentences read so far, for the transcript being paged.
    sentences: Vec<IntelligenceSentence>,
    /// Completed Voice Intelligence transcripts, while their list is paged.
    transcripts: Vec<IntelligenceTranscript>,
    late_transcripts: Vec<LateTranscript>,
    looked_up: BTreeSet<String>,
    skipped: Vec<Skipped>,
    cursors: Cursors,
}

impl MissedCallSync {
    fn in_range(&self, at: Timestamp) -> bool {
        self.from <= at && at < self.until
    }

    /// The call as the contract wants it, or why not. `None` means "not a missed inbound call".
    /// `missed_leg` is the status of a missed `<Dial>` leg of this call that none answered.
    fn to_call(
        &self,
        raw: &TwilioCall,
        has_voicemail: bool,
        missed_leg: Option<CallStatus>,
    ) -> Result<Option<Call>, String> {
        if !raw.direction.as_deref().is_some_and(|d| INBOUND_DIRECTIONS.contains(&d)) {
            return Ok(None);
        }
        let status = if has_voicemail {
            CallStatus::Voicemail
        } else {
            match missed_status(raw.status.as_deref()).or(missed_leg) {
                Some(status) => status,
                None => return Ok(None),
            }
        };
        // A call that never rang has no start_time; when it was created is then the best time.
        let time_text = raw.start_time.as_deref().filter(|t| !t.is_empty()).or(raw.date_created.as_deref());
        let started = time_text
            .and_then(parse_twilio_time)
            .ok_or_else(|| format!("start_time {:?} is not an RFC 2822 time", time_text.unwrap_or_default()))?;
        // A parent fetched for its voicemail or its missed leg was found through a record of the
        // range; a call that rang just before midnight keeps its own start time.
        if !self.in_range(started) && !has_voicemail && missed_leg.is_none() {
            return Ok(None);
        }
        let to = raw.to.clone().filter(|t| !t.is_empty()).ok_or_else(|| "the call has no `to` number".to_owned())?;
        Ok(Some(Call {
            id: raw.sid.clone(),
            from: raw.from.clone().filter(|f| !f.trim().is_empty()),
            caller_name: raw.caller_name.clone().filter(|n| !n.trim().is_empty()),
            to,
            started_at: Instant(started),
            status,
            direction: Direction::Inbound,
            ring_seconds: None,
            voicemail: None,
        }))
    }

    fn keep_call(&mut self, raw: &TwilioCall, has_voicemail: bool, missed_leg: Option<CallStatus>) {
        match self.to_call(raw, has_voicemail, missed_leg) {
            Ok(Some(call)) => {
                self.calls.insert(call.id.clone(), call);
            }
            Ok(None) => {}
            Err(reason) => self.skipped.push(Skipped { sid: raw.sid.clone(), reason }),
        }
    }

    /// A record from a Calls page: a missed inbound call, or a missed `<Dial>` leg whose parent
    /// is the missed call.
    fn read_listed_call(&mut self, raw: &TwilioCall) {
        if raw.direction.as_deref() != Some(DIAL_LEG_DIRECTION) {
            self.keep_call(raw, false, None);
            return;
        }
        let (Some(status), Some(parent)) =
            (missed_status(raw.status.as_deref()), raw.parent_call_sid.clone().filter(|p| !p.is_empty()))
        else {
            return;
        };
        let time_text = raw.start_time.as_deref().filter(|t| !t.is_empty()).or(raw.date_created.as_deref());
        if time_text.and_then(parse_twilio_time).is_some_and(|at| self.in_range(at)) {
            self.missed_legs.entry(parent).or_insert(status);
        }
    }

    /// Queues a list's next page. A page address handed out twice (by any list of this sync) is
    /// Twilio's error, not a reason to loop.
    fn next_page(
        &mut self,
        next_page_uri: Option<String>,
        make: impl FnOnce(String) -> Step,
    ) -> Result<(), ConnectorError> {
        let next = next_page_uri.filter(|n| !n.is_empty());
        if let Some(next) = self.cursors.next(SERVICE, "list", next)? {
            // Finish one listing before the next one starts, so progress reads naturally.
            self.queue.push_front(make(join_url(&self.account.base_url, &next)));
        }
        Ok(())
    }

    /// After the last recordings page: the other legs of each missed leg's parent, the calls the
    /// voicemails and missed legs belong to, then transcripts.
    fn queue_follow_ups(&mut self) {
        for parent_sid in self.missed_legs.keys() {
            if !self.calls.contains_key(parent_sid) {
                let url = self
                    .account
                    .url("Calls.json", &[("ParentCallSid", parent_sid.clone()), ("PageSize", PAGE_SIZE.to_owned())]);
                self.queue.push_back(Step::ChildLegs { parent_sid: parent_sid.clone(), url });
            }
        }
        let wanted: BTreeSet<String> =
            self.voicemails.values().map(|v| v.call_sid.clone()).chain(self.missed_legs.keys().cloned()).collect();
        for sid in wanted {
            if !self.calls.contains_key(&sid) && self.looked_up.insert(sid.clone()) {
                self.queue.push_back(Step::FetchCall(sid));
            }
        }
        if self.account.intelligence_base_url.is_none() {
            self.queue_texts();
            return;
        }
        let after = self.from.to_string();
        let url = self
            .account
            .intelligence_url("/v2/Transcripts", &[("AfterDateCreated", after), ("PageSize", PAGE_SIZE.to_owned())]);
        self.queue.push_back(Step::IntelligenceTranscripts(url));
    }

    /// After the last transcripts page: each completed transcript to the voicemail it is the
    /// text of, then the deprecated transcriptions for voicemails that have none.
    fn queue_texts(&mut self) {
        let mut with_text = BTreeSet::new();
        for transcript in std::mem::take(&mut self.transcripts) {
            let source = transcript.source_sid().map(str::to_owned);
            let call_key = transcript.customer_key.clone().filter(|k| k.starts_with("CA"));
            let voicemail = self.voicemails.iter().find(|(recording_sid, found)| {
                source.as_deref() == Some(recording_sid.as_str())
                    || [source.as_deref(), call_key.as_deref()].contains(&Some(found.call_sid.as_str()))
            });
            let path = format!("/v2/Transcripts/{}/Sentences", encode_component(&transcript.sid));
            let sentences_url = self.account.intelligence_url(&path, &[("PageSize", PAGE_SIZE.to_owned())]);
            match (voicemail, source) {
                // One text per voicemail: a second transcript of the same recording adds nothing.
                (Some((recording_sid, _)), _) if with_text.insert(recording_sid.clone()) => {
                    let target = TextFor::Voicemail(recording_sid.clone());
                    self.queue.push_back(Step::Sentences { target, url: sentences_url });
                }
                (Some(_), _) => {}
                (None, Some(recording_sid)) if recording_sid.starts_with("RE") => {
                    self.queue.push_back(Step::FetchRecording { recording_sid, transcript_sid: transcript.sid });
                }
                _ => {}
            }
        }
        for recording_sid in self.voicemails.keys().filter(|sid| !with_text.contains(*sid)) {
            let resource = format!("Recordings/{}/Transcriptions.json", encode_component(recording_sid));
            let url = self.account.url(&resource, &[("PageSize", PAGE_SIZE.to_owned())]);
            self.queue.push_back(Step::Transcriptions { recording_sid: recording_sid.clone(), url });
        }
    }

    /// A transcript's sentences, all pages read: its text, in order.
    fn finish_sentences(&mut self, target: TextFor) {
        let mut sentences = std::mem::take(&mut self.sentences);
        sentences.sort_by_key(|s| s.sentence_index);
        let words: Vec<&str> =
            sentences.iter().filter_map(|s| s.transcript.as_deref()).map(str::trim).filter(|t| !t.is_empty()).collect();
        if words.is_empty() {
            return;
        }
        let text = words.join(" ");
        let confidences: Vec<f64> = sentences
            .iter()
            .filter_map(|s| match s.confidence.as_ref()? {
                serde_json::Value::String(text) => text.trim().parse().ok(),
                value => value.as_f64(),
            })
            .collect();
        // The contract's confidence is one number: the sentences' mean, when Twilio gave each one.
        let confidence = (confidences.len() == sentences.len())
            .then(|| confidences.iter().sum::<f64>() / confidences.len() as f64)
            .filter(|c| c.is_finite());
        match target {
            TextFor::Voicemail(recording_sid) => {
                if let Some(voicemail) = self.voicemails.get_mut(&recording_sid) {
                    voicemail.transcript = Some(text);
                    voicemail.confidence = confidence;
                }
            }
            TextFor::EarlierCall(call_id) => {
                self.late_transcripts.push(LateTranscript { call_id, transcript: text, confidence });
            }
        }
    }
}

impl Exchange for MissedCallSync {
    type Output = TwilioSync;

    fn next_request(&self) -> Option<HttpRequest> {
        let url = match self.queue.front()? {
            Step::CallsPage(url)
            | Step::RecordingsPage(url)
            | Step::ChildLegs { url, .. }
            | Step::IntelligenceTranscripts(url)
            | Step::Sentences { url, .. }
            | Step::Transcriptions { url, .. } => url.clone(),
            Step::FetchCall(sid) => self.account.url(&format!("Calls/{}.json", encode_component(sid)), &[]),
            Step::FetchRecording { recording_sid, .. } => {
                self.account.url(&format!("Recordings/{}.json", encode_component(recording_sid)), &[])
            }
        };
        Some(self.account.get(url))
    }

    fn receive(&mut self, outcome: Outcome) -> Result<(), ConnectorError> {
        let Some(step) = self.queue.front().cloned() else {
            return Ok(());
        };
        let secret = self.account.authorization.clone();
        // Parse fully before changing anything, so a failed step leaves the job as it was.
        match step {
            Step::CallsPage(_) => {
                let page: CallPage = read_json(outcome, "calls page", &secret)?;
                self.queue.pop_front();
                for raw in &page.calls {
                    self.read_listed_call(raw);
                }
                self.next_page(page.next_page_uri, Step::CallsPage)?;
            }
            Step::RecordingsPage(_) => {
                let page: RecordingPage = read_json(outcome, "recordings page", &secret)?;
                self.queue.pop_front();
                for recording in page.recordings {
                    let is_voicemail = recording.source.as_deref() == Some("RecordVerb")
                        && recording.status.as_deref() == Some("completed");
                    if let (true, Some(call_sid)) = (is_voicemail, recording.call_sid) {
                        let found = VoicemailFound {
                            call_sid,
                            duration_seconds: recording.duration.as_deref().and_then(|d| d.trim().parse().ok()),
                            recording_url: recording.media_url,
                            transcript: None,
                            confidence: None,
                        };
                        self.voicemails.insert(recording.sid, found);
                    }
                }
                let before = self.queue.len();
                self.next_page(page.next_page_uri, Step::RecordingsPage)?;
                if self.queue.len() == before {
                    self.queue_follow_ups();
                }
            }
            Step::FetchCall(_) => {
                let raw: TwilioCall = read_json(outcome, "call", &secret)?;
                self.queue.pop_front();
                self.fetched.push(raw);
            }
            Step::ChildLegs { parent_sid, .. } => {
                let page: CallPage = read_json(outcome, "calls page", &secret)?;
                self.queue.pop_front();
                if page.calls.iter().any(|leg| leg.status.as_deref().is_some_and(|s| ANSWERED_STATUSES.contains(&s))) {
                    self.answered_parents.insert(parent_sid);
                } else {
                    self.next_page(page.next_page_uri, |url| Step::ChildLegs { parent_sid, url })?;
                }
            }
            Step::IntelligenceTranscripts(_) => {
                // An account without Voice Intelligence: the deprecated transcriptions only.
                let not_enabled = matches!(&outcome, Ok(response) if matches!(response.status, 403 | 404));
                let page = if not_enabled {
                    TranscriptPage { transcripts: Vec::new(), meta: IntelligenceMeta { next_page_url: None } }
                } else {
                    read_json::<TranscriptPage>(outcome, "Voice Intelligence transcripts page", &secret)?
                };
                self.queue.pop_front();
                let completed = page.transcripts.into_iter().filter(|t| t.status.as_deref() == Some("completed"));
                self.transcripts.extend(completed);
                match page.meta.next_page_url.filter(|n| !n.is_empty()) {
                    Some(next) => {
                        let url = self.account.intelligence_next(&next);
                        self.queue.push_front(Step::IntelligenceTranscripts(url));
                    }
                    None => self.queue_texts(),
                }
            }
            Step::FetchRecording { transcript_sid, .. } => {
                let recording: TwilioRecording = read_json(outcome, "recording", &secret)?;
                self.queue.pop_front();
                let is_voicemail = recording.source.as_deref() == Some("RecordVerb");
                if let (true, Some(call_sid)) = (is_voicemail, recording.call_sid) {
                    let path = format!("/v2/Transcripts/{}/Sentences", encode_component(&transcript_sid));
                    let url = self.account.intelligence_url(&path, &[("PageSize", PAGE_SIZE.to_owned())]);
                    self.queue.push_front(Step::Sentences { target: TextFor::EarlierCall(call_sid), url });
                }
            }
            Step::Sentences { target, .. } => {
                let page: SentencePage = read_json(outcome, "Voice Intelligence sentences page", &secret)?;
                self.queue.pop_front();
                self.sentences.extend(page.sentences);
                match page.meta.next_page_url.filter(|n| !n.is_empty()) {
                    Some(next) => {
                        let url = self.account.intelligence_next(&next);
                        self.queue.push_front(Step::Sentences { target, url });
                    }
                    None => self.finish_sentences(target),
                }
            }
            Step::Transcriptions { recording_sid, .. } => {
                let page: TranscriptionPage = read_json(outcome, "transcriptions page", &secret)?;
                self.queue.pop_front();
                let text = page
                    .transcriptions
                    .into_iter()
                    .find(|t| t.status.as_deref() == Some("completed"))
                    .and_then(|t| t.transcription_text)
                    .filter(|t| !t.trim().is_empty());
                match (text, self.voicemails.get_mut(&recording_sid)) {
                    (Some(text), Some(voicemail)) => voicemail.transcript = Some(text),
                    _ => self.next_page(page.next_page_uri, |url| Step::Transcriptions { recording_sid, url })?,
                }
            }
        }
        Ok(())
    }

    fn finish(mut self) -> TwilioSync {
        let voicemail_calls: BTreeSet<String> = self.voicemails.values().map(|v| v.call_sid.clone()).collect();
        for raw in std::mem::take(&mut self.fetched) {
            let missed_leg =
                self.missed_legs.get(&raw.sid).copied().filter(|_| !self.answered_parents.contains(&raw.sid));
            self.keep_call(&raw, voicemail_calls.contains(&raw.sid), missed_leg);
        }
        for voicemail in self.voicemails.values() {
            let Some(call) = self.calls.get_mut(&voicemail.call_sid) else { continue };
            call.status = CallStatus::Voicemail;
            call.voicemail = Some(Voicemail {
                transcript: voicemail.transcript.clone(),
                confidence: voicemail.confidence,
                duration_seconds: voicemail.duration_seconds,
                recording_url: voicemail.recording_url.clone(),
            });
        }
        let mut calls: Vec<Call> = std::mem::take(&mut self.calls).into_values().collect();
        calls.sort_by(|a, b| a.started_at.cmp(&b.started_at).then_with(|| a.id.cmp(&b.id)));
        // A late transcript of a call this sync brought after all is already on that call.
        let late_transcripts =
            self.late_transcripts.into_iter().filter(|t| !calls.iter().any(|c| c.id == t.call_id)).collect();
        TwilioSync { calls, late_transcripts, skipped: self.skipped }
    }
}

// ---- sending a text ----

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextOutcome {
    Sent {
        message_sid: String,
    },
    /// Twilio 21610: record this number as opted out; never text it again.
    OptedOut {
        to: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum SendState {
    Send,
    /// The last send's answer was lost: look before sending again, through this page (the
    /// first one when `None`).
    Verify(Option<String>),
    Done(TextOutcome),
}

/// One approved text; built only by [`TwilioAccount::send_text`].
#[derive(Debug)]
pub struct SendText {
    account: TwilioAccount,
    from: String,
    to: String,
    body: String,
    not_before: Timestamp,
    state: SendState,
}

impl SendText {
    pub fn body(&self) -> &str {
        &self.body
    }

    /// For a text that may already have gone out (an earlier try whose answer was lost, a tab
    /// closed mid-send, a claim that lapsed): look for it in Twilio before sending.
    pub fn looking_first(self) -> SendText {
        SendText { state: SendState::Verify(None), ..self }
    }

    /// Whether a listed message is this text, sent (or still on its way) by an earlier try.
    fn is_this_text(&self, message: &TwilioMessage) -> bool {
        let created_since_first_try = message
            .date_created
            .as_deref()
            .and_then(parse_twilio_time)
            .is_some_and(|created| created >= self.not_before);
        let same_sender = match &self.account.messaging_service_sid {
            Some(service) => message.messaging_service_sid.as_deref() == Some(service.as_str()),
            None => true,
        };
        let not_failed = !matches!(message.status.as_deref(), Some("failed" | "undelivered" | "canceled"));
        message.body.as_deref() == Some(self.body.as_str()) && created_since_first_try && same_sender && not_failed
    }
}

impl Exchange for SendText {
    type Output = Option<TextOutcome>;

    fn next_request(&self) -> Option<HttpRequest> {
        match &self.state {
            SendState::Send => {
                let url = self.account.url("Messages.json", &[]);
                let sender = match &self.account.messaging_service_sid {
                    Some(service) => ("MessagingServiceSid", service.as_str()),
                    None => ("From", self.from.as_str()),
                };
                let fields = [("To", self.to.as_str()), sender, ("Body", self.body.as_str())];
                let mut request = HttpRequest::post_form(url, &self.account.authorization, &fields);
                if self.account.authorization.expose().is_empty() {
                    request.authorization = None;
                }
                Some(request)
            }
            SendState::Verify(Some(next)) => Some(self.account.get(next.clone())),
            SendState::Verify(None) => {
                // A Messaging Service picks the sending number itself, so only `To` narrows it.
                let mut query = vec![("To", self.to.clone())];
                if self.account.messaging_service_sid.is_none() {
                    query.push(("From", self.from.clone()));
                }
                query.push(("PageSize", PAGE_SIZE.to_owned()));
                Some(self.account.get(self.account.url("Messages.json", &query)))
            }
            SendState::Done(_) => None,
        }
    }

    fn receive(&mut self, outcome: Outcome) -> Result<(), ConnectorError> {
        let secret = self.account.authorization.clone();
        match self.state {
            SendState::Send => {
                let ambiguous = match &outcome {
                    Err(_) => true,
                    Ok(response) => response.status >= 500,
                };
                if let Ok(response) = &outcome {
                    if !response.is_success() {
                        let error = error_for(response, &secret);
                        if let ConnectorError::Rejected { code: Some(21610), .. } = error {
                            self.state = SendState::Done(TextOutcome::OptedOut { to: self.to.clone() });
                            return Ok(());
                        }
                        if ambiguous {
                            self.state = SendState::Verify(None);
                        }
                        return Err(error);
                    }
                }
                match read_json::<TwilioMessage>(outcome, "message", &secret) {
                    Ok(message) => {
                        self.state = SendState::Done(TextOutcome::Sent { message_sid: message.sid });
                        Ok(())
                    }
                    Err(error) => {
                        // Lost or garbled answer to a send: Twilio may have queued it.
                        self.state = SendState::Verify(None);
                        Err(error)
                    }
                }
            }
            SendState::Verify(_) => {
                let page: MessagePage = read_json(outcome, "messages page", &secret)?;
                self.state = match page.messages.iter().find(|m| self.is_this_text(m)) {
                    Some(message) => SendState::Done(TextOutcome::Sent { message_sid: message.sid.clone() }),
                    None => match page.next_page_uri.filter(|n| !n.is_empty()) {
                        Some(next) => SendState::Verify(Some(join_url(&self.account.base_url, &next))),
                        None => SendState::Send,
                    },
                };
                Ok(())
            }
            SendState::Done(_) => Ok(()),
        }
    }

    fn finish(self) -> Option<TextOutcome> {
        match self.state {
            SendState::Done(outcome) => Some(outcome),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_secret_echoed_alone_in_an_error_never_reaches_the_message() {
        let account = TwilioAccount::new(API_ROOT, "AC1", "SK1", &Secret::new("key-secret-9876"));
        let body = r#"{"code": 20003, "message": "Authenticate: key-secret-9876 is not valid"}"#;
        let response = HttpResponse { status: 400, headers: Vec::new(), body: body.into() };
        let error = error_for(&response, &account.authorization).to_string();
        assert!(!error.contains("key-secret-9876"), "{error}");
    }

    #[test]
    fn voice_intelligence_is_read_from_twilios_host_or_the_address_a_proxy_names() {
        let direct = TwilioAccount::new(API_ROOT, "AC1", "AC1", &Secret::new("token"));
        assert_eq!(direct.intelligence_base(), Some(INTELLIGENCE_ROOT));
        let proxied = TwilioAccount::via_authorizing_proxy("https://proxy.example.com/twilio", "AC1");
        assert_eq!(proxied.intelligence_base(), None, "no guess at a proxy's path");
        let named = proxied.with_intelligence_base("https://proxy.example.com/twilio-intelligence");
        assert_eq!(named.intelligence_base(), Some("https://proxy.example.com/twilio-intelligence"));
    }

    #[test]
    fn twilio_rfc_2822_times_parse_to_instants() {
        let at = parse_twilio_time("Tue, 10 Mar 2026 15:00:00 +0000").unwrap();
        assert_eq!(at.to_string(), "2026-03-10T15:00:00Z");
        assert_eq!(parse_twilio_time("2026-03-10 15:00"), None);
    }
}
