//! The state every handler shares.

use std::sync::Arc;

use crate::config::Config;
use crate::store::Store;

/// Shared by every handler: the settings and the store.
#[derive(Clone)]
pub struct AppState {
    /// Settings.
    pub config: Arc<Config>,
    /// Where the data lives.
    pub store: Arc<dyn Store>,
}

impl AppState {
    /// State over a store.
    pub fn new(config: Config, store: Arc<dyn Store>) -> Self {
        Self { config: Arc::new(config), store }
    }
}
