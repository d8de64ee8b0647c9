//! The signed-in person's own account: `GET /api/me`, e-mail settings, work
//! accounts (sign in, one at a time, sign out), search, profiles and contacts.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod common_accounts;

use common::*;
use common_accounts::*;
use samtal_core::events::{Event, RevocationReason};
use samtal_core::{ConversationId, OrgId};
use serde_json::{Value, json};

/// Contoso with `op` as operator and admin, and the signed-in operator client.
async fn contoso(server: &TestServer) -> (Client, i64) {
    let op = operator(server).await;
    let org = create_org(&op, "Contoso", "contoso.com").await;
    (op, org)
}

fn names(results: &Value) -> Vec<(String, String)> {
    results
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["source"].as_str().unwrap().to_owned(), r["display_name"].as_str().unwrap().to_owned()))
        .collect()
}

fn pair(source: &str, name: &str) -> (String, String) {
    (source.to_owned(), name.to_owned())
}

#[tokio::test]
async fn me_shows_the_person_their_settings_and_whether_they_operate() {
    let server = start_server().await;
    let anna = server.person("anna").await;
    let (status, me) = anna.get("/api/me").await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["person"]["handle"], "anna");
    assert_eq!(me["person"]["display_name"], "Anna");
    assert!(me["work_account"].is_null());
    assert_eq!(me["admin_orgs"], json!([]));
    assert_eq!(me["operator"], false);
    // The server's default delay is 15 minutes.
    assert_eq!(me["email_settings"], json!({"enabled": true, "delay_minutes": 15}));

    let op = operator(&server).await;
    let (_, me) = op.get("/api/me").await;
    assert_eq!(me["operator"], true);
    let org = create_org(&op, "Contoso", "contoso.com").await;
    let (_, me) = op.get("/api/me").await;
    assert_eq!(me["admin_orgs"], json!([{"id": org, "name": "Contoso"}]));

    assert_error(&server.client().get("/api/me").await, 401, "unauthenticated");
}

#[tokio::test]
async fn me_names_the_database_so_caches_of_another_one_are_recognised() {
    let server = start_server().await;
    let anna = server.person("anna").await;
    let bert = server.person("bert").await;
    let (_, me) = anna.get("/api/me").await;
    let installation = me["installation"].as_str().unwrap().to_owned();
    assert_eq!(installation.len(), 32, "{installation}");
    assert!(installation.bytes().all(|b| b.is_ascii_hexdigit()), "{installation}");
    assert_eq!(bert.get("/api/me").await.1["installation"], installation.as_str(), "one per database");

    // Another database (as after a reset) has another one, though ids repeat.
    let other = start_server().await;
    let (_, again) = other.person("anna").await.get("/api/me").await;
    assert_eq!(again["person"]["id"], me["person"]["id"]);
    assert_ne!(again["installation"], installation.as_str());
}

#[tokio::test]
async fn email_settings_are_checked_and_kept() {
    let server = start_server().await;
    let anna = server.person("anna").await;
    let (status, got) = anna.put("/api/me/email-settings", json!({"enabled": false, "delay_minutes": 30})).await;
    assert_eq!(status, 200, "{got}");
    assert_eq!(got, json!({"enabled": false, "delay_minutes": 30}));
    let (_, me) = anna.get("/api/me").await;
    assert_eq!(me["email_settings"], json!({"enabled": false, "delay_minutes": 30}));
    assert_eq!(events(&anna).await, vec![Event::MeChanged]);

    for bad in [0, 1441] {
        assert_error(
            &anna.put("/api/me/email-settings", json!({"enabled": true, "delay_minutes": bad})).await,
            400,
            "invalid_input",
        );
    }
    assert_error(
        &anna.put("/api/me/email-settings", json!({"enabled": true, "delay_minutes": -5})).await,
        400,
        "invalid_json",
    );
    assert_error(&anna.put("/api/me/email-settings", json!({"enabled": "yes"})).await, 400, "invalid_json");
    // Refused changes left the setting alone.
    let (_, me) = anna.get("/api/me").await;
    assert_eq!(me["email_settings"]["delay_minutes"], 30);
    assert_error(
        &server.client().put("/api/me/email-settings", json!({"enabled": true, "delay_minutes": 5})).await,
        401,
        "unauthenticated",
    );
}

