//! Organizations and the admin portal: `POST /api/orgs` (operators) and
//! `/api/admin/orgs/{org_id}/…` (the organization's admins): tenant
//! policies, enabling, the directory and the audit log.

use argon2::password_hash::PasswordHasher;
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode, header};
use samtal_core::api::limits::{DIRECTORY_IMPORT_MAX_BYTES, ORG_DESCRIPTION_MAX};
use samtal_core::api::{
    AuditEntry, CreateOrg, DirectoryEntry, DirectoryImport, DirectoryImportResult, Done, ImportRowResult,
    NewDirectoryEntry, Org, SetEnabled,
};
use samtal_core::policy::offline_cache;
use samtal_core::{ApiError, DirectoryEntryId, ErrorBody, ErrorCode, OrgId, TenantPolicies, rules, validate};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::{self, CurrentUser};
use crate::error::{ApiJson, ApiPath, ApiQuery, AppError, AppResult};
use crate::state::AppState;

mod import;

/// Audit entries one request answers with when it does not say.
const AUDIT_DEFAULT_LIMIT: u32 = 100;
/// The most audit entries one request answers with.
const AUDIT_MAX_LIMIT: u32 = 1_000;

/// `POST /api/orgs` and `/api/admin/orgs/{org_id}/…` (except groups and export).
pub fn router() -> OpenApiRouter<AppState> {
    // A directory file may be larger than the JSON bodies of other requests.
    let (schemas, paths, directory) = routes!(list_directory, import_directory);
    let directory = directory.layer(DefaultBodyLimit::max(DIRECTORY_IMPORT_MAX_BYTES));
    OpenApiRouter::new()
        .routes(routes!(create_org))
        .routes(routes!(get_org))
        .routes(routes!(get_policies, put_policies))
        .routes(routes!(put_enabled))
        .routes((schemas, paths, directory))
        .routes(routes!(remove_directory_entry))
        .routes(routes!(audit_log))
}

/// The organization, if the viewer administers it: unknown → 404, not its
/// admin → 403 (the portal names organizations by id; admins of others learn
/// nothing but that they may not).
async fn admin_org(state: &AppState, user: &CurrentUser, org_id: OrgId) -> AppResult<Org> {
    let org = state.domain.org(org_id).await?.ok_or(AppError::code(ErrorCode::NotFound))?;
    rules::check_org_admin(&user.viewer, org.id)?;
    Ok(org)
}

/// An e-mail domain like `example.com`: lowercased, two or more labels of
/// letters, digits and inner hyphens.
fn domain(raw: &str) -> Result<String, ApiError> {
    let domain = raw.trim().to_ascii_lowercase();
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        (1..=63).contains(&l.len())
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let tld_ok = labels.last().is_some_and(|tld| tld.chars().any(|c| c.is_ascii_alphabetic()));
    if domain.len() <= 253 && labels.len() >= 2 && labels.iter().all(label_ok) && tld_ok {
        Ok(domain)
    } else {
        Err(ApiError::with_message(
            ErrorCode::InvalidInput,
            format!("'{}' is not a domain like example.com.", raw.trim()),
        ))
    }
}

/// An organization's description: up to 1 000 characters, line breaks allowed.
fn description(raw: &str) -> Result<String, ApiError> {
    let text = raw.trim();
    if text.chars().count() > ORG_DESCRIPTION_MAX {
        return Err(ApiError::with_message(
            ErrorCode::InvalidInput,
            format!("The description has at most {ORG_DESCRIPTION_MAX} characters."),
        ));
    }
    if text.chars().any(|c| c.is_control() && c != '\n') {
        return Err(ApiError::with_message(
            ErrorCode::InvalidInput,
            "The description can't contain control characters.",
        ));
    }
    Ok(text.to_owned())
}

