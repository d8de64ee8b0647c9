//! Organization cache keys (rule 13): who receives which, and creating a key
//! the first time an organization needs one.

use std::collections::{BTreeMap, HashSet};

use rand::RngCore;
use samtal_core::api::CacheKey;
use samtal_core::rules::{self, ConversationFacts, MembershipFacts, OrgFacts, Viewer};
use samtal_core::{ConversationId, Millis, OrgId};

use super::Domain;
use super::support::org_facts;
use crate::error::{AppError, AppResult};
use crate::store::Tx;
use crate::time::now_ms;

/// Milliseconds in an hour, for `offline_cache_hours`.
const MS_PER_HOUR: Millis = 3_600_000;

/// A new key: 32 random bytes as 64 lowercase hex digits.
fn new_key() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The viewer's memberships in conversations owned by an organization, one
/// per conversation, with the facts of every owner they belong to.
///
/// A person with both a row of their own and a row of their directory entry
/// in a conversation is seen through the entry, as in the conversation list.
async fn org_memberships(
    tx: &mut dyn Tx,
    viewer: &Viewer,
) -> AppResult<(Vec<(ConversationFacts, MembershipFacts)>, BTreeMap<OrgId, OrgFacts>)> {
    let mut seen: HashSet<ConversationId> = HashSet::new();
    let owned: Vec<_> = tx
        .memberships(viewer.person)
        .await?
        .into_iter()
        .filter(|m| m.conversation.owner_org.is_some() && seen.insert(m.conversation.id))
        .collect();
    let ids: Vec<OrgId> =
        owned.iter().filter_map(|m| m.conversation.owner_org).collect::<HashSet<_>>().into_iter().collect();
    let orgs: BTreeMap<OrgId, OrgFacts> = tx
        .orgs(&ids)
        .await?
        .into_iter()
        .map(|o| (o.id, OrgFacts { id: o.id, enabled: o.enabled, tenant: o.policies }))
        .collect();
    let memberships = owned
        .iter()
        .filter_map(|m| {
            let owner = orgs.get(&m.conversation.owner_org?)?;
            let conversation = ConversationFacts {
                kind: m.conversation.kind,
                owner: Some(*owner),
                group_policies: m.conversation.group_policies,
            };
            Some((conversation, m.member.facts()))
        })
        .collect();
    Ok((memberships, orgs))
}

impl Domain {
    /// The key of every organization the viewer receives one of now
    /// (`samtal_core::rules::receives_cache_key`), by organization id. An
    /// organization's key is created the first time someone receives it and
    /// stays the same from then on.
    pub async fn cache_keys(&self, viewer: &Viewer) -> AppResult<Vec<CacheKey>> {
        // Read the facts in one snapshot, so the verdict rests on one state.
        let mut read = self.read().await?;
        let (memberships, mut orgs) = org_memberships(read.as_mut(), viewer).await?;
        if let Some(work_org) = viewer.work_org
            && !orgs.contains_key(&work_org)
            && let Some(facts) = org_facts(read.as_mut(), work_org).await?
        {
            orgs.insert(work_org, facts);
        }
        let receiving: Vec<OrgFacts> =
            orgs.into_values().filter(|org| rules::receives_cache_key(viewer, org, &memberships)).collect();
        if receiving.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<OrgId> = receiving.iter().map(|org| org.id).collect();
        let mut keys = read.cache_keys(&ids).await?;
        drop(read);

        let missing: Vec<OrgId> = ids.iter().copied().filter(|id| !keys.contains_key(id)).collect();
        if !missing.is_empty() {
            // Two first requests at once store one key: the second insert
            // does nothing and both answer the stored one.
            let mut tx = self.write().await?;
            let now = now_ms();
            for org in &missing {
                tx.insert_cache_key(*org, &new_key(), now).await?;
            }
            keys.extend(tx.cache_keys(&missing).await?);
            self.commit(tx).await?;
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
