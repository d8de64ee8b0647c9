//! One row of a conversation's messages: a person's message with its
//! quote, reactions, state and actions, a note Samtal wrote, or a message
//! on its way.
//!
//! What a row offers comes from the conversation's `capabilities`: Copy and
//! Forward where policy allows, and in the **More actions** menu Reply,
//! Edit and Delete (one's own, within the window the capabilities carry;
//! others' where the viewer may delete them as an admin), Delete for me and
//! Add reaction.

use leptos::prelude::*;
use samtal_core::api::{DeletedBy, Member, Message, MessageKind, MessageOwner, ReadMarker, SystemNote};
use samtal_core::rules::within_window;
use samtal_core::{Capabilities, MessageId, Millis, PersonId};

use super::attachment_view::{AttachmentView, kind_name};
use super::menu::{MenuAction, MenuButton};
use super::message_list::{Outgoing, OutgoingState, converted_line, message_time, readers, seen_label};
use crate::format::iso_datetime;
use crate::i18n::Texts;

/// What every row needs from the list.
#[derive(Clone, Copy)]
pub(super) struct Row {
    /// The texts, as read when the list was built.
    pub t: &'static Texts,
    /// What the viewer may do in the conversation.
    pub capabilities: Signal<Capabilities>,
    /// The signed-in person.
    pub viewer: PersonId,
    /// Every member's read position, for "Seen by …".
    pub read_markers: Signal<Vec<ReadMarker>>,
    /// The members, for their names.
    pub members: Signal<Vec<Member>>,
    /// Where the unread line goes.
    pub unread_from: Signal<Option<i64>>,
    /// The seq of the viewer's newest message, which tells who has seen it.
    pub newest_own: Memo<Option<i64>>,
    /// The message just copied, to say so.
    pub copied: RwSignal<Option<MessageId>>,
    /// Forward was pressed.
    pub on_forward: Option<Callback<Message>>,
    /// A sender's name was pressed.
    pub on_sender: Option<Callback<PersonId>>,
    /// What the verbs on a message do, where the screen offers them.
    pub verbs: Option<MessageVerbs>,
    /// The message whose quick reactions are open.
    pub reacting: RwSignal<Option<MessageId>>,
    /// A quote was pressed: go to the original, by its seq.
    pub on_quote: Callback<i64>,
    /// Now, for the times shown.
    pub now: Millis,
    /// The browser's offset from UTC in minutes.
    pub offset: i64,
}

/// What the verbs on a message do: the screen's callbacks.
#[derive(Clone, Copy)]
pub struct MessageVerbs {
    /// Reply was chosen: quote the message above the composer.
    pub reply: Callback<Message>,
    /// Edit was chosen on one's own message.
    pub edit: Callback<Message>,
    /// Delete (for everyone) was chosen.
    pub delete: Callback<Message>,
    /// Delete for me was chosen.
    pub delete_for_me: Callback<Message>,
    /// A reaction was given (`true`) or taken back.
    pub react: Callback<(Message, String, bool)>,
}

/// The quick reactions, in the order offered.
pub const QUICK_REACTIONS: [&str; 6] = ["👍", "❤️", "😂", "😮", "😢", "🙏"];

/// One stored message (and the unread marker above it, where it begins).
pub(super) fn message_row(row: Row, message: Message) -> impl IntoView {
    let seq = message.seq;
    let unread_line = move || {
        (row.unread_from.get() == Some(seq)).then(|| {
            view! {
                <li class="unread-line">
                    <span>{row.t.chats.new_messages}</span>
                </li>
            }
        })
    };
    let body = match message.kind {
        MessageKind::System => system_row(row, &message).into_any(),
        MessageKind::Text | MessageKind::Attachment => person_row(row, message).into_any(),
    };
    view! {
        {unread_line}
        {body}
    }
}

/// A note Samtal wrote: centered; the conversion as the marked line.
fn system_row(row: Row, message: &Message) -> impl IntoView {
    let time = message_time(row.t, message.sent_at, row.now, row.offset);
    let datetime = iso_datetime(message.sent_at);
    let seq = message.seq;
    match &message.system {
        Some(note @ SystemNote::Converted { org_name, .. }) => view! {
            <li class="msg-converted" data-seq=seq>
                <p class="converted-line">{converted_line(row.t, org_name)}</p>
                <p class="converted-detail">
                    {note.text_in(row.t.lang)} " " <time datetime=datetime>{time}</time>
                </p>
            </li>
        }
        .into_any(),
        note => {
            let text = note.as_ref().map(|note| note.text_in(row.t.lang)).unwrap_or_default();
            view! {
                <li class="msg-system" data-seq=seq>
                    <p>{text} " · " <time datetime=datetime>{time}</time></p>
                </li>
            }
            .into_any()
        }
    }
}

