//! A conversation's profile: name, avatar, who owns it, its effective
//! policies, members and roles, and the **More** menu (Add to organization,
//! Edit policies, Leave group). It follows the event socket: a change
//! refetches it, losing access closes it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map};
use samtal_core::api::{
    AddMember, ConversationDetail, ConversationKind, CreatedVia, Member, Role, Scope, SearchResult, SearchSource,
};
use samtal_core::events::{Event, RevocationReason};
use samtal_core::{ConversationId, GroupPolicies, Millis, OrgId, PersonId, Policies, Restrictions};

use crate::api::{self, ClientError};
use crate::components::controls::{ActionButton, ErrorSlot, Look};
use crate::components::dialog::unique_id;
use crate::components::people_search::{PeoplePicker, PeopleSearch, SearchBox, SearchResultRow};
use crate::components::{
    Avatar, ConfirmDialog, Dialog, EmptyState, ErrorNotice, Loading, MenuAction, MenuButton, OrgBadge, ProfileCard,
};
use crate::i18n::{Lang, Texts};
use crate::order;
use crate::state::{cache, use_live, use_session};

/// A moment as a person reads it: "14 Mar 2025, 13:05" in their time zone,
/// written as `lang` writes dates (English keeps the browser's own format).
pub fn long_time(at: Millis, lang: Lang) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at as f64));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    let locale = match lang {
        Lang::En => "default",
        Lang::Sv => "sv-SE",
    };
    String::from(date.to_locale_string(locale, &options))
}

/// [`policy_lines_in`] in English, the spec's words.
pub fn policy_lines(
    policies: Option<&Policies>,
    kind: ConversationKind,
    restricted_by: &Restrictions,
    org: &str,
) -> Vec<String> {
    policy_lines_in(Texts::of(Lang::En), policies, kind, restricted_by, org)
}

/// The effective policies of a conversation in words of `t`, one line each,
/// with who set each restriction where the server said (`restricted_by`, for
/// the owner `org`). Private conversations have none, and say so.
pub fn policy_lines_in(
    t: &'static Texts,
    policies: Option<&Policies>,
    kind: ConversationKind,
    restricted_by: &Restrictions,
    org: &str,
) -> Vec<String> {
    let p = t.people;
    let Some(policies) = policies else {
        return vec![p.no_policies.to_owned()];
    };
    let by = |setter: Option<samtal_core::SetBy>| setter.map(|s| (p.set_by)(s, org));
    let place = match kind {
        ConversationKind::Group => p.place_group,
        ConversationKind::Chat => p.place_chat,
    };
    let mut lines = vec![
        if policies.allow_copy { p.copy_allowed.to_owned() } else { (p.copy_off)(by(restricted_by.copy).as_deref()) },
        if policies.allow_share {
            p.share_allowed.to_owned()
        } else {
            (p.share_off)(by(restricted_by.share).as_deref())
        },
        if policies.allow_forward {
            (p.forward_allowed)(place)
        } else {
            (p.forward_off)(by(restricted_by.forward).as_deref())
        },
        if policies.require_work_signin {
            (p.signin_required)(place, by(restricted_by.require_work_signin).as_deref())
        } else {
            (p.signin_not_required)(place)
        },
    ];
    if kind == ConversationKind::Group {
        lines.push(if policies.history_for_new_members { p.history_all } else { p.history_from_join }.to_owned());
    }
    lines
}

