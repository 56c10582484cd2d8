//! Settings (admin): business hours, holidays, time zone, tracking numbers, owners and backups,
//! routing, SLA minutes, high-value amount, repeat window, text templates with the promise
//! guard's verdict live, and the origins allowed to embed the sidebar.
//!
//! The form edits text; each field shows its own error as the admin types. Saving builds the
//! config JSON, lets the engine parse and check it (`AppState::save_config`: the same parser and
//! `TriageSetup` checks as an import), and stores it only if all of that passes. An error the
//! engine finds is shown under the field its JSON path names. The fields' parsers and the JSON
//! they build are pure (`store::settings_form`); each section below only edits its signals.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::engine::bundle::Config;
use crate::engine::consent::PromiseGuard;
use crate::store::settings_form::{
    parse_amount, parse_day, parse_holidays, parse_minutes, parse_origins, parse_repeat_window, OwnerRow, SettingsText,
    SourceRow, TemplateRow, DAYS,
};
use crate::store::use_app_state;
use crate::store::workflow::SETTINGS_LOG;

/// The form's text, one signal per field or table.
#[derive(Clone, Copy)]
struct Form {
    timezone: RwSignal<String>,
    hours: [RwSignal<String>; 7],
    holidays: RwSignal<String>,
    sources: RwSignal<Vec<SourceRow>>,
    owners: RwSignal<Vec<OwnerRow>>,
    default_owner: RwSignal<String>,
    after_hours_owner: RwSignal<String>,
    sla: [RwSignal<String>; 4],
    high_value: RwSignal<String>,
    repeat_window: RwSignal<String>,
    sms_enabled: RwSignal<bool>,
    templates: RwSignal<Vec<TemplateRow>>,
    origins: RwSignal<String>,
}

impl Form {
    fn new(text: SettingsText) -> Form {
        Form {
            timezone: RwSignal::new(text.timezone),
            hours: text.hours.map(RwSignal::new),
            holidays: RwSignal::new(text.holidays),
            sources: RwSignal::new(text.sources),
            owners: RwSignal::new(text.owners),
            default_owner: RwSignal::new(text.default_owner),
            after_hours_owner: RwSignal::new(text.after_hours_owner),
            sla: text.sla.map(RwSignal::new),
            high_value: RwSignal::new(text.high_value),
            repeat_window: RwSignal::new(text.repeat_window),
            sms_enabled: RwSignal::new(text.sms_enabled),
            templates: RwSignal::new(text.templates),
            origins: RwSignal::new(text.origins),
        }
    }

