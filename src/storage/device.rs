//! Every container of the signed-in person on this device: items go to the
//! container of their owner, reads merge across containers, and access that
//! ends deletes data (rules 10 and 13).

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use samtal_core::api::{
    CacheKeys, Contact, ConversationDetail, ConversationSummary, Me, Message, Profile, ReadMarker, SearchResult,
};
use samtal_core::rules::cache_key_lapsed;
use samtal_core::{ConversationId, EventId, MessageId, Millis, OrgId, PersonId};
use serde::{Deserialize, Serialize};

use super::outbox::{OutboxItem, in_order};
use super::{
    AnyBackend, Cipher, CipherKeys, Container, IdbBackend, MemoryBackend, Owner, StorageError, StoreName,
    delete_database, keys,
};
use crate::order;

/// The most messages kept per conversation and container: the newest ones.
pub const MESSAGES_KEPT: usize = 500;

/// What is cached of one conversation's messages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CachedMessages {
    /// Oldest first.
    pub messages: Vec<Message>,
    /// The server said older messages exist before the oldest here.
    pub has_more_before: bool,
    /// Read positions, as last seen.
    pub read_markers: Vec<ReadMarker>,
}

/// Where containers live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Medium {
    /// IndexedDB: survives reloads.
    IndexedDb,
    /// Memory: for tests and browsers without IndexedDB.
    Memory,
}

/// The containers of one person. Cheap to clone; clones share them.
#[derive(Debug, Clone)]
pub struct Device {
    inner: Rc<Inner>,
}

#[derive(Debug)]
struct Inner {
    person: PersonId,
    medium: Medium,
    private: Container,
    orgs: RefCell<BTreeMap<OrgId, Container>>,
}

async fn open_backend(medium: Medium, name: &str) -> Result<AnyBackend, StorageError> {
    Ok(match medium {
        Medium::IndexedDb => AnyBackend::Idb(IdbBackend::open(name).await?),
        Medium::Memory => AnyBackend::Memory(MemoryBackend::new()),
    })
}

impl Device {
    /// Opens `person`'s containers in `medium`: the private one, and every
    /// organization's whose keys are still on the device.
    pub async fn open(person: PersonId, medium: Medium) -> Result<Device, StorageError> {
        let private =
            Container::new(Owner::Private, open_backend(medium, &Owner::Private.database_name(person)).await?);
        let known: Vec<OrgId> = private.get(StoreName::Meta, keys::ORGS).await?.unwrap_or_default();
        let device = Device { inner: Rc::new(Inner { person, medium, private, orgs: RefCell::new(BTreeMap::new()) }) };
        if medium == Medium::IndexedDb {
            for org in known {
                let name = Owner::Org(org).database_name(person);
                let backend = IdbBackend::open(&name).await?;
                match backend.stored_keys().await {
                    Ok(Some(keys)) => {
                        let container =
                            Container::new(Owner::Org(org), AnyBackend::Idb(backend.with_cipher(Cipher::new(keys))));
                        device.inner.orgs.borrow_mut().insert(org, container);
                    }
                    // Without its keys nothing in it can be read: remove it.
                    _ => {
                        backend.close();
                        delete_database(&name).await?;
                    }
                }
            }
            device.save_org_list().await?;
        }
        Ok(device)
    }

    /// The person whose data this is.
    pub fn person(&self) -> PersonId {
        self.inner.person
    }

    /// The private container.
    pub fn private(&self) -> &Container {
        &self.inner.private
    }

    /// The organizations with a container here.
    pub fn orgs(&self) -> Vec<OrgId> {
        self.inner.orgs.borrow().keys().copied().collect()
    }

    /// The container of `owner`, if there is one (an organization's exists
    /// only once its key came from the server).
    pub fn container(&self, owner: Owner) -> Option<Container> {
        match owner {
            Owner::Private => Some(self.inner.private.clone()),
            Owner::Org(org) => self.inner.orgs.borrow().get(&org).cloned(),
        }
    }

    fn all_containers(&self) -> Vec<Container> {
        let mut all = vec![self.inner.private.clone()];
        all.extend(self.inner.orgs.borrow().values().cloned());
        all
    }

    async fn save_org_list(&self) -> Result<(), StorageError> {
        self.inner.private.put(StoreName::Meta, keys::ORGS, &self.orgs()).await
    }

    // ----------------------------------------------------------- keys

