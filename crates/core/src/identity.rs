//! Work accounts from an organization's own identity provider: the wire
//! types of Admin → Sign-in, and the rules of signing in through OpenID
//! Connect and of provisioning by SCIM.

use serde::{Deserialize, Serialize};

use crate::error::ErrorCode;
use crate::ids::ScimTokenId;
use crate::policy::TenantPolicies;
use crate::{Millis, OrgId};

/// Which claim of the provider's ID token finds the person's directory entry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MatchClaim {
    /// `email`, against the entry's work e-mail.
    #[default]
    Email,
    /// `sub`, the provider's subject, against the entry's external id (SCIM `externalId`).
    Sub,
    /// `oid`, Entra ID's object id, against the entry's external id.
    Oid,
}

impl MatchClaim {
    /// The claim's name in the token.
    pub fn name(self) -> &'static str {
        match self {
            MatchClaim::Email => "email",
            MatchClaim::Sub => "sub",
            MatchClaim::Oid => "oid",
        }
    }
}

/// What a verified ID token says about who signed in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TokenFacts {
    /// `sub`.
    pub subject: String,
    /// `email`, if the token has it.
    pub email: Option<String>,
    /// `email_verified`, if the token has it.
    pub email_verified: Option<bool>,
    /// `oid` (Entra ID), if the token has it.
    pub oid: Option<String>,
}

/// The value that finds the directory entry, by the organization's claim:
/// an e-mail lowercased, or an external id as it is. `None` when the token
/// lacks the claim, or says its e-mail is not verified: a provider that
/// lets people type any address must not let them take someone's account.
pub fn match_value(claim: MatchClaim, token: &TokenFacts) -> Option<String> {
    let value = match claim {
        MatchClaim::Email if token.email_verified == Some(false) => None,
        MatchClaim::Email => token.email.as_deref().map(|e| e.trim().to_lowercase()),
        MatchClaim::Sub => Some(token.subject.clone()),
        MatchClaim::Oid => token.oid.clone(),
    };
    value.filter(|v| !v.is_empty())
}

/// Whether an organization may turn off password sign-in to its work
/// accounts: only once its identity provider is configured, or nobody
/// could sign in at all.
pub fn check_password_signin_change(policies: &TenantPolicies, oidc_configured: bool) -> Result<(), ErrorCode> {
    if !policies.password_signin && !oidc_configured { Err(ErrorCode::RuleViolation) } else { Ok(()) }
}

/// Whether a work account of an organization with these policies may be
/// signed in to with its password.
pub fn check_password_work_signin(policies: &TenantPolicies) -> Result<(), ErrorCode> {
    if policies.password_signin { Ok(()) } else { Err(ErrorCode::Forbidden) }
}

/// `GET /api/admin/orgs/{org_id}/sign-in`: how the organization's people
/// sign in to their work accounts, and how its directory is provisioned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInSettings {
    /// The organization.
    pub org_id: OrgId,
    /// Its identity provider, if one is configured.
    pub oidc: Option<OidcSettings>,
    /// The redirect URI to register at the provider.
    pub redirect_uri: String,
    /// The SCIM base URL to give the provider.
    pub scim_base_url: String,
    /// The SCIM tokens that work now, newest first.
    pub scim_tokens: Vec<ScimToken>,
    /// Whether the imported work-account passwords still sign in (the
    /// tenant policy `password_signin`).
    pub password_signin: bool,
}

/// An organization's OpenID Connect provider, as its admins see it. The
/// client secret is never shown again once stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OidcSettings {
    /// The issuer URL, whose `/.well-known/openid-configuration` describes the provider.
    pub issuer: String,
    /// The client id Samtal was registered with.
    pub client_id: String,
    /// Whether a client secret is stored.
    pub has_client_secret: bool,
    /// The claim that finds the directory entry.
    pub claim: MatchClaim,
    /// When it was last changed.
    pub updated_at: Millis,
}

