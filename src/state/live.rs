//! Live updates: the event socket's news, shared with every screen.
//!
//! Screens don't talk to the socket themselves. They read these signals and
//! refetch or patch what they show: the chat list watches
//! [`Live::conversations`], the Me screen [`Live::me`], an open chat the
//! events of its conversation in [`Live::events`].

use leptos::prelude::*;
use samtal_core::EventId;
use samtal_core::api::Message;
use samtal_core::events::EventEnvelope;

use crate::storage::outbox::OutboxItem;

/// How many recent events [`Live::events`] keeps for screens to read.
pub const RECENT_EVENTS: usize = 200;

/// The live state, shared through context. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct Live {
    /// Bumps whenever the conversation list may have changed (messages,
    /// conversations added, changed or revoked, read markers, org revoked or enabled).
    pub conversations: RwSignal<u64>,
    /// Bumps when the person's own account changed (`MeChanged`, `OrgRevoked`, `OrgEnabled`,
    /// `SessionEnded`).
    pub me: RwSignal<u64>,
    /// The most recent events in stream order (at most [`RECENT_EVENTS`]); a
    /// screen remembers the last `id` it handled and takes the newer ones.
    pub events: RwSignal<Vec<EventEnvelope>>,
    /// Whether the event socket is connected now.
    pub online: RwSignal<bool>,
    /// Messages written and not stored by the server yet, in the order they go out.
    pub outbox: RwSignal<Vec<OutboxItem>>,
    /// The last message the outbox delivered, as the server stored it.
    pub delivered: RwSignal<Option<Message>>,
}

impl Live {
    /// Live state with nothing received yet.
    pub fn new() -> Self {
        Self {
            conversations: RwSignal::new(0),
            me: RwSignal::new(0),
            events: RwSignal::new(Vec::new()),
            online: RwSignal::new(false),
            outbox: RwSignal::new(Vec::new()),
            delivered: RwSignal::new(None),
        }
    }

    /// Forgets everything received, as at sign-out: the next person to sign
    /// in on this page must not see the last one's events.
    pub fn reset(&self) {
        self.events.set(Vec::new());
        self.online.set(false);
        self.outbox.set(Vec::new());
        self.delivered.set(None);
    }

    /// The id of the newest event received, without tracking: where a screen
    /// that opens now starts reading [`Live::events`].
    pub fn newest_event_id(&self) -> Option<EventId> {
        self.events.with_untracked(|events| events.last().map(|e| e.id))
    }
}

impl Default for Live {
    fn default() -> Self {
        Self::new()
    }
}

/// Provides [`Live`] to the app.
pub fn provide_live_context() -> Live {
    let live = Live::new();
    provide_context(live);
    live
}

/// The app's [`Live`]; a fresh one when none was provided (component tests).
pub fn use_live() -> Live {
    use_context::<Live>().unwrap_or_default()
}
