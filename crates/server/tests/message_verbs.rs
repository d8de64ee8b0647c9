//! The verbs on a message: reply, edit, delete for everyone (the sender's,
//! and the admins' in organization conversations), delete for me, and
//! reactions — each following who owns the conversation, and a deleted or
//! edited message's old content gone from every place a member could read
//! it (pages, `/api/sync`, quotes, downloads).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod common_messages;

use common::*;
use common_messages::*;
use serde_json::{Value, json};

fn message_path(conv: i64, message: &Value) -> String {
    format!("/api/conversations/{conv}/messages/{}", message["id"])
}

async fn edit(client: &Client, conv: i64, message: &Value, text: &str) -> (reqwest::StatusCode, Value) {
    client.patch(&message_path(conv, message), json!({ "text": text })).await
}

async fn delete(client: &Client, conv: i64, message: &Value) -> (reqwest::StatusCode, Value) {
    client.delete(&message_path(conv, message)).await
}

async fn reply(client: &Client, conv: i64, to: &Value, text: &str) -> (reqwest::StatusCode, Value) {
    client
        .post(
            &format!("/api/conversations/{conv}/messages"),
            json!({ "text": text, "client_id": cid(), "reply_to": to["id"] }),
        )
        .await
}

async fn react(client: &Client, conv: i64, message: &Value, emoji: &str, on: bool) -> (reqwest::StatusCode, Value) {
    let path = format!("{}/reactions/{}", message_path(conv, message), urlencode(emoji));
    if on { client.put(&path, json!({})).await } else { client.delete(&path).await }
}

fn urlencode(text: &str) -> String {
    text.bytes().map(|b| format!("%{b:02X}")).collect()
}

/// The message with `id` as `client` reads it in the conversation's page.
async fn as_seen(client: &Client, conv: i64, id: &Value) -> Option<Value> {
    all_messages(client, conv).await.into_iter().find(|m| &m["id"] == id)
}

/// Every event payload `client` can still read from the start of their stream.
async fn synced(client: &Client) -> String {
    let (status, body) = client.get("/api/sync?since=0&limit=1000").await;
    assert_eq!(status, 200, "{body}");
    body.to_string()
}

#[tokio::test]
async fn a_reply_quotes_its_original_and_only_one_of_the_same_conversation() {
    let server = TestServer::start_with(&["operator"]).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;
    let group = private_group(&anna, "Friends", &[&bo]).await;
    let elsewhere = private_chat(&anna, &bo).await;
    let original = send(&bo, group, "Dinner at seven?").await;
    let other = send(&bo, elsewhere, "Somewhere else").await;

    let (status, answer) = reply(&anna, group, &original, "Yes!").await;
    assert_eq!(status, 201, "{answer}");
    assert_eq!(answer["reply_to"]["id"], original["id"]);
    assert_eq!(answer["reply_to"]["seq"], original["seq"]);
    assert_eq!(answer["reply_to"]["text"], "Dinner at seven?");
    assert_eq!(answer["reply_to"]["sender"]["handle"], "bob");
    assert_eq!(answer["reply_to"]["deleted"], false);
    let seen = as_seen(&bo, group, &answer["id"]).await.unwrap();
    assert_eq!(seen["reply_to"]["text"], "Dinner at seven?", "{seen}");

    assert_error(&reply(&anna, group, &other, "Wrong place").await, 422, "rule_violation");
    assert_error(&reply(&anna, group, &json!({"id": 999_999}), "Nothing").await, 422, "rule_violation");
    let notes = all_messages(&anna, group).await;
    let note = notes.iter().find(|m| m["kind"] == "system").unwrap();
    assert_error(&reply(&anna, group, note, "To a note").await, 400, "invalid_input");
}

