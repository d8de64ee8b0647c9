//! Sessions: starting and ending them, the list a person sees in Me, and
//! password changes, which end every other session.
//!
//! Ending a session appends `session_ended` to its person's stream in the
//! same transaction, so its sockets, on whichever instance, close at once
//! instead of at their next session check, and the person's other devices
//! refresh their list.

use samtal_core::api::{Person, SessionInfo};
use samtal_core::events::Event;
use samtal_core::{ErrorCode, Millis, PersonId};

use super::Domain;
use super::support::append;
use crate::error::{AppError, AppResult};
use crate::time::now_ms;

/// How stale `last_seen_at` may get: a signed-in request writes it at most
/// once a minute per session, not on every request.
const SEEN_EVERY_MS: Millis = 60_000;

/// How a session is named in the API: the start of its token's hash. That
/// names it without being anything a cookie could be made from.
pub fn session_id(token_hash: &str) -> String {
    token_hash.chars().take(16).collect()
}

impl Domain {
    /// Stores a session for `person` under the token's hash, started on `device`.
    pub async fn create_session(
        &self,
        person: PersonId,
        token_hash: &str,
        expires_at: i64,
        device: &str,
    ) -> AppResult<()> {
        let mut tx = self.write().await?;
        tx.insert_session(token_hash, person, now_ms(), expires_at, device).await?;
        self.commit(tx).await
    }

    /// The person of a live session.
    pub async fn session_person(&self, token_hash: &str) -> AppResult<Option<Person>> {
        Ok(self.read().await?.session_person(token_hash, now_ms()).await?.map(|(person, _)| person))
    }

    /// Notes the session's use at `now` when its `last_seen` is a minute old.
    pub(super) async fn seen(&self, token_hash: &str, last_seen: Millis, now: Millis) -> AppResult<()> {
        if now - last_seen < SEEN_EVERY_MS {
            return Ok(());
        }
        let mut tx = self.write().await?;
        tx.touch_session(token_hash, now).await?;
        self.commit(tx).await
    }

    /// Ends a session (signing out): its sockets close.
    pub async fn delete_session(&self, person: PersonId, token_hash: &str) -> AppResult<()> {
        let mut tx = self.write().await?;
        tx.delete_session(token_hash).await?;
        append(tx.as_mut(), &[person], &Event::SessionEnded { session_id: session_id(token_hash) }).await?;
        self.commit(tx).await
    }

    /// The person's live sessions, the one asking marked `current`.
    pub async fn sessions(&self, person: PersonId, current: &str) -> AppResult<Vec<SessionInfo>> {
        let rows = self.read().await?.sessions(person, now_ms()).await?;
        Ok(rows
            .into_iter()
            .map(|row| SessionInfo {
                id: session_id(&row.token_hash),
                current: row.token_hash == current,
                device: row.device,
                created_at: row.created_at,
                last_seen_at: row.last_seen_at,
            })
            .collect())
    }

    /// Ends the person's session named `id` (404 if they have none such).
    pub async fn end_session(&self, person: PersonId, id: &str) -> AppResult<()> {
        let mut tx = self.write().await?;
        let rows = tx.sessions(person, now_ms()).await?;
        let row = rows.into_iter().find(|row| session_id(&row.token_hash) == id);
        let Some(row) = row else {
            return Err(AppError::msg(ErrorCode::NotFound, "There is no such session."));
        };
        tx.delete_session(&row.token_hash).await?;
        append(tx.as_mut(), &[person], &Event::SessionEnded { session_id: id.to_owned() }).await?;
        self.commit(tx).await
    }

    /// Ends every session of the person but `keep`; answers how many.
    pub async fn end_other_sessions(&self, person: PersonId, keep: &str) -> AppResult<u32> {
        let mut tx = self.write().await?;
        let ended = end_others(tx.as_mut(), person, keep).await?;
        self.commit(tx).await?;
        Ok(ended)
    }

    /// Replaces the person's password hash and ends their other sessions
    /// (the current password was checked by the caller); answers how many.
    pub async fn change_password(&self, person: PersonId, keep: &str, password_hash: &str) -> AppResult<u32> {
        let mut tx = self.write().await?;
        tx.set_password_hash(person, password_hash).await?;
        let ended = end_others(tx.as_mut(), person, keep).await?;
        self.commit(tx).await?;
        Ok(ended)
    }
}

/// Ends, in `tx`, every session of `person` but `keep`.
async fn end_others(tx: &mut dyn crate::store::Tx, person: PersonId, keep: &str) -> AppResult<u32> {
    // Expired ones too: they are nobody's any more.
    let rows = tx.sessions(person, Millis::MIN).await?;
    let mut ended = 0;
    for row in rows.into_iter().filter(|row| row.token_hash != keep) {
        tx.delete_session(&row.token_hash).await?;
        let session_id = session_id(&row.token_hash);
        append(tx, &[person], &Event::SessionEnded { session_id }).await?;
        ended += 1;
    }
    Ok(ended)
}
