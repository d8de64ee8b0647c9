//! Texts of Me, its sessions, and signing in and up.

/// Texts of Me, its sessions, and signing in and up.
pub struct MeTexts {}

/// In English: the accessible names of the spec.
pub const EN: MeTexts = MeTexts {};

/// In Swedish.
pub const SV: MeTexts = MeTexts {};
