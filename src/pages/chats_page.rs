//! Chats: every conversation, newest first, kept current by the event
//! socket, with **New chat** and **New group**. It is the first pane of the
//! Chats area ([`chats_layout`](super::chats_layout)), and marks the
//! conversation open beside it.

use leptos::prelude::*;
use samtal_core::api::ConversationSummary;

use crate::api;
use crate::components::start_conversation::{NewChatDialog, NewGroupDialog};
use crate::components::{ChatList, ErrorNotice, Loading};
use crate::pages::chats_layout::use_opened;
use crate::state::cache;
use crate::state::cache_first::CacheFirst;
use crate::state::{use_live, use_session};

/// Which dialog of the Chats screen is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    NewChat,
    NewGroup,
}

/// The Chats screen.
#[component]
pub fn ChatsPage() -> impl IntoView {
    let t = crate::i18n::texts();
    let session = use_session();
    let live = use_live();
    // The cached list paints at once and the server's answer replaces it;
    // every change the socket reports asks again.
    let conversations = CacheFirst::new(
        session,
        || async {
            let device = cache::device()?;
            let list = device.conversations().await.ok()?;
            // An empty cache on a first visit is no answer: wait for the server's.
            (!list.is_empty() || device.cursor().await.ok().flatten().is_some()).then_some(list)
        },
        || async {
            let answer = api::conversations().await;
            if let Ok(list) = &answer {
                keep(list.clone());
            }
            answer
        },
    );
    Effect::new(move |first: Option<()>| {
        live.conversations.track();
        if first.is_some() {
            conversations.refetch();
        }
    });
    let retry = Callback::new(move |()| conversations.refetch());
    let opened = use_opened();
    let current = Signal::derive(move || opened.get().conversation);
    let open = RwSignal::new(None::<Open>);
    let close = Callback::new(move |()| open.set(None));
    view! {
        <section class="page" aria-labelledby="chats-title">
            <header class="page-header">
                <h1 id="chats-title">{t.common.nav_chats}</h1>
                <div class="header-actions">
                    <button
                        type="button"
                        class="button button-secondary"
                        aria-haspopup="dialog"
                        on:click=move |_| open.set(Some(Open::NewChat))
                    >
                        {t.chats.new_chat}
                    </button>
                    <button
                        type="button"
                        class="button button-primary"
                        aria-haspopup="dialog"
                        on:click=move |_| open.set(Some(Open::NewGroup))
                    >
                        {t.chats.new_group}
                    </button>
                </div>
            </header>
            {move || match conversations.get() {
                None => view! { <Loading label=t.chats.loading_chats /> }.into_any(),
                Some(Ok(list)) => {
                    let viewer = session.me().map(|me| me.person.id);
                    view! { <ChatList conversations=list viewer=viewer current=current /> }.into_any()
                }
                Some(Err(error)) => view! { <ErrorNotice error=error on_retry=retry /> }.into_any(),
            }}
            {move || match open.get() {
                Some(Open::NewChat) => view! { <NewChatDialog on_close=close /> }.into_any(),
                Some(Open::NewGroup) => view! { <NewGroupDialog on_close=close /> }.into_any(),
                None => ().into_any(),
            }}
        </section>
    }
}

/// Keeps the server's list in the cache; organizations whose rows found no
/// container yet get their key fetched, then the list is kept again.
fn keep(list: Vec<ConversationSummary>) {
    let Some(device) = cache::device() else { return };
    cache::write_with_keys(device, move |device| {
        let list = list.clone();
        async move { device.put_conversations(&list).await.map(|missing| !missing.is_empty()) }
    });
}
