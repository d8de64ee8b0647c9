//! The store conformance suite: every backend must move rows the same way.
//! Each test runs on SQLite and on PostgreSQL (a fresh database each, at
//! `SAMTAL_TEST_POSTGRES_URL` or the local server); a missing PostgreSQL is
//! a failure, not a skip.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "common_db/mod.rs"]
mod common_db;

use std::sync::Arc;

use samtal_core::api::{ConversationKind, CreatedVia, MessageKind, NewDirectoryEntry, Role};
use samtal_core::events::Event;
use samtal_core::limits::Window;
use samtal_core::{ConversationId, EventId, OrgId, PersonId, TenantPolicies};
use samtal_server::store::mail::{MissedRange, MissedSender, NewOutboxItem};
use samtal_server::store::rows::{MemberKey, NewConversation, NewMessageRow, SeqWindow};
use samtal_server::store::{Constraint, DatabaseUrl, Store, StoreError, Tx};

/// A fresh store of one backend, and what to clean up.
struct Backend {
    store: Arc<dyn Store>,
    _dir: tempfile::TempDir,
    url: Option<String>,
}

impl Drop for Backend {
    fn drop(&mut self) {
        if let Some(url) = &self.url {
            common_db::drop_database(url);
        }
    }
}

async fn sqlite() -> Backend {
    let dir = tempfile::tempdir().unwrap();
    let store = samtal_server::store::open(None, dir.path()).await.unwrap();
    Backend { store, _dir: dir, url: None }
}

async fn postgres() -> Backend {
    let dir = tempfile::tempdir().unwrap();
    let admin = std::env::var("SAMTAL_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let name = format!("{}conf_{}", common_db::TEST_DATABASE_PREFIX, rand_suffix());
    let url = common_db::create_database(&admin, &name).await;
    let store = samtal_server::store::open(Some(&DatabaseUrl::Postgres(url.clone())), dir.path()).await.unwrap();
    Backend { store, _dir: dir, url: Some(url) }
}

fn rand_suffix() -> String {
    use std::time::{SystemTime, UNIX_EPOCH};
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos();
    format!("{nanos:x}{:x}", std::process::id())
}

/// Runs each listed test against both backends.
macro_rules! conformance {
    ($($test:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[tokio::test] async fn $test() { super::$test(super::sqlite().await.store.as_ref()).await })*
        }
        mod on_postgres {
            $(#[tokio::test] async fn $test() {
                let backend = super::postgres().await;
                super::$test(backend.store.as_ref()).await
            })*
        }
    };
}

conformance!(
    people_and_unique_handles,
    a_refused_directory_entry_leaves_the_transaction_usable,
    an_import_batch_answers_each_entry_and_is_all_or_nothing,
    directory_search_folds_unicode_case,
    directory_search_ranks_whole_words_first_and_pages_stably,
    a_commit_answers_the_events_it_appended,
    uncommitted_writes_are_invisible_and_events_keep_their_order,
    memberships_resolve_through_the_signed_in_entry,
    message_retry_keys_and_windows,
    organizations_and_their_audit_log,
    cache_keys_keep_the_first,
    mailed_markers_only_move_up,
    sessions_last_until_they_expire,
    contacts_sort_by_name_ignoring_case,
    a_work_account_is_one_of_an_enabled_organization,
    an_entrys_group_memberships_are_those_its_organization_owns,
    digests_find_what_was_missed_and_who_wrote_it,
    a_locked_rate_window_counts_and_expires,
    edits_deletions_reactions_and_hidden_messages,
);

async fn person(tx: &mut dyn Tx, handle: &str) -> PersonId {
    tx.insert_person(handle, &handle.to_uppercase(), "hash", 1).await.unwrap()
}

fn entry(email: &str, alias: &str, name: &str) -> NewDirectoryEntry {
    NewDirectoryEntry {
        email: email.to_owned(),
        alias: alias.to_owned(),
        display_name: name.to_owned(),
        designation: String::new(),
        department: String::new(),
        is_admin: false,
        password: None,
    }
}

async fn people_and_unique_handles(store: &dyn Store) {
    let mut tx = store.write().await.unwrap();
    let anna = person(tx.as_mut(), "anna").await;
    tx.commit().await.unwrap();
    let mut tx = store.write().await.unwrap();
    let again = tx.insert_person("anna", "Another", "hash", 2).await;
    assert!(matches!(again, Err(StoreError::Violation(Constraint::PersonHandle))), "{again:?}");
    drop(tx);
    let mut read = store.read().await.unwrap();
    let (found, hash) = read.person_by_handle("anna").await.unwrap().unwrap();
    assert_eq!((found.id, found.display_name.as_str(), hash.as_str()), (anna, "ANNA", "hash"));
    assert!(read.person(PersonId(anna.0 + 1000)).await.unwrap().is_none());
    assert_eq!(read.installation_id().await.unwrap().len(), 32);
}

async fn a_refused_directory_entry_leaves_the_transaction_usable(store: &dyn Store) {
    let mut tx = store.write().await.unwrap();
    let org = tx.insert_org("Acme", "acme.example", "", &TenantPolicies::default(), 1).await.unwrap();
    let first = tx.insert_entry(org, &entry("a@acme.example", "a", "Ada"), "h", 1).await.unwrap();
    assert!(first.is_some());
    assert_eq!(tx.insert_entry(org, &entry("a@acme.example", "other", "Ada 2"), "h", 1).await.unwrap(), None);
    assert_eq!(tx.insert_entry(org, &entry("x@acme.example", "a", "Alias taken"), "h", 1).await.unwrap(), None);
    let second = tx.insert_entry(org, &entry("b@acme.example", "b", "Bo"), "h", 1).await.unwrap();
    assert!(second.is_some());
    tx.commit().await.unwrap();
    let mut read = store.read().await.unwrap();
    let names: Vec<String> = read.directory(org, None).await.unwrap().into_iter().map(|e| e.display_name).collect();
    assert_eq!(names, ["Ada", "Bo"]);
    let keys = read.directory_keys(org).await.unwrap();
    assert!(keys.emails.contains("b@acme.example") && keys.aliases.contains("a"));
}

