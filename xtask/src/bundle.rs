//! The web client's bytes over the wire: every file the browser downloads
//! from `dist/`, measured raw, gzipped and with brotli, against the targets;
//! and the precompressed copies (`.br`, `.gz`) the server sends in place of
//! compressing on the fly.

use std::io::Write as _;
use std::path::Path;

use anyhow::{Context, Result, bail};
use flate2::Compression;
use flate2::write::GzEncoder;

use crate::util;

/// Bytes on the wire (brotli, as served) before the sign-in screen is usable.
pub const TARGET_SIGN_IN: u64 = 200_000;
/// Bytes on the wire (brotli) before the signed-in Chats screen is usable.
pub const TARGET_CHATS: u64 = 300_000;
/// Bytes on the wire (brotli) for the whole app.
pub const TARGET_WHOLE: u64 = 550_000;

/// Which files of `dist/` the browser downloads and the server precompresses.
const SENT: &[&str] = &["wasm", "js", "css", "html"];

/// One downloaded file and its sizes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleFile {
    /// Path relative to `dist/`, `/`-separated.
    pub name: String,
    /// As stored.
    pub raw: u64,
    /// gzip at the best level.
    pub gzip: u64,
    /// brotli at quality 11, as the server sends it.
    pub brotli: u64,
    /// `index.html` loads it (or it is index.html): it is on the wire before
    /// the first screen.
    pub first_screen: bool,
}

/// The files the browser downloads, with their sizes.
#[derive(Debug, Default)]
pub struct Bundle {
    /// Largest (brotli) first.
    pub files: Vec<BundleFile>,
}

impl Bundle {
    /// Measures every `.wasm`, `.js`, `.css` and `.html` under `dist`, the
    /// service worker (`sw.js`) included.
    pub fn measure(dist: &Path) -> Result<Bundle> {
        let index = std::fs::read_to_string(dist.join("index.html")).unwrap_or_default();
        let names = sent_files(dist)?;
        let mut files = Vec::new();
        for name in names {
            let bytes = std::fs::read(dist.join(&name)).with_context(|| format!("reading {name}"))?;
            let first_screen = name == "index.html" || index.contains(&format!("/{name}"));
            files.push(BundleFile {
                raw: bytes.len() as u64,
                gzip: packed_size(dist, &name, "gz", &bytes, gzip)?,
                brotli: packed_size(dist, &name, "br", &bytes, brotli)?,
                first_screen,
                name,
            });
        }
        files.sort_by(|a, b| b.brotli.cmp(&a.brotli).then_with(|| a.name.cmp(&b.name)));
        if !files.iter().any(|f| f.name.ends_with(".wasm")) {
            bail!("no .wasm in {}: the client build produced nothing", dist.display());
        }
        Ok(Bundle { files })
    }

    /// (gzip, brotli) of every file.
    pub fn total(&self) -> (u64, u64) {
        (self.files.iter().map(|f| f.gzip).sum(), self.files.iter().map(|f| f.brotli).sum())
    }

    /// (gzip, brotli) of what the first screen waits for: index.html and
    /// what it loads.
    pub fn first_screen(&self) -> (u64, u64) {
        let first = self.files.iter().filter(|f| f.first_screen);
        (first.clone().map(|f| f.gzip).sum(), first.map(|f| f.brotli).sum())
    }

