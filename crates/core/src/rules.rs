//! Every rule of the product (`docs/PRODUCT.md`, rules 1–13) as a pure function.
//!
//! The server gathers the facts — who is asking, the conversation, the
//! viewer's membership, the owner organization's state — and asks these
//! functions for a verdict. Nothing here touches storage or the network.

use crate::Millis;
use crate::api::{ConversationKind, DeletedBy, MessageKind, MessageOwner, Role, Scope};
use crate::error::ErrorCode;
use crate::ids::{OrgId, PersonId};
use crate::policy::{Capabilities, GroupPolicies, Policies, Restrictions, SetBy, TenantPolicies, window};

/// Who is asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    /// The signed-in person.
    pub person: PersonId,
    /// The organization of the work account they are signed in to now.
    pub work_org: Option<OrgId>,
    /// Organizations they administer.
    pub admin_of: Vec<OrgId>,
}

impl Viewer {
    /// Whether the viewer administers `org`.
    pub fn is_admin_of(&self, org: OrgId) -> bool {
        self.admin_of.contains(&org)
    }
}

/// An organization as the rules need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrgFacts {
    /// Which.
    pub id: OrgId,
    /// Samtal is on for it (rule 9).
    pub enabled: bool,
    /// Its tenant policies (rule 7).
    pub tenant: TenantPolicies,
}

/// A conversation as the rules need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConversationFacts {
    /// Chat or group.
    pub kind: ConversationKind,
    /// The owner organization; `None` for a private conversation.
    pub owner: Option<OrgFacts>,
    /// The group's own policies (org groups).
    pub group_policies: Option<GroupPolicies>,
}

impl ConversationFacts {
    /// Private or org.
    pub fn scope(&self) -> Scope {
        if self.owner.is_some() { Scope::Org } else { Scope::Private }
    }

    /// The owner organization's id.
    pub fn owner_id(&self) -> Option<OrgId> {
        self.owner.map(|o| o.id)
    }
}

/// The viewer's membership in a conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MembershipFacts {
    /// Admin or member (chat participants are members).
    pub role: Role,
    /// They take part as a member of the owner organization's directory, so
    /// `require_work_signin` asks them to be signed in to that organization.
    pub via_owner_directory: bool,
}

// ----------------------------------------------------------- rule 7: policy

/// The effective policy of a conversation: the most restrictive of its tenant's
/// and its group's (rule 7). `None` for private conversations, which have none.
pub fn effective_policies(conversation: &ConversationFacts) -> Option<Policies> {
    let tenant = conversation.owner?.tenant;
    let group = conversation.group_policies.unwrap_or_default();
    Some(Policies {
        allow_copy: tenant.allow_copy && group.allow_copy,
        allow_share: tenant.allow_share && group.allow_share,
        allow_forward: tenant.allow_forward && group.allow_forward,
        require_work_signin: tenant.require_work_signin || group.require_work_signin,
        history_for_new_members: group.history_for_new_members,
        edit_window_minutes: window::stricter(tenant.edit_window_minutes, group.edit_window_minutes),
        delete_window_minutes: window::stricter(tenant.delete_window_minutes, group.delete_window_minutes),
        admin_delete: tenant.admin_delete,
        allow_reactions: tenant.allow_reactions && group.allow_reactions,
    })
}

/// Who set each restriction of [`effective_policies`]: the tenant, the
/// group's admins, or both. Nothing for a private conversation.
pub fn restrictions(conversation: &ConversationFacts) -> Restrictions {
    let Some(owner) = conversation.owner else {
        return Restrictions::default();
    };
    let tenant = owner.tenant;
    let group = conversation.group_policies.unwrap_or_default();
    Restrictions {
        copy: SetBy::of(!tenant.allow_copy, !group.allow_copy),
        share: SetBy::of(!tenant.allow_share, !group.allow_share),
        forward: SetBy::of(!tenant.allow_forward, !group.allow_forward),
        require_work_signin: SetBy::of(tenant.require_work_signin, group.require_work_signin),
        edit: SetBy::of(tenant.edit_window_minutes.is_some(), group.edit_window_minutes.is_some()),
        delete: SetBy::of(tenant.delete_window_minutes.is_some(), group.delete_window_minutes.is_some()),
        react: SetBy::of(!tenant.allow_reactions, !group.allow_reactions),
    }
}

