//! Policies (rule 7) and the capabilities a viewer has in a conversation.

use serde::{Deserialize, Serialize};

fn yes() -> bool {
    true
}

/// An organization's tenant-wide policies, set by its admins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantPolicies {
    /// Members may copy message text out of the organization's conversations.
    #[serde(default = "yes")]
    pub allow_copy: bool,
    /// Attachments may be downloaded and shared out, and messages exported.
    #[serde(default = "yes")]
    pub allow_share: bool,
    /// Messages may be forwarded out of the organization's conversations.
    #[serde(default = "yes")]
    pub allow_forward: bool,
    /// Only people currently signed in to a work account may open the conversations.
    #[serde(default)]
    pub require_work_signin: bool,
    /// Missed-message e-mails (rule 12) are sent for the organization's conversations.
    #[serde(default = "yes")]
    pub missed_message_emails: bool,
    /// How many hours a device may stay offline before its key to the
    /// organization's cache lapses and the cache is deleted (rule 13).
    #[serde(default = "default_offline_cache_hours")]
    pub offline_cache_hours: u32,
    /// Work accounts may be signed in to with the passwords imported into
    /// the directory. Off only once the organization's identity provider
    /// is configured: then it is the only way in.
    #[serde(default = "yes")]
    pub password_signin: bool,
    /// How long after sending a person may edit their message, in minutes:
    /// `None` no limit, 0 never.
    #[serde(default)]
    pub edit_window_minutes: Option<u32>,
    /// How long after sending a person may delete their message for
    /// everyone, in minutes: `None` no limit, 0 never.
    #[serde(default)]
    pub delete_window_minutes: Option<u32>,
    /// The organization's admins and a group's admins may delete others'
    /// messages in the organization's conversations.
    #[serde(default = "yes")]
    pub admin_delete: bool,
    /// Members may react to messages.
    #[serde(default = "yes")]
    pub allow_reactions: bool,
}

/// Tenant policy bounds and default for [`TenantPolicies::offline_cache_hours`].
pub mod offline_cache {
    /// The default: thirty days.
    pub const DEFAULT_HOURS: u32 = 30 * 24;
    /// The shortest limit an organization can set.
    pub const MIN_HOURS: u32 = 1;
    /// The longest: a year.
    pub const MAX_HOURS: u32 = 365 * 24;
}

fn default_offline_cache_hours() -> u32 {
    offline_cache::DEFAULT_HOURS
}

impl Default for TenantPolicies {
    fn default() -> Self {
        Self {
            allow_copy: true,
            allow_share: true,
            allow_forward: true,
            require_work_signin: false,
            missed_message_emails: true,
            offline_cache_hours: offline_cache::DEFAULT_HOURS,
            password_signin: true,
            edit_window_minutes: None,
            delete_window_minutes: None,
            admin_delete: true,
            allow_reactions: true,
        }
    }
}

/// A group's own policies; only organization groups have them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupPolicies {
    /// Members may copy message text.
    #[serde(default = "yes")]
    pub allow_copy: bool,
    /// Attachments may be downloaded and shared out, and messages exported.
    #[serde(default = "yes")]
    pub allow_share: bool,
    /// Messages may be forwarded out of the group.
    #[serde(default = "yes")]
    pub allow_forward: bool,
    /// Only people currently signed in to a work account may open the group.
    #[serde(default)]
    pub require_work_signin: bool,
    /// A new member sees the history before they joined (off: from their joining on).
    #[serde(default = "yes")]
    pub history_for_new_members: bool,
    /// How long after sending a member may edit their message, in minutes:
    /// `None` no limit, 0 never.
    #[serde(default)]
    pub edit_window_minutes: Option<u32>,
    /// How long after sending a member may delete their message for
    /// everyone, in minutes: `None` no limit, 0 never.
    #[serde(default)]
    pub delete_window_minutes: Option<u32>,
    /// Members may react to messages.
    #[serde(default = "yes")]
    pub allow_reactions: bool,
}

impl Default for GroupPolicies {
    fn default() -> Self {
        Self {
            allow_copy: true,
            allow_share: true,
            allow_forward: true,
            require_work_signin: false,
            history_for_new_members: true,
            edit_window_minutes: None,
            delete_window_minutes: None,
            allow_reactions: true,
        }
    }
}

/// The bounds of an edit or delete window.
pub mod window {
    /// The longest window that can be set: a year, in minutes.
    pub const MAX_MINUTES: u32 = 365 * 24 * 60;

    /// The stricter of two windows (`None`: no limit).
    pub fn stricter(a: Option<u32>, b: Option<u32>) -> Option<u32> {
        match (a, b) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, None) => a,
            (None, b) => b,
        }
    }
}

