//! What can go wrong talking to a phone system or CRM, as values a person can act on.
//!
//! Messages name the service and what to do, and never carry a credential, a request URL or a
//! request body (URLs may hold a proxy's path and bodies a caller's words; neither belongs in
//! a log line).

use std::time::Duration;

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConnectorError {
    /// 429. `retry_after` is what the service asked for, when it said.
    #[error("{service} is rate limiting us{}", match retry_after {
        Some(d) => format!("; it asked us to wait {} ms", d.as_millis()),
        None => String::new(),
    })]
    RateLimited { service: &'static str, retry_after: Option<Duration>, daily_limit_reached: bool },
    /// 401: the token expired or was revoked. Retrying cannot help; a person must reconnect.
    #[error("{service} refused the credentials (expired or revoked); reconnect the account")]
    Unauthorized { service: &'static str },
    /// 403: the token works but lacks a permission (a HubSpot scope, a Twilio subaccount).
    #[error("{service} denied access: {message}")]
    Forbidden { service: &'static str, message: String },
    /// 5xx.
    #[error("{service} had a server error (HTTP {status})")]
    Server { service: &'static str, status: u16 },
    #[error("{service} did not answer in time")]
    Timeout { service: &'static str },
    #[error("could not reach {service}: {reason}")]
    Network { service: &'static str, reason: String },
    /// A 2xx answer whose body is not what the API documents (cut off, not JSON, a field missing).
    #[error("{service} sent a malformed answer: {what}")]
    Malformed { service: &'static str, what: String },
    /// Any other 4xx: the request itself was refused. `code` is the service's own error code.
    #[error("{service} rejected the request (HTTP {status}{}): {message}", code.map(|c| format!(", code {c}")).unwrap_or_default())]
    Rejected { service: &'static str, status: u16, code: Option<i64>, message: String },
    /// A write needs a record the service does not hold yet, e.g. a disposition for a call whose
    /// callback task has not landed. `record` names it in words ("the callback task for call …").
    #[error("{record} is not in {service} yet; this write waits for it and tries again")]
    NotInServiceYet { service: &'static str, record: String },
    /// Twilio 21610: the recipient replied STOP. Recorded as an opt-out, never retried.
    #[error("the recipient has unsubscribed from texts (Twilio 21610); recorded as opted out")]
    RecipientOptedOut,
    /// The consent or promise guard said no; nothing was sent.
    #[error("text not sent: {reason}")]
    SmsBlocked { reason: String },
}

impl ConnectorError {
    /// Whether sending the same request again may succeed.
    pub fn is_transient(&self) -> bool {
        match self {
            ConnectorError::RateLimited { daily_limit_reached, .. } => !daily_limit_reached,
            ConnectorError::Server { .. }
            | ConnectorError::Timeout { .. }
            | ConnectorError::Network { .. }
            // A cut-off body is usually a dropped connection; reading again is harmless.
            | ConnectorError::Malformed { .. }
            // Nobody has to act: the outbox writes a call's task before its dispositions, and
            // the search index shows a new task a few seconds after it is made, so asking
            // again later finds it.
            | ConnectorError::NotInServiceYet { .. } => true,
            _ => false,
        }
    }
}

/// The error for a non-2xx answer, from its status, headers and the service's own error body.
/// `code` and `message` come from the body when it had them; the message is scrubbed of the
/// credential and shortened so a server's echo cannot leak a token or flood a log.
pub(crate) fn status_error(
    service: &'static str,
    response: &super::http::HttpResponse,
    code: Option<i64>,
    message: Option<&str>,
    secret: &super::http::Secret,
) -> ConnectorError {
    let message = message.map(|m| secret.scrub(m)).map(|m| shorten(&m, 200)).unwrap_or_default();
    match response.status {
        401 => ConnectorError::Unauthorized { service },
        403 => ConnectorError::Forbidden { service, message },
        429 => ConnectorError::RateLimited {
            service,
            retry_after: retry_after_header(response),
            daily_limit_reached: false,
        },
        status @ 500..=599 => ConnectorError::Server { service, status },
        status => ConnectorError::Rejected { service, status, code, message },
    }
}

/// `Retry-After` in seconds. (The HTTP-date form needs a clock; without one the backoff applies.)
pub(crate) fn retry_after_header(response: &super::http::HttpResponse) -> Option<Duration> {
    let value = response.header("retry-after")?;
    value.parse::<f64>().ok().filter(|s| s.is_finite() && *s >= 0.0).map(Duration::from_secs_f64)
}

pub(crate) fn transport_error(service: &'static str, error: super::http::TransportError) -> ConnectorError {
    match error {
        super::http::TransportError::Timeout => ConnectorError::Timeout { service },
        super::http::TransportError::Network(reason) => {
            ConnectorError::Network { service, reason: shorten(&reason, 200) }
        }
    }
}

/// The typed body of a 2xx answer, or the service's typed error for any other answer.
pub(crate) fn read_json<T: for<'de> serde::Deserialize<'de>>(
    outcome: super::http::Outcome,
    service: &'static str,
    what: &str,
    error_for: impl FnOnce(&super::http::HttpResponse) -> ConnectorError,
) -> Result<T, ConnectorError> {
    let response = outcome.map_err(|e| transport_error(service, e))?;
    if !response.is_success() {
        return Err(error_for(&response));
    }
    serde_json::from_str(&response.body)
        .map_err(|e| ConnectorError::Malformed { service, what: format!("{what}: {e}") })
}

fn shorten(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}
