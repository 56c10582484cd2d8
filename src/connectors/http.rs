//! Plain HTTP values that cross the sans-I/O boundary, and the secret that authorizes them.
//!
//! A request carries its credentials apart from its headers, in a [`Secret`] that prints as
//! `[redacted]`, so logging or debugging a request can never show a token, and a request is
//! deliberately not serializable: what an outbox stores is the intent of a write, never a
//! request with its authorization.

use std::fmt;

use super::error::ConnectorError;

/// An API token, password or `Authorization` value. Debug and Display never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret {
    value: String,
    /// Parts of the value that are secret on their own: the token inside `Bearer <token>`, the
    /// key secret inside a `Basic` pair. A server that echoes one of them alone must not get
    /// it past `scrub` either.
    parts: Vec<String>,
}

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret { value: value.into(), parts: Vec::new() }
    }

    /// The same secret, with `part` (a piece of the value, or what it encodes) hidden too.
    pub fn also_hiding(mut self, part: &str) -> Secret {
        self.parts.push(part.to_owned());
        self
    }

    /// The raw value, for the one place that must send it: the executor's `Authorization` header.
    pub fn expose(&self) -> &str {
        &self.value
    }

    /// Removes every occurrence of the secret and of its secret parts from text that came from
    /// outside (a server may echo a credential in an error message), so it cannot travel on
    /// inside an error. Pieces shorter than 4 characters are too short to hide reliably.
    pub fn scrub(&self, text: &str) -> String {
        let mut pieces: Vec<&str> =
            std::iter::once(self.value.as_str()).chain(self.parts.iter().map(String::as_str)).collect();
        // The whole value before its parts, so `[redacted]` never leaves half a credential.
        pieces.sort_by_key(|p| std::cmp::Reverse(p.len()));
        pieces
            .into_iter()
            .filter(|p| p.len() >= 4)
            .fold(text.to_owned(), |text, piece| text.replace(piece, "[redacted]"))
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// One request to send. `authorization` goes into the `Authorization` header as is.
#[derive(Clone, PartialEq)]
pub struct HttpRequest {
    pub method: Method,
    pub url: String,
    /// Headers other than `Authorization`, e.g. `Content-Type`.
    pub headers: Vec<(String, String)>,
    pub authorization: Option<Secret>,
    pub body: Option<String>,
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &self.headers)
            .field("authorization", &self.authorization.as_ref().map(|_| "[redacted]"))
            .field("body", &self.body)
            .finish()
    }
}

impl HttpRequest {
    pub fn get(url: String, authorization: &Secret) -> HttpRequest {
        HttpRequest {
            method: Method::Get,
            url,
            headers: vec![("Accept".into(), "application/json".into())],
            authorization: Some(authorization.clone()),
            body: None,
        }
    }

    pub fn post_json(url: String, authorization: &Secret, body: &serde_json::Value) -> HttpRequest {
        HttpRequest {
            method: Method::Post,
            url,
            headers: vec![
                ("Accept".into(), "application/json".into()),
                ("Content-Type".into(), "application/json".into()),
            ],
            authorization: Some(authorization.clone()),
            body: Some(body.to_string()),
        }
    }

    /// A partial update (HubSpot's `PATCH /crm/v3/objects/...`): sending it twice leaves the
    /// record as sending it once, so it is retried like a read.
    pub fn patch_json(url: String, authorization: &Secret, body: &serde_json::Value) -> HttpRequest {
        HttpRequest { method: Method::Patch, ..HttpRequest::post_json(url, authorization, body) }
    }

    /// Archives a record (HubSpot's `DELETE /crm/v3/objects/...`): a second one answers 404 or
    /// 204 and changes nothing more, so it is retried like a read.
    pub fn delete(url: String, authorization: &Secret) -> HttpRequest {
        HttpRequest { method: Method::Delete, ..HttpRequest::get(url, authorization) }
    }

