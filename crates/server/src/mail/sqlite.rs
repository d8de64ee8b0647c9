//! [`MailStore`] on SQLite: finding missed messages, and the outbox.

use std::collections::BTreeMap;

use async_trait::async_trait;
use lettre::Address;
use lettre::message::Mailbox;
use samtal_core::api::ConversationKind;
use samtal_core::rules::{self, ConversationFacts, OrgFacts};
use samtal_core::{ConversationId, GroupPolicies, Millis, OrgId, TenantPolicies};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use super::compose::{self, ConversationDigest, Digest, Line, MAX_LINES_PER_CONVERSATION};
use super::store::{DigestSettings, MailStore, OutboxMail, Outcome};
use crate::store::{SqliteStore, StoreResult};

/// A directory entry's membership in an org conversation with messages past
/// both its read marker and its mailed marker.
#[derive(Debug, Clone)]
struct Candidate {
    member_id: i64,
    conversation: ConversationId,
    facts: ConversationFacts,
    title: Option<String>,
    /// Messages up to this seq are read, mailed, or not visible to the member.
    floor: i64,
}

/// Who a digest goes to: a directory entry, and the person signed in to it.
#[derive(Debug, Clone)]
struct Recipient {
    entry: i64,
    email: String,
    name: String,
    org_name: String,
    person: Option<i64>,
    enabled: bool,
    delay_ms: Millis,
}

/// What one candidate contributes to a digest.
#[derive(Debug, Clone)]
struct Item {
    member_id: i64,
    conversation: ConversationId,
    first_seq: i64,
    last_seq: i64,
    newest_at: Millis,
    digest: ConversationDigest,
}

const CANDIDATES: &str = "
    SELECT m.id AS member_id, m.conversation_id, m.read_seq, m.joined_seq,
           COALESCE(mp.mailed_seq, 0) AS mailed_seq,
           c.kind, c.title, c.group_policies, c.owner_org_id,
           o.name AS org_name, o.enabled AS org_enabled, o.tenant_policies,
           d.id AS entry_id, d.email, d.display_name AS entry_name, d.person_id,
           pe.email_enabled, pe.email_delay_minutes
    FROM conversation_members m
    JOIN conversations c ON c.id = m.conversation_id
    JOIN orgs o ON o.id = c.owner_org_id
    JOIN directory_entries d ON d.id = m.directory_entry_id
    LEFT JOIN persons pe ON pe.id = d.person_id
    LEFT JOIN mail_progress mp ON mp.member_id = m.id
    WHERE c.last_seq > MAX(m.read_seq, COALESCE(mp.mailed_seq, 0))
    ORDER BY d.id, m.conversation_id";

/// The messages a recipient missed in a conversation: not system notes, not
/// their own. Binds: owner org (for senders' directory names), conversation,
/// after seq, up to seq, the recipient's person id (or -1).
const MISSED_FROM: &str = "
    FROM messages m
    LEFT JOIN persons p ON p.id = m.sender_id
    LEFT JOIN directory_entries sd ON sd.person_id = m.sender_id AND sd.org_id = ?
    LEFT JOIN attachments a ON a.id = m.attachment_id
    WHERE m.conversation_id = ? AND m.seq > ? AND m.seq <= ?
      AND m.kind <> 'system' AND m.sender_id IS NOT NULL AND m.sender_id <> ?";

fn parse_kind(kind: &str) -> ConversationKind {
    if kind == "group" { ConversationKind::Group } else { ConversationKind::Chat }
}

/// The facts the rules need, from a row with `kind`, `group_policies`,
/// `owner_org_id`, `org_enabled` and `tenant_policies`.
fn facts_from_row(row: &SqliteRow) -> StoreResult<ConversationFacts> {
    let tenant: TenantPolicies = serde_json::from_str(&row.try_get::<String, _>("tenant_policies")?)?;
    let group: Option<String> = row.try_get("group_policies")?;
    let group_policies: Option<GroupPolicies> = group.as_deref().map(serde_json::from_str).transpose()?;
    Ok(ConversationFacts {
        kind: parse_kind(&row.try_get::<String, _>("kind")?),
        owner: Some(OrgFacts {
            id: OrgId(row.try_get("owner_org_id")?),
            enabled: row.try_get::<i64, _>("org_enabled")? != 0,
            tenant,
        }),
        group_policies,
    })
}

