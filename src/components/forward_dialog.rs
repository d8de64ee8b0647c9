//! Forwarding a message: a dialog with an optional comment and the person's
//! conversations to forward into. The server decides (rule 8); a refusal
//! shows its sentence.

use leptos::prelude::*;
use leptos::task::spawn_local;
use samtal_core::ConversationId;
use samtal_core::api::limits::MESSAGE_MAX;
use samtal_core::api::{ConversationKind, ConversationSummary, Message, Scope};

use super::{Avatar, Dialog, ErrorNotice, Loading};
use crate::api::{self, ClientError};
use crate::format::{message_text_in, newest_first};
use crate::i18n::{Lang, Texts};
use crate::state::use_session;

/// Where a message may be offered for forwarding: open conversations the
/// person may send to, other than the one it comes from.
pub fn forward_targets(mut conversations: Vec<ConversationSummary>, from: ConversationId) -> Vec<ConversationSummary> {
    conversations.retain(|c| c.id != from && c.closed.is_none() && c.capabilities.send);
    newest_first(&mut conversations);
    conversations
}

/// What a target is, under its title: two conversations with the same
/// person (org and private) must be told apart. In the language in use now.
pub fn target_kind(target: &ConversationSummary) -> String {
    target_kind_in(target, crate::i18n::lang())
}

/// [`target_kind`] in `lang`.
pub fn target_kind_in(target: &ConversationSummary, lang: Lang) -> String {
    let t = Texts::of(lang);
    match (target.scope, target.kind, &target.owner_org) {
        (Scope::Org, ConversationKind::Chat, Some(org)) => (t.actions.target_org_chat)(&org.name),
        (Scope::Org, ConversationKind::Group, Some(org)) => (t.actions.target_org_group)(&org.name),
        (Scope::Org, _, None) => t.actions.target_org_conversation.to_owned(),
        (Scope::Private, ConversationKind::Chat, _) => t.common.private_chat.to_owned(),
        (Scope::Private, ConversationKind::Group, _) => t.actions.target_private_group.to_owned(),
    }
}

/// The Forward dialog for `message`.
#[component]
pub fn ForwardDialog(
    /// The message to forward.
    message: Message,
    /// The conversation it is in.
    from: ConversationId,
    /// Closes the dialog: with the target's title once forwarded, `None` when cancelled.
    on_close: Callback<Option<String>>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let session = use_session();
    let targets = LocalResource::new(move || async move {
        let result = api::conversations().await;
        if let Err(err) = &result {
            session.handle_error(err);
        }
        result.map(|list| forward_targets(list, from))
    });
    let error = RwSignal::new(None::<ClientError>);
    let busy = RwSignal::new(None::<ConversationId>);
    let comment = RwSignal::new(String::new());
    // One key per target for this dialog: a second press can't forward twice.
    let base = api::chat::new_client_id();
    let message_id = message.id;
    let forward = Callback::new(move |(target, title): (ConversationId, String)| {
        if busy.get_untracked().is_some() {
            return;
        }
        busy.set(Some(target));
        error.set(None);
        let client_id = format!("{base}-{target}");
        let said = comment.get_untracked();
        let said = (!said.trim().is_empty()).then_some(said);
        spawn_local(async move {
            let result = api::chat::forward(target, message_id, said, client_id).await;
            busy.set(None);
            match result {
                Ok(_) => on_close.run(Some(title)),
                Err(err) => {
                    if !session.handle_error(&err) {
                        error.set(Some(err));
                    }
                }
            }
        });
    });
    let preview = message_text_in(&message, t.lang);
    let retry = Callback::new(move |()| targets.refetch());
    view! {
        <Dialog title=t.actions.forward_title on_close=Callback::new(move |()| on_close.run(None)) wide=true>
            <blockquote class="forward-preview">{preview}</blockquote>
            <div class="field">
                <label for="forward-comment">{t.actions.forward_comment}</label>
                <textarea
                    id="forward-comment"
                    rows="2"
                    maxlength=MESSAGE_MAX.to_string()
                    placeholder=t.actions.forward_comment_placeholder
                    bind:value=comment
                    disabled=move || busy.get().is_some()
                ></textarea>
            </div>
            <p class="muted">{t.actions.forward_choose}</p>
            <div class="form-error" role="alert">
                {move || error.get().map(|e| view! { <p>{e.human_in(t.lang)}</p> })}
            </div>
            <Transition fallback=move || view! { <Loading label=t.actions.forward_loading /> }>
                {move || Suspend::new(async move {
                    match targets.await {
                        Ok(list) if list.is_empty() => {
                            view! { <p class="muted">{t.actions.forward_nowhere}</p> }.into_any()
                        }
                        Ok(list) => {
                            view! {
                                <ul class="forward-targets" aria-label=t.actions.forward_targets>
                                    {list
                                        .into_iter()
                                        .map(|target| {
                                            let id = target.id;
                                            let title = target.title.clone();
                                            let org = match target.scope {
                                                Scope::Org => {
                                                    Some(
                                                        target.owner_org.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
                                                    )
                                                }
                                                Scope::Private => None,
                                            };
                                            view! {
                                                <li>
                                                    <button
                                                        type="button"
                                                        class="forward-target"
                                                        disabled=move || busy.get().is_some()
                                                        on:click=move |_| forward.run((id, title.clone()))
                                                    >
                                                        <Avatar name=target.title.clone() seed=id.0 org=org />
                                                        <span class="forward-name">
                                                            <span class="forward-title">{target.title.clone()}</span>
                                                            <span class="forward-sub">{target_kind_in(&target, t.lang)}</span>
                                                        </span>
                                                        <span class="forward-busy">
                                                            {move || (busy.get() == Some(id)).then_some(t.actions.forwarding)}
                                                        </span>
                                                    </button>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorNotice error=error on_retry=retry /> }.into_any(),
                    }
                })}
            </Transition>
            <div class="dialog-actions">
                <button type="button" class="button button-secondary" on:click=move |_| on_close.run(None)>
                    {t.common.cancel}
                </button>
            </div>
        </Dialog>
    }
}
