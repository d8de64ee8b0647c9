//! Checks on what people type, shared by the server (which enforces them) and
//! the client (which explains them before a round trip).

use crate::api::NewDirectoryEntry;
use crate::api::limits::*;
use crate::error::{ApiError, ErrorCode};

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::with_message(ErrorCode::InvalidInput, message)
}

/// A handle: 3–32 of `a-z 0-9 . _ -`, starting with a letter or digit. Returns it lowercased.
pub fn handle(raw: &str) -> Result<String, ApiError> {
    let handle = raw.trim().to_ascii_lowercase();
    let len = handle.chars().count();
    if !(HANDLE_MIN..=HANDLE_MAX).contains(&len) {
        return Err(invalid(format!("A handle has {HANDLE_MIN} to {HANDLE_MAX} characters.")));
    }
    let ok_chars = handle.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    let ok_start = handle.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    if !ok_chars || !ok_start {
        return Err(invalid("A handle uses letters a–z, digits, '.', '_' and '-', and starts with a letter or digit."));
    }
    Ok(handle)
}

/// A name (display name, group title, organization name): trimmed, 1–100 characters,
/// no control characters.
pub fn name(raw: &str, what: &str) -> Result<String, ApiError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(invalid(format!("The {what} can't be empty.")));
    }
    if name.chars().count() > NAME_MAX {
        return Err(invalid(format!("The {what} has at most {NAME_MAX} characters.")));
    }
    if name.chars().any(char::is_control) {
        return Err(invalid(format!("The {what} can't contain control characters.")));
    }
    Ok(name.to_owned())
}

/// A password: 8–256 characters.
pub fn password(raw: &str) -> Result<(), ApiError> {
    let len = raw.chars().count();
    if len < PASSWORD_MIN {
        return Err(invalid(format!("A password has at least {PASSWORD_MIN} characters.")));
    }
    if len > PASSWORD_MAX {
        return Err(invalid(format!("A password has at most {PASSWORD_MAX} characters.")));
    }
    Ok(())
}

/// Message text: not only whitespace, at most 10 000 characters. Kept as typed.
pub fn message_text(raw: &str) -> Result<String, ApiError> {
    if raw.trim().is_empty() {
        return Err(invalid("A message can't be empty."));
    }
    if raw.chars().count() > MESSAGE_MAX {
        return Err(ApiError::with_message(
            ErrorCode::PayloadTooLarge,
            format!("A message has at most {MESSAGE_MAX} characters."),
        ));
    }
    Ok(raw.to_owned())
}

/// The comment above a forward: none when absent or blank, else held to
/// [`message_text`]'s limits.
pub fn forward_comment(raw: Option<&str>) -> Result<Option<String>, ApiError> {
    match raw {
        Some(text) if !text.trim().is_empty() => message_text(text).map(Some),
        _ => Ok(None),
    }
}

/// A reaction: exactly one emoji of Unicode's list (with a skin tone, if
/// any). Anything else is refused with `rule_violation`.
pub fn reaction_emoji(raw: &str) -> Result<String, ApiError> {
    match emojis::get(raw) {
        Some(emoji) => Ok(emoji.as_str().to_owned()),
        None => Err(ApiError::with_message(ErrorCode::RuleViolation, "A reaction is one emoji.")),
    }
}

/// The edit and delete windows of a policy: none, or at most a year.
pub fn windows(edit: Option<u32>, delete: Option<u32>) -> Result<(), ApiError> {
    let most = crate::policy::window::MAX_MINUTES;
    if edit.into_iter().chain(delete).any(|minutes| minutes > most) {
        return Err(invalid(format!("An edit or delete window is at most {most} minutes (a year).")));
    }
    Ok(())
}

/// The most different emoji one message may have.
pub const REACTION_EMOJI_MAX: u32 = 50;

/// A `client_id`: 1–64 printable ASCII characters.
pub fn client_id(raw: &str) -> Result<(), ApiError> {
    if raw.is_empty() || raw.len() > CLIENT_ID_MAX || !raw.chars().all(|c| c.is_ascii_graphic()) {
        return Err(invalid(format!("client_id is 1 to {CLIENT_ID_MAX} printable ASCII characters.")));
    }
    Ok(())
}

/// A work e-mail address: `local@domain`, lowercased.
pub fn email(raw: &str) -> Result<String, ApiError> {
    let email = raw.trim().to_ascii_lowercase();
    let valid = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(|c| c.is_whitespace() || c.is_control())
                && !domain.contains('@')
        });
    if valid { Ok(email) } else { Err(invalid(format!("'{}' is not an e-mail address.", raw.trim()))) }
}

/// A search query: trimmed, 1–100 characters.
pub fn query(raw: &str) -> Result<String, ApiError> {
    let q = raw.trim();
    if q.is_empty() {
        return Err(invalid("Type something to search for."));
    }
    if q.chars().count() > QUERY_MAX {
        return Err(invalid(format!("A search has at most {QUERY_MAX} characters.")));
    }
    Ok(q.to_owned())
}

