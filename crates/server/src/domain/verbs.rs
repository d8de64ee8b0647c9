//! The verbs on a message after it is sent: edit, delete (for everyone, or
//! hidden on one's own devices), react, and who reacted.
//!
//! Each follows the conversation's owner (`samtal_core::rules`): in an
//! organization's conversation its policies apply and its own messages
//! keep a record of their earlier versions, for its compliance export
//! only; a private conversation's edit replaces the text and its deletion
//! purges text and file. Either way no member sees an old version again:
//! the stored events that showed the message (or quoted it) are rewritten.

use samtal_core::api::{DeletedBy, Message, MessageKind, ReactionPeople, Reactors};
use samtal_core::events::Event;
use samtal_core::rules::{self, ConversationFacts, MessageFacts, Viewer};
use samtal_core::{ConversationId, ErrorCode, MessageId, validate};

use super::Domain;
use super::message_views::{announce, for_viewer};
use super::support::{append, load_conversation};
use crate::error::{AppError, AppResult};
use crate::store::Tx;
use crate::store::rows::{ConversationRow, MemberRow};
use crate::store::verbs::NewRecord;
use crate::time::now_ms;

/// A message and what the rules need around it.
struct Target {
    row: ConversationRow,
    facts: ConversationFacts,
    /// The viewer's membership, if any.
    member: Option<MemberRow>,
    /// The store's view of the message.
    message: Message,
}

impl Target {
    /// The message as the rules see it.
    fn facts(&self) -> MessageFacts {
        MessageFacts::of(&self.message)
    }

    /// The viewer's membership as the rules see it.
    fn membership(&self) -> Option<samtal_core::rules::MembershipFacts> {
        self.member.as_ref().map(MemberRow::facts)
    }
}

/// Loads the message `id` of conversation `conversation`. A message of
/// another conversation, or one before what the viewer may read, is
/// `NotFound`; whether the viewer may act on it is the rules' to say.
async fn target(tx: &mut dyn Tx, viewer: &Viewer, conversation: ConversationId, id: MessageId) -> AppResult<Target> {
    let (row, facts) = load_conversation(tx, conversation).await?.ok_or(ErrorCode::NotFound)?;
    let message = tx.message(id).await?.filter(|m| m.conversation_id == conversation).ok_or(ErrorCode::NotFound)?;
    let member = tx.membership(conversation, viewer.person).await?;
    if let Some(m) = &member
        && message.seq < rules::first_visible_seq(&facts, m.joined_seq)
    {
        return Err(ErrorCode::NotFound.into());
    }
    Ok(Target { row, facts, member, message })
}

/// The view of `message` the viewer gets back.
async fn viewers_view(tx: &mut dyn Tx, target: &Target, viewer: &Viewer, message: Message) -> AppResult<Message> {
    let first_visible = target.member.as_ref().map_or(1, |m| rules::first_visible_seq(&target.facts, m.joined_seq));
    let mut view = [message];
    for_viewer(tx, &mut view, viewer.person, first_visible).await?;
    let [view] = view;
    Ok(view)
}

/// The store's view of a message just written.
async fn reread(tx: &mut dyn Tx, id: MessageId) -> AppResult<Message> {
    tx.message(id).await?.ok_or_else(|| AppError::Internal(anyhow::anyhow!("message {} vanished", id.0)))
}

/// Rewrites what the event log still holds of `changed` and of the
/// replies quoting it, so a client catching up reads only what is left:
/// the new text, or the tombstone. Each event keeps the rest of its
/// recipient's view (their reactions, a quote they may not read).
async fn rewrite_history(tx: &mut dyn Tx, changed: &Message) -> AppResult<()> {
    let mut shown = vec![changed.id];
    shown.extend(tx.replies_to(changed.id).await?);
    for (id, payload) in tx.events_showing(&shown).await? {
        let Ok(mut event) = serde_json::from_str::<Event>(&payload) else { continue };
        let (Event::MessageCreated { message } | Event::MessageChanged { message }) = &mut event else { continue };
        if message.id == changed.id {
            message.take_content(changed);
        } else if !message.follow_quoted(changed) {
            continue;
        }
        tx.rewrite_event(id, &serde_json::to_string(&event)?).await?;
    }
    Ok(())
}

impl Domain {
    /// Edits the viewer's own text message (rule: `check_edit`); answers
    /// it as they see it now. The owner organization's record keeps the
    /// text it had; a private message keeps nothing of it.
    pub async fn edit_message(
        &self,
        viewer: &Viewer,
        conversation: ConversationId,
        id: MessageId,
        text: String,
    ) -> AppResult<Message> {
        let text = validate::message_text(&text)?;
        let mut tx = self.write().await?;
        let target = target(tx.as_mut(), viewer, conversation, id).await?;
        let now = now_ms();
        rules::check_edit(viewer, &target.facts, target.membership().as_ref(), &target.facts(), now)?;
        if target.message.text.as_deref() == Some(text.as_str()) {
            // Nothing changes: no new version, no event.
            return viewers_view(tx.as_mut(), &target, viewer, target.message.clone()).await;
        }
        if let Some(org) = rules::keeps_record(target.message.owner) {
            tx.insert_record(NewRecord {
                message: id,
                org,
                action: "edited",
                by: viewer.person,
                text: target.message.text.as_deref(),
                comment: None,
                attachment: None,
                at: now,
            })
            .await?;
        }
        tx.set_text(id, &text, now).await?;
        let edited = reread(tx.as_mut(), id).await?;
        rewrite_history(tx.as_mut(), &edited).await?;
        let members = tx.members(conversation).await?;
        announce(tx.as_mut(), &target.facts, &members, &edited, |message| Event::MessageChanged { message }).await?;
        let view = viewers_view(tx.as_mut(), &target, viewer, edited).await?;
        self.commit(tx).await?;
        Ok(view)
    }

