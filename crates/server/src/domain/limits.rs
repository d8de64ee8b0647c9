//! Abuse limits: sign-in attempts per account and per address, sends and
//! uploads per person. The windows live in the store, so every instance on
//! one database counts the same tries; `samtal_core::limits` does the
//! arithmetic.
//!
//! Sign-ins count failures only, and a refused sign-in looks the same for
//! an account that exists and one that doesn't, so the limit tells nobody
//! which handles or work e-mails exist. Sends and uploads count what was
//! accepted: a refused try costs nothing, and a repeated `client_id` is
//! answered with its message without counting again.

use std::net::IpAddr;

use samtal_core::limits::{self, Rate};
use samtal_core::{Millis, PersonId};

use super::Domain;
use crate::error::{AppError, AppResult};
use crate::store::Tx;
use crate::time::now_ms;

/// What a sign-in attempt counts against: its account and its address.
#[derive(Debug, Clone)]
pub struct SignInKeys {
    account: String,
    address: Option<String>,
}

impl SignInKeys {
    /// A sign-in with a handle, from `address` if known.
    pub fn handle(handle: &str, address: Option<IpAddr>) -> Self {
        Self { account: format!("sign-in:{handle}"), address: address.map(address_key) }
    }

    /// A sign-in to a work account with its e-mail, from `address` if known.
    pub fn work_email(email: &str, address: Option<IpAddr>) -> Self {
        Self { account: format!("work-sign-in:{email}"), address: address.map(address_key) }
    }
}

/// Both kinds of sign-in from one address share its window.
fn address_key(ip: IpAddr) -> String {
    format!("sign-in-address:{ip}")
}

/// What sign-in refusals say: the same for every account.
const SIGN_INS: &str = "sign-in attempts";

impl Domain {
    /// The keys and rates of a sign-in, where a limit is set.
    fn sign_in_windows<'a>(&self, keys: &'a SignInKeys) -> Vec<(&'a str, Rate)> {
        let mut windows = Vec::new();
        if let Some(rate) = self.limits.sign_in_account {
            windows.push((keys.account.as_str(), rate));
        }
        if let (Some(rate), Some(address)) = (self.limits.sign_in_address, &keys.address) {
            windows.push((address.as_str(), rate));
        }
        windows
    }

    /// Refuses (429) a sign-in whose account or address has failed too often lately.
    pub async fn sign_in_allowed(&self, keys: &SignInKeys) -> AppResult<()> {
        let windows = self.sign_in_windows(keys);
        if windows.is_empty() {
            return Ok(());
        }
        let mut tx = self.read().await?;
        let now = now_ms();
        for (key, rate) in windows {
            let stored = tx.rate_window(key).await?;
            limits::check(stored, now, rate).map_err(|wait| AppError::throttled(wait, SIGN_INS))?;
        }
        Ok(())
    }

    /// Counts a failed sign-in against its account and address.
    pub async fn sign_in_failed(&self, keys: &SignInKeys) -> AppResult<()> {
        let windows = self.sign_in_windows(keys);
        if windows.is_empty() {
            return Ok(());
        }
        let mut tx = self.write().await?;
        let now = now_ms();
        for (key, rate) in windows {
            let stored = tx.lock_rate_window(key).await?;
            tx.put_rate_window(key, limits::record(stored, now, rate)).await?;
        }
        self.commit(tx).await
    }

    /// Forgets the windows every limit is done with.
    pub async fn forget_ended_windows(&self, now: Millis) -> AppResult<u64> {
        let mut tx = self.write().await?;
        let forgotten = tx.forget_rate_windows(now - self.limits.longest_window_ms()).await?;
        // Sign-ins at identity providers nobody came back from, too.
        tx.forget_oidc_logins(now).await?;
        self.commit(tx).await?;
        Ok(forgotten)
    }
}

/// Counts one of `person`'s sends in `tx`, or refuses it (429).
pub(super) async fn admit_send(
    domain_limits: &crate::limits::Limits,
    tx: &mut dyn Tx,
    person: PersonId,
) -> AppResult<()> {
    admit(tx, domain_limits.sends, &format!("sends:{}", person.0), "messages in a short time").await
}

/// Refuses (429) an upload `person` may not make now, before its bytes are read.
pub(super) async fn check_upload(
    domain_limits: &crate::limits::Limits,
    tx: &mut dyn Tx,
    person: PersonId,
) -> AppResult<()> {
    let Some(rate) = domain_limits.uploads else { return Ok(()) };
    let stored = tx.rate_window(&upload_key(person)).await?;
    limits::check(stored, now_ms(), rate).map_err(|wait| AppError::throttled(wait, UPLOADS))
}

fn upload_key(person: PersonId) -> String {
    format!("uploads:{}", person.0)
}

const UPLOADS: &str = "uploads in a short time";

/// Counts one of `person`'s uploads in `tx`, or refuses it (429).
pub(super) async fn admit_upload(
    domain_limits: &crate::limits::Limits,
    tx: &mut dyn Tx,
    person: PersonId,
) -> AppResult<()> {
    admit(tx, domain_limits.uploads, &upload_key(person), UPLOADS).await
}

async fn admit(tx: &mut dyn Tx, rate: Option<Rate>, key: &str, what: &str) -> AppResult<()> {
    let Some(rate) = rate else { return Ok(()) };
    let stored = tx.lock_rate_window(key).await?;
    let window = limits::admit(stored, now_ms(), rate).map_err(|wait| AppError::throttled(wait, what))?;
    tx.put_rate_window(key, window).await?;
    Ok(())
}
