//! The keys to the signed-in person's encrypted organization caches (rule 13):
//! `GET /api/me/cache-keys`.

use axum::Json;
use axum::extract::State;
use samtal_core::ErrorBody;
use samtal_core::api::CacheKeys;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::state::AppState;

/// `/api/me/cache-keys`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(cache_keys))
}

/// The keys to the viewer's organization caches (rule 13).
///
/// One per organization the viewer takes part in now: they are signed in to
/// its work account, or may open at least one conversation it owns, and it
/// is enabled. An organization missing from the answer has revoked the
/// device's key: the client deletes that organization's cache.
/// `offline_limit_ms` is how long a device may keep the cache without
/// asking again (the tenant policy `offline_cache_hours`).
#[utoipa::path(get, path = "/me/cache-keys", tag = "me",
    responses((status = 200, body = CacheKeys), (status = 401, body = ErrorBody)))]
async fn cache_keys(State(state): State<AppState>, user: CurrentUser) -> AppResult<Json<CacheKeys>> {
    let keys = state.domain.cache_keys(&user.viewer).await?;
    Ok(Json(CacheKeys { keys }))
}
