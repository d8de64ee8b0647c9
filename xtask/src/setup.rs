//! `cargo xtask setup`: installs the toolchain the build and the tests need,
//! skipping whatever is already there at the right version.
//!
//! Our machines reach crates.io, the npm registry and Debian's packages, and
//! nothing else, so every tool comes from one of those (see ENGINEERING.md,
//! "Toolchain facts").

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::util::{self, cargo, heading, human_duration, output, run, tool, which};

/// The trunk release that builds with our rustc (0.22 needs a newer one).
pub const TRUNK_VERSION: &str = "0.21.14";
/// The Chromium binary the wasm tests and the end-to-end journeys drive.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Its WebDriver, for `wasm-bindgen-test-runner`.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// `wasm-bindgen-cli`'s lock pins webpki-roots 1.0.11, which the registry does
/// not serve; 1.0.10 is the newest it has.
const WEBPKI_ROOTS_PRECISE: &str = "1.0.10";

/// Installs everything missing.
pub fn setup() -> Result<()> {
    heading("setup: checking the toolchain");
    let start = Instant::now();
    wasm_target()?;
    debian_packages()?;
    trunk()?;
    wasm_bindgen()?;
    npm_packages()?;
    moto()?;
    identity_tools()?;
    schemathesis()?;
    println!("  toolchain ready ({})", human_duration(start.elapsed()));
    Ok(())
}

fn ok(what: &str) {
    println!("  ok  {what}");
}

fn wasm_target() -> Result<()> {
    const TARGET: &str = "wasm32-unknown-unknown";
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]));
    match installed {
        Some(list) if list.lines().any(|l| l.trim() == TARGET) => ok("rust target wasm32-unknown-unknown"),
        Some(_) => run(Command::new("rustup").args(["target", "add", TARGET]))?,
        None => {
            // Without rustup the target can only come with the toolchain itself.
            let sysroot = output(Command::new("rustc").args(["--print", "sysroot"])).unwrap_or_default();
            if !Path::new(&sysroot).join("lib/rustlib").join(TARGET).is_dir() {
                bail!("the {TARGET} target is missing and rustup is not available to add it");
            }
            ok("rust target wasm32-unknown-unknown");
        }
    }
    Ok(())
}

