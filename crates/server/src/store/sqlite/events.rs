//! The event log on SQLite: one row per recipient, the row id is the cursor.

use async_trait::async_trait;
use samtal_core::events::{Event, EventEnvelope};
use samtal_core::{EventId, PersonId};
use sqlx::{Row, SqliteConnection};
use tokio::sync::watch;

use super::SqliteStore;
use crate::store::{EventStore, StoreResult};
use crate::time::now_ms;

/// Appends `event` to each recipient's stream inside the caller's transaction.
/// Commit with [`SqliteStore::commit`] so open streams wake up.
pub(crate) async fn append(conn: &mut SqliteConnection, recipients: &[PersonId], event: &Event) -> StoreResult<()> {
    let payload = serde_json::to_string(event)?;
    let at = now_ms();
    let mut seen = std::collections::HashSet::new();
    for person in recipients {
        if !seen.insert(*person) {
            continue;
        }
        sqlx::query("INSERT INTO events (person_id, at, payload) VALUES (?, ?, ?)")
            .bind(person.0)
            .bind(at)
            .bind(&payload)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

impl SqliteStore {
    /// Appends `event` to each recipient's stream in a transaction of its own
    /// and wakes the live streams. Domain operations append inside their own
    /// transactions with [`append`]; this is for tools and tests that only
    /// need events to exist.
    pub async fn append_events(&self, recipients: &[PersonId], event: &Event) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        append(&mut tx, recipients, event).await?;
        self.commit(tx).await
    }
}

#[async_trait]
impl EventStore for SqliteStore {
    async fn events_since(&self, person: PersonId, since: EventId, limit: u32) -> StoreResult<Vec<EventEnvelope>> {
        let rows = sqlx::query("SELECT id, at, payload FROM events WHERE person_id = ? AND id > ? ORDER BY id LIMIT ?")
            .bind(person.0)
            .bind(since.0)
            .bind(i64::from(limit))
            .fetch_all(self.pool())
            .await?;
        let mut events = Vec::with_capacity(rows.len());
        for row in rows {
            let payload: String = row.try_get("payload")?;
            events.push(EventEnvelope {
                id: EventId(row.try_get("id")?),
                at: row.try_get("at")?,
                event: serde_json::from_str(&payload)?,
            });
        }
        Ok(events)
    }

    async fn latest_event_id(&self, person: PersonId) -> StoreResult<EventId> {
        let id: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM events WHERE person_id = ?")
            .bind(person.0)
            .fetch_one(self.pool())
            .await?;
        Ok(EventId(id.unwrap_or(0)))
    }

    fn subscribe(&self) -> watch::Receiver<u64> {
        self.hub().subscribe()
    }
}