async fn an_import_batch_answers_each_entry_and_is_all_or_nothing(store: &dyn Store) {
    let mut tx = store.write().await.unwrap();
    let org = tx.insert_org("Acme", "acme.example", "", &TenantPolicies::default(), 1).await.unwrap();
    tx.insert_entry(org, &entry("taken@acme.example", "taken", "Taken"), "h", 1).await.unwrap().unwrap();
    tx.commit().await.unwrap();

    let rows = [
        entry("ada@acme.example", "ada", "Ada Lind"),
        entry("taken@acme.example", "fresh", "E-mail taken"),
        entry("new@acme.example", "taken", "Alias taken"),
        entry("bo@acme.example", "bo", "Bo Ek"),
    ];
    let batch: Vec<(&NewDirectoryEntry, &str)> = rows.iter().map(|e| (e, "h")).collect();
    // Rolled back: nothing of the batch stays, not even its search words.
    let mut tx = store.write().await.unwrap();
    let ids = tx.insert_entries(org, &batch, 2).await.unwrap();
    assert_eq!(ids.iter().map(Option::is_some).collect::<Vec<_>>(), [true, false, false, true]);
    drop(tx);
    let mut read = store.read().await.unwrap();
    assert_eq!(read.directory(org, None).await.unwrap().len(), 1);
    let me = PersonId(0);
    assert!(read.search_directory(&[org], "ada", me, 10).await.unwrap().is_empty());
    drop(read);
    // Committed: each stored entry is found by its words, with its own id.
    let mut tx = store.write().await.unwrap();
    let ids = tx.insert_entries(org, &batch, 2).await.unwrap();
    tx.commit().await.unwrap();
    let mut read = store.read().await.unwrap();
    let found = read.search_directory(&[org], "bo", me, 10).await.unwrap();
    assert_eq!(found.iter().map(|r| r.directory_entry_id).collect::<Vec<_>>(), [ids[3]]);
    let found = read.search_directory(&[org], "lind", me, 10).await.unwrap();
    assert_eq!(found.iter().map(|r| r.directory_entry_id).collect::<Vec<_>>(), [ids[0]]);
}

async fn directory_search_folds_unicode_case(store: &dyn Store) {
    let mut tx = store.write().await.unwrap();
    let org = tx.insert_org("Acme", "acme.example", "", &TenantPolicies::default(), 1).await.unwrap();
    let me = person(tx.as_mut(), "me").await;
    for (email, alias, name) in [
        ("asa@acme.example", "asa", "Åsa Öberg"),
        ("bo@acme.example", "bo", "bo Åberg"),
        ("cy@acme.example", "cy", "Cy"),
    ] {
        tx.insert_entry(org, &entry(email, alias, name), "h", 1).await.unwrap().unwrap();
    }
    tx.commit().await.unwrap();
    let mut read = store.read().await.unwrap();
    let names =
        |found: Vec<samtal_core::api::SearchResult>| found.into_iter().map(|r| r.display_name).collect::<Vec<_>>();
    assert_eq!(names(read.search_directory(&[org], "åberg", me, 10).await.unwrap()), ["bo Åberg"]);
    assert_eq!(names(read.search_directory(&[org], "öb", me, 10).await.unwrap()), ["Åsa Öberg"]);
    // Words match from their start only.
    assert!(read.search_directory(&[org], "berg", me, 10).await.unwrap().is_empty());
    // One word for all three: by the lowercased name's bytes on both backends.
    assert_eq!(names(read.search_directory(&[org], "@acme", me, 10).await.unwrap()), ["bo Åberg", "Cy", "Åsa Öberg"]);
    assert_eq!(read.search_directory(&[org], "@acme", me, 1).await.unwrap().len(), 1);
    assert_eq!(names(read.search_directory(&[org], "asa", me, 10).await.unwrap()), ["Åsa Öberg"]);
    assert_eq!(read.directory(org, Some("@acme.example")).await.unwrap().len(), 3);
    assert!(read.search_directory(&[], "berg", me, 10).await.unwrap().is_empty());
}

async fn directory_search_ranks_whole_words_first_and_pages_stably(store: &dyn Store) {
    let mut tx = store.write().await.unwrap();
    let org = tx.insert_org("Acme", "acme.example", "", &TenantPolicies::default(), 1).await.unwrap();
    let me = person(tx.as_mut(), "me").await;
    for (i, name) in ["Annika Berg", "Ann Lind", "Anna Ek", "Bo Ann", "Cy Berg"].iter().enumerate() {
        let (email, alias) = (format!("e{i}@acme.example"), format!("x{i}"));
        tx.insert_entry(org, &entry(&email, &alias, name), "h", 1).await.unwrap().unwrap();
    }
    tx.commit().await.unwrap();
    let mut read = store.read().await.unwrap();
    let names =
        |found: Vec<samtal_core::api::SearchResult>| found.into_iter().map(|r| r.display_name).collect::<Vec<_>>();
    // "ann" as a whole word first (by name), then the words it begins.
    let all = names(read.search_directory(&[org], "ann", me, 10).await.unwrap());
    assert_eq!(all, ["Ann Lind", "Bo Ann", "Anna Ek", "Annika Berg"]);
    for limit in 1..=4 {
        let page = names(read.search_directory(&[org], "ann", me, limit).await.unwrap());
        assert_eq!(page, all[..limit as usize], "limit {limit}");
    }
    // The admin portal's filter matches the same words, by name.
    let listed: Vec<String> =
        read.directory(org, Some("ann")).await.unwrap().into_iter().map(|e| e.display_name).collect();
    assert_eq!(listed, ["Ann Lind", "Anna Ek", "Annika Berg", "Bo Ann"]);
}

