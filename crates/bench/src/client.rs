//! One person's connection to the server: HTTP calls with their session
//! cookie, and their event socket.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use futures::StreamExt;
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

/// The header every state-changing request carries (the CSRF guard).
const CSRF_HEADER: &str = "x-samtal-request";

/// A signed-in person. Clones share the HTTP connection pool.
#[derive(Clone)]
pub struct Person {
    http: reqwest::Client,
    base: String,
    cookie: String,
    /// Their person id.
    pub id: i64,
}

/// A JSON answer and the server's own time for it (`Server-Timing`).
pub struct Answer {
    /// The body.
    pub body: Value,
    /// How long the server took, without the network.
    pub server: Duration,
}

impl Person {
    /// Signs up `handle` (password `bench-password`) on the server at `base`.
    pub async fn sign_up(http: &reqwest::Client, base: &str, handle: &str) -> Result<Person> {
        let body = json!({ "handle": handle, "display_name": handle, "password": PASSWORD });
        let response = http.post(format!("{base}/api/auth/signup")).header(CSRF_HEADER, "1").json(&body).send().await?;
        let cookie = session_cookie(&response).context("signup set no session cookie")?;
        let status = response.status();
        let body: Value = response.json().await?;
        if status != StatusCode::CREATED {
            bail!("signup of {handle}: {status} {body}");
        }
        let id = body["person"]["id"].as_i64().or_else(|| body["id"].as_i64()).context("signup answer has no id")?;
        Ok(Person { http: http.clone(), base: base.to_owned(), cookie, id })
    }

    /// The same person against the server at `base` (another instance).
    pub fn at(&self, base: &str) -> Person {
        Person { base: base.to_owned(), ..self.clone() }
    }

    /// `GET path`, failing on any status but 200.
    pub async fn get(&self, path: &str) -> Result<Answer> {
        self.call(self.http.get(format!("{}{path}", self.base))).await
    }

    /// `POST path` with a JSON body, failing on any status but 200 and 201.
    pub async fn post(&self, path: &str, body: &Value) -> Result<Answer> {
        self.call(self.http.post(format!("{}{path}", self.base)).header(CSRF_HEADER, "1").json(body)).await
    }

    async fn call(&self, request: reqwest::RequestBuilder) -> Result<Answer> {
        let started = Instant::now();
        let response = request.header("cookie", &self.cookie).send().await?;
        let status = response.status();
        let server = server_time(&response).unwrap_or_else(|| started.elapsed());
        let text = response.text().await?;
        if !status.is_success() {
            bail!("{status}: {text}");
        }
        let body = if text.is_empty() { Value::Null } else { serde_json::from_str(&text)? };
        Ok(Answer { body, server })
    }

    /// Opens the person's event socket after `since`, and waits until the
    /// server has answered the handshake.
    pub async fn socket(&self, since: i64) -> Result<Socket> {
        let ws_base = self.base.replacen("http://", "ws://", 1);
        let mut request = format!("{ws_base}/api/events?since={since}").into_client_request()?;
        request.headers_mut().insert("cookie", self.cookie.parse()?);
        let (stream, _) = tokio_tungstenite::connect_async(request).await?;
        Ok(Socket { stream })
    }
}

/// The password of every bench account.
pub const PASSWORD: &str = "bench-password";

/// A person's live event stream.
pub struct Socket {
    stream: tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>,
}

impl Socket {
    /// The next event envelope, or `None` when the socket closed.
    pub async fn next_event(&mut self) -> Result<Option<Value>> {
        while let Some(frame) = self.stream.next().await {
            match frame? {
                Message::Text(text) => return Ok(Some(serde_json::from_str(text.as_str())?)),
                Message::Close(_) => return Ok(None),
                _ => {}
            }
        }
        Ok(None)
    }
}

/// `samtal_session=…` from a response's `Set-Cookie`.
fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("samtal_session="))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned)
}

/// `Server-Timing: app;dur=1.234` → 1.234 ms.
fn server_time(response: &reqwest::Response) -> Option<Duration> {
    let value = response.headers().get("server-timing")?.to_str().ok()?;
    let millis: f64 = value.split("dur=").nth(1)?.split([',', ';']).next()?.trim().parse().ok()?;
    Some(Duration::from_secs_f64(millis / 1000.0))
}

/// An HTTP client for many people at once: a large pool, no proxy lookups.
pub fn http() -> Result<reqwest::Client> {
    Ok(reqwest::Client::builder().pool_max_idle_per_host(256).no_proxy().build()?)
}
