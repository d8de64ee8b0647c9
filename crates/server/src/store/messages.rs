//! Messages, read markers, attachments and exports.

use async_trait::async_trait;

/// Messages, read markers, attachments and exports.
#[async_trait]
pub trait MessageStore: Send + Sync {}
