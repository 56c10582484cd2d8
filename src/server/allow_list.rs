//! The only requests the proxy forwards: the methods and paths the connectors build, in one table.
//!
//! Each row names the upstream, the method, a path pattern and the [`Access`] it needs. A path
//! is matched segment by segment: a literal, `{account}` (the configured Twilio account, and no
//! other), `{id}` (letters, digits, `-`, `_`; optionally followed by a literal suffix such as
//! `.json`), or a fixed set of CRM object types. Anything else is refused, including encoded
//! characters, so nothing like `..` or `%2F` can reach another path upstream. The tests in
//! `tests/serve_proxy.rs` send the connectors' own requests through this table.

use crate::connectors::Method;

use super::users::Access;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upstream {
    Twilio,
    /// Twilio's Voice Intelligence (voicemail transcripts), on a host of its own.
    TwilioIntelligence,
    HubSpot,
}

impl Upstream {
    pub fn name(self) -> &'static str {
        match self {
            Upstream::Twilio => "twilio",
            Upstream::TwilioIntelligence => "twilio-intelligence",
            Upstream::HubSpot => "hubspot",
        }
    }

    /// Where the browser reaches it on this server.
    pub fn prefix(self) -> &'static str {
        match self {
            Upstream::Twilio => "/api/twilio",
            Upstream::TwilioIntelligence => "/api/twilio-intelligence",
            Upstream::HubSpot => "/api/hubspot",
        }
    }
}

struct Route {
    upstream: Upstream,
    method: Method,
    path: &'static str,
    access: Access,
}

const fn route(upstream: Upstream, method: Method, path: &'static str, access: Access) -> Route {
    Route { upstream, method, path, access }
}

use Access::{Configure, Read, Work};
use Method::{Delete, Get, Patch, Post};
use Upstream::{HubSpot, Twilio, TwilioIntelligence};

/// Every forwarded request. Search is a POST that only reads.
const ROUTES: &[Route] = &[
    route(Twilio, Get, "/2010-04-01/Accounts/{account}/Calls.json", Read),
    route(Twilio, Get, "/2010-04-01/Accounts/{account}/Calls/{id}.json", Read),
    route(Twilio, Get, "/2010-04-01/Accounts/{account}/Recordings.json", Read),
    route(Twilio, Get, "/2010-04-01/Accounts/{account}/Recordings/{id}.json", Read),
    route(Twilio, Get, "/2010-04-01/Accounts/{account}/Recordings/{id}/Transcriptions.json", Read),
    route(Twilio, Get, "/2010-04-01/Accounts/{account}/Messages.json", Read),
    route(Twilio, Post, "/2010-04-01/Accounts/{account}/Messages.json", Work),
    route(TwilioIntelligence, Get, "/v2/Transcripts", Read),
    route(TwilioIntelligence, Get, "/v2/Transcripts/{id}/Sentences", Read),
    route(HubSpot, Get, "/crm/v3/objects/{listed}", Read),
    route(HubSpot, Get, "/crm/v3/owners", Read),
    route(HubSpot, Post, "/crm/v3/objects/{searched}/search", Read),
    route(HubSpot, Post, "/crm/v3/objects/{written}", Work),
    route(HubSpot, Get, "/crm/v3/objects/tasks/{id}", Read),
    route(HubSpot, Patch, "/crm/v3/objects/tasks/{id}", Work),
    // A note two machines made at the same moment: the younger one is archived.
    route(HubSpot, Delete, "/crm/v3/objects/notes/{id}", Work),
    route(HubSpot, Post, "/crm/v3/properties/{written}", Configure),
    route(HubSpot, Post, "/crm/v3/properties/{written}/groups", Configure),
];

/// Object types the CRM sync lists.
const LISTED: &[&str] = &["contacts", "deals", "tickets"];
/// Object types searched: logged calls, and tasks and notes by call id before a write.
const SEARCHED: &[&str] = &["calls", "tasks", "notes"];
/// Object types written back.
const WRITTEN: &[&str] = &["tasks", "notes"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allowed(Access),
    /// The path is on the list, but not with this method.
    MethodNotAllowed,
    NotListed,
}

/// Whether `method path` (the path after `/api/twilio` or `/api/hubspot`, without the query)
/// may be forwarded, and what it needs. `account_sid` is the configured Twilio account.
pub fn check(upstream: Upstream, method: &str, path: &str, account_sid: &str) -> Verdict {
    let mut path_matched = false;
    for route in ROUTES.iter().filter(|r| r.upstream == upstream) {
        if matches(route.path, path, account_sid) {
            if route.method.as_str() == method {
                return Verdict::Allowed(route.access);
            }
            path_matched = true;
        }
    }
    if path_matched {
        Verdict::MethodNotAllowed
    } else {
        Verdict::NotListed
    }
}

