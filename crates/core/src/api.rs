//! Wire types of the HTTP API: request bodies and responses, by resource.
//!
//! Paths and field names here are a contract other clients rely on
//! (`docs/PRODUCT.md`, "API"): extend, never rename.

use serde::{Deserialize, Serialize};

use crate::ids::*;
use crate::policy::{Capabilities, GroupPolicies, Policies, TenantPolicies};
use crate::{ApiError, ErrorCode, Millis};

pub(crate) mod fields;

/// Limits on what people type, checked by the server and shown by the client.
pub mod limits {
    /// Handles: 3–32 characters of `a-z`, `0-9`, `.`, `_`, `-`.
    pub const HANDLE_MAX: usize = 32;
    /// Shortest handle.
    pub const HANDLE_MIN: usize = 3;
    /// Display names and group titles.
    pub const NAME_MAX: usize = 100;
    /// Shortest password.
    pub const PASSWORD_MIN: usize = 8;
    /// Longest password (argon2 input stays bounded).
    pub const PASSWORD_MAX: usize = 256;
    /// Message text, in characters.
    pub const MESSAGE_MAX: usize = 10_000;
    /// `client_id`, in bytes.
    pub const CLIENT_ID_MAX: usize = 64;
    /// Search query, in characters.
    pub const QUERY_MAX: usize = 100;
    /// Members in one group.
    pub const GROUP_MEMBERS_MAX: usize = 500;
    /// Rows in one directory import.
    pub const DIRECTORY_IMPORT_MAX: usize = 5_000;
    /// Bytes in one directory import (JSON or CSV).
    pub const DIRECTORY_IMPORT_MAX_BYTES: usize = 8 * 1024 * 1024;
    /// A directory alias, in characters.
    pub const ALIAS_MAX: usize = 64;
    /// An organization's description of its conversations, in characters.
    pub const ORG_DESCRIPTION_MAX: usize = 1_000;
    /// Messages in one page.
    pub const PAGE_MAX: u32 = 200;
    /// Bytes in one uploaded attachment.
    pub const ATTACHMENT_MAX_BYTES: usize = 25 * 1024 * 1024;
    /// Bytes in a JSON request body.
    pub const JSON_BODY_MAX_BYTES: usize = 1024 * 1024;
}

// ----------------------------------------------------------------- people

/// A personal account as others see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Person {
    /// The person's id.
    pub id: PersonId,
    /// Unique handle, used to sign in.
    pub handle: String,
    /// The name shown to others.
    pub display_name: String,
}

/// `POST /api/auth/signup`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignupRequest {
    /// Unique handle.
    pub handle: String,
    /// The name shown to others.
    pub display_name: String,
    /// At least 8 characters.
    pub password: String,
}

/// `POST /api/auth/login`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    /// The handle chosen at sign-up.
    pub handle: String,
    /// The password.
    pub password: String,
}

/// A short reference to an organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgRef {
    /// The organization's id.
    pub id: OrgId,
    /// Its name.
    pub name: String,
}

/// The work account a person is signed in to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkAccount {
    /// The organization.
    pub org_id: OrgId,
    /// Its name.
    pub org_name: String,
    /// The directory entry signed in to.
    pub directory_entry_id: DirectoryEntryId,
    /// Work e-mail.
    pub email: String,
    /// Alias in the directory.
    pub alias: String,
    /// Job title.
    pub designation: String,
    /// Department.
    pub department: String,
}

/// The missed-message e-mail setting of a person (rule 12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailSettings {
    /// Whether digests are sent at all.
    pub enabled: bool,
    /// Minutes a message may stay unread before it goes into a digest.
    pub delay_minutes: u32,
}

/// `PUT /api/me/language`: the language chosen in Me, or none for each
/// browser's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LanguageChoice {
    /// `en` or `sv`; null or left out for the browser's language.
    #[serde(default)]
    pub language: Option<crate::Lang>,
}

