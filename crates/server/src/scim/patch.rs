//! SCIM PATCH (RFC 7644 §3.5.2) on a User's JSON: `add`, `replace` and
//! `remove`, with or without a `path`. Paths are an attribute, a
//! sub-attribute (`name.givenName`), either one prefixed by its schema's
//! URN (the enterprise extension's `department`), or a multi-valued
//! attribute with a filter like `emails[type eq "work"].value`, which is
//! what Entra ID and Okta send. The result is read back as a whole User,
//! so a PATCH is checked exactly like a PUT.

use serde_json::{Map, Value};

use super::error::ScimError;
use super::user::{ENTERPRISE_SCHEMA, USER_SCHEMA, get_ci};

/// What an operation does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Add,
    Replace,
    Remove,
}

/// A parsed path.
#[derive(Debug, Clone, PartialEq)]
struct Path {
    /// Inside the enterprise extension's object.
    extension: bool,
    /// The attribute.
    attr: String,
    /// `[sub eq value]` on a multi-valued attribute.
    filter: Option<(String, Value)>,
    /// `.sub`.
    sub: Option<String>,
}

/// Applies a PatchOp request body to `resource`.
pub fn apply(resource: &mut Value, body: &Value) -> Result<(), ScimError> {
    let object = body.as_object().ok_or_else(|| ScimError::invalid_syntax("A PATCH body is a JSON object."))?;
    let operations = match get_ci(object, "Operations") {
        Some(Value::Array(ops)) if !ops.is_empty() => ops,
        _ => return Err(ScimError::invalid_syntax("A PATCH has a non-empty list of Operations.")),
    };
    let target = resource.as_object_mut().ok_or_else(|| ScimError::invalid_syntax("The resource is not an object."))?;
    for operation in operations {
        let operation =
            operation.as_object().ok_or_else(|| ScimError::invalid_syntax("Each of Operations is an object."))?;
        let op = match get_ci(operation, "op").and_then(Value::as_str).map(str::to_ascii_lowercase).as_deref() {
            Some("add") => Op::Add,
            Some("replace") => Op::Replace,
            Some("remove") => Op::Remove,
            _ => return Err(ScimError::invalid_syntax("op is add, replace or remove.")),
        };
        let value = get_ci(operation, "value").cloned().unwrap_or(Value::Null);
        match get_ci(operation, "path").and_then(Value::as_str).filter(|p| !p.trim().is_empty()) {
            Some(raw) => apply_path(target, &parse_path(raw)?, op, value)?,
            None if op == Op::Remove => {
                return Err(ScimError::new(
                    axum::http::StatusCode::BAD_REQUEST,
                    Some("noTarget"),
                    "A remove needs a path.",
                ));
            }
            None => {
                let Value::Object(values) = value else {
                    return Err(ScimError::invalid_value("Without a path, value is an object of attributes."));
                };
                for (key, v) in values {
                    if key.eq_ignore_ascii_case(ENTERPRISE_SCHEMA)
                        && let Value::Object(inner) = v
                    {
                        for (k, v) in inner {
                            let path = Path { extension: true, attr: k, filter: None, sub: None };
                            apply_path(target, &path, op, v)?;
                        }
                        continue;
                    }
                    apply_path(target, &parse_path(&key)?, op, v)?;
                }
            }
        }
    }
    Ok(())
}

fn parse_path(raw: &str) -> Result<Path, ScimError> {
    let raw = raw.trim();
    // The whole extension: its URN's dots are not sub-attributes.
    if raw.eq_ignore_ascii_case(ENTERPRISE_SCHEMA) {
        return Ok(Path { extension: false, attr: ENTERPRISE_SCHEMA.to_owned(), filter: None, sub: None });
    }
    let bad = || ScimError::invalid_path(format!("'{raw}' is not a path Samtal knows."));
    let (extension, rest) = if let Some(rest) = strip_prefix_ci(raw, &format!("{ENTERPRISE_SCHEMA}:")) {
        (true, rest)
    } else if let Some(rest) = strip_prefix_ci(raw, &format!("{USER_SCHEMA}:")) {
        (false, rest)
    } else {
        (false, raw)
    };
    let (head, filter, tail) = match rest.find('[') {
        Some(open) => {
            let close = rest.find(']').filter(|c| *c > open).ok_or_else(bad)?;
            (&rest[..open], Some(parse_filter(&rest[open + 1..close]).ok_or_else(bad)?), &rest[close + 1..])
        }
        None => (rest, None, ""),
    };
    let (attr, sub) = match (filter.is_some(), head.split_once('.')) {
        (false, Some((attr, sub))) => (attr, Some(sub.to_owned())),
        _ => (head, tail.strip_prefix('.').filter(|s| !s.is_empty()).map(str::to_owned)),
    };
    if attr.is_empty() || (filter.is_some() && !tail.is_empty() && sub.is_none()) {
        return Err(bad());
    }
    Ok(Path { extension, attr: attr.to_owned(), filter, sub })
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    (s.len() >= prefix.len() && s.is_char_boundary(prefix.len()) && s[..prefix.len()].eq_ignore_ascii_case(prefix))
        .then(|| &s[prefix.len()..])
}

