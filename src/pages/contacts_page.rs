//! Contacts: the person's private address book, and the search that finds
//! people among the contacts and in the organization directory.

use leptos::prelude::*;
use leptos::task::spawn_local;
use samtal_core::PersonId;
use samtal_core::api::{Contact, SearchResult, SearchSource};

use crate::api::{self, ClientError};
use crate::components::controls::{ActionButton, ErrorSlot, Look};
use crate::components::people_search::{
    PeopleSearch, SearchBox, SearchResultRow, SearchStatus, SearchSummary, merge_results,
};
use crate::components::start_conversation::{OrgChatDialog, use_open_chat};
use crate::components::{Avatar, ConfirmDialog, DirectoryProfileCard, EmptyState, ErrorNotice, Loading, ProfileCard};
use crate::order;
use crate::state::cache;
use crate::state::cache_first::CacheFirst;
use crate::state::use_session;

/// Which dialog of the Contacts screen is open.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Open {
    /// A person's profile.
    Person(PersonId),
    /// A directory result's profile.
    Entry(SearchResult),
    /// **Start organization chat** with a directory result.
    OrgChat(SearchResult),
    /// Removing a contact.
    Remove(Contact),
}

/// The Contacts screen.
#[component]
pub fn ContactsPage() -> impl IntoView {
    let t = crate::i18n::texts();
    let session = use_session();
    let open_chat = use_open_chat();
    let contacts =
        CacheFirst::new(session, || async { cache::device()?.contacts().await.ok().flatten() }, api::cached::contacts);
    let search = PeopleSearch::new();
    let open = RwSignal::new(None::<Open>);
    let close = Callback::new(move |()| open.set(None));
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ClientError>);
    let done = RwSignal::new(String::new());
    let viewer = Signal::derive(move || session.me().map(|me| me.person.id));
    let contact_ids: Signal<Vec<PersonId>> = Signal::derive(move || {
        contacts.get().and_then(Result::ok).map(|list| list.iter().map(|c| c.person.id).collect()).unwrap_or_default()
    });
    let fail = move |err: ClientError| {
        busy.set(false);
        if !session.handle_error(&err) {
            error.set(Some(err));
        }
    };
    let start_private = Callback::new(move |person: PersonId| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let open_chat = open_chat.clone();
        spawn_local(async move {
            match api::groups::start_private_chat(person).await {
                Ok(detail) => open_chat(detail),
                Err(err) => fail(err),
            }
        });
    });
    let save = Callback::new(move |result: SearchResult| {
        let Some(person) = result.person_id else { return };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match api::people::add_contact(person).await {
                Ok(contact) => {
                    busy.set(false);
                    done.set((t.people.saved_as_contact)(&contact.person.display_name));
                    contacts.refetch();
                }
                Err(err) => fail(err),
            }
        });
    });
    let remove_busy = RwSignal::new(false);
    let remove_error = RwSignal::new(None::<ClientError>);
    let remove = Callback::new(move |()| {
        let Some(Open::Remove(contact)) = open.get_untracked() else { return };
        remove_busy.set(true);
        remove_error.set(None);
        spawn_local(async move {
            let answer = api::people::remove_contact(contact.person.id).await;
            remove_busy.set(false);
            match answer {
                Ok(()) => {
                    open.set(None);
                    done.set((t.people.no_longer_contact)(&contact.person.display_name));
                    contacts.refetch();
                }
                Err(err) => {
                    if !session.handle_error(&err) {
                        remove_error.set(Some(err));
                    }
                }
            }
        });
    });
    let retry = Callback::new(move |()| contacts.refetch());
    let show_person = Callback::new(move |person: PersonId| open.set(Some(Open::Person(person))));
    let ask_remove = Callback::new(move |contact: Contact| {
        remove_error.set(None);
        open.set(Some(Open::Remove(contact)));
    });

    view! {
        <section class="page" aria-labelledby="contacts-title">
            <header class="page-header">
                <h1 id="contacts-title">{t.people.contacts}</h1>
            </header>
            <div class="search-panel" role="search">
                <SearchBox search=search hint=t.people.contacts_search_hint />
            </div>
            <p class="sr-only" role="status">
                {move || done.get()}
            </p>
            <ErrorSlot error=error />
            <Show when=move || search.status.with(|s| *s != SearchStatus::Idle)>
                <SearchResults
                    search=search
                    contact_ids=contact_ids
                    viewer=viewer
                    busy=busy
                    on_profile=Callback::new(move |result: SearchResult| open.set(Some(Open::Entry(result))))
                    on_org_chat=Callback::new(move |result: SearchResult| open.set(Some(Open::OrgChat(result))))
                    on_private_chat=start_private
                    on_save=save
                    on_person=show_person
                />
            </Show>
            <section class="people-section" aria-labelledby="saved-title">
                <h2 id="saved-title">{t.people.address_book}</h2>
                {move || match contacts.get() {
                    None => view! { <Loading label=t.people.loading_contacts /> }.into_any(),
                    Some(Ok(list)) => {
                        view! {
                            <ContactList
                                contacts=list
                                busy=busy
                                on_chat=start_private
                                on_remove=ask_remove
                                on_profile=show_person
                            />
                        }
                            .into_any()
                    }
                    Some(Err(error)) => view! { <ErrorNotice error=error on_retry=retry /> }.into_any(),
                }}
            </section>
            {move || match open.get() {
                None => ().into_any(),
                Some(Open::Person(person)) => view! { <ProfileCard person_id=person on_close=close /> }.into_any(),
                Some(Open::Entry(result)) => {
                    view! { <DirectoryProfileCard result=result on_close=close /> }.into_any()
                }
                Some(Open::OrgChat(result)) => view! { <OrgChatDialog result=result on_cancel=close /> }.into_any(),
                Some(Open::Remove(contact)) => {
                    let name = contact.person.display_name.clone();
                    view! {
                        <ConfirmDialog
                            title=(t.people.remove_person)(&name)
                            confirm_label=t.people.remove_contact
                            on_confirm=remove
                            on_cancel=close
                            busy=remove_busy
                            error=remove_error
                            danger=true
                        >
                            <p>{(t.people.remove_contact_body)(&name)}</p>
                        </ConfirmDialog>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// The newest search's results: contacts and directory entries merged, one
/// row per person, with what can be done with each.
#[component]
fn SearchResults(
    /// The search whose newest answer is listed.
    search: PeopleSearch,
    /// The saved contacts, to offer them a private chat.
    contact_ids: Signal<Vec<PersonId>>,
    /// The signed-in person, who is never offered a chat with themselves.
    viewer: Signal<Option<PersonId>>,
    /// While an action runs, its buttons wait.
    #[prop(into)]
    busy: Signal<bool>,
    /// Opens a directory result's profile.
    on_profile: Callback<SearchResult>,
    /// **Start organization chat** with a directory result.
    on_org_chat: Callback<SearchResult>,
    /// **Start private chat** with a contact.
    on_private_chat: Callback<PersonId>,
    /// **Save contact**.
    on_save: Callback<SearchResult>,
    /// Opens a contact's full profile.
    on_person: Callback<PersonId>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let rows = Memo::new(move |_| match search.status.get() {
        SearchStatus::Done(_, results) => Some(merge_results(results, &contact_ids.get())),
        _ => None,
    });
    let shown = Signal::derive(move || rows.with(|r| r.as_ref().map_or(0, Vec::len)));
    view! {
        <section class="people-section" aria-labelledby="results-title">
            <h2 id="results-title">{t.people.search_results}</h2>
            <SearchSummary search=search shown=shown />
            {move || {
                if let SearchStatus::Failed(_, error) = search.status.get() {
                    let retry = Callback::new(move |()| search.refresh());
                    return view! { <ErrorNotice error=error on_retry=retry /> }.into_any();
                }
                let Some(rows) = rows.get() else { return ().into_any() };
                if rows.is_empty() {
                    return ().into_any();
                }
                let me = viewer.get_untracked();
                view! {
                    <ul class="person-list" aria-label=t.people.search_results>
                        {rows
                            .into_iter()
                            .map(|row| {
                                let result = row.result;
                                let person = result.person_id;
                                let is_me = person.is_some() && person == me;
                                let directory = result.source == SearchSource::Directory;
                                let note = if is_me {
                                    Some(t.people.this_is_you.to_owned())
                                } else if directory && person.is_none() {
                                    Some(t.people.cant_save_not_on_samtal.to_owned())
                                } else {
                                    None
                                };
                                // Contacts open their full profile; directory results show what they carry.
                                let profile = match (directory, person) {
                                    (true, _) => Some(on_profile),
                                    (false, Some(person)) => Some(Callback::new(move |_: SearchResult| on_person.run(person))),
                                    (false, None) => None,
                                };
                                let org_chat = result.clone();
                                let saving = result.clone();
                                view! {
                                    <SearchResultRow result=result.clone() on_profile=profile note=note>
                                        {(!is_me && directory && result.directory_entry_id.is_some())
                                            .then(|| {
                                                let org_chat = org_chat.clone();
                                                view! {
                                                    <ActionButton
                                                        label=t.people.start_org_chat
                                                        small=true
                                                        on_click=Callback::new(move |()| on_org_chat.run(org_chat.clone()))
                                                    />
                                                }
                                            })}
                                        {match (is_me, row.is_contact, person) {
                                            (false, true, Some(person)) => {
                                                view! {
                                                    <ActionButton
                                                        label=t.people.start_private_chat
                                                        small=true
                                                        disabled=busy
                                                        on_click=Callback::new(move |()| on_private_chat.run(person))
                                                    />
                                                }
                                                    .into_any()
                                            }
                                            (false, false, Some(_)) => {
                                                let saving = saving.clone();
                                                view! {
                                                    <ActionButton
                                                        label=t.people.save_contact
                                                        small=true
                                                        disabled=busy
                                                        on_click=Callback::new(move |()| on_save.run(saving.clone()))
                                                    />
                                                }
                                                    .into_any()
                                            }
                                            _ => ().into_any(),
                                        }}
                                    </SearchResultRow>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

/// Saved contacts by name, each with **Start private chat** and **Remove**,
/// or the empty state.
#[component]
pub fn ContactList(
    /// The contacts, in any order.
    contacts: Vec<Contact>,
    /// While an action runs, the buttons wait.
    #[prop(into, optional)]
    busy: Signal<bool>,
    /// **Start private chat** with a contact; without it there is no button.
    #[prop(optional, into)]
    on_chat: Option<Callback<PersonId>>,
    /// **Remove** a contact; without it there is no button.
    #[prop(optional, into)]
    on_remove: Option<Callback<Contact>>,
    /// Opens a contact's profile from their avatar.
    #[prop(optional, into)]
    on_profile: Option<Callback<PersonId>>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    if contacts.is_empty() {
        return view! {
            <EmptyState title=t.people.no_contacts>
                <p>
                    {t.people.no_contacts_hint_before} <strong>{t.people.save_contact}</strong>
                    {t.people.no_contacts_hint_after}
                </p>
            </EmptyState>
        }
        .into_any();
    }
    let mut contacts = contacts;
    order::sort_by_key(&mut contacts, |c| order::then_text(0, &c.person.display_name));
    view! {
        <ul class="person-list" aria-label=t.people.contacts>
            {contacts
                .into_iter()
                .map(|contact| {
                    let person = contact.person.clone();
                    let id = person.id;
                    let name_id = format!("contact-{id}-name");
                    let avatar = match on_profile {
                        Some(open) => {
                            view! {
                                <button
                                    type="button"
                                    class="avatar-button"
                                    aria-label=(t.people.show_profile_of)(&person.display_name)
                                    on:click=move |_| open.run(id)
                                >
                                    <Avatar name=person.display_name.clone() seed=id.0 />
                                </button>
                            }
                                .into_any()
                        }
                        None => view! { <Avatar name=person.display_name.clone() seed=id.0 /> }.into_any(),
                    };
                    let has_actions = on_chat.is_some() || on_remove.is_some();
                    view! {
                        <li class="person-row contact-row">
                            {avatar}
                            <div class="person-main">
                                <span class="person-name" id=name_id.clone()>
                                    {person.display_name.clone()}
                                </span>
                                <span class="person-sub">"@" {person.handle.clone()}</span>
                            </div>
                            {has_actions
                                .then(|| {
                                    view! {
                                        <div class="person-actions" role="group" aria-labelledby=name_id>
                                            {on_chat
                                                .map(|chat| {
                                                    view! {
                                                        <ActionButton
                                                            label=t.people.start_private_chat
                                                            small=true
                                                            disabled=busy
                                                            on_click=Callback::new(move |()| chat.run(id))
                                                        />
                                                    }
                                                })}
                                            {on_remove
                                                .map(|remove| {
                                                    let contact = contact.clone();
                                                    view! {
                                                        <ActionButton
                                                            label=t.common.remove
                                                            small=true
                                                            look=Look::Quiet
                                                            on_click=Callback::new(move |()| remove.run(contact.clone()))
                                                        />
                                                    }
                                                })}
                                        </div>
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
