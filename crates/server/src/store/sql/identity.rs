//! [`IdentityRows`] on either backend.

use async_trait::async_trait;
use samtal_core::identity::ScimToken;
use samtal_core::{DirectoryEntryId, Millis, OrgId, PersonId, ScimTokenId};

use super::SqlTx;
use crate::store::StoreResult;
use crate::store::decode::{self, Columns, SCIM_USER_COLUMNS};
use crate::store::identity::{IdentityRows, NewScimUser, OidcLogin, OidcRow, ScimClient, ScimUserFilter, ScimUserRow};

#[async_trait]
impl IdentityRows for SqlTx {
    async fn oidc_config(&mut self, org: OrgId) -> StoreResult<Option<OidcRow>> {
        let row =
            sqlx::query("SELECT issuer, client_id, client_secret, claim, updated_at FROM org_oidc WHERE org_id = $1")
                .bind(org.0)
                .fetch_optional(self.conn())
                .await?;
        row.as_ref().map(decode::oidc_row).transpose()
    }

    async fn put_oidc_config(&mut self, org: OrgId, row: &OidcRow) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO org_oidc (org_id, issuer, client_id, client_secret, claim, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (org_id) DO UPDATE SET issuer = excluded.issuer, client_id = excluded.client_id,
                client_secret = excluded.client_secret, claim = excluded.claim, updated_at = excluded.updated_at",
        )
        .bind(org.0)
        .bind(&row.issuer)
        .bind(&row.client_id)
        .bind(&row.sealed_secret)
        .bind(row.claim.name())
        .bind(row.updated_at)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    async fn delete_oidc_config(&mut self, org: OrgId) -> StoreResult<bool> {
        let done = sqlx::query("DELETE FROM org_oidc WHERE org_id = $1").bind(org.0).execute(self.conn()).await?;
        Ok(done.rows_affected() > 0)
    }

    async fn org_by_domain(&mut self, domain: &str) -> StoreResult<Option<OrgId>> {
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM orgs WHERE lower(domain) = $1")
            .bind(domain)
            .fetch_optional(self.conn())
            .await?;
        Ok(id.map(OrgId))
    }

