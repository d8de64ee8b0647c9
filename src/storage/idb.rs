//! The IndexedDB [`Backend`], plain or encrypted.
//!
//! Built on `indexed_db_futures` rather than `rexie`: its open request hands
//! the upgrade callback the old and new version, which is what a versioned
//! schema with one upgrade step per version needs; rexie only declares the
//! stores of the newest version.
//!
//! Every record is an envelope `[key, value]` as JSON. A plain container
//! keeps it as a string under the key itself. An encrypted one keeps it
//! sealed by its [`Cipher`] under the HMAC of the store and key, so neither
//! the names of things nor their contents can be read off the disk.

use std::cell::RefCell;
use std::rc::Rc;

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};
use zeroize::Zeroize;

use super::{Backend, Cipher, CipherKeys, StorageError, StoreName};

/// The schema version this client writes. Raise it with a new step in
/// [`upgrade_step`] whenever the stores change.
pub const SCHEMA_VERSION: u32 = 1;

/// The object store holding an encrypted container's `CryptoKey`s.
const KEYS_STORE: &str = "keys";
/// The one record in [`KEYS_STORE`].
const KEYS_RECORD: &str = "container";

fn db_error(error: impl std::fmt::Display) -> StorageError {
    StorageError::Database(error.to_string())
}

/// One step of the schema, from `version - 1` to `version`.
fn upgrade_step(db: &Database, version: u32) -> indexed_db_futures::Result<()> {
    // A match, so each new version adds its own arm.
    #[allow(clippy::single_match)]
    match version {
        // The first schema: every data store, and the keys of an encrypted container.
        1 => {
            for store in StoreName::ALL {
                db.create_object_store(store.as_str()).build()?;
            }
            db.create_object_store(KEYS_STORE).build()?;
        }
        _ => {}
    }
    Ok(())
}

/// The versions an upgrade from `old` must step through, in order.
pub fn upgrade_steps(old: u32, new: u32) -> std::ops::RangeInclusive<u32> {
    (old + 1)..=new
}

/// A container in IndexedDB. Clones share the open database.
#[derive(Debug, Clone)]
pub struct IdbBackend {
    name: String,
    db: Rc<RefCell<Option<Database>>>,
    cipher: Option<Cipher>,
}

impl IdbBackend {
    /// Opens (creating or upgrading) the database `name`, unencrypted.
    pub async fn open(name: &str) -> Result<IdbBackend, StorageError> {
        let db = Database::open(name)
            .with_version(SCHEMA_VERSION)
            .with_on_upgrade_needed(|event, db| {
                let old = event.old_version() as u32;
                let new = event.new_version().map_or(SCHEMA_VERSION, |v| v as u32);
                for version in upgrade_steps(old, new) {
                    upgrade_step(&db, version)?;
                }
                Ok(())
            })
            .await
            .map_err(db_error)?;
        let slot = Rc::new(RefCell::new(Some(db.clone())));
        // Another page deleting or upgrading this database (a sign-out or a
        // wipe in another tab) waits for every connection to close: close
        // ours as soon as it asks, instead of blocking it.
        if let Ok(mut changes) = db.version_changes() {
            let weak = Rc::downgrade(&slot);
            wasm_bindgen_futures::spawn_local(async move {
                if changes.recv().await.is_some() {
                    if let Some(slot) = weak.upgrade() {
                        slot.borrow_mut().take();
                    }
                    changes.db().clone().close();
                }
            });
        }
        Ok(IdbBackend { name: name.to_owned(), db: slot, cipher: None })
    }

    /// The same database, its values sealed with `cipher` from now on.
    pub fn with_cipher(self, cipher: Cipher) -> IdbBackend {
        IdbBackend { cipher: Some(cipher), ..self }
    }

    /// The database's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether values are encrypted.
    pub fn encrypted(&self) -> bool {
        self.cipher.is_some()
    }

    /// Closes the database (before deleting it: an open connection blocks that).
    pub fn close(&self) {
        if let Some(db) = self.db.borrow_mut().take() {
            db.close();
        }
    }

    /// The open database (a cheap handle), or an error once it is closed.
    fn database(&self) -> Result<Database, StorageError> {
        self.db.borrow().clone().ok_or_else(|| StorageError::Database(format!("{} is closed", self.name)))
    }

