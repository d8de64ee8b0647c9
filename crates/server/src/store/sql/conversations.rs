//! [`ConversationRows`] on either backend.

use async_trait::async_trait;
use samtal_core::api::Role;
use samtal_core::{ConversationId, DirectoryEntryId, GroupPolicies, Millis, OrgId, PersonId};

use super::{SqlTx, dialect};
use crate::store::StoreResult;
use crate::store::conversations::{ConversationRows, EntryGroupMembership, OrgParticipant};
use crate::store::decode::{self, CONVERSATION_COLUMNS, Columns, MEMBER_COLUMNS};
use crate::store::rows::{
    ConversationRow, MemberKey, MemberRow, Membership, NamedMember, NewConversation, ShadowedMembership,
};

#[async_trait]
impl ConversationRows for SqlTx {
    async fn conversation(&mut self, id: ConversationId) -> StoreResult<Option<ConversationRow>> {
        let sql = format!("SELECT {CONVERSATION_COLUMNS} FROM conversations c WHERE c.id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.0).fetch_optional(self.conn()).await?;
        row.as_ref().map(decode::conversation).transpose()
    }

    async fn chat_by_key(&mut self, key: &str) -> StoreResult<Option<ConversationId>> {
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM conversations WHERE chat_key = $1")
            .bind(key)
            .fetch_optional(self.conn())
            .await?;
        Ok(id.map(ConversationId))
    }

    async fn insert_conversation(&mut self, new: NewConversation<'_>) -> StoreResult<ConversationId> {
        let policies = new.group_policies.as_ref().map(serde_json::to_string).transpose()?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO conversations (kind, owner_org_id, title, created_via, created_by, created_at, group_policies,
                                        last_activity_at, chat_key)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $6, $8) RETURNING id",
        )
        .bind(decode::kind_tag(new.kind))
        .bind(new.owner.map(|o| o.0))
        .bind(new.title)
        .bind(decode::created_via_tag(new.created_via))
        .bind(new.created_by.0)
        .bind(new.at)
        .bind(policies)
        .bind(new.chat_key)
        .fetch_one(self.conn())
        .await?;
        Ok(ConversationId(id))
    }

    async fn convert_to_org(
        &mut self,
        id: ConversationId,
        org: OrgId,
        by: PersonId,
        policies: &GroupPolicies,
        at: Millis,
    ) -> StoreResult<()> {
        sqlx::query(
            "UPDATE conversations SET owner_org_id = $1, converted_at = $2, converted_by = $3, group_policies = $4
             WHERE id = $5 AND owner_org_id IS NULL",
        )
        .bind(org.0)
        .bind(at)
        .bind(by.0)
        .bind(serde_json::to_string(policies)?)
        .bind(id.0)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    async fn rekey_members_to_entries(&mut self, id: ConversationId, org: OrgId) -> StoreResult<()> {
        sqlx::query(
            "UPDATE conversation_members
             SET directory_entry_id = (SELECT d.id FROM directory_entries d
                                       WHERE d.person_id = conversation_members.person_id AND d.org_id = $1),
                 person_id = NULL
             WHERE conversation_id = $2
               AND person_id IN (SELECT person_id FROM directory_entries WHERE org_id = $1 AND person_id IS NOT NULL)",
        )
        .bind(org.0)
        .bind(id.0)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    async fn set_group_policies(&mut self, id: ConversationId, policies: &GroupPolicies) -> StoreResult<()> {
        sqlx::query("UPDATE conversations SET group_policies = $1 WHERE id = $2")
            .bind(serde_json::to_string(policies)?)
            .bind(id.0)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    async fn next_seq(&mut self, id: ConversationId, at: Millis) -> StoreResult<i64> {
        Ok(sqlx::query_scalar(
            "UPDATE conversations SET last_seq = last_seq + 1, last_activity_at = $1 WHERE id = $2 RETURNING last_seq",
        )
        .bind(at)
        .bind(id.0)
        .fetch_one(self.conn())
        .await?)
    }

    async fn org_groups(&mut self, org: OrgId, only: Option<ConversationId>) -> StoreResult<Vec<ConversationRow>> {
        let sql = format!(
            "SELECT {CONVERSATION_COLUMNS} FROM conversations c
             WHERE c.owner_org_id = $1 AND c.kind = 'group' AND ($2 IS NULL OR c.id = $2)
             ORDER BY c.last_activity_at DESC, c.id DESC"
        );
        let rows =
            sqlx::query(sqlx::AssertSqlSafe(sql)).bind(org.0).bind(only.map(|c| c.0)).fetch_all(self.conn()).await?;
        decode::all(&rows, decode::conversation)
    }

    async fn membership(&mut self, conversation: ConversationId, person: PersonId) -> StoreResult<Option<MemberRow>> {
        let sql = format!(
            "SELECT {MEMBER_COLUMNS} FROM conversation_members m
             LEFT JOIN directory_entries d ON d.id = m.directory_entry_id
             WHERE m.conversation_id = $1 AND (m.person_id = $2 OR d.person_id = $2)
             ORDER BY m.directory_entry_id IS NULL LIMIT 1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(conversation.0)
            .bind(person.0)
            .fetch_optional(self.conn())
            .await?;
        row.as_ref().map(|r| decode::member(r, "")).transpose()
    }

    async fn members(&mut self, conversation: ConversationId) -> StoreResult<Vec<MemberRow>> {
        let sql = format!(
            "SELECT {MEMBER_COLUMNS} FROM conversation_members m
             LEFT JOIN directory_entries d ON d.id = m.directory_entry_id
             WHERE m.conversation_id = $1 ORDER BY m.id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(conversation.0).fetch_all(self.conn()).await?;
        decode::all(&rows, |r| decode::member(r, ""))
    }

    async fn memberships(&mut self, person: PersonId) -> StoreResult<Vec<Membership>> {
        let sql = format!(
            "SELECT {CONVERSATION_COLUMNS}, m.id AS m_id, m.directory_entry_id AS m_directory_entry_id,
                    m.role AS m_role, m.joined_at AS m_joined_at, m.joined_seq AS m_joined_seq,
                    m.read_seq AS m_read_seq, CAST($1 AS BIGINT) AS m_resolved_person
             FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id
             WHERE m.person_id = $1 OR m.directory_entry_id IN (SELECT id FROM directory_entries WHERE person_id = $1)
             ORDER BY c.last_activity_at DESC, c.id DESC, m.directory_entry_id IS NULL"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(person.0).fetch_all(self.conn()).await?;
        decode::all(&rows, |r| {
            Ok(Membership { conversation: decode::conversation(r)?, member: decode::member(r, "m_")? })
        })
    }

    async fn named_members(&mut self, ids: &[ConversationId]) -> StoreResult<Vec<NamedMember>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT m.conversation_id, m.id, m.directory_entry_id, m.role, m.joined_at,
                    COALESCE(m.person_id, d.person_id) AS resolved_person,
                    p.display_name AS person_name, d.display_name AS entry_name
             FROM conversation_members m
             LEFT JOIN directory_entries d ON d.id = m.directory_entry_id
             LEFT JOIN persons p ON p.id = COALESCE(m.person_id, d.person_id)
             WHERE m.conversation_id {}
             ORDER BY m.conversation_id, m.id",
            dialect::in_ids(1)
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(dialect::id_list(ids.iter().map(|c| c.0))?)
            .fetch_all(self.conn())
            .await?;
        decode::all(&rows, decode::named_member)
    }

    async fn insert_member(
        &mut self,
        conversation: ConversationId,
        key: MemberKey,
        role: Role,
        joined_seq: i64,
        at: Millis,
    ) -> StoreResult<()> {
        let (person, entry) = match key {
            MemberKey::Person(p) => (Some(p.0), None),
            MemberKey::Entry(e) => (None, Some(e.0)),
        };
        sqlx::query(
            "INSERT INTO conversation_members (conversation_id, person_id, directory_entry_id, role, joined_at,
                                               joined_seq, read_seq)
             VALUES ($1, $2, $3, $4, $5, $6, $6)",
        )
        .bind(conversation.0)
        .bind(person)
        .bind(entry)
        .bind(decode::role_tag(role))
        .bind(at)
        .bind(joined_seq)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    async fn is_member(
        &mut self,
        conversation: ConversationId,
        entry: Option<DirectoryEntryId>,
        person: Option<PersonId>,
    ) -> StoreResult<bool> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT m.id FROM conversation_members m LEFT JOIN directory_entries d ON d.id = m.directory_entry_id
             WHERE m.conversation_id = $1 AND (m.directory_entry_id = $2 OR m.person_id = $3 OR d.person_id = $3)
             LIMIT 1",
        )
        .bind(conversation.0)
        .bind(entry.map(|e| e.0))
        .bind(person.map(|p| p.0))
        .fetch_optional(self.conn())
        .await?;
        Ok(found.is_some())
    }

    async fn member_count(&mut self, conversation: ConversationId) -> StoreResult<u64> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM conversation_members WHERE conversation_id = $1")
            .bind(conversation.0)
            .fetch_one(self.conn())
            .await?;
        Ok(n.max(0).unsigned_abs())
    }

    async fn admin_count(&mut self, conversation: ConversationId) -> StoreResult<u64> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM conversation_members WHERE conversation_id = $1 AND role = 'admin'",
        )
        .bind(conversation.0)
        .fetch_one(self.conn())
        .await?;
        Ok(n.max(0).unsigned_abs())
    }

    async fn delete_member(&mut self, member: i64) -> StoreResult<()> {
        sqlx::query("DELETE FROM conversation_members WHERE id = $1").bind(member).execute(self.conn()).await?;
        Ok(())
    }

    async fn set_role(&mut self, member: i64, role: Role) -> StoreResult<()> {
        sqlx::query("UPDATE conversation_members SET role = $1 WHERE id = $2")
            .bind(decode::role_tag(role))
            .bind(member)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    async fn set_member_positions(
        &mut self,
        member: i64,
        joined_at: Millis,
        joined_seq: i64,
        read_seq: i64,
    ) -> StoreResult<()> {
        sqlx::query("UPDATE conversation_members SET joined_at = $1, joined_seq = $2, read_seq = $3 WHERE id = $4")
            .bind(joined_at)
            .bind(joined_seq)
            .bind(read_seq)
            .bind(member)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    async fn advance_read_seq(&mut self, member: i64, seq: i64) -> StoreResult<()> {
        sqlx::query("UPDATE conversation_members SET read_seq = $1 WHERE id = $2 AND read_seq < $1")
            .bind(seq)
            .bind(member)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    async fn shadowed_memberships(
        &mut self,
        person: PersonId,
        entry: DirectoryEntryId,
    ) -> StoreResult<Vec<ShadowedMembership>> {
        let rows = sqlx::query(
            "SELECT e.id AS e_id, e.directory_entry_id AS e_directory_entry_id, e.role AS e_role,
                    e.joined_at AS e_joined_at, e.joined_seq AS e_joined_seq, e.read_seq AS e_read_seq,
                    CAST(NULL AS BIGINT) AS e_resolved_person,
                    p.id, p.directory_entry_id, p.role, p.joined_at, p.joined_seq, p.read_seq,
                    p.person_id AS resolved_person
             FROM conversation_members e
             JOIN conversation_members p ON p.conversation_id = e.conversation_id AND p.person_id = $1
             WHERE e.directory_entry_id = $2
             ORDER BY e.conversation_id",
        )
        .bind(person.0)
        .bind(entry.0)
        .fetch_all(self.conn())
        .await?;
        decode::all(&rows, |r| {
            Ok(ShadowedMembership { entry_row: decode::member(r, "e_")?, person_row: decode::member(r, "")? })
        })
    }

    async fn entry_group_memberships(
        &mut self,
        entry: DirectoryEntryId,
        org: OrgId,
    ) -> StoreResult<Vec<EntryGroupMembership>> {
        let rows = sqlx::query(
            "SELECT m.id, m.conversation_id, m.directory_entry_id, m.role, m.joined_at, m.joined_seq, m.read_seq,
                    CAST(NULL AS BIGINT) AS resolved_person
             FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id
             WHERE m.directory_entry_id = $1 AND c.kind = 'group' AND c.owner_org_id = $2
             ORDER BY m.conversation_id",
        )
        .bind(entry.0)
        .bind(org.0)
        .fetch_all(self.conn())
        .await?;
        decode::all(&rows, |r| {
            Ok(EntryGroupMembership {
                conversation: ConversationId(r.int("conversation_id")?),
                member: decode::member(r, "")?,
            })
        })
    }

    async fn org_participants(&mut self, org: OrgId) -> StoreResult<Vec<OrgParticipant>> {
        let rows = sqlx::query(
            "SELECT m.conversation_id, COALESCE(m.person_id, d.person_id) AS person,
                    m.directory_entry_id IS NOT NULL AS via_entry
             FROM conversation_members m
             JOIN conversations c ON c.id = m.conversation_id
             LEFT JOIN directory_entries d ON d.id = m.directory_entry_id
             WHERE c.owner_org_id = $1 AND COALESCE(m.person_id, d.person_id) IS NOT NULL
             ORDER BY m.conversation_id, m.id",
        )
        .bind(org.0)
        .fetch_all(self.conn())
        .await?;
        decode::all(&rows, |r| {
            Ok(OrgParticipant {
                conversation: ConversationId(r.int("conversation_id")?),
                person: PersonId(r.int("person")?),
                via_entry: r.flag("via_entry")?,
            })
        })
    }
}
