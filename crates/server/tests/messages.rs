//! Messages and read markers: seq, idempotent sends, paging, history for new
//! members, unread counts, ownership stamps (rule 4), forwarding (rule 8),
//! closed organizations (rule 9) and bad input.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod common_messages;

use common::*;
use common_messages::*;
use serde_json::{Value, json};

#[tokio::test]
async fn seq_is_per_conversation_without_gaps_and_every_acknowledged_message_is_listed() {
    let server = TestServer::start_with(&["operator"]).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;
    let chat = private_chat(&anna, &bo).await;
    let group = private_group(&anna, "Friends", &[&bo]).await;

    let mut acknowledged = Vec::new();
    for i in 0..12 {
        let (client, conv) = if i % 2 == 0 { (&anna, chat) } else { (&bo, group) };
        let message = send(client, conv, &format!("hello {i}")).await;
        acknowledged.push((conv, message["id"].clone(), message["seq"].as_i64().unwrap()));
        // Acknowledged means stored: the next read has it.
        let listed = all_messages(&bo, conv).await;
        assert!(listed.iter().any(|m| m["id"] == message["id"]), "{message} missing");
    }
    for conv in [chat, group] {
        let got: Vec<i64> = all_messages(&anna, conv).await.iter().map(|m| m["seq"].as_i64().unwrap()).collect();
        let expected: Vec<i64> = (1..=got.len() as i64).collect();
        assert_eq!(got, expected, "seqs of {conv} start at 1 and have no gaps");
        assert_eq!(acknowledged.iter().filter(|(c, _, _)| *c == conv).count(), 6);
    }
}

#[tokio::test]
async fn repeating_a_client_id_returns_the_stored_message_unchanged() {
    let server = TestServer::start_with(&["operator"]).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;
    let chat = private_chat(&anna, &bo).await;
    let path = format!("/api/conversations/{chat}/messages");

    let (status, first) = anna.post(&path, json!({"text": "once", "client_id": "abc-1"})).await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["client_id"], "abc-1");
    assert_eq!(first["sender"]["handle"], "anna");
    let (status, again) = anna.post(&path, json!({"text": "once, edited", "client_id": "abc-1"})).await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(again, first, "the stored message comes back unchanged");

    // The key is per sender: bo may use the same client_id.
    let (status, bos) = bo.post(&path, json!({"text": "mine", "client_id": "abc-1"})).await;
    assert_eq!(status, 201, "{bos}");
    assert_ne!(bos["id"], first["id"]);
    // ... and per conversation.
    let group = private_group(&anna, "G", &[&bo]).await;
    let (status, _) =
        anna.post(&format!("/api/conversations/{group}/messages"), json!({"text": "x", "client_id": "abc-1"})).await;
    assert_eq!(status, 201);

    let texts = texts(&page(&anna, chat, "").await);
    assert_eq!(texts, vec!["once", "mine"]);
}

#[tokio::test]
async fn concurrent_repeats_of_a_client_id_store_one_message() {
    let server = TestServer::start_with(&["operator"]).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;
    let chat = private_chat(&anna, &bo).await;
    let path = format!("/api/conversations/{chat}/messages");

    let sends = (0..10).map(|i| {
        let anna = anna.clone();
        let path = path.clone();
        tokio::spawn(async move { anna.post(&path, json!({"text": format!("try {i}"), "client_id": "same"})).await })
    });
    let results: Vec<_> = futures::future::join_all(sends).await.into_iter().map(Result::unwrap).collect();
    let created = results.iter().filter(|(s, _)| *s == 201).count();
    let repeated = results.iter().filter(|(s, _)| *s == 200).count();
    assert_eq!((created, repeated), (1, 9), "{results:?}");
    let id = &results[0].1["id"];
    assert!(results.iter().all(|(_, m)| &m["id"] == id), "every answer is the one message");

    let listed = all_messages(&anna, chat).await;
    assert_eq!(listed.iter().filter(|m| m["client_id"] == "same").count(), 1);
}

