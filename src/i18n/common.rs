//! Texts every screen shares: the shell, navigation, loading and error states, dialogs.

/// Texts every screen shares: the shell, navigation, loading and error states, dialogs.
pub struct Common {
    /// While the app asks the server who is signed in.
    pub opening: &'static str,
    /// The first link of the page, for keyboards.
    pub skip_to_content: &'static str,
    /// The accessible name of the main navigation.
    pub nav_main: &'static str,
    /// The navigation's Chats entry.
    pub nav_chats: &'static str,
    /// The navigation's Contacts entry.
    pub nav_contacts: &'static str,
    /// The navigation's Me entry.
    pub nav_me: &'static str,
    /// The navigation's Admin entry.
    pub nav_admin: &'static str,
    /// Dismisses a dialog or a form without doing anything.
    pub cancel: &'static str,
    /// Asks again after a failure.
    pub try_again: &'static str,
    /// A generic removal button.
    pub remove: &'static str,
    /// A generic save button.
    pub save: &'static str,
    /// While something is being saved.
    pub saving: &'static str,
    /// A generic create button.
    pub create: &'static str,
    /// A link back to the chat list.
    pub back_to_chats: &'static str,
    /// The signed-in person, where their name would be.
    pub you: &'static str,
    /// The accessible name of the badge on organization conversations.
    pub office: &'static str,
    /// The badge's tooltip: who owns the conversation.
    pub owned_by: fn(&str) -> String,
    /// A conversation owned by an organization.
    pub organization_chat: &'static str,
    /// A conversation owned by its participants.
    pub private_chat: &'static str,
    /// Converting a private group into an organization group.
    pub add_to_organization: &'static str,
    /// The admins of the organization that owns something.
    pub organization_admins: &'static str,
    /// The quiet line while the live connection is down.
    pub offline_reconnecting: &'static str,
    /// The heading of a path the app does not know.
    pub not_found_title: &'static str,
    /// What a path the app does not know shows, before the way back.
    pub not_found_body: &'static str,
    /// The way back from a path the app does not know.
    pub back_to_your_chats: &'static str,
    /// The server failed (or answered a 5xx): its status code.
    pub error_server_problem: fn(u16) -> String,
    /// The server refused without saying why: its status code.
    pub error_refused: fn(u16) -> String,
    /// An answer the client could not read.
    pub error_unreadable: &'static str,
    /// No answer at all: offline or the server is down.
    pub error_network: &'static str,
}

/// In English: the accessible names of the spec.
pub const EN: Common = Common {
    opening: "Opening Samtal…",
    skip_to_content: "Skip to content",
    nav_main: "Main",
    nav_chats: "Chats",
    nav_contacts: "Contacts",
    nav_me: "Me",
    nav_admin: "Admin",
    cancel: "Cancel",
    try_again: "Try again",
    remove: "Remove",
    save: "Save",
    saving: "Saving…",
    create: "Create",
    back_to_chats: "Back to Chats",
    you: "You",
    office: "Office",
    owned_by: |name| format!("Owned by {name}"),
    organization_chat: "Organization chat",
    private_chat: "Private chat",
    add_to_organization: "Add to organization",
    organization_admins: "Organization admins",
    offline_reconnecting: "Offline — reconnecting…",
    not_found_title: "Nothing here",
    not_found_body: "This page does not exist. ",
    back_to_your_chats: "Back to your chats",
    error_server_problem: |status| format!("The server ran into a problem (error {status}). Try again in a moment."),
    error_refused: |status| format!("The server refused the request (error {status})."),
    error_unreadable: "The server sent an answer Samtal could not read.",
    error_network: "Samtal can't reach the server. Check your connection and try again.",
};

/// In Swedish.
pub const SV: Common = Common {
    opening: "Öppnar Samtal…",
    skip_to_content: "Hoppa till innehållet",
    nav_main: "Huvudmeny",
    nav_chats: "Chattar",
    nav_contacts: "Kontakter",
    nav_me: "Jag",
    nav_admin: "Admin",
    cancel: "Avbryt",
    try_again: "Försök igen",
    remove: "Ta bort",
    save: "Spara",
    saving: "Sparar…",
    create: "Skapa",
    back_to_chats: "Tillbaka till Chattar",
    you: "Du",
    office: "Organisation",
    owned_by: |name| format!("Ägs av {name}"),
    organization_chat: "Organisationschatt",
    private_chat: "Privat chatt",
    add_to_organization: "Lägg till i organisation",
    organization_admins: "Organisationens administratörer",
    offline_reconnecting: "Offline – ansluter igen…",
    not_found_title: "Här finns inget",
    not_found_body: "Sidan finns inte. ",
    back_to_your_chats: "Tillbaka till dina chattar",
    error_server_problem: |status| format!("Servern stötte på ett problem (fel {status}). Försök igen om en stund."),
    error_refused: |status| format!("Servern nekade begäran (fel {status})."),
    error_unreadable: "Servern skickade ett svar som Samtal inte kunde läsa.",
    error_network: "Samtal når inte servern. Kontrollera din anslutning och försök igen.",
};
