//! Organizations' directories: entries, sign-ins to them, and search.

use std::collections::HashSet;

use async_trait::async_trait;
use samtal_core::api::{DirectoryEntry, NewDirectoryEntry, SearchResult};
use samtal_core::{ConversationId, DirectoryEntryId, Millis, OrgId, PersonId};

use super::StoreResult;

/// The e-mails and aliases an organization's directory already holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectoryKeys {
    /// Work e-mails.
    pub emails: HashSet<String>,
    /// Aliases.
    pub aliases: HashSet<String>,
}

/// A directory entry a person may sign in to with a work e-mail: the caller
/// verifies the password against `password_hash`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkAccountCandidate {
    /// The entry.
    pub entry: DirectoryEntryId,
    /// Its organization.
    pub org: OrgId,
    /// The work-account password's PHC hash.
    pub password_hash: String,
    /// Whether Samtal is on for the organization (rule 9).
    pub org_enabled: bool,
}

/// Rows of directory entries.
#[async_trait]
pub trait DirectoryRows: Send {
    /// One entry.
    async fn entry(&mut self, id: DirectoryEntryId) -> StoreResult<Option<DirectoryEntry>>;

    /// The entry `person` is signed in to now, in any organization.
    async fn entry_of_person(&mut self, person: PersonId) -> StoreResult<Option<DirectoryEntry>>;

    /// The entry of `org` that `person` is signed in to now.
    async fn entry_in_org(&mut self, person: PersonId, org: OrgId) -> StoreResult<Option<DirectoryEntry>>;

    /// Every entry with this work e-mail, by id.
    async fn entries_by_email(&mut self, email: &str) -> StoreResult<Vec<WorkAccountCandidate>>;

    /// Records that `person` signed in to `entry`.
    async fn link_entry(&mut self, entry: DirectoryEntryId, person: PersonId, at: Millis) -> StoreResult<()>;

    /// Records that nobody is signed in to `entry`.
    async fn unlink_entry(&mut self, entry: DirectoryEntryId) -> StoreResult<()>;

    /// Signs everybody out of `org`'s entries, answering who was signed in.
    async fn unlink_all_in_org(&mut self, org: OrgId) -> StoreResult<Vec<PersonId>>;

    /// The conversations an entry has a member row in, by id.
    async fn entry_conversations(&mut self, entry: DirectoryEntryId) -> StoreResult<Vec<ConversationId>>;

    /// Inserts an entry (e-mail and alias lowercased by the caller) with its
    /// password hash; `None` if its e-mail or alias is taken in the
    /// organization. A refused entry leaves the transaction usable.
    async fn insert_entry(
        &mut self,
        org: OrgId,
        entry: &NewDirectoryEntry,
        password_hash: &str,
        at: Millis,
    ) -> StoreResult<Option<DirectoryEntryId>>;

    /// Deletes an entry and its remaining member rows.
    async fn delete_entry(&mut self, entry: DirectoryEntryId) -> StoreResult<()>;

    /// The organization's entries by name (case-insensitively), then id;
    /// with a needle only those whose lowercased name, alias or e-mail
    /// contains it. The needle is lowercased and holds no line break.
    async fn directory(&mut self, org: OrgId, needle: Option<&str>) -> StoreResult<Vec<DirectoryEntry>>;

    /// The e-mails and aliases in use in an organization's directory.
    async fn directory_keys(&mut self, org: OrgId) -> StoreResult<DirectoryKeys>;

    /// Up to `limit` entries of `orgs` whose lowercased name, alias or
    /// e-mail contains `needle`, by name, then id, leaving out the entry
    /// `exclude` is signed in to.
    async fn search_directory(
        &mut self,
        orgs: &[OrgId],
        needle: &str,
        exclude: PersonId,
        limit: u32,
    ) -> StoreResult<Vec<SearchResult>>;
}

/// What directory search looks in: the Unicode-lowercased name, alias and
/// e-mail, one per line. Backends store it beside the entry.
pub fn search_key(display_name: &str, alias: &str, email: &str) -> String {
    format!("{display_name}\n{alias}\n{email}").to_lowercase()
}
