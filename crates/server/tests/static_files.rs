//! Serving the built web client: files, the single-page-app fallback, MIME
//! types, compression and caching.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use samtal_server::Config;

const INDEX: &str = "<!doctype html><html><head><title>Samtal</title></head><body>app shell</body></html>";
const JS_NAME: &str = "samtal-web-1a2b3c4d5e6f7a8b.js";
const WASM_NAME: &str = "samtal-web-1a2b3c4d5e6f7a8b_bg.wasm";
const SW: &str = "const VERSION = \"0123456789abcdef\";\nself.addEventListener(\"install\", () => {});\n";

/// A server over a temporary `dist/` shaped like Trunk's output.
async fn server_with_dist() -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(dist.join("assets")).unwrap();
    std::fs::write(dist.join("index.html"), INDEX).unwrap();
    // Long and repetitive enough to be worth compressing.
    std::fs::write(dist.join(JS_NAME), "export function start() { return 42; }\n".repeat(200)).unwrap();
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    wasm.extend(std::iter::repeat_n(0u8, 4096));
    std::fs::write(dist.join(WASM_NAME), wasm).unwrap();
    std::fs::write(dist.join("manifest.json"), r#"{"name": "Samtal"}"#).unwrap();
    std::fs::write(dist.join("sw.js"), SW).unwrap();
    std::fs::write(dist.join("assets").join("logo.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>").unwrap();
    std::fs::write(dir.path().join("secret.txt"), "not for the web").unwrap();
    let mut config = Config::for_data_dir(dir.path().join("data"));
    config.dist_dir = Some(dist);
    TestServer::start_config(dir, config).await
}

/// A raw request: status, headers and body bytes (no decompression).
async fn fetch(
    server: &TestServer,
    method: Method,
    path: &str,
    accept_encoding: Option<&str>,
) -> (StatusCode, reqwest::header::HeaderMap, Vec<u8>) {
    let mut req = reqwest::Client::new().request(method, format!("http://{}{path}", server.addr));
    if let Some(encoding) = accept_encoding {
        req = req.header("Accept-Encoding", encoding);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    (status, headers, resp.bytes().await.unwrap().to_vec())
}

fn header<'a>(headers: &'a reqwest::header::HeaderMap, name: &str) -> &'a str {
    headers.get(name).map(|v| v.to_str().unwrap()).unwrap_or_default()
}

#[tokio::test]
async fn client_routes_get_the_app_shell_and_files_are_served_as_they_are() {
    let server = server_with_dist().await;
    for path in ["/", "/chats", "/chats/12", "/admin/groups/", "/contacts?q=erik"] {
        let (status, headers, body) = fetch(&server, Method::GET, path, None).await;
        assert_eq!(status, 200, "{path}");
        assert_eq!(body, INDEX.as_bytes(), "{path}");
        assert!(header(&headers, "content-type").starts_with("text/html"), "{path}");
        assert_eq!(header(&headers, "cache-control"), "no-cache", "{path}");
    }
    let (status, headers, body) = fetch(&server, Method::HEAD, "/chats/12", None).await;
    assert_eq!(status, 200);
    assert!(body.is_empty());
    assert!(header(&headers, "content-type").starts_with("text/html"));

    let (status, headers, body) = fetch(&server, Method::GET, "/manifest.json", None).await;
    assert_eq!(status, 200);
    assert_eq!(body, br#"{"name": "Samtal"}"#);
    assert_eq!(header(&headers, "content-type"), "application/json");
    let (status, headers, _) = fetch(&server, Method::GET, "/assets/logo.svg", None).await;
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-type"), "image/svg+xml");
}

#[tokio::test]
async fn missing_files_and_other_methods_do_not_get_the_app_shell() {
    let server = server_with_dist().await;
    for path in ["/missing.js", "/assets/gone.png", "/samtal-web-ffffffffffffffff_bg.wasm"] {
        let (status, _, body) = fetch(&server, Method::GET, path, None).await;
        assert_eq!(status, 404, "{path}");
        assert_ne!(body, INDEX.as_bytes(), "{path}");
    }
    let (status, _, body) = fetch(&server, Method::POST, "/chats/12", None).await;
    assert!(status.is_client_error(), "{status}");
    assert_ne!(body, INDEX.as_bytes());
    // Nothing outside dist/ is reachable.
    for path in ["/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt"] {
        let (status, _, body) = fetch(&server, Method::GET, path, None).await;
        assert_ne!(body, b"not for the web", "{path} ({status})");
    }
}

#[tokio::test]
async fn the_api_is_never_answered_with_the_app_shell() {
    let server = server_with_dist().await;
    let c = server.client();
    assert_error(&c.get("/api/no-such-endpoint").await, 404, "not_found");
    assert_error(&c.get("/api/sync").await, 401, "unauthenticated");
    let (status, doc) = c.get("/api/openapi.json").await;
    assert_eq!(status, 200);
    assert!(doc["paths"].is_object());
}

#[tokio::test]
async fn api_answers_say_how_long_the_server_took() {
    let server = server_with_dist().await;
    for path in ["/api/me", "/api/openapi.json", "/api/no-such-endpoint"] {
        let (_, headers, _) = fetch(&server, Method::GET, path, None).await;
        let timing = header(&headers, "server-timing");
        let millis: f64 =
            timing.strip_prefix("app;dur=").and_then(|d| d.parse().ok()).unwrap_or_else(|| panic!("{path}: {timing}"));
        assert!(millis >= 0.0, "{path}: {timing}");
    }
    // The app's files are not API answers.
    let (_, headers, _) = fetch(&server, Method::GET, "/index.html", None).await;
    assert!(headers.get("server-timing").is_none());
}

#[tokio::test]
async fn wasm_has_its_mime_type_and_hashed_assets_are_cached_forever() {
    let server = server_with_dist().await;
    let (status, headers, body) = fetch(&server, Method::GET, &format!("/{WASM_NAME}"), None).await;
    assert_eq!(status, 200);
    assert!(body.starts_with(b"\0asm"));
    assert_eq!(header(&headers, "content-type"), "application/wasm");
    assert_eq!(header(&headers, "cache-control"), "public, max-age=31536000, immutable");

    let (_, headers, _) = fetch(&server, Method::GET, &format!("/{JS_NAME}"), None).await;
    assert!(header(&headers, "content-type").contains("javascript"));
    assert_eq!(header(&headers, "cache-control"), "public, max-age=31536000, immutable");

    // Unhashed names and the shell are revalidated, so a deploy is picked up.
    for path in ["/index.html", "/manifest.json", "/assets/logo.svg"] {
        let (status, headers, _) = fetch(&server, Method::GET, path, None).await;
        assert_eq!(status, 200, "{path}");
        assert_eq!(header(&headers, "cache-control"), "no-cache", "{path}");
    }
}

#[tokio::test]
async fn the_service_worker_is_javascript_and_always_revalidated() {
    let server = server_with_dist().await;
    // Browsers look for a new release by fetching /sw.js; an immutable copy
    // would keep them on the old one for a year.
    for accept in [None, Some("gzip")] {
        let (status, headers, body) = fetch(&server, Method::GET, "/sw.js", accept).await;
        assert_eq!(status, 200, "{accept:?}");
        assert!(header(&headers, "content-type").contains("javascript"), "{accept:?}");
        assert_eq!(header(&headers, "cache-control"), "no-cache", "{accept:?}");
        if accept.is_none() {
            assert_eq!(body, SW.as_bytes());
        }
    }
    let (status, headers, _) = fetch(&server, Method::HEAD, "/sw.js", None).await;
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "cache-control"), "no-cache");
}

