//! `fanout`: one member sends 20 messages a second to a group whose other
//! members each watch their own event socket: how long each delivery takes,
//! and what the deliveries cost the server.

use std::time::{Duration, Instant};

use anyhow::Result;

use crate::report::Row;
use crate::send::watch;
use crate::server::{Backend, Server, Setup};
use crate::stats::{Samples, ms};
use crate::world;

/// The most members a group may have (the spec's limit), the sender included.
const GROUP_MAX: usize = 500;

/// Several instances on one PostgreSQL database, NATS between them.
#[derive(Debug, Clone, Copy)]
pub struct Cluster<'a> {
    /// How many.
    pub instances: usize,
    /// Their NATS.
    pub nats_url: &'a str,
}

/// Runs the workload for `sockets` open sockets and answers its rows. With
/// a `cluster`, the sockets are spread over its instances in turn; the
/// sender sends through the first, and the CPU is every instance's.
pub async fn run(
    setup: &Setup,
    backend: Backend,
    sockets: usize,
    messages: usize,
    cluster: Option<Cluster<'_>>,
) -> Result<Vec<Row>> {
    let name = format!("fanout-{sockets}{}", cluster.map_or(String::new(), |c| format!("-x{}", c.instances)));
    let server = Server::start_with(setup, backend, &name, cluster.map(|c| c.nats_url)).await?;
    let mut servers = vec![];
    if let Some(cluster) = cluster {
        for n in 1..cluster.instances {
            servers.push(server.another(setup, &format!("{name}-instance-{n}"), cluster.nats_url).await?);
        }
    }
    let bases: Vec<String> =
        std::iter::once(server.base.clone()).chain(servers.iter().map(|s| s.base.clone())).collect();
    let http = crate::client::http()?;
    // Past the group limit, members watch from several devices each.
    let receivers = sockets.clamp(1, GROUP_MAX - 1);
    let (sender, people) = world::people(&server, &http, "member", receivers).await?;
    let group = world::group(&sender, &people).await?;
    let mut opened = Vec::with_capacity(sockets);
    for i in 0..sockets {
        let person = people[i % receivers].at(&bases[i % bases.len()]);
        let since = world::latest_event(&person).await?;
        opened.push(person.socket(since).await?);
    }

    let epoch = Instant::now();
    let watchers: Vec<_> = opened.into_iter().map(|s| tokio::spawn(watch(s, epoch, messages))).collect();
    let usage = || -> Result<(f64, f64)> {
        let first = server.usage()?;
        let (mut cpu, mut rss) = (first.cpu_seconds, first.rss_bytes as f64);
        for other in &servers {
            let u = other.usage()?;
            cpu += u.cpu_seconds;
            rss += u.rss_bytes as f64;
        }
        Ok((cpu, rss))
    };
    let (cpu_before, _) = usage()?;
    let mut every = tokio::time::interval(Duration::from_millis(50));
    for i in 0..messages {
        every.tick().await;
        let text = format!("t:{}", epoch.elapsed().as_micros());
        world::send(&sender, group, &text, &format!("f{i}")).await?;
    }
    let mut delays = Samples::default();
    for watcher in watchers {
        delays.extend(watcher.await??);
    }
    let (cpu_after, rss_after) = usage()?;
    let deliveries = sockets * messages;
    let cpu = cpu_after - cpu_before;
    let cpu_per_1000 = cpu * 1000.0 / (deliveries as f64 / 1000.0);

    let spread = cluster.map_or(String::new(), |c| format!(" over {} instances", c.instances));
    let name = if sockets > receivers {
        format!("fanout K={sockets} sockets ({receivers} members){spread}, 20 msgs/s")
    } else {
        format!("fanout K={sockets}{spread}, 20 msgs/s")
    };
    let b = backend.name();
    let rss_mb = rss_after / (1024.0 * 1024.0);
    let p99 = delays.percentile(99.0);
    let delivery = Row::new(&name, b, format!("delivery {}", delays.summary(&[50.0, 99.0])))
        .figure("delivery_p50_ms", delays.percentile(50.0))
        .figure("delivery_p99_ms", p99)
        .figure("delivery_max_ms", delays.max());
    let cost = Row::new(
        &name,
        b,
        format!(
            "server CPU {} per 1,000 deliveries ({cpu:.2} s for {deliveries}); RSS {rss_mb:.0} MB{}",
            ms(cpu_per_1000),
            if cluster.is_some() { " (all instances)" } else { "" }
        ),
    )
    .figure("cpu_ms_per_1000", cpu_per_1000)
    .figure("cpu_seconds", cpu)
    .figure("deliveries", deliveries)
    .figure("rss_mb", rss_mb);
    // The targets are set for a thousand sockets.
    if sockets >= 1000 {
        Ok(vec![delivery.target("p99 ≤ 100 ms", p99 <= 100.0), cost.target("≤ 50 ms per 1,000", cpu_per_1000 <= 50.0)])
    } else {
        Ok(vec![delivery, cost])
    }
}