#[tokio::test]
async fn signing_in_to_and_out_of_a_work_account() {
    let server = start_server().await;
    let (op, org) = contoso(&server).await;
    let entry = provision(&op, org, "contoso.com", "anna", "Anna Berg", false).await;
    let anna = server.person("anna").await;
    let anna_id = anna.id().await;

    // The e-mail is matched whatever its case and spacing.
    let (status, me) =
        anna.post("/api/me/work-account", json!({"email": "  Anna@CONTOSO.com ", "password": entry.password})).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(
        me["work_account"],
        json!({"org_id": org, "org_name": "Contoso", "directory_entry_id": entry.id, "email": "anna@contoso.com",
               "alias": "anna", "designation": "Engineer", "department": "R&D"})
    );
    assert_eq!(me["admin_orgs"], json!([]), "a plain entry makes no admin");
    let (_, again) = anna.get("/api/me").await;
    assert_eq!(again, me);
    assert_eq!(events(&anna).await, vec![Event::MeChanged]);
    // The directory shows who is signed in.
    let (_, directory) = op.get(&format!("/api/admin/orgs/{org}/directory")).await;
    assert_eq!(directory[0]["person_id"], anna_id);

    // Signing in again to the same account changes nothing.
    let me_again = sign_in_work(&anna, &entry).await;
    assert_eq!(me_again, me);
    assert_eq!(events(&anna).await.len(), 1);

    let (status, me) = anna.delete("/api/me/work-account").await;
    assert_eq!(status, 200, "{me}");
    assert!(me["work_account"].is_null(), "{me}");
    let (_, me) = anna.get("/api/me").await;
    assert!(me["work_account"].is_null(), "{me}");
    assert_eq!(
        events_after(&anna, 1).await,
        vec![
            Event::OrgRevoked { org_id: OrgId(org), reason: RevocationReason::SignedOutOfWorkAccount },
            Event::MeChanged
        ]
    );
    let (_, directory) = op.get(&format!("/api/admin/orgs/{org}/directory")).await;
    assert!(directory[0]["person_id"].is_null());

    // Signing out again is harmless and tells nobody anything.
    let (status, me) = anna.delete("/api/me/work-account").await;
    assert_eq!(status, 200);
    assert!(me["work_account"].is_null());
    assert_eq!(events(&anna).await.len(), 3);

    // The entry is free again: someone else may sign in to it.
    let bert = server.person("bert").await;
    sign_in_work(&bert, &entry).await;
}

#[tokio::test]
async fn an_admin_entry_makes_its_person_an_org_admin() {
    let server = start_server().await;
    let (op, org) = contoso(&server).await;
    let entry = provision(&op, org, "contoso.com", "boss", "The Boss", true).await;
    let boss = server.person("boss").await;
    assert_error(&boss.get(&format!("/api/admin/orgs/{org}")).await, 403, "forbidden");
    let me = sign_in_work(&boss, &entry).await;
    assert_eq!(me["admin_orgs"], json!([{"id": org, "name": "Contoso"}]));
    let (status, _) = boss.get(&format!("/api/admin/orgs/{org}")).await;
    assert_eq!(status, 200);
    boss.delete("/api/me/work-account").await;
    assert_error(&boss.get(&format!("/api/admin/orgs/{org}")).await, 403, "forbidden");
}

#[tokio::test]
async fn one_work_account_at_a_time() {
    let server = start_server().await;
    let (op, contoso) = contoso(&server).await;
    let fabrikam = create_org(&op, "Fabrikam", "fabrikam.com").await;
    let at_contoso = provision(&op, contoso, "contoso.com", "anna", "Anna Berg", false).await;
    let at_fabrikam = provision(&op, fabrikam, "fabrikam.com", "anna", "Anna Berg", false).await;
    let anna = server.person("anna").await;
    sign_in_work(&anna, &at_contoso).await;

    let got =
        anna.post("/api/me/work-account", json!({"email": at_fabrikam.email, "password": at_fabrikam.password})).await;
    assert_error(&got, 409, "conflict");
    assert!(got.1["error"]["message"].as_str().unwrap().contains("Contoso"), "{}", got.1);
    let (_, me) = anna.get("/api/me").await;
    assert_eq!(me["work_account"]["org_name"], "Contoso");

    // Someone else can't take an account that is in use.
    let bert = server.person("bert").await;
    assert_error(
        &bert.post("/api/me/work-account", json!({"email": at_contoso.email, "password": at_contoso.password})).await,
        409,
        "conflict",
    );
    let (_, me) = bert.get("/api/me").await;
    assert!(me["work_account"].is_null());

    anna.delete("/api/me/work-account").await;
    let me = sign_in_work(&anna, &at_fabrikam).await;
    assert_eq!(me["work_account"]["org_name"], "Fabrikam");
}

