//! Reusable views.

pub mod avatar;
pub mod chat_list;
pub mod icons;
pub mod nav;
pub mod org_badge;
pub mod status;

pub use avatar::Avatar;
pub use chat_list::{ChatList, ChatRow};
pub use nav::AppNav;
pub use org_badge::OrgBadge;
pub use status::{EmptyState, ErrorNotice, Loading};
