//! [`ConversationStore`] on SQLite.

use super::SqliteStore;
use crate::store::ConversationStore;

impl ConversationStore for SqliteStore {}
