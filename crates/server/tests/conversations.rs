//! Chats (rules 1 and 2), private groups (rule 3), the conversation list,
//! membership and leaving — through the real server over SQLite.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod common_conversations;

use common::*;
use common_conversations::*;
use serde_json::json;

// ------------------------------------------------------------ rule 2: private chats

#[tokio::test]
async fn a_private_chat_needs_a_saved_contact_and_asking_again_returns_it() {
    let server = start_server().await;
    let anna = someone(&server, "anna").await;
    let bert = someone(&server, "bert").await;

    let ask = json!({"person_id": bert.id, "scope": "private"});
    assert_error(&anna.post("/api/conversations/chats", ask.clone()).await, 422, "not_a_contact");

    add_contact(&anna, bert.id).await;
    let (status, chat) = anna.post("/api/conversations/chats", ask.clone()).await;
    assert_eq!(status, 201, "{chat}");
    assert_eq!(chat["kind"], "chat");
    assert_eq!(chat["scope"], "private");
    assert!(chat["owner_org"].is_null() && chat["owner"].is_null());
    assert_eq!(chat["title"], "Bert");
    assert_eq!(chat["ownership"], "Owned by its participants. No organization can see or manage it.");
    assert!(chat["policies"].is_null(), "private conversations have no policies: {chat}");
    assert_eq!(chat["members"].as_array().unwrap().len(), 2);
    assert_eq!(chat["capabilities"]["copy"], true);
    assert_eq!(chat["capabilities"]["add_members"], false);
    assert_eq!(chat["capabilities"]["leave"], false);

    let (status, again) = anna.post("/api/conversations/chats", ask).await;
    assert_eq!(status, 200, "asking again returns the existing chat: {again}");
    assert_eq!(again["id"], chat["id"]);

    // Bert, who did not save Anna, still has the chat, titled with her name,
    // and heard about it; he can't start one of his own without a contact,
    // but once he saves her, he gets the same chat back.
    let his = row(&bert, chat["id"].as_i64().unwrap()).await.expect("Bert sees the chat");
    assert_eq!(his["title"], "Anna");
    assert!(has_event(&bert, "conversation_added", chat["id"].as_i64().unwrap()).await);
    add_contact(&bert, anna.id).await;
    let (status, his_ask) =
        bert.post("/api/conversations/chats", json!({"person_id": anna.id, "scope": "private"})).await;
    assert_eq!(status, 200, "{his_ask}");
    assert_eq!(his_ask["id"], chat["id"]);
}

#[tokio::test]
async fn chat_requests_need_exactly_one_real_target() {
    let server = start_server().await;
    let anna = someone(&server, "anna").await;
    let bert = someone(&server, "bert").await;
    add_contact(&anna, bert.id).await;

    let path = "/api/conversations/chats";
    assert_error(&anna.post(path, json!({"scope": "private"})).await, 400, "invalid_input");
    assert_error(
        &anna.post(path, json!({"person_id": bert.id, "directory_entry_id": 1, "scope": "private"})).await,
        400,
        "invalid_input",
    );
    assert_error(&anna.post(path, json!({"person_id": 99_999, "scope": "private"})).await, 404, "not_found");
    assert_error(&anna.post(path, json!({"directory_entry_id": 99_999, "scope": "org"})).await, 404, "not_found");
    assert_error(&anna.post(path, json!({"person_id": bert.id, "scope": "org"})).await, 422, "work_account_required");
    assert_error(&anna.post(path, json!({"person_id": anna.id, "scope": "private"})).await, 400, "invalid_input");
    // Malformed bodies and wrong types.
    assert_error(&anna.post(path, json!({"person_id": bert.id})).await, 400, "invalid_json");
    assert_error(&anna.post(path, json!({"person_id": bert.id, "scope": "public"})).await, 400, "invalid_json");
    assert_error(&anna.post(path, json!({"person_id": "bert", "scope": "private"})).await, 400, "invalid_json");
    assert_error(&anna.post_raw(path, "application/json", "{\"person_id\": ").await, 400, "invalid_json");
    assert_error(&anna.post_raw(path, "text/plain", "hello").await, 400, "invalid_json");
    assert_error(&anna.post_without_csrf(path, json!({"person_id": bert.id, "scope": "private"})).await, 403, "csrf");
    assert_error(
        &server.client().post(path, json!({"person_id": bert.id, "scope": "private"})).await,
        401,
        "unauthenticated",
    );
    assert!(list(&anna).await.is_empty(), "nothing was created by refused requests");
}

