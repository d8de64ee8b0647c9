//! App-wide reactive state, each piece with its `provide_*_context()`.

pub mod session;

pub use session::{Phase, Session, SessionState, provide_session_context, use_session};
