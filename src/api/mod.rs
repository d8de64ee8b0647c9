//! Typed calls to Samtal's HTTP API (`/api`), using the wire types of `samtal-core`.
//!
//! Every state-changing request carries `X-Samtal-Request: 1`: the server
//! refuses POST, PUT, PATCH and DELETE without it, and a cross-site form can't
//! set it. The session itself is an HTTP-only cookie the browser sends along.

pub mod admin;
pub mod cached;
pub mod chat;
mod error;
pub mod events;
pub mod groups;
pub mod me;
pub mod people;
pub mod verbs;

pub use error::ClientError;
pub use gloo_net::http::Method;

use gloo_net::http::{Request, RequestBuilder, Response};
use samtal_core::api::{Contact, ConversationSummary, Done, LoginRequest, Me, Person, SignupRequest};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The header that marks a request as coming from the app itself.
pub const CSRF_HEADER: &str = "X-Samtal-Request";

/// Whether requests with `method` change state, and so need [`CSRF_HEADER`].
pub fn changes_state(method: &Method) -> bool {
    ![Method::GET, Method::HEAD, Method::OPTIONS].contains(method)
}

/// A request to `path` (like `/api/me`), with the CSRF header where it is needed.
pub fn request(method: Method, path: &str) -> RequestBuilder {
    let needs_header = changes_state(&method);
    let builder = RequestBuilder::new(path).method(method).header("Accept", "application/json");
    if needs_header { builder.header(CSRF_HEADER, "1") } else { builder }
}

/// A state-changing request with a JSON body.
pub fn json_request<B: Serialize + ?Sized>(method: Method, path: &str, body: &B) -> Result<Request, ClientError> {
    // Serializing our own wire types can't fail; if it somehow did, nothing was sent.
    request(method, path).json(body).map_err(|_| ClientError::Unreadable { status: 0 })
}

/// Reads an answer: the JSON of a success, or the error it carries.
pub async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ClientError> {
    let status = response.status();
    if (200..300).contains(&status) {
        return response.json::<T>().await.map_err(|_| ClientError::Unreadable { status });
    }
    let body = response.text().await.unwrap_or_default();
    Err(ClientError::from_response(status, &body))
}

/// Sends a built request and reads its answer.
pub async fn send<T: DeserializeOwned>(request: Request) -> Result<T, ClientError> {
    let response = request.send().await.map_err(|_| ClientError::Network)?;
    read(response).await
}

/// `GET path` and its answer.
pub(crate) async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ClientError> {
    let response = request(Method::GET, path).send().await.map_err(|_| ClientError::Network)?;
    read(response).await
}

/// `GET /api/me`: who is signed in. Fails with `unauthenticated` when nobody is.
pub async fn me() -> Result<Me, ClientError> {
    get("/api/me").await
}

/// `POST /api/auth/login`: starts a session.
pub async fn login(body: &LoginRequest) -> Result<Person, ClientError> {
    send(json_request(Method::POST, "/api/auth/login", body)?).await
}

/// `POST /api/auth/signup`: creates a person and signs them in.
pub async fn signup(body: &SignupRequest) -> Result<Person, ClientError> {
    send(json_request(Method::POST, "/api/auth/signup", body)?).await
}

/// `POST /api/auth/logout`: ends this session.
pub async fn logout() -> Result<(), ClientError> {
    let request = request(Method::POST, "/api/auth/logout").build().map_err(|_| ClientError::Network)?;
    send::<Done>(request).await.map(|_| ())
}

/// `GET /api/conversations`: every conversation of the person.
pub async fn conversations() -> Result<Vec<ConversationSummary>, ClientError> {
    get("/api/conversations").await
}

/// `GET /api/contacts`: the person's private contacts.
pub async fn contacts() -> Result<Vec<Contact>, ClientError> {
    get("/api/contacts").await
}
