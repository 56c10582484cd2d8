//! The real `callback-clock serve` for tests: a throwaway folder with a small `dist/` and a
//! user store, the server started on 127.0.0.1 with an ephemeral port in a thread of its own,
//! its log lines collected, and a plain HTTP/1.1 client that can send any method and header.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use callback_clock::connectors::http::{Exchange, HttpRequest, Outcome};
use callback_clock::connectors::ConnectorError;
use callback_clock::server::config::ServeConfig;
use callback_clock::server::secrets::{
    ServerSecrets, HUBSPOT_TOKEN_VAR, SESSION_KEY_VAR, TWILIO_KEY_SECRET_VAR, TWILIO_KEY_SID_VAR,
};
use callback_clock::server::users::{Role, UserStore};
use callback_clock::server::Server;

use super::{fake_hubspot, fake_twilio};

pub const SESSION_KEY: &str = "test-session-key-0123456789abcdef-0123456789";
pub const PASSWORD: &str = "a long test password";
pub const ADMIN: &str = "ada@example.com";
pub const INTAKE: &str = "ines@example.com";
pub const REP: &str = "raj@example.com";
pub const MANAGER: &str = "mia@example.com";

/// A folder holding `dist/` and `users.json` (admin, intake, rep, manager), removed when dropped.
pub struct Site {
    pub dir: PathBuf,
}

impl Site {
    pub fn new() -> Site {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("cc-serve-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("dist/sidebar")).unwrap();
        std::fs::write(dir.join("dist/index.html"), "<!doctype html><title>app</title><script>boot()</script>")
            .unwrap();
        std::fs::write(dir.join("dist/sidebar/index.html"), "<!doctype html><title>sidebar</title>").unwrap();
        std::fs::write(dir.join("dist/app.js"), "export default function init() {}").unwrap();
        std::fs::write(dir.join("dist/chunk-0123456789abcdef0123.wasm"), "wasm").unwrap();
        let store = UserStore::at(&dir.join("users.json"));
        for (email, role) in [(ADMIN, Role::Admin), (INTAKE, Role::Intake), (REP, Role::Rep), (MANAGER, Role::Manager)]
        {
            store.add(email, email.split('@').next().unwrap(), role, Some("77"), PASSWORD).unwrap();
        }
        Site { dir }
    }

    pub fn users(&self) -> UserStore {
        UserStore::at(&self.dir.join("users.json"))
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A server running in its own thread until dropped (then shut down gracefully).
pub struct Running {
    pub base: String,
    pub log: Arc<Mutex<Vec<String>>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Running {
    pub fn log_lines(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    /// Asks the server to stop, and waits until it has finished what it was doing.
    pub fn stop(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shut_down();
    }
}

/// Where the fakes are, and anything else for `callback-clock.toml`.
#[derive(Default)]
pub struct Upstreams<'a> {
    pub twilio: Option<&'a str>,
    pub hubspot: Option<&'a str>,
    pub extra_toml: &'a str,
}

pub fn start(site: &Site, upstreams: Upstreams) -> Running {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let mut toml = format!(
        "public_url = \"http://127.0.0.1:{port}\"\ncrm_origins = [\"https://crm.example.com\"]\nusers = \"users.json\"\n"
    );
    toml.push_str(upstreams.extra_toml);
    if let Some(base) = upstreams.twilio {
        // The fake serves Voice Intelligence on the same host.
        toml.push_str(&format!(
            "\n[twilio]\nbase = \"{base}\"\nintelligence_base = \"{base}\"\naccount_sid = \"{}\"\n",
            fake_twilio::ACCOUNT_SID
        ));
    }
    if let Some(base) = upstreams.hubspot {
        toml.push_str(&format!("\n[hubspot]\nbase = \"{base}\"\n"));
    }
    let config = ServeConfig::parse(&toml, "callback-clock.toml", &site.dir).unwrap();
    let secrets = ServerSecrets::load(None, |name| {
        let value = match name {
            TWILIO_KEY_SID_VAR => fake_twilio::API_KEY_SID,
            TWILIO_KEY_SECRET_VAR => fake_twilio::API_KEY_SECRET,
            HUBSPOT_TOKEN_VAR => fake_hubspot::TOKEN,
            SESSION_KEY_VAR => SESSION_KEY,
            _ => return None,
        };
        Some(value.to_owned())
    })
    .unwrap();
    let log = Arc::new(Mutex::new(Vec::new()));
    let sink = log.clone();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        runtime.block_on(async move {
            let log = Arc::new(move |line: &str| sink.lock().unwrap().push(line.to_owned()));
            let server = Server::on_std_listener(listener, config, secrets, log).unwrap();
            server
                .run(async move {
                    let _ = stopped.await;
                })
                .await
                .unwrap();
        });
    });
    Running { base: format!("http://127.0.0.1:{port}"), log, stop: Some(stop), thread: Some(thread) }
}

/// One answer as the client saw it.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Everything the client received, to search for a secret.
    pub fn everything(&self) -> String {
        let headers: String = self.headers.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
        format!("{} {headers}{}", self.status, self.body)
    }
}

/// `method url` with `headers` and `body`, over one HTTP/1.1 connection.
pub fn call(method: &str, url: &str, headers: &[(&str, &str)], body: &str) -> Answer {
    let rest = url.strip_prefix("http://").expect("an http:// URL");
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let mut stream = TcpStream::connect(authority).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("a complete answer");
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split_whitespace().nth(1)).and_then(|s| s.parse().ok()).unwrap();
    let headers =
        lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned())).collect();
    Answer { status, headers, body: body.to_owned() }
}

/// Signs in as `email` and returns the `Cookie` header value for the session.
pub fn sign_in(server: &Running, email: &str) -> String {
    let answer = sign_in_attempt(server, email, PASSWORD);
    assert_eq!(answer.status, 200, "sign-in as {email}: {}", answer.body);
    let set_cookie = answer.header("set-cookie").expect("a session cookie");
    set_cookie.split(';').next().unwrap().to_owned()
}

pub fn sign_in_attempt(server: &Running, email: &str, password: &str) -> Answer {
    let body = serde_json::json!({ "email": email, "password": password }).to_string();
    call(
        "POST",
        &format!("{}/api/session", server.base),
        &[("Origin", &server.base), ("Content-Type", "application/json")],
        &body,
    )
}

/// A connector job as the app runs it behind the server: no credentials of its own, the
/// session cookie and the page's Origin on every request.
pub struct AsSignedIn<E> {
    pub job: E,
    pub cookie: String,
    pub origin: String,
}

impl<E: Exchange> Exchange for AsSignedIn<E> {
    type Output = E::Output;

    fn next_request(&self) -> Option<HttpRequest> {
        let mut request = self.job.next_request()?;
        assert!(request.authorization.is_none(), "a request through the proxy carried credentials");
        request.headers.push(("Cookie".into(), self.cookie.clone()));
        request.headers.push(("Origin".into(), self.origin.clone()));
        Some(request)
    }

    fn receive(&mut self, outcome: Outcome) -> Result<(), ConnectorError> {
        self.job.receive(outcome)
    }

    fn finish(self) -> Self::Output {
        self.job.finish()
    }
}
