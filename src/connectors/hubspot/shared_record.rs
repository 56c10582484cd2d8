//! Reading back the shared record: what the team did in HubSpot to the calls' callback tasks.
//!
//! The callback tasks carry the call id (`callback_clock_call_id`), and every disposition
//! logged in Callback Clock left a note marked with its action id (`c17#3`) saying
//! "Callback outcome: booked. …" (see [`super::DispositionUpdate`]). A [`SharedRecordRead`]
//! searches both, modified since a time, oldest change first: the tasks tell the owner and the
//! status a person set in HubSpot (or in Callback Clock on another machine), the notes tell
//! which dispositions were logged and with what outcome. Turning them into the app's actions is
//! the store's job (`store::shared_record`); this only reads and parses.

use jiff::Timestamp;
use serde_json::json;

use super::{parse_hubspot_time, read_json, HubSpotAccount, Page, SERVICE};
use crate::connectors::http::{Exchange, HttpRequest, Outcome};
use crate::connectors::paging::Cursors;
use crate::connectors::ConnectorError;

/// A callback task as HubSpot holds it now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskState {
    pub task_id: String,
    pub call_id: String,
    pub owner_id: Option<String>,
    pub completed: bool,
    /// `hs_task_completion_date`, when HubSpot has one for a completed task.
    pub completed_at: Option<Timestamp>,
    /// `hs_lastmodifieddate`: when the owner or status was last changed (or anything else).
    pub modified_at: Timestamp,
}

/// A disposition someone logged in Callback Clock, as its note in HubSpot tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedDisposition {
    pub note_id: String,
    /// The action id it was logged under (`c17#3`).
    pub action_id: String,
    pub call_id: String,
    pub seq: u32,
    /// The outcome's name as the app writes it (`booked`, `left_message`, …).
    pub outcome: String,
    pub at: Timestamp,
}

/// What a [`SharedRecordRead`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SharedRecord {
    pub tasks: Vec<TaskState>,
    pub dispositions: Vec<LoggedDisposition>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Tasks,
    Notes,
    Done,
}

/// Searches the marked tasks, then the marked notes, changed since `since`.
#[derive(Debug)]
pub struct SharedRecordRead {
    account: HubSpotAccount,
    since: Timestamp,
    stage: Stage,
    after: Option<String>,
    cursors: Cursors,
    found: SharedRecord,
}

const TASK_PROPERTIES: [&str; 5] =
    ["hubspot_owner_id", "hs_task_status", "hs_task_completion_date", "hs_lastmodifieddate", "hs_createdate"];
const NOTE_PROPERTIES: [&str; 3] = ["hs_note_body", "hs_timestamp", "hs_lastmodifieddate"];

impl HubSpotAccount {
    /// Reads back the callback tasks and the disposition notes changed since `since`.
    pub fn shared_record(&self, since: Timestamp) -> SharedRecordRead {
        SharedRecordRead {
            account: self.clone(),
            since,
            stage: Stage::Tasks,
            after: None,
            cursors: Cursors::default(),
            found: SharedRecord::default(),
        }
    }
}

impl SharedRecordRead {
    pub fn stage_name(&self) -> &'static str {
        match self.stage {
            Stage::Tasks => "callback tasks",
            Stage::Notes | Stage::Done => "dispositions",
        }
    }

    fn search(&self, object_type: &str, properties: &[&str]) -> HttpRequest {
        let marker = self.account.call_id_property.as_str();
        let mut wanted: Vec<&str> = vec![marker];
        wanted.extend_from_slice(properties);
        let mut body = json!({
            "filterGroups": [{ "filters": [
                { "propertyName": marker, "operator": "HAS_PROPERTY" },
                { "propertyName": "hs_lastmodifieddate", "operator": "GTE",
                  "value": self.since.as_millisecond().to_string() },
            ]}],
            "properties": wanted,
            "sorts": [{ "propertyName": "hs_lastmodifieddate", "direction": "ASCENDING" }],
            "limit": 100,
        });
        if let Some(after) = &self.after {
            body["after"] = json!(after);
        }
        self.account.post(self.account.url(&format!("/crm/v3/objects/{object_type}/search"), &[]), &body)
    }
}

impl Exchange for SharedRecordRead {
    type Output = SharedRecord;

    fn next_request(&self) -> Option<HttpRequest> {
        match self.stage {
            Stage::Tasks => Some(self.search("tasks", &TASK_PROPERTIES)),
            Stage::Notes => Some(self.search("notes", &NOTE_PROPERTIES)),
            Stage::Done => None,
        }
    }