/// Why the profile closed, for a revocation, in words of `t`.
pub fn revoked_sentence(t: &'static Texts, reason: RevocationReason) -> &'static str {
    match reason {
        RevocationReason::Left => t.people.revoked_left,
        RevocationReason::Removed => t.people.revoked_removed,
        RevocationReason::SignedOutOfWorkAccount => t.people.revoked_signed_out,
        RevocationReason::RemovedFromDirectory => t.people.revoked_directory,
        RevocationReason::OrgDisabled => t.people.revoked_org_disabled,
    }
}

/// How to add a search result to the conversation, or `None` when it can't
/// be: a directory entry of the owning organization goes in as an entry (it
/// may not be on Samtal yet), anyone else as a person.
pub fn add_target(result: &SearchResult, scope: Scope, owner: Option<OrgId>) -> Option<AddMember> {
    let own_directory = result.source == SearchSource::Directory
        && scope == Scope::Org
        && result.org.as_ref().map(|o| o.id) == owner
        && owner.is_some();
    match (own_directory, result.directory_entry_id, result.person_id) {
        (true, Some(entry), _) => Some(AddMember { person_id: None, directory_entry_id: Some(entry) }),
        (_, _, Some(person)) => Some(AddMember { person_id: Some(person), directory_entry_id: None }),
        _ => None,
    }
}

/// Whether `result` is already among `members`.
pub fn is_member(result: &SearchResult, members: &[Member]) -> bool {
    members.iter().any(|m| {
        (m.person_id.is_some() && m.person_id == result.person_id)
            || (m.directory_entry_id.is_some() && m.directory_entry_id == result.directory_entry_id)
    })
}

/// Where the profile stands.
#[derive(Debug, Clone, PartialEq)]
enum Loaded {
    Loading,
    Ready(Box<ConversationDetail>),
    Failed(ClientError),
    /// Access ended while it was open: why.
    Closed(String),
}

/// Which dialog of the profile is open.
#[derive(Debug, Clone, PartialEq)]
enum Open {
    AddToOrganization,
    EditPolicies,
    Leave,
    AddMembers,
    Remove(Member),
    Person(PersonId),
}

/// The group profile screen (`/chats/:id/profile`).
#[component]
pub fn GroupProfilePage() -> impl IntoView {
    let t = crate::i18n::texts();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse::<ConversationId>().ok())));
    view! {
        {move || match id.get() {
            Some(id) => view! { <GroupProfile id=id /> }.into_any(),
            None => {
                view! {
                    <section class="page">
                        <EmptyState title=t.people.no_such_conversation>
                            <p>
                                <a href="/chats">{t.common.back_to_chats}</a>
                            </p>
                        </EmptyState>
                    </section>
                }
                    .into_any()
            }
        }}
    }
}

