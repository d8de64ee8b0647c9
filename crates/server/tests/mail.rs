//! Rule 12, missed-message e-mail digests, end to end: organizations, people
//! and messages are set up through the HTTP API, digests go over SMTP to a
//! real SMTP server started by the test, and the assertions read the e-mails
//! it received.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod common_mail;

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use common::*;
use common_mail::{Mail, SmtpServer};
use reqwest::StatusCode;
use samtal_server::mail::{self, Mailer, PassReport, Smtp};
use samtal_server::time::now_ms;
use samtal_server::{AppState, Config};
use serde_json::{Value, json};

const MINUTE: i64 = 60_000;
const PUBLIC_URL: &str = "http://samtal.test";
const OPERATOR: &str = "operator";
const ORG: &str = "Nordvik Energi";
const DOMAIN: &str = "nordvik.example";

/// A server with e-mail on, an SMTP server catching what it sends, and an
/// organization whose first admin is the operator.
struct World {
    server: TestServer,
    smtp: SmtpServer,
    op: Client,
    org: i64,
}

/// A directory entry, and the person signed in to it (if any).
struct Employee {
    client: Option<Client>,
    entry: i64,
    email: String,
    password: String,
}

impl Employee {
    fn client(&self) -> &Client {
        self.client.as_ref().expect("signed in")
    }
}

fn config(data_dir: &Path, smtp: &SmtpServer) -> Config {
    let mut config = Config::for_data_dir(data_dir);
    config.operators = vec![OPERATOR.to_owned()];
    config.smtp_url = Some(smtp.url());
    config.public_url = PUBLIC_URL.to_owned();
    config
}

async fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let smtp = SmtpServer::start().await;
    let config = config(dir.path(), &smtp);
    world_with(dir, config, smtp).await
}

