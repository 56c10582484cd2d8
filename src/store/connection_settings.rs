//! Which phone system and CRM the app talks to, as the admin set them on the connections page.
//!
//! Only what is safe to keep is here (addresses and account ids); tokens live in the tab's
//! session storage (`sync::session_secrets`) and never in IndexedDB, exports or URLs. Checked
//! before saving, with the field named, like every other setting.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::data_origin::DataOrigin;
use super::sync_merge::SyncSummary;
use crate::connectors::{hubspot, twilio};
use crate::engine::InputError;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionSettings {
    #[serde(default)]
    pub twilio: Option<TwilioSettings>,
    #[serde(default)]
    pub hubspot: Option<HubSpotSettings>,
    /// The end of the last synced window (RFC 3339): the next sync reads from here.
    #[serde(default)]
    pub synced_until: Option<String>,
    #[serde(default)]
    pub last_sync: Option<SyncSummary>,
    /// Minutes between syncs while a surface is open; `None` is [`DEFAULT_SYNC_EVERY_MINUTES`],
    /// 0 syncs only by hand.
    #[serde(default)]
    pub sync_every_minutes: Option<u32>,
}

/// A sync is a few dozen requests (HubSpot allows 100 per 10 seconds for a private app,
/// Twilio some 100 concurrent): every five minutes per open surface stays far inside both.
pub const DEFAULT_SYNC_EVERY_MINUTES: u32 = 5;

impl ConnectionSettings {
    /// When the last sync's window ended (it ran then). Written by `Timestamp`'s `Display`, so
    /// RFC 3339, read without jiff's parser: the top bar shows it in the first paint
    /// (`engine::rfc3339`).
    pub fn last_synced(&self) -> Option<Timestamp> {
        self.synced_until.as_deref().and_then(crate::engine::rfc3339::parse)
    }

    /// Whether a surface that is open should sync now: something is connected, syncing on a
    /// schedule is on, and the last sync is at least `gap` old (the schedule's interval, or a
    /// minute when the person comes back to the tab).
    ///
    /// The first sync replaces the demo (`showing`), which a person should choose to do, so it
    /// is by hand; except behind `callback-clock serve`, where the admin connected the team's
    /// systems: there the demo is another business's calls, and every browser (a framed
    /// sidebar whose storage is refused starts from it on every load) syncs at once instead.
    pub fn sync_due(&self, showing: DataOrigin, now: Timestamp, gap: SignedDuration) -> bool {
        let on = self.sync_every_minutes.unwrap_or(DEFAULT_SYNC_EVERY_MINUTES) > 0;
        let connected = self.twilio.is_some() || self.hubspot.is_some();
        let due = match self.last_synced() {
            Some(at) => now.duration_since(at) >= gap,
            None => showing.is_replaced_by_real_data() && self.through_server_only(),
        };
        on && connected && due
    }

    /// Every connected service goes through the authorizing proxy of the server that served
    /// the app (`behind_server`): the browser holds no token and the server chose the data.
    pub fn through_server_only(&self) -> bool {
        let twilio = self.twilio.as_ref().is_none_or(|t| t.proxy_authorizes);
        let hubspot = self.hubspot.as_ref().is_none_or(|h| h.proxy_authorizes);
        (self.twilio.is_some() || self.hubspot.is_some()) && twilio && hubspot
    }

    /// The schedule's interval.
    pub fn sync_interval(&self) -> SignedDuration {
        SignedDuration::from_mins(i64::from(self.sync_every_minutes.unwrap_or(DEFAULT_SYNC_EVERY_MINUTES).max(1)))
    }

    /// "synced 4 min ago", for the top bar; `None` before the first sync.
    pub fn last_synced_label(&self, now: Timestamp) -> Option<String> {
        let minutes = now.duration_since(self.last_synced()?).as_mins().max(0);
        Some(match minutes {
            0 => "synced just now".to_owned(),
            1..=89 => format!("synced {minutes} min ago"),
            _ if minutes < 48 * 60 => format!("synced {} h ago", minutes / 60),
            _ => format!("synced {} days ago", minutes / (24 * 60)),
        })
    }