/// The profile of conversation `id`.
#[component]
fn GroupProfile(
    /// The conversation.
    id: ConversationId,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let session = use_session();
    let live = use_live();
    let navigate = use_navigate();
    let state = RwSignal::new(Loaded::Loading);
    let open = RwSignal::new(None::<Open>);
    let close = Callback::new(move |()| open.set(None));
    // Only the newest load may write: an older answer never replaces a newer one.
    let loads = StoredValue::new(0_u64);
    let load = move || {
        let ticket = loads.try_update_value(|n| {
            *n += 1;
            *n
        });
        spawn_local(async move {
            let answer = api::cached::conversation(id).await;
            if loads.try_get_value() != ticket {
                return;
            }
            if matches!(state.get_untracked(), Loaded::Closed(_)) {
                return;
            }
            match answer {
                Ok(detail) => state.set(Loaded::Ready(Box::new(detail))),
                Err(err) => {
                    if !session.handle_error(&err) {
                        state.set(Loaded::Failed(err));
                    }
                }
            }
        });
    };
    load();
    // A mutation's answer is the new profile.
    let apply = move |detail: ConversationDetail| {
        loads.update_value(|n| *n += 1);
        state.set(Loaded::Ready(Box::new(detail)));
    };

    // Follow the event socket: events newer than those present at mount.
    let seen = StoredValue::new(live.events.with_untracked(|events| events.last().map(|e| e.id)));
    Effect::new(move |_| {
        let mut reload = false;
        live.events.with(|events| {
            let after = seen.get_value();
            let owner = match state.get_untracked() {
                Loaded::Ready(detail) => detail.summary.owner_org.as_ref().map(|o| o.id),
                _ => None,
            };
            for envelope in events.iter().filter(|e| after.is_none_or(|a| e.id > a)) {
                match &envelope.event {
                    Event::ConversationChanged { conversation_id } if *conversation_id == id => reload = true,
                    Event::ConversationRevoked { conversation_id, reason } if *conversation_id == id => {
                        open.set(None);
                        state.set(Loaded::Closed(revoked_sentence(t, *reason).to_owned()));
                    }
                    Event::OrgRevoked { org_id, reason } if Some(*org_id) == owner => {
                        open.set(None);
                        state.set(Loaded::Closed(revoked_sentence(t, *reason).to_owned()));
                    }
                    _ => {}
                }
            }
            if let Some(last) = events.last() {
                seen.set_value(Some(last.id));
            }
        });
        if reload && !matches!(state.get_untracked(), Loaded::Closed(_)) {
            load();
        }
    });

    let detail = Memo::new(move |_| match state.get() {
        Loaded::Ready(detail) => Some(*detail),
        _ => None,
    });
    let retry = Callback::new(move |()| {
        state.set(Loaded::Loading);
        load();
    });

    // The More menu, from what the viewer may do.
    let actions = Signal::derive(move || {
        let Some(detail) = detail.get() else { return Vec::new() };
        let can = detail.summary.capabilities;
        let mut actions = Vec::new();
        if can.add_to_organization {
            actions.push(MenuAction::new(
                t.common.add_to_organization,
                Callback::new(move |()| open.set(Some(Open::AddToOrganization))),
            ));
        }
        if can.edit_policies {
            actions.push(MenuAction::new(
                t.people.edit_policies,
                Callback::new(move |()| open.set(Some(Open::EditPolicies))),
            ));
        }
        if can.leave {
            actions
                .push(MenuAction::danger(t.people.leave_group, Callback::new(move |()| open.set(Some(Open::Leave)))));
        }
        actions
    });

    let has_menu = Signal::derive(move || actions.with(|a| !a.is_empty()));

    // Dialog actions.
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ClientError>);
    let notice = RwSignal::new(String::new());
    let run = move |work: Work| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            let answer = match &work {
                Work::Convert => api::groups::add_to_organization(id).await.map(Some),
                Work::Policies(policies) => api::groups::set_policies(id, policies).await.map(Some),
                Work::Remove(member) => match (member.person_id, member.directory_entry_id) {
                    (Some(person), _) => api::groups::remove_member(id, person).await.map(Some),
                    (None, Some(entry)) => api::groups::remove_entry_member(id, entry).await.map(Some),
                    (None, None) => Ok(None),
                },
                Work::Leave => api::groups::leave(id).await.map(|()| None),
            };
            busy.set(false);
            match answer {
                Ok(detail) => {
                    open.set(None);
                    notice.set(match &work {
                        Work::Convert => t.people.group_converted.to_owned(),
                        Work::Policies(_) => t.people.policies_saved.to_owned(),
                        Work::Remove(member) => (t.people.member_removed)(&member.display_name),
                        Work::Leave => String::new(),
                    });
                    match (work, detail) {
                        (Work::Leave, _) => {
                            // Gone from this device at once (rule 10), before
                            // the chat list reads what the cache holds.
                            if let Some(device) = cache::device() {
                                cache::write(async move { device.wipe_conversation(id).await });
                            }
                            navigate("/chats", NavigateOptions::default())
                        }
                        (_, Some(detail)) => apply(detail),
                        (_, None) => load(),
                    }
                }
                Err(err) => {
                    if !session.handle_error(&err) {
                        error.set(Some(err));
                    }
                }
            }
        });
    };
    let open_dialog = move |which: Open| {
        error.set(None);
        open.set(Some(which));
    };
    let run_convert = Callback::new({
        let run = run.clone();
        move |()| run(Work::Convert)
    });
    let run_leave = Callback::new({
        let run = run.clone();
        move |()| run(Work::Leave)
    });
    let run_policies = Callback::new({
        let run = run.clone();
        move |policies: GroupPolicies| run(Work::Policies(policies))
    });
    let run_remove = Callback::new(move |()| {
        if let Some(Open::Remove(member)) = open.get_untracked() {
            run(Work::Remove(member));
        }
    });
    let ask_remove = Callback::new(move |member: Member| open_dialog(Open::Remove(member)));
    let show_person = Callback::new(move |person: PersonId| open.set(Some(Open::Person(person))));
    let add_members = Callback::new(move |()| open_dialog(Open::AddMembers));
    let added = Callback::new(move |detail: ConversationDetail| apply(detail));

    let viewer = Signal::derive(move || session.me().map(|me| me.person.id));
    let work_org = Signal::derive(move || session.me().and_then(|me| me.work_account).map(|w| w.org_name));

    view! {
        <aside class="page group-profile" aria-labelledby="profile-title">
            // One screen on a phone: back to the conversation. Beside the
            // conversation on a wide screen: close the pane.
            <p class="back-link">
                <a href=format!("/chats/{id}")>
                    <span aria-hidden="true">"← "</span>
                    {t.people.back_to_conversation}
                </a>
            </p>
            <a
                class="pane-close"
                href=format!("/chats/{id}")
                aria-label=t.people.close_profile
                title=t.people.close_profile
            >
                <span aria-hidden="true">"×"</span>
            </a>
            {move || match state.get() {
                Loaded::Loading => view! { <Loading label=t.people.loading_profile /> }.into_any(),
                Loaded::Failed(error) => {
                    view! {
                        <h2 id="profile-title">{t.people.profile}</h2>
                        <ErrorNotice error=error on_retry=retry />
                    }
                        .into_any()
                }
                Loaded::Closed(why) => {
                    view! {
                        <h2 id="profile-title">{t.people.closed}</h2>
                        <div class="notice notice-info" role="alert">
                            <p>{why}</p>
                            <a class="button button-secondary" href="/chats">
                                {t.common.back_to_chats}
                            </a>
                        </div>
                    }
                        .into_any()
                }
                Loaded::Ready(_) => ().into_any(),
            }}
            // The header stays put while the profile refreshes, so the More
            // button keeps focus (and dialogs opened from it can return it).
            <Show when=move || detail.with(Option::is_some)>
                <header class="profile-hero">
                    {move || detail.get().map(|detail| view! { <ProfileHero detail=detail /> })}
                    <Show when=move || has_menu.get()>
                        <MenuButton label=t.people.more actions=actions />
                    </Show>
                </header>
            </Show>
            {move || {
                detail
                    .get()
                    .map(|detail| {
                        view! {
                            <ProfileBody
                                detail=detail
                                viewer=viewer.get_untracked()
                                on_add=add_members
                                on_remove=ask_remove
                                on_person=show_person
                            />
                        }
                    })
            }}
            <p class="sr-only" role="status">
                {move || notice.get()}
            </p>
            {move || {
                let which = open.get()?;
                let detail = detail.get_untracked()?;
                let title = detail.summary.title.clone();
                Some(match which {
                    Open::AddToOrganization => {
                        let org = work_org.get_untracked().unwrap_or_else(|| t.people.your_organization.to_owned());
                        view! {
                            <ConfirmDialog
                                title=t.common.add_to_organization
                                confirm_label=t.common.add_to_organization
                                on_confirm=run_convert
                                on_cancel=close
                                busy=busy
                                error=error
                            >
                                <p>
                                    <strong>{t.people.cant_be_undone}</strong>
                                    {(t.people.becomes_org_group)(&title, &org)}
                                </p>
                                <p>{(t.people.conversion_consequences)(&org)}</p>
                            </ConfirmDialog>
                        }
                            .into_any()
                    }
                    Open::EditPolicies => {
                        let current = detail.group_policies.unwrap_or_default();
                        view! {
                            <PoliciesDialog
                                current=current
                                on_save=run_policies
                                on_cancel=close
                                busy=busy
                                error=error
                            />
                        }
                            .into_any()
                    }
                    Open::Leave => {
                        let what = if detail.summary.scope == Scope::Org {
                            t.people.leave_org_body
                        } else {
                            t.people.leave_private_body
                        };
                        view! {
                            <ConfirmDialog
                                title=(t.people.leave_title)(&title)
                                confirm_label=t.people.leave_group
                                on_confirm=run_leave
                                on_cancel=close
                                busy=busy
                                error=error
                                danger=true
                            >
                                <p>{what}</p>
                            </ConfirmDialog>
                        }
                            .into_any()
                    }
                    Open::Remove(member) => {
                        let name = member.display_name.clone();
                        view! {
                            <ConfirmDialog
                                title=(t.people.remove_person)(&name)
                                confirm_label=t.common.remove
                                on_confirm=run_remove
                                on_cancel=close
                                busy=busy
                                error=error
                                danger=true
                            >
                                <p>{(t.people.remove_member_body)(&name, &title)}</p>
                            </ConfirmDialog>
                        }
                            .into_any()
                    }
                    Open::AddMembers => {
                        view! { <AddMembersDialog detail=detail on_added=added on_close=close /> }.into_any()
                    }
                    Open::Person(person) => view! { <ProfileCard person_id=person on_close=close /> }.into_any(),
                })
            }}
        </aside>
    }
}

