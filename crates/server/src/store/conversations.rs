//! Conversations and their member rows.

use async_trait::async_trait;
use samtal_core::api::Role;
use samtal_core::{ConversationId, DirectoryEntryId, GroupPolicies, Millis, OrgId, PersonId};

use super::StoreResult;
use super::rows::{
    ConversationRow, MemberKey, MemberRow, Membership, NamedMember, NewConversation, ShadowedMembership,
};

/// A membership of a directory entry in a group an organization owns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryGroupMembership {
    /// The group.
    pub conversation: ConversationId,
    /// The entry's row (its `person` is not resolved).
    pub member: MemberRow,
}

/// Someone who takes part in one of an organization's conversations now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrgParticipant {
    /// The conversation.
    pub conversation: ConversationId,
    /// The person (by their row, or signed in to an entry row).
    pub person: PersonId,
    /// Through a directory entry of the organization, not as a guest.
    pub via_entry: bool,
}

/// Rows of conversations and members.
#[async_trait]
pub trait ConversationRows: Send {
    /// One conversation.
    async fn conversation(&mut self, id: ConversationId) -> StoreResult<Option<ConversationRow>>;

    /// The chat with this pair key.
    async fn chat_by_key(&mut self, key: &str) -> StoreResult<Option<ConversationId>>;

    /// Inserts a conversation.
    async fn insert_conversation(&mut self, new: NewConversation<'_>) -> StoreResult<ConversationId>;

    /// Rule 4: the group is owned by `org` from `at` on, with default group
    /// policies. Does nothing to a conversation an organization owns already.
    async fn convert_to_org(
        &mut self,
        id: ConversationId,
        org: OrgId,
        by: PersonId,
        policies: &GroupPolicies,
        at: Millis,
    ) -> StoreResult<()>;

    /// Person rows of people signed in to `org` become rows of their entries.
    async fn rekey_members_to_entries(&mut self, id: ConversationId, org: OrgId) -> StoreResult<()>;

    /// Stores an org group's own policies.
    async fn set_group_policies(&mut self, id: ConversationId, policies: &GroupPolicies) -> StoreResult<()>;

    /// Advances the conversation's last seq, answering the new one, and
    /// marks it active at `at`.
    async fn next_seq(&mut self, id: ConversationId, at: Millis) -> StoreResult<i64>;

    /// The groups `org` owns (or only `only`), newest activity first.
    async fn org_groups(&mut self, org: OrgId, only: Option<ConversationId>) -> StoreResult<Vec<ConversationRow>>;

    /// The person's membership: a row of theirs, or of the directory entry
    /// they are signed in to now; the entry's row first when both exist.
    async fn membership(&mut self, conversation: ConversationId, person: PersonId) -> StoreResult<Option<MemberRow>>;

    /// Every member row of a conversation, resolved, by row id.
    async fn members(&mut self, conversation: ConversationId) -> StoreResult<Vec<MemberRow>>;

    /// Every membership of `person` (by row or through their entry), newest
    /// activity first; within a conversation the entry's row first.
    async fn memberships(&mut self, person: PersonId) -> StoreResult<Vec<Membership>>;

    /// Every member row of the conversations `ids` with its name, by
    /// conversation, then row id.
    async fn named_members(&mut self, ids: &[ConversationId]) -> StoreResult<Vec<NamedMember>>;

    /// Adds a member row; the read marker starts at `joined_seq`.
    async fn insert_member(
        &mut self,
        conversation: ConversationId,
        key: MemberKey,
        role: Role,
        joined_seq: i64,
        at: Millis,
    ) -> StoreResult<()>;

    /// Whether a row of `entry`, or one resolving to `person`, is in the conversation.
    async fn is_member(
        &mut self,
        conversation: ConversationId,
        entry: Option<DirectoryEntryId>,
        person: Option<PersonId>,
    ) -> StoreResult<bool>;

    /// How many member rows the conversation has.
    async fn member_count(&mut self, conversation: ConversationId) -> StoreResult<u64>;

    /// How many of them are admins.
    async fn admin_count(&mut self, conversation: ConversationId) -> StoreResult<u64>;

    /// Deletes a member row.
    async fn delete_member(&mut self, member: i64) -> StoreResult<()>;

    /// Makes a member row an admin.
    async fn set_role(&mut self, member: i64, role: Role) -> StoreResult<()>;

    /// Stores a row's joining and read position.
    async fn set_member_positions(
        &mut self,
        member: i64,
        joined_at: Millis,
        joined_seq: i64,
        read_seq: i64,
    ) -> StoreResult<()>;

    /// Moves a member's read marker forward to `seq` (never back).
    async fn advance_read_seq(&mut self, member: i64, seq: i64) -> StoreResult<()>;

    /// Rows of `person` in conversations where `entry` has a row too.
    async fn shadowed_memberships(
        &mut self,
        person: PersonId,
        entry: DirectoryEntryId,
    ) -> StoreResult<Vec<ShadowedMembership>>;

    /// The entry's rows in groups `org` owns, by conversation.
    async fn entry_group_memberships(
        &mut self,
        entry: DirectoryEntryId,
        org: OrgId,
    ) -> StoreResult<Vec<EntryGroupMembership>>;

    /// Who takes part in `org`'s conversations now, by conversation.
    async fn org_participants(&mut self, org: OrgId) -> StoreResult<Vec<OrgParticipant>>;
}