/// `sub eq "value"` (or `eq true`, `eq 3`).
fn parse_filter(raw: &str) -> Option<(String, Value)> {
    let mut parts = raw.trim().splitn(3, ' ');
    let (attr, op, value) = (parts.next()?, parts.next()?, parts.next()?.trim());
    if !op.eq_ignore_ascii_case("eq") {
        return None;
    }
    let value = serde_json::from_str(value).ok()?;
    Some((attr.to_owned(), value))
}

/// The key `name` has in `object`, whatever its case, or `name` itself.
fn key_ci(object: &Map<String, Value>, name: &str) -> String {
    object.keys().find(|k| k.eq_ignore_ascii_case(name)).cloned().unwrap_or_else(|| name.to_owned())
}

fn set(object: &mut Map<String, Value>, name: &str, op: Op, value: Value) {
    let key = key_ci(object, name);
    if op == Op::Remove || value.is_null() {
        object.remove(&key);
    } else {
        object.insert(key, value);
    }
}

fn matches(item: &Value, (attr, want): &(String, Value)) -> bool {
    let Some(object) = item.as_object() else { return false };
    match (get_ci(object, attr), want) {
        (Some(Value::String(have)), Value::String(want)) => have.eq_ignore_ascii_case(want),
        (Some(have), want) => have == want || super::user::flag(have).zip(want.as_bool()).is_some_and(|(a, b)| a == b),
        (None, _) => false,
    }
}

