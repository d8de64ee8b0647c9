//! Exhaustive checks: every conversation (chat or group × private, or owned by
//! an enabled or disabled organization under every tenant policy × every group
//! policy) against every viewer (signed in to nothing or to either org ×
//! administering any subset × every membership). What must hold whatever the
//! combination.

use samtal_core::ErrorCode::*;
use samtal_core::api::{ConversationKind, MessageOwner, Role};
use samtal_core::rules::{
    ConversationFacts, access, capabilities, check_add_to_organization, check_download, check_edit_group_policies,
    check_forward, check_manage_members, compliance_export_includes, digest_applies, digest_shows_text,
    effective_policies, first_visible_seq, leaving_org_revokes, may_view_profile, message_owner,
    personal_export_includes,
};
use samtal_core::{Capabilities, Policies};

use crate::support::*;

fn flags(c: &Capabilities) -> [bool; 10] {
    [
        c.read,
        c.send,
        c.copy,
        c.forward,
        c.share,
        c.add_members,
        c.remove_members,
        c.leave,
        c.add_to_organization,
        c.edit_policies,
    ]
}

/// Every capability in `smaller` is also in `larger`.
fn is_subset(smaller: &Capabilities, larger: &Capabilities) -> bool {
    flags(smaller).iter().zip(flags(larger)).all(|(s, l)| !s || l)
}

/// Calls `check` for every conversation × viewer, with a description for messages.
fn for_every_case(mut check: impl FnMut(&ConversationFacts, &Who, &str)) {
    let conversations = every_conversation();
    let whos = every_who();
    let mut count = 0usize;
    for conversation in &conversations {
        for who in &whos {
            let what = format!("{conversation:?} / {:?} / {:?}", who.viewer, who.membership);
            check(conversation, who, &what);
            count += 1;
        }
    }
    // 2 kinds × 65 owners × 33 group policies × 60 viewers: a shrinking enumeration is a bug too.
    assert_eq!(count, 2 * 65 * 33 * 60);
}

fn owner_admin(conversation: &ConversationFacts, who: &Who) -> bool {
    conversation.owner_id().is_some_and(|org| who.viewer.is_admin_of(org))
}

#[test]
fn a_non_member_gets_nothing_but_the_owners_admin_portal() {
    for_every_case(|conversation, who, what| {
        if who.membership.is_some() {
            return;
        }
        let admin_of_owner = owner_admin(conversation, who);
        let org_group = conversation.owner.is_some() && conversation.kind == ConversationKind::Group;
        assert_eq!(access(&who.viewer, conversation, None), Err(NotFound), "access: {what}");
        let expected = if admin_of_owner && org_group { caps(&[Cap::EditPolicies]) } else { caps(&[]) };
        assert_eq!(capabilities(&who.viewer, conversation, None), expected, "capabilities: {what}");
        assert_eq!(check_manage_members(&who.viewer, conversation, None), Err(NotFound), "manage: {what}");
        assert_eq!(check_add_to_organization(&who.viewer, conversation, None), Err(NotFound), "convert: {what}");
        let profile = may_view_profile(&who.viewer, conversation, None);
        assert_eq!(profile, if admin_of_owner { Ok(()) } else { Err(NotFound) }, "profile: {what}");
        let edit = check_edit_group_policies(&who.viewer, conversation, None);
        let expected_edit = match (admin_of_owner, org_group) {
            (true, true) => Ok(()),
            (true, false) => Err(PoliciesNeedOrgConversation),
            (false, _) => Err(NotFound),
        };
        assert_eq!(edit, expected_edit, "edit policies: {what}");
    });
}

#[test]
fn a_disabled_organizations_conversations_are_never_readable() {
    for_every_case(|conversation, who, what| {
        if conversation.owner.is_none_or(|o| o.enabled) {
            return;
        }
        let expected = if who.membership.is_some() { Err(OrgDisabled) } else { Err(NotFound) };
        assert_eq!(access(&who.viewer, conversation, who.m()), expected, "access: {what}");
        let c = capabilities(&who.viewer, conversation, who.m());
        let closed = Capabilities { leave: c.leave, edit_policies: c.edit_policies, ..Capabilities::default() };
        assert_eq!(c, closed, "nothing but leaving and the admin portal: {what}");
        assert!(!c.edit_policies || owner_admin(conversation, who), "only the owner's admins edit: {what}");
        assert!(check_manage_members(&who.viewer, conversation, who.m()).is_err(), "manage: {what}");
        assert!(!digest_applies(conversation), "no digest: {what}");
        if !owner_admin(conversation, who) {
            assert!(may_view_profile(&who.viewer, conversation, who.m()).is_err(), "profile: {what}");
        }
    });
}

