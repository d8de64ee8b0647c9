//! Uploads nobody sent: an attachment is uploaded first and sent in a
//! message after, and one that no message carries a grace period after its
//! upload is forgotten, and its bytes with it.

use samtal_core::Millis;

use super::Domain;
use crate::error::AppResult;

/// Uploads forgotten per transaction.
const BATCH: u32 = 500;

impl Domain {
    /// Forgets the uploads made before `before` that no message carries;
    /// answers the keys of the bytes no attachment uses any more, for the
    /// caller to delete once this has committed (a forward shares the bytes
    /// of its original, so those stay while either row does).
    ///
    /// A send of such an upload after this answers `not_found`, as for any
    /// upload that is gone; the writer's turn orders the two.
    pub async fn forget_unsent_uploads(&self, before: Millis) -> AppResult<Vec<String>> {
        let mut unused = Vec::new();
        loop {
            let mut tx = self.write().await?;
            let unsent = tx.unsent_attachments(before, BATCH).await?;
            for (id, _) in &unsent {
                tx.delete_attachment(*id).await?;
            }
            let mut keys: Vec<&String> = unsent.iter().map(|(_, key)| key).collect();
            keys.sort();
            keys.dedup();
            let mut gone = Vec::new();
            for key in keys {
                if !tx.bytes_in_use(key).await? {
                    gone.push(key.clone());
                }
            }
            self.commit(tx).await?;
            unused.extend(gone);
            if unsent.len() < BATCH as usize {
                return Ok(unused);
            }
        }
    }
}
