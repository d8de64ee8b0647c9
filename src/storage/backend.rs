//! The bottom layer of the cache: named object stores of JSON strings.

use std::fmt;

/// The object stores of a container, one per kind of cached thing. Every
/// container has all of them, whatever its owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StoreName {
    /// Small facts about the container and the person: the cursor of the
    /// event stream, who is signed in, when the key was last confirmed.
    Meta,
    /// The conversation list's rows, by conversation id.
    Conversations,
    /// Conversation profiles (members, capabilities), by conversation id.
    Details,
    /// Each conversation's messages, one record per conversation.
    Messages,
    /// Saved contacts, one record for the list.
    Contacts,
    /// People's profiles, by person id.
    Profiles,
    /// Search answers already seen, by query.
    Search,
    /// Messages written and not yet stored by the server, by queue position.
    Outbox,
}

impl StoreName {
    /// Every store, in schema order.
    pub const ALL: [StoreName; 8] = [
        StoreName::Meta,
        StoreName::Conversations,
        StoreName::Details,
        StoreName::Messages,
        StoreName::Contacts,
        StoreName::Profiles,
        StoreName::Search,
        StoreName::Outbox,
    ];

    /// The object store's name in IndexedDB.
    pub fn as_str(self) -> &'static str {
        match self {
            StoreName::Meta => "meta",
            StoreName::Conversations => "conversations",
            StoreName::Details => "details",
            StoreName::Messages => "messages",
            StoreName::Contacts => "contacts",
            StoreName::Profiles => "profiles",
            StoreName::Search => "search",
            StoreName::Outbox => "outbox",
        }
    }
}

/// Why the cache could not read or write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// IndexedDB refused (quota, a blocked upgrade, a closed database).
    Database(String),
    /// Encrypting or decrypting failed: a wrong key or a damaged record.
    Crypto(String),
    /// A stored value is not what this version expects.
    Corrupt(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Database(why) => write!(f, "the browser's database failed: {why}"),
            StorageError::Crypto(why) => write!(f, "the cache could not be decrypted: {why}"),
            StorageError::Corrupt(why) => write!(f, "a cached value could not be read: {why}"),
        }
    }
}

impl std::error::Error for StorageError {}

/// A key-value store of JSON strings in [`StoreName`]d object stores.
///
/// Single-threaded (the browser's), so the futures need not be `Send`.
#[allow(async_fn_in_trait)]
pub trait Backend {
    /// The value under `key`, if any.
    async fn get(&self, store: StoreName, key: &str) -> Result<Option<String>, StorageError>;
    /// Stores `value` under `key`, replacing what was there.
    async fn put(&self, store: StoreName, key: &str, value: &str) -> Result<(), StorageError>;
    /// Removes `key` (nothing happens when it is not there).
    async fn delete(&self, store: StoreName, key: &str) -> Result<(), StorageError>;
    /// Every `(key, value)` of the store, in no particular order.
    async fn all(&self, store: StoreName) -> Result<Vec<(String, String)>, StorageError>;
    /// Empties the store.
    async fn clear(&self, store: StoreName) -> Result<(), StorageError>;
}

/// One of the backends, chosen at run time (a trait with async methods can't
/// be a trait object).
#[derive(Debug, Clone)]
pub enum AnyBackend {
    /// In memory: for tests, and where IndexedDB is unavailable.
    Memory(super::MemoryBackend),
    /// IndexedDB, plain or encrypted.
    Idb(super::IdbBackend),
}

impl Backend for AnyBackend {
    async fn get(&self, store: StoreName, key: &str) -> Result<Option<String>, StorageError> {
        match self {
            AnyBackend::Memory(b) => b.get(store, key).await,
            AnyBackend::Idb(b) => b.get(store, key).await,
        }
    }

    async fn put(&self, store: StoreName, key: &str, value: &str) -> Result<(), StorageError> {
        match self {
            AnyBackend::Memory(b) => b.put(store, key, value).await,
            AnyBackend::Idb(b) => b.put(store, key, value).await,
        }
    }

    async fn delete(&self, store: StoreName, key: &str) -> Result<(), StorageError> {
        match self {
            AnyBackend::Memory(b) => b.delete(store, key).await,
            AnyBackend::Idb(b) => b.delete(store, key).await,
        }
    }

    async fn all(&self, store: StoreName) -> Result<Vec<(String, String)>, StorageError> {
        match self {
            AnyBackend::Memory(b) => b.all(store).await,
            AnyBackend::Idb(b) => b.all(store).await,
        }
    }

    async fn clear(&self, store: StoreName) -> Result<(), StorageError> {
        match self {
            AnyBackend::Memory(b) => b.clear(store).await,
            AnyBackend::Idb(b) => b.clear(store).await,
        }
    }
}