async fn a_commit_answers_the_events_it_appended(store: &dyn Store) {
    let mut tx = store.write().await.unwrap();
    let anna = person(tx.as_mut(), "anna").await;
    let bert = person(tx.as_mut(), "bert").await;
    assert!(tx.commit().await.unwrap().events.is_empty());

    let mut tx = store.write().await.unwrap();
    tx.append_event(&[anna, bert], &Event::MeChanged, 5).await.unwrap();
    tx.append_event(&[bert], &Event::MeChanged, 6).await.unwrap();
    let first = tx.commit().await.unwrap();
    let who: Vec<PersonId> = first.events.iter().map(|e| e.person).collect();
    assert_eq!(who, [anna, bert, bert]);
    assert!(first.events.windows(2).all(|w| w[0].id < w[1].id));
    assert!(first.after < first.events[0].id);
    assert_eq!(&*first.events[0].payload, serde_json::to_string(&Event::MeChanged).unwrap());

    // The next commit follows on from the last event of this one.
    let mut tx = store.write().await.unwrap();
    tx.append_event(&[anna], &Event::MeChanged, 7).await.unwrap();
    let second = tx.commit().await.unwrap();
    assert_eq!(second.after, first.events[2].id);
    // What the stream reads back is what the commit answered.
    let mut read = store.read().await.unwrap();
    let ids: Vec<_> =
        read.events_since(anna, samtal_core::EventId(0), 10).await.unwrap().into_iter().map(|e| e.id).collect();
    assert_eq!(ids, [first.events[0].id, second.events[0].id]);

    // Another instance reads a commit back for the people it serves, and a
    // poll reads everything past a point.
    let newest = first.events[2].id;
    assert_eq!(read.events_between(first.after, newest, &[bert]).await.unwrap(), first.events[1..].to_vec());
    assert_eq!(read.events_between(first.after, newest, &[anna]).await.unwrap(), first.events[..1].to_vec());
    let recipients = read.recipients_after(first.events[0].id, 10).await.unwrap();
    assert_eq!(recipients, [(bert, first.events[1].id), (bert, first.events[2].id), (anna, second.events[0].id)]);
    assert_eq!(read.newest_event_id().await.unwrap(), second.events[0].id);
}

async fn uncommitted_writes_are_invisible_and_events_keep_their_order(store: &dyn Store) {
    let mut tx = store.write().await.unwrap();
    let anna = person(tx.as_mut(), "anna").await;
    let bert = person(tx.as_mut(), "bert").await;
    tx.commit().await.unwrap();

    let mut tx = store.write().await.unwrap();
    tx.append_event(&[anna, bert], &Event::MeChanged, 5).await.unwrap();
    assert!(store.read().await.unwrap().events_since(anna, EventId(0), 10).await.unwrap().is_empty());
    drop(tx);
    assert_eq!(store.read().await.unwrap().latest_event_id(anna).await.unwrap(), EventId(0));

    for n in 1..=3 {
        let mut tx = store.write().await.unwrap();
        let event = Event::ConversationChanged { conversation_id: ConversationId(n) };
        tx.append_event(&[anna], &event, n).await.unwrap();
        tx.commit().await.unwrap();
    }
    let mut read = store.read().await.unwrap();
    let events = read.events_since(anna, EventId(0), 10).await.unwrap();
    let ids: Vec<i64> = events.iter().map(|e| e.id.0).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
    assert_eq!(events[2].event, Event::ConversationChanged { conversation_id: ConversationId(3) });
    assert_eq!(read.events_since(anna, events[0].id, 1).await.unwrap()[0].id, events[1].id);
    assert_eq!(read.latest_event_id(anna).await.unwrap(), events[2].id);
    assert!(read.events_since(bert, EventId(0), 10).await.unwrap().is_empty());
}

async fn new_group(tx: &mut dyn Tx, by: PersonId) -> ConversationId {
    new_conversation(tx, ConversationKind::Group, None, by).await
}

async fn new_conversation(
    tx: &mut dyn Tx,
    kind: ConversationKind,
    owner: Option<OrgId>,
    by: PersonId,
) -> ConversationId {
    tx.insert_conversation(NewConversation {
        kind,
        owner,
        title: Some("Group"),
        created_via: CreatedVia::App,
        created_by: by,
        group_policies: None,
        chat_key: None,
        at: 1,
    })
    .await
    .unwrap()
}

async fn memberships_resolve_through_the_signed_in_entry(store: &dyn Store) {
    let mut tx = store.write().await.unwrap();
    let org = tx.insert_org("Acme", "acme.example", "", &TenantPolicies::default(), 1).await.unwrap();
    let anna = person(tx.as_mut(), "anna").await;
    let work = tx.insert_entry(org, &entry("anna@acme.example", "anna", "Anna W"), "h", 1).await.unwrap().unwrap();
    let group = new_group(tx.as_mut(), anna).await;
    tx.insert_member(group, MemberKey::Person(anna), Role::Admin, 0, 1).await.unwrap();
    tx.insert_member(group, MemberKey::Entry(work), Role::Member, 0, 2).await.unwrap();
    assert_eq!(tx.membership(group, anna).await.unwrap().unwrap().directory_entry, None);
    tx.link_entry(work, anna, 3).await.unwrap();
    // Both rows are hers now; the entry's row comes first.
    let mine = tx.membership(group, anna).await.unwrap().unwrap();
    assert_eq!((mine.directory_entry, mine.person), (Some(work), Some(anna)));
    assert_eq!(tx.member_count(group).await.unwrap(), 2);
    assert_eq!(tx.admin_count(group).await.unwrap(), 1);
    let shadowed = tx.shadowed_memberships(anna, work).await.unwrap();
    assert_eq!(shadowed.len(), 1);
    assert_eq!(shadowed[0].person_row.role, Role::Admin);
    tx.commit().await.unwrap();
    let mut read = store.read().await.unwrap();
    let memberships = read.memberships(anna).await.unwrap();
    assert_eq!(memberships.len(), 2);
    assert_eq!(memberships[0].member.directory_entry, Some(work));
    assert_eq!(read.entry_of_person(anna).await.unwrap().map(|e| e.id), Some(work));
    let named = read.named_members(&[group]).await.unwrap();
    assert_eq!(named.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(), ["ANNA", "ANNA"]);
}

