//! The embed protocol between a host page (a CRM, Chatwoot) and the sidebar, as pure
//! functions: which origins may talk to the app, what an incoming message means, and what
//! the app tells the host. The browser glue in `ui::embed_bridge` only moves `MessageEvent`s
//! in and out; every accept/refuse rule is here and tested natively.
//!
//! The wire format is documented in `docs/EMBEDDING.md`.

use std::fmt;

use serde::Serialize;
use serde_json::Value;

use super::crm_index::fold_name;

/// Version of the app's own message protocol, sent in `callback-clock:ready`.
pub const PROTOCOL_VERSION: u32 = 1;

/// Longest string field accepted from a host; anything longer is refused, not truncated.
const MAX_FIELD_CHARS: usize = 200;

/// An origin as the browser reports it: `scheme://host[:port]`, lower case, no path.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Origin(String);

impl Origin {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why an admin's entry in "allowed embed origins" is not an origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OriginError {
    Empty,
    /// `*` or `null`: allowing these would let any page (or any sandboxed frame) drive the app.
    Wildcard(String),
    NotHttp(String),
    HasPath(String),
    NoHost(String),
}

impl fmt::Display for OriginError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OriginError::Empty => write!(f, "an origin is required"),
            OriginError::Wildcard(text) => write!(f, "{text:?} would allow any page; list each origin"),
            OriginError::NotHttp(text) => write!(f, "{text:?} must start with https:// (or http:// for local testing)"),
            OriginError::HasPath(text) => write!(f, "{text:?} has a path; an origin is only scheme://host[:port]"),
            OriginError::NoHost(text) => write!(f, "{text:?} has no host"),
        }
    }
}

impl std::error::Error for OriginError {}

/// Reads an origin typed by an admin (or reported by the browser). A single trailing slash
/// is forgiven; scheme and host are lower-cased; default ports are dropped.
pub fn parse_origin(text: &str) -> Result<Origin, OriginError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(OriginError::Empty);
    }
    if trimmed == "*" || trimmed.eq_ignore_ascii_case("null") {
        return Err(OriginError::Wildcard(trimmed.to_owned()));
    }
    let lower = trimmed.to_ascii_lowercase();
    let (scheme, rest) = if let Some(rest) = lower.strip_prefix("https://") {
        ("https", rest)
    } else if let Some(rest) = lower.strip_prefix("http://") {
        ("http", rest)
    } else {
        return Err(OriginError::NotHttp(trimmed.to_owned()));
    };
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.contains(['/', '?', '#', '@']) {
        return Err(OriginError::HasPath(trimmed.to_owned()));
    }
    if rest.contains('*') {
        return Err(OriginError::Wildcard(trimmed.to_owned()));
    }
    let host_port = match (scheme, rest.rsplit_once(':')) {
        ("https", Some((host, "443"))) | ("http", Some((host, "80"))) => host,
        _ => rest,
    };
    let host = host_port.rsplit_once(':').map_or(host_port, |(host, _)| host);
    if host.is_empty() {
        return Err(OriginError::NoHost(trimmed.to_owned()));
    }
    Ok(Origin(format!("{scheme}://{host_port}")))
}

/// The origins allowed to drive the sidebar. Built from settings; entries that are not
/// origins are dropped (settings shows them as errors before saving).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowedOrigins(Vec<Origin>);

impl AllowedOrigins {
    pub fn from_settings<S: AsRef<str>>(entries: &[S]) -> AllowedOrigins {
        AllowedOrigins(entries.iter().filter_map(|e| parse_origin(e.as_ref()).ok()).collect())
    }

    /// True only for an exact match; an opaque origin (`null`) never matches.
    pub fn allows(&self, origin: &str) -> bool {
        parse_origin(origin).is_ok_and(|o| self.0.contains(&o))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Where to send the app's own messages: the first candidate (the embedding page's
    /// origin as the browser reports it) that is allowed. Never a wildcard.
    pub fn reply_origin<'c>(&self, candidates: impl IntoIterator<Item = &'c str>) -> Option<Origin> {
        candidates.into_iter().filter_map(|c| parse_origin(c).ok()).find(|o| self.0.contains(o))
    }
}

