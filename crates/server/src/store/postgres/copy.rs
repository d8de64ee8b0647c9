//! Moving an installation: every row of an SQLite database into an empty
//! PostgreSQL database, ids, seqs and event cursors unchanged, in one
//! transaction (all of it or nothing).

use sqlx::{Row, SqlitePool};

use super::PostgresStore;
use crate::store::{StoreError, StoreResult};

/// How a column is stored.
#[derive(Debug, Clone, Copy)]
enum Kind {
    /// BIGINT / INTEGER.
    Int,
    /// TEXT.
    Text,
    /// BOOLEAN (an INTEGER 0/1 on SQLite).
    Flag,
    /// BYTEA / BLOB.
    Bytes,
}

use Kind::{Bytes, Flag, Int, Text};

/// Every table, parents before children, with its columns. The ones with
/// an identity `id` get their sequence moved past the copied ids.
const TABLES: &[(&str, &[(&str, Kind)])] = &[
    (
        "persons",
        &[
            ("id", Int),
            ("handle", Text),
            ("display_name", Text),
            ("password_hash", Text),
            ("email_enabled", Flag),
            ("email_delay_minutes", Int),
            ("language", Text),
            ("created_at", Int),
        ],
    ),
    (
        "sessions",
        &[
            ("token_hash", Text),
            ("person_id", Int),
            ("created_at", Int),
            ("expires_at", Int),
            ("device", Text),
            ("last_seen_at", Int),
        ],
    ),
    (
        "orgs",
        &[
            ("id", Int),
            ("name", Text),
            ("domain", Text),
            ("description", Text),
            ("enabled", Flag),
            ("tenant_policies", Text),
            ("created_at", Int),
        ],
    ),
    ("org_admins", &[("org_id", Int), ("person_id", Int)]),
    (
        "directory_entries",
        &[
            ("id", Int),
            ("org_id", Int),
            ("email", Text),
            ("alias", Text),
            ("display_name", Text),
            ("designation", Text),
            ("department", Text),
            ("is_admin", Flag),
            ("password_hash", Text),
            ("person_id", Int),
            ("linked_at", Int),
            ("created_at", Int),
        ],
    ),
    ("contacts", &[("owner_id", Int), ("person_id", Int), ("added_at", Int)]),
    (
        "conversations",
        &[
            ("id", Int),
            ("kind", Text),
            ("owner_org_id", Int),
            ("title", Text),
            ("created_via", Text),
            ("created_by", Int),
            ("created_at", Int),
            ("converted_at", Int),
            ("converted_by", Int),
            ("group_policies", Text),
            ("last_seq", Int),
            ("last_activity_at", Int),
            ("chat_key", Text),
        ],
    ),
    (
        "conversation_members",
        &[
            ("id", Int),
            ("conversation_id", Int),
            ("person_id", Int),
            ("directory_entry_id", Int),
            ("role", Text),
            ("joined_at", Int),
            ("joined_seq", Int),
            ("read_seq", Int),
        ],
    ),
    (
        "attachments",
        &[
            ("id", Int),
            ("conversation_id", Int),
            ("uploader_id", Int),
            ("kind", Text),
            ("mime", Text),
            ("name", Text),
            ("size", Int),
            ("storage_key", Text),
            ("file_key", Text),
            ("created_at", Int),
        ],
    ),
    (
        "messages",
        &[
            ("id", Int),
            ("conversation_id", Int),
            ("seq", Int),
            ("sender_id", Int),
            ("kind", Text),
            ("text", Text),
            ("attachment_id", Int),
            ("system", Text),
            ("client_id", Text),
            ("forward_of", Int),
            ("comment", Text),
            ("owner_org_id", Int),
            ("sent_at", Int),
            ("reply_to", Int),
            ("edited_at", Int),
            ("deleted_at", Int),
            ("deleted_by", Text),
        ],
    ),
    ("message_reactions", &[("message_id", Int), ("person_id", Int), ("emoji", Text), ("at", Int)]),
    ("hidden_messages", &[("person_id", Int), ("message_id", Int)]),
    (
        "message_record",
        &[
            ("id", Int),
            ("message_id", Int),
            ("org_id", Int),
            ("action", Text),
            ("by_person_id", Int),
            ("text", Text),
            ("comment", Text),
            ("attachment_id", Int),
            ("at", Int),
        ],
    ),
    ("events", &[("id", Int), ("person_id", Int), ("at", Int), ("payload", Text), ("message_id", Int)]),
    (
        "audit_log",
        &[
            ("id", Int),
            ("org_id", Int),
            ("actor_id", Int),
            ("action", Text),
            ("target", Text),
            ("detail", Text),
            ("at", Int),
            ("actor_label", Text),
        ],
    ),
    ("mail_progress", &[("member_id", Int), ("mailed_seq", Int)]),
    (
        "mail_outbox",
        &[
            ("id", Int),
            ("directory_entry_id", Int),
            ("person_id", Int),
            ("recipient", Text),
            ("subject", Text),
            ("message_id", Text),
            ("raw", Bytes),
            ("status", Text),
            ("attempts", Int),
            ("next_attempt_at", Int),
            ("last_error", Text),
            ("created_at", Int),
            ("sent_at", Int),
        ],
    ),
    (
        "mail_outbox_items",
        &[
            ("outbox_id", Int),
            ("member_id", Int),
            ("conversation_id", Int),
            ("first_seq", Int),
            ("last_seq", Int),
            ("message_count", Int),
        ],
    ),
    ("org_cache_keys", &[("org_id", Int), ("cache_key", Text), ("created_at", Int)]),
    (
        "org_oidc",
        &[
            ("org_id", Int),
            ("issuer", Text),
            ("client_id", Text),
            ("client_secret", Text),
            ("claim", Text),
            ("updated_at", Int),
        ],
    ),
    (
        "scim_tokens",
        &[
            ("id", Int),
            ("org_id", Int),
            ("name", Text),
            ("token_hash", Text),
            ("created_by", Int),
            ("created_at", Int),
            ("last_used_at", Int),
            ("revoked_at", Int),
        ],
    ),
    (
        "scim_users",
        &[
            ("id", Int),
            ("org_id", Int),
            ("entry_id", Int),
            ("user_key", Text),
            ("external_id", Text),
            ("resource", Text),
            ("created_at", Int),
            ("updated_at", Int),
        ],
    ),
];

