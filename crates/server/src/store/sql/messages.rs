//! [`MessageRows`] on either backend.

use async_trait::async_trait;
use samtal_core::api::Message;
use samtal_core::{AttachmentId, ConversationId, MessageId, Millis, OrgId, PersonId};

use super::{SqlTx, dialect};
use crate::store::StoreResult;
use crate::store::decode::{self, Columns, MESSAGE_SELECT};
use crate::store::messages::MessageRows;
use crate::store::rows::{AttachmentRow, NewAttachment, NewMessageRow, SeqWindow};

/// Windows as a JSON array of `[conversation, seq]` pairs, for
/// [`dialect::WINDOW_ROWS`].
fn windows_json(windows: &[SeqWindow]) -> StoreResult<String> {
    let pairs: Vec<[i64; 2]> = windows.iter().map(|w| [w.conversation.0, w.seq]).collect();
    Ok(serde_json::to_string(&pairs)?)
}

impl SqlTx {
    /// Messages from [`MESSAGE_SELECT`] with `filter`, by conversation and seq.
    async fn messages_where(&mut self, filter: &str, id: i64) -> StoreResult<Vec<Message>> {
        let sql = format!("{MESSAGE_SELECT} WHERE {filter} ORDER BY m.conversation_id, m.seq");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_all(self.conn()).await?;
        decode::all(&rows, decode::message)
    }
}

#[async_trait]
impl MessageRows for SqlTx {
    async fn insert_message(&mut self, new: &NewMessageRow) -> StoreResult<MessageId> {
        let system = new.system.as_ref().map(serde_json::to_string).transpose()?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO messages (conversation_id, seq, sender_id, kind, text, attachment_id, system, client_id,
                                   forward_of, comment, owner_org_id, sent_at, reply_to)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(new.conversation.0)
        .bind(new.seq)
        .bind(new.sender.map(|p| p.0))
        .bind(decode::message_kind_tag(new.kind))
        .bind(&new.text)
        .bind(new.attachment.map(|a| a.0))
        .bind(system)
        .bind(&new.client_id)
        .bind(new.forward_of.map(|m| m.0))
        .bind(&new.comment)
        .bind(new.owner_org.map(|o| o.0))
        .bind(new.sent_at)
        .bind(new.reply_to.map(|m| m.0))
        .fetch_one(self.conn())
        .await?;
        Ok(MessageId(id))
    }

    async fn message(&mut self, id: MessageId) -> StoreResult<Option<Message>> {
        let sql = format!("{MESSAGE_SELECT} WHERE m.id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.0).fetch_optional(self.conn()).await?;
        row.as_ref().map(decode::message).transpose()
    }

    async fn message_by_client_id(
        &mut self,
        conversation: ConversationId,
        sender: PersonId,
        client_id: &str,
    ) -> StoreResult<Option<Message>> {
        let sql = format!("{MESSAGE_SELECT} WHERE m.conversation_id = $1 AND m.sender_id = $2 AND m.client_id = $3");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(conversation.0)
            .bind(sender.0)
            .bind(client_id)
            .fetch_optional(self.conn())
            .await?;
        row.as_ref().map(decode::message).transpose()
    }

    async fn messages_between(
        &mut self,
        conversation: ConversationId,
        low: i64,
        high: i64,
        newest_first: bool,
        limit: u32,
        viewer: PersonId,
    ) -> StoreResult<Vec<Message>> {
        let order = if newest_first { "DESC" } else { "ASC" };
        let sql = format!(
            "{MESSAGE_SELECT} WHERE m.conversation_id = $1 AND m.seq >= $2 AND m.seq < $3
               AND NOT EXISTS (SELECT 1 FROM hidden_messages h WHERE h.person_id = $5 AND h.message_id = m.id)
             ORDER BY m.seq {order} LIMIT $4"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(conversation.0)
            .bind(low)
            .bind(high)
            .bind(i64::from(limit))
            .bind(viewer.0)
            .fetch_all(self.conn())
            .await?;
        decode::all(&rows, decode::message)
    }

    async fn any_message_between(&mut self, conversation: ConversationId, from: i64, to: i64) -> StoreResult<bool> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT CAST(1 AS BIGINT) FROM messages WHERE conversation_id = $1 AND seq >= $2 AND seq <= $3 LIMIT 1",
        )
        .bind(conversation.0)
        .bind(from)
        .bind(to)
        .fetch_optional(self.conn())
        .await?;
        Ok(found.is_some())
    }

    async fn messages_by_sender(&mut self, sender: PersonId) -> StoreResult<Vec<Message>> {
        self.messages_where("m.sender_id = $1", sender.0).await
    }

    async fn messages_owned_by(&mut self, org: OrgId) -> StoreResult<Vec<Message>> {
        self.messages_where("m.owner_org_id = $1", org.0).await
    }

