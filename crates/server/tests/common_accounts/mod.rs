//! Helpers for the account and admin tests: organizations, directories,
//! work-account sign-in and reading a person's event stream.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, missing_docs)]

use samtal_core::events::Event;
use serde_json::{Value, json};

use crate::common::{Client, TestServer};

/// The operator's handle in these tests. (The harness names `op`, which
/// is shorter than a handle may be, so nobody can sign up as it.)
pub const OPERATOR: &str = "operator";

/// A server whose operator is [`OPERATOR`].
pub async fn start_server() -> TestServer {
    TestServer::start_with(&[OPERATOR]).await
}

/// The operator, signed up and signed in.
pub async fn operator(server: &TestServer) -> Client {
    server.person(OPERATOR).await
}

/// The operator creates an organization; answers its id.
pub async fn create_org(op: &Client, name: &str, domain: &str) -> i64 {
    let (status, org) = op
        .post("/api/orgs", json!({"name": name, "domain": domain, "description": format!("{name} owns this.")}))
        .await;
    assert_eq!(status, 201, "{org}");
    org["id"].as_i64().unwrap()
}

/// Imports JSON entries into `org`; answers the import result.
pub async fn import(admin: &Client, org: i64, entries: Value) -> Value {
    let (status, result) = admin.post(&format!("/api/admin/orgs/{org}/directory"), json!({ "entries": entries })).await;
    assert_eq!(status, 200, "{result}");
    result
}

/// A provisioned directory entry.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: i64,
    pub email: String,
    pub password: String,
}

/// Provisions `alias@domain` named `name` with a known password.
pub async fn provision(admin: &Client, org: i64, domain: &str, alias: &str, name: &str, is_admin: bool) -> Entry {
    let email = format!("{alias}@{domain}");
    let password = format!("{alias}-work-pass");
    let result = import(
        admin,
        org,
        json!([{"email": email, "alias": alias, "display_name": name, "designation": "Engineer",
                "department": "R&D", "is_admin": is_admin, "password": password}]),
    )
    .await;
    let row = &result["results"][0];
    assert!(row["error"].is_null(), "{result}");
    Entry { id: row["directory_entry_id"].as_i64().unwrap(), email, password }
}

/// Signs `client` in to the work account of `entry`; asserts it worked and answers `Me`.
pub async fn sign_in_work(client: &Client, entry: &Entry) -> Value {
    let (status, me) =
        client.post("/api/me/work-account", json!({"email": entry.email, "password": entry.password})).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["work_account"]["directory_entry_id"], entry.id, "{me}");
    me
}

/// Every event in the person's stream, oldest first, as `GET /api/sync?since=0` answers it.
pub async fn events(client: &Client) -> Vec<Event> {
    let (status, sync) = client.get("/api/sync?since=0&limit=1000").await;
    assert_eq!(status, 200, "{sync}");
    assert_eq!(sync["has_more"], false, "{sync}");
    sync["events"].as_array().unwrap().iter().map(|e| serde_json::from_value(e["event"].clone()).unwrap()).collect()
}

/// The events after the first `skip`.
pub async fn events_after(client: &Client, skip: usize) -> Vec<Event> {
    events(client).await.into_iter().skip(skip).collect()
}
