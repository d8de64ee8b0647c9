//! Loading what the rules need about a conversation, and writing messages —
//! shared by the conversation and message stores.

use samtal_core::api::{
    Attachment, AttachmentKind, ConversationKind, CreatedVia, Message, MessageKind, MessageOwner, Person, Role,
    SystemNote,
};
use samtal_core::events::Event;
use samtal_core::rules::{self, ConversationFacts, MembershipFacts, OrgFacts};
use samtal_core::{
    AttachmentId, ConversationId, DirectoryEntryId, GroupPolicies, MessageId, Millis, OrgId, PersonId, TenantPolicies,
};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use super::events;
use crate::error::AppError;
use crate::store::StoreResult;
use crate::time::now_ms;

/// A conversation's row.
#[derive(Debug, Clone)]
pub(crate) struct ConversationRow {
    pub id: ConversationId,
    pub kind: ConversationKind,
    pub owner_org: Option<OrgId>,
    pub title: Option<String>,
    pub created_via: CreatedVia,
    pub created_by: Option<PersonId>,
    pub created_at: Millis,
    pub converted_at: Option<Millis>,
    pub group_policies: Option<GroupPolicies>,
    pub last_seq: i64,
    pub last_activity_at: Millis,
}

/// A member row, resolved to the person signed in to it now (if any).
#[derive(Debug, Clone)]
pub(crate) struct MemberRow {
    pub id: i64,
    pub person: Option<PersonId>,
    pub directory_entry: Option<DirectoryEntryId>,
    pub role: Role,
    pub joined_at: Millis,
    pub joined_seq: i64,
    pub read_seq: i64,
}

impl MemberRow {
    /// What the rules need.
    pub fn facts(&self) -> MembershipFacts {
        MembershipFacts { role: self.role, via_owner_directory: self.directory_entry.is_some() }
    }
}

fn parse_kind(s: &str) -> Result<ConversationKind, AppError> {
    match s {
        "chat" => Ok(ConversationKind::Chat),
        "group" => Ok(ConversationKind::Group),
        other => Err(AppError::Internal(anyhow::anyhow!("unknown conversation kind {other}"))),
    }
}

/// The column value for a kind.
pub(crate) fn kind_str(kind: ConversationKind) -> &'static str {
    match kind {
        ConversationKind::Chat => "chat",
        ConversationKind::Group => "group",
    }
}

/// The column value for a role.
pub(crate) fn role_str(role: Role) -> &'static str {
    match role {
        Role::Admin => "admin",
        Role::Member => "member",
    }
}

/// A role from its column value.
pub(crate) fn parse_role(s: &str) -> Role {
    if s == "admin" { Role::Admin } else { Role::Member }
}

/// Loads an organization's facts.
pub(crate) async fn org_facts(conn: &mut SqliteConnection, org: OrgId) -> StoreResult<Option<OrgFacts>> {
    let row = sqlx::query("SELECT enabled, tenant_policies FROM orgs WHERE id = ?")
        .bind(org.0)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let tenant: TenantPolicies = serde_json::from_str(&row.try_get::<String, _>("tenant_policies")?)?;
    Ok(Some(OrgFacts { id: org, enabled: row.try_get::<i64, _>("enabled")? != 0, tenant }))
}

/// The columns [`conversation_from_row`] reads, of `conversations c`.
pub(crate) const CONVERSATION_COLUMNS: &str = "c.id, c.kind, c.owner_org_id, c.title, c.created_via, c.created_by,
    c.created_at, c.converted_at, c.group_policies, c.last_seq, c.last_activity_at";

/// Reads a conversation from a row with [`CONVERSATION_COLUMNS`].
pub(crate) fn conversation_from_row(row: &SqliteRow) -> Result<ConversationRow, AppError> {
    let group_policies: Option<String> = row.try_get("group_policies")?;
    Ok(ConversationRow {
        id: ConversationId(row.try_get("id")?),
        kind: parse_kind(&row.try_get::<String, _>("kind")?)?,
        owner_org: row.try_get::<Option<i64>, _>("owner_org_id")?.map(OrgId),
        title: row.try_get("title")?,
        created_via: if row.try_get::<String, _>("created_via")? == "portal" {
            CreatedVia::Portal
        } else {
            CreatedVia::App
        },
        created_by: row.try_get::<Option<i64>, _>("created_by")?.map(PersonId),
        created_at: row.try_get("created_at")?,
        converted_at: row.try_get("converted_at")?,
        group_policies: group_policies.as_deref().map(serde_json::from_str).transpose()?,
        last_seq: row.try_get("last_seq")?,
        last_activity_at: row.try_get("last_activity_at")?,
    })
}

