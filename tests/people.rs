//! Contacts, search, profiles, dialogs and the group profile's pieces,
//! mounted into the test page and used the way a person (or a screen
//! reader) does. Network calls go to a stand-in `fetch` that records them.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod support;

use leptos::prelude::*;
use leptos_router::components::Router;
use samtal_core::api::{AddMember, ConversationKind, Member, OrgRef, Role, Scope, SearchResult, SearchSource};
use samtal_core::{DirectoryEntryId, OrgId, PersonId, Policies, Restrictions, SetBy};
use samtal_web::components::ChatRow;
use samtal_web::components::dialog::{ConfirmDialog, Dialog};
use samtal_web::components::menu::{MenuAction, MenuButton, next_item};
use samtal_web::components::people_search::{
    PeopleSearch, SearchBox, SearchGate, SearchResultRow, SearchStatus, merge_results, search_term,
};
use samtal_web::components::profile_card::ProfileCard;
use samtal_web::components::start_conversation::OrgChatDialog;
use samtal_web::pages::contacts_page::ContactList;
use samtal_web::pages::group_profile_page::{add_target, is_member, policy_lines};
use samtal_web::state::{Session, SessionState};
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

// ------------------------------------------------------------ helpers

/// Replaces `window.fetch` with a stand-in that records each URL and answers
/// `body` as JSON (or fails, without a body). Dropping it puts fetch back.
struct FakeFetch {
    original: JsValue,
}

impl FakeFetch {
    fn install(body: Option<&str>) -> Self {
        let window = web_sys::window().unwrap();
        let original = js_sys::Reflect::get(&window, &"fetch".into()).unwrap();
        let fake = js_sys::Function::new_with_args(
            "input, init",
            &format!(
                "const url = typeof input === 'string' ? input : input.url;
                 (window.__fetched = window.__fetched || []).push(url);
                 const body = {};
                 if (body === null) return Promise.reject(new TypeError('offline in tests'));
                 return Promise.resolve(new Response(JSON.stringify(body),
                     {{ status: 200, headers: {{ 'Content-Type': 'application/json' }} }}));",
                body.unwrap_or("null")
            ),
        );
        js_sys::Reflect::set(&window, &"fetch".into(), &fake).unwrap();
        js_sys::Reflect::set(&window, &"__fetched".into(), &js_sys::Array::new()).unwrap();
        Self { original }
    }

    /// The URLs fetched so far.
    fn urls(&self) -> Vec<String> {
        let window = web_sys::window().unwrap();
        let list = js_sys::Reflect::get(&window, &"__fetched".into()).unwrap();
        js_sys::Array::from(&list).iter().filter_map(|v| v.as_string()).collect()
    }
}

impl Drop for FakeFetch {
    fn drop(&mut self) {
        let window = web_sys::window().unwrap();
        js_sys::Reflect::set(&window, &"fetch".into(), &self.original).unwrap();
    }
}

/// Waits `ms` milliseconds.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Presses `key` on `element` (a `keydown` that bubbles).
fn press(element: &web_sys::Element, key: &str, shift: bool) {
    let dispatch = js_sys::Function::new_with_args(
        "el, key, shift",
        "el.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey: shift, bubbles: true, cancelable: true }))",
    );
    dispatch.call3(&JsValue::NULL, element, &key.into(), &shift.into()).unwrap();
}

fn active() -> Option<web_sys::Element> {
    web_sys::window().unwrap().document().unwrap().active_element()
}

fn directory_result(name: &str, email: &str, person: Option<i64>) -> SearchResult {
    SearchResult {
        source: SearchSource::Directory,
        person_id: person.map(PersonId),
        directory_entry_id: Some(DirectoryEntryId(40)),
        display_name: name.to_owned(),
        email: Some(email.to_owned()),
        alias: Some(email.split('@').next().unwrap().to_owned()),
        designation: Some("Grid Engineer".to_owned()),
        department: Some("Grid Engineering".to_owned()),
        org: Some(OrgRef { id: OrgId(1), name: "Acme".to_owned() }),
    }
}

fn contact_result(name: &str, person: i64) -> SearchResult {
    SearchResult {
        source: SearchSource::Contact,
        person_id: Some(PersonId(person)),
        directory_entry_id: None,
        display_name: name.to_owned(),
        email: None,
        alias: None,
        designation: None,
        department: None,
        org: None,
    }
}

fn signed_in() {
    provide_context(Session::new(SessionState::SignedIn(Box::new(me(&[], true)))));
}

