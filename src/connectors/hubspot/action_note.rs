//! What a person did on a call, recorded in HubSpot: one note marked with the action id.
//!
//! Every action the team keeps (a disposition, a callback attempt, a resolved review, a caller
//! matched to a contact) becomes a note on the contact, marked with the app's action id
//! (`c17#3`) in the call-id property, so a retry finds it instead of making another, and every
//! other machine reads it back (`super::shared_record`). A disposition also completes the call's
//! task. The note's first sentence says what happened in words a person reads in HubSpot, and is
//! the one thing a read-back parses: [`NoteSays`] writes it and reads it, in one place.
//!
//! The write is sans-I/O like the others: find the call's task by the call id (none yet is a
//! retryable [`ConnectorError::NotInServiceYet`]), read its contact, PATCH its status when the
//! action changes it (a PATCH repeats harmlessly), then the note, made at most once ([`Once`]).
//!
//! Two machines that hold the same record number their next action on a call alike (`c17#3`).
//! Taken one after the other, the same action lands once: the second finds the first's note.
//! Taken at the same moment, both searches find nothing and both make a note; so after making
//! one, the write waits for HubSpot's search to settle and looks again: the oldest note under
//! the mark stays, and a younger one of this write's is archived. A *different* action under the
//! same id must not be lost: when the note found says something else, this one is marked
//! `c17#3@<who>` instead ([`ActionNote::own_marker`]) and made under that.

use std::time::Duration;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{
    archived, contact_associations, found, parse_hubspot_time, read_json, rich_text, HubSpotAccount, Landed, Once,
    Page, Record, NOTE_TO_CONTACT, SEARCH_SETTLE, SERVICE,
};
use crate::connectors::http::{encode_component, Exchange, HttpRequest, Outcome};
use crate::connectors::ConnectorError;

/// What a note says happened: its first sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NoteSays {
    /// A disposition: the outcome's name as the app writes it (`booked`, `left_message`, …).
    Outcome { outcome: String },
    /// Someone called the customer back (the outcome comes with a disposition, if any).
    Attempt,
    /// A review or escalation was looked at and became an owned callback.
    ReviewResolved,
    /// The caller is this contact; `merge_phone` was added to the contact's numbers here.
    Matched { contact_id: String, merge_phone: Option<String> },
}

const OUTCOME: &str = "Callback outcome: ";
const ATTEMPT: &str = "Callback attempt: called the customer back.";
const REVIEW: &str = "Review resolved: the call is an owned callback now.";
const MATCHED: &str = "Caller matched to contact ";
const MERGED: &str = ", number added: ";

impl NoteSays {
    /// The note's first sentence.
    pub fn sentence(&self) -> String {
        match self {
            NoteSays::Outcome { outcome } => format!("{OUTCOME}{}.", outcome.replace('_', " ")),
            NoteSays::Attempt => ATTEMPT.to_owned(),
            NoteSays::ReviewResolved => REVIEW.to_owned(),
            NoteSays::Matched { contact_id, merge_phone: None } => format!("{MATCHED}{contact_id}."),
            NoteSays::Matched { contact_id, merge_phone: Some(phone) } => {
                format!("{MATCHED}{contact_id}{MERGED}{phone}.")
            }
        }
    }

    /// Reads the first sentence of a note's text back; `None` for anyone else's words.
    pub fn read(text: &str) -> Option<NoteSays> {
        let text = text.trim_start();
        if text.starts_with(ATTEMPT) {
            return Some(NoteSays::Attempt);
        }
        if text.starts_with(REVIEW) {
            return Some(NoteSays::ReviewResolved);
        }
        if let Some(said) = text.strip_prefix(OUTCOME) {
            let words = said.split('.').next()?.trim();
            return (!words.is_empty()).then(|| NoteSays::Outcome { outcome: words.replace(' ', "_") });
        }
        let said = text.strip_prefix(MATCHED)?;
        // Up to the sentence's end: a period followed by a space or the end (numbers have none).
        let sentence = said.split(". ").next()?.trim_end_matches('.');
        let (contact_id, merge_phone) = match sentence.split_once(MERGED) {
            Some((contact, phone)) => (contact, Some(phone.to_owned())),
            None => (sentence, None),
        };
        (!contact_id.is_empty()).then(|| NoteSays::Matched { contact_id: contact_id.to_owned(), merge_phone })
    }

