//! The shell's routing without a router crate (feature `app-shell`): the page's URL as signals,
//! same-origin link clicks turned into client-side navigations, back and forward, and the
//! surface each path shows.
//!
//! The shell has six flat routes and one query parameter; leptos_router's generic route tree,
//! matching and lazy-route machinery, with the crates it brought, were 43.5 KB gzipped (12%) of
//! the main module (issue 16, measured 2026-12-02). What it did for this app is kept: which
//! clicks are taken over (`Location::follow_link`, after leptos_router 0.8's
//! `handle_anchor_click`), one history entry per navigation and none when the address is the one
//! shown, the top of the page after a navigation, `aria-current="page"` on the tab whose path is
//! open, a trailing `/` matching the same route, and a lazy surface kept off the screen until its
//! chunk has loaded (the surface before it stays meanwhile).

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlAnchorElement, MouseEvent};

use crate::ui::connections::ConnectionsPage;
use crate::ui::queue::QueuePage;
use crate::ui::reports::ReportsPage;
use crate::ui::settings::SettingsPage;
use crate::ui::sidebar::SidebarPage;

/// The page's URL as the shell reads it: the path, and the query without its `?`.
#[derive(Clone, Copy)]
pub struct Location {
    path: RwSignal<String>,
    search: RwSignal<String>,
}

/// The location provided by the shell ([`Location::provide`]).
pub fn use_location() -> Location {
    expect_context()
}

impl Location {
    /// Reads the page's URL and follows it from now on: link clicks and back/forward.
    pub fn provide() -> Location {
        let (path, search) = page_path_and_search();
        let location = Location { path: RwSignal::new(path), search: RwSignal::new(search) };
        provide_context(location);
        let clicks = window_event_listener(leptos::ev::click, move |ev| location.follow_link(&ev));
        let history = window_event_listener(leptos::ev::popstate, move |_| {
            let (path, search) = page_path_and_search();
            location.show(path, search);
        });
        on_cleanup(move || {
            clicks.remove();
            history.remove();
        });
        location
    }

    /// The query parameter `key` (its last value when repeated), decoded; tracked.
    pub fn query(&self, key: &str) -> Option<String> {
        self.search.with(|search| {
            let params = web_sys::UrlSearchParams::new_with_str(search).ok()?;
            params.get_all(key).pop().as_string()
        })
    }

    /// Goes to `to` (a path and query on this origin): the signals first, then the history entry
    /// (replacing the current one with `replace`), then the top of the page.
    pub fn navigate(&self, to: &str, replace: bool) {
        self.go(to, replace, true);
    }

    fn show(&self, path: String, search: String) {
        if self.path.with_untracked(|p| *p != path) {
            self.path.set(path);
        }
        if self.search.with_untracked(|s| *s != search) {
            self.search.set(search);
        }
    }

    fn go(&self, to: &str, replace: bool, scroll: bool) {
        let window = window();
        let location = window.location();
        let Ok(origin) = location.origin() else { return };
        let Ok(url) = web_sys::Url::new_with_base(to, &origin) else {
            web_sys::console::error_1(&format!("not an address: {to}").into());
            return;
        };
        if url.origin() != origin {
            let _ = location.set_href(to);
            return;
        }
        let path = url.pathname();
        let search = url.search().strip_prefix('?').unwrap_or_default().to_owned();
        let hash = url.hash();
        let full = format!("{path}{}{search}{hash}", if search.is_empty() { "" } else { "?" });
        self.show(path, search);
        let shown = format!(
            "{}{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default(),
            location.hash().unwrap_or_default()
        );
        if let Ok(history) = window.history() {
            let written = if replace {
                history.replace_state_with_url(&JsValue::NULL, "", Some(&full))
            } else if shown != full {
                history.push_state_with_url(&JsValue::NULL, "", Some(&full))
            } else {
                Ok(())
            };
            if let Err(e) = written {
                web_sys::console::error_1(&e);
            }
        }
        scroll_after_navigation(&hash, scroll);
    }

    /// A click on a link to this origin becomes a navigation without a reload, unless the browser
    /// should have it: another button or a modifier key (a new tab), a `target`, `download` or
    /// `rel="external"`, or an address on another origin.
    fn follow_link(&self, ev: &MouseEvent) {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.meta_key()
            || ev.alt_key()
            || ev.ctrl_key()
            || ev.shift_key()
        {
            return;
        }
        // The outermost anchor on the event's path, as leptos_router took it.
        let Some(anchor) = ev.composed_path().iter().rev().find_map(|t| t.dyn_into::<HtmlAnchorElement>().ok()) else {
            return;
        };
        let href = anchor.href();
        if !anchor.target().is_empty() || (href.is_empty() && !anchor.has_attribute("state")) {
            return;
        }
        let rel = anchor.get_attribute("rel").unwrap_or_default();
        if anchor.has_attribute("download") || rel.split([' ', '\t']).any(|part| part == "external") {
            return;
        }
        let Ok(origin) = window().location().origin() else { return };
        let Ok(url) = web_sys::Url::new_with_base(&href, &origin) else { return };
        if url.origin() != origin {
            return;
        }
        ev.prevent_default();
        let search = url.search();
        let to = format!("{}{search}{}", url.pathname(), url.hash());
        let scroll = !anchor.has_attribute("noscroll") && !anchor.has_attribute("data-noscroll");
        self.go(&to, false, scroll);
    }
}

