//! A reassignment made in Callback Clock, written to the call's HubSpot task: find the task by
//! its call id, set its owner. Setting an owner is idempotent, so a retry after any failure
//! repeats nothing; a task not there yet (its write still queued) is `NotInServiceYet`, which
//! the retry policy waits out.

use serde_json::json;

use super::{encode_component, found, read_json, HubSpotAccount, SERVICE};
use crate::connectors::http::{Exchange, HttpRequest, Outcome};
use crate::connectors::ConnectorError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    FindTask,
    SetOwner,
    Done,
}

/// Sets the owner of the call's task to `owner_id`.
#[derive(Debug)]
pub struct OwnerWrite {
    account: HubSpotAccount,
    call_id: String,
    owner_id: String,
    step: Step,
    task_id: Option<String>,
}

impl HubSpotAccount {
    /// The idempotent write of one reassignment onto the call's task.
    pub fn write_owner(&self, call_id: &str, owner_id: &str) -> OwnerWrite {
        OwnerWrite {
            account: self.clone(),
            call_id: call_id.to_owned(),
            owner_id: owner_id.to_owned(),
            step: Step::FindTask,
            task_id: None,
        }
    }
}

impl Exchange for OwnerWrite {
    /// The task's id, once its owner is set.
    type Output = Option<String>;

    fn next_request(&self) -> Option<HttpRequest> {
        match self.step {
            Step::FindTask => Some(self.account.search_by_marker("tasks", &self.call_id)),
            Step::SetOwner => {
                let task_id = self.task_id.as_deref().unwrap_or_default();
                let url = self.account.url(&format!("/crm/v3/objects/tasks/{}", encode_component(task_id)), &[]);
                Some(self.account.patch(url, &json!({ "properties": { "hubspot_owner_id": self.owner_id } })))
            }
            Step::Done => None,
        }
    }

    fn receive(&mut self, outcome: Outcome) -> Result<(), ConnectorError> {
        match self.step {
            Step::FindTask => {
                let id = found(&self.account, outcome)?.ok_or_else(|| ConnectorError::NotInServiceYet {
                    service: SERVICE,
                    record: format!("the callback task for call {}", self.call_id),
                })?;
                self.task_id = Some(id);
                self.step = Step::SetOwner;
            }
            Step::SetOwner => {
                let _: serde_json::Value = read_json(outcome, "updated task", &self.account.secret())?;
                self.step = Step::Done;
            }
            Step::Done => {}
        }
        Ok(())
    }

    fn finish(self) -> Option<String> {
        (self.step == Step::Done).then_some(self.task_id).flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connectors::http::{HttpResponse, Method, Secret};

    fn answer(body: serde_json::Value) -> Outcome {
        Ok(HttpResponse { status: 200, headers: Vec::new(), body: body.to_string() })
    }

    #[test]
    fn a_reassignment_finds_the_task_by_call_id_and_sets_its_owner() {
        let account = HubSpotAccount::new("https://api.hubapi.com", &Secret::new("pat-na1-test-token"));
        let mut write = account.write_owner("c17", "o_marco");
        assert!(write.next_request().unwrap().url.ends_with("/crm/v3/objects/tasks/search"));
        write.receive(answer(json!({ "results": [{ "id": "901", "properties": {} }] }))).unwrap();
        let patch = write.next_request().unwrap();
        assert_eq!(patch.method, Method::Patch);
        assert!(patch.url.ends_with("/crm/v3/objects/tasks/901"));
        assert!(patch.body.unwrap().contains(r#""hubspot_owner_id":"o_marco""#));
        write.receive(answer(json!({ "id": "901", "updatedAt": "2026-03-10T16:00:00Z" }))).unwrap();
        assert!(write.next_request().is_none());
        assert_eq!(write.finish().as_deref(), Some("901"));
    }

    #[test]
    fn a_task_not_written_yet_is_waited_for() {
        let account = HubSpotAccount::new("https://api.hubapi.com", &Secret::new("pat-na1-test-token"));
        let mut write = account.write_owner("c17", "o_marco");
        let error = write.receive(answer(json!({ "results": [] }))).unwrap_err();
        assert!(matches!(error, ConnectorError::NotInServiceYet { .. }));
    }
}