/// Chromium, its driver, and node/npm come from Debian when missing.
fn debian_packages() -> Result<()> {
    let mut missing: Vec<&str> = Vec::new();
    if !Path::new(CHROMIUM).exists() {
        missing.push("chromium");
    }
    if !Path::new(CHROMEDRIVER).exists() {
        missing.push("chromium-driver");
    }
    if which("node").is_none() || which("npm").is_none() {
        missing.extend(["nodejs", "npm"]);
    }
    if missing.is_empty() {
        ok("chromium, chromedriver, node and npm");
        return Ok(());
    }
    if !util::is_root() {
        bail!(
            "missing Debian packages: {}. Install them as root: apt-get update && apt-get install -y {}",
            missing.join(", "),
            missing.join(" ")
        );
    }
    println!("  installing {} from Debian", missing.join(", "));
    let start = Instant::now();
    run(Command::new("apt-get").arg("update").env("DEBIAN_FRONTEND", "noninteractive"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "--no-install-recommends"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    println!("  installed {} in {}", missing.join(", "), human_duration(start.elapsed()));
    Ok(())
}

fn trunk() -> Result<()> {
    let want = format!("trunk {TRUNK_VERSION}");
    if output(tool("trunk").arg("--version")).as_deref() == Some(want.as_str()) {
        ok(&want);
        return Ok(());
    }
    println!("  installing {want} (several minutes on a cold machine)");
    let start = Instant::now();
    run(cargo().args(["install", "--locked", "trunk", "--version", TRUNK_VERSION]))?;
    println!("  installed {want} in {}", human_duration(start.elapsed()));
    Ok(())
}

/// The version of a package as `Cargo.lock` pins it.
pub fn locked_version(lock: &str, package: &str) -> Option<String> {
    let name_line = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == name_line {
            let version = lines.next()?.trim();
            return version.strip_prefix("version = \"")?.strip_suffix('"').map(str::to_owned);
        }
    }
    None
}

/// `wasm-bindgen` and `wasm-bindgen-test-runner` must match the library version
/// in `Cargo.lock` exactly, or the generated glue does not fit the wasm.
fn wasm_bindgen() -> Result<()> {
    let lock = std::fs::read_to_string(util::root().join("Cargo.lock")).context("reading Cargo.lock")?;
    let Some(version) = locked_version(&lock, "wasm-bindgen") else {
        bail!("Cargo.lock does not pin wasm-bindgen; run `cargo fetch` first");
    };
    let installed = |bin: &str| output(tool(bin).arg("--version"));
    let matches = |bin: &str| installed(bin).is_some_and(|v| v.split_whitespace().nth(1) == Some(version.as_str()));
    if matches("wasm-bindgen") && matches("wasm-bindgen-test-runner") {
        ok(&format!("wasm-bindgen-cli {version}"));
        return Ok(());
    }
    println!("  installing wasm-bindgen-cli {version} from its crate source");
    let start = Instant::now();
    let source = wasm_bindgen_cli_source(&version)?;
    // Its published lock pins a webpki-roots the registry does not serve; step
    // back to the newest one it does, keeping everything else as locked.
    let lock_text = std::fs::read_to_string(source.join("Cargo.lock")).unwrap_or_default();
    if locked_version(&lock_text, "webpki-roots").is_some_and(|v| v != WEBPKI_ROOTS_PRECISE) {
        run(cargo().current_dir(&source).args(["update", "-p", "webpki-roots", "--precise", WEBPKI_ROOTS_PRECISE]))?;
    }
    run(cargo().current_dir(&source).args(["install", "--locked", "--force", "--path", "."]))?;
    // The copy and its build directory take hundreds of megabytes; the binaries are installed.
    let _ = std::fs::remove_dir_all(scratch_dir());
    if !(matches("wasm-bindgen") && matches("wasm-bindgen-test-runner")) {
        bail!("wasm-bindgen-cli {version} was installed but `wasm-bindgen --version` does not report it");
    }
    println!("  installed wasm-bindgen-cli {version} in {}", human_duration(start.elapsed()));
    Ok(())
}

/// Where the wasm-bindgen-cli install works; removed once it is installed.
fn scratch_dir() -> PathBuf {
    std::env::temp_dir().join("samtal-xtask")
}

/// Gets the published source of `wasm-bindgen-cli` through crates.io: a
/// throwaway package depending on it, `cargo fetch`, then `cargo metadata` to
/// find where cargo unpacked it. Returns a writable copy.
fn wasm_bindgen_cli_source(version: &str) -> Result<PathBuf> {
    let scratch = scratch_dir();
    let probe = scratch.join(format!("fetch-wasm-bindgen-cli-{version}"));
    std::fs::create_dir_all(probe.join("src")).with_context(|| format!("creating {}", probe.display()))?;
    // `[workspace]` keeps cargo from looking for a workspace above /tmp.
    let manifest = format!(
        "[package]\nname = \"fetch-wasm-bindgen-cli\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nwasm-bindgen-cli = \"={version}\"\n\n[workspace]\n"
    );
    std::fs::write(probe.join("Cargo.toml"), manifest)?;
    std::fs::write(probe.join("src/lib.rs"), "")?;
    let manifest_path = probe.join("Cargo.toml");
    run(cargo().current_dir(&probe).arg("fetch").arg("--manifest-path").arg(&manifest_path))?;
    let metadata = output(
        cargo().current_dir(&probe).args(["metadata", "--format-version", "1", "--manifest-path"]).arg(&manifest_path),
    )
    .context("`cargo metadata` on the fetch package failed")?;
    let metadata: serde_json::Value = serde_json::from_str(&metadata).context("reading `cargo metadata`")?;
    let unpacked = metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == "wasm-bindgen-cli" && p["version"] == version)
        .and_then(|p| p["manifest_path"].as_str())
        .and_then(|m| Path::new(m).parent().map(Path::to_path_buf))
        .context("cargo fetched no wasm-bindgen-cli source")?;
    let copy = scratch.join(format!("wasm-bindgen-cli-{version}"));
    if copy.exists() {
        std::fs::remove_dir_all(&copy).with_context(|| format!("removing {}", copy.display()))?;
    }
    util::copy_dir(&unpacked, &copy)?;
    Ok(copy)
}

