//! The fakes the browser end-to-end test runs against (examples/fake_services.rs), checked
//! natively: their demo seed, read by the real connectors and triaged with the demo config,
//! gives work items someone owns; they answer CORS as a proxy must; and a fault armed over
//! HTTP hits the next matching request.

mod support;

use std::time::Duration;

use callback_clock::connectors::http::HttpRequest;
use callback_clock::connectors::hubspot::action_note::{ActionNote, NoteSays};
use callback_clock::connectors::hubspot::{CallbackTask, HubSpotAccount};
use callback_clock::connectors::twilio::TwilioAccount;
use callback_clock::connectors::{Exchange, Secret};
use callback_clock::demo::demo_bundle;
use callback_clock::engine::bundle::Instant;
use callback_clock::engine::decision::{Action, Reason, TriageOutput, Urgency};
use callback_clock::engine::zones::BundledZones;
use callback_clock::engine::{triage, Bundle};
use callback_clock::store::sync_merge::{merge_synced, SyncSummary, SyncedData};
use jiff::{SignedDuration, Timestamp};
use serde_json::json;
use support::demo_seed::{hubspot_state, twilio_state};
use support::executor::{drive, fast_policy, send, Log};
use support::fake_hubspot::{FakeHubSpot, TOKEN};
use support::fake_twilio::{FakeTwilio, ACCOUNT_SID, API_KEY_SECRET, API_KEY_SID};

const TIMEOUT: Duration = Duration::from_secs(2);

/// What the app has after its first sync against the fakes: the demo's config, the fakes' CRM
/// and calls, triaged at `now`.
fn first_sync(now: Timestamp) -> (Bundle, SyncSummary, TriageOutput) {
    let hubspot = FakeHubSpot::start(hubspot_state(now));
    let twilio = FakeTwilio::start(twilio_state(now));
    let mut crm = HubSpotAccount::new(&hubspot.server.base_url, &Secret::new(TOKEN)).crm_sync();
    drive(&mut crm, fast_policy(), TIMEOUT, &mut Log::default()).unwrap();
    let crm = crm.finish();
    let account = TwilioAccount::new(&twilio.server.base_url, ACCOUNT_SID, API_KEY_SID, &Secret::new(API_KEY_SECRET))
        .with_intelligence_base(&twilio.server.base_url);
    let mut calls = account.missed_calls(now - SignedDuration::from_hours(24 * 14), now);
    drive(&mut calls, fast_policy(), TIMEOUT, &mut Log::default()).unwrap();
    let calls = calls.finish();
    assert!(calls.skipped.is_empty(), "{:?}", calls.skipped);
    let synced = SyncedData {
        crm: Some(crm.crm),
        calls: calls.calls,
        late_transcripts: calls.late_transcripts,
        crm_owners: crm.owners.iter().map(|o| (o.id.clone(), o.name.clone())).collect(),
        skipped: crm.skipped,
    };
    let (mut bundle, summary) = merge_synced(&demo_bundle(now), synced, true);
    bundle.now = Instant(now);
    let output = triage(&bundle, &BundledZones).unwrap();
    (bundle, summary, output)
}

/// A weekday noon in Chicago and the small hours of a Monday: the e2e test runs whenever it runs.
fn nows() -> [Timestamp; 2] {
    ["2026-11-24T18:00:00Z".parse().unwrap(), "2026-11-30T08:30:00Z".parse().unwrap()]
}

#[test]
fn the_seed_syncs_eight_fresh_missed_calls_and_the_demo_crm_with_owners_the_config_knows() {
    let now = nows()[0];
    let (bundle, summary, _) = first_sync(now);
    let demo = demo_bundle(now);
    assert_eq!(summary.calls_new, 8);
    assert!(bundle.calls.iter().all(|c| c.started_at.0 > now - SignedDuration::from_hours(3)));
    assert_eq!(bundle.calls.iter().filter(|c| c.voicemail.is_some()).count(), 3);
    assert_eq!(
        (summary.contacts, summary.leads, summary.tickets),
        (demo.crm.contacts.len(), demo.crm.leads.len(), demo.crm.tickets.len())
    );
    assert!(summary.owners_not_in_settings.is_empty(), "{:?}", summary.owners_not_in_settings);
    assert!(summary.skipped.is_empty(), "{:?}", summary.skipped);
}

