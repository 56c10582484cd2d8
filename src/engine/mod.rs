//! The triage engine: pure decision rules over one bundle (see `contract/TRIAGE.md`).
//!
//! No I/O, no clock, no web types: the same bundle gives the same output natively and in
//! WebAssembly. Time zones come in through a `ZoneSource`; "now" comes in the bundle.

pub mod bundle;
pub mod business_time;
pub mod category_model;
pub mod charts;
mod concepts;
pub mod consent;
mod cores;
pub mod crm_index;
pub mod danger_model;
pub mod decision;
pub mod embed_protocol;
mod guards;
mod harmless;
pub mod input_error;
mod learned_table;
pub mod lexicon;
pub mod location;
pub mod metrics;
pub mod phone;
pub mod phrases;
pub mod readiness;
pub mod reading_memo;
pub mod record_lookup;
pub mod report_data;
pub mod report_text;
pub mod rfc3339;
pub mod routing;
pub mod serde_name;
mod spoken;
pub mod summary;
pub mod transcript;
pub mod triage;
pub mod urgency;
pub mod zones;

pub use bundle::Bundle;
pub use decision::TriageOutput;
pub use input_error::{parse_bundle, parse_trusted_bundle, InputError};
pub use triage::triage;
pub use zones::ZoneSource;

/// JSON in, JSON out: what the CLI and the JS module expose.
pub fn triage_json(json: &str, zones: &dyn ZoneSource) -> Result<String, InputError> {
    let bundle = parse_bundle(json)?;
    let output = triage(&bundle, zones)?;
    Ok(serde_json::to_string(&output).expect("the output types always serialize"))
}
