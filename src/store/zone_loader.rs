//! Loads the business's one time zone lazily: `tz/<IANA name>` beside the app (copied from the
//! system's zoneinfo at build time, see Trunk.toml), so the wasm carries no tz database.

use super::app_files::{fetch_beside_app, FetchFailure};
use crate::engine::zones::SingleZone;

/// Fetches and parses the TZif file of `iana_name`. The error is a sentence for the user.
pub async fn load_zone(iana_name: &str) -> Result<SingleZone, String> {
    let plausible = !iana_name.is_empty()
        && !iana_name.contains("..")
        && iana_name.chars().all(|c| c.is_ascii_alphanumeric() || "/_-+".contains(c));
    if !plausible {
        return Err(format!("{iana_name:?} is not an IANA time zone name"));
    }
    let bytes = fetch_beside_app(&format!("tz/{iana_name}")).await.map_err(|failure| match failure {
        FetchFailure::Status(_) => format!("unknown time zone {iana_name:?}"),
        FetchFailure::Unreachable(e) => format!("could not load time zone {iana_name}: {e}"),
    })?;
    SingleZone::from_tzif(iana_name, &bytes).map_err(|_| format!("unknown time zone {iana_name:?}"))
}
