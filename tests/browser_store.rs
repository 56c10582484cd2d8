//! The app's store in headless Chromium: IndexedDB persistence round trip, a bad import leaves
//! the old state whole, two tabs logging the same action store it once, and the outbox: a
//! write queued twice is kept once, only one of two tabs claims it, and its state survives;
//! the stored queue (shown while the engine's chunk loads) is only read back while it matches.
//!
//! CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=60 \
//!   cargo test --target wasm32-unknown-unknown --no-default-features --features app --test browser_store
#![cfg(all(target_arch = "wasm32", feature = "app"))]

use callback_clock::connectors::ConnectorError;
use callback_clock::demo::demo_bundle;
use callback_clock::engine::triage::TriageSetup;
use callback_clock::engine::{Bundle, ZoneSource};
use callback_clock::store::exchange::{accept, parse_import};
use callback_clock::store::idb_store::import_into;
use callback_clock::store::idb_store::StoreWatcher;
use callback_clock::store::outbox::{OutboxEntry, OutboxStatus, WriteIntent};
use callback_clock::store::workflow::{overlays, plan_action, whens_to_bring_to_rfc_3339, work_items, CallContext};
use callback_clock::store::{ClockMode, DataOrigin, IdbStore, Intent, StoreError, StoreMeta, StoredQueue};
use jiff::tz::{offset, TimeZone};
use jiff::Timestamp;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Every zone name resolves to UTC-6 (Chicago in winter): the tests need no TZif file.
struct FixedZones;

impl ZoneSource for FixedZones {
    fn zone(&self, _name: &str) -> Option<TimeZone> {
        Some(TimeZone::fixed(offset(-6)))
    }
}

fn now() -> Timestamp {
    "2026-11-24T22:00:00Z".parse().unwrap()
}

fn unique_db(name: &str) -> String {
    format!("test-{name}-{}", js_sys::Math::random())
}

fn demo_meta() -> StoreMeta {
    StoreMeta {
        clock: ClockMode::Live,
        origin: DataOrigin::Demo,
        embed_origins: vec!["https://crm.example".into()],
        ..Default::default()
    }
}

/// The demo, and a callback attempt on its first call that is a work item.
fn demo_and_an_attempt() -> (Bundle, callback_clock::store::workflow::ActionRecord) {
    let base = demo_bundle(now());
    let output = TriageSetup::new(&base, &FixedZones).unwrap().run();
    let decision =
        output.decisions.iter().find(|d| d.action != callback_clock::engine::decision::Action::None).unwrap();
    let context = CallContext { bundle: &base, decision, overlay: None, actions: &[] };
    let action = plan_action(&context, Intent::CallbackAttempt, "o_desk", now()).unwrap();
    (base, action)
}

/// The snapshot is the demo `base`, with `action` its only action and the demo's meta.
fn assert_holds(
    snapshot: &callback_clock::store::Snapshot,
    base: &Bundle,
    action: callback_clock::store::ActionRecord,
) {
    assert_eq!(as_json(&snapshot.base), as_json(base));
    assert_eq!(snapshot.actions, vec![action]);
    assert_eq!(snapshot.meta, demo_meta());
}

fn as_json(bundle: &Bundle) -> String {
    serde_json::to_string(bundle).unwrap()
}

#[wasm_bindgen_test]
async fn state_survives_closing_and_reopening_the_database() {
    let name = unique_db("roundtrip");
    let (base, action) = demo_and_an_attempt();

    let store = IdbStore::open(&name).await.unwrap();
    assert!(store.load().await.unwrap().is_none(), "a new database is empty");
    store.replace(&base, &[], &demo_meta()).await.unwrap();
    store.append(&action).await.unwrap();
    store.close();

    let reopened = IdbStore::open(&name).await.unwrap();
    let snapshot = reopened.load().await.unwrap().expect("the state was stored");
    assert_holds(&snapshot, &base, action);
}

