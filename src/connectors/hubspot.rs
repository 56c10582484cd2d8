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
//! Mapping: a contact with `lifecyclestage = customer` is a customer; a deal is an open lead
//! unless HubSpot marks it closed (won or lost); a ticket is closed once it has a
//! `closed_date` or sits in a stage the admin named closed. A deal or ticket is tied to its
//! lowest-id associated contact (the bundle holds one).

use std::collections::BTreeMap;
use std::time::Duration;

use jiff::Timestamp;
use serde::Deserialize;
use serde_json::{json, Value};

pub mod action_note;
pub mod owner_write;
pub mod placed_calls;
pub mod shared_record;

use super::error::{retry_after_header, status_error, ConnectorError};
use super::http::{encode_component, join_url, with_query, Exchange, HttpRequest, HttpResponse, Outcome, Secret};
use super::paging::Cursors;
use crate::engine::bundle::{
    Call, CallStatus, Contact, Crm, Direction, Instant, Lead, LeadStatus, SmsConsent, Ticket, TicketStatus, Voicemail,
};
use crate::engine::decision::{Decision, Urgency};

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

    /// Contacts, deals, tickets and owners, every page.
    pub fn crm_sync(&self) -> CrmSync {
        CrmSync {
            account: self.clone(),
            stage: CrmStage::Contacts,
            after: None,
            cursors: Cursors::default(),
            data: CrmData::default(),
        }
    }

    /// Inbound calls logged in HubSpot with a missed status, whose time is in `from..until`.
    pub fn logged_calls(&self, from: Timestamp, until: Timestamp) -> LoggedCallSync {
        LoggedCallSync {
            account: self.clone(),
            from,
            until,
            after: None,
            cursors: Cursors::default(),
            done: false,
            calls: Vec::new(),
        }
    }

    /// The idempotent write of one callback task and its note. `written_at` is now: the note's
    /// `hs_timestamp`, where HubSpot places it on the timeline (the task's is its due time).
    pub fn write_task(&self, task: CallbackTask, written_at: Timestamp) -> TaskWrite {
        TaskWrite {
            account: self.clone(),
            task,
            written_at,
            state: WriteState::Task(Once::Find),
            task_id: None,
            created: Created::default(),
            note_id: None,
        }
    }
}

// ---- wire shapes ----

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

// ---- reading the CRM ----

/// An owner as HubSpot lists them; `id` is what `hubspot_owner_id` holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubSpotOwner {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct CrmData {
    pub crm: Crm,
    pub owners: Vec<HubSpotOwner>,
    /// Records that could not be used, with the reason (e.g. a ticket with no contact).
    pub skipped: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CrmStage {
    Contacts,
    Deals,
    Tickets,
    Owners,
    Done,
}

#[derive(Debug)]
pub struct CrmSync {
    account: HubSpotAccount,
    stage: CrmStage,
    after: Option<String>,
    cursors: Cursors,
    data: CrmData,
}

