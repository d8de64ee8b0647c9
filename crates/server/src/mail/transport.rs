//! Sending over SMTP with lettre, configured by `SAMTAL_SMTP_URL`.
//!
//! - `smtp://host:port` — plain SMTP that upgrades with STARTTLS when the
//!   server offers it (lettre's `tls=opportunistic`, our default for `smtp://`);
//!   `?tls=required` insists on STARTTLS, `?tls=none` never tries it.
//! - `smtps://host:port` — TLS from the first byte (port 465 by default).
//! - `user:password@` in the URL logs in; `?from=noreply@example.com` sets the
//!   sender (default `noreply@` the host of `SAMTAL_PUBLIC_URL`).

use anyhow::{Context, bail};
use lettre::address::{Address, Envelope};
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use url::Url;

/// Why a send did not go through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendFailure {
    /// The server refused for good (5xx): trying again would not help.
    Permanent(String),
    /// Connection trouble, a timeout or a 4xx: try again later.
    Transient(String),
}

impl std::fmt::Display for SendFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SendFailure::Permanent(e) => write!(f, "refused: {e}"),
            SendFailure::Transient(e) => write!(f, "not sent yet: {e}"),
        }
    }
}

/// An SMTP relay and the sender address digests come from.
#[derive(Clone)]
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The URL without its password, for logs.
    shown: String,
}

impl std::fmt::Debug for Smtp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Smtp").field("url", &self.shown).field("from", &self.from.to_string()).finish()
    }
}

impl Smtp {
    /// The relay of `smtp_url`; links and the default sender use `public_url`.
    /// Nothing is connected yet: a relay that is down only delays sending.
    /// Call it inside a Tokio runtime: the connection pool keeps a task there.
    pub fn from_url(smtp_url: &str, public_url: &str) -> anyhow::Result<Self> {
        let (lettre_url, from, shown) = parse_url(smtp_url, public_url)?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&lettre_url)
            .with_context(|| format!("SAMTAL_SMTP_URL {shown} is not usable"))?
            .build();
        Ok(Self { transport, from, shown })
    }

    /// Who digests come from.
    pub fn from(&self) -> &Mailbox {
        &self.from
    }

    /// The relay's URL without a password.
    pub fn shown_url(&self) -> &str {
        &self.shown
    }

    /// Hands a finished message to the relay for `to`.
    pub async fn send_raw(&self, to: &Address, raw: &[u8]) -> Result<(), SendFailure> {
        let envelope = Envelope::new(Some(self.from.email.clone()), vec![to.clone()])
            .map_err(|e| SendFailure::Permanent(e.to_string()))?;
        match self.transport.send_raw(&envelope, raw).await {
            Ok(_) => Ok(()),
            Err(e) if e.is_permanent() => Err(SendFailure::Permanent(e.to_string())),
            Err(e) => Err(SendFailure::Transient(e.to_string())),
        }
    }
}

/// The host part of the public URL: the domain of the default sender and
/// of Message-IDs.
pub fn public_domain(public_url: &str) -> String {
    Url::parse(public_url)
        .ok()
        .and_then(|u| u.host_str().map(|h| h.trim_start_matches('[').trim_end_matches(']').to_owned()))
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".to_owned())
}

