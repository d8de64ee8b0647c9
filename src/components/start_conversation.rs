//! Starting conversations: the organization-chat confirmation, **New chat**
//! (a contact or someone in the directory) and **New group** (a title and
//! contacts).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use samtal_core::api::limits::NAME_MAX;
use samtal_core::api::{Contact, ConversationDetail, SearchResult, SearchSource};
use samtal_core::{ConversationId, PersonId};

use super::controls::{ActionButton, ErrorSlot, Look};
use super::dialog::{ConfirmDialog, Dialog, unique_id};
use super::people_search::{PeoplePicker, PeopleSearch, SearchBox, SearchResultRow};
use super::{ErrorNotice, Loading};
use crate::api::{self, ClientError};
use crate::i18n::Texts;
use crate::order;
use crate::state::use_session;

/// Where a conversation opens.
pub fn chat_path(id: ConversationId) -> String {
    format!("/chats/{id}")
}

/// Opens a conversation the server just answered with.
pub fn use_open_chat() -> impl Fn(ConversationDetail) + Clone + 'static {
    let navigate = use_navigate();
    move |detail: ConversationDetail| navigate(&chat_path(detail.summary.id), NavigateOptions::default())
}

/// The sentence, in words of `t`, that says what an organization chat with `result` is.
pub fn org_chat_sentence(t: &'static Texts, result: &SearchResult) -> String {
    let org = result.org.as_ref().map(|o| o.name.as_str()).unwrap_or(t.people.the_organization);
    (t.people.org_chat_sentence)(&result.display_name, org)
}

/// What happens for someone not on Samtal yet, in words of `t`, or `None` when they are.
pub fn waiting_sentence(t: &'static Texts, result: &SearchResult) -> Option<String> {
    if result.person_id.is_some() {
        return None;
    }
    Some((t.people.waiting_sentence)(&result.display_name, result.email.as_deref()))
}

/// The dialog behind **Start organization chat**: says what it creates;
/// **Create** starts the chat and opens it, **Cancel** creates nothing.
#[component]
pub fn OrgChatDialog(
    /// The directory result to chat with.
    result: SearchResult,
    /// Closes the dialog without creating anything.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let session = use_session();
    let open_chat = use_open_chat();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ClientError>);
    let entry = result.directory_entry_id;
    let create = Callback::new(move |()| {
        let Some(entry) = entry else { return };
        busy.set(true);
        error.set(None);
        let open_chat = open_chat.clone();
        spawn_local(async move {
            match api::groups::start_org_chat(entry).await {
                Ok(detail) => open_chat(detail),
                Err(err) => {
                    busy.set(false);
                    if !session.handle_error(&err) {
                        error.set(Some(err));
                    }
                }
            }
        });
    });
    let waiting = waiting_sentence(t, &result);
    view! {
        <ConfirmDialog
            title=t.people.start_org_chat_title
            confirm_label=t.common.create
            on_confirm=create
            on_cancel=on_cancel
            busy=busy
            error=error
        >
            <p>{org_chat_sentence(t, &result)}</p>
            {waiting.map(|text| view! { <p class="muted">{text}</p> })}
        </ConfirmDialog>
    }
}

