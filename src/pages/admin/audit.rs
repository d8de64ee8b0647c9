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
use crate::order;
use crate::state::use_session;

/// The Audit log section.
#[component]
pub fn AuditSection(
    /// The organization.
    org_id: OrgId,
) -> impl IntoView {
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
                <h2 id="audit-title">"Audit log"</h2>
                <button type="button" class="button button-secondary button-small" on:click=move |_| entries.refetch()>
                    "Refresh"
                </button>
            </div>
            <Transition fallback=|| view! { <Loading label="Loading the audit log…" /> }>
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
    if entries.is_empty() {
        return view! {
            <EmptyState title="Nothing recorded yet">
                <p>"Changes to groups, policies and the directory are recorded here."</p>
            </EmptyState>
        }
        .into_any();
    }
    let mut entries = entries;
    order::sort_by_key(&mut entries, |e| order::numbers(-e.at, -e.id.0));
    view! {
        <ol class="audit-list" aria-label="Audit log entries">
            {entries
                .into_iter()
                .map(|entry| {
                    let sentence = describe(&entry);
                    let detail = details(&entry);
                    view! {
                        <li class="audit-row" data-action=entry.action.clone()>
                            <p class="audit-what">{sentence}</p>
                            {detail.map(|d| view! { <p class="person-sub">{d}</p> })}
                            <time class="audit-when" datetime=iso_datetime(entry.at)>
                                {when(entry.at)}
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
fn claim_name(claim: &str) -> &str {
    match claim {
        "email" => "e-mail",
        "sub" => "subject",
        "oid" => "Entra object ID",
        other => other,
    }
}

/// An audit entry as a sentence: who did what to what.
pub fn describe(entry: &AuditEntry) -> String {
    // Not a person: the organization's identity provider (by its SCIM token's name), else Samtal itself.
    let who = match (&entry.actor, actor_label(entry)) {
        (Some(person), _) => person.display_name.as_str(),
        (None, Some(label)) => label,
        (None, None) => "Samtal",
    };
    let target = entry.target.as_str();
    let name = text(&entry.detail, "name").unwrap_or("someone");
    match entry.action.as_str() {
        "org_created" => format!("{who} created the organization {target}"),
        "org_enabled" => format!("{who} turned Samtal on for the organization"),
        "org_disabled" => format!("{who} turned Samtal off for the organization"),
        "tenant_policies_changed" => format!("{who} changed the tenant policies"),
        "directory_imported" => {
            let count = entry.detail.get("count").and_then(Value::as_u64).unwrap_or(0);
            let people = if count == 1 { "1 person".to_owned() } else { format!("{count} people") };
            format!("{who} imported {people} into the directory")
        }
        "directory_entry_removed" => {
            let removed = text(&entry.detail, "display_name").unwrap_or(target);
            format!("{who} removed {removed} from the directory")
        }
        "org_group_created" => format!("{who} created the group {target}"),
        "group_converted" => format!("{who} added the group {target} to the organization"),
        "group_policies_changed" => format!("{who} changed the policies of {target}"),
        "member_added" => format!("{who} added {name} to {target}"),
        "member_removed" => format!("{who} removed {name} from {target}"),
        "member_left" => format!("{name} left {target}"),
        "compliance_export" => format!("{who} downloaded a compliance export"),
        "oidc_configured" if entry.detail.get("previous_issuer").is_some_and(|v| !v.is_null()) => {
            format!("{who} changed the identity provider")
        }
        "oidc_configured" => format!("{who} set up the identity provider"),
        "oidc_removed" => format!("{who} removed the identity provider"),
        "scim_token_created" => format!("{who} created the SCIM token {target}"),
        "scim_token_revoked" => format!("{who} revoked the SCIM token {target}"),
        "scim_user_created" => format!("{who} provisioned {target}"),
        "scim_user_updated" => format!("{who} updated {target}"),
        "scim_user_deactivated" => format!("{who} deactivated {target}"),
        "scim_user_reactivated" => format!("{who} reactivated {target}"),
        "scim_user_deleted" => format!("{who} deleted {target}"),
        other => {
            let action = other.replace('_', " ");
            if target.is_empty() { format!("{who}: {action}") } else { format!("{who}: {action} ({target})") }
        }
    }
}

/// A policy field in words.
fn policy_name(field: &str) -> String {
    match field {
        "allow_copy" => "Copying".to_owned(),
        "allow_share" => "Sharing".to_owned(),
        "allow_forward" => "Forwarding".to_owned(),
        "require_work_signin" => "Work sign-in required".to_owned(),
        "history_for_new_members" => "History for new members".to_owned(),
        "missed_message_emails" => "Missed-message e-mails".to_owned(),
        "password_signin" => "Password sign-in".to_owned(),
        other => other.replace('_', " "),
    }
}

/// The second line of an entry, where its details say more: which policies
/// changed, how many sign-ins ended.
pub fn details(entry: &AuditEntry) -> Option<String> {
    match entry.action.as_str() {
        "tenant_policies_changed" | "group_policies_changed" => {
            let old = entry.detail.get("old")?.as_object()?;
            let new = entry.detail.get("new")?.as_object()?;
            let changes: Vec<String> = new
                .iter()
                .filter_map(|(key, value)| {
                    let now = value.as_bool()?;
                    let before = old.get(key).and_then(Value::as_bool);
                    (before != Some(now)).then(|| format!("{}: {}", policy_name(key), if now { "on" } else { "off" }))
                })
                .collect();
            if changes.is_empty() { Some("Nothing changed.".to_owned()) } else { Some(changes.join(", ")) }
        }
        "org_disabled" => {
            let n = entry.detail.get("signed_out").and_then(Value::as_u64)?;
            Some(if n == 1 { "1 work sign-in ended.".to_owned() } else { format!("{n} work sign-ins ended.") })
        }
        "oidc_configured" => {
            let mut parts = vec![format!("Issuer {}", text(&entry.detail, "issuer")?)];
            if let Some(client) = text(&entry.detail, "client_id") {
                parts.push(format!("client ID {client}"));
            }
            if let Some(claim) = text(&entry.detail, "claim") {
                parts.push(format!("matched by {}", claim_name(claim)));
            }
            if entry.detail.get("client_secret_changed").and_then(Value::as_bool) == Some(true) {
                parts.push("new client secret".to_owned());
            }
            Some(format!("{}.", parts.join(", ")))
        }
        "oidc_removed" => text(&entry.detail, "issuer").map(|issuer| format!("Issuer {issuer}.")),
        "scim_user_created" if entry.detail.get("active").and_then(Value::as_bool) == Some(false) => {
            Some("Inactive: no directory entry until the provider activates them.".to_owned())
        }
        "scim_user_deactivated" => Some("Removed from the directory: they left the organization.".to_owned()),
        "scim_user_reactivated" => Some("Back in the directory.".to_owned()),
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
