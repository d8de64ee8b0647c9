//! Chats: every conversation, newest first, kept current by the event
//! socket, with **New chat** and **New group**.

use leptos::prelude::*;

use crate::api;
use crate::components::start_conversation::{NewChatDialog, NewGroupDialog};
use crate::components::{ChatList, ErrorNotice, Loading};
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
    let session = use_session();
    let live = use_live();
    let conversations = LocalResource::new(move || {
        // Any change the socket reports refetches the list; the old one stays
        // on screen meanwhile (Transition).
        live.conversations.track();
        async move {
            let result = api::conversations().await;
            if let Err(err) = &result {
                session.handle_error(err);
            }
            result
        }
    });
    let retry = Callback::new(move |()| conversations.refetch());
    let open = RwSignal::new(None::<Open>);
    let close = Callback::new(move |()| open.set(None));
    view! {
        <section class="page" aria-labelledby="chats-title">
            <header class="page-header">
                <h1 id="chats-title">"Chats"</h1>
                <div class="header-actions">
                    <button
                        type="button"
                        class="button button-secondary"
                        aria-haspopup="dialog"
                        on:click=move |_| open.set(Some(Open::NewChat))
                    >
                        "New chat"
                    </button>
                    <button
                        type="button"
                        class="button button-primary"
                        aria-haspopup="dialog"
                        on:click=move |_| open.set(Some(Open::NewGroup))
                    >
                        "New group"
                    </button>
                </div>
            </header>
            <Transition fallback=|| view! { <Loading label="Loading your chats…" /> }>
                {move || Suspend::new(async move {
                    match conversations.await {
                        Ok(list) => {
                            let viewer = session.me().map(|me| me.person.id);
                            view! { <ChatList conversations=list viewer=viewer /> }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error=error on_retry=retry /> }.into_any(),
                    }
                })}
            </Transition>
            {move || match open.get() {
                Some(Open::NewChat) => view! { <NewChatDialog on_close=close /> }.into_any(),
                Some(Open::NewGroup) => view! { <NewGroupDialog on_close=close /> }.into_any(),
                None => ().into_any(),
            }}
        </section>
    }
}
