//! Organization groups: conversion (rule 4), one owner (rule 5), visible
//! ownership (rule 6), group policies (rule 7), access control (rule 9),
//! leaving an organization (rule 10) and the admin portal's groups (rule 3).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod common_conversations;

use common::*;
use common_conversations::*;
use serde_json::{Value, json};

fn system_of<'a>(messages: &'a [Value], kind: &str) -> Vec<&'a Value> {
    messages.iter().filter(|m| m["system"]["type"] == kind).collect()
}

// ------------------------------------------------------------------ rule 4: conversion

#[tokio::test]
async fn add_to_organization_converts_a_private_group_one_way() {
    let w = world().await;
    let (anna, anna_entry) = employee(&w.server, &w.op, &w.contoso, "anna", false).await;
    let (carl, carl_entry) = employee(&w.server, &w.op, &w.contoso, "carl", false).await;
    let bert = someone(&w.server, "bert").await;
    let id = group(&anna, "Launch", &[bert.id, carl.id]).await;
    let before = send(&bert, id, "before the line").await;
    assert_eq!(before["owner"]["type"], "participants");
    assert_eq!(detail(&anna, id).await["capabilities"]["add_to_organization"], true);
    assert_eq!(detail(&carl, id).await["capabilities"]["add_to_organization"], false, "not a group admin");

    let path = format!("/api/conversations/{id}/add-to-organization");
    assert_error(&carl.post(&path, json!({})).await, 403, "forbidden");

    let converted = convert(&anna, id).await;
    assert_eq!(converted["scope"], "org");
    assert_eq!(converted["owner_org"]["id"], w.contoso.id);
    assert_eq!(converted["owner"]["name"], "Contoso");
    assert_eq!(converted["created_via"], "app");
    let converted_at = converted["converted_at"].as_i64().expect("the conversion time is kept");
    assert_eq!(converted["ownership"], "Owned by Contoso. Contoso keeps its conversations for compliance.");
    assert_eq!(converted["group_policies"]["allow_copy"], true);
    assert_eq!(converted["policies"]["history_for_new_members"], true);
    assert_eq!(converted["capabilities"]["add_to_organization"], false);
    assert_eq!(converted["capabilities"]["edit_policies"], true);
    // People signed in to Contoso now take part by their directory entry;
    // a personal account stays a personal member (rule 5).
    assert_eq!(member(&converted, anna.id).unwrap()["directory_entry_id"], anna_entry.id);
    assert_eq!(member(&converted, anna.id).unwrap()["role"], "admin");
    assert_eq!(member(&converted, carl.id).unwrap()["directory_entry_id"], carl_entry.id);
    assert!(member(&converted, bert.id).unwrap()["directory_entry_id"].is_null());

    // The line: before stays the participants', from the note on Contoso's.
    let after = send(&bert, id, "after the line").await;
    assert_eq!(after["owner"], json!({"type": "org", "org_id": w.contoso.id}));
    let all = messages(&bert, id).await;
    let line = system_of(&all, "converted");
    assert_eq!(line.len(), 1);
    assert_eq!(line[0]["system"]["org_name"], "Contoso");
    assert_eq!(line[0]["owner"]["type"], "org");
    assert_eq!(all.iter().find(|m| m["text"] == "before the line").unwrap()["owner"]["type"], "participants");
    assert!(has_event(&bert, "conversation_changed", id).await);

    // One-way, and the time stays.
    assert_error(&anna.post(&path, json!({})).await, 409, "already_org_owned");
    let row = row(&bert, id).await.unwrap();
    assert_eq!(row["converted_at"], converted_at);
    assert_eq!(row["owner_org"]["name"], "Contoso");
    let audit = audit_actions(&w.op, &w.contoso).await;
    assert!(audit.iter().any(|a| a["action"] == "group_converted"), "{audit:?}");
}

