//! The admin portal's organization groups: `/api/admin/orgs/{org_id}/groups`
//! lists every group the organization owns (never a private group — rule 7)
//! and creates org groups from the start (rule 3).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use samtal_core::api::{CreateOrgGroup, OrgGroup};
use samtal_core::{ErrorBody, OrgId, validate};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::CurrentUser;
use crate::error::{ApiJson, ApiPath, AppResult};
use crate::routes::conversations::{check_group_size, distinct};
use crate::state::AppState;

/// `/api/admin/orgs/{org_id}/groups`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_groups, create_group))
}

/// Every group the organization owns, with members, where it was created and
/// when it was converted (organization admins).
#[utoipa::path(get, path = "/admin/orgs/{org_id}/groups", tag = "admin",
    params(("org_id" = OrgId, Path, description = "The organization")),
    responses((status = 200, body = Vec<OrgGroup>), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_groups(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(org): ApiPath<OrgId>,
) -> AppResult<Json<Vec<OrgGroup>>> {
    Ok(Json(state.domain.org_groups(&user.viewer, org).await?))
}

/// Create a group the organization owns from the start (rule 3). The
/// creating admin is its group admin; members are people (kept by their
/// directory entry when they are signed in to this organization) and
/// entries of this organization's directory, on Samtal or not yet.
#[utoipa::path(post, path = "/admin/orgs/{org_id}/groups", tag = "admin", request_body = CreateOrgGroup,
    params(("org_id" = OrgId, Path, description = "The organization")),
    responses((status = 201, body = OrgGroup), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_group(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(org): ApiPath<OrgId>,
    ApiJson(request): ApiJson<CreateOrgGroup>,
) -> AppResult<(StatusCode, Json<OrgGroup>)> {
    let group = CreateOrgGroup {
        title: validate::name(&request.title, "group title")?,
        member_ids: distinct(&request.member_ids, Some(user.person.id)),
        directory_entry_ids: distinct(&request.directory_entry_ids, None),
        policies: request.policies,
    };
    // At least this many distinct members (the creator is not in member_ids,
    // but may be among the entries): refuse oversized requests before
    // resolving any id. The store counts exactly once ids are resolved.
    check_group_size((group.member_ids.len() + 1).max(group.directory_entry_ids.len()))?;
    let created = state.domain.create_org_group(&user.viewer, org, &group).await?;
    Ok((StatusCode::CREATED, Json(created)))
}
