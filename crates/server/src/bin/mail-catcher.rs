//! `mail-catcher`: a local SMTP server for demos and development. It accepts
//! every message, prints its headers and plain-text part, and (with `--dir`)
//! saves it as an `.eml` file that any mail program opens.
//!
//! ```text
//! cargo run -p samtal-server --bin mail-catcher -- --dir target/mail
//! SAMTAL_SMTP_URL=smtp://127.0.0.1:2525 SAMTAL_MAIL_DELAY=30s cargo xtask run
//! ```
//!
//! It relays nothing anywhere and offers no STARTTLS: it is for loopback use.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use mailin::{Action, Handler, Response, SessionBuilder};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

/// A local SMTP server that shows the e-mails Samtal sends.
#[derive(Debug, Parser)]
#[command(name = "mail-catcher", version, about)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:2525")]
    bind: SocketAddr,
    /// Save each e-mail as an .eml file in this directory.
    #[arg(long)]
    dir: Option<PathBuf>,
}

/// One caught e-mail.
struct Caught {
    from: String,
    to: Vec<String>,
    raw: Vec<u8>,
}

/// Per-connection SMTP state: collects the message, hands it on at the end.
struct Collector {
    caught: mpsc::UnboundedSender<Caught>,
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
        let caught = Caught {
            from: std::mem::take(&mut self.from),
            to: std::mem::take(&mut self.to),
            raw: std::mem::take(&mut self.data),
        };
        // The printer only stops with the process, so a failed send cannot happen in practice.
        if self.caught.send(caught).is_err() { mailin::response::INTERNAL_ERROR } else { mailin::response::OK }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mail-catcher: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), String> {
    if let Some(dir) = &args.dir {
        tokio::fs::create_dir_all(dir).await.map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let listener = TcpListener::bind(args.bind).await.map_err(|e| format!("cannot listen on {}: {e}", args.bind))?;
    println!("mail-catcher: SMTP on {} — point Samtal at it with SAMTAL_SMTP_URL=smtp://{}", args.bind, args.bind);
    if let Some(dir) = &args.dir {
        println!("mail-catcher: saving each e-mail under {}", dir.display());
    }
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(show(rx, args.dir.clone()));
    loop {
        let (stream, peer) = listener.accept().await.map_err(|e| format!("accepting a connection: {e}"))?;
        tokio::spawn(session(stream, peer.ip(), tx.clone()));
    }
}

/// Prints (and saves) each caught e-mail, one at a time, in arrival order.
async fn show(mut rx: mpsc::UnboundedReceiver<Caught>, dir: Option<PathBuf>) {
    let mut n = 0usize;
    while let Some(caught) = rx.recv().await {
        n += 1;
        println!("{}", describe(n, &caught));
        if let Some(dir) = &dir {
            let path = dir.join(format!("{:04}-{}.eml", n, samtal_server::time::now_ms()));
            match tokio::fs::write(&path, &caught.raw).await {
                Ok(()) => println!("saved {}\n", path.display()),
                Err(e) => eprintln!("mail-catcher: cannot save {}: {e}", path.display()),
            }
        }
    }
}

/// The envelope, the main headers and the plain-text part.
fn describe(n: usize, caught: &Caught) -> String {
    let rule = "=".repeat(72);
    let mut out = format!("{rule}\n#{n}  envelope from <{}> to <{}>\n", caught.from, caught.to.join(">, <"));
    match mail_parser::MessageParser::default().parse(&caught.raw) {
        Some(message) => {
            let address = |a: Option<&mail_parser::Address<'_>>| {
                a.map(|a| {
                    a.iter()
                        .map(|addr| match (addr.name(), addr.address()) {
                            (Some(name), Some(email)) => format!("{name} <{email}>"),
                            (_, Some(email)) => email.to_owned(),
                            (Some(name), None) => name.to_owned(),
                            (None, None) => String::new(),
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default()
            };
            out.push_str(&format!("From:       {}\n", address(message.from())));
            out.push_str(&format!("To:         {}\n", address(message.to())));
            out.push_str(&format!("Subject:    {}\n", message.subject().unwrap_or_default()));
            out.push_str(&format!("Date:       {}\n", message.date().map(|d| d.to_rfc822()).unwrap_or_default()));
            out.push_str(&format!("Message-ID: <{}>\n", message.message_id().unwrap_or_default()));
            out.push_str(&format!("{}\n", "-".repeat(72)));
            match message.body_text(0) {
                Some(text) => out.push_str(&text),
                None => out.push_str("(no plain-text part)"),
            }
        }
        None => out.push_str("(not a parsable e-mail)\n"),
    }
    out
}

/// One SMTP session, driven by `mailin`'s state machine.
async fn session(stream: TcpStream, peer: IpAddr, caught: mpsc::UnboundedSender<Caught>) {
    let collector = Collector { caught, from: String::new(), to: Vec::new(), data: Vec::new() };
    let mut session = SessionBuilder::new("mail-catcher").build(peer, collector);
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
            // No STARTTLS is offered, so an upgrade request ends the session too.
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