#[wasm_bindgen_test]
async fn a_bad_import_leaves_the_old_state_untouched() {
    let name = unique_db("bad-import");
    let base = demo_bundle(now());
    let store = IdbStore::open(&name).await.unwrap();
    store.replace(&base, &[], &demo_meta()).await.unwrap();

    // Not JSON, and JSON with a bad field: refused by the parser, with the path.
    assert!(parse_import("{ not json").is_err());
    let bad_time = r#"{"now": "yesterday", "config": {"timezone": "America/Chicago"}, "calls": []}"#;
    assert_eq!(parse_import(bad_time).unwrap_err().path, "now");

    // Parses, but names an owner that does not exist: refused by the engine's checks.
    let dangling = r#"{"now": "2026-11-24T16:00:00-06:00",
        "config": {"timezone": "America/Chicago", "routing": {"default_owner": "nobody"}},
        "calls": [{"id": "X1", "from": "+13125550100", "to": "+13125550199",
                   "started_at": "2026-11-24T15:00:00-06:00", "status": "no-answer"}]}"#;
    let imported = parse_import(dangling).expect("the JSON shape is fine");
    let refused = accept(imported, &FixedZones).expect("the metadata is compiled in");
    assert_eq!(refused.err().map(|e| e.path).as_deref(), Some("config.routing.default_owner"));

    let snapshot = store.load().await.unwrap().unwrap();
    assert_eq!(as_json(&snapshot.base), as_json(&base), "the demo is still there, whole");
    assert_eq!(snapshot.meta, demo_meta());

    // A good import replaces everything at once.
    let good = dangling.replace(r#""routing": {"default_owner": "nobody"}"#, r#""owners": [{"id": "a", "name": "A"}]"#);
    let imported = parse_import(&good).unwrap();
    let meta = StoreMeta {
        clock: ClockMode::AsOfBundle,
        origin: DataOrigin::Import,
        embed_origins: vec![],
        ..Default::default()
    };
    let accepted = accept(imported, &FixedZones).unwrap().unwrap();
    import_into(&store, accepted, meta.clone()).await.unwrap();
    let snapshot = store.load().await.unwrap().unwrap();
    assert_eq!(snapshot.base.calls.len(), 1);
    assert_eq!(snapshot.meta, meta);
}

#[wasm_bindgen_test]
async fn a_sync_keeps_the_actions_and_settings_another_tab_saved_meanwhile() {
    let name = unique_db("sync-keeps-actions");
    let base = demo_bundle(now());
    let output = TriageSetup::new(&base, &FixedZones).unwrap().run();
    let decision =
        output.decisions.iter().find(|d| d.action != callback_clock::engine::decision::Action::None).unwrap();
    let synced_meta = StoreMeta { origin: DataOrigin::Sync, ..demo_meta() };
    let syncing_tab = IdbStore::open(&name).await.unwrap();
    syncing_tab.replace(&base, &[], &synced_meta).await.unwrap();
    // The sync starts from what it read here; meanwhile the sidebar logs an attempt and the
    // admin, in another tab, renames an owner and allows another embedding origin.
    let mut read_by_sync = base.clone();
    let other_tab = IdbStore::open(&name).await.unwrap();
    let context = CallContext { bundle: &base, decision, overlay: None, actions: &[] };
    let attempt = plan_action(&context, Intent::CallbackAttempt, "o_desk", now()).unwrap();
    other_tab.append(&attempt).await.unwrap();
    let mut renamed = base.clone();
    renamed.config.owners[0].name = "Renamed meanwhile".into();
    other_tab.put_bundle(&renamed).await.unwrap();
    other_tab
        .put_meta(&StoreMeta {
            embed_origins: vec!["https://crm.example".into(), "https://app.hubspot.com".into()],
            ..synced_meta
        })
        .await
        .unwrap();

    read_by_sync.calls.truncate(3);
    syncing_tab.put_synced(&read_by_sync, |meta| StoreMeta { clock: ClockMode::Live, ..meta }).await.unwrap();

    let stored = syncing_tab.load().await.unwrap().unwrap();
    assert_eq!(stored.base.calls.len(), 3, "the synced records were stored");
    assert_eq!(stored.actions, vec![attempt], "the attempt logged during the sync is kept");
    assert_eq!(stored.base.config.owners[0].name, "Renamed meanwhile", "the settings saved meanwhile are kept");
    assert_eq!(stored.meta.embed_origins.len(), 2, "the allowed origins saved meanwhile are kept");
}