async fn message_retry_keys_and_windows(store: &dyn Store) {
    let mut tx = store.write().await.unwrap();
    let anna = person(tx.as_mut(), "anna").await;
    let bert = person(tx.as_mut(), "bert").await;
    let group = new_group(tx.as_mut(), anna).await;
    let message = |seq: i64, sender: PersonId, client_id: &str| NewMessageRow {
        conversation: group,
        seq,
        sender: Some(sender),
        kind: MessageKind::Text,
        text: Some(format!("message {seq}")),
        attachment: None,
        system: None,
        client_id: Some(client_id.to_owned()),
        forward_of: None,
        comment: None,
        reply_to: None,
        owner_org: None,
        sent_at: seq * 10,
    };
    for (sender, key) in [(anna, "a1"), (bert, "b1"), (bert, "b2")] {
        let seq = tx.next_seq(group, 5).await.unwrap();
        tx.insert_message(&message(seq, sender, key)).await.unwrap();
    }
    tx.commit().await.unwrap();
    let mut tx = store.write().await.unwrap();
    let repeat = tx.insert_message(&message(4, anna, "a1")).await;
    assert!(matches!(repeat, Err(StoreError::Violation(Constraint::MessageClientId))), "{repeat:?}");
    drop(tx);

    let mut read = store.read().await.unwrap();
    assert_eq!(read.conversation(group).await.unwrap().unwrap().last_seq, 3);
    let newest = read.messages_between(group, 1, i64::MAX, true, 2, anna).await.unwrap();
    assert_eq!(newest.iter().map(|m| m.seq).collect::<Vec<_>>(), [3, 2]);
    let oldest = read.messages_between(group, 1, 3, false, 10, anna).await.unwrap();
    assert_eq!(oldest.iter().map(|m| m.seq).collect::<Vec<_>>(), [1, 2]);
    assert!(read.any_message_between(group, 3, 3).await.unwrap());
    assert!(!read.any_message_between(group, 4, i64::MAX).await.unwrap());
    let found = read.message_by_client_id(group, bert, "b2").await.unwrap().unwrap();
    assert_eq!((found.seq, found.sender.map(|p| p.handle)), (3, Some("bert".to_owned())));
    let windows = [SeqWindow { conversation: group, seq: 1 }];
    assert_eq!(read.unread_counts(&windows, anna).await.unwrap(), vec![(group, 2)]);
    assert_eq!(read.newest_messages(&windows).await.unwrap()[0].seq, 3);
    assert!(read.newest_messages(&[]).await.unwrap().is_empty());
    assert_eq!(read.messages_by_sender(bert).await.unwrap().len(), 2);
}

async fn organizations_and_their_audit_log(store: &dyn Store) {
    let mut tx = store.write().await.unwrap();
    let anna = person(tx.as_mut(), "anna").await;
    let acme = tx.insert_org("Acme", "acme.example", "We own it.", &TenantPolicies::default(), 1).await.unwrap();
    tx.commit().await.unwrap();
    // A violation spoils its transaction (PostgreSQL aborts it): the caller drops it.
    let mut tx = store.write().await.unwrap();
    let taken = tx.insert_org("Acme 2", "acme.example", "", &TenantPolicies::default(), 1).await;
    assert!(matches!(taken, Err(StoreError::Violation(Constraint::OrgDomain))), "{taken:?}");
    drop(tx);
    let mut tx = store.write().await.unwrap();
    let beta = tx.insert_org("Beta", "beta.example", "", &TenantPolicies::default(), 1).await.unwrap();
    tx.insert_org_admin(acme, anna).await.unwrap();
    tx.set_org_enabled(beta, false).await.unwrap();
    for (n, action) in ["first", "second"].iter().enumerate() {
        let detail = serde_json::json!({ "n": n });
        let entry = samtal_server::store::orgs::NewAuditEntry {
            org: acme,
            actor: Some(anna),
            actor_label: None,
            action,
            target: "Acme",
            detail: &detail,
            at: 10,
        };
        tx.insert_audit(entry).await.unwrap();
    }
    tx.commit().await.unwrap();
    let mut read = store.read().await.unwrap();
    let orgs = read.orgs(&[beta, acme]).await.unwrap();
    assert_eq!(
        orgs.iter().map(|o| (o.name.as_str(), o.enabled)).collect::<Vec<_>>(),
        [("Acme", true), ("Beta", false)]
    );
    assert_eq!(read.admin_orgs(anna).await.unwrap().iter().map(|o| o.id).collect::<Vec<_>>(), [acme]);
    let log = read.audit_log(acme, 10).await.unwrap();
    assert_eq!(log.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), ["second", "first"]);
    assert_eq!(log[0].detail["n"], 1);
    assert_eq!(log[0].actor.as_ref().map(|p| p.id), Some(anna));
}

async fn cache_keys_keep_the_first(store: &dyn Store) {
    let mut tx = store.write().await.unwrap();
    let acme = tx.insert_org("Acme", "acme.example", "", &TenantPolicies::default(), 1).await.unwrap();
    tx.insert_cache_key(acme, &"a".repeat(64), 1).await.unwrap();
    tx.insert_cache_key(acme, &"b".repeat(64), 2).await.unwrap();
    tx.commit().await.unwrap();
    let keys = store.read().await.unwrap().cache_keys(&[acme]).await.unwrap();
    assert_eq!(keys.get(&acme), Some(&"a".repeat(64)));
}

