//! [`CacheKeyRows`] on either backend.

use std::collections::BTreeMap;

use async_trait::async_trait;
use samtal_core::{Millis, OrgId};

use super::{SqlTx, dialect};
use crate::store::StoreResult;
use crate::store::cache_keys::CacheKeyRows;
use crate::store::decode::Columns;

#[async_trait]
impl CacheKeyRows for SqlTx {
    async fn cache_keys(&mut self, orgs: &[OrgId]) -> StoreResult<BTreeMap<OrgId, String>> {
        let sql = format!("SELECT org_id, cache_key FROM org_cache_keys WHERE org_id {}", dialect::in_ids(1));
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(dialect::id_list(orgs.iter().map(|o| o.0))?)
            .fetch_all(self.conn())
            .await?;
        rows.iter().map(|row| Ok((OrgId(row.int("org_id")?), row.text("cache_key")?))).collect()
    }

    async fn insert_cache_key(&mut self, org: OrgId, key: &str, at: Millis) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO org_cache_keys (org_id, cache_key, created_at) VALUES ($1, $2, $3) ON CONFLICT (org_id) DO NOTHING",
        )
        .bind(org.0)
        .bind(key)
        .bind(at)
        .execute(self.conn())
        .await?;
        Ok(())
    }
}
