//! The keys to organizations' encrypted browser caches (rule 13).

use std::collections::BTreeMap;

use async_trait::async_trait;
use samtal_core::{Millis, OrgId};

use super::StoreResult;

/// Rows of organization cache keys.
#[async_trait]
pub trait CacheKeyRows: Send {
    /// The stored keys of `orgs`.
    async fn cache_keys(&mut self, orgs: &[OrgId]) -> StoreResult<BTreeMap<OrgId, String>>;

    /// Stores a key for `org` unless one is stored already.
    async fn insert_cache_key(&mut self, org: OrgId, key: &str, at: Millis) -> StoreResult<()>;
}
