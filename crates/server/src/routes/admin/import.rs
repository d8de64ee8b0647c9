//! Reading and checking a directory import: JSON (`DirectoryImport`) or CSV
//! with the header `email,alias,display_name,designation,department,is_admin,password`.
//!
//! A malformed body refuses the whole import; a bad row only refuses itself,
//! so an admin sees every problem of a file at once.

use std::collections::{HashMap, HashSet};

use samtal_core::api::limits::DIRECTORY_IMPORT_MAX;
use samtal_core::api::{DirectoryImport, NewDirectoryEntry};
use samtal_core::{ApiError, ErrorCode, validate};

use crate::error::AppError;

/// One row as read: the e-mail as given (for the answer), and the checked
/// entry or why it can't be imported.
#[derive(Debug)]
pub(super) struct Row {
    /// The e-mail exactly as in the request.
    pub email: String,
    /// The normalized entry, or the row's error.
    pub entry: Result<NewDirectoryEntry, ApiError>,
}

/// The body's format, from its `Content-Type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
    /// `application/json` (or any `+json` type).
    Json,
    /// `text/csv`.
    Csv,
}

impl Format {
    /// The format of a `Content-Type`, or an `invalid_json` error naming both.
    pub fn of(content_type: Option<&str>) -> Result<Format, AppError> {
        let essence = content_type.and_then(|ct| ct.split(';').next()).map(|m| m.trim().to_ascii_lowercase());
        match essence.as_deref() {
            Some("text/csv") => Ok(Format::Csv),
            Some(m) if m == "application/json" || m.ends_with("+json") => Ok(Format::Json),
            _ => Err(AppError::msg(
                ErrorCode::InvalidJson,
                "Send the directory as JSON (Content-Type: application/json) or CSV (Content-Type: text/csv).",
            )),
        }
    }
}

fn too_many() -> AppError {
    AppError::msg(ErrorCode::PayloadTooLarge, format!("An import has at most {DIRECTORY_IMPORT_MAX} rows."))
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::with_message(ErrorCode::InvalidInput, message)
}

/// Reads the rows of a body.
pub(super) fn read(format: Format, body: &[u8]) -> Result<Vec<Row>, AppError> {
    let rows = match format {
        Format::Json => read_json(body)?,
        Format::Csv => read_csv(body)?,
    };
    if rows.is_empty() {
        return Err(AppError::msg(ErrorCode::InvalidInput, "The import has no rows."));
    }
    Ok(rows)
}

fn read_json(body: &[u8]) -> Result<Vec<Row>, AppError> {
    let import: DirectoryImport =
        serde_json::from_slice(body).map_err(|e| AppError::msg(ErrorCode::InvalidJson, e.to_string()))?;
    if import.entries.len() > DIRECTORY_IMPORT_MAX {
        return Err(too_many());
    }
    Ok(import
        .entries
        .into_iter()
        .map(|entry| Row { email: entry.email.clone(), entry: validate::directory_entry(entry) })
        .collect())
}

/// The CSV columns: the first three are required.
const COLUMNS: [&str; 7] = ["email", "alias", "display_name", "designation", "department", "is_admin", "password"];
const REQUIRED: usize = 3;

fn read_csv(body: &[u8]) -> Result<Vec<Row>, AppError> {
    // Spreadsheets like to start UTF-8 files with a byte-order mark.
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(body);
    let bad_csv = |e: csv::Error| AppError::msg(ErrorCode::InvalidInput, format!("The CSV can't be read: {e}"));
    let header = reader.headers().map_err(bad_csv)?.clone();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, name) in header.iter().enumerate() {
        let name = name.to_ascii_lowercase();
        let Some(column) = COLUMNS.iter().find(|c| **c == name) else {
            return Err(AppError::msg(
                ErrorCode::InvalidInput,
                format!("Unknown column '{name}'. The columns are: {}.", COLUMNS.join(",")),
            ));
        };
        if index.insert(column, i).is_some() {
            return Err(AppError::msg(ErrorCode::InvalidInput, format!("The column '{name}' appears twice.")));
        }
    }
    if let Some(missing) = COLUMNS[..REQUIRED].iter().find(|c| !index.contains_key(*c)) {
        return Err(AppError::msg(
            ErrorCode::InvalidInput,
            format!("The CSV needs a header row with the column '{missing}'."),
        ));
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(bad_csv)?;
        if rows.len() == DIRECTORY_IMPORT_MAX {
            return Err(too_many());
        }
        let cell = |column: &str| index.get(column).and_then(|i| record.get(*i)).unwrap_or_default().to_owned();
        let email = cell("email");
        let entry = parse_flag(&cell("is_admin")).and_then(|is_admin| {
            let password = cell("password");
            validate::directory_entry(NewDirectoryEntry {
                email: email.clone(),
                alias: cell("alias"),
                display_name: cell("display_name"),
                designation: cell("designation"),
                department: cell("department"),
                is_admin,
                password: (!password.is_empty()).then_some(password),
            })
        });
        rows.push(Row { email, entry });
    }
    Ok(rows)
}

