//! Each person's event log: one row per recipient; its id is the cursor.

use async_trait::async_trait;
use samtal_core::events::{Event, EventEnvelope};
use samtal_core::{EventId, Millis, PersonId};

use super::StoreResult;

/// Rows of the event log.
#[async_trait]
pub trait EventRows: Send {
    /// Appends `event` to each of `recipients`' streams, in that order. Ids
    /// rise in commit order, so a reader resuming from a cursor misses nothing.
    async fn append_event(&mut self, recipients: &[PersonId], event: &Event, at: Millis) -> StoreResult<()>;

    /// Up to `limit` events of `person` after `since`, oldest first.
    async fn events_since(&mut self, person: PersonId, since: EventId, limit: u32) -> StoreResult<Vec<EventEnvelope>>;

    /// The newest event id of `person` (0 if none).
    async fn latest_event_id(&mut self, person: PersonId) -> StoreResult<EventId>;
}
