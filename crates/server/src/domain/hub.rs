//! Wakes the live event streams after a commit, only those of people who
//! got events, and hands them the events so they need not read them back.
//!
//! The store stays the source of truth: a stream reads by cursor when it
//! starts, and again whenever the hub can't vouch that what it pushes is
//! everything. The hub vouches for a commit when every event up to the
//! commit's [`Committed::after`] has passed through it already; a commit that
//! follows events the hub never saw (another process wrote to the same
//! database) makes every stream read again. A stream whose mailbox
//! overflows reads again too. So a push never skips an event, and a stream
//! drops any event at or below its cursor, so nothing arrives twice.
//!
//! Commits are published one at a time, in commit order (the domain holds
//! its writer turn until the hub has the commit).

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};

use samtal_core::{EventId, PersonId};
use tokio::sync::Notify;

use crate::store::{Appended, Committed};

/// Events a stream may have waiting before it is told to read again instead.
const MAILBOX_MAX: usize = 1024;

/// The live streams, by person.
#[derive(Debug, Default)]
pub struct Hub {
    state: Mutex<HubState>,
}

#[derive(Debug)]
struct HubState {
    /// Every event up to this id has been published (or followed by a
    /// read-again for everyone).
    through: EventId,
    next_subscriber: u64,
    streams: HashMap<PersonId, Vec<(u64, Arc<Mailbox>)>>,
}

impl Default for HubState {
    fn default() -> Self {
        Self { through: EventId(0), next_subscriber: 0, streams: HashMap::new() }
    }
}

/// What one stream has waiting.
#[derive(Debug, Default)]
struct Mailbox {
    waiting: Mutex<Waiting>,
    wake: Notify,
}

#[derive(Debug, Default)]
struct Waiting {
    events: VecDeque<Appended>,
    read_again: bool,
}

/// What a woken stream should do.
#[derive(Debug, PartialEq, Eq)]
pub enum Wake {
    /// Send these (dropping any at or below the cursor).
    Events(Vec<Appended>),
    /// Read everything after the cursor from the store.
    ReadAgain,
}

impl Hub {
    /// Registers a stream of `person`. Register before the stream's first
    /// read: a commit published after this arrives here, one published
    /// before it is in the store for that read.
    pub fn subscribe(self: &Arc<Self>, person: PersonId) -> Subscription {
        let mailbox = Arc::new(Mailbox::default());
        let mut state = self.lock();
        let id = state.next_subscriber;
        state.next_subscriber += 1;
        state.streams.entry(person).or_default().push((id, mailbox.clone()));
        Subscription { hub: self.clone(), person, id, mailbox }
    }

    /// Hands a commit's events to their recipients' streams.
    pub fn publish(&self, committed: Committed) {
        let Some(newest) = committed.events.last().map(|e| e.id) else { return };
        let mut state = self.lock();
        if committed.after > state.through {
            // Events the hub never saw came first: everyone reads again.
            for (_, mailbox) in state.streams.values().flatten() {
                mailbox.read_again();
            }
        } else {
            let mut by_person: HashMap<PersonId, Vec<&Appended>> = HashMap::new();
            for event in &committed.events {
                by_person.entry(event.person).or_default().push(event);
            }
            for (person, events) in by_person {
                for (_, mailbox) in state.streams.get(&person).into_iter().flatten() {
                    mailbox.push(&events);
                }
            }
        }
        state.through = state.through.max(newest);
    }