// ------------------------------------------------------------- dialog

#[wasm_bindgen_test]
async fn a_dialog_is_a_modal_named_by_its_heading() {
    let view = mount(|| {
        view! {
            <Dialog title="Start an organization chat" on_close=Callback::new(|()| {})>
                <p>"Body"</p>
                <button type="button">"First"</button>
                <button type="button">"Second"</button>
            </Dialog>
        }
    });
    let dialog = view.one("[role=dialog]");
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    let heading_id = dialog.get_attribute("aria-labelledby").unwrap();
    let heading = view.one(&format!("#{heading_id}"));
    assert_eq!(heading.tag_name(), "H2");
    assert_eq!(heading.text_content().as_deref(), Some("Start an organization chat"));
    tick().await;
    // Focus moved into the dialog, onto its first control.
    assert_eq!(active().and_then(|a| a.text_content()).as_deref(), Some("First"));
}

#[wasm_bindgen_test]
async fn escape_closes_a_dialog_and_tab_stays_inside() {
    let closed = RwSignal::new(0);
    let view = mount(move || {
        view! {
            <Dialog title="Edit" on_close=Callback::new(move |()| closed.update(|n| *n += 1))>
                <button type="button" id="first">"First"</button>
                <button type="button" id="last">"Last"</button>
            </Dialog>
        }
    });
    tick().await;
    let last = view.one("#last");
    last.clone().dyn_into::<web_sys::HtmlElement>().unwrap().focus().unwrap();
    press(&last, "Tab", false);
    assert_eq!(active().map(|a| a.id()).as_deref(), Some("first"), "Tab from the last control wraps to the first");
    press(&view.one("#first"), "Tab", true);
    assert_eq!(active().map(|a| a.id()).as_deref(), Some("last"), "Shift+Tab from the first wraps to the last");
    assert_eq!(closed.get_untracked(), 0);
    press(&view.one("#last"), "Escape", false);
    assert_eq!(closed.get_untracked(), 1, "Escape asks to close");
}

#[wasm_bindgen_test]
async fn closing_a_dialog_gives_focus_back_to_its_opener() {
    let open = RwSignal::new(false);
    let view = mount(move || {
        view! {
            <button type="button" id="opener" on:click=move |_| open.set(true)>
                "Open"
            </button>
            <Show when=move || open.get()>
                <Dialog title="Hello" on_close=Callback::new(move |()| open.set(false))>
                    <button type="button" id="inside">"Inside"</button>
                </Dialog>
            </Show>
        }
    });
    let opener = view.one("#opener");
    opener.clone().dyn_into::<web_sys::HtmlElement>().unwrap().focus().unwrap();
    click(&opener);
    tick().await;
    assert_eq!(active().map(|a| a.id()).as_deref(), Some("inside"));
    press(&view.one("#inside"), "Escape", false);
    tick().await;
    assert!(view.all("[role=dialog]").is_empty(), "the dialog is gone");
    assert_eq!(active().map(|a| a.id()).as_deref(), Some("opener"));
}

