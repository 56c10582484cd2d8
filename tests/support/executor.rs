//! Runs sans-I/O requests natively: plain HTTP over a TCP socket with a deadline, driven by
//! the library's retry policy (waits shortened so tests stay fast; the decisions are the same).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use callback_clock::connectors::http::{Exchange, HttpRequest, HttpResponse, Outcome, TransportError};
use callback_clock::connectors::{ConnectorError, RetryDecision, RetryPolicy};

/// One request, one answer. Only `http://host:port/…` URLs (the test servers).
pub fn send(request: &HttpRequest, timeout: Duration) -> Outcome {
    let rest =
        request.url.strip_prefix("http://").ok_or_else(|| TransportError::Network("only http:// in tests".into()))?;
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let mut stream = TcpStream::connect(authority).map_err(|e| TransportError::Network(e.to_string()))?;
    stream.set_read_timeout(Some(timeout)).map_err(|e| TransportError::Network(e.to_string()))?;
    let body = request.body.clone().unwrap_or_default();
    let mut head = format!(
        "{} {} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\nContent-Length: {}\r\n",
        request.method.as_str(),
        if path.is_empty() { "/" } else { path },
        body.len()
    );
    for (k, v) in &request.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(secret) = &request.authorization {
        head.push_str(&format!("Authorization: {}\r\n", secret.expose()));
    }
    head.push_str("\r\n");
    stream
        .write_all(head.as_bytes())
        .and_then(|_| stream.write_all(body.as_bytes()))
        .map_err(|e| TransportError::Network(e.to_string()))?;
    let mut raw = Vec::new();
    match stream.read_to_end(&mut raw) {
        Ok(_) => {}
        Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
            return Err(TransportError::Timeout)
        }
        Err(e) => return Err(TransportError::Network(e.to_string())),
    }
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").ok_or_else(|| TransportError::Network("no header end".into()))?;
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| TransportError::Network("bad status line".into()))?;
    let headers =
        lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned())).collect();
    Ok(HttpResponse { status, headers, body: body.to_owned() })
}

/// What happened while driving a job, for assertions.
#[derive(Debug, Default)]
pub struct Log {
    pub requests: Vec<HttpRequest>,
    pub errors: Vec<ConnectorError>,
    pub waits: Vec<Duration>,
    /// The waits the job asked for itself (`Exchange::wait_before_next`).
    pub settles: Vec<Duration>,
}

/// A policy with the library's decisions but test-sized waits.
pub fn fast_policy() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 5,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(40),
        max_rate_limit_wait: Duration::from_secs(5),
    }
}

/// Sends the job's requests until it is done or the policy gives up (that error is returned).
pub fn drive<E: Exchange>(
    job: &mut E,
    policy: RetryPolicy,
    timeout: Duration,
    log: &mut Log,
) -> Result<(), ConnectorError> {
    let mut failures = 0;
    let mut sent = 0;
    while let Some(request) = job.next_request() {
        sent += 1;
        assert!(sent < 500, "a job that never finishes");
        if let Some(wait) = job.wait_before_next() {
            // Honoured like a retry wait: logged, and slept short (the fakes' search has no lag).
            log.settles.push(wait);
            std::thread::sleep(wait.min(Duration::from_millis(50)));
        }
        log.requests.push(request.clone());
        match job.receive(send(&request, timeout)) {
            Ok(()) => failures = 0,
            Err(error) => {
                failures += 1;
                log.errors.push(error.clone());
                match policy.after_failure(failures, &error) {
                    RetryDecision::RetryAfter(wait) => {
                        log.waits.push(wait);
                        // Rate-limit waits are real decisions but need not be slept in full here.
                        std::thread::sleep(wait.min(Duration::from_millis(50)));
                    }
                    RetryDecision::GiveUp => return Err(error),
                }
            }
        }
    }
    Ok(())
}
