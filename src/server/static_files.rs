//! The built app from `dist/`: caching by name, the single-page fallback and the CSP.
//!
//! Files are sent as the build precompressed them (`FILE.br` at brotli 11, `FILE.gz` at gzip -9,
//! written by `scripts/precompress`) when the browser accepts that encoding; only a file without
//! them is compressed on the fly by the router's compression layer, at the quality a request can
//! afford (brotli 4), which for the app's wasm is ~20% more bytes.
//!
//! A file whose name carries Trunk's content hash (`app-1689cefec6bc7e21.css`) never changes, so
//! browsers may keep it for a year; anything else (`index.html`, `app.js`, the wasm chunks, whose
//! names stay the same from build to build, `sidebar/`) is revalidated on
//! every load (`no-cache` with `Last-Modified`), so a new build shows at the next reload. A path
//! without a file extension that names no file is a route of the app and gets its
//! `index.html` (the router has no hash mode); `/sidebar/…` gets the sidebar's. HTML pages carry
//! a `Content-Security-Policy` whose `frame-ancestors` lists the configured CRM origins, and
//! whose `script-src` allows the pages' own inline scripts by their hashes and nothing inline else.

use std::path::Path;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::handler::HandlerWithoutStateExt;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use sha2::{Digest, Sha256};
use tower_http::services::ServeDir;

use super::AppState;
use crate::connectors::http::base64;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// `dist/` as a router: the files that exist, else the app's page for a route of the app.
pub fn router(state: Arc<AppState>) -> Router {
    let dist = state.config.dist.clone();
    let fallback = move |uri: Uri| {
        let dist = dist.clone();
        async move { single_page_fallback(&dist, uri.path()).await }
    };
    let files = ServeDir::new(&state.config.dist)
        .append_index_html_on_directories(true)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(fallback.into_service());
    Router::new().fallback_service(files).layer(middleware::from_fn_with_state(state, decorate))
}

async fn single_page_fallback(dist: &Path, path: &str) -> Response {
    let last = path.rsplit('/').next().unwrap_or("");
    if last.contains('.') || path.starts_with("/api/") {
        return (StatusCode::NOT_FOUND, "not found\n").into_response();
    }
    let sidebar = dist.join("sidebar/index.html");
    let page = if path.starts_with("/sidebar/") && sidebar.is_file() { sidebar } else { dist.join("index.html") };
    match tokio::fs::read(&page).await {
        Ok(bytes) => ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], bytes).into_response(),
        Err(_) => (StatusCode::NOT_FOUND, "not found\n").into_response(),
    }
}

/// Caching by name, and the CSP and hardening headers on pages.
async fn decorate(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let immutable = has_content_hash(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let is_html =
        headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|t| t.starts_with("text/html"));
    let cache = if immutable && !is_html { IMMUTABLE } else { REVALIDATE };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    if is_html {
        headers.insert(header::CONTENT_SECURITY_POLICY, state.csp.clone());
    }
    response
}

/// Whether the file name carries a content hash as Trunk writes one: `-` and 16 or more hex
/// digits (`app-1689cefec6bc7e21.css`, `app-…_bg.wasm`). wasm-split's `split_triage_in_chunk_
/// 6901620778587307311.wasm` is not one: its number comes from the function's name, so the
/// same name holds new code after a new build and must be revalidated.
pub fn has_content_hash(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    name.split('-').skip(1).any(|part| {
        let hash = part.split(['.', '_']).next().unwrap_or("");
        hash.len() >= 16 && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// The policy for the app's pages. Inline scripts of the built pages are allowed by hash, so a
/// script injected into a page would not run.
/// `frame-src` names `public_origin` as well as `'self'`: the mock CRM page (`host.html`), opened
/// on another of the server's names, frames the app by its public address, as a CRM would.
pub fn content_security_policy(
    dist: &Path,
    public_origin: &str,
    crm_origins: &[String],
) -> Result<HeaderValue, String> {
    let mut hashes = Vec::new();
    for folder in [dist.to_path_buf(), dist.join("sidebar")] {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        let mut pages: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .collect();
        pages.sort();
        for page in pages {
            let html = std::fs::read_to_string(&page).map_err(|e| format!("cannot read {}: {e}", page.display()))?;
            for script in inline_scripts(&html) {
                let hash = format!("'sha256-{}'", base64(&Sha256::digest(script.as_bytes())));
                if !hashes.contains(&hash) {
                    hashes.push(hash);
                }
            }
        }
    }
    let ancestors =
        std::iter::once("'self'".to_owned()).chain(crm_origins.iter().cloned()).collect::<Vec<_>>().join(" ");
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data:; connect-src 'self'; frame-src 'self' {public_origin}; object-src 'none'; \
         base-uri 'self'; form-action 'self'; frame-ancestors {ancestors}",
        hashes.join(" ")
    );
    HeaderValue::from_str(&policy).map_err(|_| "a CRM origin holds characters a header cannot".to_owned())
}

/// The text of each `<script>` without a `src`, exactly as the browser hashes it.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else { break };
        let tag = &after[..open_end];
        let body_and_rest = &after[open_end + 1..];
        let Some(close) = body_and_rest.find("</script>") else { break };
        if !tag.contains(" src=") {
            scripts.push(&body_and_rest[..close]);
        }
        rest = &body_and_rest[close..];
    }
    scripts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_told_from_plain_ones() {
        assert!(has_content_hash("/app-3f9a0c1d2e3f4a5b_bg.wasm"));
        assert!(has_content_hash("/app-1689cefec6bc7e21.css"));
        assert!(!has_content_hash("/split_triage_in_chunk_6901620778587307311.wasm"));
        assert!(!has_content_hash("/app.js") && !has_content_hash("/index.html") && !has_content_hash("/sidebar/"));
    }

    #[test]
    fn inline_scripts_are_found_and_external_ones_skipped() {
        let html =
            "<script>a()</script><script type=\"module\" src=\"/x.js\"></script><script type=\"module\">b()</script>";
        assert_eq!(inline_scripts(html), ["a()", "b()"]);
    }
}
