//! The signed-in person's sessions (`/api/me/sessions*`) and password
//! (`/api/me/password`).

use axum::Json;
use axum::extract::State;
use samtal_core::api::{Done, EndedSessions, PasswordChange, SessionInfo};
use samtal_core::{ErrorBody, ErrorCode, validate};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::{self, CurrentUser};
use crate::domain::SignInKeys;
use crate::error::{ApiJson, ApiPath, AppError, AppResult};
use crate::request_origin::Origin;
use crate::state::AppState;

/// `/api/me/sessions*` and `/api/me/password`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_sessions))
        .routes(routes!(end_session))
        .routes(routes!(end_other_sessions))
        .routes(routes!(change_password))
}

/// The person's sessions: each browser signed in as them, the most recently used first.
#[utoipa::path(get, path = "/me/sessions", tag = "me",
    responses((status = 200, body = Vec<SessionInfo>), (status = 401, body = ErrorBody)))]
async fn list_sessions(State(state): State<AppState>, user: CurrentUser) -> AppResult<Json<Vec<SessionInfo>>> {
    Ok(Json(state.domain.sessions(user.person.id, &user.token_hash).await?))
}

/// End one of the person's sessions; its open sockets close at once.
#[utoipa::path(delete, path = "/me/sessions/{id}", tag = "me",
    params(("id" = String, Path, description = "The session, as the list names it")),
    responses((status = 200, body = Done), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn end_session(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<String>,
) -> AppResult<Json<Done>> {
    state.domain.end_session(user.person.id, &id).await?;
    Ok(Json(Done { ok: true }))
}

/// End every session of the person but this one.
#[utoipa::path(post, path = "/me/sessions/end-others", tag = "me",
    responses((status = 200, body = EndedSessions), (status = 401, body = ErrorBody)))]
async fn end_other_sessions(State(state): State<AppState>, user: CurrentUser) -> AppResult<Json<EndedSessions>> {
    let ended = state.domain.end_other_sessions(user.person.id, &user.token_hash).await?;
    Ok(Json(EndedSessions { ended }))
}

/// Change the password; every other session of the person ends. A wrong
/// current password counts as a failed sign-in.
#[utoipa::path(put, path = "/me/password", tag = "me", request_body = PasswordChange,
    responses((status = 200, body = EndedSessions), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 429, body = ErrorBody)))]
async fn change_password(
    State(state): State<AppState>,
    origin: Origin,
    user: CurrentUser,
    ApiJson(change): ApiJson<PasswordChange>,
) -> AppResult<Json<EndedSessions>> {
    let keys = SignInKeys::handle(&user.person.handle, origin.address);
    state.domain.sign_in_allowed(&keys).await?;
    let stored = state.domain.person_by_handle(&user.person.handle).await?;
    let current_ok = stored.is_some_and(|(_, hash)| auth::verify_password(&change.current_password, &hash));
    if !current_ok {
        state.domain.sign_in_failed(&keys).await?;
        return Err(AppError::msg(ErrorCode::InvalidCredentials, "The current password is wrong."));
    }
    validate::password(&change.new_password)?;
    let hash = auth::hash_password(&change.new_password)?;
    let ended = state.domain.change_password(user.person.id, &user.token_hash, &hash).await?;
    Ok(Json(EndedSessions { ended }))
}
