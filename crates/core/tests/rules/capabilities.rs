//! What each kind of viewer may do in a conversation now — the capabilities
//! the client renders (rules 4, 7, 8, 9).

use samtal_core::rules::{ConversationFacts, capabilities};
use samtal_core::{Capabilities, Restrictions, SetBy};

use crate::support::Cap::*;
use crate::support::*;

/// Reading and writing with every policy allowing: what a member of a private conversation gets.
const OPEN: &[Cap] = &[Read, Send, CopyText, Forward, Share];

fn with(base: &[Cap], more: &[Cap]) -> Capabilities {
    let mut all = base.to_vec();
    all.extend_from_slice(more);
    caps(&all)
}

#[test]
fn capabilities_by_role_scope_and_policy() {
    let cases: Vec<(&str, Who, ConversationFacts, Capabilities)> = vec![
        // Private chats.
        ("an outsider has none in a private chat", outsider(), private_chat(), caps(&[])),
        ("a participant reads, writes, copies, forwards, shares", personal_member(), private_chat(), caps(OPEN)),
        (
            "a signed-in participant can't convert a chat (rule 2)",
            signed_in_to(ACME).group_admin(),
            private_chat(),
            caps(OPEN),
        ),
        ("an org admin has none in someone's private chat", acme_admin_outside(), private_chat(), caps(&[])),
        // Private groups.
        ("a plain member may also leave", personal_member(), private_group(), with(OPEN, &[Leave])),
        (
            "a group admin on a personal account manages members but can't convert",
            personal_group_admin(),
            private_group(),
            with(OPEN, &[AddMembers, RemoveMembers, Leave]),
        ),
        (
            "a group admin signed in to a work account may add it to the organization",
            signed_in_to(ACME).group_admin(),
            private_group(),
            with(OPEN, &[AddMembers, RemoveMembers, Leave, AddToOrg]),
        ),
        (
            "a group admin signed in to another org may add it to that org",
            signed_in_to(GLOBEX).group_admin(),
            private_group(),
            with(OPEN, &[AddMembers, RemoveMembers, Leave, AddToOrg]),
        ),
        (
            "a plain member signed in to a work account may not convert",
            signed_in_to(ACME).member(),
            private_group(),
            with(OPEN, &[Leave]),
        ),
        ("an org admin outside a private group has none", acme_admin_outside(), private_group(), caps(&[])),
        (
            "an org admin in a private group has no policies to edit",
            signed_in_to(ACME).administering(ACME).member(),
            private_group(),
            with(OPEN, &[Leave]),
        ),
        // Org groups of an enabled organization, default policies.
        ("an outsider has none in an org group", outsider(), org_group(), caps(&[])),
        ("an owner-org member outside the group has none", signed_in_to(ACME), org_group(), caps(&[])),
        ("a signed-in owner-org member", owner_member(), org_group(), with(OPEN, &[Leave])),
        (
            "a signed-in owner-org group admin edits policies but can't convert again",
            owner_group_admin(),
            org_group(),
            with(OPEN, &[AddMembers, RemoveMembers, Leave, EditPolicies]),
        ),
        ("a personal-account member", personal_member(), org_group(), with(OPEN, &[Leave])),
        (
            "a personal-account group admin",
            personal_group_admin(),
            org_group(),
            with(OPEN, &[AddMembers, RemoveMembers, Leave, EditPolicies]),
        ),
        ("a member signed in to another org", partner_member(), org_group(), with(OPEN, &[Leave])),
        (
            "the owner's admin outside the group: only policies",
            acme_admin_outside(),
            org_group(),
            caps(&[EditPolicies]),
        ),
        (
            "the owner's admin by the admin list outside: only policies",
            operator_of(ACME),
            org_group(),
            caps(&[EditPolicies]),
        ),
        ("the owner's admin as a plain member", acme_admin_member(), org_group(), with(OPEN, &[Leave, EditPolicies])),
        ("another org's admin outside has none", globex_admin_outside(), org_group(), caps(&[])),
        ("another org's admin as a plain member", globex_admin_member(), org_group(), with(OPEN, &[Leave])),
        // Org chats.
        ("an org chat participant can't leave or edit policies", owner_member(), org_chat(), caps(OPEN)),
        ("the owner's admin outside an org chat has none", acme_admin_outside(), org_chat(), caps(&[])),
        ("the owner's admin in an org chat has no group policies", acme_admin_member(), org_chat(), caps(OPEN)),
        // Policies (rules 7, 8).
        (
            "the tenant forbidding copy takes copy away",
            owner_member(),
            org_group().tenant(|t| t.allow_copy = false),
            caps(&[Read, Send, Forward, Share, Leave]),
        ),
        (
            "the group forbidding copy takes copy away",
            owner_member(),
            org_group().group(|g| g.allow_copy = false),
            caps(&[Read, Send, Forward, Share, Leave]),
        ),
        (
            "the tenant forbidding forward takes forward away",
            personal_member(),
            org_group().tenant(|t| t.allow_forward = false),
            caps(&[Read, Send, CopyText, Share, Leave]),
        ),
        (
            "the group forbidding forward takes forward away",
            partner_member(),
            org_group().group(|g| g.allow_forward = false),
            caps(&[Read, Send, CopyText, Share, Leave]),
        ),
        (
            "the tenant forbidding share takes share away",
            owner_member(),
            org_group().tenant(|t| t.allow_share = false),
            caps(&[Read, Send, CopyText, Forward, Leave]),
        ),
        (
            "the group forbidding share takes share away",
            owner_member(),
            org_group().group(|g| g.allow_share = false),
            caps(&[Read, Send, CopyText, Forward, Leave]),
        ),
        (
            "an org chat under a tenant forbidding all three: read and write only",
            owner_member(),
            org_chat().tenant(|t| {
                t.allow_copy = false;
                t.allow_share = false;
                t.allow_forward = false;
            }),
            caps(&[Read, Send]),
        ),
        (
            "a restricted group still lets its admin manage and edit",
            owner_group_admin(),
            org_group().group(|g| {
                g.allow_copy = false;
                g.allow_share = false;
                g.allow_forward = false;
            }),
            caps(&[Read, Send, AddMembers, RemoveMembers, Leave, EditPolicies]),
        ),
        (
            "history off changes nothing the viewer can do",
            owner_member(),
            org_group().group(|g| g.history_for_new_members = false),
            with(OPEN, &[Leave]),
        ),
        // A disabled organization (rule 9): closed; leaving and the owner's admin portal remain.
        ("a member of a disabled org's group may only leave", owner_member(), org_group().disabled(), caps(&[Leave])),
        (
            "a group admin of a disabled org's group may only leave",
            owner_group_admin(),
            org_group().disabled(),
            caps(&[Leave]),
        ),
        (
            "a partner in a disabled org's group may only leave",
            partner_member(),
            org_group().disabled(),
            caps(&[Leave]),
        ),
        (
            "the owner's admin as a member: leave and policies",
            acme_admin_member(),
            org_group().disabled(),
            caps(&[Leave, EditPolicies]),
        ),
        ("the owner's admin outside: policies", operator_of(ACME), org_group().disabled(), caps(&[EditPolicies])),
        ("an org chat of a disabled org: nothing", owner_member(), org_chat().disabled(), caps(&[])),
        // require_work_signin (rule 9).
        (
            "a personal-account member of a sign-in group may only leave",
            personal_member(),
            org_group().tenant(|t| t.require_work_signin = true),
            caps(&[Leave]),
        ),
        (
            "a personal-account group admin of a sign-in group may only leave",
            personal_group_admin(),
            org_group().group(|g| g.require_work_signin = true),
            caps(&[Leave]),
        ),
        (
            "a signed-in owner-org member of a sign-in group has everything",
            owner_member(),
            org_group().tenant(|t| t.require_work_signin = true),
            with(OPEN, &[Leave]),
        ),
        (
            "a partner signed in to their org has everything",
            partner_member(),
            org_group().group(|g| g.require_work_signin = true),
            with(OPEN, &[Leave]),
        ),
        (
            "the owner's admin not signed in, as a member: leave and policies",
            operator_of(ACME).member(),
            org_group().tenant(|t| t.require_work_signin = true),
            caps(&[Leave, EditPolicies]),
        ),
    ];
    for (what, who, conversation, expected) in cases {
        let got = capabilities(&who.viewer, &conversation, who.m());
        let got = conversation_level(Capabilities { restricted_by: Restrictions::default(), ..got });
        assert_eq!(got, expected, "{what}");
    }
}

