//! Wakes the live event streams after a commit, only those of people who
//! got events, and hands them the events so they need not read them back.
//!
//! The store stays the source of truth: a stream reads by cursor when it
//! starts, and again whenever the hub can't vouch that what it pushes is
//! everything. Each commit that appended events covers an interval of ids,
//! from its [`Committed::after`] to its newest (writers take turns, so the
//! intervals tile the log). The hub keeps a *frontier*: every event up to
//! it has reached its recipients' streams, as a push or as a read-again.
//! A commit that starts at or below the frontier is pushed; one that
//! starts past it follows events the hub has not accounted for (another
//! instance or process wrote them), so its recipients read again instead.
//! A stream whose mailbox overflows reads again too. So a push never skips
//! an event, and a stream drops any event at or below its cursor, so
//! nothing arrives twice.
//!
//! Events written elsewhere reach the hub two ways, and either is enough:
//! another instance's notice ([`Hub::woken_elsewhere`], over NATS), and a
//! poll of the log past the frontier ([`Hub::caught_up`]), which bounds
//! how late a lost notice can make anyone. Without a poll (a hub that is
//! not [`Hub::watch`]ed), a commit past the frontier makes every stream
//! read again.
//!
//! Local commits are published one at a time, in commit order (the domain
//! holds its writer turn until the hub has the commit).

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};

use samtal_core::{EventId, PersonId};
use tokio::sync::Notify;

use crate::store::{Appended, Committed};

/// Events a stream may have waiting before it is told to read again instead.
const MAILBOX_MAX: usize = 1024;
/// Commits past a gap the hub remembers until the gap closes; older ones
/// are forgotten (the poll accounts for them, with some needless reads).
const AHEAD_MAX: usize = 4096;

/// The live streams, by person.
#[derive(Debug, Default)]
pub struct Hub {
    state: Mutex<HubState>,
}

#[derive(Debug)]
struct HubState {
    /// Every event up to this id has reached its recipients' streams (or a
    /// read-again for everyone stood in for it).
    frontier: EventId,
    /// Intervals accounted for past a gap: `after` → newest.
    ahead: BTreeMap<EventId, EventId>,
    /// Whether a poll of the log closes gaps (else a gap makes everyone
    /// read again).
    watched: bool,
    next_subscriber: u64,
    streams: HashMap<PersonId, Vec<(u64, Arc<Mailbox>)>>,
}

impl Default for HubState {
    fn default() -> Self {
        Self {
            frontier: EventId(0),
            ahead: BTreeMap::new(),
            watched: false,
            next_subscriber: 0,
            streams: HashMap::new(),
        }
    }
}

impl HubState {
    /// Notes that every event in `(after, newest]` reached its streams.
    fn cover(&mut self, after: EventId, newest: EventId) {
        if after > self.frontier {
            let end = self.ahead.entry(after).or_insert(newest);
            *end = (*end).max(newest);
            while self.ahead.len() > AHEAD_MAX {
                self.ahead.pop_first();
            }
            return;
        }
        self.frontier = self.frontier.max(newest);
        while let Some(entry) = self.ahead.first_entry() {
            if *entry.key() > self.frontier {
                break;
            }
            let end = entry.remove();
            self.frontier = self.frontier.max(end);
        }
    }

    /// Whether event `id` is accounted for already.
    fn covers(&self, id: EventId) -> bool {
        id <= self.frontier || self.ahead.range(..id).next_back().is_some_and(|(_, end)| id <= *end)
    }

