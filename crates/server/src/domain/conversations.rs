//! Conversations and their membership: chats, groups, conversion into an
//! organization group (rule 4), group policies (rule 7) and the admin
//! portal's organization groups.
//!
//! Every change decides inside its own write transaction with
//! `samtal_core::rules`, so the facts a verdict rests on cannot change
//! between the check and the write.

use samtal_core::api::{
    AddMember, ConversationDetail, ConversationKind, ConversationSummary, CreateChat, CreateOrgGroup, CreatedVia,
    DirectoryEntry, OrgGroup, Role, Scope, SystemNote,
};
use samtal_core::events::{Event, RevocationReason};
use samtal_core::rules::{self, ConversationFacts, Viewer};
use samtal_core::{ConversationId, ErrorCode, GroupPolicies, OrgId, PersonId, api::limits};
use serde_json::json;

use super::Domain;
use super::membership::{announce_change, delete_member, member_name, person_name};
use super::support::{NewMessage, append, audit, conversation_facts, insert_message, member_persons, org_facts};
use super::view;
use crate::error::{AppError, AppResult};
use crate::store::Tx;
use crate::store::rows::{ConversationRow, MemberKey, MemberRow, NewConversation};
use crate::time::now_ms;

/// No organization: ids start from 1, so no directory entry belongs to org
/// 0. Stands for "the target is in no directory the viewer could chat in"
/// when asking [`rules::check_org_chat`].
const NO_ORG: OrgId = OrgId(0);

/// The viewer's display name, for system notes.
async fn viewer_name(tx: &mut dyn Tx, viewer: &Viewer) -> AppResult<String> {
    person_name(tx, viewer.person).await?.ok_or(AppError::code(ErrorCode::Unauthenticated))
}

async fn org_name(tx: &mut dyn Tx, org: OrgId) -> AppResult<String> {
    Ok(tx.org(org).await?.ok_or(ErrorCode::NotFound)?.name)
}

/// Adds a member row. `joined_seq` is the conversation's last seq now; the
/// read marker starts there too, so history from before is not "unread".
async fn insert_member(
    tx: &mut dyn Tx,
    conversation: ConversationId,
    key: MemberKey,
    role: Role,
    joined_seq: i64,
) -> AppResult<()> {
    Ok(tx.insert_member(conversation, key, role, joined_seq, now_ms()).await?)
}

fn too_many_members() -> AppError {
    AppError::msg(ErrorCode::InvalidInput, format!("A group has at most {} members.", limits::GROUP_MEMBERS_MAX))
}

/// The audit target of a group: its title.
fn audit_target(row: &ConversationRow) -> String {
    row.title.clone().unwrap_or_else(|| format!("conversation {}", row.id))
}

