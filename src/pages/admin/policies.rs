//! Policies (rule 7): the organization's tenant policies, and the form for a
//! group's own policies that the Groups section opens in a dialog.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use samtal_core::policy::offline_cache;
use samtal_core::{GroupPolicies, OrgId, TenantPolicies};

use crate::api::{self, ClientError};
use crate::components::{ErrorNotice, Loading};
use crate::state::use_session;

/// One policy switch: a checkbox with its label and what it means.
#[component]
pub fn PolicySwitch(
    /// The element id (unique on the page).
    #[prop(into)]
    id: String,
    /// The label, like "Allow copying message text".
    #[prop(into)]
    label: String,
    /// What turning it off does.
    #[prop(into)]
    hint: String,
    /// The switch's value.
    value: RwSignal<bool>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="policy">
            <input id=id.clone() type="checkbox" aria-describedby=hint_id.clone() bind:checked=value />
            <div class="policy-text">
                <label for=id>{label}</label>
                <p id=hint_id class="hint">
                    {hint}
                </p>
            </div>
        </div>
    }
}

/// The labels and explanations of the policies both kinds share, by field.
pub const COPY: (&str, &str) =
    ("Allow copying message text", "Off: the Copy action is not offered in these conversations.");
/// See [`COPY`].
pub const SHARE: (&str, &str) = (
    "Allow downloading, sharing and exporting",
    "Off: attachments can't be downloaded or shared out, and messages stay out of personal exports.",
);
/// See [`COPY`].
pub const FORWARD: (&str, &str) = (
    "Allow forwarding out of the organization",
    "Off: messages can only be forwarded into conversations the organization owns.",
);
/// See [`COPY`].
pub const WORK_SIGNIN: (&str, &str) =
    ("Require a work-account sign-in", "On: only people signed in to a work account can open these conversations.");
/// The tenant policy `password_signin`, which only the organization has.
pub const PASSWORD_SIGNIN: (&str, &str) = (
    "Password sign-in to work accounts",
    "Off: people sign in to their work accounts only through the organization's identity provider. It can only be turned off once the identity provider is set up in Sign-in.",
);

/// The tenant policies as a form; `on_save` gets what the switches say.
#[component]
pub fn TenantPoliciesForm(
    /// The policies as stored now.
    policies: TenantPolicies,
    /// Called with the edited policies when the person saves.
    on_save: Callback<TenantPolicies>,
    /// While saving: the button waits.
    #[prop(into, default = Signal::stored(false))]
    saving: Signal<bool>,
) -> impl IntoView {
    let copy = RwSignal::new(policies.allow_copy);
    let share = RwSignal::new(policies.allow_share);
    let forward = RwSignal::new(policies.allow_forward);
    let work_signin = RwSignal::new(policies.require_work_signin);
    let emails = RwSignal::new(policies.missed_message_emails);
    let password_signin = RwSignal::new(policies.password_signin);
    let offline_hours = RwSignal::new(policies.offline_cache_hours.to_string());
    let stored_offline_hours = policies.offline_cache_hours;
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        // The browser holds the form back while the number is missing or out
        // of bounds; the server checks the bounds again.
        let offline_cache_hours = offline_hours.get_untracked().trim().parse().unwrap_or(stored_offline_hours);
        on_save.run(TenantPolicies {
            allow_copy: copy.get_untracked(),
            allow_share: share.get_untracked(),
            allow_forward: forward.get_untracked(),
            require_work_signin: work_signin.get_untracked(),
            missed_message_emails: emails.get_untracked(),
            offline_cache_hours,
            password_signin: password_signin.get_untracked(),
        });
    };
    view! {
        <form class="form policy-form" on:submit=on_submit>
            <fieldset class="policies">
                <legend class="sr-only">"Tenant policies"</legend>
                <PolicySwitch id="tenant-copy" label=COPY.0 hint=COPY.1 value=copy />
                <PolicySwitch id="tenant-share" label=SHARE.0 hint=SHARE.1 value=share />
                <PolicySwitch id="tenant-forward" label=FORWARD.0 hint=FORWARD.1 value=forward />
                <PolicySwitch id="tenant-work-signin" label=WORK_SIGNIN.0 hint=WORK_SIGNIN.1 value=work_signin />
                <PolicySwitch
                    id="tenant-emails"
                    label="Send missed-message e-mails"
                    hint="Off: nobody gets e-mails about unread messages in the organization's conversations, whatever they picked."
                    value=emails
                />
                <PolicySwitch
                    id="tenant-password-signin"
                    label=PASSWORD_SIGNIN.0
                    hint=PASSWORD_SIGNIN.1
                    value=password_signin
                />
            </fieldset>
            <div class="field">
                <label for="tenant-offline-hours">"Delete offline caches after (hours)"</label>
                <input
                    id="tenant-offline-hours"
                    type="number"
                    required
                    inputmode="numeric"
                    min=offline_cache::MIN_HOURS.to_string()
                    max=offline_cache::MAX_HOURS.to_string()
                    step="1"
                    aria-describedby="tenant-offline-hours-hint"
                    bind:value=offline_hours
                />
                <p id="tenant-offline-hours-hint" class="hint">
                    {format!(
                        "A device offline for longer deletes what it keeps of the organization's conversations. {} to {} hours.",
                        offline_cache::MIN_HOURS,
                        offline_cache::MAX_HOURS,
                    )}
                </p>
            </div>
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || saving.get()>
                    {move || if saving.get() { "Saving…" } else { "Save policies" }}
                </button>
            </div>
        </form>
    }
}

