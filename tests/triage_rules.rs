//! The triage rules that span the whole pipeline (duplicate guard, reasons, actions, texts,
//! staleness), each checked through the public JSON interface on a small bundle.

use callback_clock::engine::triage_json;
use callback_clock::engine::zones::BundledZones;
use serde_json::{json, Value};

/// A small HVAC business in Chicago, open weekdays 8-17, with one tracking number.
fn business() -> Value {
    json!({
        "now": "2026-11-24T16:00:00-06:00",
        "config": {
            "timezone": "America/Chicago",
            "business_hours": {
                "mon": [["08:00", "17:00"]], "tue": [["08:00", "17:00"]], "wed": [["08:00", "17:00"]],
                "thu": [["08:00", "17:00"]], "fri": [["08:00", "17:00"]]
            },
            "sources": [{"number": "+1 312 555 0100", "name": "Google Ads", "owner": "o_ana"}],
            "owners": [{"id": "o_ana", "name": "Ana"}, {"id": "o_ben", "name": "Ben"}],
            "routing": {"default_owner": "o_ben"},
            "sla": {"callback_minutes": {"emergency": 15, "urgent": 60, "routine": 120, "unknown": 120}},
            "high_value_amount": 10000,
            "repeat_window_minutes": 60,
            "sms": {"enabled": true, "templates": [{"id": "hello", "text": "Sorry we missed your call. We will call you back."}]}
        },
        "crm": {"contacts": [], "leads": [], "tickets": []},
        "calls": [],
        "activities": []
    })
}

fn call(id: &str, from: &str, at: &str) -> Value {
    json!({"id": id, "from": from, "to": "+13125550100", "started_at": at, "status": "no-answer"})
}

fn voicemail(id: &str, from: &str, at: &str, transcript: &str) -> Value {
    let mut c = call(id, from, at);
    c["status"] = json!("voicemail");
    c["voicemail"] = json!({"transcript": transcript, "confidence": 0.9});
    c
}

fn run(bundle: &Value) -> Value {
    let out = triage_json(&bundle.to_string(), &BundledZones).expect("valid bundle");
    serde_json::from_str(&out).expect("output is JSON")
}

fn decision<'a>(out: &'a Value, id: &str) -> &'a Value {
    out["decisions"].as_array().unwrap().iter().find(|d| d["call_id"] == id).expect("a decision for the call")
}

fn with_calls(calls: Vec<Value>) -> Value {
    let mut b = business();
    b["calls"] = Value::Array(calls);
    b
}

#[test]
fn same_call_id_twice_is_a_duplicate_event() {
    let out = run(&with_calls(vec![
        call("c1", "(312) 555-0111", "2026-11-24T09:00:00-06:00"),
        call("c1", "(312) 555-0111", "2026-11-24T09:00:00-06:00"),
    ]));
    let decisions = out["decisions"].as_array().unwrap();
    assert_eq!(decisions[0]["excluded"], Value::Null);
    assert_eq!(decisions[1]["excluded"], "duplicate_event");
    assert_eq!(decisions[1]["action"], "none");
    assert_eq!(out["metrics"]["missed_calls"], 1);
}

#[test]
fn repeat_call_inside_the_window_joins_the_first_calls_task() {
    let out = run(&with_calls(vec![
        call("c1", "(312) 555-0111", "2026-11-24T09:00:00-06:00"),
        call("c2", "312-555-0111", "2026-11-24T09:20:00-06:00"),
    ]));
    assert_eq!(decision(&out, "c2")["excluded"], "repeat_call");
    assert_eq!(decision(&out, "c2")["folded_into"], "c1");
    assert_eq!(decision(&out, "c1")["action"], "callback_task");
}

#[test]
fn repeat_calls_arriving_out_of_order_fold_into_the_earliest() {
    let out = run(&with_calls(vec![
        call("late", "(312) 555-0111", "2026-11-24T09:20:00-06:00"),
        call("early", "(312) 555-0111", "2026-11-24T09:00:00-06:00"),
    ]));
    assert_eq!(decision(&out, "late")["folded_into"], "early");
}

