//! Behind `callback-clock serve`: the server, not each browser, holds the connections.
//!
//! `GET /api/config` says whether the server that served the app is an authorizing proxy and
//! where its `/api/twilio` and `/api/hubspot` are. A signed-in browser then adopts them
//! (`ConnectionSettings::behind_server`), so every member of the team syncs and writes back
//! through the server with no token in the browser, without visiting the Connections page.
//! A person who is not signed in is sent to the server's `/signin` page first, from the full
//! app and from the sidebar inside a CRM's frame alike (the session cookie it gets there is
//! kept in the frame's own partition), and comes back to the page they opened.

use leptos::prelude::*;

use crate::store::connection_settings::{ServedBy, ServedConfig};
use crate::store::AppState;

/// What the server says at `/api/config`, if it is `callback-clock serve`.
pub async fn served_config() -> Option<ServedConfig> {
    let response = gloo_net::http::Request::get("/api/config").send().await.ok()?;
    // Any other static server answers 404, or the app's own page: either way, no proxy here
    // (and no reason to fetch the chunk that reads the answer).
    let json = response.headers().get("content-type").is_some_and(|t| t.contains("json"));
    if !response.ok() || !json {
        return None;
    }
    parse_served_config(response.text().await.ok()?).await
}

/// Reading the answer is not needed for the first paint (nor at all on a static host): a lazy
/// chunk, so the first paint's module does not carry its JSON reader.
#[lazy]
fn parse_served_config(text: String) -> Option<ServedConfig> {
    let served: ServedConfig = serde_json::from_str(&text).ok()?;
    served.authorizing_proxy.then_some(served)
}

/// Behind `callback-clock serve`: sends a signed-out person to `/signin` (and back here after),
/// and makes a signed-in person's CRM owner "me". Elsewhere (a static host, `trunk serve`, a
/// file) nothing happens: one person's app needs no sign-in.
pub async fn sign_in_when_served(state: AppState) {
    let Some(served) = served_config().await else {
        state.served_by.set(ServedBy::StaticHost);
        return;
    };
    state.served_by.set(ServedBy::Server(Box::new(served.clone())));
    let Some(window) = web_sys::window() else { return };
    match served.user {
        None => {
            let location = window.location();
            let here = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
            let next = js_sys::encode_uri_component(&here);
            let _ = location.replace(&format!("/signin?next={next}"));
        }
        Some(user) => {
            if let Some(owner) = user.owner_id {
                state.me.set(Some(owner));
            }
        }
    }
}

/// Points the stored connections at the server when it proxies and someone is signed in (only
/// then does it give the Twilio account), as `sign_in_when_served` found out at start. Nothing
/// changes when they already do.
pub async fn adopt_server_connections(state: AppState, served_by: &ServedBy) {
    let ServedBy::Server(served) = served_by else { return };
    if served.user.is_none() {
        return;
    }
    let Some(origin) = web_sys::window().and_then(|w| w.location().origin().ok()) else { return };
    let current = state.meta.get_untracked().connections;
    let wanted = current.behind_server(served, &origin);
    if wanted != current {
        // A refusal (an SID the checks reject) leaves the admin's settings as they were.
        let _ = state.save_connections(wanted).await;
    }
}
