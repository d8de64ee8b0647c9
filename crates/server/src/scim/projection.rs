//! `attributes` and `excludedAttributes` (RFC 7644 §3.4.2.5): which
//! attributes of a resource an answer carries. `id`, `schemas` and `meta`
//! always go.

use serde_json::{Map, Value};

use super::user::{ENTERPRISE_SCHEMA, USER_SCHEMA};

/// Attributes every answer carries.
const ALWAYS: [&str; 3] = ["id", "schemas", "meta"];

/// One listed attribute: a top-level name (or the extension's URN) and
/// perhaps a sub-attribute.
fn parse_list(raw: &str) -> Vec<(String, Option<String>)> {
    raw.split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(|a| {
            let ext_prefix = format!("{ENTERPRISE_SCHEMA}:");
            let core_prefix = format!("{USER_SCHEMA}:");
            if a.len() > ext_prefix.len() && a[..ext_prefix.len()].eq_ignore_ascii_case(&ext_prefix) {
                (ENTERPRISE_SCHEMA.to_owned(), Some(a[ext_prefix.len()..].to_owned()))
            } else if a.eq_ignore_ascii_case(ENTERPRISE_SCHEMA) {
                (ENTERPRISE_SCHEMA.to_owned(), None)
            } else {
                let a = if a.len() > core_prefix.len() && a[..core_prefix.len()].eq_ignore_ascii_case(&core_prefix) {
                    &a[core_prefix.len()..]
                } else {
                    a
                };
                match a.split_once('.') {
                    Some((top, sub)) => (top.to_owned(), Some(sub.to_owned())),
                    None => (a.to_owned(), None),
                }
            }
        })
        .collect()
}

/// Keeps only `attributes` (if given), then drops `excluded` (if given).
pub fn project(resource: &mut Value, attributes: Option<&str>, excluded: Option<&str>) {
    let Value::Object(object) = resource else { return };
    if let Some(list) = attributes.map(parse_list).filter(|l| !l.is_empty()) {
        let kept: Map<String, Value> = std::mem::take(object)
            .into_iter()
            .filter_map(|(key, value)| {
                if ALWAYS.contains(&key.as_str()) {
                    return Some((key, value));
                }
                let wanted: Vec<&Option<String>> =
                    list.iter().filter(|(top, _)| top.eq_ignore_ascii_case(&key)).map(|(_, sub)| sub).collect();
                if wanted.is_empty() {
                    None
                } else if wanted.iter().any(|s| s.is_none()) {
                    Some((key, value))
                } else {
                    Some((key, keep_subs(value, &wanted)))
                }
            })
            .collect();
        *object = kept;
    }
    for (top, sub) in excluded.map(parse_list).unwrap_or_default() {
        let Some(key) = object.keys().find(|k| k.eq_ignore_ascii_case(&top)).cloned() else { continue };
        if ALWAYS.contains(&key.as_str()) {
            continue;
        }
        match sub {
            None => {
                object.remove(&key);
            }
            Some(sub) => remove_sub(object.get_mut(&key), &sub),
        }
    }
}

fn keep_subs(value: Value, wanted: &[&Option<String>]) -> Value {
    let keep = |item: Value| match item {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(k, _)| wanted.iter().filter_map(|w| w.as_deref()).any(|w| w.eq_ignore_ascii_case(k)))
                .collect(),
        ),
        other => other,
    };
    match value {
        Value::Array(items) => Value::Array(items.into_iter().map(keep).collect()),
        other => keep(other),
    }
}

fn remove_sub(value: Option<&mut Value>, sub: &str) {
    let strip = |item: &mut Value| {
        if let Value::Object(m) = item
            && let Some(k) = m.keys().find(|k| k.eq_ignore_ascii_case(sub)).cloned()
        {
            m.remove(&k);
        }
    };
    match value {
        Some(Value::Array(items)) => items.iter_mut().for_each(strip),
        Some(other) => strip(other),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use serde_json::json;

    use super::*;

    fn anna() -> Value {
        json!({
            "schemas": [USER_SCHEMA], "id": "1", "meta": {"resourceType": "User"},
            "userName": "anna", "title": "Engineer",
            "name": {"givenName": "Anna", "familyName": "Berg"},
            "emails": [{"value": "a@x.example", "type": "work"}],
            ENTERPRISE_SCHEMA: {"department": "Grid"},
        })
    }

    #[test]
    fn attributes_keep_only_what_is_named() {
        let mut user = anna();
        project(&mut user, Some("userName, name.givenName,emails.value"), None);
        assert_eq!(
            user,
            json!({
                "schemas": [USER_SCHEMA], "id": "1", "meta": {"resourceType": "User"},
                "userName": "anna", "name": {"givenName": "Anna"}, "emails": [{"value": "a@x.example"}],
            })
        );
        let mut user = anna();
        project(&mut user, Some(&format!("{ENTERPRISE_SCHEMA}:department")), None);
        assert_eq!(user[ENTERPRISE_SCHEMA], json!({"department": "Grid"}));
        assert!(user.get("title").is_none());
    }

    #[test]
    fn excluded_attributes_go_but_id_stays() {
        let mut user = anna();
        project(&mut user, None, Some("name,title,id,emails.type"));
        assert!(user.get("name").is_none() && user.get("title").is_none());
        assert_eq!((user["id"].clone(), user["emails"].clone()), (json!("1"), json!([{"value": "a@x.example"}])));
        let mut user = anna();
        project(&mut user, None, Some(ENTERPRISE_SCHEMA));
        assert!(user.get(ENTERPRISE_SCHEMA).is_none());
    }
}
