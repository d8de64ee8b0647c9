//! The store's areas, written once for both backends.
//!
//! This folder is not a module of `store`: each backend includes it
//! (`#[path = "../sql/mod.rs"] mod sql;`), after naming its database `Db`
//! and its `dialect` module, so every area compiles once per backend, with
//! concrete types and errors that point here.
//!
//! The SQL text is the same on both databases: parameters are numbered
//! (`$1`, which sqlx's SQLite driver binds by number too), booleans are
//! bare columns and `TRUE`/`FALSE`, casts are `CAST(x AS BIGINT)`. What the
//! two really say differently (id lists, case-insensitive ordering, the
//! larger of two values, bulk inserts from JSON, row locks) comes from the
//! backend's `dialect`, which offers the same names on both.
//!
//! A new area: its trait in `store/<area>.rs`, its body here as
//! `<area>.rs` (implementing the trait for [`SqlTx`]), a `mod` line below,
//! and the trait in [`crate::store::Tx`]'s bounds.

use super::{Db, dialect};

mod accounts;
mod cache_keys;
mod conversations;
mod directory;
mod events;
mod identity;
mod limits;
mod mail;
mod messages;
mod orgs;
mod tx;
mod verbs;

pub use self::tx::SqlTx;
