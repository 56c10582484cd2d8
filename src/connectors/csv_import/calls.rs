//! Call-log exports into the contract's calls.
//!
//! The header names below are those the systems write in their exports (Twilio's call log
//! CSV, CallRail's call export, RingCentral's call log, Aircall's call history) plus common
//! synonyms, so a generic CSV often maps itself. Status words from all of them map onto the
//! contract's statuses; a word not known is a row issue, never a guess.

use std::collections::BTreeMap;

use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use super::{
    check_phone_cell, parse_date, parse_duration_seconds, parse_export_time, read_table, strip_weekday, ColumnMapping,
    Field, ImportError, Imported, Row, RowIssue,
};
use crate::engine::bundle::{Call, CallStatus, Direction, Instant, Voicemail};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallField {
    Id,
    From,
    CallerName,
    To,
    StartedAt,
    /// A date column, for exports that split date and time (RingCentral).
    Date,
    Time,
    Status,
    Direction,
    Duration,
    Transcript,
    RecordingUrl,
}

impl Field for CallField {
    const ALL: &'static [CallField] = &[
        CallField::Id,
        CallField::From,
        CallField::CallerName,
        CallField::To,
        CallField::StartedAt,
        CallField::Date,
        CallField::Time,
        CallField::Status,
        CallField::Direction,
        CallField::Duration,
        CallField::Transcript,
        CallField::RecordingUrl,
    ];

    fn aliases(self) -> &'static [&'static str] {
        match self {
            CallField::Id => &["Call Sid", "Sid", "Call ID", "Call ID (UUID)", "Session Id", "call_id", "id"],
            CallField::From => &[
                "From",
                "Customer Phone Number",
                "Caller Number",
                "External number",
                "Caller ID",
                "Caller",
                "caller_number",
                "from_number",
            ],
            CallField::CallerName => {
                &["Caller Name", "Customer Name", "Name", "Contact name", "caller_name", "From Name"]
            }
            CallField::To => &[
                "To",
                "Tracking Number",
                "Line number",
                "Number dialed",
                "Dialed Number",
                "Called Number",
                "tracking_phone_number",
                "to_number",
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
            ],
            CallField::Date => &["Date", "Call Date"],
            CallField::Time => &["Time", "Call Time"],
            CallField::Status => {
                &["Status", "Call Status", "Action Result", "Call type", "Result", "Outcome", "call_status"]
            }
            CallField::Direction => &["Direction", "Call direction", "call_direction"],
            CallField::Duration => {
                &["Duration", "Duration (seconds)", "Call duration", "Duration (in call)", "duration_seconds"]
            }
            CallField::Transcript => {
                &["Transcription", "Voicemail Transcription", "Transcript", "Voicemail transcript"]
            }
            CallField::RecordingUrl => &["Recording", "Recording URL", "Voicemail", "Voicemail URL", "recording_url"],
        }
    }

    fn required(self) -> bool {
        matches!(self, CallField::To | CallField::Status)
    }

    fn label(self) -> &'static str {
        match self {
            CallField::Id => "call id",
            CallField::From => "caller number",
            CallField::CallerName => "caller name",
            CallField::To => "dialed (tracking) number",
            CallField::StartedAt => "start time",
            CallField::Date => "date",
            CallField::Time => "time",
            CallField::Status => "status",
            CallField::Direction => "direction",
            CallField::Duration => "duration",
            CallField::Transcript => "voicemail transcript",
            CallField::RecordingUrl => "recording URL",
        }
    }
}

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
        if has("Call Sid") || (has("Sid") && has("Direction")) {
            ExportFormat::Twilio
        } else if has("Tracking Number") && has("Customer Phone Number") {
            ExportFormat::CallRail
        } else if has("Action Result") {
            ExportFormat::RingCentral
        } else if has("Call type") || has("Missed call reason") {
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

/// A status word from any of the exports, onto the contract. `None` when the word is unknown.
pub fn status_from_word(word: &str) -> Option<CallStatus> {
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

fn direction_from_word(word: &str) -> Option<Direction> {
    let w = word.trim().to_ascii_lowercase();
    if w.starts_with("in") {
        Some(Direction::Inbound)
    } else if w.starts_with("out") {
        Some(Direction::Outbound)
    } else {
        None
    }
}

/// Calls from one export. `mapping` overrides the detected one; local times are in `zone`.
pub fn import_calls(
    bytes: &[u8],
    mapping: Option<&ColumnMapping<CallField>>,
    zone: &TimeZone,
) -> Result<(Imported<Call, CallField>, ExportFormat), ImportError> {
    let table = read_table(bytes)?;
    let format = ExportFormat::detect(&table.headers);
    let mapping = mapping.cloned().unwrap_or_else(|| ColumnMapping::detect(&table.headers));
    let indexes = mapping.resolve(&table.headers)?;
    if !indexes.contains_key(&CallField::StartedAt) && !indexes.contains_key(&CallField::Date) {
        return Err(ImportError::MissingColumn {
            field: CallField::StartedAt.label().to_owned(),
            expected: "\"Start Time\", \"Date Created\", \"Started at\", or \"Date\" with \"Time\"".to_owned(),
            found: table.headers.iter().map(|h| format!("{h:?}")).collect::<Vec<_>>().join(", "),
        });
    }
    let mut records = Vec::new();
    let mut issues = table.unreadable;
    for (number, cells) in &table.rows {
        let row = Row::new(*number, cells, &indexes, &table.headers);
        match call_from_row(&row, format, zone) {
            Ok(call) => records.push(call),
            Err(issue) => issues.push(issue),
        }
    }
    issues.sort_by_key(|i| i.row);
    Ok((Imported { records, issues, mapping }, format))
}

fn call_from_row(row: &Row<'_, CallField>, format: ExportFormat, zone: &TimeZone) -> Result<Call, RowIssue> {
    let started = match (row.get(CallField::StartedAt), row.get(CallField::Date)) {
        (Some(text), _) => parse_export_time(text, zone)
            .ok_or_else(|| row.issue(CallField::StartedAt, format!("{text:?} is not a time")))?,
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
        (None, None) => return Err(row.issue(CallField::StartedAt, "no start time")),
    };
    let direction = match row.get(CallField::Direction) {
        None => Direction::Inbound,
        Some(text) => direction_from_word(text)
            .ok_or_else(|| row.issue(CallField::Direction, format!("unknown direction {text:?}")))?,
    };
    let status_text = row.get(CallField::Status).ok_or_else(|| row.issue(CallField::Status, "no status"))?;
    let mut status = match (status_from_word(status_text), direction) {
        (Some(status), _) => status,
        // Aircall's call type of an outbound call is just "Outbound": never a missed call.
        (None, Direction::Outbound) => CallStatus::Completed,
        (None, Direction::Inbound) => {
            return Err(row.issue(CallField::Status, format!("unknown call status {status_text:?}")));
        }
    };
    let to = row.get(CallField::To).ok_or_else(|| row.issue(CallField::To, "no dialed number"))?;
    let to = check_phone_cell(to).map_err(|reason| row.issue(CallField::To, reason))?.to_owned();
    let from = match row.get(CallField::From) {
        Some(text) => Some(check_phone_cell(text).map_err(|reason| row.issue(CallField::From, reason))?.to_owned()),
        None => None,
    };
    let duration = match row.get(CallField::Duration) {
        Some(text) => Some(
            parse_duration_seconds(text)
                .ok_or_else(|| row.issue(CallField::Duration, format!("{text:?} is not a duration")))?,
        ),
        None => None,
    };
    let transcript = row.get(CallField::Transcript).map(str::to_owned);
    let recording_url = row.get(CallField::RecordingUrl).filter(|u| u.contains("://")).map(str::to_owned);
    // A missed call that left a recording or transcript is a voicemail (CallRail, Aircall).
    let left_message = transcript.is_some() || recording_url.is_some();
    if left_message && status.is_missed() {
        status = CallStatus::Voicemail;
    }
    // On an answered call a recording is the conversation, not a message: not a voicemail.
    let voicemail = (status == CallStatus::Voicemail).then_some(Voicemail {
        transcript,
        confidence: None,
        duration_seconds: duration,
        recording_url,
    });
    let id = match row.get(CallField::Id) {
        Some(id) => id.to_owned(),
        // Stable across re-imports of the same export, so the engine's duplicate guard works.
        None => {
            format!("{}-{}-{}", format.id_prefix(), started.as_second(), digits(from.as_deref().unwrap_or("withheld")))
        }
    };
    Ok(Call {
        id,
        from,
        caller_name: row.get(CallField::CallerName).map(str::to_owned),
        to,
        started_at: Instant(started),
        status,
        direction,
        ring_seconds: None,
        voicemail,
    })
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
