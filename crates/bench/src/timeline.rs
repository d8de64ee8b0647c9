//! `timeline`: a conversation of N messages; pages of it, newest and deep in
//! the history, and a new device catching up on every event by `/api/sync`.

use std::time::Instant;

use anyhow::{Context, Result};
use futures::StreamExt;
use serde_json::Value;

use crate::client::Person;
use crate::report::Row;
use crate::server::{Backend, Server, Setup};
use crate::stats::Samples;
use crate::world;

/// Times each page is read.
const REPEATS: usize = 100;
/// Times the whole catch-up runs.
const CATCH_UPS: usize = 5;

/// Runs the workload over `messages` messages and answers its rows.
pub async fn run(setup: &Setup, backend: Backend, messages: usize) -> Result<Vec<Row>> {
    let server = Server::start(setup, backend, "timeline").await?;
    let http = crate::client::http()?;
    let (_, people) = world::people(&server, &http, "reader", 2).await?;
    let (writer, reader) = (&people[0], &people[1]);
    let group = world::group(writer, std::slice::from_ref(reader)).await?;
    futures::stream::iter(
        (0..messages)
            .map(|i| async move { world::send(writer, group, &format!("message {i}"), &format!("m{i}")).await }),
    )
    .buffer_unordered(8)
    .collect::<Vec<_>>()
    .await
    .into_iter()
    .collect::<Result<Vec<_>>>()?;

    let path = |query: String| format!("/api/conversations/{group}/messages?limit=50{query}");
    let pages = [
        ("newest page", path(String::new())),
        ("older page", path(format!("&before={}", messages.saturating_sub(500)))),
        ("deep ?before=", path("&before=100".to_owned())),
    ];
    let b = backend.name();
    let name = format!("timeline, {messages} msgs");
    let mut rows = Vec::new();
    for (what, path) in pages {
        let times = repeat(reader, &path).await?;
        rows.push(
            Row::new(&name, b, format!("{what} of 50: server {}", times.summary(&[50.0, 99.0])))
                .figure("server_p50_ms", times.percentile(50.0))
                .figure("server_p99_ms", times.percentile(99.0)),
        );
    }

    let mut catch_ups = Samples::default();
    let mut events = 0;
    for _ in 0..CATCH_UPS {
        let started = Instant::now();
        events = catch_up(reader).await?;
        catch_ups.push(started.elapsed());
    }
    rows.push(
        Row::new(&name, b, format!("/api/sync catch-up of {events} events over HTTP: {}", catch_ups.summary(&[50.0])))
            .figure("events", events)
            .figure("catch_up_p50_ms", catch_ups.percentile(50.0)),
    );
    Ok(rows)
}

/// The server's times for `REPEATS` reads of `path`.
async fn repeat(person: &Person, path: &str) -> Result<Samples> {
    let mut times = Samples::default();
    for _ in 0..REPEATS {
        times.push(person.get(path).await?.server);
    }
    Ok(times)
}

/// Reads a person's whole event stream from the start, as a new device does;
/// how many events it held.
async fn catch_up(person: &Person) -> Result<usize> {
    let (mut since, mut events) = (0, 0);
    loop {
        let page = person.get(&format!("/api/sync?since={since}&limit=1000")).await?.body;
        events += page["events"].as_array().map_or(0, Vec::len);
        since = page["cursor"].as_i64().context("a sync page without a cursor")?;
        if page["has_more"] != Value::Bool(true) {
            return Ok(events);
        }
    }
}
