//! Directory provisioning by an organization's identity provider (SCIM
//! 2.0): a provisioned user is a directory entry while it is active.
//! Deactivating or deleting one is a removal from the directory (rule 10);
//! a deactivated user is kept, so the provider can read it and turn it
//! back on. Every change is audited as `SCIM · {token name}`.

use samtal_core::api::NewDirectoryEntry;
use samtal_core::events::Event;
use samtal_core::{ApiError, DirectoryEntryId, ErrorCode, OrgId, validate};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::Domain;
use super::directory::remove_entry;
use super::membership::announce_entry_change;
use super::support::{append, audit_scim};
use crate::error::{AppError, AppResult};
use crate::store::identity::{NewScimUser, ScimClient, ScimUserFilter, ScimUserRow};
use crate::store::{Constraint, StoreError, Tx};
use crate::time::now_ms;

/// What Samtal keeps of a SCIM user, as the provider last sent it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProvisionedUser {
    /// `userName`: unique in the organization, case-insensitively.
    pub user_name: String,
    /// `externalId`: the provider's own id (Entra ID's object id, say).
    #[serde(default)]
    pub external_id: Option<String>,
    /// `active`: false takes the person out of the directory.
    pub active: bool,
    /// `displayName`.
    #[serde(default)]
    pub display_name: Option<String>,
    /// `name.givenName`.
    #[serde(default)]
    pub given_name: Option<String>,
    /// `name.familyName`.
    #[serde(default)]
    pub family_name: Option<String>,
    /// `name.formatted`.
    #[serde(default)]
    pub formatted_name: Option<String>,
    /// `nickName`: the entry's alias when given.
    #[serde(default)]
    pub nick_name: Option<String>,
    /// `title`: the entry's designation.
    #[serde(default)]
    pub title: Option<String>,
    /// The enterprise extension's `department`.
    #[serde(default)]
    pub department: Option<String>,
    /// `emails`.
    #[serde(default)]
    pub emails: Vec<ProvisionedEmail>,
}

/// One of a SCIM user's `emails`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProvisionedEmail {
    /// The address.
    pub value: String,
    /// `work`, `home`, `other`, or absent.
    #[serde(default)]
    pub kind: Option<String>,
    /// Whether it is the primary one.
    #[serde(default)]
    pub primary: bool,
}

impl ProvisionedUser {
    /// The work e-mail: the primary address, else the first `work` one,
    /// else the first, else `userName` when it is an address (Entra ID's
    /// user principal name, Okta's login).
    pub fn work_email(&self) -> Option<&str> {
        let pick = self
            .emails
            .iter()
            .find(|e| e.primary)
            .or_else(|| self.emails.iter().find(|e| e.kind.as_deref() == Some("work")))
            .or_else(|| self.emails.first())
            .map(|e| e.value.as_str());
        pick.or_else(|| self.user_name.contains('@').then_some(self.user_name.as_str()))
    }

    /// The name people see: `displayName`, else `name.formatted`, else the
    /// given and family names, else `userName`.
    pub fn name(&self) -> String {
        let joined = [self.given_name.as_deref(), self.family_name.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        [self.display_name.as_deref(), self.formatted_name.as_deref(), Some(joined.as_str())]
            .into_iter()
            .flatten()
            .map(str::trim)
            .find(|s| !s.is_empty())
            .unwrap_or(self.user_name.trim())
            .to_owned()
    }

    /// `userName` lowercased, which is unique in the organization.
    pub fn user_key(&self) -> String {
        self.user_name.trim().to_lowercase()
    }

    /// The directory entry this user is, checked like an imported one.
    pub fn entry(&self) -> Result<NewDirectoryEntry, ApiError> {
        let email = self.work_email().ok_or_else(|| {
            ApiError::with_message(ErrorCode::InvalidInput, "A user needs a work e-mail: in emails, or as a userName.")
        })?;
        let alias = match self.nick_name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            Some(nick) => nick.to_owned(),
            None => email.split('@').next().unwrap_or_default().to_owned(),
        };
        validate::directory_entry(NewDirectoryEntry {
            email: email.to_owned(),
            alias,
            display_name: self.name(),
            designation: self.title.clone().unwrap_or_default(),
            department: self.department.clone().unwrap_or_default(),
            is_admin: false,
            password: None,
        })
    }
}

/// A SCIM user as answered: the stored row and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScimUser {
    /// The row.
    pub row: ScimUserRow,
    /// Its attributes; `active` is whether it has its directory entry now.
    pub user: ProvisionedUser,
}

fn read_user(row: ScimUserRow) -> AppResult<ScimUser> {
    let mut user: ProvisionedUser = serde_json::from_str(&row.resource)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("SCIM user {} is unreadable: {e}", row.id)))?;
    // An admin may have removed the entry in the portal since.
    user.active = row.entry.is_some();
    Ok(ScimUser { row, user })
}

