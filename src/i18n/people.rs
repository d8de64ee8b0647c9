//! Texts of Contacts, people search, starting conversations and the group profile.

use samtal_core::SetBy;

/// Texts of Contacts, people search, starting conversations and the group profile.
pub struct People {
    // ---------------------------------------------------------------- people search
    /// The accessible name of every people search box.
    pub search_label: &'static str,
    /// The search summary while a search waits or runs.
    pub searching: &'static str,
    /// The search summary once an answer came: how many people were found for the term.
    pub found_for: fn(usize, &str) -> String,
    /// The heading and list name of people search results.
    pub search_results: &'static str,
    /// The accessible name of an avatar button that opens someone's profile.
    pub show_profile_of: fn(&str) -> String,
    /// Under a search result that is a saved contact.
    pub contact: &'static str,
    /// While the saved contacts load.
    pub loading_contacts: &'static str,
    /// The empty state's title when there are no saved contacts.
    pub no_contacts: &'static str,
    /// Under "No contacts yet" in a dialog's people picker.
    pub picker_no_contacts_hint: &'static str,
    /// The Contacts heading, and the accessible name of a list of contacts.
    pub contacts: &'static str,
    /// A person who is in a directory but has no Samtal account yet.
    pub not_on_samtal: &'static str,

    // ---------------------------------------------------------------- Contacts
    /// The hint under the search box on Contacts.
    pub contacts_search_hint: &'static str,
    /// The heading of the saved contacts on Contacts.
    pub address_book: &'static str,
    /// Announced once a search result is saved as a contact.
    pub saved_as_contact: fn(&str) -> String,
    /// Announced once a contact is removed.
    pub no_longer_contact: fn(&str) -> String,
    /// A removal confirmation's title: a contact, or a group member.
    pub remove_person: fn(&str) -> String,
    /// The button that confirms removing a contact.
    pub remove_contact: &'static str,
    /// What removing a contact does.
    pub remove_contact_body: fn(&str) -> String,
    /// Under the viewer's own search result.
    pub this_is_you: &'static str,
    /// Under a directory result that can't be saved, as they have no account.
    pub cant_save_not_on_samtal: &'static str,
    /// Starts an organization chat with a directory result.
    pub start_org_chat: &'static str,
    /// Starts a private chat with a contact.
    pub start_private_chat: &'static str,
    /// Saves a search result as a contact.
    pub save_contact: &'static str,
    /// The empty address book, before the bold **Save contact**.
    pub no_contacts_hint_before: &'static str,
    /// The empty address book, after the bold **Save contact**.
    pub no_contacts_hint_after: &'static str,

    // ---------------------------------------------------------------- starting conversations
    /// The title of the organization chat confirmation.
    pub start_org_chat_title: &'static str,
    /// What an organization chat with a person (first value) owned by an organization (second) is.
    pub org_chat_sentence: fn(&str, &str) -> String,
    /// What happens for someone not on Samtal yet: their name, and their work e-mail when known.
    pub waiting_sentence: fn(&str, Option<&str>) -> String,
    /// The **New chat** dialog's title.
    pub new_chat: &'static str,
    /// Leaves the organization chat confirmation for the list in **New chat**.
    pub back: &'static str,
    /// The explanation at the top of **New chat**.
    pub new_chat_hint: &'static str,
    /// The **New group** dialog's title.
    pub new_group: &'static str,
    /// The label of a new group's name.
    pub group_name: &'static str,
    /// When a new group's name is left empty.
    pub name_the_group: &'static str,
    /// The explanation of the member picker in **New group**.
    pub new_group_hint: &'static str,
    /// The member picker in **New group** when there are no contacts.
    pub new_group_no_contacts: &'static str,
    /// Creates the new group.
    pub create_group: &'static str,

