//! One conversation (`/chats/:id`): its messages, live, and the composer.
//!
//! The screen loads the conversation's profile (for its title, owner,
//! members and the viewer's `capabilities`) and its newest page of messages,
//! then follows the event socket through [`Live::events`](crate::state::Live):
//! new messages and read markers appear as they happen, a changed policy
//! refetches the capabilities (so Copy and Forward come and go without a
//! reload), and losing access closes the screen with a notice.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use samtal_core::api::limits::ATTACHMENT_MAX_BYTES;
use samtal_core::api::{
    AttachmentKind, ConversationDetail, ConversationKind, ConversationSummary, Member, Message, MessagePage,
    ReadMarker, Scope, SendMessage,
};
use samtal_core::events::{Event, RevocationReason};
use samtal_core::{ConversationId, ErrorCode, OrgId, PersonId};
use web_sys::File;

use crate::api::{self, ClientError};
use crate::components::message_list::{
    Outgoing, OutgoingFile, OutgoingState, merge_markers, merge_messages, read_position, unread_after,
};
use crate::components::{
    Avatar, Composer, EmptyState, ErrorNotice, ForwardDialog, Loading, MessageList, PolicyNotes, ProfileCard,
};
use crate::i18n::Texts;
use crate::state::cache;
use crate::state::outbox;
use crate::state::{Live, Session, use_live, use_session};
use crate::storage::Owner;
use crate::storage::outbox::OutboxState;
use crate::sync;

use super::chat_verbs::{ComposerBar, DeleteDialog, Verbs};

/// Why access ended, in a sentence; `org` names the owner where known.
pub fn ended_sentence(t: &'static Texts, reason: RevocationReason, org: Option<&str>) -> String {
    let texts = t.chats;
    match reason {
        RevocationReason::Left => texts.ended_left.to_owned(),
        RevocationReason::Removed => texts.ended_removed.to_owned(),
        RevocationReason::SignedOutOfWorkAccount => (texts.ended_signed_out)(org),
        RevocationReason::RemovedFromDirectory => (texts.ended_removed_from_directory)(org),
        RevocationReason::OrgDisabled => (texts.ended_org_disabled)(org),
    }
}

/// The sentence shown for a send that failed with `error`.
fn failure(t: &'static Texts, error: &ClientError) -> String {
    match error {
        ClientError::Network => t.chats.send_offline.to_owned(),
        other => other.human_in(t.lang),
    }
}

/// The Chat screen.
#[component]
pub fn ChatPage() -> impl IntoView {
    let t = crate::i18n::texts();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse::<ConversationId>().ok())));
    move || match id.get() {
        Some(id) => view! { <ChatScreen id=id /> }.into_any(),
        None => view! {
            <section class="page">
                <EmptyState title=t.chats.no_such_conversation>
                    <p>
                        <a href="/chats">{t.common.back_to_chats}</a>
                    </p>
                </EmptyState>
            </section>
        }
        .into_any(),
    }
}

/// Everything the screen of one conversation keeps.
#[derive(Clone, Copy)]
struct Chat {
    /// The texts, as read when the screen was built.
    t: &'static Texts,
    id: ConversationId,
    viewer: PersonId,
    session: Session,
    detail: RwSignal<Option<Result<ConversationDetail, ClientError>>>,
    /// The chat list's row of the conversation, shown in place of a profile
    /// that was never cached and can't be fetched now (offline).
    row: RwSignal<Option<ConversationSummary>>,
    messages: RwSignal<Vec<Message>>,
    markers: RwSignal<Vec<ReadMarker>>,
    messages_error: RwSignal<Option<ClientError>>,
    loaded: RwSignal<bool>,
    has_more_before: RwSignal<bool>,
    loading_older: RwSignal<bool>,
    unread_from: RwSignal<Option<i64>>,
    /// How far the viewer had read when the conversation opened: the unread
    /// line stays where it was, though reading it moves the marker on.
    read_at_open: StoredValue<Option<i64>>,
    outgoing: RwSignal<Vec<Outgoing>>,
    /// Files of outgoing messages not uploaded yet, by `client_id`.
    files: StoredValue<HashMap<String, File>, LocalStorage>,
    /// Outgoing messages that failed for want of a connection.
    offline_failures: StoredValue<HashSet<String>>,
    /// Access ended: why.
    ended: RwSignal<Option<String>>,
    /// The highest seq this screen told the server it has read.
    read_sent: StoredValue<i64>,
    /// Tickets, so an older answer never overwrites a newer one.
    detail_loads: StoredValue<u64>,
    message_loads: StoredValue<u64>,
    /// A sentence about the last action (forwarded, a file refused).
    notice: RwSignal<Option<String>>,
    /// The message the next send replies to.
    replying: RwSignal<Option<Message>>,
    /// The viewer's message being edited in the composer.
    editing: RwSignal<Option<Message>>,
}