#[tokio::test]
async fn concurrent_sends_get_distinct_seqs_without_gaps() {
    let server = TestServer::start_with(&["operator"]).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;
    let chat = private_chat(&anna, &bo).await;
    let sends = (0..20).map(|i| {
        let who = if i % 2 == 0 { anna.clone() } else { bo.clone() };
        tokio::spawn(async move { send(&who, chat, &format!("m{i}")).await })
    });
    let sent: Vec<Value> = futures::future::join_all(sends).await.into_iter().map(Result::unwrap).collect();
    let mut seqs: Vec<i64> = sent.iter().map(|m| m["seq"].as_i64().unwrap()).collect();
    seqs.sort_unstable();
    assert_eq!(seqs, (2..=21).collect::<Vec<_>>(), "seq 1 is the chat's creation note");
    assert_eq!(all_messages(&anna, chat).await.len(), 21);
}

#[tokio::test]
async fn a_refused_send_among_concurrent_ones_fails_alone() {
    // Concurrent sends share a transaction; a refusal rolls back only its own writes.
    let server = TestServer::start_with(&["operator"]).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;
    let chat = private_chat(&anna, &bo).await;
    let path = format!("/api/conversations/{chat}/messages");
    let sends = (0..24).map(|i| {
        let who = if i % 2 == 0 { anna.clone() } else { bo.clone() };
        let path = path.clone();
        // Every third forwards a message that does not exist.
        let body = if i % 3 == 0 {
            json!({"client_id": format!("c{i}"), "forward_of": 999_999})
        } else {
            json!({"text": format!("m{i}"), "client_id": format!("c{i}")})
        };
        tokio::spawn(async move { (i, who.post(&path, body).await) })
    });
    let results: Vec<_> = futures::future::join_all(sends).await.into_iter().map(Result::unwrap).collect();
    for (i, (status, body)) in &results {
        if i % 3 == 0 {
            assert_eq!((status.as_u16(), body["error"]["code"].as_str()), (404, Some("not_found")), "{body}");
        } else {
            assert_eq!(status.as_u16(), 201, "{body}");
        }
    }
    let listed = all_messages(&anna, chat).await;
    let seqs: Vec<i64> = listed.iter().map(|m| m["seq"].as_i64().unwrap()).collect();
    assert_eq!(seqs, (1..=17).collect::<Vec<_>>(), "the creation note and 16 sends, seq without gaps");
    assert!(listed.iter().all(|m| m["forward_of"].is_null()));
}

#[tokio::test]
async fn paging_returns_the_newest_then_scrolls_up_and_catches_up() {
    let server = TestServer::start_with(&["operator"]).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;
    let chat = private_chat(&anna, &bo).await; // seq 1: creation note
    for i in 2..=31 {
        send(&anna, chat, &format!("m{i}")).await;
    }

    let newest = page(&bo, chat, "?limit=10").await;
    assert_eq!(seqs(&newest), (22..=31).collect::<Vec<_>>(), "the newest, oldest first");
    assert_eq!((newest["has_more_before"].as_bool(), newest["has_more_after"].as_bool()), (Some(true), Some(false)));

    let up = page(&bo, chat, "?before=22&limit=10").await;
    assert_eq!(seqs(&up), (12..=21).collect::<Vec<_>>());
    assert_eq!((up["has_more_before"].as_bool(), up["has_more_after"].as_bool()), (Some(true), Some(true)));

    let top = page(&bo, chat, "?before=3&limit=10").await;
    assert_eq!(seqs(&top), vec![1, 2]);
    assert_eq!(top["has_more_before"], false);
    assert_eq!(top["messages"][0]["kind"], "system");

    let catch_up = page(&bo, chat, "?after=25&limit=3").await;
    assert_eq!(seqs(&catch_up), vec![26, 27, 28]);
    assert_eq!((catch_up["has_more_before"].as_bool(), catch_up["has_more_after"].as_bool()), (Some(true), Some(true)));

    let caught_up = page(&bo, chat, "?after=31").await;
    assert!(seqs(&caught_up).is_empty());
    assert_eq!(
        (caught_up["has_more_before"].as_bool(), caught_up["has_more_after"].as_bool()),
        (Some(true), Some(false))
    );

    let between = page(&bo, chat, "?after=10&before=14").await;
    assert_eq!(seqs(&between), vec![11, 12, 13]);

    // Default limit 50 covers all 31; an empty value means "not given".
    let all = page(&bo, chat, "?after=&before=&limit=").await;
    assert_eq!(seqs(&all), (1..=31).collect::<Vec<_>>());
    assert_eq!((all["has_more_before"].as_bool(), all["has_more_after"].as_bool()), (Some(false), Some(false)));
    let max = page(&bo, chat, "?limit=200").await;
    assert_eq!(seqs(&max).len(), 31);
}

