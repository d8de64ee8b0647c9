//! Texts of Me, its sessions, and signing in and up.

/// Texts of Me, its sessions, and signing in and up.
pub struct MeTexts {
    /// The Me screen's heading.
    pub title: &'static str,

    // The export and signing out.
    /// The heading of the personal export.
    pub your_data: &'static str,
    /// What the personal export holds.
    pub export_intro: &'static str,
    /// The link that downloads the personal export.
    pub export_my_data: &'static str,
    /// The button that ends this session.
    pub sign_out: &'static str,

    // The linked work account.
    /// The heading of the linked work account.
    pub linked_account: &'static str,
    /// Why a single sign-on failed, when the server did not say.
    pub sso_failed_unsaid: &'static str,
    /// Before the server's reason a single sign-on failed.
    pub sso_failed: &'static str,
    /// After a single sign-on linked the work account.
    pub signed_in_to_work: &'static str,
    /// Signs out of the work account (the button and the dialog's button).
    pub sign_out_of_work: &'static str,
    /// The heading of the dialog that confirms leaving an organization.
    pub sign_out_of_org: fn(&str) -> String,
    /// What leaving an organization does.
    pub sign_out_of_org_body: fn(&str) -> String,
    /// What leaving an organization keeps.
    pub private_chats_stay: &'static str,
    /// A single sign-on asked for without an e-mail.
    pub sso_needs_email: &'static str,
    /// The browser did not go to the identity provider's page.
    pub sso_not_opened: fn(&str) -> String,
    /// A work sign-in asked for without an e-mail or password.
    pub work_needs_both: &'static str,
    /// Above the work sign-in form: what linking a work account does.
    pub no_work_account: &'static str,
    /// The label of the work e-mail, in the form and on the linked account.
    pub work_email: &'static str,
    /// The label of the work password.
    pub work_password: &'static str,
    /// While a sign-in runs (work account, or signing in to Samtal).
    pub signing_in: &'static str,
    /// Signs in to the work account with its password.
    pub sign_in_to_work: &'static str,
    /// While the browser goes to the identity provider.
    pub opening_sso: &'static str,
    /// Signs in to the work account at the identity provider.
    pub sign_in_with_sso: &'static str,
    /// How single sign-on works.
    pub sso_hint: &'static str,
    /// The linked account's alias.
    pub alias: &'static str,
    /// The linked account's job title.
    pub designation: &'static str,
    /// The linked account's department.
    pub department: &'static str,

    // The missed-message e-mail.
    /// After a setting is saved.
    pub saved: &'static str,
    /// The heading of the missed-message e-mail setting.
    pub email_notifications: &'static str,
    /// What the missed-message e-mail is.
    pub email_intro: &'static str,
    /// The checkbox that turns the missed-message e-mail on.
    pub email_me: &'static str,
    /// The label of the e-mail's delay.
    pub delay: &'static str,
    /// A delay in minutes, like "15 minutes".
    pub minutes: fn(u32) -> String,
    /// A delay in whole hours, like "4 hours".
    pub hours: fn(u32) -> String,

    // The language.
    /// The heading, and so the name, of the language choice.
    pub language: &'static str,
    /// The language choice's option for the browser's own language.
    pub language_browser: &'static str,
    /// What the language choice does.
    pub language_hint: &'static str,
    /// The language is chosen on this device but the account did not keep it; the error follows.
    pub language_not_saved: fn(&str) -> String,

    // Sessions.
    /// The heading of the sessions, and the name of their list.
    pub sessions: &'static str,
    /// What the sessions are.
    pub sessions_intro: &'static str,
    /// While the sessions load.
    pub loading_sessions: &'static str,
    /// Ends every session but this one.
    pub end_all_other_sessions: &'static str,
    /// After ending one session.
    pub session_ended: &'static str,
    /// After ending the other sessions: how many there were.
    pub ended_other_sessions: fn(u32) -> String,
    /// The button that ends one session.
    pub end_session: &'static str,
    /// That button's accessible name: the device and when it was last active.
    pub end_session_label: fn(&str, &str) -> String,
    /// Marks the session in use.
    pub this_browser: &'static str,
    /// Before when a session signed in.
    pub session_signed_in: &'static str,
    /// Before when a session was last active.
    pub session_last_active: &'static str,