/// Create an organization (operators only); the creator becomes its first admin.
#[utoipa::path(post, path = "/orgs", tag = "admin", request_body = CreateOrg,
    responses((status = 201, body = Org), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn create_org(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(req): ApiJson<CreateOrg>,
) -> AppResult<(StatusCode, Json<Org>)> {
    if !state.config.is_operator(&user.person.handle) {
        return Err(AppError::msg(ErrorCode::Forbidden, "Only the server's operators create organizations."));
    }
    let name = validate::name(&req.name, "organization name")?;
    let domain = domain(&req.domain)?;
    let description = description(&req.description)?;
    let org = state.domain.create_org(user.person.id, &name, &domain, &description).await?;
    Ok((StatusCode::CREATED, Json(org)))
}

/// The organization.
#[utoipa::path(get, path = "/admin/orgs/{org_id}", tag = "admin",
    params(("org_id" = OrgId, Path, description = "The organization")),
    responses((status = 200, body = Org), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
async fn get_org(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(org_id): ApiPath<OrgId>,
) -> AppResult<Json<Org>> {
    Ok(Json(admin_org(&state, &user, org_id).await?))
}

/// The tenant policies (rule 7).
#[utoipa::path(get, path = "/admin/orgs/{org_id}/policies", tag = "admin",
    params(("org_id" = OrgId, Path, description = "The organization")),
    responses((status = 200, body = TenantPolicies), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_policies(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(org_id): ApiPath<OrgId>,
) -> AppResult<Json<TenantPolicies>> {
    Ok(Json(admin_org(&state, &user, org_id).await?.policies))
}

/// Set the tenant policies; every org conversation's capabilities follow at once.
#[utoipa::path(put, path = "/admin/orgs/{org_id}/policies", tag = "admin", request_body = TenantPolicies,
    params(("org_id" = OrgId, Path, description = "The organization")),
    responses((status = 200, body = TenantPolicies), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn put_policies(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(org_id): ApiPath<OrgId>,
    ApiJson(body): ApiJson<serde_json::Map<String, serde_json::Value>>,
) -> AppResult<Json<TenantPolicies>> {
    // Read through a JSON object: serde would take `[]` for a struct whose
    // fields all have defaults, and quietly reset every policy.
    let policies: TenantPolicies = serde_json::from_value(serde_json::Value::Object(body))
        .map_err(|e| AppError::msg(ErrorCode::InvalidJson, e.to_string()))?;
    admin_org(&state, &user, org_id).await?;
    offline_cache_hours(policies.offline_cache_hours)?;
    validate::windows(policies.edit_window_minutes, policies.delete_window_minutes)?;
    let org = state.domain.set_tenant_policies(org_id, user.person.id, policies).await?;
    Ok(Json(org.policies))
}

/// Checks the tenant policy `offline_cache_hours` (rule 13) is within its bounds.
fn offline_cache_hours(hours: u32) -> Result<(), AppError> {
    if (offline_cache::MIN_HOURS..=offline_cache::MAX_HOURS).contains(&hours) {
        Ok(())
    } else {
        Err(AppError::msg(
            ErrorCode::InvalidInput,
            format!(
                "Offline caches are deleted after {} to {} hours.",
                offline_cache::MIN_HOURS,
                offline_cache::MAX_HOURS
            ),
        ))
    }
}

/// Enable or disable Samtal for the organization (rules 9 and 10).
#[utoipa::path(put, path = "/admin/orgs/{org_id}/enabled", tag = "admin", request_body = SetEnabled,
    params(("org_id" = OrgId, Path, description = "The organization")),
    responses((status = 200, body = Org), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn put_enabled(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(org_id): ApiPath<OrgId>,
    ApiJson(req): ApiJson<SetEnabled>,
) -> AppResult<Json<Org>> {
    admin_org(&state, &user, org_id).await?;
    Ok(Json(state.domain.set_org_enabled(org_id, user.person.id, req.enabled).await?))
}

/// `?q=` of the directory listing.
#[derive(Debug, Deserialize)]
struct DirectoryQuery {
    #[serde(default)]
    q: Option<String>,
}

/// The directory, by name; `q` keeps entries whose name, alias or e-mail contains it.
#[utoipa::path(get, path = "/admin/orgs/{org_id}/directory", tag = "admin",
    params(("org_id" = OrgId, Path, description = "The organization"),
        ("q" = Option<String>, Query, description = "Part of a name, alias or e-mail")),
    responses((status = 200, body = Vec<DirectoryEntry>), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_directory(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(org_id): ApiPath<OrgId>,
    ApiQuery(query): ApiQuery<DirectoryQuery>,
) -> AppResult<Json<Vec<DirectoryEntry>>> {
    admin_org(&state, &user, org_id).await?;
    let needle = match query.q.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(q) => Some(validate::query(q)?.to_lowercase()),
    };
    Ok(Json(state.domain.directory(org_id, needle.as_deref()).await?))
}

/// `?dry_run=` of an import.
#[derive(Debug, Deserialize)]
struct ImportQuery {
    #[serde(default)]
    dry_run: bool,
}

/// Provision directory entries from JSON or CSV, answering every row.
///
/// `?dry_run=true` checks the rows and writes nothing (the preview).
#[utoipa::path(post, path = "/admin/orgs/{org_id}/directory", tag = "admin",
    request_body(content((DirectoryImport = "application/json"), (String = "text/csv")),
        description = "JSON, or CSV with the header email,alias,display_name,designation,department,is_admin,password"),
    params(("org_id" = OrgId, Path, description = "The organization"),
        ("dry_run" = Option<bool>, Query, description = "Check only; write nothing")),
    responses((status = 200, body = DirectoryImportResult), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 413, body = ErrorBody)))]
async fn import_directory(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(org_id): ApiPath<OrgId>,
    ApiQuery(query): ApiQuery<ImportQuery>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> AppResult<Json<DirectoryImportResult>> {
    admin_org(&state, &user, org_id).await?;
    let body = body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::msg(
            ErrorCode::PayloadTooLarge,
            format!("An import has at most {} MB.", DIRECTORY_IMPORT_MAX_BYTES / (1024 * 1024)),
        ),
        _ => AppError::msg(ErrorCode::InvalidInput, rejection.body_text()),
    })?;
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let mut rows = import::read(import::Format::of(content_type)?, &body)?;
    let existing = state.domain.directory_keys(org_id).await?;
    import::refuse_duplicates(&mut rows, &existing.emails, &existing.aliases);

    if query.dry_run {
        let results: Vec<ImportRowResult> = rows.into_iter().enumerate().map(|(i, row)| preview(i, row)).collect();
        let imported = count(results.iter().filter(|r| r.error.is_none()).count());
        return Ok(Json(DirectoryImportResult { dry_run: true, imported, results }));
    }

    // Passwords of good rows: the given one, or a generated one to hand out.
    let good: Vec<(usize, NewDirectoryEntry, Option<String>)> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, row)| row.entry.as_ref().ok().map(|e| (i, e.clone())))
        .map(|(i, entry)| {
            let generated = entry.password.is_none().then(auth::random_password);
            (i, entry, generated)
        })
        .collect();
    let passwords: Vec<(String, bool)> = good
        .iter()
        .map(|(_, entry, generated)| match generated {
            Some(p) => (p.clone(), true),
            None => (entry.password.clone().unwrap_or_default(), false),
        })
        .collect();
    let hashes = hash_passwords(passwords).await?;
    let to_store: Vec<(NewDirectoryEntry, String)> =
        good.iter().map(|(_, entry, _)| entry.clone()).zip(hashes).collect();
    let stored = state.domain.import_directory(org_id, user.person.id, &to_store).await?;

    let mut results: Vec<ImportRowResult> = rows.into_iter().enumerate().map(|(i, row)| preview(i, row)).collect();
    for ((i, _, generated), outcome) in good.into_iter().zip(stored) {
        let Some(result) = results.get_mut(i) else { continue };
        match outcome {
            Ok(id) => {
                result.directory_entry_id = Some(id);
                result.initial_password = generated;
            }
            Err(code) => result.error = Some(ApiError::new(code)),
        }
    }
    let imported = count(results.iter().filter(|r| r.directory_entry_id.is_some()).count());
    Ok(Json(DirectoryImportResult { dry_run: false, imported, results }))
}

