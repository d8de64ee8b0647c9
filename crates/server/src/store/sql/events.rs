//! [`EventRows`] on either backend. Ids never repeat: SQLite's
//! `AUTOINCREMENT` skips an id whose row was deleted, PostgreSQL's identity
//! column draws from a sequence; and write transactions are serialized, so
//! ids rise in commit order.

use std::sync::Arc;

use async_trait::async_trait;
use samtal_core::events::{Event, EventEnvelope};
use samtal_core::{EventId, MessageId, Millis, PersonId};

use super::{SqlTx, dialect};
use crate::store::Appended;
use crate::store::StoreResult;
use crate::store::decode;
use crate::store::events::{EventRows, appended_rows};

/// The message an event shows, which an edit or deletion rewrites.
fn shown_message(event: &Event) -> Option<MessageId> {
    match event {
        Event::MessageCreated { message } | Event::MessageChanged { message } => Some(message.id),
        _ => None,
    }
}

#[async_trait]
impl EventRows for SqlTx {
    async fn append_event(&mut self, recipients: &[PersonId], event: &Event, at: Millis) -> StoreResult<()> {
        if recipients.is_empty() {
            return Ok(());
        }
        let payload: Arc<str> = serde_json::to_string(event)?.into();
        if self.committed.events.is_empty() {
            self.committed.after = self.newest_event_id().await?;
        }
        // One statement for every recipient: a group's fan-out costs one
        // round trip, not one per member.
        let sql = format!(
            "INSERT INTO events (person_id, at, payload, message_id)
             SELECT r.id, $2, $3, $4 FROM {} ORDER BY r.n
             RETURNING person_id, id",
            dialect::numbered_ids(1)
        );
        let rows: Vec<(i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(dialect::id_list(recipients.iter().map(|p| p.0))?)
            .bind(at)
            .bind(payload.as_ref())
            .bind(shown_message(event).map(|m| m.0))
            .fetch_all(self.conn())
            .await?;
        let ids = rows.into_iter().map(|(person, id)| (PersonId(person), EventId(id))).collect();
        self.committed.record(ids, at, &payload);
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

    async fn newest_event_id(&mut self) -> StoreResult<EventId> {
        let id: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM events").fetch_one(self.conn()).await?;
        Ok(EventId(id.unwrap_or(0)))
    }

    async fn events_between(
        &mut self,
        after: EventId,
        through: EventId,
        people: &[PersonId],
    ) -> StoreResult<Vec<Appended>> {
        let sql = format!(
            "SELECT person_id, id, at, payload FROM events
             WHERE id > $1 AND id <= $2 AND person_id {} ORDER BY id",
            dialect::in_ids(3)
        );
        let rows: Vec<(i64, i64, Millis, String)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(after.0)
            .bind(through.0)
            .bind(dialect::id_list(people.iter().map(|p| p.0))?)
            .fetch_all(self.conn())
            .await?;
        Ok(appended_rows(rows))
    }

    async fn recipients_after(&mut self, after: EventId, limit: u32) -> StoreResult<Vec<(PersonId, EventId)>> {
        let rows: Vec<(i64, i64)> =
            sqlx::query_as("SELECT person_id, id FROM events WHERE id > $1 ORDER BY id LIMIT $2")
                .bind(after.0)
                .bind(i64::from(limit))
                .fetch_all(self.conn())
                .await?;
        Ok(rows.into_iter().map(|(person, id)| (PersonId(person), EventId(id))).collect())
    }

    async fn events_showing(&mut self, messages: &[MessageId]) -> StoreResult<Vec<(EventId, String)>> {
        if messages.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!("SELECT id, payload FROM events WHERE message_id {} ORDER BY id", dialect::in_ids(1));
        let rows: Vec<(i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(dialect::id_list(messages.iter().map(|m| m.0))?)
            .fetch_all(self.conn())
            .await?;
        Ok(rows.into_iter().map(|(id, payload)| (EventId(id), payload)).collect())
    }

    async fn rewrite_event(&mut self, id: EventId, payload: &str) -> StoreResult<()> {
        sqlx::query("UPDATE events SET payload = $1 WHERE id = $2")
            .bind(payload)
            .bind(id.0)
            .execute(self.conn())
            .await?;
        Ok(())
    }
}