/// The CRM record the host has in view. At least one field is set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RecordInView {
    /// The app's CRM contact id (the app's own protocol).
    pub contact_id: Option<String>,
    /// A phone number in any human format; the store matches it like a caller id.
    pub phone: Option<String>,
    pub name: Option<String>,
}

/// The agent a Chatwoot host says is signed in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct HostAgent {
    pub id: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
}

/// A message the sidebar acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BridgeMessage {
    /// `callback-clock:record`: this record is in view; `None` clears it.
    Record(Option<RecordInView>),
    /// `callback-clock:owner`: the signed-in owner id.
    Owner(String),
    /// Chatwoot's `appContext`: the conversation's contact and the agent.
    ChatwootContext { record: Option<RecordInView>, agent: Option<HostAgent> },
}

/// Why a message was ignored. Ignoring is silent for the host; the glue logs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    OriginNotAllowed(String),
    NotJson,
    /// Some other protocol's message (or our own outgoing ones echoed back).
    NotForUs,
    BadField {
        field: &'static str,
        problem: &'static str,
    },
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::OriginNotAllowed(origin) => write!(f, "origin {origin:?} is not an allowed embed origin"),
            Rejection::NotJson => write!(f, "the message is not JSON"),
            Rejection::NotForUs => write!(f, "not a Callback Clock or Chatwoot context message"),
            Rejection::BadField { field, problem } => write!(f, "{field}: {problem}"),
        }
    }
}

impl BridgeMessage {
    /// Checks the sender's origin first (nothing from a page not in `allowed` is even read),
    /// then the shape. `data` may be an object or a JSON string (Chatwoot sends strings).
    pub fn parse(origin: &str, data: &Value, allowed: &AllowedOrigins) -> Result<BridgeMessage, Rejection> {
        if !allowed.allows(origin) {
            return Err(Rejection::OriginNotAllowed(origin.to_owned()));
        }
        let parsed;
        let data = match data {
            Value::String(text) => {
                parsed = serde_json::from_str::<Value>(text).map_err(|_| Rejection::NotJson)?;
                &parsed
            }
            other => other,
        };
        let Value::Object(message) = data else {
            return Err(Rejection::NotForUs);
        };
        if let Some(kind) = message.get("type").and_then(Value::as_str) {
            return match kind {
                "callback-clock:record" => parse_record(message.get("record"), "record").map(BridgeMessage::Record),
                "callback-clock:owner" => {
                    let owner = text_field(message.get("owner_id"), "owner_id")?
                        .ok_or(Rejection::BadField { field: "owner_id", problem: "required" })?;
                    Ok(BridgeMessage::Owner(owner))
                }
                _ => Err(Rejection::NotForUs),
            };
        }
        if message.get("event").and_then(Value::as_str) == Some("appContext") {
            let context = message
                .get("data")
                .and_then(Value::as_object)
                .ok_or(Rejection::BadField { field: "data", problem: "appContext carries an object" })?;
            return Ok(BridgeMessage::ChatwootContext {
                record: parse_chatwoot_contact(context.get("contact"))?,
                agent: parse_chatwoot_agent(context.get("currentAgent"))?,
            });
        }
        Err(Rejection::NotForUs)
    }
}

/// A string, or a number written as one (Chatwoot ids are numbers); `null`/absent is `None`.
fn text_field(value: Option<&Value>, field: &'static str) -> Result<Option<String>, Rejection> {
    let text = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(text)) => text.trim().to_owned(),
        Some(Value::Number(number)) => number.to_string(),
        Some(_) => return Err(Rejection::BadField { field, problem: "must be a string" }),
    };
    if text.chars().count() > MAX_FIELD_CHARS {
        return Err(Rejection::BadField { field, problem: "too long" });
    }
    Ok((!text.is_empty()).then_some(text))
}

fn phone_field(value: Option<&Value>, field: &'static str) -> Result<Option<String>, Rejection> {
    let phone = text_field(value, field)?;
    if phone.as_deref().is_some_and(|p| !p.chars().any(|c| c.is_ascii_digit())) {
        return Err(Rejection::BadField { field, problem: "a phone number has digits" });
    }
    Ok(phone)
}

