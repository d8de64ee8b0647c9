//! Reusable views.

pub mod attachment_view;
pub mod avatar;
pub mod chat_list;
pub mod composer;
pub mod connection_status;
pub mod controls;
pub mod dialog;
pub mod forward_dialog;
pub mod icons;
pub mod menu;
pub mod message_list;
pub mod message_row;
pub mod message_window;
pub mod nav;
pub mod org_badge;
pub mod people_search;
pub mod policy_notes;
pub mod profile_card;
pub mod start_conversation;
pub mod status;

pub use attachment_view::AttachmentView;
pub use avatar::Avatar;
pub use chat_list::{ChatList, ChatRow};
pub use composer::Composer;
pub use connection_status::ConnectionStatus;
pub use dialog::{ConfirmDialog, Dialog};
pub use forward_dialog::ForwardDialog;
pub use menu::{MenuAction, MenuButton};
pub use message_list::MessageList;
pub use nav::AppNav;
pub use org_badge::OrgBadge;
pub use policy_notes::PolicyNotes;
pub use profile_card::{DirectoryProfileCard, ProfileCard};
pub use status::{EmptyState, ErrorNotice, Loading};
