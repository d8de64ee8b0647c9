//! A conversation's profile: members, ownership, policies and the More menu.

use leptos::prelude::*;

/// A conversation's profile: members, ownership, policies and the More menu.
#[component]
pub fn GroupProfilePage() -> impl IntoView {
    view! { <section class="page"></section> }
}
