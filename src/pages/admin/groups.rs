//! Groups: every group the organization owns, creating one in the portal
//! (rule 3), and each group's own policies (rule 7).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use samtal_core::api::limits::NAME_MAX;
use samtal_core::api::{CreateOrgGroup, CreatedVia, DirectoryEntry, OrgGroup, Role};
use samtal_core::{DirectoryEntryId, GroupPolicies, OrgId};

use super::policies::GroupPoliciesForm;
use super::when;
use crate::api::{self, ClientError};
use crate::components::{Avatar, Dialog, EmptyState, ErrorNotice, Loading};
use crate::i18n::Texts;
use crate::order;
use crate::state::use_session;

/// How many directory matches the member picker lists at once.
const PICKER_MAX: usize = 40;

/// The Groups section: the list, Create group, and Edit policies.
#[component]
pub fn GroupsSection(
    /// The organization.
    org_id: OrgId,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let session = use_session();
    let groups = LocalResource::new(move || async move {
        let result = api::admin::groups(org_id).await;
        if let Err(err) = &result {
            session.handle_error(err);
        }
        result
    });
    let retry = Callback::new(move |()| groups.refetch());
    let editing = RwSignal::new(None::<OrgGroup>);
    let creating = RwSignal::new(false);
    let status = RwSignal::new(None::<String>);
    let on_edit = Callback::new(move |group: OrgGroup| {
        status.set(None);
        editing.set(Some(group));
    });
    let on_saved = Callback::new(move |title: String| {
        editing.set(None);
        status.set(Some((t.admin.group_policies_saved)(&title)));
        groups.refetch();
    });
    let on_created = Callback::new(move |group: OrgGroup| {
        creating.set(false);
        status.set(Some((t.admin.group_created)(&group.title)));
        groups.refetch();
    });
    view! {
        <section class="admin-section" aria-labelledby="groups-title">
            <div class="section-header">
                <h2 id="groups-title">{t.admin.groups}</h2>
                <button
                    type="button"
                    class="button button-primary"
                    on:click=move |_| {
                        status.set(None);
                        creating.set(true);
                    }
                >
                    {t.admin.create_group}
                </button>
            </div>
            <p class="muted">{t.admin.groups_intro}</p>
            <p class="status-line" role="status">
                {move || status.get()}
            </p>
            <Transition fallback=move || view! { <Loading label=t.admin.loading_groups /> }>
                {move || Suspend::new(async move {
                    match groups.await {
                        Ok(list) => view! { <OrgGroupList groups=list on_edit=on_edit /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error=error on_retry=retry /> }.into_any(),
                    }
                })}
            </Transition>
            {move || {
                editing
                    .get()
                    .map(|group| {
                        view! {
                            <EditPoliciesDialog
                                group=group
                                on_saved=on_saved
                                on_close=Callback::new(move |()| editing.set(None))
                            />
                        }
                    })
            }}
            <Show when=move || creating.get()>
                <CreateGroupDialog
                    org_id=org_id
                    on_created=on_created
                    on_close=Callback::new(move |()| creating.set(false))
                />
            </Show>
        </section>
    }
}

/// The restrictions a group's own policies make, in words in the language of
/// `t` ("Copying off, forwarding off").
pub fn restrictions(policies: &GroupPolicies, t: &'static Texts) -> String {
    let mut off = Vec::new();
    if !policies.allow_copy {
        off.push(t.admin.copying_off);
    }
    if !policies.allow_share {
        off.push(t.admin.sharing_off);
    }
    if !policies.allow_forward {
        off.push(t.admin.forwarding_off);
    }
    if policies.require_work_signin {
        off.push(t.admin.work_signin_required);
    }
    if !policies.history_for_new_members {
        off.push(t.admin.no_history_for_new_members);
    }
    if off.is_empty() {
        t.admin.everything_allowed.to_owned()
    } else {
        let text = off.join(", ");
        let mut chars = text.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
    }
}

/// Every group an organization owns, or the empty state.
#[component]
pub fn OrgGroupList(
    /// The groups.
    groups: Vec<OrgGroup>,
    /// Called by a group's Edit policies button.
    on_edit: Callback<OrgGroup>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    if groups.is_empty() {
        return view! {
            <EmptyState title=t.admin.no_org_groups>
                <p>{t.admin.no_org_groups_body}</p>
            </EmptyState>
        }
        .into_any();
    }
    view! {
        <ul class="admin-groups" aria-label=t.admin.org_groups>
            {groups.into_iter().map(|group| view! { <OrgGroupRow group=group on_edit=on_edit /> }).collect_view()}
        </ul>
    }
    .into_any()
}

