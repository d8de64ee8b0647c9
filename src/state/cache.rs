//! The device cache as the running app uses it: opening the signed-in
//! person's containers, fetching the organization keys the server hands out,
//! and one queue through which every write to the cache goes, in order (so a
//! wipe is never undone by a write that started before it).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;

use leptos::task::spawn_local;
use samtal_core::api::{CacheKeys, Me};
use samtal_core::{EventId, PersonId};

use crate::api::{self, ClientError};
/// The open containers of the signed-in person, if any.
pub use crate::storage::current as device;
use crate::storage::{Device, StorageError, current, open_for, set_current};
use crate::sync::CacheEffect;

/// Where the id of the last person signed in on this browser is kept, so an
/// offline start knows whose containers to open. An id, not a secret.
const LAST_PERSON: &str = "samtal.person";

type Job = Pin<Box<dyn Future<Output = ()>>>;

thread_local! {
    static QUEUE: RefCell<VecDeque<Job>> = const { RefCell::new(VecDeque::new()) };
    static DRAINING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `job` after every cache write queued before it. A failure is logged:
/// the cache is a copy, and the server stays the truth.
pub fn write(job: impl Future<Output = Result<(), StorageError>> + 'static) {
    QUEUE.with(|q| {
        q.borrow_mut().push_back(Box::pin(async move {
            if let Err(error) = job.await {
                log::warn!("updating the offline cache: {error}");
            }
        }))
    });
    if DRAINING.with(|d| d.replace(true)) {
        return;
    }
    spawn_local(async {
        while let Some(job) = QUEUE.with(|q| q.borrow_mut().pop_front()) {
            job.await;
        }
        DRAINING.with(|d| d.set(false));
    });
}

/// Resolves once every write queued so far is done: a read after it sees
/// them (a group just left is not read back from the cache).
pub async fn settled() {
    let (done, wait) = futures_channel::oneshot::channel::<()>();
    write(async move {
        let _ = done.send(());
        Ok(())
    });
    let _ = wait.await;
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The person last signed in on this browser, if any.
pub fn last_person() -> Option<PersonId> {
    local_storage()?.get_item(LAST_PERSON).ok().flatten()?.parse().ok()
}

fn remember_person(person: Option<PersonId>) {
    if let Some(storage) = local_storage() {
        let _ = match person {
            Some(person) => storage.set_item(LAST_PERSON, &person.to_string()),
            None => storage.remove_item(LAST_PERSON),
        };
    }
}

/// The time now, in milliseconds since the epoch.
pub fn now() -> samtal_core::Millis {
    js_sys::Date::now() as samtal_core::Millis
}

/// Opens the containers of `person` (unless they are open already),
/// dropping lapsed organization keys first.
pub async fn open(person: PersonId) -> Option<Device> {
    if let Some(device) = current().filter(|d| d.person() == person) {
        return Some(device);
    }
    match open_for(person).await {
        Ok(device) => {
            remember_person(Some(person));
            if let Err(error) = device.expire_lapsed(now()).await {
                log::warn!("checking offline keys: {error}");
            }
            set_current(Some(device.clone()));
            Some(device)
        }
        Err(error) => {
            log::warn!("opening the offline cache: {error}");
            None
        }
    }
}

/// Signed in online: opens the person's containers and keeps who they are.
/// With `keys` (fetched beside `me`), the organization containers follow
/// them before this resolves, so the first screens can keep what they show;
/// otherwise they are fetched when the event socket opens.
pub async fn signed_in(me: Me, keys: Option<Result<CacheKeys, ClientError>>) {
    let Some(mut device) = open(me.person.id).await else { return };
    // A cache made with another database (one reset since) holds other
    // data under the same ids, and a cursor that means nothing here.
    if let Ok(Some(cached)) = device.me().await
        && cached.installation != me.installation
    {
        set_current(None);
        if let Err(error) = device.wipe_all().await {
            log::warn!("deleting a cache of another server: {error}");
        }
        let Some(fresh) = open(me.person.id).await else { return };
        device = fresh;
    }
    let kept = device.clone();
    write(async move { kept.put_me(&me).await });
    if let Some(keys) = keys {
        apply_keys(device, keys).await;
    }
}

/// The person as cached by the last online visit, for an offline start.
pub async fn cached_me() -> Option<Me> {
    let person = last_person()?;
    let device = open(person).await?;
    device.me().await.ok().flatten()
}

/// Queues `put`, which answers whether something it was given found no
/// container yet (its organization's key is not on the device); then the
/// keys are fetched and `put` is queued once more.
pub fn write_with_keys<Put, PutFut>(device: Device, put: Put)
where
    Put: Fn(Device) -> PutFut + 'static,
    PutFut: Future<Output = Result<bool, StorageError>> + 'static,
{
    spawn_local(async move {
        let (done, missing) = futures_channel::oneshot::channel();
        let first = put(device.clone());
        write(async move {
            let result = first.await;
            let _ = done.send(result.as_ref().copied().unwrap_or(false));
            result.map(|_| ())
        });
        // Fetching the keys queues a write of its own: it must not run
        // inside a queued job, which would wait for itself.
        if missing.await == Ok(true) {
            refresh_keys(device.clone()).await;
            let again = put(device);
            write(async move { again.await.map(|_| ()) });
        }
    });
}

/// Asks the server which organization keys the person holds now and applies
/// the answer: new organizations get a container, those whose key is not
/// handed out any more are wiped. Offline nothing changes.
pub async fn refresh_keys(device: Device) {
    apply_keys(device, api::me::cache_keys().await).await;
}

/// Applies an answer of `GET /api/me/cache-keys` (see [`refresh_keys`]),
/// resolving once the containers follow it.
pub async fn apply_keys(device: Device, answer: Result<CacheKeys, ClientError>) {
    match answer {
        Ok(answer) => {
            let (done, wait) = futures_channel::oneshot::channel::<()>();
            write(async move {
                let result = device.apply_keys(&answer, now()).await.map(|wiped| {
                    for org in wiped {
                        log::info!("deleted the offline data of organization {org}");
                    }
                });
                let _ = done.send(());
                result
            });
            let _ = wait.await;
        }
        Err(ClientError::Network) => {}
        Err(error) => log::warn!("fetching the offline keys: {}", error.human()),
    }
}

/// Signing out: every container of the person goes, and the browser forgets them.
pub fn signed_out() {
    let device = current();
    let last = last_person();
    set_current(None);
    remember_person(None);
    match (device, last) {
        (Some(device), _) => write(async move { device.wipe_all().await }),
        // The session ended while the page was closed: nothing is open, but
        // the last person's data is still on the device.
        (None, Some(person)) => write(async move { open_for(person).await?.wipe_all().await }),
        (None, None) => {}
    }
}

/// Applies one event's effect to the cache, then moves the stored cursor past
/// it: the cursor never runs ahead of what the cache reflects.
pub fn keep_event(effect: CacheEffect, id: EventId) {
    let Some(device) = device() else { return };
    if effect == CacheEffect::RefreshKeys {
        spawn_local(refresh_keys(device.clone()));
    }
    write(async move {
        match effect {
            CacheEffect::AddMessage(message) => {
                device.put_messages(message.conversation_id, std::slice::from_ref(&message), None, &[]).await?
            }
            CacheEffect::ChangeMessage(message) => device.change_message(&message).await?,
            CacheEffect::RemoveMessage(conversation, message) => device.remove_message(conversation, message).await?,
            CacheEffect::ReadMarker(id, marker) => device.put_messages(id, &[], None, &[marker]).await?,
            CacheEffect::WipeConversation(id) => device.wipe_conversation(id).await?,
            CacheEffect::WipeOrg(org) => device.wipe_org(org).await?,
            CacheEffect::RefreshKeys | CacheEffect::None => {}
        }
        device.put_cursor(id).await
    });
}
