//! The `samtal-server` command line: `serve` settings from flags and the
//! environment, graceful shutdown, the provisioning commands, and the demo.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::*;
use samtal_server::cli::client::InProcess;
use samtal_server::cli::demo;
use samtal_server::{AppState, Config};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_samtal-server");

/// The command with a clean environment of Samtal settings.
fn samtal(args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args).env("NO_COLOR", "1").env("RUST_LOG", "info");
    for var in [
        "SAMTAL_DATA",
        "SAMTAL_BIND",
        "SAMTAL_DIST",
        "SAMTAL_OPERATORS",
        "SAMTAL_SMTP_URL",
        "SAMTAL_PUBLIC_URL",
        "SAMTAL_MAIL_DELAY",
        "SAMTAL_ADMIN_PASSWORD",
        "SAMTAL_DATABASE_URL",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

/// Runs a command to completion.
fn output(mut cmd: Command) -> (bool, String, String) {
    let Output { status, stdout, stderr } = cmd.output().unwrap();
    (status.success(), String::from_utf8_lossy(&stdout).into_owned(), String::from_utf8_lossy(&stderr).into_owned())
}

/// A running server process, stopped with SIGTERM when dropped.
struct Running {
    child: Child,
    addr: SocketAddr,
    stderr: mpsc::Receiver<String>,
    stdout: std::thread::JoinHandle<String>,
}

impl Running {
    /// Starts `cmd` and waits for it to log the address it listens on.
    fn start(mut cmd: Command) -> Running {
        let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let stderr = child.stderr.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stdout = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap_or_default());
        let mut seen = Vec::new();
        let addr = loop {
            let line = rx.recv_timeout(Duration::from_secs(120)).unwrap_or_else(|_| {
                let _ = child.kill();
                panic!("the server did not say where it listens:\n{}", seen.join("\n"))
            });
            if let Some(rest) = line.split("listening on http://").nth(1) {
                break rest.split_whitespace().next().unwrap().parse().unwrap();
            }
            seen.push(line);
        };
        Running { child, addr, stderr: rx, stdout }
    }

    fn client(&self) -> Client {
        Client {
            http: reqwest::Client::builder().cookie_store(true).build().unwrap(),
            base: format!("http://{}", self.addr),
        }
    }

    /// Sends SIGTERM and waits for a clean exit; returns stdout and the rest of stderr.
    fn terminate(mut self) -> (String, String) {
        let status = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().unwrap();
        assert!(status.success());
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        let exit = loop {
            if let Some(exit) = self.child.try_wait().unwrap() {
                break exit;
            }
            assert!(std::time::Instant::now() < deadline, "no exit within 20 s of SIGTERM");
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(exit.success(), "exit status {exit}");
        // The reader thread may still be forwarding the last lines: read
        // until it hangs up, at the end of the exited child's stderr.
        let stderr: Vec<String> = self.stderr.iter().collect();
        let stdout = std::mem::replace(&mut self.stdout, std::thread::spawn(String::new)).join().unwrap();
        (stdout, stderr.join("\n"))
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[tokio::test]
async fn serve_takes_its_settings_from_the_environment_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = samtal(&["serve"]);
    cmd.env("SAMTAL_DATA", dir.path().join("data"))
        .env("SAMTAL_BIND", "127.0.0.1:0")
        .env("SAMTAL_OPERATORS", "Boss, Oper")
        .env("SAMTAL_MAIL_DELAY", "30s")
        .env("SAMTAL_PUBLIC_URL", "https://samtal.example/");
    let server = Running::start(cmd);
    assert!(dir.path().join("data").join("samtal.db").exists(), "the data directory comes from SAMTAL_DATA");

    let c = server.client();
    let (status, _) = c.get("/api/openapi.json").await;
    assert_eq!(status, 200);
    // Operators come from SAMTAL_OPERATORS (trimmed, any case).
    let (status, body) =
        c.post("/api/auth/signup", json!({"handle": "oper", "display_name": "Oper", "password": "password123"})).await;
    assert_eq!(status, 201, "{body}");
    let (status, body) =
        c.post("/api/orgs", json!({"name": "Acme", "domain": "acme.example", "description": "Ours."})).await;
    assert_eq!(status, 201, "{body}");
    // A public https URL makes the session cookie Secure.
    let resp = reqwest::Client::new()
        .post(format!("http://{}/api/auth/login", server.addr))
        .header("X-Samtal-Request", "1")
        .json(&json!({"handle": "oper", "password": "password123"}))
        .send()
        .await
        .unwrap();
    let cookie = resp.headers().get("set-cookie").unwrap().to_str().unwrap().to_owned();
    assert!(cookie.contains("Secure"), "{cookie}");

    let (_, stderr) = server.terminate();
    assert!(stderr.contains("Samtal stopped"), "{stderr}");
}

#[tokio::test]
async fn flags_win_over_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("from-flag");
    let mut cmd = samtal(&["serve", "--data", data.to_str().unwrap(), "--bind", "127.0.0.1:0", "--operators", "a,b"]);
    cmd.env("SAMTAL_DATA", dir.path().join("from-env")).env("SAMTAL_BIND", "127.0.0.1:1");
    let server = Running::start(cmd);
    assert!(data.join("samtal.db").exists());
    assert!(!dir.path().join("from-env").exists());
    let (status, _) = server.client().get("/api/openapi.json").await;
    assert_eq!(status, 200);
    server.terminate();
}

#[test]
fn bad_settings_are_refused_with_a_clear_message() {
    let (ok, _, stderr) = output(samtal(&["serve", "--mail-delay", "soon"]));
    assert!(!ok);
    assert!(stderr.contains("not a delay like 15m"), "{stderr}");

    let mut cmd = samtal(&["serve"]);
    cmd.env("SAMTAL_BIND", "not-an-address");
    let (ok, _, stderr) = output(cmd);
    assert!(!ok);
    assert!(stderr.contains("--bind"), "{stderr}");

    let (ok, _, stderr) = output(samtal(&["create-org", "--data", "/nonexistent", "--operator", "oper"]));
    assert!(!ok, "missing --name, --domain and the password");
    assert!(stderr.contains("--name") && stderr.contains("--password"), "{stderr}");

    let (ok, stdout, _) = output(samtal(&["--help"]));
    assert!(ok);
    for command in ["serve", "demo", "create-org", "import-directory"] {
        assert!(stdout.contains(command), "{stdout}");
    }
}

#[test]
fn the_demo_never_overwrites_a_data_directory_it_did_not_make() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("precious.txt"), "keep me").unwrap();
    let data = dir.path().to_str().unwrap();

    let (ok, _, stderr) = output(samtal(&["demo", "--data", data]));
    assert!(!ok);
    assert!(stderr.contains("is not empty") && stderr.contains("--reset"), "{stderr}");

    let (ok, _, stderr) = output(samtal(&["demo", "--data", data, "--reset"]));
    assert!(!ok);
    assert!(stderr.contains("refusing to delete"), "{stderr}");
    assert_eq!(std::fs::read_to_string(dir.path().join("precious.txt")).unwrap(), "keep me");
}

