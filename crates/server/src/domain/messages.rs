//! Messages, read markers, attachments and exports.
//!
//! Reads run in one snapshot; writes in a write transaction, which also
//! serializes them, and every verdict comes from `samtal_core::rules` over
//! facts loaded inside it.

use std::collections::HashMap;

use samtal_core::api::{
    Attachment, AttachmentKind, ComplianceExport, ExportedMessage, Message, MessageKind, MessagePage, OrgRef, Person,
    PersonalExport, ReadMarker, SendMessage,
};
use samtal_core::events::Event;
use samtal_core::rules::{self, ConversationFacts, Viewer};
use samtal_core::{AttachmentId, ConversationId, ErrorCode, MessageId, OrgId, PersonId, validate};

use super::Domain;
use super::support::{NewMessage, append, audit, load_conversation, member_persons, store_message_to};
use crate::error::{AppError, AppResult};
use crate::store::Tx;
use crate::store::decode::parse_attachment_kind;
use crate::store::rows::{ConversationRow, MemberRow, NewAttachment};
use crate::time::now_ms;

/// A conversation the viewer may open now, with their membership.
struct Opened {
    row: ConversationRow,
    facts: ConversationFacts,
    member: MemberRow,
}

/// Loads a conversation and asks `rules::access` whether the viewer may open
/// it: unknown or not a member → `NotFound`, closed → the reason.
async fn open(tx: &mut dyn Tx, viewer: &Viewer, id: ConversationId) -> AppResult<Opened> {
    let (row, facts) = load_conversation(tx, id).await?.ok_or(ErrorCode::NotFound)?;
    let member = tx.membership(id, viewer.person).await?;
    admit(viewer, row, facts, member)
}

/// Asks `rules::access` whether the viewer, with `member` as their
/// membership, may open the conversation.
fn admit(
    viewer: &Viewer,
    row: ConversationRow,
    facts: ConversationFacts,
    member: Option<MemberRow>,
) -> AppResult<Opened> {
    rules::access(viewer, &facts, member.as_ref().map(MemberRow::facts).as_ref())?;
    let member = member.ok_or(ErrorCode::NotFound)?;
    Ok(Opened { row, facts, member })
}

/// Whether the viewer of an opened conversation may send there now.
fn may_send(viewer: &Viewer, opened: Opened) -> AppResult<Opened> {
    if !rules::capabilities(viewer, &opened.facts, Some(&opened.member.facts())).send {
        return Err(ErrorCode::Forbidden.into());
    }
    Ok(opened)
}

/// [`open`], and the viewer may send there now.
async fn open_for_sending(tx: &mut dyn Tx, viewer: &Viewer, id: ConversationId) -> AppResult<Opened> {
    may_send(viewer, open(tx, viewer, id).await?)
}

/// What the sends of one transaction share. Sending moves a conversation's
/// last seq and changes nothing else of it or of its members, so between
/// sends a conversation's facts and member rows stay as first read: each
/// is read once per transaction, not once per send.
#[derive(Default)]
pub(super) struct SendContext {
    conversations: HashMap<ConversationId, Target>,
}

/// A conversation's facts and members, as sends see them.
struct Target {
    row: ConversationRow,
    facts: ConversationFacts,
    members: Vec<MemberRow>,
}

impl SendContext {
    /// The conversation, read on first use; `None` if there is none.
    async fn target(&mut self, tx: &mut dyn Tx, id: ConversationId) -> AppResult<Option<&Target>> {
        if let std::collections::hash_map::Entry::Vacant(slot) = self.conversations.entry(id) {
            let Some((row, facts)) = load_conversation(tx, id).await? else { return Ok(None) };
            let members = tx.members(id).await?;
            slot.insert(Target { row, facts, members });
        }
        Ok(self.conversations.get(&id))
    }
}

