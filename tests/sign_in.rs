//! Admin → Sign-in (the identity provider and SCIM tokens) and single sign-on
//! in Me, mounted into the test page and read through their DOM.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod support;

use leptos::prelude::*;
use leptos_router::components::Router;
use samtal_core::identity::{CreatedScimToken, MatchClaim, OidcSettings, ScimToken, SignInSettings};
use samtal_core::{OrgId, ScimTokenId, TenantPolicies};
use samtal_web::pages::admin::policies::TenantPoliciesForm;
use samtal_web::pages::admin::sign_in::{NewTokenSecret, ScimTokenList, SignInSettingsView};
use samtal_web::pages::me_page::MeDetails;
use samtal_web::state::{Session, SessionState};
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn settings(oidc: bool, tokens: Vec<ScimToken>) -> SignInSettings {
    SignInSettings {
        org_id: OrgId(1),
        oidc: oidc.then(|| OidcSettings {
            issuer: "https://login.example/t/v2.0".into(),
            client_id: "samtal-app".into(),
            has_client_secret: true,
            claim: MatchClaim::Oid,
            updated_at: NOW,
        }),
        redirect_uri: "https://samtal.example/api/auth/oidc/callback".into(),
        scim_base_url: "https://samtal.example/scim/v2".into(),
        scim_tokens: tokens,
        password_signin: true,
    }
}

fn token(id: i64, name: &str, used: Option<i64>) -> ScimToken {
    ScimToken { id: ScimTokenId(id), name: name.into(), created_at: NOW - 86_400_000, last_used_at: used }
}

fn input(view: &Mounted, sel: &str) -> web_sys::HtmlInputElement {
    view.one(sel).dyn_into().unwrap()
}

fn labels(view: &Mounted) -> Vec<String> {
    view.all("label").iter().map(|l| l.text_content().unwrap()).collect()
}

fn buttons(view: &Mounted) -> Vec<String> {
    view.all("button").iter().map(|b| b.text_content().unwrap_or_default().trim().to_owned()).collect()
}

#[wasm_bindgen_test]
async fn a_configured_provider_fills_the_form() {
    let view = mount(|| {
        provide_context(Session::new(SessionState::SignedIn(Box::new(me(&[("Acme", 1)], true)))));
        view! { <SignInSettingsView settings=settings(true, vec![token(1, "Entra provisioning", None), token(2, "Okta", Some(NOW))]) /> }
    });
    tick().await;
    let l = labels(&view);
    for want in
        ["Redirect URI", "Issuer URL", "Client ID", "Client secret", "Match people by", "SCIM base URL", "Token name"]
    {
        assert!(l.contains(&want.to_owned()), "{l:?}");
    }
    assert_eq!(input(&view, "#oidc-issuer").value(), "https://login.example/t/v2.0");
    assert_eq!(input(&view, "#oidc-client-id").value(), "samtal-app");
    let secret = input(&view, "#oidc-client-secret");
    assert_eq!(secret.type_(), "password");
    assert_eq!(secret.value(), "");
    assert!(secret.placeholder().contains("A secret is stored"), "{}", secret.placeholder());
    let claim: web_sys::HtmlSelectElement = view.one("#oidc-claim").dyn_into().unwrap();
    assert_eq!(claim.value(), "oid");
    let options: Vec<String> = view.all("#oidc-claim option").iter().map(|o| o.text_content().unwrap()).collect();
    assert_eq!(options, ["E-mail (email)", "Subject (sub)", "Entra object ID (oid)"]);
    let redirect = input(&view, "#oidc-redirect-uri");
    assert!(redirect.read_only());
    assert_eq!(redirect.value(), "https://samtal.example/api/auth/oidc/callback");
    assert_eq!(input(&view, "#scim-base-url").value(), "https://samtal.example/scim/v2");
    let b = buttons(&view);
    for want in ["Save", "Remove", "Revoke Entra provisioning", "Revoke Okta", "Create token"] {
        assert!(b.contains(&want.to_owned()), "{b:?}");
    }
    let rows: Vec<String> = view.all(".token-row").iter().map(|r| r.text_content().unwrap()).collect();
    assert!(rows[0].contains("Entra provisioning") && rows[0].contains("Never used"), "{rows:?}");
    assert!(rows[1].contains("Last used"), "{rows:?}");
    assert!(view.text().contains("Set up; last changed"));
    // The headings of the two cards.
    let h3: Vec<String> = view.all("h3").iter().map(|h| h.text_content().unwrap().trim().to_owned()).collect();
    assert_eq!(h3, ["Identity provider (OpenID Connect)", "SCIM tokens"]);

    // Remove asks first.
    let remove = view.all("button").into_iter().find(|b| b.text_content().as_deref() == Some("Remove")).unwrap();
    click(&remove);
    tick().await;
    assert!(view.one("[role=dialog]").text_content().unwrap().contains("Remove the identity provider?"));
    let cancel = view.all("[role=dialog] button").into_iter().find(|b| b.text_content().as_deref() == Some("Cancel"));
    click(&cancel.unwrap());
    tick().await;
    assert!(view.all("[role=dialog]").is_empty());

    // A missing name is explained before anything is sent.
    let create = view.all("button").into_iter().find(|b| b.text_content().as_deref() == Some("Create token")).unwrap();
    click(&create);
    tick().await;
    let alerts: Vec<String> = view.all("[role=alert]").iter().map(|a| a.text_content().unwrap()).collect();
    assert!(alerts.iter().any(|a| a.contains("Give the token a name")), "{alerts:?}");
}

