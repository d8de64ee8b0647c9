//! The authorization matrix of the conversation endpoints: for each endpoint
//! family, who may act on which kind of conversation, and what everybody
//! else is answered. Every case runs on a fresh conversation, and a refused
//! request must leave the conversation exactly as it was.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod common_conversations;

use common::*;
use common_conversations::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Who asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Actor {
    /// A personal account with no part in the conversation.
    Outsider,
    /// A plain member (signed in to Contoso); the other participant of a chat.
    Member,
    /// The group's admin (signed in to Contoso); the creator of a chat.
    GroupAdmin,
    /// An admin of Contoso, which owns the org conversations; not a member.
    OwnerOrgAdmin,
    /// An admin of Fabrikam; not a member.
    OtherOrgAdmin,
}

/// What they ask about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// A group created in the app and converted to Contoso's.
    OrgGroup,
    /// A group created in the app.
    PrivateGroup,
    /// A private chat between the group admin and the member.
    PrivateChat,
    /// A Contoso org chat between the group admin and the member.
    OrgChat,
}

/// The endpoint family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    /// `GET /api/conversations/{id}`.
    ViewProfile,
    /// `POST /api/conversations/{id}/members`.
    AddMember,
    /// `DELETE /api/conversations/{id}/members/{person_id}`.
    RemoveMember,
    /// `POST /api/conversations/{id}/leave`.
    Leave,
    /// `POST /api/conversations/{id}/add-to-organization`.
    AddToOrganization,
    /// `PUT /api/conversations/{id}/policies`.
    EditPolicies,
}

/// What the answer must be: a success status, or an error status and code.
#[derive(Debug, Clone, Copy)]
enum Expect {
    Ok(u16),
    Err(u16, &'static str),
}

use Action::*;
use Actor::*;
use Expect::{Err as E, Ok as O};
use Target::*;

const NOT_FOUND: Expect = E(404, "not_found");
const FORBIDDEN: Expect = E(403, "forbidden");

/// The cast, in one server.
struct Cast {
    server: TestServer,
    op: Client,
    contoso: Org,
    group_admin: Someone,
    member: Someone,
    member_entry: Entry,
    victim: Someone,
    newcomer: Someone,
    outsider: Someone,
    owner_admin: Someone,
    other_admin: Someone,
}

async fn cast() -> Cast {
    let server = start_server().await;
    let op = operator(&server).await;
    let contoso = create_org(&op, "Contoso", "contoso.com").await;
    let fabrikam = create_org(&op, "Fabrikam", "fabrikam.com").await;
    let (group_admin, _) = employee(&server, &op, &contoso, "gadmin", false).await;
    let (member, member_entry) = employee(&server, &op, &contoso, "member", false).await;
    let (owner_admin, _) = employee(&server, &op, &contoso, "cadmin", true).await;
    let (other_admin, _) = employee(&server, &op, &fabrikam, "fadmin", true).await;
    let victim = someone(&server, "victim").await;
    let newcomer = someone(&server, "newcomer").await;
    let outsider = someone(&server, "outsider").await;
    Cast {
        server,
        op,
        contoso,
        group_admin,
        member,
        member_entry,
        victim,
        newcomer,
        outsider,
        owner_admin,
        other_admin,
    }
}

impl Cast {
    fn actor(&self, actor: Actor) -> &Client {
        match actor {
            Outsider => &self.outsider,
            Member => &self.member,
            GroupAdmin => &self.group_admin,
            OwnerOrgAdmin => &self.owner_admin,
            OtherOrgAdmin => &self.other_admin,
        }
    }

    /// A fresh conversation of the kind (chats exist once per pair, and
    /// nothing allowed on a chat changes it).
    async fn target(&self, target: Target) -> i64 {
        match target {
            PrivateGroup => group(&self.group_admin, "Matrix", &[self.member.id, self.victim.id]).await,
            OrgGroup => {
                let id = group(&self.group_admin, "Matrix", &[self.member.id, self.victim.id]).await;
                convert(&self.group_admin, id).await;
                id
            }
            PrivateChat => private_chat(&self.group_admin, self.member.id).await,
            OrgChat => org_chat(&self.group_admin, self.member_entry.id).await,
        }
    }