    async fn newest_messages(&mut self, windows: &[SeqWindow]) -> StoreResult<Vec<Message>> {
        if windows.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "WITH v(cid, from_seq) AS ({windows})
             {MESSAGE_SELECT}
             WHERE m.id IN (SELECT (SELECT x.id FROM messages x WHERE x.conversation_id = v.cid AND x.seq >= v.from_seq
                                    ORDER BY x.seq DESC LIMIT 1) FROM v)",
            windows = dialect::WINDOW_ROWS
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(windows_json(windows)?).fetch_all(self.conn()).await?;
        decode::all(&rows, decode::message)
    }

    async fn unread_counts(
        &mut self,
        windows: &[SeqWindow],
        viewer: PersonId,
    ) -> StoreResult<Vec<(ConversationId, u64)>> {
        if windows.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "WITH v(cid, after_seq) AS ({windows})
             SELECT v.cid AS cid, COUNT(x.id) AS n FROM v
             JOIN messages x ON x.conversation_id = v.cid AND x.seq > v.after_seq
             WHERE x.sender_id IS NOT NULL AND x.sender_id <> $2
             GROUP BY v.cid",
            windows = dialect::WINDOW_ROWS
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(windows_json(windows)?)
            .bind(viewer.0)
            .fetch_all(self.conn())
            .await?;
        decode::all(&rows, |r| Ok((ConversationId(r.int("cid")?), r.int("n")?.max(0).unsigned_abs())))
    }

    async fn insert_attachment(&mut self, new: &NewAttachment<'_>) -> StoreResult<AttachmentId> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO attachments (conversation_id, uploader_id, kind, mime, name, size, storage_key, file_key,
                                      created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8) RETURNING id",
        )
        .bind(new.conversation.0)
        .bind(new.uploader.0)
        .bind(new.kind)
        .bind(new.mime)
        .bind(new.name)
        .bind(new.size)
        .bind(new.file_key)
        .bind(new.at)
        .fetch_one(self.conn())
        .await?;
        Ok(AttachmentId(id))
    }

    async fn copy_attachment(
        &mut self,
        source: AttachmentId,
        conversation: ConversationId,
        uploader: PersonId,
        storage_key: &str,
        at: Millis,
    ) -> StoreResult<AttachmentId> {
        // `storage_key` is unique per row; the bytes are shared through `file_key`.
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO attachments (conversation_id, uploader_id, kind, mime, name, size, storage_key, file_key,
                                      created_at)
             SELECT $1, $2, kind, mime, name, size, $3, COALESCE(file_key, storage_key), $4 FROM attachments WHERE id = $5
             RETURNING id",
        )
        .bind(conversation.0)
        .bind(uploader.0)
        .bind(storage_key)
        .bind(at)
        .bind(source.0)
        .fetch_one(self.conn())
        .await?;
        Ok(AttachmentId(id))
    }

    async fn attachment(&mut self, id: AttachmentId) -> StoreResult<Option<AttachmentRow>> {
        let row = sqlx::query(
            "SELECT a.conversation_id, a.uploader_id, a.kind, a.mime, a.name, a.size,
                    COALESCE(a.file_key, a.storage_key) AS file, m.seq AS message_seq,
                    EXISTS (SELECT 1 FROM message_record r WHERE r.attachment_id = a.id) AS recorded
             FROM attachments a LEFT JOIN messages m ON m.attachment_id = a.id WHERE a.id = $1",
        )
        .bind(id.0)
        .fetch_optional(self.conn())
        .await?;
        row.as_ref().map(decode::attachment).transpose()
    }

    async fn unsent_attachments(&mut self, before: Millis, limit: u32) -> StoreResult<Vec<(AttachmentId, String)>> {
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT a.id, COALESCE(a.file_key, a.storage_key) FROM attachments a
             WHERE a.created_at < $1 AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.attachment_id = a.id)
               AND NOT EXISTS (SELECT 1 FROM message_record r WHERE r.attachment_id = a.id)
             ORDER BY a.id LIMIT $2",
        )
        .bind(before)
        .bind(i64::from(limit))
        .fetch_all(self.conn())
        .await?;
        Ok(rows.into_iter().map(|(id, key)| (AttachmentId(id), key)).collect())
    }

    async fn delete_attachment(&mut self, id: AttachmentId) -> StoreResult<()> {
        sqlx::query("DELETE FROM attachments WHERE id = $1").bind(id.0).execute(self.conn()).await?;
        Ok(())
    }

    async fn bytes_in_use(&mut self, file_key: &str) -> StoreResult<bool> {
        // The bytes of a row are its file_key, or its storage_key where an
        // older row has none (both indexed).
        Ok(sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM attachments
                            WHERE file_key = $1 OR (file_key IS NULL AND storage_key = $2))",
        )
        .bind(file_key)
        .bind(file_key)
        .fetch_one(self.conn())
        .await?)
    }
}
