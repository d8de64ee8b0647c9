//! The live event stream applied to the app's state, and the Chat screen's
//! views mounted into the test page: what a person sees, and what they can
//! and can't do (Copy, Forward) by the capabilities the server sent.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod support;

use leptos::prelude::*;
use samtal_core::api::{
    Attachment, AttachmentKind, ConversationDetail, ConversationKind, ConversationSummary, CreatedVia, Member, Message,
    MessageKind, MessageOwner, OrgRef, ReadMarker, Role, Scope, SystemNote,
};
use samtal_core::events::{Event, EventEnvelope, RevocationReason};
use samtal_core::{AttachmentId, Capabilities, ConversationId, EventId, MessageId, OrgId, PersonId};
use samtal_web::components::message_list::{Outgoing, OutgoingFile, OutgoingState};
use samtal_web::components::{Composer, MessageList};
use samtal_web::pages::chat_page::ChatHeader;
use samtal_web::state::live::{Live, RECENT_EVENTS};
use samtal_web::sync::{self, Cursor};
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ERIK: PersonId = PersonId(1);
const SARA: PersonId = PersonId(2);
const CONVERSATION: ConversationId = ConversationId(9);

// ------------------------------------------------------------------ data

fn envelope(id: i64, event: Event) -> EventEnvelope {
    EventEnvelope { id: EventId(id), at: NOW, event }
}

fn message(id: i64, seq: i64, from: Option<PersonId>, text: &str) -> Message {
    let sender = from.map(|p| if p == ERIK { person(1, "Erik Lind") } else { person(2, "Sara Holm") });
    Message {
        id: MessageId(id),
        conversation_id: CONVERSATION,
        seq,
        sender,
        kind: if from.is_some() { MessageKind::Text } else { MessageKind::System },
        text: from.is_some().then(|| text.to_owned()),
        attachment: None,
        system: None,
        client_id: None,
        forward_of: None,
        comment: None,
        owner: MessageOwner::Participants,
        sent_at: NOW,
        reply_to: None,
        edited_at: None,
        deleted: None,
        reactions: Vec::new(),
    }
}

fn note(id: i64, seq: i64, note: SystemNote) -> Message {
    Message { system: Some(note), ..message(id, seq, None, "") }
}

fn created(id: i64, seq: i64) -> Event {
    Event::MessageCreated { message: message(id, seq, Some(SARA), "hi") }
}

fn members() -> Vec<Member> {
    [(ERIK, "Erik Lind"), (SARA, "Sara Holm")]
        .into_iter()
        .map(|(id, name)| Member {
            person_id: Some(id),
            directory_entry_id: None,
            display_name: name.to_owned(),
            role: Role::Member,
            joined_at: 0,
        })
        .collect()
}

fn allowed() -> Capabilities {
    Capabilities { read: true, send: true, copy: true, forward: true, share: true, ..Capabilities::default() }
}

fn restricted() -> Capabilities {
    Capabilities { copy: false, forward: false, share: false, ..allowed() }
}

/// Dispatches a cancelable, bubbling event of `kind` at `element`; returns
/// whether something refused it (`preventDefault`).
fn fire(element: &web_sys::Element, kind: &str) -> bool {
    let dispatch = js_sys::Function::new_with_args(
        "el, kind",
        "const e = new Event(kind, {bubbles: true, cancelable: true}); el.dispatchEvent(e); return e.defaultPrevented;",
    );
    dispatch.call2(&wasm_bindgen::JsValue::NULL, element, &kind.into()).unwrap().as_bool().unwrap()
}

fn buttons_named(view: &Mounted, name: &str) -> usize {
    view.all("button").iter().filter(|b| b.text_content().as_deref() == Some(name)).count()
}

// ------------------------------------------------------------------ sync

