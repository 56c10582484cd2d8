//! CSV exports in: call logs (Twilio, CallRail, RingCentral, Aircall, or any CSV) and CRM
//! records (HubSpot's export, or any CSV), turned into the bundle's calls and CRM.
//!
//! Columns are found through a [`ColumnMapping`] detected from the header names each system
//! writes (and common synonyms); a person can edit it and import again. Every bad row is
//! reported with its row number (as a spreadsheet numbers it: the header is row 1), column and
//! reason, and the good rows still import. A file that cannot be used at all (unreadable, or a
//! required column missing) is an [`ImportError`] and yields nothing, so no half import exists.
//!
//! Bytes are decoded here, because exports arrive as UTF-8 with or without a BOM, UTF-16 from
//! Excel's "Unicode text", or Windows-1252 from older tools.

pub mod calls;
pub mod crm;
pub mod export_kind;
pub mod to_bundle;

use std::collections::BTreeMap;
use std::fmt;

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use calls::{import_calls, CallField, ExportFormat};
pub use crm::{import_contacts, import_deals, import_tickets, ContactField, DealField, TicketField};
pub use export_kind::{guess_export_kind, ExportKind};

/// One row that could not be imported; the rest of the file still was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowIssue {
    /// Spreadsheet row number: the header is row 1, the first record row 2.
    pub row: usize,
    /// The header of the column at fault, or `*` for the whole row.
    pub column: String,
    pub reason: String,
}

impl fmt::Display for RowIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}, column {:?}: {}", self.row, self.column, self.reason)
    }
}

/// A file that cannot be imported at all; nothing from it is used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    #[error("the file is empty or has no header row")]
    NoHeader,
    #[error("no column for {field} (looked for a header like {expected}); headers are: {found}")]
    MissingColumn { field: String, expected: String, found: String },
    #[error("the mapping names column {header:?} for {field}, but the file has no such column")]
    UnknownColumn { field: String, header: String },
    #[error("row {row}: {reason}")]
    Unreadable { row: usize, reason: String },
    #[error("no call could be read from the file's {rows} rows (first problem: {first_problem})")]
    NoCalls { rows: usize, first_problem: String },
}

/// What an import produced: the records, the rows left out, and the mapping used (to show and edit).
#[derive(Debug, Clone, Serialize)]
pub struct Imported<T, F: Ord> {
    pub records: Vec<T>,
    pub issues: Vec<RowIssue>,
    pub mapping: ColumnMapping<F>,
}

/// Which header feeds each field. Detected from header names, editable, serializable so the
/// app can keep a business's mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(serialize = "F: Serialize + Ord", deserialize = "F: Deserialize<'de> + Ord"))]
pub struct ColumnMapping<F: Ord> {
    pub columns: BTreeMap<F, String>,
}

/// A field a CSV column can feed: its header synonyms, and whether an import needs it.
impl<F: Ord> Default for ColumnMapping<F> {
    fn default() -> Self {
        ColumnMapping { columns: BTreeMap::new() }
    }
}

pub trait Field: Copy + Ord + fmt::Debug + 'static {
    const ALL: &'static [Self];
    /// Header names that mean this field, compared after [`header_key`].
    fn aliases(self) -> &'static [&'static str];
    fn required(self) -> bool;
    fn label(self) -> &'static str;
}

impl<F: Field> ColumnMapping<F> {
    /// For each field, the header named by its most specific alias (aliases are listed best
    /// first, so Twilio's `StartTime` wins over its `DateCreated`).
    pub fn detect(headers: &[String]) -> ColumnMapping<F> {
        let mut columns = BTreeMap::new();
        for &field in F::ALL {
            let found =
                field.aliases().iter().find_map(|alias| headers.iter().find(|h| header_key(h) == header_key(alias)));
            if let Some(header) = found {
                columns.insert(field, header.clone());
            }
        }
        ColumnMapping { columns }
    }

    pub fn set(&mut self, field: F, header: impl Into<String>) {
        self.columns.insert(field, header.into());
    }

    /// Column indexes for each mapped field; fatal when a required field has no column or a
    /// mapped header is not in the file.
    fn resolve(&self, headers: &[String]) -> Result<BTreeMap<F, usize>, ImportError> {
        let mut indexes = BTreeMap::new();
        for (&field, header) in &self.columns {
            let index =
                headers.iter().position(|h| h == header || header_key(h) == header_key(header)).ok_or_else(|| {
                    ImportError::UnknownColumn { field: field.label().to_owned(), header: header.clone() }
                })?;
            indexes.insert(field, index);
        }
        for &field in F::ALL {
            if field.required() && !indexes.contains_key(&field) {
                return Err(ImportError::MissingColumn {
                    field: field.label().to_owned(),
                    expected: field.aliases().iter().take(4).map(|a| format!("{a:?}")).collect::<Vec<_>>().join(", "),
                    found: list_headers(headers),
                });
            }
        }
        Ok(indexes)
    }
}

