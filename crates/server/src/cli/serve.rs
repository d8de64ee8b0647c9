//! `samtal-server serve`: open the store, listen, and stop gracefully on
//! Ctrl-C or SIGTERM: in-flight requests finish first. Event streams end
//! with the process; clients reconnect with their cursor and miss nothing.

use std::net::SocketAddr;

use anyhow::Context;

use crate::config::Config;
use crate::state::AppState;

/// Opens the data directory and serves until a shutdown signal.
pub async fn serve(config: Config, bind: SocketAddr) -> anyhow::Result<()> {
    let state = open(config).await?;
    serve_state(state, bind).await
}

/// Opens (creating and migrating if needed) the database of `config`.
pub async fn open(config: Config) -> anyhow::Result<AppState> {
    let store =
        crate::store::open(config.database_url.as_ref(), &config.data_dir).await.with_context(|| {
            match &config.database_url {
                Some(url) => format!("could not open the database {url}"),
                None => format!("could not open the data directory {}", config.data_dir.display()),
            }
        })?;
    Ok(AppState::new(config, store))
}

/// Serves `state` on `bind` until Ctrl-C or SIGTERM.
pub async fn serve_state(state: AppState, bind: SocketAddr) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(bind).await.with_context(|| format!("could not listen on {bind}"))?;
    let addr = listener.local_addr().context("reading the listening address")?;
    let config = state.config.clone();
    tracing::info!(
        data = %config.data_dir.display(),
        database = %config.database_url.as_ref().map_or_else(|| "sqlite (in the data directory)".to_owned(), ToString::to_string),
        web_client = %config.dist_dir.as_ref().map_or("none (API only)".to_owned(), |d| d.display().to_string()),
        operators = %config.operators.join(","),
        email = if config.smtp_url.is_some() { "on" } else { "off (no SAMTAL_SMTP_URL)" },
        "Samtal is listening on http://{addr}"
    );
    // Rule 12: missed-message e-mail digests (nothing without SAMTAL_SMTP_URL).
    let mail = crate::mail::spawn_worker(state.clone()).await.context("starting missed-message e-mails")?;
    let served =
        axum::serve(listener, crate::app(state)).with_graceful_shutdown(shutdown_signal()).await.context("serving");
    if let Some(mail) = mail {
        mail.abort();
    }
    served?;
    tracing::info!("Samtal stopped");
    Ok(())
}

/// Resolves on Ctrl-C or (on Unix) SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