async fn mailed_markers_only_move_up(store: &dyn Store) {
    let mut tx = store.write().await.unwrap();
    let org = tx.insert_org("Acme", "acme.example", "", &TenantPolicies::default(), 1).await.unwrap();
    let anna = person(tx.as_mut(), "anna").await;
    let work = tx.insert_entry(org, &entry("anna@acme.example", "anna", "Anna"), "h", 1).await.unwrap().unwrap();
    let group = new_group(tx.as_mut(), anna).await;
    tx.insert_member(group, MemberKey::Entry(work), Role::Member, 0, 1).await.unwrap();
    let member = tx.members(group).await.unwrap()[0].id;
    for (n, last_seq) in [(1, 5), (2, 3)] {
        let outbox = tx
            .insert_outbox(samtal_server::store::mail::NewOutboxMail {
                entry: work.0,
                person: None,
                recipient: "anna@acme.example",
                subject: "Missed",
                message_id: &format!("<{n}@samtal>"),
                raw: b"raw bytes",
                status: "pending",
                error: None,
                at: 100,
            })
            .await
            .unwrap();
        let item = NewOutboxItem { member_id: member, conversation: group, first_seq: 1, last_seq, count: 2 };
        tx.insert_outbox_item(outbox, item).await.unwrap();
    }
    tx.commit().await.unwrap();
    let mut read = store.read().await.unwrap();
    let due = read.due_mail(100, 10).await.unwrap();
    assert_eq!(due.len(), 2);
    assert_eq!(due[0].raw, b"raw bytes");
    assert_eq!(read.last_digest_at(work.0).await.unwrap(), Some(100));
    assert_eq!(read.outbox_items(due[0].id).await.unwrap().len(), 0, "no owner: not an org conversation");
}

async fn sessions_last_until_they_expire(store: &dyn Store) {
    let mut tx = store.write().await.unwrap();
    let anna = person(tx.as_mut(), "anna").await;
    tx.insert_session("old", anna, 10, 1_000, "Firefox").await.unwrap();
    tx.insert_session("new", anna, 20, 2_000, "Chromium").await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = store.write().await.unwrap();
    let (found, last_seen) = tx.session_person("old", 500).await.unwrap().unwrap();
    assert_eq!((found.id, last_seen), (anna, 10), "last seen when it started");
    assert!(tx.session_person("old", 1_000).await.unwrap().is_none(), "expired at its end");
    assert!(tx.session_person("nobody", 500).await.unwrap().is_none());
    let order = |rows: Vec<samtal_server::store::accounts::SessionRow>| {
        rows.into_iter().map(|s| (s.token_hash, s.device, s.last_seen_at)).collect::<Vec<_>>()
    };
    assert_eq!(
        order(tx.sessions(anna, 500).await.unwrap()),
        [("new".to_owned(), "Chromium".to_owned(), 20), ("old".to_owned(), "Firefox".to_owned(), 10)]
    );
    tx.touch_session("old", 30).await.unwrap();
    assert_eq!(tx.sessions(anna, 500).await.unwrap()[0].token_hash, "old", "the most recently seen first");
    assert_eq!(order(tx.sessions(anna, 1_500).await.unwrap()), [("new".to_owned(), "Chromium".to_owned(), 20)]);
    tx.delete_session("new").await.unwrap();
    tx.commit().await.unwrap();
    let mut read = store.read().await.unwrap();
    assert!(read.session_person("new", 500).await.unwrap().is_none());
    assert_eq!(read.sessions(anna, 500).await.unwrap().len(), 1);
}

async fn contacts_sort_by_name_ignoring_case(store: &dyn Store) {
    let mut tx = store.write().await.unwrap();
    let owner = person(tx.as_mut(), "owner").await;
    let bo = tx.insert_person("bo", "bo", "h", 1).await.unwrap();
    let carl = tx.insert_person("carl", "Carl", "h", 1).await.unwrap();
    let anna = tx.insert_person("anna", "Anna", "h", 1).await.unwrap();
    for (n, contact) in [bo, carl, anna].into_iter().enumerate() {
        assert!(tx.insert_contact(owner, contact, 100 + n as i64).await.unwrap());
    }
    assert!(!tx.insert_contact(owner, bo, 200).await.unwrap(), "one already");
    tx.commit().await.unwrap();

    let mut tx = store.write().await.unwrap();
    let names: Vec<String> = tx.contacts(owner).await.unwrap().into_iter().map(|c| c.person.display_name).collect();
    assert_eq!(names, ["Anna", "bo", "Carl"]);
    let found = tx.contact(owner, bo).await.unwrap().unwrap();
    assert_eq!((found.person.id, found.added_at), (bo, 100), "the first save stands");
    assert!(tx.contact(bo, owner).await.unwrap().is_none(), "contacts are one-way");
    assert!(tx.contacts(bo).await.unwrap().is_empty());
    assert!(tx.delete_contact(owner, carl).await.unwrap());
    assert!(!tx.delete_contact(owner, carl).await.unwrap(), "not one any more");
    tx.commit().await.unwrap();
    assert_eq!(store.read().await.unwrap().contacts(owner).await.unwrap().len(), 2);
}

