//! Call-log exports into the contract's calls.
//!
//! Two kinds of file per system: what its web app exports (Twilio's console call log CSV,
//! CallRail's call export, RingCentral's call log, Aircall's call history) and its API records
//! flattened to CSV with dotted names (`from.phoneNumber`, `number.digits`, `raw_digits`,
//! `customer_phone_number`). The header names below are theirs plus common synonyms, so a
//! generic CSV often maps itself.
//!
//! The outcome of a call is read from the fields each system uses for it, in one place
//! ([`outcome_of`]): a status or result word from the table of every documented value
//! ([`vendor_word`]), refined by Aircall's `answered_at` / `missed_call_reason`, RingCentral's
//! `reason`, CallRail's `answered`, and a voicemail cell. A word the table does not know is read
//! by keyword ([`status_from_word`]); a word that still means nothing is a row issue, never a
//! guess, and a documented value that is not a call (a fax, a call still ringing) is left out
//! with its reason.
//!
//! Twilio's `<Dial>` forwarding writes two rows per call: the caller's inbound call, which
//! Twilio answered to run the forwarding (`completed`), and the ring to the forwarded-to phone,
//! a child leg naming it in `ParentCallSid`. A missed leg whose legs none answered makes its
//! parent the missed call; the legs themselves are not calls.

use std::collections::{BTreeMap, BTreeSet};

use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use super::{
    check_phone_cell, list_headers, parse_date, parse_duration_seconds, parse_export_time, read_table, strip_weekday,
    ColumnMapping, Field, ImportError, Imported, Row, RowIssue,
};
use crate::engine::bundle::{Call, CallStatus, Direction, Instant, Voicemail};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallField {
    Id,
    /// Twilio's `ParentCallSid`: the inbound call a `<Dial>` leg belongs to.
    ParentCallId,
    From,
    CallerName,
    To,
    StartedAt,
    /// When the record was made: the time of a call that never started ringing (Twilio).
    CreatedAt,
    /// A date column, for exports that split date and time (RingCentral).
    Date,
    Time,
    Status,
    /// Aircall's `answered_at`: empty on a call nobody answered.
    AnsweredAt,
    /// CallRail's `answered`: true or false.
    Answered,
    /// Aircall's `missed_call_reason`.
    MissedReason,
    /// RingCentral's `reason` for its `result`.
    Reason,
    Direction,
    Duration,
    Transcript,
    /// The voicemail itself (a URL, or CallRail's true/false); preferred over a recording.
    Voicemail,
    RecordingUrl,
}

