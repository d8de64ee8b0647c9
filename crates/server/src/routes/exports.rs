//! Exports (rule 11): `GET /api/me/export` (a person's own data) and
//! `GET /api/admin/orgs/{org_id}/export` (an organization's compliance export).
//!
//! Both answer JSON as a download (`Content-Disposition: attachment`).

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use samtal_core::api::{ComplianceExport, PersonalExport};
use samtal_core::{ErrorBody, OrgId};
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::CurrentUser;
use crate::error::{ApiJson, ApiPath, AppResult};
use crate::state::AppState;

/// This family's routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(personal_export)).routes(routes!(compliance_export))
}

/// JSON served as a file download named `filename` (ASCII, no quotes).
fn as_download<T: Serialize>(body: T, filename: &str) -> Response {
    let mut response = ApiJson(body).into_response();
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\""))
        .unwrap_or(HeaderValue::from_static("attachment"));
    response.headers_mut().insert(header::CONTENT_DISPOSITION, disposition);
    response
}

/// Export my data (rule 11).
///
/// The person's contacts and the messages they wrote. Messages owned by an
/// organization are included only where that conversation's `allow_share`
/// allows it now; `withheld` counts the others.
#[utoipa::path(get, path = "/me/export", tag = "exports",
    responses((status = 200, body = PersonalExport), (status = 401, body = ErrorBody)))]
async fn personal_export(State(state): State<AppState>, user: CurrentUser) -> AppResult<Response> {
    let export = state.domain.personal_export(&user.person).await?;
    Ok(as_download(export, "samtal-export.json"))
}

/// An organization's compliance export (rule 11), for its admins.
///
/// Every message the organization owns — never the private messages a
/// converted group held before its conversion. Recorded in the audit log.
#[utoipa::path(get, path = "/admin/orgs/{org_id}/export", tag = "exports",
    params(("org_id" = i64, Path, description = "The organization")),
    responses((status = 200, body = ComplianceExport), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn compliance_export(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(org): ApiPath<OrgId>,
) -> AppResult<Response> {
    let export = state.domain.compliance_export(&user.viewer, org).await?;
    Ok(as_download(export, &format!("samtal-compliance-{org}.json")))
}
