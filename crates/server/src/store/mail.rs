//! The rows missed-message digests need (rule 12): who missed what, and the outbox.

use async_trait::async_trait;
use samtal_core::rules::ConversationFacts;
use samtal_core::{ConversationId, Millis, OrgId};

use super::StoreResult;

/// A directory entry's membership in an org conversation with messages past
/// both its read marker and its mailed marker.
#[derive(Debug, Clone)]
pub struct DigestCandidate {
    /// The member row.
    pub member_id: i64,
    /// The conversation.
    pub conversation: ConversationId,
    /// Its facts (it has an owner).
    pub facts: ConversationFacts,
    /// A group's title.
    pub title: Option<String>,
    /// The member's read marker.
    pub read_seq: i64,
    /// The seq they joined at.
    pub joined_seq: i64,
    /// Mailed up to here.
    pub mailed_seq: i64,
    /// The owner organization's name.
    pub org_name: String,
    /// The directory entry.
    pub entry: i64,
    /// Its work e-mail.
    pub email: String,
    /// Its name.
    pub entry_name: String,
    /// The person signed in to it.
    pub person: Option<i64>,
    /// That person's e-mail switch.
    pub email_enabled: Option<bool>,
    /// That person's delay.
    pub email_delay_minutes: Option<i64>,
    /// That person's language (`en`, `sv`), if they chose one.
    pub language: Option<String>,
}

/// The messages of one sender in a missed range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissedSender {
    /// Their name (in the owner's directory if there, else on Samtal).
    pub name: String,
    /// The seq of their first one.
    pub first_seq: i64,
    /// How many.
    pub count: u64,
    /// When the newest was sent.
    pub newest_at: Millis,
}

/// One missed message as a digest line shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissedLine {
    /// Who wrote it.
    pub sender: String,
    /// `text` or `attachment`.
    pub kind: String,
    /// Its text.
    pub text: Option<String>,
    /// Its attachment's kind.
    pub attachment_kind: Option<String>,
    /// Its attachment's file name.
    pub attachment_name: Option<String>,
}

/// Which missed messages: in `conversation`, `after < seq <= up_to`, not
/// system notes, not written by `me`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MissedRange {
    /// The owner organization (senders go by their name in its directory).
    pub org: OrgId,
    /// The conversation.
    pub conversation: ConversationId,
    /// Exclusive lower bound.
    pub after: i64,
    /// Inclusive upper bound.
    pub up_to: i64,
    /// The recipient's person id, if they are on Samtal.
    pub me: Option<i64>,
}

/// A decided digest to write.
#[derive(Debug, Clone)]
pub struct NewOutboxMail<'a> {
    /// The directory entry it goes to.
    pub entry: i64,
    /// The person signed in to it.
    pub person: Option<i64>,
    /// The address.
    pub recipient: &'a str,
    /// Its subject.
    pub subject: &'a str,
    /// Its Message-ID.
    pub message_id: &'a str,
    /// The finished message.
    pub raw: &'a [u8],
    /// `pending` or `failed`.
    pub status: &'a str,
    /// Why it failed, if it did.
    pub error: Option<&'a str>,
    /// Now.
    pub at: Millis,
}

/// What one conversation contributed to a digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewOutboxItem {
    /// The member row.
    pub member_id: i64,
    /// The conversation.
    pub conversation: ConversationId,
    /// First seq mailed.
    pub first_seq: i64,
    /// Last seq mailed.
    pub last_seq: i64,
    /// How many messages.
    pub count: u64,
}

/// An item of a pending digest, as things stand now.
#[derive(Debug, Clone)]
pub struct OutboxItemState {
    /// The last seq it mails.
    pub last_seq: i64,
    /// The member's read marker now.
    pub read_seq: i64,
    /// The conversation's facts now.
    pub facts: ConversationFacts,
    /// The signed-in person's e-mail switch now.
    pub email_enabled: Option<bool>,
}

/// A decided digest waiting to be handed to the relay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMail {
    /// The outbox row.
    pub id: i64,
    /// The work address.
    pub recipient: String,
    /// Its Message-ID.
    pub message_id: String,
    /// The finished message.
    pub raw: Vec<u8>,
    /// Attempts so far.
    pub attempts: i64,
}

/// How a digest row ended, or when to try again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The relay accepted it.
    Sent,
    /// Nobody needs it any more (read, left the conversation, e-mails turned off).
    Obsolete,
    /// Refused for good or given up; the reason is kept.
    Failed(String),
    /// Not sent yet: try again at the given time.
    Retry {
        /// Why it failed this time.
        error: String,
        /// When to try again.
        at: Millis,
    },
}

/// Rows of the digest decision and the outbox.
#[async_trait]
pub trait MailRows: Send {
    /// Every candidate, by entry, then conversation.
    async fn digest_candidates(&mut self) -> StoreResult<Vec<DigestCandidate>>;

    /// When the entry's newest pending or sent digest was decided.
    async fn last_digest_at(&mut self, entry: i64) -> StoreResult<Option<Millis>>;

    /// The newest seq after `after` sent by `cutoff`.
    async fn newest_seq_sent_by(
        &mut self,
        conversation: ConversationId,
        after: i64,
        cutoff: Millis,
    ) -> StoreResult<Option<i64>>;

    /// The senders of a missed range, by their first message.
    async fn missed_senders(&mut self, range: MissedRange) -> StoreResult<Vec<MissedSender>>;

    /// The newest `limit` messages of a missed range, newest first.
    async fn missed_lines(&mut self, range: MissedRange, limit: u32) -> StoreResult<Vec<MissedLine>>;

    /// The name of the first member other than row `member` (a chat's other side).
    async fn other_member_name(&mut self, conversation: ConversationId, member: i64) -> StoreResult<Option<String>>;

    /// Writes an outbox row, answering its id.
    async fn insert_outbox(&mut self, mail: NewOutboxMail<'_>) -> StoreResult<i64>;

    /// Writes a digest's item and moves the member's mailed marker up to its last seq.
    async fn insert_outbox_item(&mut self, outbox: i64, item: NewOutboxItem) -> StoreResult<()>;

    /// Pending digests due at `now`, oldest first.
    async fn due_mail(&mut self, now: Millis, limit: u32) -> StoreResult<Vec<OutboxMail>>;

    /// The items of a digest whose member rows still exist.
    async fn outbox_items(&mut self, outbox: i64) -> StoreResult<Vec<OutboxItemState>>;

    /// Records what became of a pending digest's send attempt.
    async fn record_outcome(&mut self, outbox: i64, outcome: &Outcome, now: Millis) -> StoreResult<()>;
}
