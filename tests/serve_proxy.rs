//! `callback-clock serve` as the app meets it: the real server on 127.0.0.1 in front of the fake
//! Twilio and HubSpot. The connectors' own requests go through the authorizing proxy, which adds
//! the credentials; everything else gets the right refusal; no answer or log line ever holds a
//! credential; and the built app is served with its caching, fallback and CSP.

mod support;

use std::time::Duration;

use callback_clock::connectors::hubspot::action_note::{ActionNote, NoteSays};
use callback_clock::connectors::hubspot::{CallbackTask, HubSpotAccount};
use callback_clock::connectors::twilio::{TextOutcome, TwilioAccount};
use callback_clock::connectors::Exchange;
use callback_clock::engine::bundle::{SmsConfig, SmsTemplate};
use callback_clock::engine::consent::PromiseGuard;
use callback_clock::engine::decision::{SmsView, Urgency};
use jiff::{SignedDuration, Timestamp};
use support::executor::{drive, fast_policy, Log};
use support::fake_hubspot::{FakeHubSpot, TOKEN};
use support::fake_twilio::{FakeTwilio, ACCOUNT_SID, API_KEY_SECRET};
use support::http_server::FaultKind;
use support::serve::{call, sign_in, start, AsSignedIn, Running, Site, Upstreams, ADMIN, REP, SESSION_KEY};

const TIMEOUT: Duration = Duration::from_secs(10);
const NOW: &str = "2026-03-10T18:00:00Z";

struct World {
    site: Site,
    twilio: FakeTwilio,
    hubspot: FakeHubSpot,
}

fn world() -> World {
    let now: Timestamp = NOW.parse().unwrap();
    World {
        site: Site::new(),
        twilio: FakeTwilio::start(support::demo_seed::twilio_state(now)),
        hubspot: FakeHubSpot::start(support::demo_seed::hubspot_state(now)),
    }
}

fn serve(world: &World, extra_toml: &str) -> Running {
    start(
        &world.site,
        Upstreams {
            twilio: Some(&world.twilio.server.base_url),
            hubspot: Some(&world.hubspot.server.base_url),
            extra_toml,
        },
    )
}

fn signed_in<E: Exchange>(server: &Running, cookie: &str, job: E) -> AsSignedIn<E> {
    AsSignedIn { job, cookie: cookie.to_owned(), origin: server.base.clone() }
}

fn task(call_id: &str) -> CallbackTask {
    CallbackTask {
        call_id: call_id.into(),
        contact_id: Some("101".into()),
        owner_id: Some("77".into()),
        due_at: "2026-03-10T20:00:00Z".parse().unwrap(),
        urgency: Urgency::Routine,
        subject: "Call back".into(),
        note: "What the caller said:\n- \"please call me back\"\n".into(),
    }
}

/// Every credential the server holds, in each form it could leak.
fn credentials() -> Vec<String> {
    let basic = callback_clock::connectors::http::base64(
        format!("{}:{API_KEY_SECRET}", support::fake_twilio::API_KEY_SID).as_bytes(),
    );
    vec![TOKEN.to_owned(), API_KEY_SECRET.to_owned(), basic, SESSION_KEY.to_owned()]
}

#[test]
fn a_signed_in_users_sync_goes_through_the_proxy_with_the_servers_credentials() {
    let world = world();
    let server = serve(&world, "");
    let cookie = sign_in(&server, REP);
    let now: Timestamp = NOW.parse().unwrap();

    let crm = HubSpotAccount::via_authorizing_proxy(&format!("{}/api/hubspot", server.base)).crm_sync();
    let mut job = signed_in(&server, &cookie, crm);
    drive(&mut job, fast_policy(), TIMEOUT, &mut Log::default()).expect("the CRM sync through the proxy");
    let crm = job.finish();
    assert!(!crm.crm.contacts.is_empty() && !crm.owners.is_empty());

    let twilio = TwilioAccount::via_authorizing_proxy(&format!("{}/api/twilio", server.base), ACCOUNT_SID);
    let mut job = signed_in(&server, &cookie, twilio.missed_calls(now - SignedDuration::from_hours(6), now));
    drive(&mut job, fast_policy(), TIMEOUT, &mut Log::default()).expect("the Twilio sync through the proxy");
    let synced = job.finish();
    assert!(synced.calls.iter().any(|c| c.voicemail.is_some()), "voicemails and their transcripts came through");

    let requests = world.hubspot.state.lock().unwrap().requests.clone();
    assert!(requests.iter().all(|r| r.header("authorization") == Some(&format!("Bearer {TOKEN}"))));
    assert!(requests.iter().all(|r| r.header("cookie").is_none()), "the browser's cookie stays at the proxy");
}