impl CrmSync {
    /// Which kind of record is being read now, for a progress bar.
    pub fn stage_name(&self) -> &'static str {
        match self.stage {
            CrmStage::Contacts => "contacts",
            CrmStage::Deals => "deals",
            CrmStage::Tickets => "tickets",
            CrmStage::Owners => "owners",
            CrmStage::Done => "done",
        }
    }

    fn contact(&self, record: &Record) -> Contact {
        let account = &self.account;
        let phones = PHONE_PROPERTIES
            .iter()
            .copied()
            .chain(account.extra_phone_properties.iter().map(String::as_str))
            .filter_map(|p| record.property(p))
            .map(str::to_owned)
            .collect();
        let name =
            [record.property("firstname"), record.property("lastname")].into_iter().flatten().collect::<Vec<_>>();
        let consent = account.sms_consent_property.as_deref().and_then(|p| record.property(p));
        Contact {
            id: record.id.clone(),
            name: (!name.is_empty()).then(|| name.join(" ")),
            phones,
            customer: record.property("lifecyclestage") == Some("customer"),
            owner: record.property("hubspot_owner_id").map(str::to_owned),
            postal_code: record.property("zip").map(str::to_owned),
            sms_consent: match consent.map(str::to_ascii_lowercase).as_deref() {
                Some("opted_in") => SmsConsent::OptedIn,
                Some("opted_out") => SmsConsent::OptedOut,
                _ => SmsConsent::Unknown,
            },
        }
    }

    fn lead(record: &Record) -> Result<Lead, String> {
        let yes = |p| record.property(p) == Some("true");
        let status = if yes("hs_is_closed_won") {
            LeadStatus::Won
        } else if yes("hs_is_closed") || yes("hs_is_closed_lost") {
            LeadStatus::Lost
        } else {
            LeadStatus::Open
        };
        let amount = match record.property("amount") {
            None => None,
            Some(text) => {
                Some(text.parse::<f64>().map_err(|_| format!("deal {}: amount {text:?} is not a number", record.id))?)
            }
        };
        Ok(Lead {
            id: record.id.clone(),
            contact_id: record.first_contact(),
            phone: None,
            name: record.property("dealname").map(str::to_owned),
            status,
            owner: record.property("hubspot_owner_id").map(str::to_owned),
            amount,
            service_line: None,
        })
    }

    fn ticket(&self, record: &Record) -> Result<Ticket, String> {
        let contact_id =
            record.first_contact().ok_or_else(|| format!("ticket {}: no associated contact", record.id))?;
        let stage = record.property("hs_pipeline_stage");
        let closed = record.property("closed_date").is_some()
            || stage.is_some_and(|s| self.account.closed_ticket_stages.iter().any(|c| c == s));
        Ok(Ticket {
            id: record.id.clone(),
            contact_id,
            status: if closed { TicketStatus::Closed } else { TicketStatus::Open },
            subject: record.property("subject").map(str::to_owned),
        })
    }
}

impl Exchange for CrmSync {
    type Output = CrmData;

    fn next_request(&self) -> Option<HttpRequest> {
        let mut query: Vec<(&str, String)> = vec![("limit", PAGE_LIMIT.to_owned())];
        let path = match self.stage {
            CrmStage::Contacts => {
                query.push(("properties", self.account.contact_properties().join(",")));
                "/crm/v3/objects/contacts"
            }
            CrmStage::Deals => {
                let properties = "dealname,amount,hubspot_owner_id,dealstage,hs_is_closed,hs_is_closed_won";
                query.push(("properties", properties.to_owned()));
                query.push(("associations", "contacts".to_owned()));
                "/crm/v3/objects/deals"
            }
            CrmStage::Tickets => {
                query.push(("properties", "subject,hs_pipeline_stage,closed_date".to_owned()));
                query.push(("associations", "contacts".to_owned()));
                "/crm/v3/objects/tickets"
            }
            CrmStage::Owners => "/crm/v3/owners",
            CrmStage::Done => return None,
        };
        query.extend(self.after.clone().map(|a| ("after", a)));
        Some(self.account.get(self.account.url(path, &query)))
    }

    fn receive(&mut self, outcome: Outcome) -> Result<(), ConnectorError> {
        let secret = self.account.secret();
        let next_stage = |stage| match stage {
            CrmStage::Contacts => CrmStage::Deals,
            CrmStage::Deals => CrmStage::Tickets,
            CrmStage::Tickets => CrmStage::Owners,
            CrmStage::Owners | CrmStage::Done => CrmStage::Done,
        };
        let after = if self.stage == CrmStage::Owners {
            let page: OwnerPage = read_json(outcome, "owners page", &secret)?;
            for owner in page.results.into_iter().filter(|o| !o.archived) {
                let name =
                    [owner.first_name.as_deref(), owner.last_name.as_deref()].into_iter().flatten().collect::<Vec<_>>();
                let name = if name.is_empty() {
                    owner.email.clone().unwrap_or_else(|| owner.id.clone())
                } else {
                    name.join(" ")
                };
                self.data.owners.push(HubSpotOwner { id: owner.id, name, email: owner.email });
            }
            page.paging.and_then(|p| p.next).map(|n| n.after)
        } else {
            let page: Page = read_json(outcome, &format!("{} page", self.stage_name()), &secret)?;
            for record in &page.results {
                match self.stage {
                    CrmStage::Contacts => {
                        let contact = self.contact(record);
                        self.data.crm.contacts.push(contact);
                    }
                    CrmStage::Deals => match Self::lead(record) {
                        Ok(lead) => self.data.crm.leads.push(lead),
                        Err(reason) => self.data.skipped.push(reason),
                    },
                    CrmStage::Tickets => match self.ticket(record) {
                        Ok(ticket) => self.data.crm.tickets.push(ticket),
                        Err(reason) => self.data.skipped.push(reason),
                    },
                    CrmStage::Owners | CrmStage::Done => {}
                }
            }
            page.after()
        };
        match self.cursors.next(SERVICE, self.stage_name(), after)? {
            Some(after) => self.after = Some(after),
            None => {
                self.after = None;
                self.cursors.restart();
                self.stage = next_stage(self.stage);
            }
        }
        Ok(())
    }

