//! Me: the profile, the linked work account (sign in with a password or
//! single sign-on, sign out), the missed-message e-mail setting, the
//! personal export, sessions, the password, and signing out.

use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use samtal_core::api::{EmailSettings, Me, WorkAccount, WorkAccountLogin};

use crate::api::{self, ClientError};
use crate::components::{Avatar, ConfirmDialog, ErrorNotice, OrgBadge};
use crate::pages::me_sessions::{PasswordCard, SessionsCard};
use crate::state::{Session, use_live, use_session};

/// The Me screen.
#[component]
pub fn MePage() -> impl IntoView {
    let session = use_session();
    let live = use_live();
    // Ask again on opening, and whenever the account changed elsewhere
    // (another device, an admin, the organization turned off).
    Effect::new(move |_| {
        live.me.track();
        spawn_local(reload_me(session));
    });
    let signed_in = Memo::new(move |_| session.me().is_some());
    view! {
        <section class="page" aria-labelledby="me-title">
            <header class="page-header">
                <h1 id="me-title">"Me"</h1>
            </header>
            {move || {
                if !signed_in.get() {
                    return None;
                }
                let first = untrack(|| session.me())?;
                // Keeps the last known account while the session changes, so
                // the sections update in place instead of starting over.
                let me = Memo::new(move |last: Option<&Me>| {
                    session.me().or_else(|| last.cloned()).unwrap_or_else(|| first.clone())
                });
                Some(view! { <MeDetails me=me /> })
            }}
        </section>
    }
}

/// Fetches `Me` and puts it in the session. Offline, the session keeps what
/// it knew (unlike [`crate::state::Session::refresh`], which would leave the
/// signed-in screens); an ended session signs out.
async fn reload_me(session: Session) {
    match api::me().await {
        Ok(me) => {
            if session.me().as_ref() != Some(&me) {
                session.signed_in(me);
            }
        }
        Err(err) => {
            session.handle_error(&err);
        }
    }
}

/// The signed-in person's profile, linked account, e-mail setting, export and sign-out.
#[component]
pub fn MeDetails(
    /// The signed-in person, as `GET /api/me` describes them (it may change while shown).
    #[prop(into)]
    me: Signal<Me>,
) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let error = RwSignal::new(None::<ClientError>);
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
    let person = Memo::new(move |_| me.with(|m| m.person.clone()));
    let work = Memo::new(move |_| me.with(|m| m.work_account.clone()));
    let email = Memo::new(move |_| me.with(|m| m.email_settings));
    view! {
        <div class="card profile">
            {move || {
                let person = person.get();
                view! { <Avatar name=person.display_name.clone() seed=person.id.0 large=true /> }
            }}
            <div>
                <p class="profile-name">{move || person.with(|p| p.display_name.clone())}</p>
                <p class="profile-sub">"@" {move || person.with(|p| p.handle.clone())}</p>
            </div>
        </div>
        <LinkedAccount work=work />
        <EmailSettingsCard settings=email />
        <SessionsCard />
        <PasswordCard />
        <section class="card" aria-labelledby="export-title">
            <h2 id="export-title">"Your data"</h2>
            <p class="muted">
                "Download the messages you wrote and your contacts as a JSON file. An organization's policy may keep its conversations out of it."
            </p>
            <div class="actions">
                <a class="button button-secondary" href=api::me::EXPORT_PATH download="samtal-export.json">
                    "Export my data"
                </a>
            </div>
        </section>
        <div class="actions">
            <button type="button" class="button button-secondary" on:click=sign_out disabled=move || busy.get()>
                "Sign out"
            </button>
        </div>
        {move || error.get().map(|error| view! { <ErrorNotice error=error /> })}
    }
}

/// How a single sign-on came back to Me: the server sends the browser to
/// `/me?work_account=linked`, or `/me?work_account_error=` with why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProviderReturn {
    /// The work account is linked.
    Linked,
    /// It is not, and the sentence says why.
    Failed(String),
}

/// The longest refusal shown from the address: the server's sentences are
/// short, and a crafted link must not fill the card.
const RETURN_MESSAGE_MAX: usize = 300;

