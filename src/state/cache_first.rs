//! A value a screen shows from the device cache at once and then replaces
//! with the server's answer. Offline the cached value stays rather than an
//! error; only with nothing cached does the screen see the failure.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ClientError;
use crate::state::{Session, cache};

type Fetch<T> = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<T, ClientError>>>>>;

/// What a screen shows: nothing yet (`None`), the value, or why there is none.
pub struct CacheFirst<T: 'static> {
    value: RwSignal<Option<Result<T, ClientError>>, LocalStorage>,
    loads: StoredValue<u64>,
    fetch: StoredValue<Fetch<T>, LocalStorage>,
    session: Session,
}

impl<T: 'static> Clone for CacheFirst<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for CacheFirst<T> {}

impl<T: Clone + 'static> CacheFirst<T> {
    /// Shows what `cached` finds (if anything), then what `fetch` answers.
    pub fn new<C, CF, F, FF>(session: Session, cached: C, fetch: F) -> Self
    where
        C: FnOnce() -> CF + 'static,
        CF: Future<Output = Option<T>> + 'static,
        F: Fn() -> FF + 'static,
        FF: Future<Output = Result<T, ClientError>> + 'static,
    {
        let fetch: Fetch<T> = Rc::new(move || Box::pin(fetch()));
        let this = CacheFirst {
            value: RwSignal::new_local(None),
            loads: StoredValue::new(0),
            fetch: StoredValue::new_local(fetch),
            session,
        };
        // In this order: offline, the cached value must be on screen before
        // the failed request is answered.
        spawn_local(async move {
            cache::settled().await;
            if let Some(value) = cached().await {
                this.value.try_set(Some(Ok(value)));
            }
            this.refetch();
        });
        this
    }

    /// The value (tracked).
    pub fn get(&self) -> Option<Result<T, ClientError>> {
        self.value.get()
    }

    /// Asks the server again; what is shown stays until the answer.
    pub fn refetch(&self) {
        let this = *self;
        let Some(ticket) = self.loads.try_update_value(|n| {
            *n += 1;
            *n
        }) else {
            return;
        };
        let Some(fetch) = self.fetch.try_get_value() else { return };
        spawn_local(async move {
            let answer = fetch().await;
            if this.loads.try_get_value() != Some(ticket) {
                return;
            }
            match answer {
                Ok(value) => {
                    this.value.try_set(Some(Ok(value)));
                }
                Err(error) => {
                    if this.session.handle_error(&error) {
                        return;
                    }
                    let shown = this.value.try_with_untracked(|v| matches!(v, Some(Ok(_)))) == Some(true);
                    if !(shown && error == ClientError::Network) {
                        this.value.try_set(Some(Err(error)));
                    }
                }
            }
        });
    }
}
