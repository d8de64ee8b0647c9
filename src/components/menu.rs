//! A menu button: a button that opens a list of actions (`role="menu"`),
//! used with the keyboard like a desktop menu.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::dialog::{active_element, unique_id};

/// One action in a [`MenuButton`].
#[derive(Clone)]
pub struct MenuAction {
    /// The item's accessible name and text.
    pub label: String,
    /// What choosing it does. The menu is closed and focus is back on the
    /// menu button when this runs, so a dialog it opens returns focus there.
    pub run: Callback<()>,
    /// A destructive action (shown in red).
    pub danger: bool,
}

impl MenuAction {
    /// An ordinary action.
    pub fn new(label: impl Into<String>, run: Callback<()>) -> Self {
        Self { label: label.into(), run, danger: false }
    }

    /// A destructive action.
    pub fn danger(label: impl Into<String>, run: Callback<()>) -> Self {
        Self { label: label.into(), run, danger: true }
    }
}

/// Which item to focus after a key press in an open menu of `count` items,
/// with `current` focused now; `None` when the key does not move focus.
pub fn next_item(key: &str, current: Option<usize>, count: usize) -> Option<usize> {
    if count == 0 {
        return None;
    }
    let last = count - 1;
    match key {
        "ArrowDown" => Some(current.map_or(0, |i| if i >= last { 0 } else { i + 1 })),
        "ArrowUp" => Some(current.map_or(last, |i| if i == 0 { last } else { i - 1 })),
        "Home" | "PageUp" => Some(0),
        "End" | "PageDown" => Some(last),
        _ => None,
    }
}

/// A button (`aria-haspopup="menu"`) opening a menu of actions. Arrow keys,
/// Home and End move between the items; Escape closes it and returns focus
/// to the button; Tab or a click elsewhere closes it.
#[component]
pub fn MenuButton(
    /// The button's text, like "More".
    #[prop(into)]
    label: String,
    /// The actions, in order. Changing them while the menu is open is fine.
    #[prop(into)]
    actions: Signal<Vec<MenuAction>>,
    /// Shown instead of the label (which stays the button's name for
    /// screen readers), for a small button beside every message.
    #[prop(optional)]
    icon: Option<&'static str>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let button_id = unique_id("menu-button");
    let menu_id = unique_id("menu");
    let controls = menu_id.clone();
    let wrapper: NodeRef<html::Div> = NodeRef::new();
    let button: NodeRef<html::Button> = NodeRef::new();
    let menu: NodeRef<html::Div> = NodeRef::new();
    // Which item gets focus when the menu opens: first or last.
    let focus_last = StoredValue::new(false);

    let items = move || menu.get_untracked().map(|m| focusable_items(&m)).unwrap_or_default();
    let focus_item = move |index: usize| {
        if let Some(item) = items().get(index) {
            let _ = item.focus();
        }
    };
    let close = move |refocus: bool| {
        open.set(false);
        if refocus && let Some(button) = button.get_untracked() {
            let _ = button.focus();
        }
    };
    // Focus the first (or last) item once the menu is on screen.
    Effect::new(move |_| {
        if open.get() && menu.get().is_some() {
            let count = items().len();
            if count > 0 {
                focus_item(if focus_last.get_value() { count - 1 } else { 0 });
            }
        }
    });
    let open_with = move |last: bool| {
        focus_last.set_value(last);
        open.set(true);
    };
    let on_button_key = move |event: ev::KeyboardEvent| match event.key().as_str() {
        "ArrowDown" | "Enter" | " " => {
            event.prevent_default();
            open_with(false);
        }
        "ArrowUp" => {
            event.prevent_default();
            open_with(true);
        }
        _ => {}
    };
    let on_menu_key = move |event: ev::KeyboardEvent| {
        let key = event.key();
        match key.as_str() {
            "Escape" => {
                event.prevent_default();
                event.stop_propagation();
                close(true);
            }
            "Tab" => close(false),
            _ => {
                let list = items();
                let active = active_element();
                let current = list.iter().position(|item| Some(item) == active.as_ref());
                if let Some(next) = next_item(&key, current, list.len()) {
                    event.prevent_default();
                    focus_item(next);
                }
            }
        }
    };
    // Focus leaving the menu and its button (to elsewhere on the page) closes it.
    // (Also fires while the button is being taken off the page, when its
    // signals may be gone already: hence `try_`.)
    let on_focus_out = move |event: ev::FocusEvent| {
        let Some(wrapper) = wrapper.try_get_untracked().flatten() else { return };
        let to = event.related_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        if let Some(to) = to
            && !wrapper.contains(Some(&to))
        {
            open.try_set(false);
        }
    };
    // A pointer press outside closes it too (focus may not move on every platform).
    let outside = window_event_listener(ev::pointerdown, move |event| {
        if !open.get_untracked() {
            return;
        }
        let Some(wrapper) = wrapper.get_untracked() else { return };
        let target = event.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        if !target.is_some_and(|t| wrapper.contains(Some(&t))) {
            open.set(false);
        }
    });
    on_cleanup(move || outside.remove());

    view! {
        <div class="menu-wrap" node_ref=wrapper on:focusout=on_focus_out>
            <button
                type="button"
                class=if icon.is_some() { "msg-action menu-button menu-button-icon" } else { "button button-secondary menu-button" }
                id=button_id.clone()
                aria-haspopup="menu"
                aria-controls=move || open.get().then(|| controls.clone())
                aria-expanded=move || if open.get() { "true" } else { "false" }
                node_ref=button
                on:click=move |_| {
                    if open.get_untracked() { close(false) } else { open_with(false) }
                }
                on:keydown=on_button_key
            >
                {match icon {
                    Some(icon) => {
                        view! {
                            <span class="sr-only">{label}</span>
                            <span class="menu-icon" aria-hidden="true">
                                {icon}
                            </span>
                        }
                            .into_any()
                    }
                    None => {
                        view! {
                            {label}
                            <span class="menu-caret" aria-hidden="true">
                                "▾"
                            </span>
                        }
                            .into_any()
                    }
                }}
            </button>
            <Show when=move || open.get()>
                <div
                    class="menu"
                    role="menu"
                    id=menu_id.clone()
                    aria-labelledby=button_id.clone()
                    node_ref=menu
                    on:keydown=on_menu_key
                >
                    {move || {
                        actions
                            .get()
                            .into_iter()
                            .map(|action| {
                                let class = if action.danger { "menu-item menu-item-danger" } else { "menu-item" };
                                let run = action.run;
                                view! {
                                    <button
                                        type="button"
                                        role="menuitem"
                                        tabindex="-1"
                                        class=class
                                        on:click=move |_| {
                                            close(true);
                                            run.run(());
                                        }
                                    >
                                        {action.label}
                                    </button>
                                }
                            })
                            .collect_view()
                    }}
                </div>
            </Show>
        </div>
    }
}

/// The items of an open menu, in order (menu items are out of the Tab order,
/// so they are found by role).
fn focusable_items(menu: &web_sys::HtmlDivElement) -> Vec<web_sys::HtmlElement> {
    let children = menu.children();
    (0..children.length())
        .filter_map(|i| children.item(i))
        .filter(|el| el.get_attribute("role").as_deref() == Some("menuitem"))
        .filter_map(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}
