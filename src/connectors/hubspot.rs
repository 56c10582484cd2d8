//! HubSpot CRM v3: the CRM side read into the bundle, callback tasks and notes written back.
//!
//! Reading: [`CrmSync`] pages (`after` cursors) through contacts with every phone property,
//! deals and tickets with their associated contacts, and owners. [`LoggedCallSync`] reads
//! inbound calls that a phone system logged into HubSpot with a missed status, through the
//! search API.
//!
//! Writing: [`TaskWrite`] creates one callback task (type CALL, priority from urgency, due at
//! the deadline, owner, associated to the contact) and one note with the summary and
//! evidence, each at most once per call. The call id is stored on both in a custom text
//! property ([`DEFAULT_CALL_ID_PROPERTY`] in the app's property group [`PROPERTY_GROUP`],
//! created once by the admin; see [`HubSpotAccount::create_property_group`] and
//! [`HubSpotAccount::create_call_id_property`]), and the machine searches for it before every
//! create: search → create if absent → search again if a create's answer was lost. So a
//! retried write, a reload or a later second tab finds the task instead of making another.
//!
//! What people do on a call later (a disposition, an attempt, a resolved review, a match) is an
//! [`action_note::ActionNoteWrite`]: a note marked with the app's action id, made at most once
//! in the same way; a disposition also completes the task.
//!
//! One file a job under `hubspot/` (`crm_sync`, `logged_calls`, `once`, `task_write`,
//! `action_note`, `owner_write`, `shared_record`, `placed_calls`); this one holds the account,
//! its errors and the wire shapes they all read, which each part takes with `use super::*`.
//!
//! Mapping: a contact with `lifecyclestage = customer` is a customer; a deal is an open lead
//! unless HubSpot marks it closed (won or lost); a ticket is closed once it has a
//! `closed_date` or sits in a stage the admin named closed. A deal or ticket is tied to its
//! lowest-id associated contact (the bundle holds one).

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Deserialize;
use serde_json::{json, Value};

pub mod action_note;
mod crm_sync;
mod logged_calls;
mod once;
pub mod owner_write;
pub mod placed_calls;
pub mod shared_record;
mod task_write;

pub use crm_sync::{CrmData, CrmSync, HubSpotOwner};
pub use logged_calls::{missed_status, parse_hubspot_time, LoggedCallSync};
pub use once::rich_text;
use once::{archived, contact_associations, found, Landed, Once};
pub use task_write::{CallbackTask, TaskWrite, TaskWritten};

use super::error::{retry_after_header, status_error, ConnectorError};
use super::http::{encode_component, join_url, with_query, HttpRequest, HttpResponse, Outcome, Secret};

pub const SERVICE: &str = "HubSpot";
pub const API_ROOT: &str = "https://api.hubapi.com";
/// The property group the app's own properties live in, on tasks and on notes.
pub const PROPERTY_GROUP: &str = "callback_clock";
/// The custom property (on tasks and notes) that holds the call id a record was made for.
pub const DEFAULT_CALL_ID_PROPERTY: &str = "callback_clock_call_id";
/// HubSpot-defined association types (v4 ids).
pub const TASK_TO_CONTACT: u32 = 204;
pub const NOTE_TO_CONTACT: u32 = 202;
/// Phone properties HubSpot keeps on a contact.
pub const PHONE_PROPERTIES: [&str; 3] = ["phone", "mobilephone", "hs_whatsapp_phone_number"];
/// HubSpot's search index trails writes by a few seconds; after a create whose answer was lost,
/// wait at least this long before searching for it, or the search may not see it yet.
pub const SEARCH_SETTLE: Duration = Duration::from_secs(5);
const PAGE_LIMIT: &str = "100";

/// One connected HubSpot portal and how this business uses it.
#[derive(Debug, Clone)]
pub struct HubSpotAccount {
    base_url: String,
    authorization: Option<Secret>,
    pub call_id_property: String,
    /// Extra contact properties that hold phone numbers (custom ones some portals add).
    pub extra_phone_properties: Vec<String>,
    /// A contact property holding SMS consent as `opted_in` / `opted_out` (anything else is unknown).
    pub sms_consent_property: Option<String>,
    /// Ticket pipeline stage ids that count as closed (HubSpot's default pipeline closes at "4").
    pub closed_ticket_stages: Vec<String>,
}