/// A row's answer before anything is stored.
fn preview(index: usize, row: import::Row) -> ImportRowResult {
    ImportRowResult {
        row: count(index + 1),
        email: row.email,
        directory_entry_id: None,
        initial_password: None,
        error: row.entry.err(),
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Hashes passwords off the async runtime, spread over the cores.
///
/// Generated passwords carry about 92 bits of randomness, far beyond any
/// guessing, so stretching adds nothing to their safety: they get argon2id
/// at its smallest setting, a salted hash costing microseconds, where the
/// full setting would make a 5 000-row import take minutes. Passwords an
/// admin typed may be guessable and get full strength.
async fn hash_passwords(passwords: Vec<(String, bool)>) -> AppResult<Vec<String>> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = passwords.len().div_ceil(workers).max(1);
    let tasks: Vec<_> = passwords
        .chunks(chunk)
        .map(|part| {
            let part = part.to_vec();
            tokio::task::spawn_blocking(move || {
                part.iter()
                    .map(
                        |(password, generated)| {
                            if *generated { hash_generated_password(password) } else { auth::hash_password(password) }
                        },
                    )
                    .collect::<anyhow::Result<Vec<String>>>()
            })
        })
        .collect();
    let mut hashes = Vec::with_capacity(passwords.len());
    for task in tasks {
        hashes.extend(task.await.map_err(anyhow::Error::from)??);
    }
    Ok(hashes)
}

/// Argon2id with 8 KiB and one pass (its minimum): for random generated
/// passwords only. Signing in reads the setting from the stored hash.
fn hash_generated_password(password: &str) -> anyhow::Result<String> {
    let params = argon2::Params::new(8, 1, 1, None).map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))?;
    let hasher = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let hash = hasher.hash_password(password.as_bytes()).map_err(|e| anyhow::anyhow!("hashing a password: {e}"))?;
    Ok(hash.to_string())
}