    /// The connected systems that bring calls, for the readiness panel.
    pub fn call_sources(&self) -> Vec<String> {
        let mut sources = Vec::new();
        if self.twilio.is_some() {
            sources.push(twilio::SERVICE.to_owned());
        }
        if self.hubspot.as_ref().is_some_and(|h| h.read_logged_calls) {
            sources.push(format!("{} (logged calls)", hubspot::SERVICE));
        }
        sources
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwilioSettings {
    /// `https://api.twilio.com`, or the business's proxy.
    pub base_url: String,
    pub account_sid: String,
    /// An API key's SID (`SK…`); empty when signing in with the account's auth token.
    #[serde(default)]
    pub key_sid: String,
    /// The proxy adds the credentials: the browser holds none.
    #[serde(default)]
    pub proxy_authorizes: bool,
    /// A Messaging Service's SID (`MG…`) to text through, as registered (A2P 10DLC) senders
    /// must; empty to text from the number the caller dialed.
    #[serde(default)]
    pub messaging_service_sid: String,
    /// Voice Intelligence's address (`https://intelligence.twilio.com`, or the proxy's path for
    /// it). Empty: Twilio's own when `base_url` is Twilio's API, none through a proxy (voicemail
    /// text then comes only from the deprecated Recording Transcriptions).
    #[serde(default)]
    pub intelligence_base_url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HubSpotSettings {
    /// `https://api.hubapi.com`, or the business's proxy.
    pub base_url: String,
    #[serde(default)]
    pub proxy_authorizes: bool,
    /// Also read inbound calls a phone system logged into HubSpot with a missed status.
    #[serde(default)]
    pub read_logged_calls: bool,
    /// Write each synced call's callback task to HubSpot, and later a note of each action people
    /// take on it (dispositions, attempts, resolved reviews, matches) and its reassignments.
    #[serde(default = "yes")]
    pub write_back: bool,
    /// The contact property that holds SMS consent (`opted_in` / `opted_out`), if the business
    /// keeps one; empty when not. Without it every synced contact's consent is unknown, and
    /// the consent rule then allows no text.
    #[serde(default)]
    pub sms_consent_property: String,
}

fn yes() -> bool {
    true
}

impl TwilioSettings {
    pub fn new_default() -> TwilioSettings {
        TwilioSettings {
            base_url: twilio::API_ROOT.to_owned(),
            account_sid: String::new(),
            key_sid: String::new(),
            proxy_authorizes: false,
            messaging_service_sid: String::new(),
            intelligence_base_url: String::new(),
        }
    }

    pub fn validate(&self) -> Result<(), InputError> {
        check_base_url(&self.base_url, "twilio.base_url")?;
        check_sid(&self.account_sid, "AC", "twilio.account_sid")?;
        if !self.key_sid.is_empty() {
            check_sid(&self.key_sid, "SK", "twilio.key_sid")?;
        }
        if !self.intelligence_base_url.is_empty() {
            check_base_url(&self.intelligence_base_url, "twilio.intelligence_base_url")?;
        }
        if !self.messaging_service_sid.is_empty() {
            check_sid(&self.messaging_service_sid, "MG", "twilio.messaging_service_sid")?;
        }
        Ok(())
    }
}

impl HubSpotSettings {
    pub fn new_default() -> HubSpotSettings {
        HubSpotSettings {
            base_url: hubspot::API_ROOT.to_owned(),
            proxy_authorizes: false,
            read_logged_calls: false,
            write_back: true,
            sms_consent_property: String::new(),
        }
    }

    pub fn validate(&self) -> Result<(), InputError> {
        check_base_url(&self.base_url, "hubspot.base_url")?;
        let name = &self.sms_consent_property;
        // HubSpot's internal property names: a lowercase letter, then lowercase letters,
        // digits and underscores (the label shown in HubSpot is not the name).
        let internal = name.starts_with(|c: char| c.is_ascii_lowercase())
            && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !name.is_empty() && !internal {
            return Err(InputError::at(
                "hubspot.sms_consent_property",
                "must be the property's internal name (like sms_consent), not its label",
            ));
        }
        Ok(())
    }
}

/// What `callback-clock serve` tells the app at `/api/config`: that it adds the credentials
/// itself, and where its proxy for each connected service is (a path on the same origin).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct ServedConfig {
    #[serde(default)]
    pub authorizing_proxy: bool,
    #[serde(default)]
    pub twilio: Option<ServedService>,
    #[serde(default)]
    pub hubspot: Option<ServedService>,
    /// Who is signed in, when someone is (`None`: the app should offer `/signin`).
    #[serde(default)]
    pub user: Option<ServedUser>,
    /// The CRM origins the server lets frame the app: the sidebar takes the record in view
    /// from them, as from the origins allowed in Settings.
    #[serde(default)]
    pub crm_origins: Vec<String>,
}

/// Who served this page, as far as the app has found out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ServedBy {
    /// `/api/config` has not answered yet.
    #[default]
    Asking,
    /// A static host (or `trunk serve`): one person's app, no server to sign in to.
    StaticHost,
    /// `callback-clock serve`.
    Server(Box<ServedConfig>),
}

impl ServedBy {
    /// The CRM origins the server allows to frame the app (none from a static host).
    pub fn crm_origins(&self) -> &[String] {
        match self {
            ServedBy::Server(config) => &config.crm_origins,
            _ => &[],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ServedService {
    pub base: String,
    /// Voice Intelligence's proxy path (Twilio only).
    #[serde(default)]
    pub intelligence_base: Option<String>,
    /// Twilio's account SID, given to signed-in users only.
    #[serde(default)]
    pub account_sid: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ServedUser {
    pub email: String,
    pub name: String,
    pub role: String,
    /// The CRM owner this person is, when the admin gave one: their "My queue".
    #[serde(default)]
    pub owner_id: Option<String>,
}

impl ConnectionSettings {
    /// These settings pointed at the server that served the app (`origin`, e.g.
    /// `https://clock.example.com`): each service it proxies goes through it with no token in
    /// the browser (`via_authorizing_proxy`); the business's own choices (write-back, logged
    /// calls, the consent property) stay. A service the server does not proxy is left out.
    pub fn behind_server(&self, served: &ServedConfig, origin: &str) -> ConnectionSettings {
        let origin = origin.trim_end_matches('/');
        let twilio = served.twilio.as_ref().map(|service| TwilioSettings {
            base_url: format!("{origin}{}", service.base),
            account_sid: service
                .account_sid
                .clone()
                .or_else(|| self.twilio.as_ref().map(|t| t.account_sid.clone()))
                .unwrap_or_default(),
            key_sid: String::new(),
            proxy_authorizes: true,
            // An older server without it: transcripts come from Recording Transcriptions.
            intelligence_base_url: service
                .intelligence_base
                .as_ref()
                .map(|base| format!("{origin}{base}"))
                .unwrap_or_default(),
            messaging_service_sid: self.twilio.as_ref().map(|t| t.messaging_service_sid.clone()).unwrap_or_default(),
        });
        let hubspot = served.hubspot.as_ref().map(|service| HubSpotSettings {
            base_url: format!("{origin}{}", service.base),
            proxy_authorizes: true,
            ..self.hubspot.clone().unwrap_or_else(HubSpotSettings::new_default)
        });
        ConnectionSettings { twilio, hubspot, ..self.clone() }
    }
}

/// An http(s) address with no credentials or query in it: whatever is typed here may show up
/// in a screenshot or an export, so a token pasted into the address is refused.
/// Plain `http://` only reaches this machine: anywhere else a token or a caller's words would
/// cross the network in the clear.
fn check_base_url(url: &str, field: &str) -> Result<(), InputError> {
    let (rest, plain_http) = match (url.strip_prefix("https://"), url.strip_prefix("http://")) {
        (Some(rest), _) => (rest, false),
        (None, Some(rest)) => (rest, true),
        (None, None) => return Err(InputError::at(field, "must start with https:// (or http:// for a local proxy)")),
    };
    let authority = rest.split('/').next().unwrap_or("");
    if authority.is_empty() {
        return Err(InputError::at(field, "has no host"));
    }
    if plain_http && !is_loopback(authority) {
        return Err(InputError::at(field, "must start with https://; http:// is only for a proxy on this machine"));
    }
    if authority.contains('@') {
        return Err(InputError::at(field, "must not hold a user name or password; enter the token below"));
    }
    if rest.contains('?') || rest.contains('#') {
        return Err(InputError::at(field, "must not have a query (?…): tokens never go in addresses"));
    }
    Ok(())
}

/// `localhost`, `127.x.y.z` or `[::1]`, with or without a port.
fn is_loopback(authority: &str) -> bool {
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => authority.rsplit_once(':').map_or(authority, |(host, _port)| host),
    };
    host.eq_ignore_ascii_case("localhost")
        || host == "::1"
        || host.strip_prefix("127.").is_some_and(|rest| {
            let parts: Vec<&str> = rest.split('.').collect();
            parts.len() == 3 && parts.iter().all(|p| p.parse::<u8>().is_ok())
        })
}

/// Twilio SIDs are two letters and 32 hex digits.
fn check_sid(sid: &str, prefix: &str, field: &str) -> Result<(), InputError> {
    let hex = sid
        .strip_prefix(prefix)
        .ok_or_else(|| InputError::at(field, format!("must start with {prefix} (it is shown in Twilio's console)")))?;
    if hex.len() != 32 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(InputError::at(field, format!("must be {prefix} followed by 32 hexadecimal digits")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn twilio_settings() -> TwilioSettings {
        TwilioSettings { account_sid: format!("AC{}", "a".repeat(32)), ..TwilioSettings::new_default() }
    }

    #[test]
    fn twilio_defaults_to_the_real_api_with_an_account_sid() {
        assert_eq!(twilio_settings().validate(), Ok(()));
    }

    #[test]
    fn an_account_sid_of_the_wrong_kind_is_named() {
        let settings = TwilioSettings { account_sid: format!("SK{}", "a".repeat(32)), ..twilio_settings() };
        assert_eq!(settings.validate().map_err(|e| e.path), Err("twilio.account_sid".to_owned()));
    }

    #[test]
    fn a_key_sid_is_optional_but_checked_when_given() {
        let settings = TwilioSettings { key_sid: "SK123".into(), ..twilio_settings() };
        assert_eq!(settings.validate().map_err(|e| e.path), Err("twilio.key_sid".to_owned()));
        let settings = TwilioSettings { messaging_service_sid: format!("PN{}", "a".repeat(32)), ..twilio_settings() };
        assert_eq!(settings.validate().map_err(|e| e.path), Err("twilio.messaging_service_sid".to_owned()));
    }

    #[test]
    fn a_token_in_the_address_is_refused() {
        let settings = HubSpotSettings {
            base_url: "https://proxy.example/hs?token=pat-1".into(),
            ..HubSpotSettings::new_default()
        };
        assert_eq!(settings.validate().map_err(|e| e.path), Err("hubspot.base_url".to_owned()));
        let settings =
            HubSpotSettings { base_url: "https://me:pw@proxy.example".into(), ..HubSpotSettings::new_default() };
        assert!(settings.validate().is_err());
    }

    #[test]
    fn the_consent_property_is_optional_but_must_be_an_internal_name() {
        let with = |name: &str| HubSpotSettings { sms_consent_property: name.into(), ..HubSpotSettings::new_default() };
        assert_eq!(with("").validate(), Ok(()));
        assert_eq!(with("sms_consent_2").validate(), Ok(()));
        assert_eq!(with("SMS consent").validate().map_err(|e| e.path), Err("hubspot.sms_consent_property".to_owned()));
    }

    #[test]
    fn a_local_proxy_over_http_is_allowed() {
        let settings =
            HubSpotSettings { base_url: "http://127.0.0.1:9000/hubspot".into(), ..HubSpotSettings::new_default() };
        assert_eq!(settings.validate(), Ok(()));
    }

    #[test]
    fn plain_http_to_another_host_is_refused() {
        for url in ["http://proxy.example.com/hubspot", "http://127.0.0.1.evil.example/hs", "http://10.0.0.5/hs"] {
            let settings = HubSpotSettings { base_url: url.into(), ..HubSpotSettings::new_default() };
            assert_eq!(settings.validate().map_err(|e| e.path), Err("hubspot.base_url".to_owned()), "{url}");
        }
        for url in ["http://localhost:8080/api/hubspot", "http://[::1]:9000/hs"] {
            let settings = HubSpotSettings { base_url: url.into(), ..HubSpotSettings::new_default() };
            assert_eq!(settings.validate(), Ok(()), "{url}");
        }
    }

    #[test]
    fn only_systems_that_bring_calls_count_as_call_sources() {
        let hubspot_crm_only =
            ConnectionSettings { hubspot: Some(HubSpotSettings::new_default()), ..Default::default() };
        assert!(hubspot_crm_only.call_sources().is_empty());
        let with_twilio = ConnectionSettings { twilio: Some(twilio_settings()), ..hubspot_crm_only };
        assert_eq!(with_twilio.call_sources(), ["Twilio"]);
    }

    #[test]
    fn behind_the_server_every_service_goes_through_its_proxy_without_a_token() {
        let served: ServedConfig = serde_json::from_str(
            r#"{"authorizing_proxy": true, "user": null,
                "twilio": {"base": "/api/twilio", "intelligence_base": "/api/twilio-intelligence",
                           "account_sid": "AC0123456789abcdef0123456789abcdef"},
                "hubspot": {"base": "/api/hubspot"}}"#,
        )
        .unwrap();
        let mine = HubSpotSettings { sms_consent_property: "sms_consent".into(), ..HubSpotSettings::new_default() };
        let before = ConnectionSettings { hubspot: Some(mine), ..Default::default() };
        let after = before.behind_server(&served, "https://clock.example.com/");
        let twilio = after.twilio.unwrap();
        let hubspot = after.hubspot.unwrap();
        assert_eq!(twilio.base_url, "https://clock.example.com/api/twilio");
        assert_eq!(twilio.intelligence_base_url, "https://clock.example.com/api/twilio-intelligence");
        assert!(twilio.proxy_authorizes && hubspot.proxy_authorizes);
        assert_eq!(twilio.validate(), Ok(()));
        assert_eq!(hubspot.base_url, "https://clock.example.com/api/hubspot");
        assert_eq!(hubspot.sms_consent_property, "sms_consent", "the business's own choices stay");
    }

    #[test]
    fn stored_settings_without_newer_fields_still_load() {
        let settings: ConnectionSettings = serde_json::from_str("{}").expect("empty settings parse");
        assert_eq!(settings, ConnectionSettings::default());
        let hubspot: HubSpotSettings =
            serde_json::from_str(r#"{"base_url": "https://api.hubapi.com"}"#).expect("parses");
        assert!(hubspot.write_back);
    }

    /// The tests' pinned clock.
    fn now() -> Timestamp {
        "2026-12-01T17:00:00Z".parse().expect("a timestamp")
    }

    fn synced_at(minutes_ago: i64) -> (ConnectionSettings, Timestamp) {
        let now = now();
        let settings = ConnectionSettings {
            hubspot: Some(HubSpotSettings::new_default()),
            synced_until: Some((now - SignedDuration::from_mins(minutes_ago)).to_string()),
            ..Default::default()
        };
        (settings, now)
    }

    #[test]
    fn an_open_surface_syncs_again_once_the_interval_has_passed() {
        let (settings, now) = synced_at(4);
        assert!(!settings.sync_due(DataOrigin::Sync, now, settings.sync_interval()));
        let (settings, now) = synced_at(5);
        assert!(settings.sync_due(DataOrigin::Sync, now, settings.sync_interval()));
    }

    #[test]
    fn coming_back_to_the_tab_syncs_if_a_minute_has_passed() {
        let (settings, now) = synced_at(2);
        assert!(settings.sync_due(DataOrigin::Sync, now, SignedDuration::from_mins(1)));
    }

    #[test]
    fn nothing_connected_or_the_schedule_off_never_syncs_by_itself() {
        let (settings, now) = synced_at(60);
        let off = ConnectionSettings { sync_every_minutes: Some(0), ..settings.clone() };
        assert!(!off.sync_due(DataOrigin::Sync, now, off.sync_interval()));
        let demo = ConnectionSettings { hubspot: None, ..settings.clone() };
        assert!(!demo.sync_due(DataOrigin::Sync, now, demo.sync_interval()));
        let never = ConnectionSettings { synced_until: None, ..settings };
        assert!(!never.sync_due(DataOrigin::Demo, now, never.sync_interval()), "the first sync is by hand");
    }

    /// A browser of a team served by `callback-clock serve` with HubSpot behind its proxy,
    /// before its first sync.
    fn team_behind_server() -> ConnectionSettings {
        let served: ServedConfig =
            serde_json::from_str(r#"{"authorizing_proxy": true, "user": null, "hubspot": {"base": "/api/hubspot"}}"#)
                .expect("a served config");
        ConnectionSettings::default().behind_server(&served, "https://clock.example.com")
    }

    #[test]
    fn behind_the_server_the_first_sync_replaces_the_demo_by_itself() {
        let team = team_behind_server();
        assert!(team.sync_due(DataOrigin::Demo, now(), team.sync_interval()));
    }

    #[test]
    fn behind_the_server_a_persons_own_import_is_not_replaced_by_itself() {
        let team = team_behind_server();
        assert!(!team.sync_due(DataOrigin::Import, now(), team.sync_interval()));
        assert!(!team.sync_due(DataOrigin::Csv, now(), team.sync_interval()));
    }

    #[test]
    fn a_token_typed_in_this_tab_keeps_the_first_sync_by_hand() {
        let mixed = ConnectionSettings {
            hubspot: Some(HubSpotSettings { proxy_authorizes: true, ..HubSpotSettings::new_default() }),
            twilio: Some(TwilioSettings::new_default()),
            ..Default::default()
        };
        assert!(!mixed.sync_due(DataOrigin::Demo, now(), mixed.sync_interval()));
    }

    #[test]
    fn the_top_bar_says_how_long_ago_the_last_sync_was() {
        assert_eq!(synced_at(0).0.last_synced_label(synced_at(0).1).as_deref(), Some("synced just now"));
        assert_eq!(synced_at(7).0.last_synced_label(synced_at(7).1).as_deref(), Some("synced 7 min ago"));
        assert_eq!(synced_at(180).0.last_synced_label(synced_at(180).1).as_deref(), Some("synced 3 h ago"));
        assert_eq!(ConnectionSettings::default().last_synced_label(synced_at(0).1), None);
    }
}
