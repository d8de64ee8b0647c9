//! Security headers on every answer.
//!
//! - The web client's pages get a Content-Security-Policy that allows what
//!   the app needs and nothing more: its own scripts (and the inline loader
//!   Trunk writes into `index.html`, by hash), WebAssembly compilation
//!   (`'wasm-unsafe-eval'`), fetches and its WebSocket to this server, and
//!   no framing, plugins or foreign forms.
//! - API answers are data, never documents: `default-src 'none'`.
//! - Attachments set their own, sandboxing policy (`routes::attachments`),
//!   so an uploaded HTML or SVG file opened directly can't run as Samtal.
//! - Everything gets `nosniff`, `Referrer-Policy: no-referrer` (a link in a
//!   message must not tell its site which conversation it came from), and
//!   `Strict-Transport-Security` when the request came over HTTPS.

use std::path::Path;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::config::Config;
use crate::request_origin;

/// The policy of API answers: nothing in them may load or run anything.
pub const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'";
/// The policy of attachment downloads: a sandboxed document that loads nothing.
pub const ATTACHMENT_CSP: &str = "default-src 'none'; sandbox; frame-ancestors 'none'";
/// Browsers keep to HTTPS for two years once they have seen it.
const HSTS: &str = "max-age=63072000; includeSubDomains";

/// The headers, worked out once at start.
#[derive(Debug, Clone)]
pub struct Hardening {
    shell_csp: HeaderValue,
    config: Arc<Config>,
}

impl Hardening {
    /// The headers for `config`: the shell's policy names the hashes of the
    /// inline scripts in the built client's `index.html`, if there is one.
    pub fn new(config: &Config) -> Self {
        let index = config.dist_dir.as_deref().map(|dist| dist.join("index.html"));
        let html = index.as_deref().and_then(read_index).unwrap_or_default();
        let csp = shell_csp(&inline_script_hashes(&html), &config.public_url);
        let shell_csp = HeaderValue::from_str(&csp).unwrap_or(HeaderValue::from_static("default-src 'self'"));
        Self { shell_csp, config: Arc::new(config.clone()) }
    }
}

fn read_index(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

/// Middleware: adds the security headers (a handler's own CSP wins).
pub async fn security_headers(State(hardening): State<Arc<Hardening>>, request: Request, next: Next) -> Response {
    let https = request_origin::is_https(&hardening.config, request.headers());
    let api = request.uri().path().starts_with("/api/") || request.uri().path() == "/api";
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let csp = if api { HeaderValue::from_static(API_CSP) } else { hardening.shell_csp.clone() };
    headers.entry(header::CONTENT_SECURITY_POLICY).or_insert(csp);
    set_common(headers, https);
    response
}

/// The headers every answer carries.
fn set_common(headers: &mut HeaderMap, https: bool) {
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if https {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
    }
}

/// The web client's policy. `connect-src` names the WebSocket's origin
/// beside `'self'`: CSP level 3 lets `'self'` cover `ws:`/`wss:` of the same
/// host, older engines don't.
pub fn shell_csp(script_hashes: &[String], public_url: &str) -> String {
    let mut scripts = String::from("'self' 'wasm-unsafe-eval'");
    for hash in script_hashes {
        scripts.push_str(&format!(" 'sha256-{hash}'"));
    }
    let mut connect = String::from("'self'");
    if let Some(host) = public_url.strip_prefix("https://") {
        connect.push_str(&format!(" wss://{}", host.trim_end_matches('/')));
    } else if let Some(host) = public_url.strip_prefix("http://") {
        connect.push_str(&format!(" ws://{}", host.trim_end_matches('/')));
    }
    format!(
        "default-src 'self'; script-src {scripts}; connect-src {connect}; object-src 'none'; \
         frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    )
}

/// The base64 SHA-256 of each inline `<script>` in `html`, as CSP names them.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else { break };
        let tag = &after[..tag_end];
        let body_and_more = &after[tag_end + 1..];
        let Some(close) = body_and_more.find("</script>") else { break };
        if !tag.contains(" src=") {
            let body = &body_and_more[..close];
            hashes.push(base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body.as_bytes())));
        }
        rest = &body_and_more[close + "</script>".len()..];
    }
    hashes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_are_not() {
        let html = r#"<head><script type="module">import init from '/a.js';</script>
            <script src="/b.js"></script><script>
  x();
</script></head>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 2);
        let first = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"import init from '/a.js';"));
        assert_eq!(hashes[0], first);
        let second = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"\n  x();\n"));
        assert_eq!(hashes[1], second);
        assert!(inline_script_hashes("<p>no scripts</p>").is_empty());
    }

    #[test]
    fn the_shell_policy_allows_the_app_and_nothing_else() {
        let csp = shell_csp(&["abc=".to_owned()], "https://chat.example.com/");
        assert!(csp.contains("default-src 'self'"));
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc='"));
        assert!(csp.contains("connect-src 'self' wss://chat.example.com;"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(csp.contains("object-src 'none'"));
        assert!(!csp.contains("unsafe-inline"));
        assert!(shell_csp(&[], "http://127.0.0.1:8080").contains("connect-src 'self' ws://127.0.0.1:8080;"));
    }
}