#[test]
fn a_call_after_the_window_makes_its_own_task() {
    let out = run(&with_calls(vec![
        call("c1", "(312) 555-0111", "2026-11-24T09:00:00-06:00"),
        call("c2", "(312) 555-0111", "2026-11-24T10:30:00-06:00"),
    ]));
    assert_eq!(decision(&out, "c2")["excluded"], Value::Null);
}

#[test]
fn two_repeats_inside_the_window_are_urgency_evidence() {
    let out = run(&with_calls(vec![
        voicemail("c1", "(312) 555-0111", "2026-11-24T09:00:00-06:00", "Hi, I'd like to schedule a furnace tune-up."),
        call("c2", "(312) 555-0111", "2026-11-24T09:10:00-06:00"),
        call("c3", "(312) 555-0111", "2026-11-24T09:20:00-06:00"),
    ]));
    let first = decision(&out, "c1");
    assert_eq!(first["urgency"]["level"], "urgent");
    let evidence = first["urgency"]["evidence"].as_array().unwrap();
    assert!(evidence.iter().any(|e| e["signal"] == "repeat_calls" && e["source"] == "call_record"));
}

#[test]
fn a_repeat_calls_voicemail_still_counts_for_the_first_call() {
    let out = run(&with_calls(vec![
        call("c1", "(312) 555-0111", "2026-11-24T09:00:00-06:00"),
        voicemail("c2", "(312) 555-0111", "2026-11-24T09:05:00-06:00", "I smell gas in the basement."),
    ]));
    let first = decision(&out, "c1");
    assert_eq!(first["urgency"]["level"], "emergency");
    assert_eq!(first["action"], "escalate");
    let evidence = &first["urgency"]["evidence"][0];
    assert_eq!(evidence["call_id"], "c2", "evidence from a folded call names the call it quotes");
}

#[test]
fn withheld_callers_never_fold_into_each_other() {
    let out = run(&with_calls(vec![
        call("c1", "Anonymous", "2026-11-24T09:00:00-06:00"),
        call("c2", "Anonymous", "2026-11-24T09:05:00-06:00"),
    ]));
    assert_eq!(decision(&out, "c2")["excluded"], Value::Null);
    assert_eq!(decision(&out, "c2")["action"], "review");
}

#[test]
fn outbound_calls_are_never_missed_calls() {
    let mut c = call("c1", "(312) 555-0111", "2026-11-24T09:00:00-06:00");
    c["direction"] = json!("outbound");
    let out = run(&with_calls(vec![c]));
    assert_eq!(decision(&out, "c1")["missed"], false);
    assert_eq!(decision(&out, "c1")["excluded"], "outbound");
}

#[test]
fn callback_requests_belong_to_the_instant_callback_workflow() {
    let mut c = call("c1", "(312) 555-0111", "2026-11-24T09:00:00-06:00");
    c["status"] = json!("callback-request");
    let out = run(&with_calls(vec![c]));
    assert_eq!(decision(&out, "c1")["excluded"], "callback_request");
    assert_eq!(decision(&out, "c1")["due_at"], Value::Null);
}

#[test]
fn open_lead_at_the_high_value_amount_escalates() {
    let mut b = with_calls(vec![call("c1", "(312) 555-0111", "2026-11-24T09:00:00-06:00")]);
    b["crm"]["contacts"] = json!([{"id": "k1", "name": "Dana", "phones": ["312.555.0111"], "sms_consent": "opted_in"}]);
    b["crm"]["leads"] = json!([{"id": "d1", "contact_id": "k1", "status": "open", "amount": 10000, "owner": "o_ana"}]);
    let out = run(&b);
    let d = decision(&out, "c1");
    assert_eq!(d["action"], "escalate");
    assert!(d["reasons"].as_array().unwrap().contains(&json!("high_value")));
    assert_eq!(d["owner_rule"], "lead_owner");
}

