//! Reading calls a phone system logged into HubSpot with a missed status (the search API),
//! and HubSpot's call statuses and times onto the contract.

use jiff::Timestamp;
use serde_json::json;

use super::{read_json, HubSpotAccount, Page, SERVICE};
use crate::connectors::error::ConnectorError;
use crate::connectors::http::{Exchange, HttpRequest, Outcome};
use crate::connectors::paging::Cursors;
use crate::engine::bundle::{Call, CallStatus, Direction, Instant, Voicemail};

impl HubSpotAccount {
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
}

/// HubSpot's default call outcomes (`hs_call_disposition` GUIDs) that mean nobody answered.
pub(super) const DISPOSITION_NO_ANSWER: &str = "73a0d17f-1163-4015-bdd5-ec830791da20";
pub(super) const DISPOSITION_BUSY: &str = "9d9162e7-6cf3-4944-bf63-4dff82258764";
/// "Left voicemail": on an inbound call, the phone integration's mark that the caller left a
/// message, and so that the call's body holds the voicemail (its transcript), not a rep's notes.
pub(super) const DISPOSITION_LEFT_VOICEMAIL: &str = "b2cf5968-551e-4856-9783-52b3da59a7d0";

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
