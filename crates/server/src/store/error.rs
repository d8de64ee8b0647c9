//! [`StoreError`]: what a store operation can fail with, in data terms.
//!
//! No HTTP status and no error code lives here: the domain layer decides
//! what a violated constraint means to the person asking.

/// A constraint the schema enforces, named the same way by every backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Constraint {
    /// `persons.handle` is unique.
    PersonHandle,
    /// `orgs.domain` is unique.
    OrgDomain,
    /// A directory's work e-mails are unique within the organization.
    DirectoryEmail,
    /// A directory's aliases are unique within the organization.
    DirectoryAlias,
    /// `(conversation, sender, client_id)` is unique: one message per retry key.
    MessageClientId,
    /// An attachment is in at most one message.
    MessageAttachment,
    /// `conversations.chat_key` is unique: one chat per pair.
    ChatKey,
    /// A SCIM `userName` is unique in its organization, case-insensitively.
    ScimUserName,
    /// Another unique constraint, by the backend's name for it.
    OtherUnique,
    /// A foreign key points at a row that does not exist.
    ForeignKey,
}

/// A failed store operation.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique or foreign-key constraint refused the write. The
    /// transaction is spoilt (PostgreSQL aborts it): drop it, and start
    /// another to read what won.
    #[error("constraint violated: {0:?}")]
    Violation(Constraint),
    /// A stored value could not be read back (a bad enum tag, unreadable JSON).
    #[error("corrupt stored value: {0}")]
    Corrupt(String),
    /// The database itself failed: connection, I/O, a bug in a query.
    #[error("database: {0}")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl StoreError {
    /// The violated constraint, if that is what this is.
    pub fn violation(&self) -> Option<Constraint> {
        match self {
            StoreError::Violation(c) => Some(*c),
            _ => None,
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}

/// The result of a store operation.
pub type StoreResult<T> = Result<T, StoreError>;

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e {
            // PostgreSQL names the constraint; SQLite says which columns
            // ("UNIQUE constraint failed: persons.handle").
            let what = db.constraint().map(str::to_owned).unwrap_or_else(|| db.message().to_owned());
            if db.is_unique_violation() {
                return StoreError::Violation(unique_constraint(&what));
            }
            if db.is_foreign_key_violation() {
                return StoreError::Violation(Constraint::ForeignKey);
            }
        }
        StoreError::Backend(Box::new(e))
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        StoreError::Backend(Box::new(e))
    }
}

/// Which unique constraint a backend's description names. The PostgreSQL
/// schema names its constraints after the columns, SQLite lists them.
fn unique_constraint(what: &str) -> Constraint {
    const KNOWN: &[(&[&str], Constraint)] = &[
        (&["persons.handle", "persons_handle"], Constraint::PersonHandle),
        (&["orgs.domain", "orgs_domain"], Constraint::OrgDomain),
        (&["directory_entries.email", "directory_entries_email"], Constraint::DirectoryEmail),
        (&["directory_entries.alias", "directory_entries_alias"], Constraint::DirectoryAlias),
        (&["messages.client_id", "messages_client_id"], Constraint::MessageClientId),
        (&["messages.attachment_id", "messages_attachment"], Constraint::MessageAttachment),
        (&["conversations.chat_key", "conversations_chat_key"], Constraint::ChatKey),
        (&["scim_users.user_key", "scim_users_user_key"], Constraint::ScimUserName),
    ];
    KNOWN.iter().find(|(names, _)| names.iter().any(|n| what.contains(n))).map_or(Constraint::OtherUnique, |(_, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_constraints_in_both_spellings() {
        assert_eq!(unique_constraint("UNIQUE constraint failed: persons.handle"), Constraint::PersonHandle);
        assert_eq!(unique_constraint("persons_handle_key"), Constraint::PersonHandle);
        assert_eq!(
            unique_constraint("UNIQUE constraint failed: directory_entries.org_id, directory_entries.alias"),
            Constraint::DirectoryAlias
        );
        assert_eq!(
            unique_constraint(
                "UNIQUE constraint failed: messages.conversation_id, messages.sender_id, messages.client_id"
            ),
            Constraint::MessageClientId
        );
        assert_eq!(unique_constraint("messages_client_id_key"), Constraint::MessageClientId);
        assert_eq!(unique_constraint("sessions_pkey"), Constraint::OtherUnique);
    }
}
