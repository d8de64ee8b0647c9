//! Directory: the organization's people, importing more from CSV (with a
//! preview first), and removing a person, who then leaves the organization
//! (rule 10).

use leptos::ev::Event;
use leptos::prelude::*;
use leptos::task::spawn_local;
use samtal_core::api::{DirectoryEntry, DirectoryImportResult, ImportRowResult};
use samtal_core::{ApiError, OrgId};
use wasm_bindgen::{JsCast, JsValue};

use crate::api::{self, ClientError};
use crate::components::{ConfirmDialog, EmptyState, ErrorNotice, Loading};
use crate::state::use_session;

/// How many entries the list shows before asking to filter.
const LIST_MAX: usize = 200;

/// The CSV header the server reads; the first three columns are required.
pub const CSV_HEADER: &str = "email,alias,display_name,designation,department,is_admin,password";

/// The Directory section: filter, list, import, remove.
#[component]
pub fn DirectorySection(
    /// The organization.
    org_id: OrgId,
    /// Its name, for the confirmation.
    #[prop(into)]
    org_name: String,
) -> impl IntoView {
    let session = use_session();
    let filter = RwSignal::new(String::new());
    let entries = LocalResource::new(move || {
        let query = filter.get();
        async move {
            let result = api::admin::directory(org_id, &query).await;
            if let Err(err) = &result {
                session.handle_error(err);
            }
            result
        }
    });
    let retry = Callback::new(move |()| entries.refetch());
    let removing = RwSignal::new(None::<DirectoryEntry>);
    let remove_busy = RwSignal::new(false);
    let remove_error = RwSignal::new(None::<ClientError>);
    let status = RwSignal::new(None::<String>);
    let on_remove = Callback::new(move |entry: DirectoryEntry| {
        remove_error.set(None);
        status.set(None);
        removing.set(Some(entry));
    });
    let confirm_remove = Callback::new(move |()| {
        let Some(entry) = removing.get_untracked() else { return };
        if remove_busy.get_untracked() {
            return;
        }
        remove_busy.set(true);
        spawn_local(async move {
            let result = api::admin::remove_directory_entry(org_id, entry.id).await;
            remove_busy.set(false);
            match result {
                Ok(()) => {
                    removing.set(None);
                    status.set(Some(format!("{} is removed from the directory.", entry.display_name)));
                    entries.refetch();
                }
                Err(err) => {
                    if !session.handle_error(&err) {
                        remove_error.set(Some(err));
                    }
                }
            }
        });
    });
    let on_imported = Callback::new(move |()| entries.refetch());
    view! {
        <section class="admin-section" aria-labelledby="directory-title">
            <h2 id="directory-title">"Directory"</h2>
            <p class="muted">
                "The people of the organization. Someone on Samtal signs in to their entry's work account to become a member; removing them ends that."
            </p>
            <DirectoryImport org_id=org_id on_imported=on_imported />
            <div class="field">
                <label for="directory-filter">"Filter the directory"</label>
                <input
                    id="directory-filter"
                    type="search"
                    autocomplete="off"
                    placeholder="Name, alias or e-mail"
                    bind:value=filter
                />
            </div>
            <p class="status-line" role="status">
                {move || status.get()}
            </p>
            <Transition fallback=|| view! { <Loading label="Loading the directory…" /> }>
                {move || Suspend::new(async move {
                    match entries.await {
                        Ok(list) => {
                            let filtered = !filter.get_untracked().trim().is_empty();
                            view! { <DirectoryList entries=list filtered=filtered on_remove=on_remove /> }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error=error on_retry=retry /> }.into_any(),
                    }
                })}
            </Transition>
            {move || {
                removing
                    .get()
                    .map(|entry| {
                        let org_name = org_name.clone();
                        view! {
                            <ConfirmDialog
                                title=format!("Remove {} from the directory?", entry.display_name)
                                confirm_label="Remove"
                                danger=true
                                on_confirm=confirm_remove
                                on_cancel=Callback::new(move |()| removing.set(None))
                                busy=remove_busy
                                error=remove_error
                            >
                                <p>
                                    "They leave the organization: its conversations close for them and are wiped from their devices."
                                </p>
                                <p class="muted">
                                    {format!(
                                        "{} can no longer sign in to the work account at {}. Their private chats and groups stay theirs.",
                                        entry.display_name,
                                        org_name,
                                    )}
                                </p>
                            </ConfirmDialog>
                        }
                    })
            }}
        </section>
    }
}

/// "52 people", "1 person".
fn people(n: usize) -> String {
    if n == 1 { "1 person".to_owned() } else { format!("{n} people") }
}