/// `GET /api/me`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    /// The signed-in person.
    pub person: Person,
    /// The work account signed in to, if any.
    pub work_account: Option<WorkAccount>,
    /// Organizations this person administers.
    pub admin_orgs: Vec<OrgRef>,
    /// May create organizations (`SAMTAL_OPERATORS`).
    pub operator: bool,
    /// Missed-message e-mail setting.
    pub email_settings: EmailSettings,
    /// The language chosen in Me, kept with the account so digests and new
    /// devices use it; none means each browser's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<crate::Lang>,
    /// The identity of the server's database, made when it was created. A
    /// client keeps it with its cache: a different one means the cache (and
    /// its event cursor) belongs to another database and must start afresh.
    #[serde(default)]
    pub installation: String,
}

/// One of a person's sessions: a browser signed in as them
/// (`GET /api/me/sessions`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    /// Names the session for ending it; not its secret.
    pub id: String,
    /// What the browser said it was when it signed in (`User-Agent`).
    pub device: String,
    /// When it signed in.
    pub created_at: Millis,
    /// When it was last used (to the nearest minute).
    pub last_seen_at: Millis,
    /// Whether it is the session asking.
    pub current: bool,
}

/// `POST /api/me/sessions/end-others`: how many sessions were ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EndedSessions {
    /// How many.
    pub ended: u32,
}

/// `PUT /api/me/password`: the current password, and the new one. Every
/// other session of the person ends.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    /// The password now.
    pub current_password: String,
    /// The password from now on (8 to 256 characters).
    pub new_password: String,
}

/// `POST /api/me/work-account`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkAccountLogin {
    /// Work e-mail of the directory entry.
    pub email: String,
    /// Its password.
    pub password: String,
}

/// Directory attributes of a person, where the viewer may see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DirectoryAttributes {
    /// The directory entry.
    pub directory_entry_id: DirectoryEntryId,
    /// Work e-mail.
    pub email: String,
    /// Alias.
    pub alias: String,
    /// Job title.
    pub designation: String,
    /// Department.
    pub department: String,
    /// The organization, with its description of org conversations.
    pub org: OrgProfile,
}

/// An organization as shown on profiles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgProfile {
    /// The organization's id.
    pub id: OrgId,
    /// Name.
    pub name: String,
    /// Domain of its work e-mail addresses.
    pub domain: String,
    /// What the organization says about its conversations.
    pub description: String,
}

/// `GET /api/people/{person_id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Profile {
    /// The person.
    pub person: Person,
    /// Directory attributes the viewer may see (same organization, or a shared org conversation).
    pub directory: Option<DirectoryAttributes>,
    /// Whether the person is in the viewer's contacts.
    pub is_contact: bool,
}

/// Where a search result comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SearchSource {
    /// The viewer's private contacts.
    Contact,
    /// An organization's directory.
    Directory,
}

/// One row of `GET /api/search?q=`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResult {
    /// Contact or directory.
    pub source: SearchSource,
    /// The person, or null for a directory entry nobody has linked yet.
    pub person_id: Option<PersonId>,
    /// The directory entry, for directory results.
    pub directory_entry_id: Option<DirectoryEntryId>,
    /// Name.
    pub display_name: String,
    /// Work e-mail (directory results).
    pub email: Option<String>,
    /// Alias (directory results).
    pub alias: Option<String>,
    /// Job title (directory results).
    pub designation: Option<String>,
    /// Department (directory results).
    pub department: Option<String>,
    /// The organization (directory results).
    pub org: Option<OrgRef>,
}

/// A saved contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    /// The person.
    pub person: Person,
    /// When they were saved.
    pub added_at: Millis,
}

/// `POST /api/contacts`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddContact {
    /// Who to save.
    pub person_id: PersonId,
}

// ---------------------------------------------------------- conversations

/// A chat (exactly two people) or a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConversationKind {
    /// Two people.
    Chat,
    /// Any number of people.
    Group,
}

/// Who owns a conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Its participants.
    Private,
    /// Exactly one organization (`owner_org`).
    Org,
}

