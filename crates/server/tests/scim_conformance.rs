//! The SCIM server against an outside conformance tester: PyPI
//! `scim2-tester` (`SAMTAL_TEST_IDENTITY_PYTHON` names the Python that has
//! it; `cargo xtask setup` installs one under `target/tools/identity`),
//! driven by `scim_conformance/check.py`. Every check must pass, or be one
//! the tester skips because the server says it lacks the feature.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod common_accounts;

use common_accounts::*;
use serde_json::json;

#[tokio::test]
async fn scim2_tester_finds_no_errors() {
    let server = start_server().await;
    let admin = operator(&server).await;
    let org = create_org(&admin, "Nordvik Energi", "nordvik.example").await;
    let (status, token) =
        admin.post(&format!("/api/admin/orgs/{org}/scim-tokens"), json!({"name": "Conformance"})).await;
    assert_eq!(status, 201, "{token}");
    let python = std::env::var("SAMTAL_TEST_IDENTITY_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let script = format!("{}/tests/scim_conformance/check.py", env!("CARGO_MANIFEST_DIR"));
    let base = format!("http://{}/scim/v2", server.addr);
    let secret = token["secret"].as_str().unwrap().to_owned();
    let out = tokio::process::Command::new(&python)
        .args([script.as_str(), base.as_str(), secret.as_str()])
        .output()
        .await
        .unwrap_or_else(|e| panic!("{python} can't run ({e}): run `cargo xtask setup`"));
    let report = String::from_utf8_lossy(&out.stdout);
    println!("{report}");
    assert!(out.status.success(), "scim2-tester found errors:\n{report}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(report.contains("summary:"), "{report}");
}
