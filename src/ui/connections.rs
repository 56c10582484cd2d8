//! Connections (admin): where the calls and the CRM come from, the sync, and the outbox.
//!
//! The forms edit Twilio's and HubSpot's addresses and ids (saved in IndexedDB) and their
//! tokens (kept in this tab's session storage only; the field never shows a stored token). The
//! sync panel runs `sync::run_sync` with a progress bar and shows what arrived; the outbox panel
//! lists every write to HubSpot and every text to Twilio with its state, tries, next try and last
//! error. The CSV drop zone (`csv_drop`) imports exports instead of a live connection.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::engine::{InputError, ZoneSource};
use crate::store::connection_settings::{
    ConnectionSettings, HubSpotSettings, ServedBy, ServedConfig, TwilioSettings, DEFAULT_SYNC_EVERY_MINUTES,
};
use crate::store::outbox::{outbox_counts, OutboxEntry, OutboxStatus};
use crate::store::sync_merge::SyncSummary;
use crate::store::{use_app_state, NoticeKind};
use crate::sync::session_secrets::{has_secret, store_secret, SecretSlot};
use crate::sync::{flush_soon, run_sync, SyncProgress};
use crate::ui::csv_drop::CsvDropZone;
use crate::ui::field_error::FieldError;
use crate::ui::labels;

/// The form's text, one signal per field.
#[derive(Clone, Copy)]
struct Form {
    twilio_on: RwSignal<bool>,
    twilio_url: RwSignal<String>,
    account_sid: RwSignal<String>,
    key_sid: RwSignal<String>,
    twilio_secret: RwSignal<String>,
    twilio_proxy: RwSignal<bool>,
    messaging_service_sid: RwSignal<String>,
    intelligence_url: RwSignal<String>,
    hubspot_on: RwSignal<bool>,
    hubspot_url: RwSignal<String>,
    hubspot_token: RwSignal<String>,
    hubspot_proxy: RwSignal<bool>,
    logged_calls: RwSignal<bool>,
    write_back: RwSignal<bool>,
    consent_property: RwSignal<String>,
    sync_every: RwSignal<String>,
}

impl Form {
    fn from_settings(settings: &ConnectionSettings) -> Form {
        let twilio = settings.twilio.clone().unwrap_or_else(TwilioSettings::new_default);
        let hubspot = settings.hubspot.clone().unwrap_or_else(HubSpotSettings::new_default);
        Form {
            twilio_on: RwSignal::new(settings.twilio.is_some()),
            twilio_url: RwSignal::new(twilio.base_url),
            account_sid: RwSignal::new(twilio.account_sid),
            key_sid: RwSignal::new(twilio.key_sid),
            twilio_secret: RwSignal::new(String::new()),
            twilio_proxy: RwSignal::new(twilio.proxy_authorizes),
            messaging_service_sid: RwSignal::new(twilio.messaging_service_sid),
            intelligence_url: RwSignal::new(twilio.intelligence_base_url),
            hubspot_on: RwSignal::new(settings.hubspot.is_some()),
            hubspot_url: RwSignal::new(hubspot.base_url),
            hubspot_token: RwSignal::new(String::new()),
            hubspot_proxy: RwSignal::new(hubspot.proxy_authorizes),
            logged_calls: RwSignal::new(hubspot.read_logged_calls),
            write_back: RwSignal::new(hubspot.write_back),
            consent_property: RwSignal::new(hubspot.sms_consent_property),
            sync_every: RwSignal::new(settings.sync_every_minutes.unwrap_or(DEFAULT_SYNC_EVERY_MINUTES).to_string()),
        }
    }

    fn settings(&self, previous: &ConnectionSettings) -> ConnectionSettings {
        let twilio = self.twilio_on.get_untracked().then(|| TwilioSettings {
            base_url: self.twilio_url.get_untracked().trim().to_owned(),
            account_sid: self.account_sid.get_untracked().trim().to_owned(),
            key_sid: self.key_sid.get_untracked().trim().to_owned(),
            proxy_authorizes: self.twilio_proxy.get_untracked(),
            messaging_service_sid: self.messaging_service_sid.get_untracked().trim().to_owned(),
            intelligence_base_url: self.intelligence_url.get_untracked().trim().to_owned(),
        });
        let hubspot = self.hubspot_on.get_untracked().then(|| HubSpotSettings {
            base_url: self.hubspot_url.get_untracked().trim().to_owned(),
            proxy_authorizes: self.hubspot_proxy.get_untracked(),
            read_logged_calls: self.logged_calls.get_untracked(),
            write_back: self.write_back.get_untracked(),
            sms_consent_property: self.consent_property.get_untracked().trim().to_owned(),
        });
        // Whole minutes; anything else keeps the schedule as it was.
        let sync_every_minutes =
            self.sync_every.get_untracked().trim().parse::<u32>().ok().or(previous.sync_every_minutes);
        ConnectionSettings { twilio, hubspot, sync_every_minutes, ..previous.clone() }
    }
}

