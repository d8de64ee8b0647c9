//! Directory provisioning by an identity provider (SCIM 2.0, `/scim/v2`)
//! through the real router: tokens, Users with their filters, pagination,
//! PUT and PATCH, deactivation while the person uses the app (rule 10),
//! deletion, the discovery endpoints, RFC 7644's error schema, and the
//! audit log.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod common_accounts;

use common::*;
use common_accounts::*;
use samtal_core::events::{Event, RevocationReason};
use samtal_core::{ConversationId, OrgId};
use serde_json::{Value, json};

const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/// A provider's view of the server: its bearer token.
struct Scim {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl Scim {
    async fn send(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut request = self.http.request(method, format!("{}/scim/v2{path}", self.base)).bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.header("Content-Type", "application/scim+json").body(body.to_string());
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        if status != 204 {
            let kind = response.headers()["content-type"].to_str().unwrap().to_owned();
            assert_eq!(kind, "application/scim+json", "{path}");
        }
        let text = response.text().await.unwrap();
        (status, if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap() })
    }
    async fn get(&self, path: &str) -> (u16, Value) {
        self.send(reqwest::Method::GET, path, None).await
    }
    async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.send(reqwest::Method::POST, path, Some(body)).await
    }
    async fn put(&self, path: &str, body: Value) -> (u16, Value) {
        self.send(reqwest::Method::PUT, path, Some(body)).await
    }
    async fn patch(&self, path: &str, operations: Value) -> (u16, Value) {
        let body = json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": operations});
        self.send(reqwest::Method::PATCH, path, Some(body)).await
    }
    async fn delete(&self, path: &str) -> (u16, Value) {
        self.send(reqwest::Method::DELETE, path, None).await
    }
}

#[track_caller]
fn assert_scim_error(got: &(u16, Value), status: u16, scim_type: Option<&str>) {
    assert_eq!(got.0, status, "{}", got.1);
    assert_eq!(got.1["schemas"], json!(["urn:ietf:params:scim:api:messages:2.0:Error"]), "{}", got.1);
    assert_eq!(got.1["status"], status.to_string(), "{}", got.1);
    assert_eq!(got.1["scimType"].as_str(), scim_type, "{}", got.1);
    assert!(got.1["detail"].as_str().is_some_and(|d| !d.is_empty()), "{}", got.1);
}

struct World {
    server: TestServer,
    admin: Client,
    org: i64,
    scim: Scim,
}

async fn token(server: &TestServer, admin: &Client, org: i64, name: &str) -> Scim {
    let (status, created) = admin.post(&format!("/api/admin/orgs/{org}/scim-tokens"), json!({"name": name})).await;
    assert_eq!(status, 201, "{created}");
    Scim {
        http: reqwest::Client::new(),
        base: format!("http://{}", server.addr),
        token: created["secret"].as_str().unwrap().to_owned(),
    }
}

async fn world() -> World {
    let server = start_server().await;
    let admin = operator(&server).await;
    let org = create_org(&admin, "Nordvik Energi", "nordvik.example").await;
    let scim = token(&server, &admin, org, "Entra provisioning").await;
    World { server, admin, org, scim }
}

/// A user as Entra ID sends it.
fn entra_user(user_name: &str, given: &str, family: &str) -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
        "externalId": format!("oid-{given}"),
        "userName": user_name,
        "active": true,
        "displayName": format!("{given} {family}"),
        "name": {"givenName": given, "familyName": family},
        "emails": [{"primary": true, "type": "work", "value": user_name}],
        "title": "Engineer",
        ENTERPRISE: {"department": "Grid"},
    })
}

async fn directory(w: &World) -> Vec<Value> {
    let (status, list) = w.admin.get(&format!("/api/admin/orgs/{}/directory", w.org)).await;
    assert_eq!(status, 200, "{list}");
    list.as_array().unwrap().clone()
}

async fn audit(w: &World) -> Vec<Value> {
    let (_, log) = w.admin.get(&format!("/api/admin/orgs/{}/audit", w.org)).await;
    log.as_array().unwrap().clone()
}