    /// What the form says now.
    fn text(self) -> SettingsText {
        SettingsText {
            timezone: self.timezone.get_untracked(),
            hours: self.hours.map(|h| h.get_untracked()),
            holidays: self.holidays.get_untracked(),
            sources: self.sources.get_untracked(),
            owners: self.owners.get_untracked(),
            default_owner: self.default_owner.get_untracked(),
            after_hours_owner: self.after_hours_owner.get_untracked(),
            sla: self.sla.map(|s| s.get_untracked()),
            high_value: self.high_value.get_untracked(),
            repeat_window: self.repeat_window.get_untracked(),
            sms_enabled: self.sms_enabled.get_untracked(),
            templates: self.templates.get_untracked(),
            origins: self.origins.get_untracked(),
        }
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_app_state();
    move || {
        let base = state.base.get()?;
        let origins = state.meta.with_untracked(|m| m.embed_origins.clone());
        Some(view! { <SettingsForm config=base.config.clone() origins=origins /> })
    }
}

#[component]
fn SettingsForm(config: Config, origins: Vec<String>) -> impl IntoView {
    let state = use_app_state();
    let form = Form::new(SettingsText::from_config(&config, &origins));
    let save_error = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let current = StoredValue::new(config);

    let save = move |_| {
        save_error.set(None);
        let text = form.text();
        let built = text
            .config_json(&current.get_value())
            .and_then(|json| serde_json::from_value::<Config>(json).map_err(|e| e.to_string()));
        let origins = parse_origins(&text.origins).map_err(|e| format!("Embed origins: {e}"));
        let (config, origins) = match (built, origins) {
            (Ok(c), Ok(o)) => (c, o),
            (Err(e), _) | (_, Err(e)) => {
                save_error.set(Some(format!("Not saved. {e}")));
                return;
            }
        };
        saving.set(true);
        spawn_local(async move {
            let result = state.save_config(config.clone()).await;
            let result = match result {
                Ok(()) => state.save_embed_origins(origins).await,
                Err(e) => Err(e),
            };
            saving.set(false);
            match result {
                Ok(()) => {
                    current.set_value(config);
                    state.say(crate::store::NoticeKind::Info, "Settings saved. The queue was re-triaged.");
                }
                Err(e) => save_error.set(Some(format!("Not saved. {e}"))),
            }
        });
    };

    view! {
        <div class="settings-page">
            <header>
                <h2>"Settings"</h2>
                <div>
                    <button class="button primary" disabled=move || saving.get() on:click=save>
                        {move || if saving.get() { "Saving…" } else { "Save settings" }}
                    </button>
                </div>
            </header>
            {move || {
                save_error
                    .get()
                    .map(|e| {
                        view! {
                            <div class="notice error" role="alert">
                                {e}
                            </div>
                        }
                    })
            }}
            <HoursSection timezone=form.timezone hours=form.hours holidays=form.holidays />
            <SourcesSection sources=form.sources />
            <OwnersSection
                owners=form.owners
                default_owner=form.default_owner
                after_hours_owner=form.after_hours_owner
            />
            <DeadlinesSection sla=form.sla high_value=form.high_value repeat_window=form.repeat_window />
            <TextsSection sms_enabled=form.sms_enabled templates=form.templates />
            <EmbeddingSection origins=form.origins />
            <SettingsHistory />
        </div>
    }
}

#[component]
fn HoursSection(timezone: RwSignal<String>, hours: [RwSignal<String>; 7], holidays: RwSignal<String>) -> impl IntoView {
    view! {
        <section class="settings-section">
            <h3>"Business hours and time zone"</h3>
            <p class="help">
                "Open intervals per day in local time, like 07:00-12:00, 12:30-18:00. Empty means closed."
            </p>
            <label class="field">
                <span>"Time zone (IANA)"</span>
                <input
                    name="timezone"
                    prop:value=move || timezone.get()
                    on:input=move |ev| timezone.set(event_target_value(&ev))
                />
            </label>
            {DAYS
                .iter()
                .enumerate()
                .map(|(i, (_, key, label))| {
                    let text = hours[i];
                    let error = move || parse_day(&text.get()).err();
                    view! {
                        <label class="field">
                            <span>{*label}</span>
                            <input
                                name=format!("hours-{key}")
                                class:invalid=move || error().is_some()
                                prop:value=move || text.get()
                                on:input=move |ev| text.set(event_target_value(&ev))
                            />
                            {move || error().map(|e| view! { <span class="field-error">{e}</span> })}
                        </label>
                    }
                })
                .collect_view()}
            <label class="field">
                <span>"Holidays"</span>
                <textarea
                    name="holidays"
                    rows="3"
                    class:invalid=move || parse_holidays(&holidays.get()).is_err()
                    prop:value=move || holidays.get()
                    on:input=move |ev| holidays.set(event_target_value(&ev))
                ></textarea>
                {move || parse_holidays(&holidays.get()).err().map(|e| view! { <span class="field-error">{e}</span> })}
            </label>
        </section>
    }
}

#[component]
fn SourcesSection(sources: RwSignal<Vec<SourceRow>>) -> impl IntoView {
    view! {
        <section class="settings-section">
            <h3>"Tracking numbers"</h3>
            <p class="help">
                "The number a caller dialed names the source, its campaign and service line; an owner here takes every call to it."
            </p>
            <table class="table-edit">
                <thead>
                    <tr>
                        <th>"Number"</th>
                        <th>"Name"</th>
                        <th>"Campaign"</th>
                        <th>"Service line"</th>
                        <th>"Owner id"</th>
                        <th></th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        sources
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, row)| view! { <SourceRowEditor index=i row=row rows=sources /> })
                            .collect_view()
                    }}
                </tbody>
            </table>
            <button class="button small" on:click=move |_| sources.update(|rows| rows.push(SourceRow::default()))>
                "Add tracking number"
            </button>
        </section>
    }
}

