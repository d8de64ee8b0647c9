//! The live event socket: `GET /api/events?since=<cursor>` as a WebSocket,
//! feeding every event into [`Live`] through [`crate::sync`].
//!
//! Shaped like leptos-use's `use_websocket`: [`start_event_socket`] is called
//! once by the signed-in shell and lives as long as it does (so it stops on
//! sign-out). It remembers the cursor, the id of the last event applied, and
//! every reconnect resumes from it: the server replays what was missed, and
//! the cursor drops anything seen before, so nothing is lost or applied twice.
//! A dropped connection is retried with exponential backoff (0.5 s up to
//! 10 s), at once when the browser says it is back `online`, and
//! [`Live::online`] says whether the socket is connected now.

use leptos::prelude::*;
use leptos::task::spawn_local;
use samtal_core::EventId;
use samtal_core::events::EventEnvelope;
use samtal_core::events::SyncResponse;
use serde::Deserialize;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

use super::{ClientError, Method, read, request};
use crate::state::cache;
use crate::state::{Live, Session, use_live, use_session};
use crate::sync::{self, Cursor};

/// The first reconnect waits this long (milliseconds)…
pub const MIN_BACKOFF_MS: u32 = 500;
/// …doubling with every failed attempt, up to this.
pub const MAX_BACKOFF_MS: u32 = 10_000;
/// Events per `/api/sync` page while looking for the newest cursor.
const SYNC_PAGE: u32 = 1000;
/// The close code the server sends when the session has ended.
const CLOSE_SIGNED_OUT: u16 = 1008;

/// How long to wait before reconnect attempt `attempt` (0 for the first retry).
pub fn backoff_ms(attempt: u32) -> u32 {
    let factor = 1u32.checked_shl(attempt.min(16)).unwrap_or(u32::MAX);
    MIN_BACKOFF_MS.saturating_mul(factor).min(MAX_BACKOFF_MS)
}

/// The socket's address for a page served from `protocol` (`https:` or
/// `http:`) and `host` (with the port): `wss://` for secure pages, else `ws://`.
pub fn events_url(protocol: &str, host: &str, since: i64) -> String {
    let scheme = if protocol.eq_ignore_ascii_case("https:") { "wss:" } else { "ws:" };
    format!("{scheme}//{host}/api/events?since={since}")
}

/// `GET /api/sync?since=`, one page.
pub async fn sync_page(since: EventId, limit: u32) -> Result<SyncResponse, ClientError> {
    let path = format!("/api/sync?since={since}&limit={limit}");
    let response = request(Method::GET, &path).send().await.map_err(|_| ClientError::Network)?;
    read(response).await
}

/// The newest event id of the signed-in person's stream (0 when it is
/// empty), paging through `/api/sync`: where a fresh live connection starts,
/// since everything older is already reflected in what screens fetch.
pub async fn newest_cursor() -> Result<EventId, ClientError> {
    let mut since = EventId(0);
    loop {
        let page = sync_page(since, SYNC_PAGE).await?;
        // A page without progress would loop forever; stop where we are.
        let moved = page.cursor > since;
        since = page.cursor.max(since);
        if !page.has_more || !moved {
            return Ok(since);
        }
    }
}

/// Starts the event socket for the signed-in person, filling the app's
/// [`Live`]. Call once in the signed-in shell: when the shell goes away (sign
/// out), the socket closes and [`Live`] is reset.
pub fn start_event_socket() {
    let live = use_live();
    let session = use_session();
    let conn = StoredValue::new_local(Conn::new(live, session));
    let online = window_event_listener_untyped("online", move |_| back_online(conn));
    let offline = window_event_listener_untyped("offline", move |_| went_offline(conn));
    conn.update_value(|c| c.listeners = vec![online, offline]);
    connect(conn);
    on_cleanup(move || stop(conn));
}

/// The handlers of one socket, kept alive as long as it may call them.
struct Handlers {
    _open: Closure<dyn FnMut(web_sys::Event)>,
    _message: Closure<dyn FnMut(MessageEvent)>,
    _close: Closure<dyn FnMut(CloseEvent)>,
}

/// The connection's state, shared by its callbacks through a local arena slot.
struct Conn {
    live: Live,
    session: Session,
    /// The last event applied, once known.
    cursor: Option<Cursor>,
    socket: Option<WebSocket>,
    handlers: Option<Handlers>,
    /// Counts sockets, so a late callback of an old one is ignored.
    generation: u64,
    /// Whether the current socket has opened.
    opened: bool,
    /// Failed attempts since the last successful connection.
    attempt: u32,
    /// A pending reconnect (`setTimeout` handle).
    timer: Option<i32>,
    /// Looking up the newest cursor right now.
    finding_cursor: bool,
    /// The cursor is the server's newest, found after the screens fetched:
    /// what happened in between does not come through the stream, so once
    /// it opens the conversation list is fetched again.
    catch_up: bool,
    stopped: bool,
    listeners: Vec<WindowListenerHandle>,
}

