//! The org badge: marks every organization conversation and person (rule 6).

use leptos::prelude::*;

use super::icons::OfficeIcon;

/// The "Office" badge. Its accessible name is always `Office`; the owner's
/// name, when known, is a tooltip.
#[component]
pub fn OrgBadge(
    /// The owner organization's name, for the tooltip.
    #[prop(optional, into)]
    org_name: Option<String>,
) -> impl IntoView {
    let title = org_name.map(|name| format!("Owned by {name}"));
    view! {
        <span class="org-badge" role="img" aria-label="Office" title=title>
            <OfficeIcon />
        </span>
    }
}
