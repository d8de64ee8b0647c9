//! Texts of the admin portal.

/// Texts of the admin portal.
pub struct Admin {
    // The portal and its tabs.
    /// The organization picker's label, and the Organization tab and heading.
    pub organization: &'static str,
    /// The Groups tab and heading.
    pub groups: &'static str,
    /// The Tenant policies tab and heading.
    pub tenant_policies: &'static str,
    /// The Sign-in tab and heading.
    pub sign_in: &'static str,
    /// The Directory tab and heading, and the accessible name of its list.
    pub directory: &'static str,
    /// The Audit log tab and heading.
    pub audit_log: &'static str,
    /// The accessible name of the tab list.
    pub sections: &'static str,
    /// The empty state for someone who administers no organization.
    pub no_organizations: &'static str,
    /// Its explanation.
    pub no_organizations_body: &'static str,

    // Groups.
    /// The status line once a group's policies are saved.
    pub group_policies_saved: fn(&str) -> String,
    /// The status line once a group is created.
    pub group_created: fn(&str) -> String,
    /// The button (and dialog title) that creates an org group.
    pub create_group: &'static str,
    /// What the Groups section lists.
    pub groups_intro: &'static str,
    /// While the groups load.
    pub loading_groups: &'static str,
    /// A group's member count.
    pub members_count: fn(usize) -> String,
    /// A group's policies restrict nothing.
    pub everything_allowed: &'static str,
    /// A restriction in a group's summary: copying is off.
    pub copying_off: &'static str,
    /// A restriction: sharing is off.
    pub sharing_off: &'static str,
    /// A restriction: forwarding is off.
    pub forwarding_off: &'static str,
    /// A restriction: work sign-in is required.
    pub work_signin_required: &'static str,
    /// A restriction: new members don't see earlier messages.
    pub no_history_for_new_members: &'static str,
    /// The empty state of the group list.
    pub no_org_groups: &'static str,
    /// Its explanation.
    pub no_org_groups_body: &'static str,
    /// The accessible name of the group list.
    pub org_groups: &'static str,
    /// A group without admins, in its facts.
    pub no_admins: &'static str,
    /// Where and when a group was created: in the portal.
    pub created_in_portal: fn(&str) -> String,
    /// Where and when a group was created: in the app.
    pub created_in_app: fn(&str) -> String,
    /// A group's Edit policies button.
    pub edit_policies: &'static str,
    /// What follows Edit policies for screen readers: which group.
    pub edit_policies_of: fn(&str) -> String,
    /// The fact label: the owning organization.
    pub owner: &'static str,
    /// The fact label: the group's admins.
    pub group_admins: &'static str,
    /// The fact label: when the group was created.
    pub created: &'static str,
    /// The fact label: whether the group was converted.
    pub converted: &'static str,
    /// When a private group was added to the organization.
    pub converted_at: fn(&str) -> String,
    /// A group that was never private.
    pub not_converted: &'static str,
    /// The summary of a group's member names.
    pub members_summary: fn(usize) -> String,
    /// What follows the member summary for screen readers: which group.
    pub members_of: fn(&str) -> String,
    /// After a member who has not signed in to Samtal yet.
    pub not_on_samtal_yet: &'static str,
    /// The Edit policies dialog's title.
    pub policies_of: fn(&str) -> String,
    /// Creating a group without a title.
    pub group_title_missing: &'static str,
    /// Creating a group whose title is too long.
    pub group_title_too_long: fn(usize) -> String,
    /// The Create group dialog's explanation.
    pub create_group_intro: &'static str,
    /// The title field of a new group.
    pub group_title: &'static str,
    /// The legend of the member picker.
    pub members: &'static str,
    /// The member picker with nobody picked.
    pub nobody_picked: &'static str,
    /// The accessible name of the picked members.
    pub picked_members: &'static str,
    /// The accessible name of a picked member's remove button.
    pub take_out: fn(&str) -> String,
    /// The label of the directory search in the member picker.
    pub find_in_directory: &'static str,
    /// The placeholder of the directory searches.
    pub search_placeholder: &'static str,
    /// While the member picker searches.
    pub searching_directory: &'static str,
    /// The member picker finds nobody.
    pub nobody_in_directory_matches: &'static str,
    /// The accessible name of the member picker's matches.
    pub directory_matches: &'static str,
    /// More matches than the picker lists.
    pub more_matches: fn(usize) -> String,
    /// While a group or a token is being created.
    pub creating: &'static str,

    // Policies.
    /// The copy policy's label.
    pub policy_copy: &'static str,
    /// What turning it off does.
    pub policy_copy_hint: &'static str,
    /// The share policy's label.
    pub policy_share: &'static str,
    /// What turning it off does.
    pub policy_share_hint: &'static str,
    /// The forward policy's label.
    pub policy_forward: &'static str,
    /// What turning it off does.
    pub policy_forward_hint: &'static str,
    /// The work sign-in policy's label.
    pub policy_work_signin: &'static str,
    /// What turning it on does.
    pub policy_work_signin_hint: &'static str,
    /// The tenant's missed-message e-mail policy's label.
    pub policy_emails: &'static str,
    /// What turning it off does.
    pub policy_emails_hint: &'static str,
    /// The tenant's password sign-in policy's label.
    pub policy_password_signin: &'static str,
    /// What turning it off does.
    pub policy_password_signin_hint: &'static str,
    /// The offline cache lifetime's label.
    pub offline_hours: &'static str,
    /// What it does, and its bounds.
    pub offline_hours_hint: fn(u32, u32) -> String,
    /// The policy forms' save button.
    pub save_policies: &'static str,
    /// The accessible legend of a group's policies.
    pub group_policies: &'static str,
    /// The group history policy's label.
    pub policy_history: &'static str,
    /// What turning it off does.
    pub policy_history_hint: &'static str,
    /// Under a group's policies: the tenant's still apply.
    pub stricter_applies: &'static str,
    /// The Tenant policies section's explanation.
    pub tenant_policies_intro: fn(&str) -> String,
    /// While the tenant policies load.
    pub loading_policies: &'static str,
    /// The status line once the tenant policies are saved.
    pub policies_saved: &'static str,

