//! Components mounted into the test page, asserted through their DOM the way
//! a person (or a screen reader) meets them.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod support;

use leptos::prelude::*;
use leptos_router::components::Router;
use samtal_core::{ErrorCode, PersonId};
use samtal_web::api::ClientError;
use samtal_web::components::{AppNav, ChatList, ChatRow, ErrorNotice, OrgBadge};
use samtal_web::pages::contacts_page::ContactList;
use samtal_web::pages::me_page::MeDetails;
use samtal_web::pages::{SignInPage, SignUpPage};
use samtal_web::state::{Session, SessionState};
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_org_badge_is_an_image_named_office() {
    let view = mount(|| view! { <OrgBadge org_name="Acme" /> });
    let badge = view.one("[role=img]");
    assert_eq!(badge.get_attribute("aria-label").as_deref(), Some("Office"));
    assert_eq!(badge.get_attribute("title").as_deref(), Some("Owned by Acme"));
    // The icon inside is decoration only.
    assert_eq!(view.one("svg").get_attribute("aria-hidden").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
fn only_org_conversations_wear_the_office_badge() {
    let view = mount(|| view! { <ChatList conversations=sample_conversations() /> });
    let badges = view.all("[role=img][aria-label=Office]");
    assert_eq!(badges.len(), 1);
    let org_row = badges[0].closest("li").unwrap().unwrap();
    assert_eq!(org_row.get_attribute("data-scope").as_deref(), Some("org"));
    assert!(org_row.text_content().unwrap().contains("Launch team"));
    let private_row = view.one("li[data-scope=private]");
    assert!(private_row.query_selector("[aria-label=Office]").unwrap().is_none());
}

#[wasm_bindgen_test]
fn the_chat_list_is_newest_first() {
    let view = mount(|| view! { <ChatList conversations=sample_conversations() /> });
    let titles: Vec<String> = view.all(".chat-title").iter().map(|e| e.text_content().unwrap()).collect();
    assert_eq!(titles, ["Kim", "Launch team"]);
    assert_eq!(view.one("ul").get_attribute("aria-label").as_deref(), Some("Conversations"));
}

#[wasm_bindgen_test]
fn a_row_shows_the_last_message_and_unread_count() {
    let view = mount(|| view! { <ChatList conversations=sample_conversations() /> });
    let org_row = view.one("li[data-scope=org]");
    let text = org_row.text_content().unwrap();
    assert!(text.contains("Sara: Ship it on Monday"), "{text}");
    assert!(text.contains("3 unread messages"), "{text}");
    let owner = org_row.query_selector(".chat-org").unwrap().unwrap();
    assert_eq!(owner.text_content().as_deref(), Some("Acme"));
    let private_row = view.one("li[data-scope=private]");
    assert!(private_row.query_selector(".unread").unwrap().is_none());
    assert!(private_row.query_selector(".chat-org").unwrap().is_none());
    assert!(private_row.text_content().unwrap().contains("Lunch?"));
}

#[wasm_bindgen_test]
fn the_viewers_own_group_messages_read_as_you() {
    // The sample messages are sent by person 7.
    let view = mount(|| view! { <ChatList conversations=sample_conversations() viewer=Some(PersonId(7)) /> });
    let preview = view.one("li[data-scope=org] .chat-preview");
    assert_eq!(preview.text_content().as_deref(), Some("You: Ship it on Monday"));
}

#[wasm_bindgen_test]
fn a_row_shows_the_time_of_day_for_today() {
    let summary = sample_conversations().remove(1);
    let view = mount(move || view! { <ChatRow summary=summary now=NOW + 60_000 offset_minutes=0 /> });
    let time = view.one("time");
    assert_eq!(time.text_content().as_deref(), Some("13:05"));
    assert_eq!(time.get_attribute("datetime").as_deref(), Some("2025-03-14T13:05Z"));
}

#[wasm_bindgen_test]
fn an_empty_chat_list_says_so() {
    let view = mount(|| view! { <ChatList conversations=Vec::new() /> });
    assert!(view.all("li").is_empty());
    assert!(view.text().contains("No conversations yet"), "{}", view.text());
    assert!(view.one("a").get_attribute("href").as_deref() == Some("/contacts"));
}

#[wasm_bindgen_test]
fn an_empty_contact_list_says_so() {
    let view = mount(|| view! { <ContactList contacts=Vec::new() /> });
    assert!(view.text().contains("No contacts yet"));
}

#[wasm_bindgen_test]
async fn errors_are_sentences_with_a_way_to_try_again() {
    let retried = RwSignal::new(0);
    let error = ClientError::Api { status: 403, code: Some(ErrorCode::OrgDisabled), message: String::new() };
    let view = mount(move || {
        view! { <ErrorNotice error=error on_retry=Callback::new(move |()| retried.update(|n| *n += 1)) /> }
    });
    let alert = view.one("[role=alert]");
    assert_eq!(
        alert.query_selector("p").unwrap().unwrap().text_content().as_deref(),
        Some(ErrorCode::OrgDisabled.human())
    );
    let button = view.one("button");
    assert_eq!(button.text_content().as_deref(), Some("Try again"));
    click(&button);
    tick().await;
    assert_eq!(retried.get_untracked(), 1);
}

#[wasm_bindgen_test]
fn the_sign_in_form_has_labelled_fields() {
    let view = mount(|| {
        provide_context(Session::new(SessionState::SignedOut));
        view! {
            <Router>
                <SignInPage />
            </Router>
        }
    });
    for (id, label, kind) in [("signin-handle", "Handle", "text"), ("signin-password", "Password", "password")] {
        let label_el = view.one(&format!("label[for={id}]"));
        assert_eq!(label_el.text_content().as_deref(), Some(label));
        assert_eq!(view.one(&format!("#{id}")).get_attribute("type").as_deref(), Some(kind));
    }
    assert_eq!(view.one("button[type=submit]").text_content().as_deref(), Some("Sign in"));
    assert_eq!(view.one("h1").text_content().as_deref(), Some("Sign in"));
}

#[wasm_bindgen_test]
async fn signing_in_without_a_password_explains_what_is_missing() {
    let view = mount(|| {
        provide_context(Session::new(SessionState::SignedOut));
        view! {
            <Router>
                <SignInPage />
            </Router>
        }
    });
    type_into(&view.one("#signin-handle"), "admin");
    click(&view.one("button[type=submit]"));
    tick().await;
    let alert = view.one("[role=alert]");
    assert_eq!(alert.text_content().as_deref(), Some("Enter your handle and your password."));
}

#[wasm_bindgen_test]
async fn sign_up_explains_a_short_password_before_sending() {
    let view = mount(|| {
        provide_context(Session::new(SessionState::SignedOut));
        view! {
            <Router>
                <SignUpPage />
            </Router>
        }
    });
    assert_eq!(view.one("label[for=signup-name]").text_content().as_deref(), Some("Display name"));
    type_into(&view.one("#signup-handle"), "new.person");
    type_into(&view.one("#signup-name"), "New Person");
    type_into(&view.one("#signup-password"), "short");
    click(&view.one("button[type=submit]"));
    tick().await;
    let text = view.one("[role=alert]").text_content().unwrap();
    assert!(text.contains("at least 8 characters"), "{text}");
}

fn nav_labels(view: &Mounted) -> Vec<String> {
    view.all("nav a").iter().map(|a| a.text_content().unwrap()).collect()
}

#[wasm_bindgen_test]
fn the_navigation_offers_admin_only_to_org_admins() {
    let person = mount(|| {
        provide_context(Session::new(SessionState::SignedIn(Box::new(me(&[], false)))));
        view! {
            <Router>
                <AppNav />
            </Router>
        }
    });
    assert_eq!(nav_labels(&person), ["Chats", "Contacts", "Me"]);
    assert_eq!(person.one("nav").get_attribute("aria-label").as_deref(), Some("Main"));
    drop(person);

    let admin = mount(|| {
        provide_context(Session::new(SessionState::SignedIn(Box::new(me(&[("Acme", 1)], true)))));
        view! {
            <Router>
                <AppNav />
            </Router>
        }
    });
    assert_eq!(nav_labels(&admin), ["Chats", "Contacts", "Me", "Admin"]);
}

#[wasm_bindgen_test]
fn me_shows_the_linked_work_account_with_its_badge() {
    let view = mount(|| {
        provide_context(Session::new(SessionState::SignedIn(Box::new(me(&[], true)))));
        view! {
            <Router>
                <MeDetails me=me(&[], true) />
            </Router>
        }
    });
    let text = view.text();
    assert!(text.contains("Erik Berg") && text.contains("@erik"), "{text}");
    assert!(text.contains("erik@acme.example"), "{text}");
    assert_eq!(view.all("[role=img][aria-label=Office]").len(), 1);
    assert!(view.all("button").iter().any(|b| b.text_content().as_deref() == Some("Sign out")));
}

#[wasm_bindgen_test]
fn me_without_a_work_account_says_none_is_linked() {
    let view = mount(|| {
        provide_context(Session::new(SessionState::SignedIn(Box::new(me(&[], false)))));
        view! {
            <Router>
                <MeDetails me=me(&[], false) />
            </Router>
        }
    });
    assert!(view.text().contains("No work account linked"));
    assert!(view.all("[aria-label=Office]").is_empty());
}
