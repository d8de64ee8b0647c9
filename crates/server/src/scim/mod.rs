//! The SCIM 2.0 server (RFC 7643/7644) at `/scim/v2`, through which an
//! organization's identity provider provisions its directory: Users only
//! (Groups are not provisioned: an org group in Samtal is a conversation
//! its admins create, not a copy of a provider's group).
//!
//! Every request carries a bearer token an org admin created in Admin →
//! Sign-in; the token names the organization. This module only speaks
//! SCIM: what a change means for the directory is `domain::scim`'s.

use axum::body::Bytes;
use axum::extract::{FromRequestParts, Path, RawQuery, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Router, middleware};
use serde_json::Value;

use crate::auth;
use crate::domain::scim::ScimUser;
use crate::state::AppState;
use crate::store::identity::ScimClient;

mod discovery;
pub mod error;
mod filter;
mod patch;
mod projection;
pub mod user;

use error::ScimError;

/// SCIM's media type.
pub const SCIM_MEDIA_TYPE: &str = "application/scim+json";

/// The SCIM routes, to nest at `/scim/v2`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/ServiceProviderConfig", get(service_provider_config))
        .route("/ResourceTypes", get(resource_types))
        .route("/ResourceTypes/{id}", get(resource_type))
        .route("/Schemas", get(schemas))
        .route("/Schemas/{id}", get(schema))
        .route("/Users", get(list_users).post(create_user))
        .route("/Users/.search", axum::routing::post(search_users))
        .route("/.search", axum::routing::post(search_everything))
        .route("/Users/{id}", get(get_user).put(replace_user).patch(patch_user).delete(delete_user))
        .fallback(|| async { ScimError::not_found("There is no such SCIM endpoint. Samtal provisions Users only.") })
        .layer(middleware::map_response(no_store))
}

/// SCIM answers are about people: never kept by a cache on the way.
async fn no_store(mut response: Response) -> Response {
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A JSON answer as `application/scim+json`.
pub fn scim_json(status: StatusCode, body: &Value) -> Response {
    (status, [(header::CONTENT_TYPE, HeaderValue::from_static(SCIM_MEDIA_TYPE))], body.to_string()).into_response()
}

/// The base URL resources' locations are under.
fn base(state: &AppState) -> String {
    format!("{}/scim/v2", state.config.public_url.trim_end_matches('/'))
}

/// The SCIM client a request's bearer token belongs to.
pub struct Scim(pub ScimClient);

impl FromRequestParts<AppState> for Scim {
    type Rejection = ScimError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .filter(|t| !t.is_empty())
            .ok_or_else(ScimError::unauthorized)?;
        let client = state.domain.scim_client(&auth::token_hash(bearer)).await?.ok_or_else(ScimError::unauthorized)?;
        Ok(Scim(client))
    }
}

async fn service_provider_config(State(state): State<AppState>) -> Response {
    scim_json(StatusCode::OK, &discovery::service_provider_config(&base(&state)))
}

async fn resource_types(State(state): State<AppState>) -> Response {
    scim_json(StatusCode::OK, &discovery::list(vec![discovery::user_resource_type(&base(&state))]))
}

async fn resource_type(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, ScimError> {
    if id != "User" {
        return Err(ScimError::not_found(format!("There is no resource type {id}.")));
    }
    Ok(scim_json(StatusCode::OK, &discovery::user_resource_type(&base(&state))))
}

async fn schemas(State(state): State<AppState>) -> Response {
    scim_json(StatusCode::OK, &discovery::list(discovery::schemas(&base(&state))))
}

async fn schema(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, ScimError> {
    let found = discovery::schemas(&base(&state)).into_iter().find(|s| s["id"] == id.as_str());
    let schema = found.ok_or_else(|| ScimError::not_found(format!("There is no schema {id}.")))?;
    Ok(scim_json(StatusCode::OK, &schema))
}

/// What a list or search asks for.
struct ListRequest {
    filter: Option<String>,
    start: Option<i64>,
    count: Option<i64>,
    attributes: Option<String>,
    excluded: Option<String>,
}

/// The query's parameters, by name case-insensitively.
struct Query(Vec<(String, String)>);

impl Query {
    fn of(raw: Option<String>) -> Self {
        Query(url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes()).into_owned().collect())
    }

    fn get(&self, name: &str) -> Option<String> {
        self.0.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone())
    }

    /// A whole-number parameter.
    fn number(&self, name: &str) -> Result<Option<i64>, ScimError> {
        self.get(name)
            .map(|v| {
                v.trim().parse::<i64>().map_err(|_| ScimError::invalid_value(format!("{name} is a whole number.")))
            })
            .transpose()
    }
}

async fn list(state: &AppState, client: &ScimClient, request: ListRequest) -> Result<Response, ScimError> {
    let filter = filter::parse(request.filter.as_deref())?;
    // RFC 7644 §3.4.2.4: a startIndex below 1 means 1, a negative count 0.
    let start = u64::try_from(request.start.unwrap_or(1).max(1)).unwrap_or(1);
    let count = u64::try_from(request.count.unwrap_or(i64::MAX).max(0)).unwrap_or(0).min(discovery::MAX_RESULTS);
    let (total, users) = state.domain.scim_users(client.org, &filter, start - 1, count).await?;
    let base = base(state);
    let resources: Vec<Value> = users
        .iter()
        .map(|u| {
            let mut resource = user::render(u, &base);
            projection::project(&mut resource, request.attributes.as_deref(), request.excluded.as_deref());
            resource
        })
        .collect();
    Ok(scim_json(StatusCode::OK, &discovery::list_page(resources, total, start)))
}

