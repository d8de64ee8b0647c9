//! Organizations and the admin portal: creating organizations, who may use
//! the admin endpoints, tenant policies, enabling, the directory (JSON and CSV
//! import, dry run, removal) and the audit log.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod common_accounts;

use common::*;
use common_accounts::*;
use reqwest::StatusCode;
use samtal_core::events::{Event, RevocationReason};
use samtal_core::{ConversationId, OrgId};
use serde_json::{Value, json};

/// `op` with Contoso, and `boss`, an admin of Fabrikam only (through an admin directory entry).
struct Setup {
    op: Client,
    contoso: i64,
    fabrikam: i64,
    boss: Client,
}

async fn setup(server: &TestServer) -> Setup {
    let op = operator(server).await;
    let contoso = create_org(&op, "Contoso", "contoso.com").await;
    let fabrikam = create_org(&op, "Fabrikam", "fabrikam.com").await;
    let boss_entry = provision(&op, fabrikam, "fabrikam.com", "boss", "Fabrikam Boss", true).await;
    let boss = server.person("boss").await;
    sign_in_work(&boss, &boss_entry).await;
    Setup { op, contoso, fabrikam, boss }
}

fn audit_actions(audit: &Value) -> Vec<String> {
    audit.as_array().unwrap().iter().map(|a| a["action"].as_str().unwrap().to_owned()).collect()
}

fn row_errors(result: &Value) -> Vec<Option<String>> {
    result["results"].as_array().unwrap().iter().map(|r| r["error"]["code"].as_str().map(str::to_owned)).collect()
}

#[tokio::test]
async fn only_operators_create_organizations() {
    let server = start_server().await;
    let anna = server.person("anna").await;
    let body = json!({"name": "Contoso", "domain": "Contoso.COM", "description": "Contoso owns this conversation."});
    assert_error(&anna.post("/api/orgs", body.clone()).await, 403, "forbidden");
    assert_error(&server.client().post("/api/orgs", body.clone()).await, 401, "unauthenticated");

    let op = operator(&server).await;
    let (status, org) = op.post("/api/orgs", body.clone()).await;
    assert_eq!(status, 201, "{org}");
    let id = org["id"].as_i64().unwrap();
    assert_eq!(
        org,
        json!({"id": id, "name": "Contoso", "domain": "contoso.com", "description": "Contoso owns this conversation.",
               "enabled": true, "policies": {"allow_copy": true, "allow_share": true, "allow_forward": true,
               "require_work_signin": false, "missed_message_emails": true, "offline_cache_hours": 720, "password_signin": true,
               "edit_window_minutes": null, "delete_window_minutes": null, "admin_delete": true, "allow_reactions": true}})
    );
    let (_, fetched) = op.get(&format!("/api/admin/orgs/{id}")).await;
    assert_eq!(fetched, org);
    let (_, me) = op.get("/api/me").await;
    assert_eq!(me["admin_orgs"], json!([{"id": id, "name": "Contoso"}]));
    assert_eq!(events(&op).await, vec![Event::MeChanged]);

    let (_, audit) = op.get(&format!("/api/admin/orgs/{id}/audit")).await;
    assert_eq!(audit_actions(&audit), vec!["org_created"]);
    assert_eq!(audit[0]["actor"]["handle"], OPERATOR);
    assert_eq!(audit[0]["target"], "Contoso");
    assert_eq!(audit[0]["detail"]["domain"], "contoso.com");

    assert_error(&op.post("/api/orgs", json!({"name": "Other", "domain": "contoso.com"})).await, 409, "conflict");
    for bad in [
        json!({"name": "", "domain": "a.com"}),
        json!({"name": "x".repeat(101), "domain": "a.com"}),
        json!({"name": "A", "domain": "not a domain"}),
        json!({"name": "A", "domain": "localhost"}),
        json!({"name": "A", "domain": format!("{}.com", "a".repeat(300))}),
        json!({"name": "A", "domain": "a.com", "description": "d".repeat(1001)}),
        json!({"name": "A", "domain": "a.com", "description": "bell\u{7}"}),
    ] {
        assert_error(&op.post("/api/orgs", bad).await, 400, "invalid_input");
    }
    assert_error(&op.post("/api/orgs", json!({"name": "A"})).await, 400, "invalid_json");
    assert_error(&op.post("/api/orgs", json!({"name": 5, "domain": "a.com"})).await, 400, "invalid_json");
    assert_error(&op.post_raw("/api/orgs", "application/json", "[").await, 400, "invalid_json");
    let (_, me) = op.get("/api/me").await;
    assert_eq!(me["admin_orgs"].as_array().unwrap().len(), 1, "refused requests created nothing");
}