    // Directory.
    /// The Directory section's explanation.
    pub directory_intro: &'static str,
    /// The directory filter's label.
    pub filter_directory: &'static str,
    /// While the directory loads.
    pub loading_directory: &'static str,
    /// The status line once an entry is removed.
    pub entry_removed: fn(&str) -> String,
    /// The title of the confirmation before removing an entry.
    pub remove_entry_title: fn(&str) -> String,
    /// What removing an entry does.
    pub remove_entry_body: &'static str,
    /// What removing an entry does to their sign-in and their own chats.
    pub remove_entry_more: fn(&str, &str) -> String,
    /// A count of people.
    pub people: fn(usize) -> String,
    /// The empty state of a filtered directory.
    pub nobody_matches: &'static str,
    /// What to try instead.
    pub nobody_matches_body: &'static str,
    /// The empty state of an empty directory.
    pub directory_empty: &'static str,
    /// What to do about it.
    pub directory_empty_body: &'static str,
    /// The count line of a long list: how many, and that only the first show.
    pub count_too_many: fn(usize, usize) -> String,
    /// The count line of a filtered list.
    pub count_matching: fn(usize) -> String,
    /// The count line of the whole directory.
    pub count_in_directory: fn(usize) -> String,
    /// The tag on an entry that is an admin.
    pub admin_tag: &'static str,
    /// An entry whose person has signed in to Samtal.
    pub signed_in: &'static str,
    /// An entry whose person has not.
    pub not_signed_in: &'static str,
    /// Importing with no CSV.
    pub csv_missing: &'static str,
    /// A chosen file that isn't text.
    pub file_unreadable: &'static str,
    /// The import card's summary.
    pub import_people: &'static str,
    /// The import hint before the CSV header.
    pub import_hint_lead: &'static str,
    /// The import hint after the CSV header.
    pub import_hint_rest: &'static str,
    /// The CSV file input's label.
    pub csv_file: &'static str,
    /// The CSV text area's label.
    pub csv_rows: &'static str,
    /// An example row under the header, in the text area's placeholder.
    pub csv_example: &'static str,
    /// The button that checks the CSV without importing.
    pub preview: &'static str,
    /// The button that imports what the preview found good.
    pub import_count: fn(usize) -> String,
    /// A row's result in a preview.
    pub ready_to_import: &'static str,
    /// A row's result after the import.
    pub imported: &'static str,
    /// A preview where every row can be imported.
    pub preview_all: fn(usize) -> String,
    /// A preview where some rows cannot: how many can, of how many.
    pub preview_some: fn(usize, usize) -> String,
    /// An import where every row was imported.
    pub imported_all: fn(usize) -> String,
    /// An import where some rows were not: how many were, failed, of how many.
    pub imported_some: fn(usize, usize, usize) -> String,
    /// The caption of a preview's table.
    pub import_preview: &'static str,
    /// The caption of an import's table.
    pub import_result: &'static str,
    /// Above generated passwords.
    pub passwords_once: &'static str,
    /// The table header: the CSV row number.
    pub col_row: &'static str,
    /// The table header: the work e-mail.
    pub col_email: &'static str,
    /// The table header in a preview: what the check found.
    pub col_check: &'static str,
    /// The table header after the import.
    pub col_result: &'static str,
    /// The table header of generated passwords.
    pub col_password: &'static str,

    // Sign-in.
    /// The match claim `email` in the select.
    pub claim_email: &'static str,
    /// The match claim `sub` in the select.
    pub claim_sub: &'static str,
    /// The match claim `oid` in the select.
    pub claim_oid: &'static str,
    /// The client secret placeholder with a secret stored.
    pub secret_stored: &'static str,
    /// The client secret placeholder with none stored.
    pub secret_none: &'static str,
    /// A token that was never used.
    pub never_used: &'static str,
    /// When a token was last used.
    pub last_used: fn(&str) -> String,
    /// The Sign-in section's explanation.
    pub sign_in_intro: &'static str,
    /// While the sign-in settings load.
    pub loading_sign_in: &'static str,
    /// Saving the identity provider without issuer or client ID.
    pub oidc_missing: &'static str,
    /// The status line once the identity provider is saved.
    pub oidc_saved: &'static str,
    /// The status line once the identity provider is removed.
    pub oidc_removed: &'static str,
    /// The identity provider card's heading.
    pub oidc_title: &'static str,
    /// An identity provider is set up, and when it last changed.
    pub oidc_set_up: fn(&str) -> String,
    /// No identity provider is set up.
    pub oidc_not_set_up: &'static str,
    /// Password sign-in is off, so the provider is the only way in.
    pub password_signin_off: &'static str,
    /// The redirect URI field's label.
    pub redirect_uri: &'static str,
    /// What to do with it.
    pub redirect_uri_hint: &'static str,
    /// The issuer field's label.
    pub issuer_url: &'static str,
    /// The client ID field's label.
    pub client_id: &'static str,
    /// The client secret field's label.
    pub client_secret: &'static str,
    /// The match claim select's label.
    pub match_by: &'static str,
    /// What each claim matches.
    pub match_by_hint: &'static str,
    /// The title of the confirmation before removing the identity provider.
    pub remove_oidc_title: &'static str,
    /// What removing it does.
    pub remove_oidc_body: &'static str,
    /// How people sign in after that.
    pub remove_oidc_more: &'static str,
    /// Creating a token without a name.
    pub token_name_missing: &'static str,
    /// The status line once a token is created.
    pub token_created: fn(&str) -> String,
    /// The status line once a token is revoked.
    pub token_revoked: fn(&str) -> String,
    /// The SCIM card's heading, and the accessible name of its list.
    pub scim_tokens: &'static str,
    /// What the tokens are for.
    pub scim_intro: &'static str,
    /// The SCIM base URL field's label.
    pub scim_base_url: &'static str,
    /// What to do with it.
    pub scim_base_url_hint: &'static str,
    /// The token name field's label.
    pub token_name: &'static str,
    /// The token name field's placeholder.
    pub token_name_example: &'static str,
    /// The button that creates a token.
    pub create_token: &'static str,
    /// The title of the confirmation before revoking a token.
    pub revoke_title: fn(&str) -> String,
    /// A token's Revoke button, and the confirmation's.
    pub revoke: &'static str,
    /// What revoking does.
    pub revoke_body: &'static str,
    /// What it leaves alone.
    pub revoke_more: &'static str,
    /// The empty state of the token list.
    pub no_scim_tokens: &'static str,
    /// What to do about it.
    pub no_scim_tokens_body: &'static str,
    /// Before when a token was created (a time follows).
    pub token_created_at: &'static str,
    /// The warning over a new token's secret.
    pub copy_token_now: &'static str,
    /// Who to give the new token to, after the warning.
    pub give_token: fn(&str) -> String,
    /// Hides the new token's secret.
    pub done: &'static str,

