//! The verbs on a sent message: `PATCH` and `DELETE
//! /api/conversations/{id}/messages/{message_id}`, and its reactions under
//! `…/reactions`.
//!
//! Handlers check the shape of the input (`samtal_core::validate`); the
//! domain asks the rules inside its transaction.

use axum::extract::State;
use samtal_core::api::{Done, EditMessage, Message, Reactors};
use samtal_core::{ConversationId, ErrorBody, MessageId, validate};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::CurrentUser;
use crate::error::{ApiJson, ApiPath, ApiQuery, AppResult};
use crate::state::AppState;

/// This family's routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(edit_message, delete_message))
        .routes(routes!(add_reaction, remove_reaction))
        .routes(routes!(list_reactions))
}

/// For whom a message is deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
enum DeleteFor {
    /// Everyone: it stays as a tombstone.
    #[default]
    Everyone,
    /// Only the viewer's own devices.
    Me,
}

/// `?for=everyone|me` of a deletion.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct DeleteQuery {
    /// `everyone` (the default) or `me`.
    #[serde(default, rename = "for")]
    for_whom: DeleteFor,
}

/// Edit the text of one's own text message, within the conversation's edit
/// window. Answers the message with `edited_at`; every member's socket gets
/// `message_changed`.
#[utoipa::path(patch, path = "/conversations/{id}/messages/{message_id}", tag = "messages",
    params(("id" = i64, Path, description = "The conversation"), ("message_id" = i64, Path, description = "The message")),
    request_body = EditMessage,
    responses((status = 200, body = Message), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, description = "Not the sender's (`not_your_message`), past the window (`window_closed`), deleted (`message_deleted`), left (`not_a_member`), or closed", body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 413, body = ErrorBody)))]
async fn edit_message(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, message)): ApiPath<(ConversationId, MessageId)>,
    ApiJson(request): ApiJson<EditMessage>,
) -> AppResult<ApiJson<Message>> {
    Ok(ApiJson(state.domain.edit_message(&user.viewer, id, message, request.text).await?))
}

/// Delete a message: for everyone (its sender within the delete window, or
/// in an organization conversation its admins and the group's admins),
/// leaving a tombstone; or with `?for=me` hide it on the viewer's devices.
#[utoipa::path(delete, path = "/conversations/{id}/messages/{message_id}", tag = "messages",
    params(("id" = i64, Path, description = "The conversation"), ("message_id" = i64, Path, description = "The message"), DeleteQuery),
    responses((status = 200, body = Done), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, description = "Not the sender's and not an admin's to delete (`not_your_message`), past the window (`window_closed`), deleted already (`message_deleted`), left (`not_a_member`), or closed", body = ErrorBody),
        (status = 404, body = ErrorBody)))]
async fn delete_message(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, message)): ApiPath<(ConversationId, MessageId)>,
    ApiQuery(query): ApiQuery<DeleteQuery>,
) -> AppResult<ApiJson<Done>> {
    match query.for_whom {
        DeleteFor::Me => state.domain.hide_message(&user.viewer, id, message).await?,
        DeleteFor::Everyone => {
            let unused = state.domain.delete_message(&user.viewer, id, message).await?;
            // After the commit: a crash in between leaves bytes no row names,
            // never a row without its bytes.
            for key in &unused {
                state.blobs.delete(key).await;
            }
        }
    }
    Ok(ApiJson(Done { ok: true }))
}

/// React to a message with one emoji (URL-encoded); repeating it is
/// harmless. Answers the message with its reactions.
#[utoipa::path(put, path = "/conversations/{id}/messages/{message_id}/reactions/{emoji}", tag = "messages",
    params(("id" = i64, Path, description = "The conversation"), ("message_id" = i64, Path, description = "The message"),
        ("emoji" = String, Path, description = "One emoji, URL-encoded")),
    responses((status = 200, body = Message), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, description = "Not one emoji, or the message has 50 different ones already", body = ErrorBody)))]
async fn add_reaction(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, message, emoji)): ApiPath<(ConversationId, MessageId, String)>,
) -> AppResult<ApiJson<Message>> {
    let emoji = validate::reaction_emoji(&emoji)?;
    Ok(ApiJson(state.domain.react(&user.viewer, id, message, &emoji, true).await?))
}

/// Take one's reaction back; harmless when there was none.
#[utoipa::path(delete, path = "/conversations/{id}/messages/{message_id}/reactions/{emoji}", tag = "messages",
    params(("id" = i64, Path, description = "The conversation"), ("message_id" = i64, Path, description = "The message"),
        ("emoji" = String, Path, description = "One emoji, URL-encoded")),
    responses((status = 200, body = Message), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn remove_reaction(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, message, emoji)): ApiPath<(ConversationId, MessageId, String)>,
) -> AppResult<ApiJson<Message>> {
    let emoji = validate::reaction_emoji(&emoji)?;
    Ok(ApiJson(state.domain.react(&user.viewer, id, message, &emoji, false).await?))
}

/// Who gave each reaction to a message.
#[utoipa::path(get, path = "/conversations/{id}/messages/{message_id}/reactions", tag = "messages",
    params(("id" = i64, Path, description = "The conversation"), ("message_id" = i64, Path, description = "The message")),
    responses((status = 200, body = Reactors), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_reactions(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, message)): ApiPath<(ConversationId, MessageId)>,
) -> AppResult<ApiJson<Reactors>> {
    Ok(ApiJson(state.domain.reactors(&user.viewer, id, message).await?))
}
