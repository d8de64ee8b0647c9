//! The sweep of uploads nobody sent: every hour, each instance forgets the
//! uploads older than the grace period (`--upload-grace`, default 24 h) that
//! no message carries, then deletes the bytes no attachment uses any more.
//! The same sweep forgets the abuse limits' windows that have ended.
//! Instances may sweep at once: the writer's turn orders them, and the
//! second finds nothing left.

use std::time::Duration;

use tokio::task::JoinHandle;

use crate::state::AppState;
use crate::time::now_ms;

/// How often to sweep.
const EVERY: Duration = Duration::from_secs(60 * 60);

/// Starts sweeping, at once and then every hour, until aborted.
pub fn spawn_sweeper(state: AppState) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(EVERY);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match sweep(&state, now_ms()).await {
                Ok(0) => {}
                Ok(removed) => tracing::info!(removed, "removed the bytes of uploads nobody sent"),
                Err(e) => tracing::warn!(error = %e, "sweeping unsent uploads failed; trying again later"),
            }
            if let Err(e) = state.domain.forget_ended_windows(now_ms()).await {
                tracing::warn!(error = %e, "forgetting ended rate windows failed; trying again later");
            }
        }
    })
}

/// One sweep as of `now`: answers how many uploads' bytes went. A crash
/// between the commit and the deletes leaves bytes that no row names,
/// never a row without its bytes.
pub async fn sweep(state: &AppState, now: samtal_core::Millis) -> crate::error::AppResult<usize> {
    let grace = i64::try_from(state.config.upload_grace.as_millis()).unwrap_or(i64::MAX);
    let unused = state.domain.forget_unsent_uploads(now.saturating_sub(grace)).await?;
    for key in &unused {
        state.blobs.delete(key).await;
    }
    Ok(unused.len())
}
