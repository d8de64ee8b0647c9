//! The background worker: a pass every few seconds, for as long as the server runs.

use std::sync::Arc;
use std::time::Duration;

use tokio::task::JoinHandle;

use super::Mailer;
use crate::state::AppState;
use crate::store::{Lease, Role, Store};
use crate::time::now_ms;

/// Starts the digest worker of `state`, or nothing (`Ok(None)`) when the
/// server has no `SAMTAL_SMTP_URL`.
///
/// An unusable URL is an error here, at start, rather than a silent lack of
/// e-mail later; a relay that is down is not — digests wait in the outbox
/// and are retried. The worker runs until the returned task is aborted or
/// the runtime stops; stopping it mid-pass is safe (see [`super`]).
pub async fn spawn_worker(state: AppState) -> anyhow::Result<Option<JoinHandle<()>>> {
    let Some(mailer) = Mailer::open(&state)? else {
        tracing::info!("missed-message e-mails are off: no SAMTAL_SMTP_URL");
        return Ok(None);
    };
    let every = poll_interval(state.config.mail_delay);
    tracing::info!(
        relay = %mailer.smtp().shown_url(),
        delay = ?state.config.mail_delay,
        every = ?every,
        "missed-message e-mails are on"
    );
    Ok(Some(tokio::spawn(run(mailer, state.domain.store().clone(), every))))
}

/// Passes every `every`, while this process is the installation's mailer:
/// with several instances exactly one sends at a time, and another takes
/// over within a pass of the one that held the role going away.
async fn run(mailer: Mailer, store: Arc<dyn Store>, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    // A pass that took long (a slow relay) is followed by the next one, not a burst.
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut lease: Option<Box<dyn Lease>> = None;
    loop {
        ticks.tick().await;
        if let Some(held) = lease.as_mut()
            && !held.held().await
        {
            tracing::warn!("this server is no longer the one sending missed-message e-mails");
            lease = None;
        }
        if lease.is_none() {
            match store.try_lead(Role::Mailer).await {
                Ok(Some(taken)) => {
                    tracing::info!("this server sends the missed-message e-mails");
                    lease = Some(taken);
                }
                Ok(None) => continue,
                Err(e) => {
                    tracing::warn!(error = %e, "could not tell which server sends missed-message e-mails");
                    continue;
                }
            }
        }
        if let Err(e) = mailer.run_once(now_ms()).await {
            tracing::warn!(error = %format!("{e:#}"), "missed-message e-mail pass failed; trying again next time");
        }
    }
}

/// How often to look: a quarter of the default delay, between 1 and 30
/// seconds — so a digest goes out at most that late, without busy polling.
pub fn poll_interval(delay: Duration) -> Duration {
    (delay / 4).clamp(Duration::from_secs(1), Duration::from_secs(30))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polls_often_enough_for_the_delay() {
        assert_eq!(poll_interval(Duration::from_secs(15 * 60)), Duration::from_secs(30));
        assert_eq!(poll_interval(Duration::from_secs(30)), Duration::from_millis(7500));
        assert_eq!(poll_interval(Duration::from_secs(1)), Duration::from_secs(1));
    }
}