/// An alias: 1–64 of `a-z 0-9 . _ -`, starting with a letter or digit. Returns it lowercased.
pub fn alias(raw: &str) -> Result<String, ApiError> {
    let alias = raw.trim().to_ascii_lowercase();
    let len = alias.chars().count();
    let ok_chars = alias.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    let ok_start = alias.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    if (1..=ALIAS_MAX).contains(&len) && ok_chars && ok_start {
        Ok(alias)
    } else {
        Err(invalid(format!(
            "An alias has 1 to {ALIAS_MAX} of the letters a–z, digits, '.', '_' and '-', and starts with a letter or digit."
        )))
    }
}

/// A job title or department: may be empty, at most 100 characters.
pub fn optional_text(raw: &str, what: &str) -> Result<String, ApiError> {
    let text = raw.trim();
    if text.is_empty() { Ok(String::new()) } else { name(text, what) }
}

/// Checks and normalizes one entry (e-mail and alias lowercased).
pub fn directory_entry(entry: NewDirectoryEntry) -> Result<NewDirectoryEntry, ApiError> {
    let password = match entry.password {
        Some(p) if !p.is_empty() => {
            password(&p)?;
            Some(p)
        }
        _ => None,
    };
    Ok(NewDirectoryEntry {
        email: email(&entry.email)?,
        alias: alias(&entry.alias)?,
        display_name: name(&entry.display_name, "display name")?,
        designation: optional_text(&entry.designation, "designation")?,
        department: optional_text(&entry.department, "department")?,
        is_admin: entry.is_admin,
        password,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles() {
        assert_eq!(handle(" Anna.B ").ok().as_deref(), Some("anna.b"));
        assert!(handle("ab").is_err());
        assert!(handle(&"a".repeat(33)).is_err());
        assert!(handle("_anna").is_err());
        assert!(handle("an na").is_err());
        assert!(handle("anna!").is_err());
    }

    #[test]
    fn names_and_text() {
        assert!(name("   ", "name").is_err());
        assert!(name(&"x".repeat(101), "name").is_err());
        assert!(name("a\u{7}b", "name").is_err());
        assert_eq!(name("  Anna  ", "name").ok().as_deref(), Some("Anna"));
        assert!(message_text(" \n ").is_err());
        assert_eq!(message_text(&"x".repeat(10_001)).err().map(|e| e.code), Some(ErrorCode::PayloadTooLarge));
        assert!(message_text("hej").is_ok());
    }

    #[test]
    fn a_reaction_is_one_emoji() {
        for emoji in ["👍", "❤️", "😂", "🎉", "👍🏽", "🇸🇪"] {
            assert_eq!(reaction_emoji(emoji).ok().as_deref(), Some(emoji), "{emoji}");
        }
        for not in ["", "a", "ok", "👍👍", " 👍", "<b>", "1"] {
            assert_eq!(reaction_emoji(not).err().map(|e| e.code), Some(ErrorCode::RuleViolation), "{not:?}");
        }
    }

    #[test]
    fn a_forward_comment_is_optional_text() {
        assert_eq!(forward_comment(None).ok(), Some(None));
        assert_eq!(forward_comment(Some(" \n ")).ok(), Some(None));
        assert_eq!(forward_comment(Some(" Look ")).ok(), Some(Some(" Look ".to_owned())));
        let long = "x".repeat(10_001);
        assert_eq!(forward_comment(Some(&long)).err().map(|e| e.code), Some(ErrorCode::PayloadTooLarge));
    }

    #[test]
    fn passwords_ids_emails_queries() {
        assert!(password("short").is_err());
        assert!(password("long enough").is_ok());
        assert!(password(&"p".repeat(257)).is_err());
        assert!(client_id("").is_err());
        assert!(client_id("abc def").is_err());
        assert!(client_id(&"c".repeat(65)).is_err());
        assert!(client_id("0b5c-11").is_ok());
        assert_eq!(email(" Anna@Contoso.com ").ok().as_deref(), Some("anna@contoso.com"));
        for bad in ["anna", "@contoso.com", "anna@contoso", "anna@.com", "an na@contoso.com", "a@b@c.com"] {
            assert!(email(bad).is_err(), "{bad}");
        }
        assert!(query("  ").is_err());
        assert!(query(&"q".repeat(101)).is_err());
    }

    #[test]
    fn aliases() {
        assert_eq!(alias(" Anna.B ").ok().as_deref(), Some("anna.b"));
        assert!(alias("").is_err());
        assert!(alias("-anna").is_err());
        assert!(alias("an na").is_err());
        assert!(alias(&"a".repeat(ALIAS_MAX + 1)).is_err());
        assert!(alias(&"a".repeat(ALIAS_MAX)).is_ok());
    }
}
