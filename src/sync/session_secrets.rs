//! Tokens for the phone system and CRM, kept in this tab's session storage only.
//!
//! Session storage ends with the tab: a token is never written to IndexedDB, an export, a URL
//! or a log, and a second tab asks for it again. What comes out is a `Secret`, which prints as
//! `[redacted]`.

use crate::connectors::Secret;

const PREFIX: &str = "callback-clock.secret.";

/// Which token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretSlot {
    /// The API key secret, or the account's auth token.
    Twilio,
    /// A HubSpot private app's access token.
    HubSpot,
}

impl SecretSlot {
    fn key(self) -> String {
        let name = match self {
            SecretSlot::Twilio => "twilio",
            SecretSlot::HubSpot => "hubspot",
        };
        format!("{PREFIX}{name}")
    }
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

pub fn load_secret(slot: SecretSlot) -> Option<Secret> {
    let value = session_storage()?.get_item(&slot.key()).ok()??;
    (!value.is_empty()).then(|| Secret::new(value))
}

pub fn has_secret(slot: SecretSlot) -> bool {
    load_secret(slot).is_some()
}

/// Stores a token typed by the admin; an empty one forgets it.
pub fn store_secret(slot: SecretSlot, value: &str) -> Result<(), String> {
    let storage = session_storage().ok_or("this browser has no session storage")?;
    let value = value.trim();
    let result = if value.is_empty() { storage.remove_item(&slot.key()) } else { storage.set_item(&slot.key(), value) };
    result.map_err(|_| "the browser refused to keep the token for this tab".to_owned())
}