impl Target {
    /// The person's membership, as `MemberRows::membership` finds it: a row
    /// of theirs, or of the entry they are signed in to, the entry's first.
    fn membership(&self, person: PersonId) -> Option<MemberRow> {
        self.members.iter().filter(|m| m.person == Some(person)).min_by_key(|m| m.directory_entry.is_none()).cloned()
    }

    /// The people who are members now.
    fn recipients(&self) -> Vec<PersonId> {
        self.members.iter().filter_map(|m| m.person).collect()
    }
}

/// What became of one send inside a shared transaction.
pub(super) enum Sent {
    /// Stored now.
    New(Message),
    /// Its `client_id` was stored before: the earlier message, unchanged.
    Repeat(Message),
    /// A constraint refused it: its `client_id` was stored before, or its
    /// attachment was sent already. Roll back to the savepoint and look.
    Refused,
}

/// Sends a message (text, attachment or forward) as the viewer, stamped with
/// its owner now (rule 4), inside `tx`; the text is already validated.
pub(super) async fn send_in(
    tx: &mut dyn Tx,
    context: &mut SendContext,
    viewer: &Viewer,
    conversation: ConversationId,
    message: SendMessage,
) -> AppResult<Sent> {
    let found = context.target(tx, conversation).await?.ok_or(ErrorCode::NotFound)?;
    let recipients = found.recipients();
    let member = found.membership(viewer.person);
    let target = may_send(viewer, admit(viewer, found.row.clone(), found.facts, member)?)?;
    // A repeated `client_id` is refused by the store's unique constraint;
    // the caller then rolls back and answers the stored message. Trying the
    // insert first saves every other send a lookup.
    let client_id = message.client_id.clone();
    let new = match prepare(tx, viewer, &target, message).await {
        Ok(new) => new,
        // A repeat of a send whose attachment or forward is used up now is
        // still a repeat: answer what was stored.
        Err(refusal) => match tx.message_by_client_id(conversation, viewer.person, &client_id).await? {
            Some(existing) => return Ok(Sent::Repeat(existing)),
            None => return Err(refusal),
        },
    };
    Ok(match store_message_to(tx, &target.facts, conversation, new, &recipients).await? {
        Ok(stored) => Sent::New(stored),
        Err(_) => Sent::Refused,
    })
}

/// Turns a send request into the message to store: resolves a forward
/// (rule 8, then its comment) or an attachment the viewer uploaded here.
async fn prepare(tx: &mut dyn Tx, viewer: &Viewer, target: &Opened, message: SendMessage) -> AppResult<NewMessage> {
    let mut new = NewMessage {
        sender: Some(viewer.person),
        kind: MessageKind::Text,
        text: None,
        attachment: None,
        system: None,
        client_id: Some(message.client_id),
        forward_of: message.forward_of,
        comment: None,
        reply_to: None,
    };
    if let Some(original) = message.reply_to {
        if message.forward_of.is_some() {
            return Err(AppError::msg(ErrorCode::InvalidInput, "A forward can't be a reply as well."));
        }
        replied_to(tx, viewer, target, original).await?;
        new.reply_to = Some(original);
    }
    if let Some(source_id) = message.forward_of {
        let (kind, text, attachment) = forward_source(tx, viewer, target, source_id).await?;
        if message.attachment_id.is_some() {
            return Err(AppError::msg(
                ErrorCode::InvalidInput,
                "A forward carries the original's attachment: send it without attachment_id.",
            ));
        }
        new.comment = validate::forward_comment(message.text.as_deref())?;
        new.kind = kind;
        new.text = text;
        new.attachment = attachment;
    } else if let Some(attachment) = message.attachment_id {
        unsent_upload(tx, viewer, target.row.id, attachment).await?;
        new.kind = MessageKind::Attachment;
        new.text = message.text;
        new.attachment = Some(attachment);
    } else {
        new.text = message.text;
    }
    if new.text.is_none() && new.attachment.is_none() {
        return Err(AppError::msg(ErrorCode::InvalidInput, "A message needs text or an attachment."));
    }
    Ok(new)
}