/// One admin endpoint: method, path under `/api/admin/orgs/{org}`, body.
struct Endpoint {
    method: &'static str,
    path: String,
    body: Value,
}

async fn call(client: &Client, endpoint: &Endpoint, org: i64) -> (StatusCode, Value) {
    let path = format!("/api/admin/orgs/{org}{}", endpoint.path);
    match endpoint.method {
        "GET" => client.get(&path).await,
        "PUT" => client.put(&path, endpoint.body.clone()).await,
        "POST" => client.post(&path, endpoint.body.clone()).await,
        "DELETE" => client.delete(&path).await,
        other => panic!("{other}"),
    }
}

#[tokio::test]
async fn every_admin_endpoint_checks_who_is_asking() {
    let server = start_server().await;
    let s = setup(&server).await;
    let plain = server.person("plain").await;
    let nobody = server.client();
    let (_, policies) = s.op.get(&format!("/api/admin/orgs/{}/policies", s.contoso)).await;
    let victim = provision(&s.op, s.contoso, "contoso.com", "victim", "Victim", false).await;
    let endpoints = [
        Endpoint { method: "GET", path: String::new(), body: Value::Null },
        Endpoint { method: "GET", path: "/policies".into(), body: Value::Null },
        Endpoint { method: "PUT", path: "/policies".into(), body: policies },
        Endpoint { method: "PUT", path: "/enabled".into(), body: json!({"enabled": true}) },
        Endpoint { method: "GET", path: "/directory".into(), body: Value::Null },
        Endpoint {
            method: "POST",
            path: "/directory?dry_run=true".into(),
            body: json!({"entries": [{"email": "new@contoso.com", "alias": "new", "display_name": "New"}]}),
        },
        Endpoint { method: "GET", path: "/audit".into(), body: Value::Null },
        Endpoint { method: "DELETE", path: format!("/directory/{}", victim.id), body: Value::Null },
    ];
    for endpoint in &endpoints {
        let what = format!("{} {}", endpoint.method, endpoint.path);
        let got = call(&nobody, endpoint, s.contoso).await;
        assert_eq!(got.1["error"]["code"], "unauthenticated", "{what}: {}", got.1);
        assert_eq!(got.0, 401, "{what}");
        let got = call(&plain, endpoint, s.contoso).await;
        assert_eq!((got.0.as_u16(), got.1["error"]["code"].clone()), (403, json!("forbidden")), "{what}: {}", got.1);
        // An admin of Fabrikam is nobody at Contoso.
        let got = call(&s.boss, endpoint, s.contoso).await;
        assert_eq!((got.0.as_u16(), got.1["error"]["code"].clone()), (403, json!("forbidden")), "{what}: {}", got.1);
        let got = call(&s.op, endpoint, 999_999).await;
        assert_eq!((got.0.as_u16(), got.1["error"]["code"].clone()), (404, json!("not_found")), "{what}: {}", got.1);
        let got = call(&s.op, endpoint, s.contoso).await;
        assert_eq!(got.0, 200, "{what}: {}", got.1);
    }
    // The refused removals left the entry alone until the admin removed it.
    let (_, audit) = s.op.get(&format!("/api/admin/orgs/{}/audit", s.contoso)).await;
    assert_eq!(audit_actions(&audit)[0], "directory_entry_removed");
    // Fabrikam's admin administers Fabrikam.
    let (status, org) = s.boss.get(&format!("/api/admin/orgs/{}", s.fabrikam)).await;
    assert_eq!((status.as_u16(), org["name"].clone()), (200, json!("Fabrikam")));
    // Bad org ids are bad input.
    assert_error(&s.op.get("/api/admin/orgs/contoso").await, 400, "invalid_input");
    assert_error(&s.op.get("/api/admin/orgs/-1").await, 404, "not_found");
}

