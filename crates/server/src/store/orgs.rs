//! Organizations, their admins and their audit log.

use async_trait::async_trait;
use samtal_core::api::{AuditEntry, Org};
use samtal_core::{Millis, OrgId, PersonId, TenantPolicies};

use super::StoreResult;

/// An audit entry to append.
#[derive(Debug, Clone)]
pub struct NewAuditEntry<'a> {
    /// The organization whose log it is.
    pub org: OrgId,
    /// Who did it.
    pub actor: Option<PersonId>,
    /// Who did it when it was not a person (`SCIM · token name`).
    pub actor_label: Option<&'a str>,
    /// What, as a stable word (`member_added`).
    pub action: &'a str,
    /// To what, for people.
    pub target: &'a str,
    /// The particulars.
    pub detail: &'a serde_json::Value,
    /// When.
    pub at: Millis,
}

/// Rows of organizations and audit entries.
#[async_trait]
pub trait OrgRows: Send {
    /// Inserts an enabled organization; `Violation(OrgDomain)` if the domain is taken.
    async fn insert_org(
        &mut self,
        name: &str,
        domain: &str,
        description: &str,
        policies: &TenantPolicies,
        at: Millis,
    ) -> StoreResult<OrgId>;

    /// Adds an admin to the organization's own list.
    async fn insert_org_admin(&mut self, org: OrgId, person: PersonId) -> StoreResult<()>;

    /// One organization.
    async fn org(&mut self, id: OrgId) -> StoreResult<Option<Org>>;

    /// The organizations `ids` (unknown ones left out), by id.
    async fn orgs(&mut self, ids: &[OrgId]) -> StoreResult<Vec<Org>>;

    /// Stores tenant policies.
    async fn set_tenant_policies(&mut self, org: OrgId, policies: &TenantPolicies) -> StoreResult<()>;

    /// Turns Samtal on or off for the organization.
    async fn set_org_enabled(&mut self, org: OrgId, enabled: bool) -> StoreResult<()>;

    /// Appends to the audit log.
    async fn insert_audit(&mut self, entry: NewAuditEntry<'_>) -> StoreResult<()>;

    /// The newest `limit` entries of the organization's audit log, newest first.
    async fn audit_log(&mut self, org: OrgId, limit: u32) -> StoreResult<Vec<AuditEntry>>;
}