async fn list_users(
    State(state): State<AppState>,
    Scim(client): Scim,
    RawQuery(raw): RawQuery,
) -> Result<Response, ScimError> {
    let query = Query::of(raw);
    let request = ListRequest {
        filter: query.get("filter"),
        start: query.number("startIndex")?,
        count: query.number("count")?,
        attributes: query.get("attributes"),
        excluded: query.get("excludedAttributes"),
    };
    list(&state, &client, request).await
}

/// `POST /Users/.search`: a list whose parameters are in the body.
async fn search_users(State(state): State<AppState>, Scim(client): Scim, body: Bytes) -> Result<Response, ScimError> {
    let body = read_body(&body)?;
    let object = body.as_object().ok_or_else(|| ScimError::invalid_syntax("A search is a JSON object."))?;
    let text = |name: &str| -> Result<Option<String>, ScimError> {
        match user::get_ci(object, name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(Value::Array(items)) => Ok(Some(items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(","))),
            Some(_) => Err(ScimError::invalid_value(format!("{name} is a string or a list of them."))),
        }
    };
    let number = |name: &str| -> Result<Option<i64>, ScimError> {
        match user::get_ci(object, name) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => {
                v.as_i64().map(Some).ok_or_else(|| ScimError::invalid_value(format!("{name} is a whole number.")))
            }
        }
    };
    let request = ListRequest {
        filter: text("filter")?,
        start: number("startIndex")?,
        count: number("count")?,
        attributes: text("attributes")?,
        excluded: text("excludedAttributes")?,
    };
    list(&state, &client, request).await
}

/// `POST /.search` across resource types: there is only one, so it is not offered.
async fn search_everything(Scim(_): Scim) -> ScimError {
    ScimError::new(
        StatusCode::NOT_IMPLEMENTED,
        None,
        "Searching several resource types at once is not supported: search /Users.",
    )
}

fn read_body(body: &Bytes) -> Result<Value, ScimError> {
    serde_json::from_slice(body).map_err(|e| ScimError::invalid_syntax(format!("The body is not JSON: {e}")))
}

fn user_id(raw: &str) -> Result<i64, ScimError> {
    raw.parse().map_err(|_| ScimError::not_found(format!("There is no user {raw}.")))
}

/// One user's answer, with its location.
fn answer(state: &AppState, status: StatusCode, user: &ScimUser) -> Response {
    located(scim_json(status, &user::render(user, &base(state))), state, user)
}

/// `response` with the user's `Location`.
fn located(mut response: Response, state: &AppState, user: &ScimUser) -> Response {
    if let Ok(location) = HeaderValue::from_str(&format!("{}/Users/{}", base(state), user.row.id)) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

async fn create_user(State(state): State<AppState>, Scim(client): Scim, body: Bytes) -> Result<Response, ScimError> {
    let provisioned = user::parse(&read_body(&body)?)?;
    let created = state.domain.scim_create(&client, provisioned).await?;
    Ok(answer(&state, StatusCode::CREATED, &created))
}

async fn get_user(
    State(state): State<AppState>,
    Scim(client): Scim,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ScimError> {
    let found = state.domain.scim_user(client.org, user_id(&id)?).await?;
    let found = found.ok_or_else(|| ScimError::not_found(format!("There is no user {id}.")))?;
    let query = Query::of(raw);
    let mut resource = user::render(&found, &base(&state));
    projection::project(&mut resource, query.get("attributes").as_deref(), query.get("excludedAttributes").as_deref());
    Ok(located(scim_json(StatusCode::OK, &resource), &state, &found))
}

async fn replace_user(
    State(state): State<AppState>,
    Scim(client): Scim,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, ScimError> {
    let id = user_id(&id)?;
    let provisioned = user::parse(&read_body(&body)?)?;
    let updated = state.domain.scim_update(&client, id, provisioned).await?;
    Ok(answer(&state, StatusCode::OK, &updated))
}

async fn patch_user(
    State(state): State<AppState>,
    Scim(client): Scim,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, ScimError> {
    let id = user_id(&id)?;
    let operations = read_body(&body)?;
    let current = state.domain.scim_user(client.org, id).await?;
    let current = current.ok_or_else(|| ScimError::not_found(format!("There is no user {id}.")))?;
    let mut resource = user::render(&current, &base(&state));
    patch::apply(&mut resource, &operations)?;
    let updated = state.domain.scim_update(&client, id, user::parse(&resource)?).await?;
    Ok(answer(&state, StatusCode::OK, &updated))
}

async fn delete_user(
    State(state): State<AppState>,
    Scim(client): Scim,
    Path(id): Path<String>,
) -> Result<Response, ScimError> {
    state.domain.scim_delete(&client, user_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