/// One tracking number's fields; an edit lands in `rows[index]`. Nothing else reads a source
/// row while the form is open, so an edit does not redraw the table (the focus stays put).
#[component]
fn SourceRowEditor(index: usize, row: SourceRow, rows: RwSignal<Vec<SourceRow>>) -> impl IntoView {
    view! {
        <tr>
            <CellInput rows index value=row.number label="Tracking number" set=|r: &mut SourceRow, v| r.number = v />
            <CellInput rows index value=row.name label="Source name" set=|r: &mut SourceRow, v| r.name = v />
            <CellInput rows index value=row.campaign label="Campaign" set=|r: &mut SourceRow, v| r.campaign = v />
            <CellInput
                rows
                index
                value=row.service_line
                label="Service line"
                set=|r: &mut SourceRow, v| r.service_line = v
            />
            <CellInput rows index value=row.owner label="Source owner" set=|r: &mut SourceRow, v| r.owner = v />
            <RemoveRowCell rows index />
        </tr>
    }
}

#[component]
fn OwnersSection(
    owners: RwSignal<Vec<OwnerRow>>,
    default_owner: RwSignal<String>,
    after_hours_owner: RwSignal<String>,
) -> impl IntoView {
    view! {
        <section class="settings-section">
            <h3>"Owners, backups and routing"</h3>
            <p class="help">
                "Service lines and territories are comma-separated; a territory is a postal code or prefix (606 covers 60614). An unavailable owner's calls go to their backup."
            </p>
            <table class="table-edit">
                <thead>
                    <tr>
                        <th>"Id"</th>
                        <th>"Name"</th>
                        <th>"Service lines"</th>
                        <th>"Territories"</th>
                        <th>"Backup id"</th>
                        <th>"Available"</th>
                        <th></th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        owners
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, row)| view! { <OwnerRowEditor index=i row=row rows=owners /> })
                            .collect_view()
                    }}
                </tbody>
            </table>
            <button
                class="button small"
                on:click=move |_| {
                    owners
                        .update(|rows| {
                            rows.push(OwnerRow {
                                available: true,
                                ..OwnerRow::default()
                            })
                        })
                }
            >
                "Add owner"
            </button>
            <label class="field">
                <span>"Default owner"</span>
                <OwnerSelect value=default_owner label="Default owner" owners=owners />
            </label>
            <label class="field">
                <span>"After-hours emergency owner"</span>
                <OwnerSelect value=after_hours_owner label="After-hours owner" owners=owners />
            </label>
        </section>
    }
}

/// One owner's fields; an edit lands in `rows[index]` and redraws what lists the owners (the
/// default and after-hours choices show their names).
#[component]
fn OwnerRowEditor(index: usize, row: OwnerRow, rows: RwSignal<Vec<OwnerRow>>) -> impl IntoView {
    let i = index;
    view! {
        <tr>
            <CellInput rows index value=row.id label="Owner id" set=|r: &mut OwnerRow, v| r.id = v redraw=true />
            <CellInput rows index value=row.name label="Owner name" set=|r: &mut OwnerRow, v| r.name = v redraw=true />
            <CellInput
                rows
                index
                value=row.service_lines
                label="Service lines"
                set=|r: &mut OwnerRow, v| r.service_lines = v
                redraw=true
            />
            <CellInput
                rows
                index
                value=row.territories
                label="Territories"
                set=|r: &mut OwnerRow, v| r.territories = v
                redraw=true
            />
            <CellInput rows index value=row.backup label="Backup" set=|r: &mut OwnerRow, v| r.backup = v redraw=true />
            <td>
                <input
                    type="checkbox"
                    checked=row.available
                    aria-label="Available"
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        rows.update_untracked(|rows| rows[i].available = on);
                    }
                />
            </td>
            <RemoveRowCell rows index />
        </tr>
    }
}