/// **New chat**: a saved contact (a private chat) or someone found in the
/// directory (an organization chat, after saying so).
#[component]
pub fn NewChatDialog(
    /// Closes the dialog.
    on_close: Callback<()>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let session = use_session();
    let open_chat = use_open_chat();
    let search = PeopleSearch::new();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ClientError>);
    // The directory result waiting for confirmation of an organization chat.
    let confirming = RwSignal::new(None::<SearchResult>);
    let contacts = LocalResource::new(move || async move {
        let result = api::cached::contacts().await;
        if let Err(err) = &result {
            session.handle_error(err);
        }
        result
    });

    let run = {
        let open_chat = open_chat.clone();
        move |start: StartWith| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            error.set(None);
            let open_chat = open_chat.clone();
            spawn_local(async move {
                let answer = match start {
                    StartWith::Contact(person) => api::groups::start_private_chat(person).await,
                    StartWith::Entry(entry) => api::groups::start_org_chat(entry).await,
                };
                match answer {
                    // The list stays beside the chat it opens: the dialog is done.
                    Ok(detail) => {
                        open_chat(detail);
                        on_close.run(());
                    }
                    Err(err) => {
                        busy.set(false);
                        if !session.handle_error(&err) {
                            error.set(Some(err));
                        }
                    }
                }
            });
        }
    };
    let private_chat = Callback::new({
        let run = run.clone();
        move |person: PersonId| run(StartWith::Contact(person))
    });
    let org_chat = Callback::new(move |result: SearchResult| {
        error.set(None);
        confirming.set(Some(result));
    });
    let create_org_chat = Callback::new(move |()| {
        if let Some(entry) = confirming.get_untracked().and_then(|r| r.directory_entry_id) {
            run(StartWith::Entry(entry));
        }
    });
    let title = Signal::derive(move || {
        if confirming.with(Option::is_some) { t.people.start_org_chat_title } else { t.people.new_chat }.to_owned()
    });
    let contact_ids: Signal<Vec<PersonId>> = Signal::derive(move || {
        contacts.get().and_then(Result::ok).map(|list| list.iter().map(|c| c.person.id).collect()).unwrap_or_default()
    });

    view! {
        <Dialog title=title on_close=on_close wide=true>
            {move || match confirming.get() {
                Some(result) => {
                    let waiting = waiting_sentence(t, &result);
                    view! {
                        <div class="dialog-body">
                            <p>{org_chat_sentence(t, &result)}</p>
                            {waiting.map(|text| view! { <p class="muted">{text}</p> })}
                        </div>
                        <ErrorSlot error=error />
                        <div class="dialog-actions">
                            <ActionButton label=t.people.back on_click=Callback::new(move |()| confirming.set(None)) />
                            <ActionButton
                                label=t.common.create
                                on_click=create_org_chat
                                disabled=busy
                                look=Look::Primary
                                autofocus=true
                            />
                        </div>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <p class="muted">{t.people.new_chat_hint}</p>
                        <SearchBox search=search />
                        <ErrorSlot error=error />
                        <PickList
                            search=search
                            contacts=contacts
                            contact_ids=contact_ids
                            busy=busy
                            private_chat=private_chat
                            org_chat=org_chat
                        />
                        <div class="dialog-actions">
                            <ActionButton label=t.common.cancel on_click=on_close />
                        </div>
                    }
                        .into_any()
                }
            }}
        </Dialog>
    }
}

/// How a new chat is started.
#[derive(Debug, Clone, Copy)]
enum StartWith {
    Contact(PersonId),
    Entry(samtal_core::DirectoryEntryId),
}

/// The people to pick from in **New chat**, each with **Start private chat**
/// (contacts) and **Start organization chat** (directory results).
#[component]
fn PickList(
    /// The search typed into above the list.
    search: PeopleSearch,
    /// The saved contacts, listed while nothing is typed.
    contacts: LocalResource<Result<Vec<Contact>, ClientError>>,
    /// Their ids, to tell which results are contacts.
    contact_ids: Signal<Vec<PersonId>>,
    /// While a chat is being started, the buttons wait.
    busy: RwSignal<bool>,
    /// **Start private chat** with a contact.
    private_chat: Callback<PersonId>,
    /// **Start organization chat** with a directory result (asks first).
    org_chat: Callback<SearchResult>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let row = Callback::new(move |result: SearchResult| {
        let person = result.person_id;
        let is_contact =
            result.source == SearchSource::Contact || person.is_some_and(|p| contact_ids.get_untracked().contains(&p));
        let org = result.directory_entry_id.is_some();
        view! {
            <SearchResultRow result=result.clone()>
                {(is_contact && person.is_some())
                    .then(|| {
                        view! {
                            <ActionButton
                                label=t.people.start_private_chat
                                small=true
                                disabled=busy
                                on_click=Callback::new(move |()| {
                                    if let Some(person) = person {
                                        private_chat.run(person);
                                    }
                                })
                            />
                        }
                    })}
                {org
                    .then(|| {
                        let result = result.clone();
                        view! {
                            <ActionButton
                                label=t.people.start_org_chat
                                small=true
                                disabled=busy
                                on_click=Callback::new(move |()| org_chat.run(result.clone()))
                            />
                        }
                    })}
            </SearchResultRow>
        }
        .into_any()
    });
    view! { <PeoplePicker search=search contacts=contacts contact_ids=contact_ids row=row /> }
}

