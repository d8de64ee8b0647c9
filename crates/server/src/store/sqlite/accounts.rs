//! [`AccountStore`] on SQLite.

use async_trait::async_trait;
use samtal_core::api::Person;
use samtal_core::rules::Viewer;
use samtal_core::{ErrorCode, OrgId, PersonId};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::{SqliteStore, is_unique_violation};
use crate::error::AppError;
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
}
