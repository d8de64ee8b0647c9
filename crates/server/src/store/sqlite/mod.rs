//! The SQLite backend: one database file under the data directory, WAL
//! journal, foreign keys on, migrations from `migrations/` applied at open.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use tokio::sync::watch;

use crate::error::AppError;
use crate::store::StoreResult;

mod accounts;
mod admin;
mod cache_keys;
mod context;
mod conversations;
pub(crate) mod events;
mod messages;

/// A transaction on the SQLite store.
pub type Tx = Transaction<'static, Sqlite>;

/// The SQLite implementation of every store trait.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    /// Bumped after every commit that appended events.
    hub: watch::Sender<u64>,
}

impl SqliteStore {
    /// Opens (creating if needed) `samtal.db` in `data_dir` and migrates it.
    pub async fn open(data_dir: &Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(data_dir)?;
        let url = format!("sqlite://{}", data_dir.join("samtal.db").display());
        let options = SqliteConnectOptions::from_str(&url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: an acknowledged message survives a power loss, not only a crash.
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        let (hub, _) = watch::channel(0);
        Ok(Self { pool, hub })
    }

    /// The connection pool, for code inside the store.
    pub(crate) fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Starts a write transaction. `BEGIN IMMEDIATE` takes the write lock up
    /// front, so two writers queue instead of failing on upgrade.
    pub(crate) async fn begin(&self) -> StoreResult<Tx> {
        let mut tx = self.pool.begin().await?;
        // sqlx starts with a deferred BEGIN; take the lock now with a no-op write.
        sqlx::query("UPDATE conversations SET id = id WHERE 0").execute(&mut *tx).await?;
        Ok(tx)
    }

    /// Commits and wakes the event streams.
    pub(crate) async fn commit(&self, tx: Tx) -> StoreResult<()> {
        tx.commit().await.map_err(AppError::from)?;
        self.hub.send_modify(|n| *n = n.wrapping_add(1));
        Ok(())
    }

    pub(crate) fn hub(&self) -> &watch::Sender<u64> {
        &self.hub
    }
}

/// Whether an error is a UNIQUE constraint violation (a conflict, not a fault).
pub(crate) fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.is_unique_violation())
}
