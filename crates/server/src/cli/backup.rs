//! `samtal-server backup` and `samtal-server restore`: one file holding a
//! consistent copy of an SQLite installation, attachments included, taken
//! while the server runs.
//!
//! The copy of the database comes first (`VACUUM INTO`, one snapshot), then
//! the bytes of every attachment that copy names. Bytes are written before
//! their row commits and deleted only after it is gone, so every attachment
//! of the snapshot still has its bytes, except an unsent upload the sweep
//! forgot in between: the manifest lists those as missing, and the restored
//! server's sweep forgets their rows in turn.
//!
//! On PostgreSQL the database is backed up with PostgreSQL's own tools
//! (`pg_dump --format=custom`, or continuous archiving), and the attachments
//! with the object store's (bucket versioning or replication); `backup`
//! says so instead of pretending.
//!
//! The archive is a plain tar file: `manifest.json`, `samtal.db`, and
//! `attachments/<key>` for each attachment's bytes.

use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use axum::body::Body;
use futures::TryStreamExt;
use serde::{Deserialize, Serialize};

use crate::blobs::Blobs;
use crate::config::Config;
use crate::store::DatabaseUrl;
use crate::store::sqlite::SqliteStore;
use crate::time::now_ms;

/// What the archive says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// `samtal-backup/1`.
    pub format: String,
    /// When the snapshot was taken (ms since the epoch).
    pub created_at: i64,
    /// How many attachments' bytes the archive holds.
    pub attachments: usize,
    /// Attachments the snapshot names whose bytes were gone by the time
    /// they were read (unsent uploads swept meanwhile).
    pub missing: Vec<String>,
}

const FORMAT: &str = "samtal-backup/1";
const DATABASE_ENTRY: &str = "samtal.db";
const MANIFEST_ENTRY: &str = "manifest.json";
const ATTACHMENTS_DIR: &str = "attachments";

/// The SQLite file `config` names, or why a backup can't be taken here.
fn sqlite_path(config: &Config) -> anyhow::Result<PathBuf> {
    match &config.database_url {
        None => Ok(config.data_dir.join("samtal.db")),
        Some(DatabaseUrl::Sqlite(path)) => Ok(path.clone()),
        Some(DatabaseUrl::Postgres(_)) => bail!(
            "backup and restore work on SQLite installations. On PostgreSQL, back the database up with \
             `pg_dump --format=custom` (or continuous archiving), and the attachments with the object \
             store's own tools (bucket versioning or replication)"
        ),
    }
}

/// Writes a backup of the installation `config` describes to `to` (which
/// must not exist yet); the file appears only once it is complete.
pub async fn backup(config: &Config, to: &Path) -> anyhow::Result<Manifest> {
    let database = sqlite_path(config)?;
    if !database.exists() {
        bail!("there is no database at {}", database.display());
    }
    if to.exists() {
        bail!("{} exists already; a backup never overwrites a file", to.display());
    }
    let work = sibling(to, "partial")?;
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).with_context(|| format!("creating {}", work.display()))?;
    let result = write_backup(config, &database, &work, to).await;
    let _ = std::fs::remove_dir_all(&work);
    result
}

async fn write_backup(config: &Config, database: &Path, work: &Path, to: &Path) -> anyhow::Result<Manifest> {
    let created_at = now_ms();
    let snapshot = work.join(DATABASE_ENTRY);
    let live = SqliteStore::open_snapshot_source(database).await.context("opening the database")?;
    live.snapshot_into(&snapshot).await.context("copying the database")?;
    live.close().await;
    let copy = SqliteStore::open_snapshot(&snapshot).await.context("reading the copy")?;
    let keys = copy.attachment_keys().await.context("listing the attachments")?;
    copy.close().await;

    let blobs = Blobs::open(config)?;
    let partial = sibling(to, "tmp")?;
    let file = File::create(&partial).with_context(|| format!("creating {}", partial.display()))?;
    let mut archive = tar::Builder::new(file);
    archive = blocking(move || {
        archive.append_path_with_name(&snapshot, DATABASE_ENTRY)?;
        Ok(archive)
    })
    .await?;
    let mut missing = Vec::new();
    for key in &keys {
        // Bytes a row names may be gone only if the sweep forgot the row meanwhile.
        let bytes = match blobs.get(key, None).await {
            Ok(stream) => stream.try_fold(Vec::new(), |mut all, chunk| async move {
                all.extend_from_slice(&chunk);
                Ok(all)
            }),
            Err(_) => {
                missing.push(key.clone());
                continue;
            }
        };
        let Ok(bytes) = bytes.await else {
            missing.push(key.clone());
            continue;
        };
        let name = format!("{ATTACHMENTS_DIR}/{key}");
        archive = blocking(move || {
            append_bytes(&mut archive, &name, &bytes)?;
            Ok(archive)
        })
        .await?;
    }
    let manifest = Manifest { format: FORMAT.to_owned(), created_at, attachments: keys.len() - missing.len(), missing };
    let json = serde_json::to_vec_pretty(&manifest)?;
    let to = to.to_owned();
    blocking(move || {
        append_bytes(&mut archive, MANIFEST_ENTRY, &json)?;
        let file = archive.into_inner()?;
        file.sync_all()?;
        std::fs::rename(&partial, &to)?;
        Ok(())
    })
    .await?;
    Ok(manifest)
}