    fn finish(self) -> CrmData {
        self.data
    }
}

// ---- reading calls logged in HubSpot ----

/// HubSpot's default call outcomes (`hs_call_disposition` GUIDs) that mean nobody answered.
const DISPOSITION_NO_ANSWER: &str = "73a0d17f-1163-4015-bdd5-ec830791da20";
const DISPOSITION_BUSY: &str = "9d9162e7-6cf3-4944-bf63-4dff82258764";
/// "Left voicemail": on an inbound call, the phone integration's mark that the caller left a
/// message, and so that the call's body holds the voicemail (its transcript), not a rep's notes.
const DISPOSITION_LEFT_VOICEMAIL: &str = "b2cf5968-551e-4856-9783-52b3da59a7d0";

/// `hs_call_status` (and, for a logged `COMPLETED` call, its outcome) onto the contract.
pub fn missed_status(hs_call_status: Option<&str>, hs_call_disposition: Option<&str>) -> Option<CallStatus> {
    match (hs_call_status, hs_call_disposition) {
        (_, Some(DISPOSITION_LEFT_VOICEMAIL)) => Some(CallStatus::Voicemail),
        (_, Some(DISPOSITION_NO_ANSWER)) => Some(CallStatus::NoAnswer),
        (_, Some(DISPOSITION_BUSY)) => Some(CallStatus::Busy),
        (Some("NO_ANSWER" | "MISSED"), _) => Some(CallStatus::NoAnswer),
        (Some("BUSY"), _) => Some(CallStatus::Busy),
        (Some("FAILED"), _) => Some(CallStatus::Failed),
        (Some("CANCELED"), _) => Some(CallStatus::Canceled),
        _ => None,
    }
}

#[derive(Debug)]
pub struct LoggedCallSync {
    account: HubSpotAccount,
    from: Timestamp,
    until: Timestamp,
    after: Option<String>,
    cursors: Cursors,
    done: bool,
    calls: Vec<Call>,
}

const CALL_PROPERTIES: [&str; 7] = [
    "hs_timestamp",
    "hs_call_status",
    "hs_call_disposition",
    "hs_call_direction",
    "hs_call_from_number",
    "hs_call_to_number",
    "hs_call_body",
];

impl Exchange for LoggedCallSync {
    type Output = Vec<Call>;

    fn next_request(&self) -> Option<HttpRequest> {
        if self.done {
            return None;
        }
        let filters = json!([
            { "propertyName": "hs_call_direction", "operator": "EQ", "value": "INBOUND" },
            { "propertyName": "hs_timestamp", "operator": "BETWEEN",
              "value": self.from.as_millisecond().to_string(),
              "highValue": (self.until.as_millisecond() - 1).to_string() },
        ]);
        Some(self.account.search_page("calls", filters, &CALL_PROPERTIES, "hs_timestamp", self.after.as_deref()))
    }

    fn receive(&mut self, outcome: Outcome) -> Result<(), ConnectorError> {
        let page: Page = read_json(outcome, "calls search page", &self.account.secret())?;
        for record in &page.results {
            let Some(status) = missed_status(record.property("hs_call_status"), record.property("hs_call_disposition"))
            else {
                continue;
            };
            let Some(at) = record.property("hs_timestamp").and_then(parse_hubspot_time) else { continue };
            let Some(to) = record.property("hs_call_to_number") else { continue };
            // `hs_call_body` is "the description of the call, including any notes" (HubSpot's
            // calls API): a rep's words, not the caller's, unless the call is marked a voicemail.
            let body = record.property("hs_call_body").filter(|_| status == CallStatus::Voicemail).map(str::to_owned);
            self.calls.push(Call {
                id: format!("hubspot-call-{}", record.id),
                from: record.property("hs_call_from_number").map(str::to_owned),
                caller_name: None,
                to: to.to_owned(),
                started_at: Instant(at),
                status,
                direction: Direction::Inbound,
                ring_seconds: None,
                voicemail: body.map(|text| Voicemail { transcript: Some(text), ..Voicemail::default() }),
            });
        }
        match self.cursors.next(SERVICE, "calls", page.after())? {
            Some(after) => self.after = Some(after),
            None => self.done = true,
        }
        Ok(())
    }