#[tokio::test]
async fn history_for_new_members_off_hides_what_came_before_they_joined() {
    let w = OrgWorld::new().await;
    let carl = w.server.person("carl").await;
    join_org(&w.op, &w.org, &carl, "carl", false).await;
    let dan = w.server.person("dan").await;
    join_org(&w.op, &w.org, &dan, "dan", false).await;

    let group = private_group(&w.anna, "Team", &[&w.bo]).await;
    convert(&w.anna, group).await;
    let early = send(&w.anna, group, "before carl").await;
    let early_image = send_image(&w.anna, group).await;
    let (status, body) = set_group_policies(&w.anna, group, json!({"history_for_new_members": false})).await;
    assert_eq!(status, 200, "{body}");

    let carl_id = carl.id().await;
    let (status, body) =
        w.anna.post(&format!("/api/conversations/{group}/members"), json!({"person_id": carl_id})).await;
    assert_eq!(status, 200, "{body}");
    send(&w.anna, group, "after carl").await;

    let seen = page(&carl, group, "").await;
    assert_eq!(texts(&seen), vec!["after carl"], "{seen}");
    assert_eq!(seen["has_more_before"], false, "nothing hidden is announced");
    assert!(seqs(&seen).iter().all(|s| *s > early["seq"].as_i64().unwrap()));
    let before = page(&carl, group, &format!("?before={}", seqs(&seen)[0])).await;
    assert!(seqs(&before).is_empty(), "{before}");
    // Hidden messages can't be reached another way either.
    let carl_chat = org_chat(&carl, w.bo_entry).await;
    assert_error(&forward(&carl, carl_chat, early["id"].as_i64().unwrap()).await, 404, "not_found");
    let (status, _, body) = download(&carl, early_image["attachment"]["id"].as_i64().unwrap()).await;
    assert_eq!((status.as_u16(), error_code(&body).as_str()), (404, "not_found"));
    // The old members still see everything.
    assert!(texts(&page(&w.bo, group, "").await).contains(&"before carl".to_owned()));

    // With the history on, a new member sees it all.
    set_group_policies(&w.anna, group, json!({"history_for_new_members": true})).await;
    let dan_id = dan.id().await;
    w.anna.post(&format!("/api/conversations/{group}/members"), json!({"person_id": dan_id})).await;
    assert!(texts(&page(&dan, group, "").await).contains(&"before carl".to_owned()));
}

#[tokio::test]
async fn read_markers_move_forward_only_and_clear_unread_counts() {
    let server = TestServer::start_with(&["operator"]).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;
    let chat = private_chat(&anna, &bo).await;
    for text in ["one", "two", "three"] {
        send(&anna, chat, text).await;
    }
    assert_eq!(summary(&bo, chat).await["unread"], 3);
    let bo_id = bo.id().await;
    let (_, before_events) = anna.get("/api/sync").await;
    let cursor = before_events["cursor"].as_i64().unwrap();

    let (status, body) = bo.post(&format!("/api/conversations/{chat}/read"), json!({"seq": 3})).await;
    assert_eq!((status.as_u16(), &body["ok"]), (200, &json!(true)));
    assert_eq!(summary(&bo, chat).await["unread"], 1);
    bo.post(&format!("/api/conversations/{chat}/read"), json!({"seq": 4})).await;
    assert_eq!(summary(&bo, chat).await["unread"], 0);

    // Never back.
    let (status, _) = bo.post(&format!("/api/conversations/{chat}/read"), json!({"seq": 2})).await;
    assert_eq!(status, 200);
    let markers = page(&anna, chat, "").await["read_markers"].clone();
    let bo_marker = markers.as_array().unwrap().iter().find(|m| m["person_id"] == bo_id).unwrap().clone();
    assert_eq!(bo_marker["seq"], 4, "{markers}");
    assert_eq!(markers.as_array().unwrap().len(), 2, "every member person: {markers}");

    // Beyond the newest message, or negative: bad input.
    assert_error(&bo.post(&format!("/api/conversations/{chat}/read"), json!({"seq": 5})).await, 400, "invalid_input");
    assert_error(&bo.post(&format!("/api/conversations/{chat}/read"), json!({"seq": -1})).await, 400, "invalid_input");

    // The other member heard about it, once per move.
    let (_, events) = anna.get(&format!("/api/sync?since={cursor}")).await;
    let moves: Vec<&Value> =
        events["events"].as_array().unwrap().iter().filter(|e| e["event"]["type"] == "read_marker").collect();
    assert_eq!(moves.len(), 2, "{events}");
    assert_eq!(moves[1]["event"]["seq"], 4);
    assert_eq!(moves[1]["event"]["person_id"], bo_id);
    assert_eq!(moves[1]["event"]["conversation_id"], chat);
}

