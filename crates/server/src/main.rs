//! The `samtal-server` command line.

fn main() {}
