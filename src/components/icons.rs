//! Inline icons (no icon font or CDN). Decorative: the text or label next to
//! them carries the meaning, so they are hidden from assistive technology.

use leptos::prelude::*;

/// A building: the "Office" mark of organization conversations.
#[component]
pub fn OfficeIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path
                fill="currentColor"
                d="M3 1.5h7a1 1 0 0 1 1 1V6h2a1 1 0 0 1 1 1v7.5H2V2.5a1 1 0 0 1 1-1Zm1 2v2h2v-2Zm3 0v2h2v-2Zm-3 3v2h2v-2Zm3 0v2h2v-2Zm4 1.5v1.5h1.5V8Zm0 3v1.5h1.5V11Zm-7-1.5v2h2v-2Zm3 0v2h2v-2Zm-1 3.5v1h2v-1Z"
            />
        </svg>
    }
}

/// Speech bubbles, for Chats.
#[component]
pub fn ChatsIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path
                fill="none"
                stroke="currentColor"
                stroke-width="1.8"
                stroke-linejoin="round"
                d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 4v-4h0A1.5 1.5 0 0 1 4 14.5Z"
            />
        </svg>
    }
}

/// An address book, for Contacts.
#[component]
pub fn ContactsIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <g fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round">
                <circle cx="9" cy="8.5" r="3.5" />
                <path d="M2.5 20c.8-3.6 3.4-5.5 6.5-5.5s5.7 1.9 6.5 5.5" />
                <path d="M16 5.5a3.3 3.3 0 0 1 0 6.2M18.5 14.8c1.6.8 2.6 2.5 3 5.2" />
            </g>
        </svg>
    }
}

/// A person, for Me.
#[component]
pub fn MeIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <g fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round">
                <circle cx="12" cy="8" r="4" />
                <path d="M4 21c1-4.3 4.2-6.5 8-6.5s7 2.2 8 6.5" />
            </g>
        </svg>
    }
}

/// A shield, for Admin.
#[component]
pub fn AdminIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path
                fill="none"
                stroke="currentColor"
                stroke-width="1.8"
                stroke-linejoin="round"
                d="M12 2.8 4.5 5.6v5.9c0 4.6 3.1 8.4 7.5 9.7 4.4-1.3 7.5-5.1 7.5-9.7V5.6Z"
            />
            <path
                fill="none"
                stroke="currentColor"
                stroke-width="1.8"
                stroke-linecap="round"
                stroke-linejoin="round"
                d="m8.8 12 2.2 2.2 4.3-4.4"
            />
        </svg>
    }
}
