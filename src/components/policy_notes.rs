//! Why an action is missing where a policy took it away: who set the policy,
//! in a sentence. The server's `capabilities.restricted_by` says who; this
//! only puts it into words.

use leptos::prelude::*;
use samtal_core::{Restrictions, SetBy};

use crate::i18n::{Lang, Texts};

/// Who set a policy, as the end of a sentence: "Nordvik Energi's tenant
/// policy", "this group's admins", or both. In the language in use now.
pub fn set_by(by: SetBy, org: &str) -> String {
    set_by_in(by, org, crate::i18n::lang())
}

/// [`set_by`] in `lang`.
pub fn set_by_in(by: SetBy, org: &str, lang: Lang) -> String {
    (Texts::of(lang).actions.set_by)(by, org)
}

/// One sentence for each action a policy turned off here, with who did it.
/// In the language in use now.
pub fn turned_off(restrictions: &Restrictions, org: &str) -> Vec<String> {
    turned_off_in(restrictions, org, crate::i18n::lang())
}

/// [`turned_off`] in `lang`.
pub fn turned_off_in(restrictions: &Restrictions, org: &str, lang: Lang) -> Vec<String> {
    let actions = Texts::of(lang).actions;
    [
        (restrictions.copy, actions.copying_turned_off),
        (restrictions.forward, actions.forwarding_turned_off),
        (restrictions.share, actions.sharing_turned_off),
    ]
    .into_iter()
    .filter_map(|(by, sentence)| by.map(|by| sentence(by, org)))
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
    let t = crate::i18n::texts();
    let notes = turned_off_in(&restrictions, &org, t.lang);
    (!notes.is_empty()).then(|| {
        view! {
            <ul class="policy-notes" aria-label=t.actions.turned_off_here>
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

    #[test]
    fn swedish_notes_put_the_organization_in_the_genitive() {
        let restrictions = Restrictions {
            copy: Some(SetBy::Tenant),
            forward: Some(SetBy::GroupAdmins),
            share: Some(SetBy::TenantAndGroupAdmins),
            ..Restrictions::default()
        };
        assert_eq!(
            turned_off_in(&restrictions, "Nordvik Energi", Lang::Sv),
            [
                "Kopiering är avstängd enligt Nordvik Energis policy.",
                "Vidarebefordran utanför organisationen är avstängd av gruppens administratörer.",
                "Att ladda ner och dela filer är avstängt enligt Nordvik Energis policy och av gruppens administratörer.",
            ]
        );
        assert_eq!(set_by_in(SetBy::Tenant, "Hansson & Brus", Lang::Sv), "Hansson & Brus policy");
        assert_eq!(set_by_in(SetBy::Tenant, "Acme AB", Lang::Sv), "Acme AB:s policy");
        assert_eq!(set_by_in(SetBy::GroupAdmins, "Acme", Lang::Sv), "gruppens administratörer");
    }
}
