//! Texts of Contacts, people search, starting conversations and the group profile.

/// Texts of Contacts, people search, starting conversations and the group profile.
pub struct People {}

/// In English: the accessible names of the spec.
pub const EN: People = People {};

/// In Swedish.
pub const SV: People = People {};
