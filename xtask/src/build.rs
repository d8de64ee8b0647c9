//! `cargo xtask build`: the release web client in `dist/` and the server binary.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};

use crate::bundle::{self, Bundle};
use crate::setup;
use crate::util::{self, cargo, heading, run, tool};

/// The server binary `cargo build --profile server` produces.
pub fn server_binary() -> PathBuf {
    util::root().join("target").join("server").join("samtal-server")
}

/// The built client.
pub fn dist_dir() -> PathBuf {
    util::root().join("dist")
}

/// Setup, the release client, its sizes, and the server binary.
pub fn build() -> Result<Bundle> {
    setup::setup()?;
    let bundle = client()?;
    server()?;
    Ok(bundle)
}

/// Builds the release client into `dist/`, with its service worker and the
/// precompressed copies the server sends, and prints its bytes over the wire
/// against the targets.
pub fn client() -> Result<Bundle> {
    heading("build: web client (trunk, release)");
    // Trunk runs offline (Trunk.toml), which makes its cargo offline too.
    run(cargo().arg("fetch"))?;
    run(tool("trunk").args(["build", "--release", "--skip-version-check"]))?;
    write_service_worker(&dist_dir())?;
    // After the worker is written, so that it is compressed and counted (under
    // 2 KB): the browser downloads it like the rest of the bundle.
    bundle::precompress(&dist_dir())?;
    let bundle = Bundle::measure(&dist_dir())?;
    print!("{}", bundle.table());
    Ok(bundle)
}

/// Builds the server, and the bench driver beside it, with the `server`
/// profile. One build for both, so their shared dependencies are built once
/// with one set of features and the server binary is the same whichever
/// command asked for it.
pub fn server() -> Result<()> {
    heading("build: server and bench driver (profile server)");
    run(cargo().args(["build", "-p", "samtal-server", "-p", "samtal-bench", "--profile", "server"]))?;
    if !server_binary().is_file() {
        bail!("the build did not produce {}", server_binary().display());
    }
    Ok(())
}

/// The service worker's source, with its version and precache list left to
/// fill in. Only the build can complete it, so it lives here, beside the code
/// that does, rather than with the site's files in `public/`.
const SERVICE_WORKER_TEMPLATE: &str = include_str!("sw.js");
/// The service worker's name in `dist/`; the server serves it as `/sw.js`.
pub const SERVICE_WORKER: &str = "sw.js";

/// Writes `dist/sw.js` for the client trunk has just built in `dist`.
pub fn write_service_worker(dist: &Path) -> Result<()> {
    let mut files = Vec::new();
    for name in util::files_under(dist)?.into_iter().filter(|name| name == "index.html" || is_precached(name)) {
        let path = dist.join(&name);
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        files.push((name, bytes));
    }
    let worker = service_worker(&files)?;
    let path = dist.join(SERVICE_WORKER);
    std::fs::write(&path, worker).with_context(|| format!("writing {}", path.display()))
}

/// The service worker of a build, from the build's files as (path relative
/// to `dist/` with `/` separators, contents); files it does not precache are
/// ignored.
///
/// It precaches `/` (index.html) and every file [`is_precached`] picks. Its
/// version, which names its cache, is a hash of the worker's template, of
/// index.html and of each precached file's path and contents: any change to
/// the build gives a new version, which on activation deletes the caches of
/// the old ones.
pub fn service_worker(files: &[(String, Vec<u8>)]) -> Result<String> {
    let Some((_, index)) = files.iter().find(|(name, _)| name == "index.html") else {
        bail!("the client build has no index.html");
    };
    let mut assets: Vec<&(String, Vec<u8>)> = files.iter().filter(|(name, _)| is_precached(name)).collect();
    assets.sort_by(|a, b| a.0.cmp(&b.0));
    let mut hash = Sha256::new();
    chunk(&mut hash, SERVICE_WORKER_TEMPLATE.as_bytes());
    chunk(&mut hash, index);
    for (name, bytes) in &assets {
        chunk(&mut hash, name.as_bytes());
        chunk(&mut hash, bytes);
    }
    let mut precache = String::from("\n  \"/\",\n");
    for (name, _) in &assets {
        precache.push_str(&format!("  {},\n", serde_json::Value::from(format!("/{name}"))));
    }
    // Sixteen hex digits name a build well enough.
    let version: String = hash.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect();
    Ok(SERVICE_WORKER_TEMPLATE.replacen("__VERSION__", &version, 1).replacen("/* PRECACHE */", &precache, 1))
}

/// Whether the service worker precaches a file of `dist/` (path relative to
/// it, `/`-separated): the wasm, the js (wasm-bindgen's glue and snippets) and
/// the css, whose names trunk hashes, and the favicon. Not the worker itself.
fn is_precached(name: &str) -> bool {
    let file = name.rsplit('/').next().unwrap_or(name);
    let ext = file.rsplit_once('.').map(|(_, ext)| ext).unwrap_or_default();
    name != SERVICE_WORKER && (matches!(ext, "wasm" | "js" | "css") || file.starts_with("favicon"))
}