/// Checks that `original` is a message of `target` the viewer may read and
/// reply to: one of another conversation (or before what they may read) is
/// a rule violation, not a secret.
async fn replied_to(tx: &mut dyn Tx, viewer: &Viewer, target: &Opened, original: MessageId) -> AppResult<()> {
    let first_visible = rules::first_visible_seq(&target.facts, target.member.joined_seq);
    let found = tx.message(original).await?.filter(|m| m.conversation_id == target.row.id && m.seq >= first_visible);
    let Some(original) = found else {
        return Err(AppError::msg(ErrorCode::RuleViolation, "A reply quotes a message of the same conversation."));
    };
    rules::check_reply(viewer, &target.facts, Some(&target.member.facts()), &rules::MessageFacts::of(&original))?;
    Ok(())
}

/// What a forward of `source_id` into `target` carries: the source's kind,
/// text and a copy of its attachment row (sharing the file). The source must
/// be a message the viewer may read (else `NotFound`), and rule 8 must allow
/// forwarding it there.
async fn forward_source(
    tx: &mut dyn Tx,
    viewer: &Viewer,
    target: &Opened,
    source_id: MessageId,
) -> AppResult<(MessageKind, Option<String>, Option<AttachmentId>)> {
    let source = tx.message(source_id).await?.ok_or(ErrorCode::NotFound)?;
    // Whatever keeps the viewer from reading the source, they learn only that
    // there is no such message for them.
    let source_facts = match open(tx, viewer, source.conversation_id).await {
        Ok(opened) if source.seq >= rules::first_visible_seq(&opened.facts, opened.member.joined_seq) => opened.facts,
        Ok(_) | Err(AppError::Api(_)) => return Err(ErrorCode::NotFound.into()),
        Err(e) => return Err(e),
    };
    if source.kind == MessageKind::System {
        return Err(AppError::msg(ErrorCode::InvalidInput, "Notes written by Samtal can't be forwarded."));
    }
    // A tombstone has nothing left to forward.
    if source.deleted.is_some() {
        return Err(ErrorCode::MessageDeleted.into());
    }
    rules::check_forward(&source_facts, &target.facts)?;
    let attachment = match source.attachment {
        Some(a) => {
            let key = format!("forward-{}", crate::time::random_token());
            Some(tx.copy_attachment(a.id, target.row.id, viewer.person, &key, now_ms()).await?)
        }
        None => None,
    };
    Ok((source.kind, source.text, attachment))
}

