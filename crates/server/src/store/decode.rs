//! Reading rows back, shared by both backends: each backend's row type
//! offers [`Columns`], and every decoder here reads through it, so a
//! column's meaning is written down once.

use samtal_core::api::{
    Attachment, AttachmentKind, Contact, ConversationKind, CreatedVia, DeletedBy, Deletion, DirectoryEntry, Message,
    MessageKind, MessageOwner, Org, OrgRef, Person, ReplyQuote, Role, SearchResult, SearchSource,
};
use samtal_core::{AttachmentId, ConversationId, DirectoryEntryId, MessageId, OrgId, PersonId};
use sqlx::Row;

use super::rows::{ConversationRow, MemberRow, NamedMember};
use super::{StoreError, StoreResult};

/// Typed access to a row's columns by name.
pub(crate) trait Columns {
    /// A 64-bit integer.
    fn int(&self, col: &str) -> StoreResult<i64>;
    /// A nullable 64-bit integer.
    fn opt_int(&self, col: &str) -> StoreResult<Option<i64>>;
    /// Text.
    fn text(&self, col: &str) -> StoreResult<String>;
    /// Nullable text.
    fn opt_text(&self, col: &str) -> StoreResult<Option<String>>;
    /// A flag.
    fn flag(&self, col: &str) -> StoreResult<bool>;
    /// A nullable flag.
    fn opt_flag(&self, col: &str) -> StoreResult<Option<bool>>;
    /// Bytes.
    fn bytes(&self, col: &str) -> StoreResult<Vec<u8>>;
}

macro_rules! columns_for {
    ($row:ty) => {
        impl Columns for $row {
            fn int(&self, col: &str) -> StoreResult<i64> {
                Ok(self.try_get(col)?)
            }
            fn opt_int(&self, col: &str) -> StoreResult<Option<i64>> {
                Ok(self.try_get(col)?)
            }
            fn text(&self, col: &str) -> StoreResult<String> {
                Ok(self.try_get(col)?)
            }
            fn opt_text(&self, col: &str) -> StoreResult<Option<String>> {
                Ok(self.try_get(col)?)
            }
            fn flag(&self, col: &str) -> StoreResult<bool> {
                Ok(self.try_get(col)?)
            }
            fn opt_flag(&self, col: &str) -> StoreResult<Option<bool>> {
                Ok(self.try_get(col)?)
            }
            fn bytes(&self, col: &str) -> StoreResult<Vec<u8>> {
                Ok(self.try_get(col)?)
            }
        }
    };
}
columns_for!(sqlx::sqlite::SqliteRow);
columns_for!(sqlx::postgres::PgRow);

/// The column value of a conversation kind.
pub(crate) fn kind_tag(kind: ConversationKind) -> &'static str {
    match kind {
        ConversationKind::Chat => "chat",
        ConversationKind::Group => "group",
    }
}

/// A conversation kind from its column value.
pub(crate) fn parse_kind(tag: &str) -> StoreResult<ConversationKind> {
    match tag {
        "chat" => Ok(ConversationKind::Chat),
        "group" => Ok(ConversationKind::Group),
        other => Err(StoreError::Corrupt(format!("unknown conversation kind {other:?}"))),
    }
}

/// The column value of a role.
pub(crate) fn role_tag(role: Role) -> &'static str {
    match role {
        Role::Admin => "admin",
        Role::Member => "member",
    }
}

/// A role from its column value.
pub(crate) fn parse_role(tag: &str) -> Role {
    if tag == "admin" { Role::Admin } else { Role::Member }
}

/// The column value of how a conversation was made.
pub(crate) fn created_via_tag(via: CreatedVia) -> &'static str {
    match via {
        CreatedVia::App => "app",
        CreatedVia::Portal => "portal",
    }
}

/// The column value of a message kind.
pub(crate) fn message_kind_tag(kind: MessageKind) -> &'static str {
    match kind {
        MessageKind::Text => "text",
        MessageKind::Attachment => "attachment",
        MessageKind::System => "system",
    }
}

