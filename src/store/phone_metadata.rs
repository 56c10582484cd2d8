//! Loads libphonenumber's metadata once: `phone/metadata.bin` beside the app (the rlibphonenumber
//! crate's own file, copied by `scripts/build-wasm`), when a triage first reads a number the
//! engine's North American fast path cannot (`lazy_chunks::triage_lazily`), or else right after
//! the first triage is shown. Compiled in, its 229 KB of tables would come with the engine's
//! chunk on every first start, whose demo never needs them.

use super::app_files::fetch_beside_app;
use crate::engine::phone::{install_phone_metadata, phone_metadata_installed, PhoneMetadataError};

/// Fetches and installs the metadata unless it is there already. The error is a sentence for
/// the user.
pub async fn ensure_phone_metadata() -> Result<(), String> {
    if phone_metadata_installed() {
        return Ok(());
    }
    let bytes = fetch_beside_app("phone/metadata.bin")
        .await
        .map_err(|e| format!("could not load the phone number metadata (phone/metadata.bin): {e}"))?;
    install(bytes).await.map_err(|e| e.to_string())
}

/// Decoding (prost) and building the library's tables belong with the engine's chunk.
#[leptos::wasm_split::wasm_split(after_first_paint, wasm_split_path = leptos::wasm_split)]
fn install(bytes: Vec<u8>) -> Result<(), PhoneMetadataError> {
    install_phone_metadata(&bytes)
}