#[test]
fn a_matched_contact_with_an_open_ticket_escalates() {
    let mut b = with_calls(vec![call("c1", "(312) 555-0111", "2026-11-24T09:00:00-06:00")]);
    b["crm"]["contacts"] = json!([{"id": "k1", "name": "Dana", "phones": ["312.555.0111"], "customer": true}]);
    b["crm"]["tickets"] = json!([{"id": "t1", "contact_id": "k1", "status": "open", "subject": "Noisy furnace"}]);
    let d = run(&b)["decisions"][0].clone();
    assert_eq!(d["action"], "escalate");
    assert_eq!(d["match"]["ticket_id"], "t1");
}

#[test]
fn a_closed_ticket_does_not_escalate() {
    let mut b = with_calls(vec![call("c1", "(312) 555-0111", "2026-11-24T09:00:00-06:00")]);
    b["crm"]["contacts"] = json!([{"id": "k1", "name": "Dana", "phones": ["312.555.0111"], "customer": true}]);
    b["crm"]["tickets"] = json!([{"id": "t1", "contact_id": "k1", "status": "closed", "subject": "Noisy furnace"}]);
    assert_eq!(run(&b)["decisions"][0]["action"], "callback_task");
}

#[test]
fn a_new_caller_with_a_clear_owner_gets_a_callback_task_and_a_new_record() {
    let d = run(&with_calls(vec![call("c1", "(312) 555-0111", "2026-11-24T09:00:00-06:00")]))["decisions"][0].clone();
    assert_eq!(d["action"], "callback_task");
    assert_eq!(d["new_record"], true);
    assert_eq!(d["owner"], "o_ana");
    assert_eq!(d["owner_rule"], "source_owner");
    assert_eq!(d["reasons"], json!([]));
}

#[test]
fn a_call_to_an_unknown_number_without_a_default_owner_has_no_owner_and_goes_to_review() {
    let mut b = with_calls(vec![call("c1", "(312) 555-0111", "2026-11-24T09:00:00-06:00")]);
    b["calls"][0]["to"] = json!("+13125559999");
    b["config"]["routing"] = json!({});
    let d = run(&b)["decisions"][0].clone();
    assert_eq!(d["owner"], Value::Null);
    assert_eq!(d["action"], "review");
    assert!(d["reasons"].as_array().unwrap().contains(&json!("no_owner")));
    assert_eq!(d["source"], Value::Null);
}

#[test]
fn a_text_needs_an_opted_in_contact() {
    let mut b = with_calls(vec![call("c1", "(312) 555-0111", "2026-11-24T09:00:00-06:00")]);
    b["crm"]["contacts"] = json!([{"id": "k1", "name": "Dana", "phones": ["312.555.0111"], "sms_consent": "opted_in"}]);
    let d = run(&b)["decisions"][0].clone();
    assert_eq!(d["sms"], json!({"allowed": true, "reason": null, "template": "hello"}));

    b["crm"]["contacts"][0]["sms_consent"] = json!("opted_out");
    assert_eq!(run(&b)["decisions"][0]["sms"]["reason"], "opted_out");
}

#[test]
fn a_text_is_never_sent_for_a_review_item() {
    let mut b = with_calls(vec![call("c1", "Restricted", "2026-11-24T09:00:00-06:00")]);
    b["crm"]["contacts"] = json!([{"id": "k1", "name": "Dana", "phones": ["312.555.0111"], "sms_consent": "opted_in"}]);
    assert_eq!(run(&b)["decisions"][0]["sms"]["reason"], "not_a_task");
}

#[test]
fn disabled_texts_say_disabled() {
    let mut b = with_calls(vec![call("c1", "(312) 555-0111", "2026-11-24T09:00:00-06:00")]);
    b["config"]["sms"]["enabled"] = json!(false);
    assert_eq!(run(&b)["decisions"][0]["sms"]["reason"], "disabled");
}

#[test]
fn a_call_past_its_deadline_without_an_attempt_is_stale() {
    let out = run(&with_calls(vec![call("c1", "(312) 555-0111", "2026-11-24T09:00:00-06:00")]));
    assert_eq!(decision(&out, "c1")["due_at"], "2026-11-24T11:00:00-06:00");
    assert_eq!(decision(&out, "c1")["stale"], true);
}