#[wasm_bindgen_test]
fn events_bump_what_they_touch_and_move_the_cursor() {
    let owner = Owner::new();
    owner.with(|| {
        let live = Live::new();
        let mut cursor = Cursor::default();
        assert!(cursor.apply(&live, envelope(1, created(100, 1))));
        assert_eq!(live.conversations.get_untracked(), 1);
        assert_eq!(live.me.get_untracked(), 0);
        assert!(cursor.apply(&live, envelope(2, Event::MeChanged)));
        assert_eq!((live.conversations.get_untracked(), live.me.get_untracked()), (1, 1));
        let revoked = Event::OrgRevoked { org_id: OrgId(3), reason: RevocationReason::OrgDisabled };
        assert!(cursor.apply(&live, envelope(3, revoked)));
        assert_eq!((live.conversations.get_untracked(), live.me.get_untracked()), (2, 2));
        assert_eq!(cursor.last(), Some(EventId(3)));
        assert_eq!(cursor.since(), 3, "a reconnect resumes after the last event applied");
        let ids: Vec<i64> = live.events.get_untracked().iter().map(|e| e.id.0).collect();
        assert_eq!(ids, [1, 2, 3]);
    });
}

#[wasm_bindgen_test]
fn an_event_seen_before_is_never_applied_twice() {
    let owner = Owner::new();
    owner.with(|| {
        let live = Live::new();
        let mut cursor = Cursor::default();
        assert_eq!(cursor.apply_all(&live, vec![envelope(1, created(100, 1)), envelope(2, created(101, 2))]), 2);
        // A reconnect replays from an older cursor, or the server repeats itself.
        let replay = vec![envelope(1, created(100, 1)), envelope(2, created(101, 2)), envelope(3, created(102, 3))];
        assert_eq!(cursor.apply_all(&live, replay), 1);
        assert!(!cursor.apply(&live, envelope(2, created(101, 2))));
        assert_eq!(live.events.get_untracked().len(), 3);
        assert_eq!(live.conversations.get_untracked(), 2, "one bump per batch with something new");
        assert_eq!(cursor.last(), Some(EventId(3)));
    });
}

#[wasm_bindgen_test]
fn the_recent_events_are_capped() {
    let owner = Owner::new();
    owner.with(|| {
        let live = Live::new();
        let mut cursor = Cursor::new(Some(EventId(10)));
        let many: Vec<_> = (11..11 + RECENT_EVENTS as i64 + 50).map(|i| envelope(i, Event::MeChanged)).collect();
        let newest = many.last().unwrap().id;
        assert_eq!(cursor.apply_all(&live, many), RECENT_EVENTS + 50);
        let events = live.events.get_untracked();
        assert_eq!(events.len(), RECENT_EVENTS);
        assert_eq!(events.last().unwrap().id, newest);
        assert_eq!(events.first().unwrap().id, EventId(61));
        // A screen that last read id 258 takes only what came after.
        assert_eq!(sync::newer_than(&events, Some(EventId(258))).len(), 2);
    });
}

#[wasm_bindgen_test]
fn sign_out_forgets_the_events() {
    let owner = Owner::new();
    owner.with(|| {
        let live = Live::new();
        Cursor::default().apply(&live, envelope(1, Event::MeChanged));
        live.online.set(true);
        live.reset();
        assert!(live.events.get_untracked().is_empty());
        assert!(!live.online.get_untracked());
        assert_eq!(live.newest_event_id(), None);
    });
}

// ---------------------------------------------------------- message list

fn list(capabilities: Signal<Capabilities>, messages: Vec<Message>) -> Mounted {
    mount(move || {
        view! {
            <MessageList
                messages=messages
                capabilities=capabilities
                viewer=ERIK
                members=members()
                on_forward=Callback::new(|_: Message| {})
            />
        }
    })
}

#[wasm_bindgen_test]
fn copy_and_forward_show_where_the_capabilities_allow_them() {
    let messages = vec![message(1, 1, Some(SARA), "Morning"), message(2, 2, Some(ERIK), "Hi Sara")];
    let view = list(Signal::stored(allowed()), messages);
    assert_eq!(buttons_named(&view, "Copy"), 2);
    assert_eq!(buttons_named(&view, "Forward"), 2);
    assert!(!view.one(".message-scroll").class_list().contains("no-copy"));
    assert!(!fire(&view.one(".msg-text"), "copy"), "copying is left alone where it is allowed");
    assert_eq!(view.one("[role=log]").get_attribute("aria-label").as_deref(), Some("Messages"));
}

#[wasm_bindgen_test]
fn without_the_capabilities_there_is_no_copy_or_forward_and_the_text_cant_be_copied() {
    let messages = vec![message(1, 1, Some(SARA), "Quarterly numbers"), message(2, 2, Some(ERIK), "Thanks")];
    let view = list(Signal::stored(restricted()), messages);
    assert_eq!(buttons_named(&view, "Copy"), 0);
    assert_eq!(buttons_named(&view, "Forward"), 0);
    let scroller = view.one(".message-scroll");
    assert!(scroller.class_list().contains("no-copy"));
    for kind in ["copy", "cut", "contextmenu"] {
        assert!(fire(&view.one(".msg-text"), kind), "{kind} is refused");
    }
}

