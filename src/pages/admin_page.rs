//! Admin: the portal of an organization's admins. Sections under tabs:
//! Groups, Tenant policies, Sign-in, Directory, Organization, Audit log (see
//! [`crate::pages::admin`]); with several organizations, a picker first.

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use samtal_core::OrgId;
use samtal_core::api::OrgRef;

use crate::components::{EmptyState, OrgBadge};
use crate::i18n::admin::Admin;
use crate::pages::admin::audit::AuditSection;
use crate::pages::admin::directory::DirectorySection;
use crate::pages::admin::groups::GroupsSection;
use crate::pages::admin::organization::OrganizationSection;
use crate::pages::admin::policies::TenantPoliciesSection;
use crate::pages::admin::sign_in::SignInSection;
use crate::state::use_session;

/// The sections of the admin portal, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminSection {
    /// Every org group; create one; edit a group's policies.
    Groups,
    /// The tenant policies.
    Policies,
    /// The identity provider (OpenID Connect) and SCIM provisioning.
    SignIn,
    /// The directory: import, remove.
    Directory,
    /// Enable or disable; compliance export.
    Organization,
    /// The audit log.
    Audit,
}

impl AdminSection {
    /// Every section, in tab order.
    pub const ALL: [AdminSection; 6] = [
        AdminSection::Groups,
        AdminSection::Policies,
        AdminSection::SignIn,
        AdminSection::Directory,
        AdminSection::Organization,
        AdminSection::Audit,
    ];

