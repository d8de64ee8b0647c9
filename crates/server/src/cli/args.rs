//! The command line's flags and subcommands.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::config::{Config, TlsFiles, parse_delay};
use crate::limits::{Limit, Limits};
use crate::store::DatabaseUrl;

/// Samtal's API server.
#[derive(Debug, Parser)]
#[command(name = "samtal-server", version, about = "Samtal's API server: messaging for work and private life.")]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API (and the built web client with --dist).
    Serve(ServeArgs),
    /// Seed a fresh data directory with the demo organization, print how to sign in, and serve it with --serve.
    Demo(DemoArgs),
    /// Create an organization as an operator, who becomes its first admin.
    CreateOrg(CreateOrgArgs),
    /// Import directory entries from a CSV or JSON file as an organization admin.
    ImportDirectory(ImportDirectoryArgs),
    /// Copy an installation from SQLite into a new, empty PostgreSQL database.
    CopyDatabase(CopyDatabaseArgs),
    /// Write a consistent backup of an SQLite installation, attachments included, while it runs.
    Backup(BackupArgs),
    /// Restore a backup into an installation that has no database yet.
    Restore(RestoreArgs),
}

/// Where an installation keeps its data, for `backup` and `restore`.
#[derive(Debug, Clone, Args)]
pub struct InstallationArgs {
    /// Data directory (the SQLite database and, by default, the attachments).
    #[arg(long, env = "SAMTAL_DATA", default_value = "./data")]
    pub data: PathBuf,
    /// `sqlite://PATH` when the database is not `samtal.db` in the data directory.
    #[arg(long, env = "SAMTAL_DATABASE_URL")]
    pub database_url: Option<DatabaseUrl>,
    /// Where attachment bytes are, as for `serve`.
    #[arg(long, env = "SAMTAL_ATTACHMENTS_URL")]
    pub attachments_url: Option<String>,
}

impl InstallationArgs {
    /// The settings that find the installation's data.
    pub fn config(&self) -> Config {
        let mut config = Config::for_data_dir(&self.data);
        config.database_url = self.database_url.clone();
        config.attachments_url = self.attachments_url.clone().filter(|u| !u.trim().is_empty());
        config
    }
}

/// `backup`.
#[derive(Debug, Clone, Args)]
pub struct BackupArgs {
    /// The installation.
    #[command(flatten)]
    pub installation: InstallationArgs,
    /// The backup file to write (it must not exist).
    #[arg(long)]
    pub to: PathBuf,
}

/// `restore`.
#[derive(Debug, Clone, Args)]
pub struct RestoreArgs {
    /// The installation to restore into (it must have no database yet).
    #[command(flatten)]
    pub installation: InstallationArgs,
    /// The backup file.
    #[arg(long)]
    pub from: PathBuf,
}

