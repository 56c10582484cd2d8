//! `callback-clock serve` (feature `server`, native only): the built app, an authorizing proxy
//! to Twilio and HubSpot, and team sign-in, in one process.
//!
//! Browsers cannot call Twilio or HubSpot themselves (no CORS, and no secret may sit in a page),
//! so the app calls `/api/twilio/…` and `/api/hubspot/…` here; this server checks the session,
//! the role and the allow-list, adds the credentials and forwards. It keeps no state besides the
//! user store: sessions are signed tokens, so several instances serve one business.
//!
//! | file | job |
//! |---|---|
//! | `config.rs` | `callback-clock.toml`, checked into [`config::ServeConfig`] |
//! | `secrets.rs` | credentials and the session key, from the environment or an owner-only file |
//! | `users.rs` | the user store, roles, password hashes |
//! | `session.rs` | signed session tokens and the partitioned cookie |
//! | `allow_list.rs` | every method and path the proxy forwards |
//! | `sign_in.rs` | who is asking: `/signin`, `/api/session`, `/api/config`, the Origin guard, the throttle |
//! | `proxy.rs` | forwarding with the credentials, caps and timeouts |
//! | `static_files.rs` | `dist/` with caching, the build's precompressed files, the single-page fallback and the CSP |

pub mod allow_list;
pub mod config;
mod proxy;
pub mod secrets;
pub mod session;
mod sign_in;
mod static_files;
pub mod users;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{any, get};
use axum::Router;
use tower_http::compression::CompressionLayer;

use config::ServeConfig;
use secrets::ServerSecrets;
use session::SessionSigner;
use users::UserDirectory;

/// Where the server's one line per request goes (stderr in production, a list in tests).
pub type LogSink = Arc<dyn Fn(&str) + Send + Sync>;

/// Log lines to standard error.
pub fn stderr_log() -> LogSink {
    Arc::new(|line: &str| eprintln!("{line}"))
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("listen: cannot listen on {address}: {reason}")]
    Listen { address: String, reason: String },
    #[error("dist: {0}")]
    Dist(String),
    #[error("cannot start the upstream client: {0}")]
    Client(String),
}

/// What every handler shares. Nothing in it changes with requests except the sign-in throttle,
/// which is a brake, not a record: losing it on restart loses nothing.
struct AppState {
    config: ServeConfig,
    secrets: ServerSecrets,
    signer: SessionSigner,
    users: UserDirectory,
    client: reqwest::Client,
    csp: HeaderValue,
    throttle: sign_in::Throttle,
    log: LogSink,
}

/// A server bound to its address, not yet serving.
pub struct Server {
    router: Router,
    listener: tokio::net::TcpListener,
}

impl Server {
    /// Binds `config.listen`.
    pub async fn bind(config: ServeConfig, secrets: ServerSecrets, log: LogSink) -> Result<Server, ServeError> {
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|e| ServeError::Listen { address: config.listen.to_string(), reason: e.to_string() })?;
        Server::on(listener, config, secrets, log)
    }

    /// Serves on a listener bound already (tests bind port 0 first, to know the public URL).
    pub fn on_std_listener(
        listener: std::net::TcpListener,
        config: ServeConfig,
        secrets: ServerSecrets,
        log: LogSink,
    ) -> Result<Server, ServeError> {
        let address = listener.local_addr().map(|a| a.to_string()).unwrap_or_default();
        let listen_error = |e: std::io::Error| ServeError::Listen { address: address.clone(), reason: e.to_string() };
        listener.set_nonblocking(true).map_err(listen_error)?;
        let listener = tokio::net::TcpListener::from_std(listener).map_err(listen_error)?;
        Server::on(listener, config, secrets, log)
    }

    fn on(
        listener: tokio::net::TcpListener,
        config: ServeConfig,
        secrets: ServerSecrets,
        log: LogSink,
    ) -> Result<Server, ServeError> {
        let csp = static_files::content_security_policy(&config.dist, &config.public_origin, &config.crm_origins)
            .map_err(ServeError::Dist)?;
        let client = reqwest::Client::builder()
            .timeout(config.limits.upstream_timeout)
            .connect_timeout(config.limits.upstream_timeout.min(std::time::Duration::from_secs(5)))
            // A redirect would be a request the allow-list never saw.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| ServeError::Client(e.to_string()))?;
        let state = Arc::new(AppState {
            signer: SessionSigner::new(&secrets.session_key),
            users: UserDirectory::new(&config.users_file),
            throttle: sign_in::Throttle::default(),
            csp,
            client,
            config,
            secrets,
            log,
        });
        Ok(Server { router: router(state), listener })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `shutdown` completes, then finishes the requests under way and returns.
    pub async fn run(self, shutdown: impl Future<Output = ()> + Send + 'static) -> std::io::Result<()> {
        let service = self.router.into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(self.listener, service).with_graceful_shutdown(shutdown).await
    }
}

/// Completes on SIGTERM (systemd's stop, a load balancer draining) or Ctrl-C. The SIGTERM
/// handler is installed when this is called, not when the future is first polled: call it
/// before binding, so a stop sent the moment the port answers is not the default (a kill).
/// Needs a Tokio runtime.
pub fn shutdown_signal() -> impl Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    let terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    async move {
        let interrupt = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        #[cfg(unix)]
        {
            let terminate = async {
                match terminate {
                    Some(mut signal) => {
                        signal.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! { _ = interrupt => {}, _ = terminate => {} }
        }
        #[cfg(not(unix))]
        interrupt.await;
    }
}

fn router(state: Arc<AppState>) -> Router {
    let api = Router::new()
        .route("/api/session", get(sign_in::who_am_i).post(sign_in::sign_in).delete(sign_in::sign_out))
        .route("/api/config", get(sign_in::app_config))
        .route("/api/twilio/{*path}", any(proxy::twilio))
        .route("/api/twilio-intelligence/{*path}", any(proxy::twilio_intelligence))
        .route("/api/hubspot/{*path}", any(proxy::hubspot))
        .route("/api/{*rest}", any(|| async { sign_in::Refusal::NotFound("no such API route") }))
        .layer(middleware::from_fn_with_state(state.clone(), sign_in::origin_guard));
    Router::new()
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/signin", get(sign_in::sign_in_page))
        .merge(api)
        .fallback_service(static_files::router(state.clone()))
        .layer(middleware::from_fn_with_state(state.clone(), log_each_request))
        .layer(CompressionLayer::new())
        .with_state(state)
}

/// Who made a request, put in the response's extensions by the handler for the log line.
#[derive(Clone)]
struct LoggedUser(String);

/// One line per request: method, path (never the query: it holds callers' numbers), status,
/// the signed-in user if any, time taken. Never a body or a header.
async fn log_each_request(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let user = response.extensions().get::<LoggedUser>().map_or("-", |u| u.0.as_str()).to_owned();
    let line =
        format!("{method} {path} {} user={user} ms={}", response.status().as_u16(), started.elapsed().as_millis());
    (state.log)(&state.secrets.scrub(&line));
    response
}

/// Seconds since the Unix epoch, for session expiry.
fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}