    async fn act(&self, action: Action, id: i64, who: &Client) -> (StatusCode, Value) {
        let base = format!("/api/conversations/{id}");
        match action {
            ViewProfile => who.get(&base).await,
            AddMember => who.post(&format!("{base}/members"), json!({ "person_id": self.newcomer.id })).await,
            RemoveMember => who.delete(&format!("{base}/members/{}", self.victim.id)).await,
            Leave => who.post(&format!("{base}/leave"), json!({})).await,
            AddToOrganization => who.post(&format!("{base}/add-to-organization"), json!({})).await,
            EditPolicies => {
                let policies = json!({"allow_copy": false, "allow_share": true, "allow_forward": true,
                                      "require_work_signin": false, "history_for_new_members": true});
                who.put(&format!("{base}/policies"), policies).await
            }
        }
    }

    /// What the group admin sees of the conversation: members, roles, owner, policies.
    async fn fingerprint(&self, id: i64) -> Value {
        let d = detail(&self.group_admin, id).await;
        json!([d["members"], d["scope"], d["owner_org"], d["group_policies"], d["converted_at"]])
    }
}

/// Checks one answer against what is expected; describes a mismatch.
fn check(case: &str, got: &(StatusCode, Value), expect: Expect) -> Option<String> {
    let ok = match expect {
        O(status) => got.0.as_u16() == status,
        E(status, code) => {
            got.0.as_u16() == status
                && got.1["error"]["code"] == code
                && got.1["error"]["message"].as_str().is_some_and(|m| !m.is_empty())
        }
    };
    (!ok).then(|| format!("{case}: expected {expect:?}, got {} {}", got.0, got.1))
}

async fn run(cast: &Cast, cases: &[(Action, Target, Actor, Expect)]) {
    let mut failures = Vec::new();
    for &(action, target, actor, expect) in cases {
        let id = cast.target(target).await;
        let before = cast.fingerprint(id).await;
        let got = cast.act(action, id, cast.actor(actor)).await;
        let case = format!("{action:?} on {target:?} by {actor:?}");
        if let Some(failure) = check(&case, &got, expect) {
            failures.push(failure);
            continue;
        }
        if matches!(expect, E(..)) && action != ViewProfile {
            let after = cast.fingerprint(id).await;
            if after != before {
                failures.push(format!("{case}: refused, yet the conversation changed: {before} → {after}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[tokio::test]
async fn viewing_a_profile() {
    let cast = cast().await;
    run(
        &cast,
        &[
            (ViewProfile, OrgGroup, Outsider, NOT_FOUND),
            (ViewProfile, OrgGroup, Member, O(200)),
            (ViewProfile, OrgGroup, GroupAdmin, O(200)),
            (ViewProfile, OrgGroup, OwnerOrgAdmin, O(200)),
            (ViewProfile, OrgGroup, OtherOrgAdmin, NOT_FOUND),
            (ViewProfile, PrivateGroup, Outsider, NOT_FOUND),
            (ViewProfile, PrivateGroup, Member, O(200)),
            (ViewProfile, PrivateGroup, GroupAdmin, O(200)),
            (ViewProfile, PrivateGroup, OwnerOrgAdmin, NOT_FOUND),
            (ViewProfile, PrivateGroup, OtherOrgAdmin, NOT_FOUND),
            (ViewProfile, PrivateChat, Outsider, NOT_FOUND),
            (ViewProfile, PrivateChat, Member, O(200)),
            (ViewProfile, PrivateChat, OwnerOrgAdmin, NOT_FOUND),
            (ViewProfile, OrgChat, Outsider, NOT_FOUND),
            (ViewProfile, OrgChat, Member, O(200)),
            (ViewProfile, OrgChat, OwnerOrgAdmin, O(200)),
            (ViewProfile, OrgChat, OtherOrgAdmin, NOT_FOUND),
        ],
    )
    .await;
}

#[tokio::test]
async fn adding_and_removing_members() {
    let cast = cast().await;
    let rule = E(422, "rule_violation");
    run(
        &cast,
        &[
            (AddMember, OrgGroup, Outsider, NOT_FOUND),
            (AddMember, OrgGroup, Member, FORBIDDEN),
            (AddMember, OrgGroup, GroupAdmin, O(200)),
            (AddMember, OrgGroup, OwnerOrgAdmin, NOT_FOUND),
            (AddMember, OrgGroup, OtherOrgAdmin, NOT_FOUND),
            (AddMember, PrivateGroup, Outsider, NOT_FOUND),
            (AddMember, PrivateGroup, Member, FORBIDDEN),
            (AddMember, PrivateGroup, GroupAdmin, O(200)),
            (AddMember, PrivateGroup, OwnerOrgAdmin, NOT_FOUND),
            (AddMember, PrivateGroup, OtherOrgAdmin, NOT_FOUND),
            (AddMember, PrivateChat, GroupAdmin, rule),
            (AddMember, PrivateChat, Member, rule),
            (AddMember, PrivateChat, Outsider, NOT_FOUND),
            (AddMember, OrgChat, GroupAdmin, rule),
            (AddMember, OrgChat, OwnerOrgAdmin, NOT_FOUND),
            (RemoveMember, OrgGroup, Outsider, NOT_FOUND),
            (RemoveMember, OrgGroup, Member, FORBIDDEN),
            (RemoveMember, OrgGroup, GroupAdmin, O(200)),
            (RemoveMember, OrgGroup, OwnerOrgAdmin, NOT_FOUND),
            (RemoveMember, OrgGroup, OtherOrgAdmin, NOT_FOUND),
            (RemoveMember, PrivateGroup, Outsider, NOT_FOUND),
            (RemoveMember, PrivateGroup, Member, FORBIDDEN),
            (RemoveMember, PrivateGroup, GroupAdmin, O(200)),
            (RemoveMember, PrivateGroup, OwnerOrgAdmin, NOT_FOUND),
            (RemoveMember, PrivateGroup, OtherOrgAdmin, NOT_FOUND),
            (RemoveMember, PrivateChat, GroupAdmin, rule),
            (RemoveMember, OrgChat, Member, rule),
        ],
    )
    .await;
}

#[tokio::test]
async fn leaving() {
    let cast = cast().await;
    let rule = E(422, "rule_violation");
    run(
        &cast,
        &[
            (Leave, OrgGroup, Outsider, NOT_FOUND),
            (Leave, OrgGroup, Member, O(200)),
            (Leave, OrgGroup, GroupAdmin, O(200)),
            (Leave, OrgGroup, OwnerOrgAdmin, NOT_FOUND),
            (Leave, OrgGroup, OtherOrgAdmin, NOT_FOUND),
            (Leave, PrivateGroup, Outsider, NOT_FOUND),
            (Leave, PrivateGroup, Member, O(200)),
            (Leave, PrivateGroup, GroupAdmin, O(200)),
            (Leave, PrivateGroup, OwnerOrgAdmin, NOT_FOUND),
            (Leave, PrivateGroup, OtherOrgAdmin, NOT_FOUND),
            (Leave, PrivateChat, Member, rule),
            (Leave, OrgChat, GroupAdmin, rule),
            (Leave, OrgChat, OwnerOrgAdmin, NOT_FOUND),
        ],
    )
    .await;
}

#[tokio::test]
async fn adding_to_the_organization() {
    let cast = cast().await;
    let chat = E(422, "private_chat_cannot_convert");
    let owned = E(409, "already_org_owned");
    run(
        &cast,
        &[
            (AddToOrganization, PrivateGroup, Outsider, NOT_FOUND),
            (AddToOrganization, PrivateGroup, Member, FORBIDDEN),
            (AddToOrganization, PrivateGroup, GroupAdmin, O(200)),
            (AddToOrganization, PrivateGroup, OwnerOrgAdmin, NOT_FOUND),
            (AddToOrganization, PrivateGroup, OtherOrgAdmin, NOT_FOUND),
            (AddToOrganization, OrgGroup, Outsider, NOT_FOUND),
            (AddToOrganization, OrgGroup, Member, owned),
            (AddToOrganization, OrgGroup, GroupAdmin, owned),
            (AddToOrganization, OrgGroup, OwnerOrgAdmin, NOT_FOUND),
            (AddToOrganization, OrgGroup, OtherOrgAdmin, NOT_FOUND),
            (AddToOrganization, PrivateChat, GroupAdmin, chat),
            (AddToOrganization, PrivateChat, Member, chat),
            (AddToOrganization, PrivateChat, Outsider, NOT_FOUND),
            (AddToOrganization, OrgChat, GroupAdmin, chat),
        ],
    )
    .await;
}

#[tokio::test]
async fn editing_group_policies() {
    let cast = cast().await;
    let needs_org = E(422, "policies_need_org_conversation");
    run(
        &cast,
        &[
            (EditPolicies, OrgGroup, Outsider, NOT_FOUND),
            (EditPolicies, OrgGroup, Member, FORBIDDEN),
            (EditPolicies, OrgGroup, GroupAdmin, O(200)),
            (EditPolicies, OrgGroup, OwnerOrgAdmin, O(200)),
            (EditPolicies, OrgGroup, OtherOrgAdmin, NOT_FOUND),
            (EditPolicies, PrivateGroup, Outsider, NOT_FOUND),
            (EditPolicies, PrivateGroup, Member, needs_org),
            (EditPolicies, PrivateGroup, GroupAdmin, needs_org),
            (EditPolicies, PrivateGroup, OwnerOrgAdmin, NOT_FOUND),
            (EditPolicies, PrivateGroup, OtherOrgAdmin, NOT_FOUND),
            (EditPolicies, PrivateChat, Member, needs_org),
            (EditPolicies, PrivateChat, OwnerOrgAdmin, NOT_FOUND),
            (EditPolicies, OrgChat, GroupAdmin, needs_org),
            (EditPolicies, OrgChat, OwnerOrgAdmin, needs_org),
            (EditPolicies, OrgChat, Outsider, NOT_FOUND),
        ],
    )
    .await;
}

#[tokio::test]
async fn the_admin_portal_groups() {
    let cast = cast().await;
    let path = format!("/api/admin/orgs/{}/groups", cast.contoso.id);
    // The operator who created Contoso administers it too.
    let operator: &Client = &cast.op;
    let cases: [(Actor, Expect, Expect); 5] = [
        (Outsider, FORBIDDEN, FORBIDDEN),
        (Member, FORBIDDEN, FORBIDDEN),
        (GroupAdmin, FORBIDDEN, FORBIDDEN),
        (OwnerOrgAdmin, O(200), O(201)),
        (OtherOrgAdmin, FORBIDDEN, FORBIDDEN),
    ];
    let mut failures = Vec::new();
    let mut created = 0;
    for (actor, list, create) in cases {
        let who = cast.actor(actor);
        failures.extend(check(&format!("list by {actor:?}"), &who.get(&path).await, list));
        let got = who.post(&path, json!({"title": "Portal", "member_ids": [cast.member.id]})).await;
        failures.extend(check(&format!("create by {actor:?}"), &got, create));
        if got.0.is_success() {
            created += 1;
        }
    }
    failures.extend(check("list by the operator", &operator.get(&path).await, O(200)));
    failures.extend(check("list without a session", &cast.server.client().get(&path).await, E(401, "unauthenticated")));
    failures.extend(check(
        "create without a session",
        &cast.server.client().post(&path, json!({"title": "T"})).await,
        E(401, "unauthenticated"),
    ));
    failures.extend(check("list of an unknown org", &operator.get("/api/admin/orgs/4242/groups").await, NOT_FOUND));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Only the allowed request created a group; private groups never show.
    group(&cast.group_admin, "Private", &[cast.member.id]).await;
    let (_, groups) = operator.get(&path).await;
    assert_eq!(groups.as_array().unwrap().len(), created, "{groups}");
    assert_eq!(created, 1);
}
