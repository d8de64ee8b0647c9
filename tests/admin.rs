//! The Me screen's linked account and the admin portal's forms and tables,
//! mounted into the test page and read through their DOM.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod support;

use leptos::prelude::*;
use leptos_router::components::Router;
use samtal_core::api::{AuditEntry, DirectoryEntry, DirectoryImportResult, ImportRowResult};
use samtal_core::{ApiError, AuditId, DirectoryEntryId, ErrorCode, GroupPolicies, OrgId, PersonId, TenantPolicies};
use samtal_web::pages::admin::audit::AuditList;
use samtal_web::pages::admin::directory::{DirectoryList, ImportPreview};
use samtal_web::pages::admin::policies::{GroupPoliciesForm, TenantPoliciesForm};
use samtal_web::pages::me_page::MeDetails;
use samtal_web::state::{Session, SessionState};
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn row(n: u32, email: &str, error: Option<ApiError>, password: Option<&str>) -> ImportRowResult {
    ImportRowResult {
        row: n,
        email: email.to_owned(),
        directory_entry_id: (error.is_none() && password.is_some()).then_some(DirectoryEntryId(100 + i64::from(n))),
        initial_password: password.map(str::to_owned),
        error,
    }
}

fn cells(view: &Mounted, row: usize) -> Vec<String> {
    let rows = view.all("tbody tr");
    let list = rows[row].query_selector_all("td").unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().text_content().unwrap()).collect()
}

fn button_labels(view: &Mounted) -> Vec<String> {
    view.all("button").iter().map(|b| b.text_content().unwrap_or_default().trim().to_owned()).collect()
}

#[wasm_bindgen_test]
fn the_import_preview_shows_each_rows_problem_in_a_sentence() {
    let result = DirectoryImportResult {
        dry_run: true,
        imported: 1,
        results: vec![
            row(1, "maja@nordvik.example", None, None),
            row(
                2,
                "erik.lind@nordvik.example",
                Some(ApiError::with_message(
                    ErrorCode::DirectoryEntryExists,
                    "Someone in the directory already has the e-mail erik.lind@nordvik.example.",
                )),
                None,
            ),
            // A row error without words still reads as a sentence.
            row(3, "not-an-address", Some(ApiError::with_message(ErrorCode::InvalidInput, "")), None),
        ],
    };
    let view = mount(move || view! { <ImportPreview result=result /> });
    assert_eq!(view.all("tbody tr").len(), 3);
    assert_eq!(cells(&view, 0), ["1", "maja@nordvik.example", "Ready to import"]);
    assert_eq!(
        cells(&view, 1),
        [
            "2",
            "erik.lind@nordvik.example",
            "Someone in the directory already has the e-mail erik.lind@nordvik.example."
        ]
    );
    assert_eq!(cells(&view, 2)[2], ErrorCode::InvalidInput.human());
    assert_eq!(view.all("tr.row-error").len(), 2);
    // A preview has no passwords yet, and says how many rows can go in.
    assert!(!view.text().contains("Initial password"));
    let summary = view.one("[role=status]").text_content().unwrap();
    assert_eq!(summary, "Preview: 1 of 3 rows can be imported; fix the others and preview again.");
    assert_eq!(view.one("caption").text_content().as_deref(), Some("Import preview"));
}

#[wasm_bindgen_test]
fn an_import_shows_the_generated_passwords_once_with_a_warning() {
    let result = DirectoryImportResult {
        dry_run: false,
        imported: 2,
        results: vec![
            row(1, "a@x.example", None, Some("tulip-orbit-93")),
            row(2, "b@x.example", None, Some("quartz-lemon-27")),
        ],
    };
    let view = mount(move || view! { <ImportPreview result=result /> });
    let headers: Vec<String> = view.all("th").iter().map(|h| h.text_content().unwrap()).collect();
    assert_eq!(headers, ["Row", "Work e-mail", "Result", "Initial password"]);
    assert_eq!(cells(&view, 0), ["1", "a@x.example", "Imported", "tulip-orbit-93"]);
    assert_eq!(cells(&view, 1)[3], "quartz-lemon-27");
    assert!(view.text().contains("shown only once"), "{}", view.text());
    assert_eq!(view.one("[role=status]").text_content().as_deref(), Some("Imported 2 people."));
}