/// What a dialog of the profile asks the server to do.
#[derive(Debug, Clone)]
enum Work {
    Convert,
    Policies(GroupPolicies),
    Remove(Member),
    Leave,
}

/// The avatar (with the org badge on org conversations), name and kind.
#[component]
fn ProfileHero(
    /// The conversation as last loaded.
    detail: ConversationDetail,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let summary = detail.summary;
    let badge =
        (summary.scope == Scope::Org).then(|| summary.owner_org.as_ref().map(|o| o.name.clone()).unwrap_or_default());
    let members = detail.members.len();
    let kind_line = match (summary.kind, summary.scope) {
        (ConversationKind::Group, Scope::Org) => (t.people.org_group_members)(members),
        (ConversationKind::Group, Scope::Private) => (t.people.private_group_members)(members),
        (ConversationKind::Chat, Scope::Org) => t.common.organization_chat.to_owned(),
        (ConversationKind::Chat, Scope::Private) => t.common.private_chat.to_owned(),
    };
    view! {
        <Avatar name=summary.title.clone() seed=summary.id.0 org=badge large=true />
        <div class="profile-hero-text">
            <h2 id="profile-title">{summary.title.clone()}</h2>
            <p class="profile-sub">{kind_line}</p>
        </div>
    }
}

/// The profile itself, for one version of the conversation.
#[component]
fn ProfileBody(
    /// The conversation as last loaded.
    detail: ConversationDetail,
    /// The signed-in person ("You"; never offered their own removal).
    viewer: Option<PersonId>,
    /// Opens **Add members**.
    on_add: Callback<()>,
    /// Asks to remove a member.
    on_remove: Callback<Member>,
    /// Opens a member's profile.
    on_person: Callback<PersonId>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let summary = &detail.summary;
    let org_name = summary.owner_org.as_ref().map(|o| o.name.clone());
    let is_group = summary.kind == ConversationKind::Group;
    let members = detail.members.len();
    let created = match detail.created_via {
        CreatedVia::App => (t.people.created_in_app)(&long_time(detail.created_at, t.lang)),
        CreatedVia::Portal => (t.people.created_in_portal)(&long_time(detail.created_at, t.lang)),
    };
    let converted = summary.converted_at.map(|at| long_time(at, t.lang));
    let can = summary.capabilities;
    let policies = policy_lines_in(
        t,
        detail.policies.as_ref(),
        summary.kind,
        &can.restricted_by,
        org_name.as_deref().unwrap_or(t.people.the_organization_capital),
    );
    let mut roster = detail.members.clone();
    order::sort_by_key(&mut roster, |m| order::then_text(i64::from(m.role != Role::Admin), &m.display_name));
    let owner_description = detail.owner.as_ref().map(|o| o.description.clone()).filter(|d| !d.trim().is_empty());
    // The sentence from the catalog, in the reader's language; what the
    // organization wrote about its conversations stays as it was written.
    let ownership =
        org_name.as_deref().map_or_else(|| t.people.owned_by_participants.to_owned(), t.people.owned_by_org);
    view! {
        <section class="card" aria-labelledby="ownership-title">
            <h3 id="ownership-title">{t.people.ownership}</h3>
            <p class="ownership">
                {org_name.clone().map(|org| view! { <OrgBadge org_name=org /> })}
                <span>{ownership}</span>
            </p>
            {owner_description.map(|d| view! { <p class="muted">{d}</p> })}
            <dl class="facts">
                <dt>{t.people.created}</dt>
                <dd>{created}</dd>
                {converted
                    .map(|at| {
                        view! {
                            <dt>{t.people.converted}</dt>
                            <dd>
                                {(t.people.converted_on)(org_name.as_deref().unwrap_or(t.people.the_organization), &at)}
                            </dd>
                        }
                    })}
            </dl>
        </section>
        <section class="card" aria-labelledby="policies-title">
            <h3 id="policies-title">{t.people.policies}</h3>
            <ul class="policy-list">{policies.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
        </section>
        <section class="card" aria-labelledby="members-title">
            <div class="card-header">
                <h3 id="members-title">{(t.people.members_heading)(members)}</h3>
                {(is_group && can.add_members)
                    .then(|| {
                        view! {
                            <ActionButton label=t.people.add_members small=true haspopup="dialog" on_click=on_add />
                        }
                    })}
            </div>
            <ul class="person-list" aria-label=t.people.members>
                {roster
                    .into_iter()
                    .map(|member| {
                        let me = member.person_id.is_some() && member.person_id == viewer;
                        let name_id = unique_id("member-name");
                        // `data-role` stays in English whatever the language.
                        let (role, data_role) = match member.role {
                            Role::Admin => (t.people.role_admin, "admin"),
                            Role::Member => (t.people.role_member, "member"),
                        };
                        let sub = match (me, member.person_id) {
                            (true, _) => (t.people.role_you)(role),
                            (false, None) => (t.people.role_not_on_samtal)(role),
                            (false, Some(_)) => role.to_owned(),
                        };
                        let seed = member.person_id.map(|p| p.0).or(member.directory_entry_id.map(|e| e.0)).unwrap_or(0);
                        let removable = can.remove_members && !me;
                        let avatar = match member.person_id {
                            Some(person) => {
                                view! {
                                    <button
                                        type="button"
                                        class="avatar-button"
                                        aria-label=(t.people.show_profile_of)(&member.display_name)
                                        on:click=move |_| on_person.run(person)
                                    >
                                        <Avatar name=member.display_name.clone() seed=seed />
                                    </button>
                                }
                                    .into_any()
                            }
                            None => view! { <Avatar name=member.display_name.clone() seed=seed /> }.into_any(),
                        };
                        view! {
                            <li class="person-row member-row" data-role=data_role>
                                {avatar}
                                <div class="person-main">
                                    <span class="person-name" id=name_id.clone()>
                                        {member.display_name.clone()}
                                    </span>
                                    <span class="person-sub">{sub}</span>
                                </div>
                                {removable
                                    .then(|| {
                                        let member = member.clone();
                                        view! {
                                            <div class="person-actions" role="group" aria-labelledby=name_id>
                                                <ActionButton
                                                    label=t.common.remove
                                                    small=true
                                                    look=Look::Quiet
                                                    on_click=Callback::new(move |()| on_remove.run(member.clone()))
                                                />
                                            </div>
                                        }
                                    })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// **Edit policies**: the group's own policies as checkboxes.
#[component]
fn PoliciesDialog(
    /// The group's policies now: the boxes start from them.
    current: GroupPolicies,
    /// Saves the policies as ticked.
    on_save: Callback<GroupPolicies>,
    /// Closes without saving.
    on_cancel: Callback<()>,
    /// While saving, the button waits.
    busy: RwSignal<bool>,
    /// Why saving failed.
    error: RwSignal<Option<ClientError>>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let policies = RwSignal::new(current);
    type Field = (&'static str, &'static str, fn(&GroupPolicies) -> bool, fn(&mut GroupPolicies, bool));
    let words = t.people;
    let fields: [Field; 5] = [
        (words.allow_copy, words.allow_copy_hint, |p| p.allow_copy, |p, v| p.allow_copy = v),
        (words.allow_share, words.allow_share_hint, |p| p.allow_share, |p, v| p.allow_share = v),
        (words.allow_forward, words.allow_forward_hint, |p| p.allow_forward, |p, v| p.allow_forward = v),
        (
            words.require_work_signin,
            words.require_work_signin_hint,
            |p| p.require_work_signin,
            |p, v| p.require_work_signin = v,
        ),
        (words.show_history, words.history_all, |p| p.history_for_new_members, |p, v| p.history_for_new_members = v),
    ];
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        on_save.run(policies.get_untracked());
    };
    view! {
        <Dialog title=t.people.edit_policies on_close=on_cancel>
            <form class="form" on:submit=submit>
                <p class="muted">{t.people.policies_dialog_intro}</p>
                <ul class="check-list">
                    {fields
                        .into_iter()
                        .map(|(label, hint, get, set)| {
                            let hint_id = unique_id("policy-hint");
                            view! {
                                <li>
                                    <label class="check">
                                        <input
                                            type="checkbox"
                                            aria-describedby=hint_id.clone()
                                            prop:checked=move || policies.with(get)
                                            on:change=move |event| {
                                                let on = event_target_checked(&event);
                                                policies.update(|p| set(p, on));
                                            }
                                        />
                                        <span>{label}</span>
                                    </label>
                                    <p class="hint check-hint" id=hint_id>
                                        {hint}
                                    </p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <ErrorSlot error=error />
                <div class="dialog-actions">
                    <ActionButton label=t.common.cancel on_click=on_cancel />
                    <button type="submit" class="button button-primary" disabled=move || busy.get()>
                        {t.people.save_policies}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}

/// **Add members**: contacts, or anyone found by search; each added at once.
#[component]
fn AddMembersDialog(
    /// The conversation, for its scope, owner and members.
    detail: ConversationDetail,
    /// The profile after each addition.
    on_added: Callback<ConversationDetail>,
    /// Closes the dialog.
    on_close: Callback<()>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let session = use_session();
    let id = detail.summary.id;
    let scope = detail.summary.scope;
    let owner = detail.summary.owner_org.as_ref().map(|o| o.id);
    let members = RwSignal::new(detail.members.clone());
    let search = PeopleSearch::new();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ClientError>);
    let done = RwSignal::new(String::new());
    let contacts = LocalResource::new(move || async move { api::cached::contacts().await });
    let contact_ids: Signal<Vec<PersonId>> = Signal::derive(move || {
        contacts.get().and_then(Result::ok).map(|list| list.iter().map(|c| c.person.id).collect()).unwrap_or_default()
    });
    let add = Callback::new(move |result: SearchResult| {
        let Some(target) = add_target(&result, scope, owner) else { return };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let answer = api::groups::add_member(id, &target).await;
            busy.set(false);
            match answer {
                Ok(detail) => {
                    members.set(detail.members.clone());
                    done.set((t.people.member_added)(&result.display_name));
                    on_added.run(detail);
                }
                Err(err) => {
                    if !session.handle_error(&err) {
                        error.set(Some(err));
                    }
                }
            }
        });
    });
    // Reads `members`, so each row is drawn again once someone is added.
    let row = Callback::new(move |result: SearchResult| {
        let member = members.with(|m| is_member(&result, m));
        let target = add_target(&result, scope, owner);
        let note = match (member, &target) {
            (true, _) => Some(t.people.already_member.to_owned()),
            (false, None) => Some(t.people.only_their_org_groups.to_owned()),
            (false, Some(_)) => None,
        };
        let can_add = !member && target.is_some();
        let adding = result.clone();
        view! {
            <SearchResultRow result=result note=note>
                {can_add
                    .then(|| {
                        let adding = adding.clone();
                        view! {
                            <ActionButton
                                label=t.people.add
                                small=true
                                disabled=busy
                                on_click=Callback::new(move |()| add.run(adding.clone()))
                            />
                        }
                    })}
            </SearchResultRow>
        }
        .into_any()
    });
    view! {
        <Dialog title=t.people.add_members on_close=on_close wide=true>
            <SearchBox search=search />
            <p class="sr-only" role="status">
                {move || done.get()}
            </p>
            <ErrorSlot error=error />
            <PeoplePicker search=search contacts=contacts contact_ids=contact_ids row=row />
            <div class="dialog-actions">
                <ActionButton label=t.people.done look=Look::Primary on_click=on_close />
            </div>
        </Dialog>
    }
}
