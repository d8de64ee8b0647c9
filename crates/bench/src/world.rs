//! The people, organization and conversations a workload needs, made over
//! the API as any client would.

use anyhow::{Context, Result};
use futures::StreamExt;
use serde_json::{Value, json};

use crate::client::{PASSWORD, Person};
use crate::server::Server;

/// Signs up the operator and `n` more people named `{prefix}{i}`, a few at a
/// time (each sign-up hashes a password).
pub async fn people(server: &Server, http: &reqwest::Client, prefix: &str, n: usize) -> Result<(Person, Vec<Person>)> {
    let operator = Person::sign_up(http, &server.base, server.operator).await?;
    let handles: Vec<String> = (0..n).map(|i| format!("{prefix}{i}")).collect();
    let people = futures::stream::iter(handles.iter().map(|h| Person::sign_up(http, &server.base, h)))
        .buffered(8)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<Vec<_>>>()?;
    Ok((operator, people))
}

/// A private group of `creator` and `members`; its id.
pub async fn group(creator: &Person, members: &[Person]) -> Result<i64> {
    let ids: Vec<i64> = members.iter().map(|p| p.id).collect();
    let answer = creator.post("/api/conversations/groups", &json!({ "title": "Bench", "member_ids": ids })).await?;
    answer.body["id"].as_i64().context("a group without an id")
}

/// The operator's new organization `bench.example`; its id.
pub async fn organization(operator: &Person) -> Result<i64> {
    let body = json!({ "name": "Bench", "domain": "bench.example", "description": "" });
    let answer = operator.post("/api/orgs", &body).await?;
    answer.body["id"].as_i64().context("an organization without an id")
}

/// Sends `text` to a conversation; the message.
pub async fn send(person: &Person, conversation: i64, text: &str, client_id: &str) -> Result<Value> {
    let body = json!({ "text": text, "client_id": client_id });
    Ok(person.post(&format!("/api/conversations/{conversation}/messages"), &body).await?.body)
}

/// The newest event id of `person` (where a fresh socket starts).
pub async fn latest_event(person: &Person) -> Result<i64> {
    let mut since = 0;
    loop {
        let page = person.get(&format!("/api/sync?since={since}&limit=1000")).await?.body;
        since = page["cursor"].as_i64().context("a sync page without a cursor")?;
        if page["has_more"] != Value::Bool(true) {
            return Ok(since);
        }
    }
}

/// Signs `person` in to the work account `email` (password [`PASSWORD`]).
pub async fn work_sign_in(person: &Person, email: &str) -> Result<()> {
    person.post("/api/me/work-account", &json!({ "email": email, "password": PASSWORD })).await?;
    Ok(())
}