#[tokio::test]
async fn assets_are_compressed_for_clients_that_accept_it() {
    let server = server_with_dist().await;
    let (_, plain_headers, plain) = fetch(&server, Method::GET, &format!("/{JS_NAME}"), None).await;
    assert_eq!(header(&plain_headers, "content-encoding"), "");
    for (accept, encoding) in [("gzip", "gzip"), ("br", "br"), ("br, gzip", "br")] {
        let (status, headers, body) = fetch(&server, Method::GET, &format!("/{JS_NAME}"), Some(accept)).await;
        assert_eq!(status, 200);
        assert_eq!(header(&headers, "content-encoding"), encoding, "Accept-Encoding: {accept}");
        assert!(body.len() < plain.len() / 4, "{encoding}: {} of {} bytes", body.len(), plain.len());
        assert_eq!(header(&headers, "cache-control"), "public, max-age=31536000, immutable");
    }
    let (_, headers, _) = fetch(&server, Method::GET, &format!("/{WASM_NAME}"), Some("gzip")).await;
    assert_eq!(header(&headers, "content-encoding"), "gzip");
    assert_eq!(header(&headers, "content-type"), "application/wasm");
}

#[tokio::test]
async fn precompressed_copies_are_sent_as_they_are() {
    let server = server_with_dist().await;
    let dist = server.state.config.dist_dir.clone().unwrap();
    // Marked bytes: what comes back is the file, not a compression of its own.
    std::fs::write(dist.join(format!("{WASM_NAME}.br")), b"brotli copy").unwrap();
    std::fs::write(dist.join(format!("{WASM_NAME}.gz")), b"gzip copy").unwrap();
    std::fs::write(dist.join("index.html.br"), b"brotli shell").unwrap();
    for (accept, encoding, body) in [("br", "br", b"brotli copy".as_slice()), ("gzip", "gzip", b"gzip copy")] {
        let (status, headers, got) = fetch(&server, Method::GET, &format!("/{WASM_NAME}"), Some(accept)).await;
        assert_eq!(status, 200, "{accept}");
        assert_eq!(header(&headers, "content-encoding"), encoding, "{accept}");
        assert_eq!(got, body, "{accept}");
        assert_eq!(header(&headers, "content-type"), "application/wasm", "{accept}");
        assert_eq!(header(&headers, "cache-control"), "public, max-age=31536000, immutable", "{accept}");
    }
    // Without Accept-Encoding, the file itself.
    let (_, headers, got) = fetch(&server, Method::GET, &format!("/{WASM_NAME}"), None).await;
    assert_eq!(header(&headers, "content-encoding"), "");
    assert!(got.starts_with(b"\0asm"));
    // The app shell, for a client route too.
    for path in ["/", "/chats/12"] {
        let (status, headers, got) = fetch(&server, Method::GET, path, Some("br")).await;
        assert_eq!(status, 200, "{path}");
        assert_eq!(
            (header(&headers, "content-encoding"), got.as_slice()),
            ("br", b"brotli shell".as_slice()),
            "{path}"
        );
        assert!(header(&headers, "content-type").starts_with("text/html"), "{path}");
        assert_eq!(header(&headers, "cache-control"), "no-cache", "{path}");
    }
    // A copy is never served under its own name as the original's type.
    let (status, _, _) = fetch(&server, Method::GET, "/missing.wasm", Some("br")).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn without_a_dist_dir_only_the_api_is_served() {
    let server = TestServer::start().await;
    let (status, _, body) = fetch(&server, Method::GET, "/", None).await;
    assert_eq!(status, 404);
    assert!(body.is_empty() || !String::from_utf8_lossy(&body).contains("<html"));
    let (status, _) = server.client().get("/api/openapi.json").await;
    assert_eq!(status, 200);
}
