//! Rule 13: who receives an organization's cache key — its signed-in
//! members and everyone who may open one of its conversations, while it is
//! enabled; nobody else.

use samtal_core::rules::{ConversationFacts, MembershipFacts, OrgFacts, access, cache_key_lapsed, receives_cache_key};

use crate::support::*;

/// The viewer's memberships: `who`'s membership in each of `conversations`
/// (none at all when `who` is not a member).
fn held(who: &Who, conversations: &[ConversationFacts]) -> Vec<(ConversationFacts, MembershipFacts)> {
    match who.membership {
        Some(m) => conversations.iter().map(|c| (*c, m)).collect(),
        None => Vec::new(),
    }
}

fn disabled_org(id: samtal_core::OrgId) -> OrgFacts {
    OrgFacts { enabled: false, ..org(id) }
}

#[test]
fn who_receives_an_organizations_cache_key() {
    let signin_group = org_group().tenant(|t| t.require_work_signin = true);
    let signin_by_group = org_group().group(|g| g.require_work_signin = true);
    // (what, who asks, their conversations, the organization, receives its key)
    let cases: Vec<(&str, Who, Vec<ConversationFacts>, OrgFacts, bool)> = vec![
        ("a signed-in member in an ACME group", owner_member(), vec![org_group()], org(ACME), true),
        ("a signed-in member in an ACME org chat", owner_member(), vec![org_chat()], org(ACME), true),
        ("a signed-in member of ACME with no conversation yet", signed_in_to(ACME), vec![], org(ACME), true),
        ("the ACME key is not GLOBEX's", owner_member(), vec![org_group()], org(GLOBEX), false),
        ("a guest on a personal account in an ACME group", personal_member(), vec![org_group()], org(ACME), true),
        ("a guest who is the ACME group's admin", personal_group_admin(), vec![org_group()], org(ACME), true),
        ("a partner signed in to GLOBEX in an ACME group", partner_member(), vec![org_group()], org(ACME), true),
        ("that partner also holds GLOBEX's key", partner_member(), vec![org_group()], org(GLOBEX), true),
        (
            "someone with only private conversations",
            personal_member(),
            vec![private_chat(), private_group()],
            org(ACME),
            false,
        ),
        (
            "someone signed in to ACME gets nothing for private conversations elsewhere",
            signed_in_to(ACME).member(),
            vec![private_group()],
            org(GLOBEX),
            false,
        ),
        ("an outsider", outsider(), vec![], org(ACME), false),
        ("ACME's admin by appointment, neither signed in nor a member", operator_of(ACME), vec![], org(ACME), false),
        ("ACME's admin signed in to it", acme_admin_outside(), vec![], org(ACME), true),
        ("GLOBEX's admin outside ACME's conversations", globex_admin_outside(), vec![], org(ACME), false),
        (
            "a member in a GLOBEX group, asking for ACME",
            personal_member(),
            vec![org_group().owned_by(GLOBEX)],
            org(ACME),
            false,
        ),
        (
            "a guest not signed in, in an ACME group that requires work sign-in (tenant)",
            personal_member(),
            vec![signin_group],
            org(ACME),
            false,
        ),
        (
            "a guest not signed in, in an ACME group that requires work sign-in (group)",
            personal_member(),
            vec![signin_by_group],
            org(ACME),
            false,
        ),
        (
            "a partner signed in elsewhere in an ACME group that requires work sign-in",
            partner_member(),
            vec![signin_group],
            org(ACME),
            true,
        ),
        (
            "a guest with one closed and one open ACME conversation",
            personal_member(),
            vec![signin_group, org_chat()],
            org(ACME),
            true,
        ),
        (
            "a member of a disabled organization's group",
            personal_member(),
            vec![org_group().disabled()],
            disabled_org(ACME),
            false,
        ),
        (
            "a member through the directory of a disabled organization",
            owner_member(),
            vec![org_group().disabled()],
            disabled_org(ACME),
            false,
        ),
        (
            "a sign-in to a disabled organization counts for nothing",
            signed_in_to(ACME),
            vec![],
            disabled_org(ACME),
            false,
        ),
    ];
    for (what, who, conversations, org, expected) in cases {
        let memberships = held(&who, &conversations);
        assert_eq!(receives_cache_key(&who.viewer, &org, &memberships), expected, "{what}");
    }
}

#[test]
fn whoever_may_open_an_org_conversation_holds_its_key_and_nobody_holds_a_disabled_orgs() {
    for conversation in every_conversation() {
        let Some(owner) = conversation.owner else { continue };
        for who in every_who() {
            let memberships = held(&who, &[conversation]);
            let receives = receives_cache_key(&who.viewer, &owner, &memberships);
            if access(&who.viewer, &conversation, who.m()).is_ok() {
                assert!(receives, "{who:?} opens {conversation:?} but gets no key");
            }
            if !owner.enabled {
                assert!(!receives, "{who:?} gets the key of a disabled organization");
            }
            if who.membership.is_none() {
                assert_eq!(receives, owner.enabled && who.viewer.work_org == Some(owner.id), "{who:?}");
            }
        }
    }
}

#[test]
fn a_key_lapses_only_past_its_limit() {
    let hour = 3_600_000;
    assert!(!cache_key_lapsed(10 * hour, 10 * hour, hour));
    assert!(!cache_key_lapsed(11 * hour, 10 * hour, hour));
    assert!(cache_key_lapsed(11 * hour + 1, 10 * hour, hour));
    // Far in the past of its confirmation: the clock is wrong, don't trust it.
    assert!(cache_key_lapsed(8 * hour, 10 * hour, hour));
    assert!(!cache_key_lapsed(9 * hour + 1, 10 * hour, hour));
}
