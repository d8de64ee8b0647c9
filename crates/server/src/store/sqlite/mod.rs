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
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqliteConnection, SqlitePool, Transaction};

use super::{Committed, Store, StoreResult, Tx};

mod accounts;
mod backup;
mod cache_keys;
mod conversations;
mod directory;
mod events;
mod identity;
mod limits;
mod mail;
mod messages;
mod orgs;

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
        let mut tx = SqliteTx {
            tx: store.pool.begin_with("BEGIN IMMEDIATE").await?,
            committed: Committed::default(),
            savepoint: None,
        };
        tx.index_unindexed_entries().await?;
        tx.tx.commit().await?;
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
        let tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        Ok(Box::new(SqliteTx { tx, committed: Committed::default(), savepoint: None }))
    }

    async fn read(&self) -> StoreResult<Box<dyn Tx>> {
        let tx = self.pool.begin().await?;
        Ok(Box::new(SqliteTx { tx, committed: Committed::default(), savepoint: None }))
    }

    fn backend(&self) -> &'static str {
        "sqlite"
    }
}

/// A transaction on the SQLite store.
pub struct SqliteTx {
    tx: Transaction<'static, Sqlite>,
    /// What it appended to the event log so far.
    committed: Committed,
    /// How many events it had appended at the latest savepoint.
    savepoint: Option<usize>,
}

impl SqliteTx {
    fn conn(&mut self) -> &mut SqliteConnection {
        &mut self.tx
    }
}

#[async_trait]
impl Tx for SqliteTx {
    async fn commit(self: Box<Self>) -> StoreResult<Committed> {
        self.tx.commit().await?;
        Ok(self.committed)
    }

    async fn savepoint(&mut self) -> StoreResult<()> {
        // Never released: a later savepoint of the same name hides this one,
        // and the commit keeps all (one statement less per change).
        sqlx::query("SAVEPOINT change").execute(self.conn()).await?;
        self.savepoint = Some(self.committed.events.len());
        Ok(())
    }

    async fn rollback_to_savepoint(&mut self) -> StoreResult<()> {
        sqlx::query("ROLLBACK TO SAVEPOINT change").execute(self.conn()).await?;
        if let Some(appended) = self.savepoint.take() {
            self.committed.events.truncate(appended);
        }
        Ok(())
    }
}

/// A JSON array of ids, for `json_each(?)`: the SQL stays literal however
/// many ids there are.
fn id_list(ids: impl IntoIterator<Item = i64>) -> StoreResult<String> {
    Ok(serde_json::to_string(&ids.into_iter().collect::<Vec<_>>())?)
}
