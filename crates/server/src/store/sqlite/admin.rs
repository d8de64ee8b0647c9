//! [`AdminStore`] on SQLite.

use std::collections::{BTreeMap, BTreeSet};

use async_trait::async_trait;
use samtal_core::api::{AuditEntry, DirectoryEntry, NewDirectoryEntry, Org, Person};
use samtal_core::events::{Event, RevocationReason};
use samtal_core::{AuditId, ConversationId, DirectoryEntryId, ErrorCode, OrgId, PersonId, TenantPolicies};
use serde_json::json;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use super::accounts::{announce_entry_change, directory_search_key, searchable};
use super::{SqliteStore, conversations, events, is_unique_violation};
use crate::error::AppError;
use crate::store::admin::DirectoryKeys;
use crate::store::{AdminStore, StoreResult};
use crate::time::now_ms;

/// Appends to an organization's audit log inside the caller's transaction.
/// Every admin and group-admin action on an org's data calls this.
pub(crate) async fn audit(
    conn: &mut SqliteConnection,
    org: OrgId,
    actor: Option<PersonId>,
    action: &str,
    target: &str,
    detail: serde_json::Value,
) -> StoreResult<()> {
    sqlx::query("INSERT INTO audit_log (org_id, actor_id, action, target, detail, at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(org.0)
        .bind(actor.map(|p| p.0))
        .bind(action)
        .bind(target)
        .bind(detail.to_string())
        .bind(now_ms())
        .execute(conn)
        .await?;
    Ok(())
}

/// The columns `org_from_row` reads (a macro, so queries stay literal SQL).
macro_rules! org_columns {
    () => {
        "id, name, domain, description, enabled, tenant_policies"
    };
}

fn org_from_row(row: &SqliteRow) -> Result<Org, AppError> {
    let policies: String = row.try_get("tenant_policies")?;
    Ok(Org {
        id: OrgId(row.try_get("id")?),
        name: row.try_get("name")?,
        domain: row.try_get("domain")?,
        description: row.try_get("description")?,
        enabled: row.try_get::<i64, _>("enabled")? != 0,
        policies: serde_json::from_str(&policies)?,
    })
}

/// An organization inside a transaction.
async fn load_org(conn: &mut SqliteConnection, org: OrgId) -> StoreResult<Org> {
    let row = sqlx::query(concat!("SELECT ", org_columns!(), " FROM orgs WHERE id = ?"))
        .bind(org.0)
        .fetch_optional(conn)
        .await?
        .ok_or(AppError::code(ErrorCode::NotFound))?;
    org_from_row(&row)
}

/// The columns `entry_from_row` reads.
macro_rules! entry_columns {
    () => {
        "id, org_id, email, alias, display_name, designation, department, is_admin, person_id"
    };
}

fn entry_from_row(row: &SqliteRow) -> Result<DirectoryEntry, sqlx::Error> {
    Ok(DirectoryEntry {
        id: DirectoryEntryId(row.try_get("id")?),
        org_id: OrgId(row.try_get("org_id")?),
        email: row.try_get("email")?,
        alias: row.try_get("alias")?,
        display_name: row.try_get("display_name")?,
        designation: row.try_get("designation")?,
        department: row.try_get("department")?,
        is_admin: row.try_get::<i64, _>("is_admin")? != 0,
        person_id: row.try_get::<Option<i64>, _>("person_id")?.map(PersonId),
    })
}

/// Who takes part in the organization's conversations now, per conversation:
/// `(conversation, person, by directory entry)`.
async fn org_members(conn: &mut SqliteConnection, org: OrgId) -> StoreResult<Vec<(ConversationId, PersonId, bool)>> {
    let rows = sqlx::query(
        "SELECT m.conversation_id, COALESCE(m.person_id, d.person_id) AS person,
                m.directory_entry_id IS NOT NULL AS via_entry
         FROM conversation_members m
         JOIN conversations c ON c.id = m.conversation_id
         LEFT JOIN directory_entries d ON d.id = m.directory_entry_id
         WHERE c.owner_org_id = ? AND COALESCE(m.person_id, d.person_id) IS NOT NULL
         ORDER BY m.conversation_id",
    )
    .bind(org.0)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok((
                ConversationId(row.try_get("conversation_id")?),
                PersonId(row.try_get("person")?),
                row.try_get::<i64, _>("via_entry")? != 0,
            ))
        })
        .collect()
}

