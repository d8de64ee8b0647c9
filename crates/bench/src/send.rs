//! `send`: S people send N messages in all to one group, as fast as each gets
//! its answers, while one more member watches their event socket.

use std::time::{Duration, Instant};

use anyhow::{Result, bail};

use crate::client::Socket;
use crate::report::Row;
use crate::server::{Backend, Server, Setup};
use crate::stats::Samples;
use crate::world;

/// Sizes of the workload.
#[derive(Debug, Clone, Copy)]
pub struct SendSize {
    /// Concurrent senders.
    pub senders: usize,
    /// Messages in all.
    pub messages: usize,
}

/// Runs the workload and answers its rows.
pub async fn run(setup: &Setup, backend: Backend, size: SendSize) -> Result<Vec<Row>> {
    let server = Server::start(setup, backend, "send").await?;
    let http = crate::client::http()?;
    let (_, mut people) = world::people(&server, &http, "sender", size.senders + 1).await?;
    let receiver = people.pop().unwrap_or_else(|| unreachable!("one more than the senders"));
    let group = world::group(&receiver, &people).await?;
    let socket = receiver.socket(world::latest_event(&receiver).await?).await?;

    let epoch = Instant::now();
    let watcher = tokio::spawn(watch(socket, epoch, size.messages));
    let per_sender = size.messages.div_ceil(size.senders);
    let before = server.usage()?;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (s, sender) in people.into_iter().enumerate() {
        let count = per_sender.min(size.messages.saturating_sub(s * per_sender));
        tasks.push(tokio::spawn(async move {
            let mut latencies = Samples::default();
            for i in 0..count {
                let sent = Instant::now();
                let text = format!("t:{}", (sent - epoch).as_micros());
                world::send(&sender, group, &text, &format!("s{s}-{i}")).await?;
                latencies.push(sent.elapsed());
            }
            anyhow::Ok(latencies)
        }));
    }
    let mut sends = Samples::default();
    for task in tasks {
        sends.extend(task.await??);
    }
    let elapsed = started.elapsed();
    let deliveries = watcher.await??;
    let cores = (server.usage()?.cpu_seconds - before.cpu_seconds) / started.elapsed().as_secs_f64();
    let throughput = size.messages as f64 / elapsed.as_secs_f64();

    let name = format!("send {} senders, {} msgs", size.senders, size.messages);
    let b = backend.name();
    Ok(vec![
        Row::new(&name, b, format!("{throughput:.0} msgs/s (the server busy {cores:.2} of the cores)"))
            .target("≥ 1,000 msgs/s", throughput >= 1000.0)
            .figure("msgs_per_s", throughput)
            .figure("server_cores", cores),
        Row::new(&name, b, format!("send {}", sends.summary(&[50.0, 99.0])))
            .target("p99 ≤ 25 ms", sends.percentile(99.0) <= 25.0)
            .figure("send_p50_ms", sends.percentile(50.0))
            .figure("send_p99_ms", sends.percentile(99.0))
            .figure("send_max_ms", sends.max()),
        Row::new(&name, b, format!("delivery {}", deliveries.summary(&[50.0, 99.0])))
            .target("p99 ≤ 25 ms", deliveries.percentile(99.0) <= 25.0)
            .figure("delivery_p50_ms", deliveries.percentile(50.0))
            .figure("delivery_p99_ms", deliveries.percentile(99.0))
            .figure("delivery_max_ms", deliveries.max()),
    ])
}

/// Reads `expected` bench messages off a socket: each one's delay from its
/// send to its arrival.
pub async fn watch(mut socket: Socket, epoch: Instant, expected: usize) -> Result<Samples> {
    let mut delays = Samples::default();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(180);
    while delays.len() < expected {
        let event = match tokio::time::timeout_at(deadline, socket.next_event()).await {
            Ok(event) => event?,
            Err(_) => bail!("only {} of {expected} messages arrived in 180 s", delays.len()),
        };
        let Some(event) = event else { bail!("the socket closed after {} of {expected} messages", delays.len()) };
        if let Some(sent) = sent_at(&event) {
            delays.push(epoch.elapsed().saturating_sub(sent));
        }
    }
    Ok(delays)
}

/// When a bench message was sent (since the epoch), from its text `t:MICROS`.
fn sent_at(event: &serde_json::Value) -> Option<Duration> {
    let event = &event["event"];
    if event["type"] != "message_created" {
        return None;
    }
    let micros: u64 = event["message"]["text"].as_str()?.strip_prefix("t:")?.parse().ok()?;
    Some(Duration::from_micros(micros))
}
