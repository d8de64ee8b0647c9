//! Audit log: what the organization's admins and members did, newest first,
//! in sentences.

use leptos::prelude::*;
use samtal_core::OrgId;
use samtal_core::api::AuditEntry;
use serde_json::Value;

use super::when;
use crate::api;
use crate::components::{EmptyState, ErrorNotice, Loading};
use crate::format::iso_datetime;
use crate::i18n::Texts;
use crate::order;
use crate::state::use_session;

/// The Audit log section.
#[component]
pub fn AuditSection(
    /// The organization.
    org_id: OrgId,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let session = use_session();
    let entries = LocalResource::new(move || async move {
        let result = api::admin::audit(org_id).await;
        if let Err(err) = &result {
            session.handle_error(err);
        }
        result
    });
    let retry = Callback::new(move |()| entries.refetch());
    view! {
        <section class="admin-section" aria-labelledby="audit-title">
            <div class="section-header">
                <h2 id="audit-title">{t.admin.audit_log}</h2>
                <button type="button" class="button button-secondary button-small" on:click=move |_| entries.refetch()>
                    {t.admin.refresh}
                </button>
            </div>
            <Transition fallback=move || view! { <Loading label=t.admin.loading_audit /> }>
                {move || Suspend::new(async move {
                    match entries.await {
                        Ok(list) => view! { <AuditList entries=list /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error=error on_retry=retry /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The audit entries, newest first.
#[component]
pub fn AuditList(
    /// The entries, in any order.
    entries: Vec<AuditEntry>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    if entries.is_empty() {
        return view! {
            <EmptyState title=t.admin.nothing_recorded>
                <p>{t.admin.nothing_recorded_body}</p>
            </EmptyState>
        }
        .into_any();
    }
    let mut entries = entries;
    order::sort_by_key(&mut entries, |e| order::numbers(-e.at, -e.id.0));
    view! {
        <ol class="audit-list" aria-label=t.admin.audit_entries>
            {entries
                .into_iter()
                .map(|entry| {
                    let sentence = describe(&entry, t);
                    let detail = details(&entry, t);
                    view! {
                        <li class="audit-row" data-action=entry.action.clone()>
                            <p class="audit-what">{sentence}</p>
                            {detail.map(|d| view! { <p class="person-sub">{d}</p> })}
                            <time class="audit-when" datetime=iso_datetime(entry.at)>
                                {when(entry.at, t.lang)}
                            </time>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}

fn text<'a>(detail: &'a Value, key: &str) -> Option<&'a str> {
    detail.get(key).and_then(Value::as_str).filter(|s| !s.is_empty())
}

/// Who acted when it was not a person, if the entry says.
fn actor_label(entry: &AuditEntry) -> Option<&str> {
    entry.actor_label.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A claim of the identity provider's ID token in words.
fn claim_name<'a>(claim: &'a str, t: &'static Texts) -> &'a str {
    match claim {
        "email" => t.admin.claim_email_word,
        "sub" => t.admin.claim_sub_word,
        "oid" => t.admin.claim_oid_word,
        other => other,
    }
}

/// An audit entry as a sentence in the language of `t`: who did what to what.
pub fn describe(entry: &AuditEntry, t: &'static Texts) -> String {
    let a = t.admin;
    // Not a person: the organization's identity provider (by its SCIM token's name), else Samtal itself.
    let who = match (&entry.actor, actor_label(entry)) {
        (Some(person), _) => person.display_name.as_str(),
        (None, Some(label)) => label,
        (None, None) => "Samtal",
    };
    let target = entry.target.as_str();
    let name = text(&entry.detail, "name").unwrap_or(a.someone);
    match entry.action.as_str() {
        "org_created" => (a.audit_org_created)(who, target),
        "org_enabled" => (a.audit_org_enabled)(who),
        "org_disabled" => (a.audit_org_disabled)(who),
        "tenant_policies_changed" => (a.audit_tenant_policies_changed)(who),
        "directory_imported" => {
            let count = entry.detail.get("count").and_then(Value::as_u64).unwrap_or(0);
            (a.audit_directory_imported)(who, count)
        }
        "directory_entry_removed" => {
            let removed = text(&entry.detail, "display_name").unwrap_or(target);
            (a.audit_directory_entry_removed)(who, removed)
        }
        "org_group_created" => (a.audit_org_group_created)(who, target),
        "group_converted" => (a.audit_group_converted)(who, target),
        "group_policies_changed" => (a.audit_group_policies_changed)(who, target),
        "member_added" => (a.audit_member_added)(who, name, target),
        "member_removed" => (a.audit_member_removed)(who, name, target),
        "member_left" => (a.audit_member_left)(name, target),
        "compliance_export" => (a.audit_compliance_export)(who),
        "oidc_configured" if entry.detail.get("previous_issuer").is_some_and(|v| !v.is_null()) => {
            (a.audit_oidc_changed)(who)
        }
        "oidc_configured" => (a.audit_oidc_set_up)(who),
        "oidc_removed" => (a.audit_oidc_removed)(who),
        "scim_token_created" => (a.audit_scim_token_created)(who, target),
        "scim_token_revoked" => (a.audit_scim_token_revoked)(who, target),
        "scim_user_created" => (a.audit_scim_user_created)(who, target),
        "scim_user_updated" => (a.audit_scim_user_updated)(who, target),
        "scim_user_deactivated" => (a.audit_scim_user_deactivated)(who, target),
        "scim_user_reactivated" => (a.audit_scim_user_reactivated)(who, target),
        "scim_user_deleted" => (a.audit_scim_user_deleted)(who, target),
        // An action this client does not know yet: its code, in no language.
        other => {
            let action = other.replace('_', " ");
            if target.is_empty() { format!("{who}: {action}") } else { format!("{who}: {action} ({target})") }
        }
    }
}

/// A policy field in words.
fn policy_name(field: &str, t: &'static Texts) -> String {
    let a = t.admin;
    match field {
        "allow_copy" => a.audit_copying.to_owned(),
        "allow_share" => a.audit_sharing.to_owned(),
        "allow_forward" => a.audit_forwarding.to_owned(),
        "require_work_signin" => a.audit_work_signin.to_owned(),
        "history_for_new_members" => a.audit_history.to_owned(),
        "missed_message_emails" => a.audit_emails.to_owned(),
        "password_signin" => a.audit_password_signin.to_owned(),
        other => other.replace('_', " "),
    }
}

/// The second line of an entry, where its details say more: which policies
/// changed, how many sign-ins ended.
pub fn details(entry: &AuditEntry, t: &'static Texts) -> Option<String> {
    let a = t.admin;
    match entry.action.as_str() {
        "tenant_policies_changed" | "group_policies_changed" => {
            let old = entry.detail.get("old")?.as_object()?;
            let new = entry.detail.get("new")?.as_object()?;
            let changes: Vec<String> = new
                .iter()
                .filter_map(|(key, value)| {
                    let now = value.as_bool()?;
                    let before = old.get(key).and_then(Value::as_bool);
                    (before != Some(now))
                        .then(|| format!("{}: {}", policy_name(key, t), if now { a.audit_on } else { a.audit_off }))
                })
                .collect();
            if changes.is_empty() { Some(a.audit_nothing_changed.to_owned()) } else { Some(changes.join(", ")) }
        }
        "org_disabled" => {
            let n = entry.detail.get("signed_out").and_then(Value::as_u64)?;
            Some((a.audit_signed_out)(n))
        }
        "oidc_configured" => {
            let mut parts = vec![(a.audit_issuer)(text(&entry.detail, "issuer")?)];
            if let Some(client) = text(&entry.detail, "client_id") {
                parts.push((a.audit_client_id)(client));
            }
            if let Some(claim) = text(&entry.detail, "claim") {
                parts.push((a.audit_matched_by)(claim_name(claim, t)));
            }
            if entry.detail.get("client_secret_changed").and_then(Value::as_bool) == Some(true) {
                parts.push(a.audit_new_client_secret.to_owned());
            }
            Some(format!("{}.", parts.join(", ")))
        }
        "oidc_removed" => text(&entry.detail, "issuer").map(|issuer| format!("{}.", (a.audit_issuer)(issuer))),
        "scim_user_created" if entry.detail.get("active").and_then(Value::as_bool) == Some(false) => {
            Some(a.audit_inactive.to_owned())
        }
        "scim_user_deactivated" => Some(a.audit_deactivated.to_owned()),
        "scim_user_reactivated" => Some(a.audit_reactivated.to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use samtal_core::AuditId;
    use samtal_core::PersonId;
    use samtal_core::api::Person;
    use serde_json::json;

    use super::*;
    use crate::i18n::Lang;

    fn en() -> &'static Texts {
        Texts::of(Lang::En)
    }

    fn describe(entry: &AuditEntry) -> String {
        super::describe(entry, en())
    }

    fn details(entry: &AuditEntry) -> Option<String> {
        super::details(entry, en())
    }

    fn entry(action: &str, target: &str, detail: Value) -> AuditEntry {
        AuditEntry {
            id: AuditId(1),
            actor: Some(Person { id: PersonId(1), handle: "astrid".into(), display_name: "Astrid Admin".into() }),
            actor_label: None,
            action: action.into(),
            target: target.into(),
            detail,
            at: 0,
        }
    }

    #[test]
    fn policy_changes_name_the_switches_that_moved() {
        let e = entry(
            "group_policies_changed",
            "Project Aurora",
            json!({"old": {"allow_copy": true, "allow_forward": true, "allow_share": true},
                   "new": {"allow_copy": false, "allow_forward": false, "allow_share": true}}),
        );
        assert_eq!(describe(&e), "Astrid Admin changed the policies of Project Aurora");
        assert_eq!(details(&e).as_deref(), Some("Copying: off, Forwarding: off"));
    }

    #[test]
    fn actions_read_as_sentences() {
        let removed = entry("directory_entry_removed", "maja@x.example", json!({"display_name": "Maja Nyberg"}));
        assert_eq!(describe(&removed), "Astrid Admin removed Maja Nyberg from the directory");
        let added = entry("member_added", "Nordvik Operations", json!({"name": "Lena Fjord"}));
        assert_eq!(describe(&added), "Astrid Admin added Lena Fjord to Nordvik Operations");
        let disabled = entry("org_disabled", "Nordvik", json!({"signed_out": 4}));
        assert_eq!(details(&disabled).as_deref(), Some("4 work sign-ins ended."));
        let unknown = entry("brand_new_thing", "X", json!({}));
        assert_eq!(describe(&unknown), "Astrid Admin: brand new thing (X)");
    }

    #[test]
    fn sentences_follow_the_language() {
        let sv = Texts::of(Lang::Sv);
        let added = entry("member_added", "Nordvik Operations", json!({"name": "Lena Fjord"}));
        assert_eq!(super::describe(&added, sv), "Astrid Admin lade till Lena Fjord i Nordvik Operations");
        let disabled = entry("org_disabled", "Nordvik", json!({"signed_out": 1}));
        assert_eq!(super::details(&disabled, sv).as_deref(), Some("1 jobbinloggning avslutades."));
    }

    #[test]
    fn the_identity_provider_acts_under_its_tokens_name() {
        let mut created = entry("scim_user_created", "maja@nordvik.example", json!({"active": true}));
        created.actor = None;
        created.actor_label = Some("SCIM · Entra provisioning".into());
        assert_eq!(describe(&created), "SCIM · Entra provisioning provisioned maja@nordvik.example");
        assert_eq!(details(&created), None);
        let mut deactivated = created.clone();
        deactivated.action = "scim_user_deactivated".into();
        assert_eq!(describe(&deactivated), "SCIM · Entra provisioning deactivated maja@nordvik.example");
        assert!(details(&deactivated).is_some_and(|d| d.contains("Removed from the directory")));
        // Without a person or a label, it was Samtal itself.
        created.actor_label = Some(" ".into());
        assert_eq!(describe(&created), "Samtal provisioned maja@nordvik.example");
    }

    #[test]
    fn identity_provider_changes_say_what_was_set() {
        let first = entry(
            "oidc_configured",
            "Nordvik",
            json!({"issuer": "https://login.example/t", "client_id": "samtal", "claim": "oid",
                   "client_secret_changed": true, "previous_issuer": null}),
        );
        assert_eq!(describe(&first), "Astrid Admin set up the identity provider");
        assert_eq!(
            details(&first).as_deref(),
            Some("Issuer https://login.example/t, client ID samtal, matched by Entra object ID, new client secret.")
        );
        let again = entry(
            "oidc_configured",
            "Nordvik",
            json!({"issuer": "https://id.example", "client_id": "samtal", "claim": "email",
                   "client_secret_changed": false, "previous_issuer": "https://login.example/t"}),
        );
        assert_eq!(describe(&again), "Astrid Admin changed the identity provider");
        assert_eq!(details(&again).as_deref(), Some("Issuer https://id.example, client ID samtal, matched by e-mail."));
        let token = entry("scim_token_revoked", "Entra provisioning", json!({"token_id": 3}));
        assert_eq!(describe(&token), "Astrid Admin revoked the SCIM token Entra provisioning");
        let policies = entry(
            "tenant_policies_changed",
            "Nordvik",
            json!({"old": {"password_signin": true}, "new": {"password_signin": false}}),
        );
        assert_eq!(details(&policies).as_deref(), Some("Password sign-in: off"));
    }
}
