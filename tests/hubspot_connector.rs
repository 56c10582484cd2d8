//! The HubSpot connector against a local fake of HubSpot's CRM v3 API: reading the CRM with
//! paging, writing one callback task and note per call, and then each logged disposition onto
//! that task with one note of its own, idempotently, under every fault.

mod support;

use std::time::Duration;

use callback_clock::connectors::hubspot::action_note::{ActionNote, ActionNoted, NoteSays};
use callback_clock::connectors::hubspot::{CallbackTask, HubSpotAccount, TaskWritten, SEARCH_SETTLE};
use callback_clock::connectors::{ConnectorError, Exchange, Secret};
use callback_clock::engine::bundle::{CallStatus, LeadStatus, SmsConsent, TicketStatus};
use callback_clock::engine::decision::Urgency;
use serde_json::json;
use support::executor::{drive, fast_policy, Log};
use support::fake_hubspot::{record, FakeHubSpot, HubSpotState, TOKEN};
use support::http_server::FaultKind;

const TIMEOUT: Duration = Duration::from_millis(400);

fn crm() -> HubSpotState {
    let contact = |id: &str, first: &str, phone: Option<&str>, mobile: Option<&str>, stage: &str| {
        record(
            id,
            json!({ "firstname": first, "lastname": "Ortiz", "phone": phone, "mobilephone": mobile,
                    "hs_whatsapp_phone_number": null, "hubspot_owner_id": "77", "zip": "80226", "lifecyclestage": stage,
                    // A business's own custom property (Settings names it), not a HubSpot default.
                    "sms_consent": if id == "51" { "Opted_In" } else { "opted_out" } }),
            &[],
        )
    };
    HubSpotState {
        contacts: vec![
            contact("51", "Luis", Some("(303) 555-0142"), None, "customer"),
            contact("52", "Karen", None, Some("720.555.0111"), "lead"),
            contact("53", "Maria", Some("+1 720-555-0123"), Some("+1 720-555-0124"), "opportunity"),
        ],
        deals: vec![
            record(
                "901",
                json!({ "dealname": "Repipe", "amount": "12500", "hubspot_owner_id": "77",
                                  "hs_is_closed": "false", "hs_is_closed_won": "false" }),
                &["53", "51"],
            ),
            record(
                "903",
                json!({ "dealname": "Drain", "amount": "350", "hs_is_closed": "true", "hs_is_closed_won": "true" }),
                &["53"],
            ),
        ],
        tickets: vec![
            record(
                "7001",
                json!({ "subject": "Leak after repair", "hs_pipeline_stage": "2", "closed_date": null }),
                &["51"],
            ),
            record(
                "7002",
                json!({ "subject": "Invoice", "hs_pipeline_stage": "4", "closed_date": "2026-02-12T10:00:00Z" }),
                &["51"],
            ),
            record("7003", json!({ "subject": "Orphan", "hs_pipeline_stage": "1" }), &[]),
        ],
        owners: vec![json!({ "id": "77", "email": "dana@example.com", "firstName": "Dana", "lastName": "Reyes",
                             "userId": 9001, "createdAt": "2025-01-01T00:00:00Z", "updatedAt": "2025-01-01T00:00:00Z", "archived": false })],
        page_size: 2,
        ..HubSpotState::default()
    }
}

fn account(fake: &FakeHubSpot) -> HubSpotAccount {
    HubSpotAccount::new(&fake.server.base_url, &Secret::new(TOKEN))
}

fn task() -> CallbackTask {
    CallbackTask {
        call_id: "CA5f1e0b6c3d2a4b8f9e7d6c5b4a392817".into(),
        contact_id: Some("51".into()),
        owner_id: Some("77".into()),
        due_at: "2026-03-10T16:00:00Z".parse().unwrap(),
        urgency: Urgency::Emergency,
        subject: "Call back Luis Ortiz (emergency)".into(),
        note: "What the caller said:\n- \"Our basement is flooding\"\n".into(),
    }
}

