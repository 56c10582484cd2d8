//! The browser side of the embed protocol: listens for `message` events, hands each one to
//! `engine::embed_protocol::BridgeMessage::parse` with the allowed origins, and exposes what
//! the host said as signals (record in view, signed-in owner). It also posts the app's own
//! messages (`ready`, `changed`) to the host, only ever to an allowed origin, never `"*"`.
//!
//! Thin on purpose: every accept/refuse rule is in the pure module and tested natively; this
//! file only converts `MessageEvent`s and calls `postMessage`. The protocol is documented in
//! `docs/EMBEDDING.md`.

use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

use crate::engine::embed_protocol::{
    AllowedOrigins, BridgeMessage, HostAgent, HostNotice, Origin, RecordInView, Rejection, CHATWOOT_FETCH_INFO,
};

/// Who the host says is signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnerHint {
    /// `callback-clock:owner`: one of our owner ids.
    OwnerId(String),
    /// Chatwoot's `currentAgent`, to be mapped to an owner by `owner_for_agent`.
    Agent(HostAgent),
}

/// What the host has told the sidebar, as signals, and the way back to the host.
#[derive(Clone, Copy)]
pub struct EmbedBridge {
    /// The record in view; `None` until the host says, or after it clears it.
    pub record: RwSignal<Option<RecordInView>>,
    pub owner: RwSignal<Option<OwnerHint>>,
    /// The last message refused for its origin, for the sidebar's diagnostics line.
    pub last_refused: RwSignal<Option<String>>,
    /// Count of accepted messages (tests and diagnostics).
    pub accepted: RwSignal<u32>,
    /// The allowed origin the host last wrote from: where replies go.
    host_origin: RwSignal<Option<Origin>>,
}

impl EmbedBridge {
    /// Starts listening. `allowed` is `None` until the store's settings are loaded; it is read
    /// at each message, so a change in settings applies at once. Messages that arrive before
    /// the settings are held (not read) and handled once they are, and `ready` is said only
    /// then, so a host on an allowed origin is never refused for coming early. The listener
    /// is removed when the calling reactive owner is cleaned up.
    pub fn start(allowed: Signal<Option<AllowedOrigins>>) -> EmbedBridge {
        let bridge = EmbedBridge {
            record: RwSignal::new(None),
            owner: RwSignal::new(None),
            last_refused: RwSignal::new(None),
            accepted: RwSignal::new(0),
            host_origin: RwSignal::new(None),
        };
        let early = StoredValue::new(Vec::<(String, JsValue)>::new());
        let handle = window_event_listener(leptos::ev::message, move |event: web_sys::MessageEvent| {
            // Only the page that frames us speaks the protocol; nothing else is even read.
            if !comes_from_host(&event) {
                return;
            }
            match allowed.get_untracked() {
                Some(allowed) => {
                    let _ignored = bridge.receive(&event.origin(), &event.data(), &allowed);
                }
                None => early.update_value(|held| {
                    if held.len() < EARLY_MESSAGES_HELD {
                        held.push((event.origin(), event.data()));
                    }
                }),
            }
        });
        on_cleanup(move || handle.remove());
        Effect::new(move |greeted: Option<bool>| {
            if greeted == Some(true) {
                return true;
            }
            let Some(allowed) = allowed.get() else { return false };
            bridge.greet_host(&allowed);
            for (origin, data) in early.try_update_value(std::mem::take).unwrap_or_default() {
                let _ignored = bridge.receive(&origin, &data, &allowed);
            }
            true
        });
        bridge
    }

    /// Applies one message; returns what was refused, if anything. The origin is checked
    /// before the data is copied or parsed.
    pub fn receive(&self, origin: &str, data: &JsValue, allowed: &AllowedOrigins) -> Result<(), Rejection> {
        if !allowed.allows(origin) {
            return Err(self.refuse(Rejection::OriginNotAllowed(origin.to_owned())));
        }
        let value = js_to_json(data);
        match BridgeMessage::parse(origin, &value, allowed) {
            Ok(message) => {
                if let Some(origin) = allowed.reply_origin([origin]) {
                    self.host_origin.set(Some(origin));
                }
                self.accepted.update(|n| *n += 1);
                match message {
                    BridgeMessage::Record(record) => self.record.set(record),
                    BridgeMessage::Owner(owner_id) => self.owner.set(Some(OwnerHint::OwnerId(owner_id))),
                    BridgeMessage::ChatwootContext { record, agent } => {
                        self.record.set(record);
                        if let Some(agent) = agent {
                            self.owner.set(Some(OwnerHint::Agent(agent)));
                        }
                    }
                }
                Ok(())
            }
            Err(rejection) => Err(self.refuse(rejection)),
        }
    }