/// An attachment kind from its column value.
pub(crate) fn parse_attachment_kind(tag: Option<&str>) -> AttachmentKind {
    match tag {
        Some("video") => AttachmentKind::Video,
        Some("audio") => AttachmentKind::Audio,
        _ => AttachmentKind::Image,
    }
}

/// A `Person` from `id`, `handle`, `display_name`.
pub(crate) fn person(row: &impl Columns) -> StoreResult<Person> {
    Ok(Person { id: PersonId(row.int("id")?), handle: row.text("handle")?, display_name: row.text("display_name")? })
}

/// A contact from a person's columns and `added_at`.
pub(crate) fn contact(row: &impl Columns) -> StoreResult<Contact> {
    Ok(Contact { person: person(row)?, added_at: row.int("added_at")? })
}

/// The columns [`org`] reads, of `orgs`.
pub(crate) const ORG_COLUMNS: &str = "id, name, domain, description, enabled, tenant_policies";

/// An organization from [`ORG_COLUMNS`].
pub(crate) fn org(row: &impl Columns) -> StoreResult<Org> {
    Ok(Org {
        id: OrgId(row.int("id")?),
        name: row.text("name")?,
        domain: row.text("domain")?,
        description: row.text("description")?,
        enabled: row.flag("enabled")?,
        policies: serde_json::from_str(&row.text("tenant_policies")?)?,
    })
}

/// The columns [`entry`] reads, of `directory_entries`.
pub(crate) const ENTRY_COLUMNS: &str =
    "id, org_id, email, alias, display_name, designation, department, is_admin, person_id";

/// A directory entry from [`ENTRY_COLUMNS`].
pub(crate) fn entry(row: &impl Columns) -> StoreResult<DirectoryEntry> {
    Ok(DirectoryEntry {
        id: DirectoryEntryId(row.int("id")?),
        org_id: OrgId(row.int("org_id")?),
        email: row.text("email")?,
        alias: row.text("alias")?,
        display_name: row.text("display_name")?,
        designation: row.text("designation")?,
        department: row.text("department")?,
        is_admin: row.flag("is_admin")?,
        person_id: row.opt_int("person_id")?.map(PersonId),
    })
}

/// The columns [`conversation`] reads, of `conversations c`.
pub(crate) const CONVERSATION_COLUMNS: &str = "c.id, c.kind, c.owner_org_id, c.title, c.created_via, c.created_by,
    c.created_at, c.converted_at, c.group_policies, c.last_seq, c.last_activity_at";

/// A conversation from [`CONVERSATION_COLUMNS`].
pub(crate) fn conversation(row: &impl Columns) -> StoreResult<ConversationRow> {
    let group_policies = row.opt_text("group_policies")?;
    Ok(ConversationRow {
        id: ConversationId(row.int("id")?),
        kind: parse_kind(&row.text("kind")?)?,
        owner_org: row.opt_int("owner_org_id")?.map(OrgId),
        title: row.opt_text("title")?,
        created_via: if row.text("created_via")? == "portal" { CreatedVia::Portal } else { CreatedVia::App },
        created_by: row.opt_int("created_by")?.map(PersonId),
        created_at: row.int("created_at")?,
        converted_at: row.opt_int("converted_at")?,
        group_policies: group_policies.as_deref().map(serde_json::from_str).transpose()?,
        last_seq: row.int("last_seq")?,
        last_activity_at: row.int("last_activity_at")?,
    })
}

/// The columns [`member`] reads, of `conversation_members m` left-joined
/// with `directory_entries d` on its entry.
pub(crate) const MEMBER_COLUMNS: &str = "m.id, m.directory_entry_id, m.role, m.joined_at, m.joined_seq, m.read_seq,
     COALESCE(m.person_id, d.person_id) AS resolved_person";

