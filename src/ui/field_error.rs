//! `FieldError`: a message that something typed or dropped cannot be used, announced as an
//! alert and styled as the form's error line. One home for that markup, so every form's error
//! reads and is selected alike.

use leptos::prelude::*;

#[component]
pub fn FieldError(#[prop(into)] message: String) -> impl IntoView {
    view! {
        <p class="field-error" role="alert">
            {message}
        </p>
    }
}
