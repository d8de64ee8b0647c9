//! Rule 10: leaving an organization, and disabling it, end what they should
//! and nothing else.

use samtal_core::OrgId;
use samtal_core::api::Role;
use samtal_core::rules::{MembershipFacts, disabling_ends_signin, leaving_org_revokes};

use crate::support::*;

fn as_person(role: Role) -> MembershipFacts {
    MembershipFacts { role, via_owner_directory: false }
}

fn via_directory(role: Role) -> MembershipFacts {
    MembershipFacts { role, via_owner_directory: true }
}

#[test]
fn leaving_an_organization_ends_its_conversations_taken_part_in_as_its_member() {
    // (what, the conversation's owner, the org being left, the membership, revoked)
    let cases: Vec<(&str, Option<OrgId>, OrgId, MembershipFacts, bool)> = vec![
        ("an ACME group joined through ACME's directory", Some(ACME), ACME, via_directory(Role::Member), true),
        ("an ACME group its admin joined through the directory", Some(ACME), ACME, via_directory(Role::Admin), true),
        ("an ACME org chat (through the directory)", Some(ACME), ACME, via_directory(Role::Member), true),
        ("a GLOBEX group, when leaving ACME", Some(GLOBEX), ACME, via_directory(Role::Member), false),
        (
            "an ACME group joined as a person (partner or personal account), when leaving ACME",
            Some(ACME),
            ACME,
            as_person(Role::Member),
            false,
        ),
        ("a GLOBEX group joined as a person, when leaving ACME", Some(GLOBEX), ACME, as_person(Role::Admin), false),
        ("a private group: personal use goes on", None, ACME, as_person(Role::Member), false),
        ("a private group, even with a stray directory flag", None, ACME, via_directory(Role::Admin), false),
    ];
    for (what, owner, org, membership, expected) in cases {
        assert_eq!(leaving_org_revokes(owner, org, &membership), expected, "{what}");
    }
}

#[test]
fn disabling_an_organization_ends_sign_ins_to_it_only() {
    let cases = vec![
        ("someone signed in to the disabled org", Some(ACME), ACME, true),
        ("someone signed in to another org", Some(GLOBEX), ACME, false),
        ("someone on a personal account", None, ACME, false),
    ];
    for (what, work_org, disabled, expected) in cases {
        assert_eq!(disabling_ends_signin(work_org, disabled), expected, "{what}");
    }
}
