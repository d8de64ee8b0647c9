//! What the SCIM server says about itself (RFC 7644 §4): its features,
//! its one resource type (User, with the enterprise extension) and the
//! schemas of the attributes it keeps.

use serde_json::{Value, json};

use super::user::{ENTERPRISE_SCHEMA, USER_SCHEMA};

/// The most users one list answers.
pub const MAX_RESULTS: u64 = 200;

/// `/ServiceProviderConfig`.
pub fn service_provider_config(base: &str) -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
        "documentationUri": "https://github.com/samtal/samtal#identity-providers",
        "patch": { "supported": true },
        "bulk": { "supported": false, "maxOperations": 0, "maxPayloadSize": 0 },
        "filter": { "supported": true, "maxResults": MAX_RESULTS },
        "changePassword": { "supported": false },
        "sort": { "supported": false },
        "etag": { "supported": false },
        "authenticationSchemes": [{
            "type": "oauthbearertoken",
            "name": "Bearer token",
            "description": "A token an organization admin creates in Admin → Sign-in.",
            "primary": true,
        }],
        "meta": { "resourceType": "ServiceProviderConfig", "location": format!("{base}/ServiceProviderConfig") },
    })
}

/// The User resource type.
pub fn user_resource_type(base: &str) -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
        "id": "User",
        "name": "User",
        "endpoint": "/Users",
        "description": "A person in the organization's directory.",
        "schema": USER_SCHEMA,
        "schemaExtensions": [{ "schema": ENTERPRISE_SCHEMA, "required": false }],
        "meta": { "resourceType": "ResourceType", "location": format!("{base}/ResourceTypes/User") },
    })
}

fn attribute(name: &str, description: &str, required: bool, uniqueness: &str) -> Value {
    json!({
        "name": name,
        "type": "string",
        "multiValued": false,
        "description": description,
        "required": required,
        "caseExact": false,
        "mutability": "readWrite",
        "returned": "default",
        "uniqueness": uniqueness,
    })
}

fn sub_attribute(name: &str, kind: &str, description: &str) -> Value {
    json!({
        "name": name,
        "type": kind,
        "multiValued": false,
        "description": description,
        "required": false,
        "caseExact": false,
        "mutability": "readWrite",
        "returned": "default",
        "uniqueness": "none",
    })
}

/// The schemas: the core User (the attributes Samtal keeps) and the
/// enterprise extension's `department`.
pub fn schemas(base: &str) -> Vec<Value> {
    let mut email_type = sub_attribute("type", "string", "work, home or other.");
    email_type["canonicalValues"] = json!(["work", "home", "other"]);
    let mut email_value = sub_attribute("value", "string", "The address.");
    email_value["required"] = json!(true);
    let user = json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
        "id": USER_SCHEMA,
        "name": "User",
        "description": "A person in the organization's directory.",
        "attributes": [
            attribute("userName", "Unique in the organization; the work e-mail when emails has none.", true, "server"),
            {
                "name": "name", "type": "complex", "multiValued": false, "description": "The person's name.",
                "required": false, "mutability": "readWrite", "returned": "default", "uniqueness": "none",
                "subAttributes": [
                    sub_attribute("formatted", "string", "The full name."),
                    sub_attribute("familyName", "string", "Family name."),
                    sub_attribute("givenName", "string", "Given name."),
                ],
            },
            attribute("displayName", "The name people see in Samtal.", false, "none"),
            attribute("nickName", "The directory alias: a–z, digits, '.', '_' and '-'.", false, "none"),
            attribute("title", "The job title (designation).", false, "none"),
            {
                "name": "active", "type": "boolean", "multiValued": false,
                "description": "False removes the person from the directory: they leave the organization's conversations. Taken as true when absent.",
                "required": true, "mutability": "readWrite", "returned": "default",
            },
            {
                "name": "emails", "type": "complex", "multiValued": true,
                "description": "The primary (else the work) address is the work e-mail; without one, userName must be an address.",
                "required": true, "mutability": "readWrite", "returned": "default", "uniqueness": "none",
                "subAttributes": [
                    email_value,
                    email_type,
                    sub_attribute("primary", "boolean", "The primary address."),
                ],
            },
        ],
        "meta": { "resourceType": "Schema", "location": format!("{base}/Schemas/{USER_SCHEMA}") },
    });
    let enterprise = json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
        "id": ENTERPRISE_SCHEMA,
        "name": "EnterpriseUser",
        "description": "Enterprise User",
        "attributes": [attribute("department", "The department.", false, "none")],
        "meta": { "resourceType": "Schema", "location": format!("{base}/Schemas/{ENTERPRISE_SCHEMA}") },
    });
    vec![user, enterprise]
}

/// A list answer of `resources`, all of them.
pub fn list(resources: Vec<Value>) -> Value {
    let total = resources.len() as u64;
    list_page(resources, total, 1)
}

/// A list answer (RFC 7644 §3.4.2): one page of `total` results, its first
/// at `start_index` (counted from 1).
pub fn list_page(resources: Vec<Value>, total: u64, start_index: u64) -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
        "totalResults": total,
        "startIndex": start_index,
        "itemsPerPage": resources.len(),
        "Resources": resources,
    })
}
