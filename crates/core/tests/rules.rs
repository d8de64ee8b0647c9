//! Table-driven tests of every rule function in `samtal_core::rules`, against
//! the rules of `docs/PRODUCT.md`, for every kind of person who may ask: someone
//! outside the conversation, plain members and group admins, admins of the
//! owning organization and of another one, members signed in to the owner
//! organization, to another one, or on a personal account only.
//!
//! Each table row reads as a sentence: a description, the inputs built with the
//! helpers of `support`, and the verdict the product rules call for. The
//! `invariants` module then loops over every combination of facts and checks
//! what must hold whatever the combination.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "rules/support.rs"]
mod support;

#[path = "rules/access.rs"]
mod access;
#[path = "rules/cache_keys.rs"]
mod cache_keys;
#[path = "rules/capabilities.rs"]
mod capabilities;
#[path = "rules/creation.rs"]
mod creation;
#[path = "rules/invariants.rs"]
mod invariants;
#[path = "rules/leaving.rs"]
mod leaving;
#[path = "rules/policy.rs"]
mod policy;
#[path = "rules/sharing.rs"]
mod sharing;
#[path = "rules/verbs.rs"]
mod verbs;