fn taken(what: &str) -> AppError {
    AppError::msg(ErrorCode::DirectoryEntryExists, format!("Another entry of the directory has this {what}."))
}

impl Domain {
    /// A page of the organization's SCIM users, with how many match.
    pub async fn scim_users(
        &self,
        org: OrgId,
        filter: &ScimUserFilter,
        offset: u64,
        count: u64,
    ) -> AppResult<(u64, Vec<ScimUser>)> {
        let (total, rows) = self.read().await?.scim_users(org, filter, offset, count).await?;
        Ok((total, rows.into_iter().map(read_user).collect::<AppResult<_>>()?))
    }

    /// One of the organization's SCIM users.
    pub async fn scim_user(&self, org: OrgId, id: i64) -> AppResult<Option<ScimUser>> {
        self.read().await?.scim_user(org, id).await?.map(read_user).transpose()
    }

    /// Provisions a user: its directory entry (an entry already there with
    /// its work e-mail and no SCIM user, imported before the provider took
    /// over, is adopted), and the SCIM user.
    pub async fn scim_create(&self, client: &ScimClient, user: ProvisionedUser) -> AppResult<ScimUser> {
        let values = user.entry()?;
        let key = user.user_key();
        let mut tx = self.write().await?;
        if tx.scim_users(client.org, &ScimUserFilter::UserKey(key.clone()), 0, 1).await?.0 > 0 {
            return Err(AppError::msg(ErrorCode::Conflict, "A user with this userName exists already."));
        }
        let entry = if user.active { Some(provide_entry(tx.as_mut(), client.org, None, &values).await?) } else { None };
        let resource = serde_json::to_string(&user).map_err(|e| AppError::Internal(e.into()))?;
        let new = NewScimUser { entry, user_key: &key, external_id: user.external_id.as_deref(), resource: &resource };
        let id = match tx.insert_scim_user(client.org, new, now_ms()).await {
            Err(StoreError::Violation(Constraint::ScimUserName)) => {
                return Err(AppError::msg(ErrorCode::Conflict, "A user with this userName exists already."));
            }
            other => other?,
        };
        let detail = json!({ "user_name": user.user_name, "active": user.active, "scim_id": id });
        audit_scim(tx.as_mut(), client.org, &client.name, "scim_user_created", &values.email, detail).await?;
        let stored = tx.scim_user(client.org, id).await?.ok_or(ErrorCode::NotFound)?;
        self.commit(tx).await?;
        read_user(stored)
    }

    /// Replaces a user's attributes (PUT, or PATCH once applied): its entry
    /// follows, and `active` going off removes the entry (rule 10), on
    /// again provides it anew. `NotFound` if it is not the organization's.
    pub async fn scim_update(&self, client: &ScimClient, id: i64, user: ProvisionedUser) -> AppResult<ScimUser> {
        let values = user.entry()?;
        let key = user.user_key();
        let mut tx = self.write().await?;
        let current = tx.scim_user(client.org, id).await?.ok_or(ErrorCode::NotFound)?;
        if key != current.user_key {
            let (_, same) = tx.scim_users(client.org, &ScimUserFilter::UserKey(key.clone()), 0, 1).await?;
            if same.iter().any(|other| other.id != id) {
                return Err(AppError::msg(ErrorCode::Conflict, "A user with this userName exists already."));
            }
        }
        let (action, entry) = match (current.entry, user.active) {
            (Some(entry), true) => {
                provide_entry(tx.as_mut(), client.org, Some(entry), &values).await?;
                ("scim_user_updated", Some(entry))
            }
            (None, true) => {
                ("scim_user_reactivated", Some(provide_entry(tx.as_mut(), client.org, None, &values).await?))
            }
            (Some(entry), false) => {
                if let Some(removed) = tx.entry(entry).await? {
                    remove_entry(tx.as_mut(), &removed).await?;
                }
                ("scim_user_deactivated", None)
            }
            (None, false) => ("scim_user_updated", None),
        };
        let resource = serde_json::to_string(&user).map_err(|e| AppError::Internal(e.into()))?;
        let new = NewScimUser { entry, user_key: &key, external_id: user.external_id.as_deref(), resource: &resource };
        tx.update_scim_user(id, new, now_ms()).await?;
        let detail = json!({ "user_name": user.user_name, "active": user.active, "scim_id": id });
        audit_scim(tx.as_mut(), client.org, &client.name, action, &values.email, detail).await?;
        let stored = tx.scim_user(client.org, id).await?.ok_or(ErrorCode::NotFound)?;
        self.commit(tx).await?;
        read_user(stored)
    }

