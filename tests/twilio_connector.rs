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
use support::fake_twilio::{
    call, dial_leg, intelligence_transcript, recording, sentence, transcription, FakeTwilio, TwilioState, ACCOUNT_SID,
    AUTH_TOKEN,
};
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
        .with_intelligence_base(&fake.server.base_url)
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

/// A number that forwards to a cell phone with `<Dial>`, as Twilio records it: the caller's
/// inbound call `completed`, the ring nobody took an `outbound-dial` child leg.
fn forwarded_calls() -> TwilioState {
    let at = |minute: u32| format!("Tue, 10 Mar 2026 15:{minute:02}:00 +0000");
    TwilioState {
        calls: vec![
            call("CAfwd00000000000000000000000000001", "+13035550142", "completed", "inbound", &at(0)),
            dial_leg("CAleg00000000000000000000000000001", "CAfwd00000000000000000000000000001", "no-answer", &at(0)),
            call("CAfwd00000000000000000000000000002", "+13035550143", "completed", "inbound", &at(10)),
            dial_leg("CAleg00000000000000000000000000002", "CAfwd00000000000000000000000000002", "busy", &at(10)),
            // Sequential dial: the first phone did not answer, the second did.
            call("CAfwd00000000000000000000000000003", "+13035550144", "completed", "inbound", &at(20)),
            dial_leg("CAleg00000000000000000000000000003", "CAfwd00000000000000000000000000003", "no-answer", &at(20)),
            dial_leg("CAleg00000000000000000000000000004", "CAfwd00000000000000000000000000003", "completed", &at(21)),
            call("CAsip00000000000000000000000000001", "+13035550145", "no-answer", "trunking-originating", &at(30)),
        ],
        recordings: vec![recording(
            "RE0000000000000000000000000000fwd2",
            "CAfwd00000000000000000000000000002",
            "RecordVerb",
            &at(11),
        )],
        transcriptions: vec![(
            "RE0000000000000000000000000000fwd2".into(),
            transcription(
                "TR0000000000000000000000000000fwd2",
                "RE0000000000000000000000000000fwd2",
                "No heat, call me.",
            ),
        )],
        ..TwilioState::default()
    }
}

#[test]
fn a_forwarded_call_whose_dial_leg_missed_is_a_missed_call_from_the_caller_to_the_tracking_number() {
    let fake = FakeTwilio::start(forwarded_calls());
    let synced = sync(&fake).0.unwrap();
    let call = synced.calls.iter().find(|c| c.id == "CAfwd00000000000000000000000000001").unwrap();
    assert_eq!(call.status, CallStatus::NoAnswer);
    assert_eq!(call.from.as_deref(), Some("+13035550142"), "the parent's caller, not the Twilio number");
    assert_eq!(call.to, "+13035550100", "the tracking number dialed, not the cell phone");
    assert!(synced.calls.iter().all(|c| !c.id.starts_with("CAleg")), "a leg is never a call of its own");
}

#[test]
fn a_forwarded_call_that_went_to_voicemail_carries_the_parents_recording_and_transcript() {
    let fake = FakeTwilio::start(forwarded_calls());
    let synced = sync(&fake).0.unwrap();
    let call = synced.calls.iter().find(|c| c.id == "CAfwd00000000000000000000000000002").unwrap();
    assert_eq!(call.status, CallStatus::Voicemail);
    assert_eq!(call.voicemail.as_ref().unwrap().transcript.as_deref(), Some("No heat, call me."));
}

#[test]
fn a_forwarded_call_another_leg_answered_is_not_missed() {
    let fake = FakeTwilio::start(forwarded_calls());
    let synced = sync(&fake).0.unwrap();
    assert!(synced.calls.iter().all(|c| c.id != "CAfwd00000000000000000000000000003"));
}

#[test]
fn a_missed_call_over_a_sip_trunk_counts_as_inbound() {
    let fake = FakeTwilio::start(forwarded_calls());
    let synced = sync(&fake).0.unwrap();
    let ids: Vec<&str> = synced.calls.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "CAfwd00000000000000000000000000001",
            "CAfwd00000000000000000000000000002",
            "CAsip00000000000000000000000000001"
        ]
    );
}

