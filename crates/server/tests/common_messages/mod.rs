//! Helpers for the message, attachment and export tests: building private
//! and organization conversations through the API, sending, paging,
//! uploading and downloading.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::sync::atomic::{AtomicU64, Ordering};

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::{Value, json};

use crate::common::{Client, TestServer};

static CLIENT_IDS: AtomicU64 = AtomicU64::new(1);

/// A fresh client_id.
pub fn cid() -> String {
    format!("c-{}", CLIENT_IDS.fetch_add(1, Ordering::Relaxed))
}

/// `a` saves `b` as a contact and starts a private chat with them.
pub async fn private_chat(a: &Client, b: &Client) -> i64 {
    let b_id = b.id().await;
    let (status, body) = a.post("/api/contacts", json!({"person_id": b_id})).await;
    assert!(status.is_success(), "{body}");
    let (status, chat) = a.post("/api/conversations/chats", json!({"person_id": b_id, "scope": "private"})).await;
    assert!(status.is_success(), "{chat}");
    chat["id"].as_i64().unwrap()
}

/// `admin` creates a private group with `members`.
pub async fn private_group(admin: &Client, title: &str, members: &[&Client]) -> i64 {
    let mut ids = Vec::new();
    for m in members {
        ids.push(m.id().await);
    }
    let (status, group) = admin.post("/api/conversations/groups", json!({"title": title, "member_ids": ids})).await;
    assert_eq!(status, 201, "{group}");
    group["id"].as_i64().unwrap()
}

/// An organization created by the operator, with people signed in to it.
pub struct Org {
    pub id: i64,
    pub domain: String,
}

/// `op` creates an organization named `name` at `domain`.
pub async fn create_org(op: &Client, name: &str, domain: &str) -> Org {
    let (status, org) = op
        .post("/api/orgs", json!({"name": name, "domain": domain, "description": format!("{name} owns this.")}))
        .await;
    assert_eq!(status, 201, "{org}");
    Org { id: org["id"].as_i64().unwrap(), domain: domain.to_owned() }
}

/// Provisions `alias` in the org (by its admin `op`) and signs `client` in
/// to that work account; answers the directory entry id.
pub async fn join_org(op: &Client, org: &Org, client: &Client, alias: &str, is_admin: bool) -> i64 {
    let email = format!("{alias}@{}", org.domain);
    let password = format!("{alias}-work-pass");
    let (status, result) = op
        .post(
            &format!("/api/admin/orgs/{}/directory", org.id),
            json!({"entries": [{"email": email, "alias": alias, "display_name": crate::common::display(alias),
                                "is_admin": is_admin, "password": password}]}),
        )
        .await;
    assert_eq!(status, 200, "{result}");
    let entry = result["results"][0]["directory_entry_id"].as_i64().unwrap_or_else(|| panic!("{result}"));
    let (status, me) = client.post("/api/me/work-account", json!({"email": email, "password": password})).await;
    assert_eq!(status, 200, "{me}");
    entry
}

/// `a` (signed in to a work account) starts an org chat with the directory entry `entry`.
pub async fn org_chat(a: &Client, entry: i64) -> i64 {
    let (status, chat) = a.post("/api/conversations/chats", json!({"directory_entry_id": entry, "scope": "org"})).await;
    assert!(status.is_success(), "{chat}");
    assert_eq!(chat["scope"], "org", "{chat}");
    chat["id"].as_i64().unwrap()
}

/// A group admin converts their private group into an org group (rule 4).
pub async fn convert(admin: &Client, group: i64) {
    let (status, body) = admin.post(&format!("/api/conversations/{group}/add-to-organization"), json!({})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["scope"], "org", "{body}");
}

/// Sets an org group's own policies (everything allowed but `overrides`).
pub async fn set_group_policies(admin: &Client, conv: i64, overrides: Value) -> (StatusCode, Value) {
    let mut policies = json!({"allow_copy": true, "allow_share": true, "allow_forward": true,
                              "require_work_signin": false, "history_for_new_members": true});
    for (k, v) in overrides.as_object().unwrap() {
        policies[k] = v.clone();
    }
    admin.put(&format!("/api/conversations/{conv}/policies"), policies).await
}

/// Sets tenant policies (everything allowed but `overrides`).
pub async fn set_tenant_policies(op: &Client, org: i64, overrides: Value) {
    let mut policies = json!({"allow_copy": true, "allow_share": true, "allow_forward": true,
                              "require_work_signin": false, "missed_message_emails": true});
    for (k, v) in overrides.as_object().unwrap() {
        policies[k] = v.clone();
    }
    let (status, body) = op.put(&format!("/api/admin/orgs/{org}/policies"), policies).await;
    assert_eq!(status, 200, "{body}");
}

/// Enables or disables an organization.
pub async fn set_enabled(op: &Client, org: i64, enabled: bool) {
    let (status, body) = op.put(&format!("/api/admin/orgs/{org}/enabled"), json!({"enabled": enabled})).await;
    assert_eq!(status, 200, "{body}");
}

