//! The PostgreSQL backend (15 and later), for organizations that outgrow one
//! machine. Migrations from `migrations/postgres` run at open; sqlx holds a
//! PostgreSQL advisory lock while migrating, so two servers starting
//! together on one database migrate one after the other.
//!
//! Write transactions take one transaction-scoped advisory lock first:
//! writers run one at a time, as on SQLite. That keeps two promises the
//! domain layer relies on without retry loops: the facts a verdict rests on
//! can't change between the check and the write, and event ids (drawn from
//! a sequence) become visible in the order they were drawn, so a reader
//! resuming from a cursor never skips an event committed late. Reads run
//! beside writers in a repeatable-read snapshot.

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgConnection, PgPool, Postgres, Transaction};

pub use self::copy::CopyReport;
use super::{Store, StoreResult, Tx};

mod accounts;
mod cache_keys;
mod conversations;
mod copy;
mod directory;
mod events;
mod mail;
mod messages;
mod orgs;

/// The advisory lock key of write transactions ("samtal" in ASCII).
const WRITE_LOCK: i64 = 0x7361_6d74_616c;

/// The PostgreSQL store.
#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    /// Connects to `url` (`postgres://user@host/db`) and migrates the database.
    pub async fn open(url: &str) -> StoreResult<Self> {
        let options = PgConnectOptions::from_str(url)?;
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        Ok(Self { pool })
    }
}

#[async_trait]
impl Store for PostgresStore {
    async fn write(&self) -> StoreResult<Box<dyn Tx>> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(WRITE_LOCK).execute(&mut *tx).await?;
        Ok(Box::new(PgTx { tx }))
    }

    async fn read(&self) -> StoreResult<Box<dyn Tx>> {
        let tx = self.pool.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY").await?;
        Ok(Box::new(PgTx { tx }))
    }

    fn backend(&self) -> &'static str {
        "postgres"
    }
}

/// A transaction on the PostgreSQL store.
pub struct PgTx {
    tx: Transaction<'static, Postgres>,
}

impl PgTx {
    fn conn(&mut self) -> &mut PgConnection {
        &mut self.tx
    }
}

#[async_trait]
impl Tx for PgTx {
    async fn commit(self: Box<Self>) -> StoreResult<()> {
        Ok(self.tx.commit().await?)
    }
}