    // The password.
    /// A password change asked for without both passwords.
    pub password_needs_both: &'static str,
    /// The new password and its repetition differ.
    pub passwords_differ: &'static str,
    /// After the password changed: how many other sessions ended.
    pub password_changed: fn(u32) -> String,
    /// The heading of the password change, and its button.
    pub change_password: &'static str,
    /// The label of the current password.
    pub current_password: &'static str,
    /// The label of the new password.
    pub new_password: &'static str,
    /// The label of the new password's repetition.
    pub new_password_again: &'static str,
    /// While the password changes.
    pub changing: &'static str,

    // Signing in and up.
    /// Below the product's name on the signed-out screens.
    pub tagline: &'static str,
    /// Sign-in asked for without a handle or password.
    pub sign_in_needs_both: &'static str,
    /// The sign-in heading, its button and the link to it.
    pub sign_in: &'static str,
    /// The label of the handle.
    pub handle: &'static str,
    /// The label of the password.
    pub password: &'static str,
    /// Before the link to sign up.
    pub new_to_samtal: &'static str,
    /// The link to sign up.
    pub create_an_account: &'static str,
    /// The sign-up heading.
    pub create_your_account: &'static str,
    /// The label of the display name.
    pub display_name: &'static str,
    /// While the account is created.
    pub creating_account: &'static str,
    /// The sign-up button.
    pub create_account: &'static str,
    /// Before the link to sign in.
    pub already_on_samtal: &'static str,
    /// Under the handle: its length and characters.
    pub handle_hint: fn(usize, usize) -> String,
    /// Under the password: its least length.
    pub password_hint: fn(usize) -> String,
    /// A handle too short or too long.
    pub handle_length: fn(usize, usize) -> String,
    /// A handle with characters it can't have.
    pub handle_chars: &'static str,
    /// An empty display name.
    pub display_name_empty: &'static str,
    /// A display name too long.
    pub display_name_too_long: fn(usize) -> String,
    /// A display name with control characters.
    pub display_name_control: &'static str,
    /// A password too short.
    pub password_too_short: fn(usize) -> String,
    /// A password too long.
    pub password_too_long: fn(usize) -> String,
}

