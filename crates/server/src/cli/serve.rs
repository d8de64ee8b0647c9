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
    AppState::new(config, store)
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
        nats = config.nats_url.as_deref().unwrap_or("off (one instance)"),
        attachments = state.blobs.shown(),
        "Samtal is listening on {}://{addr}",
        if config.tls.is_some() { "https" } else { "http" }
    );
    // Where the log stands first, then the other instances' notices.
    let watch = state.domain.watch_log(config.poll_every).await.context("reading the event log")?;
    let cluster = join_cluster(&state).await?;
    let sweeper = crate::uploads::spawn_sweeper(state.clone());
    // Rule 12: missed-message e-mail digests (nothing without SAMTAL_SMTP_URL).
    let mail = crate::mail::spawn_worker(state.clone()).await.context("starting missed-message e-mails")?;
    // The peer's address is what sign-in limits count per address.
    let app = crate::app(state).into_make_service_with_connect_info::<SocketAddr>();
    let served = match &config.tls {
        None => axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await.context("serving"),
        Some(tls) => serve_tls(listener, app, tls).await,
    };
    if let Some(mail) = mail {
        mail.abort();
    }
    watch.abort();
    sweeper.abort();
    if let Some(cluster) = cluster {
        cluster.stop().await;
    }
    served?;
    tracing::info!("Samtal stopped");
    Ok(())
}

/// Serves HTTPS on `listener` until Ctrl-C or SIGTERM, letting in-flight
/// requests finish.
async fn serve_tls(
    listener: tokio::net::TcpListener,
    app: axum::extract::connect_info::IntoMakeServiceWithConnectInfo<axum::Router, SocketAddr>,
    tls: &crate::config::TlsFiles,
) -> anyhow::Result<()> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let rustls =
        axum_server::tls_rustls::RustlsConfig::from_pem_file(&tls.cert, &tls.key).await.with_context(|| {
            format!("could not read the certificate {} and key {}", tls.cert.display(), tls.key.display())
        })?;
    let handle = axum_server::Handle::new();
    let stopping = handle.clone();
    tokio::spawn(async move {
        shutdown_signal().await;
        stopping.graceful_shutdown(Some(std::time::Duration::from_secs(30)));
    });
    let listener = listener.into_std().context("handing the listener to the TLS server")?;
    axum_server::from_tcp_rustls(listener, rustls)
        .context("serving HTTPS")?
        .handle(handle)
        .serve(app)
        .await
        .context("serving HTTPS")
}

/// Joins the other instances over NATS when configured; without it, warns
/// if other servers use the same database, since their events then reach
/// this one's streams only with each poll of the log.
async fn join_cluster(state: &AppState) -> anyhow::Result<Option<crate::cluster::Cluster>> {
    if let Some(url) = &state.config.nats_url {
        return Ok(Some(crate::cluster::join(&state.domain, url).await?));
    }
    match state.domain.store().other_servers().await {
        Ok(0) => {}
        Ok(others) => tracing::warn!(
            others,
            poll_every = ?state.config.poll_every,
            "other Samtal servers use this database, and no SAMTAL_NATS_URL is set: their events reach \
             this server's streams only with each poll of the log"
        ),
        Err(e) => tracing::debug!(error = %e, "could not tell whether other servers use this database"),
    }
    Ok(None)
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
