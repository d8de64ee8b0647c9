//! Missed-message digests (rule 12): deciding who is mailed about what, and
//! keeping the outbox. Sending is `crate::mail`'s.

pub mod compose;
mod words;

use std::collections::BTreeMap;

use lettre::Address;
use lettre::message::Mailbox;
use samtal_core::api::ConversationKind;
use samtal_core::rules;
use samtal_core::{ConversationId, Lang, Millis};

use self::compose::{ConversationDigest, Digest, Line, MAX_LINES_PER_CONVERSATION};
use self::words::words;
use super::Domain;
use crate::error::AppResult;
use crate::store::Tx;
use crate::store::mail::{DigestCandidate, MissedLine, MissedRange, NewOutboxItem, NewOutboxMail};
pub use crate::store::mail::{OutboxMail, Outcome};

/// What the decision needs besides the data.
#[derive(Debug, Clone)]
pub struct DigestSettings {
    /// The base of links, without a trailing slash.
    pub public_url: String,
    /// The delay for people who did not pick one, and for entries not on Samtal yet.
    pub default_delay_ms: Millis,
    /// The sender written into the message.
    pub from: Mailbox,
    /// The right-hand side of Message-IDs.
    pub domain: String,
}

/// A candidate with how far its member has read, been mailed, or may see.
#[derive(Debug, Clone)]
struct Candidate {
    row: DigestCandidate,
    /// Messages up to this seq are read, mailed, or not visible to the member.
    floor: i64,
}

/// Who a digest goes to: a directory entry, and the person signed in to it.
#[derive(Debug, Clone)]
struct Recipient {
    entry: i64,
    email: String,
    name: String,
    org_name: String,
    person: Option<i64>,
    enabled: bool,
    delay_ms: Millis,
    /// What the digest is written in.
    lang: Lang,
}

/// What one candidate contributes to a digest.
#[derive(Debug, Clone)]
struct Item {
    member_id: i64,
    conversation: ConversationId,
    first_seq: i64,
    last_seq: i64,
    newest_at: Millis,
    digest: ConversationDigest,
}

/// How the recipient sees the conversation's name: a group's title, or the
/// other participant of a chat.
async fn conversation_name(tx: &mut dyn Tx, candidate: &Candidate, lang: Lang) -> AppResult<String> {
    if candidate.row.facts.kind == ConversationKind::Group {
        let title = candidate.row.title.clone().filter(|t| !t.trim().is_empty());
        return Ok(title.unwrap_or_else(|| words(lang).a_group.to_owned()));
    }
    let other = tx.other_member_name(candidate.row.conversation, candidate.row.member_id).await?;
    Ok(other.unwrap_or_else(|| words(lang).a_chat.to_owned()))
}

/// What the candidate's missed messages past the recipient's delay add to a
/// digest, if any.
async fn missed_item(
    tx: &mut dyn Tx,
    candidate: &Candidate,
    recipient: &Recipient,
    cutoff: Millis,
) -> AppResult<Option<Item>> {
    // Only messages unread for the whole delay are due; later ones wait for
    // the next digest. Seqs and send times rise together, so the due
    // messages are the prefix up to the newest one sent before the cutoff.
    let conversation = candidate.row.conversation;
    let Some(due_max) = tx.newest_seq_sent_by(conversation, candidate.floor, cutoff).await? else { return Ok(None) };
    let Some(org) = candidate.row.facts.owner_id() else { return Ok(None) };
    let range = MissedRange { org, conversation, after: candidate.floor, up_to: due_max, me: recipient.person };
    let senders = tx.missed_senders(range).await?;
    let count: u64 = senders.iter().map(|s| s.count).sum();
    if count == 0 {
        // Only their own messages or system notes: nothing to tell them.
        return Ok(None);
    }
    let newest_at = senders.iter().map(|s| s.newest_at).max().unwrap_or_default();
    let names = senders.into_iter().map(|s| s.name).collect();
    let lines = if rules::digest_shows_text(&candidate.row.facts) {
        let limit = u32::try_from(MAX_LINES_PER_CONVERSATION).unwrap_or(u32::MAX);
        let mut lines: Vec<Line> =
            tx.missed_lines(range, limit).await?.iter().map(|m| line(m, recipient.lang)).collect();
        lines.reverse();
        Some(lines)
    } else {
        None
    };
    let name = conversation_name(tx, candidate, recipient.lang).await?;
    Ok(Some(Item {
        member_id: candidate.row.member_id,
        conversation,
        first_seq: candidate.floor + 1,
        last_seq: due_max,
        newest_at,
        digest: ConversationDigest {
            id: conversation,
            name,
            count: usize::try_from(count).unwrap_or(usize::MAX),
            senders: names,
            lines,
        },
    }))
}

