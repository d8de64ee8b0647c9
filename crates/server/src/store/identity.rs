//! Organizations' identity providers: their OpenID Connect settings, the
//! sign-ins under way at them, and what their SCIM clients provisioned.

use async_trait::async_trait;
use samtal_core::identity::{MatchClaim, ScimToken};
use samtal_core::{DirectoryEntryId, Millis, OrgId, PersonId, ScimTokenId};

use super::StoreResult;

/// An organization's OpenID Connect provider, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidcRow {
    /// The issuer URL.
    pub issuer: String,
    /// The client id.
    pub client_id: String,
    /// The client secret, sealed (`crate::secrets`); `None` for a public client.
    pub sealed_secret: Option<String>,
    /// The claim that finds the directory entry.
    pub claim: MatchClaim,
    /// When it was last changed.
    pub updated_at: Millis,
}

/// A sign-in under way at a provider: what the callback needs to finish it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidcLogin {
    /// Who is signing in.
    pub person: PersonId,
    /// To which organization's work account.
    pub org: OrgId,
    /// The nonce the ID token must carry.
    pub nonce: String,
    /// The PKCE verifier of the code challenge sent.
    pub pkce_verifier: String,
    /// After this the callback is refused.
    pub expires_at: Millis,
}

/// A SCIM token that works, as its bearer authenticates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScimClient {
    /// The token.
    pub token: ScimTokenId,
    /// The organization it provisions.
    pub org: OrgId,
    /// Its name, for the audit log.
    pub name: String,
    /// When it was last used.
    pub last_used_at: Option<Millis>,
}

/// A SCIM user as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScimUserRow {
    /// The SCIM `id`.
    pub id: i64,
    /// Its organization.
    pub org: OrgId,
    /// Its directory entry while it is active.
    pub entry: Option<DirectoryEntryId>,
    /// `userName` lowercased.
    pub user_key: String,
    /// `externalId`, the provider's own id for the user.
    pub external_id: Option<String>,
    /// The stored attributes as JSON (`scim::user::StoredUser`).
    pub resource: String,
    /// Created.
    pub created_at: Millis,
    /// Last changed.
    pub updated_at: Millis,
}

/// A SCIM user to store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewScimUser<'a> {
    /// Its directory entry, if active.
    pub entry: Option<DirectoryEntryId>,
    /// `userName` lowercased.
    pub user_key: &'a str,
    /// `externalId`.
    pub external_id: Option<&'a str>,
    /// The attributes as JSON.
    pub resource: &'a str,
}

/// Which SCIM users a list answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScimUserFilter {
    /// All of them.
    All,
    /// The one whose lowercased `userName` is this.
    UserKey(String),
    /// Those with this `externalId`.
    ExternalId(String),
}

/// Rows of identity providers and SCIM.
#[async_trait]
pub trait IdentityRows: Send {
    /// The organization's OpenID Connect provider, if configured.
    async fn oidc_config(&mut self, org: OrgId) -> StoreResult<Option<OidcRow>>;

    /// Stores (or replaces) the organization's provider.
    async fn put_oidc_config(&mut self, org: OrgId, row: &OidcRow) -> StoreResult<()>;

    /// Forgets the organization's provider; `false` if it had none.
    async fn delete_oidc_config(&mut self, org: OrgId) -> StoreResult<bool>;

    /// The organization whose e-mail domain this is (lowercased), if any.
    async fn org_by_domain(&mut self, domain: &str) -> StoreResult<Option<OrgId>>;

    /// Stores a sign-in under way, by the hash of its state.
    async fn insert_oidc_login(&mut self, state_hash: &str, login: &OidcLogin) -> StoreResult<()>;

    /// Takes the sign-in of this state hash: it is gone afterwards, so a
    /// state works once.
    async fn take_oidc_login(&mut self, state_hash: &str) -> StoreResult<Option<OidcLogin>>;

    /// Forgets sign-ins that expired before `before`; answers how many.
    async fn forget_oidc_logins(&mut self, before: Millis) -> StoreResult<u64>;

    /// The organization's entry whose work e-mail (lowercased) this is.
    async fn entry_by_email_in_org(&mut self, org: OrgId, email: &str) -> StoreResult<Option<DirectoryEntryId>>;

    /// The organization's active entry whose SCIM user has this `externalId`.
    async fn entry_by_external_id(&mut self, org: OrgId, external_id: &str) -> StoreResult<Option<DirectoryEntryId>>;

    /// Stores a new SCIM token by the hash of its secret.
    async fn insert_scim_token(
        &mut self,
        org: OrgId,
        name: &str,
        token_hash: &str,
        created_by: PersonId,
        at: Millis,
    ) -> StoreResult<ScimTokenId>;

    /// The organization's tokens that work, newest first.
    async fn scim_tokens(&mut self, org: OrgId) -> StoreResult<Vec<ScimToken>>;

    /// Revokes one of the organization's tokens; its name, or `None` if it
    /// is not the organization's or was revoked already.
    async fn revoke_scim_token(&mut self, org: OrgId, token: ScimTokenId, at: Millis) -> StoreResult<Option<String>>;

    /// The token that works with this secret hash, if any.
    async fn scim_client(&mut self, token_hash: &str) -> StoreResult<Option<ScimClient>>;

    /// Notes when a token was used.
    async fn touch_scim_token(&mut self, token: ScimTokenId, at: Millis) -> StoreResult<()>;

    /// Stores a new SCIM user; its id.
    async fn insert_scim_user(&mut self, org: OrgId, user: NewScimUser<'_>, at: Millis) -> StoreResult<i64>;

    /// Replaces a SCIM user's stored values.
    async fn update_scim_user(&mut self, id: i64, user: NewScimUser<'_>, at: Millis) -> StoreResult<()>;

    /// One of the organization's SCIM users.
    async fn scim_user(&mut self, org: OrgId, id: i64) -> StoreResult<Option<ScimUserRow>>;

    /// The SCIM user of a directory entry, if a provider provisioned it.
    async fn scim_user_of_entry(&mut self, entry: DirectoryEntryId) -> StoreResult<Option<ScimUserRow>>;

    /// A page of the organization's SCIM users by id: `count` from the
    /// `offset`th (0-based), with how many match in all.
    async fn scim_users(
        &mut self,
        org: OrgId,
        filter: &ScimUserFilter,
        offset: u64,
        count: u64,
    ) -> StoreResult<(u64, Vec<ScimUserRow>)>;

    /// Deletes a SCIM user (its entry is the caller's to remove first).
    async fn delete_scim_user(&mut self, id: i64) -> StoreResult<()>;
}
