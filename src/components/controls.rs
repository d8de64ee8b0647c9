//! Small shared controls: a button that runs a callback, and the slot where
//! an action's error shows. One component each, so every screen reuses the
//! same compiled code instead of its own copy of the markup.

use leptos::prelude::*;

use super::ErrorNotice;
use crate::api::ClientError;

/// How an [`ActionButton`] looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Look {
    /// Outlined: most actions.
    #[default]
    Secondary,
    /// Filled: the one main action of a dialog.
    Primary,
    /// Text only: actions that should not draw the eye (Remove).
    Quiet,
    /// Red: actions that destroy something.
    Danger,
}

impl Look {
    fn class(self, small: bool) -> &'static str {
        match (self, small) {
            (Look::Secondary, false) => "button button-secondary",
            (Look::Secondary, true) => "button button-secondary button-small",
            (Look::Primary, false) => "button button-primary",
            (Look::Primary, true) => "button button-primary button-small",
            (Look::Quiet, false) => "button button-quiet",
            (Look::Quiet, true) => "button button-quiet button-small",
            (Look::Danger, false) => "button button-danger",
            (Look::Danger, true) => "button button-danger button-small",
        }
    }
}

/// A `type="button"` button whose text is its accessible name.
#[component]
pub fn ActionButton(
    /// The text, which is also the accessible name.
    #[prop(into)]
    label: String,
    /// What a click (or Enter, or Space) does.
    on_click: Callback<()>,
    /// While true the button waits (a request is running).
    #[prop(into, optional)]
    disabled: Signal<bool>,
    /// How it looks.
    #[prop(optional)]
    look: Look,
    /// The smaller size used inside lists.
    #[prop(optional)]
    small: bool,
    /// Takes focus when a dialog it is in opens.
    #[prop(optional)]
    autofocus: bool,
    /// `aria-haspopup`, for buttons that open a dialog.
    #[prop(optional)]
    haspopup: Option<&'static str>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class=look.class(small)
            data-autofocus=autofocus.then_some("")
            aria-haspopup=haspopup
            disabled=move || disabled.get()
            on:click=move |_| {
                if !disabled.get_untracked() {
                    on_click.run(());
                }
            }
        >
            {label}
        </button>
    }
}

/// Where an action's error shows, as a sentence; empty while there is none.
#[component]
pub fn ErrorSlot(
    /// The error of the last attempt, if it failed.
    #[prop(into)]
    error: Signal<Option<ClientError>>,
) -> impl IntoView {
    move || error.get().map(|error| view! { <ErrorNotice error=error /> })
}
