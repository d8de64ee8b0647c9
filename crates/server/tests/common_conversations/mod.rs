//! Helpers for the conversation, group and authorization-matrix tests:
//! people, organizations with directories, work-account sign-in, chats,
//! groups, messages and each person's event stream.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, missing_docs)]

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{Client, TestServer};

/// The operator's handle. (The harness's `op` is shorter than a handle may
/// be, so nobody could sign up as it.)
pub const OPERATOR: &str = "operator";

/// A server whose operator is [`OPERATOR`].
pub async fn start_server() -> TestServer {
    TestServer::start_with(&[OPERATOR]).await
}

/// The operator, signed up and signed in: creates organizations and is
/// their first admin.
pub async fn operator(server: &TestServer) -> Client {
    server.person(OPERATOR).await
}

/// A server with Contoso and Fabrikam, both created by the operator.
pub struct World {
    pub server: TestServer,
    pub op: Client,
    pub contoso: Org,
    pub fabrikam: Org,
}

/// A fresh [`World`].
pub async fn world() -> World {
    let server = start_server().await;
    let op = operator(&server).await;
    let contoso = create_org(&op, "Contoso", "contoso.com").await;
    let fabrikam = create_org(&op, "Fabrikam", "fabrikam.com").await;
    World { server, op, contoso, fabrikam }
}

/// A person signed in, with their id.
#[derive(Clone)]
pub struct Someone {
    pub client: Client,
    pub id: i64,
    pub handle: String,
}

impl std::ops::Deref for Someone {
    type Target = Client;
    fn deref(&self) -> &Client {
        &self.client
    }
}

/// Signs up `handle` (display name `Handle`).
pub async fn someone(server: &TestServer, handle: &str) -> Someone {
    let client = server.person(handle).await;
    let id = client.id().await;
    Someone { client, id, handle: handle.to_owned() }
}

/// An organization created by the operator.
#[derive(Debug, Clone)]
pub struct Org {
    pub id: i64,
    pub name: String,
    pub domain: String,
}

