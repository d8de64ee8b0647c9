//! Contacts: the person's private address book.

use leptos::prelude::*;
use samtal_core::api::Contact;

use crate::api;
use crate::components::{Avatar, EmptyState, ErrorNotice, Loading};
use crate::state::use_session;

/// The Contacts screen.
#[component]
pub fn ContactsPage() -> impl IntoView {
    let session = use_session();
    let contacts = LocalResource::new(move || async move {
        let result = api::contacts().await;
        if let Err(err) = &result {
            session.handle_error(err);
        }
        result
    });
    let retry = Callback::new(move |()| contacts.refetch());
    view! {
        <section class="page" aria-labelledby="contacts-title">
            <header class="page-header">
                <h1 id="contacts-title">"Contacts"</h1>
            </header>
            <Transition fallback=|| view! { <Loading label="Loading your contacts…" /> }>
                {move || Suspend::new(async move {
                    match contacts.await {
                        Ok(list) => view! { <ContactList contacts=list /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error=error on_retry=retry /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// Saved contacts by name, or the empty state.
#[component]
pub fn ContactList(
    /// The contacts, in any order.
    contacts: Vec<Contact>,
) -> impl IntoView {
    if contacts.is_empty() {
        return view! {
            <EmptyState title="No contacts yet">
                <p>"People you save as contacts show up here. From a contact you can start a private chat."</p>
            </EmptyState>
        }
        .into_any();
    }
    let mut contacts = contacts;
    contacts.sort_by_key(|c| c.person.display_name.to_lowercase());
    view! {
        <ul class="person-list" aria-label="Contacts">
            {contacts
                .into_iter()
                .map(|contact| {
                    let person = contact.person;
                    view! {
                        <li class="person-row">
                            <Avatar name=person.display_name.clone() seed=person.id.0 />
                            <div class="person-main">
                                <span class="person-name">{person.display_name}</span>
                                <span class="person-sub">"@" {person.handle}</span>
                            </div>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