/// The people who take part in the organization's conversations as
/// themselves rather than as its members (guests: partner organizations,
/// personal accounts).
async fn org_guests(conn: &mut SqliteConnection, org: OrgId) -> StoreResult<Vec<PersonId>> {
    let guests: BTreeSet<PersonId> =
        org_members(conn, org).await?.into_iter().filter(|(_, _, via_entry)| !via_entry).map(|(_, p, _)| p).collect();
    Ok(guests.into_iter().collect())
}

#[async_trait]
impl AdminStore for SqliteStore {
    async fn create_org(&self, creator: PersonId, name: &str, domain: &str, description: &str) -> StoreResult<Org> {
        let policies = TenantPolicies::default();
        let mut tx = self.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO orgs (name, domain, description, enabled, tenant_policies, created_at)
             VALUES (?, ?, ?, 1, ?, ?) RETURNING id",
        )
        .bind(name)
        .bind(domain)
        .bind(description)
        .bind(serde_json::to_string(&policies)?)
        .bind(now_ms())
        .fetch_one(&mut *tx)
        .await;
        let id = match inserted {
            Ok(row) => OrgId(row.try_get("id")?),
            Err(e) if is_unique_violation(&e) => {
                return Err(AppError::msg(
                    ErrorCode::Conflict,
                    format!("An organization with the domain {domain} exists already."),
                ));
            }
            Err(e) => return Err(e.into()),
        };
        sqlx::query("INSERT INTO org_admins (org_id, person_id) VALUES (?, ?)")
            .bind(id.0)
            .bind(creator.0)
            .execute(&mut *tx)
            .await?;
        audit(&mut tx, id, Some(creator), "org_created", name, json!({ "domain": domain })).await?;
        // The creator is an admin now: their Admin navigation appears.
        events::append(&mut tx, &[creator], &Event::MeChanged).await?;
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

    async fn org(&self, org: OrgId) -> StoreResult<Option<Org>> {
        let row = sqlx::query(concat!("SELECT ", org_columns!(), " FROM orgs WHERE id = ?"))
            .bind(org.0)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(org_from_row).transpose()
    }

    async fn set_tenant_policies(&self, org: OrgId, actor: PersonId, policies: TenantPolicies) -> StoreResult<Org> {
        let mut tx = self.begin().await?;
        let mut current = load_org(&mut tx, org).await?;
        if current.policies == policies {
            return Ok(current);
        }
        sqlx::query("UPDATE orgs SET tenant_policies = ? WHERE id = ?")
            .bind(serde_json::to_string(&policies)?)
            .bind(org.0)
            .execute(&mut *tx)
            .await?;
        audit(
            &mut tx,
            org,
            Some(actor),
            "tenant_policies_changed",
            &current.name,
            json!({ "old": current.policies, "new": policies }),
        )
        .await?;
        // Every conversation's effective policy and capabilities may have changed.
        let mut by_conversation: BTreeMap<ConversationId, Vec<PersonId>> = BTreeMap::new();
        for (conversation, person, _) in org_members(&mut tx, org).await? {
            by_conversation.entry(conversation).or_default().push(person);
        }
        for (conversation, people) in by_conversation {
            events::append(&mut tx, &people, &Event::ConversationChanged { conversation_id: conversation }).await?;
        }
        self.commit(tx).await?;
        current.policies = policies;
        Ok(current)
    }

