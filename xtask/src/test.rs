//! `cargo xtask test`: every check CI runs, in order, stopping at the first failure.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::build::{self, dist_dir, server_binary};
use crate::setup::{self, CHROMEDRIVER, CHROMIUM};
use crate::util::{self, cargo, heading, human_duration, run, tool};

/// A step of `cargo xtask test`: its short name (for `--skip`), what it is, and the work.
type Step = (&'static str, &'static str, fn() -> Result<()>);

/// Every step, in order.
pub const STEPS: &[Step] = &[
    ("setup", "setup", setup::setup),
    ("fmt", "rustfmt", fmt),
    ("clippy", "clippy", clippy),
    ("native", "native tests", native_tests),
    ("wasm", "wasm tests (headless Chromium)", wasm_tests),
    ("build", "release build", release_build),
    ("fuzz", "API fuzzing (schemathesis, the short run)", fuzz_api),
    ("e2e", "end-to-end journeys", e2e),
];

/// Runs every step not in `skip`, stopping at the first failure; prints one
/// summary line at the end.
pub fn test(skip: &[String]) -> Result<()> {
    if let Some(unknown) = skip.iter().find(|s| !STEPS.iter().any(|(name, _, _)| name == s)) {
        let names: Vec<&str> = STEPS.iter().map(|(name, _, _)| *name).collect();
        bail!("no step called `{unknown}`; the steps are {}", names.join(", "));
    }
    let start = Instant::now();
    let mut timings: Vec<(&str, Duration)> = Vec::new();
    for (name, title, step) in STEPS {
        if skip.iter().any(|s| s == name) {
            println!("\n==> test: skipping {title}");
            continue;
        }
        let step_start = Instant::now();
        if let Err(err) = step() {
            bail!("step `{name}` ({title}) failed after {}: {err:#}", human_duration(start.elapsed()));
        }
        timings.push((name, step_start.elapsed()));
    }
    let parts: Vec<String> = timings.iter().map(|(n, d)| format!("{n} {}", human_duration(*d))).collect();
    let skipped = if skip.is_empty() { String::new() } else { format!(", skipped {}", skip.join(", ")) };
    println!(
        "\nxtask test: all {} steps passed in {} ({}{skipped})",
        timings.len(),
        human_duration(start.elapsed()),
        parts.join(", ")
    );
    Ok(())
}

fn fmt() -> Result<()> {
    heading("test: rustfmt");
    run(cargo().args(["fmt", "--all", "--", "--check"]))
}

fn clippy() -> Result<()> {
    heading("test: clippy");
    run(cargo().args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))?;
    // The browser suites only exist for wasm32; lint them there too.
    run(cargo().args([
        "clippy",
        "-p",
        "samtal-web",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))
}

/// The maintenance database the PostgreSQL run creates its databases on.
const POSTGRES_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

fn native_tests() -> Result<()> {
    // The store conformance suite (`crates/server/tests/store.rs`) runs on
    // both backends in either pass.
    // The cluster tests start their own S3 server (moto, from setup).
    heading("test: native on SQLite (cargo test --workspace)");
    run(cargo()
        .args(["test", "--workspace"])
        .env("SAMTAL_TEST_MOTO_SERVER", setup::moto_server())
        .env("SAMTAL_TEST_IDENTITY_PYTHON", setup::identity_python()))?;
    heading("test: the server's suites on PostgreSQL (the same test binaries)");
    let admin = std::env::var("SAMTAL_TEST_POSTGRES_URL").unwrap_or_else(|_| POSTGRES_ADMIN_URL.to_owned());
    let binaries = server_test_binaries()?;
    drop_test_databases(&admin);
    let mut result = Ok(());
    for binary in &binaries {
        result = run(Command::new(binary)
            .current_dir(util::root().join("crates").join("server"))
            .env("SAMTAL_TEST_DATABASE", "postgres")
            .env("SAMTAL_TEST_MOTO_SERVER", setup::moto_server())
            .env("SAMTAL_TEST_IDENTITY_PYTHON", setup::identity_python())
            .env("SAMTAL_TEST_POSTGRES_URL", &admin));
        if result.is_err() {
            break;
        }
    }
    // A test that died before its cleanup leaves its database behind.
    drop_test_databases(&admin);
    result
}