/// The directory's entries, or the empty state.
#[component]
pub fn DirectoryList(
    /// The entries, by name.
    entries: Vec<DirectoryEntry>,
    /// Whether a filter narrowed them.
    #[prop(optional)]
    filtered: bool,
    /// Called by an entry's Remove button.
    on_remove: Callback<DirectoryEntry>,
) -> impl IntoView {
    if entries.is_empty() {
        let (title, body) = if filtered {
            ("Nobody matches", "Try part of a name, an alias or a work e-mail.")
        } else {
            ("The directory is empty", "Import people from a CSV file below.")
        };
        return view! {
            <EmptyState title=title>
                <p>{body}</p>
            </EmptyState>
        }
        .into_any();
    }
    let total = entries.len();
    let count = if total > LIST_MAX {
        format!("{} — showing the first {LIST_MAX}; filter to find others.", people(total))
    } else if filtered {
        format!("{} match.", people(total))
    } else {
        format!("{} in the directory.", people(total))
    };
    view! {
        <p class="count-line">{count}</p>
        <ul class="directory-list" aria-label="Directory">
            {entries
                .into_iter()
                .take(LIST_MAX)
                .map(|entry| {
                    let name = entry.display_name.clone();
                    let on_samtal = entry.person_id.is_some();
                    let role = [entry.designation.as_str(), entry.department.as_str()]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" · ");
                    let remove_entry = entry.clone();
                    view! {
                        <li class="directory-row" data-id=entry.id.0>
                            <div class="person-main">
                                <span class="person-name">
                                    {name.clone()}
                                    {entry.is_admin.then(|| view! { <span class="tag">"Admin"</span> })}
                                </span>
                                <span class="person-sub">{entry.email.clone()} " · @" {entry.alias.clone()}</span>
                                <span class="person-sub">{role}</span>
                            </div>
                            <span class=if on_samtal { "tag tag-on" } else { "tag tag-waiting" }>
                                {if on_samtal { "Signed in" } else { "Not signed in" }}
                            </span>
                            <button
                                type="button"
                                class="button button-secondary button-small"
                                on:click=move |_| on_remove.run(remove_entry.clone())
                            >
                                "Remove"
                                <span class="sr-only">" " {name}</span>
                            </button>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// Reads the first file of a file input's change event as text.
async fn read_file(ev: &Event) -> Option<String> {
    let input = ev.target()?;
    let files = js_sys::Reflect::get(&input, &JsValue::from_str("files")).ok()?;
    let file = js_sys::Reflect::get_u32(&files, 0).ok()?.dyn_into::<web_sys::Blob>().ok()?;
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok()?;
    text.as_string()
}

/// Importing people: CSV pasted or read from a file, a preview of every
/// row, then the import, which shows generated passwords once.
#[component]
fn DirectoryImport(org_id: OrgId, on_imported: Callback<()>) -> impl IntoView {
    let session = use_session();
    let csv = RwSignal::new(String::new());
    let preview = RwSignal::new(None::<DirectoryImportResult>);
    let outcome = RwSignal::new(None::<DirectoryImportResult>);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ClientError>);
    let file_error = RwSignal::new(None::<String>);

    let run = move |dry_run: bool| {
        if busy.get_untracked() {
            return;
        }
        let body = csv.get_untracked();
        if body.trim().is_empty() {
            file_error.set(Some("Paste CSV rows or choose a CSV file first.".to_owned()));
            return;
        }
        busy.set(true);
        error.set(None);
        file_error.set(None);
        spawn_local(async move {
            let result = api::admin::import_directory_csv(org_id, &body, dry_run).await;
            busy.set(false);
            match result {
                Ok(result) if dry_run => preview.set(Some(result)),
                Ok(result) => {
                    preview.set(None);
                    if result.imported > 0 {
                        csv.set(String::new());
                        on_imported.run(());
                    }
                    outcome.set(Some(result));
                }
                Err(err) => {
                    if !session.handle_error(&err) {
                        error.set(Some(err));
                    }
                }
            }
        });
    };
    let on_file = move |ev: Event| {
        spawn_local(async move {
            match read_file(&ev).await {
                Some(text) => {
                    csv.set(text);
                    preview.set(None);
                    outcome.set(None);
                    file_error.set(None);
                }
                None => file_error.set(Some("That file could not be read as text.".to_owned())),
            }
        });
    };
    let importable = move || preview.with(|p| p.as_ref().map_or(0, |p| p.imported));
    view! {
        <details class="card import">
            <summary class="card-title">"Import people"</summary>
            <p class="hint">
                "CSV with the header " <code>{CSV_HEADER}</code>
                ". E-mail, alias and name are required; rows without a password get one generated, shown once after the import."
            </p>
            <div class="field">
                <label for="import-file">"CSV file"</label>
                <input id="import-file" type="file" accept=".csv,text/csv" on:change=on_file />
            </div>
            <div class="field">
                <label for="import-csv">"CSV rows"</label>
                <textarea
                    id="import-csv"
                    rows="5"
                    spellcheck="false"
                    placeholder=format!("{CSV_HEADER}\nola.nordmann@example.com,ola,Ola Nordmann,Technician,Operations,false,")
                    prop:value=move || csv.get()
                    on:input=move |ev| {
                        csv.set(event_target_value(&ev));
                        preview.set(None);
                    }
                ></textarea>
            </div>
            <div class="form-error" role="alert">
                {move || file_error.get().map(|message| view! { <p>{message}</p> })}
            </div>
            {move || error.get().map(|error| view! { <ErrorNotice error=error /> })}
            <div class="actions">
                <button
                    type="button"
                    class="button button-secondary"
                    disabled=move || busy.get()
                    on:click=move |_| {
                        outcome.set(None);
                        run(true)
                    }
                >
                    "Preview"
                </button>
                <Show when=move || { importable() > 0 }>
                    <button
                        type="button"
                        class="button button-primary"
                        disabled=move || busy.get()
                        on:click=move |_| run(false)
                    >
                        {move || match importable() {
                            1 => "Import 1 person".to_owned(),
                            n => format!("Import {n} people"),
                        }}
                    </button>
                </Show>
            </div>
            {move || preview.get().map(|result| view! { <ImportPreview result=result /> })}
            {move || outcome.get().map(|result| view! { <ImportPreview result=result /> })}
        </details>
    }
}

/// A row's error as a sentence.
fn row_error(error: &ApiError) -> String {
    let message = error.message.trim();
    if message.is_empty() { error.code.human().to_owned() } else { message.to_owned() }
}

/// What one row says in the result column.
fn row_outcome(row: &ImportRowResult, dry_run: bool) -> String {
    match (&row.error, dry_run) {
        (Some(error), _) => row_error(error),
        (None, true) => "Ready to import".to_owned(),
        (None, false) => "Imported".to_owned(),
    }
}

/// The summary line above an import's table.
pub fn import_summary(result: &DirectoryImportResult) -> String {
    let total = result.results.len();
    let failed = result.results.iter().filter(|r| r.error.is_some()).count();
    let rows = if total == 1 { "1 row".to_owned() } else { format!("{total} rows") };
    match (result.dry_run, failed) {
        (true, 0) => format!("Preview: all {rows} can be imported."),
        (true, _) => {
            format!("Preview: {} of {rows} can be imported; fix the others and preview again.", result.imported)
        }
        (false, 0) => format!("Imported {}.", people(result.imported as usize)),
        (false, _) => format!("Imported {}; {failed} of {rows} were not imported.", people(result.imported as usize)),
    }
}

/// An import's rows: a preview (dry run) with each row's problem, or the
/// outcome with the generated initial passwords.
#[component]
pub fn ImportPreview(
    /// The server's answer to the import.
    result: DirectoryImportResult,
) -> impl IntoView {
    let summary = import_summary(&result);
    let dry_run = result.dry_run;
    let passwords = result.results.iter().any(|r| r.initial_password.is_some());
    let caption = if dry_run { "Import preview" } else { "Import result" };
    view! {
        <div class="import-result">
            <p class="status-line" role="status">
                {summary}
            </p>
            {passwords
                .then(|| {
                    view! {
                        <p class="notice notice-warning">
                            "Hand these initial passwords to the people they belong to now: they are shown only once."
                        </p>
                    }
                })}
            <div class="table-scroll">
                <table class="import-table">
                    <caption class="sr-only">{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Row"</th>
                            <th scope="col">"Work e-mail"</th>
                            <th scope="col">{if dry_run { "Check" } else { "Result" }}</th>
                            {passwords.then(|| view! { <th scope="col">"Initial password"</th> })}
                        </tr>
                    </thead>
                    <tbody>
                        {result
                            .results
                            .into_iter()
                            .map(|row| {
                                let failed = row.error.is_some();
                                let outcome = row_outcome(&row, dry_run);
                                view! {
                                    <tr class=if failed { "row-error" } else { "row-ok" }>
                                        <td>{row.row}</td>
                                        <td>{row.email}</td>
                                        <td>{outcome}</td>
                                        {passwords
                                            .then(|| {
                                                view! {
                                                    <td>
                                                        <code>{row.initial_password.unwrap_or_default()}</code>
                                                    </td>
                                                }
                                            })}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use samtal_core::ErrorCode;

    use super::*;

    fn row(n: u32, error: Option<ApiError>) -> ImportRowResult {
        ImportRowResult {
            row: n,
            email: format!("p{n}@example.com"),
            directory_entry_id: None,
            initial_password: None,
            error,
        }
    }

    #[test]
    fn summaries_say_what_can_be_imported() {
        let bad = ApiError::new(ErrorCode::DirectoryEntryExists);
        let preview =
            DirectoryImportResult { dry_run: true, imported: 1, results: vec![row(1, None), row(2, Some(bad))] };
        assert_eq!(import_summary(&preview), "Preview: 1 of 2 rows can be imported; fix the others and preview again.");
        let clean = DirectoryImportResult { dry_run: true, imported: 1, results: vec![row(1, None)] };
        assert_eq!(import_summary(&clean), "Preview: all 1 row can be imported.");
        let done = DirectoryImportResult { dry_run: false, imported: 1, results: vec![row(1, None)] };
        assert_eq!(import_summary(&done), "Imported 1 person.");
    }

    #[test]
    fn a_row_error_without_words_gets_the_codes_sentence() {
        let error = ApiError::with_message(ErrorCode::InvalidInput, " ");
        assert_eq!(row_error(&error), ErrorCode::InvalidInput.human());
    }
}