#[wasm_bindgen_test]
async fn the_tenant_policies_form_sends_what_the_switches_say() {
    let saved = RwSignal::new(None::<TenantPolicies>);
    let view = mount(move || {
        view! { <TenantPoliciesForm policies=TenantPolicies::default() on_save=Callback::new(move |p| saved.set(Some(p))) /> }
    });
    // Every switch is labelled, and starts as stored.
    for (id, label) in [
        ("tenant-copy", "Allow copying message text"),
        ("tenant-share", "Allow downloading, sharing and exporting"),
        ("tenant-forward", "Allow forwarding out of the organization"),
        ("tenant-work-signin", "Require a work-account sign-in"),
        ("tenant-emails", "Send missed-message e-mails"),
    ] {
        assert_eq!(view.one(&format!("label[for={id}]")).text_content().as_deref(), Some(label));
    }
    let checked = |id: &str| {
        use wasm_bindgen::JsCast;
        view.one(&format!("#{id}")).dyn_into::<web_sys::HtmlInputElement>().unwrap().checked()
    };
    assert!(checked("tenant-copy") && checked("tenant-emails") && !checked("tenant-work-signin"));

    click(&view.one("#tenant-copy"));
    click(&view.one("#tenant-forward"));
    click(&view.one("#tenant-work-signin"));
    click(&view.one("#tenant-emails"));
    assert_eq!(
        view.one("label[for=tenant-offline-hours]").text_content().as_deref(),
        Some("Delete offline caches after (hours)")
    );
    type_into(&view.one("#tenant-offline-hours"), "48");
    tick().await;
    assert_eq!(saved.get_untracked(), None, "nothing is saved before Save");
    click(&view.one("button[type=submit]"));
    tick().await;
    assert_eq!(
        saved.get_untracked(),
        Some(TenantPolicies {
            allow_copy: false,
            allow_share: true,
            allow_forward: false,
            require_work_signin: true,
            missed_message_emails: false,
            offline_cache_hours: 48,
            password_signin: true,
            ..TenantPolicies::default()
        })
    );
}

#[wasm_bindgen_test]
async fn the_group_policies_form_starts_from_the_groups_policies() {
    let saved = RwSignal::new(None::<GroupPolicies>);
    let stored = GroupPolicies { allow_share: false, history_for_new_members: false, ..GroupPolicies::default() };
    let view = mount(move || {
        view! {
            <GroupPoliciesForm
                policies=stored
                on_save=Callback::new(move |p| saved.set(Some(p)))
                on_cancel=Callback::new(|()| {})
            />
        }
    });
    click(&view.one("#group-copy"));
    click(&view.one("#group-history"));
    click(&view.one("button[type=submit]"));
    tick().await;
    assert_eq!(
        saved.get_untracked(),
        Some(GroupPolicies {
            allow_copy: false,
            allow_share: false,
            allow_forward: true,
            require_work_signin: false,
            history_for_new_members: true,
            ..GroupPolicies::default()
        })
    );
}

#[wasm_bindgen_test]
async fn me_signed_in_to_work_offers_signing_out_of_it_after_a_warning() {
    let view = mount(|| {
        provide_context(Session::new(SessionState::SignedIn(Box::new(me(&[], true)))));
        view! {
            <Router>
                <MeDetails me=me(&[], true) />
            </Router>
        }
    });
    let buttons = button_labels(&view);
    assert!(buttons.contains(&"Sign out of work account".to_owned()), "{buttons:?}");
    assert!(buttons.contains(&"Sign out".to_owned()), "{buttons:?}");
    assert!(!buttons.iter().any(|b| b.contains("Sign in to work account")), "{buttons:?}");
    assert!(view.all("#work-email").is_empty());
    let linked = view.one("[aria-labelledby=linked-title]").text_content().unwrap();
    for fact in ["Acme", "erik@acme.example", "Engineer"] {
        assert!(linked.contains(fact), "{linked}");
    }
    assert_eq!(view.all("[aria-labelledby=linked-title] [role=img][aria-label=Office]").len(), 1);

    // Signing out of the work account asks first, saying what happens.
    let sign_out =
        view.all("button").into_iter().find(|b| b.text_content().as_deref() == Some("Sign out of work account"));
    click(&sign_out.unwrap());
    tick().await;
    let dialog = view.one("[role=dialog]");
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    let text = dialog.text_content().unwrap();
    assert!(text.contains("Sign out of Acme?"), "{text}");
    assert!(text.contains("conversations close for you and are removed from this device"), "{text}");
    let cancel = view.all("[role=dialog] button").into_iter().find(|b| b.text_content().as_deref() == Some("Cancel"));
    click(&cancel.unwrap());
    tick().await;
    assert!(view.all("[role=dialog]").is_empty());
}

