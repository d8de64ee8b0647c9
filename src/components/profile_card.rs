//! A person's full profile in a dialog: name, job title, department, work
//! e-mail, organization and what the organization says about its conversations.

use leptos::prelude::*;
use samtal_core::PersonId;
use samtal_core::api::{Profile, SearchResult};

use super::controls::ActionButton;
use super::dialog::Dialog;
use super::people_search::result_seed;
use super::{Avatar, ErrorNotice, Loading};
use crate::api;
use crate::state::use_session;

/// What a profile card shows, from a profile or from a directory result.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProfileFacts {
    /// Name.
    pub display_name: String,
    /// `@handle`, for people on Samtal.
    pub handle: Option<String>,
    /// Job title.
    pub designation: Option<String>,
    /// Department.
    pub department: Option<String>,
    /// Work e-mail.
    pub email: Option<String>,
    /// Alias in the directory.
    pub alias: Option<String>,
    /// The organization's name, for people in a directory.
    pub org_name: Option<String>,
    /// The organization's description of its conversations.
    pub org_description: Option<String>,
    /// Picks the avatar's colour.
    pub seed: i64,
    /// Whether they are on Samtal (a directory entry may not be linked yet).
    pub on_samtal: bool,
}

impl ProfileFacts {
    /// From `GET /api/people/{id}`.
    pub fn from_profile(profile: &Profile) -> Self {
        let directory = profile.directory.as_ref();
        Self {
            display_name: profile.person.display_name.clone(),
            handle: Some(profile.person.handle.clone()),
            designation: directory.map(|d| d.designation.clone()),
            department: directory.map(|d| d.department.clone()),
            email: directory.map(|d| d.email.clone()),
            alias: directory.map(|d| d.alias.clone()),
            org_name: directory.map(|d| d.org.name.clone()),
            org_description: directory.map(|d| d.org.description.clone()),
            seed: profile.person.id.0,
            on_samtal: true,
        }
    }

    /// From a search result (the description comes from the person's profile, when there is one).
    pub fn from_result(result: &SearchResult) -> Self {
        Self {
            display_name: result.display_name.clone(),
            handle: None,
            designation: result.designation.clone(),
            department: result.department.clone(),
            email: result.email.clone(),
            alias: result.alias.clone(),
            org_name: result.org.as_ref().map(|o| o.name.clone()),
            org_description: None,
            seed: result_seed(result),
            on_samtal: result.person_id.is_some(),
        }
    }
}

/// A person's profile, loaded from `GET /api/people/{person_id}`, in a dialog.
#[component]
pub fn ProfileCard(
    /// Whose profile.
    person_id: PersonId,
    /// Closes the card (Escape, the backdrop, or **Close**).
    on_close: Callback<()>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let session = use_session();
    let profile = LocalResource::new(move || async move {
        let result = api::cached::profile(person_id).await;
        if let Err(err) = &result {
            session.handle_error(err);
        }
        result
    });
    let title = Signal::derive(move || match profile.get() {
        Some(Ok(profile)) => profile.person.display_name,
        _ => t.people.profile.to_owned(),
    });
    let retry = Callback::new(move |()| profile.refetch());
    view! {
        <Dialog title=title on_close=on_close>
            <Transition fallback=move || view! { <Loading label=t.people.loading_profile /> }>
                {move || Suspend::new(async move {
                    match profile.await {
                        Ok(profile) => view! { <ProfileDetails facts=ProfileFacts::from_profile(&profile) /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error=error on_retry=retry /> }.into_any(),
                    }
                })}
            </Transition>
            <CloseButton on_close=on_close />
        </Dialog>
    }
}

/// The profile of a directory search result, in a dialog: what the result
/// carries, plus the organization's description when the person is on Samtal.
#[component]
pub fn DirectoryProfileCard(
    /// The directory result.
    result: SearchResult,
    /// Closes the card.
    on_close: Callback<()>,
) -> impl IntoView {
    let facts = ProfileFacts::from_result(&result);
    let person = result.person_id;
    // The description is a bonus: the card is complete without it.
    let description = LocalResource::new(move || async move {
        match person {
            Some(id) => api::cached::profile(id).await.ok().and_then(|p| p.directory).map(|d| d.org.description),
            None => None,
        }
    });
    let title = facts.display_name.clone();
    view! {
        <Dialog title=title on_close=on_close>
            {move || {
                let mut facts = facts.clone();
                facts.org_description = description.get().flatten();
                view! { <ProfileDetails facts=facts /> }
            }}
            <CloseButton on_close=on_close />
        </Dialog>
    }
}

/// The facts of a profile, as a card's body.
#[component]
pub fn ProfileDetails(
    /// What to show.
    facts: ProfileFacts,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let org = facts.org_name.clone();
    let mut rows: Vec<(&'static str, String)> = Vec::new();
    for (label, value) in [
        (t.people.designation, &facts.designation),
        (t.people.department, &facts.department),
        (t.people.work_email, &facts.email),
        (t.people.alias, &facts.alias),
        (t.people.organization, &facts.org_name),
    ] {
        if let Some(value) = value.as_ref().filter(|v| !v.trim().is_empty()) {
            rows.push((label, value.clone()));
        }
    }
    let no_directory = org.is_none();
    let headline = match (&facts.designation, &org) {
        (Some(designation), Some(org)) if !designation.trim().is_empty() => {
            Some((t.people.designation_at)(designation, org))
        }
        (_, Some(org)) => Some(org.clone()),
        (_, None) => None,
    };
    view! {
        <div class="profile-card">
            <div class="profile-card-head">
                <Avatar name=facts.display_name.clone() seed=facts.seed org=org.clone() large=true />
                // The dialog's heading is the name; beside the avatar, what they do.
                <div>
                    {headline.map(|line| view! { <p class="profile-headline">{line}</p> })}
                    {facts.handle.clone().map(|handle| view! { <p class="profile-sub">"@" {handle}</p> })}
                    {(!facts.on_samtal).then(|| view! { <p class="profile-sub">{t.people.not_on_samtal}</p> })}
                </div>
            </div>
            {(!rows.is_empty())
                .then(|| {
                    view! {
                        <dl class="facts">
                            {rows
                                .into_iter()
                                .map(|(label, value)| view! {
                                    <dt>{label}</dt>
                                    <dd>{value}</dd>
                                })
                                .collect_view()}
                        </dl>
                    }
                })}
            {no_directory
                .then(|| {
                    view! {
                        <p class="muted">{t.people.no_org_details}</p>
                    }
                })}
            {facts
                .org_description
                .filter(|d| !d.trim().is_empty())
                .map(|description| {
                    view! {
                        <div class="org-description">
                            <p class="org-title">
                                <span>{(t.people.about_conversations)(org.as_deref().unwrap_or_default())}</span>
                            </p>
                            <p>{description}</p>
                        </div>
                    }
                })}
        </div>
    }
}

/// The card's **Close** button.
#[component]
fn CloseButton(
    /// Closes the card.
    on_close: Callback<()>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    view! {
        <div class="dialog-actions">
            <ActionButton label=t.people.close on_click=on_close />
        </div>
    }
}
