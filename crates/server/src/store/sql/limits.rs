//! [`LimitRows`] on either backend.

use async_trait::async_trait;
use samtal_core::Millis;
use samtal_core::limits::Window;

use super::{SqlTx, dialect};
use crate::store::StoreResult;
use crate::store::decode::Columns;
use crate::store::limits::LimitRows;

#[async_trait]
impl LimitRows for SqlTx {
    async fn rate_window(&mut self, key: &str) -> StoreResult<Option<Window>> {
        let row = sqlx::query("SELECT started_at, tries FROM rate_windows WHERE key = $1")
            .bind(key)
            .fetch_optional(self.conn())
            .await?;
        row.map(|row| Ok(Window { started_at: row.int("started_at")?, tries: row.int("tries")? })).transpose()
    }

    async fn lock_rate_window(&mut self, key: &str) -> StoreResult<Option<Window>> {
        if let Some(claim) = dialect::CLAIM_RATE_WINDOW {
            sqlx::query(claim).bind(key).execute(self.conn()).await?;
        }
        let sql = format!("SELECT started_at, tries FROM rate_windows WHERE key = $1{}", dialect::FOR_UPDATE);
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(key).fetch_optional(self.conn()).await?;
        row.map(|row| Ok(Window { started_at: row.int("started_at")?, tries: row.int("tries")? })).transpose()
    }

    async fn put_rate_window(&mut self, key: &str, window: Window) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO rate_windows (key, started_at, tries) VALUES ($1, $2, $3)
             ON CONFLICT (key) DO UPDATE SET started_at = excluded.started_at, tries = excluded.tries",
        )
        .bind(key)
        .bind(window.started_at)
        .bind(window.tries)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    async fn forget_rate_windows(&mut self, before: Millis) -> StoreResult<u64> {
        let done =
            sqlx::query("DELETE FROM rate_windows WHERE started_at < $1").bind(before).execute(self.conn()).await?;
        Ok(done.rows_affected())
    }
}