/// When the write runs: after the call, before its callback deadline.
fn written_at() -> jiff::Timestamp {
    "2026-03-10T15:07:00Z".parse().unwrap()
}

fn write(fake: &FakeHubSpot) -> (Result<Option<TaskWritten>, ConnectorError>, Log) {
    let mut job = account(fake).write_task(task(), written_at());
    let mut log = Log::default();
    let result = drive(&mut job, fast_policy(), TIMEOUT, &mut log).map(|()| job.finish());
    (result, log)
}

#[test]
fn the_one_time_setup_makes_the_apps_own_property_group_then_the_call_id_property_in_it() {
    let account = HubSpotAccount::new("https://api.hubapi.com", &Secret::new(TOKEN));
    let group = account.create_property_group("tasks");
    assert!(group.url.ends_with("/crm/v3/properties/tasks/groups"));
    let group: serde_json::Value = serde_json::from_str(group.body.as_deref().unwrap()).unwrap();
    let property = account.create_call_id_property("tasks");
    let property: serde_json::Value = serde_json::from_str(property.body.as_deref().unwrap()).unwrap();
    assert_eq!(property["groupName"], group["name"]);
}

#[test]
fn a_note_is_dated_when_it_was_written_not_at_the_callback_deadline() {
    let fake = FakeHubSpot::start(crm());
    write(&fake).0.unwrap();
    let notes = fake.notes();
    assert_eq!(notes[0]["properties"]["hs_timestamp"], "2026-03-10T15:07:00Z");
    assert_eq!(fake.tasks()[0]["properties"]["hs_timestamp"], "2026-03-10T16:00:00Z", "a task's time is its due time");
}

#[test]
fn a_named_consent_property_gives_the_contacts_their_text_consent() {
    let fake = FakeHubSpot::start(crm());
    let mut account = account(&fake);
    account.sms_consent_property = Some("sms_consent".into());
    let mut job = account.crm_sync();
    drive(&mut job, fast_policy(), TIMEOUT, &mut Log::default()).unwrap();
    let consents: Vec<_> = job.finish().crm.contacts.iter().map(|c| c.sms_consent).collect();
    assert_eq!(consents, [SmsConsent::OptedIn, SmsConsent::OptedOut, SmsConsent::OptedOut]);
}

#[test]
fn the_crm_is_read_through_every_page_with_phones_deals_tickets_and_owners() {
    let fake = FakeHubSpot::start(crm());
    let mut job = account(&fake).crm_sync();
    drive(&mut job, fast_policy(), TIMEOUT, &mut Log::default()).unwrap();
    let data = job.finish();
    let phones: Vec<_> = data.crm.contacts.iter().map(|c| c.phones.clone()).collect();
    assert_eq!(phones, [vec!["(303) 555-0142"], vec!["720.555.0111"], vec!["+1 720-555-0123", "+1 720-555-0124"]]);
    assert!(data.crm.contacts[0].customer && !data.crm.contacts[1].customer);
    assert_eq!(data.crm.contacts[0].sms_consent, SmsConsent::Unknown);
    assert_eq!(data.crm.leads[0].contact_id.as_deref(), Some("51"), "a deal belongs to its lowest-id contact");
    assert_eq!(data.crm.leads[0].amount, Some(12500.0));
    assert_eq!([data.crm.leads[0].status, data.crm.leads[1].status], [LeadStatus::Open, LeadStatus::Won]);
    assert_eq!(
        data.crm.tickets.iter().map(|t| t.status).collect::<Vec<_>>(),
        [TicketStatus::Open, TicketStatus::Closed]
    );
    assert_eq!(data.skipped, ["ticket 7003: no associated contact"]);
    assert_eq!(data.owners[0].name, "Dana Reyes");
    let pages = fake.state.lock().unwrap().requests.iter().filter(|r| r.path.ends_with("/contacts")).count();
    assert_eq!(pages, 2, "three contacts in pages of two");
}