/// A message a person wrote: its quote, content (or tombstone), reactions,
/// state and actions.
fn person_row(row: Row, message: Message) -> impl IntoView {
    let own = message.sender.as_ref().is_some_and(|s| s.id == row.viewer);
    let seq = message.seq;
    let id = message.id;
    let time = message_time(row.t, message.sent_at, row.now, row.offset);
    let datetime = iso_datetime(message.sent_at);
    let sender = sender_view(row, &message, own);
    let edited = (message.edited_at.is_some() && message.deleted.is_none())
        .then(|| view! { <span class="msg-edited">{row.t.verbs.edited}</span> });
    let content = match message.deleted {
        Some(deletion) => {
            let sentence = match deletion.by {
                DeletedBy::Sender => row.t.verbs.deleted_by_sender,
                DeletedBy::Admin => row.t.verbs.deleted_by_admin,
            };
            view! { <p class="msg-text msg-deleted">{sentence}</p> }.into_any()
        }
        None => content_view(row, &message).into_any(),
    };
    let quote = message.reply_to.clone().map(|quote| quote_view(row, quote));
    let reactions = reactions_view(row, &message);
    let state = own.then(|| {
        let label = move || {
            let others = row.members.with(|m| m.iter().filter(|m| m.person_id != Some(row.viewer)).count());
            let names =
                row.read_markers.with(|markers| row.members.with(|m| readers(row.t, markers, m, row.viewer, seq)));
            // Who has seen it is told only once the members' names are known.
            seen_label(row.t, &names, others, others > 0 && row.newest_own.get() == Some(seq))
        };
        view! { <span class="msg-state">{label}</span> }
    });
    let live = message.deleted.is_none();
    let copy_text = message.text.clone().filter(|t| live && !t.trim().is_empty());
    let copy_button = move || {
        let text = copy_text.clone()?;
        row.capabilities.with(|c| c.copy).then(|| {
            view! {
                <button type="button" class="msg-action" on:click=move |_| copy_to_clipboard(&text, id, row.copied)>
                    {move || if row.copied.get() == Some(id) { row.t.chats.copied } else { row.t.chats.copy }}
                </button>
            }
        })
    };
    let forward_message = message.clone();
    let forward_button = move || {
        let forward = row.on_forward?;
        let message = forward_message.clone();
        (live && row.capabilities.with(|c| c.forward)).then(|| {
            view! {
                <button
                    type="button"
                    class="msg-action"
                    aria-haspopup="dialog"
                    on:click=move |_| forward.run(message.clone())
                >
                    {row.t.chats.forward}
                </button>
            }
        })
    };
    let more = row.verbs.map(|verbs| more_actions(row, verbs, message.clone(), own));
    let quick = row.verbs.map(|verbs| {
        let message = message.clone();
        move || (row.reacting.get() == Some(id)).then(|| quick_reactions(row, verbs, message.clone()))
    });
    let class = if own { "msg msg-own" } else { "msg" };
    view! {
        <li class=class data-seq=seq data-id=id.0>
            <div class="msg-bubble">
                <div class="msg-head">
                    {sender}
                    <time class="msg-time" datetime=datetime>
                        {time}
                    </time>
                    {edited}
                </div>
                {quote}
                {content}
            </div>
            {reactions}
            {quick}
            <div class="msg-foot">
                {state}
                {copy_button}
                {forward_button}
                {more}
            </div>
        </li>
    }
}

/// Who wrote a message: "You", or their name (a button to their profile).
fn sender_view(row: Row, message: &Message, own: bool) -> AnyView {
    match (&message.sender, own) {
        (_, true) => view! { <span class="msg-sender msg-sender-own">{row.t.common.you}</span> }.into_any(),
        (Some(person), false) => {
            let person_id = person.id;
            let name = person.display_name.clone();
            match row.on_sender {
                Some(show) => view! {
                    <button
                        type="button"
                        class="msg-sender link-button"
                        aria-haspopup="dialog"
                        on:click=move |_| show.run(person_id)
                    >
                        {name}
                    </button>
                }
                .into_any(),
                None => view! { <span class="msg-sender">{name}</span> }.into_any(),
            }
        }
        (None, false) => view! { <span class="msg-sender">{row.t.chats.someone_sender}</span> }.into_any(),
    }
}

