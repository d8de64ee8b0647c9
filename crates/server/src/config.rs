//! Server settings, from flags or the environment (`docs/PRODUCT.md`, "Bootstrapping a server").

use std::path::PathBuf;
use std::time::Duration;

use crate::store::DatabaseUrl;

/// Everything the server needs to know at start.
#[derive(Debug, Clone)]
pub struct Config {
    /// Data directory: uploaded attachments, and the SQLite file unless
    /// `database_url` names another database.
    pub data_dir: PathBuf,
    /// The database; none: SQLite's `samtal.db` in `data_dir`.
    pub database_url: Option<DatabaseUrl>,
    /// Handles of people allowed to create organizations.
    pub operators: Vec<String>,
    /// The built web client to serve (`dist/`), if any.
    pub dist_dir: Option<PathBuf>,
    /// `smtp://host:port` or `smtps://…`; no e-mail without it.
    pub smtp_url: Option<String>,
    /// The base of links in e-mails.
    pub public_url: String,
    /// The default missed-message delay.
    pub mail_delay: Duration,
    /// Mark the session cookie `Secure` on every answer (the public URL is
    /// `https://`); it is also marked on answers to requests that came over
    /// HTTPS (`request_origin::is_https`).
    pub secure_cookies: bool,
    /// Serve HTTPS with this certificate and key.
    pub tls: Option<TlsFiles>,
    /// Every request comes through a reverse proxy that sets
    /// `X-Forwarded-Proto` and `X-Forwarded-For`; believe them.
    pub trust_proxy: bool,
    /// How often people may try things that can be abused.
    pub limits: crate::limits::Limits,
    /// `nats://…`: the other instances on the same database hear of this
    /// one's commits, and it of theirs.
    pub nats_url: Option<String>,
    /// How often the event log is polled for events nobody announced.
    pub poll_every: Duration,
    /// `file://DIR` or `s3://bucket` for attachment bytes; none: the
    /// `attachments` directory of `data_dir`.
    pub attachments_url: Option<String>,
    /// S3 settings beside the `AWS_*` environment, like
    /// `("aws_endpoint", "http://127.0.0.1:9000")`.
    pub attachments_options: Vec<(String, String)>,
    /// How long an upload may wait to be sent before it is forgotten.
    pub upload_grace: Duration,
    /// The key secrets are sealed with at rest (32 bytes, base64); none:
    /// `secret.key` in `data_dir`, made on first start (`crate::secrets`).
    pub secret_key: Option<String>,
}

impl Config {
    /// Settings for a data directory with everything else at its default.
    pub fn for_data_dir(data_dir: impl Into<PathBuf>) -> Self {
        Self {
            data_dir: data_dir.into(),
            database_url: None,
            operators: Vec::new(),
            dist_dir: None,
            smtp_url: None,
            public_url: "http://127.0.0.1:8080".to_owned(),
            mail_delay: Duration::from_secs(15 * 60),
            secure_cookies: false,
            tls: None,
            trust_proxy: false,
            limits: crate::limits::Limits::default(),
            nats_url: None,
            poll_every: Duration::from_secs(2),
            attachments_url: None,
            attachments_options: Vec::new(),
            upload_grace: Duration::from_secs(24 * 60 * 60),
            secret_key: None,
        }
    }

    /// Whether `handle` may create organizations.
    pub fn is_operator(&self, handle: &str) -> bool {
        self.operators.iter().any(|h| h.eq_ignore_ascii_case(handle))
    }

    /// The directory for uploaded attachments when no `attachments_url` names another place.
    pub fn attachments_dir(&self) -> PathBuf {
        self.data_dir.join("attachments")
    }
}

/// A PEM certificate chain and its private key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    /// The certificate chain, leaf first.
    pub cert: PathBuf,
    /// The private key (PKCS#8, PKCS#1 or SEC1).
    pub key: PathBuf,
}

/// Parses a delay like `15m`, `30s`, `2h`, `500ms` or a bare number of seconds.
pub fn parse_delay(raw: &str) -> Result<Duration, String> {
    let raw = raw.trim();
    let (digits, unit) = raw.split_at(raw.find(|c: char| !c.is_ascii_digit()).unwrap_or(raw.len()));
    let n: u64 = digits.parse().map_err(|_| format!("'{raw}' is not a delay like 15m or 30s"))?;
    Ok(match unit {
        "" | "s" => Duration::from_secs(n),
        "ms" => Duration::from_millis(n),
        "m" => Duration::from_secs(n * 60),
        "h" => Duration::from_secs(n * 3600),
        _ => return Err(format!("'{raw}' is not a delay like 15m or 30s")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays() {
        assert_eq!(parse_delay("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse_delay("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_delay("2h"), Ok(Duration::from_secs(7200)));
        assert_eq!(parse_delay("45"), Ok(Duration::from_secs(45)));
        assert_eq!(parse_delay("250ms"), Ok(Duration::from_millis(250)));
        assert!(parse_delay("soon").is_err());
        assert!(parse_delay("5d").is_err());
    }
}
