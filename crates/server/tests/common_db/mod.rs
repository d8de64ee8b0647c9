//! Which database a test runs on: SQLite in the data directory, or — with
//! `SAMTAL_TEST_DATABASE=postgres` — a fresh PostgreSQL database of its
//! own, named after the data directory, created on first use and dropped
//! by whoever owns the data directory.
//!
//! The server at `SAMTAL_TEST_POSTGRES_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`) must be reachable: without
//! it a PostgreSQL run fails, it never falls back to SQLite.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::path::Path;

use samtal_server::Config;
use samtal_server::store::DatabaseUrl;
use sha2::{Digest, Sha256};

/// The prefix of every test database's name.
pub const TEST_DATABASE_PREFIX: &str = "samtal_test_";

/// The maintenance database URL, when the suite runs on PostgreSQL.
pub fn postgres_admin_url() -> Option<String> {
    match std::env::var("SAMTAL_TEST_DATABASE").as_deref() {
        Ok("postgres") => Some(
            std::env::var("SAMTAL_TEST_POSTGRES_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned()),
        ),
        Ok("sqlite") | Err(_) => None,
        Ok(other) => panic!("SAMTAL_TEST_DATABASE={other}: use sqlite or postgres"),
    }
}

/// The test database name for a data directory.
fn database_name(data_dir: &Path) -> String {
    let digest = Sha256::digest(data_dir.to_string_lossy().as_bytes());
    format!("{TEST_DATABASE_PREFIX}{}", &hex::encode(digest)[..20])
}

/// `admin`'s server with another database.
fn with_database(admin: &str, name: &str) -> String {
    let mut url = url::Url::parse(admin).unwrap();
    url.set_path(name);
    url.to_string()
}

/// A fresh PostgreSQL database named `name` on `admin`'s server.
pub async fn create_database(admin: &str, name: &str) -> String {
    let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(admin)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL at {admin} is needed for this run: {e}"));
    let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
        .bind(name)
        .fetch_one(&mut conn)
        .await
        .unwrap();
    if !exists {
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\""))).execute(&mut conn).await.unwrap();
    }
    with_database(admin, name)
}

/// Drops a test database, ending its connections; from synchronous code
/// (a `Drop`), on a runtime of its own.
pub fn drop_database(url: &str) {
    let Ok(parsed) = url::Url::parse(url) else { return };
    let name = parsed.path().trim_start_matches('/').to_owned();
    if !name.starts_with(TEST_DATABASE_PREFIX) {
        return;
    }
    // The maintenance database of the same server.
    let admin = with_database(url, "postgres");
    let _ = std::thread::spawn(move || {
        let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_all().build() else { return };
        runtime.block_on(async {
            if let Ok(mut conn) = <sqlx::PgConnection as sqlx::Connection>::connect(&admin).await {
                let sql = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                let _ = sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut conn).await;
            }
        });
    })
    .join();
}

/// Points `config` at its test database: nothing to do on SQLite (the file
/// lives in the data directory); on PostgreSQL, the database named after
/// the data directory, created if missing.
pub async fn use_test_database(config: &mut Config) {
    if config.database_url.is_some() {
        return;
    }
    let Some(admin) = postgres_admin_url() else { return };
    let url = create_database(&admin, &database_name(&config.data_dir)).await;
    config.database_url = Some(DatabaseUrl::Postgres(url));
}

/// Drops `config`'s test database, if it has one.
pub fn drop_test_database(config: &Config) {
    if let Some(DatabaseUrl::Postgres(url)) = &config.database_url {
        drop_database(url);
    }
}