    // ---------------------------------------------------------------- profile card
    /// A profile's title until the person's name is known; the profile pane's heading when it failed.
    pub profile: &'static str,
    /// While a profile loads.
    pub loading_profile: &'static str,
    /// A profile fact: job title.
    pub designation: &'static str,
    /// A profile fact: department.
    pub department: &'static str,
    /// A profile fact: work e-mail.
    pub work_email: &'static str,
    /// A profile fact: alias in the directory.
    pub alias: &'static str,
    /// A profile fact: the organization.
    pub organization: &'static str,
    /// Beside a profile's avatar: job title (first value) at the organization (second).
    pub designation_at: fn(&str, &str) -> String,
    /// A profile of someone in no directory the viewer can see.
    pub no_org_details: &'static str,
    /// The heading of what an organization says about its conversations.
    pub about_conversations: fn(&str) -> String,
    /// Closes a profile card.
    pub close: &'static str,

    // ---------------------------------------------------------------- group profile
    /// A profile address naming no conversation.
    pub no_such_conversation: &'static str,
    /// The profile pane's link back to its conversation.
    pub back_to_conversation: &'static str,
    /// The profile pane's close button.
    pub close_profile: &'static str,
    /// The profile's heading once access to it ended.
    pub closed: &'static str,
    /// The profile's menu button.
    pub more: &'static str,
    /// The menu entry and dialog that edit a group's policies.
    pub edit_policies: &'static str,
    /// The menu entry and button that leave a group.
    pub leave_group: &'static str,
    /// Announced once a group is added to an organization.
    pub group_converted: &'static str,
    /// Announced once a group's policies are saved.
    pub policies_saved: &'static str,
    /// Announced once a member is removed.
    pub member_removed: fn(&str) -> String,
    /// Announced once a member is added.
    pub member_added: fn(&str) -> String,
    /// The organization a group would join, when the viewer's is not known.
    pub your_organization: &'static str,
    /// Bold, at the start of the organization conversion dialog.
    pub cant_be_undone: &'static str,
    /// After "This can't be undone.": the group (first value) becomes the organization's (second).
    pub becomes_org_group: fn(&str, &str) -> String,
    /// What converting a group means for its messages, for an organization.
    pub conversion_consequences: fn(&str) -> String,
    /// The leave confirmation's title.
    pub leave_title: fn(&str) -> String,
    /// What leaving an organization group does.
    pub leave_org_body: &'static str,
    /// What leaving a private group does.
    pub leave_private_body: &'static str,
    /// What removing a member (first value) from a group (second) does.
    pub remove_member_body: fn(&str, &str) -> String,
    /// Under an organization group's name: how many members.
    pub org_group_members: fn(usize) -> String,
    /// Under a private group's name: how many members.
    pub private_group_members: fn(usize) -> String,
    /// The owner organization, where its name is not known, at the start of a phrase.
    pub the_organization_capital: &'static str,
    /// The owner organization, where its name is not known, inside a sentence.
    pub the_organization: &'static str,
    /// How a conversation was created in the app, and when.
    pub created_in_app: fn(&str) -> String,
    /// How a conversation was created in the admin portal, and when.
    pub created_in_portal: fn(&str) -> String,
    /// The heading of who owns a conversation.
    pub ownership: &'static str,
    /// Who owns an organization's conversation, by the organization's name.
    pub owned_by_org: fn(&str) -> String,
    /// Who owns a private conversation (rule 6).
    pub owned_by_participants: &'static str,
    /// The fact of when a conversation was created.
    pub created: &'static str,
    /// The fact of when a group was added to an organization.
    pub converted: &'static str,
    /// When a group was added to an organization (first value) and at what time (second).
    pub converted_on: fn(&str, &str) -> String,
    /// The heading of a conversation's policies.
    pub policies: &'static str,
    /// The heading of a conversation's members, with how many.
    pub members_heading: fn(usize) -> String,
    /// Opens **Add members**, and its title.
    pub add_members: &'static str,
    /// The accessible name of the member list, and the new group's member picker.
    pub members: &'static str,
    /// A member's role: admin.
    pub role_admin: &'static str,
    /// A member's role: member.
    pub role_member: &'static str,
    /// Under the viewer's own row: their role.
    pub role_you: fn(&str) -> String,
    /// Under a member with no account yet: their role.
    pub role_not_on_samtal: fn(&str) -> String,
    /// Under a result in **Add members** who is already in.
    pub already_member: &'static str,
    /// Under a result in **Add members** who can't be added, having no account.
    pub only_their_org_groups: &'static str,
    /// Adds a person in **Add members**.
    pub add: &'static str,
    /// Closes **Add members**.
    pub done: &'static str,

