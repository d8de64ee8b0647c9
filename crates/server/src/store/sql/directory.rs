//! [`DirectoryRows`] on either backend. Search is a range scan of
//! `directory_tokens`, the words the server lowercased (SQLite's `lower()`
//! folds only ASCII).

use async_trait::async_trait;
use samtal_core::api::{DirectoryEntry, NewDirectoryEntry, SearchResult};
use samtal_core::{ConversationId, DirectoryEntryId, Millis, OrgId, PersonId};

use super::{SqlTx, dialect};
use crate::store::StoreResult;
use crate::store::decode::{self, Columns, ENTRY_COLUMNS};
use crate::store::directory::{
    DirectoryKeys, DirectoryRows, Indexed, Scan, WorkAccountCandidate, entry_batch, match_inserted, prefix_end,
    rank_hits, stored_entries, token_batch,
};

impl SqlTx {
    /// Indexes stored entries' words for search, in one statement.
    async fn insert_tokens(&mut self, entries: &[Indexed<'_>]) -> StoreResult<()> {
        if entries.is_empty() {
            return Ok(());
        }
        sqlx::query(dialect::INSERT_TOKENS).bind(token_batch(entries)?).execute(self.conn()).await?;
        Ok(())
    }

    /// Indexes the entries that have no words yet (those stored before the
    /// index existed, or copied in without it).
    pub(crate) async fn index_unindexed_entries(&mut self) -> StoreResult<u64> {
        let rows: Vec<(i64, i64, String, String, String)> = sqlx::query_as(
            "SELECT id, org_id, display_name, alias, email FROM directory_entries d
             WHERE NOT EXISTS (SELECT 1 FROM directory_tokens t WHERE t.entry_id = d.id)",
        )
        .fetch_all(self.conn())
        .await?;
        let entries: Vec<Indexed<'_>> = rows
            .iter()
            .map(|(id, org, name, alias, email)| Indexed { org: OrgId(*org), id: *id, name, alias, email })
            .collect();
        self.insert_tokens(&entries).await?;
        Ok(rows.len() as u64)
    }

    /// The entry matching `filter`, whose parameters are `binds`.
    async fn entry_where(&mut self, filter: &str, binds: &[i64]) -> StoreResult<Option<DirectoryEntry>> {
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM directory_entries WHERE {filter}");
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for value in binds {
            query = query.bind(*value);
        }
        let row = query.fetch_optional(self.conn()).await?;
        row.as_ref().map(decode::entry).transpose()
    }
}

#[async_trait]
impl DirectoryRows for SqlTx {
    async fn entry(&mut self, id: DirectoryEntryId) -> StoreResult<Option<DirectoryEntry>> {
        self.entry_where("id = $1", &[id.0]).await
    }

    async fn entry_of_person(&mut self, person: PersonId) -> StoreResult<Option<DirectoryEntry>> {
        self.entry_where("person_id = $1", &[person.0]).await
    }

    async fn entry_in_org(&mut self, person: PersonId, org: OrgId) -> StoreResult<Option<DirectoryEntry>> {
        self.entry_where("person_id = $1 AND org_id = $2", &[person.0, org.0]).await
    }

    async fn entries_by_email(&mut self, email: &str) -> StoreResult<Vec<WorkAccountCandidate>> {
        let rows = sqlx::query(
            "SELECT d.id, d.org_id, d.password_hash, o.enabled FROM directory_entries d JOIN orgs o ON o.id = d.org_id
             WHERE d.email = $1 ORDER BY d.id",
        )
        .bind(email)
        .fetch_all(self.conn())
        .await?;
        decode::all(&rows, |row| {
            Ok(WorkAccountCandidate {
                entry: DirectoryEntryId(row.int("id")?),
                org: OrgId(row.int("org_id")?),
                password_hash: row.text("password_hash")?,
                org_enabled: row.flag("enabled")?,
            })
        })
    }

    async fn link_entry(&mut self, entry: DirectoryEntryId, person: PersonId, at: Millis) -> StoreResult<()> {
        sqlx::query("UPDATE directory_entries SET person_id = $1, linked_at = $2 WHERE id = $3")
            .bind(person.0)
            .bind(at)
            .bind(entry.0)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    async fn unlink_entry(&mut self, entry: DirectoryEntryId) -> StoreResult<()> {
        sqlx::query("UPDATE directory_entries SET person_id = NULL, linked_at = NULL WHERE id = $1")
            .bind(entry.0)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    async fn unlink_all_in_org(&mut self, org: OrgId) -> StoreResult<Vec<PersonId>> {
        let people: Vec<i64> = sqlx::query_scalar(
            "SELECT person_id FROM directory_entries WHERE org_id = $1 AND person_id IS NOT NULL ORDER BY id",
        )
        .bind(org.0)
        .fetch_all(self.conn())
        .await?;
        sqlx::query(
            "UPDATE directory_entries SET person_id = NULL, linked_at = NULL WHERE org_id = $1 AND person_id IS NOT NULL",
        )
        .bind(org.0)
        .execute(self.conn())
        .await?;
        Ok(people.into_iter().map(PersonId).collect())
    }

    async fn entry_conversations(&mut self, entry: DirectoryEntryId) -> StoreResult<Vec<ConversationId>> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT conversation_id FROM conversation_members WHERE directory_entry_id = $1 ORDER BY conversation_id",
        )
        .bind(entry.0)
        .fetch_all(self.conn())
        .await?;
        Ok(ids.into_iter().map(ConversationId).collect())
    }

