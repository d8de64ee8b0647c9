//! Organization cache keys (rule 13): who receives which, and creating a key
//! the first time an organization needs one.

use std::collections::{BTreeMap, HashSet};

use async_trait::async_trait;
use rand::RngCore;
use samtal_core::api::CacheKey;
use samtal_core::rules::{self, ConversationFacts, MembershipFacts, OrgFacts, Viewer};
use samtal_core::{ConversationId, Millis, OrgId, TenantPolicies};
use sqlx::{Row, SqliteConnection};

use super::SqliteStore;
use super::context::{self, CONVERSATION_COLUMNS, conversation_from_row, parse_role};
use crate::error::AppError;
use crate::store::{CacheKeyStore, StoreResult};
use crate::time::now_ms;

/// Milliseconds in an hour, for `offline_cache_hours`.
const MS_PER_HOUR: Millis = 3_600_000;

/// A new key: 32 random bytes as 64 lowercase hex digits.
fn new_key() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// A JSON array of ids, for `json_each(?)`.
fn id_list(ids: &[OrgId]) -> StoreResult<String> {
    Ok(serde_json::to_string(&ids.iter().map(|o| o.0).collect::<Vec<_>>())?)
}

/// The viewer's memberships in conversations owned by an organization, one
/// per conversation, with the facts of every owner they belong to.
///
/// A person with both a row of their own and a row of their directory entry
/// in a conversation is seen through the entry, as in the conversation list.
async fn org_memberships(
    conn: &mut SqliteConnection,
    viewer: &Viewer,
) -> StoreResult<(Vec<(ConversationFacts, MembershipFacts)>, BTreeMap<OrgId, OrgFacts>)> {
    let sql = format!(
        "SELECT {CONVERSATION_COLUMNS}, m.directory_entry_id AS m_entry, m.role AS m_role,
                o.enabled AS o_enabled, o.tenant_policies AS o_tenant
         FROM conversation_members m
         JOIN conversations c ON c.id = m.conversation_id
         JOIN orgs o ON o.id = c.owner_org_id
         WHERE m.person_id = ? OR m.directory_entry_id IN (SELECT id FROM directory_entries WHERE person_id = ?)
         ORDER BY c.id, m.directory_entry_id IS NULL"
    );
    let rows =
        sqlx::query(sqlx::AssertSqlSafe(sql)).bind(viewer.person.0).bind(viewer.person.0).fetch_all(&mut *conn).await?;
    let mut seen: HashSet<ConversationId> = HashSet::new();
    let mut orgs: BTreeMap<OrgId, OrgFacts> = BTreeMap::new();
    let mut memberships = Vec::with_capacity(rows.len());
    for row in &rows {
        let conversation = conversation_from_row(row)?;
        let Some(owner) = conversation.owner_org else { continue };
        if !seen.insert(conversation.id) {
            continue;
        }
        let facts = match orgs.get(&owner) {
            Some(facts) => *facts,
            None => {
                let tenant: TenantPolicies = serde_json::from_str(&row.try_get::<String, _>("o_tenant")?)?;
                let facts = OrgFacts { id: owner, enabled: row.try_get::<i64, _>("o_enabled")? != 0, tenant };
                orgs.insert(owner, facts);
                facts
            }
        };
        let membership = MembershipFacts {
            role: parse_role(&row.try_get::<String, _>("m_role")?),
            via_owner_directory: row.try_get::<Option<i64>, _>("m_entry")?.is_some(),
        };
        let conversation = ConversationFacts {
            kind: conversation.kind,
            owner: Some(facts),
            group_policies: conversation.group_policies,
        };
        memberships.push((conversation, membership));
    }
    Ok((memberships, orgs))
}

/// The stored keys of `orgs`, by organization.
async fn stored_keys(conn: &mut SqliteConnection, orgs: &[OrgId]) -> StoreResult<BTreeMap<OrgId, String>> {
    let rows =
        sqlx::query("SELECT org_id, cache_key FROM org_cache_keys WHERE org_id IN (SELECT value FROM json_each(?))")
            .bind(id_list(orgs)?)
            .fetch_all(&mut *conn)
            .await?;
    rows.iter().map(|row| Ok((OrgId(row.try_get("org_id")?), row.try_get::<String, _>("cache_key")?))).collect()
}

#[async_trait]
impl CacheKeyStore for SqliteStore {
    async fn cache_keys(&self, viewer: &Viewer) -> StoreResult<Vec<CacheKey>> {
        // Read the facts in one snapshot, so the verdict rests on one state.
        let mut read = self.pool().begin().await?;
        let (memberships, mut orgs) = org_memberships(&mut read, viewer).await?;
        if let Some(work_org) = viewer.work_org
            && !orgs.contains_key(&work_org)
            && let Some(facts) = context::org_facts(&mut read, work_org).await?
        {
            orgs.insert(work_org, facts);
        }
        let receiving: Vec<OrgFacts> =
            orgs.into_values().filter(|org| rules::receives_cache_key(viewer, org, &memberships)).collect();
        if receiving.is_empty() {
            read.commit().await?;
            return Ok(Vec::new());
        }
        let ids: Vec<OrgId> = receiving.iter().map(|org| org.id).collect();
        let mut keys = stored_keys(&mut read, &ids).await?;
        read.commit().await?;

        let missing: Vec<OrgId> = ids.iter().copied().filter(|id| !keys.contains_key(id)).collect();
        if !missing.is_empty() {
            // Two first requests at once store one key: the second insert
            // does nothing and both answer the stored one.
            let mut tx = self.begin().await?;
            let now = now_ms();
            for org in &missing {
                sqlx::query(
                    "INSERT INTO org_cache_keys (org_id, cache_key, created_at) VALUES (?, ?, ?)
                     ON CONFLICT (org_id) DO NOTHING",
                )
                .bind(org.0)
                .bind(new_key())
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            keys.extend(stored_keys(&mut tx, &missing).await?);
            // Nothing for the event streams to hear: commit without waking them.
            tx.commit().await?;
        }

        receiving
            .into_iter()
            .map(|org| {
                let key = keys
                    .remove(&org.id)
                    .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no cache key stored for org {}", org.id.0)))?;
                Ok(CacheKey {
                    org_id: org.id,
                    key,
                    offline_limit_ms: Millis::from(org.tenant.offline_cache_hours) * MS_PER_HOUR,
                })
            })
            .collect()
    }
}
