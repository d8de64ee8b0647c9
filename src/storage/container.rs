//! One owner's container: typed reads and writes over a [`Backend`].

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{AnyBackend, Backend, Owner, StorageError, StoreName};

/// Keys of the records every container may hold.
pub mod keys {
    use samtal_core::{ConversationId, PersonId};

    /// Meta: the signed-in person (`Me`), in the private container.
    pub const ME: &str = "me";
    /// Meta: the id of the last event applied, in the private container.
    pub const CURSOR: &str = "cursor";
    /// Meta: the organizations that have a container, in the private container.
    pub const ORGS: &str = "orgs";
    /// Meta: when the server last handed out this organization's key.
    pub const CONFIRMED_AT: &str = "confirmed_at";
    /// Meta: how long the key may go unconfirmed, in milliseconds.
    pub const LIMIT_MS: &str = "limit_ms";
    /// Contacts: the whole list.
    pub const CONTACTS: &str = "list";

    /// The record of one conversation (row, profile, messages).
    pub fn conversation(id: ConversationId) -> String {
        id.to_string()
    }

    /// The record of one profile.
    pub fn person(id: PersonId) -> String {
        id.to_string()
    }

    /// The record of one search: the query as the person typed it, trimmed and lowercased.
    pub fn search(query: &str) -> String {
        query.trim().to_lowercase()
    }
}

/// The data of one owner on this device.
#[derive(Debug, Clone)]
pub struct Container {
    owner: Owner,
    backend: AnyBackend,
}

fn corrupt(error: serde_json::Error) -> StorageError {
    StorageError::Corrupt(error.to_string())
}

impl Container {
    /// A container for `owner` over `backend`.
    pub fn new(owner: Owner, backend: AnyBackend) -> Self {
        Self { owner, backend }
    }

    /// Whose data this is.
    pub fn owner(&self) -> Owner {
        self.owner
    }

    /// The backend underneath.
    pub fn backend(&self) -> &AnyBackend {
        &self.backend
    }

    /// The value under `key`, decoded.
    pub async fn get<T: DeserializeOwned>(&self, store: StoreName, key: &str) -> Result<Option<T>, StorageError> {
        match self.backend.get(store, key).await? {
            Some(json) => serde_json::from_str(&json).map(Some).map_err(corrupt),
            None => Ok(None),
        }
    }

    /// Stores `value` under `key`.
    pub async fn put<T: Serialize + ?Sized>(&self, store: StoreName, key: &str, value: &T) -> Result<(), StorageError> {
        let json = serde_json::to_string(value).map_err(corrupt)?;
        self.backend.put(store, key, &json).await
    }

    /// Removes `key`.
    pub async fn delete(&self, store: StoreName, key: &str) -> Result<(), StorageError> {
        self.backend.delete(store, key).await
    }

    /// Every value of `store`, decoded, with its key. A value this version
    /// can't read is skipped rather than failing the whole list.
    pub async fn all<T: DeserializeOwned>(&self, store: StoreName) -> Result<Vec<(String, T)>, StorageError> {
        let pairs = self.backend.all(store).await?;
        Ok(pairs
            .into_iter()
            .filter_map(|(key, json)| match serde_json::from_str(&json) {
                Ok(value) => Some((key, value)),
                Err(error) => {
                    log::warn!("skipping a cached {} record: {error}", store.as_str());
                    None
                }
            })
            .collect())
    }

    /// Empties `store`.
    pub async fn clear(&self, store: StoreName) -> Result<(), StorageError> {
        self.backend.clear(store).await
    }
}
