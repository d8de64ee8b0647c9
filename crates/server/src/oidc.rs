//! Signing in to a work account at the organization's OpenID Connect
//! provider: the authorization code flow with PKCE, `state` and `nonce`,
//! and the verification of the ID token (issuer, audience, signature by
//! the provider's JWKS, expiry, nonce), by the `openidconnect` crate.
//!
//! The provider is discovered (`/.well-known/openid-configuration`, then
//! its JWKS) at each start and each return, so a rotated key is picked up
//! without a restart. The HTTP client never follows a redirect: a
//! discovery document or token endpoint can't point Samtal elsewhere.

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken, HttpRequest, HttpResponse,
    IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use reqwest_for_object_store as reqwest;
use samtal_core::identity::TokenFacts;

use crate::secrets::Sealer;
use crate::store::identity::OidcRow;

/// How long a person has to sign in at the provider and come back.
pub const LOGIN_MINUTES: i64 = 10;

/// The path the provider sends the browser back to.
pub const CALLBACK_PATH: &str = "/api/auth/oidc/callback";

/// Why talking to a provider failed, in words for the admin or the person.
#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    /// The issuer URL is not one Samtal will use.
    #[error("{0}")]
    BadIssuer(String),
    /// The provider could not be reached or described itself wrongly.
    #[error("The identity provider at {issuer} could not be used: {reason}")]
    Provider {
        /// The issuer.
        issuer: String,
        /// What went wrong.
        reason: String,
    },
    /// The provider refused to exchange the code.
    #[error("The identity provider refused the sign-in: {0}")]
    Exchange(String),
    /// The ID token failed verification.
    #[error("{0}")]
    Token(String),
    /// The stored client secret could not be opened.
    #[error("The stored client secret can't be read: {0}")]
    Secret(String),
}

/// A sign-in sent to the provider: where the browser goes, and what the
/// callback needs to check the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Started {
    /// The provider's authorization URL.
    pub url: String,
    /// The `state` sent.
    pub state: String,
    /// The `nonce` sent.
    pub nonce: String,
    /// The PKCE verifier of the challenge sent.
    pub pkce_verifier: String,
}

/// An HTTP error of the client, for `openidconnect`.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct HttpError(String);

/// Talks to organizations' providers.
#[derive(Debug, Clone)]
pub struct Oidc {
    http: reqwest::Client,
    sealer: Sealer,
    redirect_uri: String,
}

impl Oidc {
    /// A client that sends browsers back to `public_url` and opens client
    /// secrets with `sealer`.
    pub fn new(public_url: &str, sealer: Sealer) -> anyhow::Result<Self> {
        // HTTPS to providers by rustls with ring, like everything else here;
        // whoever came first may have installed it already.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()?;
        Ok(Self { http, sealer, redirect_uri: format!("{}{CALLBACK_PATH}", public_url.trim_end_matches('/')) })
    }

    /// The redirect URI to register at providers.
    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    /// Seals a client secret for storing.
    pub fn seal(&self, secret: &str) -> String {
        self.sealer.seal(secret)
    }

    /// Checks that `issuer` names a provider Samtal can use: `https://`, or
    /// `http://` on a loopback address (a provider on this machine), and
    /// that its discovery document and keys can be read.
    pub async fn check_issuer(&self, issuer: &str) -> Result<(), OidcError> {
        self.discover(issuer).await.map(|_| ())
    }