impl Field for CallField {
    const ALL: &'static [CallField] = &[
        CallField::Id,
        CallField::ParentCallId,
        CallField::From,
        CallField::CallerName,
        CallField::To,
        CallField::StartedAt,
        CallField::CreatedAt,
        CallField::Date,
        CallField::Time,
        CallField::Status,
        CallField::AnsweredAt,
        CallField::Answered,
        CallField::MissedReason,
        CallField::Reason,
        CallField::Direction,
        CallField::Duration,
        CallField::Transcript,
        CallField::Voicemail,
        CallField::RecordingUrl,
    ];

    fn aliases(self) -> &'static [&'static str] {
        match self {
            CallField::Id => &["Call Sid", "Sid", "Call ID", "Call ID (UUID)", "Session Id", "call_id", "id"],
            CallField::ParentCallId => &["ParentCallSid", "Parent Call Sid", "parent_call_sid"],
            CallField::From => &[
                "From",
                "Customer Phone Number",
                "Caller Number",
                "External number",
                "Caller ID",
                "Caller",
                "caller_number",
                "from_number",
                "from.phoneNumber",
                "raw_digits",
                "customer_phone_number",
            ],
            CallField::CallerName => &[
                "Caller Name",
                "Customer Name",
                "Name",
                "Contact name",
                "caller_name",
                "From Name",
                "from.name",
                "customer_name",
            ],
            CallField::To => &[
                "To",
                "Tracking Number",
                "Line number",
                "Number dialed",
                "Dialed Number",
                "Called Number",
                "tracking_phone_number",
                "to_number",
                "to.phoneNumber",
                "number.digits",
            ],
            CallField::StartedAt => &[
                "Start Time",
                "StartTime",
                "Started at",
                "Date Created",
                "Date/Time",
                "Date & Time",
                "Datetime",
                "Call Start Time",
                "started_at",
                "start_time",
                "startTime",
            ],
            CallField::CreatedAt => &["DateCreated", "Date Created", "date_created", "created_at"],
            CallField::Date => &["Date", "Call Date"],
            CallField::Time => &["Time", "Call Time"],
            CallField::Status => &[
                "Status",
                "Call Status",
                "Action Result",
                "Call type",
                "Result",
                "Outcome",
                "call_status",
                "call_type",
            ],
            CallField::AnsweredAt => &["answered_at", "Answered at"],
            CallField::Answered => &["answered", "Answered"],
            CallField::MissedReason => &["Missed call reason", "missed_call_reason"],
            CallField::Reason => &["reason", "Result Reason"],
            CallField::Direction => &["Direction", "Call direction", "call_direction"],
            CallField::Duration => {
                &["Duration", "Duration (seconds)", "Call duration", "Duration (in call)", "duration_seconds"]
            }
            CallField::Transcript => &[
                "Voicemail Transcription",
                "Voicemail transcript",
                "Transcription",
                "Transcript",
                "voicemail_transcription",
                "transcription",
            ],
            CallField::Voicemail => &["Voicemail", "Voicemail URL", "voicemail", "voicemail_url"],
            CallField::RecordingUrl => {
                &["Recording", "Recording URL", "recording_url", "recording", "recording.contentUri"]
            }
        }
    }

    fn required(self) -> bool {
        matches!(self, CallField::To)
    }

    fn label(self) -> &'static str {
        match self {
            CallField::Id => "call id",
            CallField::ParentCallId => "parent call id",
            CallField::From => "caller number",
            CallField::CallerName => "caller name",
            CallField::To => "dialed (tracking) number",
            CallField::StartedAt => "start time",
            CallField::CreatedAt => "record creation time",
            CallField::Date => "date",
            CallField::Time => "time",
            CallField::Status => "status",
            CallField::AnsweredAt => "answered at",
            CallField::Answered => "answered",
            CallField::MissedReason => "missed call reason",
            CallField::Reason => "result reason",
            CallField::Direction => "direction",
            CallField::Duration => "duration",
            CallField::Transcript => "voicemail transcript",
            CallField::Voicemail => "voicemail",
            CallField::RecordingUrl => "recording URL",
        }
    }
}

/// Fields any one of which tells whether a call was answered; a calls file needs one.
const OUTCOME_FIELDS: [CallField; 4] =
    [CallField::Status, CallField::AnsweredAt, CallField::Answered, CallField::MissedReason];

/// Which system wrote the export, recognised by headers only that system writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Twilio,
    CallRail,
    RingCentral,
    Aircall,
    Generic,
}

impl ExportFormat {
    pub fn detect(headers: &[String]) -> ExportFormat {
        let has = |name: &str| headers.iter().any(|h| super::header_key(h) == super::header_key(name));
        if has("Call Sid") || (has("Sid") && has("Direction")) || has("ParentCallSid") {
            ExportFormat::Twilio
        } else if (has("Tracking Number") && has("Customer Phone Number"))
            || (has("tracking_phone_number") && has("customer_phone_number"))
        {
            ExportFormat::CallRail
        } else if has("Action Result") || has("from.phoneNumber") || has("to.phoneNumber") {
            ExportFormat::RingCentral
        } else if has("Call type") || has("Missed call reason") || has("raw_digits") || has("number.digits") {
            ExportFormat::Aircall
        } else {
            ExportFormat::Generic
        }
    }

    fn id_prefix(self) -> &'static str {
        match self {
            ExportFormat::Twilio => "twilio",
            ExportFormat::CallRail => "callrail",
            ExportFormat::RingCentral => "ringcentral",
            ExportFormat::Aircall => "aircall",
            ExportFormat::Generic => "csv",
        }
    }
}

/// What a documented status or result word says about a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VendorWord {
    /// The call's outcome.
    Outcome(CallStatus),
    /// Not a call to triage (a fax, a call still ringing), with the reason shown to the person.
    NotACall(&'static str),
    /// A lifecycle or classification word that says nothing about answering (Aircall's `done`,
    /// CallRail's `first_call`): the outcome comes from the system's other fields.
    NoOutcome,
}

