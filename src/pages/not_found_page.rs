//! Paths the app does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::texts;

/// "Nothing here", with a way back.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let t = texts();
    view! {
        <section class="page" aria-labelledby="not-found-title">
            <header class="page-header">
                <h1 id="not-found-title">{t.common.not_found_title}</h1>
            </header>
            <p>{t.common.not_found_body} <A href="/chats">{t.common.back_to_your_chats}</A></p>
        </section>
    }
}