fn parse_record(value: Option<&Value>, field: &'static str) -> Result<Option<RecordInView>, Rejection> {
    let record = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Object(record)) => record,
        Some(_) => return Err(Rejection::BadField { field, problem: "must be an object or null" }),
    };
    let record = RecordInView {
        contact_id: text_field(record.get("contact_id"), "record.contact_id")?,
        phone: phone_field(record.get("phone"), "record.phone")?,
        name: text_field(record.get("name"), "record.name")?,
    };
    if record == RecordInView::default() {
        return Err(Rejection::BadField { field, problem: "needs contact_id, phone or name (or null to clear)" });
    }
    Ok(Some(record))
}

/// Chatwoot's contact ids are Chatwoot's own, not the CRM's, so the record is found by phone
/// and name only.
fn parse_chatwoot_contact(value: Option<&Value>) -> Result<Option<RecordInView>, Rejection> {
    let Some(contact) = value.and_then(Value::as_object) else {
        return Ok(None);
    };
    let record = RecordInView {
        contact_id: None,
        phone: phone_field(contact.get("phone_number"), "data.contact.phone_number")?,
        name: text_field(contact.get("name"), "data.contact.name")?,
    };
    Ok((record != RecordInView::default()).then_some(record))
}

fn parse_chatwoot_agent(value: Option<&Value>) -> Result<Option<HostAgent>, Rejection> {
    let Some(agent) = value.and_then(Value::as_object) else {
        return Ok(None);
    };
    let agent = HostAgent {
        id: text_field(agent.get("id"), "data.currentAgent.id")?,
        name: text_field(agent.get("name"), "data.currentAgent.name")?,
        email: text_field(agent.get("email"), "data.currentAgent.email")?,
    };
    Ok((agent != HostAgent::default()).then_some(agent))
}

/// The owner a host's agent is: an owner whose id equals the agent's email or id, else the
/// one owner whose name equals the agent's name (case and spacing ignored). `None` when no
/// owner or several owners fit, so a sidebar never shows someone else's queue by guess.
pub fn owner_for_agent<'o>(agent: &HostAgent, owners: impl IntoIterator<Item = (&'o str, &'o str)>) -> Option<&'o str> {
    let owners: Vec<(&str, &str)> = owners.into_iter().collect();
    let same = |a: &str, b: &str| fold_name(a) == fold_name(b);
    for key in [agent.email.as_deref(), agent.id.as_deref()].into_iter().flatten() {
        if let Some((id, _)) = owners.iter().find(|(id, _)| same(id, key)) {
            return Some(id);
        }
    }
    let name = agent.name.as_deref()?;
    let mut by_name = owners.iter().filter(|(_, owner_name)| same(owner_name, name));
    match (by_name.next(), by_name.next()) {
        (Some((id, _)), None) => Some(id),
        _ => None,
    }
}

/// What changed, in the app's `callback-clock:changed` message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A callback attempt was logged.
    Attempt,
    /// A disposition (`booked`, `reached`, ...) was logged.
    Disposition,
    /// The callback task was created, reassigned or resolved.
    Task,
}

/// A message the app sends to the host.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type")]
pub enum HostNotice {
    /// Sent once the sidebar listens, so the host can send the record in view.
    #[serde(rename = "callback-clock:ready")]
    Ready { protocol: u32 },
    /// A task or disposition changed for a call.
    #[serde(rename = "callback-clock:changed")]
    Changed {
        call_id: String,
        change: ChangeKind,
        /// The disposition outcome (`booked`, ...) for `disposition`.
        #[serde(skip_serializing_if = "Option::is_none")]
        outcome: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        owner_id: Option<String>,
        /// The CRM contact the call matched, so the host can refresh that record.
        #[serde(skip_serializing_if = "Option::is_none")]
        contact_id: Option<String>,
        /// RFC 3339.
        at: String,
    },
}

impl HostNotice {
    pub fn ready() -> HostNotice {
        HostNotice::Ready { protocol: PROTOCOL_VERSION }
    }

    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// What a Chatwoot dashboard app sends its host to ask for the `appContext` event again.
pub const CHATWOOT_FETCH_INFO: &str = "chatwoot-dashboard-app:fetch-info";

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const CRM: &str = "https://crm.example.com";

    fn allowed() -> AllowedOrigins {
        AllowedOrigins::from_settings(&["https://crm.example.com/", "http://localhost:8090", "*", "null", "ftp://x"])
    }