/// Signs `handle` up (password `password123`) in the test database of the
/// data directory `data`, answering its settings.
async fn sign_up_in(data: &Path, handle: &str) -> Config {
    let mut config = Config::for_data_dir(data);
    common_db::use_test_database(&mut config).await;
    let store = samtal_server::store::open(config.database_url.as_ref(), data).await.unwrap();
    let state = AppState::new(config.clone(), store).unwrap();
    let mut client = InProcess::new(samtal_server::app(state));
    let body = json!({"handle": handle, "display_name": display(handle), "password": "password123"});
    let _: Value = client.post("sign up", "/api/auth/signup", &body).await.unwrap();
    config
}

/// A command of the server binary on `config`'s database: the test's own
/// PostgreSQL database when there is one (`SAMTAL_DATABASE_URL`).
fn samtal_on(config: &Config, args: &[&str]) -> Command {
    let mut cmd = samtal(args);
    if let Some(url) = &config.database_url {
        cmd.env("SAMTAL_DATABASE_URL", url.to_string());
    }
    cmd
}

#[tokio::test]
async fn create_org_and_import_directory_provision_through_the_api() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = sign_up_in(&data, "oper").await;
    let data_arg = data.to_str().unwrap();

    // A wrong password is refused; nothing is created.
    let mut cmd = samtal_on(
        &db,
        &["create-org", "--data", data_arg, "--operator", "oper", "--name", "Acme", "--domain", "acme.example"],
    );
    cmd.env("SAMTAL_ADMIN_PASSWORD", "wrong-password");
    let (ok, _, stderr) = output(cmd);
    assert!(!ok);
    assert!(stderr.contains("could not sign in as oper") && stderr.contains("invalid_credentials"), "{stderr}");

    let mut cmd = samtal_on(
        &db,
        &[
            "create-org",
            "--data",
            data_arg,
            "--operator",
            "oper",
            "--name",
            "Acme",
            "--domain",
            "acme.example",
            "--description",
            "Acme owns its conversations.",
        ],
    );
    cmd.env("SAMTAL_ADMIN_PASSWORD", "password123");
    let (ok, stdout, stderr) = output(cmd);
    assert!(ok, "{stdout}\n{stderr}");
    assert!(stdout.contains("Created organization Acme (acme.example)"), "{stdout}");

    // The API's own checks apply: the domain is taken now.
    let mut again = samtal_on(
        &db,
        &["create-org", "--data", data_arg, "--operator", "oper", "--name", "Acme 2", "--domain", "acme.example"],
    );
    again.env("SAMTAL_ADMIN_PASSWORD", "password123");
    let (ok, _, stderr) = output(again);
    assert!(!ok);
    assert!(stderr.contains("409"), "{stderr}");

    let csv = dir.path().join("people.csv");
    std::fs::write(
        &csv,
        "email,alias,display_name,designation,department,is_admin,password\n\
         ada@acme.example,ada,Ada Berg,Engineer,R&D,false,given-password\n\
         bo@acme.example,bo,Bo Ek,Analyst,Finance,false,\n\
         not-an-email,x,X,,,false,\n",
    )
    .unwrap();
    let mut cmd = samtal_on(
        &db,
        &[
            "import-directory",
            "--data",
            data_arg,
            "--admin",
            "oper",
            "--org-domain",
            "ACME.example",
            "--file",
            csv.to_str().unwrap(),
            "--password",
            "password123",
        ],
    );
    cmd.env("SAMTAL_ADMIN_PASSWORD", "ignored-when-the-flag-is-given");
    let (ok, stdout, stderr) = output(cmd);
    assert!(!ok, "one row failed, so the command fails:\n{stdout}\n{stderr}");
    assert!(stdout.contains("2 of 3 rows imported"), "{stdout}");
    let line = |email: &str| stdout.lines().find(|l| l.contains(email)).unwrap().to_owned();
    assert!(line("ada@acme.example").contains("directory_entry_id="));
    assert!(line("ada@acme.example").contains("initial_password=(as given)"));
    assert!(line("not-an-email").contains("not imported"));
    let bo = line("bo@acme.example");
    let generated = bo.split("initial_password=").nth(1).unwrap().trim().to_owned();
    assert!(generated.len() >= 12, "{bo}");

    // A JSON file (bare array) works too.
    let json_file = dir.path().join("more.json");
    std::fs::write(
        &json_file,
        json!([{"email": "cy@acme.example", "alias": "cy", "display_name": "Cy Lund", "password": "cy-password"}])
            .to_string(),
    )
    .unwrap();
    let mut cmd = samtal_on(
        &db,
        &[
            "import-directory",
            "--data",
            data_arg,
            "--admin",
            "oper",
            "--org-domain",
            "acme.example",
            "--file",
            json_file.to_str().unwrap(),
        ],
    );
    cmd.env("SAMTAL_ADMIN_PASSWORD", "password123");
    let (ok, stdout, stderr) = output(cmd);
    assert!(ok, "{stdout}\n{stderr}");
    assert!(stdout.contains("1 of 1 rows imported"), "{stdout}");

    // An organization the person does not administer is refused.
    let mut cmd = samtal_on(
        &db,
        &[
            "import-directory",
            "--data",
            data_arg,
            "--admin",
            "oper",
            "--org-domain",
            "other.example",
            "--file",
            json_file.to_str().unwrap(),
        ],
    );
    cmd.env("SAMTAL_ADMIN_PASSWORD", "password123");
    let (ok, _, stderr) = output(cmd);
    assert!(!ok);
    assert!(stderr.contains("not an admin of an organization with the domain other.example"), "{stderr}");

    // The provisioned work accounts work: Bo signs in with the generated password.
    let mut config = db.clone();
    config.operators = vec!["oper".into()];
    let server = TestServer::start_config(dir, config).await;
    let bo_person = server.person("boel").await;
    let (status, body) =
        bo_person.post("/api/me/work-account", json!({"email": "bo@acme.example", "password": generated})).await;
    assert_eq!(status, 200, "{body}");
    let (_, me) = bo_person.get("/api/me").await;
    assert_eq!(me["work_account"]["org_name"], "Acme");
}

