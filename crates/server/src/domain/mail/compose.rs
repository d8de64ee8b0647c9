//! What a digest says: subject, plain text and HTML, and the RFC 5322
//! message around them. Pure functions over [`Digest`], so the wording is
//! unit-tested without a database or a mail server.

use std::fmt::Write as _;
use std::time::{Duration, UNIX_EPOCH};

use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use samtal_core::{ConversationId, Lang, Millis};
use sha2::{Digest as _, Sha256};

use super::words::{Counted, Words, words};

/// At most this many messages of one conversation are quoted; the rest are counted.
pub const MAX_LINES_PER_CONVERSATION: usize = 5;
/// A quoted message longer than this (in characters) is cut with an ellipsis.
pub const MAX_LINE_CHARS: usize = 280;

/// One e-mail's worth of missed messages for one recipient (rule 12).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    /// The recipient's language: what the whole e-mail is written in.
    pub lang: Lang,
    /// The organization whose conversations these are.
    pub org_name: String,
    /// The recipient's name in the directory.
    pub recipient_name: String,
    /// The recipient's work e-mail (the directory entry's).
    pub recipient_email: String,
    /// Someone is signed in to the work account; `false`: the entry is not on
    /// Samtal yet, and the e-mail says how to link it.
    pub joined: bool,
    /// The base of links (`SAMTAL_PUBLIC_URL`), without a trailing slash.
    pub public_url: String,
    /// The conversations with missed messages, in the order to show them.
    pub conversations: Vec<ConversationDigest>,
}

/// The missed messages of one conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConversationDigest {
    /// Which conversation (for the deep link).
    pub id: ConversationId,
    /// Its name as the recipient sees it: a group's title, or the other
    /// person's name for a chat.
    pub name: String,
    /// How many messages were missed.
    pub count: usize,
    /// Who wrote them, each once, in order of their first message.
    pub senders: Vec<String>,
    /// The newest messages quoted, oldest first — `None` where the
    /// conversation's `allow_share` forbids quoting (rules 7 and 12).
    pub lines: Option<Vec<Line>>,
}

/// One quoted message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The sender's name.
    pub sender: String,
    /// What they wrote (or what they sent, for an attachment).
    pub text: String,
}

impl Digest {
    /// The number of missed messages over all conversations.
    pub fn total(&self) -> usize {
        self.conversations.iter().map(|c| c.count).sum()
    }

    /// "3 unread messages in Nordvik Energi".
    pub fn subject(&self) -> String {
        let w = self.words();
        (w.subject)(&(w.messages)(self.total(), Counted::Unread), &self.org_name)
    }

