//! Who owns a cached item, so it goes into that owner's container (rule 13),
//! and the names of the containers. When a key lapses is a rule:
//! `samtal_core::rules::cache_key_lapsed`.

use samtal_core::api::{ConversationSummary, Message, MessageOwner, Profile, Scope, SearchResult, SearchSource};
use samtal_core::{OrgId, PersonId};

/// The owner of cached data: the person's private container, or one
/// organization's encrypted container.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Owner {
    /// The participants of private conversations: the person's own data.
    Private,
    /// An organization.
    Org(OrgId),
}

impl Owner {
    /// A conversation's row, profile and outbox belong to its owner
    /// organization, or are private.
    pub fn of_conversation(summary: &ConversationSummary) -> Owner {
        match (summary.scope, &summary.owner_org) {
            (Scope::Org, Some(org)) => Owner::Org(org.id),
            _ => Owner::Private,
        }
    }

    /// A message belongs to the owner stamped when it was sent: a converted
    /// group's earlier messages stay private (rule 4).
    pub fn of_message(message: &Message) -> Owner {
        match message.owner {
            MessageOwner::Participants => Owner::Private,
            MessageOwner::Org { org_id } => Owner::Org(org_id),
        }
    }

    /// A directory result belongs to its organization; a contact is private.
    pub fn of_search_result(result: &SearchResult) -> Owner {
        match (result.source, &result.org) {
            (SearchSource::Directory, Some(org)) => Owner::Org(org.id),
            _ => Owner::Private,
        }
    }

    /// A profile with directory attributes came from that organization.
    pub fn of_profile(profile: &Profile) -> Owner {
        profile.directory.as_ref().map_or(Owner::Private, |d| Owner::Org(d.org.id))
    }

    /// The IndexedDB database of this owner's container for `person`: one
    /// per person and owner, so people sharing a browser never share one and
    /// an organization's can be deleted alone.
    pub fn database_name(self, person: PersonId) -> String {
        match self {
            Owner::Private => format!("samtal-{person}-private"),
            Owner::Org(org) => format!("samtal-{person}-org-{org}"),
        }
    }
}

/// The prefix of every database of `person`.
pub fn database_prefix(person: PersonId) -> String {
    format!("samtal-{person}-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_person_and_owner_has_its_own_database() {
        assert_eq!(Owner::Private.database_name(PersonId(7)), "samtal-7-private");
        assert_eq!(Owner::Org(OrgId(3)).database_name(PersonId(7)), "samtal-7-org-3");
        assert!(Owner::Org(OrgId(3)).database_name(PersonId(7)).starts_with(&database_prefix(PersonId(7))));
        assert!(!Owner::Private.database_name(PersonId(71)).starts_with(&database_prefix(PersonId(7))));
    }
}
