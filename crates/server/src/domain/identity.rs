//! Organizations' identity providers: their OpenID Connect settings and
//! SCIM tokens (Admin → Sign-in), and the sign-ins under way at them.

use samtal_core::api::Org;
use samtal_core::identity::{MatchClaim, ScimToken, check_password_signin_change, check_password_work_signin};
use samtal_core::{DirectoryEntryId, ErrorCode, Millis, OrgId, PersonId, ScimTokenId};
use serde_json::json;

use super::Domain;
use super::support::audit;
use crate::error::{AppError, AppResult};
use crate::store::identity::{OidcLogin, OidcRow, ScimClient};
use crate::time::now_ms;

/// How often a SCIM token's "last used" is noted, at most.
const TOUCH_EVERY_MS: Millis = 60_000;

/// What Admin → Sign-in shows, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInFacts {
    /// The organization.
    pub org: Org,
    /// Its provider, if configured.
    pub oidc: Option<OidcRow>,
    /// Its SCIM tokens that work.
    pub scim_tokens: Vec<ScimToken>,
}

impl Domain {
    /// The organization's sign-in settings. `NotFound` for no such organization.
    pub async fn sign_in_facts(&self, org: OrgId) -> AppResult<SignInFacts> {
        let mut tx = self.read().await?;
        let found = tx.org(org).await?.ok_or(ErrorCode::NotFound)?;
        Ok(SignInFacts { org: found, oidc: tx.oidc_config(org).await?, scim_tokens: tx.scim_tokens(org).await? })
    }

    /// Stores the organization's provider (its secret sealed already, or
    /// `None` to keep the stored one) and audits the change, never the secret.
    pub async fn set_oidc(
        &self,
        org: OrgId,
        actor: PersonId,
        issuer: &str,
        client_id: &str,
        new_sealed_secret: Option<String>,
        claim: MatchClaim,
    ) -> AppResult<OidcRow> {
        let mut tx = self.write().await?;
        let name = tx.org(org).await?.ok_or(ErrorCode::NotFound)?.name;
        let before = tx.oidc_config(org).await?;
        let secret_changed = new_sealed_secret.is_some();
        let sealed_secret = new_sealed_secret.or_else(|| before.as_ref().and_then(|b| b.sealed_secret.clone()));
        let row = OidcRow {
            issuer: issuer.to_owned(),
            client_id: client_id.to_owned(),
            sealed_secret,
            claim,
            updated_at: now_ms(),
        };
        tx.put_oidc_config(org, &row).await?;
        let detail = json!({
            "issuer": issuer,
            "client_id": client_id,
            "claim": claim.name(),
            "client_secret_changed": secret_changed,
            "previous_issuer": before.as_ref().map(|b| b.issuer.clone()),
        });
        audit(tx.as_mut(), org, Some(actor), "oidc_configured", &name, detail).await?;
        self.commit(tx).await?;
        Ok(row)
    }

    /// Forgets the organization's provider. Refused while password sign-in
    /// is off: nobody could sign in. `false` if there was none.
    pub async fn remove_oidc(&self, org: OrgId, actor: PersonId) -> AppResult<bool> {
        let mut tx = self.write().await?;
        let found = tx.org(org).await?.ok_or(ErrorCode::NotFound)?;
        let Some(before) = tx.oidc_config(org).await? else { return Ok(false) };
        // The tenant's policies must still hold once the provider is gone.
        check_password_signin_change(&found.policies, false).map_err(|code| {
            AppError::msg(
                code,
                "Turn password sign-in back on in Tenant policies first: without the identity provider it is the only way in.",
            )
        })?;
        tx.delete_oidc_config(org).await?;
        audit(tx.as_mut(), org, Some(actor), "oidc_removed", &found.name, json!({ "issuer": before.issuer })).await?;
        self.commit(tx).await?;
        Ok(true)
    }

    /// The organization whose domain a work e-mail has, with its provider.
    pub async fn provider_for_email(&self, email: &str) -> AppResult<Option<(Org, Option<OidcRow>)>> {
        let Some((_, domain)) = email.rsplit_once('@') else { return Ok(None) };
        let mut tx = self.read().await?;
        let Some(org) = tx.org_by_domain(&domain.to_lowercase()).await? else { return Ok(None) };
        let Some(found) = tx.org(org).await? else { return Ok(None) };
        let oidc = tx.oidc_config(org).await?;
        Ok(Some((found, oidc)))
    }

