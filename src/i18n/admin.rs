//! Texts of the admin portal.

/// Texts of the admin portal.
pub struct Admin {}

/// In English: the accessible names of the spec.
pub const EN: Admin = Admin {};

/// In Swedish.
pub const SV: Admin = Admin {};