    #[test]
    fn origins_are_normalized_and_wildcards_refused() {
        assert_eq!(parse_origin("HTTPS://CRM.Example.com/").map(|o| o.0), Ok("https://crm.example.com".into()));
        assert_eq!(parse_origin("https://crm.example.com:443").map(|o| o.0), Ok("https://crm.example.com".into()));
        assert_eq!(parse_origin("http://localhost:8090").map(|o| o.0), Ok("http://localhost:8090".into()));
        assert!(matches!(parse_origin("*"), Err(OriginError::Wildcard(_))));
        assert!(matches!(parse_origin("null"), Err(OriginError::Wildcard(_))));
        assert!(matches!(parse_origin("https://*.example.com"), Err(OriginError::Wildcard(_))));
        assert!(matches!(parse_origin("https://crm.example.com/app"), Err(OriginError::HasPath(_))));
        assert!(matches!(parse_origin("crm.example.com"), Err(OriginError::NotHttp(_))));
        assert!(matches!(parse_origin("https://"), Err(OriginError::NoHost(_))));
        assert_eq!(parse_origin("  "), Err(OriginError::Empty));
    }

    #[test]
    fn only_listed_origins_are_allowed_and_bad_entries_allow_nothing() {
        let allowed = allowed();
        assert!(allowed.allows(CRM));
        assert!(allowed.allows("http://localhost:8090"));
        assert!(!allowed.allows("http://localhost:8091"));
        assert!(!allowed.allows("https://crm.example.com.evil.test"));
        assert!(!allowed.allows("http://crm.example.com"), "scheme matters");
        assert!(!allowed.allows("null"), "sandboxed frames have the opaque origin null");
        assert!(!allowed.allows("https://anything.test"), "a '*' entry allows nothing");
    }

    #[test]
    fn message_from_a_disallowed_origin_is_refused_before_it_is_read() {
        let message = json!({"type": "callback-clock:record", "record": {"phone": "+1 303 555 0111"}});
        assert_eq!(
            BridgeMessage::parse("https://evil.test", &message, &allowed()),
            Err(Rejection::OriginNotAllowed("https://evil.test".into()))
        );
        assert!(matches!(BridgeMessage::parse("null", &message, &allowed()), Err(Rejection::OriginNotAllowed(_))));
    }

    #[test]
    fn record_message_sets_the_record_in_view() {
        let message = json!({"type": "callback-clock:record", "record": {"contact_id": "c-17", "phone": "(303) 555-0111", "name": " Dana Ruiz "}});
        let expected = RecordInView {
            contact_id: Some("c-17".into()),
            phone: Some("(303) 555-0111".into()),
            name: Some("Dana Ruiz".into()),
        };
        assert_eq!(BridgeMessage::parse(CRM, &message, &allowed()), Ok(BridgeMessage::Record(Some(expected))));
    }

    #[test]
    fn null_record_clears_the_record_in_view_and_empty_record_is_refused() {
        let clear = json!({"type": "callback-clock:record", "record": null});
        assert_eq!(BridgeMessage::parse(CRM, &clear, &allowed()), Ok(BridgeMessage::Record(None)));
        let empty = json!({"type": "callback-clock:record", "record": {}});
        assert!(matches!(
            BridgeMessage::parse(CRM, &empty, &allowed()),
            Err(Rejection::BadField { field: "record", .. })
        ));
    }

    #[test]
    fn record_fields_of_the_wrong_type_or_size_are_refused() {
        let wrong = json!({"type": "callback-clock:record", "record": {"phone": ["303"]}});
        assert!(matches!(
            BridgeMessage::parse(CRM, &wrong, &allowed()),
            Err(Rejection::BadField { field: "record.phone", .. })
        ));
        let no_digits = json!({"type": "callback-clock:record", "record": {"phone": "call me"}});
        assert!(matches!(BridgeMessage::parse(CRM, &no_digits, &allowed()), Err(Rejection::BadField { .. })));
        let long = json!({"type": "callback-clock:record", "record": {"name": "x".repeat(500)}});
        assert!(matches!(BridgeMessage::parse(CRM, &long, &allowed()), Err(Rejection::BadField { .. })));
    }

    #[test]
    fn owner_message_needs_an_owner_id() {
        let owner = json!({"type": "callback-clock:owner", "owner_id": "ana"});
        assert_eq!(BridgeMessage::parse(CRM, &owner, &allowed()), Ok(BridgeMessage::Owner("ana".into())));
        let missing = json!({"type": "callback-clock:owner"});
        assert!(matches!(BridgeMessage::parse(CRM, &missing, &allowed()), Err(Rejection::BadField { .. })));
    }

