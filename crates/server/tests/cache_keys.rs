//! Rule 13: `GET /api/me/cache-keys` hands an organization's cache key only
//! to people who take part in it now — signed in to its work account, or able
//! to open one of its conversations — and the tenant policy
//! `offline_cache_hours` sets how long a device may keep the cache offline.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod common_conversations;

use common::*;
use common_conversations::*;
use serde_json::{Value, json};

const HOUR_MS: i64 = 3_600_000;

/// The viewer's keys (asserts 200 and the shape of each key).
async fn keys(who: &Client) -> Vec<Value> {
    let (status, body) = who.get("/api/me/cache-keys").await;
    assert_eq!(status, 200, "{body}");
    let keys = body["keys"].as_array().expect("a list of keys").clone();
    for key in &keys {
        let hex = key["key"].as_str().expect("the key is a string");
        assert_eq!(hex.len(), 64, "{key}");
        assert!(hex.chars().all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)), "{key}");
        assert!(key["org_id"].is_i64() && key["offline_limit_ms"].is_i64(), "{key}");
        assert_eq!(key.as_object().unwrap().len(), 3, "{key}");
    }
    keys
}

/// The organizations the viewer holds keys of, in the answer's order.
async fn key_orgs(who: &Client) -> Vec<i64> {
    keys(who).await.iter().map(|k| k["org_id"].as_i64().unwrap()).collect()
}

/// The viewer's key of `org`, if they hold one.
async fn key_of(who: &Client, org: &Org) -> Option<String> {
    keys(who).await.iter().find(|k| k["org_id"] == org.id).map(|k| k["key"].as_str().unwrap().to_owned())
}

async fn set_policies(admin: &Client, org: &Org, policies: Value) -> (reqwest::StatusCode, Value) {
    admin.put(&format!("/api/admin/orgs/{}/policies", org.id), policies).await
}

async fn set_enabled(admin: &Client, org: &Org, enabled: bool) {
    let (status, body) = admin.put(&format!("/api/admin/orgs/{}/enabled", org.id), json!({ "enabled": enabled })).await;
    assert_eq!(status, 200, "{body}");
}

/// `anna` (Contoso, signed in) converts a group with the personal account
/// `bert` into a Contoso group; answers the group.
async fn contoso_group_with_guest(anna: &Someone, bert: &Someone) -> i64 {
    let id = group(anna, "Launch", &[bert.id]).await;
    convert(anna, id).await;
    id
}

#[tokio::test]
async fn a_member_gets_their_organizations_key_and_the_same_key_every_time() {
    let w = world().await;
    let (anna, _) = employee(&w.server, &w.op, &w.contoso, "anna", false).await;
    let (carl, carl_entry) = employee(&w.server, &w.op, &w.contoso, "carl", false).await;
    let (fred, _) = employee(&w.server, &w.op, &w.fabrikam, "fred", false).await;

    let first = keys(&anna).await;
    assert_eq!(first.len(), 1, "{first:?}");
    assert_eq!(first[0]["org_id"], w.contoso.id);
    assert_eq!(first[0]["offline_limit_ms"], 720 * HOUR_MS, "the default: thirty days");
    assert_eq!(keys(&anna).await, first, "the same key twice");

    // One key per organization: every member holds the same one.
    org_chat(&anna, carl_entry.id).await;
    assert_eq!(keys(&carl).await, first);
    let fabrikam = key_of(&fred, &w.fabrikam).await.expect("Fabrikam's member holds Fabrikam's key");
    assert_ne!(Some(fabrikam), key_of(&anna, &w.contoso).await);
    assert_eq!(key_orgs(&fred).await, vec![w.fabrikam.id], "nobody gets another organization's key");
}

#[tokio::test]
async fn a_person_with_only_private_conversations_gets_no_key() {
    let w = world().await;
    let bert = someone(&w.server, "bert").await;
    let dora = someone(&w.server, "dora").await;
    private_chat(&bert, dora.id).await;
    group(&bert, "Book club", &[dora.id]).await;
    assert!(keys(&bert).await.is_empty());
    assert!(keys(&dora).await.is_empty());

    // A private group stays private when a member signed in to Contoso is in it.
    let (anna, _) = employee(&w.server, &w.op, &w.contoso, "anna", false).await;
    group(&bert, "Friends", &[anna.id]).await;
    assert!(keys(&bert).await.is_empty());

    // Administering an organization is not taking part in it.
    assert!(keys(&w.op).await.is_empty(), "the operator is Contoso's admin but neither signed in nor a member");
}

