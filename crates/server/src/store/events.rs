//! Each person's event log: one row per recipient; its id is the cursor.

use std::sync::Arc;

use async_trait::async_trait;
use samtal_core::events::{Event, EventEnvelope};
use samtal_core::{EventId, MessageId, Millis, PersonId};

use super::StoreResult;

/// One event a transaction appended, as the live streams push it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appended {
    /// Whose stream it is in.
    pub person: PersonId,
    /// Its id: the recipient's cursor after it.
    pub id: EventId,
    /// When it happened.
    pub at: Millis,
    /// The event as JSON, shared by every recipient of one append.
    pub payload: Arc<str>,
}

/// What a committed transaction appended to the event log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Committed {
    /// The newest event id in the log when the transaction first appended:
    /// every event up to it had committed before this transaction's.
    pub after: EventId,
    /// The events, in id order.
    pub events: Vec<Appended>,
}

impl Default for Committed {
    fn default() -> Self {
        Self { after: EventId(0), events: Vec::new() }
    }
}

impl Committed {
    /// Notes the events of one append (`after` is read before the first).
    pub fn record(&mut self, mut ids: Vec<(PersonId, EventId)>, at: Millis, payload: &Arc<str>) {
        // RETURNING promises no order; each append's ids follow the last one's.
        ids.sort_by_key(|(_, id)| *id);
        self.events.extend(ids.into_iter().map(|(person, id)| Appended { person, id, at, payload: payload.clone() }));
    }
}

/// Appended events from `(person, id, at, payload)` rows in id order, the
/// recipients of one append sharing its payload.
pub(crate) fn appended_rows(rows: Vec<(i64, i64, Millis, String)>) -> Vec<Appended> {
    let mut shared: Option<Arc<str>> = None;
    rows.into_iter()
        .map(|(person, id, at, payload)| {
            let payload = match &shared {
                Some(same) if **same == *payload => same.clone(),
                _ => shared.insert(Arc::from(payload)).clone(),
            };
            Appended { person: PersonId(person), id: EventId(id), at, payload }
        })
        .collect()
}

/// Rows of the event log.
#[async_trait]
pub trait EventRows: Send {
    /// Appends `event` to each of `recipients`' streams (each recipient
    /// once). Ids rise in commit order, so a reader resuming from a cursor
    /// misses nothing. The transaction remembers what it appended and
    /// answers it from [`crate::store::Tx::commit`].
    async fn append_event(&mut self, recipients: &[PersonId], event: &Event, at: Millis) -> StoreResult<()>;

    /// Up to `limit` events of `person` after `since`, oldest first.
    async fn events_since(&mut self, person: PersonId, since: EventId, limit: u32) -> StoreResult<Vec<EventEnvelope>>;

    /// The newest event id of `person` (0 if none).
    async fn latest_event_id(&mut self, person: PersonId) -> StoreResult<EventId>;

    /// The newest event id of anyone (0 if none).
    async fn newest_event_id(&mut self) -> StoreResult<EventId>;

    /// The events with ids in `(after, through]` of any of `people`, in id
    /// order: another instance's commit, read back for the streams here.
    async fn events_between(
        &mut self,
        after: EventId,
        through: EventId,
        people: &[PersonId],
    ) -> StoreResult<Vec<Appended>>;

    /// Up to `limit` events of anyone after `after`, as recipient and id,
    /// oldest first: what a poll of the log needs to wake streams.
    async fn recipients_after(&mut self, after: EventId, limit: u32) -> StoreResult<Vec<(PersonId, EventId)>>;

    /// Every stored event that shows one of `messages` (a message created
    /// or changed), with its payload, oldest first.
    async fn events_showing(&mut self, messages: &[MessageId]) -> StoreResult<Vec<(EventId, String)>>;

    /// Replaces a stored event's payload: what an edit or deletion leaves
    /// of the message it shows.
    async fn rewrite_event(&mut self, id: EventId, payload: &str) -> StoreResult<()>;
}
