//! A conversation's messages: sender, time and state, system notes, the line
//! where a converted group became an organization group, read state, the
//! unread marker, and per-message Copy and Forward where policy allows.
//!
//! The list renders from the `capabilities` the server sent and never decides
//! a rule itself. Where copying is not allowed, the text can't be selected,
//! copied, cut or dragged out, and there is no Copy button.

use leptos::prelude::*;
use samtal_core::api::{AttachmentKind, Member, Message, MessageKind, ReadMarker};
use samtal_core::{AttachmentId, Capabilities, MessageId, Millis, PersonId};
use wasm_bindgen::JsCast;

use super::message_row::{MessageVerbs, Row, message_row, outgoing_row};
use super::message_window::Window;
use crate::i18n::Texts;

const MINUTE_MS: i64 = 60_000;
const DAY_MS: i64 = 24 * 60 * MINUTE_MS;
/// How close to an edge (in pixels) scrolling draws more messages there, or
/// loads the older page at the top.
const LOAD_OLDER_WITHIN_PX: i32 = 160;

// ------------------------------------------------------------------ model

/// A file being sent with an outgoing message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingFile {
    /// The file's name.
    pub name: String,
    /// Image, video or audio.
    pub kind: AttachmentKind,
    /// Set once the upload is done; a retry then only sends.
    pub attachment_id: Option<AttachmentId>,
}

/// Where an outgoing message stands.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum OutgoingState {
    /// Its file is going up: percent done.
    Uploading(u8),
    /// Sent to the server, no answer yet.
    Sending,
    /// Kept in the outbox until the network is back; it goes out by itself.
    Queued,
    /// It did not go through: the reason, in a sentence.
    Failed(String),
}

/// A message the viewer is sending, shown until the server has stored it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// The idempotency key: a retry sends the same one, so nothing is stored twice.
    pub client_id: String,
    /// Text, or a caption.
    pub text: Option<String>,
    /// The attachment, if any.
    pub file: Option<OutgoingFile>,
    /// Where it stands.
    pub state: OutgoingState,
}

/// Adds `incoming` to `messages`, each message once (by id), ordered by seq.
/// Returns whether anything was added.
pub fn merge_messages(messages: &mut Vec<Message>, incoming: impl IntoIterator<Item = Message>) -> bool {
    let mut added = false;
    for message in incoming {
        if messages.iter().any(|m| m.id == message.id) {
            continue;
        }
        let at = messages.partition_point(|m| m.seq < message.seq);
        messages.insert(at, message);
        added = true;
    }
    added
}

/// Moves each person's read marker forward (never back) to what `incoming` says.
pub fn merge_markers(markers: &mut Vec<ReadMarker>, incoming: impl IntoIterator<Item = ReadMarker>) {
    for marker in incoming {
        match markers.iter_mut().find(|m| m.person_id == marker.person_id) {
            Some(known) => known.seq = known.seq.max(marker.seq),
            None => markers.push(marker),
        }
    }
}

/// How far the viewer has read: their read marker, or their own last
/// message if that is later (whoever answered has read what came before).
pub fn read_position(messages: &[Message], markers: &[ReadMarker], viewer: PersonId) -> i64 {
    let marker = markers.iter().find(|m| m.person_id == viewer).map_or(0, |m| m.seq);
    let answered = messages
        .iter()
        .rev()
        .find(|m| m.kind != MessageKind::System && m.sender.as_ref().is_some_and(|s| s.id == viewer))
        .map_or(0, |m| m.seq);
    marker.max(answered)
}

/// Where the unread messages begin, for a viewer who had read up to `read`:
/// the first message someone else sent after it. When what is loaded begins
/// later than that and there is more before (`has_more_before`), the start
/// lies in the older pages: then the seq just after `read`, to load towards.
pub fn unread_after(messages: &[Message], read: i64, viewer: PersonId, has_more_before: bool) -> Option<i64> {
    if has_more_before && messages.first().is_some_and(|m| m.seq > read + 1) {
        return Some(read + 1);
    }
    messages
        .iter()
        .find(|m| m.seq > read && m.kind != MessageKind::System && m.sender.as_ref().is_some_and(|s| s.id != viewer))
        .map(|m| m.seq)
}