/// The moto release whose server mode is the tests' S3-compatible endpoint.
pub const MOTO_VERSION: &str = "5.1.18";

/// Where moto lives: a virtual environment of its own under `target/`.
pub fn moto_dir() -> PathBuf {
    util::root().join("target").join("tools").join("moto")
}

/// `moto_server`, the S3-compatible server the cluster tests start.
pub fn moto_server() -> PathBuf {
    moto_dir().join("bin").join("moto_server")
}

/// The identity tools' releases, from PyPI: a SCIM conformance tester and
/// an OpenID Connect provider for the journeys and `run --oidc`.
const SCIM2_TESTER_VERSION: &str = "0.5.2";
const OIDC_PROVIDER_MOCK_VERSION: &str = "0.3.4";

/// Where the identity tools live: a virtual environment of their own.
pub fn identity_dir() -> PathBuf {
    util::root().join("target").join("tools").join("identity")
}

/// The Python that has scim2-tester (`SAMTAL_TEST_IDENTITY_PYTHON` of the tests).
pub fn identity_python() -> PathBuf {
    identity_dir().join("bin").join("python")
}

/// `oidc-provider-mock`, the local identity provider.
pub fn oidc_provider() -> PathBuf {
    identity_dir().join("bin").join("oidc-provider-mock")
}

/// The schemathesis release the API fuzzing runs use.
pub const SCHEMATHESIS_VERSION: &str = "4.32.5";

/// Where schemathesis lives: a virtual environment of its own under `target/`.
pub fn schemathesis_dir() -> PathBuf {
    util::root().join("target").join("tools").join("schemathesis")
}

/// schemathesis's command line, `st`.
pub fn schemathesis_cli() -> PathBuf {
    schemathesis_dir().join("bin").join("st")
}

/// Installs schemathesis unless that release is there already.
pub fn schemathesis() -> Result<()> {
    let have = output(Command::new(schemathesis_cli()).arg("--version"));
    if have.as_deref().is_some_and(|v| v.ends_with(SCHEMATHESIS_VERSION)) {
        println!("  ok  schemathesis {SCHEMATHESIS_VERSION} (the API fuzzer)");
        return Ok(());
    }
    println!("  installing schemathesis {SCHEMATHESIS_VERSION} from PyPI");
    let start = Instant::now();
    run(Command::new("python3").arg("-m").arg("venv").arg(schemathesis_dir()))?;
    run(Command::new(schemathesis_dir().join("bin").join("pip")).args([
        "install",
        "--quiet",
        "--disable-pip-version-check",
        &format!("schemathesis=={SCHEMATHESIS_VERSION}"),
    ]))?;
    println!("  installed schemathesis in {}", human_duration(start.elapsed()));
    Ok(())
}

/// scim2-tester and oidc-provider-mock from PyPI, in their own virtual environment.
fn identity_tools() -> Result<()> {
    let probe = "from importlib.metadata import version as v; print(v('scim2-tester'), v('oidc-provider-mock'))";
    let have = output(Command::new(identity_python()).args(["-c", probe]));
    let want = format!("{SCIM2_TESTER_VERSION} {OIDC_PROVIDER_MOCK_VERSION}");
    if have.as_deref() == Some(want.as_str()) && oidc_provider().exists() {
        ok(&format!(
            "scim2-tester {SCIM2_TESTER_VERSION} and oidc-provider-mock {OIDC_PROVIDER_MOCK_VERSION} (identity providers)"
        ));
        return Ok(());
    }
    println!(
        "  installing scim2-tester {SCIM2_TESTER_VERSION} and oidc-provider-mock {OIDC_PROVIDER_MOCK_VERSION} from PyPI"
    );
    let start = Instant::now();
    run(Command::new("python3").arg("-m").arg("venv").arg(identity_dir()))?;
    run(Command::new(identity_dir().join("bin").join("pip")).args([
        "install",
        "--quiet",
        "--disable-pip-version-check",
        &format!("scim2-tester[httpx2]=={SCIM2_TESTER_VERSION}"),
        &format!("oidc-provider-mock=={OIDC_PROVIDER_MOCK_VERSION}"),
    ]))?;
    println!("  installed the identity tools in {}", human_duration(start.elapsed()));
    Ok(())
}

