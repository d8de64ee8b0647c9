//! A person's sessions: the list in Me, ending one or all others (their
//! sockets close at once), signing out, and password changes, which end
//! every other session.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::time::Duration;

use common::*;
use futures::StreamExt;
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const PHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Safari/604.1";

/// A browser: a client with a user agent, signed in as `handle`.
async fn sign_in(server: &TestServer, handle: &str, password: &str, agent: &str) -> (Client, String) {
    let http = reqwest::Client::builder().cookie_store(true).user_agent(agent).build().unwrap();
    let client = Client { http, base: format!("http://{}", server.addr) };
    let response = client
        .http
        .post(format!("{}/api/auth/login", client.base))
        .header("X-Samtal-Request", "1")
        .json(&json!({"handle": handle, "password": password}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let cookie = session_cookie(response.headers());
    (client, cookie)
}

type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn open_socket(server: &TestServer, cookie: &str) -> Socket {
    let mut request = format!("ws://{}/api/events?since=0", server.addr).into_client_request().unwrap();
    request.headers_mut().insert("Cookie", cookie.parse().unwrap());
    let (socket, response) = tokio_tungstenite::connect_async(request).await.unwrap();
    assert_eq!(response.status(), 101);
    socket
}

/// Reads until the server closes the socket (well before the 30 s ping
/// that would also notice): answers the close reason.
async fn closed(socket: &mut Socket) -> String {
    let deadline = Duration::from_secs(5);
    loop {
        let frame = tokio::time::timeout(deadline, socket.next()).await.expect("the socket closes within 5 s");
        match frame {
            Some(Ok(Message::Close(Some(frame)))) => return frame.reason.to_string(),
            Some(Ok(Message::Close(None))) | None | Some(Err(_)) => return String::new(),
            Some(Ok(_)) => continue,
        }
    }
}

async fn sessions(client: &Client) -> Vec<Value> {
    let (status, list) = client.get("/api/me/sessions").await;
    assert_eq!(status, 200, "{list}");
    list.as_array().unwrap().clone()
}

#[tokio::test]
async fn the_list_shows_each_browser_and_ending_one_signs_it_out_at_once() {
    let server = TestServer::start().await;
    server.person("anna").await;
    let (laptop, _) = sign_in(&server, "anna", "password123", FIREFOX).await;
    let (phone, phone_cookie) = sign_in(&server, "anna", "password123", PHONE).await;
    let mut phone_socket = open_socket(&server, &phone_cookie).await;

    let list = sessions(&laptop).await;
    assert_eq!(list.len(), 3, "sign-up, laptop and phone: {list:?}");
    let current: Vec<&Value> = list.iter().filter(|s| s["current"] == true).collect();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0]["device"], FIREFOX);
    let phone_row = list.iter().find(|s| s["device"] == PHONE).unwrap();
    assert_eq!(phone_row["current"], false);
    let id = phone_row["id"].as_str().unwrap().to_owned();
    assert_eq!(id.len(), 16);
    assert!(!phone_cookie.contains(&id), "the id is not the cookie");
    assert!(phone_row["created_at"].as_i64().unwrap() > 0);
    assert!(phone_row["last_seen_at"].as_i64().unwrap() >= phone_row["created_at"].as_i64().unwrap());

    let (status, body) = laptop.delete(&format!("/api/me/sessions/{id}")).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(closed(&mut phone_socket).await, "signed out");
    assert_error(&phone.get("/api/me").await, 401, "unauthenticated");
    assert_eq!(laptop.get("/api/me").await.0, 200);
    assert_eq!(sessions(&laptop).await.len(), 2);

    // Gone is gone; and nobody ends another person's sessions.
    assert_error(&laptop.delete(&format!("/api/me/sessions/{id}")).await, 404, "not_found");
    let bo = server.person("bob").await;
    let laptop_id = sessions(&laptop).await.iter().find(|s| s["current"] == true).unwrap()["id"].clone();
    assert_error(&bo.delete(&format!("/api/me/sessions/{}", laptop_id.as_str().unwrap())).await, 404, "not_found");
    assert_eq!(laptop.get("/api/me").await.0, 200);
}