#[test]
fn a_callback_task_is_created_with_type_priority_due_owner_contact_and_a_note() {
    let fake = FakeHubSpot::start(crm());
    let (result, _) = write(&fake);
    let written = result.unwrap().unwrap();
    assert!(written.task_created && written.note_created);
    let tasks = fake.tasks();
    let properties = &tasks[0]["properties"];
    assert_eq!(properties["hs_task_type"], "CALL");
    assert_eq!(properties["hs_task_priority"], "HIGH");
    assert_eq!(properties["hs_timestamp"], "2026-03-10T16:00:00Z");
    assert_eq!(properties["hubspot_owner_id"], "77");
    assert_eq!(properties["callback_clock_call_id"], "CA5f1e0b6c3d2a4b8f9e7d6c5b4a392817");
    assert_eq!(tasks[0]["contact_ids"], json!(["51"]));
    assert!(fake.notes()[0]["properties"]["hs_note_body"].as_str().unwrap().contains("basement is flooding"));
}

#[test]
fn a_second_write_of_the_same_call_finds_the_task_instead_of_making_another() {
    let fake = FakeHubSpot::start(crm());
    let first = write(&fake).0.unwrap().unwrap();
    let second = write(&fake).0.unwrap().unwrap();
    assert_eq!((fake.tasks().len(), fake.notes().len()), (1, 1));
    assert_eq!(second.task_id, first.task_id);
    assert!(!second.task_created && !second.note_created);
}

#[test]
fn a_429_on_create_waits_as_asked_and_writes_once() {
    let fake = FakeHubSpot::start(crm());
    fake.faults.add("POST", "/objects/tasks", FaultKind::RateLimited { retry_after: Some(1) }, 1);
    let (result, log) = write(&fake);
    assert!(result.unwrap().is_some());
    assert_eq!(fake.tasks().len(), 1);
    assert!(
        matches!(log.errors[0], ConnectorError::RateLimited { retry_after: Some(d), .. } if d == Duration::from_secs(1))
    );
    assert_eq!(log.waits[0], Duration::from_secs(1));
}

#[test]
fn a_500_on_create_is_retried_after_looking_again_and_writes_once() {
    let fake = FakeHubSpot::start(crm());
    fake.faults.add("POST", "/crm/v3/objects/tasks", FaultKind::ServerError, 2);
    let (result, log) = write(&fake);
    assert!(result.unwrap().is_some());
    assert_eq!(fake.tasks().len(), 1);
    assert_eq!(log.errors[0].to_string(), "HubSpot had a server error (HTTP 500)");
}

/// Drives `job` by hand until a create times out (the fake answers it late), checks that the
/// machine then asks to let the search index settle, and drives it to the end once the slow
/// server has finished its create.
fn drive_past_a_lost_answer(job: &mut impl Exchange) -> Log {
    let mut log = Log::default();
    while log.errors.is_empty() {
        let request = job.next_request().unwrap();
        if let Err(e) = job.receive(support::executor::send(&request, TIMEOUT)) {
            log.errors.push(e);
        }
    }
    assert_eq!(log.errors[0].to_string(), "HubSpot did not answer in time");
    assert!(job.wait_before_next().is_some());
    std::thread::sleep(Duration::from_millis(700));
    drive(job, fast_policy(), TIMEOUT, &mut log).unwrap();
    log
}

#[test]
fn a_create_whose_answer_comes_too_late_is_found_not_made_twice() {
    let fake = FakeHubSpot::start(crm());
    fake.faults.add("POST", "/crm/v3/objects/tasks", FaultKind::Slow(Duration::from_millis(900)), 1);
    let mut job = account(&fake).write_task(task(), written_at());
    let log = drive_past_a_lost_answer(&mut job);
    assert_eq!(log.settles.first(), Some(&SEARCH_SETTLE), "the executor honoured the machine's wait");
    let written = job.finish().unwrap();
    assert_eq!(fake.tasks().len(), 1);
    assert!(!written.task_created, "the task the slow answer made was found");
}