impl Chat {
    /// The conversation as best known: from its profile, else from the list.
    fn summary(&self) -> Option<ConversationSummary> {
        let from_detail = self.detail.with(|d| match d {
            Some(Ok(detail)) => Some(detail.summary.clone()),
            _ => None,
        });
        from_detail.or_else(|| self.row.get())
    }

    fn owner_org(&self) -> Option<OrgId> {
        untrack(|| self.summary()).and_then(|s| s.owner_org.map(|o| o.id))
    }

    fn owner_name(&self) -> Option<String> {
        untrack(|| self.summary()).and_then(|s| s.owner_org.map(|o| o.name))
    }

    /// Whether the conversation's profile (members, policies) is shown.
    fn has_profile(&self) -> bool {
        self.detail.try_with_untracked(|d| matches!(d, Some(Ok(_)))) == Some(true)
    }

    /// (Re)loads the conversation's profile: title, members, capabilities.
    fn load_detail(self) {
        let session = self.session;
        let Some(ticket) = self.detail_loads.try_update_value(|n| {
            *n += 1;
            *n
        }) else {
            return;
        };
        spawn_local(async move {
            // What was seen last shows at once; the server's answer replaces it.
            cache::settled().await;
            if self.detail.try_with_untracked(Option::is_none) == Some(true)
                && let Some(device) = cache::device()
                && let Ok(Some(cached)) = device.detail(self.id).await
                && self.detail.try_with_untracked(Option::is_none) == Some(true)
            {
                self.detail.try_set(Some(Ok(cached)));
            }
            let answer = api::cached::conversation(self.id).await;
            if self.detail_loads.try_get_value() != Some(ticket) {
                return;
            }
            if let Err(error) = &answer
                && session.handle_error(error)
            {
                return;
            }
            if answer == Err(ClientError::Network) {
                // Offline, the cached profile stays rather than an error.
                if self.has_profile() {
                    return;
                }
                // Never cached (the network went before it arrived): the
                // list's row still names the conversation and says who owns
                // it, and the profile loads once the connection is back.
                if let Some(device) = cache::device()
                    && let Ok(list) = device.conversations().await
                    && let Some(row) = list.into_iter().find(|s| s.id == self.id)
                {
                    self.row.try_set(Some(row));
                    return;
                }
            }
            self.detail.try_set(Some(answer));
        });
    }

    /// (Re)loads the newest page of messages, merging with what is shown.
    fn load_messages(self) {
        let session = self.session;
        let Some(ticket) = self.message_loads.try_update_value(|n| {
            *n += 1;
            *n
        }) else {
            return;
        };
        spawn_local(async move {
            cache::settled().await;
            // The screen may have closed while the cache opened: every read
            // after an await asks whether it is still there.
            if self.loaded.try_get_untracked() == Some(false)
                && let Some(device) = cache::device()
                && let Ok(Some(cached)) = device.messages(self.id).await
                && self.loaded.try_get_untracked() == Some(false)
            {
                let page = MessagePage {
                    messages: cached.messages,
                    has_more_before: cached.has_more_before,
                    has_more_after: false,
                    read_markers: cached.read_markers,
                };
                self.take_page(page, true);
            }
            let answer = api::chat::messages(self.id, None).await;
            if self.message_loads.try_get_value() != Some(ticket) || self.ended.try_get_untracked().flatten().is_some()
            {
                return;
            }
            match answer {
                Ok(page) => {
                    self.keep_page(&page);
                    self.take_page(page, true);
                }
                Err(error) => {
                    if session.handle_error(&error) {
                        return;
                    }
                    // Offline with the conversation cached: keep reading it.
                    if !(error == ClientError::Network && self.loaded.get_untracked()) {
                        self.messages_error.try_set(Some(error));
                    }
                }
            }
        });
    }