#[test]
fn voicemail_transcripts_come_from_voice_intelligence_through_its_own_proxy_path() {
    let world = world();
    let server = serve(&world, "");
    let cookie = sign_in(&server, REP);
    let now: Timestamp = NOW.parse().unwrap();
    let twilio = TwilioAccount::via_authorizing_proxy(&format!("{}/api/twilio", server.base), ACCOUNT_SID)
        .with_intelligence_base(&format!("{}/api/twilio-intelligence", server.base));
    let mut job = signed_in(&server, &cookie, twilio.missed_calls(now - SignedDuration::from_hours(6), now));
    drive(&mut job, fast_policy(), TIMEOUT, &mut Log::default()).expect("the Twilio sync through the proxy");
    job.finish();
    let asked: Vec<String> = world.twilio.state.lock().unwrap().requests.iter().map(|r| r.path.clone()).collect();
    assert!(asked.iter().any(|p| p == "/v2/Transcripts"), "Voice Intelligence was asked: {asked:?}");
    assert!(asked.iter().any(|p| p.starts_with("/v2/Transcripts/") && p.ends_with("/Sentences")), "{asked:?}");
    let lines = server.log_lines();
    assert!(lines.iter().any(|l| l.starts_with("GET /api/twilio-intelligence/v2/Transcripts 200")), "{lines:?}");
}

/// When the note is written (a fixed instant: the tests never read the clock).
fn written_at() -> jiff::Timestamp {
    "2026-03-10T15:05:00Z".parse().expect("a fixed time")
}

#[test]
fn a_signed_in_users_write_back_goes_through_the_proxy_once() {
    let world = world();
    let server = serve(&world, "");
    let cookie = sign_in(&server, REP);
    let account = HubSpotAccount::via_authorizing_proxy(&format!("{}/api/hubspot", server.base));
    for _ in 0..2 {
        let mut job =
            signed_in(&server, &cookie, account.write_task(task("CAwriteback0000000000000000000001"), written_at()));
        drive(&mut job, fast_policy(), TIMEOUT, &mut Log::default()).expect("the task write through the proxy");
    }
    assert_eq!(world.hubspot.tasks().len(), 1, "the second write found the first task");
}

#[test]
fn a_logged_disposition_completes_its_task_through_the_proxy() {
    let world = world();
    let server = serve(&world, "");
    let cookie = sign_in(&server, REP);
    let account = HubSpotAccount::via_authorizing_proxy(&format!("{}/api/hubspot", server.base));
    let call_id = "CAdisposition00000000000000000001";
    let mut job = signed_in(&server, &cookie, account.write_task(task(call_id), written_at()));
    drive(&mut job, fast_policy(), TIMEOUT, &mut Log::default()).expect("the task write");
    let update = ActionNote {
        call_id: call_id.into(),
        action_id: "c1#1".into(),
        says: NoteSays::Outcome { outcome: "booked".into() },
        by: "o_marco".into(),
        byline: "Logged by Marco Silva.".into(),
        logged_at: "2026-03-10T16:20:00Z".parse().unwrap(),
    };
    let mut job = signed_in(&server, &cookie, account.write_action_note(update));
    drive(&mut job, fast_policy(), TIMEOUT, &mut Log::default()).expect("the disposition (read, PATCH, note)");
    assert!(job.finish().is_some());
    let tasks = world.hubspot.tasks();
    assert_eq!(tasks[0]["properties"]["hs_task_status"], "COMPLETED");
}

#[test]
fn a_text_goes_out_through_the_proxy() {
    let world = world();
    let server = serve(&world, "");
    let cookie = sign_in(&server, REP);
    let sms = SmsConfig {
        enabled: true,
        templates: vec![SmsTemplate {
            id: "sorry".into(),
            text: "Sorry we missed your call. A team member will call you back. Reply STOP to opt out.".into(),
        }],
    };
    let view = SmsView { allowed: true, reason: None, template: Some("sorry".into()) };
    let twilio = TwilioAccount::via_authorizing_proxy(&format!("{}/api/twilio", server.base), ACCOUNT_SID);
    let text = twilio
        .send_text("+13035550100", "+13035550142", &view, &sms, &PromiseGuard::default(), NOW.parse().unwrap())
        .unwrap();
    let mut job = signed_in(&server, &cookie, text);
    drive(&mut job, fast_policy(), TIMEOUT, &mut Log::default()).expect("the text through the proxy");
    assert!(matches!(job.finish(), Some(TextOutcome::Sent { .. })));
}

