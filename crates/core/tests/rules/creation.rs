//! Rules 1–4: creating org chats, private chats and portal groups; converting
//! a private group into an org group; the owner stamped on each message.

use samtal_core::ErrorCode::{self, *};
use samtal_core::api::{MessageOwner, Scope};
use samtal_core::rules::{
    OrgFacts, access, capabilities, check_add_to_organization, check_org_chat, check_portal_group, check_private_chat,
    compliance_export_includes, effective_policies, message_owner, personal_export_includes,
};
use samtal_core::{GroupPolicies, OrgId};

use crate::support::*;

/// Whom an org chat is asked for.
#[derive(Debug, Clone, Copy)]
enum Target {
    /// Someone in this organization's directory (linked to a Person or not yet).
    EntryIn(OrgId),
    /// The viewer's own directory entry in this organization.
    OwnEntryIn(OrgId),
}

/// One attempt to start an org chat.
struct OrgChatCase {
    what: &'static str,
    who: Who,
    /// The facts of the organization the viewer is signed in to, as the server loaded them.
    viewer_org: Option<OrgFacts>,
    target: Target,
    expected: Result<OrgId, ErrorCode>,
}

/// A case whose verdict `.gives(…)` states; one left without it expects `Internal` and fails.
fn ask(what: &'static str, who: Who, viewer_org: Option<OrgFacts>, target: Target) -> OrgChatCase {
    OrgChatCase { what, who, viewer_org, target, expected: Err(Internal) }
}

impl OrgChatCase {
    fn gives(mut self, expected: Result<OrgId, ErrorCode>) -> Self {
        self.expected = expected;
        self
    }
}

#[test]
fn org_chats_are_between_a_signed_in_member_and_their_own_directory() {
    use Target::*;
    let acme = Some(org(ACME));
    let globex = Some(org(GLOBEX));
    let acme_disabled = Some(OrgFacts { enabled: false, ..org(ACME) });
    let cases = vec![
        ask("a signed-in member chats with a colleague", signed_in_to(ACME), acme, EntryIn(ACME)).gives(Ok(ACME)),
        ask("a signed-in admin chats like anyone else", acme_admin_outside(), acme, EntryIn(ACME)).gives(Ok(ACME)),
        ask("a partner-org member chats within their own org", signed_in_to(GLOBEX), globex, EntryIn(GLOBEX))
            .gives(Ok(GLOBEX)),
        ask("a personal account needs a work account first", personal(), None, EntryIn(ACME))
            .gives(Err(WorkAccountRequired)),
        ask("an admin by the admin list, not signed in, needs a work account", operator_of(ACME), acme, EntryIn(ACME))
            .gives(Err(WorkAccountRequired)),
        ask("facts of an org the viewer isn't signed in to don't count", signed_in_to(GLOBEX), acme, EntryIn(ACME))
            .gives(Err(WorkAccountRequired)),
        ask("signed in but the org's facts are missing", signed_in_to(ACME), None, EntryIn(ACME))
            .gives(Err(WorkAccountRequired)),
        ask("a disabled organization has no org chats", signed_in_to(ACME), acme_disabled, EntryIn(ACME))
            .gives(Err(OrgDisabled)),
        ask("someone in another organization's directory is out of reach", signed_in_to(ACME), acme, EntryIn(GLOBEX))
            .gives(Err(NotInDirectory)),
        ask(
            "administering the other org doesn't cross directories",
            signed_in_to(ACME).administering(GLOBEX),
            acme,
            EntryIn(GLOBEX),
        )
        .gives(Err(NotInDirectory)),
        ask("nobody starts an org chat with themselves", signed_in_to(ACME), acme, OwnEntryIn(ACME))
            .gives(Err(InvalidInput)),
    ];
    for case in cases {
        let (target_org, target_is_self) = match case.target {
            EntryIn(org) => (org, false),
            OwnEntryIn(org) => (org, true),
        };
        let got = check_org_chat(&case.who.viewer, case.viewer_org.as_ref(), target_org, target_is_self);
        assert_eq!(got, case.expected, "{}", case.what);
    }
}