    // Organization.
    /// While the organization loads.
    pub loading_organization: &'static str,
    /// The compliance export card's heading.
    pub compliance_export: &'static str,
    /// What the export holds.
    pub compliance_export_body: &'static str,
    /// The download link.
    pub download_export: &'static str,
    /// The status line once Samtal is on again.
    pub enabled_status: fn(&str) -> String,
    /// The status line once Samtal is off.
    pub disabled_status: fn(&str) -> String,
    /// An organization without a description.
    pub no_description: &'static str,
    /// The fact label: the organization's domain.
    pub domain: &'static str,
    /// The fact label: the organization's description.
    pub about_conversations: &'static str,
    /// Samtal is on for the organization.
    pub on: &'static str,
    /// Samtal is off for the organization.
    pub off_closed: &'static str,
    /// The button that turns Samtal off.
    pub disable_samtal: &'static str,
    /// The button that turns Samtal on.
    pub enable_samtal: &'static str,
    /// The title of the confirmation before turning Samtal off.
    pub disable_title: fn(&str) -> String,
    /// The confirmation's button.
    pub disable: &'static str,
    /// What turning Samtal off does.
    pub disable_body: fn(&str) -> String,
    /// What it leaves alone.
    pub disable_more: &'static str,

    // Audit log.
    /// The button that loads the log again.
    pub refresh: &'static str,
    /// While the log loads.
    pub loading_audit: &'static str,
    /// The empty state of the log.
    pub nothing_recorded: &'static str,
    /// What the log records.
    pub nothing_recorded_body: &'static str,
    /// The accessible name of the log's list.
    pub audit_entries: &'static str,
    /// A member the entry does not name.
    pub someone: &'static str,
    /// The ID token claim `email` inside a sentence.
    pub claim_email_word: &'static str,
    /// The ID token claim `sub` inside a sentence.
    pub claim_sub_word: &'static str,
    /// The ID token claim `oid` inside a sentence.
    pub claim_oid_word: &'static str,
    /// Who created the organization, and its name.
    pub audit_org_created: fn(&str, &str) -> String,
    /// Who turned Samtal on.
    pub audit_org_enabled: fn(&str) -> String,
    /// Who turned Samtal off.
    pub audit_org_disabled: fn(&str) -> String,
    /// Who changed the tenant policies.
    pub audit_tenant_policies_changed: fn(&str) -> String,
    /// Who imported how many people.
    pub audit_directory_imported: fn(&str, u64) -> String,
    /// Who removed whom from the directory.
    pub audit_directory_entry_removed: fn(&str, &str) -> String,
    /// Who created which group.
    pub audit_org_group_created: fn(&str, &str) -> String,
    /// Who added which private group to the organization.
    pub audit_group_converted: fn(&str, &str) -> String,
    /// Who changed which group's policies.
    pub audit_group_policies_changed: fn(&str, &str) -> String,
    /// Who added whom to which group.
    pub audit_member_added: fn(&str, &str, &str) -> String,
    /// Who removed whom from which group.
    pub audit_member_removed: fn(&str, &str, &str) -> String,
    /// Who left which group.
    pub audit_member_left: fn(&str, &str) -> String,
    /// Who downloaded a compliance export.
    pub audit_compliance_export: fn(&str) -> String,
    /// Who changed the identity provider.
    pub audit_oidc_changed: fn(&str) -> String,
    /// Who set up the identity provider.
    pub audit_oidc_set_up: fn(&str) -> String,
    /// Who removed the identity provider.
    pub audit_oidc_removed: fn(&str) -> String,
    /// Who created which SCIM token.
    pub audit_scim_token_created: fn(&str, &str) -> String,
    /// Who revoked which SCIM token.
    pub audit_scim_token_revoked: fn(&str, &str) -> String,
    /// Who (the provider) provisioned whom.
    pub audit_scim_user_created: fn(&str, &str) -> String,
    /// Who updated whom through SCIM.
    pub audit_scim_user_updated: fn(&str, &str) -> String,
    /// Who deactivated whom through SCIM.
    pub audit_scim_user_deactivated: fn(&str, &str) -> String,
    /// Who reactivated whom through SCIM.
    pub audit_scim_user_reactivated: fn(&str, &str) -> String,
    /// Who deleted whom through SCIM.
    pub audit_scim_user_deleted: fn(&str, &str) -> String,
    /// The policy `allow_copy` in a change list.
    pub audit_copying: &'static str,
    /// The policy `allow_share`.
    pub audit_sharing: &'static str,
    /// The policy `allow_forward`.
    pub audit_forwarding: &'static str,
    /// The policy `require_work_signin`.
    pub audit_work_signin: &'static str,
    /// The policy `history_for_new_members`.
    pub audit_history: &'static str,
    /// The policy `missed_message_emails`.
    pub audit_emails: &'static str,
    /// The policy `password_signin`.
    pub audit_password_signin: &'static str,
    /// A policy that is now on.
    pub audit_on: &'static str,
    /// A policy that is now off.
    pub audit_off: &'static str,
    /// A policy change that changed nothing.
    pub audit_nothing_changed: &'static str,
    /// How many work sign-ins turning Samtal off ended.
    pub audit_signed_out: fn(u64) -> String,
    /// The identity provider's issuer.
    pub audit_issuer: fn(&str) -> String,
    /// The client ID at the provider.
    pub audit_client_id: fn(&str) -> String,
    /// Which claim people are matched by.
    pub audit_matched_by: fn(&str) -> String,
    /// The client secret changed.
    pub audit_new_client_secret: &'static str,
    /// A person provisioned inactive.
    pub audit_inactive: &'static str,
    /// A person deactivated through SCIM.
    pub audit_deactivated: &'static str,
    /// A person reactivated through SCIM.
    pub audit_reactivated: &'static str,
}

