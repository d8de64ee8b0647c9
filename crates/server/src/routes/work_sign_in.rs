//! Signing in to a work account at the organization's identity provider:
//! `POST /api/me/work-account/oidc` sends the browser there, and the
//! provider sends it back to `GET /api/auth/oidc/callback`, which links
//! the directory entry the verified ID token names and returns to Me.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use samtal_core::identity::{StartWorkSignIn, WorkSignInRedirect, match_value};
use samtal_core::{ErrorBody, ErrorCode, validate};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::{self, CurrentUser};
use crate::error::{ApiJson, ApiQuery, AppError, AppResult};
use crate::oidc::LOGIN_MINUTES;
use crate::state::AppState;
use crate::store::identity::OidcLogin;
use crate::time::now_ms;

/// The two routes of the provider sign-in.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(start)).routes(routes!(callback))
}

/// Starts signing in to the work account of the organization whose domain
/// the e-mail has, at its identity provider: answers where the browser goes.
#[utoipa::path(post, path = "/me/work-account/oidc", tag = "me", request_body = StartWorkSignIn,
    responses((status = 200, body = WorkSignInRedirect), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn start(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(body): ApiJson<StartWorkSignIn>,
) -> AppResult<Json<WorkSignInRedirect>> {
    let email = validate::email(&body.email)?;
    let Some((org, provider)) = state.domain.provider_for_email(&email).await? else {
        return Err(AppError::msg(ErrorCode::NotFound, "No organization on Samtal has this e-mail's domain."));
    };
    let Some(provider) = provider else {
        return Err(AppError::msg(
            ErrorCode::NotFound,
            format!("{} has no single sign-on set up: sign in with your work e-mail and password.", org.name),
        ));
    };
    if !org.enabled {
        return Err(AppError::code(ErrorCode::OrgDisabled));
    }
    let started = state.oidc.start(&provider, &email).await.map_err(|e| {
        tracing::warn!(org = %org.id, error = %e, "could not start a sign-in at an identity provider");
        AppError::msg(
            ErrorCode::Internal,
            format!("{}'s identity provider can't be reached now. Try again later.", org.name),
        )
    })?;
    let login = OidcLogin {
        person: user.person.id,
        org: org.id,
        nonce: started.nonce,
        pkce_verifier: started.pkce_verifier,
        expires_at: now_ms() + LOGIN_MINUTES * 60_000,
    };
    state.domain.begin_oidc_login(&auth::token_hash(&started.state), &login).await?;
    Ok(Json(WorkSignInRedirect { url: started.url, org_name: org.name }))
}

/// What the provider sends back.
#[derive(Debug, Deserialize, IntoParams)]
struct Callback {
    /// The authorization code.
    code: Option<String>,
    /// The state sent at the start.
    state: Option<String>,
    /// The provider's error, when the person declined or it failed.
    error: Option<String>,
    /// Its explanation.
    error_description: Option<String>,
}

/// Where the provider returns the browser: verifies the ID token, links
/// the directory entry it names, and sends the browser to Me with the
/// outcome (`?work_account=linked`, or `?work_account_error=` and why).
#[utoipa::path(get, path = "/auth/oidc/callback", tag = "auth", params(Callback),
    responses((status = 303, description = "Back to Me, with the outcome in the query")))]
async fn callback(
    State(state): State<AppState>,
    user: Result<CurrentUser, AppError>,
    ApiQuery(query): ApiQuery<Callback>,
) -> Response {
    match finish(&state, user, query).await {
        Ok(()) => back_to_me("work_account=linked"),
        Err(message) => {
            let encoded: String = url::form_urlencoded::byte_serialize(message.as_bytes()).collect();
            back_to_me(&format!("work_account_error={encoded}"))
        }
    }
}

/// The sentence Me shows for a refusal; a failure of ours is logged, not shown.
fn said(e: AppError) -> String {
    match e {
        AppError::Api(e) | AppError::Throttled { error: e, .. } => e.message,
        AppError::Internal(e) => {
            tracing::error!(error = %format!("{e:#}"), "a work-account sign-in failed");
            ErrorCode::Internal.human().to_owned()
        }
    }
}

fn back_to_me(query: &str) -> Response {
    let location = HeaderValue::from_str(&format!("/me?{query}")).unwrap_or(HeaderValue::from_static("/me"));
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, location), (header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
    )
        .into_response()
}

/// The callback's work; the error is the sentence Me shows.
async fn finish(state: &AppState, user: Result<CurrentUser, AppError>, query: Callback) -> Result<(), String> {
    let user = user.map_err(|_| "Sign in to Samtal first, then sign in to your work account.".to_owned())?;
    // The state is taken first: whatever happens next, it can't be used again.
    let login = match query.state.as_deref() {
        Some(s) if !s.is_empty() => state.domain.take_oidc_login(&auth::token_hash(s)).await.map_err(said)?,
        _ => None,
    };
    let Some(login) = login else {
        return Err("This sign-in link was used already or is not Samtal's. Start again from Linked account.".into());
    };
    if login.person != user.person.id {
        return Err("This sign-in was started by someone else. Start again from Linked account.".into());
    }
    if login.expires_at < now_ms() {
        return Err(format!("The sign-in took longer than {LOGIN_MINUTES} minutes. Start again."));
    }
    if let Some(error) = query.error {
        let why = query.error_description.unwrap_or(error);
        return Err(format!("The identity provider did not sign you in: {why}"));
    }
    let code = query.code.filter(|c| !c.is_empty()).ok_or("The identity provider sent no code. Start again.")?;
    let Some((org, provider)) = state.domain.provider_of(login.org).await.map_err(said)? else {
        return Err("The organization no longer has single sign-on set up.".into());
    };
    let token = state.oidc.finish(&provider, &code, &login.pkce_verifier, &login.nonce).await.map_err(|e| {
        tracing::warn!(org = %org.id, error = %e, "a sign-in at an identity provider was refused");
        e.to_string()
    })?;
    let Some(value) = match_value(provider.claim, &token) else {
        return Err(format!(
            "The identity provider did not say your {} (or said it is unverified), so Samtal can't find you in {}'s directory.",
            provider.claim.name(),
            org.name
        ));
    };
    let entry = state.domain.entry_for_claim(org.id, provider.claim, &value).await.map_err(said)?;
    let Some(entry) = entry else {
        return Err(format!("{value} is not in {}'s directory. Ask your administrator to add you.", org.name));
    };
    state.domain.link_work_account(user.person.id, entry).await.map_err(said)
}