/// moto's server mode from PyPI, in its own virtual environment.
fn moto() -> Result<()> {
    let python = moto_dir().join("bin").join("python");
    let have = output(Command::new(&python).args(["-c", "import moto; print(moto.__version__)"]));
    if moto_server().exists() && have.as_deref() == Some(MOTO_VERSION) {
        ok(&format!("moto {MOTO_VERSION} (the tests' S3 server)"));
        return Ok(());
    }
    println!("  installing moto {MOTO_VERSION} from PyPI");
    let start = Instant::now();
    run(Command::new("python3").arg("-m").arg("venv").arg(moto_dir()))?;
    run(Command::new(moto_dir().join("bin").join("pip")).args([
        "install",
        "--quiet",
        "--disable-pip-version-check",
        &format!("moto[server]=={MOTO_VERSION}"),
    ]))?;
    println!("  installed moto in {}", human_duration(start.elapsed()));
    Ok(())
}

/// The npm packages of `tests/e2e` (binaryen's `wasm-opt`, playwright-core),
/// exactly as `package-lock.json` pins them.
fn npm_packages() -> Result<()> {
    let dir = util::e2e_dir();
    let lock_text =
        std::fs::read_to_string(dir.join("package-lock.json")).context("reading tests/e2e/package-lock.json")?;
    let lock: serde_json::Value = serde_json::from_str(&lock_text).context("parsing tests/e2e/package-lock.json")?;
    let wanted: Vec<(String, String)> = lock["packages"]
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(key, pkg)| {
            let name = key.strip_prefix("node_modules/")?;
            Some((name.to_owned(), pkg["version"].as_str()?.to_owned()))
        })
        .collect();
    let installed_version = |name: &str| -> Option<String> {
        let text = std::fs::read_to_string(dir.join("node_modules").join(name).join("package.json")).ok()?;
        let pkg: serde_json::Value = serde_json::from_str(&text).ok()?;
        pkg["version"].as_str().map(str::to_owned)
    };
    let stale: Vec<&str> = wanted
        .iter()
        .filter(|(name, version)| installed_version(name).as_deref() != Some(version.as_str()))
        .map(|(name, _)| name.as_str())
        .collect();
    let summary = wanted.iter().map(|(n, v)| format!("{n}@{v}")).collect::<Vec<_>>().join(", ");
    if stale.is_empty() && !wanted.is_empty() {
        ok(&summary);
        return Ok(());
    }
    println!("  installing {summary} with npm ci");
    let start = Instant::now();
    run(tool("npm").current_dir(&dir).args(["ci", "--no-audit", "--no-fund"]))?;
    println!("  installed npm packages in {}", human_duration(start.elapsed()));
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "wasm-bindgen-futures"
version = "0.4.80"
"#;

    #[test]
    fn reads_the_exact_locked_version() {
        assert_eq!(locked_version(LOCK, "wasm-bindgen").as_deref(), Some("0.2.130"));
        assert_eq!(locked_version(LOCK, "wasm-bindgen-futures").as_deref(), Some("0.4.80"));
        assert_eq!(locked_version(LOCK, "wasm"), None);
    }

    #[test]
    fn the_workspace_lock_pins_wasm_bindgen() {
        let lock = std::fs::read_to_string(util::root().join("Cargo.lock")).unwrap();
        assert!(locked_version(&lock, "wasm-bindgen").is_some());
    }
}
