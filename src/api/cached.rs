//! Calls whose answers are kept in the device cache and served from it when
//! the network is gone: contacts, search, profiles and conversation profiles.
//! Online, the server's answer wins and refreshes the cache; offline, what
//! was seen last is shown instead of an error.

use std::future::Future;

use samtal_core::api::{Contact, ConversationDetail, Profile, SearchResult};
use samtal_core::{ConversationId, PersonId};

use super::ClientError;
use crate::state::cache::{self, device};
use crate::storage::{Device, StorageError};

/// Keeps a successful `answer` with `keep` (which queues the write); for a
/// lost connection, answers with what `get` finds in the cache instead,
/// where it finds anything.
async fn or_cached<T, Keep, Get, GetFut>(answer: Result<T, ClientError>, keep: Keep, get: Get) -> Result<T, ClientError>
where
    T: Clone,
    Keep: FnOnce(Device, T),
    Get: FnOnce(Device) -> GetFut,
    GetFut: Future<Output = Result<Option<T>, StorageError>>,
{
    let Some(device) = device() else { return answer };
    match &answer {
        Ok(value) => keep(device, value.clone()),
        Err(ClientError::Network) => {
            if let Ok(Some(cached)) = get(device).await {
                return Ok(cached);
            }
        }
        Err(_) => {}
    }
    answer
}

/// `GET /api/contacts`, or the cached list offline.
pub async fn contacts() -> Result<Vec<Contact>, ClientError> {
    or_cached(
        super::contacts().await,
        |device, list| cache::write(async move { device.put_contacts(&list).await }),
        |device| async move { device.contacts().await },
    )
    .await
}

/// `GET /api/search?q=`, or the cached answer to the same query offline.
pub async fn search(query: &str) -> Result<Vec<SearchResult>, ClientError> {
    let term = query.to_owned();
    or_cached(
        super::people::search(query).await,
        |device, results| cache::write(async move { device.put_search(&term, &results).await }),
        |device| async move { device.search(query).await },
    )
    .await
}

/// `GET /api/people/{id}`, or the cached profile offline.
pub async fn profile(person: PersonId) -> Result<Profile, ClientError> {
    or_cached(
        super::people::profile(person).await,
        |device, profile| cache::write(async move { device.put_profile(&profile).await.map(|_| ()) }),
        |device| async move { device.profile(person).await },
    )
    .await
}

/// `GET /api/conversations/{id}`, or the cached profile offline.
pub async fn conversation(id: ConversationId) -> Result<ConversationDetail, ClientError> {
    or_cached(
        super::chat::conversation(id).await,
        // An organization whose key is not on the device yet gets it
        // fetched, so the profile is kept for reading offline.
        |device, detail| {
            cache::write_with_keys(device, move |device| {
                let detail = detail.clone();
                async move { device.put_detail(&detail).await.map(|kept| !kept) }
            })
        },
        |device| async move { device.detail(id).await },
    )
    .await
}
