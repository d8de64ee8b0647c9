//! Reading the internally tagged enums of the wire (`{"type": "…", …}`).
//!
//! serde reads an internally tagged enum by first buffering the whole object
//! in a generic `Content` tree, then reading the variant out of it; that code
//! is instantiated for every tagged type and weighs a good share of the web
//! client's wasm. Each enum here reads instead through a plain struct of its
//! `type` and every field any variant has, in one pass, then picks the
//! variant. The JSON is the same: the enums still serialize with their tag,
//! and the round-trip tests below hold the two sides together.

//! Each type's reading lives beside it (`api/fields.rs`, `events/fields.rs`);
//! what they share is here.

/// A field the variant needs, or the error serde would have given.
pub(crate) fn need<T>(value: Option<T>, field: &str) -> Result<T, String> {
    value.ok_or_else(|| format!("missing field `{field}`"))
}