/// A member row from [`MEMBER_COLUMNS`] (prefixed by `prefix`, as in `m_id`).
pub(crate) fn member(row: &impl Columns, prefix: &str) -> StoreResult<MemberRow> {
    let col = |name: &str| format!("{prefix}{name}");
    Ok(MemberRow {
        id: row.int(&col("id"))?,
        person: row.opt_int(&col("resolved_person"))?.map(PersonId),
        directory_entry: row.opt_int(&col("directory_entry_id"))?.map(DirectoryEntryId),
        role: parse_role(&row.text(&col("role"))?),
        joined_at: row.int(&col("joined_at"))?,
        joined_seq: row.int(&col("joined_seq"))?,
        read_seq: row.int(&col("read_seq"))?,
    })
}

/// A message query's columns; join `persons p` on the sender and
/// `attachments a` on the attachment, as this text does.
pub(crate) const MESSAGE_SELECT: &str = "SELECT m.id, m.conversation_id, m.seq, m.sender_id, m.kind, m.text,
        m.attachment_id, m.system, m.client_id, m.forward_of, m.comment, m.owner_org_id,
        m.sent_at, m.edited_at, m.deleted_at, m.deleted_by, m.reply_to,
        p.handle AS sender_handle, p.display_name AS sender_name,
        a.kind AS a_kind, a.mime AS a_mime, a.name AS a_name, a.size AS a_size,
        q.seq AS q_seq, q.sender_id AS q_sender_id, qp.handle AS q_handle, qp.display_name AS q_name,
        q.kind AS q_kind, q.text AS q_text, q.deleted_at AS q_deleted_at
    FROM messages m
    LEFT JOIN persons p ON p.id = m.sender_id
    LEFT JOIN attachments a ON a.id = m.attachment_id
    LEFT JOIN messages q ON q.id = m.reply_to
    LEFT JOIN persons qp ON qp.id = q.sender_id";

/// A person from the columns `id`, `handle` and `name` of a joined row
/// (none where `id` is null).
fn joined_person(row: &impl Columns, id: &str, handle: &str, name: &str) -> StoreResult<Option<Person>> {
    let Some(person) = row.opt_int(id)? else { return Ok(None) };
    Ok(Some(Person {
        id: PersonId(person),
        handle: row.opt_text(handle)?.unwrap_or_default(),
        display_name: row.opt_text(name)?.unwrap_or_default(),
    }))
}

/// An attachment whose id is in column `id`, with the joined `a_kind`,
/// `a_mime`, `a_name` and `a_size` (none where `id` is null).
fn joined_attachment(row: &impl Columns, id: &str) -> StoreResult<Option<Attachment>> {
    let Some(attachment) = row.opt_int(id)? else { return Ok(None) };
    Ok(Some(Attachment {
        id: AttachmentId(attachment),
        kind: parse_attachment_kind(row.opt_text("a_kind")?.as_deref()),
        mime: row.opt_text("a_mime")?.unwrap_or_default(),
        name: row.opt_text("a_name")?.unwrap_or_default(),
        size: row.opt_int("a_size")?.unwrap_or_default().max(0).unsigned_abs(),
        url: format!("/api/attachments/{attachment}"),
    }))
}