#[wasm_bindgen_test]
async fn a_policy_change_takes_copy_and_forward_away_without_a_reload() {
    let capabilities = RwSignal::new(allowed());
    let view = list(capabilities.into(), vec![message(1, 1, Some(SARA), "Plan")]);
    assert_eq!(buttons_named(&view, "Copy"), 1);
    capabilities.set(Capabilities { copy: false, forward: false, ..allowed() });
    tick().await;
    assert_eq!(buttons_named(&view, "Copy"), 0);
    assert_eq!(buttons_named(&view, "Forward"), 0);
    // Copying is refused the moment the policy says so.
    assert!(fire(&view.one(".msg-text"), "copy"));
}

#[wasm_bindgen_test]
async fn a_tombstone_a_quote_an_edit_and_reactions_show_and_follow_changes() {
    use samtal_core::api::{DeletedBy, Deletion, Reaction, ReplyQuote};
    let original = message(1, 1, Some(SARA), "Lunch at noon?");
    let reply = Message {
        reply_to: Some(ReplyQuote {
            id: original.id,
            seq: 1,
            sender: original.sender.clone(),
            text: original.text.clone(),
            kind: MessageKind::Text,
            deleted: false,
        }),
        edited_at: Some(NOW),
        reactions: vec![
            Reaction { emoji: "👍".to_owned(), count: 2, mine: true },
            Reaction { emoji: "🎉".to_owned(), count: 1, mine: false },
        ],
        ..message(2, 2, Some(ERIK), "Yes, see you there")
    };
    let removed = Message {
        text: None,
        deleted: Some(Deletion { by: DeletedBy::Admin, at: NOW }),
        ..message(3, 3, Some(SARA), "")
    };
    let messages = RwSignal::new(vec![original.clone(), reply, removed]);
    let verbs = samtal_web::components::message_row::MessageVerbs {
        reply: Callback::new(|_| {}),
        edit: Callback::new(|_| {}),
        delete: Callback::new(|_| {}),
        delete_for_me: Callback::new(|_| {}),
        react: Callback::new(|_| {}),
    };
    let caps = Capabilities { reply: true, react: true, edit: true, delete: true, ..allowed() };
    let view = mount(move || {
        view! { <MessageList messages=messages capabilities=caps viewer=ERIK members=members() verbs=verbs /> }
    });
    let quote = view.one(".msg-quote");
    assert_eq!(quote.get_attribute("aria-label").as_deref(), Some("Go to Sara Holm's message"));
    assert!(quote.text_content().unwrap_or_default().contains("Lunch at noon?"));
    assert_eq!(view.one(".msg-edited").text_content().as_deref(), Some("(edited)"));
    let reactions: Vec<(Option<String>, Option<String>)> = view
        .all(".reaction")
        .iter()
        .map(|b| (b.get_attribute("aria-label"), b.get_attribute("aria-pressed")))
        .collect();
    assert_eq!(
        reactions,
        [
            (Some("2 reactions 👍".to_owned()), Some("true".to_owned())),
            (Some("1 reaction 🎉".to_owned()), Some("false".to_owned()))
        ]
    );
    assert_eq!(view.one(".msg-deleted").text_content().as_deref(), Some("Removed by an admin"));
    assert_eq!(view.all("button[aria-haspopup=menu]").len(), 3, "every message has More actions");

    // The original is deleted: its row becomes a tombstone, and the quote follows.
    let deleted = Message { text: None, deleted: Some(Deletion { by: DeletedBy::Sender, at: NOW }), ..original };
    messages.update(|list| {
        for m in list.iter_mut() {
            if m.id == deleted.id {
                *m = deleted.clone();
            } else {
                m.follow_quoted(&deleted);
            }
        }
    });
    tick().await;
    assert!(view.one(".msg-quote").text_content().unwrap_or_default().contains("This message was deleted"));
    assert_eq!(view.all(".msg-deleted").len(), 2);
    assert!(!view.one(".messages").text_content().unwrap_or_default().contains("Lunch at noon?"));
}

