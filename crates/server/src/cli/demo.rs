//! The demo: a fresh data directory with two organizations, a directory of
//! about fifty people, a handful of personal accounts and conversations that
//! show every rule of the product.
//!
//! The demo is built by driving the real API in-process (see
//! [`crate::cli::client::InProcess`]) the way people would: signing up,
//! signing in to work accounts, saving contacts, creating chats and groups,
//! converting a group. So the demo's data obeys every rule, and a step that
//! the server refuses stops the demo with the step's name and the server's
//! answer. Everything is deterministic: the same names, the same texts.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, bail};
use axum::Router;
use axum::http::Method;
use samtal_core::api::{
    AddContact, CreateChat, CreateGroup, CreateOrg, CreateOrgGroup, DirectoryImport, DirectoryImportResult,
    NewDirectoryEntry, Scope, SendMessage, SignupRequest, WorkAccountLogin,
};
use samtal_core::identity::{MatchClaim, SetOidc};
use samtal_core::{ConversationId, DirectoryEntryId, OrgId, PersonId};
use serde_json::Value;

use super::args::DemoArgs;
use super::client::{InProcess, StepError};
use super::serve;
use crate::config::Config;
use crate::state::AppState;

/// Every demo person's personal password.
pub const DEMO_PASSWORD: &str = "demo-password";
/// Every demo directory entry's work-account password.
pub const WORK_PASSWORD: &str = "work-password";
/// The demo's main organization.
pub const NORDVIK_NAME: &str = "Nordvik Energi";
/// Its e-mail domain.
pub const NORDVIK_DOMAIN: &str = "nordvik.example";
/// Its description of organization conversations.
pub const NORDVIK_DESCRIPTION: &str =
    "Conversations in Nordvik Energi belong to the company. Your organization can see and manage them.";
/// The partner organization.
pub const FJORD_NAME: &str = "Fjord Partners";
/// Its e-mail domain.
pub const FJORD_DOMAIN: &str = "fjordpartners.example";
/// Its description of organization conversations.
pub const FJORD_DESCRIPTION: &str = "Conversations in Fjord Partners belong to the firm.";
/// The handle of the demo's operator and Nordvik's admin; always an operator of a demo server.
pub const ADMIN_HANDLE: &str = "admin";
/// The group created in the admin portal.
pub const OPERATIONS_GROUP: &str = "Nordvik Operations";
/// The group created privately and then added to Nordvik.
pub const AURORA_GROUP: &str = "Project Aurora";
/// The private group among friends.
pub const FRIENDS_GROUP: &str = "Friday climbing";
/// The directory entry nobody has linked yet.
pub const NOT_YET_JOINED_EMAIL: &str = "maja.nyberg@nordvik.example";

/// The file that marks a data directory as the demo's, so `--reset` never
/// deletes anything else.
pub const MARKER_FILE: &str = ".samtal-demo";