    async fn set_org_enabled(&self, org: OrgId, actor: PersonId, enabled: bool) -> StoreResult<Org> {
        let mut tx = self.begin().await?;
        let mut current = load_org(&mut tx, org).await?;
        if current.enabled == enabled {
            return Ok(current);
        }
        sqlx::query("UPDATE orgs SET enabled = ? WHERE id = ?")
            .bind(i64::from(enabled))
            .bind(org.0)
            .execute(&mut *tx)
            .await?;
        let guests = org_guests(&mut tx, org).await?;
        if enabled {
            events::append(&mut tx, &guests, &Event::OrgEnabled { org_id: org }).await?;
            audit(&mut tx, org, Some(actor), "org_enabled", &current.name, json!({})).await?;
        } else {
            // Rule 9/10: every work-account sign-in to it ends. Memberships
            // stay, so the conversations reopen when it is enabled again.
            let signed_in: Vec<PersonId> = sqlx::query_scalar::<_, i64>(
                "SELECT person_id FROM directory_entries WHERE org_id = ? AND person_id IS NOT NULL",
            )
            .bind(org.0)
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .map(PersonId)
            .collect();
            sqlx::query(
                "UPDATE directory_entries SET person_id = NULL, linked_at = NULL
                 WHERE org_id = ? AND person_id IS NOT NULL",
            )
            .bind(org.0)
            .execute(&mut *tx)
            .await?;
            let revoked = Event::OrgRevoked { org_id: org, reason: RevocationReason::OrgDisabled };
            let everyone: Vec<PersonId> = signed_in.iter().chain(&guests).copied().collect();
            events::append(&mut tx, &everyone, &revoked).await?;
            events::append(&mut tx, &signed_in, &Event::MeChanged).await?;
            audit(&mut tx, org, Some(actor), "org_disabled", &current.name, json!({ "signed_out": signed_in.len() }))
                .await?;
        }
        self.commit(tx).await?;
        current.enabled = enabled;
        Ok(current)
    }

