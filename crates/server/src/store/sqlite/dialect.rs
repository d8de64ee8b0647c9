//! What SQLite says differently from PostgreSQL. The shared store code
//! (`store/sql/`) asks this module for these pieces and nothing else; the
//! PostgreSQL dialect offers the same names.

use crate::store::StoreResult;

/// How a list of ids is bound: a JSON array, for `json_each`, so the SQL
/// stays literal however many ids there are.
pub(super) type IdList = String;

/// Binds `ids` as one parameter (see [`in_ids`]).
pub(super) fn id_list(ids: impl IntoIterator<Item = i64>) -> StoreResult<IdList> {
    Ok(serde_json::to_string(&ids.into_iter().collect::<Vec<_>>())?)
}

/// "Is one of the ids bound at `$param`" (an [`IdList`]), after a column.
pub(super) fn in_ids(param: u8) -> String {
    format!("IN (SELECT value FROM json_each(${param}))")
}

/// The ids bound at `$param` (an [`IdList`]) as a table `r(id, n)`, `n`
/// numbering them in the order given.
pub(super) fn numbered_ids(param: u8) -> String {
    format!("(SELECT value AS id, key AS n FROM json_each(${param})) AS r")
}

/// The `[conversation, seq]` pairs bound as a JSON array at `$1` as rows of
/// two columns, for a `WITH v(…) AS (…)`.
pub(super) const WINDOW_ROWS: &str =
    "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each($1)";

/// `column` for ordering by name case-insensitively. SQLite folds ASCII
/// only, so PostgreSQL folds the same way (see its dialect).
pub(super) fn caseless(column: &str) -> String {
    format!("{column} COLLATE NOCASE")
}

/// The larger of two values (SQLite's two-argument `MAX`).
pub(super) fn greatest(a: &str, b: &str) -> String {
    format!("MAX({a}, {b})")
}

/// Stores search words given as a JSON array of `[org, entry, token,
/// sort_name]` at `$1`, skipping those stored already.
pub(super) const INSERT_TOKENS: &str = "INSERT OR IGNORE INTO directory_tokens (org_id, token, sort_name, entry_id)
     SELECT value ->> 0, value ->> 2, value ->> 3, value ->> 1 FROM json_each($1)";

/// Imports directory entries given as a JSON array of objects at `$3`, into
/// organization `$1` at time `$2`, in the order of their `n`; a taken
/// e-mail or alias is skipped. Answers `id, email` of those stored. (`WHERE
/// true` tells SQLite's parser that ON CONFLICT is the upsert, not a join's ON.)
pub(super) const INSERT_ENTRIES: &str = "INSERT INTO directory_entries (org_id, email, alias, display_name,
        designation, department, is_admin, password_hash, created_at)
     SELECT $1, value ->> 'email', value ->> 'alias', value ->> 'display_name', value ->> 'designation',
        value ->> 'department', value ->> 'is_admin', value ->> 'password_hash', $2
     FROM json_each($3) WHERE true ORDER BY value ->> 'n'
     ON CONFLICT DO NOTHING RETURNING id, email";

/// Run before reading a rate window to keep it: nothing, as a write
/// transaction holds the database's one write lock already.
pub(super) const CLAIM_RATE_WINDOW: Option<&str> = None;

/// What follows a `SELECT` that keeps its rows from other writers: nothing,
/// for the same reason.
pub(super) const FOR_UPDATE: &str = "";
