//! Loads libphonenumber's metadata once: `phone/metadata.bin` beside the app (the rlibphonenumber
//! crate's own file, copied by `scripts/build-wasm`), when a triage first reads a number the
//! engine's North American fast path cannot (`lazy_chunks::triage_lazily`), or else right after
//! the first triage is shown. Compiled in, its 229 KB of tables would come with the engine's
//! chunk on every first start, whose demo never needs them.

use std::borrow::Borrow;
use std::future::{ready, Future};
use std::pin::Pin;

use super::app_files::fetch_beside_app;
use super::exchange::{validate, Accepted};
use crate::engine::phone::{install_phone_metadata, phone_metadata_installed, PhoneMetadataError};
use crate::engine::{Bundle, InputError, ZoneSource};

/// Fetches and installs the metadata unless it is there already. The error is a sentence for
/// the user. Boxed: two callers await it, and each would otherwise carry its own copy of the
/// fetch's state machine (595 B more of the sidebar's first paint).
pub fn ensure_phone_metadata() -> Pin<Box<dyn Future<Output = Result<(), String>>>> {
    Box::pin(async {
        if phone_metadata_installed() {
            return Ok(());
        }
        let bytes = fetch_beside_app("phone/metadata.bin")
            .await
            .map_err(|e| format!("could not load the phone number metadata (phone/metadata.bin): {e}"))?;
        install(bytes).await.map_err(|e| e.to_string())
    })
}

/// Asks `attempt` until it answers, installing the metadata between: `None` means the answer
/// may rest on a number read before the metadata was installed (a refusal may only say the
/// number could not be read without it, an acceptance may have read it wrong), so it is asked
/// again once the metadata is in. The one home of that rule for the browser's triage
/// (`lazy_chunks::triage_lazily`) and its checks (below). The error: the metadata could not be
/// loaded.
pub async fn once_every_number_is_read<T, Attempt>(mut attempt: impl FnMut() -> Attempt) -> Result<T, String>
where
    Attempt: Future<Output = Option<T>>,
{
    loop {
        if let Some(answer) = attempt().await {
            return Ok(answer);
        }
        ensure_phone_metadata().await?;
    }
}

/// `exchange::validate` with every number read. The outer error: the metadata could not be
/// loaded, so the bundle could not be checked.
pub async fn validate_reading_every_number<T: Borrow<Bundle>>(
    candidate: T,
    zones: &dyn ZoneSource,
) -> Result<Result<Accepted<T>, InputError>, String> {
    let verdict = once_every_number_is_read(|| ready(validate(candidate.borrow(), zones))).await?;
    Ok(verdict.map(|()| Accepted(candidate)))
}

/// The library's code (its parser, regex-lite, prost to decode the metadata; 55 KB gzipped) is
/// reached only from here (`engine::phone`'s `ReadNumbers`), so it goes where this goes: the
/// module each bundle fetches once its first triage is shown, for write-back (the app's
/// `admin_and_write_back`, the sidebar's `write_back`). A first start whose numbers are all North
/// American never waits for it; one that reads another number waits for that module too. As a
/// module of its own it cut six more chunks out of the first start's (27 files, over issue 16's 25).
#[cfg_attr(
    feature = "sidebar-bundle",
    leptos::wasm_split::wasm_split(write_back, wasm_split_path = leptos::wasm_split)
)]
#[cfg_attr(
    not(feature = "sidebar-bundle"),
    leptos::wasm_split::wasm_split(admin_and_write_back, wasm_split_path = leptos::wasm_split)
)]
fn install(bytes: Vec<u8>) -> Result<(), PhoneMetadataError> {
    install_phone_metadata(&bytes)
}
