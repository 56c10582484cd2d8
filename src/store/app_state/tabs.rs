//! The other tabs of the same app: after a write, a message on a BroadcastChannel makes each of
//! them read IndexedDB again (`AppState::reload`), so every tab shows what the store holds.

use std::cell::RefCell;

use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;

use super::AppState;

const CHANNEL: &str = "callback-clock";

thread_local! {
    static CHANNEL_HANDLE: RefCell<Option<web_sys::BroadcastChannel>> = const { RefCell::new(None) };
}

pub(super) fn listen_to_other_tabs(state: AppState) {
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else { return };
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_: web_sys::MessageEvent| {
        spawn_local(async move {
            let _ = state.reload().await;
        });
    });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    CHANNEL_HANDLE.with(|c| *c.borrow_mut() = Some(channel));
}

pub(super) fn tell_other_tabs() {
    CHANNEL_HANDLE.with(|c| {
        if let Some(channel) = c.borrow().as_ref() {
            let _ = channel.post_message(&JsValue::from_str("changed"));
        }
    });
}
