//! The signed-in person's own account: the linked work account, the
//! missed-message e-mail setting, the language, the personal export, sessions
//! and the password.

use samtal_core::api::{
    CacheKeys, Done, EmailSettings, EndedSessions, LanguageChoice, Me, PasswordChange, SessionInfo, WorkAccountLogin,
};
use samtal_core::identity::{StartWorkSignIn, WorkSignInRedirect};

use super::{ClientError, Method, json_request, request, send};
use crate::i18n::{Lang, Texts};

/// Where the personal export (rule 11) downloads from: a JSON file the
/// server sends as an attachment, so a plain link with `download` saves it.
pub const EXPORT_PATH: &str = "/api/me/export";

/// The missed-message delays a person can pick, in minutes.
pub const EMAIL_DELAYS: [u32; 5] = [5, 15, 30, 60, 240];

/// `POST /api/me/work-account`: signs in to the work account of a directory
/// entry; the answer is the person's new `Me`.
pub async fn sign_in_to_work_account(body: &WorkAccountLogin) -> Result<Me, ClientError> {
    send(json_request(Method::POST, "/api/me/work-account", body)?).await
}

/// `POST /api/me/work-account/oidc`: starts signing in to a work account
/// at the identity provider of the organization the e-mail's domain names;
/// the answer says where to send the browser.
pub async fn start_work_sign_in(email: &str) -> Result<WorkSignInRedirect, ClientError> {
    let body = StartWorkSignIn { email: email.to_owned() };
    send(json_request(Method::POST, "/api/me/work-account/oidc", &body)?).await
}

/// `DELETE /api/me/work-account`: signs out of the work account, leaving its
/// organization (rule 10); the answer is the person's new `Me`.
pub async fn sign_out_of_work_account() -> Result<Me, ClientError> {
    let request = request(Method::DELETE, "/api/me/work-account").build().map_err(|_| ClientError::Network)?;
    send(request).await
}

/// `GET /api/me/cache-keys`: the keys of the organization caches the person
/// may keep on this device now (rule 13).
pub async fn cache_keys() -> Result<CacheKeys, ClientError> {
    super::get("/api/me/cache-keys").await
}

/// `PUT /api/me/email-settings`: the missed-message e-mail setting (rule 12).
pub async fn set_email_settings(settings: &EmailSettings) -> Result<EmailSettings, ClientError> {
    send(json_request(Method::PUT, "/api/me/email-settings", settings)?).await
}

/// `PUT /api/me/language`: the language kept with the account, or none for
/// each browser's own; the answer is the choice as stored.
pub async fn set_language(language: Option<Lang>) -> Result<LanguageChoice, ClientError> {
    send(json_request(Method::PUT, "/api/me/language", &LanguageChoice { language })?).await
}

/// `GET /api/me/sessions`: the browsers signed in as the person.
pub async fn sessions() -> Result<Vec<SessionInfo>, ClientError> {
    super::get("/api/me/sessions").await
}

/// `DELETE /api/me/sessions/{id}`: ends one session.
pub async fn end_session(id: &str) -> Result<(), ClientError> {
    let path = format!("/api/me/sessions/{}", js_sys::encode_uri_component(id));
    let request = request(Method::DELETE, &path).build().map_err(|_| ClientError::Network)?;
    send::<Done>(request).await.map(|_| ())
}

/// `POST /api/me/sessions/end-others`: ends every other session.
pub async fn end_other_sessions() -> Result<EndedSessions, ClientError> {
    let request = request(Method::POST, "/api/me/sessions/end-others").build().map_err(|_| ClientError::Network)?;
    send(request).await
}

/// `PUT /api/me/password`: changes the password, ending every other session.
pub async fn change_password(body: &PasswordChange) -> Result<EndedSessions, ClientError> {
    send(json_request(Method::PUT, "/api/me/password", body)?).await
}

/// A delay in words, like "15 minutes" or "4 hours".
pub fn delay_label(minutes: u32, t: &'static Texts) -> String {
    match minutes {
        m if m >= 60 && m % 60 == 0 => (t.me.hours)(m / 60),
        m => (t.me.minutes)(m),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_read_as_people_say_them() {
        let t = Texts::of(Lang::En);
        let labels: Vec<String> = EMAIL_DELAYS.iter().map(|m| delay_label(*m, t)).collect();
        assert_eq!(labels, ["5 minutes", "15 minutes", "30 minutes", "1 hour", "4 hours"]);
        assert_eq!(delay_label(1, t), "1 minute");
        assert_eq!(delay_label(90, t), "90 minutes");
        let sv = Texts::of(Lang::Sv);
        assert_eq!(delay_label(60, sv), "1 timme");
        assert_eq!(delay_label(240, sv), "4 timmar");
    }
}