/// What a message says: a forward's comment and the forwarded content, or
/// its file and text.
fn content_view(row: Row, message: &Message) -> impl IntoView {
    let comment = message.comment.clone().filter(|c| !c.trim().is_empty());
    let comment = comment.map(|comment| view! { <p class="msg-text msg-comment">{comment}</p> });
    let text = message.text.clone().filter(|t| !t.trim().is_empty());
    let text_view = text.map(|text| view! { <p class="msg-text">{text}</p> });
    let attachment = message.attachment.clone().map(|attachment| {
        let share = Signal::derive(move || row.capabilities.with(|c| c.share));
        view! { <AttachmentView attachment=attachment share=share /> }
    });
    if message.forward_of.is_some() {
        view! {
            {comment}
            <div class="msg-forward">
                <p class="msg-forwarded">{row.t.chats.forwarded}</p>
                {attachment}
                {text_view}
            </div>
        }
        .into_any()
    } else {
        view! {
            {attachment}
            {text_view}
        }
        .into_any()
    }
}

/// The message a reply quotes: a button that goes to it.
fn quote_view(row: Row, quote: samtal_core::api::ReplyQuote) -> impl IntoView {
    let name = quote.sender.as_ref().map_or_else(|| row.t.chats.someone_sender.to_owned(), |p| p.display_name.clone());
    let text = if quote.deleted {
        row.t.verbs.deleted_by_sender.to_owned()
    } else if quote.sender.is_none() {
        row.t.verbs.quote_unreadable.to_owned()
    } else {
        match quote.kind {
            MessageKind::Attachment if quote.text.as_deref().is_none_or(|t| t.trim().is_empty()) => {
                row.t.actions.attachment.to_owned()
            }
            _ => quote.text.clone().unwrap_or_default(),
        }
    };
    let seq = quote.seq;
    let label = (row.t.verbs.go_to_original)(&name);
    view! {
        <button type="button" class="msg-quote" aria-label=label on:click=move |_| row.on_quote.run(seq)>
            <span class="msg-quote-sender">{name}</span>
            <span class="msg-quote-text">{text}</span>
        </button>
    }
}

/// A message's reactions: one button per emoji, pressed where the viewer
/// gave it, which gives or takes back theirs.
fn reactions_view(row: Row, message: &Message) -> Option<AnyView> {
    if message.reactions.is_empty() {
        return None;
    }
    let may_react = row.capabilities.with_untracked(|c| c.react) && row.verbs.is_some();
    let buttons = message
        .reactions
        .iter()
        .map(|reaction| {
            let label = (row.t.verbs.reacted)(&reaction.emoji, reaction.count);
            let (emoji, mine) = (reaction.emoji.clone(), reaction.mine);
            let target = message.clone();
            let toggle = move |_| {
                if let Some(verbs) = row.verbs {
                    verbs.react.run((target.clone(), emoji.clone(), !mine));
                }
            };
            view! {
                <button
                    type="button"
                    class="reaction"
                    class:reaction-mine=mine
                    aria-pressed=if mine { "true" } else { "false" }
                    aria-label=label
                    disabled=!may_react
                    on:click=toggle
                >
                    <span aria-hidden="true">{reaction.emoji.clone()}</span>
                    " "
                    <span aria-hidden="true">{reaction.count}</span>
                </button>
            }
        })
        .collect_view();
    Some(
        view! {
            <div class="msg-reactions" role="group" aria-label=row.t.verbs.reactions>
                {buttons}
            </div>
        }
        .into_any(),
    )
}