#[tokio::test]
async fn add_to_organization_needs_a_work_account_and_a_group_admin() {
    let w = world().await;
    let anna = someone(&w.server, "anna").await;
    let bert = someone(&w.server, "bert").await;
    let outsider = someone(&w.server, "olle").await;
    let id = group(&anna, "Hobby", &[bert.id]).await;
    let path = format!("/api/conversations/{id}/add-to-organization");

    assert_error(&anna.post(&path, json!({})).await, 422, "work_account_required");
    assert_error(&outsider.post(&path, json!({})).await, 404, "not_found");
    assert_eq!(detail(&anna, id).await["capabilities"]["add_to_organization"], false);
    // Once signed in, it works — and the group is Contoso's.
    let entry = provision(&w.op, &w.contoso, "anna", "Anna Andersson", false).await;
    sign_in_work(&anna, &entry).await;
    assert_eq!(detail(&anna, id).await["capabilities"]["add_to_organization"], true);
    assert_eq!(convert(&anna, id).await["owner_org"]["id"], w.contoso.id);
}

// --------------------------------------------------------- rules 5 and 6: owner, badge

#[tokio::test]
async fn whoever_joins_an_org_group_is_told_who_owns_it() {
    let w = world().await;
    let (anna, _) = employee(&w.server, &w.op, &w.contoso, "anna", false).await;
    let bert = someone(&w.server, "bert").await;
    let dora = someone(&w.server, "dora").await;
    let id = group(&anna, "Launch", &[bert.id]).await;
    convert(&anna, id).await;

    add_person(&anna, id, dora.id).await;
    let seen = messages(&dora, id).await;
    let owned = system_of(&seen, "owned_by");
    assert_eq!(owned.len(), 1, "{seen:?}");
    assert_eq!(owned[0]["system"]["org_name"], "Contoso");
    assert_eq!(seen.last().unwrap()["system"]["type"], "owned_by", "the note follows her joining");
    assert!(has_event(&dora, "conversation_added", id).await);
    assert!(has_event(&bert, "conversation_changed", id).await);
    let d = detail(&dora, id).await;
    assert!(d["ownership"].as_str().unwrap().starts_with("Owned by Contoso."));
    assert_eq!(row(&dora, id).await.unwrap()["owner_org"]["name"], "Contoso");

    // A directory entry not on Samtal yet can be added; once linked, they see
    // the group and the ownership note.
    let erin_entry = provision(&w.op, &w.contoso, "erin", "Erin Eriksson", false).await;
    let (status, d) =
        anna.post(&format!("/api/conversations/{id}/members"), json!({"directory_entry_id": erin_entry.id})).await;
    assert_eq!(status, 200, "{d}");
    let erin_member =
        d["members"].as_array().unwrap().iter().find(|m| m["directory_entry_id"] == erin_entry.id).unwrap().clone();
    assert!(erin_member["person_id"].is_null());
    assert_eq!(erin_member["display_name"], "Erin Eriksson");
    assert_error(
        &anna.post(&format!("/api/conversations/{id}/members"), json!({"directory_entry_id": erin_entry.id})).await,
        409,
        "already_member",
    );
    let erin = someone(&w.server, "erin").await;
    sign_in_work(&erin, &erin_entry).await;
    assert!(row(&erin, id).await.is_some());
    assert_eq!(system_of(&messages(&erin, id).await, "owned_by").len(), 2);
    let audit = audit_actions(&w.op, &w.contoso).await;
    assert_eq!(audit.iter().filter(|a| a["action"] == "member_added").count(), 2, "{audit:?}");
}

#[tokio::test]
async fn an_org_group_has_one_owner_with_partner_and_personal_members() {
    let w = world().await;
    let (anna, _) = employee(&w.server, &w.op, &w.contoso, "anna", false).await;
    let (erik, erik_entry) = employee(&w.server, &w.op, &w.fabrikam, "erik", false).await;
    let bert = someone(&w.server, "bert").await;
    let id = group(&anna, "Joint venture", &[bert.id]).await;
    convert(&anna, id).await;

    // A partner-organization member is added as a person.
    let d = add_person(&anna, id, erik.id).await;
    assert!(member(&d, erik.id).unwrap()["directory_entry_id"].is_null());
    assert_eq!(d["owner_org"]["id"], w.contoso.id);
    // Only the owner's own directory entries can be added by entry.
    assert_error(
        &anna.post(&format!("/api/conversations/{id}/members"), json!({"directory_entry_id": erik_entry.id})).await,
        422,
        "not_in_directory",
    );
    // Everyone's messages are Contoso's.
    assert_eq!(send(&erik, id, "hej").await["owner"]["org_id"], w.contoso.id);
    assert_eq!(send(&bert, id, "hi").await["owner"]["org_id"], w.contoso.id);
    // Erik leaving Fabrikam does not end his membership in Contoso's group.
    sign_out_work(&erik).await;
    assert!(row(&erik, id).await.is_some());

    // A private group has no directory to add entries from.
    let private = group(&anna, "Private", &[]).await;
    assert_error(
        &anna
            .post(&format!("/api/conversations/{private}/members"), json!({"directory_entry_id": erik_entry.id}))
            .await,
        422,
        "not_in_directory",
    );
}

