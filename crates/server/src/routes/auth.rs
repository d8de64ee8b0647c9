//! Sign-up, sign-in and sign-out (`/api/auth/*`), and the signed-in person's
//! own account (`/api/me*`): settings and the linked work account.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum_extra::extract::CookieJar;
use samtal_core::api::limits::PASSWORD_MAX;
use samtal_core::api::{
    Done, EmailSettings, LanguageChoice, LoginRequest, Me, Person, SignupRequest, WorkAccountLogin,
};
use samtal_core::{ErrorBody, ErrorCode, validate};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::{self, CurrentUser};
use crate::domain::SignInKeys;
use crate::error::{ApiJson, AppError, AppResult};
use crate::request_origin::Origin;
use crate::state::AppState;
use crate::time::now_ms;

/// `/api/auth/*` and `/api/me*`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(signup))
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(get_me))
        .routes(routes!(put_email_settings))
        .routes(routes!(put_language))
        .routes(routes!(sign_in_to_work_account, sign_out_of_work_account))
}

/// Starts a session for `person` and returns the cookie jar carrying it:
/// `Secure` whenever the browser came over HTTPS.
async fn start_session(state: &AppState, jar: CookieJar, person: &Person, origin: &Origin) -> AppResult<CookieJar> {
    let token = auth::random_token();
    let expires_at = now_ms() + auth::SESSION_DAYS * 24 * 3600 * 1000;
    state.domain.create_session(person.id, &auth::token_hash(&token), expires_at, &origin.device).await?;
    let secure = state.config.secure_cookies || origin.https;
    Ok(jar.add(auth::session_cookie(token, secure)))
}

/// Create a person and sign them in.
#[utoipa::path(post, path = "/auth/signup", tag = "auth", request_body = SignupRequest,
    responses((status = 201, body = Person), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn signup(
    State(state): State<AppState>,
    origin: Origin,
    jar: CookieJar,
    ApiJson(req): ApiJson<SignupRequest>,
) -> AppResult<impl IntoResponse> {
    let handle = validate::handle(&req.handle)?;
    let display_name = validate::name(&req.display_name, "display name")?;
    validate::password(&req.password)?;
    let hash = auth::hash_password(&req.password)?;
    let person = state.domain.create_person(&handle, &display_name, &hash).await?;
    let jar = start_session(&state, jar, &person, &origin).await?;
    Ok((StatusCode::CREATED, jar, Json(person)))
}

/// Sign in with handle and password. Failed attempts are limited per
/// handle and per address (429 with `Retry-After`).
#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = Person), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)))]
async fn login(
    State(state): State<AppState>,
    origin: Origin,
    jar: CookieJar,
    ApiJson(req): ApiJson<LoginRequest>,
) -> AppResult<impl IntoResponse> {
    let handle = req.handle.trim().to_ascii_lowercase();
    let keys = SignInKeys::handle(&handle, origin.address);
    state.domain.sign_in_allowed(&keys).await?;
    let found = state.domain.person_by_handle(&handle).await?;
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
            let jar = start_session(&state, jar, &person, &origin).await?;
            Ok((jar, Json(person)))
        }
        _ => {
            state.domain.sign_in_failed(&keys).await?;
            Err(AppError::code(ErrorCode::InvalidCredentials))
        }
    }
}

/// An argon2id hash of a random password, for constant-time refusals.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c2FtdGFsZHVtbXlzYWx0$2qUPV1L0aFhJ3QXgGQ5q0s0dB7f2yQ2m8xq3pQbXK2Y";

/// End this session.
#[utoipa::path(post, path = "/auth/logout", tag = "auth", responses((status = 200, body = Done)))]
async fn logout(State(state): State<AppState>, user: CurrentUser, jar: CookieJar) -> AppResult<impl IntoResponse> {
    state.domain.delete_session(user.person.id, &user.token_hash).await?;
    Ok((jar.remove(auth::clear_session_cookie()), Json(Done { ok: true })))
}

/// The longest missed-message delay a person may pick: a day.
const EMAIL_DELAY_MAX_MINUTES: u32 = 24 * 60;

/// `GET /api/me` for `person`, as stored now.
pub(crate) async fn me(state: &AppState, person: Person) -> AppResult<Me> {
    let facts = state.domain.account(person.id).await?;
    let operator = state.config.is_operator(&person.handle);
    Ok(Me {
        person,
        work_account: facts.work_account,
        admin_orgs: facts.admin_orgs,
        operator,
        email_settings: EmailSettings {
            enabled: facts.email_enabled,
            delay_minutes: facts.email_delay_minutes.unwrap_or_else(|| default_delay_minutes(state)),
        },
        language: facts.language,
        installation: facts.installation,
    })
}

