//! A person's event stream: `GET /api/sync?since=` (catch-up by cursor) and
//! `GET /api/events` (the same stream pushed live over a WebSocket).
//!
//! Both read the person's events from the store by cursor. A live stream
//! then waits on the hub (`crate::domain::hub`), which hands it the events
//! of each commit that has any for this person, or tells it to read by
//! cursor again when it can't vouch that they are all. The stream sends
//! only events past its cursor, so nothing is missed and nothing is sent
//! twice; a socket whose person got nothing does no work at all.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::{CloseFrame, Message, WebSocketUpgrade, close_code};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use futures::{Sink, SinkExt, Stream, StreamExt};
use samtal_core::events::SyncResponse;
use samtal_core::events::{Event, EventEnvelope};
use samtal_core::{ErrorBody, ErrorCode, EventId, PersonId};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::CurrentUser;
use crate::domain::Domain;
use crate::domain::hub::Wake;
use crate::error::{ApiJson, ApiQuery, AppError, AppResult};
use crate::state::AppState;
use crate::store::Appended;

/// Events in one `/api/sync` page when the client names no limit.
pub const SYNC_DEFAULT_LIMIT: u32 = 500;
/// The most events one `/api/sync` page may hold.
pub const SYNC_MAX_LIMIT: u32 = 1000;

/// This family's routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(sync)).routes(routes!(events))
}

/// `?since=&limit=` of `/api/sync`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct SyncQuery {
    /// The cursor: the `id` of the last event applied (0 or absent: from the start).
    since: Option<i64>,
    /// Events in the page (1–1000, default 500).
    limit: Option<u32>,
}

/// `?since=` of `/api/events`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct EventsQuery {
    /// The cursor: the `id` of the last event applied (0 or absent: from the start).
    since: Option<i64>,
}

/// A cursor from the query string; negative cursors are bad input.
fn cursor(since: Option<i64>) -> AppResult<EventId> {
    match since {
        None => Ok(EventId(0)),
        Some(n) if n >= 0 => Ok(EventId(n)),
        Some(_) => Err(AppError::msg(ErrorCode::InvalidInput, "`since` must be an event id (0 or more).")),
    }
}

/// Catch up on events after a cursor.
///
/// Returns up to `limit` events after `since`, oldest first. Pass the returned
/// `cursor` as `since` next time; while `has_more` is true, call again at once.
#[utoipa::path(get, path = "/sync", tag = "events", params(SyncQuery),
    responses((status = 200, body = SyncResponse), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
async fn sync(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(query): ApiQuery<SyncQuery>,
) -> AppResult<ApiJson<SyncResponse>> {
    let since = cursor(query.since)?;
    let limit = query.limit.unwrap_or(SYNC_DEFAULT_LIMIT);
    if !(1..=SYNC_MAX_LIMIT).contains(&limit) {
        return Err(AppError::msg(ErrorCode::InvalidInput, format!("`limit` must be between 1 and {SYNC_MAX_LIMIT}.")));
    }
    let events = state.domain.events_since(user.person.id, since, limit).await?;
    let cursor = events.last().map_or(since, |e| e.id);
    let has_more = events.len() == limit as usize;
    Ok(ApiJson(SyncResponse { events, cursor, has_more }))
}

/// The live event stream (WebSocket).
///
/// Upgrade to a WebSocket to receive every event after `since` as a JSON text
/// frame (an `EventEnvelope`), oldest first, then each new event as it
/// happens. Remember the last `id` applied and reconnect with it as `since`:
/// nothing is missed and nothing arrives twice. The server pings every 30
/// seconds and closes the socket when the session ends.
#[utoipa::path(get, path = "/events", tag = "events", params(EventsQuery),
    responses(
        (status = 101, description = "Switching to the WebSocket; text frames carry `EventEnvelope`s.", body = EventEnvelope),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody)))]
