//! Helpers shared by the browser suites: mounting views into a fresh element,
//! querying the DOM, letting the reactive system settle, and sample wire data.

#![allow(dead_code)]

use leptos::prelude::*;
use samtal_core::api::{
    ConversationKind, ConversationSummary, EmailSettings, Me, Message, MessageKind, MessageOwner, OrgRef, Person,
    Scope, WorkAccount,
};
use samtal_core::{Capabilities, ConversationId, DirectoryEntryId, MessageId, OrgId, PersonId};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};

/// A view mounted into its own `<div>` in the test page; removed on drop.
pub struct Mounted {
    pub root: HtmlElement,
    _handle: Box<dyn std::any::Any>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

impl Mounted {
    /// Every element matching `selector`.
    pub fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into::<Element>().ok()).collect()
    }

    /// The one element matching `selector`.
    pub fn one(&self, selector: &str) -> Element {
        self.root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no element matches {selector}"))
    }

    /// The text of the whole mounted view.
    pub fn text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }
}

/// Mounts `view` into a fresh element appended to the body.
pub fn mount<F, N>(view: F) -> Mounted
where
    F: FnOnce() -> N + 'static,
    N: IntoView + 'static,
{
    let document = web_sys::window().unwrap().document().unwrap();
    let root: HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.clone(), view);
    Mounted { root, _handle: Box::new(handle) }
}

/// Waits for a macrotask, so effects and spawned futures run.
pub async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let window = web_sys::window().unwrap();
        window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Types into an input the way a person does: sets the value and fires `input`.
pub fn type_into(input: &Element, value: &str) {
    let input: web_sys::HtmlInputElement = input.clone().dyn_into().unwrap();
    input.set_value(value);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

/// Clicks an element.
pub fn click(element: &Element) {
    element.clone().dyn_into::<HtmlElement>().unwrap().click();
}

/// Logs to the browser console (visible in the runner's output on failure).
pub fn log(message: &str) {
    web_sys::console::log_1(&JsValue::from_str(message));
}

pub const NOW: i64 = 1_741_957_500_000;

pub fn person(id: i64, name: &str) -> Person {
    Person {
        id: PersonId(id),
        handle: name.split_whitespace().next().unwrap_or_default().to_lowercase(),
        display_name: name.to_owned(),
    }
}

pub fn text_message(conversation: i64, sender: &str, text: &str, sent_at: i64) -> Message {
    Message {
        id: MessageId(conversation * 100),
        conversation_id: ConversationId(conversation),
        seq: 1,
        sender: Some(person(7, sender)),
        kind: MessageKind::Text,
        text: Some(text.to_owned()),
        attachment: None,
        system: None,
        client_id: None,
        forward_of: None,
        comment: None,
        owner: MessageOwner::Participants,
        sent_at,
        reply_to: None,
        edited_at: None,
        deleted: None,
        reactions: Vec::new(),
    }
}

/// An org group owned by "Acme" and a private chat with Kim.
pub fn sample_conversations() -> Vec<ConversationSummary> {
    let org = ConversationSummary {
        id: ConversationId(1),
        kind: ConversationKind::Group,
        scope: Scope::Org,
        owner_org: Some(OrgRef { id: OrgId(1), name: "Acme".into() }),
        title: "Launch team".into(),
        unread: 3,
        last_message: Some(text_message(1, "Sara", "Ship it on Monday", NOW - 60_000)),
        last_activity_at: NOW - 60_000,
        converted_at: None,
        closed: None,
        capabilities: Capabilities::default(),
    };
    let private = ConversationSummary {
        id: ConversationId(2),
        kind: ConversationKind::Chat,
        scope: Scope::Private,
        owner_org: None,
        title: "Kim".into(),
        unread: 0,
        last_message: Some(text_message(2, "Kim", "Lunch?", NOW)),
        last_activity_at: NOW,
        converted_at: None,
        closed: None,
        capabilities: Capabilities::default(),
    };
    vec![org, private]
}

pub fn me(admin_of: &[(&str, i64)], work: bool) -> Me {
    Me {
        person: person(1, "Erik Berg"),
        work_account: work.then(|| WorkAccount {
            org_id: OrgId(1),
            org_name: "Acme".into(),
            directory_entry_id: DirectoryEntryId(5),
            email: "erik@acme.example".into(),
            alias: "erik".into(),
            designation: "Engineer".into(),
            department: "Platform".into(),
        }),
        admin_orgs: admin_of.iter().map(|(name, id)| OrgRef { id: OrgId(*id), name: (*name).to_owned() }).collect(),
        operator: false,
        email_settings: EmailSettings { enabled: true, delay_minutes: 15 },
        language: None,
        installation: "test".into(),
    }
}
