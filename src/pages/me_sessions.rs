//! Me → Sessions and Me → Change password: where the person is signed in,
//! ending any of those sessions, and a new password, which ends the others.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use samtal_core::api::{PasswordChange, SessionInfo};

use crate::api::{self, ClientError};
use crate::components::chat_list::clock;
use crate::components::{ErrorNotice, Loading};
use crate::format::{device_label, iso_datetime, list_time};
use crate::i18n::texts;
use crate::state::{use_live, use_session};

/// The Sessions section: each browser signed in as the person, with the one
/// in use marked, an End session button on the others, and End all other
/// sessions. It reloads whenever a session ends elsewhere.
#[component]
pub fn SessionsCard() -> impl IntoView {
    let t = texts();
    let session = use_session();
    let live = use_live();
    let sessions = RwSignal::new(None::<Vec<SessionInfo>>);
    let error = RwSignal::new(None::<ClientError>);
    let status = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let load = move || {
        spawn_local(async move {
            match api::me::sessions().await {
                Ok(list) => {
                    error.set(None);
                    sessions.set(Some(list));
                }
                Err(err) => {
                    if !session.handle_error(&err) {
                        error.set(Some(err));
                    }
                }
            }
        });
    };
    Effect::new(move |_| {
        live.me.track();
        load();
    });
    let end_one = move |id: String| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        status.set(None);
        spawn_local(async move {
            let result = api::me::end_session(&id).await;
            busy.set(false);
            match result {
                Ok(()) => status.set(Some(t.me.session_ended.to_owned())),
                Err(err) => {
                    if !session.handle_error(&err) {
                        error.set(Some(err));
                    }
                }
            }
            load();
        });
    };
    let end_others = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        status.set(None);
        spawn_local(async move {
            let result = api::me::end_other_sessions().await;
            busy.set(false);
            match result {
                Ok(ended) => status.set(Some((t.me.ended_other_sessions)(ended.ended))),
                Err(err) => {
                    if !session.handle_error(&err) {
                        error.set(Some(err));
                    }
                }
            }
            load();
        });
    };
    let others = move || sessions.with(|list| list.as_ref().is_some_and(|l| l.iter().any(|s| !s.current)));
    view! {
        <section class="card" aria-labelledby="sessions-title">
            <h2 id="sessions-title">{t.me.sessions}</h2>
            <p class="muted">{t.me.sessions_intro}</p>
            {move || match sessions.get() {
                None if error.with(Option::is_none) => Some(view! { <Loading label=t.me.loading_sessions /> }.into_any()),
                None => None,
                Some(list) => {
                    let (now, offset) = clock();
                    Some(
                        view! {
                            <ul class="session-list" aria-label=t.me.sessions>
                                {list
                                    .into_iter()
                                    .map(|info| {
                                        view! { <SessionRow info=info now=now offset=offset on_end=end_one busy=busy /> }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any(),
                    )
                }
            }}
            <div class="actions">
                <button
                    type="button"
                    class="button button-secondary"
                    on:click=end_others
                    disabled=move || busy.get() || !others()
                >
                    {t.me.end_all_other_sessions}
                </button>
            </div>
            <p class="status-line" role="status">
                {move || status.get()}
            </p>
            {move || error.get().map(|error| view! { <ErrorNotice error=error on_retry=Callback::new(move |()| load()) /> })}
        </section>
    }
}

/// One session: its device, when it signed in and was last active, and
/// its End session button (none for the session in use).
#[component]
fn SessionRow(
    info: SessionInfo,
    now: samtal_core::Millis,
    offset: i64,
    on_end: impl Fn(String) + Copy + 'static,
    busy: RwSignal<bool>,
) -> impl IntoView {
    let t = texts();
    let device = device_label(&info.device);
    let label = (t.me.end_session_label)(&device, &list_time(info.last_seen_at, now, offset));
    let id = info.id.clone();
    view! {
        <li class="session">
            <div class="session-text">
                <p class="session-device">
                    {device.clone()}
                    {info.current.then(|| view! { <span class="session-current">{t.me.this_browser}</span> })}
                </p>
                <p class="muted">
                    {t.me.session_signed_in}
                    <time datetime=iso_datetime(info.created_at)>{list_time(info.created_at, now, offset)}</time>
                    {t.me.session_last_active}
                    <time datetime=iso_datetime(info.last_seen_at)>{list_time(info.last_seen_at, now, offset)}</time>
                </p>
            </div>
            {(!info.current)
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="button button-secondary"
                            aria-label=label
                            disabled=move || busy.get()
                            on:click=move |_| on_end(id.clone())
                        >
                            {t.me.end_session}
                        </button>
                    }
                })}
        </li>
    }
}

/// The Change password section. The new password is asked twice; changing
/// it ends every other session.
#[component]
pub fn PasswordCard() -> impl IntoView {
    let t = texts();
    let session = use_session();
    let live = use_live();
    let current = RwSignal::new(String::new());
    let next = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        status.set(None);
        let body = PasswordChange { current_password: current.get_untracked(), new_password: next.get_untracked() };
        if body.current_password.is_empty() || body.new_password.is_empty() {
            error.set(Some(t.me.password_needs_both.to_owned()));
            return;
        }
        if body.new_password != again.get_untracked() {
            error.set(Some(t.me.passwords_differ.to_owned()));
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = api::me::change_password(&body).await;
            busy.set(false);
            match result {
                Ok(ended) => {
                    current.set(String::new());
                    next.set(String::new());
                    again.set(String::new());
                    status.set(Some((t.me.password_changed)(ended.ended)));
                    // The sessions list shows what is left.
                    live.me.update(|n| *n += 1);
                }
                Err(err) => {
                    if !session.handle_error(&err) {
                        error.set(Some(err.human_in(t.lang)));
                    }
                }
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="password-title">
            <h2 id="password-title">{t.me.change_password}</h2>
            <form class="form" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="current-password">{t.me.current_password}</label>
                    <input id="current-password" type="password" autocomplete="current-password" required bind:value=current />
                </div>
                <div class="field">
                    <label for="new-password">{t.me.new_password}</label>
                    <input id="new-password" type="password" autocomplete="new-password" minlength="8" required bind:value=next />
                </div>
                <div class="field">
                    <label for="new-password-again">{t.me.new_password_again}</label>
                    <input id="new-password-again" type="password" autocomplete="new-password" required bind:value=again />
                </div>
                <div class="form-error" role="alert">
                    {move || error.get().map(|message| view! { <p>{message}</p> })}
                </div>
                <div class="actions">
                    <button type="submit" class="button button-primary" disabled=move || busy.get()>
                        {move || if busy.get() { t.me.changing } else { t.me.change_password }}
                    </button>
                </div>
            </form>
            <p class="status-line" role="status">
                {move || status.get()}
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Lang, Texts};

    #[test]
    fn ended_sessions_are_counted_in_words() {
        let ended = Texts::of(Lang::En).me.ended_other_sessions;
        assert_eq!(ended(0), "There were no other sessions.");
        assert_eq!(ended(1), "Ended 1 other session.");
        assert_eq!(ended(4), "Ended 4 other sessions.");
        assert_eq!((Texts::of(Lang::Sv).me.ended_other_sessions)(4), "4 andra sessioner avslutades.");
    }

    #[test]
    fn a_changed_password_says_what_else_ended() {
        let changed = Texts::of(Lang::En).me.password_changed;
        assert_eq!(changed(0), "Password changed.");
        assert_eq!(changed(1), "Password changed. Your other session was ended.");
        assert_eq!(changed(3), "Password changed. Your 3 other sessions were ended.");
    }
}
