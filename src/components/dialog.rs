//! An accessible modal dialog, and a confirmation built on it.
//!
//! The dialog is named by its heading (`aria-labelledby`), marked modal
//! (`aria-modal="true"`), keeps keyboard focus inside itself while it is
//! open, closes on Escape, and gives focus back to whatever had it before it
//! opened — usually the button that opened it.

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::controls::{ActionButton, ErrorSlot, Look};
use crate::api::ClientError;
use crate::i18n::texts;

#[wasm_bindgen]
extern "C" {
    /// Any element, seen only for `querySelectorAll`.
    type Queryable;

    /// `Element.querySelectorAll`, as a plain value (read with `Array.from`).
    #[wasm_bindgen(method, js_name = querySelectorAll)]
    fn query_selector_all_value(this: &Queryable, selectors: &str) -> JsValue;
}

/// What can take keyboard focus inside a dialog.
const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), \
                         textarea:not([disabled]), [tabindex]:not([tabindex=\"-1\"])";

static NEXT_ID: AtomicUsize = AtomicUsize::new(1);

/// A page-unique id for elements that other elements point at (`aria-*`).
pub fn unique_id(prefix: &str) -> String {
    format!("{prefix}-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed))
}

/// The elements inside `root` that Tab can reach, in document order.
pub fn focusable_in(root: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    let list = root.unchecked_ref::<Queryable>().query_selector_all_value(FOCUSABLE);
    js_sys::Array::from(&list).iter().filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok()).collect()
}

/// The element that has keyboard focus now.
pub fn active_element() -> Option<web_sys::HtmlElement> {
    let document = web_sys::window()?.document()?;
    document.active_element()?.dyn_into::<web_sys::HtmlElement>().ok()
}

/// Whether nothing has keyboard focus (the page itself has it).
fn focus_is_lost() -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    match document.active_element() {
        None => true,
        Some(active) => document.body().is_some_and(|body| *body == active),
    }
}

/// Moves focus to the heading of the screen in `#main`.
fn focus_heading() {
    let heading = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("#main h1").ok().flatten())
        .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(heading) = heading {
        // Reachable by script, not by Tab.
        if !heading.has_attribute("tabindex") {
            let _ = heading.set_attribute("tabindex", "-1");
        }
        let _ = heading.focus();
    }
}

/// A modal dialog. Show it by rendering it (inside `<Show>` or an `Option`),
/// close it by not rendering it any more: `on_close` is where the owner does that.
///
/// Focus moves to the element marked `data-autofocus` inside it, else the
/// first focusable element, and goes back on close to where it was.
#[component]
pub fn Dialog(
    /// The heading that names the dialog.
    #[prop(into)]
    title: Signal<String>,
    /// Asked to close the dialog: Escape, or a click on the backdrop.
    on_close: Callback<()>,
    /// Wider, for dialogs with lists.
    #[prop(optional)]
    wide: bool,
    /// The dialog's content: text, fields and the buttons.
    children: Children,
) -> impl IntoView {
    let title_id = unique_id("dialog-title");
    let heading_id = title_id.clone();
    let panel: NodeRef<html::Div> = NodeRef::new();
    // Where focus was before the dialog opened, to give it back on close.
    let opener = StoredValue::new_local(active_element());
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let Some(panel) = panel.get() else { return false };
        let target = panel
            .query_selector("[data-autofocus]")
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
            .or_else(|| focusable_in(&panel).into_iter().next());
        match target {
            Some(target) => target.focus().ok(),
            None => panel.focus().ok(),
        };
        true
    });
    on_cleanup(move || {
        let opener = opener.try_get_value().flatten();
        if let Some(opener) = &opener
            && opener.is_connected()
        {
            let _ = opener.focus();
        }
        // What the dialog did may remove the opener once this update is done
        // (the Remove button of a member just removed): focus would drop to
        // the page itself, so it goes to the screen's heading instead.
        request_animation_frame(move || {
            if focus_is_lost() {
                focus_heading();
            }
        });
    });
    let on_keydown = move |event: ev::KeyboardEvent| match event.key().as_str() {
        "Escape" => {
            event.prevent_default();
            event.stop_propagation();
            on_close.run(());
        }
        "Tab" => {
            let Some(panel) = panel.get_untracked() else { return };
            let items = focusable_in(&panel);
            let (Some(first), Some(last)) = (items.first(), items.last()) else {
                event.prevent_default();
                return;
            };
            let active = active_element();
            let inside = active.as_ref().is_some_and(|a| panel.contains(Some(a)));
            if event.shift_key() {
                if !inside || active.as_ref() == Some(first) {
                    event.prevent_default();
                    let _ = last.focus();
                }
            } else if !inside || active.as_ref() == Some(last) {
                event.prevent_default();
                let _ = first.focus();
            }
        }
        _ => {}
    };
    // A click on the backdrop itself (not on the panel) closes, like Escape.
    let on_backdrop = move |event: ev::MouseEvent| {
        if event.target() == event.current_target() {
            on_close.run(());
        }
    };
    let class = if wide { "dialog dialog-wide" } else { "dialog" };
    view! {
        <div class="dialog-backdrop" on:click=on_backdrop>
            <div
                class=class
                role="dialog"
                aria-modal="true"
                aria-labelledby=title_id.clone()
                tabindex="-1"
                node_ref=panel
                on:keydown=on_keydown
            >
                <h2 class="dialog-title" id=heading_id>
                    {move || title.get()}
                </h2>
                {children()}
            </div>
        </div>
    }
}

/// A dialog asking to confirm one action: a sentence or two, the action's
/// button and **Cancel**. Cancel (and Escape) only call `on_cancel`.
#[component]
pub fn ConfirmDialog(
    /// The heading.
    #[prop(into)]
    title: Signal<String>,
    /// The confirming button's label, like "Create".
    #[prop(into)]
    confirm_label: String,
    /// Runs the action.
    on_confirm: Callback<()>,
    /// Closes without doing anything.
    on_cancel: Callback<()>,
    /// While the action runs: its button waits.
    #[prop(into, optional)]
    busy: Signal<bool>,
    /// Why the action failed, shown in the dialog.
    #[prop(into, optional)]
    error: Signal<Option<ClientError>>,
    /// Whether the action destroys something (a red button).
    #[prop(optional)]
    danger: bool,
    /// What the action does, in words.
    children: Children,
) -> impl IntoView {
    let t = texts();
    let look = if danger { Look::Danger } else { Look::Primary };
    view! {
        <Dialog title=title on_close=on_cancel>
            <div class="dialog-body">{children()}</div>
            <ErrorSlot error=error />
            <div class="dialog-actions">
                <ActionButton label=t.common.cancel on_click=on_cancel autofocus=true />
                <ActionButton label=confirm_label on_click=on_confirm disabled=busy look=look />
            </div>
        </Dialog>
    }
}
