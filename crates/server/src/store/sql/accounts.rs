//! [`AccountRows`] on either backend.

use async_trait::async_trait;
use samtal_core::api::{Contact, DirectoryAttributes, OrgProfile, OrgRef, Person, WorkAccount};
use samtal_core::{DirectoryEntryId, Millis, OrgId, PersonId};

use super::{SqlTx, dialect};
use crate::store::StoreResult;
use crate::store::accounts::{AccountRows, EmailSettingsRow, SessionRow};
use crate::store::decode::{self, Columns};

#[async_trait]
impl AccountRows for SqlTx {
    async fn insert_person(
        &mut self,
        handle: &str,
        display_name: &str,
        password_hash: &str,
        at: Millis,
    ) -> StoreResult<PersonId> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO persons (handle, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(handle)
        .bind(display_name)
        .bind(password_hash)
        .bind(at)
        .fetch_one(self.conn())
        .await?;
        Ok(PersonId(id))
    }

    async fn person_by_handle(&mut self, handle: &str) -> StoreResult<Option<(Person, String)>> {
        let row = sqlx::query("SELECT id, handle, display_name, password_hash FROM persons WHERE handle = $1")
            .bind(handle)
            .fetch_optional(self.conn())
            .await?;
        match row {
            Some(row) => Ok(Some((decode::person(&row)?, row.text("password_hash")?))),
            None => Ok(None),
        }
    }

    async fn person(&mut self, id: PersonId) -> StoreResult<Option<Person>> {
        let row = sqlx::query("SELECT id, handle, display_name FROM persons WHERE id = $1")
            .bind(id.0)
            .fetch_optional(self.conn())
            .await?;
        row.as_ref().map(decode::person).transpose()
    }