/// Waits until the browser has painted a frame or two.
async fn frames() {
    for _ in 0..2 {
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            web_sys::window().unwrap().request_animation_frame(&resolve).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

#[wasm_bindgen_test]
async fn focus_goes_to_the_screens_heading_when_the_dialog_removed_its_opener() {
    let open = RwSignal::new(false);
    let member = RwSignal::new(true);
    let view = mount(move || {
        view! {
            <main id="main">
                <h1 id="heading">"Launch team"</h1>
                <Show when=move || member.get()>
                    <button type="button" id="opener" on:click=move |_| open.set(true)>
                        "Remove"
                    </button>
                </Show>
                <Show when=move || open.get()>
                    <Dialog title="Remove Kim?" on_close=Callback::new(move |()| open.set(false))>
                        <button type="button" id="confirm">"Remove"</button>
                    </Dialog>
                </Show>
            </main>
        }
    });
    let opener = view.one("#opener");
    opener.clone().dyn_into::<web_sys::HtmlElement>().unwrap().focus().unwrap();
    click(&opener);
    tick().await;
    assert_eq!(active().map(|a| a.id()).as_deref(), Some("confirm"));
    // As on the group profile: the dialog closes, then the refreshed list
    // no longer has the member, nor the button that opened the dialog.
    open.set(false);
    member.set(false);
    frames().await;
    assert!(view.all("#opener").is_empty());
    assert_eq!(active().map(|a| a.id()).as_deref(), Some("heading"), "focus is not dropped on the page");
}

#[wasm_bindgen_test]
async fn cancel_in_a_confirmation_calls_nothing() {
    let fetch = FakeFetch::install(None);
    let confirmed = RwSignal::new(0);
    let cancelled = RwSignal::new(0);
    let view = mount(move || {
        view! {
            <ConfirmDialog
                title="Add to organization"
                confirm_label="Add to organization"
                on_confirm=Callback::new(move |()| confirmed.update(|n| *n += 1))
                on_cancel=Callback::new(move |()| cancelled.update(|n| *n += 1))
            >
                <p>"This can't be undone."</p>
            </ConfirmDialog>
        }
    });
    tick().await;
    // The safe choice has focus first.
    assert_eq!(active().and_then(|a| a.text_content()).as_deref(), Some("Cancel"));
    let buttons: Vec<String> = view.all("[role=dialog] button").iter().map(|b| b.text_content().unwrap()).collect();
    assert_eq!(buttons, ["Cancel", "Add to organization"]);
    click(&view.all("[role=dialog] button")[0]);
    tick().await;
    assert_eq!((confirmed.get_untracked(), cancelled.get_untracked()), (0, 1));
    assert!(fetch.urls().is_empty());
    click(&view.all("[role=dialog] button")[1]);
    assert_eq!(confirmed.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn the_org_chat_dialog_says_what_it_creates_and_cancel_creates_nothing() {
    let fetch = FakeFetch::install(None);
    let cancelled = RwSignal::new(0);
    let result = directory_result("Sara Holm", "sara.holm@acme.example", Some(3));
    let view = mount(move || {
        signed_in();
        view! {
            <Router>
                <OrgChatDialog result=result on_cancel=Callback::new(move |()| cancelled.update(|n| *n += 1)) />
            </Router>
        }
    });
    tick().await;
    let dialog = view.one("[role=dialog]");
    let text = dialog.text_content().unwrap();
    assert!(text.contains("This creates an organization chat with Sara Holm, owned by Acme"), "{text}");
    let names: Vec<String> = view.all("[role=dialog] button").iter().map(|b| b.text_content().unwrap()).collect();
    assert_eq!(names, ["Cancel", "Create"]);
    click(&view.all("[role=dialog] button")[0]);
    tick().await;
    assert_eq!(cancelled.get_untracked(), 1);
    assert!(fetch.urls().is_empty(), "Cancel sent {:?}", fetch.urls());
    // Create asks the server for the org chat (the fake answers "offline").
    click(&view.all("[role=dialog] button")[1]);
    tick().await;
    tick().await;
    assert_eq!(fetch.urls().len(), 1);
    assert!(fetch.urls()[0].ends_with("/api/conversations/chats"), "{:?}", fetch.urls());
    assert!(view.one("[role=alert]").text_content().unwrap().contains("can't reach the server"));
}

// ------------------------------------------------------------- search

#[wasm_bindgen_test]
fn a_directory_result_shows_the_office_badge_and_the_email_under_the_name() {
    let result = directory_result("Maja Nyberg", "maja.nyberg@acme.example", None);
    let view = mount(move || {
        view! {
            <ul>
                <SearchResultRow result=result on_profile=Some(Callback::new(|_: SearchResult| {}))>
                    <button type="button">"Start organization chat"</button>
                </SearchResultRow>
            </ul>
        }
    });
    let row = view.one("li");
    let badge = row.query_selector("[role=img][aria-label=Office]").unwrap().expect("the Office badge");
    assert_eq!(badge.get_attribute("title").as_deref(), Some("Owned by Acme"));
    // The badge is not inside the avatar button, so it stays in the accessibility tree.
    assert!(badge.closest("button").unwrap().is_none());
    let main = view.one(".person-main");
    let lines: Vec<String> =
        (0..main.children().length()).map(|i| main.children().item(i).unwrap().text_content().unwrap()).collect();
    assert!(lines[0].starts_with("Maja Nyberg"), "{lines:?}");
    assert_eq!(lines[1], "maja.nyberg@acme.example", "the e-mail is the line under the name");
    let avatar = view.one("button.avatar-button");
    assert_eq!(avatar.get_attribute("aria-label").as_deref(), Some("Show profile of Maja Nyberg"));
    // The actions are grouped under the person's name.
    let group = view.one("[role=group]");
    let name_id = group.get_attribute("aria-labelledby").unwrap();
    assert_eq!(view.one(&format!("#{name_id}")).text_content().as_deref(), Some("Maja Nyberg"));
}

#[wasm_bindgen_test]
fn a_contact_result_has_no_badge() {
    let result = contact_result("Kim Personal", 9);
    let view = mount(move || view! { <ul><SearchResultRow result=result /></ul> });
    assert!(view.all("[aria-label=Office]").is_empty());
    assert!(view.all("button").is_empty(), "no profile button without on_profile");
    assert!(view.text().contains("Kim Personal"));
}

#[wasm_bindgen_test]
fn only_the_newest_search_may_run_or_show() {
    let mut gate = SearchGate::default();
    let s = gate.typed("s").unwrap();
    let sa = gate.typed("sa").unwrap();
    // The pause timer of "s" fires after "sa" was typed: it does nothing.
    assert!(!gate.is_current(&s));
    assert!(gate.is_current(&sa));
    assert_eq!(sa.term, "sa");
    let sara = gate.typed(" sara ").unwrap();
    assert_eq!(sara.term, "sara");
    // "sa"'s answer arriving after "sara" was sent is dropped.
    assert!(!gate.is_current(&sa));
    assert!(gate.is_current(&sara));
    // Emptying the box makes every pending search stale.
    assert!(gate.typed("   ").is_none());
    assert!(!gate.is_current(&sara));
}

#[wasm_bindgen_test]
fn search_terms_are_trimmed_and_bounded() {
    assert_eq!(search_term("  maja "), Some("maja".to_owned()));
    assert_eq!(search_term(" \n "), None);
    assert_eq!(search_term(&"å".repeat(150)).unwrap().chars().count(), 100);
}

#[wasm_bindgen_test]
fn a_contact_in_the_directory_is_listed_once() {
    let results = vec![
        contact_result("Sara Holm", 3),
        contact_result("Kim Personal", 9),
        directory_result("Sara Holm", "sara.holm@acme.example", Some(3)),
        directory_result("Maja Nyberg", "maja.nyberg@acme.example", None),
    ];
    let rows = merge_results(results, &[PersonId(3), PersonId(9)]);
    let shown: Vec<(&str, SearchSource, bool)> =
        rows.iter().map(|r| (r.result.display_name.as_str(), r.result.source, r.is_contact)).collect();
    assert_eq!(
        shown,
        [
            ("Kim Personal", SearchSource::Contact, true),
            ("Sara Holm", SearchSource::Directory, true),
            ("Maja Nyberg", SearchSource::Directory, false),
        ]
    );
}

#[wasm_bindgen_test]
async fn typing_searches_once_after_a_pause() {
    let fetch = FakeFetch::install(Some(
        r#"[{"source":"directory","person_id":null,"directory_entry_id":4,"display_name":"Maja Nyberg",
            "email":"maja.nyberg@acme.example","alias":"maja.nyberg","designation":"Field Technician",
            "department":"Operations","org":{"id":1,"name":"Acme"}}]"#,
    ));
    let search = RwSignal::new(None::<PeopleSearch>);
    let view = mount(move || {
        let people = PeopleSearch::new();
        search.set(Some(people));
        view! { <SearchBox search=people /> }
    });
    let input = view.one("input[type=search]");
    let label = view.one("label");
    assert_eq!(label.text_content().as_deref(), Some("Search by name or alias"));
    assert_eq!(label.get_attribute("for"), Some(input.id()));
    for typed in ["m", "ma", "maj"] {
        type_into(&input, typed);
        sleep(50).await;
    }
    assert!(fetch.urls().is_empty(), "nothing is sent while typing");
    sleep(400).await;
    assert_eq!(fetch.urls().len(), 1, "{:?}", fetch.urls());
    assert!(fetch.urls()[0].ends_with("/api/search?q=maj"), "{:?}", fetch.urls());
    match search.get_untracked().unwrap().status.get_untracked() {
        SearchStatus::Done(term, results) => {
            assert_eq!(term, "maj");
            assert_eq!(results[0].display_name, "Maja Nyberg");
        }
        other => panic!("expected results, got {other:?}"),
    }
}

// ------------------------------------------------------------ profile

#[wasm_bindgen_test]
async fn the_profile_card_shows_directory_attributes_and_the_org_description() {
    let _fetch = FakeFetch::install(Some(
        r#"{"person":{"id":3,"handle":"sara","display_name":"Sara Holm"},
            "directory":{"directory_entry_id":4,"email":"sara.holm@acme.example","alias":"sara.holm",
              "designation":"Grid Engineer","department":"Grid Engineering",
              "org":{"id":1,"name":"Acme","domain":"acme.example","description":"Acme owns its conversations."}},
            "is_contact":true}"#,
    ));
    let closed = RwSignal::new(0);
    let view = mount(move || {
        signed_in();
        view! { <ProfileCard person_id=PersonId(3) on_close=Callback::new(move |()| closed.update(|n| *n += 1)) /> }
    });
    sleep(50).await;
    let dialog = view.one("[role=dialog]");
    let heading = view.one(&format!("#{}", dialog.get_attribute("aria-labelledby").unwrap()));
    assert_eq!(heading.text_content().as_deref(), Some("Sara Holm"));
    let text = dialog.text_content().unwrap();
    for fact in ["Grid Engineer", "Grid Engineering", "sara.holm@acme.example", "Acme", "Acme owns its conversations."]
    {
        assert!(text.contains(fact), "{fact} missing from {text}");
    }
    assert!(!view.all("[aria-label=Office]").is_empty(), "the avatar wears the org badge");
    let close = view.all("button").into_iter().find(|b| b.text_content().as_deref() == Some("Close")).unwrap();
    click(&close);
    assert_eq!(closed.get_untracked(), 1);
}

#[wasm_bindgen_test]
fn contacts_offer_a_private_chat_each() {
    let chatted = RwSignal::new(None::<PersonId>);
    let contacts = vec![
        samtal_core::api::Contact { person: person(3, "Sara Holm"), added_at: NOW },
        samtal_core::api::Contact { person: person(9, "Kim Personal"), added_at: NOW },
    ];
    let view = mount(move || {
        view! { <ContactList contacts=contacts on_chat=Callback::new(move |p| chatted.set(Some(p))) /> }
    });
    let rows = view.all("li");
    assert_eq!(rows.len(), 2);
    assert!(rows[0].text_content().unwrap().contains("Kim Personal"), "sorted by name");
    let button = rows[1].query_selector("button").unwrap().unwrap();
    assert_eq!(button.text_content().as_deref(), Some("Start private chat"));
    click(&button);
    assert_eq!(chatted.get_untracked(), Some(PersonId(3)));
}

// --------------------------------------------------------- chat list

#[wasm_bindgen_test]
fn every_chat_row_links_to_its_conversation() {
    let summary = sample_conversations().remove(0);
    let view = mount(move || view! { <ul><ChatRow summary=summary now=NOW /></ul> });
    let link = view.one("li a");
    assert_eq!(link.get_attribute("href").as_deref(), Some("/chats/1"));
    assert!(link.text_content().unwrap().contains("Launch team"));
}

// --------------------------------------------------------------- menu

#[wasm_bindgen_test]
async fn the_more_menu_works_from_the_keyboard() {
    let chosen = RwSignal::new(String::new());
    let view = mount(move || {
        let actions = vec![
            MenuAction::new("Add to organization", Callback::new(move |()| chosen.set("add".into()))),
            MenuAction::new("Edit policies", Callback::new(move |()| chosen.set("edit".into()))),
            MenuAction::danger("Leave group", Callback::new(move |()| chosen.set("leave".into()))),
        ];
        view! { <MenuButton label="More" actions=actions /> }
    });
    let button = view.one("button[aria-haspopup=menu]");
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("false"));
    assert!(view.all("[role=menu]").is_empty());
    button.clone().dyn_into::<web_sys::HtmlElement>().unwrap().focus().unwrap();
    press(&button, "ArrowDown", false);
    tick().await;
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("true"));
    let menu = view.one("[role=menu]");
    assert_eq!(menu.get_attribute("aria-labelledby"), Some(button.id()));
    let items = view.all("[role=menuitem]");
    assert_eq!(items.len(), 3);
    assert_eq!(active().and_then(|a| a.text_content()).as_deref(), Some("Add to organization"));
    press(&items[0], "ArrowDown", false);
    assert_eq!(active().and_then(|a| a.text_content()).as_deref(), Some("Edit policies"));
    press(&items[1], "End", false);
    assert_eq!(active().and_then(|a| a.text_content()).as_deref(), Some("Leave group"));
    press(&items[2], "ArrowDown", false);
    assert_eq!(active().and_then(|a| a.text_content()).as_deref(), Some("Add to organization"), "wraps around");
    press(&items[0], "Escape", false);
    tick().await;
    assert!(view.all("[role=menu]").is_empty(), "Escape closes the menu");
    assert_eq!(active().map(|a| a.id()), Some(button.id()), "focus is back on More");
    assert_eq!(chosen.get_untracked(), "", "nothing was chosen");

    click(&button);
    tick().await;
    click(&view.all("[role=menuitem]")[1]);
    tick().await;
    assert_eq!(chosen.get_untracked(), "edit");
    assert!(view.all("[role=menu]").is_empty());
}

