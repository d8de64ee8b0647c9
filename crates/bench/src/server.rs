//! The server under test: the release binary on a fresh data directory (and,
//! for PostgreSQL, a fresh database), and what `/proc` says it costs.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// The database a server runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The embedded default.
    Sqlite,
    /// A database on the PostgreSQL server at the bench's `--postgres-url`.
    Postgres,
}

impl Backend {
    /// Its name in the table.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// Where to find what a server needs.
#[derive(Debug, Clone)]
pub struct Setup {
    /// The release `samtal-server` binary.
    pub binary: PathBuf,
    /// A directory for data directories; each server gets a new one in it.
    pub scratch: PathBuf,
    /// The PostgreSQL server's maintenance URL (`…/postgres`).
    pub postgres_url: String,
}

/// A running server, stopped (and its database dropped) on drop.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The handle allowed to create organizations.
    pub operator: &'static str,
    /// The maintenance URL and name of the database this server made (and drops).
    database: Option<(String, String)>,
    /// Its PostgreSQL database, if on PostgreSQL.
    database_url: Option<String>,
}

/// The bench's operator handle.
pub const OPERATOR: &str = "bench";

impl Server {
    /// Starts a server on `backend` over a fresh data directory named `name`.
    pub async fn start(setup: &Setup, backend: Backend, name: &str) -> Result<Server> {
        Self::start_with(setup, backend, name, None).await
    }

    /// [`Server::start`], telling other instances of its commits over NATS
    /// at `nats_url` when given.
    pub async fn start_with(setup: &Setup, backend: Backend, name: &str, nats_url: Option<&str>) -> Result<Server> {
        let data = setup.scratch.join(format!("{name}-{}", backend.name()));
        if data.exists() {
            std::fs::remove_dir_all(&data)?;
        }
        std::fs::create_dir_all(&data)?;
        let port = free_port()?;
        let mut command = Command::new(&setup.binary);
        command
            .arg("serve")
            .arg("--data")
            .arg(&data)
            .arg("--bind")
            .arg(format!("127.0.0.1:{port}"))
            .arg("--operators")
            .arg(OPERATOR)
            // The workloads send as one person far faster than anyone types.
            .env("SAMTAL_LIMIT_SENDS", "off")
            .env("SAMTAL_LIMIT_UPLOADS", "off")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::from(std::fs::File::create(data.join("server.log"))?));
        if let Some(url) = nats_url {
            command.arg("--nats-url").arg(url);
        }
        let database = match backend {
            Backend::Sqlite => None,
            Backend::Postgres => {
                let db = format!("samtal_bench_{}", name.replace('-', "_"));
                psql(&setup.postgres_url, &format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"))?;
                psql(&setup.postgres_url, &format!("CREATE DATABASE {db}"))?;
                let url = database_url(&setup.postgres_url, &db);
                command.arg("--database-url").arg(&url);
                Some((setup.postgres_url.clone(), db))
            }
        };
        let child = command.spawn().with_context(|| format!("starting {}", setup.binary.display()))?;
        let url = database.as_ref().map(|(admin, db)| database_url(admin, db));
        let server =
            Server { child, base: format!("http://127.0.0.1:{port}"), operator: OPERATOR, database, database_url: url };
        server.wait_ready(&data).await?;
        Ok(server)
    }

    /// Another instance on this server's PostgreSQL database, over its own
    /// data directory `name`, with NATS at `nats_url`. The database stays
    /// this server's to drop.
    pub async fn another(&self, setup: &Setup, name: &str, nats_url: &str) -> Result<Server> {
        let url = self.database_url.clone().context("several instances need PostgreSQL")?;
        let data = setup.scratch.join(name);
        if data.exists() {
            std::fs::remove_dir_all(&data)?;
        }
        std::fs::create_dir_all(&data)?;
        let port = free_port()?;
        let child = Command::new(&setup.binary)
            .arg("serve")
            .arg("--data")
            .arg(&data)
            .args(["--bind", &format!("127.0.0.1:{port}"), "--operators", OPERATOR])
            .args(["--database-url", &url, "--nats-url", nats_url])
            .env("SAMTAL_LIMIT_SENDS", "off")
            .env("SAMTAL_LIMIT_UPLOADS", "off")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::from(std::fs::File::create(data.join("server.log"))?))
            .spawn()
            .with_context(|| format!("starting {}", setup.binary.display()))?;
        let server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
            operator: OPERATOR,
            database: None,
            database_url: Some(url),
        };
        server.wait_ready(&data).await?;
        Ok(server)
    }

    async fn wait_ready(&self, data: &Path) -> Result<()> {
        let http = reqwest::Client::new();
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(60) {
            if let Ok(response) = http.get(format!("{}/api/me", self.base)).send().await
                && response.status().as_u16() == 401
            {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let log = std::fs::read_to_string(data.join("server.log")).unwrap_or_default();
        bail!("the server did not come up in 60 s:\n{log}")
    }

    /// What the server process has cost so far.
    pub fn usage(&self) -> Result<Usage> {
        Usage::of(self.child.id())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some((url, db)) = &self.database {
            let _ = psql(url, &format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"));
        }
    }
}

/// CPU time and memory of a process, from `/proc/PID/stat` and `status`.
#[derive(Debug, Clone, Copy)]
pub struct Usage {
    /// User + system CPU seconds.
    pub cpu_seconds: f64,
    /// Resident memory, bytes.
    pub rss_bytes: u64,
}

impl Usage {
    fn of(pid: u32) -> Result<Usage> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
        // Fields after the parenthesised command name; utime and stime are
        // fields 14 and 15 of the whole line (11 and 12 after it).
        let after = stat.rsplit_once(')').map(|(_, rest)| rest).context("unreadable /proc stat")?;
        let fields: Vec<&str> = after.split_whitespace().collect();
        let ticks: u64 =
            fields.get(11).context("no utime")?.parse::<u64>()? + fields.get(12).context("no stime")?.parse::<u64>()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
        let rss_kb: u64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        Ok(Usage { cpu_seconds: ticks as f64 / clock_ticks(), rss_bytes: rss_kb * 1024 })
    }
}

/// `sysconf(_SC_CLK_TCK)`: 100 on every Linux this runs on; `getconf` says
/// otherwise where it differs.
fn clock_ticks() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}

/// A port nobody listens on now.
fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

/// `postgres://u@h:p/postgres` with its database replaced by `db` (the
/// maintenance URL names a database, as `--postgres-url` requires).
fn database_url(admin: &str, db: &str) -> String {
    let base = admin.rsplit_once('/').map_or(admin, |(base, _)| base);
    format!("{base}/{db}")
}

fn psql(url: &str, sql: &str) -> Result<()> {
    let output =
        Command::new("psql")
            .arg(url)
            .arg("-q")
            .arg("-v")
            .arg("ON_ERROR_STOP=1")
            .arg("-c")
            .arg(sql)
            .output()
            .context("running psql (PostgreSQL's client) for the postgres runs; `--backends sqlite` leaves them out")?;
    if !output.status.success() {
        bail!(
            "psql {sql}: {}\nIs PostgreSQL running at {url}? `--postgres-url` names another; `--backends sqlite` leaves it out.",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}