#[test]
fn triaged_with_the_demo_config_the_seed_gives_owned_callback_tasks_at_any_hour() {
    for now in nows() {
        let (_, _, output) = first_sync(now);
        let owned_tasks = output
            .decisions
            .iter()
            .filter(|d| d.action == Action::CallbackTask && d.owner.is_some() && d.due_at.is_some())
            .count();
        assert!(owned_tasks > 0, "no owned callback task at {now}");
        let known = output.decisions.iter().filter(|d| d.matched.contact_id.is_some()).count();
        assert!(known >= 3, "the known callers are matched at {now}: {known}");
    }
}

#[test]
fn the_write_back_the_e2e_test_checks_lands_once_per_call_despite_faults_armed_over_http() {
    let now = nows()[0];
    let (bundle, _, output) = first_sync(now);
    let hubspot = FakeHubSpot::start(hubspot_state(now));
    let arm = |fault: serde_json::Value| {
        let url = format!("{}/__faults", hubspot.server.base_url);
        assert_eq!(send(&HttpRequest::post_json(url, &Secret::new(""), &fault), TIMEOUT).unwrap().status, 201);
    };
    arm(json!({ "method": "POST", "path_ends_with": "/crm/v3/objects/tasks", "kind": "server_error", "times": 2 }));
    arm(json!({ "method": "POST", "path_ends_with": "/crm/v3/objects/tasks", "kind": "truncated" }));
    let account = HubSpotAccount::new(&hubspot.server.base_url, &Secret::new(TOKEN));
    let tasks: Vec<CallbackTask> = output
        .decisions
        .iter()
        .zip(&bundle.calls)
        .filter(|(d, _)| d.action != Action::None)
        .filter_map(|(d, call)| CallbackTask::from_decision(d, call))
        .collect();
    for task in &tasks {
        let mut job = account.write_task(task.clone(), bundle.now.0);
        drive(&mut job, fast_policy(), TIMEOUT, &mut Log::default()).unwrap();
    }
    let written = hubspot.tasks();
    assert_eq!(written.len(), tasks.len(), "one task per call");
    assert!(written.iter().any(|t| t["properties"]["hubspot_owner_id"].is_string()), "owned tasks");

    let first = &tasks[0];
    let update = ActionNote {
        call_id: first.call_id.clone(),
        action_id: "a1".into(),
        says: NoteSays::Outcome { outcome: "booked".into() },
        by: "o_marco".into(),
        byline: "Logged by Marco Silva.".into(),
        logged_at: "2026-03-10T16:20:00Z".parse().unwrap(),
    };
    let mut job = account.write_action_note(update);
    drive(&mut job, fast_policy(), TIMEOUT, &mut Log::default()).unwrap();
    let task = written.iter().position(|t| t["properties"]["callback_clock_call_id"] == first.call_id.as_str());
    assert_eq!(hubspot.tasks()[task.unwrap()]["properties"]["hs_task_status"], "COMPLETED");
}

#[test]
fn the_seeds_forwarded_calls_are_missed_calls_and_the_quote_request_has_its_voice_intelligence_text() {
    let (bundle, _, _) = first_sync(nows()[0]);
    let forwarded: Vec<_> = bundle.calls.iter().filter(|c| c.from.as_deref() == Some("+18725550166")).collect();
    assert_eq!(forwarded.len(), 1, "the forwarded ring nobody took is the caller's missed call");
    assert_eq!(forwarded[0].to, "+13125550104", "to the tracking number dialed");
    let quote = bundle.calls.iter().find(|c| c.from.as_deref() == Some("+16305550178")).unwrap();
    let text = quote.voicemail.as_ref().and_then(|v| v.transcript.as_deref()).unwrap_or_default();
    assert!(text.starts_with("Hello, my name is Ben Walsh. I'd like a quote"), "{text}");
}