/// Checks that `attachment` was uploaded by the viewer to `conversation`
/// (else `NotFound`) and is not in a message yet (else `Conflict`).
async fn unsent_upload(
    tx: &mut dyn Tx,
    viewer: &Viewer,
    conversation: ConversationId,
    attachment: AttachmentId,
) -> AppResult<()> {
    let Some(row) = tx.attachment(attachment).await? else { return Err(ErrorCode::NotFound.into()) };
    if row.conversation != conversation || row.uploader != viewer.person {
        return Err(ErrorCode::NotFound.into());
    }
    if row.message_seq.is_some() || row.recorded {
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
async fn export_title(tx: &mut dyn Tx, row: &ConversationRow, me: Option<PersonId>) -> AppResult<String> {
    if let Some(title) = row.title.as_ref().filter(|t| !t.trim().is_empty()) {
        return Ok(title.clone());
    }
    let names: Vec<String> = tx
        .named_members(&[row.id])
        .await?
        .into_iter()
        .filter(|m| !(me.is_some() && m.person == me))
        .map(|m| m.name)
        .filter(|name| !name.is_empty())
        .collect();
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
    async fn get(&mut self, tx: &mut dyn Tx, id: ConversationId) -> AppResult<Option<(ConversationFacts, String)>> {
        if let Some(found) = self.seen.get(&id) {
            return Ok(Some(found.clone()));
        }
        let Some((row, facts)) = load_conversation(tx, id).await? else { return Ok(None) };
        let title = export_title(tx, &row, self.me).await?;
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
        comment: message.comment,
        attachment: message.attachment,
        owner: message.owner,
        sent_at: message.sent_at,
    }
}

impl Domain {
    /// A page of the messages the viewer may read, oldest first, with every
    /// member's read marker: the newest `limit`, or those below `before`
    /// (scrolling up), or those above `after` (catching up). Not a member:
    /// `NotFound`; closed to the viewer: the reason (rule 9).
    pub async fn messages(
        &self,
        viewer: &Viewer,
        conversation: ConversationId,
        after: Option<i64>,
        before: Option<i64>,
        limit: u32,
    ) -> AppResult<MessagePage> {
        let mut tx = self.read().await?;
        let opened = open(tx.as_mut(), viewer, conversation).await?;
        let first_visible = rules::first_visible_seq(&opened.facts, opened.member.joined_seq);
        // The window [low, high) of seqs to page through.
        let low = after.map_or(first_visible, |a| first_visible.max(a.saturating_add(1)));
        let high = before.unwrap_or(i64::MAX);
        // Catching up reads forward from `after`; otherwise the newest first.
        let newest_first = after.is_none();
        let mut messages = tx.messages_between(conversation, low, high, newest_first, limit, viewer.person).await?;
        if newest_first {
            messages.reverse();
        }
        super::message_views::for_viewer(tx.as_mut(), &mut messages, viewer.person, first_visible).await?;
        // An empty page still tells whether anything lies on either side of
        // the window that was asked for.
        let (first_seq, last_seq) = match (messages.first(), messages.last()) {
            (Some(first), Some(last)) => (first.seq, last.seq),
            _ => (low, high.saturating_sub(1)),
        };
        let has_more_before = tx.any_message_between(conversation, first_visible, first_seq.saturating_sub(1)).await?;
        let has_more_after = tx.any_message_between(conversation, last_seq.saturating_add(1), i64::MAX).await?;
        let members = tx.members(conversation).await?;
        Ok(MessagePage { messages, has_more_before, has_more_after, read_markers: read_markers(&members) })
    }

    /// Moves the viewer's read marker forward to `seq` (never back) and tells
    /// the members. A seq beyond the newest message is `InvalidInput`.
    pub async fn mark_read(&self, viewer: &Viewer, conversation: ConversationId, seq: i64) -> AppResult<()> {
        let mut tx = self.write().await?;
        let opened = open(tx.as_mut(), viewer, conversation).await?;
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
        tx.advance_read_seq(opened.member.id, seq).await?;
        let recipients = member_persons(tx.as_mut(), conversation).await?;
        let event = Event::ReadMarker { conversation_id: conversation, person_id: viewer.person, seq };
        append(tx.as_mut(), &recipients, &event).await?;
        self.commit(tx).await
    }

    /// Whether the viewer may upload to the conversation now: asked before
    /// the bytes are read, so strangers can't fill the disk.
    pub async fn check_upload(&self, viewer: &Viewer, conversation: ConversationId) -> AppResult<()> {
        let mut tx = self.read().await?;
        open_for_sending(tx.as_mut(), viewer, conversation).await?;
        super::limits::check_upload(&self.limits, tx.as_mut(), viewer.person).await
    }

    /// Records a file already written and synced under the attachments
    /// directory as `file_key`, checking access again.
    pub async fn add_attachment(
        &self,
        viewer: &Viewer,
        conversation: ConversationId,
        mime: &str,
        name: &str,
        size: u64,
        file_key: &str,
    ) -> AppResult<Attachment> {
        let kind = AttachmentKind::from_mime(mime).ok_or(ErrorCode::UnsupportedMediaType)?;
        let kind_tag = match kind {
            AttachmentKind::Image => "image",
            AttachmentKind::Video => "video",
            AttachmentKind::Audio => "audio",
        };
        let size_col = i64::try_from(size).map_err(|_| ErrorCode::PayloadTooLarge)?;
        let mut tx = self.write().await?;
        open_for_sending(tx.as_mut(), viewer, conversation).await?;
        super::limits::admit_upload(&self.limits, tx.as_mut(), viewer.person).await?;
        let id = tx
            .insert_attachment(&NewAttachment {
                conversation,
                uploader: viewer.person,
                kind: kind_tag,
                mime,
                name,
                size: size_col,
                file_key,
                at: now_ms(),
            })
            .await?;
        // Nothing for the event streams: nobody hears of an upload until it is sent.
        self.commit(tx).await?;
        Ok(Attachment {
            id,
            kind,
            mime: mime.to_owned(),
            name: name.to_owned(),
            size,
            url: format!("/api/attachments/{id}"),
        })
    }

    /// An attachment the viewer may download, with its file name under the
    /// attachments directory: they can read its message (or uploaded it and
    /// have not sent it yet) and the conversation's policy allows sharing
    /// (rule 8).
    pub async fn attachment_file(&self, viewer: &Viewer, id: AttachmentId) -> AppResult<(Attachment, String)> {
        let mut tx = self.read().await?;
        let Some(row) = tx.attachment(id).await? else { return Err(ErrorCode::NotFound.into()) };
        let opened = open(tx.as_mut(), viewer, row.conversation).await?;
        let visible = match row.message_seq {
            Some(seq) => seq >= rules::first_visible_seq(&opened.facts, opened.member.joined_seq),
            // Kept only in the organization's record of a deleted message.
            None if row.recorded => false,
            // Not sent yet: only its uploader knows it exists.
            None => row.uploader == viewer.person,
        };
        if !visible {
            return Err(ErrorCode::NotFound.into());
        }
        rules::check_download(&opened.facts)?;
        let attachment = Attachment {
            id,
            kind: parse_attachment_kind(Some(&row.kind)),
            mime: row.mime,
            name: row.name,
            size: row.size.max(0).unsigned_abs(),
            url: format!("/api/attachments/{id}"),
        };
        Ok((attachment, row.file))
    }

    /// Rule 11: the person's contacts and the messages they wrote, without
    /// those an organization's `allow_share` keeps.
    pub async fn personal_export(&self, person: &Person) -> AppResult<PersonalExport> {
        let mut tx = self.read().await?;
        let contacts = tx.contacts(person.id).await?;
        // System notes have no sender, so this is exactly what they wrote.
        let written = tx.messages_by_sender(person.id).await?;
        let mut conversations = ExportConversations::new(Some(person.id));
        let mut messages = Vec::new();
        let mut withheld: u32 = 0;
        for message in written {
            let Some((facts, title)) = conversations.get(tx.as_mut(), message.conversation_id).await? else {
                continue;
            };
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

    /// Rule 11: every message `org` owns, for its admins; audited.
    pub async fn compliance_export(&self, viewer: &Viewer, org: OrgId) -> AppResult<ComplianceExport> {
        let mut tx = self.write().await?;
        let name = tx.org(org).await?.ok_or(ErrorCode::NotFound)?.name;
        rules::check_org_admin(viewer, org)?;
        let owned = tx.messages_owned_by(org).await?;
        let mut conversations = ExportConversations::new(None);
        let mut messages = Vec::new();
        for message in owned {
            if !rules::compliance_export_includes(message.owner, org) {
                continue;
            }
            let Some((_, title)) = conversations.get(tx.as_mut(), message.conversation_id).await? else { continue };
            messages.push(exported(message, title));
        }
        let record = tx.record(org).await?;
        let detail = serde_json::json!({ "messages": messages.len(), "record": record.len() });
        audit(tx.as_mut(), org, Some(viewer.person), "compliance_export", &name, detail).await?;
        self.commit(tx).await?;
        Ok(ComplianceExport { org: OrgRef { id: org, name }, exported_at: now_ms(), messages, record })
    }
}