    /// The task status the action sets: any disposition closes the item in the queue, so it
    /// completes the task (the outcome itself is in the note); the others leave it alone.
    pub fn task_status(&self) -> Option<&'static str> {
        matches!(self, NoteSays::Outcome { .. }).then_some("COMPLETED")
    }

    /// The contact the note belongs on when it is not the task's: a match names its contact.
    fn contact(&self) -> Option<&str> {
        match self {
            NoteSays::Matched { contact_id, .. } => Some(contact_id),
            _ => None,
        }
    }
}

/// One action to record on a call's HubSpot task and contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionNote {
    pub call_id: String,
    /// The app's action id (e.g. "c17#3"); it marks the note so a retry finds it.
    pub action_id: String,
    pub says: NoteSays,
    /// The owner id of the person who took it: tells apart two people's different actions that
    /// got the same id on two machines.
    pub by: String,
    /// Who and when, in words, after the first sentence ("Logged by Marco at …").
    pub byline: String,
    /// When the person took the action: the note's time, unless setting the task's status gives
    /// HubSpot's own time for it.
    pub logged_at: Timestamp,
}

impl ActionNote {
    fn body(&self) -> String {
        format!("{} {}", self.says.sentence(), self.byline)
    }

    /// The marker when another machine's different action holds the action id.
    pub fn own_marker(&self) -> String {
        format!("{}@{}", self.action_id, self.by)
    }
}

/// The text of the rich text HubSpot keeps (the app writes it escaped, lines as `<br>`).
pub(super) fn note_text(html: &str) -> String {
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

#[derive(Debug, Clone, PartialEq, Eq)]
enum NoteState {
    FindTask,
    /// The task's contact, so the note shows on the same record as the task.
    ReadTask,
    SetStatus,
    Note(Once),
    /// This write made the note: look again once the search index settles, for a twin another
    /// machine made at the same moment.
    Confirm,
    /// A twin is older: archive this write's note, then keep the twin, or (when the twin says
    /// something else) make this one again under the person's own marker.
    Withdraw {
        twin: Twin,
    },
    Done,
}

/// The oldest note under the mark, when it is not this write's.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Twin {
    id: String,
    says_otherwise: bool,
}

/// The result of a completed write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionNoted {
    pub task_id: String,
    pub note_id: String,
    /// False when an earlier try of the same action had made the note already.
    pub note_created: bool,
}

/// Finds the call's task (made by [`super::TaskWrite`]), sets its status if the action changes
/// it, and adds one note marked with the action id. Setting a status is idempotent and the note
/// is found before it is made, so a retry after any failure repeats nothing.
#[derive(Debug)]
pub struct ActionNoteWrite {
    account: HubSpotAccount,
    note: ActionNote,
    /// What the note is found by: the action id, or [`ActionNote::own_marker`] after a clash.
    marker: String,
    state: NoteState,
    task_id: Option<String>,
    contact_id: Option<String>,
    /// When HubSpot recorded the status change, from the CRM's clock (this code has none).
    noted_at: Option<Timestamp>,
    landed: Option<Landed>,
}

impl HubSpotAccount {
    /// The idempotent write of one action onto the call's task and contact.
    pub fn write_action_note(&self, note: ActionNote) -> ActionNoteWrite {
        ActionNoteWrite {
            account: self.clone(),
            marker: note.action_id.clone(),
            note,
            state: NoteState::FindTask,
            task_id: None,
            contact_id: None,
            noted_at: None,
            landed: None,
        }
    }
}

impl ActionNoteWrite {
    pub fn is_done(&self) -> bool {
        self.state == NoteState::Done
    }