/// Nordvik's directory: name, job title, department. The first five are the
/// people the demo's accounts and conversations use.
const NORDVIK_STAFF: &[(&str, &str, &str)] = &[
    ("Astrid Admin", "IT Administrator", "IT"),
    ("Erik Lind", "Operations Manager", "Operations"),
    ("Sara Holm", "Grid Engineer", "Grid Engineering"),
    ("Jonas Berg", "Project Manager", "Projects"),
    ("Maja Nyberg", "Field Technician", "Operations"),
    ("Ingrid Solberg", "Chief Executive Officer", "Executive"),
    ("Lars Eriksen", "Chief Financial Officer", "Finance"),
    ("Kari Nordmann", "Head of People", "People & Culture"),
    ("Håkon Bjerke", "Head of Operations", "Operations"),
    ("Bjørn Haraldsen", "Head of Projects", "Projects"),
    ("Nils Johansson", "Head of Trading", "Trading"),
    ("Freja Lindqvist", "Energy Trader", "Trading"),
    ("Oskar Andersson", "Energy Trader", "Trading"),
    ("Oliver Åberg", "Junior Trader", "Trading"),
    ("Rasmus Kjær", "Market Analyst", "Trading"),
    ("Sigrid Haugen", "Sustainability Lead", "Sustainability"),
    ("Liv Aasen", "Environmental Advisor", "Sustainability"),
    ("Henrik Dahl", "Senior Grid Engineer", "Grid Engineering"),
    ("Thomas Nygaard", "Hydropower Engineer", "Grid Engineering"),
    ("Matilda Berglund", "Graduate Engineer", "Grid Engineering"),
    ("Viktor Salo", "Grid Planner", "Grid Engineering"),
    ("Elin Sandberg", "Control Room Operator", "Operations"),
    ("Mats Karlsson", "Control Room Operator", "Operations"),
    ("Per Olsen", "Wind Farm Supervisor", "Operations"),
    ("Gustav Hedlund", "Maintenance Planner", "Operations"),
    ("Vidar Halvorsen", "Safety Manager", "Operations"),
    ("Petter Hansen", "Field Technician", "Operations"),
    ("Siri Johansen", "Field Technician", "Operations"),
    ("Leif Mikkelsen", "Fleet Coordinator", "Operations"),
    ("Kristoffer Vik", "Project Engineer", "Projects"),
    ("Julia Engström", "Project Coordinator", "Projects"),
    ("Tove Bakken", "Customer Service Lead", "Customer Service"),
    ("Anders Nilsson", "Customer Advisor", "Customer Service"),
    ("Hanna Lund", "Customer Advisor", "Customer Service"),
    ("Annika Wallin", "Energy Advisor", "Customer Service"),
    ("Emma Viklund", "Accountant", "Finance"),
    ("Fredrik Moen", "Procurement Officer", "Finance"),
    ("Karin Lundgren", "Payroll Specialist", "Finance"),
    ("Helga Sørensen", "Internal Auditor", "Finance"),
    ("Camilla Berge", "HR Partner", "People & Culture"),
    ("Nora Fjeld", "Recruiter", "People & Culture"),
    ("Magnus Strand", "Legal Counsel", "Legal"),
    ("Mette Kristiansen", "Compliance Officer", "Legal"),
    ("Linnea Ek", "Communications Manager", "Communications"),
    ("Ida Persson", "Data Analyst", "IT"),
    ("Johan Sjöberg", "Software Engineer", "IT"),
    ("Ebba Forsberg", "UX Designer", "IT"),
    ("Axel Holmberg", "Network Engineer", "IT"),
    ("Anton Lindberg", "Security Analyst", "IT"),
    ("Solveig Rønning", "Board Secretary", "Executive"),
    ("Elsa Norberg", "Office Manager", "Executive"),
];

/// Fjord Partners' directory.
const FJORD_STAFF: &[(&str, &str, &str)] = &[
    ("Lena Fjord", "Managing Partner", "Management"),
    ("Ola Strøm", "Senior Consultant", "Advisory"),
    ("Marte Vold", "Consultant", "Advisory"),
];

/// `Håkon Bjerke` → `hakon.bjerke`: the local part of a work e-mail and the alias.
pub fn mailbox(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        match c {
            'å' | 'ä' | 'á' | 'à' => out.push('a'),
            'ø' | 'ö' | 'ó' => out.push('o'),
            'æ' => out.push_str("ae"),
            'é' | 'è' => out.push('e'),
            'ü' => out.push('u'),
            ' ' => out.push('.'),
            c if c.is_ascii_alphanumeric() || c == '-' => out.push(c),
            _ => {}
        }
    }
    out
}

/// The entries of a directory, every one with the demo's work password.
/// `admin_name` marks the entry whose holder is an organization admin.
fn directory(staff: &[(&str, &str, &str)], domain: &str, admin_name: &str) -> Vec<NewDirectoryEntry> {
    staff
        .iter()
        .map(|(name, designation, department)| {
            let local = mailbox(name);
            NewDirectoryEntry {
                email: format!("{local}@{domain}"),
                alias: local,
                display_name: (*name).to_owned(),
                designation: (*designation).to_owned(),
                department: (*department).to_owned(),
                is_admin: *name == admin_name,
                password: Some(WORK_PASSWORD.to_owned()),
            }
        })
        .collect()
}