    // ---------------------------------------------------------------- policies
    /// Who set a restriction, for an organization's name: its tenant policy, the group's admins, or both.
    pub set_by: fn(SetBy, &str) -> String,
    /// The policies of a private conversation: none.
    pub no_policies: &'static str,
    /// The group, as a policy line names where it applies.
    pub place_group: &'static str,
    /// The chat, as a policy line names where it applies.
    pub place_chat: &'static str,
    /// A policy line: copying is allowed.
    pub copy_allowed: &'static str,
    /// A policy line: copying is off, and who turned it off when known.
    pub copy_off: fn(Option<&str>) -> String,
    /// A policy line: sharing is allowed.
    pub share_allowed: &'static str,
    /// A policy line: sharing is off, and who turned it off when known.
    pub share_off: fn(Option<&str>) -> String,
    /// A policy line: forwarding out of the place is allowed.
    pub forward_allowed: fn(&str) -> String,
    /// A policy line: forwarding out of the organization is off, and who turned it off when known.
    pub forward_off: fn(Option<&str>) -> String,
    /// A policy line: opening the place needs a work sign-in, and who set that when known.
    pub signin_required: fn(&str, Option<&str>) -> String,
    /// A policy line: opening the place needs no work sign-in.
    pub signin_not_required: fn(&str) -> String,
    /// A policy line, and the hint of its checkbox: new members see earlier messages.
    pub history_all: &'static str,
    /// A policy line: new members see messages from when they joined.
    pub history_from_join: &'static str,
    /// The explanation at the top of **Edit policies**.
    pub policies_dialog_intro: &'static str,
    /// A group policy checkbox: copying.
    pub allow_copy: &'static str,
    /// The hint of the copying checkbox.
    pub allow_copy_hint: &'static str,
    /// A group policy checkbox: sharing.
    pub allow_share: &'static str,
    /// The hint of the sharing checkbox.
    pub allow_share_hint: &'static str,
    /// A group policy checkbox: forwarding.
    pub allow_forward: &'static str,
    /// The hint of the forwarding checkbox.
    pub allow_forward_hint: &'static str,
    /// A group policy checkbox: work sign-in.
    pub require_work_signin: &'static str,
    /// The hint of the work sign-in checkbox.
    pub require_work_signin_hint: &'static str,
    /// A group policy checkbox: history for new members.
    pub show_history: &'static str,
    /// Saves **Edit policies**.
    pub save_policies: &'static str,

    // ---------------------------------------------------------------- revocation
    /// Why the profile closed: the viewer left.
    pub revoked_left: &'static str,
    /// Why the profile closed: the viewer was removed.
    pub revoked_removed: &'static str,
    /// Why the profile closed: the viewer signed out of their work account.
    pub revoked_signed_out: &'static str,
    /// Why the profile closed: the organization removed the viewer from its directory.
    pub revoked_directory: &'static str,
    /// Why the profile closed: the organization turned Samtal off.
    pub revoked_org_disabled: &'static str,
}

