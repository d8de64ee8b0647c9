//! The storage the digests need, behind a trait like every other store
//! area; [`crate::store::SqliteStore`] implements it in `mail/sqlite.rs`.

use async_trait::async_trait;
use lettre::message::Mailbox;
use samtal_core::Millis;

use crate::store::StoreResult;

/// What the decision needs besides the data.
#[derive(Debug, Clone)]
pub struct DigestSettings {
    /// The base of links, without a trailing slash.
    pub public_url: String,
    /// The delay for people who did not pick one, and for entries not on Samtal yet.
    pub default_delay_ms: Millis,
    /// The sender written into the message.
    pub from: Mailbox,
    /// The right-hand side of Message-IDs.
    pub domain: String,
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

/// Digests' storage (rule 12).
#[async_trait]
pub trait MailStore: Send + Sync {
    /// Decides every digest due at `now`: for each recipient whose unread
    /// messages in org conversations are past their delay, and who got no
    /// digest within the delay, one outbox row with the finished message,
    /// written in one transaction together with each member row's new
    /// `mailed_seq`. Returns the new outbox rows' ids.
    async fn decide_digests(&self, settings: &DigestSettings, now: Millis) -> StoreResult<Vec<i64>>;

    /// Pending digests whose next attempt is due at `now`, oldest first.
    async fn due_mail(&self, now: Millis, limit: u32) -> StoreResult<Vec<OutboxMail>>;

    /// Whether a pending digest is still wanted right before sending: some of
    /// its messages are still unread by a member who still belongs to the
    /// conversation, the organization still sends digests, and the person
    /// has not turned e-mails off meanwhile.
    async fn still_wanted(&self, id: i64) -> StoreResult<bool>;

    /// Records what became of a send attempt.
    async fn record_outcome(&self, id: i64, outcome: &Outcome, now: Millis) -> StoreResult<()>;
}
