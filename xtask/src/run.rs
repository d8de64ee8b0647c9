//! `cargo xtask run`: build everything, then serve the client with a fresh demo organization.

use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::build::{self, dist_dir, server_binary};
use crate::setup;
use crate::util::{self, describe, heading};

/// Where `run --oidc` starts the local identity provider.
const OIDC_PROVIDER_ADDR: &str = "127.0.0.1:9400";

/// The person the demo's directory lists and Samtal doesn't know yet: the
/// provider offers them with one click on its login page.
const OIDC_NEWCOMER: &str = r#"{"sub":"maja.nyberg@nordvik.example","email":"maja.nyberg@nordvik.example","email_verified":true,"name":"Maja Nyberg"}"#;

/// A child process that is stopped when this is dropped.
struct Stopped(Child);

impl Drop for Stopped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Where the demo keeps its data; `--reset` starts it over on every run.
pub fn demo_data_dir() -> std::path::PathBuf {
    util::root().join("target").join("demo-data")
}

/// Builds, then runs `samtal-server demo` in the foreground until it exits;
/// with `oidc`, a local identity provider beside it that Nordvik Energi
/// signs in at.
pub fn run(bind: &str, oidc: bool) -> Result<()> {
    build::build()?;
    let provider = if oidc { Some(start_identity_provider()?) } else { None };
    heading(&format!("run: samtal-server demo on http://{bind}"));
    let mut cmd = Command::new(server_binary());
    cmd.arg("demo")
        .arg("--data")
        .arg(demo_data_dir())
        .arg("--reset")
        .arg("--serve")
        .arg("--dist")
        .arg(dist_dir())
        .args(["--bind", bind])
        .current_dir(util::root());
    if provider.is_some() {
        cmd.args(["--oidc-issuer", &format!("http://{OIDC_PROVIDER_ADDR}")]);
    }
    println!("  $ {}", describe(&cmd));
    let child = cmd.spawn().with_context(|| format!("could not start {}", server_binary().display()))?;
    let mut child = Stopped(child);
    wait_for_listener(&mut child.0, "samtal-server", bind)?;
    println!(
        "\n  Samtal is running at http://{bind}\n  \
         Sign in as `admin` with password `demo-password` (organization admin); every demo\n  \
         account is listed above. Stop with Ctrl-C.\n"
    );
    if provider.is_some() {
        println!(
            "  Single sign-on: sign up as a newcomer, open Me, enter maja.nyberg@nordvik.example\n  \
             and choose Sign in with single sign-on. The identity provider at\n  \
             http://{OIDC_PROVIDER_ADDR} signs in whoever you name there.\n"
        );
    }
    let status = child.0.wait()?;
    if !status.success() {
        bail!("samtal-server exited ({status})");
    }
    Ok(())
}

/// Starts oidc-provider-mock on [`OIDC_PROVIDER_ADDR`] and waits until it listens.
fn start_identity_provider() -> Result<Stopped> {
    heading(&format!("run: the local identity provider on http://{OIDC_PROVIDER_ADDR}"));
    let (host, port) = OIDC_PROVIDER_ADDR.split_once(':').context("the provider's address has a port")?;
    let mut cmd = Command::new(setup::oidc_provider());
    cmd.args(["--host", host, "--port", port, "--require-nonce", "true", "--user-claims", OIDC_NEWCOMER]);
    println!("  $ {}", describe(&cmd));
    let child = cmd.spawn().with_context(|| format!("could not start {}", setup::oidc_provider().display()))?;
    let mut child = Stopped(child);
    wait_for_listener(&mut child.0, "the identity provider", OIDC_PROVIDER_ADDR)?;
    Ok(child)
}

/// Waits up to a minute until `child` listens on `bind`.
fn wait_for_listener(child: &mut Child, what: &str, bind: &str) -> Result<()> {
    let addr: SocketAddr =
        bind.to_socket_addrs().ok().and_then(|mut a| a.next()).with_context(|| format!("not an address: {bind}"))?;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = child.try_wait()? {
            bail!("{what} exited before it was ready ({status})");
        }
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("{what} did not start listening on {bind} within a minute");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}