/// Records what the store told its user about other tabs.
#[derive(Default)]
struct SeenByTab {
    closed_for_newer: std::cell::Cell<bool>,
}

impl StoreWatcher for SeenByTab {
    fn blocked_by_an_older_tab(&self) {}

    fn closed_for_a_newer_version(&self) {
        self.closed_for_newer.set(true);
    }
}

#[wasm_bindgen_test]
async fn a_newer_tabs_upgrade_closes_this_tabs_store_instead_of_waiting_on_it() {
    let name = unique_db("versionchange");
    let seen = std::rc::Rc::new(SeenByTab::default());
    let this_tab = IdbStore::open_watched(&name, Some(seen.clone())).await.unwrap();
    this_tab.replace(&demo_bundle(now()), &[], &demo_meta()).await.unwrap();
    // A newer version of the app in another tab opens the same database at a higher version:
    // it only gets through once this tab's connection has closed.
    let factory = idb::Factory::new().unwrap();
    let newer = factory.open(&name, Some(99)).unwrap().await.expect("the upgrade was not blocked");
    assert!(seen.closed_for_newer.get(), "this tab was told to reload");
    newer.close();
}

#[wasm_bindgen_test]
async fn two_tabs_logging_the_same_action_store_it_once() {
    let name = unique_db("two-tabs");
    let base = demo_bundle(now());
    let output = TriageSetup::new(&base, &FixedZones).unwrap().run();
    let decision =
        output.decisions.iter().find(|d| d.action != callback_clock::engine::decision::Action::None).unwrap();

    // Two tabs: two connections to one database, each with the same view of the call.
    let tab_a = IdbStore::open(&name).await.unwrap();
    tab_a.replace(&base, &[], &demo_meta()).await.unwrap();
    let tab_b = IdbStore::open(&name).await.unwrap();
    let seen_by_both = tab_b.load().await.unwrap().unwrap();
    let plan = |who: &str| {
        let context = CallContext { bundle: &seen_by_both.base, decision, overlay: None, actions: &[] };
        plan_action(
            &context,
            Intent::Disposition { outcome: callback_clock::engine::bundle::Outcome::Booked },
            who,
            now(),
        )
        .unwrap()
    };
    let (from_a, from_b) = (plan("o_desk"), plan("o_marco"));
    assert_eq!(from_a.id, from_b.id, "the same intent from the same view has the same id");

    let (a, b) = futures_join(tab_a.append(&from_a), tab_b.append(&from_b)).await;
    let stored = [a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count();
    assert_eq!(stored, 1, "exactly one tab's write lands: {a:?} {b:?}");
    assert!(matches!(a.err().or(b.err()), Some(StoreError::AlreadyLogged(_))));

    let log = tab_a.load().await.unwrap().unwrap().actions;
    assert_eq!(log.len(), 1);
    // After reloading, the next action gets the next id, so it is not refused.
    let overlay = overlays(&log, &Default::default());
    let context = CallContext { bundle: &base, decision, overlay: overlay.get(&decision.call_id), actions: &log };
    let next = plan_action(&context, Intent::CallbackAttempt, "o_desk", now()).unwrap();
    assert_ne!(next.id, log[0].id);
    tab_b.append(&next).await.unwrap();
    assert_eq!(tab_a.load().await.unwrap().unwrap().actions.len(), 2);
}

fn task_entry(call_id: &str) -> OutboxEntry {
    OutboxEntry::new(WriteIntent::CallbackTask { call_id: call_id.into() }, 1_000)
}

#[wasm_bindgen_test]
async fn a_write_queued_twice_is_kept_once() {
    let store = IdbStore::open(&unique_db("enqueue")).await.unwrap();
    assert_eq!(store.enqueue(&[task_entry("c1"), task_entry("c2")]).await.unwrap(), 2);
    assert_eq!(store.enqueue(&[task_entry("c1")]).await.unwrap(), 0);
    assert_eq!(store.outbox().await.unwrap().len(), 2);
}

#[wasm_bindgen_test]
async fn of_two_tabs_only_one_claims_a_write() {
    let name = unique_db("claims");
    let tab_a = IdbStore::open(&name).await.unwrap();
    let tab_b = IdbStore::open(&name).await.unwrap();
    tab_a.enqueue(&[task_entry("c1")]).await.unwrap();
    let (a, b) = futures_join(tab_a.claim("task:c1", "tab-a", 2_000), tab_b.claim("task:c1", "tab-b", 2_000)).await;
    let claims = [a.unwrap(), b.unwrap()];
    assert_eq!(claims.iter().filter(|c| c.is_some()).count(), 1, "exactly one tab holds it: {claims:?}");
}

#[wasm_bindgen_test]
async fn a_failed_write_and_its_next_try_survive_a_reload() {
    let name = unique_db("outbox-reload");
    let store = IdbStore::open(&name).await.unwrap();
    store.enqueue(&[task_entry("c1")]).await.unwrap();
    let claimed = store.claim("task:c1", "tab-a", 2_000).await.unwrap().unwrap();
    let error = ConnectorError::Server { service: "HubSpot", status: 503 };
    store.put_entry(&claimed.failed(&error, 3_000)).await.unwrap();
    store.close();

    let reopened = IdbStore::open(&name).await.unwrap();
    let entries = reopened.outbox().await.unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].status, OutboxStatus::Pending);
    assert_eq!(entries[0].attempts, 1);
    assert!(entries[0].next_try_ms > 3_000);
    assert!(entries[0].last_error.as_deref().is_some_and(|e| e.contains("503")));
}

