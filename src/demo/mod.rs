//! The built-in demo (being written): a realistic two weeks of a home-services business.

use jiff::Timestamp;

use crate::engine::Bundle;

/// The demo bundle whose two weeks end at `now`.
pub fn demo_bundle(now: Timestamp) -> Bundle {
    let json = serde_json::json!({
        "now": now.to_string(),
        "config": {"timezone": "America/Chicago"},
        "calls": []
    });
    crate::engine::parse_bundle(&json.to_string()).expect("the demo bundle is valid")
}
