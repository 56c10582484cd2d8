//! The app shell (being written).
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let _state = crate::store::provide_app_state();
    view! { <p>"Callback Clock"</p> }
}
