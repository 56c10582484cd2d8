//! `/api/twilio/…`, `/api/twilio-intelligence/…` and `/api/hubspot/…`: the authorizing proxy.
//!
//! In order: the service must be configured, the caller signed in, the method and path on the
//! allow-list, the role allowed to do it, the body under the cap. Then the request goes upstream
//! with the path and query unchanged, the `Content-Type` and `Accept` headers, and the
//! credentials added here; what comes back is the status, the body (capped, scrubbed of any
//! credential a service might echo) and the headers the connectors read (`Retry-After`,
//! `X-HubSpot-RateLimit-*`). Nothing else of the browser's request travels on: no cookie, no
//! `Authorization` of its own.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::{to_bytes, Body};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderName, HeaderValue};
use axum::response::{IntoResponse, Response};

use super::allow_list::{self, Upstream, Verdict};
use super::sign_in::{authenticate, Refusal};
use super::users::Access;
use super::{AppState, LoggedUser};

/// Response headers passed back besides `Content-Type`.
fn passed_back(name: &HeaderName) -> bool {
    let name = name.as_str();
    name == "retry-after" || name.starts_with("x-hubspot-ratelimit-")
}

pub async fn twilio(state: State<Arc<AppState>>, peer: ConnectInfo<SocketAddr>, request: Request) -> Response {
    forward(state, peer, Upstream::Twilio, request).await
}

pub async fn twilio_intelligence(
    state: State<Arc<AppState>>,
    peer: ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    forward(state, peer, Upstream::TwilioIntelligence, request).await
}

pub async fn hubspot(state: State<Arc<AppState>>, peer: ConnectInfo<SocketAddr>, request: Request) -> Response {
    forward(state, peer, Upstream::HubSpot, request).await
}

async fn forward(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    upstream: Upstream,
    request: Request,
) -> Response {
    let user = match authenticate(&state, request.headers(), peer) {
        Ok(user) => user,
        Err(refusal) => return refusal.into_response(),
    };
    let mut response = match forward_for(&state, upstream, user.role, request).await {
        Ok(response) => response,
        Err(refusal) => refusal.into_response(),
    };
    response.extensions_mut().insert(LoggedUser(user.email));
    response
}

async fn forward_for(
    state: &AppState,
    upstream: Upstream,
    role: super::users::Role,
    request: Request,
) -> Result<Response, Refusal> {
    let (base, authorization, account_sid) = match upstream {
        Upstream::Twilio => {
            let twilio =
                state.config.twilio.as_ref().ok_or(Refusal::NotFound("Twilio is not configured ([twilio])"))?;
            let authorization = state.secrets.twilio_authorization.as_ref();
            (twilio.base.as_str(), authorization, twilio.account_sid.as_str())
        }
        Upstream::TwilioIntelligence => {
            let twilio =
                state.config.twilio.as_ref().ok_or(Refusal::NotFound("Twilio is not configured ([twilio])"))?;
            let authorization = state.secrets.twilio_authorization.as_ref();
            (twilio.intelligence_base.as_str(), authorization, twilio.account_sid.as_str())
        }
        Upstream::HubSpot => {
            let hubspot =
                state.config.hubspot.as_ref().ok_or(Refusal::NotFound("HubSpot is not configured ([hubspot])"))?;
            (hubspot.base.as_str(), state.secrets.hubspot_authorization.as_ref(), "")
        }
    };
    let authorization = authorization.ok_or(Refusal::Unavailable("the service's credentials are not set"))?;
    let path = request.uri().path().strip_prefix(upstream.prefix()).unwrap_or_default().to_owned();
    let access = match allow_list::check(upstream, request.method().as_str(), &path, account_sid) {
        Verdict::Allowed(access) => access,
        Verdict::MethodNotAllowed => return Err(Refusal::MethodNotAllowed),
        Verdict::NotListed => return Err(Refusal::NotFound("this path is not forwarded")),
    };
    if !role.may(access) {
        return Err(Refusal::NotForYourRole(match access {
            Access::Read => "read this",
            Access::Work => "change records",
            Access::Configure => "change settings or connections",
        }));
    }
    let cap = state.config.limits.request_body_bytes;
    let declared = request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|length| length > cap) {
        return Err(Refusal::TooLarge("the request body is too large"));
    }
    let mut url = format!("{base}{path}");
    if let Some(query) = request.uri().query() {
        url.push('?');
        url.push_str(query);
    }
    let method = request.method().clone();
    let content_type = request.headers().get(header::CONTENT_TYPE).cloned();
    let accept = request.headers().get(header::ACCEPT).cloned();
    let body =
        to_bytes(request.into_body(), cap).await.map_err(|_| Refusal::TooLarge("the request body is too large"))?;

    let mut outgoing = state.client.request(method, url).header(header::AUTHORIZATION, authorization.expose());
    if let Some(value) = content_type {
        outgoing = outgoing.header(header::CONTENT_TYPE, value);
    }
    if let Some(value) = accept {
        outgoing = outgoing.header(header::ACCEPT, value);
    }
    if !body.is_empty() {
        outgoing = outgoing.body(body);
    }
    let mut answer = outgoing.send().await.map_err(|e| {
        if e.is_timeout() {
            Refusal::UpstreamTimeout
        } else {
            Refusal::Upstream("the service could not be reached")
        }
    })?;

    let status = answer.status();
    let mut headers = Vec::new();
    for (name, value) in answer.headers() {
        if name == header::CONTENT_TYPE || passed_back(name) {
            headers.push((name.clone(), value.clone()));
        }
    }
    let limit = state.config.limits.response_body_bytes;
    if answer.content_length().is_some_and(|length| length as usize > limit) {
        return Err(Refusal::Upstream("the service's answer is too large"));
    }
    let mut bytes = Vec::new();
    loop {
        match answer.chunk().await {
            Ok(Some(chunk)) => {
                if bytes.len() + chunk.len() > limit {
                    return Err(Refusal::Upstream("the service's answer is too large"));
                }
                bytes.extend_from_slice(&chunk);
            }
            Ok(None) => break,
            Err(e) if e.is_timeout() => return Err(Refusal::UpstreamTimeout),
            Err(_) => return Err(Refusal::Upstream("the service's answer was cut off")),
        }
    }
    // A service may quote a credential back in an error; it must not reach the browser.
    if let Ok(text) = std::str::from_utf8(&bytes) {
        if state.secrets.any_in(text) {
            bytes = state.secrets.scrub(text).into_bytes();
        }
    }
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    for (name, value) in headers {
        response.headers_mut().append(name, value);
    }
    response.headers_mut().insert(header::VARY, HeaderValue::from_static("Cookie"));
    Ok(response.into_response())
}
