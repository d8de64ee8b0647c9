//! Sign-up, sign-in and sign-out: `/api/auth/*`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum_extra::extract::CookieJar;
use samtal_core::api::{Done, LoginRequest, Person, SignupRequest};
use samtal_core::{ErrorBody, ErrorCode, validate};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::{self, CurrentUser};
use crate::error::{ApiJson, AppError, AppResult};
use crate::state::AppState;
use crate::time::now_ms;

/// `/api/auth/*` and `/api/me*`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(signup)).routes(routes!(login)).routes(routes!(logout))
}

/// Starts a session for `person` and returns the cookie jar carrying it.
async fn start_session(state: &AppState, jar: CookieJar, person: &Person) -> AppResult<CookieJar> {
    let token = auth::random_token();
    let expires_at = now_ms() + auth::SESSION_DAYS * 24 * 3600 * 1000;
    state.store.create_session(person.id, &auth::token_hash(&token), expires_at).await?;
    Ok(jar.add(auth::session_cookie(token, state.config.secure_cookies)))
}

/// Create a person and sign them in.
#[utoipa::path(post, path = "/auth/signup", tag = "auth", request_body = SignupRequest,
    responses((status = 201, body = Person), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn signup(
    State(state): State<AppState>,
    jar: CookieJar,
    ApiJson(req): ApiJson<SignupRequest>,
) -> AppResult<impl IntoResponse> {
    let handle = validate::handle(&req.handle)?;
    let display_name = validate::name(&req.display_name, "display name")?;
    validate::password(&req.password)?;
    let hash = auth::hash_password(&req.password)?;
    let person = state.store.create_person(&handle, &display_name, &hash).await?;
    let jar = start_session(&state, jar, &person).await?;
    Ok((StatusCode::CREATED, jar, Json(person)))
}

/// Sign in with handle and password.
#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = Person), (status = 401, body = ErrorBody)))]
async fn login(
    State(state): State<AppState>,
    jar: CookieJar,
    ApiJson(req): ApiJson<LoginRequest>,
) -> AppResult<impl IntoResponse> {
    let handle = req.handle.trim().to_ascii_lowercase();
    let found = state.store.person_by_handle(&handle).await?;
    // Verify against a dummy hash when the handle is unknown, so timing does
    // not tell which handles exist.
    let (person, ok) = match found {
        Some((person, hash)) => {
            let ok = auth::verify_password(&req.password, &hash);
            (Some(person), ok)
        }
        None => {
            let _ = auth::verify_password(&req.password, DUMMY_HASH);
            (None, false)
        }
    };
    match (person, ok) {
        (Some(person), true) => {
            let jar = start_session(&state, jar, &person).await?;
            Ok((jar, Json(person)))
        }
        _ => Err(AppError::code(ErrorCode::InvalidCredentials)),
    }
}

/// An argon2id hash of a random password, for constant-time refusals.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c2FtdGFsZHVtbXlzYWx0$2qUPV1L0aFhJ3QXgGQ5q0s0dB7f2yQ2m8xq3pQbXK2Y";

/// End this session.
#[utoipa::path(post, path = "/auth/logout", tag = "auth", responses((status = 200, body = Done)))]
async fn logout(State(state): State<AppState>, user: CurrentUser, jar: CookieJar) -> AppResult<impl IntoResponse> {
    state.store.delete_session(&user.token_hash).await?;
    Ok((jar.remove(auth::clear_session_cookie()), Json(Done { ok: true })))
}