    /// Keeps a page of messages in the device cache, each in its owner's container.
    fn keep_page(self, page: &MessagePage) {
        if let Some(device) = cache::device() {
            let (id, page) = (self.id, page.clone());
            cache::write(async move {
                device.put_messages(id, &page.messages, Some(page.has_more_before), &page.read_markers).await
            });
        }
    }

    /// Shows a page of messages: the newest one (`newest`) or an older one.
    fn take_page(self, page: MessagePage, newest: bool) {
        let MessagePage { messages, has_more_before, read_markers, .. } = page;
        let page_oldest = messages.first().map(|m| m.seq);
        // Whether nothing shown is older than this page: then its answer
        // about older messages is the one that counts.
        let reaches_back = self.messages.with_untracked(|list| match (list.first().map(|m| m.seq), page_oldest) {
            (Some(shown), Some(page)) => page <= shown,
            _ => true,
        });
        self.markers.update(|known| merge_markers(known, read_markers));
        self.messages.update(|list| {
            merge_messages(list, messages);
        });
        if newest {
            // Older pages already known (shown from the cache, or scrolled
            // to) keep their own "more before" answer.
            if reaches_back {
                self.has_more_before.set(has_more_before);
            }
            if !self.loaded.get_untracked() {
                let read = self
                    .messages
                    .with_untracked(|list| self.markers.with_untracked(|m| read_position(list, m, self.viewer)));
                self.read_at_open.set_value(Some(read));
                self.settle_unread(read);
            }
            self.messages_error.set(None);
            self.loaded.set(true);
        } else {
            self.has_more_before.set(has_more_before);
            // An older page may hold where the unread messages begin.
            if let Some(read) = self.read_at_open.get_value()
                && self.unread_from.get_untracked().is_some()
            {
                self.settle_unread(read);
            }
        }
    }

    /// Where the unread messages begin, after `read`, as far as what is
    /// loaded tells.
    fn settle_unread(self, read: i64) {
        let more = self.has_more_before.get_untracked();
        self.unread_from.set(self.messages.with_untracked(|list| unread_after(list, read, self.viewer, more)));
    }

    /// Loads the page before the oldest message shown.
    fn load_older(self) {
        if self.loading_older.get_untracked() || !self.has_more_before.get_untracked() {
            return;
        }
        let Some(oldest) = self.messages.with_untracked(|list| list.first().map(|m| m.seq)) else { return };
        self.loading_older.set(true);
        spawn_local(async move {
            let answer = api::chat::messages(self.id, Some(oldest)).await;
            // Gone (the screen closed) or access ended meanwhile: nothing to show.
            if self.ended.try_get_untracked() != Some(None) {
                return;
            }
            self.loading_older.set(false);
            match answer {
                Ok(page) => {
                    self.keep_page(&page);
                    self.take_page(page, false);
                }
                Err(error) => self.say(error.human_in(self.t.lang)),
            }
        });
    }

    /// Shows a passing sentence (forwarded, a file refused) for a few seconds.
    fn say(self, sentence: String) {
        self.notice.set(Some(sentence.clone()));
        set_timeout(
            move || {
                if self.notice.try_get_untracked().flatten().as_deref() == Some(sentence.as_str()) {
                    self.notice.try_set(None);
                }
            },
            std::time::Duration::from_secs(6),
        );
    }

    /// Tells the server the newest message is read, when the person can see it.
    fn mark_seen(self) {
        if !page_visible() || self.ended.try_get_untracked() != Some(None) {
            return;
        }
        let Some(newest) = self.messages.with_untracked(|list| list.last().map(|m| m.seq)) else { return };
        if self.read_sent.try_get_value().is_none_or(|sent| newest <= sent) {
            return;
        }
        self.read_sent.set_value(newest);
        self.markers.update(|m| merge_markers(m, [ReadMarker { person_id: self.viewer, seq: newest }]));
        spawn_local(async move {
            if let Err(error) = api::chat::mark_read(self.id, newest).await {
                // Try again with the next message or visit.
                self.read_sent.try_update_value(|sent| *sent = (*sent).min(newest - 1));
                log::info!("marking messages read: {error}");
            }
        });
    }

