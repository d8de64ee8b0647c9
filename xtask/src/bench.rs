//! `cargo xtask bench`: builds the release client, server and bench driver,
//! measures the client (bundle bytes, cold start in Chromium), then runs
//! `samtal-bench` against the release server on SQLite and PostgreSQL and
//! prints one table. Numbers only: nothing here passes or fails on speed.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use serde_json::{Value, json};

use crate::build;
use crate::bundle::{Bundle, kb};
use crate::setup;
use crate::util::{self, heading, run, tool};

/// The bench driver [`build::server`] builds.
fn bench_binary() -> PathBuf {
    util::root().join("target").join("server").join("samtal-bench")
}

/// The server workloads, which may lead the arguments by name.
const WORKLOADS: [&str; 4] = ["send", "fanout", "search", "timeline"];

/// Runs every benchmark; `args` go to `samtal-bench` (see its `--help`),
/// except `--skip-client`, which leaves out the client's rows, and leading
/// workload names (`cargo xtask bench fanout --instances 2`), which run only
/// those, without the client's rows.
pub fn bench(args: &[&str]) -> Result<()> {
    let named: Vec<&str> = args.iter().copied().take_while(|a| WORKLOADS.contains(a)).collect();
    let skip_client = !named.is_empty() || args.contains(&"--skip-client");
    let only = named.join(",");
    let mut passed: Vec<&str> = args.iter().copied().skip(named.len()).filter(|a| *a != "--skip-client").collect();
    if !named.is_empty() {
        passed.extend(["--only", only.as_str()]);
    }
    setup::setup()?;
    let mut rows = Vec::new();
    if !skip_client {
        let bundle = build::client()?;
        rows.extend(bundle_rows(&bundle));
    }
    build::server()?;
    if !skip_client {
        rows.extend(cold_start()?);
    }
    let scratch = util::root().join("target").join("bench");
    std::fs::create_dir_all(&scratch)?;
    let extra = scratch.join("client-rows.json");
    std::fs::write(&extra, serde_json::to_string_pretty(&rows)?)?;

    heading("bench: server workloads (samtal-bench)");
    let mut command = std::process::Command::new(bench_binary());
    command
        .current_dir(util::root())
        .arg("--server")
        .arg(build::server_binary())
        .arg("--scratch")
        .arg(&scratch)
        .arg("--extra-rows")
        .arg(&extra);
    command.args(passed);
    run(&mut command)
}

/// The bundle's bytes over the wire, gzipped and with brotli, one row per target.
fn bundle_rows(bundle: &Bundle) -> Vec<Value> {
    let (gzip, brotli) = bundle.total();
    let (first_gzip, first_brotli) = bundle.first_screen();
    bundle
        .targets()
        .into_iter()
        .map(|(what, measured, target, met)| {
            json!({
                "workload": format!("client bytes: {what}"),
                "backend": "client",
                "measured": format!("{} brotli", kb(measured)),
                "target": format!("≤ {} brotli", kb(target)),
                "met": met,
                "figures": {
                    "brotli_bytes": measured,
                    "whole_gzip_bytes": gzip,
                    "whole_brotli_bytes": brotli,
                    "first_screen_gzip_bytes": first_gzip,
                    "first_screen_brotli_bytes": first_brotli,
                },
            })
        })
        .collect()
}

/// The client's cold start, measured by `tests/e2e/bench/cold_start.mjs`.
fn cold_start() -> Result<Vec<Value>> {
    heading("bench: client cold start (node, playwright-core, Chromium)");
    let output = tool("node")
        .arg("bench/cold_start.mjs")
        .current_dir(util::e2e_dir())
        .env("SAMTAL_SERVER_BIN", build::server_binary())
        .env("SAMTAL_DIST", build::dist_dir())
        .output()
        .context("running node")?;
    if !output.status.success() {
        bail!("the cold-start bench failed:\n{}", String::from_utf8_lossy(&output.stderr));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text.lines().rev().find(|l| l.starts_with('[')).context("the cold-start bench printed no rows")?;
    Ok(serde_json::from_str(line)?)
}