/// A voicemail today, one from two days ago that an earlier sync brought without text, and
/// Voice Intelligence transcripts of both, created today.
fn voicemails_with_intelligence() -> TwilioState {
    TwilioState {
        calls: vec![
            call(
                "CAvi00000000000000000000000000001",
                "+13035550142",
                "completed",
                "inbound",
                "Tue, 10 Mar 2026 15:00:00 +0000",
            ),
            call(
                "CAold0000000000000000000000000001",
                "+13035550143",
                "completed",
                "inbound",
                "Sun, 08 Mar 2026 15:00:00 +0000",
            ),
        ],
        recordings: vec![
            recording(
                "RE0000000000000000000000000000vi1",
                "CAvi00000000000000000000000000001",
                "RecordVerb",
                "Tue, 10 Mar 2026 15:01:00 +0000",
            ),
            recording(
                "RE000000000000000000000000000old1",
                "CAold0000000000000000000000000001",
                "RecordVerb",
                "Sun, 08 Mar 2026 15:01:00 +0000",
            ),
        ],
        intelligence_transcripts: vec![
            intelligence_transcript(
                "GT0000000000000000000000000000vi1",
                "RE0000000000000000000000000000vi1",
                "2026-03-10T15:03:00Z",
            ),
            intelligence_transcript(
                "GT000000000000000000000000000old1",
                "RE000000000000000000000000000old1",
                "2026-03-10T09:00:00Z",
            ),
        ],
        sentences: vec![
            ("GT0000000000000000000000000000vi1".into(), sentence(1, "The furnace stopped last night.", "0.80")),
            ("GT0000000000000000000000000000vi1".into(), sentence(0, "Hi, this is Karen.", "0.90")),
            ("GT000000000000000000000000000old1".into(), sentence(0, "Water is leaking under the sink.", "0.95")),
        ],
        // The deprecated API still has a transcription of today's voicemail: not used.
        transcriptions: vec![(
            "RE0000000000000000000000000000vi1".into(),
            transcription("TR0000000000000000000000000000vi1", "RE0000000000000000000000000000vi1", "old text"),
        )],
        ..TwilioState::default()
    }
}

#[test]
fn a_voicemails_text_comes_from_its_voice_intelligence_sentences_in_order() {
    let fake = FakeTwilio::start(voicemails_with_intelligence());
    let synced = sync(&fake).0.unwrap();
    let call = synced.calls.iter().find(|c| c.id == "CAvi00000000000000000000000000001").unwrap();
    let voicemail = call.voicemail.as_ref().unwrap();
    assert_eq!(voicemail.transcript.as_deref(), Some("Hi, this is Karen. The furnace stopped last night."));
    assert!((voicemail.confidence.unwrap() - 0.85).abs() < 1e-9, "the sentences' mean");
    let asked_deprecated = fake.state.lock().unwrap().requests.iter().any(|r| r.path.ends_with("/Transcriptions.json"));
    assert!(!asked_deprecated, "the deprecated API is only a fallback");
}

#[test]
fn a_transcript_finished_after_its_call_was_synced_comes_back_for_that_call() {
    let fake = FakeTwilio::start(voicemails_with_intelligence());
    let synced = sync(&fake).0.unwrap();
    assert!(synced.calls.iter().all(|c| c.id != "CAold0000000000000000000000000001"), "not a call of this range");
    assert_eq!(synced.late_transcripts.len(), 1);
    let late = &synced.late_transcripts[0];
    assert_eq!(late.call_id, "CAold0000000000000000000000000001");
    assert_eq!(late.transcript, "Water is leaking under the sink.");
}

#[test]
fn a_voicemail_without_a_voice_intelligence_transcript_falls_back_to_the_recording_transcription() {
    let fake = FakeTwilio::start(calls_of_the_day());
    let synced = sync(&fake).0.unwrap();
    let call = synced.calls.iter().find(|c| c.id == "CAvm00000000000000000000000000000").unwrap();
    assert_eq!(
        call.voicemail.as_ref().unwrap().transcript.as_deref(),
        Some("Our basement is flooding, please call back.")
    );
    let listed = fake.state.lock().unwrap().requests.iter().any(|r| r.path == "/v2/Transcripts");
    assert!(listed, "Voice Intelligence is asked first");
}

