//! The SQLite backend, the embedded default: one database file, WAL journal,
//! `synchronous = FULL`, foreign keys on, migrations from
//! `migrations/sqlite` applied at open.
//!
//! SQLite has one writer at a time: write transactions start with `BEGIN
//! IMMEDIATE`, so they queue for the lock up front instead of failing when
//! a read transaction tries to upgrade.

use std::path::Path;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

pub use self::sql::SqlTx;
use super::{Store, StoreResult, Tx};

mod backup;
mod dialect;

/// The database the shared store code (`store/sql/`) runs on here.
type Db = sqlx::Sqlite;

// The store's areas, one body for both backends: each backend compiles
// the same files on purpose, with its own `Db` and `dialect`.
#[allow(clippy::duplicate_mod)]
#[path = "../sql/mod.rs"]
mod sql;

/// The SQLite store.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if needed) `samtal.db` in `data_dir` and migrates it.
    pub async fn open_in(data_dir: &Path) -> StoreResult<Self> {
        std::fs::create_dir_all(data_dir).map_err(|e| super::StoreError::Backend(Box::new(e)))?;
        Self::open_file(&data_dir.join("samtal.db")).await
    }

    /// Opens (creating if needed) the database file `path` and migrates it.
    pub async fn open_file(path: &Path) -> StoreResult<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| super::StoreError::Backend(Box::new(e)))?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: an acknowledged message survives a power loss, not only a crash.
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            // Pages are read through a memory map, not a system call each.
            .pragma("mmap_size", "1073741824");
        let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
        // Two servers opening one file migrate one after the other: SQLite's
        // own write lock holds the second until the first has committed.
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        let store = Self { pool };
        let mut tx = SqlTx::new(store.pool.begin_with("BEGIN IMMEDIATE").await?);
        tx.index_unindexed_entries().await?;
        tx.finish().await?;
        Ok(store)
    }

    /// The connection pool, for copying a database.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

#[async_trait]
impl Store for SqliteStore {
    async fn write(&self) -> StoreResult<Box<dyn Tx>> {
        Ok(Box::new(SqlTx::new(self.pool.begin_with("BEGIN IMMEDIATE").await?)))
    }

    async fn read(&self) -> StoreResult<Box<dyn Tx>> {
        Ok(Box::new(SqlTx::new(self.pool.begin().await?)))
    }

    fn backend(&self) -> &'static str {
        "sqlite"
    }
}
