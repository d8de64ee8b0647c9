//! The state every handler shares.

use std::sync::Arc;

use crate::config::Config;
use crate::domain::Domain;

/// Shared by every handler: the settings and the domain over the store.
#[derive(Clone)]
pub struct AppState {
    /// Settings.
    pub config: Arc<Config>,
    /// Samtal's operations over the store.
    pub domain: Arc<Domain>,
}

impl AppState {
    /// State over a store.
    pub fn new(config: Config, store: Arc<dyn crate::store::Store>) -> Self {
        Self { config: Arc::new(config), domain: Arc::new(Domain::new(store)) }
    }
}
