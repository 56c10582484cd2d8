//! The CSV drop zone: a call-log export from Twilio, CallRail, RingCentral, Aircall or any
//! other system, or a CRM export of contacts, deals or tickets (HubSpot's or any other), with
//! what the file holds and its column mapping shown and editable before anything is imported.
//!
//! Dropping a file only reads it: the kind is guessed from the headers
//! (`csv_import::guess_export_kind`) and the preview (detected system, mapping, first rows, every
//! row left out with its row number, column and reason) is recomputed as the kind or mapping
//! changes. "Import" folds the records into the store like a sync, all or nothing: calls by id
//! (`store::sync_merge::merge_synced`), CRM records by id (`merge_crm_records`).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::connectors::csv_import::{
    guess_export_kind, import_calls, import_contacts, import_deals, import_tickets, CallField, ColumnMapping,
    ContactField, DealField, ExportFormat, ExportKind, Field, Imported, TicketField,
};
use crate::engine::bundle::Call;
use crate::engine::ZoneSource;
use crate::store::sync_merge::{merge_crm_records, merge_synced, CrmRecords, SyncedData};
use crate::store::{use_app_state, DataOrigin, NoticeKind};
use crate::ui::field_error::FieldError;

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

/// What a dropped file would import, shown before anything is stored.
struct Preview {
    headline: String,
    noun: &'static str,
    columns: &'static [&'static str],
    rows: Vec<Vec<String>>,
    issues: Vec<String>,
    payload: Payload,
}

enum Payload {
    Calls(Vec<Call>),
    Crm(CrmRecords),
}

fn preview_of<T, F: Field>(
    imported: Imported<T, F>,
    what: String,
    noun: &'static str,
    columns: &'static [&'static str],
    row: impl Fn(&T) -> Vec<String>,
    payload: impl FnOnce(Vec<T>) -> Payload,
) -> Preview {
    let headline =
        format!("{what}: {} {noun} to import, {} rows left out.", imported.records.len(), imported.issues.len());
    Preview {
        headline,
        noun,
        columns,
        rows: imported.records.iter().take(5).map(row).collect(),
        issues: imported.issues.iter().map(ToString::to_string).collect(),
        payload: payload(imported.records),
    }
}

fn optional(text: &Option<String>) -> String {
    text.clone().unwrap_or_default()
}

/// The mapping in effect for each kind of file; each starts as detected from the headers.
#[derive(Clone, Copy)]
struct Mappings {
    calls: RwSignal<ColumnMapping<CallField>>,
    contacts: RwSignal<ColumnMapping<ContactField>>,
    deals: RwSignal<ColumnMapping<DealField>>,
    tickets: RwSignal<ColumnMapping<TicketField>>,
}

impl Mappings {
    fn new() -> Self {
        Mappings {
            calls: RwSignal::new(ColumnMapping::detect(&[])),
            contacts: RwSignal::new(ColumnMapping::detect(&[])),
            deals: RwSignal::new(ColumnMapping::detect(&[])),
            tickets: RwSignal::new(ColumnMapping::detect(&[])),
        }
    }

    fn detect(self, headers: &[String]) {
        self.calls.set(ColumnMapping::detect(headers));
        self.contacts.set(ColumnMapping::detect(headers));
        self.deals.set(ColumnMapping::detect(headers));
        self.tickets.set(ColumnMapping::detect(headers));
    }
}

