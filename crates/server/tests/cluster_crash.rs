//! kill -9 of one instance in the middle of a load: senders switch to the
//! other, and every message acknowledged by either is stored exactly once,
//! in order, and delivered to every receiver, who resume from their cursors
//! with no gap and no repeat. Real server processes on one PostgreSQL
//! database, with NATS between them.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod common_cluster;
mod common_conversations;

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use common::Client;
use common_cluster::{nats_url, shared_database};
use futures::StreamExt;
use serde_json::{Value, json};
use tokio::sync::Mutex;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

const SENDERS: usize = 4;
const PER_SENDER: usize = 40;

/// A `samtal-server serve` process.
struct Process {
    child: Child,
    base: String,
    _dir: tempfile::TempDir,
}

impl Process {
    async fn start(database: &str) -> Process {
        let dir = tempfile::tempdir().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(env!("CARGO_BIN_EXE_samtal-server"))
            .args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--database-url", database])
            .args(["--nats-url", &nats_url(), "--poll-every", "500ms"])
            .arg("--data")
            .arg(dir.path())
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Owned at once, so a panic below still reaps it.
        let process = Process { child, base: format!("http://127.0.0.1:{port}"), _dir: dir };
        for _ in 0..200 {
            if let Ok(response) = reqwest::get(format!("{}/api/me", process.base)).await
                && response.status() == 401
            {
                return process;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the server at {} did not come up", process.base);
    }

    fn kill_9(&mut self) {
        // `Child::kill` is SIGKILL on Unix: no shutdown, no flush.
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Signs up `handle` on `base`; answers the session cookie and the id.
async fn sign_up(base: &str, handle: &str) -> (String, i64) {
    let response = reqwest::Client::new()
        .post(format!("{base}/api/auth/signup"))
        .header("X-Samtal-Request", "1")
        .json(&json!({"handle": handle, "display_name": handle, "password": "password123"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let cookie = common::session_cookie(response.headers());
    let body: Value = response.json().await.unwrap();
    (cookie, body["id"].as_i64().unwrap())
}

fn client(cookie: &str, base: &str) -> Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("Cookie", cookie.parse().unwrap());
    Client {
        http: reqwest::Client::builder().default_headers(headers).timeout(Duration::from_secs(10)).build().unwrap(),
        base: base.to_owned(),
    }
}

/// Follows a person's event stream on `bases` in turn, reconnecting with its
/// cursor whenever a socket dies; collects the ids of messages it is told of
/// until it has `want` of them.
async fn receive(cookie: String, bases: Vec<String>, want: usize) -> Vec<i64> {
    let mut cursor = 0i64;
    let mut seen = Vec::new();
    let mut ids = std::collections::HashSet::new();
    let mut which = 0;
    while seen.len() < want {
        let base = &bases[which.min(bases.len() - 1)];
        let url = format!("{}/api/events?since={cursor}", base.replace("http://", "ws://"));
        let mut request = url.into_client_request().unwrap();
        request.headers_mut().insert("Cookie", cookie.parse().unwrap());
        let Ok((mut socket, _)) = tokio_tungstenite::connect_async(request).await else {
            which += 1;
            tokio::time::sleep(Duration::from_millis(100)).await;
            continue;
        };
        loop {
            let frame = tokio::time::timeout(Duration::from_secs(20), socket.next()).await.expect("events keep coming");
            match frame {
                Some(Ok(Message::Text(text))) => {
                    let envelope: Value = serde_json::from_str(text.as_str()).unwrap();
                    let id = envelope["id"].as_i64().unwrap();
                    assert!(id > cursor, "event {id} came again or out of order (cursor {cursor})");
                    cursor = id;
                    let event = &envelope["event"];
                    if event["type"] == "message_created" && event["message"]["text"].is_string() {
                        let message = event["message"]["id"].as_i64().unwrap();
                        assert!(ids.insert(message), "message {message} delivered twice");
                        seen.push(message);
                        if seen.len() == want {
                            break;
                        }
                    }
                }
                Some(Ok(_)) => {}
                // The instance died: go on from the cursor on the next.
                None | Some(Err(_)) => {
                    which += 1;
                    break;
                }
            }
        }
    }
    seen
}

#[tokio::test]
async fn kill_9_of_one_instance_mid_load_loses_and_repeats_nothing() {
    let database = shared_database().await;
    let mut a = Process::start(&database).await;
    let b = Process::start(&database).await;
    let (erik_cookie, _) = sign_up(&a.base, "erik").await;
    let (sara_cookie, sara_id) = sign_up(&b.base, "sara").await;
    let chat = common_conversations::private_chat(&client(&erik_cookie, &a.base), sara_id).await;
    let total = SENDERS * PER_SENDER;

    // Sara listens on A (and resumes on B); Erik listens on B.
    let sara_hears = tokio::spawn(receive(sara_cookie.clone(), vec![a.base.clone(), b.base.clone()], total));
    let erik_hears = tokio::spawn(receive(erik_cookie.clone(), vec![b.base.clone()], total));

    // Each send goes to A until A is gone, then to B, retrying with the same
    // client_id until some instance acknowledges it.
    let acknowledged: Arc<Mutex<HashMap<String, i64>>> = Arc::default();
    let sent = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    // Sends that failed on A as it died and were tried again on B.
    let retried = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut senders = Vec::new();
    for sender in 0..SENDERS {
        let (cookie, bases) =
            (if sender % 2 == 0 { erik_cookie.clone() } else { sara_cookie.clone() }, [a.base.clone(), b.base.clone()]);
        let acknowledged = acknowledged.clone();
        let sent = sent.clone();
        let retried = retried.clone();
        senders.push(tokio::spawn(async move {
            let mut on = 0;
            for n in 0..PER_SENDER {
                let client_id = format!("s{sender}-{n}");
                loop {
                    let who = client(&cookie, &bases[on]);
                    let response = who
                        .http
                        .post(format!("{}/api/conversations/{chat}/messages", who.base))
                        .header("X-Samtal-Request", "1")
                        .json(&json!({"text": format!("{client_id}"), "client_id": client_id}))
                        .send()
                        .await;
                    match response {
                        Ok(response) if response.status().is_success() => {
                            let message: Value = response.json().await.unwrap();
                            acknowledged.lock().await.insert(client_id.clone(), message["id"].as_i64().unwrap());
                            sent.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                            break;
                        }
                        Ok(response) if response.status().is_server_error() => {
                            on = 1;
                            retried.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        }
                        Ok(response) => panic!("refused: {} {}", response.status(), response.text().await.unwrap()),
                        Err(_) => {
                            on = 1;
                            retried.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        }
                    }
                }
            }
        }));
    }
    // Kill A once a third of the messages are in, with sends in flight.
    while sent.load(std::sync::atomic::Ordering::SeqCst) < total / 3 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    a.kill_9();
    let acknowledged_before_kill = sent.load(std::sync::atomic::Ordering::SeqCst);
    for sender in senders {
        sender.await.unwrap();
    }

    let acknowledged = acknowledged.lock().await.clone();
    assert_eq!(acknowledged.len(), total, "every send was acknowledged once somewhere");

    // Stored exactly once each, in a dense order.
    let reader = client(&erik_cookie, &b.base);
    let mut stored: Vec<Value> = Vec::new();
    let mut after = 0;
    loop {
        let (status, page) = reader.get(&format!("/api/conversations/{chat}/messages?after={after}&limit=200")).await;
        assert_eq!(status, 200, "{page}");
        let messages = page["messages"].as_array().unwrap().clone();
        if messages.is_empty() {
            break;
        }
        after = messages.last().unwrap()["seq"].as_i64().unwrap();
        stored.extend(messages);
    }
    let seqs: Vec<i64> = stored.iter().map(|m| m["seq"].as_i64().unwrap()).collect();
    assert!(seqs.windows(2).all(|w| w[1] == w[0] + 1), "seq is dense: {seqs:?}");
    let texts: Vec<&Value> = stored.iter().filter(|m| m["text"].is_string()).collect();
    assert_eq!(texts.len(), total, "no message stored twice, none lost");
    let mut by_client: HashMap<String, i64> = HashMap::new();
    for message in &texts {
        let previous =
            by_client.insert(message["client_id"].as_str().unwrap().to_owned(), message["id"].as_i64().unwrap());
        assert!(previous.is_none(), "{message} stored twice");
    }
    assert_eq!(by_client, acknowledged, "what was acknowledged is what is stored");
    let stored_order: Vec<i64> = texts.iter().map(|m| m["id"].as_i64().unwrap()).collect();

    // Delivered to every receiver, in the stored order, each once.
    let sara_got = sara_hears.await.unwrap();
    let erik_got = erik_hears.await.unwrap();
    assert_eq!(sara_got, stored_order, "Sara resumed on B with nothing missing or repeated");
    assert_eq!(erik_got, stored_order);
    println!(
        "kill -9 after {acknowledged_before_kill} acknowledged; {} sends retried on B; {total} acknowledged, {} stored, \
         {} and {} delivered",
        retried.load(std::sync::atomic::Ordering::SeqCst),
        texts.len(),
        sara_got.len(),
        erik_got.len()
    );
}