    fn words(&self) -> &'static Words {
        words(self.lang)
    }

    /// The deep link to a conversation.
    pub fn conversation_url(&self, id: ConversationId) -> String {
        format!("{}/chats/{}", self.public_url, id.0)
    }

    /// Where the e-mail setting is changed.
    pub fn settings_url(&self) -> String {
        format!("{}/me", self.public_url)
    }

    /// The plain-text part.
    pub fn text(&self) -> String {
        let w = self.words();
        let mut out = String::new();
        // `write!` into a String cannot fail; the results are ignored on purpose.
        let _ = writeln!(out, "{}", (w.hello)(&self.recipient_name));
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", self.intro());
        for c in &self.conversations {
            let _ = writeln!(out);
            let _ = writeln!(out, "{} — {}", c.name, self.conversation_summary(c));
            match &c.lines {
                Some(lines) => {
                    if c.count > lines.len() {
                        let _ = writeln!(out, "  … {}", (w.messages)(c.count - lines.len(), Counted::Earlier));
                    }
                    for line in lines {
                        let _ = writeln!(out, "  {}: {}", line.sender, line.text);
                    }
                }
                None => {
                    let _ = writeln!(out, "  {}", w.hidden_text);
                }
            }
            let _ = writeln!(out, "  {}: {}", w.open, self.conversation_url(c.id));
        }
        let _ = writeln!(out);
        if self.joined {
            let _ = writeln!(out, "{}", (w.why_joined_text)(&self.settings_url()));
        } else {
            let _ = writeln!(out, "{}", w.not_on_samtal);
            let _ = writeln!(out, "  1. {} {}", w.sign_up_at, self.public_url);
            let _ = writeln!(out, "  2. {}", (w.link_step)(&self.recipient_email, &self.org_name));
            let _ = writeln!(out, "{}", w.then_you_see);
            let _ = writeln!(out, "{} {}", w.once_linked, self.settings_url());
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", (w.signature)(&self.org_name));
        out
    }

    /// The HTML part; every piece of text from people is escaped.
    pub fn html(&self) -> String {
        let w = self.words();
        let mut out = String::new();
        let _ = write!(
            out,
            "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
             <body style=\"font-family: sans-serif; line-height: 1.4\">",
            self.lang.code(),
            escape_html(&self.subject())
        );
        let _ = write!(
            out,
            "<p>{}</p><p>{}</p>",
            escape_html(&(w.hello)(&self.recipient_name)),
            escape_html(&self.intro())
        );
        for c in &self.conversations {
            let url = escape_html(&self.conversation_url(c.id));
            let _ = write!(
                out,
                "<h3 style=\"margin-bottom: 0.2em\"><a href=\"{url}\">{}</a></h3><p style=\"margin-top: 0\">{}</p>",
                escape_html(&c.name),
                escape_html(&self.conversation_summary(c))
            );
            match &c.lines {
                Some(lines) => {
                    out.push_str("<ul>");
                    if c.count > lines.len() {
                        let _ = write!(
                            out,
                            "<li><em>… {}</em></li>",
                            escape_html(&(w.messages)(c.count - lines.len(), Counted::Earlier))
                        );
                    }
                    for line in lines {
                        let _ = write!(
                            out,
                            "<li><strong>{}</strong>: {}</li>",
                            escape_html(&line.sender),
                            escape_html(&line.text)
                        );
                    }
                    out.push_str("</ul>");
                }
                None => {
                    let _ = write!(out, "<p><em>{}</em></p>", escape_html(w.hidden_text));
                }
            }
            let _ = write!(out, "<p><a href=\"{url}\">{}</a></p>", escape_html(&(w.open_named)(&c.name)));
        }
        let settings = escape_html(&self.settings_url());
        if self.joined {
            let _ = write!(
                out,
                "<p style=\"color: #555\">{} <a href=\"{settings}\">{}</a> {}</p>",
                escape_html(w.why_joined),
                escape_html(w.settings_link),
                escape_html(w.settings_where)
            );
        } else {
            let public = escape_html(&self.public_url);
            let [before, link, after] = w.once_linked_html;
            let _ = write!(
                out,
                "<p>{}</p><ol><li>{} <a href=\"{public}\">{public}</a></li><li>{}</li></ol>\
                 <p>{} {} <a href=\"{settings}\">{}</a> {}</p>",
                escape_html(w.not_on_samtal),
                escape_html(w.sign_up_at),
                escape_html(&(w.link_step)(&self.recipient_email, &self.org_name)),
                escape_html(w.then_you_see),
                escape_html(before),
                escape_html(link),
                escape_html(after)
            );
        }
        let _ =
            write!(out, "<p style=\"color: #555\">{}</p></body></html>", escape_html(&(w.signature)(&self.org_name)));
        out
    }

    fn intro(&self) -> String {
        let w = self.words();
        (w.intro)(
            &(w.messages)(self.total(), Counted::Unread),
            &(w.conversations)(self.conversations.len()),
            &self.org_name,
        )
    }

    fn conversation_summary(&self, c: &ConversationDigest) -> String {
        let w = self.words();
        let phrase = (w.messages)(c.count, Counted::New);
        if c.senders.is_empty() { phrase } else { (w.from)(&phrase, &join_names(&c.senders, w.and)) }
    }
}

