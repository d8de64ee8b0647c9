//! Texts of what can be done to a message: its menu, forwarding, attachments, policy notes.

use samtal_core::SetBy;

/// Texts of what can be done to a message: its menu, forwarding, attachments, policy notes.
pub struct Actions {
    /// Who set a policy, as the end of a sentence, for the owner organization
    /// named: "Nordvik Energi's tenant policy", "this group's admins", or both.
    pub set_by: fn(SetBy, &str) -> String,
    /// Who set a policy, as the phrase after "turned off": "by Nordvik
    /// Energi's tenant policy" (Swedish picks its preposition by the setter).
    pub by_setter: fn(SetBy, &str) -> String,
    /// A policy note: copying is turned off, by whom, for the owner organization named.
    pub copying_turned_off: fn(SetBy, &str) -> String,
    /// A policy note: forwarding out of the organization is turned off, by whom.
    pub forwarding_turned_off: fn(SetBy, &str) -> String,
    /// A policy note: downloading and sharing files is turned off, by whom.
    pub sharing_turned_off: fn(SetBy, &str) -> String,
    /// The accessible name of the list of policy notes under a conversation's header.
    pub turned_off_here: &'static str,

    /// The Forward dialog's heading.
    pub forward_title: &'static str,
    /// The label of the Forward dialog's comment field.
    pub forward_comment: &'static str,
    /// The placeholder of the Forward dialog's comment field.
    pub forward_comment_placeholder: &'static str,
    /// The Forward dialog's line above its list of conversations.
    pub forward_choose: &'static str,
    /// While the Forward dialog loads the person's conversations.
    pub forward_loading: &'static str,
    /// The Forward dialog when there is nowhere to forward to.
    pub forward_nowhere: &'static str,
    /// The accessible name of the Forward dialog's list of conversations.
    pub forward_targets: &'static str,
    /// On a conversation in the Forward dialog while the message goes there.
    pub forwarding: &'static str,
    /// Under a target's title: a one-to-one chat of the organization named.
    pub target_org_chat: fn(&str) -> String,
    /// Under a target's title: a group of the organization named.
    pub target_org_group: fn(&str) -> String,
    /// Under a target's title: an organization's conversation whose owner is not known.
    pub target_org_conversation: &'static str,
    /// Under a target's title: a group owned by its participants.
    pub target_private_group: &'static str,

    /// An attachment that is a photo, in previews and under the file.
    pub photo: &'static str,
    /// An attachment that is a video.
    pub video: &'static str,
    /// An attachment that is a sound recording.
    pub audio: &'static str,
    /// An attachment of a kind not known, in previews.
    pub attachment: &'static str,
    /// The chat list's preview line of a conversation without messages.
    pub no_messages_yet: &'static str,
    /// Under a file the viewer may not open, where sharing is turned off.
    pub files_locked: &'static str,
    /// The link that downloads an attachment (the file's name follows for screen readers).
    pub download: &'static str,
    /// A file's size under 1 KB, in bytes.
    pub size_bytes: fn(u64) -> String,
    /// A file's size in whole kilobytes.
    pub size_kb: fn(u64) -> String,
    /// A file's size in megabytes: the whole part and the tenths.
    pub size_mb: fn(u64, u64) -> String,
}

/// In English: the accessible names of the spec.
pub const EN: Actions = Actions {
    set_by: english_set_by,
    by_setter: |by, org| format!("by {}", english_set_by(by, org)),
    copying_turned_off: |by, org| format!("Copying is turned off by {}.", english_set_by(by, org)),
    forwarding_turned_off: |by, org| {
        format!("Forwarding out of the organization is turned off by {}.", english_set_by(by, org))
    },
    sharing_turned_off: |by, org| {
        format!("Downloading and sharing files is turned off by {}.", english_set_by(by, org))
    },
    turned_off_here: "Turned off in this conversation",

    forward_title: "Forward message",
    forward_comment: "Comment (optional)",
    forward_comment_placeholder: "Add a few words above the message",
    forward_choose: "Choose a conversation to forward it to.",
    forward_loading: "Loading your conversations…",
    forward_nowhere: "There is no other conversation to forward to.",
    forward_targets: "Conversations to forward to",
    forwarding: "Forwarding…",
    target_org_chat: |org| format!("{org} chat"),
    target_org_group: |org| format!("{org} group"),
    target_org_conversation: "Organization conversation",
    target_private_group: "Private group",

    photo: "Photo",
    video: "Video",
    audio: "Audio",
    attachment: "Attachment",
    no_messages_yet: "No messages yet",
    files_locked: "Opening files is turned off in this conversation.",
    download: "Download",
    size_bytes: |n| format!("{n} bytes"),
    size_kb: |n| format!("{n} KB"),
    size_mb: |whole, tenths| format!("{whole}.{tenths} MB"),
};

