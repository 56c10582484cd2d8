//! Callbacks logged in HubSpot: the outbound calls reps (or a phone integration) logged on the
//! CRM, changed since a time.
//!
//! A rep who calls a customer back from a desk phone or a mobile logs the call in HubSpot
//! ("Log a call": direction outbound, an outcome such as "No answer" or "Left voicemail").
//! These are callback attempts as much as a click in Callback Clock is; which missed call each
//! one calls back is the store's business (`store::shared_record`), by the number dialed, as for
//! the phone system's own outbound calls. Only what is read here is HubSpot's.

use jiff::Timestamp;
use serde_json::json;

use super::logged_calls::{DISPOSITION_BUSY, DISPOSITION_LEFT_VOICEMAIL, DISPOSITION_NO_ANSWER};
use super::{parse_hubspot_time, read_json, HubSpotAccount, Page, SERVICE};
use crate::connectors::http::{Exchange, HttpRequest, Outcome};
use crate::connectors::paging::Cursors;
use crate::connectors::placed_call::{PlacedCall, PlacedOutcome, RecordedIn};
use crate::connectors::ConnectorError;

/// Searches the outbound calls logged since `since`, oldest first, every page.
#[derive(Debug)]
pub struct PlacedCallSearch {
    account: HubSpotAccount,
    since: Timestamp,
    after: Option<String>,
    cursors: Cursors,
    done: bool,
    found: Vec<PlacedCall>,
}

const PROPERTIES: [&str; 4] = ["hs_timestamp", "hs_call_status", "hs_call_disposition", "hs_call_to_number"];

impl HubSpotAccount {
    /// The outbound calls logged in HubSpot since `since`.
    pub fn placed_calls(&self, since: Timestamp) -> PlacedCallSearch {
        PlacedCallSearch {
            account: self.clone(),
            since,
            after: None,
            cursors: Cursors::default(),
            done: false,
            found: Vec::new(),
        }
    }
}

/// How a logged call ended: the rep's outcome first (HubSpot's default call outcomes), then the
/// call's status; a call still ringing or in progress is not over yet (`None`).
fn placed_outcome(status: Option<&str>, disposition: Option<&str>) -> Option<PlacedOutcome> {
    match (status, disposition) {
        (_, Some(DISPOSITION_LEFT_VOICEMAIL)) => Some(PlacedOutcome::Voicemail),
        (_, Some(DISPOSITION_NO_ANSWER | DISPOSITION_BUSY)) => Some(PlacedOutcome::NoAnswer),
        (Some("NO_ANSWER" | "BUSY" | "FAILED" | "CANCELED" | "MISSED"), _) => Some(PlacedOutcome::NoAnswer),
        (Some("QUEUED" | "RINGING" | "IN_PROGRESS" | "CONNECTING" | "CALLING_CRM_USER"), _) => None,
        // COMPLETED, or a call logged by hand with no status at all.
        _ => Some(PlacedOutcome::Answered),
    }
}

impl Exchange for PlacedCallSearch {
    type Output = Vec<PlacedCall>;

    fn next_request(&self) -> Option<HttpRequest> {
        if self.done {
            return None;
        }
        let filters = json!([
            { "propertyName": "hs_call_direction", "operator": "EQ", "value": "OUTBOUND" },
            { "propertyName": "hs_timestamp", "operator": "GTE", "value": self.since.as_millisecond().to_string() },
        ]);
        Some(self.account.search_page("calls", filters, &PROPERTIES, "hs_timestamp", self.after.as_deref()))
    }

    fn receive(&mut self, outcome: Outcome) -> Result<(), ConnectorError> {
        let page: Page = read_json(outcome, "calls search page", &self.account.secret())?;
        for record in &page.results {
            let Some(outcome) =
                placed_outcome(record.property("hs_call_status"), record.property("hs_call_disposition"))
            else {
                continue;
            };
            let at = record.property("hs_timestamp").and_then(parse_hubspot_time);
            let (Some(at), Some(to)) = (at, record.property("hs_call_to_number")) else { continue };
            let (id, to) = (record.id.clone(), to.to_owned());
            self.found.push(PlacedCall { recorded_in: RecordedIn::HubSpot, id, to, at, outcome });
        }
        match self.cursors.next(SERVICE, "calls", page.after())? {
            Some(after) => self.after = Some(after),
            None => self.done = true,
        }
        Ok(())
    }

    fn finish(self) -> Vec<PlacedCall> {
        self.found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connectors::http::{HttpResponse, Secret};

    fn answer(body: serde_json::Value) -> Outcome {
        Ok(HttpResponse { status: 200, headers: Vec::new(), body: body.to_string() })
    }

    fn logged(id: &str, status: &str, disposition: &str) -> serde_json::Value {
        json!({ "id": id, "properties": { "hs_timestamp": "2026-03-10T17:00:00.000Z", "hs_call_status": status,
            "hs_call_disposition": disposition, "hs_call_to_number": "(303) 555-0142" } })
    }

    #[test]
    fn outbound_calls_logged_in_hubspot_read_back_with_how_they_ended() {
        let account = HubSpotAccount::new("https://api.hubapi.com", &Secret::new("pat-na1-test-token"));
        let mut search = account.placed_calls("2026-03-10T00:00:00Z".parse().unwrap());
        let body: serde_json::Value =
            serde_json::from_str(search.next_request().unwrap().body.as_deref().unwrap()).unwrap();
        assert_eq!(body["filterGroups"][0]["filters"][0]["value"], "OUTBOUND");
        search
            .receive(answer(json!({ "results": [
                logged("1", "COMPLETED", DISPOSITION_LEFT_VOICEMAIL),
                logged("2", "COMPLETED", "f240bbac-87c9-4f6e-bf70-924b57d47db7"),
                logged("3", "NO_ANSWER", ""),
                logged("4", "RINGING", ""),
            ] })))
            .unwrap();
        assert!(search.next_request().is_none());
        let found: Vec<(String, PlacedOutcome)> = search.finish().into_iter().map(|c| (c.id, c.outcome)).collect();
        assert_eq!(
            found,
            [
                ("1".into(), PlacedOutcome::Voicemail),
                ("2".into(), PlacedOutcome::Answered),
                ("3".into(), PlacedOutcome::NoAnswer),
            ],
            "a call still ringing is read on a later sync"
        );
    }
}
