//! Conversations as a viewer sees them: the list, the profile, and the admin
//! portal's org groups.
//!
//! Each view costs a fixed number of queries however many conversations it
//! shows: rows are loaded in batches keyed by a JSON array of ids
//! (`json_each`), never one query per conversation.

use std::collections::{HashMap, HashSet};

use samtal_core::api::{
    ConversationDetail, ConversationKind, ConversationSummary, Member, Message, OrgGroup, OrgProfile, OrgRef, Role,
};
use samtal_core::rules::{self, ConversationFacts, OrgFacts, Viewer};
use samtal_core::{ConversationId, DirectoryEntryId, ErrorCode, Millis, OrgId, PersonId, TenantPolicies};
use sqlx::{Row, SqliteConnection};

use crate::error::AppError;
use crate::store::StoreResult;
use crate::store::sqlite::context::{
    self, CONVERSATION_COLUMNS, ConversationRow, MESSAGE_SELECT, MemberRow, conversation_from_row, message_from_row,
    parse_role,
};

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

/// A JSON array of ids, for `json_each(?)`.
fn id_list(ids: impl IntoIterator<Item = i64>) -> StoreResult<String> {
    Ok(serde_json::to_string(&ids.into_iter().collect::<Vec<_>>())?)
}

/// Loads the organizations `ids`, keyed by id; unknown ids are left out.
pub(super) async fn load_orgs(
    conn: &mut SqliteConnection,
    ids: impl IntoIterator<Item = OrgId>,
) -> StoreResult<HashMap<OrgId, OrgInfo>> {
    let ids: HashSet<i64> = ids.into_iter().map(|o| o.0).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = sqlx::query(
        "SELECT id, name, domain, description, enabled, tenant_policies FROM orgs
         WHERE id IN (SELECT value FROM json_each(?))",
    )
    .bind(id_list(ids)?)
    .fetch_all(&mut *conn)
    .await?;
    let mut orgs = HashMap::with_capacity(rows.len());
    for row in rows {
        let id = OrgId(row.try_get("id")?);
        let tenant: TenantPolicies = serde_json::from_str(&row.try_get::<String, _>("tenant_policies")?)?;
        orgs.insert(
            id,
            OrgInfo {
                facts: OrgFacts { id, enabled: row.try_get::<i64, _>("enabled")? != 0, tenant },
                name: row.try_get("name")?,
                domain: row.try_get("domain")?,
                description: row.try_get("description")?,
            },
        );
    }
    Ok(orgs)
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

/// A member row with the name to show for it.
#[derive(Debug, Clone)]
pub(super) struct NamedMember {
    /// The conversation.
    pub conversation: ConversationId,
    /// The member row.
    pub row_id: i64,
    /// The person it resolves to now (none: an entry nobody has linked yet).
    pub person: Option<PersonId>,
    /// The directory entry of an entry row.
    pub entry: Option<DirectoryEntryId>,
    /// The person's display name, or the entry's while nobody is linked to it.
    pub name: String,
    /// Admin or member.
    pub role: Role,
    /// When they joined.
    pub joined_at: Millis,
}

impl NamedMember {
    fn wire(&self) -> Member {
        Member {
            person_id: self.person,
            directory_entry_id: self.entry,
            display_name: self.name.clone(),
            role: self.role,
            joined_at: self.joined_at,
        }
    }
}

/// Every member row of the conversations `ids`, ordered by conversation and joining.
pub(super) async fn named_members(conn: &mut SqliteConnection, ids: &[i64]) -> StoreResult<Vec<NamedMember>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = sqlx::query(
        "SELECT m.conversation_id, m.id, m.directory_entry_id, m.role, m.joined_at,
                COALESCE(m.person_id, d.person_id) AS resolved_person,
                p.display_name AS person_name, d.display_name AS entry_name
         FROM conversation_members m
         LEFT JOIN directory_entries d ON d.id = m.directory_entry_id
         LEFT JOIN persons p ON p.id = COALESCE(m.person_id, d.person_id)
         WHERE m.conversation_id IN (SELECT value FROM json_each(?))
         ORDER BY m.conversation_id, m.id",
    )
    .bind(id_list(ids.iter().copied())?)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let person_name: Option<String> = row.try_get("person_name")?;
            let entry_name: Option<String> = row.try_get("entry_name")?;
            Ok(NamedMember {
                conversation: ConversationId(row.try_get("conversation_id")?),
                row_id: row.try_get("id")?,
                person: row.try_get::<Option<i64>, _>("resolved_person")?.map(PersonId),
                entry: row.try_get::<Option<i64>, _>("directory_entry_id")?.map(DirectoryEntryId),
                name: person_name.or(entry_name).unwrap_or_default(),
                role: parse_role(&row.try_get::<String, _>("role")?),
                joined_at: row.try_get("joined_at")?,
            })
        })
        .collect()
}

