//! Applies the server's events to the app's live state. No DOM, no I/O: the
//! event socket (`api::events`) feeds envelopes in, screens read [`Live`].
//!
//! The stream is ordered and every envelope's `id` is its cursor, so the one
//! rule here is: apply an envelope only when its id is past the cursor, then
//! move the cursor to it. A reconnect that resumes from the cursor, or a
//! server that sends an event again, can then never apply anything twice.

use samtal_core::api::{Message, ReadMarker};
use samtal_core::events::{Event, EventEnvelope};
use samtal_core::{ConversationId, EventId, MessageId, OrgId};

use crate::state::live::{Live, RECENT_EVENTS};

/// Whether `event` may change the conversation list (so [`Live::conversations`] bumps).
pub fn touches_conversations(event: &Event) -> bool {
    matches!(
        event,
        Event::MessageCreated { .. }
            | Event::MessageChanged { .. }
            | Event::ConversationAdded { .. }
            | Event::ConversationChanged { .. }
            | Event::ConversationRevoked { .. }
            | Event::ReadMarker { .. }
            | Event::OrgRevoked { .. }
            | Event::OrgEnabled { .. }
    )
}

/// Whether `event` may change the person's own account (so [`Live::me`] bumps),
/// their list of sessions included.
pub fn touches_me(event: &Event) -> bool {
    matches!(event, Event::MeChanged | Event::OrgRevoked { .. } | Event::OrgEnabled { .. } | Event::SessionEnded { .. })
}

/// The conversation an event is about, if it is about one.
pub fn conversation_of(event: &Event) -> Option<ConversationId> {
    match event {
        Event::MessageCreated { message } | Event::MessageChanged { message } => Some(message.conversation_id),
        Event::MessageHidden { conversation_id, .. }
        | Event::ConversationAdded { conversation_id }
        | Event::ConversationChanged { conversation_id }
        | Event::ReadMarker { conversation_id, .. }
        | Event::ConversationRevoked { conversation_id, .. } => Some(*conversation_id),
        Event::OrgRevoked { .. } | Event::OrgEnabled { .. } | Event::MeChanged | Event::SessionEnded { .. } => None,
    }
}

/// Whether `event` ends the viewer's access to `conversation`, owned by
/// `owner_org` (for org conversations): it was revoked itself, or its whole
/// organization was.
pub fn revokes(event: &Event, conversation: ConversationId, owner_org: Option<OrgId>) -> bool {
    match event {
        Event::ConversationRevoked { conversation_id, .. } => *conversation_id == conversation,
        Event::OrgRevoked { org_id, .. } => Some(*org_id) == owner_org,
        _ => false,
    }
}

/// What an event changes in the device cache.
#[derive(Debug, Clone, PartialEq)]
pub enum CacheEffect {
    /// Nothing.
    None,
    /// A message to keep with its conversation.
    AddMessage(Box<Message>),
    /// A message was edited, deleted or reacted to: its new view replaces
    /// the kept one, and replies quoting it follow.
    ChangeMessage(Box<Message>),
    /// The person hid a message: it leaves the cache.
    RemoveMessage(ConversationId, MessageId),
    /// A read position moved.
    ReadMarker(ConversationId, ReadMarker),
    /// Access to one conversation ended: delete it from every container.
    WipeConversation(ConversationId),
    /// Access to an organization ended: delete its container.
    WipeOrg(OrgId),
    /// Which organization keys the person holds may have changed: ask again.
    RefreshKeys,
}

/// What `event` changes in the device cache (rule 10: revocations wipe).
pub fn cache_effect(event: &Event) -> CacheEffect {
    match event {
        Event::MessageCreated { message } => CacheEffect::AddMessage(Box::new(message.clone())),
        Event::MessageChanged { message } => CacheEffect::ChangeMessage(Box::new(message.clone())),
        Event::MessageHidden { conversation_id, message_id } => {
            CacheEffect::RemoveMessage(*conversation_id, *message_id)
        }
        Event::ReadMarker { conversation_id, person_id, seq } => {
            CacheEffect::ReadMarker(*conversation_id, ReadMarker { person_id: *person_id, seq: *seq })
        }
        Event::ConversationRevoked { conversation_id, .. } => CacheEffect::WipeConversation(*conversation_id),
        Event::OrgRevoked { org_id, .. } => CacheEffect::WipeOrg(*org_id),
        Event::ConversationAdded { .. } | Event::OrgEnabled { .. } | Event::MeChanged => CacheEffect::RefreshKeys,
        Event::ConversationChanged { .. } | Event::SessionEnded { .. } => CacheEffect::None,
    }
}

