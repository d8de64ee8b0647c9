//! What a backup needs of an SQLite database: a consistent copy of it
//! while it is in use, the attachment files a copy names, and a check that
//! a restored file is whole.

use std::path::Path;

use super::SqliteStore;
use crate::store::{StoreError, StoreResult};

impl SqliteStore {
    /// Writes a consistent copy of the database to `path` (which must not
    /// exist) while writers carry on: `VACUUM INTO` reads one snapshot,
    /// so the copy holds every transaction committed before it began and
    /// nothing after.
    pub async fn snapshot_into(&self, path: &Path) -> StoreResult<()> {
        let target = path.to_str().ok_or_else(|| StoreError::Corrupt(format!("{} is not UTF-8", path.display())))?;
        sqlx::query("VACUUM INTO ?").bind(target).execute(&self.pool).await?;
        Ok(())
    }

    /// The keys of every attachment's bytes the database names.
    pub async fn attachment_keys(&self) -> StoreResult<Vec<String>> {
        Ok(sqlx::query_scalar("SELECT DISTINCT COALESCE(file_key, storage_key) FROM attachments ORDER BY 1")
            .fetch_all(&self.pool)
            .await?)
    }

    /// SQLite's own check of the file: `ok`, or what is wrong.
    pub async fn integrity_check(&self) -> StoreResult<String> {
        let rows: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&self.pool).await?;
        Ok(rows.join("; "))
    }

    /// Closes every connection, so the file can be moved.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Opens a snapshot or a restored file read-only, as it is: no
    /// migrations, nothing written next to it.
    pub async fn open_snapshot(path: &Path) -> StoreResult<Self> {
        let options = sqlx::sqlite::SqliteConnectOptions::new().filename(path).read_only(true).immutable(true);
        let pool = sqlx::sqlite::SqlitePoolOptions::new().max_connections(1).connect_with(options).await?;
        Ok(Self { pool })
    }

    /// Opens an existing database as it is, for copying it while its server
    /// runs: nothing is created and no migration runs.
    pub async fn open_snapshot_source(path: &Path) -> StoreResult<Self> {
        let options = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(false)
            .busy_timeout(std::time::Duration::from_secs(10));
        let pool = sqlx::sqlite::SqlitePoolOptions::new().max_connections(1).connect_with(options).await?;
        Ok(Self { pool })
    }
}
