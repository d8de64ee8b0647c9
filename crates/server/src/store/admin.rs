//! Organizations, directories, tenant policies and the audit log.

use std::collections::HashSet;

use async_trait::async_trait;
use samtal_core::api::{AuditEntry, DirectoryEntry, NewDirectoryEntry, Org};
use samtal_core::{DirectoryEntryId, ErrorCode, OrgId, PersonId, TenantPolicies};

use crate::store::StoreResult;

/// The e-mails and aliases an organization's directory already holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectoryKeys {
    /// Work e-mails.
    pub emails: HashSet<String>,
    /// Aliases.
    pub aliases: HashSet<String>,
}

/// Organizations, directories, tenant policies and the audit log.
#[async_trait]
pub trait AdminStore: Send + Sync {
    /// Creates an organization with `creator` as its first admin; `Conflict`
    /// if the domain is taken.
    async fn create_org(&self, creator: PersonId, name: &str, domain: &str, description: &str) -> StoreResult<Org>;

    /// An organization.
    async fn org(&self, org: OrgId) -> StoreResult<Option<Org>>;

    /// Sets tenant policies; every member of the organization's
    /// conversations hears that their capabilities changed.
    async fn set_tenant_policies(&self, org: OrgId, actor: PersonId, policies: TenantPolicies) -> StoreResult<Org>;

    /// Enables or disables Samtal for an organization (rules 9 and 10).
    /// Disabling ends every work-account sign-in to it; memberships stay so
    /// the conversations reopen when it is enabled again.
    async fn set_org_enabled(&self, org: OrgId, actor: PersonId, enabled: bool) -> StoreResult<Org>;

    /// The organization's directory by name, optionally only entries whose
    /// name, alias or e-mail contains `needle` (already lowercased).
    async fn directory(&self, org: OrgId, needle: Option<&str>) -> StoreResult<Vec<DirectoryEntry>>;

    /// One directory entry.
    async fn directory_entry(&self, entry: DirectoryEntryId) -> StoreResult<Option<DirectoryEntry>>;

    /// The e-mails and aliases in use in an organization's directory.
    async fn directory_keys(&self, org: OrgId) -> StoreResult<DirectoryKeys>;

    /// Stores checked entries (e-mail and alias lowercased) with their
    /// password hashes in one transaction, answering each with its new id or
    /// `DirectoryEntryExists` (when another import took its e-mail or alias
    /// in the meantime), and audits the import. The entries' `password` is
    /// not read: only the hash is stored.
    async fn import_directory(
        &self,
        org: OrgId,
        actor: PersonId,
        entries: &[(NewDirectoryEntry, String)],
    ) -> StoreResult<Vec<Result<DirectoryEntryId, ErrorCode>>>;

    /// Removes an entry of `org`: whoever is signed in to it leaves the
    /// organization at once (rule 10). `NotFound` if it is not `org`'s.
    async fn remove_directory_entry(&self, org: OrgId, entry: DirectoryEntryId, actor: PersonId) -> StoreResult<()>;

    /// The newest `limit` entries of the organization's audit log, newest first.
    async fn audit_log(&self, org: OrgId, limit: u32) -> StoreResult<Vec<AuditEntry>>;
}