/// Loads a conversation and the facts the rules need about it.
pub(crate) async fn load_conversation(
    conn: &mut SqliteConnection,
    id: ConversationId,
) -> StoreResult<Option<(ConversationRow, ConversationFacts)>> {
    let sql = format!("SELECT {CONVERSATION_COLUMNS} FROM conversations c WHERE c.id = ?");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.0).fetch_optional(&mut *conn).await?;
    let Some(row) = row else { return Ok(None) };
    let conversation = conversation_from_row(&row)?;
    let owner = match conversation.owner_org {
        Some(org) => org_facts(conn, org).await?,
        None => None,
    };
    let facts = ConversationFacts { kind: conversation.kind, owner, group_policies: conversation.group_policies };
    Ok(Some((conversation, facts)))
}

const MEMBER_COLUMNS: &str = "m.id, m.directory_entry_id, m.role, m.joined_at, m.joined_seq, m.read_seq,
     COALESCE(m.person_id, d.person_id) AS resolved_person";

fn member_from_row(row: &SqliteRow) -> Result<MemberRow, sqlx::Error> {
    Ok(MemberRow {
        id: row.try_get("id")?,
        person: row.try_get::<Option<i64>, _>("resolved_person")?.map(PersonId),
        directory_entry: row.try_get::<Option<i64>, _>("directory_entry_id")?.map(DirectoryEntryId),
        role: parse_role(&row.try_get::<String, _>("role")?),
        joined_at: row.try_get("joined_at")?,
        joined_seq: row.try_get("joined_seq")?,
        read_seq: row.try_get("read_seq")?,
    })
}

/// The person's membership in a conversation: a row of theirs, or a row of
/// the directory entry they are signed in to now.
pub(crate) async fn load_membership(
    conn: &mut SqliteConnection,
    conversation: ConversationId,
    person: PersonId,
) -> StoreResult<Option<MemberRow>> {
    let sql = format!(
        "SELECT {MEMBER_COLUMNS} FROM conversation_members m
         LEFT JOIN directory_entries d ON d.id = m.directory_entry_id
         WHERE m.conversation_id = ? AND (m.person_id = ? OR d.person_id = ?)
         ORDER BY m.directory_entry_id IS NULL LIMIT 1"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(conversation.0)
        .bind(person.0)
        .bind(person.0)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.as_ref().map(member_from_row).transpose()?)
}

/// Every member row of a conversation, resolved.
pub(crate) async fn load_members(
    conn: &mut SqliteConnection,
    conversation: ConversationId,
) -> StoreResult<Vec<MemberRow>> {
    let sql = format!(
        "SELECT {MEMBER_COLUMNS} FROM conversation_members m
         LEFT JOIN directory_entries d ON d.id = m.directory_entry_id
         WHERE m.conversation_id = ? ORDER BY m.id"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(conversation.0).fetch_all(&mut *conn).await?;
    Ok(rows.iter().map(member_from_row).collect::<Result<_, _>>()?)
}

/// The people who are members now (directory entries nobody is signed in to are skipped).
pub(crate) async fn member_persons(
    conn: &mut SqliteConnection,
    conversation: ConversationId,
) -> StoreResult<Vec<PersonId>> {
    Ok(load_members(conn, conversation).await?.into_iter().filter_map(|m| m.person).collect())
}

/// A message to store.
#[derive(Debug, Clone)]
pub(crate) struct NewMessage {
    pub sender: Option<PersonId>,
    pub kind: MessageKind,
    pub text: Option<String>,
    pub attachment: Option<AttachmentId>,
    pub system: Option<SystemNote>,
    pub client_id: Option<String>,
    pub forward_of: Option<MessageId>,
}

impl NewMessage {
    /// A system note.
    pub fn system(note: SystemNote) -> Self {
        NewMessage {
            sender: None,
            kind: MessageKind::System,
            text: None,
            attachment: None,
            system: Some(note),
            client_id: None,
            forward_of: None,
        }
    }
}

/// Stores a message with the next seq and the owner stamped now (rule 4), and
/// appends `MessageCreated` to every member person — inside the caller's
/// transaction, so the message and its events are stored together.
pub(crate) async fn insert_message(
    conn: &mut SqliteConnection,
    conversation: &ConversationFacts,
    conversation_id: ConversationId,
    new: NewMessage,
) -> StoreResult<Message> {
    let now = now_ms();
    let seq: i64 = sqlx::query_scalar(
        "UPDATE conversations SET last_seq = last_seq + 1, last_activity_at = ? WHERE id = ? RETURNING last_seq",
    )
    .bind(now)
    .bind(conversation_id.0)
    .fetch_one(&mut *conn)
    .await?;
    let owner = rules::message_owner(conversation);
    let owner_org = match owner {
        MessageOwner::Org { org_id } => Some(org_id.0),
        MessageOwner::Participants => None,
    };
    let kind = match new.kind {
        MessageKind::Text => "text",
        MessageKind::Attachment => "attachment",
        MessageKind::System => "system",
    };
    let system = new.system.as_ref().map(serde_json::to_string).transpose()?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO messages (conversation_id, seq, sender_id, kind, text, attachment_id, system, client_id,
                               forward_of, owner_org_id, sent_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(conversation_id.0)
    .bind(seq)
    .bind(new.sender.map(|p| p.0))
    .bind(kind)
    .bind(&new.text)
    .bind(new.attachment.map(|a| a.0))
    .bind(&system)
    .bind(&new.client_id)
    .bind(new.forward_of.map(|m| m.0))
    .bind(owner_org)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    let message = load_message(conn, MessageId(id))
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("message {id} vanished")))?;
    let recipients = member_persons(conn, conversation_id).await?;
    events::append(conn, &recipients, &Event::MessageCreated { message: message.clone() }).await?;
    Ok(message)
}

