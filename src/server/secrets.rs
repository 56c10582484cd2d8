//! The server's secrets: the Twilio API key, the HubSpot token and the key that signs sessions.
//!
//! They come from environment variables or from a file readable only by its owner (the
//! config's `secrets_file`), never from `callback-clock.toml`. Each is held in the connectors'
//! [`Secret`], which never prints its value, so no log line, error or `Debug` output can show one.

use std::path::Path;

use serde::Deserialize;

use crate::connectors::http::base64;
use crate::connectors::Secret;

pub const TWILIO_KEY_SID_VAR: &str = "CALLBACK_CLOCK_TWILIO_KEY_SID";
pub const TWILIO_KEY_SECRET_VAR: &str = "CALLBACK_CLOCK_TWILIO_KEY_SECRET";
pub const HUBSPOT_TOKEN_VAR: &str = "CALLBACK_CLOCK_HUBSPOT_TOKEN";
pub const SESSION_KEY_VAR: &str = "CALLBACK_CLOCK_SESSION_KEY";

/// A session key shorter than this could be guessed; 32 random bytes are 43+ characters.
const MIN_SESSION_KEY_CHARS: usize = 32;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SecretsError {
    #[error("{file}: cannot read: {reason}")]
    Unreadable { file: String, reason: String },
    #[error("{file}: readable by others (mode {mode:o}); run: chmod 600 {file}")]
    TooOpen { file: String, mode: u32 },
    #[error("{file}: {reason}")]
    Malformed { file: String, reason: String },
    #[error("{name}: missing (set it in the environment or in secrets_file)")]
    Missing { name: &'static str },
    #[error("{name}: too short (at least {MIN_SESSION_KEY_CHARS} random characters)")]
    WeakSessionKey { name: &'static str },
}

/// What the proxy adds to requests and what signs sessions.
#[derive(Debug, Clone)]
pub struct ServerSecrets {
    /// The whole `Authorization` value for Twilio (`Basic …` of the API key and its secret).
    pub twilio_authorization: Option<Secret>,
    /// The whole `Authorization` value for HubSpot (`Bearer …`).
    pub hubspot_authorization: Option<Secret>,
    pub session_key: Secret,
    /// Every value an answer or a log line must never hold, raw and as sent: for scrubbing
    /// what comes back from upstream (a service may echo a credential in an error).
    never_echo: Vec<Secret>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct SecretsFile {
    twilio_key_sid: Option<String>,
    twilio_key_secret: Option<String>,
    hubspot_token: Option<String>,
    session_key: Option<String>,
}

impl ServerSecrets {
    /// Each value from its environment variable, else from `file`. `lookup` is the environment
    /// (a parameter so tests need not change the process's own).
    pub fn load(file: Option<&Path>, lookup: impl Fn(&str) -> Option<String>) -> Result<ServerSecrets, SecretsError> {
        let stored = match file {
            Some(path) => read_owner_only(path)?,
            None => SecretsFile::default(),
        };
        let pick = |var: &str, from_file: Option<String>| lookup(var).filter(|v| !v.is_empty()).or(from_file);
        let key_sid = pick(TWILIO_KEY_SID_VAR, stored.twilio_key_sid);
        let key_secret = pick(TWILIO_KEY_SECRET_VAR, stored.twilio_key_secret);
        let mut never_echo: Vec<Secret> = Vec::new();
        let twilio_authorization = match (key_sid, key_secret) {
            (Some(sid), Some(secret)) => {
                let basic = base64(format!("{sid}:{secret}").as_bytes());
                never_echo.extend([Secret::new(secret), Secret::new(basic.clone())]);
                Some(Secret::new(format!("Basic {basic}")))
            }
            (Some(_), None) => return Err(SecretsError::Missing { name: TWILIO_KEY_SECRET_VAR }),
            (None, Some(_)) => return Err(SecretsError::Missing { name: TWILIO_KEY_SID_VAR }),
            (None, None) => None,
        };
        let hubspot_authorization = pick(HUBSPOT_TOKEN_VAR, stored.hubspot_token).map(|token| {
            never_echo.push(Secret::new(token.clone()));
            Secret::new(format!("Bearer {token}"))
        });
        let session_key =
            pick(SESSION_KEY_VAR, stored.session_key).ok_or(SecretsError::Missing { name: SESSION_KEY_VAR })?;
        if session_key.chars().count() < MIN_SESSION_KEY_CHARS {
            return Err(SecretsError::WeakSessionKey { name: SESSION_KEY_VAR });
        }
        never_echo.push(Secret::new(session_key.clone()));
        Ok(ServerSecrets {
            twilio_authorization,
            hubspot_authorization,
            session_key: Secret::new(session_key),
            never_echo,
        })
    }

    /// `text` with every secret replaced by `[redacted]`.
    pub fn scrub(&self, text: &str) -> String {
        self.never_echo.iter().fold(text.to_owned(), |text, secret| secret.scrub(&text))
    }

    /// Whether `text` holds any secret (for a quick check before copying a body to scrub it).
    pub fn any_in(&self, text: &str) -> bool {
        self.never_echo.iter().any(|s| s.expose().len() >= 4 && text.contains(s.expose()))
    }
}

fn read_owner_only(path: &Path) -> Result<SecretsFile, SecretsError> {
    let file = path.display().to_string();
    let unreadable = |e: std::io::Error| SecretsError::Unreadable { file: file.clone(), reason: e.to_string() };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_err(unreadable)?.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(SecretsError::TooOpen { file, mode });
        }
    }
    let text = std::fs::read_to_string(path).map_err(unreadable)?;
    // toml's message may quote the offending line, which could be a secret: only its kind is kept.
    toml::from_str(&text).map_err(|e: toml::de::Error| {
        let line = e.span().map_or(1, |span| text[..span.start.min(text.len())].matches('\n').count() + 1);
        let reason = if e.message().contains("unknown field") {
            format!("line {line}: unknown key (expected twilio_key_sid, twilio_key_secret, hubspot_token, session_key)")
        } else {
            format!("line {line}: not a TOML file of key = \"value\" lines")
        };
        SecretsError::Malformed { file: file.clone(), reason }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "0123456789abcdef0123456789abcdef-session";

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
    }

    #[test]
    fn credentials_from_the_environment_become_authorization_values() {
        let secrets = ServerSecrets::load(
            None,
            env(&[
                (TWILIO_KEY_SID_VAR, "SK1"),
                (TWILIO_KEY_SECRET_VAR, "s"),
                (HUBSPOT_TOKEN_VAR, "pat"),
                (SESSION_KEY_VAR, KEY),
            ]),
        )
        .unwrap();
        assert_eq!(secrets.twilio_authorization.unwrap().expose(), format!("Basic {}", base64(b"SK1:s")));
        assert_eq!(secrets.hubspot_authorization.unwrap().expose(), "Bearer pat");
    }

    #[test]
    fn no_session_key_no_server() {
        assert_eq!(ServerSecrets::load(None, env(&[])).unwrap_err(), SecretsError::Missing { name: SESSION_KEY_VAR });
        assert_eq!(
            ServerSecrets::load(None, env(&[(SESSION_KEY_VAR, "short")])).unwrap_err(),
            SecretsError::WeakSessionKey { name: SESSION_KEY_VAR }
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_secrets_file_others_can_read_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let path = std::env::temp_dir().join(format!("cc-secrets-{}.toml", std::process::id()));
        std::fs::write(&path, format!("session_key = \"{KEY}\"\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let refused = ServerSecrets::load(Some(&path), env(&[])).unwrap_err();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let accepted = ServerSecrets::load(Some(&path), env(&[]));
        let _ = std::fs::remove_file(&path);
        assert!(matches!(refused, SecretsError::TooOpen { mode: 0o644, .. }));
        assert_eq!(accepted.unwrap().session_key.expose(), KEY);
    }
}
