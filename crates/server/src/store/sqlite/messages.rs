//! [`MessageStore`] on SQLite.
//!
//! Reads run in a deferred transaction (one consistent snapshot); writes in
//! [`SqliteStore::begin`]'s write transaction, which also serializes them, and
//! every verdict comes from `samtal_core::rules` over facts loaded inside it.

use std::collections::HashMap;

use async_trait::async_trait;
use samtal_core::api::{
    Attachment, AttachmentKind, ComplianceExport, Contact, ExportedMessage, Message, MessageKind, MessagePage, OrgRef,
    Person, PersonalExport, ReadMarker, SendMessage,
};
use samtal_core::events::Event;
use samtal_core::rules::{self, ConversationFacts, Viewer};
use samtal_core::{AttachmentId, ConversationId, ErrorCode, MessageId, OrgId, PersonId};
use sqlx::{Row, SqliteConnection};

use super::context::{self, ConversationRow, MESSAGE_SELECT, MemberRow, NewMessage};
use super::{SqliteStore, admin, events, is_unique_violation};
use crate::error::AppError;
use crate::store::{MessageStore, StoreResult};
use crate::time::now_ms;

/// A conversation the viewer may open now, with their membership.
struct Opened {
    row: ConversationRow,
    facts: ConversationFacts,
    member: MemberRow,
}

/// Loads a conversation and asks `rules::access` whether the viewer may open
/// it: unknown or not a member → `NotFound`, closed → the reason.
async fn open(conn: &mut SqliteConnection, viewer: &Viewer, id: ConversationId) -> StoreResult<Opened> {
    let (row, facts) = context::load_conversation(conn, id).await?.ok_or(ErrorCode::NotFound)?;
    let member = context::load_membership(conn, id, viewer.person).await?;
    rules::access(viewer, &facts, member.as_ref().map(MemberRow::facts).as_ref())?;
    let member = member.ok_or(ErrorCode::NotFound)?;
    Ok(Opened { row, facts, member })
}

/// [`open`], and the viewer may send there now.
async fn open_for_sending(conn: &mut SqliteConnection, viewer: &Viewer, id: ConversationId) -> StoreResult<Opened> {
    let opened = open(conn, viewer, id).await?;
    if !rules::capabilities(viewer, &opened.facts, Some(&opened.member.facts())).send {
        return Err(ErrorCode::Forbidden.into());
    }
    Ok(opened)
}

/// Whether an error is a UNIQUE violation coming up from the database.
fn is_unique_error(e: &AppError) -> bool {
    match e {
        AppError::Internal(inner) => inner.downcast_ref::<sqlx::Error>().is_some_and(is_unique_violation),
        AppError::Api(_) => false,
    }
}

/// Whether any message in `[from, to]` of the conversation exists.
async fn any_between(
    conn: &mut SqliteConnection,
    conversation: ConversationId,
    from: i64,
    to: i64,
) -> StoreResult<bool> {
    if from > to {
        return Ok(false);
    }
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM messages WHERE conversation_id = ? AND seq >= ? AND seq <= ? LIMIT 1")
            .bind(conversation.0)
            .bind(from)
            .bind(to)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(found.is_some())
}

/// The message `sender` already sent with `client_id` in the conversation.
async fn by_client_id(
    conn: &mut SqliteConnection,
    conversation: ConversationId,
    sender: PersonId,
    client_id: &str,
) -> StoreResult<Option<Message>> {
    let sql = format!("{MESSAGE_SELECT} WHERE m.conversation_id = ? AND m.sender_id = ? AND m.client_id = ?");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(conversation.0)
        .bind(sender.0)
        .bind(client_id)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(context::message_from_row).transpose()
}

/// Turns a send request into the message to store: resolves a forward
/// (rule 8) or an attachment the viewer uploaded here.
async fn prepare(
    conn: &mut SqliteConnection,
    viewer: &Viewer,
    target: &Opened,
    message: SendMessage,
) -> StoreResult<NewMessage> {
    let mut new = NewMessage {
        sender: Some(viewer.person),
        kind: MessageKind::Text,
        text: message.text,
        attachment: None,
        system: None,
        client_id: Some(message.client_id),
        forward_of: message.forward_of,
    };
    if let Some(source_id) = message.forward_of {
        let (kind, text, attachment) = forward_source(conn, viewer, target, source_id).await?;
        new.kind = kind;
        new.text = text;
        new.attachment = attachment;
    } else if let Some(attachment) = message.attachment_id {
        unsent_upload(conn, viewer, target.row.id, attachment).await?;
        new.kind = MessageKind::Attachment;
        new.attachment = Some(attachment);
    }
    if new.text.is_none() && new.attachment.is_none() {
        return Err(AppError::msg(ErrorCode::InvalidInput, "A message needs text or an attachment."));
    }
    Ok(new)
}