#[tokio::test]
async fn the_password_picks_among_directories_with_the_same_email() {
    let server = start_server().await;
    let (op, contoso) = contoso(&server).await;
    let fabrikam = create_org(&op, "Fabrikam", "fabrikam.com").await;
    for (org, password) in [(contoso, "contoso-secret"), (fabrikam, "fabrikam-secret")] {
        import(
            &op,
            org,
            json!([{"email": "anna@partner.com", "alias": "anna", "display_name": "Anna", "password": password}]),
        )
        .await;
    }
    let anna = server.person("anna").await;
    let (status, me) =
        anna.post("/api/me/work-account", json!({"email": "anna@partner.com", "password": "fabrikam-secret"})).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["work_account"]["org_id"], fabrikam);
}

#[tokio::test]
async fn wrong_work_credentials_and_bad_requests_are_refused() {
    let server = start_server().await;
    let (op, org) = contoso(&server).await;
    let entry = provision(&op, org, "contoso.com", "anna", "Anna Berg", false).await;
    let anna = server.person("anna").await;
    for body in [
        json!({"email": entry.email, "password": "not-the-password"}),
        json!({"email": "nobody@contoso.com", "password": entry.password}),
        json!({"email": entry.email, "password": ""}),
        json!({"email": entry.email, "password": "x".repeat(100_000)}),
    ] {
        assert_error(&anna.post("/api/me/work-account", body).await, 401, "invalid_credentials");
    }
    assert_error(&anna.post("/api/me/work-account", json!({"email": entry.email})).await, 400, "invalid_json");
    assert_error(&anna.post_raw("/api/me/work-account", "application/json", "{\"email\":").await, 400, "invalid_json");
    assert_error(
        &server.client().post("/api/me/work-account", json!({"email": entry.email, "password": entry.password})).await,
        401,
        "unauthenticated",
    );
    assert_error(&server.client().delete("/api/me/work-account").await, 401, "unauthenticated");
    let (_, me) = anna.get("/api/me").await;
    assert!(me["work_account"].is_null());
    assert!(events(&anna).await.is_empty());
}

#[tokio::test]
async fn a_disabled_organization_refuses_work_sign_in() {
    let server = start_server().await;
    let (op, org) = contoso(&server).await;
    let entry = provision(&op, org, "contoso.com", "anna", "Anna Berg", false).await;
    let (status, _) = op.put(&format!("/api/admin/orgs/{org}/enabled"), json!({"enabled": false})).await;
    assert_eq!(status, 200);
    let anna = server.person("anna").await;
    assert_error(
        &anna.post("/api/me/work-account", json!({"email": entry.email, "password": entry.password})).await,
        403,
        "org_disabled",
    );
    // A wrong password still says only that the credentials are wrong.
    assert_error(
        &anna.post("/api/me/work-account", json!({"email": entry.email, "password": "wrong-password"})).await,
        401,
        "invalid_credentials",
    );
    op.put(&format!("/api/admin/orgs/{org}/enabled"), json!({"enabled": true})).await;
    sign_in_work(&anna, &entry).await;
}

/// Contoso's directory (Dave, Anna Berg, Cecilia Åström) and Fabrikam's
/// (Anna Fabrik); Dave and Anna signed in to Contoso.
struct Directories {
    op: Client,
    contoso: i64,
    fabrikam: i64,
    dave: Client,
    anna: Client,
    anna_id: i64,
    cecilia: Entry,
}

async fn directories(server: &TestServer) -> Directories {
    let (op, contoso) = contoso(server).await;
    let fabrikam = create_org(&op, "Fabrikam", "fabrikam.com").await;
    let dave_entry = provision(&op, contoso, "contoso.com", "dave", "Dave Ek", false).await;
    let anna_entry = provision(&op, contoso, "contoso.com", "annab", "Anna Berg", false).await;
    let cecilia = provision(&op, contoso, "contoso.com", "cea", "Cecilia Åström", false).await;
    provision(&op, fabrikam, "fabrikam.com", "annaf", "Anna Fabrik", false).await;
    let dave = server.person("dave").await;
    sign_in_work(&dave, &dave_entry).await;
    let anna = server.person("anna").await;
    sign_in_work(&anna, &anna_entry).await;
    let anna_id = anna.id().await;
    Directories { op, contoso, fabrikam, dave, anna, anna_id, cecilia }
}

