//! SCIM's error answers (RFC 7644 §3.12): `status` as a string, an
//! optional `scimType`, and a `detail` for people, as `application/scim+json`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use samtal_core::ErrorCode;
use serde_json::json;

use super::scim_json;
use crate::error::AppError;

/// The error schema's URN.
const ERROR_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:Error";

/// A refused SCIM request.
#[derive(Debug)]
pub struct ScimError {
    status: StatusCode,
    scim_type: Option<&'static str>,
    detail: String,
}

impl ScimError {
    /// An error with this status, `scimType` and detail.
    pub fn new(status: StatusCode, scim_type: Option<&'static str>, detail: impl Into<String>) -> Self {
        Self { status, scim_type, detail: detail.into() }
    }

    /// 400 `invalidValue`.
    pub fn invalid_value(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, Some("invalidValue"), detail)
    }

    /// 400 `invalidSyntax`.
    pub fn invalid_syntax(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, Some("invalidSyntax"), detail)
    }

    /// 400 `invalidFilter`.
    pub fn invalid_filter(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, Some("invalidFilter"), detail)
    }

    /// 400 `invalidPath`.
    pub fn invalid_path(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, Some("invalidPath"), detail)
    }

    /// 404.
    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, None, detail)
    }

    /// 401: no token, or one that does not work.
    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            None,
            "A SCIM bearer token of the organization is needed (Admin → Sign-in).",
        )
    }
}

impl From<AppError> for ScimError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Api(e) | AppError::Throttled { error: e, .. } => {
                let (status, scim_type) = match e.code {
                    ErrorCode::InvalidInput | ErrorCode::InvalidJson => (StatusCode::BAD_REQUEST, Some("invalidValue")),
                    ErrorCode::NotFound => (StatusCode::NOT_FOUND, None),
                    ErrorCode::DirectoryEntryExists | ErrorCode::Conflict => (StatusCode::CONFLICT, Some("uniqueness")),
                    ErrorCode::Unauthenticated => (StatusCode::UNAUTHORIZED, None),
                    ErrorCode::RateLimited => (StatusCode::TOO_MANY_REQUESTS, None),
                    code => (
                        StatusCode::from_u16(code.http_status()).unwrap_or(StatusCode::BAD_REQUEST),
                        Some("mutability"),
                    ),
                };
                Self::new(status, scim_type, e.message)
            }
            AppError::Internal(e) => {
                tracing::error!(error = %format!("{e:#}"), "a SCIM request failed");
                Self::new(StatusCode::INTERNAL_SERVER_ERROR, None, ErrorCode::Internal.human())
            }
        }
    }
}

impl IntoResponse for ScimError {
    fn into_response(self) -> Response {
        let mut body = json!({ "schemas": [ERROR_SCHEMA], "status": self.status.as_str(), "detail": self.detail });
        if let Some(t) = self.scim_type {
            body["scimType"] = json!(t);
        }
        scim_json(self.status, &body)
    }
}
