//! Paths the app does not know.

use leptos::prelude::*;
use leptos_router::components::A;

/// "Nothing here", with a way back.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <section class="page" aria-labelledby="not-found-title">
            <header class="page-header">
                <h1 id="not-found-title">"Nothing here"</h1>
            </header>
            <p>"This page does not exist. " <A href="/chats">"Back to your chats"</A></p>
        </section>
    }
}