fn matches(pattern: &str, path: &str, account_sid: &str) -> bool {
    let mut wanted = pattern.split('/');
    let mut given = path.split('/');
    loop {
        match (wanted.next(), given.next()) {
            (None, None) => return true,
            (Some(w), Some(g)) if segment_matches(w, g, account_sid) => {}
            _ => return false,
        }
    }
}

fn segment_matches(pattern: &str, segment: &str, account_sid: &str) -> bool {
    let Some(rest) = pattern.strip_prefix('{') else { return pattern == segment };
    let Some((name, suffix)) = rest.split_once('}') else { return false };
    let Some(value) = segment.strip_suffix(suffix) else { return false };
    match name {
        "account" => !account_sid.is_empty() && value == account_sid,
        "id" => !value.is_empty() && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
        "listed" => LISTED.contains(&value),
        "searched" => SEARCHED.contains(&value),
        "written" => WRITTEN.contains(&value),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SID: &str = "AC0123456789abcdef0123456789abcdef";

    #[test]
    fn another_twilio_account_is_not_on_the_list() {
        let other = "/2010-04-01/Accounts/ACffffffffffffffffffffffffffffffff/Calls.json";
        assert_eq!(check(Twilio, "GET", other, SID), Verdict::NotListed);
        assert_eq!(
            check(Twilio, "GET", &format!("/2010-04-01/Accounts/{SID}/Calls.json"), SID),
            Verdict::Allowed(Read)
        );
    }

    #[test]
    fn encoded_or_dotted_segments_never_match() {
        for path in
            ["/crm/v3/objects/tasks/..%2F..%2Fowners", "/crm/v3/objects/tasks/../owners", "/crm/v3/objects/tasks/1%2F2"]
        {
            assert_eq!(check(HubSpot, "GET", path, SID), Verdict::NotListed, "{path}");
        }
    }

    #[test]
    fn only_a_note_may_be_archived_and_only_by_someone_who_works_calls() {
        assert_eq!(check(HubSpot, "DELETE", "/crm/v3/objects/notes/5002", SID), Verdict::Allowed(Work));
        assert_eq!(check(HubSpot, "DELETE", "/crm/v3/objects/tasks/901", SID), Verdict::MethodNotAllowed);
        assert_eq!(check(HubSpot, "DELETE", "/crm/v3/objects/contacts/51", SID), Verdict::NotListed);
    }

    #[test]
    fn a_listed_path_with_another_method_is_refused_as_such() {
        assert_eq!(check(HubSpot, "DELETE", "/crm/v3/objects/tasks/901", SID), Verdict::MethodNotAllowed);
        assert_eq!(check(HubSpot, "PATCH", "/crm/v3/objects/tasks/901", SID), Verdict::Allowed(Work));
    }

    #[test]
    fn creating_a_property_is_configuration() {
        assert_eq!(check(HubSpot, "POST", "/crm/v3/properties/tasks", SID), Verdict::Allowed(Configure));
        assert_eq!(check(HubSpot, "POST", "/crm/v3/properties/contacts", SID), Verdict::NotListed);
        assert_eq!(check(HubSpot, "POST", "/crm/v3/properties/notes/groups", SID), Verdict::Allowed(Configure));
    }

    #[test]
    fn a_late_transcripts_recording_is_read() {
        let path = format!("/2010-04-01/Accounts/{SID}/Recordings/RE0123456789abcdef0123456789abcdef.json");
        assert_eq!(check(Twilio, "GET", &path, SID), Verdict::Allowed(Read));
    }

    #[test]
    fn voice_intelligence_forwards_only_the_transcript_reads() {
        assert_eq!(check(TwilioIntelligence, "GET", "/v2/Transcripts", SID), Verdict::Allowed(Read));
        assert_eq!(check(TwilioIntelligence, "GET", "/v2/Transcripts/GT123/Sentences", SID), Verdict::Allowed(Read));
        assert_eq!(check(TwilioIntelligence, "DELETE", "/v2/Transcripts/GT123", SID), Verdict::NotListed);
        assert_eq!(check(TwilioIntelligence, "POST", "/v2/Transcripts", SID), Verdict::MethodNotAllowed);
        assert_eq!(check(TwilioIntelligence, "GET", "/v2/Services", SID), Verdict::NotListed);
    }
}