/// Nordvik Energi's directory as the demo imports it.
pub fn nordvik_directory() -> Vec<NewDirectoryEntry> {
    directory(NORDVIK_STAFF, NORDVIK_DOMAIN, "Astrid Admin")
}

/// Fjord Partners' directory as the demo imports it.
pub fn fjord_directory() -> Vec<NewDirectoryEntry> {
    directory(FJORD_STAFF, FJORD_DOMAIN, "Lena Fjord")
}

/// A demo person: handle, name, and the work e-mail they sign in to.
#[derive(Debug, Clone, Copy)]
pub struct DemoPerson {
    /// Handle (and how to sign in).
    pub handle: &'static str,
    /// Display name.
    pub display_name: &'static str,
    /// The work account they are signed in to.
    pub work_email: Option<&'static str>,
    /// Their role in the demo, in words.
    pub role: &'static str,
    /// What to try when signed in as them.
    pub try_this: &'static str,
}

/// The demo's personal accounts.
pub const PEOPLE: &[DemoPerson] = &[
    DemoPerson {
        handle: ADMIN_HANDLE,
        display_name: "Astrid Admin",
        work_email: Some("astrid.admin@nordvik.example"),
        role: "Operator, Nordvik admin",
        try_this: "Admin: both org groups (portal and converted), tenant policies, directory, audit log",
    },
    DemoPerson {
        handle: "erik",
        display_name: "Erik Lind",
        work_email: Some("erik.lind@nordvik.example"),
        role: "Employee, group admin",
        try_this: "Org chat and private chat with Sara side by side; Project Aurora's conversion line",
    },
    DemoPerson {
        handle: "sara",
        display_name: "Sara Holm",
        work_email: Some("sara.holm@nordvik.example"),
        role: "Employee",
        try_this: "Contacts: search \"maja\" (directory, not on Samtal yet); Me: sign out of the work account",
    },
    DemoPerson {
        handle: "jonas",
        display_name: "Jonas Berg",
        work_email: Some("jonas.berg@nordvik.example"),
        role: "Employee",
        try_this: "Org chat with Maja, who is not on Samtal yet: the message waits for her",
    },
    DemoPerson {
        handle: "lena",
        display_name: "Lena Fjord",
        work_email: Some("lena.fjord@fjordpartners.example"),
        role: "Partner org (Fjord admin)",
        try_this: "Nordvik Operations: a Nordvik-owned group she is a guest in",
    },
    DemoPerson {
        handle: "kim",
        display_name: "Kim Personal",
        work_email: None,
        role: "Personal account only",
        try_this: "Only the private group Friday climbing; no org badge anywhere",
    },
];

/// What the demo created, for tests and for the printout.
#[derive(Debug, Clone)]
pub struct Seeded {
    /// Nordvik Energi.
    pub nordvik: OrgId,
    /// Fjord Partners.
    pub fjord: OrgId,
    /// Each demo person by handle.
    pub people: BTreeMap<String, PersonId>,
    /// Each directory entry by work e-mail.
    pub entries: BTreeMap<String, DirectoryEntryId>,
    /// Each conversation by a name for it (group title, or `org chat erik-sara`).
    pub conversations: BTreeMap<String, ConversationId>,
    /// Messages sent (not counting system notes).
    pub messages: u32,
}

/// `samtal-server demo`: seed a fresh data directory, print how to sign in,
/// and serve it with `--serve`.
pub async fn run(args: DemoArgs) -> anyhow::Result<()> {
    let data = args.server.data.clone();
    prepare_data_dir(&data, args.reset)?;
    let config = demo_config(args.server.config());
    let public_url = config.public_url.clone();
    let state = serve::open(config).await?;
    tracing::info!(data = %data.display(), "seeding the demo");
    let seeded = seed(&state).await.context("the demo could not be seeded")?;
    if let Some(issuer) = &args.oidc_issuer {
        use_identity_provider(&state, seeded.nordvik, issuer).await?;
        println!("\n{NORDVIK_NAME} signs in at the identity provider {issuer}.");
    }
    println!(
        "\nThe demo is ready in {}: {} and {}, {} directory entries, {} conversations, {} messages.\n",
        data.display(),
        NORDVIK_NAME,
        FJORD_NAME,
        seeded.entries.len(),
        seeded.conversations.len(),
        seeded.messages
    );
    println!("{}", credentials_table());
    if args.serve {
        println!("Open {public_url} and sign in.\n");
        serve::serve_state(state, args.server.bind).await
    } else {
        println!(
            "Serve it with: samtal-server serve --data {} --operators {}\n",
            data.display(),
            demo_operators(&args.server.operators).join(",")
        );
        Ok(())
    }
}