    /// Takes the server's answer of which organization keys this person holds
    /// now, at `now`: opens or creates each organization's encrypted container
    /// (starting afresh when the key changed), records the confirmation, and
    /// deletes the container of every organization whose key was not handed
    /// out: the person no longer takes part in it.
    pub async fn apply_keys(&self, answer: &CacheKeys, now: Millis) -> Result<Vec<OrgId>, StorageError> {
        let handed: BTreeSet<OrgId> = answer.keys.iter().map(|k| k.org_id).collect();
        let mut wiped = Vec::new();
        for org in self.orgs() {
            if !handed.contains(&org) {
                self.wipe_org(org).await?;
                wiped.push(org);
            }
        }
        for key in &answer.keys {
            let derived = CipherKeys::from_hex(&key.key).await?;
            let current = self.container(Owner::Org(key.org_id));
            let same = match &current {
                Some(container) => match container.backend() {
                    AnyBackend::Idb(idb) => {
                        idb.stored_keys().await?.is_some_and(|k| k.fingerprint == derived.fingerprint)
                    }
                    AnyBackend::Memory(_) => true,
                },
                None => false,
            };
            if !same {
                if current.is_some() {
                    self.wipe_org(key.org_id).await?;
                }
                self.create_org_container(key.org_id, derived).await?;
            }
            if let Some(container) = self.container(Owner::Org(key.org_id)) {
                container.put(StoreName::Meta, keys::CONFIRMED_AT, &now).await?;
                container.put(StoreName::Meta, keys::LIMIT_MS, &key.offline_limit_ms).await?;
            }
        }
        self.save_org_list().await?;
        Ok(wiped)
    }

    async fn create_org_container(&self, org: OrgId, keys: CipherKeys) -> Result<(), StorageError> {
        let backend = match self.inner.medium {
            Medium::IndexedDb => {
                let name = Owner::Org(org).database_name(self.inner.person);
                let idb = IdbBackend::open(&name).await?;
                idb.store_keys(&keys).await?;
                AnyBackend::Idb(idb.with_cipher(Cipher::new(keys)))
            }
            Medium::Memory => AnyBackend::Memory(MemoryBackend::new()),
        };
        self.inner.orgs.borrow_mut().insert(org, Container::new(Owner::Org(org), backend));
        Ok(())
    }

    /// Deletes every organization container whose key has gone unconfirmed
    /// longer than its organization allows; returns which.
    pub async fn expire_lapsed(&self, now: Millis) -> Result<Vec<OrgId>, StorageError> {
        let mut expired = Vec::new();
        for org in self.orgs() {
            let Some(container) = self.container(Owner::Org(org)) else { continue };
            let confirmed: Option<Millis> = container.get(StoreName::Meta, keys::CONFIRMED_AT).await?;
            let limit: Option<Millis> = container.get(StoreName::Meta, keys::LIMIT_MS).await?;
            let lapsed = match (confirmed, limit) {
                (Some(confirmed), Some(limit)) => cache_key_lapsed(now, confirmed, limit),
                _ => true,
            };
            if lapsed {
                self.wipe_org(org).await?;
                expired.push(org);
            }
        }
        Ok(expired)
    }

    // ---------------------------------------------------------- wipes

    /// Deletes an organization's container and everything in it.
    pub async fn wipe_org(&self, org: OrgId) -> Result<(), StorageError> {
        let removed = self.inner.orgs.borrow_mut().remove(&org);
        if let Some(container) = removed
            && let AnyBackend::Idb(idb) = container.backend()
        {
            idb.close();
        }
        if self.inner.medium == Medium::IndexedDb {
            delete_database(&Owner::Org(org).database_name(self.inner.person)).await?;
        }
        self.save_org_list().await
    }

    /// Deletes everything of one conversation, in every container.
    pub async fn wipe_conversation(&self, id: ConversationId) -> Result<(), StorageError> {
        let key = keys::conversation(id);
        for container in self.all_containers() {
            for store in [StoreName::Conversations, StoreName::Details, StoreName::Messages] {
                container.delete(store, &key).await?;
            }
            for (record, item) in container.all::<OutboxItem>(StoreName::Outbox).await? {
                if item.conversation_id == id {
                    container.delete(StoreName::Outbox, &record).await?;
                }
            }
        }
        Ok(())
    }

    /// Deletes every container of the person (signing out).
    pub async fn wipe_all(&self) -> Result<(), StorageError> {
        for org in self.orgs() {
            self.wipe_org(org).await?;
        }
        if let AnyBackend::Idb(idb) = self.inner.private.backend() {
            idb.close();
            delete_database(idb.name()).await?;
            // Anything of the person's left behind by an interrupted wipe goes too.
            let prefix = super::owner::database_prefix(self.inner.person);
            for name in super::idb::database_names().await? {
                if name.starts_with(&prefix) {
                    delete_database(&name).await?;
                }
            }
        }
        Ok(())
    }

