//! One routed screen per file.

pub mod admin;
pub mod admin_page;
pub mod chat_page;
pub mod chat_verbs;
pub mod chats_layout;
pub mod chats_page;
pub mod contacts_page;
pub mod group_profile_page;
pub mod me_page;
pub mod me_sessions;
pub mod not_found_page;
pub mod sign_in_page;
pub mod sign_up_page;

pub use admin_page::AdminPage;
pub use chat_page::ChatPage;
pub use chats_page::ChatsPage;
pub use contacts_page::ContactsPage;
pub use group_profile_page::GroupProfilePage;
pub use me_page::MePage;
pub use not_found_page::NotFoundPage;
pub use sign_in_page::SignInPage;
pub use sign_up_page::SignUpPage;
