//! Sessions: signed tokens any instance can check, revoked by removing the user.
//!
//! A token is `v1.<user stamp>.<expiry, Unix seconds>.<HMAC-SHA256 of the rest, hex>`, signed
//! with the session key from the secrets. The server stores no sessions: any instance that has
//! the key and reads the user store can check one, and a token whose stamp is no longer in the
//! store (the user was removed, or added again) is refused. It travels in a cookie the browser
//! keeps in the frame's own partition (see [`cookie`]).

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::connectors::Secret;

/// `__Host-`: the browser keeps it only if it is Secure, for `/`, and for this host alone.
pub const COOKIE_NAME: &str = "__Host-callback-clock-session";

const VERSION: &str = "v1";

/// A token proved genuine and unexpired; whose it is still has to be checked in the user store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedToken {
    pub stamp: String,
    pub expires_at: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("not a session token")]
    Malformed,
    #[error("the session's signature does not match")]
    BadSignature,
    #[error("the session has expired")]
    Expired,
}

pub struct SessionSigner {
    key: Secret,
}

impl SessionSigner {
    pub fn new(key: &Secret) -> SessionSigner {
        SessionSigner { key: key.clone() }
    }

    fn mac(&self) -> Hmac<Sha256> {
        // HMAC takes a key of any length; this never fails.
        Hmac::<Sha256>::new_from_slice(self.key.expose().as_bytes()).expect("HMAC accepts any key length")
    }

    pub fn issue(&self, stamp: &str, expires_at: u64) -> Secret {
        let payload = format!("{VERSION}.{stamp}.{expires_at}");
        let mut mac = self.mac();
        mac.update(payload.as_bytes());
        let signature: String = mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect();
        Secret::new(format!("{payload}.{signature}"))
    }

    /// Checks the signature (in constant time) and the expiry against `now` (Unix seconds).
    pub fn verify(&self, token: &str, now: u64) -> Result<VerifiedToken, TokenError> {
        let (payload, signature_hex) = token.rsplit_once('.').ok_or(TokenError::Malformed)?;
        let mut parts = payload.split('.');
        let (Some(VERSION), Some(stamp), Some(expiry), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(TokenError::Malformed);
        };
        let signature = decode_hex(signature_hex).ok_or(TokenError::Malformed)?;
        let mut mac = self.mac();
        mac.update(payload.as_bytes());
        mac.verify_slice(&signature).map_err(|_| TokenError::BadSignature)?;
        let expires_at: u64 = expiry.parse().map_err(|_| TokenError::Malformed)?;
        if expires_at <= now {
            return Err(TokenError::Expired);
        }
        Ok(VerifiedToken { stamp: stamp.to_owned(), expires_at })
    }
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| text.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok())).collect()
}

/// The `Set-Cookie` value that keeps a session inside a CRM's cross-site frame: `SameSite=None`
/// so the framed app's own requests carry it, `Partitioned` (CHIPS) so the browser keeps it in
/// the jar of the top-level site that frames it (and does not block it as a third-party
/// cookie), `Secure` as both require, and `HttpOnly` so no script, ours included, can read it.
pub fn cookie(token: &Secret, max_age_seconds: u64) -> String {
    format!(
        "{COOKIE_NAME}={}; Path=/; Max-Age={max_age_seconds}; HttpOnly; Secure; SameSite=None; Partitioned",
        token.expose()
    )
}

/// The cookie that ends the session in this browser partition.
pub fn cleared_cookie() -> String {
    format!("{COOKIE_NAME}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=None; Partitioned")
}

/// The session token in a `Cookie` header, if any.
pub fn token_from_cookies(header: &str) -> Option<&str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signer(key: &str) -> SessionSigner {
        SessionSigner::new(&Secret::new(key))
    }

    #[test]
    fn a_token_verifies_until_it_expires() {
        let token = signer("k".repeat(40).as_str()).issue("ab12", 1_000);
        let s = signer("k".repeat(40).as_str());
        assert_eq!(s.verify(token.expose(), 999), Ok(VerifiedToken { stamp: "ab12".into(), expires_at: 1_000 }));
        assert_eq!(s.verify(token.expose(), 1_000), Err(TokenError::Expired));
    }

    #[test]
    fn a_token_signed_with_another_key_or_altered_is_refused() {
        let token = signer(&"k".repeat(40)).issue("ab12", 1_000);
        assert_eq!(signer(&"x".repeat(40)).verify(token.expose(), 0), Err(TokenError::BadSignature));
        let stretched = token.expose().replace(".1000.", ".9999.");
        assert_eq!(signer(&"k".repeat(40)).verify(&stretched, 0), Err(TokenError::BadSignature));
        assert_eq!(signer(&"k".repeat(40)).verify("v1.ab12", 0), Err(TokenError::Malformed));
    }

    #[test]
    fn the_cookie_lives_in_the_frames_partition() {
        let set = cookie(&Secret::new("t"), 60);
        for attribute in ["HttpOnly", "Secure", "SameSite=None", "Partitioned", "Path=/"] {
            assert!(set.contains(attribute), "{set} lacks {attribute}");
        }
        assert_eq!(token_from_cookies(&format!("a=b; {COOKIE_NAME}=tok; c=d")), Some("tok"));
    }
}
