//! Id newtypes: a person id can't be passed where a conversation id is meant.
//!
//! Ids are positive 64-bit integers assigned by the server's database and
//! travel as JSON numbers.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

macro_rules! id_newtype {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }

        impl From<i64> for $name {
            fn from(v: i64) -> Self {
                $name(v)
            }
        }
    };
}

id_newtype!(
    /// A personal account.
    PersonId
);
id_newtype!(
    /// An organization (tenant).
    OrgId
);
id_newtype!(
    /// An entry in an organization's directory, linked to a person or not yet.
    DirectoryEntryId
);
id_newtype!(
    /// A chat or a group.
    ConversationId
);
id_newtype!(
    /// A message, unique across conversations.
    MessageId
);
id_newtype!(
    /// An uploaded file (image, video, audio) belonging to a message.
    AttachmentId
);
id_newtype!(
    /// A position in a person's event stream: the cursor of `/api/sync?since=`.
    EventId
);
id_newtype!(
    /// An entry of an organization's audit log.
    AuditId
);
id_newtype!(
    /// A bearer token an organization's identity provider provisions its directory with (SCIM).
    ScimTokenId
);
