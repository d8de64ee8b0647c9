//! [`AdminStore`] on SQLite.

use super::SqliteStore;
use crate::store::AdminStore;

impl AdminStore for SqliteStore {}