#[test]
fn a_truncated_create_answer_is_checked_and_written_once() {
    let fake = FakeHubSpot::start(crm());
    fake.faults.add("POST", "/crm/v3/objects/tasks", FaultKind::Truncated, 1);
    let (result, log) = write(&fake);
    assert!(result.unwrap().is_some());
    assert_eq!(fake.tasks().len(), 1);
    assert!(log.errors[0].to_string().starts_with("HubSpot sent a malformed answer: created record:"));
}

#[test]
fn a_truncated_search_answer_is_read_again() {
    let fake = FakeHubSpot::start(crm());
    fake.faults.add("POST", "/tasks/search", FaultKind::Truncated, 1);
    assert!(write(&fake).0.unwrap().is_some());
    assert_eq!(fake.tasks().len(), 1);
}

#[test]
fn an_expired_token_stops_with_a_clear_error_and_writes_nothing() {
    let fake = FakeHubSpot::start(crm());
    fake.faults.add("POST", "/search", FaultKind::ExpiredToken, 1);
    let (result, log) = write(&fake);
    let error = result.unwrap_err();
    assert_eq!(error.to_string(), "HubSpot refused the credentials (expired or revoked); reconnect the account");
    assert_eq!(log.requests.len(), 1, "an expired token is not retried");
    assert!(fake.tasks().is_empty());
}

#[test]
fn a_daily_limit_gives_up_at_once_and_the_write_resumes_later_without_loss() {
    let fake = FakeHubSpot::start(crm());
    fake.faults.add("POST", "/crm/v3/objects/tasks", FaultKind::DailyLimit, 1);
    let mut job = account(&fake).write_task(task(), written_at());
    let error = drive(&mut job, fast_policy(), TIMEOUT, &mut Log::default()).unwrap_err();
    assert!(matches!(error, ConnectorError::RateLimited { daily_limit_reached: true, .. }));
    assert!(fake.tasks().is_empty());
    // The outbox keeps the job; tomorrow it carries on from where it stopped.
    drive(&mut job, fast_policy(), TIMEOUT, &mut Log::default()).unwrap();
    assert_eq!(fake.tasks().len(), 1);
}

#[test]
fn a_server_that_keeps_failing_gives_up_after_the_policy_and_loses_nothing() {
    let fake = FakeHubSpot::start(crm());
    fake.faults.add("POST", "/tasks/search", FaultKind::ServerError, 50);
    let mut job = account(&fake).write_task(task(), written_at());
    let mut log = Log::default();
    assert!(matches!(
        drive(&mut job, fast_policy(), TIMEOUT, &mut log),
        Err(ConnectorError::Server { status: 500, .. })
    ));
    assert_eq!(log.requests.len(), 5);
    fake.faults.clear();
    drive(&mut job, fast_policy(), TIMEOUT, &mut log).unwrap();
    assert_eq!(fake.tasks().len(), 1);
}

#[test]
fn the_token_never_appears_in_urls_errors_or_debug_output() {
    let fake = FakeHubSpot::start(crm());
    fake.faults.add("POST", "/search", FaultKind::ExpiredToken, 1);
    let (result, log) = write(&fake);
    let error = result.unwrap_err();
    let everything = format!("{error} {error:?} {:?} {:?}", log.requests, log.errors);
    assert!(!everything.contains(TOKEN) && !everything.contains("pat-na1"));
    assert!(log.requests.iter().all(|r| !r.url.contains(TOKEN)));
    assert!(fake
        .state
        .lock()
        .unwrap()
        .requests
        .iter()
        .all(|r| !r.path.contains(TOKEN) && r.query.iter().all(|(_, v)| !v.contains(TOKEN))));
}

