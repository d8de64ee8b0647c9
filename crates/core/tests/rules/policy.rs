//! Rule 7: effective policies (the most restrictive of tenant and group), who
//! may edit group policies (org groups only), tenant-policy admins, and what
//! `history_for_new_members` means for the first visible message.

use samtal_core::ErrorCode::{self, *};
use samtal_core::Policies;
use samtal_core::rules::{check_edit_group_policies, check_org_admin, effective_policies, first_visible_seq};

use crate::support::*;

/// A policy with every field given, to spell out expected values.
fn policies(copy: bool, share: bool, forward: bool, signin: bool, history: bool) -> Policies {
    Policies {
        allow_copy: copy,
        allow_share: share,
        allow_forward: forward,
        require_work_signin: signin,
        history_for_new_members: history,
        edit_window_minutes: None,
        delete_window_minutes: None,
        admin_delete: true,
        allow_reactions: true,
    }
}

#[test]
fn effective_policy_is_the_most_restrictive_of_tenant_and_group() {
    let all_allowed = policies(true, true, true, false, true);
    let cases = vec![
        ("a private chat has no policies", private_chat(), None),
        ("a private group has no policies", private_group(), None),
        (
            "a private group has no policies even if stale group policies linger",
            private_group().group(|g| g.allow_copy = false),
            None,
        ),
        ("an org chat with default tenant policies allows everything", org_chat(), Some(all_allowed)),
        ("an org group with default policies allows everything", org_group(), Some(all_allowed)),
        (
            "the tenant forbidding copy wins over a group allowing it",
            org_group().tenant(|t| t.allow_copy = false),
            Some(policies(false, true, true, false, true)),
        ),
        (
            "the group forbidding copy wins over a tenant allowing it",
            org_group().group(|g| g.allow_copy = false),
            Some(policies(false, true, true, false, true)),
        ),
        (
            "the tenant forbidding share wins",
            org_group().tenant(|t| t.allow_share = false),
            Some(policies(true, false, true, false, true)),
        ),
        (
            "the group forbidding share wins",
            org_group().group(|g| g.allow_share = false),
            Some(policies(true, false, true, false, true)),
        ),
        (
            "the tenant forbidding forward wins",
            org_group().tenant(|t| t.allow_forward = false),
            Some(policies(true, true, false, false, true)),
        ),
        (
            "the group forbidding forward wins",
            org_group().group(|g| g.allow_forward = false),
            Some(policies(true, true, false, false, true)),
        ),
        (
            "a tenant requiring work sign-in makes the group require it",
            org_group().tenant(|t| t.require_work_signin = true),
            Some(policies(true, true, true, true, true)),
        ),
        (
            "a group requiring work sign-in requires it under a lenient tenant",
            org_group().group(|g| g.require_work_signin = true),
            Some(policies(true, true, true, true, true)),
        ),
        (
            "an org chat inherits the tenant's work sign-in requirement",
            org_chat().tenant(|t| t.require_work_signin = true),
            Some(policies(true, true, true, true, true)),
        ),
        (
            "a group hiding history from new members",
            org_group().group(|g| g.history_for_new_members = false),
            Some(policies(true, true, true, false, false)),
        ),
        (
            "a tenant and a group each forbidding something different forbid both",
            org_group().tenant(|t| t.allow_copy = false).group(|g| g.allow_forward = false),
            Some(policies(false, true, false, false, true)),
        ),
        (
            "a tenant forbidding everything forbids everything whatever the group says",
            org_group().tenant(|t| {
                t.allow_copy = false;
                t.allow_share = false;
                t.allow_forward = false;
                t.require_work_signin = true;
            }),
            Some(policies(false, false, false, true, true)),
        ),
        (
            "missed-message e-mails being off is not a conversation policy",
            org_group().tenant(|t| t.missed_message_emails = false),
            Some(all_allowed),
        ),
        (
            "a disabled organization's conversation still has its policies",
            org_group().disabled().tenant(|t| t.allow_share = false),
            Some(policies(true, false, true, false, true)),
        ),
        (
            "the owner's identity doesn't change the merge",
            org_group().owned_by(GLOBEX).group(|g| g.allow_copy = false),
            Some(policies(false, true, true, false, true)),
        ),
    ];
    for (what, conversation, expected) in cases {
        assert_eq!(effective_policies(&conversation), expected, "{what}");
    }
}

