//! Finding people: the search box labelled **Search by name or alias**, its
//! results (private contacts merged with the organization directory), and
//! one row per result.
//!
//! Searching runs as the person types, after a short pause, and only the
//! newest search's answer is ever shown ([`SearchGate`]).

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use samtal_core::PersonId;
use samtal_core::api::limits::QUERY_MAX;
use samtal_core::api::{Contact, SearchResult, SearchSource};

use super::dialog::unique_id;
use super::{EmptyState, ErrorNotice, Loading, OrgBadge};
use crate::api::{self, ClientError};
use crate::format::initials;
use crate::order;

/// How long typing must pause before a search is sent.
pub const SEARCH_PAUSE: Duration = Duration::from_millis(250);

/// What to search for when the box holds `raw`: trimmed, at most
/// [`QUERY_MAX`] characters, and `None` when there is nothing to search.
pub fn search_term(raw: &str) -> Option<String> {
    let term: String = raw.trim().chars().take(QUERY_MAX).collect();
    let term = term.trim_end().to_owned();
    (!term.is_empty()).then_some(term)
}

/// A search waiting to run, or running: valid while it is the newest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    generation: u64,
    /// What to search for.
    pub term: String,
}

/// Keeps a search box honest: every keystroke makes the searches before it
/// stale, so a pause timer set by an earlier keystroke does nothing, and an
/// older answer arriving after a newer one is dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchGate {
    generation: u64,
}

impl SearchGate {
    /// The box now holds `raw`. Everything issued before is stale from now on;
    /// returns the search to run after the pause, or `None` when the box holds
    /// nothing to search for (then the results should clear).
    pub fn typed(&mut self, raw: &str) -> Option<Ticket> {
        self.generation += 1;
        search_term(raw).map(|term| Ticket { generation: self.generation, term })
    }

    /// Whether `ticket` is still the newest: its timer may search, its answer may show.
    pub fn is_current(&self, ticket: &Ticket) -> bool {
        ticket.generation == self.generation
    }
}

/// Where a search stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SearchStatus {
    /// Nothing typed.
    #[default]
    Idle,
    /// Waiting for the pause or the answer.
    Searching(String),
    /// The answer to the newest search.
    Done(String, Vec<SearchResult>),
    /// The newest search failed.
    Failed(String, ClientError),
}

/// A people search: what is typed and what came back. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct PeopleSearch {
    /// The text in the box.
    pub query: RwSignal<String>,
    /// The state of the newest search.
    pub status: RwSignal<SearchStatus>,
    gate: StoredValue<SearchGate>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl PeopleSearch {
    /// An empty search.
    pub fn new() -> Self {
        let search = Self {
            query: RwSignal::new(String::new()),
            status: RwSignal::new(SearchStatus::Idle),
            gate: StoredValue::new(SearchGate::default()),
            timer: StoredValue::new(None),
        };
        let timer = search.timer;
        on_cleanup(move || {
            if let Some(Some(handle)) = timer.try_get_value() {
                handle.clear();
            }
        });
        search
    }

    /// The box now holds `raw`: search after the pause.
    pub fn input(&self, raw: String) {
        self.query.set(raw.clone());
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        let Some(ticket) = self.gate.try_update_value(|gate| gate.typed(&raw)).flatten() else {
            self.status.set(SearchStatus::Idle);
            return;
        };
        self.status.set(SearchStatus::Searching(ticket.term.clone()));
        let this = *self;
        let handle = set_timeout_with_handle(move || this.run(ticket), SEARCH_PAUSE).ok();
        self.timer.set_value(handle);
    }

    /// Searches again for what is in the box now (after a failure, or a change).
    pub fn refresh(&self) {
        self.input(self.query.get_untracked());
    }

    /// Empties the box.
    pub fn clear(&self) {
        self.input(String::new());
    }

    fn run(self, ticket: Ticket) {
        let gate = self.gate;
        let current = move |ticket: &Ticket| gate.try_with_value(|gate| gate.is_current(ticket)).unwrap_or(false);
        if !current(&ticket) {
            return;
        }
        spawn_local(async move {
            let answer = api::cached::search(&ticket.term).await;
            // A newer keystroke (or leaving the screen) made this answer stale.
            if !current(&ticket) {
                return;
            }
            self.status.set(match answer {
                Ok(results) => SearchStatus::Done(ticket.term, results),
                Err(error) => SearchStatus::Failed(ticket.term, error),
            });
        });
    }
}