impl ProviderReturn {
    /// What the query's `work_account` and `work_account_error` say, if anything.
    pub fn from_query(work_account: Option<&str>, error: Option<&str>) -> Option<ProviderReturn> {
        if let Some(message) = error {
            let message = message.trim();
            let message = if message.is_empty() {
                "Signing in at your organization's identity provider didn't work. Try again.".to_owned()
            } else {
                let mut short: String = message.chars().take(RETURN_MESSAGE_MAX).collect();
                if message.chars().count() > RETURN_MESSAGE_MAX {
                    short.push('…');
                }
                short
            };
            return Some(ProviderReturn::Failed(message));
        }
        (work_account == Some("linked")).then_some(ProviderReturn::Linked)
    }
}

/// The Linked account section: the work account signed in to, with its
/// sign-out, or the form to sign in to one; and what a single sign-on that
/// came back here said.
#[component]
pub fn LinkedAccount(
    /// The work account signed in to now, if any.
    #[prop(into)]
    work: Signal<Option<WorkAccount>>,
) -> impl IntoView {
    let heading = NodeRef::<html::H2>::new();
    let query = use_query_map();
    let returned =
        RwSignal::new(query.with_untracked(|q| {
            ProviderReturn::from_query(q.get_str("work_account"), q.get_str("work_account_error"))
        }));
    // Said once: the address loses the outcome, so a reload doesn't repeat it.
    if returned.with_untracked(Option::is_some) {
        let navigate = use_navigate();
        let path = use_location().pathname.get_untracked();
        Effect::new(move |_| {
            navigate(&path, NavigateOptions { replace: true, scroll: false, ..Default::default() });
        });
    }
    let on_attempt = Callback::new(move |()| returned.set(None));
    // After signing in or out, the focus goes to the heading of what replaced the form or button.
    let changed = Callback::new(move |()| {
        if let Some(heading) = heading.get_untracked() {
            let _ = heading.focus();
        }
    });
    view! {
        <section class="card" aria-labelledby="linked-title">
            <h2 id="linked-title" tabindex="-1" node_ref=heading>
                "Linked account"
            </h2>
            {move || match returned.get() {
                Some(ProviderReturn::Failed(message)) => {
                    Some(
                        view! {
                            <div class="notice notice-error sso-outcome" role="alert">
                                <p>
                                    <strong>"Single sign-on didn't work."</strong>
                                    " "
                                    {message}
                                </p>
                            </div>
                        },
                    )
                }
                _ => None,
            }}
            <p class="status-line" role="status">
                {move || (returned.get() == Some(ProviderReturn::Linked)).then_some("Signed in to your work account.")}
            </p>
            {move || match work.get() {
                Some(work) => view! { <SignedInWork work=work on_changed=changed /> }.into_any(),
                None => view! { <WorkSignInForm on_changed=changed on_attempt=on_attempt /> }.into_any(),
            }}
        </section>
    }
}

/// The linked work account and its Sign out of work account button.
#[component]
fn SignedInWork(work: WorkAccount, on_changed: Callback<()>) -> impl IntoView {
    let session = use_session();
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ClientError>);
    let org_name = work.org_name.clone();
    let confirm = Callback::new(move |()| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = api::me::sign_out_of_work_account().await;
            busy.set(false);
            match result {
                Ok(me) => {
                    confirming.set(false);
                    session.signed_in(me);
                    on_changed.run(());
                }
                Err(err) => {
                    if !session.handle_error(&err) {
                        error.set(Some(err));
                    }
                }
            }
        });
    });
    view! {
        <WorkAccountCard work=work />
        <div class="actions">
            <button type="button" class="button button-danger" on:click=move |_| confirming.set(true)>
                "Sign out of work account"
            </button>
        </div>
        {move || {
            confirming.get().then(|| {
                let org_name = org_name.clone();
                view! {
            <ConfirmDialog
                title=format!("Sign out of {org_name}?")
                confirm_label="Sign out of work account"
                danger=true
                on_confirm=confirm
                on_cancel=Callback::new(move |()| confirming.set(false))
                busy=busy
                error=error
            >
                <p>
                    {format!(
                        "You leave {org_name}: the organization's conversations close for you and are removed from this device.",
                    )}
                </p>
                <p class="muted">"Your private chats and groups stay."</p>
            </ConfirmDialog>
                }
            })
        }}
    }
}