    /// A message arrived (from the socket or as a send's answer).
    fn arrived(self, message: Message) {
        if message.conversation_id != self.id {
            return;
        }
        if message.sender.as_ref().is_some_and(|s| s.id == self.viewer)
            && let Some(client_id) = &message.client_id
        {
            self.outgoing.update(|list| list.retain(|o| &o.client_id != client_id));
            self.files.try_update_value(|files| files.remove(client_id));
        }
        // The cache keeps it when its `MessageCreated` event arrives.
        self.messages.update(|list| {
            merge_messages(list, [message]);
        });
    }

    /// A message was edited, deleted or reacted to: its new view replaces
    /// the shown one, and replies quoting it follow.
    fn changed(self, changed: Message) {
        if changed.conversation_id != self.id {
            return;
        }
        self.messages.update(|list| {
            for message in list.iter_mut() {
                if message.id == changed.id {
                    *message = changed.clone();
                } else {
                    message.follow_quoted(&changed);
                }
            }
        });
        // Replying to or editing what was just deleted: nothing to do any more.
        if changed.deleted.is_some() {
            for pending in [self.replying, self.editing] {
                if pending.with_untracked(|m| m.as_ref().is_some_and(|m| m.id == changed.id)) {
                    pending.set(None);
                }
            }
        }
    }

    /// Handles one event from the socket.
    fn handle(self, event: Event) {
        let id = self.id;
        if sync::revokes(&event, id, self.owner_org()) {
            let reason = match &event {
                Event::ConversationRevoked { reason, .. } | Event::OrgRevoked { reason, .. } => *reason,
                _ => RevocationReason::Removed,
            };
            let sentence = ended_sentence(self.t, reason, self.owner_name().as_deref());
            // Nothing of it stays on screen (rule 10).
            self.messages.set(Vec::new());
            self.outgoing.set(Vec::new());
            self.files.try_update_value(HashMap::clear);
            self.ended.set(Some(sentence));
            return;
        }
        match event {
            Event::MessageCreated { message } => self.arrived(message),
            Event::MessageChanged { message } => self.changed(message),
            Event::MessageHidden { conversation_id, message_id } if conversation_id == id => {
                self.messages.update(|list| list.retain(|m| m.id != message_id));
            }
            Event::ReadMarker { conversation_id, person_id, seq } if conversation_id == id => {
                self.markers.update(|m| merge_markers(m, [ReadMarker { person_id, seq }]));
            }
            Event::ConversationChanged { conversation_id } if conversation_id == id => self.load_detail(),
            Event::ConversationAdded { conversation_id } if conversation_id == id => self.reopen(),
            Event::OrgEnabled { org_id } if Some(org_id) == self.owner_org() => self.reopen(),
            _ => {}
        }
    }

    /// Access came back (re-added, organization enabled again): load afresh.
    fn reopen(self) {
        self.ended.set(None);
        self.loaded.set(false);
        self.loading_older.set(false);
        self.messages_error.set(None);
        self.read_sent.set_value(0);
        self.load_detail();
        self.load_messages();
    }

    /// Starts sending what is in `outgoing` under `client_id`: uploads its
    /// file first if that is not done, then sends with the same `client_id`
    /// every time, so a retry never stores the message twice.
    fn deliver(self, client_id: String) {
        let Some(item) = self.outgoing.with_untracked(|list| list.iter().find(|o| o.client_id == client_id).cloned())
        else {
            return;
        };
        self.offline_failures.try_update_value(|set| set.remove(&client_id));
        let needs_upload = item.file.as_ref().is_some_and(|f| f.attachment_id.is_none());
        self.set_state(&client_id, if needs_upload { OutgoingState::Uploading(0) } else { OutgoingState::Sending });
        let session = self.session;
        spawn_local(async move {
            let mut attachment_id = item.file.as_ref().and_then(|f| f.attachment_id);
            if needs_upload {
                let Some(file) = self.files.try_with_value(|files| files.get(&client_id).cloned()).flatten() else {
                    self.set_state(&client_id, OutgoingState::Failed(self.t.chats.file_gone.to_owned()));
                    return;
                };
                let progress_id = client_id.clone();
                let on_progress = move |percent: u8| self.set_state(&progress_id, OutgoingState::Uploading(percent));
                match api::chat::upload_attachment(self.id, &file, on_progress).await {
                    Ok(attachment) => {
                        attachment_id = Some(attachment.id);
                        self.outgoing.try_update(|list| {
                            if let Some(o) = list.iter_mut().find(|o| o.client_id == client_id) {
                                if let Some(f) = o.file.as_mut() {
                                    f.attachment_id = Some(attachment.id);
                                }
                                o.state = OutgoingState::Sending;
                            }
                        });
                        self.files.try_update_value(|files| files.remove(&client_id));
                    }
                    Err(error) => {
                        self.failed(&client_id, &error, session);
                        return;
                    }
                }
            }
            let body = SendMessage {
                text: item.text.clone(),
                client_id: client_id.clone(),
                forward_of: None,
                attachment_id,
                reply_to: None,
            };
            match api::chat::send_message(self.id, &body).await {
                Ok(message) => self.arrived(message),
                Err(error) => self.failed(&client_id, &error, session),
            }
        });
    }