#[tokio::test]
async fn linking_and_leaving_tell_the_people_in_the_entrys_conversations() {
    let server = start_server().await;
    let d = directories(&server).await;
    // Dave starts an org chat with Cecilia, who is not on Samtal yet.
    let (status, chat) =
        d.dave.post("/api/conversations/chats", json!({"directory_entry_id": d.cecilia.id, "scope": "org"})).await;
    assert!(status.is_success(), "{chat}");
    let chat = ConversationId(chat["id"].as_i64().unwrap());
    let dave_before = events(&d.dave).await.len();

    // Once she links the work account, the chat is hers (rule 1), and Dave
    // hears that his chat's member changed.
    let cecilia = server.person("cecilia").await;
    sign_in_work(&cecilia, &d.cecilia).await;
    assert_eq!(events(&cecilia).await, vec![Event::MeChanged, Event::ConversationAdded { conversation_id: chat }]);
    assert_eq!(events_after(&d.dave, dave_before).await, vec![Event::ConversationChanged { conversation_id: chat }]);

    // Signing out revokes the organization and tells Dave again.
    cecilia.delete("/api/me/work-account").await;
    assert_eq!(
        events_after(&cecilia, 2).await,
        vec![
            Event::OrgRevoked { org_id: OrgId(d.contoso), reason: RevocationReason::SignedOutOfWorkAccount },
            Event::MeChanged
        ]
    );
    assert_eq!(
        events_after(&d.dave, dave_before).await,
        vec![
            Event::ConversationChanged { conversation_id: chat },
            Event::ConversationChanged { conversation_id: chat }
        ]
    );

    // Removed from the directory while signed in: revoked at once, and the
    // chat's other member hears of it.
    sign_in_work(&cecilia, &d.cecilia).await;
    let (cecilia_before, dave_before) = (events(&cecilia).await.len(), events(&d.dave).await.len());
    let (status, _) = d.op.delete(&format!("/api/admin/orgs/{}/directory/{}", d.contoso, d.cecilia.id)).await;
    assert_eq!(status, 200);
    assert_eq!(
        events_after(&cecilia, cecilia_before).await,
        vec![
            Event::OrgRevoked { org_id: OrgId(d.contoso), reason: RevocationReason::RemovedFromDirectory },
            Event::MeChanged
        ]
    );
    assert_eq!(events_after(&d.dave, dave_before).await, vec![Event::ConversationChanged { conversation_id: chat }]);
}

#[tokio::test]
async fn linking_merges_a_guest_membership_into_the_directory_one() {
    let server = start_server().await;
    let d = directories(&server).await;
    // Cecilia is in a Contoso group twice over: as herself (a guest) and by
    // her directory entry, which she has not linked yet.
    let cecilia = server.person("cecilia").await;
    let cecilia_id = cecilia.id().await;
    let (status, group) =
        d.op.post(
            &format!("/api/admin/orgs/{}/groups", d.contoso),
            json!({"title": "Launch", "member_ids": [cecilia_id], "directory_entry_ids": [d.cecilia.id]}),
        )
        .await;
    assert!(status.is_success(), "{group}");
    let group_id = group["id"].as_i64().unwrap();
    let before = events(&cecilia).await.len();

    sign_in_work(&cecilia, &d.cecilia).await;
    assert_eq!(
        events_after(&cecilia, before).await,
        vec![Event::MeChanged, Event::ConversationAdded { conversation_id: ConversationId(group_id) }]
    );
    let (status, detail) = cecilia.get(&format!("/api/conversations/{group_id}")).await;
    assert_eq!(status, 200, "{detail}");
    let hers: Vec<&Value> =
        detail["members"].as_array().unwrap().iter().filter(|m| m["person_id"] == cecilia_id).collect();
    assert_eq!(hers.len(), 1, "one membership: {detail}");
    assert_eq!(hers[0]["directory_entry_id"], d.cecilia.id);
}

