//! Conversations and their membership: `/api/conversations`, chats (rules 1
//! and 2), private groups (rule 3), members, leaving, conversion into an
//! organization group (rule 4) and group policies (rule 7).
//!
//! Handlers check the shape of the input; the store decides every rule with
//! `samtal_core::rules` inside the transaction that writes.

use std::collections::HashSet;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use samtal_core::api::limits::GROUP_MEMBERS_MAX;
use samtal_core::api::{AddMember, ConversationDetail, ConversationSummary, CreateChat, CreateGroup, Done};
use samtal_core::{ConversationId, DirectoryEntryId, ErrorBody, ErrorCode, GroupPolicies, PersonId, validate};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::CurrentUser;
use crate::error::{ApiJson, ApiPath, AppError, AppResult};
use crate::state::AppState;

/// `/api/conversations` and its membership routes (messages live in `messages`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(create_chat))
        .routes(routes!(create_group))
        .routes(routes!(profile))
        .routes(routes!(add_member))
        .routes(routes!(remove_member))
        .routes(routes!(remove_directory_member))
        .routes(routes!(leave))
        .routes(routes!(add_to_organization))
        .routes(routes!(set_policies))
}

/// Exactly one of a person and a directory entry, or `invalid_input`.
pub(crate) fn one_target(person: Option<PersonId>, entry: Option<DirectoryEntryId>) -> AppResult<()> {
    match (person, entry) {
        (Some(_), None) | (None, Some(_)) => Ok(()),
        _ => Err(AppError::msg(ErrorCode::InvalidInput, "Give exactly one of person_id and directory_entry_id.")),
    }
}

/// The ids in first-seen order, each once, leaving out `except`.
pub(crate) fn distinct<T: Copy + Eq + std::hash::Hash>(ids: &[T], except: Option<T>) -> Vec<T> {
    let mut seen = HashSet::new();
    ids.iter().copied().filter(|id| Some(*id) != except && seen.insert(*id)).collect()
}

/// Refuses more members than a group may have (`count` includes the creator).
pub(crate) fn check_group_size(count: usize) -> AppResult<()> {
    if count > GROUP_MEMBERS_MAX {
        return Err(AppError::msg(
            ErrorCode::InvalidInput,
            format!("A group has at most {GROUP_MEMBERS_MAX} members."),
        ));
    }
    Ok(())
}

/// Every conversation the viewer is in, newest activity first, with unread
/// counts, the newest message they may see, and what they may do.
#[utoipa::path(get, path = "/conversations", tag = "conversations",
    responses((status = 200, body = Vec<ConversationSummary>), (status = 401, body = ErrorBody)))]
async fn list(State(state): State<AppState>, user: CurrentUser) -> AppResult<Json<Vec<ConversationSummary>>> {
    Ok(Json(state.domain.conversations(&user.viewer).await?))
}