#[test]
fn private_conversations_are_never_restricted_nor_visible_to_org_admins() {
    let targets = [private_chat(), private_group(), org_chat(), org_group(), org_group().owned_by(GLOBEX)];
    for_every_case(|conversation, who, what| {
        if conversation.owner.is_some() {
            return;
        }
        assert_eq!(effective_policies(conversation), None, "no policies: {what}");
        assert_eq!(message_owner(conversation), MessageOwner::Participants, "stamp: {what}");
        assert_eq!(check_download(conversation), Ok(()), "download: {what}");
        assert!(!digest_applies(conversation), "no digest: {what}");
        assert_eq!(first_visible_seq(conversation, 41), 1, "whole history: {what}");
        for target in &targets {
            assert_eq!(check_forward(conversation, target), Ok(()), "forward to {target:?}: {what}");
        }
        match who.m() {
            Some(m) => {
                assert_eq!(access(&who.viewer, conversation, who.m()), Ok(()), "members open it: {what}");
                let c = capabilities(&who.viewer, conversation, who.m());
                assert!(c.read && c.send && c.copy && c.forward && c.share, "unrestricted: {what}");
                assert!(!c.edit_policies, "no policies to edit: {what}");
                for org in [ACME, GLOBEX] {
                    assert!(!leaving_org_revokes(None, org, m), "leaving an org keeps it: {what}");
                }
            }
            None => {
                // Whatever organizations the viewer administers.
                assert_eq!(may_view_profile(&who.viewer, conversation, None), Err(NotFound), "profile: {what}");
                assert_eq!(capabilities(&who.viewer, conversation, None), caps(&[]), "capabilities: {what}");
            }
        }
    });
}

#[test]
fn capabilities_agree_with_the_rule_checks() {
    for_every_case(|conversation, who, what| {
        let (viewer, m) = (&who.viewer, who.m());
        let c = capabilities(viewer, conversation, m);
        let open = access(viewer, conversation, m).is_ok();
        let policies = effective_policies(conversation).unwrap_or(Policies::UNRESTRICTED);
        let is_group = conversation.kind == ConversationKind::Group;
        assert_eq!(c.read, open, "read: {what}");
        assert_eq!(c.send, open, "send: {what}");
        assert_eq!(c.copy, open && policies.allow_copy, "copy: {what}");
        assert_eq!(c.forward, open && policies.allow_forward, "forward: {what}");
        assert_eq!(c.share, open && check_download(conversation).is_ok(), "share: {what}");
        let manage = check_manage_members(viewer, conversation, m).is_ok();
        assert_eq!(c.add_members, manage, "add members: {what}");
        assert_eq!(c.remove_members, manage, "remove members: {what}");
        assert_eq!(c.leave, is_group && m.is_some(), "leave: {what}");
        let convert = check_add_to_organization(viewer, conversation, m).is_ok();
        assert_eq!(c.add_to_organization, open && convert, "add to organization: {what}");
        assert!(!c.add_to_organization || (conversation.owner.is_none() && is_group), "private groups only: {what}");
        assert!(!c.add_to_organization || viewer.work_org.is_some(), "signed in only: {what}");
        let edit = check_edit_group_policies(viewer, conversation, m).is_ok();
        assert_eq!(c.edit_policies, edit, "edit policies: {what}");
        assert!(!c.edit_policies || (conversation.owner.is_some() && is_group), "org groups only: {what}");
    });
}

#[test]
fn access_refusals_are_not_found_disabled_or_sign_in() {
    for_every_case(|conversation, who, what| {
        if let Err(code) = access(&who.viewer, conversation, who.m()) {
            assert!(matches!(code, NotFound | OrgDisabled | WorkSigninRequired), "{code:?}: {what}");
        }
    });
}

#[test]
fn work_signin_requirement_admits_only_people_signed_in_now() {
    for_every_case(|conversation, who, what| {
        let (Some(owner), Some(m)) = (conversation.owner, who.m()) else {
            return;
        };
        let requires = effective_policies(conversation).is_some_and(|p| p.require_work_signin);
        let got = access(&who.viewer, conversation, who.m());
        if !owner.enabled {
            return;
        }
        if !requires {
            assert_eq!(got, Ok(()), "no requirement: members open it: {what}");
            return;
        }
        let signed_in_as_needed = match who.viewer.work_org {
            None => false,
            // Its own organization's members must be signed in to it.
            Some(org) => !m.via_owner_directory || org == owner.id,
        };
        let expected = if signed_in_as_needed { Ok(()) } else { Err(WorkSigninRequired) };
        assert_eq!(got, expected, "{what}");
    });
}

#[test]
fn the_profile_shows_to_those_who_may_open_it_and_to_the_owners_admins() {
    for_every_case(|conversation, who, what| {
        let open = access(&who.viewer, conversation, who.m());
        let profile = may_view_profile(&who.viewer, conversation, who.m());
        if owner_admin(conversation, who) {
            assert_eq!(profile, Ok(()), "{what}");
        } else {
            assert_eq!(profile, open, "{what}");
        }
    });
}

