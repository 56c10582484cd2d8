//! Files served beside the app and fetched when first needed: the business's time zone
//! (`tz/<IANA name>`) and the phone number metadata (`phone/metadata.bin`).

use thiserror::Error;

/// Why a file beside the app did not arrive.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FetchFailure {
    #[error("{0}")]
    Unreachable(String),
    #[error("the server answered {0}")]
    Status(u16),
}

/// GETs `path`, relative to where the app is served.
pub async fn fetch_beside_app(path: &str) -> Result<Vec<u8>, FetchFailure> {
    let url = format!("{}{path}", app_base());
    let unreachable = |e: gloo_net::Error| FetchFailure::Unreachable(e.to_string());
    let response = gloo_net::http::Request::get(&url).send().await.map_err(unreachable)?;
    if !response.ok() {
        return Err(FetchFailure::Status(response.status()));
    }
    response.binary().await.map_err(unreachable)
}

/// The path the app is served under (`/` normally), from `<base href>` if the page sets one.
fn app_base() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("base[href]").ok().flatten())
        .and_then(|b| b.get_attribute("href"))
        .unwrap_or_else(|| "/".to_owned())
}