/// Settings of a running server; each flag can also come from the environment.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Data directory: uploaded attachments, and the SQLite database unless
    /// --database-url names another.
    #[arg(long, env = "SAMTAL_DATA", default_value = "./data")]
    pub data: PathBuf,
    /// `sqlite://PATH` or `postgres://user@host/db` (default: SQLite in the data directory).
    #[arg(long, env = "SAMTAL_DATABASE_URL")]
    pub database_url: Option<DatabaseUrl>,
    /// Address to listen on.
    #[arg(long, env = "SAMTAL_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// The built web client (Trunk's `dist/`) to serve beside the API.
    #[arg(long, env = "SAMTAL_DIST")]
    pub dist: Option<PathBuf>,
    /// Comma-separated handles of people allowed to create organizations.
    #[arg(long, env = "SAMTAL_OPERATORS", value_delimiter = ',')]
    pub operators: Vec<String>,
    /// `smtp://host:port` or `smtps://user:pass@host:port`; no e-mail without it.
    #[arg(long, env = "SAMTAL_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// The base of links in e-mails (default: http://BIND).
    #[arg(long, env = "SAMTAL_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// The default missed-message e-mail delay, like 15m or 30s.
    #[arg(long, env = "SAMTAL_MAIL_DELAY", default_value = "15m", value_parser = parse_delay)]
    pub mail_delay: Duration,
    /// `nats://host:port`: with several instances on one database, each
    /// tells the others over NATS who got events.
    #[arg(long, env = "SAMTAL_NATS_URL")]
    pub nats_url: Option<String>,
    /// How often the event log is polled for events no NATS notice told of,
    /// like 2s or 500ms: the longest a lost notice can delay a stream.
    #[arg(long, env = "SAMTAL_POLL_EVERY", default_value = "2s", value_parser = parse_delay)]
    pub poll_every: Duration,
    /// Where attachment bytes go: `file://DIR` (default: `attachments/` in
    /// the data directory) or `s3://bucket`, with the endpoint and
    /// credentials from `AWS_ENDPOINT`, `AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY`, `AWS_REGION` (and `AWS_ALLOW_HTTP=true`
    /// for a plain-HTTP endpoint).
    #[arg(long, env = "SAMTAL_ATTACHMENTS_URL")]
    pub attachments_url: Option<String>,
    /// How long an upload may wait to be sent in a message before it and
    /// its bytes are removed, like 24h.
    #[arg(long, env = "SAMTAL_UPLOAD_GRACE", default_value = "24h", value_parser = parse_delay)]
    pub upload_grace: Duration,
    /// Serve HTTPS with this PEM certificate chain (with --tls-key).
    #[arg(long, env = "SAMTAL_TLS_CERT", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The PEM private key of --tls-cert.
    #[arg(long, env = "SAMTAL_TLS_KEY", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Every request comes through a reverse proxy that sets
    /// X-Forwarded-Proto and X-Forwarded-For: believe them (for Secure
    /// cookies, HSTS and the per-address sign-in limit).
    #[arg(long, env = "SAMTAL_TRUST_PROXY")]
    pub trust_proxy: bool,
    /// Failed sign-ins per handle or work e-mail, like 10/15m, or off.
    #[arg(long, env = "SAMTAL_LIMIT_SIGN_IN", default_value = "10/15m")]
    pub limit_sign_in: Limit,
    /// Failed sign-ins per address, like 100/15m, or off.
    #[arg(long, env = "SAMTAL_LIMIT_SIGN_IN_ADDRESS", default_value = "100/15m")]
    pub limit_sign_in_address: Limit,
    /// Messages a person may send, like 120/1m, or off.
    #[arg(long, env = "SAMTAL_LIMIT_SENDS", default_value = "120/1m")]
    pub limit_sends: Limit,
    /// Files a person may upload, like 30/1m, or off.
    #[arg(long, env = "SAMTAL_LIMIT_UPLOADS", default_value = "30/1m")]
    pub limit_uploads: Limit,
    /// The key secrets are sealed with at rest (identity providers' client
    /// secrets): 32 bytes in base64, the same on every instance. Default:
    /// `secret.key` in the data directory, made on first start.
    #[arg(long, env = "SAMTAL_SECRET_KEY", hide_env_values = true)]
    pub secret_key: Option<String>,
}