/// A group member's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages members, converts, sets policies.
    Admin,
    /// Takes part.
    Member,
}

/// Where a group was created.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CreatedVia {
    /// In the app: private at first.
    App,
    /// In the admin portal: an org group from the start.
    Portal,
}

/// One row of `GET /api/conversations`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConversationSummary {
    /// The conversation.
    pub id: ConversationId,
    /// Chat or group.
    pub kind: ConversationKind,
    /// Private or org.
    pub scope: Scope,
    /// The owner organization of an org conversation.
    pub owner_org: Option<OrgRef>,
    /// Group title, or the other person's name for a chat.
    pub title: String,
    /// Messages after the viewer's read marker.
    pub unread: u32,
    /// The newest message the viewer may see.
    pub last_message: Option<Message>,
    /// When the conversation last changed (for newest-first ordering).
    pub last_activity_at: Millis,
    /// When a converted group became an org group.
    pub converted_at: Option<Millis>,
    /// Why the conversation is closed to the viewer now, if it is.
    pub closed: Option<ErrorCode>,
    /// What the viewer may do.
    pub capabilities: Capabilities,
}

/// A member of a conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Member {
    /// The person, or null for a directory entry not on Samtal yet.
    pub person_id: Option<PersonId>,
    /// The directory entry the member was added through, if any.
    pub directory_entry_id: Option<DirectoryEntryId>,
    /// Name.
    pub display_name: String,
    /// Admin or member.
    pub role: Role,
    /// When they joined.
    pub joined_at: Millis,
}

/// `GET /api/conversations/{id}`: the conversation's profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConversationDetail {
    /// The same fields as in the list.
    #[serde(flatten)]
    pub summary: ConversationSummary,
    /// Members and roles.
    pub members: Vec<Member>,
    /// The owner organization with its description, for org conversations.
    pub owner: Option<OrgProfile>,
    /// Who owns the data, in words.
    pub ownership: String,
    /// Where the group was created.
    pub created_via: CreatedVia,
    /// When it was created.
    pub created_at: Millis,
    /// Effective policies (org conversations only).
    pub policies: Option<Policies>,
    /// The group's own policies (org groups only).
    pub group_policies: Option<GroupPolicies>,
    /// The viewer's role, if a member.
    pub my_role: Option<Role>,
}

/// `POST /api/conversations/chats`: exactly one of `person_id`, `directory_entry_id`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateChat {
    /// A person (private chats: a saved contact).
    #[serde(default)]
    pub person_id: Option<PersonId>,
    /// A directory entry of the viewer's organization (org chats).
    #[serde(default)]
    pub directory_entry_id: Option<DirectoryEntryId>,
    /// Private or org.
    pub scope: Scope,
}

/// `POST /api/conversations/groups`: a private group.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateGroup {
    /// Title.
    pub title: String,
    /// People to add besides the creator.
    #[serde(default)]
    pub member_ids: Vec<PersonId>,
}

/// `POST /api/conversations/{id}/members`: exactly one of the two.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddMember {
    /// A person.
    #[serde(default)]
    pub person_id: Option<PersonId>,
    /// A directory entry of the owner organization (org groups).
    #[serde(default)]
    pub directory_entry_id: Option<DirectoryEntryId>,
}

// --------------------------------------------------------------- messages

/// Who owns a message: stamped when it is sent (rule 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case", try_from = "fields::OwnerFields")]
pub enum MessageOwner {
    /// The conversation's participants.
    Participants,
    /// An organization.
    Org {
        /// The owner organization.
        org_id: OrgId,
    },
}

/// What a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    /// Text typed by a person.
    Text,
    /// A file, with optional caption text.
    Attachment,
    /// A note written by Samtal itself.
    System,
}

