//! The event stream: `/api/events` over a real WebSocket and `/api/sync`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use common::*;
use futures::StreamExt;
use reqwest::StatusCode;
use samtal_core::events::{Event, EventEnvelope};
use samtal_core::{ConversationId, PersonId};
use samtal_server::domain::Domain;
use samtal_server::{AppState, Config, app};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::{self, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// A server whose store the test keeps a handle on, to append events the way
/// a domain operation would (same store, so live streams wake up).
struct EventServer {
    addr: SocketAddr,
    domain: Arc<Domain>,
    config: Config,
    _dir: tempfile::TempDir,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for EventServer {
    fn drop(&mut self) {
        self.task.abort();
        common_db::drop_test_database(&self.config);
    }
}

/// A signed-up person: their session cookie and id.
struct Person {
    cookie: String,
    id: PersonId,
}

impl EventServer {
    async fn start() -> EventServer {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::for_data_dir(dir.path());
        common_db::use_test_database(&mut config).await;
        let store = samtal_server::store::open(config.database_url.as_ref(), dir.path()).await.unwrap();
        let state = AppState::new(config.clone(), store).unwrap();
        let domain = state.domain.clone();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let router = app(state);
        let task = tokio::spawn(async move {
            axum::serve(listener, router).await.unwrap();
        });
        EventServer { addr, domain, config, _dir: dir, task }
    }

    /// Signs `handle` up and returns the session cookie (`samtal_session=…`).
    async fn person(&self, handle: &str) -> Person {
        let resp = reqwest::Client::new()
            .post(format!("http://{}/api/auth/signup", self.addr))
            .header("X-Samtal-Request", "1")
            .json(&json!({"handle": handle, "display_name": display(handle), "password": "password123"}))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::CREATED);
        let cookie = session_cookie(resp.headers());
        let body: Value = resp.json().await.unwrap();
        Person { cookie, id: PersonId(body["id"].as_i64().unwrap()) }
    }

    /// `GET path` with a cookie.
    async fn get(&self, path: &str, cookie: Option<&str>) -> (StatusCode, Value) {
        let mut req = reqwest::Client::new().get(format!("http://{}{path}", self.addr));
        if let Some(cookie) = cookie {
            req = req.header("Cookie", cookie);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status();
        let text = resp.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    /// Opens the event socket as `person` from `since`.
    async fn connect(&self, person: &Person, since: i64) -> Socket {
        let mut request = format!("ws://{}/api/events?since={since}", self.addr).into_client_request().unwrap();
        request.headers_mut().insert("Cookie", person.cookie.parse().unwrap());
        let (socket, response) = tokio_tungstenite::connect_async(request).await.unwrap();
        assert_eq!(response.status(), 101);
        socket
    }

    /// Appends a distinguishable event for `people`.
    async fn emit(&self, people: &[&Person], n: i64) {
        let recipients: Vec<PersonId> = people.iter().map(|p| p.id).collect();
        self.domain
            .append_events(&recipients, &Event::ConversationChanged { conversation_id: ConversationId(n) })
            .await
            .unwrap();
    }
}

/// The next event frame (skipping pings), within five seconds.
async fn next_event(socket: &mut Socket) -> EventEnvelope {
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(5), socket.next())
            .await
            .expect("an event within 5 s")
            .expect("the socket is open")
            .unwrap();
        match frame {
            Message::Text(text) => return serde_json::from_str(text.as_str()).unwrap(),
            Message::Ping(_) | Message::Pong(_) => continue,
            other => panic!("unexpected frame {other:?}"),
        }
    }
}

/// Asserts no event frame arrives for a while.
async fn assert_quiet(socket: &mut Socket) {
    match tokio::time::timeout(Duration::from_millis(300), socket.next()).await {
        Err(_) => {}
        Ok(Some(Ok(Message::Ping(_)))) => {}
        Ok(other) => panic!("expected silence, got {other:?}"),
    }
}

/// The conversation number an event from [`EventServer::emit`] carries.
fn number(envelope: &EventEnvelope) -> i64 {
    match &envelope.event {
        Event::ConversationChanged { conversation_id } => conversation_id.0,
        other => panic!("unexpected event {other:?}"),
    }
}

#[tokio::test]
async fn a_connected_client_receives_its_events_live_and_nobody_elses() {
    let server = EventServer::start().await;
    let anna = server.person("anna").await;
    let bert = server.person("bert").await;
    let mut socket = server.connect(&anna, 0).await;
    assert_quiet(&mut socket).await;

    server.emit(&[&anna], 1).await;
    let first = next_event(&mut socket).await;
    assert_eq!(number(&first), 1);

    // Bert's event wakes Anna's stream but is not hers to see.
    server.emit(&[&bert], 2).await;
    server.emit(&[&anna, &bert], 3).await;
    let second = next_event(&mut socket).await;
    assert_eq!(number(&second), 3, "Bert's own event never reaches Anna");
    assert!(second.id > first.id);
    assert_quiet(&mut socket).await;

    // The client closing is a clean close.
    socket.close(None).await.unwrap();
    while let Some(frame) = socket.next().await {
        if frame.is_err() || matches!(frame, Ok(Message::Close(_))) {
            break;
        }
    }
}

#[tokio::test]
async fn a_reconnecting_client_gets_exactly_the_events_it_missed() {
    let server = EventServer::start().await;
    let anna = server.person("anna").await;
    for n in 1..=3 {
        server.emit(&[&anna], n).await;
    }

    // The backlog arrives first, oldest first.
    let mut socket = server.connect(&anna, 0).await;
    let mut cursor = 0;
    for n in 1..=3 {
        let event = next_event(&mut socket).await;
        assert_eq!(number(&event), n);
        assert!(event.id.0 > cursor);
        cursor = event.id.0;
    }
    server.emit(&[&anna], 4).await;
    let live = next_event(&mut socket).await;
    assert_eq!(number(&live), 4);
    cursor = live.id.0;
    socket.close(None).await.unwrap();
    drop(socket);

    // Missed while away.
    for n in 5..=9 {
        server.emit(&[&anna], n).await;
    }
    let mut socket = server.connect(&anna, cursor).await;
    let mut got = Vec::new();
    for _ in 5..=9 {
        got.push(next_event(&mut socket).await);
    }
    assert_eq!(got.iter().map(number).collect::<Vec<_>>(), vec![5, 6, 7, 8, 9], "none missing, none twice");
    assert_quiet(&mut socket).await;

    // And the catch-up agrees with /api/sync from the same cursor.
    let (status, sync) = server.get(&format!("/api/sync?since={cursor}"), Some(&anna.cookie)).await;
    assert_eq!(status, 200, "{sync}");
    let ids: Vec<i64> = sync["events"].as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, got.iter().map(|e| e.id.0).collect::<Vec<_>>());

    // Live again after the catch-up.
    server.emit(&[&anna], 10).await;
    assert_eq!(number(&next_event(&mut socket).await), 10);
}

