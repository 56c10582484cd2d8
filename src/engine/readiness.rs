//! Pilot readiness: what stops a business from starting a pilot with the data it has.
//!
//! Three things block a pilot: no calls to work from (no phone system connected and nothing
//! imported), a tracking number whose calls would have no owner, and texts switched on with
//! no consent recorded anywhere. Each blocker says what is wrong and what fixes it; the
//! reports page only lists them.

use std::collections::HashSet;
use std::fmt;

use super::bundle::{Config, Crm, SmsConsent, Source};

/// Where the calls come from, as the store knows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallSupply {
    /// Phone systems connected for live calls (e.g. "Twilio").
    pub connected: Vec<String>,
    /// Calls held in the store (imported from exports, the demo, or a connector).
    pub calls_held: usize,
}

/// One reason the pilot cannot start yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocker {
    /// No phone system connected and no call imported.
    NoCallSource,
    /// Calls to this tracking number get no owner: the number has no owner, no owner covers
    /// its service line, and there is no default owner.
    TrackingNumberWithoutOwnerRule { number: String, name: String },
    /// No tracking numbers and no default owner: every call would wait for someone to claim it.
    NoTrackingNumbersOrDefaultOwner,
    /// Texts are enabled, but no contact has a recorded consent (all `unknown`), so no text
    /// could ever be sent lawfully.
    NoConsentSourceForTexts,
}

impl Blocker {
    /// What a manager should do about it.
    pub fn fix(&self) -> &'static str {
        match self {
            Blocker::NoCallSource => "Connect a phone system or import a call-log export in Settings.",
            Blocker::TrackingNumberWithoutOwnerRule { .. } => {
                "Give the number an owner, give an owner its service line, or set a default owner."
            }
            Blocker::NoTrackingNumbersOrDefaultOwner => {
                "Add your tracking numbers with owners, or set a default owner."
            }
            Blocker::NoConsentSourceForTexts => {
                "Name the CRM's consent property on the Connections page and sync, import contacts with their text consent (opted in or out), or switch texts off."
            }
        }
    }
}

impl fmt::Display for Blocker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Blocker::NoCallSource => {
                write!(f, "No call source: no phone system is connected and no calls are imported.")
            }
            Blocker::TrackingNumberWithoutOwnerRule { number, name } => {
                write!(f, "Tracking number {number} ({name}) has no owner rule: its missed calls would have no owner.")
            }
            Blocker::NoTrackingNumbersOrDefaultOwner => {
                write!(f, "No tracking numbers and no default owner: no missed call would get an owner.")
            }
            Blocker::NoConsentSourceForTexts => {
                write!(f, "Texts are on, but no contact has a recorded consent, so none could be sent.")
            }
        }
    }
}

/// Every blocker, in the order a manager would fix them (calls first, then owners, then texts).
/// An empty list means ready.
pub fn pilot_blockers(config: &Config, crm: &Crm, supply: &CallSupply) -> Vec<Blocker> {
    let mut blockers = Vec::new();
    if supply.connected.is_empty() && supply.calls_held == 0 {
        blockers.push(Blocker::NoCallSource);
    }
    blockers.extend(unowned_tracking_numbers(config));
    if texts_lack_consent_source(config, crm) {
        blockers.push(Blocker::NoConsentSourceForTexts);
    }
    blockers
}

/// The tracking numbers no routing rule gives an owner, whatever the caller. Territory rules
/// do not count: they depend on where a caller is, which many calls never say. The
/// after-hours owner does not count either: it only takes after-hours emergencies.
pub fn unowned_tracking_numbers(config: &Config) -> Vec<Blocker> {
    if config.routing.default_owner.is_some() {
        return Vec::new();
    }
    if config.sources.is_empty() {
        return vec![Blocker::NoTrackingNumbersOrDefaultOwner];
    }
    let covered_lines: HashSet<&str> =
        config.owners.iter().flat_map(|o| o.service_lines.iter().map(String::as_str)).collect();
    let has_rule = |source: &Source| {
        source.owner.is_some() || source.service_line.as_deref().is_some_and(|line| covered_lines.contains(line))
    };
    config
        .sources
        .iter()
        .filter(|source| !has_rule(source))
        .map(|source| Blocker::TrackingNumberWithoutOwnerRule {
            number: source.number.clone(),
            name: source.name.clone(),
        })
        .collect()
}