/// The effective policy of a conversation: the most restrictive of its
/// tenant's and its group's. Private conversations have none (`None` on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Policies {
    /// Copying message text is allowed.
    pub allow_copy: bool,
    /// Downloading attachments, sharing out and exporting are allowed.
    pub allow_share: bool,
    /// Forwarding out of the conversation is allowed.
    pub allow_forward: bool,
    /// Opening needs a current work-account sign-in.
    pub require_work_signin: bool,
    /// New members see history from before they joined.
    pub history_for_new_members: bool,
    /// Minutes after sending that a message may be edited (`None`: no limit).
    #[serde(default)]
    pub edit_window_minutes: Option<u32>,
    /// Minutes after sending that a message may be deleted for everyone by
    /// its sender (`None`: no limit).
    #[serde(default)]
    pub delete_window_minutes: Option<u32>,
    /// The organization's and the group's admins may delete others' messages.
    #[serde(default)]
    pub admin_delete: bool,
    /// Reactions are allowed.
    #[serde(default = "yes")]
    pub allow_reactions: bool,
}

impl Policies {
    /// Everything allowed: what a private conversation behaves like (and
    /// no admin delete: nobody administers a private conversation's messages).
    pub const UNRESTRICTED: Policies = Policies {
        allow_copy: true,
        allow_share: true,
        allow_forward: true,
        require_work_signin: false,
        history_for_new_members: true,
        edit_window_minutes: None,
        delete_window_minutes: None,
        admin_delete: false,
        allow_reactions: true,
    };
}

/// Who turned a restricting policy on in an organization's conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SetBy {
    /// The organization's tenant policy.
    Tenant,
    /// The group's admins, in the group's own policies.
    GroupAdmins,
    /// Both: the tenant policy, and the group's admins as well.
    TenantAndGroupAdmins,
}

impl SetBy {
    /// Who set it, from whether the tenant and the group's admins each did.
    pub fn of(tenant: bool, group_admins: bool) -> Option<Self> {
        match (tenant, group_admins) {
            (true, true) => Some(Self::TenantAndGroupAdmins),
            (true, false) => Some(Self::Tenant),
            (false, true) => Some(Self::GroupAdmins),
            (false, false) => None,
        }
    }
}

/// Why each policy-controlled thing is restricted where it is: who turned it
/// off (or, for `require_work_signin`, on). Empty for private conversations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Restrictions {
    /// Copying message text is off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy: Option<SetBy>,
    /// Downloading, sharing out and exporting are off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<SetBy>,
    /// Forwarding out of the organization is off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward: Option<SetBy>,
    /// Opening needs a work-account sign-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub require_work_signin: Option<SetBy>,
    /// Editing is limited in time, or off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edit: Option<SetBy>,
    /// Deleting for everyone is limited in time, or off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete: Option<SetBy>,
    /// Reactions are off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub react: Option<SetBy>,
}

/// What the viewer may do in a conversation now. The client renders from
/// this and never recomputes the rules itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Capabilities {
    /// May open the conversation and read its messages.
    pub read: bool,
    /// May send messages.
    pub send: bool,
    /// May copy message text.
    pub copy: bool,
    /// May forward messages out of this conversation (to any target allowed by rule 8).
    pub forward: bool,
    /// May download attachments and share them out.
    pub share: bool,
    /// May add members (groups only).
    pub add_members: bool,
    /// May remove other members (groups only).
    pub remove_members: bool,
    /// May leave (groups only).
    pub leave: bool,
    /// May convert this private group into a group of their organization (rule 4).
    pub add_to_organization: bool,
    /// May edit the group's policies (org groups only).
    pub edit_policies: bool,
    /// May reply to messages (quoting one).
    #[serde(default)]
    pub reply: bool,
    /// May edit their own text messages, within `edit_window_minutes` of sending.
    #[serde(default)]
    pub edit: bool,
    /// May delete their own messages for everyone, within
    /// `delete_window_minutes` of sending.
    #[serde(default)]
    pub delete: bool,
    /// May delete others' messages for everyone (admin delete: the owner
    /// organization's admins and the group's admins, in organization
    /// conversations, on messages the organization owns).
    #[serde(default)]
    pub delete_others: bool,
    /// May react to messages.
    #[serde(default)]
    pub react: bool,
    /// How long after sending a message `edit` lasts, in minutes (`None`: no limit).
    #[serde(default)]
    pub edit_window_minutes: Option<u32>,
    /// How long after sending a message `delete` lasts, in minutes (`None`: no limit).
    #[serde(default)]
    pub delete_window_minutes: Option<u32>,
    /// Who set the policies that restrict this conversation, to say why an
    /// action is missing.
    #[serde(default)]
    pub restricted_by: Restrictions,
}
