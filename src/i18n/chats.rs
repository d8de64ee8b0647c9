//! Texts of the chat list, a conversation, the composer and forwarding.

/// Texts of the chat list, a conversation, the composer and forwarding.
pub struct Chats {
    // ------------------------------------------------------------ chat list
    /// The Chats screen's button that starts a one-to-one chat.
    pub new_chat: &'static str,
    /// The Chats screen's button that starts a group.
    pub new_group: &'static str,
    /// While the chat list loads.
    pub loading_chats: &'static str,
    /// The chat list's empty state: its headline.
    pub no_conversations: &'static str,
    /// The chat list's empty state: what shows up here.
    pub no_conversations_body: &'static str,
    /// The chat list's empty state: the words before the link to Contacts.
    pub find_people_before: &'static str,
    /// The chat list's empty state: the words after the link to Contacts.
    pub find_people_after: &'static str,
    /// The accessible name of the chat list.
    pub conversations: &'static str,
    /// A chat list row's unread count, for screen readers.
    pub unread_messages: fn(u32) -> String,
    /// The conversation pane while none is open: its headline.
    pub no_conversation_open: &'static str,
    /// The conversation pane while none is open: what to do.
    pub pick_a_conversation: &'static str,

    // --------------------------------------------------------- conversation
    /// A conversation whose address names none.
    pub no_such_conversation: &'static str,
    /// The headline when access to an open conversation ends.
    pub no_access: &'static str,
    /// Access ended because the person left the group.
    pub ended_left: &'static str,
    /// Access ended because someone removed the person from the group.
    pub ended_removed: &'static str,
    /// Access ended because the person signed out of their work account; the
    /// owning organization's name where known.
    pub ended_signed_out: fn(Option<&str>) -> String,
    /// Access ended because the organization removed the person from its
    /// directory; its name where known.
    pub ended_removed_from_directory: fn(Option<&str>) -> String,
    /// Access ended because the organization turned Samtal off; its name where known.
    pub ended_org_disabled: fn(Option<&str>) -> String,
    /// A send that failed for want of a connection.
    pub send_offline: &'static str,
    /// A file that can no longer be uploaded (the page was reloaded).
    pub file_gone: &'static str,
    /// A file too large to attach: the limit in megabytes.
    pub attachment_too_large: fn(usize) -> String,
    /// After forwarding: the conversation it went to.
    pub forwarded_to: fn(&str) -> String,
    /// Under a closed conversation's composer: why it is closed, then this.
    pub cannot_write_now: fn(&str) -> String,
    /// Under the composer where the viewer may not send.
    pub cannot_send_here: &'static str,
    /// While a conversation's messages load.
    pub loading_messages: &'static str,
    /// The conversation's title when its profile failed to load.
    pub conversation: &'static str,
    /// The conversation's title while its profile loads.
    pub opening_conversation: &'static str,
    /// The header's subtitle of a private group, with its member count.
    pub private_group_members: fn(&str) -> String,
    /// The header's subtitle of a private group whose members are not known.
    pub private_group: &'static str,
    /// How many members a group has.
    pub members: fn(usize) -> String,
    /// The header's link to the group profile.
    pub group_profile: &'static str,