    /// Deletes a message for everyone (rule: `check_delete`): its sender's,
    /// or an admin's in an organization conversation. It stays in place as
    /// a tombstone. The owner organization's record keeps what it was; a
    /// private message's text and file are gone. Answers the keys of bytes
    /// no attachment uses any more, for the caller to delete once this has
    /// committed.
    pub async fn delete_message(
        &self,
        viewer: &Viewer,
        conversation: ConversationId,
        id: MessageId,
    ) -> AppResult<Vec<String>> {
        let mut tx = self.write().await?;
        let target = target(tx.as_mut(), viewer, conversation, id).await?;
        let now = now_ms();
        let by = rules::check_delete(viewer, &target.facts, target.membership().as_ref(), &target.facts(), now)?;
        let attachment = target.message.attachment.as_ref().map(|a| a.id);
        let mut unused_bytes = Vec::new();
        match rules::keeps_record(target.message.owner) {
            Some(org) => {
                tx.insert_record(NewRecord {
                    message: id,
                    org,
                    action: "deleted",
                    by: viewer.person,
                    text: target.message.text.as_deref(),
                    comment: target.message.comment.as_deref(),
                    attachment,
                    at: now,
                })
                .await?;
                tx.mark_deleted(id, by, now).await?;
            }
            None => {
                tx.mark_deleted(id, by, now).await?;
                if let Some(attachment) = attachment
                    && let Some(row) = tx.attachment(attachment).await?
                {
                    tx.delete_attachment(attachment).await?;
                    if !tx.bytes_in_use(&row.file).await? {
                        unused_bytes.push(row.file);
                    }
                }
            }
        }
        let deleted = reread(tx.as_mut(), id).await?;
        rewrite_history(tx.as_mut(), &deleted).await?;
        let members = tx.members(conversation).await?;
        announce(tx.as_mut(), &target.facts, &members, &deleted, |message| Event::MessageChanged { message }).await?;
        if by == DeletedBy::Admin
            && let Some(org) = target.facts.owner_id()
        {
            let title = target.row.title.clone().unwrap_or_else(|| format!("Conversation {}", conversation));
            let detail = serde_json::json!({ "conversation_id": conversation, "message_id": id, "seq": deleted.seq });
            super::support::audit(tx.as_mut(), org, Some(viewer.person), "message_deleted_by_admin", &title, detail)
                .await?;
        }
        self.commit(tx).await?;
        Ok(unused_bytes)
    }

    /// Hides a message on the viewer's own devices only: it leaves their
    /// pages, and their other devices hear of it.
    pub async fn hide_message(&self, viewer: &Viewer, conversation: ConversationId, id: MessageId) -> AppResult<()> {
        let mut tx = self.write().await?;
        let target = target(tx.as_mut(), viewer, conversation, id).await?;
        rules::access(viewer, &target.facts, target.membership().as_ref())?;
        if target.message.kind == MessageKind::System {
            return Err(AppError::msg(ErrorCode::InvalidInput, "Notes written by Samtal can't be deleted."));
        }
        tx.hide_message(viewer.person, id).await?;
        append(tx.as_mut(), &[viewer.person], &Event::MessageHidden { conversation_id: conversation, message_id: id })
            .await?;
        self.commit(tx).await
    }

    /// Adds (`add`) or takes back the viewer's reaction `emoji` (already
    /// validated) to a message; answers the message as they see it now.
    /// Repeating either changes nothing and tells nobody.
    pub async fn react(
        &self,
        viewer: &Viewer,
        conversation: ConversationId,
        id: MessageId,
        emoji: &str,
        add: bool,
    ) -> AppResult<Message> {
        let mut tx = self.write().await?;
        let target = target(tx.as_mut(), viewer, conversation, id).await?;
        rules::check_react(viewer, &target.facts, target.membership().as_ref(), &target.facts())?;
        let changed = if add {
            let known = tx.reactions(&[id]).await?.iter().any(|r| r.emoji == emoji);
            if !known && tx.emoji_count(id).await? >= validate::REACTION_EMOJI_MAX {
                return Err(AppError::msg(
                    ErrorCode::RuleViolation,
                    format!("A message has at most {} different reactions.", validate::REACTION_EMOJI_MAX),
                ));
            }
            tx.add_reaction(id, viewer.person, emoji, now_ms()).await?
        } else {
            tx.remove_reaction(id, viewer.person, emoji).await?
        };
        let message = reread(tx.as_mut(), id).await?;
        if changed {
            let members = tx.members(conversation).await?;
            announce(tx.as_mut(), &target.facts, &members, &message, |message| Event::MessageChanged { message })
                .await?;
        }
        let view = viewers_view(tx.as_mut(), &target, viewer, message).await?;
        self.commit(tx).await?;
        Ok(view)
    }

    /// Who gave each reaction to a message the viewer may read.
    pub async fn reactors(&self, viewer: &Viewer, conversation: ConversationId, id: MessageId) -> AppResult<Reactors> {
        let mut tx = self.read().await?;
        let target = target(tx.as_mut(), viewer, conversation, id).await?;
        rules::access(viewer, &target.facts, target.membership().as_ref())?;
        let mut reactions: Vec<ReactionPeople> = Vec::new();
        for row in tx.reactions(&[id]).await? {
            match reactions.iter_mut().find(|r| r.emoji == row.emoji) {
                Some(r) => r.people.push(row.person),
                None => reactions.push(ReactionPeople { emoji: row.emoji, people: vec![row.person] }),
            }
        }
        Ok(Reactors { reactions })
    }
}
