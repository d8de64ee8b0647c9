//! kill -9 in the middle of concurrent sends, uploads, directory imports and
//! group conversions, then a restart on the same data, three times over:
//! every request that got a 2xx is there exactly once, no import or
//! conversion is half done, and a client resuming its event stream from its
//! cursor misses nothing and sees nothing twice. A real server process, on
//! SQLite (or the suite's PostgreSQL with `SAMTAL_TEST_DATABASE=postgres`).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod common_messages;

use std::collections::{HashMap, HashSet};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::Client;
use common_messages::{Org, join_org, png};
use serde_json::{Value, json};
use tokio::sync::Mutex;

const ROUNDS: usize = 3;
const IMPORT_ROWS: usize = 40;

/// A `samtal-server serve` process over a data directory that outlives it.
struct Server {
    child: Option<Child>,
    port: u16,
    data: std::path::PathBuf,
    database: Option<String>,
}

impl Server {
    fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    async fn start(&mut self) {
        let mut command = Command::new(env!("CARGO_BIN_EXE_samtal-server"));
        command
            .args(["serve", "--bind", &format!("127.0.0.1:{}", self.port), "--operators", "operator"])
            .args(["--limit-sends", "off", "--limit-uploads", "off"])
            .arg("--data")
            .arg(&self.data)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if let Some(url) = &self.database {
            command.args(["--database-url", url]);
        }
        self.child = Some(command.spawn().unwrap());
        for _ in 0..400 {
            if let Ok(response) = reqwest::get(format!("{}/api/me", self.base())).await
                && response.status() == 401
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("the server did not come up");
    }

    fn kill_9(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().unwrap();
            child.wait().unwrap();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill_9();
    }
}

/// A browser-like client of `base` with its own cookie jar.
fn browser(base: &str) -> Client {
    Client {
        http: reqwest::Client::builder().cookie_store(true).timeout(Duration::from_secs(10)).build().unwrap(),
        base: base.to_owned(),
    }
}

async fn sign_up(base: &str, handle: &str) -> Client {
    let client = browser(base);
    let (status, body) = client
        .post("/api/auth/signup", json!({"handle": handle, "display_name": handle, "password": "password123"}))
        .await;
    assert_eq!(status, 201, "{body}");
    client
}

/// A POST that may meet a dead server: `None` when no answer came.
async fn try_post(client: &Client, path: &str, content_type: &str, body: Vec<u8>) -> Option<(u16, Value)> {
    let response = client
        .http
        .post(format!("{}{path}", client.base))
        .header("X-Samtal-Request", "1")
        .header("Content-Type", content_type)
        .body(body)
        .send()
        .await
        .ok()?;
    let status = response.status().as_u16();
    let text = response.text().await.ok()?;
    Some((status, serde_json::from_str(&text).unwrap_or(Value::Null)))
}

/// What was acknowledged, and what was in flight when the server died.
#[derive(Default)]
struct Ledger {
    /// client_id → message id, for every 2xx send.
    sends: HashMap<String, i64>,
    /// client_ids sent without an answer.
    unanswered_sends: Vec<String>,
    /// attachment id → bytes, for every 2xx upload.
    uploads: HashMap<i64, Vec<u8>>,
    /// Import batch prefixes: acknowledged, and unanswered.
    imports: Vec<String>,
    unanswered_imports: Vec<String>,
    /// Groups converted with a 2xx, and groups whose conversion got no answer.
    conversions: Vec<i64>,
    unanswered_conversions: Vec<i64>,
}

/// Everything `client` can read of `conv`, in order.
async fn stored(client: &Client, conv: i64) -> Vec<Value> {
    let mut all = Vec::new();
    let mut after = 0;
    loop {
        let (status, page) = client.get(&format!("/api/conversations/{conv}/messages?after={after}&limit=200")).await;
        assert_eq!(status, 200, "{page}");
        let messages = page["messages"].as_array().unwrap().clone();
        let Some(last) = messages.last() else { return all };
        after = last["seq"].as_i64().unwrap();
        all.extend(messages);
    }
}

/// Reads `person`'s events after `cursor` by `GET /api/sync` until none
/// are left; answers the events and the new cursor.
async fn events_after(client: &Client, mut cursor: i64) -> (Vec<Value>, i64) {
    let mut all = Vec::new();
    loop {
        let (status, body) = client.get(&format!("/api/sync?since={cursor}")).await;
        assert_eq!(status, 200, "{body}");
        let events = body["events"].as_array().unwrap().clone();
        if events.is_empty() {
            return (all, cursor);
        }
        for event in &events {
            let id = event["id"].as_i64().unwrap();
            assert!(id > cursor, "event {id} came again or out of order (cursor {cursor})");
            cursor = id;
        }
        all.extend(events);
    }
}

#[tokio::test]
async fn kill_9_mid_sends_uploads_imports_and_conversions_loses_nothing_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = samtal_server::Config::for_data_dir(dir.path().join("data"));
    common::common_db::use_test_database(&mut config).await;
    let database = config.database_url.as_ref().map(ToString::to_string);
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut server = Server { child: None, port, data: config.data_dir.clone(), database };
    server.start().await;
    let base = server.base();