    /// How many streams are open (for tests).
    pub fn open_streams(&self) -> usize {
        self.lock().streams.values().map(Vec::len).sum()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HubState> {
        // The state stays consistent at every step, so a panic elsewhere
        // while it was held leaves nothing half-done.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Mailbox {
    fn lock(&self) -> std::sync::MutexGuard<'_, Waiting> {
        self.waiting.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn push(&self, events: &[&Appended]) {
        {
            let mut waiting = self.lock();
            if waiting.read_again || waiting.events.len() + events.len() > MAILBOX_MAX {
                waiting.events.clear();
                waiting.read_again = true;
            } else {
                waiting.events.extend(events.iter().map(|e| (*e).clone()));
            }
        }
        self.wake.notify_one();
    }

    fn read_again(&self) {
        {
            let mut waiting = self.lock();
            waiting.events.clear();
            waiting.read_again = true;
        }
        self.wake.notify_one();
    }
}

/// One live stream's place in the hub; leaves it on drop.
#[derive(Debug)]
pub struct Subscription {
    hub: Arc<Hub>,
    person: PersonId,
    id: u64,
    mailbox: Arc<Mailbox>,
}

impl Subscription {
    /// Waits until something is waiting, and takes it.
    pub async fn wake(&self) -> Wake {
        loop {
            {
                let mut waiting = self.mailbox.lock();
                if waiting.read_again {
                    // Pushes that came before the read-again are in the
                    // store for the read; later ones queue up behind it.
                    waiting.read_again = false;
                    waiting.events.clear();
                    return Wake::ReadAgain;
                }
                if !waiting.events.is_empty() {
                    return Wake::Events(waiting.events.drain(..).collect());
                }
            }
            // A notification sent between the check and here is kept as a
            // permit, so this returns at once.
            self.mailbox.wake.notified().await;
        }
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        let mut state = self.hub.lock();
        if let Some(list) = state.streams.get_mut(&self.person) {
            list.retain(|(id, _)| *id != self.id);
            if list.is_empty() {
                state.streams.remove(&self.person);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(person: i64, id: i64) -> Appended {
        Appended { person: PersonId(person), id: EventId(id), at: 0, payload: Arc::from("{}") }
    }

    fn commit(after: i64, events: &[(i64, i64)]) -> Committed {
        Committed { after: EventId(after), events: events.iter().map(|&(p, id)| event(p, id)).collect() }
    }

    async fn now(sub: &Subscription) -> Option<Wake> {
        tokio::time::timeout(std::time::Duration::from_millis(20), sub.wake()).await.ok()
    }

    #[tokio::test]
    async fn only_recipients_are_woken_and_get_their_own_events() {
        let hub = Arc::new(Hub::default());
        let anna = hub.subscribe(PersonId(1));
        let bert = hub.subscribe(PersonId(2));
        hub.publish(commit(0, &[(1, 1), (3, 2), (1, 3)]));
        assert_eq!(now(&anna).await, Some(Wake::Events(vec![event(1, 1), event(1, 3)])));
        assert_eq!(now(&bert).await, None);
    }

    #[tokio::test]
    async fn events_the_hub_never_saw_make_everyone_read_again() {
        let hub = Arc::new(Hub::default());
        hub.publish(commit(0, &[(1, 1)]));
        let anna = hub.subscribe(PersonId(1));
        let bert = hub.subscribe(PersonId(2));
        // Ids 2–4 were written by someone else.
        hub.publish(commit(4, &[(1, 5)]));
        assert_eq!(now(&anna).await, Some(Wake::ReadAgain));
        assert_eq!(now(&bert).await, Some(Wake::ReadAgain));
        // The next commit follows on again.
        hub.publish(commit(5, &[(2, 6)]));
        assert_eq!(now(&bert).await, Some(Wake::Events(vec![event(2, 6)])));
        assert_eq!(now(&anna).await, None);
    }

    #[tokio::test]
    async fn an_overflowing_mailbox_reads_again() {
        let hub = Arc::new(Hub::default());
        let anna = hub.subscribe(PersonId(1));
        for id in 1..=(MAILBOX_MAX as i64 + 1) {
            hub.publish(commit(id - 1, &[(1, id)]));
        }
        assert_eq!(now(&anna).await, Some(Wake::ReadAgain));
        hub.publish(commit(MAILBOX_MAX as i64 + 1, &[(1, MAILBOX_MAX as i64 + 2)]));
        assert_eq!(now(&anna).await, Some(Wake::Events(vec![event(1, MAILBOX_MAX as i64 + 2)])));
    }

    #[tokio::test]
    async fn a_dropped_subscription_leaves_the_hub() {
        let hub = Arc::new(Hub::default());
        let anna = hub.subscribe(PersonId(1));
        let again = hub.subscribe(PersonId(1));
        assert_eq!(hub.open_streams(), 2);
        drop(anna);
        assert_eq!(hub.open_streams(), 1);
        drop(again);
        assert_eq!(hub.open_streams(), 0);
        hub.publish(commit(0, &[(1, 1)]));
    }
}