    async fn insert_oidc_login(&mut self, state_hash: &str, login: &OidcLogin) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO oidc_logins (state_hash, person_id, org_id, nonce, pkce_verifier, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(state_hash)
        .bind(login.person.0)
        .bind(login.org.0)
        .bind(&login.nonce)
        .bind(&login.pkce_verifier)
        .bind(login.expires_at)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    async fn take_oidc_login(&mut self, state_hash: &str) -> StoreResult<Option<OidcLogin>> {
        let row = sqlx::query(
            "DELETE FROM oidc_logins WHERE state_hash = $1
             RETURNING person_id, org_id, nonce, pkce_verifier, expires_at",
        )
        .bind(state_hash)
        .fetch_optional(self.conn())
        .await?;
        row.as_ref().map(decode::oidc_login).transpose()
    }

    async fn forget_oidc_logins(&mut self, before: Millis) -> StoreResult<u64> {
        let done =
            sqlx::query("DELETE FROM oidc_logins WHERE expires_at < $1").bind(before).execute(self.conn()).await?;
        Ok(done.rows_affected())
    }

    async fn entry_by_email_in_org(&mut self, org: OrgId, email: &str) -> StoreResult<Option<DirectoryEntryId>> {
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM directory_entries WHERE org_id = $1 AND email = $2")
            .bind(org.0)
            .bind(email)
            .fetch_optional(self.conn())
            .await?;
        Ok(id.map(DirectoryEntryId))
    }

    async fn entry_by_external_id(&mut self, org: OrgId, external_id: &str) -> StoreResult<Option<DirectoryEntryId>> {
        let id: Option<i64> = sqlx::query_scalar(
            "SELECT entry_id FROM scim_users WHERE org_id = $1 AND external_id = $2 AND entry_id IS NOT NULL
             ORDER BY id LIMIT 1",
        )
        .bind(org.0)
        .bind(external_id)
        .fetch_optional(self.conn())
        .await?;
        Ok(id.map(DirectoryEntryId))
    }

    async fn insert_scim_token(
        &mut self,
        org: OrgId,
        name: &str,
        token_hash: &str,
        created_by: PersonId,
        at: Millis,
    ) -> StoreResult<ScimTokenId> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO scim_tokens (org_id, name, token_hash, created_by, created_at) VALUES ($1, $2, $3, $4, $5)
             RETURNING id",
        )
        .bind(org.0)
        .bind(name)
        .bind(token_hash)
        .bind(created_by.0)
        .bind(at)
        .fetch_one(self.conn())
        .await?;
        Ok(ScimTokenId(id))
    }

    async fn scim_tokens(&mut self, org: OrgId) -> StoreResult<Vec<ScimToken>> {
        let rows = sqlx::query(
            "SELECT id, name, created_at, last_used_at FROM scim_tokens
             WHERE org_id = $1 AND revoked_at IS NULL ORDER BY id DESC",
        )
        .bind(org.0)
        .fetch_all(self.conn())
        .await?;
        decode::all(&rows, decode::scim_token)
    }

    async fn revoke_scim_token(&mut self, org: OrgId, token: ScimTokenId, at: Millis) -> StoreResult<Option<String>> {
        Ok(sqlx::query_scalar(
            "UPDATE scim_tokens SET revoked_at = $1 WHERE id = $2 AND org_id = $3 AND revoked_at IS NULL RETURNING name",
        )
        .bind(at)
        .bind(token.0)
        .bind(org.0)
        .fetch_optional(self.conn())
        .await?)
    }

    async fn scim_client(&mut self, token_hash: &str) -> StoreResult<Option<ScimClient>> {
        let row = sqlx::query(
            "SELECT id, org_id, name, last_used_at FROM scim_tokens WHERE token_hash = $1 AND revoked_at IS NULL",
        )
        .bind(token_hash)
        .fetch_optional(self.conn())
        .await?;
        row.map(|row| {
            Ok(ScimClient {
                token: ScimTokenId(row.int("id")?),
                org: OrgId(row.int("org_id")?),
                name: row.text("name")?,
                last_used_at: row.opt_int("last_used_at")?,
            })
        })
        .transpose()
    }

    async fn touch_scim_token(&mut self, token: ScimTokenId, at: Millis) -> StoreResult<()> {
        sqlx::query("UPDATE scim_tokens SET last_used_at = $1 WHERE id = $2")
            .bind(at)
            .bind(token.0)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    async fn insert_scim_user(&mut self, org: OrgId, user: NewScimUser<'_>, at: Millis) -> StoreResult<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO scim_users (org_id, entry_id, user_key, external_id, resource, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(org.0)
        .bind(user.entry.map(|e| e.0))
        .bind(user.user_key)
        .bind(user.external_id)
        .bind(user.resource)
        .bind(at)
        .bind(at)
        .fetch_one(self.conn())
        .await?)
    }

    async fn update_scim_user(&mut self, id: i64, user: NewScimUser<'_>, at: Millis) -> StoreResult<()> {
        sqlx::query(
            "UPDATE scim_users SET entry_id = $1, user_key = $2, external_id = $3, resource = $4, updated_at = $5
             WHERE id = $6",
        )
        .bind(user.entry.map(|e| e.0))
        .bind(user.user_key)
        .bind(user.external_id)
        .bind(user.resource)
        .bind(at)
        .bind(id)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    async fn scim_user(&mut self, org: OrgId, id: i64) -> StoreResult<Option<ScimUserRow>> {
        let sql = format!("SELECT {SCIM_USER_COLUMNS} FROM scim_users WHERE org_id = $1 AND id = $2");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(org.0).bind(id).fetch_optional(self.conn()).await?;
        row.as_ref().map(decode::scim_user).transpose()
    }

    async fn scim_user_of_entry(&mut self, entry: DirectoryEntryId) -> StoreResult<Option<ScimUserRow>> {
        let sql = format!("SELECT {SCIM_USER_COLUMNS} FROM scim_users WHERE entry_id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(entry.0).fetch_optional(self.conn()).await?;
        row.as_ref().map(decode::scim_user).transpose()
    }

    async fn scim_users(
        &mut self,
        org: OrgId,
        filter: &ScimUserFilter,
        offset: u64,
        count: u64,
    ) -> StoreResult<(u64, Vec<ScimUserRow>)> {
        let (condition, value) = match filter {
            ScimUserFilter::All => ("$1 IS NULL", None),
            ScimUserFilter::UserKey(key) => ("user_key = $1", Some(key.as_str())),
            ScimUserFilter::ExternalId(id) => ("external_id = $1", Some(id.as_str())),
        };
        let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT count(*) FROM scim_users WHERE {condition} AND org_id = $2"
        )))
        .bind(value)
        .bind(org.0)
        .fetch_one(self.conn())
        .await?;
        let sql = format!(
            "SELECT {SCIM_USER_COLUMNS} FROM scim_users WHERE {condition} AND org_id = $2 ORDER BY id LIMIT $3 OFFSET $4"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(value)
            .bind(org.0)
            .bind(i64::try_from(count).unwrap_or(i64::MAX))
            .bind(i64::try_from(offset).unwrap_or(i64::MAX))
            .fetch_all(self.conn())
            .await?;
        Ok((u64::try_from(total).unwrap_or(0), decode::all(&rows, decode::scim_user)?))
    }

    async fn delete_scim_user(&mut self, id: i64) -> StoreResult<()> {
        sqlx::query("DELETE FROM scim_users WHERE id = $1").bind(id).execute(self.conn()).await?;
        Ok(())
    }
}
