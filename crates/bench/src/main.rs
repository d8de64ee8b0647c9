//! `samtal-bench`: starts the release server on fresh data, drives it over
//! HTTP and WebSocket as many people at once, and prints a table of figures.
//! `cargo xtask bench` builds everything and runs it; see the README's
//! Benchmarks section.

use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use clap::Parser;

mod client;
mod fanout;
mod report;
mod search;
mod send;
mod server;
mod stats;
mod timeline;
mod world;

use report::{Machine, Row};
use server::{Backend, Setup};

/// Samtal's server benchmarks.
#[derive(Debug, Parser)]
struct Args {
    /// The release `samtal-server` binary.
    #[arg(long)]
    server: PathBuf,
    /// Where data directories go.
    #[arg(long, default_value = "target/bench")]
    scratch: PathBuf,
    /// Backends to run on: `sqlite`, `postgres`.
    #[arg(long, value_delimiter = ',', default_value = "sqlite,postgres")]
    backends: Vec<String>,
    /// The PostgreSQL server's maintenance database URL.
    #[arg(long, env = "SAMTAL_TEST_POSTGRES_URL", default_value = "postgres://postgres@127.0.0.1:5432/postgres")]
    postgres_url: String,
    /// Workloads to run: `send`, `fanout`, `search`, `timeline`.
    #[arg(long, value_delimiter = ',', default_value = "send,fanout,search,timeline")]
    only: Vec<String>,
    /// Concurrent senders of `send`.
    #[arg(long, default_value_t = 8)]
    senders: usize,
    /// Messages of `send`.
    #[arg(long, default_value_t = 500)]
    messages: usize,
    /// Open sockets of each `fanout` run.
    #[arg(long, value_delimiter = ',', default_value = "50,200,1000")]
    fanout: Vec<usize>,
    /// Messages each `fanout` run sends, at 20 a second.
    #[arg(long, default_value_t = 100)]
    fanout_messages: usize,
    /// Also run `fanout` on PostgreSQL with this many instances sharing the
    /// sockets (and NATS between them), beside the one-instance rows.
    #[arg(long, default_value_t = 1)]
    instances: usize,
    /// The NATS server of `--instances`.
    #[arg(long, env = "SAMTAL_TEST_NATS_URL", default_value = "nats://127.0.0.1:4222")]
    nats_url: String,
    /// Directory entries of `search`.
    #[arg(long, default_value_t = 100_000)]
    entries: usize,
    /// Messages of `timeline`.
    #[arg(long, default_value_t = 10_000)]
    timeline_messages: usize,
    /// Rows measured elsewhere (the client's, by `cargo xtask bench`), as a
    /// JSON array, printed in the same table.
    #[arg(long)]
    extra_rows: Option<PathBuf>,
    /// Also write the figures as JSON, to FILE or `target/bench/figures.json`.
    #[arg(long, value_name = "FILE", num_args = 0..=1, default_missing_value = "target/bench/figures.json")]
    json: Option<PathBuf>,
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    std::fs::create_dir_all(&args.scratch)?;
    let setup = Setup {
        binary: args.server.clone(),
        scratch: std::fs::canonicalize(&args.scratch)?,
        postgres_url: args.postgres_url.clone(),
    };
    let started_at = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let load_before = report::load();
    let mut rows: Vec<Row> = Vec::new();
    for backend in &args.backends {
        let backend = match backend.as_str() {
            "sqlite" => Backend::Sqlite,
            "postgres" => Backend::Postgres,
            other => anyhow::bail!("no backend {other}: sqlite or postgres"),
        };
        for workload in &args.only {
            eprintln!("bench: {workload} on {}", backend.name());
            let new = match workload.as_str() {
                "send" => {
                    let size = send::SendSize { senders: args.senders, messages: args.messages };
                    send::run(&setup, backend, size).await?
                }
                "fanout" => {
                    let mut all = Vec::new();
                    for &k in &args.fanout {
                        all.extend(fanout::run(&setup, backend, k, args.fanout_messages, None).await?);
                        if args.instances > 1 && backend == Backend::Postgres {
                            let cluster = fanout::Cluster { instances: args.instances, nats_url: &args.nats_url };
                            all.extend(fanout::run(&setup, backend, k, args.fanout_messages, Some(cluster)).await?);
                        }
                    }
                    all
                }
                "search" => search::run(&setup, backend, args.entries).await?,
                "timeline" => timeline::run(&setup, backend, args.timeline_messages).await?,
                other => anyhow::bail!("no workload {other}: send, fanout, search or timeline"),
            };
            for row in &new {
                eprintln!("  {} | {}", row.workload, row.measured);
            }
            rows.extend(new);
        }
    }
    if let Some(path) = &args.extra_rows {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let extra: Vec<serde_json::Value> = serde_json::from_str(&text)?;
        for row in extra {
            rows.push(report::row_from_json(&row)?);
        }
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let machine = Machine { cores, load_before, load_after: report::load(), started_at };
    println!("{}", report::table(&machine, &rows));
    if let Some(path) = &args.json {
        std::fs::write(path, serde_json::to_string_pretty(&report::json(&machine, &rows))?)?;
        println!("Figures written to {}.", path.display());
    }
    Ok(())
}