// ------------------------------------------------------------------- rule 7: policies

#[tokio::test]
async fn group_policies_exist_only_on_org_groups_and_the_most_restrictive_wins() {
    let w = world().await;
    let (anna, _) = employee(&w.server, &w.op, &w.contoso, "anna", false).await;
    let bert = someone(&w.server, "bert").await;
    let outsider = someone(&w.server, "olle").await;
    let all_on = json!({"allow_copy": true, "allow_share": true, "allow_forward": true,
                        "require_work_signin": false, "history_for_new_members": true});

    let private = group(&anna, "Private", &[bert.id]).await;
    let private_path = format!("/api/conversations/{private}/policies");
    assert_error(&anna.put(&private_path, all_on.clone()).await, 422, "policies_need_org_conversation");
    assert_error(&bert.put(&private_path, all_on.clone()).await, 422, "policies_need_org_conversation");
    assert_error(&outsider.put(&private_path, all_on.clone()).await, 404, "not_found");
    assert_error(&w.op.put(&private_path, all_on.clone()).await, 404, "not_found");

    let id = group(&anna, "Launch", &[bert.id]).await;
    convert(&anna, id).await;
    let path = format!("/api/conversations/{id}/policies");
    let no_copy = json!({"allow_copy": false, "allow_share": true, "allow_forward": true,
                         "require_work_signin": false, "history_for_new_members": true});
    let (status, d) = anna.put(&path, no_copy.clone()).await;
    assert_eq!(status, 200, "{d}");
    assert_eq!(d["group_policies"]["allow_copy"], false);
    assert_eq!(d["policies"]["allow_copy"], false);
    let bert_view = detail(&bert, id).await;
    assert_eq!(bert_view["capabilities"]["copy"], false, "Copy disappears");
    assert_eq!(bert_view["capabilities"]["forward"], true);
    assert!(has_event(&bert, "conversation_changed", id).await);
    assert_error(&bert.put(&path, all_on.clone()).await, 403, "forbidden");
    assert_error(&outsider.put(&path, all_on.clone()).await, 404, "not_found");
    assert_error(&anna.put(&path, json!({"allow_copy": "no"})).await, 400, "invalid_json");
    assert_error(&anna.put(&path, json!([1, 2])).await, 400, "invalid_json");

    // The tenant forbids forwarding: the effective policy follows, though the group allows it.
    let (status, tenant) =
        w.op.put(
            &format!("/api/admin/orgs/{}/policies", w.contoso.id),
            json!({"allow_copy": true, "allow_share": true, "allow_forward": false, "require_work_signin": false,
                   "missed_message_emails": true}),
        )
        .await;
    assert_eq!(status, 200, "{tenant}");
    let d = detail(&bert, id).await;
    assert_eq!(d["group_policies"]["allow_forward"], true);
    assert_eq!(d["policies"]["allow_forward"], false);
    assert_eq!(d["policies"]["allow_copy"], false);
    assert_eq!(d["capabilities"]["forward"], false);
    assert_eq!(row(&bert, id).await.unwrap()["capabilities"]["forward"], false);

    // The owner's admin may edit it without being a member.
    let (status, d) = w.op.put(&path, all_on).await;
    assert_eq!(status, 200, "{d}");
    assert!(d["my_role"].is_null());
    assert_eq!(d["policies"]["allow_copy"], true);
    let audit = audit_actions(&w.op, &w.contoso).await;
    let changes: Vec<_> = audit.iter().filter(|a| a["action"] == "group_policies_changed").collect();
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[1]["detail"]["old"]["allow_copy"], true, "the first change, newest first: {changes:?}");
    assert_eq!(changes[1]["detail"]["new"]["allow_copy"], false);
}