/// In English: the accessible names of the spec.
pub const EN: Admin = Admin {
    organization: "Organization",
    groups: "Groups",
    tenant_policies: "Tenant policies",
    sign_in: "Sign-in",
    directory: "Directory",
    audit_log: "Audit log",
    sections: "Admin sections",
    no_organizations: "No organizations",
    no_organizations_body: "You don't administer an organization.",

    group_policies_saved: |title| format!("The policies of {title} are saved."),
    group_created: |title| format!("{title} is created. Its members see it in their chats now."),
    create_group: "Create group",
    groups_intro: "Every group the organization owns: created here, or added to the organization by its admins in the app. Private groups never show here.",
    loading_groups: "Loading groups…",
    members_count: |n| if n == 1 { "1 member".to_owned() } else { format!("{n} members") },
    everything_allowed: "Everything allowed",
    copying_off: "copying off",
    sharing_off: "sharing off",
    forwarding_off: "forwarding off",
    work_signin_required: "work sign-in required",
    no_history_for_new_members: "no history for new members",
    no_org_groups: "No organization groups yet",
    no_org_groups_body: "Groups created here, or added to the organization by their admins, show up here.",
    org_groups: "Organization groups",
    no_admins: "none",
    created_in_portal: |at| format!("In the admin portal, {at}"),
    created_in_app: |at| format!("In the app, {at}"),
    edit_policies: "Edit policies",
    edit_policies_of: |title| format!(" of {title}"),
    owner: "Owner",
    group_admins: "Group admins",
    created: "Created",
    converted: "Converted",
    converted_at: |at| format!("Added to the organization {at}"),
    not_converted: "No: an organization group from the start",
    members_summary: |n| format!("Members ({n})"),
    members_of: |title| format!(" of {title}"),
    not_on_samtal_yet: " (not on Samtal yet)",
    policies_of: |title| format!("Policies of {title}"),
    group_title_missing: "Give the group a title.",
    group_title_too_long: |max| format!("A title has at most {max} characters."),
    create_group_intro: "A group created here belongs to the organization from the start. You are its admin.",
    group_title: "Group title",
    members: "Members",
    nobody_picked: "Nobody picked yet: you can also add people later.",
    picked_members: "Picked members",
    take_out: |name| format!("Take {name} out"),
    find_in_directory: "Find people in the directory",
    search_placeholder: "Name, alias or e-mail",
    searching_directory: "Searching the directory…",
    nobody_in_directory_matches: "Nobody in the directory matches.",
    directory_matches: "Directory matches",
    more_matches: |more| format!("{more} more match: type more of a name to narrow the list."),
    creating: "Creating…",

    policy_copy: "Allow copying message text",
    policy_copy_hint: "Off: the Copy action is not offered in these conversations.",
    policy_share: "Allow downloading, sharing and exporting",
    policy_share_hint: "Off: attachments can't be downloaded or shared out, and messages stay out of personal exports.",
    policy_forward: "Allow forwarding out of the organization",
    policy_forward_hint: "Off: messages can only be forwarded into conversations the organization owns.",
    policy_work_signin: "Require a work-account sign-in",
    policy_work_signin_hint: "On: only people signed in to a work account can open these conversations.",
    policy_emails: "Send missed-message e-mails",
    policy_emails_hint: "Off: nobody gets e-mails about unread messages in the organization's conversations, whatever they picked.",
    policy_password_signin: "Password sign-in to work accounts",
    policy_password_signin_hint: "Off: people sign in to their work accounts only through the organization's identity provider. It can only be turned off once the identity provider is set up in Sign-in.",
    offline_hours: "Delete offline caches after (hours)",
    offline_hours_hint: |min, max| {
        format!(
            "A device offline for longer deletes what it keeps of the organization's conversations. {min} to {max} hours."
        )
    },
    save_policies: "Save policies",
    group_policies: "Group policies",
    policy_history: "New members see earlier messages",
    policy_history_hint: "Off: someone who joins sees messages from their joining on.",
    stricter_applies: "The organization's tenant policies still apply: a conversation follows whichever is stricter.",
    tenant_policies_intro: |org| {
        format!(
            "These apply to every conversation {org} owns. A group's own policies can only make a conversation stricter."
        )
    },
    loading_policies: "Loading the policies…",
    policies_saved: "The policies are saved. Every conversation follows them now.",

    directory_intro: "The people of the organization. Someone on Samtal signs in to their entry's work account to become a member; removing them ends that.",
    filter_directory: "Filter the directory",
    loading_directory: "Loading the directory…",
    entry_removed: |name| format!("{name} is removed from the directory."),
    remove_entry_title: |name| format!("Remove {name} from the directory?"),
    remove_entry_body: "They leave the organization: its conversations close for them and are wiped from their devices.",
    remove_entry_more: |name, org| {
        format!(
            "{name} can no longer sign in to the work account at {org}. Their private chats and groups stay theirs."
        )
    },
    people: |n| if n == 1 { "1 person".to_owned() } else { format!("{n} people") },
    nobody_matches: "Nobody matches",
    nobody_matches_body: "Try part of a name, an alias or a work e-mail.",
    directory_empty: "The directory is empty",
    directory_empty_body: "Import people from a CSV file below.",
    count_too_many: |total, max| {
        let people = if total == 1 { "1 person".to_owned() } else { format!("{total} people") };
        format!("{people} — showing the first {max}; filter to find others.")
    },
    count_matching: |n| if n == 1 { "1 person match.".to_owned() } else { format!("{n} people match.") },
    count_in_directory: |n| {
        if n == 1 { "1 person in the directory.".to_owned() } else { format!("{n} people in the directory.") }
    },
    admin_tag: "Admin",
    signed_in: "Signed in",
    not_signed_in: "Not signed in",
    csv_missing: "Paste CSV rows or choose a CSV file first.",
    file_unreadable: "That file could not be read as text.",
    import_people: "Import people",
    import_hint_lead: "CSV with the header ",
    import_hint_rest: ". E-mail, alias and name are required; rows without a password get one generated, shown once after the import.",
    csv_file: "CSV file",
    csv_rows: "CSV rows",
    csv_example: "ola.nordmann@example.com,ola,Ola Nordmann,Technician,Operations,false,",
    preview: "Preview",
    import_count: |n| if n == 1 { "Import 1 person".to_owned() } else { format!("Import {n} people") },
    ready_to_import: "Ready to import",
    imported: "Imported",
    preview_all: |total| {
        let rows = if total == 1 { "1 row".to_owned() } else { format!("{total} rows") };
        format!("Preview: all {rows} can be imported.")
    },
    preview_some: |good, total| {
        let rows = if total == 1 { "1 row".to_owned() } else { format!("{total} rows") };
        format!("Preview: {good} of {rows} can be imported; fix the others and preview again.")
    },
    imported_all: |n| if n == 1 { "Imported 1 person.".to_owned() } else { format!("Imported {n} people.") },
    imported_some: |n, failed, total| {
        let people = if n == 1 { "1 person".to_owned() } else { format!("{n} people") };
        let rows = if total == 1 { "1 row".to_owned() } else { format!("{total} rows") };
        format!("Imported {people}; {failed} of {rows} were not imported.")
    },
    import_preview: "Import preview",
    import_result: "Import result",
    passwords_once: "Hand these initial passwords to the people they belong to now: they are shown only once.",
    col_row: "Row",
    col_email: "Work e-mail",
    col_check: "Check",
    col_result: "Result",
    col_password: "Initial password",

    claim_email: "E-mail (email)",
    claim_sub: "Subject (sub)",
    claim_oid: "Entra object ID (oid)",
    secret_stored: "A secret is stored. Leave empty to keep it.",
    secret_none: "None stored. Leave empty for a public client.",
    never_used: "Never used",
    last_used: |at| format!("Last used {at}"),
    sign_in_intro: "How the organization's people sign in to their work accounts, and how its identity provider keeps the directory up to date.",
    loading_sign_in: "Loading the sign-in settings…",
    oidc_missing: "Enter the provider's issuer URL and the client ID Samtal has there.",
    oidc_saved: "The identity provider is saved. People can sign in with single sign-on now.",
    oidc_removed: "The identity provider is removed.",
    oidc_title: "Identity provider (OpenID Connect)",
    oidc_set_up: |at| format!("Set up; last changed {at}."),
    oidc_not_set_up: "Not set up: people sign in to their work accounts with the passwords imported into the directory.",
    password_signin_off: "Password sign-in is off in Tenant policies: the identity provider is the only way in.",
    redirect_uri: "Redirect URI",
    redirect_uri_hint: "Register this as the redirect URI of Samtal's application at your provider.",
    issuer_url: "Issuer URL",
    client_id: "Client ID",
    client_secret: "Client secret",
    match_by: "Match people by",
    match_by_hint: "E-mail finds the directory entry with the same work e-mail; Subject and Entra object ID find the entry whose external ID the provider set through SCIM.",
    remove_oidc_title: "Remove the identity provider?",
    remove_oidc_body: "Nobody can sign in to a work account with single sign-on any more.",
    remove_oidc_more: "People sign in with the passwords imported into the directory; those the provider created have none.",
    token_name_missing: "Give the token a name, like \"Entra provisioning\".",
    token_created: |name| format!("The token {name} is created."),
    token_revoked: |name| format!("The token {name} is revoked."),
    scim_tokens: "SCIM tokens",
    scim_intro: "With a token, your identity provider adds people to the directory, updates them, and removes those who leave.",
    scim_base_url: "SCIM base URL",
    scim_base_url_hint: "Give your provider this address (the tenant URL) together with a token.",
    token_name: "Token name",
    token_name_example: "Entra provisioning",
    create_token: "Create token",
    revoke_title: |name| format!("Revoke the token {name}?"),
    revoke: "Revoke",
    revoke_body: "The identity provider can no longer change the directory with it.",
    revoke_more: "The people it provisioned stay in the directory.",
    no_scim_tokens: "No SCIM tokens",
    no_scim_tokens_body: "Create one below for your identity provider to provision the directory with.",
    token_created_at: "Created ",
    copy_token_now: "Copy this token now: it will not be shown again.",
    give_token: |name| format!(" Give it to your identity provider as the secret token of {name}."),
    done: "Done",

    loading_organization: "Loading the organization…",
    compliance_export: "Compliance export",
    compliance_export_body: "Every message the organization owns, as a JSON file. Messages a converted group held before it joined the organization stay private and are not included. Each export is recorded in the audit log.",
    download_export: "Download compliance export",
    enabled_status: |org| format!("Samtal is on for {org} again. Its conversations are open."),
    disabled_status: |org| format!("Samtal is off for {org}. Every work sign-in has ended."),
    no_description: "No description yet.",
    domain: "Domain",
    about_conversations: "About its conversations",
    on: "On",
    off_closed: "Off: its conversations are closed",
    disable_samtal: "Disable Samtal for the organization",
    enable_samtal: "Enable Samtal for the organization",
    disable_title: |org| format!("Disable Samtal for {org}?"),
    disable: "Disable",
    disable_body: |org| {
        format!(
            "Every work-account sign-in to {org} ends, and its conversations close for everyone until you enable Samtal again."
        )
    },
    disable_more: "People's private chats and groups go on as before.",

    refresh: "Refresh",
    loading_audit: "Loading the audit log…",
    nothing_recorded: "Nothing recorded yet",
    nothing_recorded_body: "Changes to groups, policies and the directory are recorded here.",
    audit_entries: "Audit log entries",
    someone: "someone",
    claim_email_word: "e-mail",
    claim_sub_word: "subject",
    claim_oid_word: "Entra object ID",
    audit_org_created: |who, org| format!("{who} created the organization {org}"),
    audit_org_enabled: |who| format!("{who} turned Samtal on for the organization"),
    audit_org_disabled: |who| format!("{who} turned Samtal off for the organization"),
    audit_tenant_policies_changed: |who| format!("{who} changed the tenant policies"),
    audit_directory_imported: |who, n| {
        let people = if n == 1 { "1 person".to_owned() } else { format!("{n} people") };
        format!("{who} imported {people} into the directory")
    },
    audit_directory_entry_removed: |who, name| format!("{who} removed {name} from the directory"),
    audit_org_group_created: |who, group| format!("{who} created the group {group}"),
    audit_group_converted: |who, group| format!("{who} added the group {group} to the organization"),
    audit_group_policies_changed: |who, group| format!("{who} changed the policies of {group}"),
    audit_member_added: |who, name, group| format!("{who} added {name} to {group}"),
    audit_member_removed: |who, name, group| format!("{who} removed {name} from {group}"),
    audit_member_left: |name, group| format!("{name} left {group}"),
    audit_compliance_export: |who| format!("{who} downloaded a compliance export"),
    audit_oidc_changed: |who| format!("{who} changed the identity provider"),
    audit_oidc_set_up: |who| format!("{who} set up the identity provider"),
    audit_oidc_removed: |who| format!("{who} removed the identity provider"),
    audit_scim_token_created: |who, token| format!("{who} created the SCIM token {token}"),
    audit_scim_token_revoked: |who, token| format!("{who} revoked the SCIM token {token}"),
    audit_scim_user_created: |who, person| format!("{who} provisioned {person}"),
    audit_scim_user_updated: |who, person| format!("{who} updated {person}"),
    audit_scim_user_deactivated: |who, person| format!("{who} deactivated {person}"),
    audit_scim_user_reactivated: |who, person| format!("{who} reactivated {person}"),
    audit_scim_user_deleted: |who, person| format!("{who} deleted {person}"),
    audit_copying: "Copying",
    audit_sharing: "Sharing",
    audit_forwarding: "Forwarding",
    audit_work_signin: "Work sign-in required",
    audit_history: "History for new members",
    audit_emails: "Missed-message e-mails",
    audit_password_signin: "Password sign-in",
    audit_on: "on",
    audit_off: "off",
    audit_nothing_changed: "Nothing changed.",
    audit_signed_out: |n| if n == 1 { "1 work sign-in ended.".to_owned() } else { format!("{n} work sign-ins ended.") },
    audit_issuer: |issuer| format!("Issuer {issuer}"),
    audit_client_id: |client| format!("client ID {client}"),
    audit_matched_by: |claim| format!("matched by {claim}"),
    audit_new_client_secret: "new client secret",
    audit_inactive: "Inactive: no directory entry until the provider activates them.",
    audit_deactivated: "Removed from the directory: they left the organization.",
    audit_reactivated: "Back in the directory.",
};