/// The operators of a demo server: those given, and always `admin`.
pub fn demo_operators(given: &[String]) -> Vec<String> {
    let mut operators: Vec<String> = given.to_vec();
    if !operators.iter().any(|h| h.eq_ignore_ascii_case(ADMIN_HANDLE)) {
        operators.push(ADMIN_HANDLE.to_owned());
    }
    operators
}

/// `config` with the demo's operator added.
pub fn demo_config(mut config: Config) -> Config {
    config.operators = demo_operators(&config.operators);
    config
}

/// Makes sure `dir` is a fresh, empty data directory for the demo, deleting
/// an earlier demo there when `reset` is set, and marks it as the demo's.
/// A non-empty directory the demo did not make is never deleted.
pub fn prepare_data_dir(dir: &Path, reset: bool) -> anyhow::Result<()> {
    if dir.exists() {
        if !dir.is_dir() {
            bail!("{} is not a directory", dir.display());
        }
        let empty =
            std::fs::read_dir(dir).with_context(|| format!("could not read {}", dir.display()))?.next().is_none();
        if !empty {
            if !reset {
                bail!(
                    "{} is not empty; the demo needs a fresh data directory. \
                     Pass --reset to start an earlier demo there over, or pick another --data.",
                    dir.display()
                );
            }
            if !dir.join(MARKER_FILE).exists() {
                bail!(
                    "{} holds data the demo did not make (there is no {MARKER_FILE} file); \
                     refusing to delete it. Pick another --data directory.",
                    dir.display()
                );
            }
            std::fs::remove_dir_all(dir).with_context(|| format!("could not delete {}", dir.display()))?;
        }
    }
    std::fs::create_dir_all(dir).with_context(|| format!("could not create {}", dir.display()))?;
    // Marked before seeding: a demo that stops half-way can still be reset.
    std::fs::write(
        dir.join(MARKER_FILE),
        "This data directory holds Samtal's demo; `samtal-server demo --reset` deletes it.\n",
    )
    .with_context(|| format!("could not write to {}", dir.display()))?;
    Ok(())
}

/// The sign-in table the demo prints.
pub fn credentials_table() -> String {
    let header = ["Role", "Handle", "Password", "Work e-mail", "Work password", "What to try"];
    let mut rows: Vec<[String; 6]> = PEOPLE
        .iter()
        .map(|p| {
            [
                p.role.to_owned(),
                p.handle.to_owned(),
                DEMO_PASSWORD.to_owned(),
                p.work_email.unwrap_or("-").to_owned(),
                if p.work_email.is_some() { WORK_PASSWORD } else { "-" }.to_owned(),
                p.try_this.to_owned(),
            ]
        })
        .collect();
    rows.push([
        "Not on Samtal yet".to_owned(),
        "(sign up)".to_owned(),
        "(your own)".to_owned(),
        NOT_YET_JOINED_EMAIL.to_owned(),
        WORK_PASSWORD.to_owned(),
        "Sign up, then Me > Linked account: Jonas's chat and Nordvik Operations are waiting".to_owned(),
    ]);
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 6]| {
        let mut out = String::new();
        for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
            if i + 1 == cells.len() {
                out.push_str(cell);
            } else {
                out.push_str(cell);
                out.push_str(&" ".repeat(width - cell.chars().count() + 2));
            }
        }
        out.trim_end().to_owned() + "\n"
    };
    let mut out = line(header);
    out.push_str(&line(widths.map(|w| "-".repeat(w)).each_ref().map(String::as_str)));
    for row in &rows {
        out.push_str(&line(row.each_ref().map(String::as_str)));
    }
    out
}

