//! Several instances of the server on one PostgreSQL database, in this
//! process: each a real router on its own port, with its poll of the event
//! log and, when given a NATS URL, its notices over NATS.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::time::Duration;

use futures::StreamExt;
use samtal_server::Config;
use samtal_server::cluster::Cluster;
use samtal_server::store::DatabaseUrl;
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::common::{Client, TestServer, common_db};

pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// The NATS server of the machine (`SAMTAL_TEST_NATS_URL`, default
/// `nats://127.0.0.1:4222`). Instances of different test databases share
/// it: their subjects differ by installation.
pub fn nats_url() -> String {
    std::env::var("SAMTAL_TEST_NATS_URL").unwrap_or_else(|_| "nats://127.0.0.1:4222".to_owned())
}

/// A fresh PostgreSQL database for one test's instances (the server of
/// `SAMTAL_TEST_POSTGRES_URL`, whichever backend the rest of the run uses:
/// several instances always share PostgreSQL).
pub async fn shared_database() -> String {
    let admin = std::env::var("SAMTAL_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let name = format!("{}cluster_{:016x}", common_db::TEST_DATABASE_PREFIX, rand::random::<u64>());
    common_db::create_database(&admin, &name).await
}

/// One instance.
pub struct Instance {
    pub server: TestServer,
    pub cluster: Option<Cluster>,
    watch: tokio::task::JoinHandle<()>,
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.watch.abort();
    }
}

impl Instance {
    /// Starts an instance on `database`, telling the others over `nats` (if
    /// any) and polling the log every `poll_every`.
    pub async fn start(database: &str, nats: Option<&str>, poll_every: Duration) -> Instance {
        Self::start_with(database, nats, poll_every, |_| {}).await
    }

    /// [`Instance::start`], with more settings made by `configure`.
    pub async fn start_with(
        database: &str,
        nats: Option<&str>,
        poll_every: Duration,
        configure: impl FnOnce(&mut Config),
    ) -> Instance {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::for_data_dir(dir.path());
        config.operators = vec!["operator".to_owned()];
        config.database_url = Some(DatabaseUrl::Postgres(database.to_owned()));
        config.poll_every = poll_every;
        configure(&mut config);
        let server = TestServer::start_config(dir, config).await;
        let watch = server.state.domain.watch_log(poll_every).await.unwrap();
        let cluster = match nats {
            Some(url) => Some(samtal_server::cluster::join(&server.state.domain, url).await.unwrap()),
            None => None,
        };
        Instance { server, cluster, watch }
    }

    pub fn base(&self) -> String {
        format!("http://{}", self.server.addr)
    }
}

/// A person signed up once, who can use any instance.
pub struct Person {
    pub id: i64,
    pub handle: String,
    /// A session of theirs, valid on every instance.
    pub cookie: String,
    http: reqwest::Client,
}

impl Person {
    /// Signs `handle` up through `instance` (password `password123`).
    pub async fn sign_up(instance: &Instance, handle: &str) -> Person {
        let response = reqwest::Client::new()
            .post(format!("{}/api/auth/signup", instance.base()))
            .header("X-Samtal-Request", "1")
            .json(&json!({"handle": handle, "display_name": crate::common::display(handle), "password": "password123"}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201);
        let cookie = crate::common::session_cookie(response.headers());
        let body: Value = response.json().await.unwrap();
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("Cookie", cookie.parse().unwrap());
        let http = reqwest::Client::builder().default_headers(headers).build().unwrap();
        Person { id: body["id"].as_i64().unwrap(), handle: handle.to_owned(), cookie, http }
    }

    /// Their client against `instance`.
    pub fn on(&self, instance: &Instance) -> Client {
        Client { http: self.http.clone(), base: instance.base() }
    }

    /// Their event socket on `instance`, from `since`.
    pub async fn socket(&self, instance: &Instance, since: i64) -> Socket {
        let mut request =
            format!("ws://{}/api/events?since={since}", instance.server.addr).into_client_request().unwrap();
        request.headers_mut().insert("Cookie", self.cookie.parse().unwrap());
        let (socket, response) = tokio_tungstenite::connect_async(request).await.unwrap();
        assert_eq!(response.status(), 101);
        socket
    }
}

/// What a socket said, within `within`: an event envelope, or `None` if
/// it closed.
pub async fn next_frame(socket: &mut Socket, within: Duration) -> Option<Value> {
    loop {
        let frame = tokio::time::timeout(within, socket.next()).await.expect("a frame in time");
        match frame {
            None | Some(Err(_)) => return None,
            Some(Ok(Message::Text(text))) => return Some(serde_json::from_str(text.as_str()).unwrap()),
            Some(Ok(Message::Close(_))) => return None,
            Some(Ok(_)) => continue,
        }
    }
}

/// Skips events until one of type `kind` arrives (within `within` each).
pub async fn next_of(socket: &mut Socket, kind: &str, within: Duration) -> Value {
    loop {
        let envelope = next_frame(socket, within).await.expect("the socket stays open");
        if envelope["event"]["type"] == kind {
            return envelope;
        }
    }
}

/// Skips events until a message with text arrives (system notes have none).
pub async fn next_text(socket: &mut Socket, within: Duration) -> Value {
    loop {
        let envelope = next_of(socket, "message_created", within).await;
        if envelope["event"]["message"]["text"].is_string() {
            return envelope;
        }
    }
}

/// An S3-compatible server of the test's own: moto's server mode (PyPI
/// `moto[server]`; `SAMTAL_TEST_MOTO_SERVER` names the binary), with one
/// empty bucket.
pub struct OwnS3 {
    pub endpoint: String,
    pub bucket: String,
    child: std::process::Child,
}

impl OwnS3 {
    pub async fn start() -> OwnS3 {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let binary = std::env::var("SAMTAL_TEST_MOTO_SERVER").unwrap_or_else(|_| "moto_server".to_owned());
        let child = std::process::Command::new(&binary)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {binary} (pip install 'moto[server]'): {e}"));
        let endpoint = format!("http://127.0.0.1:{port}");
        let bucket = "samtal-attachments".to_owned();
        let http = reqwest::Client::new();
        // Up once it answers; then the bucket (moto takes unsigned requests).
        for attempt in 0.. {
            match http.put(format!("{endpoint}/{bucket}")).send().await {
                Ok(response) if response.status().is_success() => break,
                _ if attempt < 300 => tokio::time::sleep(Duration::from_millis(100)).await,
                other => panic!("moto at {endpoint} did not come up: {other:?}"),
            }
        }
        OwnS3 { endpoint, bucket, child }
    }

    /// Points `config` at the bucket.
    pub fn configure(&self, config: &mut Config) {
        config.attachments_url = Some(format!("s3://{}", self.bucket));
        config.attachments_options = [
            ("aws_endpoint", self.endpoint.as_str()),
            ("aws_access_key_id", "test"),
            ("aws_secret_access_key", "test"),
            ("aws_region", "us-east-1"),
            ("aws_allow_http", "true"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    }

    /// The keys in the bucket.
    pub async fn keys(&self) -> Vec<String> {
        let listing =
            reqwest::get(format!("{}/{}?list-type=2", self.endpoint, self.bucket)).await.unwrap().text().await.unwrap();
        listing.split("<Key>").skip(1).filter_map(|rest| rest.split("</Key>").next()).map(str::to_owned).collect()
    }
}

impl Drop for OwnS3 {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
