//! What the message verbs write beside a message: its edits and deletion,
//! reactions, messages hidden on one person's devices, and an
//! organization's record of its messages' earlier versions.

use async_trait::async_trait;
use samtal_core::api::{DeletedBy, Person, RecordEntry};
use samtal_core::{AttachmentId, MessageId, Millis, OrgId, PersonId};

use super::StoreResult;

/// One person's reaction to a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReactionRow {
    /// The message.
    pub message: MessageId,
    /// The emoji.
    pub emoji: String,
    /// Who gave it.
    pub person: Person,
    /// When.
    pub at: Millis,
}

/// What an organization's record keeps of a change to one of its messages.
#[derive(Debug, Clone)]
pub struct NewRecord<'a> {
    /// The message.
    pub message: MessageId,
    /// The organization that owns it.
    pub org: OrgId,
    /// `edited` or `deleted`.
    pub action: &'a str,
    /// Who made the change.
    pub by: PersonId,
    /// The text before an edit, or what a deletion took away.
    pub text: Option<&'a str>,
    /// A forward's comment that a deletion took away.
    pub comment: Option<&'a str>,
    /// The attachment a deletion took away (kept, bytes and all).
    pub attachment: Option<AttachmentId>,
    /// When.
    pub at: Millis,
}

/// Rows of the message verbs.
#[async_trait]
pub trait VerbRows: Send {
    /// Replaces a message's text, noting when it was edited.
    async fn set_text(&mut self, message: MessageId, text: &str, at: Millis) -> StoreResult<()>;

    /// Leaves a message a tombstone: its text, comment, attachment and
    /// reactions go; who deleted it and when stay.
    async fn mark_deleted(&mut self, message: MessageId, by: DeletedBy, at: Millis) -> StoreResult<()>;

    /// Adds an entry to an organization's record.
    async fn insert_record(&mut self, new: NewRecord<'_>) -> StoreResult<()>;

    /// Adds a reaction; `false` if the person had given that emoji already.
    async fn add_reaction(
        &mut self,
        message: MessageId,
        person: PersonId,
        emoji: &str,
        at: Millis,
    ) -> StoreResult<bool>;

    /// Takes a reaction back; `false` if there was none.
    async fn remove_reaction(&mut self, message: MessageId, person: PersonId, emoji: &str) -> StoreResult<bool>;

    /// How many different emoji a message has.
    async fn emoji_count(&mut self, message: MessageId) -> StoreResult<u32>;

    /// The reactions to `messages`, by message, then in the order given.
    async fn reactions(&mut self, messages: &[MessageId]) -> StoreResult<Vec<ReactionRow>>;

    /// Hides a message on one person's devices.
    async fn hide_message(&mut self, person: PersonId, message: MessageId) -> StoreResult<()>;

    /// The messages that reply to `message`.
    async fn replies_to(&mut self, message: MessageId) -> StoreResult<Vec<MessageId>>;

    /// `org`'s record of changes to its messages, oldest first.
    async fn record(&mut self, org: OrgId) -> StoreResult<Vec<RecordEntry>>;
}