    fn finish(self) -> Vec<Call> {
        self.calls
    }
}

/// HubSpot datetimes come as ISO 8601 UTC (`2026-03-10T15:00:00.000Z`) or epoch milliseconds.
pub fn parse_hubspot_time(text: &str) -> Option<Timestamp> {
    if let Ok(ms) = text.parse::<i64>() {
        return Timestamp::from_millisecond(ms).ok();
    }
    text.parse::<Timestamp>().ok()
}

// ---- writing at most once ----

/// One record made at most once, found again by the marker in its call-id property:
/// search → create if absent → search again (after [`SEARCH_SETTLE`]) if a create's answer
/// was lost. Shared by the task and note steps of both writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Once {
    Find,
    Create,
    /// A create's answer was lost: it may exist. Look before creating.
    Recheck,
}

/// A record that exists now, and whether this step made it.
#[derive(Debug)]
struct Landed {
    id: String,
    created: bool,
}

impl Once {
    fn request(
        self,
        account: &HubSpotAccount,
        object_type: &str,
        marker: &str,
        create: impl FnOnce() -> HttpRequest,
    ) -> HttpRequest {
        match self {
            Once::Find | Once::Recheck => account.search_by_marker(object_type, marker),
            Once::Create => create(),
        }
    }

    /// `Some` once the record exists; `None` when the next step is to create it.
    fn receive(&mut self, account: &HubSpotAccount, outcome: Outcome) -> Result<Option<Landed>, ConnectorError> {
        match self {
            Once::Find | Once::Recheck => match found(account, outcome)? {
                Some(id) => Ok(Some(Landed { id, created: false })),
                None => {
                    *self = Once::Create;
                    Ok(None)
                }
            },
            Once::Create => match created(account, outcome) {
                Ok(id) => Ok(Some(Landed { id, created: true })),
                Err((error, ambiguous)) => {
                    if ambiguous {
                        *self = Once::Recheck;
                    }
                    Err(error)
                }
            },
        }
    }
}

impl HubSpotAccount {
    fn patch(&self, url: String, body: &Value) -> HttpRequest {
        self.request(HttpRequest::patch_json(url, &self.secret(), body))
    }

    fn delete(&self, url: String) -> HttpRequest {
        self.request(HttpRequest::delete(url, &self.secret()))
    }

    /// One page (100) of a CRM search: records of `object_type` matching every filter, oldest
    /// `sort_by` first, from the cursor `after`.
    fn search_page(
        &self,
        object_type: &str,
        filters: Value,
        properties: &[&str],
        sort_by: &str,
        after: Option<&str>,
    ) -> HttpRequest {
        let mut body = json!({
            "filterGroups": [{ "filters": filters }],
            "properties": properties,
            "sorts": [{ "propertyName": sort_by, "direction": "ASCENDING" }],
            "limit": 100,
        });
        if let Some(after) = after {
            body["after"] = json!(after);
        }
        self.post(self.url(&format!("/crm/v3/objects/{object_type}/search"), &[]), &body)
    }

    /// Records of `object_type` whose call-id property holds `marker`, oldest first.
    fn search_by_marker(&self, object_type: &str, marker: &str) -> HttpRequest {
        self.search_marked(object_type, marker, &[])
    }

    /// As [`Self::search_by_marker`], with more of each record's properties.
    fn search_marked(&self, object_type: &str, marker: &str, more: &[&str]) -> HttpRequest {
        let mut properties = vec![self.call_id_property.as_str()];
        properties.extend_from_slice(more);
        let body = json!({
            "filterGroups": [{ "filters": [
                { "propertyName": self.call_id_property, "operator": "EQ", "value": marker },
            ]}],
            "properties": properties,
            "sorts": [{ "propertyName": "hs_createdate", "direction": "ASCENDING" }],
            "limit": 10,
        });
        self.post(self.url(&format!("/crm/v3/objects/{object_type}/search"), &[]), &body)
    }
}