#[wasm_bindgen_test]
fn the_conversion_is_a_visible_line_and_other_notes_are_centered_notes() {
    let messages = vec![
        note(1, 1, SystemNote::Created { by: "Erik Lind".into() }),
        message(2, 2, Some(SARA), "Before"),
        note(3, 3, SystemNote::Converted { by: "Erik Lind".into(), org_name: "Nordvik Energi".into() }),
        message(4, 4, Some(SARA), "After"),
    ];
    let view = list(Signal::stored(allowed()), messages);
    let line = view.one(".msg-converted .converted-line");
    assert_eq!(line.text_content().as_deref(), Some("— Became an organization group: Nordvik Energi —"));
    // The line sits between the messages from before and after the conversion.
    let seqs: Vec<String> =
        view.all(".messages > li").iter().map(|li| li.get_attribute("data-seq").unwrap_or_default()).collect();
    assert_eq!(seqs, ["1", "2", "3", "4"]);
    let created = view.one(".msg-system");
    assert!(created.text_content().unwrap().contains("Erik Lind created the conversation"));
    // Notes have no sender, no Copy and no Forward.
    assert_eq!(buttons_named(&view, "Copy"), 2);
}

#[wasm_bindgen_test]
fn messages_show_sender_time_and_read_state() {
    let markers = vec![ReadMarker { person_id: ERIK, seq: 3 }, ReadMarker { person_id: SARA, seq: 2 }];
    let messages =
        vec![message(1, 1, Some(ERIK), "One"), message(2, 2, Some(SARA), "Two"), message(3, 3, Some(ERIK), "Three")];
    let view = mount(move || {
        view! {
            <MessageList
                messages=messages
                capabilities=allowed()
                viewer=ERIK
                members=members()
                read_markers=markers
                on_sender=Callback::new(|_: PersonId| {})
            />
        }
    });
    let rows = view.all(".msg");
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].query_selector(".msg-sender").unwrap().unwrap().text_content().as_deref(), Some("You"));
    // Another person's name is a button that opens their profile.
    let sara = rows[1].query_selector("button.msg-sender").unwrap().unwrap();
    assert_eq!(sara.text_content().as_deref(), Some("Sara Holm"));
    assert!(rows[1].query_selector("time[datetime]").unwrap().is_some());
    let state = |row: &web_sys::Element| row.query_selector(".msg-state").unwrap().unwrap().text_content().unwrap();
    // Older own messages say "Seen"; the newest names who has seen it.
    assert_eq!(state(&rows[0]), "Seen");
    assert_eq!(state(&rows[2]), "Sent", "Sara has read up to seq 2");
    assert!(rows[1].query_selector(".msg-state").unwrap().is_none(), "no read state on others' messages");
}

#[wasm_bindgen_test]
async fn read_markers_arriving_live_change_the_state() {
    let markers = RwSignal::new(vec![ReadMarker { person_id: SARA, seq: 0 }]);
    let view = mount(move || {
        view! {
            <MessageList
                messages=vec![message(1, 1, Some(ERIK), "Hello")]
                capabilities=allowed()
                viewer=ERIK
                members=members()
                read_markers=markers
            />
        }
    });
    assert_eq!(view.one(".msg-state").text_content().as_deref(), Some("Sent"));
    markers.set(vec![ReadMarker { person_id: SARA, seq: 1 }]);
    tick().await;
    assert_eq!(view.one(".msg-state").text_content().as_deref(), Some("Seen by Sara Holm"));
}

#[wasm_bindgen_test]
fn the_unread_marker_sits_where_the_unread_messages_begin() {
    let messages = vec![message(1, 1, Some(SARA), "Read"), message(2, 2, Some(SARA), "New one")];
    let view = mount(move || {
        view! { <MessageList messages=messages capabilities=allowed() viewer=ERIK unread_from=Some(2) /> }
    });
    let items = view.all(".messages > li");
    assert_eq!(items.len(), 3);
    assert!(items[1].class_list().contains("unread-line"));
    assert_eq!(items[1].text_content().as_deref(), Some("New messages"));
    assert_eq!(items[2].get_attribute("data-seq").as_deref(), Some("2"));
}