/// Seeds the demo through `state`'s API. The data directory should be fresh.
pub async fn seed(state: &AppState) -> anyhow::Result<Seeded> {
    let mut demo = Seeder::new(crate::app(state.clone()));
    demo.seed().await?;
    Ok(demo.seeded)
}

/// The client id the demo registers at its identity provider.
pub const DEMO_OIDC_CLIENT_ID: &str = "samtal-demo";
/// Its client secret (the local provider takes any).
pub const DEMO_OIDC_CLIENT_SECRET: &str = "samtal-demo-secret";

/// Nordvik's admin sets the organization up to sign in at `issuer`, matching
/// people by e-mail, as Admin → Sign-in does.
pub async fn use_identity_provider(state: &AppState, nordvik: OrgId, issuer: &str) -> anyhow::Result<()> {
    let mut admin = super::provision::sign_in(state, ADMIN_HANDLE, DEMO_PASSWORD).await?;
    let body = SetOidc {
        issuer: issuer.to_owned(),
        client_id: DEMO_OIDC_CLIENT_ID.to_owned(),
        client_secret: Some(DEMO_OIDC_CLIENT_SECRET.to_owned()),
        claim: MatchClaim::Email,
    };
    let step = format!("the admin sets {NORDVIK_NAME} up with the identity provider {issuer}");
    let _: Value =
        admin.call(&step, Method::PUT, &format!("/api/admin/orgs/{nordvik}/sign-in/oidc"), Some(&body)).await?;
    admin.sign_out().await?;
    Ok(())
}

/// The demo being built: one signed-in client per person.
struct Seeder {
    app: Router,
    clients: BTreeMap<&'static str, InProcess>,
    seeded: Seeded,
}

impl Seeder {
    fn new(app: Router) -> Self {
        let seeded = Seeded {
            nordvik: OrgId(0),
            fjord: OrgId(0),
            people: BTreeMap::new(),
            entries: BTreeMap::new(),
            conversations: BTreeMap::new(),
            messages: 0,
        };
        Self { app, clients: BTreeMap::new(), seeded }
    }

    fn client(&mut self, handle: &str) -> anyhow::Result<&mut InProcess> {
        self.clients.get_mut(handle).with_context(|| format!("{handle} has not signed up in the demo"))
    }

    fn person(&self, handle: &str) -> anyhow::Result<PersonId> {
        self.seeded.people.get(handle).copied().with_context(|| format!("{handle} has not signed up in the demo"))
    }

    fn entry(&self, email: &str) -> anyhow::Result<DirectoryEntryId> {
        self.seeded.entries.get(email).copied().with_context(|| format!("{email} is not in a demo directory"))
    }

    fn conversation(&self, name: &str) -> anyhow::Result<ConversationId> {
        self.seeded.conversations.get(name).copied().with_context(|| format!("the demo has no conversation {name}"))
    }

    async fn seed(&mut self) -> anyhow::Result<()> {
        self.sign_up_everyone().await?;
        self.create_orgs().await?;
        self.link_work_accounts().await?;
        self.save_contacts().await?;
        self.friends_group().await?;
        self.operations_group().await?;
        self.aurora_group().await?;
        self.chats().await?;
        for client in self.clients.values_mut() {
            client.sign_out().await?;
        }
        Ok(())
    }

    async fn sign_up_everyone(&mut self) -> anyhow::Result<()> {
        for person in PEOPLE {
            let mut client = InProcess::new(self.app.clone());
            let body = SignupRequest {
                handle: person.handle.to_owned(),
                display_name: person.display_name.to_owned(),
                password: DEMO_PASSWORD.to_owned(),
            };
            let step = format!("{} signs up as {}", person.display_name, person.handle);
            let created: Value = client.post(&step, "/api/auth/signup", &body).await?;
            self.seeded.people.insert(person.handle.to_owned(), PersonId(id_of(&created, &step)?));
            self.clients.insert(person.handle, client);
        }
        Ok(())
    }

