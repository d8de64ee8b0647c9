//! People, sessions, contacts and what a person's account shows.

use async_trait::async_trait;
use samtal_core::api::{Contact, DirectoryAttributes, OrgRef, Person, WorkAccount};
use samtal_core::{Millis, OrgId, PersonId};

use super::StoreResult;

/// A person's missed-message e-mail setting as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmailSettingsRow {
    /// On or off.
    pub enabled: bool,
    /// Their own delay in minutes; none: the server's default.
    pub delay_minutes: Option<i64>,
}

/// A session as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    /// The SHA-256 of its token.
    pub token_hash: String,
    /// What the browser said it was.
    pub device: String,
    /// When it started.
    pub created_at: Millis,
    /// When it was last used.
    pub last_seen_at: Millis,
}

/// Rows of persons, sessions and contacts.
#[async_trait]
pub trait AccountRows: Send {
    /// Inserts a person; `Violation(PersonHandle)` if the handle is taken.
    async fn insert_person(
        &mut self,
        handle: &str,
        display_name: &str,
        password_hash: &str,
        at: Millis,
    ) -> StoreResult<PersonId>;

    /// A person by handle, with their password hash.
    async fn person_by_handle(&mut self, handle: &str) -> StoreResult<Option<(Person, String)>>;

    /// A person by id.
    async fn person(&mut self, id: PersonId) -> StoreResult<Option<Person>>;

    /// Stores a session under the token's hash; `device` is what the
    /// browser said it was.
    async fn insert_session(
        &mut self,
        token_hash: &str,
        person: PersonId,
        at: Millis,
        expires_at: Millis,
        device: &str,
    ) -> StoreResult<()>;

    /// The person of a session that has not expired at `now`, and when the
    /// session was last seen.
    async fn session_person(&mut self, token_hash: &str, now: Millis) -> StoreResult<Option<(Person, Millis)>>;

    /// Deletes a session.
    async fn delete_session(&mut self, token_hash: &str) -> StoreResult<()>;

    /// The person's sessions that have not expired at `now`, the most
    /// recently seen first.
    async fn sessions(&mut self, person: PersonId, now: Millis) -> StoreResult<Vec<SessionRow>>;

    /// Notes that a session was used at `at`.
    async fn touch_session(&mut self, token_hash: &str, at: Millis) -> StoreResult<()>;

    /// Replaces a person's password hash.
    async fn set_password_hash(&mut self, person: PersonId, password_hash: &str) -> StoreResult<()>;

    /// The organization whose work account the person is signed in to, if
    /// it is enabled.
    async fn enabled_work_org(&mut self, person: PersonId) -> StoreResult<Option<OrgId>>;

    /// Organizations the person administers: by the org's admin list, or as
    /// an admin entry of an enabled organization's directory they are signed in to.
    async fn admin_orgs(&mut self, person: PersonId) -> StoreResult<Vec<OrgRef>>;

    /// The work account (of an enabled organization) the person is signed in to.
    async fn work_account(&mut self, person: PersonId) -> StoreResult<Option<WorkAccount>>;

    /// The directory attributes of that work account.
    async fn directory_attributes(&mut self, person: PersonId) -> StoreResult<Option<DirectoryAttributes>>;

    /// The person's e-mail setting.
    async fn email_settings(&mut self, person: PersonId) -> StoreResult<EmailSettingsRow>;

    /// Stores the person's e-mail setting.
    async fn set_email_settings(&mut self, person: PersonId, enabled: bool, delay_minutes: i64) -> StoreResult<()>;

    /// The language the person chose in Me (`en`, `sv`), if any.
    async fn language(&mut self, person: PersonId) -> StoreResult<Option<String>>;

    /// Stores the person's language, or forgets it.
    async fn set_language(&mut self, person: PersonId, language: Option<&str>) -> StoreResult<()>;

    /// The identity of this database, made when it was created.
    async fn installation_id(&mut self) -> StoreResult<String>;

    /// Whether `a` and `b` both take part (by person or through an entry
    /// they are signed in to) in one conversation `org` owns.
    async fn shares_org_conversation(&mut self, a: PersonId, b: PersonId, org: OrgId) -> StoreResult<bool>;

    /// `owner`'s contacts, by name (case-insensitively), then id.
    async fn contacts(&mut self, owner: PersonId) -> StoreResult<Vec<Contact>>;

    /// One contact of `owner`.
    async fn contact(&mut self, owner: PersonId, person: PersonId) -> StoreResult<Option<Contact>>;

    /// Saves a contact; `false` if it was one already.
    async fn insert_contact(&mut self, owner: PersonId, person: PersonId, at: Millis) -> StoreResult<bool>;

    /// Removes a contact; `false` if it was not one.
    async fn delete_contact(&mut self, owner: PersonId, person: PersonId) -> StoreResult<bool>;
}
