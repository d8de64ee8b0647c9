//! The verbs of the Chat screen: what Reply, Edit, Delete, Delete for me
//! and the reactions do, the bar above the composer while replying or
//! editing, and the dialog that confirms a deletion for everyone.
//!
//! The server decides every one; an answer it refuses is said in the
//! chat's notice line, and what it accepts comes back as the message's new
//! view (and to every member's screen as `message_changed`).

use leptos::prelude::*;
use leptos::task::spawn_local;
use samtal_core::ConversationId;
use samtal_core::api::Message;

use crate::api::{self, ClientError};
use crate::components::ConfirmDialog;
use crate::components::message_row::MessageVerbs;
use crate::i18n::Texts;
use crate::state::Session;

/// What the verbs of one chat screen share.
#[derive(Clone, Copy)]
pub struct Verbs {
    /// The texts, as read when the screen was built.
    pub t: &'static Texts,
    /// The conversation.
    pub id: ConversationId,
    /// The session, for a sign-in that lapsed.
    pub session: Session,
    /// The message the next send replies to.
    pub replying: RwSignal<Option<Message>>,
    /// The viewer's message being edited in the composer.
    pub editing: RwSignal<Option<Message>>,
    /// The message whose deletion for everyone waits for confirmation.
    pub deleting: RwSignal<Option<Message>>,
    /// A message's new view came back.
    pub on_changed: Callback<Message>,
    /// Something to say in the chat's notice line.
    pub say: Callback<String>,
}

impl Verbs {
    /// Says why a verb did not go through (a lost session signs out instead).
    fn refused(self, error: &ClientError) {
        if !self.session.handle_error(error) {
            self.say.run(error.human_in(self.t.lang));
        }
    }

    /// The callbacks the message list calls.
    pub fn callbacks(self) -> MessageVerbs {
        MessageVerbs {
            reply: Callback::new(move |message: Message| {
                self.editing.set(None);
                self.replying.set(Some(message));
            }),
            edit: Callback::new(move |message: Message| {
                self.replying.set(None);
                self.editing.set(Some(message));
            }),
            delete: Callback::new(move |message: Message| self.deleting.set(Some(message))),
            delete_for_me: Callback::new(move |message: Message| {
                spawn_local(async move {
                    if let Err(error) = api::verbs::delete(self.id, message.id, true).await {
                        self.refused(&error);
                    }
                });
            }),
            react: Callback::new(move |(message, emoji, add): (Message, String, bool)| {
                spawn_local(async move {
                    match api::verbs::react(self.id, message.id, &emoji, add).await {
                        Ok(changed) => self.on_changed.run(changed),
                        Err(error) => self.refused(&error),
                    }
                });
            }),
        }
    }

    /// Sends the composer's text as the edited message's new text.
    pub fn save_edit(self, message: Message, text: String) {
        self.editing.set(None);
        spawn_local(async move {
            match api::verbs::edit(self.id, message.id, text).await {
                Ok(changed) => self.on_changed.run(changed),
                Err(error) => self.refused(&error),
            }
        });
    }
}

/// Above the composer: whom the next send replies to, or that it edits a
/// message, each with its Cancel.
#[component]
pub fn ComposerBar(
    /// The screen's verbs.
    verbs: Verbs,
) -> impl IntoView {
    let t = verbs.t;
    move || {
        if verbs.editing.with(Option::is_some) {
            return Some(
                view! {
                    <div class="composer-bar" role="status">
                        <p class="composer-bar-text">{t.verbs.editing}</p>
                        <button type="button" class="msg-action" on:click=move |_| verbs.editing.set(None)>
                            {t.verbs.cancel_edit}
                        </button>
                    </div>
                }
                .into_any(),
            );
        }
        let message = verbs.replying.get()?;
        let name =
            message.sender.as_ref().map_or_else(|| t.chats.someone_sender.to_owned(), |p| p.display_name.clone());
        let quoted = message.text.clone().unwrap_or_else(|| t.actions.attachment.to_owned());
        Some(
            view! {
                <div class="composer-bar" role="status">
                    <p class="composer-bar-text">
                        <span class="composer-bar-title">{(t.verbs.replying_to)(&name)}</span>
                        <span class="composer-bar-quote">{quoted}</span>
                    </p>
                    <button type="button" class="msg-action" on:click=move |_| verbs.replying.set(None)>
                        {t.verbs.cancel_reply}
                    </button>
                </div>
            }
            .into_any(),
        )
    }
}

/// Asks before deleting a message for everyone, and deletes it.
#[component]
pub fn DeleteDialog(
    /// The screen's verbs.
    verbs: Verbs,
    /// The message to delete.
    message: Message,
) -> impl IntoView {
    let t = verbs.t;
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ClientError>);
    let cancel = Callback::new(move |()| verbs.deleting.set(None));
    let confirm = Callback::new(move |()| {
        busy.set(true);
        let id = message.id;
        spawn_local(async move {
            let done = api::verbs::delete(verbs.id, id, false).await;
            busy.try_set(false);
            match done {
                Ok(()) => {
                    verbs.deleting.try_set(None);
                }
                Err(e) => {
                    if !verbs.session.handle_error(&e) {
                        error.try_set(Some(e));
                    }
                }
            }
        });
    });
    view! {
        <ConfirmDialog
            title=t.verbs.delete_title.to_owned()
            confirm_label=t.verbs.delete_confirm
            on_confirm=confirm
            on_cancel=cancel
            busy=busy
            error=error
            danger=true
        >
            <p>{t.verbs.delete_explain}</p>
        </ConfirmDialog>
    }
}