/// Anna of Contoso, and a Contoso group of hers with Bert (a personal
/// account) and Fred (signed in to Fabrikam) as guests.
async fn mixed_group(w: &World) -> (Someone, Someone, Someone, i64) {
    let (anna, _) = employee(&w.server, &w.op, &w.contoso, "anna", false).await;
    let bert = someone(&w.server, "bert").await;
    let (fred, _) = employee(&w.server, &w.op, &w.fabrikam, "fred", false).await;
    let id = contoso_group_with_guest(&anna, &bert).await;
    add_person(&anna, id, fred.id).await;
    (anna, bert, fred, id)
}

#[tokio::test]
async fn a_guest_in_an_org_group_gets_that_organizations_key() {
    let w = world().await;
    let (anna, bert, fred, id) = mixed_group(&w).await;

    let contoso = key_of(&anna, &w.contoso).await.unwrap();
    assert_eq!(key_of(&bert, &w.contoso).await.as_deref(), Some(contoso.as_str()), "the personal-account guest");
    assert_eq!(key_orgs(&bert).await, vec![w.contoso.id]);
    // A partner signed in to Fabrikam holds both, by organization id.
    assert_eq!(key_orgs(&fred).await, vec![w.contoso.id, w.fabrikam.id]);
    assert_eq!(key_of(&fred, &w.contoso).await, Some(contoso));

    // A group the guest may no longer open hands out no key: work sign-in required.
    let (status, body) = anna
        .put(
            &format!("/api/conversations/{id}/policies"),
            json!({"allow_copy": true, "allow_share": true, "allow_forward": true, "require_work_signin": true,
                   "history_for_new_members": true}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(keys(&bert).await.is_empty(), "bert is on a personal account only");
    assert_eq!(key_orgs(&fred).await, vec![w.contoso.id, w.fabrikam.id], "fred is signed in to a work account");
}

#[tokio::test]
async fn signing_out_of_the_work_account_ends_the_key() {
    let w = world().await;
    let (anna, _) = employee(&w.server, &w.op, &w.contoso, "anna", false).await;
    let (carl, carl_entry) = employee(&w.server, &w.op, &w.contoso, "carl", false).await;
    let bert = someone(&w.server, "bert").await;
    org_chat(&anna, carl_entry.id).await;
    contoso_group_with_guest(&anna, &bert).await;
    assert_eq!(key_orgs(&anna).await, vec![w.contoso.id]);

    sign_out_work(&anna).await;
    assert!(keys(&anna).await.is_empty(), "out of the org chat and the group: nothing of Contoso is open to her");
    sign_out_work(&carl).await;
    assert!(keys(&carl).await.is_empty());
    // The guest's membership is untouched.
    assert_eq!(key_orgs(&bert).await, vec![w.contoso.id]);
}

#[tokio::test]
async fn signing_out_keeps_the_key_while_a_conversation_stays_open_as_a_guest() {
    let w = world().await;
    let (anna, _) = employee(&w.server, &w.op, &w.contoso, "anna", false).await;
    let dora = someone(&w.server, "dora").await;
    contoso_group_with_guest(&anna, &dora).await;
    // Dora joins Contoso's directory later; she took part in the group as a guest.
    let entry = provision(&w.op, &w.contoso, "dora", "Dora at Contoso", false).await;
    sign_in_work(&dora, &entry).await;
    let before = key_of(&dora, &w.contoso).await.unwrap();
    sign_out_work(&dora).await;
    assert_eq!(key_of(&dora, &w.contoso).await, Some(before), "the group is still open to her as a guest");
}

#[tokio::test]
async fn removal_from_the_directory_ends_the_key() {
    let w = world().await;
    let (anna, anna_entry) = employee(&w.server, &w.op, &w.contoso, "anna", false).await;
    let (carl, carl_entry) = employee(&w.server, &w.op, &w.contoso, "carl", false).await;
    org_chat(&anna, carl_entry.id).await;
    let id = group(&anna, "Launch", &[carl.id]).await;
    convert(&anna, id).await;
    assert_eq!(key_orgs(&anna).await, vec![w.contoso.id]);

    let (status, body) = w.op.delete(&format!("/api/admin/orgs/{}/directory/{}", w.contoso.id, anna_entry.id)).await;
    assert_eq!(status, 200, "{body}");
    assert!(keys(&anna).await.is_empty());
    assert_eq!(key_orgs(&carl).await, vec![w.contoso.id], "the others keep it");
}

#[tokio::test]
async fn a_disabled_organizations_key_is_not_handed_out() {
    let w = world().await;
    let (anna, bert, fred, _) = mixed_group(&w).await;
    let before = key_of(&bert, &w.contoso).await.unwrap();

    set_enabled(&w.op, &w.contoso, false).await;
    assert!(keys(&anna).await.is_empty(), "the member");
    assert!(keys(&bert).await.is_empty(), "the guest");
    assert_eq!(key_orgs(&fred).await, vec![w.fabrikam.id], "other organizations go on");

    // Enabled again, the guest's group reopens with the same key; the
    // member's sign-in ended with the disabling.
    set_enabled(&w.op, &w.contoso, true).await;
    assert_eq!(key_of(&bert, &w.contoso).await, Some(before));
    assert!(keys(&anna).await.is_empty());
}

#[tokio::test]
async fn the_offline_limit_follows_the_tenant_policy() {
    let w = world().await;
    let (anna, _) = employee(&w.server, &w.op, &w.contoso, "anna", false).await;
    let (fred, _) = employee(&w.server, &w.op, &w.fabrikam, "fred", false).await;
    let key = key_of(&anna, &w.contoso).await.unwrap();

    let (status, policies) = set_policies(&w.op, &w.contoso, json!({"offline_cache_hours": 48})).await;
    assert_eq!(status, 200, "{policies}");
    assert_eq!(policies["offline_cache_hours"], 48);
    let (_, stored) = w.op.get(&format!("/api/admin/orgs/{}/policies", w.contoso.id)).await;
    assert_eq!(stored["offline_cache_hours"], 48);

    let after = keys(&anna).await;
    assert_eq!(after, vec![json!({"org_id": w.contoso.id, "key": key, "offline_limit_ms": 48 * HOUR_MS})]);
    assert_eq!(keys(&fred).await[0]["offline_limit_ms"], 720 * HOUR_MS, "Fabrikam's own policy");

    // The bounds themselves are accepted.
    for hours in [1, 8760] {
        let (status, body) = set_policies(&w.op, &w.contoso, json!({ "offline_cache_hours": hours })).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(keys(&anna).await[0]["offline_limit_ms"], hours * HOUR_MS);
    }
}

#[tokio::test]
async fn out_of_range_offline_cache_hours_are_refused() {
    let w = world().await;
    let path = format!("/api/admin/orgs/{}/policies", w.contoso.id);
    let (_, before) = w.op.get(&path).await;
    for hours in [0, 8761, 100_000] {
        let got = set_policies(&w.op, &w.contoso, json!({ "offline_cache_hours": hours })).await;
        assert_error(&got, 400, "invalid_input");
        assert!(got.1["error"]["message"].as_str().unwrap().contains("1 to 8760 hours"), "{}", got.1);
    }
    for bad in [json!(-1), json!(1.5), json!("48"), json!(u64::from(u32::MAX) + 1)] {
        assert_error(
            &set_policies(&w.op, &w.contoso, json!({ "offline_cache_hours": bad })).await,
            400,
            "invalid_json",
        );
    }
    let (_, after) = w.op.get(&path).await;
    assert_eq!(after, before, "nothing was changed");

    // Someone who is not the organization's admin is told so, not about the hours.
    let (anna, _) = employee(&w.server, &w.op, &w.contoso, "anna", false).await;
    assert_error(&set_policies(&anna, &w.contoso, json!({"offline_cache_hours": 0})).await, 403, "forbidden");
}

#[tokio::test]
async fn keys_need_a_session() {
    let w = world().await;
    let got = w.server.client().get("/api/me/cache-keys").await;
    assert_error(&got, 401, "unauthenticated");
}

#[tokio::test]
async fn the_openapi_document_describes_the_endpoint() {
    let w = world().await;
    let (status, doc) = w.server.client().get("/api/openapi.json").await;
    assert_eq!(status, 200);
    let operation = &doc["paths"]["/me/cache-keys"]["get"];
    assert!(operation.is_object(), "{}", doc["paths"]);
    assert!(operation["responses"]["200"].is_object() && operation["responses"]["401"].is_object());
    let key = &doc["components"]["schemas"]["CacheKey"]["properties"];
    for field in ["org_id", "key", "offline_limit_ms"] {
        assert!(key[field].is_object(), "CacheKey.{field}: {key}");
    }
    assert!(doc["components"]["schemas"]["CacheKeys"]["properties"]["keys"].is_object());
    assert!(doc["components"]["schemas"]["TenantPolicies"]["properties"]["offline_cache_hours"].is_object());
}
