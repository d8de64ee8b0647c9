//! Exports (rule 11): a person's own data, and an organization's compliance
//! export that never holds pre-conversion private messages.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod common_messages;

use common::*;
use common_messages::*;
use serde_json::{Value, json};

/// `GET /api/me/export`, checking it is served as a download.
async fn my_export(client: &Client) -> Value {
    let (status, headers, body) = get_raw(client, "/api/me/export").await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    assert_eq!(headers["content-disposition"], "attachment; filename=\"samtal-export.json\"");
    assert!(headers["content-type"].to_str().unwrap().starts_with("application/json"));
    serde_json::from_slice(&body).unwrap()
}

/// `GET /api/admin/orgs/{org}/export`.
async fn compliance(client: &Client, org: i64) -> (reqwest::StatusCode, Value) {
    client.get(&format!("/api/admin/orgs/{org}/export")).await
}

fn exported_texts(export: &Value) -> Vec<String> {
    export["messages"].as_array().unwrap().iter().filter_map(|m| m["text"].as_str().map(str::to_owned)).collect()
}

#[tokio::test]
async fn my_export_has_my_contacts_and_only_what_i_wrote() {
    let server = TestServer::start_with(&["operator"]).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;
    let chat = private_chat(&anna, &bo).await;
    send(&anna, chat, "from anna").await;
    send(&bo, chat, "from bo").await;
    let group = private_group(&bo, "Bo's group", &[&anna]).await;
    send(&anna, group, "anna in bo's group").await;
    send_image(&anna, group).await;

    let export = my_export(&anna).await;
    assert_eq!(export["person"]["handle"], "anna");
    assert_eq!(export["contacts"].as_array().unwrap().len(), 1);
    assert_eq!(export["contacts"][0]["person"]["handle"], "bob");
    assert_eq!(exported_texts(&export), vec!["from anna", "anna in bo's group"]);
    let messages = export["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 3, "system notes and others' messages stay out: {export}");
    assert!(messages.iter().all(|m| m["sender"]["handle"] == "anna"));
    assert_eq!(messages[0]["conversation_title"], "Bob", "a chat is named by the other person");
    assert_eq!(messages[1]["conversation_title"], "Bo's group");
    assert_eq!(messages[2]["attachment"]["kind"], "image");
    assert_eq!(export["withheld"], 0);

    let theirs = my_export(&bo).await;
    assert_eq!(exported_texts(&theirs), vec!["from bo"]);
    assert!(theirs["contacts"].as_array().unwrap().is_empty());
    assert_error(&server.client().get("/api/me/export").await, 401, "unauthenticated");
}

#[tokio::test]
async fn my_org_messages_are_exported_only_where_allow_share_allows() {
    let w = OrgWorld::new().await;
    let private = private_chat(&w.anna, &w.bo).await;
    send(&w.anna, private, "private note").await;
    let org_chat = org_chat(&w.anna, w.bo_entry).await;
    send(&w.anna, org_chat, "work note").await;
    let group = private_group(&w.anna, "Squad", &[&w.bo]).await;
    send(&w.anna, group, "before conversion").await;
    convert(&w.anna, group).await;
    send(&w.anna, group, "after conversion").await;

    let all = my_export(&w.anna).await;
    assert_eq!(exported_texts(&all), vec!["private note", "work note", "before conversion", "after conversion"]);
    assert_eq!(all["withheld"], 0);

    // The group says no: its org-owned messages stay; pre-conversion ones are the participants'.
    set_group_policies(&w.anna, group, json!({"allow_share": false})).await;
    let export = my_export(&w.anna).await;
    assert_eq!(exported_texts(&export), vec!["private note", "work note", "before conversion"]);
    assert_eq!(export["withheld"], 1);

    // The tenant says no: nothing the organization owns leaves.
    set_tenant_policies(&w.op, w.org.id, json!({"allow_share": false})).await;
    let export = my_export(&w.anna).await;
    assert_eq!(exported_texts(&export), vec!["private note", "before conversion"]);
    assert_eq!(export["withheld"], 2);
}

#[tokio::test]
async fn compliance_export_has_the_orgs_messages_and_never_pre_conversion_ones() {
    let w = OrgWorld::new().await;
    let dan = w.server.person("dan").await; // a personal account in the group
    let group = private_group(&w.anna, "Merger", &[&w.bo, &dan]).await;
    send(&w.anna, group, "pre 1").await;
    send(&dan, group, "pre 2").await;
    convert(&w.anna, group).await;
    send(&dan, group, "post 1").await;
    send(&w.bo, group, "post 2").await;
    let chat = org_chat(&w.anna, w.bo_entry).await;
    send(&w.bo, chat, "org chat").await;
    let private = private_chat(&w.anna, &w.bo).await;
    send(&w.anna, private, "private chat").await;
    let (status, headers, body) = get_raw(&w.op, &format!("/api/admin/orgs/{}/export", w.org.id)).await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    assert!(headers["content-disposition"].to_str().unwrap().starts_with("attachment;"));
    let export: Value = serde_json::from_slice(&body).unwrap();

    assert_eq!(export["org"]["id"], w.org.id);
    assert_eq!(export["org"]["name"], "Contoso");
    let texts = exported_texts(&export);
    for kept in ["post 1", "post 2", "org chat"] {
        assert!(texts.contains(&kept.to_owned()), "{kept} in {texts:?}");
    }
    for left_out in ["pre 1", "pre 2", "private chat"] {
        assert!(!texts.iter().any(|t| t == left_out), "{left_out} not in {texts:?}");
    }
    let messages = export["messages"].as_array().unwrap();
    assert!(messages.iter().all(|m| m["owner"] == json!({"type": "org", "org_id": w.org.id})), "{export}");
    let post1 = messages.iter().find(|m| m["text"] == "post 1").unwrap();
    assert_eq!(post1["conversation_title"], "Merger");
    assert_eq!(post1["sender"]["handle"], "dan");

    // Audited.
    let (status, audit) = w.op.get(&format!("/api/admin/orgs/{}/audit", w.org.id)).await;
    assert_eq!(status, 200, "{audit}");
    let entry = audit.as_array().unwrap().iter().find(|e| e["action"] == "compliance_export").cloned();
    let entry = entry.unwrap_or_else(|| panic!("no compliance_export in {audit}"));
    assert_eq!(entry["actor"]["handle"], "operator");
    assert_eq!(entry["detail"]["messages"], messages.len());
}

#[tokio::test]
async fn compliance_export_is_for_the_orgs_admins_only() {
    let server = TestServer::start_with(&["operator", "operator2"]).await;
    let op = server.person("operator").await;
    let op2 = server.person("operator2").await;
    let org = create_org(&op, "Contoso", "contoso.com").await;
    let _other = create_org(&op2, "Fabrikam", "fabrikam.com").await;
    let anna = server.person("anna").await;
    join_org(&op, &org, &anna, "anna", false).await;
    let boss = server.person("boss").await;
    join_org(&op, &org, &boss, "boss", true).await;

    assert_error(&compliance(&server.client(), org.id).await, 401, "unauthenticated");
    assert_error(&compliance(&anna, org.id).await, 403, "forbidden");
    assert_error(&compliance(&op2, org.id).await, 403, "forbidden");
    assert_error(&compliance(&op, 999_999).await, 404, "not_found");
    assert_error(&anna.get("/api/admin/orgs/abc/export").await, 400, "invalid_input");
    assert_eq!(compliance(&op, org.id).await.0, 200);
    // An admin by directory entry, while signed in to it.
    assert_eq!(compliance(&boss, org.id).await.0, 200);
    let (status, _) = boss.delete("/api/me/work-account").await;
    assert_eq!(status, 200);
    assert_error(&compliance(&boss, org.id).await, 403, "forbidden");
}
