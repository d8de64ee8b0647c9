//! The main navigation: Chats, Contacts, Me, and Admin for organization admins.

use leptos::prelude::*;
use leptos_router::components::A;

use super::icons::{AdminIcon, ChatsIcon, ContactsIcon, MeIcon};
use crate::state::use_session;

/// The navigation bar: a side rail on wide screens, a tab bar on phones.
#[component]
pub fn AppNav() -> impl IntoView {
    let session = use_session();
    view! {
        <nav class="app-nav" aria-label="Main">
            <ul>
                <li>
                    <A href="/chats">
                        <ChatsIcon />
                        <span>"Chats"</span>
                    </A>
                </li>
                <li>
                    <A href="/contacts">
                        <ContactsIcon />
                        <span>"Contacts"</span>
                    </A>
                </li>
                <li>
                    <A href="/me">
                        <MeIcon />
                        <span>"Me"</span>
                    </A>
                </li>
                <Show when=move || session.is_org_admin()>
                    <li>
                        <A href="/admin">
                            <AdminIcon />
                            <span>"Admin"</span>
                        </A>
                    </li>
                </Show>
            </ul>
        </nav>
    }
}