#[tokio::test]
async fn history_for_new_members_off_shows_a_newcomer_only_what_follows() {
    let w = world().await;
    let (anna, _) = employee(&w.server, &w.op, &w.contoso, "anna", false).await;
    let dora = someone(&w.server, "dora").await;
    let id = group(&anna, "Launch", &[]).await;
    convert(&anna, id).await;
    send(&anna, id, "old news").await;
    let (status, d) = anna
        .put(
            &format!("/api/conversations/{id}/policies"),
            json!({"allow_copy": true, "allow_share": true, "allow_forward": true,
                   "require_work_signin": false, "history_for_new_members": false}),
        )
        .await;
    assert_eq!(status, 200, "{d}");
    add_person(&anna, id, dora.id).await;
    let seen = messages(&dora, id).await;
    assert!(seen.iter().all(|m| m["text"] != "old news"), "{seen:?}");
    assert_eq!(system_of(&seen, "owned_by").len(), 1, "she sees her own joining");
    let her_row = row(&dora, id).await.unwrap();
    assert_eq!(her_row["unread"], 0);
    assert_eq!(her_row["last_message"]["system"]["type"], "owned_by");
    send(&anna, id, "new news").await;
    assert_eq!(row(&dora, id).await.unwrap()["unread"], 1);
}

#[tokio::test]
async fn org_admins_see_their_org_groups_but_never_a_private_group() {
    let w = world().await;
    let (anna, _) = employee(&w.server, &w.op, &w.contoso, "anna", false).await;
    let (cadmin, _) = employee(&w.server, &w.op, &w.contoso, "cadmin", true).await;
    let bert = someone(&w.server, "bert").await;
    let private = group(&anna, "Private", &[bert.id]).await;
    let org_group = group(&anna, "Launch", &[bert.id]).await;
    convert(&anna, org_group).await;

    for admin in [&w.op, &cadmin.client] {
        assert_error(&admin.get(&format!("/api/conversations/{private}")).await, 404, "not_found");
        let d = detail(admin, org_group).await;
        assert!(d["my_role"].is_null());
        assert_eq!(d["capabilities"]["read"], false, "an admin who is not a member can't read the messages");
        assert_eq!(d["capabilities"]["edit_policies"], true);
        assert!(d["last_message"].is_null());
        let (status, groups) = admin.get(&format!("/api/admin/orgs/{}/groups", w.contoso.id)).await;
        assert_eq!(status, 200, "{groups}");
        let ids: Vec<i64> = groups.as_array().unwrap().iter().map(|g| g["id"].as_i64().unwrap()).collect();
        assert_eq!(ids, [org_group], "never a private group");
        assert!(list(admin).await.iter().all(|c| c["id"] != private));
    }
    // Fabrikam's groups list doesn't hold Contoso's.
    let (_, groups) = w.op.get(&format!("/api/admin/orgs/{}/groups", w.fabrikam.id)).await;
    assert_eq!(groups, json!([]));
}

// ------------------------------------------------------------ rule 9: access control