/// What a forward of `source_id` into `target` carries: the source's kind,
/// text and a copy of its attachment row (sharing the file). The source must
/// be a message the viewer may read (else `NotFound`), and rule 8 must allow
/// forwarding it there.
async fn forward_source(
    conn: &mut SqliteConnection,
    viewer: &Viewer,
    target: &Opened,
    source_id: MessageId,
) -> StoreResult<(MessageKind, Option<String>, Option<AttachmentId>)> {
    let source = context::load_message(conn, source_id).await?.ok_or(ErrorCode::NotFound)?;
    // Whatever keeps the viewer from reading the source, they learn only that
    // there is no such message for them.
    let source_facts = match open(conn, viewer, source.conversation_id).await {
        Ok(opened) if source.seq >= rules::first_visible_seq(&opened.facts, opened.member.joined_seq) => opened.facts,
        Ok(_) | Err(AppError::Api(_)) => return Err(ErrorCode::NotFound.into()),
        Err(e) => return Err(e),
    };
    if source.kind == MessageKind::System {
        return Err(AppError::msg(ErrorCode::InvalidInput, "Notes written by Samtal can't be forwarded."));
    }
    rules::check_forward(&source_facts, &target.facts)?;
    let attachment = match source.attachment {
        Some(a) => Some(copy_attachment(conn, viewer.person, target.row.id, a.id).await?),
        None => None,
    };
    Ok((source.kind, source.text, attachment))
}

/// A new attachments row in `conversation` for the file of `source`: a
/// message's attachment is its own row, the bytes are shared.
async fn copy_attachment(
    conn: &mut SqliteConnection,
    uploader: PersonId,
    conversation: ConversationId,
    source: AttachmentId,
) -> StoreResult<AttachmentId> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO attachments (conversation_id, uploader_id, kind, mime, name, size, storage_key, file_key,
                                  created_at)
         SELECT ?, ?, kind, mime, name, size, ?, COALESCE(file_key, storage_key), ? FROM attachments WHERE id = ?
         RETURNING id",
    )
    .bind(conversation.0)
    .bind(uploader.0)
    .bind(format!("forward-{}", crate::auth::random_token()))
    .bind(now_ms())
    .bind(source.0)
    .fetch_one(&mut *conn)
    .await?;
    Ok(AttachmentId(id))
}

/// Checks that `attachment` was uploaded by the viewer to `conversation`
/// (else `NotFound`) and is not in a message yet (else `Conflict`).
async fn unsent_upload(
    conn: &mut SqliteConnection,
    viewer: &Viewer,
    conversation: ConversationId,
    attachment: AttachmentId,
) -> StoreResult<()> {
    let row = sqlx::query(
        "SELECT a.conversation_id, a.uploader_id, m.id AS message_id
         FROM attachments a LEFT JOIN messages m ON m.attachment_id = a.id WHERE a.id = ?",
    )
    .bind(attachment.0)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Err(ErrorCode::NotFound.into()) };
    let mine = row.try_get::<i64, _>("conversation_id")? == conversation.0
        && row.try_get::<i64, _>("uploader_id")? == viewer.person.0;
    if !mine {
        return Err(ErrorCode::NotFound.into());
    }
    if row.try_get::<Option<i64>, _>("message_id")?.is_some() {
        return Err(AppError::msg(ErrorCode::Conflict, "This attachment was already sent. Upload it again."));
    }
    Ok(())
}

/// Every member person's read marker (a person counted once, at their furthest).
fn read_markers(members: &[MemberRow]) -> Vec<ReadMarker> {
    let mut markers: Vec<ReadMarker> = Vec::with_capacity(members.len());
    let mut index: HashMap<PersonId, usize> = HashMap::with_capacity(members.len());
    for member in members {
        let Some(person_id) = member.person else { continue };
        match index.get(&person_id) {
            Some(&i) => {
                if let Some(marker) = markers.get_mut(i) {
                    marker.seq = marker.seq.max(member.read_seq);
                }
            }
            None => {
                index.insert(person_id, markers.len());
                markers.push(ReadMarker { person_id, seq: member.read_seq });
            }
        }
    }
    markers
}