#[tokio::test]
async fn tokens_are_shown_once_listed_without_secret_and_revocable() {
    let w = world().await;
    assert!(w.scim.token.starts_with("scim_"));
    let (status, users) = w.scim.get("/Users").await;
    assert_eq!((status, users["totalResults"].clone()), (200, json!(0)), "{users}");

    let (_, settings) = w.admin.get(&format!("/api/admin/orgs/{}/sign-in", w.org)).await;
    let tokens = settings["scim_tokens"].as_array().unwrap();
    assert_eq!(tokens.len(), 1);
    assert_eq!(tokens[0]["name"], "Entra provisioning");
    assert!(tokens[0]["last_used_at"].is_i64(), "noted when used: {settings}");
    assert!(!settings.to_string().contains(&w.scim.token), "{settings}");
    assert!(settings["scim_base_url"].as_str().unwrap().ends_with("/scim/v2"));

    // No token, a wrong one, then a revoked one: 401 in SCIM's words.
    let anonymous = Scim { http: w.scim.http.clone(), base: w.scim.base.clone(), token: String::new() };
    assert_scim_error(&anonymous.get("/Users").await, 401, None);
    let wrong = Scim { http: w.scim.http.clone(), base: w.scim.base.clone(), token: "scim_wrong".into() };
    assert_scim_error(&wrong.get("/Users").await, 401, None);
    let id = tokens[0]["id"].as_i64().unwrap();
    let (status, after) = w.admin.delete(&format!("/api/admin/orgs/{}/scim-tokens/{id}", w.org)).await;
    assert_eq!((status.as_u16(), after["scim_tokens"].clone()), (200, json!([])));
    assert_scim_error(&w.scim.get("/Users").await, 401, None);
    assert_error(&w.admin.delete(&format!("/api/admin/orgs/{}/scim-tokens/{id}", w.org)).await, 404, "not_found");

    // Only the organization's admins manage them.
    let outsider = w.server.person("outsider").await;
    let refused = outsider.post(&format!("/api/admin/orgs/{}/scim-tokens", w.org), json!({"name": "x"})).await;
    assert_error(&refused, 403, "forbidden");
    let actions: Vec<_> = audit(&w).await.iter().map(|a| a["action"].as_str().unwrap().to_owned()).collect();
    assert!(actions.contains(&"scim_token_created".into()) && actions.contains(&"scim_token_revoked".into()));
}

#[tokio::test]
async fn users_are_provisioned_found_paged_and_updated() {
    let w = world().await;
    let (status, anna) = w.scim.post("/Users", entra_user("Anna.Berg@nordvik.example", "Anna", "Berg")).await;
    assert_eq!(status, 201, "{anna}");
    let id = anna["id"].as_str().unwrap().to_owned();
    assert_eq!(anna["active"], true);
    assert_eq!(anna[ENTERPRISE]["department"], "Grid");
    assert!(anna["meta"]["location"].as_str().unwrap().ends_with(&format!("/scim/v2/Users/{id}")));

    let entries = directory(&w).await;
    assert_eq!(entries.len(), 1);
    let entry = &entries[0];
    assert_eq!(
        (&entry["email"], &entry["alias"], &entry["display_name"], &entry["designation"], &entry["department"]),
        (
            &json!("anna.berg@nordvik.example"),
            &json!("anna.berg"),
            &json!("Anna Berg"),
            &json!("Engineer"),
            &json!("Grid")
        )
    );

    // Providers ask by userName before they create; it is case-insensitive.
    let (_, found) = w.scim.get("/Users?filter=userName%20eq%20%22anna.berg%40NORDVIK.example%22").await;
    assert_eq!((found["totalResults"].clone(), found["Resources"][0]["id"].clone()), (json!(1), json!(id)));
    let (_, by_external) = w.scim.get("/Users?filter=externalId%20eq%20%22oid-Anna%22").await;
    assert_eq!(by_external["totalResults"], 1);
    let duplicate = w.scim.post("/Users", entra_user("anna.berg@nordvik.example", "Anna", "Berg")).await;
    assert_scim_error(&duplicate, 409, Some("uniqueness"));

    // Pages: 1-based startIndex and a count.
    for (user, given) in [("bo@nordvik.example", "Bo"), ("cilla@nordvik.example", "Cilla")] {
        assert_eq!(w.scim.post("/Users", entra_user(user, given, "Ek")).await.0, 201);
    }
    let (_, page) = w.scim.get("/Users?startIndex=2&count=1").await;
    assert_eq!(
        (page["totalResults"].clone(), page["startIndex"].clone(), page["itemsPerPage"].clone()),
        (json!(3), json!(2), json!(1))
    );
    assert_eq!(page["Resources"][0]["userName"], "bo@nordvik.example");
    let (_, none) = w.scim.get("/Users?count=0").await;
    assert_eq!((none["totalResults"].clone(), none["Resources"].clone()), (json!(3), json!([])));

    // PUT replaces; PATCH as Entra sends it.
    let mut changed = entra_user("anna.berg@nordvik.example", "Anna", "Berg");
    changed["title"] = json!("Lead engineer");
    let (status, put) = w.scim.put(&format!("/Users/{id}"), changed).await;
    assert_eq!((status, put["title"].clone()), (200, json!("Lead engineer")), "{put}");
    let (status, patched) = w
        .scim
        .patch(
            &format!("/Users/{id}"),
            json!([
                {"op": "Replace", "path": "displayName", "value": "Anna Berg-Lund"},
                {"op": "Replace", "path": format!("{ENTERPRISE}:department"), "value": "Trading"},
                {"op": "Add", "path": "nickName", "value": "annab"},
            ]),
        )
        .await;
    assert_eq!(status, 200, "{patched}");
    let entry = directory(&w).await.into_iter().find(|e| e["email"] == "anna.berg@nordvik.example").unwrap();
    assert_eq!(
        (&entry["display_name"], &entry["designation"], &entry["department"], &entry["alias"]),
        (&json!("Anna Berg-Lund"), &json!("Lead engineer"), &json!("Trading"), &json!("annab"))
    );
    // Search finds the new name.
    let admin_search = w.admin.get(&format!("/api/admin/orgs/{}/directory?q=berg-lund", w.org)).await;
    assert_eq!(admin_search.1.as_array().map(Vec::len), Some(1), "{}", admin_search.1);

    // Taking someone else's alias or e-mail is refused and changes nothing.
    let taken =
        w.scim.patch(&format!("/Users/{id}"), json!([{"op": "replace", "path": "nickName", "value": "bo"}])).await;
    assert_scim_error(&taken, 409, Some("uniqueness"));
    assert_eq!(w.scim.get(&format!("/Users/{id}")).await.1["nickName"], "annab");

    // Every change is in the audit log as SCIM and the token's name.
    let log = audit(&w).await;
    let scim_entries: Vec<_> = log.iter().filter(|a| a["action"].as_str().unwrap().starts_with("scim_user")).collect();
    assert_eq!(scim_entries.len(), 5, "{log:?}");
    assert!(scim_entries.iter().all(|a| a["actor_label"] == "SCIM · Entra provisioning" && a["actor"].is_null()));
}