/// Every status and result value the four systems document, compared without case, `_`, `-`
/// or spaces. `None` for a word not in their documentation.
pub fn vendor_word(word: &str) -> Option<VendorWord> {
    use CallStatus::*;
    use VendorWord::{NoOutcome, NotACall, Outcome};
    const IN_PROGRESS: &str = "the call was still in progress when exported";
    const FAX: &str = "a fax, not a call";
    let key: String = word.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    let meaning = match key.as_str() {
        // Twilio's Call `status` (and its console export).
        "queued" | "ringing" | "inprogress" | "initiated" => NotACall(IN_PROGRESS),
        "completed" => Outcome(Completed),
        "noanswer" => Outcome(NoAnswer),
        "busy" => Outcome(Busy),
        "failed" => Outcome(Failed),
        "canceled" | "cancelled" => Outcome(Canceled),
        // Aircall's lifecycle `status`; the outcome is in answered_at / missed_call_reason / voicemail.
        "initial" => NotACall(IN_PROGRESS),
        "done" => NoOutcome,
        // Aircall's `missed_call_reason` values, when a file carries them as its status.
        "outofopeninghours" | "noavailableagent" | "agentsdidnotanswer" => Outcome(NoAnswer),
        "shortabandoned" | "abandonedinivr" | "abandonedinclassic" => Outcome(Abandoned),
        // CallRail's `call_type` and its export's "Call Status".
        "firstcall" => NoOutcome,
        "answered" | "answeredcall" => Outcome(Completed),
        "missed" | "missedcall" => Outcome(NoAnswer),
        "voicemail" | "voicemailtranscription" => Outcome(Voicemail),
        "abandoned" | "abandonedcall" => Outcome(Abandoned),
        "outbound" | "outboundcall" => Outcome(Completed),
        // RingCentral's call log `result`.
        "accepted" | "callaccepted" | "callconnected" | "connected" | "received" | "reply" => Outcome(Completed),
        "answerednotaccepted" => Outcome(NoAnswer),
        "hangup" | "stopped" => Outcome(Abandoned),
        "rejected" | "declined" => Outcome(NoAnswer),
        "blocked" => NotACall("blocked by the phone system's call blocking, so nobody could answer it"),
        "aicall" => NotACall("answered by RingCentral's AI receptionist"),
        "unknown" => NotACall("the phone system does not know the call's result"),
        "callfailed"
        | "callfailure"
        | "internalerror"
        | "ipphoneoffline"
        | "restricted"
        | "suspendedaccount"
        | "wrongnumber"
        | "noanswerfromcarrier" => Outcome(Failed),
        "faxondemand" | "partialreceive" | "receiveerror" | "faxreceipterror" | "faxsenderror" | "sent" => {
            NotACall(FAX)
        }
        // RingCentral's `reason` for a result.
        "notanswered" => Outcome(NoAnswer),
        "linebusy" => Outcome(Busy),
        _ => return None,
    };
    Some(meaning)
}

/// A status word from any export, onto the contract: the documented value first, then by
/// keyword for the free-text words of generic exports. `None` when the word says nothing.
pub fn status_from_word(word: &str) -> Option<CallStatus> {
    if let Some(known) = vendor_word(word) {
        return match known {
            VendorWord::Outcome(status) => Some(status),
            VendorWord::NotACall(_) | VendorWord::NoOutcome => None,
        };
    }
    let w = word.trim().to_ascii_lowercase().replace(['_', '-'], " ");
    let has = |needle: &str| w.contains(needle);
    let status = if has("voicemail") || has("voice mail") {
        CallStatus::Voicemail
    } else if has("callback") || has("call back") {
        CallStatus::CallbackRequest
    } else if has("missed")
        || has("no answer")
        || has("not answered")
        || has("unanswered")
        || has("out of business hours")
        || has("after hours")
    {
        CallStatus::NoAnswer
    } else if has("busy") {
        CallStatus::Busy
    } else if has("abandon") || has("hang up") || has("hung up") {
        CallStatus::Abandoned
    } else if has("cancel") {
        CallStatus::Canceled
    } else if has("fail") || has("declined") || has("rejected") || has("refused") {
        CallStatus::Failed
    } else if has("answered") || has("accepted") || has("connected") || has("completed") {
        CallStatus::Completed
    } else {
        return None;
    };
    Some(status)
}

