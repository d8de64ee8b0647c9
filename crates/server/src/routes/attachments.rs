//! Attachments: `POST /api/conversations/{id}/attachments` (upload) and
//! `GET /api/attachments/{id}` (download).
//!
//! An upload is the raw file as the request body with its `Content-Type`.
//! It is streamed to the attachment store (`crate::blobs`: a directory or an
//! S3 bucket) under a fresh key, made durable, and only then recorded: there
//! is never a row without its bytes. Sending it is a separate step
//! (`attachment_id` in a message).

use std::ops::Range;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mime_guess::Mime;
use samtal_core::api::limits::ATTACHMENT_MAX_BYTES;
use samtal_core::api::{Attachment, AttachmentKind};
use samtal_core::{AttachmentId, ConversationId, ErrorBody, ErrorCode, validate};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

use crate::auth::{self, CurrentUser};
use crate::blobs::PutError;
use crate::error::{ApiJson, ApiPath, ApiQuery, AppError, AppResult};
use crate::state::AppState;

/// This family's routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        // The /api router caps bodies at JSON_BODY_MAX_BYTES with
        // DefaultBodyLimit. This layer sits inside it, so its limit is the one
        // in force for this route (the innermost DefaultBodyLimit wins). The
        // upload streams the body itself and counts the bytes against the
        // same constant, which is what actually enforces it.
        .routes(routes!(upload).layer(DefaultBodyLimit::max(ATTACHMENT_MAX_BYTES)))
        .routes(routes!(download))
}

/// `?name=` of an upload.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct UploadQuery {
    /// The file's name as the person picked it (default `attachment`).
    name: Option<String>,
}

fn payload_too_large() -> AppError {
    AppError::msg(
        ErrorCode::PayloadTooLarge,
        format!("An attachment has at most {} MB.", ATTACHMENT_MAX_BYTES / (1024 * 1024)),
    )
}

/// The upload's MIME type: an image, a video or audio (else 415).
fn upload_mime(headers: &HeaderMap) -> AppResult<String> {
    let refused = || {
        AppError::msg(
            ErrorCode::UnsupportedMediaType,
            "Send an image, a video or audio, with its Content-Type (like image/jpeg).",
        )
    };
    let raw = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).ok_or_else(refused)?;
    let mime: Mime = raw.trim().parse().map_err(|_| refused())?;
    if raw.len() > 255 || AttachmentKind::from_mime(mime.essence_str()).is_none() {
        return Err(refused());
    }
    Ok(mime.as_ref().to_owned())
}

/// The file name to keep: its last path component, checked like a name.
fn upload_name(raw: Option<&str>) -> AppResult<String> {
    let raw = raw.map(str::trim).filter(|s| !s.is_empty()).unwrap_or("attachment");
    let base = raw.rsplit(['/', '\\']).next().unwrap_or(raw);
    validate::name(base, "file name").map_err(AppError::from)
}

/// The answer to a failed store of an upload's bytes.
fn put_error(error: PutError) -> AppError {
    match error {
        PutError::TooLarge => payload_too_large(),
        PutError::Empty => AppError::msg(ErrorCode::InvalidInput, "The file is empty."),
        PutError::BrokenOff => AppError::msg(ErrorCode::InvalidInput, "The upload broke off. Try again."),
        PutError::Store(e) => AppError::Internal(e.context("storing an upload")),
    }
}

/// Upload a file to a conversation (not sent yet).
///
/// The body is the raw file; `Content-Type` must be `image/*`, `video/*` or
/// `audio/*` (else 415) and the size at most 25 MB (else 413). Send it with
/// `attachment_id` in a message.
#[utoipa::path(post, path = "/conversations/{id}/attachments", tag = "attachments",
    params(("id" = i64, Path, description = "The conversation"), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file"),
    responses((status = 201, body = Attachment), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 413, body = ErrorBody),
        (status = 415, body = ErrorBody),
        (status = 429, description = "Too many uploads in a short time; `Retry-After` says how long to wait", body = ErrorBody)))]