#[test]
fn effective_policy_merges_every_tenant_with_every_group_field_by_field() {
    for tenant in every_tenant() {
        for group in every_group_policies() {
            let conversation = org_group().tenant(|t| *t = tenant).group(|g| *g = group);
            let got = effective_policies(&conversation).expect("an org group has policies");
            let what = format!("tenant {tenant:?} × group {group:?}");
            // Never more permissive than either side…
            assert!(!got.allow_copy || (tenant.allow_copy && group.allow_copy), "copy: {what}");
            assert!(!got.allow_share || (tenant.allow_share && group.allow_share), "share: {what}");
            assert!(!got.allow_forward || (tenant.allow_forward && group.allow_forward), "forward: {what}");
            assert!(got.require_work_signin || !(tenant.require_work_signin || group.require_work_signin), "{what}");
            // …and no more restrictive than both together: exactly the most restrictive.
            assert_eq!(got.allow_copy, tenant.allow_copy && group.allow_copy, "copy: {what}");
            assert_eq!(got.allow_share, tenant.allow_share && group.allow_share, "share: {what}");
            assert_eq!(got.allow_forward, tenant.allow_forward && group.allow_forward, "forward: {what}");
            assert_eq!(got.require_work_signin, tenant.require_work_signin || group.require_work_signin, "{what}");
            assert_eq!(got.history_for_new_members, group.history_for_new_members, "history: {what}");
        }
    }
}

#[test]
fn group_policies_exist_on_org_groups_only_and_are_set_by_their_admins() {
    let cases: Vec<(&str, Who, _, Result<(), ErrorCode>)> = vec![
        // Private conversations: no policies; outsiders don't learn they exist (rule 7).
        (
            "a private group's admin is told only org conversations have policies",
            personal_group_admin(),
            private_group(),
            Err(PoliciesNeedOrgConversation),
        ),
        (
            "a private group's plain member is told the same",
            personal_member(),
            private_group(),
            Err(PoliciesNeedOrgConversation),
        ),
        ("an outsider can't probe a private group", outsider(), private_group(), Err(NotFound)),
        (
            "an org admin can't control a private group they are not in",
            acme_admin_outside(),
            private_group(),
            Err(NotFound),
        ),
        (
            "an org admin in a private group still finds it has no policies",
            signed_in_to(ACME).administering(ACME).group_admin(),
            private_group(),
            Err(PoliciesNeedOrgConversation),
        ),
        ("a private chat has no policies", personal_member(), private_chat(), Err(PoliciesNeedOrgConversation)),
        ("an outsider can't probe a private chat", outsider(), private_chat(), Err(NotFound)),
        // Org groups: the owner's admins and the group's admins.
        ("the group's admin from the owner org edits", owner_group_admin(), org_group(), Ok(())),
        ("the group's admin on a personal account edits", personal_group_admin(), org_group(), Ok(())),
        ("the group's admin from a partner org edits", signed_in_to(GLOBEX).group_admin(), org_group(), Ok(())),
        ("a plain member of the owner org may not", owner_member(), org_group(), Err(Forbidden)),
        ("a plain partner member may not", partner_member(), org_group(), Err(Forbidden)),
        ("an outsider doesn't learn the group exists", outsider(), org_group(), Err(NotFound)),
        ("an owner-org member outside the group gets not found", signed_in_to(ACME), org_group(), Err(NotFound)),
        ("an owner org admin outside the group edits (admin portal)", acme_admin_outside(), org_group(), Ok(())),
        ("an owner org admin through the admin list edits unsigned", operator_of(ACME), org_group(), Ok(())),
        ("an owner org admin who is a plain member edits", acme_admin_member(), org_group(), Ok(())),
        ("another org's admin outside the group gets not found", globex_admin_outside(), org_group(), Err(NotFound)),
        ("another org's admin as a plain member may not", globex_admin_member(), org_group(), Err(Forbidden)),
        (
            "another org's admin edits a group that org owns",
            globex_admin_outside(),
            org_group().owned_by(GLOBEX),
            Ok(()),
        ),
        // Org chats have no group policies.
        (
            "an org chat's participant is told chats have none",
            owner_member(),
            org_chat(),
            Err(PoliciesNeedOrgConversation),
        ),
        (
            "the owner's admin is told org chats have none",
            acme_admin_outside(),
            org_chat(),
            Err(PoliciesNeedOrgConversation),
        ),
        ("an outsider can't probe an org chat", outsider(), org_chat(), Err(NotFound)),
        // Access rules still bind the group's admins (rule 9), not the organization's admins.
        (
            "a group admin can't edit while the organization is disabled",
            owner_group_admin(),
            org_group().disabled(),
            Err(OrgDisabled),
        ),
        (
            "the owner's admin still edits a disabled organization's group",
            acme_admin_outside(),
            org_group().disabled(),
            Ok(()),
        ),
        (
            "a personal-account group admin must sign in to a work account first",
            personal_group_admin(),
            org_group().tenant(|t| t.require_work_signin = true),
            Err(WorkSigninRequired),
        ),
        (
            "a signed-in group admin of the owner org edits under required sign-in",
            owner_group_admin(),
            org_group().group(|g| g.require_work_signin = true),
            Ok(()),
        ),
        (
            "the owner's admin edits under required sign-in without signing in",
            operator_of(ACME),
            org_group().tenant(|t| t.require_work_signin = true),
            Ok(()),
        ),
    ];
    for (what, who, conversation, expected) in cases {
        assert_eq!(check_edit_group_policies(&who.viewer, &conversation, who.m()), expected, "{what}");
    }
}

