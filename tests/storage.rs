//! The browser cache, in headless Chromium: one suite run against every
//! backend (memory, IndexedDB plain, IndexedDB encrypted), then the device's
//! containers: routing by owner, merging, wiping, lapsing keys, and that an
//! organization's container holds nothing readable.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod support;

use samtal_core::api::{CacheKey, CacheKeys, ConversationSummary, MessageOwner, OrgRef, ReadMarker, Scope};
use samtal_core::{ConversationId, MessageId, OrgId, PersonId};
use samtal_web::storage::outbox::{OutboxItem, OutboxState};
use samtal_web::storage::{
    AnyBackend, Backend, Cipher, CipherKeys, Device, IdbBackend, Medium, MemoryBackend, Owner, StoreName,
    delete_database,
};
use support::{NOW, sample_conversations, text_message};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const KEY_A: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
const KEY_B: &str = "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf";

/// A person id no other test (or earlier run in this browser profile) uses.
fn fresh_person() -> PersonId {
    PersonId(js_sys::Date::now() as i64 * 1000 + (js_sys::Math::random() * 1000.0) as i64)
}

fn unique_name(what: &str) -> String {
    format!("samtal-test-{what}-{}", fresh_person())
}

// ------------------------------------------------------------ the suite

/// What every backend must do.
async fn backend_suite(backend: &impl Backend) {
    assert_eq!(backend.get(StoreName::Meta, "missing").await.unwrap(), None);
    backend.put(StoreName::Meta, "a", "\"one\"").await.unwrap();
    backend.put(StoreName::Conversations, "a", "{\"other\":\"store\"}").await.unwrap();
    assert_eq!(backend.get(StoreName::Meta, "a").await.unwrap().as_deref(), Some("\"one\""));
    // Stores are separate namespaces.
    assert_eq!(backend.get(StoreName::Conversations, "a").await.unwrap().as_deref(), Some("{\"other\":\"store\"}"));
    // Putting again replaces.
    backend.put(StoreName::Meta, "a", "\"två ✓\"").await.unwrap();
    assert_eq!(backend.get(StoreName::Meta, "a").await.unwrap().as_deref(), Some("\"två ✓\""));
    backend.put(StoreName::Meta, "b", "2").await.unwrap();
    let mut all = backend.all(StoreName::Meta).await.unwrap();
    all.sort();
    assert_eq!(all, vec![("a".to_owned(), "\"två ✓\"".to_owned()), ("b".to_owned(), "2".to_owned())]);
    backend.delete(StoreName::Meta, "a").await.unwrap();
    backend.delete(StoreName::Meta, "never there").await.unwrap();
    assert_eq!(backend.get(StoreName::Meta, "a").await.unwrap(), None);
    backend.clear(StoreName::Meta).await.unwrap();
    assert!(backend.all(StoreName::Meta).await.unwrap().is_empty());
    assert!(backend.get(StoreName::Conversations, "a").await.unwrap().is_some(), "clear empties one store only");
    // Long values and many keys.
    let long = format!("\"{}\"", "x".repeat(100_000));
    for i in 0..50 {
        backend.put(StoreName::Messages, &format!("k{i}"), &long).await.unwrap();
    }
    assert_eq!(backend.all(StoreName::Messages).await.unwrap().len(), 50);
    assert_eq!(backend.get(StoreName::Messages, "k49").await.unwrap().map(|v| v.len()), Some(long.len()));
}

#[wasm_bindgen_test]
async fn memory_backend_passes_the_suite() {
    backend_suite(&MemoryBackend::new()).await;
}

#[wasm_bindgen_test]
async fn plain_indexeddb_passes_the_suite() {
    let name = unique_name("plain");
    let backend = IdbBackend::open(&name).await.unwrap();
    backend_suite(&backend).await;
    backend.close();
    delete_database(&name).await.unwrap();
}

async fn encrypted(name: &str, key: &str) -> IdbBackend {
    let keys = CipherKeys::from_hex(key).await.unwrap();
    IdbBackend::open(name).await.unwrap().with_cipher(Cipher::new(keys))
}