    // --------------------------------------------------- the person

    /// Who was signed in when last online.
    pub async fn me(&self) -> Result<Option<Me>, StorageError> {
        self.inner.private.get(StoreName::Meta, keys::ME).await
    }

    /// Keeps who is signed in.
    pub async fn put_me(&self, me: &Me) -> Result<(), StorageError> {
        self.inner.private.put(StoreName::Meta, keys::ME, me).await
    }

    /// The id of the last event applied to this cache.
    pub async fn cursor(&self) -> Result<Option<EventId>, StorageError> {
        self.inner.private.get(StoreName::Meta, keys::CURSOR).await
    }

    /// Moves the stored cursor to `id`.
    pub async fn put_cursor(&self, id: EventId) -> Result<(), StorageError> {
        self.inner.private.put(StoreName::Meta, keys::CURSOR, &id).await
    }

    // -------------------------------------------------- conversations

    /// Every cached conversation row, from every container.
    pub async fn conversations(&self) -> Result<Vec<ConversationSummary>, StorageError> {
        let mut list = Vec::new();
        for container in self.all_containers() {
            list.extend(
                container.all::<ConversationSummary>(StoreName::Conversations).await?.into_iter().map(|(_, s)| s),
            );
        }
        Ok(list)
    }

    /// Replaces the cached list with the server's: each row in its owner's
    /// container, rows no longer listed removed. Returns the organizations
    /// that own listed rows but have no container yet (their key is needed).
    pub async fn put_conversations(&self, list: &[ConversationSummary]) -> Result<Vec<OrgId>, StorageError> {
        let mut missing = BTreeSet::new();
        let mut by_owner: BTreeMap<Owner, Vec<&ConversationSummary>> = BTreeMap::new();
        for summary in list {
            by_owner.entry(Owner::of_conversation(summary)).or_default().push(summary);
        }
        for container in self.all_containers() {
            let rows = by_owner.remove(&container.owner()).unwrap_or_default();
            let keep: BTreeSet<String> = rows.iter().map(|s| keys::conversation(s.id)).collect();
            for (key, _) in container.all::<serde_json::Value>(StoreName::Conversations).await? {
                if !keep.contains(&key) {
                    container.delete(StoreName::Conversations, &key).await?;
                }
            }
            for summary in rows {
                container.put(StoreName::Conversations, &keys::conversation(summary.id), summary).await?;
            }
        }
        for owner in by_owner.keys() {
            if let Owner::Org(org) = owner {
                missing.insert(*org);
            }
        }
        Ok(missing.into_iter().collect())
    }

    /// A conversation's cached profile.
    pub async fn detail(&self, id: ConversationId) -> Result<Option<ConversationDetail>, StorageError> {
        for container in self.all_containers() {
            if let Some(detail) = container.get(StoreName::Details, &keys::conversation(id)).await? {
                return Ok(Some(detail));
            }
        }
        Ok(None)
    }

    /// Keeps a conversation's profile (and its row) in its owner's container;
    /// `false` when that container does not exist yet.
    pub async fn put_detail(&self, detail: &ConversationDetail) -> Result<bool, StorageError> {
        let owner = Owner::of_conversation(&detail.summary);
        let Some(container) = self.container(owner) else { return Ok(false) };
        let key = keys::conversation(detail.summary.id);
        // A private group converted since: its profile moves to the organization.
        if owner != Owner::Private {
            self.inner.private.delete(StoreName::Details, &key).await?;
            self.inner.private.delete(StoreName::Conversations, &key).await?;
        }
        container.put(StoreName::Details, &key, detail).await?;
        container.put(StoreName::Conversations, &key, &detail.summary).await?;
        Ok(true)
    }

    /// A conversation's cached messages, merged from every container, oldest first.
    pub async fn messages(&self, id: ConversationId) -> Result<Option<CachedMessages>, StorageError> {
        let mut merged: Option<CachedMessages> = None;
        for container in self.all_containers() {
            let Some(part) = container.get::<CachedMessages>(StoreName::Messages, &keys::conversation(id)).await?
            else {
                continue;
            };
            let whole = merged.get_or_insert_with(CachedMessages::default);
            whole.messages.extend(part.messages);
            whole.has_more_before |= part.has_more_before;
            for marker in part.read_markers {
                merge_marker(&mut whole.read_markers, marker);
            }
        }
        if let Some(whole) = merged.as_mut() {
            order::sort_by_key(&mut whole.messages, |m| order::numbers(m.seq, 0));
            whole.messages.dedup_by_key(|m| m.id);
        }
        Ok(merged)
    }

