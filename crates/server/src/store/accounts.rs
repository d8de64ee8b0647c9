//! People, sessions, work accounts and contacts.

use async_trait::async_trait;
use samtal_core::api::{Contact, DirectoryAttributes, EmailSettings, OrgRef, Person, SearchResult, WorkAccount};
use samtal_core::rules::Viewer;
use samtal_core::{DirectoryEntryId, OrgId, PersonId};

use crate::store::StoreResult;

/// What `GET /api/me` shows about a person besides the person itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountFacts {
    /// The work account they are signed in to, if any.
    pub work_account: Option<WorkAccount>,
    /// Organizations they administer.
    pub admin_orgs: Vec<OrgRef>,
    /// Missed-message e-mails are on.
    pub email_enabled: bool,
    /// Their own delay; `None` means the server's default.
    pub email_delay_minutes: Option<u32>,
    /// The identity of this database (see [`samtal_core::api::Me::installation`]).
    pub installation: String,
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

/// People, sessions, work accounts and contacts.
#[async_trait]
pub trait AccountStore: Send + Sync {
    /// Creates a person; `HandleTaken` if the handle is in use.
    async fn create_person(&self, handle: &str, display_name: &str, password_hash: &str) -> StoreResult<Person>;

    /// A person by handle, with their password hash.
    async fn person_by_handle(&self, handle: &str) -> StoreResult<Option<(Person, String)>>;

    /// A person by id.
    async fn person(&self, id: PersonId) -> StoreResult<Option<Person>>;

    /// Stores a session for `person` under the token's hash.
    async fn create_session(&self, person: PersonId, token_hash: &str, expires_at: i64) -> StoreResult<()>;

    /// The person of a live session.
    async fn session_person(&self, token_hash: &str) -> StoreResult<Option<Person>>;

    /// Ends a session.
    async fn delete_session(&self, token_hash: &str) -> StoreResult<()>;

    /// The facts the rules need about a person: current work account (of an
    /// enabled organization) and the organizations they administer.
    async fn viewer(&self, person: PersonId) -> StoreResult<Viewer>;

    /// Work account, admin roles and e-mail setting of a person.
    async fn account(&self, person: PersonId) -> StoreResult<AccountFacts>;

    /// Stores a person's missed-message e-mail setting and tells their devices.
    async fn set_email_settings(&self, person: PersonId, settings: EmailSettings) -> StoreResult<()>;

    /// Every directory entry with this work e-mail (one per organization at most).
    async fn work_account_candidates(&self, email: &str) -> StoreResult<Vec<WorkAccountCandidate>>;

    /// Signs `person` in to the work account of `entry` (whose password the
    /// caller verified). Refuses a disabled organization (`OrgDisabled`), an
    /// entry someone else is signed in to, and a second work account
    /// (`Conflict`). Signing in again to the same entry changes nothing.
    async fn link_work_account(&self, person: PersonId, entry: DirectoryEntryId) -> StoreResult<()>;

    /// Signs `person` out of their work account: they leave its organization
    /// (rule 10). `false` if they were not signed in to one.
    async fn unlink_work_account(&self, person: PersonId) -> StoreResult<bool>;

    /// The directory attributes of the entry `person` is signed in to now.
    async fn directory_attributes_of(&self, person: PersonId) -> StoreResult<Option<DirectoryAttributes>>;

    /// Whether `a` and `b` are both members of a conversation `org` owns.
    async fn shares_org_conversation(&self, a: PersonId, b: PersonId, org: OrgId) -> StoreResult<bool>;

    /// `owner`'s contacts, by name.
    async fn contacts(&self, owner: PersonId) -> StoreResult<Vec<Contact>>;

    /// Saves `person` as a contact of `owner`; `true` if it was new.
    async fn add_contact(&self, owner: PersonId, person: PersonId) -> StoreResult<(Contact, bool)>;

    /// Removes a contact (nothing happens if it was not one).
    async fn remove_contact(&self, owner: PersonId, person: PersonId) -> StoreResult<()>;

    /// Whether `person` is a contact of `owner`.
    async fn is_contact(&self, owner: PersonId, person: PersonId) -> StoreResult<bool>;

    /// Up to `limit` contacts of `owner` whose name or handle contains
    /// `needle` (already lowercased), by name.
    async fn search_contacts(&self, owner: PersonId, needle: &str, limit: usize) -> StoreResult<Vec<Person>>;

    /// Up to `limit` directory entries of `orgs` whose name, alias or e-mail
    /// contains `needle` (already lowercased), by name, leaving out the entry
    /// `exclude` is signed in to.
    async fn search_directory(
        &self,
        orgs: &[OrgId],
        needle: &str,
        exclude: PersonId,
        limit: usize,
    ) -> StoreResult<Vec<SearchResult>>;
}