#[tokio::test]
async fn events_committed_in_a_burst_arrive_once_each_in_order() {
    let server = EventServer::start().await;
    let anna = server.person("anna").await;
    let bert = server.person("bert").await;
    let mut socket = server.connect(&anna, 0).await;
    // Wake-ups coalesce when commits come faster than the stream reads;
    // reading by cursor must still deliver each event exactly once.
    let store = server.domain.clone();
    let (anna_id, bert_id) = (anna.id, bert.id);
    let writer = tokio::spawn(async move {
        for n in 1..=60 {
            let recipients = if n % 3 == 0 { vec![bert_id] } else { vec![anna_id, bert_id] };
            store
                .append_events(&recipients, &Event::ConversationChanged { conversation_id: ConversationId(n) })
                .await
                .unwrap();
        }
    });
    let expected: Vec<i64> = (1..=60).filter(|n| n % 3 != 0).collect();
    let mut got = Vec::new();
    while got.len() < expected.len() {
        got.push(number(&next_event(&mut socket).await));
    }
    writer.await.unwrap();
    assert_eq!(got, expected);
    assert_quiet(&mut socket).await;
}

#[tokio::test]
async fn sync_pages_through_the_stream_with_its_cursor() {
    let server = EventServer::start().await;
    let anna = server.person("anna").await;
    let bert = server.person("bert").await;
    for n in 1..=7 {
        server.emit(&[&anna], n).await;
        server.emit(&[&bert], 100 + n).await;
    }

    let mut since = 0;
    let mut seen = Vec::new();
    let mut pages = Vec::new();
    loop {
        let (status, page) = server.get(&format!("/api/sync?since={since}&limit=3"), Some(&anna.cookie)).await;
        assert_eq!(status, 200, "{page}");
        let events = page["events"].as_array().unwrap();
        for e in events {
            seen.push(e["event"]["conversation_id"].as_i64().unwrap());
        }
        pages.push((events.len(), page["has_more"].as_bool().unwrap()));
        let cursor = page["cursor"].as_i64().unwrap();
        match events.last() {
            Some(last) => assert_eq!(cursor, last["id"].as_i64().unwrap(), "the cursor is the last id"),
            None => assert_eq!(cursor, since, "an empty page keeps the cursor"),
        }
        since = cursor;
        if !page["has_more"].as_bool().unwrap() {
            break;
        }
    }
    assert_eq!(seen, (1..=7).collect::<Vec<_>>(), "only Anna's events, each once, in order");
    assert_eq!(pages, vec![(3, true), (3, true), (1, false)]);

    // Nothing new: an empty page at the same cursor.
    let (_, page) = server.get(&format!("/api/sync?since={since}"), Some(&anna.cookie)).await;
    assert_eq!(page["events"], json!([]));
    assert_eq!(page["cursor"].as_i64().unwrap(), since);
    assert_eq!(page["has_more"], false);

    // Without `since`: from the start, default page size.
    let (_, page) = server.get("/api/sync", Some(&anna.cookie)).await;
    assert_eq!(page["events"].as_array().unwrap().len(), 7);
    assert_eq!(page["has_more"], false);
}

