//! A message as each person may see it: its reactions with their own
//! marked, and a reply's quote only where they may read the original
//! (`history_for_new_members`). The store answers one view for everyone;
//! this turns it into each member's, for pages and for events.

use std::collections::{BTreeMap, BTreeSet};

use samtal_core::api::{Message, Reaction};
use samtal_core::events::Event;
use samtal_core::rules::{self, ConversationFacts};
use samtal_core::{MessageId, PersonId};

use super::support::append;
use crate::error::AppResult;
use crate::store::Tx;
use crate::store::rows::MemberRow;
use crate::store::verbs::ReactionRow;

/// Who gave which emoji to one message, in the order first given.
#[derive(Debug, Default)]
struct Reactions {
    /// Each emoji with the people who gave it.
    by_emoji: Vec<(String, Vec<PersonId>)>,
}

impl Reactions {
    /// The reactions as `viewer` sees them.
    fn for_viewer(&self, viewer: PersonId) -> Vec<Reaction> {
        self.by_emoji
            .iter()
            .map(|(emoji, people)| Reaction {
                emoji: emoji.clone(),
                count: u32::try_from(people.len()).unwrap_or(u32::MAX),
                mine: people.contains(&viewer),
            })
            .collect()
    }

    /// The emoji `person` gave.
    fn given_by(&self, person: PersonId) -> BTreeSet<&str> {
        self.by_emoji.iter().filter(|(_, people)| people.contains(&person)).map(|(e, _)| e.as_str()).collect()
    }
}

/// The reactions of `messages`, each message's in the order first given.
async fn reactions_of(tx: &mut dyn Tx, messages: &[MessageId]) -> AppResult<BTreeMap<MessageId, Reactions>> {
    let mut all: BTreeMap<MessageId, Reactions> = BTreeMap::new();
    for ReactionRow { message, emoji, person, .. } in tx.reactions(messages).await? {
        let reactions = all.entry(message).or_default();
        match reactions.by_emoji.iter_mut().find(|(e, _)| *e == emoji) {
            Some((_, people)) => people.push(person.id),
            None => reactions.by_emoji.push((emoji, vec![person.id])),
        }
    }
    Ok(all)
}

/// Hides a reply's quote from someone who may not read the original: they
/// learn only that it replies to something.
fn hide_unreadable_quote(message: &mut Message, first_visible: i64) {
    if let Some(quote) = message.reply_to.as_mut()
        && quote.seq < first_visible
    {
        quote.sender = None;
        quote.text = None;
    }
}

/// Turns a page of messages into the viewer's view; `first_visible` is
/// the first seq they may read.
pub(super) async fn for_viewer(
    tx: &mut dyn Tx,
    messages: &mut [Message],
    viewer: PersonId,
    first_visible: i64,
) -> AppResult<()> {
    let ids: Vec<MessageId> = messages.iter().filter(|m| m.deleted.is_none()).map(|m| m.id).collect();
    let reactions = reactions_of(tx, &ids).await?;
    for message in messages.iter_mut() {
        if let Some(r) = reactions.get(&message.id) {
            message.reactions = r.for_viewer(viewer);
        }
        hide_unreadable_quote(message, first_visible);
    }
    Ok(())
}

/// Appends an event showing `message` (the store's view) to every member
/// who may read it, each as they may see it: members who see the same
/// share one statement.
pub(super) async fn announce(
    tx: &mut dyn Tx,
    facts: &ConversationFacts,
    members: &[MemberRow],
    message: &Message,
    event: fn(Message) -> Event,
) -> AppResult<()> {
    let reactions = reactions_of(tx, &[message.id]).await?.remove(&message.id).unwrap_or_default();
    // A person with two rows (their own and their entry's) reads as far
    // back as either lets them.
    let mut readers: BTreeMap<PersonId, i64> = BTreeMap::new();
    for member in members {
        let Some(person) = member.person else { continue };
        let first_visible = rules::first_visible_seq(facts, member.joined_seq);
        let best = readers.entry(person).or_insert(first_visible);
        *best = (*best).min(first_visible);
    }
    // Readers grouped by what differs in their view: whether the quote is
    // theirs to read, and which emoji they gave.
    let mut groups: BTreeMap<(bool, BTreeSet<&str>), Vec<PersonId>> = BTreeMap::new();
    for (person, first_visible) in readers {
        if message.seq < first_visible {
            continue;
        }
        let quote_readable = message.reply_to.as_ref().is_none_or(|q| q.seq >= first_visible);
        groups.entry((quote_readable, reactions.given_by(person))).or_default().push(person);
    }
    for ((quote_readable, _), people) in groups {
        let mut view = message.clone();
        if let Some(&someone) = people.first() {
            view.reactions = reactions.for_viewer(someone);
        }
        if !quote_readable {
            hide_unreadable_quote(&mut view, i64::MAX);
        }
        append(tx, &people, &event(view)).await?;
    }
    Ok(())
}
