//! The domain layer: one module per area. Each operation gathers the facts
//! through a store transaction, asks `samtal-core` for the verdict, and
//! decides the system notes, audit entries and events of the change, all in
//! that one transaction: an acknowledged change and its events commit
//! together or not at all.
//!
//! Routes call these methods and only translate HTTP; the store below only
//! moves rows.

use std::sync::Arc;

use tokio::sync::watch;

use crate::error::AppResult;
use crate::store::{Store, Tx};

mod accounts;
mod admin;
mod cache_keys;
mod conversations;
mod directory;
mod events;
pub mod mail;
mod membership;
mod messages;
mod support;
mod view;

pub use crate::store::directory::{DirectoryKeys, WorkAccountCandidate};
pub use accounts::AccountFacts;

/// Samtal's operations over a store.
pub struct Domain {
    store: Arc<dyn Store>,
    /// Bumped after every commit; event streams re-read their person's events then.
    hub: watch::Sender<u64>,
}

impl Domain {
    /// The domain over `store`.
    pub fn new(store: Arc<dyn Store>) -> Self {
        let (hub, _) = watch::channel(0);
        Self { store, hub }
    }

    /// The store below, for tools that move whole databases.
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// A write transaction (writers run one at a time).
    async fn write(&self) -> AppResult<Box<dyn Tx>> {
        Ok(self.store.write().await?)
    }

    /// A read transaction: one snapshot.
    async fn read(&self) -> AppResult<Box<dyn Tx>> {
        Ok(self.store.read().await?)
    }

    /// Commits and wakes the event streams.
    async fn commit(&self, tx: Box<dyn Tx>) -> AppResult<()> {
        tx.commit().await?;
        self.hub.send_modify(|n| *n = n.wrapping_add(1));
        Ok(())
    }
}

impl std::fmt::Debug for Domain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Domain").field("backend", &self.store.backend()).finish_non_exhaustive()
    }
}
