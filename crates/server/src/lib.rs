//! Samtal server.
