//! The browser cache: what a person has seen, kept on the device so the app
//! opens and browses offline (rules 10 and 13).
//!
//! Layers, from the bottom:
//! - [`Backend`]: a key-value store of JSON strings in named object stores
//!   ([`StoreName`]), with an in-memory implementation ([`MemoryBackend`]) and
//!   IndexedDB ([`IdbBackend`]), plain or encrypted with a [`Cipher`]. One test
//!   suite runs against all three.
//! - [`Container`]: one backend per owner of data, with typed reads and
//!   writes: the person's private container, and one encrypted container per
//!   organization whose conversations they are in.
//! - [`Device`]: every container of the signed-in person, routing each item
//!   to the container of its owner, merging reads, and wiping a container or
//!   a conversation's records when access ends.
//!
//! Nothing here touches the DOM or the network; `sync` and the screens call in.

mod backend;
mod cipher;
mod container;
mod device;
mod idb;
mod memory;
pub mod outbox;
pub mod owner;

pub use backend::{AnyBackend, Backend, StorageError, StoreName};
pub use cipher::{Cipher, CipherKeys};
pub use container::{Container, keys};
pub use device::{CachedMessages, Device, MESSAGES_KEPT, Medium, current, memory_device, open_for, set_current};
pub use idb::{IdbBackend, SCHEMA_VERSION, database_names, delete_database};
pub use memory::MemoryBackend;
pub use owner::Owner;