#[tokio::test]
async fn tenant_policies_are_read_set_and_audited() {
    let server = start_server().await;
    let s = setup(&server).await;
    let path = format!("/api/admin/orgs/{}/policies", s.contoso);
    let (status, before) = s.op.get(&path).await;
    assert_eq!(status, 200);
    assert_eq!(
        before,
        json!({"allow_copy": true, "allow_share": true, "allow_forward": true, "require_work_signin": false,
               "missed_message_emails": true, "offline_cache_hours": 720, "password_signin": true,
               "edit_window_minutes": null, "delete_window_minutes": null, "admin_delete": true, "allow_reactions": true})
    );
    let new = json!({"allow_copy": false, "allow_share": true, "allow_forward": false, "require_work_signin": true,
                     "missed_message_emails": false, "offline_cache_hours": 168, "password_signin": true,
                     "edit_window_minutes": 15, "delete_window_minutes": 0, "admin_delete": false,
                     "allow_reactions": false});
    let (status, got) = s.op.put(&path, new.clone()).await;
    assert_eq!((status.as_u16(), got), (200, new.clone()));
    let (_, got) = s.op.get(&path).await;
    assert_eq!(got, new);
    let (_, org) = s.op.get(&format!("/api/admin/orgs/{}", s.contoso)).await;
    assert_eq!(org["policies"], new);
    // Fabrikam's policies are untouched.
    let (_, fabrikam) = s.boss.get(&format!("/api/admin/orgs/{}/policies", s.fabrikam)).await;
    assert_eq!(fabrikam, before);

    let (_, audit) = s.op.get(&format!("/api/admin/orgs/{}/audit", s.contoso)).await;
    assert_eq!(audit_actions(&audit)[0], "tenant_policies_changed");
    assert_eq!(audit[0]["detail"], json!({"old": before, "new": new}));
    // Saving the same policies again is not a change.
    s.op.put(&path, new.clone()).await;
    let (_, again) = s.op.get(&format!("/api/admin/orgs/{}/audit", s.contoso)).await;
    assert_eq!(again.as_array().unwrap().len(), audit.as_array().unwrap().len());

    assert_error(&s.op.put(&path, json!({"allow_copy": "no"})).await, 400, "invalid_json");
    assert_error(&s.op.put(&path, json!([])).await, 400, "invalid_json");
    let (_, got) = s.op.get(&path).await;
    assert_eq!(got, new);
}

#[tokio::test]
async fn policies_and_enabling_reach_everyone_in_the_organizations_conversations() {
    let server = start_server().await;
    let s = setup(&server).await;
    let anna_entry = provision(&s.op, s.contoso, "contoso.com", "anna", "Anna Berg", false).await;
    let anna = server.person("anna").await;
    sign_in_work(&anna, &anna_entry).await;
    // Eve, a personal account, is a guest in a Contoso group.
    let eve = server.person("eve").await;
    let eve_id = eve.id().await;
    let (status, group) =
        s.op.post(
            &format!("/api/admin/orgs/{}/groups", s.contoso),
            json!({"title": "Launch", "member_ids": [eve_id], "directory_entry_ids": [anna_entry.id]}),
        )
        .await;
    assert!(status.is_success(), "{group}");
    let group = ConversationId(group["id"].as_i64().unwrap());
    let (anna_before, eve_before) = (events(&anna).await.len(), events(&eve).await.len());

    let changed = Event::ConversationChanged { conversation_id: group };
    let policies = json!({"allow_copy": false});
    let (status, _) = s.op.put(&format!("/api/admin/orgs/{}/policies", s.contoso), policies).await;
    assert_eq!(status, 200);
    assert_eq!(events_after(&anna, anna_before).await, vec![changed.clone()]);
    assert_eq!(events_after(&eve, eve_before).await, vec![changed.clone()]);

    // Disabling: Anna is signed out; Eve, a guest, loses the organization's
    // conversations until it is enabled again.
    let path = format!("/api/admin/orgs/{}/enabled", s.contoso);
    s.op.put(&path, json!({"enabled": false})).await;
    let revoked = Event::OrgRevoked { org_id: OrgId(s.contoso), reason: RevocationReason::OrgDisabled };
    assert_eq!(events_after(&anna, anna_before + 1).await, vec![revoked.clone(), Event::MeChanged]);
    assert_eq!(events_after(&eve, eve_before + 1).await, vec![revoked]);
    s.op.put(&path, json!({"enabled": true})).await;
    assert_eq!(events_after(&eve, eve_before + 2).await, vec![Event::OrgEnabled { org_id: OrgId(s.contoso) }]);
    // Anna must sign in again to be a member.
    assert_eq!(events(&anna).await.len(), anna_before + 3);
    let (_, me) = anna.get("/api/me").await;
    assert!(me["work_account"].is_null());
    // Fabrikam's people heard nothing of it.
    let boss_events = events(&s.boss).await;
    assert_eq!(boss_events, vec![Event::MeChanged]);
}

