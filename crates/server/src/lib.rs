//! # samtal-server
//!
//! Samtal's API server: an axum application over a storage trait whose first
//! implementation is SQLite (via sqlx). The rules come from `samtal-core`;
//! this crate loads the facts they need, enforces the verdicts, keeps the data
//! and streams each person's events.

pub mod auth;
pub mod cli;
pub mod config;
pub mod demo;
pub mod error;
pub mod mail;
pub mod routes;
pub mod state;
pub mod store;
pub mod time;

pub use config::Config;
pub use routes::app;
pub use state::AppState;
