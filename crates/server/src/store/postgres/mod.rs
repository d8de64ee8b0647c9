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
use sqlx::{Connection, PgConnection, PgPool};

pub use self::copy::CopyReport;
pub use self::sql::SqlTx;
use super::{Lease, Role, Store, StoreResult, Tx};

mod copy;
mod dialect;

/// The database the shared store code (`store/sql/`) runs on here.
type Db = sqlx::Postgres;

// The store's areas, one body for both backends: each backend compiles
// the same files on purpose, with its own `Db` and `dialect`.
#[allow(clippy::duplicate_mod)]
#[path = "../sql/mod.rs"]
mod sql;

/// The advisory lock key of write transactions ("samtal" in ASCII).
const WRITE_LOCK: i64 = 0x7361_6d74_616c;

/// What every connection of a Samtal process tells PostgreSQL it is, before
/// the process's own random name (see [`Store::other_servers`]).
const APPLICATION: &str = "samtal-server";

/// The PostgreSQL store.
#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: PgPool,
    /// How to connect, for the connections that hold a [`Role`].
    options: PgConnectOptions,
    /// This process's `application_name` on its connections.
    name: String,
}

impl PostgresStore {
    /// Connects to `url` (`postgres://user@host/db`) and migrates the database.
    pub async fn open(url: &str) -> StoreResult<Self> {
        let name = format!("{APPLICATION} {:016x}", rand::random::<u64>());
        let options = PgConnectOptions::from_str(url)?.application_name(&name);
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options.clone())
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        let store = Self { pool, options, name };
        store.index_unindexed_entries().await?;
        Ok(store)
    }

    /// Indexes directory entries that have no search words yet, in a write
    /// transaction (at open, and after a copy).
    pub async fn index_unindexed_entries(&self) -> StoreResult<u64> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(WRITE_LOCK).execute(&mut *tx).await?;
        let mut tx = SqlTx::new(tx);
        let indexed = tx.index_unindexed_entries().await?;
        tx.finish().await?;
        Ok(indexed)
    }
}

#[async_trait]
impl Store for PostgresStore {
    async fn write(&self) -> StoreResult<Box<dyn Tx>> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(WRITE_LOCK).execute(&mut *tx).await?;
        Ok(Box::new(SqlTx::new(tx)))
    }

    async fn read(&self) -> StoreResult<Box<dyn Tx>> {
        let tx = self.pool.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY").await?;
        Ok(Box::new(SqlTx::new(tx)))
    }

    fn backend(&self) -> &'static str {
        "postgres"
    }

    async fn other_servers(&self) -> StoreResult<u32> {
        let others: i64 = sqlx::query_scalar(
            "SELECT count(DISTINCT application_name) FROM pg_stat_activity
             WHERE datname = current_database() AND application_name LIKE $1 AND application_name <> $2",
        )
        .bind(format!("{APPLICATION} %"))
        .bind(&self.name)
        .fetch_one(&self.pool)
        .await?;
        Ok(u32::try_from(others).unwrap_or(u32::MAX))
    }

    async fn try_lead(&self, role: Role) -> StoreResult<Option<Box<dyn Lease>>> {
        // A session-level advisory lock on a connection of its own: it
        // goes when the connection does, so a process that dies lets its
        // role go. Keepalives make PostgreSQL notice a vanished machine
        // within about half a minute rather than the system's two hours.
        let mut conn = PgConnection::connect_with(&self.options).await?;
        sqlx::query("SET tcp_keepalives_idle = 10").execute(&mut conn).await?;
        sqlx::query("SET tcp_keepalives_interval = 5").execute(&mut conn).await?;
        sqlx::query("SET tcp_keepalives_count = 3").execute(&mut conn).await?;
        let taken: bool =
            sqlx::query_scalar("SELECT pg_try_advisory_lock($1)").bind(role_key(role)).fetch_one(&mut conn).await?;
        Ok(taken.then(|| Box::new(PgLease { conn: Some(conn) }) as Box<dyn Lease>))
    }
}

/// The advisory lock key of a role (beside [`WRITE_LOCK`]).
fn role_key(role: Role) -> i64 {
    match role {
        Role::Mailer => WRITE_LOCK + 1,
    }
}

/// A role held by a connection's advisory lock.
struct PgLease {
    /// `None` once the connection broke.
    conn: Option<PgConnection>,
}

#[async_trait]
impl Lease for PgLease {
    async fn held(&mut self) -> bool {
        let Some(conn) = self.conn.as_mut() else { return false };
        if sqlx::query("SELECT 1").execute(&mut *conn).await.is_ok() {
            return true;
        }
        self.conn = None;
        false
    }
}
