//! What many areas' changes do: load a conversation's facts, write a
//! message (with its events), append events, and audit.

use samtal_core::api::{Message, MessageKind, MessageOwner, SystemNote};
use samtal_core::events::Event;
use samtal_core::rules::{self, ConversationFacts, OrgFacts};
use samtal_core::{AttachmentId, ConversationId, ErrorCode, MessageId, OrgId, PersonId};

use crate::error::{AppError, AppResult};
use crate::store::orgs::NewAuditEntry;
use crate::store::rows::{ConversationRow, MemberRow, NewMessageRow};
use crate::store::{Constraint, StoreError, Tx};
use crate::time::now_ms;

/// An organization's facts.
pub(crate) async fn org_facts(tx: &mut dyn Tx, org: OrgId) -> AppResult<Option<OrgFacts>> {
    Ok(tx.org(org).await?.map(|o| OrgFacts { id: o.id, enabled: o.enabled, tenant: o.policies }))
}

/// A conversation and the facts the rules need about it.
pub(crate) async fn load_conversation(
    tx: &mut dyn Tx,
    id: ConversationId,
) -> AppResult<Option<(ConversationRow, ConversationFacts)>> {
    let Some(row) = tx.conversation(id).await? else { return Ok(None) };
    let owner = match row.owner_org {
        Some(org) => org_facts(tx, org).await?,
        None => None,
    };
    let facts = ConversationFacts { kind: row.kind, owner, group_policies: row.group_policies };
    Ok(Some((row, facts)))
}

/// [`load_conversation`], or `NotFound`.
pub(crate) async fn conversation_facts(
    tx: &mut dyn Tx,
    id: ConversationId,
) -> AppResult<(ConversationRow, ConversationFacts)> {
    Ok(load_conversation(tx, id).await?.ok_or(ErrorCode::NotFound)?)
}

/// The people who are members now (entries nobody is signed in to are skipped).
pub(crate) async fn member_persons(tx: &mut dyn Tx, conversation: ConversationId) -> AppResult<Vec<PersonId>> {
    Ok(tx.members(conversation).await?.into_iter().filter_map(|m: MemberRow| m.person).collect())
}

/// Appends `event` to each recipient's stream (each once), inside the
/// caller's transaction.
pub(crate) async fn append(tx: &mut dyn Tx, recipients: &[PersonId], event: &Event) -> AppResult<()> {
    let mut seen = std::collections::HashSet::new();
    let once: Vec<PersonId> = recipients.iter().copied().filter(|p| seen.insert(*p)).collect();
    if once.is_empty() {
        return Ok(());
    }
    tx.append_event(&once, event, now_ms()).await?;
    Ok(())
}

/// Appends to an organization's audit log. Every admin and group-admin
/// action on an organization's data calls this.
pub(crate) async fn audit(
    tx: &mut dyn Tx,
    org: OrgId,
    actor: Option<PersonId>,
    action: &str,
    target: &str,
    detail: serde_json::Value,
) -> AppResult<()> {
    tx.insert_audit(NewAuditEntry { org, actor, actor_label: None, action, target, detail: &detail, at: now_ms() })
        .await?;
    Ok(())
}

/// Appends to an organization's audit log what its identity provider's
/// SCIM client did, under the actor `SCIM · {token name}`.
pub(crate) async fn audit_scim(
    tx: &mut dyn Tx,
    org: OrgId,
    token_name: &str,
    action: &str,
    target: &str,
    detail: serde_json::Value,
) -> AppResult<()> {
    let label = format!("SCIM · {token_name}");
    let entry =
        NewAuditEntry { org, actor: None, actor_label: Some(&label), action, target, detail: &detail, at: now_ms() };
    tx.insert_audit(entry).await?;
    Ok(())
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
    pub comment: Option<String>,
    pub reply_to: Option<MessageId>,
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
            comment: None,
            reply_to: None,
        }
    }
}

/// Stores a message with the next seq and the owner stamped now (rule 4),
/// and appends `MessageCreated` to every member person, in the caller's
/// transaction.
pub(crate) async fn insert_message(
    tx: &mut dyn Tx,
    conversation: &ConversationFacts,
    conversation_id: ConversationId,
    new: NewMessage,
) -> AppResult<Message> {
    store_message(tx, conversation, conversation_id, new)
        .await?
        .map_err(|c| AppError::Internal(anyhow::anyhow!("message refused by constraint {c:?}")))
}

/// [`insert_message`], answering the constraint that refused it (a repeated
/// `client_id`, an attachment sent already) instead of failing.
pub(crate) async fn store_message(
    tx: &mut dyn Tx,
    conversation: &ConversationFacts,
    conversation_id: ConversationId,
    new: NewMessage,
) -> AppResult<Result<Message, Constraint>> {
    let recipients = member_persons(tx, conversation_id).await?;
    store_message_to(tx, conversation, conversation_id, new, &recipients).await
}

/// [`store_message`] with the conversation's member people known already.
pub(crate) async fn store_message_to(
    tx: &mut dyn Tx,
    conversation: &ConversationFacts,
    conversation_id: ConversationId,
    new: NewMessage,
    recipients: &[PersonId],
) -> AppResult<Result<Message, Constraint>> {
    let now = now_ms();
    let seq = tx.next_seq(conversation_id, now).await?;
    let owner_org = match rules::message_owner(conversation) {
        MessageOwner::Org { org_id } => Some(org_id),
        MessageOwner::Participants => None,
    };
    let inserted = tx
        .insert_message(&NewMessageRow {
            conversation: conversation_id,
            seq,
            sender: new.sender,
            kind: new.kind,
            text: new.text,
            attachment: new.attachment,
            system: new.system,
            client_id: new.client_id,
            forward_of: new.forward_of,
            comment: new.comment,
            reply_to: new.reply_to,
            owner_org,
            sent_at: now,
        })
        .await;
    let id = match inserted {
        Ok(id) => id,
        Err(StoreError::Violation(constraint)) => return Ok(Err(constraint)),
        Err(e) => return Err(e.into()),
    };
    let message =
        tx.message(id).await?.ok_or_else(|| AppError::Internal(anyhow::anyhow!("message {} vanished", id.0)))?;
    if message.reply_to.is_some() {
        // A quote is shown only to those who may read the original.
        let members = tx.members(conversation_id).await?;
        super::message_views::announce(tx, conversation, &members, &message, |message| Event::MessageCreated {
            message,
        })
        .await?;
    } else {
        append(tx, recipients, &Event::MessageCreated { message: message.clone() }).await?;
    }
    Ok(Ok(message))
}
