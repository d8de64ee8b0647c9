//! Me: the profile, the linked work account, and signing out.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use samtal_core::api::{Me, WorkAccount};

use crate::api;
use crate::components::{Avatar, ErrorNotice, OrgBadge};
use crate::state::use_session;

/// The Me screen.
#[component]
pub fn MePage() -> impl IntoView {
    let session = use_session();
    view! {
        <section class="page" aria-labelledby="me-title">
            <header class="page-header">
                <h1 id="me-title">"Me"</h1>
            </header>
            {move || session.me().map(|me| view! { <MeDetails me=me /> })}
        </section>
    }
}

/// The signed-in person's profile, linked account, notification setting and sign-out.
#[component]
pub fn MeDetails(
    /// The signed-in person, as `GET /api/me` describes them.
    me: Me,
) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let error = RwSignal::new(None::<api::ClientError>);
    let busy = RwSignal::new(false);
    let sign_out = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = api::logout().await;
            busy.set(false);
            let signed_out = match result {
                Ok(()) => true,
                // An expired session is as good as signed out.
                Err(err) if err.is_unauthenticated() => true,
                Err(err) => {
                    error.set(Some(err));
                    false
                }
            };
            if signed_out {
                session.signed_out();
                navigate("/", Default::default());
            }
        });
    };
    let person = me.person.clone();
    let mail = if me.email_settings.enabled {
        format!(
            "On: unread messages in organization conversations are e-mailed after {} minutes.",
            me.email_settings.delay_minutes
        )
    } else {
        "Off.".to_owned()
    };
    view! {
        <div class="card profile">
            <Avatar name=person.display_name.clone() seed=person.id.0 large=true />
            <div>
                <p class="profile-name">{person.display_name.clone()}</p>
                <p class="profile-sub">"@" {person.handle.clone()}</p>
            </div>
        </div>
        <section class="card" aria-labelledby="linked-title">
            <h2 id="linked-title">"Linked account"</h2>
            {match me.work_account {
                Some(work) => view! { <WorkAccountCard work=work /> }.into_any(),
                None => {
                    view! {
                        <p class="muted">
                            "No work account linked. Signing in to your organization's work account makes you a member of it."
                        </p>
                    }
                        .into_any()
                }
            }}
        </section>
        <section class="card" aria-labelledby="mail-title">
            <h2 id="mail-title">"E-mail notifications"</h2>
            <p class="muted">{mail}</p>
        </section>
        <div class="actions">
            <button
                type="button"
                class="button button-secondary"
                on:click=sign_out
                disabled=move || busy.get()
            >
                "Sign out"
            </button>
        </div>
        {move || error.get().map(|error| view! { <ErrorNotice error=error /> })}
    }
}

/// The work account a person is signed in to.
#[component]
pub fn WorkAccountCard(
    /// The linked work account.
    work: WorkAccount,
) -> impl IntoView {
    view! {
        <div class="work-account">
            <p class="work-org">
                <OrgBadge org_name=work.org_name.clone() />
                <span>{work.org_name.clone()}</span>
            </p>
            <dl class="facts">
                <dt>"Work e-mail"</dt>
                <dd>{work.email}</dd>
                <dt>"Alias"</dt>
                <dd>{work.alias}</dd>
                <dt>"Designation"</dt>
                <dd>{work.designation}</dd>
                <dt>"Department"</dt>
                <dd>{work.department}</dd>
            </dl>
        </div>
    }
}
