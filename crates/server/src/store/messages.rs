//! Messages and attachments.

use async_trait::async_trait;
use samtal_core::api::Message;
use samtal_core::{AttachmentId, ConversationId, MessageId, Millis, OrgId, PersonId};

use super::StoreResult;
use super::rows::{AttachmentRow, NewAttachment, NewMessageRow, SeqWindow};

/// Rows of messages and attachments.
#[async_trait]
pub trait MessageRows: Send {
    /// Inserts a message; `Violation(MessageClientId)` for a repeated retry key.
    async fn insert_message(&mut self, new: &NewMessageRow) -> StoreResult<MessageId>;

    /// One message, with its sender and attachment.
    async fn message(&mut self, id: MessageId) -> StoreResult<Option<Message>>;

    /// The message `sender` sent with `client_id` in the conversation.
    async fn message_by_client_id(
        &mut self,
        conversation: ConversationId,
        sender: PersonId,
        client_id: &str,
    ) -> StoreResult<Option<Message>>;

    /// Up to `limit` messages with `low <= seq < high`: the newest of them,
    /// newest first, or the oldest, oldest first; none `viewer` hid.
    async fn messages_between(
        &mut self,
        conversation: ConversationId,
        low: i64,
        high: i64,
        newest_first: bool,
        limit: u32,
        viewer: PersonId,
    ) -> StoreResult<Vec<Message>>;

    /// Whether any message with `from <= seq <= to` exists.
    async fn any_message_between(&mut self, conversation: ConversationId, from: i64, to: i64) -> StoreResult<bool>;

    /// Every message `sender` wrote, by conversation and seq.
    async fn messages_by_sender(&mut self, sender: PersonId) -> StoreResult<Vec<Message>>;

    /// Every message `org` owns, by conversation and seq.
    async fn messages_owned_by(&mut self, org: OrgId) -> StoreResult<Vec<Message>>;

    /// The newest message with `seq >= window.seq` of each window's conversation.
    async fn newest_messages(&mut self, windows: &[SeqWindow]) -> StoreResult<Vec<Message>>;

    /// Per window, the messages after `window.seq` written by someone other
    /// than `viewer` (system notes have no sender and don't count).
    async fn unread_counts(
        &mut self,
        windows: &[SeqWindow],
        viewer: PersonId,
    ) -> StoreResult<Vec<(ConversationId, u64)>>;

    /// Inserts an attachment row.
    async fn insert_attachment(&mut self, new: &NewAttachment<'_>) -> StoreResult<AttachmentId>;

    /// A new row in `conversation`, under its own unique `storage_key`, for
    /// the bytes of `source` (a forward).
    async fn copy_attachment(
        &mut self,
        source: AttachmentId,
        conversation: ConversationId,
        uploader: PersonId,
        storage_key: &str,
        at: Millis,
    ) -> StoreResult<AttachmentId>;

    /// An attachment row.
    async fn attachment(&mut self, id: AttachmentId) -> StoreResult<Option<AttachmentRow>>;

    /// Up to `limit` attachments uploaded before `before` that no message
    /// carries and no organization's record keeps, oldest first, with the
    /// key of their bytes.
    async fn unsent_attachments(&mut self, before: Millis, limit: u32) -> StoreResult<Vec<(AttachmentId, String)>>;

    /// Deletes an attachment row.
    async fn delete_attachment(&mut self, id: AttachmentId) -> StoreResult<()>;

    /// Whether any attachment row uses the bytes at `file_key`.
    async fn bytes_in_use(&mut self, file_key: &str) -> StoreResult<bool>;
}
