//! [`ConversationStore`] on SQLite.
//!
//! Every write runs in one `BEGIN IMMEDIATE` transaction: load the facts,
//! ask `samtal_core::rules` for the verdict, write, and append the events
//! others must hear about — so a verdict can't go stale before its write,
//! and a change and its events are stored together or not at all.

use async_trait::async_trait;
use samtal_core::api::{
    AddMember, ConversationDetail, ConversationKind, ConversationSummary, CreateChat, CreateOrgGroup, CreatedVia,
    OrgGroup, Role, Scope, SystemNote,
};
use samtal_core::events::{Event, RevocationReason};
use samtal_core::rules::{self, ConversationFacts, MembershipFacts, Viewer};
use samtal_core::{ConversationId, DirectoryEntryId, ErrorCode, GroupPolicies, OrgId, PersonId, api::limits};
use serde_json::json;
use sqlx::{Row, SqliteConnection};

use super::SqliteStore;
use super::admin::audit;
use super::context::{self, MemberRow, NewMessage, insert_message, member_persons};
use super::events;
use crate::error::AppError;
use crate::store::{ConversationStore, StoreResult};
use crate::time::now_ms;

mod view;

/// What a member row holds: a person, or a directory entry (whoever is
/// signed in to it now).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MemberKey {
    Person(PersonId),
    Entry(DirectoryEntryId),
}

/// A directory entry as membership needs it.
#[derive(Debug, Clone)]
struct EntryInfo {
    id: DirectoryEntryId,
    org: OrgId,
    person: Option<PersonId>,
    display_name: String,
}

/// No organization: SQLite assigns ids from 1, so no directory entry belongs
/// to org 0. Stands for "the target is in no directory the viewer could
/// chat in" when asking [`rules::check_org_chat`].
const NO_ORG: OrgId = OrgId(0);

fn entry_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<EntryInfo, sqlx::Error> {
    Ok(EntryInfo {
        id: DirectoryEntryId(row.try_get("id")?),
        org: OrgId(row.try_get("org_id")?),
        person: row.try_get::<Option<i64>, _>("person_id")?.map(PersonId),
        display_name: row.try_get("display_name")?,
    })
}

async fn load_entry(conn: &mut SqliteConnection, id: DirectoryEntryId) -> StoreResult<Option<EntryInfo>> {
    let row = sqlx::query("SELECT id, org_id, person_id, display_name FROM directory_entries WHERE id = ?")
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.as_ref().map(entry_from_row).transpose()?)
}

/// The entry of `org` that `person` is signed in to now, if any.
async fn entry_in_org(conn: &mut SqliteConnection, person: PersonId, org: OrgId) -> StoreResult<Option<EntryInfo>> {
    let row = sqlx::query(
        "SELECT id, org_id, person_id, display_name FROM directory_entries WHERE person_id = ? AND org_id = ?",
    )
    .bind(person.0)
    .bind(org.0)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.as_ref().map(entry_from_row).transpose()?)
}

async fn person_name(conn: &mut SqliteConnection, person: PersonId) -> StoreResult<Option<String>> {
    Ok(sqlx::query_scalar("SELECT display_name FROM persons WHERE id = ?")
        .bind(person.0)
        .fetch_optional(&mut *conn)
        .await?)
}

/// The viewer's display name, for system notes.
async fn viewer_name(conn: &mut SqliteConnection, viewer: &Viewer) -> StoreResult<String> {
    person_name(conn, viewer.person).await?.ok_or(AppError::code(ErrorCode::Unauthenticated))
}

/// The name a member row goes by: the person signed in to it, else the entry's.
async fn member_name(conn: &mut SqliteConnection, member: &MemberRow) -> StoreResult<String> {
    if let Some(person) = member.person
        && let Some(name) = person_name(conn, person).await?
    {
        return Ok(name);
    }
    match member.directory_entry {
        Some(entry) => Ok(load_entry(conn, entry).await?.map(|e| e.display_name).unwrap_or_default()),
        None => Ok(String::new()),
    }
}

async fn org_name(conn: &mut SqliteConnection, org: OrgId) -> StoreResult<String> {
    let name: Option<String> =
        sqlx::query_scalar("SELECT name FROM orgs WHERE id = ?").bind(org.0).fetch_optional(&mut *conn).await?;
    name.ok_or(AppError::code(ErrorCode::NotFound))
}