#[test]
fn logged_inbound_calls_with_a_missed_outcome_are_read_from_the_search_api() {
    let call = |id: &str, status: &str, at: &str| {
        record(
            id,
            json!({ "hs_timestamp": at, "hs_call_status": status, "hs_call_direction": "INBOUND",
                           "hs_call_from_number": "+13035550142", "hs_call_to_number": "+13035550100",
                           "hs_call_disposition": null, "hs_call_body": null }),
            &[],
        )
    };
    let state = HubSpotState {
        calls: vec![
            call("1", "NO_ANSWER", "2026-03-10T15:00:00.000Z"),
            call("2", "COMPLETED", "2026-03-10T15:10:00.000Z"),
            call("3", "BUSY", "2026-03-12T15:00:00.000Z"),
        ],
        ..HubSpotState::default()
    };
    let fake = FakeHubSpot::start(state);
    let from = "2026-03-10T00:00:00Z".parse().unwrap();
    let until = "2026-03-11T00:00:00Z".parse().unwrap();
    let mut job = account(&fake).logged_calls(from, until);
    drive(&mut job, fast_policy(), TIMEOUT, &mut Log::default()).unwrap();
    let calls = job.finish();
    assert_eq!(
        calls.iter().map(|c| (c.id.as_str(), c.status)).collect::<Vec<_>>(),
        [("hubspot-call-1", CallStatus::NoAnswer)]
    );
}

fn logged_calls_of(calls: Vec<serde_json::Value>) -> Vec<callback_clock::engine::bundle::Call> {
    let fake = FakeHubSpot::start(HubSpotState { calls, ..HubSpotState::default() });
    let mut job =
        account(&fake).logged_calls("2026-03-10T00:00:00Z".parse().unwrap(), "2026-03-11T00:00:00Z".parse().unwrap());
    drive(&mut job, fast_policy(), TIMEOUT, &mut Log::default()).unwrap();
    job.finish()
}

fn logged_call(id: &str, status: &str, disposition: Option<&str>, body: &str) -> serde_json::Value {
    record(
        id,
        json!({ "hs_timestamp": "2026-03-10T15:00:00.000Z", "hs_call_status": status, "hs_call_direction": "INBOUND",
                "hs_call_from_number": "+13035550142", "hs_call_to_number": "+13035550100",
                "hs_call_disposition": disposition, "hs_call_body": body }),
        &[],
    )
}

#[test]
fn a_logged_calls_body_is_a_reps_note_not_the_callers_voicemail() {
    let calls = logged_calls_of(vec![logged_call("1", "NO_ANSWER", None, "Tried twice, will try again after lunch")]);
    assert_eq!(calls[0].status, CallStatus::NoAnswer);
    assert!(calls[0].voicemail.is_none(), "a rep's words are never read as the caller's");
}

#[test]
fn a_logged_call_the_integration_marked_left_voicemail_carries_its_body_as_the_transcript() {
    let left_voicemail = "b2cf5968-551e-4856-9783-52b3da59a7d0";
    let calls = logged_calls_of(vec![logged_call("1", "COMPLETED", Some(left_voicemail), "Our basement is flooding")]);
    assert_eq!(calls[0].status, CallStatus::Voicemail);
    assert_eq!(calls[0].voicemail.as_ref().unwrap().transcript.as_deref(), Some("Our basement is flooding"));
}

#[test]
fn callbacks_reps_logged_in_hubspot_are_read_back_as_placed_calls_and_inbound_calls_are_not() {
    use callback_clock::connectors::placed_call::{PlacedOutcome, RecordedIn};
    let left_voicemail = "b2cf5968-551e-4856-9783-52b3da59a7d0";
    let callback = |id: &str, status: &str, disposition: Option<&str>| {
        record(
            id,
            json!({ "hs_timestamp": "2026-03-10T17:00:00.000Z", "hs_call_status": status,
                    "hs_call_direction": "OUTBOUND", "hs_call_to_number": "+13035550142",
                    "hs_call_from_number": "+13035550100", "hs_call_disposition": disposition }),
            &[],
        )
    };
    let calls = vec![
        callback("21", "COMPLETED", Some(left_voicemail)),
        callback("22", "NO_ANSWER", None),
        logged_call("23", "NO_ANSWER", None, ""),
    ];
    let fake = FakeHubSpot::start(HubSpotState { calls, ..HubSpotState::default() });
    let mut job = account(&fake).placed_calls("2026-03-10T00:00:00Z".parse().unwrap());
    drive(&mut job, fast_policy(), TIMEOUT, &mut Log::default()).unwrap();
    let found: Vec<(String, RecordedIn, PlacedOutcome)> =
        job.finish().into_iter().map(|c| (c.id, c.recorded_in, c.outcome)).collect();
    assert_eq!(
        found,
        [
            ("21".into(), RecordedIn::HubSpot, PlacedOutcome::Voicemail),
            ("22".into(), RecordedIn::HubSpot, PlacedOutcome::NoAnswer),
        ]
    );
}

