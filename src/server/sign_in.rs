//! Who is asking: the Origin guard in front of `/api/`, the session cookie or a trusted front
//! proxy's user header, the `/signin` page, `/api/session` (sign in, who am I, sign out),
//! `/api/config`, and the throttle on failed sign-ins.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use super::session::{cleared_cookie, cookie, token_from_cookies};
use super::users::{password_matches, User};
use super::{unix_now, AppState, LoggedUser};

/// Failed sign-ins allowed per email, and per client address, in one window.
const FAILURES_PER_EMAIL: usize = 5;
const FAILURES_PER_ADDRESS: usize = 20;
const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);

/// Why a request to `/api/` is refused; each becomes a status and a short JSON message.
#[derive(Debug)]
pub enum Refusal {
    NotSignedIn,
    WrongPassword,
    ForeignOrigin,
    NotForYourRole(&'static str),
    NotFound(&'static str),
    MethodNotAllowed,
    TooLarge(&'static str),
    TooManyAttempts { retry_after: Duration },
    UpstreamTimeout,
    Upstream(&'static str),
    Unavailable(&'static str),
}

impl Refusal {
    fn status_and_message(&self) -> (StatusCode, String) {
        match self {
            Refusal::NotSignedIn => (StatusCode::UNAUTHORIZED, "sign in first".into()),
            Refusal::WrongPassword => (StatusCode::UNAUTHORIZED, "wrong email or password".into()),
            Refusal::ForeignOrigin => (StatusCode::FORBIDDEN, "requests from another site are refused".into()),
            Refusal::NotForYourRole(what) => (StatusCode::FORBIDDEN, format!("your role may not {what}")),
            Refusal::NotFound(what) => (StatusCode::NOT_FOUND, (*what).into()),
            Refusal::MethodNotAllowed => {
                (StatusCode::METHOD_NOT_ALLOWED, "this method is not forwarded for this path".into())
            }
            Refusal::TooLarge(what) => (StatusCode::PAYLOAD_TOO_LARGE, (*what).into()),
            Refusal::TooManyAttempts { .. } => {
                (StatusCode::TOO_MANY_REQUESTS, "too many failed sign-ins; wait and try again".into())
            }
            Refusal::UpstreamTimeout => (StatusCode::GATEWAY_TIMEOUT, "the service did not answer in time".into()),
            Refusal::Upstream(what) => (StatusCode::BAD_GATEWAY, (*what).into()),
            Refusal::Unavailable(what) => (StatusCode::SERVICE_UNAVAILABLE, (*what).into()),
        }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let (status, message) = self.status_and_message();
        let mut response = (status, Json(json!({ "error": message }))).into_response();
        if let Refusal::TooManyAttempts { retry_after } = self {
            let seconds = retry_after.as_secs().max(1).to_string();
            if let Ok(value) = seconds.parse() {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}

/// Only the app's own pages may call `/api/`. With the session in a `SameSite=None` cookie, a
/// page of another site could otherwise make the browser send it: so a request whose `Origin`
/// is not ours, or that the browser marks as cross-site, is refused, and a request that
/// changes something must say where it comes from.
pub async fn origin_guard(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let foreign_origin = origin.is_some_and(|o| !o.eq_ignore_ascii_case(&state.config.public_origin));
    let cross_site = matches!(fetch_site, Some("cross-site" | "same-site"));
    let changes_something = !matches!(*request.method(), Method::GET | Method::HEAD);
    if foreign_origin || cross_site || (changes_something && origin.is_none()) {
        return Refusal::ForeignOrigin.into_response();
    }
    let mut response = next.run(request).await;
    // Answers hold callers' data: no cache may keep them.
    response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    response
}

/// The signed-in user: from the session cookie, or from the trusted front proxy's header when
/// the request comes from one of its addresses. Removed users are refused either way.
pub(super) fn authenticate(state: &AppState, headers: &HeaderMap, peer: SocketAddr) -> Result<User, Refusal> {
    let token = headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(token_from_cookies);
    if let Some(token) = token {
        if let Ok(verified) = state.signer.verify(token, unix_now()) {
            let user = state
                .users
                .by_stamp(&verified.stamp)
                .map_err(|_| Refusal::Unavailable("the user store is unreadable"))?;
            if let Some(user) = user {
                return Ok(user);
            }
        }
    }
    let sign_in = &state.config.sign_in;
    if let Some(name) = &sign_in.trusted_user_header {
        if sign_in.trusted_proxies.contains(&peer.ip()) {
            if let Some(email) = headers.get(name.as_str()).and_then(|v| v.to_str().ok()) {
                let user =
                    state.users.by_email(email).map_err(|_| Refusal::Unavailable("the user store is unreadable"))?;
                if let Some(user) = user {
                    return Ok(user);
                }
            }
        }
    }
    Err(Refusal::NotSignedIn)
}

fn signed_in_response(user: &User, body: serde_json::Value) -> Response {
    let mut response = Json(body).into_response();
    response.extensions_mut().insert(LoggedUser(user.email.clone()));
    response
}

fn user_json(user: &User) -> serde_json::Value {
    json!({ "email": user.email, "name": user.name, "role": user.role, "owner_id": user.owner_id })
}

/// `GET /api/session`: who is signed in here.
pub async fn who_am_i(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let user = authenticate(&state, &headers, peer)?;
    Ok(signed_in_response(&user, user_json(&user)))
}

#[derive(Deserialize)]
pub struct Credentials {
    email: String,
    password: String,
}

/// `POST /api/session` with `{email, password}`: sets the session cookie.
pub async fn sign_in(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Json(credentials): Json<Credentials>,
) -> Result<Response, Refusal> {
    let email = credentials.email.trim().to_ascii_lowercase();
    state.throttle.check(&email, peer.ip())?;
    let user = state.users.by_email(&email).map_err(|_| Refusal::Unavailable("the user store is unreadable"))?;
    let password = credentials.password;
    let candidate = user.clone();
    // The hash is checked even for an unknown email, so timing does not tell who has an account.
    let matched = tokio::task::spawn_blocking(move || match candidate {
        Some(user) if !user.password_hash.is_empty() => password_matches(&user, &password),
        _ => {
            let _ = password_matches(&decoy_user(), &password);
            false
        }
    })
    .await
    .unwrap_or(false);
    let Some(user) = user.filter(|_| matched) else {
        state.throttle.record_failure(&email, peer.ip());
        return Err(Refusal::WrongPassword);
    };
    state.throttle.forget(&email);
    let lifetime = state.config.limits.session_lifetime.as_secs();
    let expires_at = unix_now() + lifetime;
    let token = state.signer.issue(&user.stamp, expires_at);
    let mut body = user_json(&user);
    body["expires_at"] = json!(expires_at);
    let mut response = signed_in_response(&user, body);
    if let Ok(value) = cookie(&token, lifetime).parse() {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// A fixed hash to verify against when the email is unknown (see `sign_in`).
fn decoy_user() -> User {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let hash = DECOY.get_or_init(|| super::users::hash_password("decoy password, never valid").unwrap_or_default());
    User {
        email: String::new(),
        name: String::new(),
        owner_id: None,
        role: super::users::Role::Manager,
        password_hash: hash.clone(),
        stamp: String::new(),
    }
}

/// `DELETE /api/session`: forgets the session in this browser partition. The token itself stays
/// valid until it expires (nothing is stored to revoke it); removing the user ends it everywhere.
pub async fn sign_out() -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    if let Ok(value) = cleared_cookie().parse() {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// `GET /api/config`: what the app needs to know at start that it is behind this server: the
/// proxy's bases for each connected service (the Twilio account SID only to a signed-in user),
/// and who is signed in. Never a credential.
pub async fn app_config(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    let user = authenticate(&state, &headers, peer).ok();
    let twilio = state.config.twilio.as_ref().map(|t| {
        json!({
            "base": "/api/twilio",
            "intelligence_base": "/api/twilio-intelligence",
            "account_sid": user.as_ref().map(|_| t.account_sid.clone()),
        })
    });
    let hubspot = state.config.hubspot.as_ref().map(|_| json!({ "base": "/api/hubspot" }));
    let body = json!({
        "authorizing_proxy": true,
        "sign_in": if state.config.sign_in.trusted_user_header.is_some() { "front_proxy_or_password" } else { "password" },
        "user": user.as_ref().map(user_json),
        "twilio": twilio,
        "hubspot": hubspot,
        "crm_origins": state.config.crm_origins,
    });
    match user {
        Some(user) => signed_in_response(&user, body),
        None => Json(body).into_response(),
    }
}

/// The sign-in page's script: posts the form to `/api/session`, then goes back to `next` (a path
/// on this site only, so the page cannot be used to send someone elsewhere).
const SIGN_IN_SCRIPT: &str = r#"
const form = document.querySelector('form');
const said = document.querySelector('#said');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  said.textContent = 'Signing in…';
  const body = JSON.stringify({ email: form.email.value, password: form.password.value });
  const answer = await fetch('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  if (answer.ok) {
    const next = new URLSearchParams(location.search).get('next') || '/';
    location.replace(next.startsWith('/') && !next.startsWith('//') ? next : '/');
  } else {
    said.textContent = (await answer.json().catch(() => ({}))).error || 'Sign-in failed.';
  }
});
"#;

/// `GET /signin`: a page of its own (no wasm), so both the app and the sidebar inside a CRM's
/// frame can send people here; the cookie it gets is kept in the frame's partition.
pub async fn sign_in_page(State(state): State<Arc<AppState>>) -> Response {
    use sha2::Digest;
    let hash = crate::connectors::http::base64(&sha2::Sha256::digest(SIGN_IN_SCRIPT.as_bytes()));
    let ancestors: Vec<&str> =
        std::iter::once("'self'").chain(state.config.crm_origins.iter().map(String::as_str)).collect();
    let policy = format!(
        "default-src 'none'; script-src 'sha256-{hash}'; connect-src 'self'; style-src 'unsafe-inline'; \
         form-action 'self'; base-uri 'none'; frame-ancestors {}",
        ancestors.join(" ")
    );
    let page = format!(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
         <title>Sign in: Callback Clock</title><style>body{{font:16px system-ui;max-width:22rem;margin:2rem auto;padding:0 1rem}}\
         label{{display:block;margin:.8rem 0}}input{{display:block;width:100%;padding:.4rem;font:inherit}}</style>\
         <h1>Callback Clock</h1><form><label>Email<input name=\"email\" type=\"email\" autocomplete=\"username\" required></label>\
         <label>Password<input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>\
         <button>Sign in</button><p id=\"said\" role=\"status\"></p></form><script>{SIGN_IN_SCRIPT}</script></html>"
    );
    let mut response = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response();
    if let Ok(value) = policy.parse() {
        response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, value);
    }
    response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-cache"));
    response
}

/// Failed sign-ins by email and by client address, in a sliding window. Kept in memory per
/// instance: behind a load balancer each instance brakes on its own, which still bounds guessing.
#[derive(Default)]
pub struct Throttle {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl Throttle {
    fn keys(email: &str, address: IpAddr) -> [(String, usize); 2] {
        [(format!("email:{email}"), FAILURES_PER_EMAIL), (format!("address:{address}"), FAILURES_PER_ADDRESS)]
    }

    fn check(&self, email: &str, address: IpAddr) -> Result<(), Refusal> {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        for (key, limit) in Throttle::keys(email, address) {
            if let Some(times) = failures.get_mut(&key) {
                times.retain(|t| now.duration_since(*t) < FAILURE_WINDOW);
                if times.len() >= limit {
                    let oldest = times.first().copied().unwrap_or(now);
                    return Err(Refusal::TooManyAttempts {
                        retry_after: FAILURE_WINDOW.saturating_sub(now.duration_since(oldest)),
                    });
                }
            }
        }
        Ok(())
    }

    fn record_failure(&self, email: &str, address: IpAddr) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        for (key, _) in Throttle::keys(email, address) {
            failures.entry(key).or_default().push(Instant::now());
        }
    }

    fn forget(&self, email: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        failures.remove(&format!("email:{email}"));
    }
}