#[wasm_bindgen_test]
async fn a_failed_send_offers_retry_with_the_same_client_id() {
    let retried = RwSignal::new(None::<String>);
    let outgoing = vec![
        Outgoing {
            client_id: "web-1".into(),
            text: Some("Sending this".into()),
            file: None,
            state: OutgoingState::Sending,
        },
        Outgoing {
            client_id: "web-2".into(),
            text: Some("This failed".into()),
            file: None,
            state: OutgoingState::Failed("No connection.".into()),
        },
        Outgoing {
            client_id: "web-3".into(),
            text: None,
            file: Some(OutgoingFile { name: "plan.png".into(), kind: AttachmentKind::Image, attachment_id: None }),
            state: OutgoingState::Uploading(40),
        },
    ];
    let view = mount(move || {
        let none: Vec<Message> = Vec::new();
        view! {
            <MessageList
                messages=none
                capabilities=allowed()
                viewer=ERIK
                outgoing=outgoing
                on_retry=Callback::new(move |id: String| retried.set(Some(id)))
            />
        }
    });
    let text = view.text();
    assert!(text.contains("Sending…"), "{text}");
    assert!(text.contains("Failed. No connection."), "{text}");
    assert!(text.contains("Uploading… 40%"), "{text}");
    assert_eq!(view.one("progress").get_attribute("value").as_deref(), Some("40"));
    assert_eq!(buttons_named(&view, "Retry"), 1);
    let retry = view.all("button").into_iter().find(|b| b.text_content().as_deref() == Some("Retry")).unwrap();
    click(&retry);
    tick().await;
    assert_eq!(retried.get_untracked().as_deref(), Some("web-2"));
}

fn attachment_message(kind: AttachmentKind, name: &str) -> Message {
    Message {
        kind: MessageKind::Attachment,
        text: None,
        attachment: Some(Attachment {
            id: AttachmentId(5),
            kind,
            mime: "image/png".into(),
            name: name.into(),
            size: 2048,
            url: "/api/attachments/5".into(),
        }),
        ..message(1, 1, Some(SARA), "")
    }
}

#[wasm_bindgen_test]
fn images_show_inline_and_download_only_where_sharing_is_allowed() {
    let shared = list(Signal::stored(allowed()), vec![attachment_message(AttachmentKind::Image, "site.png")]);
    let img = shared.one("img");
    assert_eq!(img.get_attribute("alt").as_deref(), Some("site.png"));
    assert_eq!(img.get_attribute("src").as_deref(), Some("/api/attachments/5"));
    assert_eq!(shared.one("a[download]").get_attribute("href").as_deref(), Some("/api/attachments/5"));
    drop(shared);

    let locked = list(Signal::stored(restricted()), vec![attachment_message(AttachmentKind::Video, "walk.mp4")]);
    assert!(locked.all("a[download]").is_empty());
    assert!(locked.all("video").is_empty());
    assert!(locked.text().contains("walk.mp4"));
}

#[wasm_bindgen_test]
fn video_and_audio_get_the_browsers_controls() {
    let view = list(
        Signal::stored(allowed()),
        vec![attachment_message(AttachmentKind::Video, "a.mp4"), {
            let mut m = attachment_message(AttachmentKind::Audio, "b.ogg");
            m.id = MessageId(2);
            m.seq = 2;
            m
        }],
    );
    assert!(view.one("video").has_attribute("controls"));
    assert!(view.one("audio").has_attribute("controls"));
}

// -------------------------------------------------------------- composer

fn press(element: &web_sys::Element, key: &str, shift: bool) -> bool {
    let dispatch = js_sys::Function::new_with_args(
        "el, key, shift",
        "const e = new KeyboardEvent('keydown', {key, shiftKey: shift, bubbles: true, cancelable: true});\
         el.dispatchEvent(e); return e.defaultPrevented;",
    );
    dispatch.call3(&wasm_bindgen::JsValue::NULL, element, &key.into(), &shift.into()).unwrap().as_bool().unwrap()
}

