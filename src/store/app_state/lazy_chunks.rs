//! The app's split points, kept together so which code is lazy, and why, reads in one place.
//! Each is fetched the first time it is called (scripts/build-wasm). All of these are in one
//! module, `after_first_paint`, with the write-back starters (`ui::app`, `ui::embedded`) and the
//! phone metadata's installer: every start needs them right after the first paint, and as separate
//! split points they made wasm-split cut their shared code into a chunk for every combination of
//! them (a first start fetched 95 files; one module: 21, issue 16).

use std::collections::HashMap;
use std::sync::Arc;

use jiff::Timestamp;

use super::{trace, AppError, Triaged};
use crate::engine::decision::Action;
use crate::engine::phone::PhoneNormalizer;
use crate::engine::triage::TriageSetup;
use crate::engine::zones::SingleZone;
use crate::engine::{Bundle, InputError};
use crate::store::idb_store::{parse_outbox, parse_stored, Snapshot, StoreError, StoredState};
use crate::store::outbox::OutboxEntry;
use crate::store::phone_metadata::ensure_phone_metadata;
use crate::store::workflow::{plan_action, ActionError, ActionRecord, CallContext, CallOverlay, Intent};

/// Triage in the engine's chunk, fetched with the phone metadata the first time. The outer
/// error is a failed load; the inner one the engine's verdict on the bundle.
pub(super) async fn triage_lazily(
    bundle: Arc<Bundle>,
    zone: Arc<SingleZone>,
) -> Result<Result<Arc<Triaged>, InputError>, AppError> {
    ensure_phone_metadata().await.map_err(AppError::PhoneMetadata)?;
    trace("triage: running");
    let result = triage_in_chunk(bundle, zone).await;
    trace("triage: done");
    Ok(result)
}

/// The engine (rules, lexicon, CRM index, phone library) is the largest part of the app's code
/// and nothing on screen needs it before the first triage: a lazy chunk. The stored queue
/// (`StoredQueue`) fills the screen meanwhile.
#[leptos::wasm_split::wasm_split(after_first_paint, wasm_split_path = leptos::wasm_split)]
fn triage_in_chunk(bundle: Arc<Bundle>, zone: Arc<SingleZone>) -> Result<Arc<Triaged>, InputError> {
    let output = TriageSetup::new(&bundle, zone.as_ref())?.run();
    let phones = PhoneNormalizer::new(&bundle.config.default_country);
    Ok(Arc::new(Triaged { bundle, output, read_phone: Arc::new(move |raw| phones.normalize(raw)) }))
}

/// Reading the outbox's entries (their types, their JSON) is write-back's business: a lazy chunk.
#[leptos::wasm_split::wasm_split(after_first_paint, wasm_split_path = leptos::wasm_split)]
pub(super) fn parse_outbox_in_chunk(texts: Vec<String>) -> Result<Vec<OutboxEntry>, StoreError> {
    parse_outbox(&texts)
}

/// The demo generator is only needed on a first start or a reset: a lazy chunk, which also
/// serializes the demo for IndexedDB (bundle serialization is otherwise only needed by chunks).
#[leptos::wasm_split::wasm_split(after_first_paint, wasm_split_path = leptos::wasm_split)]
pub(super) fn generate_demo(now: Timestamp) -> Result<(Bundle, String), StoreError> {
    let bundle = crate::demo::demo_bundle(now);
    let json = serde_json::to_string(&bundle).map_err(|e| StoreError::Write(e.to_string()))?;
    Ok((bundle, json))
}

/// Parsing the stored bundle and action log (their types' Deserialize, RFC 3339 and float
/// parsing) is a chunk of its own: the stored queue paints without it.
#[leptos::wasm_split::wasm_split(after_first_paint, wasm_split_path = leptos::wasm_split)]
pub(super) fn parse_stored_in_chunk(stored: StoredState) -> Result<Snapshot, StoreError> {
    parse_stored(stored)
}

/// What planning one action needs, owned, to cross into its chunk.
pub(super) struct PlanRequest {
    pub triaged: Arc<Triaged>,
    pub overlays: Arc<HashMap<String, CallOverlay>>,
    pub actions: Arc<Vec<ActionRecord>>,
    pub call_id: String,
    pub intent: Intent,
    pub who: String,
    pub when: Timestamp,
}

/// Planning an action (the workflow's rules and the record they write) is needed once a person
/// acts, which waits for a triage anyway: a lazy chunk, out of the first paint's module.
#[leptos::wasm_split::wasm_split(after_first_paint, wasm_split_path = leptos::wasm_split)]
pub(super) fn plan_in_chunk(request: PlanRequest) -> Result<ActionRecord, ActionError> {
    let PlanRequest { triaged, overlays, actions, call_id, intent, who, when } = request;
    let decision = triaged
        .output
        .decisions
        .iter()
        .find(|d| d.call_id == call_id && d.action != Action::None)
        .ok_or_else(|| ActionError::UnknownCall(call_id.clone()))?;
    let context = CallContext { bundle: &triaged.bundle, decision, overlay: overlays.get(&call_id), actions: &actions };
    plan_action(&context, intent, &who, when)
}
