//! The keys to each organization's encrypted browser cache (rule 13).

use async_trait::async_trait;
use samtal_core::api::CacheKey;
use samtal_core::rules::Viewer;

use crate::store::StoreResult;

/// The keys to each organization's encrypted browser cache (rule 13).
#[async_trait]
pub trait CacheKeyStore: Send + Sync {
    /// The key of every organization the viewer receives one of now
    /// (`samtal_core::rules::receives_cache_key`), by organization id. An
    /// organization's key is created the first time someone receives it and
    /// stays the same from then on.
    async fn cache_keys(&self, viewer: &Viewer) -> StoreResult<Vec<CacheKey>>;
}
