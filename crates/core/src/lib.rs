//! # samtal-core
//!
//! Everything about Samtal that is true regardless of where it runs: the id
//! newtypes, the wire types of the HTTP API and the event stream, the one
//! error-code enum, and every rule of the product as a pure function.
//!
//! No I/O happens here. The server loads the facts a rule needs, asks this
//! crate for the verdict and enforces it; the web client renders the
//! [`Capabilities`] the server computed with the same functions, so a rule is
//! decided in exactly one place.

pub mod api;
pub mod error;
pub mod events;
pub mod identity;
pub mod ids;
pub mod lang;
pub mod limits;
pub mod policy;
pub mod rules;
pub mod validate;
mod wire;

pub use error::{ApiError, ErrorBody, ErrorCode};
pub use ids::*;
pub use lang::Lang;
pub use policy::{Capabilities, GroupPolicies, Policies, Restrictions, SetBy, TenantPolicies};

/// Milliseconds since the Unix epoch, UTC. Every `*_at` field on the wire uses it.
pub type Millis = i64;
