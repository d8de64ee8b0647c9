//! The transaction both backends hand out: one body, compiled once per
//! backend (each includes this file with `#[path]` and names its database
//! as `Db`), so the plumbing of commits and savepoints exists once.

use async_trait::async_trait;
use sqlx::{Database, Transaction};

use super::Db;
use crate::store::{Committed, StoreResult, Tx};

/// A transaction on this backend's store.
pub struct SqlTx {
    tx: Transaction<'static, Db>,
    /// What it appended to the event log so far.
    pub(super) committed: Committed,
    /// How many events it had appended at the latest savepoint.
    savepoint: Option<usize>,
}

impl SqlTx {
    /// Wraps a transaction the backend began (with its own locks taken).
    pub(crate) fn new(tx: Transaction<'static, Db>) -> Self {
        Self { tx, committed: Committed::default(), savepoint: None }
    }

    /// The connection the statements run on.
    pub(super) fn conn(&mut self) -> &mut <Db as Database>::Connection {
        &mut self.tx
    }

    /// Commits without reporting what was appended (for work the store
    /// does on its own, such as indexing at open).
    pub(crate) async fn finish(self) -> StoreResult<()> {
        self.tx.commit().await?;
        Ok(())
    }
}

#[async_trait]
impl Tx for SqlTx {
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