/// Start a chat, or get the one that exists.
///
/// `scope: "private"` (rule 2): with a saved contact (`person_id`, or the
/// `directory_entry_id` of a contact's work account). `scope: "org"` (rule 1):
/// the viewer is signed in to a work account, and the target is in the same
/// organization's directory — on Samtal or not yet. A private chat and an
/// org chat between the same two people are different conversations.
/// Answers 201 when created, 200 with the existing chat.
#[utoipa::path(post, path = "/conversations/chats", tag = "conversations", request_body = CreateChat,
    responses((status = 201, body = ConversationDetail),
        (status = 200, description = "The chat existed", body = ConversationDetail),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_chat(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(request): ApiJson<CreateChat>,
) -> AppResult<(StatusCode, Json<ConversationDetail>)> {
    one_target(request.person_id, request.directory_entry_id)?;
    let (detail, created) = state.domain.create_chat(&user.viewer, &request).await?;
    Ok((if created { StatusCode::CREATED } else { StatusCode::OK }, Json(detail)))
}

/// Create a private group (rule 3) with the viewer as its admin.
#[utoipa::path(post, path = "/conversations/groups", tag = "conversations", request_body = CreateGroup,
    responses((status = 201, body = ConversationDetail), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn create_group(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(request): ApiJson<CreateGroup>,
) -> AppResult<(StatusCode, Json<ConversationDetail>)> {
    let title = validate::name(&request.title, "group title")?;
    let members = distinct(&request.member_ids, Some(user.person.id));
    check_group_size(members.len() + 1)?;
    let detail = state.domain.create_group(&user.viewer, &title, &members).await?;
    Ok((StatusCode::CREATED, Json(detail)))
}

/// The conversation's profile: members and roles, owner and ownership,
/// `converted_at`, effective policies and the viewer's capabilities. Admins
/// of the owning organization see its org conversations' profiles too.
#[utoipa::path(get, path = "/conversations/{id}", tag = "conversations",
    params(("id" = i64, Path, description = "The conversation")),
    responses((status = 200, body = ConversationDetail), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn profile(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<ConversationId>,
) -> AppResult<Json<ConversationDetail>> {
    Ok(Json(state.domain.conversation(&user.viewer, id).await?))
}

/// A group admin adds a person, or a directory entry of the organization
/// that owns the group. Whoever joins an org group is told who owns it (rule 6).
#[utoipa::path(post, path = "/conversations/{id}/members", tag = "conversations", request_body = AddMember,
    params(("id" = i64, Path, description = "The conversation")),
    responses((status = 200, body = ConversationDetail), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn add_member(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<ConversationId>,
    ApiJson(request): ApiJson<AddMember>,
) -> AppResult<Json<ConversationDetail>> {
    one_target(request.person_id, request.directory_entry_id)?;
    Ok(Json(state.domain.add_member(&user.viewer, id, &request).await?))
}

/// A group admin removes another member; their devices wipe the group.
#[utoipa::path(delete, path = "/conversations/{id}/members/{person_id}", tag = "conversations",
    params(("id" = i64, Path, description = "The conversation"),
        ("person_id" = i64, Path, description = "Who to remove")),
    responses((status = 200, body = ConversationDetail), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn remove_member(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, person)): ApiPath<(ConversationId, PersonId)>,
) -> AppResult<Json<ConversationDetail>> {
    let target = AddMember { person_id: Some(person), directory_entry_id: None };
    Ok(Json(state.domain.remove_member(&user.viewer, id, &target).await?))
}

/// A group admin removes a directory-entry member — also one nobody has
/// linked yet, which has no person id to name it by.
#[utoipa::path(delete, path = "/conversations/{id}/members/entries/{directory_entry_id}", tag = "conversations",
    params(("id" = i64, Path, description = "The conversation"),
        ("directory_entry_id" = i64, Path, description = "The directory entry to remove")),
    responses((status = 200, body = ConversationDetail), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn remove_directory_member(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, entry)): ApiPath<(ConversationId, DirectoryEntryId)>,
) -> AppResult<Json<ConversationDetail>> {
    let target = AddMember { person_id: None, directory_entry_id: Some(entry) };
    Ok(Json(state.domain.remove_member(&user.viewer, id, &target).await?))
}

/// Leave a group. When its last admin leaves, the longest-standing member
/// becomes admin. Chats can't be left.
#[utoipa::path(post, path = "/conversations/{id}/leave", tag = "conversations",
    params(("id" = i64, Path, description = "The conversation")),
    responses((status = 200, body = Done), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn leave(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<ConversationId>,
) -> AppResult<Json<Done>> {
    state.domain.leave_group(&user.viewer, id).await?;
    Ok(Json(Done { ok: true }))
}

/// Rule 4: a group admin signed in to a work account makes a private group
/// an organization group. One-way; messages sent before stay the
/// participants', messages from now on are the organization's.
#[utoipa::path(post, path = "/conversations/{id}/add-to-organization", tag = "conversations",
    params(("id" = i64, Path, description = "The conversation")),
    responses((status = 200, body = ConversationDetail), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn add_to_organization(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<ConversationId>,
) -> AppResult<Json<ConversationDetail>> {
    Ok(Json(state.domain.add_to_organization(&user.viewer, id).await?))
}

/// Rule 7: set an org group's own policies (its admins and the owning
/// organization's admins). The effective policy is the most restrictive of
/// these and the tenant's.
#[utoipa::path(put, path = "/conversations/{id}/policies", tag = "conversations", request_body = GroupPolicies,
    params(("id" = i64, Path, description = "The conversation")),
    responses((status = 200, body = ConversationDetail), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn set_policies(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<ConversationId>,
    ApiJson(policies): ApiJson<GroupPolicies>,
) -> AppResult<Json<ConversationDetail>> {
    validate::windows(policies.edit_window_minutes, policies.delete_window_minutes)?;
    Ok(Json(state.domain.set_group_policies(&user.viewer, id, policies).await?))
}
