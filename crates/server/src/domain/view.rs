//! Conversations as a viewer sees them: the list, the profile, and the admin
//! portal's org groups.
//!
//! Each view costs a fixed number of store reads however many conversations
//! it shows: rows are loaded in batches by id, never one read per conversation.

use std::collections::{HashMap, HashSet};

use samtal_core::api::{
    ConversationDetail, ConversationKind, ConversationSummary, Member, Message, Org, OrgGroup, OrgProfile, OrgRef,
};
use samtal_core::rules::{self, ConversationFacts, OrgFacts, Viewer};
use samtal_core::{ConversationId, ErrorCode, OrgId, PersonId};

use super::support::load_conversation;
use crate::error::{AppError, AppResult};
use crate::store::Tx;
use crate::store::rows::{ConversationRow, MemberRow, NamedMember, SeqWindow};

/// What a private conversation's profile says about who owns it (rule 6).
pub(super) const PRIVATE_OWNERSHIP: &str = "Owned by its participants. No organization can see or manage it.";

/// An organization with what the views show of it.
#[derive(Debug, Clone)]
pub(super) struct OrgInfo {
    /// What the rules need.
    pub facts: OrgFacts,
    /// Name.
    pub name: String,
    /// E-mail domain.
    pub domain: String,
    /// Its description of org conversations.
    pub description: String,
}

impl From<Org> for OrgInfo {
    fn from(org: Org) -> Self {
        OrgInfo {
            facts: OrgFacts { id: org.id, enabled: org.enabled, tenant: org.policies },
            name: org.name,
            domain: org.domain,
            description: org.description,
        }
    }
}

impl OrgInfo {
    fn org_ref(&self) -> OrgRef {
        OrgRef { id: self.facts.id, name: self.name.clone() }
    }

    fn profile(&self) -> OrgProfile {
        OrgProfile {
            id: self.facts.id,
            name: self.name.clone(),
            domain: self.domain.clone(),
            description: self.description.clone(),
        }
    }

    /// The ownership sentence of the group profile (rule 6).
    fn ownership(&self) -> String {
        let description = self.description.trim();
        if description.is_empty() {
            format!("Owned by {}.", self.name)
        } else {
            format!("Owned by {}. {description}", self.name)
        }
    }
}

/// Loads the organizations `ids`, keyed by id; unknown ids are left out.
pub(super) async fn load_orgs(
    tx: &mut dyn Tx,
    ids: impl IntoIterator<Item = OrgId>,
) -> AppResult<HashMap<OrgId, OrgInfo>> {
    let ids: Vec<OrgId> = ids.into_iter().collect::<HashSet<_>>().into_iter().collect();
    let orgs = tx.orgs(&ids).await?;
    Ok(orgs.into_iter().map(|org| (org.id, OrgInfo::from(org))).collect())
}

/// The facts the rules need, from a row and the loaded organizations.
fn facts_of(row: &ConversationRow, orgs: &HashMap<OrgId, OrgInfo>) -> ConversationFacts {
    ConversationFacts {
        kind: row.kind,
        owner: row.owner_org.and_then(|org| orgs.get(&org)).map(|o| o.facts),
        group_policies: row.group_policies,
    }
}

/// A conversation, its facts, and the viewer's membership in it.
#[derive(Debug, Clone)]
pub(super) struct Seen {
    /// The row.
    pub row: ConversationRow,
    /// What the rules need.
    pub facts: ConversationFacts,
    /// The viewer's membership, if any.
    pub membership: Option<MemberRow>,
}

/// A named member as the wire shows it.
fn wire(member: &NamedMember) -> Member {
    Member {
        person_id: member.person,
        directory_entry_id: member.entry,
        display_name: member.name.clone(),
        role: member.role,
        joined_at: member.joined_at,
    }
}

/// The members to show: a person counted once even if both a row of theirs
/// and a row of the entry they signed in to later exist (the entry row wins,
/// as in `ConversationRows::membership`).
fn distinct_members(members: &[NamedMember]) -> Vec<Member> {
    let via_entry: HashSet<PersonId> = members.iter().filter(|m| m.entry.is_some()).filter_map(|m| m.person).collect();
    members.iter().filter(|m| m.entry.is_some() || m.person.is_none_or(|p| !via_entry.contains(&p))).map(wire).collect()
}

/// Every conversation the viewer is a member of, newest activity first.
pub(super) async fn list(tx: &mut dyn Tx, viewer: &Viewer) -> AppResult<Vec<ConversationSummary>> {
    // Entry rows sort first within a conversation, so a person with both a
    // row of their own and one of their directory entry is seen through the
    // entry, which is what `require_work_signin` asks about.
    let mut seen_ids = HashSet::new();
    let found: Vec<(ConversationRow, MemberRow)> = tx
        .memberships(viewer.person)
        .await?
        .into_iter()
        .filter(|m| seen_ids.insert(m.conversation.id))
        .map(|m| (m.conversation, m.member))
        .collect();
    let orgs = load_orgs(tx, found.iter().filter_map(|(c, _)| c.owner_org)).await?;
    let seen: Vec<Seen> = found
        .into_iter()
        .map(|(row, membership)| Seen { facts: facts_of(&row, &orgs), row, membership: Some(membership) })
        .collect();
    summaries(tx, viewer, &seen, &orgs).await
}

