//! Twilio's own OpenAPI description (vendored in ../shared/vendor/twilio-oai/) is the judge:
//! every request the connector builds, every field it reads, every enum value it compares
//! with, and every object the test server answers with must exist there.

mod support;

use std::collections::BTreeSet;
use std::time::Duration;

use callback_clock::connectors::twilio::{TwilioAccount, ENUM_VALUES_USED, FIELDS_READ, MISSED_STATUSES};
use callback_clock::connectors::{Exchange, Secret};
use callback_clock::engine::bundle::{SmsConfig, SmsTemplate};
use callback_clock::engine::consent::PromiseGuard;
use callback_clock::engine::decision::SmsView;
use serde_json::Value;
use support::executor::{drive, fast_policy, Log};
use support::fake_twilio::{
    call, dial_leg, intelligence_transcript, recording, sentence, transcription, FakeTwilio, TwilioState, ACCOUNT_SID,
    AUTH_TOKEN,
};
use support::http_server::FaultKind;

fn spec() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/vendor/twilio-oai/twilio_api_v2010.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).expect("the vendored description is JSON")
}

fn schema<'a>(spec: &'a Value, name: &str) -> &'a Value {
    let found = &spec["components"]["schemas"][name];
    assert!(found.is_object(), "schema {name} is not in Twilio's description");
    found
}

fn property_names(schema: &Value) -> BTreeSet<String> {
    schema["properties"].as_object().map(|p| p.keys().cloned().collect()).unwrap_or_default()
}

/// The description's path template that a concrete path fits (`{AccountSid}` etc. match one segment).
fn template_for<'a>(spec: &'a Value, path: &str) -> Option<&'a str> {
    let segments: Vec<&str> = path.split('/').collect();
    spec["paths"].as_object()?.keys().map(String::as_str).find(|template| {
        let parts: Vec<&str> = template.split('/').collect();
        parts.len() == segments.len()
            && parts.iter().zip(&segments).all(|(t, s)| {
                if let (Some(open), Some(close)) = (t.find('{'), t.find('}')) {
                    s.starts_with(&t[..open]) && s.ends_with(&t[close + 1..]) && s.len() > open + (t.len() - close - 1)
                } else {
                    t == s
                }
            })
    })
}

/// Runs every kind of request the connector makes against the fake and returns the fake's state.
fn exercise_everything() -> TwilioState {
    let state = TwilioState {
        calls: vec![
            call(
                "CA00000000000000000000000000000001",
                "+13035550142",
                "no-answer",
                "inbound",
                "Tue, 10 Mar 2026 15:00:00 +0000",
            ),
            call(
                "CA00000000000000000000000000000002",
                "+13035550143",
                "completed",
                "inbound",
                "Tue, 10 Mar 2026 16:00:00 +0000",
            ),
            call(
                "CA00000000000000000000000000000003",
                "+13035550144",
                "completed",
                "inbound",
                "Tue, 10 Mar 2026 17:00:00 +0000",
            ),
            dial_leg(
                "CA00000000000000000000000000000004",
                "CA00000000000000000000000000000003",
                "no-answer",
                "Tue, 10 Mar 2026 17:00:00 +0000",
            ),
            call(
                "CA00000000000000000000000000000005",
                "+13035550145",
                "completed",
                "inbound",
                "Tue, 10 Mar 2026 18:00:00 +0000",
            ),
        ],
        recordings: vec![
            recording(
                "RE00000000000000000000000000000001",
                "CA00000000000000000000000000000002",
                "RecordVerb",
                "Tue, 10 Mar 2026 16:01:00 +0000",
            ),
            recording(
                "RE00000000000000000000000000000002",
                "CA00000000000000000000000000000005",
                "RecordVerb",
                "Tue, 10 Mar 2026 18:01:00 +0000",
            ),
        ],
        // One voicemail transcribed by Voice Intelligence, one by the deprecated API.
        intelligence_transcripts: vec![intelligence_transcript(
            "GT00000000000000000000000000000002",
            "RE00000000000000000000000000000002",
            "2026-03-10T18:03:00Z",
        )],
        sentences: vec![("GT00000000000000000000000000000002".into(), sentence(0, "Please call back.", "0.9"))],
        transcriptions: vec![(
            "RE00000000000000000000000000000001".into(),
            transcription(
                "TR00000000000000000000000000000001",
                "RE00000000000000000000000000000001",
                "Please call back.",
            ),
        )],
        ..TwilioState::default()
    };
    let fake = FakeTwilio::start(state);
    let account = TwilioAccount::new(&fake.server.base_url, ACCOUNT_SID, ACCOUNT_SID, &Secret::new(AUTH_TOKEN))
        .with_intelligence_base(&fake.server.base_url);
    let mut sync =
        account.missed_calls("2026-03-10T00:00:00Z".parse().unwrap(), "2026-03-11T00:00:00Z".parse().unwrap());
    drive(&mut sync, fast_policy(), Duration::from_secs(2), &mut Log::default()).unwrap();
    assert_eq!(sync.finish().calls.len(), 4, "a no-answer, two voicemails, a forwarded call whose leg missed");
    // A send whose first answer is lost makes both the create and the verifying list request.
    fake.faults.add("POST", "/Messages.json", FaultKind::ServerError, 1);
    let sms = SmsConfig {
        enabled: true,
        templates: vec![SmsTemplate { id: "hi".into(), text: "Sorry we missed your call.".into() }],
    };
    let view = SmsView { allowed: true, reason: None, template: Some("hi".into()) };
    let not_before = "2026-03-10T00:00:00Z".parse().unwrap();
    let mut text =
        account.send_text("+13035550100", "+13035550142", &view, &sms, &PromiseGuard::default(), not_before).unwrap();
    drive(&mut text, fast_policy(), Duration::from_secs(2), &mut Log::default()).unwrap();
    let state = std::mem::take(&mut *fake.state.lock().unwrap());
    state
}

