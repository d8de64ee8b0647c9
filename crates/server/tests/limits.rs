//! Abuse limits: failed sign-ins per account and per address, work-account
//! sign-ins, sends and uploads per person; 429 with `Retry-After`, and
//! refusals that don't tell which accounts exist.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod common_messages;

use common::*;
use common_messages::*;
use reqwest::StatusCode;
use samtal_core::limits::Rate;
use samtal_server::Config;
use samtal_server::limits::Limits;
use serde_json::{Value, json};

const THREE_A_MINUTE: Rate = Rate { tries: 3, window_ms: 60_000 };

async fn server(limits: Limits) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::for_data_dir(dir.path().join("data"));
    config.operators = vec!["operator".to_owned()];
    config.limits = limits;
    config.trust_proxy = true;
    TestServer::start_config(dir, config).await
}

/// A sign-in from `address` (the trusted proxy's `X-Forwarded-For`):
/// status, body and `Retry-After`.
async fn login(server: &TestServer, handle: &str, password: &str, address: &str) -> (StatusCode, Value, Option<u64>) {
    let client = server.client();
    let response = client
        .http
        .post(format!("{}/api/auth/login", client.base))
        .header("X-Samtal-Request", "1")
        .header("X-Forwarded-For", address)
        .json(&json!({"handle": handle, "password": password}))
        .send()
        .await
        .unwrap();
    let status = response.status();
    let retry = response.headers().get("retry-after").map(|v| v.to_str().unwrap().parse().unwrap());
    (status, response.json().await.unwrap(), retry)
}

fn assert_limited(got: &(StatusCode, Value, Option<u64>)) {
    assert_eq!(got.0, 429, "{}", got.1);
    assert_eq!(got.1["error"]["code"], "rate_limited");
    let retry = got.2.expect("Retry-After");
    assert!((1..=60).contains(&retry), "{retry}");
}