#[tokio::test]
async fn deactivating_a_signed_in_person_closes_the_organization_to_them() {
    let w = world().await;
    // Anna was imported with a password before the provider took over, and uses the app.
    let entry = provision(&w.admin, w.org, "nordvik.example", "anna", "Anna Berg", false).await;
    let anna = w.server.person("annab").await;
    sign_in_work(&anna, &entry).await;
    let (status, group) = w
        .admin
        .post(
            &format!("/api/admin/orgs/{}/groups", w.org),
            json!({"title": "Grid operations", "directory_entry_ids": [entry.id]}),
        )
        .await;
    assert_eq!(status, 201, "{group}");
    let group = ConversationId(group["id"].as_i64().unwrap());

    // The provider adopts her entry: same id, its attributes.
    let (status, user) = w.scim.post("/Users", entra_user(&entry.email, "Anna", "Berg")).await;
    assert_eq!(status, 201, "{user}");
    let id = user["id"].as_str().unwrap().to_owned();
    let (_, me) = anna.get("/api/me").await;
    assert_eq!(me["work_account"]["directory_entry_id"], entry.id);
    assert_eq!(me["work_account"]["designation"], "Engineer");

    let before = events(&anna).await.len();
    let (status, off) =
        w.scim.patch(&format!("/Users/{id}"), json!([{"op": "Replace", "path": "active", "value": "False"}])).await;
    assert_eq!((status, off["active"].clone()), (200, json!(false)), "{off}");
    let revoked = events_after(&anna, before).await;
    assert!(
        revoked.contains(&Event::ConversationRevoked {
            conversation_id: group,
            reason: RevocationReason::RemovedFromDirectory
        }),
        "{revoked:?}"
    );
    assert!(
        revoked.contains(&Event::OrgRevoked { org_id: OrgId(w.org), reason: RevocationReason::RemovedFromDirectory }),
        "{revoked:?}"
    );
    let (_, me) = anna.get("/api/me").await;
    assert_eq!(me["work_account"], Value::Null);
    assert_error(&anna.get(&format!("/api/conversations/{}", group.0)).await, 404, "not_found");
    assert!(directory(&w).await.is_empty());

    // The user is still there for the provider, inactive, and can come back.
    let (status, kept) = w.scim.get(&format!("/Users/{id}")).await;
    assert_eq!((status, kept["active"].clone(), kept["userName"].clone()), (200, json!(false), json!(entry.email)));
    let (status, on) =
        w.scim.patch(&format!("/Users/{id}"), json!([{"op": "replace", "value": {"active": true}}])).await;
    assert_eq!((status, on["active"].clone()), (200, json!(true)), "{on}");
    assert_eq!(directory(&w).await.len(), 1);

    // Deleting removes her for good.
    assert_eq!(w.scim.delete(&format!("/Users/{id}")).await.0, 204);
    assert_scim_error(&w.scim.get(&format!("/Users/{id}")).await, 404, None);
    assert!(directory(&w).await.is_empty());
    let actions: Vec<_> = audit(&w).await.iter().map(|a| a["action"].as_str().unwrap().to_owned()).collect();
    for action in ["scim_user_created", "scim_user_deactivated", "scim_user_reactivated", "scim_user_deleted"] {
        assert!(actions.contains(&action.to_owned()), "{action}: {actions:?}");
    }
}

