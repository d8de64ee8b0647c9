//! The in-memory [`Backend`]: the reference the IndexedDB backends are tested
//! against, and the fallback where IndexedDB is missing.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use super::{Backend, StorageError, StoreName};

/// Values in a map; clones share it.
#[derive(Debug, Clone, Default)]
pub struct MemoryBackend {
    data: Rc<RefCell<BTreeMap<(StoreName, String), String>>>,
}

impl MemoryBackend {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }
}

impl Backend for MemoryBackend {
    async fn get(&self, store: StoreName, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.data.borrow().get(&(store, key.to_owned())).cloned())
    }

    async fn put(&self, store: StoreName, key: &str, value: &str) -> Result<(), StorageError> {
        self.data.borrow_mut().insert((store, key.to_owned()), value.to_owned());
        Ok(())
    }

    async fn delete(&self, store: StoreName, key: &str) -> Result<(), StorageError> {
        self.data.borrow_mut().remove(&(store, key.to_owned()));
        Ok(())
    }

    async fn all(&self, store: StoreName) -> Result<Vec<(String, String)>, StorageError> {
        Ok(self
            .data
            .borrow()
            .iter()
            .filter(|((s, _), _)| *s == store)
            .map(|((_, k), v)| (k.clone(), v.clone()))
            .collect())
    }

    async fn clear(&self, store: StoreName) -> Result<(), StorageError> {
        self.data.borrow_mut().retain(|(s, _), _| *s != store);
        Ok(())
    }
}