// ----------------------------------------------------------------- rule 1: org chats

#[tokio::test]
async fn an_org_chat_reaches_a_directory_entry_not_yet_on_samtal() {
    let server = start_server().await;
    let op = operator(&server).await;
    let contoso = create_org(&op, "Contoso", "contoso.com").await;
    let (anna, anna_entry) = employee(&server, &op, &contoso, "anna", false).await;
    let carl_entry = provision(&op, &contoso, "carl", "Carl Carlsson", false).await;

    let ask = json!({"directory_entry_id": carl_entry.id, "scope": "org"});
    let (status, chat) = anna.post("/api/conversations/chats", ask.clone()).await;
    assert_eq!(status, 201, "{chat}");
    let id = chat["id"].as_i64().unwrap();
    assert_eq!(chat["scope"], "org");
    assert_eq!(chat["owner_org"]["id"], contoso.id);
    assert_eq!(chat["owner_org"]["name"], "Contoso");
    assert_eq!(chat["title"], "Carl Carlsson", "an entry not on Samtal goes by its directory name");
    assert!(chat["ownership"].as_str().unwrap().starts_with("Owned by Contoso."), "{chat}");
    assert!(chat["policies"].is_object(), "org conversations have effective policies: {chat}");
    let members = chat["members"].as_array().unwrap();
    assert!(members.iter().any(|m| m["directory_entry_id"] == carl_entry.id && m["person_id"].is_null()));
    assert!(members.iter().any(|m| m["directory_entry_id"] == anna_entry.id && m["person_id"] == anna.id));

    let (status, again) = anna.post("/api/conversations/chats", ask).await;
    assert_eq!(status, 200);
    assert_eq!(again["id"], id);

    // What is sent waits for Carl; once he links the work account he sees it.
    send(&anna, id, "Welcome aboard").await;
    let carl = someone(&server, "carl").await;
    assert!(row(&carl, id).await.is_none());
    sign_in_work(&carl, &carl_entry).await;
    let his = row(&carl, id).await.expect("Carl sees the chat after linking");
    assert_eq!(his["unread"], 1);
    assert_eq!(his["last_message"]["text"], "Welcome aboard");
    assert_eq!(his["title"], "Anna");
    assert!(messages(&carl, id).await.iter().any(|m| m["text"] == "Welcome aboard"));

    // Carl asking for the chat by Anna's person id resolves to her entry: same chat.
    let (status, his_ask) = carl.post("/api/conversations/chats", json!({"person_id": anna.id, "scope": "org"})).await;
    assert_eq!(status, 200, "{his_ask}");
    assert_eq!(his_ask["id"], id);
}

#[tokio::test]
async fn an_org_chat_needs_a_work_account_and_the_same_directory() {
    let server = start_server().await;
    let op = operator(&server).await;
    let contoso = create_org(&op, "Contoso", "contoso.com").await;
    let fabrikam = create_org(&op, "Fabrikam", "fabrikam.com").await;
    let (anna, anna_entry) = employee(&server, &op, &contoso, "anna", false).await;
    let (erik, erik_entry) = employee(&server, &op, &fabrikam, "erik", false).await;
    let bert = someone(&server, "bert").await;
    let path = "/api/conversations/chats";

    // Without a work account.
    assert_error(
        &bert.post(path, json!({"directory_entry_id": anna_entry.id, "scope": "org"})).await,
        422,
        "work_account_required",
    );
    // Another organization's directory.
    assert_error(
        &anna.post(path, json!({"directory_entry_id": erik_entry.id, "scope": "org"})).await,
        422,
        "not_in_directory",
    );
    assert_error(&anna.post(path, json!({"person_id": erik.id, "scope": "org"})).await, 422, "not_in_directory");
    // A personal account with no directory entry at all.
    assert_error(&anna.post(path, json!({"person_id": bert.id, "scope": "org"})).await, 422, "not_in_directory");
    // Oneself.
    assert_error(
        &anna.post(path, json!({"directory_entry_id": anna_entry.id, "scope": "org"})).await,
        400,
        "invalid_input",
    );
    // Unknown entry.
    assert_error(&anna.post(path, json!({"directory_entry_id": 424_242, "scope": "org"})).await, 404, "not_found");
    // An entry with scope private resolves to its linked person, who must be a contact.
    assert_error(
        &anna.post(path, json!({"directory_entry_id": erik_entry.id, "scope": "private"})).await,
        422,
        "not_a_contact",
    );
    add_contact(&anna, erik.id).await;
    let (status, chat) = anna.post(path, json!({"directory_entry_id": erik_entry.id, "scope": "private"})).await;
    assert_eq!(status, 201, "{chat}");
    assert_eq!(chat["scope"], "private");
    // An entry nobody linked has no person to be a contact.
    let nobody = provision(&op, &contoso, "nobody", "No Body", false).await;
    assert_error(
        &anna.post(path, json!({"directory_entry_id": nobody.id, "scope": "private"})).await,
        422,
        "not_a_contact",
    );
}