/// Errors thrown into the page (not into a test's future) from now on, read by `uncaught`.
fn record_uncaught_errors() {
    js_sys::Function::new_no_args(
        "self.ccUncaught = []; self.addEventListener('error', (e) => self.ccUncaught.push(String(e.message)));",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap();
}

fn uncaught() -> String {
    js_sys::eval("self.ccUncaught.join('\\n')").unwrap().as_string().unwrap_or_default()
}

/// A few browser tasks: IndexedDB's `abort` follows a failed request's `error` in a later task.
async fn a_few_tasks_later() {
    let later = js_sys::Function::new_no_args("return new Promise((done) => setTimeout(done, 100));");
    let promise: js_sys::Promise = later.call0(&wasm_bindgen::JsValue::NULL).unwrap().into();
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_refused_append_throws_nothing_into_the_page_when_its_transaction_aborts() {
    record_uncaught_errors();
    let store = IdbStore::open(&unique_db("refused-append")).await.unwrap();
    let (base, action) = demo_and_an_attempt();
    store.replace(&base, &[], &demo_meta()).await.unwrap();
    store.append(&action).await.unwrap();
    assert!(matches!(store.append(&action).await, Err(StoreError::AlreadyLogged(_))));
    a_few_tasks_later().await;
    assert_eq!(uncaught(), "", "the aborted transaction's handlers were gone when it fired");
    assert_eq!(store.load().await.unwrap().unwrap().actions.len(), 1);
}

/// Runs two futures concurrently on the single browser thread.
async fn futures_join<A: std::future::Future, B: std::future::Future>(a: A, b: B) -> (A::Output, B::Output) {
    use std::pin::pin;
    use std::task::Poll;
    let (mut a, mut b) = (pin!(a), pin!(b));
    let (mut out_a, mut out_b) = (None, None);
    std::future::poll_fn(move |cx| {
        if out_a.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(cx) {
                out_a = Some(v);
            }
        }
        if out_b.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(cx) {
                out_b = Some(v);
            }
        }
        if out_a.is_some() && out_b.is_some() {
            Poll::Ready((out_a.take().unwrap(), out_b.take().unwrap()))
        } else {
            Poll::Pending
        }
    })
    .await
}