/// The quick reactions under a message, after Add reaction.
fn quick_reactions(row: Row, verbs: MessageVerbs, message: Message) -> impl IntoView {
    let buttons = QUICK_REACTIONS
        .iter()
        .map(|emoji| {
            let target = message.clone();
            let mine = message.reactions.iter().any(|r| r.emoji == *emoji && r.mine);
            let choose = move |_| {
                row.reacting.set(None);
                verbs.react.run((target.clone(), (*emoji).to_owned(), !mine));
            };
            view! {
                <button
                    type="button"
                    class="quick-reaction"
                    aria-label=(row.t.verbs.react_with)(emoji)
                    aria-pressed=if mine { "true" } else { "false" }
                    on:click=choose
                >
                    {*emoji}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="quick-reactions" role="group" aria-label=row.t.verbs.quick_reactions>
            {buttons}
        </div>
    }
}

/// The **More actions** menu of a message: what the capabilities allow the
/// viewer to do to it now.
fn more_actions(row: Row, verbs: MessageVerbs, message: Message, own: bool) -> impl IntoView {
    let t = row.t;
    let actions = Signal::derive(move || {
        let caps = row.capabilities.get();
        let now = js_sys::Date::now() as Millis;
        let live = message.deleted.is_none();
        let mut actions = Vec::new();
        let with = |run: Callback<Message>| {
            let message = message.clone();
            Callback::new(move |()| run.run(message.clone()))
        };
        if live && caps.reply {
            actions.push(MenuAction::new(t.verbs.reply, with(verbs.reply)));
        }
        if live && caps.react {
            let id = message.id;
            actions.push(MenuAction::new(t.verbs.add_reaction, Callback::new(move |()| row.reacting.set(Some(id)))));
        }
        let editable = own && message.kind == MessageKind::Text && message.forward_of.is_none();
        if live && editable && caps.edit && within_window(caps.edit_window_minutes, message.sent_at, now) {
            actions.push(MenuAction::new(t.verbs.edit, with(verbs.edit)));
        }
        let own_delete = own && caps.delete && within_window(caps.delete_window_minutes, message.sent_at, now);
        // Admin delete reaches only what the organization owns, not a
        // converted group's private past (the server decides either way).
        let org_owned = matches!(message.owner, MessageOwner::Org { .. });
        if live && (own_delete || (caps.delete_others && org_owned)) {
            actions.push(MenuAction::danger(t.verbs.delete, with(verbs.delete)));
        }
        actions.push(MenuAction::danger(t.verbs.delete_for_me, with(verbs.delete_for_me)));
        actions
    });
    view! { <MenuButton label=t.verbs.more_actions actions=actions icon="⋯" /> }
}

/// A message on its way: its state, and Retry when it failed.
pub(super) fn outgoing_row(t: &'static Texts, outgoing: Outgoing, on_retry: Option<Callback<String>>) -> impl IntoView {
    let Outgoing { client_id, text, file, state, .. } = outgoing;
    let file_view = file.map(|file| {
        let label = format!("{}: {}", kind_name(file.kind), file.name);
        view! { <p class="attachment attachment-pending">{label}</p> }
    });
    let text_view = text.filter(|t| !t.trim().is_empty()).map(|text| view! { <p class="msg-text">{text}</p> });
    let (status, failed) = match &state {
        OutgoingState::Uploading(percent) => {
            let label = (t.chats.uploading)(*percent);
            let bar = view! {
                <progress class="upload-progress" max="100" value=*percent aria-label=t.chats.upload_progress></progress>
            };
            (view! { <span class="msg-state">{label} {bar}</span> }.into_any(), false)
        }
        OutgoingState::Sending => (view! { <span class="msg-state">{t.chats.sending}</span> }.into_any(), false),
        OutgoingState::Queued => {
            (view! { <span class="msg-state msg-queued">{t.chats.waiting_for_network}</span> }.into_any(), false)
        }
        OutgoingState::Failed(reason) => {
            let reason = reason.clone();
            (
                view! {
                    <span class="msg-state msg-failed" role="alert">
                        {t.chats.failed} {reason}
                    </span>
                }
                .into_any(),
                true,
            )
        }
    };
    let retry = (failed && on_retry.is_some()).then(|| {
        let client_id = client_id.clone();
        view! {
            <button
                type="button"
                class="msg-action msg-retry"
                on:click=move |_| {
                    if let Some(retry) = on_retry {
                        retry.run(client_id.clone());
                    }
                }
            >
                {t.chats.retry}
            </button>
        }
    });
    let class = if failed { "msg msg-own msg-pending msg-pending-failed" } else { "msg msg-own msg-pending" };
    view! {
        <li class=class data-client-id=client_id.clone()>
            <div class="msg-bubble">
                <div class="msg-head">
                    <span class="msg-sender msg-sender-own">{t.common.you}</span>
                </div>
                {file_view}
                {text_view}
            </div>
            <div class="msg-foot">{status} {retry}</div>
        </li>
    }
}

/// Copies `text` with the Clipboard API and says so for two seconds.
fn copy_to_clipboard(text: &str, id: MessageId, copied: RwSignal<Option<MessageId>>) {
    let Some(window) = web_sys::window() else { return };
    let navigator = window.navigator();
    // Only secure pages have a clipboard; elsewhere the property is missing.
    let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).is_ok_and(|v| !v.is_undefined());
    if !has_clipboard {
        return;
    }
    let promise = navigator.clipboard().write_text(text);
    leptos::task::spawn_local(async move {
        if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
            copied.set(Some(id));
            set_timeout(
                move || {
                    if copied.try_get_untracked() == Some(Some(id)) {
                        copied.set(None);
                    }
                },
                std::time::Duration::from_secs(2),
            );
        }
    });
}