/// The headers a file has, for an error line: the first few, then how many more. A file whose
/// first line is data (or garbage) can have thousands of "headers", and the error stays one line.
pub fn list_headers(headers: &[String]) -> String {
    const SHOWN: usize = 12;
    let mut listed: Vec<String> = headers.iter().take(SHOWN).map(|h| format!("{:?}", shorten_cell(h))).collect();
    if headers.len() > SHOWN {
        listed.push(format!("and {} more", headers.len() - SHOWN));
    }
    listed.join(", ")
}

fn shorten_cell(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// Header names compared without case, spaces or punctuation: "Start Time" = "start_time".
pub fn header_key(header: &str) -> String {
    header.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Text from an export's bytes: a BOM decides (UTF-8, UTF-16LE/BE); otherwise UTF-8 if it is
/// valid, else Windows-1252 (what Excel and older tools save on Windows). These are the only
/// encodings call-log and CRM exports come in; std decodes UTF-16, and Windows-1252 is one table
/// of 32 characters, so the app does not carry `encoding_rs`'s tables for every other encoding
/// (~150 KB of the browser bundle).
pub fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|&byte| windows_1252(byte)).collect(),
    }
}

/// UTF-16 with unpaired surrogates (and an odd last byte) as U+FFFD, like a browser.
fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks(2).map(|pair| match pair {
        [a, b] => unit([*a, *b]),
        _ => 0xFFFD,
    });
    char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
}

/// Windows-1252 as the WHATWG Encoding Standard maps it: Latin-1, except 0x80-0x9F.
fn windows_1252(byte: u8) -> char {
    const HIGH_CONTROLS: [char; 32] = [
        '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', '\u{02C6}',
        '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}', '\u{0090}', '\u{2018}',
        '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', '\u{02DC}', '\u{2122}', '\u{0161}',
        '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
    ];
    match byte {
        0x80..=0x9F => HIGH_CONTROLS[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// A parsed table: headers and rows (each with its spreadsheet row number).
pub(crate) struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
    pub unreadable: Vec<RowIssue>,
}

/// The header row of an export (after any title lines), for a mapping editor.
pub fn read_headers(bytes: &[u8]) -> Result<Vec<String>, ImportError> {
    read_table(bytes).map(|table| table.headers)
}

pub(crate) fn read_table(bytes: &[u8]) -> Result<Table, ImportError> {
    let text = decode(bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).has_headers(false).from_reader(text.as_bytes());
    let mut records = reader.records();
    let headers: Vec<String> = loop {
        match records.next() {
            None => return Err(ImportError::NoHeader),
            Some(Err(e)) => return Err(ImportError::Unreadable { row: 1, reason: e.to_string() }),
            // Some tools write a title line or blank lines before the header.
            Some(Ok(record)) if record.iter().filter(|f| !f.trim().is_empty()).count() < 2 => continue,
            Some(Ok(record)) => break record.iter().map(|h| h.trim().to_owned()).collect(),
        }
    };
    let mut rows = Vec::new();
    let mut unreadable = Vec::new();
    for (index, record) in records.enumerate() {
        let row = index + 2;
        match record {
            Ok(record) if record.iter().all(|f| f.trim().is_empty()) => {}
            Ok(record) => rows.push((row, record.iter().map(|f| f.trim().to_owned()).collect())),
            Err(e) => unreadable.push(RowIssue { row, column: "*".into(), reason: format!("unreadable row: {e}") }),
        }
    }
    Ok(Table { headers, rows, unreadable })
}

/// One row's view through the mapping.
pub(crate) struct Row<'a, F: Field> {
    pub number: usize,
    cells: &'a [String],
    indexes: &'a BTreeMap<F, usize>,
    headers: &'a [String],
}

impl<'a, F: Field> Row<'a, F> {
    pub fn new(number: usize, cells: &'a [String], indexes: &'a BTreeMap<F, usize>, headers: &'a [String]) -> Self {
        Row { number, cells, indexes, headers }
    }

    /// The trimmed cell for `field`, `None` when unmapped or empty.
    pub fn get(&self, field: F) -> Option<&'a str> {
        let index = *self.indexes.get(&field)?;
        self.cells.get(index).map(String::as_str).filter(|c| !c.is_empty())
    }

    /// Whether the file has a column for `field`, empty or not in this row.
    pub fn has_column(&self, field: F) -> bool {
        self.indexes.contains_key(&field)
    }

    pub fn column(&self, field: F) -> String {
        self.indexes.get(&field).and_then(|&i| self.headers.get(i)).cloned().unwrap_or_else(|| field.label().to_owned())
    }

    pub fn issue(&self, field: F, reason: impl Into<String>) -> RowIssue {
        RowIssue { row: self.number, column: self.column(field), reason: reason.into() }
    }
}