#[component]
pub fn ConnectionsPage() -> impl IntoView {
    let state = use_app_state();
    let form = Form::from_settings(&state.meta.get_untracked().connections);
    let error: RwSignal<Option<InputError>> = RwSignal::new(None);
    let saved = RwSignal::new(false);
    let progress: RwSignal<Option<SyncProgress>> = RwSignal::new(None);
    let sync_error: RwSignal<Option<String>> = RwSignal::new(None);

    let save = move || {
        saved.set(false);
        let settings = form.settings(&state.meta.get_untracked().connections);
        spawn_local(async move {
            match state.save_connections(settings).await {
                Ok(()) => {
                    error.set(None);
                    let tokens = [
                        (SecretSlot::Twilio, form.twilio_secret.get_untracked()),
                        (SecretSlot::HubSpot, form.hubspot_token.get_untracked()),
                    ];
                    for (slot, token) in tokens {
                        if !token.trim().is_empty() {
                            if let Err(message) = store_secret(slot, &token) {
                                state.say(NoticeKind::Error, message);
                            }
                        }
                    }
                    form.twilio_secret.set(String::new());
                    form.hubspot_token.set(String::new());
                    saved.set(true);
                    flush_soon(state);
                }
                Err(crate::store::app_state::AppError::Input(e)) => error.set(Some(e)),
                Err(other) => state.say(NoticeKind::Error, other.to_string()),
            }
        });
    };
    let sync = move || {
        sync_error.set(None);
        progress.set(Some(SyncProgress { stage: "starting".into(), stages_done: 0, stages_total: 1, answers: 0 }));
        spawn_local(async move {
            match run_sync(state, progress).await {
                Ok(summary) => state.say(NoticeKind::Info, summary.headline()),
                Err(e) => sync_error.set(Some(format!("Sync stopped: {e}. Nothing was changed."))),
            }
            progress.set(None);
        });
    };
    let field_error = move |path: &'static str| {
        move || {
            error.get().filter(|e| e.path == path).map(|e| {
                view! { <FieldError message=e.message /> }
            })
        }
    };

    view! {
        <section class="connections-page">
            <h1>"Connections"</h1>
            <p class="hint">
                "Addresses and ids are saved in this browser. Tokens stay in this tab only and are asked for again in a new tab. "
                "Browsers cannot call Twilio or HubSpot with a secret directly: enter your proxy's address (see the README)."
            </p>
            <ServerPanel form=form />
            <form
                class="connection-forms"
                on:submit=move |ev| {
                    ev.prevent_default();
                    save();
                }
            >
                <fieldset class="card">
                    <ToggleLegend label=" Twilio (missed calls and voicemails)" value=form.twilio_on />
                    <TextField label="Twilio address" value=form.twilio_url />
                    {field_error("twilio.base_url")}
                    <TextField label="Account SID" value=form.account_sid />
                    {field_error("twilio.account_sid")}
                    <TextField label="API key SID (optional)" value=form.key_sid />
                    {field_error("twilio.key_sid")}
                    <TextField label="Twilio secret" value=form.twilio_secret secret=SecretSlot::Twilio />
                    <CheckField label="My proxy adds the Twilio credentials" value=form.twilio_proxy />
                    <TextField
                        label="Messaging Service SID for texts (optional; registered A2P 10DLC senders)"
                        value=form.messaging_service_sid
                    />
                    {field_error("twilio.messaging_service_sid")}
                    <TextField
                        label="Voice Intelligence address (voicemail text; your proxy's, if you use one)"
                        value=form.intelligence_url
                    />
                    {field_error("twilio.intelligence_base_url")}
                </fieldset>
                <fieldset class="card">
                    <ToggleLegend
                        label=" HubSpot (contacts, deals, tickets, owners; tasks written back)"
                        value=form.hubspot_on
                    />
                    <TextField label="HubSpot address" value=form.hubspot_url />
                    {field_error("hubspot.base_url")}
                    <TextField label="HubSpot token" value=form.hubspot_token secret=SecretSlot::HubSpot />
                    <CheckField label="My proxy adds the HubSpot token" value=form.hubspot_proxy />
                    <CheckField label="Also read missed calls logged in HubSpot" value=form.logged_calls />
                    <CheckField label="Write callback tasks and dispositions to HubSpot" value=form.write_back />
                    <TextField label="SMS consent property (optional)" value=form.consent_property />
                    {field_error("hubspot.sms_consent_property")}
                    <p class="hint">
                        "The internal name of the contact property holding opted_in / opted_out. Without it, synced contacts' consent is unknown and no text is offered."
                    </p>
                </fieldset>
                <TextField label="Sync every (minutes; 0 syncs only by hand)" value=form.sync_every />
                <div class="form-actions">
                    <button type="submit" class="button primary">
                        "Save connections"
                    </button>
                    {move || saved.get().then(|| view! { <span class="saved">"Saved."</span> })}
                </div>
            </form>
            <SyncPanel progress=progress error=sync_error on_sync=Callback::new(move |_| sync()) />
            <OutboxPanel />
            <CsvDropZone />
        </section>
    }
}

