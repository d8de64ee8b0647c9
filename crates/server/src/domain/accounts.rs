//! People, work accounts and contacts.

use samtal_core::api::{Contact, DirectoryAttributes, EmailSettings, OrgRef, Person, Role, SearchResult, WorkAccount};
use samtal_core::events::{Event, RevocationReason};
use samtal_core::rules::Viewer;
use samtal_core::{DirectoryEntryId, ErrorCode, Lang, OrgId, PersonId};

use super::Domain;
use super::membership::{announce_entry_change, leave_org};
use super::support::append;
use crate::error::{AppError, AppResult};
use crate::store::directory::WorkAccountCandidate;
use crate::store::{Constraint, StoreError, searchable};
use crate::time::now_ms;

/// What `GET /api/me` shows about a person besides the person itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountFacts {
    /// The work account they are signed in to, if any.
    pub work_account: Option<WorkAccount>,
    /// Organizations they administer.
    pub admin_orgs: Vec<OrgRef>,
    /// Missed-message e-mails are on.
    pub email_enabled: bool,
    /// Their own delay; `None` means the server's default.
    pub email_delay_minutes: Option<u32>,
    /// The language they chose in Me, if any.
    pub language: Option<Lang>,
    /// The identity of this database (see [`samtal_core::api::Me::installation`]).
    pub installation: String,
}

impl Domain {
    /// Creates a person; `HandleTaken` if the handle is in use.
    pub async fn create_person(&self, handle: &str, display_name: &str, password_hash: &str) -> AppResult<Person> {
        let mut tx = self.write().await?;
        let id = match tx.insert_person(handle, display_name, password_hash, now_ms()).await {
            Ok(id) => id,
            Err(StoreError::Violation(Constraint::PersonHandle)) => return Err(ErrorCode::HandleTaken.into()),
            Err(e) => return Err(e.into()),
        };
        self.commit(tx).await?;
        Ok(Person { id, handle: handle.to_owned(), display_name: display_name.to_owned() })
    }

    /// A person by handle, with their password hash.
    pub async fn person_by_handle(&self, handle: &str) -> AppResult<Option<(Person, String)>> {
        Ok(self.read().await?.person_by_handle(handle).await?)
    }

    /// A person by id.
    pub async fn person(&self, id: PersonId) -> AppResult<Option<Person>> {
        Ok(self.read().await?.person(id).await?)
    }

    /// The person of a live session and the facts the rules need about
    /// them: their current work account (of an enabled organization; rule 9)
    /// and the organizations they administer. Every signed-in request asks
    /// this, so it reads in one snapshot.
    pub async fn signed_in(&self, token_hash: &str) -> AppResult<Option<(Person, Viewer)>> {
        let mut tx = self.read().await?;
        let now = now_ms();
        let Some((person, last_seen)) = tx.session_person(token_hash, now).await? else { return Ok(None) };
        let work_org = tx.enabled_work_org(person.id).await?;
        let admin_of = tx.admin_orgs(person.id).await?.into_iter().map(|o| o.id).collect();
        drop(tx);
        // Only the list of sessions reads it: a failure to note it must not refuse the request.
        if let Err(e) = self.seen(token_hash, last_seen, now).await {
            tracing::warn!(error = %e, "could not note when a session was last seen");
        }
        let viewer = Viewer { person: person.id, work_org, admin_of };
        Ok(Some((person, viewer)))
    }

    /// Work account, admin roles and e-mail setting of a person.
    pub async fn account(&self, person: PersonId) -> AppResult<AccountFacts> {
        let mut tx = self.read().await?;
        let work_account = tx.work_account(person).await?;
        let admin_orgs = tx.admin_orgs(person).await?;
        let email = tx.email_settings(person).await?;
        Ok(AccountFacts {
            work_account,
            admin_orgs,
            email_enabled: email.enabled,
            email_delay_minutes: email.delay_minutes.and_then(|m| u32::try_from(m).ok()),
            language: tx.language(person).await?.as_deref().and_then(Lang::from_tag),
            installation: tx.installation_id().await?,
        })
    }

