//! Create a personal account.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use samtal_core::api::SignupRequest;
use samtal_core::api::limits::{HANDLE_MAX, HANDLE_MIN, PASSWORD_MIN};
use samtal_core::validate;

use super::sign_in_page::{AuthCard, FormError};
use crate::api;
use crate::state::use_session;

/// Checks the form as the server will, so mistakes show before a round trip.
pub fn check_signup(handle: &str, display_name: &str, password: &str) -> Result<SignupRequest, String> {
    let handle = validate::handle(handle).map_err(|e| e.message)?;
    let display_name = validate::name(display_name, "display name").map_err(|e| e.message)?;
    validate::password(password).map_err(|e| e.message)?;
    Ok(SignupRequest { handle, display_name, password: password.to_owned() })
}

/// The sign-up form. A new account is signed in at once.
#[component]
pub fn SignUpPage() -> impl IntoView {
    let session = use_session();
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
        let body = match check_signup(&handle.get_untracked(), &display_name.get_untracked(), &password.get_untracked())
        {
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
                Err(err) => error.set(Some(err.human())),
            }
        });
    };

    let handle_hint = format!("{HANDLE_MIN}–{HANDLE_MAX} characters: letters a–z, digits, '.', '_' or '-'.");
    let password_hint = format!("At least {PASSWORD_MIN} characters.");
    view! {
        <AuthCard title="Create your account">
            <form class="form" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="signup-handle">"Handle"</label>
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
                    <label for="signup-name">"Display name"</label>
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
                    <label for="signup-password">"Password"</label>
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
                    {move || if busy.get() { "Creating your account…" } else { "Create account" }}
                </button>
            </form>
            <p class="auth-switch">"Already on Samtal? " <A href="/signin">"Sign in"</A></p>
        </AuthCard>
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn sign_up_input_is_checked_like_the_server_does() {
        let ok = check_signup(" Sara.L ", " Sara Lind ", "long enough").unwrap();
        assert_eq!(ok.handle, "sara.l");
        assert_eq!(ok.display_name, "Sara Lind");
        assert!(check_signup("x", "Sara", "long enough").is_err_and(|e| e.contains("handle")));
        assert!(check_signup("sara", " ", "long enough").is_err_and(|e| e.contains("display name")));
        assert!(check_signup("sara", "Sara", "short").is_err_and(|e| e.contains("at least 8")));
    }
}