#[wasm_bindgen_test]
async fn enter_sends_and_shift_enter_makes_a_new_line() {
    let sent = RwSignal::new(Vec::<String>::new());
    let view = mount(move || {
        view! { <Composer on_send=Callback::new(move |text: String| sent.update(|s| s.push(text))) /> }
    });
    let label = view.one("label[for=composer-text]");
    assert_eq!(label.text_content().as_deref(), Some("Message"));
    let area = view.one("#composer-text");
    assert_eq!(area.tag_name(), "TEXTAREA");
    let textarea: web_sys::HtmlTextAreaElement = area.clone().dyn_into().unwrap();
    textarea.set_value("  line one ");
    textarea.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    tick().await;
    assert!(!press(&area, "Enter", true), "Shift+Enter is left to the text box");
    assert!(sent.get_untracked().is_empty());
    assert!(press(&area, "Enter", false));
    tick().await;
    assert_eq!(sent.get_untracked(), ["line one"]);
    assert_eq!(textarea.value(), "", "the box empties once sent");
    // Nothing to send: Enter does nothing.
    press(&area, "Enter", false);
    tick().await;
    assert_eq!(sent.get_untracked().len(), 1);
}

#[wasm_bindgen_test]
fn a_closed_conversation_disables_the_composer_and_says_why() {
    let view = mount(|| {
        view! {
            <Composer
                on_send=Callback::new(|_: String| {})
                on_attach=Callback::new(|_: web_sys::File| {})
                disabled_reason=Some("This organization has turned Samtal off.".to_owned())
            />
        }
    });
    assert!(view.text().contains("This organization has turned Samtal off."));
    assert!(view.one("textarea").has_attribute("disabled"));
    for button in view.all("button") {
        assert!(button.has_attribute("disabled"), "{:?}", button.text_content());
    }
    let file = view.one("input[type=file]");
    assert_eq!(file.get_attribute("accept").as_deref(), Some("image/*,video/*,audio/*"));
}

// ---------------------------------------------------------------- header

fn detail(kind: ConversationKind, scope: Scope) -> ConversationDetail {
    let summary = ConversationSummary {
        id: CONVERSATION,
        kind,
        scope,
        owner_org: (scope == Scope::Org).then(|| OrgRef { id: OrgId(1), name: "Nordvik Energi".into() }),
        title: if kind == ConversationKind::Group { "Project Aurora".into() } else { "Sara Holm".into() },
        unread: 0,
        last_message: None,
        last_activity_at: NOW,
        converted_at: None,
        closed: None,
        capabilities: allowed(),
    };
    ConversationDetail {
        summary,
        members: members(),
        owner: None,
        ownership: String::new(),
        created_via: CreatedVia::App,
        created_at: NOW,
        policies: None,
        group_policies: None,
        my_role: Some(Role::Member),
    }
}

#[wasm_bindgen_test]
fn an_org_group_header_wears_the_badge_and_links_to_the_group_profile() {
    let view = mount(|| {
        let d = detail(ConversationKind::Group, Scope::Org);
        view! { <ChatHeader summary=d.summary members=Some(d.members) viewer=ERIK /> }
    });
    assert_eq!(view.one("h1").text_content().as_deref(), Some("Project Aurora"));
    assert_eq!(view.all("[role=img][aria-label=Office]").len(), 1);
    let profile = view.all("a").into_iter().find(|a| a.text_content().as_deref() == Some("Group profile")).unwrap();
    assert_eq!(profile.get_attribute("href").as_deref(), Some("/chats/9/profile"));
    assert!(view.text().contains("Nordvik Energi"));
}

#[wasm_bindgen_test]
fn a_private_chat_header_has_no_badge_and_no_group_profile() {
    let view = mount(|| {
        let d = detail(ConversationKind::Chat, Scope::Private);
        view! {
            <ChatHeader
                summary=d.summary
                members=Some(d.members)
                viewer=ERIK
                on_person=Callback::new(|_: PersonId| {})
            />
        }
    });
    assert!(view.all("[aria-label=Office]").is_empty());
    assert!(view.all("a").iter().all(|a| a.text_content().as_deref() != Some("Group profile")));
    // The other person's name opens their profile.
    assert_eq!(view.one("h1 button").text_content().as_deref(), Some("Sara Holm"));
    assert!(view.text().contains("Private chat"));
}

#[wasm_bindgen_test]
fn a_header_from_the_list_alone_names_the_conversation_without_a_member_count() {
    // Offline, before the profile was ever cached: only the list's row is known.
    let view = mount(|| {
        let d = detail(ConversationKind::Group, Scope::Private);
        view! { <ChatHeader summary=d.summary members=None viewer=ERIK /> }
    });
    assert_eq!(view.one("h1").text_content().as_deref(), Some("Project Aurora"));
    assert_eq!(view.one(".chat-subtitle").text_content().as_deref(), Some("Private group"));
}
