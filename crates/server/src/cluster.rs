//! Several instances on one database. After each commit an instance tells
//! the others over NATS (`--nats-url`) who got events; each wakes only its
//! own streams of those people, with their events read back from the
//! database in one query per notice. A lost or repeated notice can make a
//! stream late (until the poll of the log,
//! [`crate::domain::Domain::watch_log`]) but never lose or repeat an event.
//!
//! NATS going away is not an outage: instances keep serving, streams learn
//! of other instances' events from the poll, and the client reconnects by
//! itself. The log says when this instance is degraded and when it has
//! recovered.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use anyhow::Context;
use futures::StreamExt;
use rand::RngCore;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::domain::Domain;
use crate::domain::watch::Notice;

/// Notices waiting for NATS before new ones are dropped.
const OUTBOX: usize = 4096;

/// This instance's part in the cluster; stops with [`Cluster::stop`] or
/// with the runtime.
#[derive(Debug)]
pub struct Cluster {
    /// This instance's name in its notices.
    pub instance: String,
    client: async_nats::Client,
    heard: Arc<AtomicU64>,
    tasks: Vec<JoinHandle<()>>,
}

/// The NATS subject of one installation's notices: instances of different
/// installations may share a NATS server.
pub fn subject(installation: &str) -> String {
    let token: String = installation.chars().filter(char::is_ascii_alphanumeric).collect();
    format!("samtal.{token}.events")
}

/// A fresh random name for this process.
fn instance_name() -> String {
    let mut bytes = [0u8; 8];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Connects to NATS at `url` (in the background if it is down now), and
/// from then on sends this instance's notices and hears the others'.
pub async fn join(domain: &Arc<Domain>, url: &str) -> anyhow::Result<Cluster> {
    let subject = subject(&domain.installation_id().await.context("reading the installation id")?);
    let instance = instance_name();
    let connected_once = Arc::new(AtomicBool::new(false));
    let degraded = Arc::new(AtomicBool::new(false));
    let events = {
        let domain = domain.clone();
        let url = url.to_owned();
        move |event: async_nats::Event| {
            let domain = domain.clone();
            let connected_once = connected_once.clone();
            let degraded = degraded.clone();
            let url = url.clone();
            async move {
                match event {
                    async_nats::Event::Connected => {
                        if degraded.swap(false, Ordering::SeqCst) {
                            tracing::info!(nats = %url, "NATS is back: other instances' events arrive at once again");
                        } else if !connected_once.swap(true, Ordering::SeqCst) {
                            tracing::info!(nats = %url, "connected to NATS");
                        }
                        // Notices sent while away are lost: look now.
                        domain.poll_soon();
                    }
                    async_nats::Event::Disconnected => {
                        if !degraded.swap(true, Ordering::SeqCst) {
                            tracing::warn!(
                                nats = %url,
                                "degraded: NATS is unreachable; other instances' events arrive only with the \
                                 next poll of the database until it is back"
                            );
                        }
                    }
                    other => tracing::debug!(event = %other, "NATS"),
                }
            }
        }
    };
    let client = async_nats::ConnectOptions::new()
        .name(format!("samtal-server {instance}"))
        .retry_on_initial_connect()
        .max_reconnects(None)
        .event_callback(events)
        .connect(url)
        .await
        .with_context(|| format!("could not use NATS at {url}"))?;

    let (notices, mut outbox) = mpsc::channel::<Notice>(OUTBOX);
    domain.announce_to(instance.clone(), notices);
    let sender = {
        let client = client.clone();
        let subject = subject.clone();
        tokio::spawn(async move {
            while let Some(notice) = outbox.recv().await {
                let Ok(payload) = serde_json::to_vec(&notice) else { continue };
                if let Err(e) = client.publish(subject.clone(), payload.into()).await {
                    tracing::debug!(error = %e, "a notice did not go out; the poll covers for it");
                }
            }
        })
    };
    let mut subscription = client.subscribe(subject).await.context("subscribing to the other instances' notices")?;
    let heard = Arc::new(AtomicU64::new(0));
    let listener = {
        let domain = domain.clone();
        let me = instance.clone();
        let heard = heard.clone();
        tokio::spawn(async move {
            while let Some(message) = subscription.next().await {
                match serde_json::from_slice::<Notice>(&message.payload) {
                    Ok(notice) if notice.from == me => {}
                    Ok(notice) => {
                        domain.woken_elsewhere(&notice).await;
                        heard.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(e) => tracing::debug!(error = %e, "ignoring a message that is no notice"),
                }
            }
        })
    };
    Ok(Cluster { instance, client, heard, tasks: vec![sender, listener] })
}

impl Cluster {
    /// Whether NATS is connected now.
    pub fn connected(&self) -> bool {
        self.client.connection_state() == async_nats::connection::State::Connected
    }

    /// How many notices of other instances this one has heard.
    pub fn heard(&self) -> u64 {
        self.heard.load(Ordering::Relaxed)
    }

    /// Stops sending and hearing notices.
    pub async fn stop(self) {
        for task in &self.tasks {
            task.abort();
        }
        let _ = self.client.drain().await;
    }
}
