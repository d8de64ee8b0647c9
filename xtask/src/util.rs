//! Paths, the tool search path, and running commands with a visible trace.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, bail};

/// The repository root (the directory holding the workspace `Cargo.toml`).
pub fn root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().map(Path::to_path_buf).unwrap_or(manifest_dir)
}

/// Where `cargo install` puts binaries: `$CARGO_HOME/bin`, by default `~/.cargo/bin`.
pub fn cargo_bin_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        return PathBuf::from(home).join("bin");
    }
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/root"));
    home.join(".cargo").join("bin")
}

/// The end-to-end test package, which also holds the pinned `wasm-opt` (npm `binaryen`).
pub fn e2e_dir() -> PathBuf {
    root().join("tests").join("e2e")
}

/// The search path every tool runs with: freshly installed cargo binaries and
/// the npm binaries of `tests/e2e` come before whatever the caller had, so trunk
/// finds the pinned `wasm-opt` and the matching `wasm-bindgen`.
pub fn tool_path() -> OsString {
    let mut dirs = vec![e2e_dir().join("node_modules").join(".bin"), cargo_bin_dir()];
    if let Some(existing) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&existing));
    }
    std::env::join_paths(dirs).unwrap_or_else(|_| std::env::var_os("PATH").unwrap_or_default())
}

/// The first executable called `name` on [`tool_path`].
pub fn which(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&tool_path()).map(|dir| dir.join(name)).find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata().map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0).unwrap_or(false)
}

/// A command for `program`, resolved on [`tool_path`] and running with it as `PATH`.
pub fn tool(program: &str) -> Command {
    let resolved = which(program).unwrap_or_else(|| PathBuf::from(program));
    let mut cmd = Command::new(resolved);
    cmd.env("PATH", tool_path()).current_dir(root());
    cmd
}

/// `cargo`, the same one that runs this xtask.
pub fn cargo() -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let mut cmd = Command::new(cargo);
    cmd.env("PATH", tool_path()).current_dir(root());
    cmd
}

/// Prints the command, runs it with inherited output and fails unless it succeeds.
pub fn run(cmd: &mut Command) -> Result<()> {
    let shown = describe(cmd);
    println!("  $ {shown}");
    let status = cmd.status().with_context(|| format!("could not start `{shown}`"))?;
    if !status.success() {
        bail!("`{shown}` failed ({status})");
    }
    Ok(())
}

/// Runs the command quietly and returns its trimmed stdout, or `None` when it
/// can't start or fails (the usual way to ask "is this tool installed?").
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.stdin(Stdio::null()).stderr(Stdio::null()).output().ok()?;
    if !out.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// The command line as a person would type it.
pub fn describe(cmd: &Command) -> String {
    let mut s = String::new();
    let program = cmd.get_program().to_string_lossy();
    let program = Path::new(program.as_ref()).file_name().map(|n| n.to_string_lossy().into_owned());
    s.push_str(&program.unwrap_or_default());
    for arg in cmd.get_args() {
        let _ = write!(s, " {}", arg.to_string_lossy());
    }
    s
}

/// `1m 05s`, `12.3s`.
pub fn human_duration(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs >= 60.0 {
        let whole = d.as_secs();
        format!("{}m {:02}s", whole / 60, whole % 60)
    } else {
        format!("{secs:.1}s")
    }
}

/// Whether this process runs as root (needed for `apt-get`).
pub fn is_root() -> bool {
    output(Command::new("id").arg("-u")).as_deref() == Some("0")
}

/// Copies a directory tree.
pub fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("copying {} to {}", entry.path().display(), target.display()))?;
        }
    }
    Ok(())
}

/// Every file under `dir`, as a path relative to `dir` with `/` separators.
pub fn files_under(dir: &Path) -> Result<Vec<String>> {
    fn walk(base: &Path, dir: &Path, names: &mut Vec<String>) -> Result<()> {
        for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                walk(base, &path, names)?;
                continue;
            }
            let relative = path.strip_prefix(base).unwrap_or(&path);
            let parts: Vec<String> =
                relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            names.push(parts.join("/"));
        }
        Ok(())
    }
    let mut names = Vec::new();
    walk(dir, dir, &mut names)?;
    Ok(names)
}

/// Prints a section heading.
pub fn heading(text: &str) {
    println!("\n==> {text}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human_duration(Duration::from_millis(12_340)), "12.3s");
        assert_eq!(human_duration(Duration::from_secs(65)), "1m 05s");
    }

    #[test]
    fn commands_are_shown_without_the_program_path() {
        let mut cmd = Command::new("/usr/bin/env");
        cmd.args(["a", "b"]);
        assert_eq!(describe(&cmd), "env a b");
    }

    #[test]
    fn the_root_holds_the_workspace_manifest() {
        assert!(root().join("Cargo.toml").is_file());
        assert!(root().join("xtask").is_dir());
    }
}
