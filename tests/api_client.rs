//! The API client in a real browser: requests carry the CSRF header, answers
//! and error bodies decode into wire types and human sentences.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod support;

use gloo_net::http::Response;
use samtal_core::ErrorCode;
use samtal_core::api::{ConversationSummary, LoginRequest, Me};
use samtal_web::api::{self, ClientError, Method};
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn state_changing_requests_carry_the_csrf_header() {
    for method in [Method::POST, Method::PUT, Method::PATCH, Method::DELETE] {
        let request = api::request(method.clone(), "/api/conversations/1/leave").build().unwrap();
        assert_eq!(request.headers().get("x-samtal-request").as_deref(), Some("1"), "{method}");
        assert_eq!(request.method(), method);
    }
}

#[wasm_bindgen_test]
fn reads_do_not_carry_the_csrf_header() {
    let request = api::request(Method::GET, "/api/me").build().unwrap();
    assert_eq!(request.headers().get("x-samtal-request"), None);
    assert!(request.url().ends_with("/api/me"), "{}", request.url());
}

#[wasm_bindgen_test]
async fn json_requests_send_the_wire_type_with_the_header() {
    let body = LoginRequest { handle: "admin".into(), password: "demo-password".into() };
    let request = api::json_request(Method::POST, "/api/auth/login", &body).unwrap();
    assert_eq!(request.headers().get("x-samtal-request").as_deref(), Some("1"));
    assert_eq!(request.headers().get("content-type").as_deref(), Some("application/json"));
    let sent: serde_json::Value = serde_json::from_str(&request.text().await.unwrap()).unwrap();
    assert_eq!(sent, serde_json::json!({"handle": "admin", "password": "demo-password"}));
}

#[wasm_bindgen_test]
async fn error_bodies_become_the_servers_sentence() {
    let response = Response::builder()
        .status(401)
        .header("content-type", "application/json")
        .body(Some(r#"{"error":{"code":"invalid_credentials","message":"The name or password is wrong."}}"#))
        .unwrap();
    let error = api::read::<Me>(response).await.unwrap_err();
    assert_eq!(error.code(), Some(ErrorCode::InvalidCredentials));
    assert_eq!(error.human(), "The name or password is wrong.");
    assert_eq!(error.to_string(), "The name or password is wrong.");
}

#[wasm_bindgen_test]
async fn an_error_without_a_message_uses_the_codes_sentence() {
    let response = Response::builder().status(403).body(Some(r#"{"error":{"code":"csrf","message":""}}"#)).unwrap();
    let error = api::read::<Me>(response).await.unwrap_err();
    assert_eq!(error.human(), ErrorCode::Csrf.human());
}

#[wasm_bindgen_test]
async fn an_expired_session_is_recognised() {
    let response = Response::builder().status(401).body(Some("")).unwrap();
    let error = api::read::<Me>(response).await.unwrap_err();
    assert!(error.is_unauthenticated());
}

#[wasm_bindgen_test]
async fn a_gateway_error_page_reads_as_a_server_problem() {
    let response = Response::builder().status(502).body(Some("<html><h1>Bad Gateway</h1></html>")).unwrap();
    let error = api::read::<Vec<ConversationSummary>>(response).await.unwrap_err();
    assert_eq!(error, ClientError::Unreadable { status: 502 });
    assert!(error.human().starts_with("The server ran into a problem"), "{}", error.human());
}

#[wasm_bindgen_test]
async fn successful_answers_decode_into_wire_types() {
    let list = sample_conversations();
    let response = Response::builder().status(200).json(&list).unwrap();
    let decoded = api::read::<Vec<ConversationSummary>>(response).await.unwrap();
    assert_eq!(decoded, list);
}

#[wasm_bindgen_test]
async fn a_success_with_the_wrong_shape_is_unreadable() {
    let response = Response::builder().status(200).body(Some(r#"{"unexpected":true}"#)).unwrap();
    let error = api::read::<Me>(response).await.unwrap_err();
    assert_eq!(error, ClientError::Unreadable { status: 200 });
}

#[wasm_bindgen_test]
async fn no_answer_at_all_is_a_network_error() {
    // Port 9 (discard) on loopback: nothing answers there.
    let request = api::request(Method::GET, "http://127.0.0.1:9/api/me").build().unwrap();
    let error = api::send::<Me>(request).await.unwrap_err();
    assert_eq!(error, ClientError::Network);
    assert!(error.human().contains("can't reach the server"));
}