#[tokio::test]
async fn the_sender_edits_and_every_member_sees_only_the_new_text() {
    let server = TestServer::start_with(&["operator"]).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;
    let chat = private_chat(&anna, &bo).await;
    let message = send(&anna, chat, "See you tomorow").await;
    let (_, quoting) = reply(&bo, chat, &message, "Sure").await;

    let (status, edited) = edit(&anna, chat, &message, "See you tomorrow").await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(edited["text"], "See you tomorrow");
    assert!(edited["edited_at"].as_i64().is_some(), "{edited}");
    let seen = as_seen(&bo, chat, &message["id"]).await.unwrap();
    assert_eq!((seen["text"].as_str(), seen["edited_at"].is_i64()), (Some("See you tomorrow"), true));
    let quote = as_seen(&bo, chat, &quoting["id"]).await.unwrap();
    assert_eq!(quote["reply_to"]["text"], "See you tomorrow", "the quote follows the edit");

    // A private conversation keeps nothing of the old text, not even in the event log.
    for who in [&anna, &bo] {
        let log = synced(who).await;
        assert!(!log.contains("tomorow"), "{log}");
        assert!(log.contains("message_changed"), "{log}");
    }

    assert_error(&edit(&bo, chat, &message, "Mine now").await, 403, "not_your_message");
    assert_error(&edit(&anna, chat, &message, "  ").await, 400, "invalid_input");
    assert_error(&edit(&anna, chat, &json!({"id": 999_999}), "Gone").await, 404, "not_found");
    let stranger = server.person("carl").await;
    assert_error(&edit(&stranger, chat, &message, "Hi").await, 404, "not_found");
}

#[tokio::test]
async fn a_deleted_message_is_a_tombstone_everywhere_a_member_could_read_it() {
    let server = TestServer::start_with(&["operator"]).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;
    let group = private_group(&anna, "Friends", &[&bo]).await;
    let secret = send(&bo, group, "The door code is 4711").await;
    let (_, quoting) = reply(&anna, group, &secret, "Thanks").await;
    let image = send_image(&bo, group).await;
    let attachment = image["attachment"]["id"].as_i64().unwrap();

    assert_error(&delete(&anna, group, &secret).await, 403, "not_your_message");
    let (status, body) = delete(&bo, group, &secret).await;
    assert_eq!(status, 200, "{body}");
    for who in [&anna, &bo] {
        let seen = as_seen(who, group, &secret["id"]).await.unwrap();
        assert_eq!(seen["text"], Value::Null, "{seen}");
        assert_eq!(seen["deleted"]["by"], "sender", "{seen}");
        let quote = as_seen(who, group, &quoting["id"]).await.unwrap();
        assert_eq!(
            (quote["reply_to"]["text"].clone(), quote["reply_to"]["deleted"].clone()),
            (Value::Null, json!(true))
        );
        let log = synced(who).await;
        assert!(!log.contains("4711"), "the event log keeps nothing of it: {log}");
    }
    assert_error(&delete(&bo, group, &secret).await, 403, "message_deleted");
    assert_error(&edit(&bo, group, &secret, "again").await, 403, "message_deleted");
    assert_error(&reply(&anna, group, &secret, "To nothing").await, 403, "message_deleted");

    // A private message's file goes with it.
    let (status, _) = delete(&bo, group, &image).await;
    assert_eq!(status, 200);
    let (status, _, _) = download(&anna, attachment).await;
    assert_eq!(status, 404);
    let (status, _, _) = download(&bo, attachment).await;
    assert_eq!(status, 404, "not even its uploader gets it back");
    assert_eq!(as_seen(&anna, group, &image["id"]).await.unwrap()["attachment"], Value::Null);
}

#[tokio::test]
async fn the_delete_and_edit_windows_follow_the_policies() {
    let world = OrgWorld::new().await;
    let (op, anna, bo) = (&world.op, &world.anna, &world.bo);
    let chat = org_chat(anna, world.bo_entry).await;
    let message = send(anna, chat, "First").await;
    set_tenant_policies(op, world.org.id, json!({"edit_window_minutes": 0, "delete_window_minutes": 0})).await;
    assert_error(&edit(anna, chat, &message, "Changed").await, 403, "window_closed");
    assert_error(&delete(anna, chat, &message).await, 403, "window_closed");
    let (_, summary) = anna.get(&format!("/api/conversations/{chat}")).await;
    let caps = &summary["capabilities"];
    assert_eq!((caps["edit"].clone(), caps["delete"].clone()), (json!(false), json!(false)), "{caps}");
    assert_eq!(caps["restricted_by"]["edit"], "tenant", "{caps}");

    set_tenant_policies(op, world.org.id, json!({"edit_window_minutes": 60})).await;
    let (status, edited) = edit(anna, chat, &message, "Changed").await;
    assert_eq!(status, 200, "{edited}");
    assert_error(&delete(bo, chat, &message).await, 403, "not_your_message");
}

