//! `callback-clock.toml`: everything `callback-clock serve` needs that is not a secret.
//!
//! The file is read once at start into [`ServeConfig`], whose fields are already checked, so the
//! rest of the server never meets a bad value. Every problem is one line naming the key
//! (`crm_origins[1]: …`), which is also what `callback-clock serve --check` prints. Secrets are
//! never read from here (see [`super::secrets`]); the file may therefore be world-readable.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::connectors::{hubspot, twilio};

/// The default name, looked up in the working directory when no `--config` is given.
pub const DEFAULT_FILE: &str = "callback-clock.toml";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("{file}: cannot read: {reason}")]
    Unreadable { file: String, reason: String },
    #[error("{file}: line {line}: {reason}")]
    Syntax { file: String, line: usize, reason: String },
    #[error("{file}: {key}: {problem}")]
    BadValue { file: String, key: String, problem: String },
}

/// The server's configuration, every value checked.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub listen: SocketAddr,
    /// Where people open the app, e.g. `https://clock.example.com`; its origin is the only one
    /// allowed to call `/api/`.
    pub public_origin: String,
    /// The built app (`dist/`, with `index.html` and `sidebar/index.html`).
    pub dist: PathBuf,
    /// CRM origins allowed to frame the app (the CSP's `frame-ancestors`).
    pub crm_origins: Vec<String>,
    pub users_file: PathBuf,
    pub secrets_file: Option<PathBuf>,
    pub twilio: Option<TwilioUpstream>,
    pub hubspot: Option<HubSpotUpstream>,
    pub limits: Limits,
    pub sign_in: SignInConfig,
}

#[derive(Debug, Clone)]
pub struct TwilioUpstream {
    pub base: String,
    /// Voice Intelligence's host (voicemail transcripts), another host than the REST API's.
    pub intelligence_base: String,
    /// The one account the proxy will reach; paths naming another are refused.
    pub account_sid: String,
}

#[derive(Debug, Clone)]
pub struct HubSpotUpstream {
    pub base: String,
}

#[derive(Debug, Clone)]
pub struct Limits {
    pub request_body_bytes: usize,
    pub response_body_bytes: usize,
    pub upstream_timeout: Duration,
    pub session_lifetime: Duration,
}