/// The demo stored, and its queue as triage gives it.
async fn store_with_queue(name: &str) -> (IdbStore, Bundle, StoredQueue) {
    let base = demo_bundle(now());
    let output = TriageSetup::new(&base, &FixedZones).unwrap().run();
    let queue = StoredQueue {
        actions: 0,
        timezone: base.config.timezone.clone(),
        owners: base.config.owners.clone(),
        sources: base.config.sources.iter().map(|s| s.name.clone()).collect(),
        items: work_items(&base, &output, &Default::default()),
    };
    let store = IdbStore::open(name).await.unwrap();
    store.replace(&base, &[], &demo_meta()).await.unwrap();
    store.put_queue(&queue).await.unwrap();
    (store, base, queue)
}

#[wasm_bindgen_test]
async fn the_stored_queue_comes_back_with_the_state_it_was_triaged_from() {
    let name = unique_db("queue");
    let (store, _, queue) = store_with_queue(&name).await;
    store.close();
    let snapshot = IdbStore::open(&name).await.unwrap().load().await.unwrap().unwrap();
    assert!(!queue.items.is_empty());
    assert_eq!(snapshot.queue, Some(queue));
}

#[wasm_bindgen_test]
async fn a_stored_queue_behind_the_action_log_is_not_shown() {
    let (store, base, _) = store_with_queue(&unique_db("queue-behind")).await;
    let output = TriageSetup::new(&base, &FixedZones).unwrap().run();
    let decision =
        output.decisions.iter().find(|d| d.action != callback_clock::engine::decision::Action::None).unwrap();
    let context = CallContext { bundle: &base, decision, overlay: None, actions: &[] };
    store.append(&plan_action(&context, Intent::CallbackAttempt, "o_desk", now()).unwrap()).await.unwrap();
    assert_eq!(store.load().await.unwrap().unwrap().queue, None);
}

#[wasm_bindgen_test]
async fn a_settings_save_drops_the_stored_queue() {
    let (store, base, _) = store_with_queue(&unique_db("queue-bundle")).await;
    store.put_bundle(&base).await.unwrap();
    assert_eq!(store.load().await.unwrap().unwrap().queue, None);
}

#[wasm_bindgen_test]
async fn replacing_the_state_drops_the_stored_queue() {
    let (store, base, _) = store_with_queue(&unique_db("queue-replace")).await;
    store.replace(&base, &[], &demo_meta()).await.unwrap();
    assert_eq!(store.load().await.unwrap().unwrap().queue, None, "an import, a sync or a reset");
}

// The page-memory store (a cross-site frame whose browser refuses IndexedDB) keeps the same
// promises within the page: what is written reads back, a logged action is refused a second
// time, a queued write is kept once, and a new bundle drops the stored queue.

#[wasm_bindgen_test]
async fn the_memory_store_reads_back_what_it_was_given() {
    let store = IdbStore::in_memory();
    assert_eq!(store.persistence(), callback_clock::store::Persistence::PageOnly);
    let (base, action) = demo_and_an_attempt();
    assert!(store.load().await.unwrap().is_none(), "empty at first");
    store.replace(&base, &[], &demo_meta()).await.unwrap();
    store.append(&action).await.unwrap();
    assert!(matches!(store.append(&action).await, Err(StoreError::AlreadyLogged(_))));
    let snapshot = store.load().await.unwrap().expect("stored");
    assert_holds(&snapshot, &base, action);
}

