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

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use samtal_server::mail::catcher::{self, Caught};
use tokio::net::TcpListener;
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
    catcher::serve(listener, tx).await.map_err(|e| format!("accepting a connection: {e}"))
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
