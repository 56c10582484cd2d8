//! Reading back the shared record: what the team did in HubSpot to the calls' callback tasks.
//!
//! The callback tasks carry the call id (`callback_clock_call_id`), and every action taken in
//! Callback Clock (a disposition, an attempt, a resolved review, a match) left a note marked
//! with its action id (`c17#3`) whose first sentence says what happened ("Callback outcome:
//! booked. …", see [`NoteSays`]). A [`SharedRecordRead`] searches both, modified since a time,
//! oldest change first: the tasks tell the owner and the status a person set in HubSpot (or in
//! Callback Clock on another machine), the notes tell what the team did on which machine. Turning them into the app's actions is
//! the store's job (`store::shared_record`); this only reads and parses.

use jiff::Timestamp;
use serde_json::json;

use super::action_note::{note_text, NoteSays};
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

/// An action someone took in Callback Clock, as its note in HubSpot tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedAction {
    pub note_id: String,
    /// The note's mark: the action id it was taken under (`c17#3`), or `c17#3@o_marco` when
    /// another machine's different action had that id (see [`Self::taken_as`]).
    pub action_id: String,
    pub call_id: String,
    pub seq: u32,
    pub says: NoteSays,
    pub at: Timestamp,
}

impl LoggedAction {
    /// The action id the machine that took it gave it (the mark without any `@<who>`).
    pub fn taken_as(&self) -> &str {
        self.action_id.split('@').next().unwrap_or(&self.action_id)
    }
}

/// What a [`SharedRecordRead`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SharedRecord {
    pub tasks: Vec<TaskState>,
    pub actions: Vec<LoggedAction>,
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
            Stage::Notes | Stage::Done => "actions",
        }
    }

    fn search(&self, object_type: &str, properties: &[&str]) -> HttpRequest {
        let marker = self.account.call_id_property.as_str();
        let mut wanted: Vec<&str> = vec![marker];
        wanted.extend_from_slice(properties);
        let filters = json!([
            { "propertyName": marker, "operator": "HAS_PROPERTY" },
            { "propertyName": "hs_lastmodifieddate", "operator": "GTE", "value": self.since.as_millisecond().to_string() },
        ]);
        self.account.search_page(object_type, filters, &wanted, "hs_lastmodifieddate", self.after.as_deref())
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
                    if let (Some(at), Some(action)) = (at, logged_action(&record.id, mark, body)) {
                        self.found.actions.push(LoggedAction { at, ..action });
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

/// A note is a logged action when its mark is an action id (`<call id>#<n>`) and its first
/// sentence is one the app writes ([`NoteSays::read`]); the task's first note, marked with the
/// bare call id, and anyone else's notes are not.
fn logged_action(note_id: &str, mark: &str, body: &str) -> Option<LoggedAction> {
    // `c17#3`, or `c17#3@o_marco` when another machine's different action took `c17#3` first.
    let taken_as = mark.split('@').next().unwrap_or(mark);
    let (call_id, seq) = taken_as.rsplit_once('#')?;
    let seq: u32 = seq.parse().ok()?;
    if call_id.is_empty() {
        return None;
    }
    Some(LoggedAction {
        note_id: note_id.to_owned(),
        action_id: mark.to_owned(),
        call_id: call_id.to_owned(),
        seq,
        says: NoteSays::read(&note_text(body))?,
        at: Timestamp::UNIX_EPOCH,
    })
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
    fn only_notes_marked_with_an_action_id_and_saying_what_the_app_writes_are_actions() {
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
            note("4", "c19#2", "<p>Customer said the outcome: booked.</p>"),
        ] })))
        .unwrap();
        let found = read.finish();
        assert_eq!(found.actions.len(), 1, "{:?}", found.actions);
        let logged = &found.actions[0];
        assert_eq!((logged.action_id.as_str(), logged.call_id.as_str(), logged.seq), ("c17#3", "c17", 3));
        assert_eq!(logged.says, NoteSays::Outcome { outcome: "left_message".into() });
        assert_eq!(logged.at, "2026-03-10T16:20:00Z".parse().unwrap());
    }
}
