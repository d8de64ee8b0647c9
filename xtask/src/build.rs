//! `cargo xtask build`: the release web client in `dist/` and the server binary.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use flate2::Compression;
use flate2::write::GzEncoder;

use crate::setup;
use crate::util::{self, cargo, heading, run, tool};

/// What the client may weigh over the wire: wasm + js + css, gzipped.
pub const BUDGET_GZIP_BYTES: u64 = 350_000;

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

/// Builds the release client into `dist/` and reports its gzipped size.
pub fn client() -> Result<Bundle> {
    heading("build: web client (trunk, release)");
    // Trunk runs offline (Trunk.toml), which makes its cargo offline too.
    run(cargo().arg("fetch"))?;
    run(tool("trunk").args(["build", "--release", "--skip-version-check"]))?;
    let bundle = Bundle::measure(&dist_dir())?;
    print!("{}", bundle.table());
    if !bundle.within_budget() {
        println!("  warning: the bundle is over its budget of {} gzipped", kb(BUDGET_GZIP_BYTES));
    }
    Ok(bundle)
}

/// Builds the server with the `server` profile.
pub fn server() -> Result<()> {
    heading("build: server (profile server)");
    run(cargo().args(["build", "-p", "samtal-server", "--profile", "server"]))?;
    if !server_binary().is_file() {
        bail!("the build did not produce {}", server_binary().display());
    }
    Ok(())
}

/// The files the browser downloads, with their sizes.
#[derive(Debug, Default)]
pub struct Bundle {
    /// (path relative to dist, bytes, gzipped bytes), largest first.
    pub files: Vec<(String, u64, u64)>,
}

impl Bundle {
    /// Measures every `.wasm`, `.js` and `.css` under `dist`.
    pub fn measure(dist: &Path) -> Result<Bundle> {
        let mut files = Vec::new();
        collect(dist, dist, &mut files)?;
        files.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        if !files.iter().any(|f| f.0.ends_with(".wasm")) {
            bail!("no .wasm in {}: the client build produced nothing", dist.display());
        }
        Ok(Bundle { files })
    }

    /// The gzipped total.
    pub fn gzip_total(&self) -> u64 {
        self.files.iter().map(|f| f.2).sum()
    }

    /// Whether the gzipped total is under [`BUDGET_GZIP_BYTES`].
    pub fn within_budget(&self) -> bool {
        self.gzip_total() <= BUDGET_GZIP_BYTES
    }

    /// A printable table, ending in the total.
    pub fn table(&self) -> String {
        let mut out = String::from("\n  bundle (wasm + js + css)              raw        gzip\n");
        for (name, raw, gz) in &self.files {
            out.push_str(&format!("  {name:<34} {:>10}  {:>10}\n", kb(*raw), kb(*gz)));
        }
        let raw: u64 = self.files.iter().map(|f| f.1).sum();
        out.push_str(&format!(
            "  {:<34} {:>10}  {:>10}   (budget {})\n",
            "total",
            kb(raw),
            kb(self.gzip_total()),
            kb(BUDGET_GZIP_BYTES)
        ));
        out
    }
}

fn collect(base: &Path, dir: &Path, files: &mut Vec<(String, u64, u64)>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            collect(base, &path, files)?;
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if !matches!(ext, "wasm" | "js" | "css") {
            continue;
        }
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let name = path.strip_prefix(base).unwrap_or(&path).display().to_string();
        files.push((name, bytes.len() as u64, gzip_len(&bytes)?));
    }
    Ok(())
}

/// The size of `bytes` gzipped at the best level, as a server would send them.
pub fn gzip_len(bytes: &[u8]) -> Result<u64> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len() as u64)
}

/// `123.4 KB` (1 KB = 1000 bytes).
pub fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn gzip_shrinks_repetitive_text() {
        let text = "samtal ".repeat(1000);
        let gz = gzip_len(text.as_bytes()).unwrap();
        assert!(gz < 200, "{gz}");
        assert!(gz > 0);
    }

    #[test]
    fn measures_only_what_the_browser_downloads() {
        let dir = std::env::temp_dir().join(format!("samtal-xtask-bundle-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("snippets")).unwrap();
        std::fs::write(dir.join("app_bg.wasm"), vec![0u8; 4000]).unwrap();
        std::fs::write(dir.join("snippets/app.js"), "export const a = 1;").unwrap();
        std::fs::write(dir.join("index.html"), "<html></html>").unwrap();
        let bundle = Bundle::measure(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let names: Vec<&str> = bundle.files.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(names.contains(&"app_bg.wasm"));
        assert!(bundle.gzip_total() < 4000);
        assert!(bundle.within_budget());
        assert!(bundle.table().contains("total"));
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
