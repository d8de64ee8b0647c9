//! Admin: the organizations the person administers and their groups.

use leptos::prelude::*;
use samtal_core::api::{CreatedVia, OrgGroup, OrgRef};

use crate::api;
use crate::components::{Avatar, EmptyState, ErrorNotice, Loading, OrgBadge};
use crate::state::use_session;

/// The Admin screen (organization admins only).
#[component]
pub fn AdminPage() -> impl IntoView {
    let session = use_session();
    let orgs = move || session.me().map(|me| me.admin_orgs).unwrap_or_default();
    view! {
        <section class="page" aria-labelledby="admin-title">
            <header class="page-header">
                <h1 id="admin-title">"Admin"</h1>
            </header>
            {move || {
                let orgs = orgs();
                if orgs.is_empty() {
                    view! {
                        <EmptyState title="No organizations">
                            <p>"You don't administer an organization."</p>
                        </EmptyState>
                    }
                        .into_any()
                } else {
                    orgs.into_iter().map(|org| view! { <OrgAdminPanel org=org /> }).collect_view().into_any()
                }
            }}
        </section>
    }
}

/// One organization: its groups.
#[component]
pub fn OrgAdminPanel(
    /// The organization.
    org: OrgRef,
) -> impl IntoView {
    let session = use_session();
    let org_id = org.id;
    let groups = LocalResource::new(move || async move {
        let result = api::org_groups(org_id).await;
        if let Err(err) = &result {
            session.handle_error(err);
        }
        result
    });
    let retry = Callback::new(move |()| groups.refetch());
    let title_id = format!("org-{}-title", org.id);
    let labelled_by = title_id.clone();
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h2 id=title_id class="org-title">
                <OrgBadge org_name=org.name.clone() />
                <span>{org.name.clone()}</span>
            </h2>
            <h3>"Groups"</h3>
            <Transition fallback=|| view! { <Loading label="Loading groups…" /> }>
                {move || Suspend::new(async move {
                    match groups.await {
                        Ok(list) => view! { <OrgGroupList groups=list /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error=error on_retry=retry /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// Every group an organization owns.
#[component]
pub fn OrgGroupList(
    /// The groups.
    groups: Vec<OrgGroup>,
) -> impl IntoView {
    if groups.is_empty() {
        return view! {
            <EmptyState title="No organization groups yet">
                <p>"Groups created in the admin portal, or added to the organization by their admins, show up here."</p>
            </EmptyState>
        }
        .into_any();
    }
    view! {
        <ul class="person-list" aria-label="Organization groups">
            {groups
                .into_iter()
                .map(|group| {
                    let members = match group.members.len() {
                        1 => "1 member".to_owned(),
                        n => format!("{n} members"),
                    };
                    let via = match (group.created_via, group.converted_at) {
                        (_, Some(_)) => "added to the organization from the app",
                        (CreatedVia::Portal, None) => "created in the admin portal",
                        (CreatedVia::App, None) => "created in the app",
                    };
                    view! {
                        <li class="person-row">
                            <Avatar name=group.title.clone() seed=group.id.0 org=Some(group.owner_org.name.clone()) />
                            <div class="person-main">
                                <span class="person-name">{group.title.clone()}</span>
                                <span class="person-sub">{members} ", " {via}</span>
                            </div>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
