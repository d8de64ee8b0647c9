//! The windows of the abuse limits (`samtal_core::limits`).

use async_trait::async_trait;
use samtal_core::Millis;
use samtal_core::limits::Window;

use super::StoreResult;

/// Rows of rate windows, one per key.
#[async_trait]
pub trait LimitRows: Send {
    /// The key's window, as this transaction sees it.
    async fn rate_window(&mut self, key: &str) -> StoreResult<Option<Window>>;

    /// The key's window, kept from other writers until this transaction
    /// ends, so two servers counting the same key at once both count.
    async fn lock_rate_window(&mut self, key: &str) -> StoreResult<Option<Window>>;

    /// Stores the key's window.
    async fn put_rate_window(&mut self, key: &str, window: Window) -> StoreResult<()>;

    /// Deletes the windows that started before `before`; answers how many.
    async fn forget_rate_windows(&mut self, before: Millis) -> StoreResult<u64>;
}