impl Default for PeopleSearch {
    fn default() -> Self {
        Self::new()
    }
}

/// One row of merged results: a search result and whether it is a saved contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultRow {
    /// The result.
    pub result: SearchResult,
    /// The person is in the viewer's contacts.
    pub is_contact: bool,
}

/// Merges a search's results into one row per person: a contact who is
/// also in the directory shows once, as the directory result (with its
/// badge and e-mail) marked as a contact. Order is kept otherwise.
pub fn merge_results(results: Vec<SearchResult>, contacts: &[PersonId]) -> Vec<ResultRow> {
    let in_directory: Vec<PersonId> =
        results.iter().filter(|r| r.source == SearchSource::Directory).filter_map(|r| r.person_id).collect();
    results
        .into_iter()
        .filter(|r| r.source == SearchSource::Directory || r.person_id.is_none_or(|p| !in_directory.contains(&p)))
        .map(|result| {
            let is_contact =
                result.source == SearchSource::Contact || result.person_id.is_some_and(|p| contacts.contains(&p));
            ResultRow { result, is_contact }
        })
        .collect()
}

/// A saved contact as a search result, so contacts and results list alike.
pub fn contact_result(contact: &Contact) -> SearchResult {
    SearchResult {
        source: SearchSource::Contact,
        person_id: Some(contact.person.id),
        directory_entry_id: None,
        display_name: contact.person.display_name.clone(),
        email: None,
        alias: None,
        designation: None,
        department: None,
        org: None,
    }
}

/// The colour seed of a result's avatar: the person's, else the entry's.
pub fn result_seed(result: &SearchResult) -> i64 {
    result.person_id.map(|p| p.0).or(result.directory_entry_id.map(|e| e.0)).unwrap_or_default()
}

/// The search box, labelled **Search by name or alias**.
#[component]
pub fn SearchBox(
    /// The search it types into.
    search: PeopleSearch,
    /// A hint under the box.
    #[prop(optional, into)]
    hint: Option<String>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let input_id = unique_id("people-search");
    let hint_id = hint.as_ref().map(|_| unique_id("people-search-hint"));
    view! {
        <div class="field search-field">
            <label for=input_id.clone()>{t.people.search_label}</label>
            <input
                id=input_id
                type="search"
                autocomplete="off"
                spellcheck="false"
                maxlength=QUERY_MAX.to_string()
                aria-describedby=hint_id.clone()
                prop:value=move || search.query.get()
                on:input=move |event| search.input(event_target_value(&event))
            />
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{hint}</p> })}
        </div>
    }
}

/// The one polite line that says how a search went (announced to screen readers).
#[component]
pub fn SearchSummary(
    /// The search.
    search: PeopleSearch,
    /// How many rows are shown for the newest answer.
    #[prop(into)]
    shown: Signal<usize>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let text = move || match search.status.get() {
        SearchStatus::Idle => String::new(),
        SearchStatus::Searching(_) => t.people.searching.to_owned(),
        SearchStatus::Done(term, _) => (t.people.found_for)(shown.get(), &term),
        SearchStatus::Failed(..) => String::new(),
    };
    view! {
        <p class="search-summary" role="status">
            {text}
        </p>
    }
}

