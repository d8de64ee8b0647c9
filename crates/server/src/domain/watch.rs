//! Keeping the live streams right when other instances write to the same
//! database: their notices (over NATS) wake streams here at once, and a
//! poll of the log past the hub's frontier catches whatever a lost notice
//! would have left asleep (see [`super::hub`]).

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use samtal_core::{EventId, PersonId};
use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::Domain;
use crate::error::{AppError, AppResult};
use crate::store::Committed;

/// Events one poll reads per query.
const POLL_BATCH: u32 = 5000;

/// "People got events": what an instance tells the others after a commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// The instance that committed, so it can skip its own notices.
    pub from: String,
    /// The commit's [`Committed::after`].
    pub after: EventId,
    /// The commit's newest event id.
    pub newest: EventId,
    /// Who got events, each once.
    pub people: Vec<PersonId>,
}

impl Notice {
    /// The notice of a commit, if it appended any events.
    pub fn of(from: &str, committed: &Committed) -> Option<Self> {
        let newest = committed.events.last()?.id;
        let people: BTreeSet<PersonId> = committed.events.iter().map(|e| e.person).collect();
        Some(Self { from: from.to_owned(), after: committed.after, newest, people: people.into_iter().collect() })
    }
}

impl Domain {
    /// Sends a [`Notice`] of every commit from now on to `notices` (dropped,
    /// not waited for, when the channel is full: the poll covers for it).
    /// `instance` names this process in them. Set once; later calls are ignored.
    pub fn announce_to(&self, instance: String, notices: mpsc::Sender<Notice>) {
        let _ = self.notices.set((instance, notices));
    }

    /// Another instance's notice: its events for the people with streams
    /// here are read back from the store in one query and handed over like
    /// this instance's own (if that read fails, those streams read again,
    /// each by its cursor).
    pub async fn woken_elsewhere(&self, notice: &Notice) {
        let here = self.hub.here(&notice.people);
        if here.is_empty() {
            self.hub.woken_elsewhere(notice.after, notice.newest, &[]);
            return;
        }
        let read =
            async { Ok::<_, AppError>(self.read().await?.events_between(notice.after, notice.newest, &here).await?) };
        match read.await {
            Ok(events) => self.hub.delivered_elsewhere(notice.after, notice.newest, &events),
            Err(e) => {
                tracing::debug!(error = %e, "reading another instance's events back; its streams read again");
                self.hub.woken_elsewhere(notice.after, notice.newest, &here);
            }
        }
    }

    /// Polls the log every `every` (and at once whenever [`Domain::poll_soon`]
    /// is called) for events no notice told the hub of. Returns once the
    /// hub knows where the log stands; the task runs until aborted.
    pub async fn watch_log(self: &Arc<Self>, every: Duration) -> AppResult<JoinHandle<()>> {
        let newest = self.read().await?.newest_event_id().await?;
        self.hub.watch(newest);
        let domain = self.clone();
        Ok(tokio::spawn(async move {
            let mut failing = false;
            loop {
                tokio::select! {
                    () = tokio::time::sleep(every) => {}
                    () = domain.poll_soon.notified() => {}
                }
                match domain.poll_log().await {
                    Ok(()) if failing => {
                        failing = false;
                        tracing::info!("reading the event log works again");
                    }
                    Ok(()) => {}
                    Err(e) if !failing => {
                        failing = true;
                        tracing::warn!(error = %e, "reading the event log failed; trying again");
                    }
                    Err(_) => {}
                }
            }
        }))
    }

    /// Makes the next poll of the log happen now (NATS came back, say).
    pub fn poll_soon(&self) {
        self.poll_soon.notify_one();
    }

    /// One poll: everything past the frontier, a batch at a time.
    async fn poll_log(&self) -> AppResult<()> {
        loop {
            let after = self.hub.frontier();
            let events = self.read().await?.recipients_after(after, POLL_BATCH).await?;
            self.hub.caught_up(after, &events);
            if events.len() < POLL_BATCH as usize {
                return Ok(());
            }
        }
    }
}