/// Read positions as far as they are known: each member's marker, moved up
/// to the newest message they wrote themselves (writing after a message
/// means having had it on screen).
pub fn effective_markers(markers: &[ReadMarker], messages: &[Message]) -> Vec<ReadMarker> {
    let mut effective = markers.to_vec();
    let written = messages.iter().filter(|m| m.kind != MessageKind::System).filter_map(|m| {
        let sender = m.sender.as_ref()?;
        Some(ReadMarker { person_id: sender.id, seq: m.seq })
    });
    merge_markers(&mut effective, written);
    effective
}

/// Who besides the viewer has read the message at `seq`, by name.
pub fn readers(
    t: &'static Texts,
    markers: &[ReadMarker],
    members: &[Member],
    viewer: PersonId,
    seq: i64,
) -> Vec<String> {
    markers
        .iter()
        .filter(|m| m.person_id != viewer && m.seq >= seq)
        .map(|m| {
            members
                .iter()
                .find(|member| member.person_id == Some(m.person_id))
                .map_or_else(|| t.chats.someone_reader.to_owned(), |member| member.display_name.clone())
        })
        .collect()
}

/// The read state of one of the viewer's own messages: "Sent", "Seen", or
/// (`detailed`, for the newest one) who has seen it.
pub fn seen_label(t: &'static Texts, readers: &[String], others: usize, detailed: bool) -> String {
    let texts = t.chats;
    if readers.is_empty() {
        return texts.sent.to_owned();
    }
    if !detailed {
        return texts.seen.to_owned();
    }
    if others > 2 && readers.len() >= others {
        return texts.seen_by_everyone.to_owned();
    }
    match readers {
        [one] => (texts.seen_by_one)(one),
        [first, second] => (texts.seen_by_two)(first, second),
        [first, second, rest @ ..] => (texts.seen_by_more)(first, second, rest.len()),
        [] => texts.sent.to_owned(),
    }
}

/// A message's time: the clock today, else the date and the clock.
pub fn message_time(t: &'static Texts, at: Millis, now: Millis, offset_minutes: i64) -> String {
    let local = at + offset_minutes * MINUTE_MS;
    let day = local.div_euclid(DAY_MS);
    let in_day = local.rem_euclid(DAY_MS);
    let clock = format!("{:02}:{:02}", in_day / (60 * MINUTE_MS), (in_day / MINUTE_MS) % 60);
    if day == (now + offset_minutes * MINUTE_MS).div_euclid(DAY_MS) {
        return clock;
    }
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = day + 719_468;
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let date = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let name = t.chats.months[usize::try_from(month - 1).unwrap_or(0).min(11)];
    (t.chats.message_date_time)(date, name, &clock)
}

/// The line marking where a converted group became an organization group.
pub fn converted_line(t: &'static Texts, org_name: &str) -> String {
    (t.chats.converted_line)(org_name)
}

// ------------------------------------------------------------------- view

