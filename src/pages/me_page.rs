//! Me: the profile, the linked work account (sign in with a password or
//! single sign-on, sign out), the missed-message e-mail setting, the
//! language, the personal export, sessions, the password, and signing out.

use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use samtal_core::api::{EmailSettings, Me, WorkAccount, WorkAccountLogin};
use wasm_bindgen::JsCast;

use crate::api::{self, ClientError};
use crate::components::{Avatar, ConfirmDialog, ErrorNotice, OrgBadge};
use crate::i18n::{Lang, Texts, texts};
use crate::pages::me_sessions::{PasswordCard, SessionsCard};
use crate::state::{Session, use_live, use_session};

/// The Me screen.
#[component]
pub fn MePage() -> impl IntoView {
    let t = texts();
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
                <h1 id="me-title">{t.me.title}</h1>
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
    let t = texts();
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
        <LanguageCard />
        <SessionsCard />
        <PasswordCard />
        <section class="card" aria-labelledby="export-title">
            <h2 id="export-title">{t.me.your_data}</h2>
            <p class="muted">{t.me.export_intro}</p>
            <div class="actions">
                <a class="button button-secondary" href=api::me::EXPORT_PATH download="samtal-export.json">
                    {t.me.export_my_data}
                </a>
            </div>
        </section>
        <div class="actions">
            <button type="button" class="button button-secondary" on:click=sign_out disabled=move || busy.get()>
                {t.me.sign_out}
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
    /// What the query's `work_account` and `work_account_error` say, if
    /// anything; a refusal that says nothing is explained in the words of `t`.
    pub fn from_query(work_account: Option<&str>, error: Option<&str>, t: &'static Texts) -> Option<ProviderReturn> {
        if let Some(message) = error {
            let message = message.trim();
            let message = if message.is_empty() {
                t.me.sso_failed_unsaid.to_owned()
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
    let t = texts();
    let heading = NodeRef::<html::H2>::new();
    let query = use_query_map();
    // The server's refusal is in its own words (English): it sends no code to
    // say it in another language.
    let returned =
        RwSignal::new(query.with_untracked(|q| {
            ProviderReturn::from_query(q.get_str("work_account"), q.get_str("work_account_error"), t)
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
                {t.me.linked_account}
            </h2>
            {move || match returned.get() {
                Some(ProviderReturn::Failed(message)) => {
                    Some(
                        view! {
                            <div class="notice notice-error sso-outcome" role="alert">
                                <p>
                                    <strong>{t.me.sso_failed}</strong>
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
                {move || (returned.get() == Some(ProviderReturn::Linked)).then_some(t.me.signed_in_to_work)}
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
    let t = texts();
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
                {t.me.sign_out_of_work}
            </button>
        </div>
        {move || {
            confirming.get().then(|| {
                let org_name = org_name.clone();
                view! {
            <ConfirmDialog
                title=(t.me.sign_out_of_org)(&org_name)
                confirm_label=t.me.sign_out_of_work
                danger=true
                on_confirm=confirm
                on_cancel=Callback::new(move |()| confirming.set(false))
                busy=busy
                error=error
            >
                <p>{(t.me.sign_out_of_org_body)(&org_name)}</p>
                <p class="muted">{t.me.private_chats_stay}</p>
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
    let t = texts();
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
            error.set(Some(t.me.sso_needs_email.to_owned()));
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
                        error.set(Some((t.me.sso_not_opened)(&redirect.org_name)));
                    }
                }
                Err(err) => {
                    sso_busy.set(false);
                    if !session.handle_error(&err) {
                        error.set(Some(err.human_in(t.lang)));
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
            error.set(Some(t.me.work_needs_both.to_owned()));
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
                        error.set(Some(err.human_in(t.lang)));
                    }
                }
            }
        });
    };
    view! {
        <p class="muted">{t.me.no_work_account}</p>
        <form class="form" on:submit=on_submit novalidate>
            <div class="field">
                <label for="work-email">{t.me.work_email}</label>
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
                <label for="work-password">{t.me.work_password}</label>
                <input id="work-password" type="password" autocomplete="current-password" required bind:value=password />
            </div>
            <div class="form-error" role="alert">
                {move || error.get().map(|message| view! { <p>{message}</p> })}
            </div>
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=waiting>
                    {move || if busy.get() { t.me.signing_in } else { t.me.sign_in_to_work }}
                </button>
                <button
                    type="button"
                    class="button button-secondary"
                    aria-describedby="work-sso-hint"
                    disabled=waiting
                    on:click=start_sso
                >
                    {move || if sso_busy.get() { t.me.opening_sso } else { t.me.sign_in_with_sso }}
                </button>
            </div>
            <p id="work-sso-hint" class="hint">
                {t.me.sso_hint}
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
    let t = texts();
    view! {
        <div class="work-account">
            <p class="work-org">
                <OrgBadge org_name=work.org_name.clone() />
                <span>{work.org_name.clone()}</span>
            </p>
            <dl class="facts">
                <dt>{t.me.work_email}</dt>
                <dd>{work.email}</dd>
                <dt>{t.me.alias}</dt>
                <dd>{work.alias}</dd>
                <dt>{t.me.designation}</dt>
                <dd>{work.designation}</dd>
                <dt>{t.me.department}</dt>
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
    let t = texts();
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
                    status.set(Some(t.me.saved.to_owned()));
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
                        {api::me::delay_label(m, t)}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <section class="card" aria-labelledby="mail-title">
            <h2 id="mail-title">{t.me.email_notifications}</h2>
            <p class="muted">{t.me.email_intro}</p>
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
                    <label for="mail-enabled">{t.me.email_me}</label>
                </div>
            </div>
            <div class="field field-inline">
                <label for="mail-delay">{t.me.delay}</label>
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

/// Why the language chosen last was not kept with the account, if it was
/// not. It lives above the screens (see [`provide_language_outcome`]),
/// which are built again in the new language while the choice is saved.
#[derive(Debug, Clone, Copy)]
pub struct LanguageOutcome(RwSignal<Option<ClientError>>);

/// Provides [`LanguageOutcome`]; call where the screens are built, outside
/// what is rebuilt when the language changes.
pub fn provide_language_outcome() {
    provide_context(LanguageOutcome(RwSignal::new(None)));
}

/// The `id` of the language choice, to give it focus back once the screen
/// is built again in the new language.
const LANGUAGE_SELECT_ID: &str = "me-language";

/// The language choice: this browser's own, or one of Samtal's languages.
/// The choice applies here at once, stays on this device, and is kept with
/// the account for the person's other devices and e-mails.
#[component]
pub fn LanguageCard() -> impl IntoView {
    let t = texts();
    let session = use_session();
    let language = crate::i18n::use_language();
    let failed = use_context::<LanguageOutcome>().map_or_else(|| RwSignal::new(None), |outcome| outcome.0);
    // Said for the choice just made, not for one made on an earlier visit.
    failed.set(None);
    // What is in use: this device's own choice, else the account's, which a
    // device that chose nothing follows.
    let current = crate::i18n::chosen().or_else(|| session.me().and_then(|me| me.language));
    let on_change = move |ev: leptos::ev::Event| {
        // The browser's own is the empty value; the others are language codes.
        let choice = Lang::from_tag(&event_target_value(&ev));
        failed.set(None);
        spawn_local(async move {
            match api::me::set_language(choice).await {
                Ok(saved) => {
                    if let Some(mut me) = session.me()
                        && me.language != saved.language
                    {
                        me.language = saved.language;
                        session.signed_in(me);
                    }
                }
                // The device keeps the choice either way.
                Err(err) => {
                    if !session.handle_error(&err) {
                        failed.try_set(Some(err));
                    }
                }
            }
        });
        if let Some(language) = language {
            match choice {
                Some(lang) => language.choose(lang),
                None => language.follow_browser(),
            }
        }
        // The screen is built again in the new language before the next frame.
        request_animation_frame(|| {
            let select = document().get_element_by_id(LANGUAGE_SELECT_ID);
            if let Some(select) = select.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = select.focus();
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="language-title">
            <h2 id="language-title">{t.me.language}</h2>
            <p class="muted" id="language-hint">
                {t.me.language_hint}
            </p>
            <div class="field field-inline">
                <select
                    id=LANGUAGE_SELECT_ID
                    aria-labelledby="language-title"
                    aria-describedby="language-hint"
                    on:change=on_change
                >
                    <option value="" selected=current.is_none()>
                        {t.me.language_browser}
                    </option>
                    {Lang::ALL
                        .into_iter()
                        .map(|lang| {
                            view! {
                                <option value=lang.code() lang=lang.code() selected=current == Some(lang)>
                                    {lang.native_name()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <p class="status-line" role="status">
                {move || failed.get().map(|err| (t.me.language_not_saved)(&err.human_in(t.lang)))}
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_providers_return_is_read_from_the_query() {
        let t = Texts::of(Lang::En);
        assert_eq!(ProviderReturn::from_query(None, None, t), None);
        assert_eq!(ProviderReturn::from_query(Some("something"), None, t), None);
        assert_eq!(ProviderReturn::from_query(Some("linked"), None, t), Some(ProviderReturn::Linked));
        let refused = "Nobody in the directory of Nordvik has this e-mail.";
        assert_eq!(
            ProviderReturn::from_query(None, Some(refused), t),
            Some(ProviderReturn::Failed(refused.to_owned()))
        );
        // A refusal wins, and is never blank.
        let Some(ProviderReturn::Failed(message)) = ProviderReturn::from_query(Some("linked"), Some("  "), t) else {
            panic!("a refusal is shown")
        };
        assert!(message.contains("didn't work"), "{message}");
    }

    #[test]
    fn a_long_refusal_is_cut_short() {
        let long = "x".repeat(RETURN_MESSAGE_MAX * 2);
        let Some(ProviderReturn::Failed(message)) = ProviderReturn::from_query(None, Some(&long), Texts::of(Lang::En))
        else {
            panic!("a refusal is shown")
        };
        assert_eq!(message.chars().count(), RETURN_MESSAGE_MAX + 1);
        assert!(message.ends_with('…'));
    }
}