    #[test]
    fn chatwoot_app_context_arrives_as_a_json_string() {
        let context = json!({
            "event": "appContext",
            "data": {
                "conversation": {"id": 42},
                "contact": {"id": 7, "name": "Dana Ruiz", "phone_number": "+13035550111", "email": "d@example.com"},
                "currentAgent": {"id": 3, "name": "Ana Lopez", "email": "ana@example.com"}
            }
        });
        let as_string = Value::String(context.to_string());
        let parsed = BridgeMessage::parse(CRM, &as_string, &allowed());
        assert_eq!(
            parsed,
            Ok(BridgeMessage::ChatwootContext {
                record: Some(RecordInView {
                    contact_id: None,
                    phone: Some("+13035550111".into()),
                    name: Some("Dana Ruiz".into())
                }),
                agent: Some(HostAgent {
                    id: Some("3".into()),
                    name: Some("Ana Lopez".into()),
                    email: Some("ana@example.com".into())
                }),
            })
        );
        assert_eq!(BridgeMessage::parse(CRM, &context, &allowed()), parsed, "an object works too");
    }

    #[test]
    fn chatwoot_context_without_a_contact_clears_the_record() {
        let context = json!({"event": "appContext", "data": {"conversation": {"id": 1}}});
        assert_eq!(
            BridgeMessage::parse(CRM, &context, &allowed()),
            Ok(BridgeMessage::ChatwootContext { record: None, agent: None })
        );
    }

    #[test]
    fn other_protocols_and_garbage_are_not_for_us() {
        for data in [
            json!("not json {"),
            json!(42),
            json!({"type": "webpackOk"}),
            json!({"type": "callback-clock:changed", "call_id": "x"}),
            json!({"event": "somethingElse"}),
        ] {
            assert!(BridgeMessage::parse(CRM, &data, &allowed()).is_err(), "{data}");
        }
        assert_eq!(BridgeMessage::parse(CRM, &json!("{oops"), &allowed()), Err(Rejection::NotJson));
    }

    #[test]
    fn replies_go_only_to_an_allowed_origin_never_a_wildcard() {
        let allowed = allowed();
        assert_eq!(
            allowed.reply_origin(["https://evil.test", "https://crm.example.com"]).map(|o| o.0),
            Some(CRM.to_owned())
        );
        assert_eq!(allowed.reply_origin(["*", "null"]), None);
        assert_eq!(AllowedOrigins::default().reply_origin([CRM]), None);
    }

    #[test]
    fn agent_maps_to_an_owner_by_email_id_or_unique_name() {
        let owners = [("ana@example.com", "Ana Lopez"), ("ben", "Ben Ode"), ("ben2", "Ben Ode")];
        let agent = |id: Option<&str>, name: Option<&str>, email: Option<&str>| HostAgent {
            id: id.map(Into::into),
            name: name.map(Into::into),
            email: email.map(Into::into),
        };
        assert_eq!(owner_for_agent(&agent(None, None, Some("ANA@example.com")), owners), Some("ana@example.com"));
        assert_eq!(owner_for_agent(&agent(None, Some("ana  lopez"), None), owners), Some("ana@example.com"));
        assert_eq!(owner_for_agent(&agent(None, Some("Ben Ode"), None), owners), None, "two Bens: no guess");
        assert_eq!(owner_for_agent(&agent(Some("ben"), None, None), owners), Some("ben"));
    }

    #[test]
    fn outgoing_messages_carry_their_type_tag() {
        assert_eq!(HostNotice::ready().to_json(), json!({"type": "callback-clock:ready", "protocol": 1}));
        let changed = HostNotice::Changed {
            call_id: "CA1".into(),
            change: ChangeKind::Disposition,
            outcome: Some("booked".into()),
            owner_id: None,
            contact_id: Some("c-17".into()),
            at: "2026-11-24T16:00:00-05:00".into(),
        };
        assert_eq!(
            changed.to_json(),
            json!({"type": "callback-clock:changed", "call_id": "CA1", "change": "disposition", "outcome": "booked",
                   "contact_id": "c-17", "at": "2026-11-24T16:00:00-05:00"})
        );
    }
}
