//! The Twilio connector against a local fake of Twilio's 2010-04-01 API: missed inbound calls
//! and voicemails through every page, and texts only through the consent and promise guards.

mod support;

use std::time::Duration;

use callback_clock::connectors::twilio::{TextOutcome, TwilioAccount};
use callback_clock::connectors::{ConnectorError, Exchange, Secret};
use callback_clock::engine::bundle::{CallStatus, SmsConfig, SmsTemplate};
use callback_clock::engine::consent::PromiseGuard;
use callback_clock::engine::decision::{SmsBlock, SmsView};
use support::executor::{drive, fast_policy, Log};
use support::fake_twilio::{call, recording, transcription, FakeTwilio, TwilioState, ACCOUNT_SID, AUTH_TOKEN};
use support::http_server::FaultKind;

const TIMEOUT: Duration = Duration::from_millis(400);

fn calls_of_the_day() -> TwilioState {
    let mut calls = Vec::new();
    for i in 0..120 {
        calls.push(call(
            &format!("CA{i:032x}"),
            "+13035550142",
            "no-answer",
            "inbound",
            "Tue, 10 Mar 2026 15:00:00 +0000",
        ));
    }
    calls.push(call(
        "CAbusy0000000000000000000000000000",
        "+266696687",
        "busy",
        "inbound",
        "Tue, 10 Mar 2026 16:00:00 +0000",
    ));
    calls.push(call(
        "CAout00000000000000000000000000000",
        "+13035550100",
        "no-answer",
        "outbound-api",
        "Tue, 10 Mar 2026 16:10:00 +0000",
    ));
    calls.push(call(
        "CAlate0000000000000000000000000000",
        "+13035550142",
        "no-answer",
        "inbound",
        "Wed, 11 Mar 2026 15:00:00 +0000",
    ));
    calls.push(call(
        "CAvm00000000000000000000000000000",
        "+17205550111",
        "completed",
        "inbound",
        "Tue, 10 Mar 2026 17:00:00 +0000",
    ));
    calls.push(call(
        "CAtalk0000000000000000000000000000",
        "+17205550112",
        "completed",
        "inbound",
        "Tue, 10 Mar 2026 17:30:00 +0000",
    ));
    TwilioState {
        calls,
        recordings: vec![
            recording(
                "RE00000000000000000000000000000001",
                "CAvm00000000000000000000000000000",
                "RecordVerb",
                "Tue, 10 Mar 2026 17:01:00 +0000",
            ),
            recording(
                "RE00000000000000000000000000000002",
                "CAtalk0000000000000000000000000000",
                "DialVerb",
                "Tue, 10 Mar 2026 17:31:00 +0000",
            ),
        ],
        transcriptions: vec![(
            "RE00000000000000000000000000000001".into(),
            transcription(
                "TR00000000000000000000000000000001",
                "RE00000000000000000000000000000001",
                "Our basement is flooding, please call back.",
            ),
        )],
        ..TwilioState::default()
    }
}

fn account(fake: &FakeTwilio) -> TwilioAccount {
    TwilioAccount::new(&fake.server.base_url, ACCOUNT_SID, ACCOUNT_SID, &Secret::new(AUTH_TOKEN))
}

fn sync(fake: &FakeTwilio) -> (Result<callback_clock::connectors::twilio::TwilioSync, ConnectorError>, Log) {
    let mut job =
        account(fake).missed_calls("2026-03-10T00:00:00Z".parse().unwrap(), "2026-03-11T00:00:00Z".parse().unwrap());
    let mut log = Log::default();
    let result = drive(&mut job, fast_policy(), TIMEOUT, &mut log).map(|()| job.finish());
    (result, log)
}