#[tokio::test]
async fn admins_delete_others_messages_in_organization_conversations_only() {
    let world = OrgWorld::new().await;
    let (op, anna, bo) = (&world.op, &world.anna, &world.bo);
    // A private group of anna's, with bo; its history before conversion stays private.
    let group = private_group(anna, "Project", &[bo]).await;
    let before = send(bo, group, "Before the organization").await;
    assert_error(&delete(anna, group, &before).await, 403, "not_your_message");
    convert(anna, group).await;
    let after = send(bo, group, "Owned by Contoso").await;
    let keep = send(bo, group, "Keep this").await;

    assert_error(&delete(anna, group, &before).await, 403, "not_your_message");
    let (status, body) = delete(anna, group, &after).await;
    assert_eq!(status, 200, "the group's admin removes it: {body}");
    let seen = as_seen(bo, group, &after["id"]).await.unwrap();
    assert_eq!((seen["deleted"]["by"].as_str(), seen["text"].clone()), (Some("admin"), Value::Null));
    let (_, audit) = op.get(&format!("/api/admin/orgs/{}/audit", world.org.id)).await;
    assert!(audit.to_string().contains("message_deleted_by_admin"), "{audit}");

    // The organization's admin, not a member of the group, may too, until
    // the tenant turns admin delete off.
    set_tenant_policies(op, world.org.id, json!({"admin_delete": false})).await;
    assert_error(&delete(op, group, &keep).await, 403, "not_your_message");
    assert_error(&delete(anna, group, &keep).await, 403, "not_your_message");
    set_tenant_policies(op, world.org.id, json!({"admin_delete": true})).await;
    let (status, body) = delete(op, group, &keep).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn an_organizations_deleted_attachment_is_kept_for_its_record_but_shown_to_nobody() {
    let world = OrgWorld::new().await;
    let (anna, bo) = (&world.anna, &world.bo);
    let chat = org_chat(anna, world.bo_entry).await;
    let image = send_image(bo, chat).await;
    let attachment = image["attachment"]["id"].as_i64().unwrap();
    let (status, _) = delete(bo, chat, &image).await;
    assert_eq!(status, 200);
    for who in [anna, bo] {
        let (status, _, _) = download(who, attachment).await;
        assert_eq!(status, 404);
    }
    // The upload can't be sent again as if it were new.
    let (status, body) = bo
        .post(&format!("/api/conversations/{chat}/messages"), json!({"client_id": cid(), "attachment_id": attachment}))
        .await;
    assert_eq!(status, 409, "{body}");
}

#[tokio::test]
async fn delete_for_me_hides_it_on_my_devices_only() {
    let server = TestServer::start_with(&["operator"]).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;
    let chat = private_chat(&anna, &bo).await;
    let message = send(&bo, chat, "Read me once").await;
    let (status, body) = anna.delete(&format!("{}?for=me", message_path(chat, &message))).await;
    assert_eq!(status, 200, "{body}");
    assert!(as_seen(&anna, chat, &message["id"]).await.is_none());
    assert_eq!(as_seen(&bo, chat, &message["id"]).await.unwrap()["text"], "Read me once");
    assert!(synced(&anna).await.contains("message_hidden"));
    assert!(!synced(&bo).await.contains("message_hidden"));
}

#[tokio::test]
async fn reactions_count_once_per_person_and_emoji_and_mark_the_viewers_own() {
    let server = TestServer::start_with(&["operator"]).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;
    let carl = server.person("carl").await;
    let group = private_group(&anna, "Friends", &[&bo, &carl]).await;
    let message = send(&carl, group, "We won!").await;

    for _ in 0..2 {
        let (status, reacted) = react(&anna, group, &message, "🎉", true).await;
        assert_eq!(status, 200, "{reacted}");
        assert_eq!(reacted["reactions"], json!([{"emoji": "🎉", "count": 1, "mine": true}]), "repeating is harmless");
    }
    react(&bo, group, &message, "🎉", true).await;
    react(&bo, group, &message, "👍🏽", true).await;
    let seen = as_seen(&carl, group, &message["id"]).await.unwrap();
    assert_eq!(
        seen["reactions"],
        json!([{"emoji": "🎉", "count": 2, "mine": false}, {"emoji": "👍🏽", "count": 1, "mine": false}])
    );
    let (_, who) = carl.get(&format!("{}/reactions", message_path(group, &message))).await;
    let people: Vec<&str> =
        who["reactions"][0]["people"].as_array().unwrap().iter().map(|p| p["handle"].as_str().unwrap()).collect();
    assert_eq!(people, ["anna", "bob"]);

    let (status, taken) = react(&anna, group, &message, "🎉", false).await;
    assert_eq!(status, 200);
    assert_eq!(taken["reactions"][0], json!({"emoji": "🎉", "count": 1, "mine": false}));
    assert!(synced(&carl).await.contains("message_changed"), "members hear of it");

    assert_error(&react(&anna, group, &message, "ok", true).await, 422, "rule_violation");
    let outsider = server.person("dora").await;
    assert_error(&react(&outsider, group, &message, "👍", true).await, 404, "not_found");
    // Deleting takes the reactions with it.
    delete(&carl, group, &message).await;
    assert_eq!(as_seen(&anna, group, &message["id"]).await.unwrap().get("reactions"), None);
    assert_error(&react(&anna, group, &message, "👍", true).await, 403, "message_deleted");
}

#[tokio::test]
async fn reactions_follow_the_organizations_policy() {
    let world = OrgWorld::new().await;
    let (op, anna, bo) = (&world.op, &world.anna, &world.bo);
    let chat = org_chat(anna, world.bo_entry).await;
    let message = send(bo, chat, "Quarterly numbers").await;
    set_tenant_policies(op, world.org.id, json!({"allow_reactions": false})).await;
    assert_error(&react(anna, chat, &message, "👍", true).await, 403, "policy_forbids");
    let (_, summary) = anna.get(&format!("/api/conversations/{chat}")).await;
    assert_eq!(summary["capabilities"]["react"], false);
    assert_eq!(summary["capabilities"]["restricted_by"]["react"], "tenant");
}

#[tokio::test]
async fn the_compliance_export_keeps_the_organizations_record_and_nothing_private() {
    let world = OrgWorld::new().await;
    let (op, anna, bo) = (&world.op, &world.anna, &world.bo);
    let group = private_group(anna, "Merger", &[bo]).await;
    let before = send(bo, group, "Private before").await;
    convert(anna, group).await;
    let draft = send(bo, group, "Price is 40").await;
    edit(bo, group, &draft, "Price is 42").await;
    let slip = send(bo, group, "Wrong room").await;
    delete(anna, group, &slip).await;
    edit(bo, group, &before, "Private, edited").await;
    delete(bo, group, &before).await;
    let image = send_image(bo, group).await;
    delete(bo, group, &image).await;

    let (status, export) = op.get(&format!("/api/admin/orgs/{}/export", world.org.id)).await;
    assert_eq!(status, 200, "{export}");
    let record = export["record"].as_array().unwrap();
    let entries: Vec<(Value, Value, Value, Value)> = record
        .iter()
        .map(|e| (e["message_id"].clone(), e["action"].clone(), e["by"]["handle"].clone(), e["text"].clone()))
        .collect();
    assert_eq!(
        entries,
        [
            (draft["id"].clone(), json!("edited"), json!("bob"), json!("Price is 40")),
            (slip["id"].clone(), json!("deleted"), json!("anna"), json!("Wrong room")),
            (image["id"].clone(), json!("deleted"), json!("bob"), Value::Null),
        ],
        "the organization's own messages only: nothing of the group's private past"
    );
    assert_eq!(record[2]["attachment"]["name"], image["attachment"]["name"], "the file is kept for the record");
    let messages = export["messages"].as_array().unwrap();
    let shown = messages.iter().find(|m| m["conversation_id"] == group && m["seq"] == draft["seq"]).unwrap();
    assert_eq!(shown["text"], "Price is 42");
    assert!(!export.to_string().contains("Private"), "{export}");
}

#[tokio::test]
async fn a_deleted_message_cannot_be_forwarded() {
    let server = TestServer::start_with(&["operator"]).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;
    let chat = private_chat(&anna, &bo).await;
    let group = private_group(&anna, "Elsewhere", &[&bo]).await;
    let message = send(&bo, chat, "Soon gone").await;
    delete(&bo, chat, &message).await;
    assert_error(&forward(&anna, group, message["id"].as_i64().unwrap()).await, 403, "message_deleted");
}