/// One person found: avatar (a button opening the profile, when there is
/// one to open), name, and for directory results the org badge, the work
/// e-mail under the name and the job title. The actions are grouped under the
/// person's name, so "Start private chat" is heard as that person's.
#[component]
pub fn SearchResultRow(
    /// The result.
    result: SearchResult,
    /// Opens the profile; without it the avatar is not a button.
    #[prop(default = None)]
    on_profile: Option<Callback<SearchResult>>,
    /// A line under the rest, like "Not on Samtal yet".
    #[prop(default = None)]
    note: Option<String>,
    /// The actions: buttons for this person.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let name_id = unique_id("person-name");
    let is_directory = result.source == SearchSource::Directory;
    let org_name = result.org.as_ref().map(|o| o.name.clone());
    let avatar_class = format!("avatar avatar-c{}", result_seed(&result).rem_euclid(8));
    let name = result.display_name.clone();
    let avatar = match on_profile {
        Some(open) => {
            let label = (t.people.show_profile_of)(&name);
            let result = result.clone();
            view! {
                <button
                    type="button"
                    class="avatar-button"
                    aria-label=label
                    on:click=move |_| open.run(result.clone())
                >
                    <span class=avatar_class aria-hidden="true">
                        {initials(&name)}
                    </span>
                </button>
            }
            .into_any()
        }
        None => view! {
            <span class=avatar_class aria-hidden="true">
                {initials(&name)}
            </span>
        }
        .into_any(),
    };
    let details: Vec<String> = [result.designation.clone(), result.department.clone()]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
    let source = if is_directory { "directory" } else { "contact" };
    let sub = if is_directory { result.email.clone() } else { Some(t.people.contact.to_owned()) };
    view! {
        <li class="person-row result-row" data-source=source>
            <span class="avatar-wrap">
                {avatar}
                {is_directory.then(|| view! { <OrgBadge org_name=org_name.clone().unwrap_or_default() /> })}
            </span>
            <div class="person-main">
                <span class="person-line">
                    <span class="person-name" id=name_id.clone()>
                        {result.display_name.clone()}
                    </span>
                    {org_name.filter(|_| is_directory).map(|org| view! { <span class="person-org">{org}</span> })}
                </span>
                {sub.map(|sub| view! { <span class="person-sub person-email">{sub}</span> })}
                {(!details.is_empty()).then(|| view! { <span class="person-detail">{details.join(" · ")}</span> })}
                {note.map(|note| view! { <span class="person-note">{note}</span> })}
            </div>
            {children
                .map(|actions| {
                    view! {
                        <div class="person-actions" role="group" aria-labelledby=name_id>
                            {actions()}
                        </div>
                    }
                })}
        </li>
    }
}

/// The people a dialog picks from: the saved contacts while nothing is typed,
/// else the search results (contacts merged in), with how the search went.
/// `row` draws one person with the actions the dialog offers; it is drawn
/// again when anything it reads changes.
#[component]
pub fn PeoplePicker(
    /// The search typed into above the list.
    search: PeopleSearch,
    /// The saved contacts, listed while nothing is typed.
    contacts: LocalResource<Result<Vec<Contact>, ClientError>>,
    /// Their ids, to tell which results are contacts.
    contact_ids: Signal<Vec<PersonId>>,
    /// One person, with the dialog's actions.
    row: Callback<SearchResult, AnyView>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let rows = move |results: Vec<SearchResult>| results.into_iter().map(|result| row.run(result)).collect_view();
    let shown = Signal::derive(move || match search.status.get() {
        SearchStatus::Done(_, results) => merge_results(results, &contact_ids.get()).len(),
        _ => 0,
    });
    view! {
        <SearchSummary search=search shown=shown />
        <div class="pick-list">
            {move || match search.status.get() {
                SearchStatus::Idle => match contacts.get() {
                    None => view! { <Loading label=t.people.loading_contacts /> }.into_any(),
                    Some(Ok(list)) if list.is_empty() => {
                        view! {
                            <EmptyState title=t.people.no_contacts>
                                <p>{t.people.picker_no_contacts_hint}</p>
                            </EmptyState>
                        }
                            .into_any()
                    }
                    Some(Ok(mut list)) => {
                        order::sort_by_key(&mut list, |c| order::then_text(0, &c.person.display_name));
                        let results: Vec<SearchResult> = list.iter().map(contact_result).collect();
                        view! {
                            <ul class="person-list" aria-label=t.people.contacts>
                                {rows(results)}
                            </ul>
                        }
                            .into_any()
                    }
                    Some(Err(error)) => view! { <ErrorNotice error=error /> }.into_any(),
                },
                SearchStatus::Searching(_) => ().into_any(),
                SearchStatus::Done(_, results) => {
                    let merged: Vec<SearchResult> =
                        merge_results(results, &contact_ids.get_untracked()).into_iter().map(|r| r.result).collect();
                    view! {
                        <ul class="person-list" aria-label=t.people.search_results>
                            {rows(merged)}
                        </ul>
                    }
                        .into_any()
                }
                SearchStatus::Failed(_, error) => {
                    let retry = Callback::new(move |()| search.refresh());
                    view! { <ErrorNotice error=error on_retry=retry /> }.into_any()
                }
            }}
        </div>
    }
}