/// Splits our URL into lettre's URL, the sender, and a loggable form.
fn parse_url(smtp_url: &str, public_url: &str) -> anyhow::Result<(String, Mailbox, String)> {
    let mut url = Url::parse(smtp_url.trim())
        .map_err(|e| anyhow::anyhow!("SAMTAL_SMTP_URL is not a URL like smtp://host:port ({e})"))?;
    if !matches!(url.scheme(), "smtp" | "smtps") {
        bail!("SAMTAL_SMTP_URL must start with smtp:// or smtps://, not {}://", url.scheme());
    }
    if url.host_str().is_none_or(str::is_empty) {
        bail!("SAMTAL_SMTP_URL has no host: use smtp://host:port");
    }
    let mut from = None;
    let mut tls = None;
    let mut rest = Vec::new();
    for (key, value) in url.query_pairs() {
        match key.as_ref() {
            "from" => from = Some(value.into_owned()),
            "tls" => tls = Some(value.into_owned()),
            _ => rest.push((key.into_owned(), value.into_owned())),
        }
    }
    // lettre's own `smtp://` never tries TLS; a relay that offers STARTTLS
    // should get it, so opportunistic is our default. `none` keeps plain.
    let tls = match (url.scheme(), tls.as_deref()) {
        ("smtp", None) => Some("opportunistic".to_owned()),
        ("smtp", Some("none")) => None,
        ("smtp", Some(t @ ("opportunistic" | "required"))) => Some(t.to_owned()),
        ("smtp", Some(other)) => bail!("SAMTAL_SMTP_URL: tls={other} is not one of none, opportunistic, required"),
        (_, _) => None,
    };
    {
        let mut query = url.query_pairs_mut();
        query.clear();
        for (k, v) in &rest {
            query.append_pair(k, v);
        }
        if let Some(t) = &tls {
            query.append_pair("tls", t);
        }
    }
    if url.query() == Some("") {
        url.set_query(None);
    }
    let from = match from {
        Some(raw) => raw
            .parse::<Mailbox>()
            .map_err(|e| anyhow::anyhow!("SAMTAL_SMTP_URL: from={raw} is not an e-mail address ({e})"))?,
        None => default_sender(public_url)?,
    };
    let mut shown = url.clone();
    if shown.password().is_some() {
        // Only fails for URLs that cannot have a password, which this one has.
        let _ = shown.set_password(Some("***"));
    }
    Ok((url.to_string(), from, shown.to_string()))
}

/// `Samtal <noreply@public host>`, or `noreply@localhost` where the host
/// is not usable in an address.
fn default_sender(public_url: &str) -> anyhow::Result<Mailbox> {
    let address = Address::new("noreply", public_domain(public_url))
        .or_else(|_| Address::new("noreply", "localhost"))
        .context("no sender address could be made; set one with ?from= in SAMTAL_SMTP_URL")?;
    Ok(Mailbox::new(Some("Samtal".to_owned()), address))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn smtp_urls_default_to_opportunistic_starttls() {
        let (url, from, _) = parse_url("smtp://127.0.0.1:2525", "http://127.0.0.1:8080").unwrap();
        assert_eq!(url, "smtp://127.0.0.1:2525?tls=opportunistic");
        assert_eq!(from.email.to_string(), "noreply@127.0.0.1");
        let (url, _, _) = parse_url("smtp://mail.example:25?tls=none", "https://samtal.example").unwrap();
        assert_eq!(url, "smtp://mail.example:25");
        let (url, _, _) = parse_url("smtp://mail.example?tls=required", "https://samtal.example").unwrap();
        assert_eq!(url, "smtp://mail.example?tls=required");
        let (url, _, _) = parse_url("smtps://mail.example", "https://samtal.example").unwrap();
        assert_eq!(url, "smtps://mail.example");
    }

    #[test]
    fn sender_and_password() {
        let (url, from, shown) =
            parse_url("smtps://user:secret@mail.example:465?from=Samtal%20%3Cbot%40nordvik.example%3E", "x").unwrap();
        assert_eq!(url, "smtps://user:secret@mail.example:465");
        assert_eq!(from.email.to_string(), "bot@nordvik.example");
        assert!(!shown.contains("secret"), "{shown}");
    }

    #[test]
    fn bad_urls_are_refused_with_a_reason() {
        assert!(parse_url("http://mail.example", "x").unwrap_err().to_string().contains("smtp://"));
        assert!(parse_url("not a url", "x").is_err());
        assert!(parse_url("smtp://mail.example?tls=maybe", "x").is_err());
        assert!(parse_url("smtp://mail.example?from=nobody", "x").is_err());
    }

    #[tokio::test]
    async fn transports_build_without_connecting() {
        assert!(Smtp::from_url("smtp://127.0.0.1:1", "http://localhost:8080").is_ok());
        assert!(Smtp::from_url("smtps://127.0.0.1:1", "http://localhost:8080").is_ok());
    }

    #[test]
    fn public_domains() {
        assert_eq!(public_domain("https://samtal.example/base"), "samtal.example");
        assert_eq!(public_domain("http://[::1]:8080"), "::1");
        assert_eq!(public_domain("nonsense"), "localhost");
    }
}