/// The messages of a conversation, oldest at the top, with what the viewer
/// is sending below them. Only a [`Window`] of them is in the document;
/// scrolling near its top or bottom moves it, keeping in place what the
/// person reads, and scrolling to the top of what is loaded (or the "Load
/// older messages" button) asks for the page before. "Jump to first unread"
/// and "Jump to newest" show while those are out of sight.
#[component]
pub fn MessageList(
    /// Stored messages, oldest first.
    #[prop(into)]
    messages: Signal<Vec<Message>>,
    /// What the viewer may do here; Copy and Forward follow it.
    #[prop(into)]
    capabilities: Signal<Capabilities>,
    /// The signed-in person.
    viewer: PersonId,
    /// Messages being sent.
    #[prop(into, optional)]
    outgoing: Signal<Vec<Outgoing>>,
    /// Every member's read position.
    #[prop(into, optional)]
    read_markers: Signal<Vec<ReadMarker>>,
    /// The members, for names in "Seen by …".
    #[prop(into, optional)]
    members: Signal<Vec<Member>>,
    /// The seq where the unread messages began when the chat opened.
    #[prop(into, optional)]
    unread_from: Signal<Option<i64>>,
    /// Whether older messages exist.
    #[prop(into, optional)]
    has_more_before: Signal<bool>,
    /// Whether the older page is on its way.
    #[prop(into, optional)]
    loading_older: Signal<bool>,
    /// Asks for the page before the oldest message shown.
    #[prop(optional, into)]
    on_load_older: Option<Callback<()>>,
    /// Forward was pressed on a message.
    #[prop(optional, into)]
    on_forward: Option<Callback<Message>>,
    /// Retry was pressed on a failed outgoing message (its `client_id`).
    #[prop(optional, into)]
    on_retry: Option<Callback<String>>,
    /// A sender's name was pressed.
    #[prop(optional, into)]
    on_sender: Option<Callback<PersonId>>,
    /// What Reply, Edit, Delete and the reactions do (none: not offered).
    #[prop(optional)]
    verbs: Option<MessageVerbs>,
    /// A quote's original could not be found (gone from what may be read).
    #[prop(optional, into)]
    on_quote_missing: Option<Callback<()>>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let (now, offset) = super::chat_list::clock();
    let newest_own = Memo::new(move |_| {
        messages.with(|list| {
            list.iter()
                .rev()
                .find(|m| m.kind != MessageKind::System && m.sender.as_ref().is_some_and(|s| s.id == viewer))
                .map(|m| m.seq)
        })
    });
    let copied = RwSignal::new(None::<MessageId>);
    let reacting = RwSignal::new(None::<MessageId>);
    // A quote was pressed whose original is older than what is loaded:
    // the pages before are loaded until it is there.
    let quote_target = StoredValue::new(None::<i64>);
    let quote_request = RwSignal::new(None::<i64>);
    let on_quote = Callback::new(move |seq: i64| quote_request.set(Some(seq)));
    let read_markers = Signal::derive(move || read_markers.with(|m| messages.with(|list| effective_markers(m, list))));
    let row = Row {
        t,
        capabilities,
        viewer,
        read_markers,
        members,
        unread_from,
        newest_own,
        copied,
        on_forward,
        on_sender,
        verbs,
        reacting,
        on_quote,
        now,
        offset,
    };
    let scroller = NodeRef::<leptos::html::Div>::new();
    let window = RwSignal::new(Window::Newest);
    let seqs = Memo::new(move |_| messages.with(|list| list.iter().map(|m| m.seq).collect::<Vec<_>>()));
    let shown = Signal::derive(move || {
        let range = seqs.with(|seqs| window.get().range(seqs));
        messages.with(|list| list.get(range).map(<[Message]>::to_vec).unwrap_or_default())
    });
    let at_newest = Memo::new(move |_| seqs.with(|seqs| window.get().at_newest(seqs)));
    let at_oldest = Memo::new(move |_| seqs.with(|seqs| window.get().at_oldest(seqs)));
    // Scrolled away from the bottom, and whether the unread line was seen.
    let scrolled_up = RwSignal::new(false);
    let unread_seen = RwSignal::new(false);
    // A jump to the first unread message waits for older pages to bring it.
    let jumping = StoredValue::new(false);
    // The top of what is loaded was reached: draw the older page once it comes.
    let follow_older = StoredValue::new(false);
    // The window moved and the view is not put back yet: the scroll events
    // meanwhile (the browser clamping) are not the person's.
    let settling = StoredValue::new(false);

    // Moves the window, keeping the message the person reads where it is.
    let move_window = move |next: Window| {
        if next == window.get_untracked() {
            return;
        }
        let anchor = scroller.get_untracked().and_then(|el| first_visible(&el));
        settling.set_value(true);
        window.set(next);
        let settled = move || {
            settling.try_set_value(false);
        };
        match (scroller.get_untracked(), anchor) {
            (Some(el), Some((seq, top))) => keep_in_place(el, seq, top, settled),
            _ => request_animation_frame(settled),
        }
    };
    let load_older = move || {
        if has_more_before.get_untracked()
            && !loading_older.get_untracked()
            && let Some(load) = on_load_older
        {
            follow_older.set_value(true);
            load.run(());
        }
    };
    // Also run a frame after the list is built, when it may be gone already
    // (the person moved on at once): then there is nothing to check.
    let check_unread = move || {
        if unread_seen.try_get_untracked() != Some(false) {
            return;
        }
        if let Some(Some(el)) = scroller.try_get_untracked()
            && unread_line_in_view(&el)
        {
            unread_seen.set(true);
        }
    };
    let on_scroll = move |_| {
        let Some(el) = scroller.get_untracked() else { return };
        // The scroller is flex column-reverse: 0 is the bottom, upward is negative.
        let from_bottom = -el.scroll_top();
        let from_top = el.scroll_height() - el.client_height() - from_bottom;
        scrolled_up.set(from_bottom > LOAD_OLDER_WITHIN_PX);
        check_unread();
        if settling.get_value() {
            return;
        }
        let current = window.get_untracked();
        if from_top < LOAD_OLDER_WITHIN_PX {
            if at_oldest.get_untracked() {
                load_older();
            } else {
                move_window(seqs.with_untracked(|seqs| current.older(seqs)));
            }
        } else if from_bottom < LOAD_OLDER_WITHIN_PX {
            if !at_newest.get_untracked() {
                move_window(seqs.with_untracked(|seqs| current.newer(seqs)));
            } else if current != Window::Newest {
                // Back at the newest: follow what arrives again.
                window.set(Window::Newest);
            }
        } else if current == Window::Newest {
            // Reading further up: what arrives now must not move the text.
            window.set(seqs.with_untracked(|seqs| current.held(seqs)));
        }
    };
    let jump_to_newest = move || {
        jumping.set_value(false);
        window.set(Window::Newest);
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(0);
        }
        scrolled_up.set(false);
    };
    // The page with the first unread message arrived: centre it.
    let finish_jump = move |seq: i64| {
        jumping.set_value(false);
        unread_seen.set(true);
        window.set(seqs.with_untracked(|seqs| Window::around(seq, seqs)));
        if let Some(el) = scroller.get_untracked() {
            request_animation_frame(move || {
                if let Ok(Some(line)) = el.query_selector(".unread-line") {
                    let options = web_sys::ScrollIntoViewOptions::new();
                    options.set_block(web_sys::ScrollLogicalPosition::Center);
                    line.scroll_into_view_with_scroll_into_view_options(&options);
                }
            });
        }
    };
    let jump_to_unread = move || {
        let Some(seq) = unread_from.get_untracked() else { return };
        if seqs.with_untracked(|seqs| seqs.first().is_some_and(|first| *first <= seq)) {
            finish_jump(seq);
        } else {
            jumping.set_value(true);
            load_older();
        }
    };
    // A quote's original, once loaded: centred and marked for a moment.
    let show_message = move |seq: i64| {
        quote_target.set_value(None);
        if !seqs.with_untracked(|seqs| seqs.contains(&seq)) {
            if let Some(missing) = on_quote_missing {
                missing.run(());
            }
            return;
        }
        window.set(seqs.with_untracked(|seqs| Window::around(seq, seqs)));
        if let Some(el) = scroller.get_untracked() {
            request_animation_frame(move || {
                let Ok(Some(found)) = el.query_selector(&format!("li[data-seq=\"{seq}\"]")) else { return };
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Center);
                found.scroll_into_view_with_scroll_into_view_options(&options);
                let _ = found.class_list().add_1("msg-target");
                if let Ok(row) = found.dyn_into::<web_sys::HtmlElement>() {
                    let _ = row.set_attribute("tabindex", "-1");
                    let _ = row.focus();
                }
            });
        }
    };
    Effect::new(move |_| {
        let Some(seq) = quote_request.get() else { return };
        quote_request.set(None);
        if seqs.with_untracked(|seqs| seqs.first().is_some_and(|first| *first <= seq))
            || !has_more_before.get_untracked()
        {
            show_message(seq);
        } else {
            quote_target.set_value(Some(seq));
            load_older();
        }
    });
    // Older pages arriving: draw them if the person is at the top, and keep
    // loading towards the first unread message until it is there. The page
    // that reaches back to it also settles where exactly it is.
    Effect::new(move |previous: Option<Option<i64>>| {
        let oldest = seqs.with(|seqs| seqs.first().copied());
        let grew = previous.is_some_and(|before| before != oldest);
        if grew && follow_older.get_value() {
            follow_older.set_value(false);
            if let Some(target) = quote_target.get_value() {
                if oldest.is_some_and(|first| first <= target) || !has_more_before.get_untracked() {
                    show_message(target);
                } else {
                    load_older();
                }
            } else if jumping.get_value() {
                match unread_from.get_untracked() {
                    Some(target) if oldest.is_some_and(|first| first <= target) || !has_more_before.get_untracked() => {
                        finish_jump(target);
                    }
                    Some(_) => load_older(),
                    // Nothing unread after all.
                    None => jumping.set_value(false),
                }
            } else {
                move_window(seqs.with_untracked(|seqs| window.get_untracked().older(seqs)));
            }
        }
        oldest
    });
    // Whatever the viewer sends shows at once: back to the bottom.
    let sent_count = Memo::new(move |_| outgoing.with(Vec::len));
    Effect::new(move |previous: Option<usize>| {
        let count = sent_count.get();
        if previous.is_some_and(|p| count > p) {
            jump_to_newest();
        }
        count
    });
    let show_jump_to_newest = move || scrolled_up.get() || !at_newest.get();
    let show_jump_to_unread = move || unread_from.get().is_some() && !unread_seen.get();
    // Opened with the unread line in sight: nothing to jump to.
    request_animation_frame(check_unread);

    let no_copy = move || !capabilities.with(|c| c.copy);
    let block = move |ev: web_sys::Event| {
        if no_copy() {
            ev.prevent_default();
        }
    };

    view! {
        <div class="message-pane">
            <div
                class="message-scroll"
                class:no-copy=no_copy
                node_ref=scroller
                role="log"
                aria-label=t.chats.messages
                tabindex="0"
                on:scroll=on_scroll
                on:copy=move |ev| block(ev.into())
                on:cut=move |ev| block(ev.into())
                on:contextmenu=move |ev| block(ev.into())
                on:dragstart=move |ev| block(ev.into())
            >
                <div class="message-inner">
                    <Show when=move || at_oldest.get() && has_more_before.get()>
                        <div class="load-older">
                            <button
                                type="button"
                                class="button button-secondary button-small"
                                disabled=move || loading_older.get()
                                on:click=move |_| load_older()
                            >
                                {move || if loading_older.get() { t.chats.loading_older } else { t.chats.load_older }}
                            </button>
                        </div>
                    </Show>
                    <Show when=move || at_oldest.get() && !has_more_before.get() && messages.with(|m| !m.is_empty())>
                        <p class="conversation-start">{t.chats.conversation_start}</p>
                    </Show>
                    <ol class="messages">
                        <For each=move || shown.get() key=row_key let:message>
                            {message_row(row, message)}
                        </For>
                        <For
                            each=move || if at_newest.get() { outgoing.get() } else { Vec::new() }
                            key=|o| (o.client_id.clone(), o.state.clone())
                            let:outgoing
                        >
                            {outgoing_row(t, outgoing, on_retry)}
                        </For>
                    </ol>
                    <p class="sr-only" role="status">
                        {move || copied.get().map(|_| t.chats.message_copied)}
                    </p>
                </div>
            </div>
            <div class="message-jumps">
                <Show when=show_jump_to_unread>
                    <button type="button" class="button button-secondary button-small" on:click=move |_| jump_to_unread()>
                        {t.chats.jump_to_unread}
                    </button>
                </Show>
                <Show when=show_jump_to_newest>
                    <button type="button" class="button button-secondary button-small" on:click=move |_| jump_to_newest()>
                        {t.chats.jump_to_newest}
                    </button>
                </Show>
            </div>
        </div>
    }
}