/// An export's time: RFC 3339 or RFC 2822 with an offset are exact, and so is a UNIX epoch in
/// seconds (Aircall's API) or milliseconds (RingCentral's server-side records); a time without
/// an offset is the business's local time (`zone`). Accepts `YYYY-MM-DD[ T]HH:MM[:SS]`, US
/// `MM/DD/YYYY h:MM[:SS] [AM|PM]`, a leading weekday, and a trailing `UTC`/`GMT`/`Z`.
pub fn parse_export_time(text: &str, zone: &TimeZone) -> Option<Timestamp> {
    let text = text.trim();
    if let Some(at) = parse_epoch(text) {
        return Some(at);
    }
    if let Ok(at) = text.parse::<Timestamp>() {
        return Some(at);
    }
    if let Ok(at) = jiff::fmt::rfc2822::DateTimeParser::new().parse_timestamp(text) {
        return Some(at);
    }
    let (text, utc) = match ["UTC", "GMT", "Z"].iter().find_map(|s| text.strip_suffix(s)) {
        Some(rest) => (rest.trim(), true),
        None => (text, false),
    };
    let datetime = parse_local_datetime(text)?;
    let zone = if utc { TimeZone::UTC } else { zone.clone() };
    // A wall time in a DST gap or fold is resolved the way calendars do ("compatible").
    zone.to_ambiguous_zoned_datetime(datetime).compatible().ok().map(|z| z.timestamp())
}

/// Ten digits are epoch seconds (2001-2286), thirteen epoch milliseconds; nothing else is taken
/// for an epoch, so a number like `20260310` is never misread.
fn parse_epoch(text: &str) -> Option<Timestamp> {
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: i64 = text.parse().ok()?;
    match text.len() {
        10 => Timestamp::from_second(value).ok(),
        13 => Timestamp::from_millisecond(value).ok(),
        _ => None,
    }
}

fn parse_local_datetime(text: &str) -> Option<DateTime> {
    let text = strip_weekday(text);
    let (date_part, time_part) = text.split_once(['T', ' ']).map(|(d, t)| (d, t.trim())).unwrap_or((text, ""));
    let date = parse_date(date_part)?;
    let time = if time_part.is_empty() { Time::midnight() } else { parse_time_of_day(time_part)? };
    Some(date.to_datetime(time))
}

/// `Tue 03/10/2026` → `03/10/2026`.
pub(crate) fn strip_weekday(text: &str) -> &str {
    let first = text.split([' ', ',']).next().unwrap_or("");
    if !first.is_empty() && first.chars().all(|c| c.is_ascii_alphabetic()) {
        text[first.len()..].trim_start_matches([',', ' '])
    } else {
        text
    }
}

/// `YYYY-MM-DD`, `YYYY/MM/DD` or US `MM/DD/YYYY` (and `MM/DD/YY`).
pub fn parse_date(text: &str) -> Option<Date> {
    let parts: Vec<&str> = text.trim().split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else { return None };
    let number = |s: &str| s.parse::<i16>().ok();
    let (year, month, day) = if a.len() == 4 {
        (number(a)?, number(b)?, number(c)?)
    } else {
        let year = number(c)?;
        let year = if c.len() == 2 { 2000 + year } else { year };
        (year, number(a)?, number(b)?)
    };
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// `15:04`, `15:04:05`, `3:04 PM`, `3:04:05pm`, with optional fractional seconds.
fn parse_time_of_day(text: &str) -> Option<Time> {
    let lower = text.trim().to_ascii_lowercase();
    let (clock, meridiem) = match lower.strip_suffix("am").or_else(|| lower.strip_suffix("a.m.")) {
        Some(rest) => (rest.trim(), Some(false)),
        None => match lower.strip_suffix("pm").or_else(|| lower.strip_suffix("p.m.")) {
            Some(rest) => (rest.trim(), Some(true)),
            None => (lower.as_str(), None),
        },
    };
    let mut parts = clock.split(':');
    let hour: i8 = parts.next()?.trim().parse().ok()?;
    let minute: i8 = parts.next()?.trim().parse().ok()?;
    let second: i8 = match parts.next() {
        Some(s) => s.split('.').next()?.trim().parse().ok()?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    let hour = match meridiem {
        Some(_) if !(1..=12).contains(&hour) => return None,
        Some(false) => hour % 12,
        Some(true) => hour % 12 + 12,
        None => hour,
    };
    Time::new(hour, minute, second, 0).ok()
}

/// Seconds from `75`, `75.0`, `1:15` or `0:01:15`.
pub fn parse_duration_seconds(text: &str) -> Option<f64> {
    let text = text.trim();
    if let Ok(seconds) = text.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0).then_some(seconds);
    }
    let mut total = 0.0;
    for part in text.split(':') {
        let value: u32 = part.trim().parse().ok()?;
        total = total * 60.0 + f64::from(value);
    }
    Some(total)
}

