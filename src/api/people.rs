//! People: search, profiles and private contacts (`/api/search`,
//! `/api/people/{id}`, `/api/contacts`).

use samtal_core::PersonId;
use samtal_core::api::{AddContact, Contact, Done, Profile, SearchResult};
use serde::de::DeserializeOwned;

use super::{ClientError, Method, json_request, read, request, send};

/// Sends a request without a body and reads its answer.
pub(crate) async fn call<T: DeserializeOwned>(method: Method, path: &str) -> Result<T, ClientError> {
    let response = request(method, path).send().await.map_err(|_| ClientError::Network)?;
    read(response).await
}

/// `GET /api/search?q=`: private contacts first, then the directory entries
/// of the organizations the person may search.
pub async fn search(query: &str) -> Result<Vec<SearchResult>, ClientError> {
    let response =
        request(Method::GET, "/api/search").query([("q", query)]).send().await.map_err(|_| ClientError::Network)?;
    read(response).await
}

/// `GET /api/people/{person_id}`: a profile, with the directory attributes
/// the person may see.
pub async fn profile(person_id: PersonId) -> Result<Profile, ClientError> {
    call(Method::GET, &format!("/api/people/{person_id}")).await
}

/// `POST /api/contacts`: saves a person as a private contact (saving twice is fine).
pub async fn add_contact(person_id: PersonId) -> Result<Contact, ClientError> {
    send(json_request(Method::POST, "/api/contacts", &AddContact { person_id })?).await
}

/// `DELETE /api/contacts/{person_id}`: removes a contact; private chats with them stay.
pub async fn remove_contact(person_id: PersonId) -> Result<(), ClientError> {
    call::<Done>(Method::DELETE, &format!("/api/contacts/{person_id}")).await.map(|_| ())
}