/// A conversation's name in an export: the group's title, else the names of
/// its members other than `me`.
async fn export_title(conn: &mut SqliteConnection, row: &ConversationRow, me: Option<PersonId>) -> StoreResult<String> {
    if let Some(title) = row.title.as_ref().filter(|t| !t.trim().is_empty()) {
        return Ok(title.clone());
    }
    let rows = sqlx::query(
        "SELECT COALESCE(p.display_name, d.display_name) AS name, COALESCE(m.person_id, d.person_id) AS person
         FROM conversation_members m
         LEFT JOIN directory_entries d ON d.id = m.directory_entry_id
         LEFT JOIN persons p ON p.id = COALESCE(m.person_id, d.person_id)
         WHERE m.conversation_id = ? ORDER BY m.id",
    )
    .bind(row.id.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut names = Vec::new();
    for r in &rows {
        let person: Option<i64> = r.try_get("person")?;
        if me.is_some_and(|me| person == Some(me.0)) {
            continue;
        }
        if let Some(name) = r.try_get::<Option<String>, _>("name")? {
            names.push(name);
        }
    }
    Ok(if names.is_empty() { format!("Conversation {}", row.id) } else { names.join(", ") })
}

/// Conversations met while exporting, loaded once each.
struct ExportConversations {
    me: Option<PersonId>,
    seen: HashMap<ConversationId, (ConversationFacts, String)>,
}

impl ExportConversations {
    fn new(me: Option<PersonId>) -> Self {
        Self { me, seen: HashMap::new() }
    }

    /// The facts and export title of a conversation.
    async fn get(
        &mut self,
        conn: &mut SqliteConnection,
        id: ConversationId,
    ) -> StoreResult<Option<(ConversationFacts, String)>> {
        if let Some(found) = self.seen.get(&id) {
            return Ok(Some(found.clone()));
        }
        let Some((row, facts)) = context::load_conversation(conn, id).await? else { return Ok(None) };
        let title = export_title(conn, &row, self.me).await?;
        self.seen.insert(id, (facts, title.clone()));
        Ok(Some((facts, title)))
    }
}

/// A message as exports carry it; a system note exports as its sentence.
fn exported(message: Message, conversation_title: String) -> ExportedMessage {
    let text = message.text.or_else(|| message.system.as_ref().map(|note| note.text()));
    ExportedMessage {
        conversation_id: message.conversation_id,
        conversation_title,
        seq: message.seq,
        sender: message.sender,
        text,
        attachment: message.attachment,
        owner: message.owner,
        sent_at: message.sent_at,
    }
}

/// Messages from a query over [`MESSAGE_SELECT`] with one bound id.
async fn messages_where(conn: &mut SqliteConnection, filter: &'static str, id: i64) -> StoreResult<Vec<Message>> {
    let sql = format!("{MESSAGE_SELECT} WHERE {filter} ORDER BY m.conversation_id, m.seq");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_all(&mut *conn).await?;
    rows.iter().map(context::message_from_row).collect()
}

#[async_trait]
impl MessageStore for SqliteStore {
    async fn messages(
        &self,
        viewer: &Viewer,
        conversation: ConversationId,
        after: Option<i64>,
        before: Option<i64>,
        limit: u32,
    ) -> StoreResult<MessagePage> {
        let mut tx = self.pool().begin().await?;
        let opened = open(&mut tx, viewer, conversation).await?;
        let first_visible = rules::first_visible_seq(&opened.facts, opened.member.joined_seq);
        // The window [low, high) of seqs to page through.
        let low = after.map_or(first_visible, |a| first_visible.max(a.saturating_add(1)));
        let high = before.unwrap_or(i64::MAX);
        // Catching up reads forward from `after`; otherwise the newest first.
        let newest_first = after.is_none();
        let order = if newest_first { "DESC" } else { "ASC" };
        let sql = format!(
            "{MESSAGE_SELECT} WHERE m.conversation_id = ? AND m.seq >= ? AND m.seq < ? ORDER BY m.seq {order} LIMIT ?"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(conversation.0)
            .bind(low)
            .bind(high)
            .bind(i64::from(limit))
            .fetch_all(&mut *tx)
            .await?;
        let mut messages = rows.iter().map(context::message_from_row).collect::<Result<Vec<_>, _>>()?;
        if newest_first {
            messages.reverse();
        }
        // An empty page still tells whether anything lies on either side of
        // the window that was asked for.
        let (first_seq, last_seq) = match (messages.first(), messages.last()) {
            (Some(first), Some(last)) => (first.seq, last.seq),
            _ => (low, high.saturating_sub(1)),
        };
        let has_more_before = any_between(&mut tx, conversation, first_visible, first_seq.saturating_sub(1)).await?;
        let has_more_after = any_between(&mut tx, conversation, last_seq.saturating_add(1), i64::MAX).await?;
        let members = context::load_members(&mut tx, conversation).await?;
        Ok(MessagePage { messages, has_more_before, has_more_after, read_markers: read_markers(&members) })
    }

    async fn send_message(
        &self,
        viewer: &Viewer,
        conversation: ConversationId,
        message: SendMessage,
    ) -> StoreResult<(Message, bool)> {
        let client_id = message.client_id.clone();
        let mut tx = self.begin().await?;
        let target = open_for_sending(&mut tx, viewer, conversation).await?;
        if let Some(existing) = by_client_id(&mut tx, conversation, viewer.person, &client_id).await? {
            return Ok((existing, false));
        }
        let new = prepare(&mut tx, viewer, &target, message).await?;
        match context::insert_message(&mut tx, &target.facts, conversation, new).await {
            Ok(stored) => {
                self.commit(tx).await?;
                Ok((stored, true))
            }
            // The write lock already serializes sends, so this is a second
            // line of defence: the UNIQUE(conversation_id, sender_id,
            // client_id) constraint. A repeat that got in first wins and is
            // returned; an attachment sent by another request is a conflict.
            Err(e) if is_unique_error(&e) => {
                tx.rollback().await?;
                let mut conn = self.pool().acquire().await?;
                match by_client_id(&mut conn, conversation, viewer.person, &client_id).await? {
                    Some(existing) => Ok((existing, false)),
                    None => Err(AppError::msg(ErrorCode::Conflict, "This attachment was already sent.")),
                }
            }
            Err(e) => Err(e),
        }
    }

    async fn mark_read(&self, viewer: &Viewer, conversation: ConversationId, seq: i64) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let opened = open(&mut tx, viewer, conversation).await?;
        if seq < 0 || seq > opened.row.last_seq {
            return Err(AppError::msg(
                ErrorCode::InvalidInput,
                format!("`seq` must be between 0 and {} (the newest message).", opened.row.last_seq),
            ));
        }
        if seq <= opened.member.read_seq {
            // Markers only move forward; an older position changes nothing.
            return Ok(());
        }
        sqlx::query("UPDATE conversation_members SET read_seq = ? WHERE id = ? AND read_seq < ?")
            .bind(seq)
            .bind(opened.member.id)
            .bind(seq)
            .execute(&mut *tx)
            .await?;
        let recipients = context::member_persons(&mut tx, conversation).await?;
        let event = Event::ReadMarker { conversation_id: conversation, person_id: viewer.person, seq };
        events::append(&mut tx, &recipients, &event).await?;
        self.commit(tx).await
    }

    async fn check_upload(&self, viewer: &Viewer, conversation: ConversationId) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        open_for_sending(&mut tx, viewer, conversation).await?;
        Ok(())
    }

    async fn add_attachment(
        &self,
        viewer: &Viewer,
        conversation: ConversationId,
        mime: &str,
        name: &str,
        size: u64,
        file_key: &str,
    ) -> StoreResult<Attachment> {
        let kind = AttachmentKind::from_mime(mime).ok_or(ErrorCode::UnsupportedMediaType)?;
        let kind_str = match kind {
            AttachmentKind::Image => "image",
            AttachmentKind::Video => "video",
            AttachmentKind::Audio => "audio",
        };
        let size_col = i64::try_from(size).map_err(|_| ErrorCode::PayloadTooLarge)?;
        let mut tx = self.begin().await?;
        open_for_sending(&mut tx, viewer, conversation).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO attachments (conversation_id, uploader_id, kind, mime, name, size, storage_key, file_key,
                                      created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(conversation.0)
        .bind(viewer.person.0)
        .bind(kind_str)
        .bind(mime)
        .bind(name)
        .bind(size_col)
        .bind(file_key)
        .bind(file_key)
        .bind(now_ms())
        .fetch_one(&mut *tx)
        .await?;
        self.commit(tx).await?;
        Ok(Attachment {
            id: AttachmentId(id),
            kind,
            mime: mime.to_owned(),
            name: name.to_owned(),
            size,
            url: format!("/api/attachments/{id}"),
        })
    }

    async fn attachment_file(&self, viewer: &Viewer, id: AttachmentId) -> StoreResult<(Attachment, String)> {
        let mut tx = self.pool().begin().await?;
        let row = sqlx::query(
            "SELECT a.conversation_id, a.uploader_id, a.kind, a.mime, a.name, a.size,
                    COALESCE(a.file_key, a.storage_key) AS file, m.seq AS message_seq
             FROM attachments a LEFT JOIN messages m ON m.attachment_id = a.id WHERE a.id = ?",
        )
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else { return Err(ErrorCode::NotFound.into()) };
        let conversation = ConversationId(row.try_get("conversation_id")?);
        let opened = open(&mut tx, viewer, conversation).await?;
        let visible = match row.try_get::<Option<i64>, _>("message_seq")? {
            Some(seq) => seq >= rules::first_visible_seq(&opened.facts, opened.member.joined_seq),
            // Not sent yet: only its uploader knows it exists.
            None => row.try_get::<i64, _>("uploader_id")? == viewer.person.0,
        };
        if !visible {
            return Err(ErrorCode::NotFound.into());
        }
        rules::check_download(&opened.facts)?;
        let kind = match row.try_get::<String, _>("kind")?.as_str() {
            "video" => AttachmentKind::Video,
            "audio" => AttachmentKind::Audio,
            _ => AttachmentKind::Image,
        };
        let attachment = Attachment {
            id,
            kind,
            mime: row.try_get("mime")?,
            name: row.try_get("name")?,
            size: row.try_get::<i64, _>("size")?.max(0).unsigned_abs(),
            url: format!("/api/attachments/{id}"),
        };
        Ok((attachment, row.try_get("file")?))
    }

    async fn personal_export(&self, person: &Person) -> StoreResult<PersonalExport> {
        let mut tx = self.pool().begin().await?;
        let rows = sqlx::query(
            "SELECT p.id, p.handle, p.display_name, c.added_at FROM contacts c JOIN persons p ON p.id = c.person_id
             WHERE c.owner_id = ? ORDER BY p.display_name, p.id",
        )
        .bind(person.id.0)
        .fetch_all(&mut *tx)
        .await?;
        let contacts = rows
            .iter()
            .map(|r| {
                Ok(Contact {
                    person: Person {
                        id: PersonId(r.try_get("id")?),
                        handle: r.try_get("handle")?,
                        display_name: r.try_get("display_name")?,
                    },
                    added_at: r.try_get("added_at")?,
                })
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()?;
        // System notes have no sender, so this is exactly what they wrote.
        let written = messages_where(&mut tx, "m.sender_id = ?", person.id.0).await?;
        let mut conversations = ExportConversations::new(Some(person.id));
        let mut messages = Vec::new();
        let mut withheld: u32 = 0;
        for message in written {
            let Some((facts, title)) = conversations.get(&mut tx, message.conversation_id).await? else { continue };
            // The conversation's effective allow_share now; a conversation
            // without policies restricts nothing.
            let allows_share = rules::effective_policies(&facts).is_none_or(|p| p.allow_share);
            if rules::personal_export_includes(message.owner, allows_share) {
                messages.push(exported(message, title));
            } else {
                withheld = withheld.saturating_add(1);
            }
        }
        Ok(PersonalExport { person: person.clone(), exported_at: now_ms(), contacts, messages, withheld })
    }

    async fn compliance_export(&self, viewer: &Viewer, org: OrgId) -> StoreResult<ComplianceExport> {
        let mut tx = self.begin().await?;
        let name: Option<String> =
            sqlx::query_scalar("SELECT name FROM orgs WHERE id = ?").bind(org.0).fetch_optional(&mut *tx).await?;
        let name = name.ok_or(ErrorCode::NotFound)?;
        rules::check_org_admin(viewer, org)?;
        let owned = messages_where(&mut tx, "m.owner_org_id = ?", org.0).await?;
        let mut conversations = ExportConversations::new(None);
        let mut messages = Vec::new();
        for message in owned {
            if !rules::compliance_export_includes(message.owner, org) {
                continue;
            }
            let Some((_, title)) = conversations.get(&mut tx, message.conversation_id).await? else { continue };
            messages.push(exported(message, title));
        }
        let detail = serde_json::json!({ "messages": messages.len() });
        admin::audit(&mut tx, org, Some(viewer.person), "compliance_export", &name, detail).await?;
        self.commit(tx).await?;
        Ok(ComplianceExport { org: OrgRef { id: org, name }, exported_at: now_ms(), messages })
    }
}
