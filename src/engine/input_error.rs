//! Reading a bundle from JSON, with errors that name the JSON path of the first bad field.

use thiserror::Error;

use super::bundle::Bundle;

/// A bundle that cannot be triaged. Displays as one line: `calls[3].started_at: not an RFC 3339 time`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{path}: {message}")]
pub struct InputError {
    pub path: String,
    pub message: String,
}

impl InputError {
    pub fn at(path: impl Into<String>, message: impl Into<String>) -> Self {
        InputError { path: path.into(), message: message.into() }
    }
}

/// Parse a bundle this program wrote itself (the browser store, the built-in demo): plain
/// serde_json, whose error names a line and column only. Keeping the path-tracking parser off
/// this path keeps it out of the sidebar's bundle, which never reads a user's file.
pub fn parse_trusted_bundle(json: &str) -> Result<Bundle, InputError> {
    serde_json::from_str::<Bundle>(json).map_err(|e| InputError::at("$", e.to_string()))
}

/// Parse a bundle. The fast path is plain serde_json; only a failing bundle is parsed again
/// with path tracking, so valid input pays nothing for good error messages.
pub fn parse_bundle(json: &str) -> Result<Bundle, InputError> {
    // Windows editors and some exporters start UTF-8 files with a byte-order mark; it is not
    // JSON, but it says nothing either.
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    match serde_json::from_str::<Bundle>(json) {
        Ok(bundle) => Ok(bundle),
        Err(_) => Err(locate_error(json)),
    }
}

fn locate_error(json: &str) -> InputError {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let error = match serde_path_to_error::deserialize::<_, Bundle>(&mut deserializer) {
        Ok(_) => return InputError::at("$", "not a valid bundle"),
        Err(error) => error,
    };
    let inner = error.inner();
    let message = without_position(&inner.to_string());
    let message = match inner.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            format!("malformed JSON ({message} at line {} column {})", inner.line(), inner.column())
        }
        _ => message,
    };
    let path = error.path().to_string();
    let path = if path == "." || path.is_empty() { "$".to_owned() } else { path };
    InputError::at(path, message)
}

/// serde_json appends " at line L column C"; the path says where, so the position is noise.
fn without_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains(" column ") => message[..i].to_owned(),
        _ => message.to_owned(),
    }
}
