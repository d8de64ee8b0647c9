//! Organizations: creating them, their tenant policies, turning Samtal on
//! and off for them (rules 9 and 10), and their audit log.

use std::collections::{BTreeMap, BTreeSet};

use samtal_core::api::{AuditEntry, Org};
use samtal_core::events::{Event, RevocationReason};
use samtal_core::{ConversationId, ErrorCode, OrgId, PersonId, TenantPolicies};
use serde_json::json;

use super::Domain;
use super::support::{append, audit};
use crate::error::{AppError, AppResult};
use crate::store::{Constraint, StoreError};
use crate::time::now_ms;

impl Domain {
    /// Creates an organization with `creator` as its first admin; `Conflict`
    /// if the domain is taken.
    pub async fn create_org(&self, creator: PersonId, name: &str, domain: &str, description: &str) -> AppResult<Org> {
        let policies = TenantPolicies::default();
        let mut tx = self.write().await?;
        let id = match tx.insert_org(name, domain, description, &policies, now_ms()).await {
            Ok(id) => id,
            Err(StoreError::Violation(Constraint::OrgDomain)) => {
                return Err(AppError::msg(
                    ErrorCode::Conflict,
                    format!("An organization with the domain {domain} exists already."),
                ));
            }
            Err(e) => return Err(e.into()),
        };
        tx.insert_org_admin(id, creator).await?;
        audit(tx.as_mut(), id, Some(creator), "org_created", name, json!({ "domain": domain })).await?;
        // The creator is an admin now: their Admin navigation appears.
        append(tx.as_mut(), &[creator], &Event::MeChanged).await?;
        self.commit(tx).await?;
        Ok(Org {
            id,
            name: name.to_owned(),
            domain: domain.to_owned(),
            description: description.to_owned(),
            enabled: true,
            policies,
        })
    }

    /// An organization.
    pub async fn org(&self, org: OrgId) -> AppResult<Option<Org>> {
        Ok(self.read().await?.org(org).await?)
    }

    /// Sets tenant policies; every member of the organization's
    /// conversations hears that their capabilities changed.
    pub async fn set_tenant_policies(&self, org: OrgId, actor: PersonId, policies: TenantPolicies) -> AppResult<Org> {
        let mut tx = self.write().await?;
        let mut current = tx.org(org).await?.ok_or(ErrorCode::NotFound)?;
        if current.policies == policies {
            return Ok(current);
        }
        let has_provider = tx.oidc_config(org).await?.is_some();
        samtal_core::identity::check_password_signin_change(&policies, has_provider).map_err(|code| {
            AppError::msg(
                code,
                "Password sign-in can only be turned off once the organization's identity provider is set up in Sign-in.",
            )
        })?;
        tx.set_tenant_policies(org, &policies).await?;
        let detail = json!({ "old": current.policies, "new": policies });
        audit(tx.as_mut(), org, Some(actor), "tenant_policies_changed", &current.name, detail).await?;
        // Every conversation's effective policy and capabilities may have changed.
        let mut by_conversation: BTreeMap<ConversationId, Vec<PersonId>> = BTreeMap::new();
        for p in tx.org_participants(org).await? {
            by_conversation.entry(p.conversation).or_default().push(p.person);
        }
        for (conversation, people) in by_conversation {
            append(tx.as_mut(), &people, &Event::ConversationChanged { conversation_id: conversation }).await?;
        }
        self.commit(tx).await?;
        current.policies = policies;
        Ok(current)
    }

    /// Enables or disables Samtal for an organization (rules 9 and 10).
    /// Disabling ends every work-account sign-in to it; memberships stay so
    /// the conversations reopen when it is enabled again.
    pub async fn set_org_enabled(&self, org: OrgId, actor: PersonId, enabled: bool) -> AppResult<Org> {
        let mut tx = self.write().await?;
        let mut current = tx.org(org).await?.ok_or(ErrorCode::NotFound)?;
        if current.enabled == enabled {
            return Ok(current);
        }
        tx.set_org_enabled(org, enabled).await?;
        // Guests: people in its conversations as themselves, not as its members.
        let guests: Vec<PersonId> = tx
            .org_participants(org)
            .await?
            .into_iter()
            .filter(|p| !p.via_entry)
            .map(|p| p.person)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if enabled {
            append(tx.as_mut(), &guests, &Event::OrgEnabled { org_id: org }).await?;
            audit(tx.as_mut(), org, Some(actor), "org_enabled", &current.name, json!({})).await?;
        } else {
            let signed_in = tx.unlink_all_in_org(org).await?;
            let revoked = Event::OrgRevoked { org_id: org, reason: RevocationReason::OrgDisabled };
            let everyone: Vec<PersonId> = signed_in.iter().chain(&guests).copied().collect();
            append(tx.as_mut(), &everyone, &revoked).await?;
            append(tx.as_mut(), &signed_in, &Event::MeChanged).await?;
            let detail = json!({ "signed_out": signed_in.len() });
            audit(tx.as_mut(), org, Some(actor), "org_disabled", &current.name, detail).await?;
        }
        self.commit(tx).await?;
        current.enabled = enabled;
        Ok(current)
    }

    /// The newest `limit` entries of the organization's audit log, newest first.
    pub async fn audit_log(&self, org: OrgId, limit: u32) -> AppResult<Vec<AuditEntry>> {
        Ok(self.read().await?.audit_log(org, limit).await?)
    }
}