#[test]
fn no_answer_or_log_line_holds_a_credential() {
    let world = world();
    let server = serve(&world, "");
    let cookie = sign_in(&server, ADMIN);
    let owners = format!("{}/api/hubspot/crm/v3/owners?limit=100", server.base);
    let origin = server.base.clone();
    let headers = [("Cookie", cookie.as_str()), ("Origin", origin.as_str())];
    let mut answers =
        vec![call("GET", &owners, &headers, ""), call("GET", &format!("{}/api/config", server.base), &headers, "")];
    answers.push(call("GET", &format!("{}/", server.base), &[], ""));
    world.hubspot.faults.add("GET", "/crm/v3/owners", FaultKind::ExpiredToken, 1);
    answers.push(call("GET", &owners, &headers, ""));
    let seen: String = answers.iter().map(|a| a.everything()).chain(server.log_lines()).collect();
    for credential in credentials() {
        assert!(!seen.contains(&credential), "a credential reached a client or the log");
    }
    assert!(server.log_lines().iter().all(|line| !line.contains("limit=")), "no query values in the log");
}

#[test]
fn rate_limit_headers_come_back_to_the_app() {
    let world = world();
    let server = serve(&world, "");
    let cookie = sign_in(&server, REP);
    world.hubspot.faults.add("GET", "/crm/v3/owners", FaultKind::RateLimited { retry_after: Some(7) }, 1);
    world.hubspot.faults.add("GET", "/crm/v3/owners", FaultKind::DailyLimit, 1);
    let url = format!("{}/api/hubspot/crm/v3/owners", server.base);
    let first = call("GET", &url, &[("Cookie", &cookie)], "");
    assert_eq!((first.status, first.header("retry-after")), (429, Some("7")));
    let second = call("GET", &url, &[("Cookie", &cookie)], "");
    assert_eq!(second.header("x-hubspot-ratelimit-daily-remaining"), Some("0"));
}

#[test]
fn a_request_without_a_session_is_refused() {
    let world = world();
    let server = serve(&world, "");
    let answer = call("GET", &format!("{}/api/hubspot/crm/v3/owners", server.base), &[], "");
    assert_eq!(answer.status, 401);
    assert!(world.hubspot.state.lock().unwrap().requests.is_empty());
}

#[test]
fn a_request_from_a_foreign_origin_is_refused() {
    let world = world();
    let server = serve(&world, "");
    let cookie = sign_in(&server, ADMIN);
    let url = format!("{}/api/hubspot/crm/v3/owners", server.base);
    let answer = call("GET", &url, &[("Cookie", &cookie), ("Origin", "https://evil.example")], "");
    assert_eq!(answer.status, 403);
    let framed = call("GET", &url, &[("Cookie", &cookie), ("Sec-Fetch-Site", "cross-site")], "");
    assert_eq!(framed.status, 403);
}

#[test]
fn a_path_not_on_the_list_is_refused() {
    let world = world();
    let server = serve(&world, "");
    let cookie = sign_in(&server, ADMIN);
    for path in ["/api/hubspot/crm/v3/objects/companies", "/api/hubspot/crm/v3/objects/tasks/..%2F..%2Fowners"] {
        let answer = call("GET", &format!("{}{path}", server.base), &[("Cookie", &cookie)], "");
        assert_eq!(answer.status, 404, "{path}");
    }
    assert!(world.hubspot.state.lock().unwrap().requests.is_empty());
}

#[test]
fn a_method_not_on_the_list_is_refused() {
    let world = world();
    let server = serve(&world, "");
    let cookie = sign_in(&server, ADMIN);
    let url = format!("{}/api/hubspot/crm/v3/objects/tasks/901", server.base);
    let answer = call("DELETE", &url, &[("Cookie", &cookie), ("Origin", &server.base)], "");
    assert_eq!(answer.status, 405);
}

