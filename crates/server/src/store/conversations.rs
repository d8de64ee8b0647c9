//! Conversations, members, messages, read markers, attachments and exports.

use async_trait::async_trait;

/// Conversations, members, messages, read markers, attachments and exports.
#[async_trait]
pub trait ConversationStore: Send + Sync {}
