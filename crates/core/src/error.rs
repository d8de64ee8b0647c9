//! The one error-code enum every API error is drawn from.
//!
//! On the wire an error is `{"error": {"code": "snake_case_code", "message": "human text"}}`.
//! The server picks the code and may word the message for the case at hand;
//! the client shows [`ErrorCode::human`] when it has nothing better.

use serde::{Deserialize, Serialize};

/// Why a request was refused. Serialized as `snake_case`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// The body is not valid JSON, or not the JSON the endpoint expects.
    InvalidJson,
    /// A field is missing, empty, too long or otherwise malformed.
    InvalidInput,
    /// The request body exceeds the endpoint's size limit.
    PayloadTooLarge,
    /// The uploaded file's type is not one Samtal accepts.
    UnsupportedMediaType,
    /// No valid session: sign in first.
    Unauthenticated,
    /// Wrong handle or password, or wrong work e-mail or password.
    InvalidCredentials,
    /// A state-changing request without the `X-Samtal-Request: 1` header.
    Csrf,
    /// The viewer's role does not allow this.
    Forbidden,
    /// The conversation's effective policy forbids this (copy, forward, share).
    PolicyForbids,
    /// The conversation requires being signed in to a work account.
    WorkSigninRequired,
    /// The organization has disabled Samtal; its conversations are closed.
    OrgDisabled,
    /// The thing does not exist, or the viewer may not know it exists.
    NotFound,
    /// The handle is already taken.
    HandleTaken,
    /// A directory entry with this e-mail or alias already exists.
    DirectoryEntryExists,
    /// The person is already a member of the conversation.
    AlreadyMember,
    /// The request conflicts with the current state.
    Conflict,
    /// A private chat can never become an organization chat (rule 2).
    PrivateChatCannotConvert,
    /// The group is already owned by an organization.
    AlreadyOrgOwned,
    /// The operation needs the viewer to be signed in to a work account.
    WorkAccountRequired,
    /// The two people are not in the same organization's directory (rule 1).
    NotInDirectory,
    /// The target must be a saved contact first (rule 2).
    NotAContact,
    /// Policies only exist on organization conversations (rule 7).
    PoliciesNeedOrgConversation,
    /// Another product rule forbids this; the message says which.
    RuleViolation,
    /// Too many requests in a short time.
    RateLimited,
    /// Only the person who sent a message may do this to it.
    NotYourMessage,
    /// The time to edit or delete the message has passed (or the policy allows none).
    WindowClosed,
    /// The message was deleted for everyone.
    MessageDeleted,
    /// The viewer is no longer a member of the conversation.
    NotAMember,
    /// Something went wrong on the server; nothing was changed.
    Internal,
}

impl ErrorCode {
    /// The HTTP status the server answers with for this code.
    pub fn http_status(self) -> u16 {
        use ErrorCode::*;
        match self {
            InvalidJson | InvalidInput => 400,
            Unauthenticated | InvalidCredentials => 401,
            Csrf | Forbidden | PolicyForbids | WorkSigninRequired | OrgDisabled | NotYourMessage | WindowClosed
            | MessageDeleted | NotAMember => 403,
            NotFound => 404,
            HandleTaken | DirectoryEntryExists | AlreadyMember | Conflict | AlreadyOrgOwned => 409,
            PayloadTooLarge => 413,
            UnsupportedMediaType => 415,
            PrivateChatCannotConvert
            | WorkAccountRequired
            | NotInDirectory
            | NotAContact
            | PoliciesNeedOrgConversation
            | RuleViolation => 422,
            RateLimited => 429,
            Internal => 500,
        }
    }

