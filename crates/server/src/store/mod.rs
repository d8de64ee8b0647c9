//! Storage: narrow data traits, phrased as rows in and rows out within a
//! transaction, with their own error type, and the backends behind them.
//!
//! The domain layer (`crate::domain`) opens a [`Tx`], gathers facts through
//! it, asks `samtal-core`, writes, and commits: an acknowledged change and
//! its events are stored together or not at all. Nothing here decides a
//! rule, writes a system note on its own, or knows about HTTP.
//!
//! Backends: [`sqlite`] (the embedded default) and [`postgres`]. Each
//! area's rows are written once, in `store/sql/`, and compiled into both;
//! what the databases say differently is in each backend's `dialect`. Both
//! pass the same conformance suite (`tests/store.rs`) and the server's suites.

use std::path::Path;
use std::sync::Arc;

use async_trait::async_trait;

pub mod accounts;
pub mod cache_keys;
pub mod conversations;
pub(crate) mod decode;
pub mod directory;
mod error;
pub mod events;
pub mod identity;
pub mod limits;
pub mod mail;
pub mod messages;
pub mod orgs;
pub mod postgres;
pub mod rows;
#[cfg(test)]
mod shared_sql_checks;
pub mod sqlite;
mod url;
pub mod verbs;

pub use accounts::AccountRows;
pub use cache_keys::CacheKeyRows;
pub use conversations::ConversationRows;
pub use directory::DirectoryRows;
pub use error::{Constraint, StoreError, StoreResult};
pub use events::{Appended, Committed, EventRows};
pub use identity::IdentityRows;
pub use limits::LimitRows;
pub use mail::MailRows;
pub use messages::MessageRows;
pub use orgs::OrgRows;
pub use url::DatabaseUrl;
pub use verbs::VerbRows;

/// One transaction on a store, offering every area's rows. Dropping it
/// without [`Tx::commit`] rolls it back.
#[async_trait]
pub trait Tx:
    AccountRows
    + CacheKeyRows
    + ConversationRows
    + DirectoryRows
    + EventRows
    + IdentityRows
    + LimitRows
    + MailRows
    + MessageRows
    + OrgRows
    + VerbRows
    + Send
{
    /// Makes the transaction's writes durable; answers the events it appended.
    async fn commit(self: Box<Self>) -> StoreResult<Committed>;

    /// Marks where [`Tx::rollback_to_savepoint`] returns to, so several
    /// changes can share one transaction and one fails alone. What was
    /// written before it is kept either way; the commit keeps the rest.
    async fn savepoint(&mut self) -> StoreResult<()>;

    /// Undoes what was written since the latest savepoint (its events too),
    /// and makes the transaction usable again after a failed statement.
    async fn rollback_to_savepoint(&mut self) -> StoreResult<()>;
}

/// A database: where transactions come from.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// A write transaction. Write transactions run one at a time, so the
    /// facts a verdict rests on can't change between the check and the
    /// write, and event ids rise in commit order.
    async fn write(&self) -> StoreResult<Box<dyn Tx>>;

    /// A read transaction: one consistent snapshot, running beside writes.
    async fn read(&self) -> StoreResult<Box<dyn Tx>>;

    /// The backend's name, for logs: `sqlite` or `postgres`.
    fn backend(&self) -> &'static str;

    /// How many other Samtal processes use this database now (servers, or
    /// tools like `copy-database`). SQLite is one machine's: always 0.
    async fn other_servers(&self) -> StoreResult<u32> {
        Ok(0)
    }

    /// Takes `role` if no other process holds it: `None` if one does. Held
    /// until the answer is dropped or the process dies. SQLite is one
    /// process's, so there it is always granted.
    async fn try_lead(&self, role: Role) -> StoreResult<Option<Box<dyn Lease>>> {
        let _ = role;
        Ok(Some(Box::new(Sole)))
    }
}

/// Work only one process of an installation may do at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Sending missed-message e-mail digests.
    Mailer,
}

/// A role held (see [`Store::try_lead`]); dropping it lets it go.
#[async_trait]
pub trait Lease: Send + Sync {
    /// Whether it is still held: false once the database has let it go
    /// (the connection holding it broke), and it must be taken again.
    async fn held(&mut self) -> bool;
}

/// The lease of the only process there is.
struct Sole;

#[async_trait]
impl Lease for Sole {
    async fn held(&mut self) -> bool {
        true
    }
}

/// Opens (creating and migrating if needed) the database `url` names, or
/// SQLite's `samtal.db` in `data_dir` without one.
pub async fn open(url: Option<&DatabaseUrl>, data_dir: &Path) -> StoreResult<Arc<dyn Store>> {
    Ok(match url {
        None => Arc::new(sqlite::SqliteStore::open_in(data_dir).await?),
        Some(DatabaseUrl::Sqlite(path)) => Arc::new(sqlite::SqliteStore::open_file(path).await?),
        Some(DatabaseUrl::Postgres(url)) => Arc::new(postgres::PostgresStore::open(url).await?),
    })
}

/// Whether a needle can match a search key at all: a line break would match
/// across fields, and an empty needle matches everything.
pub fn searchable(needle: &str) -> bool {
    !needle.is_empty() && !needle.contains('\n')
}
