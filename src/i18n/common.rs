//! Texts every screen shares: the shell, loading and error states, dialogs.

/// Texts every screen shares: the shell, loading and error states, dialogs.
pub struct Common {
    /// While the app asks the server who is signed in.
    pub opening: &'static str,
    /// The first link of the page, for keyboards.
    pub skip_to_content: &'static str,
}

/// In English: the accessible names of the spec.
pub const EN: Common = Common { opening: "Opening Samtal…", skip_to_content: "Skip to content" };

/// In Swedish.
pub const SV: Common = Common { opening: "Öppnar Samtal…", skip_to_content: "Hoppa till innehållet" };
