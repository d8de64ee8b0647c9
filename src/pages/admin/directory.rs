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
use crate::i18n::{Lang, Texts};
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
    let t = crate::i18n::texts();
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
                    status.set(Some((t.admin.entry_removed)(&entry.display_name)));
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
            <h2 id="directory-title">{t.admin.directory}</h2>
            <p class="muted">{t.admin.directory_intro}</p>
            <DirectoryImport org_id=org_id on_imported=on_imported />
            <div class="field">
                <label for="directory-filter">{t.admin.filter_directory}</label>
                <input
                    id="directory-filter"
                    type="search"
                    autocomplete="off"
                    placeholder=t.admin.search_placeholder
                    bind:value=filter
                />
            </div>
            <p class="status-line" role="status">
                {move || status.get()}
            </p>
            <Transition fallback=move || view! { <Loading label=t.admin.loading_directory /> }>
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
                                title=(t.admin.remove_entry_title)(&entry.display_name)
                                confirm_label=t.common.remove
                                danger=true
                                on_confirm=confirm_remove
                                on_cancel=Callback::new(move |()| removing.set(None))
                                busy=remove_busy
                                error=remove_error
                            >
                                <p>{t.admin.remove_entry_body}</p>
                                <p class="muted">{(t.admin.remove_entry_more)(&entry.display_name, &org_name)}</p>
                            </ConfirmDialog>
                        }
                    })
            }}
        </section>
    }
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
    let t = crate::i18n::texts();
    if entries.is_empty() {
        let (title, body) = if filtered {
            (t.admin.nobody_matches, t.admin.nobody_matches_body)
        } else {
            (t.admin.directory_empty, t.admin.directory_empty_body)
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
        (t.admin.count_too_many)(total, LIST_MAX)
    } else if filtered {
        (t.admin.count_matching)(total)
    } else {
        (t.admin.count_in_directory)(total)
    };
    view! {
        <p class="count-line">{count}</p>
        <ul class="directory-list" aria-label=t.admin.directory>
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
                                    {entry.is_admin.then(|| view! { <span class="tag">{t.admin.admin_tag}</span> })}
                                </span>
                                <span class="person-sub">{entry.email.clone()} " · @" {entry.alias.clone()}</span>
                                <span class="person-sub">{role}</span>
                            </div>
                            <span class=if on_samtal { "tag tag-on" } else { "tag tag-waiting" }>
                                {if on_samtal { t.admin.signed_in } else { t.admin.not_signed_in }}
                            </span>
                            <button
                                type="button"
                                class="button button-secondary button-small"
                                on:click=move |_| on_remove.run(remove_entry.clone())
                            >
                                {t.common.remove}
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
    let t = crate::i18n::texts();
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
            file_error.set(Some(t.admin.csv_missing.to_owned()));
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
                None => file_error.set(Some(t.admin.file_unreadable.to_owned())),
            }
        });
    };
    let importable = move || preview.with(|p| p.as_ref().map_or(0, |p| p.imported));
    view! {
        <details class="card import">
            <summary class="card-title">{t.admin.import_people}</summary>
            <p class="hint">
                {t.admin.import_hint_lead} <code>{CSV_HEADER}</code> {t.admin.import_hint_rest}
            </p>
            <div class="field">
                <label for="import-file">{t.admin.csv_file}</label>
                <input id="import-file" type="file" accept=".csv,text/csv" on:change=on_file />
            </div>
            <div class="field">
                <label for="import-csv">{t.admin.csv_rows}</label>
                <textarea
                    id="import-csv"
                    rows="5"
                    spellcheck="false"
                    placeholder=format!("{CSV_HEADER}\n{}", t.admin.csv_example)
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
                    {t.admin.preview}
                </button>
                <Show when=move || { importable() > 0 }>
                    <button
                        type="button"
                        class="button button-primary"
                        disabled=move || busy.get()
                        on:click=move |_| run(false)
                    >
                        {move || (t.admin.import_count)(importable() as usize)}
                    </button>
                </Show>
            </div>
            {move || preview.get().map(|result| view! { <ImportPreview result=result /> })}
            {move || outcome.get().map(|result| view! { <ImportPreview result=result /> })}
        </details>
    }
}

/// A row's error as a sentence in the language of `t`: the server's words
/// when it has some in that language, else its code's sentence.
fn row_error(error: &ApiError, t: &'static Texts) -> String {
    let message = error.message.trim();
    // The server writes its sentences in English.
    if message.is_empty() || t.lang != Lang::En { error.code.human_in(t.lang).to_owned() } else { message.to_owned() }
}

/// What one row says in the result column.
fn row_outcome(row: &ImportRowResult, dry_run: bool, t: &'static Texts) -> String {
    match (&row.error, dry_run) {
        (Some(error), _) => row_error(error, t),
        (None, true) => t.admin.ready_to_import.to_owned(),
        (None, false) => t.admin.imported.to_owned(),
    }
}

/// The summary line above an import's table, in the language of `t`.
pub fn import_summary(result: &DirectoryImportResult, t: &'static Texts) -> String {
    let total = result.results.len();
    let failed = result.results.iter().filter(|r| r.error.is_some()).count();
    let imported = result.imported as usize;
    match (result.dry_run, failed) {
        (true, 0) => (t.admin.preview_all)(total),
        (true, _) => (t.admin.preview_some)(imported, total),
        (false, 0) => (t.admin.imported_all)(imported),
        (false, _) => (t.admin.imported_some)(imported, failed, total),
    }
}

/// An import's rows: a preview (dry run) with each row's problem, or the
/// outcome with the generated initial passwords.
#[component]
pub fn ImportPreview(
    /// The server's answer to the import.
    result: DirectoryImportResult,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let summary = import_summary(&result, t);
    let dry_run = result.dry_run;
    let passwords = result.results.iter().any(|r| r.initial_password.is_some());
    let caption = if dry_run { t.admin.import_preview } else { t.admin.import_result };
    view! {
        <div class="import-result">
            <p class="status-line" role="status">
                {summary}
            </p>
            {passwords
                .then(|| {
                    view! {
                        <p class="notice notice-warning">{t.admin.passwords_once}</p>
                    }
                })}
            <div class="table-scroll">
                <table class="import-table">
                    <caption class="sr-only">{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.admin.col_row}</th>
                            <th scope="col">{t.admin.col_email}</th>
                            <th scope="col">{if dry_run { t.admin.col_check } else { t.admin.col_result }}</th>
                            {passwords.then(|| view! { <th scope="col">{t.admin.col_password}</th> })}
                        </tr>
                    </thead>
                    <tbody>
                        {result
                            .results
                            .into_iter()
                            .map(|row| {
                                let failed = row.error.is_some();
                                let outcome = row_outcome(&row, dry_run, t);
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

    fn en() -> &'static Texts {
        Texts::of(Lang::En)
    }

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
        assert_eq!(
            import_summary(&preview, en()),
            "Preview: 1 of 2 rows can be imported; fix the others and preview again."
        );
        let clean = DirectoryImportResult { dry_run: true, imported: 1, results: vec![row(1, None)] };
        assert_eq!(import_summary(&clean, en()), "Preview: all 1 row can be imported.");
        let done = DirectoryImportResult { dry_run: false, imported: 1, results: vec![row(1, None)] };
        assert_eq!(import_summary(&done, en()), "Imported 1 person.");
    }

    #[test]
    fn a_row_error_without_words_gets_the_codes_sentence() {
        let error = ApiError::with_message(ErrorCode::InvalidInput, " ");
        assert_eq!(row_error(&error, en()), ErrorCode::InvalidInput.human());
    }
}