// ---- dispositions ----

const ACTION_ID: &str = "c17#3";

fn booked() -> ActionNote {
    ActionNote {
        call_id: task().call_id,
        action_id: ACTION_ID.into(),
        says: NoteSays::Outcome { outcome: "booked".into() },
        by: "o_marco".into(),
        byline: "Logged by Marco Silva at 2026-03-10T16:20:00Z.".into(),
        logged_at: "2026-03-10T16:20:00Z".parse().unwrap(),
    }
}

/// The fake with the call's callback task (and its note) already written, as the outbox does first.
fn with_the_task_written() -> (FakeHubSpot, String) {
    let fake = FakeHubSpot::start(crm());
    let task_id = write(&fake).0.unwrap().unwrap().task_id;
    (fake, task_id)
}

fn log_disposition(fake: &FakeHubSpot, update: ActionNote) -> (Result<Option<ActionNoted>, ConnectorError>, Log) {
    let mut job = account(fake).write_action_note(update);
    let mut log = Log::default();
    let result = drive(&mut job, fast_policy(), TIMEOUT, &mut log).map(|()| job.finish());
    (result, log)
}

fn disposition_notes(fake: &FakeHubSpot) -> Vec<serde_json::Value> {
    fake.notes().into_iter().filter(|n| n["properties"]["callback_clock_call_id"] == ACTION_ID).collect()
}

fn task_status(fake: &FakeHubSpot) -> serde_json::Value {
    fake.tasks()[0]["properties"]["hs_task_status"].clone()
}

#[test]
fn a_booked_disposition_completes_the_calls_task_and_adds_one_note_on_its_contact() {
    let (fake, task_id) = with_the_task_written();
    let written = log_disposition(&fake, booked()).0.unwrap().unwrap();
    assert_eq!(written.task_id, task_id);
    assert!(written.note_created);
    assert_eq!(task_status(&fake), "COMPLETED");
    let notes = disposition_notes(&fake);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["id"], written.note_id.as_str());
    assert!(notes[0]["properties"]["hs_note_body"].as_str().unwrap().starts_with("Callback outcome: booked."));
    assert_eq!(notes[0]["contact_ids"], json!(["51"]), "on the task's contact");
    assert_eq!(fake.notes().len(), 2, "the task's own note stays as it was");
}

#[test]
fn an_attempt_adds_its_note_and_leaves_the_task_open() {
    let (fake, _) = with_the_task_written();
    log_disposition(&fake, ActionNote { says: NoteSays::Attempt, ..booked() }).0.unwrap().unwrap();
    assert_eq!(task_status(&fake), "NOT_STARTED");
    let notes = disposition_notes(&fake);
    assert!(notes[0]["properties"]["hs_note_body"].as_str().unwrap().starts_with("Callback attempt:"));
}

