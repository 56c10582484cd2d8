//! Loads libphonenumber's metadata once, before the first triage: `phone/metadata.bin` beside
//! the app (the rlibphonenumber crate's own file, copied by `scripts/build-wasm`). Compiled in,
//! its 229 KB of tables would sit in the wasm every page loads before it is interactive; the
//! engine's code is a lazy chunk, but constants never leave the main module.

use leptos::prelude::*;

use super::zone_loader::app_base;
use crate::engine::phone::{install_phone_metadata, phone_metadata_installed, PhoneMetadataError};

/// Fetches and installs the metadata unless it is there already. The error is a sentence for
/// the user.
pub async fn ensure_phone_metadata() -> Result<(), String> {
    if phone_metadata_installed() {
        return Ok(());
    }
    let url = format!("{}phone/metadata.bin", app_base());
    let failed = |e: &dyn std::fmt::Display| format!("could not load the phone number metadata: {e}");
    let response = gloo_net::http::Request::get(&url).send().await.map_err(|e| failed(&e))?;
    if !response.ok() {
        return Err(failed(&format!("{url} answered {}", response.status())));
    }
    let bytes = response.binary().await.map_err(|e| failed(&e))?;
    install(bytes).await.map_err(|e| e.to_string())
}

/// Decoding (prost) and building the library's tables belong with the engine's chunk.
#[lazy]
fn install(bytes: Vec<u8>) -> Result<(), PhoneMetadataError> {
    install_phone_metadata(&bytes)
}
