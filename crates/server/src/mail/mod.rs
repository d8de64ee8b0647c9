//! Missed-message e-mail digests (rule 12).
//!
//! A person who leaves messages of an organization's chats and groups unread
//! past their delay (their own setting, else `SAMTAL_MAIL_DELAY`) gets one
//! e-mail at their work address — the directory entry's — batched across
//! conversations, with conversation names, senders, counts and links, and
//! message text only where the conversation's `allow_share` permits
//! ([`samtal_core::rules::digest_shows_text`]). A directory entry nobody has
//! linked yet gets the same e-mail, with how to link the work account.
//! Private conversations are never mailed; neither are messages the person
//! has read, wrote, or was mailed about before.
//!
//! # Two steps, and what a crash can do
//!
//! Each pass of the worker first **decides** ([`Mailer::decide`]): in one
//! database transaction it finds what is due, composes each digest, and
//! writes it to the outbox (`pending`, the finished message, its recipient)
//! together with each membership's `mailed_seq`. Then it **sends**
//! ([`Mailer::send_pending`]): every pending digest goes to the SMTP relay,
//! and is marked `sent` once the relay accepted it.
//!
//! - A crash before the decision commits leaves nothing: the next pass
//!   decides again from the same data.
//! - A crash after the decision and before the send leaves a pending digest:
//!   the next pass (after a restart, too) sends exactly that digest; the
//!   messages in it are already marked as mailed, so no second digest is
//!   decided for them.
//! - The one remaining window is a crash **after the relay accepted the
//!   message and before it is marked `sent`**: the next pass sends it again.
//!   SMTP offers no way to ask a relay whether it already has a message, so
//!   this window can be made small but not closed. The copy is byte for byte
//!   the same message with the same `Message-ID` — derived from the
//!   recipient and the messages it covers
//!   ([`crate::domain::mail::compose::message_id`]) — so mail
//!   systems and clients that de-duplicate by Message-ID show it once.
//!
//! Without `SAMTAL_SMTP_URL` there is no e-mail: [`spawn_worker`] starts nothing.

pub mod catcher;
pub mod transport;
pub mod worker;

use std::sync::Arc;

use samtal_core::Millis;

pub use crate::domain::mail::{DigestSettings, OutboxMail, Outcome, compose};
pub use transport::{SendFailure, Smtp};
pub use worker::spawn_worker;

use crate::domain::Domain;
use crate::state::AppState;

/// A transiently failing digest is tried this many times before it is given up.
pub const MAX_ATTEMPTS: i64 = 10;
/// How many pending digests one pass hands to the relay at most.
const SEND_BATCH: u32 = 100;

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PassReport {
    /// Digests decided (written to the outbox) in this pass.
    pub decided: usize,
    /// Digests the relay accepted.
    pub sent: usize,
    /// Digests dropped because nobody needs them any more.
    pub obsolete: usize,
    /// Digests that failed this time (to be retried, or given up).
    pub failed: usize,
}

/// Decides and sends digests for one server.
pub struct Mailer {
    domain: Arc<Domain>,
    smtp: Smtp,
    settings: DigestSettings,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("smtp", &self.smtp).field("settings", &self.settings).finish()
    }
}

impl Mailer {
    /// The mailer of a server, over the server's own store, or `None` when
    /// it has no `SAMTAL_SMTP_URL`.
    pub fn open(state: &AppState) -> anyhow::Result<Option<Self>> {
        let Some(url) = state.config.smtp_url.as_deref().filter(|u| !u.trim().is_empty()) else {
            return Ok(None);
        };
        let smtp = Smtp::from_url(url, &state.config.public_url)?;
        Ok(Some(Self::new(state.domain.clone(), smtp, state)))
    }

    /// A mailer over a domain and relay.
    pub fn new(domain: Arc<Domain>, smtp: Smtp, state: &AppState) -> Self {
        let public_url = state.config.public_url.trim_end_matches('/').to_owned();
        let settings = DigestSettings {
            default_delay_ms: Millis::try_from(state.config.mail_delay.as_millis()).unwrap_or(Millis::MAX),
            from: smtp.from().clone(),
            domain: transport::public_domain(&public_url),
            public_url,
        };
        Self { domain, smtp, settings }
    }