#[test]
fn an_attempt_logged_on_a_folded_repeat_call_keeps_the_task_fresh() {
    let mut b = with_calls(vec![
        call("c1", "(312) 555-0111", "2026-11-24T09:00:00-06:00"),
        call("c2", "(312) 555-0111", "2026-11-24T09:05:00-06:00"),
    ]);
    b["activities"] = json!([{"call_id": "c2", "type": "callback_attempt", "at": "2026-11-24T09:30:00-06:00"}]);
    let out = run(&b);
    assert_eq!(decision(&out, "c1")["stale"], false);
    assert_eq!(out["metrics"]["median_minutes_to_callback"], 30.0);
}

#[test]
fn a_call_not_yet_due_is_not_stale() {
    let out = run(&with_calls(vec![call("c1", "(312) 555-0111", "2026-11-24T15:30:00-06:00")]));
    assert_eq!(decision(&out, "c1")["stale"], false);
}

#[test]
fn decisions_keep_the_input_order_of_calls() {
    let out = run(&with_calls(vec![
        call("b", "(312) 555-0112", "2026-11-24T10:00:00-06:00"),
        call("a", "(312) 555-0111", "2026-11-24T09:00:00-06:00"),
    ]));
    let ids: Vec<&str> = out["decisions"].as_array().unwrap().iter().map(|d| d["call_id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["b", "a"]);
}

#[test]
fn the_same_bundle_gives_the_same_output() {
    let b = with_calls(vec![
        voicemail("c1", "(312) 555-0111", "2026-11-24T09:00:00-06:00", "Our furnace stopped working, no heat today."),
        call("c2", "Anonymous", "2026-11-24T09:05:00-06:00"),
    ]);
    assert_eq!(run(&b), run(&b));
}

#[test]
fn a_promising_template_is_warned_about_and_never_chosen() {
    let mut b = with_calls(vec![call("c1", "(312) 555-0111", "2026-11-24T09:00:00-06:00")]);
    b["config"]["sms"]["templates"] = json!([{"id": "soon", "text": "A technician is on the way!"}]);
    b["crm"]["contacts"] = json!([{"id": "k1", "name": "Dana", "phones": ["312.555.0111"], "sms_consent": "opted_in"}]);
    let out = run(&b);
    assert_eq!(out["config_warnings"][0]["template_id"], "soon");
    assert_eq!(out["decisions"][0]["sms"]["reason"], "no_approved_template");
}

#[test]
fn an_unknown_owner_in_routing_is_a_config_error() {
    let mut b = with_calls(vec![]);
    b["config"]["routing"]["default_owner"] = json!("o_nobody");
    let err = triage_json(&b.to_string(), &BundledZones).unwrap_err();
    assert_eq!(err.path, "config.routing.default_owner");
}

#[test]
fn an_unknown_time_zone_names_the_field() {
    let mut b = with_calls(vec![]);
    b["config"]["timezone"] = json!("Mars/Olympus_Mons");
    assert_eq!(triage_json(&b.to_string(), &BundledZones).unwrap_err().path, "config.timezone");
}

#[test]
fn a_bad_time_names_the_call() {
    let mut b = with_calls(vec![call("c1", "(312) 555-0111", "yesterday at noon")]);
    b["calls"][0]["started_at"] = json!("yesterday at noon");
    let err = triage_json(&b.to_string(), &BundledZones).unwrap_err();
    assert_eq!(err.to_string(), "calls[0].started_at: not an RFC 3339 time");
}

#[test]
fn inverted_business_hours_name_the_interval() {
    let mut b = with_calls(vec![]);
    b["config"]["business_hours"]["mon"] = json!([["17:00", "08:00"]]);
    assert_eq!(triage_json(&b.to_string(), &BundledZones).unwrap_err().path, "config.business_hours.mon[0]");
}

#[test]
fn an_empty_transcript_goes_to_review_as_an_ambiguous_voicemail() {
    let out = run(&with_calls(vec![voicemail("c1", "(312) 555-0111", "2026-11-24T09:00:00-06:00", "  ")]));
    let d = decision(&out, "c1");
    assert_eq!(d["urgency"]["level"], "unknown");
    assert_eq!(d["action"], "review");
    assert_eq!(d["reasons"], json!(["ambiguous_voicemail"]));
}