/// One text cell of an editable table: a change lands in `rows[index]` through `set`, and
/// redraws what reads the rows only when `redraw` says they are shown elsewhere.
#[component]
fn CellInput<R: Send + Sync + 'static>(
    rows: RwSignal<Vec<R>>,
    index: usize,
    value: String,
    label: &'static str,
    set: fn(&mut R, String),
    #[prop(optional)] redraw: bool,
) -> impl IntoView {
    let on_change = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let apply = |rows: &mut Vec<R>| {
            if let Some(row) = rows.get_mut(index) {
                set(row, v);
            }
        };
        if redraw {
            rows.update(apply);
        } else {
            rows.update_untracked(apply);
        }
    };
    view! {
        <td>
            <input value=value on:change=on_change aria-label=label />
        </td>
    }
}

/// The cell that removes its row.
#[component]
fn RemoveRowCell<R: Send + Sync + 'static>(rows: RwSignal<Vec<R>>, index: usize) -> impl IntoView {
    view! {
        <td>
            <button
                class="button small ghost"
                on:click=move |_| {
                    rows.update(|rows| {
                        if index < rows.len() {
                            rows.remove(index);
                        }
                    })
                }
            >
                "Remove"
            </button>
        </td>
    }
}

/// A choice among the owners the form lists now, or none.
#[component]
fn OwnerSelect(value: RwSignal<String>, label: &'static str, owners: RwSignal<Vec<OwnerRow>>) -> impl IntoView {
    let owner_options =
        move || owners.with(|owners| owners.iter().map(|o| (o.id.clone(), o.name.clone())).collect::<Vec<_>>());
    view! {
        <select aria-label=label prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
            <option value="">"(none)"</option>
            {move || {
                owner_options()
                    .into_iter()
                    .map(|(id, name)| {
                        let selected = value.get_untracked() == id;
                        view! {
                            <option value=id.clone() selected=selected>
                                {format!("{name} ({id})")}
                            </option>
                        }
                    })
                    .collect_view()
            }}
        </select>
    }
}