#[tokio::test]
async fn failed_sign_ins_are_limited_per_account_even_with_the_right_password_after() {
    let server = server(Limits { sign_in_account: Some(THREE_A_MINUTE), ..Limits::off() }).await;
    server.person("anna").await;

    for _ in 0..3 {
        let (status, body, _) = login(&server, "anna", "wrong-password", "203.0.113.1").await;
        assert_eq!(status, 401, "{body}");
    }
    let limited = login(&server, "anna", "password123", "203.0.113.2").await;
    assert_limited(&limited);
    let message = limited.1["error"]["message"].as_str().unwrap().to_owned();
    assert!(message.starts_with("Too many sign-in attempts. Try again in "), "{message}");

    // An unknown handle is refused the same way at the same point: the
    // limit tells nobody which handles exist.
    for _ in 0..3 {
        let (status, body, _) = login(&server, "nobody", "wrong-password", "203.0.113.3").await;
        assert_eq!(status, 401, "{body}");
        assert_eq!(body["error"]["code"], "invalid_credentials");
    }
    let unknown = login(&server, "nobody", "password123", "203.0.113.3").await;
    assert_limited(&unknown);
    assert_eq!(unknown.1["error"]["message"].as_str().unwrap().split(" Try").next(), message.split(" Try").next());

    // Other accounts are not held up.
    server.person("bob").await;
    let (status, _, _) = login(&server, "bob", "password123", "203.0.113.1").await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn failed_sign_ins_are_limited_per_address_across_accounts() {
    let server = server(Limits { sign_in_address: Some(THREE_A_MINUTE), ..Limits::off() }).await;
    server.person("anna").await;
    for handle in ["a1", "a2", "a3"] {
        let (status, _, _) = login(&server, handle, "wrong-password", "198.51.100.7").await;
        assert_eq!(status, 401);
    }
    assert_limited(&login(&server, "anna", "password123", "198.51.100.7").await);
    // Another address signs in.
    let (status, _, _) = login(&server, "anna", "password123", "198.51.100.8").await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn successful_sign_ins_are_not_counted() {
    let server = server(Limits { sign_in_account: Some(THREE_A_MINUTE), ..Limits::default() }).await;
    server.person("anna").await;
    for _ in 0..6 {
        let (status, body, _) = login(&server, "anna", "password123", "192.0.2.1").await;
        assert_eq!(status, 200, "{body}");
    }
}

#[tokio::test]
async fn work_account_sign_ins_are_limited_per_work_email() {
    let server = server(Limits { sign_in_account: Some(THREE_A_MINUTE), ..Limits::off() }).await;
    let op = server.person("operator").await;
    let org = create_org(&op, "Acme", "acme.test").await;
    let (status, result) = op
        .post(
            &format!("/api/admin/orgs/{}/directory", org.id),
            json!({"entries": [{"email": "anna@acme.test", "alias": "anna", "display_name": "Anna",
                "designation": "", "department": "", "is_admin": false, "password": "anna-work-pass"}]}),
        )
        .await;
    assert_eq!(status, 200, "{result}");
    let anna = server.person("anna").await;
    let try_work = |password: &'static str| {
        let anna = anna.clone();
        async move {
            let response = anna
                .http
                .post(format!("{}/api/me/work-account", anna.base))
                .header("X-Samtal-Request", "1")
                .json(&json!({"email": "Anna@acme.test", "password": password}))
                .send()
                .await
                .unwrap();
            let status = response.status();
            let retry = response.headers().get("retry-after").map(|v| v.to_str().unwrap().parse().unwrap());
            (status, response.json::<Value>().await.unwrap(), retry)
        }
    };
    for _ in 0..3 {
        let (status, body, _) = try_work("wrong-password").await;
        assert_eq!(status, 401, "{body}");
    }
    assert_limited(&try_work("anna-work-pass").await);
    let (_, me) = anna.get("/api/me").await;
    assert!(me["work_account"].is_null(), "{me}");
}

#[tokio::test]
async fn sends_are_limited_per_person_and_a_repeat_is_still_answered() {
    let server = server(Limits { sends: Some(THREE_A_MINUTE), ..Limits::off() }).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;
    let chat = private_chat(&anna, &bo).await;
    let path = format!("/api/conversations/{chat}/messages");
    for n in 0..3 {
        let (status, body) = anna.post(&path, json!({"text": format!("hi {n}"), "client_id": format!("c{n}")})).await;
        assert_eq!(status, 201, "{body}");
    }
    let response = anna
        .http
        .post(format!("{}{path}", anna.base))
        .header("X-Samtal-Request", "1")
        .json(&json!({"text": "one too many", "client_id": "c3"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    assert!(response.headers().get("retry-after").is_some());
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "rate_limited");
    assert!(body["error"]["message"].as_str().unwrap().starts_with("Too many messages in a short time."), "{body}");

    // A retry of an acknowledged send (same client_id) gets its message.
    let (status, body) = anna.post(&path, json!({"text": "hi 0", "client_id": "c0"})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["text"], "hi 0");
    // The refused send left nothing behind, and bob is not limited by anna.
    assert_eq!(texts(&page(&bo, chat, "").await), ["hi 0", "hi 1", "hi 2"]);
    let (status, _) = bo.post(&path, json!({"text": "my turn", "client_id": "b0"})).await;
    assert_eq!(status, 201);
}

#[tokio::test]
async fn uploads_are_limited_per_person_before_the_bytes_are_kept() {
    let server = server(Limits { uploads: Some(Rate { tries: 2, window_ms: 60_000 }), ..Limits::off() }).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;
    let chat = private_chat(&anna, &bo).await;
    for _ in 0..2 {
        let (status, body) = upload(&anna, chat, "image/png", "p.png", png()).await;
        assert_eq!(status, 201, "{body}");
    }
    let got = upload(&anna, chat, "image/png", "p.png", png()).await;
    assert_error(&got, 429, "rate_limited");
    let files = std::fs::read_dir(server.state.config.attachments_dir()).unwrap().count();
    assert_eq!(files, 2, "the refused upload's bytes are not kept");
    let (status, _) = upload(&bo, chat, "image/png", "p.png", png()).await;
    assert_eq!(status, 201);
}

#[tokio::test]
async fn limits_are_shared_by_servers_on_one_database() {
    // Two domains over one store stand in for two instances: the window is
    // in the database, not in either process.
    let server = server(Limits { sign_in_account: Some(THREE_A_MINUTE), ..Limits::off() }).await;
    server.person("anna").await;
    let other =
        samtal_server::domain::Domain::new(server.state.domain.store().clone()).with_limits(server.state.config.limits);
    let keys = samtal_server::domain::SignInKeys::handle("anna", None);
    for _ in 0..3 {
        other.sign_in_failed(&keys).await.unwrap();
    }
    assert_limited(&login(&server, "anna", "password123", "192.0.2.9").await);
}
