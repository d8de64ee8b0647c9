//! # samtal-server
//!
//! Samtal's API server: an axum application (`routes`) over a domain layer
//! (`domain`) that asks `samtal-core`'s rules and runs every change in one
//! transaction of a store (`store`): SQLite embedded, or PostgreSQL.

pub mod auth;
pub mod blobs;
pub mod cli;
pub mod cluster;
pub mod config;
pub mod domain;
pub mod error;
pub mod limits;
pub mod mail;
pub mod oidc;
pub mod request_origin;
pub mod routes;
pub mod scim;
pub mod secrets;
pub mod state;
pub mod store;
pub mod time;
pub mod uploads;

pub use config::Config;
pub use routes::app;
pub use state::AppState;