fn apply_path(target: &mut Map<String, Value>, path: &Path, op: Op, value: Value) -> Result<(), ScimError> {
    let object = if path.extension {
        let key = key_ci(target, ENTERPRISE_SCHEMA);
        let ext = target.entry(key).or_insert_with(|| Value::Object(Map::new()));
        if !ext.is_object() {
            *ext = Value::Object(Map::new());
        }
        ext.as_object_mut().ok_or_else(|| ScimError::invalid_value("The enterprise extension is an object."))?
    } else {
        target
    };
    let key = key_ci(object, &path.attr);
    match (&path.filter, &path.sub) {
        (None, None) => {
            let multi = matches!(object.get(&key), Some(Value::Array(_))) || value.is_array();
            if op == Op::Add && multi {
                let list = object.entry(key).or_insert_with(|| Value::Array(Vec::new()));
                if !list.is_array() {
                    *list = Value::Array(Vec::new());
                }
                if let Value::Array(items) = list {
                    match value {
                        Value::Array(more) => items.extend(more),
                        one => items.push(one),
                    }
                }
            } else {
                set(object, &key, op, value);
            }
        }
        (None, Some(sub)) => {
            let inner = object.entry(key).or_insert_with(|| Value::Object(Map::new()));
            if !inner.is_object() {
                *inner = Value::Object(Map::new());
            }
            if let Value::Object(inner) = inner {
                set(inner, sub, op, value);
            }
        }
        (Some(filter), sub) => {
            let list = object.entry(key).or_insert_with(|| Value::Array(Vec::new()));
            if !list.is_array() {
                *list = Value::Array(Vec::new());
            }
            let Value::Array(items) = list else { return Ok(()) };
            if op == Op::Remove && sub.is_none() {
                items.retain(|item| !matches(item, filter));
                return Ok(());
            }
            if !items.iter().any(|item| matches(item, filter)) {
                if op == Op::Remove {
                    return Ok(());
                }
                // Entra ID sets `emails[type eq "work"].value` on a user that has none yet.
                let mut fresh = Map::new();
                fresh.insert(filter.0.clone(), filter.1.clone());
                items.push(Value::Object(fresh));
            }
            for item in items.iter_mut().filter(|item| matches(item, filter)) {
                let Value::Object(item) = item else { continue };
                match (sub, &value) {
                    (Some(sub), _) => set(item, sub, op, value.clone()),
                    (None, Value::Object(values)) => {
                        for (k, v) in values {
                            set(item, k, op, v.clone());
                        }
                    }
                    (None, _) => return Err(ScimError::invalid_value("A filtered path's value is an object.")),
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use serde_json::json;

    use super::*;

    fn anna() -> Value {
        json!({
            "userName": "anna@nordvik.example",
            "active": true,
            "name": { "givenName": "Anna" },
            "emails": [{ "value": "anna@nordvik.example", "type": "work", "primary": true }],
        })
    }

    fn patch(ops: Value) -> Result<Value, ScimError> {
        let mut user = anna();
        apply(&mut user, &json!({ "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": ops }))?;
        Ok(user)
    }

    #[test]
    fn entra_style_replacements() {
        let user = patch(json!([
            { "op": "Replace", "path": "active", "value": "False" },
            { "op": "replace", "path": "name.familyName", "value": "Berg" },
            { "op": "replace", "path": "emails[type eq \"work\"].value", "value": "anna.berg@nordvik.example" },
            { "op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "Grid" },
            { "op": "add", "path": "title", "value": "Engineer" },
        ]))
        .unwrap();
        assert_eq!(user["active"], "False");
        assert_eq!(user["name"], json!({ "givenName": "Anna", "familyName": "Berg" }));
        assert_eq!(user["emails"][0]["value"], "anna.berg@nordvik.example");
        assert_eq!(user[ENTERPRISE_SCHEMA]["department"], "Grid");
        assert_eq!(user["title"], "Engineer");
    }

    #[test]
    fn without_a_path_the_value_holds_attributes() {
        let user = patch(json!([{ "op": "replace", "value": {
            "active": false, "DisplayName": "Anna B", "name.givenName": "Annie",
            ENTERPRISE_SCHEMA: { "department": "Sales" },
        }}]))
        .unwrap();
        assert_eq!((user["active"].clone(), user["DisplayName"].clone()), (json!(false), json!("Anna B")));
        assert_eq!(user["name"]["givenName"], "Annie");
        assert_eq!(user[ENTERPRISE_SCHEMA]["department"], "Sales");
    }

    #[test]
    fn multi_valued_add_remove_and_filters() {
        let user =
            patch(json!([{ "op": "add", "path": "emails", "value": [{ "value": "a@home.example", "type": "home" }] }]))
                .unwrap();
        assert_eq!(user["emails"].as_array().unwrap().len(), 2);
        let user = patch(json!([{ "op": "remove", "path": "emails[type eq \"work\"]" }])).unwrap();
        assert_eq!(user["emails"], json!([]));
        let user =
            patch(json!([{ "op": "replace", "path": "emails[type eq \"home\"].value", "value": "h@x.example" }]))
                .unwrap();
        assert_eq!(user["emails"][1], json!({ "type": "home", "value": "h@x.example" }));
        let user = patch(json!([{ "op": "remove", "path": "name.givenName" }])).unwrap();
        assert_eq!(user["name"], json!({}));
        let mut user = anna();
        user[ENTERPRISE_SCHEMA] = json!({"department": "Grid"});
        let body = json!({"Operations": [{"op": "remove", "path": ENTERPRISE_SCHEMA}]});
        apply(&mut user, &body).unwrap();
        assert!(user.get(ENTERPRISE_SCHEMA).is_none(), "{user}");
    }

    #[test]
    fn malformed_patches_are_refused() {
        assert!(patch(json!([])).is_err());
        assert!(patch(json!([{ "op": "move", "path": "title", "value": "x" }])).is_err());
        assert!(patch(json!([{ "op": "remove" }])).is_err());
        assert!(patch(json!([{ "op": "replace", "value": "not an object" }])).is_err());
        assert!(patch(json!([{ "op": "replace", "path": "emails[type ne \"work\"].value", "value": "x" }])).is_err());
        assert!(patch(json!([{ "op": "replace", "path": "emails[type eq \"work\"", "value": "x" }])).is_err());
    }
}