async fn events(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(query): ApiQuery<EventsQuery>,
    headers: HeaderMap,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> AppResult<Response> {
    // Authentication ran first (the `CurrentUser` extractor): a socket is
    // never opened for a stranger.
    let since = cursor(query.since)?;
    let upgrade = upgrade.map_err(|_| {
        AppError::msg(
            ErrorCode::InvalidInput,
            "/api/events is a WebSocket: connect with a WebSocket client, or catch up with /api/sync.",
        )
    })?;
    if !same_origin(&headers, &state.config.public_url) {
        // Cookies ride along on cross-site WebSocket handshakes in some
        // browsers; a page on another site must not read someone's events.
        return Err(AppError::msg(ErrorCode::Forbidden, "The event stream only opens from Samtal's own pages."));
    }
    let store = state.domain.clone();
    let session = user.token_hash;
    let person = user.person.id;
    Ok(upgrade
        .on_upgrade(move |socket| async move {
            let (sink, stream) = socket.split();
            let options = StreamOptions::default();
            let end = run(store, person, Some(session), since, sink, stream, options).await;
            tracing::debug!(person = person.0, ?end, "event stream ended");
        })
        .into_response())
}

/// Whether a handshake's `Origin` (if any) is this server: the request's own
/// host, the configured public URL, or both sides on loopback (development
/// setups that proxy the client from another port).
fn same_origin(headers: &HeaderMap, public_url: &str) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        // Non-browser clients send no Origin; they carry their own cookie.
        return true;
    };
    let origin_host = authority(origin);
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
    if origin_host.eq_ignore_ascii_case(host) || origin_host.eq_ignore_ascii_case(authority(public_url)) {
        return true;
    }
    is_loopback(origin_host) && is_loopback(host)
}

/// `https://example.com:8443/x` → `example.com:8443`.
fn authority(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split('/').next().unwrap_or_default()
}

/// Whether `host[:port]` names this machine.
fn is_loopback(authority: &str) -> bool {
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host,
        _ => authority,
    };
    matches!(host, "localhost" | "127.0.0.1" | "[::1]")
}

/// How a stream behaves; tests shorten the intervals.
#[derive(Debug, Clone, Copy)]
pub struct StreamOptions {
    /// How often the server pings. Each ping also re-reads the store, which
    /// picks up events written by another process on the same database.
    pub ping_every: Duration,
    /// How long the client may stay silent (no pong, no frame) before the
    /// connection is taken for dead.
    pub idle_timeout: Duration,
    /// Events read from the store per query.
    pub batch: u32,
}

impl Default for StreamOptions {
    fn default() -> Self {
        Self { ping_every: Duration::from_secs(30), idle_timeout: Duration::from_secs(75), batch: 200 }
    }
}

/// Why a stream ended.
#[derive(Debug, PartialEq, Eq)]
pub enum StreamEnd {
    /// The client closed the socket (or its side of the stream ended).
    ClientClosed,
    /// Sending to the client failed: the connection is gone.
    SendFailed,
    /// The client stopped answering pings.
    Idle,
    /// The person's session ended (signed out or expired).
    SessionEnded,
    /// The store failed or shut down; the client should reconnect.
    StoreFailed,
}