/// Loads a conversation, or `NotFound`.
async fn conversation_facts(
    conn: &mut SqliteConnection,
    id: ConversationId,
) -> StoreResult<(context::ConversationRow, ConversationFacts)> {
    Ok(context::load_conversation(conn, id).await?.ok_or(ErrorCode::NotFound)?)
}

/// A conversation to insert.
struct NewConversation<'a> {
    kind: ConversationKind,
    owner: Option<OrgId>,
    title: Option<&'a str>,
    created_via: CreatedVia,
    created_by: PersonId,
    group_policies: Option<GroupPolicies>,
    chat_key: Option<String>,
}

async fn insert_conversation(conn: &mut SqliteConnection, new: NewConversation<'_>) -> StoreResult<ConversationId> {
    let now = now_ms();
    let policies = new.group_policies.as_ref().map(serde_json::to_string).transpose()?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO conversations (kind, owner_org_id, title, created_via, created_by, created_at, group_policies,
                                    last_activity_at, chat_key)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(context::kind_str(new.kind))
    .bind(new.owner.map(|o| o.0))
    .bind(new.title)
    .bind(match new.created_via {
        CreatedVia::App => "app",
        CreatedVia::Portal => "portal",
    })
    .bind(new.created_by.0)
    .bind(now)
    .bind(policies)
    .bind(now)
    .bind(new.chat_key)
    .fetch_one(&mut *conn)
    .await?;
    Ok(ConversationId(id))
}

/// Adds a member row. `joined_seq` is the conversation's last seq now; the
/// read marker starts there too, so history from before is not "unread".
async fn insert_member(
    conn: &mut SqliteConnection,
    conversation: ConversationId,
    key: MemberKey,
    role: Role,
    joined_seq: i64,
) -> StoreResult<()> {
    let (person, entry) = match key {
        MemberKey::Person(p) => (Some(p.0), None),
        MemberKey::Entry(e) => (None, Some(e.0)),
    };
    sqlx::query(
        "INSERT INTO conversation_members (conversation_id, person_id, directory_entry_id, role, joined_at,
                                           joined_seq, read_seq)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(conversation.0)
    .bind(person)
    .bind(entry)
    .bind(context::role_str(role))
    .bind(now_ms())
    .bind(joined_seq)
    .bind(joined_seq)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Whether a row for `entry`, or one resolving to `person`, is in the conversation.
async fn is_member(
    conn: &mut SqliteConnection,
    conversation: ConversationId,
    entry: Option<DirectoryEntryId>,
    person: Option<PersonId>,
) -> StoreResult<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT m.id FROM conversation_members m LEFT JOIN directory_entries d ON d.id = m.directory_entry_id
         WHERE m.conversation_id = ? AND (m.directory_entry_id = ? OR m.person_id = ? OR d.person_id = ?) LIMIT 1",
    )
    .bind(conversation.0)
    .bind(entry.map(|e| e.0))
    .bind(person.map(|p| p.0))
    .bind(person.map(|p| p.0))
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}

async fn member_count(conn: &mut SqliteConnection, conversation: ConversationId) -> StoreResult<usize> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM conversation_members WHERE conversation_id = ?")
        .bind(conversation.0)
        .fetch_one(&mut *conn)
        .await?;
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

fn too_many_members() -> AppError {
    AppError::msg(ErrorCode::InvalidInput, format!("A group has at most {} members.", limits::GROUP_MEMBERS_MAX))
}