#[test]
fn private_chats_start_from_a_saved_contact() {
    // (what, target is self, target is a contact, verdict)
    let cases = vec![
        ("a saved contact", false, true, Ok(())),
        ("someone not saved as a contact", false, false, Err(NotAContact)),
        ("oneself, even if saved", true, true, Err(InvalidInput)),
        ("oneself, not saved", true, false, Err(InvalidInput)),
    ];
    for (what, target_is_self, target_is_contact, expected) in cases {
        assert_eq!(check_private_chat(target_is_self, target_is_contact), expected, "{what}");
    }
}

#[test]
fn portal_groups_are_created_by_the_organizations_admins() {
    let acme = org(ACME);
    let acme_disabled = OrgFacts { enabled: false, ..org(ACME) };
    let cases = vec![
        ("its admin creates one", operator_of(ACME), acme, Ok(())),
        ("its signed-in admin creates one", acme_admin_outside(), acme, Ok(())),
        ("not while the organization is disabled", operator_of(ACME), acme_disabled, Err(OrgDisabled)),
        ("a signed-in member who is no admin may not", signed_in_to(ACME), acme, Err(Forbidden)),
        ("another organization's admin may not", globex_admin_outside(), acme, Err(Forbidden)),
        ("a personal account may not", personal(), acme, Err(Forbidden)),
        ("a non-admin learns nothing about the org being disabled", signed_in_to(ACME), acme_disabled, Err(Forbidden)),
    ];
    for (what, who, org, expected) in cases {
        assert_eq!(check_portal_group(&who.viewer, &org), expected, "{what}");
    }
}

#[test]
fn add_to_organization_converts_private_groups_only_one_way() {
    let cases: Vec<(&str, Who, _, Result<OrgId, ErrorCode>)> = vec![
        (
            "a group admin signed in to ACME converts to ACME",
            signed_in_to(ACME).group_admin(),
            private_group(),
            Ok(ACME),
        ),
        (
            "a group admin signed in to GLOBEX converts to GLOBEX",
            signed_in_to(GLOBEX).group_admin(),
            private_group(),
            Ok(GLOBEX),
        ),
        (
            "the org admin who is the group's admin converts to the org signed in to",
            signed_in_to(ACME).administering(ACME).group_admin(),
            private_group(),
            Ok(ACME),
        ),
        (
            "being an org admin without a work sign-in is not enough",
            operator_of(ACME).group_admin(),
            private_group(),
            Err(WorkAccountRequired),
        ),
        (
            "a group admin on a personal account must sign in first",
            personal_group_admin(),
            private_group(),
            Err(WorkAccountRequired),
        ),
        ("a plain member signed in to ACME may not", signed_in_to(ACME).member(), private_group(), Err(Forbidden)),
        ("a plain member on a personal account may not", personal_member(), private_group(), Err(Forbidden)),
        ("an outsider doesn't learn the group exists", signed_in_to(ACME), private_group(), Err(NotFound)),
        (
            "an org admin can't convert a private group they're not in",
            acme_admin_outside(),
            private_group(),
            Err(NotFound),
        ),
        (
            "a private chat can never become an org chat (rule 2)",
            signed_in_to(ACME).member(),
            private_chat(),
            Err(PrivateChatCannotConvert),
        ),
        (
            "not even by a participant who is an org admin",
            signed_in_to(ACME).administering(ACME).group_admin(),
            private_chat(),
            Err(PrivateChatCannotConvert),
        ),
        ("an outsider can't probe a private chat", signed_in_to(ACME), private_chat(), Err(NotFound)),
        ("an org group can't be converted again (one-way)", owner_group_admin(), org_group(), Err(AlreadyOrgOwned)),
        (
            "an org group can't be moved to another organization",
            signed_in_to(GLOBEX).group_admin(),
            org_group(),
            Err(AlreadyOrgOwned),
        ),
        ("a portal group is already owned", acme_admin_member(), org_group(), Err(AlreadyOrgOwned)),
        ("an org chat can't be converted either", owner_group_admin(), org_chat(), Err(PrivateChatCannotConvert)),
    ];
    for (what, who, conversation, expected) in cases {
        assert_eq!(check_add_to_organization(&who.viewer, &conversation, who.m()), expected, "{what}");
    }
    assert_eq!(PrivateChatCannotConvert.http_status(), 422, "a refused conversion is a rule violation, not a crash");
}

