//! Signing in to a work account at the organization's OpenID Connect
//! provider, through the real router, against a provider that speaks the
//! protocol on a loopback port: discovery, JWKS, an authorization endpoint
//! that signs the person in at once, and a token endpoint that checks the
//! PKCE verifier and the client's secret. The provider can be told to
//! misbehave (another audience, an expired token, a foreign signature, the
//! wrong nonce), and Samtal must refuse each.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod common_accounts;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode as AxumStatus, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use common::*;
use common_accounts::*;
use openidconnect::core::{
    CoreIdToken, CoreIdTokenClaims, CoreJsonWebKeySet, CoreJwsSigningAlgorithm, CoreRsaPrivateSigningKey,
};
use openidconnect::{
    Audience, EmptyAdditionalClaims, EndUserEmail, IssuerUrl, JsonWebKeyId, Nonce, PrivateSigningKey, StandardClaims,
    SubjectIdentifier,
};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

const CLIENT_ID: &str = "samtal-test";
const CLIENT_SECRET: &str = "s3cret-of-the-client";

/// How the provider's next ID token is wrong, if at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Good,
    WrongAudience,
    Expired,
    ForeignSignature,
    WrongNonce,
}

#[derive(Debug, Clone)]
struct Authorization {
    nonce: String,
    challenge: String,
}

struct ProviderState {
    issuer: String,
    mode: Mode,
    subject: String,
    email: Option<String>,
    codes: HashMap<String, Authorization>,
    next_code: u32,
    key: CoreRsaPrivateSigningKey,
    other_key: CoreRsaPrivateSigningKey,
}

type Shared = Arc<Mutex<ProviderState>>;