    pub fn post_form(url: String, authorization: &Secret, fields: &[(&str, &str)]) -> HttpRequest {
        HttpRequest {
            method: Method::Post,
            url,
            headers: vec![
                ("Accept".into(), "application/json".into()),
                ("Content-Type".into(), "application/x-www-form-urlencoded".into()),
            ],
            authorization: Some(authorization.clone()),
            body: Some(form_encode(fields)),
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// One answer as the executor received it; `body` is the text (these APIs speak UTF-8 JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim())
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Why no response arrived. The executor maps its own errors (gloo-net, a socket) onto these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// No complete answer within the executor's deadline. For a write, the server may or may
    /// not have acted: the write machines treat this as "unknown" and look before writing again.
    Timeout,
    /// Could not connect, connection reset, CORS refusal in the browser, and the like.
    Network(String),
}

/// What the executor hands back for one request.
pub type Outcome = Result<HttpResponse, TransportError>;

/// A job that talks over HTTP one request at a time.
///
/// `next_request` keeps returning the same request until `receive` accepts an answer for it,
/// so an executor retries by simply asking again. `receive` returns the error that stopped
/// this step; the [`super::retry::RetryPolicy`] decides whether to ask again.
pub trait Exchange {
    type Output;
    /// The request to send now, or `None` when the job is complete.
    fn next_request(&self) -> Option<HttpRequest>;
    fn receive(&mut self, outcome: Outcome) -> Result<(), ConnectorError>;
    /// How long to wait before sending `next_request`, when the job itself knows (HubSpot's
    /// search index settling before a look for a record just made). Part of the machine, so
    /// every executor honours the same timing; retries after a failure are the policy's
    /// ([`super::retry`]).
    fn wait_before_next(&self) -> Option<std::time::Duration> {
        None
    }
    /// The job's result once `next_request` returned `None`.
    fn finish(self) -> Self::Output;
}

/// `base` + `path`, where `base` is the API root or the business's proxy and may end in `/`.
pub fn join_url(base: &str, path: &str) -> String {
    format!("{}/{}", base.trim_end_matches('/'), path.trim_start_matches('/'))
}

/// `url` with `query` appended, each name and value percent-encoded.
pub fn with_query(mut url: String, query: &[(&str, String)]) -> String {
    for (i, (name, value)) in query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(&encode_component(name));
        url.push('=');
        url.push_str(&encode_component(value));
    }
    url
}

/// RFC 3986 unreserved characters stay, everything else is percent-encoded (UTF-8 bytes).
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `a=1&b=2`, each name and value percent-encoded.
pub fn form_encode(fields: &[(&str, &str)]) -> String {
    fields.iter().map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v))).collect::<Vec<_>>().join("&")
}

/// Decodes `a=1&b=%2B1` (with `+` as space) into pairs; used to read forms and query strings.
pub fn form_decode(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Standard base64 with padding, for HTTP Basic credentials.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(chunk.get(1).copied().unwrap_or(0)) << 8)
            | u32::from(chunk.get(2).copied().unwrap_or(0));
        out.push(ALPHABET[(n >> 18) as usize & 63] as char);
        out.push(ALPHABET[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 { ALPHABET[(n >> 6) as usize & 63] as char } else { '=' });
        out.push(if chunk.len() > 2 { ALPHABET[n as usize & 63] as char } else { '=' });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_never_prints() {
        let secret = Secret::new("pat-na1-abcdef");
        assert_eq!(format!("{secret}"), "[redacted]");
        assert!(!format!("{secret:?}").contains("abcdef"));
        let request = HttpRequest::get("https://api.example/x".into(), &secret);
        assert!(!format!("{request:?}").contains("abcdef"));
    }

    #[test]
    fn a_token_echoed_alone_is_scrubbed_like_the_whole_header() {
        let secret = Secret::new("Bearer pat-na1-abcdef").also_hiding("pat-na1-abcdef");
        assert_eq!(secret.scrub("bad token pat-na1-abcdef"), "bad token [redacted]");
        assert_eq!(secret.scrub("got Bearer pat-na1-abcdef"), "got [redacted]");
    }

    #[test]
    fn components_are_percent_encoded() {
        assert_eq!(encode_component("StartTime>"), "StartTime%3E");
        assert_eq!(encode_component("+1 (303) 555-0100"), "%2B1%20%28303%29%20555-0100");
        assert_eq!(
            form_decode("To=%2B13035550100&Body=Hi+there"),
            [("To".to_owned(), "+13035550100".to_owned()), ("Body".to_owned(), "Hi there".to_owned())]
        );
    }

    #[test]
    fn base64_matches_the_rfc_4648_vectors() {
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