    fn task_url(&self, task_id: &str, query: &[(&str, String)]) -> String {
        self.account.url(&format!("/crm/v3/objects/tasks/{}", encode_component(task_id)), query)
    }

    fn create_note(&self) -> HttpRequest {
        let note = &self.note;
        let at = self.noted_at.unwrap_or(note.logged_at);
        let mut properties = json!({ "hs_note_body": rich_text(&note.body()), "hs_timestamp": at.to_string() });
        // The action id, not the call id: the call's first note (from TaskWrite) carries that.
        properties[&self.account.call_id_property] = json!(self.marker);
        let contact = note.says.contact().or(self.contact_id.as_deref());
        let associations = contact_associations(contact, NOTE_TO_CONTACT);
        let body = json!({ "properties": properties, "associations": associations });
        self.account.post(self.account.url("/crm/v3/objects/notes", &[]), &body)
    }

    /// A note under the action id that reads as another action: another machine's. One whose
    /// words someone has since edited away is taken as this one's (a second note would be a
    /// duplicate). Once under this person's own marker, whatever is found is this action's.
    fn clashes_with(&self, found: &Record) -> bool {
        let says = NoteSays::read(&note_text(found.property("hs_note_body").unwrap_or_default()));
        self.marker == self.note.action_id && says.is_some_and(|says| says != self.note.says)
    }