#[tokio::test]
async fn json_import_answers_every_row() {
    let server = start_server().await;
    let s = setup(&server).await;
    provision(&s.op, s.contoso, "contoso.com", "taken", "Already Here", false).await;
    let result = import(
        &s.op,
        s.contoso,
        json!([
            {"email": "Anna@Contoso.com", "alias": "AnnaB", "display_name": " Anna Berg ", "designation": "CEO",
             "department": "Board", "is_admin": true},
            {"email": "bert@contoso.com", "alias": "bert", "display_name": "Bert", "password": "bert-password"},
            {"email": "not-an-email", "alias": "c", "display_name": "C"},
            {"email": "d@contoso.com", "alias": "has space", "display_name": "D"},
            {"email": "e@contoso.com", "alias": "e", "display_name": "   "},
            {"email": "anna@contoso.com", "alias": "anna2", "display_name": "Anna Again"},
            {"email": "f@contoso.com", "alias": "taken", "display_name": "F"},
            {"email": "taken@contoso.com", "alias": "g", "display_name": "G"},
            {"email": "h@contoso.com", "alias": "h", "display_name": "H", "password": "short"},
            {"email": "i@contoso.com", "alias": "i", "display_name": "I", "designation": "x".repeat(101)},
        ]),
    )
    .await;
    assert_eq!(result["dry_run"], false);
    assert_eq!(result["imported"], 2);
    let exists = Some("directory_entry_exists".to_owned());
    let invalid = Some("invalid_input".to_owned());
    assert_eq!(
        row_errors(&result),
        vec![
            None,
            None,
            invalid.clone(),
            invalid.clone(),
            invalid.clone(),
            exists.clone(),
            exists.clone(),
            exists,
            invalid.clone(),
            invalid
        ]
    );
    let rows = result["results"].as_array().unwrap();
    assert_eq!(rows.iter().map(|r| r["row"].as_u64().unwrap()).collect::<Vec<_>>(), (1..=10).collect::<Vec<_>>());
    assert_eq!(rows[0]["email"], "Anna@Contoso.com", "the e-mail as given");
    assert!(rows[2]["error"]["message"].as_str().unwrap().contains("not-an-email"));
    assert!(rows[2]["directory_entry_id"].is_null());
    // A generated password where none was given, none where one was.
    let generated = rows[0]["initial_password"].as_str().unwrap();
    assert!(generated.len() >= 12);
    assert!(rows[1]["initial_password"].is_null());

    let (_, directory) = s.op.get(&format!("/api/admin/orgs/{}/directory", s.contoso)).await;
    let directory = directory.as_array().unwrap();
    assert_eq!(directory.len(), 3);
    let anna = directory.iter().find(|e| e["alias"] == "annab").unwrap();
    assert_eq!(anna["id"], rows[0]["directory_entry_id"]);
    assert_eq!(anna["email"], "anna@contoso.com");
    assert_eq!(anna["display_name"], "Anna Berg");
    assert_eq!(anna["designation"], "CEO");
    assert_eq!(anna["department"], "Board");
    assert_eq!(anna["is_admin"], true);
    assert_eq!(anna["org_id"], s.contoso);
    assert!(anna["person_id"].is_null());

    // Both passwords work for signing in to the work accounts.
    let anna_person = server.person("anna").await;
    let (status, me) =
        anna_person.post("/api/me/work-account", json!({"email": "anna@contoso.com", "password": generated})).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["admin_orgs"][0]["id"], s.contoso, "an is_admin entry");
    let bert = server.person("bert").await;
    let (status, _) =
        bert.post("/api/me/work-account", json!({"email": "bert@contoso.com", "password": "bert-password"})).await;
    assert_eq!(status, 200);

    let (_, audit) = s.op.get(&format!("/api/admin/orgs/{}/audit", s.contoso)).await;
    assert_eq!(audit[0]["action"], "directory_imported");
    assert_eq!(audit[0]["detail"]["count"], 2);
}

