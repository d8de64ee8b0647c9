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
use crate::state::use_session;

/// The claims an organization can match its people by, in the order offered.
pub const CLAIMS: [MatchClaim; 3] = [MatchClaim::Email, MatchClaim::Sub, MatchClaim::Oid];

/// A claim as the Match people by select offers it, like "E-mail (email)".
pub fn claim_label(claim: MatchClaim) -> &'static str {
    match claim {
        MatchClaim::Email => "E-mail (email)",
        MatchClaim::Sub => "Subject (sub)",
        MatchClaim::Oid => "Entra object ID (oid)",
    }
}

/// The claim whose name is `name`; e-mail for anything else.
fn claim_named(name: &str) -> MatchClaim {
    CLAIMS.into_iter().find(|c| c.name() == name).unwrap_or_default()
}

/// The Client secret field's placeholder: whether a secret is stored, and
/// that leaving the field empty keeps it.
pub fn secret_placeholder(has_client_secret: bool) -> &'static str {
    if has_client_secret {
        "A secret is stored. Leave empty to keep it."
    } else {
        "None stored. Leave empty for a public client."
    }
}

/// When a token was last used, like "Last used 14 Mar 2025, 13:05", or "Never used".
fn last_used(token: &ScimToken) -> String {
    token.last_used_at.map_or_else(|| "Never used".to_owned(), |at| format!("Last used {}", when(at)))
}