    fn not_there_yet(&self) -> ConnectorError {
        ConnectorError::NotInServiceYet {
            service: SERVICE,
            record: format!("the callback task for call {}", self.note.call_id),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UpdatedRecord {
    updated_at: String,
}

/// The note made first: the oldest by HubSpot's create date, then by id (numbers), so every
/// machine picks the same one.
fn oldest(notes: &[Record]) -> Option<&Record> {
    notes.iter().min_by_key(|note| {
        let made = note.property("hs_createdate").and_then(parse_hubspot_time);
        (made.is_none(), made, note.id.len(), note.id.clone())
    })
}

impl Exchange for ActionNoteWrite {
    type Output = Option<ActionNoted>;

    /// [`SEARCH_SETTLE`] before looking for a note whose create answer was lost, and before
    /// looking for a twin of one just made.
    fn wait_before_next(&self) -> Option<Duration> {
        matches!(self.state, NoteState::Note(Once::Recheck) | NoteState::Confirm).then_some(SEARCH_SETTLE)
    }

    fn next_request(&self) -> Option<HttpRequest> {
        let task_id = self.task_id.as_deref().unwrap_or_default();
        match &self.state {
            NoteState::FindTask => Some(self.account.search_by_marker("tasks", &self.note.call_id)),
            NoteState::ReadTask => {
                Some(self.account.get(self.task_url(task_id, &[("associations", "contacts".to_owned())])))
            }
            NoteState::SetStatus => {
                let status = self.note.says.task_status().unwrap_or_default();
                let body = json!({ "properties": { "hs_task_status": status } });
                Some(self.account.patch(self.task_url(task_id, &[]), &body))
            }
            NoteState::Note(Once::Find) => Some(self.account.search_marked("notes", &self.marker, &["hs_note_body"])),
            NoteState::Note(step) => Some(step.request(&self.account, "notes", &self.marker, || self.create_note())),
            NoteState::Confirm => {
                Some(self.account.search_marked("notes", &self.marker, &["hs_note_body", "hs_createdate"]))
            }
            NoteState::Withdraw { .. } => {
                let mine = self.landed.as_ref().map(|l| l.id.as_str()).unwrap_or_default();
                let url = self.account.url(&format!("/crm/v3/objects/notes/{}", encode_component(mine)), &[]);
                Some(self.account.delete(url))
            }
            NoteState::Done => None,
        }
    }

    fn receive(&mut self, outcome: Outcome) -> Result<(), ConnectorError> {
        let secret = self.account.secret();
        match &mut self.state {
            NoteState::FindTask => {
                let id = found(&self.account, outcome)?.ok_or_else(|| self.not_there_yet())?;
                self.task_id = Some(id);
                self.state = NoteState::ReadTask;
            }
            NoteState::ReadTask => {
                let task: Record = read_json(outcome, "task", &secret)?;
                self.contact_id = task.first_contact();
                self.state = if self.note.says.task_status().is_some() {
                    NoteState::SetStatus
                } else {
                    NoteState::Note(Once::Find)
                };
            }
            NoteState::SetStatus => {
                let task: UpdatedRecord = read_json(outcome, "updated task", &secret)?;
                let at = parse_hubspot_time(&task.updated_at).ok_or_else(|| ConnectorError::Malformed {
                    service: SERVICE,
                    what: format!("updated task: updatedAt {:?} is not a time", task.updated_at),
                })?;
                self.noted_at = Some(at);
                self.state = NoteState::Note(Once::Find);
            }
            NoteState::Note(Once::Find) => {
                let page: Page = read_json(outcome, "search result", &secret)?;
                // Oldest first (sorted by create date), so every machine settles on the same note.
                match page.results.into_iter().next() {
                    None => self.state = NoteState::Note(Once::Create),
                    Some(found) if self.clashes_with(&found) => self.marker = self.note.own_marker(),
                    Some(found) => {
                        self.landed = Some(Landed { id: found.id, created: false });
                        self.state = NoteState::Done;
                    }
                }
            }
            NoteState::Note(step) => {
                if let Some(landed) = step.receive(&self.account, outcome)? {
                    self.state = if landed.created { NoteState::Confirm } else { NoteState::Done };
                    self.landed = Some(landed);
                }
            }
            NoteState::Confirm => {
                let page: Page = read_json(outcome, "search result", &secret)?;
                let mine = self.landed.as_ref().map(|l| l.id.clone()).unwrap_or_default();
                // Not seen yet is no twin either: a twin made at the same moment is indexed by now.
                self.state = match oldest(&page.results) {
                    Some(first) if first.id != mine => {
                        let says_otherwise = self.clashes_with(first);
                        NoteState::Withdraw { twin: Twin { id: first.id.clone(), says_otherwise } }
                    }
                    _ => NoteState::Done,
                };
            }
            NoteState::Withdraw { twin } => {
                archived(&self.account, outcome)?;
                if twin.says_otherwise {
                    self.marker = self.note.own_marker();
                    self.landed = None;
                    self.state = NoteState::Note(Once::Find);
                } else {
                    self.landed = Some(Landed { id: twin.id.clone(), created: false });
                    self.state = NoteState::Done;
                }
            }
            NoteState::Done => {}
        }
        Ok(())
    }

    fn finish(self) -> Option<ActionNoted> {
        let landed = self.landed?;
        Some(ActionNoted { task_id: self.task_id?, note_id: landed.id, note_created: landed.created })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::connectors::http::{HttpResponse, Method, Secret, TransportError};

    fn answer(status: u16, body: Value) -> Outcome {
        Ok(HttpResponse { status, headers: Vec::new(), body: body.to_string() })
    }

    fn search_answer(ids: &[&str]) -> Outcome {
        let results: Vec<Value> = ids.iter().map(|id| json!({ "id": id, "properties": {} })).collect();
        answer(200, json!({ "total": ids.len(), "results": results }))
    }

    fn noting(says: NoteSays) -> ActionNoteWrite {
        let account = HubSpotAccount::new("https://api.hubapi.com", &Secret::new("pat-na1-test-token"));
        account.write_action_note(ActionNote {
            call_id: "CA17".into(),
            action_id: "c17#3".into(),
            says,
            by: "o_marco".into(),
            byline: "Logged by Marco at 2026-03-10T16:20:00Z.".into(),
            logged_at: "2026-03-10T16:20:00Z".parse().unwrap(),
        })
    }

    fn disposition() -> ActionNoteWrite {
        noting(NoteSays::Outcome { outcome: "booked".into() })
    }

    fn body(request: &HttpRequest) -> Value {
        serde_json::from_str(request.body.as_deref().unwrap_or("null")).unwrap()
    }

    fn task_on_contact_51() -> Outcome {
        answer(
            200,
            json!({ "id": "901", "properties": {},
                "associations": { "contacts": { "results": [{ "id": "51", "type": "task_to_contact" }] } } }),
        )
    }

    /// Answers the search, the read and the PATCH of a call whose task is 901 on contact 51.
    fn up_to_the_note(job: &mut ActionNoteWrite) {
        job.receive(search_answer(&["901"])).unwrap();
        job.receive(task_on_contact_51()).unwrap();
        let patched = json!({ "id": "901", "properties": { "hs_task_status": "COMPLETED" },
            "createdAt": "2026-03-10T15:00:00.000Z", "updatedAt": "2026-03-10T16:21:00.000Z", "archived": false });
        job.receive(answer(200, patched)).unwrap();
    }

    #[test]
    fn every_note_sentence_reads_back_as_what_it_says() {
        let all = [
            NoteSays::Outcome { outcome: "left_message".into() },
            NoteSays::Attempt,
            NoteSays::ReviewResolved,
            NoteSays::Matched { contact_id: "51".into(), merge_phone: None },
            NoteSays::Matched { contact_id: "51".into(), merge_phone: Some("+13035550142".into()) },
        ];
        for says in all {
            let note = format!("{} Logged by Marco at 2026-03-10T16:20:00Z.", says.sentence());
            assert_eq!(NoteSays::read(&note), Some(says), "{note}");
        }
    }

    #[test]
    fn someone_elses_note_says_nothing_to_the_app() {
        assert_eq!(NoteSays::read("Customer asked about the outcome: booked for Tuesday."), None);
        assert_eq!(NoteSays::read("Callback outcome: ."), None);
    }

    #[test]
    fn a_disposition_finds_the_task_by_call_id_reads_its_contact_then_completes_it() {
        let mut job = disposition();
        let search = job.next_request().unwrap();
        assert!(search.url.ends_with("/crm/v3/objects/tasks/search"));
        assert_eq!(body(&search)["filterGroups"][0]["filters"][0]["value"], "CA17");
        job.receive(search_answer(&["901"])).unwrap();
        let read = job.next_request().unwrap();
        assert_eq!(
            (read.method, read.url.as_str()),
            (Method::Get, "https://api.hubapi.com/crm/v3/objects/tasks/901?associations=contacts")
        );
        job.receive(task_on_contact_51()).unwrap();
        let patch = job.next_request().unwrap();
        assert_eq!(
            (patch.method, patch.url.as_str()),
            (Method::Patch, "https://api.hubapi.com/crm/v3/objects/tasks/901")
        );
        assert_eq!(body(&patch), json!({ "properties": { "hs_task_status": "COMPLETED" } }));
    }

    #[test]
    fn an_attempt_leaves_the_tasks_status_alone_and_notes_at_the_time_it_was_logged() {
        let mut job = noting(NoteSays::Attempt);
        job.receive(search_answer(&["901"])).unwrap();
        job.receive(task_on_contact_51()).unwrap();
        let search = job.next_request().unwrap();
        assert!(search.url.ends_with("/crm/v3/objects/notes/search"), "no PATCH: {}", search.url);
        job.receive(search_answer(&[])).unwrap();
        let create = body(&job.next_request().unwrap());
        assert_eq!(create["properties"]["hs_timestamp"], "2026-03-10T16:20:00Z");
        assert!(create["properties"]["hs_note_body"].as_str().unwrap().starts_with(ATTEMPT));
    }

    #[test]
    fn a_match_is_noted_on_the_matched_contact_not_the_tasks() {
        let mut job = noting(NoteSays::Matched { contact_id: "77".into(), merge_phone: None });
        job.receive(search_answer(&["901"])).unwrap();
        job.receive(task_on_contact_51()).unwrap();
        job.receive(search_answer(&[])).unwrap();
        let create = body(&job.next_request().unwrap());
        assert_eq!(create["associations"][0]["to"]["id"], "77");
    }

    #[test]
    fn the_note_is_marked_with_the_action_id_on_the_tasks_contact_at_the_time_hubspot_recorded() {
        let mut job = disposition();
        up_to_the_note(&mut job);
        let search = job.next_request().unwrap();
        assert!(search.url.ends_with("/crm/v3/objects/notes/search"));
        assert_eq!(body(&search)["filterGroups"][0]["filters"][0]["value"], "c17#3");
        job.receive(search_answer(&[])).unwrap();
        let create = body(&job.next_request().unwrap());
        assert_eq!(create["properties"]["callback_clock_call_id"], "c17#3");
        assert_eq!(create["properties"]["hs_timestamp"], "2026-03-10T16:21:00Z");
        assert!(create["properties"]["hs_note_body"].as_str().unwrap().starts_with("Callback outcome: booked."));
        assert_eq!(create["associations"][0]["to"]["id"], "51");
        assert_eq!(create["associations"][0]["types"][0]["associationTypeId"], NOTE_TO_CONTACT);
        job.receive(answer(201, json!({ "id": "5001", "properties": {} }))).unwrap();
        assert_eq!(job.wait_before_next(), Some(SEARCH_SETTLE), "it looks for a twin once the index settles");
        assert!(job.next_request().unwrap().url.ends_with("/notes/search"));
        job.receive(notes_made(&[("5001", "2026-03-10T16:21:01.000Z", "Callback outcome: booked.")])).unwrap();
        assert!(job.is_done() && job.next_request().is_none());
        assert_eq!(
            job.finish(),
            Some(ActionNoted { task_id: "901".into(), note_id: "5001".into(), note_created: true })
        );
    }

    #[test]
    fn a_note_from_an_earlier_try_is_found_and_not_made_again() {
        let mut job = disposition();
        up_to_the_note(&mut job);
        job.receive(search_answer(&["5001", "5002"])).unwrap();
        assert_eq!(
            job.finish(),
            Some(ActionNoted { task_id: "901".into(), note_id: "5001".into(), note_created: false })
        );
    }

    #[test]
    fn a_lost_note_answer_is_looked_for_after_the_index_settles_before_any_second_create() {
        let mut job = disposition();
        up_to_the_note(&mut job);
        job.receive(search_answer(&[])).unwrap();
        assert_eq!(job.wait_before_next(), None);
        let error = job.receive(Err(TransportError::Timeout)).unwrap_err();
        assert!(error.is_transient());
        assert_eq!(job.wait_before_next(), Some(SEARCH_SETTLE));
        assert!(job.next_request().unwrap().url.ends_with("/notes/search"));
        job.receive(search_answer(&["5001"])).unwrap();
        assert_eq!(job.finish().map(|w| (w.note_id, w.note_created)), Some(("5001".into(), false)));
    }

    fn note_saying(id: &str, text: &str) -> Outcome {
        answer(200, json!({ "results": [{ "id": id, "properties": { "hs_note_body": format!("<p>{text}</p>") } }] }))
    }

    fn notes_made(notes: &[(&str, &str, &str)]) -> Outcome {
        let results: Vec<Value> = notes
            .iter()
            .map(|(id, made, text)| {
                json!({ "id": id, "properties": { "hs_createdate": made, "hs_note_body": format!("<p>{text}</p>") } })
            })
            .collect();
        answer(200, json!({ "results": results }))
    }

    /// Up to this write's own note 5002, made at the same moment as another machine's.
    fn made_alongside_a_twin(job: &mut ActionNoteWrite) {
        up_to_the_note(job);
        job.receive(search_answer(&[])).unwrap();
        job.receive(answer(201, json!({ "id": "5002", "properties": {} }))).unwrap();
    }

    #[test]
    fn the_same_note_made_on_two_machines_at_once_keeps_the_older_and_archives_this_ones() {
        let mut job = disposition();
        made_alongside_a_twin(&mut job);
        job.receive(notes_made(&[
            ("5002", "2026-03-10T16:21:01.002Z", "Callback outcome: booked."),
            ("5001", "2026-03-10T16:21:01.000Z", "Callback outcome: booked."),
        ]))
        .unwrap();
        let archive = job.next_request().unwrap();
        assert_eq!(
            (archive.method, archive.url.as_str()),
            (Method::Delete, "https://api.hubapi.com/crm/v3/objects/notes/5002")
        );
        job.receive(answer(204, Value::Null)).unwrap();
        assert!(job.is_done());
        assert_eq!(job.finish().map(|w| (w.note_id, w.note_created)), Some(("5001".into(), false)));
    }

    #[test]
    fn an_older_twin_saying_something_else_moves_this_note_under_the_persons_own_marker() {
        let mut job = disposition();
        made_alongside_a_twin(&mut job);
        job.receive(notes_made(&[
            ("5001", "2026-03-10T16:21:01.000Z", "Callback attempt: called the customer back."),
            ("5002", "2026-03-10T16:21:01.002Z", "Callback outcome: booked."),
        ]))
        .unwrap();
        job.receive(answer(404, json!({ "status": "error", "message": "gone", "category": "OBJECT_NOT_FOUND" })))
            .expect("an archive already done is done");
        let search = job.next_request().unwrap();
        assert_eq!(body(&search)["filterGroups"][0]["filters"][0]["value"], "c17#3@o_marco");
    }

    #[test]
    fn the_same_action_from_another_machine_is_found_and_not_made_again() {
        let mut job = disposition();
        up_to_the_note(&mut job);
        job.receive(note_saying("5001", "Callback outcome: booked. Logged by Priya.")).unwrap();
        assert_eq!(job.finish().map(|w| (w.note_id, w.note_created)), Some(("5001".into(), false)));
    }

    #[test]
    fn a_different_action_under_the_same_id_is_made_under_the_persons_own_marker() {
        let mut job = disposition();
        up_to_the_note(&mut job);
        job.receive(note_saying("5001", "Callback attempt: called the customer back. Logged by Priya.")).unwrap();
        let search = job.next_request().unwrap();
        assert_eq!(body(&search)["filterGroups"][0]["filters"][0]["value"], "c17#3@o_marco");
        job.receive(search_answer(&[])).unwrap();
        let create = body(&job.next_request().unwrap());
        assert_eq!(create["properties"]["callback_clock_call_id"], "c17#3@o_marco");
        job.receive(answer(201, json!({ "id": "5002", "properties": {} }))).unwrap();
        assert_eq!(job.finish().map(|w| (w.note_id, w.note_created)), Some(("5002".into(), true)));
    }

    #[test]
    fn a_refused_note_create_is_not_looked_for_but_sent_again() {
        let mut job = disposition();
        up_to_the_note(&mut job);
        job.receive(search_answer(&[])).unwrap();
        let refused = answer(429, json!({ "status": "error", "message": "secondly limit", "policyName": "SECONDLY" }));
        job.receive(refused).unwrap_err();
        assert_eq!(job.wait_before_next(), None);
        assert_eq!(job.next_request().unwrap().method, Method::Post);
        assert!(job.next_request().unwrap().url.ends_with("/crm/v3/objects/notes"));
    }

    #[test]
    fn a_call_whose_task_is_not_in_hubspot_yet_waits_and_touches_nothing() {
        let mut job = disposition();
        let error = job.receive(search_answer(&[])).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the callback task for call CA17 is not in HubSpot yet; this write waits for it and tries again"
        );
        assert!(error.is_transient(), "the outbox tries again later");
        assert!(job.next_request().unwrap().url.ends_with("/tasks/search"), "it looks again, nothing else");
        assert_eq!(job.finish(), None);
    }

    #[test]
    fn a_task_deleted_since_the_search_is_a_refusal_not_a_wait() {
        let mut job = disposition();
        job.receive(search_answer(&["901"])).unwrap();
        job.receive(answer(200, json!({ "id": "901", "properties": {} }))).unwrap();
        let gone =
            answer(404, json!({ "status": "error", "message": "resource not found", "category": "OBJECT_NOT_FOUND" }));
        let error = job.receive(gone).unwrap_err();
        assert!(matches!(error, ConnectorError::Rejected { status: 404, .. }) && !error.is_transient());
    }
}