/// The summaries of `seen`, in the same order.
pub(super) async fn summaries(
    tx: &mut dyn Tx,
    viewer: &Viewer,
    seen: &[Seen],
    orgs: &HashMap<OrgId, OrgInfo>,
) -> AppResult<Vec<ConversationSummary>> {
    let chat_ids: Vec<ConversationId> =
        seen.iter().filter(|s| s.row.kind == ConversationKind::Chat).map(|s| s.row.id).collect();
    let mut chat_members: HashMap<ConversationId, Vec<NamedMember>> = HashMap::new();
    for member in tx.named_members(&chat_ids).await? {
        chat_members.entry(member.conversation).or_default().push(member);
    }

    let mut access = Vec::with_capacity(seen.len());
    // What of each conversation the viewer may read: messages from
    // `from` on, unread after `after`.
    let mut from = Vec::new();
    let mut after = Vec::new();
    for s in seen {
        let membership = s.membership.as_ref().map(MemberRow::facts);
        let verdict = rules::access(viewer, &s.facts, membership.as_ref());
        if let (Ok(()), Some(m)) = (verdict, &s.membership) {
            let from_seq = rules::first_visible_seq(&s.facts, m.joined_seq);
            from.push(SeqWindow { conversation: s.row.id, seq: from_seq });
            after.push(SeqWindow { conversation: s.row.id, seq: m.read_seq.max(from_seq - 1) });
        }
        access.push(verdict);
    }
    let last: HashMap<ConversationId, Message> =
        tx.newest_messages(&from).await?.into_iter().map(|m| (m.conversation_id, m)).collect();
    let unread: HashMap<ConversationId, u32> = tx
        .unread_counts(&after, viewer.person)
        .await?
        .into_iter()
        .map(|(c, n)| (c, u32::try_from(n).unwrap_or(u32::MAX)))
        .collect();

    let mut out = Vec::with_capacity(seen.len());
    for (s, verdict) in seen.iter().zip(access) {
        let membership = s.membership.as_ref().map(MemberRow::facts);
        let title = match s.row.kind {
            ConversationKind::Group => s.row.title.clone().unwrap_or_default(),
            ConversationKind::Chat => chat_title(chat_members.get(&s.row.id).map(Vec::as_slice).unwrap_or_default(), s),
        };
        out.push(ConversationSummary {
            id: s.row.id,
            kind: s.row.kind,
            scope: s.facts.scope(),
            owner_org: s.row.owner_org.and_then(|org| orgs.get(&org)).map(OrgInfo::org_ref),
            title,
            unread: unread.get(&s.row.id).copied().unwrap_or(0),
            last_message: last.get(&s.row.id).cloned(),
            last_activity_at: s.row.last_activity_at,
            converted_at: s.row.converted_at,
            closed: match verdict {
                // Not a member (an org admin looking at the profile) is not "closed".
                Err(ErrorCode::NotFound) | Ok(()) => None,
                Err(code) => Some(code),
            },
            capabilities: rules::capabilities(viewer, &s.facts, membership.as_ref()),
        });
    }
    Ok(out)
}

/// A chat is titled by the other participant; someone outside it (an org
/// admin) sees both names.
fn chat_title(members: &[NamedMember], seen: &Seen) -> String {
    let mine = seen.membership.as_ref().map(|m| m.id);
    let names: Vec<&str> = members.iter().filter(|m| Some(m.row_id) != mine).map(|m| m.name.as_str()).collect();
    if names.is_empty() { "Chat".to_owned() } else { names.join(" and ") }
}

/// A conversation's profile, if the viewer may see it (`may_view_profile`).
pub(super) async fn detail(tx: &mut dyn Tx, viewer: &Viewer, id: ConversationId) -> AppResult<ConversationDetail> {
    let (row, facts) = load_conversation(tx, id).await?.ok_or(ErrorCode::NotFound)?;
    let membership = tx.membership(id, viewer.person).await?;
    rules::may_view_profile(viewer, &facts, membership.as_ref().map(MemberRow::facts).as_ref())?;
    let orgs = load_orgs(tx, row.owner_org).await?;
    let my_role = membership.as_ref().map(|m| m.role);
    let seen = Seen { row, facts, membership };
    let summary = summaries(tx, viewer, std::slice::from_ref(&seen), &orgs)
        .await?
        .pop()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no summary for conversation {id}")))?;
    let members = distinct_members(&tx.named_members(&[id]).await?);
    let owner = seen.row.owner_org.and_then(|org| orgs.get(&org));
    let is_org_group = owner.is_some() && seen.row.kind == ConversationKind::Group;
    Ok(ConversationDetail {
        summary,
        members,
        owner: owner.map(OrgInfo::profile),
        ownership: owner.map(OrgInfo::ownership).unwrap_or_else(|| PRIVATE_OWNERSHIP.to_owned()),
        created_via: seen.row.created_via,
        created_at: seen.row.created_at,
        policies: rules::effective_policies(&seen.facts),
        group_policies: if is_org_group { Some(seen.row.group_policies.unwrap_or_default()) } else { None },
        my_role,
    })
}

/// The groups `org` owns (or only `only`), newest activity first.
pub(super) async fn org_groups(
    tx: &mut dyn Tx,
    org: &OrgInfo,
    only: Option<ConversationId>,
) -> AppResult<Vec<OrgGroup>> {
    let groups = tx.org_groups(org.facts.id, only).await?;
    let ids: Vec<ConversationId> = groups.iter().map(|g| g.id).collect();
    let mut members: HashMap<ConversationId, Vec<NamedMember>> = HashMap::new();
    for member in tx.named_members(&ids).await? {
        members.entry(member.conversation).or_default().push(member);
    }
    Ok(groups
        .into_iter()
        .map(|g| OrgGroup {
            id: g.id,
            title: g.title.clone().unwrap_or_default(),
            owner_org: org.org_ref(),
            members: distinct_members(members.get(&g.id).map(Vec::as_slice).unwrap_or_default()),
            created_via: g.created_via,
            created_at: g.created_at,
            converted_at: g.converted_at,
            policies: g.group_policies.unwrap_or_default(),
        })
        .collect())
}
