//! Admin → Sign-in (`/api/admin/orgs/{org_id}/sign-in…`, `…/scim-tokens…`):
//! the organization's OpenID Connect provider and its SCIM tokens.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use samtal_core::identity::{CreatedScimToken, NewScimToken, OidcSettings, SetOidc, SignInSettings};
use samtal_core::{ErrorBody, ErrorCode, OrgId, ScimTokenId, rules, validate};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::{self, CurrentUser};
use crate::domain::SignInFacts;
use crate::error::{ApiJson, ApiPath, AppError, AppResult};
use crate::oidc::OidcError;
use crate::state::AppState;

/// The longest issuer URL or client id taken.
const FIELD_MAX: usize = 500;

/// The sign-in routes of the admin portal.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_sign_in))
        .routes(routes!(put_oidc, delete_oidc))
        .routes(routes!(create_scim_token))
        .routes(routes!(revoke_scim_token))
}

/// The answer of every route here: the settings as stored now.
fn settings(state: &AppState, facts: SignInFacts) -> SignInSettings {
    let public = state.config.public_url.trim_end_matches('/');
    SignInSettings {
        org_id: facts.org.id,
        oidc: facts.oidc.map(|row| OidcSettings {
            issuer: row.issuer,
            client_id: row.client_id,
            has_client_secret: row.sealed_secret.is_some(),
            claim: row.claim,
            updated_at: row.updated_at,
        }),
        redirect_uri: state.oidc.redirect_uri().to_owned(),
        scim_base_url: format!("{public}/scim/v2"),
        scim_tokens: facts.scim_tokens,
        password_signin: facts.org.policies.password_signin,
    }
}

/// The organization's sign-in settings, if the viewer administers it.
async fn admin_facts(state: &AppState, user: &CurrentUser, org: OrgId) -> AppResult<SignInFacts> {
    let facts = state.domain.sign_in_facts(org).await?;
    rules::check_org_admin(&user.viewer, org)?;
    Ok(facts)
}

/// How the organization's people sign in to their work accounts, and its SCIM tokens.
#[utoipa::path(get, path = "/admin/orgs/{org_id}/sign-in", tag = "admin",
    params(("org_id" = OrgId, Path, description = "The organization")),
    responses((status = 200, body = SignInSettings), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_sign_in(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(org_id): ApiPath<OrgId>,
) -> AppResult<Json<SignInSettings>> {
    Ok(Json(settings(&state, admin_facts(&state, &user, org_id).await?)))
}

/// Sets the organization's OpenID Connect provider. The provider's
/// discovery document is read first, so a wrong issuer is refused at once.
/// The client secret is stored sealed and never answered.
#[utoipa::path(put, path = "/admin/orgs/{org_id}/sign-in/oidc", tag = "admin", request_body = SetOidc,
    params(("org_id" = OrgId, Path, description = "The organization")),
    responses((status = 200, body = SignInSettings), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn put_oidc(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(org_id): ApiPath<OrgId>,
    ApiJson(body): ApiJson<SetOidc>,
) -> AppResult<Json<SignInSettings>> {
    admin_facts(&state, &user, org_id).await?;
    let issuer = bounded(&body.issuer, "issuer URL")?.trim_end_matches('/').to_owned();
    let client_id = bounded(&body.client_id, "client id")?;
    let secret = match body.client_secret.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => Some(state.oidc.seal(bounded(s, "client secret")?.as_str())),
        _ => None,
    };
    state.oidc.check_issuer(&issuer).await.map_err(|e| match e {
        OidcError::BadIssuer(m) | OidcError::Provider { reason: m, .. } => {
            AppError::msg(ErrorCode::InvalidInput, format!("The issuer {issuer} can't be used: {m}"))
        }
        other => AppError::msg(ErrorCode::InvalidInput, other.to_string()),
    })?;
    state.domain.set_oidc(org_id, user.person.id, &issuer, &client_id, secret, body.claim).await?;
    Ok(Json(settings(&state, state.domain.sign_in_facts(org_id).await?)))
}

/// A required field of at most [`FIELD_MAX`] characters, trimmed.
fn bounded(raw: &str, what: &str) -> AppResult<String> {
    let value = raw.trim();
    if value.is_empty() || value.chars().count() > FIELD_MAX {
        return Err(AppError::msg(ErrorCode::InvalidInput, format!("The {what} is 1 to {FIELD_MAX} characters.")));
    }
    Ok(value.to_owned())
}

/// Removes the organization's provider (refused while password sign-in is off).
#[utoipa::path(delete, path = "/admin/orgs/{org_id}/sign-in/oidc", tag = "admin",
    params(("org_id" = OrgId, Path, description = "The organization")),
    responses((status = 200, body = SignInSettings), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn delete_oidc(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(org_id): ApiPath<OrgId>,
) -> AppResult<Json<SignInSettings>> {
    admin_facts(&state, &user, org_id).await?;
    state.domain.remove_oidc(org_id, user.person.id).await?;
    Ok(Json(settings(&state, state.domain.sign_in_facts(org_id).await?)))
}

/// Creates a SCIM bearer token. Its secret is in this answer only; the
/// server keeps its hash.
#[utoipa::path(post, path = "/admin/orgs/{org_id}/scim-tokens", tag = "admin", request_body = NewScimToken,
    params(("org_id" = OrgId, Path, description = "The organization")),
    responses((status = 201, body = CreatedScimToken), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn create_scim_token(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(org_id): ApiPath<OrgId>,
    ApiJson(body): ApiJson<NewScimToken>,
) -> AppResult<(StatusCode, Json<CreatedScimToken>)> {
    admin_facts(&state, &user, org_id).await?;
    let name = validate::name(&body.name, "token name")?;
    let secret = format!("scim_{}", auth::random_token());
    let token = state.domain.create_scim_token(org_id, user.person.id, &name, &auth::token_hash(&secret)).await?;
    Ok((StatusCode::CREATED, Json(CreatedScimToken { token, secret })))
}

/// Revokes a SCIM token: the provider's next request with it is refused.
#[utoipa::path(delete, path = "/admin/orgs/{org_id}/scim-tokens/{token_id}", tag = "admin",
    params(("org_id" = OrgId, Path, description = "The organization"), ("token_id" = ScimTokenId, Path, description = "The token")),
    responses((status = 200, body = SignInSettings), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn revoke_scim_token(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((org_id, token_id)): ApiPath<(OrgId, ScimTokenId)>,
) -> AppResult<Json<SignInSettings>> {
    admin_facts(&state, &user, org_id).await?;
    state.domain.revoke_scim_token(org_id, user.person.id, token_id).await?;
    Ok(Json(settings(&state, state.domain.sign_in_facts(org_id).await?)))
}