#[tokio::test]
async fn another_organizations_token_sees_nothing() {
    let w = world().await;
    let (_, anna) = w.scim.post("/Users", entra_user("anna@nordvik.example", "Anna", "Berg")).await;
    let id = anna["id"].as_str().unwrap();
    let other = create_org(&w.admin, "Contoso", "contoso.example").await;
    let theirs = token(&w.server, &w.admin, other, "Okta").await;
    assert_eq!(theirs.get("/Users").await.1["totalResults"], 0);
    assert_scim_error(&theirs.get(&format!("/Users/{id}")).await, 404, None);
    assert_scim_error(&theirs.delete(&format!("/Users/{id}")).await, 404, None);
    let patch =
        theirs.patch(&format!("/Users/{id}"), json!([{"op": "replace", "path": "active", "value": false}])).await;
    assert_scim_error(&patch, 404, None);
    assert_eq!(w.scim.get(&format!("/Users/{id}")).await.1["active"], true);
}

#[tokio::test]
async fn bad_requests_get_scim_errors() {
    let w = world().await;
    assert_scim_error(&w.scim.get("/Users?filter=title%20eq%20%22x%22").await, 400, Some("invalidFilter"));
    assert_scim_error(&w.scim.get("/Users?startIndex=first").await, 400, Some("invalidValue"));
    assert_scim_error(&w.scim.post("/Users", json!({"displayName": "No name"})).await, 400, Some("invalidValue"));
    assert_scim_error(&w.scim.post("/Users", json!({"userName": "no-address"})).await, 400, Some("invalidValue"));
    let raw = w
        .scim
        .http
        .post(format!("{}/scim/v2/Users", w.scim.base))
        .bearer_auth(&w.scim.token)
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 400);
    let (_, anna) = w.scim.post("/Users", entra_user("anna@nordvik.example", "Anna", "Berg")).await;
    let id = anna["id"].as_str().unwrap();
    let bad_op = w.scim.patch(&format!("/Users/{id}"), json!([{"op": "move", "path": "title"}])).await;
    assert_scim_error(&bad_op, 400, Some("invalidSyntax"));
    let bad_path =
        w.scim.patch(&format!("/Users/{id}"), json!([{"op": "replace", "path": "emails[type", "value": "x"}])).await;
    assert_scim_error(&bad_path, 400, Some("invalidPath"));
    assert_scim_error(&w.scim.get("/Users/not-a-number").await, 404, None);
    assert_scim_error(&w.scim.get("/Groups").await, 404, None);
}

#[tokio::test]
async fn the_server_describes_itself() {
    let w = world().await;
    let (status, config) = w.scim.get("/ServiceProviderConfig").await;
    assert_eq!(status, 200);
    assert_eq!(
        (config["patch"]["supported"].clone(), config["bulk"]["supported"].clone()),
        (json!(true), json!(false))
    );
    assert_eq!(config["authenticationSchemes"][0]["type"], "oauthbearertoken");
    let (_, types) = w.scim.get("/ResourceTypes").await;
    assert_eq!(types["Resources"][0]["endpoint"], "/Users");
    assert_eq!(types["totalResults"], 1);
    let (_, schemas) = w.scim.get("/Schemas").await;
    let ids: Vec<_> = schemas["Resources"].as_array().unwrap().iter().map(|s| s["id"].clone()).collect();
    assert_eq!(ids, vec![json!("urn:ietf:params:scim:schemas:core:2.0:User"), json!(ENTERPRISE)]);
    let (status, user_schema) = w.scim.get("/Schemas/urn:ietf:params:scim:schemas:core:2.0:User").await;
    assert_eq!((status, user_schema["name"].clone()), (200, json!("User")));
    assert_scim_error(&w.scim.get("/ResourceTypes/Group").await, 404, None);
}