/// The policies that apply, with private conversations unrestricted.
fn policies_or_unrestricted(conversation: &ConversationFacts) -> Policies {
    effective_policies(conversation).unwrap_or(Policies::UNRESTRICTED)
}

// ------------------------------------------------------ rule 9: who may open

/// Whether the viewer may open the conversation now (rules 7, 9, 10).
///
/// Not a member: `NotFound` (nobody learns a conversation exists by probing).
/// A disabled owner: `OrgDisabled`, for everyone. `require_work_signin`: the
/// viewer must be signed in to a work account now — to the owner's, when
/// they take part as one of its members.
pub fn access(
    viewer: &Viewer,
    conversation: &ConversationFacts,
    membership: Option<&MembershipFacts>,
) -> Result<(), ErrorCode> {
    let membership = membership.ok_or(ErrorCode::NotFound)?;
    let Some(owner) = conversation.owner else {
        return Ok(());
    };
    if !owner.enabled {
        return Err(ErrorCode::OrgDisabled);
    }
    if policies_or_unrestricted(conversation).require_work_signin {
        match viewer.work_org {
            None => return Err(ErrorCode::WorkSigninRequired),
            Some(org) if membership.via_owner_directory && org != owner.id => {
                return Err(ErrorCode::WorkSigninRequired);
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Whether the viewer may see the conversation's profile (members, policies).
///
/// Members who may open it, and admins of the owner organization (the admin
/// portal lists every org group). Organization admins never see private
/// conversations they are not in (rule 7).
pub fn may_view_profile(
    viewer: &Viewer,
    conversation: &ConversationFacts,
    membership: Option<&MembershipFacts>,
) -> Result<(), ErrorCode> {
    if let Some(owner) = conversation.owner
        && viewer.is_admin_of(owner.id)
    {
        return Ok(());
    }
    access(viewer, conversation, membership)
}

// ------------------------------------------------------------ capabilities

/// What the viewer may do in the conversation now. The client renders these.
pub fn capabilities(
    viewer: &Viewer,
    conversation: &ConversationFacts,
    membership: Option<&MembershipFacts>,
) -> Capabilities {
    let can_open = access(viewer, conversation, membership).is_ok();
    let policies = policies_or_unrestricted(conversation);
    let is_group = conversation.kind == ConversationKind::Group;
    let group_admin = membership.is_some_and(|m| m.role == Role::Admin);
    Capabilities {
        read: can_open,
        send: can_open,
        copy: can_open && policies.allow_copy,
        forward: can_open && policies.allow_forward,
        share: can_open && policies.allow_share,
        add_members: can_open && is_group && group_admin,
        remove_members: can_open && is_group && group_admin,
        leave: is_group && membership.is_some(),
        add_to_organization: can_open && check_add_to_organization(viewer, conversation, membership).is_ok(),
        edit_policies: check_edit_group_policies(viewer, conversation, membership).is_ok(),
        reply: can_open,
        edit: can_open && policies.edit_window_minutes != Some(0),
        delete: can_open && policies.delete_window_minutes != Some(0),
        delete_others: can_open && may_admin_delete(viewer, conversation, membership),
        react: can_open && policies.allow_reactions,
        edit_window_minutes: if can_open { policies.edit_window_minutes } else { None },
        delete_window_minutes: if can_open { policies.delete_window_minutes } else { None },
        // Said only to someone who can open it: a closed conversation's actions are gone for another reason.
        restricted_by: if can_open { restrictions(conversation) } else { Restrictions::default() },
    }
}

// ------------------------------------------------------- the message verbs

/// A message as the verbs' rules need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessageFacts {
    /// Who sent it (`None`: a note written by Samtal).
    pub sender: Option<PersonId>,
    /// Text, attachment or system.
    pub kind: MessageKind,
    /// It forwards another message (its text is the original's).
    pub forwarded: bool,
    /// Its owner, stamped when it was sent (rule 4).
    pub owner: MessageOwner,
    /// When it was sent.
    pub sent_at: Millis,
    /// It was deleted for everyone.
    pub deleted: bool,
}

impl MessageFacts {
    /// The facts of a message as the server sees it.
    pub fn of(message: &crate::api::Message) -> Self {
        Self {
            sender: message.sender.as_ref().map(|p| p.id),
            kind: message.kind,
            forwarded: message.forward_of.is_some(),
            owner: message.owner,
            sent_at: message.sent_at,
            deleted: message.deleted.is_some(),
        }
    }
}

/// Whether an edit or delete window of `window_minutes` after `sent_at`
/// still includes `now` (`None`: no limit; 0: never). The client asks it
/// with the window its capabilities carry, to offer Edit and Delete.
pub fn within_window(window_minutes: Option<u32>, sent_at: Millis, now: Millis) -> bool {
    match window_minutes {
        None => true,
        Some(0) => false,
        Some(minutes) => now.saturating_sub(sent_at) <= i64::from(minutes).saturating_mul(60_000),
    }
}

/// Whether the viewer may delete others' messages in the conversation
/// (admin delete): an organization conversation whose tenant allows it, and
/// the viewer administers the owner organization or the group.
fn may_admin_delete(viewer: &Viewer, conversation: &ConversationFacts, membership: Option<&MembershipFacts>) -> bool {
    let Some(owner) = conversation.owner else { return false };
    if !policies_or_unrestricted(conversation).admin_delete {
        return false;
    }
    let group_admin = conversation.kind == ConversationKind::Group && membership.is_some_and(|m| m.role == Role::Admin);
    viewer.is_admin_of(owner.id) || group_admin
}

/// [`access`], except that a sender who is no longer a member hears so
/// (`NotAMember`) about their own message: they know the conversation.
fn opened_by_member(
    viewer: &Viewer,
    conversation: &ConversationFacts,
    membership: Option<&MembershipFacts>,
    message: &MessageFacts,
) -> Result<(), ErrorCode> {
    if membership.is_none() && message.sender == Some(viewer.person) {
        return Err(ErrorCode::NotAMember);
    }
    access(viewer, conversation, membership)
}

/// Whether a message may be replied to: the viewer may open its
/// conversation, it is not a note written by Samtal, and it was not deleted.
/// (That it is a message of the same conversation, which the replier may
/// read, the server checks by loading it there.)
pub fn check_reply(
    viewer: &Viewer,
    conversation: &ConversationFacts,
    membership: Option<&MembershipFacts>,
    original: &MessageFacts,
) -> Result<(), ErrorCode> {
    access(viewer, conversation, membership)?;
    if original.kind == MessageKind::System {
        return Err(ErrorCode::InvalidInput);
    }
    if original.deleted {
        return Err(ErrorCode::MessageDeleted);
    }
    Ok(())
}

/// Whether the viewer may edit the message's text now: their own text
/// message (not a forward), not deleted, within the conversation's edit
/// window (`edit_window_minutes`).
pub fn check_edit(
    viewer: &Viewer,
    conversation: &ConversationFacts,
    membership: Option<&MembershipFacts>,
    message: &MessageFacts,
    now: Millis,
) -> Result<(), ErrorCode> {
    opened_by_member(viewer, conversation, membership, message)?;
    if message.deleted {
        return Err(ErrorCode::MessageDeleted);
    }
    if message.sender != Some(viewer.person) {
        return Err(ErrorCode::NotYourMessage);
    }
    if message.kind != MessageKind::Text || message.forwarded {
        return Err(ErrorCode::InvalidInput);
    }
    if !within_window(policies_or_unrestricted(conversation).edit_window_minutes, message.sent_at, now) {
        return Err(ErrorCode::WindowClosed);
    }
    Ok(())
}

/// Whether the viewer may delete the message for everyone now, and as whom:
/// its sender within the delete window (`delete_window_minutes`); or, in an
/// organization conversation whose tenant allows admin delete, the owner
/// organization's admins and the group's admins, on a message the
/// organization owns (never one from before a group's conversion, nor a
/// note written by Samtal). An organization admin need not be a member.
pub fn check_delete(
    viewer: &Viewer,
    conversation: &ConversationFacts,
    membership: Option<&MembershipFacts>,
    message: &MessageFacts,
    now: Millis,
) -> Result<DeletedBy, ErrorCode> {
    let owner_admin = conversation.owner.filter(|o| viewer.is_admin_of(o.id));
    match owner_admin {
        Some(owner) if !owner.enabled => return Err(ErrorCode::OrgDisabled),
        Some(_) => {}
        None => opened_by_member(viewer, conversation, membership, message)?,
    }
    if message.deleted {
        return Err(ErrorCode::MessageDeleted);
    }
    let own = message.sender == Some(viewer.person);
    if own
        && membership.is_some()
        && within_window(policies_or_unrestricted(conversation).delete_window_minutes, message.sent_at, now)
    {
        return Ok(DeletedBy::Sender);
    }
    let owned_by_org = conversation.owner.is_some_and(|o| message.owner == MessageOwner::Org { org_id: o.id });
    if owned_by_org && message.kind != MessageKind::System && may_admin_delete(viewer, conversation, membership) {
        return Ok(DeletedBy::Admin);
    }
    Err(if own { ErrorCode::WindowClosed } else { ErrorCode::NotYourMessage })
}

/// Whether the viewer may react to the message: they may open the
/// conversation, its policy allows reactions, and the message is a
/// person's and not deleted.
pub fn check_react(
    viewer: &Viewer,
    conversation: &ConversationFacts,
    membership: Option<&MembershipFacts>,
    message: &MessageFacts,
) -> Result<(), ErrorCode> {
    access(viewer, conversation, membership)?;
    if !policies_or_unrestricted(conversation).allow_reactions {
        return Err(ErrorCode::PolicyForbids);
    }
    if message.deleted {
        return Err(ErrorCode::MessageDeleted);
    }
    if message.kind == MessageKind::System {
        return Err(ErrorCode::InvalidInput);
    }
    Ok(())
}

/// Whether an organization keeps a record of the message's edits and
/// deletion (for its compliance export and admin portal): it owns the
/// message. Private messages, and those from before a group's conversion,
/// keep nothing.
pub fn keeps_record(message_owner: MessageOwner) -> Option<OrgId> {
    match message_owner {
        MessageOwner::Org { org_id } => Some(org_id),
        MessageOwner::Participants => None,
    }
}

// --------------------------------------------------- rules 1–3: new chats

/// Rule 1: an org chat is between a signed-in member of an organization and a
/// person in the same organization's directory. Returns the owner organization.
///
/// `target_org` is the organization of the target's directory entry;
/// `target_is_self` when the entry is the viewer's own.
pub fn check_org_chat(
    viewer: &Viewer,
    viewer_org: Option<&OrgFacts>,
    target_org: OrgId,
    target_is_self: bool,
) -> Result<OrgId, ErrorCode> {
    let org = match (viewer.work_org, viewer_org) {
        (Some(id), Some(facts)) if facts.id == id => facts,
        _ => return Err(ErrorCode::WorkAccountRequired),
    };
    if !org.enabled {
        return Err(ErrorCode::OrgDisabled);
    }
    if org.id != target_org {
        return Err(ErrorCode::NotInDirectory);
    }
    if target_is_self {
        return Err(ErrorCode::InvalidInput);
    }
    Ok(org.id)
}

/// Rule 2: a private chat is created from a saved contact.
pub fn check_private_chat(target_is_self: bool, target_is_contact: bool) -> Result<(), ErrorCode> {
    if target_is_self {
        return Err(ErrorCode::InvalidInput);
    }
    if !target_is_contact {
        return Err(ErrorCode::NotAContact);
    }
    Ok(())
}

/// Rule 3: groups created in the app are private; groups created in the admin
/// portal belong to the organization from the start, and only its admins may
/// create them there.
pub fn check_portal_group(viewer: &Viewer, org: &OrgFacts) -> Result<(), ErrorCode> {
    if !viewer.is_admin_of(org.id) {
        return Err(ErrorCode::Forbidden);
    }
    if !org.enabled {
        return Err(ErrorCode::OrgDisabled);
    }
    Ok(())
}

// ------------------------------------------------------- rule 4: conversion

/// Rule 4: a group admin signed in to a work account converts a private group
/// into a group owned by that organization. One-way; chats never convert
/// (rule 2). Returns the new owner.
pub fn check_add_to_organization(
    viewer: &Viewer,
    conversation: &ConversationFacts,
    membership: Option<&MembershipFacts>,
) -> Result<OrgId, ErrorCode> {
    let membership = membership.ok_or(ErrorCode::NotFound)?;
    if conversation.kind == ConversationKind::Chat {
        return Err(ErrorCode::PrivateChatCannotConvert);
    }
    if conversation.owner.is_some() {
        return Err(ErrorCode::AlreadyOrgOwned);
    }
    if membership.role != Role::Admin {
        return Err(ErrorCode::Forbidden);
    }
    viewer.work_org.ok_or(ErrorCode::WorkAccountRequired)
}

/// Rule 4: the owner stamped on a message when it is sent — the participants
/// of a private conversation, or the organization that owns it then.
pub fn message_owner(conversation: &ConversationFacts) -> MessageOwner {
    match conversation.owner_id() {
        Some(org_id) => MessageOwner::Org { org_id },
        None => MessageOwner::Participants,
    }
}

// --------------------------------------------------------- rule 7: editing

/// Rule 7: group policies exist on org groups only, and are set by the owner's
/// admins and the group's admins.
pub fn check_edit_group_policies(
    viewer: &Viewer,
    conversation: &ConversationFacts,
    membership: Option<&MembershipFacts>,
) -> Result<(), ErrorCode> {
    let Some(owner) = conversation.owner else {
        // Don't reveal a private conversation to someone outside it.
        return Err(if membership.is_some() { ErrorCode::PoliciesNeedOrgConversation } else { ErrorCode::NotFound });
    };
    if viewer.is_admin_of(owner.id) {
        return if conversation.kind == ConversationKind::Group {
            Ok(())
        } else {
            Err(ErrorCode::PoliciesNeedOrgConversation)
        };
    }
    access(viewer, conversation, membership)?;
    if conversation.kind != ConversationKind::Group {
        return Err(ErrorCode::PoliciesNeedOrgConversation);
    }
    match membership {
        Some(m) if m.role == Role::Admin => Ok(()),
        _ => Err(ErrorCode::Forbidden),
    }
}

/// Whether tenant policies may be read and set: the organization's admins.
pub fn check_org_admin(viewer: &Viewer, org: OrgId) -> Result<(), ErrorCode> {
    if viewer.is_admin_of(org) { Ok(()) } else { Err(ErrorCode::Forbidden) }
}

// ------------------------------------------------------------- membership

/// Who may add or remove other members: a group's admins, in a group they may open.
pub fn check_manage_members(
    viewer: &Viewer,
    conversation: &ConversationFacts,
    membership: Option<&MembershipFacts>,
) -> Result<(), ErrorCode> {
    access(viewer, conversation, membership)?;
    if conversation.kind == ConversationKind::Chat {
        return Err(ErrorCode::RuleViolation);
    }
    match membership {
        Some(m) if m.role == Role::Admin => Ok(()),
        _ => Err(ErrorCode::Forbidden),
    }
}

/// Whether a directory entry of `entry_org` may be added to the conversation:
/// only an org conversation's own directory (rule 1), never a private group,
/// which has no organization to resolve it against.
pub fn check_add_directory_entry(conversation: &ConversationFacts, entry_org: OrgId) -> Result<(), ErrorCode> {
    match conversation.owner_id() {
        Some(owner) if owner == entry_org => Ok(()),
        _ => Err(ErrorCode::NotInDirectory),
    }
}

/// The first seq a member who joined after `joined_after_seq` may read
/// (`history_for_new_members` off: from their joining on).
pub fn first_visible_seq(conversation: &ConversationFacts, joined_after_seq: i64) -> i64 {
    if policies_or_unrestricted(conversation).history_for_new_members { 1 } else { joined_after_seq + 1 }
}

// ------------------------------------------------------------ rule 8: forward

/// Rule 8: forwarding out of an org conversation whose policy forbids it is
/// refused, unless the target is owned by the same organization.
pub fn check_forward(source: &ConversationFacts, target: &ConversationFacts) -> Result<(), ErrorCode> {
    let Some(source_owner) = source.owner_id() else {
        return Ok(());
    };
    if policies_or_unrestricted(source).allow_forward {
        return Ok(());
    }
    if target.owner_id() == Some(source_owner) { Ok(()) } else { Err(ErrorCode::PolicyForbids) }
}

/// Rule 8: attachments download only where the effective policy allows sharing.
pub fn check_download(conversation: &ConversationFacts) -> Result<(), ErrorCode> {
    if policies_or_unrestricted(conversation).allow_share { Ok(()) } else { Err(ErrorCode::PolicyForbids) }
}

// ------------------------------------------------------------- rule 11: export

/// Rule 11: whether a message the person wrote goes into their own export.
///
/// `owner_org_allows_share` is the current effective `allow_share` of the
/// conversation when the message is owned by an organization.
pub fn personal_export_includes(owner: MessageOwner, owner_org_allows_share: bool) -> bool {
    match owner {
        MessageOwner::Participants => true,
        MessageOwner::Org { .. } => owner_org_allows_share,
    }
}

/// Rule 11: whether a message goes into `org`'s compliance export — only
/// messages it owns; never those sent before a group was converted.
pub fn compliance_export_includes(owner: MessageOwner, org: OrgId) -> bool {
    owner == MessageOwner::Org { org_id: org }
}

// ---------------------------------------------------- rule 10: leaving an org

/// Rule 10: whether a person leaving `org` (signing out of its work account or
/// being removed from its directory) loses a membership. They leave every
/// conversation the organization owns in which they took part as its member.
pub fn leaving_org_revokes(conversation_owner: Option<OrgId>, org: OrgId, membership: &MembershipFacts) -> bool {
    conversation_owner == Some(org) && membership.via_owner_directory
}

/// Rule 9/10: what disabling an organization ends — every work-account sign-in
/// to it. Returns whether the person's sign-in ends.
pub fn disabling_ends_signin(person_work_org: Option<OrgId>, disabled: OrgId) -> bool {
    person_work_org == Some(disabled)
}

// ---------------------------------------------------- rule 12: e-mail digests

/// Rule 12: whether unread messages of a conversation may go into a digest.
pub fn digest_applies(conversation: &ConversationFacts) -> bool {
    conversation.owner.is_some_and(|owner| owner.enabled && owner.tenant.missed_message_emails)
}

/// Rule 12: whether a digest may quote message text (effective `allow_share`).
pub fn digest_shows_text(conversation: &ConversationFacts) -> bool {
    policies_or_unrestricted(conversation).allow_share
}

// ------------------------------------------------- rule 13: cache encryption

/// Rule 13: whether the viewer receives `org`'s cache key now.
///
/// Only while the organization is enabled, and only to someone who is signed
/// in to its work account or may open at least one conversation it owns
/// (`memberships` are the viewer's conversations with their membership in
/// each; those of other owners are ignored). Someone who left the
/// organization and has no conversation of it left to open gets nothing, so
/// whatever their devices still hold of it stays unreadable.
pub fn receives_cache_key(
    viewer: &Viewer,
    org: &OrgFacts,
    memberships: &[(ConversationFacts, MembershipFacts)],
) -> bool {
    if !org.enabled {
        return false;
    }
    viewer.work_org == Some(org.id)
        || memberships.iter().any(|(conversation, membership)| {
            conversation.owner_id() == Some(org.id) && access(viewer, conversation, Some(membership)).is_ok()
        })
}

/// Rule 13: whether a device must delete an organization's cache because
/// the key has gone unconfirmed too long: the server last handed it out at
/// `confirmed_at`, the tenant allows `limit_ms` offline, and it is `now`. A
/// clock set far back (before the confirmation by more than the limit) can't
/// be trusted, and does not extend it.
pub fn cache_key_lapsed(now: Millis, confirmed_at: Millis, limit_ms: Millis) -> bool {
    now.saturating_sub(confirmed_at) > limit_ms || now < confirmed_at.saturating_sub(limit_ms)
}

// ------------------------------------------------------- profile visibility

/// Whether the viewer may see a person's directory attributes: they are in the
/// same organization now, or share a conversation that organization owns, or
/// administer it.
pub fn may_see_directory_attributes(viewer: &Viewer, entry_org: OrgId, share_org_conversation: bool) -> bool {
    viewer.work_org == Some(entry_org) || viewer.is_admin_of(entry_org) || share_org_conversation
}