/// Behind `callback-clock serve`: says so, who is signed in (or where to sign in), and fills the
/// forms with the server's proxy, so this browser never holds a token.
#[component]
fn ServerPanel(form: Form) -> impl IntoView {
    let state = use_app_state();
    // Asked once at start (`sync::served_by::sign_in_when_served`).
    let served = Memo::new(move |_| match state.served_by.get() {
        ServedBy::Server(config) => Some(*config),
        _ => None,
    });
    let use_server = move |served: &ServedConfig| {
        let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
        let settings = ConnectionSettings::default().behind_server(served, &origin);
        if let Some(twilio) = settings.twilio {
            form.twilio_on.set(true);
            form.twilio_url.set(twilio.base_url);
            form.intelligence_url.set(twilio.intelligence_base_url);
            form.account_sid.set(twilio.account_sid);
            form.key_sid.set(String::new());
            form.twilio_proxy.set(true);
        }
        if let Some(hubspot) = settings.hubspot {
            form.hubspot_on.set(true);
            form.hubspot_url.set(hubspot.base_url);
            form.hubspot_proxy.set(true);
        }
    };
    move || {
        let served = served.get()?;
        let who = match &served.user {
            Some(user) => format!("Signed in as {} ({}).", user.name, user.role),
            None => "Not signed in: the server refuses to forward anything until you do.".to_owned(),
        };
        let signed_in = served.user.is_some();
        let config = served.clone();
        Some(view! {
            <div class="card server-panel" role="status">
                <p>
                    "Served by callback-clock serve: it adds the Twilio and HubSpot credentials itself, so this browser never holds them. "
                    {who}
                </p>
                {(!signed_in)
                    .then(|| {
                        view! {
                            <a class="button" href="/signin?next=/connections">
                                "Sign in"
                            </a>
                        }
                    })}
                <button type="button" class="button" on:click=move |_| use_server(&config)>
                    "Connect through this server"
                </button>
                " then Save connections."
            </div>
        })
    }
}

/// A fieldset's legend whose checkbox turns that whole connection on or off.
#[component]
fn ToggleLegend(label: &'static str, value: RwSignal<bool>) -> impl IntoView {
    view! {
        <legend>
            <label>
                <input type="checkbox" prop:checked=value on:change=move |ev| value.set(event_target_checked(&ev)) />
                {label}
            </label>
        </legend>
    }
}

/// A labelled one-line field. With `secret`, a token field: it never shows the stored token,
/// only whether this tab holds one.
#[component]
fn TextField(
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] secret: Option<SecretSlot>,
) -> impl IntoView {
    let placeholder = move || {
        // Re-read after each save (the field empties when saved).
        value.track();
        secret
            .map(|slot| if has_secret(slot) { "held for this tab; type to replace" } else { "not entered in this tab" })
    };
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                type=if secret.is_some() { "password" } else { "text" }
                autocomplete="off"
                spellcheck=secret.is_none().then_some("false")
                prop:value=value
                placeholder=placeholder
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </label>
    }
}

#[component]
fn CheckField(label: &'static str, value: RwSignal<bool>) -> impl IntoView {
    view! {
        <label class="check">
            <input type="checkbox" prop:checked=value on:change=move |ev| value.set(event_target_checked(&ev)) />
            " "
            {label}
        </label>
    }
}

#[component]
fn SyncPanel(
    progress: RwSignal<Option<SyncProgress>>,
    error: RwSignal<Option<String>>,
    on_sync: Callback<()>,
) -> impl IntoView {
    let state = use_app_state();
    let last = move || state.meta.with(|m| m.connections.last_sync.clone());
    view! {
        <section class="card sync-panel" aria-labelledby="sync-heading">
            <h2 id="sync-heading">"Sync"</h2>
            <button
                class="button primary"
                on:click=move |_| on_sync.run(())
                disabled=move || progress.with(Option::is_some)
            >
                "Sync now"
            </button>
            {move || {
                progress
                    .get()
                    .map(|p| {
                        view! {
                            <div class="sync-progress">
                                <progress max=p.stages_total value=p.stages_done aria-label="Sync progress"></progress>
                                <span>{format!("Reading {} ({} answers so far)", p.stage, p.answers)}</span>
                            </div>
                        }
                    })
            }}
            {move || error.get().map(|e| view! { <FieldError message=e /> })}
            {move || last().map(|summary| view! { <SyncSummaryView summary=summary /> })}
        </section>
    }
}