/// Seeds the demo into a fresh temporary directory and serves it.
async fn demo_server() -> (TestServer, demo::Seeded) {
    let dir = tempfile::tempdir().unwrap();
    demo::prepare_data_dir(dir.path(), false).unwrap();
    let mut config = demo::demo_config(Config::for_data_dir(dir.path()));
    common_db::use_test_database(&mut config).await;
    let store = samtal_server::store::open(config.database_url.as_ref(), dir.path()).await.unwrap();
    let state = AppState::new(config.clone(), store).unwrap();
    let seeded = demo::seed(&state).await.unwrap_or_else(|e| panic!("{e:#}"));
    (TestServer::start_config(dir, config).await, seeded)
}

/// Signs in as a demo person.
async fn demo_login(server: &TestServer, handle: &str) -> Client {
    let c = server.client();
    let (status, body) = c.post("/api/auth/login", json!({"handle": handle, "password": demo::DEMO_PASSWORD})).await;
    assert_eq!(status, 200, "{handle}: {body}");
    c
}

/// The viewer's conversation list.
async fn conversations(c: &Client) -> Vec<Value> {
    let (status, list) = c.get("/api/conversations").await;
    assert_eq!(status, 200, "{list}");
    list.as_array().unwrap().clone()
}

fn find(list: &[Value], id: samtal_core::ConversationId) -> Option<&Value> {
    list.iter().find(|c| c["id"].as_i64() == Some(id.0))
}

