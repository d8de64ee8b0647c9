//! Texts of the verbs on a message: replying, editing, deleting, reacting.

/// Texts of the verbs on a message: replying, editing, deleting, reacting.
pub struct Verbs {
    /// The menu button on each message.
    pub more_actions: &'static str,
    /// The menu item that quotes the message in a reply.
    pub reply: &'static str,
    /// The menu item that edits one's own message.
    pub edit: &'static str,
    /// The menu item that deletes a message for everyone.
    pub delete: &'static str,
    /// The menu item that hides a message on one's own devices.
    pub delete_for_me: &'static str,
    /// The menu item that shows the quick reactions.
    pub add_reaction: &'static str,
    /// The accessible name of the quick reactions of a message.
    pub quick_reactions: &'static str,
    /// A quick reaction's accessible name.
    pub react_with: fn(&str) -> String,
    /// The accessible name of a message's reactions.
    pub reactions: &'static str,
    /// A reaction's accessible name: how many gave which emoji.
    pub reacted: fn(&str, u32) -> String,
    /// Beside the time of an edited message.
    pub edited: &'static str,
    /// In place of a message its sender deleted.
    pub deleted_by_sender: &'static str,
    /// In place of a message an admin removed.
    pub deleted_by_admin: &'static str,
    /// The accessible name of a quote, which goes to the original.
    pub go_to_original: fn(&str) -> String,
    /// A quote of a message the viewer may not read.
    pub quote_unreadable: &'static str,
    /// Above the composer while replying: to whom.
    pub replying_to: fn(&str) -> String,
    /// The button that stops replying.
    pub cancel_reply: &'static str,
    /// Above the composer while editing.
    pub editing: &'static str,
    /// The button that stops editing.
    pub cancel_edit: &'static str,
    /// The delete dialog's heading.
    pub delete_title: &'static str,
    /// The delete dialog's sentence.
    pub delete_explain: &'static str,
    /// The delete dialog's button.
    pub delete_confirm: &'static str,
    /// Said when the original of a quote is no longer to be found.
    pub original_gone: &'static str,

    /// The policy `allow_reactions`' label.
    pub policy_reactions: &'static str,
    /// What turning reactions off does.
    pub policy_reactions_hint: &'static str,
    /// The tenant policy `admin_delete`'s label.
    pub policy_admin_delete: &'static str,
    /// What admin delete means.
    pub policy_admin_delete_hint: &'static str,
    /// The label of `edit_window_minutes`.
    pub policy_edit_window: &'static str,
    /// The label of `delete_window_minutes`.
    pub policy_delete_window: &'static str,
    /// Under either window: empty means no limit, 0 never.
    pub policy_window_hint: &'static str,
}

/// In English: the accessible names of the spec.
pub const EN: Verbs = Verbs {
    more_actions: "More actions",
    reply: "Reply",
    edit: "Edit",
    delete: "Delete",
    delete_for_me: "Delete for me",
    add_reaction: "Add reaction",
    quick_reactions: "Quick reactions",
    react_with: |emoji| format!("React with {emoji}"),
    reactions: "Reactions",
    reacted: |emoji, n| if n == 1 { format!("1 reaction {emoji}") } else { format!("{n} reactions {emoji}") },
    edited: "(edited)",
    deleted_by_sender: "This message was deleted",
    deleted_by_admin: "Removed by an admin",
    go_to_original: |name| format!("Go to {name}'s message"),
    quote_unreadable: "A message from before you joined",
    replying_to: |name| format!("Replying to {name}"),
    cancel_reply: "Cancel reply",
    editing: "Editing your message",
    cancel_edit: "Cancel editing",
    delete_title: "Delete for everyone?",
    delete_explain: "The message is removed for everyone in the conversation. Its place shows that it was deleted.",
    delete_confirm: "Delete for everyone",
    original_gone: "That message can't be shown.",

    policy_reactions: "Allow reactions",
    policy_reactions_hint: "Off: nobody can react to messages.",
    policy_admin_delete: "Admins may delete others' messages",
    policy_admin_delete_hint: "The organization's admins and a group's admins can remove any message the organization owns.",
    policy_edit_window: "Messages can be edited for (minutes)",
    policy_delete_window: "Messages can be deleted for everyone for (minutes)",
    policy_window_hint: "Empty: no limit. 0: never.",
};

/// In Swedish.
pub const SV: Verbs = Verbs {
    more_actions: "Fler åtgärder",
    reply: "Svara",
    edit: "Redigera",
    delete: "Ta bort",
    delete_for_me: "Ta bort för mig",
    add_reaction: "Lägg till reaktion",
    quick_reactions: "Snabba reaktioner",
    react_with: |emoji| format!("Reagera med {emoji}"),
    reactions: "Reaktioner",
    reacted: |emoji, n| if n == 1 { format!("1 reaktion {emoji}") } else { format!("{n} reaktioner {emoji}") },
    edited: "(redigerat)",
    deleted_by_sender: "Meddelandet har tagits bort",
    deleted_by_admin: "Borttaget av en administratör",
    go_to_original: |name| format!("Gå till meddelandet från {name}"),
    quote_unreadable: "Ett meddelande från innan du gick med",
    replying_to: |name| format!("Svarar {name}"),
    cancel_reply: "Avbryt svaret",
    editing: "Du redigerar ditt meddelande",
    cancel_edit: "Avbryt redigeringen",
    delete_title: "Ta bort för alla?",
    delete_explain: "Meddelandet tas bort för alla i konversationen. På dess plats syns att det togs bort.",
    delete_confirm: "Ta bort för alla",
    original_gone: "Det meddelandet kan inte visas.",

    policy_reactions: "Tillåt reaktioner",
    policy_reactions_hint: "Av: ingen kan reagera på meddelanden.",
    policy_admin_delete: "Administratörer får ta bort andras meddelanden",
    policy_admin_delete_hint: "Organisationens och gruppens administratörer kan ta bort alla meddelanden som organisationen äger.",
    policy_edit_window: "Meddelanden kan redigeras i (minuter)",
    policy_delete_window: "Meddelanden kan tas bort för alla i (minuter)",
    policy_window_hint: "Tomt: ingen gräns. 0: aldrig.",
};