/// What a message's row is drawn from besides its id (see [`row_key`]).
type RowKey = (MessageId, Option<Millis>, bool, Vec<(String, u32, bool)>, Option<(bool, bool)>);

/// What makes a message's row drawn again: an edit, a deletion, its
/// reactions, or its quote's original changing.
fn row_key(message: &Message) -> RowKey {
    (
        message.id,
        message.edited_at,
        message.deleted.is_some(),
        message.reactions.iter().map(|r| (r.emoji.clone(), r.count, r.mine)).collect(),
        message.reply_to.as_ref().map(|q| (q.deleted, q.text.is_some())),
    )
}

/// The first message row (by its `data-seq`) at least partly in view in
/// `scroller`, and where its top is on screen.
fn first_visible(scroller: &web_sys::HtmlDivElement) -> Option<(String, f64)> {
    let top = scroller.get_bounding_client_rect().top();
    let rows = scroller.query_selector_all("[data-seq]").ok()?;
    (0..rows.length()).find_map(|i| {
        let row = rows.item(i)?.dyn_into::<web_sys::Element>().ok()?;
        let rect = row.get_bounding_client_rect();
        (rect.bottom() > top).then(|| Some((row.get_attribute("data-seq")?, rect.top())))?
    })
}

/// Once the window's rows are drawn, scrolls so the row `seq` is back at
/// `top` on screen: rows added or removed around it do not move it. Then
/// calls `done`.
fn keep_in_place(scroller: web_sys::HtmlDivElement, seq: String, top: f64, done: impl FnOnce() + 'static) {
    request_animation_frame(move || {
        if let Ok(Some(row)) = scroller.query_selector(&format!("[data-seq=\"{seq}\"]")) {
            let moved = row.get_bounding_client_rect().top() - top;
            scroller.set_scroll_top(scroller.scroll_top() + moved.round() as i32);
        }
        done();
    });
}

