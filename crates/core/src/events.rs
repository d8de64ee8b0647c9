//! The event stream: what `/api/events` pushes and `/api/sync` catches up on.
//!
//! Each person has one ordered stream. An [`EventEnvelope`]'s `id` is its
//! cursor: a client that remembers the last id it applied and resumes from
//! it misses nothing and sees nothing twice.

use serde::{Deserialize, Serialize};

use crate::Millis;
use crate::api::Message;
use crate::ids::*;

mod fields;

/// Why access ended; the client wipes the matching cached data (rule 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RevocationReason {
    /// The person left the group.
    Left,
    /// A group admin removed the person.
    Removed,
    /// The person signed out of the work account.
    SignedOutOfWorkAccount,
    /// The organization removed the person from its directory.
    RemovedFromDirectory,
    /// The organization disabled Samtal.
    OrgDisabled,
}

/// Something that happened that the person should know about.
// Events are serialized as soon as they are made, so the size of the
// message variant costs nothing worth boxing for.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case", try_from = "fields::EventFields")]
pub enum Event {
    /// A message was stored (also system notes).
    MessageCreated {
        /// The message as this person may see it.
        message: Message,
    },
    /// A message was edited, deleted for everyone, or reacted to: its new
    /// view replaces the old one.
    MessageChanged {
        /// The message as this person may see it now.
        message: Message,
    },
    /// The person hid a message on their devices (deleted it for themselves).
    MessageHidden {
        /// The conversation.
        conversation_id: ConversationId,
        /// The message.
        message_id: MessageId,
    },
    /// The person was added to a conversation, or one was created with them.
    ConversationAdded {
        /// The conversation.
        conversation_id: ConversationId,
    },
    /// Title, members, owner, policies or capabilities changed: refetch it.
    ConversationChanged {
        /// The conversation.
        conversation_id: ConversationId,
    },
    /// Someone's read position moved.
    ReadMarker {
        /// The conversation.
        conversation_id: ConversationId,
        /// Whose.
        person_id: PersonId,
        /// Read up to.
        seq: i64,
    },
    /// The person lost access to one conversation: wipe it.
    ConversationRevoked {
        /// The conversation.
        conversation_id: ConversationId,
        /// Why.
        reason: RevocationReason,
    },
    /// The person lost access to everything of an organization: wipe its container.
    OrgRevoked {
        /// The organization.
        org_id: OrgId,
        /// Why.
        reason: RevocationReason,
    },
    /// An organization was enabled again: its conversations reopen.
    OrgEnabled {
        /// The organization.
        org_id: OrgId,
    },
    /// The person's own account changed (work account, admin roles, settings).
    MeChanged,
    /// One of the person's sessions was ended (signed out elsewhere, or a
    /// password change): its sockets close, the others refresh the list.
    SessionEnded {
        /// The session, as `GET /api/me/sessions` names it.
        session_id: String,
    },
}

/// One event in a person's stream.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventEnvelope {
    /// The cursor: strictly increasing within a person's stream.
    pub id: EventId,
    /// When it happened.
    pub at: Millis,
    /// What happened.
    pub event: Event,
}

/// `GET /api/sync?since=`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyncResponse {
    /// Events after `since`, oldest first.
    pub events: Vec<EventEnvelope>,
    /// Pass this as `since` next time.
    pub cursor: EventId,
    /// More events are waiting: call again at once.
    pub has_more: bool,
}
