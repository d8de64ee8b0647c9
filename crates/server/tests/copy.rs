//! `samtal-server copy-database`: a seeded demo moves from SQLite to a new
//! PostgreSQL database, and served from there it shows every conversation,
//! message, read marker and event cursor as before.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::process::Command;

use common::*;
use samtal_server::cli::demo;
use samtal_server::store::DatabaseUrl;
use samtal_server::{AppState, Config};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_samtal-server");

/// What `handle` sees: the chat list, every conversation's messages and
/// read markers, and the event log from the start.
async fn seen_by(server: &TestServer, handle: &str) -> Value {
    let c = server.client();
    let (status, body) = c.post("/api/auth/login", json!({"handle": handle, "password": demo::DEMO_PASSWORD})).await;
    assert_eq!(status, 200, "{body}");
    let (_, conversations) = c.get("/api/conversations").await;
    let mut pages = Vec::new();
    for conversation in conversations.as_array().unwrap() {
        let id = conversation["id"].as_i64().unwrap();
        let (status, page) = c.get(&format!("/api/conversations/{id}/messages?limit=200")).await;
        assert_eq!(status, 200, "{page}");
        pages.push(page);
    }
    let (_, events) = c.get("/api/sync?since=0&limit=1000").await;
    let (_, me) = c.get("/api/me").await;
    // Directory search reads words the copy makes anew.
    let (_, found) = c.get("/api/search?q=s").await;
    json!({ "conversations": conversations, "pages": pages, "events": events, "installation": me["installation"],
        "search": found })
}

#[tokio::test]
async fn a_demo_moves_from_sqlite_to_postgres_with_nothing_lost() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    demo::prepare_data_dir(&data, false).unwrap();
    let mut config = demo::demo_config(Config::for_data_dir(&data));
    // The source is SQLite whichever database the suite runs on.
    let sqlite = DatabaseUrl::Sqlite(data.join("samtal.db"));
    config.database_url = Some(sqlite.clone());
    let store = samtal_server::store::open(config.database_url.as_ref(), &data).await.unwrap();
    demo::seed(&AppState::new(config.clone(), store).unwrap()).await.unwrap();

    let on_sqlite = TestServer::start_config(tempfile::tempdir().unwrap(), config.clone()).await;
    let before: Vec<Value> =
        futures::future::join_all(["erik", "sara", "admin", "kim"].map(|h| seen_by(&on_sqlite, h))).await;
    drop(on_sqlite);

    let admin =
        common_db::postgres_admin_url().unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let name = format!("{}copy_{}", common_db::TEST_DATABASE_PREFIX, std::process::id());
    let target = common_db::create_database(&admin, &name).await;
    let copy = |to: &str| {
        Command::new(BIN)
            .args(["copy-database", "--from", &sqlite.to_string(), "--to", to])
            .env_remove("SAMTAL_DATABASE_URL")
            .output()
            .unwrap()
    };
    let out = copy(&target);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.contains("messages: ") && printed.contains("events: "), "{printed}");

    let mut moved = config.clone();
    moved.database_url = Some(DatabaseUrl::Postgres(target.clone()));
    let on_postgres = TestServer::start_config(tempfile::tempdir().unwrap(), moved).await;
    for (handle, before) in ["erik", "sara", "admin", "kim"].iter().zip(&before) {
        assert_eq!(&seen_by(&on_postgres, handle).await, before, "what {handle} sees");
    }

    // New rows continue after the copied ids: a new message gets the next seq.
    let erik = on_postgres.client();
    erik.post("/api/auth/login", json!({"handle": "erik", "password": demo::DEMO_PASSWORD})).await;
    let (_, conversations) = erik.get("/api/conversations").await;
    let first = &conversations[0];
    let id = first["id"].as_i64().unwrap();
    let (status, sent) = erik
        .post(&format!("/api/conversations/{id}/messages"), json!({"client_id": "after-copy", "text": "Moved!"}))
        .await;
    assert_eq!(status, 201, "{sent}");
    let (_, page) = erik.get(&format!("/api/conversations/{id}/messages")).await;
    let seqs: Vec<i64> = page["messages"].as_array().unwrap().iter().map(|m| m["seq"].as_i64().unwrap()).collect();
    assert_eq!(seqs.last(), Some(&(seqs[seqs.len() - 2] + 1)), "{seqs:?}");
    drop(on_postgres);

    // A database that holds an installation already is refused.
    let again = copy(&target);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"), "{}", String::from_utf8_lossy(&again.stderr));
    common_db::drop_database(&target);
}