    fn receive(&mut self, outcome: Outcome) -> Result<(), ConnectorError> {
        let what = match self.stage {
            Stage::Tasks => "tasks",
            Stage::Notes => "notes",
            Stage::Done => return Ok(()),
        };
        let page: Page = read_json(outcome, &format!("{what} search page"), &self.account.secret())?;
        let marker = self.account.call_id_property.clone();
        for record in &page.results {
            let Some(mark) = record.property(&marker) else { continue };
            let modified = record.property("hs_lastmodifieddate").and_then(parse_hubspot_time);
            match self.stage {
                Stage::Tasks => {
                    let Some(modified_at) = modified else { continue };
                    let completed = record.property("hs_task_status") == Some("COMPLETED");
                    self.found.tasks.push(TaskState {
                        task_id: record.id.clone(),
                        call_id: mark.to_owned(),
                        owner_id: record.property("hubspot_owner_id").map(str::to_owned),
                        completed,
                        completed_at: completed
                            .then(|| record.property("hs_task_completion_date").and_then(parse_hubspot_time))
                            .flatten(),
                        modified_at,
                    });
                }
                Stage::Notes => {
                    let at = record.property("hs_timestamp").and_then(parse_hubspot_time).or(modified);
                    let body = record.property("hs_note_body").unwrap_or_default();
                    if let (Some(at), Some(disposition)) = (at, logged_disposition(&record.id, mark, body)) {
                        self.found.dispositions.push(LoggedDisposition { at, ..disposition });
                    }
                }
                Stage::Done => {}
            }
        }
        match self.cursors.next(SERVICE, what, page.after())? {
            Some(after) => self.after = Some(after),
            None => {
                self.after = None;
                self.cursors = Cursors::default();
                self.stage = if self.stage == Stage::Tasks { Stage::Notes } else { Stage::Done };
            }
        }
        Ok(())
    }

    fn finish(self) -> SharedRecord {
        self.found
    }
}

/// A note is a logged disposition when its mark is an action id (`<call id>#<n>`) and its body
/// says "Callback outcome: <outcome>." as the app writes it; the task's first note, marked with
/// the bare call id, and anyone else's notes are not.
fn logged_disposition(note_id: &str, mark: &str, body: &str) -> Option<LoggedDisposition> {
    let (call_id, seq) = mark.rsplit_once('#')?;
    let seq: u32 = seq.parse().ok()?;
    let text = strip_tags(body);
    let said = text.split("Callback outcome: ").nth(1)?;
    let words = said.split('.').next()?.trim();
    if call_id.is_empty() || words.is_empty() {
        return None;
    }
    Some(LoggedDisposition {
        note_id: note_id.to_owned(),
        action_id: mark.to_owned(),
        call_id: call_id.to_owned(),
        seq,
        outcome: words.replace(' ', "_"),
        at: Timestamp::UNIX_EPOCH,
    })
}

/// The text of the rich text HubSpot keeps (the app writes `<p>…</p>` with entities escaped).
fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connectors::http::{HttpResponse, Secret};

    fn account() -> HubSpotAccount {
        HubSpotAccount::new("https://api.hubapi.com", &Secret::new("pat-na1-test-token"))
    }

    fn answer(body: serde_json::Value) -> Outcome {
        Ok(HttpResponse { status: 200, headers: Vec::new(), body: body.to_string() })
    }

    #[test]
    fn a_task_completed_in_hubspot_reads_back_with_its_owner_and_completion_time() {
        let mut read = account().shared_record("2026-03-10T00:00:00Z".parse().unwrap());
        let request = read.next_request().unwrap();
        let body: serde_json::Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
        assert_eq!(body["filterGroups"][0]["filters"][0]["operator"], "HAS_PROPERTY");
        assert_eq!(body["filterGroups"][0]["filters"][1]["value"], "1773100800000");
        read.receive(answer(json!({ "results": [{ "id": "901", "properties": {
            "callback_clock_call_id": "c17", "hubspot_owner_id": "77", "hs_task_status": "COMPLETED",
            "hs_task_completion_date": "1773158400000", "hs_lastmodifieddate": "2026-03-10T16:00:01.000Z" } }] })))
            .unwrap();
        read.receive(answer(json!({ "results": [] }))).unwrap();
        assert!(read.next_request().is_none());
        let found = read.finish();
        assert_eq!(
            found.tasks,
            vec![TaskState {
                task_id: "901".into(),
                call_id: "c17".into(),
                owner_id: Some("77".into()),
                completed: true,
                completed_at: Some("2026-03-10T16:00:00Z".parse().unwrap()),
                modified_at: "2026-03-10T16:00:01Z".parse().unwrap(),
            }]
        );
    }

    #[test]
    fn only_notes_marked_with_an_action_id_and_an_outcome_are_dispositions() {
        let mut read = account().shared_record("2026-03-10T00:00:00Z".parse().unwrap());
        read.receive(answer(json!({ "results": [] }))).unwrap();
        let note = |id: &str, mark: &str, body: &str| {
            json!({ "id": id, "properties": { "callback_clock_call_id": mark, "hs_note_body": body,
                    "hs_timestamp": "2026-03-10T16:20:00Z", "hs_lastmodifieddate": "2026-03-10T16:20:00Z" } })
        };
        read.receive(answer(json!({ "results": [
            note("1", "c17#3", "<p>Callback outcome: left message. Logged by Marco at 2026-03-10T16:20:00Z.</p>"),
            note("2", "c17", "<p>What the caller said: &quot;Callback outcome: booked.&quot;</p>"),
            note("3", "c18#x", "<p>Callback outcome: booked.</p>"),
        ] })))
        .unwrap();
        let found = read.finish();
        assert_eq!(found.dispositions.len(), 1, "{:?}", found.dispositions);
        let logged = &found.dispositions[0];
        assert_eq!((logged.action_id.as_str(), logged.call_id.as_str(), logged.seq), ("c17#3", "c17", 3));
        assert_eq!(logged.outcome, "left_message");
        assert_eq!(logged.at, "2026-03-10T16:20:00Z".parse().unwrap());
    }
}