/// Appends `envelope` to `events`, dropping the oldest beyond `cap`.
pub fn push_capped(events: &mut Vec<EventEnvelope>, envelope: EventEnvelope, cap: usize) {
    events.push(envelope);
    if events.len() > cap {
        let excess = events.len() - cap;
        events.drain(..excess);
    }
}

/// The envelopes in `events` newer than `after` (all of them for `None`), in order.
pub fn newer_than(events: &[EventEnvelope], after: Option<EventId>) -> Vec<EventEnvelope> {
    // The list is in stream order: everything past the first newer one is newer too.
    let start = match after {
        Some(after) => events.iter().position(|e| e.id > after).unwrap_or(events.len()),
        None => 0,
    };
    events[start..].to_vec()
}

/// The newest id in `events`, if any.
pub fn newest_id(events: &[EventEnvelope]) -> Option<EventId> {
    events.last().map(|e| e.id)
}

/// Where a person's stream stands: the id of the last event applied.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    last: Option<EventId>,
}

impl Cursor {
    /// A cursor past `last` (`None`: before the first event).
    pub fn new(last: Option<EventId>) -> Self {
        Self { last }
    }

    /// The id of the last event applied: what a reconnect passes as `since`.
    pub fn last(&self) -> Option<EventId> {
        self.last
    }

    /// `since=` for the next connection: the last id applied, or 0.
    pub fn since(&self) -> i64 {
        self.last.map_or(0, |id| id.0)
    }

    /// Whether `id` is past the cursor, so not applied yet.
    pub fn is_new(&self, id: EventId) -> bool {
        self.last.is_none_or(|last| id > last)
    }

    /// Moves past `id` without applying anything (an event this client can't read).
    pub fn skip_to(&mut self, id: EventId) {
        if self.is_new(id) {
            self.last = Some(id);
        }
    }

    /// Applies one envelope to `live` (bumping the counters it touches and
    /// keeping it among the recent events) and moves past it. An envelope at
    /// or before the cursor was applied already: it is ignored and `false`
    /// returned.
    pub fn apply(&mut self, live: &Live, envelope: EventEnvelope) -> bool {
        self.apply_all(live, vec![envelope]) == 1
    }

    /// Applies several envelopes in stream order with one update of each
    /// signal; returns how many were new.
    pub fn apply_all(&mut self, live: &Live, envelopes: Vec<EventEnvelope>) -> usize {
        use leptos::prelude::Update;

        let mut fresh = Vec::with_capacity(envelopes.len());
        for envelope in envelopes {
            if self.is_new(envelope.id) {
                self.last = Some(envelope.id);
                fresh.push(envelope);
            }
        }
        if fresh.is_empty() {
            return 0;
        }
        let conversations = fresh.iter().any(|e| touches_conversations(&e.event));
        let me = fresh.iter().any(|e| touches_me(&e.event));
        let count = fresh.len();
        live.events.update(|events| {
            for envelope in fresh {
                push_capped(events, envelope, RECENT_EVENTS);
            }
        });
        if conversations {
            live.conversations.update(|n| *n = n.wrapping_add(1));
        }
        if me {
            live.me.update(|n| *n = n.wrapping_add(1));
        }
        count
    }
}

#[cfg(test)]
mod tests {
    use samtal_core::PersonId;
    use samtal_core::events::RevocationReason;

    use super::*;

    fn envelope(id: i64, event: Event) -> EventEnvelope {
        EventEnvelope { id: EventId(id), at: 0, event }
    }