#[test]
fn missed_inbound_calls_and_voicemails_of_the_range_are_read_through_every_page() {
    let fake = FakeTwilio::start(calls_of_the_day());
    let synced = sync(&fake).0.unwrap();
    assert_eq!(
        synced.calls.len(),
        122,
        "120 no-answer, 1 busy, 1 voicemail; not outbound, not tomorrow, not a recorded conversation"
    );
    let voicemail = synced.calls.iter().find(|c| c.id == "CAvm00000000000000000000000000000").unwrap();
    assert_eq!(voicemail.status, CallStatus::Voicemail);
    let message = voicemail.voicemail.as_ref().unwrap();
    assert_eq!(message.transcript.as_deref(), Some("Our basement is flooding, please call back."));
    assert_eq!(message.duration_seconds, Some(24.0));
    assert_eq!(voicemail.started_at.0.to_string(), "2026-03-10T17:00:00Z");
    let withheld = synced.calls.iter().find(|c| c.status == CallStatus::Busy).unwrap();
    assert_eq!(withheld.from.as_deref(), Some("+266696687"), "kept as sent; the engine marks it withheld");
    let pages = fake.state.lock().unwrap().requests.iter().filter(|r| r.query("Status") == Some("no-answer")).count();
    assert_eq!(pages, 2, "120 calls in pages of 100, followed through next_page_uri");
}

#[test]
fn faults_while_reading_are_retried_without_losing_or_doubling_calls() {
    let fake = FakeTwilio::start(calls_of_the_day());
    fake.faults.add("GET", "/Calls.json", FaultKind::RateLimited { retry_after: Some(1) }, 1);
    fake.faults.add("GET", "/Recordings.json", FaultKind::ServerError, 1);
    fake.faults.add("GET", "/Transcriptions.json", FaultKind::Truncated, 1);
    fake.faults.add("GET", "/CAvm00000000000000000000000000000.json", FaultKind::Slow(Duration::from_millis(600)), 1);
    let (result, log) = sync(&fake);
    let synced = result.unwrap();
    assert_eq!(synced.calls.len(), 122);
    let mut ids: Vec<_> = synced.calls.iter().map(|c| c.id.clone()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 122);
    let errors: Vec<String> = log.errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors[0], "Twilio is rate limiting us; it asked us to wait 1000 ms");
    assert!(errors.contains(&"Twilio had a server error (HTTP 500)".to_owned()));
    assert!(errors.iter().any(|e| e.starts_with("Twilio sent a malformed answer: transcriptions page")));
    assert!(errors.contains(&"Twilio did not answer in time".to_owned()));
}

#[test]
fn an_expired_token_stops_the_sync_with_a_clear_error_and_no_secret() {
    let fake = FakeTwilio::start(calls_of_the_day());
    let wrong = TwilioAccount::new(&fake.server.base_url, ACCOUNT_SID, ACCOUNT_SID, &Secret::new("expired-token-xyz"));
    let mut job = wrong.missed_calls("2026-03-10T00:00:00Z".parse().unwrap(), "2026-03-11T00:00:00Z".parse().unwrap());
    let mut log = Log::default();
    let error = drive(&mut job, fast_policy(), TIMEOUT, &mut log).unwrap_err();
    assert_eq!(error.to_string(), "Twilio refused the credentials (expired or revoked); reconnect the account");
    let printed = format!("{error:?} {:?}", log.requests);
    assert!(!printed.contains("expired-token-xyz") && !printed.contains(AUTH_TOKEN));
}

fn sms() -> SmsConfig {
    SmsConfig {
        enabled: true,
        templates: vec![
            SmsTemplate {
                id: "sorry".into(),
                text: "Sorry we missed your call. A team member will call you back. Reply STOP to opt out.".into(),
            },
            SmsTemplate { id: "deal".into(), text: "20% off drain cleaning today!".into() },
        ],
    }
}

fn allowed(template: &str) -> SmsView {
    SmsView { allowed: true, reason: None, template: Some(template.into()) }
}

fn send(fake: &FakeTwilio, to: &str, view: &SmsView) -> Result<Option<TextOutcome>, ConnectorError> {
    let not_before = "2026-03-10T00:00:00Z".parse().unwrap();
    let mut job = account(fake).send_text("+13035550100", to, view, &sms(), &PromiseGuard::default(), not_before)?;
    drive(&mut job, fast_policy(), TIMEOUT, &mut Log::default())?;
    Ok(job.finish())
}