    /// Adds `messages` of conversation `id` to the cache, each in the
    /// container of its owner, with what the server said about older ones
    /// (`None`: unchanged) and read markers. Messages of an organization
    /// without a container are left out.
    pub async fn put_messages(
        &self,
        id: ConversationId,
        messages: &[Message],
        has_more_before: Option<bool>,
        read_markers: &[ReadMarker],
    ) -> Result<(), StorageError> {
        let mut by_owner: BTreeMap<Owner, Vec<Message>> = BTreeMap::new();
        for message in messages.iter().filter(|m| m.conversation_id == id) {
            by_owner.entry(Owner::of_message(message)).or_default().push(message.clone());
        }
        // Markers and the "more before" answer go to every container holding
        // part of the conversation.
        let key = keys::conversation(id);
        for container in self.all_containers() {
            let incoming = by_owner.remove(&container.owner()).unwrap_or_default();
            let existing: Option<CachedMessages> = container.get(StoreName::Messages, &key).await?;
            if existing.is_none() && incoming.is_empty() {
                continue;
            }
            // A conversation first met through a single message: what came
            // before it is unknown, so assume there is more.
            let mut record = existing.unwrap_or(CachedMessages {
                has_more_before: has_more_before.unwrap_or(true),
                ..CachedMessages::default()
            });
            for message in incoming {
                match record.messages.binary_search_by_key(&message.seq, |m| m.seq) {
                    Ok(at) => record.messages[at] = message,
                    Err(at) => record.messages.insert(at, message),
                }
            }
            if record.messages.len() > MESSAGES_KEPT {
                let excess = record.messages.len() - MESSAGES_KEPT;
                record.messages.drain(..excess);
                record.has_more_before = true;
            } else if let Some(more) = has_more_before {
                record.has_more_before = more;
            }
            for marker in read_markers {
                merge_marker(&mut record.read_markers, marker.clone());
            }
            container.put(StoreName::Messages, &key, &record).await?;
        }
        Ok(())
    }

    /// Replaces a kept message with its new view (edited, deleted for
    /// everyone, reacted to), and makes the kept replies quoting it follow.
    /// A message not kept is left out: the next page brings it.
    pub async fn change_message(&self, changed: &Message) -> Result<(), StorageError> {
        self.update_kept(changed.conversation_id, |messages| {
            let mut touched = false;
            for message in messages.iter_mut() {
                if message.id == changed.id {
                    *message = changed.clone();
                    touched = true;
                } else {
                    touched |= message.follow_quoted(changed);
                }
            }
            touched
        })
        .await
    }

    /// Forgets a kept message (the person hid it on their devices).
    pub async fn remove_message(&self, conversation: ConversationId, id: MessageId) -> Result<(), StorageError> {
        self.update_kept(conversation, |messages| {
            let before = messages.len();
            messages.retain(|m| m.id != id);
            messages.len() != before
        })
        .await
    }

    /// Runs `change` on the kept messages of `conversation` in every
    /// container, writing back those it says it changed.
    async fn update_kept(
        &self,
        conversation: ConversationId,
        change: impl Fn(&mut Vec<Message>) -> bool,
    ) -> Result<(), StorageError> {
        let key = keys::conversation(conversation);
        for container in self.all_containers() {
            let Some(mut record) = container.get::<CachedMessages>(StoreName::Messages, &key).await? else { continue };
            if change(&mut record.messages) {
                container.put(StoreName::Messages, &key, &record).await?;
            }
        }
        Ok(())
    }

    // ---------------------------------------------- people and search

    /// The cached contacts.
    pub async fn contacts(&self) -> Result<Option<Vec<Contact>>, StorageError> {
        self.inner.private.get(StoreName::Contacts, keys::CONTACTS).await
    }

    /// Keeps the contacts (private data).
    pub async fn put_contacts(&self, contacts: &[Contact]) -> Result<(), StorageError> {
        self.inner.private.put(StoreName::Contacts, keys::CONTACTS, contacts).await
    }

    /// A cached profile.
    pub async fn profile(&self, person: PersonId) -> Result<Option<Profile>, StorageError> {
        for container in self.all_containers().into_iter().rev() {
            if let Some(profile) = container.get(StoreName::Profiles, &keys::person(person)).await? {
                return Ok(Some(profile));
            }
        }
        Ok(None)
    }

