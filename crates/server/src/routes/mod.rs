//! The HTTP surface: one router per resource family, merged under `/api`,
//! with the OpenAPI document built from the same handlers.

use std::time::Instant;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use samtal_core::ErrorCode;
use samtal_core::api::limits::JSON_BODY_MAX_BYTES;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::error::AppError;
use crate::state::AppState;

pub mod admin;
pub mod admin_groups;
pub mod attachments;
pub mod auth;
pub mod cache_keys;
mod common_errors;
pub mod conversations;
pub mod events;
pub mod exports;
pub mod hardening;
pub mod message_verbs;
pub mod messages;
pub mod people;
pub mod sessions;
pub mod sign_in;
pub mod static_files;
pub mod work_sign_in;

/// The OpenAPI document's header; paths are added by each router.
#[derive(OpenApi)]
#[openapi(
    info(title = "Samtal API", description = "Messaging for work and private life."),
    servers((url = "/api", description = "Every path is under /api"))
)]
struct ApiDoc;

/// The `/api` routes and their OpenAPI document.
pub fn api() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(auth::router())
        .merge(sessions::router())
        .merge(people::router())
        .merge(cache_keys::router())
        .merge(conversations::router())
        .merge(messages::router())
        .merge(message_verbs::router())
        .merge(attachments::router())
        .merge(admin::router())
        .merge(admin_groups::router())
        .merge(sign_in::router())
        .merge(work_sign_in::router())
        .merge(events::router())
        .merge(exports::router())
        .split_for_parts();
    common_errors::document(&mut doc);
    (router, doc)
}

/// The whole application: the API, its OpenAPI document, and the web client.
pub fn app(state: AppState) -> Router {
    let (api, openapi) = api();
    let openapi = std::sync::Arc::new(openapi);
    let api = api
        .route("/openapi.json", get(move || async move { axum::Json(openapi.as_ref().clone()) }))
        .fallback(|| async { AppError::msg(ErrorCode::NotFound, "There is no such API endpoint.") })
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::auth::require_csrf_header))
        .layer(DefaultBodyLimit::max(JSON_BODY_MAX_BYTES))
        .layer(axum::middleware::from_fn(server_timing));
    let hardening = std::sync::Arc::new(hardening::Hardening::new(&state.config));
    Router::new()
        .nest("/api", api)
        .nest("/scim/v2", crate::scim::router())
        .merge(static_files::router(&state.config))
        .layer(axum::middleware::from_fn_with_state(hardening, hardening::security_headers))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// Adds `Server-Timing: app;dur=<ms>` to every API answer: how long the
/// server took, without the network, for the browser's developer tools and
/// `cargo xtask bench`.
async fn server_timing(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let mut response = next.run(request).await;
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    if let Ok(value) = HeaderValue::from_str(&format!("app;dur={millis:.3}")) {
        response.headers_mut().insert(HeaderName::from_static("server-timing"), value);
    }
    response
}

/// `{"ok": true}`.
pub fn done() -> impl IntoResponse {
    axum::Json(samtal_core::api::Done { ok: true })
}
