//! The app's split points, kept together so which code is lazy, and why, reads in one place.
//! Each is fetched the first time it is called (scripts/build-wasm). All of these are in one
//! module, `after_first_paint`: every start needs them right after the first paint, and as
//! separate split points they made wasm-split cut their shared code into a chunk for every
//! combination of them (a first start fetched 95 files; one module: 21, issue 16). Write-back
//! (`ui::app`, `ui::embedded`) and the phone library with its metadata's installer
//! (`store::phone_metadata`) are out of it, in the module fetched once the first triage is shown:
//! nothing on screen waits for them, unless a triage meets a number the fast path cannot read.
//!
//! A split function never calls another split point: on wasm its body is an exported function,
//! which the linker keeps in every build, and a build that wasm-split does not cut (the browser
//! tests') would then import the other's loader from a module that is not there. Work that
//! follows a split call (the engine's answer, the planner's) is a split point of its own.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

use jiff::Timestamp;

use super::{trace, AppError, AppState, Triaged};
use crate::engine::decision::Action;
use crate::engine::phone::PhoneNormalizer;
use crate::engine::reading_memo::ReadingMemo;
use crate::engine::triage::TriageSetup;
use crate::engine::zones::SingleZone;
use crate::engine::{Bundle, InputError};
use crate::store::idb_store::{IdbStore, StoreError, StoredState};
use crate::store::phone_metadata::once_every_number_is_read;
use crate::store::workflow::{plan_action, ActionError, ActionRecord, CallContext, CallOverlay, Intent};

/// Triage in the engine's chunk. The outer error is a failed load; the inner one the engine's
/// verdict on the bundle. The phone metadata (55 KB gzipped) is fetched only when a number needs
/// it: a bundle of North American numbers (the demo) is shown without it, and it is installed
/// in the background once the rows are on screen (`triage::triage_every_change`).
pub(super) async fn triage_lazily(
    bundle: Arc<Bundle>,
    zone: Arc<SingleZone>,
) -> Result<Result<Arc<Triaged>, InputError>, AppError> {
    trace("triage: running");
    let triaged = once_every_number_is_read(|| async {
        let answer = triage_in_chunk(bundle.clone(), zone.clone()).await;
        if answer.is_none() {
            trace("triage: a number needs the phone metadata");
        }
        answer
    })
    .await
    .map_err(AppError::PhoneMetadata)?;
    trace("triage: done");
    Ok(triaged)
}

thread_local! {
    /// The voicemails of the last bundle triaged, as they were read (`engine::reading_memo`).
    static READINGS: RefCell<ReadingMemo> = RefCell::new(ReadingMemo::default());
}

/// The engine (rules, lexicon, CRM index) is the largest part of the app's code
/// and nothing on screen needs it before the first triage: a lazy chunk. The stored queue
/// (`StoredQueue`) fills the screen meanwhile. `None`: a number was read before the phone
/// metadata was installed (a refusal too may come from that), so nothing it says can be used.
#[leptos::wasm_split::wasm_split(after_first_paint, wasm_split_path = leptos::wasm_split)]
fn triage_in_chunk(bundle: Arc<Bundle>, zone: Arc<SingleZone>) -> Option<Result<Arc<Triaged>, InputError>> {
    // The CRM index and the callers are read in the setup: a number there that needed the
    // metadata makes the run's work wasted, so it is not done.
    let setup = match TriageSetup::new_once_numbers_are_read(&bundle, zone.as_ref())? {
        Ok(setup) => setup,
        Err(refused) => return Some(Err(refused)),
    };
    // The same account is triaged again after every action and every minute: its voicemails
    // read as they were last time (a reading needs no phone metadata, so it is kept even when
    // this run is not).
    let output = READINGS.with(|memo| setup.run_remembering(&mut memo.borrow_mut()));
    if setup.read_a_number_without_metadata() {
        return None;
    }
    let phones = PhoneNormalizer::new(&bundle.config.default_country);
    Some(Ok(Arc::new(Triaged { bundle, output, read_phone: Arc::new(move |raw| phones.normalize(raw)) })))
}

/// What a start does after the first paint (the stored state parsed, or the demo seeded, or an
/// unreadable store kept, then shown: `AppState::finish_start`), and the other ways to a new
/// state (`reload`, `start_over_with_demo`), whose results wait for the engine anyway: their
/// code (the stored state's parsers, the store's whole-state write) is in this module, not in
/// the first paint's. Split functions cannot be `async` (wasm-split's rule), so each comes back
/// as a boxed future.
#[leptos::wasm_split::wasm_split(after_first_paint, wasm_split_path = leptos::wasm_split)]
pub(super) fn finish_start_in_chunk(
    state: AppState,
    store: Rc<IdbStore>,
    stored: Result<Option<StoredState>, StoreError>,
) -> InChunk<()> {
    Box::pin(state.finish_start(store, stored))
}

/// `AppState::reload`'s work (see [`finish_start_in_chunk`]).
#[leptos::wasm_split::wasm_split(after_first_paint, wasm_split_path = leptos::wasm_split)]
pub(super) fn reload_in_chunk(state: AppState) -> InChunk<()> {
    Box::pin(state.read_again())
}

/// `AppState::start_over_with_demo`'s work (see [`finish_start_in_chunk`]).
#[leptos::wasm_split::wasm_split(after_first_paint, wasm_split_path = leptos::wasm_split)]
pub(super) fn start_over_in_chunk(state: AppState) -> InChunk<()> {
    Box::pin(state.start_over())
}

/// A finished triage shown, and the queue it gives stored for the next start
/// (`AppState::show_triage`): it follows the engine's answer, which needed this module.
#[leptos::wasm_split::wasm_split(after_first_paint, wasm_split_path = leptos::wasm_split)]
pub(super) fn show_triage_in_chunk(
    state: AppState,
    result: Result<Arc<Triaged>, InputError>,
) -> Pin<Box<dyn Future<Output = ()>>> {
    Box::pin(state.show_triage(result))
}

/// A planned action stored in the log and shown (`AppState::record_action`): it follows the
/// planner's answer, which needed this module.
#[leptos::wasm_split::wasm_split(after_first_paint, wasm_split_path = leptos::wasm_split)]
pub(super) fn record_action_in_chunk(state: AppState, record: ActionRecord) -> InChunk<ActionRecord> {
    Box::pin(state.record_action(record))
}

/// Work begun in this module, run by whoever awaits it.
pub(super) type InChunk<T> = Pin<Box<dyn Future<Output = Result<T, AppError>>>>;

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