/// "Anna", "Anna and Bo", "Anna, Bo and Cay", with `and` in the digest's language.
fn join_names(names: &[String], and: &str) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A message's text as quoted in a digest: whitespace runs (newlines too)
/// become one space, so a line stays a line, and long text is cut.
pub fn quote(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= MAX_LINE_CHARS {
        collapsed
    } else {
        let cut: String = collapsed.chars().take(MAX_LINE_CHARS).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The Message-ID of a digest: derived from what it covers (the recipient
/// and each member row's seq range), so the same decision always yields the
/// same id — a re-send after a crash is recognizable as a duplicate.
pub fn message_id(entry: i64, items: &[(i64, i64, i64)], domain: &str) -> String {
    let mut hash = Sha256::new();
    hash.update(format!("samtal-digest:{entry}").as_bytes());
    for (member, first, last) in items {
        hash.update(format!(";{member}:{first}-{last}").as_bytes());
    }
    let digest = hex::encode(hash.finalize());
    format!("<digest.{entry}.{}@{domain}>", &digest[..24])
}

/// RFC 3834: marks the e-mail as machine-made, so autoresponders stay quiet.
#[derive(Debug, Clone)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".to_owned())
    }
}

/// The whole e-mail as sent: headers, and plain-text and HTML alternatives.
/// `Date` is the decision time, so every attempt sends the same bytes.
pub fn rfc5322(
    digest: &Digest,
    from: &Mailbox,
    to: &Mailbox,
    message_id: &str,
    decided_at: Millis,
) -> Result<Vec<u8>, lettre::error::Error> {
    let date = UNIX_EPOCH + Duration::from_millis(u64::try_from(decided_at).unwrap_or_default());
    let message = lettre::Message::builder()
        .from(from.clone())
        .to(to.clone())
        .subject(digest.subject())
        .message_id(Some(message_id.to_owned()))
        .date(date)
        .header(AutoSubmitted)
        .multipart(
            MultiPart::alternative()
                .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(digest.text()))
                .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(digest.html())),
        )?;
    Ok(message.formatted())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn digest(joined: bool, lines: Option<Vec<Line>>) -> Digest {
        Digest {
            lang: Lang::En,
            org_name: "Nordvik Energi".into(),
            recipient_name: "Bo Berg".into(),
            recipient_email: "bo@nordvik.example".into(),
            joined,
            public_url: "https://samtal.example".into(),
            conversations: vec![
                ConversationDigest {
                    id: ConversationId(7),
                    name: "Anna <Admin>".into(),
                    count: 2,
                    senders: vec!["Anna <Admin>".into()],
                    lines,
                },
                ConversationDigest {
                    id: ConversationId(9),
                    name: "Grid ops".into(),
                    count: 1,
                    senders: vec!["Cay".into()],
                    lines: None,
                },
            ],
        }
    }

    #[test]
    fn subject_counts_every_conversation() {
        assert_eq!(digest(true, None).subject(), "3 unread messages in Nordvik Energi");
        let mut one = digest(true, None);
        one.conversations.truncate(1);
        one.conversations[0].count = 1;
        assert_eq!(one.subject(), "1 unread message in Nordvik Energi");
    }

    #[test]
    fn html_escapes_everything_people_wrote() {
        let d = digest(true, Some(vec![Line { sender: "Anna <Admin>".into(), text: "<b>hi</b> & \"bye\"".into() }]));
        let html = d.html();
        assert!(html.contains("&lt;b&gt;hi&lt;/b&gt; &amp; &quot;bye&quot;"), "{html}");
        assert!(html.contains("Anna &lt;Admin&gt;"), "{html}");
        assert!(!html.contains("<b>hi"), "{html}");
        assert!(html.contains("href=\"https://samtal.example/chats/7\""), "{html}");
        assert!(d.text().contains("Anna <Admin>: <b>hi</b> & \"bye\""));
    }

    #[test]
    fn text_links_conversations_and_the_setting() {
        let text = digest(true, Some(vec![Line { sender: "Anna".into(), text: "hello".into() }])).text();
        assert!(text.contains("https://samtal.example/chats/7"), "{text}");
        assert!(text.contains("https://samtal.example/chats/9"), "{text}");
        assert!(text.contains("https://samtal.example/me"), "{text}");
        assert!(text.contains("2 new messages from Anna <Admin>"), "{text}");
        assert!(text.contains("… 1 earlier message"), "{text}");
        assert!(text.contains("policy keeps it inside Samtal"), "{text}");
        assert!(!text.contains("Sign up"), "{text}");
    }

    #[test]
    fn an_entry_not_on_samtal_learns_how_to_link() {
        let d = digest(false, None);
        for body in [d.text(), d.html()] {
            assert!(body.contains("Sign up at"), "{body}");
            assert!(body.contains("https://samtal.example"), "{body}");
            assert!(body.contains("Linked account"), "{body}");
            assert!(body.contains("bo@nordvik.example"), "{body}");
        }
    }

    #[test]
    fn quotes_are_one_line_and_bounded() {
        assert_eq!(quote("  a\n\nb\tc "), "a b c");
        let long = "å".repeat(MAX_LINE_CHARS + 10);
        let q = quote(&long);
        assert_eq!(q.chars().count(), MAX_LINE_CHARS + 1);
        assert!(q.ends_with('…'));
    }

    #[test]
    fn names_join_naturally() {
        assert_eq!(join_names(&["A".into()], "and"), "A");
        assert_eq!(join_names(&["A".into(), "B".into()], "and"), "A and B");
        assert_eq!(join_names(&["A".into(), "B".into(), "C".into()], "och"), "A, B och C");
    }

    #[test]
    fn a_swedish_recipient_reads_it_all_in_swedish() {
        let mut d = digest(true, Some(vec![Line { sender: "Anna".into(), text: "hej".into() }]));
        d.lang = Lang::Sv;
        assert_eq!(d.subject(), "3 olästa meddelanden i Nordvik Energi");
        let text = d.text();
        assert!(text.starts_with("Hej Bo Berg!"), "{text}");
        assert!(
            text.contains("Du har 3 olästa meddelanden i 2 konversationer hos Nordvik Energi på Samtal."),
            "{text}"
        );
        assert!(text.contains("2 nya meddelanden från Anna <Admin>"), "{text}");
        assert!(text.contains("… 1 tidigare meddelande"), "{text}");
        assert!(text.contains("Öppna: https://samtal.example/chats/7"), "{text}");
        assert!(text.contains("konversationens policy håller den inom Samtal"), "{text}");
        assert!(!text.contains("Open"), "{text}");
        let html = d.html();
        assert!(html.contains("<html lang=\"sv\">"), "{html}");
        assert!(html.contains("Öppna Anna &lt;Admin&gt;"), "{html}");
        assert!(html.contains("Stäng av mejlen eller ändra fördröjningen"), "{html}");
        let mut newcomer = d.clone();
        newcomer.joined = false;
        for body in [newcomer.text(), newcomer.html()] {
            assert!(body.contains("Skapa ett konto på"), "{body}");
            assert!(body.contains("Länkat konto"), "{body}");
            assert!(body.contains("bo@nordvik.example"), "{body}");
        }
    }

    #[test]
    fn message_ids_are_deterministic_and_distinct() {
        let a = message_id(3, &[(10, 1, 4)], "samtal.example");
        assert_eq!(a, message_id(3, &[(10, 1, 4)], "samtal.example"));
        assert_ne!(a, message_id(3, &[(10, 5, 6)], "samtal.example"));
        assert!(a.starts_with("<digest.3.") && a.ends_with("@samtal.example>"), "{a}");
    }

    #[test]
    fn the_message_has_both_parts_and_headers() {
        let d = digest(true, Some(vec![Line { sender: "Anna".into(), text: "hello".into() }]));
        let from: Mailbox = "Samtal <noreply@samtal.example>".parse().unwrap();
        let to: Mailbox = "Bo Berg <bo@nordvik.example>".parse().unwrap();
        let raw = rfc5322(&d, &from, &to, "<digest.1.abc@samtal.example>", 1_700_000_000_000).unwrap();
        let raw = String::from_utf8(raw).unwrap();
        assert!(raw.contains("Message-ID: <digest.1.abc@samtal.example>"), "{raw}");
        assert!(raw.contains("Auto-Submitted: auto-generated"), "{raw}");
        assert!(raw.contains("text/plain"), "{raw}");
        assert!(raw.contains("text/html"), "{raw}");
        assert!(raw.contains("Date: Tue, 14 Nov 2023"), "{raw}");
    }
}
