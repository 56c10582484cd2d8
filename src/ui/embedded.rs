//! What renders inside a CRM's iframe: the sidebar on the shared store, without the shell. The
//! lean sidebar bundle (`src/bin/sidebar.rs`) mounts [`SidebarApp`]; `index.html` sends the full
//! app's `?embed=sidebar` URLs there.

use leptos::prelude::*;

use crate::store::{provide_app_state, use_app_state, AppState, LoadStatus, Persistence, UnreadableStore};
use crate::ui::download::download_text;
use crate::ui::sidebar::SidebarPage;

/// The lean sidebar bundle's root (src/bin/sidebar.rs): the store and the sidebar, and, once the
/// first triage is shown, write-back as a lazy chunk: what a rep logs here goes to HubSpot from here
/// (through `callback-clock serve`'s proxy, or with the tab's token), not only when the full
/// app's tab is open.
#[component]
pub fn SidebarApp() -> impl IntoView {
    let state = provide_app_state();
    leptos::task::spawn_local(crate::sync::served_by::sign_in_when_served(state));
    #[cfg(feature = "sidebar-bundle")]
    once_triaged(state, move |owner| leptos::task::spawn_local(start_sidebar_write_back(state, owner)));
    view! { <EmbeddedSidebar /> }
}

/// Runs `start` once, the first time the store is loaded and its first triage is shown (or
/// refused), with the current reactive owner (so what it starts belongs to the surface like any
/// other effect). Write-back starts here: its chunk (the outbox runner, both clients, the sync)
/// is fetched after the queue's rows are on screen, not beside the engine they wait for
/// (issue 16: a first start fetched 141 KB gzipped of it before its rows showed). It runs in a
/// task of its own, after the one that put the rows in the page; a timer, not an animation
/// frame, so a tab opened in the background starts it too.
pub fn once_triaged(state: AppState, start: impl FnOnce(Owner) + 'static) {
    let Some(owner) = Owner::current() else { return };
    let start = StoredValue::new_local(Some(start));
    Effect::new(move |_| {
        let triaged = state.triage.with(Option::is_some);
        if state.status.get() == LoadStatus::Ready && triaged {
            if let Some(start) = start.try_update_value(Option::take).flatten() {
                let owner = owner.clone();
                set_timeout(move || start(owner), std::time::Duration::ZERO);
            }
        }
    });
}

/// The outbox runner and the clients, fetched after the sidebar's first triage is shown (only
/// the lean bundle has this split point; the full app has its own in `ui::app`).
#[cfg(feature = "sidebar-bundle")]
#[leptos::wasm_split::wasm_split(write_back, wasm_split_path = leptos::wasm_split)]
fn start_sidebar_write_back(state: crate::store::AppState, owner: Owner) {
    owner.with(|| crate::sync::start_write_back(state));
    state.bring_log_to_rfc_3339();
}

/// The sidebar without the shell, for the CRM iframe.
#[component]
pub fn EmbeddedSidebar() -> impl IntoView {
    view! {
        <div class="embedded">
            <PageOnlyStorageNotice />
            <Loaded>
                <SidebarPage />
            </Loaded>
        </div>
    }
}

/// Where the browser refuses storage to a frame of another site (third-party storage blocked),
/// the sidebar works from the page's memory; it says so once, plainly.
#[component]
fn PageOnlyStorageNotice() -> impl IntoView {
    let state = use_app_state();
    move || {
        (state.persistence.get() == Persistence::PageOnly).then(|| {
            view! {
                <p class="storage-notice" role="status" data-testid="page-only-storage">
                    "This browser does not let the sidebar keep data inside the CRM's page, so it works from memory: what you log here is kept until you close it."
                </p>
            }
        })
    }
}

/// Shows its children once the store is loaded; a loading line or the error before that.
#[component]
pub fn Loaded(children: ChildrenFn) -> impl IntoView {
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
        LoadStatus::Unreadable(kept) => view! { <UnreadableStoreNotice kept /> }.into_any(),
        LoadStatus::Ready => children().into_any(),
    }
}

/// What this browser had stored could not be read: it is kept, and the person decides.
#[component]
fn UnreadableStoreNotice(kept: UnreadableStore) -> impl IntoView {
    let state = use_app_state();
    let copy = kept.copy.clone();
    let download = move |_| download_text("callback-clock-unreadable.json", "application/json", &copy);
    view! {
        <div class="load-failed" role="alert" data-testid="unreadable-store">
            <h2>"The data stored in this browser could not be read"</h2>
            <p>{kept.reason}</p>
            <p>
                "Nothing was deleted: it is kept as it was, with a copy under " <code>{kept.backup_key}</code>
                ". Download the copy to keep it or to send it to support; then start over with the demo, or import a bundle or an export."
            </p>
            <p class="actions">
                <button on:click=download>"Download the stored data"</button>
                <button on:click=move |_| state.start_over_with_demo()>"Start over with the demo"</button>
            </p>
        </div>
    }
}
