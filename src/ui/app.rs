//! The app shell (feature `app-shell`, the full app's `src/bin/app.rs`): loads the state, routes to
//! the surfaces, and frames them with the top bar.
//!
//! Routes: `/` and `/queue` (review queue, `?call=<id>` opens one call), `/reports`, `/settings`,
//! `/connections`, and `/sidebar` (the sidebar inside the shell, for trying it at full width).
//! A URL with `?embed=sidebar` never reaches this module: `index.html` sends it to the lean
//! sidebar bundle at `/sidebar/` ([`crate::ui::embedded::SidebarApp`]) before the app loads. The
//! routes are paths, not hashes: the server returns index.html for every path.
//!
//! Routing is `crate::ui::route` (the URL as signals, no router crate). Reports, settings,
//! connections and the full-width sidebar are lazy surfaces: `scripts/build-wasm` splits each
//! into its own wasm chunk, fetched the first time the route opens. Their split exports would keep
//! all their code alive in any other binary of the crate, which is why this module is behind a
//! feature the sidebar's binary does not turn on.

use leptos::prelude::*;

use crate::store::{provide_app_state, use_app_state, DataOrigin, NoticeKind};
use crate::ui::data_menu::DataMenu;
use crate::ui::embedded::{once_triaged, Loaded};
use crate::ui::route::{Location, NavLink, Surfaces};

#[component]
pub fn App() -> impl IntoView {
    let state = provide_app_state();
    leptos::task::spawn_local(crate::sync::served_by::sign_in_when_served(state));
    // Write-back starts once the first triage is shown, so fetching its chunk never delays the
    // queue's rows.
    once_triaged(state, move |owner| leptos::task::spawn_local(start_write_back(state, owner)));
    // `?embed=sidebar` never reaches here: index.html sends it to the lean sidebar bundle.
    Location::provide();
    view! { <Shell /> }
}

#[component]
fn Shell() -> impl IntoView {
    view! {
        <div class="shell">
            <TopBar />
            <NoticeBar />
            <main class="surface">
                <Loaded>
                    <Surfaces />
                </Loaded>
            </main>
        </div>
    }
}

#[component]
fn TopBar() -> impl IntoView {
    let state = use_app_state();
    let owners = move || state.owners();
    let origin_label = move || {
        let now = state.clock.get();
        state.meta.with(|m| match m.connections.last_synced_label(now) {
            Some(synced) if m.origin == DataOrigin::Sync => format!("{}: {synced}", m.origin.label()),
            _ => m.origin.label().to_owned(),
        })
    };
    view! {
        <header class="topbar">
            <a class="brand" href="/queue">
                <span class="brand-mark" aria-hidden="true">
                    "◷"
                </span>
                "Callback Clock"
            </a>
            <nav class="tabs" aria-label="Surfaces">
                <NavLink href="/queue">"Queue"</NavLink>
                <NavLink href="/reports">"Reports"</NavLink>
                <NavLink href="/settings">"Settings"</NavLink>
                <NavLink href="/connections">"Connections"</NavLink>
            </nav>
            <span class="origin-tag">{origin_label}</span>
            <label class="signed-in">
                <span>"Signed in as"</span>
                <select
                    aria-label="Signed in as"
                    on:change=move |ev| {
                        let id = event_target_value(&ev);
                        state.me.set(Some(id));
                    }
                    prop:value=move || state.me.get().unwrap_or_default()
                >
                    // Each option says whether it is "me": the select's own value would be set before
                    // the owners have rendered (a signed-in person who is not the first owner).
                    {move || {
                        owners()
                            .into_iter()
                            .map(|o| {
                                let id = o.id.clone();
                                let mine = move || state.me.get().as_deref() == Some(id.as_str());
                                view! {
                                    <option value=o.id.clone() prop:selected=mine>
                                        {o.name.clone()}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <DataMenu />
        </header>
    }
}

#[component]
fn NoticeBar() -> impl IntoView {
    let state = use_app_state();
    move || {
        state.notice.get().map(|notice| {
            let class = match notice.kind {
                NoticeKind::Info => "notice info",
                NoticeKind::Error => "notice error",
            };
            view! {
                <div class=class role="status" aria-live="polite">
                    <span>{notice.text}</span>
                    <button class="link" on:click=move |_| state.notice.set(None) aria-label="Dismiss">
                        "✕"
                    </button>
                </div>
            }
        })
    }
}

/// Write-back to HubSpot and Twilio (the outbox runner and both clients) comes as a lazy chunk
/// after the first triage is shown, in the admin surfaces' module (`ui::route`), whose
/// connections page drives the same code; its effects belong to the app's owner like any other.
#[leptos::wasm_split::wasm_split(admin_and_write_back, wasm_split_path = leptos::wasm_split)]
fn start_write_back(state: crate::store::AppState, owner: Owner) {
    owner.with(|| crate::sync::start_write_back(state));
    state.bring_log_to_rfc_3339();
}
