//! The admin portal's calls: `/api/admin/orgs/{org_id}/…` and group policies.
//!
//! Every call names the organization by id; the server answers 403 to
//! anyone who does not administer it.

use gloo_net::http::Request;
use samtal_core::api::{
    AuditEntry, ConversationDetail, CreateOrgGroup, DirectoryEntry, DirectoryImportResult, Done, Org, OrgGroup,
    SetEnabled,
};
use samtal_core::identity::{CreatedScimToken, NewScimToken, SetOidc, SignInSettings};
use samtal_core::{ConversationId, DirectoryEntryId, GroupPolicies, OrgId, ScimTokenId, TenantPolicies};
use serde::de::DeserializeOwned;

use super::{ClientError, Method, json_request, request, send};

/// How many audit entries the portal shows.
pub const AUDIT_LIMIT: u32 = 200;

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ClientError> {
    send(request(Method::GET, path).build().map_err(|_| ClientError::Network)?).await
}

fn base(org_id: OrgId) -> String {
    format!("/api/admin/orgs/{org_id}")
}

/// `GET /api/admin/orgs/{org_id}`: the organization, enabled or not, with its policies.
pub async fn org(org_id: OrgId) -> Result<Org, ClientError> {
    get(&base(org_id)).await
}

/// `GET …/groups`: every group the organization owns.
pub async fn groups(org_id: OrgId) -> Result<Vec<OrgGroup>, ClientError> {
    get(&format!("{}/groups", base(org_id))).await
}

/// `POST …/groups`: a group the organization owns from the start (rule 3).
pub async fn create_group(org_id: OrgId, body: &CreateOrgGroup) -> Result<OrgGroup, ClientError> {
    send(json_request(Method::POST, &format!("{}/groups", base(org_id)), body)?).await
}

/// `PUT /api/conversations/{id}/policies`: an org group's own policies (rule 7).
pub async fn set_group_policies(
    group_id: ConversationId,
    policies: &GroupPolicies,
) -> Result<ConversationDetail, ClientError> {
    send(json_request(Method::PUT, &format!("/api/conversations/{group_id}/policies"), policies)?).await
}

/// `GET …/policies`: the tenant policies.
pub async fn tenant_policies(org_id: OrgId) -> Result<TenantPolicies, ClientError> {
    get(&format!("{}/policies", base(org_id))).await
}

/// `PUT …/policies`: sets the tenant policies; the answer is what is stored.
pub async fn set_tenant_policies(org_id: OrgId, policies: &TenantPolicies) -> Result<TenantPolicies, ClientError> {
    send(json_request(Method::PUT, &format!("{}/policies", base(org_id)), policies)?).await
}

/// `PUT …/enabled`: turns Samtal on or off for the organization (rules 9, 10).
pub async fn set_enabled(org_id: OrgId, enabled: bool) -> Result<Org, ClientError> {
    send(json_request(Method::PUT, &format!("{}/enabled", base(org_id)), &SetEnabled { enabled })?).await
}

/// The path of the directory listing, with `q` when there is one.
pub fn directory_path(org_id: OrgId, query: &str) -> String {
    let query = query.trim();
    if query.is_empty() {
        format!("{}/directory", base(org_id))
    } else {
        let q = String::from(js_sys::encode_uri_component(query));
        format!("{}/directory?q={q}", base(org_id))
    }
}

/// `GET …/directory?q=`: the directory by name, narrowed by `query` when it is not blank.
pub async fn directory(org_id: OrgId, query: &str) -> Result<Vec<DirectoryEntry>, ClientError> {
    get(&directory_path(org_id, query)).await
}

/// `POST …/directory` with a CSV body: checks every row (`dry_run`, the
/// preview) or imports the good ones, answering each row.
pub async fn import_directory_csv(
    org_id: OrgId,
    csv: &str,
    dry_run: bool,
) -> Result<DirectoryImportResult, ClientError> {
    let path = format!("{}/directory?dry_run={dry_run}", base(org_id));
    let request: Request = request(Method::POST, &path)
        .header("Content-Type", "text/csv")
        .body(csv)
        .map_err(|_| ClientError::Unreadable { status: 0 })?;
    send(request).await
}

/// `DELETE …/directory/{entry}`: the person leaves the organization (rule 10).
pub async fn remove_directory_entry(org_id: OrgId, entry: DirectoryEntryId) -> Result<(), ClientError> {
    let path = format!("{}/directory/{entry}", base(org_id));
    let request = request(Method::DELETE, &path).build().map_err(|_| ClientError::Network)?;
    send::<Done>(request).await.map(|_| ())
}

/// `GET …/audit`: the audit log, newest first.
pub async fn audit(org_id: OrgId) -> Result<Vec<AuditEntry>, ClientError> {
    get(&format!("{}/audit?limit={AUDIT_LIMIT}", base(org_id))).await
}

/// `GET …/sign-in`: the identity provider, the addresses to give it, and the SCIM tokens.
pub async fn sign_in_settings(org_id: OrgId) -> Result<SignInSettings, ClientError> {
    get(&format!("{}/sign-in", base(org_id))).await
}

/// `PUT …/sign-in/oidc`: configures the identity provider; an empty or
/// absent client secret keeps the stored one.
pub async fn set_oidc(org_id: OrgId, body: &SetOidc) -> Result<SignInSettings, ClientError> {
    send(json_request(Method::PUT, &format!("{}/sign-in/oidc", base(org_id)), body)?).await
}

/// `DELETE …/sign-in/oidc`: forgets the identity provider; refused while
/// password sign-in is off, which would leave no way in.
pub async fn remove_oidc(org_id: OrgId) -> Result<SignInSettings, ClientError> {
    let path = format!("{}/sign-in/oidc", base(org_id));
    send(request(Method::DELETE, &path).build().map_err(|_| ClientError::Network)?).await
}

/// `POST …/scim-tokens`: a new SCIM token, with its secret, which is shown only this once.
pub async fn create_scim_token(org_id: OrgId, name: &str) -> Result<CreatedScimToken, ClientError> {
    let body = NewScimToken { name: name.to_owned() };
    send(json_request(Method::POST, &format!("{}/scim-tokens", base(org_id)), &body)?).await
}

/// `DELETE …/scim-tokens/{token}`: the provider can no longer use the token.
pub async fn revoke_scim_token(org_id: OrgId, token: ScimTokenId) -> Result<SignInSettings, ClientError> {
    let path = format!("{}/scim-tokens/{token}", base(org_id));
    send(request(Method::DELETE, &path).build().map_err(|_| ClientError::Network)?).await
}

/// Where the compliance export (rule 11) downloads from.
pub fn export_path(org_id: OrgId) -> String {
    format!("{}/export", base(org_id))
}
