//! A fake of the parts of HubSpot's CRM v3 API the connector uses, with HubSpot's shapes:
//! object lists with `after` paging and `associations=contacts`, owners, the search API
//! (EQ and BETWEEN filters), creating tasks and notes with v4 associations, reading one task
//! with its contacts, and updating a task's properties (PATCH). It validates task properties
//! as HubSpot does, keeps what it creates (so it can be searched for), and injects faults,
//! also armed over HTTP at [`FAULTS_PATH`].

use std::sync::{Arc, Mutex};

use serde_json::{json, Value};

use super::clock::FakeClock;
use super::http_server::{with_fault, Faults, Reply, Request, TestServer, FAULTS_PATH};

pub const TOKEN: &str = "pat-na1-11111111-2222-3333-4444-555555555555";

#[derive(Default)]
pub struct HubSpotState {
    pub contacts: Vec<Value>,
    pub deals: Vec<Value>,
    pub tickets: Vec<Value>,
    pub owners: Vec<Value>,
    pub calls: Vec<Value>,
    pub tasks: Vec<Value>,
    pub notes: Vec<Value>,
    pub next_id: u64,
    /// Pages hold at most this many records (HubSpot allows 100), so small tests still page.
    pub page_size: usize,
    pub requests: Vec<Request>,
    /// What the fake stamps on the records it creates and updates.
    pub clock: FakeClock,
}

pub struct FakeHubSpot {
    pub server: TestServer,
    pub state: Arc<Mutex<HubSpotState>>,
    pub faults: Arc<Faults>,
}

/// A CRM record as HubSpot returns it; `contacts` are associated contact ids.
pub fn record(id: &str, properties: Value, contacts: &[&str]) -> Value {
    json!({
        "id": id, "properties": properties, "createdAt": "2026-01-05T10:00:00.000Z",
        "updatedAt": "2026-03-01T10:00:00.000Z", "archived": false,
        "contact_ids": contacts,
    })
}

impl FakeHubSpot {
    pub fn start(state: HubSpotState) -> FakeHubSpot {
        let page_size = if state.page_size == 0 { 100 } else { state.page_size };
        let state = Arc::new(Mutex::new(HubSpotState { next_id: 1000, page_size, ..state }));
        let faults = Arc::new(Faults::default());
        let (s, f) = (state.clone(), faults.clone());
        let server = TestServer::start(move |request| {
            if request.path == FAULTS_PATH && request.method == "POST" {
                return f.arm_from_request(&request);
            }
            s.lock().unwrap().requests.push(request.clone());
            let fault = f.take(&request);
            with_fault(fault, || route(&s, &request))
        });
        FakeHubSpot { server, state, faults }
    }

    pub fn tasks(&self) -> Vec<Value> {
        self.state.lock().unwrap().tasks.clone()
    }

    pub fn notes(&self) -> Vec<Value> {
        self.state.lock().unwrap().notes.clone()
    }
}

fn error(status: u16, message: &str, category: &str) -> Reply {
    Reply::json(
        status,
        json!({ "status": "error", "message": message, "correlationId": "2f3c5d1e-0000-4000-8000-000000000000", "category": category })
            .to_string(),
    )
}

