//! `cargo xtask`: build, run and test Samtal.

fn main() {}