#[test]
fn an_oversized_body_is_refused() {
    let world = world();
    let server = serve(&world, "[limits]\nrequest_body_kb = 1\n");
    let cookie = sign_in(&server, REP);
    let body = format!("{{\"properties\":{{\"hs_note_body\":\"{}\"}}}}", "x".repeat(2048));
    let url = format!("{}/api/hubspot/crm/v3/objects/notes", server.base);
    let headers = [("Cookie", cookie.as_str()), ("Origin", server.base.as_str()), ("Content-Type", "application/json")];
    assert_eq!(call("POST", &url, &headers, &body).status, 413);
    assert!(world.hubspot.notes().is_empty());
}

#[test]
fn a_slow_upstream_gets_a_gateway_timeout() {
    let world = world();
    let server = serve(&world, "[limits]\nupstream_timeout_seconds = 1\n");
    let cookie = sign_in(&server, REP);
    world.hubspot.faults.add("GET", "/crm/v3/owners", FaultKind::Slow(Duration::from_secs(3)), 1);
    let answer = call("GET", &format!("{}/api/hubspot/crm/v3/owners", server.base), &[("Cookie", &cookie)], "");
    assert_eq!(answer.status, 504);
}

#[test]
fn a_service_not_configured_is_not_forwarded() {
    let site = Site::new();
    let server = start(&site, Upstreams::default());
    let cookie = sign_in(&server, ADMIN);
    let url = format!("{}/api/twilio/2010-04-01/Accounts/{ACCOUNT_SID}/Calls.json", server.base);
    assert_eq!(call("GET", &url, &[("Cookie", &cookie)], "").status, 404);
}

#[test]
fn a_request_under_way_finishes_when_the_server_is_told_to_stop() {
    let world = world();
    let server = serve(&world, "");
    let cookie = sign_in(&server, REP);
    world.hubspot.faults.add("GET", "/crm/v3/owners", FaultKind::Slow(Duration::from_millis(800)), 1);
    let url = format!("{}/api/hubspot/crm/v3/owners", server.base);
    let slow = std::thread::spawn(move || call("GET", &url, &[("Cookie", &cookie)], ""));
    std::thread::sleep(Duration::from_millis(300));
    server.stop();
    assert_eq!(slow.join().unwrap().status, 200);
}

#[test]
fn the_app_is_served_with_its_caching_fallback_and_frame_policy() {
    let site = Site::new();
    let server = start(&site, Upstreams::default());
    let page = call("GET", &format!("{}/reports/by-source", server.base), &[], "");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<title>app</title>"), "a route of the app gets index.html");
    assert_eq!(page.header("cache-control"), Some("no-cache"));
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.contains("frame-ancestors 'self' https://crm.example.com"), "{csp}");
    assert!(csp.contains("'sha256-"), "the page's inline script is allowed by its hash: {csp}");
    let sidebar = call("GET", &format!("{}/sidebar/", server.base), &[], "");
    assert!(sidebar.body.contains("<title>sidebar</title>"));
    let hashed = call("GET", &format!("{}/chunk-0123456789abcdef0123.wasm", server.base), &[], "");
    assert_eq!(hashed.header("cache-control"), Some("public, max-age=31536000, immutable"));
    assert_eq!(call("GET", &format!("{}/app.js", server.base), &[], "").header("cache-control"), Some("no-cache"));
    assert_eq!(call("GET", &format!("{}/missing.js", server.base), &[], "").status, 404);
    assert_eq!(call("GET", &format!("{}/healthz", server.base), &[], "").status, 200);
    let zipped = call("GET", &format!("{}/", server.base), &[("Accept-Encoding", "gzip")], "");
    assert_eq!(zipped.header("content-encoding"), Some("gzip"));
}

#[test]
fn a_file_the_build_precompressed_is_sent_as_the_build_wrote_it() {
    let site = Site::new();
    // Not real brotli: the server must pass the build's bytes through, not make its own.
    std::fs::write(site.dir.join("dist/app.js.br"), "the build's brotli").unwrap();
    let server = start(&site, Upstreams::default());
    let brotli = call("GET", &format!("{}/app.js", server.base), &[("Accept-Encoding", "gzip, br")], "");
    assert_eq!(brotli.status, 200);
    assert_eq!(brotli.header("content-encoding"), Some("br"));
    assert_eq!(brotli.body, "the build's brotli");
    assert_eq!(brotli.header("cache-control"), Some("no-cache"), "caching is decided by the file's name");
    let plain = call("GET", &format!("{}/app.js", server.base), &[], "");
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(plain.body, "export default function init() {}");
}
