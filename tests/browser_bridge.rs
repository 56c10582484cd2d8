//! The embed bridge (`src/ui/embed_bridge.rs`) in headless Chromium: real `postMessage`
//! events from an allowed origin change the record in view, the same messages from an origin
//! not in the list change nothing, and Chatwoot's `appContext` (sent as JSON text) works.
//!
//! The test page posts to itself, so the sender's origin is the test server's own origin:
//! listing it (or not) in the allowed origins decides whether a message is accepted.
//!
//! `CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=60 cargo test --target wasm32-unknown-unknown
//!  --no-default-features --features app --test browser_bridge`
#![cfg(all(target_arch = "wasm32", feature = "app"))]

use callback_clock::engine::embed_protocol::{AllowedOrigins, RecordInView, Rejection};
use callback_clock::ui::embed_bridge::{EmbedBridge, OwnerHint};
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn own_origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).expect("the test page has an origin")
}

/// Posts `message` (JSON text parsed into a JS object, or kept as a string) to this window,
/// as a host page would, and waits until the event has been delivered.
async fn post(message: &str, as_string: bool) {
    let window = web_sys::window().expect("window");
    let data = if as_string { JsValue::from_str(message) } else { js_sys::JSON::parse(message).expect("test JSON") };
    window.post_message(&data, &own_origin()).expect("postMessage");
    settle().await;
}

/// Lets queued message events run.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = web_sys::window().expect("window");
        window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30).expect("setTimeout");
    });
    JsFuture::from(promise).await.expect("timer");
}

/// Effects run on Leptos's executor, which the app's mount starts; here the tests do (once: a
/// second start is refused and ignored).
fn start_effects() {
    let _ = any_spawner::Executor::init_wasm_bindgen();
}

/// Starts a bridge inside its own reactive owner; dropping the owner removes the listener.
fn bridge_allowing(origins: &[&str]) -> (Owner, EmbedBridge) {
    start_effects();
    let owner = Owner::new();
    let allowed = AllowedOrigins::from_settings(origins);
    let bridge = owner.with(|| EmbedBridge::start(Signal::derive(move || Some(allowed.clone()))));
    (owner, bridge)
}

/// A frame inside this page (same origin: `srcdoc` inherits it) posts `message` up to us.
async fn post_from_a_child_frame(message: &str) {
    let document = web_sys::window().and_then(|w| w.document()).expect("document");
    let frame = document.create_element("iframe").expect("iframe");
    let script = format!("<script>parent.postMessage({message}, '*');</script>");
    frame.set_attribute("srcdoc", &script).expect("srcdoc");
    document.body().expect("body").append_child(&frame).expect("append");
    for _ in 0..20 {
        settle().await;
    }
    frame.remove();
}

const DANA: &str = r#"{"type": "callback-clock:record", "record": {"contact_id": "c-dana", "phone": "(303) 555-0111", "name": "Dana Ruiz"}}"#;

#[wasm_bindgen_test]
async fn a_record_message_from_an_allowed_origin_changes_the_record_in_view() {
    let origin = own_origin();
    let (owner, bridge) = bridge_allowing(&[origin.as_str()]);
    assert_eq!(bridge.record.get_untracked(), None);

    post(DANA, false).await;
    let record = bridge.record.get_untracked().expect("the record was set");
    assert_eq!(record.contact_id.as_deref(), Some("c-dana"));
    assert_eq!(record.phone.as_deref(), Some("(303) 555-0111"));

    post(r#"{"type": "callback-clock:record", "record": {"phone": "+1 303 555 0122"}}"#, false).await;
    assert_eq!(
        bridge.record.get_untracked(),
        Some(RecordInView { contact_id: None, phone: Some("+1 303 555 0122".into()), name: None }),
        "switching records replaces the one in view"
    );

    post(r#"{"type": "callback-clock:record", "record": null}"#, false).await;
    assert_eq!(bridge.record.get_untracked(), None, "null clears the record");
    drop(owner);
}

#[wasm_bindgen_test]
async fn the_same_message_from_an_origin_not_listed_is_ignored() {
    let (owner, bridge) = bridge_allowing(&["https://crm.example.com"]);
    post(DANA, false).await;
    assert_eq!(bridge.record.get_untracked(), None, "nothing changed");
    assert_eq!(bridge.accepted.get_untracked(), 0);
    assert_eq!(bridge.last_refused.get_untracked(), Some(own_origin()), "the refusal is visible for diagnostics");
    drop(owner);
}

#[wasm_bindgen_test]
async fn a_wildcard_in_settings_does_not_open_the_bridge() {
    let (owner, bridge) = bridge_allowing(&["*", "null"]);
    post(DANA, false).await;
    assert_eq!(bridge.record.get_untracked(), None);
    drop(owner);
}

#[wasm_bindgen_test]
async fn chatwoot_app_context_sent_as_json_text_sets_the_record_and_the_agent() {
    let origin = own_origin();
    let (owner, bridge) = bridge_allowing(&[origin.as_str()]);
    let context = r#"{"event": "appContext", "data": {
        "conversation": {"id": 42},
        "contact": {"id": 7, "name": "Dana Ruiz", "phone_number": "+13035550111"},
        "currentAgent": {"id": 3, "name": "Ana Lopez", "email": "ana@example.com"}}}"#;
    post(context, true).await;
    let record = bridge.record.get_untracked().expect("the contact is in view");
    assert_eq!(record.phone.as_deref(), Some("+13035550111"));
    assert_eq!(record.contact_id, None, "Chatwoot's ids are not CRM ids");
    match bridge.owner.get_untracked() {
        Some(OwnerHint::Agent(agent)) => assert_eq!(agent.email.as_deref(), Some("ana@example.com")),
        other => panic!("expected the agent, got {other:?}"),
    }
    drop(owner);
}