#[tokio::test]
async fn search_merges_contacts_and_the_viewers_directory() {
    let server = start_server().await;
    let d = directories(&server).await;
    let (status, _) = d.dave.post("/api/contacts", json!({"person_id": d.anna_id})).await;
    assert_eq!(status, 201);

    let (status, results) = d.dave.get("/api/search?q=ANNA").await;
    assert_eq!(status, 200, "{results}");
    // The contact first, then Contoso's directory; never Fabrikam's.
    assert_eq!(names(&results), vec![pair("contact", "Anna"), pair("directory", "Anna Berg")]);
    assert_eq!(results[0]["person_id"], d.anna_id);
    assert!(results[0]["org"].is_null());
    let directory = &results[1];
    assert_eq!(directory["person_id"], d.anna_id);
    assert_eq!(directory["email"], "annab@contoso.com");
    assert_eq!(directory["alias"], "annab");
    assert_eq!(directory["designation"], "Engineer");
    assert_eq!(directory["department"], "R&D");
    assert_eq!(directory["org"], json!({"id": d.contoso, "name": "Contoso"}));

    // By alias, for an entry nobody has linked yet.
    let (_, results) = d.dave.get("/api/search?q=cea").await;
    assert_eq!(names(&results), vec![pair("directory", "Cecilia Åström")]);
    assert!(results[0]["person_id"].is_null());
    assert_eq!(results[0]["directory_entry_id"], d.cecilia.id);
    // Case folding beyond ASCII.
    let (_, results) = d.dave.get("/api/search?q=%C3%85STR%C3%96M").await;
    assert_eq!(names(&results), vec![pair("directory", "Cecilia Åström")]);
    // By e-mail: the viewer's own entry is left out, ordered by name.
    let (_, results) = d.dave.get("/api/search?q=%40contoso.com").await;
    assert_eq!(names(&results), vec![pair("directory", "Anna Berg"), pair("directory", "Cecilia Åström")]);
    // Nothing matches.
    let (status, results) = d.dave.get("/api/search?q=zzz").await;
    assert_eq!((status.as_u16(), results), (200, json!([])));
}

#[tokio::test]
async fn search_never_shows_another_organizations_directory() {
    let server = start_server().await;
    let d = directories(&server).await;
    // A personal account sees no directory at all.
    let eve = server.person("eve").await;
    let (_, results) = eve.get("/api/search?q=anna").await;
    assert_eq!(results, json!([]));
    // Contoso's member sees only Contoso's.
    let (_, results) = d.anna.get("/api/search?q=fabrik").await;
    assert_eq!(results, json!([]));
    // After signing out, nothing of Contoso either.
    d.dave.delete("/api/me/work-account").await;
    let (_, results) = d.dave.get("/api/search?q=anna").await;
    assert_eq!(results, json!([]));
    // An admin of both organizations searches both directories.
    let (_, results) = d.op.get("/api/search?q=anna").await;
    let orgs: Vec<i64> = results.as_array().unwrap().iter().map(|r| r["org"]["id"].as_i64().unwrap()).collect();
    assert_eq!(names(&results), vec![pair("directory", "Anna Berg"), pair("directory", "Anna Fabrik")]);
    assert_eq!(orgs, vec![d.contoso, d.fabrikam]);
}

#[tokio::test]
async fn search_checks_its_query_and_limits_results() {
    let server = start_server().await;
    let (op, org) = contoso(&server).await;
    let entries: Vec<Value> = (0..70)
        .map(|i| json!({"email": format!("p{i}@contoso.com"), "alias": format!("p{i}"), "display_name": format!("Person {i:02}")}))
        .collect();
    import(&op, org, json!(entries)).await;
    let (_, results) = op.get("/api/search?q=person").await;
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), 50);
    assert_eq!(results[0]["display_name"], "Person 00");
    assert_eq!(results[49]["display_name"], "Person 49");

    assert_error(&op.get("/api/search?q=").await, 400, "invalid_input");
    assert_error(&op.get("/api/search?q=%20%20").await, 400, "invalid_input");
    assert_error(&op.get("/api/search").await, 400, "invalid_input");
    assert_error(&op.get(&format!("/api/search?q={}", "a".repeat(101))).await, 400, "invalid_input");
    assert_error(&server.client().get("/api/search?q=person").await, 401, "unauthenticated");
}