/// A group's own policies as a form (in the Edit policies dialog).
#[component]
pub fn GroupPoliciesForm(
    /// The group's policies as stored now.
    policies: GroupPolicies,
    /// Called with the edited policies when the person saves.
    on_save: Callback<GroupPolicies>,
    /// Called by Cancel.
    on_cancel: Callback<()>,
    /// While saving: the button waits.
    #[prop(into, default = Signal::stored(false))]
    saving: Signal<bool>,
) -> impl IntoView {
    let copy = RwSignal::new(policies.allow_copy);
    let share = RwSignal::new(policies.allow_share);
    let forward = RwSignal::new(policies.allow_forward);
    let work_signin = RwSignal::new(policies.require_work_signin);
    let history = RwSignal::new(policies.history_for_new_members);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        on_save.run(GroupPolicies {
            allow_copy: copy.get_untracked(),
            allow_share: share.get_untracked(),
            allow_forward: forward.get_untracked(),
            require_work_signin: work_signin.get_untracked(),
            history_for_new_members: history.get_untracked(),
        });
    };
    view! {
        <form class="form policy-form" on:submit=on_submit>
            <fieldset class="policies">
                <legend class="sr-only">"Group policies"</legend>
                <PolicySwitch id="group-copy" label=COPY.0 hint=COPY.1 value=copy />
                <PolicySwitch id="group-share" label=SHARE.0 hint=SHARE.1 value=share />
                <PolicySwitch id="group-forward" label=FORWARD.0 hint=FORWARD.1 value=forward />
                <PolicySwitch id="group-work-signin" label=WORK_SIGNIN.0 hint=WORK_SIGNIN.1 value=work_signin />
                <PolicySwitch
                    id="group-history"
                    label="New members see earlier messages"
                    hint="Off: someone who joins sees messages from their joining on."
                    value=history
                />
            </fieldset>
            <p class="hint">
                "The organization's tenant policies still apply: a conversation follows whichever is stricter."
            </p>
            <div class="dialog-actions">
                <button type="button" class="button button-secondary" on:click=move |_| on_cancel.run(())>
                    "Cancel"
                </button>
                <button type="submit" class="button button-primary" disabled=move || saving.get()>
                    {move || if saving.get() { "Saving…" } else { "Save policies" }}
                </button>
            </div>
        </form>
    }
}

/// The Tenant policies section: loads, edits and saves the organization's policies.
#[component]
pub fn TenantPoliciesSection(
    /// The organization.
    org_id: OrgId,
    /// Its name, for the explanation.
    #[prop(into)]
    org_name: String,
) -> impl IntoView {
    let session = use_session();
    let policies = LocalResource::new(move || async move {
        let result = api::admin::tenant_policies(org_id).await;
        if let Err(err) = &result {
            session.handle_error(err);
        }
        result
    });
    let retry = Callback::new(move |()| policies.refetch());
    let saving = RwSignal::new(false);
    let save_error = RwSignal::new(None::<ClientError>);
    let saved = RwSignal::new(false);
    let on_save = Callback::new(move |next: TenantPolicies| {
        if saving.get_untracked() {
            return;
        }
        saving.set(true);
        saved.set(false);
        save_error.set(None);
        spawn_local(async move {
            let result = api::admin::set_tenant_policies(org_id, &next).await;
            saving.set(false);
            match result {
                Ok(_) => saved.set(true),
                Err(err) => {
                    if !session.handle_error(&err) {
                        save_error.set(Some(err));
                    }
                }
            }
        });
    });
    view! {
        <section class="admin-section" aria-labelledby="tenant-policies-title">
            <h2 id="tenant-policies-title">"Tenant policies"</h2>
            <p class="muted">
                "These apply to every conversation " {org_name}
                " owns. A group's own policies can only make a conversation stricter."
            </p>
            <Transition fallback=|| view! { <Loading label="Loading the policies…" /> }>
                {move || Suspend::new(async move {
                    match policies.await {
                        Ok(current) => {
                            view! { <TenantPoliciesForm policies=current on_save=on_save saving=saving /> }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorNotice error=error on_retry=retry /> }.into_any(),
                    }
                })}
            </Transition>
            <p class="status-line" role="status">
                {move || saved.get().then_some("The policies are saved. Every conversation follows them now.")}
            </p>
            {move || save_error.get().map(|error| view! { <ErrorNotice error=error /> })}
        </section>
    }
}