    /// A sentence a person can read, for when the server sent no better one.
    pub fn human(self) -> &'static str {
        self.human_in(crate::Lang::En)
    }

    /// [`ErrorCode::human`] in `lang`.
    pub fn human_in(self, lang: crate::Lang) -> &'static str {
        match lang {
            crate::Lang::En => self.english(),
            crate::Lang::Sv => self.swedish(),
        }
    }

    fn swedish(self) -> &'static str {
        use ErrorCode::*;
        match self {
            InvalidJson => "Begäran gick inte att läsa.",
            InvalidInput => "Något av det du skrev är inte giltigt.",
            PayloadTooLarge => "Det är för stort för att skickas.",
            UnsupportedMediaType => "Den sortens fil går inte att skicka. Skicka en bild, en video eller ljud.",
            Unauthenticated => "Logga in.",
            InvalidCredentials => "Namnet eller lösenordet är fel.",
            Csrf => "Begäran stoppades för din säkerhet. Ladda om sidan och försök igen.",
            Forbidden => "Du får inte göra det.",
            PolicyForbids => "Din organisations policy tillåter inte det i den här konversationen.",
            WorkSigninRequired => "Logga in på ditt jobbkonto för att öppna den här konversationen.",
            OrgDisabled => "Organisationen har stängt av Samtal. Dess konversationer är stängda.",
            NotFound => "Det gick inte att hitta.",
            HandleTaken => "Det användarnamnet är redan upptaget.",
            DirectoryEntryExists => "Någon i katalogen har redan den e-postadressen eller det aliaset.",
            AlreadyMember => "Personen är redan med i konversationen.",
            Conflict => "Det ändrades under tiden. Försök igen.",
            PrivateChatCannotConvert => "En privat chatt kan aldrig bli en organisationschatt.",
            AlreadyOrgOwned => "Gruppen tillhör redan en organisation.",
            WorkAccountRequired => "Logga in på ditt jobbkonto först.",
            NotInDirectory => "Personen finns inte i din organisations katalog.",
            NotAContact => "Spara personen som kontakt först.",
            PoliciesNeedOrgConversation => "Bara organisationskonversationer har policyer.",
            RuleViolation => "Det är inte tillåtet.",
            RateLimited => "För många försök. Vänta en stund och försök igen.",
            NotYourMessage => "Bara den som skickade meddelandet kan göra det.",
            WindowClosed => "Tiden för att ändra eller ta bort meddelandet har gått ut.",
            MessageDeleted => "Meddelandet har tagits bort.",
            NotAMember => "Du är inte längre med i konversationen.",
            Internal => "Något gick fel hos oss. Inget ändrades; försök igen.",
        }
    }

    fn english(self) -> &'static str {
        use ErrorCode::*;
        match self {
            InvalidJson => "The request could not be read.",
            InvalidInput => "Some of what was entered is not valid.",
            PayloadTooLarge => "That is too large to send.",
            UnsupportedMediaType => "That kind of file can't be sent. Send an image, a video or audio.",
            Unauthenticated => "Please sign in.",
            InvalidCredentials => "The name or password is wrong.",
            Csrf => "The request was refused for your safety. Reload the page and try again.",
            Forbidden => "You are not allowed to do that.",
            PolicyForbids => "Your organization's policy does not allow that in this conversation.",
            WorkSigninRequired => "Sign in to your work account to open this conversation.",
            OrgDisabled => "This organization has turned Samtal off. Its conversations are closed.",
            NotFound => "That could not be found.",
            HandleTaken => "That handle is already taken.",
            DirectoryEntryExists => "Someone in the directory already has that e-mail or alias.",
            AlreadyMember => "That person is already in the conversation.",
            Conflict => "That changed in the meantime. Try again.",
            PrivateChatCannotConvert => "A private chat can never become an organization chat.",
            AlreadyOrgOwned => "This group already belongs to an organization.",
            WorkAccountRequired => "Sign in to your work account first.",
            NotInDirectory => "That person is not in your organization's directory.",
            NotAContact => "Save the person as a contact first.",
            PoliciesNeedOrgConversation => "Only organization conversations have policies.",
            RuleViolation => "That is not allowed.",
            RateLimited => "Too many attempts. Wait a moment and try again.",
            NotYourMessage => "Only the person who sent the message can do that.",
            WindowClosed => "The time to edit or delete this message has passed.",
            MessageDeleted => "This message was deleted.",
            NotAMember => "You are no longer in this conversation.",
            Internal => "Something went wrong on our side. Nothing was changed; try again.",
        }
    }
}

/// The body of every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// The error itself.
    pub error: ApiError,
}

/// An error as it crosses the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[error("{message} ({code:?})")]
pub struct ApiError {
    /// What went wrong, as a machine-readable code.
    pub code: ErrorCode,
    /// What went wrong, for a person.
    pub message: String,
}

impl ApiError {
    /// An error with the code's default sentence.
    pub fn new(code: ErrorCode) -> Self {
        Self { code, message: code.human().to_owned() }
    }

    /// An error with a sentence for this case.
    pub fn with_message(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into() }
    }
}

impl From<ErrorCode> for ApiError {
    fn from(code: ErrorCode) -> Self {
        Self::new(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_snake_case_on_the_wire() {
        let body = ErrorBody { error: ApiError::new(ErrorCode::PrivateChatCannotConvert) };
        let json = serde_json::to_value(&body).unwrap_or_default();
        assert_eq!(json["error"]["code"], "private_chat_cannot_convert");
        assert_eq!(ErrorCode::PrivateChatCannotConvert.http_status(), 422);
    }

    #[test]
    fn only_internal_is_a_server_error() {
        use ErrorCode::*;
        let all = [
            InvalidJson,
            InvalidInput,
            PayloadTooLarge,
            UnsupportedMediaType,
            Unauthenticated,
            InvalidCredentials,
            Csrf,
            Forbidden,
            PolicyForbids,
            WorkSigninRequired,
            OrgDisabled,
            NotFound,
            HandleTaken,
            DirectoryEntryExists,
            AlreadyMember,
            Conflict,
            PrivateChatCannotConvert,
            AlreadyOrgOwned,
            WorkAccountRequired,
            NotInDirectory,
            NotAContact,
            PoliciesNeedOrgConversation,
            RuleViolation,
            RateLimited,
            NotYourMessage,
            WindowClosed,
            MessageDeleted,
            NotAMember,
            Internal,
        ];
        for code in all {
            let status = code.http_status();
            assert_eq!(status >= 500, code == Internal, "{code:?}");
            assert!(!code.human().is_empty());
            // Every sentence is written for Swedish too, not left in English.
            assert_ne!(code.human_in(crate::Lang::Sv), code.human(), "{code:?}");
        }
    }
}
