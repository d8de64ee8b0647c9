//! What PostgreSQL says differently from SQLite. The shared store code
//! (`store/sql/`) asks this module for these pieces and nothing else; the
//! SQLite dialect offers the same names.

use crate::store::StoreResult;

/// How a list of ids is bound: a `BIGINT[]`.
pub(super) type IdList = Vec<i64>;

/// Binds `ids` as one parameter (see [`in_ids`]).
pub(super) fn id_list(ids: impl IntoIterator<Item = i64>) -> StoreResult<IdList> {
    Ok(ids.into_iter().collect())
}

/// "Is one of the ids bound at `$param`" (an [`IdList`]), after a column.
pub(super) fn in_ids(param: u8) -> String {
    format!("= ANY(${param})")
}

/// The ids bound at `$param` (an [`IdList`]) as a table `r(id, n)`, `n`
/// numbering them in the order given.
pub(super) fn numbered_ids(param: u8) -> String {
    format!("unnest(${param}::BIGINT[]) WITH ORDINALITY AS r(id, n)")
}

/// The `[conversation, seq]` pairs bound as a JSON array at `$1` as rows of
/// two columns, for a `WITH v(…) AS (…)`.
pub(super) const WINDOW_ROWS: &str =
    "SELECT (w ->> 0)::BIGINT, (w ->> 1)::BIGINT FROM jsonb_array_elements($1::JSONB) AS w";

/// `column` for ordering by name case-insensitively, as SQLite's `NOCASE`
/// does: lowercased, then by bytes whatever the database's collation.
pub(super) fn caseless(column: &str) -> String {
    format!("lower({column}) COLLATE \"C\"")
}

/// The larger of two values.
pub(super) fn greatest(a: &str, b: &str) -> String {
    format!("GREATEST({a}, {b})")
}

/// Stores search words given as a JSON array of `[org, entry, token,
/// sort_name]` at `$1`, skipping those stored already.
pub(super) const INSERT_TOKENS: &str = "INSERT INTO directory_tokens (org_id, token, sort_name, entry_id)
     SELECT (t ->> 0)::BIGINT, t ->> 2, t ->> 3, (t ->> 1)::BIGINT FROM jsonb_array_elements($1::JSONB) AS t
     ON CONFLICT DO NOTHING";

/// Imports directory entries given as a JSON array of objects at `$3`, into
/// organization `$1` at time `$2`, in the order of their `n`; a taken
/// e-mail or alias is skipped. Answers `id, email` of those stored.
pub(super) const INSERT_ENTRIES: &str = "INSERT INTO directory_entries (org_id, email, alias, display_name,
        designation, department, is_admin, password_hash, created_at)
     SELECT $1, r.email, r.alias, r.display_name, r.designation, r.department, r.is_admin, r.password_hash, $2
     FROM jsonb_to_recordset($3::JSONB) AS r(n BIGINT, email TEXT, alias TEXT, display_name TEXT,
        designation TEXT, department TEXT, is_admin BOOLEAN, password_hash TEXT)
     ORDER BY r.n
     ON CONFLICT DO NOTHING RETURNING id, email";

/// Run before reading a rate window to keep it: a row to lock even for a
/// new key ((0, 0) is a window long ended).
pub(super) const CLAIM_RATE_WINDOW: Option<&str> =
    Some("INSERT INTO rate_windows (key, started_at, tries) VALUES ($1, 0, 0) ON CONFLICT (key) DO NOTHING");

/// What follows a `SELECT` that keeps its rows from other writers until
/// the transaction ends.
pub(super) const FOR_UPDATE: &str = " FOR UPDATE";