/// The first found record's id, or `None` when the search found nothing.
fn found(account: &HubSpotAccount, outcome: Outcome) -> Result<Option<String>, ConnectorError> {
    let page: Page = read_json(outcome, "search result", &account.secret())?;
    // Oldest first (sorted by create date), so every tab settles on the same record.
    Ok(page.results.into_iter().map(|r| r.id).next())
}

/// A create's answer: the new id, or an error that also says whether the create may have happened.
fn created(account: &HubSpotAccount, outcome: Outcome) -> Result<String, (ConnectorError, bool)> {
    let ambiguous = match &outcome {
        Err(_) => true,
        Ok(response) => response.status >= 500 || response.is_success(),
    };
    #[derive(Deserialize)]
    struct CreatedRecord {
        id: String,
    }
    read_json::<CreatedRecord>(outcome, "created record", &account.secret()).map(|r| r.id).map_err(|e| (e, ambiguous))
}

/// An archive's answer: gone now, whether by this request or an earlier try of it (404).
fn archived(account: &HubSpotAccount, outcome: Outcome) -> Result<(), ConnectorError> {
    let response = outcome.map_err(|e| super::error::transport_error(SERVICE, e))?;
    if response.is_success() || response.status == 404 {
        return Ok(());
    }
    Err(error_for(&response, &account.secret()))
}

/// Plain text as a HubSpot task or note body, which HubSpot shows as HTML: a caller's name (from
/// caller id) or words (from a transcript) such as `<img src=x onerror=…>` must stay text, so
/// `&`, `<`, `>` and quotes are escaped, and line breaks become `<br>` so the lines stay lines.
pub fn rich_text(plain: &str) -> String {
    let mut html = String::with_capacity(plain.len() + 16);
    for c in plain.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            '\'' => html.push_str("&#39;"),
            '\n' => html.push_str("<br>"),
            '\r' => {}
            c => html.push(c),
        }
    }
    html
}

fn contact_associations(contact: Option<&str>, type_id: u32) -> Value {
    match contact {
        Some(contact) => json!([{
            "to": { "id": contact },
            "types": [{ "associationCategory": "HUBSPOT_DEFINED", "associationTypeId": type_id }],
        }]),
        None => json!([]),
    }
}

// ---- writing a callback task ----

/// What to write for one call. Built from the engine's decision with [`CallbackTask::from_decision`].
#[derive(Debug, Clone, PartialEq)]
pub struct CallbackTask {
    pub call_id: String,
    pub contact_id: Option<String>,
    /// A HubSpot owner id (the business's config uses HubSpot owner ids as owner ids).
    pub owner_id: Option<String>,
    pub due_at: Timestamp,
    pub urgency: Urgency,
    pub subject: String,
    /// The note: summary lines and cited evidence, already in words.
    pub note: String,
}

impl CallbackTask {
    /// `None` for a decision that makes no task (excluded, or no deadline).
    pub fn from_decision(decision: &Decision, call: &Call) -> Option<CallbackTask> {
        let due_at = decision.due_at.as_deref()?.parse::<Timestamp>().ok()?;
        let caller =
            call.caller_name.clone().or_else(|| call.from.clone()).unwrap_or_else(|| "withheld number".to_owned());
        let mut note = format!("Missed call from {caller} at {}.\n", call.started_at.0);
        if !decision.summary.is_empty() {
            note.push_str("\nWhat the caller said:\n");
            for line in &decision.summary {
                note.push_str(&format!("- \"{line}\"\n"));
            }
        }
        let evidence: Vec<_> =
            decision.urgency.evidence.iter().chain(decision.categories.iter().flat_map(|c| &c.evidence)).collect();
        if !evidence.is_empty() {
            note.push_str("\nEvidence:\n");
            for item in evidence {
                let value = serde_json::to_value(item).unwrap_or(Value::Null);
                let signal = value.get("signal").and_then(Value::as_str).unwrap_or("signal");
                match value.get("quote").and_then(Value::as_str) {
                    Some(quote) => note.push_str(&format!("- {signal}: \"{quote}\"\n")),
                    None => note.push_str(&format!("- {signal}\n")),
                }
            }
        }
        let level = format!("{:?}", decision.urgency.level).to_lowercase();
        Some(CallbackTask {
            call_id: call.id.clone(),
            contact_id: decision.matched.contact_id.clone(),
            owner_id: decision.owner.clone(),
            due_at,
            urgency: decision.urgency.level,
            subject: format!("Call back {caller} ({level})"),
            note,
        })
    }

