//! Checks over the SQL text both backends share (`store/sql/`) and the
//! SQLite dialect, for the two mistakes that one text on two databases
//! invites and that neither database reports:
//!
//! - a positional `?` placeholder: PostgreSQL refuses it, but mixed with
//!   numbered ones SQLite binds it to the next number silently;
//! - a `$1::TYPE` cast: SQLite reads `$1::TYPE` as one parameter name, so
//!   the parameter stays unbound (NULL) and the cast vanishes.
//!
//! (An unbound `$N` is NULL on SQLite but an error on PostgreSQL, so the
//! PostgreSQL pass of the suites catches that one.)

use std::path::{Path, PathBuf};

/// The text of every string literal in Rust source `code` (comments skipped).
fn string_literals(code: &str) -> Vec<String> {
    let mut literals = Vec::new();
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '"' => {
                let mut literal = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            if let Some(escaped) = chars.next() {
                                literal.push('\\');
                                literal.push(escaped);
                            }
                        }
                        '"' => break,
                        c => literal.push(c),
                    }
                }
                literals.push(literal);
            }
            _ => {}
        }
    }
    literals
}

/// What is wrong with one literal of SQL, if anything.
fn sql_mistake(literal: &str) -> Option<&'static str> {
    // `{value:?}` is a Rust format spec, not SQL.
    let without_specs = literal.replace(":?}", "}");
    if without_specs.contains('?') {
        return Some("a positional `?` placeholder: number it (`$1`)");
    }
    let bytes = literal.as_bytes();
    for (at, _) in literal.match_indices('$') {
        let digits = bytes[at + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits > 0 && literal[at + 1 + digits..].trim_start().starts_with("::") {
            return Some("a `$N::TYPE` cast, which SQLite drops: write `CAST($N AS TYPE)`");
        }
    }
    None
}

/// Every mistake in the Rust files `paths`, as `file: literal: what`.
fn mistakes(paths: &[PathBuf]) -> Vec<String> {
    let mut found = Vec::new();
    for path in paths {
        let code = std::fs::read_to_string(path).unwrap_or_default();
        for literal in string_literals(&code) {
            if let Some(what) = sql_mistake(&literal) {
                found.push(format!("{}: {literal:?}: {what}", path.display()));
            }
        }
    }
    found
}

/// The shared SQL files and the SQLite dialect.
fn checked_files() -> Vec<PathBuf> {
    let store = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(store.join("sql"))
        .map(|dir| dir.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "rs"));
    paths.push(store.join("sqlite/dialect.rs"));
    paths.sort();
    paths
}

#[test]
fn the_shared_sql_has_neither_positional_placeholders_nor_postgres_casts() {
    let paths = checked_files();
    assert!(paths.len() > 10, "the shared areas are found: {paths:?}");
    let found = mistakes(&paths);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_check_finds_both_mistakes_and_passes_what_both_databases_read_alike() {
    assert!(sql_mistake("SELECT id FROM persons WHERE handle = ?").is_some());
    assert!(sql_mistake("VALUES (?1, ?2)").is_some());
    assert!(sql_mistake("SELECT $1::BIGINT AS person").is_some());
    assert!(sql_mistake("WHERE id = ANY($12 ::BIGINT[])").is_some());
    assert!(sql_mistake("SELECT CAST($1 AS BIGINT) AS person WHERE id = $2").is_none());
    assert!(sql_mistake("SELECT json_extract(value, '$[0]') FROM json_each($1)").is_none());
    assert!(sql_mistake("unknown kind {other:?}").is_none());
    let code = "// a comment with ? in it\nlet q = \"SELECT \\\"x\\\" FROM t WHERE a = ?\"; let r = \"$1\";";
    assert_eq!(string_literals(code), ["SELECT \\\"x\\\" FROM t WHERE a = ?", "$1"]);
}
