//! What can go wrong talking to the server, in words a person can read.

use std::fmt;

use samtal_core::ErrorCode;
use serde::Deserialize;

use crate::i18n::{Lang, Texts};

/// The language of the sentences in the server's error bodies.
const SERVER_LANG: Lang = Lang::En;

/// A failed API call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientError {
    /// The server refused the request with an error body (or a status that means one).
    Api {
        /// HTTP status.
        status: u16,
        /// The error code, when it is one this client knows.
        code: Option<ErrorCode>,
        /// The server's sentence for this case (may be empty).
        message: String,
    },
    /// No answer: offline, the server is down, or the request was aborted.
    Network,
    /// An answer this client could not read.
    Unreadable {
        /// HTTP status of the answer.
        status: u16,
    },
}

/// `{"error": {"code", "message"}}`, read loosely: a code this client does not
/// know yet still carries a sentence worth showing.
#[derive(Deserialize)]
struct LooseBody {
    error: LooseError,
}

#[derive(Deserialize)]
struct LooseError {
    code: String,
    #[serde(default)]
    message: String,
}

impl ClientError {
    /// Reads an error answer: the status and the body text as received.
    pub fn from_response(status: u16, body: &str) -> Self {
        if let Ok(LooseBody { error }) = serde_json::from_str::<LooseBody>(body) {
            let code = serde_json::from_value::<ErrorCode>(serde_json::Value::String(error.code)).ok();
            return ClientError::Api { status, code, message: error.message };
        }
        // Not our error format (a proxy's page, an empty body): the status still says enough.
        let code = match status {
            401 => Some(ErrorCode::Unauthenticated),
            403 => Some(ErrorCode::Forbidden),
            404 => Some(ErrorCode::NotFound),
            413 => Some(ErrorCode::PayloadTooLarge),
            429 => Some(ErrorCode::RateLimited),
            _ => None,
        };
        match code {
            Some(code) => ClientError::Api { status, code: Some(code), message: String::new() },
            None => ClientError::Unreadable { status },
        }
    }

    /// The error code, if the server sent one this client knows.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ClientError::Api { code, .. } => *code,
            _ => None,
        }
    }

    /// Whether the session is gone and the person has to sign in again.
    pub fn is_unauthenticated(&self) -> bool {
        self.code() == Some(ErrorCode::Unauthenticated)
    }

    /// A sentence to show the person, in English: for logs and tests.
    /// Screens use [`ClientError::human_in`] with the language in use.
    pub fn human(&self) -> String {
        self.human_in(Lang::En)
    }

    /// A sentence to show the person, in `lang`.
    pub fn human_in(&self, lang: Lang) -> String {
        let t = Texts::of(lang).common;
        match self {
            // The server's wording is for people, except that internal errors
            // get the one reassuring sentence whatever the server said.
            ClientError::Api { code: Some(ErrorCode::Internal), .. } => ErrorCode::Internal.human_in(lang).to_owned(),
            // The server writes its sentences in English: in another language
            // the code's own sentence says it in the person's words.
            ClientError::Api { code: Some(code), .. } if lang != SERVER_LANG => code.human_in(lang).to_owned(),
            // A code this client does not know has only the server's sentence,
            // which says more than a status would, even in another language.
            ClientError::Api { message, .. } if !message.trim().is_empty() => message.trim().to_owned(),
            ClientError::Api { code: Some(code), .. } => code.human_in(lang).to_owned(),
            ClientError::Api { status, .. } | ClientError::Unreadable { status } if *status >= 500 => {
                (t.error_server_problem)(*status)
            }
            ClientError::Api { status, .. } => (t.error_refused)(*status),
            ClientError::Unreadable { .. } => t.error_unreadable.to_owned(),
            ClientError::Network => t.error_network.to_owned(),
        }
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.human())
    }
}

impl std::error::Error for ClientError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_servers_sentence_is_shown() {
        let body = r#"{"error":{"code":"invalid_credentials","message":"The name or password is wrong."}}"#;
        let err = ClientError::from_response(401, body);
        assert_eq!(err.code(), Some(ErrorCode::InvalidCredentials));
        assert_eq!(err.human(), "The name or password is wrong.");
        assert!(!err.is_unauthenticated());
    }

    #[test]
    fn an_empty_message_falls_back_to_the_codes_sentence() {
        let err = ClientError::from_response(409, r#"{"error":{"code":"handle_taken","message":" "}}"#);
        assert_eq!(err.human(), ErrorCode::HandleTaken.human());
    }

    #[test]
    fn an_unknown_code_keeps_its_sentence() {
        let err = ClientError::from_response(422, r#"{"error":{"code":"brand_new_rule","message":"Not today."}}"#);
        assert_eq!(err.code(), None);
        assert_eq!(err.human(), "Not today.");
    }

    #[test]
    fn internal_errors_never_leak_detail() {
        let body = r#"{"error":{"code":"internal","message":"database is locked"}}"#;
        assert_eq!(ClientError::from_response(500, body).human(), ErrorCode::Internal.human());
    }

    #[test]
    fn bodies_that_are_not_ours_are_read_from_the_status() {
        assert!(ClientError::from_response(401, "").is_unauthenticated());
        let gateway = ClientError::from_response(502, "<html>Bad Gateway</html>");
        assert_eq!(gateway, ClientError::Unreadable { status: 502 });
        assert!(gateway.human().contains("502"), "{}", gateway.human());
        assert!(ClientError::from_response(418, "teapot").human().contains("could not read"));
    }

    #[test]
    fn network_failures_say_what_to_do() {
        assert!(ClientError::Network.human().contains("Check your connection"));
        assert!(ClientError::Network.human_in(Lang::Sv).contains("Kontrollera din anslutning"));
    }

    #[test]
    fn in_swedish_the_codes_sentence_replaces_the_servers() {
        let body = r#"{"error":{"code":"invalid_credentials","message":"The name or password is wrong."}}"#;
        let err = ClientError::from_response(401, body);
        assert_eq!(err.human_in(Lang::Sv), ErrorCode::InvalidCredentials.human_in(Lang::Sv));
        assert_eq!(err.human_in(Lang::En), "The name or password is wrong.");
        let gateway = ClientError::from_response(502, "<html>Bad Gateway</html>");
        assert!(gateway.human_in(Lang::Sv).contains("fel 502"), "{}", gateway.human_in(Lang::Sv));
    }
}