    /// Stores a person's missed-message e-mail setting and tells their devices.
    pub async fn set_email_settings(&self, person: PersonId, settings: EmailSettings) -> AppResult<()> {
        let mut tx = self.write().await?;
        tx.set_email_settings(person, settings.enabled, i64::from(settings.delay_minutes)).await?;
        append(tx.as_mut(), &[person], &Event::MeChanged).await?;
        self.commit(tx).await
    }

    /// Stores the language a person chose in Me (`None`: each browser's
    /// own) and tells their devices, which follow it unless one chose itself.
    pub async fn set_language(&self, person: PersonId, language: Option<Lang>) -> AppResult<()> {
        let mut tx = self.write().await?;
        tx.set_language(person, language.map(Lang::code)).await?;
        append(tx.as_mut(), &[person], &Event::MeChanged).await?;
        self.commit(tx).await
    }

    /// Every directory entry with this work e-mail (one per organization at most).
    pub async fn work_account_candidates(&self, email: &str) -> AppResult<Vec<WorkAccountCandidate>> {
        Ok(self.read().await?.entries_by_email(email).await?)
    }

    /// Signs `person` in to the work account of `entry` (whose password the
    /// caller verified). Refuses a disabled organization (`OrgDisabled`), an
    /// entry someone else is signed in to, and a second work account
    /// (`Conflict`). Signing in again to the same entry changes nothing.
    pub async fn link_work_account(&self, person: PersonId, entry: DirectoryEntryId) -> AppResult<()> {
        let mut tx = self.write().await?;
        let target = tx.entry(entry).await?.ok_or(ErrorCode::NotFound)?;
        let org = tx.org(target.org_id).await?.ok_or(ErrorCode::NotFound)?;
        if !org.enabled {
            return Err(ErrorCode::OrgDisabled.into());
        }
        match target.person_id {
            Some(current) if current == person => return Ok(()),
            Some(_) => {
                return Err(AppError::msg(ErrorCode::Conflict, "Someone else is signed in to this work account."));
            }
            None => {}
        }
        if let Some(other) = tx.entry_of_person(person).await? {
            let org_name = tx.org(other.org_id).await?.map(|o| o.name).unwrap_or_default();
            return Err(AppError::msg(
                ErrorCode::Conflict,
                format!(
                    "You are signed in to the work account of {org_name}. Sign out of it first: one work account at a time."
                ),
            ));
        }
        tx.link_entry(entry, person, now_ms()).await?;

        // Where the person already took part by person (a guest before they
        // signed in), the entry's row takes over: one membership per person,
        // keeping the higher role and the further read position.
        for shadowed in tx.shadowed_memberships(person, entry).await? {
            let (own, kept) = (&shadowed.person_row, &shadowed.entry_row);
            if own.role == Role::Admin {
                tx.set_role(kept.id, own.role).await?;
            }
            tx.set_member_positions(
                kept.id,
                kept.joined_at.min(own.joined_at),
                kept.joined_seq.min(own.joined_seq),
                kept.read_seq.max(own.read_seq),
            )
            .await?;
            tx.delete_member(own.id).await?;
        }

        append(tx.as_mut(), &[person], &Event::MeChanged).await?;
        // Rule 1: once linked, they see every chat and group the entry was added to.
        for conversation in tx.entry_conversations(entry).await? {
            append(tx.as_mut(), &[person], &Event::ConversationAdded { conversation_id: conversation }).await?;
        }
        announce_entry_change(tx.as_mut(), entry, Some(person)).await?;
        self.commit(tx).await
    }

