//! Why an action is missing where a policy took it away: who set the policy,
//! in a sentence. The server's `capabilities.restricted_by` says who; this
//! only puts it into words.

use leptos::prelude::*;
use samtal_core::{Restrictions, SetBy};

/// Who set a policy, as the end of a sentence: "Nordvik Energi's tenant
/// policy", "this group's admins", or both.
pub fn set_by(by: SetBy, org: &str) -> String {
    match by {
        SetBy::Tenant => format!("{org}'s tenant policy"),
        SetBy::GroupAdmins => "this group's admins".to_owned(),
        SetBy::TenantAndGroupAdmins => format!("{org}'s tenant policy and this group's admins"),
    }
}

/// One sentence for each action a policy turned off here, with who did it.
pub fn turned_off(restrictions: &Restrictions, org: &str) -> Vec<String> {
    [
        (restrictions.copy, "Copying"),
        (restrictions.forward, "Forwarding out of the organization"),
        (restrictions.share, "Downloading and sharing files"),
    ]
    .into_iter()
    .filter_map(|(by, what)| by.map(|by| format!("{what} is turned off by {}.", set_by(by, org))))
    .collect()
}

/// Under a conversation's header: what is turned off in it, and by whom.
/// Nothing when nothing is.
#[component]
pub fn PolicyNotes(
    /// Who restricted what (from the conversation's capabilities).
    restrictions: Restrictions,
    /// The owner organization's name.
    org: String,
) -> impl IntoView {
    let notes = turned_off(&restrictions, &org);
    (!notes.is_empty()).then(|| {
        view! {
            <ul class="policy-notes" aria-label="Turned off in this conversation">
                {notes.into_iter().map(|note| view! { <li>{note}</li> }).collect_view()}
            </ul>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_setter_reads_as_a_person_would_say_it() {
        assert_eq!(set_by(SetBy::Tenant, "Nordvik Energi"), "Nordvik Energi's tenant policy");
        assert_eq!(set_by(SetBy::GroupAdmins, "Nordvik Energi"), "this group's admins");
        assert_eq!(
            set_by(SetBy::TenantAndGroupAdmins, "Nordvik Energi"),
            "Nordvik Energi's tenant policy and this group's admins"
        );
    }

    #[test]
    fn one_sentence_per_action_turned_off() {
        assert!(turned_off(&Restrictions::default(), "Nordvik Energi").is_empty());
        let restrictions = Restrictions {
            copy: Some(SetBy::Tenant),
            forward: Some(SetBy::GroupAdmins),
            // Not an action: said in the profile, not here.
            require_work_signin: Some(SetBy::Tenant),
            ..Restrictions::default()
        };
        assert_eq!(
            turned_off(&restrictions, "Nordvik Energi"),
            [
                "Copying is turned off by Nordvik Energi's tenant policy.",
                "Forwarding out of the organization is turned off by this group's admins.",
            ]
        );
    }
}