type ConnRef = StoredValue<Conn, LocalStorage>;

impl Conn {
    fn new(live: Live, session: Session) -> Self {
        Self {
            live,
            session,
            cursor: None,
            socket: None,
            handlers: None,
            generation: 0,
            opened: false,
            attempt: 0,
            timer: None,
            finding_cursor: false,
            catch_up: false,
            stopped: false,
            listeners: Vec::new(),
        }
    }

    /// Closes the current socket without hearing from it again. Its
    /// handlers are dropped on a later tick: this may run inside one of them.
    fn detach(&mut self) {
        if let Some(socket) = self.socket.take() {
            socket.set_onopen(None);
            socket.set_onmessage(None);
            socket.set_onclose(None);
            socket.set_onerror(None);
            let _ = socket.close();
        }
        if let Some(handlers) = self.handlers.take() {
            spawn_local(async move { drop(handlers) });
        }
        self.opened = false;
    }

    fn clear_timer(&mut self) {
        if let (Some(timer), Some(window)) = (self.timer.take(), web_sys::window()) {
            window.clear_timeout_with_handle(timer);
        }
    }
}

/// Connects now: finds the cursor first if it is not known yet.
fn connect(conn: ConnRef) {
    let Some((stopped, cursor, finding)) = conn.try_update_value(|c| {
        c.clear_timer();
        (c.stopped, c.cursor, c.finding_cursor)
    }) else {
        return;
    };
    if stopped || finding {
        return;
    }
    match cursor {
        Some(cursor) => open(conn, cursor),
        None => {
            conn.update_value(|c| c.finding_cursor = true);
            spawn_local(async move {
                // Resume from where the device cache stands, so whatever
                // happened meanwhile (revocations above all) reaches it; a
                // device with no cache starts from the newest event.
                let stored = match cache::device() {
                    Some(device) => device.cursor().await.ok().flatten(),
                    None => None,
                };
                let found = match stored {
                    Some(id) => Ok(id),
                    None => newest_cursor().await,
                };
                let Some((stopped, session)) = conn.try_update_value(|c| {
                    c.finding_cursor = false;
                    (c.stopped, c.session)
                }) else {
                    return;
                };
                if stopped {
                    return;
                }
                match found {
                    Ok(id) => {
                        if stored.is_none()
                            && let Some(device) = cache::device()
                        {
                            cache::write(async move { device.put_cursor(id).await });
                        }
                        let cursor = Cursor::new((id.0 > 0).then_some(id));
                        conn.update_value(|c| {
                            c.cursor = Some(cursor);
                            c.catch_up = stored.is_none();
                        });
                        open(conn, cursor);
                    }
                    Err(error) => {
                        if !session.handle_error(&error) {
                            retry_later(conn);
                        }
                    }
                }
            });
        }
    }
}

/// Opens a socket that resumes after `cursor`.
fn open(conn: ConnRef, cursor: Cursor) {
    let url = match web_sys::window().map(|w| w.location()) {
        Some(location) => {
            let protocol = location.protocol().unwrap_or_default();
            let host = location.host().unwrap_or_default();
            events_url(&protocol, &host, cursor.since())
        }
        None => return,
    };
    let Some(generation) = conn.try_update_value(|c| {
        c.detach();
        c.generation += 1;
        c.generation
    }) else {
        return;
    };
    let socket = match WebSocket::new(&url) {
        Ok(socket) => socket,
        Err(_) => {
            retry_later(conn);
            return;
        }
    };
    let current = move || conn.try_with_value(|c| c.generation == generation && !c.stopped).unwrap_or(false);

    let on_open = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
        if !current() {
            return;
        }
        let opened = conn.try_update_value(|c| {
            c.opened = true;
            c.attempt = 0;
            (c.live, std::mem::take(&mut c.catch_up))
        });
        if let Some((live, catch_up)) = opened {
            live.online.set(true);
            if catch_up {
                live.conversations.update(|n| *n = n.wrapping_add(1));
            }
        }
        // Online again: the server confirms (or withdraws) the organization keys.
        if let Some(device) = cache::device() {
            spawn_local(cache::refresh_keys(device));
        }
    });
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        if !current() {
            return;
        }
        let Some(text) = event.data().as_string() else { return };
        received(conn, &text);
    });
    let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |event: CloseEvent| {
        if !current() {
            return;
        }
        closed(conn, event.code());
    });
    socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    conn.update_value(|c| {
        c.socket = Some(socket);
        c.handlers = Some(Handlers { _open: on_open, _message: on_message, _close: on_close });
    });
}