    /// The relay digests go to.
    pub fn smtp(&self) -> &Smtp {
        &self.smtp
    }

    /// Step one: decides the digests due at `now` and stores them as pending,
    /// with their messages marked as mailed. Returns how many were decided.
    pub async fn decide(&self, now: Millis) -> anyhow::Result<usize> {
        let decided = self.domain.decide_digests(&self.settings, now).await?;
        if !decided.is_empty() {
            tracing::info!(digests = decided.len(), "missed-message digests decided");
        }
        Ok(decided.len())
    }

    /// Step two: hands every pending digest due at `now` to the relay and
    /// records what happened. A digest whose messages were all read (or
    /// whose reader left, or turned e-mails off) meanwhile is dropped.
    pub async fn send_pending(&self, now: Millis) -> anyhow::Result<PassReport> {
        let mut report = PassReport::default();
        for mail in self.domain.due_mail(now, SEND_BATCH).await? {
            if !self.domain.still_wanted(mail.id).await? {
                self.domain.record_outcome(mail.id, &Outcome::Obsolete, now).await?;
                report.obsolete += 1;
                continue;
            }
            let outcome = match mail.recipient.parse::<lettre::Address>() {
                Err(e) => Outcome::Failed(format!("{} is not a usable e-mail address: {e}", mail.recipient)),
                Ok(to) => match self.smtp.send_raw(&to, &mail.raw).await {
                    Ok(()) => Outcome::Sent,
                    Err(SendFailure::Permanent(e)) => Outcome::Failed(e),
                    Err(SendFailure::Transient(e)) if mail.attempts + 1 >= MAX_ATTEMPTS => {
                        Outcome::Failed(format!("gave up after {MAX_ATTEMPTS} attempts: {e}"))
                    }
                    Err(SendFailure::Transient(e)) => Outcome::Retry { at: now + retry_delay(mail.attempts), error: e },
                },
            };
            match &outcome {
                Outcome::Sent => {
                    tracing::debug!(message_id = %mail.message_id, "digest sent");
                    report.sent += 1;
                }
                Outcome::Failed(e) | Outcome::Retry { error: e, .. } => {
                    tracing::warn!(message_id = %mail.message_id, relay = %self.smtp.shown_url(), error = %e,
                        "a missed-message digest was not sent");
                    report.failed += 1;
                }
                Outcome::Obsolete => report.obsolete += 1,
            }
            self.domain.record_outcome(mail.id, &outcome, now).await?;
        }
        Ok(report)
    }

    /// One pass: decide, then send.
    pub async fn run_once(&self, now: Millis) -> anyhow::Result<PassReport> {
        let decided = self.decide(now).await?;
        let mut report = self.send_pending(now).await?;
        report.decided = decided;
        Ok(report)
    }
}

/// Waits before the next attempt: one minute, doubling, at most an hour.
fn retry_delay(attempts_so_far: i64) -> Millis {
    let doubling = 1i64 << attempts_so_far.clamp(0, 6);
    (60_000 * doubling).min(3_600_000)
}

/// One pass over `state`'s data at `now` (decide, then send) — what the
/// worker does periodically; tests call it with a chosen `now`. Does nothing
/// without `SAMTAL_SMTP_URL`.
pub async fn run_once(state: &AppState, now: Millis) -> anyhow::Result<PassReport> {
    match Mailer::open(state)? {
        Some(mailer) => mailer.run_once(now).await,
        None => Ok(PassReport::default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_to_an_hour() {
        assert_eq!(retry_delay(0), 60_000);
        assert_eq!(retry_delay(1), 120_000);
        assert_eq!(retry_delay(5), 1_920_000);
        assert_eq!(retry_delay(6), 3_600_000);
        assert_eq!(retry_delay(60), 3_600_000);
    }
}