#[component]
pub fn CsvDropZone() -> impl IntoView {
    let state = use_app_state();
    let dropped: RwSignal<Option<Dropped>> = RwSignal::new(None);
    let kind = RwSignal::new(ExportKind::Calls);
    let mappings = Mappings::new();
    let read_error: RwSignal<Option<String>> = RwSignal::new(None);
    let hovering = RwSignal::new(false);

    let take = move |file: Option<web_sys::File>| {
        let Some(file) = file else { return };
        spawn_local(async move {
            match read_file(file).await {
                Ok(file) => {
                    mappings.detect(&file.headers);
                    kind.set(guess_export_kind(&file.headers));
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
    // The whole import, run again whenever the file, its kind or the mapping changes: it is the
    // preview, and what "Import" stores.
    let preview = Memo::new_with_compare(
        move |_| {
            let file = dropped.get()?;
            let owners = state.config().map(|c| c.owners).unwrap_or_default();
            let bytes = &file.bytes;
            let result = match kind.get() {
                ExportKind::Calls => {
                    let zone = zone()?;
                    mappings.calls.with(|m| import_calls(bytes, Some(m), &zone)).map(|(imported, format)| {
                        preview_of(
                            imported,
                            format_name(format).to_owned(),
                            "calls",
                            &["Started", "From", "To", "Status"],
                            |call| {
                                vec![
                                    call.started_at.0.to_string(),
                                    call.from.clone().unwrap_or_else(|| "withheld".into()),
                                    call.to.clone(),
                                    format!("{:?}", call.status).to_lowercase(),
                                ]
                            },
                            Payload::Calls,
                        )
                    })
                }
                ExportKind::Contacts => {
                    mappings.contacts.with(|m| import_contacts(bytes, Some(m), &owners)).map(|imported| {
                        preview_of(
                            imported,
                            "Contacts export".to_owned(),
                            "contacts",
                            &["Id", "Name", "Phones", "Owner"],
                            |c| vec![c.id.clone(), optional(&c.name), c.phones.join(", "), optional(&c.owner)],
                            |records| Payload::Crm(CrmRecords::Contacts(records)),
                        )
                    })
                }
                ExportKind::Deals => mappings.deals.with(|m| import_deals(bytes, Some(m), &owners)).map(|imported| {
                    preview_of(
                        imported,
                        "Deals export".to_owned(),
                        "deals",
                        &["Id", "Contact or phone", "Status", "Amount"],
                        |l| {
                            vec![
                                l.id.clone(),
                                l.contact_id.clone().or_else(|| l.phone.clone()).unwrap_or_default(),
                                format!("{:?}", l.status).to_lowercase(),
                                l.amount.map(|a| format!("{a:.0}")).unwrap_or_default(),
                            ]
                        },
                        |records| Payload::Crm(CrmRecords::Leads(records)),
                    )
                }),
                ExportKind::Tickets => mappings.tickets.with(|m| import_tickets(bytes, Some(m))).map(|imported| {
                    preview_of(
                        imported,
                        "Tickets export".to_owned(),
                        "tickets",
                        &["Id", "Contact", "Status", "Subject"],
                        |t| {
                            vec![
                                t.id.clone(),
                                t.contact_id.clone(),
                                format!("{:?}", t.status).to_lowercase(),
                                optional(&t.subject),
                            ]
                        },
                        |records| Payload::Crm(CrmRecords::Tickets(records)),
                    )
                }),
            };
            Some(result.map(Arc::new).map_err(|e| e.to_string()))
        },
        |_, _| true,
    );
    let import = move || {
        let Some(Ok(preview)) = preview.get_untracked() else { return };
        let name = dropped.get_untracked().map(|d| d.name).unwrap_or_default();
        spawn_local(async move {
            let meta = state.meta.get_untracked();
            let Some(base) = state.base.get_untracked() else { return };
            let replace_demo = meta.origin.is_replaced_by_real_data();
            let (bundle, said) = match &preview.payload {
                Payload::Calls(calls) => {
                    let synced = SyncedData { calls: calls.clone(), ..Default::default() };
                    let (bundle, summary) = merge_synced(&base, synced, replace_demo);
                    (bundle, format!("{} new calls, {} updated", summary.calls_new, summary.calls_updated))
                }
                Payload::Crm(records) => {
                    let (bundle, merge) = merge_crm_records(&base, records.clone(), replace_demo);
                    (bundle, format!("{} new {}, {} updated", merge.added, preview.noun, merge.updated))
                }
            };
            match state.store_synced(bundle, meta.connections, DataOrigin::Csv).await {
                Ok(()) => {
                    dropped.set(None);
                    state.say(NoticeKind::Info, format!("Imported {name}: {said}."));
                }
                Err(e) => state.say(NoticeKind::Error, format!("Not imported: {e}. Nothing was changed.")),
            }
        });
    };

    view! {
        <section class="card csv-drop" aria-labelledby="csv-heading">
            <h2 id="csv-heading">"Import a CSV export (calls, contacts, deals or tickets)"</h2>
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
                    aria-label="CSV export file"
                    on:change=move |ev| {
                        let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
                        take(input.and_then(|i| i.files()).and_then(|f| f.get(0)));
                    }
                />
            </label>
            {move || read_error.get().map(|e| view! { <FieldError message=e /> })}
            {move || {
                dropped
                    .get()
                    .map(|file| {
                        let headers = file.headers;
                        view! {
                            <label class="field">
                                <span>"This file holds"</span>
                                <select
                                    aria-label="This file holds"
                                    prop:value=move || kind_value(kind.get())
                                    on:change=move |ev| {
                                        if let Some(k) = ExportKind::ALL
                                            .into_iter()
                                            .find(|k| kind_value(*k) == event_target_value(&ev))
                                        {
                                            kind.set(k);
                                        }
                                    }
                                >
                                    {ExportKind::ALL
                                        .map(|k| view! { <option value=kind_value(k)>{k.label()}</option> })}
                                </select>
                            </label>
                            {move || match kind.get() {
                                ExportKind::Calls => {
                                    view! { <MappingEditor headers=headers.clone() mapping=mappings.calls /> }
                                        .into_any()
                                }
                                ExportKind::Contacts => {
                                    view! { <MappingEditor headers=headers.clone() mapping=mappings.contacts /> }
                                        .into_any()
                                }
                                ExportKind::Deals => {
                                    view! { <MappingEditor headers=headers.clone() mapping=mappings.deals /> }
                                        .into_any()
                                }
                                ExportKind::Tickets => {
                                    view! { <MappingEditor headers=headers.clone() mapping=mappings.tickets /> }
                                        .into_any()
                                }
                            }}
                        }
                    })
            }}
            {move || {
                preview
                    .get()
                    .map(|result| match result {
                        Err(message) => {
                            view! { <FieldError message=format!("This file cannot be imported: {message}") /> }
                                .into_any()
                        }
                        Ok(preview) => {
                            let noun = preview.noun;
                            view! {
                                <PreviewTable preview=preview />
                                <button class="button primary" on:click=move |_| import()>
                                    {format!("Import these {noun}")}
                                </button>
                            }
                                .into_any()
                        }
                    })
            }}
        </section>
    }
}

fn kind_value(kind: ExportKind) -> &'static str {
    match kind {
        ExportKind::Calls => "calls",
        ExportKind::Contacts => "contacts",
        ExportKind::Deals => "deals",
        ExportKind::Tickets => "tickets",
    }
}

/// One row per field: which column feeds it.
#[component]
fn MappingEditor<F: Field + Send + Sync>(headers: Vec<String>, mapping: RwSignal<ColumnMapping<F>>) -> impl IntoView {
    let headers = Arc::new(headers);
    let rows = F::ALL
        .iter()
        .map(|&field| {
            let headers = headers.clone();
            let chosen = move || mapping.with(|m| m.columns.get(&field).cloned().unwrap_or_default());
            let label =
                if field.required() { format!("{} (required)", field.label()) } else { field.label().to_owned() };
            view! {
                <tr>
                    <th scope="row">{label.clone()}</th>
                    <td>
                        <select
                            aria-label=format!("Column for {}", field.label())
                            prop:value=chosen
                            on:change=move |ev| {
                                let header = event_target_value(&ev);
                                mapping
                                    .update(|m| {
                                        if header.is_empty() {
                                            m.columns.remove(&field);
                                        } else {
                                            m.set(field, header);
                                        }
                                    });
                            }
                        >
                            <option value="">"— not in this file —"</option>
                            {headers
                                .iter()
                                .map(|h| view! { <option value=h.clone()>{h.clone()}</option> })
                                .collect_view()}
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
fn PreviewTable(preview: Arc<Preview>) -> impl IntoView {
    let head = preview.columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view();
    let rows = preview
        .rows
        .iter()
        .map(|cells| view! { <tr>{cells.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view()}</tr> })
        .collect_view();
    let issues = preview.issues.iter().take(20).map(|issue| view! { <li>{issue.clone()}</li> }).collect_view();
    let more = preview.issues.len().saturating_sub(20);
    view! {
        <div class="csv-preview" data-testid="csv-preview">
            <p>{preview.headline.clone()}</p>
            <table>
                <thead>
                    <tr>{head}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <ul class="row-issues">{issues}</ul>
            {(more > 0).then(|| view! { <p>{format!("…and {more} more rows left out.")}</p> })}
        </div>
    }
}