/// The chat's target, exactly one of the two ids.
fn chat_target(person: Option<PersonId>, entry: Option<samtal_core::DirectoryEntryId>) -> AppResult<MemberKey> {
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

/// Rule 2: the two members and key of a private chat.
async fn private_chat_parties(
    tx: &mut dyn Tx,
    viewer: &Viewer,
    target: MemberKey,
) -> AppResult<(Vec<MemberKey>, String, Option<OrgId>)> {
    let person = match target {
        MemberKey::Person(p) => {
            person_name(tx, p).await?.ok_or(ErrorCode::NotFound)?;
            p
        }
        MemberKey::Entry(e) => {
            let entry = tx.entry(e).await?.ok_or(ErrorCode::NotFound)?;
            entry.person_id.ok_or_else(|| {
                AppError::msg(
                    ErrorCode::NotAContact,
                    "They are not on Samtal yet, so they can't be a contact. Start an organization chat instead.",
                )
            })?
        }
    };
    let is_contact = tx.contact(viewer.person, person).await?.is_some();
    rules::check_private_chat(person == viewer.person, is_contact).map_err(chat_refusal)?;
    let (low, high) = (viewer.person.0.min(person.0), viewer.person.0.max(person.0));
    Ok((vec![MemberKey::Person(viewer.person), MemberKey::Person(person)], format!("p:{low}:{high}"), None))
}

/// Rule 1: the two members (by directory entry) and key of an org chat.
async fn org_chat_parties(
    tx: &mut dyn Tx,
    viewer: &Viewer,
    target: MemberKey,
) -> AppResult<(Vec<MemberKey>, String, Option<OrgId>)> {
    let viewer_org = match viewer.work_org {
        Some(org) => org_facts(tx, org).await?,
        None => None,
    };
    let target_entry: Option<DirectoryEntry> = match target {
        MemberKey::Entry(e) => Some(tx.entry(e).await?.ok_or(ErrorCode::NotFound)?),
        MemberKey::Person(p) => {
            person_name(tx, p).await?.ok_or(ErrorCode::NotFound)?;
            match viewer.work_org {
                Some(org) => tx.entry_in_org(p, org).await?,
                None => None,
            }
        }
    };
    let (target_org, is_self) = match &target_entry {
        Some(e) => (e.org_id, e.person_id == Some(viewer.person)),
        None => (NO_ORG, false),
    };
    let org = rules::check_org_chat(viewer, viewer_org.as_ref(), target_org, is_self).map_err(chat_refusal)?;
    let target_entry = target_entry.ok_or(ErrorCode::NotInDirectory)?;
    let mine = tx.entry_in_org(viewer.person, org).await?.ok_or(ErrorCode::WorkAccountRequired)?;
    let (low, high) = (mine.id.0.min(target_entry.id.0), mine.id.0.max(target_entry.id.0));
    Ok((
        vec![MemberKey::Entry(mine.id), MemberKey::Entry(target_entry.id)],
        format!("o:{}:{low}:{high}", org.0),
        Some(org),
    ))
}

/// Loads a conversation and the viewer's membership in it, in the transaction.
async fn with_membership(
    tx: &mut dyn Tx,
    viewer: &Viewer,
    id: ConversationId,
) -> AppResult<(ConversationRow, ConversationFacts, Option<MemberRow>)> {
    let (row, facts) = conversation_facts(tx, id).await?;
    let membership = tx.membership(id, viewer.person).await?;
    Ok((row, facts, membership))
}

impl Domain {
    /// A profile read in a snapshot of its own (after a write has committed).
    async fn read_detail(&self, viewer: &Viewer, id: ConversationId) -> AppResult<ConversationDetail> {
        let mut tx = self.read().await?;
        view::detail(tx.as_mut(), viewer, id).await
    }

    /// Every conversation the viewer is a member of, newest activity first.
    pub async fn conversations(&self, viewer: &Viewer) -> AppResult<Vec<ConversationSummary>> {
        let mut tx = self.read().await?;
        view::list(tx.as_mut(), viewer).await
    }

    /// A conversation's profile, for members who may open it and admins of
    /// its owner organization; `NotFound` for everybody else.
    pub async fn conversation(&self, viewer: &Viewer, id: ConversationId) -> AppResult<ConversationDetail> {
        self.read_detail(viewer, id).await
    }

    /// Starts a chat with the request's one target (rules 1 and 2), or
    /// returns the one that exists already. `true` when it was created now.
    pub async fn create_chat(&self, viewer: &Viewer, request: &CreateChat) -> AppResult<(ConversationDetail, bool)> {
        let target = chat_target(request.person_id, request.directory_entry_id)?;
        let mut tx = self.write().await?;
        let (parties, key, owner) = match request.scope {
            Scope::Private => private_chat_parties(tx.as_mut(), viewer, target).await?,
            Scope::Org => org_chat_parties(tx.as_mut(), viewer, target).await?,
        };
        // Asking again returns the existing chat: the key is UNIQUE, and this
        // transaction holds the write lock, so nobody creates it in between.
        if let Some(id) = tx.chat_by_key(&key).await? {
            drop(tx);
            return Ok((self.read_detail(viewer, id).await?, false));
        }
        let id = tx
            .insert_conversation(NewConversation {
                kind: ConversationKind::Chat,
                owner,
                title: None,
                created_via: CreatedVia::App,
                created_by: viewer.person,
                group_policies: None,
                chat_key: Some(key),
                at: now_ms(),
            })
            .await?;
        for party in parties {
            insert_member(tx.as_mut(), id, party, Role::Member, 0).await?;
        }
        let by = viewer_name(tx.as_mut(), viewer).await?;
        let (_, facts) = conversation_facts(tx.as_mut(), id).await?;
        insert_message(tx.as_mut(), &facts, id, NewMessage::system(SystemNote::Created { by })).await?;
        let everyone = member_persons(tx.as_mut(), id).await?;
        append(tx.as_mut(), &everyone, &Event::ConversationAdded { conversation_id: id }).await?;
        self.commit(tx).await?;
        Ok((self.read_detail(viewer, id).await?, true))
    }

    /// Creates a private group (rule 3) with the viewer as its admin.
    pub async fn create_group(
        &self,
        viewer: &Viewer,
        title: &str,
        members: &[PersonId],
    ) -> AppResult<ConversationDetail> {
        let mut tx = self.write().await?;
        let mut names = Vec::with_capacity(members.len());
        for &person in members {
            let name = person_name(tx.as_mut(), person)
                .await?
                .ok_or_else(|| AppError::msg(ErrorCode::NotFound, format!("There is no person with id {person}.")))?;
            names.push(name);
        }
        let id = tx
            .insert_conversation(NewConversation {
                kind: ConversationKind::Group,
                owner: None,
                title: Some(title),
                created_via: CreatedVia::App,
                created_by: viewer.person,
                group_policies: None,
                chat_key: None,
                at: now_ms(),
            })
            .await?;
        insert_member(tx.as_mut(), id, MemberKey::Person(viewer.person), Role::Admin, 0).await?;
        for &person in members {
            insert_member(tx.as_mut(), id, MemberKey::Person(person), Role::Member, 0).await?;
        }
        let by = viewer_name(tx.as_mut(), viewer).await?;
        let (_, facts) = conversation_facts(tx.as_mut(), id).await?;
        insert_message(tx.as_mut(), &facts, id, NewMessage::system(SystemNote::Created { by: by.clone() })).await?;
        if !names.is_empty() {
            insert_message(tx.as_mut(), &facts, id, NewMessage::system(SystemNote::Added { by, names })).await?;
        }
        let everyone = member_persons(tx.as_mut(), id).await?;
        append(tx.as_mut(), &everyone, &Event::ConversationAdded { conversation_id: id }).await?;
        self.commit(tx).await?;
        self.read_detail(viewer, id).await
    }

    /// A group admin adds the request's one person or directory entry.
    pub async fn add_member(
        &self,
        viewer: &Viewer,
        id: ConversationId,
        target: &AddMember,
    ) -> AppResult<ConversationDetail> {
        let target = chat_target(target.person_id, target.directory_entry_id)?;
        let mut tx = self.write().await?;
        let (row, facts, membership) = with_membership(tx.as_mut(), viewer, id).await?;
        rules::check_manage_members(viewer, &facts, membership.as_ref().map(MemberRow::facts).as_ref())
            .map_err(chat_refusal)?;

        // Who is added, and how their row is kept: org groups hold their own
        // organization's members by directory entry (rule 10), everyone else
        // by person.
        let (key, person, name) = match target {
            MemberKey::Entry(e) => {
                let entry = tx.entry(e).await?.ok_or(ErrorCode::NotFound)?;
                rules::check_add_directory_entry(&facts, entry.org_id).map_err(|code| {
                    AppError::msg(
                        code,
                        "Only entries of the directory of the organization that owns the group can be added.",
                    )
                })?;
                let name = match entry.person_id {
                    Some(p) => person_name(tx.as_mut(), p).await?.unwrap_or(entry.display_name),
                    None => entry.display_name,
                };
                (MemberKey::Entry(entry.id), entry.person_id, name)
            }
            MemberKey::Person(p) => {
                let name = person_name(tx.as_mut(), p).await?.ok_or(ErrorCode::NotFound)?;
                let entry = match facts.owner_id() {
                    Some(org) => tx.entry_in_org(p, org).await?,
                    None => None,
                };
                (entry.map_or(MemberKey::Person(p), |e| MemberKey::Entry(e.id)), Some(p), name)
            }
        };
        let entry = match key {
            MemberKey::Entry(e) => Some(e),
            MemberKey::Person(_) => None,
        };
        if tx.is_member(id, entry, person).await? {
            return Err(ErrorCode::AlreadyMember.into());
        }
        if tx.member_count(id).await? >= limits::GROUP_MEMBERS_MAX as u64 {
            return Err(too_many_members());
        }
        let others = member_persons(tx.as_mut(), id).await?;
        insert_member(tx.as_mut(), id, key, Role::Member, row.last_seq).await?;
        let by = viewer_name(tx.as_mut(), viewer).await?;
        insert_message(
            tx.as_mut(),
            &facts,
            id,
            NewMessage::system(SystemNote::Added { by, names: vec![name.clone()] }),
        )
        .await?;
        if let Some(org) = facts.owner_id() {
            // Rule 6: whoever joins an org group is told who owns it.
            let org_name = org_name(tx.as_mut(), org).await?;
            insert_message(tx.as_mut(), &facts, id, NewMessage::system(SystemNote::OwnedBy { org_name })).await?;
            audit(
                tx.as_mut(),
                org,
                Some(viewer.person),
                "member_added",
                &audit_target(&row),
                json!({"conversation_id": id, "person_id": person, "directory_entry_id": entry, "name": name}),
            )
            .await?;
        }
        if let Some(p) = person {
            append(tx.as_mut(), &[p], &Event::ConversationAdded { conversation_id: id }).await?;
        }
        let others: Vec<PersonId> = others.into_iter().filter(|p| Some(*p) != person).collect();
        append(tx.as_mut(), &others, &Event::ConversationChanged { conversation_id: id }).await?;
        self.commit(tx).await?;
        self.read_detail(viewer, id).await
    }

    /// A group admin removes another member, named by exactly one of person
    /// or directory entry.
    pub async fn remove_member(
        &self,
        viewer: &Viewer,
        id: ConversationId,
        target: &AddMember,
    ) -> AppResult<ConversationDetail> {
        let target = chat_target(target.person_id, target.directory_entry_id)?;
        let mut tx = self.write().await?;
        let (row, facts, membership) = with_membership(tx.as_mut(), viewer, id).await?;
        rules::check_manage_members(viewer, &facts, membership.as_ref().map(MemberRow::facts).as_ref())
            .map_err(chat_refusal)?;
        let removed = match target {
            MemberKey::Person(p) => tx.membership(id, p).await?,
            MemberKey::Entry(e) => tx.members(id).await?.into_iter().find(|m| m.directory_entry == Some(e)),
        };
        let removed = removed.ok_or_else(|| AppError::msg(ErrorCode::NotFound, "They are not in this group."))?;
        if removed.person == Some(viewer.person) {
            return Err(AppError::msg(ErrorCode::RuleViolation, "To leave the group yourself, use Leave group."));
        }
        let name = member_name(tx.as_mut(), &removed).await?;
        delete_member(tx.as_mut(), id, &removed).await?;
        let by = viewer_name(tx.as_mut(), viewer).await?;
        insert_message(tx.as_mut(), &facts, id, NewMessage::system(SystemNote::Removed { by, name: name.clone() }))
            .await?;
        if let Some(p) = removed.person {
            let revoked = Event::ConversationRevoked { conversation_id: id, reason: RevocationReason::Removed };
            append(tx.as_mut(), &[p], &revoked).await?;
        }
        announce_change(tx.as_mut(), id, removed.person).await?;
        if let Some(org) = facts.owner_id() {
            audit(
                tx.as_mut(),
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

    /// The viewer leaves a group.
    pub async fn leave_group(&self, viewer: &Viewer, id: ConversationId) -> AppResult<()> {
        let mut tx = self.write().await?;
        let (row, facts, membership) = with_membership(tx.as_mut(), viewer, id).await?;
        let member = membership.ok_or(ErrorCode::NotFound)?;
        if !rules::capabilities(viewer, &facts, Some(&member.facts())).leave {
            return Err(AppError::msg(ErrorCode::RuleViolation, "A chat can't be left; only groups can."));
        }
        let name = member_name(tx.as_mut(), &member).await?;
        delete_member(tx.as_mut(), id, &member).await?;
        insert_message(tx.as_mut(), &facts, id, NewMessage::system(SystemNote::Left { name: name.clone() })).await?;
        let revoked = Event::ConversationRevoked { conversation_id: id, reason: RevocationReason::Left };
        append(tx.as_mut(), &[viewer.person], &revoked).await?;
        announce_change(tx.as_mut(), id, Some(viewer.person)).await?;
        if let Some(org) = facts.owner_id() {
            audit(
                tx.as_mut(),
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

    /// Rule 4: a group admin converts a private group into a group of the
    /// organization they are signed in to.
    pub async fn add_to_organization(&self, viewer: &Viewer, id: ConversationId) -> AppResult<ConversationDetail> {
        let mut tx = self.write().await?;
        let (row, facts, membership) = with_membership(tx.as_mut(), viewer, id).await?;
        let org = rules::check_add_to_organization(viewer, &facts, membership.as_ref().map(MemberRow::facts).as_ref())?;
        // The viewer's work organization only counts while it is enabled, so
        // this holds unless it was disabled a moment ago.
        let org_facts = org_facts(tx.as_mut(), org).await?.ok_or(ErrorCode::NotFound)?;
        if !org_facts.enabled {
            return Err(ErrorCode::OrgDisabled.into());
        }
        let now = now_ms();
        tx.convert_to_org(id, org, viewer.person, &GroupPolicies::default(), now).await?;
        // People signed in to the organization now take part as its members,
        // by directory entry, so leaving it ends their access (rule 10).
        tx.rekey_members_to_entries(id, org).await?;
        let (_, facts) = conversation_facts(tx.as_mut(), id).await?;
        let by = viewer_name(tx.as_mut(), viewer).await?;
        let org_name = org_name(tx.as_mut(), org).await?;
        // The line in the conversation: this note is the first message the
        // organization owns; everything before stays the participants'.
        insert_message(tx.as_mut(), &facts, id, NewMessage::system(SystemNote::Converted { by, org_name })).await?;
        announce_change(tx.as_mut(), id, None).await?;
        audit(
            tx.as_mut(),
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

    /// Rule 7: sets an org group's own policies.
    pub async fn set_group_policies(
        &self,
        viewer: &Viewer,
        id: ConversationId,
        policies: GroupPolicies,
    ) -> AppResult<ConversationDetail> {
        let mut tx = self.write().await?;
        let (row, facts, membership) = with_membership(tx.as_mut(), viewer, id).await?;
        rules::check_edit_group_policies(viewer, &facts, membership.as_ref().map(MemberRow::facts).as_ref())?;
        let org = facts.owner_id().ok_or(ErrorCode::PoliciesNeedOrgConversation)?;
        let old = row.group_policies.unwrap_or_default();
        tx.set_group_policies(id, &policies).await?;
        // Capabilities (Copy, Forward, Share) change with the policies: every
        // member refetches, so the client drops what is no longer allowed.
        announce_change(tx.as_mut(), id, None).await?;
        audit(
            tx.as_mut(),
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

    /// Every group `org` owns, for its admins; `NotFound` for an unknown organization.
    pub async fn org_groups(&self, viewer: &Viewer, org: OrgId) -> AppResult<Vec<OrgGroup>> {
        let mut tx = self.read().await?;
        let orgs = view::load_orgs(tx.as_mut(), [org]).await?;
        let info = orgs.get(&org).ok_or(ErrorCode::NotFound)?;
        rules::check_org_admin(viewer, org)?;
        view::org_groups(tx.as_mut(), info, None).await
    }

    /// Creates a group owned by `org` from the start (rule 3, admin portal);
    /// the caller has checked the title.
    pub async fn create_org_group(&self, viewer: &Viewer, org: OrgId, group: &CreateOrgGroup) -> AppResult<OrgGroup> {
        let mut tx = self.write().await?;
        let orgs = view::load_orgs(tx.as_mut(), [org]).await?;
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
        let creator = tx.entry_in_org(viewer.person, org).await?;
        push(
            creator.map_or(MemberKey::Person(viewer.person), |e| MemberKey::Entry(e.id)),
            Some(viewer.person),
            Role::Admin,
            &mut keys,
        );
        for &person in &group.member_ids {
            person_name(tx.as_mut(), person)
                .await?
                .ok_or_else(|| AppError::msg(ErrorCode::NotFound, format!("There is no person with id {person}.")))?;
            let entry = tx.entry_in_org(person, org).await?;
            push(
                entry.map_or(MemberKey::Person(person), |e| MemberKey::Entry(e.id)),
                Some(person),
                Role::Member,
                &mut keys,
            );
        }
        for &entry_id in &group.directory_entry_ids {
            let entry = tx.entry(entry_id).await?.ok_or_else(|| {
                AppError::msg(ErrorCode::NotFound, format!("There is no directory entry with id {entry_id}."))
            })?;
            rules::check_add_directory_entry(&new_facts, entry.org_id).map_err(|code| {
                AppError::msg(code, format!("Directory entry {entry_id} is not in this organization's directory."))
            })?;
            push(MemberKey::Entry(entry.id), entry.person_id, Role::Member, &mut keys);
        }
        if keys.len() > limits::GROUP_MEMBERS_MAX {
            return Err(too_many_members());
        }

        let id = tx
            .insert_conversation(NewConversation {
                kind: ConversationKind::Group,
                owner: Some(org),
                title: Some(&group.title),
                created_via: CreatedVia::Portal,
                created_by: viewer.person,
                group_policies: new_facts.group_policies,
                chat_key: None,
                at: now_ms(),
            })
            .await?;
        for (key, role) in keys {
            insert_member(tx.as_mut(), id, key, role, 0).await?;
        }
        let by = viewer_name(tx.as_mut(), viewer).await?;
        let (_, facts) = conversation_facts(tx.as_mut(), id).await?;
        insert_message(tx.as_mut(), &facts, id, NewMessage::system(SystemNote::Created { by })).await?;
        insert_message(
            tx.as_mut(),
            &facts,
            id,
            NewMessage::system(SystemNote::OwnedBy { org_name: info.name.clone() }),
        )
        .await?;
        let everyone = member_persons(tx.as_mut(), id).await?;
        append(tx.as_mut(), &everyone, &Event::ConversationAdded { conversation_id: id }).await?;
        audit(
            tx.as_mut(),
            org,
            Some(viewer.person),
            "org_group_created",
            &group.title,
            json!({"conversation_id": id, "members": everyone.len()}),
        )
        .await?;
        let created = view::org_groups(tx.as_mut(), info, Some(id)).await?;
        self.commit(tx).await?;
        created.into_iter().next().ok_or_else(|| AppError::Internal(anyhow::anyhow!("org group {id} vanished")))
    }
}
