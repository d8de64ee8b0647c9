//! Messages written and not yet stored by the server. They are kept in the
//! container of their conversation's owner (so an organization's drafts are
//! encrypted and wiped with the rest of its data), survive a reload, and go
//! out in the order they were written, each with its own `client_id` so that
//! sending one again never stores it twice.

use samtal_core::{ConversationId, Millis};
use serde::{Deserialize, Serialize};

use crate::order;

/// Where a queued message stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", content = "reason", rename_all = "snake_case")]
pub enum OutboxState {
    /// Waiting for its turn or for the network.
    Waiting,
    /// On its way now.
    Sending,
    /// The server refused it for good (not a lost connection): why, in a sentence.
    Failed(String),
}

/// One queued message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxItem {
    /// The idempotency key it is sent with, every time.
    pub client_id: String,
    /// Where it goes.
    pub conversation_id: ConversationId,
    /// What it says.
    pub text: String,
    /// The message it replies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<samtal_core::MessageId>,
    /// When it was written, on this device's clock.
    pub written_at: Millis,
    /// Its place in the queue: items go out in increasing order.
    pub position: u64,
    /// Where it stands.
    pub state: OutboxState,
}

impl OutboxItem {
    /// The key it is stored under: sorts by queue position.
    pub fn key(&self) -> String {
        format!("{:016x}-{}", self.position, self.client_id)
    }
}

/// The next position after every item in `items`.
pub fn next_position(items: &[OutboxItem], now: Millis) -> u64 {
    // Time-based so that two tabs rarely collide; never below what is queued.
    let clock = u64::try_from(now).unwrap_or(0).saturating_mul(1000);
    items.iter().map(|i| i.position + 1).max().unwrap_or(0).max(clock)
}

/// The order items go out in: by position, then by `client_id`.
pub fn in_order(items: &mut [OutboxItem]) {
    order::sort_by_key(items, queue_key);
}

/// The queue order of an item: its position, then its `client_id`.
fn queue_key(item: &OutboxItem) -> order::SortKey {
    (i64::try_from(item.position).unwrap_or(i64::MAX), 0, item.client_id.clone())
}

/// The next item to send: the first one waiting (or left "sending" by a page
/// that closed before the answer came), skipping those that failed for good.
pub fn next_to_send(items: &[OutboxItem]) -> Option<&OutboxItem> {
    let mut sorted: Vec<&OutboxItem> = items.iter().collect();
    order::sort_by_key(&mut sorted, |item| queue_key(item));
    sorted.into_iter().find(|i| !matches!(i.state, OutboxState::Failed(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(client_id: &str, position: u64, state: OutboxState) -> OutboxItem {
        OutboxItem {
            client_id: client_id.to_owned(),
            conversation_id: ConversationId(1),
            text: client_id.to_owned(),
            reply_to: None,
            written_at: 0,
            position,
            state,
        }
    }

    #[test]
    fn items_go_out_in_the_order_they_were_written() {
        let items = vec![
            item("c", 3, OutboxState::Waiting),
            item("a", 1, OutboxState::Failed("no".to_owned())),
            item("b", 2, OutboxState::Sending),
        ];
        assert_eq!(next_to_send(&items).map(|i| i.client_id.as_str()), Some("b"));
        let mut sorted = items.clone();
        in_order(&mut sorted);
        assert_eq!(sorted.iter().map(|i| i.position).collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(next_to_send(&[item("a", 1, OutboxState::Failed("no".to_owned()))]), None);
    }

    #[test]
    fn positions_only_grow() {
        let items = vec![item("a", 5_000_000, OutboxState::Waiting)];
        assert_eq!(next_position(&items, 1), 5_000_001);
        assert_eq!(next_position(&[], 7), 7000);
        assert!(item("x", 2, OutboxState::Waiting).key() < item("x", 10, OutboxState::Waiting).key());
    }
}