    /// The tab's label, in the language of `texts`.
    pub fn label(self, texts: &Admin) -> &'static str {
        match self {
            AdminSection::Groups => texts.groups,
            AdminSection::Policies => texts.tenant_policies,
            AdminSection::SignIn => texts.sign_in,
            AdminSection::Directory => texts.directory,
            AdminSection::Organization => texts.organization,
            AdminSection::Audit => texts.audit_log,
        }
    }

    /// Its name in the address (`/admin?section=directory`).
    pub fn key(self) -> &'static str {
        match self {
            AdminSection::Groups => "groups",
            AdminSection::Policies => "policies",
            AdminSection::SignIn => "sign-in",
            AdminSection::Directory => "directory",
            AdminSection::Organization => "organization",
            AdminSection::Audit => "audit",
        }
    }

    /// The section named `key`; Groups for anything else.
    pub fn from_key(key: &str) -> AdminSection {
        AdminSection::ALL.into_iter().find(|s| s.key() == key).unwrap_or(AdminSection::Groups)
    }

    fn position(self) -> usize {
        AdminSection::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// The Admin screen (organization admins only).
#[component]
pub fn AdminPage() -> impl IntoView {
    let t = crate::i18n::texts();
    let session = use_session();
    let orgs = Memo::new(move |_| session.me().map(|me| me.admin_orgs).unwrap_or_default());
    let query = use_query_map();
    let picked = RwSignal::new(query.with_untracked(|q| q.get("org").and_then(|id| id.parse::<OrgId>().ok())));
    let work_org = Memo::new(move |_| session.me().and_then(|me| me.work_account).map(|work| work.org_id));
    // The picked organization, else the one shown so far (signing out of the
    // work account must not switch it), else the work account's, else the first;
    // always one they still administer.
    let current = Memo::new(move |shown: Option<&Option<OrgRef>>| {
        let orgs = orgs.get();
        let shown = shown.and_then(|s| s.as_ref()).map(|o| o.id);
        let wanted = [picked.get(), shown, work_org.get()];
        wanted.iter().flatten().find_map(|id| orgs.iter().find(|o| o.id == *id)).or(orgs.first()).cloned()
    });
    view! {
        <section class="page page-wide" aria-labelledby="admin-title">
            <header class="page-header">
                <h1 id="admin-title">{t.common.nav_admin}</h1>
            </header>
            {move || {
                let list = orgs.get();
                (list.len() > 1)
                    .then(|| {
                        view! {
                            <div class="field field-inline admin-org-picker">
                                <label for="admin-org">{t.admin.organization}</label>
                                <select
                                    id="admin-org"
                                    on:change=move |ev| {
                                        picked.set(event_target_value(&ev).parse::<OrgId>().ok());
                                    }
                                >
                                    {list
                                        .into_iter()
                                        .map(|org| {
                                            let selected = move || {
                                                current.with(|c| c.as_ref().map(|c| c.id) == Some(org.id))
                                            };
                                            view! {
                                                <option value=org.id.to_string() selected=selected>
                                                    {org.name}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                        }
                    })
            }}
            {move || match current.get() {
                Some(org) => view! { <OrgAdmin org=org /> }.into_any(),
                None => {
                    view! {
                        <EmptyState title=t.admin.no_organizations>
                            <p>{t.admin.no_organizations_body}</p>
                        </EmptyState>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// One organization's portal: its name and the tabbed sections.
#[component]
pub fn OrgAdmin(
    /// The organization.
    org: OrgRef,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let query = use_query_map();
    let navigate = use_navigate();
    let section = Memo::new(move |_| query.with(|q| AdminSection::from_key(q.get("section").as_deref().unwrap_or(""))));
    let tabs = NodeRef::<leptos::html::Div>::new();
    let org_id = org.id;
    let select = move |next: AdminSection, focus: bool| {
        let path = format!("/admin?org={org_id}&section={}", next.key());
        navigate(&path, NavigateOptions { replace: true, scroll: false, ..Default::default() });
        if focus
            && let Some(tabs) = tabs.get_untracked()
            && let Ok(Some(tab)) = tabs.query_selector(&format!("#admin-tab-{}", next.key()))
        {
            use wasm_bindgen::JsCast;
            if let Ok(tab) = tab.dyn_into::<web_sys::HtmlElement>() {
                let _ = tab.focus();
            }
        }
    };
    // Arrow keys move between tabs (the ARIA tabs pattern); Tab goes to the panel.
    let on_keydown = {
        let select = select.clone();
        move |ev: KeyboardEvent| {
            let at = section.get_untracked().position();
            let last = AdminSection::ALL.len() - 1;
            let next = match ev.key().as_str() {
                "ArrowRight" => Some(if at == last { 0 } else { at + 1 }),
                "ArrowLeft" => Some(if at == 0 { last } else { at - 1 }),
                "Home" => Some(0),
                "End" => Some(last),
                _ => None,
            };
            if let Some(next) = next {
                ev.prevent_default();
                select(AdminSection::ALL[next], true);
            }
        }
    };
    let name = org.name.clone();
    view! {
        <p class="work-org admin-org">
            <OrgBadge org_name=org.name.clone() />
            <span>{org.name.clone()}</span>
        </p>
        <div class="tabs" role="tablist" aria-label=t.admin.sections node_ref=tabs on:keydown=on_keydown>
            {AdminSection::ALL
                .into_iter()
                .map(|tab| {
                    let select = select.clone();
                    let selected = move || section.get() == tab;
                    view! {
                        <button
                            type="button"
                            role="tab"
                            class="tab"
                            id=format!("admin-tab-{}", tab.key())
                            aria-controls="admin-panel"
                            aria-selected=move || if selected() { "true" } else { "false" }
                            tabindex=move || if selected() { "0" } else { "-1" }
                            on:click=move |_| select(tab, false)
                        >
                            {tab.label(t.admin)}
                        </button>
                    }
                })
                .collect_view()}
        </div>
        <div
            class="tab-panel"
            role="tabpanel"
            id="admin-panel"
            aria-labelledby=move || format!("admin-tab-{}", section.get().key())
        >
            {move || {
                let name = name.clone();
                match section.get() {
                    AdminSection::Groups => view! { <GroupsSection org_id=org_id /> }.into_any(),
                    AdminSection::Policies => view! { <TenantPoliciesSection org_id=org_id org_name=name /> }.into_any(),
                    AdminSection::SignIn => view! { <SignInSection org_id=org_id /> }.into_any(),
                    AdminSection::Directory => view! { <DirectorySection org_id=org_id org_name=name /> }.into_any(),
                    AdminSection::Organization => view! { <OrganizationSection org_id=org_id /> }.into_any(),
                    AdminSection::Audit => view! { <AuditSection org_id=org_id /> }.into_any(),
                }
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_round_trip_through_the_address() {
        for section in AdminSection::ALL {
            assert_eq!(AdminSection::from_key(section.key()), section);
        }
        assert_eq!(AdminSection::from_key("nonsense"), AdminSection::Groups);
    }
}