/// Just the id of an envelope whose event this client does not know yet.
#[derive(Deserialize)]
struct BareEnvelope {
    id: EventId,
}

/// Applies one text frame.
fn received(conn: ConnRef, text: &str) {
    let Some((live, mut cursor)) = conn.try_with_value(|c| (c.live, c.cursor.unwrap_or_default())) else {
        return;
    };
    match serde_json::from_str::<EventEnvelope>(text) {
        Ok(envelope) => {
            let id = envelope.id;
            let effect = sync::cache_effect(&envelope.event);
            if cursor.apply(&live, envelope) {
                cache::keep_event(effect, id);
            }
        }
        Err(error) => {
            // A newer server's event: skip it, but move past it so a
            // reconnect does not fetch it again and again.
            log::warn!("skipping an event this version does not know: {error}");
            if let Ok(bare) = serde_json::from_str::<BareEnvelope>(text) {
                cursor.skip_to(bare.id);
            }
        }
    }
    conn.update_value(|c| c.cursor = Some(cursor));
}

/// The socket closed: go offline and try again later.
fn closed(conn: ConnRef, code: u16) {
    let Some((live, session, never_opened, attempt)) = conn.try_update_value(|c| {
        let never_opened = !c.opened;
        c.socket = None;
        c.opened = false;
        (c.live, c.session, never_opened, c.attempt)
    }) else {
        return;
    };
    live.online.set(false);
    if code == CLOSE_SIGNED_OUT || (never_opened && attempt >= 2) {
        // The server ended the stream because the session did, or the
        // handshake keeps failing: ask who is signed in. Only a clear "nobody"
        // signs out here; being offline must not.
        spawn_local(async move {
            if let Err(error) = super::me().await {
                session.handle_error(&error);
            }
        });
    }
    retry_later(conn);
}

/// Schedules a reconnect after the current backoff.
fn retry_later(conn: ConnRef) {
    let delay = conn.try_update_value(|c| {
        if c.stopped || c.timer.is_some() {
            return None;
        }
        let delay = backoff_ms(c.attempt);
        c.attempt = c.attempt.saturating_add(1);
        Some(delay)
    });
    let (Some(Some(delay)), Some(window)) = (delay, web_sys::window()) else {
        return;
    };
    let callback = Closure::once_into_js(move || {
        conn.try_update_value(|c| c.timer = None);
        connect(conn);
    });
    if let Ok(timer) = window.set_timeout_with_callback_and_timeout_and_arguments_0(
        callback.unchecked_ref(),
        delay.min(i32::MAX as u32) as i32,
    ) {
        conn.update_value(|c| c.timer = Some(timer));
    }
}

/// The browser is back online: reconnect now, with a fresh backoff.
fn back_online(conn: ConnRef) {
    // A socket made while offline may hang in "connecting": start afresh
    // unless one is open.
    let idle = conn.try_update_value(|c| {
        c.attempt = 0;
        !c.opened
    });
    if idle == Some(true) {
        connect(conn);
    }
}

/// The browser lost the network: don't wait for the socket to notice.
fn went_offline(conn: ConnRef) {
    let Some(live) = conn.try_update_value(|c| {
        c.detach();
        c.live
    }) else {
        return;
    };
    live.online.set(false);
    retry_later(conn);
}

/// Stops for good (sign-out): closes the socket and forgets what was received.
fn stop(conn: ConnRef) {
    let Some((live, listeners)) = conn.try_update_value(|c| {
        c.stopped = true;
        c.clear_timer();
        c.detach();
        (c.live, std::mem::take(&mut c.listeners))
    }) else {
        return;
    };
    for listener in listeners {
        listener.remove();
    }
    live.reset();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_half_a_second_to_ten() {
        let delays: Vec<u32> = (0..8).map(backoff_ms).collect();
        assert_eq!(delays, [500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
        assert_eq!(backoff_ms(u32::MAX), MAX_BACKOFF_MS);
    }

    #[test]
    fn the_socket_follows_the_pages_scheme() {
        assert_eq!(events_url("https:", "samtal.example", 42), "wss://samtal.example/api/events?since=42");
        assert_eq!(events_url("http:", "127.0.0.1:8080", 0), "ws://127.0.0.1:8080/api/events?since=0");
    }
}