#[wasm_bindgen_test]
async fn me_without_a_work_account_offers_the_sign_in_form() {
    let view = mount(|| {
        provide_context(Session::new(SessionState::SignedIn(Box::new(me(&[], false)))));
        view! {
            <Router>
                <MeDetails me=me(&[], false) />
            </Router>
        }
    });
    let buttons = button_labels(&view);
    assert!(buttons.contains(&"Sign in to work account".to_owned()), "{buttons:?}");
    assert!(!buttons.iter().any(|b| b.contains("Sign out of work account")), "{buttons:?}");
    assert!(buttons.contains(&"Sign out".to_owned()), "{buttons:?}");
    assert_eq!(view.one("label[for=work-email]").text_content().as_deref(), Some("Work e-mail"));
    assert_eq!(view.one("label[for=work-password]").text_content().as_deref(), Some("Work password"));
    // An empty form is explained before anything is sent.
    let submit = view.all("button[type=submit]").into_iter().next().unwrap();
    click(&submit);
    tick().await;
    let alert = view.one("[aria-labelledby=linked-title] [role=alert]").text_content().unwrap();
    assert_eq!(alert, "Enter your work e-mail and its password.");
}

#[wasm_bindgen_test]
fn me_shows_the_email_setting_and_the_export_download() {
    let view = mount(|| {
        provide_context(Session::new(SessionState::SignedIn(Box::new(me(&[], true)))));
        view! {
            <Router>
                <MeDetails me=me(&[], true) />
            </Router>
        }
    });
    use wasm_bindgen::JsCast;
    let enabled: web_sys::HtmlInputElement = view.one("#mail-enabled").dyn_into().unwrap();
    assert!(enabled.checked());
    let delay: web_sys::HtmlSelectElement = view.one("#mail-delay").dyn_into().unwrap();
    assert_eq!(delay.value(), "15");
    let options: Vec<String> = view.all("#mail-delay option").iter().map(|o| o.text_content().unwrap()).collect();
    assert_eq!(options, ["5 minutes", "15 minutes", "30 minutes", "1 hour", "4 hours"]);
    let export = view.all("a").into_iter().find(|a| a.text_content().as_deref() == Some("Export my data")).unwrap();
    assert_eq!(export.get_attribute("href").as_deref(), Some("/api/me/export"));
    assert!(export.has_attribute("download"));
}

fn entry(id: i64, name: &str, linked: bool) -> DirectoryEntry {
    DirectoryEntry {
        id: DirectoryEntryId(id),
        org_id: OrgId(1),
        email: format!("{}@acme.example", name.to_lowercase().replace(' ', ".")),
        alias: name.to_lowercase().replace(' ', ""),
        display_name: name.to_owned(),
        designation: "Engineer".into(),
        department: "Platform".into(),
        is_admin: false,
        person_id: linked.then_some(PersonId(id)),
    }
}

#[wasm_bindgen_test]
async fn a_directory_entry_is_removed_by_its_named_button() {
    let asked = RwSignal::new(None::<DirectoryEntryId>);
    let entries = vec![entry(1, "Maja Nyberg", false), entry(2, "Erik Lind", true)];
    let view = mount(move || {
        view! { <DirectoryList entries=entries on_remove=Callback::new(move |e: DirectoryEntry| asked.set(Some(e.id))) /> }
    });
    assert_eq!(view.one("ul").get_attribute("aria-label").as_deref(), Some("Directory"));
    let rows = view.all("li");
    assert!(rows[0].text_content().unwrap().contains("Not signed in"));
    assert!(rows[1].text_content().unwrap().contains("Signed in"));
    let remove = view.all("button");
    // The button's name says whom it removes.
    assert_eq!(remove[1].text_content().as_deref(), Some("Remove Erik Lind"));
    click(&remove[1]);
    tick().await;
    assert_eq!(asked.get_untracked(), Some(DirectoryEntryId(2)));
}

#[wasm_bindgen_test]
fn the_audit_log_reads_newest_first_in_sentences() {
    let older = AuditEntry {
        id: AuditId(1),
        actor: Some(person(1, "Astrid Admin")),
        actor_label: None,
        action: "org_group_created".into(),
        target: "Nordvik Operations".into(),
        detail: serde_json::json!({}),
        at: NOW - 60_000,
    };
    let newer = AuditEntry {
        id: AuditId(2),
        action: "group_policies_changed".into(),
        detail: serde_json::json!({"old": {"allow_copy": true}, "new": {"allow_copy": false}}),
        at: NOW,
        ..older.clone()
    };
    let view = mount(move || view! { <AuditList entries=vec![older, newer] /> });
    let lines: Vec<String> = view.all(".audit-what").iter().map(|e| e.text_content().unwrap()).collect();
    assert_eq!(
        lines,
        [
            "Astrid Admin changed the policies of Nordvik Operations",
            "Astrid Admin created the group Nordvik Operations"
        ]
    );
    assert!(view.text().contains("Copying: off"));
}
