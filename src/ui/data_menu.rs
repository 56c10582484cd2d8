//! The top bar's data menu: import a bundle or state file, export state / tasks / metrics,
//! reset to the demo. It only reads the state's signals and calls its intents. An import or a
//! reset asks first and, when the store holds real work, downloads a state export before it.
//!
//! What the items run (the JSON parser with paths, the CSV and JSON writers) is a lazy chunk:
//! the menu is on every page, but nobody imports or exports before the queue shows.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::store::exchange::{metrics_csv, metrics_json, parse_import, state_json, tasks_csv};
use crate::store::{use_app_state, AppState, NoticeKind};
use crate::ui::download::download_text;

/// A data-menu item, run in the lazily loaded chunk.
enum DataMenuItem {
    Import(String),
    ResetToDemo,
    ExportState,
    ExportTasks,
    ExportMetricsCsv,
    ExportMetricsJson,
}

#[lazy]
fn run_data_menu_item(state: AppState, item: DataMenuItem) {
    let metrics = || state.triage.get_untracked().and_then(|t| t.ok()).map(|t| t.output.metrics.clone());
    match item {
        DataMenuItem::Import(text) => match parse_import(&text) {
            Ok(imported) => {
                let calls = imported.bundle.calls.len();
                if confirm_replacing(
                    state,
                    &format!("Replace everything stored in this browser with this file ({calls} calls)?"),
                ) {
                    state.import(imported);
                }
            }
            Err(error) => state.say(NoticeKind::Error, format!("Not imported: {error}. Nothing was changed.")),
        },
        DataMenuItem::ResetToDemo => {
            if confirm_replacing(state, "Replace everything stored in this browser with the demo data?") {
                state.reset_to_demo();
            }
        }
        DataMenuItem::ExportState => export_state(state),
        DataMenuItem::ExportTasks => {
            download_text("callback-clock-tasks.csv", "text/csv", &tasks_csv(&state.work_items.get_untracked()));
        }
        DataMenuItem::ExportMetricsCsv => {
            if let Some(m) = metrics() {
                download_text("callback-clock-metrics.csv", "text/csv", &metrics_csv(&m));
            }
        }
        DataMenuItem::ExportMetricsJson => {
            if let Some(m) = metrics() {
                download_text("callback-clock-metrics.json", "application/json", &metrics_json(&m));
            }
        }
    }
}

fn export_state(state: AppState) {
    if let Some(base) = state.base.get_untracked() {
        download_text(
            "callback-clock-state.json",
            "application/json",
            &state_json(&base, &state.actions.get_untracked()),
        );
    }
}

/// Asks before anything stored is replaced; when it holds more than the untouched demo, a state
/// export is downloaded first, so an import or a reset can always be taken back.
fn confirm_replacing(state: AppState, question: &str) -> bool {
    let keeps_work = state.holds_work_to_keep();
    let question = if keeps_work {
        format!("{question}\n\nA copy of what is stored now (callback-clock-state.json) is downloaded first.")
    } else {
        question.to_owned()
    };
    let confirmed = web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()).unwrap_or(false);
    if confirmed && keeps_work {
        export_state(state);
    }
    confirmed
}

#[component]
pub fn DataMenu() -> impl IntoView {
    let state = use_app_state();
    let open = RwSignal::new(false);
    let file_input = NodeRef::<leptos::html::Input>::new();

    let on_file = move |_| {
        let Some(input) = file_input.get() else { return };
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        input.set_value("");
        open.set(false);
        spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string()) {
                Some(text) => run_data_menu_item(state, DataMenuItem::Import(text)).await,
                None => state.say(NoticeKind::Error, "Not imported: the file is not text."),
            }
        });
    };
    let run = move |item: fn() -> DataMenuItem| move |_| spawn_local(run_data_menu_item(state, item()));
    let export_state = run(|| DataMenuItem::ExportState);
    let export_tasks = run(|| DataMenuItem::ExportTasks);
    let export_metrics_csv = run(|| DataMenuItem::ExportMetricsCsv);
    let export_metrics_json = run(|| DataMenuItem::ExportMetricsJson);
    let reset = move |_| {
        open.set(false);
        spawn_local(run_data_menu_item(state, DataMenuItem::ResetToDemo));
    };
    // Close the menu on a click elsewhere.
    let menu_ref = NodeRef::<leptos::html::Div>::new();
    let _ = window_event_listener(leptos::ev::click, move |ev| {
        let inside = menu_ref.get_untracked().zip(ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()));
        if let Some((menu, target)) = inside {
            if !menu.contains(Some(&target)) {
                open.set(false);
            }
        }
    });

    view! {
        <div class="data-menu" node_ref=menu_ref>
            <button
                class="button ghost"
                aria-haspopup="true"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "Data ▾"
            </button>
            <div class="menu" class:hidden=move || !open.get() role="menu">
                <label class="menu-item file">
                    "Import bundle or state…"
                    <input type="file" accept=".json,application/json" node_ref=file_input on:change=on_file />
                </label>
                <button class="menu-item" role="menuitem" on:click=export_state>
                    "Export state (JSON)"
                </button>
                <button class="menu-item" role="menuitem" on:click=export_tasks>
                    "Export tasks (CSV)"
                </button>
                <button class="menu-item" role="menuitem" on:click=export_metrics_csv>
                    "Export metrics (CSV)"
                </button>
                <button class="menu-item" role="menuitem" on:click=export_metrics_json>
                    "Export metrics (JSON)"
                </button>
                <hr />
                <button class="menu-item danger" role="menuitem" on:click=reset>
                    "Reset to demo data"
                </button>
            </div>
        </div>
    }
}