    async fn create_orgs(&mut self) -> anyhow::Result<()> {
        let orgs = [
            (NORDVIK_NAME, NORDVIK_DOMAIN, NORDVIK_DESCRIPTION, nordvik_directory()),
            (FJORD_NAME, FJORD_DOMAIN, FJORD_DESCRIPTION, fjord_directory()),
        ];
        for (name, domain, description, entries) in orgs {
            let step = format!("the operator creates the organization {name}");
            let body =
                CreateOrg { name: name.to_owned(), domain: domain.to_owned(), description: description.to_owned() };
            let org: Value = self.client(ADMIN_HANDLE)?.post(&step, "/api/orgs", &body).await?;
            let org = OrgId(id_of(&org, &step)?);
            if domain == NORDVIK_DOMAIN {
                self.seeded.nordvik = org;
            } else {
                self.seeded.fjord = org;
            }

            let step = format!("the admin imports the directory of {name}");
            let path = format!("/api/admin/orgs/{org}/directory");
            let result: DirectoryImportResult =
                self.client(ADMIN_HANDLE)?.post(&step, &path, &DirectoryImport { entries }).await?;
            for row in result.results {
                match (row.directory_entry_id, row.error) {
                    (Some(id), _) => {
                        self.seeded.entries.insert(row.email.to_lowercase(), id);
                    }
                    (None, error) => bail!(
                        "step \"{step}\" failed: row {} ({}) was not imported: {}",
                        row.row,
                        row.email,
                        error.map_or_else(|| "no reason given".to_owned(), |e| e.message)
                    ),
                }
            }
        }
        Ok(())
    }

    async fn link_work_accounts(&mut self) -> anyhow::Result<()> {
        for person in PEOPLE {
            let Some(email) = person.work_email else { continue };
            let step = format!("{} signs in to the work account {email}", person.handle);
            let body = WorkAccountLogin { email: email.to_owned(), password: WORK_PASSWORD.to_owned() };
            let _: Value = self.client(person.handle)?.post(&step, "/api/me/work-account", &body).await?;
        }
        Ok(())
    }

    async fn save_contacts(&mut self) -> anyhow::Result<()> {
        let pairs = [
            ("kim", "erik"),
            ("kim", "sara"),
            ("erik", "kim"),
            ("erik", "sara"),
            ("erik", "jonas"),
            ("sara", "kim"),
            ("sara", "erik"),
            ("sara", "jonas"),
            ("jonas", "erik"),
            ("jonas", "sara"),
        ];
        for (owner, other) in pairs {
            let step = format!("{owner} saves {other} as a contact");
            let body = AddContact { person_id: self.person(other)? };
            let _: Value = self.client(owner)?.post(&step, "/api/contacts", &body).await?;
        }
        Ok(())
    }

    /// Creates a private group as `creator` and returns its id.
    async fn create_group(&mut self, creator: &str, title: &str, members: &[&str]) -> anyhow::Result<ConversationId> {
        let member_ids = members.iter().map(|m| self.person(m)).collect::<anyhow::Result<Vec<_>>>()?;
        let step = format!("{creator} creates the private group {title}");
        let body = CreateGroup { title: title.to_owned(), member_ids };
        let group: Value = self.client(creator)?.post(&step, "/api/conversations/groups", &body).await?;
        let id = ConversationId(id_of(&group, &step)?);
        self.seeded.conversations.insert(title.to_owned(), id);
        Ok(id)
    }

    /// Sends `lines` (sender, text) to the conversation `name`.
    async fn talk(&mut self, name: &str, lines: &[(&str, &str)]) -> anyhow::Result<()> {
        let conversation = self.conversation(name)?;
        for (sender, text) in lines {
            self.seeded.messages += 1;
            let step = format!("{sender} writes in {name}: \"{text}\"");
            let body = SendMessage {
                reply_to: None,
                text: Some((*text).to_owned()),
                client_id: format!("demo-{}", self.seeded.messages),
                forward_of: None,
                attachment_id: None,
            };
            let path = format!("/api/conversations/{conversation}/messages");
            let _: Value = self.client(sender)?.post(&step, &path, &body).await?;
        }
        Ok(())
    }

