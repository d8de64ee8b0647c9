//! `cargo xtask fuzz-api [--long]`: schemathesis (from PyPI) against
//! `/api/openapi.json` of a fresh demo server, signed in as a member
//! (`erik`) and as an organization admin (`admin`). It generates requests
//! from the document, valid and not, and fails on any 5xx, any status code
//! the document does not list, and any answer that does not match its
//! documented schema or content type. `cargo xtask test` runs the short
//! run; `--long` generates many more cases per operation.
//!
//! The operations that end the fuzzer's own session (sign out, end
//! sessions, change password) are left out: after them every request would
//! be a 401. Their refusals are covered by the server's own tests.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::build::{self, server_binary};
use crate::setup;
use crate::util::{self, heading, output};

/// Cases generated per operation and phase: the short run and `--long`.
pub const SHORT_EXAMPLES: u32 = 10;
const LONG_EXAMPLES: u32 = 200;

/// The checks that must hold for every answer.
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance";

/// Operations that would end the fuzzer's own session.
const LEFT_OUT: &[&str] = &["/auth/logout", "/me/sessions/end-others", "/me/sessions/{id}", "/me/password"];

/// `cargo xtask fuzz-api [--long]`: builds the server, then fuzzes.
pub fn fuzz_api(long: bool) -> Result<()> {
    setup::schemathesis()?;
    build::server()?;
    fuzz(if long { LONG_EXAMPLES } else { SHORT_EXAMPLES })
}

/// Fuzzes the API of a fresh demo server as each role, with `examples` cases
/// per operation and phase; the server binary must be built.
pub fn fuzz(examples: u32) -> Result<()> {
    let mut generated = 0;
    for (handle, role) in [("erik", "a member"), ("admin", "an organization admin")] {
        heading(&format!("fuzz-api: as {role} ({handle}), {examples} cases per operation and phase"));
        let server = DemoServer::start(handle)?;
        let cookie = server.sign_in(handle)?;
        let mut cmd = Command::new(setup::schemathesis_cli());
        // schemathesis keeps a cache in the directory it runs in: not the repository's.
        let scratch = util::root().join("target").join("fuzz");
        std::fs::create_dir_all(&scratch)?;
        cmd.current_dir(&scratch)
            .arg("run")
            .arg(format!("{}/api/openapi.json", server.base))
            .args(["-H", &format!("Cookie: {cookie}"), "-H", "X-Samtal-Request: 1"])
            .args(["--checks", CHECKS, "-n", &examples.to_string(), "--workers", "1", "--no-shrink"]);
        for path in LEFT_OUT {
            cmd.args(["--exclude-path", path]);
        }
        let shown = util::describe(&cmd);
        println!("  $ {shown}");
        let out = cmd.stdin(Stdio::null()).output().with_context(|| format!("could not start `{shown}`"))?;
        let text = String::from_utf8_lossy(&out.stdout);
        print!("{text}");
        eprint!("{}", String::from_utf8_lossy(&out.stderr));
        drop(server);
        if !out.status.success() {
            bail!("schemathesis found failures as {role} ({})", out.status);
        }
        generated += cases(&text).unwrap_or(0);
    }
    println!("\n  fuzz-api: {generated} requests generated, every answer as documented, no 5xx");
    Ok(())
}

/// The number in schemathesis's "N generated, …" line.
fn cases(report: &str) -> Option<u64> {
    report.lines().find_map(|line| line.trim().split_once(" generated")?.0.trim().parse().ok())
}

/// A demo server on a free port over its own data directory.
struct DemoServer {
    child: Child,
    base: String,
}

impl DemoServer {
    fn start(name: &str) -> Result<Self> {
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let data = util::root().join("target").join("fuzz").join(name);
        let _ = std::fs::remove_dir_all(&data);
        let child = Command::new(server_binary())
            .args(["demo", "--serve", "--bind", &format!("127.0.0.1:{port}")])
            .arg("--data")
            .arg(&data)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .with_context(|| format!("starting {}", server_binary().display()))?;
        let mut server = DemoServer { child, base: format!("http://127.0.0.1:{port}") };
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse()?;
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            if server.child.try_wait()?.is_some() || Instant::now() > deadline {
                bail!("the demo server did not come up at {}", server.base);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(server)
    }

    /// Signs in as a demo person; answers `samtal_session=…`.
    fn sign_in(&self, handle: &str) -> Result<String> {
        let body = format!(r#"{{"handle":"{handle}","password":"demo-password"}}"#);
        let headers = output(Command::new("curl").args([
            "-sf",
            "-D",
            "-",
            "-o",
            "/dev/null",
            "-H",
            "X-Samtal-Request: 1",
            "-H",
            "Content-Type: application/json",
            "-d",
            &body,
            &format!("{}/api/auth/login", self.base),
        ]))
        .with_context(|| format!("could not sign in as {handle}"))?;
        headers
            .lines()
            .filter_map(|l| l.split_once(':').filter(|(name, _)| name.eq_ignore_ascii_case("set-cookie")))
            .filter_map(|(_, value)| value.trim().split(';').next())
            .find(|pair| pair.starts_with("samtal_session="))
            .map(str::to_owned)
            .context("signing in set no session cookie")
    }
}

impl Drop for DemoServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_case_count_is_read_from_the_summary() {
        let report = "Test cases:\n  1800 generated, 1800 passed\n\nSeed: 1";
        assert_eq!(cases(report), Some(1800));
        assert_eq!(cases("nothing here"), None);
    }
}
