//! The test harness: a real server on a loopback port over a fresh database
//! (SQLite, or PostgreSQL with `SAMTAL_TEST_DATABASE=postgres`; see
//! `common_db`), and clients that each keep their own session cookie.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::net::SocketAddr;

#[path = "../common_db/mod.rs"]
pub mod common_db;

use reqwest::StatusCode;
use samtal_server::{AppState, Config, app};
use serde_json::{Value, json};

/// A running server with its own data directory.
pub struct TestServer {
    pub addr: SocketAddr,
    pub dir: tempfile::TempDir,
    pub state: AppState,
    task: tokio::task::JoinHandle<()>,
}

impl TestServer {
    /// Starts a server whose operators are `operators`.
    pub async fn start_with(operators: &[&str]) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::for_data_dir(dir.path());
        config.operators = operators.iter().map(|s| s.to_string()).collect();
        Self::start_config(dir, config).await
    }

    /// Starts a server with the operator `operator`.
    pub async fn start() -> TestServer {
        Self::start_with(&["operator"]).await
    }

    /// Starts a server over `dir` with `config`. The test database of a
    /// data directory inside `dir` goes when the server does.
    pub async fn start_config(dir: tempfile::TempDir, mut config: Config) -> TestServer {
        common_db::use_test_database(&mut config).await;
        let store = samtal_server::store::open(config.database_url.as_ref(), &config.data_dir).await.unwrap();
        let state = AppState::new(config, store).unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let router = app(state.clone());
        let task = tokio::spawn(async move {
            let router = router.into_make_service_with_connect_info::<SocketAddr>();
            axum::serve(listener, router).await.unwrap();
        });
        TestServer { addr, dir, state, task }
    }

    /// A client with no session.
    pub fn client(&self) -> Client {
        Client {
            http: reqwest::Client::builder().cookie_store(true).build().unwrap(),
            base: format!("http://{}", self.addr),
        }
    }

    /// A new person signed in as `handle` (password `password123`).
    pub async fn person(&self, handle: &str) -> Client {
        let c = self.client();
        let (status, body) = c
            .post(
                "/api/auth/signup",
                json!({"handle": handle, "display_name": display(handle), "password": "password123"}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        c
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
        if self.state.config.data_dir.starts_with(self.dir.path()) {
            common_db::drop_test_database(&self.state.config);
        }
    }
}

/// The `samtal_session=…` cookie a response sets (panics without one).
pub fn session_cookie(headers: &reqwest::header::HeaderMap) -> String {
    headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .find(|c| c.starts_with("samtal_session="))
        .expect("a session cookie")
}

/// `anna` → `Anna`.
pub fn display(handle: &str) -> String {
    let mut chars = handle.chars();
    chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

/// An HTTP client with its own cookie jar.
#[derive(Clone)]
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
}

impl Client {
    async fn send(&self, req: reqwest::RequestBuilder) -> (StatusCode, Value) {
        let resp = req.send().await.unwrap();
        let status = resp.status();
        let text = resp.text().await.unwrap();
        let body =
            if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
        (status, body)
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.send(self.http.get(format!("{}{path}", self.base))).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(self.http.post(format!("{}{path}", self.base)).header("X-Samtal-Request", "1").json(&body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(self.http.put(format!("{}{path}", self.base)).header("X-Samtal-Request", "1").json(&body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(self.http.patch(format!("{}{path}", self.base)).header("X-Samtal-Request", "1").json(&body)).await
    }

    pub async fn delete(&self, path: &str) -> (StatusCode, Value) {
        self.send(self.http.delete(format!("{}{path}", self.base)).header("X-Samtal-Request", "1")).await
    }

    /// A POST with a raw body and content type (malformed input tests).
    pub async fn post_raw(
        &self,
        path: &str,
        content_type: &str,
        body: impl Into<reqwest::Body>,
    ) -> (StatusCode, Value) {
        self.send(
            self.http
                .post(format!("{}{path}", self.base))
                .header("X-Samtal-Request", "1")
                .header("Content-Type", content_type)
                .body(body),
        )
        .await
    }

    /// A POST without the CSRF header.
    pub async fn post_without_csrf(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(self.http.post(format!("{}{path}", self.base)).json(&body)).await
    }

    /// `GET /api/me`'s `person.id`.
    pub async fn id(&self) -> i64 {
        let (_, me) = self.get("/api/me").await;
        me["person"]["id"].as_i64().expect("signed in")
    }
}

/// Asserts an error answer: status and code.
#[track_caller]
pub fn assert_error(got: &(StatusCode, Value), status: u16, code: &str) {
    assert_eq!(got.0.as_u16(), status, "status of {}", got.1);
    assert_eq!(got.1["error"]["code"], code, "code of {}", got.1);
    assert!(got.1["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "message of {}", got.1);
}