async fn a_work_account_is_one_of_an_enabled_organization(store: &dyn Store) {
    let mut tx = store.write().await.unwrap();
    let acme = tx.insert_org("Acme", "acme.example", "", &TenantPolicies::default(), 1).await.unwrap();
    let anna = person(tx.as_mut(), "anna").await;
    let mut values = entry("anna@acme.example", "anna", "Anna W");
    values.designation = "Engineer".to_owned();
    values.department = "Grid".to_owned();
    let work = tx.insert_entry(acme, &values, "h", 1).await.unwrap().unwrap();
    assert!(tx.work_account(anna).await.unwrap().is_none(), "not signed in yet");
    tx.link_entry(work, anna, 2).await.unwrap();
    tx.commit().await.unwrap();

    let mut read = store.read().await.unwrap();
    let account = read.work_account(anna).await.unwrap().unwrap();
    assert_eq!(
        (account.org_id, account.org_name.as_str(), account.directory_entry_id, account.email.as_str()),
        (acme, "Acme", work, "anna@acme.example")
    );
    assert_eq!(
        (account.alias.as_str(), account.designation.as_str(), account.department.as_str()),
        ("anna", "Engineer", "Grid")
    );
    assert_eq!(read.enabled_work_org(anna).await.unwrap(), Some(acme));
    drop(read);

    let mut tx = store.write().await.unwrap();
    tx.set_org_enabled(acme, false).await.unwrap();
    tx.commit().await.unwrap();
    let mut read = store.read().await.unwrap();
    assert!(read.work_account(anna).await.unwrap().is_none(), "a disabled organization's account is not one");
    assert!(read.enabled_work_org(anna).await.unwrap().is_none());
}

async fn an_entrys_group_memberships_are_those_its_organization_owns(store: &dyn Store) {
    let mut tx = store.write().await.unwrap();
    let acme = tx.insert_org("Acme", "acme.example", "", &TenantPolicies::default(), 1).await.unwrap();
    let beta = tx.insert_org("Beta", "beta.example", "", &TenantPolicies::default(), 1).await.unwrap();
    let anna = person(tx.as_mut(), "anna").await;
    let work = tx.insert_entry(acme, &entry("anna@acme.example", "anna", "Anna"), "h", 1).await.unwrap().unwrap();
    let second = new_conversation(tx.as_mut(), ConversationKind::Group, Some(acme), anna).await;
    let first = new_conversation(tx.as_mut(), ConversationKind::Group, Some(acme), anna).await;
    let chat = new_conversation(tx.as_mut(), ConversationKind::Chat, Some(acme), anna).await;
    let partners = new_conversation(tx.as_mut(), ConversationKind::Group, Some(beta), anna).await;
    let private = new_group(tx.as_mut(), anna).await;
    tx.insert_member(second, MemberKey::Entry(work), Role::Admin, 4, 40).await.unwrap();
    tx.insert_member(first, MemberKey::Entry(work), Role::Member, 2, 20).await.unwrap();
    for other in [chat, partners, private] {
        tx.insert_member(other, MemberKey::Entry(work), Role::Member, 0, 1).await.unwrap();
    }
    tx.insert_member(first, MemberKey::Person(anna), Role::Admin, 0, 1).await.unwrap();
    tx.commit().await.unwrap();

    let mut read = store.read().await.unwrap();
    let rows = read.entry_group_memberships(work, acme).await.unwrap();
    let mut expected = [(first, Role::Member, 2, 20), (second, Role::Admin, 4, 40)];
    expected.sort_by_key(|(id, ..)| id.0);
    assert_eq!(
        rows.iter()
            .map(|m| (m.conversation, m.member.role, m.member.joined_seq, m.member.joined_at))
            .collect::<Vec<_>>(),
        expected,
        "groups Acme owns, by conversation: not its chats, not another's or private groups"
    );
    assert!(rows.iter().all(|m| m.member.directory_entry == Some(work) && m.member.person.is_none()));
    assert!(read.entry_group_memberships(work, beta).await.unwrap().len() == 1);
}