/// Pushes `person`'s events after `since` to `sink` until the client leaves.
///
/// Generic over the socket halves so tests can drive it with channels. When
/// `session` is given, the session is re-checked on every ping and the stream
/// closes once it has ended.
pub async fn run<W, R>(
    store: Arc<Domain>,
    person: PersonId,
    session: Option<String>,
    since: EventId,
    mut sink: W,
    mut stream: R,
    options: StreamOptions,
) -> StreamEnd
where
    W: Sink<Message> + Unpin,
    R: Stream<Item = Result<Message, axum::Error>> + Unpin,
{
    // Subscribe before the first read: a commit between the read and the
    // subscription would otherwise go unnoticed until the next one.
    let subscription = store.subscribe(person);
    // Ending this session closes the stream as soon as its event arrives.
    let this_session = session.as_deref().map(crate::domain::sessions::session_id);
    let this_session = this_session.as_deref();
    let mut cursor = since;
    let mut ping = tokio::time::interval_at(tokio::time::Instant::now() + options.ping_every, options.ping_every);
    ping.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut last_heard = Instant::now();
    let mut read_now = true;

    let end = loop {
        if read_now {
            read_now = false;
            match push_new(store.as_ref(), person, &mut cursor, &mut sink, options.batch, this_session).await {
                Ok(()) => {}
                Err(end) => break end,
            }
        }
        tokio::select! {
            wake = subscription.wake() => match wake {
                Wake::ReadAgain => read_now = true,
                Wake::Events(events) => {
                    if let Err(end) = push_committed(&events, &mut cursor, &mut sink, this_session).await {
                        break end;
                    }
                }
            },
            frame = stream.next() => match frame {
                None | Some(Err(_)) | Some(Ok(Message::Close(_))) => break StreamEnd::ClientClosed,
                // Pongs, pings (answered by the socket itself) and anything
                // the client says all prove it is alive; the stream is one-way.
                Some(Ok(_)) => last_heard = Instant::now(),
            },
            _ = ping.tick() => {
                if last_heard.elapsed() > options.idle_timeout {
                    break StreamEnd::Idle;
                }
                if let Some(session) = &session {
                    match store.session_person(session).await {
                        Ok(Some(p)) if p.id == person => {}
                        Ok(_) => break StreamEnd::SessionEnded,
                        Err(e) => {
                            tracing::warn!(error = %e, "checking the session of an event stream");
                            break StreamEnd::StoreFailed;
                        }
                    }
                }
                if sink.send(Message::Ping(Default::default())).await.is_err() {
                    break StreamEnd::SendFailed;
                }
                read_now = true;
            }
        }
    };
    let frame = match end {
        StreamEnd::SessionEnded => Some(CloseFrame { code: close_code::POLICY, reason: "signed out".into() }),
        StreamEnd::StoreFailed => Some(CloseFrame { code: close_code::AGAIN, reason: "try again".into() }),
        StreamEnd::Idle => Some(CloseFrame { code: close_code::AWAY, reason: "idle".into() }),
        StreamEnd::ClientClosed | StreamEnd::SendFailed => None,
    };
    if let Some(frame) = frame {
        let _ = sink.send(Message::Close(Some(frame))).await;
    }
    let _ = sink.close().await;
    end
}

/// Sends the events a commit handed over that are past `cursor`; ends
/// the stream after the event that ends `this_session`.
async fn push_committed<W>(
    events: &[Appended],
    cursor: &mut EventId,
    sink: &mut W,
    this_session: Option<&str>,
) -> Result<(), StreamEnd>
where
    W: Sink<Message> + Unpin,
{
    for event in events {
        if event.id <= *cursor {
            continue;
        }
        if sink.send(Message::Text(frame(event).into())).await.is_err() {
            return Err(StreamEnd::SendFailed);
        }
        *cursor = event.id;
        // Parsed only when it may be one: most events are messages.
        if this_session.is_some() && event.payload.contains("\"session_ended\"") {
            let parsed = serde_json::from_str::<Event>(&event.payload).ok();
            if parsed.is_some_and(|e| ends_session(&e, this_session)) {
                return Err(StreamEnd::SessionEnded);
            }
        }
    }
    Ok(())
}

/// Whether `event` ends the stream's own session.
fn ends_session(event: &Event, this_session: Option<&str>) -> bool {
    matches!((event, this_session), (Event::SessionEnded { session_id }, Some(mine)) if session_id == mine)
}