/// **New group**: a title and the contacts to add. Creates a private group
/// (rule 3) and opens it.
#[component]
pub fn NewGroupDialog(
    /// Closes the dialog.
    on_close: Callback<()>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let session = use_session();
    let open_chat = use_open_chat();
    let title = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<PersonId>::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ClientError>);
    let title_error = RwSignal::new(None::<&'static str>);
    let title_id = unique_id("group-title");
    let title_error_id = unique_id("group-title-error");
    let contacts = LocalResource::new(move || async move {
        let result = api::cached::contacts().await;
        if let Err(err) = &result {
            session.handle_error(err);
        }
        result
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let name = title.get_untracked().trim().to_owned();
        if name.is_empty() {
            title_error.set(Some(t.people.name_the_group));
            return;
        }
        title_error.set(None);
        busy.set(true);
        error.set(None);
        let members = chosen.get_untracked();
        let open_chat = open_chat.clone();
        spawn_local(async move {
            match api::groups::create_group(&name, members).await {
                Ok(detail) => {
                    open_chat(detail);
                    on_close.run(());
                }
                Err(err) => {
                    busy.set(false);
                    if !session.handle_error(&err) {
                        error.set(Some(err));
                    }
                }
            }
        });
    };
    let toggle = move |person: PersonId, on: bool| {
        chosen.update(|list| {
            list.retain(|p| *p != person);
            if on {
                list.push(person);
            }
        });
    };
    view! {
        <Dialog title=t.people.new_group on_close=on_close wide=true>
            <form class="form" on:submit=submit novalidate>
                <div class="field">
                    <label for=title_id.clone()>{t.people.group_name}</label>
                    <input
                        id=title_id
                        type="text"
                        required
                        maxlength=NAME_MAX.to_string()
                        autocomplete="off"
                        data-autofocus=""
                        aria-invalid=move || title_error.get().map(|_| "true")
                        aria-describedby=title_error_id.clone()
                        prop:value=move || title.get()
                        on:input=move |event| title.set(event_target_value(&event))
                    />
                    <p class="field-error" id=title_error_id>
                        {move || title_error.get()}
                    </p>
                </div>
                <fieldset class="member-picker">
                    <legend>{t.people.members}</legend>
                    <p class="hint">{t.people.new_group_hint}</p>
                    <Transition fallback=move || view! { <Loading label=t.people.loading_contacts /> }>
                        {move || Suspend::new(async move {
                            match contacts.await {
                                Ok(list) if list.is_empty() => {
                                    view! {
                                        <p class="muted">{t.people.new_group_no_contacts}</p>
                                    }
                                        .into_any()
                                }
                                Ok(mut list) => {
                                    order::sort_by_key(&mut list, |c| order::then_text(0, &c.person.display_name));
                                    view! {
                                        <ul class="check-list">
                                            {list
                                                .into_iter()
                                                .map(|contact| {
                                                    let person = contact.person;
                                                    let id = person.id;
                                                    view! {
                                                        <li>
                                                            <label class="check">
                                                                <input
                                                                    type="checkbox"
                                                                    prop:checked=move || chosen.with(|c| c.contains(&id))
                                                                    on:change=move |event| toggle(id, event_target_checked(&event))
                                                                />
                                                                <span>{person.display_name}</span>
                                                                <span class="muted">"@" {person.handle}</span>
                                                            </label>
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    }
                                        .into_any()
                                }
                                Err(error) => view! { <ErrorNotice error=error /> }.into_any(),
                            }
                        })}
                    </Transition>
                </fieldset>
                <ErrorSlot error=error />
                <div class="dialog-actions">
                    <ActionButton label=t.common.cancel on_click=on_close />
                    <button type="submit" class="button button-primary" disabled=move || busy.get()>
                        {t.people.create_group}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}