#[test]
fn an_allowed_text_in_approved_wording_is_sent_once() {
    let fake = FakeTwilio::start(TwilioState::default());
    let outcome = send(&fake, "+13035550142", &allowed("sorry")).unwrap();
    assert!(matches!(outcome, Some(TextOutcome::Sent { .. })));
    assert_eq!(fake.sent_messages().len(), 1);
    assert_eq!(fake.sent_messages()[0]["body"], sms().templates[0].text.as_str());
}

#[test]
fn a_text_the_decision_does_not_allow_is_never_sent() {
    let fake = FakeTwilio::start(TwilioState::default());
    let blocked = SmsView { allowed: false, reason: Some(SmsBlock::ConsentUnknown), template: None };
    assert!(matches!(send(&fake, "+13035550142", &blocked), Err(ConnectorError::SmsBlocked { .. })));
    assert!(fake.state.lock().unwrap().requests.is_empty());
}

#[test]
fn a_template_that_promises_is_never_sent_even_if_named() {
    let fake = FakeTwilio::start(TwilioState::default());
    let error = send(&fake, "+13035550142", &allowed("deal")).unwrap_err();
    assert!(error.to_string().contains("promises a price"), "{error}");
    assert!(fake.state.lock().unwrap().requests.is_empty());
}

#[test]
fn a_withheld_recipient_is_never_texted() {
    let fake = FakeTwilio::start(TwilioState::default());
    assert!(matches!(send(&fake, "+266696687", &allowed("sorry")), Err(ConnectorError::SmsBlocked { .. })));
}

#[test]
fn an_unsubscribed_recipient_is_recorded_as_opted_out() {
    let fake = FakeTwilio::start(TwilioState { unsubscribed: vec!["+13035550142".into()], ..TwilioState::default() });
    let outcome = send(&fake, "+13035550142", &allowed("sorry")).unwrap();
    assert_eq!(outcome, Some(TextOutcome::OptedOut { to: "+13035550142".into() }));
    assert!(fake.sent_messages().is_empty());
}

#[test]
fn a_send_whose_answer_was_lost_is_checked_and_not_sent_twice() {
    let fake = FakeTwilio::start(TwilioState::default());
    fake.faults.add("POST", "/Messages.json", FaultKind::Slow(Duration::from_millis(600)), 1);
    let outcome = send(&fake, "+13035550142", &allowed("sorry")).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert!(matches!(outcome, Some(TextOutcome::Sent { .. })));
    assert_eq!(fake.sent_messages().len(), 1);
}

#[test]
fn a_send_refused_with_a_500_is_checked_then_sent_once() {
    let fake = FakeTwilio::start(TwilioState::default());
    fake.faults.add("POST", "/Messages.json", FaultKind::ServerError, 1);
    assert!(matches!(send(&fake, "+13035550142", &allowed("sorry")).unwrap(), Some(TextOutcome::Sent { .. })));
    assert_eq!(fake.sent_messages().len(), 1);
}

#[test]
fn a_text_a_closed_tab_already_sent_is_found_and_not_sent_again() {
    let fake = FakeTwilio::start(TwilioState::default());
    // The first tab's send reached Twilio; the tab closed before it could record the answer.
    send(&fake, "+13035550142", &allowed("sorry")).unwrap();
    let not_before = "2026-03-10T00:00:00Z".parse().unwrap();
    let mut again = account(&fake)
        .send_text("+13035550100", "+13035550142", &allowed("sorry"), &sms(), &PromiseGuard::default(), not_before)
        .unwrap()
        .looking_first();
    drive(&mut again, fast_policy(), TIMEOUT, &mut Log::default()).unwrap();
    assert!(matches!(again.finish(), Some(TextOutcome::Sent { .. })));
    assert_eq!(fake.sent_messages().len(), 1, "the next tab found the text instead of sending it again");
}
