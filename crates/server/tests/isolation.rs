//! Cross-tenant isolation, from outside: two organizations and a private
//! group. For every GET endpoint of the OpenAPI document, every id of the
//! other organization's and the private group's things is tried in every
//! path parameter, as a member and as an admin of the first organization,
//! and as someone in no organization.
//! No answer may carry the other side's data, which is marked so that any
//! leak is found by a search of the raw answer.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod common_messages;

use std::collections::BTreeSet;

use common::*;
use common_messages::*;
use serde_json::json;

/// Everything of the other side carries this, in text, names and bytes.
const MARK: &str = "ZQXSECRET";

fn marked(what: &str) -> String {
    format!("{MARK}-{what}")
}

#[tokio::test]
async fn no_get_endpoint_shows_another_organization_or_a_private_group_to_outsiders() {
    let server = TestServer::start_with(&["operator"]).await;
    let op = server.person("operator").await;
    let acme = create_org(&op, "Acme", "acme.test").await;
    let beta = create_org(&op, "Beta", "beta.test").await;

    // Acme's people: the ones who will look.
    let acme_admin = server.person("acmeadmin").await;
    let acme_member = server.person("acmemember").await;
    join_org(&op, &acme, &acme_admin, "acmeadmin", true).await;
    join_org(&op, &acme, &acme_member, "acmemember", false).await;

    // Beta's things, all marked: a directory, an org chat with a message and
    // a file, an org group, an audit trail.
    let b1 = server.person("betaone").await;
    let b2 = server.person("betatwo").await;
    let mut ids = BTreeSet::new();
    ids.insert(beta.id);
    let (status, result) = op
        .post(
            &format!("/api/admin/orgs/{}/directory", beta.id),
            json!({"entries": [
                {"email": "betaone@beta.test", "alias": "betaone", "display_name": "Beta One",
                 "designation": marked("designation"), "department": marked("department"), "password": "betaone-work-pass"},
                {"email": "betatwo@beta.test", "alias": "betatwo", "display_name": "Beta Two",
                 "designation": marked("designation"), "department": marked("department"), "password": "betatwo-work-pass"},
                {"email": format!("{}@beta.test", "unlinked"), "alias": "unlinked", "display_name": "Nobody Yet",
                 "designation": marked("designation"), "department": marked("department")}
            ]}),
        )
        .await;
    assert_eq!(status, 200, "{result}");
    for row in result["results"].as_array().unwrap() {
        ids.insert(row["directory_entry_id"].as_i64().unwrap());
    }
    for (who, alias) in [(&b1, "betaone"), (&b2, "betatwo")] {
        let (status, me) = who
            .post(
                "/api/me/work-account",
                json!({"email": format!("{alias}@beta.test"), "password": format!("{alias}-work-pass")}),
            )
            .await;
        assert_eq!(status, 200, "{me}");
        ids.insert(who.id().await);
    }
    let b2_entry = result["results"][1]["directory_entry_id"].as_i64().unwrap();
    let beta_chat = org_chat(&b1, b2_entry).await;
    ids.insert(beta_chat);
    let (status, attachment) =
        upload(&b1, beta_chat, "image/png", &marked("file.png"), [png(), marked("bytes").into_bytes()].concat()).await;
    assert_eq!(status, 201, "{attachment}");
    ids.insert(attachment["id"].as_i64().unwrap());
    let (status, message) = b1
        .post(
            &format!("/api/conversations/{beta_chat}/messages"),
            json!({"text": marked("org message"), "client_id": "b1", "attachment_id": attachment["id"]}),
        )
        .await;
    assert_eq!(status, 201, "{message}");
    ids.insert(message["id"].as_i64().unwrap());
    let b2_id = b2.id().await;
    let (status, group) = op
        .post(
            &format!("/api/admin/orgs/{}/groups", beta.id),
            json!({"title": marked("org group"), "member_ids": [b2_id]}),
        )
        .await;
    assert_eq!(status, 201, "{group}");
    ids.insert(group["id"].as_i64().unwrap());

    // A private group of two people outside both organizations.
    let p1 = server.person("privone").await;
    let p2 = server.person("privtwo").await;
    ids.insert(p1.id().await);
    ids.insert(p2.id().await);
    let p2_id = p2.id().await;
    let (status, _) = p1.post("/api/contacts", json!({"person_id": p2_id})).await;
    assert!(status.is_success());
    let private = private_group(&p1, &marked("private group"), &[&p2]).await;
    ids.insert(private);
    let (status, file) = upload(
        &p1,
        private,
        "image/png",
        &marked("private.png"),
        [png(), marked("private bytes").into_bytes()].concat(),
    )
    .await;
    assert_eq!(status, 201, "{file}");
    ids.insert(file["id"].as_i64().unwrap());
    let (status, message) = p1
        .post(
            &format!("/api/conversations/{private}/messages"),
            json!({"text": marked("private message"), "client_id": "p1", "attachment_id": file["id"]}),
        )
        .await;
    assert_eq!(status, 201, "{message}");
    ids.insert(message["id"].as_i64().unwrap());
    // Ids near the others', in case one names a thing by another's number.
    let highest = *ids.iter().max().unwrap();
    ids.extend(1..=highest + 3);

    // Every GET of the document, every id in every path parameter, as each role.
    let (_, doc) = samtal_server::routes::api();
    let mut paths: Vec<String> =
        doc.paths.paths.iter().filter(|(_, item)| item.get.is_some()).map(|(path, _)| path.clone()).collect();
    paths.retain(|p| p != "/events"); // A WebSocket; its content is /sync's.
    let queries = ["", "?q=ZQX", "?q=beta", "?since=0", "?after=0&limit=200", "?limit=1000"];
    let mut requests = 0;
    let outsider = server.person("outsider").await;
    for (role, client) in
        [("Acme's admin", &acme_admin), ("Acme's member", &acme_member), ("someone in no organization", &outsider)]
    {
        for path in &paths {
            let params: Vec<&str> =
                path.match_indices('{').map(|(i, _)| &path[i..=i + path[i..].find('}').unwrap()]).collect();
            let mut fills = vec![path.clone()];
            for param in &params {
                fills = fills
                    .iter()
                    .flat_map(|p| ids.iter().map(move |id| p.replacen(param, &id.to_string(), 1)))
                    .collect();
            }
            for filled in &fills {
                for query in queries {
                    let url = format!("/api{filled}{query}");
                    let (_, _, bytes) = get_raw(client, &url).await;
                    requests += 1;
                    let body = String::from_utf8_lossy(&bytes);
                    assert!(!body.contains(MARK), "{role}: GET {url} carries the other side's data: {body}");
                }
            }
        }
    }
    // The other side sees its own things: the marks are where they should be.
    let (_, _, own) = get_raw(&b2, &format!("/api/conversations/{beta_chat}/messages")).await;
    assert!(String::from_utf8_lossy(&own).contains(MARK));
    let (_, _, own) = get_raw(&p2, &format!("/api/conversations/{private}/messages")).await;
    assert!(String::from_utf8_lossy(&own).contains(MARK));
    println!(
        "isolation sweep: {requests} GET requests over {} endpoints, none carried the other side's data",
        paths.len()
    );
}
