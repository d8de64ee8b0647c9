//! One conversation: its messages, live, and the composer.

use leptos::prelude::*;

/// One conversation: its messages, live, and the composer.
#[component]
pub fn ChatPage() -> impl IntoView {
    view! { <section class="page"></section> }
}