#[tokio::test]
async fn require_work_signin_closes_the_group_to_members_not_signed_in() {
    let w = world().await;
    let (anna, _) = employee(&w.server, &w.op, &w.contoso, "anna", false).await;
    let (erik, _) = employee(&w.server, &w.op, &w.fabrikam, "erik", false).await;
    let bert = someone(&w.server, "bert").await;
    let id = group(&anna, "Launch", &[bert.id, erik.id]).await;
    convert(&anna, id).await;
    send(&anna, id, "secret").await;
    let (status, d) = anna
        .put(
            &format!("/api/conversations/{id}/policies"),
            json!({"allow_copy": true, "allow_share": true, "allow_forward": true,
                   "require_work_signin": true, "history_for_new_members": true}),
        )
        .await;
    assert_eq!(status, 200, "{d}");

    let closed = row(&bert, id).await.expect("still listed, closed");
    assert_eq!(closed["closed"], "work_signin_required");
    assert!(closed["last_message"].is_null());
    assert_eq!(closed["unread"], 0);
    assert_eq!(closed["capabilities"]["read"], false);
    assert_eq!(closed["capabilities"]["leave"], true);
    assert_error(&bert.get(&format!("/api/conversations/{id}")).await, 403, "work_signin_required");
    assert_error(&bert.get(&format!("/api/conversations/{id}/messages")).await, 403, "work_signin_required");

    // Signed in to a work account — Fabrikam's is enough for a partner — opens it.
    let open = row(&erik, id).await.unwrap();
    assert!(open["closed"].is_null());
    assert_eq!(open["last_message"]["text"], "secret");
    assert!(row(&anna, id).await.unwrap()["closed"].is_null());
    let entry = provision(&w.op, &w.fabrikam, "bert", "Bert B", false).await;
    sign_in_work(&bert, &entry).await;
    assert!(row(&bert, id).await.unwrap()["closed"].is_null());
    assert_eq!(detail(&bert, id).await["capabilities"]["read"], true);
}

#[tokio::test]
async fn a_disabled_org_closes_its_conversations_and_leaves_private_ones_alone() {
    let w = world().await;
    let (anna, _) = employee(&w.server, &w.op, &w.contoso, "anna", false).await;
    let bert = someone(&w.server, "bert").await;
    let org_group = group(&anna, "Launch", &[bert.id]).await;
    convert(&anna, org_group).await;
    let private = group(&anna, "Friends", &[bert.id]).await;
    send(&anna, org_group, "work").await;
    send(&anna, private, "fun").await;
    let enabled = format!("/api/admin/orgs/{}/enabled", w.contoso.id);

    let (status, org) = w.op.put(&enabled, json!({"enabled": false})).await;
    assert_eq!(status, 200, "{org}");
    let closed = row(&bert, org_group).await.unwrap();
    assert_eq!(closed["closed"], "org_disabled");
    assert!(closed["last_message"].is_null());
    assert_eq!(closed["capabilities"]["send"], false);
    assert_error(&bert.get(&format!("/api/conversations/{org_group}")).await, 403, "org_disabled");
    let untouched = row(&bert, private).await.unwrap();
    assert!(untouched["closed"].is_null());
    assert_eq!(untouched["last_message"]["text"], "fun");
    // Anna's sign-in ended; her private group goes on.
    assert!(row(&anna, org_group).await.is_none());
    assert!(row(&anna, private).await.unwrap()["closed"].is_null());
    // Nothing to create in a disabled organization from the portal either.
    assert_error(
        &w.op.post(&format!("/api/admin/orgs/{}/groups", w.contoso.id), json!({"title": "New"})).await,
        403,
        "org_disabled",
    );

    let (status, _) = w.op.put(&enabled, json!({"enabled": true})).await;
    assert_eq!(status, 200);
    let reopened = row(&bert, org_group).await.unwrap();
    assert!(reopened["closed"].is_null());
    assert_eq!(reopened["last_message"]["text"], "work");
}

// ---------------------------------------------------------------- rule 10: leaving

#[tokio::test]
async fn signing_out_of_the_work_account_removes_from_org_groups_at_once() {
    let w = world().await;
    let (anna, _) = employee(&w.server, &w.op, &w.contoso, "anna", false).await;
    let (carl, carl_entry) = employee(&w.server, &w.op, &w.contoso, "carl", false).await;
    let bert = someone(&w.server, "bert").await;
    let id = group(&anna, "Launch", &[bert.id, carl.id]).await;
    convert(&anna, id).await;
    let chat = org_chat(&anna, carl_entry.id).await;
    let private = group(&carl, "Carl's friends", &[bert.id]).await;

    sign_out_work(&carl).await;
    assert!(row(&carl, id).await.is_none());
    assert_error(&carl.get(&format!("/api/conversations/{id}")).await, 404, "not_found");
    assert!(row(&carl, chat).await.is_none(), "the org chat is closed to him");
    assert!(row(&carl, private).await.is_some(), "private groups are his own");
    let his = events(&carl).await;
    assert!(his.iter().any(|e| e["type"] == "conversation_revoked"
        && e["conversation_id"] == id
        && e["reason"] == "signed_out_of_work_account"));
    assert!(his.iter().any(|e| e["type"] == "org_revoked" && e["org_id"] == w.contoso.id));

    let d = detail(&anna, id).await;
    assert!(member(&d, carl.id).is_none());
    assert!(d["members"].as_array().unwrap().iter().all(|m| m["directory_entry_id"] != carl_entry.id));
    let left = system_of(&messages(&bert, id).await, "left").into_iter().cloned().collect::<Vec<_>>();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["system"]["name"], "Carl");
    assert!(has_event(&bert, "conversation_changed", id).await);
    // The org chat keeps his entry: signing back in brings it back, not the group.
    assert!(row(&anna, chat).await.is_some());
    sign_in_work(&carl, &carl_entry).await;
    assert!(row(&carl, chat).await.is_some());
    assert!(row(&carl, id).await.is_none());
}