#[test]
fn a_group_admin_may_do_everything_a_plain_member_may() {
    for_every_case(|conversation, who, what| {
        let Some(m) = who.m() else {
            return;
        };
        if m.role != Role::Admin {
            return;
        }
        let plain = samtal_core::rules::MembershipFacts { role: Role::Member, ..*m };
        let as_admin = capabilities(&who.viewer, conversation, Some(m));
        let as_member = capabilities(&who.viewer, conversation, Some(&plain));
        assert!(is_subset(&as_member, &as_admin), "{as_member:?} ⊄ {as_admin:?}: {what}");
    });
}

#[test]
fn tightening_a_policy_never_grants_anything() {
    for_every_case(|conversation, who, what| {
        if conversation.owner.is_none() {
            return;
        }
        let before = capabilities(&who.viewer, conversation, who.m());
        let tightened = [
            conversation.tenant(|t| t.allow_copy = false),
            conversation.tenant(|t| t.allow_share = false),
            conversation.tenant(|t| t.allow_forward = false),
            conversation.tenant(|t| t.require_work_signin = true),
            conversation.group(|g| g.allow_copy = false),
            conversation.group(|g| g.require_work_signin = true),
            conversation.disabled(),
        ];
        for after in tightened {
            let now = capabilities(&who.viewer, &after, who.m());
            assert!(is_subset(&now, &before), "{now:?} ⊄ {before:?} after {after:?}: {what}");
        }
    });
}

#[test]
fn forwarding_is_refused_exactly_out_of_a_forbidding_org_to_elsewhere() {
    let targets = [
        private_chat(),
        private_group(),
        org_chat(),
        org_group().tenant(|t| t.allow_forward = false),
        org_group().disabled(),
        org_group().owned_by(GLOBEX),
    ];
    for source in every_conversation() {
        let forbids = effective_policies(&source).is_some_and(|p| !p.allow_forward);
        for target in &targets {
            let same_owner = source.owner_id().is_some() && source.owner_id() == target.owner_id();
            let expected = if forbids && !same_owner { Err(PolicyForbids) } else { Ok(()) };
            assert_eq!(check_forward(&source, target), expected, "{source:?} → {target:?}");
        }
    }
}

#[test]
fn stamps_exports_digests_and_history_follow_the_owner_and_share_policy() {
    for conversation in every_conversation() {
        let what = format!("{conversation:?}");
        let stamp = message_owner(&conversation);
        let share = check_download(&conversation).is_ok();
        for org in [ACME, GLOBEX] {
            let owned = conversation.owner_id() == Some(org);
            assert_eq!(compliance_export_includes(stamp, org), owned, "compliance for {org:?}: {what}");
        }
        // The author's export holds private messages always, org messages where sharing is allowed.
        let private = conversation.owner.is_none();
        assert_eq!(personal_export_includes(stamp, share), private || share, "as shared now: {what}");
        assert_eq!(personal_export_includes(stamp, false), private, "no share: {what}");
        assert_eq!(digest_shows_text(&conversation), share, "digest text follows share: {what}");
        if digest_applies(&conversation) {
            assert!(conversation.owner.is_some_and(|o| o.enabled && o.tenant.missed_message_emails), "{what}");
        }
        let hides_history = effective_policies(&conversation).is_some_and(|p| !p.history_for_new_members);
        for joined_after in [0, 1, 41] {
            let first = first_visible_seq(&conversation, joined_after);
            assert_eq!(first, if hides_history { joined_after + 1 } else { 1 }, "history after {joined_after}: {what}");
        }
    }
}

#[test]
fn leaving_an_organization_revokes_exactly_its_directory_memberships() {
    for conversation in every_conversation() {
        for who in every_who() {
            let Some(m) = who.m() else {
                continue;
            };
            for org in [ACME, GLOBEX] {
                let expected = conversation.owner_id() == Some(org) && m.via_owner_directory;
                let got = leaving_org_revokes(conversation.owner_id(), org, m);
                assert_eq!(got, expected, "leaving {org:?}: {conversation:?} / {m:?}");
            }
        }
    }
}

#[test]
fn an_action_is_missing_by_policy_exactly_when_its_setter_is_named() {
    for_every_case(|conversation, who, what| {
        let c = capabilities(&who.viewer, conversation, who.m());
        let r = c.restricted_by;
        if !c.read {
            assert_eq!(r, samtal_core::Restrictions::default(), "nothing said when closed: {what}");
            return;
        }
        assert_eq!(r.copy.is_some(), !c.copy, "copy: {what}");
        assert_eq!(r.share.is_some(), !c.share, "share: {what}");
        assert_eq!(r.forward.is_some(), !c.forward, "forward: {what}");
        let required = effective_policies(conversation).is_some_and(|p| p.require_work_signin);
        assert_eq!(r.require_work_signin.is_some(), required, "work sign-in: {what}");
    });
}
