//! [`MailRows`] on either backend.

use async_trait::async_trait;
use samtal_core::{ConversationId, Millis};

use super::{SqlTx, dialect};
use crate::store::StoreResult;
use crate::store::decode::{self, Columns};
use crate::store::mail::{
    DigestCandidate, MailRows, MissedLine, MissedRange, MissedSender, NewOutboxItem, NewOutboxMail, OutboxItemState,
    OutboxMail, Outcome,
};

/// Digest candidates (see [`MailRows::digest_candidates`]), past the larger
/// marker `{past}`.
const CANDIDATES: &str = "
    SELECT m.id AS member_id, m.conversation_id, m.read_seq, m.joined_seq,
           COALESCE(mp.mailed_seq, 0) AS mailed_seq,
           c.kind, c.title, c.group_policies, c.owner_org_id,
           o.name AS org_name, o.enabled AS org_enabled, o.tenant_policies,
           d.id AS entry_id, d.email, d.display_name AS entry_name, d.person_id,
           pe.email_enabled, pe.email_delay_minutes, pe.language
    FROM conversation_members m
    JOIN conversations c ON c.id = m.conversation_id
    JOIN orgs o ON o.id = c.owner_org_id
    JOIN directory_entries d ON d.id = m.directory_entry_id
    LEFT JOIN persons pe ON pe.id = d.person_id
    LEFT JOIN mail_progress mp ON mp.member_id = m.id
    WHERE c.last_seq > {past}
    ORDER BY d.id, m.conversation_id";

/// The messages of a [`MissedRange`]. Binds: org, conversation, after, up to, me.
const MISSED_FROM: &str = "
    FROM messages m
    LEFT JOIN persons p ON p.id = m.sender_id
    LEFT JOIN directory_entries sd ON sd.person_id = m.sender_id AND sd.org_id = $1
    LEFT JOIN attachments a ON a.id = m.attachment_id
    WHERE m.conversation_id = $2 AND m.seq > $3 AND m.seq <= $4
      AND m.kind <> 'system' AND m.sender_id IS NOT NULL AND m.sender_id <> $5";

#[async_trait]
impl MailRows for SqlTx {
    async fn digest_candidates(&mut self) -> StoreResult<Vec<DigestCandidate>> {
        let sql = CANDIDATES.replace("{past}", &dialect::greatest("m.read_seq", "COALESCE(mp.mailed_seq, 0)"));
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(self.conn()).await?;
        decode::all(&rows, decode::digest_candidate)
    }

    async fn last_digest_at(&mut self, entry: i64) -> StoreResult<Option<Millis>> {
        Ok(sqlx::query_scalar(
            "SELECT MAX(created_at) FROM mail_outbox WHERE directory_entry_id = $1 AND status IN ('pending', 'sent')",
        )
        .bind(entry)
        .fetch_one(self.conn())
        .await?)
    }