/// Deletes a member row. When it held the last admin seat of a group that
/// still has members, the longest-standing member who is on Samtal (else
/// the longest-standing at all) becomes admin, so the group stays managed.
async fn delete_member(
    conn: &mut SqliteConnection,
    conversation: ConversationId,
    member: &MemberRow,
) -> StoreResult<()> {
    sqlx::query("DELETE FROM conversation_members WHERE id = ?").bind(member.id).execute(&mut *conn).await?;
    if member.role != Role::Admin {
        return Ok(());
    }
    let admins: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM conversation_members WHERE conversation_id = ? AND role = 'admin'")
            .bind(conversation.0)
            .fetch_one(&mut *conn)
            .await?;
    if admins == 0 {
        sqlx::query(
            "UPDATE conversation_members SET role = 'admin' WHERE id = (
                 SELECT m.id FROM conversation_members m
                 LEFT JOIN directory_entries d ON d.id = m.directory_entry_id
                 WHERE m.conversation_id = ?
                 ORDER BY COALESCE(m.person_id, d.person_id) IS NULL, m.joined_at, m.id LIMIT 1)",
        )
        .bind(conversation.0)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Appends `ConversationChanged` to every member person except `except`.
async fn announce_change(
    conn: &mut SqliteConnection,
    conversation: ConversationId,
    except: Option<PersonId>,
) -> StoreResult<()> {
    let recipients: Vec<PersonId> =
        member_persons(conn, conversation).await?.into_iter().filter(|p| Some(*p) != except).collect();
    events::append(conn, &recipients, &Event::ConversationChanged { conversation_id: conversation }).await
}

/// The audit target of a group: its title.
fn audit_target(row: &context::ConversationRow) -> String {
    row.title.clone().unwrap_or_else(|| format!("conversation {}", row.id))
}

/// The chat's target, exactly one of the two ids.
fn chat_target(person: Option<PersonId>, entry: Option<DirectoryEntryId>) -> StoreResult<MemberKey> {
    match (person, entry) {
        (Some(p), None) => Ok(MemberKey::Person(p)),
        (None, Some(e)) => Ok(MemberKey::Entry(e)),
        _ => Err(AppError::msg(ErrorCode::InvalidInput, "Give exactly one of person_id and directory_entry_id.")),
    }
}

fn chat_refusal(code: ErrorCode) -> AppError {
    match code {
        ErrorCode::InvalidInput => AppError::msg(code, "You can't start a chat with yourself."),
        ErrorCode::RuleViolation => {
            AppError::msg(code, "A chat is always between its two people. Start a group to add more.")
        }
        other => AppError::code(other),
    }
}

impl SqliteStore {
    /// Rule 2: the two members and key of a private chat.
    async fn private_chat_parties(
        conn: &mut SqliteConnection,
        viewer: &Viewer,
        target: MemberKey,
    ) -> StoreResult<(Vec<MemberKey>, String, Option<OrgId>)> {
        let person = match target {
            MemberKey::Person(p) => {
                person_name(conn, p).await?.ok_or(ErrorCode::NotFound)?;
                p
            }
            MemberKey::Entry(e) => {
                let entry = load_entry(conn, e).await?.ok_or(ErrorCode::NotFound)?;
                entry.person.ok_or_else(|| {
                    AppError::msg(
                        ErrorCode::NotAContact,
                        "They are not on Samtal yet, so they can't be a contact. Start an organization chat instead.",
                    )
                })?
            }
        };
        let is_contact: Option<i64> = sqlx::query_scalar("SELECT 1 FROM contacts WHERE owner_id = ? AND person_id = ?")
            .bind(viewer.person.0)
            .bind(person.0)
            .fetch_optional(&mut *conn)
            .await?;
        rules::check_private_chat(person == viewer.person, is_contact.is_some()).map_err(chat_refusal)?;
        let (low, high) = (viewer.person.0.min(person.0), viewer.person.0.max(person.0));
        Ok((vec![MemberKey::Person(viewer.person), MemberKey::Person(person)], format!("p:{low}:{high}"), None))
    }

    /// Rule 1: the two members (by directory entry) and key of an org chat.
    async fn org_chat_parties(
        conn: &mut SqliteConnection,
        viewer: &Viewer,
        target: MemberKey,
    ) -> StoreResult<(Vec<MemberKey>, String, Option<OrgId>)> {
        let viewer_org = match viewer.work_org {
            Some(org) => context::org_facts(conn, org).await?,
            None => None,
        };
        let target_entry = match target {
            MemberKey::Entry(e) => Some(load_entry(conn, e).await?.ok_or(ErrorCode::NotFound)?),
            MemberKey::Person(p) => {
                person_name(conn, p).await?.ok_or(ErrorCode::NotFound)?;
                match viewer.work_org {
                    Some(org) => entry_in_org(conn, p, org).await?,
                    None => None,
                }
            }
        };
        let (target_org, is_self) = match &target_entry {
            Some(e) => (e.org, e.person == Some(viewer.person)),
            None => (NO_ORG, false),
        };
        let org = rules::check_org_chat(viewer, viewer_org.as_ref(), target_org, is_self).map_err(chat_refusal)?;
        let target_entry = target_entry.ok_or(ErrorCode::NotInDirectory)?;
        let mine = entry_in_org(conn, viewer.person, org).await?.ok_or(ErrorCode::WorkAccountRequired)?;
        let (low, high) = (mine.id.0.min(target_entry.id.0), mine.id.0.max(target_entry.id.0));
        Ok((
            vec![MemberKey::Entry(mine.id), MemberKey::Entry(target_entry.id)],
            format!("o:{}:{low}:{high}", org.0),
            Some(org),
        ))
    }

    /// A profile read on its own connection (after a write has committed).
    async fn read_detail(&self, viewer: &Viewer, id: ConversationId) -> StoreResult<ConversationDetail> {
        let mut conn = self.pool().acquire().await?;
        view::detail(&mut conn, viewer, id).await
    }

    /// Loads a conversation and the viewer's membership in it, in the transaction.
    async fn with_membership(
        conn: &mut SqliteConnection,
        viewer: &Viewer,
        id: ConversationId,
    ) -> StoreResult<(context::ConversationRow, ConversationFacts, Option<MemberRow>)> {
        let (row, facts) = conversation_facts(conn, id).await?;
        let membership = context::load_membership(conn, id, viewer.person).await?;
        Ok((row, facts, membership))
    }
}

#[async_trait]
impl ConversationStore for SqliteStore {
    async fn conversations(&self, viewer: &Viewer) -> StoreResult<Vec<ConversationSummary>> {
        let mut conn = self.pool().acquire().await?;
        view::list(&mut conn, viewer).await
    }

    async fn conversation(&self, viewer: &Viewer, id: ConversationId) -> StoreResult<ConversationDetail> {
        self.read_detail(viewer, id).await
    }

    async fn create_chat(&self, viewer: &Viewer, request: &CreateChat) -> StoreResult<(ConversationDetail, bool)> {
        let target = chat_target(request.person_id, request.directory_entry_id)?;
        let mut tx = self.begin().await?;
        let (parties, key, owner) = match request.scope {
            Scope::Private => Self::private_chat_parties(&mut tx, viewer, target).await?,
            Scope::Org => Self::org_chat_parties(&mut tx, viewer, target).await?,
        };
        // Asking again returns the existing chat: the key is UNIQUE, and this
        // transaction holds the write lock, so nobody creates it in between.
        let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM conversations WHERE chat_key = ?")
            .bind(&key)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(id) = existing {
            drop(tx);
            return Ok((self.read_detail(viewer, ConversationId(id)).await?, false));
        }
        let id = insert_conversation(
            &mut tx,
            NewConversation {
                kind: ConversationKind::Chat,
                owner,
                title: None,
                created_via: CreatedVia::App,
                created_by: viewer.person,
                group_policies: None,
                chat_key: Some(key),
            },
        )
        .await?;
        for party in parties {
            insert_member(&mut tx, id, party, Role::Member, 0).await?;
        }
        let by = viewer_name(&mut tx, viewer).await?;
        let (_, facts) = conversation_facts(&mut tx, id).await?;
        insert_message(&mut tx, &facts, id, NewMessage::system(SystemNote::Created { by })).await?;
        let everyone = member_persons(&mut tx, id).await?;
        events::append(&mut tx, &everyone, &Event::ConversationAdded { conversation_id: id }).await?;
        self.commit(tx).await?;
        Ok((self.read_detail(viewer, id).await?, true))
    }

    async fn create_group(
        &self,
        viewer: &Viewer,
        title: &str,
        members: &[PersonId],
    ) -> StoreResult<ConversationDetail> {
        let mut tx = self.begin().await?;
        let mut names = Vec::with_capacity(members.len());
        for &person in members {
            let name = person_name(&mut tx, person)
                .await?
                .ok_or_else(|| AppError::msg(ErrorCode::NotFound, format!("There is no person with id {person}.")))?;
            names.push(name);
        }
        let id = insert_conversation(
            &mut tx,
            NewConversation {
                kind: ConversationKind::Group,
                owner: None,
                title: Some(title),
                created_via: CreatedVia::App,
                created_by: viewer.person,
                group_policies: None,
                chat_key: None,
            },
        )
        .await?;
        insert_member(&mut tx, id, MemberKey::Person(viewer.person), Role::Admin, 0).await?;
        for &person in members {
            insert_member(&mut tx, id, MemberKey::Person(person), Role::Member, 0).await?;
        }
        let by = viewer_name(&mut tx, viewer).await?;
        let (_, facts) = conversation_facts(&mut tx, id).await?;
        insert_message(&mut tx, &facts, id, NewMessage::system(SystemNote::Created { by: by.clone() })).await?;
        if !names.is_empty() {
            insert_message(&mut tx, &facts, id, NewMessage::system(SystemNote::Added { by, names })).await?;
        }
        let everyone = member_persons(&mut tx, id).await?;
        events::append(&mut tx, &everyone, &Event::ConversationAdded { conversation_id: id }).await?;
        self.commit(tx).await?;
        self.read_detail(viewer, id).await
    }

    async fn add_member(
        &self,
        viewer: &Viewer,
        id: ConversationId,
        target: &AddMember,
    ) -> StoreResult<ConversationDetail> {
        let target = chat_target(target.person_id, target.directory_entry_id)?;
        let mut tx = self.begin().await?;
        let (row, facts, membership) = Self::with_membership(&mut tx, viewer, id).await?;
        rules::check_manage_members(viewer, &facts, membership.as_ref().map(MemberRow::facts).as_ref())
            .map_err(chat_refusal)?;

        // Who is added, and how their row is kept: org groups hold their own
        // organization's members by directory entry (rule 10), everyone else
        // by person.
        let (key, person, name) = match target {
            MemberKey::Entry(e) => {
                let entry = load_entry(&mut tx, e).await?.ok_or(ErrorCode::NotFound)?;
                rules::check_add_directory_entry(&facts, entry.org).map_err(|code| {
                    AppError::msg(
                        code,
                        "Only entries of the directory of the organization that owns the group can be added.",
                    )
                })?;
                let name = match entry.person {
                    Some(p) => person_name(&mut tx, p).await?.unwrap_or(entry.display_name),
                    None => entry.display_name,
                };
                (MemberKey::Entry(entry.id), entry.person, name)
            }
            MemberKey::Person(p) => {
                let name = person_name(&mut tx, p).await?.ok_or(ErrorCode::NotFound)?;
                let entry = match facts.owner_id() {
                    Some(org) => entry_in_org(&mut tx, p, org).await?,
                    None => None,
                };
                (entry.map_or(MemberKey::Person(p), |e| MemberKey::Entry(e.id)), Some(p), name)
            }
        };
        let entry = match key {
            MemberKey::Entry(e) => Some(e),
            MemberKey::Person(_) => None,
        };
        if is_member(&mut tx, id, entry, person).await? {
            return Err(ErrorCode::AlreadyMember.into());
        }
        if member_count(&mut tx, id).await? >= limits::GROUP_MEMBERS_MAX {
            return Err(too_many_members());
        }
        let others = member_persons(&mut tx, id).await?;
        insert_member(&mut tx, id, key, Role::Member, row.last_seq).await?;
        let by = viewer_name(&mut tx, viewer).await?;
        insert_message(&mut tx, &facts, id, NewMessage::system(SystemNote::Added { by, names: vec![name.clone()] }))
            .await?;
        if let Some(org) = facts.owner_id() {
            // Rule 6: whoever joins an org group is told who owns it.
            let org_name = org_name(&mut tx, org).await?;
            insert_message(&mut tx, &facts, id, NewMessage::system(SystemNote::OwnedBy { org_name })).await?;
            audit(
                &mut tx,
                org,
                Some(viewer.person),
                "member_added",
                &audit_target(&row),
                json!({"conversation_id": id, "person_id": person, "directory_entry_id": entry, "name": name}),
            )
            .await?;
        }
        if let Some(p) = person {
            events::append(&mut tx, &[p], &Event::ConversationAdded { conversation_id: id }).await?;
        }
        let others: Vec<PersonId> = others.into_iter().filter(|p| Some(*p) != person).collect();
        events::append(&mut tx, &others, &Event::ConversationChanged { conversation_id: id }).await?;
        self.commit(tx).await?;
        self.read_detail(viewer, id).await
    }

    async fn remove_member(
        &self,
        viewer: &Viewer,
        id: ConversationId,
        target: &AddMember,
    ) -> StoreResult<ConversationDetail> {
        let target = chat_target(target.person_id, target.directory_entry_id)?;
        let mut tx = self.begin().await?;
        let (row, facts, membership) = Self::with_membership(&mut tx, viewer, id).await?;
        rules::check_manage_members(viewer, &facts, membership.as_ref().map(MemberRow::facts).as_ref())
            .map_err(chat_refusal)?;
        let removed = match target {
            MemberKey::Person(p) => context::load_membership(&mut tx, id, p).await?,
            MemberKey::Entry(e) => {
                context::load_members(&mut tx, id).await?.into_iter().find(|m| m.directory_entry == Some(e))
            }
        };
        let removed = removed.ok_or_else(|| AppError::msg(ErrorCode::NotFound, "They are not in this group."))?;
        if removed.person == Some(viewer.person) {
            return Err(AppError::msg(ErrorCode::RuleViolation, "To leave the group yourself, use Leave group."));
        }
        let name = member_name(&mut tx, &removed).await?;
        delete_member(&mut tx, id, &removed).await?;
        let by = viewer_name(&mut tx, viewer).await?;
        insert_message(&mut tx, &facts, id, NewMessage::system(SystemNote::Removed { by, name: name.clone() })).await?;
        if let Some(p) = removed.person {
            let revoked = Event::ConversationRevoked { conversation_id: id, reason: RevocationReason::Removed };
            events::append(&mut tx, &[p], &revoked).await?;
        }
        announce_change(&mut tx, id, removed.person).await?;
        if let Some(org) = facts.owner_id() {
            audit(
                &mut tx,
                org,
                Some(viewer.person),
                "member_removed",
                &audit_target(&row),
                json!({"conversation_id": id, "person_id": removed.person,
                       "directory_entry_id": removed.directory_entry, "name": name, "joined_at": removed.joined_at}),
            )
            .await?;
        }
        self.commit(tx).await?;
        self.read_detail(viewer, id).await
    }

    async fn leave_group(&self, viewer: &Viewer, id: ConversationId) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let (row, facts, membership) = Self::with_membership(&mut tx, viewer, id).await?;
        let member = membership.ok_or(ErrorCode::NotFound)?;
        if !rules::capabilities(viewer, &facts, Some(&member.facts())).leave {
            return Err(AppError::msg(ErrorCode::RuleViolation, "A chat can't be left; only groups can."));
        }
        let name = member_name(&mut tx, &member).await?;
        delete_member(&mut tx, id, &member).await?;
        insert_message(&mut tx, &facts, id, NewMessage::system(SystemNote::Left { name: name.clone() })).await?;
        let revoked = Event::ConversationRevoked { conversation_id: id, reason: RevocationReason::Left };
        events::append(&mut tx, &[viewer.person], &revoked).await?;
        announce_change(&mut tx, id, Some(viewer.person)).await?;
        if let Some(org) = facts.owner_id() {
            audit(
                &mut tx,
                org,
                Some(viewer.person),
                "member_left",
                &audit_target(&row),
                json!({"conversation_id": id, "person_id": viewer.person, "name": name, "joined_at": member.joined_at}),
            )
            .await?;
        }
        self.commit(tx).await
    }

    async fn add_to_organization(&self, viewer: &Viewer, id: ConversationId) -> StoreResult<ConversationDetail> {
        let mut tx = self.begin().await?;
        let (row, facts, membership) = Self::with_membership(&mut tx, viewer, id).await?;
        let org = rules::check_add_to_organization(viewer, &facts, membership.as_ref().map(MemberRow::facts).as_ref())?;
        // The viewer's work organization only counts while it is enabled, so
        // this holds unless it was disabled a moment ago.
        let org_facts = context::org_facts(&mut tx, org).await?.ok_or(ErrorCode::NotFound)?;
        if !org_facts.enabled {
            return Err(ErrorCode::OrgDisabled.into());
        }
        let now = now_ms();
        sqlx::query(
            "UPDATE conversations SET owner_org_id = ?, converted_at = ?, converted_by = ?, group_policies = ?
             WHERE id = ? AND owner_org_id IS NULL",
        )
        .bind(org.0)
        .bind(now)
        .bind(viewer.person.0)
        .bind(serde_json::to_string(&GroupPolicies::default())?)
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
        // People signed in to the organization now take part as its members,
        // by directory entry, so leaving it ends their access (rule 10).
        sqlx::query(
            "UPDATE conversation_members
             SET directory_entry_id = (SELECT d.id FROM directory_entries d
                                       WHERE d.person_id = conversation_members.person_id AND d.org_id = ?),
                 person_id = NULL
             WHERE conversation_id = ?
               AND person_id IN (SELECT person_id FROM directory_entries WHERE org_id = ? AND person_id IS NOT NULL)",
        )
        .bind(org.0)
        .bind(id.0)
        .bind(org.0)
        .execute(&mut *tx)
        .await?;
        let (_, facts) = conversation_facts(&mut tx, id).await?;
        let by = viewer_name(&mut tx, viewer).await?;
        let org_name = org_name(&mut tx, org).await?;
        // The line in the conversation: this note is the first message the
        // organization owns; everything before stays the participants'.
        insert_message(&mut tx, &facts, id, NewMessage::system(SystemNote::Converted { by, org_name })).await?;
        announce_change(&mut tx, id, None).await?;
        audit(
            &mut tx,
            org,
            Some(viewer.person),
            "group_converted",
            &audit_target(&row),
            // Who started the group, for the record of whose it was before.
            json!({"conversation_id": id, "converted_at": now,
                   "created_by": row.created_by, "created_at": row.created_at}),
        )
        .await?;
        self.commit(tx).await?;
        self.read_detail(viewer, id).await
    }

    async fn set_group_policies(
        &self,
        viewer: &Viewer,
        id: ConversationId,
        policies: GroupPolicies,
    ) -> StoreResult<ConversationDetail> {
        let mut tx = self.begin().await?;
        let (row, facts, membership) = Self::with_membership(&mut tx, viewer, id).await?;
        rules::check_edit_group_policies(viewer, &facts, membership.as_ref().map(MemberRow::facts).as_ref())?;
        let org = facts.owner_id().ok_or(ErrorCode::PoliciesNeedOrgConversation)?;
        let old = row.group_policies.unwrap_or_default();
        sqlx::query("UPDATE conversations SET group_policies = ? WHERE id = ?")
            .bind(serde_json::to_string(&policies)?)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        // Capabilities (Copy, Forward, Share) change with the policies: every
        // member refetches, so the client drops what is no longer allowed.
        announce_change(&mut tx, id, None).await?;
        audit(
            &mut tx,
            org,
            Some(viewer.person),
            "group_policies_changed",
            &audit_target(&row),
            json!({"conversation_id": id, "old": old, "new": policies}),
        )
        .await?;
        self.commit(tx).await?;
        self.read_detail(viewer, id).await
    }

    async fn org_groups(&self, viewer: &Viewer, org: OrgId) -> StoreResult<Vec<OrgGroup>> {
        let mut conn = self.pool().acquire().await?;
        let orgs = view::load_orgs(&mut conn, [org]).await?;
        let info = orgs.get(&org).ok_or(ErrorCode::NotFound)?;
        rules::check_org_admin(viewer, org)?;
        view::org_groups(&mut conn, info, None).await
    }

    async fn create_org_group(&self, viewer: &Viewer, org: OrgId, group: &CreateOrgGroup) -> StoreResult<OrgGroup> {
        let mut tx = self.begin().await?;
        let orgs = view::load_orgs(&mut tx, [org]).await?;
        let info = orgs.get(&org).ok_or(ErrorCode::NotFound)?;
        rules::check_portal_group(viewer, &info.facts)?;
        let new_facts = ConversationFacts {
            kind: ConversationKind::Group,
            owner: Some(info.facts),
            group_policies: Some(group.policies.unwrap_or_default()),
        };

        // The creating admin manages the group; everyone is kept by their
        // directory entry of this organization when they have one now.
        let mut keys: Vec<(MemberKey, Role)> = Vec::new();
        let mut people = std::collections::HashSet::new();
        let mut entries = std::collections::HashSet::new();
        let mut push = |key: MemberKey, person: Option<PersonId>, role: Role, keys: &mut Vec<(MemberKey, Role)>| {
            let new_entry = match key {
                MemberKey::Entry(e) => entries.insert(e),
                MemberKey::Person(_) => true,
            };
            let new_person = person.is_none_or(|p| people.insert(p));
            if new_entry && new_person {
                keys.push((key, role));
            }
        };
        let creator = entry_in_org(&mut tx, viewer.person, org).await?;
        push(
            creator.map_or(MemberKey::Person(viewer.person), |e| MemberKey::Entry(e.id)),
            Some(viewer.person),
            Role::Admin,
            &mut keys,
        );
        for &person in &group.member_ids {
            person_name(&mut tx, person)
                .await?
                .ok_or_else(|| AppError::msg(ErrorCode::NotFound, format!("There is no person with id {person}.")))?;
            let entry = entry_in_org(&mut tx, person, org).await?;
            push(
                entry.map_or(MemberKey::Person(person), |e| MemberKey::Entry(e.id)),
                Some(person),
                Role::Member,
                &mut keys,
            );
        }
        for &entry_id in &group.directory_entry_ids {
            let entry = load_entry(&mut tx, entry_id).await?.ok_or_else(|| {
                AppError::msg(ErrorCode::NotFound, format!("There is no directory entry with id {entry_id}."))
            })?;
            rules::check_add_directory_entry(&new_facts, entry.org).map_err(|code| {
                AppError::msg(code, format!("Directory entry {entry_id} is not in this organization's directory."))
            })?;
            push(MemberKey::Entry(entry.id), entry.person, Role::Member, &mut keys);
        }
        if keys.len() > limits::GROUP_MEMBERS_MAX {
            return Err(too_many_members());
        }

        let id = insert_conversation(
            &mut tx,
            NewConversation {
                kind: ConversationKind::Group,
                owner: Some(org),
                title: Some(&group.title),
                created_via: CreatedVia::Portal,
                created_by: viewer.person,
                group_policies: new_facts.group_policies,
                chat_key: None,
            },
        )
        .await?;
        for (key, role) in keys {
            insert_member(&mut tx, id, key, role, 0).await?;
        }
        let by = viewer_name(&mut tx, viewer).await?;
        let (_, facts) = conversation_facts(&mut tx, id).await?;
        insert_message(&mut tx, &facts, id, NewMessage::system(SystemNote::Created { by })).await?;
        insert_message(&mut tx, &facts, id, NewMessage::system(SystemNote::OwnedBy { org_name: info.name.clone() }))
            .await?;
        let everyone = member_persons(&mut tx, id).await?;
        events::append(&mut tx, &everyone, &Event::ConversationAdded { conversation_id: id }).await?;
        audit(
            &mut tx,
            org,
            Some(viewer.person),
            "org_group_created",
            &group.title,
            json!({"conversation_id": id, "members": everyone.len()}),
        )
        .await?;
        let created = view::org_groups(&mut tx, info, Some(id)).await?;
        self.commit(tx).await?;
        created.into_iter().next().ok_or_else(|| AppError::Internal(anyhow::anyhow!("org group {id} vanished")))
    }
}