#[test]
fn a_restriction_says_who_set_it() {
    let none = Restrictions::default();
    let cases: Vec<(&str, Who, ConversationFacts, Restrictions)> = vec![
        ("a private group has none", personal_member(), private_group(), none),
        ("an org group with default policies has none", owner_member(), org_group(), none),
        (
            "the tenant turned copying off",
            owner_member(),
            org_group().tenant(|t| t.allow_copy = false),
            Restrictions { copy: Some(SetBy::Tenant), ..none },
        ),
        (
            "the group's admins turned forwarding off",
            partner_member(),
            org_group().group(|g| g.allow_forward = false),
            Restrictions { forward: Some(SetBy::GroupAdmins), ..none },
        ),
        (
            "both turned sharing off",
            owner_member(),
            org_group().tenant(|t| t.allow_share = false).group(|g| g.allow_share = false),
            Restrictions { share: Some(SetBy::TenantAndGroupAdmins), ..none },
        ),
        (
            "an org chat under a tenant forbidding all three",
            owner_member(),
            org_chat().tenant(|t| {
                t.allow_copy = false;
                t.allow_share = false;
                t.allow_forward = false;
            }),
            Restrictions {
                copy: Some(SetBy::Tenant),
                share: Some(SetBy::Tenant),
                forward: Some(SetBy::Tenant),
                require_work_signin: None,
                edit: None,
                delete: None,
                react: None,
            },
        ),
        (
            "a work sign-in the group's admins require, for someone signed in",
            owner_member(),
            org_group().group(|g| g.require_work_signin = true),
            Restrictions { require_work_signin: Some(SetBy::GroupAdmins), ..none },
        ),
        (
            "nothing is said to someone who can't open it",
            personal_member(),
            org_group().tenant(|t| {
                t.require_work_signin = true;
                t.allow_copy = false;
            }),
            none,
        ),
        (
            "nor in a disabled organization's group",
            owner_member(),
            org_group().tenant(|t| t.allow_copy = false).disabled(),
            none,
        ),
    ];
    for (what, who, conversation, expected) in cases {
        assert_eq!(capabilities(&who.viewer, &conversation, who.m()).restricted_by, expected, "{what}");
    }
}

#[test]
fn who_set_it_follows_the_two_layers() {
    assert_eq!(SetBy::of(false, false), None);
    assert_eq!(SetBy::of(true, false), Some(SetBy::Tenant));
    assert_eq!(SetBy::of(false, true), Some(SetBy::GroupAdmins));
    assert_eq!(SetBy::of(true, true), Some(SetBy::TenantAndGroupAdmins));
}
