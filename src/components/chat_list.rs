//! The list of conversations on the Chats screen.

use leptos::prelude::*;
use samtal_core::api::{ConversationSummary, Scope};
use samtal_core::{ConversationId, Millis, PersonId};

use super::{Avatar, EmptyState};
use crate::format::{iso_datetime, list_time, newest_first, preview};

/// The local time zone's offset from UTC in minutes, and the time now.
pub fn clock() -> (Millis, i64) {
    let now = js_sys::Date::new_0();
    // getTimezoneOffset() is UTC minus local time.
    (now.get_time() as Millis, -(now.get_timezone_offset() as i64))
}

/// Every conversation, newest first, or the empty state.
#[component]
pub fn ChatList(
    /// The conversations, in any order.
    conversations: Vec<ConversationSummary>,
    /// The signed-in person, whose own messages are shown as "You".
    #[prop(default = None)]
    viewer: Option<PersonId>,
    /// The conversation open beside the list, whose row is marked current.
    #[prop(optional, into)]
    current: Option<Signal<Option<ConversationId>>>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    if conversations.is_empty() {
        return view! {
            <EmptyState title=t.chats.no_conversations>
                <p>{t.chats.no_conversations_body}</p>
                <p>
                    {t.chats.find_people_before} <a href="/contacts">{t.common.nav_contacts}</a>
                    {t.chats.find_people_after}
                </p>
            </EmptyState>
        }
        .into_any();
    }
    let mut conversations = conversations;
    newest_first(&mut conversations);
    let (now, offset) = clock();
    view! {
        <ul class="chat-list" aria-label=t.chats.conversations>
            {conversations
                .into_iter()
                .map(|summary| {
                    view! { <ChatRow summary=summary viewer=viewer now=now offset_minutes=offset current=current /> }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// One conversation: avatar (with the org badge on org conversations), title,
/// time, the last message and the unread count; the whole row is a link that
/// opens the conversation.
#[component]
pub fn ChatRow(
    /// The conversation.
    summary: ConversationSummary,
    /// The signed-in person, whose own messages are shown as "You".
    #[prop(default = None)]
    viewer: Option<PersonId>,
    /// The time now, for relative times.
    now: Millis,
    /// The local time zone's offset from UTC, in minutes.
    #[prop(default = 0)]
    offset_minutes: i64,
    /// The conversation open beside the list: this row is marked current when it is this one.
    #[prop(default = None)]
    current: Option<Signal<Option<ConversationId>>>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let org = match summary.scope {
        Scope::Org => Some(summary.owner_org.as_ref().map(|o| o.name.clone()).unwrap_or_default()),
        Scope::Private => None,
    };
    // The owner's name beside the title tells apart an org chat and a private
    // chat with the same person.
    let org_label = org.clone().filter(|name| !name.is_empty());
    let at = summary.last_message.as_ref().map(|m| m.sent_at).unwrap_or(summary.last_activity_at);
    let time = list_time(at, now, offset_minutes);
    let datetime = iso_datetime(at);
    let line = preview(&summary, viewer);
    let unread = summary.unread;
    let class = match (unread > 0, summary.closed.is_some()) {
        (_, true) => "chat-row chat-row-closed",
        (true, false) => "chat-row chat-row-unread",
        (false, false) => "chat-row",
    };
    let scope = match summary.scope {
        Scope::Org => "org",
        Scope::Private => "private",
    };
    let href = format!("/chats/{}", summary.id);
    let id = summary.id;
    let is_open = move || current.is_some_and(|open| open.get() == Some(id));
    view! {
        <li class=class data-scope=scope data-id=summary.id.0>
            <a class="chat-link" href=href aria-current=move || is_open().then_some("page")>
                <Avatar name=summary.title.clone() seed=summary.id.0 org=org />
                <div class="chat-main">
                    <div class="chat-line">
                        <span class="chat-title">{summary.title.clone()}</span>
                        {org_label.map(|name| view! { <span class="chat-org">{name}</span> })}
                        <time class="chat-time" datetime=datetime>
                            {time}
                        </time>
                    </div>
                    <div class="chat-line">
                        <span class="chat-preview">{line}</span>
                        {(unread > 0)
                            .then(|| {
                                let label = (t.chats.unread_messages)(unread);
                                view! {
                                    <span class="unread">
                                        <span aria-hidden="true">{unread}</span>
                                        <span class="sr-only">{label}</span>
                                    </span>
                                }
                            })}
                    </div>
                </div>
            </a>
        </li>
    }
}