    let op = sign_up(&base, "operator").await;
    let anna = sign_up(&base, "anna").await;
    let bo = sign_up(&base, "bob").await;
    let (_, org) = op.post("/api/orgs", json!({"name": "Acme", "domain": "acme.test", "description": ""})).await;
    let org = Org { id: org["id"].as_i64().unwrap(), domain: "acme.test".to_owned() };
    join_org(&op, &org, &op, "op", true).await;
    join_org(&op, &org, &anna, "anna", false).await;
    join_org(&op, &org, &bo, "bob", false).await;
    // Bob's stream, from before the chat begins: where he had read to before each crash.
    let (_, mut bob_cursor) = events_after(&bo, 0).await;
    let mut bob_messages: Vec<i64> = Vec::new();
    let bo_id = bo.id().await;
    let (status, contact) = anna.post("/api/contacts", json!({"person_id": bo_id})).await;
    assert!(status.is_success(), "{contact}");
    let (status, contact) = op.post("/api/contacts", json!({"person_id": anna.id().await})).await;
    assert!(status.is_success(), "{contact}");
    let (_, chat) = anna.post("/api/conversations/chats", json!({"person_id": bo_id, "scope": "private"})).await;
    let chat = chat["id"].as_i64().unwrap();

    let ledger = Arc::new(Mutex::new(Ledger::default()));
    let mut figures = Vec::new();
    for round in 0..ROUNDS {
        let in_flight_before = {
            let ledger = ledger.lock().await;
            (ledger.unanswered_imports.len(), ledger.unanswered_conversions.len())
        };
        let acked = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        // Two senders; every fourth message carries a photo.
        for (who, name) in [(anna.clone(), "anna"), (bo.clone(), "bob")] {
            let (ledger, acked) = (ledger.clone(), acked.clone());
            tasks.push(tokio::spawn(async move {
                for n in 0.. {
                    let client_id = format!("r{round}-{name}-{n}");
                    let mut body = json!({"text": client_id, "client_id": client_id});
                    if n % 4 == 0 {
                        let mut bytes = png();
                        bytes.extend(client_id.as_bytes());
                        let path = format!("/api/conversations/{chat}/attachments?name=p.png");
                        match try_post(&who, &path, "image/png", bytes.clone()).await {
                            Some((201, attachment)) => {
                                let id = attachment["id"].as_i64().unwrap();
                                ledger.lock().await.uploads.insert(id, bytes);
                                body["attachment_id"] = json!(id);
                            }
                            _ => return,
                        }
                    }
                    let sent = who
                        .http
                        .post(format!("{}/api/conversations/{chat}/messages", who.base))
                        .header("X-Samtal-Request", "1")
                        .json(&body)
                        .send()
                        .await;
                    match sent {
                        Ok(response) if response.status().is_success() => {
                            let message: Value = response.json().await.unwrap();
                            ledger.lock().await.sends.insert(client_id, message["id"].as_i64().unwrap());
                            acked.fetch_add(1, Ordering::SeqCst);
                        }
                        Ok(response) => panic!("refused: {} {}", response.status(), response.text().await.unwrap()),
                        Err(_) => {
                            ledger.lock().await.unanswered_sends.push(client_id);
                            return;
                        }
                    }
                }
            }));
        }
        // Directory imports of IMPORT_ROWS entries each.
        {
            let (op, ledger, org_id) = (op.clone(), ledger.clone(), org.id);
            tasks.push(tokio::spawn(async move {
                for batch in 0.. {
                    let prefix = format!("imp{round}x{batch}y");
                    let entries: Vec<Value> = (0..IMPORT_ROWS)
                        .map(|i| {
                            json!({"email": format!("{prefix}{i}@acme.test"), "alias": format!("{prefix}{i}"),
                                        "display_name": format!("Imported {i}")})
                        })
                        .collect();
                    let response = op
                        .http
                        .post(format!("{}/api/admin/orgs/{org_id}/directory", op.base))
                        .header("X-Samtal-Request", "1")
                        .json(&json!({"entries": entries}))
                        .send()
                        .await;
                    match response {
                        Ok(response) if response.status().is_success() => ledger.lock().await.imports.push(prefix),
                        Ok(response) => panic!("import refused: {}", response.text().await.unwrap()),
                        Err(_) => {
                            ledger.lock().await.unanswered_imports.push(prefix);
                            return;
                        }
                    }
                }
            }));
        }
        // Private groups made and converted into organization groups.
        {
            let (op, ledger, anna_id) = (op.clone(), ledger.clone(), anna.id().await);
            tasks.push(tokio::spawn(async move {
                for n in 0.. {
                    let body = json!({"title": format!("g{round}-{n}"), "member_ids": [anna_id]});
                    let Some((201, group)) =
                        try_post(&op, "/api/conversations/groups", "application/json", body.to_string().into_bytes())
                            .await
                    else {
                        return;
                    };
                    let group = group["id"].as_i64().unwrap();
                    let response = op
                        .http
                        .post(format!("{}/api/conversations/{group}/add-to-organization", op.base))
                        .header("X-Samtal-Request", "1")
                        .json(&json!({}))
                        .send()
                        .await;
                    match response {
                        Ok(response) if response.status().is_success() => ledger.lock().await.conversions.push(group),
                        Ok(response) => panic!("conversion refused: {}", response.text().await.unwrap()),
                        Err(_) => {
                            ledger.lock().await.unanswered_conversions.push(group);
                            return;
                        }
                    }
                }
            }));
        }

        while acked.load(Ordering::SeqCst) < 30 + round * 7 {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        server.kill_9();
        let acked_this_round = acked.load(Ordering::SeqCst);
        for task in tasks {
            task.await.unwrap();
        }
        server.start().await;

        // Sends in flight are retried with their client_id, as the outbox does:
        // each ends up stored once, whether or not it had been.
        let unanswered: Vec<String> = std::mem::take(&mut ledger.lock().await.unanswered_sends);
        for client_id in &unanswered {
            let who = if client_id.contains("-anna-") { &anna } else { &bo };
            let (status, message) = who
                .post(
                    &format!("/api/conversations/{chat}/messages"),
                    json!({"text": client_id, "client_id": client_id}),
                )
                .await;
            assert!(status.is_success(), "{message}");
            ledger.lock().await.sends.insert(client_id.clone(), message["id"].as_i64().unwrap());
        }

        let ledger = ledger.lock().await;
        let messages = stored(&bo, chat).await;
        let seqs: Vec<i64> = messages.iter().map(|m| m["seq"].as_i64().unwrap()).collect();
        assert!(seqs.windows(2).all(|w| w[1] == w[0] + 1), "seq is dense: {seqs:?}");
        let mut by_client: HashMap<String, i64> = HashMap::new();
        for message in messages.iter().filter(|m| m["client_id"].is_string()) {
            let client_id = message["client_id"].as_str().unwrap().to_owned();
            assert!(by_client.insert(client_id, message["id"].as_i64().unwrap()).is_none(), "{message} stored twice");
        }
        assert_eq!(by_client, ledger.sends, "what was acknowledged is stored, once");

        // Every acknowledged upload still has its bytes.
        for (id, bytes) in &ledger.uploads {
            let who = [&anna, &bo];
            let mut found = false;
            for client in who {
                let response = client.http.get(format!("{}/api/attachments/{id}", client.base)).send().await.unwrap();
                if response.status() == 200 {
                    assert_eq!(&response.bytes().await.unwrap()[..], &bytes[..], "attachment {id}");
                    found = true;
                    break;
                }
            }
            assert!(found, "acknowledged upload {id} is there");
        }

        // Imports: all of a batch or none of it; acknowledged ones all.
        for (prefix, acknowledged) in
            ledger.imports.iter().map(|p| (p, true)).chain(ledger.unanswered_imports.iter().map(|p| (p, false)))
        {
            let (status, found) = op.get(&format!("/api/admin/orgs/{}/directory?q={prefix}", org.id)).await;
            assert_eq!(status, 200, "{found}");
            let count = found.as_array().map_or_else(|| found["entries"].as_array().unwrap().len(), Vec::len);
            assert!(count == 0 || count == IMPORT_ROWS, "import {prefix} half done: {count} of {IMPORT_ROWS}");
            assert!(!acknowledged || count == IMPORT_ROWS, "acknowledged import {prefix} has {count} rows");
        }

        // Conversions: an org group with its note, or a private group without one.
        for (group, acknowledged) in ledger
            .conversions
            .iter()
            .map(|g| (*g, true))
            .chain(ledger.unanswered_conversions.iter().map(|g| (*g, false)))
        {
            let (status, detail) = op.get(&format!("/api/conversations/{group}")).await;
            assert_eq!(status, 200, "{detail}");
            let converted = detail["scope"] == "org";
            assert!(!acknowledged || converted, "acknowledged conversion of {group}: {detail}");
            let notes = stored(&op, group).await;
            let has_note = notes.iter().any(|m| m["system"]["type"] == "converted");
            assert_eq!(converted, has_note, "group {group}: scope and note agree");
        }

        // Bob resumes from his cursor: every message once, none missing.
        let (events, cursor) = events_after(&bo, bob_cursor).await;
        bob_cursor = cursor;
        for event in &events {
            if event["event"]["type"] == "message_created" && event["event"]["message"]["conversation_id"] == chat {
                bob_messages.push(event["event"]["message"]["id"].as_i64().unwrap());
            }
        }
        let stored_ids: Vec<i64> = messages.iter().map(|m| m["id"].as_i64().unwrap()).collect();
        let unique: HashSet<i64> = bob_messages.iter().copied().collect();
        assert_eq!(unique.len(), bob_messages.len(), "no event twice");
        assert_eq!(bob_messages, stored_ids, "the stream holds every stored message, in order");

        figures.push(format!(
            "round {round}: killed after {acked_this_round} sends acknowledged this round, with {} sends, {} imports \
             and {} conversions in flight (the sends retried); {} sends, {} uploads, {} imports, {} conversions \
             acknowledged in all; {} stored; 0 lost",
            unanswered.len(),
            ledger.unanswered_imports.len() - in_flight_before.0,
            ledger.unanswered_conversions.len() - in_flight_before.1,
            ledger.sends.len(),
            ledger.uploads.len(),
            ledger.imports.len(),
            ledger.conversions.len(),
            by_client.len(),
        ));
    }
    for line in figures {
        println!("{line}");
    }
    server.kill_9();
    common::common_db::drop_test_database(&config);
}