/// Whether the "New messages" line is drawn and in view.
fn unread_line_in_view(scroller: &web_sys::HtmlDivElement) -> bool {
    let Ok(Some(line)) = scroller.query_selector(".unread-line") else { return false };
    let view = scroller.get_bounding_client_rect();
    let rect = line.get_bounding_client_rect();
    rect.bottom() > view.top() && rect.top() < view.bottom()
}

#[cfg(test)]
mod tests {
    use samtal_core::api::{MessageOwner, Person, Role};
    use samtal_core::{ConversationId, MessageId};

    use super::*;
    use crate::i18n::Lang;

    fn en() -> &'static Texts {
        Texts::of(Lang::En)
    }

    // 2025-03-14 (a Friday) 13:05 UTC.
    const FRI_1305: Millis = 1_741_957_500_000;

    /// Where the unread messages begin when all of them are loaded.
    fn first_unread(messages: &[Message], markers: &[ReadMarker], viewer: PersonId) -> Option<i64> {
        unread_after(messages, read_position(messages, markers, viewer), viewer, false)
    }

    fn message(id: i64, seq: i64, sender: Option<i64>) -> Message {
        Message {
            id: MessageId(id),
            conversation_id: ConversationId(1),
            seq,
            sender: sender.map(|s| Person { id: PersonId(s), handle: format!("p{s}"), display_name: format!("P{s}") }),
            kind: if sender.is_some() { MessageKind::Text } else { MessageKind::System },
            text: Some("hi".into()),
            attachment: None,
            system: None,
            client_id: None,
            forward_of: None,
            comment: None,
            owner: MessageOwner::Participants,
            sent_at: FRI_1305,
            reply_to: None,
            edited_at: None,
            deleted: None,
            reactions: Vec::new(),
        }
    }

    fn member(id: i64, name: &str) -> Member {
        Member {
            person_id: Some(PersonId(id)),
            directory_entry_id: None,
            display_name: name.into(),
            role: Role::Member,
            joined_at: 0,
        }
    }

    #[test]
    fn merging_keeps_each_message_once_in_seq_order() {
        let mut list = vec![message(10, 2, Some(1)), message(11, 3, Some(2))];
        assert!(merge_messages(&mut list, [message(9, 1, Some(1)), message(11, 3, Some(2))]));
        assert_eq!(list.iter().map(|m| m.seq).collect::<Vec<_>>(), [1, 2, 3]);
        assert!(!merge_messages(&mut list, [message(10, 2, Some(1))]));
    }

    #[test]
    fn read_markers_only_move_forward() {
        let mut markers = vec![ReadMarker { person_id: PersonId(1), seq: 5 }];
        merge_markers(
            &mut markers,
            [ReadMarker { person_id: PersonId(1), seq: 3 }, ReadMarker { person_id: PersonId(2), seq: 4 }],
        );
        assert_eq!(markers[0].seq, 5);
        assert_eq!(markers[1], ReadMarker { person_id: PersonId(2), seq: 4 });
    }

    #[test]
    fn unread_begins_after_the_viewers_marker_at_someone_elses_message() {
        let list = vec![message(1, 1, Some(2)), message(2, 2, Some(1)), message(3, 3, None), message(4, 4, Some(2))];
        // Seq 2 is the viewer's own answer to 1, 3 a system note: the unread ones start at 4.
        assert_eq!(first_unread(&list, &[], PersonId(1)), Some(4));
        let markers = [ReadMarker { person_id: PersonId(1), seq: 4 }];
        assert_eq!(first_unread(&list, &markers, PersonId(1)), None);
        // Without an answer, the marker alone decides.
        let theirs = vec![message(1, 1, Some(2)), message(5, 2, Some(2))];
        assert_eq!(first_unread(&theirs, &[ReadMarker { person_id: PersonId(1), seq: 1 }], PersonId(1)), Some(2));
        assert_eq!(first_unread(&theirs, &[], PersonId(1)), Some(1));
    }

    #[test]
    fn unread_older_than_what_is_loaded_is_looked_for_in_the_older_pages() {
        // Read up to 3; loaded from 40 on, with more before: the start is further back.
        let page = vec![message(40, 40, Some(2)), message(41, 41, Some(2))];
        assert_eq!(unread_after(&page, 3, PersonId(1), true), Some(4));
        // Nothing more before, or the page reaches back to the read position: exact.
        assert_eq!(unread_after(&page, 3, PersonId(1), false), Some(40));
        let reaching = vec![message(4, 4, None), message(5, 5, Some(1)), message(6, 6, Some(2))];
        assert_eq!(unread_after(&reaching, 3, PersonId(1), true), Some(6));
        // Read to the end: nothing unread, whatever is before.
        assert_eq!(unread_after(&page, 41, PersonId(1), true), None);
        // The viewer's own answer on the page is a read position too.
        let answered = vec![message(40, 40, Some(2)), message(41, 41, Some(1)), message(42, 42, Some(2))];
        let read = read_position(&answered, &[ReadMarker { person_id: PersonId(1), seq: 3 }], PersonId(1));
        assert_eq!(read, 41);
        assert_eq!(unread_after(&answered, read, PersonId(1), true), Some(42));
    }

    #[test]
    fn writing_after_a_message_counts_as_having_read_it() {
        let list = vec![message(1, 1, Some(1)), message(2, 2, Some(2)), message(3, 3, None)];
        let markers = [ReadMarker { person_id: PersonId(2), seq: 0 }, ReadMarker { person_id: PersonId(3), seq: 2 }];
        let effective = effective_markers(&markers, &list);
        assert!(effective.contains(&ReadMarker { person_id: PersonId(2), seq: 2 }));
        assert!(effective.contains(&ReadMarker { person_id: PersonId(3), seq: 2 }));
        assert!(effective.contains(&ReadMarker { person_id: PersonId(1), seq: 1 }));
    }

    #[test]
    fn seen_by_names_the_readers() {
        let members = [member(1, "Erik"), member(2, "Sara"), member(3, "Jonas"), member(4, "Kim")];
        let markers = [
            ReadMarker { person_id: PersonId(1), seq: 9 },
            ReadMarker { person_id: PersonId(2), seq: 7 },
            ReadMarker { person_id: PersonId(3), seq: 4 },
        ];
        let who = readers(en(), &markers, &members, PersonId(1), 5);
        assert_eq!(who, ["Sara"]);
        assert_eq!(seen_label(en(), &who, 3, true), "Seen by Sara");
        assert_eq!(seen_label(en(), &who, 3, false), "Seen");
        assert_eq!(seen_label(en(), &[], 3, true), "Sent");
        let all = readers(en(), &markers, &members, PersonId(1), 1);
        assert_eq!(seen_label(en(), &all, 3, true), "Seen by Sara and Jonas");
        let three = ["A".to_owned(), "B".to_owned(), "C".to_owned(), "D".to_owned()];
        assert_eq!(seen_label(en(), &three, 9, true), "Seen by A, B and 2 more");
        assert_eq!(seen_label(en(), &three[..3], 3, true), "Seen by everyone");
    }

    #[test]
    fn times_show_the_date_when_not_today() {
        assert_eq!(message_time(en(), FRI_1305, FRI_1305 + 1000, 0), "13:05");
        assert_eq!(message_time(en(), FRI_1305, FRI_1305 + DAY_MS, 0), "14 Mar, 13:05");
        assert_eq!(message_time(en(), FRI_1305, FRI_1305, 60), "14:05");
        assert_eq!(message_time(Texts::of(Lang::Sv), FRI_1305, FRI_1305 + DAY_MS, 0), "14 mars 13:05");
    }

    #[test]
    fn the_conversion_line_names_the_organization() {
        assert_eq!(converted_line(en(), "Nordvik Energi"), "— Became an organization group: Nordvik Energi —");
    }
}