/// Remove a person from the directory: they leave the organization at once (rule 10).
#[utoipa::path(delete, path = "/admin/orgs/{org_id}/directory/{directory_entry_id}", tag = "admin",
    params(("org_id" = OrgId, Path, description = "The organization"),
        ("directory_entry_id" = DirectoryEntryId, Path, description = "The entry")),
    responses((status = 200, body = Done), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
async fn remove_directory_entry(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((org_id, entry_id)): ApiPath<(OrgId, DirectoryEntryId)>,
) -> AppResult<Json<Done>> {
    admin_org(&state, &user, org_id).await?;
    state.domain.remove_directory_entry(org_id, entry_id, user.person.id).await?;
    Ok(Json(Done { ok: true }))
}

/// `?limit=` of the audit log.
#[derive(Debug, Deserialize)]
struct AuditQuery {
    #[serde(default)]
    limit: Option<u32>,
}

/// The audit log, newest first.
#[utoipa::path(get, path = "/admin/orgs/{org_id}/audit", tag = "admin",
    params(("org_id" = OrgId, Path, description = "The organization"),
        ("limit" = Option<u32>, Query, description = "At most this many entries (1–1000, default 100)")),
    responses((status = 200, body = Vec<AuditEntry>), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn audit_log(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(org_id): ApiPath<OrgId>,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> AppResult<Json<Vec<AuditEntry>>> {
    admin_org(&state, &user, org_id).await?;
    let limit = query.limit.unwrap_or(AUDIT_DEFAULT_LIMIT);
    if !(1..=AUDIT_MAX_LIMIT).contains(&limit) {
        return Err(AppError::msg(ErrorCode::InvalidInput, format!("limit is 1 to {AUDIT_MAX_LIMIT}.")));
    }
    Ok(Json(state.domain.audit_log(org_id, limit).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains() {
        assert_eq!(domain(" Contoso.COM ").ok().as_deref(), Some("contoso.com"));
        assert!(domain("mail.contoso.co.uk").is_ok());
        for bad in ["contoso", ".com", "contoso.", "con toso.com", "-a.com", "a..com", "a@b.com", "1.2.3.4", ""] {
            assert!(domain(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn generated_passwords_verify() {
        let password = auth::random_password();
        let hash = hash_generated_password(&password).map_err(|e| e.to_string());
        assert!(hash.as_ref().is_ok_and(|h| auth::verify_password(&password, h)));
        assert!(hash.is_ok_and(|h| !auth::verify_password("something else", &h)));
    }
}