/// Tables whose `id` comes from an identity column.
const IDENTITY_TABLES: &[&str] = &[
    "persons",
    "orgs",
    "directory_entries",
    "conversations",
    "conversation_members",
    "attachments",
    "messages",
    "message_record",
    "events",
    "audit_log",
    "mail_outbox",
    "scim_tokens",
    "scim_users",
];

/// What a copy moved: rows per table, in copy order.
pub type CopyReport = Vec<(&'static str, u64)>;

impl PostgresStore {
    /// Copies every row of the (migrated) SQLite database `from` into this
    /// database, which must hold no people, organizations or events yet.
    /// The installation id moves too: browsers' caches of it stay valid.
    pub async fn copy_from_sqlite(&self, from: &SqlitePool) -> StoreResult<CopyReport> {
        let mut tx = self.pool.begin().await?;
        let used: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM persons) + (SELECT COUNT(*) FROM orgs) + (SELECT COUNT(*) FROM events)",
        )
        .fetch_one(&mut *tx)
        .await?;
        if used > 0 {
            return Err(StoreError::Backend("the target database is not empty: copy into a new database".into()));
        }
        let mut report = Vec::with_capacity(TABLES.len());
        for (table, columns) in TABLES {
            let names: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
            let list = names.join(", ");
            let select = format!("SELECT {list} FROM {table} ORDER BY rowid");
            let placeholders: Vec<String> = (1..=columns.len()).map(|n| format!("${n}")).collect();
            let insert = format!("INSERT INTO {table} ({list}) VALUES ({})", placeholders.join(", "));
            let rows = sqlx::query(sqlx::AssertSqlSafe(select)).fetch_all(from).await?;
            for row in &rows {
                let mut query = sqlx::query(sqlx::AssertSqlSafe(insert.clone()));
                for (name, kind) in columns.iter() {
                    query = match kind {
                        Int => query.bind(row.try_get::<Option<i64>, _>(*name)?),
                        Text => query.bind(row.try_get::<Option<String>, _>(*name)?),
                        Flag => query.bind(row.try_get::<Option<bool>, _>(*name)?),
                        Bytes => query.bind(row.try_get::<Option<Vec<u8>>, _>(*name)?),
                    };
                }
                query.execute(&mut *tx).await?;
            }
            report.push((*table, u64::try_from(rows.len()).unwrap_or(u64::MAX)));
        }
        for table in IDENTITY_TABLES {
            let sql = format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM {table}"
            );
            sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *tx).await?;
        }
        let installation: String =
            sqlx::query_scalar("SELECT installation_id FROM installation WHERE id = 1").fetch_one(from).await?;
        sqlx::query("UPDATE installation SET installation_id = $1 WHERE id = 1")
            .bind(installation)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        // Search words are derived from the entries: made anew, not copied.
        report.push(("directory_tokens", self.index_unindexed_entries().await?));
        Ok(report)
    }
}
