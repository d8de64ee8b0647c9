//! Create a personal account.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use samtal_core::api::SignupRequest;
use samtal_core::api::limits::{HANDLE_MAX, HANDLE_MIN, NAME_MAX, PASSWORD_MAX, PASSWORD_MIN};
use samtal_core::validate;

use super::sign_in_page::{AuthCard, FormError};
use crate::api;
use crate::i18n::{Texts, texts};
use crate::state::use_session;

/// Checks the form as the server will, so mistakes show before a round trip,
/// explained in the words of `t`.
pub fn check_signup(
    handle: &str,
    display_name: &str,
    password: &str,
    t: &'static Texts,
) -> Result<SignupRequest, String> {
    // The checks are the server's own; only the sentence is picked here, by
    // which of the rules the input breaks.
    let handle = validate::handle(handle).map_err(|_| {
        if (HANDLE_MIN..=HANDLE_MAX).contains(&handle.trim().chars().count()) {
            t.me.handle_chars.to_owned()
        } else {
            (t.me.handle_length)(HANDLE_MIN, HANDLE_MAX)
        }
    })?;
    let display_name = validate::name(display_name, "display name").map_err(|_| {
        let name = display_name.trim();
        if name.is_empty() {
            t.me.display_name_empty.to_owned()
        } else if name.chars().count() > NAME_MAX {
            (t.me.display_name_too_long)(NAME_MAX)
        } else {
            t.me.display_name_control.to_owned()
        }
    })?;
    validate::password(password).map_err(|_| {
        if password.chars().count() < PASSWORD_MIN {
            (t.me.password_too_short)(PASSWORD_MIN)
        } else {
            (t.me.password_too_long)(PASSWORD_MAX)
        }
    })?;
    Ok(SignupRequest { handle, display_name, password: password.to_owned() })
}

/// The sign-up form. A new account is signed in at once.
#[component]
pub fn SignUpPage() -> impl IntoView {
    let session = use_session();
    let t = texts();
    let handle = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let body =
            match check_signup(&handle.get_untracked(), &display_name.get_untracked(), &password.get_untracked(), t) {
                Ok(body) => body,
                Err(message) => {
                    error.set(Some(message));
                    return;
                }
            };
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = match api::signup(&body).await {
                Ok(_) => api::me().await,
                Err(err) => Err(err),
            };
            busy.set(false);
            match result {
                Ok(me) => session.signed_in(me),
                Err(err) => error.set(Some(err.human_in(t.lang))),
            }
        });
    };

    let handle_hint = (t.me.handle_hint)(HANDLE_MIN, HANDLE_MAX);
    let password_hint = (t.me.password_hint)(PASSWORD_MIN);
    view! {
        <AuthCard title=t.me.create_your_account>
            <form class="form" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="signup-handle">{t.me.handle}</label>
                    <input
                        id="signup-handle"
                        name="handle"
                        type="text"
                        autocomplete="username"
                        autocapitalize="none"
                        spellcheck="false"
                        aria-describedby="signup-handle-hint"
                        required
                        autofocus
                        bind:value=handle
                    />
                    <p class="hint" id="signup-handle-hint">
                        {handle_hint}
                    </p>
                </div>
                <div class="field">
                    <label for="signup-name">{t.me.display_name}</label>
                    <input
                        id="signup-name"
                        name="display_name"
                        type="text"
                        autocomplete="name"
                        required
                        bind:value=display_name
                    />
                </div>
                <div class="field">
                    <label for="signup-password">{t.me.password}</label>
                    <input
                        id="signup-password"
                        name="password"
                        type="password"
                        autocomplete="new-password"
                        aria-describedby="signup-password-hint"
                        required
                        bind:value=password
                    />
                    <p class="hint" id="signup-password-hint">
                        {password_hint}
                    </p>
                </div>
                <FormError error=error />
                <button type="submit" class="button button-primary" disabled=move || busy.get()>
                    {move || if busy.get() { t.me.creating_account } else { t.me.create_account }}
                </button>
            </form>
            <p class="auth-switch">{t.me.already_on_samtal} <A href="/signin">{t.me.sign_in}</A></p>
        </AuthCard>
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn sign_up_input_is_checked_like_the_server_does() {
        let t = Texts::of(Lang::En);
        let ok = check_signup(" Sara.L ", " Sara Lind ", "long enough", t).unwrap();
        assert_eq!(ok.handle, "sara.l");
        assert_eq!(ok.display_name, "Sara Lind");
        assert!(check_signup("x", "Sara", "long enough", t).is_err_and(|e| e.contains("handle")));
        assert!(check_signup("sara", " ", "long enough", t).is_err_and(|e| e.contains("display name")));
        assert!(check_signup("sara", "Sara", "short", t).is_err_and(|e| e.contains("at least 8")));
    }

    #[test]
    fn the_english_sentences_are_the_servers() {
        let t = Texts::of(Lang::En);
        let long_name = "x".repeat(NAME_MAX + 1);
        let long_password = "x".repeat(PASSWORD_MAX + 1);
        let cases = [
            ("x", "Sara", "long enough", validate::handle("x").err()),
            ("-sara", "Sara", "long enough", validate::handle("-sara").err()),
            ("sara", " ", "long enough", validate::name(" ", "display name").err()),
            ("sara", &long_name, "long enough", validate::name(&long_name, "display name").err()),
            ("sara", "Sa\u{7}ra", "long enough", validate::name("Sa\u{7}ra", "display name").err()),
            ("sara", "Sara", "short", validate::password("short").err()),
            ("sara", "Sara", &long_password, validate::password(&long_password).err()),
        ];
        for (handle, name, password, server) in cases {
            let server = server.map(|e| e.message);
            assert_eq!(check_signup(handle, name, password, t).err(), server, "{handle} {name}");
        }
    }

    #[test]
    fn the_swedish_sentences_say_the_same() {
        let t = Texts::of(Lang::Sv);
        assert!(check_signup("x", "Sara", "long enough", t).is_err_and(|e| e.contains("användarnamn")));
        assert!(check_signup("sara", " ", "long enough", t).is_err_and(|e| e.contains("Visningsnamnet")));
        assert!(check_signup("sara", "Sara", "short", t).is_err_and(|e| e.contains("minst 8")));
    }
}
