//! `create-org` and `import-directory`: provisioning through the real API.
//!
//! Whoever can run these holds the data directory, so `create-org` treats
//! the named person as an operator; the person still signs in with their own
//! password, and every check of `POST /api/orgs` and the directory import
//! applies.

use std::path::Path;

use anyhow::{Context, bail};
use axum::http::Method;
use samtal_core::api::{CreateOrg, DirectoryImportResult, LoginRequest, Me, Org, Person};
use serde_json::Value;

use super::args::{CreateOrgArgs, ImportDirectoryArgs};
use super::client::InProcess;
use super::serve;
use crate::config::Config;
use crate::state::AppState;

/// Signs `handle` in with `password` on a client of `state`'s application.
pub async fn sign_in(state: &AppState, handle: &str, password: &str) -> anyhow::Result<InProcess> {
    let mut client = InProcess::new(crate::app(state.clone()));
    let login = LoginRequest { handle: handle.to_owned(), password: password.to_owned() };
    let _: Person = client
        .post(&format!("sign in as {handle}"), "/api/auth/login", &login)
        .await
        .with_context(|| format!("could not sign in as {handle} (is the handle right, and the password?)"))?;
    Ok(client)
}

/// `create-org`: the operator creates an organization and becomes its first admin.
pub async fn create_org(args: &CreateOrgArgs) -> anyhow::Result<Org> {
    let mut config = Config::for_data_dir(&args.access.data);
    config.database_url = args.access.database_url.clone();
    config.operators = vec![args.operator.trim().to_ascii_lowercase()];
    let state = serve::open(config).await?;
    let mut client = sign_in(&state, &args.operator, &args.access.password).await?;
    let body =
        CreateOrg { name: args.name.clone(), domain: args.domain.clone(), description: args.description.clone() };
    let org = client.post("create the organization", "/api/orgs", &body).await?;
    client.sign_out().await?;
    Ok(org)
}

/// `import-directory`: an admin of the organization with `org_domain`
/// provisions the entries of a CSV or JSON file.
pub async fn import_directory(args: &ImportDirectoryArgs) -> anyhow::Result<DirectoryImportResult> {
    let (content_type, body) = read_entries(&args.file)?;
    let mut config = Config::for_data_dir(&args.access.data);
    config.database_url = args.access.database_url.clone();
    let state = serve::open(config).await?;
    let mut client = sign_in(&state, &args.admin, &args.access.password).await?;
    let me: Me = client.get("read the admin's organizations", "/api/me").await?;
    let mut org_id = None;
    for org in &me.admin_orgs {
        let step = format!("read the organization {}", org.name);
        let found: Org = client.get(&step, &format!("/api/admin/orgs/{}", org.id)).await?;
        if found.domain.eq_ignore_ascii_case(args.org_domain.trim()) {
            org_id = Some(found.id);
        }
    }
    let Some(org_id) = org_id else {
        bail!("{} is not an admin of an organization with the domain {}", args.admin, args.org_domain);
    };
    let path = format!("/api/admin/orgs/{org_id}/directory");
    let request = format!("POST {path}");
    let (status, answer) = client
        .send(Method::POST, &path, Some(content_type), body)
        .await
        .map_err(|e| anyhow::anyhow!("{request}: {e}"))?;
    client.sign_out().await?;
    if !status.is_success() {
        bail!("the import was refused: {request} answered {status}: {answer}");
    }
    serde_json::from_value(answer.clone()).with_context(|| format!("unexpected answer to {request}: {answer}"))
}

/// The request body for a `.csv` or `.json` file of entries.
fn read_entries(file: &Path) -> anyhow::Result<(&'static str, Vec<u8>)> {
    let bytes = std::fs::read(file).with_context(|| format!("could not read {}", file.display()))?;
    let extension = file.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    match extension.as_str() {
        "csv" => Ok(("text/csv", bytes)),
        "json" => {
            let value: Value =
                serde_json::from_slice(&bytes).with_context(|| format!("{} is not valid JSON", file.display()))?;
            // A bare array of entries is accepted as a convenience.
            let value = if value.is_array() { serde_json::json!({ "entries": value }) } else { value };
            Ok(("application/json", serde_json::to_vec(&value)?))
        }
        _ => bail!("{}: give a .csv file (with a header row) or a .json file", file.display()),
    }
}

/// One line per row: its new `directory_entry_id` and `initial_password`, or why it failed.
pub fn import_report(result: &DirectoryImportResult) -> String {
    let mut out = String::new();
    for row in &result.results {
        let line = match (&row.directory_entry_id, &row.error) {
            (Some(id), _) => format!(
                "row {}\t{}\tdirectory_entry_id={}\tinitial_password={}",
                row.row,
                row.email,
                id,
                row.initial_password.as_deref().unwrap_or("(as given)")
            ),
            (None, Some(error)) => {
                let code = serde_json::to_value(error.code).ok().and_then(|v| v.as_str().map(str::to_owned));
                format!(
                    "row {}\t{}\tnot imported: {} ({})",
                    row.row,
                    row.email,
                    error.message,
                    code.unwrap_or_default()
                )
            }
            (None, None) => format!("row {}\t{}\tnot imported", row.row, row.email),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(&format!("{} of {} rows imported.\n", result.imported, result.results.len()));
    out
}
