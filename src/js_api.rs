//! The JS module in `pkg/`: `triage(bundle)` over the same JSON as the CLI.
//!
//! Built with `scripts/build` (`--no-default-features --features
//! js-api,tzdb-bundled,phone-metadata-bundled`, then `wasm-bindgen --target web`). The bundle goes through `JSON.stringify` and the engine's own
//! parser rather than serde-wasm-bindgen, so a JS caller gets exactly the CLI's validation and
//! exactly the CLI's one-line error (`calls[3].started_at: not an RFC 3339 time`), thrown as a
//! JS `Error`. Strings in, strings out is also the fastest path across the boundary for large
//! bundles: one copy each way instead of one call per field, the copy in made by the browser's
//! own encoder (`js_text`).

use js_sys::{Error, JsString, JSON};
use wasm_bindgen::prelude::*;

use crate::engine::zones::BundledZones;

// The benchmark page's exports (www/bench.html): only in its own build, never in pkg/.
#[cfg(feature = "bench")]
mod bench;
mod js_text;

#[cfg(not(feature = "tzdb-bundled"))]
compile_error!("the js-api feature needs tzdb-bundled: the JS module resolves any zone by name");

/// `triage(bundle: object) -> object`: the decisions, metrics and config warnings for a bundle.
/// Throws an `Error` whose message names the JSON path of the first bad field.
#[wasm_bindgen]
pub fn triage(bundle: JsValue) -> Result<JsValue, Error> {
    let text = JSON::stringify(&bundle)
        .ok()
        .filter(|text| !JsValue::from(text).is_undefined())
        .ok_or_else(|| Error::new("$: not a JSON value (the bundle cannot be passed through JSON.stringify)"))?;
    let output = triage_json(&text)?;
    JSON::parse(&output).map_err(|_| Error::new("$: the engine's output is not JSON (a bug: please report it)"))
}

/// `triageJson(text: string) -> string`: the same over JSON text, for hosts that already hold
/// the bundle as text (a file upload, a fetch body) and want to avoid a parse/stringify round trip.
#[wasm_bindgen(js_name = triageJson)]
pub fn triage_json(text: &JsString) -> Result<String, Error> {
    let text = js_text::string_from_js(text);
    crate::engine::triage_json(&text, &BundledZones).map_err(|e| Error::new(&e.to_string()))
}

/// `version() -> string`: the crate version that built this module.
#[wasm_bindgen]
pub fn version() -> JsString {
    JsString::from(env!("CARGO_PKG_VERSION"))
}
