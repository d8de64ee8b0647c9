//! Writing a message: a text box labelled "Message" (Enter sends,
//! Shift+Enter starts a new line), Send, and attaching an image, a video or
//! audio.

use leptos::ev::{KeyboardEvent, SubmitEvent};
use leptos::prelude::*;
use samtal_core::api::limits::MESSAGE_MAX;
use wasm_bindgen::JsCast;

/// What a file input offers: the kinds of file Samtal takes.
pub const ACCEPT: &str = "image/*,video/*,audio/*";

/// Whether a key press in the message box sends: Enter on its own, not while
/// an input method is composing a character.
pub fn sends(key: &str, shift: bool, alt: bool, ctrl: bool, meta: bool, composing: bool) -> bool {
    key == "Enter" && !shift && !alt && !ctrl && !meta && !composing
}

/// The composer at the bottom of a chat.
#[component]
pub fn Composer(
    /// Called with the text to send (trimmed, never empty).
    on_send: Callback<String>,
    /// Called with a file the person picked to send.
    #[prop(optional, into)]
    on_attach: Option<Callback<web_sys::File>>,
    /// Why writing is not possible here now, if it isn't (a closed conversation).
    #[prop(into, optional)]
    disabled_reason: Signal<Option<String>>,
    /// Text to put in the box (editing a message), with focus; it stays
    /// until sent or replaced.
    #[prop(into, optional)]
    fill: Signal<Option<String>>,
    /// Above the box: what the next send is (a reply, an edit), with its
    /// own Cancel.
    #[prop(optional)]
    above: Option<ViewFn>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let text = RwSignal::new(String::new());
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    let file_input = NodeRef::<leptos::html::Input>::new();
    let disabled = move || disabled_reason.with(Option::is_some);
    let too_long = move || text.with(|t| t.chars().count() > MESSAGE_MAX);
    Effect::new(move |_| {
        if let Some(filled) = fill.get() {
            text.set(filled);
            if let Some(area) = textarea.get_untracked() {
                let _ = area.focus();
            }
        }
    });

    let submit = move || {
        if disabled() || too_long() {
            return;
        }
        let body = text.get_untracked().trim().to_owned();
        if body.is_empty() {
            return;
        }
        on_send.run(body);
        text.set(String::new());
        if let Some(area) = textarea.get_untracked() {
            area.set_value("");
            let _ = area.focus();
        }
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        submit();
    };
    let on_keydown = move |ev: KeyboardEvent| {
        if sends(&ev.key(), ev.shift_key(), ev.alt_key(), ev.ctrl_key(), ev.meta_key(), ev.is_composing()) {
            ev.prevent_default();
            submit();
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let file = input.files().and_then(|files| files.get(0));
        // Picking the same file again must fire `change` again.
        input.set_value("");
        if let (Some(file), Some(attach)) = (file, on_attach) {
            attach.run(file);
        }
    };
    let pick_file = move |_| {
        if let Some(input) = file_input.get_untracked() {
            input.click();
        }
    };

    view! {
        <form class="composer" on:submit=on_submit>
            {move || {
                disabled_reason
                    .get()
                    .filter(|reason| !reason.is_empty())
                    .map(|reason| view! { <p class="composer-closed">{reason}</p> })
            }}
            {above.map(|above| above.run())}
            <div class="composer-row">
                {on_attach
                    .is_some()
                    .then(|| {
                        view! {
                            <input
                                node_ref=file_input
                                class="sr-only"
                                type="file"
                                accept=ACCEPT
                                tabindex="-1"
                                aria-hidden="true"
                                on:change=on_file
                                disabled=disabled
                            />
                            <button
                                type="button"
                                class="composer-attach"
                                aria-label=t.chats.attach
                                title=t.chats.attach
                                disabled=disabled
                                on:click=pick_file
                            >
                                <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                                    <path
                                        fill="none"
                                        stroke="currentColor"
                                        stroke-width="1.8"
                                        stroke-linecap="round"
                                        stroke-linejoin="round"
                                        d="m20.5 11.5-8.2 8.2a5 5 0 0 1-7.1-7.1l8.5-8.5a3.4 3.4 0 0 1 4.8 4.8l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.9-7.9"
                                    />
                                </svg>
                            </button>
                        }
                    })}
                <label class="sr-only" for="composer-text">
                    {t.chats.message}
                </label>
                <textarea
                    id="composer-text"
                    node_ref=textarea
                    class="composer-text"
                    rows="1"
                    placeholder=t.chats.write_a_message
                    aria-describedby="composer-hint"
                    disabled=disabled
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                    on:keydown=on_keydown
                ></textarea>
                <button
                    type="submit"
                    class="button button-primary composer-send"
                    disabled=move || disabled() || too_long() || text.with(|t| t.trim().is_empty())
                >
                    {t.chats.send}
                </button>
            </div>
            <p id="composer-hint" class="sr-only">
                {t.chats.composer_hint}
            </p>
            {move || {
                too_long()
                    .then(|| {
                        view! {
                            <p class="composer-error" role="alert">
                                {(t.chats.message_too_long)(MESSAGE_MAX)}
                            </p>
                        }
                    })
            }}
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enter_sends_and_shift_enter_does_not() {
        assert!(sends("Enter", false, false, false, false, false));
        assert!(!sends("Enter", true, false, false, false, false));
        assert!(!sends("Enter", false, false, false, false, true), "an input method is composing");
        assert!(!sends("a", false, false, false, false, false));
    }
}
