//! `cargo xtask run`: build everything, then serve the client with a fresh demo organization.

use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::build::{self, dist_dir, server_binary};
use crate::util::{self, describe, heading};

/// Where the demo keeps its data; `--reset` starts it over on every run.
pub fn demo_data_dir() -> std::path::PathBuf {
    util::root().join("target").join("demo-data")
}

/// Builds, then runs `samtal-server demo` in the foreground until it exits.
pub fn run(bind: &str) -> Result<()> {
    build::build()?;
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
    println!("  $ {}", describe(&cmd));
    let mut child = cmd.spawn().with_context(|| format!("could not start {}", server_binary().display()))?;
    let addr: SocketAddr =
        bind.to_socket_addrs().ok().and_then(|mut a| a.next()).with_context(|| format!("not an address: {bind}"))?;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = child.try_wait()? {
            bail!("samtal-server exited before it was ready ({status})");
        }
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            bail!("samtal-server did not start listening on {bind} within a minute");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    println!(
        "\n  Samtal is running at http://{bind}\n  \
         Sign in as `admin` with password `demo-password` (organization admin); every demo\n  \
         account is listed above. Stop with Ctrl-C.\n"
    );
    let status = child.wait()?;
    if !status.success() {
        bail!("samtal-server exited ({status})");
    }
    Ok(())
}
