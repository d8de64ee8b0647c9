//! Sign in with handle and password.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use samtal_core::api::LoginRequest;

use crate::api;
use crate::i18n::texts;
use crate::state::use_session;

/// The sign-in form. On success the session switches the app to the signed-in screens.
#[component]
pub fn SignInPage() -> impl IntoView {
    let session = use_session();
    let t = texts();
    let handle = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let body =
            LoginRequest { handle: handle.get_untracked().trim().to_owned(), password: password.get_untracked() };
        if body.handle.is_empty() || body.password.is_empty() {
            error.set(Some(t.me.sign_in_needs_both.to_owned()));
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = match api::login(&body).await {
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

    view! {
        <AuthCard title=t.me.sign_in>
            <form class="form" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="signin-handle">{t.me.handle}</label>
                    <input
                        id="signin-handle"
                        name="handle"
                        type="text"
                        autocomplete="username"
                        autocapitalize="none"
                        spellcheck="false"
                        required
                        autofocus
                        bind:value=handle
                    />
                </div>
                <div class="field">
                    <label for="signin-password">{t.me.password}</label>
                    <input
                        id="signin-password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required
                        bind:value=password
                    />
                </div>
                <FormError error=error />
                <button type="submit" class="button button-primary" disabled=move || busy.get()>
                    {move || if busy.get() { t.me.signing_in } else { t.me.sign_in }}
                </button>
            </form>
            <p class="auth-switch">{t.me.new_to_samtal} <A href="/signup">{t.me.create_an_account}</A></p>
        </AuthCard>
    }
}

/// The frame of the signed-out screens: the product's name and a card.
#[component]
pub fn AuthCard(
    /// The card's heading.
    #[prop(into)]
    title: String,
    /// The form and links.
    children: Children,
) -> impl IntoView {
    let t = texts();
    view! {
        <main class="auth" id="main">
            <div class="auth-brand">
                <span class="brand-mark" aria-hidden="true">
                    "S"
                </span>
                <span class="brand-name">"Samtal"</span>
            </div>
            <p class="auth-tagline">{t.me.tagline}</p>
            <section class="auth-card" aria-labelledby="auth-title">
                <h1 id="auth-title">{title}</h1>
                {children()}
            </section>
        </main>
    }
}

/// A form's error sentence, in a live region so screen readers announce it.
#[component]
pub fn FormError(
    /// The sentence to show, if any.
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="form-error" role="alert">
            {move || error.get().map(|message| view! { <p>{message}</p> })}
        </div>
    }
}