#[tokio::test]
async fn ending_all_others_keeps_this_one() {
    let server = TestServer::start().await;
    let anna = server.person("anna").await;
    let (other, cookie) = sign_in(&server, "anna", "password123", PHONE).await;
    let mut socket = open_socket(&server, &cookie).await;
    let (status, body) = anna.post("/api/me/sessions/end-others", json!({})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["ended"], 1);
    assert_eq!(closed(&mut socket).await, "signed out");
    assert_eq!(other.get("/api/me").await.0, 401);
    assert_eq!(anna.get("/api/me").await.0, 200);
    let (_, body) = anna.post("/api/me/sessions/end-others", json!({})).await;
    assert_eq!(body["ended"], 0);
}

#[tokio::test]
async fn signing_out_closes_the_sessions_sockets_at_once() {
    let server = TestServer::start().await;
    server.person("anna").await;
    let (browser, cookie) = sign_in(&server, "anna", "password123", FIREFOX).await;
    let mut first_tab = open_socket(&server, &cookie).await;
    let mut second_tab = open_socket(&server, &cookie).await;
    let (other, other_cookie) = sign_in(&server, "anna", "password123", PHONE).await;
    let mut other_socket = open_socket(&server, &other_cookie).await;
    let (status, _) = browser.post("/api/auth/logout", json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(closed(&mut first_tab).await, "signed out");
    assert_eq!(closed(&mut second_tab).await, "signed out");
    // The other device hears of it, and stays.
    let frame = tokio::time::timeout(Duration::from_secs(5), other_socket.next()).await.unwrap().unwrap().unwrap();
    let text = frame.into_text().unwrap();
    assert!(text.contains("\"session_ended\""), "{text}");
    assert_eq!(other.get("/api/me").await.0, 200);
}

#[tokio::test]
async fn a_password_change_ends_the_other_sessions_and_needs_the_current_password() {
    let server = TestServer::start().await;
    let anna = server.person("anna").await;
    let (phone, cookie) = sign_in(&server, "anna", "password123", PHONE).await;
    let mut socket = open_socket(&server, &cookie).await;

    let wrong =
        anna.put("/api/me/password", json!({"current_password": "not-it", "new_password": "a-new-password"})).await;
    assert_error(&wrong, 401, "invalid_credentials");
    let short = anna.put("/api/me/password", json!({"current_password": "password123", "new_password": "short"})).await;
    assert_error(&short, 400, "invalid_input");
    assert_eq!(phone.get("/api/me").await.0, 200, "refused changes end nothing");

    let (status, body) = anna
        .put("/api/me/password", json!({"current_password": "password123", "new_password": "a-new-password"}))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["ended"], 1);
    assert_eq!(closed(&mut socket).await, "signed out");
    assert_eq!(phone.get("/api/me").await.0, 401);
    assert_eq!(anna.get("/api/me").await.0, 200, "the session that changed it stays");

    let old = server.client().post("/api/auth/login", json!({"handle": "anna", "password": "password123"})).await;
    assert_error(&old, 401, "invalid_credentials");
    let new = server.client().post("/api/auth/login", json!({"handle": "anna", "password": "a-new-password"})).await;
    assert_eq!(new.0, StatusCode::OK);
}

#[tokio::test]
async fn wrong_current_passwords_count_as_failed_sign_ins() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = samtal_server::Config::for_data_dir(dir.path().join("data"));
    config.limits = samtal_server::limits::Limits {
        sign_in_account: Some(samtal_core::limits::Rate { tries: 2, window_ms: 60_000 }),
        ..samtal_server::limits::Limits::off()
    };
    let server = TestServer::start_config(dir, config).await;
    let anna = server.person("anna").await;
    for _ in 0..2 {
        let got =
            anna.put("/api/me/password", json!({"current_password": "guess", "new_password": "a-new-password"})).await;
        assert_error(&got, 401, "invalid_credentials");
    }
    let got = anna
        .put("/api/me/password", json!({"current_password": "password123", "new_password": "a-new-password"}))
        .await;
    assert_error(&got, 429, "rate_limited");
}
