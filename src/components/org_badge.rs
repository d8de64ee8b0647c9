//! The org badge: marks every organization conversation and person (rule 6).

use leptos::prelude::*;

use super::icons::OfficeIcon;
use crate::i18n::texts;

/// The "Office" badge. Its accessible name is always `Office` (in the
/// language in use); the owner's name, when known, is a tooltip.
#[component]
pub fn OrgBadge(
    /// The owner organization's name, for the tooltip.
    #[prop(optional, into)]
    org_name: Option<String>,
) -> impl IntoView {
    let t = texts();
    let title = org_name.map(|name| (t.common.owned_by)(&name));
    view! {
        <span class="org-badge" role="img" aria-label=t.common.office title=title>
            <OfficeIcon />
        </span>
    }
}