/// A note Samtal writes into a conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case", try_from = "fields::NoteFields")]
pub enum SystemNote {
    /// The conversation was created.
    Created {
        /// Who created it.
        by: String,
    },
    /// People were added.
    Added {
        /// Who added them.
        by: String,
        /// Who was added.
        names: Vec<String>,
    },
    /// Someone left.
    Left {
        /// Who.
        name: String,
    },
    /// Someone was removed.
    Removed {
        /// Who removed them.
        by: String,
        /// Who was removed.
        name: String,
    },
    /// The group became an org group (rule 4); marks the line in the conversation.
    Converted {
        /// Who converted it.
        by: String,
        /// The new owner.
        org_name: String,
    },
    /// Shown to a person who joins or is added to an org group (rule 6).
    OwnedBy {
        /// The owner.
        org_name: String,
    },
}

impl SystemNote {
    /// The sentence shown in the conversation.
    pub fn text(&self) -> String {
        self.text_in(crate::Lang::En)
    }

    /// [`SystemNote::text`] in `lang`.
    pub fn text_in(&self, lang: crate::Lang) -> String {
        match lang {
            crate::Lang::En => self.english(),
            crate::Lang::Sv => self.swedish(),
        }
    }

    fn swedish(&self) -> String {
        match self {
            SystemNote::Created { by } => format!("{by} skapade konversationen"),
            SystemNote::Added { by, names } => format!("{by} lade till {}", names.join(", ")),
            SystemNote::Left { name } => format!("{name} lämnade"),
            SystemNote::Removed { by, name } => format!("{by} tog bort {name}"),
            SystemNote::Converted { by, org_name } => {
                format!("{by} lade till gruppen i {org_name}. Meddelanden från och med nu ägs av {org_name}.")
            }
            SystemNote::OwnedBy { org_name } => format!("Gruppen ägs av {org_name}"),
        }
    }

    fn english(&self) -> String {
        match self {
            SystemNote::Created { by } => format!("{by} created the conversation"),
            SystemNote::Added { by, names } => format!("{by} added {}", names.join(", ")),
            SystemNote::Left { name } => format!("{name} left"),
            SystemNote::Removed { by, name } => format!("{by} removed {name}"),
            SystemNote::Converted { by, org_name } => {
                format!("{by} added this group to {org_name}. Messages from now on are owned by {org_name}.")
            }
            SystemNote::OwnedBy { org_name } => format!("This group is owned by {org_name}"),
        }
    }
}

/// The kind of an attachment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AttachmentKind {
    /// `image/*`.
    Image,
    /// `video/*`.
    Video,
    /// `audio/*`.
    Audio,
}

impl AttachmentKind {
    /// The kind for a MIME type, or `None` when Samtal does not take it.
    pub fn from_mime(mime: &str) -> Option<Self> {
        let top = mime.split('/').next().unwrap_or_default().trim().to_ascii_lowercase();
        match top.as_str() {
            "image" => Some(Self::Image),
            "video" => Some(Self::Video),
            "audio" => Some(Self::Audio),
            _ => None,
        }
    }
}

/// An uploaded file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attachment {
    /// The attachment.
    pub id: AttachmentId,
    /// Image, video or audio.
    pub kind: AttachmentKind,
    /// MIME type as uploaded.
    pub mime: String,
    /// File name as uploaded.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// Where to download it (`allow_share` decides whether that works).
    pub url: String,
}

/// A message as the viewer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Message {
    /// The message.
    pub id: MessageId,
    /// Its conversation.
    pub conversation_id: ConversationId,
    /// Position in the conversation, from 1, without gaps.
    pub seq: i64,
    /// Who sent it (null for system notes).
    pub sender: Option<Person>,
    /// Text, attachment or system.
    pub kind: MessageKind,
    /// Text or caption.
    pub text: Option<String>,
    /// The file, for attachment messages.
    pub attachment: Option<Attachment>,
    /// The note, for system messages.
    pub system: Option<SystemNote>,
    /// The sender's idempotency key.
    pub client_id: Option<String>,
    /// The message this one forwards.
    pub forward_of: Option<MessageId>,
    /// The forwarder's own words above a forwarded message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Owner stamped at send time.
    pub owner: MessageOwner,
    /// When the server stored it.
    pub sent_at: Millis,
    /// The message this one replies to, as the viewer may see it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<ReplyQuote>,
    /// When its text was last edited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited_at: Option<Millis>,
    /// Deleted for everyone: who and when. Its text, attachment, comment
    /// and quote are gone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted: Option<Deletion>,
    /// The reactions, by emoji, in the order they were first given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reactions: Vec<Reaction>,
}

