//! The outbox at work: messages written in any conversation go out one at a
//! time, in the order they were written, whenever the app is online.
//!
//! Each item is kept in the device cache before anything is sent (so a reload
//! or a closed tab loses nothing) and mirrored in [`Live::outbox`] for the
//! screens. Sending again after a lost answer reuses the item's `client_id`,
//! so the server stores it exactly once; the item leaves the outbox only when
//! the server's answer says it is stored.

use std::cell::Cell;

use leptos::prelude::*;
use leptos::task::spawn_local;
use samtal_core::api::SendMessage;
use samtal_core::{ConversationId, ErrorCode};

use crate::api::{self, ClientError};
use crate::state::cache::{self, now};
use crate::state::{Live, Session, use_live, use_session};
use crate::storage::Owner;
use crate::storage::outbox::{OutboxItem, OutboxState, next_position, next_to_send};

/// How long to wait before trying again after a send found no network.
const RETRY_MS: u64 = 5_000;
/// How long a send the server refused as too fast waits before it is tried again.
const RATE_LIMITED_RETRY_MS: u64 = 10_000;

thread_local! {
    /// Whether the sending loop runs: at most one per page.
    static RUNNING: Cell<bool> = const { Cell::new(false) };
}

/// Starts the outbox for the signed-in person: loads what earlier visits left
/// queued and sends whenever the connection comes back. Call once in the
/// signed-in shell.
pub fn start_outbox() {
    let live = use_live();
    let session = use_session();
    spawn_local(async move {
        if let Some(device) = cache::device() {
            match device.outbox().await {
                Ok(items) => {
                    live.outbox.try_update(|list| {
                        for item in items {
                            if !list.iter().any(|i| i.client_id == item.client_id) {
                                list.push(item);
                            }
                        }
                        crate::storage::outbox::in_order(list);
                    });
                }
                Err(error) => log::warn!("reading the outbox: {error}"),
            }
        }
        kick(live, session);
    });
    Effect::new(move |was: Option<bool>| {
        let online = live.online.get();
        if online && was != Some(true) {
            kick(live, session);
        }
        online
    });
}

/// Queues `text` (a reply to `reply_to`, if any) for conversation `id`,
/// owned by `owner`, and sends it when it can.
pub fn enqueue(
    live: Live,
    session: Session,
    id: ConversationId,
    owner: Owner,
    text: String,
    reply_to: Option<samtal_core::MessageId>,
) -> String {
    let client_id = api::chat::new_client_id();
    let position = live.outbox.with_untracked(|list| next_position(list, now()));
    let item = OutboxItem {
        client_id: client_id.clone(),
        conversation_id: id,
        text,
        reply_to,
        written_at: now(),
        position,
        state: OutboxState::Waiting,
    };
    live.outbox.update(|list| list.push(item.clone()));
    match cache::device() {
        // Kept on the device first: a tab closed right after sending loses nothing.
        Some(device) => cache::write(async move {
            let kept = device.put_outbox(owner, &item).await.map(|_| ());
            kick(live, session);
            kept
        }),
        None => kick(live, session),
    }
    client_id
}

/// Sends a failed item again.
pub fn retry(live: Live, session: Session, client_id: &str) {
    set_state(live, client_id, OutboxState::Waiting);
    kick(live, session);
}

/// Whether `client_id` is an outbox item (rather than a file being sent).
pub fn contains(live: Live, client_id: &str) -> bool {
    live.outbox.with_untracked(|list| list.iter().any(|i| i.client_id == client_id))
}

fn set_state(live: Live, client_id: &str, state: OutboxState) {
    let mut changed = None;
    live.outbox.try_update(|list| {
        if let Some(item) = list.iter_mut().find(|i| i.client_id == client_id) {
            item.state = state;
            changed = Some(item.clone());
        }
    });
    if let (Some(item), Some(device)) = (changed, cache::device()) {
        cache::write(async move { device.update_outbox(&item).await });
    }
}

fn remove(live: Live, item: &OutboxItem) {
    live.outbox.try_update(|list| list.retain(|i| i.client_id != item.client_id));
    if let Some(device) = cache::device() {
        let item = item.clone();
        cache::write(async move { device.remove_outbox(&item).await });
    }
}

/// Starts the sending loop unless it runs already.
fn kick(live: Live, session: Session) {
    if RUNNING.with(|r| r.replace(true)) {
        return;
    }
    spawn_local(async move {
        run(live, session).await;
        RUNNING.with(|r| r.set(false));
    });
}

/// Sends items in order until none is left, or the network is gone.
async fn run(live: Live, session: Session) {
    loop {
        let Some(item) = live.outbox.try_with_untracked(|list| next_to_send(list).cloned()).flatten() else {
            return;
        };
        set_state(live, &item.client_id, OutboxState::Sending);
        let body = SendMessage {
            text: Some(item.text.clone()),
            client_id: item.client_id.clone(),
            forward_of: None,
            attachment_id: None,
            reply_to: item.reply_to,
        };
        match api::chat::send_message(item.conversation_id, &body).await {
            Ok(message) => {
                remove(live, &item);
                live.delivered.try_set(Some(message));
            }
            Err(ClientError::Network) => {
                // Wait for the connection: `start_outbox` kicks again when the
                // socket is back, and a timer covers a failure the socket did not see.
                set_state(live, &item.client_id, OutboxState::Waiting);
                set_timeout(move || kick(live, session), std::time::Duration::from_millis(RETRY_MS));
                return;
            }
            Err(error) if error.code() == Some(ErrorCode::RateLimited) => {
                // Sent faster than the server's limit: the message waits its
                // turn, in order, instead of failing.
                set_state(live, &item.client_id, OutboxState::Waiting);
                set_timeout(move || kick(live, session), std::time::Duration::from_millis(RATE_LIMITED_RETRY_MS));
                return;
            }
            Err(error) => {
                if session.handle_error(&error) {
                    return;
                }
                set_state(live, &item.client_id, OutboxState::Failed(error.human_in(session.lang())));
            }
        }
    }
}