/// One org group: owner, admins, members, where it was created, when it was converted.
#[component]
fn OrgGroupRow(group: OrgGroup, on_edit: Callback<OrgGroup>) -> impl IntoView {
    let t = crate::i18n::texts();
    let admins: Vec<String> =
        group.members.iter().filter(|m| m.role == Role::Admin).map(|m| m.display_name.clone()).collect();
    let admins = if admins.is_empty() { t.admin.no_admins.to_owned() } else { admins.join(", ") };
    let mut names: Vec<(String, bool)> =
        group.members.iter().map(|m| (m.display_name.clone(), m.person_id.is_none())).collect();
    order::sort_by_key(&mut names, |(name, _)| order::then_text(0, name));
    let created_at = when(group.created_at, t.lang);
    let created = match group.created_via {
        CreatedVia::Portal => (t.admin.created_in_portal)(&created_at),
        CreatedVia::App => (t.admin.created_in_app)(&created_at),
    };
    let converted = group.converted_at.map(|at| when(at, t.lang));
    let policies = restrictions(&group.policies, t);
    let title = group.title.clone();
    let members = (t.admin.members_count)(group.members.len());
    let owner = group.owner_org.name.clone();
    let edit_group = group.clone();
    view! {
        <li class="admin-group" data-id=group.id.0>
            <div class="admin-group-head">
                <Avatar name=group.title.clone() seed=group.id.0 org=Some(owner.clone()) />
                <div class="person-main">
                    <h3 class="admin-group-title">{title.clone()}</h3>
                    <span class="person-sub">{members.clone()} " · " {policies}</span>
                </div>
                <button
                    type="button"
                    class="button button-secondary button-small"
                    on:click=move |_| on_edit.run(edit_group.clone())
                >
                    {t.admin.edit_policies}
                    <span class="sr-only">{(t.admin.edit_policies_of)(&title)}</span>
                </button>
            </div>
            <dl class="facts">
                <dt>{t.admin.owner}</dt>
                <dd>{owner}</dd>
                <dt>{t.admin.group_admins}</dt>
                <dd>{admins}</dd>
                <dt>{t.admin.created}</dt>
                <dd>{created}</dd>
                <dt>{t.admin.converted}</dt>
                <dd>
                    {match converted {
                        Some(at) => (t.admin.converted_at)(&at),
                        None => t.admin.not_converted.to_owned(),
                    }}
                </dd>
            </dl>
            <details class="admin-members">
                <summary>
                    {(t.admin.members_summary)(group.members.len())}
                    <span class="sr-only">{(t.admin.members_of)(&title)}</span>
                </summary>
                <ul class="member-names">
                    {names
                        .into_iter()
                        .map(|(name, waiting)| {
                            view! {
                                <li>
                                    {name}
                                    {waiting.then(|| view! { <span class="muted">{t.admin.not_on_samtal_yet}</span> })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </details>
        </li>
    }
}

/// The Edit policies dialog of one group.
#[component]
fn EditPoliciesDialog(group: OrgGroup, on_saved: Callback<String>, on_close: Callback<()>) -> impl IntoView {
    let t = crate::i18n::texts();
    let session = use_session();
    let saving = RwSignal::new(false);
    let error = RwSignal::new(None::<ClientError>);
    let id = group.id;
    let title = group.title.clone();
    let on_save = Callback::new(move |policies: GroupPolicies| {
        if saving.get_untracked() {
            return;
        }
        saving.set(true);
        error.set(None);
        let title = title.clone();
        spawn_local(async move {
            let result = api::admin::set_group_policies(id, &policies).await;
            saving.set(false);
            match result {
                Ok(_) => on_saved.run(title),
                Err(err) => {
                    if !session.handle_error(&err) {
                        error.set(Some(err));
                    }
                }
            }
        });
    });
    view! {
        <Dialog title=(t.admin.policies_of)(&group.title) on_close=on_close>
            <GroupPoliciesForm policies=group.policies on_save=on_save on_cancel=on_close saving=saving />
            {move || error.get().map(|error| view! { <ErrorNotice error=error /> })}
        </Dialog>
    }
}

/// The Create group dialog: a title and members picked from the directory.
#[component]
fn CreateGroupDialog(org_id: OrgId, on_created: Callback<OrgGroup>, on_close: Callback<()>) -> impl IntoView {
    let t = crate::i18n::texts();
    let session = use_session();
    let title = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    let picked = RwSignal::new(Vec::<DirectoryEntry>::new());
    let busy = RwSignal::new(false);
    let form_error = RwSignal::new(None::<String>);
    let matches = LocalResource::new(move || {
        let query = query.get();
        async move { api::admin::directory(org_id, &query).await }
    });
    let is_picked = move |id: DirectoryEntryId| picked.with(|p| p.iter().any(|e| e.id == id));
    let toggle = move |entry: DirectoryEntry| {
        picked.update(|p| {
            if let Some(i) = p.iter().position(|e| e.id == entry.id) {
                p.remove(i);
            } else {
                p.push(entry);
            }
        })
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let name = title.get_untracked().trim().to_owned();
        if name.is_empty() {
            form_error.set(Some(t.admin.group_title_missing.to_owned()));
            return;
        }
        if name.chars().count() > NAME_MAX {
            form_error.set(Some((t.admin.group_title_too_long)(NAME_MAX)));
            return;
        }
        let body = CreateOrgGroup {
            title: name,
            member_ids: Vec::new(),
            directory_entry_ids: picked.with_untracked(|p| p.iter().map(|e| e.id).collect()),
            policies: None,
        };
        busy.set(true);
        form_error.set(None);
        spawn_local(async move {
            let result = api::admin::create_group(org_id, &body).await;
            busy.set(false);
            match result {
                Ok(group) => on_created.run(group),
                Err(err) => {
                    if !session.handle_error(&err) {
                        form_error.set(Some(err.human_in(t.lang)));
                    }
                }
            }
        });
    };
    view! {
        <Dialog title=t.admin.create_group on_close=on_close wide=true>
            <p class="muted">{t.admin.create_group_intro}</p>
            <form class="form" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="new-group-title">{t.admin.group_title}</label>
                    <input
                        id="new-group-title"
                        type="text"
                        maxlength=NAME_MAX.to_string()
                        required
                        data-autofocus=""
                        bind:value=title
                    />
                </div>
                <fieldset class="picker">
                    <legend>{t.admin.members}</legend>
                    {move || {
                        let list = picked.get();
                        if list.is_empty() {
                            view! { <p class="hint">{t.admin.nobody_picked}</p> }
                                .into_any()
                        } else {
                            view! {
                                <ul class="chips" aria-label=t.admin.picked_members>
                                    {list
                                        .into_iter()
                                        .map(|entry| {
                                            let name = entry.display_name.clone();
                                            view! {
                                                <li class="chip">
                                                    {name.clone()}
                                                    <button
                                                        type="button"
                                                        class="chip-remove"
                                                        aria-label=(t.admin.take_out)(&name)
                                                        on:click=move |_| toggle(entry.clone())
                                                    >
                                                        "×"
                                                    </button>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                    }}
                    <div class="field">
                        <label for="new-group-search">{t.admin.find_in_directory}</label>
                        <input
                            id="new-group-search"
                            type="search"
                            autocomplete="off"
                            placeholder=t.admin.search_placeholder
                            bind:value=query
                        />
                    </div>
                    <Transition fallback=move || view! { <Loading label=t.admin.searching_directory /> }>
                        {move || Suspend::new(async move {
                            match matches.await {
                                Ok(list) if list.is_empty() => {
                                    view! { <p class="hint">{t.admin.nobody_in_directory_matches}</p> }.into_any()
                                }
                                Ok(list) => {
                                    let more = list.len().saturating_sub(PICKER_MAX);
                                    view! {
                                        <ul class="picker-list" aria-label=t.admin.directory_matches>
                                            {list
                                                .into_iter()
                                                .take(PICKER_MAX)
                                                .map(|entry| {
                                                    let id = entry.id;
                                                    let box_id = format!("pick-{id}");
                                                    let sub = format!("{} · {}", entry.email, entry.designation);
                                                    let name = entry.display_name.clone();
                                                    view! {
                                                        <li class="picker-row">
                                                            <input
                                                                id=box_id.clone()
                                                                type="checkbox"
                                                                prop:checked=move || is_picked(id)
                                                                on:change=move |_| toggle(entry.clone())
                                                            />
                                                            <label for=box_id>
                                                                <span class="person-name">{name}</span>
                                                                <span class="person-sub">{sub}</span>
                                                            </label>
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                        {(more > 0)
                                            .then(|| {
                                                view! {
                                                    <p class="hint">
                                                        {(t.admin.more_matches)(more)}
                                                    </p>
                                                }
                                            })}
                                    }
                                        .into_any()
                                }
                                Err(error) => view! { <ErrorNotice error=error /> }.into_any(),
                            }
                        })}
                    </Transition>
                </fieldset>
                <div class="form-error" role="alert">
                    {move || form_error.get().map(|message| view! { <p>{message}</p> })}
                </div>
                <div class="dialog-actions">
                    <button type="button" class="button button-secondary" on:click=move |_| on_close.run(())>
                        {t.common.cancel}
                    </button>
                    <button type="submit" class="button button-primary" disabled=move || busy.get()>
                        {move || if busy.get() { t.admin.creating } else { t.admin.create_group }}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn restrictions(policies: &GroupPolicies) -> String {
        super::restrictions(policies, Texts::of(Lang::En))
    }

    fn members_label(n: usize) -> String {
        (Texts::of(Lang::En).admin.members_count)(n)
    }

    #[test]
    fn restrictions_name_what_is_off() {
        assert_eq!(restrictions(&GroupPolicies::default()), "Everything allowed");
        let strict = GroupPolicies { allow_copy: false, allow_forward: false, ..GroupPolicies::default() };
        assert_eq!(restrictions(&strict), "Copying off, forwarding off");
        let signin = GroupPolicies { require_work_signin: true, ..GroupPolicies::default() };
        assert_eq!(restrictions(&signin), "Work sign-in required");
    }

    #[test]
    fn member_counts_read_naturally() {
        assert_eq!(members_label(1), "1 member");
        assert_eq!(members_label(7), "7 members");
    }
}