struct Provider {
    issuer: String,
    state: Shared,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Provider {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn key(file: &str) -> CoreRsaPrivateSigningKey {
    let pem = std::fs::read_to_string(format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    // Both keys say they are key "k1": only the signature tells them apart.
    CoreRsaPrivateSigningKey::from_pem(&pem, Some(JsonWebKeyId::new("k1".into()))).unwrap()
}

impl Provider {
    async fn start() -> Provider {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr: SocketAddr = listener.local_addr().unwrap();
        let issuer = format!("http://{addr}");
        let state = Arc::new(Mutex::new(ProviderState {
            issuer: issuer.clone(),
            mode: Mode::Good,
            subject: "sub-anna".into(),
            email: Some("anna@nordvik.example".into()),
            codes: HashMap::new(),
            next_code: 0,
            key: key("oidc-provider-key.pem"),
            other_key: key("oidc-other-key.pem"),
        }));
        let router = axum::Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/jwks", get(jwks))
            .route("/authorize", get(authorize))
            .route("/token", post(token))
            .with_state(state.clone());
        let task = tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        Provider { issuer, state, task }
    }

    fn set(&self, f: impl FnOnce(&mut ProviderState)) {
        f(&mut self.state.lock().unwrap());
    }
}

async fn discovery(State(state): State<Shared>) -> axum::Json<Value> {
    let issuer = state.lock().unwrap().issuer.clone();
    axum::Json(json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/authorize"),
        "token_endpoint": format!("{issuer}/token"),
        "jwks_uri": format!("{issuer}/jwks"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic"],
        "code_challenge_methods_supported": ["S256"],
    }))
}

async fn jwks(State(state): State<Shared>) -> axum::Json<Value> {
    let set = CoreJsonWebKeySet::new(vec![state.lock().unwrap().key.as_verification_key()]);
    axum::Json(serde_json::to_value(set).unwrap())
}

/// Signs the person in at once and sends the browser back with a code.
async fn authorize(State(state): State<Shared>, Query(q): Query<HashMap<String, String>>) -> Response {
    assert_eq!(q["client_id"], CLIENT_ID);
    assert_eq!(q["response_type"], "code");
    assert_eq!(q["code_challenge_method"], "S256");
    assert!(q["scope"].split(' ').any(|s| s == "openid"), "{q:?}");
    let mut s = state.lock().unwrap();
    s.next_code += 1;
    let code = format!("code-{}", s.next_code);
    let auth = Authorization { nonce: q["nonce"].clone(), challenge: q["code_challenge"].clone() };
    s.codes.insert(code.clone(), auth);
    let back = format!("{}?code={code}&state={}", q["redirect_uri"], q["state"]);
    Redirect::to(&back).into_response()
}

/// Exchanges a code, once, for an ID token, checking PKCE and the secret.
async fn token(State(state): State<Shared>, headers: HeaderMap, Form(f): Form<HashMap<String, String>>) -> Response {
    let basic = format!("Basic {}", STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}")));
    if headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) != Some(basic.as_str()) {
        return (AxumStatus::UNAUTHORIZED, axum::Json(json!({"error": "invalid_client"}))).into_response();
    }
    let mut s = state.lock().unwrap();
    let Some(auth) = s.codes.remove(&f["code"]) else {
        return (AxumStatus::BAD_REQUEST, axum::Json(json!({"error": "invalid_grant"}))).into_response();
    };
    let verifier_hash = URL_SAFE_NO_PAD.encode(Sha256::digest(f["code_verifier"].as_bytes()));
    if verifier_hash != auth.challenge {
        let body = json!({"error": "invalid_grant", "error_description": "PKCE verification failed"});
        return (AxumStatus::BAD_REQUEST, axum::Json(body)).into_response();
    }
    let now = chrono::Utc::now();
    let (audience, expires, nonce) = match s.mode {
        Mode::WrongAudience => ("another-app".to_owned(), now + chrono::Duration::minutes(5), auth.nonce),
        Mode::Expired => (CLIENT_ID.to_owned(), now - chrono::Duration::minutes(5), auth.nonce),
        Mode::WrongNonce => (CLIENT_ID.to_owned(), now + chrono::Duration::minutes(5), "another-nonce".to_owned()),
        Mode::Good | Mode::ForeignSignature => (CLIENT_ID.to_owned(), now + chrono::Duration::minutes(5), auth.nonce),
    };
    let mut standard = StandardClaims::new(SubjectIdentifier::new(s.subject.clone()));
    if let Some(email) = &s.email {
        standard = standard.set_email(Some(EndUserEmail::new(email.clone())));
    }
    let claims = CoreIdTokenClaims::new(
        IssuerUrl::new(s.issuer.clone()).unwrap(),
        vec![Audience::new(audience)],
        expires,
        now - chrono::Duration::minutes(6),
        standard,
        EmptyAdditionalClaims {},
    )
    .set_nonce(Some(Nonce::new(nonce)));
    let signer = if s.mode == Mode::ForeignSignature { &s.other_key } else { &s.key };
    let id_token = CoreIdToken::new(claims, signer, CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256, None, None).unwrap();
    axum::Json(json!({
        "access_token": "access", "token_type": "Bearer", "expires_in": 300, "id_token": id_token.to_string(),
    }))
    .into_response()
}

/// A server with Nordvik (admin `op`), Anna in its directory, a provider,
/// and a person who will sign in.
struct World {
    server: TestServer,
    provider: Provider,
    admin: Client,
    org: i64,
    anna: Entry,
    person: Client,
}

async fn world() -> World {
    let server = start_server().await;
    let provider = Provider::start().await;
    let admin = operator(&server).await;
    let org = create_org(&admin, "Nordvik Energi", "nordvik.example").await;
    let anna = provision(&admin, org, "nordvik.example", "anna", "Anna Berg", false).await;
    let (status, body) = admin
        .put(
            &format!("/api/admin/orgs/{org}/sign-in/oidc"),
            json!({"issuer": provider.issuer, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let person = server.person("annab").await;
    World { server, provider, admin, org, anna, person }
}

/// What the provider's redirect hands the callback: `code=…&state=…`.
async fn authorize_at_provider(person: &Client, email: &str) -> String {
    let (status, started) = person.post("/api/me/work-account/oidc", json!({ "email": email })).await;
    assert_eq!(status, 200, "{started}");
    let browser = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let answer = browser.get(started["url"].as_str().unwrap()).send().await.unwrap();
    assert_eq!(answer.status(), 303, "the provider sends the browser back");
    let back = answer.headers()[header::LOCATION.as_str()].to_str().unwrap().to_owned();
    let (uri, query) = back.split_once('?').unwrap();
    assert!(uri.ends_with("/api/auth/oidc/callback"), "{uri}");
    query.to_owned()
}

/// Returns from the provider with `query`; answers Me's query string.
async fn come_back(person: &Client, query: &str) -> HashMap<String, String> {
    let answer = person.http.get(format!("{}/api/auth/oidc/callback?{query}", person.base)).send().await.unwrap();
    let landed = answer.url().clone();
    assert_eq!(landed.path(), "/me", "{landed}");
    landed.query_pairs().into_owned().collect()
}

async fn sign_in(person: &Client, email: &str) -> HashMap<String, String> {
    let query = authorize_at_provider(person, email).await;
    come_back(person, &query).await
}

async fn work_account(person: &Client) -> Value {
    let (_, me) = person.get("/api/me").await;
    me["work_account"].clone()
}

#[tokio::test]
async fn a_person_signs_in_at_the_provider_and_has_the_work_account() {
    let w = world().await;
    let outcome = sign_in(&w.person, "Anna@Nordvik.example").await;
    assert_eq!(outcome.get("work_account").map(String::as_str), Some("linked"), "{outcome:?}");
    let account = work_account(&w.person).await;
    assert_eq!(account["directory_entry_id"], w.anna.id, "{account}");
    assert_eq!(account["org_name"], "Nordvik Energi");

    // Signing out of the work account ends the link, as with a password.
    let (status, me) = w.person.delete("/api/me/work-account").await;
    assert_eq!((status.as_u16(), me["work_account"].clone()), (200, Value::Null));

    // The audit log has the configuration, never the secret.
    let (_, log) = w.admin.get(&format!("/api/admin/orgs/{}/audit", w.org)).await;
    let text = log.to_string();
    assert!(text.contains("oidc_configured"), "{text}");
    assert!(!text.contains(CLIENT_SECRET), "{text}");
}

#[tokio::test]
async fn a_bad_id_token_links_nothing_and_says_why() {
    let w = world().await;
    let cases = [
        (Mode::WrongAudience, "another application"),
        (Mode::Expired, "expired"),
        (Mode::ForeignSignature, "signature"),
        (Mode::WrongNonce, "does not belong to this sign-in"),
    ];
    for (mode, why) in cases {
        w.provider.set(|s| s.mode = mode);
        let outcome = sign_in(&w.person, &w.anna.email).await;
        let error = outcome.get("work_account_error").unwrap_or_else(|| panic!("{mode:?}: {outcome:?}"));
        assert!(error.contains(why), "{mode:?}: {error}");
        assert_eq!(work_account(&w.person).await, Value::Null, "{mode:?}");
    }
    w.provider.set(|s| s.mode = Mode::Good);
    assert_eq!(sign_in(&w.person, &w.anna.email).await.get("work_account").map(String::as_str), Some("linked"));
}

#[tokio::test]
async fn a_state_works_once_and_only_for_whoever_started_it() {
    let w = world().await;
    let query = authorize_at_provider(&w.person, &w.anna.email).await;

    // Someone else's browser brings the code back: refused, and spent.
    let mallory = w.server.person("mallory").await;
    let outcome = come_back(&mallory, &query).await;
    assert!(outcome["work_account_error"].contains("started by someone else"), "{outcome:?}");
    assert_eq!(work_account(&mallory).await, Value::Null);
    let outcome = come_back(&w.person, &query).await;
    assert!(outcome["work_account_error"].contains("used already"), "{outcome:?}");

    // A fresh sign-in works, and replaying it afterwards does not.
    let query = authorize_at_provider(&w.person, &w.anna.email).await;
    assert_eq!(come_back(&w.person, &query).await["work_account"], "linked");
    let replay = come_back(&w.person, &query).await;
    assert!(replay["work_account_error"].contains("used already"), "{replay:?}");

    // A made-up state, or none, is refused the same way; so is a callback without a session.
    for bad in ["code=x&state=forged", "code=x", ""] {
        assert!(come_back(&w.person, bad).await["work_account_error"].contains("used already"), "{bad}");
    }
    let outcome = come_back(&w.server.client(), &query).await;
    assert!(outcome["work_account_error"].contains("Sign in to Samtal first"), "{outcome:?}");
}

#[tokio::test]
async fn someone_not_in_the_directory_is_refused_clearly() {
    let w = world().await;
    w.provider.set(|s| s.email = Some("nils@nordvik.example".into()));
    let outcome = sign_in(&w.person, "nils@nordvik.example").await;
    let error = &outcome["work_account_error"];
    assert!(error.contains("nils@nordvik.example is not in Nordvik Energi's directory"), "{error}");
    assert_eq!(work_account(&w.person).await, Value::Null);

    // A token without the e-mail claim finds nobody either.
    w.provider.set(|s| s.email = None);
    let outcome = sign_in(&w.person, &w.anna.email).await;
    assert!(outcome["work_account_error"].contains("did not say your email"), "{outcome:?}");

    // Removing the entry from the directory ends what the provider can sign in to.
    w.provider.set(|s| s.email = Some(w.anna.email.clone()));
    let (status, _) = w.admin.delete(&format!("/api/admin/orgs/{}/directory/{}", w.org, w.anna.id)).await;
    assert_eq!(status, 200);
    assert!(sign_in(&w.person, &w.anna.email).await["work_account_error"].contains("is not in"));
}

#[tokio::test]
async fn starting_is_refused_where_there_is_no_provider() {
    let w = world().await;
    let unknown = w.person.post("/api/me/work-account/oidc", json!({"email": "a@elsewhere.example"})).await;
    assert_error(&unknown, 404, "not_found");
    let other = create_org(&w.admin, "Contoso", "contoso.example").await;
    let none = w.person.post("/api/me/work-account/oidc", json!({"email": "a@contoso.example"})).await;
    assert_error(&none, 404, "not_found");
    assert!(none.1["error"]["message"].as_str().unwrap().contains("Contoso has no single sign-on"), "{}", none.1);
    let bad = w.person.post("/api/me/work-account/oidc", json!({"email": "not an e-mail"})).await;
    assert_error(&bad, 400, "invalid_input");
    let signed_out = w.server.client().post("/api/me/work-account/oidc", json!({"email": w.anna.email})).await;
    assert_error(&signed_out, 401, "unauthenticated");

    // Only the organization's admins configure it, and only with a provider that answers.
    let path = format!("/api/admin/orgs/{other}/sign-in/oidc");
    let body = json!({"issuer": w.provider.issuer, "client_id": CLIENT_ID});
    assert_error(&w.person.put(&path, body).await, 403, "forbidden");
    let refused = w.admin.put(&path, json!({"issuer": "http://id.example.com", "client_id": "x"})).await;
    assert_error(&refused, 400, "invalid_input");
    let nothing_there = w.admin.put(&path, json!({"issuer": "http://127.0.0.1:9", "client_id": "x"})).await;
    assert_error(&nothing_there, 400, "invalid_input");
    let (_, settings) = w.admin.get(&format!("/api/admin/orgs/{other}/sign-in")).await;
    assert_eq!(settings["oidc"], Value::Null, "{settings}");
}

#[tokio::test]
async fn the_client_secret_is_sealed_and_never_answered() {
    let w = world().await;
    let (status, settings) = w.admin.get(&format!("/api/admin/orgs/{}/sign-in", w.org)).await;
    assert_eq!(status, 200);
    assert_eq!(settings["oidc"]["has_client_secret"], true, "{settings}");
    assert_eq!(settings["oidc"]["claim"], "email");
    assert!(settings["redirect_uri"].as_str().unwrap().ends_with("/api/auth/oidc/callback"), "{settings}");
    assert!(!settings.to_string().contains(CLIENT_SECRET), "{settings}");

    // Changing the issuer without a secret keeps the stored one: sign-in still works.
    let (status, _) = w
        .admin
        .put(
            &format!("/api/admin/orgs/{}/sign-in/oidc", w.org),
            json!({"issuer": format!("{}/", w.provider.issuer), "client_id": CLIENT_ID, "client_secret": ""}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(sign_in(&w.person, &w.anna.email).await["work_account"], "linked");

    // On disk the secret is not in the clear.
    if w.server.state.config.database_url.is_none() {
        let db = std::fs::read(w.server.state.config.data_dir.join("samtal.db")).unwrap();
        let wal = std::fs::read(w.server.state.config.data_dir.join("samtal.db-wal")).unwrap_or_default();
        for bytes in [db, wal] {
            assert!(!bytes.windows(CLIENT_SECRET.len()).any(|w| w == CLIENT_SECRET.as_bytes()));
        }
    }
}

#[tokio::test]
async fn password_sign_in_can_be_turned_off_once_the_provider_is_set() {
    let server = start_server().await;
    let admin = operator(&server).await;
    let org = create_org(&admin, "Nordvik Energi", "nordvik.example").await;
    let anna = provision(&admin, org, "nordvik.example", "anna", "Anna Berg", false).await;
    let policies = format!("/api/admin/orgs/{org}/policies");
    let refused = admin.put(&policies, json!({"password_signin": false})).await;
    assert_error(&refused, 422, "rule_violation");

    let provider = Provider::start().await;
    let sso = format!("/api/admin/orgs/{org}/sign-in/oidc");
    let body = json!({"issuer": provider.issuer, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET});
    assert_eq!(admin.put(&sso, body).await.0, 200);
    let (status, set) = admin.put(&policies, json!({"password_signin": false})).await;
    assert_eq!((status.as_u16(), set["password_signin"].clone()), (200, json!(false)), "{set}");

    let person = server.person("annab").await;
    let by_password =
        person.post("/api/me/work-account", json!({"email": anna.email, "password": anna.password})).await;
    assert_error(&by_password, 403, "forbidden");
    assert!(by_password.1["error"]["message"].as_str().unwrap().contains("single sign-on"), "{}", by_password.1);
    assert_eq!(sign_in(&person, &anna.email).await["work_account"], "linked");

    // The provider can't go while it is the only way in.
    assert_error(&admin.delete(&sso).await, 422, "rule_violation");
    assert_eq!(admin.put(&policies, json!({"password_signin": true})).await.0, 200);
    let (status, settings) = admin.delete(&sso).await;
    assert_eq!((status.as_u16(), settings["oidc"].clone()), (200, Value::Null), "{settings}");
}
