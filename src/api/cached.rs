//! Calls whose answers are kept in the device cache and served from it when
//! the network is gone: contacts, search, profiles and conversation profiles.
//! Online, the server's answer wins and refreshes the cache; offline, what
//! was seen last is shown instead of an error.

use samtal_core::api::{Contact, ConversationDetail, Profile, SearchResult};
use samtal_core::{ConversationId, PersonId};

use super::ClientError;
use crate::state::cache::{self, device};

/// `GET /api/contacts`, or the cached list offline.
pub async fn contacts() -> Result<Vec<Contact>, ClientError> {
    let device = device();
    let answer = super::contacts().await;
    match (&answer, device) {
        (Ok(list), Some(device)) => {
            let list = list.clone();
            cache::write(async move { device.put_contacts(&list).await });
        }
        (Err(ClientError::Network), Some(device)) => {
            if let Ok(Some(list)) = device.contacts().await {
                return Ok(list);
            }
        }
        _ => {}
    }
    answer
}

/// `GET /api/search?q=`, or the cached answer to the same query offline.
pub async fn search(query: &str) -> Result<Vec<SearchResult>, ClientError> {
    let device = device();
    let answer = super::people::search(query).await;
    match (&answer, device) {
        (Ok(results), Some(device)) => {
            let (query, results) = (query.to_owned(), results.clone());
            cache::write(async move { device.put_search(&query, &results).await });
        }
        (Err(ClientError::Network), Some(device)) => {
            if let Ok(Some(results)) = device.search(query).await {
                return Ok(results);
            }
        }
        _ => {}
    }
    answer
}

/// `GET /api/people/{id}`, or the cached profile offline.
pub async fn profile(person: PersonId) -> Result<Profile, ClientError> {
    let device = device();
    let answer = super::people::profile(person).await;
    match (&answer, device) {
        (Ok(profile), Some(device)) => {
            let profile = profile.clone();
            cache::write(async move { device.put_profile(&profile).await.map(|_| ()) });
        }
        (Err(ClientError::Network), Some(device)) => {
            if let Ok(Some(profile)) = device.profile(person).await {
                return Ok(profile);
            }
        }
        _ => {}
    }
    answer
}

/// `GET /api/conversations/{id}`, or the cached profile offline.
pub async fn conversation(id: ConversationId) -> Result<ConversationDetail, ClientError> {
    let device = device();
    let answer = super::chat::conversation(id).await;
    match (&answer, device) {
        (Ok(detail), Some(device)) => {
            let detail = detail.clone();
            cache::write(async move { device.put_detail(&detail).await.map(|_| ()) });
        }
        (Err(ClientError::Network), Some(device)) => {
            if let Ok(Some(detail)) = device.detail(id).await {
                return Ok(detail);
            }
        }
        _ => {}
    }
    answer
}