/// Sends the whole window to `url`; `false` if the browser refused.
fn leave_for(url: &str) -> bool {
    web_sys::window().is_some_and(|window| window.location().assign(url).is_ok())
}

/// The form that signs in to a work account: with the directory password,
/// or by single sign-on at the organization's identity provider, which
/// needs only the e-mail.
#[component]
fn WorkSignInForm(
    on_changed: Callback<()>,
    /// Called as a sign-in starts, either way.
    on_attempt: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    // Stays on once the provider's page is opening: the page is leaving.
    // Back from the provider, a page the browser kept is shown as it was left.
    let sso_busy = RwSignal::new(false);
    let shown_again = window_event_listener_untyped("pageshow", move |_| sso_busy.set(false));
    on_cleanup(move || shown_again.remove());
    let error = RwSignal::new(None::<String>);
    let start_sso = move |_| {
        if busy.get_untracked() || sso_busy.get_untracked() {
            return;
        }
        let address = email.get_untracked().trim().to_owned();
        if address.is_empty() {
            error.set(Some("Enter your work e-mail to sign in with single sign-on.".to_owned()));
            return;
        }
        sso_busy.set(true);
        error.set(None);
        on_attempt.run(());
        spawn_local(async move {
            match api::me::start_work_sign_in(&address).await {
                Ok(redirect) => {
                    if !leave_for(&redirect.url) {
                        sso_busy.set(false);
                        error.set(Some(format!("The browser didn't open the sign-in page of {}.", redirect.org_name)));
                    }
                }
                Err(err) => {
                    sso_busy.set(false);
                    if !session.handle_error(&err) {
                        error.set(Some(err.human()));
                    }
                }
            }
        });
    };
    let waiting = move || busy.get() || sso_busy.get();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() || sso_busy.get_untracked() {
            return;
        }
        let body =
            WorkAccountLogin { email: email.get_untracked().trim().to_owned(), password: password.get_untracked() };
        if body.email.is_empty() || body.password.is_empty() {
            error.set(Some("Enter your work e-mail and its password.".to_owned()));
            return;
        }
        busy.set(true);
        error.set(None);
        on_attempt.run(());
        spawn_local(async move {
            let result = api::me::sign_in_to_work_account(&body).await;
            busy.set(false);
            match result {
                Ok(me) => {
                    session.signed_in(me);
                    on_changed.run(());
                }
                Err(err) => {
                    if !session.handle_error(&err) {
                        error.set(Some(err.human()));
                    }
                }
            }
        });
    };
    view! {
        <p class="muted">
            "No work account linked. Signing in to your organization's work account makes you a member of it: its chats and groups open here, marked with the Office badge."
        </p>
        <form class="form" on:submit=on_submit novalidate>
            <div class="field">
                <label for="work-email">"Work e-mail"</label>
                <input
                    id="work-email"
                    type="email"
                    autocomplete="email"
                    autocapitalize="none"
                    spellcheck="false"
                    required
                    bind:value=email
                />
            </div>
            <div class="field">
                <label for="work-password">"Work password"</label>
                <input id="work-password" type="password" autocomplete="current-password" required bind:value=password />
            </div>
            <div class="form-error" role="alert">
                {move || error.get().map(|message| view! { <p>{message}</p> })}
            </div>
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=waiting>
                    {move || if busy.get() { "Signing in…" } else { "Sign in to work account" }}
                </button>
                <button
                    type="button"
                    class="button button-secondary"
                    aria-describedby="work-sso-hint"
                    disabled=waiting
                    on:click=start_sso
                >
                    {move || if sso_busy.get() { "Opening single sign-on…" } else { "Sign in with single sign-on" }}
                </button>
            </div>
            <p id="work-sso-hint" class="hint">
                "Single sign-on needs only your work e-mail: you sign in at your organization's identity provider, then come back here."
            </p>
        </form>
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

/// The missed-message e-mail setting (rule 12): on or off, and the delay.
/// Each change is saved at once.
#[component]
pub fn EmailSettingsCard(
    /// The setting as stored now.
    #[prop(into)]
    settings: Signal<EmailSettings>,
) -> impl IntoView {
    let session = use_session();
    let enabled = RwSignal::new(settings.get_untracked().enabled);
    let delay = RwSignal::new(settings.get_untracked().delay_minutes);
    // Follow changes made elsewhere (another device).
    Effect::new(move |_| {
        let stored = settings.get();
        enabled.set(stored.enabled);
        delay.set(stored.delay_minutes);
    });
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ClientError>);
    let save = move || {
        let next = EmailSettings { enabled: enabled.get_untracked(), delay_minutes: delay.get_untracked() };
        status.set(None);
        error.set(None);
        spawn_local(async move {
            match api::me::set_email_settings(&next).await {
                Ok(saved) => {
                    if let Some(mut me) = session.me() {
                        me.email_settings = saved;
                        session.signed_in(me);
                    }
                    status.set(Some("Saved.".to_owned()));
                }
                Err(err) => {
                    if !session.handle_error(&err) {
                        error.set(Some(err));
                    }
                }
            }
        });
    };
    let options = move || {
        let current = delay.get();
        let mut minutes = api::me::EMAIL_DELAYS.to_vec();
        // A delay set elsewhere (or the server's default) stays pickable.
        if !minutes.contains(&current) {
            minutes.push(current);
            minutes.sort_unstable();
        }
        minutes
            .into_iter()
            .map(|m| {
                view! {
                    <option value=m.to_string() selected=m == current>
                        {api::me::delay_label(m)}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <section class="card" aria-labelledby="mail-title">
            <h2 id="mail-title">"E-mail notifications"</h2>
            <p class="muted">
                "When you haven't read new messages in an organization's conversations for a while, Samtal e-mails one summary to your work address."
            </p>
            <div class="policy">
                <input
                    id="mail-enabled"
                    type="checkbox"
                    prop:checked=move || enabled.get()
                    on:change=move |ev| {
                        enabled.set(event_target_checked(&ev));
                        save();
                    }
                />
                <div class="policy-text">
                    <label for="mail-enabled">"E-mail me about missed messages"</label>
                </div>
            </div>
            <div class="field field-inline">
                <label for="mail-delay">"Delay"</label>
                <select
                    id="mail-delay"
                    disabled=move || !enabled.get()
                    on:change=move |ev| {
                        if let Ok(minutes) = event_target_value(&ev).parse::<u32>() {
                            delay.set(minutes);
                            save();
                        }
                    }
                >
                    {options}
                </select>
            </div>
            <p class="status-line" role="status">
                {move || status.get()}
            </p>
            {move || error.get().map(|error| view! { <ErrorNotice error=error /> })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_providers_return_is_read_from_the_query() {
        assert_eq!(ProviderReturn::from_query(None, None), None);
        assert_eq!(ProviderReturn::from_query(Some("something"), None), None);
        assert_eq!(ProviderReturn::from_query(Some("linked"), None), Some(ProviderReturn::Linked));
        let refused = "Nobody in the directory of Nordvik has this e-mail.";
        assert_eq!(ProviderReturn::from_query(None, Some(refused)), Some(ProviderReturn::Failed(refused.to_owned())));
        // A refusal wins, and is never blank.
        let Some(ProviderReturn::Failed(message)) = ProviderReturn::from_query(Some("linked"), Some("  ")) else {
            panic!("a refusal is shown")
        };
        assert!(message.contains("didn't work"), "{message}");
    }

    #[test]
    fn a_long_refusal_is_cut_short() {
        let long = "x".repeat(RETURN_MESSAGE_MAX * 2);
        let Some(ProviderReturn::Failed(message)) = ProviderReturn::from_query(None, Some(&long)) else {
            panic!("a refusal is shown")
        };
        assert_eq!(message.chars().count(), RETURN_MESSAGE_MAX + 1);
        assert!(message.ends_with('…'));
    }
}
