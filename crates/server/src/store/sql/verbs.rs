//! [`VerbRows`] on either backend.

use async_trait::async_trait;
use samtal_core::api::{DeletedBy, Person, RecordEntry};
use samtal_core::{MessageId, Millis, OrgId, PersonId};

use super::{SqlTx, dialect};
use crate::store::StoreResult;
use crate::store::decode::{self, Columns};
use crate::store::verbs::{NewRecord, ReactionRow, VerbRows};

#[async_trait]
impl VerbRows for SqlTx {
    async fn set_text(&mut self, message: MessageId, text: &str, at: Millis) -> StoreResult<()> {
        sqlx::query("UPDATE messages SET text = $1, edited_at = $2 WHERE id = $3")
            .bind(text)
            .bind(at)
            .bind(message.0)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    async fn mark_deleted(&mut self, message: MessageId, by: DeletedBy, at: Millis) -> StoreResult<()> {
        let by = match by {
            DeletedBy::Sender => "sender",
            DeletedBy::Admin => "admin",
        };
        sqlx::query(
            "UPDATE messages SET text = NULL, comment = NULL, attachment_id = NULL, deleted_at = $1, deleted_by = $2
             WHERE id = $3",
        )
        .bind(at)
        .bind(by)
        .bind(message.0)
        .execute(self.conn())
        .await?;
        sqlx::query("DELETE FROM message_reactions WHERE message_id = $1").bind(message.0).execute(self.conn()).await?;
        Ok(())
    }

    async fn insert_record(&mut self, new: NewRecord<'_>) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO message_record (message_id, org_id, action, by_person_id, text, comment, attachment_id, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(new.message.0)
        .bind(new.org.0)
        .bind(new.action)
        .bind(new.by.0)
        .bind(new.text)
        .bind(new.comment)
        .bind(new.attachment.map(|a| a.0))
        .bind(new.at)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    async fn add_reaction(
        &mut self,
        message: MessageId,
        person: PersonId,
        emoji: &str,
        at: Millis,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "INSERT INTO message_reactions (message_id, person_id, emoji, at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (message_id, person_id, emoji) DO NOTHING",
        )
        .bind(message.0)
        .bind(person.0)
        .bind(emoji)
        .bind(at)
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn remove_reaction(&mut self, message: MessageId, person: PersonId, emoji: &str) -> StoreResult<bool> {
        let done = sqlx::query("DELETE FROM message_reactions WHERE message_id = $1 AND person_id = $2 AND emoji = $3")
            .bind(message.0)
            .bind(person.0)
            .bind(emoji)
            .execute(self.conn())
            .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn emoji_count(&mut self, message: MessageId) -> StoreResult<u32> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT emoji) FROM message_reactions WHERE message_id = $1")
            .bind(message.0)
            .fetch_one(self.conn())
            .await?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    async fn reactions(&mut self, messages: &[MessageId]) -> StoreResult<Vec<ReactionRow>> {
        if messages.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT r.message_id, r.emoji, r.at, p.id, p.handle, p.display_name
             FROM message_reactions r JOIN persons p ON p.id = r.person_id
             WHERE r.message_id {} ORDER BY r.message_id, r.at, r.person_id, r.emoji",
            dialect::in_ids(1)
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(dialect::id_list(messages.iter().map(|m| m.0))?)
            .fetch_all(self.conn())
            .await?;
        decode::all(&rows, |row| {
            Ok(ReactionRow {
                message: MessageId(row.int("message_id")?),
                emoji: row.text("emoji")?,
                person: Person {
                    id: PersonId(row.int("id")?),
                    handle: row.text("handle")?,
                    display_name: row.text("display_name")?,
                },
                at: row.int("at")?,
            })
        })
    }

    async fn hide_message(&mut self, person: PersonId, message: MessageId) -> StoreResult<()> {
        sqlx::query("INSERT INTO hidden_messages (person_id, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(person.0)
            .bind(message.0)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    async fn replies_to(&mut self, message: MessageId) -> StoreResult<Vec<MessageId>> {
        let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM messages WHERE reply_to = $1 ORDER BY id")
            .bind(message.0)
            .fetch_all(self.conn())
            .await?;
        Ok(ids.into_iter().map(MessageId).collect())
    }

    async fn record(&mut self, org: OrgId) -> StoreResult<Vec<RecordEntry>> {
        let rows = sqlx::query(
            "SELECT r.message_id, m.conversation_id, m.seq, r.action, r.text, r.comment, r.at,
                    p.id AS person_id, p.handle, p.display_name,
                    a.id AS a_id, a.kind AS a_kind, a.mime AS a_mime, a.name AS a_name, a.size AS a_size
             FROM message_record r
             JOIN messages m ON m.id = r.message_id
             LEFT JOIN persons p ON p.id = r.by_person_id
             LEFT JOIN attachments a ON a.id = r.attachment_id
             WHERE r.org_id = $1 ORDER BY r.id",
        )
        .bind(org.0)
        .fetch_all(self.conn())
        .await?;
        decode::all(&rows, decode::record_entry)
    }
}
