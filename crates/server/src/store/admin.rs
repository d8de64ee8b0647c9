//! Organizations, directories, tenant policies and the audit log.

use async_trait::async_trait;

/// Organizations, directories, tenant policies and the audit log.
#[async_trait]
pub trait AdminStore: Send + Sync {}
