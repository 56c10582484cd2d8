//! The input bundle of `contract/TRIAGE.md`, as typed Rust.
//!
//! Parsing is validation: every field that has a rule (RFC 3339 times, "HH:MM" hours that
//! open before they close, known statuses) is checked while deserializing, so a bad bundle
//! fails with the JSON path of the first bad field and a good one can be trusted everywhere
//! downstream. Unknown fields are ignored because CRM exports carry many.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use jiff::civil::{Date, Time};
use jiff::Timestamp;
use serde::{de, Deserialize, Deserializer, Serialize};

/// An instant read from an RFC 3339 string with an explicit offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(pub Timestamp);

impl<'de> Deserialize<'de> for Instant {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        parse_rfc3339(&text).map(Instant).ok_or_else(|| de::Error::custom("not an RFC 3339 time"))
    }
}

/// RFC 3339 with an offset a clock on Earth shows (`rfc3339::parse` reads jiff's ±25:59).
fn parse_rfc3339(text: &str) -> Option<Timestamp> {
    if !has_rfc3339_offset(text) {
        return None;
    }
    super::rfc3339::parse(text)
}

/// `Z`, or `±HH:MM` with hours 00-23 and minutes 00-59: jiff reads offsets up to ±25:59:59,
/// which no clock on Earth shows.
fn has_rfc3339_offset(text: &str) -> bool {
    if text.ends_with(['Z', 'z']) {
        return true;
    }
    // Shorter than an offset ("", "+01:0") has none: it is refused, never indexed past its end.
    let Some(offset) = text.len().checked_sub(6).and_then(|start| text.get(start..)) else { return false };
    let b = offset.as_bytes();
    let two =
        |i: usize| (b[i].is_ascii_digit() && b[i + 1].is_ascii_digit()).then(|| (b[i] - b'0') * 10 + (b[i + 1] - b'0'));
    matches!(b[0], b'+' | b'-') && b[3] == b':' && two(1).is_some_and(|h| h <= 23) && two(4).is_some_and(|m| m <= 59)
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate(pub Date);

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        super::rfc3339::parse_full_date(&text).map(IsoDate).ok_or_else(|| de::Error::custom("not a YYYY-MM-DD date"))
    }
}

/// A local wall-clock time `HH:MM`; `24:00` is the end of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime {
    /// Minutes after local midnight, 0..=1440.
    pub minute_of_day: u16,
}

impl ClockTime {
    pub fn parse(text: &str) -> Option<ClockTime> {
        let b = text.as_bytes();
        if b.len() != 5 || b[2] != b':' || !b.iter().enumerate().all(|(i, c)| i == 2 || c.is_ascii_digit()) {
            return None;
        }
        let hour = u16::from(b[0] - b'0') * 10 + u16::from(b[1] - b'0');
        let minute = u16::from(b[3] - b'0') * 10 + u16::from(b[4] - b'0');
        let valid = (hour < 24 && minute < 60) || (hour == 24 && minute == 0);
        valid.then_some(ClockTime { minute_of_day: hour * 60 + minute })
    }

    /// The civil time, with `24:00` as `None` (the next midnight).
    pub fn civil(self) -> Option<Time> {
        (self.minute_of_day < 1440)
            .then(|| Time::constant((self.minute_of_day / 60) as i8, (self.minute_of_day % 60) as i8, 0, 0))
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.minute_of_day / 60, self.minute_of_day % 60)
    }
}

/// One open interval of a business day; it always opens before it closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenInterval {
    pub opens: ClockTime,
    pub closes: ClockTime,
}