    async fn newest_seq_sent_by(
        &mut self,
        conversation: ConversationId,
        after: i64,
        cutoff: Millis,
    ) -> StoreResult<Option<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT MAX(seq) FROM messages WHERE conversation_id = $1 AND seq > $2 AND sent_at <= $3",
        )
        .bind(conversation.0)
        .bind(after)
        .bind(cutoff)
        .fetch_one(self.conn())
        .await?)
    }

    async fn missed_senders(&mut self, range: MissedRange) -> StoreResult<Vec<MissedSender>> {
        let sql = format!(
            "SELECT COALESCE(sd.display_name, p.display_name, 'Someone') AS name, MIN(m.seq) AS first,
                    COUNT(*) AS n, MAX(m.sent_at) AS newest
             {MISSED_FROM} GROUP BY m.sender_id, sd.display_name, p.display_name ORDER BY first"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(range.org.0)
            .bind(range.conversation.0)
            .bind(range.after)
            .bind(range.up_to)
            .bind(range.me.unwrap_or(-1))
            .fetch_all(self.conn())
            .await?;
        decode::all(&rows, decode::missed_sender)
    }

    async fn missed_lines(&mut self, range: MissedRange, limit: u32) -> StoreResult<Vec<MissedLine>> {
        let sql = format!(
            "SELECT COALESCE(sd.display_name, p.display_name, 'Someone') AS name, m.kind, m.text,
                    a.kind AS a_kind, a.name AS a_name
             {MISSED_FROM} ORDER BY m.seq DESC LIMIT $6"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(range.org.0)
            .bind(range.conversation.0)
            .bind(range.after)
            .bind(range.up_to)
            .bind(range.me.unwrap_or(-1))
            .bind(i64::from(limit))
            .fetch_all(self.conn())
            .await?;
        decode::all(&rows, decode::missed_line)
    }

    async fn other_member_name(&mut self, conversation: ConversationId, member: i64) -> StoreResult<Option<String>> {
        let name: Option<Option<String>> = sqlx::query_scalar(
            "SELECT COALESCE(d.display_name, p.display_name) FROM conversation_members m
             LEFT JOIN directory_entries d ON d.id = m.directory_entry_id
             LEFT JOIN persons p ON p.id = COALESCE(m.person_id, d.person_id)
             WHERE m.conversation_id = $1 AND m.id <> $2 ORDER BY m.id LIMIT 1",
        )
        .bind(conversation.0)
        .bind(member)
        .fetch_optional(self.conn())
        .await?;
        Ok(name.flatten())
    }

    async fn insert_outbox(&mut self, mail: NewOutboxMail<'_>) -> StoreResult<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO mail_outbox (directory_entry_id, person_id, recipient, subject, message_id, raw, status,
                                      next_attempt_at, last_error, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8) RETURNING id",
        )
        .bind(mail.entry)
        .bind(mail.person)
        .bind(mail.recipient)
        .bind(mail.subject)
        .bind(mail.message_id)
        .bind(mail.raw)
        .bind(mail.status)
        .bind(mail.at)
        .bind(mail.error)
        .fetch_one(self.conn())
        .await?)
    }

    async fn insert_outbox_item(&mut self, outbox: i64, item: NewOutboxItem) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO mail_outbox_items (outbox_id, member_id, conversation_id, first_seq, last_seq, message_count)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(outbox)
        .bind(item.member_id)
        .bind(item.conversation.0)
        .bind(item.first_seq)
        .bind(item.last_seq)
        .bind(i64::try_from(item.count).unwrap_or(i64::MAX))
        .execute(self.conn())
        .await?;
        let sql = format!(
            "INSERT INTO mail_progress (member_id, mailed_seq) VALUES ($1, $2)
             ON CONFLICT (member_id) DO UPDATE SET mailed_seq = {}",
            dialect::greatest("mail_progress.mailed_seq", "excluded.mailed_seq")
        );
        sqlx::query(sqlx::AssertSqlSafe(sql)).bind(item.member_id).bind(item.last_seq).execute(self.conn()).await?;
        Ok(())
    }

    async fn due_mail(&mut self, now: Millis, limit: u32) -> StoreResult<Vec<OutboxMail>> {
        let rows = sqlx::query(
            "SELECT id, recipient, message_id, raw, attempts FROM mail_outbox
             WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY id LIMIT $2",
        )
        .bind(now)
        .bind(i64::from(limit))
        .fetch_all(self.conn())
        .await?;
        decode::all(&rows, decode::outbox_mail)
    }

    async fn outbox_items(&mut self, outbox: i64) -> StoreResult<Vec<OutboxItemState>> {
        let rows = sqlx::query(
            "SELECT i.last_seq, m.read_seq, c.kind, c.group_policies, c.owner_org_id,
                    o.enabled AS org_enabled, o.tenant_policies, pe.email_enabled
             FROM mail_outbox_items i
             JOIN conversation_members m ON m.id = i.member_id
             JOIN conversations c ON c.id = m.conversation_id
             JOIN orgs o ON o.id = c.owner_org_id
             LEFT JOIN directory_entries d ON d.id = m.directory_entry_id
             LEFT JOIN persons pe ON pe.id = d.person_id
             WHERE i.outbox_id = $1",
        )
        .bind(outbox)
        .fetch_all(self.conn())
        .await?;
        decode::all(&rows, |r| {
            Ok(OutboxItemState {
                last_seq: r.int("last_seq")?,
                read_seq: r.int("read_seq")?,
                facts: decode::owned_facts(r)?,
                email_enabled: r.opt_flag("email_enabled")?,
            })
        })
    }

    async fn record_outcome(&mut self, outbox: i64, outcome: &Outcome, now: Millis) -> StoreResult<()> {
        let query = match outcome {
            Outcome::Sent => sqlx::query(
                "UPDATE mail_outbox SET status = 'sent', sent_at = $1, attempts = attempts + 1, last_error = NULL
                 WHERE id = $2 AND status = 'pending'",
            )
            .bind(now),
            Outcome::Obsolete => {
                sqlx::query("UPDATE mail_outbox SET status = 'obsolete' WHERE id = $1 AND status = 'pending'")
            }
            Outcome::Failed(error) => sqlx::query(
                "UPDATE mail_outbox SET status = 'failed', attempts = attempts + 1, last_error = $1
                 WHERE id = $2 AND status = 'pending'",
            )
            .bind(error.clone()),
            Outcome::Retry { error, at } => sqlx::query(
                "UPDATE mail_outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2
                 WHERE id = $3 AND status = 'pending'",
            )
            .bind(error.clone())
            .bind(*at),
        };
        query.bind(outbox).execute(self.conn()).await?;
        Ok(())
    }
}