    /// Signs `person` out of their work account: they leave its organization
    /// (rule 10). `false` if they were not signed in to one.
    pub async fn unlink_work_account(&self, person: PersonId) -> AppResult<bool> {
        let mut tx = self.write().await?;
        let Some(entry) = tx.entry_of_person(person).await? else { return Ok(false) };
        let (org, entry): (OrgId, DirectoryEntryId) = (entry.org_id, entry.id);
        let reason = RevocationReason::SignedOutOfWorkAccount;
        leave_org(tx.as_mut(), org, entry, Some(person), reason).await?;
        announce_entry_change(tx.as_mut(), entry, Some(person)).await?;
        tx.unlink_entry(entry).await?;
        append(tx.as_mut(), &[person], &Event::OrgRevoked { org_id: org, reason }).await?;
        append(tx.as_mut(), &[person], &Event::MeChanged).await?;
        self.commit(tx).await?;
        Ok(true)
    }

    /// The directory attributes of the entry `person` is signed in to now.
    pub async fn directory_attributes_of(&self, person: PersonId) -> AppResult<Option<DirectoryAttributes>> {
        Ok(self.read().await?.directory_attributes(person).await?)
    }

    /// Whether `a` and `b` are both members of a conversation `org` owns.
    pub async fn shares_org_conversation(&self, a: PersonId, b: PersonId, org: OrgId) -> AppResult<bool> {
        Ok(self.read().await?.shares_org_conversation(a, b, org).await?)
    }

    /// `owner`'s contacts, by name.
    pub async fn contacts(&self, owner: PersonId) -> AppResult<Vec<Contact>> {
        Ok(self.read().await?.contacts(owner).await?)
    }

    /// Saves `person` as a contact of `owner`; `true` if it was new.
    pub async fn add_contact(&self, owner: PersonId, person: PersonId) -> AppResult<(Contact, bool)> {
        let mut tx = self.write().await?;
        let inserted = tx.insert_contact(owner, person, now_ms()).await?;
        if inserted {
            // The owner's other devices refresh their contacts.
            append(tx.as_mut(), &[owner], &Event::MeChanged).await?;
        }
        let contact = tx
            .contact(owner, person)
            .await?
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("contact {owner}->{person} vanished after saving")))?;
        self.commit(tx).await?;
        Ok((contact, inserted))
    }

    /// Removes a contact (nothing happens if it was not one).
    pub async fn remove_contact(&self, owner: PersonId, person: PersonId) -> AppResult<()> {
        let mut tx = self.write().await?;
        if tx.delete_contact(owner, person).await? {
            append(tx.as_mut(), &[owner], &Event::MeChanged).await?;
        }
        self.commit(tx).await
    }

    /// Whether `person` is a contact of `owner`.
    pub async fn is_contact(&self, owner: PersonId, person: PersonId) -> AppResult<bool> {
        Ok(self.read().await?.contact(owner, person).await?.is_some())
    }

    /// Searches people for `owner` in one snapshot: up to `limit` of their
    /// contacts whose name or handle contains `needle` (already lowercased),
    /// by name, then directory entries of `orgs` whose words start with
    /// `needle`, ranked as `DirectoryRows::search_directory` says, leaving
    /// out the owner's own entry, to fill the rest of `limit`.
    pub async fn search_people(
        &self,
        owner: PersonId,
        orgs: &[OrgId],
        needle: &str,
        limit: usize,
    ) -> AppResult<(Vec<Person>, Vec<SearchResult>)> {
        let mut tx = self.read().await?;
        // A person's contacts are few: match in Rust, where lowercasing knows Unicode.
        let contacts: Vec<Person> = tx
            .contacts(owner)
            .await?
            .into_iter()
            .map(|c| c.person)
            .filter(|p| p.display_name.to_lowercase().contains(needle) || p.handle.to_lowercase().contains(needle))
            .take(limit)
            .collect();
        let room = limit.saturating_sub(contacts.len());
        let entries = if orgs.is_empty() || !searchable(needle) || room == 0 {
            Vec::new()
        } else {
            tx.search_directory(orgs, needle, owner, u32::try_from(room).unwrap_or(u32::MAX)).await?
        };
        Ok((contacts, entries))
    }
}
