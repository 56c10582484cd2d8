//! Writing one callback task and its note for a call, each at most once ([`TaskWrite`]).

use std::time::Duration;

use jiff::Timestamp;
use serde_json::{json, Value};

use super::once::{contact_associations, rich_text, Once};
use super::{HubSpotAccount, NOTE_TO_CONTACT, SEARCH_SETTLE, TASK_TO_CONTACT};
use crate::connectors::error::ConnectorError;
use crate::connectors::http::{Exchange, HttpRequest, Outcome};
use crate::engine::bundle::Call;
use crate::engine::decision::{Decision, Urgency};

impl HubSpotAccount {
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