/// A phone cell as the export wrote it, or why it cannot be one. Spreadsheets turn long
/// numbers into `1.30355E+10`, which has lost digits: that is reported, never guessed back.
pub fn check_phone_cell(text: &str) -> Result<&str, String> {
    let lower = text.to_ascii_lowercase();
    if lower.contains("e+") && lower.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return Err(format!("{text:?} was turned into scientific notation by a spreadsheet; digits are lost"));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_about_a_file_with_a_hundred_thousand_headers_stays_one_short_line() {
        let headers: Vec<String> = (0..100_000).map(|i| format!("column {i}")).collect();
        let listed = list_headers(&headers);
        assert!(listed.len() < 400 && listed.ends_with("and 99988 more"), "{listed}");
    }

    fn denver() -> TimeZone {
        jiff::tz::db().get("America/Denver").unwrap()
    }

    #[test]
    fn epoch_seconds_and_milliseconds_are_exact_times() {
        assert_eq!(parse_export_time("1773154800", &denver()).unwrap().to_string(), "2026-03-10T15:00:00Z");
        assert_eq!(parse_export_time("1773154800250", &denver()).unwrap().to_string(), "2026-03-10T15:00:00.25Z");
        assert_eq!(parse_export_time("20260310", &denver()), None, "a bare date is not an epoch");
    }

    #[test]
    fn local_export_times_are_read_in_the_business_zone() {
        let at = parse_export_time("03/10/2026 9:02 AM", &denver()).unwrap();
        assert_eq!(at.to_string(), "2026-03-10T15:02:00Z");
        assert_eq!(parse_export_time("Tue 03/10/2026 9:02:00 AM", &denver()), Some(at));
        assert_eq!(parse_export_time("2026-03-10 09:02", &denver()), Some(at));
        assert_eq!(parse_export_time("2026-03-10 15:02:00 UTC", &denver()), Some(at));
        assert_eq!(parse_export_time("Tue, 10 Mar 2026 15:02:00 +0000", &denver()), Some(at));
        assert_eq!(parse_export_time("2026-03-10T08:02:00-07:00", &denver()), Some(at));
    }

    #[test]
    fn nonsense_times_are_refused() {
        for text in ["", "yesterday", "13/45/2026 10:00", "2026-03-10 25:00", "03/10/2026 13:00 PM"] {
            assert_eq!(parse_export_time(text, &denver()), None, "{text}");
        }
    }

    #[test]
    fn a_bom_or_utf16_or_windows_1252_export_decodes() {
        assert_eq!(decode(b"\xEF\xBB\xBFName"), "Name");
        assert_eq!(decode(b"\xFF\xFEN\x00a\x00"), "Na");
        assert_eq!(decode(b"Jos\xE9"), "José");
    }

    #[test]
    fn big_endian_utf16_and_windows_1252_quotes_decode() {
        assert_eq!(decode(b"\xFE\xFF\x00N\x00a"), "Na");
        assert_eq!(decode(b"\x93ok\x94 \x80 5"), "\u{201C}ok\u{201D} \u{20AC} 5");
    }

    #[test]
    fn a_broken_utf16_export_decodes_with_replacement_characters() {
        assert_eq!(decode(b"\xFF\xFE\x00\xD8N\x00a"), "\u{FFFD}N\u{FFFD}");
    }

    #[test]
    fn durations_read_as_seconds() {
        assert_eq!(parse_duration_seconds("75"), Some(75.0));
        assert_eq!(parse_duration_seconds("1:15"), Some(75.0));
        assert_eq!(parse_duration_seconds("0:01:15"), Some(75.0));
        assert_eq!(parse_duration_seconds("-3"), None);
    }
}