#[tokio::test]
async fn the_last_admin_signing_out_hands_the_group_on() {
    let w = world().await;
    let (anna, _) = employee(&w.server, &w.op, &w.contoso, "anna", false).await;
    let bert = someone(&w.server, "bert").await;
    let id = group(&anna, "Launch", &[bert.id]).await;
    convert(&anna, id).await;
    sign_out_work(&anna).await;
    let d = detail(&bert, id).await;
    assert_eq!(d["members"].as_array().unwrap().len(), 1);
    assert_eq!(d["my_role"], "admin");
}

#[tokio::test]
async fn removal_from_the_directory_removes_from_org_groups_at_once() {
    let w = world().await;
    let (anna, _) = employee(&w.server, &w.op, &w.contoso, "anna", false).await;
    let (carl, carl_entry) = employee(&w.server, &w.op, &w.contoso, "carl", false).await;
    let id = group(&anna, "Launch", &[carl.id]).await;
    convert(&anna, id).await;

    let (status, body) = w.op.delete(&format!("/api/admin/orgs/{}/directory/{}", w.contoso.id, carl_entry.id)).await;
    assert_eq!(status, 200, "{body}");
    assert!(row(&carl, id).await.is_none());
    let his = events(&carl).await;
    assert!(his.iter().any(|e| e["type"] == "conversation_revoked"
        && e["conversation_id"] == id
        && e["reason"] == "removed_from_directory"));
    assert!(his.iter().any(|e| e["type"] == "org_revoked" && e["reason"] == "removed_from_directory"));
    assert_eq!(detail(&anna, id).await["members"].as_array().unwrap().len(), 1);
}

// ------------------------------------------------------- rule 3: the admin portal

