//! Loading, empty and error states, alike on every screen.

use leptos::prelude::*;

use crate::api::ClientError;
use crate::i18n::texts;

/// A polite "loading" line with a spinner.
#[component]
pub fn Loading(
    /// What is loading, like "Loading chats".
    #[prop(into)]
    label: String,
) -> impl IntoView {
    view! {
        <p class="loading" role="status">
            <span class="spinner" aria-hidden="true"></span>
            {label}
        </p>
    }
}

/// Shown where a list has nothing in it yet.
#[component]
pub fn EmptyState(
    /// The headline, like "No conversations yet".
    #[prop(into)]
    title: String,
    /// What to do about it.
    children: Children,
) -> impl IntoView {
    view! {
        <div class="empty-state">
            <p class="empty-title">{title}</p>
            <div class="empty-body">{children()}</div>
        </div>
    }
}

/// An error as a sentence, with a way to try again.
#[component]
pub fn ErrorNotice(
    /// What went wrong.
    error: ClientError,
    /// Called by the "Try again" button; without it there is no button.
    #[prop(optional, into)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let t = texts();
    view! {
        <div class="notice notice-error" role="alert">
            <p>{error.human_in(t.lang)}</p>
            {on_retry
                .map(|retry| {
                    view! {
                        <button type="button" class="button button-secondary" on:click=move |_| retry.run(())>
                            {t.common.try_again}
                        </button>
                    }
                })}
        </div>
    }
}