async fn digests_find_what_was_missed_and_who_wrote_it(store: &dyn Store) {
    let mut tx = store.write().await.unwrap();
    let acme = tx.insert_org("Acme", "acme.example", "", &TenantPolicies::default(), 1).await.unwrap();
    let anna = person(tx.as_mut(), "anna").await;
    let bert = person(tx.as_mut(), "bert").await;
    let carl = person(tx.as_mut(), "carl").await;
    let anna_work =
        tx.insert_entry(acme, &entry("anna@acme.example", "anna", "Anna W"), "h", 1).await.unwrap().unwrap();
    let bert_work =
        tx.insert_entry(acme, &entry("bert@acme.example", "bert", "Bert B"), "h", 1).await.unwrap().unwrap();
    tx.link_entry(anna_work, anna, 1).await.unwrap();
    tx.link_entry(bert_work, bert, 1).await.unwrap();
    tx.set_email_settings(anna, true, 15).await.unwrap();
    let group = new_conversation(tx.as_mut(), ConversationKind::Group, Some(acme), bert).await;
    let private = new_group(tx.as_mut(), bert).await;
    tx.insert_member(group, MemberKey::Entry(anna_work), Role::Member, 0, 1).await.unwrap();
    tx.insert_member(private, MemberKey::Person(anna), Role::Member, 0, 1).await.unwrap();
    let mut send = async |conversation: ConversationId, sender: Option<PersonId>, kind: MessageKind, at: i64| {
        let seq = tx.next_seq(conversation, at).await.unwrap();
        let row = NewMessageRow {
            conversation,
            seq,
            sender,
            kind,
            text: Some(format!("message {seq}")),
            attachment: None,
            system: None,
            client_id: None,
            forward_of: None,
            comment: None,
            reply_to: None,
            owner_org: None,
            sent_at: at,
        };
        tx.insert_message(&row).await.unwrap();
    };
    send(group, Some(bert), MessageKind::Text, 100).await;
    send(group, Some(carl), MessageKind::Text, 110).await;
    send(group, None, MessageKind::System, 120).await;
    send(group, Some(bert), MessageKind::Text, 130).await;
    send(group, Some(anna), MessageKind::Text, 140).await;
    send(private, Some(bert), MessageKind::Text, 150).await;
    tx.commit().await.unwrap();

    let mut read = store.read().await.unwrap();
    let candidates = read.digest_candidates().await.unwrap();
    assert_eq!(candidates.len(), 1, "only the org conversation: {candidates:?}");
    let candidate = &candidates[0];
    assert_eq!((candidate.conversation, candidate.read_seq, candidate.mailed_seq), (group, 0, 0));
    assert_eq!(
        (candidate.org_name.as_str(), candidate.entry, candidate.email.as_str()),
        ("Acme", anna_work.0, "anna@acme.example")
    );
    assert_eq!(
        (candidate.person, candidate.email_enabled, candidate.email_delay_minutes),
        (Some(anna.0), Some(true), Some(15))
    );
    assert_eq!(candidate.facts.owner.as_ref().map(|o| (o.id, o.enabled)), Some((acme, true)));
    let range = MissedRange { org: acme, conversation: group, after: 0, up_to: 5, me: Some(anna.0) };
    assert_eq!(
        read.missed_senders(range).await.unwrap(),
        [
            MissedSender { name: "Bert B".to_owned(), first_seq: 1, count: 2, newest_at: 130 },
            MissedSender { name: "CARL".to_owned(), first_seq: 2, count: 1, newest_at: 110 },
        ],
        "by their name in the owner's directory, else on Samtal; no system notes, not my own"
    );
    let later = MissedRange { after: 1, up_to: 4, ..range };
    assert_eq!(read.missed_senders(later).await.unwrap().iter().map(|s| s.count).collect::<Vec<_>>(), [1, 1]);
    let lines = read.missed_lines(range, 2).await.unwrap();
    assert_eq!(
        lines.iter().map(|l| (l.sender.as_str(), l.text.as_deref())).collect::<Vec<_>>(),
        [("Bert B", Some("message 4")), ("CARL", Some("message 2"))]
    );
    drop(read);

    let mut tx = store.write().await.unwrap();
    let outbox = tx
        .insert_outbox(samtal_server::store::mail::NewOutboxMail {
            entry: anna_work.0,
            person: Some(anna.0),
            recipient: "anna@acme.example",
            subject: "Missed",
            message_id: "<1@samtal>",
            raw: b"raw",
            status: "pending",
            error: None,
            at: 200,
        })
        .await
        .unwrap();
    let item =
        NewOutboxItem { member_id: candidate.member_id, conversation: group, first_seq: 1, last_seq: 5, count: 3 };
    tx.insert_outbox_item(outbox, item).await.unwrap();
    tx.commit().await.unwrap();
    assert!(store.read().await.unwrap().digest_candidates().await.unwrap().is_empty(), "mailed up to the newest");
}

async fn a_locked_rate_window_counts_and_expires(store: &dyn Store) {
    let mut tx = store.write().await.unwrap();
    let fresh = tx.lock_rate_window("signin:anna").await.unwrap();
    assert_eq!(fresh.map_or(0, |w| w.tries), 0, "a new key has counted nothing: {fresh:?}");
    tx.put_rate_window("signin:anna", Window { started_at: 1_000, tries: 1 }).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = store.write().await.unwrap();
    let locked = tx.lock_rate_window("signin:anna").await.unwrap();
    assert_eq!(locked, Some(Window { started_at: 1_000, tries: 1 }));
    tx.put_rate_window("signin:anna", Window { started_at: 1_000, tries: 2 }).await.unwrap();
    tx.put_rate_window("signin:bert", Window { started_at: 5_000, tries: 1 }).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = store.write().await.unwrap();
    assert_eq!(tx.rate_window("signin:anna").await.unwrap(), Some(Window { started_at: 1_000, tries: 2 }));
    assert_eq!(tx.forget_rate_windows(2_000).await.unwrap(), 1);
    tx.commit().await.unwrap();
    let mut read = store.read().await.unwrap();
    assert!(read.rate_window("signin:anna").await.unwrap().is_none());
    assert_eq!(read.rate_window("signin:bert").await.unwrap().map(|w| w.tries), Some(1));
}