#[tokio::test]
async fn messages_before_a_conversion_stay_the_participants_and_after_belong_to_the_org() {
    let w = OrgWorld::new().await;
    let group = private_group(&w.anna, "Project", &[&w.bo]).await;
    let before = send(&w.anna, group, "private times").await;
    assert_eq!(before["owner"], json!({"type": "participants"}));
    convert(&w.anna, group).await;
    let after = send(&w.bo, group, "org times").await;
    assert_eq!(after["owner"], json!({"type": "org", "org_id": w.org.id}));

    // The stamps stay as they were when sent.
    let listed = all_messages(&w.anna, group).await;
    let find = |id: &Value| listed.iter().find(|m| &m["id"] == id).unwrap().clone();
    assert_eq!(find(&before["id"])["owner"]["type"], "participants");
    assert_eq!(find(&after["id"])["owner"]["org_id"], w.org.id);
}

#[tokio::test]
async fn forwarding_out_of_an_org_conversation_follows_its_policy() {
    let w = OrgWorld::new().await;
    let private = private_chat(&w.anna, &w.bo).await;
    let same_org_chat = org_chat(&w.anna, w.bo_entry).await;
    let group = private_group(&w.anna, "Board", &[&w.bo]).await;
    convert(&w.anna, group).await;
    let secret = send(&w.bo, group, "quarterly numbers").await;
    let secret_id = secret["id"].as_i64().unwrap();
    set_group_policies(&w.anna, group, json!({"allow_forward": false})).await;

    // Out of the organization: refused.
    assert_error(&forward(&w.anna, private, secret_id).await, 403, "policy_forbids");
    // Into another conversation of the same organization: allowed.
    let (status, copy) = forward(&w.anna, same_org_chat, secret_id).await;
    assert_eq!(status, 201, "{copy}");
    assert_eq!(copy["text"], "quarterly numbers");
    assert_eq!(copy["forward_of"], secret_id);
    assert_eq!(copy["conversation_id"], same_org_chat);
    assert_eq!(copy["sender"]["handle"], "anna");
    assert_eq!(copy["owner"], json!({"type": "org", "org_id": w.org.id}));

    // The tenant can forbid it too.
    set_group_policies(&w.anna, group, json!({})).await;
    set_tenant_policies(&w.op, w.org.id, json!({"allow_forward": false})).await;
    assert_error(&forward(&w.anna, private, secret_id).await, 403, "policy_forbids");

    // Once both allow it, it goes anywhere.
    set_tenant_policies(&w.op, w.org.id, json!({})).await;
    let (status, copy) = forward(&w.anna, private, secret_id).await;
    assert_eq!(status, 201, "{copy}");
    assert_eq!(copy["owner"]["type"], "participants");

    // Forwarding out of a private conversation is never restricted.
    let chatter = send(&w.bo, private, "lunch?").await;
    let (status, _) = forward(&w.anna, group, chatter["id"].as_i64().unwrap()).await;
    assert_eq!(status, 201);

    // A message the viewer can't read is not there for them; nor are system notes forwardable.
    let eve = w.server.person("eve").await;
    let eve_group = private_group(&eve, "Eve's", &[]).await;
    assert_error(&forward(&eve, eve_group, secret_id).await, 404, "not_found");
    assert_error(&forward(&eve, eve_group, 999_999).await, 404, "not_found");
    let note = all_messages(&w.anna, group).await[0].clone();
    assert_eq!(note["kind"], "system");
    assert_error(&forward(&w.anna, private, note["id"].as_i64().unwrap()).await, 400, "invalid_input");
}