/// When the entry's newest digest (sent or about to be) was decided.
async fn last_digest_at(conn: &mut SqliteConnection, entry: i64) -> StoreResult<Option<Millis>> {
    Ok(sqlx::query_scalar(
        "SELECT MAX(created_at) FROM mail_outbox WHERE directory_entry_id = ? AND status IN ('pending', 'sent')",
    )
    .bind(entry)
    .fetch_one(&mut *conn)
    .await?)
}

/// How the recipient sees the conversation's name: a group's title, or the
/// other participant of a chat.
async fn conversation_name(conn: &mut SqliteConnection, candidate: &Candidate) -> StoreResult<String> {
    if candidate.facts.kind == ConversationKind::Group {
        return Ok(candidate.title.clone().filter(|t| !t.trim().is_empty()).unwrap_or_else(|| "A group".to_owned()));
    }
    let other: Option<String> = sqlx::query_scalar(
        "SELECT COALESCE(d.display_name, p.display_name) FROM conversation_members m
         LEFT JOIN directory_entries d ON d.id = m.directory_entry_id
         LEFT JOIN persons p ON p.id = COALESCE(m.person_id, d.person_id)
         WHERE m.conversation_id = ? AND m.id <> ? ORDER BY m.id LIMIT 1",
    )
    .bind(candidate.conversation.0)
    .bind(candidate.member_id)
    .fetch_optional(&mut *conn)
    .await?
    .flatten();
    Ok(other.unwrap_or_else(|| "A chat".to_owned()))
}

