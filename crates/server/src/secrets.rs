//! Secrets kept at rest, like an identity provider's client secret: sealed
//! with the server's key (XChaCha20-Poly1305) before they reach the
//! database, so a copy of the database alone does not give them away.
//!
//! The key is `--secret-key` (`SAMTAL_SECRET_KEY`, 32 bytes in base64), or
//! else `secret.key` in the data directory, made on first start. Several
//! instances on one database must be given the same key.

use std::path::Path;

use anyhow::{Context, bail};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;

/// The file in the data directory that holds the key when no flag gives one.
pub const KEY_FILE: &str = "secret.key";

/// What every sealed value starts with: the format, so another can follow.
const PREFIX: &str = "v1.";

/// Seals and opens secrets with the server's key.
#[derive(Clone)]
pub struct Sealer {
    cipher: XChaCha20Poly1305,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(..)")
    }
}

impl Sealer {
    /// A sealer with this 32-byte key.
    pub fn new(key: &[u8; 32]) -> Self {
        Self { cipher: XChaCha20Poly1305::new(key.into()) }
    }

    /// The key `configured` gives (base64), or the data directory's key
    /// file, made with a random key if there is none yet.
    pub fn load(configured: Option<&str>, data_dir: &Path) -> anyhow::Result<Self> {
        if let Some(raw) = configured {
            return Ok(Self::new(&decode_key(raw).context("--secret-key / SAMTAL_SECRET_KEY")?));
        }
        let path = data_dir.join(KEY_FILE);
        match std::fs::read_to_string(&path) {
            Ok(raw) => Ok(Self::new(&decode_key(&raw).with_context(|| format!("{}", path.display()))?)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut key = [0u8; 32];
                rand::rng().fill_bytes(&mut key);
                write_private(&path, &B64.encode(key))
                    .with_context(|| format!("could not write the secret key to {}", path.display()))?;
                Ok(Self::new(&key))
            }
            Err(e) => Err(e).with_context(|| format!("could not read {}", path.display())),
        }
    }

    /// `plain` sealed: `v1.` and base64 of a random nonce and the ciphertext.
    pub fn seal(&self, plain: &str) -> String {
        let mut nonce = [0u8; 24];
        rand::rng().fill_bytes(&mut nonce);
        // Encrypting into a Vec fails only when out of memory.
        let sealed = self.cipher.encrypt(&XNonce::from(nonce), plain.as_bytes()).unwrap_or_default();
        let mut out = nonce.to_vec();
        out.extend(sealed);
        format!("{PREFIX}{}", B64.encode(out))
    }

    /// The secret `sealed` holds; an error if another key sealed it or it
    /// was changed.
    pub fn open(&self, sealed: &str) -> anyhow::Result<String> {
        let Some(body) = sealed.strip_prefix(PREFIX) else { bail!("not a sealed value") };
        let bytes = B64.decode(body).context("not a sealed value")?;
        if bytes.len() < 24 {
            bail!("not a sealed value");
        }
        let (nonce, ciphertext) = bytes.split_at(24);
        let nonce: [u8; 24] = nonce.try_into().context("not a sealed value")?;
        let plain = self.cipher.decrypt(&XNonce::from(nonce), ciphertext).map_err(|_| {
            anyhow::anyhow!("a secret was sealed with another key: give every instance the same SAMTAL_SECRET_KEY")
        })?;
        String::from_utf8(plain).context("a sealed secret is not text")
    }
}

fn decode_key(raw: &str) -> anyhow::Result<[u8; 32]> {
    let bytes = B64.decode(raw.trim()).context("the secret key is not base64")?;
    bytes.try_into().map_err(|_| anyhow::anyhow!("the secret key must be 32 bytes (44 characters of base64)"))
}

/// Writes a file only its owner can read.
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = options.open(path)?;
    file.write_all(contents.as_bytes())?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_sealed_secret_opens_with_its_key_only() {
        let sealer = Sealer::new(&[7; 32]);
        let sealed = sealer.seal("client-secret-1");
        assert!(sealed.starts_with("v1.") && !sealed.contains("client-secret-1"));
        assert_eq!(sealer.open(&sealed).unwrap(), "client-secret-1");
        // A fresh nonce each time.
        assert_ne!(sealer.seal("client-secret-1"), sealed);
        assert!(Sealer::new(&[8; 32]).open(&sealed).is_err());
        let mut tampered = sealed.clone();
        tampered.pop();
        tampered.push(if sealed.ends_with('A') { 'B' } else { 'A' });
        assert!(sealer.open(&tampered).is_err());
    }

    #[test]
    fn the_key_file_is_made_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let sealed = Sealer::load(None, dir.path()).unwrap().seal("s");
        assert_eq!(Sealer::load(None, dir.path()).unwrap().open(&sealed).unwrap(), "s");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(KEY_FILE)).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_configured_key_must_be_32_bytes_of_base64() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Sealer::load(Some("c2hvcnQ="), dir.path()).is_err());
        assert!(Sealer::load(Some(&B64.encode([1u8; 32])), dir.path()).is_ok());
        assert!(!dir.path().join(KEY_FILE).exists());
    }
}