/// The server's default delay (`SAMTAL_MAIL_DELAY`) in whole minutes, within
/// the range a person may pick.
fn default_delay_minutes(state: &AppState) -> u32 {
    let minutes = state.config.mail_delay.as_secs().div_ceil(60);
    u32::try_from(minutes).unwrap_or(EMAIL_DELAY_MAX_MINUTES).clamp(1, EMAIL_DELAY_MAX_MINUTES)
}

/// The signed-in person, their work account, admin roles and settings.
#[utoipa::path(get, path = "/me", tag = "me",
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)))]
async fn get_me(State(state): State<AppState>, user: CurrentUser) -> AppResult<Json<Me>> {
    Ok(Json(me(&state, user.person).await?))
}

/// Set the missed-message e-mail setting (rule 12).
#[utoipa::path(put, path = "/me/email-settings", tag = "me", request_body = EmailSettings,
    responses((status = 200, body = EmailSettings), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
async fn put_email_settings(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(settings): ApiJson<EmailSettings>,
) -> AppResult<Json<EmailSettings>> {
    if !(1..=EMAIL_DELAY_MAX_MINUTES).contains(&settings.delay_minutes) {
        return Err(AppError::msg(
            ErrorCode::InvalidInput,
            format!("The delay is 1 to {EMAIL_DELAY_MAX_MINUTES} minutes."),
        ));
    }
    state.domain.set_email_settings(user.person.id, settings).await?;
    Ok(Json(settings))
}

/// Set the language chosen in Me (null: each browser's own). Digests are
/// written in it, and a device that has not chosen one itself follows it.
#[utoipa::path(put, path = "/me/language", tag = "me", request_body = LanguageChoice,
    responses((status = 200, body = LanguageChoice), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
async fn put_language(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(choice): ApiJson<LanguageChoice>,
) -> AppResult<Json<LanguageChoice>> {
    state.domain.set_language(user.person.id, choice.language).await?;
    Ok(Json(choice))
}

/// Sign in to the work account of a directory entry (one at a time).
/// Failed attempts are limited per work e-mail and per address.
#[utoipa::path(post, path = "/me/work-account", tag = "me", request_body = WorkAccountLogin,
    responses((status = 200, body = Me), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 429, body = ErrorBody)))]
async fn sign_in_to_work_account(
    State(state): State<AppState>,
    origin: Origin,
    user: CurrentUser,
    ApiJson(req): ApiJson<WorkAccountLogin>,
) -> AppResult<Json<Me>> {
    let email = req.email.trim().to_ascii_lowercase();
    let keys = SignInKeys::work_email(&email, origin.address);
    state.domain.sign_in_allowed(&keys).await?;
    // No stored password is longer, and argon2's input stays bounded. An
    // empty password matches nothing: every stored one has 8 characters or more.
    let password = if req.password.chars().count() <= PASSWORD_MAX { req.password.as_str() } else { "" };
    let candidates = state.domain.work_account_candidates(&email).await?;
    if candidates.is_empty() {
        // Take as long as a wrong password, so timing does not tell which
        // work e-mails exist.
        let _ = auth::verify_password(password, DUMMY_HASH);
    }
    // The same e-mail may be in several directories; the password picks one.
    let found = candidates.into_iter().find(|c| auth::verify_password(password, &c.password_hash));
    let Some(candidate) = found else {
        state.domain.sign_in_failed(&keys).await?;
        return Err(AppError::msg(ErrorCode::InvalidCredentials, "The work e-mail or password is wrong."));
    };
    if !candidate.org_enabled {
        return Err(AppError::code(ErrorCode::OrgDisabled));
    }
    state.domain.password_sign_in_allowed(candidate.org).await?;
    state.domain.link_work_account(user.person.id, candidate.entry).await?;
    Ok(Json(me(&state, user.person).await?))
}

/// Sign out of the work account: the person leaves its organization (rule 10).
#[utoipa::path(delete, path = "/me/work-account", tag = "me",
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)))]
async fn sign_out_of_work_account(State(state): State<AppState>, user: CurrentUser) -> AppResult<Json<Me>> {
    // Signing out when not signed in changes nothing: a repeated request
    // (an offline retry) gets the same answer.
    state.domain.unlink_work_account(user.person.id).await?;
    Ok(Json(me(&state, user.person).await?))
}

#[cfg(test)]
mod tests {
    use argon2::password_hash::phc::PasswordHash;

    use super::*;

    #[test]
    fn the_dummy_hash_is_a_real_hash() {
        // Otherwise verifying against it would return at once, and refusals
        // of unknown handles and e-mails would be faster than wrong passwords.
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
        assert!(!auth::verify_password("password123", DUMMY_HASH));
    }
}
