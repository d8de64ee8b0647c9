//! The words of a digest in each language Samtal speaks. A digest is written
//! in its recipient's language (their choice in Me; English for an entry
//! nobody has linked yet), so each sentence is a function of the values it
//! names and every language orders them its own way.

use samtal_core::Lang;

/// Which messages a count is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// Unread ones (the subject and the opening line).
    Unread,
    /// New in one conversation.
    New,
    /// Older than the quoted ones.
    Earlier,
}

/// What a digest says, in one language.
pub struct Words {
    /// "3 unread messages", "1 new message", "2 earlier messages".
    pub messages: fn(usize, Counted) -> String,
    /// "1 conversation", "2 conversations".
    pub conversations: fn(usize) -> String,
    /// The subject: messages, organization.
    pub subject: fn(&str, &str) -> String,
    /// The greeting: the recipient's name.
    pub hello: fn(&str) -> String,
    /// The opening line: messages, conversations, organization.
    pub intro: fn(&str, &str, &str) -> String,
    /// A conversation's count with who wrote: messages, joined names.
    pub from: fn(&str, &str) -> String,
    /// The last word of a list of names ("Anna, Bo and Cay").
    pub and: &'static str,
    /// In place of quoted text a policy keeps inside Samtal.
    pub hidden_text: &'static str,
    /// The plain text's link to a conversation.
    pub open: &'static str,
    /// The HTML link to a conversation: its name.
    pub open_named: fn(&str) -> String,
    /// Why a linked person gets this, and where to change it: the address of Me.
    pub why_joined_text: fn(&str) -> String,
    /// Why a linked person gets this (HTML, before the link to Me).
    pub why_joined: &'static str,
    /// The HTML link to the e-mail setting, after [`Words::why_joined`].
    pub settings_link: &'static str,
    /// Where that link leads, after it.
    pub settings_where: &'static str,
    /// The first line for an entry nobody has linked yet.
    pub not_on_samtal: &'static str,
    /// Step one: signing up at the given address.
    pub sign_up_at: &'static str,
    /// Step two: work e-mail, organization.
    pub link_step: fn(&str, &str) -> String,
    /// What linking brings.
    pub then_you_see: &'static str,
    /// Where to turn digests off once linked, before the link to Me.
    pub once_linked: &'static str,
    /// The HTML version of [`Words::once_linked`]: before, the link's words, after.
    pub once_linked_html: [&'static str; 3],
    /// The signature: the organization.
    pub signature: fn(&str) -> String,
    /// A quoted attachment: what it is ("a video"), its file name if any.
    pub sent: fn(&str, Option<&str>) -> String,
    /// A video, an audio message, an image.
    pub attachment_kinds: [&'static str; 3],
    /// A group without a title.
    pub a_group: &'static str,
    /// A chat whose other member has no name.
    pub a_chat: &'static str,
}

/// The words of a digest in `lang`.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &ENGLISH,
        Lang::Sv => &SWEDISH,
    }
}

const ENGLISH: Words = Words {
    messages: |n, counted| {
        let adjective = match counted {
            Counted::Unread => "unread ",
            Counted::New => "new ",
            Counted::Earlier => "earlier ",
        };
        if n == 1 { format!("1 {adjective}message") } else { format!("{n} {adjective}messages") }
    },
    conversations: |n| if n == 1 { "1 conversation".to_owned() } else { format!("{n} conversations") },
    subject: |messages, org| format!("{messages} in {org}"),
    hello: |name| format!("Hello {name},"),
    intro: |messages, conversations, org| format!("You have {messages} in {conversations} of {org} on Samtal."),
    from: |messages, names| format!("{messages} from {names}"),
    and: "and",
    hidden_text: "The text is not shown here: this conversation's policy keeps it inside Samtal.",
    open: "Open",
    open_named: |name| format!("Open {name}"),
    why_joined_text: |url| {
        format!(
            "You get this e-mail because these messages stayed unread. To turn these e-mails off or change the \
             delay, open Me: {url}"
        )
    },
    why_joined: "You get this e-mail because these messages stayed unread.",
    settings_link: "Turn these e-mails off or change the delay",
    settings_where: "under Me.",
    not_on_samtal: "You are not on Samtal yet. To read and answer these messages:",
    sign_up_at: "Sign up at",
    link_step: |email, org| {
        format!("Open Me → Linked account and sign in with this work e-mail ({email}) and the password {org} gave you.")
    },
    then_you_see: "You will then see every chat and group you were added to.",
    once_linked: "Once linked, you can turn these e-mails off under Me:",
    once_linked_html: ["Once linked, you can", "turn these e-mails off", "under Me."],
    signature: |org| format!("— Samtal, for {org}"),
    sent: |what, file| match file {
        Some(file) => format!("sent {what} ({file})"),
        None => format!("sent {what}"),
    },
    attachment_kinds: ["a video", "an audio message", "an image"],
    a_group: "A group",
    a_chat: "A chat",
};