    fn failed(self, client_id: &str, error: &ClientError, session: Session) {
        if session.handle_error(error) {
            return;
        }
        if *error == ClientError::Network {
            self.offline_failures.try_update_value(|set| set.insert(client_id.to_owned()));
        }
        self.set_state(client_id, OutgoingState::Failed(failure(self.t, error)));
    }

    fn set_state(self, client_id: &str, state: OutgoingState) {
        self.outgoing.try_update(|list| {
            if let Some(item) = list.iter_mut().find(|o| o.client_id == client_id) {
                item.state = state;
            }
        });
    }

    /// Queues a text message in the outbox, which keeps it on the device and
    /// sends it when it can.
    fn send_text(self, live: Live, text: String) {
        let owner = untrack(|| self.summary()).map_or(Owner::Private, |summary| Owner::of_conversation(&summary));
        let reply_to = self.replying.get_untracked().map(|m| m.id);
        self.replying.set(None);
        outbox::enqueue(live, self.session, self.id, owner, text, reply_to);
    }

    /// Queues a new outgoing message with a file and sends it.
    fn send(self, text: Option<String>, file: Option<(File, AttachmentKind)>) {
        let client_id = api::chat::new_client_id();
        let outgoing_file =
            file.as_ref().map(|(file, kind)| OutgoingFile { name: file.name(), kind: *kind, attachment_id: None });
        if let Some((file, _)) = file {
            let key = client_id.clone();
            self.files.update_value(|files| {
                files.insert(key, file);
            });
        }
        let state = if outgoing_file.is_some() { OutgoingState::Uploading(0) } else { OutgoingState::Sending };
        let item = Outgoing { client_id: client_id.clone(), text, file: outgoing_file, state };
        self.outgoing.update(|list| list.push(item));
        self.deliver(client_id);
    }

    /// Sends again what failed for want of a connection.
    fn resend_offline(self) {
        let waiting: Vec<String> =
            self.offline_failures.try_with_value(|set| set.iter().cloned().collect()).unwrap_or_default();
        for client_id in waiting {
            self.deliver(client_id);
        }
    }
}

/// Whether the page is in front of the person (not a background tab).
fn page_visible() -> bool {
    web_sys::window().and_then(|w| w.document()).is_none_or(|d| !d.hidden())
}