    /// The keys kept in this container, if it is an encrypted one.
    pub async fn stored_keys(&self) -> Result<Option<CipherKeys>, StorageError> {
        let db = self.database()?;
        let tx = db.transaction(KEYS_STORE).build().map_err(db_error)?;
        let store = tx.object_store(KEYS_STORE).map_err(db_error)?;
        let value: Option<JsValue> = store.get(KEYS_RECORD).primitive().map_err(db_error)?.await.map_err(db_error)?;
        let Some(value) = value else { return Ok(None) };
        let field = |name: &str| js_sys::Reflect::get(&value, &JsValue::from_str(name)).ok();
        let (Some(aes), Some(hmac), Some(fingerprint)) =
            (field("aes"), field("hmac"), field("fingerprint").and_then(|f| f.as_string()))
        else {
            return Err(StorageError::Corrupt("the container's keys".to_owned()));
        };
        match (aes.dyn_into(), hmac.dyn_into()) {
            (Ok(aes), Ok(hmac)) => Ok(Some(CipherKeys { aes, hmac, fingerprint })),
            _ => Err(StorageError::Corrupt("the container's keys".to_owned())),
        }
    }

    /// Keeps `keys` in this container: IndexedDB stores the `CryptoKey`s
    /// themselves, which stay non-extractable.
    pub async fn store_keys(&self, keys: &CipherKeys) -> Result<(), StorageError> {
        let record = js_sys::Object::new();
        let set = |name: &str, value: &JsValue| js_sys::Reflect::set(&record, &JsValue::from_str(name), value);
        set("aes", &keys.aes)
            .and(set("hmac", &keys.hmac))
            .and(set("fingerprint", &keys.fingerprint.clone().into()))
            .map_err(|_| StorageError::Crypto("keeping the keys".to_owned()))?;
        let db = self.database()?;
        let tx = db.transaction(KEYS_STORE).with_mode(TransactionMode::Readwrite).build().map_err(db_error)?;
        let store = tx.object_store(KEYS_STORE).map_err(db_error)?;
        store
            .put(JsValue::from(record))
            .with_key(KEYS_RECORD)
            .primitive()
            .map_err(db_error)?
            .await
            .map_err(db_error)?;
        tx.commit().await.map_err(db_error)
    }

    /// The IndexedDB key of `key` in `store`.
    async fn record_key(&self, store: StoreName, key: &str) -> Result<String, StorageError> {
        match &self.cipher {
            Some(cipher) => cipher.hash_key(store, key).await,
            None => Ok(key.to_owned()),
        }
    }

    /// The stored form of `(key, value)`.
    async fn seal(&self, key: &str, value: &str) -> Result<JsValue, StorageError> {
        let mut envelope = serde_json::to_string(&(key, value)).map_err(|e| StorageError::Corrupt(e.to_string()))?;
        let stored = match &self.cipher {
            Some(cipher) => {
                let sealed = cipher.seal(envelope.as_bytes()).await;
                envelope.zeroize();
                Uint8Array::from(sealed?.as_slice()).into()
            }
            None => JsValue::from_str(&envelope),
        };
        Ok(stored)
    }

    /// `(key, value)` back from its stored form.
    async fn open_record(&self, stored: JsValue) -> Result<(String, String), StorageError> {
        let mut envelope = match &self.cipher {
            Some(cipher) => {
                let bytes = stored
                    .dyn_ref::<Uint8Array>()
                    .map(Uint8Array::to_vec)
                    .ok_or_else(|| StorageError::Corrupt("a record is not encrypted".to_owned()))?;
                let opened = cipher.open(&bytes).await?;
                String::from_utf8(opened).map_err(|e| StorageError::Corrupt(e.to_string()))?
            }
            None => stored.as_string().ok_or_else(|| StorageError::Corrupt("a record is not text".to_owned()))?,
        };
        let pair = serde_json::from_str(&envelope).map_err(|e| StorageError::Corrupt(e.to_string()));
        envelope.zeroize();
        pair
    }
}