    /// Tells every stream of each of `people` to read again.
    fn read_again<'a>(&self, people: impl IntoIterator<Item = &'a PersonId>) {
        let mut told = HashSet::new();
        for person in people {
            if told.insert(*person) {
                for (_, mailbox) in self.streams.get(person).into_iter().flatten() {
                    mailbox.read_again();
                }
            }
        }
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

    /// Hands a commit of this process's to its recipients' streams.
    pub fn publish(&self, committed: Committed) {
        let Some(newest) = committed.events.last().map(|e| e.id) else { return };
        self.deliver(committed.after, newest, &committed.events);
    }

    /// Another instance committed `(after, newest]`; `events` are all of
    /// its events for the people with streams here, read back from the
    /// store: handed over like this process's own.
    pub fn delivered_elsewhere(&self, after: EventId, newest: EventId, events: &[Appended]) {
        self.deliver(after, newest, events);
    }

    /// Which of `people` have streams here.
    pub fn here(&self, people: &[PersonId]) -> Vec<PersonId> {
        let state = self.lock();
        people.iter().copied().filter(|p| state.streams.contains_key(p)).collect()
    }

    /// The events of the commit `(after, newest]` (all of it, or all of it
    /// for the people with streams here) to their streams.
    fn deliver(&self, after: EventId, newest: EventId, events: &[Appended]) {
        let mut state = self.lock();
        if after <= state.frontier {
            let mut by_person: HashMap<PersonId, Vec<&Appended>> = HashMap::new();
            for event in events {
                by_person.entry(event.person).or_default().push(event);
            }
            for (person, events) in by_person {
                for (_, mailbox) in state.streams.get(&person).into_iter().flatten() {
                    mailbox.push(&events);
                }
            }
        } else if state.watched {
            // What came before is someone else's to announce, or the poll's
            // to find; these recipients read it all now.
            state.read_again(events.iter().map(|e| &e.person));
        } else {
            // Events the hub never saw came first: everyone reads again.
            for (_, mailbox) in state.streams.values().flatten() {
                mailbox.read_again();
            }
            let frontier = state.frontier;
            state.cover(frontier, after);
        }
        state.cover(after, newest);
    }

    /// Another instance committed `(after, newest]`, with events for `people`:
    /// their streams here read again (when its events could not be read back).
    pub fn woken_elsewhere(&self, after: EventId, newest: EventId, people: &[PersonId]) {
        let mut state = self.lock();
        state.read_again(people);
        state.cover(after, newest);
    }

    /// Where a poll of the log starts: the frontier.
    pub fn frontier(&self) -> EventId {
        self.lock().frontier
    }

    /// A poll read `events` (id order), every one after `after` up to the
    /// last: the streams of anyone whose event the hub had not accounted
    /// for read again.
    pub fn caught_up(&self, after: EventId, events: &[(PersonId, EventId)]) {
        let Some(&(_, newest)) = events.last() else { return };
        let mut state = self.lock();
        let missed: Vec<PersonId> =
            events.iter().filter(|(_, id)| !state.covers(*id)).map(|(person, _)| *person).collect();
        state.read_again(&missed);
        state.cover(after, newest);
    }

    /// From now on a poll closes gaps, starting at `newest`, the newest event
    /// in the log before any stream opened.
    pub fn watch(&self, newest: EventId) {
        let mut state = self.lock();
        state.watched = true;
        let after = state.frontier;
        state.cover(after, newest);
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

    #[tokio::test]
    async fn a_watched_hub_makes_only_the_recipients_of_a_commit_past_a_gap_read_again() {
        let hub = Arc::new(Hub::default());
        hub.watch(EventId(10));
        let anna = hub.subscribe(PersonId(1));
        let bert = hub.subscribe(PersonId(2));
        // Ids 11–12 were written elsewhere and not announced yet.
        hub.publish(commit(12, &[(1, 13)]));
        assert_eq!(now(&anna).await, Some(Wake::ReadAgain));
        assert_eq!(now(&bert).await, None);
        // The notice arrives: its people read again, and the gap closes.
        hub.woken_elsewhere(EventId(10), EventId(12), &[PersonId(2)]);
        assert_eq!(now(&bert).await, Some(Wake::ReadAgain));
        assert_eq!(hub.frontier(), EventId(13));
        hub.publish(commit(13, &[(1, 14)]));
        assert_eq!(now(&anna).await, Some(Wake::Events(vec![event(1, 14)])));
    }

    #[tokio::test]
    async fn a_poll_wakes_only_those_whose_events_nobody_announced() {
        let hub = Arc::new(Hub::default());
        hub.watch(EventId(0));
        let anna = hub.subscribe(PersonId(1));
        let bert = hub.subscribe(PersonId(2));
        // Elsewhere: (0, 2] is announced late, (2, 4] never.
        hub.woken_elsewhere(EventId(2), EventId(4), &[PersonId(1)]);
        assert_eq!(now(&anna).await, Some(Wake::ReadAgain));
        assert_eq!(hub.frontier(), EventId(0));
        // The poll finds 1 and 2 (Bert's, unannounced) and 3, 4 (announced).
        hub.caught_up(EventId(0), &[(PersonId(2), EventId(1)), (PersonId(2), EventId(2)), (PersonId(1), EventId(3))]);
        assert_eq!(now(&bert).await, Some(Wake::ReadAgain));
        assert_eq!(now(&anna).await, None);
        assert_eq!(hub.frontier(), EventId(4));
    }

    #[tokio::test]
    async fn notices_in_any_order_close_the_gaps_between_them() {
        let hub = Arc::new(Hub::default());
        hub.watch(EventId(0));
        hub.woken_elsewhere(EventId(5), EventId(9), &[]);
        hub.woken_elsewhere(EventId(2), EventId(5), &[]);
        assert_eq!(hub.frontier(), EventId(0));
        hub.woken_elsewhere(EventId(0), EventId(2), &[]);
        assert_eq!(hub.frontier(), EventId(9));
        // A repeated notice changes nothing.
        hub.woken_elsewhere(EventId(2), EventId(5), &[]);
        assert_eq!(hub.frontier(), EventId(9));
    }

    #[tokio::test]
    async fn another_instances_events_read_back_are_pushed_once_the_gap_before_them_is_closed() {
        let hub = Arc::new(Hub::default());
        hub.watch(EventId(0));
        let anna = hub.subscribe(PersonId(1));
        assert_eq!(hub.here(&[PersonId(1), PersonId(2)]), vec![PersonId(1)]);
        // (0, 2] has not arrived: (2, 4] can't be pushed past it.
        hub.delivered_elsewhere(EventId(2), EventId(4), &[event(1, 4)]);
        assert_eq!(now(&anna).await, Some(Wake::ReadAgain));
        hub.delivered_elsewhere(EventId(0), EventId(2), &[]);
        assert_eq!(hub.frontier(), EventId(4));
        // Contiguous now, so pushed; its newest id moves the frontier even
        // when nobody here got that event.
        hub.delivered_elsewhere(EventId(4), EventId(9), &[event(1, 6)]);
        assert_eq!(now(&anna).await, Some(Wake::Events(vec![event(1, 6)])));
        assert_eq!(hub.frontier(), EventId(9));
    }
}
