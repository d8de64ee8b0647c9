//! [`InProcess`]: an API client that sends requests straight into the
//! application's router, without a network, keeping its session cookie
//! between requests like a browser. Provisioning and the demo use it so that
//! everything they create passes through the same handlers, checks and rules
//! as a request from the web client.

use std::fmt;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tower::ServiceExt;

use crate::auth::{CSRF_HEADER, SESSION_COOKIE};

/// The largest response body read back (exports of a big demo stay well below).
const RESPONSE_MAX_BYTES: usize = 64 * 1024 * 1024;

/// A request that did not get the answer it needed: which step, what was
/// asked, and what the server said.
#[derive(Debug)]
pub struct StepError {
    /// What was being done, in words.
    pub step: String,
    /// `POST /api/…`.
    pub request: String,
    /// The answer's status (none if the request could not be made).
    pub status: Option<StatusCode>,
    /// The answer's body, or why there was none.
    pub body: String,
}

impl fmt::Display for StepError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.status {
            Some(status) => {
                write!(f, "step \"{}\" failed: {} answered {}: {}", self.step, self.request, status, self.body)
            }
            None => write!(f, "step \"{}\" failed: {}: {}", self.step, self.request, self.body),
        }
    }
}

impl std::error::Error for StepError {}

/// One signed-in (or not yet signed-in) client of the in-process API.
#[derive(Clone)]
pub struct InProcess {
    app: Router,
    cookie: Option<String>,
}

impl InProcess {
    /// A client without a session over `app` (see [`crate::app`]).
    pub fn new(app: Router) -> Self {
        Self { app, cookie: None }
    }

    /// Whether a session cookie is held.
    pub fn signed_in(&self) -> bool {
        self.cookie.is_some()
    }

    /// Sends a request and returns the status and the JSON body (`Null` when
    /// empty, a JSON string when the body is not JSON).
    pub async fn send(
        &mut self,
        method: Method,
        path: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> Result<(StatusCode, Value), String> {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(CSRF_HEADER, "1")
            // What a person's list of sessions says of this one while it lasts.
            .header(header::USER_AGENT, "samtal-server (command line)");
        if let Some(content_type) = content_type {
            request = request.header(header::CONTENT_TYPE, content_type);
        }
        if let Some(cookie) = &self.cookie {
            request = request.header(header::COOKIE, format!("{SESSION_COOKIE}={cookie}"));
        }
        let request = request.body(Body::from(body)).map_err(|e| format!("could not build the request: {e}"))?;
        let Ok(response) = self.app.clone().oneshot(request).await;
        self.keep_cookie(response.headers());
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), RESPONSE_MAX_BYTES)
            .await
            .map_err(|e| format!("could not read the answer: {e}"))?;
        let value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()))
        };
        Ok((status, value))
    }

    /// Ends the session, if one is held: a tool's sessions should not stay
    /// in a person's list of sessions after it is done.
    pub async fn sign_out(&mut self) -> Result<(), StepError> {
        if self.signed_in() {
            let _: Value = self.call("sign out", Method::POST, "/api/auth/logout", None::<&Value>).await?;
            self.cookie = None;
        }
        Ok(())
    }

    /// Remembers (or forgets) the session the answer set.
    fn keep_cookie(&mut self, headers: &axum::http::HeaderMap) {
        for value in headers.get_all(header::SET_COOKIE) {
            let Ok(value) = value.to_str() else { continue };
            let pair = value.split(';').next().unwrap_or_default();
            if let Some((name, token)) = pair.split_once('=')
                && name.trim() == SESSION_COOKIE
            {
                let token = token.trim();
                self.cookie = (!token.is_empty()).then(|| token.to_owned());
            }
        }
    }

    /// Sends a request for `step` and decodes a successful (2xx) answer as `T`;
    /// any other answer is a [`StepError`] carrying the server's body.
    pub async fn call<T: DeserializeOwned>(
        &mut self,
        step: &str,
        method: Method,
        path: &str,
        body: Option<&(impl Serialize + ?Sized)>,
    ) -> Result<T, StepError> {
        let request = format!("{method} {path}");
        let fail = |status: Option<StatusCode>, body: String| StepError {
            step: step.to_owned(),
            request: request.clone(),
            status,
            body,
        };
        let (content_type, bytes) = match body {
            Some(body) => {
                let bytes =
                    serde_json::to_vec(body).map_err(|e| fail(None, format!("could not encode the body: {e}")))?;
                (Some("application/json"), bytes)
            }
            None => (None, Vec::new()),
        };
        let (status, value) = self.send(method, path, content_type, bytes).await.map_err(|e| fail(None, e))?;
        if !status.is_success() {
            return Err(fail(Some(status), value.to_string()));
        }
        serde_json::from_value(value.clone())
            .map_err(|e| fail(Some(status), format!("unexpected answer ({e}): {value}")))
    }

    /// `GET path` for `step`.
    pub async fn get<T: DeserializeOwned>(&mut self, step: &str, path: &str) -> Result<T, StepError> {
        self.call(step, Method::GET, path, None::<&Value>).await
    }

    /// `POST path` with a JSON body for `step`.
    pub async fn post<T: DeserializeOwned>(
        &mut self,
        step: &str,
        path: &str,
        body: &(impl Serialize + ?Sized),
    ) -> Result<T, StepError> {
        self.call(step, Method::POST, path, Some(body)).await
    }
}