#[tokio::test]
async fn a_forward_carries_a_comment_and_rule_8_is_asked_first() {
    let w = OrgWorld::new().await;
    let private = private_chat(&w.anna, &w.bo).await;
    let group = private_group(&w.anna, "Board", &[&w.bo]).await;
    convert(&w.anna, group).await;
    let secret = send(&w.bo, group, "quarterly numbers").await;
    let secret_id = secret["id"].as_i64().unwrap();
    let chatter = send(&w.bo, private, "lunch?").await;
    let chatter_id = chatter["id"].as_i64().unwrap();

    // The comment is the forwarder's, above the original's text.
    let (status, copy) = forward_with(&w.anna, group, chatter_id, "Bo asks, anyone?").await;
    assert_eq!(status, 201, "{copy}");
    assert_eq!((copy["comment"].as_str(), copy["text"].as_str()), (Some("Bo asks, anyone?"), Some("lunch?")));
    let listed = all_messages(&w.bo, group).await;
    let stored = listed.iter().find(|m| m["id"] == copy["id"]).unwrap();
    assert_eq!(stored["comment"], "Bo asks, anyone?");
    assert_eq!(stored["forward_of"], chatter_id);
    // A blank comment is none; a plain message has none.
    let (status, copy) = forward_with(&w.anna, group, chatter_id, "  ").await;
    assert_eq!(status, 201, "{copy}");
    assert!(copy.get("comment").is_none_or(Value::is_null), "{copy}");
    assert!(secret.get("comment").is_none_or(Value::is_null), "{secret}");

    // A comment is held to a message's limits, once the forward is allowed.
    let long = "x".repeat(10_001);
    assert_error(&forward_with(&w.anna, group, chatter_id, &long).await, 413, "payload_too_large");
    let path = format!("/api/conversations/{group}/messages");
    let with_file = json!({"forward_of": chatter_id, "attachment_id": 1, "client_id": "f1"});
    assert_error(&w.anna.post(&path, with_file).await, 400, "invalid_input");

    // A forward rule 8 refuses is refused as such, whatever the comment.
    set_group_policies(&w.anna, group, json!({"allow_forward": false})).await;
    assert_error(&forward_with(&w.anna, private, secret_id, "see this").await, 403, "policy_forbids");
    assert_error(&forward_with(&w.anna, private, secret_id, &long).await, 403, "policy_forbids");
    assert_error(&forward_with(&w.anna, private, secret_id, "").await, 403, "policy_forbids");
}

#[tokio::test]
async fn a_disabled_orgs_conversations_refuse_reads_and_sends_while_private_ones_work() {
    let w = OrgWorld::new().await;
    let dan = w.server.person("dan").await; // a personal account, a guest in the org group
    let private = private_chat(&w.anna, &w.bo).await;
    let group = private_group(&w.anna, "Partners", &[&w.bo, &dan]).await;
    convert(&w.anna, group).await;
    send(&w.anna, group, "hello partners").await;

    set_enabled(&w.op, w.org.id, false).await;
    let path = format!("/api/conversations/{group}/messages");
    assert_error(&dan.get(&path).await, 403, "org_disabled");
    assert_error(&try_send(&dan, group, "anyone?").await, 403, "org_disabled");
    assert_error(&dan.post(&format!("/api/conversations/{group}/read"), json!({"seq": 1})).await, 403, "org_disabled");
    assert_error(&upload(&dan, group, "image/png", "a.png", png()).await, 403, "org_disabled");
    // Its own members were signed out of the work account (rule 10): no longer theirs.
    assert_error(&w.anna.get(&path).await, 404, "not_found");

    // The same people's private chat is untouched.
    send(&w.anna, private, "still here").await;
    assert_eq!(texts(&page(&w.bo, private, "").await), vec!["still here"]);

    // Re-enabled: open again for the guest.
    set_enabled(&w.op, w.org.id, true).await;
    assert_eq!(texts(&page(&dan, group, "").await), vec!["hello partners"]);
}

