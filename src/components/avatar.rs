//! Round avatars with initials, and the org badge where ownership must show.

use leptos::prelude::*;

use super::OrgBadge;
use crate::format::initials;

/// How many avatar colours `style/` defines (`avatar-c0` …).
const COLOURS: i64 = 8;

/// An avatar: initials on a colour picked by `seed`, with the org badge for
/// organization conversations and people. Decorative apart from the badge:
/// the name is always written next to it.
#[component]
pub fn Avatar(
    /// Whose avatar; the initials come from it.
    #[prop(into)]
    name: String,
    /// Picks the colour, so the same conversation or person keeps theirs.
    #[prop(default = 0)]
    seed: i64,
    /// The owner organization's name: shows the org badge.
    #[prop(default = None)]
    org: Option<String>,
    /// Larger, for profiles.
    #[prop(optional)]
    large: bool,
) -> impl IntoView {
    let class = format!("avatar avatar-c{}{}", seed.rem_euclid(COLOURS), if large { " avatar-large" } else { "" });
    view! {
        <span class="avatar-wrap">
            <span class=class aria-hidden="true">
                {initials(&name)}
            </span>
            {org.map(|org_name| view! { <OrgBadge org_name=org_name /> })}
        </span>
    }
}