/// Restores the backup `from` into the installation `config` describes,
/// which must have no database yet; answers the backup's manifest.
pub async fn restore(config: &Config, from: &Path) -> anyhow::Result<Manifest> {
    let database = sqlite_path(config)?;
    if database.exists() {
        bail!("{} exists already; restore only into an installation without a database", database.display());
    }
    let staging = sibling(&database, "restoring")?;
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging).with_context(|| format!("creating {}", staging.display()))?;
    let result = restore_from(config, from, &database, &staging).await;
    let _ = std::fs::remove_dir_all(&staging);
    result
}

async fn restore_from(config: &Config, from: &Path, database: &Path, staging: &Path) -> anyhow::Result<Manifest> {
    let (from, into) = (from.to_owned(), staging.to_owned());
    blocking(move || unpack(&from, &into)).await?;
    let manifest: Manifest = serde_json::from_slice(
        &std::fs::read(staging.join(MANIFEST_ENTRY)).context("the archive has no manifest.json")?,
    )
    .context("reading manifest.json")?;
    if manifest.format != FORMAT {
        bail!("this is a {} archive; this server restores {FORMAT}", manifest.format);
    }
    let restored = staging.join(DATABASE_ENTRY);
    let check = SqliteStore::open_snapshot(&restored).await.context("the archive has no readable samtal.db")?;
    let verdict = check.integrity_check().await?;
    check.close().await;
    if verdict != "ok" {
        bail!("the archive's database is damaged: {verdict}");
    }
    // The bytes first: a database is never restored without its files.
    let blobs = Blobs::open(config)?;
    let attachments = staging.join(ATTACHMENTS_DIR);
    if attachments.exists() {
        for entry in std::fs::read_dir(&attachments)? {
            let entry = entry?;
            let key = entry.file_name().to_string_lossy().into_owned();
            let bytes = std::fs::read(entry.path())?;
            blobs
                .put(&key, Body::from(bytes), u64::MAX)
                .await
                .map_err(|e| anyhow::anyhow!("restoring the attachment {key}: {e:?}"))?;
        }
    }
    if let Some(dir) = database.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::rename(&restored, database).with_context(|| format!("moving the database to {}", database.display()))?;
    // Opening it once brings the schema up to this server's version.
    SqliteStore::open_file(database).await.context("opening the restored database")?.close().await;
    Ok(manifest)
}

/// A span of milliseconds as people say it: "40 seconds", "3 hours", "12 days".
pub fn age(ms: i64) -> String {
    let seconds = ms.max(0) / 1000;
    match seconds {
        0..=119 => format!("{seconds} seconds"),
        120..=7199 => format!("{} minutes", seconds / 60),
        7200..=172_799 => format!("{} hours", seconds / 3600),
        _ => format!("{} days", seconds / 86_400),
    }
}

/// Unpacks the archive's known entries into `into`; anything else in it is refused.
fn unpack(from: &Path, into: &Path) -> anyhow::Result<()> {
    let file = File::open(from).with_context(|| format!("opening {}", from.display()))?;
    let mut archive = tar::Archive::new(file);
    for entry in archive.entries().context("reading the archive")? {
        let mut entry = entry.context("reading the archive")?;
        let path = entry.path()?.into_owned();
        let name = path.to_string_lossy().into_owned();
        let known =
            name == DATABASE_ENTRY || name == MANIFEST_ENTRY || name.strip_prefix("attachments/").is_some_and(is_key);
        if !known {
            bail!("the archive holds {name}, which no Samtal backup does");
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(into.join(parent))?;
        }
        // `unpack_in` refuses paths that would land outside `into`.
        entry.unpack_in(into).with_context(|| format!("unpacking {name}"))?;
    }
    Ok(())
}

/// Whether `key` can be an attachment key: one plain file name.
fn is_key(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn append_bytes(archive: &mut tar::Builder<File>, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    let mut header = tar::Header::new_gnu();
    header.set_size(bytes.len() as u64);
    header.set_mode(0o600);
    header.set_mtime(u64::try_from(now_ms() / 1000).unwrap_or(0));
    header.set_cksum();
    archive.append_data(&mut header, name, bytes)
}

/// `file.ext` → `.file.ext.<what>` beside it.
fn sibling(path: &Path, what: &str) -> anyhow::Result<PathBuf> {
    let name = path.file_name().with_context(|| format!("{} names no file", path.display()))?;
    Ok(path.with_file_name(format!(".{}.{what}", name.to_string_lossy())))
}

/// Runs file work off the async threads.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> anyhow::Result<T> + Send + 'static) -> anyhow::Result<T> {
    tokio::task::spawn_blocking(work).await.context("a backup task stopped")?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_as_people_say_them() {
        assert_eq!(age(40_000), "40 seconds");
        assert_eq!(age(3 * 60_000), "3 minutes");
        assert_eq!(age(5 * 3_600_000), "5 hours");
        assert_eq!(age(12 * 86_400_000), "12 days");
        assert_eq!(age(-5), "0 seconds");
    }

    #[test]
    fn keys_are_plain_file_names() {
        assert!(is_key("f3A9_x-1"));
        assert!(!is_key(""));
        assert!(!is_key("../samtal.db"));
        assert!(!is_key("a/b"));
    }

    #[test]
    fn postgres_installations_are_pointed_at_their_own_tools() {
        let mut config = Config::for_data_dir("/tmp/x");
        config.database_url = Some(DatabaseUrl::Postgres("postgres://localhost/samtal".to_owned()));
        let refusal = sqlite_path(&config).map_err(|e| e.to_string());
        assert!(refusal.as_ref().is_err_and(|e| e.contains("pg_dump")), "{refusal:?}");
    }
}