/// In English: the accessible names of the spec.
pub const EN: People = People {
    search_label: "Search by name or alias",
    searching: "Searching…",
    found_for: |n, term| match n {
        0 => format!("No one found for “{term}”."),
        1 => format!("1 person found for “{term}”."),
        n => format!("{n} people found for “{term}”."),
    },
    search_results: "Search results",
    show_profile_of: |name| format!("Show profile of {name}"),
    contact: "Contact",
    loading_contacts: "Loading your contacts…",
    no_contacts: "No contacts yet",
    picker_no_contacts_hint: "Search above to find people in your organization's directory.",
    contacts: "Contacts",
    not_on_samtal: "Not on Samtal yet",

    contacts_search_hint: "Finds your contacts and the people in your organization's directory.",
    address_book: "Address book",
    saved_as_contact: |name| format!("{name} is saved as a contact."),
    no_longer_contact: |name| format!("{name} is no longer a contact."),
    remove_person: |name| format!("Remove {name}?"),
    remove_contact: "Remove contact",
    remove_contact_body: |name| {
        format!("{name} is taken out of your contacts. Your chats with them stay where they are.")
    },
    this_is_you: "This is you.",
    cant_save_not_on_samtal: "Not on Samtal yet, so they can't be saved as a contact.",
    start_org_chat: "Start organization chat",
    start_private_chat: "Start private chat",
    save_contact: "Save contact",
    no_contacts_hint_before: "People you save as contacts show up here. Search above, then ",
    no_contacts_hint_after: "; from a contact you can start a private chat.",

    start_org_chat_title: "Start an organization chat",
    org_chat_sentence: |name, org| {
        format!(
            "This creates an organization chat with {name}, owned by {org}. {org} owns what is written in it and can see and manage it."
        )
    },
    waiting_sentence: |name, email| {
        let mail = email.map(|e| format!(" at {e}")).unwrap_or_default();
        format!("{name} is not on Samtal yet: what you send waits for them, and they are told by e-mail{mail}.")
    },
    new_chat: "New chat",
    back: "Back",
    new_chat_hint: "Pick a contact for a private chat, or find someone in your organization's directory for an organization chat.",
    new_group: "New group",
    group_name: "Group name",
    name_the_group: "Give the group a name.",
    new_group_hint: "Pick from your contacts. A new group is private: it belongs to the people in it.",
    new_group_no_contacts: "No contacts yet. Create the group now and add members later, or save people under Contacts first.",
    create_group: "Create group",

    profile: "Profile",
    loading_profile: "Loading the profile…",
    designation: "Designation",
    department: "Department",
    work_email: "Work e-mail",
    alias: "Alias",
    organization: "Organization",
    designation_at: |designation, org| format!("{designation}, {org}"),
    no_org_details: "No organization details to show: they are not in a directory you can see.",
    about_conversations: |org| format!("About {org} conversations"),
    close: "Close",

    no_such_conversation: "There is no such conversation",
    back_to_conversation: "Back to the conversation",
    close_profile: "Close the profile",
    closed: "Closed",
    more: "More",
    edit_policies: "Edit policies",
    leave_group: "Leave group",
    group_converted: "The group now belongs to the organization.",
    policies_saved: "The policies are saved.",
    member_removed: |name| format!("{name} was removed."),
    member_added: |name| format!("{name} was added."),
    your_organization: "your organization",
    cant_be_undone: "This can't be undone.",
    becomes_org_group: |title, org| format!(" {title} becomes a group owned by {org}."),
    conversion_consequences: |org| {
        format!(
            "Messages sent from now on belong to {org}, which can see and manage them, and its policies apply. Messages sent before stay private to the people who wrote them."
        )
    },
    leave_title: |title| format!("Leave {title}?"),
    leave_org_body: "It closes on your devices, and its messages are removed from them.",
    leave_private_body: "It closes on your devices. The others keep the conversation.",
    remove_member_body: |name, title| format!("{name} leaves {title}, and it is removed from their devices."),
    org_group_members: |n| format!("Organization group · {n} members"),
    private_group_members: |n| format!("Private group · {n} members"),
    the_organization_capital: "The organization",
    the_organization: "the organization",
    created_in_app: |at| format!("In the app, {at}"),
    created_in_portal: |at| format!("In the admin portal, {at}"),
    ownership: "Ownership",
    owned_by_org: |org| format!("Owned by {org}."),
    owned_by_participants: "Owned by its participants. No organization can see or manage it.",
    created: "Created",
    converted: "Converted",
    converted_on: |org, at| format!("Added to {org} on {at}. Messages from before stay private."),
    policies: "Policies",
    members_heading: |n| format!("Members ({n})"),
    add_members: "Add members",
    members: "Members",
    role_admin: "Admin",
    role_member: "Member",
    role_you: |role| format!("{role} · You"),
    role_not_on_samtal: |role| format!("{role} · Not on Samtal yet"),
    already_member: "Already a member.",
    only_their_org_groups: "Not on Samtal yet: only their organization's groups can include them.",
    add: "Add",
    done: "Done",

    set_by: |by, org| match by {
        SetBy::Tenant => format!("{org}'s tenant policy"),
        SetBy::GroupAdmins => "this group's admins".to_owned(),
        SetBy::TenantAndGroupAdmins => format!("{org}'s tenant policy and this group's admins"),
    },
    no_policies: "No policies: a private conversation belongs to its participants and nothing in it is restricted.",
    place_group: "the group",
    place_chat: "the chat",
    copy_allowed: "Message text can be copied.",
    copy_off: |by| match by {
        Some(by) => format!("Copying message text is turned off by {by}."),
        None => "Copying message text is turned off.".to_owned(),
    },
    share_allowed: "Attachments can be downloaded and shared, and messages exported.",
    share_off: |by| {
        let by = by.map(|by| format!(" by {by}")).unwrap_or_default();
        format!("Downloading and sharing attachments is turned off{by}, and messages are left out of exports.")
    },
    forward_allowed: |place| format!("Messages can be forwarded out of {place}."),
    forward_off: |by| {
        let by = by.map(|by| format!(" by {by}")).unwrap_or_default();
        format!("Forwarding out of the organization is turned off{by}: messages go only to its own conversations.")
    },
    signin_required: |place, by| match by {
        Some(by) => format!("Opening {place} needs a sign-in to a work account, set by {by}."),
        None => format!("Opening {place} needs a sign-in to a work account."),
    },
    signin_not_required: |place| format!("Opening {place} needs no work-account sign-in."),
    history_all: "New members see the messages from before they joined.",
    history_from_join: "New members see messages from when they joined.",
    policies_dialog_intro: "The organization's own policies still apply: where they are stricter, they win.",
    allow_copy: "Allow copying messages",
    allow_copy_hint: "Members can copy message text.",
    allow_share: "Allow sharing",
    allow_share_hint: "Attachments can be downloaded and shared out, and messages exported.",
    allow_forward: "Allow forwarding",
    allow_forward_hint: "Messages can be forwarded to conversations outside the organization.",
    require_work_signin: "Require work sign-in",
    require_work_signin_hint: "Only people signed in to a work account can open the group.",
    show_history: "Show history to new members",
    save_policies: "Save policies",

    revoked_left: "You left this conversation.",
    revoked_removed: "You were removed from this group, so it is no longer on your devices.",
    revoked_signed_out: "You signed out of your work account, so this organization's conversations are closed to you.",
    revoked_directory: "The organization removed you from its directory, so its conversations are closed to you.",
    revoked_org_disabled: "The organization has turned Samtal off; its conversations are closed.",
};

