//! Writing at most once: the [`Once`] state machine (search, create if absent, search again
//! after a lost create) shared by the task and note steps of every write.

use serde::Deserialize;
use serde_json::{json, Value};

use super::{error_for, read_json, HubSpotAccount, Page, SERVICE};
use crate::connectors::error::ConnectorError;
use crate::connectors::http::{HttpRequest, Outcome};

/// One record made at most once, found again by the marker in its call-id property:
/// search → create if absent → search again (after [`SEARCH_SETTLE`]) if a create's answer
/// was lost. Shared by the task and note steps of both writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Once {
    Find,
    Create,
    /// A create's answer was lost: it may exist. Look before creating.
    Recheck,
}

/// A record that exists now, and whether this step made it.
#[derive(Debug)]
pub(super) struct Landed {
    pub(super) id: String,
    pub(super) created: bool,
}

impl Once {
    pub(super) fn request(
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
    pub(super) fn receive(
        &mut self,
        account: &HubSpotAccount,
        outcome: Outcome,
    ) -> Result<Option<Landed>, ConnectorError> {
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
    pub(super) fn patch(&self, url: String, body: &Value) -> HttpRequest {
        self.request(HttpRequest::patch_json(url, &self.secret(), body))
    }

    pub(super) fn delete(&self, url: String) -> HttpRequest {
        self.request(HttpRequest::delete(url, &self.secret()))
    }

    /// One page (100) of a CRM search: records of `object_type` matching every filter, oldest
    /// `sort_by` first, from the cursor `after`.
    pub(super) fn search_page(
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
    pub(super) fn search_by_marker(&self, object_type: &str, marker: &str) -> HttpRequest {
        self.search_marked(object_type, marker, &[])
    }

    /// As [`Self::search_by_marker`], with more of each record's properties.
    pub(super) fn search_marked(&self, object_type: &str, marker: &str, more: &[&str]) -> HttpRequest {
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
pub(super) fn found(account: &HubSpotAccount, outcome: Outcome) -> Result<Option<String>, ConnectorError> {
    let page: Page = read_json(outcome, "search result", &account.secret())?;
    // Oldest first (sorted by create date), so every tab settles on the same record.
    Ok(page.results.into_iter().map(|r| r.id).next())
}

/// A create's answer: the new id, or an error that also says whether the create may have happened.
pub(super) fn created(account: &HubSpotAccount, outcome: Outcome) -> Result<String, (ConnectorError, bool)> {
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
pub(super) fn archived(account: &HubSpotAccount, outcome: Outcome) -> Result<(), ConnectorError> {
    let response = outcome.map_err(|e| crate::connectors::error::transport_error(SERVICE, e))?;
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

pub(super) fn contact_associations(contact: Option<&str>, type_id: u32) -> Value {
    match contact {
        Some(contact) => json!([{
            "to": { "id": contact },
            "types": [{ "associationCategory": "HUBSPOT_DEFINED", "associationTypeId": type_id }],
        }]),
        None => json!([]),
    }
}
