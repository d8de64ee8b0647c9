//! [`AdminStore`] on SQLite.

use samtal_core::{OrgId, PersonId};
use sqlx::SqliteConnection;

use super::SqliteStore;
use crate::store::{AdminStore, StoreResult};
use crate::time::now_ms;

impl AdminStore for SqliteStore {}

/// Appends to an organization's audit log inside the caller's transaction.
/// Every admin and group-admin action on an org's data calls this.
pub(crate) async fn audit(
    conn: &mut SqliteConnection,
    org: OrgId,
    actor: Option<PersonId>,
    action: &str,
    target: &str,
    detail: serde_json::Value,
) -> StoreResult<()> {
    sqlx::query("INSERT INTO audit_log (org_id, actor_id, action, target, detail, at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(org.0)
        .bind(actor.map(|p| p.0))
        .bind(action)
        .bind(target)
        .bind(detail.to_string())
        .bind(now_ms())
        .execute(conn)
        .await?;
    Ok(())
}