#[test]
fn every_request_uses_a_documented_path_method_and_parameter_names() {
    let spec = spec();
    let state = exercise_everything();
    let mut seen_methods = BTreeSet::new();
    // Voice Intelligence (`/v2/…`, another host) is not in the vendored 2010 description; see
    // `voice_intelligence_requests_use_the_documented_paths_and_filters`.
    for request in state.requests.iter().filter(|r| !r.path.starts_with("/v2/")) {
        let template =
            template_for(&spec, &request.path).unwrap_or_else(|| panic!("{} is not a documented path", request.path));
        let method = request.method.to_ascii_lowercase();
        let operation = &spec["paths"][template][&method];
        assert!(operation.is_object(), "{} {template} is not documented", request.method);
        seen_methods.insert(format!("{} {template}", request.method));
        let query_names: BTreeSet<&str> = operation["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["in"] == "query")
            .filter_map(|p| p["name"].as_str())
            .collect();
        for (name, _) in &request.query {
            assert!(
                query_names.contains(name.as_str()),
                "{} {template}: query parameter {name} is not documented",
                request.method
            );
        }
        if method == "post" {
            let form = &operation["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"];
            let fields = property_names(form);
            for (name, _) in callback_clock::connectors::http::form_decode(&request.body) {
                assert!(fields.contains(&name), "POST {template}: form field {name} is not documented");
            }
            assert_eq!(request.header("content-type"), Some("application/x-www-form-urlencoded"));
        }
    }
    let expected = [
        "GET /2010-04-01/Accounts/{AccountSid}/Calls.json",
        "GET /2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json",
        "GET /2010-04-01/Accounts/{AccountSid}/Recordings.json",
        "GET /2010-04-01/Accounts/{AccountSid}/Recordings/{RecordingSid}/Transcriptions.json",
        "POST /2010-04-01/Accounts/{AccountSid}/Messages.json",
        "GET /2010-04-01/Accounts/{AccountSid}/Messages.json",
    ];
    for operation in expected {
        assert!(seen_methods.contains(operation), "{operation} was not exercised");
    }
}

/// Twilio's OpenAPI description of Voice Intelligence v2 is not vendored in
/// `../shared/vendor/twilio-oai`, so its paths and list filters are checked against what
/// Twilio's documentation of the Transcript resource and its Sentence subresource lists.
#[test]
fn voice_intelligence_requests_use_the_documented_paths_and_filters() {
    let documented: [(&str, &[&str]); 2] = [
        (
            "/v2/Transcripts",
            &[
                "ServiceSid",
                "BeforeStartTime",
                "AfterStartTime",
                "BeforeDateCreated",
                "AfterDateCreated",
                "Status",
                "LanguageCode",
                "SourceSid",
                "PageSize",
                "Page",
                "PageToken",
            ],
        ),
        ("/v2/Transcripts/{Sid}/Sentences", &["Redacted", "WordTimestamps", "PageSize", "Page", "PageToken"]),
    ];
    let state = exercise_everything();
    let intelligence: Vec<_> = state.requests.iter().filter(|r| r.path.starts_with("/v2/")).collect();
    assert!(intelligence.iter().any(|r| r.path == "/v2/Transcripts"), "Voice Intelligence was not exercised");
    assert!(intelligence.iter().any(|r| r.path.ends_with("/Sentences")), "sentences were not exercised");
    for request in intelligence {
        let template = if request.path.ends_with("/Sentences") { documented[1] } else { documented[0] };
        assert!(request.path == template.0 || template.0.contains("{Sid}"), "{}", request.path);
        for (name, _) in &request.query {
            assert!(template.1.contains(&name.as_str()), "{}: query parameter {name} is not documented", template.0);
        }
    }
}

#[test]
fn the_missed_statuses_listed_are_values_of_the_status_parameter() {
    let spec = spec();
    let state = exercise_everything();
    let allowed: Vec<&str> =
        schema(&spec, "call_enum_status")["enum"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    for status in MISSED_STATUSES {
        assert!(allowed.contains(&status), "{status}");
    }
    let sent: BTreeSet<&str> = state.requests.iter().filter_map(|r| r.query("Status")).collect();
    assert_eq!(sent, MISSED_STATUSES.into_iter().collect());
}

#[test]
fn every_field_read_is_a_documented_response_field() {
    let spec = spec();
    for (schema_name, fields) in FIELDS_READ {
        let documented = property_names(schema(&spec, schema_name));
        for field in fields {
            assert!(documented.contains(*field), "{schema_name}.{field} is not documented");
        }
    }
}

#[test]
fn every_enum_value_compared_with_is_a_documented_value() {
    let spec = spec();
    for (enum_name, values) in ENUM_VALUES_USED {
        let documented: Vec<&str> =
            schema(&spec, enum_name)["enum"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        for value in values {
            assert!(documented.contains(value), "{enum_name} has no value {value}");
        }
    }
}

#[test]
fn the_test_server_answers_only_with_documented_fields() {
    let spec = spec();
    let state = exercise_everything();
    let list_envelopes: Vec<BTreeSet<String>> = spec["paths"]
        .as_object()
        .unwrap()
        .values()
        .filter_map(|p| p["get"]["responses"]["200"]["content"]["application/json"]["schema"].as_object())
        .map(|s| {
            s.get("properties").and_then(Value::as_object).map(|p| p.keys().cloned().collect()).unwrap_or_default()
        })
        .collect();
    for (schema_name, object) in &state.sent {
        let keys: BTreeSet<String> = object.as_object().unwrap().keys().cloned().collect();
        if let Some(key) = schema_name.strip_prefix("list:") {
            assert!(
                list_envelopes.iter().any(|envelope| envelope.contains(key) && keys.is_subset(envelope)),
                "a {key} list envelope with {keys:?} matches no documented list response"
            );
        } else {
            let documented = property_names(schema(&spec, schema_name));
            let extra: Vec<_> = keys.difference(&documented).collect();
            assert!(extra.is_empty(), "{schema_name} has undocumented fields {extra:?}");
            for (field, value) in object.as_object().unwrap() {
                let values = spec["components"]["schemas"][schema_name]["properties"][field]["$ref"]
                    .as_str()
                    .and_then(|r| r.rsplit('/').next())
                    .map(|enum_name| schema(&spec, enum_name)["enum"].clone());
                if let (Some(Value::Array(allowed)), Value::String(v)) = (values, value) {
                    assert!(allowed.iter().any(|a| a == v), "{schema_name}.{field} = {v} is not an enum value");
                }
            }
        }
    }
}
