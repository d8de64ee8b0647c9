//! The Chats area (`/chats`, `/chats/:id`, `/chats/:id/profile`) as panes.
//!
//! On a wide screen (1024 px and more) the chat list stays beside the open
//! conversation, and the group profile opens as a third pane beside both.
//! On a narrower one only the innermost of them shows, as one screen at a
//! time. Both are the same document: which panes show is the stylesheet's
//! choice (`style/panes.css`), from the classes set here, so the URL alone
//! says what is open and back, forward and reload restore it.

use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_location;
use samtal_core::ConversationId;

use super::ChatsPage;
use super::chat_page::ChatPage;
use crate::components::EmptyState;

/// What the path opens inside the Chats area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opened {
    /// The open conversation, if any.
    pub conversation: Option<ConversationId>,
    /// Whether its profile is open beside it.
    pub profile: bool,
}

impl Opened {
    /// Reads a path such as `/chats/12/profile`; paths outside the Chats
    /// area open nothing.
    pub fn from_path(path: &str) -> Self {
        let mut parts = path.trim_end_matches('/').split('/').skip(1);
        if parts.next() != Some("chats") {
            return Self { conversation: None, profile: false };
        }
        let conversation = parts.next().and_then(|id| id.parse::<ConversationId>().ok());
        let profile = conversation.is_some() && parts.next() == Some("profile");
        Self { conversation, profile }
    }
}

/// The conversation open in the Chats area, from the URL, for the list to
/// mark its row.
pub fn use_opened() -> Memo<Opened> {
    let location = use_location();
    Memo::new(move |_| location.pathname.with(|path| Opened::from_path(path)))
}

/// The panes of the Chats area: the list, then whatever the path opens.
#[component]
pub fn ChatsLayout() -> impl IntoView {
    let opened = use_opened();
    view! {
        <div
            class="panes"
            class:panes-chat=move || opened.get().conversation.is_some()
            class:panes-profile=move || opened.get().profile
        >
            <div class="pane pane-list">
                <ChatsPage />
            </div>
            <Outlet />
        </div>
    }
}

/// The conversation pane, with its profile pane when the path names it.
#[component]
pub fn ChatPane() -> impl IntoView {
    view! {
        <div class="pane pane-chat">
            <ChatPage />
        </div>
        <Outlet />
    }
}

/// The profile pane beside the conversation.
#[component]
pub fn ProfilePane() -> impl IntoView {
    view! {
        <div class="pane pane-profile">
            <super::GroupProfilePage />
        </div>
    }
}

/// The conversation pane while none is open: on a wide screen it invites
/// picking one from the list (a phone shows only the list).
#[component]
pub fn NoChatOpen() -> impl IntoView {
    let t = crate::i18n::texts();
    view! {
        <div class="pane pane-chat pane-idle">
            <EmptyState title=t.chats.no_conversation_open>
                <p>{t.chats.pick_a_conversation}</p>
            </EmptyState>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_says_what_is_open() {
        let none = Opened { conversation: None, profile: false };
        assert_eq!(Opened::from_path("/chats"), none);
        assert_eq!(Opened::from_path("/chats/"), none);
        assert_eq!(Opened::from_path("/contacts"), none);
        assert_eq!(Opened::from_path("/chats/x"), none);
        assert_eq!(Opened::from_path("/chats/x/profile"), none);
        let chat = Opened { conversation: Some(ConversationId(12)), profile: false };
        assert_eq!(Opened::from_path("/chats/12"), chat);
        assert_eq!(Opened::from_path("/chats/12/"), chat);
        assert_eq!(Opened::from_path("/chats/12/other"), chat);
        assert_eq!(
            Opened::from_path("/chats/12/profile"),
            Opened { conversation: Some(ConversationId(12)), profile: true }
        );
    }
}