/// Twilio writes `outbound-api`, `outbound-dial`, `trunking-originating` (a call into the
/// business's SIP trunk) and `trunking-terminating`; RingCentral `Incoming`/`Outgoing`.
fn direction_from_word(word: &str) -> Option<Direction> {
    let w = word.trim().to_ascii_lowercase();
    if w.starts_with("in") || w == "trunking-originating" {
        Some(Direction::Inbound)
    } else if w.starts_with("out") || w == "trunking-terminating" {
        Some(Direction::Outbound)
    } else {
        None
    }
}

fn flag(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" => Some(true),
        "false" | "no" | "0" => Some(false),
        _ => None,
    }
}

/// The call's outcome from the fields its system uses, or why the row is not a call to triage.
/// The one home of the outcome rule, first that applies:
///
/// 1. a missed-call reason (Aircall) says the call was missed, and how;
/// 2. a status word more specific than "answered" (voicemail, busy, abandoned, …);
/// 3. the answered fields: CallRail's `answered`, Aircall's `answered_at` (empty: not answered);
/// 4. a status word "answered", then RingCentral's `reason`;
/// 5. an outbound call without any of these is not a missed call.
///
/// Then a voicemail cell makes an inbound call that was missed, or that the phone system counts
/// as answered because it answered to record (Twilio), a voicemail; a transcript or recording
/// alone does so only on a missed call, since on an answered call it is the conversation.
fn outcome_of(row: &Row<'_, CallField>, direction: Direction, message: MessageLeft) -> Result<CallStatus, RowIssue> {
    let word = row.get(CallField::Status);
    let from_word = match word.map(vendor_word) {
        Some(Some(VendorWord::NotACall(why))) => return Err(row.issue(CallField::Status, format!("left out: {why}"))),
        Some(Some(VendorWord::Outcome(status))) => Some(status),
        Some(Some(VendorWord::NoOutcome)) | None => None,
        Some(None) => word.and_then(status_from_word),
    };
    let missed_reason = row.get(CallField::MissedReason).map(|reason| match status_from_word(reason) {
        Some(status) if status.is_missed() => status,
        _ => CallStatus::NoAnswer,
    });
    let answered = match row.get(CallField::Answered) {
        Some(text) => match flag(text) {
            Some(true) => Some(CallStatus::Completed),
            Some(false) => Some(CallStatus::NoAnswer),
            None => return Err(row.issue(CallField::Answered, format!("{text:?} is not true or false"))),
        },
        None if row.has_column(CallField::AnsweredAt) => Some(match row.get(CallField::AnsweredAt) {
            Some(_) => CallStatus::Completed,
            None => CallStatus::NoAnswer,
        }),
        None => None,
    };
    let reason = row.get(CallField::Reason).and_then(status_from_word);
    let specific_word = from_word.filter(|s| *s != CallStatus::Completed);
    let status = match missed_reason.or(specific_word).or(answered).or(from_word).or(reason) {
        Some(status) => status,
        None if direction == Direction::Outbound => CallStatus::Completed,
        None => {
            return Err(match word {
                Some(text) => row.issue(CallField::Status, format!("unknown call status {text:?}")),
                None => row.issue(CallField::Status, "no status"),
            })
        }
    };
    let voicemail = direction == Direction::Inbound
        && match message {
            MessageLeft::Voicemail => status.is_missed() || status == CallStatus::Completed,
            MessageLeft::RecordingOrTranscript => status.is_missed(),
            MessageLeft::None => false,
        };
    Ok(if voicemail { CallStatus::Voicemail } else { status })
}

/// What a row holds of a message left by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MessageLeft {
    /// A voicemail cell: the phone system says a message was left.
    Voicemail,
    /// A recording or transcript: a message on a missed call, the conversation on an answered one.
    RecordingOrTranscript,
    None,
}

