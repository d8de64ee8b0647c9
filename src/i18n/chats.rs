//! Texts of the chat list, a conversation, the composer and forwarding.

/// Texts of the chat list, a conversation, the composer and forwarding.
pub struct Chats {}

/// In English: the accessible names of the spec.
pub const EN: Chats = Chats {};

/// In Swedish.
pub const SV: Chats = Chats {};