/// The members to show: a person counted once even if both a row of theirs
/// and a row of the entry they signed in to later exist (the entry row wins,
/// as in [`context::load_membership`]).
fn distinct_members(members: &[NamedMember]) -> Vec<Member> {
    let via_entry: HashSet<PersonId> = members.iter().filter(|m| m.entry.is_some()).filter_map(|m| m.person).collect();
    members
        .iter()
        .filter(|m| m.entry.is_some() || m.person.is_none_or(|p| !via_entry.contains(&p)))
        .map(NamedMember::wire)
        .collect()
}

/// Every conversation the viewer is a member of, newest activity first.
pub(super) async fn list(conn: &mut SqliteConnection, viewer: &Viewer) -> StoreResult<Vec<ConversationSummary>> {
    // Entry rows sort first within a conversation, so a person with both a
    // row of their own and one of their directory entry is seen through the
    // entry, which is what `require_work_signin` asks about.
    let sql = format!(
        "SELECT {CONVERSATION_COLUMNS}, m.id AS m_id, m.directory_entry_id AS m_entry, m.role AS m_role,
                m.joined_at AS m_joined_at, m.joined_seq AS m_joined_seq, m.read_seq AS m_read_seq
         FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id
         WHERE m.person_id = ? OR m.directory_entry_id IN (SELECT id FROM directory_entries WHERE person_id = ?)
         ORDER BY c.last_activity_at DESC, c.id DESC, m.directory_entry_id IS NULL"
    );
    let rows =
        sqlx::query(sqlx::AssertSqlSafe(sql)).bind(viewer.person.0).bind(viewer.person.0).fetch_all(&mut *conn).await?;
    let mut seen_ids = HashSet::new();
    let mut found = Vec::with_capacity(rows.len());
    for row in &rows {
        let conversation = conversation_from_row(row)?;
        if !seen_ids.insert(conversation.id) {
            continue;
        }
        let membership = MemberRow {
            id: row.try_get("m_id")?,
            person: Some(viewer.person),
            directory_entry: row.try_get::<Option<i64>, _>("m_entry")?.map(DirectoryEntryId),
            role: parse_role(&row.try_get::<String, _>("m_role")?),
            joined_at: row.try_get("m_joined_at")?,
            joined_seq: row.try_get("m_joined_seq")?,
            read_seq: row.try_get("m_read_seq")?,
        };
        found.push((conversation, membership));
    }
    let orgs = load_orgs(conn, found.iter().filter_map(|(c, _)| c.owner_org)).await?;
    let seen: Vec<Seen> = found
        .into_iter()
        .map(|(row, membership)| Seen { facts: facts_of(&row, &orgs), row, membership: Some(membership) })
        .collect();
    summaries(conn, viewer, &seen, &orgs).await
}

/// What of a conversation the viewer may read: messages from `from_seq` on,
/// unread after `after_seq`.
struct Window {
    conversation: i64,
    from_seq: i64,
    after_seq: i64,
}

