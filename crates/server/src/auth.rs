//! Passwords, sessions and the signed-in person.
//!
//! Passwords are hashed with argon2id. A session is a random 256-bit token in
//! an HttpOnly, SameSite=Lax cookie; the database keeps only its SHA-256, so
//! a copy of the database can't be replayed as sessions. Cross-site request
//! forgery is refused by [`require_csrf_header`]: a cross-site form can't set
//! a custom header, and a cross-site `fetch` that sets one needs a CORS
//! preflight this server never grants.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use rand::RngCore;
use samtal_core::api::Person;
use samtal_core::rules::Viewer;
use samtal_core::{ApiError, ErrorCode};
use sha2::{Digest, Sha256};

use crate::error::{AppError, error_response};
use crate::state::AppState;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "samtal_session";
/// The header every state-changing request carries.
pub const CSRF_HEADER: &str = "x-samtal-request";
/// How long a session lasts.
pub const SESSION_DAYS: i64 = 30;

/// Hashes a password with argon2id and a random salt, as a PHC string.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let hash =
        Argon2::default().hash_password(password.as_bytes()).map_err(|e| anyhow::anyhow!("hashing a password: {e}"))?;
    Ok(hash.to_string())
}

/// Whether `password` matches a PHC string made by [`hash_password`].
pub fn verify_password(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(hash) => Argon2::default().verify_password(password.as_bytes(), &hash).is_ok(),
        Err(_) => false,
    }
}

pub use crate::time::random_token;

/// A readable random password for provisioned work accounts.
pub fn random_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..16).map(|_| ALPHABET[(rng.next_u32() as usize) % ALPHABET.len()] as char).collect()
}

/// What the database keeps of a session token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The cookie that carries a new session.
pub fn session_cookie(token: String, secure: bool) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, token))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(time_days(SESSION_DAYS))
        .build()
}

/// The cookie that ends a session in the browser.
pub fn clear_session_cookie() -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, "")).path("/").http_only(true).same_site(SameSite::Lax).build()
}

fn time_days(days: i64) -> ::time::Duration {
    ::time::Duration::days(days)
}

/// The signed-in person, with the facts the rules need about them.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    /// Who.
    pub person: Person,
    /// Their work account and admin roles, as the rules see them.
    pub viewer: Viewer,
    /// The session's token hash (to end this session).
    pub token_hash: String,
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        let token = jar.get(SESSION_COOKIE).map(|c| c.value().to_owned()).unwrap_or_default();
        if token.is_empty() {
            return Err(AppError::code(ErrorCode::Unauthenticated));
        }
        let hash = token_hash(&token);
        let (person, viewer) =
            state.domain.signed_in(&hash).await?.ok_or(AppError::code(ErrorCode::Unauthenticated))?;
        Ok(CurrentUser { person, viewer, token_hash: hash })
    }
}

/// Middleware: refuses state-changing requests without `X-Samtal-Request: 1` (403 `csrf`).
pub async fn require_csrf_header(State(_state): State<AppState>, request: Request, next: Next) -> Response {
    let changes_state = matches!(*request.method(), Method::POST | Method::PUT | Method::PATCH | Method::DELETE);
    let has_header = request.headers().get(CSRF_HEADER) == Some(&HeaderValue::from_static("1"));
    if changes_state && !has_header {
        return error_response(ApiError::with_message(
            ErrorCode::Csrf,
            "State-changing requests must carry the header X-Samtal-Request: 1.",
        ));
    }
    let mut response = next.run(request).await;
    // API answers are personal: never cache them in shared caches.
    response.headers_mut().entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
    response.into_response()
}
