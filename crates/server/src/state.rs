//! The state every handler shares.

use std::sync::Arc;

use crate::blobs::Blobs;
use crate::config::Config;
use crate::domain::Domain;
use crate::oidc::Oidc;
use crate::secrets::Sealer;

/// Shared by every handler: the settings and the domain over the store.
#[derive(Clone)]
pub struct AppState {
    /// Settings.
    pub config: Arc<Config>,
    /// Samtal's operations over the store.
    pub domain: Arc<Domain>,
    /// Where attachment bytes live.
    pub blobs: Blobs,
    /// Organizations' identity providers.
    pub oidc: Oidc,
}

impl AppState {
    /// State over a store, with the attachment store `config` names
    /// (an error if it can't be used).
    pub fn new(config: Config, store: Arc<dyn crate::store::Store>) -> anyhow::Result<Self> {
        let blobs = Blobs::open(&config)?;
        let domain = Arc::new(Domain::new(store).with_limits(config.limits));
        let sealer = Sealer::load(config.secret_key.as_deref(), &config.data_dir)?;
        let oidc = Oidc::new(&config.public_url, sealer)?;
        Ok(Self { config: Arc::new(config), domain, blobs, oidc })
    }
}