/// A name in the Swedish genitive: "Nordvik Energis"; names that already end
/// in s, x or z take nothing ("Acme Industries").
fn genitive(name: &str) -> String {
    if name.ends_with(['s', 'x', 'z', 'S', 'X', 'Z']) { name.to_owned() } else { format!("{name}s") }
}

/// "1 medlem", "3 medlemmar".
fn medlemmar(n: usize) -> String {
    if n == 1 { "1 medlem".to_owned() } else { format!("{n} medlemmar") }
}

/// In Swedish.
pub const SV: People = People {
    search_label: "Sök på namn eller alias",
    searching: "Söker…",
    found_for: |n, term| match n {
        0 => format!("Ingen hittades för ”{term}”."),
        1 => format!("1 person hittades för ”{term}”."),
        n => format!("{n} personer hittades för ”{term}”."),
    },
    search_results: "Sökresultat",
    show_profile_of: |name| format!("Visa profilen för {name}"),
    contact: "Kontakt",
    loading_contacts: "Läser in dina kontakter…",
    no_contacts: "Inga kontakter än",
    picker_no_contacts_hint: "Sök ovan för att hitta personer i din organisations katalog.",
    contacts: "Kontakter",
    not_on_samtal: "Inte på Samtal än",

    contacts_search_hint: "Hittar dina kontakter och personerna i din organisations katalog.",
    address_book: "Adressbok",
    saved_as_contact: |name| format!("{name} har sparats som kontakt."),
    no_longer_contact: |name| format!("{name} är inte längre en kontakt."),
    remove_person: |name| format!("Ta bort {name}?"),
    remove_contact: "Ta bort kontakt",
    remove_contact_body: |name| {
        format!("{name} tas bort från dina kontakter. Dina chattar med personen finns kvar där de är.")
    },
    this_is_you: "Det här är du.",
    cant_save_not_on_samtal: "Inte på Samtal än, så personen kan inte sparas som kontakt.",
    start_org_chat: "Starta organisationschatt",
    start_private_chat: "Starta privat chatt",
    save_contact: "Spara kontakt",
    no_contacts_hint_before: "Personer som du sparar som kontakter visas här. Sök ovan och välj sedan ",
    no_contacts_hint_after: ". Från en kontakt kan du starta en privat chatt.",

    start_org_chat_title: "Starta en organisationschatt",
    org_chat_sentence: |name, org| {
        format!(
            "Det här skapar en organisationschatt med {name} som ägs av {org}. {org} äger det som skrivs i den och kan se och hantera det."
        )
    },
    waiting_sentence: |name, email| match email {
        Some(email) => format!(
            "{name} är inte på Samtal än: det du skickar väntar på personen, som får besked via mejl till {email}."
        ),
        None => format!("{name} är inte på Samtal än: det du skickar väntar på personen, som får besked via mejl."),
    },
    new_chat: "Ny chatt",
    back: "Tillbaka",
    new_chat_hint: "Välj en kontakt för en privat chatt, eller hitta någon i din organisations katalog för en organisationschatt.",
    new_group: "Ny grupp",
    group_name: "Gruppnamn",
    name_the_group: "Ge gruppen ett namn.",
    new_group_hint: "Välj bland dina kontakter. En ny grupp är privat: den tillhör personerna i den.",
    new_group_no_contacts: "Inga kontakter än. Skapa gruppen nu och lägg till medlemmar senare, eller spara personer under Kontakter först.",
    create_group: "Skapa grupp",

    profile: "Profil",
    loading_profile: "Läser in profilen…",
    designation: "Befattning",
    department: "Avdelning",
    work_email: "Jobbmejl",
    alias: "Alias",
    organization: "Organisation",
    designation_at: |designation, org| format!("{designation} på {org}"),
    no_org_details: "Inga organisationsuppgifter att visa: personen finns inte i någon katalog som du kan se.",
    about_conversations: |org| format!("Om konversationer i {org}"),
    close: "Stäng",

    no_such_conversation: "Konversationen finns inte",
    back_to_conversation: "Tillbaka till konversationen",
    close_profile: "Stäng profilen",
    closed: "Stängd",
    more: "Mer",
    edit_policies: "Redigera policyer",
    leave_group: "Lämna gruppen",
    group_converted: "Gruppen tillhör nu organisationen.",
    policies_saved: "Policyerna har sparats.",
    member_removed: |name| format!("{name} togs bort."),
    member_added: |name| format!("{name} lades till."),
    your_organization: "din organisation",
    cant_be_undone: "Det här går inte att ångra.",
    becomes_org_group: |title, org| format!(" {title} blir en grupp som ägs av {org}."),
    conversion_consequences: |org| {
        format!(
            "Meddelanden som skickas från och med nu tillhör {org}, som kan se och hantera dem, och organisationens policyer gäller. Meddelanden som skickats tidigare förblir privata för dem som skrev dem."
        )
    },
    leave_title: |title| format!("Lämna {title}?"),
    leave_org_body: "Gruppen stängs på dina enheter och dess meddelanden tas bort från dem.",
    leave_private_body: "Gruppen stängs på dina enheter. De andra behåller konversationen.",
    remove_member_body: |name, title| format!("{name} lämnar {title}, och gruppen tas bort från personens enheter."),
    org_group_members: |n| format!("Organisationsgrupp · {}", medlemmar(n)),
    private_group_members: |n| format!("Privat grupp · {}", medlemmar(n)),
    the_organization_capital: "Organisationen",
    the_organization: "organisationen",
    created_in_app: |at| format!("I appen, {at}"),
    created_in_portal: |at| format!("I administrationsportalen, {at}"),
    ownership: "Ägarskap",
    owned_by_org: |org| format!("Ägs av {org}."),
    owned_by_participants: "Ägs av deltagarna. Ingen organisation kan se eller hantera den.",
    created: "Skapad",
    converted: "Konverterad",
    converted_on: |org, at| format!("Lades till i {org} den {at}. Meddelanden från tiden innan förblir privata."),
    policies: "Policyer",
    members_heading: |n| format!("Medlemmar ({n})"),
    add_members: "Lägg till medlemmar",
    members: "Medlemmar",
    role_admin: "Administratör",
    role_member: "Medlem",
    role_you: |role| format!("{role} · Du"),
    role_not_on_samtal: |role| format!("{role} · Inte på Samtal än"),
    already_member: "Redan medlem.",
    only_their_org_groups: "Inte på Samtal än: kan bara läggas till i grupper som tillhör personens organisation.",
    add: "Lägg till",
    done: "Klar",

    set_by: |by, org| match by {
        SetBy::Tenant => format!("{} policy", genitive(org)),
        SetBy::GroupAdmins => "gruppens administratörer".to_owned(),
        SetBy::TenantAndGroupAdmins => format!("{} policy och gruppens administratörer", genitive(org)),
    },
    no_policies: "Inga policyer: en privat konversation tillhör sina deltagare och inget i den är begränsat.",
    place_group: "gruppen",
    place_chat: "chatten",
    copy_allowed: "Meddelandetext kan kopieras.",
    copy_off: |by| match by {
        Some(by) => format!("Kopiering av meddelandetext är avstängd av {by}."),
        None => "Kopiering av meddelandetext är avstängd.".to_owned(),
    },
    share_allowed: "Bilagor kan laddas ner och delas, och meddelanden kan exporteras.",
    share_off: |by| {
        let by = by.map(|by| format!(" av {by}")).unwrap_or_default();
        format!("Nedladdning och delning av bilagor är avstängd{by}, och meddelanden tas inte med i exporter.")
    },
    forward_allowed: |place| format!("Meddelanden kan vidarebefordras utanför {place}."),
    forward_off: |by| {
        let by = by.map(|by| format!(" av {by}")).unwrap_or_default();
        format!(
            "Vidarebefordran utanför organisationen är avstängd{by}: meddelanden kan bara skickas till organisationens egna konversationer."
        )
    },
    signin_required: |place, by| match by {
        Some(by) => format!("Att öppna {place} kräver inloggning med jobbkonto, inställt av {by}."),
        None => format!("Att öppna {place} kräver inloggning med jobbkonto."),
    },
    signin_not_required: |place| format!("Att öppna {place} kräver ingen inloggning med jobbkonto."),
    history_all: "Nya medlemmar ser meddelandena från innan de gick med.",
    history_from_join: "Nya medlemmar ser meddelanden från när de gick med.",
    policies_dialog_intro: "Organisationens egna policyer gäller fortfarande: där de är strängare är det de som gäller.",
    allow_copy: "Tillåt kopiering av meddelanden",
    allow_copy_hint: "Medlemmar kan kopiera meddelandetext.",
    allow_share: "Tillåt delning",
    allow_share_hint: "Bilagor kan laddas ner och delas vidare, och meddelanden kan exporteras.",
    allow_forward: "Tillåt vidarebefordran",
    allow_forward_hint: "Meddelanden kan vidarebefordras till konversationer utanför organisationen.",
    require_work_signin: "Kräv inloggning med jobbkonto",
    require_work_signin_hint: "Bara personer som är inloggade med ett jobbkonto kan öppna gruppen.",
    show_history: "Visa historik för nya medlemmar",
    save_policies: "Spara policyer",

    revoked_left: "Du lämnade den här konversationen.",
    revoked_removed: "Du togs bort från den här gruppen, så den finns inte längre på dina enheter.",
    revoked_signed_out: "Du loggade ut från ditt jobbkonto, så den här organisationens konversationer är stängda för dig.",
    revoked_directory: "Organisationen tog bort dig från sin katalog, så dess konversationer är stängda för dig.",
    revoked_org_disabled: "Organisationen har stängt av Samtal; dess konversationer är stängda.",
};
