//! The list filters Samtal answers (RFC 7644 §3.4.2.2): equality on
//! `userName` (what providers ask before creating a user) and on
//! `externalId`. Anything else is refused with `invalidFilter`.

use super::error::ScimError;
use crate::store::identity::ScimUserFilter;

/// Parses `filter`; none or empty lists everyone.
pub fn parse(filter: Option<&str>) -> Result<ScimUserFilter, ScimError> {
    let Some(raw) = filter.map(str::trim).filter(|f| !f.is_empty()) else { return Ok(ScimUserFilter::All) };
    let refuse = || {
        ScimError::invalid_filter(format!(
            "Samtal filters users by userName eq \"…\" or externalId eq \"…\" only, not by '{raw}'."
        ))
    };
    let mut parts = raw.splitn(3, char::is_whitespace);
    let (attr, op, value) = (parts.next().ok_or_else(refuse)?, parts.next().ok_or_else(refuse)?, parts.next());
    let value: String = value.and_then(|v| serde_json::from_str(v.trim()).ok()).ok_or_else(refuse)?;
    if !op.eq_ignore_ascii_case("eq") {
        return Err(refuse());
    }
    let attr = attr.strip_prefix("urn:ietf:params:scim:schemas:core:2.0:User:").unwrap_or(attr);
    if attr.eq_ignore_ascii_case("userName") {
        // userName is case-insensitive (RFC 7643 §4.1.1).
        Ok(ScimUserFilter::UserKey(value.trim().to_lowercase()))
    } else if attr.eq_ignore_ascii_case("externalId") {
        Ok(ScimUserFilter::ExternalId(value))
    } else {
        Err(refuse())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn equality_on_user_name_and_external_id() {
        assert_eq!(parse(None).unwrap(), ScimUserFilter::All);
        assert_eq!(parse(Some("  ")).unwrap(), ScimUserFilter::All);
        assert_eq!(
            parse(Some("userName eq \"Anna@Nordvik.example\"")).unwrap(),
            ScimUserFilter::UserKey("anna@nordvik.example".into())
        );
        assert_eq!(parse(Some("USERNAME EQ \"a b\"")).unwrap(), ScimUserFilter::UserKey("a b".into()));
        assert_eq!(parse(Some("externalId eq \"E-1\"")).unwrap(), ScimUserFilter::ExternalId("E-1".into()));
    }

    #[test]
    fn other_filters_are_refused() {
        for f in ["title eq \"x\"", "userName sw \"a\"", "userName eq", "userName eq unquoted", "userName"] {
            assert!(parse(Some(f)).is_err(), "{f}");
        }
    }
}