/// The screen of conversation `id`.
#[component]
fn ChatScreen(id: ConversationId) -> impl IntoView {
    let t = crate::i18n::texts();
    let session = use_session();
    let live = use_live();
    let viewer = untrack(|| session.me()).map_or(PersonId(0), |me| me.person.id);
    let chat = Chat {
        t,
        id,
        viewer,
        session,
        detail: RwSignal::new(None),
        row: RwSignal::new(None),
        messages: RwSignal::new(Vec::new()),
        markers: RwSignal::new(Vec::new()),
        messages_error: RwSignal::new(None),
        loaded: RwSignal::new(false),
        has_more_before: RwSignal::new(false),
        loading_older: RwSignal::new(false),
        unread_from: RwSignal::new(None),
        read_at_open: StoredValue::new(None),
        outgoing: RwSignal::new(Vec::new()),
        files: StoredValue::new_local(HashMap::new()),
        offline_failures: StoredValue::new(HashSet::new()),
        ended: RwSignal::new(None),
        read_sent: StoredValue::new(0),
        detail_loads: StoredValue::new(0),
        message_loads: StoredValue::new(0),
        notice: RwSignal::new(None),
        replying: RwSignal::new(None),
        editing: RwSignal::new(None),
    };
    chat.load_detail();
    chat.load_messages();

    // Follow the socket from what it had received when the screen opened.
    let last_event = StoredValue::new(live.newest_event_id());
    Effect::new(move |_| {
        let fresh = live.events.with(|events| sync::newer_than(events, last_event.get_value()));
        if let Some(newest) = fresh.last() {
            last_event.set_value(Some(newest.id));
        }
        for envelope in fresh {
            chat.handle(envelope.event);
        }
    });
    // Connected (again): what failed for want of a connection goes out
    // again, and the profile and newest page are fetched afresh, since
    // what happened before the stream picked up does not come through it.
    Effect::new(move |was_online: Option<bool>| {
        let online = live.online.get();
        if online && was_online == Some(false) && chat.ended.get_untracked().is_none() {
            chat.resend_offline();
            chat.load_detail();
            chat.load_messages();
        }
        online
    });
    // Read what is on screen: when messages arrive, and when the tab comes back.
    Effect::new(move |_| {
        chat.messages.track();
        chat.mark_seen();
    });
    let focus = window_event_listener_untyped("focus", move |_| chat.mark_seen());
    let visible = window_event_listener_untyped("visibilitychange", move |_| chat.mark_seen());
    on_cleanup(move || {
        focus.remove();
        visible.remove();
    });

    let forwarding = RwSignal::new(None::<Message>);
    let profile_of = RwSignal::new(None::<PersonId>);
    let retry_detail = Callback::new(move |()| chat.load_detail());

    let capabilities = Signal::derive(move || chat.summary().map(|s| s.capabilities).unwrap_or_default());
    let closed = Memo::new(move |_| chat.summary().and_then(|s| s.closed));
    let members = Signal::derive(move || {
        chat.detail.with(|d| match d {
            Some(Ok(detail)) => detail.members.clone(),
            _ => Vec::new(),
        })
    });
    let disabled_reason = Signal::derive(move || {
        if let Some(code) = closed.get() {
            return Some((t.chats.cannot_write_now)(code.human_in(t.lang)));
        }
        match chat.summary() {
            Some(summary) if summary.capabilities.send => None,
            Some(_) => Some(t.chats.cannot_send_here.to_owned()),
            // Not loaded (or failed): nothing to send to yet, and nothing to explain.
            None => Some(String::new()),
        }
    });

    let verbs = Verbs {
        t,
        id,
        session,
        replying: chat.replying,
        editing: chat.editing,
        deleting: RwSignal::new(None),
        on_changed: Callback::new(move |message: Message| chat.changed(message)),
        say: Callback::new(move |sentence: String| chat.say(sentence)),
    };
    let on_send = Callback::new(move |text: String| match chat.editing.get_untracked() {
        Some(message) => verbs.save_edit(message, text),
        None => chat.send_text(live, text),
    });
    let fill = Signal::derive(move || chat.editing.get().and_then(|m| m.text));
    let composer_bar = ViewFn::from(move || view! { <ComposerBar verbs=verbs /> });
    let on_attach = Callback::new(move |file: File| {
        let Some(kind) = AttachmentKind::from_mime(&file.type_()) else {
            chat.say(ErrorCode::UnsupportedMediaType.human_in(t.lang).to_owned());
            return;
        };
        if file.size() > ATTACHMENT_MAX_BYTES as f64 {
            let most = ATTACHMENT_MAX_BYTES / (1024 * 1024);
            chat.say((t.chats.attachment_too_large)(most));
            return;
        }
        chat.notice.set(None);
        chat.send(None, Some((file, kind)));
    });
    let on_retry = Callback::new(move |client_id: String| {
        if outbox::contains(live, &client_id) {
            outbox::retry(live, session, &client_id);
        } else {
            chat.deliver(client_id);
        }
    });
    // What is on its way: files being sent from this screen, and this
    // conversation's outbox (until the message itself is shown).
    let outgoing = Signal::derive(move || {
        let online = live.online.get();
        let shown: HashSet<String> =
            chat.messages.with(|list| list.iter().filter_map(|m| m.client_id.clone()).collect());
        let mut list: Vec<Outgoing> = live.outbox.with(|items| {
            items
                .iter()
                .filter(|i| i.conversation_id == id && !shown.contains(&i.client_id))
                .map(|i| Outgoing {
                    client_id: i.client_id.clone(),
                    text: Some(i.text.clone()),
                    file: None,
                    state: match &i.state {
                        OutboxState::Waiting if !online => OutgoingState::Queued,
                        OutboxState::Waiting | OutboxState::Sending => OutgoingState::Sending,
                        OutboxState::Failed(reason) => OutgoingState::Failed(reason.clone()),
                    },
                })
                .collect()
        });
        list.extend(chat.outgoing.get());
        list
    });
    // The outbox delivered a message of this conversation: show it now,
    // without waiting for the socket.
    Effect::new(move |_| {
        if let Some(message) = live.delivered.get() {
            chat.arrived(message);
        }
    });
    let on_forward = Callback::new(move |message: Message| forwarding.set(Some(message)));
    let on_sender = Callback::new(move |person: PersonId| profile_of.set(Some(person)));
    let on_load_older = Callback::new(move |()| chat.load_older());
    let close_forward = Callback::new(move |forwarded: Option<String>| {
        forwarding.set(None);
        if let Some(title) = forwarded {
            chat.say((t.chats.forwarded_to)(&title));
        }
    });
    let close_profile = Callback::new(move |()| profile_of.set(None));

    let body = move || {
        if let Some(sentence) = chat.ended.get() {
            return view! {
                <div class="chat-ended" role="alert">
                    <EmptyState title=t.chats.no_access>
                        <p>{sentence}</p>
                        <p>
                            <a href="/chats">{t.common.back_to_chats}</a>
                        </p>
                    </EmptyState>
                </div>
            }
            .into_any();
        }
        if let Some(code) = closed.get() {
            return view! {
                <div class="notice chat-closed" role="status">
                    <p>{code.human_in(t.lang)}</p>
                </div>
            }
            .into_any();
        }
        if let Some(error) = chat.messages_error.get() {
            let retry = Callback::new(move |()| chat.load_messages());
            return view! { <ErrorNotice error=error on_retry=retry /> }.into_any();
        }
        if !chat.loaded.get() {
            return view! { <Loading label=t.chats.loading_messages /> }.into_any();
        }
        view! {
            <MessageList
                messages=chat.messages
                capabilities=capabilities
                viewer=viewer
                outgoing=outgoing
                read_markers=chat.markers
                members=members
                unread_from=chat.unread_from
                has_more_before=chat.has_more_before
                loading_older=chat.loading_older
                on_load_older=on_load_older
                on_forward=on_forward
                on_retry=on_retry
                on_sender=on_sender
                verbs=verbs.callbacks()
                on_quote_missing=Callback::new(move |()| chat.say(t.verbs.original_gone.to_owned()))
            />
        }
        .into_any()
    };

    view! {
        <section class="page chat-page" aria-labelledby="chat-title">
            {move || match (chat.detail.get(), chat.row.get()) {
                (Some(Ok(detail)), _) => {
                    view! {
                        <ChatHeader summary=detail.summary members=Some(detail.members) viewer=viewer on_person=on_sender />
                    }
                        .into_any()
                }
                (None, Some(row)) => view! { <ChatHeader summary=row members=None viewer=viewer /> }.into_any(),
                (None, None) => view! { <ChatHeaderPlaceholder /> }.into_any(),
                (Some(Err(error)), _) => view! {
                    <header class="chat-header">
                        <a class="chat-back" href="/chats">
                            <span aria-hidden="true">"‹"</span>
                            <span class="sr-only">{t.common.back_to_chats}</span>
                        </a>
                        <h1 id="chat-title">{t.chats.conversation}</h1>
                    </header>
                    <ErrorNotice error=error on_retry=retry_detail />
                }
                .into_any(),
            }}
            <p class="chat-notice" role="status">
                {move || chat.notice.get()}
            </p>
            {body}
            <Show when=move || chat.ended.get().is_none()>
                <Composer
                    on_send=on_send
                    on_attach=on_attach
                    disabled_reason=disabled_reason
                    fill=fill
                    above=composer_bar.clone()
                />
            </Show>
            {move || {
                forwarding
                    .get()
                    .map(|message| {
                        view! { <ForwardDialog message=message from=id on_close=close_forward /> }
                    })
            }}
            {move || {
                profile_of.get().map(|person| view! { <ProfileCard person_id=person on_close=close_profile /> })
            }}
            {move || verbs.deleting.get().map(|message| view! { <DeleteDialog verbs=verbs message=message /> })}
        </section>
    }
}