/// A message from a row of [`MESSAGE_SELECT`].
pub(crate) fn message(row: &impl Columns) -> StoreResult<Message> {
    let sender = joined_person(row, "sender_id", "sender_handle", "sender_name")?;
    let attachment = joined_attachment(row, "attachment_id")?;
    let kind = parse_message_kind(&row.text("kind")?);
    let system = row.opt_text("system")?;
    let deleted = match row.opt_int("deleted_at")? {
        Some(at) => Some(Deletion {
            by: if row.opt_text("deleted_by")?.as_deref() == Some("admin") {
                DeletedBy::Admin
            } else {
                DeletedBy::Sender
            },
            at,
        }),
        None => None,
    };
    let reply_to = match (row.opt_int("reply_to")?, row.opt_int("q_seq")?) {
        (Some(id), Some(seq)) => {
            let quoted_deleted = row.opt_int("q_deleted_at")?.is_some();
            Some(ReplyQuote {
                id: MessageId(id),
                seq,
                sender: joined_person(row, "q_sender_id", "q_handle", "q_name")?,
                text: if quoted_deleted { None } else { row.opt_text("q_text")? },
                kind: parse_message_kind(&row.opt_text("q_kind")?.unwrap_or_default()),
                deleted: quoted_deleted,
            })
        }
        _ => None,
    };
    Ok(Message {
        id: MessageId(row.int("id")?),
        conversation_id: ConversationId(row.int("conversation_id")?),
        seq: row.int("seq")?,
        sender,
        kind,
        text: row.opt_text("text")?,
        attachment,
        system: system.as_deref().map(serde_json::from_str).transpose()?,
        client_id: row.opt_text("client_id")?,
        forward_of: row.opt_int("forward_of")?.map(MessageId),
        comment: row.opt_text("comment")?,
        owner: match row.opt_int("owner_org_id")? {
            Some(org) => MessageOwner::Org { org_id: OrgId(org) },
            None => MessageOwner::Participants,
        },
        sent_at: row.int("sent_at")?,
        // A deleted message's quote goes with the rest of it.
        reply_to: if deleted.is_some() { None } else { reply_to },
        edited_at: row.opt_int("edited_at")?,
        deleted,
        reactions: Vec::new(),
    })
}

/// A message kind from its column value.
fn parse_message_kind(tag: &str) -> MessageKind {
    match tag {
        "attachment" => MessageKind::Attachment,
        "system" => MessageKind::System,
        _ => MessageKind::Text,
    }
}

/// Decodes every row with `decode`.
pub(crate) fn all<R, T>(rows: &[R], decode: impl Fn(&R) -> StoreResult<T>) -> StoreResult<Vec<T>> {
    rows.iter().map(decode).collect()
}

/// A named member from its columns.
pub(crate) fn named_member(row: &impl Columns) -> StoreResult<NamedMember> {
    Ok(NamedMember {
        conversation: ConversationId(row.int("conversation_id")?),
        row_id: row.int("id")?,
        person: row.opt_int("resolved_person")?.map(PersonId),
        entry: row.opt_int("directory_entry_id")?.map(DirectoryEntryId),
        name: row.opt_text("person_name")?.or(row.opt_text("entry_name")?).unwrap_or_default(),
        role: parse_role(&row.text("role")?),
        joined_at: row.int("joined_at")?,
    })
}

/// A directory entry as a search result, from its columns and the org's.
pub(crate) fn search_result(row: &impl Columns) -> StoreResult<SearchResult> {
    Ok(SearchResult {
        source: SearchSource::Directory,
        person_id: row.opt_int("person_id")?.map(PersonId),
        directory_entry_id: Some(DirectoryEntryId(row.int("id")?)),
        display_name: row.text("display_name")?,
        email: Some(row.text("email")?),
        alias: Some(row.text("alias")?),
        designation: Some(row.text("designation")?),
        department: Some(row.text("department")?),
        org: Some(OrgRef { id: OrgId(row.int("org_id")?), name: row.text("org_name")? }),
    })
}

/// A hit of a directory word scan: a search result with `token` and `sort_name`.
pub(crate) fn token_hit(row: &impl Columns) -> StoreResult<super::directory::TokenHit> {
    Ok(super::directory::TokenHit {
        token: row.text("token")?,
        sort_name: row.text("sort_name")?,
        result: search_result(row)?,
    })
}