    /// HubSpot has three priorities; an emergency and an urgent call both need HIGH.
    pub fn priority(&self) -> &'static str {
        match self.urgency {
            Urgency::Emergency | Urgency::Urgent => "HIGH",
            Urgency::Routine | Urgency::Unknown => "MEDIUM",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WriteState {
    Task(Once),
    Note(Once),
    Done,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Created {
    task: bool,
    note: bool,
}

/// The result of a completed write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskWritten {
    pub task_id: String,
    pub note_id: String,
    /// False when an earlier write (a retry, another tab) had made it already.
    pub task_created: bool,
    pub note_created: bool,
}

#[derive(Debug)]
pub struct TaskWrite {
    account: HubSpotAccount,
    task: CallbackTask,
    written_at: Timestamp,
    state: WriteState,
    task_id: Option<String>,
    created: Created,
    note_id: Option<String>,
}

impl TaskWrite {
    pub fn is_done(&self) -> bool {
        self.state == WriteState::Done
    }

    fn create_task(&self) -> HttpRequest {
        let task = &self.task;
        let mut properties = json!({
            "hs_task_subject": task.subject,
            "hs_task_body": rich_text(&format!("{}\n(Callback Clock, call {})", task.note, task.call_id)),
            "hs_task_type": "CALL",
            "hs_task_status": "NOT_STARTED",
            "hs_task_priority": task.priority(),
            "hs_timestamp": task.due_at.to_string(),
        });
        properties[&self.account.call_id_property] = json!(task.call_id);
        if let Some(owner) = &task.owner_id {
            properties["hubspot_owner_id"] = json!(owner);
        }
        let associations = contact_associations(task.contact_id.as_deref(), TASK_TO_CONTACT);
        let body = json!({ "properties": properties, "associations": associations });
        self.account.post(self.account.url("/crm/v3/objects/tasks", &[]), &body)
    }

    fn create_note(&self) -> HttpRequest {
        let task = &self.task;
        let mut properties = json!({
            "hs_note_body": rich_text(&task.note),
            "hs_timestamp": self.written_at.to_string(),
        });
        properties[&self.account.call_id_property] = json!(task.call_id);
        if let Some(owner) = &task.owner_id {
            properties["hubspot_owner_id"] = json!(owner);
        }
        let associations = contact_associations(task.contact_id.as_deref(), NOTE_TO_CONTACT);
        let body = json!({ "properties": properties, "associations": associations });
        self.account.post(self.account.url("/crm/v3/objects/notes", &[]), &body)
    }
}

impl Exchange for TaskWrite {
    type Output = Option<TaskWritten>;

    /// [`SEARCH_SETTLE`] when the next request is a search for a create whose answer was lost.
    fn wait_before_next(&self) -> Option<Duration> {
        matches!(self.state, WriteState::Task(Once::Recheck) | WriteState::Note(Once::Recheck)).then_some(SEARCH_SETTLE)
    }

    fn next_request(&self) -> Option<HttpRequest> {
        let call_id = &self.task.call_id;
        match self.state {
            WriteState::Task(step) => Some(step.request(&self.account, "tasks", call_id, || self.create_task())),
            WriteState::Note(step) => Some(step.request(&self.account, "notes", call_id, || self.create_note())),
            WriteState::Done => None,
        }
    }

    fn receive(&mut self, outcome: Outcome) -> Result<(), ConnectorError> {
        match &mut self.state {
            WriteState::Task(step) => {
                if let Some(task) = step.receive(&self.account, outcome)? {
                    self.task_id = Some(task.id);
                    self.created.task = task.created;
                    self.state = WriteState::Note(Once::Find);
                }
            }
            WriteState::Note(step) => {
                if let Some(note) = step.receive(&self.account, outcome)? {
                    self.note_id = Some(note.id);
                    self.created.note = note.created;
                    self.state = WriteState::Done;
                }
            }
            WriteState::Done => {}
        }
        Ok(())
    }

    fn finish(self) -> Option<TaskWritten> {
        self.note_id.map(|note_id| TaskWritten {
            task_id: self.task_id.unwrap_or_default(),
            note_id,
            task_created: self.created.task,
            note_created: self.created.note,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