    async fn insert_entries(
        &mut self,
        org: OrgId,
        entries: &[(&NewDirectoryEntry, &str)],
        at: Millis,
    ) -> StoreResult<Vec<Option<DirectoryEntryId>>> {
        if entries.is_empty() {
            return Ok(Vec::new());
        }
        // DO NOTHING on a taken e-mail or alias: the refusal undoes nothing
        // else of the import.
        let inserted: Vec<(i64, String)> = sqlx::query_as(dialect::INSERT_ENTRIES)
            .bind(org.0)
            .bind(at)
            .bind(entry_batch(entries)?)
            .fetch_all(self.conn())
            .await?;
        let ids = match_inserted(entries, inserted);
        self.insert_tokens(&stored_entries(org, entries, &ids)).await?;
        Ok(ids)
    }

    async fn update_entry(&mut self, entry: DirectoryEntryId, values: &NewDirectoryEntry) -> StoreResult<()> {
        let org: i64 = sqlx::query_scalar(
            "UPDATE directory_entries SET email = $1, alias = $2, display_name = $3, designation = $4,
                department = $5 WHERE id = $6 RETURNING org_id",
        )
        .bind(&values.email)
        .bind(&values.alias)
        .bind(&values.display_name)
        .bind(&values.designation)
        .bind(&values.department)
        .bind(entry.0)
        .fetch_one(self.conn())
        .await?;
        sqlx::query("DELETE FROM directory_tokens WHERE entry_id = $1").bind(entry.0).execute(self.conn()).await?;
        let indexed = Indexed {
            org: OrgId(org),
            id: entry.0,
            name: &values.display_name,
            alias: &values.alias,
            email: &values.email,
        };
        self.insert_tokens(&[indexed]).await
    }

    async fn delete_entry(&mut self, entry: DirectoryEntryId) -> StoreResult<()> {
        sqlx::query("DELETE FROM directory_entries WHERE id = $1").bind(entry.0).execute(self.conn()).await?;
        Ok(())
    }

    async fn directory(&mut self, org: OrgId, needle: Option<&str>) -> StoreResult<Vec<DirectoryEntry>> {
        let rows = match needle {
            None => {
                let sql = format!(
                    "SELECT {ENTRY_COLUMNS} FROM directory_entries WHERE org_id = $1
                     ORDER BY {by_name}, id",
                    by_name = dialect::caseless("display_name")
                );
                sqlx::query(sqlx::AssertSqlSafe(sql)).bind(org.0).fetch_all(self.conn()).await?
            }
            Some(needle) => {
                let sql = format!(
                    "SELECT {ENTRY_COLUMNS} FROM directory_entries WHERE id IN
                        (SELECT entry_id FROM directory_tokens WHERE org_id = $1 AND token >= $2 AND token < $3)
                     ORDER BY {by_name}, id",
                    by_name = dialect::caseless("display_name")
                );
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(org.0)
                    .bind(needle)
                    .bind(prefix_end(needle))
                    .fetch_all(self.conn())
                    .await?
            }
        };
        decode::all(&rows, decode::entry)
    }

    async fn directory_keys(&mut self, org: OrgId) -> StoreResult<DirectoryKeys> {
        let rows = sqlx::query("SELECT email, alias FROM directory_entries WHERE org_id = $1")
            .bind(org.0)
            .fetch_all(self.conn())
            .await?;
        let mut keys = DirectoryKeys::default();
        for row in rows {
            keys.emails.insert(row.text("email")?);
            keys.aliases.insert(row.text("alias")?);
        }
        Ok(keys)
    }

    async fn search_directory(
        &mut self,
        orgs: &[OrgId],
        needle: &str,
        exclude: PersonId,
        limit: u32,
    ) -> StoreResult<Vec<SearchResult>> {
        // An entry has several words; scan a few per result, and further if
        // duplicates leave the page short.
        let mut scan = i64::from(limit).saturating_mul(4).max(16);
        loop {
            let mut scans = Vec::with_capacity(orgs.len());
            for org in orgs {
                // In index order: the range of words, by word, name and id.
                let rows = sqlx::query(
                    "SELECT t.token, t.sort_name, d.id, d.person_id, d.display_name, d.email, d.alias, d.designation,
                            d.department, o.id AS org_id, o.name AS org_name
                     FROM directory_tokens t
                     JOIN directory_entries d ON d.id = t.entry_id JOIN orgs o ON o.id = t.org_id
                     WHERE t.org_id = $1 AND t.token >= $2 AND t.token < $3
                       AND (d.person_id IS NULL OR d.person_id <> $4)
                     ORDER BY t.token, t.sort_name, t.entry_id LIMIT $5",
                )
                .bind(org.0)
                .bind(needle)
                .bind(prefix_end(needle))
                .bind(exclude.0)
                .bind(scan)
                .fetch_all(self.conn())
                .await?;
                scans.push(Scan { cut: rows.len() as i64 == scan, hits: decode::all(&rows, decode::token_hit)? });
            }
            if let Some(page) = rank_hits(scans, limit as usize) {
                return Ok(page);
            }
            scan = scan.saturating_mul(4);
        }
    }
}