#[tokio::test]
async fn sync_refuses_bad_cursors_and_limits() {
    let server = EventServer::start().await;
    let anna = server.person("anna").await;
    for query in ["since=-1", "since=abc", "limit=0", "limit=1001", "limit=-5", "since=1.5"] {
        let got = server.get(&format!("/api/sync?{query}"), Some(&anna.cookie)).await;
        assert_error(&got, 400, "invalid_input");
    }
    let (status, _) = server.get("/api/sync?limit=1000", Some(&anna.cookie)).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn strangers_get_no_events() {
    let server = EventServer::start().await;
    assert_error(&server.get("/api/sync", None).await, 401, "unauthenticated");
    assert_error(&server.get("/api/sync", Some("samtal_session=forged")).await, 401, "unauthenticated");

    // The WebSocket handshake is refused before upgrading.
    for cookie in [None, Some("samtal_session=forged")] {
        let mut request = format!("ws://{}/api/events", server.addr).into_client_request().unwrap();
        if let Some(cookie) = cookie {
            request.headers_mut().insert("Cookie", cookie.parse().unwrap());
        }
        match tokio_tungstenite::connect_async(request).await {
            Err(tungstenite::Error::Http(response)) => {
                assert_eq!(response.status(), 401);
                let body: Value = serde_json::from_slice(response.body().as_deref().unwrap_or_default()).unwrap();
                assert_eq!(body["error"]["code"], "unauthenticated");
            }
            other => panic!("expected a 401 handshake, got {:?}", other.map(|(_, r)| r.status())),
        }
    }
}

#[tokio::test]
async fn the_event_socket_is_refused_to_other_sites_and_plain_requests() {
    let server = EventServer::start().await;
    let anna = server.person("anna").await;

    let mut request = format!("ws://{}/api/events", server.addr).into_client_request().unwrap();
    request.headers_mut().insert("Cookie", anna.cookie.parse().unwrap());
    request.headers_mut().insert("Origin", "https://evil.example".parse().unwrap());
    match tokio_tungstenite::connect_async(request).await {
        Err(tungstenite::Error::Http(response)) => assert_eq!(response.status(), 403),
        other => panic!("expected a 403 handshake, got {:?}", other.map(|(_, r)| r.status())),
    }

    // The server's own pages may connect.
    let mut request = format!("ws://{}/api/events", server.addr).into_client_request().unwrap();
    request.headers_mut().insert("Cookie", anna.cookie.parse().unwrap());
    request.headers_mut().insert("Origin", format!("http://{}", server.addr).parse().unwrap());
    assert!(tokio_tungstenite::connect_async(request).await.is_ok());

    // A plain GET is told to use a WebSocket; a bad cursor is bad input.
    assert_error(&server.get("/api/events", Some(&anna.cookie)).await, 400, "invalid_input");
    let mut request = format!("ws://{}/api/events?since=-3", server.addr).into_client_request().unwrap();
    request.headers_mut().insert("Cookie", anna.cookie.parse().unwrap());
    match tokio_tungstenite::connect_async(request).await {
        Err(tungstenite::Error::Http(response)) => assert_eq!(response.status(), 400),
        other => panic!("expected a 400 handshake, got {:?}", other.map(|(_, r)| r.status())),
    }
}

#[tokio::test]
async fn the_openapi_document_describes_both_endpoints() {
    let server = TestServer::start().await;
    let (status, doc) = server.client().get("/api/openapi.json").await;
    assert_eq!(status, 200);
    // Paths are listed as mounted (`/api/sync`) or relative to the `/api` base (`/sync`).
    let path = |p: &str| {
        let mounted = &doc["paths"][format!("/api{p}")];
        if mounted.is_object() { mounted.clone() } else { doc["paths"][p].clone() }
    };
    let sync = &path("/sync")["get"];
    assert!(sync.is_object(), "{}", doc["paths"]);
    assert!(sync["responses"]["200"].is_object());
    let params: Vec<&str> =
        sync["parameters"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(params, ["since", "limit"]);
    assert!(path("/events")["get"]["responses"]["101"].is_object());
}
