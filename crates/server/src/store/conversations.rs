//! Conversations and their membership: chats, groups, conversion into an
//! organization group (rule 4), group policies (rule 7) and the admin portal's
//! organization groups.
//!
//! Every operation takes the [`Viewer`] asking and decides inside its own
//! transaction with `samtal_core::rules`, so the facts a verdict rests on
//! cannot change between the check and the write.

use async_trait::async_trait;
use samtal_core::api::{AddMember, ConversationDetail, ConversationSummary, CreateChat, CreateOrgGroup, OrgGroup};
use samtal_core::rules::Viewer;
use samtal_core::{ConversationId, GroupPolicies, OrgId, PersonId};

use crate::store::StoreResult;

/// Conversations and their membership.
#[async_trait]
pub trait ConversationStore: Send + Sync {
    /// Every conversation the viewer is a member of, newest activity first.
    async fn conversations(&self, viewer: &Viewer) -> StoreResult<Vec<ConversationSummary>>;

    /// A conversation's profile, for members who may open it and admins of
    /// its owner organization; `NotFound` for everybody else.
    async fn conversation(&self, viewer: &Viewer, id: ConversationId) -> StoreResult<ConversationDetail>;

    /// Starts a chat with the request's one target (rules 1 and 2), or
    /// returns the one that exists already. `true` when it was created now.
    async fn create_chat(&self, viewer: &Viewer, request: &CreateChat) -> StoreResult<(ConversationDetail, bool)>;

    /// Creates a private group (rule 3) with the viewer as its admin.
    async fn create_group(&self, viewer: &Viewer, title: &str, members: &[PersonId])
    -> StoreResult<ConversationDetail>;

    /// A group admin adds the request's one person or directory entry.
    async fn add_member(
        &self,
        viewer: &Viewer,
        id: ConversationId,
        target: &AddMember,
    ) -> StoreResult<ConversationDetail>;

    /// A group admin removes another member, named by exactly one of person
    /// or directory entry.
    async fn remove_member(
        &self,
        viewer: &Viewer,
        id: ConversationId,
        target: &AddMember,
    ) -> StoreResult<ConversationDetail>;

    /// The viewer leaves a group.
    async fn leave_group(&self, viewer: &Viewer, id: ConversationId) -> StoreResult<()>;

    /// Rule 4: a group admin converts a private group into a group of the
    /// organization they are signed in to.
    async fn add_to_organization(&self, viewer: &Viewer, id: ConversationId) -> StoreResult<ConversationDetail>;

    /// Rule 7: sets an org group's own policies.
    async fn set_group_policies(
        &self,
        viewer: &Viewer,
        id: ConversationId,
        policies: GroupPolicies,
    ) -> StoreResult<ConversationDetail>;

    /// Every group `org` owns, for its admins; `NotFound` for an unknown organization.
    async fn org_groups(&self, viewer: &Viewer, org: OrgId) -> StoreResult<Vec<OrgGroup>>;

    /// Creates a group owned by `org` from the start (rule 3, admin portal);
    /// the caller has checked the title.
    async fn create_org_group(&self, viewer: &Viewer, org: OrgId, group: &CreateOrgGroup) -> StoreResult<OrgGroup>;
}