impl HubSpotAccount {
    /// A private app's access token or an OAuth access token, sent as a bearer token.
    pub fn new(base_url: &str, access_token: &Secret) -> HubSpotAccount {
        HubSpotAccount {
            base_url: base_url.to_owned(),
            authorization: Some(
                Secret::new(format!("Bearer {}", access_token.expose())).also_hiding(access_token.expose()),
            ),
            call_id_property: DEFAULT_CALL_ID_PROPERTY.to_owned(),
            extra_phone_properties: Vec::new(),
            sms_consent_property: None,
            closed_ticket_stages: vec!["4".to_owned()],
        }
    }

    /// A proxy that adds the token itself: requests carry no `Authorization`.
    pub fn via_authorizing_proxy(base_url: &str) -> HubSpotAccount {
        HubSpotAccount { authorization: None, ..HubSpotAccount::new(base_url, &Secret::new("")) }
    }

    fn secret(&self) -> Secret {
        self.authorization.clone().unwrap_or_else(|| Secret::new(""))
    }

    fn url(&self, path: &str, query: &[(&str, String)]) -> String {
        with_query(join_url(&self.base_url, path), query)
    }

    fn request(&self, mut request: HttpRequest) -> HttpRequest {
        request.authorization = self.authorization.clone();
        request
    }

    fn get(&self, url: String) -> HttpRequest {
        self.request(HttpRequest::get(url, &self.secret()))
    }

    fn post(&self, url: String, body: &Value) -> HttpRequest {
        self.request(HttpRequest::post_json(url, &self.secret(), body))
    }

    /// The first one-time setup request for `object_type` (`tasks` or `notes`): the app's own
    /// property group, [`PROPERTY_GROUP`], as HubSpot advises an integration that creates
    /// properties to make, rather than guessing the name of one of HubSpot's default groups.
    /// A 409 answer means it exists already, which is fine.
    pub fn create_property_group(&self, object_type: &str) -> HttpRequest {
        let body = json!({ "name": PROPERTY_GROUP, "label": "Callback Clock", "displayOrder": -1 });
        let path = format!("/crm/v3/properties/{}/groups", encode_component(object_type));
        self.post(self.url(&path, &[]), &body)
    }

    /// The second one-time setup request: the call-id property on `object_type` (`tasks` or
    /// `notes`), in [`PROPERTY_GROUP`]. A 409 answer means it exists already, which is fine.
    pub fn create_call_id_property(&self, object_type: &str) -> HttpRequest {
        let body = json!({
            "name": self.call_id_property,
            "label": "Callback Clock call id",
            "type": "string",
            "fieldType": "text",
            "groupName": PROPERTY_GROUP,
            "description": "The phone system's call id this record was created for; keeps writes from duplicating.",
        });
        self.post(self.url(&format!("/crm/v3/properties/{}", encode_component(object_type)), &[]), &body)
    }

    fn contact_properties(&self) -> Vec<String> {
        let mut properties: Vec<String> =
            ["firstname", "lastname", "hubspot_owner_id", "zip", "lifecyclestage"].map(String::from).into();
        properties.extend(PHONE_PROPERTIES.map(String::from));
        properties.extend(self.extra_phone_properties.iter().cloned());
        properties.extend(self.sms_consent_property.iter().cloned());
        properties
    }
}

// The wire shapes every reader and writer below shares.

#[derive(Debug, Deserialize)]
struct Page {
    #[serde(default)]
    results: Vec<Record>,
    #[serde(default)]
    paging: Option<Paging>,
}

#[derive(Debug, Deserialize)]
struct Paging {
    #[serde(default)]
    next: Option<NextPage>,
}

#[derive(Debug, Deserialize)]
struct NextPage {
    after: String,
}

impl Page {
    fn after(&self) -> Option<String> {
        self.paging.as_ref().and_then(|p| p.next.as_ref()).map(|n| n.after.clone()).filter(|a| !a.is_empty())
    }
}

#[derive(Debug, Deserialize)]
struct Record {
    id: String,
    #[serde(default)]
    properties: BTreeMap<String, Option<String>>,
    #[serde(default)]
    associations: BTreeMap<String, AssociationList>,
}

#[derive(Debug, Deserialize)]
struct AssociationList {
    #[serde(default)]
    results: Vec<AssociationRef>,
}

#[derive(Debug, Deserialize)]
struct AssociationRef {
    id: String,
}