    /// Deletes a user: its entry is removed from the directory (rule 10).
    pub async fn scim_delete(&self, client: &ScimClient, id: i64) -> AppResult<()> {
        let mut tx = self.write().await?;
        let current = tx.scim_user(client.org, id).await?.ok_or(ErrorCode::NotFound)?;
        let user = read_user(current.clone())?.user;
        if let Some(entry) = current.entry
            && let Some(removed) = tx.entry(entry).await?
        {
            remove_entry(tx.as_mut(), &removed).await?;
        }
        tx.delete_scim_user(id).await?;
        let target = user.work_email().unwrap_or(&user.user_name).to_owned();
        let detail = json!({ "user_name": user.user_name, "scim_id": id });
        audit_scim(tx.as_mut(), client.org, &client.name, "scim_user_deleted", &target, detail).await?;
        self.commit(tx).await
    }
}

/// Gives `values` a directory entry in `tx`: `existing` changed to them,
/// or an entry with their e-mail and no SCIM user adopted, or a new one
/// (with no password: it is signed in to through the provider).
async fn provide_entry(
    tx: &mut dyn Tx,
    org: OrgId,
    existing: Option<DirectoryEntryId>,
    values: &NewDirectoryEntry,
) -> AppResult<DirectoryEntryId> {
    let by_email = tx.entry_by_email_in_org(org, &values.email).await?;
    let target = match (existing, by_email) {
        (Some(entry), Some(other)) if other != entry => return Err(taken("work e-mail")),
        (Some(entry), _) => entry,
        (None, Some(found)) => {
            if tx.scim_user_of_entry(found).await?.is_some() {
                return Err(taken("work e-mail"));
            }
            found
        }
        (None, None) => {
            return tx.insert_entry(org, values, "", now_ms()).await?.ok_or_else(|| taken("alias (nickName)"));
        }
    };
    // The alias may be someone else's: a refused change must leave the
    // transaction usable.
    tx.savepoint().await?;
    match tx.update_entry(target, values).await {
        Ok(()) => {}
        Err(StoreError::Violation(_)) => {
            tx.rollback_to_savepoint().await?;
            return Err(taken("alias (nickName)"));
        }
        Err(e) => return Err(e.into()),
    }
    let person = tx.entry(target).await?.and_then(|e| e.person_id);
    announce_entry_change(tx, target, None).await?;
    if let Some(person) = person {
        // Their work account's designation and department show in Me.
        append(tx, &[person], &Event::MeChanged).await?;
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn user() -> ProvisionedUser {
        ProvisionedUser { user_name: "Anna.Berg@nordvik.example".into(), active: true, ..Default::default() }
    }

    #[test]
    fn the_work_email_prefers_primary_then_work_then_the_user_name() {
        let mut u = user();
        assert_eq!(u.work_email(), Some("Anna.Berg@nordvik.example"));
        u.emails = vec![
            ProvisionedEmail { value: "a@home.example".into(), kind: Some("home".into()), primary: false },
            ProvisionedEmail { value: "anna@nordvik.example".into(), kind: Some("work".into()), primary: false },
        ];
        assert_eq!(u.work_email(), Some("anna@nordvik.example"));
        u.emails[0].primary = true;
        assert_eq!(u.work_email(), Some("a@home.example"));
        let plain = ProvisionedUser { user_name: "anna".into(), ..Default::default() };
        assert_eq!(plain.work_email(), None);
        assert!(plain.entry().is_err());
    }

    #[test]
    fn the_name_falls_back_from_display_to_parts_to_user_name() {
        let mut u = user();
        assert_eq!(u.name(), "Anna.Berg@nordvik.example");
        u.given_name = Some("Anna".into());
        u.family_name = Some("Berg".into());
        assert_eq!(u.name(), "Anna Berg");
        u.formatted_name = Some("Ms. Anna Berg".into());
        assert_eq!(u.name(), "Ms. Anna Berg");
        u.display_name = Some("  ".into());
        assert_eq!(u.name(), "Ms. Anna Berg");
        u.display_name = Some("Anna B.".into());
        assert_eq!(u.name(), "Anna B.");
    }

    #[test]
    fn the_entry_takes_the_alias_from_the_nick_name_or_the_address() {
        let mut u = user();
        u.title = Some("Engineer".into());
        u.department = Some("Grid".into());
        let entry = u.entry().unwrap();
        assert_eq!(
            (entry.email.as_str(), entry.alias.as_str(), entry.designation.as_str(), entry.department.as_str()),
            ("anna.berg@nordvik.example", "anna.berg", "Engineer", "Grid")
        );
        u.nick_name = Some("AnnaB".into());
        assert_eq!(u.entry().unwrap().alias, "annab");
        u.nick_name = Some("not an alias!".into());
        assert!(u.entry().is_err());
        assert_eq!(u.user_key(), "anna.berg@nordvik.example");
    }
}