/// A CSV yes/no cell; empty is no.
fn parse_flag(raw: &str) -> Result<bool, ApiError> {
    match raw.to_ascii_lowercase().as_str() {
        "" | "0" | "false" | "no" | "n" => Ok(false),
        "1" | "true" | "yes" | "y" => Ok(true),
        other => Err(invalid(format!("is_admin is true or false, not '{other}'."))),
    }
}

/// Refuses rows whose e-mail or alias the directory holds already, or an
/// earlier row of the same import has (the first one wins).
pub(super) fn refuse_duplicates(rows: &mut [Row], emails: &HashSet<String>, aliases: &HashSet<String>) {
    let mut seen_emails: HashMap<String, usize> = HashMap::new();
    let mut seen_aliases: HashMap<String, usize> = HashMap::new();
    for (i, row) in rows.iter_mut().enumerate() {
        let Ok(entry) = &row.entry else { continue };
        let exists = |what: &str, value: &str| {
            ApiError::with_message(
                ErrorCode::DirectoryEntryExists,
                format!("The {what} {value} is in the directory already."),
            )
        };
        let repeated = |what: &str, value: &str, first: usize| {
            ApiError::with_message(
                ErrorCode::DirectoryEntryExists,
                format!("The {what} {value} is already in row {} of this import.", first + 1),
            )
        };
        let verdict = if emails.contains(&entry.email) {
            Err(exists("e-mail", &entry.email))
        } else if aliases.contains(&entry.alias) {
            Err(exists("alias", &entry.alias))
        } else if let Some(first) = seen_emails.get(&entry.email) {
            Err(repeated("e-mail", &entry.email, *first))
        } else if let Some(first) = seen_aliases.get(&entry.alias) {
            Err(repeated("alias", &entry.alias, *first))
        } else {
            seen_emails.insert(entry.email.clone(), i);
            seen_aliases.insert(entry.alias.clone(), i);
            Ok(())
        };
        if let Err(error) = verdict {
            row.entry = Err(error);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags() {
        assert_eq!(parse_flag("").ok(), Some(false));
        assert_eq!(parse_flag("TRUE").ok(), Some(true));
        assert_eq!(parse_flag("1").ok(), Some(true));
        assert!(parse_flag("maybe").is_err());
    }

    #[test]
    fn formats() {
        assert_eq!(Format::of(Some("text/csv; charset=utf-8")).ok(), Some(Format::Csv));
        assert_eq!(Format::of(Some("application/json")).ok(), Some(Format::Json));
        assert!(Format::of(Some("text/plain")).is_err());
        assert!(Format::of(None).is_err());
    }

    #[test]
    fn csv_rows_and_errors() {
        let body = b"\xEF\xBB\xBFemail,alias,display_name,is_admin\nanna@x.com,anna,Anna,yes\nbad,bert,Bert,\n";
        let rows = read(Format::Csv, body).map_err(|e| e.to_string()).unwrap_or_default();
        assert_eq!(rows.len(), 2);
        assert!(rows[0].entry.as_ref().is_ok_and(|e| e.is_admin && e.password.is_none()));
        assert_eq!(rows[1].entry.as_ref().err().map(|e| e.code), Some(ErrorCode::InvalidInput));
        assert!(read(Format::Csv, b"email,alias\n").is_err());
        assert!(read(Format::Csv, b"email,alias,display_name,colour\n").is_err());
        assert!(read(Format::Csv, b"email,alias,display_name\na@x.com,a\n").is_err());
        assert!(read(Format::Csv, b"email,alias,display_name\n").is_err());
    }

    #[test]
    fn duplicates_within_the_file_and_the_directory() {
        let body = b"email,alias,display_name\na@x.com,a,A\nA@x.com,b,B\nc@x.com,a,C\nold@x.com,d,D\ne@x.com,old,E\n";
        let mut rows = read(Format::Csv, body).map_err(|e| e.to_string()).unwrap_or_default();
        let emails = HashSet::from(["old@x.com".to_owned()]);
        let aliases = HashSet::from(["old".to_owned()]);
        refuse_duplicates(&mut rows, &emails, &aliases);
        let codes: Vec<Option<ErrorCode>> = rows.iter().map(|r| r.entry.as_ref().err().map(|e| e.code)).collect();
        let exists = Some(ErrorCode::DirectoryEntryExists);
        assert_eq!(codes, vec![None, exists, exists, exists, exists]);
    }
}