impl Message {
    /// Takes the content of `changed` (this same message, edited or deleted
    /// for everyone), keeping what is this view's own: its reader's
    /// reactions, and the quote, unless the deletion took it.
    pub fn take_content(&mut self, changed: &Message) {
        self.text.clone_from(&changed.text);
        self.attachment.clone_from(&changed.attachment);
        self.comment.clone_from(&changed.comment);
        self.edited_at = changed.edited_at;
        self.deleted = changed.deleted;
        if self.deleted.is_some() {
            self.reply_to = None;
            self.reactions.clear();
        }
    }

    /// Follows an edit or deletion of the message this one's quote shows;
    /// answers whether it quotes `changed`. A quote its reader may not
    /// read (no sender shown) stays without text.
    pub fn follow_quoted(&mut self, changed: &Message) -> bool {
        let Some(quote) = self.reply_to.as_mut().filter(|q| q.id == changed.id) else { return false };
        quote.deleted = changed.deleted.is_some();
        if quote.deleted {
            quote.text = None;
        } else if quote.sender.is_some() {
            quote.text.clone_from(&changed.text);
        }
        true
    }
}

/// The message a reply quotes, resolved under the viewer's rights: one
/// deleted, or from before the viewer may read, shows no text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplyQuote {
    /// The original message.
    pub id: MessageId,
    /// Its place in the conversation, to find it by paging.
    pub seq: i64,
    /// Who sent it (null where the viewer may not read it).
    pub sender: Option<Person>,
    /// Its text (null once deleted, or where the viewer may not read it).
    pub text: Option<String>,
    /// Its kind.
    pub kind: MessageKind,
    /// It was deleted for everyone.
    pub deleted: bool,
}

/// Who deleted a message for everyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeletedBy {
    /// The person who sent it.
    Sender,
    /// An admin: of the owner organization or of the group.
    Admin,
}

/// A message's deletion for everyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Deletion {
    /// Its sender, or an admin.
    pub by: DeletedBy,
    /// When.
    pub at: Millis,
}

/// One emoji's reactions to a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reaction {
    /// The emoji.
    pub emoji: String,
    /// How many people gave it.
    pub count: u32,
    /// The viewer is one of them.
    pub mine: bool,
}

/// `GET /api/conversations/{id}/messages/{message_id}/reactions`: who gave each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reactors {
    /// One per emoji, in the order they were first given.
    pub reactions: Vec<ReactionPeople>,
}

/// The people who gave one emoji, in the order they gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReactionPeople {
    /// The emoji.
    pub emoji: String,
    /// Who.
    pub people: Vec<Person>,
}

/// `PATCH /api/conversations/{id}/messages/{message_id}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EditMessage {
    /// The new text.
    pub text: String,
}

/// `POST /api/conversations/{id}/messages`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SendMessage {
    /// Text (or a caption with an attachment, or a comment above a forward).
    #[serde(default)]
    pub text: Option<String>,
    /// Chosen by the client; repeating a send with it stores one message.
    pub client_id: String,
    /// Forward this message (rule 8); its text and attachment are copied, and
    /// `text` beside it is the forwarder's comment.
    #[serde(default)]
    pub forward_of: Option<MessageId>,
    /// An attachment uploaded to this conversation and not yet sent.
    #[serde(default)]
    pub attachment_id: Option<AttachmentId>,
    /// The message of this conversation it replies to.
    #[serde(default)]
    pub reply_to: Option<MessageId>,
}

/// A person's read position in a conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReadMarker {
    /// Who.
    pub person_id: PersonId,
    /// The highest seq they have read.
    pub seq: i64,
}

