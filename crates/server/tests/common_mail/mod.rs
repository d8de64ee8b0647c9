//! A real SMTP server for the mail tests: the `mailin` protocol state machine
//! over a tokio TCP listener on a loopback port. It accepts every message and
//! keeps it, parsed with `mail-parser`, for the test to look at.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mailin::{Action, Handler, Response, SessionBuilder};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

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

/// Per-connection state of the SMTP session.
struct Collector {
    inbox: Inbox,
    from: String,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Collector {
    fn data_start(&mut self, _domain: &str, from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.from = from.to_owned();
        self.to = to.to_vec();
        self.data.clear();
        mailin::response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let mail =
            Mail::parse(std::mem::take(&mut self.from), std::mem::take(&mut self.to), std::mem::take(&mut self.data));
        self.inbox.lock().unwrap().push(mail);
        mailin::response::OK
    }
}

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
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, peer)) = listener.accept().await else { continue };
                tokio::spawn(session(stream, peer.ip(), shared.clone()));
            }
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

async fn session(stream: TcpStream, peer: IpAddr, inbox: Inbox) {
    let collector = Collector { inbox, from: String::new(), to: Vec::new(), data: Vec::new() };
    let mut session = SessionBuilder::new("smtp.test").build(peer, collector);
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    if reply(&mut write, &session.greeting()).await.is_err() {
        return;
    }
    let mut line = Vec::new();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let response = session.process(&line);
        match response.action {
            Action::Reply => {
                if reply(&mut write, &response).await.is_err() {
                    return;
                }
            }
            Action::Close | Action::UpgradeTls => {
                let _ = reply(&mut write, &response).await;
                return;
            }
            Action::NoReply => {}
        }
    }
}

async fn reply(write: &mut tokio::net::tcp::OwnedWriteHalf, response: &Response) -> std::io::Result<()> {
    let mut bytes = Vec::new();
    response.write_to(&mut bytes)?;
    write.write_all(&bytes).await?;
    write.flush().await
}
