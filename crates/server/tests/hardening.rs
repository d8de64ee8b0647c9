//! Security headers on the web client's shell, the API and an attachment;
//! HTTPS served directly; `Secure` cookies and HSTS behind a trusted proxy.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod common_messages;

use std::time::Duration;

use base64::Engine;
use common::*;
use common_messages::*;
use samtal_server::Config;
use samtal_server::config::TlsFiles;
use serde_json::json;
use sha2::{Digest, Sha256};

/// The loader a built `index.html` carries inline, like Trunk's.
const INLINE_LOADER: &str = "import init from '/app-0123456789abcdef.js'; init();";

/// A server that serves a small built client from `dist/`.
async fn server_with_shell(config: impl FnOnce(&mut Config)) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        format!("<!doctype html><html><head><script type=\"module\">{INLINE_LOADER}</script></head></html>"),
    )
    .unwrap();
    std::fs::write(dist.join("app-0123456789abcdef.js"), "export default function init() {}").unwrap();
    let mut settings = Config::for_data_dir(dir.path().join("data"));
    settings.dist_dir = Some(dist);
    config(&mut settings);
    TestServer::start_config(dir, settings).await
}

fn header<'a>(headers: &'a reqwest::header::HeaderMap, name: &str) -> &'a str {
    headers.get(name).unwrap_or_else(|| panic!("no {name} in {headers:?}")).to_str().unwrap()
}

/// The headers every answer carries, over plain HTTP.
fn assert_common(headers: &reqwest::header::HeaderMap) {
    assert_eq!(header(headers, "x-content-type-options"), "nosniff");
    assert_eq!(header(headers, "referrer-policy"), "no-referrer");
    assert_eq!(header(headers, "x-frame-options"), "DENY");
    assert!(headers.get("strict-transport-security").is_none(), "no HSTS over plain HTTP");
}