/// In Swedish.
pub const SV: Admin = Admin {
    organization: "Organisation",
    groups: "Grupper",
    tenant_policies: "Organisationens policyer",
    sign_in: "Inloggning",
    directory: "Katalog",
    audit_log: "Granskningslogg",
    sections: "Delar av administrationsportalen",
    no_organizations: "Inga organisationer",
    no_organizations_body: "Du administrerar ingen organisation.",

    group_policies_saved: |title| format!("Policyerna för {title} är sparade."),
    group_created: |title| format!("{title} är skapad. Medlemmarna ser gruppen bland sina chattar nu."),
    create_group: "Skapa grupp",
    groups_intro: "Alla grupper som organisationen äger: skapade här, eller tillagda i organisationen av gruppens administratörer i appen. Privata grupper visas aldrig här.",
    loading_groups: "Läser in grupper…",
    members_count: |n| if n == 1 { "1 medlem".to_owned() } else { format!("{n} medlemmar") },
    everything_allowed: "Allt tillåtet",
    copying_off: "kopiering av",
    sharing_off: "delning av",
    forwarding_off: "vidarebefordran av",
    work_signin_required: "jobbinloggning krävs",
    no_history_for_new_members: "ingen historik för nya medlemmar",
    no_org_groups: "Inga organisationsgrupper än",
    no_org_groups_body: "Grupper som skapas här, eller som deras administratörer lägger till i organisationen, visas här.",
    org_groups: "Organisationsgrupper",
    no_admins: "inga",
    created_in_portal: |at| format!("I administrationsportalen, {at}"),
    created_in_app: |at| format!("I appen, {at}"),
    edit_policies: "Redigera policyer",
    edit_policies_of: |title| format!(" för {title}"),
    owner: "Ägare",
    group_admins: "Gruppadministratörer",
    created: "Skapad",
    converted: "Konverterad",
    converted_at: |at| format!("Tillagd i organisationen {at}"),
    not_converted: "Nej: en organisationsgrupp från början",
    members_summary: |n| format!("Medlemmar ({n})"),
    members_of: |title| format!(" i {title}"),
    not_on_samtal_yet: " (inte med i Samtal än)",
    policies_of: |title| format!("Policyer för {title}"),
    group_title_missing: "Ge gruppen ett namn.",
    group_title_too_long: |max| format!("Ett namn får ha högst {max} tecken."),
    create_group_intro: "En grupp som skapas här tillhör organisationen från början. Du blir dess administratör.",
    group_title: "Gruppnamn",
    members: "Medlemmar",
    nobody_picked: "Ingen vald än: du kan också lägga till personer senare.",
    picked_members: "Valda medlemmar",
    take_out: |name| format!("Ta bort {name}"),
    find_in_directory: "Hitta personer i katalogen",
    search_placeholder: "Namn, alias eller mejl",
    searching_directory: "Söker i katalogen…",
    nobody_in_directory_matches: "Ingen i katalogen matchar.",
    directory_matches: "Träffar i katalogen",
    more_matches: |more| format!("{more} till matchar: skriv mer av ett namn för att begränsa listan."),
    creating: "Skapar…",

    policy_copy: "Tillåt kopiering av meddelandetext",
    policy_copy_hint: "Av: Kopiera erbjuds inte i de här konversationerna.",
    policy_share: "Tillåt nedladdning, delning och export",
    policy_share_hint: "Av: bilagor kan inte laddas ner eller delas vidare, och meddelandena tas inte med i personliga exporter.",
    policy_forward: "Tillåt vidarebefordran utanför organisationen",
    policy_forward_hint: "Av: meddelanden kan bara vidarebefordras till konversationer som organisationen äger.",
    policy_work_signin: "Kräv inloggning med jobbkonto",
    policy_work_signin_hint: "På: bara den som är inloggad på ett jobbkonto kan öppna de här konversationerna.",
    policy_emails: "Skicka mejl om missade meddelanden",
    policy_emails_hint: "Av: ingen får mejl om olästa meddelanden i organisationens konversationer, oavsett vad de själva har valt.",
    policy_password_signin: "Lösenordsinloggning på jobbkonton",
    policy_password_signin_hint: "Av: alla loggar in på sina jobbkonton enbart via organisationens identitetsleverantör. Det går bara att stänga av när identitetsleverantören är konfigurerad under Inloggning.",
    offline_hours: "Radera offlinecache efter (timmar)",
    offline_hours_hint: |min, max| {
        format!(
            "En enhet som är offline längre än så raderar det den har sparat av organisationens konversationer. {min} till {max} timmar."
        )
    },
    save_policies: "Spara policyer",
    group_policies: "Gruppens policyer",
    policy_history: "Nya medlemmar ser tidigare meddelanden",
    policy_history_hint: "Av: den som går med ser bara meddelanden från och med att den gick med.",
    stricter_applies: "Organisationens policyer gäller fortfarande: en konversation följer den som är striktast.",
    tenant_policies_intro: |org| {
        format!(
            "De gäller alla konversationer som {org} äger. En grupps egna policyer kan bara göra en konversation striktare."
        )
    },
    loading_policies: "Läser in policyerna…",
    policies_saved: "Policyerna är sparade. Alla konversationer följer dem nu.",

    directory_intro: "Organisationens personer. Den som använder Samtal blir medlem genom att logga in på jobbkontot för sin post; tar du bort posten upphör medlemskapet.",
    filter_directory: "Filtrera katalogen",
    loading_directory: "Läser in katalogen…",
    entry_removed: |name| format!("{name} är borttagen från katalogen."),
    remove_entry_title: |name| format!("Ta bort {name} från katalogen?"),
    remove_entry_body: "Personen lämnar organisationen: dess konversationer stängs för personen och raderas från personens enheter.",
    remove_entry_more: |name, org| {
        format!(
            "{name} kan inte längre logga in på jobbkontot hos {org}, men behåller sina privata chattar och grupper."
        )
    },
    people: |n| if n == 1 { "1 person".to_owned() } else { format!("{n} personer") },
    nobody_matches: "Ingen matchar",
    nobody_matches_body: "Prova en del av ett namn, ett alias eller ett jobbmejl.",
    directory_empty: "Katalogen är tom",
    directory_empty_body: "Importera personer från en CSV-fil nedan.",
    count_too_many: |total, max| format!("{total} personer – de första {max} visas; filtrera för att hitta andra."),
    count_matching: |n| if n == 1 { "1 person matchar.".to_owned() } else { format!("{n} personer matchar.") },
    count_in_directory: |n| {
        if n == 1 { "1 person i katalogen.".to_owned() } else { format!("{n} personer i katalogen.") }
    },
    admin_tag: "Admin",
    signed_in: "Inloggad",
    not_signed_in: "Inte inloggad",
    csv_missing: "Klistra in CSV-rader eller välj en CSV-fil först.",
    file_unreadable: "Filen gick inte att läsa som text.",
    import_people: "Importera personer",
    import_hint_lead: "CSV med rubrikraden ",
    import_hint_rest: ". Mejl, alias och namn krävs; rader utan lösenord får ett genererat, som visas en gång efter importen.",
    csv_file: "CSV-fil",
    csv_rows: "CSV-rader",
    csv_example: "sven.svensson@example.com,sven,Sven Svensson,Tekniker,Drift,false,",
    preview: "Förhandsgranska",
    import_count: |n| if n == 1 { "Importera 1 person".to_owned() } else { format!("Importera {n} personer") },
    ready_to_import: "Klar att importera",
    imported: "Importerad",
    preview_all: |total| {
        if total == 1 {
            "Förhandsgranskning: raden kan importeras.".to_owned()
        } else {
            format!("Förhandsgranskning: alla {total} rader kan importeras.")
        }
    },
    preview_some: |good, total| {
        let rows = if total == 1 { "1 rad".to_owned() } else { format!("{total} rader") };
        format!("Förhandsgranskning: {good} av {rows} kan importeras; rätta de andra och förhandsgranska igen.")
    },
    imported_all: |n| if n == 1 { "1 person importerades.".to_owned() } else { format!("{n} personer importerades.") },
    imported_some: |n, failed, total| {
        let people = if n == 1 { "1 person".to_owned() } else { format!("{n} personer") };
        let rows = if total == 1 { "1 rad".to_owned() } else { format!("{total} rader") };
        format!("{people} importerades; {failed} av {rows} importerades inte.")
    },
    import_preview: "Förhandsgranskning av importen",
    import_result: "Resultat av importen",
    passwords_once: "Ge de här startlösenorden till personerna de tillhör nu: de visas bara en gång.",
    col_row: "Rad",
    col_email: "Jobbmejl",
    col_check: "Kontroll",
    col_result: "Resultat",
    col_password: "Startlösenord",

    claim_email: "Mejladress (email)",
    claim_sub: "Subjekt (sub)",
    claim_oid: "Entra-objekt-ID (oid)",
    secret_stored: "En hemlighet är sparad. Lämna tomt för att behålla den.",
    secret_none: "Ingen sparad. Lämna tomt för en publik klient.",
    never_used: "Aldrig använd",
    last_used: |at| format!("Senast använd {at}"),
    sign_in_intro: "Hur organisationens personer loggar in på sina jobbkonton, och hur dess identitetsleverantör håller katalogen uppdaterad.",
    loading_sign_in: "Läser in inloggningsinställningarna…",
    oidc_missing: "Ange leverantörens utfärdar-URL och det klient-ID som Samtal har där.",
    oidc_saved: "Identitetsleverantören är sparad. Nu kan alla logga in med enkel inloggning.",
    oidc_removed: "Identitetsleverantören är borttagen.",
    oidc_title: "Identitetsleverantör (OpenID Connect)",
    oidc_set_up: |at| format!("Konfigurerad; senast ändrad {at}."),
    oidc_not_set_up: "Inte konfigurerad: alla loggar in på sina jobbkonton med lösenorden som importerats till katalogen.",
    password_signin_off: "Lösenordsinloggning är avstängd under Organisationens policyer: identitetsleverantören är enda vägen in.",
    redirect_uri: "Omdirigerings-URI",
    redirect_uri_hint: "Registrera den här som omdirigerings-URI för Samtals app hos din leverantör.",
    issuer_url: "Utfärdar-URL",
    client_id: "Klient-ID",
    client_secret: "Klienthemlighet",
    match_by: "Matcha personer på",
    match_by_hint: "Mejladress hittar katalogposten med samma jobbmejl; Subjekt och Entra-objekt-ID hittar posten vars externa ID leverantören har satt via SCIM.",
    remove_oidc_title: "Ta bort identitetsleverantören?",
    remove_oidc_body: "Ingen kan längre logga in på ett jobbkonto med enkel inloggning.",
    remove_oidc_more: "Alla loggar in med lösenorden som importerats till katalogen; de som leverantören skapade har inget lösenord.",
    token_name_missing: "Ge token ett namn, till exempel ”Entra-provisionering”.",
    token_created: |name| format!("SCIM-token {name} har skapats."),
    token_revoked: |name| format!("SCIM-token {name} har återkallats."),
    scim_tokens: "SCIM-token",
    scim_intro: "Med en token kan din identitetsleverantör lägga till personer i katalogen, uppdatera dem och ta bort dem som slutar.",
    scim_base_url: "SCIM-bas-URL",
    scim_base_url_hint: "Ge din leverantör den här adressen (klientorganisationens URL) tillsammans med en token.",
    token_name: "Namn på token",
    token_name_example: "Entra-provisionering",
    create_token: "Skapa token",
    revoke_title: |name| format!("Återkalla SCIM-token {name}?"),
    revoke: "Återkalla",
    revoke_body: "Identitetsleverantören kan inte längre ändra katalogen med den.",
    revoke_more: "Personerna som den har lagt upp finns kvar i katalogen.",
    no_scim_tokens: "Inga SCIM-token",
    no_scim_tokens_body: "Skapa en nedan som din identitetsleverantör kan hålla katalogen uppdaterad med.",
    token_created_at: "Skapad ",
    copy_token_now: "Kopiera den här token nu: den visas inte igen.",
    give_token: |name| format!(" Ge den till din identitetsleverantör som hemlig token för {name}."),
    done: "Klar",

    loading_organization: "Läser in organisationen…",
    compliance_export: "Efterlevnadsexport",
    compliance_export_body: "Alla meddelanden som organisationen äger, som en JSON-fil. Meddelanden som en konverterad grupp hade innan den kom in i organisationen förblir privata och ingår inte. Varje export registreras i granskningsloggen.",
    download_export: "Ladda ner efterlevnadsexport",
    enabled_status: |org| format!("Samtal är på igen för {org}. Organisationens konversationer är öppna."),
    disabled_status: |org| format!("Samtal är avstängt för {org}. Alla jobbinloggningar har avslutats."),
    no_description: "Ingen beskrivning än.",
    domain: "Domän",
    about_conversations: "Om organisationens konversationer",
    on: "På",
    off_closed: "Av: organisationens konversationer är stängda",
    disable_samtal: "Stäng av Samtal för organisationen",
    enable_samtal: "Slå på Samtal för organisationen",
    disable_title: |org| format!("Stänga av Samtal för {org}?"),
    disable: "Stäng av",
    disable_body: |org| {
        format!(
            "Alla inloggningar på jobbkonton hos {org} avslutas, och organisationens konversationer stängs för alla tills du slår på Samtal igen."
        )
    },
    disable_more: "Privata chattar och grupper fortsätter som vanligt.",

    refresh: "Uppdatera",
    loading_audit: "Läser in granskningsloggen…",
    nothing_recorded: "Inget registrerat än",
    nothing_recorded_body: "Ändringar av grupper, policyer och katalogen registreras här.",
    audit_entries: "Händelser i granskningsloggen",
    someone: "någon",
    claim_email_word: "mejladress",
    claim_sub_word: "subjekt",
    claim_oid_word: "Entra-objekt-ID",
    audit_org_created: |who, org| format!("{who} skapade organisationen {org}"),
    audit_org_enabled: |who| format!("{who} slog på Samtal för organisationen"),
    audit_org_disabled: |who| format!("{who} stängde av Samtal för organisationen"),
    audit_tenant_policies_changed: |who| format!("{who} ändrade organisationens policyer"),
    audit_directory_imported: |who, n| {
        let people = if n == 1 { "1 person".to_owned() } else { format!("{n} personer") };
        format!("{who} importerade {people} till katalogen")
    },
    audit_directory_entry_removed: |who, name| format!("{who} tog bort {name} från katalogen"),
    audit_org_group_created: |who, group| format!("{who} skapade gruppen {group}"),
    audit_group_converted: |who, group| format!("{who} lade till gruppen {group} i organisationen"),
    audit_group_policies_changed: |who, group| format!("{who} ändrade policyerna för {group}"),
    audit_member_added: |who, name, group| format!("{who} lade till {name} i {group}"),
    audit_member_removed: |who, name, group| format!("{who} tog bort {name} från {group}"),
    audit_member_left: |name, group| format!("{name} lämnade {group}"),
    audit_compliance_export: |who| format!("{who} laddade ner en efterlevnadsexport"),
    audit_oidc_changed: |who| format!("{who} ändrade identitetsleverantören"),
    audit_oidc_set_up: |who| format!("{who} konfigurerade identitetsleverantören"),
    audit_oidc_removed: |who| format!("{who} tog bort identitetsleverantören"),
    audit_scim_token_created: |who, token| format!("{who} skapade SCIM-token {token}"),
    audit_scim_token_revoked: |who, token| format!("{who} återkallade SCIM-token {token}"),
    audit_scim_user_created: |who, person| format!("{who} lade upp {person}"),
    audit_scim_user_updated: |who, person| format!("{who} uppdaterade {person}"),
    audit_scim_user_deactivated: |who, person| format!("{who} inaktiverade {person}"),
    audit_scim_user_reactivated: |who, person| format!("{who} återaktiverade {person}"),
    audit_scim_user_deleted: |who, person| format!("{who} raderade {person}"),
    audit_copying: "Kopiering",
    audit_sharing: "Delning",
    audit_forwarding: "Vidarebefordran",
    audit_work_signin: "Jobbinloggning krävs",
    audit_history: "Historik för nya medlemmar",
    audit_emails: "Mejl om missade meddelanden",
    audit_password_signin: "Lösenordsinloggning",
    audit_on: "på",
    audit_off: "av",
    audit_nothing_changed: "Inget ändrades.",
    audit_signed_out: |n| {
        if n == 1 { "1 jobbinloggning avslutades.".to_owned() } else { format!("{n} jobbinloggningar avslutades.") }
    },
    audit_issuer: |issuer| format!("Utfärdare {issuer}"),
    audit_client_id: |client| format!("klient-ID {client}"),
    audit_matched_by: |claim| format!("matchas på {claim}"),
    audit_new_client_secret: "ny klienthemlighet",
    audit_inactive: "Inaktiv: ingen post i katalogen förrän leverantören aktiverar personen.",
    audit_deactivated: "Borttagen ur katalogen: personen har lämnat organisationen.",
    audit_reactivated: "Tillbaka i katalogen.",
};