impl<'de> Deserialize<'de> for OpenInterval {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let pair = <Vec<std::borrow::Cow<'de, str>>>::deserialize(d)?;
        let [opens, closes] = pair.as_slice() else {
            return Err(de::Error::custom("an open interval is [\"HH:MM\", \"HH:MM\"]"));
        };
        let opens = ClockTime::parse(opens).ok_or_else(|| de::Error::custom(format!("{opens:?} is not HH:MM")))?;
        let closes = ClockTime::parse(closes).ok_or_else(|| de::Error::custom(format!("{closes:?} is not HH:MM")))?;
        if closes <= opens {
            return Err(de::Error::custom(format!(
                "closes at {closes}, not after it opens at {opens} (split overnight hours over two days)"
            )));
        }
        Ok(OpenInterval { opens, closes })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WeekdayKey {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl WeekdayKey {
    pub fn of(weekday: jiff::civil::Weekday) -> WeekdayKey {
        use jiff::civil::Weekday as W;
        match weekday {
            W::Monday => WeekdayKey::Mon,
            W::Tuesday => WeekdayKey::Tue,
            W::Wednesday => WeekdayKey::Wed,
            W::Thursday => WeekdayKey::Thu,
            W::Friday => WeekdayKey::Fri,
            W::Saturday => WeekdayKey::Sat,
            W::Sunday => WeekdayKey::Sun,
        }
    }
}

/// Open intervals per weekday; a missing day is closed. Intervals of one day must not overlap.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BusinessHours(pub BTreeMap<WeekdayKey, Vec<OpenInterval>>);

impl<'de> Deserialize<'de> for BusinessHours {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(BusinessHoursVisitor)
    }
}

/// Reads the days one by one, so a day listed twice is an error (a map would keep the last one
/// silently) and a bad interval's path still names its day (`mon[0]`): keys are read as strings.
struct BusinessHoursVisitor;

impl<'de> de::Visitor<'de> for BusinessHoursVisitor {
    type Value = BusinessHours;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object of days (mon ... sun) to open intervals")
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<BusinessHours, A::Error> {
        let mut days = BTreeMap::new();
        while let Some(name) = map.next_key::<String>()? {
            let mut intervals: Vec<OpenInterval> = map.next_value()?;
            let day = WeekdayKey::deserialize(de::value::StrDeserializer::<A::Error>::new(&name))
                .map_err(|_| de::Error::custom(format!("unknown day {name:?}, expected mon, tue, ... sun")))?;
            intervals.sort_by_key(|i| i.opens);
            if intervals.windows(2).any(|w| w[1].opens < w[0].closes) {
                return Err(de::Error::custom(format!("{name} has overlapping open intervals")));
            }
            if days.insert(day, intervals).is_some() {
                return Err(de::Error::custom(format!("{name} is listed twice")));
            }
        }
        Ok(BusinessHours(days))
    }
}

impl BusinessHours {
    pub fn on(&self, day: WeekdayKey) -> &[OpenInterval] {
        self.0.get(&day).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// ISO 3166 alpha-2 region, upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CountryCode(String);

impl CountryCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for CountryCode {
    fn default() -> Self {
        CountryCode("US".to_owned())
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        if text.len() == 2 && text.bytes().all(|b| b.is_ascii_alphabetic()) {
            Ok(CountryCode(text.to_ascii_uppercase()))
        } else {
            Err(de::Error::custom("not an ISO 3166 alpha-2 country code"))
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Bundle {
    pub now: Instant,
    pub config: Config,
    /// Shared, not copied, by every clone: the browser app derives a working bundle from the
    /// stored one after every action and every minute, and a CRM of 100,000 contacts took tens
    /// of milliseconds to copy and to free each time. Changed through `Arc::make_mut`.
    #[serde(default)]
    pub crm: Arc<Crm>,
    pub calls: Vec<Call>,
    #[serde(default)]
    pub activities: Vec<Activity>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Config {
    pub timezone: String,
    #[serde(default)]
    pub default_country: CountryCode,
    #[serde(default)]
    pub business_hours: BusinessHours,
    #[serde(default)]
    pub holidays: Vec<IsoDate>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub owners: Vec<Owner>,
    #[serde(default)]
    pub routing: Routing,
    #[serde(default)]
    pub sla: Sla,
    #[serde(default)]
    pub high_value_amount: Option<f64>,
    #[serde(default = "default_repeat_window")]
    pub repeat_window_minutes: u32,
    #[serde(default)]
    pub sms: SmsConfig,
    /// Additions to and removals from the built-in urgency and category lexicon.
    #[serde(default)]
    pub lexicon: Option<LexiconOverrides>,
}

fn default_repeat_window() -> u32 {
    60
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Source {
    pub number: String,
    pub name: String,
    #[serde(default)]
    pub campaign: Option<String>,
    #[serde(default)]
    pub service_line: Option<String>,
    #[serde(default)]
    pub owner: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Owner {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub service_lines: Vec<String>,
    #[serde(default)]
    pub territories: Vec<String>,
    #[serde(default)]
    pub backup: Option<String>,
    #[serde(default = "yes")]
    pub available: bool,
}

fn yes() -> bool {
    true
}

/// The owner's name as people read it, else the id itself (an owner removed from settings
/// still shows in old records).
pub fn owner_name<'a>(owners: &'a [Owner], id: &'a str) -> &'a str {
    owners.iter().find(|o| o.id == id).map_or(id, |o| o.name.as_str())
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Routing {
    #[serde(default)]
    pub default_owner: Option<String>,
    #[serde(default)]
    pub after_hours_owner: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
pub struct Sla {
    pub callback_minutes: CallbackMinutes,
}

/// When the admin set no SLA: what a careful coordinator would promise internally.
impl Default for Sla {
    fn default() -> Self {
        Sla { callback_minutes: CallbackMinutes { emergency: 15, urgent: 60, routine: 240, unknown: 240 } }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
pub struct CallbackMinutes {
    pub emergency: u32,
    pub urgent: u32,
    pub routine: u32,
    pub unknown: u32,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct SmsConfig {
    #[serde(default)]
    pub enabled: bool,
    #[serde(default)]
    pub templates: Vec<SmsTemplate>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct SmsTemplate {
    pub id: String,
    pub text: String,
}

impl SmsConfig {
    pub fn template(&self, id: &str) -> Option<&SmsTemplate> {
        self.templates.iter().find(|t| t.id == id)
    }
}

/// `config.lexicon`: an admin's changes to the built-in phrase lists.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct LexiconOverrides {
    /// Extra phrases, each naming the signal it is evidence of.
    #[serde(default)]
    pub add: Vec<LexiconEntry>,
    /// Built-in phrases to stop treating as evidence (matched case-insensitively).
    #[serde(default)]
    pub remove: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct LexiconEntry {
    pub phrase: String,
    pub signal: String,
    /// `emergency` or `urgent` for an urgency signal, or a category name.
    pub meaning: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Crm {
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub leads: Vec<Lead>,
    #[serde(default)]
    pub tickets: Vec<Ticket>,
}

impl Crm {
    /// The contact's name, else its id (a contact without a name, or not in this CRM).
    pub fn contact_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.contacts.iter().find(|c| c.id == id).map_or(id, Contact::display_name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SmsConsent {
    OptedIn,
    OptedOut,
    #[default]
    Unknown,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Contact {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub phones: Vec<String>,
    #[serde(default)]
    pub customer: bool,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub postal_code: Option<String>,
    #[serde(default)]
    pub sms_consent: SmsConsent,
}

impl Contact {
    /// The name, else the id.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LeadStatus {
    Open,
    Won,
    Lost,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Lead {
    pub id: String,
    #[serde(default)]
    pub contact_id: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    pub status: LeadStatus,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub amount: Option<f64>,
    #[serde(default)]
    pub service_line: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    Open,
    Closed,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Ticket {
    pub id: String,
    pub contact_id: String,
    pub status: TicketStatus,
    #[serde(default)]
    pub subject: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CallStatus {
    NoAnswer,
    Busy,
    Voicemail,
    Abandoned,
    Failed,
    Canceled,
    Completed,
    CallbackRequest,
}

impl CallStatus {
    pub fn is_missed(self) -> bool {
        !matches!(self, CallStatus::Completed | CallStatus::CallbackRequest)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    Inbound,
    Outbound,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Call {
    pub id: String,
    /// Absent, null and empty all mean the phone system sent no caller id.
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub caller_name: Option<String>,
    pub to: String,
    pub started_at: Instant,
    pub status: CallStatus,
    #[serde(default)]
    pub direction: Direction,
    #[serde(default)]
    pub ring_seconds: Option<u32>,
    #[serde(default)]
    pub voicemail: Option<Voicemail>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Voicemail {
    #[serde(default)]
    pub transcript: Option<String>,
    #[serde(default, deserialize_with = "unit_fraction")]
    pub confidence: Option<f64>,
    #[serde(default)]
    pub duration_seconds: Option<f64>,
    #[serde(default)]
    pub recording_url: Option<String>,
}

fn unit_fraction<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    let value = Option::<f64>::deserialize(d)?;
    match value {
        Some(v) if !(0.0..=1.0).contains(&v) => Err(de::Error::custom("confidence must be between 0 and 1")),
        other => Ok(other),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityType {
    Assigned,
    Reassigned,
    CallbackAttempt,
    Disposition,
    MergedDuplicate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Booked,
    Reached,
    LeftMessage,
    NoAnswer,
    WrongNumber,
    Spam,
    NotInterested,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Activity {
    pub call_id: String,
    #[serde(rename = "type")]
    pub kind: ActivityType,
    pub at: Instant,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub outcome: Option<Outcome>,
}

impl Serialize for Instant {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl Serialize for IsoDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl Serialize for ClockTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Serialize for OpenInterval {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.opens, self.closes].serialize(s)
    }
}

impl Serialize for BusinessHours {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl Serialize for CountryCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner(id: &str, name: &str) -> Owner {
        Owner {
            id: id.into(),
            name: name.into(),
            service_lines: Vec::new(),
            territories: Vec::new(),
            backup: None,
            available: true,
        }
    }

    fn contact(id: &str, name: Option<&str>) -> Contact {
        Contact {
            id: id.into(),
            name: name.map(Into::into),
            phones: Vec::new(),
            customer: false,
            owner: None,
            postal_code: None,
            sms_consent: SmsConsent::Unknown,
        }
    }

    #[test]
    fn a_time_shorter_than_an_offset_is_refused() {
        for text in ["", "+", "+01:0", "1Z0"] {
            assert_eq!(parse_rfc3339(text), None, "{text:?}");
        }
    }

    #[test]
    fn owner_name_else_the_id() {
        let owners = [owner("o_ana", "Ana")];
        assert_eq!(owner_name(&owners, "o_ana"), "Ana");
        assert_eq!(owner_name(&owners, "o_gone"), "o_gone");
    }

    #[test]
    fn contact_name_else_the_id() {
        let crm = Crm { contacts: vec![contact("C1", Some("Rosa")), contact("C2", None)], ..Crm::default() };
        assert_eq!(crm.contact_name("C1"), "Rosa");
        assert_eq!(crm.contact_name("C2"), "C2");
        assert_eq!(crm.contact_name("C9"), "C9");
    }

    #[test]
    fn sms_template_by_id() {
        let sms = SmsConfig {
            enabled: true,
            templates: vec![SmsTemplate { id: "t1".into(), text: "We got your call.".into() }],
        };
        assert_eq!(sms.template("t1").map(|t| t.text.as_str()), Some("We got your call."));
        assert!(sms.template("t2").is_none());
    }
}
