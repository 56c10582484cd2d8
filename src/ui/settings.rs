//! Settings (admin): business hours, holidays, time zone, tracking numbers, owners and backups,
//! routing, SLA minutes, high-value amount, repeat window, text templates with the promise
//! guard's verdict live, and the origins allowed to embed the sidebar.
//!
//! The form edits text; each field shows its own error as the admin types. Saving builds the
//! config JSON, lets the engine parse and check it (`AppState::save_config`: the same parser and
//! `TriageSetup` checks as an import), and stores it only if all of that passes. An error the
//! engine finds is shown under the field its JSON path names.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{json, Value};

use crate::engine::bundle::{ClockTime, Config, WeekdayKey};
use crate::engine::consent::PromiseGuard;
use crate::engine::embed_protocol::parse_origin;
use crate::store::use_app_state;
use crate::store::workflow::SETTINGS_LOG;

const DAYS: [(WeekdayKey, &str, &str); 7] = [
    (WeekdayKey::Mon, "mon", "Monday"),
    (WeekdayKey::Tue, "tue", "Tuesday"),
    (WeekdayKey::Wed, "wed", "Wednesday"),
    (WeekdayKey::Thu, "thu", "Thursday"),
    (WeekdayKey::Fri, "fri", "Friday"),
    (WeekdayKey::Sat, "sat", "Saturday"),
    (WeekdayKey::Sun, "sun", "Sunday"),
];

#[derive(Debug, Clone, PartialEq, Default)]
struct SourceRow {
    number: String,
    name: String,
    campaign: String,
    service_line: String,
    owner: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
struct OwnerRow {
    id: String,
    name: String,
    service_lines: String,
    territories: String,
    backup: String,
    available: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
struct TemplateRow {
    id: String,
    text: String,
}

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

fn joined(items: &[String]) -> String {
    items.join(", ")
}

fn split_list(text: &str) -> Vec<String> {
    text.split([',', '\n']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

fn optional(text: &str) -> Value {
    let text = text.trim();
    if text.is_empty() {
        Value::Null
    } else {
        json!(text)
    }
}

impl Form {
    fn from_config(config: &Config, origins: &[String]) -> Form {
        let hours = DAYS.map(|(day, _, _)| {
            RwSignal::new(
                config
                    .business_hours
                    .on(day)
                    .iter()
                    .map(|i| format!("{}-{}", i.opens, i.closes))
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        });
        let sla = config.sla.callback_minutes;
        Form {
            timezone: RwSignal::new(config.timezone.clone()),
            hours,
            holidays: RwSignal::new(config.holidays.iter().map(|d| d.0.to_string()).collect::<Vec<_>>().join("\n")),
            sources: RwSignal::new(
                config
                    .sources
                    .iter()
                    .map(|s| SourceRow {
                        number: s.number.clone(),
                        name: s.name.clone(),
                        campaign: s.campaign.clone().unwrap_or_default(),
                        service_line: s.service_line.clone().unwrap_or_default(),
                        owner: s.owner.clone().unwrap_or_default(),
                    })
                    .collect(),
            ),
            owners: RwSignal::new(
                config
                    .owners
                    .iter()
                    .map(|o| OwnerRow {
                        id: o.id.clone(),
                        name: o.name.clone(),
                        service_lines: joined(&o.service_lines),
                        territories: joined(&o.territories),
                        backup: o.backup.clone().unwrap_or_default(),
                        available: o.available,
                    })
                    .collect(),
            ),
            default_owner: RwSignal::new(config.routing.default_owner.clone().unwrap_or_default()),
            after_hours_owner: RwSignal::new(config.routing.after_hours_owner.clone().unwrap_or_default()),
            sla: [sla.emergency, sla.urgent, sla.routine, sla.unknown].map(|m| RwSignal::new(m.to_string())),
            high_value: RwSignal::new(config.high_value_amount.map(|a| a.to_string()).unwrap_or_default()),
            repeat_window: RwSignal::new(config.repeat_window_minutes.to_string()),
            sms_enabled: RwSignal::new(config.sms.enabled),
            templates: RwSignal::new(
                config.sms.templates.iter().map(|t| TemplateRow { id: t.id.clone(), text: t.text.clone() }).collect(),
            ),
            origins: RwSignal::new(origins.join("\n")),
        }
    }
}

/// `07:00-12:00, 12:30-18:00` → `[["07:00","12:00"],["12:30","18:00"]]`; empty = closed.
fn parse_day(text: &str) -> Result<Value, String> {
    let mut intervals = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (opens, closes) =
            part.split_once('-').ok_or_else(|| format!("{part:?}: write an interval as 08:00-17:00"))?;
        let (opens, closes) = (opens.trim(), closes.trim());
        let o = ClockTime::parse(opens).ok_or_else(|| format!("{opens:?} is not HH:MM"))?;
        let c = ClockTime::parse(closes).ok_or_else(|| format!("{closes:?} is not HH:MM"))?;
        if c <= o {
            return Err(format!("{part}: closes before it opens (split overnight hours over two days)"));
        }
        intervals.push(json!([opens, closes]));
    }
    Ok(Value::Array(intervals))
}

fn parse_holidays(text: &str) -> Result<Value, String> {
    let mut days = Vec::new();
    for line in split_list(text) {
        let ok = line.len() == 10 && line.parse::<jiff::civil::Date>().is_ok();
        if !ok {
            return Err(format!("{line:?} is not a YYYY-MM-DD date"));
        }
        days.push(json!(line));
    }
    Ok(Value::Array(days))
}

fn parse_minutes(text: &str) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(0) => Err("must be at least 1 minute".into()),
        Ok(m) => Ok(m),
        Err(_) => Err(format!("{:?} is not a whole number of minutes", text.trim())),
    }
}

fn parse_amount(text: &str) -> Result<Value, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Value::Null);
    }
    match text.replace(',', "").parse::<f64>() {
        Ok(a) if a.is_finite() && a >= 0.0 => Ok(json!(a)),
        _ => Err(format!("{text:?} is not an amount")),
    }
}