#[tokio::test]
async fn the_shell_the_api_and_attachments_each_carry_their_policy() {
    let server = server_with_shell(|_| {}).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;

    // The shell: the app's own scripts, its inline loader by hash, wasm, and nothing else.
    for path in ["/", "/chats/12", "/app-0123456789abcdef.js"] {
        let (status, headers, _) = get_raw(&anna, path).await;
        assert_eq!(status, 200, "{path}");
        assert_common(&headers);
        let csp = header(&headers, "content-security-policy");
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(INLINE_LOADER.as_bytes()));
        assert!(csp.contains("default-src 'self'"), "{csp}");
        assert!(csp.contains(&format!("script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}';")), "{csp}");
        assert!(csp.contains("connect-src 'self' ws://127.0.0.1:8080"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(csp.contains("object-src 'none'"), "{csp}");
        assert!(csp.contains("base-uri 'none'"), "{csp}");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
    }

    // The API: data, never a document. Errors too.
    for path in ["/api/me", "/api/conversations", "/api/no-such-thing"] {
        let (_, headers, _) = get_raw(&anna, path).await;
        assert_common(&headers);
        assert_eq!(header(&headers, "content-security-policy"), "default-src 'none'; frame-ancestors 'none'");
        assert_eq!(header(&headers, "cache-control"), "no-store");
    }
    let (_, headers, _) = get_raw(&server.client(), "/api/me").await;
    assert_common(&headers);

    // An attachment: a download, in a sandbox, whatever its type claims.
    let chat = private_chat(&anna, &bo).await;
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>"#;
    let (status, attachment) =
        upload(&anna, chat, "image/svg+xml", "<img src=x onerror=alert(1)>.svg", svg.to_vec()).await;
    assert_eq!(status, 201, "{attachment}");
    let id = attachment["id"].as_i64().unwrap();
    let (status, headers, bytes) = download(&anna, id).await;
    assert_eq!(status, 200);
    assert_eq!(bytes, svg);
    assert_common(&headers);
    assert_eq!(header(&headers, "content-security-policy"), "default-src 'none'; sandbox; frame-ancestors 'none'");
    let disposition = header(&headers, "content-disposition");
    assert!(disposition.starts_with("attachment; filename=\"<img src=x onerror=alert(1)>.svg\""), "{disposition}");
}

#[tokio::test]
async fn behind_a_trusted_proxy_https_makes_cookies_secure_and_sends_hsts() {
    let signup = |client: &Client, handle: &str| {
        let request = client
            .http
            .post(format!("{}/api/auth/signup", client.base))
            .header("X-Samtal-Request", "1")
            .header("X-Forwarded-Proto", "https")
            .json(&json!({"handle": handle, "display_name": "Someone", "password": "password123"}));
        async move { request.send().await.unwrap() }
    };

    // Without --trust-proxy the header is anyone's claim: ignored.
    let plain = server_with_shell(|_| {}).await;
    let response = signup(&plain.client(), "anna").await;
    assert_eq!(response.status(), 201);
    let cookie = header(response.headers(), "set-cookie").to_owned();
    assert!(!cookie.contains("Secure"), "{cookie}");
    assert!(response.headers().get("strict-transport-security").is_none());

    let proxied = server_with_shell(|c| c.trust_proxy = true).await;
    let response = signup(&proxied.client(), "anna").await;
    assert_eq!(response.status(), 201);
    let cookie = header(response.headers(), "set-cookie").to_owned();
    assert!(cookie.contains("Secure"), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert_eq!(header(response.headers(), "strict-transport-security"), "max-age=63072000; includeSubDomains");
    // The same proxy forwarding plain HTTP: no Secure, no HSTS.
    let response = proxied
        .client()
        .http
        .post(format!("{}/api/auth/signup", proxied.client().base))
        .header("X-Samtal-Request", "1")
        .header("X-Forwarded-Proto", "http")
        .json(&json!({"handle": "bob", "display_name": "Bob", "password": "password123"}))
        .send()
        .await
        .unwrap();
    assert!(!header(response.headers(), "set-cookie").contains("Secure"));
    assert!(response.headers().get("strict-transport-security").is_none());
}

#[tokio::test]
async fn the_server_serves_https_itself_with_secure_cookies_and_hsts() {
    let dir = tempfile::tempdir().unwrap();
    let certified = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let cert = dir.path().join("cert.pem");
    let key = dir.path().join("key.pem");
    std::fs::write(&cert, certified.cert.pem()).unwrap();
    std::fs::write(&key, certified.signing_key.serialize_pem()).unwrap();

    let mut config = Config::for_data_dir(dir.path().join("data"));
    config.tls = Some(TlsFiles { cert, key });
    common::common_db::use_test_database(&mut config).await;
    let store = samtal_server::store::open(config.database_url.as_ref(), &config.data_dir).await.unwrap();
    let state = samtal_server::AppState::new(config.clone(), store).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let bind = format!("127.0.0.1:{port}").parse().unwrap();
    let served = tokio::spawn(samtal_server::cli::serve::serve_state(state, bind));

    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut roots = rustls::RootCertStore::empty();
    roots.add(certified.cert.der().clone()).unwrap();
    let tls = rustls::ClientConfig::builder().with_root_certificates(roots).with_no_client_auth();
    let client = reqwest_for_object_store::Client::builder().tls_backend_preconfigured(tls).build().unwrap();
    let base = format!("https://localhost:{port}");

    let mut answered = None;
    for _ in 0..200 {
        if let Ok(response) = client.get(format!("{base}/api/me")).send().await {
            answered = Some(response);
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let response = answered.expect("the HTTPS server answers");
    assert_eq!(response.status(), 401);
    assert_eq!(header(response.headers(), "strict-transport-security"), "max-age=63072000; includeSubDomains");

    let response = client
        .post(format!("{base}/api/auth/signup"))
        .header("X-Samtal-Request", "1")
        .header("Content-Type", "application/json")
        .body(json!({"handle": "anna", "display_name": "Anna", "password": "password123"}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let cookie = header(response.headers(), "set-cookie");
    assert!(cookie.contains("Secure"), "{cookie}");

    // Plain HTTP on the HTTPS port is not served.
    let plain = reqwest::get(format!("http://127.0.0.1:{port}/api/me")).await;
    assert!(plain.is_err() || plain.unwrap().status() != 401);

    served.abort();
    common::common_db::drop_test_database(&config);
}
