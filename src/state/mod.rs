//! App-wide reactive state, each piece with its `provide_*_context()`.

pub mod cache;
pub mod cache_first;
pub mod live;
pub mod outbox;
pub mod session;

pub use live::{Live, provide_live_context, use_live};
pub use session::{Phase, Session, SessionState, provide_session_context, use_session};
