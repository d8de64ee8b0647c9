//! Serves the built web client.

use axum::Router;

use crate::config::Config;
use crate::state::AppState;

/// Serves `dist/` with an SPA fallback.
pub fn router(_config: &Config) -> Router<AppState> {
    Router::new()
}
