//! Storage behind traits, one per area, with SQLite as the first backend.
//!
//! Each area's trait holds the operations its handlers need, phrased in the
//! domain (`send_message`, `link_work_account`), not in SQL. A write that
//! other people must hear about appends their events in the same
//! transaction, so an acknowledged change and its events are stored together
//! or not at all; after commit the store wakes the event streams.

use async_trait::async_trait;
use samtal_core::events::EventEnvelope;
use samtal_core::{EventId, PersonId};
use tokio::sync::watch;

mod accounts;
mod admin;
mod cache_keys;
mod conversations;
mod messages;
pub mod sqlite;

pub use accounts::AccountStore;
pub use admin::AdminStore;
pub use cache_keys::CacheKeyStore;
pub use conversations::ConversationStore;
pub use messages::MessageStore;
pub use sqlite::SqliteStore;

/// Result of a store operation; errors are [`crate::error::AppError`]s.
pub type StoreResult<T> = Result<T, crate::error::AppError>;

/// A person's event stream.
#[async_trait]
pub trait EventStore: Send + Sync {
    /// Up to `limit` events of `person` after `since`, oldest first.
    async fn events_since(&self, person: PersonId, since: EventId, limit: u32) -> StoreResult<Vec<EventEnvelope>>;

    /// The newest event id of `person` (0 if none): where a fresh client starts.
    async fn latest_event_id(&self, person: PersonId) -> StoreResult<EventId>;

    /// Ticks whenever any event is appended; streams re-read their person's events then.
    fn subscribe(&self) -> watch::Receiver<u64>;
}

/// Everything the server keeps.
pub trait Store:
    AccountStore + AdminStore + CacheKeyStore + ConversationStore + MessageStore + EventStore + Send + Sync + 'static
{
}

impl<
    T: AccountStore + AdminStore + CacheKeyStore + ConversationStore + MessageStore + EventStore + Send + Sync + 'static,
> Store for T
{
}