/// The Sign-in section: loads the settings, then the provider and the SCIM tokens.
#[component]
pub fn SignInSection(
    /// The organization.
    org_id: OrgId,
) -> impl IntoView {
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
            <h2 id="sign-in-title">"Sign-in"</h2>
            <p class="muted">
                "How the organization's people sign in to their work accounts, and how its identity provider keeps the directory up to date."
            </p>
            <Transition fallback=|| view! { <Loading label="Loading the sign-in settings…" /> }>
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
            form_error.set(Some("Enter the provider's issuer URL and the client ID Samtal has there.".to_owned()));
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
                    status.set(Some(
                        "The identity provider is saved. People can sign in with single sign-on now.".to_owned(),
                    ));
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
                    status.set(Some("The identity provider is removed.".to_owned()));
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
                "Identity provider (OpenID Connect)"
            </h3>
            <p class="muted">
                {move || match oidc.get() {
                    Some(current) => format!("Set up; last changed {}.", when(current.updated_at)),
                    None => {
                        "Not set up: people sign in to their work accounts with the passwords imported into the directory."
                            .to_owned()
                    }
                }}
            </p>
            {move || {
                (!settings.with(|s| s.password_signin))
                    .then(|| {
                        view! {
                            <p class="hint">
                                "Password sign-in is off in Tenant policies: the identity provider is the only way in."
                            </p>
                        }
                    })
            }}
            <div class="field">
                <label for="oidc-redirect-uri">"Redirect URI"</label>
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
                    "Register this as the redirect URI of Samtal's application at your provider."
                </p>
            </div>
            <form class="form" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="oidc-issuer">"Issuer URL"</label>
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
                    <label for="oidc-client-id">"Client ID"</label>
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
                    <label for="oidc-client-secret">"Client secret"</label>
                    <input
                        id="oidc-client-secret"
                        type="password"
                        autocomplete="new-password"
                        placeholder=move || secret_placeholder(has_secret())
                        bind:value=client_secret
                    />
                </div>
                <div class="field field-inline">
                    <label for="oidc-claim">"Match people by"</label>
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
                                        {claim_label(option)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <p id="oidc-claim-hint" class="hint">
                    "E-mail finds the directory entry with the same work e-mail; Subject and Entra object ID find the entry whose external ID the provider set through SCIM."
                </p>
                <div class="form-error" role="alert">
                    {move || form_error.get().map(|message| view! { <p>{message}</p> })}
                </div>
                {move || error.get().map(|error| view! { <ErrorNotice error=error /> })}
                <div class="actions">
                    <button type="submit" class="button button-primary" disabled=move || busy.get()>
                        {move || if busy.get() { "Saving…" } else { "Save" }}
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
                                        "Remove"
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
                            title="Remove the identity provider?"
                            confirm_label="Remove"
                            danger=true
                            on_confirm=remove
                            on_cancel=Callback::new(move |()| confirming.set(false))
                            busy=busy
                            error=remove_error
                        >
                            <p>"Nobody can sign in to a work account with single sign-on any more."</p>
                            <p class="muted">
                                "People sign in with the passwords imported into the directory; those the provider created have none."
                            </p>
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
            form_error.set(Some("Give the token a name, like \"Entra provisioning\".".to_owned()));
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
                    status.set(Some(format!("The token {} is created.", new.token.name)));
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
                    status.set(Some(format!("The token {} is revoked.", token.name)));
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
                "SCIM tokens"
            </h3>
            <p class="muted">
                "With a token, your identity provider adds people to the directory, updates them, and removes those who leave."
            </p>
            <div class="field">
                <label for="scim-base-url">"SCIM base URL"</label>
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
                    "Give your provider this address (the tenant URL) together with a token."
                </p>
            </div>
            {move || view! { <ScimTokenList tokens=tokens() on_revoke=on_revoke /> }}
            <form class="form scim-token-form" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="scim-token-name">"Token name"</label>
                    <input
                        id="scim-token-name"
                        type="text"
                        autocomplete="off"
                        required
                        maxlength=NAME_MAX.to_string()
                        placeholder="Entra provisioning"
                        bind:value=name
                    />
                </div>
                <div class="form-error" role="alert">
                    {move || form_error.get().map(|message| view! { <p>{message}</p> })}
                </div>
                {move || error.get().map(|error| view! { <ErrorNotice error=error /> })}
                <div class="actions">
                    <button type="submit" class="button button-primary" disabled=move || busy.get()>
                        {move || if busy.get() { "Creating…" } else { "Create token" }}
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
                            title=format!("Revoke the token {}?", token.name)
                            confirm_label="Revoke"
                            danger=true
                            on_confirm=confirm_revoke
                            on_cancel=Callback::new(move |()| revoking.set(None))
                            busy=revoke_busy
                            error=revoke_error
                        >
                            <p>"The identity provider can no longer change the directory with it."</p>
                            <p class="muted">"The people it provisioned stay in the directory."</p>
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
    if tokens.is_empty() {
        return view! {
            <EmptyState title="No SCIM tokens">
                <p>"Create one below for your identity provider to provision the directory with."</p>
            </EmptyState>
        }
        .into_any();
    }
    view! {
        <ul class="token-list" aria-label="SCIM tokens">
            {tokens
                .into_iter()
                .map(|token| {
                    let name = token.name.clone();
                    let used = last_used(&token);
                    let revoke = token.clone();
                    view! {
                        <li class="token-row" data-id=token.id.0>
                            <div class="person-main">
                                <span class="person-name">{name.clone()}</span>
                                <span class="person-sub">
                                    "Created " <time datetime=iso_datetime(token.created_at)>{when(token.created_at)}</time>
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
                                "Revoke"
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
    view! {
        <div class="notice notice-warning token-secret">
            <p>
                <strong>"Copy this token now: it will not be shown again."</strong>
                " Give it to your identity provider as the secret token of "
                {created.token.name.clone()}
                "."
            </p>
            <code class="secret">{created.secret}</code>
            <button type="button" class="button button-secondary button-small" on:click=move |_| on_done.run(())>
                "Done"
            </button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_claim_is_offered_once_by_its_name() {
        for claim in CLAIMS {
            assert_eq!(claim_named(claim.name()), claim);
        }
        assert_eq!(CLAIMS.map(claim_label), ["E-mail (email)", "Subject (sub)", "Entra object ID (oid)"]);
        assert_eq!(claim_named("upn"), MatchClaim::Email);
    }

    #[test]
    fn the_secret_field_says_whether_one_is_kept() {
        assert!(secret_placeholder(true).contains("A secret is stored"));
        assert!(secret_placeholder(true).contains("empty to keep it"));
        assert!(!secret_placeholder(false).contains("A secret is stored"));
    }
}
