//! Rows as the store traits take and give them: plain data, no behaviour
//! beyond what reading them back needs.

use samtal_core::api::{ConversationKind, CreatedVia, MessageKind, Role, SystemNote};
use samtal_core::rules::{ConversationFacts, MembershipFacts};
use samtal_core::{AttachmentId, ConversationId, DirectoryEntryId, GroupPolicies, MessageId, Millis, OrgId, PersonId};

/// A conversation's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConversationRow {
    /// Its id.
    pub id: ConversationId,
    /// Chat or group.
    pub kind: ConversationKind,
    /// The owner organization; none for a private conversation.
    pub owner_org: Option<OrgId>,
    /// A group's title.
    pub title: Option<String>,
    /// Made in the app or in the admin portal.
    pub created_via: CreatedVia,
    /// Who made it.
    pub created_by: Option<PersonId>,
    /// When.
    pub created_at: Millis,
    /// When it became an organization group (rule 4).
    pub converted_at: Option<Millis>,
    /// An org group's own policies (rule 7).
    pub group_policies: Option<GroupPolicies>,
    /// The seq of its newest message.
    pub last_seq: i64,
    /// When anything last happened in it.
    pub last_activity_at: Millis,
}

/// A member row, resolved to the person signed in to it now (if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRow {
    /// The row's id.
    pub id: i64,
    /// The person of a person row, or the one signed in to the entry now.
    pub person: Option<PersonId>,
    /// The directory entry of an entry row.
    pub directory_entry: Option<DirectoryEntryId>,
    /// Admin or member.
    pub role: Role,
    /// When they joined.
    pub joined_at: Millis,
    /// The conversation's last seq when they joined.
    pub joined_seq: i64,
    /// Their read marker.
    pub read_seq: i64,
}

impl MemberRow {
    /// What the rules need.
    pub fn facts(&self) -> MembershipFacts {
        MembershipFacts { role: self.role, via_owner_directory: self.directory_entry.is_some() }
    }
}

/// What a member row holds: a person, or a directory entry (whoever is
/// signed in to it now).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberKey {
    /// A person row.
    Person(PersonId),
    /// A directory-entry row.
    Entry(DirectoryEntryId),
}

/// A conversation to insert.
#[derive(Debug, Clone)]
pub struct NewConversation<'a> {
    /// Chat or group.
    pub kind: ConversationKind,
    /// Owner organization.
    pub owner: Option<OrgId>,
    /// A group's title.
    pub title: Option<&'a str>,
    /// App or portal.
    pub created_via: CreatedVia,
    /// Creator.
    pub created_by: PersonId,
    /// An org group's policies.
    pub group_policies: Option<GroupPolicies>,
    /// A chat's pair key (one chat per pair).
    pub chat_key: Option<String>,
    /// Now.
    pub at: Millis,
}

/// A message row to insert; the domain has assigned its seq and owner.
#[derive(Debug, Clone)]
pub struct NewMessageRow {
    /// The conversation.
    pub conversation: ConversationId,
    /// Its place in the conversation.
    pub seq: i64,
    /// Who wrote it; none for a system note.
    pub sender: Option<PersonId>,
    /// Text, attachment or system.
    pub kind: MessageKind,
    /// Its text.
    pub text: Option<String>,
    /// Its attachment.
    pub attachment: Option<AttachmentId>,
    /// A system note.
    pub system: Option<SystemNote>,
    /// The sender's retry key.
    pub client_id: Option<String>,
    /// The message it forwards.
    pub forward_of: Option<MessageId>,
    /// The forwarder's comment on it.
    pub comment: Option<String>,
    /// The message of the same conversation it replies to.
    pub reply_to: Option<MessageId>,
    /// The organization that owns it (rule 4); none: its participants.
    pub owner_org: Option<OrgId>,
    /// When it was sent.
    pub sent_at: Millis,
}

/// A member row with the name to show for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedMember {
    /// The conversation.
    pub conversation: ConversationId,
    /// The member row.
    pub row_id: i64,
    /// The person it resolves to now (none: an entry nobody has linked yet).
    pub person: Option<PersonId>,
    /// The directory entry of an entry row.
    pub entry: Option<DirectoryEntryId>,
    /// The person's display name, or the entry's while nobody is linked to it.
    pub name: String,
    /// Admin or member.
    pub role: Role,
    /// When they joined.
    pub joined_at: Millis,
}

/// A window of a conversation's messages, for the chat list's batch reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeqWindow {
    /// The conversation.
    pub conversation: ConversationId,
    /// The seq to start after (unread counts) or at (newest message).
    pub seq: i64,
}

/// An attachment row, with the message it is in (if sent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentRow {
    /// The conversation it was uploaded or forwarded to.
    pub conversation: ConversationId,
    /// Who uploaded it.
    pub uploader: PersonId,
    /// `image`, `video` or `audio`.
    pub kind: String,
    /// Its MIME type.
    pub mime: String,
    /// Its file name.
    pub name: String,
    /// Its size in bytes.
    pub size: i64,
    /// The key of its bytes in the attachments directory.
    pub file: String,
    /// The seq of the message it is in, if sent.
    pub message_seq: Option<i64>,
    /// It was in a message deleted for everyone, and the owner
    /// organization's record keeps it: never to be sent or shown again.
    pub recorded: bool,
}

/// An attachment row to insert.
#[derive(Debug, Clone)]
pub struct NewAttachment<'a> {
    /// The conversation.
    pub conversation: ConversationId,
    /// Who uploads it.
    pub uploader: PersonId,
    /// `image`, `video` or `audio`.
    pub kind: &'a str,
    /// MIME type.
    pub mime: &'a str,
    /// File name.
    pub name: &'a str,
    /// Size in bytes.
    pub size: i64,
    /// Where its bytes are.
    pub file_key: &'a str,
    /// Now.
    pub at: Millis,
}

/// A membership shadowed by a directory entry's row in the same
/// conversation: the person took part as a guest before signing in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShadowedMembership {
    /// The entry's row, which stays.
    pub entry_row: MemberRow,
    /// The person's own row, which goes.
    pub person_row: MemberRow,
}

/// A membership of a person's, with its conversation, for the chat list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    /// The conversation.
    pub conversation: ConversationRow,
    /// Their row in it.
    pub member: MemberRow,
}

/// A conversation's row with the facts the rules need about it.
#[derive(Debug, Clone)]
pub struct LoadedConversation {
    /// The row.
    pub row: ConversationRow,
    /// The facts.
    pub facts: ConversationFacts,
}
