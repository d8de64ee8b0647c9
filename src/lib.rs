//! Samtal's web client: a Leptos single-page app compiled to WebAssembly.
//!
//! [`App`] provides the app-wide state and routes between the signed-out
//! screens (sign in, sign up) and the signed-in shell (Chats, Contacts, Me,
//! Admin). `main.rs` only mounts it.

pub mod api;
pub mod components;
pub mod format;
pub mod i18n;
pub mod order;
pub mod pages;
pub mod state;
pub mod storage;
pub mod sync;

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::components::{AppNav, ErrorNotice, Loading};
use crate::i18n::{Translated, texts};
use crate::pages::chats_layout::{ChatPane, ChatsLayout, NoChatOpen, ProfilePane};
use crate::pages::{AdminPage, ContactsPage, MePage, NotFoundPage, SignInPage, SignUpPage};
use crate::state::{Phase, SessionState, provide_live_context, provide_session_context, use_session};

/// The application root: context providers and the router.
#[component]
pub fn App() -> impl IntoView {
    crate::i18n::provide_language();
    let session = provide_session_context();
    provide_live_context();
    // Switch screens only when the phase changes, not on every refresh of `Me`.
    let phase = Memo::new(move |_| session.phase());
    view! {
        <Router>
            {move || match phase.get() {
                Phase::Checking => view! { <Translated><Splash /></Translated> }.into_any(),
                Phase::Unknown => view! { <Translated><Unreachable /></Translated> }.into_any(),
                Phase::SignedOut => view! { <Translated><SignedOut /></Translated> }.into_any(),
                Phase::SignedIn => view! { <Shell /> }.into_any(),
            }}
        </Router>
    }
}

/// While the app asks the server who is signed in.
#[component]
fn Splash() -> impl IntoView {
    view! {
        <main class="splash" id="main">
            <Loading label=texts().common.opening />
        </main>
    }
}

/// The server could not say who is signed in.
#[component]
fn Unreachable() -> impl IntoView {
    let session = use_session();
    let error = move || match session.state() {
        SessionState::Unknown(error) => Some(error),
        _ => None,
    };
    let retry = Callback::new(move |()| session.refresh());
    view! {
        <main class="splash" id="main">
            {move || error().map(|error| view! { <ErrorNotice error=error on_retry=retry /> })}
        </main>
    }
}

/// Sign in and sign up; any other path shows sign-in and opens once signed in.
#[component]
fn SignedOut() -> impl IntoView {
    view! {
        <Routes fallback=SignInPage>
            <Route path=path!("/signup") view=SignUpPage />
            <Route path=path!("/signin") view=SignInPage />
        </Routes>
    }
}

/// The signed-in app: the live stream and the outbox, started once, and the
/// screens, built again in a new language.
#[component]
fn Shell() -> impl IntoView {
    crate::api::events::start_event_socket();
    crate::state::outbox::start_outbox();
    // Outlives the screens, which are built again when the language changes.
    crate::pages::me_page::provide_language_outcome();
    view! {
        <Translated>
            <ShellScreens />
        </Translated>
    }
}

/// Navigation and the screens.
#[component]
fn ShellScreens() -> impl IntoView {
    let t = texts();
    view! {
        <a class="skip-link" href="#main">
            {t.common.skip_to_content}
        </a>
        <crate::components::ConnectionStatus />
        <div class="shell">
            <header class="shell-brand">
                <span class="brand-mark" aria-hidden="true">
                    "S"
                </span>
                <span class="brand-name">"Samtal"</span>
            </header>
            <AppNav />
            <main class="content" id="main">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=|| view! { <Redirect path="/chats" /> } />
                    <Route path=path!("/signin") view=|| view! { <Redirect path="/chats" /> } />
                    <Route path=path!("/signup") view=|| view! { <Redirect path="/chats" /> } />
                    // One layout for the whole Chats area, so the list (and an
                    // open conversation) stay mounted while the path goes deeper.
                    <ParentRoute path=path!("/chats") view=ChatsLayout>
                        <Route path=path!("") view=NoChatOpen />
                        <ParentRoute path=path!(":id") view=ChatPane>
                            <Route path=path!("") view=|| () />
                            <Route path=path!("profile") view=ProfilePane />
                        </ParentRoute>
                    </ParentRoute>
                    <Route path=path!("/contacts") view=ContactsPage />
                    <Route path=path!("/me") view=MePage />
                    <Route path=path!("/admin") view=AdminPage />
                </Routes>
            </main>
        </div>
    }
}