/// `GET /api/conversations/{id}/messages`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessagePage {
    /// Oldest first.
    pub messages: Vec<Message>,
    /// Older messages the viewer may see exist before this page.
    pub has_more_before: bool,
    /// Newer messages exist after this page.
    pub has_more_after: bool,
    /// Every member's read position.
    pub read_markers: Vec<ReadMarker>,
}

/// `POST /api/conversations/{id}/read`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarkRead {
    /// The highest seq read.
    pub seq: i64,
}

// ---------------------------------------------------------------- exports

/// One message in an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedMessage {
    /// The conversation.
    pub conversation_id: ConversationId,
    /// Its title at export time.
    pub conversation_title: String,
    /// Position.
    pub seq: i64,
    /// Sender (null for system notes).
    pub sender: Option<Person>,
    /// Text.
    pub text: Option<String>,
    /// The forwarder's comment, on a forward that has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// File metadata (the bytes stay on the server).
    pub attachment: Option<Attachment>,
    /// Owner stamped at send time.
    pub owner: MessageOwner,
    /// When it was sent.
    pub sent_at: Millis,
}

/// `GET /api/me/export` (rule 11): the messages the person wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonalExport {
    /// Whose.
    pub person: Person,
    /// When.
    pub exported_at: Millis,
    /// Their contacts.
    pub contacts: Vec<Contact>,
    /// Their messages that rule 11 lets them take.
    pub messages: Vec<ExportedMessage>,
    /// How many of their messages an organization's `allow_share` kept out.
    pub withheld: u32,
}

/// `GET /api/admin/orgs/{org_id}/export` (rule 11): the organization's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComplianceExport {
    /// Whose.
    pub org: OrgRef,
    /// When.
    pub exported_at: Millis,
    /// Every message owned by the organization; never pre-conversion private ones.
    pub messages: Vec<ExportedMessage>,
    /// The organization's record of its messages' earlier texts and of
    /// what deletions took away, oldest first (rule 14).
    #[serde(default)]
    pub record: Vec<RecordEntry>,
}

/// One entry of an organization's record of a change to one of its messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordEntry {
    /// The message.
    pub message_id: MessageId,
    /// Its conversation.
    pub conversation_id: ConversationId,
    /// Its place there.
    pub seq: i64,
    /// `edited` or `deleted`.
    pub action: String,
    /// Who made the change (null once their account is gone).
    pub by: Option<Person>,
    /// The text before the edit, or the text the deletion took away.
    pub text: Option<String>,
    /// A forward's comment the deletion took away.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The file the deletion took away (kept for the record).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<Attachment>,
    /// When.
    pub at: Millis,
}

// ------------------------------------------------------------------ admin

/// `POST /api/orgs`: an operator creates an organization.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateOrg {
    /// Name.
    pub name: String,
    /// E-mail domain.
    pub domain: String,
    /// What the organization says about its conversations.
    #[serde(default)]
    pub description: String,
}

/// An organization as its admins see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Org {
    /// The organization's id.
    pub id: OrgId,
    /// Name.
    pub name: String,
    /// E-mail domain.
    pub domain: String,
    /// Description of org conversations.
    pub description: String,
    /// Samtal is on for the organization.
    pub enabled: bool,
    /// Tenant policies.
    pub policies: TenantPolicies,
}

/// `PUT /api/admin/orgs/{org_id}/enabled`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetEnabled {
    /// On or off.
    pub enabled: bool,
}

/// An org group as the admin portal lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgGroup {
    /// The group.
    pub id: ConversationId,
    /// Title.
    pub title: String,
    /// Owner.
    pub owner_org: OrgRef,
    /// Members.
    pub members: Vec<Member>,
    /// Portal or app.
    pub created_via: CreatedVia,
    /// Created.
    pub created_at: Millis,
    /// Converted from a private group at.
    pub converted_at: Option<Millis>,
    /// The group's own policies.
    pub policies: GroupPolicies,
}