    fn refuse(&self, rejection: Rejection) -> Rejection {
        if let Rejection::OriginNotAllowed(_) | Rejection::BadField { .. } = rejection {
            web_sys::console::warn_1(&format!("Callback Clock ignored a message: {rejection}").into());
        }
        if let Rejection::OriginNotAllowed(origin) = &rejection {
            self.last_refused.set(Some(origin.clone()));
        }
        rejection
    }

    /// Tells the host something changed. Does nothing outside an iframe or before an allowed
    /// host has been identified.
    pub fn notify(&self, notice: &HostNotice) {
        if let Some(origin) = self.host_origin.get_untracked() {
            post_to_parent(&notice.to_json(), origin.as_str());
        }
    }

    /// On start: if the embedding page's origin (as the browser reports it) is allowed, say
    /// `ready` and ask a Chatwoot host for its context.
    fn greet_host(&self, allowed: &AllowedOrigins) {
        let Some(origin) = allowed.reply_origin(parent_origin_candidates().iter().map(String::as_str)) else {
            return;
        };
        self.host_origin.set(Some(origin.clone()));
        post_to_parent(&HostNotice::ready().to_json(), origin.as_str());
        post_to_parent(&Value::String(CHATWOOT_FETCH_INFO.to_owned()), origin.as_str());
    }
}

/// Messages held while the settings load; a host says a few things at start, not more.
const EARLY_MESSAGES_HELD: usize = 16;

/// Whether a message was posted by the host: the window that frames this one, or, when not
/// framed, this window itself (its own scripts can read everything anyway). A frame inside
/// the sidebar, a popup or another tab is never the host, whatever its origin.
fn comes_from_host(event: &web_sys::MessageEvent) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let host = window.parent().ok().flatten().unwrap_or_else(|| window.clone());
    event.source().is_some_and(|source| js_sys::Object::is(&source, &host))
}

/// The settings' allowed origins plus the app's own origin: a page served beside the app
/// (like `host.html`) can already read the app's storage, so trusting it adds no risk.
pub fn effective_allowed_origins(settings: &[String]) -> AllowedOrigins {
    let mut entries: Vec<String> = settings.to_vec();
    if let Some(own) = web_sys::window().and_then(|w| w.location().origin().ok()) {
        entries.push(own);
    }
    AllowedOrigins::from_settings(&entries)
}

/// The origin of the page embedding us: Chromium's `location.ancestorOrigins`, else the
/// referrer. Empty when not framed.
fn parent_origin_candidates() -> Vec<String> {
    let Some(window) = web_sys::window() else { return Vec::new() };
    let framed = window.parent().ok().flatten().is_some_and(|parent| parent != window);
    if !framed {
        return Vec::new();
    }
    let mut candidates = Vec::new();
    let ancestors = js_sys::Reflect::get(&window.location(), &JsValue::from_str("ancestorOrigins")).ok();
    if let Some(first) = ancestors
        .filter(|a| !a.is_undefined())
        .and_then(|a| js_sys::Reflect::get(&a, &JsValue::from_f64(0.0)).ok())
        .and_then(|o| o.as_string())
    {
        candidates.push(first);
    }
    if let Some(referrer) = window.document().map(|d| d.referrer()).filter(|r| !r.is_empty()) {
        candidates.push(origin_of_url(&referrer));
    }
    candidates
}

/// `scheme://host[:port]` of a URL, by text (the parser in `embed_protocol` checks it).
fn origin_of_url(url: &str) -> String {
    let after_scheme = url.find("://").map(|i| i + 3).unwrap_or(0);
    let end = url[after_scheme..].find(['/', '?', '#']).map(|i| after_scheme + i).unwrap_or(url.len());
    url[..end].to_owned()
}

fn post_to_parent(message: &Value, origin: &str) {
    let Some(window) = web_sys::window() else { return };
    let Some(parent) = window.parent().ok().flatten().filter(|p| *p != window) else { return };
    let Ok(data) = js_sys::JSON::parse(&message.to_string()) else { return };
    if let Err(error) = parent.post_message(&data, origin) {
        web_sys::console::warn_2(&"Callback Clock could not reach the host page:".into(), &error);
    }
}

/// A message's data as JSON: strings stay strings (Chatwoot sends JSON text), objects are
/// serialized by the browser. Anything that cannot be serialized becomes `null` (ignored).
fn js_to_json(data: &JsValue) -> Value {
    if let Some(text) = data.as_string() {
        return Value::String(text);
    }
    if data.is_undefined() || data.is_null() || data.is_function() || data.dyn_ref::<js_sys::Symbol>().is_some() {
        return Value::Null;
    }
    js_sys::JSON::stringify(data)
        .ok()
        .and_then(|text| text.as_string())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(Value::Null)
}
