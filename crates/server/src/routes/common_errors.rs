//! The refusals any endpoint can give, added to every operation of the
//! OpenAPI document so it describes each answer honestly.
//!
//! A handler documents the refusals of its own rules (403 `forbidden`, 404,
//! 409, 422 …). What comes from the layers around every handler it can't
//! know of, so it is added here, where those layers are assembled: a path
//! parameter or query that does not parse, or a body that is not the JSON
//! expected (400); no session (401); a state-changing request without the
//! CSRF header (403); a body over its limit (413); a failure of the server
//! (500).

use utoipa::openapi::path::Operation;
use utoipa::openapi::schema::Ref;
use utoipa::openapi::{ContentBuilder, OpenApi, RefOr, ResponseBuilder};

/// Endpoints that answer without a session.
const PUBLIC: &[&str] = &["/auth/signup", "/auth/login"];

/// Adds the common refusals to every operation of `doc` that doesn't list them.
pub fn document(doc: &mut OpenApi) {
    for (path, item) in doc.paths.paths.iter_mut() {
        let public = PUBLIC.contains(&path.as_str());
        let reads = [&mut item.get, &mut item.head].into_iter().flatten().map(|op| (op, false));
        let changes = [&mut item.post, &mut item.put, &mut item.patch, &mut item.delete]
            .into_iter()
            .flatten()
            .map(|op| (op, true));
        for (operation, changes_state) in reads.chain(changes) {
            add_common(operation, public, changes_state);
        }
    }
}

fn add_common(operation: &mut Operation, public: bool, changes_state: bool) {
    let has_input = operation.request_body.is_some() || operation.parameters.as_ref().is_some_and(|p| !p.is_empty());
    if has_input {
        add(operation, "400", "The request could not be read: `invalid_json` or `invalid_input`.");
    }
    if !public {
        add(operation, "401", "No valid session: `unauthenticated`.");
    }
    if changes_state {
        add(operation, "403", "Without the header `X-Samtal-Request: 1`: `csrf`.");
    }
    if operation.request_body.is_some() {
        add(operation, "413", "The body is over its limit: `payload_too_large`.");
    }
    add(operation, "500", "A failure of the server, where nothing was changed: `internal`.");
}

fn add(operation: &mut Operation, status: &str, description: &str) {
    operation.responses.responses.entry(status.to_owned()).or_insert_with(|| {
        let body = ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build();
        RefOr::T(ResponseBuilder::new().description(description).content("application/json", body).build())
    });
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    #[test]
    fn every_operation_documents_the_common_refusals() {
        let (_, doc) = crate::routes::api();
        let login = doc.paths.paths["/auth/login"].post.as_ref().unwrap();
        for status in ["400", "403", "413", "500"] {
            assert!(login.responses.responses.contains_key(status), "login: {status}");
        }
        let signup = doc.paths.paths["/auth/signup"].post.as_ref().unwrap();
        assert!(!signup.responses.responses.contains_key("401"), "signing up needs no session");
        let me = doc.paths.paths["/me"].get.as_ref().unwrap();
        assert!(me.responses.responses.contains_key("401"));
        assert!(me.responses.responses.contains_key("500"));
        assert!(!me.responses.responses.contains_key("413"), "GET /me has no body");
        assert!(!me.responses.responses.contains_key("403"), "reads need no CSRF header");
    }
}