/// A digest's line for a missed message.
fn line(missed: &MissedLine, lang: Lang) -> Line {
    let text = if missed.kind == "attachment" {
        let w = words(lang);
        let [video, audio, image] = w.attachment_kinds;
        let what = match missed.attachment_kind.as_deref() {
            Some("video") => video,
            Some("audio") => audio,
            _ => image,
        };
        let file = missed.attachment_name.as_deref().filter(|file| !file.is_empty()).map(compose::quote);
        (w.sent)(what, file.as_deref())
    } else {
        compose::quote(missed.text.as_deref().unwrap_or_default())
    };
    Line { sender: missed.sender.clone(), text }
}

/// Writes one decided digest: the outbox row, its items and the mailed marks.
async fn write_digest(
    tx: &mut dyn Tx,
    settings: &DigestSettings,
    recipient: &Recipient,
    mut items: Vec<Item>,
    now: Millis,
) -> AppResult<i64> {
    // Newest conversation first, like the chat list.
    items.sort_by(|a, b| b.newest_at.cmp(&a.newest_at).then(a.conversation.0.cmp(&b.conversation.0)));
    let digest = Digest {
        lang: recipient.lang,
        org_name: recipient.org_name.clone(),
        recipient_name: recipient.name.clone(),
        recipient_email: recipient.email.clone(),
        joined: recipient.person.is_some(),
        public_url: settings.public_url.clone(),
        conversations: items.iter().map(|i| i.digest.clone()).collect(),
    };
    let ranges: Vec<(i64, i64, i64)> = items.iter().map(|i| (i.member_id, i.first_seq, i.last_seq)).collect();
    let message_id = compose::message_id(recipient.entry, &ranges, &settings.domain);
    // An address the relay could never take is recorded as failed (and its
    // messages as dealt with) rather than retried forever.
    let built = recipient
        .email
        .parse::<Address>()
        .map_err(|e| format!("{} is not a usable e-mail address: {e}", recipient.email))
        .and_then(|address| {
            let to = Mailbox::new(Some(recipient.name.clone()), address);
            compose::rfc5322(&digest, &settings.from, &to, &message_id, now).map_err(|e| e.to_string())
        });
    let (status, raw, error) = match built {
        Ok(raw) => ("pending", raw, None),
        Err(e) => ("failed", Vec::new(), Some(e)),
    };
    let subject = digest.subject();
    let id = tx
        .insert_outbox(NewOutboxMail {
            entry: recipient.entry,
            person: recipient.person,
            recipient: &recipient.email,
            subject: &subject,
            message_id: &message_id,
            raw: &raw,
            status,
            error: error.as_deref(),
            at: now,
        })
        .await?;
    for item in &items {
        let count = u64::try_from(item.digest.count).unwrap_or(u64::MAX);
        tx.insert_outbox_item(
            id,
            NewOutboxItem {
                member_id: item.member_id,
                conversation: item.conversation,
                first_seq: item.first_seq,
                last_seq: item.last_seq,
                count,
            },
        )
        .await?;
    }
    Ok(id)
}