/// `PUT /api/admin/orgs/{org_id}/sign-in/oidc`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetOidc {
    /// The issuer URL (`https://`, or `http://` on this machine's own addresses).
    pub issuer: String,
    /// The client id.
    pub client_id: String,
    /// The client secret; absent or empty keeps the stored one.
    #[serde(default)]
    pub client_secret: Option<String>,
    /// The claim that finds the directory entry (`email` by default).
    #[serde(default)]
    pub claim: MatchClaim,
}

/// A SCIM bearer token, as listed: its secret is shown only when created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScimToken {
    /// The token.
    pub id: ScimTokenId,
    /// What the admin called it, like "Entra provisioning".
    pub name: String,
    /// Created.
    pub created_at: Millis,
    /// Last used by the provider, if ever.
    pub last_used_at: Option<Millis>,
}

/// `POST /api/admin/orgs/{org_id}/scim-tokens`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewScimToken {
    /// A name for it.
    pub name: String,
}

/// A SCIM token just created, with its secret, shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedScimToken {
    /// The token.
    pub token: ScimToken,
    /// The bearer secret to give the provider.
    pub secret: String,
}

/// `POST /api/me/work-account/oidc`: start signing in to a work account at
/// the organization's identity provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StartWorkSignIn {
    /// The work e-mail; its domain names the organization.
    pub email: String,
}

/// Where the browser goes next to sign in at the provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkSignInRedirect {
    /// The provider's authorization URL.
    pub url: String,
    /// The organization signed in to.
    pub org_name: String,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn token() -> TokenFacts {
        TokenFacts {
            subject: "248289761001".into(),
            email: Some(" Anna.Berg@Nordvik.example ".into()),
            email_verified: None,
            oid: Some("00000000-0000-0000-66f3-3332eca7ea81".into()),
        }
    }

    #[test]
    fn each_claim_finds_its_value() {
        assert_eq!(match_value(MatchClaim::Email, &token()).as_deref(), Some("anna.berg@nordvik.example"));
        assert_eq!(match_value(MatchClaim::Sub, &token()).as_deref(), Some("248289761001"));
        assert_eq!(match_value(MatchClaim::Oid, &token()).as_deref(), Some("00000000-0000-0000-66f3-3332eca7ea81"));
    }

    #[test]
    fn an_unverified_email_finds_nobody() {
        let mut t = token();
        t.email_verified = Some(false);
        assert_eq!(match_value(MatchClaim::Email, &t), None);
        t.email_verified = Some(true);
        assert!(match_value(MatchClaim::Email, &t).is_some());
        // The other claims don't depend on it.
        t.email_verified = Some(false);
        assert!(match_value(MatchClaim::Sub, &t).is_some());
    }

    #[test]
    fn a_missing_or_empty_claim_finds_nobody() {
        let t = TokenFacts { subject: String::new(), email: Some("  ".into()), email_verified: None, oid: None };
        for claim in [MatchClaim::Email, MatchClaim::Sub, MatchClaim::Oid] {
            assert_eq!(match_value(claim, &t), None, "{claim:?}");
        }
    }

    #[test]
    fn password_signin_goes_off_only_with_a_provider() {
        let off = TenantPolicies { password_signin: false, ..TenantPolicies::default() };
        let on = TenantPolicies::default();
        assert_eq!(check_password_signin_change(&off, false), Err(ErrorCode::RuleViolation));
        assert_eq!(check_password_signin_change(&off, true), Ok(()));
        assert_eq!(check_password_signin_change(&on, false), Ok(()));
        assert_eq!(check_password_work_signin(&on), Ok(()));
        assert_eq!(check_password_work_signin(&off), Err(ErrorCode::Forbidden));
    }

    #[test]
    fn claims_travel_in_snake_case() {
        assert_eq!(serde_json::to_string(&MatchClaim::Oid).unwrap(), "\"oid\"");
        let set: SetOidc = serde_json::from_str(r#"{"issuer":"https://id.example","client_id":"samtal"}"#).unwrap();
        assert_eq!((set.claim, set.client_secret), (MatchClaim::Email, None));
    }
}
