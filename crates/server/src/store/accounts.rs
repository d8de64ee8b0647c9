//! People, sessions, work accounts and contacts.

use async_trait::async_trait;
use samtal_core::PersonId;
use samtal_core::api::Person;
use samtal_core::rules::Viewer;

use crate::store::StoreResult;

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
}