#[component]
fn SyncSummaryView(summary: SyncSummary) -> impl IntoView {
    let state = use_app_state();
    // In the business's zone, like every time in the app; as stored if it cannot be read.
    let when = move |stamp: &str| {
        let zone =
            state.config().and_then(|c| state.zone.with_untracked(|z| z.as_ref().and_then(|z| z.zone(&c.timezone))));
        match (stamp.parse::<jiff::Timestamp>(), zone) {
            (Ok(at), Some(zone)) => labels::local_time(at, &zone),
            _ => stamp.to_owned(),
        }
    };
    let replaced = summary.replaced_demo.then(|| view! { <li>"The demo data was replaced by your own."</li> });
    let owners = (!summary.owners_not_in_settings.is_empty()).then(|| {
        view! {
            <li>
                "HubSpot owners not in Settings (their callbacks go to the default owner): "
                {summary.owners_not_in_settings.join(", ")}
            </li>
        }
    });
    let skipped = (!summary.skipped.is_empty()).then(|| {
        let count = summary.skipped.len();
        view! {
            <li>
                <details>
                    <summary>{format!("{count} records left out")}</summary>
                    <ul>{summary.skipped.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                </details>
            </li>
        }
    });
    view! {
        <div class="sync-summary" data-testid="sync-summary" data-finished-at=summary.finished_at.clone()>
            <h3>{format!("Last sync {}", when(&summary.finished_at))}</h3>
            <ul>
                <li>
                    {format!(
                        "{} new calls, {} updated, {} in the queue's data",
                        summary.calls_new,
                        summary.calls_updated,
                        summary.calls_total,
                    )}
                </li>
                <li>
                    {format!("{} contacts, {} deals, {} tickets", summary.contacts, summary.leads, summary.tickets)}
                </li>
                {replaced}
                {owners}
                {skipped}
            </ul>
        </div>
    }
}

fn status_label(entry: &OutboxEntry) -> String {
    match &entry.status {
        OutboxStatus::Pending if entry.attempts == 0 => "queued".into(),
        OutboxStatus::Pending => format!("retrying (failed {}×)", entry.attempts),
        OutboxStatus::Written { remote_id } => format!("written (task {remote_id})"),
        OutboxStatus::NeedsAttention => "needs attention".into(),
    }
}

#[component]
fn OutboxPanel() -> impl IntoView {
    let state = use_app_state();
    let counts = move || state.outbox.with(|o| outbox_counts(o));
    let retry = move |entry: OutboxEntry| {
        spawn_local(async move {
            let now = crate::store::app_state::browser_now().as_millisecond();
            if let Err(e) = state.update_write(entry.retry_now(now)).await {
                state.say(NoticeKind::Error, e.to_string());
            }
            flush_soon(state);
        });
    };
    let rows = move || {
        let mut entries = state.outbox.get().to_vec();
        // Problems first, then what is waiting, then what landed; newest first within each.
        entries.sort_by_key(|e| (e.is_written(), e.status != OutboxStatus::NeedsAttention, -e.queued_ms));
        entries
            .into_iter()
            .map(|entry| {
                let next = (entry.status == OutboxStatus::Pending && entry.attempts > 0).then(|| {
                    jiff::Timestamp::from_millisecond(entry.next_try_ms).map(|t| t.to_string()).unwrap_or_default()
                });
                let can_retry = !entry.is_written();
                let for_retry = entry.clone();
                view! {
                    <tr class=if entry.is_written() { "written" } else { "waiting" }>
                        <td>{entry.intent.describe()}</td>
                        <td>{status_label(&entry)}</td>
                        <td>{next.unwrap_or_default()}</td>
                        <td class="error-text">{entry.last_error.clone().unwrap_or_default()}</td>
                        <td>
                            {can_retry
                                .then(|| {
                                    view! {
                                        <button class="button small" on:click=move |_| retry(for_retry.clone())>
                                            "Retry now"
                                        </button>
                                    }
                                })}
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="card outbox-panel" aria-labelledby="outbox-heading">
            <h2 id="outbox-heading">"Outbox: HubSpot writes and texts"</h2>
            <p class="outbox-counts" data-testid="outbox-counts">
                {move || {
                    let c = counts();
                    format!("{} written, {} waiting, {} need attention", c.written, c.pending, c.needs_attention)
                }}
            </p>
            <table class="outbox">
                <thead>
                    <tr>
                        <th scope="col">"Write"</th>
                        <th scope="col">"State"</th>
                        <th scope="col">"Next try"</th>
                        <th scope="col">"Last error"</th>
                        <th scope="col"></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
