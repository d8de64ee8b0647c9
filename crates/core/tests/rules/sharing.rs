//! Rules 8, 11 and 12 and profiles: forwarding, downloads, exports,
//! missed-message digests, and who sees directory attributes.

use samtal_core::ErrorCode::*;
use samtal_core::api::MessageOwner;
use samtal_core::rules::{
    check_download, check_forward, compliance_export_includes, digest_applies, digest_shows_text,
    may_see_directory_attributes, personal_export_includes,
};

use crate::support::*;

#[test]
fn forwarding_out_of_a_restricted_org_conversation_stays_inside_the_organization() {
    let no_forward_by_tenant = || org_group().tenant(|t| t.allow_forward = false);
    let no_forward_by_group = || org_group().group(|g| g.allow_forward = false);
    // (what, source, target, verdict)
    let cases = vec![
        ("private to private", private_chat(), private_group(), Ok(())),
        ("private into an org group", private_group(), org_group(), Ok(())),
        ("an unrestricted org group out to a private chat", org_group(), private_chat(), Ok(())),
        ("an unrestricted org chat out to another org's group", org_chat(), org_group().owned_by(GLOBEX), Ok(())),
        (
            "tenant forbids: out to a private chat is refused",
            no_forward_by_tenant(),
            private_chat(),
            Err(PolicyForbids),
        ),
        (
            "tenant forbids: out to a private group is refused",
            no_forward_by_tenant(),
            private_group(),
            Err(PolicyForbids),
        ),
        ("group forbids: out to a private chat is refused", no_forward_by_group(), private_chat(), Err(PolicyForbids)),
        (
            "group forbids: out to another organization's group is refused",
            no_forward_by_group(),
            org_group().owned_by(GLOBEX),
            Err(PolicyForbids),
        ),
        (
            "tenant forbids: to another org chat of the same organization is allowed",
            no_forward_by_tenant(),
            org_chat(),
            Ok(()),
        ),
        (
            "group forbids: to another group of the same organization is allowed",
            no_forward_by_group(),
            org_group(),
            Ok(()),
        ),
        (
            "group forbids: into the same organization's restricted group is allowed",
            no_forward_by_group(),
            no_forward_by_tenant(),
            Ok(()),
        ),
        (
            "an org chat whose tenant forbids, into the same organization's group",
            org_chat().tenant(|t| t.allow_forward = false),
            org_group(),
            Ok(()),
        ),
        (
            "copy and share being forbidden don't stop forwarding",
            org_group().tenant(|t| {
                t.allow_copy = false;
                t.allow_share = false;
            }),
            private_chat(),
            Ok(()),
        ),
        (
            "a GLOBEX group that forbids, into an ACME group, is refused",
            org_group().owned_by(GLOBEX).group(|g| g.allow_forward = false),
            org_group(),
            Err(PolicyForbids),
        ),
    ];
    for (what, source, target, expected) in cases {
        assert_eq!(check_forward(&source, &target), expected, "{what}");
    }
}

#[test]
fn attachments_download_where_sharing_is_allowed() {
    let cases = vec![
        ("a private chat", private_chat(), Ok(())),
        ("a private group", private_group(), Ok(())),
        ("an unrestricted org group", org_group(), Ok(())),
        (
            "an org chat under a tenant forbidding share",
            org_chat().tenant(|t| t.allow_share = false),
            Err(PolicyForbids),
        ),
        (
            "an org group under a tenant forbidding share",
            org_group().tenant(|t| t.allow_share = false),
            Err(PolicyForbids),
        ),
        ("an org group forbidding share itself", org_group().group(|g| g.allow_share = false), Err(PolicyForbids)),
        ("forbidding copy alone doesn't block downloads", org_group().group(|g| g.allow_copy = false), Ok(())),
        ("forbidding forward alone doesn't block downloads", org_group().tenant(|t| t.allow_forward = false), Ok(())),
    ];
    for (what, conversation, expected) in cases {
        assert_eq!(check_download(&conversation), expected, "{what}");
    }
}