/// In English: the accessible names of the spec.
pub const EN: MeTexts = MeTexts {
    title: "Me",

    your_data: "Your data",
    export_intro: "Download the messages you wrote and your contacts as a JSON file. An organization's policy may keep its conversations out of it.",
    export_my_data: "Export my data",
    sign_out: "Sign out",

    linked_account: "Linked account",
    sso_failed_unsaid: "Signing in at your organization's identity provider didn't work. Try again.",
    sso_failed: "Single sign-on didn't work.",
    signed_in_to_work: "Signed in to your work account.",
    sign_out_of_work: "Sign out of work account",
    sign_out_of_org: |org| format!("Sign out of {org}?"),
    sign_out_of_org_body: |org| {
        format!("You leave {org}: the organization's conversations close for you and are removed from this device.")
    },
    private_chats_stay: "Your private chats and groups stay.",
    sso_needs_email: "Enter your work e-mail to sign in with single sign-on.",
    sso_not_opened: |org| format!("The browser didn't open the sign-in page of {org}."),
    work_needs_both: "Enter your work e-mail and its password.",
    no_work_account: "No work account linked. Signing in to your organization's work account makes you a member of it: its chats and groups open here, marked with the Office badge.",
    work_email: "Work e-mail",
    work_password: "Work password",
    signing_in: "Signing in…",
    sign_in_to_work: "Sign in to work account",
    opening_sso: "Opening single sign-on…",
    sign_in_with_sso: "Sign in with single sign-on",
    sso_hint: "Single sign-on needs only your work e-mail: you sign in at your organization's identity provider, then come back here.",
    alias: "Alias",
    designation: "Designation",
    department: "Department",

    saved: "Saved.",
    email_notifications: "E-mail notifications",
    email_intro: "When you haven't read new messages in an organization's conversations for a while, Samtal e-mails one summary to your work address.",
    email_me: "E-mail me about missed messages",
    delay: "Delay",
    minutes: |n| if n == 1 { "1 minute".into() } else { format!("{n} minutes") },
    hours: |n| if n == 1 { "1 hour".into() } else { format!("{n} hours") },

    language: "Language",
    language_browser: "Same as this browser",
    language_hint: "Samtal uses it on this device and in your e-mails. Devices where you haven't chosen a language follow it.",
    language_not_saved: |error| format!("Chosen on this device, but not saved with your account. {error}"),

    sessions: "Sessions",
    sessions_intro: "Where you are signed in. Ending a session signs that browser out at once.",
    loading_sessions: "Loading sessions",
    end_all_other_sessions: "End all other sessions",
    session_ended: "Session ended.",
    ended_other_sessions: |n| match n {
        0 => "There were no other sessions.".into(),
        1 => "Ended 1 other session.".into(),
        n => format!("Ended {n} other sessions."),
    },
    end_session: "End session",
    end_session_label: |device, when| format!("End session: {device}, last active {when}"),
    this_browser: " · This browser",
    session_signed_in: "Signed in ",
    session_last_active: " · Last active ",

    password_needs_both: "Enter your current password and a new one.",
    passwords_differ: "The new passwords are not the same.",
    password_changed: |ended| match ended {
        0 => "Password changed.".into(),
        1 => "Password changed. Your other session was ended.".into(),
        n => format!("Password changed. Your {n} other sessions were ended."),
    },
    change_password: "Change password",
    current_password: "Current password",
    new_password: "New password",
    new_password_again: "New password again",
    changing: "Changing…",

    tagline: "Messaging for work and private life.",
    sign_in_needs_both: "Enter your handle and your password.",
    sign_in: "Sign in",
    handle: "Handle",
    password: "Password",
    new_to_samtal: "New to Samtal? ",
    create_an_account: "Create an account",
    create_your_account: "Create your account",
    display_name: "Display name",
    creating_account: "Creating your account…",
    create_account: "Create account",
    already_on_samtal: "Already on Samtal? ",
    handle_hint: |min, max| format!("{min}–{max} characters: letters a–z, digits, '.', '_' or '-'."),
    password_hint: |min| format!("At least {min} characters."),
    handle_length: |min, max| format!("A handle has {min} to {max} characters."),
    handle_chars: "A handle uses letters a–z, digits, '.', '_' and '-', and starts with a letter or digit.",
    display_name_empty: "The display name can't be empty.",
    display_name_too_long: |max| format!("The display name has at most {max} characters."),
    display_name_control: "The display name can't contain control characters.",
    password_too_short: |min| format!("A password has at least {min} characters."),
    password_too_long: |max| format!("A password has at most {max} characters."),
};

