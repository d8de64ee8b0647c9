//! Builders that make each case of a rules table read as a sentence, and the
//! full enumerations the exhaustive checks loop over.

use samtal_core::api::{ConversationKind, Role};
use samtal_core::rules::{ConversationFacts, MembershipFacts, OrgFacts, Viewer};
use samtal_core::{Capabilities, GroupPolicies, OrgId, PersonId, TenantPolicies};

/// The organization that owns the conversations under test.
pub const ACME: OrgId = OrgId(1);
/// Another organization: partners, their admins, conversations owned elsewhere.
pub const GLOBEX: OrgId = OrgId(2);
/// The person asking, in every case.
pub const ME: PersonId = PersonId(7);

// ------------------------------------------------------------------ who asks

/// A viewer together with their membership (or none) in the conversation under test.
#[derive(Debug, Clone)]
pub struct Who {
    pub viewer: Viewer,
    pub membership: Option<MembershipFacts>,
}

impl Who {
    /// They also administer `org`.
    pub fn administering(mut self, org: OrgId) -> Self {
        self.viewer.admin_of.push(org);
        self
    }

    /// They take part as a plain member, as a person (not through a directory entry).
    pub fn member(mut self) -> Self {
        self.membership = Some(MembershipFacts { role: Role::Member, via_owner_directory: false });
        self
    }

    /// They take part as an admin of the group, as a person.
    pub fn group_admin(mut self) -> Self {
        self.membership = Some(MembershipFacts { role: Role::Admin, via_owner_directory: false });
        self
    }

    /// Their membership is a row of the owner organization's directory.
    pub fn via_directory(mut self) -> Self {
        let m = self.membership.as_mut().expect("via_directory() needs member() or group_admin() first");
        m.via_owner_directory = true;
        self
    }

    /// The membership as the rule functions take it.
    pub fn m(&self) -> Option<&MembershipFacts> {
        self.membership.as_ref()
    }
}

/// Someone on a personal account only: no work sign-in, administers nothing, not in the conversation.
pub fn personal() -> Who {
    Who { viewer: Viewer { person: ME, work_org: None, admin_of: vec![] }, membership: None }
}

/// Someone signed in to a work account of `org` now, not in the conversation.
pub fn signed_in_to(org: OrgId) -> Who {
    Who { viewer: Viewer { person: ME, work_org: Some(org), admin_of: vec![] }, membership: None }
}

/// An admin of `org` through the admin list (the operator who created it), not signed in to it.
pub fn operator_of(org: OrgId) -> Who {
    personal().administering(org)
}

// The roles the brief names, each as one preset.

/// A person outside the conversation.
pub fn outsider() -> Who {
    personal()
}

/// A plain member on a personal account (no work sign-in).
pub fn personal_member() -> Who {
    personal().member()
}

/// A group admin on a personal account.
pub fn personal_group_admin() -> Who {
    personal().group_admin()
}

/// A signed-in member of the owner organization, taking part through its directory.
pub fn owner_member() -> Who {
    signed_in_to(ACME).member().via_directory()
}

/// A signed-in member of the owner organization who is also the group's admin.
pub fn owner_group_admin() -> Who {
    signed_in_to(ACME).group_admin().via_directory()
}

/// A member signed in to another organization (a partner), taking part as a person.
pub fn partner_member() -> Who {
    signed_in_to(GLOBEX).member()
}

/// An admin of the owning organization, signed in to it, not in the conversation.
pub fn acme_admin_outside() -> Who {
    signed_in_to(ACME).administering(ACME)
}

/// An admin of the owning organization, signed in to it, a plain member through its directory.
pub fn acme_admin_member() -> Who {
    signed_in_to(ACME).administering(ACME).member().via_directory()
}

/// An admin of another organization, signed in there, not in the conversation.
pub fn globex_admin_outside() -> Who {
    signed_in_to(GLOBEX).administering(GLOBEX)
}

/// An admin of another organization, signed in there, a plain member as a person.
pub fn globex_admin_member() -> Who {
    signed_in_to(GLOBEX).administering(GLOBEX).member()
}

// ------------------------------------------------------------ conversations

/// An enabled organization with default tenant policies.
pub fn org(id: OrgId) -> OrgFacts {
    OrgFacts { id, enabled: true, tenant: TenantPolicies::default() }
}

/// A private chat: two people, no owner organization, no policies.
pub fn private_chat() -> ConversationFacts {
    ConversationFacts { kind: ConversationKind::Chat, owner: None, group_policies: None }
}

/// A private group created in the app.
pub fn private_group() -> ConversationFacts {
    ConversationFacts { kind: ConversationKind::Group, owner: None, group_policies: None }
}

/// An org chat owned by ACME (enabled, default tenant policies); chats have no group policies.
pub fn org_chat() -> ConversationFacts {
    ConversationFacts { kind: ConversationKind::Chat, owner: Some(org(ACME)), group_policies: None }
}

/// An org group owned by ACME (enabled, default tenant and group policies).
pub fn org_group() -> ConversationFacts {
    ConversationFacts {
        kind: ConversationKind::Group,
        owner: Some(org(ACME)),
        group_policies: Some(GroupPolicies::default()),
    }
}