    async fn friends_group(&mut self) -> anyhow::Result<()> {
        self.create_group("kim", FRIENDS_GROUP, &["erik", "sara"]).await?;
        self.talk(
            FRIENDS_GROUP,
            &[
                ("kim", "Climbing on Friday? The new wall at Klatrehallen is finally open."),
                ("erik", "I'm in! 18:00 after work?"),
                ("sara", "Count me in. I'll bring the spare harness."),
                ("kim", "Perfect. Pizza at Lofoten Pizzeria afterwards, my treat."),
                ("erik", "Then I'm definitely in."),
            ],
        )
        .await
    }

    async fn operations_group(&mut self) -> anyhow::Result<()> {
        let nordvik = self.seeded.nordvik;
        let emails = [
            "astrid.admin@nordvik.example",
            "erik.lind@nordvik.example",
            "sara.holm@nordvik.example",
            "jonas.berg@nordvik.example",
            "hakon.bjerke@nordvik.example",
            "elin.sandberg@nordvik.example",
            NOT_YET_JOINED_EMAIL,
        ];
        let directory_entry_ids = emails.iter().map(|e| self.entry(e)).collect::<anyhow::Result<Vec<_>>>()?;
        let body = CreateOrgGroup {
            title: OPERATIONS_GROUP.to_owned(),
            // A partner from another organization joins by person.
            member_ids: vec![self.person("lena")?],
            directory_entry_ids,
            policies: None,
        };
        let step = format!("the admin creates the org group {OPERATIONS_GROUP} in the admin portal");
        let path = format!("/api/admin/orgs/{nordvik}/groups");
        let group: Value = self.client(ADMIN_HANDLE)?.post(&step, &path, &body).await?;
        let id = ConversationId(id_of(&group, &step)?);
        self.seeded.conversations.insert(OPERATIONS_GROUP.to_owned(), id);
        self.talk(
            OPERATIONS_GROUP,
            &[
                ("admin", "Welcome to Nordvik Operations: daily status for the field and control room goes here."),
                ("erik", "Morning all. Turbine 7 at Kvitfjell is back online after the gearbox swap."),
                ("lena", "Great news. Fjord Partners will send the inspection report by Thursday."),
                ("sara", "Load forecast for the cold snap is in. Peak expected Wednesday 08:00."),
                ("jonas", "Maja starts Monday and will join the Kvitfjell crew. Say hello when she's on Samtal."),
            ],
        )
        .await
    }

    async fn aurora_group(&mut self) -> anyhow::Result<()> {
        let id = self.create_group("erik", AURORA_GROUP, &["sara", "jonas"]).await?;
        self.talk(
            AURORA_GROUP,
            &[
                (
                    "erik",
                    "Kicking off Aurora: a battery storage pilot at the Tromsø substation. Keeping it small for now.",
                ),
                ("sara", "I can draft the grid connection study."),
                ("jonas", "I'll sketch a budget tonight."),
            ],
        )
        .await?;
        let step = format!("erik adds {AURORA_GROUP} to {NORDVIK_NAME}");
        let path = format!("/api/conversations/{id}/add-to-organization");
        let _: Value = self.client("erik")?.post(&step, &path, &serde_json::json!({})).await?;
        self.talk(
            AURORA_GROUP,
            &[
                ("erik", "Aurora is an official Nordvik project now, so it lives with the company."),
                ("jonas", "Budget for phase one: NOK 4.2 million, including the containers."),
                ("sara", "Grid connection study draft is ready for review on Friday."),
            ],
        )
        .await
    }

    /// Starts a chat as `from` and records it as `name`.
    async fn chat(&mut self, name: &str, from: &str, body: CreateChat) -> anyhow::Result<()> {
        let step = format!("{from} starts the {name}");
        let chat: Value = self.client(from)?.post(&step, "/api/conversations/chats", &body).await?;
        let id = ConversationId(id_of(&chat, &step)?);
        self.seeded.conversations.insert(name.to_owned(), id);
        Ok(())
    }