/// In Swedish.
pub const SV: MeTexts = MeTexts {
    title: "Jag",

    your_data: "Dina data",
    export_intro: "Ladda ner meddelandena du har skrivit och dina kontakter som en JSON-fil. En organisations policy kan undanta dess konversationer.",
    export_my_data: "Exportera mina data",
    sign_out: "Logga ut",

    linked_account: "Länkat konto",
    sso_failed_unsaid: "Inloggningen hos din organisations identitetsleverantör fungerade inte. Försök igen.",
    sso_failed: "Enkel inloggning fungerade inte.",
    signed_in_to_work: "Du är inloggad på ditt jobbkonto.",
    sign_out_of_work: "Logga ut från jobbkontot",
    sign_out_of_org: |org| format!("Logga ut från {org}?"),
    sign_out_of_org_body: |org| {
        format!("Du lämnar {org}: organisationens konversationer stängs för dig och tas bort från den här enheten.")
    },
    private_chats_stay: "Dina privata chattar och grupper finns kvar.",
    sso_needs_email: "Ange din jobbmejl för att logga in med enkel inloggning.",
    sso_not_opened: |org| format!("Webbläsaren öppnade inte inloggningssidan för {org}."),
    work_needs_both: "Ange din jobbmejl och ditt jobblösenord.",
    no_work_account: "Inget jobbkonto är länkat. När du loggar in på din organisations jobbkonto blir du medlem i organisationen: dess chattar och grupper öppnas här, märkta med Organisation-märket.",
    work_email: "Jobbmejl",
    work_password: "Jobblösenord",
    signing_in: "Loggar in…",
    sign_in_to_work: "Logga in på jobbkontot",
    opening_sso: "Öppnar enkel inloggning…",
    sign_in_with_sso: "Logga in med enkel inloggning",
    sso_hint: "Enkel inloggning behöver bara din jobbmejl: du loggar in hos din organisations identitetsleverantör och kommer sedan tillbaka hit.",
    alias: "Alias",
    designation: "Titel",
    department: "Avdelning",

    saved: "Sparat.",
    email_notifications: "Mejlaviseringar",
    email_intro: "När du inte har läst nya meddelanden i en organisations konversationer på ett tag mejlar Samtal en sammanfattning till din jobbadress.",
    email_me: "Mejla mig om missade meddelanden",
    delay: "Fördröjning",
    minutes: |n| if n == 1 { "1 minut".into() } else { format!("{n} minuter") },
    hours: |n| if n == 1 { "1 timme".into() } else { format!("{n} timmar") },

    language: "Språk",
    language_browser: "Samma som webbläsaren",
    language_hint: "Samtal använder det på den här enheten och i dina mejl. Enheter där du inte har valt något språk följer ditt val.",
    language_not_saved: |error| format!("Valt på den här enheten, men inte sparat på ditt konto. {error}"),

    sessions: "Sessioner",
    sessions_intro: "Där du är inloggad. När du avslutar en session loggas den webbläsaren ut direkt.",
    loading_sessions: "Läser in sessioner",
    end_all_other_sessions: "Avsluta alla andra sessioner",
    session_ended: "Sessionen är avslutad.",
    ended_other_sessions: |n| match n {
        0 => "Det fanns inga andra sessioner.".into(),
        1 => "1 annan session avslutades.".into(),
        n => format!("{n} andra sessioner avslutades."),
    },
    end_session: "Avsluta session",
    end_session_label: |device, when| format!("Avsluta session: {device}, senast aktiv {when}"),
    this_browser: " · Den här webbläsaren",
    session_signed_in: "Inloggad ",
    session_last_active: " · Senast aktiv ",

    password_needs_both: "Ange ditt nuvarande lösenord och ett nytt.",
    passwords_differ: "De nya lösenorden är inte likadana.",
    password_changed: |ended| match ended {
        0 => "Lösenordet är ändrat.".into(),
        1 => "Lösenordet är ändrat. Din andra session avslutades.".into(),
        n => format!("Lösenordet är ändrat. Dina {n} andra sessioner avslutades."),
    },
    change_password: "Byt lösenord",
    current_password: "Nuvarande lösenord",
    new_password: "Nytt lösenord",
    new_password_again: "Nytt lösenord igen",
    changing: "Byter…",

    tagline: "Meddelanden för jobbet och privatlivet.",
    sign_in_needs_both: "Ange ditt användarnamn och ditt lösenord.",
    sign_in: "Logga in",
    handle: "Användarnamn",
    password: "Lösenord",
    new_to_samtal: "Ny på Samtal? ",
    create_an_account: "Skapa ett konto",
    create_your_account: "Skapa ditt konto",
    display_name: "Visningsnamn",
    creating_account: "Skapar ditt konto…",
    create_account: "Skapa konto",
    already_on_samtal: "Redan på Samtal? ",
    handle_hint: |min, max| format!("{min}–{max} tecken: bokstäverna a–z, siffror, ”.”, ”_” eller ”-”."),
    password_hint: |min| format!("Minst {min} tecken."),
    handle_length: |min, max| format!("Ett användarnamn har {min} till {max} tecken."),
    handle_chars: "Ett användarnamn består av bokstäverna a–z, siffror, ”.”, ”_” och ”-” och börjar med en bokstav eller siffra.",
    display_name_empty: "Visningsnamnet får inte vara tomt.",
    display_name_too_long: |max| format!("Visningsnamnet har högst {max} tecken."),
    display_name_control: "Visningsnamnet får inte innehålla styrtecken.",
    password_too_short: |min| format!("Ett lösenord har minst {min} tecken."),
    password_too_long: |max| format!("Ett lösenord har högst {max} tecken."),
};
