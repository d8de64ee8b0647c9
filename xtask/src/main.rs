//! `cargo xtask`: build, run and test Samtal.
//!
//! ```text
//! cargo xtask setup            install what is missing (trunk, wasm-bindgen-cli, wasm-opt, Chromium, …)
//! cargo xtask build            setup + release web client in dist/ (with its bytes over the wire) + server binary
//! cargo xtask run [--bind A] [--oidc]  build, then serve a fresh demo organization (default 127.0.0.1:8080),
//!                              with --oidc beside a local identity provider it signs in at
//! cargo xtask test [--skip S]  setup, rustfmt, clippy, native tests, wasm tests, release build, journeys
//! cargo xtask cluster          build, then two demo instances on PostgreSQL + NATS + a local S3 bucket
//! cargo xtask bench [ARGS]     release builds, then the benchmarks' table (ARGS go to samtal-bench)
//! cargo xtask fuzz-api [--long] the release server, then schemathesis against its OpenAPI document
//! ```

mod bench;
mod build;
mod bundle;
mod cluster;
mod fuzz;
mod run;
mod setup;
mod test;
mod util;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  setup              install whatever the build and the tests need and is missing
  build              setup, then the release web client (dist/) and the server binary
  run [--bind ADDR] [--oidc]
                     build, then serve the client with a fresh demo organization
                     (default 127.0.0.1:8080; sign in as admin / demo-password);
                     --oidc also starts a local OpenID Connect provider at
                     127.0.0.1:9400 and sets Nordvik Energi up to sign in at it
  cluster            build, then two instances of the demo on PostgreSQL, NATS and a
                     local S3 bucket (moto), at 127.0.0.1:8080 and 127.0.0.1:8081
  test [--skip STEP]...
                     every check CI runs, stopping at the first failure; the steps:
                     setup, fmt, clippy, native, wasm, build (release), fuzz, e2e
  bench [--json FILE] [--skip-client] [--backends sqlite,postgres] [--only send,fanout,search,timeline] …
                     release builds, then every benchmark against the release server,
                     printed as one table (`--help` after `bench` lists samtal-bench's flags)
  fuzz-api [--long]  the release server, then schemathesis against /api/openapi.json of a
                     demo, as a member and as an org admin: no 5xx, every answer as documented";

/// `--skip a --skip b,c` → `[a, b, c]`; `None` for anything else.
fn skipped_steps(args: &[&str]) -> Option<Vec<String>> {
    let mut skip = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match *arg {
            "--skip" => skip.extend(args.next()?.split(',').map(str::to_owned)),
            _ => return None,
        }
    }
    Some(skip)
}

/// `[--bind ADDR] [--oidc]` in any order → the address and whether to use OIDC.
fn run_args<'a>(args: &[&'a str]) -> Option<(&'a str, bool)> {
    let (mut bind, mut oidc) = ("127.0.0.1:8080", false);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match *arg {
            "--bind" => bind = args.next()?,
            "--oidc" => oidc = true,
            _ => return None,
        }
    }
    Some((bind, oidc))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["setup"] => setup::setup(),
        ["build"] => build::build().map(|_| ()),
        ["run", rest @ ..] => match run_args(rest) {
            Some((bind, oidc)) => run::run(bind, oidc),
            None => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        },
        ["bench", rest @ ..] => bench::bench(rest),
        ["cluster"] => cluster::cluster(),
        ["fuzz-api"] => fuzz::fuzz_api(false),
        ["fuzz-api", "--long"] => fuzz::fuzz_api(true),
        ["test", rest @ ..] => match skipped_steps(rest) {
            Some(skip) => test::test(&skip),
            None => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        },
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            Ok(())
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("\nerror: {err:#}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_lists_accept_repeats_and_commas() {
        assert_eq!(skipped_steps(&[]), Some(vec![]));
        assert_eq!(
            skipped_steps(&["--skip", "e2e", "--skip", "fmt,clippy"]),
            Some(vec!["e2e".into(), "fmt".into(), "clippy".into()])
        );
        assert_eq!(skipped_steps(&["--skip"]), None);
        assert_eq!(skipped_steps(&["--fast"]), None);
    }

    #[test]
    fn unknown_steps_are_refused_before_anything_runs() {
        let err = test::test(&["lint".to_owned()]).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("no step called `lint`"), "{err}");
    }
}
