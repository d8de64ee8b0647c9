//! The signed-in shell's quiet "Offline — reconnecting…" line.

use std::time::Duration;

use leptos::prelude::*;

use crate::i18n::texts;
use crate::state::use_live;

/// How long the socket may be down before the line shows: a quick reconnect
/// (or the first connection after sign-in) should not flash it.
pub const GRACE: Duration = Duration::from_millis(1500);

/// Says when live updates are not arriving. The status region is always in
/// the page, so screen readers announce the change when the line appears.
#[component]
pub fn ConnectionStatus() -> impl IntoView {
    let live = use_live();
    let t = texts();
    let shown = RwSignal::new(false);
    // Bumps on every change of `online`, so a stale timer can tell it is stale.
    let epoch = StoredValue::new(0u64);
    Effect::new(move |_| {
        let online = live.online.get();
        epoch.update_value(|e| *e += 1);
        let mine = epoch.get_value();
        if online {
            shown.set(false);
        } else {
            set_timeout(
                move || {
                    // The shell may be gone by now (signed out): then nothing is set.
                    if epoch.try_get_value() == Some(mine) && live.online.try_get_untracked() == Some(false) {
                        shown.try_set(true);
                    }
                },
                GRACE,
            );
        }
    });
    view! {
        <div class="connection-status" role="status">
            {move || {
                shown
                    .get()
                    .then(|| {
                        view! {
                            <p class="connection-offline">
                                <span class="connection-dot" aria-hidden="true"></span>
                                {t.common.offline_reconnecting}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