/// Texts are on but every contact's consent is `unknown` (or there are no contacts).
pub fn texts_lack_consent_source(config: &Config, crm: &Crm) -> bool {
    config.sms.enabled && crm.contacts.iter().all(|c| c.sms_consent == SmsConsent::Unknown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::bundle::Bundle;

    fn bundle(config: &str, contacts: &str) -> Bundle {
        let json = format!(
            r#"{{"now": "2026-11-06T12:00:00Z", "config": {{"timezone": "UTC", {config}}},
                "crm": {{"contacts": [{contacts}]}}, "calls": []}}"#
        );
        serde_json::from_str(&json).expect("test bundle parses")
    }

    const OWNERS: &str = r#""owners": [{"id": "ana", "name": "Ana", "service_lines": ["hvac"]}]"#;

    fn supplied() -> CallSupply {
        CallSupply { connected: vec![], calls_held: 12 }
    }

    #[test]
    fn no_connected_phone_system_and_no_calls_blocks_the_pilot() {
        let b = bundle(r#""routing": {"default_owner": "ana"}, "owners": [{"id": "ana", "name": "Ana"}]"#, "");
        assert_eq!(pilot_blockers(&b.config, &b.crm, &CallSupply::default()), vec![Blocker::NoCallSource]);
        let connected = CallSupply { connected: vec!["Twilio".into()], calls_held: 0 };
        assert!(pilot_blockers(&b.config, &b.crm, &connected).is_empty());
        assert!(pilot_blockers(&b.config, &b.crm, &supplied()).is_empty());
    }

    #[test]
    fn tracking_number_without_source_or_service_line_owner_or_default_is_a_blocker() {
        let b = bundle(
            &format!(
                r#"{OWNERS}, "sources": [
                    {{"number": "+13035550100", "name": "Google Ads", "owner": "ana"}},
                    {{"number": "+13035550101", "name": "Yard signs", "service_line": "hvac"}},
                    {{"number": "+13035550102", "name": "Radio", "service_line": "plumbing"}},
                    {{"number": "+13035550103", "name": "Website"}}]"#
            ),
            "",
        );
        let names: Vec<String> = pilot_blockers(&b.config, &b.crm, &supplied())
            .into_iter()
            .map(|blocker| match blocker {
                Blocker::TrackingNumberWithoutOwnerRule { name, .. } => name,
                other => panic!("unexpected {other:?}"),
            })
            .collect();
        assert_eq!(names, ["Radio", "Website"]);
    }

    #[test]
    fn a_default_owner_covers_every_tracking_number() {
        let b = bundle(
            &format!(
                r#"{OWNERS}, "routing": {{"default_owner": "ana"}}, "sources": [{{"number": "+13035550103", "name": "Website"}}]"#
            ),
            "",
        );
        assert!(unowned_tracking_numbers(&b.config).is_empty());
    }

    #[test]
    fn no_tracking_numbers_and_no_default_owner_is_a_blocker() {
        let b = bundle(OWNERS, "");
        assert_eq!(unowned_tracking_numbers(&b.config), vec![Blocker::NoTrackingNumbersOrDefaultOwner]);
    }

    #[test]
    fn texts_on_with_only_unknown_consent_is_a_blocker() {
        let unknown = r#"{"id": "k1", "sms_consent": "unknown"}, {"id": "k2"}"#;
        let on = r#""routing": {"default_owner": "ana"}, "owners": [{"id": "ana", "name": "Ana"}], "sms": {"enabled": true}"#;
        let b = bundle(on, unknown);
        assert_eq!(pilot_blockers(&b.config, &b.crm, &supplied()), vec![Blocker::NoConsentSourceForTexts]);
        let b = bundle(on, r#"{"id": "k1", "sms_consent": "opted_out"}"#);
        assert!(!texts_lack_consent_source(&b.config, &b.crm), "an opt-out is a recorded consent value");
        let b = bundle(on, "");
        assert!(texts_lack_consent_source(&b.config, &b.crm), "no contacts, no consent source");
    }

    #[test]
    fn texts_off_need_no_consent_source() {
        let b = bundle(r#""sms": {"enabled": false}"#, r#"{"id": "k1"}"#);
        assert!(!texts_lack_consent_source(&b.config, &b.crm));
    }

    #[test]
    fn every_blocker_says_what_fixes_it() {
        let blocker = Blocker::TrackingNumberWithoutOwnerRule { number: "+13035550102".into(), name: "Radio".into() };
        assert!(blocker.to_string().contains("+13035550102 (Radio)"));
        assert!(!blocker.fix().is_empty());
    }
}