    async fn chats(&mut self) -> anyhow::Result<()> {
        let sara_entry = self.entry("sara.holm@nordvik.example")?;
        let org_chat = CreateChat { person_id: None, directory_entry_id: Some(sara_entry), scope: Scope::Org };
        self.chat("org chat erik-sara", "erik", org_chat).await?;
        self.talk(
            "org chat erik-sara",
            &[
                ("erik", "Sara, could you review the substation maintenance plan before Friday?"),
                ("sara", "Yes. You'll have my comments by Thursday."),
                ("erik", "Thanks! The outage window is the weekend of the 14th."),
            ],
        )
        .await?;

        let sara = self.person("sara")?;
        let private_chat = CreateChat { person_id: Some(sara), directory_entry_id: None, scope: Scope::Private };
        self.chat("private chat erik-sara", "erik", private_chat).await?;
        self.talk(
            "private chat erik-sara",
            &[("erik", "Dinner at ours on Saturday? Bring the kids."), ("sara", "Lovely! We'll bring dessert.")],
        )
        .await?;

        let maja_entry = self.entry(NOT_YET_JOINED_EMAIL)?;
        let waiting = CreateChat { person_id: None, directory_entry_id: Some(maja_entry), scope: Scope::Org };
        self.chat("org chat jonas-maja", "jonas", waiting).await?;
        self.talk(
            "org chat jonas-maja",
            &[(
                "jonas",
                "Hi Maja, welcome to Nordvik! Once you've linked your work account I'll walk you through the site visits.",
            )],
        )
        .await
    }
}

/// The `id` of a created thing in an answer.
fn id_of(value: &Value, step: &str) -> Result<i64, StepError> {
    value.get("id").and_then(Value::as_i64).ok_or_else(|| StepError {
        step: step.to_owned(),
        request: "reading the answer".to_owned(),
        status: None,
        body: format!("no id in {value}"),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::collections::HashSet;

    use super::*;

    #[test]
    fn directories_are_unique_and_plain_ascii() {
        for entries in [nordvik_directory(), fjord_directory()] {
            let mut emails = HashSet::new();
            for entry in &entries {
                assert!(emails.insert(entry.email.clone()), "{} twice", entry.email);
                assert!(entry.email.is_ascii() && entry.alias.is_ascii(), "{}", entry.email);
                assert_eq!(entry.password.as_deref(), Some(WORK_PASSWORD));
            }
            assert_eq!(entries.iter().filter(|e| e.is_admin).count(), 1);
        }
        let nordvik = nordvik_directory();
        assert!(nordvik.len() >= 50, "about fifty people");
        for person in PEOPLE {
            if let Some(email) = person.work_email {
                assert!(
                    nordvik.iter().chain(fjord_directory().iter()).any(|e| e.email == email),
                    "{email} is in a directory"
                );
            }
        }
        assert!(nordvik.iter().any(|e| e.email == NOT_YET_JOINED_EMAIL));
        assert_eq!(mailbox("Håkon Bjerke"), "hakon.bjerke");
        assert_eq!(mailbox("Solveig Rønning"), "solveig.ronning");
    }

    #[test]
    fn the_table_lists_every_person() {
        let table = credentials_table();
        for person in PEOPLE {
            assert!(table.contains(person.handle));
        }
        assert!(table.contains(NOT_YET_JOINED_EMAIL));
        assert!(table.lines().all(|l| !l.ends_with(' ')));
    }

    #[test]
    fn a_data_dir_the_demo_did_not_make_is_never_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        prepare_data_dir(&data, false).unwrap();
        assert!(data.join(MARKER_FILE).exists());
        std::fs::write(data.join("samtal.db"), "x").unwrap();
        assert!(prepare_data_dir(&data, false).is_err(), "not fresh");
        prepare_data_dir(&data, true).unwrap();
        assert!(!data.join("samtal.db").exists(), "reset deletes the earlier demo");

        let other = dir.path().join("other");
        std::fs::create_dir(&other).unwrap();
        std::fs::write(other.join("precious.txt"), "x").unwrap();
        assert!(prepare_data_dir(&other, true).is_err());
        assert!(other.join("precious.txt").exists());
    }
}
