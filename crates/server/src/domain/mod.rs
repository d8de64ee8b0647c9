//! The domain layer: one module per area. Each operation gathers the facts
//! through a store transaction, asks `samtal-core` for the verdict, and
//! decides the system notes, audit entries and events of the change, all in
//! that one transaction: an acknowledged change and its events commit
//! together or not at all.
//!
//! Routes call these methods and only translate HTTP; the store below only
//! moves rows.

use std::ops::{Deref, DerefMut};
use std::sync::{Arc, OnceLock};

use tokio::sync::{Mutex, Notify, OwnedMutexGuard, mpsc};

use crate::error::AppResult;
use crate::store::{Store, Tx};

mod accounts;
mod admin;
mod cache_keys;
mod conversations;
mod directory;
mod events;
pub mod hub;
mod identity;
mod limits;
pub mod mail;
mod membership;
mod message_views;
mod messages;
pub mod scim;
mod sends;
pub mod sessions;
mod support;
mod uploads;
mod verbs;
mod view;
pub mod watch;

pub use crate::store::directory::{DirectoryKeys, WorkAccountCandidate};
pub use accounts::AccountFacts;
pub use identity::SignInFacts;
pub use limits::SignInKeys;

/// Samtal's operations over a store.
pub struct Domain {
    store: Arc<dyn Store>,
    /// The live event streams, woken with each commit's events.
    hub: Arc<hub::Hub>,
    /// This process's writers take turns here, first come first served,
    /// rather than in the database's lock (SQLite's busy handler sleeps
    /// and retries, which makes the slowest writers wait longest). The
    /// turn lasts until the hub has the commit, so commits reach the
    /// streams in the order they were made.
    writer: Arc<Mutex<()>>,
    /// Sends waiting to share the next writer's transaction.
    sends: sends::SendQueue,
    /// Where each commit's notice goes for the other instances, and this
    /// instance's name in it (unset: one instance, no NATS).
    notices: OnceLock<(String, mpsc::Sender<watch::Notice>)>,
    /// Wakes the poll of the log ahead of its time.
    poll_soon: Notify,
    /// How often people may try what can be abused.
    limits: crate::limits::Limits,
}

/// A write transaction and its writer's turn, which ends with it.
struct Change {
    tx: Box<dyn Tx>,
    _turn: OwnedMutexGuard<()>,
}

impl Change {
    /// The transaction, for the helpers that take one.
    fn as_mut(&mut self) -> &mut dyn Tx {
        self.tx.as_mut()
    }
}

impl Deref for Change {
    type Target = dyn Tx;
    fn deref(&self) -> &Self::Target {
        self.tx.as_ref()
    }
}

impl DerefMut for Change {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.tx.as_mut()
    }
}

impl Domain {
    /// The domain over `store`.
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self {
            store,
            hub: Arc::default(),
            writer: Arc::new(Mutex::new(())),
            sends: sends::SendQueue::default(),
            notices: OnceLock::new(),
            poll_soon: Notify::new(),
            limits: crate::limits::Limits::default(),
        }
    }

    /// The same domain with these abuse limits.
    pub fn with_limits(mut self, limits: crate::limits::Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The store below, for tools that move whole databases.
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// A write transaction (writers run one at a time).
    async fn write(&self) -> AppResult<Change> {
        let turn = self.writer.clone().lock_owned().await;
        Ok(Change { tx: self.store.write().await?, _turn: turn })
    }

    /// A read transaction: one snapshot.
    async fn read(&self) -> AppResult<Box<dyn Tx>> {
        Ok(self.store.read().await?)
    }

    /// Commits, and hands the events appended to the streams of their
    /// recipients before the next writer's turn (and tells the other
    /// instances who got some).
    async fn commit(&self, change: Change) -> AppResult<()> {
        let committed = change.tx.commit().await?;
        if let Some((instance, notices)) = self.notices.get()
            && let Some(notice) = watch::Notice::of(instance, &committed)
        {
            // A full channel means NATS is behind or away; the poll of the
            // log covers what this notice would have said.
            let _ = notices.try_send(notice);
        }
        self.hub.publish(committed);
        Ok(())
    }
}

impl std::fmt::Debug for Domain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Domain").field("backend", &self.store.backend()).finish_non_exhaustive()
    }
}