/// Rule 10: `entry` (signed in to by `person`, if anyone) leaves `org`.
///
/// Inside the caller's transaction: removes the entry's memberships in the
/// organization's groups, writes a "left" system note into each, appends
/// `ConversationRevoked { reason }` for each group to `person` and
/// `ConversationChanged` to the remaining members. Org chats keep the
/// entry's row (they are closed to the person while nobody is signed in to
/// it). The caller emits `OrgRevoked` and unlinks or deletes the entry.
pub(crate) async fn leave_org(
    conn: &mut SqliteConnection,
    org: OrgId,
    entry: DirectoryEntryId,
    person: Option<PersonId>,
    reason: RevocationReason,
) -> StoreResult<()> {
    let rows = sqlx::query(
        "SELECT m.id, m.conversation_id, m.role, m.joined_at, m.joined_seq, m.read_seq, c.owner_org_id
         FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id
         WHERE m.directory_entry_id = ? AND c.kind = 'group' AND c.owner_org_id = ?
         ORDER BY m.conversation_id",
    )
    .bind(entry.0)
    .bind(org.0)
    .fetch_all(&mut *conn)
    .await?;
    if rows.is_empty() {
        return Ok(());
    }
    let name = match person {
        Some(p) => person_name(conn, p).await?,
        None => None,
    };
    let name = match name {
        Some(name) => name,
        None => load_entry(conn, entry).await?.map(|e| e.display_name).unwrap_or_default(),
    };
    for row in rows {
        let conversation = ConversationId(row.try_get("conversation_id")?);
        let member = MemberRow {
            id: row.try_get("id")?,
            person,
            directory_entry: Some(entry),
            role: if row.try_get::<String, _>("role")? == "admin" { Role::Admin } else { Role::Member },
            joined_at: row.try_get("joined_at")?,
            joined_seq: row.try_get("joined_seq")?,
            read_seq: row.try_get("read_seq")?,
        };
        let owner = row.try_get::<Option<i64>, _>("owner_org_id")?.map(OrgId);
        let facts: MembershipFacts = member.facts();
        if !rules::leaving_org_revokes(owner, org, &facts) {
            continue;
        }
        delete_member(conn, conversation, &member).await?;
        let (_, facts) = conversation_facts(conn, conversation).await?;
        insert_message(conn, &facts, conversation, NewMessage::system(SystemNote::Left { name: name.clone() })).await?;
        if let Some(p) = person {
            events::append(conn, &[p], &Event::ConversationRevoked { conversation_id: conversation, reason }).await?;
        }
        announce_change(conn, conversation, person).await?;
    }
    Ok(())
}
