//! A real SMTP server for the mail tests: the server's own receiving SMTP
//! server (`samtal_server::mail::catcher`) on a loopback port. It accepts every message and
//! keeps it, parsed with `mail-parser`, for the test to look at.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use samtal_server::mail::catcher::{self, Caught};
use tokio::net::TcpListener;

/// One received e-mail.
#[derive(Debug, Clone)]
pub struct Mail {
    /// SMTP envelope.
    pub envelope_from: String,
    pub envelope_to: Vec<String>,
    /// Headers and parts, decoded.
    pub to: String,
    pub subject: String,
    pub message_id: String,
    pub auto_submitted: String,
    pub text: String,
    pub html: String,
    pub raw: Vec<u8>,
}

impl Mail {
    fn parse(envelope_from: String, envelope_to: Vec<String>, raw: Vec<u8>) -> Mail {
        let parsed = mail_parser::MessageParser::default().parse(&raw).expect("a parsable e-mail");
        let to = parsed.to().and_then(|a| a.first()).and_then(|a| a.address()).map(str::to_owned).unwrap_or_default();
        let auto_submitted =
            parsed.header("Auto-Submitted").and_then(|h| h.as_text()).map(str::to_owned).unwrap_or_default();
        Mail {
            envelope_from,
            envelope_to,
            to,
            subject: parsed.subject().unwrap_or_default().to_owned(),
            message_id: parsed.message_id().unwrap_or_default().to_owned(),
            auto_submitted,
            text: parsed.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
            html: parsed.body_html(0).map(|t| t.into_owned()).unwrap_or_default(),
            raw: raw.clone(),
        }
    }
}

type Inbox = Arc<Mutex<Vec<Mail>>>;

/// The SMTP server; stops when dropped.
pub struct SmtpServer {
    pub addr: SocketAddr,
    inbox: Inbox,
    task: tokio::task::JoinHandle<()>,
}

impl SmtpServer {
    /// Listens on a free loopback port.
    pub async fn start() -> SmtpServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let inbox: Inbox = Arc::default();
        let shared = inbox.clone();
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let task = tokio::spawn(async move {
            let collect = async {
                while let Some(caught) = rx.recv().await {
                    let Caught { from, to, raw } = caught;
                    shared.lock().unwrap().push(Mail::parse(from, to, raw));
                }
            };
            let _ = tokio::join!(catcher::serve(listener, tx), collect);
        });
        SmtpServer { addr, inbox, task }
    }

    /// `smtp://127.0.0.1:port`.
    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    /// Everything received so far.
    pub fn mails(&self) -> Vec<Mail> {
        self.inbox.lock().unwrap().clone()
    }

    /// What was received for `address`.
    pub fn mails_to(&self, address: &str) -> Vec<Mail> {
        self.mails().into_iter().filter(|m| m.envelope_to.iter().any(|t| t == address)).collect()
    }

    /// Waits (a bounded time) until at least `n` e-mails arrived.
    pub async fn wait_for(&self, n: usize, within: Duration) -> Vec<Mail> {
        let until = tokio::time::Instant::now() + within;
        loop {
            let mails = self.mails();
            if mails.len() >= n || tokio::time::Instant::now() >= until {
                return mails;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