/// Feeds `bytes` to `hash`, length first, so that chunks cannot run into each other.
fn chunk(hash: &mut Sha256, bytes: &[u8]) {
    hash.update((bytes.len() as u64).to_le_bytes());
    hash.update(bytes);
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// A build shaped like trunk's output, with `index` as its index.html.
    fn build_files(index: &str, wasm: &[u8]) -> Vec<(String, Vec<u8>)> {
        [
            ("index.html", index.as_bytes()),
            ("samtal-web-1a2b3c4d5e6f7a8b.js", b"export default function init() {}".as_slice()),
            ("samtal-web-1a2b3c4d5e6f7a8b_bg.wasm", wasm),
            ("main-0a1b2c3d4e5f6a7b.css", b"body { margin: 0 }"),
            ("chat-9f8e7d6c5b4a3921.css", b".chat {}"),
            ("favicon-77aa88bb99cc00dd.svg", b"<svg/>"),
            ("snippets/samtal-web-1a2b3c4d5e6f7a8b/inline0.js", b"export const a = 1;"),
            ("manifest.json", b"{}"),
            // A worker left by an earlier build is neither precached nor hashed.
            ("sw.js", b"old worker"),
        ]
        .into_iter()
        .map(|(name, bytes)| (name.to_owned(), bytes.to_vec()))
        .collect()
    }

    fn version_of(worker: &str) -> &str {
        let start = worker.find("const VERSION = \"").unwrap() + "const VERSION = \"".len();
        &worker[start..start + worker[start..].find('"').unwrap()]
    }

    fn precache_of(worker: &str) -> Vec<String> {
        let start = worker.find("const PRECACHE = [").unwrap() + "const PRECACHE = ".len();
        let end = start + worker[start..].find("];").unwrap() + 1;
        let list = worker[start..end].replace(",\n]", "]");
        serde_json::from_str(&list).unwrap()
    }

    #[test]
    fn the_template_has_one_place_for_each_filled_in_value() {
        assert_eq!(SERVICE_WORKER_TEMPLATE.matches("__VERSION__").count(), 1);
        assert_eq!(SERVICE_WORKER_TEMPLATE.matches("/* PRECACHE */").count(), 1);
        for needed in ["skipWaiting()", "clients.claim()", "\"/api/\"", "\"navigate\""] {
            assert!(SERVICE_WORKER_TEMPLATE.contains(needed), "{needed}");
        }
    }

    #[test]
    fn the_service_worker_precaches_the_shell_and_the_hashed_bundle() {
        let worker = service_worker(&build_files("<html>v1</html>", b"\0asm")).unwrap();
        assert_eq!(
            precache_of(&worker),
            [
                "/",
                "/chat-9f8e7d6c5b4a3921.css",
                "/favicon-77aa88bb99cc00dd.svg",
                "/main-0a1b2c3d4e5f6a7b.css",
                "/samtal-web-1a2b3c4d5e6f7a8b.js",
                "/samtal-web-1a2b3c4d5e6f7a8b_bg.wasm",
                "/snippets/samtal-web-1a2b3c4d5e6f7a8b/inline0.js",
            ]
        );
        let version = version_of(&worker);
        assert_eq!(version.len(), 16, "{version}");
        assert!(version.bytes().all(|b| b.is_ascii_hexdigit()), "{version}");
        assert!(!worker.contains("__VERSION__") && !worker.contains("/* PRECACHE */"));
        assert!(worker.contains("const CACHE = PREFIX + VERSION;"));
    }

    #[test]
    fn the_version_changes_with_the_build_and_only_with_it() {
        let v1 = service_worker(&build_files("<html>v1</html>", b"\0asm")).unwrap();
        let mut reordered = build_files("<html>v1</html>", b"\0asm");
        reordered.reverse();
        assert_eq!(service_worker(&reordered).unwrap(), v1, "the order files are listed in does not matter");
        let mut other_worker = build_files("<html>v1</html>", b"\0asm");
        other_worker.retain(|(name, _)| name != "sw.js" && name != "manifest.json");
        assert_eq!(service_worker(&other_worker).unwrap(), v1, "files it does not precache do not matter");

        let new_shell = service_worker(&build_files("<html>v2</html>", b"\0asm")).unwrap();
        let new_wasm = service_worker(&build_files("<html>v1</html>", b"\0asm\x01")).unwrap();
        assert_ne!(version_of(&new_shell), version_of(&v1));
        assert_ne!(version_of(&new_wasm), version_of(&v1));
        assert_ne!(version_of(&new_shell), version_of(&new_wasm));
    }

    #[test]
    fn a_build_without_index_html_has_no_service_worker() {
        let mut files = build_files("", b"\0asm");
        files.retain(|(name, _)| name != "index.html");
        assert!(service_worker(&files).is_err());
    }

    #[test]
    fn the_written_service_worker_is_part_of_the_measured_bundle() {
        let dir = std::env::temp_dir().join(format!("samtal-xtask-sw-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("snippets/app-1a2b3c4d5e")).unwrap();
        std::fs::write(dir.join("index.html"), "<html></html>").unwrap();
        std::fs::write(dir.join("app-1a2b3c4d5e_bg.wasm"), vec![0u8; 4000]).unwrap();
        std::fs::write(dir.join("snippets/app-1a2b3c4d5e/inline0.js"), "export const a = 1;").unwrap();
        write_service_worker(&dir).unwrap();
        let worker = std::fs::read_to_string(dir.join(SERVICE_WORKER)).unwrap();
        let bundle = Bundle::measure(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(precache_of(&worker), ["/", "/app-1a2b3c4d5e_bg.wasm", "/snippets/app-1a2b3c4d5e/inline0.js"]);
        assert!(bundle.files.iter().any(|f| f.name == SERVICE_WORKER), "{:?}", bundle.files);
    }

    #[test]
    fn an_empty_dist_is_an_error() {
        let dir = std::env::temp_dir().join(format!("samtal-xtask-empty-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let measured = Bundle::measure(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(measured.is_err());
    }
}
