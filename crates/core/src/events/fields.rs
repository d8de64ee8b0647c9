//! Reading an [`Event`] in one pass (see `crate::wire`).

use serde::Deserialize;

use super::{Event, RevocationReason};
use crate::api::Message;
use crate::ids::*;
use crate::wire::need;

/// An [`Event`]: its `type` and every field any variant has.
#[derive(Deserialize)]
pub(crate) struct EventFields {
    #[serde(rename = "type")]
    kind: EventKind,
    message: Option<Message>,
    conversation_id: Option<ConversationId>,
    person_id: Option<PersonId>,
    seq: Option<i64>,
    reason: Option<RevocationReason>,
    org_id: Option<OrgId>,
    session_id: Option<String>,
    message_id: Option<MessageId>,
}

/// The `type` of an [`Event`].
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum EventKind {
    MessageCreated,
    MessageChanged,
    MessageHidden,
    ConversationAdded,
    ConversationChanged,
    ReadMarker,
    ConversationRevoked,
    OrgRevoked,
    OrgEnabled,
    MeChanged,
    SessionEnded,
}

impl TryFrom<EventFields> for Event {
    type Error = String;

    fn try_from(fields: EventFields) -> Result<Event, String> {
        let EventFields { kind, message, conversation_id, person_id, seq, reason, org_id, session_id, message_id } =
            fields;
        Ok(match kind {
            EventKind::MessageCreated => Event::MessageCreated { message: need(message, "message")? },
            EventKind::MessageChanged => Event::MessageChanged { message: need(message, "message")? },
            EventKind::MessageHidden => Event::MessageHidden {
                conversation_id: need(conversation_id, "conversation_id")?,
                message_id: need(message_id, "message_id")?,
            },
            EventKind::ConversationAdded => {
                Event::ConversationAdded { conversation_id: need(conversation_id, "conversation_id")? }
            }
            EventKind::ConversationChanged => {
                Event::ConversationChanged { conversation_id: need(conversation_id, "conversation_id")? }
            }
            EventKind::ReadMarker => Event::ReadMarker {
                conversation_id: need(conversation_id, "conversation_id")?,
                person_id: need(person_id, "person_id")?,
                seq: need(seq, "seq")?,
            },
            EventKind::ConversationRevoked => Event::ConversationRevoked {
                conversation_id: need(conversation_id, "conversation_id")?,
                reason: need(reason, "reason")?,
            },
            EventKind::OrgRevoked => {
                Event::OrgRevoked { org_id: need(org_id, "org_id")?, reason: need(reason, "reason")? }
            }
            EventKind::OrgEnabled => Event::OrgEnabled { org_id: need(org_id, "org_id")? },
            EventKind::MeChanged => Event::MeChanged,
            EventKind::SessionEnded => Event::SessionEnded { session_id: need(session_id, "session_id")? },
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::api::MessageOwner;
    use crate::api::fields::tests::{message, round_trip};

    #[test]
    fn every_event_round_trips() {
        let events = [
            Event::MessageCreated { message: message(MessageOwner::Org { org_id: OrgId(4) }, None) },
            Event::MessageChanged { message: message(MessageOwner::Participants, None) },
            Event::MessageHidden { conversation_id: ConversationId(3), message_id: MessageId(7) },
            Event::ConversationAdded { conversation_id: ConversationId(1) },
            Event::ConversationChanged { conversation_id: ConversationId(2) },
            Event::ReadMarker { conversation_id: ConversationId(3), person_id: PersonId(5), seq: 9 },
            Event::ConversationRevoked { conversation_id: ConversationId(3), reason: RevocationReason::Left },
            Event::OrgRevoked { org_id: OrgId(4), reason: RevocationReason::OrgDisabled },
            Event::OrgEnabled { org_id: OrgId(4) },
            Event::MeChanged,
            Event::SessionEnded { session_id: "0123456789abcdef".to_owned() },
        ];
        for event in events {
            round_trip(event);
        }
    }

    #[test]
    fn the_exact_wire_json_reads() {
        let event: Event = serde_json::from_str(
            r#"{"type":"read_marker","conversation_id":3,"person_id":5,"seq":9,"something_new":true}"#,
        )
        .unwrap();
        assert_eq!(event, Event::ReadMarker { conversation_id: ConversationId(3), person_id: PersonId(5), seq: 9 });
    }

    #[test]
    fn a_missing_field_or_unknown_type_is_an_error() {
        for json in [
            r#"{"type":"read_marker","conversation_id":3,"seq":9}"#,
            r#"{"type":"message_created"}"#,
            r#"{"type":"no_such_event"}"#,
            r#"{"conversation_id":3}"#,
        ] {
            let error = serde_json::from_str::<Event>(json).unwrap_err().to_string();
            assert!(!error.is_empty(), "{json}");
        }
    }
}
