//! Who is signed in: the answer of `GET /api/me`, kept for every screen.

use leptos::prelude::*;
use leptos::task::spawn_local;
use samtal_core::api::Me;

use crate::api::{self, ClientError};
use crate::i18n::{Lang, Language};
use crate::state::cache;

/// Where the session stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionState {
    /// Asking the server who is signed in.
    Checking,
    /// Nobody is signed in.
    SignedOut,
    /// Signed in.
    SignedIn(Box<Me>),
    /// The server could not say (offline, or it failed).
    Unknown(ClientError),
}

impl SessionState {
    /// Which screens apply.
    pub fn phase(&self) -> Phase {
        match self {
            SessionState::Checking => Phase::Checking,
            SessionState::SignedOut => Phase::SignedOut,
            SessionState::SignedIn(_) => Phase::SignedIn,
            SessionState::Unknown(_) => Phase::Unknown,
        }
    }
}

/// [`SessionState`] without its data, for deciding which screens to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// See [`SessionState::Checking`].
    Checking,
    /// See [`SessionState::SignedOut`].
    SignedOut,
    /// See [`SessionState::SignedIn`].
    SignedIn,
    /// See [`SessionState::Unknown`].
    Unknown,
}

/// The session, shared through context. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    state: RwSignal<SessionState>,
    /// The app's language, kept here because answers arrive outside any
    /// component, where the context can't be read.
    language: Option<Language>,
}

impl Session {
    /// A session in the given state (the app starts with [`SessionState::Checking`]).
    /// It follows the account's language if the app's language is in context.
    pub fn new(state: SessionState) -> Self {
        Self { state: RwSignal::new(state), language: crate::i18n::use_language() }
    }

    /// The language in use now, for sentences made outside any component.
    pub fn lang(&self) -> Lang {
        self.language.map(|language| language.get_untracked()).unwrap_or_default()
    }

    /// Uses the account's language on this device, unless the person chose
    /// one here: when signing in or loading, and when the account's choice
    /// changed since the last `Me`. (An answer that repeats the choice known
    /// already changes nothing, so a choice just made here is not undone by
    /// an answer sent before the server stored it.)
    fn follow_account_language(&self, me: &Me) {
        let known = self.state.with_untracked(|s| match s {
            SessionState::SignedIn(known) => Some(known.language),
            _ => None,
        });
        if let (Some(language), Some(lang)) = (self.language, me.language)
            && known != Some(me.language)
        {
            language.adopt(lang);
        }
    }

    /// The whole state (tracked).
    pub fn state(&self) -> SessionState {
        self.state.get()
    }

    /// Which screens apply (tracked).
    pub fn phase(&self) -> Phase {
        self.state.with(SessionState::phase)
    }

    /// The signed-in person (tracked).
    pub fn me(&self) -> Option<Me> {
        self.state.with(|s| match s {
            SessionState::SignedIn(me) => Some(me.as_ref().clone()),
            _ => None,
        })
    }

    /// Whether the signed-in person administers an organization (tracked).
    pub fn is_org_admin(&self) -> bool {
        self.state.with(|s| matches!(s, SessionState::SignedIn(me) if !me.admin_orgs.is_empty()))
    }

    /// Records a successful sign-in (or a changed account): the person's
    /// offline cache opens and keeps it.
    pub fn signed_in(&self, me: Me) {
        self.follow_account_language(&me);
        let kept = me.clone();
        spawn_local(cache::signed_in(kept, None));
        self.state.set(SessionState::SignedIn(Box::new(me)));
    }

    /// Records that nobody is signed in (any more): everything this browser
    /// kept for the person is deleted.
    pub fn signed_out(&self) {
        cache::signed_out();
        self.state.set(SessionState::SignedOut);
    }

    /// Signs out locally when an API call says the session is gone; returns
    /// whether it did, so callers can skip showing the error.
    pub fn handle_error(&self, error: &ClientError) -> bool {
        let gone = error.is_unauthenticated();
        if gone {
            self.signed_out();
        }
        gone
    }

    /// Asks the server who is signed in and updates the state.
    pub fn refresh(&self) {
        let session = *self;
        // A retry after a failure shows the "opening" state again while it waits.
        if self.state.with_untracked(SessionState::phase) == Phase::Unknown {
            self.state.set(SessionState::Checking);
        }
        spawn_local(async move {
            // The organization keys are asked for beside `me`: the answers
            // arrive together, and the screens find the containers ready.
            let (keys_tx, keys_rx) = futures_channel::oneshot::channel();
            spawn_local(async move {
                let _ = keys_tx.send(api::me::cache_keys().await);
            });
            let next = match api::me().await {
                Ok(me) => {
                    // Open the cache before the screens, so they start from it.
                    cache::signed_in(me.clone(), keys_rx.await.ok()).await;
                    session.follow_account_language(&me);
                    SessionState::SignedIn(Box::new(me))
                }
                Err(err) if err.is_unauthenticated() => {
                    cache::signed_out();
                    SessionState::SignedOut
                }
                // Offline: whoever was signed in here last browses what they have seen.
                Err(ClientError::Network) => match cache::cached_me().await {
                    Some(me) => {
                        session.follow_account_language(&me);
                        SessionState::SignedIn(Box::new(me))
                    }
                    None => SessionState::Unknown(ClientError::Network),
                },
                Err(err) => SessionState::Unknown(err),
            };
            session.state.set(next);
        });
    }
}

/// Creates the session (checking with the server) and provides it to every component below.
pub fn provide_session_context() -> Session {
    let session = Session::new(SessionState::Checking);
    provide_context(session);
    session.refresh();
    session
}

/// The session provided by [`provide_session_context`].
pub fn use_session() -> Session {
    expect_context::<Session>()
}
