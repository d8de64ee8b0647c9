//! A receiving SMTP server for loopback use: the `mail-catcher` binary that
//! shows the e-mails a demo sends, and the mail tests' real SMTP peer.
//!
//! It speaks SMTP through `mailin`'s protocol state machine over tokio TCP,
//! accepts every message, relays nothing and offers no STARTTLS.

use std::net::IpAddr;

use mailin::{Action, Handler, Response, SessionBuilder};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

/// One received e-mail, as it came over the wire.
#[derive(Debug, Clone)]
pub struct Caught {
    /// SMTP envelope sender.
    pub from: String,
    /// SMTP envelope recipients.
    pub to: Vec<String>,
    /// The message: headers and body.
    pub raw: Vec<u8>,
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
        // Nobody listening any more means the catcher is shutting down.
        if self.caught.send(caught).is_err() { mailin::response::INTERNAL_ERROR } else { mailin::response::OK }
    }
}

/// Accepts connections on `listener` forever, sending every received e-mail to `caught`.
pub async fn serve(listener: TcpListener, caught: mpsc::UnboundedSender<Caught>) -> std::io::Result<()> {
    loop {
        let (stream, peer) = listener.accept().await?;
        tokio::spawn(session(stream, peer.ip(), caught.clone()));
    }
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
