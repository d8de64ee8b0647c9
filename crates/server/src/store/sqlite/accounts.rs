//! [`AccountStore`] on SQLite.

use async_trait::async_trait;
use samtal_core::api::{
    Contact, DirectoryAttributes, EmailSettings, OrgProfile, OrgRef, Person, SearchResult, SearchSource, WorkAccount,
};
use samtal_core::events::{Event, RevocationReason};
use samtal_core::rules::Viewer;
use samtal_core::{ConversationId, DirectoryEntryId, ErrorCode, OrgId, PersonId};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use super::context::member_persons;
use super::{SqliteStore, conversations, events, is_unique_violation};
use crate::error::AppError;
use crate::store::accounts::{AccountFacts, WorkAccountCandidate};
use crate::store::{AccountStore, StoreResult};
use crate::time::now_ms;

/// Reads a `Person` from a row with `id`, `handle`, `display_name`.
pub(crate) fn person_from_row(row: &SqliteRow) -> Result<Person, sqlx::Error> {
    Ok(Person {
        id: PersonId(row.try_get("id")?),
        handle: row.try_get("handle")?,
        display_name: row.try_get("display_name")?,
    })
}

/// What directory search looks in: the Unicode-lowercased name, alias and
/// e-mail, one per line (see migration 0002).
pub(crate) fn directory_search_key(display_name: &str, alias: &str, email: &str) -> String {
    format!("{display_name}\n{alias}\n{email}").to_lowercase()
}

/// Whether a lowercased needle can match a search key at all: a line break
/// would match across fields.
pub(crate) fn searchable(needle: &str) -> bool {
    !needle.is_empty() && !needle.contains('\n')
}

/// The conversations a directory entry is a member of.
pub(crate) async fn entry_conversations(
    conn: &mut SqliteConnection,
    entry: DirectoryEntryId,
) -> StoreResult<Vec<ConversationId>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT conversation_id FROM conversation_members WHERE directory_entry_id = ? ORDER BY conversation_id",
    )
    .bind(entry.0)
    .fetch_all(conn)
    .await?;
    Ok(ids.into_iter().map(ConversationId).collect())
}

/// Tells the other members of every conversation `entry` is in that its
/// member changed (someone signed in to it, out of it, or it was removed).
pub(crate) async fn announce_entry_change(
    conn: &mut SqliteConnection,
    entry: DirectoryEntryId,
    except: Option<PersonId>,
) -> StoreResult<()> {
    for conversation in entry_conversations(conn, entry).await? {
        let others: Vec<PersonId> =
            member_persons(conn, conversation).await?.into_iter().filter(|p| Some(*p) != except).collect();
        events::append(conn, &others, &Event::ConversationChanged { conversation_id: conversation }).await?;
    }
    Ok(())
}

/// A row's directory entry as a search result.
fn directory_result_from_row(row: &SqliteRow) -> Result<SearchResult, sqlx::Error> {
    Ok(SearchResult {
        source: SearchSource::Directory,
        person_id: row.try_get::<Option<i64>, _>("person_id")?.map(PersonId),
        directory_entry_id: Some(DirectoryEntryId(row.try_get("id")?)),
        display_name: row.try_get("display_name")?,
        email: Some(row.try_get("email")?),
        alias: Some(row.try_get("alias")?),
        designation: Some(row.try_get("designation")?),
        department: Some(row.try_get("department")?),
        org: Some(OrgRef { id: OrgId(row.try_get("org_id")?), name: row.try_get("org_name")? }),
    })
}

fn contact_from_row(row: &SqliteRow) -> Result<Contact, sqlx::Error> {
    Ok(Contact { person: person_from_row(row)?, added_at: row.try_get("added_at")? })
}

/// A delay stored in the database, as the wire's minutes.
fn delay_minutes(raw: Option<i64>) -> Option<u32> {
    raw.and_then(|m| u32::try_from(m).ok())
}

impl SqliteStore {
    /// One contact of `owner`, if saved.
    async fn contact(&self, owner: PersonId, person: PersonId) -> StoreResult<Option<Contact>> {
        let row = sqlx::query(
            "SELECT p.id, p.handle, p.display_name, c.added_at FROM contacts c JOIN persons p ON p.id = c.person_id
             WHERE c.owner_id = ? AND c.person_id = ?",
        )
        .bind(owner.0)
        .bind(person.0)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.as_ref().map(contact_from_row).transpose()?)
    }
}

