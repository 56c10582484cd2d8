//! A small HTTP/1.1 server for tests: one thread per connection, `Connection: close`, and
//! replies that can be slow or cut short. It listens on 127.0.0.1 only and stops when dropped.
//!
//! It answers CORS as the business's proxy must, since the browser app calls the fakes from
//! another origin (examples/fake_services.rs): preflights are answered here without reaching
//! the fake (no credentials, no faults), and every reply lets any origin read it and the
//! rate-limit headers the connectors look at.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn query(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// Wait this long before answering (the work is already done: a slow, not a failed, server).
    pub delay: Duration,
}

impl Reply {
    pub fn json(status: u16, body: impl Into<String>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn slow(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }

    /// The same reply with its JSON body cut in half (and a matching Content-Length).
    pub fn truncated(mut self) -> Reply {
        let cut = self.body.len() / 2;
        let cut = (0..=cut).rev().find(|&i| self.body.is_char_boundary(i)).unwrap_or(0);
        self.body.truncate(cut);
        self
    }
}

pub struct TestServer {
    pub base_url: String,
    stop: Arc<AtomicBool>,
    port: u16,
}

impl TestServer {
    pub fn start(handler: impl Fn(Request) -> Reply + Send + Sync + 'static) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let port = listener.local_addr().expect("local address").port();
        let stop = Arc::new(AtomicBool::new(false));
        let handler = Arc::new(handler);
        let stopping = stop.clone();
        thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let handler = handler.clone();
                thread::spawn(move || serve(stream, &*handler));
            }
        });
        TestServer { base_url: format!("http://127.0.0.1:{port}"), stop, port }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn serve(stream: TcpStream, handler: &dyn Fn(Request) -> Reply) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let Ok(mut writer) = stream.try_clone() else { return };
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() || line.trim().is_empty() {
        return;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_owned();
    let target = parts.next().unwrap_or("/").to_owned();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = header.split_once(':') {
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    let length = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let request = Request {
        method,
        path: path.to_owned(),
        query: callback_clock::connectors::http::form_decode(query),
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    };
    let mut reply = if request.method == "OPTIONS" { preflight() } else { handler(request) };
    reply.headers.extend(CORS_ON_EVERY_REPLY.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    if !reply.delay.is_zero() {
        thread::sleep(reply.delay);
    }
    let mut head =
        format!("HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\n", reply.status, reply.body.len());
    for (k, v) in &reply.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = writer.write_all(head.as_bytes());
    let _ = writer.write_all(reply.body.as_bytes());
    let _ = writer.flush();
}

const CORS_ON_EVERY_REPLY: [(&str, &str); 2] = [
    ("Access-Control-Allow-Origin", "*"),
    (
        "Access-Control-Expose-Headers",
        "Retry-After, X-HubSpot-RateLimit-Daily-Remaining, X-HubSpot-RateLimit-Interval-Milliseconds",
    ),
];

fn preflight() -> Reply {
    Reply { status: 204, headers: Vec::new(), body: String::new(), delay: Duration::ZERO }
        .with_header("Access-Control-Allow-Methods", "GET, POST, PATCH, OPTIONS")
        .with_header("Access-Control-Allow-Headers", "authorization, content-type")
        .with_header("Access-Control-Max-Age", "600")
}

/// A fault the fake APIs inject into requests whose method and path match, `times` times.
#[derive(Debug, Clone)]
pub struct Fault {
    pub method: String,
    pub path_ends_with: String,
    pub kind: FaultKind,
    pub times: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FaultKind {
    /// 429 before doing anything; `retry_after` seconds in the header when given.
    RateLimited { retry_after: Option<u32> },
    /// HubSpot's daily limit: 429 with policyName DAILY.
    DailyLimit,
    /// 500 before doing anything.
    ServerError,
    /// 401 before doing anything (an expired token).
    ExpiredToken,
    /// Does the work, then answers after this long (the client has usually given up).
    Slow(Duration),
    /// Does the work, then answers with the JSON body cut in half.
    Truncated,
    /// Twilio's 400 with error 21610: the recipient replied STOP to this sender.
    Unsubscribed,
}

/// Where the fakes take faults over HTTP (test-only; no real service has it).
pub const FAULTS_PATH: &str = "/__faults";
/// A slow answer armed over HTTP comes after the browser app's 20 s request timeout.
pub const SLOW_BY_DEFAULT: Duration = Duration::from_secs(25);

#[derive(Debug, Default)]
pub struct Faults(std::sync::Mutex<Vec<Fault>>);

impl Faults {
    pub fn add(&self, method: &str, path_ends_with: &str, kind: FaultKind, times: usize) {
        let fault = Fault { method: method.to_owned(), path_ends_with: path_ends_with.to_owned(), kind, times };
        self.0.lock().unwrap().push(fault);
    }

    /// `POST /__faults` with `{"method", "path_ends_with", "kind", "times"}`: arms a fault over
    /// HTTP, for tests that drive the fakes from another process (the browser end-to-end test).
    /// `kind` is `server_error`, `rate_limited` (with `retry_after` seconds, default 1),
    /// `daily_limit`, `expired_token`, `slow` (with `delay_ms`, default [`SLOW_BY_DEFAULT`]),
    /// `truncated` or `unsubscribed` (Twilio 21610); `times` defaults to 1 and `path_ends_with`
    /// to any path.
    pub fn arm_from_request(&self, request: &Request) -> Reply {
        let refuse = |why: &str| Reply::json(400, serde_json::json!({ "error": why }).to_string());
        let Ok(fault) = serde_json::from_str::<serde_json::Value>(&request.body) else {
            return refuse("the body is not JSON");
        };
        let Some(method) = fault["method"].as_str() else { return refuse("method is missing") };
        let number = |name: &str, default: u64| fault[name].as_u64().unwrap_or(default);
        let kind = match fault["kind"].as_str() {
            Some("server_error") => FaultKind::ServerError,
            Some("rate_limited") => FaultKind::RateLimited { retry_after: Some(number("retry_after", 1) as u32) },
            Some("daily_limit") => FaultKind::DailyLimit,
            Some("expired_token") => FaultKind::ExpiredToken,
            Some("slow") => {
                FaultKind::Slow(Duration::from_millis(number("delay_ms", SLOW_BY_DEFAULT.as_millis() as u64)))
            }
            Some("truncated") => FaultKind::Truncated,
            Some("unsubscribed") => FaultKind::Unsubscribed,
            _ => return refuse(
                "kind must be server_error, rate_limited, daily_limit, expired_token, slow, truncated or unsubscribed",
            ),
        };
        let path = fault["path_ends_with"].as_str().unwrap_or("");
        let times = fault["times"].as_u64().unwrap_or(1) as usize;
        self.add(&method.to_ascii_uppercase(), path, kind, times);
        Reply::json(201, serde_json::json!({ "armed": fault }).to_string())
    }

    pub fn clear(&self) {
        self.0.lock().unwrap().clear();
    }

    /// The fault for this request, if one is armed (and uses one of its times).
    pub fn take(&self, request: &Request) -> Option<FaultKind> {
        let mut faults = self.0.lock().unwrap();
        let fault = faults
            .iter_mut()
            .find(|f| f.times > 0 && f.method == request.method && request.path.ends_with(&f.path_ends_with))?;
        fault.times -= 1;
        Some(fault.kind.clone())
    }
}

/// Runs `work` under the armed fault, if any: refusals skip the work, slow and truncated
/// answers happen after it.
pub fn with_fault(fault: Option<FaultKind>, work: impl FnOnce() -> Reply) -> Reply {
    match fault {
        Some(FaultKind::RateLimited { retry_after }) => {
            let reply = Reply::json(429, r#"{"status":"error","message":"You have reached your secondly limit.","errorType":"RATE_LIMIT","policyName":"SECONDLY","code":20429}"#);
            match retry_after {
                Some(seconds) => reply.with_header("Retry-After", &seconds.to_string()),
                None => reply,
            }
        }
        Some(FaultKind::DailyLimit) => Reply::json(429, r#"{"status":"error","message":"You have reached your daily limit.","errorType":"RATE_LIMIT","policyName":"DAILY"}"#)
            .with_header("X-HubSpot-RateLimit-Daily-Remaining", "0"),
        Some(FaultKind::ServerError) => Reply::json(500, r#"{"status":"error","message":"internal error"}"#),
        Some(FaultKind::ExpiredToken) => Reply::json(401, r#"{"status":"error","message":"Authentication credentials not found or expired.","category":"EXPIRED_AUTHENTICATION","code":20003}"#),
        Some(FaultKind::Slow(delay)) => work().slow(delay),
        Some(FaultKind::Truncated) => work().truncated(),
        Some(FaultKind::Unsubscribed) => Reply::json(400, r#"{"code":21610,"message":"Attempt to send to unsubscribed recipient","more_info":"https://www.twilio.com/docs/errors/21610","status":400}"#),
        None => work(),
    }
}