#[wasm_bindgen_test]
async fn the_memory_store_keeps_a_queued_write_once_and_claims_it_once() {
    let store = IdbStore::in_memory();
    assert_eq!(store.enqueue(&[task_entry("c1"), task_entry("c2")]).await.unwrap(), 2);
    assert_eq!(store.enqueue(&[task_entry("c1")]).await.unwrap(), 0);
    assert!(store.claim("task:c1", "tab-a", 2_000).await.unwrap().is_some());
    assert!(store.claim("task:c1", "tab-b", 2_001).await.unwrap().is_none(), "claimed already");
    assert_eq!(store.outbox().await.unwrap().len(), 2);
}

#[wasm_bindgen_test]
async fn the_memory_store_drops_its_stored_queue_with_a_new_bundle() {
    let store = IdbStore::in_memory();
    let base = demo_bundle(now());
    let output = TriageSetup::new(&base, &FixedZones).unwrap().run();
    let queue = StoredQueue {
        actions: 0,
        timezone: base.config.timezone.clone(),
        owners: base.config.owners.clone(),
        sources: base.config.sources.iter().map(|s| s.name.clone()).collect(),
        items: work_items(&base, &output, &Default::default()),
    };
    store.replace(&base, &[], &demo_meta()).await.unwrap();
    store.put_queue(&queue).await.unwrap();
    assert_eq!(store.load().await.unwrap().unwrap().queue, Some(queue));
    store.put_bundle(&base).await.unwrap();
    assert_eq!(store.load().await.unwrap().unwrap().queue, None);
}

/// The demo with one callback attempt logged at `when`, stored in `store`.
async fn stored_with_an_attempt_at(store: &IdbStore, when: &str) {
    let (base, mut action) = demo_and_an_attempt();
    action.when = when.into();
    store.replace(&base, &[action], &demo_meta()).await.unwrap();
}

async fn logged_whens(store: &IdbStore) -> Vec<String> {
    store.load().await.unwrap().unwrap().actions.into_iter().map(|a| a.when).collect()
}

#[wasm_bindgen_test]
async fn a_time_an_earlier_version_stored_as_it_came_is_rewritten_as_rfc_3339() {
    let store = IdbStore::open(&unique_db("legacy-when")).await.unwrap();
    stored_with_an_attempt_at(&store, "2026-11-24T15:30-06:00").await;
    let whens = whens_to_bring_to_rfc_3339(&store.load().await.unwrap().unwrap().actions);
    store.rewrite_whens(&whens).await.unwrap();
    assert_eq!(logged_whens(&store).await, ["2026-11-24T21:30:00Z"]);
}

#[wasm_bindgen_test]
async fn a_time_another_tab_changed_meanwhile_is_left_as_that_tab_wrote_it() {
    let store = IdbStore::open(&unique_db("legacy-when-raced")).await.unwrap();
    stored_with_an_attempt_at(&store, "2026-11-24T15:30-06:00").await;
    let whens = whens_to_bring_to_rfc_3339(&store.load().await.unwrap().unwrap().actions);
    stored_with_an_attempt_at(&store, "2026-11-24T16:00:00Z").await;
    store.rewrite_whens(&whens).await.unwrap();
    assert_eq!(logged_whens(&store).await, ["2026-11-24T16:00:00Z"]);
}

#[wasm_bindgen_test]
async fn the_memory_store_rewrites_a_time_stored_as_it_came() {
    let store = IdbStore::in_memory();
    stored_with_an_attempt_at(&store, "2026-11-24T15:30-06:00").await;
    let whens = whens_to_bring_to_rfc_3339(&store.load().await.unwrap().unwrap().actions);
    store.rewrite_whens(&whens).await.unwrap();
    assert_eq!(logged_whens(&store).await, ["2026-11-24T21:30:00Z"]);
}