/// `POST /api/admin/orgs/{org_id}/groups`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateOrgGroup {
    /// Title.
    pub title: String,
    /// People to add.
    #[serde(default)]
    pub member_ids: Vec<PersonId>,
    /// Directory entries to add (on Samtal or not yet).
    #[serde(default)]
    pub directory_entry_ids: Vec<DirectoryEntryId>,
    /// Its policies (defaults: everything allowed).
    #[serde(default)]
    pub policies: Option<GroupPolicies>,
}

/// A directory entry as admins see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DirectoryEntry {
    /// The entry.
    pub id: DirectoryEntryId,
    /// Its organization.
    pub org_id: OrgId,
    /// Work e-mail (unique in the organization).
    pub email: String,
    /// Alias (unique in the organization).
    pub alias: String,
    /// Name.
    pub display_name: String,
    /// Job title.
    pub designation: String,
    /// Department.
    pub department: String,
    /// Signing in to this entry makes a person an org admin.
    pub is_admin: bool,
    /// The person signed in to it now, if any.
    pub person_id: Option<PersonId>,
}

/// One entry to provision.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewDirectoryEntry {
    /// Work e-mail.
    pub email: String,
    /// Alias.
    pub alias: String,
    /// Name.
    pub display_name: String,
    /// Job title.
    #[serde(default)]
    pub designation: String,
    /// Department.
    #[serde(default)]
    pub department: String,
    /// Org admin.
    #[serde(default)]
    pub is_admin: bool,
    /// Work-account password; generated when absent.
    #[serde(default)]
    pub password: Option<String>,
}

/// `POST /api/admin/orgs/{org_id}/directory` (JSON; CSV with `Content-Type: text/csv`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DirectoryImport {
    /// Entries to provision.
    pub entries: Vec<NewDirectoryEntry>,
}

/// The outcome of one row of an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRowResult {
    /// 1-based row number in the request.
    pub row: u32,
    /// The e-mail of the row, as given.
    pub email: String,
    /// The new entry, if the row was imported.
    pub directory_entry_id: Option<DirectoryEntryId>,
    /// The generated password, where none was given.
    pub initial_password: Option<String>,
    /// Why the row was not imported.
    pub error: Option<ApiError>,
}

/// The answer to an import: every row's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DirectoryImportResult {
    /// `true` when nothing was written (`?dry_run=true`, the preview).
    pub dry_run: bool,
    /// Rows imported (or that would be).
    pub imported: u32,
    /// Per row.
    pub results: Vec<ImportRowResult>,
}

/// One entry of an organization's audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    /// The entry.
    pub id: AuditId,
    /// Who did it.
    pub actor: Option<Person>,
    /// Who did it when it was not a person: `SCIM · {token name}` for the
    /// organization's identity provider.
    #[serde(default)]
    pub actor_label: Option<String>,
    /// What, as a `snake_case` verb like `group_policies_changed`.
    pub action: String,
    /// On what, in words.
    pub target: String,
    /// Details.
    pub detail: serde_json::Value,
    /// When.
    pub at: Millis,
}

// ------------------------------------------------------------ cache keys

/// The key to one organization's encrypted browser cache (rule 13). The
/// server hands it out only to people who currently take part in the
/// organization's conversations or are signed in to its work account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CacheKey {
    /// The organization whose cache this key opens.
    pub org_id: OrgId,
    /// 32 random bytes, as 64 lowercase hex digits.
    pub key: String,
    /// How long a device may stay offline before it must delete the
    /// organization's cache (the tenant's `offline_cache_hours`), in milliseconds.
    pub offline_limit_ms: Millis,
}

/// `GET /api/me/cache-keys`: every organization cache key the viewer holds now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CacheKeys {
    /// One per organization.
    pub keys: Vec<CacheKey>,
}

// ------------------------------------------------------------------ other

/// `{ "ok": true }` for requests with nothing else to say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Done {
    /// Always true.
    pub ok: bool,
}