impl Backend for IdbBackend {
    async fn get(&self, store: StoreName, key: &str) -> Result<Option<String>, StorageError> {
        let record_key = self.record_key(store, key).await?;
        let db = self.database()?;
        let tx = db.transaction(store.as_str()).build().map_err(db_error)?;
        let object_store = tx.object_store(store.as_str()).map_err(db_error)?;
        let stored: Option<JsValue> =
            object_store.get(record_key.as_str()).primitive().map_err(db_error)?.await.map_err(db_error)?;
        drop(tx);
        match stored {
            Some(stored) => {
                let (stored_key, value) = self.open_record(stored).await?;
                // A record under a hashed key must say it is that key.
                if stored_key != key {
                    return Err(StorageError::Corrupt(format!("a record of {} is misplaced", store.as_str())));
                }
                Ok(Some(value))
            }
            None => Ok(None),
        }
    }

    async fn put(&self, store: StoreName, key: &str, value: &str) -> Result<(), StorageError> {
        // Encrypt before the transaction: an IndexedDB transaction commits
        // itself when the page awaits anything else.
        let record_key = self.record_key(store, key).await?;
        let stored = self.seal(key, value).await?;
        let db = self.database()?;
        let tx = db.transaction(store.as_str()).with_mode(TransactionMode::Readwrite).build().map_err(db_error)?;
        let object_store = tx.object_store(store.as_str()).map_err(db_error)?;
        object_store.put(stored).with_key(record_key).primitive().map_err(db_error)?.await.map_err(db_error)?;
        tx.commit().await.map_err(db_error)
    }

    async fn delete(&self, store: StoreName, key: &str) -> Result<(), StorageError> {
        let record_key = self.record_key(store, key).await?;
        let db = self.database()?;
        let tx = db.transaction(store.as_str()).with_mode(TransactionMode::Readwrite).build().map_err(db_error)?;
        let object_store = tx.object_store(store.as_str()).map_err(db_error)?;
        object_store.delete(record_key).primitive().map_err(db_error)?.await.map_err(db_error)?;
        tx.commit().await.map_err(db_error)
    }

    async fn all(&self, store: StoreName) -> Result<Vec<(String, String)>, StorageError> {
        let db = self.database()?;
        let tx = db.transaction(store.as_str()).build().map_err(db_error)?;
        let object_store = tx.object_store(store.as_str()).map_err(db_error)?;
        let records = object_store.get_all::<JsValue>().primitive().map_err(db_error)?.await.map_err(db_error)?;
        let stored: Vec<JsValue> = records.collect::<Result<_, _>>().map_err(db_error)?;
        drop(tx);
        let mut pairs = Vec::with_capacity(stored.len());
        for record in stored {
            pairs.push(self.open_record(record).await?);
        }
        Ok(pairs)
    }

    async fn clear(&self, store: StoreName) -> Result<(), StorageError> {
        let db = self.database()?;
        let tx = db.transaction(store.as_str()).with_mode(TransactionMode::Readwrite).build().map_err(db_error)?;
        let object_store = tx.object_store(store.as_str()).map_err(db_error)?;
        object_store.clear().map_err(db_error)?.await.map_err(db_error)?;
        tx.commit().await.map_err(db_error)
    }
}

/// The names of every IndexedDB database of this origin.
pub async fn database_names() -> Result<Vec<String>, StorageError> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or_else(|| StorageError::Database("IndexedDB is not available".to_owned()))?;
    // `databases()` is not in web-sys's stable API: call it by name.
    let method = js_sys::Reflect::get(&factory, &JsValue::from_str("databases"))
        .ok()
        .and_then(|m| m.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| StorageError::Database("indexedDB.databases() is not available".to_owned()))?;
    let promise = method.call0(&factory).map_err(|e| db_error(format!("{e:?}")))?;
    let list = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise))
        .await
        .map_err(|e| db_error(format!("{e:?}")))?;
    Ok(js_sys::Array::from(&list)
        .iter()
        .filter_map(|info| js_sys::Reflect::get(&info, &JsValue::from_str("name")).ok()?.as_string())
        .collect())
}

/// Deletes the database `name` and everything in it. Close every open
/// connection to it first ([`IdbBackend::close`]), or the browser waits.
pub async fn delete_database(name: &str) -> Result<(), StorageError> {
    Database::delete_by_name(name).map_err(db_error)?.await.map_err(db_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upgrades_take_one_step_per_version() {
        assert_eq!(upgrade_steps(0, 1).collect::<Vec<_>>(), [1]);
        assert_eq!(upgrade_steps(1, 3).collect::<Vec<_>>(), [2, 3]);
        assert!(upgrade_steps(SCHEMA_VERSION, SCHEMA_VERSION).next().is_none());
    }
}