#[wasm_bindgen_test]
fn menu_keys_move_around_the_items() {
    assert_eq!(next_item("ArrowDown", None, 3), Some(0));
    assert_eq!(next_item("ArrowDown", Some(2), 3), Some(0));
    assert_eq!(next_item("ArrowUp", Some(0), 3), Some(2));
    assert_eq!(next_item("Home", Some(2), 3), Some(0));
    assert_eq!(next_item("End", Some(0), 3), Some(2));
    assert_eq!(next_item("a", Some(0), 3), None);
    assert_eq!(next_item("ArrowDown", None, 0), None);
}

// ------------------------------------------------------ group profile

#[wasm_bindgen_test]
fn policies_are_listed_in_words_with_who_set_them() {
    let none = Restrictions::default();
    let private = policy_lines(None, ConversationKind::Group, &none, "");
    assert_eq!(private.len(), 1);
    assert!(private[0].contains("No policies"));
    let strict = Policies {
        allow_copy: false,
        allow_share: true,
        allow_forward: false,
        require_work_signin: true,
        history_for_new_members: false,
        ..Policies::UNRESTRICTED
    };
    let by = Restrictions {
        copy: Some(SetBy::Tenant),
        share: None,
        forward: Some(SetBy::GroupAdmins),
        require_work_signin: Some(SetBy::TenantAndGroupAdmins),
        ..Restrictions::default()
    };
    let lines = policy_lines(Some(&strict), ConversationKind::Group, &by, "Nordvik Energi");
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0], "Copying message text is turned off by Nordvik Energi's tenant policy.");
    assert_eq!(lines[1], "Attachments can be downloaded and shared, and messages exported.");
    assert_eq!(
        lines[2],
        "Forwarding out of the organization is turned off by this group's admins: messages go only to its own conversations."
    );
    assert_eq!(
        lines[3],
        "Opening the group needs a sign-in to a work account, set by Nordvik Energi's tenant policy and this group's admins."
    );
    assert!(lines[4].contains("from when they joined"));
    // Someone the server told no setter (an admin looking in from outside) reads the policy alone.
    let lines = policy_lines(Some(&strict), ConversationKind::Group, &none, "Nordvik Energi");
    assert_eq!(lines[0], "Copying message text is turned off.");
    assert_eq!(policy_lines(Some(&Policies::UNRESTRICTED), ConversationKind::Chat, &none, "Nordvik Energi").len(), 4);
}

