//! Samtal's web client.

use leptos::prelude::*;

/// The application root.
#[component]
pub fn App() -> impl IntoView {
    view! { <main>"Samtal"</main> }
}