#[test]
fn the_same_action_written_from_two_machines_at_the_same_moment_leaves_one_note() {
    let (fake, _) = with_the_task_written();
    let mut here = account(&fake).write_action_note(booked());
    let there = ActionNote { by: "o_dana".into(), byline: "Logged by Dana.".into(), ..booked() };
    let mut there = account(&fake).write_action_note(there);
    // In lockstep: both search before either creates, so both create; the look after settles it.
    while !(here.is_done() && there.is_done()) {
        for job in [&mut here, &mut there] {
            if let Some(request) = job.next_request() {
                job.receive(support::executor::send(&request, TIMEOUT)).unwrap();
            }
        }
    }
    let (here, there) = (here.finish().unwrap(), there.finish().unwrap());
    assert_eq!(here.note_id, there.note_id, "both settle on the same note");
    assert_eq!(disposition_notes(&fake).len(), 1);
}

#[test]
fn the_same_disposition_written_again_finds_its_note_instead_of_making_another() {
    let (fake, _) = with_the_task_written();
    let first = log_disposition(&fake, booked()).0.unwrap().unwrap();
    let second = log_disposition(&fake, booked()).0.unwrap().unwrap();
    assert_eq!(second.note_id, first.note_id);
    assert!(!second.note_created);
    assert_eq!(disposition_notes(&fake).len(), 1);
}

#[test]
fn a_note_create_whose_answer_was_cut_off_is_found_not_made_twice() {
    let (fake, _) = with_the_task_written();
    fake.faults.add("POST", "/crm/v3/objects/notes", FaultKind::Truncated, 1);
    let (result, log) = log_disposition(&fake, booked());
    assert!(!result.unwrap().unwrap().note_created, "the note the cut-off answer made was found");
    assert!(log.errors[0].to_string().starts_with("HubSpot sent a malformed answer: created record:"));
    assert_eq!(disposition_notes(&fake).len(), 1);
}

#[test]
fn a_note_create_whose_answer_comes_too_late_is_found_after_the_index_settles() {
    let (fake, _) = with_the_task_written();
    fake.faults.add("POST", "/crm/v3/objects/notes", FaultKind::Slow(Duration::from_millis(900)), 1);
    let mut job = account(&fake).write_action_note(booked());
    drive_past_a_lost_answer(&mut job);
    assert!(!job.finish().unwrap().note_created);
    assert_eq!(disposition_notes(&fake).len(), 1);
}

#[test]
fn a_429_on_the_status_change_waits_as_asked_and_a_500_on_the_note_is_retried_without_duplicates() {
    let (fake, _) = with_the_task_written();
    fake.faults.add("PATCH", "", FaultKind::RateLimited { retry_after: Some(1) }, 1);
    fake.faults.add("POST", "/crm/v3/objects/notes", FaultKind::ServerError, 2);
    let (result, log) = log_disposition(&fake, booked());
    assert!(result.unwrap().is_some());
    assert_eq!(log.waits[0], Duration::from_secs(1));
    assert_eq!(log.errors[1].to_string(), "HubSpot had a server error (HTTP 500)");
    assert_eq!(task_status(&fake), "COMPLETED");
    assert_eq!(disposition_notes(&fake).len(), 1);
    let patches = fake.state.lock().unwrap().requests.iter().filter(|r| r.method == "PATCH").count();
    assert_eq!(patches, 2, "the refused PATCH and the one that landed");
}

#[test]
fn a_call_whose_task_is_not_in_hubspot_yet_gives_a_clear_retryable_error_and_changes_nothing() {
    let fake = FakeHubSpot::start(crm());
    let mut job = account(&fake).write_action_note(booked());
    let mut log = Log::default();
    let error = drive(&mut job, fast_policy(), TIMEOUT, &mut log).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the callback task for call CA5f1e0b6c3d2a4b8f9e7d6c5b4a392817 is not in HubSpot yet; \
         this write waits for it and tries again"
    );
    assert!(error.is_transient(), "the outbox keeps it and tries again later");
    assert!(log.requests.iter().all(|r| r.url.ends_with("/crm/v3/objects/tasks/search")), "it only looked");
    assert!(fake.notes().is_empty());
    // Once the task lands, the same job carries on.
    write(&fake).0.unwrap();
    drive(&mut job, fast_policy(), TIMEOUT, &mut Log::default()).unwrap();
    assert_eq!(task_status(&fake), "COMPLETED");
}

