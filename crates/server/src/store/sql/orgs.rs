//! [`OrgRows`] on either backend.

use async_trait::async_trait;
use samtal_core::api::{AuditEntry, Org};
use samtal_core::{Millis, OrgId, PersonId, TenantPolicies};

use super::{SqlTx, dialect};
use crate::store::StoreResult;
use crate::store::decode::{self, ORG_COLUMNS};
use crate::store::orgs::{NewAuditEntry, OrgRows};

#[async_trait]
impl OrgRows for SqlTx {
    async fn insert_org(
        &mut self,
        name: &str,
        domain: &str,
        description: &str,
        policies: &TenantPolicies,
        at: Millis,
    ) -> StoreResult<OrgId> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO orgs (name, domain, description, enabled, tenant_policies, created_at)
             VALUES ($1, $2, $3, TRUE, $4, $5) RETURNING id",
        )
        .bind(name)
        .bind(domain)
        .bind(description)
        .bind(serde_json::to_string(policies)?)
        .bind(at)
        .fetch_one(self.conn())
        .await?;
        Ok(OrgId(id))
    }

    async fn insert_org_admin(&mut self, org: OrgId, person: PersonId) -> StoreResult<()> {
        sqlx::query("INSERT INTO org_admins (org_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(org.0)
            .bind(person.0)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    async fn org(&mut self, id: OrgId) -> StoreResult<Option<Org>> {
        let sql = format!("SELECT {ORG_COLUMNS} FROM orgs WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.0).fetch_optional(self.conn()).await?;
        row.as_ref().map(decode::org).transpose()
    }

    async fn orgs(&mut self, ids: &[OrgId]) -> StoreResult<Vec<Org>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!("SELECT {ORG_COLUMNS} FROM orgs WHERE id {} ORDER BY id", dialect::in_ids(1));
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(dialect::id_list(ids.iter().map(|o| o.0))?)
            .fetch_all(self.conn())
            .await?;
        decode::all(&rows, decode::org)
    }

    async fn set_tenant_policies(&mut self, org: OrgId, policies: &TenantPolicies) -> StoreResult<()> {
        sqlx::query("UPDATE orgs SET tenant_policies = $1 WHERE id = $2")
            .bind(serde_json::to_string(policies)?)
            .bind(org.0)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    async fn set_org_enabled(&mut self, org: OrgId, enabled: bool) -> StoreResult<()> {
        sqlx::query("UPDATE orgs SET enabled = $1 WHERE id = $2")
            .bind(enabled)
            .bind(org.0)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    async fn insert_audit(&mut self, entry: NewAuditEntry<'_>) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO audit_log (org_id, actor_id, actor_label, action, target, detail, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(entry.org.0)
        .bind(entry.actor.map(|p| p.0))
        .bind(entry.actor_label)
        .bind(entry.action)
        .bind(entry.target)
        .bind(entry.detail.to_string())
        .bind(entry.at)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    async fn audit_log(&mut self, org: OrgId, limit: u32) -> StoreResult<Vec<AuditEntry>> {
        let rows = sqlx::query(
            "SELECT a.id, a.actor_label, a.action, a.target, a.detail, a.at, p.id AS person_id, p.handle, p.display_name
             FROM audit_log a LEFT JOIN persons p ON p.id = a.actor_id
             WHERE a.org_id = $1 ORDER BY a.id DESC LIMIT $2",
        )
        .bind(org.0)
        .bind(i64::from(limit))
        .fetch_all(self.conn())
        .await?;
        decode::all(&rows, decode::audit_entry)
    }
}
