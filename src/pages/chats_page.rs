//! Chats: every conversation, newest first.

use leptos::prelude::*;

use crate::api;
use crate::components::{ChatList, ErrorNotice, Loading};
use crate::state::use_session;

/// The Chats screen.
#[component]
pub fn ChatsPage() -> impl IntoView {
    let session = use_session();
    let conversations = LocalResource::new(move || async move {
        let result = api::conversations().await;
        if let Err(err) = &result {
            session.handle_error(err);
        }
        result
    });
    let retry = Callback::new(move |()| conversations.refetch());
    view! {
        <section class="page" aria-labelledby="chats-title">
            <header class="page-header">
                <h1 id="chats-title">"Chats"</h1>
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
        </section>
    }
}
