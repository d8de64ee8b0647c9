//! Several instances on one PostgreSQL database with NATS between them:
//! what one instance commits reaches streams held by another at once.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod common_cluster;
mod common_conversations;

use std::time::Duration;

use common::*;
use common_cluster::*;
use serde_json::json;

/// Longer than any test waits: only a NATS notice can wake a stream in time.
const NO_POLL: Duration = Duration::from_secs(3600);
/// How long a live event may take to cross.
const LIVE: Duration = Duration::from_secs(5);

#[tokio::test]
async fn people_on_two_instances_chat_live_and_see_each_others_reads() {
    let database = shared_database().await;
    let nats = nats_url();
    let a = Instance::start(&database, Some(&nats), NO_POLL).await;
    let b = Instance::start(&database, Some(&nats), NO_POLL).await;
    let erik = Person::sign_up(&a, "erik").await;
    let sara = Person::sign_up(&b, "sara").await;
    let mut erik_on_a = erik.socket(&a, 0).await;
    let mut sara_on_b = sara.socket(&b, 0).await;

    let chat = common_conversations::private_chat(&erik.on(&a), sara.id).await;
    let added = next_of(&mut sara_on_b, "conversation_added", LIVE).await;
    assert_eq!(added["event"]["conversation_id"], chat, "{added}");

    common_conversations::send(&erik.on(&a), chat, "Hej Sara, från A").await;
    let got = next_text(&mut sara_on_b, LIVE).await;
    assert_eq!(got["event"]["message"]["text"], "Hej Sara, från A");

    let reply = common_conversations::send(&sara.on(&b), chat, "Hej Erik, från B").await;
    // Erik's stream has his own message first.
    assert_eq!(next_text(&mut erik_on_a, LIVE).await["event"]["message"]["text"], "Hej Sara, från A");
    let got = next_text(&mut erik_on_a, LIVE).await;
    assert_eq!(got["event"]["message"]["id"], reply["id"]);

    // Read state crosses too.
    let (status, body) =
        sara.on(&b).post(&format!("/api/conversations/{chat}/read"), json!({"seq": reply["seq"]})).await;
    assert!(status.is_success(), "{body}");
    let read = next_of(&mut erik_on_a, "read_marker", LIVE).await;
    assert_eq!(read["event"]["person_id"], sara.id);
    assert_eq!(read["event"]["seq"], reply["seq"]);
}

#[tokio::test]
async fn a_directory_removal_through_one_instance_closes_the_conversation_on_another_at_once() {
    let database = shared_database().await;
    let nats = nats_url();
    let a = Instance::start(&database, Some(&nats), NO_POLL).await;
    let b = Instance::start(&database, Some(&nats), NO_POLL).await;
    let admin = Person::sign_up(&a, common_conversations::OPERATOR).await;
    let org = common_conversations::create_org(&admin.on(&a), "Nordvik Energi", "nordvik.se").await;
    let erik_entry = common_conversations::provision(&admin.on(&a), &org, "erik", "Erik Lind", false).await;
    let kim_entry = common_conversations::provision(&admin.on(&a), &org, "kim", "Kim Berg", false).await;
    let erik = Person::sign_up(&a, "erik").await;
    let kim = Person::sign_up(&b, "kim").await;
    common_conversations::sign_in_work(&erik.on(&a), &erik_entry).await;
    common_conversations::sign_in_work(&kim.on(&b), &kim_entry).await;
    let chat = common_conversations::org_chat(&erik.on(&a), kim_entry.id).await;
    let mut kim_on_b = kim.socket(&b, 0).await;
    next_of(&mut kim_on_b, "conversation_added", LIVE).await;

    let (status, body) = admin.on(&a).delete(&format!("/api/admin/orgs/{}/directory/{}", org.id, kim_entry.id)).await;
    assert!(status.is_success(), "{body}");
    let revoked = next_of(&mut kim_on_b, "org_revoked", LIVE).await;
    assert_eq!(revoked["event"]["org_id"], org.id, "{revoked}");
    assert_error(&kim.on(&b).get(&format!("/api/conversations/{chat}")).await, 404, "not_found");
}

#[tokio::test]
async fn without_nats_the_poll_of_the_log_still_delivers_across_instances() {
    let database = shared_database().await;
    let poll = Duration::from_millis(200);
    let a = Instance::start(&database, None, poll).await;
    let b = Instance::start(&database, None, poll).await;
    let erik = Person::sign_up(&a, "erik").await;
    let sara = Person::sign_up(&b, "sara").await;
    let mut sara_on_b = sara.socket(&b, 0).await;
    let chat = common_conversations::private_chat(&erik.on(&a), sara.id).await;
    for n in 1..=5 {
        common_conversations::send(&erik.on(&a), chat, &format!("message {n}")).await;
    }
    // In order, each once.
    for n in 1..=5 {
        let got = next_text(&mut sara_on_b, LIVE).await;
        assert_eq!(got["event"]["message"]["text"], format!("message {n}"));
    }
}

/// A NATS server of this test's own, on a port of its own, so stopping it
/// disturbs nobody else (`SAMTAL_TEST_NATS_SERVER` names the binary).
struct OwnNats {
    port: u16,
    child: std::process::Child,
}