#[test]
fn messages_are_stamped_with_the_owner_at_send_time() {
    let cases = vec![
        ("a private chat's messages belong to the participants", private_chat(), MessageOwner::Participants),
        ("a private group's messages belong to the participants", private_group(), MessageOwner::Participants),
        ("an org chat's messages belong to the organization", org_chat(), MessageOwner::Org { org_id: ACME }),
        ("an org group's messages belong to the organization", org_group(), MessageOwner::Org { org_id: ACME }),
        (
            "a GLOBEX group's messages belong to GLOBEX",
            org_group().owned_by(GLOBEX),
            MessageOwner::Org { org_id: GLOBEX },
        ),
        ("a disabled owner still owns its messages", org_group().disabled(), MessageOwner::Org { org_id: ACME }),
    ];
    for (what, conversation, expected) in cases {
        assert_eq!(message_owner(&conversation), expected, "{what}");
        let scope = if conversation.owner.is_some() { Scope::Org } else { Scope::Private };
        assert_eq!(conversation.scope(), scope, "scope: {what}");
        assert_eq!(conversation.owner_id(), conversation.owner.map(|o| o.id), "owner_id: {what}");
    }
}

/// Rule 4 end to end over the pure rules: a private group with history, a
/// conversion by its admin, and what each message's stamp means afterwards.
#[test]
fn a_converted_group_keeps_its_earlier_messages_private() {
    let admin = signed_in_to(ACME).group_admin();
    let before = private_group();
    assert_eq!(effective_policies(&before), None, "no policies before the conversion");
    assert!(capabilities(&admin.viewer, &before, admin.m()).add_to_organization, "the admin is offered the conversion");
    let stamped_before = message_owner(&before);

    let new_owner = check_add_to_organization(&admin.viewer, &before, admin.m()).expect("the admin converts");
    // What the server stores after converting: owned by ACME, default group policies, and
    // the admin now takes part through ACME's directory.
    let mut owner = org(ACME);
    owner.tenant.allow_share = false;
    let after = samtal_core::rules::ConversationFacts {
        kind: before.kind,
        owner: Some(OrgFacts { id: new_owner, ..owner }),
        group_policies: Some(GroupPolicies::default()),
    };
    let admin = admin.via_directory();
    let stamped_after = message_owner(&after);

    assert_eq!(stamped_before, MessageOwner::Participants, "sent before: the participants'");
    assert_eq!(stamped_after, MessageOwner::Org { org_id: ACME }, "sent after: the organization's");
    assert!(effective_policies(&after).is_some(), "the org group now has policies");
    assert_eq!(access(&admin.viewer, &after, admin.m()), Ok(()), "the admin still opens it");
    assert_eq!(
        check_add_to_organization(&admin.viewer, &after, admin.m()),
        Err(AlreadyOrgOwned),
        "the conversion is one-way"
    );
    assert!(!capabilities(&admin.viewer, &after, admin.m()).add_to_organization, "and no longer offered");

    // Rule 11: ACME's compliance export takes only what it owns; the author's own export
    // keeps their pre-conversion messages, while ACME's allow_share (off) holds back the rest.
    let share = effective_policies(&after).map(|p| p.allow_share).unwrap_or(true);
    assert!(!compliance_export_includes(stamped_before, ACME), "compliance never takes pre-conversion messages");
    assert!(compliance_export_includes(stamped_after, ACME), "compliance takes the org's messages");
    assert!(personal_export_includes(stamped_before, share), "one's own private messages are one's own");
    assert!(!personal_export_includes(stamped_after, share), "the org's share policy decides the rest");
}
