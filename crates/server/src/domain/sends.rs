//! Sends share commits. Each send queues its request, then waits for the
//! writer's turn; whoever gets the turn sends every queued message in one
//! transaction, each under a savepoint of its own, and commits once. So
//! concurrent senders pay for one durable commit (one `fsync` on SQLite)
//! between them instead of one each, while every rule is still checked
//! inside the transaction that writes, and each send still succeeds or
//! fails alone. A send is answered only after its commit: nothing
//! acknowledged is lost.

use std::sync::{Arc, Mutex, PoisonError};

use samtal_core::ConversationId;
use samtal_core::ErrorCode;
use samtal_core::api::{Message, SendMessage};
use samtal_core::rules::Viewer;
use tokio::sync::{OwnedMutexGuard, oneshot};

use super::messages::{SendContext, Sent, send_in};
use super::{Change, Domain};
use crate::error::{AppError, AppResult};

/// Sends in one transaction at most; a longer queue takes several.
const BATCH_MAX: usize = 64;

/// A send waiting for a writer.
pub(super) struct SendJob {
    viewer: Viewer,
    conversation: ConversationId,
    message: SendMessage,
    reply: oneshot::Sender<AppResult<(Message, bool)>>,
}

/// The sends waiting for a writer.
#[derive(Default)]
pub(super) struct SendQueue(Mutex<Vec<SendJob>>);

impl SendQueue {
    fn push(&self, job: SendJob) {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).push(job);
    }

    fn take(&self) -> Vec<SendJob> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

impl Domain {
    /// Sends a message (text, attachment or forward) as the viewer, stamped
    /// with its owner now (rule 4); the text is already validated. Returns
    /// the message and whether it is new: repeating a `client_id` returns the
    /// stored message unchanged, also when the repeats race.
    pub async fn send_message(
        self: &Arc<Self>,
        viewer: &Viewer,
        conversation: ConversationId,
        message: SendMessage,
    ) -> AppResult<(Message, bool)> {
        let (reply, mut answer) = oneshot::channel();
        self.sends.push(SendJob { viewer: viewer.clone(), conversation, message, reply });
        let turn = tokio::select! {
            // An earlier turn may send this one while it waits.
            answered = &mut answer => return answered.unwrap_or_else(|_| Err(dropped())),
            turn = self.writer.clone().lock_owned() => turn,
        };
        // Everything queued, this send included unless a turn took it
        // already. In a task of its own: the other senders' messages must
        // not fail because this request went away (its client hung up).
        let jobs = self.sends.take();
        let domain = Arc::clone(self);
        tokio::spawn(async move {
            let mut jobs = jobs.into_iter().peekable();
            let mut turn = Some(turn);
            while jobs.peek().is_some() {
                let batch: Vec<SendJob> = jobs.by_ref().take(BATCH_MAX).collect();
                let held = match turn.take() {
                    Some(held) => held,
                    None => domain.writer.clone().lock_owned().await,
                };
                domain.send_batch(held, batch).await;
            }
        });
        answer.await.unwrap_or_else(|_| Err(dropped()))
    }

    /// Sends `jobs` in one transaction during the writer's `turn`, and
    /// answers each once the transaction has committed.
    async fn send_batch(&self, turn: OwnedMutexGuard<()>, jobs: Vec<SendJob>) {
        let mut change = match self.store.write().await {
            Ok(tx) => Change { tx, _turn: turn },
            Err(e) => return fail_all(jobs, &AppError::from(e)),
        };
        let mut answers = Vec::with_capacity(jobs.len());
        let mut context = SendContext::default();
        for job in &jobs {
            match send_saved(change.as_mut(), &self.limits, &mut context, job).await {
                Ok(answer) => answers.push(answer),
                // The transaction itself failed: nothing of the batch holds.
                Err(e) => return fail_all(jobs, &e),
            }
        }
        if let Err(e) = self.commit(change).await {
            return fail_all(jobs, &e);
        }
        for (job, answer) in jobs.into_iter().zip(answers) {
            // A sender that gave up waiting has gone; its message stays sent.
            let _ = job.reply.send(answer);
        }
    }
}

/// One send under its own savepoint: its refusal undoes only its own
/// writes. The outer error is the transaction's own failure.
async fn send_saved(
    tx: &mut dyn crate::store::Tx,
    limits: &crate::limits::Limits,
    context: &mut SendContext,
    job: &SendJob,
) -> AppResult<AppResult<(Message, bool)>> {
    tx.savepoint().await?;
    let sent = send_in(tx, context, &job.viewer, job.conversation, job.message.clone()).await;
    match sent {
        Ok(Sent::New(message)) => match super::limits::admit_send(limits, tx, job.viewer.person).await {
            Ok(()) => Ok(Ok((message, true))),
            Err(refusal) => {
                tx.rollback_to_savepoint().await?;
                Ok(Err(refusal))
            }
        },
        Ok(Sent::Repeat(message)) => Ok(Ok((message, false))),
        Ok(Sent::Refused) => {
            // UNIQUE(conversation_id, sender_id, client_id): a repeat is
            // answered with the message stored first, unchanged; otherwise
            // the attachment was sent by another request, a conflict.
            tx.rollback_to_savepoint().await?;
            let client_id = &job.message.client_id;
            Ok(match tx.message_by_client_id(job.conversation, job.viewer.person, client_id).await? {
                Some(existing) => Ok((existing, false)),
                None => Err(AppError::msg(ErrorCode::Conflict, "This attachment was already sent.")),
            })
        }
        Err(refusal) => {
            tx.rollback_to_savepoint().await?;
            Ok(Err(refusal))
        }
    }
}

/// The answer of a send whose batch went away unanswered (it can't: every
/// batch answers each of its sends).
fn dropped() -> AppError {
    AppError::Internal(anyhow::anyhow!("a queued send was dropped"))
}

/// Answers every send of a batch that did not commit with the failure.
fn fail_all(jobs: Vec<SendJob>, error: &AppError) {
    tracing::warn!(error = %error, sends = jobs.len(), "a batch of sends failed");
    for job in jobs {
        let _ = job.reply.send(Err(AppError::Internal(anyhow::anyhow!("{error:#}"))));
    }
}
