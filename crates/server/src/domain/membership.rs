//! Membership changes more than one area makes: a member leaving (with the
//! admin seat handed on), telling members a conversation changed, and
//! leaving an organization (rule 10).

use samtal_core::api::{Role, SystemNote};
use samtal_core::events::{Event, RevocationReason};
use samtal_core::rules;
use samtal_core::{ConversationId, DirectoryEntryId, OrgId, PersonId};

use super::support::{NewMessage, append, conversation_facts, insert_message, member_persons};
use crate::error::AppResult;
use crate::store::Tx;
use crate::store::rows::MemberRow;

/// A person's display name.
pub(crate) async fn person_name(tx: &mut dyn Tx, person: PersonId) -> AppResult<Option<String>> {
    Ok(tx.person(person).await?.map(|p| p.display_name))
}

/// The name a member row goes by: the person signed in to it, else the entry's.
pub(crate) async fn member_name(tx: &mut dyn Tx, member: &MemberRow) -> AppResult<String> {
    if let Some(person) = member.person
        && let Some(name) = person_name(tx, person).await?
    {
        return Ok(name);
    }
    match member.directory_entry {
        Some(entry) => Ok(tx.entry(entry).await?.map(|e| e.display_name).unwrap_or_default()),
        None => Ok(String::new()),
    }
}

/// Deletes a member row. When it held the last admin seat of a group that
/// still has members, the longest-standing member who is on Samtal (else
/// the longest-standing at all) becomes admin, so the group stays managed.
pub(crate) async fn delete_member(tx: &mut dyn Tx, conversation: ConversationId, member: &MemberRow) -> AppResult<()> {
    tx.delete_member(member.id).await?;
    if member.role != Role::Admin || tx.admin_count(conversation).await? > 0 {
        return Ok(());
    }
    let heir = tx.members(conversation).await?.into_iter().min_by_key(|m| (m.person.is_none(), m.joined_at, m.id));
    if let Some(heir) = heir {
        tx.set_role(heir.id, Role::Admin).await?;
    }
    Ok(())
}

/// Appends `ConversationChanged` to every member person except `except`.
pub(crate) async fn announce_change(
    tx: &mut dyn Tx,
    conversation: ConversationId,
    except: Option<PersonId>,
) -> AppResult<()> {
    let recipients: Vec<PersonId> =
        member_persons(tx, conversation).await?.into_iter().filter(|p| Some(*p) != except).collect();
    append(tx, &recipients, &Event::ConversationChanged { conversation_id: conversation }).await
}

/// Tells the other members of every conversation `entry` is in that its
/// member changed (someone signed in to it, out of it, or it was removed).
pub(crate) async fn announce_entry_change(
    tx: &mut dyn Tx,
    entry: DirectoryEntryId,
    except: Option<PersonId>,
) -> AppResult<()> {
    for conversation in tx.entry_conversations(entry).await? {
        announce_change(tx, conversation, except).await?;
    }
    Ok(())
}

/// Rule 10: `entry` (signed in to by `person`, if anyone) leaves `org`.
///
/// Removes the entry's memberships in the organization's groups, writes a
/// "left" note into each, appends `ConversationRevoked { reason }` for each
/// group to `person` and `ConversationChanged` to the remaining members. Org
/// chats keep the entry's row (they are closed to the person while nobody is
/// signed in to it). The caller emits `OrgRevoked` and unlinks or deletes
/// the entry.
pub(crate) async fn leave_org(
    tx: &mut dyn Tx,
    org: OrgId,
    entry: DirectoryEntryId,
    person: Option<PersonId>,
    reason: RevocationReason,
) -> AppResult<()> {
    let memberships = tx.entry_group_memberships(entry, org).await?;
    if memberships.is_empty() {
        return Ok(());
    }
    let name = match person {
        Some(p) => person_name(tx, p).await?,
        None => None,
    };
    let name = match name {
        Some(name) => name,
        None => tx.entry(entry).await?.map(|e| e.display_name).unwrap_or_default(),
    };
    for membership in memberships {
        let conversation = membership.conversation;
        let member = MemberRow { person, ..membership.member };
        if !rules::leaving_org_revokes(Some(org), org, &member.facts()) {
            continue;
        }
        delete_member(tx, conversation, &member).await?;
        let (_, facts) = conversation_facts(tx, conversation).await?;
        insert_message(tx, &facts, conversation, NewMessage::system(SystemNote::Left { name: name.clone() })).await?;
        if let Some(p) = person {
            append(tx, &[p], &Event::ConversationRevoked { conversation_id: conversation, reason }).await?;
        }
        announce_change(tx, conversation, person).await?;
    }
    Ok(())
}
