//! Where attachment bytes live: a directory (`file://DIR`, by default
//! `attachments/` in the data directory) or an S3-compatible bucket
//! (`s3://bucket`: AWS S3, MinIO, Ceph), through the `object_store` crate.
//! The database keeps each attachment's row and its key here; every
//! instance of an installation reads and writes the same place.

use std::ops::Range;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

use anyhow::{Context, bail};
use axum::body::Body;
use bytes::Bytes;
use futures::stream::BoxStream;
use futures::{StreamExt, TryStreamExt};
use object_store::aws::{AmazonS3Builder, AmazonS3ConfigKey};
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{GetOptions, GetRange, ObjectStore, ObjectStoreExt, WriteMultipart};

use crate::config::Config;

/// Why bytes could not be stored.
#[derive(Debug)]
pub enum PutError {
    /// More than the limit came.
    TooLarge,
    /// Nothing came.
    Empty,
    /// The client's upload broke off.
    BrokenOff,
    /// The store failed.
    Store(anyhow::Error),
}

/// The attachment store of an installation.
#[derive(Debug, Clone)]
pub struct Blobs {
    store: Arc<dyn ObjectStore>,
    /// The directory, when the bytes are files here (synced for durability).
    local: Option<Arc<LocalFileSystem>>,
    /// Where, for logs: the URL without credentials.
    shown: String,
}

impl Blobs {
    /// The store `config` names: `config.attachments_url`, or files under
    /// the data directory. S3 settings come from the `AWS_*` environment
    /// (`AWS_ENDPOINT`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
    /// `AWS_REGION`, `AWS_ALLOW_HTTP`…) and then `config.attachments_options`.
    pub fn open(config: &Config) -> anyhow::Result<Self> {
        match config.attachments_url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            None => Self::directory(config.attachments_dir()),
            Some(url) if url.starts_with("file://") => Self::directory(PathBuf::from(&url["file://".len()..])),
            Some(url) if url.starts_with("s3://") => {
                // HTTPS to the bucket is rustls with ring, like the rest of
                // the server; set once per process (a second call is a no-op).
                let _ = rustls::crypto::ring::default_provider().install_default();
                let mut builder = AmazonS3Builder::from_env().with_url(url);
                for (key, value) in &config.attachments_options {
                    let key = AmazonS3ConfigKey::from_str(key).with_context(|| format!("{key} is no S3 setting"))?;
                    builder = builder.with_config(key, value);
                }
                let store = builder.build().with_context(|| format!("could not use the bucket {url}"))?;
                Ok(Self { store: Arc::new(store), local: None, shown: url.to_owned() })
            }
            Some(url) => bail!("{url}: attachments go to a file://DIR or an s3://bucket"),
        }
    }

    fn directory(dir: PathBuf) -> anyhow::Result<Self> {
        std::fs::create_dir_all(&dir).with_context(|| format!("could not make {}", dir.display()))?;
        let local = Arc::new(
            LocalFileSystem::new_with_prefix(&dir).with_context(|| format!("could not use {}", dir.display()))?,
        );
        Ok(Self { store: local.clone(), local: Some(local), shown: format!("file://{}", dir.display()) })
    }

    /// Where the bytes go, for logs.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// Streams `body` to `key`, refusing more than `max` bytes and nothing
    /// at all; answers the size. Nothing is left at `key` on failure. Files
    /// are synced before this returns, so a row recorded after it never
    /// outlives its bytes in a crash.
    pub async fn put(&self, key: &str, body: Body, max: u64) -> Result<u64, PutError> {
        let location = Path::from(key);
        let upload = self.store.put_multipart(&location).await.map_err(|e| PutError::Store(e.into()))?;
        let mut writer = WriteMultipart::new(upload);
        let size = match stream_into(&mut writer, body, max).await {
            Ok(size) => size,
            Err(e) => {
                let _ = writer.abort().await;
                return Err(e);
            }
        };
        writer.finish().await.map_err(|e| PutError::Store(e.into()))?;
        if let Err(e) = self.sync(&location).await {
            self.delete(key).await;
            return Err(PutError::Store(e));
        }
        Ok(size)
    }

    /// Syncs a file just written, and its directory, when they are files.
    async fn sync(&self, location: &Path) -> anyhow::Result<()> {
        let Some(local) = &self.local else { return Ok(()) };
        let path = local.path_to_filesystem(location)?;
        tokio::fs::File::open(&path).await?.sync_all().await?;
        #[cfg(unix)]
        if let Some(dir) = path.parent() {
            tokio::fs::File::open(dir).await?.sync_all().await?;
        }
        Ok(())
    }

    /// The bytes of `key`, or of `range` of them.
    pub async fn get(
        &self,
        key: &str,
        range: Option<Range<u64>>,
    ) -> anyhow::Result<BoxStream<'static, anyhow::Result<Bytes>>> {
        let options = GetOptions { range: range.map(GetRange::Bounded), ..GetOptions::default() };
        let got = self.store.get_opts(&Path::from(key), options).await.with_context(|| format!("reading {key}"))?;
        Ok(got.into_stream().map_err(anyhow::Error::from).boxed())
    }

    /// Removes `key`, logging (not failing) if that doesn't work.
    pub async fn delete(&self, key: &str) {
        if let Err(e) = self.store.delete(&Path::from(key)).await {
            tracing::warn!(key, error = %e, "could not remove an attachment's bytes");
        }
    }
}

/// Writes `body` into `writer`, counting bytes against `max`.
async fn stream_into(writer: &mut WriteMultipart, body: Body, max: u64) -> Result<u64, PutError> {
    let mut stream = body.into_data_stream();
    let mut size: u64 = 0;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| PutError::BrokenOff)?;
        size = size.saturating_add(chunk.len() as u64);
        if size > max {
            return Err(PutError::TooLarge);
        }
        // Back-pressure: at most a few parts on their way at once.
        writer.wait_for_capacity(4).await.map_err(|e| PutError::Store(e.into()))?;
        writer.write(&chunk);
    }
    if size == 0 {
        return Err(PutError::Empty);
    }
    Ok(size)
}