/// The server's test binaries, as the workspace pass built them. Asking
/// cargo for them with the same selection (`--workspace`) builds nothing
/// new; `cargo test -p samtal-server` would resolve the features of one
/// package instead of the workspace's and compile the whole graph again.
fn server_test_binaries() -> Result<Vec<PathBuf>> {
    let out = cargo()
        .args(["test", "--workspace", "--no-run", "--message-format=json-render-diagnostics"])
        .stderr(std::process::Stdio::inherit())
        .output()
        .context("could not start cargo")?;
    if !out.status.success() {
        bail!("`cargo test --workspace --no-run` failed ({})", out.status);
    }
    let mut binaries = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let is_server = message["package_id"].as_str().is_some_and(|id| id.contains("samtal-server"));
        let is_test = message["profile"]["test"].as_bool() == Some(true);
        if let (true, true, Some(path)) = (is_server, is_test, message["executable"].as_str()) {
            binaries.push(PathBuf::from(path));
        }
    }
    if binaries.is_empty() {
        bail!("cargo named no test binary of samtal-server");
    }
    binaries.sort();
    Ok(binaries)
}

/// Drops the `samtal_test_*` databases left on `admin`'s server, with psql
/// when it is installed (it is wherever PostgreSQL is).
fn drop_test_databases(admin: &str) {
    let list = Command::new("psql")
        .args([admin, "-Atc", "SELECT datname FROM pg_database WHERE datname LIKE 'samtal\\_test\\_%'"])
        .output();
    let Ok(list) = list else { return };
    for name in String::from_utf8_lossy(&list.stdout).lines().filter(|n| n.starts_with("samtal_test_")) {
        let _ = Command::new("psql")
            .args([admin, "-qc", &format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")])
            .status();
    }
}

/// The short fuzz run, against the release server the build step made.
fn fuzz_api() -> Result<()> {
    crate::fuzz::fuzz(crate::fuzz::SHORT_EXAMPLES)
}

fn wasm_tests() -> Result<()> {
    heading("test: wasm-bindgen-test in headless Chromium");
    run(cargo()
        .args(["test", "-p", "samtal-web", "--target", "wasm32-unknown-unknown"])
        .env("CHROMEDRIVER", CHROMEDRIVER))
}

fn release_build() -> Result<()> {
    // The bytes are measured numbers, printed against their targets with the
    // table; a target missed is reported, not a test failure: a byte count
    // says nothing about whether the product works.
    build::client()?;
    build::server()
}

/// The journey files, `tests/e2e/journeys/*.test.mjs`.
fn journeys() -> Result<Vec<PathBuf>> {
    let dir = util::e2e_dir().join("journeys");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("no journeys in {}", dir.display());
    }
    Ok(files)
}

fn e2e() -> Result<()> {
    heading("test: end-to-end journeys (node --test, playwright-core, Chromium)");
    let artifacts = util::e2e_dir().join("artifacts");
    std::fs::create_dir_all(&artifacts).with_context(|| format!("creating {}", artifacts.display()))?;
    let mut cmd: Command = tool("node");
    cmd.current_dir(util::e2e_dir())
        .args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
        .args(journeys()?)
        .env("SAMTAL_SERVER_BIN", server_binary())
        .env("SAMTAL_DIST", dist_dir())
        .env("SAMTAL_ARTIFACTS", &artifacts)
        .env("SAMTAL_CHROMIUM", CHROMIUM)
        .env("SAMTAL_OIDC_PROVIDER", setup::oidc_provider());
    run(&mut cmd)?;
    println!("  screenshots in {}", artifacts.display());
    Ok(())
}