    /// The organization and its provider.
    pub async fn provider_of(&self, org: OrgId) -> AppResult<Option<(Org, OidcRow)>> {
        let mut tx = self.read().await?;
        let Some(found) = tx.org(org).await? else { return Ok(None) };
        Ok(tx.oidc_config(org).await?.map(|row| (found, row)))
    }

    /// Whether work accounts of `org` may be signed in to with a password
    /// (the tenant policy `password_signin`).
    pub async fn password_sign_in_allowed(&self, org: OrgId) -> AppResult<()> {
        let found = self.read().await?.org(org).await?.ok_or(ErrorCode::NotFound)?;
        check_password_work_signin(&found.policies).map_err(|code| {
            AppError::msg(
                code,
                format!("{} signs in through its identity provider: use \"Sign in with single sign-on\".", found.name),
            )
        })
    }

    /// Stores a sign-in under way at a provider, by the hash of its state.
    pub async fn begin_oidc_login(&self, state_hash: &str, login: &OidcLogin) -> AppResult<()> {
        let mut tx = self.write().await?;
        tx.insert_oidc_login(state_hash, login).await?;
        self.commit(tx).await
    }

    /// Takes the sign-in of this state hash, which then can't be used again,
    /// whatever happens next.
    pub async fn take_oidc_login(&self, state_hash: &str) -> AppResult<Option<OidcLogin>> {
        let mut tx = self.write().await?;
        let login = tx.take_oidc_login(state_hash).await?;
        self.commit(tx).await?;
        Ok(login)
    }

    /// The organization's entry a verified token's claim value finds.
    pub async fn entry_for_claim(
        &self,
        org: OrgId,
        claim: MatchClaim,
        value: &str,
    ) -> AppResult<Option<DirectoryEntryId>> {
        let mut tx = self.read().await?;
        Ok(match claim {
            MatchClaim::Email => tx.entry_by_email_in_org(org, value).await?,
            MatchClaim::Sub | MatchClaim::Oid => tx.entry_by_external_id(org, value).await?,
        })
    }

    /// Creates a SCIM token stored by the hash of its secret, and audits it.
    pub async fn create_scim_token(
        &self,
        org: OrgId,
        actor: PersonId,
        name: &str,
        token_hash: &str,
    ) -> AppResult<ScimToken> {
        let mut tx = self.write().await?;
        tx.org(org).await?.ok_or(ErrorCode::NotFound)?;
        let at = now_ms();
        let id = tx.insert_scim_token(org, name, token_hash, actor, at).await?;
        audit(tx.as_mut(), org, Some(actor), "scim_token_created", name, json!({ "token_id": id })).await?;
        self.commit(tx).await?;
        Ok(ScimToken { id, name: name.to_owned(), created_at: at, last_used_at: None })
    }

    /// Revokes a SCIM token of `org` and audits it; `NotFound` if it is not
    /// one of `org`'s working tokens.
    pub async fn revoke_scim_token(&self, org: OrgId, actor: PersonId, token: ScimTokenId) -> AppResult<()> {
        let mut tx = self.write().await?;
        let name = tx.revoke_scim_token(org, token, now_ms()).await?.ok_or(ErrorCode::NotFound)?;
        audit(tx.as_mut(), org, Some(actor), "scim_token_revoked", &name, json!({ "token_id": token })).await?;
        self.commit(tx).await
    }

    /// The SCIM client whose bearer secret hashes to `token_hash`, noting
    /// its use (at most once a minute; a failure to note it refuses nothing).
    pub async fn scim_client(&self, token_hash: &str) -> AppResult<Option<ScimClient>> {
        let Some(client) = self.read().await?.scim_client(token_hash).await? else { return Ok(None) };
        let now = now_ms();
        if client.last_used_at.is_none_or(|last| now - last >= TOUCH_EVERY_MS) {
            let touched = async {
                let mut tx = self.write().await?;
                tx.touch_scim_token(client.token, now).await?;
                self.commit(tx).await
            };
            if let Err(e) = touched.await {
                tracing::warn!(error = %e, "could not note when a SCIM token was used");
            }
        }
        Ok(Some(client))
    }
}