#[derive(Debug, Clone, Default)]
pub struct SignInConfig {
    /// A header a front proxy (single sign-on) sets to the signed-in person's email.
    pub trusted_user_header: Option<String>,
    /// Only requests from these addresses may use that header.
    pub trusted_proxies: Vec<IpAddr>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    listen: Option<String>,
    public_url: Option<String>,
    dist: Option<PathBuf>,
    #[serde(default)]
    crm_origins: Vec<String>,
    users: Option<PathBuf>,
    secrets_file: Option<PathBuf>,
    twilio: Option<RawTwilio>,
    hubspot: Option<RawHubSpot>,
    #[serde(default)]
    limits: RawLimits,
    #[serde(default)]
    sign_in: RawSignIn,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTwilio {
    base: Option<String>,
    intelligence_base: Option<String>,
    account_sid: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHubSpot {
    base: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLimits {
    request_body_kb: Option<u64>,
    response_body_kb: Option<u64>,
    upstream_timeout_seconds: Option<u64>,
    session_hours: Option<u64>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSignIn {
    trusted_user_header: Option<String>,
    #[serde(default)]
    trusted_proxies: Vec<String>,
}

impl ServeConfig {
    /// Reads and checks the file. Relative paths in it are relative to the file's folder.
    pub fn load(path: &Path) -> Result<ServeConfig, ConfigError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError::Unreadable { file: file.clone(), reason: e.to_string() })?;
        let folder = path.parent().unwrap_or(Path::new("."));
        ServeConfig::parse(&text, &file, folder)
    }

    /// Only the user store's path, for `callback-clock users`, which must work before the app is built.
    pub fn users_file_in(path: &Path) -> Result<PathBuf, ConfigError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError::Unreadable { file: file.clone(), reason: e.to_string() })?;
        let raw: RawConfig = toml::from_str(&text).map_err(|e| {
            let line = e.span().map_or(1, |span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            ConfigError::Syntax { file: file.clone(), line, reason: e.message().replace('\n', " ") }
        })?;
        let users = raw.users.ok_or_else(|| ConfigError::BadValue {
            file,
            key: "users".into(),
            problem: "missing (the user store's path)".into(),
        })?;
        let folder = path.parent().unwrap_or(Path::new("."));
        Ok(if users.is_absolute() { users } else { folder.join(users) })
    }

    /// Checks `text`; `file` names it in errors, `folder` anchors its relative paths.
    pub fn parse(text: &str, file: &str, folder: &Path) -> Result<ServeConfig, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            ConfigError::Syntax { file: file.to_owned(), line, reason: e.message().replace('\n', " ") }
        })?;
        let bad =
            |key: &str, problem: String| ConfigError::BadValue { file: file.to_owned(), key: key.to_owned(), problem };
        let anchored = |p: PathBuf| if p.is_absolute() { p } else { folder.join(p) };

        let listen_text = raw.listen.unwrap_or_else(|| "127.0.0.1:8080".to_owned());
        let listen = listen_text
            .parse::<SocketAddr>()
            .map_err(|_| bad("listen", format!("{listen_text:?} is not an address:port such as 127.0.0.1:8080")))?;
        let public_url =
            raw.public_url.ok_or_else(|| bad("public_url", "missing (where people open the app)".into()))?;
        let public_origin = origin_of(&public_url).map_err(|p| bad("public_url", p))?;
        let mut crm_origins = Vec::new();
        for (i, origin) in raw.crm_origins.iter().enumerate() {
            let checked = origin_of(origin).map_err(|p| bad(&format!("crm_origins[{i}]"), p))?;
            if checked != origin.trim_end_matches('/') {
                return Err(bad(&format!("crm_origins[{i}]"), format!("{origin:?} has a path; give the origin only")));
            }
            crm_origins.push(checked);
        }
        let dist = anchored(raw.dist.unwrap_or_else(|| "dist".into()));
        if !dist.join("index.html").is_file() {
            let problem = format!("no index.html in {} (build the app first: scripts/build)", dist.display());
            return Err(bad("dist", problem));
        }
        let users_file = anchored(raw.users.ok_or_else(|| bad("users", "missing (the user store's path)".into()))?);
        let twilio = match raw.twilio {
            None => None,
            Some(t) => {
                let base = upstream_base(t.base, twilio::API_ROOT).map_err(|p| bad("twilio.base", p))?;
                let sid = t.account_sid.ok_or_else(|| bad("twilio.account_sid", "missing".into()))?;
                if !(sid.len() == 34 && sid.starts_with("AC") && sid.bytes().all(|b| b.is_ascii_alphanumeric())) {
                    return Err(bad("twilio.account_sid", "not an account SID (AC followed by 32 characters)".into()));
                }
                let intelligence_base = upstream_base(t.intelligence_base, twilio::INTELLIGENCE_ROOT)
                    .map_err(|p| bad("twilio.intelligence_base", p))?;
                Some(TwilioUpstream { base, intelligence_base, account_sid: sid })
            }
        };
        let hubspot = match raw.hubspot {
            None => None,
            Some(h) => Some(HubSpotUpstream {
                base: upstream_base(h.base, hubspot::API_ROOT).map_err(|p| bad("hubspot.base", p))?,
            }),
        };
        let positive = |key: &str, value: Option<u64>, default: u64| match value {
            Some(0) => Err(bad(key, "must be more than 0".into())),
            Some(n) => Ok(n),
            None => Ok(default),
        };
        let limits = Limits {
            request_body_bytes: positive("limits.request_body_kb", raw.limits.request_body_kb, 256)? as usize * 1024,
            response_body_bytes: positive("limits.response_body_kb", raw.limits.response_body_kb, 8192)? as usize
                * 1024,
            upstream_timeout: Duration::from_secs(positive(
                "limits.upstream_timeout_seconds",
                raw.limits.upstream_timeout_seconds,
                20,
            )?),
            session_lifetime: Duration::from_secs(
                positive("limits.session_hours", raw.limits.session_hours, 12)? * 3600,
            ),
        };
        let trusted_user_header = match raw.sign_in.trusted_user_header {
            Some(name) if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') || name.is_empty() => {
                return Err(bad("sign_in.trusted_user_header", format!("{name:?} is not a header name")))
            }
            Some(name) => Some(name.to_ascii_lowercase()),
            None => None,
        };
        let mut trusted_proxies = Vec::new();
        for (i, address) in raw.sign_in.trusted_proxies.iter().enumerate() {
            let ip = address.parse::<IpAddr>().map_err(|_| {
                bad(&format!("sign_in.trusted_proxies[{i}]"), format!("{address:?} is not an IP address"))
            })?;
            trusted_proxies.push(ip);
        }
        if trusted_user_header.is_some() && trusted_proxies.is_empty() {
            let problem = "is set but sign_in.trusted_proxies is empty: anyone could claim to be anyone".into();
            return Err(bad("sign_in.trusted_user_header", problem));
        }
        Ok(ServeConfig {
            listen,
            public_origin,
            dist,
            crm_origins,
            users_file,
            secrets_file: raw.secrets_file.map(anchored),
            twilio,
            hubspot,
            limits,
            sign_in: SignInConfig { trusted_user_header, trusted_proxies },
        })
    }
}