#[component]
fn DeadlinesSection(
    sla: [RwSignal<String>; 4],
    high_value: RwSignal<String>,
    repeat_window: RwSignal<String>,
) -> impl IntoView {
    view! {
        <section class="settings-section">
            <h3>"Deadlines and thresholds"</h3>
            <p class="help">
                "Minutes to call back by urgency. Emergency and urgent count wall-clock minutes; routine and unknown count business minutes."
            </p>
            <div class="grid-4">
                {["Emergency", "Urgent", "Routine", "Unknown"]
                    .into_iter()
                    .enumerate()
                    .map(|(i, label)| {
                        let value = sla[i];
                        let error = move || parse_minutes(&value.get()).err();
                        view! {
                            <label>
                                {label}
                                <input
                                    type="number"
                                    min="1"
                                    name=format!("sla-{}", label.to_lowercase())
                                    class:invalid=move || error().is_some()
                                    prop:value=move || value.get()
                                    on:input=move |ev| value.set(event_target_value(&ev))
                                /> {move || error().map(|e| view! { <span class="field-error">{e}</span> })}
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
            <label class="field">
                <span>"High-value amount"</span>
                <input
                    name="high_value"
                    class:invalid=move || parse_amount(&high_value.get()).is_err()
                    prop:value=move || high_value.get()
                    on:input=move |ev| high_value.set(event_target_value(&ev))
                />
                {move || parse_amount(&high_value.get()).err().map(|e| view! { <span class="field-error">{e}</span> })}
            </label>
            <label class="field">
                <span>"Repeat window (minutes)"</span>
                <input
                    name="repeat_window"
                    type="number"
                    min="0"
                    prop:value=move || repeat_window.get()
                    on:input=move |ev| repeat_window.set(event_target_value(&ev))
                />
                {move || {
                    parse_repeat_window(&repeat_window.get())
                        .is_err()
                        .then(|| view! { <span class="field-error">"whole minutes, 0 or more"</span> })
                }}
            </label>
        </section>
    }
}

#[component]
fn TextsSection(sms_enabled: RwSignal<bool>, templates: RwSignal<Vec<TemplateRow>>) -> impl IntoView {
    view! {
        <section class="settings-section">
            <h3>"Follow-up texts"</h3>
            <p class="help">
                "A text goes only to contacts who opted in, for plain callback tasks, in approved wording. Wording that promises a price, a time or availability is never sent."
            </p>
            <label class="check">
                <input
                    type="checkbox"
                    name="sms_enabled"
                    prop:checked=move || sms_enabled.get()
                    on:change=move |ev| sms_enabled.set(event_target_checked(&ev))
                />
                "Texts enabled"
            </label>
            {move || {
                templates
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, row)| view! { <TemplateEditor index=i row=row rows=templates /> })
                    .collect_view()
            }}
            <button class="button small" on:click=move |_| templates.update(|rows| rows.push(TemplateRow::default()))>
                "Add template"
            </button>
        </section>
    }
}

/// One text template, with the promise guard's verdict on its wording as the admin types.
#[component]
fn TemplateEditor(index: usize, row: TemplateRow, rows: RwSignal<Vec<TemplateRow>>) -> impl IntoView {
    let i = index;
    let text = RwSignal::new(row.text.clone());
    let guard = PromiseGuard::default();
    let verdict = move || text.with(|t| guard.check(t).map_err(|p| p.to_string()));
    view! {
        <div class="template">
            <label class="field">
                <span>"Template id"</span>
                <input
                    value=row.id
                    aria-label="Template id"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        rows.update_untracked(|rows| rows[i].id = v);
                    }
                />
            </label>
            <textarea
                rows="2"
                name=format!("template-{i}")
                aria-label="Template text"
                prop:value=move || text.get()
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    text.set(v.clone());
                    rows.update_untracked(|rows| rows[i].text = v);
                }
            ></textarea>
            {move || match verdict() {
                Ok(()) => {
                    view! {
                        <p class="verdict ok" data-verdict="approved">
                            "✓ Approved: promises nothing."
                        </p>
                    }
                        .into_any()
                }
                Err(problem) => {
                    view! {
                        <p class="verdict bad" data-verdict="blocked">
                            {format!("✕ Never sent: {problem}")}
                        </p>
                    }
                        .into_any()
                }
            }}
            <button
                class="button small ghost"
                on:click=move |_| {
                    rows.update(|rows| {
                        rows.remove(i);
                    })
                }
            >
                "Remove template"
            </button>
        </div>
    }
}

#[component]
fn EmbeddingSection(origins: RwSignal<String>) -> impl IntoView {
    view! {
        <section class="settings-section">
            <h3>"Embedding"</h3>
            <p class="help">
                "Origins (scheme://host[:port]) allowed to embed the sidebar and tell it which record is in view, one per line. This app's own origin is always allowed."
            </p>
            <label class="field">
                <span>"Allowed origins"</span>
                <textarea
                    name="embed_origins"
                    rows="3"
                    class:invalid=move || parse_origins(&origins.get()).is_err()
                    prop:value=move || origins.get()
                    on:input=move |ev| origins.set(event_target_value(&ev))
                ></textarea>
                {move || parse_origins(&origins.get()).err().map(|e| view! { <span class="field-error">{e}</span> })}
            </label>
        </section>
    }
}

/// Every saved settings change from the audit log, newest first: who, when, what.
#[component]
fn SettingsHistory() -> impl IntoView {
    let state = use_app_state();
    let changes = move || {
        state.actions.with(|log| {
            log.iter()
                .rev()
                .filter(|a| a.call_id == SETTINGS_LOG)
                .map(|a| {
                    view! {
                        <li>
                            <time>{a.when.clone()}</time>
                            " · "
                            {a.who.clone()}
                            " · "
                            {a.intent.label()}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="settings-section" aria-labelledby="settings-history">
            <h3 id="settings-history">"Change history"</h3>
            <ul class="audit settings-audit">{changes}</ul>
        </section>
    }
}