#[wasm_bindgen_test]
fn members_are_added_by_entry_in_their_own_org_group_and_by_person_elsewhere() {
    let maja = directory_result("Maja Nyberg", "maja@acme.example", None);
    let sara = directory_result("Sara Holm", "sara@acme.example", Some(3));
    let entry = |id| AddMember { person_id: None, directory_entry_id: Some(DirectoryEntryId(id)) };
    let person = |id| AddMember { person_id: Some(PersonId(id)), directory_entry_id: None };
    let same = |a: Option<AddMember>, b: AddMember| {
        let a = a.unwrap();
        assert_eq!((a.person_id, a.directory_entry_id), (b.person_id, b.directory_entry_id));
    };
    same(add_target(&maja, Scope::Org, Some(OrgId(1))), entry(40));
    same(add_target(&sara, Scope::Org, Some(OrgId(1))), entry(40));
    // A private group takes people; someone not on Samtal yet can't join it.
    same(add_target(&sara, Scope::Private, None), person(3));
    assert!(add_target(&maja, Scope::Private, None).is_none());
    // Another organization's group: by person only.
    same(add_target(&sara, Scope::Org, Some(OrgId(2))), person(3));
    same(add_target(&contact_result("Kim", 9), Scope::Org, Some(OrgId(1))), person(9));

    let members = vec![Member {
        person_id: Some(PersonId(3)),
        directory_entry_id: None,
        display_name: "Sara Holm".into(),
        role: Role::Member,
        joined_at: NOW,
    }];
    assert!(is_member(&sara, &members));
    assert!(!is_member(&maja, &members));
}