/// `scheme://host[:port]` of an http(s) URL; plain http only for the machine itself.
fn origin_of(url: &str) -> Result<String, String> {
    let (scheme, rest) = url.split_once("://").ok_or_else(|| format!("{url:?} is not an http(s) URL"))?;
    if scheme != "https" && scheme != "http" {
        return Err(format!("{url:?} is not an http(s) URL"));
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty() || authority.contains('@') {
        return Err(format!("{url:?} needs a host and no user name"));
    }
    let host = authority.rsplit_once(':').map_or(authority, |(h, _)| h);
    let loopback = matches!(host, "localhost" | "127.0.0.1" | "[::1]");
    if scheme == "http" && !loopback {
        return Err(format!("{url:?} must use https:// (http only for localhost)"));
    }
    Ok(format!("{scheme}://{}", authority.to_ascii_lowercase()))
}

/// The API root to forward to: the service's own unless the file names another (a test fake).
fn upstream_base(given: Option<String>, default: &str) -> Result<String, String> {
    let base = given.unwrap_or_else(|| default.to_owned());
    origin_of(&base)?;
    if base.contains('?') {
        return Err(format!("{base:?} may not hold a query"));
    }
    Ok(base.trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_dist() -> tempdir::Dist {
        tempdir::Dist::new()
    }

    /// A throwaway folder with a `dist/index.html`, removed when dropped.
    mod tempdir {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        pub struct Dist(pub std::path::PathBuf);
        impl Dist {
            pub fn new() -> Dist {
                let n = NEXT.fetch_add(1, Ordering::SeqCst);
                let dir = std::env::temp_dir().join(format!("cc-config-{}-{n}", std::process::id()));
                std::fs::create_dir_all(dir.join("dist")).unwrap();
                std::fs::write(dir.join("dist/index.html"), "<!doctype html>").unwrap();
                Dist(dir)
            }
        }
        impl Drop for Dist {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }

    const GOOD: &str = r#"
listen = "127.0.0.1:9000"
public_url = "https://clock.example.com/"
crm_origins = ["https://app.hubspot.com"]
users = "users.json"
[twilio]
account_sid = "AC0123456789abcdef0123456789abcdef"
[hubspot]
"#;

    fn parse(text: &str, dir: &tempdir::Dist) -> Result<ServeConfig, String> {
        ServeConfig::parse(text, "callback-clock.toml", &dir.0).map_err(|e| e.to_string())
    }

    #[test]
    fn a_good_file_fills_in_the_services_own_roots() {
        let dir = with_dist();
        let config = parse(GOOD, &dir).unwrap();
        assert_eq!(config.public_origin, "https://clock.example.com");
        assert_eq!(config.twilio.unwrap().base, "https://api.twilio.com");
        assert_eq!(config.hubspot.unwrap().base, "https://api.hubapi.com");
        assert_eq!(config.users_file, dir.0.join("users.json"));
    }

    #[test]
    fn each_bad_value_is_one_line_naming_its_key() {
        let dir = with_dist();
        let cases = [
            (GOOD.replace("127.0.0.1:9000", "port nine"), "callback-clock.toml: listen: "),
            (GOOD.replace("https://app.hubspot.com", "http://crm.example.com"), "crm_origins[0]: "),
            (GOOD.replace("https://app.hubspot.com", "https://crm.example.com/x"), "crm_origins[0]: "),
            (GOOD.replace("AC0123456789abcdef0123456789abcdef", "AC12"), "twilio.account_sid: "),
            (GOOD.replace("users = \"users.json\"", ""), "users: missing"),
            (format!("{GOOD}\n[limits]\nsession_hours = 0\n"), "limits.session_hours: must be more than 0"),
            (format!("colour = 1\n{GOOD}"), "line 1: unknown field `colour`"),
        ];
        for (text, expected) in cases {
            let error = parse(&text, &dir).unwrap_err();
            assert!(error.contains(expected), "{error:?} should contain {expected:?}");
            assert!(!error.contains('\n'), "{error:?} is more than one line");
        }
    }

    #[test]
    fn a_trusted_user_header_needs_the_proxies_it_trusts() {
        let dir = with_dist();
        let text = format!("{GOOD}\n[sign_in]\ntrusted_user_header = \"X-Forwarded-Email\"\n");
        assert!(parse(&text, &dir).unwrap_err().contains("sign_in.trusted_user_header: "));
    }

    #[test]
    fn a_missing_build_is_named() {
        let dir = with_dist();
        std::fs::remove_file(dir.0.join("dist/index.html")).unwrap();
        assert!(parse(GOOD, &dir).unwrap_err().contains("dist: no index.html"));
    }
}