/// The text frame of an appended event: the JSON of its [`EventEnvelope`],
/// around the payload every recipient shares, so a fan-out serializes the
/// event once.
fn frame(event: &Appended) -> String {
    format!(r#"{{"id":{},"at":{},"event":{}}}"#, event.id.0, event.at, event.payload)
}

/// Sends every event after `cursor`, advancing it past each one sent.
async fn push_new<W>(
    store: &Domain,
    person: PersonId,
    cursor: &mut EventId,
    sink: &mut W,
    batch: u32,
    this_session: Option<&str>,
) -> Result<(), StreamEnd>
where
    W: Sink<Message> + Unpin,
{
    let batch = batch.max(1);
    loop {
        let events = match store.events_since(person, *cursor, batch).await {
            Ok(events) => events,
            Err(e) => {
                tracing::warn!(error = %e, person = person.0, "reading events for a stream");
                return Err(StreamEnd::StoreFailed);
            }
        };
        let full = events.len() == batch as usize;
        for envelope in events {
            let text = match serde_json::to_string(&envelope) {
                Ok(text) => text,
                Err(e) => {
                    tracing::error!(error = %e, "serializing an event");
                    return Err(StreamEnd::StoreFailed);
                }
            };
            if sink.send(Message::Text(text.into())).await.is_err() {
                return Err(StreamEnd::SendFailed);
            }
            *cursor = envelope.id;
            if ends_session(&envelope.event, this_session) {
                return Err(StreamEnd::SessionEnded);
            }
        }
        if !full {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use futures::channel::mpsc;
    use samtal_core::events::Event;

    use super::*;
    use crate::store::sqlite::SqliteStore;

    async fn domain(dir: &std::path::Path) -> Arc<Domain> {
        Arc::new(Domain::new(Arc::new(SqliteStore::open_in(dir).await.unwrap())))
    }

    fn frame_event(frame: Message) -> EventEnvelope {
        match frame {
            Message::Text(text) => serde_json::from_str(text.as_str()).unwrap(),
            other => panic!("expected a text frame, got {other:?}"),
        }
    }

    async fn next_text(rx: &mut mpsc::Receiver<Message>) -> EventEnvelope {
        loop {
            let frame = tokio::time::timeout(Duration::from_secs(5), rx.next()).await.unwrap().unwrap();
            if !matches!(frame, Message::Ping(_)) {
                return frame_event(frame);
            }
        }
    }

    #[tokio::test]
    async fn pushes_backlog_then_live_events_and_ends_when_the_client_closes() {
        let dir = tempfile::tempdir().unwrap();
        let sqlite = domain(dir.path()).await;
        let anna = sqlite.create_person("anna", "Anna", "x").await.unwrap().id;
        let bert = sqlite.create_person("bert", "Bert", "x").await.unwrap().id;
        sqlite.append_events(&[anna], &Event::MeChanged).await.unwrap();
        let store = sqlite.clone();

        let (to_client, mut client_rx) = mpsc::channel::<Message>(16);
        let (mut client_tx, from_client) = mpsc::channel::<Result<Message, axum::Error>>(16);
        let options = StreamOptions { ping_every: Duration::from_millis(50), ..StreamOptions::default() };
        let task = tokio::spawn(run(store, anna, None, EventId(0), to_client, from_client, options));

        let first = next_text(&mut client_rx).await;
        assert_eq!(first.event, Event::MeChanged);
        // Someone else's event wakes the stream but sends Anna nothing.
        sqlite.append_events(&[bert], &Event::MeChanged).await.unwrap();
        let changed = Event::ConversationChanged { conversation_id: samtal_core::ConversationId(7) };
        sqlite.append_events(&[anna], &changed).await.unwrap();
        let second = next_text(&mut client_rx).await;
        assert_eq!(second.event, changed);
        assert!(second.id > first.id);

        client_tx.send(Ok(Message::Close(None))).await.unwrap();
        assert_eq!(task.await.unwrap(), StreamEnd::ClientClosed);
    }

    #[tokio::test]
    async fn a_silent_client_is_dropped_after_the_idle_timeout() {
        let dir = tempfile::tempdir().unwrap();
        let sqlite = domain(dir.path()).await;
        let anna = sqlite.create_person("anna", "Anna", "x").await.unwrap().id;
        let (to_client, mut client_rx) = mpsc::channel::<Message>(16);
        let (_client_tx, from_client) = mpsc::channel::<Result<Message, axum::Error>>(16);
        let options =
            StreamOptions { ping_every: Duration::from_millis(20), idle_timeout: Duration::from_millis(60), batch: 10 };
        let task = tokio::spawn(run(sqlite, anna, None, EventId(0), to_client, from_client, options));
        let end = tokio::time::timeout(Duration::from_secs(5), task).await.unwrap().unwrap();
        assert_eq!(end, StreamEnd::Idle);
        let mut saw_ping = false;
        while let Some(frame) = client_rx.next().await {
            saw_ping |= matches!(frame, Message::Ping(_));
            if let Message::Close(Some(frame)) = frame {
                assert_eq!(frame.code, close_code::AWAY);
            }
        }
        assert!(saw_ping);
    }

    #[tokio::test]
    async fn the_stream_closes_when_the_session_ends() {
        let dir = tempfile::tempdir().unwrap();
        let sqlite = domain(dir.path()).await;
        let anna = sqlite.create_person("anna", "Anna", "x").await.unwrap().id;
        sqlite.create_session(anna, "session-hash", i64::MAX, "").await.unwrap();
        let (to_client, mut client_rx) = mpsc::channel::<Message>(16);
        let (mut client_tx, from_client) = mpsc::channel::<Result<Message, axum::Error>>(16);
        let options = StreamOptions { ping_every: Duration::from_millis(20), ..StreamOptions::default() };
        let store = sqlite.clone();
        let session = Some("session-hash".to_owned());
        let task = tokio::spawn(run(store, anna, session, EventId(0), to_client, from_client, options));
        // Still open after a few pings while the session lives.
        for _ in 0..3 {
            let frame = tokio::time::timeout(Duration::from_secs(5), client_rx.next()).await.unwrap().unwrap();
            assert!(matches!(frame, Message::Ping(_)), "{frame:?}");
            client_tx.send(Ok(Message::Pong(Default::default()))).await.unwrap();
        }
        // Gone without an event, as when it expires: the next ping notices.
        let mut tx = sqlite.store().write().await.unwrap();
        tx.delete_session("session-hash").await.unwrap();
        tx.commit().await.unwrap();
        let end = tokio::time::timeout(Duration::from_secs(5), task).await.unwrap().unwrap();
        assert_eq!(end, StreamEnd::SessionEnded);
        let mut close = None;
        while let Some(frame) = client_rx.next().await {
            if let Message::Close(frame) = frame {
                close = frame;
            }
        }
        assert_eq!(close.map(|f| f.code), Some(close_code::POLICY));
    }

    #[test]
    fn a_pushed_frame_is_the_envelope_as_json() {
        let event = Event::ConversationChanged { conversation_id: samtal_core::ConversationId(7) };
        let envelope = EventEnvelope { id: EventId(42), at: 1_700_000_000_000, event: event.clone() };
        let appended = Appended {
            person: PersonId(1),
            id: envelope.id,
            at: envelope.at,
            payload: serde_json::to_string(&event).unwrap().into(),
        };
        assert_eq!(frame(&appended), serde_json::to_string(&envelope).unwrap());
    }

    #[tokio::test]
    async fn a_stream_whose_person_got_nothing_is_not_woken() {
        let dir = tempfile::tempdir().unwrap();
        let sqlite = domain(dir.path()).await;
        let anna = sqlite.create_person("anna", "Anna", "x").await.unwrap().id;
        let bert = sqlite.create_person("bert", "Bert", "x").await.unwrap().id;
        let anna_stream = sqlite.subscribe(anna);
        let bert_stream = sqlite.subscribe(bert);
        sqlite.append_events(&[bert], &Event::MeChanged).await.unwrap();
        let quiet = tokio::time::timeout(Duration::from_millis(50), anna_stream.wake()).await;
        assert!(quiet.is_err(), "Anna's stream woke for Bert's event");
        match tokio::time::timeout(Duration::from_secs(5), bert_stream.wake()).await.unwrap() {
            Wake::Events(events) => assert_eq!(events.iter().map(|e| e.person).collect::<Vec<_>>(), vec![bert]),
            Wake::ReadAgain => {}
        }
    }

    #[test]
    fn origins() {
        let mut h = HeaderMap::new();
        assert!(same_origin(&h, "https://samtal.example"));
        h.insert(header::HOST, "samtal.example".parse().unwrap());
        h.insert(header::ORIGIN, "https://samtal.example".parse().unwrap());
        assert!(same_origin(&h, "http://127.0.0.1:8080"));
        h.insert(header::ORIGIN, "https://evil.example".parse().unwrap());
        assert!(!same_origin(&h, "https://samtal.example"));
        h.insert(header::HOST, "127.0.0.1:8080".parse().unwrap());
        h.insert(header::ORIGIN, "http://localhost:8081".parse().unwrap());
        assert!(same_origin(&h, "http://127.0.0.1:8080"));
        h.insert(header::HOST, "proxy.internal:8080".parse().unwrap());
        h.insert(header::ORIGIN, "https://samtal.example".parse().unwrap());
        assert!(same_origin(&h, "https://samtal.example"));
    }
}