#[test]
fn tenant_policies_are_for_the_organizations_admins() {
    let cases = vec![
        ("an admin of the organization", operator_of(ACME), ACME, Ok(())),
        ("an admin signed in to it", acme_admin_outside(), ACME, Ok(())),
        ("an admin of two organizations, for the second", operator_of(GLOBEX).administering(ACME), ACME, Ok(())),
        ("a signed-in member who is no admin", signed_in_to(ACME), ACME, Err(Forbidden)),
        ("an admin of another organization", globex_admin_outside(), ACME, Err(Forbidden)),
        ("a personal account", personal(), ACME, Err(Forbidden)),
        ("a group admin is no organization admin", owner_group_admin(), ACME, Err(Forbidden)),
    ];
    for (what, who, org, expected) in cases {
        assert_eq!(check_org_admin(&who.viewer, org), expected, "{what}");
        assert_eq!(who.viewer.is_admin_of(org), expected.is_ok(), "is_admin_of: {what}");
    }
}

#[test]
fn new_members_see_history_only_where_the_group_allows_it() {
    let cases = vec![
        ("a private group shows a newcomer everything", private_group(), 41, 1),
        ("a private chat shows everything", private_chat(), 41, 1),
        ("an org chat shows everything", org_chat(), 41, 1),
        ("an org group with history on shows everything", org_group(), 41, 1),
        (
            "an org group with history off starts right after the join",
            org_group().group(|g| g.history_for_new_members = false),
            41,
            42,
        ),
        (
            "history off and joined before any message: from the first",
            org_group().group(|g| g.history_for_new_members = false),
            0,
            1,
        ),
        (
            "other restrictions don't hide history",
            org_group().tenant(|t| {
                t.allow_copy = false;
                t.allow_share = false;
                t.require_work_signin = true;
            }),
            41,
            1,
        ),
        (
            "a private group ignores stale group policies",
            private_group().group(|g| g.history_for_new_members = false),
            41,
            1,
        ),
    ];
    for (what, conversation, joined_after_seq, expected) in cases {
        assert_eq!(first_visible_seq(&conversation, joined_after_seq), expected, "{what}");
    }
}
