//! People: search, profiles and private contacts (`/api/search`,
//! `/api/people/*`, `/api/contacts*`).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use samtal_core::api::{AddContact, Contact, Done, Profile, SearchResult, SearchSource};
use samtal_core::{ErrorBody, ErrorCode, OrgId, PersonId, rules, validate};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::CurrentUser;
use crate::error::{ApiJson, ApiPath, ApiQuery, AppError, AppResult};
use crate::state::AppState;

/// The most results one search answers with.
pub const SEARCH_LIMIT: usize = 50;

/// `/api/search`, `/api/people/*` and `/api/contacts*`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(search))
        .routes(routes!(profile))
        .routes(routes!(list_contacts, add_contact))
        .routes(routes!(remove_contact))
}

/// `?q=` of a search.
#[derive(Debug, Deserialize)]
struct SearchQuery {
    #[serde(default)]
    q: String,
}

/// Search private contacts and the directories the viewer may see.
///
/// Contacts come first (by name or handle), then directory entries (by name,
/// alias or e-mail) of the organization the viewer is signed in to and of the
/// organizations they administer — never another organization's directory.
#[utoipa::path(get, path = "/search", tag = "people",
    params(("q" = String, Query, description = "Part of a name, handle, alias or work e-mail")),
    responses((status = 200, body = Vec<SearchResult>), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody)))]
async fn search(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(query): ApiQuery<SearchQuery>,
) -> AppResult<Json<Vec<SearchResult>>> {
    let needle = validate::query(&query.q)?.to_lowercase();
    let me = user.viewer.person;
    let mut orgs: Vec<OrgId> = user.viewer.work_org.into_iter().chain(user.viewer.admin_of.iter().copied()).collect();
    orgs.sort();
    orgs.dedup();
    let (contacts, entries) = state.domain.search_people(me, &orgs, &needle, SEARCH_LIMIT).await?;
    let mut results: Vec<SearchResult> = contacts
        .into_iter()
        .map(|person| SearchResult {
            source: SearchSource::Contact,
            person_id: Some(person.id),
            directory_entry_id: None,
            display_name: person.display_name,
            email: None,
            alias: None,
            designation: None,
            department: None,
            org: None,
        })
        .collect();
    results.extend(entries);
    Ok(Json(results))
}

/// A person's profile, with directory attributes where the viewer may see them.
#[utoipa::path(get, path = "/people/{person_id}", tag = "people",
    params(("person_id" = PersonId, Path, description = "The person")),
    responses((status = 200, body = Profile), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn profile(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(person_id): ApiPath<PersonId>,
) -> AppResult<Json<Profile>> {
    let person = state.domain.person(person_id).await?.ok_or(AppError::code(ErrorCode::NotFound))?;
    let directory = match state.domain.directory_attributes_of(person_id).await? {
        Some(attributes) => {
            let org = attributes.org.id;
            let shared = state.domain.shares_org_conversation(user.viewer.person, person_id, org).await?;
            rules::may_see_directory_attributes(&user.viewer, org, shared).then_some(attributes)
        }
        None => None,
    };
    let is_contact = state.domain.is_contact(user.viewer.person, person_id).await?;
    Ok(Json(Profile { person, directory, is_contact }))
}

/// The viewer's saved contacts, by name.
#[utoipa::path(get, path = "/contacts", tag = "people",
    responses((status = 200, body = Vec<Contact>), (status = 401, body = ErrorBody)))]
async fn list_contacts(State(state): State<AppState>, user: CurrentUser) -> AppResult<Json<Vec<Contact>>> {
    Ok(Json(state.domain.contacts(user.viewer.person).await?))
}

/// Save a person as a contact (saving again answers the same contact).
#[utoipa::path(post, path = "/contacts", tag = "people", request_body = AddContact,
    responses((status = 201, body = Contact), (status = 200, body = Contact, description = "Already saved"),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn add_contact(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(req): ApiJson<AddContact>,
) -> AppResult<(StatusCode, Json<Contact>)> {
    if req.person_id == user.viewer.person {
        return Err(AppError::msg(ErrorCode::InvalidInput, "You can't save yourself as a contact."));
    }
    if state.domain.person(req.person_id).await?.is_none() {
        return Err(AppError::code(ErrorCode::NotFound));
    }
    let (contact, created) = state.domain.add_contact(user.viewer.person, req.person_id).await?;
    Ok((if created { StatusCode::CREATED } else { StatusCode::OK }, Json(contact)))
}

/// Remove a contact. Private chats with them stay.
#[utoipa::path(delete, path = "/contacts/{person_id}", tag = "people",
    params(("person_id" = PersonId, Path, description = "The contact")),
    responses((status = 200, body = Done), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn remove_contact(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(person_id): ApiPath<PersonId>,
) -> AppResult<Json<Done>> {
    if state.domain.person(person_id).await?.is_none() {
        return Err(AppError::code(ErrorCode::NotFound));
    }
    state.domain.remove_contact(user.viewer.person, person_id).await?;
    Ok(Json(Done { ok: true }))
}