#[tokio::test]
async fn csv_import_with_dry_run_preview() {
    let server = start_server().await;
    let s = setup(&server).await;
    let path = format!("/api/admin/orgs/{}/directory", s.contoso);
    let csv = "email,alias,display_name,designation,department,is_admin,password\n\
               anna@contoso.com,anna,\"Berg, Anna\",CEO,Board,true,\n\
               bert@contoso.com,bert,Bert,,,no,bert-password\n\
               cecilia@contoso.com,cecilia,Cecilia,,,perhaps,\n\
               bert@contoso.com,bert2,Bert Again,,,,\n";

    let (status, preview) = s.op.post_raw(&format!("{path}?dry_run=true"), "text/csv", csv).await;
    assert_eq!(status, 200, "{preview}");
    assert_eq!(preview["dry_run"], true);
    assert_eq!(preview["imported"], 2);
    assert_eq!(
        row_errors(&preview),
        vec![None, None, Some("invalid_input".into()), Some("directory_entry_exists".into())]
    );
    assert!(preview["results"].as_array().unwrap().iter().all(|r| r["directory_entry_id"].is_null()));
    let (_, directory) = s.op.get(&path).await;
    assert_eq!(directory, json!([]), "a dry run writes nothing");
    let (_, audit) = s.op.get(&format!("/api/admin/orgs/{}/audit", s.contoso)).await;
    assert_eq!(audit_actions(&audit), vec!["org_created"]);

    let (status, result) = s.op.post_raw(&path, "text/csv; charset=utf-8", csv).await;
    assert_eq!(status, 200, "{result}");
    assert_eq!(result["dry_run"], false);
    assert_eq!(result["imported"], 2);
    assert_eq!(row_errors(&result), row_errors(&preview));
    assert!(result["results"][0]["initial_password"].is_string());
    assert!(result["results"][1]["initial_password"].is_null());
    let (_, directory) = s.op.get(&path).await;
    let names: Vec<&str> = directory.as_array().unwrap().iter().map(|e| e["display_name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["Berg, Anna", "Bert"]);
    assert_eq!(directory[0]["is_admin"], true);
    assert_eq!(directory[1]["is_admin"], false);

    // Importing the same file again: every row exists already.
    let (_, again) = s.op.post_raw(&path, "text/csv", csv).await;
    assert_eq!(again["imported"], 0);
    assert_eq!(row_errors(&again)[0].as_deref(), Some("directory_entry_exists"));
    // Columns in any order, only the required ones, with a byte-order mark.
    let (_, result) =
        s.op.post_raw(&path, "text/csv", "\u{feff}display_name,email,alias\nDan,dan@contoso.com,dan\n").await;
    assert_eq!(result["imported"], 1, "{result}");
}

#[tokio::test]
async fn malformed_imports_are_refused_whole() {
    let server = start_server().await;
    let s = setup(&server).await;
    let path = format!("/api/admin/orgs/{}/directory", s.contoso);
    let cases: Vec<(&str, String, u16, &str)> = vec![
        ("text/csv", "email,alias,display_name\na@contoso.com,a\n".into(), 400, "invalid_input"),
        ("text/csv", "email,alias\na@contoso.com,a\n".into(), 400, "invalid_input"),
        ("text/csv", "email,alias,display_name,colour\n".into(), 400, "invalid_input"),
        ("text/csv", "email,alias,display_name\n".into(), 400, "invalid_input"),
        ("text/csv", String::new(), 400, "invalid_input"),
        ("application/json", "{\"entries\": [".into(), 400, "invalid_json"),
        ("application/json", "{\"entries\": [{\"email\": 5}]}".into(), 400, "invalid_json"),
        ("application/json", "{\"entries\": []}".into(), 400, "invalid_input"),
        ("application/json", "{}".into(), 400, "invalid_json"),
        ("text/plain", "hello".into(), 400, "invalid_json"),
    ];
    for (content_type, body, status, code) in cases {
        let got = s.op.post_raw(&path, content_type, body.clone()).await;
        assert_eq!((got.0.as_u16(), got.1["error"]["code"].clone()), (status, json!(code)), "{body:?}: {}", got.1);
    }
    // Invalid UTF-8 in a CSV.
    assert_error(
        &s.op.post_raw(&path, "text/csv", b"email,alias,display_name\n\xff\xfe,a,b\n".to_vec()).await,
        400,
        "invalid_input",
    );

    // More rows than an import takes.
    let mut csv = String::from("email,alias,display_name\n");
    for i in 0..5_001 {
        csv.push_str(&format!("p{i}@contoso.com,p{i},P {i}\n"));
    }
    assert_error(&s.op.post_raw(&path, "text/csv", csv).await, 413, "payload_too_large");
    let entries: Vec<Value> = (0..5_001)
        .map(|i| json!({"email": format!("p{i}@contoso.com"), "alias": format!("p{i}"), "display_name": "P"}))
        .collect();
    assert_error(&s.op.post(&path, json!({ "entries": entries })).await, 413, "payload_too_large");
    // More bytes than an import takes.
    let huge = format!("email,alias,display_name\n{}", "x".repeat(9 * 1024 * 1024));
    assert_error(&s.op.post_raw(&path, "text/csv", huge).await, 413, "payload_too_large");

    let (_, directory) = s.op.get(&path).await;
    assert_eq!(directory, json!([]), "nothing was imported");
}

#[tokio::test]
async fn the_directory_lists_and_filters() {
    let server = start_server().await;
    let s = setup(&server).await;
    for (alias, name) in [("zed", "Zed Olsson"), ("anna", "Anna Berg"), ("bo", "Bo Ström")] {
        provision(&s.op, s.contoso, "contoso.com", alias, name, false).await;
    }
    let path = format!("/api/admin/orgs/{}/directory", s.contoso);
    let (_, all) = s.op.get(&path).await;
    let names: Vec<&str> = all.as_array().unwrap().iter().map(|e| e["display_name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["Anna Berg", "Bo Ström", "Zed Olsson"]);
    let (_, filtered) = s.op.get(&format!("{path}?q=STRÖM")).await;
    assert_eq!(filtered.as_array().unwrap().len(), 1);
    assert_eq!(filtered[0]["alias"], "bo");
    let (_, filtered) = s.op.get(&format!("{path}?q=zed%40")).await;
    assert_eq!(filtered[0]["alias"], "zed");
    let (_, filtered) = s.op.get(&format!("{path}?q=")).await;
    assert_eq!(filtered.as_array().unwrap().len(), 3);
    assert_error(&s.op.get(&format!("{path}?q={}", "q".repeat(101))).await, 400, "invalid_input");
    // Fabrikam's directory holds only its own.
    let (_, fabrikam) = s.boss.get(&format!("/api/admin/orgs/{}/directory", s.fabrikam)).await;
    assert_eq!(fabrikam.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn removing_a_person_from_the_directory_revokes_at_once() {
    let server = start_server().await;
    let s = setup(&server).await;
    let entry = provision(&s.op, s.contoso, "contoso.com", "anna", "Anna Berg", false).await;
    let anna = server.person("anna").await;
    sign_in_work(&anna, &entry).await;
    let before = events(&anna).await.len();

    // Not through another organization's path.
    assert_error(
        &s.boss.delete(&format!("/api/admin/orgs/{}/directory/{}", s.fabrikam, entry.id)).await,
        404,
        "not_found",
    );
    let (_, me) = anna.get("/api/me").await;
    assert!(me["work_account"].is_object());

    let (status, done) = s.op.delete(&format!("/api/admin/orgs/{}/directory/{}", s.contoso, entry.id)).await;
    assert_eq!((status.as_u16(), done), (200, json!({"ok": true})));
    let (_, me) = anna.get("/api/me").await;
    assert!(me["work_account"].is_null(), "{me}");
    assert_eq!(
        events_after(&anna, before).await,
        vec![
            Event::OrgRevoked { org_id: OrgId(s.contoso), reason: RevocationReason::RemovedFromDirectory },
            Event::MeChanged
        ]
    );
    let (_, directory) = s.op.get(&format!("/api/admin/orgs/{}/directory", s.contoso)).await;
    assert_eq!(directory, json!([]));
    // The work account is gone: signing in to it fails.
    assert_error(
        &anna.post("/api/me/work-account", json!({"email": entry.email, "password": entry.password})).await,
        401,
        "invalid_credentials",
    );
    let (_, audit) = s.op.get(&format!("/api/admin/orgs/{}/audit", s.contoso)).await;
    assert_eq!(audit[0]["action"], "directory_entry_removed");
    assert_eq!(audit[0]["target"], "anna@contoso.com");
    assert_eq!(audit[0]["detail"]["signed_in"], true);

    assert_error(
        &s.op.delete(&format!("/api/admin/orgs/{}/directory/{}", s.contoso, entry.id)).await,
        404,
        "not_found",
    );
    assert_error(&s.op.delete(&format!("/api/admin/orgs/{}/directory/abc", s.contoso)).await, 400, "invalid_input");
    // An entry nobody signed in to is removed quietly.
    let unlinked = provision(&s.op, s.contoso, "contoso.com", "bert", "Bert", false).await;
    let (status, _) = s.op.delete(&format!("/api/admin/orgs/{}/directory/{}", s.contoso, unlinked.id)).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn disabling_an_organization_ends_every_sign_in() {
    let server = start_server().await;
    let s = setup(&server).await;
    let anna_entry = provision(&s.op, s.fabrikam, "fabrikam.com", "anna", "Anna Berg", false).await;
    let anna = server.person("anna").await;
    sign_in_work(&anna, &anna_entry).await;
    let anna_before = events(&anna).await.len();
    let boss_before = events(&s.boss).await.len();

    // Fabrikam's own admin turns it off, and is signed out with everyone else.
    let (status, org) = s.boss.put(&format!("/api/admin/orgs/{}/enabled", s.fabrikam), json!({"enabled": false})).await;
    assert_eq!(status, 200, "{org}");
    assert_eq!(org["enabled"], false);
    let revoked = Event::OrgRevoked { org_id: OrgId(s.fabrikam), reason: RevocationReason::OrgDisabled };
    assert_eq!(events_after(&anna, anna_before).await, vec![revoked.clone(), Event::MeChanged]);
    assert_eq!(events_after(&s.boss, boss_before).await, vec![revoked, Event::MeChanged]);
    let (_, me) = anna.get("/api/me").await;
    assert!(me["work_account"].is_null(), "{me}");
    let (_, me) = s.boss.get("/api/me").await;
    assert!(me["work_account"].is_null());
    assert_eq!(me["admin_orgs"], json!([]));
    assert_error(&s.boss.get(&format!("/api/admin/orgs/{}", s.fabrikam)).await, 403, "forbidden");
    assert_error(
        &anna.post("/api/me/work-account", json!({"email": anna_entry.email, "password": anna_entry.password})).await,
        403,
        "org_disabled",
    );
    // The directory stays, with nobody signed in.
    let path = format!("/api/admin/orgs/{}", s.fabrikam);
    let (_, directory) = s.op.get(&format!("{path}/directory")).await;
    assert_eq!(directory.as_array().unwrap().len(), 2);
    assert!(directory.as_array().unwrap().iter().all(|e| e["person_id"].is_null()));
    // Contoso is untouched.
    let (_, contoso) = s.op.get(&format!("/api/admin/orgs/{}", s.contoso)).await;
    assert_eq!(contoso["enabled"], true);

    // Disabling again changes nothing; the operator turns it back on.
    let (status, _) = s.op.put(&format!("{path}/enabled"), json!({"enabled": false})).await;
    assert_eq!(status, 200);
    let (status, org) = s.op.put(&format!("{path}/enabled"), json!({"enabled": true})).await;
    assert_eq!((status.as_u16(), org["enabled"].clone()), (200, json!(true)));
    sign_in_work(&anna, &anna_entry).await;

    let (_, audit) = s.op.get(&format!("{path}/audit")).await;
    let actions = audit_actions(&audit);
    assert_eq!(actions[..2], ["org_enabled".to_owned(), "org_disabled".to_owned()]);
    assert_eq!(audit[1]["detail"]["signed_out"], 2);
    assert_eq!(audit[1]["actor"]["handle"], "boss");
    assert_error(&s.op.put(&format!("{path}/enabled"), json!({"enabled": "no"})).await, 400, "invalid_json");
    assert_error(&s.op.put(&format!("{path}/enabled"), json!({})).await, 400, "invalid_json");
}

#[tokio::test]
async fn the_audit_log_is_newest_first_and_limited() {
    let server = start_server().await;
    let s = setup(&server).await;
    let path = format!("/api/admin/orgs/{}/audit", s.fabrikam);
    let (_, audit) = s.op.get(&path).await;
    assert_eq!(audit_actions(&audit), vec!["directory_imported", "org_created"]);
    assert!(audit[0]["id"].as_i64() > audit[1]["id"].as_i64());
    assert!(audit[0]["at"].as_i64() >= audit[1]["at"].as_i64());
    let (_, one) = s.op.get(&format!("{path}?limit=1")).await;
    assert_eq!(audit_actions(&one), vec!["directory_imported"]);
    for bad in ["0", "1001", "-1", "many"] {
        assert_error(&s.op.get(&format!("{path}?limit={bad}")).await, 400, "invalid_input");
    }
}

#[tokio::test]
async fn oversized_and_unknown_inputs_are_clear_errors() {
    let server = start_server().await;
    let s = setup(&server).await;
    let huge = "x".repeat(2 * 1024 * 1024);
    assert_error(
        &s.op.post_raw("/api/orgs", "application/json", format!("{{\"name\":\"{huge}\"}}")).await,
        413,
        "payload_too_large",
    );
    assert_error(
        &s.op.put(&format!("/api/admin/orgs/{}/policies", s.contoso), json!({"allow_copy": huge})).await,
        413,
        "payload_too_large",
    );
    let long = "x".repeat(10_000);
    let result = import(
        &s.op,
        s.contoso,
        json!([{"email": format!("{long}@contoso.com"), "alias": long, "display_name": long}]),
    )
    .await;
    assert_eq!(row_errors(&result), vec![Some("invalid_input".to_owned())]);
    assert_error(&s.op.get("/api/admin/orgs/999999/directory").await, 404, "not_found");
    assert_error(&s.op.get(&format!("/api/admin/orgs/{}/nothing", s.contoso)).await, 404, "not_found");
    assert_error(&s.op.delete(&format!("/api/admin/orgs/{}/directory/999999", s.contoso)).await, 404, "not_found");
}

#[tokio::test]
async fn the_openapi_document_lists_these_endpoints() {
    let server = start_server().await;
    let (status, doc) = server.client().get("/api/openapi.json").await;
    assert_eq!(status, 200);
    let paths = &doc["paths"];
    for (path, methods) in [
        ("/me", &["get"][..]),
        ("/me/email-settings", &["put"]),
        ("/me/work-account", &["post", "delete"]),
        ("/me/cache-keys", &["get"]),
        ("/search", &["get"]),
        ("/people/{person_id}", &["get"]),
        ("/contacts", &["get", "post"]),
        ("/contacts/{person_id}", &["delete"]),
        ("/orgs", &["post"]),
        ("/admin/orgs/{org_id}", &["get"]),
        ("/admin/orgs/{org_id}/policies", &["get", "put"]),
        ("/admin/orgs/{org_id}/enabled", &["put"]),
        ("/admin/orgs/{org_id}/directory", &["get", "post"]),
        ("/admin/orgs/{org_id}/directory/{directory_entry_id}", &["delete"]),
        ("/admin/orgs/{org_id}/audit", &["get"]),
    ] {
        for method in methods {
            assert!(paths[path][method].is_object(), "{method} {path} in {}", paths);
        }
    }
    let import = &paths["/admin/orgs/{org_id}/directory"]["post"]["requestBody"]["content"];
    assert!(import["text/csv"].is_object() && import["application/json"].is_object(), "{import}");
}
