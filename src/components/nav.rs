//! The main navigation: Chats, Contacts, Me, and Admin for organization admins.

use leptos::prelude::*;
use leptos_router::components::A;

use super::icons::{AdminIcon, ChatsIcon, ContactsIcon, MeIcon};
use crate::i18n::texts;
use crate::state::use_session;

/// The navigation bar: a side rail on wide screens, a tab bar on phones.
#[component]
pub fn AppNav() -> impl IntoView {
    let session = use_session();
    let t = texts();
    view! {
        <nav class="app-nav" aria-label=t.common.nav_main>
            <ul>
                <li>
                    <A href="/chats">
                        <ChatsIcon />
                        <span>{t.common.nav_chats}</span>
                    </A>
                </li>
                <li>
                    <A href="/contacts">
                        <ContactsIcon />
                        <span>{t.common.nav_contacts}</span>
                    </A>
                </li>
                <li>
                    <A href="/me">
                        <MeIcon />
                        <span>{t.common.nav_me}</span>
                    </A>
                </li>
                <Show when=move || session.is_org_admin()>
                    <li>
                        <A href="/admin">
                            <AdminIcon />
                            <span>{t.common.nav_admin}</span>
                        </A>
                    </li>
                </Show>
            </ul>
        </nav>
    }
}