fn parse_origins(text: &str) -> Result<Vec<String>, String> {
    let mut origins = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        origins.push(parse_origin(line).map_err(|e| e.to_string())?.as_str().to_owned());
    }
    Ok(origins)
}

/// The config JSON the form describes, over the current config (keeps fields the form does not
/// show, such as the lexicon and the default country). `Err` lists the fields' errors.
fn build_config(form: Form, current: &Config) -> Result<Value, String> {
    let mut config = serde_json::to_value(current).map_err(|e| e.to_string())?;
    let mut hours = serde_json::Map::new();
    for (i, (_, key, label)) in DAYS.iter().enumerate() {
        let day = parse_day(&form.hours[i].get_untracked()).map_err(|e| format!("{label}: {e}"))?;
        if day.as_array().is_some_and(|a| !a.is_empty()) {
            hours.insert((*key).to_owned(), day);
        }
    }
    let [emergency, urgent, routine, unknown] = form.sla.map(|s| s.get_untracked());
    let sla = json!({"callback_minutes": {
        "emergency": parse_minutes(&emergency).map_err(|e| format!("Emergency SLA: {e}"))?,
        "urgent": parse_minutes(&urgent).map_err(|e| format!("Urgent SLA: {e}"))?,
        "routine": parse_minutes(&routine).map_err(|e| format!("Routine SLA: {e}"))?,
        "unknown": parse_minutes(&unknown).map_err(|e| format!("Unknown SLA: {e}"))?,
    }});
    let object = config.as_object_mut().ok_or("the config is not an object")?;
    object.insert("timezone".into(), json!(form.timezone.get_untracked().trim()));
    object.insert("business_hours".into(), Value::Object(hours));
    object.insert(
        "holidays".into(),
        parse_holidays(&form.holidays.get_untracked()).map_err(|e| format!("Holidays: {e}"))?,
    );
    object.insert(
        "sources".into(),
        Value::Array(
            form.sources
                .get_untracked()
                .iter()
                .map(|s| {
                    json!({"number": s.number.trim(), "name": s.name.trim(), "campaign": optional(&s.campaign),
                           "service_line": optional(&s.service_line), "owner": optional(&s.owner)})
                })
                .collect(),
        ),
    );
    object.insert(
        "owners".into(),
        Value::Array(
            form.owners
                .get_untracked()
                .iter()
                .map(|o| {
                    json!({"id": o.id.trim(), "name": o.name.trim(), "service_lines": split_list(&o.service_lines),
                           "territories": split_list(&o.territories), "backup": optional(&o.backup), "available": o.available})
                })
                .collect(),
        ),
    );
    object.insert(
        "routing".into(),
        json!({"default_owner": optional(&form.default_owner.get_untracked()),
               "after_hours_owner": optional(&form.after_hours_owner.get_untracked())}),
    );
    object.insert("sla".into(), sla);
    object.insert(
        "high_value_amount".into(),
        parse_amount(&form.high_value.get_untracked()).map_err(|e| format!("High-value amount: {e}"))?,
    );
    let repeat = form.repeat_window.get_untracked();
    let repeat = repeat.trim().parse::<u32>().map_err(|_| format!("Repeat window: {repeat:?} is not whole minutes"))?;
    object.insert("repeat_window_minutes".into(), json!(repeat));
    let templates: Vec<Value> =
        form.templates.get_untracked().iter().map(|t| json!({"id": t.id.trim(), "text": t.text})).collect();
    object.insert("sms".into(), json!({"enabled": form.sms_enabled.get_untracked(), "templates": templates}));
    Ok(config)
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
    let form = Form::from_config(&config, &origins);
    let save_error = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let current = StoredValue::new(config);

    let save = move |_| {
        save_error.set(None);
        let built = build_config(form, &current.get_value())
            .and_then(|json| serde_json::from_value::<Config>(json).map_err(|e| e.to_string()));
        let origins = parse_origins(&form.origins.get_untracked()).map_err(|e| format!("Embed origins: {e}"));
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

    let owner_options =
        move || form.owners.with(|owners| owners.iter().map(|o| (o.id.clone(), o.name.clone())).collect::<Vec<_>>());
    let owner_select = move |value: RwSignal<String>, label: &'static str| {
        view! {
            <select aria-label=label prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="">"(none)"</option>
                {move || owner_options().into_iter().map(|(id, name)| {
                    let selected = value.get_untracked() == id;
                    view! { <option value=id.clone() selected=selected>{format!("{name} ({id})")}</option> }
                }).collect_view()}
            </select>
        }
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
            {move || save_error.get().map(|e| view! { <div class="notice error" role="alert">{e}</div> })}

            <section class="settings-section">
                <h3>"Business hours and time zone"</h3>
                <p class="help">"Open intervals per day in local time, like 07:00-12:00, 12:30-18:00. Empty means closed."</p>
                <label class="field">
                    <span>"Time zone (IANA)"</span>
                    <input name="timezone" prop:value=move || form.timezone.get() on:input=move |ev| form.timezone.set(event_target_value(&ev)) />
                </label>
                {DAYS.iter().enumerate().map(|(i, (_, key, label))| {
                    let text = form.hours[i];
                    let error = move || parse_day(&text.get()).err();
                    view! {
                        <label class="field">
                            <span>{*label}</span>
                            <input name=format!("hours-{key}") class:invalid=move || error().is_some() prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev)) />
                            {move || error().map(|e| view! { <span class="field-error">{e}</span> })}
                        </label>
                    }
                }).collect_view()}
                <label class="field">
                    <span>"Holidays"</span>
                    <textarea name="holidays" rows="3" class:invalid=move || parse_holidays(&form.holidays.get()).is_err() prop:value=move || form.holidays.get() on:input=move |ev| form.holidays.set(event_target_value(&ev))></textarea>
                    {move || parse_holidays(&form.holidays.get()).err().map(|e| view! { <span class="field-error">{e}</span> })}
                </label>
            </section>

            <section class="settings-section">
                <h3>"Tracking numbers"</h3>
                <p class="help">"The number a caller dialed names the source, its campaign and service line; an owner here takes every call to it."</p>
                <table class="table-edit">
                    <thead><tr><th>"Number"</th><th>"Name"</th><th>"Campaign"</th><th>"Service line"</th><th>"Owner id"</th><th></th></tr></thead>
                    <tbody>
                        {move || form.sources.get().into_iter().enumerate().map(|(i, row)| {
                            let edit = move |f: fn(&mut SourceRow, String)| move |ev: leptos::ev::Event| {
                                let v = event_target_value(&ev);
                                form.sources.update_untracked(|rows| f(&mut rows[i], v));
                            };
                            view! {
                                <tr>
                                    <td><input value=row.number on:change=edit(|r, v| r.number = v) aria-label="Tracking number" /></td>
                                    <td><input value=row.name on:change=edit(|r, v| r.name = v) aria-label="Source name" /></td>
                                    <td><input value=row.campaign on:change=edit(|r, v| r.campaign = v) aria-label="Campaign" /></td>
                                    <td><input value=row.service_line on:change=edit(|r, v| r.service_line = v) aria-label="Service line" /></td>
                                    <td><input value=row.owner on:change=edit(|r, v| r.owner = v) aria-label="Source owner" /></td>
                                    <td><button class="button small ghost" on:click=move |_| form.sources.update(|rows| { rows.remove(i); })>"Remove"</button></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <button class="button small" on:click=move |_| form.sources.update(|rows| rows.push(SourceRow::default()))>"Add tracking number"</button>
            </section>

            <section class="settings-section">
                <h3>"Owners, backups and routing"</h3>
                <p class="help">"Service lines and territories are comma-separated; a territory is a postal code or prefix (606 covers 60614). An unavailable owner's calls go to their backup."</p>
                <table class="table-edit">
                    <thead><tr><th>"Id"</th><th>"Name"</th><th>"Service lines"</th><th>"Territories"</th><th>"Backup id"</th><th>"Available"</th><th></th></tr></thead>
                    <tbody>
                        {move || form.owners.get().into_iter().enumerate().map(|(i, row)| {
                            let edit = move |f: fn(&mut OwnerRow, String)| move |ev: leptos::ev::Event| {
                                let v = event_target_value(&ev);
                                form.owners.update(|rows| f(&mut rows[i], v));
                            };
                            view! {
                                <tr>
                                    <td><input value=row.id on:change=edit(|r, v| r.id = v) aria-label="Owner id" /></td>
                                    <td><input value=row.name on:change=edit(|r, v| r.name = v) aria-label="Owner name" /></td>
                                    <td><input value=row.service_lines on:change=edit(|r, v| r.service_lines = v) aria-label="Service lines" /></td>
                                    <td><input value=row.territories on:change=edit(|r, v| r.territories = v) aria-label="Territories" /></td>
                                    <td><input value=row.backup on:change=edit(|r, v| r.backup = v) aria-label="Backup" /></td>
                                    <td><input type="checkbox" checked=row.available aria-label="Available" on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        form.owners.update_untracked(|rows| rows[i].available = on);
                                    } /></td>
                                    <td><button class="button small ghost" on:click=move |_| form.owners.update(|rows| { rows.remove(i); })>"Remove"</button></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <button class="button small" on:click=move |_| form.owners.update(|rows| rows.push(OwnerRow { available: true, ..OwnerRow::default() }))>"Add owner"</button>
                <label class="field"><span>"Default owner"</span>{owner_select(form.default_owner, "Default owner")}</label>
                <label class="field"><span>"After-hours emergency owner"</span>{owner_select(form.after_hours_owner, "After-hours owner")}</label>
            </section>

            <section class="settings-section">
                <h3>"Deadlines and thresholds"</h3>
                <p class="help">"Minutes to call back by urgency. Emergency and urgent count wall-clock minutes; routine and unknown count business minutes."</p>
                <div class="grid-4">
                    {["Emergency", "Urgent", "Routine", "Unknown"].into_iter().enumerate().map(|(i, label)| {
                        let value = form.sla[i];
                        let error = move || parse_minutes(&value.get()).err();
                        view! {
                            <label>
                                {label}
                                <input type="number" min="1" name=format!("sla-{}", label.to_lowercase()) class:invalid=move || error().is_some() prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
                                {move || error().map(|e| view! { <span class="field-error">{e}</span> })}
                            </label>
                        }
                    }).collect_view()}
                </div>
                <label class="field">
                    <span>"High-value amount"</span>
                    <input name="high_value" class:invalid=move || parse_amount(&form.high_value.get()).is_err() prop:value=move || form.high_value.get() on:input=move |ev| form.high_value.set(event_target_value(&ev)) />
                    {move || parse_amount(&form.high_value.get()).err().map(|e| view! { <span class="field-error">{e}</span> })}
                </label>
                <label class="field">
                    <span>"Repeat window (minutes)"</span>
                    <input name="repeat_window" type="number" min="0" prop:value=move || form.repeat_window.get() on:input=move |ev| form.repeat_window.set(event_target_value(&ev)) />
                    {move || form.repeat_window.get().trim().parse::<u32>().is_err().then(|| view! { <span class="field-error">"whole minutes, 0 or more"</span> })}
                </label>
            </section>

            <section class="settings-section">
                <h3>"Follow-up texts"</h3>
                <p class="help">"A text goes only to contacts who opted in, for plain callback tasks, in approved wording. Wording that promises a price, a time or availability is never sent."</p>
                <label class="check">
                    <input type="checkbox" name="sms_enabled" prop:checked=move || form.sms_enabled.get() on:change=move |ev| form.sms_enabled.set(event_target_checked(&ev)) />
                    "Texts enabled"
                </label>
                {move || form.templates.get().into_iter().enumerate().map(|(i, row)| {
                    let text = RwSignal::new(row.text.clone());
                    let guard = PromiseGuard::default();
                    let verdict = move || text.with(|t| guard.check(t).map_err(|p| p.to_string()));
                    view! {
                        <div class="template">
                            <label class="field">
                                <span>"Template id"</span>
                                <input value=row.id aria-label="Template id" on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    form.templates.update_untracked(|rows| rows[i].id = v);
                                } />
                            </label>
                            <textarea rows="2" name=format!("template-{i}") aria-label="Template text" prop:value=move || text.get() on:input=move |ev| {
                                let v = event_target_value(&ev);
                                text.set(v.clone());
                                form.templates.update_untracked(|rows| rows[i].text = v);
                            }></textarea>
                            {move || match verdict() {
                                Ok(()) => view! { <p class="verdict ok" data-verdict="approved">"✓ Approved: promises nothing."</p> }.into_any(),
                                Err(problem) => view! { <p class="verdict bad" data-verdict="blocked">{format!("✕ Never sent: {problem}")}</p> }.into_any(),
                            }}
                            <button class="button small ghost" on:click=move |_| form.templates.update(|rows| { rows.remove(i); })>"Remove template"</button>
                        </div>
                    }
                }).collect_view()}
                <button class="button small" on:click=move |_| form.templates.update(|rows| rows.push(TemplateRow::default()))>"Add template"</button>
            </section>

            <section class="settings-section">
                <h3>"Embedding"</h3>
                <p class="help">"Origins (scheme://host[:port]) allowed to embed the sidebar and tell it which record is in view, one per line. This app's own origin is always allowed."</p>
                <label class="field">
                    <span>"Allowed origins"</span>
                    <textarea name="embed_origins" rows="3" class:invalid=move || parse_origins(&form.origins.get()).is_err() prop:value=move || form.origins.get() on:input=move |ev| form.origins.set(event_target_value(&ev))></textarea>
                    {move || parse_origins(&form.origins.get()).err().map(|e| view! { <span class="field-error">{e}</span> })}
                </label>
            </section>
            <SettingsHistory />
        </div>
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
                .map(|a| view! { <li><time>{a.when.clone()}</time>" · "{a.who.clone()}" · "{a.intent.label()}</li> })
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
