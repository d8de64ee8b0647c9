//! The calls of the verbs on a sent message: edit, delete (for everyone or
//! for me), and reactions.

use samtal_core::api::{Done, EditMessage, Message};
use samtal_core::{ConversationId, MessageId};

use super::{ClientError, Method, json_request, request, send};

/// The path of one message.
fn message_path(conversation: ConversationId, message: MessageId) -> String {
    format!("/api/conversations/{conversation}/messages/{message}")
}

/// The path of one emoji's reaction to a message, the emoji URL-encoded.
pub fn reaction_path(conversation: ConversationId, message: MessageId, emoji: &str) -> String {
    let encoded = String::from(js_sys::encode_uri_component(emoji));
    format!("{}/reactions/{encoded}", message_path(conversation, message))
}

/// `PATCH …/messages/{message}`: the viewer's new text for their message.
pub async fn edit(conversation: ConversationId, message: MessageId, text: String) -> Result<Message, ClientError> {
    send(json_request(Method::PATCH, &message_path(conversation, message), &EditMessage { text })?).await
}

/// `DELETE …/messages/{message}`: for everyone, or with `for_me` on the
/// viewer's devices only.
pub async fn delete(conversation: ConversationId, message: MessageId, for_me: bool) -> Result<(), ClientError> {
    let mut path = message_path(conversation, message);
    if for_me {
        path.push_str("?for=me");
    }
    let built = request(Method::DELETE, &path).build().map_err(|_| ClientError::Unreadable { status: 0 })?;
    send::<Done>(built).await.map(|_| ())
}

/// `PUT` (with `add`) or `DELETE …/reactions/{emoji}`: the viewer's
/// reaction; answers the message as they see it now.
pub async fn react(
    conversation: ConversationId,
    message: MessageId,
    emoji: &str,
    add: bool,
) -> Result<Message, ClientError> {
    let method = if add { Method::PUT } else { Method::DELETE };
    let built = request(method, &reaction_path(conversation, message, emoji))
        .build()
        .map_err(|_| ClientError::Unreadable { status: 0 })?;
    send(built).await
}