    async fn insert_session(
        &mut self,
        token_hash: &str,
        person: PersonId,
        at: Millis,
        expires_at: Millis,
        device: &str,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, person_id, created_at, expires_at, device, last_seen_at)
             VALUES ($1, $2, $3, $4, $5, $3)",
        )
        .bind(token_hash)
        .bind(person.0)
        .bind(at)
        .bind(expires_at)
        .bind(device)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    async fn session_person(&mut self, token_hash: &str, now: Millis) -> StoreResult<Option<(Person, Millis)>> {
        let row = sqlx::query(
            "SELECT p.id, p.handle, p.display_name, s.last_seen_at FROM sessions s JOIN persons p ON p.id = s.person_id
             WHERE s.token_hash = $1 AND s.expires_at > $2",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(self.conn())
        .await?;
        row.map(|row| Ok((decode::person(&row)?, row.int("last_seen_at")?))).transpose()
    }

    async fn delete_session(&mut self, token_hash: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(self.conn()).await?;
        Ok(())
    }

    async fn sessions(&mut self, person: PersonId, now: Millis) -> StoreResult<Vec<SessionRow>> {
        let rows = sqlx::query(
            "SELECT token_hash, device, created_at, last_seen_at FROM sessions
             WHERE person_id = $1 AND expires_at > $2 ORDER BY last_seen_at DESC, created_at DESC",
        )
        .bind(person.0)
        .bind(now)
        .fetch_all(self.conn())
        .await?;
        decode::all(&rows, |row| {
            Ok(SessionRow {
                token_hash: row.text("token_hash")?,
                device: row.text("device")?,
                created_at: row.int("created_at")?,
                last_seen_at: row.int("last_seen_at")?,
            })
        })
    }

    async fn touch_session(&mut self, token_hash: &str, at: Millis) -> StoreResult<()> {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(at)
            .bind(token_hash)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    async fn set_password_hash(&mut self, person: PersonId, password_hash: &str) -> StoreResult<()> {
        sqlx::query("UPDATE persons SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(person.0)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    async fn enabled_work_org(&mut self, person: PersonId) -> StoreResult<Option<OrgId>> {
        let org: Option<i64> = sqlx::query_scalar(
            "SELECT d.org_id FROM directory_entries d JOIN orgs o ON o.id = d.org_id
             WHERE d.person_id = $1 AND o.enabled",
        )
        .bind(person.0)
        .fetch_optional(self.conn())
        .await?;
        Ok(org.map(OrgId))
    }

    async fn admin_orgs(&mut self, person: PersonId) -> StoreResult<Vec<OrgRef>> {
        let sql = format!(
            "SELECT o.id, o.name FROM orgs o
             WHERE o.id IN (SELECT org_id FROM org_admins WHERE person_id = $1)
                OR (o.enabled AND o.id IN
                    (SELECT org_id FROM directory_entries WHERE person_id = $2 AND is_admin))
             ORDER BY {}, o.id",
            dialect::caseless("o.name")
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(person.0).bind(person.0).fetch_all(self.conn()).await?;
        decode::all(&rows, |row| Ok(OrgRef { id: OrgId(row.int("id")?), name: row.text("name")? }))
    }

    async fn work_account(&mut self, person: PersonId) -> StoreResult<Option<WorkAccount>> {
        let row = sqlx::query(
            "SELECT d.id, d.org_id, o.name AS org_name, d.email, d.alias, d.designation, d.department
             FROM directory_entries d JOIN orgs o ON o.id = d.org_id
             WHERE d.person_id = $1 AND o.enabled",
        )
        .bind(person.0)
        .fetch_optional(self.conn())
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(WorkAccount {
            org_id: OrgId(row.int("org_id")?),
            org_name: row.text("org_name")?,
            directory_entry_id: DirectoryEntryId(row.int("id")?),
            email: row.text("email")?,
            alias: row.text("alias")?,
            designation: row.text("designation")?,
            department: row.text("department")?,
        }))
    }

    async fn directory_attributes(&mut self, person: PersonId) -> StoreResult<Option<DirectoryAttributes>> {
        let row = sqlx::query(
            "SELECT d.id, d.email, d.alias, d.designation, d.department,
                    o.id AS org_id, o.name AS org_name, o.domain, o.description
             FROM directory_entries d JOIN orgs o ON o.id = d.org_id
             WHERE d.person_id = $1 AND o.enabled",
        )
        .bind(person.0)
        .fetch_optional(self.conn())
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(DirectoryAttributes {
            directory_entry_id: DirectoryEntryId(row.int("id")?),
            email: row.text("email")?,
            alias: row.text("alias")?,
            designation: row.text("designation")?,
            department: row.text("department")?,
            org: OrgProfile {
                id: OrgId(row.int("org_id")?),
                name: row.text("org_name")?,
                domain: row.text("domain")?,
                description: row.text("description")?,
            },
        }))
    }

    async fn email_settings(&mut self, person: PersonId) -> StoreResult<EmailSettingsRow> {
        let row = sqlx::query("SELECT email_enabled, email_delay_minutes FROM persons WHERE id = $1")
            .bind(person.0)
            .fetch_one(self.conn())
            .await?;
        Ok(EmailSettingsRow { enabled: row.flag("email_enabled")?, delay_minutes: row.opt_int("email_delay_minutes")? })
    }

    async fn set_email_settings(&mut self, person: PersonId, enabled: bool, delay_minutes: i64) -> StoreResult<()> {
        sqlx::query("UPDATE persons SET email_enabled = $1, email_delay_minutes = $2 WHERE id = $3")
            .bind(enabled)
            .bind(delay_minutes)
            .bind(person.0)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    async fn language(&mut self, person: PersonId) -> StoreResult<Option<String>> {
        let row =
            sqlx::query("SELECT language FROM persons WHERE id = $1").bind(person.0).fetch_one(self.conn()).await?;
        row.opt_text("language")
    }

    async fn set_language(&mut self, person: PersonId, language: Option<&str>) -> StoreResult<()> {
        sqlx::query("UPDATE persons SET language = $1 WHERE id = $2")
            .bind(language)
            .bind(person.0)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    async fn installation_id(&mut self) -> StoreResult<String> {
        Ok(sqlx::query_scalar("SELECT installation_id FROM installation WHERE id = 1").fetch_one(self.conn()).await?)
    }

    async fn shares_org_conversation(&mut self, a: PersonId, b: PersonId, org: OrgId) -> StoreResult<bool> {
        let shared: bool = sqlx::query_scalar(
            "SELECT EXISTS (
                SELECT 1 FROM conversations c
                WHERE c.owner_org_id = $1
                  AND EXISTS (SELECT 1 FROM conversation_members m
                              LEFT JOIN directory_entries d ON d.id = m.directory_entry_id
                              WHERE m.conversation_id = c.id AND (m.person_id = $2 OR d.person_id = $2))
                  AND EXISTS (SELECT 1 FROM conversation_members m
                              LEFT JOIN directory_entries d ON d.id = m.directory_entry_id
                              WHERE m.conversation_id = c.id AND (m.person_id = $3 OR d.person_id = $3)))",
        )
        .bind(org.0)
        .bind(a.0)
        .bind(b.0)
        .fetch_one(self.conn())
        .await?;
        Ok(shared)
    }

    async fn contacts(&mut self, owner: PersonId) -> StoreResult<Vec<Contact>> {
        let sql = format!(
            "SELECT p.id, p.handle, p.display_name, c.added_at FROM contacts c JOIN persons p ON p.id = c.person_id
             WHERE c.owner_id = $1 ORDER BY {}, p.id",
            dialect::caseless("p.display_name")
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(owner.0).fetch_all(self.conn()).await?;
        decode::all(&rows, decode::contact)
    }

    async fn contact(&mut self, owner: PersonId, person: PersonId) -> StoreResult<Option<Contact>> {
        let row = sqlx::query(
            "SELECT p.id, p.handle, p.display_name, c.added_at FROM contacts c JOIN persons p ON p.id = c.person_id
             WHERE c.owner_id = $1 AND c.person_id = $2",
        )
        .bind(owner.0)
        .bind(person.0)
        .fetch_optional(self.conn())
        .await?;
        row.as_ref().map(decode::contact).transpose()
    }

    async fn insert_contact(&mut self, owner: PersonId, person: PersonId, at: Millis) -> StoreResult<bool> {
        let done = sqlx::query(
            "INSERT INTO contacts (owner_id, person_id, added_at) VALUES ($1, $2, $3)
             ON CONFLICT (owner_id, person_id) DO NOTHING",
        )
        .bind(owner.0)
        .bind(person.0)
        .bind(at)
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn delete_contact(&mut self, owner: PersonId, person: PersonId) -> StoreResult<bool> {
        let done = sqlx::query("DELETE FROM contacts WHERE owner_id = $1 AND person_id = $2")
            .bind(owner.0)
            .bind(person.0)
            .execute(self.conn())
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
