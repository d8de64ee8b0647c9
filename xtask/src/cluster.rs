//! `cargo xtask cluster`: two instances of the demo on one PostgreSQL
//! database, with NATS between them and attachments in a local
//! S3-compatible bucket (moto), on two ports.

use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::build::{self, dist_dir, server_binary};
use crate::setup;
use crate::util::{self, describe, heading, run};

/// The maintenance database the demo's database is made on.
const POSTGRES_ADMIN: &str = "postgres://postgres@127.0.0.1:5432/postgres";
/// The demo's database on it, made afresh on every run.
const DATABASE: &str = "samtal_cluster_demo";
const NATS: &str = "127.0.0.1:4222";
const S3: &str = "127.0.0.1:9100";
const BUCKET: &str = "samtal-demo";
const INSTANCES: [&str; 2] = ["127.0.0.1:8080", "127.0.0.1:8081"];

/// Builds, starts the object store and both instances, and waits until one exits.
pub fn cluster() -> Result<()> {
    build::build()?;
    heading("cluster: PostgreSQL, NATS and an S3 bucket");
    let admin = std::env::var("SAMTAL_POSTGRES_URL").unwrap_or_else(|_| POSTGRES_ADMIN.to_owned());
    run(Command::new("psql").args([&admin, "-qc", &format!("DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")]))?;
    run(Command::new("psql").args([&admin, "-qc", &format!("CREATE DATABASE {DATABASE}")]))?;
    let database = format!("{}/{DATABASE}", admin.rsplit_once('/').map_or(admin.as_str(), |(server, _)| server));
    if !listening(NATS) {
        bail!(
            "NATS is not running at {NATS}; start it with: start-stop-daemon --start --oknodo --background \
             --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server"
        );
    }
    let (host, port) = S3.split_once(':').unwrap_or((S3, "9100"));
    let mut children = vec![spawn(Command::new(setup::moto_server()).args(["-H", host, "-p", port]))?];
    wait_for(S3, &mut children)?;
    run(Command::new("curl").args(["-sf", "-X", "PUT", &format!("http://{S3}/{BUCKET}"), "-o", "/dev/null"]))?;

    let data = util::root().join("target").join("cluster");
    for (n, bind) in INSTANCES.iter().enumerate() {
        let mut cmd = Command::new(server_binary());
        if n == 0 {
            // The first seeds the demo, then serves; the second only serves.
            cmd.args(["demo", "--reset", "--serve"]);
        } else {
            cmd.arg("serve");
        }
        cmd.arg("--data").arg(data.join(format!("instance-{}", n + 1)));
        configure(&mut cmd, &database, bind, &dist_dir());
        heading(&format!("cluster: instance {} on http://{bind}", n + 1));
        children.push(spawn(&mut cmd)?);
        wait_for(bind, &mut children)?;
    }
    println!(
        "\n  Two Samtal instances share one database:\n    http://{}  and  http://{}\n  \
         Sign in as `erik` on one and `sara` on the other (password `demo-password`) and chat:\n  \
         each instance tells the other over NATS at {NATS}; attachments go to s3://{BUCKET} at {S3}.\n  \
         Stop with Ctrl-C.\n",
        INSTANCES[0], INSTANCES[1]
    );
    loop {
        for child in &mut children {
            if let Some(status) = child.try_wait()? {
                stop(&mut children);
                bail!("a process of the cluster exited ({status})");
            }
        }
        std::thread::sleep(Duration::from_millis(500));
    }
}

/// The settings both instances share.
fn configure(cmd: &mut Command, database: &str, bind: &str, dist: &Path) {
    cmd.args(["--database-url", database, "--bind", bind])
        .args(["--nats-url", &format!("nats://{NATS}"), "--attachments-url", &format!("s3://{BUCKET}")])
        .arg("--dist")
        .arg(dist)
        .env("AWS_ENDPOINT", format!("http://{S3}"))
        .env("AWS_ALLOW_HTTP", "true")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ACCESS_KEY_ID", "demo")
        .env("AWS_SECRET_ACCESS_KEY", "demo")
        .current_dir(util::root());
}

fn spawn(cmd: &mut Command) -> Result<Child> {
    println!("  $ {}", describe(cmd));
    cmd.spawn().with_context(|| format!("could not start {}", describe(cmd)))
}

fn listening(addr: &str) -> bool {
    addr.parse::<SocketAddr>().is_ok_and(|a| TcpStream::connect_timeout(&a, Duration::from_millis(200)).is_ok())
}

/// Waits until something listens at `addr`, or a child exits.
fn wait_for(addr: &str, children: &mut [Child]) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !listening(addr) {
        if children.iter_mut().any(|c| c.try_wait().ok().flatten().is_some()) || Instant::now() > deadline {
            stop(children);
            bail!("nothing came up at {addr}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}

fn stop(children: &mut [Child]) {
    for child in children {
        let _ = child.kill();
        let _ = child.wait();
    }
}