    /// The targets, each with the brotli bytes it is measured by and whether
    /// it is met. The whole app is split in no chunks, so the sign-in and
    /// Chats screens both wait for what index.html loads.
    pub fn targets(&self) -> [(&'static str, u64, u64, bool); 3] {
        let (_, first) = self.first_screen();
        let (_, whole) = self.total();
        [
            ("sign-in screen usable", first, TARGET_SIGN_IN, first <= TARGET_SIGN_IN),
            ("Chats screen usable", first, TARGET_CHATS, first <= TARGET_CHATS),
            ("whole app", whole, TARGET_WHOLE, whole <= TARGET_WHOLE),
        ]
    }

    /// A printable table of the files and totals, then the targets.
    pub fn table(&self) -> String {
        let mut out = format!("\n  {:<38} {:>10}  {:>10}  {:>10}\n", "bundle (as served)", "raw", "gzip", "brotli");
        for f in &self.files {
            let mark = if f.first_screen { "" } else { "  (after the first screen)" };
            out.push_str(&format!(
                "  {:<38} {:>10}  {:>10}  {:>10}{mark}\n",
                f.name,
                kb(f.raw),
                kb(f.gzip),
                kb(f.brotli)
            ));
        }
        let raw: u64 = self.files.iter().map(|f| f.raw).sum();
        let (gzip, brotli) = self.total();
        out.push_str(&format!("  {:<38} {:>10}  {:>10}  {:>10}\n", "total", kb(raw), kb(gzip), kb(brotli)));
        let (first_gzip, first_brotli) = self.first_screen();
        out.push_str(&format!(
            "  {:<38} {:>10}  {:>10}  {:>10}\n",
            "before the first screen",
            "",
            kb(first_gzip),
            kb(first_brotli)
        ));
        out.push_str("\n  target (brotli on the wire)            measured      target\n");
        for (what, measured, target, met) in self.targets() {
            let verdict = if met { "met" } else { "over" };
            out.push_str(&format!("  {what:<38} {:>10}  {:>10}  {verdict}\n", kb(measured), kb(target)));
        }
        out
    }
}

/// Writes `name.br` and `name.gz` beside every file the browser downloads,
/// so the server sends them as they are (brotli at quality 11 is a quarter
/// smaller than what compressing on the fly can afford).
pub fn precompress(dist: &Path) -> Result<()> {
    for name in sent_files(dist)? {
        let path = dist.join(&name);
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        for (ext, packed) in [("br", brotli(&bytes)?), ("gz", gzip(&bytes)?)] {
            let target = dist.join(format!("{name}.{ext}"));
            std::fs::write(&target, packed).with_context(|| format!("writing {}", target.display()))?;
        }
    }
    Ok(())
}

/// Every file under `dist` with an extension in [`SENT`], relative to it.
fn sent_files(dist: &Path) -> Result<Vec<String>> {
    let mut names = util::files_under(dist)?;
    names.retain(|name| name.rsplit_once('.').is_some_and(|(_, ext)| SENT.contains(&ext)));
    Ok(names)
}

/// The size of `name` as `ext` (`br` or `gz`): its precompressed copy where
/// the build wrote one (what the server sends), else `pack(bytes)`.
fn packed_size(dist: &Path, name: &str, ext: &str, bytes: &[u8], pack: fn(&[u8]) -> Result<Vec<u8>>) -> Result<u64> {
    match std::fs::metadata(dist.join(format!("{name}.{ext}"))) {
        Ok(copy) => Ok(copy.len()),
        Err(_) => Ok(pack(bytes)?.len() as u64),
    }
}

/// `bytes` gzipped at the best level.
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

/// `bytes` compressed with brotli at the best quality (11, window 2²²).
pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(bytes)?;
    }
    Ok(out)
}

/// `123.4 KB` (1 KB = 1000 bytes).
pub fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// A `dist/` shaped like trunk's, in a fresh temporary directory.
    fn dist(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("samtal-xtask-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("snippets")).unwrap();
        std::fs::write(dir.join("app_bg.wasm"), vec![0u8; 4000]).unwrap();
        std::fs::write(dir.join("snippets/app.js"), "export const a = 1;").unwrap();
        std::fs::write(dir.join("sw.js"), "self.addEventListener('install', () => {});").unwrap();
        std::fs::write(dir.join("favicon.svg"), "<svg/>").unwrap();
        std::fs::write(dir.join("index.html"), r#"<html><link rel="preload" href="/app_bg.wasm"></html>"#).unwrap();
        dir
    }

    #[test]
    fn both_compressions_shrink_repetitive_text() {
        let text = "samtal ".repeat(1000);
        for packed in [gzip(text.as_bytes()).unwrap(), brotli(text.as_bytes()).unwrap()] {
            assert!(!packed.is_empty() && packed.len() < 200, "{}", packed.len());
        }
    }

    #[test]
    fn measures_what_the_browser_downloads_and_what_the_first_screen_waits_for() {
        let dir = dist("bundle");
        let bundle = Bundle::measure(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let names: Vec<&str> = bundle.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names.len(), 4, "{names:?}");
        for name in ["app_bg.wasm", "snippets/app.js", "sw.js", "index.html"] {
            assert!(names.contains(&name), "{name} in {names:?}");
        }
        let first: Vec<&str> = bundle.files.iter().filter(|f| f.first_screen).map(|f| f.name.as_str()).collect();
        assert_eq!(first.len(), 2, "{first:?}");
        assert!(first.contains(&"app_bg.wasm") && first.contains(&"index.html"));
        let (gzip, brotli) = bundle.total();
        assert!(brotli > 0 && brotli < 4000 && gzip < 4000);
        assert!(bundle.first_screen().1 < brotli);
        assert!(bundle.targets().iter().all(|t| t.3));
        let table = bundle.table();
        assert!(table.contains("before the first screen") && table.contains("whole app"), "{table}");
    }

    #[test]
    fn precompressed_copies_sit_beside_what_is_sent_and_decompress_to_it() {
        let dir = dist("precompress");
        precompress(&dir).unwrap();
        let wasm = std::fs::read(dir.join("app_bg.wasm")).unwrap();
        let br = std::fs::read(dir.join("app_bg.wasm.br")).unwrap();
        let mut unpacked = Vec::new();
        brotli::BrotliDecompress(&mut br.as_slice(), &mut unpacked).unwrap();
        assert_eq!(unpacked, wasm);
        assert!(dir.join("snippets/app.js.gz").is_file());
        assert!(dir.join("index.html.br").is_file());
        assert!(!dir.join("favicon.svg.br").exists(), "only what the browser downloads of the build");
        // Measuring again ignores the copies.
        assert_eq!(Bundle::measure(&dir).unwrap().files.len(), 4);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