#[tokio::test]
async fn a_private_chat_and_an_org_chat_between_the_same_people_coexist() {
    let server = start_server().await;
    let op = operator(&server).await;
    let contoso = create_org(&op, "Contoso", "contoso.com").await;
    let (anna, _) = employee(&server, &op, &contoso, "anna", false).await;
    let (bert, bert_entry) = employee(&server, &op, &contoso, "bert", false).await;

    let private = private_chat(&anna, bert.id).await;
    let org = org_chat(&anna, bert_entry.id).await;
    assert_ne!(private, org);
    let rows = list(&bert).await;
    let scopes: Vec<_> = [private, org]
        .iter()
        .map(|id| rows.iter().find(|r| r["id"] == *id).expect("both chats listed")["scope"].clone())
        .collect();
    assert_eq!(scopes, [json!("private"), json!("org")]);
    let org_row = rows.iter().find(|r| r["id"] == org).unwrap();
    assert_eq!(org_row["owner_org"]["name"], "Contoso", "the org badge's data");

    // Rule 2: the private chat can never become an org chat.
    assert_error(
        &anna.post(&format!("/api/conversations/{private}/add-to-organization"), json!({})).await,
        422,
        "private_chat_cannot_convert",
    );
    assert_eq!(detail(&anna, private).await["scope"], "private");
}

// ------------------------------------------------------------------------ the list

#[tokio::test]
async fn the_list_is_newest_first_with_unread_counts_and_the_last_message() {
    let server = start_server().await;
    let anna = someone(&server, "anna").await;
    let bert = someone(&server, "bert").await;
    let cleo = someone(&server, "cleo").await;

    let chat = private_chat(&anna, bert.id).await;
    let team = group(&anna, "Team", &[bert.id, cleo.id]).await;
    let quiet = group(&cleo, "Quiet", &[bert.id]).await;

    send(&anna, chat, "one").await;
    send(&anna, chat, "two").await;
    send(&bert, chat, "mine").await;
    send(&cleo, team, "hello team").await;

    let rows = list(&bert).await;
    let ids: Vec<i64> = rows.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [team, chat, quiet], "newest activity first");
    let by_id = |id: i64| rows.iter().find(|r| r["id"] == id).unwrap().clone();
    assert_eq!(by_id(chat)["unread"], 2, "his own message and system notes don't count");
    assert_eq!(by_id(chat)["last_message"]["text"], "mine");
    assert_eq!(by_id(team)["unread"], 1);
    assert_eq!(by_id(team)["title"], "Team");
    assert_eq!(by_id(team)["kind"], "group");
    assert_eq!(by_id(quiet)["unread"], 0);
    assert_eq!(by_id(quiet)["last_message"]["kind"], "system");
    assert!(by_id(chat)["closed"].is_null());

    // Reading moves the marker.
    let last_seq = by_id(chat)["last_message"]["seq"].as_i64().unwrap();
    let (status, body) = bert.post(&format!("/api/conversations/{chat}/read"), json!({ "seq": last_seq })).await;
    assert!(status.is_success(), "{body}");
    assert_eq!(row(&bert, chat).await.unwrap()["unread"], 0);

    // Someone outside sees none of it.
    let dora = someone(&server, "dora").await;
    assert!(list(&dora).await.is_empty());
}

