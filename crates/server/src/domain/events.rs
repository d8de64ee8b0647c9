//! Each person's event stream: reading it by cursor, and waking the live
//! streams after a commit.

use samtal_core::events::{Event, EventEnvelope};
use samtal_core::{EventId, PersonId};

use super::Domain;
use super::hub::Subscription;
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

    /// The identity of this database: the same on every instance serving it.
    pub async fn installation_id(&self) -> AppResult<String> {
        Ok(self.read().await?.installation_id().await?)
    }

    /// Registers a live stream of `person` with the hub: it hears of every
    /// event of theirs committed from now on (see [`super::hub`]).
    pub fn subscribe(&self, person: PersonId) -> Subscription {
        self.hub.subscribe(person)
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