async fn world_with(dir: tempfile::TempDir, config: Config, smtp: SmtpServer) -> World {
    let server = TestServer::start_config(dir, config).await;
    let op = server.person(OPERATOR).await;
    let (status, org) = op
        .post("/api/orgs", json!({"name": ORG, "domain": DOMAIN, "description": "Nordvik keeps its conversations."}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{org}");
    World { server, smtp, op, org: org["id"].as_i64().unwrap() }
}

impl World {
    /// A directory entry nobody has linked yet.
    async fn entry(&self, alias: &str, name: &str) -> Employee {
        let email = format!("{alias}@{DOMAIN}");
        let password = format!("{alias}-work-password");
        let (status, result) = self
            .op
            .post(
                &format!("/api/admin/orgs/{}/directory", self.org),
                json!({"entries": [{"email": email, "alias": alias, "display_name": name, "designation": "Engineer",
                                    "department": "Grid", "is_admin": false, "password": password}]}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{result}");
        let entry = result["results"][0]["directory_entry_id"].as_i64().expect("provisioned");
        Employee { client: None, entry, email, password }
    }

    /// A person signed in to a new directory entry.
    async fn employee(&self, alias: &str, name: &str) -> Employee {
        let mut employee = self.entry(alias, name).await;
        let client = self.server.person(alias).await;
        link(&client, &employee).await;
        employee.client = Some(client);
        employee
    }

    /// One pass of the mail worker at `now`.
    async fn pass(&self, now: i64) -> PassReport {
        mail::run_once(&self.server.state, now).await.unwrap()
    }

    async fn set_tenant_policies(&self, policies: Value) {
        let (status, body) = self.op.put(&format!("/api/admin/orgs/{}/policies", self.org), policies).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
}

async fn link(client: &Client, employee: &Employee) {
    let (status, body) =
        client.post("/api/me/work-account", json!({"email": employee.email, "password": employee.password})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// An org chat from `from` with the directory entry `to`.
async fn org_chat(from: &Client, to: &Employee) -> i64 {
    let (status, chat) =
        from.post("/api/conversations/chats", json!({"directory_entry_id": to.entry, "scope": "org"})).await;
    assert!(status.is_success(), "{chat}");
    chat["id"].as_i64().unwrap()
}

/// Sends `text`; returns the message's seq.
async fn send(from: &Client, conversation: i64, text: &str) -> i64 {
    // A fresh id per send: a repeated one would be taken as a retry of the
    // earlier message and stored once (idempotent sends).
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let client_id = format!("c{}", NEXT.fetch_add(1, Ordering::Relaxed));
    let (status, message) = from
        .post(&format!("/api/conversations/{conversation}/messages"), json!({"text": text, "client_id": client_id}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{message}");
    message["seq"].as_i64().unwrap()
}

async fn mark_read(who: &Client, conversation: i64, seq: i64) {
    let (status, body) = who.post(&format!("/api/conversations/{conversation}/read"), json!({"seq": seq})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

fn chat_link(conversation: i64) -> String {
    format!("{PUBLIC_URL}/chats/{conversation}")
}

fn only(mails: Vec<Mail>) -> Mail {
    assert_eq!(mails.len(), 1, "exactly one e-mail: {:#?}", mails.iter().map(|m| &m.subject).collect::<Vec<_>>());
    mails.into_iter().next().unwrap()
}

#[tokio::test]
async fn unread_messages_of_several_conversations_arrive_as_one_digest_after_the_delay() {
    let w = world().await;
    let anna = w.employee("anna", "Anna Andersson").await;
    let bo = w.employee("bodil", "Bo Berg").await;
    let cay = w.employee("cayla", "Cay Carlsson").await;
    let with_anna = org_chat(anna.client(), &bo).await;
    let with_cay = org_chat(cay.client(), &bo).await;
    send(anna.client(), with_anna, "The substation report is due Friday.").await;
    send(anna.client(), with_anna, "<b>Bold</b> claims & \"quotes\"").await;
    send(cay.client(), with_cay, "Can you review the grid plan?").await;
    let t0 = now_ms();

    // Nothing before the delay (15 minutes by default)...
    assert_eq!(w.pass(t0).await.decided, 0);
    assert_eq!(w.pass(t0 + 14 * MINUTE).await.decided, 0);
    assert!(w.smtp.mails().is_empty());

    // ...then one e-mail for both conversations, to the work address.
    let report = w.pass(t0 + 16 * MINUTE).await;
    assert_eq!((report.decided, report.sent), (1, 1), "{report:?}");
    let mail = only(w.smtp.mails());
    assert_eq!(mail.envelope_to, vec![bo.email.clone()]);
    assert_eq!(mail.to, bo.email);
    assert_eq!(mail.subject, "3 unread messages in Nordvik Energi");
    assert!(mail.message_id.starts_with("digest."), "{}", mail.message_id);
    assert_eq!(mail.auto_submitted, "auto-generated");
    for expected in [
        "Anna Andersson",
        "Cay Carlsson",
        "2 new messages from Anna Andersson",
        "1 new message from Cay Carlsson",
        "The substation report is due Friday.",
        "Can you review the grid plan?",
        &chat_link(with_anna),
        &chat_link(with_cay),
        &format!("{PUBLIC_URL}/me"),
    ] {
        assert!(mail.text.contains(expected), "text lacks {expected:?}:\n{}", mail.text);
        if !expected.contains('<') {
            assert!(mail.html.contains(expected), "html lacks {expected:?}:\n{}", mail.html);
        }
    }
    // People's text is escaped in the HTML part and verbatim in the text part.
    assert!(mail.text.contains("<b>Bold</b> claims & \"quotes\""), "{}", mail.text);
    assert!(mail.html.contains("&lt;b&gt;Bold&lt;/b&gt; claims &amp; &quot;quotes&quot;"), "{}", mail.html);
    assert!(!mail.html.contains("<b>Bold"), "{}", mail.html);
    assert!(!mail.text.contains("Sign up"), "a person on Samtal needs no linking help:\n{}", mail.text);

    // The senders get nothing about their own messages, and a second pass
    // sends nothing twice.
    let again = w.pass(t0 + 40 * MINUTE).await;
    assert_eq!((again.decided, again.sent), (0, 0), "{again:?}");
    assert_eq!(w.smtp.mails().len(), 1);
}

#[tokio::test]
async fn never_more_than_one_email_per_delay() {
    let w = world().await;
    let anna = w.employee("anna", "Anna Andersson").await;
    let bo = w.employee("bodil", "Bo Berg").await;
    let chat = org_chat(anna.client(), &bo).await;
    send(anna.client(), chat, "First").await;
    let t0 = now_ms();
    assert_eq!(w.pass(t0 + 16 * MINUTE).await.sent, 1);

    // A message that is itself past the delay waits until a whole delay
    // has passed since the last digest.
    send(anna.client(), chat, "Second").await;
    assert_eq!(w.pass(t0 + 20 * MINUTE).await.decided, 0);
    assert_eq!(w.pass(t0 + 30 * MINUTE).await.decided, 0);
    let report = w.pass(t0 + 32 * MINUTE).await;
    assert_eq!(report.sent, 1, "{report:?}");

    let mails = w.smtp.mails_to(&bo.email);
    assert_eq!(mails.len(), 2);
    assert_eq!(mails[1].subject, "1 unread message in Nordvik Energi");
    assert!(mails[1].text.contains("Second") && !mails[1].text.contains("First"), "{}", mails[1].text);
    assert_ne!(mails[0].message_id, mails[1].message_id);
}

#[tokio::test]
async fn messages_read_in_time_are_not_mailed() {
    let w = world().await;
    let anna = w.employee("anna", "Anna Andersson").await;
    let bo = w.employee("bodil", "Bo Berg").await;
    let cay = w.employee("cayla", "Cay Carlsson").await;
    let with_anna = org_chat(anna.client(), &bo).await;
    let with_cay = org_chat(cay.client(), &bo).await;
    let seq = send(anna.client(), with_anna, "Read me in time").await;
    send(cay.client(), with_cay, "Left unread").await;
    mark_read(bo.client(), with_anna, seq).await;
    let t0 = now_ms();

    w.pass(t0 + 16 * MINUTE).await;
    let mail = only(w.smtp.mails());
    assert_eq!(mail.subject, "1 unread message in Nordvik Energi");
    assert!(mail.text.contains("Left unread") && !mail.text.contains("Read me in time"), "{}", mail.text);
    assert!(!mail.text.contains(&chat_link(with_anna)), "{}", mail.text);

    // A digest decided but read before it could be sent is dropped.
    let seq = send(cay.client(), with_cay, "Another one").await;
    let mailer = Mailer::open(&w.server.state).unwrap().unwrap();
    assert_eq!(mailer.decide(t0 + 40 * MINUTE).await.unwrap(), 1);
    mark_read(bo.client(), with_cay, seq).await;
    let report = mailer.send_pending(t0 + 40 * MINUTE).await.unwrap();
    assert_eq!((report.sent, report.obsolete), (0, 1), "{report:?}");
    assert_eq!(w.smtp.mails().len(), 1);
}

#[tokio::test]
async fn a_person_can_opt_out_or_pick_a_longer_delay() {
    let w = world().await;
    let anna = w.employee("anna", "Anna Andersson").await;
    let bo = w.employee("bodil", "Bo Berg").await;
    let cay = w.employee("cayla", "Cay Carlsson").await;
    let (status, body) =
        bo.client().put("/api/me/email-settings", json!({"enabled": false, "delay_minutes": 15})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) =
        cay.client().put("/api/me/email-settings", json!({"enabled": true, "delay_minutes": 60})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let to_bo = org_chat(anna.client(), &bo).await;
    let to_cay = org_chat(anna.client(), &cay).await;
    send(anna.client(), to_bo, "Hello Bo").await;
    send(anna.client(), to_cay, "Hello Cay").await;
    let t0 = now_ms();

    assert_eq!(w.pass(t0 + 16 * MINUTE).await.decided, 0, "cay's delay is an hour, bo opted out");
    w.pass(t0 + 61 * MINUTE).await;
    let mail = only(w.smtp.mails());
    assert_eq!(mail.envelope_to, vec![cay.email.clone()]);
    assert!(mail.text.contains("Hello Cay"), "{}", mail.text);
    w.pass(t0 + 300 * MINUTE).await;
    assert!(w.smtp.mails_to(&bo.email).is_empty(), "bo opted out");
}

#[tokio::test]
async fn a_digest_is_written_in_the_language_its_recipient_chose() {
    let w = world().await;
    let anna = w.employee("anna", "Anna Andersson").await;
    let bo = w.employee("bodil", "Bo Berg").await;
    let cay = w.employee("cayla", "Cay Carlsson").await;
    let (status, body) = bo.client().put("/api/me/language", json!({"language": "sv"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["language"], "sv");
    let (_, me) = bo.client().get("/api/me").await;
    assert_eq!(me["language"], "sv", "{me}");
    // An unknown language is a clear refusal, not a silent English.
    let (status, body) = cay.client().put("/api/me/language", json!({"language": "tlh"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let to_bo = org_chat(anna.client(), &bo).await;
    let to_cay = org_chat(anna.client(), &cay).await;
    send(anna.client(), to_bo, "Hej Bo").await;
    send(anna.client(), to_cay, "Hello Cay").await;
    let t0 = now_ms();

    w.pass(t0 + 16 * MINUTE).await;
    let swedish = only(w.smtp.mails_to(&bo.email));
    assert_eq!(swedish.subject, "1 oläst meddelande i Nordvik Energi");
    for expected in ["Hej Bo Berg!", "1 nytt meddelande från Anna Andersson", "Hej Bo", "Öppna Jag"] {
        assert!(swedish.text.contains(expected), "text lacks {expected:?}:\n{}", swedish.text);
    }
    assert!(swedish.html.contains("<html lang=\"sv\">"), "{}", swedish.html);
    let english = only(w.smtp.mails_to(&cay.email));
    assert_eq!(english.subject, "1 unread message in Nordvik Energi", "no choice is English");

    // Choosing the browser's language again forgets the choice.
    let (status, body) = bo.client().put("/api/me/language", json!({"language": null})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, me) = bo.client().get("/api/me").await;
    assert!(me.get("language").is_none(), "{me}");
}

#[tokio::test]
async fn an_org_admin_can_turn_the_emails_off() {
    let w = world().await;
    let anna = w.employee("anna", "Anna Andersson").await;
    let bo = w.employee("bodil", "Bo Berg").await;
    let chat = org_chat(anna.client(), &bo).await;
    send(anna.client(), chat, "Hello").await;
    w.set_tenant_policies(json!({"missed_message_emails": false})).await;
    let t0 = now_ms();

    let report = w.pass(t0 + 16 * MINUTE).await;
    assert_eq!(report, PassReport::default());
    assert!(w.smtp.mails().is_empty());

    // Turned on again, what is still unread is mailed.
    w.set_tenant_policies(json!({"missed_message_emails": true})).await;
    w.pass(t0 + 17 * MINUTE).await;
    assert_eq!(only(w.smtp.mails()).envelope_to, vec![bo.email.clone()]);
}

#[tokio::test]
async fn the_share_policy_keeps_message_text_out_of_emails() {
    let w = world().await;
    let anna = w.employee("anna", "Anna Andersson").await;
    let bo = w.employee("bodil", "Bo Berg").await;
    let chat = org_chat(anna.client(), &bo).await;
    // An org group whose own policy forbids sharing, beside a chat that allows it.
    let (status, group) =
        w.op.post(
            &format!("/api/admin/orgs/{}/groups", w.org),
            json!({"title": "Tender <2026>", "directory_entry_ids": [anna.entry, bo.entry],
                   "policies": {"allow_share": false}}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{group}");
    let group = group["id"].as_i64().unwrap();
    send(anna.client(), chat, "Lunch at noon?").await;
    send(anna.client(), group, "The bid is 41 million").await;
    send(anna.client(), group, "Keep it quiet").await;
    let t0 = now_ms();

    w.pass(t0 + 16 * MINUTE).await;
    let mail = only(w.smtp.mails());
    assert_eq!(mail.subject, "3 unread messages in Nordvik Energi");
    for body in [&mail.text, &mail.html] {
        assert!(body.contains("Lunch at noon?"), "the chat allows sharing:\n{body}");
        assert!(!body.contains("41 million") && !body.contains("Keep it quiet"), "group text leaked:\n{body}");
        assert!(body.contains("2 new messages from Anna Andersson"), "{body}");
        assert!(body.contains("policy keeps it inside Samtal"), "{body}");
        assert!(body.contains(&chat_link(group)), "{body}");
    }
    assert!(mail.text.contains("Tender <2026>"), "{}", mail.text);
    assert!(mail.html.contains("Tender &lt;2026&gt;"), "{}", mail.html);

    // The tenant policy hides text in every org conversation.
    w.set_tenant_policies(json!({"allow_share": false})).await;
    send(anna.client(), chat, "Secret lunch plans").await;
    w.pass(t0 + 40 * MINUTE).await;
    let mails = w.smtp.mails();
    assert_eq!(mails.len(), 2);
    assert!(!mails[1].text.contains("Secret lunch plans"), "{}", mails[1].text);
    assert!(mails[1].text.contains("1 new message from Anna Andersson"), "{}", mails[1].text);
}

#[tokio::test]
async fn private_conversations_are_never_mailed() {
    let w = world().await;
    let anna = w.employee("anna", "Anna Andersson").await;
    let bo = w.employee("bodil", "Bo Berg").await;
    let bo_id = bo.client().id().await;
    let (status, body) = anna.client().post("/api/contacts", json!({"person_id": bo_id})).await;
    assert!(status.is_success(), "{body}");
    let (status, chat) =
        anna.client().post("/api/conversations/chats", json!({"person_id": bo_id, "scope": "private"})).await;
    assert!(status.is_success(), "{chat}");
    let (status, group) =
        anna.client().post("/api/conversations/groups", json!({"title": "Climbing", "member_ids": [bo_id]})).await;
    assert_eq!(status, StatusCode::CREATED, "{group}");
    send(anna.client(), chat["id"].as_i64().unwrap(), "Private hello").await;
    send(anna.client(), group["id"].as_i64().unwrap(), "Saturday at the wall?").await;
    let t0 = now_ms();

    for minutes in [16, 60, 600] {
        assert_eq!(w.pass(t0 + minutes * MINUTE).await, PassReport::default());
    }
    assert!(w.smtp.mails().is_empty());
}

#[tokio::test]
async fn a_directory_entry_not_on_samtal_gets_the_digest_with_how_to_link() {
    let w = world().await;
    let anna = w.employee("anna", "Anna Andersson").await;
    let dag = w.entry("dagny", "Dag Dahl").await;
    let chat = org_chat(anna.client(), &dag).await;
    send(anna.client(), chat, "Welcome aboard, Dag!").await;
    send(anna.client(), chat, "Your first task is in the tracker.").await;
    let t0 = now_ms();

    w.pass(t0 + 16 * MINUTE).await;
    let mail = only(w.smtp.mails());
    assert_eq!(mail.envelope_to, vec![dag.email.clone()]);
    assert_eq!(mail.subject, "2 unread messages in Nordvik Energi");
    for body in [&mail.text, &mail.html] {
        assert!(body.contains("Dag Dahl"), "{body}");
        assert!(body.contains("Welcome aboard, Dag!"), "{body}");
        assert!(
            body.contains(&format!("Sign up at {PUBLIC_URL}")) || body.contains(&format!(">{PUBLIC_URL}<")),
            "{body}"
        );
        assert!(body.contains("Linked account"), "{body}");
        assert!(body.contains(&dag.email), "{body}");
        assert!(body.contains(&chat_link(chat)), "{body}");
    }

    // Once Dag links the work account, the same messages are not mailed again.
    let dag_person = w.server.person("dagny").await;
    link(&dag_person, &dag).await;
    w.pass(t0 + 60 * MINUTE).await;
    assert_eq!(w.smtp.mails().len(), 1);
}

#[tokio::test]
async fn a_restart_between_decision_and_send_sends_the_digest_exactly_once() {
    let keep = tempfile::tempdir().unwrap();
    let data_dir = keep.path().join("data");
    let smtp = SmtpServer::start().await;
    let config = config(&data_dir, &smtp);
    // The harness's own temporary directory is not the data directory, so
    // the data outlives the first server.
    let w = world_with(tempfile::tempdir().unwrap(), config.clone(), smtp).await;
    let anna = w.employee("anna", "Anna Andersson").await;
    let bo = w.employee("bodil", "Bo Berg").await;
    let chat = org_chat(anna.client(), &bo).await;
    send(anna.client(), chat, "Before the crash").await;
    let t0 = now_ms();

    // Decide, then "crash": the mailer and the whole server go away unsent.
    let mailer = Mailer::open(&w.server.state).unwrap().unwrap();
    assert_eq!(mailer.decide(t0 + 16 * MINUTE).await.unwrap(), 1);
    let World { server, smtp, op, .. } = w;
    drop((mailer, server, op, anna, bo));
    assert!(smtp.mails().is_empty());

    // Restart over the same data directory: the pending digest is sent, and
    // nothing is decided a second time.
    let mut config = config;
    common_db::use_test_database(&mut config).await;
    let store = samtal_server::store::open(config.database_url.as_ref(), &data_dir).await.unwrap();
    let state = AppState::new(config, store).unwrap();
    let report = mail::run_once(&state, t0 + 17 * MINUTE).await.unwrap();
    assert_eq!((report.decided, report.sent), (0, 1), "{report:?}");
    let report = mail::run_once(&state, t0 + 60 * MINUTE).await.unwrap();
    assert_eq!((report.decided, report.sent), (0, 0), "{report:?}");
    let mail = only(smtp.mails());
    assert!(mail.text.contains("Before the crash"), "{}", mail.text);
    assert_eq!(mail.subject, "1 unread message in Nordvik Energi");
    common_db::drop_test_database(&state.config);
}

#[tokio::test]
async fn a_relay_that_is_down_delays_the_digest_without_losing_it() {
    let w = world().await;
    let anna = w.employee("anna", "Anna Andersson").await;
    let bo = w.employee("bodil", "Bo Berg").await;
    let chat = org_chat(anna.client(), &bo).await;
    send(anna.client(), chat, "Are you there?").await;
    let t0 = now_ms();

    // A port nobody listens on.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let down = Mailer::new(
        w.server.state.domain.clone(),
        Smtp::from_url(&format!("smtp://{closed}"), PUBLIC_URL).unwrap(),
        &w.server.state,
    );
    let report = down.run_once(t0 + 16 * MINUTE).await.unwrap();
    assert_eq!((report.decided, report.sent, report.failed), (1, 0, 1), "{report:?}");

    // The relay is back: the stored digest goes out once its retry is due.
    assert_eq!(w.pass(t0 + 16 * MINUTE).await, PassReport::default(), "not before the retry time");
    let report = w.pass(t0 + 18 * MINUTE).await;
    assert_eq!((report.decided, report.sent), (0, 1), "{report:?}");
    assert!(only(w.smtp.mails()).text.contains("Are you there?"));
}

#[tokio::test]
async fn the_worker_sends_digests_by_itself() {
    let dir = tempfile::tempdir().unwrap();
    let smtp = SmtpServer::start().await;
    let mut config = config(dir.path(), &smtp);
    config.mail_delay = Duration::from_secs(1);
    let w = world_with(dir, config, smtp).await;
    let anna = w.employee("anna", "Anna Andersson").await;
    let bo = w.employee("bodil", "Bo Berg").await;
    let chat = org_chat(anna.client(), &bo).await;
    send(anna.client(), chat, "Worker test").await;

    let worker = mail::spawn_worker(w.server.state.clone()).await.unwrap().expect("e-mail is configured");
    let mails = w.smtp.wait_for(1, Duration::from_secs(20)).await;
    worker.abort();
    let mail = only(mails);
    assert_eq!(mail.envelope_to, vec![bo.email.clone()]);
    assert!(mail.text.contains("Worker test"), "{}", mail.text);
}

#[tokio::test]
async fn without_an_smtp_url_there_is_no_worker() {
    let server = TestServer::start().await;
    assert!(mail::spawn_worker(server.state.clone()).await.unwrap().is_none());
    assert_eq!(mail::run_once(&server.state, now_ms()).await.unwrap(), PassReport::default());

    let mut config = Config::for_data_dir(server.dir.path().join("other"));
    config.smtp_url = Some("http://not-smtp.example".to_owned());
    let store = samtal_server::store::open(None, &config.data_dir).await.unwrap();
    let state = AppState::new(config, store).unwrap();
    let error = mail::spawn_worker(state).await.unwrap_err().to_string();
    assert!(error.contains("smtp://"), "{error}");
}

#[tokio::test]
async fn with_two_instances_one_sends_each_digest_and_the_other_takes_over_when_it_stops() {
    // Several instances share PostgreSQL, whichever backend the rest of the run is on.
    let admin = std::env::var("SAMTAL_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let name = format!("{}mailers_{:016x}", common_db::TEST_DATABASE_PREFIX, rand::random::<u64>());
    let url = common_db::create_database(&admin, &name).await;
    let smtp = SmtpServer::start().await;
    let instance_config = |dir: &Path| {
        let mut config = config(dir, &smtp);
        config.mail_delay = Duration::from_secs(1);
        config.database_url = Some(samtal_server::store::DatabaseUrl::Postgres(url.clone()));
        config
    };
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (config_a, config_b) = (instance_config(dir_a.path()), instance_config(dir_b.path()));
    let w = world_with(dir_a, config_a, smtp).await;
    let b = TestServer::start_config(dir_b, config_b).await;
    let anna = w.employee("anna", "Anna Andersson").await;
    let bo = w.employee("bodil", "Bo Berg").await;
    let chat = org_chat(anna.client(), &bo).await;

    // A's worker starts first and takes the role; B's waits beside it.
    let worker_a = mail::spawn_worker(w.server.state.clone()).await.unwrap().expect("e-mail is on");
    send(anna.client(), chat, "First, while both run").await;
    assert_eq!(w.smtp.wait_for(1, Duration::from_secs(20)).await.len(), 1);
    // The relay has it, and A marks it sent just after. Stopping A in between would be
    // the crash the mail module documents, after which the digest is sent again.
    nothing_pending(&w.server.state).await;
    let worker_b = mail::spawn_worker(b.state.clone()).await.unwrap().expect("e-mail is on");

    // A stops: B takes over, and sends what A never saw.
    worker_a.abort();
    send(anna.client(), chat, "Second, after A stopped").await;
    let mails = w.smtp.wait_for(2, Duration::from_secs(30)).await;
    nothing_pending(&b.state).await;
    worker_b.abort();
    assert_eq!(mails.len(), 2, "{mails:?}");
    assert!(mails[0].text.contains("First, while both run") && !mails[0].text.contains("Second"));
    assert!(mails[1].text.contains("Second, after A stopped") && !mails[1].text.contains("First"));
    // Nothing is left to send twice, from either instance.
    let later = now_ms() + 60 * MINUTE;
    assert_eq!(mail::run_once(&b.state, later).await.unwrap(), PassReport::default());
    assert_eq!(w.smtp.mails().len(), 2);
    drop((w, b));
    common_db::drop_database(&url);
}

/// Waits (up to 20 s) until the outbox holds no digest waiting to be sent.
async fn nothing_pending(state: &AppState) {
    for _ in 0..400 {
        let mut read = state.domain.store().read().await.unwrap();
        if read.due_mail(i64::MAX, 1).await.unwrap().is_empty() {
            return;
        }
        drop(read);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("a digest is still waiting to be sent after 20 s");
}

/// The corpus of script-injection payloads the journeys render too.
const XSS: &str = include_str!("../../../tests/e2e/corpus/xss.json");

#[tokio::test]
async fn injected_markup_in_names_and_messages_is_mailed_as_text() {
    let w = world().await;
    let payloads: Vec<String> = serde_json::from_str(XSS).unwrap();
    let bo = w.employee("bodil", "Bo Berg").await;
    let mut escaped = Vec::new();
    for (i, payload) in payloads.iter().enumerate() {
        // Each sender's name and one message is a payload: one conversation each.
        let sender = w.employee(&format!("xss{i}"), payload).await;
        let chat = org_chat(sender.client(), &bo).await;
        send(sender.client(), chat, payload).await;
        escaped.push(samtal_server::domain::mail::compose::escape_html(payload));
    }
    let report = w.pass(now_ms() + 16 * MINUTE).await;
    assert_eq!(report.sent, 1, "{report:?}");
    let mail = only(w.smtp.mails());
    for (payload, escaped) in payloads.iter().zip(&escaped) {
        if payload.contains(['<', '>', '"', '\'', '&']) {
            assert!(
                !mail.html.contains(payload.as_str()),
                "the HTML part carries {payload:?} as markup:\n{}",
                mail.html
            );
        }
        assert!(mail.html.contains(escaped.as_str()), "the HTML part lacks {escaped:?}:\n{}", mail.html);
        assert!(mail.text.contains(payload.as_str()), "the text part lacks {payload:?}");
    }
}