#[tokio::test]
async fn org_admins_create_org_groups_in_the_portal() {
    let w = world().await;
    let (carl, carl_entry) = employee(&w.server, &w.op, &w.contoso, "carl", false).await;
    let (cadmin, cadmin_entry) = employee(&w.server, &w.op, &w.contoso, "cadmin", true).await;
    let bert = someone(&w.server, "bert").await;
    let erin_entry = provision(&w.op, &w.contoso, "erin", "Erin Eriksson", false).await;
    let path = format!("/api/admin/orgs/{}/groups", w.contoso.id);

    let (status, created) = cadmin
        .post(
            &path,
            json!({"title": "All hands", "member_ids": [bert.id, carl.id],
                   "directory_entry_ids": [erin_entry.id, carl_entry.id],
                   "policies": {"allow_copy": true, "allow_share": false, "allow_forward": true,
                                "require_work_signin": false, "history_for_new_members": true}}),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().unwrap();
    assert_eq!(created["title"], "All hands");
    assert_eq!(created["created_via"], "portal");
    assert_eq!(created["owner_org"]["id"], w.contoso.id);
    assert!(created["converted_at"].is_null());
    assert_eq!(created["policies"]["allow_share"], false);
    let members = created["members"].as_array().unwrap();
    assert_eq!(members.len(), 4, "Carl by person and by entry is one member: {members:?}");
    let by_entry = |e: i64| members.iter().find(|m| m["directory_entry_id"] == e).cloned();
    assert_eq!(by_entry(cadmin_entry.id).unwrap()["role"], "admin", "the creating admin manages it");
    assert_eq!(by_entry(carl_entry.id).unwrap()["person_id"], carl.id);
    assert!(by_entry(erin_entry.id).unwrap()["person_id"].is_null());
    assert!(members.iter().any(|m| m["person_id"] == bert.id && m["directory_entry_id"].is_null()));

    let bert_view = detail(&bert, id).await;
    assert_eq!(bert_view["scope"], "org");
    assert_eq!(bert_view["created_via"], "portal");
    assert_eq!(bert_view["capabilities"]["share"], false);
    assert_eq!(notes(&messages(&bert, id).await), ["created", "owned_by"]);
    assert!(has_event(&bert, "conversation_added", id).await);
    assert!(has_event(&carl, "conversation_added", id).await);
    let (status, groups) = cadmin.get(&path).await;
    assert_eq!(status, 200);
    assert_eq!(groups.as_array().unwrap().len(), 1);
    assert_eq!(groups[0]["members"].as_array().unwrap().len(), 4);
    assert!(audit_actions(&w.op, &w.contoso).await.iter().any(|a| a["action"] == "org_group_created"));

    // The operator-appointed admin (not signed in to Contoso) takes part as a person.
    let (status, op_group) = w.op.post(&path, json!({"title": "Board"})).await;
    assert_eq!(status, 201, "{op_group}");
    assert_eq!(op_group["members"][0]["role"], "admin");
    assert!(op_group["members"][0]["directory_entry_id"].is_null());
    assert_eq!(op_group["policies"]["allow_share"], true, "default policies");
}

#[tokio::test]
async fn portal_group_creation_refuses_bad_input_and_other_orgs() {
    let w = world().await;
    let (cadmin, _) = employee(&w.server, &w.op, &w.contoso, "cadmin", true).await;
    let (_, erik_entry) = employee(&w.server, &w.op, &w.fabrikam, "erik", false).await;
    let bert = someone(&w.server, "bert").await;
    let path = format!("/api/admin/orgs/{}/groups", w.contoso.id);

    assert_error(&cadmin.post(&path, json!({"title": ""})).await, 400, "invalid_input");
    assert_error(&cadmin.post(&path, json!({"title": "t".repeat(101)})).await, 400, "invalid_input");
    assert_error(&cadmin.post(&path, json!({"title": "T", "member_ids": [55_555]})).await, 404, "not_found");
    assert_error(&cadmin.post(&path, json!({"title": "T", "directory_entry_ids": [55_555]})).await, 404, "not_found");
    assert_error(
        &cadmin.post(&path, json!({"title": "T", "directory_entry_ids": [erik_entry.id]})).await,
        422,
        "not_in_directory",
    );
    let crowd: Vec<i64> = (10_000..10_600).collect();
    assert_error(&cadmin.post(&path, json!({"title": "T", "member_ids": crowd})).await, 400, "invalid_input");
    assert_error(&cadmin.post(&path, json!({"title": 5})).await, 400, "invalid_json");
    assert_error(&cadmin.post(&path, json!({"title": "T", "policies": {"allow_copy": 1}})).await, 400, "invalid_json");
    assert_error(&cadmin.post_raw(&path, "application/json", "{").await, 400, "invalid_json");
    assert_error(&cadmin.post("/api/admin/orgs/999/groups", json!({"title": "T"})).await, 404, "not_found");
    assert_error(&cadmin.get("/api/admin/orgs/999/groups").await, 404, "not_found");
    assert_error(&cadmin.get("/api/admin/orgs/x/groups").await, 400, "invalid_input");
    assert_error(&bert.post(&path, json!({"title": "T"})).await, 403, "forbidden");
    assert_error(
        &cadmin.post(&format!("/api/admin/orgs/{}/groups", w.fabrikam.id), json!({"title": "T"})).await,
        403,
        "forbidden",
    );
    assert_error(&server_client(&w).get(&path).await, 401, "unauthenticated");
    let (_, groups) = cadmin.get(&path).await;
    assert_eq!(groups, json!([]), "no refused request created a group");
}

fn server_client(w: &World) -> Client {
    w.server.client()
}