/// Calls from one export. `mapping` overrides the detected one; local times are in `zone`.
/// A file from which not one call could be read is an error, never an empty success.
pub fn import_calls(
    bytes: &[u8],
    mapping: Option<&ColumnMapping<CallField>>,
    zone: &TimeZone,
) -> Result<(Imported<Call, CallField>, ExportFormat), ImportError> {
    let table = read_table(bytes)?;
    let format = ExportFormat::detect(&table.headers);
    let mapping = mapping.cloned().unwrap_or_else(|| ColumnMapping::detect(&table.headers));
    let indexes = mapping.resolve(&table.headers)?;
    let found = || list_headers(&table.headers);
    if !indexes.contains_key(&CallField::StartedAt) && !indexes.contains_key(&CallField::Date) {
        return Err(ImportError::MissingColumn {
            field: CallField::StartedAt.label().to_owned(),
            expected: "\"Start Time\", \"Date Created\", \"Started at\", or \"Date\" with \"Time\"".to_owned(),
            found: found(),
        });
    }
    if !OUTCOME_FIELDS.iter().any(|f| indexes.contains_key(f)) {
        return Err(ImportError::MissingColumn {
            field: CallField::Status.label().to_owned(),
            expected: "\"Status\", \"Result\", \"answered\" or \"answered_at\"".to_owned(),
            found: found(),
        });
    }
    let mut rows = Vec::new();
    let mut issues = table.unreadable;
    for (number, cells) in &table.rows {
        let row = Row::new(*number, cells, &indexes, &table.headers);
        match call_from_row(&row, format, zone) {
            Ok((call, warnings)) => {
                issues.extend(warnings);
                rows.push(RowCall { row: *number, parent: row.get(CallField::ParentCallId).map(str::to_owned), call });
            }
            Err(issue) => issues.push(issue),
        }
    }
    let records = fold_dial_legs(rows, &mut issues);
    issues.sort_by_key(|i| i.row);
    if records.is_empty() {
        return Err(ImportError::NoCalls {
            rows: table.rows.len(),
            first_problem: issues.first().map(ToString::to_string).unwrap_or_else(|| "the file has no rows".into()),
        });
    }
    Ok((Imported { records, issues, mapping }, format))
}

struct RowCall {
    row: usize,
    parent: Option<String>,
    call: Call,
}

/// Twilio's `<Dial>` legs into their inbound parents: a parent Twilio counts as completed is
/// missed when one of its legs missed and none was answered. Legs are parts of their parent,
/// not calls; a missed leg whose parent is not in the file is reported, never lost.
fn fold_dial_legs(rows: Vec<RowCall>, issues: &mut Vec<RowIssue>) -> Vec<Call> {
    let ids: BTreeSet<&str> = rows.iter().map(|r| r.call.id.as_str()).collect();
    let mut missed_leg: BTreeMap<String, CallStatus> = BTreeMap::new();
    let mut answered: BTreeSet<String> = BTreeSet::new();
    let mut legs = BTreeSet::new();
    for leg in rows.iter().filter(|r| r.call.direction == Direction::Outbound) {
        let Some(parent) = leg.parent.as_deref() else { continue };
        if !ids.contains(parent) {
            if leg.call.status.is_missed() {
                issues.push(RowIssue {
                    row: leg.row,
                    column: "ParentCallSid".into(),
                    reason: format!(
                        "a missed forwarding leg of call {parent}, which is not in this file; export that call's day too"
                    ),
                });
            }
            continue;
        }
        legs.insert(leg.row);
        if leg.call.status == CallStatus::Completed {
            answered.insert(parent.to_owned());
        } else if leg.call.status.is_missed() {
            missed_leg.entry(parent.to_owned()).or_insert(leg.call.status);
        }
    }
    rows.into_iter()
        .filter(|r| !legs.contains(&r.row))
        .map(|mut r| {
            let unanswered = !answered.contains(&r.call.id);
            if let (Some(&status), true, CallStatus::Completed, Direction::Inbound) =
                (missed_leg.get(&r.call.id), unanswered, r.call.status, r.call.direction)
            {
                r.call.status = status;
            }
            r.call
        })
        .collect()
}