fn page_path_and_search() -> (String, String) {
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    let search = location.search().unwrap_or_default();
    (path, search.strip_prefix('?').unwrap_or(&search).to_owned())
}

/// To the element the hash names, else (unless the link said `noscroll`) to the top.
fn scroll_after_navigation(hash: &str, scroll: bool) {
    if let Some(id) = hash.strip_prefix('#').filter(|id| !id.is_empty()) {
        let id = js_sys::decode_uri(id).ok().and_then(|decoded| decoded.as_string()).unwrap_or_else(|| id.to_owned());
        if let Some(element) = document().get_element_by_id(&id) {
            element.scroll_into_view();
            return;
        }
    }
    if scroll {
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// A link in the shell's tabs: `aria-current="page"` while its path (or one below it) is open.
#[component]
pub fn NavLink(href: &'static str, children: Children) -> impl IntoView {
    let location = use_location();
    let current = move || {
        location.path.with(|path| path == href || path.strip_prefix(href).is_some_and(|rest| rest.starts_with('/')))
    };
    view! {
        <a href=href aria-current=move || current().then_some("page")>
            {children()}
        </a>
    }
}

/// The shell's routes. `/` and `/queue` are two routes showing the queue, as they were.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Route {
    Root,
    Queue,
    Reports,
    Settings,
    Connections,
    Sidebar,
    Unknown,
}

impl Route {
    fn of(path: &str) -> Route {
        let path = path.strip_suffix('/').filter(|p| !p.is_empty()).unwrap_or(path);
        match path {
            "/" => Route::Root,
            "/queue" => Route::Queue,
            "/reports" => Route::Reports,
            "/settings" => Route::Settings,
            "/connections" => Route::Connections,
            "/sidebar" => Route::Sidebar,
            _ => Route::Unknown,
        }
    }

    /// The surfaces in the main module; `None` for those in a chunk of their own.
    fn eager(self) -> Option<Render> {
        match self {
            Route::Root | Route::Queue => Some(render_queue),
            Route::Unknown => Some(render_no_such_page),
            Route::Reports | Route::Settings | Route::Connections | Route::Sidebar => None,
        }
    }

    async fn load(self) -> Render {
        match self {
            Route::Reports => load_reports().await,
            Route::Settings => load_settings().await,
            Route::Connections => load_connections().await,
            Route::Sidebar => load_sidebar().await,
            Route::Root | Route::Queue => render_queue,
            Route::Unknown => render_no_such_page,
        }
    }
}

type Render = fn() -> AnyView;

fn render_queue() -> AnyView {
    view! { <QueuePage /> }.into_any()
}

fn render_no_such_page() -> AnyView {
    view! { <p class="empty">"No such page. " <NavLink href="/queue">"Open the queue"</NavLink></p> }.into_any()
}

/// The surface of the open path. A lazy one appears once its chunk has loaded, if its path is
/// still the open one; until then the surface before it stays.
#[component]
pub fn Surfaces() -> impl IntoView {
    let location = use_location();
    let wanted = Memo::new(move |_| location.path.with(|path| Route::of(path)));
    let first = wanted.get_untracked();
    let shown = RwSignal::new(first.eager().map(|render| (first, render)));
    Effect::new(move |_| {
        let route = wanted.get();
        if shown.with_untracked(|s| s.map(|(r, _)| r)) == Some(route) {
            return;
        }
        match route.eager() {
            Some(render) => shown.set(Some((route, render))),
            None => leptos::task::spawn_local(async move {
                let render = route.load().await;
                // These surfaces may be gone by now (`Loaded` renders them anew when the store
                // loads under them, as on a reload of a lazy route): then the new ones show it.
                if wanted.try_get_untracked() == Some(route) {
                    let _ = shown.try_set(Some((route, render)));
                }
            }),
        }
    });
    move || shown.get().map(|(_, render)| render())
}

// The surfaces an intake lead does not need first, fetched the first time their route opens
// (scripts/build-wasm); the chunk hands back the surface's renderer. The reports (a manager's)
// stand alone; the admin's settings, connections and the full-width sidebar are one module,
// `admin_and_write_back`: as three split points they cut the code they share with each other and
// with the engine into a chunk per combination, and a first start fetched them all (issue 16).
// Write-back (`ui::app`) is in it too: the connections page runs the same sync and outbox, and
// as a module of its own it cut five more chunks out of the first start's.

#[lazy]
fn load_reports() -> Render {
    || view! { <ReportsPage /> }.into_any()
}

#[leptos::wasm_split::wasm_split(admin_and_write_back, wasm_split_path = leptos::wasm_split)]
fn load_settings() -> Render {
    || view! { <SettingsPage /> }.into_any()
}

#[leptos::wasm_split::wasm_split(admin_and_write_back, wasm_split_path = leptos::wasm_split)]
fn load_connections() -> Render {
    || view! { <ConnectionsPage /> }.into_any()
}

/// The sidebar inside the shell, for trying it out at full width.
#[leptos::wasm_split::wasm_split(admin_and_write_back, wasm_split_path = leptos::wasm_split)]
fn load_sidebar() -> Render {
    || view! { <SidebarPage /> }.into_any()
}
