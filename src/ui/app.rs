//! The app shell: loads the state, routes to the four surfaces, and frames them with the top bar.
//!
//! Routes: `/` and `/queue` (review queue, `?call=<id>` opens one call), `/reports`, `/settings`,
//! `/connections`, `/sidebar`. Any URL with `?embed=sidebar` renders only the sidebar, without the shell, for
//! the CRM iframe; CRMs should embed the lean bundle at `/sidebar/` ([`SidebarApp`]), which loads
//! half as much. The router has no hash mode: the server returns index.html for every path.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::store::{provide_app_state, use_app_state, LoadStatus, NoticeKind};
use crate::ui::connections::ConnectionsPage;
use crate::ui::data_menu::DataMenu;
use crate::ui::queue::QueuePage;
use crate::ui::reports::ReportsPage;
use crate::ui::settings::SettingsPage;
use crate::ui::sidebar::SidebarPage;

/// `?embed=sidebar` in the page's URL.
fn embedded_as_sidebar() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|search| search.trim_start_matches('?').split('&').any(|pair| pair == "embed=sidebar"))
}

#[component]
pub fn App() -> impl IntoView {
    let state = provide_app_state();
    crate::sync::start_write_back(state);
    let embedded = embedded_as_sidebar();
    view! {
        <Router>
            {if embedded {
                view! { <EmbeddedSidebar /> }.into_any()
            } else {
                view! { <Shell /> }.into_any()
            }}
        </Router>
    }
}

/// The lean sidebar bundle's root (src/bin/sidebar.rs): the store and the sidebar, nothing else.
/// Write-back to HubSpot runs in the full app's tab, which holds the token; it queues the
/// dispositions logged here from the shared store when it starts.
#[component]
pub fn SidebarApp() -> impl IntoView {
    provide_app_state();
    view! { <EmbeddedSidebar /> }
}

/// The sidebar without the shell, for the CRM iframe.
#[component]
fn EmbeddedSidebar() -> impl IntoView {
    view! {
        <div class="embedded">
            <Loaded>
                <SidebarPage />
            </Loaded>
        </div>
    }
}

#[component]
fn Shell() -> impl IntoView {
    view! {
        <div class="shell">
            <TopBar />
            <NoticeBar />
            <main class="surface">
                <Loaded>
                    <Routes fallback=|| view! { <p class="empty">"No such page. " <A href="/queue">"Open the queue"</A></p> }>
                        <Route path=path!("/") view=QueuePage />
                        <Route path=path!("/queue") view=QueuePage />
                        <Route path=path!("/reports") view=ReportsPage />
                        <Route path=path!("/settings") view=SettingsPage />
                        <Route path=path!("/connections") view=ConnectionsPage />
                        <Route path=path!("/sidebar") view=SidebarPage />
                    </Routes>
                </Loaded>
            </main>
        </div>
    }
}

/// Shows its children once the store is loaded; a loading line or the error before that.
#[component]
fn Loaded(children: ChildrenFn) -> impl IntoView {
    let state = use_app_state();
    move || match state.status.get() {
        LoadStatus::Loading => view! { <p class="loading">"Loading the queue…"</p> }.into_any(),
        LoadStatus::Failed(message) => view! {
            <div class="load-failed" role="alert">
                <h2>"The app could not start"</h2>
                <p>{message}</p>
            </div>
        }
        .into_any(),
        LoadStatus::Ready => children().into_any(),
    }
}

#[component]
fn TopBar() -> impl IntoView {
    let state = use_app_state();
    let owners = move || state.config().map(|c| c.owners).unwrap_or_default();
    let origin_label = move || match state.meta.with(|m| m.origin.clone()).as_str() {
        "demo" => "Demo data",
        "import" => "Imported bundle",
        "sync" => "Synced",
        "csv" => "Imported CSV",
        _ => "",
    };
    view! {
        <header class="topbar">
            <a class="brand" href="/queue">
                <span class="brand-mark" aria-hidden="true">"◷"</span>
                "Callback Clock"
            </a>
            <nav class="tabs" aria-label="Surfaces">
                <A href="/queue">"Queue"</A>
                <A href="/reports">"Reports"</A>
                <A href="/settings">"Settings"</A>
                <A href="/connections">"Connections"</A>
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
                    {move || {
                        owners()
                            .into_iter()
                            .map(|o| view! { <option value=o.id.clone()>{o.name.clone()}</option> })
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