#[tokio::test]
async fn the_demo_seeds_every_scenario_through_the_api() {
    let (server, seeded) = demo_server().await;
    let conv = |name: &str| *seeded.conversations.get(name).unwrap_or_else(|| panic!("no {name}"));
    assert!(seeded.entries.len() >= 50);

    // A step the server refuses stops the demo, naming the step and the answer.
    let error = format!("{:#}", demo::seed(&server.state).await.unwrap_err());
    assert!(error.contains("step \"Astrid Admin signs up as admin\" failed"), "{error}");
    assert!(error.contains("POST /api/auth/signup answered 409") && error.contains("handle_taken"), "{error}");

    // The admin sees both org groups in the portal, and never the private one.
    let admin = demo_login(&server, "admin").await;
    let (status, groups) = admin.get(&format!("/api/admin/orgs/{}/groups", seeded.nordvik)).await;
    assert_eq!(status, 200, "{groups}");
    let groups = groups.as_array().unwrap();
    let group = |title: &str| groups.iter().find(|g| g["title"] == title).unwrap_or_else(|| panic!("{title}"));
    assert_eq!(group(demo::OPERATIONS_GROUP)["created_via"], "portal");
    assert!(group(demo::OPERATIONS_GROUP)["converted_at"].is_null());
    assert_eq!(group(demo::AURORA_GROUP)["created_via"], "app");
    assert!(group(demo::AURORA_GROUP)["converted_at"].is_i64());
    assert!(groups.iter().all(|g| g["title"] != demo::FRIENDS_GROUP), "private groups stay private");
    let operations = group(demo::OPERATIONS_GROUP);
    let members = operations["members"].as_array().unwrap();
    assert!(
        members.iter().any(|m| m["person_id"].is_null() && m["display_name"] == "Maja Nyberg"),
        "the entry not yet on Samtal is a member: {operations}"
    );
    assert!(members.iter().any(|m| m["display_name"] == "Lena Fjord"), "the partner is a member");
    let (_, directory) = admin.get(&format!("/api/admin/orgs/{}/directory", seeded.nordvik)).await;
    let directory = directory.as_array().unwrap();
    assert!(directory.len() >= 50);
    let maja = directory.iter().find(|e| e["email"] == demo::NOT_YET_JOINED_EMAIL).unwrap();
    assert!(maja["person_id"].is_null());
    let (_, me) = admin.get("/api/me").await;
    assert_eq!(me["work_account"]["email"], "astrid.admin@nordvik.example");
    assert_eq!(me["operator"], true);

    // Erik sees the org chat and the private chat with Sara side by side.
    let erik = demo_login(&server, "erik").await;
    let list = conversations(&erik).await;
    let org_chat = find(&list, conv("org chat erik-sara")).expect("the org chat");
    let private_chat = find(&list, conv("private chat erik-sara")).expect("the private chat");
    assert_eq!((&org_chat["kind"], &org_chat["scope"]), (&json!("chat"), &json!("org")));
    assert_eq!(org_chat["owner_org"]["name"], demo::NORDVIK_NAME);
    assert_eq!((&private_chat["kind"], &private_chat["scope"]), (&json!("chat"), &json!("private")));
    assert!(private_chat["owner_org"].is_null());
    for name in [demo::AURORA_GROUP, demo::OPERATIONS_GROUP, demo::FRIENDS_GROUP] {
        assert!(find(&list, conv(name)).is_some(), "erik is in {name}");
    }
    assert_eq!(find(&list, conv(demo::AURORA_GROUP)).unwrap()["scope"], "org");
    assert_eq!(find(&list, conv(demo::FRIENDS_GROUP)).unwrap()["scope"], "private");

    // Project Aurora has messages from before and after its conversion.
    let (status, page) = erik.get(&format!("/api/conversations/{}/messages?limit=200", conv(demo::AURORA_GROUP))).await;
    assert_eq!(status, 200, "{page}");
    let owners: Vec<&str> = page["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] == "text")
        .map(|m| m["owner"]["type"].as_str().unwrap())
        .collect();
    assert_eq!(owners, ["participants", "participants", "participants", "org", "org", "org"]);

    // Kim has only the private group, with its messages.
    let kim = demo_login(&server, "kim").await;
    let list = conversations(&kim).await;
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0]["title"], demo::FRIENDS_GROUP);
    assert!(list.iter().all(|c| c["scope"] == "private"));
    let (_, page) = kim.get(&format!("/api/conversations/{}/messages", conv(demo::FRIENDS_GROUP))).await;
    assert!(page["messages"].as_array().unwrap().iter().filter(|m| m["kind"] == "text").count() >= 4);

    // Lena, from the partner organization, is in the Nordvik-owned group.
    let lena = demo_login(&server, "lena").await;
    let list = conversations(&lena).await;
    let ops = find(&list, conv(demo::OPERATIONS_GROUP)).expect("lena is in Nordvik Operations");
    assert_eq!(ops["owner_org"]["name"], demo::NORDVIK_NAME);
    let (_, me) = lena.get("/api/me").await;
    assert_eq!(me["work_account"]["org_name"], demo::FJORD_NAME);

    // Maja, once she signs up and links her work account, finds what waited for her.
    let maja = server.person("maja").await;
    let (status, body) = maja
        .post("/api/me/work-account", json!({"email": demo::NOT_YET_JOINED_EMAIL, "password": demo::WORK_PASSWORD}))
        .await;
    assert_eq!(status, 200, "{body}");
    let list = conversations(&maja).await;
    assert!(find(&list, conv(demo::OPERATIONS_GROUP)).is_some());
    assert!(find(&list, conv("org chat jonas-maja")).is_some());
}