#[test]
fn a_task_deleted_in_hubspot_after_it_was_found_stops_the_write_for_a_person_to_look_at() {
    let (fake, _) = with_the_task_written();
    let mut job = account(&fake).write_action_note(booked());
    let search = job.next_request().unwrap();
    job.receive(support::executor::send(&search, TIMEOUT)).unwrap();
    fake.state.lock().unwrap().tasks.clear();
    let mut log = Log::default();
    let error = drive(&mut job, fast_policy(), TIMEOUT, &mut log).unwrap_err();
    assert!(matches!(error, ConnectorError::Rejected { status: 404, .. }), "{error}");
    assert!(!error.is_transient());
    assert_eq!(log.requests.len(), 1, "a refusal is not retried");
    assert!(disposition_notes(&fake).is_empty());
}

#[test]
fn the_token_never_appears_in_a_disposition_error() {
    let (fake, _) = with_the_task_written();
    fake.faults.add("PATCH", "", FaultKind::ExpiredToken, 1);
    let (result, log) = log_disposition(&fake, booked());
    let error = result.unwrap_err();
    assert_eq!(error.to_string(), "HubSpot refused the credentials (expired or revoked); reconnect the account");
    let missing = log_disposition(&FakeHubSpot::start(crm()), booked()).0.unwrap_err();
    let everything = format!("{error} {error:?} {missing} {missing:?} {:?} {:?}", log.requests, log.errors);
    assert!(!everything.contains(TOKEN) && !everything.contains("pat-na1"));
}

#[test]
fn the_shared_record_reads_back_the_task_and_the_disposition_this_app_wrote() {
    let (fake, task_id) = with_the_task_written();
    log_disposition(&fake, booked()).0.unwrap();
    let mut job = account(&fake).shared_record("2020-01-01T00:00:00Z".parse().unwrap());
    drive(&mut job, fast_policy(), TIMEOUT, &mut Log::default()).unwrap();
    let shared = job.finish();
    assert_eq!(shared.tasks.len(), 1, "{:?}", shared.tasks);
    let read = &shared.tasks[0];
    assert_eq!((read.task_id.as_str(), read.call_id.as_str()), (task_id.as_str(), task().call_id.as_str()));
    assert_eq!(read.owner_id.as_deref(), Some("77"));
    assert!(read.completed && read.completed_at.is_some(), "HubSpot stamped the completion: {read:?}");
    assert_eq!(shared.actions.len(), 1, "{:?}", shared.actions);
    let logged = &shared.actions[0];
    assert_eq!(logged.action_id, ACTION_ID);
    assert_eq!(logged.says, NoteSays::Outcome { outcome: "booked".into() });
}

#[test]
fn the_shared_record_reads_only_what_changed_since_the_last_sync() {
    let (fake, _) = with_the_task_written();
    let later = fake.state.lock().unwrap().clock.now() + jiff::SignedDuration::from_hours(1);
    let mut job = account(&fake).shared_record(later);
    drive(&mut job, fast_policy(), TIMEOUT, &mut Log::default()).unwrap();
    let shared = job.finish();
    assert!(shared.tasks.is_empty() && shared.actions.is_empty(), "{shared:?}");
}

#[test]
fn a_reassignment_made_in_the_app_sets_the_tasks_owner_in_hubspot() {
    let (fake, task_id) = with_the_task_written();
    let mut job = account(&fake).write_owner(&task().call_id, "78");
    drive(&mut job, fast_policy(), TIMEOUT, &mut Log::default()).unwrap();
    assert_eq!(job.finish(), Some(task_id.clone()));
    let tasks = fake.state.lock().unwrap().tasks.clone();
    let task = tasks.iter().find(|t| t["id"] == task_id.as_str()).unwrap();
    assert_eq!(task["properties"]["hubspot_owner_id"], "78");
}