async fn upload(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<ConversationId>,
    ApiQuery(query): ApiQuery<UploadQuery>,
    headers: HeaderMap,
    body: Body,
) -> AppResult<(StatusCode, ApiJson<Attachment>)> {
    let mime = upload_mime(&headers)?;
    let name = upload_name(query.name.as_deref())?;
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|len| len > ATTACHMENT_MAX_BYTES as u64) {
        return Err(payload_too_large());
    }
    // Refuse strangers before reading a byte.
    state.domain.check_upload(&user.viewer, id).await?;
    let file_key = auth::random_token();
    let size = state.blobs.put(&file_key, body, ATTACHMENT_MAX_BYTES as u64).await.map_err(put_error)?;
    match state.domain.add_attachment(&user.viewer, id, &mime, &name, size, &file_key).await {
        Ok(attachment) => Ok((StatusCode::CREATED, ApiJson(attachment))),
        Err(e) => {
            state.blobs.delete(&file_key).await;
            Err(e)
        }
    }
}

/// Percent-encodes a file name for `filename*=UTF-8''…` (RFC 8187).
fn encode_rfc8187(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `Content-Disposition` for a download: `attachment`, so a browser never
/// renders an uploaded file (an SVG, say) as a page of ours.
fn content_disposition(name: &str) -> HeaderValue {
    let ascii: String = name
        .chars()
        .map(|c| if (c.is_ascii_graphic() && c != '"' && c != '\\') || c == ' ' { c } else { '_' })
        .collect();
    let value = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{}", encode_rfc8187(name));
    HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static("attachment"))
}

/// The one byte range a download asks for (`Range: bytes=…`), as a
/// half-open range; `None` for the whole file: no `Range`, several ranges,
/// or an `If-Range` (there is no validator to hold it against, so the
/// answer is the whole file, which the standard allows). `Err` when no
/// byte of the file is in it (416).
fn requested_range(headers: &HeaderMap, size: u64) -> Result<Option<Range<u64>>, ()> {
    let Some(raw) = headers.get(header::RANGE).and_then(|v| v.to_str().ok()) else { return Ok(None) };
    if headers.contains_key(header::IF_RANGE) {
        return Ok(None);
    }
    let Ok(parsed) = http_range_header::parse_range_header(raw) else { return Ok(None) };
    match parsed.validate(size).map_err(|_| ())?.as_slice() {
        [only] => Ok(Some(*only.start()..only.end() + 1)),
        _ => Ok(None),
    }
}

/// Download an attachment.
///
/// The viewer must be able to read the message that carries it (or have
/// uploaded it and not sent it yet), and the conversation's policy must allow
/// sharing (rule 8; else 403 `policy_forbids`). Supports `Range`.
#[utoipa::path(get, path = "/attachments/{id}", tag = "attachments",
    params(("id" = i64, Path, description = "The attachment")),
    responses((status = 200, description = "The file, with its Content-Type", content_type = "application/octet-stream"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn download(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<AttachmentId>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let (attachment, file_key) = state.domain.attachment_file(&user.viewer, id).await?;
    let size = attachment.size;
    let range = match requested_range(&headers, size) {
        Ok(range) => range,
        Err(()) => {
            let mut refused = StatusCode::RANGE_NOT_SATISFIABLE.into_response();
            if let Ok(value) = HeaderValue::from_str(&format!("bytes */{size}")) {
                refused.headers_mut().insert(header::CONTENT_RANGE, value);
            }
            return Ok(refused);
        }
    };
    // The key is one the server generated, never a name from a request.
    let bytes = state.blobs.get(&file_key, range.clone()).await.map_err(AppError::Internal)?;
    let mut response = Response::new(Body::from_stream(bytes));
    if let Some(range) = &range {
        *response.status_mut() = StatusCode::PARTIAL_CONTENT;
        let value = format!("bytes {}-{}/{size}", range.start, range.end - 1);
        if let Ok(value) = HeaderValue::from_str(&value) {
            response.headers_mut().insert(header::CONTENT_RANGE, value);
        }
    }
    let length = range.as_ref().map_or(size, |r| r.end - r.start);
    response.headers_mut().insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    response.headers_mut().insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    let headers = response.headers_mut();
    let mime = HeaderValue::from_str(&attachment.mime).unwrap_or(HeaderValue::from_static("application/octet-stream"));
    headers.insert(header::CONTENT_TYPE, mime);
    headers.insert(header::CONTENT_DISPOSITION, content_disposition(&attachment.name));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // Opened on its own (not as an <img>), an HTML or SVG file would be a
    // document of this origin: sandboxed, it runs nothing and loads nothing.
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(super::hardening::ATTACHMENT_CSP));
    Ok(response)
}
