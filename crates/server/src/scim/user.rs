//! The SCIM User resource (RFC 7643 §4.1, with the enterprise extension's
//! `department`) to and from what Samtal keeps ([`ProvisionedUser`]).
//! Attribute names are case-insensitive, as the RFC says.

use serde_json::{Map, Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::error::ScimError;
use crate::domain::scim::{ProvisionedEmail, ProvisionedUser, ScimUser};

/// The core User schema.
pub const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
/// The enterprise extension.
pub const ENTERPRISE_SCHEMA: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/// The resource as answered, with `meta.location` under `base`.
pub fn render(user: &ScimUser, base: &str) -> Value {
    let u = &user.user;
    let mut out = Map::new();
    out.insert("schemas".into(), json!([USER_SCHEMA, ENTERPRISE_SCHEMA]));
    out.insert("id".into(), json!(user.row.id.to_string()));
    if let Some(e) = &u.external_id {
        out.insert("externalId".into(), json!(e));
    }
    out.insert("userName".into(), json!(u.user_name));
    let mut name = Map::new();
    for (key, value) in [("givenName", &u.given_name), ("familyName", &u.family_name), ("formatted", &u.formatted_name)]
    {
        if let Some(v) = value {
            name.insert(key.into(), json!(v));
        }
    }
    if !name.is_empty() {
        out.insert("name".into(), Value::Object(name));
    }
    for (key, value) in [("displayName", &u.display_name), ("nickName", &u.nick_name), ("title", &u.title)] {
        if let Some(v) = value {
            out.insert(key.into(), json!(v));
        }
    }
    if !u.emails.is_empty() {
        let emails: Vec<Value> = u
            .emails
            .iter()
            .map(|e| {
                let mut m = json!({ "value": e.value, "primary": e.primary });
                if let Some(kind) = &e.kind {
                    m["type"] = json!(kind);
                }
                m
            })
            .collect();
        out.insert("emails".into(), Value::Array(emails));
    }
    out.insert("active".into(), json!(u.active));
    if let Some(d) = &u.department {
        out.insert(ENTERPRISE_SCHEMA.into(), json!({ "department": d }));
    }
    out.insert(
        "meta".into(),
        json!({
            "resourceType": "User",
            "created": rfc3339(user.row.created_at),
            "lastModified": rfc3339(user.row.updated_at),
            "location": format!("{base}/Users/{}", user.row.id),
        }),
    );
    Value::Object(out)
}

fn rfc3339(ms: i64) -> String {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_default()
}

/// A member of an object by name, case-insensitively.
pub fn get_ci<'a>(object: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    object.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v)
}

/// Reads a User resource as sent with POST or PUT (or as a PATCH left it).
/// Read-only attributes (`id`, `meta`) are ignored; `active` defaults to true.
pub fn parse(body: &Value) -> Result<ProvisionedUser, ScimError> {
    let object = body.as_object().ok_or_else(|| ScimError::invalid_syntax("A User is a JSON object."))?;
    let user_name = text(object, "userName")?
        .filter(|u| !u.trim().is_empty())
        .ok_or_else(|| ScimError::invalid_value("userName is required."))?;
    let name = match get_ci(object, "name") {
        None | Some(Value::Null) => None,
        Some(Value::Object(n)) => Some(n),
        Some(_) => return Err(ScimError::invalid_value("name is an object.")),
    };
    let sub = |key: &str| -> Result<Option<String>, ScimError> { name.map_or(Ok(None), |n| text(n, key)) };
    let department = match get_ci(object, ENTERPRISE_SCHEMA) {
        None | Some(Value::Null) => None,
        Some(Value::Object(ext)) => text(ext, "department")?,
        Some(_) => return Err(ScimError::invalid_value("The enterprise extension is an object.")),
    };
    Ok(ProvisionedUser {
        user_name,
        external_id: text(object, "externalId")?,
        active: match get_ci(object, "active") {
            None | Some(Value::Null) => true,
            Some(v) => flag(v).ok_or_else(|| ScimError::invalid_value("active is true or false."))?,
        },
        display_name: text(object, "displayName")?,
        given_name: sub("givenName")?,
        family_name: sub("familyName")?,
        formatted_name: sub("formatted")?,
        nick_name: text(object, "nickName")?,
        title: text(object, "title")?,
        department,
        emails: emails(get_ci(object, "emails"))?,
    })
}

/// A boolean, also as the strings "true"/"false" some providers send.
pub fn flag(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

fn text(object: &Map<String, Value>, name: &str) -> Result<Option<String>, ScimError> {
    match get_ci(object, name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(ScimError::invalid_value(format!("{name} is a string."))),
    }
}

fn emails(value: Option<&Value>) -> Result<Vec<ProvisionedEmail>, ScimError> {
    let items = match value {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(items)) => items,
        Some(_) => return Err(ScimError::invalid_value("emails is a list.")),
    };
    items
        .iter()
        .map(|item| {
            let object = item.as_object().ok_or_else(|| ScimError::invalid_value("Each of emails is an object."))?;
            let value =
                text(object, "value")?.ok_or_else(|| ScimError::invalid_value("Each of emails has a value."))?;
            let primary = match get_ci(object, "primary") {
                None | Some(Value::Null) => false,
                Some(v) => flag(v).ok_or_else(|| ScimError::invalid_value("primary is true or false."))?,
            };
            Ok(ProvisionedEmail { value, kind: text(object, "type")?, primary })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::store::identity::ScimUserRow;

    #[test]
    fn a_user_reads_case_insensitively_and_renders_back() {
        let body = json!({
            "schemas": [USER_SCHEMA, ENTERPRISE_SCHEMA],
            "UserName": "anna.berg@nordvik.example",
            "externalId": "e-1",
            "name": { "GivenName": "Anna", "familyName": "Berg" },
            "emails": [{ "value": "anna.berg@nordvik.example", "type": "work", "primary": "True" }],
            "title": "Engineer",
            ENTERPRISE_SCHEMA: { "department": "Grid" },
            "active": "False",
        });
        let user = parse(&body).unwrap();
        assert_eq!(user.user_name, "anna.berg@nordvik.example");
        assert_eq!((user.given_name.as_deref(), user.department.as_deref()), (Some("Anna"), Some("Grid")));
        assert!(!user.active && user.emails[0].primary);
        let row = ScimUserRow {
            id: 7,
            org: samtal_core::OrgId(1),
            entry: None,
            user_key: user.user_key(),
            external_id: user.external_id.clone(),
            resource: String::new(),
            created_at: 0,
            updated_at: 1_000,
        };
        let shown = render(&ScimUser { row, user: user.clone() }, "http://h/scim/v2");
        assert_eq!(shown["id"], "7");
        assert_eq!(shown["meta"]["location"], "http://h/scim/v2/Users/7");
        assert_eq!(shown["meta"]["lastModified"], "1970-01-01T00:00:01Z");
        assert_eq!(parse(&shown).unwrap(), user);
    }

    #[test]
    fn bad_users_are_refused_with_invalid_value() {
        assert!(parse(&json!([])).is_err());
        assert!(parse(&json!({ "displayName": "No user name" })).is_err());
        assert!(parse(&json!({ "userName": "a", "emails": "a@b" })).is_err());
        assert!(parse(&json!({ "userName": "a", "active": 3 })).is_err());
        assert!(parse(&json!({ "userName": "a", "name": "Anna" })).is_err());
        assert!(parse(&json!({ "userName": "a" })).unwrap().active);
    }
}