/// An attachment row from its columns, `file` and `message_seq`.
pub(crate) fn attachment(row: &impl Columns) -> StoreResult<super::rows::AttachmentRow> {
    Ok(super::rows::AttachmentRow {
        conversation: ConversationId(row.int("conversation_id")?),
        uploader: PersonId(row.int("uploader_id")?),
        kind: row.text("kind")?,
        mime: row.text("mime")?,
        name: row.text("name")?,
        size: row.int("size")?,
        file: row.text("file")?,
        message_seq: row.opt_int("message_seq")?,
        recorded: row.flag("recorded")?,
    })
}

/// An audit entry from its columns and its actor's (`person_id`, `handle`,
/// `display_name`, null when the actor is gone).
pub(crate) fn audit_entry(row: &impl Columns) -> StoreResult<samtal_core::api::AuditEntry> {
    let actor = match row.opt_int("person_id")? {
        Some(id) => {
            Some(Person { id: PersonId(id), handle: row.text("handle")?, display_name: row.text("display_name")? })
        }
        None => None,
    };
    Ok(samtal_core::api::AuditEntry {
        id: samtal_core::AuditId(row.int("id")?),
        actor,
        actor_label: row.opt_text("actor_label")?,
        action: row.text("action")?,
        target: row.text("target")?,
        detail: serde_json::from_str(&row.text("detail")?).unwrap_or(serde_json::Value::Null),
        at: row.int("at")?,
    })
}

/// An event from `id`, `at` and its JSON `payload`.
pub(crate) fn event(row: &impl Columns) -> StoreResult<samtal_core::events::EventEnvelope> {
    Ok(samtal_core::events::EventEnvelope {
        id: samtal_core::EventId(row.int("id")?),
        at: row.int("at")?,
        event: serde_json::from_str(&row.text("payload")?)?,
    })
}

/// The facts of an org conversation from `kind`, `group_policies`,
/// `owner_org_id`, `org_enabled` and `tenant_policies`.
pub(crate) fn owned_facts(row: &impl Columns) -> StoreResult<samtal_core::rules::ConversationFacts> {
    let group = row.opt_text("group_policies")?;
    Ok(samtal_core::rules::ConversationFacts {
        kind: parse_kind(&row.text("kind")?)?,
        owner: Some(samtal_core::rules::OrgFacts {
            id: OrgId(row.int("owner_org_id")?),
            enabled: row.flag("org_enabled")?,
            tenant: serde_json::from_str(&row.text("tenant_policies")?)?,
        }),
        group_policies: group.as_deref().map(serde_json::from_str).transpose()?,
    })
}

/// A digest candidate from its query's columns.
pub(crate) fn digest_candidate(row: &impl Columns) -> StoreResult<super::mail::DigestCandidate> {
    Ok(super::mail::DigestCandidate {
        member_id: row.int("member_id")?,
        conversation: ConversationId(row.int("conversation_id")?),
        facts: owned_facts(row)?,
        title: row.opt_text("title")?,
        read_seq: row.int("read_seq")?,
        joined_seq: row.int("joined_seq")?,
        mailed_seq: row.int("mailed_seq")?,
        org_name: row.text("org_name")?,
        entry: row.int("entry_id")?,
        email: row.text("email")?,
        entry_name: row.text("entry_name")?,
        person: row.opt_int("person_id")?,
        email_enabled: row.opt_flag("email_enabled")?,
        email_delay_minutes: row.opt_int("email_delay_minutes")?,
        language: row.opt_text("language")?,
    })
}

/// A missed range's sender from `name`, `first`, `n`, `newest`.
pub(crate) fn missed_sender(row: &impl Columns) -> StoreResult<super::mail::MissedSender> {
    Ok(super::mail::MissedSender {
        name: row.text("name")?,
        first_seq: row.int("first")?,
        count: row.int("n")?.max(0).unsigned_abs(),
        newest_at: row.int("newest")?,
    })
}