    /// Keeps a profile in the container of the organization whose directory
    /// attributes it shows, or the private one.
    pub async fn put_profile(&self, profile: &Profile) -> Result<bool, StorageError> {
        let key = keys::person(profile.person.id);
        let owner = Owner::of_profile(profile);
        let Some(container) = self.container(owner) else { return Ok(false) };
        for other in self.all_containers() {
            if other.owner() != owner {
                other.delete(StoreName::Profiles, &key).await?;
            }
        }
        container.put(StoreName::Profiles, &key, profile).await?;
        Ok(true)
    }

    /// The cached answer to a search, merged from every container.
    pub async fn search(&self, query: &str) -> Result<Option<Vec<SearchResult>>, StorageError> {
        let key = keys::search(query);
        let mut found: Option<Vec<SearchResult>> = None;
        for container in self.all_containers() {
            if let Some(part) = container.get::<Vec<SearchResult>>(StoreName::Search, &key).await? {
                found.get_or_insert_with(Vec::new).extend(part);
            }
        }
        Ok(found)
    }

    /// Keeps a search answer: directory results in their organization's
    /// container (left out where there is none), contacts in the private one.
    pub async fn put_search(&self, query: &str, results: &[SearchResult]) -> Result<(), StorageError> {
        let key = keys::search(query);
        let mut by_owner: BTreeMap<Owner, Vec<&SearchResult>> = BTreeMap::new();
        for result in results {
            by_owner.entry(Owner::of_search_result(result)).or_default().push(result);
        }
        for container in self.all_containers() {
            match by_owner.remove(&container.owner()) {
                Some(part) => container.put(StoreName::Search, &key, &part).await?,
                None => container.delete(StoreName::Search, &key).await?,
            }
        }
        Ok(())
    }

    // --------------------------------------------------------- outbox

    /// Every queued message, in the order they go out.
    pub async fn outbox(&self) -> Result<Vec<OutboxItem>, StorageError> {
        let mut items = Vec::new();
        for container in self.all_containers() {
            items.extend(container.all::<OutboxItem>(StoreName::Outbox).await?.into_iter().map(|(_, i)| i));
        }
        in_order(&mut items);
        Ok(items)
    }

    /// Queues (or updates) a message in the container of `owner`, its
    /// conversation's owner; `false` when that container does not exist.
    pub async fn put_outbox(&self, owner: Owner, item: &OutboxItem) -> Result<bool, StorageError> {
        let Some(container) = self.container(owner) else { return Ok(false) };
        container.put(StoreName::Outbox, &item.key(), item).await?;
        Ok(true)
    }

    /// Updates a queued message wherever it is kept.
    pub async fn update_outbox(&self, item: &OutboxItem) -> Result<(), StorageError> {
        for container in self.all_containers() {
            if container.get::<serde_json::Value>(StoreName::Outbox, &item.key()).await?.is_some() {
                container.put(StoreName::Outbox, &item.key(), item).await?;
            }
        }
        Ok(())
    }

    /// Removes a queued message (the server stored it, or the person gave it up).
    pub async fn remove_outbox(&self, item: &OutboxItem) -> Result<(), StorageError> {
        for container in self.all_containers() {
            container.delete(StoreName::Outbox, &item.key()).await?;
        }
        Ok(())
    }
}

fn merge_marker(markers: &mut Vec<ReadMarker>, marker: ReadMarker) {
    match markers.iter_mut().find(|m| m.person_id == marker.person_id) {
        Some(known) => known.seq = known.seq.max(marker.seq),
        None => markers.push(marker),
    }
}

thread_local! {
    /// The signed-in person's open containers: one page, one person.
    static CURRENT: RefCell<Option<Device>> = const { RefCell::new(None) };
}

/// The open containers of the signed-in person, if any.
pub fn current() -> Option<Device> {
    CURRENT.with(|c| c.borrow().clone())
}

/// Makes `device` the open one (`None`: nobody's).
pub fn set_current(device: Option<Device>) {
    CURRENT.with(|c| *c.borrow_mut() = device);
}

/// Opens `person`'s containers where this browser keeps them best.
pub async fn open_for(person: PersonId) -> Result<Device, StorageError> {
    let has_idb = web_sys::window().is_some_and(|w| w.indexed_db().ok().flatten().is_some());
    Device::open(person, if has_idb { Medium::IndexedDb } else { Medium::Memory }).await
}

/// Containers in memory only, for `person`: for tests, and where the
/// browser keeps no IndexedDB.
pub fn memory_device(person: PersonId) -> Device {
    let private = Container::new(Owner::Private, AnyBackend::Memory(MemoryBackend::new()));
    Device { inner: Rc::new(Inner { person, medium: Medium::Memory, private, orgs: RefCell::new(BTreeMap::new()) }) }
}