/// The columns [`message_from_row`] reads; join `persons p` on the sender and
/// `attachments a` on the attachment.
pub(crate) const MESSAGE_SELECT: &str = "SELECT m.id, m.conversation_id, m.seq, m.sender_id, m.kind, m.text,
        m.attachment_id, m.system, m.client_id, m.forward_of, m.owner_org_id, m.sent_at,
        p.handle AS sender_handle, p.display_name AS sender_name,
        a.kind AS a_kind, a.mime AS a_mime, a.name AS a_name, a.size AS a_size
    FROM messages m
    LEFT JOIN persons p ON p.id = m.sender_id
    LEFT JOIN attachments a ON a.id = m.attachment_id";

/// Reads a message from a row of [`MESSAGE_SELECT`].
pub(crate) fn message_from_row(row: &SqliteRow) -> Result<Message, AppError> {
    let sender = match row.try_get::<Option<i64>, _>("sender_id")? {
        Some(id) => Some(Person {
            id: PersonId(id),
            handle: row.try_get::<Option<String>, _>("sender_handle")?.unwrap_or_default(),
            display_name: row.try_get::<Option<String>, _>("sender_name")?.unwrap_or_default(),
        }),
        None => None,
    };
    let attachment = match row.try_get::<Option<i64>, _>("attachment_id")? {
        Some(id) => {
            let kind = match row.try_get::<Option<String>, _>("a_kind")?.as_deref() {
                Some("video") => AttachmentKind::Video,
                Some("audio") => AttachmentKind::Audio,
                _ => AttachmentKind::Image,
            };
            Some(Attachment {
                id: AttachmentId(id),
                kind,
                mime: row.try_get::<Option<String>, _>("a_mime")?.unwrap_or_default(),
                name: row.try_get::<Option<String>, _>("a_name")?.unwrap_or_default(),
                size: row.try_get::<Option<i64>, _>("a_size")?.unwrap_or_default().max(0) as u64,
                url: format!("/api/attachments/{id}"),
            })
        }
        None => None,
    };
    let kind = match row.try_get::<String, _>("kind")?.as_str() {
        "attachment" => MessageKind::Attachment,
        "system" => MessageKind::System,
        _ => MessageKind::Text,
    };
    let system: Option<String> = row.try_get("system")?;
    Ok(Message {
        id: MessageId(row.try_get("id")?),
        conversation_id: ConversationId(row.try_get("conversation_id")?),
        seq: row.try_get("seq")?,
        sender,
        kind,
        text: row.try_get("text")?,
        attachment,
        system: system.as_deref().map(serde_json::from_str).transpose()?,
        client_id: row.try_get("client_id")?,
        forward_of: row.try_get::<Option<i64>, _>("forward_of")?.map(MessageId),
        owner: match row.try_get::<Option<i64>, _>("owner_org_id")? {
            Some(org) => MessageOwner::Org { org_id: OrgId(org) },
            None => MessageOwner::Participants,
        },
        sent_at: row.try_get("sent_at")?,
    })
}

/// One message by id.
pub(crate) async fn load_message(conn: &mut SqliteConnection, id: MessageId) -> StoreResult<Option<Message>> {
    let sql = format!("{MESSAGE_SELECT} WHERE m.id = ?");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.0).fetch_optional(&mut *conn).await?;
    row.as_ref().map(message_from_row).transpose()
}