#[test]
fn the_seed_voicemails_read_as_an_emergency_and_a_complaint_and_the_withheld_call_is_flagged() {
    let (_, _, output) = first_sync(nows()[0]);
    let has = |reason| output.decisions.iter().any(|d| d.reasons.contains(&reason));
    assert!(output.decisions.iter().any(|d| d.urgency.level == Urgency::Emergency));
    assert!(has(Reason::Emergency) && has(Reason::Complaint) && has(Reason::WithheldCallerId));
}

/// A browser's CORS preflight, as Chromium sends it before a cross-origin JSON POST.
fn preflight(base_url: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let authority = base_url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(authority).unwrap();
    let request = format!(
        "OPTIONS {path} HTTP/1.1\r\nHost: {authority}\r\nOrigin: http://127.0.0.1:8080\r\n\
         Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: authorization,content-type\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    reply
}

#[test]
fn a_preflight_is_answered_for_any_origin_without_credentials() {
    let fake = FakeHubSpot::start(hubspot_state(nows()[0]));
    let reply = preflight(&fake.server.base_url, "/crm/v3/objects/tasks");
    assert!(reply.starts_with("HTTP/1.1 204"), "{reply}");
    for header in [
        "Access-Control-Allow-Origin: *",
        "Access-Control-Allow-Methods: GET, POST, PATCH, OPTIONS",
        "Access-Control-Allow-Headers: authorization, content-type",
        "Access-Control-Max-Age: 600",
    ] {
        assert!(reply.contains(header), "{header} missing from {reply}");
    }
    assert!(fake.state.lock().unwrap().requests.is_empty(), "a preflight never reaches the fake");
}

#[test]
fn every_reply_lets_the_page_read_it_and_the_rate_limit_headers() {
    let fake = FakeTwilio::start(twilio_state(nows()[0]));
    let refused =
        send(&HttpRequest::get(format!("{}/2010-04-01/Accounts", fake.server.base_url), &Secret::new("")), TIMEOUT);
    let refused = refused.unwrap();
    assert_eq!(refused.status, 401);
    assert_eq!(refused.header("access-control-allow-origin"), Some("*"));
    let exposed = refused.header("access-control-expose-headers").unwrap_or_default().to_owned();
    for header in ["Retry-After", "X-HubSpot-RateLimit-Daily-Remaining", "X-HubSpot-RateLimit-Interval-Milliseconds"] {
        assert!(exposed.contains(header), "{header} not exposed: {exposed}");
    }
}

#[test]
fn a_fault_armed_over_http_hits_the_next_matching_request_then_stops() {
    let fake = FakeHubSpot::start(hubspot_state(nows()[0]));
    let arm =
        json!({ "method": "POST", "path_ends_with": "/crm/v3/objects/tasks", "kind": "server_error", "times": 1 });
    let armed =
        send(&HttpRequest::post_json(format!("{}/__faults", fake.server.base_url), &Secret::new(""), &arm), TIMEOUT);
    assert_eq!(armed.unwrap().status, 201);
    let create = |fake: &FakeHubSpot| {
        let body = json!({ "properties": { "hs_timestamp": "2026-11-24T18:00:00Z", "hs_task_subject": "Call back" } });
        let request = HttpRequest::post_json(
            format!("{}/crm/v3/objects/tasks", fake.server.base_url),
            &Secret::new(format!("Bearer {TOKEN}")),
            &body,
        );
        send(&request, TIMEOUT).unwrap().status
    };
    assert_eq!(create(&fake), 500);
    assert_eq!(create(&fake), 201);
    assert_eq!(fake.tasks().len(), 1);
}

#[test]
fn a_fault_of_an_unknown_kind_is_refused() {
    let fake = FakeTwilio::start(twilio_state(nows()[0]));
    let arm = json!({ "method": "GET", "kind": "meteor" });
    let armed =
        send(&HttpRequest::post_json(format!("{}/__faults", fake.server.base_url), &Secret::new(""), &arm), TIMEOUT);
    assert_eq!(armed.unwrap().status, 400);
}
