//! The CSV drop zone: a call-log export from Twilio, CallRail, RingCentral, Aircall or any
//! other system, with its column mapping shown and editable before anything is imported.
//!
//! Dropping a file only reads it: the preview (detected system, mapping, first rows, every row
//! left out with its row number, column and reason) is recomputed as the mapping changes.
//! "Import" folds the calls into the store like a sync (`store::sync_merge`), all or nothing.
//! Contacts, deals and tickets exports go through `callback-clock import` on the command line.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::connectors::csv_import::calls::{import_calls, CallField, ExportFormat};
use crate::connectors::csv_import::{ColumnMapping, Field, Imported};
use crate::engine::bundle::Call;
use crate::engine::ZoneSource;
use crate::store::sync_merge::{merge_synced, SyncedData};
use crate::store::{use_app_state, NoticeKind};

/// A dropped file: its name and bytes.
#[derive(Clone)]
struct Dropped {
    name: String,
    bytes: Arc<Vec<u8>>,
    headers: Vec<String>,
}

async fn read_file(file: web_sys::File) -> Result<Dropped, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("{}: the browser could not read the file", file.name()))?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    let headers = crate::connectors::csv_import::read_headers(&bytes).map_err(|e| format!("{}: {e}", file.name()))?;
    Ok(Dropped { name: file.name(), bytes: Arc::new(bytes), headers })
}

fn format_name(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Twilio => "Twilio call log",
        ExportFormat::CallRail => "CallRail call log",
        ExportFormat::RingCentral => "RingCentral call log",
        ExportFormat::Aircall => "Aircall call log",
        ExportFormat::Generic => "call log (columns matched by name)",
    }
}

#[component]
pub fn CsvDropZone() -> impl IntoView {
    let state = use_app_state();
    let dropped: RwSignal<Option<Dropped>> = RwSignal::new(None);
    let mapping: RwSignal<ColumnMapping<CallField>> = RwSignal::new(ColumnMapping { columns: Default::default() });
    let read_error: RwSignal<Option<String>> = RwSignal::new(None);
    let hovering = RwSignal::new(false);

    let take = move |file: Option<web_sys::File>| {
        let Some(file) = file else { return };
        spawn_local(async move {
            match read_file(file).await {
                Ok(file) => {
                    mapping.set(ColumnMapping::detect(&file.headers));
                    read_error.set(None);
                    dropped.set(Some(file));
                }
                Err(message) => read_error.set(Some(message)),
            }
        });
    };
    let zone = move || {
        let tz = state.config().map(|c| c.timezone)?;
        state.zone.get().and_then(|z| z.zone(&tz))
    };
    // The whole import, run again whenever the file or the mapping changes: it is the preview.
    let preview = Memo::new_with_compare(
        move |_| {
            let file = dropped.get()?;
            let zone = zone()?;
            Some(mapping.with(|m| import_calls(&file.bytes, Some(m), &zone)).map(Arc::new).map_err(|e| e.to_string()))
        },
        |_, _| true,
    );
    let import = move || {
        let Some(Ok(result)) = preview.get_untracked() else { return };
        let calls = result.0.records.clone();
        let name = dropped.get_untracked().map(|d| d.name).unwrap_or_default();
        spawn_local(async move {
            let meta = state.meta.get_untracked();
            let Some(base) = state.base.get_untracked() else { return };
            let replace_demo = !matches!(meta.origin.as_str(), "sync" | "csv");
            let synced = SyncedData { calls, ..Default::default() };
            let (bundle, summary) = merge_synced(&base, synced, replace_demo);
            match state.store_synced(bundle, !replace_demo, meta.connections, "csv").await {
                Ok(()) => {
                    dropped.set(None);
                    state.say(
                        NoticeKind::Info,
                        format!("Imported {name}: {} new calls, {} updated.", summary.calls_new, summary.calls_updated),
                    );
                }
                Err(e) => state.say(NoticeKind::Error, format!("Not imported: {e}. Nothing was changed.")),
            }
        });
    };

    view! {
        <section class="card csv-drop" aria-labelledby="csv-heading">
            <h2 id="csv-heading">"Import a call-log export (CSV)"</h2>
            <label
                class=move || if hovering.get() { "drop-zone hovering" } else { "drop-zone" }
                on:dragover=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    hovering.set(true);
                }
                on:dragleave=move |_| hovering.set(false)
                on:drop=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    hovering.set(false);
                    take(ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)));
                }
            >
                "Drop a CSV here, or choose one: "
                <input
                    type="file"
                    accept=".csv,text/csv"
                    aria-label="Call-log CSV file"
                    on:change=move |ev| {
                        let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
                        take(input.and_then(|i| i.files()).and_then(|f| f.get(0)));
                    }
                />
            </label>
            {move || read_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            {move || dropped.get().map(|file| view! {
                <MappingEditor headers=file.headers.clone() mapping=mapping />
            })}
            {move || preview.get().map(|result| match result {
                Err(message) => view! { <p class="field-error" role="alert">{format!("This file cannot be imported: {message}")}</p> }.into_any(),
                Ok(result) => view! {
                    <PreviewTable format=result.1 imported=result.clone() />
                    <button class="button primary" on:click=move |_| import()>"Import these calls"</button>
                }.into_any(),
            })}
        </section>
    }
}