/// In Swedish.
pub const SV: Actions = Actions {
    set_by: |by, org| match by {
        SetBy::Tenant => format!("{} policy", genitive(org)),
        SetBy::GroupAdmins => "gruppens administratörer".to_owned(),
        SetBy::TenantAndGroupAdmins => format!("{} policy och gruppens administratörer", genitive(org)),
    },
    by_setter: swedish_by_setter,
    copying_turned_off: |by, org| format!("Kopiering är avstängd {}.", swedish_by_setter(by, org)),
    forwarding_turned_off: |by, org| {
        format!("Vidarebefordran utanför organisationen är avstängd {}.", swedish_by_setter(by, org))
    },
    sharing_turned_off: |by, org| format!("Att ladda ner och dela filer är avstängt {}.", swedish_by_setter(by, org)),
    turned_off_here: "Avstängt i den här konversationen",

    forward_title: "Vidarebefordra meddelande",
    forward_comment: "Kommentar (valfritt)",
    forward_comment_placeholder: "Skriv några ord ovanför meddelandet",
    forward_choose: "Välj en konversation att vidarebefordra det till.",
    forward_loading: "Läser in dina konversationer…",
    forward_nowhere: "Det finns ingen annan konversation att vidarebefordra till.",
    forward_targets: "Konversationer att vidarebefordra till",
    forwarding: "Vidarebefordrar…",
    target_org_chat: |org| format!("Chatt i {org}"),
    target_org_group: |org| format!("Grupp i {org}"),
    target_org_conversation: "Organisationskonversation",
    target_private_group: "Privat grupp",

    photo: "Bild",
    video: "Video",
    audio: "Ljud",
    attachment: "Bilaga",
    no_messages_yet: "Inga meddelanden än",
    files_locked: "Det går inte att öppna filer i den här konversationen.",
    download: "Ladda ner",
    size_bytes: |n| format!("{n} byte"),
    size_kb: |n| format!("{n} kB"),
    size_mb: |whole, tenths| format!("{whole},{tenths} MB"),
};

fn english_set_by(by: SetBy, org: &str) -> String {
    match by {
        SetBy::Tenant => format!("{org}'s tenant policy"),
        SetBy::GroupAdmins => "this group's admins".to_owned(),
        SetBy::TenantAndGroupAdmins => format!("{org}'s tenant policy and this group's admins"),
    }
}

/// A policy is turned off "enligt" (as) the organization's policy says, but
/// "av" (by) the people who chose it.
fn swedish_by_setter(by: SetBy, org: &str) -> String {
    match by {
        SetBy::Tenant => format!("enligt {} policy", genitive(org)),
        SetBy::GroupAdmins => "av gruppens administratörer".to_owned(),
        SetBy::TenantAndGroupAdmins => format!("enligt {} policy och av gruppens administratörer", genitive(org)),
    }
}

/// A name in the Swedish genitive: "Nordvik Energis", "Hansson & Brus"
/// (names ending in s, x or z take nothing), "IKEA:s", "Volvo AB:s"
/// (abbreviations and numbers take a colon).
pub fn genitive(name: &str) -> String {
    let name = name.trim_end();
    let Some(last) = name.chars().last() else {
        return String::new();
    };
    let last_word = name.rsplit(char::is_whitespace).next().unwrap_or_default();
    let abbreviation = last_word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && last_word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    if last.is_numeric() || abbreviation {
        format!("{name}:s")
    } else if matches!(last.to_lowercase().next(), Some('s' | 'x' | 'z')) {
        name.to_owned()
    } else {
        format!("{name}s")
    }
}