#[tokio::test]
async fn the_demo_command_seeds_prints_the_sign_in_table_and_serves() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("demo");
    let cmd = samtal(&["demo", "--data", data.to_str().unwrap(), "--serve", "--bind", "127.0.0.1:0"]);
    let server = Running::start(cmd);
    let c = server.client();
    let (status, body) = c.post("/api/auth/login", json!({"handle": "sara", "password": "demo-password"})).await;
    assert_eq!(status, 200, "{body}");
    let (status, list) = c.get("/api/conversations").await;
    assert_eq!(status, 200);
    assert!(list.as_array().unwrap().len() >= 4, "{list}");
    let (stdout, _) = server.terminate();
    for text in
        ["admin", "erik", "sara", "jonas", "lena", "kim", "demo-password", "work-password", demo::NOT_YET_JOINED_EMAIL]
    {
        assert!(stdout.contains(text), "{text} in\n{stdout}");
    }

    // Seeding again needs --reset, which starts the demo over.
    let (ok, _, stderr) = output(samtal(&["demo", "--data", data.to_str().unwrap()]));
    assert!(!ok);
    assert!(stderr.contains("--reset"), "{stderr}");
    let (ok, stdout, stderr) = output(samtal(&["demo", "--data", data.to_str().unwrap(), "--reset"]));
    assert!(ok, "{stdout}\n{stderr}");
    assert!(stdout.contains("samtal-server serve --data"), "{stdout}");
}