#[tokio::test]
async fn profiles_show_directory_attributes_only_to_those_who_may_see_them() {
    let server = start_server().await;
    let d = directories(&server).await;
    let path = format!("/api/people/{}", d.anna_id);

    // A colleague in the same organization sees them.
    let (status, profile) = d.dave.get(&path).await;
    assert_eq!(status, 200, "{profile}");
    assert_eq!(profile["person"]["handle"], "anna");
    assert_eq!(profile["is_contact"], false);
    let attributes = &profile["directory"];
    assert_eq!(attributes["email"], "annab@contoso.com");
    assert_eq!(attributes["alias"], "annab");
    assert_eq!(attributes["designation"], "Engineer");
    assert_eq!(attributes["department"], "R&D");
    assert_eq!(
        attributes["org"],
        json!({"id": d.contoso, "name": "Contoso", "domain": "contoso.com", "description": "Contoso owns this."})
    );
    // So does the organization's admin, and the person themselves.
    let (_, profile) = d.op.get(&path).await;
    assert!(profile["directory"].is_object());
    let (_, profile) = d.anna.get(&path).await;
    assert!(profile["directory"].is_object());

    // A personal account sees the person only, also once saved as a contact.
    let eve = server.person("eve").await;
    let (_, profile) = eve.get(&path).await;
    assert!(profile["directory"].is_null(), "{profile}");
    eve.post("/api/contacts", json!({"person_id": d.anna_id})).await;
    let (_, profile) = eve.get(&path).await;
    assert!(profile["directory"].is_null(), "{profile}");
    assert_eq!(profile["is_contact"], true);

    // Once the colleague signs out, the attributes are gone for them too.
    d.dave.delete("/api/me/work-account").await;
    let (_, profile) = d.dave.get(&path).await;
    assert!(profile["directory"].is_null());

    assert_error(&eve.get("/api/people/999999").await, 404, "not_found");
    assert_error(&eve.get("/api/people/anna").await, 400, "invalid_input");
    assert_error(&server.client().get(&path).await, 401, "unauthenticated");
}

#[tokio::test]
async fn contacts_are_saved_listed_and_removed() {
    let server = start_server().await;
    let anna = server.person("anna").await;
    let anna_id = anna.id().await;
    let cecilia_id = server.person("cecilia").await.id().await;
    let bert_id = server.person("bert").await.id().await;

    let (status, contact) = anna.post("/api/contacts", json!({"person_id": cecilia_id})).await;
    assert_eq!(status, 201, "{contact}");
    assert_eq!(contact["person"]["handle"], "cecilia");
    assert!(contact["added_at"].as_i64().unwrap() > 0);
    // Saving again answers the same contact.
    let (status, again) = anna.post("/api/contacts", json!({"person_id": cecilia_id})).await;
    assert_eq!(status, 200);
    assert_eq!(again, contact);
    anna.post("/api/contacts", json!({"person_id": bert_id})).await;

    let (status, list) = anna.get("/api/contacts").await;
    assert_eq!(status, 200);
    let handles: Vec<&str> = list.as_array().unwrap().iter().map(|c| c["person"]["handle"].as_str().unwrap()).collect();
    assert_eq!(handles, vec!["bert", "cecilia"]);
    // Contacts are private: Bert's list is his own.
    let bert = server.client();
    bert.post("/api/auth/login", json!({"handle": "bert", "password": "password123"})).await;
    let (_, list) = bert.get("/api/contacts").await;
    assert_eq!(list, json!([]));
    // Contacts are found by handle and name.
    let (_, results) = anna.get("/api/search?q=ceci").await;
    assert_eq!(names(&results), vec![pair("contact", "Cecilia")]);

    let (status, done) = anna.delete(&format!("/api/contacts/{cecilia_id}")).await;
    assert_eq!((status.as_u16(), done), (200, json!({"ok": true})));
    let (_, list) = anna.get("/api/contacts").await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    let (status, _) = anna.delete(&format!("/api/contacts/{cecilia_id}")).await;
    assert_eq!(status, 200, "removing twice is harmless");

    assert_error(&anna.post("/api/contacts", json!({"person_id": anna_id})).await, 400, "invalid_input");
    assert_error(&anna.post("/api/contacts", json!({"person_id": 999_999})).await, 404, "not_found");
    assert_error(&anna.post("/api/contacts", json!({"person_id": "bert"})).await, 400, "invalid_json");
    assert_error(&anna.post("/api/contacts", json!({})).await, 400, "invalid_json");
    assert_error(&anna.delete("/api/contacts/999999").await, 404, "not_found");
    assert_error(&anna.delete("/api/contacts/bert").await, 400, "invalid_input");
    assert_error(&server.client().get("/api/contacts").await, 401, "unauthenticated");
    let (_, list) = anna.get("/api/contacts").await;
    assert_eq!(list.as_array().unwrap().len(), 1);
}