/// `op` creates an organization named `name` with the domain `domain`.
pub async fn create_org(op: &Client, name: &str, domain: &str) -> Org {
    let (status, org) = op
        .post(
            "/api/orgs",
            json!({"name": name, "domain": domain,
                   "description": format!("{name} keeps its conversations for compliance.")}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{org}");
    Org { id: org["id"].as_i64().unwrap(), name: name.to_owned(), domain: domain.to_owned() }
}

/// A provisioned directory entry.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: i64,
    pub email: String,
    pub password: String,
}

/// `admin` provisions `alias@domain` named `name` in `org`.
pub async fn provision(admin: &Client, org: &Org, alias: &str, name: &str, is_admin: bool) -> Entry {
    let email = format!("{alias}@{}", org.domain);
    let password = format!("{alias}-work-password");
    let (status, result) = admin
        .post(
            &format!("/api/admin/orgs/{}/directory", org.id),
            json!({"entries": [{"email": email, "alias": alias, "display_name": name, "designation": "Engineer",
                                "department": "R&D", "is_admin": is_admin, "password": password}]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{result}");
    let row = &result["results"][0];
    assert!(row["error"].is_null(), "{result}");
    Entry { id: row["directory_entry_id"].as_i64().unwrap(), email, password }
}

/// Signs `who` in to the work account of `entry`.
pub async fn sign_in_work(who: &Client, entry: &Entry) {
    let (status, me) =
        who.post("/api/me/work-account", json!({"email": entry.email, "password": entry.password})).await;
    assert_eq!(status, StatusCode::OK, "{me}");
}

/// Signs `who` out of their work account.
pub async fn sign_out_work(who: &Client) {
    let (status, me) = who.delete("/api/me/work-account").await;
    assert_eq!(status, StatusCode::OK, "{me}");
}

/// A person signed in to a new entry of `org` (provisioned by `admin`).
pub async fn employee(
    server: &TestServer,
    admin: &Client,
    org: &Org,
    handle: &str,
    is_admin: bool,
) -> (Someone, Entry) {
    let who = someone(server, handle).await;
    let entry =
        provision(admin, org, handle, &format!("{} at {}", crate::common::display(handle), org.name), is_admin).await;
    sign_in_work(&who, &entry).await;
    (who, entry)
}

/// `owner` saves `person` as a contact.
pub async fn add_contact(owner: &Client, person: i64) {
    let (status, body) = owner.post("/api/contacts", json!({ "person_id": person })).await;
    assert!(status.is_success(), "{body}");
}

/// A private chat between `a` and `b` (saving `b` as a contact first).
pub async fn private_chat(a: &Client, b: i64) -> i64 {
    add_contact(a, b).await;
    let (status, chat) = a.post("/api/conversations/chats", json!({"person_id": b, "scope": "private"})).await;
    assert!(status.is_success(), "{chat}");
    chat["id"].as_i64().unwrap()
}

/// An org chat from `a` to the directory entry `entry`.
pub async fn org_chat(a: &Client, entry: i64) -> i64 {
    let (status, chat) = a.post("/api/conversations/chats", json!({"directory_entry_id": entry, "scope": "org"})).await;
    assert!(status.is_success(), "{chat}");
    chat["id"].as_i64().unwrap()
}

/// A private group created by `creator` with `members`.
pub async fn group(creator: &Client, title: &str, members: &[i64]) -> i64 {
    let (status, group) =
        creator.post("/api/conversations/groups", json!({"title": title, "member_ids": members})).await;
    assert_eq!(status, StatusCode::CREATED, "{group}");
    group["id"].as_i64().unwrap()
}

/// Converts a group (rule 4); answers the profile.
pub async fn convert(admin: &Client, conversation: i64) -> Value {
    let (status, detail) =
        admin.post(&format!("/api/conversations/{conversation}/add-to-organization"), json!({})).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    detail
}

/// Adds a person to a conversation.
pub async fn add_person(admin: &Client, conversation: i64, person: i64) -> Value {
    let (status, detail) =
        admin.post(&format!("/api/conversations/{conversation}/members"), json!({ "person_id": person })).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    detail
}

/// Sends a text message; answers it.
pub async fn send(who: &Client, conversation: i64, text: &str) -> Value {
    let client_id = format!("c-{}", rand_suffix());
    let (status, message) = who
        .post(&format!("/api/conversations/{conversation}/messages"), json!({"text": text, "client_id": client_id}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{message}");
    message
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The messages of a conversation the viewer may see (asserts 200).
pub async fn messages(who: &Client, conversation: i64) -> Vec<Value> {
    let (status, page) = who.get(&format!("/api/conversations/{conversation}/messages?limit=200")).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page["messages"].as_array().unwrap().clone()
}

/// The viewer's conversation list (asserts 200).
pub async fn list(who: &Client) -> Vec<Value> {
    let (status, list) = who.get("/api/conversations").await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list.as_array().unwrap().clone()
}

/// The row of `conversation` in the viewer's list.
pub async fn row(who: &Client, conversation: i64) -> Option<Value> {
    list(who).await.into_iter().find(|c| c["id"] == conversation)
}

/// A conversation's profile (asserts 200).
pub async fn detail(who: &Client, conversation: i64) -> Value {
    let (status, detail) = who.get(&format!("/api/conversations/{conversation}")).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    detail
}

/// The member of a profile that is `person`.
pub fn member(detail: &Value, person: i64) -> Option<Value> {
    detail["members"].as_array().unwrap().iter().find(|m| m["person_id"] == person).cloned()
}

/// Every event in the viewer's stream, oldest first (`GET /api/sync`).
pub async fn events(who: &Client) -> Vec<Value> {
    let mut since = 0;
    let mut all = Vec::new();
    loop {
        let (status, page) = who.get(&format!("/api/sync?since={since}&limit=1000")).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        for envelope in page["events"].as_array().unwrap() {
            all.push(envelope["event"].clone());
        }
        since = page["cursor"].as_i64().unwrap();
        if !page["has_more"].as_bool().unwrap() {
            return all;
        }
    }
}

/// Whether the viewer's stream has an event of `kind` about `conversation`.
pub async fn has_event(who: &Client, kind: &str, conversation: i64) -> bool {
    events(who).await.iter().any(|e| e["type"] == kind && e["conversation_id"] == conversation)
}

/// The system notes of `messages`, as their `type`s.
pub fn notes(messages: &[Value]) -> Vec<String> {
    messages
        .iter()
        .filter(|m| m["kind"] == "system")
        .map(|m| m["system"]["type"].as_str().unwrap().to_owned())
        .collect()
}

/// The organization's audit actions, newest first.
pub async fn audit_actions(admin: &Client, org: &Org) -> Vec<Value> {
    let (status, log) = admin.get(&format!("/api/admin/orgs/{}/audit", org.id)).await;
    assert_eq!(status, StatusCode::OK, "{log}");
    log.as_array().unwrap().clone()
}
