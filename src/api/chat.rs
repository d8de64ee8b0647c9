//! The calls of the Chat screen: a conversation's profile and messages,
//! sending (idempotent by `client_id`), read markers, attachments (uploaded
//! with progress) and forwarding.

use samtal_core::api::{Attachment, ConversationDetail, Done, MarkRead, Message, MessagePage, Profile, SendMessage};
use samtal_core::{ConversationId, MessageId, PersonId};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{File, ProgressEvent, XmlHttpRequest};

use super::{CSRF_HEADER, ClientError, Method, get, json_request, send};

/// Messages in one page of the Chat screen.
pub const PAGE_SIZE: u32 = 50;

/// `GET /api/conversations/{id}`: the conversation with its members, owner
/// and the viewer's `capabilities`.
pub async fn conversation(id: ConversationId) -> Result<ConversationDetail, ClientError> {
    get(&format!("/api/conversations/{id}")).await
}

/// The path of a page of messages: the newest ones, or those just `before` a seq.
pub fn messages_path(id: ConversationId, before: Option<i64>, limit: u32) -> String {
    match before {
        Some(seq) => format!("/api/conversations/{id}/messages?before={seq}&limit={limit}"),
        None => format!("/api/conversations/{id}/messages?limit={limit}"),
    }
}

/// `GET /api/conversations/{id}/messages`: the newest page, or the page just
/// before seq `before` (scrolling up). Oldest first, with every read marker.
pub async fn messages(id: ConversationId, before: Option<i64>) -> Result<MessagePage, ClientError> {
    get(&messages_path(id, before, PAGE_SIZE)).await
}

/// `POST /api/conversations/{id}/messages`. Sending again with the same
/// `client_id` answers with the message stored the first time.
pub async fn send_message(id: ConversationId, body: &SendMessage) -> Result<Message, ClientError> {
    send(json_request(Method::POST, &format!("/api/conversations/{id}/messages"), body)?).await
}

/// Forwards `message` into the conversation `target` (rule 8 decides), with
/// the forwarder's `comment` above it if there is one.
pub async fn forward(
    target: ConversationId,
    message: MessageId,
    comment: Option<String>,
    client_id: String,
) -> Result<Message, ClientError> {
    let body = SendMessage { text: comment, client_id, forward_of: Some(message), attachment_id: None, reply_to: None };
    send_message(target, &body).await
}

/// `POST /api/conversations/{id}/read`: the viewer has read up to `seq`.
pub async fn mark_read(id: ConversationId, seq: i64) -> Result<(), ClientError> {
    send::<Done>(json_request(Method::POST, &format!("/api/conversations/{id}/read"), &MarkRead { seq })?)
        .await
        .map(|_| ())
}

/// `GET /api/people/{id}`: a person's profile, with the directory attributes
/// the viewer may see.
pub async fn person(id: PersonId) -> Result<Profile, ClientError> {
    get(&format!("/api/people/{id}")).await
}

/// A fresh idempotency key for a send: the time and two random words. A
/// retry reuses it, so the server stores the message once.
pub fn new_client_id() -> String {
    let now = js_sys::Date::now() as u64;
    let word = || (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
    format!("web-{now:x}-{:08x}{:08x}", word(), word())
}

/// How far an upload has come, in percent (0–100).
pub fn percent(loaded: f64, total: f64) -> u8 {
    if total <= 0.0 || !loaded.is_finite() || !total.is_finite() {
        return 0;
    }
    (loaded / total * 100.0).clamp(0.0, 100.0) as u8
}

/// `POST /api/conversations/{id}/attachments?name=`: uploads `file` (not sent
/// yet; send a message with its `attachment_id`). `on_progress` hears the
/// percentage as the bytes go up.
///
/// Uses `XMLHttpRequest`, the one browser API that reports upload progress.
pub async fn upload_attachment(
    id: ConversationId,
    file: &File,
    on_progress: impl Fn(u8) + 'static,
) -> Result<Attachment, ClientError> {
    let name = String::from(js_sys::encode_uri_component(&file.name()));
    let path = format!("/api/conversations/{id}/attachments?name={name}");
    let xhr = XmlHttpRequest::new().map_err(|_| ClientError::Network)?;
    xhr.open_with_async("POST", &path, true).map_err(|_| ClientError::Network)?;
    let mime = file.type_();
    let headers = [(CSRF_HEADER, "1"), ("Accept", "application/json"), ("Content-Type", mime.as_str())];
    for (header, value) in headers {
        if !value.is_empty() {
            xhr.set_request_header(header, value).map_err(|_| ClientError::Network)?;
        }
    }
    let progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |event: ProgressEvent| {
        if event.length_computable() {
            on_progress(percent(event.loaded(), event.total()));
        }
    });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    }
    let finished = js_sys::Promise::new(&mut |resolve, reject| {
        xhr.set_onload(Some(&resolve));
        xhr.set_onerror(Some(&reject));
        xhr.set_onabort(Some(&reject));
        xhr.set_ontimeout(Some(&reject));
    });
    xhr.send_with_opt_blob(Some(file)).map_err(|_| ClientError::Network)?;
    let outcome = wasm_bindgen_futures::JsFuture::from(finished).await;
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(None);
    }
    drop(progress);
    if outcome.is_err() {
        return Err(ClientError::Network);
    }
    let status = xhr.status().unwrap_or(0);
    let body = xhr.response_text().ok().flatten().unwrap_or_default();
    if (200..300).contains(&status) {
        serde_json::from_str(&body).map_err(|_| ClientError::Unreadable { status })
    } else if status == 0 {
        Err(ClientError::Network)
    } else {
        Err(ClientError::from_response(status, &body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_the_newest_or_just_before_a_seq() {
        let id = ConversationId(4);
        assert_eq!(messages_path(id, None, 50), "/api/conversations/4/messages?limit=50");
        assert_eq!(messages_path(id, Some(51), 50), "/api/conversations/4/messages?before=51&limit=50");
    }

    #[test]
    fn progress_is_a_clamped_percentage() {
        assert_eq!(percent(0.0, 0.0), 0);
        assert_eq!(percent(50.0, 200.0), 25);
        assert_eq!(percent(300.0, 200.0), 100);
        assert_eq!(percent(f64::NAN, 200.0), 0);
    }
}