/// HubSpot's time format (`2026-03-10T16:00:00.000Z`), the fake's now.
fn now_text(clock: &FakeClock) -> String {
    clock.now().strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// The record as the API shows it: asked-for properties only, associations when asked.
fn present(record: &Value, properties: Option<&[String]>, with_contacts: bool) -> Value {
    let all = record["properties"].as_object().cloned().unwrap_or_default();
    let shown: serde_json::Map<String, Value> = match properties {
        Some(names) => names.iter().map(|n| (n.clone(), all.get(n).cloned().unwrap_or(Value::Null))).collect(),
        None => all,
    };
    let mut out = json!({
        "id": record["id"], "properties": shown, "createdAt": record["createdAt"],
        "updatedAt": record["updatedAt"], "archived": false,
    });
    if with_contacts {
        let ids = record["contact_ids"].as_array().cloned().unwrap_or_default();
        if !ids.is_empty() {
            let kind = format!("{}_to_contact", record["object"].as_str().unwrap_or("deal"));
            let results: Vec<Value> = ids.iter().map(|id| json!({ "id": id, "type": kind })).collect();
            out["associations"] = json!({ "contacts": { "results": results } });
        }
    }
    out
}

fn route(state: &Mutex<HubSpotState>, request: &Request) -> Reply {
    if request.header("authorization") != Some(format!("Bearer {TOKEN}").as_str()) {
        return error(401, "Authentication credentials not found.", "INVALID_AUTHENTICATION");
    }
    let mut state = state.lock().unwrap();
    let segments: Vec<&str> = request.path.trim_start_matches('/').split('/').collect();
    match (request.method.as_str(), segments.as_slice()) {
        ("GET", ["crm", "v3", "owners"]) => {
            let items = state.owners.clone();
            list(request, items, state.page_size, |o| o.clone())
        }
        ("GET", ["crm", "v3", "objects", object]) => {
            let items = match *object {
                "contacts" => state.contacts.clone(),
                "deals" => state.deals.clone(),
                "tickets" => state.tickets.clone(),
                _ => return error(404, "Unknown object type", "OBJECT_NOT_FOUND"),
            };
            let properties: Option<Vec<String>> =
                request.query("properties").map(|p| p.split(',').map(str::to_owned).collect());
            let with_contacts = request.query("associations") == Some("contacts");
            list(request, items, state.page_size, |r| present(r, properties.as_deref(), with_contacts))
        }
        ("POST", ["crm", "v3", "objects", object, "search"]) => {
            let Ok(body) = serde_json::from_str::<Value>(&request.body) else {
                return error(400, "Invalid input JSON", "VALIDATION_ERROR");
            };
            let items = match *object {
                "tasks" => state.tasks.clone(),
                "notes" => state.notes.clone(),
                "calls" => state.calls.clone(),
                _ => return error(404, "Unknown object type", "OBJECT_NOT_FOUND"),
            };
            let filters = body["filterGroups"][0]["filters"].as_array().cloned().unwrap_or_default();
            let matches = |r: &Value| {
                filters.iter().all(|f| {
                    let value = r["properties"][f["propertyName"].as_str().unwrap_or("")].as_str().unwrap_or("");
                    let millis = |text: &str| {
                        callback_clock::connectors::hubspot::parse_hubspot_time(text).map(|t| t.as_millisecond())
                    };
                    match f["operator"].as_str() {
                        Some("EQ") => value == f["value"].as_str().unwrap_or(""),
                        Some("HAS_PROPERTY") => !value.is_empty(),
                        Some("GTE") => {
                            let low = f["value"].as_str().and_then(|v| v.parse::<i64>().ok());
                            matches!((millis(value), low), (Some(at), Some(low)) if at >= low)
                        }
                        Some("BETWEEN") => {
                            let at = callback_clock::connectors::hubspot::parse_hubspot_time(value)
                                .map(|t| t.as_millisecond());
                            let low = f["value"].as_str().and_then(|v| v.parse::<i64>().ok());
                            let high = f["highValue"].as_str().and_then(|v| v.parse::<i64>().ok());
                            matches!((at, low, high), (Some(at), Some(low), Some(high)) if low <= at && at <= high)
                        }
                        _ => false,
                    }
                })
            };
            let found: Vec<Value> = items.iter().filter(|r| matches(r)).cloned().collect();
            let after: usize = body["after"].as_str().and_then(|a| a.parse().ok()).unwrap_or(0);
            let limit = body["limit"].as_u64().unwrap_or(10) as usize;
            let page: Vec<Value> = found.iter().skip(after).take(limit).map(|r| present(r, None, false)).collect();
            let mut out = json!({ "total": found.len(), "results": page });
            if after + limit < found.len() {
                out["paging"] = json!({ "next": { "after": (after + limit).to_string() } });
            }
            Reply::json(200, out.to_string())
        }
        ("POST", ["crm", "v3", "objects", object @ ("tasks" | "notes" | "calls")]) => {
            let Ok(body) = serde_json::from_str::<Value>(&request.body) else {
                return error(400, "Invalid input JSON", "VALIDATION_ERROR");
            };
            let properties = body["properties"].as_object().cloned().unwrap_or_default();
            if let Some(problem) = invalid_properties(object, &properties, true) {
                return error(400, &format!("Property values were not valid: {problem}"), "VALIDATION_ERROR");
            }
            let contacts: Vec<Value> = body["associations"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .iter()
                .filter(|a| {
                    a["types"][0]["associationTypeId"].as_u64() == Some(if *object == "tasks" { 204 } else { 202 })
                })
                .map(|a| a["to"]["id"].clone())
                .collect();
            state.next_id += 1;
            let id = state.next_id.to_string();
            let now = now_text(&state.clock);
            let mut properties = properties;
            properties.insert("hs_createdate".into(), json!(now));
            properties.insert("hs_lastmodifieddate".into(), json!(now));
            properties.insert("hs_object_id".into(), json!(id));
            let created = json!({
                "id": id, "properties": properties, "createdAt": now, "updatedAt": now, "archived": false,
                "contact_ids": contacts, "object": object.trim_end_matches('s'),
            });
            match *object {
                "tasks" => state.tasks.push(created.clone()),
                "notes" => state.notes.push(created.clone()),
                _ => state.calls.push(created.clone()),
            }
            Reply::json(201, present(&created, None, false).to_string())
        }
        ("DELETE", ["crm", "v3", "objects", "notes", id]) => {
            let before = state.notes.len();
            state.notes.retain(|n| n["id"] != *id);
            if state.notes.len() == before {
                return error(404, "resource not found", "OBJECT_NOT_FOUND");
            }
            Reply::json(204, String::new())
        }
        ("GET", ["crm", "v3", "objects", "tasks", id]) => {
            let Some(task) = state.tasks.iter().find(|t| t["id"] == *id) else {
                return error(404, "resource not found", "OBJECT_NOT_FOUND");
            };
            let properties: Option<Vec<String>> =
                request.query("properties").map(|p| p.split(',').map(str::to_owned).collect());
            let with_contacts = request.query("associations") == Some("contacts");
            Reply::json(200, present(task, properties.as_deref(), with_contacts).to_string())
        }
        ("PATCH", ["crm", "v3", "objects", "tasks", id]) => {
            let Ok(body) = serde_json::from_str::<Value>(&request.body) else {
                return error(400, "Invalid input JSON", "VALIDATION_ERROR");
            };
            let changes = body["properties"].as_object().cloned().unwrap_or_default();
            let now = now_text(&state.clock);
            let Some(task) = state.tasks.iter_mut().find(|t| t["id"] == *id) else {
                return error(404, "resource not found", "OBJECT_NOT_FOUND");
            };
            if let Some(problem) = invalid_properties("tasks", &changes, false) {
                return error(400, &format!("Property values were not valid: {problem}"), "VALIDATION_ERROR");
            }
            let mut properties = task["properties"].as_object().cloned().unwrap_or_default();
            let completing = changes.get("hs_task_status").and_then(Value::as_str) == Some("COMPLETED")
                && properties.get("hs_task_status").and_then(Value::as_str) != Some("COMPLETED");
            properties.extend(changes);
            properties.insert("hs_lastmodifieddate".into(), json!(now));
            // HubSpot stamps the completion itself (read-only `hs_task_completion_date`).
            if completing {
                properties.insert("hs_task_completion_date".into(), json!(now));
            }
            task["properties"] = Value::Object(properties);
            task["updatedAt"] = json!(now);
            Reply::json(200, present(task, None, false).to_string())
        }
        _ => error(404, "Not found", "OBJECT_NOT_FOUND"),
    }
}

/// HubSpot refuses unknown properties and bad enum values, and a create without a time.
fn invalid_properties(object: &str, properties: &serde_json::Map<String, Value>, creating: bool) -> Option<String> {
    let known: &[&str] = match object {
        "tasks" => &[
            "hs_task_subject",
            "hs_task_body",
            "hs_task_type",
            "hs_task_status",
            "hs_task_priority",
            "hs_timestamp",
            "hubspot_owner_id",
            "callback_clock_call_id",
        ],
        // The default calling properties: https://developers.hubspot.com/docs/api/crm/calls
        "calls" => &[
            "hs_timestamp",
            "hs_call_body",
            "hs_call_title",
            "hs_call_direction",
            "hs_call_disposition",
            "hs_call_duration",
            "hs_call_from_number",
            "hs_call_to_number",
            "hs_call_status",
            "hubspot_owner_id",
        ],
        _ => &["hs_note_body", "hs_timestamp", "hubspot_owner_id", "callback_clock_call_id"],
    };
    if let Some(unknown) = properties.keys().find(|k| !known.contains(&k.as_str())) {
        return Some(format!("Property \"{unknown}\" does not exist"));
    }
    if creating && !properties.contains_key("hs_timestamp") {
        return Some("hs_timestamp is required".into());
    }
    let allowed = |name: &str, values: &[&str]| {
        properties
            .get(name)
            .and_then(Value::as_str)
            .is_none_or(|v| values.contains(&v))
            .then_some(())
            .ok_or(name.to_owned())
    };
    allowed("hs_task_type", &["CALL", "EMAIL", "TODO"])
        .and_then(|_| allowed("hs_task_priority", &["NONE", "LOW", "MEDIUM", "HIGH"]))
        .and_then(|_| allowed("hs_task_status", &["NOT_STARTED", "IN_PROGRESS", "WAITING", "COMPLETED", "DEFERRED"]))
        .and_then(|_| allowed("hs_call_direction", &["INBOUND", "OUTBOUND"]))
        .and_then(|_| {
            let statuses = [
                "BUSY",
                "CALLING_CRM_USER",
                "CANCELED",
                "COMPLETED",
                "CONNECTING",
                "FAILED",
                "IN_PROGRESS",
                "NO_ANSWER",
                "QUEUED",
                "RINGING",
            ];
            allowed("hs_call_status", &statuses)
        })
        .err()
        .map(|name| format!("{name} has a value that is not an option"))
}

/// `limit`/`after` paging over `items`, with `paging.next.after` while more remain.
fn list(request: &Request, items: Vec<Value>, page_size: usize, show: impl Fn(&Value) -> Value) -> Reply {
    let limit: usize = request.query("limit").and_then(|l| l.parse().ok()).unwrap_or(10).clamp(1, page_size);
    let after: usize = request.query("after").and_then(|a| a.parse().ok()).unwrap_or(0);
    let results: Vec<Value> = items.iter().skip(after).take(limit).map(show).collect();
    let mut out = json!({ "results": results });
    if after + limit < items.len() {
        out["paging"] = json!({ "next": { "after": (after + limit).to_string(), "link": format!("{}?after={}", request.path, after + limit) } });
    }
    Reply::json(200, out.to_string())
}