#[tokio::test]
async fn a_long_list_keeps_each_conversation_s_own_title_unread_and_last_message() {
    // Not a timing assertion: a smoke test that a long list with mixed
    // kinds builds correctly (the batch queries key rows by conversation).
    let server = start_server().await;
    let anna = someone(&server, "anna").await;
    let bert = someone(&server, "bert").await;
    let mut ids = Vec::new();
    for i in 0..40 {
        let id = group(&anna, &format!("Group {i}"), &[bert.id]).await;
        if i % 3 == 0 {
            send(&bert, id, &format!("message {i}")).await;
        }
        ids.push(id);
    }
    let rows = list(&anna).await;
    assert_eq!(rows.len(), 40);
    for (i, id) in ids.iter().enumerate() {
        let r = rows.iter().find(|r| r["id"] == *id).unwrap();
        assert_eq!(r["title"], format!("Group {i}"));
        let expected = if i % 3 == 0 { 1 } else { 0 };
        assert_eq!(r["unread"], expected, "{r}");
        if i % 3 == 0 {
            assert_eq!(r["last_message"]["text"], format!("message {i}"));
        }
    }
}

// -------------------------------------------------------------- rule 3: private groups

#[tokio::test]
async fn groups_created_in_the_app_are_private_with_the_creator_as_admin() {
    let server = start_server().await;
    let anna = someone(&server, "anna").await;
    let bert = someone(&server, "bert").await;
    let cleo = someone(&server, "cleo").await;

    let (status, created) = anna
        .post(
            "/api/conversations/groups",
            json!({"title": "  Book club  ", "member_ids": [bert.id, cleo.id, bert.id, anna.id]}),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().unwrap();
    assert_eq!(created["title"], "Book club");
    assert_eq!(created["kind"], "group");
    assert_eq!(created["scope"], "private");
    assert_eq!(created["created_via"], "app");
    assert!(created["converted_at"].is_null());
    assert_eq!(created["my_role"], "admin");
    assert_eq!(created["members"].as_array().unwrap().len(), 3, "duplicates and the creator counted once");
    assert_eq!(member(&created, anna.id).unwrap()["role"], "admin");
    assert_eq!(member(&created, bert.id).unwrap()["role"], "member");
    assert_eq!(member(&created, cleo.id).unwrap()["display_name"], "Cleo");
    assert_eq!(created["capabilities"]["add_members"], true);
    assert_eq!(created["capabilities"]["edit_policies"], false);
    assert!(created["group_policies"].is_null());

    let notes = notes(&messages(&bert, id).await);
    assert_eq!(notes, ["created", "added"]);
    for who in [&anna, &bert, &cleo] {
        assert!(has_event(who, "conversation_added", id).await);
    }
    let bert_view = detail(&bert, id).await;
    assert_eq!(bert_view["my_role"], "member");
    assert_eq!(bert_view["capabilities"]["add_members"], false);
}

#[tokio::test]
async fn group_creation_refuses_bad_input() {
    let server = start_server().await;
    let anna = someone(&server, "anna").await;
    let path = "/api/conversations/groups";
    assert_error(&anna.post(path, json!({"title": "", "member_ids": []})).await, 400, "invalid_input");
    assert_error(&anna.post(path, json!({"title": "   ", "member_ids": []})).await, 400, "invalid_input");
    assert_error(&anna.post(path, json!({"title": "x".repeat(101), "member_ids": []})).await, 400, "invalid_input");
    assert_error(&anna.post(path, json!({"title": "a\u{7}b"})).await, 400, "invalid_input");
    assert_error(&anna.post(path, json!({"title": "Team", "member_ids": [987_654]})).await, 404, "not_found");
    let too_many: Vec<i64> = (1_000..1_000 + 500).collect();
    assert_error(&anna.post(path, json!({"title": "Crowd", "member_ids": too_many})).await, 400, "invalid_input");
    assert_error(&anna.post(path, json!({"title": 7})).await, 400, "invalid_json");
    assert_error(&anna.post(path, json!({"member_ids": []})).await, 400, "invalid_json");
    assert_error(&anna.post(path, json!({"title": "T", "member_ids": "everyone"})).await, 400, "invalid_json");
    assert_error(&anna.post_raw(path, "application/json", "not json").await, 400, "invalid_json");
    let huge = "x".repeat(2 * 1024 * 1024);
    assert_error(&anna.post(path, json!({ "title": huge })).await, 413, "payload_too_large");
    // A group of one is fine.
    let (status, solo) = anna.post(path, json!({"title": "Notes to self"})).await;
    assert_eq!(status, 201, "{solo}");
    assert_eq!(list(&anna).await.len(), 1, "only the good request created a group");
}

#[tokio::test]
async fn unknown_and_malformed_conversation_ids_are_refused() {
    let server = start_server().await;
    let anna = someone(&server, "anna").await;
    assert_error(&anna.get("/api/conversations/424242").await, 404, "not_found");
    assert_error(&anna.get("/api/conversations/abc").await, 400, "invalid_input");
    assert_error(&anna.post("/api/conversations/424242/leave", json!({})).await, 404, "not_found");
    assert_error(
        &anna.post("/api/conversations/424242/members", json!({"person_id": anna.id})).await,
        404,
        "not_found",
    );
    assert_error(&anna.delete("/api/conversations/424242/members/1").await, 404, "not_found");
    assert_error(&anna.delete("/api/conversations/1/members/x").await, 400, "invalid_input");
    assert_error(&anna.post("/api/conversations/424242/add-to-organization", json!({})).await, 404, "not_found");
    assert_error(&anna.put("/api/conversations/424242/policies", json!({})).await, 404, "not_found");
    assert_error(&server.client().get("/api/conversations").await, 401, "unauthenticated");
}

// ------------------------------------------------------------------------ membership

#[tokio::test]
async fn group_admins_add_and_remove_members() {
    let server = start_server().await;
    let anna = someone(&server, "anna").await;
    let bert = someone(&server, "bert").await;
    let cleo = someone(&server, "cleo").await;
    let dora = someone(&server, "dora").await;
    let id = group(&anna, "Team", &[bert.id]).await;
    let members_path = format!("/api/conversations/{id}/members");

    let detail = add_person(&anna, id, cleo.id).await;
    assert_eq!(member(&detail, cleo.id).unwrap()["role"], "member");
    assert!(has_event(&cleo, "conversation_added", id).await);
    assert!(has_event(&bert, "conversation_changed", id).await);
    let texts: Vec<String> = messages(&cleo, id)
        .await
        .iter()
        .filter_map(|m| m["system"]["names"].as_array().cloned())
        .flatten()
        .map(|n| n.as_str().unwrap().to_owned())
        .collect();
    assert!(texts.contains(&"Cleo".to_owned()), "{texts:?}");
    // No OwnedBy note in a private group.
    assert!(!notes(&messages(&cleo, id).await).contains(&"owned_by".to_owned()));

    assert_error(&anna.post(&members_path, json!({"person_id": cleo.id})).await, 409, "already_member");
    assert_error(&anna.post(&members_path, json!({"person_id": 777_777})).await, 404, "not_found");
    assert_error(&anna.post(&members_path, json!({})).await, 400, "invalid_input");
    assert_error(
        &anna.post(&members_path, json!({"person_id": dora.id, "directory_entry_id": 1})).await,
        400,
        "invalid_input",
    );
    assert_error(&anna.post(&members_path, json!({"person_id": "dora"})).await, 400, "invalid_json");
    assert_error(&bert.post(&members_path, json!({"person_id": dora.id})).await, 403, "forbidden");
    assert_error(&dora.post(&members_path, json!({"person_id": dora.id})).await, 404, "not_found");

    // Removing.
    assert_error(&bert.delete(&format!("{members_path}/{}", cleo.id)).await, 403, "forbidden");
    assert_error(&anna.delete(&format!("{members_path}/{}", anna.id)).await, 422, "rule_violation");
    assert_error(&anna.delete(&format!("{members_path}/{}", dora.id)).await, 404, "not_found");
    let (status, after) = anna.delete(&format!("{members_path}/{}", cleo.id)).await;
    assert_eq!(status, 200, "{after}");
    assert!(member(&after, cleo.id).is_none());
    assert!(row(&cleo, id).await.is_none());
    assert_error(&cleo.get(&format!("/api/conversations/{id}")).await, 404, "not_found");
    let revoked = events(&cleo)
        .await
        .into_iter()
        .any(|e| e["type"] == "conversation_revoked" && e["conversation_id"] == id && e["reason"] == "removed");
    assert!(revoked, "the removed person's devices are told to wipe the group");
    assert!(notes(&messages(&bert, id).await).contains(&"removed".to_owned()));
}

#[tokio::test]
async fn chats_have_exactly_their_two_people() {
    let server = start_server().await;
    let anna = someone(&server, "anna").await;
    let bert = someone(&server, "bert").await;
    let cleo = someone(&server, "cleo").await;
    let chat = private_chat(&anna, bert.id).await;
    assert_error(
        &anna.post(&format!("/api/conversations/{chat}/members"), json!({"person_id": cleo.id})).await,
        422,
        "rule_violation",
    );
    assert_error(&anna.delete(&format!("/api/conversations/{chat}/members/{}", bert.id)).await, 422, "rule_violation");
    assert_error(&anna.post(&format!("/api/conversations/{chat}/leave"), json!({})).await, 422, "rule_violation");
    assert_error(&cleo.post(&format!("/api/conversations/{chat}/leave"), json!({})).await, 404, "not_found");
    assert_eq!(detail(&bert, chat).await["members"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn leaving_hands_the_admin_seat_to_the_longest_standing_member() {
    let server = start_server().await;
    let anna = someone(&server, "anna").await;
    let bert = someone(&server, "bert").await;
    let cleo = someone(&server, "cleo").await;
    let id = group(&anna, "Team", &[bert.id]).await;
    add_person(&anna, id, cleo.id).await;

    let (status, body) = anna.post(&format!("/api/conversations/{id}/leave"), json!({})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["ok"], true);
    assert!(row(&anna, id).await.is_none());
    assert!(
        events(&anna)
            .await
            .iter()
            .any(|e| e["type"] == "conversation_revoked" && e["conversation_id"] == id && e["reason"] == "left")
    );
    assert_error(&anna.post(&format!("/api/conversations/{id}/leave"), json!({})).await, 404, "not_found");

    let d = detail(&bert, id).await;
    assert_eq!(member(&d, bert.id).unwrap()["role"], "admin", "Bert joined before Cleo");
    assert_eq!(member(&d, cleo.id).unwrap()["role"], "member");
    assert_eq!(d["my_role"], "admin");
    assert!(has_event(&cleo, "conversation_changed", id).await);
    let left: Vec<_> = messages(&bert, id).await.into_iter().filter(|m| m["system"]["type"] == "left").collect();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["system"]["name"], "Anna");

    // A plain member leaving hands nothing over.
    let (status, _) = cleo.post(&format!("/api/conversations/{id}/leave"), json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(detail(&bert, id).await["members"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn the_openapi_document_describes_the_conversation_endpoints() {
    let server = start_server().await;
    let (status, doc) = server.client().get("/api/openapi.json").await;
    assert_eq!(status, 200);
    let paths = doc["paths"].as_object().unwrap();
    for (path, method) in [
        ("/conversations", "get"),
        ("/conversations/chats", "post"),
        ("/conversations/groups", "post"),
        ("/conversations/{id}", "get"),
        ("/conversations/{id}/members", "post"),
        ("/conversations/{id}/members/{person_id}", "delete"),
        ("/conversations/{id}/leave", "post"),
        ("/conversations/{id}/add-to-organization", "post"),
        ("/conversations/{id}/policies", "put"),
        ("/admin/orgs/{org_id}/groups", "get"),
        ("/admin/orgs/{org_id}/groups", "post"),
    ] {
        let key = paths.keys().find(|k| k.ends_with(path) && k.len() <= path.len() + 4);
        let key = key.unwrap_or_else(|| panic!("{path} is not in the OpenAPI document"));
        assert!(paths[key][method].is_object(), "{method} {path}");
    }
}