    async fn directory(&self, org: OrgId, needle: Option<&str>) -> StoreResult<Vec<DirectoryEntry>> {
        // Without a needle every entry matches: instr(x, '') is 1.
        let needle = match needle {
            Some(needle) if !searchable(needle) => return Ok(Vec::new()),
            Some(needle) => needle,
            None => "",
        };
        let rows = sqlx::query(concat!(
            "SELECT ",
            entry_columns!(),
            " FROM directory_entries WHERE org_id = ? AND instr(search_key, ?) > 0
              ORDER BY display_name COLLATE NOCASE, id"
        ))
        .bind(org.0)
        .bind(needle)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.iter().map(entry_from_row).collect::<Result<_, _>>()?)
    }

    async fn directory_entry(&self, entry: DirectoryEntryId) -> StoreResult<Option<DirectoryEntry>> {
        let row = sqlx::query(concat!("SELECT ", entry_columns!(), " FROM directory_entries WHERE id = ?"))
            .bind(entry.0)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.as_ref().map(entry_from_row).transpose()?)
    }

    async fn directory_keys(&self, org: OrgId) -> StoreResult<DirectoryKeys> {
        let rows = sqlx::query("SELECT email, alias FROM directory_entries WHERE org_id = ?")
            .bind(org.0)
            .fetch_all(self.pool())
            .await?;
        let mut keys = DirectoryKeys::default();
        for row in rows {
            keys.emails.insert(row.try_get("email")?);
            keys.aliases.insert(row.try_get("alias")?);
        }
        Ok(keys)
    }

    async fn import_directory(
        &self,
        org: OrgId,
        actor: PersonId,
        entries: &[(NewDirectoryEntry, String)],
    ) -> StoreResult<Vec<Result<DirectoryEntryId, ErrorCode>>> {
        let mut tx = self.begin().await?;
        let org_name = load_org(&mut tx, org).await?.name;
        let now = now_ms();
        let mut results = Vec::with_capacity(entries.len());
        for (entry, password_hash) in entries {
            // A failed INSERT undoes only itself, so one taken e-mail does
            // not cost the rest of the import.
            let inserted = sqlx::query(
                "INSERT INTO directory_entries (org_id, email, alias, display_name, designation, department,
                    is_admin, password_hash, created_at, search_key)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(org.0)
            .bind(&entry.email)
            .bind(&entry.alias)
            .bind(&entry.display_name)
            .bind(&entry.designation)
            .bind(&entry.department)
            .bind(i64::from(entry.is_admin))
            .bind(password_hash)
            .bind(now)
            .bind(directory_search_key(&entry.display_name, &entry.alias, &entry.email))
            .fetch_one(&mut *tx)
            .await;
            results.push(match inserted {
                Ok(row) => Ok(DirectoryEntryId(row.try_get("id")?)),
                Err(e) if is_unique_violation(&e) => Err(ErrorCode::DirectoryEntryExists),
                Err(e) => return Err(e.into()),
            });
        }
        let imported = results.iter().filter(|r| r.is_ok()).count();
        if imported > 0 {
            audit(&mut tx, org, Some(actor), "directory_imported", &org_name, json!({ "count": imported })).await?;
        }
        self.commit(tx).await?;
        Ok(results)
    }

    async fn remove_directory_entry(&self, org: OrgId, entry: DirectoryEntryId, actor: PersonId) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let row =
            sqlx::query(concat!("SELECT ", entry_columns!(), " FROM directory_entries WHERE id = ? AND org_id = ?"))
                .bind(entry.0)
                .bind(org.0)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(AppError::code(ErrorCode::NotFound))?;
        let removed = entry_from_row(&row)?;
        let person = removed.person_id;
        // Rule 10: whoever is signed in to it leaves the organization at once.
        conversations::leave_org(&mut tx, org, entry, person, RevocationReason::RemovedFromDirectory).await?;
        announce_entry_change(&mut tx, entry, person).await?;
        if let Some(person) = person {
            let revoked = Event::OrgRevoked { org_id: org, reason: RevocationReason::RemovedFromDirectory };
            events::append(&mut tx, &[person], &revoked).await?;
            events::append(&mut tx, &[person], &Event::MeChanged).await?;
        }
        // Its remaining memberships (org chats) go with it.
        sqlx::query("DELETE FROM directory_entries WHERE id = ?").bind(entry.0).execute(&mut *tx).await?;
        audit(
            &mut tx,
            org,
            Some(actor),
            "directory_entry_removed",
            &removed.email,
            json!({ "display_name": removed.display_name, "alias": removed.alias, "signed_in": person.is_some() }),
        )
        .await?;
        self.commit(tx).await
    }

    async fn audit_log(&self, org: OrgId, limit: u32) -> StoreResult<Vec<AuditEntry>> {
        let rows = sqlx::query(
            "SELECT a.id, a.action, a.target, a.detail, a.at,
                    p.id AS person_id, p.handle, p.display_name
             FROM audit_log a LEFT JOIN persons p ON p.id = a.actor_id
             WHERE a.org_id = ? ORDER BY a.id DESC LIMIT ?",
        )
        .bind(org.0)
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        let mut entries = Vec::with_capacity(rows.len());
        for row in rows {
            let actor = match row.try_get::<Option<i64>, _>("person_id")? {
                Some(id) => Some(Person {
                    id: PersonId(id),
                    handle: row.try_get("handle")?,
                    display_name: row.try_get("display_name")?,
                }),
                None => None,
            };
            let detail: String = row.try_get("detail")?;
            entries.push(AuditEntry {
                id: AuditId(row.try_get("id")?),
                actor,
                action: row.try_get("action")?,
                target: row.try_get("target")?,
                detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::Null),
                at: row.try_get("at")?,
            });
        }
        Ok(entries)
    }
}
