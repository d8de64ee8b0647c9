//! Sign-in: the organization's identity provider (OpenID Connect), which
//! its people sign in to their work accounts with, and the SCIM tokens the
//! provider keeps the directory up to date with.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use samtal_core::OrgId;
use samtal_core::api::limits::NAME_MAX;
use samtal_core::identity::{CreatedScimToken, MatchClaim, ScimToken, SetOidc, SignInSettings};

use super::when;
use crate::api::{self, ClientError};
use crate::components::{ConfirmDialog, EmptyState, ErrorNotice, Loading};
use crate::format::iso_datetime;
use crate::i18n::Texts;
use crate::state::use_session;

/// The claims an organization can match its people by, in the order offered.
pub const CLAIMS: [MatchClaim; 3] = [MatchClaim::Email, MatchClaim::Sub, MatchClaim::Oid];

/// A claim as the Match people by select offers it, like "E-mail (email)".
pub fn claim_label(claim: MatchClaim, t: &'static Texts) -> &'static str {
    match claim {
        MatchClaim::Email => t.admin.claim_email,
        MatchClaim::Sub => t.admin.claim_sub,
        MatchClaim::Oid => t.admin.claim_oid,
    }
}

/// The claim whose name is `name`; e-mail for anything else.
fn claim_named(name: &str) -> MatchClaim {
    CLAIMS.into_iter().find(|c| c.name() == name).unwrap_or_default()
}

/// The Client secret field's placeholder: whether a secret is stored, and
/// that leaving the field empty keeps it.
pub fn secret_placeholder(has_client_secret: bool, t: &'static Texts) -> &'static str {
    if has_client_secret { t.admin.secret_stored } else { t.admin.secret_none }
}

/// When a token was last used, like "Last used 14 Mar 2025, 13:05", or "Never used".
fn last_used(token: &ScimToken, t: &'static Texts) -> String {
    token.last_used_at.map_or_else(|| t.admin.never_used.to_owned(), |at| (t.admin.last_used)(&when(at, t.lang)))
}

/// The Sign-in section: loads the settings, then the provider and the SCIM tokens.
#[component]
pub fn SignInSection(
    /// The organization.
    org_id: OrgId,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let session = use_session();
    let settings = LocalResource::new(move || async move {
        let result = api::admin::sign_in_settings(org_id).await;
        if let Err(err) = &result {
            session.handle_error(err);
        }
        result
    });
    let retry = Callback::new(move |()| settings.refetch());
    view! {
        <section class="admin-section" aria-labelledby="sign-in-title">
            <h2 id="sign-in-title">{t.admin.sign_in}</h2>
            <p class="muted">{t.admin.sign_in_intro}</p>
            <Transition fallback=move || view! { <Loading label=t.admin.loading_sign_in /> }>
                {move || Suspend::new(async move {
                    match settings.await {
                        Ok(current) => view! { <SignInSettingsView settings=current /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error=error on_retry=retry /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The settings once loaded: the identity provider's card and the SCIM
/// card, which keep them up to date with each answer.
#[component]
pub fn SignInSettingsView(
    /// The settings as stored now.
    settings: SignInSettings,
) -> impl IntoView {
    let settings = RwSignal::new(settings);
    view! {
        <OidcCard settings=settings />
        <ScimCard settings=settings />
    }
}

/// The identity provider: the redirect URI to register at it, and the form
/// that configures it, with Remove once it is configured.
#[component]
fn OidcCard(settings: RwSignal<SignInSettings>) -> impl IntoView {
    let t = crate::i18n::texts();
    let session = use_session();
    let org_id = settings.with_untracked(|s| s.org_id);
    let stored = settings.with_untracked(|s| s.oidc.clone());
    let issuer = RwSignal::new(stored.as_ref().map(|o| o.issuer.clone()).unwrap_or_default());
    let client_id = RwSignal::new(stored.as_ref().map(|o| o.client_id.clone()).unwrap_or_default());
    let client_secret = RwSignal::new(String::new());
    let claim = RwSignal::new(stored.as_ref().map(|o| o.claim).unwrap_or_default());
    let oidc = Memo::new(move |_| settings.with(|s| s.oidc.clone()));
    let busy = RwSignal::new(false);
    let form_error = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ClientError>);
    let status = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(false);
    let remove_error = RwSignal::new(None::<ClientError>);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        status.set(None);
        error.set(None);
        let secret = client_secret.get_untracked();
        let body = SetOidc {
            issuer: issuer.get_untracked().trim().to_owned(),
            client_id: client_id.get_untracked().trim().to_owned(),
            client_secret: (!secret.trim().is_empty()).then_some(secret),
            claim: claim.get_untracked(),
        };
        if body.issuer.is_empty() || body.client_id.is_empty() {
            form_error.set(Some(t.admin.oidc_missing.to_owned()));
            return;
        }
        form_error.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = api::admin::set_oidc(org_id, &body).await;
            busy.set(false);
            match result {
                Ok(next) => {
                    client_secret.set(String::new());
                    settings.set(next);
                    status.set(Some(t.admin.oidc_saved.to_owned()));
                }
                Err(err) => {
                    if !session.handle_error(&err) {
                        error.set(Some(err));
                    }
                }
            }
        });
    };
    let remove = Callback::new(move |()| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        remove_error.set(None);
        spawn_local(async move {
            let result = api::admin::remove_oidc(org_id).await;
            busy.set(false);
            match result {
                Ok(next) => {
                    confirming.set(false);
                    issuer.set(String::new());
                    client_id.set(String::new());
                    client_secret.set(String::new());
                    claim.set(MatchClaim::default());
                    settings.set(next);
                    status.set(Some(t.admin.oidc_removed.to_owned()));
                }
                Err(err) => {
                    if !session.handle_error(&err) {
                        remove_error.set(Some(err));
                    }
                }
            }
        });
    });
    let redirect_uri = move || settings.with(|s| s.redirect_uri.clone());
    let has_secret = move || oidc.with(|o| o.as_ref().is_some_and(|o| o.has_client_secret));
    view! {
        <section class="card sign-in-card" aria-labelledby="oidc-title">
            <h3 id="oidc-title" class="card-title">
                {t.admin.oidc_title}
            </h3>
            <p class="muted">
                {move || match oidc.get() {
                    Some(current) => (t.admin.oidc_set_up)(&when(current.updated_at, t.lang)),
                    None => t.admin.oidc_not_set_up.to_owned(),
                }}
            </p>
            {move || {
                (!settings.with(|s| s.password_signin))
                    .then(|| {
                        view! {
                            <p class="hint">{t.admin.password_signin_off}</p>
                        }
                    })
            }}
            <div class="field">
                <label for="oidc-redirect-uri">{t.admin.redirect_uri}</label>
                <input
                    id="oidc-redirect-uri"
                    class="copy-value"
                    type="text"
                    readonly
                    spellcheck="false"
                    aria-describedby="oidc-redirect-uri-hint"
                    prop:value=redirect_uri
                />
                <p id="oidc-redirect-uri-hint" class="hint">
                    {t.admin.redirect_uri_hint}
                </p>
            </div>
            <form class="form" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="oidc-issuer">{t.admin.issuer_url}</label>
                    <input
                        id="oidc-issuer"
                        type="url"
                        inputmode="url"
                        autocomplete="off"
                        autocapitalize="none"
                        spellcheck="false"
                        required
                        placeholder="https://login.example.com/tenant/v2.0"
                        bind:value=issuer
                    />
                </div>
                <div class="field">
                    <label for="oidc-client-id">{t.admin.client_id}</label>
                    <input
                        id="oidc-client-id"
                        type="text"
                        autocomplete="off"
                        autocapitalize="none"
                        spellcheck="false"
                        required
                        bind:value=client_id
                    />
                </div>
                <div class="field">
                    <label for="oidc-client-secret">{t.admin.client_secret}</label>
                    <input
                        id="oidc-client-secret"
                        type="password"
                        autocomplete="new-password"
                        placeholder=move || secret_placeholder(has_secret(), t)
                        bind:value=client_secret
                    />
                </div>
                <div class="field field-inline">
                    <label for="oidc-claim">{t.admin.match_by}</label>
                    <select
                        id="oidc-claim"
                        aria-describedby="oidc-claim-hint"
                        on:change=move |ev| claim.set(claim_named(&event_target_value(&ev)))
                    >
                        {CLAIMS
                            .into_iter()
                            .map(|option| {
                                view! {
                                    <option value=option.name() selected=move || claim.get() == option>
                                        {claim_label(option, t)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <p id="oidc-claim-hint" class="hint">
                    {t.admin.match_by_hint}
                </p>
                <div class="form-error" role="alert">
                    {move || form_error.get().map(|message| view! { <p>{message}</p> })}
                </div>
                {move || error.get().map(|error| view! { <ErrorNotice error=error /> })}
                <div class="actions">
                    <button type="submit" class="button button-primary" disabled=move || busy.get()>
                        {move || if busy.get() { t.common.saving } else { t.common.save }}
                    </button>
                    {move || {
                        oidc.with(Option::is_some)
                            .then(|| {
                                view! {
                                    <button
                                        type="button"
                                        class="button button-secondary"
                                        disabled=move || busy.get()
                                        on:click=move |_| {
                                            remove_error.set(None);
                                            status.set(None);
                                            confirming.set(true);
                                        }
                                    >
                                        {t.common.remove}
                                    </button>
                                }
                            })
                    }}
                </div>
            </form>
            <p class="status-line" role="status">
                {move || status.get()}
            </p>
        </section>
        {move || {
            confirming
                .get()
                .then(|| {
                    view! {
                        <ConfirmDialog
                            title=t.admin.remove_oidc_title
                            confirm_label=t.common.remove
                            danger=true
                            on_confirm=remove
                            on_cancel=Callback::new(move |()| confirming.set(false))
                            busy=busy
                            error=remove_error
                        >
                            <p>{t.admin.remove_oidc_body}</p>
                            <p class="muted">{t.admin.remove_oidc_more}</p>
                        </ConfirmDialog>
                    }
                })
        }}
    }
}

/// SCIM provisioning: the base URL to give the provider, its tokens with
/// their Revoke buttons, and creating one, whose secret shows once.
#[component]
fn ScimCard(settings: RwSignal<SignInSettings>) -> impl IntoView {
    let t = crate::i18n::texts();
    let session = use_session();
    let org_id = settings.with_untracked(|s| s.org_id);
    let name = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let form_error = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ClientError>);
    let status = RwSignal::new(None::<String>);
    let created = RwSignal::new(None::<CreatedScimToken>);
    let revoking = RwSignal::new(None::<ScimToken>);
    let revoke_busy = RwSignal::new(false);
    let revoke_error = RwSignal::new(None::<ClientError>);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        status.set(None);
        error.set(None);
        let token_name = name.get_untracked().trim().to_owned();
        if token_name.is_empty() {
            form_error.set(Some(t.admin.token_name_missing.to_owned()));
            return;
        }
        form_error.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = api::admin::create_scim_token(org_id, &token_name).await;
            busy.set(false);
            match result {
                Ok(new) => {
                    name.set(String::new());
                    settings.update(|s| {
                        s.scim_tokens.retain(|t| t.id != new.token.id);
                        s.scim_tokens.insert(0, new.token.clone());
                    });
                    status.set(Some((t.admin.token_created)(&new.token.name)));
                    created.set(Some(new));
                }
                Err(err) => {
                    if !session.handle_error(&err) {
                        error.set(Some(err));
                    }
                }
            }
        });
    };
    let on_revoke = Callback::new(move |token: ScimToken| {
        revoke_error.set(None);
        status.set(None);
        revoking.set(Some(token));
    });
    let confirm_revoke = Callback::new(move |()| {
        let Some(token) = revoking.get_untracked() else { return };
        if revoke_busy.get_untracked() {
            return;
        }
        revoke_busy.set(true);
        spawn_local(async move {
            let result = api::admin::revoke_scim_token(org_id, token.id).await;
            revoke_busy.set(false);
            match result {
                Ok(next) => {
                    revoking.set(None);
                    // The secret on show may be the one just revoked.
                    if created.with_untracked(|c| c.as_ref().is_some_and(|c| c.token.id == token.id)) {
                        created.set(None);
                    }
                    settings.set(next);
                    status.set(Some((t.admin.token_revoked)(&token.name)));
                }
                Err(err) => {
                    if !session.handle_error(&err) {
                        revoke_error.set(Some(err));
                    }
                }
            }
        });
    });
    let scim_base_url = move || settings.with(|s| s.scim_base_url.clone());
    let tokens = move || settings.with(|s| s.scim_tokens.clone());
    view! {
        <section class="card sign-in-card" aria-labelledby="scim-title">
            <h3 id="scim-title" class="card-title">
                {t.admin.scim_tokens}
            </h3>
            <p class="muted">{t.admin.scim_intro}</p>
            <div class="field">
                <label for="scim-base-url">{t.admin.scim_base_url}</label>
                <input
                    id="scim-base-url"
                    class="copy-value"
                    type="text"
                    readonly
                    spellcheck="false"
                    aria-describedby="scim-base-url-hint"
                    prop:value=scim_base_url
                />
                <p id="scim-base-url-hint" class="hint">
                    {t.admin.scim_base_url_hint}
                </p>
            </div>
            {move || view! { <ScimTokenList tokens=tokens() on_revoke=on_revoke /> }}
            <form class="form scim-token-form" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="scim-token-name">{t.admin.token_name}</label>
                    <input
                        id="scim-token-name"
                        type="text"
                        autocomplete="off"
                        required
                        maxlength=NAME_MAX.to_string()
                        placeholder=t.admin.token_name_example
                        bind:value=name
                    />
                </div>
                <div class="form-error" role="alert">
                    {move || form_error.get().map(|message| view! { <p>{message}</p> })}
                </div>
                {move || error.get().map(|error| view! { <ErrorNotice error=error /> })}
                <div class="actions">
                    <button type="submit" class="button button-primary" disabled=move || busy.get()>
                        {move || if busy.get() { t.admin.creating } else { t.admin.create_token }}
                    </button>
                </div>
            </form>
            {move || {
                created
                    .get()
                    .map(|new| view! { <NewTokenSecret created=new on_done=Callback::new(move |()| created.set(None)) /> })
            }}
            <p class="status-line" role="status">
                {move || status.get()}
            </p>
        </section>
        {move || {
            revoking
                .get()
                .map(|token| {
                    view! {
                        <ConfirmDialog
                            title=(t.admin.revoke_title)(&token.name)
                            confirm_label=t.admin.revoke
                            danger=true
                            on_confirm=confirm_revoke
                            on_cancel=Callback::new(move |()| revoking.set(None))
                            busy=revoke_busy
                            error=revoke_error
                        >
                            <p>{t.admin.revoke_body}</p>
                            <p class="muted">{t.admin.revoke_more}</p>
                        </ConfirmDialog>
                    }
                })
        }}
    }
}

/// The organization's SCIM tokens, newest first, or the empty state.
#[component]
pub fn ScimTokenList(
    /// The tokens that work now.
    tokens: Vec<ScimToken>,
    /// Called by a token's Revoke button.
    on_revoke: Callback<ScimToken>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    if tokens.is_empty() {
        return view! {
            <EmptyState title=t.admin.no_scim_tokens>
                <p>{t.admin.no_scim_tokens_body}</p>
            </EmptyState>
        }
        .into_any();
    }
    view! {
        <ul class="token-list" aria-label=t.admin.scim_tokens>
            {tokens
                .into_iter()
                .map(|token| {
                    let name = token.name.clone();
                    let used = last_used(&token, t);
                    let revoke = token.clone();
                    view! {
                        <li class="token-row" data-id=token.id.0>
                            <div class="person-main">
                                <span class="person-name">{name.clone()}</span>
                                <span class="person-sub">
                                    {t.admin.token_created_at}
                                    <time datetime=iso_datetime(token.created_at)>{when(token.created_at, t.lang)}</time>
                                    " · "
                                    {match token.last_used_at {
                                        Some(at) => view! { <time datetime=iso_datetime(at)>{used}</time> }.into_any(),
                                        None => used.into_any(),
                                    }}
                                </span>
                            </div>
                            <button
                                type="button"
                                class="button button-secondary button-small"
                                on:click=move |_| on_revoke.run(revoke.clone())
                            >
                                {t.admin.revoke}
                                <span class="sr-only">" " {name}</span>
                            </button>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// A token just created: its secret, shown this once, with a warning.
#[component]
pub fn NewTokenSecret(
    /// The token and its secret.
    created: CreatedScimToken,
    /// Called by Done, which hides the secret.
    on_done: Callback<()>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    view! {
        <div class="notice notice-warning token-secret">
            <p>
                <strong>{t.admin.copy_token_now}</strong>
                {(t.admin.give_token)(&created.token.name)}
            </p>
            <code class="secret">{created.secret}</code>
            <button type="button" class="button button-secondary button-small" on:click=move |_| on_done.run(())>
                {t.admin.done}
            </button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn en() -> &'static Texts {
        Texts::of(Lang::En)
    }

    #[test]
    fn every_claim_is_offered_once_by_its_name() {
        for claim in CLAIMS {
            assert_eq!(claim_named(claim.name()), claim);
        }
        assert_eq!(
            CLAIMS.map(|claim| claim_label(claim, en())),
            ["E-mail (email)", "Subject (sub)", "Entra object ID (oid)"]
        );
        assert_eq!(claim_named("upn"), MatchClaim::Email);
    }

    #[test]
    fn the_secret_field_says_whether_one_is_kept() {
        assert!(secret_placeholder(true, en()).contains("A secret is stored"));
        assert!(secret_placeholder(true, en()).contains("empty to keep it"));
        assert!(!secret_placeholder(false, en()).contains("A secret is stored"));
    }
}
