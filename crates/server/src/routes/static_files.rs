//! Serves the built web client (`dist/`, Trunk's output) beside the API.
//!
//! The client is a single-page app: its router owns every path that is not
//! `/api/…` and not a file, so such paths answer with `index.html` and the
//! client routes in the browser. Trunk names the bundle's assets with a hash
//! of their contents (`samtal-web-1a2b3c4d5e6f7a8b_bg.wasm`), so those may be
//! cached forever; `index.html` and unhashed files must be revalidated, or a
//! deploy would leave browsers on the old bundle. The service worker,
//! `/sw.js`, is one of those: browsers compare it byte for byte to notice a
//! release, so it must never be cached as immutable.
//!
//! `cargo xtask build` writes a brotli (`.br`) and a gzip (`.gz`) copy beside
//! each file the browser downloads, compressed harder than a server can
//! afford per request; those are sent as they are to browsers that accept
//! them. Anything without a copy is compressed on the fly.

use std::path::{Path, PathBuf};

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use tower::ServiceExt;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};

use crate::config::Config;
use crate::state::AppState;

/// `Cache-Control` of content-hashed assets.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` of everything else: revalidate each time (ETag / Last-Modified).
const REVALIDATE: &str = "no-cache";

/// Serves `config.dist_dir` with an SPA fallback to `index.html`; without a
/// `dist_dir`, serves nothing (the API alone).
pub fn router(config: &Config) -> Router<AppState> {
    let Some(dist) = config.dist_dir.clone() else {
        return Router::new();
    };
    let site = Site::new(&dist);
    Router::new()
        .fallback(move |request: Request| {
            let site = site.clone();
            async move { site.serve(request).await }
        })
        .layer(CompressionLayer::new())
}

/// The two ways of serving `dist/`: plain files, and files with the
/// `index.html` fallback for client-side routes.
#[derive(Clone)]
struct Site {
    files: ServeDir,
    app_routes: ServeDir<ServeFile>,
}

impl Site {
    fn new(dist: &Path) -> Self {
        let index: PathBuf = dist.join("index.html");
        let shell = ServeFile::new(index).precompressed_br().precompressed_gzip();
        Self {
            files: ServeDir::new(dist).precompressed_br().precompressed_gzip(),
            app_routes: ServeDir::new(dist).precompressed_br().precompressed_gzip().fallback(shell),
        }
    }

    async fn serve(self, request: Request) -> Response {
        let path = request.uri().path().to_owned();
        let read = matches!(*request.method(), Method::GET | Method::HEAD);
        // Serving files never fails as a service: missing or unreadable
        // files are answered as responses (404, 500), so the error is `Infallible`.
        let served = if read && !looks_like_file(&path) {
            self.app_routes.oneshot(request).await.map(|r| r.map(Body::new))
        } else {
            self.files.oneshot(request).await.map(|r| r.map(Body::new))
        };
        let Ok(mut response) = served;
        let cache = if response.status() == StatusCode::OK && is_hashed_asset(&path) { IMMUTABLE } else { REVALIDATE };
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
        response
    }
}

/// Whether the last segment of a path names a file (`/app.js`), as opposed
/// to a client-side route (`/chats/12`).
fn looks_like_file(path: &str) -> bool {
    path.rsplit('/').next().is_some_and(|last| last.contains('.'))
}

/// Whether a path's file name carries Trunk's content hash:
/// `{stem}-{hex hash}.{ext}` or `{stem}-{hex hash}_bg.wasm`.
fn is_hashed_asset(path: &str) -> bool {
    let Some(name) = path.rsplit('/').next() else { return false };
    let Some((stem, _ext)) = name.rsplit_once('.') else { return false };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let Some((_, hash)) = stem.rsplit_once('-') else { return false };
    // Trunk prints a 64-bit hash in hex without padding, so it may be
    // shorter than 16 digits; anything under 10 is a name, not a hash.
    (10..=64).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_asset_names() {
        assert!(is_hashed_asset("/samtal-web-1a2b3c4d5e6f7a8b.js"));
        assert!(is_hashed_asset("/samtal-web-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed_asset("/style-a2b3c4d5e6f7a8b.css"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/favicon.ico"));
        assert!(!is_hashed_asset("/sw.js"));
        assert!(!is_hashed_asset("/samtal-web.js"));
        assert!(!is_hashed_asset("/icon-192.png"));
        assert!(!is_hashed_asset("/chats/12"));
    }

    #[test]
    fn file_like_paths() {
        assert!(looks_like_file("/app.js"));
        assert!(looks_like_file("/assets/logo.svg"));
        assert!(!looks_like_file("/"));
        assert!(!looks_like_file("/chats/12"));
        assert!(!looks_like_file("/admin/groups/"));
    }
}