    // ------------------------------------------------------------- messages
    /// The accessible name of the scrolling list of messages.
    pub messages: &'static str,
    /// The button at the top that loads older messages.
    pub load_older: &'static str,
    /// That button while they load.
    pub loading_older: &'static str,
    /// Above the first message of a conversation.
    pub conversation_start: &'static str,
    /// Announced once a message's text is copied.
    pub message_copied: &'static str,
    /// Scrolls to where the unread messages begin.
    pub jump_to_unread: &'static str,
    /// Scrolls to the newest message.
    pub jump_to_newest: &'static str,
    /// The line above the first unread message.
    pub new_messages: &'static str,
    /// The sender of a message whose sender is not known.
    pub someone_sender: &'static str,
    /// In "Seen by …", a reader who is no longer a member.
    pub someone_reader: &'static str,
    /// A message's Copy button.
    pub copy: &'static str,
    /// A message's Copy button, just after copying.
    pub copied: &'static str,
    /// A message's Forward button.
    pub forward: &'static str,
    /// Above the content of a forwarded message.
    pub forwarded: &'static str,
    /// The viewer's own message: stored, nobody else has seen it.
    pub sent: &'static str,
    /// The viewer's own message: someone else has seen it.
    pub seen: &'static str,
    /// The viewer's newest message: every other member (more than two) has seen it.
    pub seen_by_everyone: &'static str,
    /// The viewer's newest message: who has seen it, one person.
    pub seen_by_one: fn(&str) -> String,
    /// The viewer's newest message: who has seen it, two people.
    pub seen_by_two: fn(&str, &str) -> String,
    /// The viewer's newest message: the first two who have seen it, and how many more.
    pub seen_by_more: fn(&str, &str, usize) -> String,
    /// The short names of the months, January first, in a message's date.
    pub months: [&'static str; 12],
    /// A message's time when it is not from today: the day of the month,
    /// the month's short name, the clock.
    pub message_date_time: fn(i64, &str, &str) -> String,
    /// The line where a converted group became an organization group.
    pub converted_line: fn(&str) -> String,
    /// An outgoing message whose file is going up: percent done.
    pub uploading: fn(u8) -> String,
    /// The accessible name of an upload's progress bar.
    pub upload_progress: &'static str,
    /// An outgoing message on its way to the server.
    pub sending: &'static str,
    /// An outgoing message kept on the device until the network is back.
    pub waiting_for_network: &'static str,
    /// Before the reason an outgoing message did not go through.
    pub failed: &'static str,
    /// Sends a failed message again.
    pub retry: &'static str,

    // ------------------------------------------------------------- composer
    /// The accessible name and tooltip of the composer's attach button.
    pub attach: &'static str,
    /// The accessible name of the composer's text box.
    pub message: &'static str,
    /// The placeholder of the composer's text box.
    pub write_a_message: &'static str,
    /// The composer's Send button.
    pub send: &'static str,
    /// The composer's hint for screen readers: which keys send.
    pub composer_hint: &'static str,
    /// A message over the length limit: the limit in characters.
    pub message_too_long: fn(usize) -> String,
}

/// In English: the accessible names of the spec.
pub const EN: Chats = Chats {
    new_chat: "New chat",
    new_group: "New group",
    loading_chats: "Loading your chats…",
    no_conversations: "No conversations yet",
    no_conversations_body: "Chats and groups you take part in show up here, newest first.",
    find_people_before: "Find people under ",
    find_people_after: " to start a conversation.",
    conversations: "Conversations",
    unread_messages: |n| if n == 1 { "1 unread message".to_owned() } else { format!("{n} unread messages") },
    no_conversation_open: "No conversation open",
    pick_a_conversation: "Pick a chat or group from the list to read it here.",

    no_such_conversation: "There is no such conversation",
    no_access: "You no longer have access to this conversation",
    ended_left: "You left this group.",
    ended_removed: "You were removed from this group.",
    ended_signed_out: |org| {
        let org = org.unwrap_or("The organization");
        format!("You signed out of your work account, so {org}'s conversations are closed to you.")
    },
    ended_removed_from_directory: |org| {
        let org = org.unwrap_or("The organization");
        format!("{org} removed you from its directory, so its conversations are closed to you.")
    },
    ended_org_disabled: |org| {
        let org = org.unwrap_or("The organization");
        format!("{org} has turned Samtal off. Its conversations are closed until it is turned on again.")
    },
    send_offline: "No connection. It is sent again when you are back online.",
    file_gone: "The file is no longer available.",
    attachment_too_large: |mb| format!("An attachment has at most {mb} MB."),
    forwarded_to: |title| format!("Forwarded to {title}."),
    cannot_write_now: |why| format!("{why} You can't write here now."),
    cannot_send_here: "You can't send messages in this conversation.",
    loading_messages: "Loading messages…",
    conversation: "Conversation",
    opening_conversation: "Opening the conversation…",
    private_group_members: |count| format!("Private group · {count}"),
    private_group: "Private group",
    members: |n| if n == 1 { "1 member".to_owned() } else { format!("{n} members") },
    group_profile: "Group profile",

    messages: "Messages",
    load_older: "Load older messages",
    loading_older: "Loading older messages…",
    conversation_start: "This is the beginning of the conversation.",
    message_copied: "Message copied",
    jump_to_unread: "Jump to first unread",
    jump_to_newest: "Jump to newest",
    new_messages: "New messages",
    someone_sender: "Someone",
    someone_reader: "someone",
    copy: "Copy",
    copied: "Copied",
    forward: "Forward",
    forwarded: "Forwarded",
    sent: "Sent",
    seen: "Seen",
    seen_by_everyone: "Seen by everyone",
    seen_by_one: |one| format!("Seen by {one}"),
    seen_by_two: |first, second| format!("Seen by {first} and {second}"),
    seen_by_more: |first, second, more| format!("Seen by {first}, {second} and {more} more"),
    months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    message_date_time: |date, month, clock| format!("{date} {month}, {clock}"),
    converted_line: |org| format!("— Became an organization group: {org} —"),
    uploading: |percent| format!("Uploading… {percent}%"),
    upload_progress: "Upload progress",
    sending: "Sending…",
    waiting_for_network: "Waiting for the network…",
    failed: "Failed. ",
    retry: "Retry",

    attach: "Attach a photo, video or audio",
    message: "Message",
    write_a_message: "Write a message",
    send: "Send",
    composer_hint: "Enter sends, Shift+Enter starts a new line.",
    message_too_long: |most| format!("A message has at most {most} characters."),
};

/// In Swedish.
pub const SV: Chats = Chats {
    new_chat: "Ny chatt",
    new_group: "Ny grupp",
    loading_chats: "Läser in dina chattar…",
    no_conversations: "Inga konversationer än",
    no_conversations_body: "Chattar och grupper du är med i visas här, de senaste först.",
    find_people_before: "Hitta personer under ",
    find_people_after: " för att starta en konversation.",
    conversations: "Konversationer",
    unread_messages: |n| if n == 1 { "1 oläst meddelande".to_owned() } else { format!("{n} olästa meddelanden") },
    no_conversation_open: "Ingen konversation öppen",
    pick_a_conversation: "Välj en chatt eller grupp i listan för att läsa den här.",

    no_such_conversation: "Konversationen finns inte",
    no_access: "Du har inte längre tillgång till den här konversationen",
    ended_left: "Du lämnade den här gruppen.",
    ended_removed: "Du togs bort från den här gruppen.",
    ended_signed_out: |org| match org {
        Some(org) => format!("Du loggade ut från ditt jobbkonto, så konversationerna i {org} är stängda för dig."),
        None => "Du loggade ut från ditt jobbkonto, så organisationens konversationer är stängda för dig.".to_owned(),
    },
    ended_removed_from_directory: |org| {
        let org = org.unwrap_or("Organisationen");
        format!("{org} tog bort dig från sin katalog, så dess konversationer är stängda för dig.")
    },
    ended_org_disabled: |org| {
        let org = org.unwrap_or("Organisationen");
        format!("{org} har stängt av Samtal. Dess konversationer är stängda tills Samtal slås på igen.")
    },
    send_offline: "Ingen anslutning. Meddelandet skickas när du är online igen.",
    file_gone: "Filen är inte längre tillgänglig.",
    attachment_too_large: |mb| format!("En bilaga får vara högst {mb} MB."),
    forwarded_to: |title| format!("Vidarebefordrat till {title}."),
    cannot_write_now: |why| format!("{why} Du kan inte skriva här just nu."),
    cannot_send_here: "Du kan inte skicka meddelanden i den här konversationen.",
    loading_messages: "Läser in meddelanden…",
    conversation: "Konversation",
    opening_conversation: "Öppnar konversationen…",
    private_group_members: |count| format!("Privat grupp · {count}"),
    private_group: "Privat grupp",
    members: |n| if n == 1 { "1 medlem".to_owned() } else { format!("{n} medlemmar") },
    group_profile: "Gruppens profil",

    messages: "Meddelanden",
    load_older: "Läs in äldre meddelanden",
    loading_older: "Läser in äldre meddelanden…",
    conversation_start: "Här börjar konversationen.",
    message_copied: "Meddelandet kopierades",
    jump_to_unread: "Hoppa till första olästa",
    jump_to_newest: "Hoppa till senaste",
    new_messages: "Nya meddelanden",
    someone_sender: "Någon",
    someone_reader: "någon",
    copy: "Kopiera",
    copied: "Kopierat",
    forward: "Vidarebefordra",
    forwarded: "Vidarebefordrat",
    sent: "Skickat",
    seen: "Sett",
    seen_by_everyone: "Sett av alla",
    seen_by_one: |one| format!("Sett av {one}"),
    seen_by_two: |first, second| format!("Sett av {first} och {second}"),
    seen_by_more: |first, second, more| format!("Sett av {first}, {second} och {more} till"),
    months: ["jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec"],
    message_date_time: |date, month, clock| format!("{date} {month} {clock}"),
    converted_line: |org| format!("– Blev en organisationsgrupp: {org} –"),
    uploading: |percent| format!("Laddar upp… {percent}\u{a0}%"),
    upload_progress: "Uppladdning",
    sending: "Skickar…",
    waiting_for_network: "Väntar på nätverket…",
    failed: "Misslyckades. ",
    retry: "Försök igen",

    attach: "Bifoga en bild, video eller ljudfil",
    message: "Meddelande",
    write_a_message: "Skriv ett meddelande",
    send: "Skicka",
    composer_hint: "Enter skickar, Skift+Enter ger en ny rad.",
    message_too_long: |most| format!("Ett meddelande får vara högst {} tecken.", thousands(most)),
};

/// `n` with its thousands apart, as Swedish writes numbers: "10 000".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            // A no-break space keeps the number on one line.
            out.push('\u{a0}');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_numbers_group_thousands() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(10_000), "10\u{a0}000");
        assert_eq!(thousands(1_234_567), "1\u{a0}234\u{a0}567");
    }
}
