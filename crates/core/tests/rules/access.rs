//! Rules 7, 9 and 10: who may open a conversation, see its profile, and
//! manage its members — by role, scope, the owner's state and its policies.

use samtal_core::ErrorCode::{self, *};
use samtal_core::rules::{
    ConversationFacts, access, check_add_directory_entry, check_manage_members, may_view_profile,
};

use crate::support::*;

/// (what, who asks, the conversation, the verdict)
type Case = (&'static str, Who, ConversationFacts, Result<(), ErrorCode>);

fn signin_by_tenant() -> ConversationFacts {
    org_group().tenant(|t| t.require_work_signin = true)
}

fn signin_by_group() -> ConversationFacts {
    org_group().group(|g| g.require_work_signin = true)
}

#[test]
fn who_may_open_a_conversation() {
    let cases: Vec<Case> = vec![
        // Private conversations: their members, whatever organizations say (rules 7, 9).
        ("an outsider can't open a private chat nor learn it exists", outsider(), private_chat(), Err(NotFound)),
        ("a participant opens their private chat", personal_member(), private_chat(), Ok(())),
        (
            "a participant signed in to a work account opens their private chat",
            signed_in_to(ACME).member(),
            private_chat(),
            Ok(()),
        ),
        ("a plain member opens a private group", personal_member(), private_group(), Ok(())),
        ("a group admin opens a private group", personal_group_admin(), private_group(), Ok(())),
        ("a partner-signed-in member opens a private group", partner_member(), private_group(), Ok(())),
        (
            "an org admin can't open a private group they are not in",
            acme_admin_outside(),
            private_group(),
            Err(NotFound),
        ),
        (
            "an org admin in a private group opens it",
            signed_in_to(ACME).administering(ACME).member(),
            private_group(),
            Ok(()),
        ),
        ("another org's admin can't open a private group", globex_admin_outside(), private_group(), Err(NotFound)),
        // Org conversations of an enabled organization, no sign-in requirement.
        ("an outsider can't open an org group nor learn it exists", outsider(), org_group(), Err(NotFound)),
        ("a signed-in owner-org member outside the group can't", signed_in_to(ACME), org_group(), Err(NotFound)),
        ("the owner's admin outside the group can't open it", acme_admin_outside(), org_group(), Err(NotFound)),
        ("the owner's admin through the admin list can't either", operator_of(ACME), org_group(), Err(NotFound)),
        ("another org's admin outside can't", globex_admin_outside(), org_group(), Err(NotFound)),
        ("a signed-in owner-org member opens it", owner_member(), org_group(), Ok(())),
        ("a signed-in owner-org group admin opens it", owner_group_admin(), org_group(), Ok(())),
        ("a personal-account member opens it", personal_member(), org_group(), Ok(())),
        ("a personal-account group admin opens it", personal_group_admin(), org_group(), Ok(())),
        ("a member signed in to another org opens it", partner_member(), org_group(), Ok(())),
        ("the owner's admin who is a member opens it", acme_admin_member(), org_group(), Ok(())),
        ("another org's admin who is a member opens it", globex_admin_member(), org_group(), Ok(())),
        ("an org chat's participant opens it", owner_member(), org_chat(), Ok(())),
        ("an outsider can't open an org chat", outsider(), org_chat(), Err(NotFound)),
        ("the owner's admin can't open an org chat they're not in", acme_admin_outside(), org_chat(), Err(NotFound)),
        // A disabled organization's conversations are closed to everyone (rule 9).
        (
            "a disabled org's group is closed to its signed-in members",
            owner_member(),
            org_group().disabled(),
            Err(OrgDisabled),
        ),
        ("… to its group admins", owner_group_admin(), org_group().disabled(), Err(OrgDisabled)),
        ("… to personal-account members", personal_member(), org_group().disabled(), Err(OrgDisabled)),
        ("… to partner members", partner_member(), org_group().disabled(), Err(OrgDisabled)),
        ("… to the owner's admins who are members", acme_admin_member(), org_group().disabled(), Err(OrgDisabled)),
        (
            "… and to the owner's admins through the admin list",
            operator_of(ACME).member(),
            org_group().disabled(),
            Err(OrgDisabled),
        ),
        ("a disabled org's chat is closed too", owner_member(), org_chat().disabled(), Err(OrgDisabled)),
        ("an outsider still gets not found, not a hint", outsider(), org_group().disabled(), Err(NotFound)),
        (
            "disabled wins over a satisfied sign-in requirement",
            owner_member(),
            signin_by_tenant().disabled(),
            Err(OrgDisabled),
        ),
        ("a disabled org leaves its people's private groups untouched", personal_member(), private_group(), Ok(())),
        // require_work_signin, set by the tenant (rule 9).
        ("tenant sign-in: a signed-in owner-org member opens it", owner_member(), signin_by_tenant(), Ok(())),
        ("tenant sign-in: a signed-in owner-org group admin opens it", owner_group_admin(), signin_by_tenant(), Ok(())),
        ("tenant sign-in: a partner signed in to their org opens it", partner_member(), signin_by_tenant(), Ok(())),
        (
            "tenant sign-in: a person-row member signed in to the owner org opens it",
            signed_in_to(ACME).member(),
            signin_by_tenant(),
            Ok(()),
        ),
        (
            "tenant sign-in: a personal-account member is asked to sign in",
            personal_member(),
            signin_by_tenant(),
            Err(WorkSigninRequired),
        ),
        (
            "tenant sign-in: a personal-account group admin is asked too",
            personal_group_admin(),
            signin_by_tenant(),
            Err(WorkSigninRequired),
        ),
        (
            "tenant sign-in: an owner-org member through the directory who is signed out",
            personal().member().via_directory(),
            signin_by_tenant(),
            Err(WorkSigninRequired),
        ),
        (
            "tenant sign-in: an owner-org member through the directory signed in elsewhere",
            signed_in_to(GLOBEX).member().via_directory(),
            signin_by_tenant(),
            Err(WorkSigninRequired),
        ),
        (
            "tenant sign-in: the owner's admin through the admin list, not signed in, is asked too",
            operator_of(ACME).member(),
            signin_by_tenant(),
            Err(WorkSigninRequired),
        ),
        (
            "tenant sign-in: the owner's signed-in admin member opens it",
            acme_admin_member(),
            signin_by_tenant(),
            Ok(()),
        ),
        ("tenant sign-in: an outsider still gets not found", outsider(), signin_by_tenant(), Err(NotFound)),
        (
            "tenant sign-in: an org chat participant signed in opens it",
            owner_member(),
            org_chat().tenant(|t| t.require_work_signin = true),
            Ok(()),
        ),
        (
            "tenant sign-in: no requirement reaches private groups",
            personal_member(),
            private_group().group(|g| g.require_work_signin = true),
            Ok(()),
        ),
        // require_work_signin, set by the group only.
        ("group sign-in: a signed-in owner-org member opens it", owner_member(), signin_by_group(), Ok(())),
        ("group sign-in: a partner signed in to their org opens it", partner_member(), signin_by_group(), Ok(())),
        (
            "group sign-in: a personal-account member is asked to sign in",
            personal_member(),
            signin_by_group(),
            Err(WorkSigninRequired),
        ),
        (
            "group sign-in: an owner-org directory member signed in elsewhere",
            signed_in_to(GLOBEX).member().via_directory(),
            signin_by_group(),
            Err(WorkSigninRequired),
        ),
        (
            "group sign-in: another org's admin who is a member and signed in there opens it",
            globex_admin_member(),
            signin_by_group(),
            Ok(()),
        ),
        (
            "group sign-in: another org's admin by the admin list only is asked to sign in",
            operator_of(GLOBEX).member(),
            signin_by_group(),
            Err(WorkSigninRequired),
        ),
        // A conversation owned by another organization.
        (
            "a member signed in to ACME, taking part as a person, opens GLOBEX's sign-in group",
            signed_in_to(ACME).member(),
            org_group().owned_by(GLOBEX).tenant(|t| t.require_work_signin = true),
            Ok(()),
        ),
        (
            "a GLOBEX directory member signed in to ACME can't open GLOBEX's sign-in group",
            signed_in_to(ACME).member().via_directory(),
            org_group().owned_by(GLOBEX).tenant(|t| t.require_work_signin = true),
            Err(WorkSigninRequired),
        ),
    ];
    for (what, who, conversation, expected) in cases {
        assert_eq!(access(&who.viewer, &conversation, who.m()), expected, "{what}");
    }
}

#[test]
fn refusals_use_the_documented_statuses() {
    // A conversation the viewer isn't in is 404, never 403: probing reveals nothing.
    assert_eq!(NotFound.http_status(), 404);
    assert_eq!(OrgDisabled.http_status(), 403);
    assert_eq!(WorkSigninRequired.http_status(), 403);
}

#[test]
fn who_may_see_a_conversation_profile() {
    let cases: Vec<Case> = vec![
        ("the owner's admin sees every org group's profile (admin portal)", acme_admin_outside(), org_group(), Ok(())),
        ("the owner's admin through the admin list, not signed in", operator_of(ACME), org_group(), Ok(())),
        ("the owner's admin sees an org chat's profile", acme_admin_outside(), org_chat(), Ok(())),
        ("the owner's admin sees a disabled organization's group", operator_of(ACME), org_group().disabled(), Ok(())),
        ("the owner's admin sees a sign-in group without signing in", operator_of(ACME), signin_by_tenant(), Ok(())),
        ("the owner's admin who is a member sees it", acme_admin_member(), org_group(), Ok(())),
        (
            "an org admin never sees a private group they're not in",
            acme_admin_outside(),
            private_group(),
            Err(NotFound),
        ),
        ("an org admin never sees a private chat they're not in", acme_admin_outside(), private_chat(), Err(NotFound)),
        (
            "an org admin in a private group sees it as a member",
            signed_in_to(ACME).administering(ACME).member(),
            private_group(),
            Ok(()),
        ),
        ("another org's admin outside gets not found", globex_admin_outside(), org_group(), Err(NotFound)),
        ("another org's admin who is a member sees it", globex_admin_member(), org_group(), Ok(())),
        (
            "another org's admin in a disabled org's group is closed out",
            globex_admin_member(),
            org_group().disabled(),
            Err(OrgDisabled),
        ),
        ("an outsider gets not found", outsider(), org_group(), Err(NotFound)),
        (
            "a signed-in owner-org member outside the group gets not found",
            signed_in_to(ACME),
            org_group(),
            Err(NotFound),
        ),
        ("a plain member sees it", personal_member(), org_group(), Ok(())),
        (
            "a plain member of a disabled org's group is closed out",
            owner_member(),
            org_group().disabled(),
            Err(OrgDisabled),
        ),
        (
            "a personal-account member of a sign-in group must sign in",
            personal_member(),
            signin_by_group(),
            Err(WorkSigninRequired),
        ),
        ("a private group's member sees it", personal_member(), private_group(), Ok(())),
        ("a private chat's participant sees it", personal_member(), private_chat(), Ok(())),
    ];
    for (what, who, conversation, expected) in cases {
        assert_eq!(may_view_profile(&who.viewer, &conversation, who.m()), expected, "{what}");
    }
}

#[test]
fn who_may_add_and_remove_members() {
    let cases: Vec<Case> = vec![
        ("a private group's admin manages members", personal_group_admin(), private_group(), Ok(())),
        ("a private group's plain member may not", personal_member(), private_group(), Err(Forbidden)),
        ("an outsider doesn't learn the private group exists", outsider(), private_group(), Err(NotFound)),
        (
            "an org admin can't manage a private group they're not in",
            acme_admin_outside(),
            private_group(),
            Err(NotFound),
        ),
        (
            "a chat has exactly two people: nobody adds to it",
            personal_group_admin(),
            private_chat(),
            Err(RuleViolation),
        ),
        ("an org chat neither", owner_group_admin(), org_chat(), Err(RuleViolation)),
        ("an org group's admin from the owner org manages members", owner_group_admin(), org_group(), Ok(())),
        ("an org group's admin on a personal account manages members", personal_group_admin(), org_group(), Ok(())),
        ("an org group's plain member may not", owner_member(), org_group(), Err(Forbidden)),
        ("a partner member may not", partner_member(), org_group(), Err(Forbidden)),
        ("the owner's admin as a plain member may not", acme_admin_member(), org_group(), Err(Forbidden)),
        ("the owner's admin outside the group gets not found", acme_admin_outside(), org_group(), Err(NotFound)),
        ("another org's admin outside gets not found", globex_admin_outside(), org_group(), Err(NotFound)),
        (
            "a group admin can't while the organization is disabled",
            owner_group_admin(),
            org_group().disabled(),
            Err(OrgDisabled),
        ),
        (
            "a personal-account group admin must sign in where required",
            personal_group_admin(),
            signin_by_tenant(),
            Err(WorkSigninRequired),
        ),
        ("a signed-in group admin manages a sign-in group", owner_group_admin(), signin_by_group(), Ok(())),
    ];
    for (what, who, conversation, expected) in cases {
        assert_eq!(check_manage_members(&who.viewer, &conversation, who.m()), expected, "{what}");
    }
}

#[test]
fn directory_entries_join_only_their_own_organizations_conversations() {
    let cases = vec![
        ("an ACME entry joins an ACME group", org_group(), ACME, Ok(())),
        (
            "an ACME entry joins an ACME group of a disabled org (access decides later)",
            org_group().disabled(),
            ACME,
            Ok(()),
        ),
        ("a GLOBEX entry can't join an ACME group by entry", org_group(), GLOBEX, Err(NotInDirectory)),
        ("a GLOBEX entry joins a GLOBEX group", org_group().owned_by(GLOBEX), GLOBEX, Ok(())),
        ("a private group has no directory to resolve an entry", private_group(), ACME, Err(NotInDirectory)),
        ("a private chat neither", private_chat(), ACME, Err(NotInDirectory)),
    ];
    for (what, conversation, entry_org, expected) in cases {
        assert_eq!(check_add_directory_entry(&conversation, entry_org), expected, "{what}");
    }
}