/// The summaries of `seen`, in the same order.
pub(super) async fn summaries(
    conn: &mut SqliteConnection,
    viewer: &Viewer,
    seen: &[Seen],
    orgs: &HashMap<OrgId, OrgInfo>,
) -> StoreResult<Vec<ConversationSummary>> {
    let chat_ids: Vec<i64> = seen.iter().filter(|s| s.row.kind == ConversationKind::Chat).map(|s| s.row.id.0).collect();
    let mut chat_members: HashMap<ConversationId, Vec<NamedMember>> = HashMap::new();
    for member in named_members(conn, &chat_ids).await? {
        chat_members.entry(member.conversation).or_default().push(member);
    }

    let mut access = Vec::with_capacity(seen.len());
    let mut windows = Vec::new();
    for s in seen {
        let membership = s.membership.as_ref().map(MemberRow::facts);
        let verdict = rules::access(viewer, &s.facts, membership.as_ref());
        if let (Ok(()), Some(m)) = (verdict, &s.membership) {
            let from_seq = rules::first_visible_seq(&s.facts, m.joined_seq);
            windows.push(Window { conversation: s.row.id.0, from_seq, after_seq: m.read_seq.max(from_seq - 1) });
        }
        access.push(verdict);
    }
    let (last, unread) = if windows.is_empty() {
        (HashMap::new(), HashMap::new())
    } else {
        (last_messages(conn, &windows).await?, unread_counts(conn, &windows, viewer.person).await?)
    };

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
            unread: unread.get(&s.row.id.0).copied().unwrap_or(0),
            last_message: last.get(&s.row.id.0).cloned(),
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

fn windows_json(windows: &[Window], seq: impl Fn(&Window) -> i64) -> StoreResult<String> {
    let pairs: Vec<[i64; 2]> = windows.iter().map(|w| [w.conversation, seq(w)]).collect();
    Ok(serde_json::to_string(&pairs)?)
}

/// The newest message the viewer may see in each window's conversation.
async fn last_messages(conn: &mut SqliteConnection, windows: &[Window]) -> StoreResult<HashMap<i64, Message>> {
    let sql = format!(
        "WITH v(cid, from_seq) AS (
             SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))
         {MESSAGE_SELECT}
         WHERE m.id IN (SELECT (SELECT x.id FROM messages x WHERE x.conversation_id = v.cid AND x.seq >= v.from_seq
                                ORDER BY x.seq DESC LIMIT 1) FROM v)"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(windows_json(windows, |w| w.from_seq)?)
        .fetch_all(&mut *conn)
        .await?;
    let mut out = HashMap::with_capacity(rows.len());
    for row in &rows {
        let message = message_from_row(row)?;
        out.insert(message.conversation_id.0, message);
    }
    Ok(out)
}

/// Unread messages per conversation: after the read marker (and the first
/// visible seq), written by someone else. System notes are not counted: they
/// describe what people did and nobody wrote them to be read as news.
async fn unread_counts(
    conn: &mut SqliteConnection,
    windows: &[Window],
    viewer: PersonId,
) -> StoreResult<HashMap<i64, u32>> {
    let rows = sqlx::query(
        "WITH v(cid, after_seq) AS (
             SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))
         SELECT v.cid AS cid, COUNT(x.id) AS n FROM v
         JOIN messages x ON x.conversation_id = v.cid AND x.seq > v.after_seq
         WHERE x.sender_id IS NOT NULL AND x.sender_id <> ?
         GROUP BY v.cid",
    )
    .bind(windows_json(windows, |w| w.after_seq)?)
    .bind(viewer.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = HashMap::with_capacity(rows.len());
    for row in &rows {
        let n: i64 = row.try_get("n")?;
        out.insert(row.try_get::<i64, _>("cid")?, u32::try_from(n).unwrap_or(u32::MAX));
    }
    Ok(out)
}

/// A conversation's profile, if the viewer may see it (`may_view_profile`).
pub(super) async fn detail(
    conn: &mut SqliteConnection,
    viewer: &Viewer,
    id: ConversationId,
) -> StoreResult<ConversationDetail> {
    let (row, facts) = context::load_conversation(conn, id).await?.ok_or(ErrorCode::NotFound)?;
    let membership = context::load_membership(conn, id, viewer.person).await?;
    rules::may_view_profile(viewer, &facts, membership.as_ref().map(MemberRow::facts).as_ref())?;
    let orgs = load_orgs(conn, row.owner_org).await?;
    let my_role = membership.as_ref().map(|m| m.role);
    let seen = Seen { row, facts, membership };
    let summary = summaries(conn, viewer, std::slice::from_ref(&seen), &orgs)
        .await?
        .pop()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no summary for conversation {id}")))?;
    let members = distinct_members(&named_members(conn, &[id.0]).await?);
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
    conn: &mut SqliteConnection,
    org: &OrgInfo,
    only: Option<ConversationId>,
) -> StoreResult<Vec<OrgGroup>> {
    let sql = format!(
        "SELECT {CONVERSATION_COLUMNS} FROM conversations c
         WHERE c.owner_org_id = ? AND c.kind = 'group' AND (? IS NULL OR c.id = ?)
         ORDER BY c.last_activity_at DESC, c.id DESC"
    );
    let only = only.map(|c| c.0);
    let rows =
        sqlx::query(sqlx::AssertSqlSafe(sql)).bind(org.facts.id.0).bind(only).bind(only).fetch_all(&mut *conn).await?;
    let groups = rows.iter().map(conversation_from_row).collect::<Result<Vec<_>, _>>()?;
    let ids: Vec<i64> = groups.iter().map(|g| g.id.0).collect();
    let mut members: HashMap<ConversationId, Vec<NamedMember>> = HashMap::new();
    for member in named_members(conn, &ids).await? {
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