/// Adjusting a conversation's owner and policies, one fact at a time.
pub trait Adjust: Sized {
    /// Owned by `id` (enabled, default tenant policies) instead.
    fn owned_by(self, id: OrgId) -> Self;
    /// Its owner organization has turned Samtal off.
    fn disabled(self) -> Self;
    /// Its owner's tenant policies, changed by `f`.
    fn tenant(self, f: impl FnOnce(&mut TenantPolicies)) -> Self;
    /// Its own group policies, changed by `f`.
    fn group(self, f: impl FnOnce(&mut GroupPolicies)) -> Self;
}

impl Adjust for ConversationFacts {
    fn owned_by(mut self, id: OrgId) -> Self {
        self.owner = Some(org(id));
        self
    }

    fn disabled(mut self) -> Self {
        self.owner.as_mut().expect("only an org conversation has an owner to disable").enabled = false;
        self
    }

    fn tenant(mut self, f: impl FnOnce(&mut TenantPolicies)) -> Self {
        f(&mut self.owner.as_mut().expect("only an org conversation has tenant policies").tenant);
        self
    }

    fn group(mut self, f: impl FnOnce(&mut GroupPolicies)) -> Self {
        f(self.group_policies.get_or_insert_with(GroupPolicies::default));
        self
    }
}

// ----------------------------------------------------------- capabilities

/// One capability, to write expected capabilities as a list.
#[derive(Debug, Clone, Copy)]
pub enum Cap {
    Read,
    Send,
    CopyText,
    Forward,
    Share,
    AddMembers,
    RemoveMembers,
    Leave,
    AddToOrg,
    EditPolicies,
}

/// The capabilities of the conversation itself, without those of the
/// message verbs (which `verbs.rs` tests on their own).
pub fn conversation_level(c: Capabilities) -> Capabilities {
    Capabilities {
        reply: false,
        edit: false,
        delete: false,
        delete_others: false,
        react: false,
        edit_window_minutes: None,
        delete_window_minutes: None,
        ..c
    }
}

/// Exactly the capabilities listed.
pub fn caps(list: &[Cap]) -> Capabilities {
    let mut c = Capabilities::default();
    for cap in list {
        match cap {
            Cap::Read => c.read = true,
            Cap::Send => c.send = true,
            Cap::CopyText => c.copy = true,
            Cap::Forward => c.forward = true,
            Cap::Share => c.share = true,
            Cap::AddMembers => c.add_members = true,
            Cap::RemoveMembers => c.remove_members = true,
            Cap::Leave => c.leave = true,
            Cap::AddToOrg => c.add_to_organization = true,
            Cap::EditPolicies => c.edit_policies = true,
        }
    }
    c
}

// ------------------------------------------------------------ enumerations

/// Every assignment of five booleans.
pub fn every_5_bools() -> impl Iterator<Item = [bool; 5]> {
    (0u8..32).map(|bits| [0, 1, 2, 3, 4].map(|i| bits & (1 << i) != 0))
}

/// Every tenant policy there is (2^5).
pub fn every_tenant() -> Vec<TenantPolicies> {
    every_5_bools()
        .map(|[a, b, c, d, e]| TenantPolicies {
            allow_copy: a,
            allow_share: b,
            allow_forward: c,
            require_work_signin: d,
            missed_message_emails: e,
            ..TenantPolicies::default()
        })
        .collect()
}

/// Every group policy there is (2^5).
pub fn every_group_policies() -> Vec<GroupPolicies> {
    every_5_bools()
        .map(|[a, b, c, d, e]| GroupPolicies {
            allow_copy: a,
            allow_share: b,
            allow_forward: c,
            require_work_signin: d,
            history_for_new_members: e,
            ..GroupPolicies::default()
        })
        .collect()
}

/// Every owner a conversation can have: none, or ACME enabled or disabled under every tenant policy.
pub fn every_owner() -> Vec<Option<OrgFacts>> {
    let mut owners = vec![None];
    for enabled in [true, false] {
        for tenant in every_tenant() {
            owners.push(Some(OrgFacts { id: ACME, enabled, tenant }));
        }
    }
    owners
}

/// Every conversation: chat or group × every owner × no group policies or every one of them.
/// Includes combinations the server never builds (a private group with policies), because
/// the rules must stay safe on those too.
pub fn every_conversation() -> Vec<ConversationFacts> {
    let mut group_options = vec![None];
    group_options.extend(every_group_policies().into_iter().map(Some));
    let mut all = Vec::new();
    for kind in [ConversationKind::Chat, ConversationKind::Group] {
        for owner in every_owner() {
            for group_policies in &group_options {
                all.push(ConversationFacts { kind, owner, group_policies: *group_policies });
            }
        }
    }
    all
}

/// Every viewer and membership: signed in to nothing, ACME or GLOBEX × administering any
/// subset of them × not a member, or member/admin, as a person or through the directory.
pub fn every_who() -> Vec<Who> {
    let memberships = [
        None,
        Some(MembershipFacts { role: Role::Member, via_owner_directory: false }),
        Some(MembershipFacts { role: Role::Member, via_owner_directory: true }),
        Some(MembershipFacts { role: Role::Admin, via_owner_directory: false }),
        Some(MembershipFacts { role: Role::Admin, via_owner_directory: true }),
    ];
    let admin_sets: [&[OrgId]; 4] = [&[], &[ACME], &[GLOBEX], &[ACME, GLOBEX]];
    let mut all = Vec::new();
    for work_org in [None, Some(ACME), Some(GLOBEX)] {
        for admin_of in admin_sets {
            for membership in memberships {
                all.push(Who { viewer: Viewer { person: ME, work_org, admin_of: admin_of.to_vec() }, membership });
            }
        }
    }
    all
}