/// A missed message's line from `name`, `kind`, `text`, `a_kind`, `a_name`.
pub(crate) fn missed_line(row: &impl Columns) -> StoreResult<super::mail::MissedLine> {
    Ok(super::mail::MissedLine {
        sender: row.text("name")?,
        kind: row.text("kind")?,
        text: row.opt_text("text")?,
        attachment_kind: row.opt_text("a_kind")?,
        attachment_name: row.opt_text("a_name")?,
    })
}

/// An outbox row ready to send.
pub(crate) fn outbox_mail(row: &impl Columns) -> StoreResult<super::mail::OutboxMail> {
    Ok(super::mail::OutboxMail {
        id: row.int("id")?,
        recipient: row.text("recipient")?,
        message_id: row.text("message_id")?,
        raw: row.bytes("raw")?,
        attempts: row.int("attempts")?,
    })
}

/// An organization's provider from `issuer, client_id, client_secret, claim, updated_at`.
pub(crate) fn oidc_row(row: &impl Columns) -> StoreResult<super::identity::OidcRow> {
    let claim = match row.text("claim")?.as_str() {
        "email" => samtal_core::identity::MatchClaim::Email,
        "sub" => samtal_core::identity::MatchClaim::Sub,
        "oid" => samtal_core::identity::MatchClaim::Oid,
        other => return Err(StoreError::Corrupt(format!("unknown claim {other}"))),
    };
    Ok(super::identity::OidcRow {
        issuer: row.text("issuer")?,
        client_id: row.text("client_id")?,
        sealed_secret: row.opt_text("client_secret")?,
        claim,
        updated_at: row.int("updated_at")?,
    })
}

/// A sign-in under way from `person_id, org_id, nonce, pkce_verifier, expires_at`.
pub(crate) fn oidc_login(row: &impl Columns) -> StoreResult<super::identity::OidcLogin> {
    Ok(super::identity::OidcLogin {
        person: PersonId(row.int("person_id")?),
        org: OrgId(row.int("org_id")?),
        nonce: row.text("nonce")?,
        pkce_verifier: row.text("pkce_verifier")?,
        expires_at: row.int("expires_at")?,
    })
}

/// A SCIM token as listed, from `id, name, created_at, last_used_at`.
pub(crate) fn scim_token(row: &impl Columns) -> StoreResult<samtal_core::identity::ScimToken> {
    Ok(samtal_core::identity::ScimToken {
        id: samtal_core::ScimTokenId(row.int("id")?),
        name: row.text("name")?,
        created_at: row.int("created_at")?,
        last_used_at: row.opt_int("last_used_at")?,
    })
}

/// The columns [`scim_user`] reads.
pub(crate) const SCIM_USER_COLUMNS: &str =
    "id, org_id, entry_id, user_key, external_id, resource, created_at, updated_at";

/// A SCIM user from [`SCIM_USER_COLUMNS`].
pub(crate) fn scim_user(row: &impl Columns) -> StoreResult<super::identity::ScimUserRow> {
    Ok(super::identity::ScimUserRow {
        id: row.int("id")?,
        org: OrgId(row.int("org_id")?),
        entry: row.opt_int("entry_id")?.map(DirectoryEntryId),
        user_key: row.text("user_key")?,
        external_id: row.opt_text("external_id")?,
        resource: row.text("resource")?,
        created_at: row.int("created_at")?,
        updated_at: row.int("updated_at")?,
    })
}

/// An entry of an organization's record, from its query's columns.
pub(crate) fn record_entry(row: &impl Columns) -> StoreResult<samtal_core::api::RecordEntry> {
    let by = joined_person(row, "person_id", "handle", "display_name")?;
    let attachment = joined_attachment(row, "a_id")?;
    Ok(samtal_core::api::RecordEntry {
        message_id: MessageId(row.int("message_id")?),
        conversation_id: ConversationId(row.int("conversation_id")?),
        seq: row.int("seq")?,
        action: row.text("action")?,
        by,
        text: row.opt_text("text")?,
        comment: row.opt_text("comment")?,
        attachment,
        at: row.int("at")?,
    })
}
