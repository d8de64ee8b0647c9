//! Who may do what with messages, read markers, attachments and exports: a
//! table of actors × operations × expected statuses, checked against the
//! running server.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod common_messages;

use common::*;
use common_messages::*;
use serde_json::{Value, json};

/// An operation on a conversation.
#[derive(Debug, Clone, Copy)]
enum Op {
    List,
    Send,
    Read,
    Upload,
    Download,
}

const OPS: [Op; 5] = [Op::List, Op::Send, Op::Read, Op::Upload, Op::Download];

/// What `client` gets for `op` in `conv`, whose sent attachment is
/// `attachment`: the status, and the error code for refusals ("404 not_found").
async fn attempt(client: &Client, op: Op, conv: i64, attachment: i64) -> String {
    let (status, body) = match op {
        Op::List => client.get(&format!("/api/conversations/{conv}/messages")).await,
        Op::Send => try_send(client, conv, "matrix").await,
        Op::Read => client.post(&format!("/api/conversations/{conv}/read"), json!({"seq": 1})).await,
        Op::Upload => upload(client, conv, "image/png", "m.png", png()).await,
        Op::Download => {
            let (status, _, bytes) = download(client, attachment).await;
            let body = if status.is_success() { Value::Null } else { serde_json::from_slice(&bytes).unwrap() };
            (status, body)
        }
    };
    outcome(status.as_u16(), &body)
}

/// "200", or "404 not_found" for an error body.
fn outcome(status: u16, body: &Value) -> String {
    match body["error"]["code"].as_str() {
        Some(code) => format!("{status} {code}"),
        None => status.to_string(),
    }
}

const OK: [&str; 5] = ["200", "201", "200", "201", "200"];
const HIDDEN: [&str; 5] = ["404 not_found"; 5];
const SIGNED_OUT: [&str; 5] = ["401 unauthenticated"; 5];
const NEEDS_SIGNIN: [&str; 5] = ["403 work_signin_required"; 5];
const NO_SHARE: [&str; 5] = ["200", "201", "200", "201", "403 policy_forbids"];

#[tokio::test]
async fn authorization_matrix_for_messages_attachments_and_exports() {
    let server = TestServer::start_with(&["operator", "operator2"]).await;
    let op = server.person("operator").await; // admin of Contoso, in none of its conversations
    let op2 = server.person("operator2").await; // admin of Fabrikam
    let contoso = create_org(&op, "Contoso", "contoso.com").await;
    create_org(&op2, "Fabrikam", "fabrikam.com").await;
    let anna = server.person("anna").await; // group admin
    let bo = server.person("bob").await; // member
    let eve = server.person("eve").await; // outsider
    join_org(&op, &contoso, &anna, "anna", false).await;
    join_org(&op, &contoso, &bo, "bob", false).await;
    let anonymous = server.client();

    // An org group (converted by anna) and a private group of the same people.
    let org_group = private_group(&anna, "Org group", &[&bo]).await;
    convert(&anna, org_group).await;
    let org_file = send_image(&anna, org_group).await["attachment"]["id"].as_i64().unwrap();
    let private = private_group(&anna, "Private group", &[&bo]).await;
    let private_file = send_image(&anna, private).await["attachment"]["id"].as_i64().unwrap();

    // Org groups whose policies close parts of them: work sign-in required
    // (dan is a personal account, a guest), and no sharing.
    let dan = server.person("dan").await;
    let signin_group = private_group(&anna, "Sign-in group", &[&bo, &dan]).await;
    convert(&anna, signin_group).await;
    let signin_file = send_image(&anna, signin_group).await["attachment"]["id"].as_i64().unwrap();
    set_group_policies(&anna, signin_group, json!({"require_work_signin": true})).await;
    let no_share = private_group(&anna, "No-share group", &[&bo]).await;
    convert(&anna, no_share).await;
    let no_share_file = send_image(&anna, no_share).await["attachment"]["id"].as_i64().unwrap();
    set_group_policies(&anna, no_share, json!({"allow_share": false})).await;

    let table: Vec<(&str, &Client, i64, i64, [&str; 5])> = vec![
        ("guest without a work sign-in / require_work_signin", &dan, signin_group, signin_file, NEEDS_SIGNIN),
        ("member signed in / require_work_signin", &bo, signin_group, signin_file, OK),
        ("member / allow_share off", &bo, no_share, no_share_file, NO_SHARE),
        ("admin of the owning org / allow_share off", &op, no_share, no_share_file, HIDDEN),
        ("signed out / org group", &anonymous, org_group, org_file, SIGNED_OUT),
        ("outsider / org group", &eve, org_group, org_file, HIDDEN),
        ("member / org group", &bo, org_group, org_file, OK),
        ("group admin / org group", &anna, org_group, org_file, OK),
        ("admin of the owning org, not a member / org group", &op, org_group, org_file, HIDDEN),
        ("admin of another org / org group", &op2, org_group, org_file, HIDDEN),
        ("signed out / private group", &anonymous, private, private_file, SIGNED_OUT),
        ("outsider / private group", &eve, private, private_file, HIDDEN),
        ("member / private group", &bo, private, private_file, OK),
        ("group admin / private group", &anna, private, private_file, OK),
        ("org admin facing a private group of its people", &op, private, private_file, HIDDEN),
        ("admin of another org / private group", &op2, private, private_file, HIDDEN),
    ];
    let mut wrong = Vec::new();
    for (who, client, conv, file, expected) in &table {
        for (op, want) in OPS.iter().zip(expected) {
            let got = attempt(client, *op, *conv, *file).await;
            if got != *want {
                wrong.push(format!("{who}: {op:?} answered {got}, expected {want}"));
            }
        }
    }

    // Exports: everyone signed in takes their own; only Contoso's admins its compliance export.
    let exports: Vec<(&str, &Client, &str, &str)> = vec![
        ("signed out", &anonymous, "401 unauthenticated", "401 unauthenticated"),
        ("outsider", &eve, "200", "403 forbidden"),
        ("member", &bo, "200", "403 forbidden"),
        ("group admin", &anna, "200", "403 forbidden"),
        ("admin of the owning org", &op, "200", "200"),
        ("admin of another org", &op2, "200", "403 forbidden"),
    ];
    for (who, client, personal, compliance) in &exports {
        let (status, body) = client.get("/api/me/export").await;
        let got = outcome(status.as_u16(), &body);
        if got != *personal {
            wrong.push(format!("{who}: personal export answered {got}, expected {personal}"));
        }
        let (status, body) = client.get(&format!("/api/admin/orgs/{}/export", contoso.id)).await;
        let got = outcome(status.as_u16(), &body);
        if got != *compliance {
            wrong.push(format!("{who}: compliance export answered {got}, expected {compliance}"));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));

    // What the org admin may export of the org group: only what the org owns.
    let (_, export) = op.get(&format!("/api/admin/orgs/{}/export", contoso.id)).await;
    let conversations: Vec<i64> =
        export["messages"].as_array().unwrap().iter().map(|m| m["conversation_id"].as_i64().unwrap()).collect();
    assert!(conversations.contains(&org_group));
    assert!(!conversations.contains(&private), "a private group never shows up: {export}");
}
