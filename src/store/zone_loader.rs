//! Loads the business's one time zone lazily: `tz/<IANA name>` beside the app (copied from the
//! system's zoneinfo at build time, see Trunk.toml), so the wasm carries no tz database.

use crate::engine::zones::SingleZone;

/// Fetches and parses the TZif file of `iana_name`. The error is a sentence for the user.
pub async fn load_zone(iana_name: &str) -> Result<SingleZone, String> {
    let plausible = !iana_name.is_empty()
        && !iana_name.contains("..")
        && iana_name.chars().all(|c| c.is_ascii_alphanumeric() || "/_-+".contains(c));
    if !plausible {
        return Err(format!("{iana_name:?} is not an IANA time zone name"));
    }
    let url = format!("{}tz/{iana_name}", app_base());
    let response = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(|e| format!("could not load time zone {iana_name}: {e}"))?;
    if !response.ok() {
        return Err(format!("unknown time zone {iana_name:?}"));
    }
    let bytes = response.binary().await.map_err(|e| format!("could not load time zone {iana_name}: {e}"))?;
    SingleZone::from_tzif(iana_name, &bytes).map_err(|_| format!("unknown time zone {iana_name:?}"))
}

/// The path the app is served under (`/` normally), from `<base href>` if the page sets one.
pub(super) fn app_base() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("base[href]").ok().flatten())
        .and_then(|b| b.get_attribute("href"))
        .unwrap_or_else(|| "/".to_owned())
}
