//! Messages, read markers, attachments and exports.
//!
//! Every operation takes the [`Viewer`] and decides access with
//! `samtal_core::rules` inside its own transaction, so a verdict and the
//! write it allows see the same state. The signatures use the wire types of
//! `samtal_core::api` and plain values only.

use async_trait::async_trait;
use samtal_core::api::{Attachment, ComplianceExport, Message, MessagePage, Person, PersonalExport, SendMessage};
use samtal_core::rules::Viewer;
use samtal_core::{AttachmentId, ConversationId, OrgId};

use crate::store::StoreResult;

/// Messages, read markers, attachments and exports.
#[async_trait]
pub trait MessageStore: Send + Sync {
    /// A page of the messages the viewer may read, oldest first, with every
    /// member's read marker: the newest `limit`, or those below `before`
    /// (scrolling up), or those above `after` (catching up). Not a member:
    /// `NotFound`; closed to the viewer: the reason (rule 9).
    async fn messages(
        &self,
        viewer: &Viewer,
        conversation: ConversationId,
        after: Option<i64>,
        before: Option<i64>,
        limit: u32,
    ) -> StoreResult<MessagePage>;

    /// Sends a message (text, attachment or forward) as the viewer, stamped
    /// with its owner now (rule 4); the text is already validated. Returns
    /// the message and whether it is new: repeating a `client_id` returns the
    /// stored message unchanged, also when the repeats race.
    async fn send_message(
        &self,
        viewer: &Viewer,
        conversation: ConversationId,
        message: SendMessage,
    ) -> StoreResult<(Message, bool)>;

    /// Moves the viewer's read marker forward to `seq` (never back) and tells
    /// the members. A seq beyond the newest message is `InvalidInput`.
    async fn mark_read(&self, viewer: &Viewer, conversation: ConversationId, seq: i64) -> StoreResult<()>;

    /// Whether the viewer may upload to the conversation now: asked before
    /// the bytes are read, so strangers can't fill the disk.
    async fn check_upload(&self, viewer: &Viewer, conversation: ConversationId) -> StoreResult<()>;

    /// Records a file already written and synced under the attachments
    /// directory as `file_key`, checking access again.
    async fn add_attachment(
        &self,
        viewer: &Viewer,
        conversation: ConversationId,
        mime: &str,
        name: &str,
        size: u64,
        file_key: &str,
    ) -> StoreResult<Attachment>;

    /// An attachment the viewer may download, with its file name under the
    /// attachments directory: they can read its message (or uploaded it and
    /// have not sent it yet) and the conversation's policy allows sharing
    /// (rule 8).
    async fn attachment_file(&self, viewer: &Viewer, id: AttachmentId) -> StoreResult<(Attachment, String)>;

    /// Rule 11: the person's contacts and the messages they wrote, without
    /// those an organization's `allow_share` keeps.
    async fn personal_export(&self, person: &Person) -> StoreResult<PersonalExport>;

    /// Rule 11: every message `org` owns, for its admins; audited.
    async fn compliance_export(&self, viewer: &Viewer, org: OrgId) -> StoreResult<ComplianceExport>;
}