impl Record {
    fn property(&self, name: &str) -> Option<&str> {
        self.properties.get(name).and_then(|v| v.as_deref()).map(str::trim).filter(|v| !v.is_empty())
    }

    /// The lowest associated contact id, compared as numbers (HubSpot ids are numeric).
    fn first_contact(&self) -> Option<String> {
        let list = self.associations.get("contacts")?;
        list.results.iter().map(|r| r.id.clone()).min_by_key(|id| (id.len(), id.clone()))
    }
}

#[derive(Debug, Deserialize)]
struct OwnerPage {
    #[serde(default)]
    results: Vec<OwnerRecord>,
    #[serde(default)]
    paging: Option<Paging>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct OwnerRecord {
    id: String,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    first_name: Option<String>,
    #[serde(default)]
    last_name: Option<String>,
    #[serde(default)]
    archived: bool,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct HubSpotErrorBody {
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    policy_name: Option<String>,
}

fn read_json<T: for<'de> Deserialize<'de>>(outcome: Outcome, what: &str, secret: &Secret) -> Result<T, ConnectorError> {
    super::error::read_json(outcome, SERVICE, what, |response| error_for(response, secret))
}

/// HubSpot's 429s say which limit was hit: `policyName` DAILY cannot be waited out; the
/// secondly limits give their window in `X-HubSpot-RateLimit-Interval-Milliseconds`.
fn error_for(response: &HttpResponse, secret: &Secret) -> ConnectorError {
    let body: Option<HubSpotErrorBody> = serde_json::from_str(&response.body).ok();
    let message = body.as_ref().and_then(|b| b.message.as_deref());
    let error = status_error(SERVICE, response, None, message, secret);
    if response.status != 429 {
        return error;
    }
    let daily = body.as_ref().and_then(|b| b.policy_name.as_deref()) == Some("DAILY")
        || response.header("x-hubspot-ratelimit-daily-remaining") == Some("0");
    let window = response
        .header("x-hubspot-ratelimit-interval-milliseconds")
        .filter(|_| response.header("x-hubspot-ratelimit-remaining") == Some("0"))
        .and_then(|ms| ms.parse::<u64>().ok())
        .map(Duration::from_millis);
    ConnectorError::RateLimited {
        service: SERVICE,
        retry_after: retry_after_header(response).or(window),
        daily_limit_reached: daily,
    }
}

#[cfg(test)]
mod tests {
    use super::logged_calls::DISPOSITION_NO_ANSWER;
    use super::*;
    use crate::connectors::http::Exchange;
    use crate::engine::bundle::CallStatus;

    #[test]
    fn a_logged_completed_call_with_the_no_answer_outcome_is_missed() {
        assert_eq!(missed_status(Some("COMPLETED"), Some(DISPOSITION_NO_ANSWER)), Some(CallStatus::NoAnswer));
        assert_eq!(missed_status(Some("COMPLETED"), None), None);
        assert_eq!(missed_status(Some("BUSY"), None), Some(CallStatus::Busy));
    }

    #[test]
    fn a_contacts_page_cursor_that_comes_back_ends_the_sync_instead_of_looping() {
        let account = HubSpotAccount::new("https://api.hubapi.com", &Secret::new("pat-na1-test-token"));
        let mut sync = account.crm_sync();
        let page = || answer(200, json!({ "results": [], "paging": { "next": { "after": "200" } } }));
        assert_eq!(sync.receive(page()), Ok(()));
        assert!(matches!(sync.receive(page()), Err(ConnectorError::Malformed { .. })));
    }

    #[test]
    fn markup_in_a_callers_words_reaches_hubspot_as_text() {
        let body = rich_text("Missed call from <img src=x onerror=alert(1)> & \"Bob\"\nline two");
        assert_eq!(body, "Missed call from &lt;img src=x onerror=alert(1)&gt; &amp; &quot;Bob&quot;<br>line two");
    }

    fn answer(status: u16, body: Value) -> Outcome {
        Ok(HttpResponse { status, headers: Vec::new(), body: body.to_string() })
    }

    #[test]
    fn hubspot_times_parse_in_both_forms() {
        assert_eq!(parse_hubspot_time("2026-03-10T15:00:00.000Z").unwrap().to_string(), "2026-03-10T15:00:00Z");
        assert_eq!(parse_hubspot_time("1773154800000").unwrap().to_string(), "2026-03-10T15:00:00Z");
    }
}
