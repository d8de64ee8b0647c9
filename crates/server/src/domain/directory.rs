//! Organizations' directories: search, the admin portal's list, import and
//! removal (rule 10).

use samtal_core::api::{DirectoryEntry, NewDirectoryEntry};
use samtal_core::events::{Event, RevocationReason};
use samtal_core::{DirectoryEntryId, ErrorCode, OrgId, PersonId};
use serde_json::json;

use super::Domain;
use super::membership::{announce_entry_change, leave_org};
use super::support::{append, audit};
use crate::error::AppResult;
use crate::store::directory::DirectoryKeys;
use crate::store::{Tx, searchable};
use crate::time::now_ms;

impl Domain {
    /// The organization's directory by name, optionally only entries with a
    /// word starting with `needle` (already lowercased).
    pub async fn directory(&self, org: OrgId, needle: Option<&str>) -> AppResult<Vec<DirectoryEntry>> {
        if needle.is_some_and(|n| !searchable(n)) {
            return Ok(Vec::new());
        }
        Ok(self.read().await?.directory(org, needle).await?)
    }

    /// One directory entry.
    pub async fn directory_entry(&self, entry: DirectoryEntryId) -> AppResult<Option<DirectoryEntry>> {
        Ok(self.read().await?.entry(entry).await?)
    }

    /// The e-mails and aliases in use in an organization's directory.
    pub async fn directory_keys(&self, org: OrgId) -> AppResult<DirectoryKeys> {
        Ok(self.read().await?.directory_keys(org).await?)
    }

    /// Stores checked entries (e-mail and alias lowercased) with their
    /// password hashes in one transaction, answering each with its new id or
    /// `DirectoryEntryExists` (when another import took its e-mail or alias
    /// in the meantime), and audits the import. The entries' `password` is
    /// not read: only the hash is stored.
    pub async fn import_directory(
        &self,
        org: OrgId,
        actor: PersonId,
        entries: &[(NewDirectoryEntry, String)],
    ) -> AppResult<Vec<Result<DirectoryEntryId, ErrorCode>>> {
        let mut tx = self.write().await?;
        let org_name = tx.org(org).await?.ok_or(ErrorCode::NotFound)?.name;
        let now = now_ms();
        let batch: Vec<(&NewDirectoryEntry, &str)> = entries.iter().map(|(e, hash)| (e, hash.as_str())).collect();
        let stored = tx.insert_entries(org, &batch, now).await?;
        let results: Vec<_> = stored.into_iter().map(|id| id.ok_or(ErrorCode::DirectoryEntryExists)).collect();
        let imported = results.iter().filter(|r| r.is_ok()).count();
        if imported > 0 {
            audit(tx.as_mut(), org, Some(actor), "directory_imported", &org_name, json!({ "count": imported })).await?;
        }
        self.commit(tx).await?;
        Ok(results)
    }

    /// Removes an entry of `org`: whoever is signed in to it leaves the
    /// organization at once (rule 10). `NotFound` if it is not `org`'s.
    pub async fn remove_directory_entry(&self, org: OrgId, entry: DirectoryEntryId, actor: PersonId) -> AppResult<()> {
        let mut tx = self.write().await?;
        let removed = tx.entry(entry).await?.filter(|e| e.org_id == org).ok_or(ErrorCode::NotFound)?;
        let signed_in = remove_entry(tx.as_mut(), &removed).await?;
        audit(
            tx.as_mut(),
            org,
            Some(actor),
            "directory_entry_removed",
            &removed.email,
            json!({ "display_name": removed.display_name, "alias": removed.alias, "signed_in": signed_in }),
        )
        .await?;
        self.commit(tx).await
    }
}

/// Removes an entry from its directory in `tx`: whoever is signed in to it
/// leaves the organization at once, their devices told to wipe it (rule
/// 10). Answers whether someone was signed in.
pub(crate) async fn remove_entry(tx: &mut dyn Tx, removed: &DirectoryEntry) -> AppResult<bool> {
    let (org, entry, person) = (removed.org_id, removed.id, removed.person_id);
    let reason = RevocationReason::RemovedFromDirectory;
    leave_org(tx, org, entry, person, reason).await?;
    announce_entry_change(tx, entry, person).await?;
    if let Some(person) = person {
        append(tx, &[person], &Event::OrgRevoked { org_id: org, reason }).await?;
        append(tx, &[person], &Event::MeChanged).await?;
    }
    // Its remaining memberships (org chats) go with it.
    tx.delete_entry(entry).await?;
    Ok(person.is_some())
}