#[wasm_bindgen_test]
async fn an_owner_message_names_the_signed_in_owner() {
    let origin = own_origin();
    let (owner, bridge) = bridge_allowing(&[origin.as_str()]);
    post(r#"{"type": "callback-clock:owner", "owner_id": "ana"}"#, false).await;
    assert_eq!(bridge.owner.get_untracked(), Some(OwnerHint::OwnerId("ana".into())));
    drop(owner);
}

#[wasm_bindgen_test]
async fn malformed_and_foreign_messages_change_nothing() {
    let origin = own_origin();
    let (owner, bridge) = bridge_allowing(&[origin.as_str()]);
    post(DANA, false).await;
    let before = bridge.record.get_untracked();
    post(r#"{"type": "callback-clock:record", "record": {"phone": ["not", "a", "string"]}}"#, false).await;
    post(r#"{"type": "webpackHotUpdate"}"#, false).await;
    post("{not json", true).await;
    assert_eq!(bridge.record.get_untracked(), before);
    assert_eq!(bridge.accepted.get_untracked(), 1);
    drop(owner);
}

#[wasm_bindgen_test]
fn receive_reports_why_it_refused() {
    let (owner, bridge) = bridge_allowing(&["https://crm.example.com"]);
    let data = js_sys::JSON::parse(DANA).expect("test JSON");
    let allowed = AllowedOrigins::from_settings(&["https://crm.example.com"]);
    assert_eq!(
        bridge.receive("https://evil.example", &data, &allowed),
        Err(Rejection::OriginNotAllowed("https://evil.example".into()))
    );
    assert_eq!(bridge.receive("https://crm.example.com", &data, &allowed), Ok(()));
    assert_eq!(bridge.record.get_untracked().and_then(|r| r.name), Some("Dana Ruiz".into()));
    drop(owner);
}

#[wasm_bindgen_test]
async fn a_message_from_a_frame_that_is_not_the_host_is_ignored_even_from_an_allowed_origin() {
    let origin = own_origin();
    let (owner, bridge) = bridge_allowing(&[origin.as_str()]);
    post_from_a_child_frame(DANA).await;
    assert_eq!(bridge.record.get_untracked(), None, "a child frame is not the host");
    assert_eq!(bridge.accepted.get_untracked(), 0);
    drop(owner);
}

#[wasm_bindgen_test]
async fn messages_that_arrive_before_the_settings_load_are_handled_once_they_do() {
    start_effects();
    let origin = own_origin();
    let owner = Owner::new();
    let allowed: RwSignal<Option<AllowedOrigins>> = owner.with(|| RwSignal::new(None));
    let bridge = owner.with(|| EmbedBridge::start(allowed.into()));
    post(DANA, false).await;
    assert_eq!(bridge.record.get_untracked(), None, "held, not refused, while the settings load");
    assert_eq!(bridge.last_refused.get_untracked(), None);

    owner.with(|| allowed.set(Some(AllowedOrigins::from_settings(&[origin.as_str()]))));
    settle().await;
    let record = bridge.record.get_untracked().expect("the early message was applied");
    assert_eq!(record.contact_id.as_deref(), Some("c-dana"));
    drop(owner);
}