/// The header while the conversation loads.
#[component]
fn ChatHeaderPlaceholder() -> impl IntoView {
    let t = crate::i18n::texts();
    view! {
        <header class="chat-header">
            <a class="chat-back" href="/chats">
                <span aria-hidden="true">"‹"</span>
                <span class="sr-only">{t.common.back_to_chats}</span>
            </a>
            <h1 id="chat-title" class="chat-title-loading">
                {t.chats.opening_conversation}
            </h1>
        </header>
    }
}

/// The conversation's header: title, the org badge and owner for org
/// conversations, and the way to the group profile for groups.
#[component]
pub fn ChatHeader(
    /// The conversation.
    summary: ConversationSummary,
    /// Its members, when its profile is known.
    members: Option<Vec<Member>>,
    /// The signed-in person.
    viewer: PersonId,
    /// Shows a person's profile (the other person of a chat).
    #[prop(optional, into)]
    on_person: Option<Callback<PersonId>>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let org = match summary.scope {
        Scope::Org => Some(summary.owner_org.as_ref().map(|o| o.name.clone()).unwrap_or_default()),
        Scope::Private => None,
    };
    let count = members.as_ref().map(|m| (t.chats.members)(m.len()));
    let subtitle = match (summary.kind, &org, count) {
        (ConversationKind::Group, Some(org), Some(count)) => format!("{org} · {count}"),
        (ConversationKind::Group, None, Some(count)) => (t.chats.private_group_members)(&count),
        (ConversationKind::Group, None, None) => t.chats.private_group.to_owned(),
        (_, Some(org), _) => org.clone(),
        (ConversationKind::Chat, None, _) => t.common.private_chat.to_owned(),
    };
    // In a chat the title is the other person: tapping it shows their profile.
    let other = (summary.kind == ConversationKind::Chat)
        .then(|| members.iter().flatten().find_map(|m| m.person_id.filter(|p| *p != viewer)))
        .flatten();
    let title = summary.title.clone();
    let title_view = match (other, on_person) {
        (Some(person), Some(show)) => view! {
            <button type="button" class="link-button chat-title-button" aria-haspopup="dialog" on:click=move |_| show.run(person)>
                {title}
            </button>
        }
        .into_any(),
        _ => title.into_any(),
    };
    let restrictions = summary.capabilities.restricted_by;
    let notes = org.clone().map(|org| view! { <PolicyNotes restrictions=restrictions org=org /> });
    let profile_link = (summary.kind == ConversationKind::Group).then(|| {
        view! {
            <a
                class="button button-secondary button-small chat-profile-link"
                href=format!("/chats/{}/profile", summary.id)
                aria-label=t.chats.group_profile
            >
                <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <g fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round">
                        <circle cx="12" cy="12" r="9" />
                        <path d="M12 11v5.5M12 7.6v.1" />
                    </g>
                </svg>
                <span class="chat-profile-text" aria-hidden="true">{t.chats.group_profile}</span>
            </a>
        }
    });
    view! {
        <header class="chat-header">
            <a class="chat-back" href="/chats">
                <span aria-hidden="true">"‹"</span>
                <span class="sr-only">{t.common.back_to_chats}</span>
            </a>
            <Avatar name=summary.title.clone() seed=summary.id.0 org=org.clone() />
            <div class="chat-heading">
                <h1 id="chat-title">{title_view}</h1>
                <p class="chat-subtitle" class:chat-subtitle-org=org.is_some()>
                    {subtitle}
                </p>
            </div>
            {profile_link}
        </header>
        {notes}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn en() -> &'static Texts {
        Texts::of(Lang::En)
    }

    #[test]
    fn endings_say_why() {
        let sentence = ended_sentence(en(), RevocationReason::OrgDisabled, Some("Nordvik Energi"));
        assert!(sentence.starts_with("Nordvik Energi has turned Samtal off"), "{sentence}");
        assert_eq!(ended_sentence(en(), RevocationReason::Removed, None), "You were removed from this group.");
        assert!(ended_sentence(en(), RevocationReason::RemovedFromDirectory, None).starts_with("The organization"));
    }

    #[test]
    fn a_lost_connection_promises_a_resend() {
        assert!(failure(en(), &ClientError::Network).contains("sent again"));
    }
}