#[test]
fn a_long_voicemails_sentences_are_read_through_every_page() {
    let mut state = voicemails_with_intelligence();
    state.sentences.retain(|(t, _)| t != "GT0000000000000000000000000000vi1");
    for i in 0..130 {
        state.sentences.push(("GT0000000000000000000000000000vi1".into(), sentence(i, &format!("s{i}."), "0.9")));
    }
    let fake = FakeTwilio::start(state);
    let synced = sync(&fake).0.unwrap();
    let call = synced.calls.iter().find(|c| c.id == "CAvi00000000000000000000000000001").unwrap();
    let text = call.voicemail.as_ref().unwrap().transcript.clone().unwrap();
    assert!(text.starts_with("s0. s1.") && text.ends_with("s128. s129."), "{text}");
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
    let wrong = TwilioAccount::new(&fake.server.base_url, ACCOUNT_SID, ACCOUNT_SID, &Secret::new("expired-token-xyz"))
        .with_intelligence_base(&fake.server.base_url);
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

#[test]
fn a_queued_text_whose_answer_was_lost_is_found_though_twilio_has_not_set_date_sent() {
    let fake = FakeTwilio::start(TwilioState::default());
    fake.faults.add("POST", "/Messages.json", FaultKind::Slow(Duration::from_millis(600)), 1);
    assert!(matches!(send(&fake, "+13035550142", &allowed("sorry")).unwrap(), Some(TextOutcome::Sent { .. })));
    std::thread::sleep(Duration::from_millis(300));
    let messages = fake.sent_messages();
    assert_eq!(messages.len(), 1);
    assert!(messages[0]["date_sent"].is_null(), "still queued when it was looked for");
    let lookups: Vec<_> =
        fake.state.lock().unwrap().requests.iter().filter(|r| r.method == "GET").map(|r| r.query.clone()).collect();
    assert!(lookups.iter().flatten().all(|(name, _)| !name.starts_with("DateSent")), "{lookups:?}");
}

#[test]
fn the_same_words_sent_before_the_first_try_do_not_count_as_this_text() {
    let fake =
        FakeTwilio::start(TwilioState { clock: "Mon, 09 Mar 2026 12:00:00 +0000".into(), ..TwilioState::default() });
    send(&fake, "+13035550142", &allowed("sorry")).unwrap();
    fake.state.lock().unwrap().clock = "Tue, 10 Mar 2026 16:00:00 +0000".into();
    fake.faults.add("POST", "/Messages.json", FaultKind::ServerError, 1);
    assert!(matches!(send(&fake, "+13035550142", &allowed("sorry")).unwrap(), Some(TextOutcome::Sent { .. })));
    assert_eq!(fake.sent_messages().len(), 2, "yesterday's text is not today's");
}

#[test]
fn an_account_with_a_messaging_service_texts_through_it_and_finds_its_own_text() {
    let fake = FakeTwilio::start(TwilioState::default());
    fake.faults.add("POST", "/Messages.json", FaultKind::Slow(Duration::from_millis(600)), 1);
    let service = "MG0123456789abcdef0123456789abcdef";
    let not_before = "2026-03-10T00:00:00Z".parse().unwrap();
    let mut job = account(&fake)
        .with_messaging_service(service)
        .send_text("+13035550100", "+13035550142", &allowed("sorry"), &sms(), &PromiseGuard::default(), not_before)
        .unwrap();
    drive(&mut job, fast_policy(), TIMEOUT, &mut Log::default()).unwrap();
    assert!(matches!(job.finish(), Some(TextOutcome::Sent { .. })));
    std::thread::sleep(Duration::from_millis(300));
    let messages = fake.sent_messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0]["messaging_service_sid"], service);
    let post = fake.state.lock().unwrap().requests.iter().find(|r| r.method == "POST").cloned().unwrap();
    let form = callback_clock::connectors::http::form_decode(&post.body);
    assert!(form.iter().any(|(k, v)| k == "MessagingServiceSid" && v == service));
    assert!(form.iter().all(|(k, _)| k != "From"), "the service picks the number");
}

#[test]
fn callbacks_placed_through_the_api_are_read_back_as_outbound_calls_through_every_page() {
    use callback_clock::connectors::placed_call::PlacedOutcome;
    // 120 missed inbound calls (more than a page), the day's outbound call, and a callback the business placed.
    let mut state = calls_of_the_day();
    let mut placed = call(
        "CAca11000000000000000000000000000001",
        "+13035550100",
        "no-answer",
        "outbound-api",
        "Tue, 10 Mar 2026 17:00:00 +0000",
    );
    placed["to"] = serde_json::json!("+13035550142");
    state.calls.push(placed);
    let fake = FakeTwilio::start(state);
    let mut job =
        account(&fake).outbound_calls("2026-03-10T00:00:00Z".parse().unwrap(), "2026-03-11T00:00:00Z".parse().unwrap());
    drive(&mut job, fast_policy(), TIMEOUT, &mut Log::default()).unwrap();
    let found = job.finish();
    let callback =
        found.iter().find(|c| c.id == "CAca11000000000000000000000000000001").expect("the callback is found");
    assert_eq!((callback.to.as_str(), callback.outcome), ("+13035550142", PlacedOutcome::NoAnswer));
    assert!(found.iter().all(|c| !c.id.starts_with("CA0")), "no inbound call is an outbound one: {found:?}");
}
