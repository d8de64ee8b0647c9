//! [`EventRows`] on PostgreSQL: ids come from an identity column, and write
//! transactions are serialized, so ids rise in commit order.

use async_trait::async_trait;
use samtal_core::events::{Event, EventEnvelope};
use samtal_core::{EventId, Millis, PersonId};

use super::PgTx;
use crate::store::StoreResult;
use crate::store::decode;
use crate::store::events::EventRows;

#[async_trait]
impl EventRows for PgTx {
    async fn append_event(&mut self, recipients: &[PersonId], event: &Event, at: Millis) -> StoreResult<()> {
        let payload = serde_json::to_string(event)?;
        for person in recipients {
            sqlx::query("INSERT INTO events (person_id, at, payload) VALUES ($1, $2, $3)")
                .bind(person.0)
                .bind(at)
                .bind(&payload)
                .execute(self.conn())
                .await?;
        }
        Ok(())
    }

    async fn events_since(&mut self, person: PersonId, since: EventId, limit: u32) -> StoreResult<Vec<EventEnvelope>> {
        let rows =
            sqlx::query("SELECT id, at, payload FROM events WHERE person_id = $1 AND id > $2 ORDER BY id LIMIT $3")
                .bind(person.0)
                .bind(since.0)
                .bind(i64::from(limit))
                .fetch_all(self.conn())
                .await?;
        decode::all(&rows, decode::event)
    }

    async fn latest_event_id(&mut self, person: PersonId) -> StoreResult<EventId> {
        let id: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM events WHERE person_id = $1")
            .bind(person.0)
            .fetch_one(self.conn())
            .await?;
        Ok(EventId(id.unwrap_or(0)))
    }
}