    /// Starts a sign-in at the provider of `row`, suggesting `login_hint`.
    pub async fn start(&self, row: &OidcRow, login_hint: &str) -> Result<Started, OidcError> {
        let client = self.client(row).await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge);
        if !login_hint.is_empty() {
            request = request.add_extra_param("login_hint", login_hint.to_owned());
        }
        let (url, state, nonce) = request.url();
        Ok(Started {
            url: url.to_string(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }

    /// Exchanges the code the provider returned and verifies the ID token
    /// against the provider's keys and the sign-in's nonce: what it says
    /// about who signed in.
    pub async fn finish(
        &self,
        row: &OidcRow,
        code: &str,
        pkce_verifier: &str,
        nonce: &str,
    ) -> Result<TokenFacts, OidcError> {
        let client = self.client(row).await?;
        let http = self.http_client();
        let response = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| OidcError::Exchange(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_owned()))
            .request_async(&http)
            .await
            .map_err(|e| OidcError::Exchange(describe_token_error(&e)))?;
        let id_token =
            response.id_token().ok_or_else(|| OidcError::Token("The identity provider sent no ID token.".into()))?;
        let claims = id_token
            .claims(&client.id_token_verifier(), &Nonce::new(nonce.to_owned()))
            .map_err(|e| OidcError::Token(describe_claims_error(&e)))?;
        Ok(TokenFacts {
            subject: claims.subject().as_str().to_owned(),
            email: claims.email().map(|e| e.as_str().to_owned()),
            email_verified: claims.email_verified(),
            // Entra ID's object id is not a standard claim: read it from
            // the payload whose signature was just verified.
            oid: payload_claim(&id_token.to_string(), "oid"),
        })
    }

    async fn client(
        &self,
        row: &OidcRow,
    ) -> Result<
        CoreClient<
            openidconnect::EndpointSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointMaybeSet,
            openidconnect::EndpointMaybeSet,
        >,
        OidcError,
    > {
        let metadata = self.discover(&row.issuer).await?;
        let secret = match &row.sealed_secret {
            Some(sealed) => {
                Some(ClientSecret::new(self.sealer.open(sealed).map_err(|e| OidcError::Secret(e.to_string()))?))
            }
            None => None,
        };
        let redirect = RedirectUrl::new(self.redirect_uri.clone())
            .map_err(|e| OidcError::BadIssuer(format!("The public URL is not a URL: {e}")))?;
        Ok(CoreClient::from_provider_metadata(metadata, ClientId::new(row.client_id.clone()), secret)
            .set_redirect_uri(redirect))
    }

    async fn discover(&self, issuer: &str) -> Result<CoreProviderMetadata, OidcError> {
        check_issuer_url(issuer)?;
        let url = IssuerUrl::new(issuer.to_owned()).map_err(|e| OidcError::BadIssuer(format!("{issuer}: {e}")))?;
        let http = self.http_client();
        CoreProviderMetadata::discover_async(url, &http)
            .await
            .map_err(|e| OidcError::Provider { issuer: issuer.to_owned(), reason: describe_discovery_error(&e) })
    }

    /// The client as `openidconnect` calls it.
    fn http_client(
        &self,
    ) -> impl Fn(HttpRequest) -> std::pin::Pin<Box<dyn Future<Output = Result<HttpResponse, HttpError>> + Send>> + '_
    {
        move |request: HttpRequest| {
            let http = self.http.clone();
            Box::pin(async move {
                let (parts, body) = request.into_parts();
                let mut outgoing = http.request(parts.method, parts.uri.to_string()).body(body);
                for (name, value) in &parts.headers {
                    outgoing = outgoing.header(name, value);
                }
                let response = outgoing.send().await.map_err(|e| HttpError(e.to_string()))?;
                let mut answer = HttpResponse::new(Vec::new());
                *answer.status_mut() = response.status();
                *answer.headers_mut() = response.headers().clone();
                *answer.body_mut() = response.bytes().await.map_err(|e| HttpError(e.to_string()))?.to_vec();
                Ok(answer)
            })
        }
    }
}

/// `https://`, or `http://` on a loopback address.
pub fn check_issuer_url(issuer: &str) -> Result<(), OidcError> {
    let url = url::Url::parse(issuer).map_err(|_| OidcError::BadIssuer(format!("'{issuer}' is not a URL.")))?;
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        _ => Err(OidcError::BadIssuer(format!(
            "The issuer URL must start with https:// ('{issuer}' does not); http:// is only for a provider on this machine."
        ))),
    }
}

/// A string claim of a JWT's payload, read without verifying: only for a
/// token whose signature was verified already.
fn payload_claim(jwt: &str, claim: &str) -> Option<String> {
    let payload = jwt.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload).ok()?;
    let value: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    value.get(claim)?.as_str().map(str::to_owned)
}

fn describe_claims_error(e: &ClaimsVerificationError) -> String {
    match e {
        ClaimsVerificationError::Expired(_) => "The identity provider's token has expired: sign in again.".into(),
        ClaimsVerificationError::InvalidAudience(_) => {
            "The identity provider's token was issued to another application, not to Samtal.".into()
        }
        ClaimsVerificationError::InvalidIssuer(_) => "The token was issued by another identity provider.".into(),
        ClaimsVerificationError::InvalidNonce(_) => "The token does not belong to this sign-in.".into(),
        ClaimsVerificationError::SignatureVerification(_) => {
            "The token's signature does not match the identity provider's keys.".into()
        }
        other => format!("The identity provider's token could not be verified: {other}"),
    }
}

fn describe_token_error<RE: std::error::Error + 'static>(
    e: &openidconnect::RequestTokenError<
        RE,
        openidconnect::StandardErrorResponse<openidconnect::core::CoreErrorResponseType>,
    >,
) -> String {
    match e {
        openidconnect::RequestTokenError::ServerResponse(r) => match r.error_description() {
            Some(d) => format!("{} ({d})", r.error()),
            None => r.error().to_string(),
        },
        openidconnect::RequestTokenError::Request(e) => format!("it could not be reached ({e})"),
        openidconnect::RequestTokenError::Parse(e, _) => format!("its answer could not be read ({e})"),
        openidconnect::RequestTokenError::Other(e) => e.clone(),
    }
}

fn describe_discovery_error<RE: std::error::Error + 'static>(e: &openidconnect::DiscoveryError<RE>) -> String {
    match e {
        openidconnect::DiscoveryError::Request(e) => format!("it could not be reached ({e})"),
        openidconnect::DiscoveryError::Response(status, _, _) => {
            format!("its discovery document answered {status}")
        }
        openidconnect::DiscoveryError::Parse(e) => format!("its discovery document could not be read ({e})"),
        openidconnect::DiscoveryError::Validation(e) => e.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn issuers_are_https_or_this_machine() {
        assert!(check_issuer_url("https://login.microsoftonline.com/tenant/v2.0").is_ok());
        assert!(check_issuer_url("http://127.0.0.1:9400").is_ok());
        assert!(check_issuer_url("http://localhost:8080/realms/acme").is_ok());
        assert!(check_issuer_url("http://[::1]:9400").is_ok());
        assert!(check_issuer_url("http://id.example.com").is_err());
        assert!(check_issuer_url("ftp://127.0.0.1").is_err());
        assert!(check_issuer_url("not a url").is_err());
    }

    #[test]
    fn a_payload_claim_is_read_from_the_middle_part() {
        let payload = URL_SAFE_NO_PAD.encode(br#"{"oid":"abc-123","n":1}"#);
        let jwt = format!("e30.{payload}.c2ln");
        assert_eq!(payload_claim(&jwt, "oid").as_deref(), Some("abc-123"));
        assert_eq!(payload_claim(&jwt, "n"), None);
        assert_eq!(payload_claim("garbage", "oid"), None);
    }
}
