//! Reading a [`MessageOwner`] and a [`SystemNote`] in one pass (see `crate::wire`).

use serde::Deserialize;

use super::{MessageOwner, SystemNote};
use crate::ids::*;
use crate::wire::need;

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
pub(crate) mod tests {
    use serde::Serialize;
    use serde::de::DeserializeOwned;

    use super::*;
    use crate::api::{Message, MessageKind, Person};

    /// Serializes with the tag and reads it back through the fields.
    pub(crate) fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: T) {
        let json = serde_json::to_string(&value).unwrap();
        assert!(json.contains(r#""type":""#), "{json}");
        assert_eq!(serde_json::from_str::<T>(&json).unwrap(), value, "{json}");
    }

    /// A message of `owner`, a system note if `system` is one.
    pub(crate) fn message(owner: MessageOwner, system: Option<SystemNote>) -> Message {
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
            reply_to: None,
            edited_at: None,
            deleted: None,
            reactions: Vec::new(),
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
        let owner: MessageOwner = serde_json::from_str(r#"{"type":"org","org_id":4}"#).unwrap();
        assert_eq!(owner, MessageOwner::Org { org_id: OrgId(4) });
        let note: SystemNote = serde_json::from_str(r#"{"type":"owned_by","org_name":"Nordvik"}"#).unwrap();
        assert_eq!(note, SystemNote::OwnedBy { org_name: "Nordvik".to_owned() });
    }

    #[test]
    fn a_missing_field_is_an_error() {
        let error = serde_json::from_str::<MessageOwner>(r#"{"type":"org"}"#).unwrap_err().to_string();
        assert!(error.contains("org_id"), "{error}");
        assert!(serde_json::from_str::<SystemNote>(r#"{"type":"added","by":"Erik"}"#).is_err());
    }
}
