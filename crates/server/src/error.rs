//! [`AppError`]: every failure of a handler, answered as the wire's error body.
//!
//! Internal failures are logged with their cause and answered with the
//! generic `internal` code: nothing about the server's insides leaks.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use samtal_core::{ApiError, ErrorBody, ErrorCode};
use serde::de::DeserializeOwned;

/// A handler's error.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A refusal the person can act on.
    #[error(transparent)]
    Api(#[from] ApiError),
    /// Too many tries: 429 `rate_limited`, with `Retry-After`.
    #[error("{error} (retry after {retry_after_secs} s)")]
    Throttled {
        /// The refusal.
        error: ApiError,
        /// Whole seconds until a try may go ahead.
        retry_after_secs: u64,
    },
    /// A failure that is ours, not theirs.
    #[error("internal: {0:#}")]
    Internal(#[from] anyhow::Error),
}

/// Handler result.
pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// An error with the code's default sentence.
    pub fn code(code: ErrorCode) -> Self {
        AppError::Api(ApiError::new(code))
    }

    /// An error with a sentence for this case.
    pub fn msg(code: ErrorCode, message: impl Into<String>) -> Self {
        AppError::Api(ApiError::with_message(code, message))
    }

    /// A `rate_limited` refusal that says how long to wait: `what` is the
    /// kind of try, like "sign-in attempts".
    pub fn throttled(wait: samtal_core::limits::Wait, what: &str) -> Self {
        AppError::Throttled {
            error: ApiError::with_message(
                ErrorCode::RateLimited,
                format!("Too many {what}. Try again in {}.", wait.in_words()),
            ),
            retry_after_secs: wait.seconds(),
        }
    }

    /// The wire code.
    pub fn error_code(&self) -> ErrorCode {
        match self {
            AppError::Api(e) => e.code,
            AppError::Throttled { error, .. } => error.code,
            AppError::Internal(_) => ErrorCode::Internal,
        }
    }
}

impl From<ErrorCode> for AppError {
    fn from(code: ErrorCode) -> Self {
        AppError::code(code)
    }
}

impl From<crate::store::StoreError> for AppError {
    /// A store failure the domain did not turn into an error code itself
    /// (by matching its constraint) is the server's fault.
    fn from(e: crate::store::StoreError) -> Self {
        AppError::Internal(e.into())
    }
}

impl From<serde_json::Error> for AppError {
    fn from(e: serde_json::Error) -> Self {
        AppError::Internal(e.into())
    }
}

impl From<std::io::Error> for AppError {
    fn from(e: std::io::Error) -> Self {
        AppError::Internal(e.into())
    }
}

/// The response for an error code and message.
pub fn error_response(error: ApiError) -> Response {
    let status = StatusCode::from_u16(error.code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, Json(ErrorBody { error })).into_response()
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            AppError::Api(e) => error_response(e),
            AppError::Throttled { error, retry_after_secs } => {
                let mut response = error_response(error);
                response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
                response
            }
            AppError::Internal(e) => {
                tracing::error!(error = %format!("{e:#}"), "internal error");
                error_response(ApiError::new(ErrorCode::Internal))
            }
        }
    }
}

/// A JSON body whose rejections are answered with Samtal's error codes
/// (`invalid_json`, `payload_too_large`) instead of axum's plain text.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(rejection: JsonRejection) -> AppError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => {
            AppError::msg(ErrorCode::InvalidJson, "Send the body as JSON (Content-Type: application/json).")
        }
        JsonRejection::JsonDataError(e) => AppError::msg(ErrorCode::InvalidJson, e.body_text()),
        JsonRejection::JsonSyntaxError(e) => AppError::msg(ErrorCode::InvalidJson, e.body_text()),
        JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            AppError::code(ErrorCode::PayloadTooLarge)
        }
        other => AppError::msg(ErrorCode::InvalidJson, other.body_text()),
    }
}

impl<T: serde::Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        Json(self.0).into_response()
    }
}

/// A path parameter whose rejection is an `invalid_input` error
/// (`/api/conversations/abc` is bad input, not a server fault).
#[derive(Debug, axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct ApiPath<T>(pub T);

impl From<axum::extract::rejection::PathRejection> for AppError {
    fn from(rejection: axum::extract::rejection::PathRejection) -> Self {
        AppError::msg(ErrorCode::InvalidInput, rejection.body_text())
    }
}

/// A query string whose rejection is an `invalid_input` error.
#[derive(Debug, axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(AppError))]
pub struct ApiQuery<T>(pub T);

impl From<axum::extract::rejection::QueryRejection> for AppError {
    fn from(rejection: axum::extract::rejection::QueryRejection) -> Self {
        AppError::msg(ErrorCode::InvalidInput, rejection.body_text())
    }
}