impl ServeArgs {
    /// The server's settings.
    pub fn config(&self) -> Config {
        let mut config = Config::for_data_dir(&self.data);
        config.database_url = self.database_url.clone();
        config.operators =
            self.operators.iter().map(|h| h.trim().to_ascii_lowercase()).filter(|h| !h.is_empty()).collect();
        config.dist_dir = self.dist.clone();
        config.smtp_url = self.smtp_url.clone().filter(|u| !u.trim().is_empty());
        config.tls = match (&self.tls_cert, &self.tls_key) {
            (Some(cert), Some(key)) => Some(TlsFiles { cert: cert.clone(), key: key.clone() }),
            _ => None,
        };
        let scheme = if config.tls.is_some() { "https" } else { "http" };
        config.public_url = match &self.public_url {
            Some(url) if !url.trim().is_empty() => url.trim().trim_end_matches('/').to_owned(),
            _ => format!("{scheme}://{}", self.bind),
        };
        // Behind TLS the session cookie must never travel over plain HTTP.
        config.secure_cookies = config.public_url.starts_with("https://");
        config.trust_proxy = self.trust_proxy;
        config.limits = Limits {
            sign_in_account: self.limit_sign_in.0,
            sign_in_address: self.limit_sign_in_address.0,
            sends: self.limit_sends.0,
            uploads: self.limit_uploads.0,
        };
        config.mail_delay = self.mail_delay;
        config.nats_url = self.nats_url.clone().filter(|u| !u.trim().is_empty());
        config.poll_every = self.poll_every.max(Duration::from_millis(10));
        config.attachments_url = self.attachments_url.clone().filter(|u| !u.trim().is_empty());
        config.upload_grace = self.upload_grace;
        config.secret_key = self.secret_key.clone().filter(|k| !k.trim().is_empty());
        config
    }
}

/// `demo`: a fresh data directory with the demo, optionally served.
#[derive(Debug, Clone, Args)]
pub struct DemoArgs {
    /// Delete the data directory first (only one the demo made, or an empty one).
    #[arg(long)]
    pub reset: bool,
    /// Serve the demo after seeding it.
    #[arg(long)]
    pub serve: bool,
    /// Set Nordvik Energi up to sign in at this OpenID Connect provider
    /// (client id `samtal-demo`); `cargo xtask run --oidc` starts one.
    #[arg(long, value_name = "URL")]
    pub oidc_issuer: Option<String>,
    /// Where and how to serve (`--data` is where the demo is written).
    #[command(flatten)]
    pub server: ServeArgs,
}

/// How a provisioning command reaches the data and signs in.
#[derive(Debug, Clone, Args)]
pub struct ProvisionAccess {
    /// Data directory of the server to provision.
    #[arg(long, env = "SAMTAL_DATA", default_value = "./data")]
    pub data: PathBuf,
    /// The server's database, if not SQLite in the data directory.
    #[arg(long, env = "SAMTAL_DATABASE_URL")]
    pub database_url: Option<DatabaseUrl>,
    /// The person's personal password (or set SAMTAL_ADMIN_PASSWORD).
    #[arg(long, env = "SAMTAL_ADMIN_PASSWORD", hide_env_values = true)]
    pub password: String,
}

/// `create-org`.
#[derive(Debug, Clone, Args)]
pub struct CreateOrgArgs {
    /// Data directory and password.
    #[command(flatten)]
    pub access: ProvisionAccess,
    /// Handle of the operator creating the organization (an existing person).
    #[arg(long)]
    pub operator: String,
    /// The organization's name.
    #[arg(long)]
    pub name: String,
    /// The domain of its work e-mail addresses.
    #[arg(long)]
    pub domain: String,
    /// What the organization says about its conversations.
    #[arg(long, default_value = "")]
    pub description: String,
}

/// `import-directory`.
#[derive(Debug, Clone, Args)]
pub struct ImportDirectoryArgs {
    /// Data directory and password.
    #[command(flatten)]
    pub access: ProvisionAccess,
    /// Handle of an admin of the organization.
    #[arg(long)]
    pub admin: String,
    /// The organization, by its e-mail domain.
    #[arg(long)]
    pub org_domain: String,
    /// The entries: a `.csv` file (with a header row) or a `.json` file
    /// (`{"entries": [...]}` or a bare array).
    #[arg(long)]
    pub file: PathBuf,
}

/// `copy-database`.
#[derive(Debug, Clone, Args)]
pub struct CopyDatabaseArgs {
    /// The database to copy, like `sqlite://data/samtal.db`.
    #[arg(long)]
    pub from: DatabaseUrl,
    /// The empty database to copy into, like `postgres://postgres@127.0.0.1/samtal`.
    #[arg(long)]
    pub to: DatabaseUrl,
}