#[test]
fn a_personal_export_holds_ones_private_messages_and_org_messages_where_shared() {
    let acme = MessageOwner::Org { org_id: ACME };
    // (what, the message's owner, the owning org's effective allow_share, included)
    let cases = vec![
        ("a private message, whatever any organization says", MessageOwner::Participants, true, true),
        (
            "a private message sent before the group's conversion, under a no-share org",
            MessageOwner::Participants,
            false,
            true,
        ),
        ("an org message where the org allows sharing", acme, true, true),
        ("an org message where the org forbids sharing", acme, false, false),
    ];
    for (what, owner, allows_share, expected) in cases {
        assert_eq!(personal_export_includes(owner, allows_share), expected, "{what}");
    }
}

#[test]
fn a_compliance_export_holds_only_what_the_organization_owns() {
    // (what, the message's owner, the exporting org, included)
    let cases = vec![
        ("ACME's message in ACME's export", MessageOwner::Org { org_id: ACME }, ACME, true),
        ("GLOBEX's message in ACME's export", MessageOwner::Org { org_id: GLOBEX }, ACME, false),
        ("a private message, e.g. sent before a conversion to ACME", MessageOwner::Participants, ACME, false),
        ("a private message in GLOBEX's export", MessageOwner::Participants, GLOBEX, false),
        ("ACME's message in GLOBEX's export", MessageOwner::Org { org_id: ACME }, GLOBEX, false),
    ];
    for (what, owner, org, expected) in cases {
        assert_eq!(compliance_export_includes(owner, org), expected, "{what}");
    }
}

#[test]
fn missed_message_digests_cover_org_conversations_and_quote_only_where_shared() {
    // (what, conversation, a digest applies, it quotes text)
    let cases = vec![
        ("a private chat never gets a digest", private_chat(), false, true),
        ("a private group never gets a digest", private_group(), false, true),
        ("an org chat does", org_chat(), true, true),
        ("an org group does", org_group(), true, true),
        ("a disabled organization's group doesn't", org_group().disabled(), false, true),
        (
            "an org whose admin turned e-mails off doesn't",
            org_group().tenant(|t| t.missed_message_emails = false),
            false,
            true,
        ),
        ("a tenant forbidding share: a digest without text", org_chat().tenant(|t| t.allow_share = false), true, false),
        ("a group forbidding share: a digest without text", org_group().group(|g| g.allow_share = false), true, false),
        (
            "forbidding copy or forward doesn't hide text",
            org_group().tenant(|t| t.allow_copy = false).group(|g| g.allow_forward = false),
            true,
            true,
        ),
        (
            "a sign-in requirement doesn't stop the work-address digest",
            org_group().tenant(|t| t.require_work_signin = true),
            true,
            true,
        ),
    ];
    for (what, conversation, applies, shows_text) in cases {
        assert_eq!(digest_applies(&conversation), applies, "applies: {what}");
        assert_eq!(digest_shows_text(&conversation), shows_text, "shows text: {what}");
    }
}

#[test]
fn directory_attributes_show_to_colleagues_admins_and_people_sharing_an_org_conversation() {
    // (what, who looks, the entry's organization, they share a conversation that org owns, may see)
    let cases = vec![
        ("a colleague signed in to the same organization", signed_in_to(ACME), ACME, false, true),
        ("an admin of the organization, not signed in", operator_of(ACME), ACME, false, true),
        ("a partner sharing an ACME group", signed_in_to(GLOBEX), ACME, true, true),
        ("a personal account sharing an ACME group", personal(), ACME, true, true),
        ("someone signed in elsewhere who shares nothing with ACME", signed_in_to(GLOBEX), ACME, false, false),
        ("a personal account who shares nothing with ACME", personal(), ACME, false, false),
        ("an admin of another organization", globex_admin_outside(), ACME, false, false),
        ("a former colleague, signed out, sharing nothing", personal(), ACME, false, false),
    ];
    for (what, who, entry_org, shares, expected) in cases {
        assert_eq!(may_see_directory_attributes(&who.viewer, entry_org, shares), expected, "{what}");
    }
}