#[wasm_bindgen_test]
async fn encrypted_indexeddb_passes_the_suite() {
    let name = unique_name("sealed");
    let backend = encrypted(&name, KEY_A).await;
    backend_suite(&backend).await;
    backend.close();
    delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn indexeddb_keeps_values_across_connections() {
    let name = unique_name("reopen");
    let backend = encrypted(&name, KEY_A).await;
    backend.put(StoreName::Details, "7", "{\"title\":\"Launch\"}").await.unwrap();
    backend.close();
    let again = encrypted(&name, KEY_A).await;
    assert_eq!(again.get(StoreName::Details, "7").await.unwrap().as_deref(), Some("{\"title\":\"Launch\"}"));
    // Another key can't read it: the record fails to open instead of leaking.
    let wrong = encrypted(&name, KEY_B).await;
    assert_eq!(wrong.get(StoreName::Details, "7").await.unwrap(), None, "under another key the record is not found");
    assert!(wrong.all(StoreName::Details).await.is_err(), "and listing fails to decrypt it");
    again.close();
    wrong.close();
    delete_database(&name).await.unwrap();
}

// ------------------------------------------------------ raw IndexedDB

/// Every value and key of every store of database `name`, as the browser
/// holds them, rendered to text (bytes as Latin-1, so any plaintext shows).
async fn raw_dump(name: &str) -> String {
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let request = factory.open(name).unwrap();
    let opened = js_sys::Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    JsFuture::from(opened).await.unwrap();
    let db: web_sys::IdbDatabase = request.result().unwrap().unchecked_into();
    let names = db.object_store_names();
    let mut dump = String::new();
    for i in 0..names.length() {
        let store_name = names.item(i).unwrap();
        let tx = db.transaction_with_str(&store_name).unwrap();
        let store = tx.object_store(&store_name).unwrap();
        for request in [store.get_all().unwrap(), store.get_all_keys().unwrap()] {
            let done = js_sys::Promise::new(&mut |resolve, reject| {
                request.set_onsuccess(Some(&resolve));
                request.set_onerror(Some(&reject));
            });
            JsFuture::from(done).await.unwrap();
            let values: js_sys::Array = request.result().unwrap().unchecked_into();
            for value in values.iter() {
                if let Some(bytes) = value.dyn_ref::<js_sys::Uint8Array>() {
                    dump.extend(bytes.to_vec().into_iter().map(char::from));
                } else if let Some(text) = value.as_string() {
                    dump.push_str(&text);
                } else {
                    dump.push_str(&js_sys::JSON::stringify(&value).map(String::from).unwrap_or_default());
                }
                dump.push('\n');
            }
        }
    }
    db.close();
    dump
}

async fn database_names() -> Vec<String> {
    samtal_web::storage::database_names().await.unwrap()
}

#[wasm_bindgen_test]
async fn an_encrypted_container_holds_no_plaintext_keys_or_values() {
    let name = unique_name("raw");
    let backend = encrypted(&name, KEY_A).await;
    backend.put(StoreName::Messages, "conversation-42", "{\"text\":\"the secret launch date\"}").await.unwrap();
    backend.close();
    let dump = raw_dump(&name).await;
    assert!(!dump.is_empty(), "the record is there");
    assert!(!dump.contains("secret launch"), "no value in the clear");
    assert!(!dump.contains("conversation-42"), "no key in the clear");
    delete_database(&name).await.unwrap();

    let plain_name = unique_name("raw-plain");
    let plain = IdbBackend::open(&plain_name).await.unwrap();
    plain.put(StoreName::Messages, "conversation-42", "{\"text\":\"the secret launch date\"}").await.unwrap();
    plain.close();
    assert!(raw_dump(&plain_name).await.contains("secret launch"), "the check itself can see plaintext");
    delete_database(&plain_name).await.unwrap();
}

// ------------------------------------------------------------- device

fn keys_for(orgs: &[(i64, &str)]) -> CacheKeys {
    CacheKeys {
        keys: orgs
            .iter()
            .map(|(org, key)| CacheKey { org_id: OrgId(*org), key: (*key).to_owned(), offline_limit_ms: 3_600_000 })
            .collect(),
    }
}

fn org_message(conversation: i64, seq: i64, org: i64, text: &str) -> samtal_core::api::Message {
    let mut message = text_message(conversation, "Sara", text, NOW + seq);
    message.id = MessageId(conversation * 1000 + seq);
    message.seq = seq;
    message.owner = if org == 0 { MessageOwner::Participants } else { MessageOwner::Org { org_id: OrgId(org) } };
    message
}

fn outbox_item(client_id: &str, conversation: i64, position: u64) -> OutboxItem {
    OutboxItem {
        client_id: client_id.to_owned(),
        conversation_id: ConversationId(conversation),
        text: format!("draft {client_id}"),
        reply_to: None,
        written_at: NOW,
        position,
        state: OutboxState::Waiting,
    }
}

/// What the device must do, whatever its medium.
async fn device_suite(device: &Device) {
    let list = sample_conversations();
    // Without the organization's key its conversations are not cached.
    let missing = device.put_conversations(&list).await.unwrap();
    assert_eq!(missing, vec![OrgId(1)]);
    assert_eq!(device.conversations().await.unwrap().len(), 1, "only the private one is kept");

    device.apply_keys(&keys_for(&[(1, KEY_A)]), NOW).await.unwrap();
    assert_eq!(device.orgs(), vec![OrgId(1)]);
    assert!(device.put_conversations(&list).await.unwrap().is_empty());
    let mut cached: Vec<ConversationSummary> = device.conversations().await.unwrap();
    cached.sort_by_key(|s| s.id);
    assert_eq!(cached, list);

    // A list without a conversation removes it from the cache.
    device.put_conversations(&list[1..]).await.unwrap();
    assert_eq!(device.conversations().await.unwrap().len(), 1);
    device.put_conversations(&list).await.unwrap();

    // A converted group: earlier messages private, later ones the org's.
    let messages = vec![org_message(1, 1, 0, "before"), org_message(1, 2, 1, "after"), org_message(1, 3, 1, "later")];
    let markers = vec![ReadMarker { person_id: PersonId(7), seq: 2 }];
    device.put_messages(ConversationId(1), &messages, Some(true), &markers).await.unwrap();
    let back = device.messages(ConversationId(1)).await.unwrap().unwrap();
    assert_eq!(back.messages, messages);
    assert!(back.has_more_before);
    assert_eq!(back.read_markers, markers);
    let private_part: Option<samtal_web::storage::CachedMessages> =
        device.private().get(StoreName::Messages, "1").await.unwrap();
    assert_eq!(private_part.unwrap().messages, messages[..1], "the pre-conversion message stays private");
    // Adding one more keeps order and does not duplicate.
    device
        .put_messages(ConversationId(1), &[org_message(1, 4, 1, "newest"), messages[1].clone()], None, &[])
        .await
        .unwrap();
    let back = device.messages(ConversationId(1)).await.unwrap().unwrap();
    assert_eq!(back.messages.iter().map(|m| m.seq).collect::<Vec<_>>(), [1, 2, 3, 4]);

    // A conversation first met through one message (an event): older ones
    // are assumed to exist, so the screen offers to load them.
    device.put_messages(ConversationId(2), &[org_message(2, 9, 0, "hi")], None, &[]).await.unwrap();
    assert!(device.messages(ConversationId(2)).await.unwrap().unwrap().has_more_before);

    // The outbox keeps the order written, across containers.
    assert!(device.put_outbox(Owner::Org(OrgId(1)), &outbox_item("b", 1, 2)).await.unwrap());
    assert!(device.put_outbox(Owner::Private, &outbox_item("a", 2, 1)).await.unwrap());
    assert!(device.put_outbox(Owner::Private, &outbox_item("c", 2, 3)).await.unwrap());
    let order: Vec<String> = device.outbox().await.unwrap().into_iter().map(|i| i.client_id).collect();
    assert_eq!(order, ["a", "b", "c"]);
    let mut sent = outbox_item("b", 1, 2);
    sent.state = OutboxState::Sending;
    device.update_outbox(&sent).await.unwrap();
    assert_eq!(device.outbox().await.unwrap()[1].state, OutboxState::Sending);
    device.remove_outbox(&sent).await.unwrap();
    assert_eq!(device.outbox().await.unwrap().len(), 2);

    // Search answers: directory results with their org, contacts private.
    let directory = samtal_core::api::SearchResult {
        source: samtal_core::api::SearchSource::Directory,
        person_id: Some(PersonId(9)),
        directory_entry_id: None,
        display_name: "Sara Lind".into(),
        email: Some("sara@acme.example".into()),
        alias: Some("sara".into()),
        designation: None,
        department: None,
        org: Some(OrgRef { id: OrgId(1), name: "Acme".into() }),
    };
    device.put_search(" Sara ", std::slice::from_ref(&directory)).await.unwrap();
    assert_eq!(device.search("sara").await.unwrap(), Some(vec![directory]));
    assert_eq!(device.search("nobody").await.unwrap(), None);

    // Leaving a group wipes it everywhere, the rest stays.
    device.wipe_conversation(ConversationId(1)).await.unwrap();
    assert_eq!(device.messages(ConversationId(1)).await.unwrap(), None);
    assert!(device.conversations().await.unwrap().iter().all(|s| s.id != ConversationId(1)));
    assert!(device.outbox().await.unwrap().iter().all(|i| i.conversation_id != ConversationId(1)));
    assert_eq!(device.conversations().await.unwrap().len(), 1);

    // Keys not handed out any more: the organization's container goes.
    device.put_conversations(&list).await.unwrap();
    let wiped = device.apply_keys(&keys_for(&[]), NOW + 1).await.unwrap();
    assert_eq!(wiped, vec![OrgId(1)]);
    assert!(device.orgs().is_empty());
    let left = device.conversations().await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].scope, Scope::Private, "private data stays");

    // An organization's key that goes unconfirmed too long lapses.
    device.apply_keys(&keys_for(&[(1, KEY_A)]), NOW).await.unwrap();
    assert!(device.expire_lapsed(NOW + 3_600_000).await.unwrap().is_empty());
    assert_eq!(device.expire_lapsed(NOW + 3_600_001).await.unwrap(), vec![OrgId(1)]);
    assert!(device.orgs().is_empty());
}