#[async_trait]
impl AccountStore for SqliteStore {
    async fn create_person(&self, handle: &str, display_name: &str, password_hash: &str) -> StoreResult<Person> {
        let result = sqlx::query(
            "INSERT INTO persons (handle, display_name, password_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id",
        )
        .bind(handle)
        .bind(display_name)
        .bind(password_hash)
        .bind(now_ms())
        .fetch_one(self.pool())
        .await;
        match result {
            Ok(row) => Ok(Person {
                id: PersonId(row.try_get("id")?),
                handle: handle.to_owned(),
                display_name: display_name.to_owned(),
            }),
            Err(e) if is_unique_violation(&e) => Err(AppError::code(ErrorCode::HandleTaken)),
            Err(e) => Err(e.into()),
        }
    }

    async fn person_by_handle(&self, handle: &str) -> StoreResult<Option<(Person, String)>> {
        let row = sqlx::query("SELECT id, handle, display_name, password_hash FROM persons WHERE handle = ?")
            .bind(handle)
            .fetch_optional(self.pool())
            .await?;
        match row {
            Some(row) => Ok(Some((person_from_row(&row)?, row.try_get("password_hash")?))),
            None => Ok(None),
        }
    }

    async fn person(&self, id: PersonId) -> StoreResult<Option<Person>> {
        let row = sqlx::query("SELECT id, handle, display_name FROM persons WHERE id = ?")
            .bind(id.0)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.as_ref().map(person_from_row).transpose()?)
    }

    async fn create_session(&self, person: PersonId, token_hash: &str, expires_at: i64) -> StoreResult<()> {
        sqlx::query("INSERT INTO sessions (token_hash, person_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
            .bind(token_hash)
            .bind(person.0)
            .bind(now_ms())
            .bind(expires_at)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    async fn session_person(&self, token_hash: &str) -> StoreResult<Option<Person>> {
        let row = sqlx::query(
            "SELECT p.id, p.handle, p.display_name FROM sessions s JOIN persons p ON p.id = s.person_id
             WHERE s.token_hash = ? AND s.expires_at > ?",
        )
        .bind(token_hash)
        .bind(now_ms())
        .fetch_optional(self.pool())
        .await?;
        Ok(row.as_ref().map(person_from_row).transpose()?)
    }

    async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = ?").bind(token_hash).execute(self.pool()).await?;
        Ok(())
    }

    async fn viewer(&self, person: PersonId) -> StoreResult<Viewer> {
        // A sign-in to a disabled organization does not count (rule 9).
        let work_org: Option<i64> = sqlx::query_scalar(
            "SELECT d.org_id FROM directory_entries d JOIN orgs o ON o.id = d.org_id
             WHERE d.person_id = ? AND o.enabled = 1",
        )
        .bind(person.0)
        .fetch_optional(self.pool())
        .await?;
        let admin_of: Vec<i64> = sqlx::query_scalar(
            "SELECT org_id FROM org_admins WHERE person_id = ?
             UNION
             SELECT d.org_id FROM directory_entries d JOIN orgs o ON o.id = d.org_id
             WHERE d.person_id = ? AND d.is_admin = 1 AND o.enabled = 1",
        )
        .bind(person.0)
        .bind(person.0)
        .fetch_all(self.pool())
        .await?;
        Ok(Viewer { person, work_org: work_org.map(OrgId), admin_of: admin_of.into_iter().map(OrgId).collect() })
    }

    async fn account(&self, person: PersonId) -> StoreResult<AccountFacts> {
        let work_account = sqlx::query(
            "SELECT d.id, d.org_id, o.name AS org_name, d.email, d.alias, d.designation, d.department
             FROM directory_entries d JOIN orgs o ON o.id = d.org_id
             WHERE d.person_id = ? AND o.enabled = 1",
        )
        .bind(person.0)
        .fetch_optional(self.pool())
        .await?
        .map(|row| -> Result<WorkAccount, sqlx::Error> {
            Ok(WorkAccount {
                org_id: OrgId(row.try_get("org_id")?),
                org_name: row.try_get("org_name")?,
                directory_entry_id: DirectoryEntryId(row.try_get("id")?),
                email: row.try_get("email")?,
                alias: row.try_get("alias")?,
                designation: row.try_get("designation")?,
                department: row.try_get("department")?,
            })
        })
        .transpose()?;
        // The same two ways to be an admin as `viewer`, with names.
        let admin_orgs = sqlx::query(
            "SELECT o.id, o.name FROM orgs o
             WHERE o.id IN (SELECT org_id FROM org_admins WHERE person_id = ?)
                OR (o.enabled = 1 AND o.id IN
                    (SELECT org_id FROM directory_entries WHERE person_id = ? AND is_admin = 1))
             ORDER BY o.name COLLATE NOCASE, o.id",
        )
        .bind(person.0)
        .bind(person.0)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|row| Ok(OrgRef { id: OrgId(row.try_get("id")?), name: row.try_get("name")? }))
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
        let row = sqlx::query(
            "SELECT p.email_enabled, p.email_delay_minutes, i.installation_id
             FROM persons p, installation i WHERE p.id = ?",
        )
        .bind(person.0)
        .fetch_one(self.pool())
        .await?;
        Ok(AccountFacts {
            work_account,
            admin_orgs,
            email_enabled: row.try_get::<i64, _>("email_enabled")? != 0,
            email_delay_minutes: delay_minutes(row.try_get("email_delay_minutes")?),
            installation: row.try_get("installation_id")?,
        })
    }

    async fn set_email_settings(&self, person: PersonId, settings: EmailSettings) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        sqlx::query("UPDATE persons SET email_enabled = ?, email_delay_minutes = ? WHERE id = ?")
            .bind(i64::from(settings.enabled))
            .bind(i64::from(settings.delay_minutes))
            .bind(person.0)
            .execute(&mut *tx)
            .await?;
        events::append(&mut tx, &[person], &Event::MeChanged).await?;
        self.commit(tx).await
    }

    async fn work_account_candidates(&self, email: &str) -> StoreResult<Vec<WorkAccountCandidate>> {
        let rows = sqlx::query(
            "SELECT d.id, d.org_id, d.password_hash, o.enabled FROM directory_entries d JOIN orgs o ON o.id = d.org_id
             WHERE d.email = ? ORDER BY d.id",
        )
        .bind(email)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(WorkAccountCandidate {
                    entry: DirectoryEntryId(row.try_get("id")?),
                    org: OrgId(row.try_get("org_id")?),
                    password_hash: row.try_get("password_hash")?,
                    org_enabled: row.try_get::<i64, _>("enabled")? != 0,
                })
            })
            .collect()
    }

    async fn link_work_account(&self, person: PersonId, entry: DirectoryEntryId) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let row = sqlx::query(
            "SELECT d.person_id, o.enabled FROM directory_entries d JOIN orgs o ON o.id = d.org_id WHERE d.id = ?",
        )
        .bind(entry.0)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::code(ErrorCode::NotFound))?;
        if row.try_get::<i64, _>("enabled")? == 0 {
            return Err(AppError::code(ErrorCode::OrgDisabled));
        }
        match row.try_get::<Option<i64>, _>("person_id")?.map(PersonId) {
            Some(current) if current == person => return Ok(()),
            Some(_) => {
                return Err(AppError::msg(ErrorCode::Conflict, "Someone else is signed in to this work account."));
            }
            None => {}
        }
        let other: Option<String> = sqlx::query_scalar(
            "SELECT o.name FROM directory_entries d JOIN orgs o ON o.id = d.org_id WHERE d.person_id = ?",
        )
        .bind(person.0)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(org_name) = other {
            return Err(AppError::msg(
                ErrorCode::Conflict,
                format!(
                    "You are signed in to the work account of {org_name}. Sign out of it first: one work account at a time."
                ),
            ));
        }
        sqlx::query("UPDATE directory_entries SET person_id = ?, linked_at = ? WHERE id = ?")
            .bind(person.0)
            .bind(now_ms())
            .bind(entry.0)
            .execute(&mut *tx)
            .await?;

        // Where the person already took part by person (a guest before they
        // signed in), the entry's row takes over: one membership per person,
        // keeping the higher role and the further read position.
        let duplicates = sqlx::query(
            "SELECT e.id AS entry_row, p.id AS person_row, p.role, p.read_seq, p.joined_seq, p.joined_at
             FROM conversation_members e
             JOIN conversation_members p ON p.conversation_id = e.conversation_id AND p.person_id = ?
             WHERE e.directory_entry_id = ?",
        )
        .bind(person.0)
        .bind(entry.0)
        .fetch_all(&mut *tx)
        .await?;
        for dup in &duplicates {
            sqlx::query(
                "UPDATE conversation_members SET
                    role = CASE WHEN ? = 'admin' THEN 'admin' ELSE role END,
                    read_seq = MAX(read_seq, ?), joined_seq = MIN(joined_seq, ?), joined_at = MIN(joined_at, ?)
                 WHERE id = ?",
            )
            .bind(dup.try_get::<String, _>("role")?)
            .bind(dup.try_get::<i64, _>("read_seq")?)
            .bind(dup.try_get::<i64, _>("joined_seq")?)
            .bind(dup.try_get::<i64, _>("joined_at")?)
            .bind(dup.try_get::<i64, _>("entry_row")?)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM conversation_members WHERE id = ?")
                .bind(dup.try_get::<i64, _>("person_row")?)
                .execute(&mut *tx)
                .await?;
        }

        events::append(&mut tx, &[person], &Event::MeChanged).await?;
        // Rule 1: once linked, they see every chat and group the entry was added to.
        for conversation in entry_conversations(&mut tx, entry).await? {
            events::append(&mut tx, &[person], &Event::ConversationAdded { conversation_id: conversation }).await?;
        }
        announce_entry_change(&mut tx, entry, Some(person)).await?;
        self.commit(tx).await
    }

    async fn unlink_work_account(&self, person: PersonId) -> StoreResult<bool> {
        let mut tx = self.begin().await?;
        let Some(row) = sqlx::query("SELECT id, org_id FROM directory_entries WHERE person_id = ?")
            .bind(person.0)
            .fetch_optional(&mut *tx)
            .await?
        else {
            return Ok(false);
        };
        let entry = DirectoryEntryId(row.try_get("id")?);
        let org = OrgId(row.try_get("org_id")?);
        // Rule 10: they leave the organization's groups at once.
        conversations::leave_org(&mut tx, org, entry, Some(person), RevocationReason::SignedOutOfWorkAccount).await?;
        announce_entry_change(&mut tx, entry, Some(person)).await?;
        sqlx::query("UPDATE directory_entries SET person_id = NULL, linked_at = NULL WHERE id = ?")
            .bind(entry.0)
            .execute(&mut *tx)
            .await?;
        let revoked = Event::OrgRevoked { org_id: org, reason: RevocationReason::SignedOutOfWorkAccount };
        events::append(&mut tx, &[person], &revoked).await?;
        events::append(&mut tx, &[person], &Event::MeChanged).await?;
        self.commit(tx).await?;
        Ok(true)
    }

    async fn directory_attributes_of(&self, person: PersonId) -> StoreResult<Option<DirectoryAttributes>> {
        let row = sqlx::query(
            "SELECT d.id, d.email, d.alias, d.designation, d.department,
                    o.id AS org_id, o.name AS org_name, o.domain, o.description
             FROM directory_entries d JOIN orgs o ON o.id = d.org_id
             WHERE d.person_id = ? AND o.enabled = 1",
        )
        .bind(person.0)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(DirectoryAttributes {
            directory_entry_id: DirectoryEntryId(row.try_get("id")?),
            email: row.try_get("email")?,
            alias: row.try_get("alias")?,
            designation: row.try_get("designation")?,
            department: row.try_get("department")?,
            org: OrgProfile {
                id: OrgId(row.try_get("org_id")?),
                name: row.try_get("org_name")?,
                domain: row.try_get("domain")?,
                description: row.try_get("description")?,
            },
        }))
    }

    async fn shares_org_conversation(&self, a: PersonId, b: PersonId, org: OrgId) -> StoreResult<bool> {
        // A person takes part by a person row or through the entry they are signed in to.
        let shared: i64 = sqlx::query_scalar(
            "SELECT EXISTS (
                SELECT 1 FROM conversations c
                WHERE c.owner_org_id = ?
                  AND EXISTS (SELECT 1 FROM conversation_members m
                              LEFT JOIN directory_entries d ON d.id = m.directory_entry_id
                              WHERE m.conversation_id = c.id AND (m.person_id = ? OR d.person_id = ?))
                  AND EXISTS (SELECT 1 FROM conversation_members m
                              LEFT JOIN directory_entries d ON d.id = m.directory_entry_id
                              WHERE m.conversation_id = c.id AND (m.person_id = ? OR d.person_id = ?)))",
        )
        .bind(org.0)
        .bind(a.0)
        .bind(a.0)
        .bind(b.0)
        .bind(b.0)
        .fetch_one(self.pool())
        .await?;
        Ok(shared != 0)
    }

    async fn contacts(&self, owner: PersonId) -> StoreResult<Vec<Contact>> {
        let rows = sqlx::query(
            "SELECT p.id, p.handle, p.display_name, c.added_at FROM contacts c JOIN persons p ON p.id = c.person_id
             WHERE c.owner_id = ? ORDER BY p.display_name COLLATE NOCASE, p.id",
        )
        .bind(owner.0)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.iter().map(contact_from_row).collect::<Result<_, _>>()?)
    }

    async fn add_contact(&self, owner: PersonId, person: PersonId) -> StoreResult<(Contact, bool)> {
        let mut tx = self.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO contacts (owner_id, person_id, added_at) VALUES (?, ?, ?)
             ON CONFLICT (owner_id, person_id) DO NOTHING",
        )
        .bind(owner.0)
        .bind(person.0)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0;
        if inserted {
            // The owner's other devices refresh their contacts.
            events::append(&mut tx, &[owner], &Event::MeChanged).await?;
        }
        self.commit(tx).await?;
        let contact = self
            .contact(owner, person)
            .await?
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("contact {owner}->{person} vanished after saving")))?;
        Ok((contact, inserted))
    }

    async fn remove_contact(&self, owner: PersonId, person: PersonId) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let removed = sqlx::query("DELETE FROM contacts WHERE owner_id = ? AND person_id = ?")
            .bind(owner.0)
            .bind(person.0)
            .execute(&mut *tx)
            .await?
            .rows_affected()
            > 0;
        if removed {
            events::append(&mut tx, &[owner], &Event::MeChanged).await?;
        }
        self.commit(tx).await
    }

    async fn is_contact(&self, owner: PersonId, person: PersonId) -> StoreResult<bool> {
        Ok(self.contact(owner, person).await?.is_some())
    }

    async fn search_contacts(&self, owner: PersonId, needle: &str, limit: usize) -> StoreResult<Vec<Person>> {
        // A person's contacts are few: match in Rust, where lowercasing knows Unicode.
        Ok(self
            .contacts(owner)
            .await?
            .into_iter()
            .map(|c| c.person)
            .filter(|p| p.display_name.to_lowercase().contains(needle) || p.handle.to_lowercase().contains(needle))
            .take(limit)
            .collect())
    }

    async fn search_directory(
        &self,
        orgs: &[OrgId],
        needle: &str,
        exclude: PersonId,
        limit: usize,
    ) -> StoreResult<Vec<SearchResult>> {
        if orgs.is_empty() || !searchable(needle) || limit == 0 {
            return Ok(Vec::new());
        }
        // The organizations travel as one JSON array, so the SQL stays literal.
        let orgs = serde_json::to_string(&orgs.iter().map(|o| o.0).collect::<Vec<i64>>())?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = sqlx::query(
            "SELECT d.id, d.person_id, d.display_name, d.email, d.alias, d.designation, d.department,
                    o.id AS org_id, o.name AS org_name
             FROM directory_entries d JOIN orgs o ON o.id = d.org_id
             WHERE d.org_id IN (SELECT value FROM json_each(?)) AND instr(d.search_key, ?) > 0
               AND (d.person_id IS NULL OR d.person_id <> ?)
             ORDER BY d.display_name COLLATE NOCASE, d.id LIMIT ?",
        )
        .bind(orgs)
        .bind(needle)
        .bind(exclude.0)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.iter().map(directory_result_from_row).collect::<Result<_, _>>()?)
    }
}