    #[test]
    fn revocations_wipe_the_cache_and_joins_ask_for_keys() {
        let left = Event::ConversationRevoked { conversation_id: ConversationId(4), reason: RevocationReason::Left };
        assert_eq!(cache_effect(&left), CacheEffect::WipeConversation(ConversationId(4)));
        for reason in [
            RevocationReason::SignedOutOfWorkAccount,
            RevocationReason::RemovedFromDirectory,
            RevocationReason::OrgDisabled,
        ] {
            assert_eq!(cache_effect(&Event::OrgRevoked { org_id: OrgId(2), reason }), CacheEffect::WipeOrg(OrgId(2)));
        }
        let added = Event::ConversationAdded { conversation_id: ConversationId(5) };
        assert_eq!(cache_effect(&added), CacheEffect::RefreshKeys);
        assert_eq!(cache_effect(&Event::OrgEnabled { org_id: OrgId(2) }), CacheEffect::RefreshKeys);
        let marker = Event::ReadMarker { conversation_id: ConversationId(4), person_id: PersonId(1), seq: 9 };
        assert_eq!(
            cache_effect(&marker),
            CacheEffect::ReadMarker(ConversationId(4), ReadMarker { person_id: PersonId(1), seq: 9 })
        );
        assert_eq!(cache_effect(&Event::ConversationChanged { conversation_id: ConversationId(4) }), CacheEffect::None);
    }

    #[test]
    fn which_events_bump_what() {
        let changed = Event::ConversationChanged { conversation_id: ConversationId(1) };
        assert!(touches_conversations(&changed) && !touches_me(&changed));
        assert!(touches_me(&Event::MeChanged) && !touches_conversations(&Event::MeChanged));
        let revoked = Event::OrgRevoked { org_id: OrgId(2), reason: RevocationReason::OrgDisabled };
        assert!(touches_me(&revoked) && touches_conversations(&revoked));
        assert!(touches_me(&Event::OrgEnabled { org_id: OrgId(2) }));
    }

    #[test]
    fn revocation_matches_the_conversation_or_its_owner() {
        let here = ConversationId(5);
        let gone = Event::ConversationRevoked { conversation_id: here, reason: RevocationReason::Removed };
        assert!(revokes(&gone, here, None));
        assert!(!revokes(&gone, ConversationId(6), None));
        let org = Event::OrgRevoked { org_id: OrgId(1), reason: RevocationReason::SignedOutOfWorkAccount };
        assert!(revokes(&org, here, Some(OrgId(1))));
        assert!(!revokes(&org, here, Some(OrgId(2))));
        assert!(!revokes(&org, here, None), "private conversations outlive an organization");
        assert_eq!(conversation_of(&gone), Some(here));
        assert_eq!(conversation_of(&org), None);
    }

    #[test]
    fn newer_than_takes_the_tail_after_an_id() {
        let events: Vec<_> = (1..=5).map(|i| envelope(i * 10, Event::MeChanged)).collect();
        let ids = |v: Vec<EventEnvelope>| v.into_iter().map(|e| e.id.0).collect::<Vec<_>>();
        assert_eq!(ids(newer_than(&events, Some(EventId(30)))), [40, 50]);
        assert_eq!(ids(newer_than(&events, Some(EventId(35)))), [40, 50]);
        assert_eq!(ids(newer_than(&events, None)).len(), 5);
        assert!(newer_than(&events, Some(EventId(50))).is_empty());
        assert_eq!(newest_id(&events), Some(EventId(50)));
    }

    #[test]
    fn the_recent_list_is_capped_oldest_out() {
        let mut events = Vec::new();
        for i in 1..=7 {
            push_capped(&mut events, envelope(i, Event::MeChanged), 3);
        }
        assert_eq!(events.iter().map(|e| e.id.0).collect::<Vec<_>>(), [5, 6, 7]);
    }

    #[test]
    fn the_cursor_starts_before_everything() {
        let cursor = Cursor::default();
        assert_eq!(cursor.since(), 0);
        assert!(cursor.is_new(EventId(1)));
        let cursor = Cursor::new(Some(EventId(9)));
        assert_eq!(cursor.since(), 9);
        assert!(!cursor.is_new(EventId(9)) && cursor.is_new(EventId(10)));
    }
}