impl OwnNats {
    fn start(port: u16) -> OwnNats {
        let binary = std::env::var("SAMTAL_TEST_NATS_SERVER").unwrap_or_else(|_| {
            ["/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"]
                .into_iter()
                .find(|p| std::path::Path::new(p).exists())
                .unwrap_or("nats-server")
                .to_owned()
        });
        let child = std::process::Command::new(&binary)
            .args(["-a", "127.0.0.1", "-p", &port.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {binary}: {e}"));
        OwnNats { port, child }
    }

    fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for OwnNats {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Waits (up to 20 s) until `done` holds.
async fn until(what: &str, done: impl Fn() -> bool) {
    for _ in 0..400 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{what}: not within 20 s");
}

#[tokio::test]
async fn when_nats_stops_delivery_degrades_to_the_poll_and_recovers_when_it_is_back() {
    let port = free_port();
    let nats = OwnNats::start(port);
    let database = shared_database().await;
    let poll = Duration::from_millis(500);
    let a = Instance::start(&database, Some(&nats.url()), poll).await;
    let b = Instance::start(&database, Some(&nats.url()), poll).await;
    let (a_nats, b_nats) = (a.cluster.as_ref().unwrap(), b.cluster.as_ref().unwrap());
    until("both instances on NATS", || a_nats.connected() && b_nats.connected()).await;
    let erik = Person::sign_up(&a, "erik").await;
    let sara = Person::sign_up(&b, "sara").await;
    let mut sara_on_b = sara.socket(&b, 0).await;
    let chat = common_conversations::private_chat(&erik.on(&a), sara.id).await;
    common_conversations::send(&erik.on(&a), chat, "before").await;
    assert_eq!(next_text(&mut sara_on_b, LIVE).await["event"]["message"]["text"], "before");
    until("B heard A", || b_nats.heard() > 0).await;

    nats.stop();
    until("both instances see NATS gone", || !a_nats.connected() && !b_nats.connected()).await;
    for text in ["while away 1", "while away 2"] {
        common_conversations::send(&erik.on(&a), chat, text).await;
    }
    for text in ["while away 1", "while away 2"] {
        assert_eq!(next_text(&mut sara_on_b, LIVE).await["event"]["message"]["text"], text);
    }

    let _nats = OwnNats::start(port);
    until("both instances back on NATS", || a_nats.connected() && b_nats.connected()).await;
    let heard = b_nats.heard();
    common_conversations::send(&erik.on(&a), chat, "after").await;
    assert_eq!(next_text(&mut sara_on_b, LIVE).await["event"]["message"]["text"], "after");
    until("B hears A's notices again", || b_nats.heard() > heard).await;

    // Nothing lost, nothing twice: the stream read by cursor holds each once.
    let texts: Vec<String> = common_conversations::events(&sara.on(&b))
        .await
        .iter()
        .filter(|e| e["type"] == "message_created")
        .filter_map(|e| e["message"]["text"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(texts, ["before", "while away 1", "while away 2", "after"]);
}

#[tokio::test]
async fn an_attachment_uploaded_through_one_instance_downloads_through_the_other() {
    let s3 = OwnS3::start().await;
    let database = shared_database().await;
    let nats = nats_url();
    let a = Instance::start_with(&database, Some(&nats), NO_POLL, |c| s3.configure(c)).await;
    let b = Instance::start_with(&database, Some(&nats), NO_POLL, |c| s3.configure(c)).await;
    let erik = Person::sign_up(&a, "erik").await;
    let sara = Person::sign_up(&b, "sara").await;
    let chat = common_conversations::private_chat(&erik.on(&a), sara.id).await;

    let bytes: Vec<u8> = (0..200_000u32).map(|n| (n % 251) as u8).collect();
    let erik_a = erik.on(&a);
    let uploaded = erik_a
        .http
        .post(format!("{}/api/conversations/{chat}/attachments?name=photo.jpg", erik_a.base))
        .header("X-Samtal-Request", "1")
        .header("Content-Type", "image/jpeg")
        .body(bytes.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(uploaded.status(), 201);
    let attachment: serde_json::Value = uploaded.json().await.unwrap();
    assert_eq!(s3.keys().await.len(), 1, "the bytes are in the bucket");
    let (status, message) = erik_a
        .post(
            &format!("/api/conversations/{chat}/messages"),
            json!({"attachment_id": attachment["id"], "client_id": "with-photo"}),
        )
        .await;
    assert_eq!(status, 201, "{message}");

    let sara_b = sara.on(&b);
    let url = format!("{}{}", sara_b.base, attachment["url"].as_str().unwrap());
    let whole = sara_b.http.get(&url).send().await.unwrap();
    assert_eq!(whole.status(), 200);
    assert_eq!(whole.headers()["content-type"], "image/jpeg");
    assert_eq!(whole.bytes().await.unwrap().to_vec(), bytes);
    let part = sara_b.http.get(&url).header("Range", "bytes=1000-1999").send().await.unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(part.headers()["content-range"], "bytes 1000-1999/200000");
    assert_eq!(part.bytes().await.unwrap().to_vec(), bytes[1000..2000].to_vec());
    let beyond = sara_b.http.get(&url).header("Range", "bytes=300000-").send().await.unwrap();
    assert_eq!(beyond.status(), 416);

    // A refused upload leaves nothing behind in the bucket.
    let too_big = erik_a
        .http
        .post(format!("{}/api/conversations/{chat}/attachments?name=huge.jpg", erik_a.base))
        .header("X-Samtal-Request", "1")
        .header("Content-Type", "image/jpeg")
        .body(vec![0u8; samtal_core::api::limits::ATTACHMENT_MAX_BYTES + 1])
        .send()
        .await
        .unwrap();
    assert_eq!(too_big.status(), 413);
    assert_eq!(s3.keys().await.len(), 1);
}