async fn edits_deletions_reactions_and_hidden_messages(store: &dyn Store) {
    use samtal_core::api::DeletedBy;
    use samtal_server::store::verbs::NewRecord;
    let mut tx = store.write().await.unwrap();
    let acme = tx.insert_org("Acme", "acme.example", "", &TenantPolicies::default(), 1).await.unwrap();
    let anna = person(tx.as_mut(), "anna").await;
    let bert = person(tx.as_mut(), "bert").await;
    let group = new_group(tx.as_mut(), anna).await;
    tx.insert_member(group, MemberKey::Person(anna), Role::Admin, 0, 1).await.unwrap();
    let row = |seq: i64, text: &str, reply_to| NewMessageRow {
        conversation: group,
        seq,
        sender: Some(anna),
        kind: MessageKind::Text,
        text: Some(text.to_owned()),
        attachment: None,
        system: None,
        client_id: None,
        forward_of: None,
        comment: None,
        reply_to,
        owner_org: Some(acme),
        sent_at: seq,
    };
    let first = tx.insert_message(&row(1, "first", None)).await.unwrap();
    let second = tx.insert_message(&row(2, "second", Some(first))).await.unwrap();
    let shown = tx.message(second).await.unwrap().unwrap();
    let event = Event::MessageCreated { message: shown.clone() };
    tx.append_event(&[anna, bert], &event, 5).await.unwrap();
    tx.append_event(&[anna], &Event::MeChanged, 6).await.unwrap();
    tx.commit().await.unwrap();
    let quote = shown.reply_to.expect("a reply's quote");
    assert_eq!((quote.id, quote.seq, quote.text.as_deref(), quote.deleted), (first, 1, Some("first"), false));

    let mut tx = store.write().await.unwrap();
    assert!(tx.add_reaction(second, bert, "🎉", 10).await.unwrap());
    assert!(!tx.add_reaction(second, bert, "🎉", 11).await.unwrap(), "once per person and emoji");
    assert!(tx.add_reaction(second, anna, "🎉", 12).await.unwrap());
    assert!(tx.add_reaction(second, anna, "👍", 13).await.unwrap());
    assert_eq!(tx.emoji_count(second).await.unwrap(), 2);
    let given: Vec<(String, String)> =
        tx.reactions(&[first, second]).await.unwrap().into_iter().map(|r| (r.emoji, r.person.handle)).collect();
    let expected = [("🎉", "bert"), ("🎉", "anna"), ("👍", "anna")].map(|(e, h)| (e.to_owned(), h.to_owned()));
    assert_eq!(given, expected, "in the order given");
    assert!(tx.remove_reaction(second, anna, "👍").await.unwrap());
    assert!(!tx.remove_reaction(second, anna, "👍").await.unwrap());
    assert_eq!(tx.replies_to(first).await.unwrap(), [second]);

    let record = NewRecord {
        message: first,
        org: acme,
        action: "edited",
        by: anna,
        text: Some("first"),
        comment: None,
        attachment: None,
        at: 20,
    };
    tx.insert_record(record).await.unwrap();
    tx.set_text(first, "first, edited", 20).await.unwrap();
    tx.mark_deleted(second, DeletedBy::Admin, 30).await.unwrap();
    tx.hide_message(bert, first).await.unwrap();
    tx.hide_message(bert, first).await.unwrap();
    let events = tx.events_showing(&[second]).await.unwrap();
    assert_eq!(events.len(), 2, "one per recipient, not the other events");
    tx.rewrite_event(events[0].0, "{\"type\":\"me_changed\"}").await.unwrap();
    tx.commit().await.unwrap();

    let mut read = store.read().await.unwrap();
    let edited = read.message(first).await.unwrap().unwrap();
    assert_eq!((edited.text.as_deref(), edited.edited_at), (Some("first, edited"), Some(20)));
    let deleted = read.message(second).await.unwrap().unwrap();
    assert_eq!(deleted.deleted.map(|d| (d.by, d.at)), Some((DeletedBy::Admin, 30)));
    assert_eq!((deleted.text, deleted.reply_to), (None, None), "a tombstone keeps no text and no quote");
    assert!(read.reactions(&[second]).await.unwrap().is_empty(), "its reactions went with it");
    let for_bert = read.messages_between(group, 1, i64::MAX, false, 10, bert).await.unwrap();
    assert_eq!(for_bert.iter().map(|m| m.id).collect::<Vec<_>>(), [second], "bert hid the first");
    assert_eq!(read.messages_between(group, 1, i64::MAX, false, 10, anna).await.unwrap().len(), 2);
    let rewritten = read.events_since(anna, EventId(0), 10).await.unwrap();
    assert_eq!(rewritten.first().map(|e| &e.event), Some(&Event::MeChanged), "the payload was replaced");
}

/// Only one process at a time holds a role; it goes with its holder.
#[tokio::test]
async fn one_process_at_a_time_leads_and_another_takes_over_when_it_goes() {
    use samtal_server::store::Role;
    let sqlite = sqlite().await;
    assert!(sqlite.store.try_lead(Role::Mailer).await.unwrap().is_some(), "SQLite is one process's");

    let backend = postgres().await;
    let url = DatabaseUrl::Postgres(backend.url.clone().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let other = samtal_server::store::open(Some(&url), dir.path()).await.unwrap();
    let mut first = backend.store.try_lead(Role::Mailer).await.unwrap().expect("nobody holds it yet");
    assert!(first.held().await);
    assert!(other.try_lead(Role::Mailer).await.unwrap().is_none(), "held by the first");
    drop(first);
    // The lock goes with the connection; PostgreSQL lets go as it closes.
    let mut second = None;
    for _ in 0..100 {
        second = other.try_lead(Role::Mailer).await.unwrap();
        if second.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(second.expect("taken over").held().await);
}

/// A server sees other Samtal processes on its PostgreSQL database (to warn
/// when they have no NATS between them); SQLite is one process's.
#[tokio::test]
async fn a_server_sees_the_others_on_its_database() {
    assert_eq!(sqlite().await.store.other_servers().await.unwrap(), 0);
    let backend = postgres().await;
    assert_eq!(backend.store.other_servers().await.unwrap(), 0, "alone");
    let url = DatabaseUrl::Postgres(backend.url.clone().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let other = samtal_server::store::open(Some(&url), dir.path()).await.unwrap();
    assert_eq!(backend.store.other_servers().await.unwrap(), 1);
    assert_eq!(other.other_servers().await.unwrap(), 1);
}

/// Two servers starting together on one new PostgreSQL database migrate it
/// once between them (sqlx holds an advisory lock while migrating).
#[tokio::test]
async fn two_servers_starting_together_migrate_postgres_once() {
    let admin = std::env::var("SAMTAL_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let name = format!("{}race_{}", common_db::TEST_DATABASE_PREFIX, rand_suffix());
    let url = DatabaseUrl::Postgres(common_db::create_database(&admin, &name).await);
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (first, second) = tokio::join!(
        samtal_server::store::open(Some(&url), a.path()),
        samtal_server::store::open(Some(&url), b.path())
    );
    let (first, second) = (first.unwrap(), second.unwrap());
    let mut tx = first.write().await.unwrap();
    let anna = person(tx.as_mut(), "anna").await;
    tx.commit().await.unwrap();
    assert_eq!(second.read().await.unwrap().person(anna).await.unwrap().map(|p| p.handle), Some("anna".to_owned()));
    drop((first, second));
    if let DatabaseUrl::Postgres(url) = &url {
        common_db::drop_database(url);
    }
}