const SWEDISH: Words = Words {
    messages: |n, counted| {
        let (one, many) = match counted {
            Counted::Unread => ("oläst meddelande", "olästa meddelanden"),
            Counted::New => ("nytt meddelande", "nya meddelanden"),
            Counted::Earlier => ("tidigare meddelande", "tidigare meddelanden"),
        };
        if n == 1 { format!("1 {one}") } else { format!("{n} {many}") }
    },
    conversations: |n| if n == 1 { "1 konversation".to_owned() } else { format!("{n} konversationer") },
    subject: |messages, org| format!("{messages} i {org}"),
    hello: |name| format!("Hej {name}!"),
    intro: |messages, conversations, org| format!("Du har {messages} i {conversations} hos {org} på Samtal."),
    from: |messages, names| format!("{messages} från {names}"),
    and: "och",
    hidden_text: "Texten visas inte här: konversationens policy håller den inom Samtal.",
    open: "Öppna",
    open_named: |name| format!("Öppna {name}"),
    why_joined_text: |url| {
        format!(
            "Du får det här mejlet eftersom meddelandena är olästa. Öppna Jag för att stänga av mejlen eller \
             ändra fördröjningen: {url}"
        )
    },
    why_joined: "Du får det här mejlet eftersom meddelandena är olästa.",
    settings_link: "Stäng av mejlen eller ändra fördröjningen",
    settings_where: "under Jag.",
    not_on_samtal: "Du är inte med i Samtal än. Så läser och svarar du på meddelandena:",
    sign_up_at: "Skapa ett konto på",
    link_step: |email, org| {
        format!("Öppna Jag → Länkat konto och logga in med jobbmejlet ({email}) och lösenordet du har fått av {org}.")
    },
    then_you_see: "Sedan ser du alla chattar och grupper du har lagts till i.",
    once_linked: "När kontot är länkat kan du stänga av mejlen under Jag:",
    once_linked_html: ["När kontot är länkat kan du", "stänga av mejlen", "under Jag."],
    signature: |org| format!("– Samtal, för {org}"),
    sent: |what, file| match file {
        Some(file) => format!("skickade {what} ({file})"),
        None => format!("skickade {what}"),
    },
    attachment_kinds: ["en video", "ett röstmeddelande", "en bild"],
    a_group: "En grupp",
    a_chat: "En chatt",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_in_number_in_each_language() {
        let en = words(Lang::En);
        assert_eq!((en.messages)(1, Counted::Unread), "1 unread message");
        assert_eq!((en.messages)(3, Counted::Earlier), "3 earlier messages");
        let sv = words(Lang::Sv);
        assert_eq!((sv.messages)(1, Counted::Unread), "1 oläst meddelande");
        assert_eq!((sv.messages)(3, Counted::Unread), "3 olästa meddelanden");
        assert_eq!((sv.messages)(1, Counted::New), "1 nytt meddelande");
        assert_eq!((sv.messages)(2, Counted::New), "2 nya meddelanden");
        assert_eq!((sv.conversations)(2), "2 konversationer");
    }
}