#[wasm_bindgen_test]
async fn without_a_provider_there_is_no_remove_and_an_empty_token_list() {
    let view = mount(|| {
        provide_context(Session::new(SessionState::SignedIn(Box::new(me(&[("Acme", 1)], true)))));
        view! { <SignInSettingsView settings=settings(false, vec![]) /> }
    });
    tick().await;
    let b = buttons(&view);
    assert!(b.contains(&"Save".to_owned()) && !b.contains(&"Remove".to_owned()), "{b:?}");
    assert!(input(&view, "#oidc-client-secret").placeholder().contains("None stored"));
    assert!(view.text().contains("No SCIM tokens"));
    assert!(view.text().contains("Not set up"));
    let claim: web_sys::HtmlSelectElement = view.one("#oidc-claim").dyn_into().unwrap();
    assert_eq!(claim.value(), "email");
    // An empty form says what is missing.
    let save = view.all("button[type=submit]").into_iter().next().unwrap();
    click(&save);
    tick().await;
    assert!(view.one("[role=alert]").text_content().unwrap().contains("issuer URL"));
}

#[wasm_bindgen_test]
fn a_new_tokens_secret_is_shown_once_with_a_warning() {
    let created = CreatedScimToken { token: token(3, "Entra", None), secret: "scim_abc123".into() };
    let view = mount(move || view! { <NewTokenSecret created=created on_done=Callback::new(|()| {}) /> });
    assert!(view.text().contains("Copy this token now: it will not be shown again"));
    assert_eq!(view.one("code.secret").text_content().as_deref(), Some("scim_abc123"));
}

#[wasm_bindgen_test]
async fn revoke_names_its_token() {
    let asked = RwSignal::new(None::<ScimTokenId>);
    let view = mount(move || {
        view! { <ScimTokenList tokens=vec![token(9, "Okta", None)] on_revoke=Callback::new(move |t: ScimToken| asked.set(Some(t.id))) /> }
    });
    assert_eq!(view.one("ul").get_attribute("aria-label").as_deref(), Some("SCIM tokens"));
    click(&view.one("button"));
    tick().await;
    assert_eq!(asked.get_untracked(), Some(ScimTokenId(9)));
}

#[wasm_bindgen_test]
async fn the_password_signin_switch_is_sent() {
    let saved = RwSignal::new(None::<TenantPolicies>);
    let view = mount(move || {
        view! { <TenantPoliciesForm policies=TenantPolicies::default() on_save=Callback::new(move |p| saved.set(Some(p))) /> }
    });
    assert_eq!(
        view.one("label[for=tenant-password-signin]").text_content().as_deref(),
        Some("Password sign-in to work accounts")
    );
    assert!(input(&view, "#tenant-password-signin").checked());
    assert!(view.text().contains("set up in Sign-in"));
    tick().await;
    log(&format!("hours={:?}", input(&view, "#tenant-offline-hours").value()));
    click(&view.one("#tenant-password-signin"));
    tick().await;
    click(&view.one("button[type=submit]"));
    tick().await;
    assert_eq!(saved.get_untracked().map(|p| p.password_signin), Some(false));
}

#[wasm_bindgen_test]
async fn single_sign_on_needs_the_email_first() {
    let view = mount(|| {
        provide_context(Session::new(SessionState::SignedIn(Box::new(me(&[], false)))));
        view! {
            <Router>
                <MeDetails me=me(&[], false) />
            </Router>
        }
    });
    let sso =
        view.all("button").into_iter().find(|b| b.text_content().as_deref() == Some("Sign in with single sign-on"));
    let sso = sso.expect("the single sign-on button");
    assert_eq!(sso.get_attribute("type").as_deref(), Some("button"));
    click(&sso);
    tick().await;
    let alert = view.one("[aria-labelledby=linked-title] [role=alert]").text_content().unwrap();
    assert_eq!(alert, "Enter your work e-mail to sign in with single sign-on.");
}

#[wasm_bindgen_test]
async fn a_refusal_in_the_address_is_shown_once() {
    let window = web_sys::window().unwrap();
    let history = window.history().unwrap();
    let before = window.location().href().unwrap();
    let path = window.location().pathname().unwrap();
    history
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}?work_account_error=Nobody+in+the+directory+has+this+e-mail.")),
        )
        .unwrap();
    let view = mount(|| {
        provide_context(Session::new(SessionState::SignedIn(Box::new(me(&[], false)))));
        view! {
            <Router>
                <MeDetails me=me(&[], false) />
            </Router>
        }
    });
    tick().await;
    tick().await;
    let alerts: Vec<String> =
        view.all("[aria-labelledby=linked-title] [role=alert]").iter().map(|a| a.text_content().unwrap()).collect();
    assert!(alerts.iter().any(|a| a.contains("Nobody in the directory has this e-mail.")), "{alerts:?}");
    let search = window.location().search().unwrap();
    assert_eq!(search, "", "the query is gone");
    drop(view);
    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&before)).unwrap();

    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}?work_account=linked")))
        .unwrap();
    let view = mount(|| {
        provide_context(Session::new(SessionState::SignedIn(Box::new(me(&[], true)))));
        view! {
            <Router>
                <MeDetails me=me(&[], true) />
            </Router>
        }
    });
    tick().await;
    tick().await;
    let status: Vec<String> =
        view.all("[aria-labelledby=linked-title] [role=status]").iter().map(|a| a.text_content().unwrap()).collect();
    assert!(status.contains(&"Signed in to your work account.".to_owned()), "{status:?}");
    assert!(view.all("[aria-labelledby=linked-title] [role=alert]").is_empty());
    assert_eq!(window.location().search().unwrap(), "");
    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&before)).unwrap();
}