impl Domain {
    /// Decides every digest due at `now`: for each recipient whose unread
    /// messages in org conversations are past their delay, and who got no
    /// digest within the delay, one outbox row with the finished message,
    /// written in one transaction together with each member row's new
    /// `mailed_seq`. Returns the new outbox rows' ids.
    pub async fn decide_digests(&self, settings: &DigestSettings, now: Millis) -> AppResult<Vec<i64>> {
        // One write transaction for the whole pass: what is read (markers,
        // messages) and what is written (outbox, mailed marks) can't drift
        // apart, and a crash leaves either all of a decision or none of it.
        let mut tx = self.write().await?;
        let mut by_recipient: BTreeMap<i64, (Recipient, Vec<Candidate>)> = BTreeMap::new();
        for row in tx.digest_candidates().await? {
            if !rules::digest_applies(&row.facts) {
                continue;
            }
            let floor = row.read_seq.max(row.mailed_seq).max(rules::first_visible_seq(&row.facts, row.joined_seq) - 1);
            let entry = row.entry;
            let recipient = Recipient {
                entry,
                email: row.email.clone(),
                name: row.entry_name.clone(),
                org_name: row.org_name.clone(),
                person: row.person,
                // An entry nobody has linked yet has no setting: the e-mail is
                // how they learn about the messages (rule 1).
                enabled: row.person.is_none() || row.email_enabled.unwrap_or(true),
                delay_ms: match row.email_delay_minutes {
                    Some(minutes) if row.person.is_some() => minutes.max(0).saturating_mul(60_000),
                    _ => settings.default_delay_ms,
                },
                // Someone not on Samtal yet has chosen nothing: English, the spec's language.
                lang: row.language.as_deref().and_then(Lang::from_tag).unwrap_or_default(),
            };
            let candidate = Candidate { row, floor };
            by_recipient.entry(entry).or_insert_with(|| (recipient, Vec::new())).1.push(candidate);
        }

        let mut decided = Vec::new();
        for (recipient, candidates) in by_recipient.values() {
            if !recipient.enabled {
                continue;
            }
            // Rule 12: never more than one e-mail per person per delay.
            if tx.last_digest_at(recipient.entry).await?.is_some_and(|at| at > now - recipient.delay_ms) {
                continue;
            }
            let cutoff = now - recipient.delay_ms;
            let mut items = Vec::new();
            for candidate in candidates {
                if let Some(item) = missed_item(tx.as_mut(), candidate, recipient, cutoff).await? {
                    items.push(item);
                }
            }
            if !items.is_empty() {
                decided.push(write_digest(tx.as_mut(), settings, recipient, items, now).await?);
            }
        }
        self.commit(tx).await?;
        Ok(decided)
    }

    /// Pending digests whose next attempt is due at `now`, oldest first.
    pub async fn due_mail(&self, now: Millis, limit: u32) -> AppResult<Vec<OutboxMail>> {
        Ok(self.read().await?.due_mail(now, limit).await?)
    }

    /// Whether a pending digest is still wanted right before sending: some of
    /// its messages are still unread by a member who still belongs to the
    /// conversation, the organization still sends digests, and the person
    /// has not turned e-mails off meanwhile.
    pub async fn still_wanted(&self, id: i64) -> AppResult<bool> {
        // Items whose member row is gone (left, removed from the directory)
        // are not read back: their messages are no longer theirs to read.
        let items = self.read().await?.outbox_items(id).await?;
        Ok(items.iter().any(|item| {
            item.read_seq < item.last_seq && item.email_enabled.unwrap_or(true) && rules::digest_applies(&item.facts)
        }))
    }

    /// Records what became of a send attempt.
    pub async fn record_outcome(&self, id: i64, outcome: &Outcome, now: Millis) -> AppResult<()> {
        let mut tx = self.write().await?;
        tx.record_outcome(id, outcome, now).await?;
        self.commit(tx).await
    }
}