/// One row's call and the cells left out of it (a spreadsheet-mangled caller number).
fn call_from_row(
    row: &Row<'_, CallField>,
    format: ExportFormat,
    zone: &TimeZone,
) -> Result<(Call, Vec<RowIssue>), RowIssue> {
    let mut warnings = Vec::new();
    let time_of = |field: CallField| -> Result<Option<jiff::Timestamp>, RowIssue> {
        row.get(field)
            .map(|text| {
                parse_export_time(text, zone).ok_or_else(|| row.issue(field, format!("{text:?} is not a time")))
            })
            .transpose()
    };
    let started = match (time_of(CallField::StartedAt)?, row.get(CallField::Date)) {
        (Some(at), _) => at,
        // Aircall's "Date" holds date and time; RingCentral splits them over "Date" and "Time".
        (None, Some(date)) => match row.get(CallField::Time) {
            None => parse_export_time(date, zone)
                .ok_or_else(|| row.issue(CallField::Date, format!("{date:?} is not a time")))?,
            Some(time) => {
                parse_date(strip_weekday(date))
                    .ok_or_else(|| row.issue(CallField::Date, format!("{date:?} is not a date")))?;
                parse_export_time(&format!("{date} {time}"), zone)
                    .ok_or_else(|| row.issue(CallField::Time, format!("{time:?} is not a time of day")))?
            }
        },
        // A call canceled before it rang has no start time; Twilio's DateCreated is when it came in.
        (None, None) => {
            time_of(CallField::CreatedAt)?.ok_or_else(|| row.issue(CallField::StartedAt, "no start time"))?
        }
    };
    let direction = match row.get(CallField::Direction) {
        None => Direction::Inbound,
        Some(text) => direction_from_word(text)
            .ok_or_else(|| row.issue(CallField::Direction, format!("unknown direction {text:?}")))?,
    };
    let transcript = row.get(CallField::Transcript).map(str::to_owned);
    let voicemail_cell = row.get(CallField::Voicemail).filter(|v| flag(v) != Some(false));
    let voicemail_url = voicemail_cell.filter(|u| u.contains("://")).map(str::to_owned);
    let recording_url = row.get(CallField::RecordingUrl).filter(|u| u.contains("://")).map(str::to_owned);
    let message = if voicemail_cell.is_some() {
        MessageLeft::Voicemail
    } else if transcript.is_some() || recording_url.is_some() {
        MessageLeft::RecordingOrTranscript
    } else {
        MessageLeft::None
    };
    let status = outcome_of(row, direction, message)?;
    let to = row.get(CallField::To).ok_or_else(|| row.issue(CallField::To, "no dialed number"))?;
    let to = check_phone_cell(to).map_err(|reason| row.issue(CallField::To, reason))?.to_owned();
    let from = row.get(CallField::From).map(|text| {
        // Still a missed call: kept as written, the engine reads it as an invalid caller id
        // (not withheld: the caller did not hide it) and sends it to a person.
        if let Err(reason) = check_phone_cell(text) {
            warnings.push(row.issue(CallField::From, format!("{reason}; the call is kept for a person to look up")));
        }
        text.to_owned()
    });
    let duration = match row.get(CallField::Duration) {
        Some(text) => Some(
            parse_duration_seconds(text)
                .ok_or_else(|| row.issue(CallField::Duration, format!("{text:?} is not a duration")))?,
        ),
        None => None,
    };
    // On an answered call a recording is the conversation, not a message: not a voicemail. The
    // voicemail's own audio wins over a recording of the call.
    let voicemail = (status == CallStatus::Voicemail).then_some(Voicemail {
        transcript,
        confidence: None,
        duration_seconds: duration,
        recording_url: voicemail_url.or(recording_url),
    });
    let id = match row.get(CallField::Id) {
        Some(id) => id.to_owned(),
        // Stable across re-imports of the same export, so the engine's duplicate guard works.
        None => {
            format!("{}-{}-{}", format.id_prefix(), started.as_second(), digits(from.as_deref().unwrap_or("withheld")))
        }
    };
    let call = Call {
        id,
        from,
        caller_name: row.get(CallField::CallerName).map(str::to_owned),
        to,
        started_at: Instant(started),
        status,
        direction,
        ring_seconds: None,
        voicemail,
    };
    Ok((call, warnings))
}

fn digits(text: &str) -> String {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        text.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase()
    } else {
        digits
    }
}

/// Headers mapped by field, for a mapping preview.
pub fn describe(mapping: &ColumnMapping<CallField>) -> BTreeMap<&'static str, String> {
    mapping.columns.iter().map(|(f, h)| (f.label(), h.clone())).collect()
}