/// One row per field: which column feeds it.
#[component]
fn MappingEditor(headers: Vec<String>, mapping: RwSignal<ColumnMapping<CallField>>) -> impl IntoView {
    let headers = Arc::new(headers);
    let rows = CallField::ALL
        .iter()
        .map(|&field| {
            let headers = headers.clone();
            let chosen = move || mapping.with(|m| m.columns.get(&field).cloned().unwrap_or_default());
            let label = if field.required() { format!("{} (required)", field.label()) } else { field.label().to_owned() };
            view! {
                <tr>
                    <th scope="row">{label.clone()}</th>
                    <td>
                        <select
                            aria-label=format!("Column for {}", field.label())
                            prop:value=chosen
                            on:change=move |ev| {
                                let header = event_target_value(&ev);
                                mapping.update(|m| {
                                    if header.is_empty() {
                                        m.columns.remove(&field);
                                    } else {
                                        m.set(field, header);
                                    }
                                });
                            }
                        >
                            <option value="">"— not in this file —"</option>
                            {headers.iter().map(|h| view! { <option value=h.clone()>{h.clone()}</option> }).collect_view()}
                        </select>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="mapping">
            <caption>"Column mapping (detected from the headers; change any)"</caption>
            <tbody>{rows}</tbody>
        </table>
    }
}

#[component]
fn PreviewTable(format: ExportFormat, imported: Arc<(Imported<Call, CallField>, ExportFormat)>) -> impl IntoView {
    let imported = &imported.0;
    let rows = imported
        .records
        .iter()
        .take(5)
        .map(|call| {
            view! {
                <tr>
                    <td>{call.started_at.0.to_string()}</td>
                    <td>{call.from.clone().unwrap_or_else(|| "withheld".into())}</td>
                    <td>{call.to.clone()}</td>
                    <td>{format!("{:?}", call.status).to_lowercase()}</td>
                </tr>
            }
        })
        .collect_view();
    let issues = imported.issues.iter().take(20).map(|issue| view! { <li>{issue.to_string()}</li> }).collect_view();
    let more = imported.issues.len().saturating_sub(20);
    view! {
        <div class="csv-preview" data-testid="csv-preview">
            <p>
                {format!(
                    "{}: {} calls to import, {} rows left out.",
                    format_name(format),
                    imported.records.len(),
                    imported.issues.len(),
                )}
            </p>
            <table>
                <thead>
                    <tr>
                        <th scope="col">"Started"</th>
                        <th scope="col">"From"</th>
                        <th scope="col">"To"</th>
                        <th scope="col">"Status"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <ul class="row-issues">{issues}</ul>
            {(more > 0).then(|| view! { <p>{format!("…and {more} more rows left out.")}</p> })}
        </div>
    }
}
