//! Callbacks placed through the phone system: the account's outbound calls in a time range.
//!
//! A rep who calls a customer back from a Twilio-powered dialer (a click-to-call, a softphone)
//! leaves an outbound call in the account's Calls list: `outbound-api` when the call was
//! created through the REST API, `outbound-dial` when a `<Dial>` rang the customer. The list is
//! read once for the range, every status, one page after another; which missed call each one
//! calls back is the store's business (`store::shared_record`), by the number dialed.

use jiff::{Timestamp, ToSpan};

use super::{join_url, parse_twilio_time, read_json, CallPage, TwilioAccount, PAGE_SIZE, SERVICE};
use crate::connectors::http::{Exchange, HttpRequest, Outcome};
use crate::connectors::paging::Cursors;
use crate::connectors::placed_call::{PlacedCall, PlacedOutcome, RecordedIn};
use crate::connectors::ConnectorError;

/// Directions of calls the business placed.
const OUTBOUND_DIRECTIONS: [&str; 2] = ["outbound-api", "outbound-dial"];

/// Lists the range's outbound calls that have ended.
#[derive(Debug)]
pub struct OutboundCallList {
    account: TwilioAccount,
    from: Timestamp,
    next: Option<String>,
    cursors: Cursors,
    found: Vec<PlacedCall>,
}

impl TwilioAccount {
    /// The calls the business placed between `from` and `until`.
    pub fn outbound_calls(&self, from: Timestamp, until: Timestamp) -> OutboundCallList {
        // Twilio's date filters take whole UTC days; the exact range is applied to each record.
        let first_day = from.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
        let after_last_day = until.to_zoned_datetime(jiff::tz::TimeZone::UTC).date().saturating_add(1.day());
        let first = self.url(
            "Calls.json",
            &[
                ("StartTime>", first_day.to_string()),
                ("StartTime<", after_last_day.to_string()),
                ("PageSize", PAGE_SIZE.to_owned()),
            ],
        );
        OutboundCallList {
            account: self.clone(),
            from,
            next: Some(first),
            cursors: Cursors::default(),
            found: Vec::new(),
        }
    }
}

impl Exchange for OutboundCallList {
    type Output = Vec<PlacedCall>;

    fn next_request(&self) -> Option<HttpRequest> {
        self.next.clone().map(|url| self.account.get(url))
    }

    fn receive(&mut self, outcome: Outcome) -> Result<(), ConnectorError> {
        let page: CallPage = read_json(outcome, "calls page", &self.account.authorization)?;
        for call in &page.calls {
            if !call.direction.as_deref().is_some_and(|d| OUTBOUND_DIRECTIONS.contains(&d)) {
                continue;
            }
            let outcome = match (call.status.as_deref(), call.answered_by.as_deref()) {
                (Some("completed"), Some(by)) if by.starts_with("machine") || by == "fax" => PlacedOutcome::Voicemail,
                (Some("completed"), _) => PlacedOutcome::Answered,
                (Some("no-answer" | "busy" | "failed" | "canceled"), _) => PlacedOutcome::NoAnswer,
                // Still queued, ringing or in progress: the next sync reads it again.
                _ => continue,
            };
            let at = call.start_time.as_deref().or(call.date_created.as_deref()).and_then(parse_twilio_time);
            let (Some(at), Some(to)) = (at, call.to.as_deref().filter(|t| !t.trim().is_empty())) else { continue };
            // Not bounded by `until`: a call that has ended is in the past, whatever the clock of
            // the machine asking says (Twilio's and a browser's differ by seconds).
            if at >= self.from {
                let id = call.sid.clone();
                self.found.push(PlacedCall { recorded_in: RecordedIn::Twilio, id, to: to.to_owned(), at, outcome });
            }
        }
        let next = page.next_page_uri.filter(|n| !n.is_empty());
        self.next = self.cursors.next(SERVICE, "calls", next)?.map(|next| join_url(&self.account.base_url, &next));
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
    use serde_json::json;

    const SID: &str = "AC0123456789abcdef0123456789abcdef";

    fn answer(body: serde_json::Value) -> Outcome {
        Ok(HttpResponse { status: 200, headers: Vec::new(), body: body.to_string() })
    }

    fn call(sid: &str, direction: &str, status: &str, answered_by: Option<&str>) -> serde_json::Value {
        json!({ "sid": sid, "direction": direction, "status": status, "answered_by": answered_by,
                "to": "+13125550100", "from": "+13125550999", "start_time": "Tue, 24 Nov 2026 20:00:00 +0000" })
    }

    #[test]
    fn the_business_s_outbound_calls_come_with_how_they_ended() {
        let account = TwilioAccount::new("https://api.twilio.com", SID, SID, &Secret::new("secret"));
        let mut list =
            account.outbound_calls("2026-11-24T00:00:00Z".parse().unwrap(), "2026-11-25T00:00:00Z".parse().unwrap());
        let first = list.next_request().unwrap();
        assert!(first.url.contains("Calls.json") && !first.url.contains("Status="), "{}", first.url);
        list.receive(answer(json!({ "calls": [
            call("CA1", "outbound-api", "completed", None),
            call("CA2", "outbound-dial", "completed", Some("machine_end_beep")),
            call("CA3", "outbound-api", "no-answer", None),
            call("CA4", "inbound", "completed", None),
            call("CA5", "outbound-api", "in-progress", None),
        ], "next_page_uri": null })))
            .unwrap();
        assert!(list.next_request().is_none());
        let found: Vec<(String, PlacedOutcome)> = list.finish().into_iter().map(|c| (c.id, c.outcome)).collect();
        assert_eq!(
            found,
            vec![
                ("CA1".into(), PlacedOutcome::Answered),
                ("CA2".into(), PlacedOutcome::Voicemail),
                ("CA3".into(), PlacedOutcome::NoAnswer),
            ]
        );
    }
}