/// Sends `text` with a fresh client_id and asserts it was stored.
pub async fn send(client: &Client, conv: i64, text: &str) -> Value {
    let (status, message) =
        client.post(&format!("/api/conversations/{conv}/messages"), json!({"text": text, "client_id": cid()})).await;
    assert_eq!(status, 201, "{message}");
    message
}

/// Tries to send `text`.
pub async fn try_send(client: &Client, conv: i64, text: &str) -> (StatusCode, Value) {
    client.post(&format!("/api/conversations/{conv}/messages"), json!({"text": text, "client_id": cid()})).await
}

/// Forwards message `source` into `conv`.
pub async fn forward(client: &Client, conv: i64, source: i64) -> (StatusCode, Value) {
    client.post(&format!("/api/conversations/{conv}/messages"), json!({"forward_of": source, "client_id": cid()})).await
}

/// Forwards message `source` into `conv` with `comment` above it.
pub async fn forward_with(client: &Client, conv: i64, source: i64, comment: &str) -> (StatusCode, Value) {
    let body = json!({"forward_of": source, "text": comment, "client_id": cid()});
    client.post(&format!("/api/conversations/{conv}/messages"), body).await
}

/// `GET …/messages` with `query` (like `?before=5&limit=2`); asserts 200.
pub async fn page(client: &Client, conv: i64, query: &str) -> Value {
    let (status, page) = client.get(&format!("/api/conversations/{conv}/messages{query}")).await;
    assert_eq!(status, 200, "{page}");
    page
}

/// The seqs in a page.
pub fn seqs(page: &Value) -> Vec<i64> {
    page["messages"].as_array().unwrap().iter().map(|m| m["seq"].as_i64().unwrap()).collect()
}

/// The texts in a page (system notes left out).
pub fn texts(page: &Value) -> Vec<String> {
    page["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] != "system")
        .map(|m| m["text"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Every message of a conversation the client may see, oldest first.
pub async fn all_messages(client: &Client, conv: i64) -> Vec<Value> {
    page(client, conv, "?limit=200").await["messages"].as_array().unwrap().clone()
}

/// The conversation's row in `GET /api/conversations`.
pub async fn summary(client: &Client, conv: i64) -> Value {
    let (status, list) = client.get("/api/conversations").await;
    assert_eq!(status, 200, "{list}");
    list.as_array().unwrap().iter().find(|c| c["id"] == conv).cloned().unwrap_or_else(|| panic!("{conv} in {list}"))
}

/// Uploads `bytes` as `mime` named `name`.
pub async fn upload(client: &Client, conv: i64, mime: &str, name: &str, bytes: Vec<u8>) -> (StatusCode, Value) {
    client.post_raw(&format!("/api/conversations/{conv}/attachments?name={name}"), mime, bytes).await
}

/// Uploads a small PNG and sends it; answers the message.
pub async fn send_image(client: &Client, conv: i64) -> Value {
    let (status, attachment) = upload(client, conv, "image/png", "photo.png", png()).await;
    assert_eq!(status, 201, "{attachment}");
    let (status, message) = client
        .post(
            &format!("/api/conversations/{conv}/messages"),
            json!({"attachment_id": attachment["id"], "client_id": cid()}),
        )
        .await;
    assert_eq!(status, 201, "{message}");
    message
}

/// Some bytes that pass for a PNG.
pub fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend((0..200u8).collect::<Vec<_>>());
    bytes
}

/// A GET answered with status, headers and raw bytes.
pub async fn get_raw(client: &Client, path: &str) -> (StatusCode, HeaderMap, Vec<u8>) {
    let resp = client.http.get(format!("{}{path}", client.base)).send().await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    (status, headers, resp.bytes().await.unwrap().to_vec())
}

/// Downloads an attachment: status and body as JSON (errors) or bytes.
pub async fn download(client: &Client, attachment: i64) -> (StatusCode, HeaderMap, Vec<u8>) {
    get_raw(client, &format!("/api/attachments/{attachment}")).await
}

/// The error code of a raw error body.
pub fn error_code(body: &[u8]) -> String {
    let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    v["error"]["code"].as_str().unwrap_or_default().to_owned()
}

/// A server with an operator `op`, an org Contoso, and `anna` and `bo`
/// signed in to it.
pub struct OrgWorld {
    pub server: TestServer,
    pub op: Client,
    pub org: Org,
    pub anna: Client,
    pub bo: Client,
    pub anna_entry: i64,
    pub bo_entry: i64,
}

impl OrgWorld {
    pub async fn new() -> OrgWorld {
        let server = TestServer::start_with(&["operator"]).await;
        let op = server.person("operator").await;
        let org = create_org(&op, "Contoso", "contoso.com").await;
        let anna = server.person("anna").await;
        let bo = server.person("bob").await;
        let anna_entry = join_org(&op, &org, &anna, "anna", false).await;
        let bo_entry = join_org(&op, &org, &bo, "bob", false).await;
        OrgWorld { server, op, org, anna, bo, anna_entry, bo_entry }
    }
}
