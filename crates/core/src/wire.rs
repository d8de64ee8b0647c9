//! Reading the internally tagged enums of the wire (`{"type": "…", …}`).
//!
//! serde reads an internally tagged enum by first buffering the whole object
//! in a generic `Content` tree, then reading the variant out of it; that code
//! is instantiated for every tagged type and weighs a good share of the web
//! client's wasm. Each enum here reads instead through a plain struct of its
//! `type` and every field any variant has, in one pass, then picks the
//! variant. The JSON is the same: the enums still serialize with their tag,
//! and the round-trip tests below hold the two sides together.

use serde::Deserialize;

use crate::api::{Message, MessageOwner, SystemNote};
use crate::events::{Event, RevocationReason};
use crate::ids::*;

/// A field the variant needs, or the error serde would have given.
fn need<T>(value: Option<T>, field: &str) -> Result<T, String> {
    value.ok_or_else(|| format!("missing field `{field}`"))
}

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
}

/// The `type` of an [`Event`].
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum EventKind {
    MessageCreated,
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
        let EventFields { kind, message, conversation_id, person_id, seq, reason, org_id, session_id } = fields;
        Ok(match kind {
            EventKind::MessageCreated => Event::MessageCreated { message: need(message, "message")? },
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

/// A [`MessageOwner`]: its `type`, and the organization of an org owner.
#[derive(Deserialize)]
pub(crate) struct OwnerFields {
    #[serde(rename = "type")]
    kind: OwnerKind,
    org_id: Option<OrgId>,
}

/// The `type` of a [`MessageOwner`].
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum OwnerKind {
    Participants,
    Org,
}

impl TryFrom<OwnerFields> for MessageOwner {
    type Error = String;

    fn try_from(fields: OwnerFields) -> Result<MessageOwner, String> {
        Ok(match fields.kind {
            OwnerKind::Participants => MessageOwner::Participants,
            OwnerKind::Org => MessageOwner::Org { org_id: need(fields.org_id, "org_id")? },
        })
    }
}

/// A [`SystemNote`]: its `type` and every field any variant has.
#[derive(Deserialize)]
pub(crate) struct NoteFields {
    #[serde(rename = "type")]
    kind: NoteKind,
    by: Option<String>,
    names: Option<Vec<String>>,
    name: Option<String>,
    org_name: Option<String>,
}

/// The `type` of a [`SystemNote`].
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum NoteKind {
    Created,
    Added,
    Left,
    Removed,
    Converted,
    OwnedBy,
}

impl TryFrom<NoteFields> for SystemNote {
    type Error = String;

    fn try_from(fields: NoteFields) -> Result<SystemNote, String> {
        let NoteFields { kind, by, names, name, org_name } = fields;
        Ok(match kind {
            NoteKind::Created => SystemNote::Created { by: need(by, "by")? },
            NoteKind::Added => SystemNote::Added { by: need(by, "by")?, names: need(names, "names")? },
            NoteKind::Left => SystemNote::Left { name: need(name, "name")? },
            NoteKind::Removed => SystemNote::Removed { by: need(by, "by")?, name: need(name, "name")? },
            NoteKind::Converted => SystemNote::Converted { by: need(by, "by")?, org_name: need(org_name, "org_name")? },
            NoteKind::OwnedBy => SystemNote::OwnedBy { org_name: need(org_name, "org_name")? },
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use serde::Serialize;
    use serde::de::DeserializeOwned;

    use super::*;
    use crate::api::{MessageKind, Person};

    /// Serializes with the tag and reads it back through the fields.
    fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: T) {
        let json = serde_json::to_string(&value).unwrap();
        assert!(json.contains(r#""type":""#), "{json}");
        assert_eq!(serde_json::from_str::<T>(&json).unwrap(), value, "{json}");
    }

    fn message(owner: MessageOwner, system: Option<SystemNote>) -> Message {
        Message {
            id: MessageId(7),
            conversation_id: ConversationId(3),
            seq: 2,
            sender: Some(Person { id: PersonId(1), handle: "erik".to_owned(), display_name: "Erik".to_owned() }),
            kind: if system.is_some() { MessageKind::System } else { MessageKind::Text },
            text: Some("Hej".to_owned()),
            attachment: None,
            system,
            client_id: Some("c-1".to_owned()),
            forward_of: None,
            comment: None,
            owner,
            sent_at: 1_700_000_000_000,
        }
    }

    #[test]
    fn every_event_round_trips() {
        let events = [
            Event::MessageCreated { message: message(MessageOwner::Org { org_id: OrgId(4) }, None) },
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
    fn every_owner_and_note_round_trips() {
        round_trip(MessageOwner::Participants);
        round_trip(MessageOwner::Org { org_id: OrgId(4) });
        let notes = [
            SystemNote::Created { by: "Erik".to_owned() },
            SystemNote::Added { by: "Erik".to_owned(), names: vec!["Sara".to_owned(), "Kim".to_owned()] },
            SystemNote::Left { name: "Kim".to_owned() },
            SystemNote::Removed { by: "Erik".to_owned(), name: "Kim".to_owned() },
            SystemNote::Converted { by: "Erik".to_owned(), org_name: "Nordvik".to_owned() },
            SystemNote::OwnedBy { org_name: "Nordvik".to_owned() },
        ];
        for note in notes {
            round_trip(note.clone());
            round_trip(message(MessageOwner::Participants, Some(note)));
        }
    }

    #[test]
    fn the_exact_wire_json_reads() {
        let event: Event = serde_json::from_str(
            r#"{"type":"read_marker","conversation_id":3,"person_id":5,"seq":9,"something_new":true}"#,
        )
        .unwrap();
        assert_eq!(event, Event::ReadMarker { conversation_id: ConversationId(3), person_id: PersonId(5), seq: 9 });
        let owner: MessageOwner = serde_json::from_str(r#"{"type":"org","org_id":4}"#).unwrap();
        assert_eq!(owner, MessageOwner::Org { org_id: OrgId(4) });
        let note: SystemNote = serde_json::from_str(r#"{"type":"owned_by","org_name":"Nordvik"}"#).unwrap();
        assert_eq!(note, SystemNote::OwnedBy { org_name: "Nordvik".to_owned() });
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
        let error = serde_json::from_str::<MessageOwner>(r#"{"type":"org"}"#).unwrap_err().to_string();
        assert!(error.contains("org_id"), "{error}");
        assert!(serde_json::from_str::<SystemNote>(r#"{"type":"added","by":"Erik"}"#).is_err());
    }
}
