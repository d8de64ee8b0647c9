//! Sign-up, sign-in, sessions and CSRF protection.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::*;
use serde_json::json;

#[tokio::test]
async fn signup_signs_in_and_login_checks_the_password() {
    let server = TestServer::start().await;
    let anna = server.person("anna").await;
    let (status, me) = anna.get("/api/me").await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["person"]["handle"], "anna");

    let c = server.client();
    assert_error(
        &c.post("/api/auth/login", json!({"handle": "anna", "password": "wrong-password"})).await,
        401,
        "invalid_credentials",
    );
    assert_error(
        &c.post("/api/auth/login", json!({"handle": "nobody", "password": "password123"})).await,
        401,
        "invalid_credentials",
    );
    let (status, _) = c.post("/api/auth/login", json!({"handle": "ANNA", "password": "password123"})).await;
    assert_eq!(status, 200);
    let (status, _) = c.post("/api/auth/logout", json!({})).await;
    assert_eq!(status, 200);
    assert_error(&c.get("/api/me").await, 401, "unauthenticated");
}

#[tokio::test]
async fn signup_refuses_bad_input_and_taken_handles() {
    let server = TestServer::start().await;
    server.person("anna").await;
    let c = server.client();
    assert_error(
        &c.post("/api/auth/signup", json!({"handle": "anna", "display_name": "A", "password": "password123"})).await,
        409,
        "handle_taken",
    );
    assert_error(
        &c.post("/api/auth/signup", json!({"handle": "a b", "display_name": "A", "password": "password123"})).await,
        400,
        "invalid_input",
    );
    assert_error(
        &c.post("/api/auth/signup", json!({"handle": "bert", "display_name": "", "password": "password123"})).await,
        400,
        "invalid_input",
    );
    assert_error(
        &c.post("/api/auth/signup", json!({"handle": "bert", "display_name": "B", "password": "short"})).await,
        400,
        "invalid_input",
    );
    assert_error(
        &c.post("/api/auth/signup", json!({"handle": 5, "display_name": "B", "password": "password123"})).await,
        400,
        "invalid_json",
    );
    assert_error(&c.post_raw("/api/auth/signup", "application/json", "{not json").await, 400, "invalid_json");
    let huge = "x".repeat(2 * 1024 * 1024);
    assert_error(
        &c.post_raw("/api/auth/signup", "application/json", format!("{{\"handle\":\"{huge}\"}}")).await,
        413,
        "payload_too_large",
    );
}

#[tokio::test]
async fn state_changing_requests_need_the_csrf_header() {
    let server = TestServer::start().await;
    let c = server.client();
    let got = c
        .post_without_csrf(
            "/api/auth/signup",
            json!({"handle": "anna", "display_name": "Anna", "password": "password123"}),
        )
        .await;
    assert_error(&got, 403, "csrf");
    // Nothing was created.
    assert_error(
        &c.post("/api/auth/login", json!({"handle": "anna", "password": "password123"})).await,
        401,
        "invalid_credentials",
    );
}

#[tokio::test]
async fn unknown_api_paths_are_json_404s() {
    let server = TestServer::start().await;
    assert_error(&server.client().get("/api/nope").await, 404, "not_found");
}
