//! `backup` and `restore`: a backup taken during writes restores to a
//! server that holds exactly a prefix of what was written, everything
//! acknowledged before the backup began included, attachments byte for byte.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod common_messages;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use common::*;
use common_messages::*;
use samtal_server::Config;
use samtal_server::cli::backup;
use samtal_server::store::DatabaseUrl;
use serde_json::{Value, json};

/// A server on SQLite in `dir`, whichever database the other suites use.
async fn sqlite_server(dir: tempfile::TempDir) -> TestServer {
    let mut config = Config::for_data_dir(dir.path().join("data"));
    config.database_url = Some(DatabaseUrl::Sqlite(dir.path().join("data").join("samtal.db")));
    config.limits = samtal_server::limits::Limits::off();
    TestServer::start_config(dir, config).await
}

/// Every message of `conv` as `(seq, text, attachment bytes)`.
async fn contents(client: &Client, conv: i64) -> Vec<(i64, String, Option<Vec<u8>>)> {
    let mut out = Vec::new();
    let mut after = 0;
    loop {
        let page = page(client, conv, &format!("?after={after}&limit=200")).await;
        let messages = page["messages"].as_array().unwrap().clone();
        if messages.is_empty() {
            return out;
        }
        for message in &messages {
            let seq = message["seq"].as_i64().unwrap();
            let bytes = match message["attachment"]["id"].as_i64() {
                Some(id) => Some(download(client, id).await.2),
                None => None,
            };
            out.push((seq, message["text"].as_str().unwrap_or_default().to_owned(), bytes));
            after = seq;
        }
    }
}

#[tokio::test]
async fn a_backup_taken_during_writes_restores_a_consistent_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let server = sqlite_server(dir).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;
    let chat = private_chat(&anna, &bo).await;

    // Anna writes without pause: a text, and every fifth message a photo.
    let acked = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (anna, acked, stop) = (anna.clone(), acked.clone(), stop.clone());
        tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                let mut body = json!({"text": format!("message {n}"), "client_id": format!("c{n}")});
                if n % 5 == 0 {
                    let mut bytes = png();
                    bytes.extend(format!("photo {n}").into_bytes());
                    let (status, attachment) = upload(&anna, chat, "image/png", "p.png", bytes).await;
                    assert_eq!(status, 201, "{attachment}");
                    body["attachment_id"] = attachment["id"].clone();
                }
                let (status, message) = anna.post(&format!("/api/conversations/{chat}/messages"), body).await;
                assert_eq!(status, 201, "{message}");
                acked.store(n + 1, Ordering::SeqCst);
                n += 1;
            }
        })
    };
    while acked.load(Ordering::SeqCst) < 30 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }

    let file = tempfile::tempdir().unwrap();
    let archive = file.path().join("samtal.backup");
    let before = acked.load(Ordering::SeqCst);
    let manifest = backup::backup(&server.state.config, &archive).await.unwrap();
    let after_backup = acked.load(Ordering::SeqCst);
    while acked.load(Ordering::SeqCst) < after_backup + 10 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    stop.store(true, Ordering::SeqCst);
    writer.await.unwrap();
    assert!(manifest.missing.is_empty(), "{manifest:?}");
    assert!(manifest.attachments >= before / 5, "{manifest:?}");
    // A second backup to the same file is refused, never overwrites it.
    assert!(backup::backup(&server.state.config, &archive).await.is_err());

    let original = contents(&bo, chat).await;
    let restored_dir = tempfile::tempdir().unwrap();
    let mut config = Config::for_data_dir(restored_dir.path().join("data"));
    config.database_url = Some(DatabaseUrl::Sqlite(restored_dir.path().join("data").join("samtal.db")));
    let restored_manifest = backup::restore(&config, &archive).await.unwrap();
    assert_eq!(restored_manifest, manifest);
    // Restoring again over what is there is refused.
    assert!(backup::restore(&config, &archive).await.is_err());
    let restored = TestServer::start_config(restored_dir, config).await;

    let bo_again = restored.client();
    let (status, _) = bo_again.post("/api/auth/login", json!({"handle": "bob", "password": "password123"})).await;
    assert_eq!(status, 200);
    let copy = contents(&bo_again, chat).await;
    assert!(copy.len() >= before, "every message acknowledged before the backup began: {} < {before}", copy.len());
    assert!(copy.len() <= after_backup + 1, "nothing written after the backup ended");
    assert_eq!(copy[..], original[..copy.len()], "the restored messages are a prefix of what was written");
    assert!(copy.iter().any(|(_, _, bytes)| bytes.is_some()), "attachments came back");

    // The restored server takes new writes where the copy ends.
    let (status, message): (_, Value) =
        bo_again.post(&format!("/api/conversations/{chat}/messages"), json!({"text": "back", "client_id": "r1"})).await;
    assert_eq!(status, 201, "{message}");
    assert_eq!(message["seq"].as_i64().unwrap(), copy.last().unwrap().0 + 1);
}

#[tokio::test]
async fn a_damaged_or_foreign_archive_is_refused_and_restores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("not-a-backup.tar");
    {
        let mut builder = tar::Builder::new(std::fs::File::create(&archive).unwrap());
        let mut header = tar::Header::new_gnu();
        let bytes = b"hello";
        header.set_size(bytes.len() as u64);
        header.set_mode(0o600);
        header.set_cksum();
        builder.append_data(&mut header, "etc/passwd", &bytes[..]).unwrap();
        builder.finish().unwrap();
    }
    let config = Config::for_data_dir(dir.path().join("data"));
    let refusal = backup::restore(&config, &archive).await.unwrap_err().to_string();
    assert!(refusal.contains("etc/passwd"), "{refusal}");
    assert!(!dir.path().join("data").join("samtal.db").exists());
}