#[tokio::test]
async fn bad_input_is_refused_with_the_right_code() {
    let server = TestServer::start_with(&["operator"]).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;
    let chat = private_chat(&anna, &bo).await;
    let path = format!("/api/conversations/{chat}/messages");

    for (body, status, code) in [
        (json!({"text": 5, "client_id": "a"}), 400, "invalid_json"),
        (json!({"text": "hi"}), 400, "invalid_json"),
        (json!({"text": "hi", "client_id": 7}), 400, "invalid_json"),
        (json!({"text": "hi", "client_id": "a", "forward_of": "x"}), 400, "invalid_json"),
        (json!({"text": "", "client_id": "a"}), 400, "invalid_input"),
        (json!({"text": "  \n ", "client_id": "a"}), 400, "invalid_input"),
        (json!({"text": "x".repeat(10_001), "client_id": "a"}), 413, "payload_too_large"),
        (json!({"text": "hi", "client_id": ""}), 400, "invalid_input"),
        (json!({"text": "hi", "client_id": "with space"}), 400, "invalid_input"),
        (json!({"text": "hi", "client_id": "c".repeat(65)}), 400, "invalid_input"),
        (json!({"client_id": "a"}), 400, "invalid_input"),
        (json!({"text": "hi", "client_id": "a", "forward_of": 999_999}), 404, "not_found"),
        (json!({"client_id": "a", "forward_of": 999_999}), 404, "not_found"),
        (json!({"client_id": "a", "attachment_id": 999_999}), 404, "not_found"),
    ] {
        assert_error(&anna.post(&path, body.clone()).await, status, code);
    }
    assert_error(&anna.post_raw(&path, "application/json", "{\"text\": ").await, 400, "invalid_json");
    assert_error(&anna.post_raw(&path, "text/plain", "hello").await, 400, "invalid_json");
    let huge = format!("{{\"text\": \"{}\", \"client_id\": \"a\"}}", "x".repeat(1_100_000));
    assert_error(&anna.post_raw(&path, "application/json", huge).await, 413, "payload_too_large");
    // Exactly 10 000 characters is fine.
    let (status, _) = anna.post(&path, json!({"text": "ä".repeat(10_000), "client_id": "long"})).await;
    assert_eq!(status, 201);

    for query in ["?limit=0", "?limit=201", "?limit=x", "?after=-1", "?before=abc", "?limit=-5"] {
        assert_error(&anna.get(&format!("{path}{query}")).await, 400, "invalid_input");
    }
    assert_error(&anna.get("/api/conversations/abc/messages").await, 400, "invalid_input");
    assert_error(&anna.get("/api/conversations/999999/messages").await, 404, "not_found");
    assert_error(&try_send(&anna, 999_999, "hi").await, 404, "not_found");
    let read = format!("/api/conversations/{chat}/read");
    assert_error(&anna.post(&read, json!({"seq": "x"})).await, 400, "invalid_json");
    assert_error(&anna.post(&read, json!({})).await, 400, "invalid_json");
    assert_error(&anna.post("/api/conversations/999999/read", json!({"seq": 0})).await, 404, "not_found");

    // Not signed in, and without the CSRF header.
    let stranger = server.client();
    assert_error(&stranger.get(&path).await, 401, "unauthenticated");
    assert_error(&stranger.post(&path, json!({"text": "hi", "client_id": "a"})).await, 401, "unauthenticated");
    assert_error(&anna.post_without_csrf(&path, json!({"text": "hi", "client_id": "a"})).await, 403, "csrf");

    // Nothing of that was stored.
    assert_eq!(texts(&page(&anna, chat, "").await), vec!["ä".repeat(10_000)]);
}

#[tokio::test]
async fn the_openapi_document_describes_messages_attachments_and_exports() {
    let server = TestServer::start_with(&["operator"]).await;
    let (status, doc) = server.client().get("/api/openapi.json").await;
    assert_eq!(status, 200);
    // Paths are listed as mounted (`/api/…`) or relative to the `/api` base.
    let path = |p: &str| {
        let mounted = &doc["paths"][format!("/api{p}")];
        if mounted.is_object() { mounted.clone() } else { doc["paths"][p].clone() }
    };
    let messages = path("/conversations/{id}/messages");
    let params: Vec<&str> =
        messages["get"]["parameters"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(params, ["id", "after", "before", "limit"]);
    assert!(messages["post"]["responses"]["201"].is_object());
    assert!(path("/conversations/{id}/read")["post"].is_object());
    assert!(path("/conversations/{id}/attachments")["post"]["responses"]["415"].is_object());
    assert!(path("/attachments/{id}")["get"].is_object());
    assert!(path("/me/export")["get"]["responses"]["200"].is_object());
    assert!(path("/admin/orgs/{org_id}/export")["get"]["responses"]["403"].is_object());
}