/// What the candidate's missed messages past the recipient's delay add to a
/// digest, if any.
async fn missed_item(
    conn: &mut SqliteConnection,
    candidate: &Candidate,
    recipient: &Recipient,
    cutoff: Millis,
) -> StoreResult<Option<Item>> {
    // Only messages unread for the whole delay are due; later ones wait for
    // the next digest. Seqs and send times rise together, so the due
    // messages are the prefix up to the newest one sent before the cutoff.
    let due_max: Option<i64> =
        sqlx::query_scalar("SELECT MAX(seq) FROM messages WHERE conversation_id = ? AND seq > ? AND sent_at <= ?")
            .bind(candidate.conversation.0)
            .bind(candidate.floor)
            .bind(cutoff)
            .fetch_one(&mut *conn)
            .await?;
    let Some(due_max) = due_max else { return Ok(None) };
    let org = candidate.facts.owner_id().map_or(0, |o| o.0);
    let me = recipient.person.unwrap_or(-1);
    let senders_sql = format!(
        "SELECT COALESCE(sd.display_name, p.display_name, 'Someone') AS name, MIN(m.seq) AS first,
                COUNT(*) AS n, MAX(m.sent_at) AS newest
         {MISSED_FROM} GROUP BY m.sender_id ORDER BY first"
    );
    let senders = sqlx::query(sqlx::AssertSqlSafe(senders_sql))
        .bind(org)
        .bind(candidate.conversation.0)
        .bind(candidate.floor)
        .bind(due_max)
        .bind(me)
        .fetch_all(&mut *conn)
        .await?;
    let mut count = 0usize;
    let mut newest_at = 0;
    let mut names = Vec::new();
    for row in &senders {
        count += usize::try_from(row.try_get::<i64, _>("n")?).unwrap_or_default();
        newest_at = newest_at.max(row.try_get::<Millis, _>("newest")?);
        names.push(row.try_get::<String, _>("name")?);
    }
    if count == 0 {
        // Only their own messages or system notes: nothing to tell them.
        return Ok(None);
    }
    let lines = if rules::digest_shows_text(&candidate.facts) {
        let lines_sql = format!(
            "SELECT COALESCE(sd.display_name, p.display_name, 'Someone') AS name, m.kind, m.text,
                    a.kind AS a_kind, a.name AS a_name
             {MISSED_FROM} ORDER BY m.seq DESC LIMIT {MAX_LINES_PER_CONVERSATION}"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(lines_sql))
            .bind(org)
            .bind(candidate.conversation.0)
            .bind(candidate.floor)
            .bind(due_max)
            .bind(me)
            .fetch_all(&mut *conn)
            .await?;
        let mut lines = rows.iter().map(line_from_row).collect::<StoreResult<Vec<_>>>()?;
        lines.reverse();
        Some(lines)
    } else {
        None
    };
    let name = conversation_name(conn, candidate).await?;
    Ok(Some(Item {
        member_id: candidate.member_id,
        conversation: candidate.conversation,
        first_seq: candidate.floor + 1,
        last_seq: due_max,
        newest_at,
        digest: ConversationDigest { id: candidate.conversation, name, count, senders: names, lines },
    }))
}

fn line_from_row(row: &SqliteRow) -> StoreResult<Line> {
    let sender: String = row.try_get("name")?;
    let text = if row.try_get::<String, _>("kind")? == "attachment" {
        let what = match row.try_get::<Option<String>, _>("a_kind")?.as_deref() {
            Some("video") => "a video",
            Some("audio") => "an audio message",
            _ => "an image",
        };
        match row.try_get::<Option<String>, _>("a_name")? {
            Some(file) if !file.is_empty() => format!("sent {what} ({})", compose::quote(&file)),
            _ => format!("sent {what}"),
        }
    } else {
        compose::quote(&row.try_get::<Option<String>, _>("text")?.unwrap_or_default())
    };
    Ok(Line { sender, text })
}

/// Writes one decided digest: the outbox row, its items and the mailed marks.
async fn write_digest(
    conn: &mut SqliteConnection,
    settings: &DigestSettings,
    recipient: &Recipient,
    mut items: Vec<Item>,
    now: Millis,
) -> StoreResult<i64> {
    // Newest conversation first, like the chat list.
    items.sort_by(|a, b| b.newest_at.cmp(&a.newest_at).then(a.conversation.0.cmp(&b.conversation.0)));
    let digest = Digest {
        org_name: recipient.org_name.clone(),
        recipient_name: recipient.name.clone(),
        recipient_email: recipient.email.clone(),
        joined: recipient.person.is_some(),
        public_url: settings.public_url.clone(),
        conversations: items.iter().map(|i| i.digest.clone()).collect(),
    };
    let ranges: Vec<(i64, i64, i64)> = items.iter().map(|i| (i.member_id, i.first_seq, i.last_seq)).collect();
    let message_id = compose::message_id(recipient.entry, &ranges, &settings.domain);
    // An address the relay could never take is recorded as failed (and its
    // messages as dealt with) rather than retried forever.
    let built = recipient
        .email
        .parse::<Address>()
        .map_err(|e| format!("{} is not a usable e-mail address: {e}", recipient.email))
        .and_then(|address| {
            let to = Mailbox::new(Some(recipient.name.clone()), address);
            compose::rfc5322(&digest, &settings.from, &to, &message_id, now).map_err(|e| e.to_string())
        });
    let (status, raw, error) = match built {
        Ok(raw) => ("pending", raw, None),
        Err(e) => ("failed", Vec::new(), Some(e)),
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO mail_outbox (directory_entry_id, person_id, recipient, subject, message_id, raw, status,
                                  next_attempt_at, last_error, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(recipient.entry)
    .bind(recipient.person)
    .bind(&recipient.email)
    .bind(digest.subject())
    .bind(&message_id)
    .bind(raw)
    .bind(status)
    .bind(now)
    .bind(error)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    for item in &items {
        sqlx::query(
            "INSERT INTO mail_outbox_items (outbox_id, member_id, conversation_id, first_seq, last_seq, message_count)
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(item.member_id)
        .bind(item.conversation.0)
        .bind(item.first_seq)
        .bind(item.last_seq)
        .bind(i64::try_from(item.digest.count).unwrap_or(i64::MAX))
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO mail_progress (member_id, mailed_seq) VALUES (?, ?)
             ON CONFLICT (member_id) DO UPDATE SET mailed_seq = MAX(mailed_seq, excluded.mailed_seq)",
        )
        .bind(item.member_id)
        .bind(item.last_seq)
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

#[async_trait]
impl MailStore for SqliteStore {
    async fn decide_digests(&self, settings: &DigestSettings, now: Millis) -> StoreResult<Vec<i64>> {
        // One write transaction for the whole pass: what is read (markers,
        // messages) and what is written (outbox, mailed marks) can't drift
        // apart, and a crash leaves either all of a decision or none of it.
        let mut tx = self.begin().await?;
        let rows = sqlx::query(CANDIDATES).fetch_all(&mut *tx).await?;
        let mut by_recipient: BTreeMap<i64, (Recipient, Vec<Candidate>)> = BTreeMap::new();
        for row in &rows {
            let facts = facts_from_row(row)?;
            if !rules::digest_applies(&facts) {
                continue;
            }
            let joined_seq: i64 = row.try_get("joined_seq")?;
            let floor = row
                .try_get::<i64, _>("read_seq")?
                .max(row.try_get::<i64, _>("mailed_seq")?)
                .max(rules::first_visible_seq(&facts, joined_seq) - 1);
            let candidate = Candidate {
                member_id: row.try_get("member_id")?,
                conversation: ConversationId(row.try_get("conversation_id")?),
                facts,
                title: row.try_get("title")?,
                floor,
            };
            let entry: i64 = row.try_get("entry_id")?;
            if let Some((_, candidates)) = by_recipient.get_mut(&entry) {
                candidates.push(candidate);
                continue;
            }
            let person: Option<i64> = row.try_get("person_id")?;
            let delay_minutes: Option<i64> = row.try_get("email_delay_minutes")?;
            let recipient = Recipient {
                entry,
                email: row.try_get("email")?,
                name: row.try_get("entry_name")?,
                org_name: row.try_get("org_name")?,
                person,
                // An entry nobody has linked yet has no setting: the e-mail is
                // how they learn about the messages (rule 1).
                enabled: person.is_none() || row.try_get::<Option<i64>, _>("email_enabled")?.unwrap_or(1) != 0,
                delay_ms: match delay_minutes {
                    Some(minutes) if person.is_some() => minutes.max(0).saturating_mul(60_000),
                    _ => settings.default_delay_ms,
                },
            };
            by_recipient.insert(entry, (recipient, vec![candidate]));
        }

        let mut decided = Vec::new();
        for (recipient, candidates) in by_recipient.values() {
            if !recipient.enabled {
                continue;
            }
            // Rule 12: never more than one e-mail per person per delay.
            if last_digest_at(&mut tx, recipient.entry).await?.is_some_and(|at| at > now - recipient.delay_ms) {
                continue;
            }
            let cutoff = now - recipient.delay_ms;
            let mut items = Vec::new();
            for candidate in candidates {
                if let Some(item) = missed_item(&mut tx, candidate, recipient, cutoff).await? {
                    items.push(item);
                }
            }
            if !items.is_empty() {
                decided.push(write_digest(&mut tx, settings, recipient, items, now).await?);
            }
        }
        self.commit(tx).await?;
        Ok(decided)
    }

    async fn due_mail(&self, now: Millis, limit: u32) -> StoreResult<Vec<OutboxMail>> {
        let rows = sqlx::query(
            "SELECT id, recipient, message_id, raw, attempts FROM mail_outbox
             WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?",
        )
        .bind(now)
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(OutboxMail {
                    id: row.try_get("id")?,
                    recipient: row.try_get("recipient")?,
                    message_id: row.try_get("message_id")?,
                    raw: row.try_get("raw")?,
                    attempts: row.try_get("attempts")?,
                })
            })
            .collect()
    }

    async fn still_wanted(&self, id: i64) -> StoreResult<bool> {
        // Items whose member row is gone (left, removed from the directory)
        // drop out of the join: their messages are no longer theirs to read.
        let rows = sqlx::query(
            "SELECT i.last_seq, m.read_seq, c.kind, c.group_policies, c.owner_org_id,
                    o.enabled AS org_enabled, o.tenant_policies, pe.email_enabled
             FROM mail_outbox_items i
             JOIN conversation_members m ON m.id = i.member_id
             JOIN conversations c ON c.id = m.conversation_id
             JOIN orgs o ON o.id = c.owner_org_id
             LEFT JOIN directory_entries d ON d.id = m.directory_entry_id
             LEFT JOIN persons pe ON pe.id = d.person_id
             WHERE i.outbox_id = ?",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?;
        for row in &rows {
            let unread = row.try_get::<i64, _>("read_seq")? < row.try_get::<i64, _>("last_seq")?;
            let enabled = row.try_get::<Option<i64>, _>("email_enabled")?.unwrap_or(1) != 0;
            if unread && enabled && rules::digest_applies(&facts_from_row(row)?) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    async fn record_outcome(&self, id: i64, outcome: &Outcome, now: Millis) -> StoreResult<()> {
        let query = match outcome {
            Outcome::Sent => sqlx::query(
                "UPDATE mail_outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL
                 WHERE id = ? AND status = 'pending'",
            )
            .bind(now),
            Outcome::Obsolete => {
                sqlx::query("UPDATE mail_outbox SET status = 'obsolete' WHERE id = ? AND status = 'pending'")
            }
            Outcome::Failed(error) => sqlx::query(
                "UPDATE mail_outbox SET status = 'failed', attempts = attempts + 1, last_error = ?
                 WHERE id = ? AND status = 'pending'",
            )
            .bind(error.clone()),
            Outcome::Retry { error, at } => sqlx::query(
                "UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?
                 WHERE id = ? AND status = 'pending'",
            )
            .bind(error.clone())
            .bind(*at),
        };
        query.bind(id).execute(self.pool()).await?;
        Ok(())
    }
}