#[wasm_bindgen_test]
async fn a_device_in_memory_passes_the_suite() {
    let device = Device::open(fresh_person(), Medium::Memory).await.unwrap();
    device_suite(&device).await;
}

#[wasm_bindgen_test]
async fn a_device_in_indexeddb_passes_the_suite() {
    let device = Device::open(fresh_person(), Medium::IndexedDb).await.unwrap();
    device_suite(&device).await;
    device.wipe_all().await.unwrap();
}

#[wasm_bindgen_test]
async fn containers_reopen_after_a_reload_and_wipes_delete_their_database() {
    let person = fresh_person();
    let device = Device::open(person, Medium::IndexedDb).await.unwrap();
    device.apply_keys(&keys_for(&[(1, KEY_A), (2, KEY_B)]), NOW).await.unwrap();
    device.put_conversations(&sample_conversations()).await.unwrap();
    device.put_cursor(samtal_core::EventId(41)).await.unwrap();
    let org_db = Owner::Org(OrgId(1)).database_name(person);
    let private_db = Owner::Private.database_name(person);
    assert!(database_names().await.contains(&org_db));

    // As after a reload: a new page opens the same containers, keys included.
    let again = Device::open(person, Medium::IndexedDb).await.unwrap();
    assert_eq!(again.orgs(), vec![OrgId(1), OrgId(2)]);
    assert_eq!(again.conversations().await.unwrap().len(), 2);
    assert_eq!(again.cursor().await.unwrap(), Some(samtal_core::EventId(41)));
    let dump = raw_dump(&org_db).await;
    assert!(!dump.contains("Launch team") && !dump.contains("Ship it"), "the org container is sealed");

    // A new key from the server: the old container can't be trusted, start afresh.
    device.wipe_org(OrgId(2)).await.unwrap();
    drop(device);
    again.apply_keys(&keys_for(&[(1, KEY_B)]), NOW).await.unwrap();
    assert_eq!(again.conversations().await.unwrap().len(), 1, "what the old key sealed is gone");

    again.wipe_org(OrgId(1)).await.unwrap();
    let names = database_names().await;
    assert!(!names.contains(&org_db), "the organization's database is deleted: {names:?}");
    assert!(names.contains(&private_db), "the private one stays");
    again.wipe_all().await.unwrap();
    assert!(!database_names().await.iter().any(|n| n.starts_with(&format!("samtal-{person}-"))));
}

#[wasm_bindgen_test]
async fn opening_drops_an_org_container_whose_keys_are_gone() {
    let person = fresh_person();
    let device = Device::open(person, Medium::IndexedDb).await.unwrap();
    device.apply_keys(&keys_for(&[(1, KEY_A)]), NOW).await.unwrap();
    let org_db = Owner::Org(OrgId(1)).database_name(person);
    // Someone empties the keys store by hand: the container is unreadable.
    if let Some(container) = device.container(Owner::Org(OrgId(1)))
        && let AnyBackend::Idb(idb) = container.backend()
    {
        idb.close();
    }
    delete_database(&org_db).await.unwrap();
    IdbBackend::open(&org_db).await.unwrap().close();
    let again = Device::open(person, Medium::IndexedDb).await.unwrap();
    assert!(again.orgs().is_empty());
    assert!(!database_names().await.contains(&org_db));
    again.wipe_all().await.unwrap();
}
