//! Each person's event stream: reading it by cursor, and waking the live
//! streams after a commit.

use samtal_core::events::{Event, EventEnvelope};
use samtal_core::{EventId, PersonId};
use tokio::sync::watch;

use super::Domain;
use super::support::append;
use crate::error::AppResult;

impl Domain {
    /// Up to `limit` events of `person` after `since`, oldest first.
    pub async fn events_since(&self, person: PersonId, since: EventId, limit: u32) -> AppResult<Vec<EventEnvelope>> {
        Ok(self.read().await?.events_since(person, since, limit).await?)
    }

    /// The newest event id of `person` (0 if none): where a fresh client starts.
    pub async fn latest_event_id(&self, person: PersonId) -> AppResult<EventId> {
        Ok(self.read().await?.latest_event_id(person).await?)
    }

    /// Ticks after every commit; streams re-read their person's events then.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.hub.subscribe()
    }

    /// Appends `event` to each recipient's stream in a transaction of its own
    /// and wakes the live streams. Changes append inside their own
    /// transactions; this is for tools and tests that only need events to exist.
    pub async fn append_events(&self, recipients: &[PersonId], event: &Event) -> AppResult<()> {
        let mut tx = self.write().await?;
        append(tx.as_mut(), recipients, event).await?;
        self.commit(tx).await
    }
}
