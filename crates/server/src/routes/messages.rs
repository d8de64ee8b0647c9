//! Messages and read markers: `/api/conversations/{id}/messages` and
//! `/api/conversations/{id}/read`.
//!
//! Handlers check the shape of the input (`samtal_core::validate`); the
//! store decides every rule inside its transaction.

use std::fmt::Display;
use std::str::FromStr;

use axum::extract::State;
use axum::http::StatusCode;
use samtal_core::api::limits::PAGE_MAX;
use samtal_core::api::{Done, MarkRead, Message, MessagePage, SendMessage};
use samtal_core::{ConversationId, ErrorBody, ErrorCode, validate};
use serde::{Deserialize, Deserializer};
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::CurrentUser;
use crate::error::{ApiJson, ApiPath, ApiQuery, AppError, AppResult};
use crate::state::AppState;

/// Messages in a page when the client names no limit.
pub const PAGE_DEFAULT: u32 = 50;

/// This family's routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_messages, send_message)).routes(routes!(mark_read))
}

/// `?after=&before=&limit=` of the message list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct PageQuery {
    /// Only messages after this seq, oldest first (catching up).
    #[serde(default, deserialize_with = "empty_as_none")]
    after: Option<i64>,
    /// Only messages before this seq (scrolling up).
    #[serde(default, deserialize_with = "empty_as_none")]
    before: Option<i64>,
    /// Messages in the page (1–200, default 50).
    #[serde(default, deserialize_with = "empty_as_none")]
    limit: Option<u32>,
}

/// A query value where `?after=` (empty) means the same as leaving it out.
fn empty_as_none<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr,
    T::Err: Display,
{
    let raw: Option<String> = Option::deserialize(deserializer)?;
    match raw.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(value) => value.parse().map(Some).map_err(|e| serde::de::Error::custom(format!("'{value}': {e}"))),
    }
}

/// A seq from the query string: 0 or more.
fn seq_param(value: Option<i64>, name: &str) -> AppResult<Option<i64>> {
    match value {
        Some(seq) if seq < 0 => {
            Err(AppError::msg(ErrorCode::InvalidInput, format!("`{name}` must be a seq (0 or more).")))
        }
        other => Ok(other),
    }
}

/// A page of a conversation's messages.
///
/// Without `after` or `before`: the newest `limit` messages. With `before=S`:
/// the `limit` messages just before seq S (scrolling up). With `after=S`: the
/// `limit` messages just after seq S (catching up). Always oldest first, and
/// only messages the viewer may see (`history_for_new_members`), with every
/// member's read marker.
#[utoipa::path(get, path = "/conversations/{id}/messages", tag = "messages",
    params(("id" = i64, Path, description = "The conversation"), PageQuery),
    responses((status = 200, body = MessagePage), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_messages(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<ConversationId>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> AppResult<ApiJson<MessagePage>> {
    let after = seq_param(query.after, "after")?;
    let before = seq_param(query.before, "before")?;
    let limit = query.limit.unwrap_or(PAGE_DEFAULT);
    if !(1..=PAGE_MAX).contains(&limit) {
        return Err(AppError::msg(ErrorCode::InvalidInput, format!("`limit` must be between 1 and {PAGE_MAX}.")));
    }
    Ok(ApiJson(state.domain.messages(&user.viewer, id, after, before, limit).await?))
}

/// Send a message: text, an uploaded attachment (with an optional caption),
/// or a forward of a message the viewer may read (rule 8), with an optional
/// comment in `text`. A forward rule 8 refuses answers 403 or 422 whatever
/// else the request says.
///
/// Answers 201 with the stored message, or 200 with the message stored
/// before when this sender already used `client_id` in this conversation.
#[utoipa::path(post, path = "/conversations/{id}/messages", tag = "messages",
    params(("id" = i64, Path, description = "The conversation")), request_body = SendMessage,
    responses((status = 201, body = Message), (status = 200, description = "Sent before with this client_id", body = Message),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 413, body = ErrorBody),
        (status = 429, description = "Too many messages in a short time; `Retry-After` says how long to wait", body = ErrorBody)))]
async fn send_message(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<ConversationId>,
    ApiJson(mut request): ApiJson<SendMessage>,
) -> AppResult<(StatusCode, ApiJson<Message>)> {
    validate::client_id(&request.client_id)?;
    // A forward's comment and shape are checked by the domain after rule 8.
    if request.forward_of.is_none() {
        request.text = match request.text.take() {
            // A blank caption on an attachment is no caption.
            Some(text) if request.attachment_id.is_some() && text.trim().is_empty() => None,
            Some(text) => Some(validate::message_text(&text)?),
            None => None,
        };
        if request.text.is_none() && request.attachment_id.is_none() {
            return Err(AppError::msg(ErrorCode::InvalidInput, "A message needs text or an attachment."));
        }
    }
    let (message, created) = state.domain.send_message(&user.viewer, id, request).await?;
    let status = if created { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, ApiJson(message)))
}

/// Move the viewer's read marker forward to `seq` (never back).
///
/// A `seq` beyond the newest message is refused (`invalid_input`): nobody can
/// have read a message that does not exist.
#[utoipa::path(post, path = "/conversations/{id}/read", tag = "messages",
    params(("id" = i64, Path, description = "The conversation")), request_body = MarkRead,
    responses((status = 200, body = Done), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn mark_read(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<ConversationId>,
    ApiJson(request): ApiJson<MarkRead>,
) -> AppResult<ApiJson<Done>> {
    state.domain.mark_read(&user.viewer, id, request.seq).await?;
    Ok(ApiJson(Done { ok: true }))
}
