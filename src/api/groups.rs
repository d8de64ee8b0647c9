//! Starting chats and groups, and a conversation's profile and membership
//! (`/api/conversations/…`).

use samtal_core::api::{AddMember, ConversationDetail, CreateChat, CreateGroup, Done, Scope};
use samtal_core::{ConversationId, DirectoryEntryId, GroupPolicies, PersonId};

use super::people::call;
use super::{ClientError, Method, json_request, send};

/// `POST /api/conversations/chats` with a saved contact: their private chat
/// (the existing one, when there is one).
pub async fn start_private_chat(person_id: PersonId) -> Result<ConversationDetail, ClientError> {
    let body = CreateChat { person_id: Some(person_id), directory_entry_id: None, scope: Scope::Private };
    send(json_request(Method::POST, "/api/conversations/chats", &body)?).await
}

/// `POST /api/conversations/chats` with a directory entry: the organization
/// chat with them (the existing one, when there is one).
pub async fn start_org_chat(entry: DirectoryEntryId) -> Result<ConversationDetail, ClientError> {
    let body = CreateChat { person_id: None, directory_entry_id: Some(entry), scope: Scope::Org };
    send(json_request(Method::POST, "/api/conversations/chats", &body)?).await
}

/// `POST /api/conversations/groups`: a private group with the person as its admin.
pub async fn create_group(title: &str, member_ids: Vec<PersonId>) -> Result<ConversationDetail, ClientError> {
    let body = CreateGroup { title: title.to_owned(), member_ids };
    send(json_request(Method::POST, "/api/conversations/groups", &body)?).await
}

/// `POST /api/conversations/{id}/members`: adds a person or a directory entry.
pub async fn add_member(id: ConversationId, member: &AddMember) -> Result<ConversationDetail, ClientError> {
    send(json_request(Method::POST, &format!("/api/conversations/{id}/members"), member)?).await
}

/// `DELETE /api/conversations/{id}/members/{person_id}`.
pub async fn remove_member(id: ConversationId, person_id: PersonId) -> Result<ConversationDetail, ClientError> {
    call(Method::DELETE, &format!("/api/conversations/{id}/members/{person_id}")).await
}

/// `DELETE /api/conversations/{id}/members/entries/{directory_entry_id}`: a
/// member added through the directory who is not on Samtal yet.
pub async fn remove_entry_member(
    id: ConversationId,
    entry: DirectoryEntryId,
) -> Result<ConversationDetail, ClientError> {
    call(Method::DELETE, &format!("/api/conversations/{id}/members/entries/{entry}")).await
}

/// `POST /api/conversations/{id}/leave`.
pub async fn leave(id: ConversationId) -> Result<(), ClientError> {
    call::<Done>(Method::POST, &format!("/api/conversations/{id}/leave")).await.map(|_| ())
}

/// `POST /api/conversations/{id}/add-to-organization` (rule 4, one-way).
pub async fn add_to_organization(id: ConversationId) -> Result<ConversationDetail, ClientError> {
    call(Method::POST, &format!("/api/conversations/{id}/add-to-organization")).await
}

/// `PUT /api/conversations/{id}/policies`: an org group's own policies.
pub async fn set_policies(id: ConversationId, policies: &GroupPolicies) -> Result<ConversationDetail, ClientError> {
    send(json_request(Method::PUT, &format!("/api/conversations/{id}/policies"), policies)?).await
}
