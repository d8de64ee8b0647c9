//! [`LimitRows`] on SQLite.

use async_trait::async_trait;
use samtal_core::Millis;
use samtal_core::limits::Window;

use super::SqliteTx;
use crate::store::StoreResult;
use crate::store::decode::Columns;
use crate::store::limits::LimitRows;

#[async_trait]
impl LimitRows for SqliteTx {
    async fn rate_window(&mut self, key: &str) -> StoreResult<Option<Window>> {
        let row = sqlx::query("SELECT started_at, tries FROM rate_windows WHERE key = ?")
            .bind(key)
            .fetch_optional(self.conn())
            .await?;
        row.map(|row| Ok(Window { started_at: row.int("started_at")?, tries: row.int("tries")? })).transpose()
    }

    async fn lock_rate_window(&mut self, key: &str) -> StoreResult<Option<Window>> {
        // A write transaction holds the database's one write lock already.
        self.rate_window(key).await
    }

    async fn put_rate_window(&mut self, key: &str, window: Window) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO rate_windows (key, started_at, tries) VALUES (?, ?, ?)
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
            sqlx::query("DELETE FROM rate_windows WHERE started_at < ?").bind(before).execute(self.conn()).await?;
        Ok(done.rows_affected())
    }
}
