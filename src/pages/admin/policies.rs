//! Policies (rule 7): the organization's tenant policies, and the form for a
//! group's own policies that the Groups section opens in a dialog.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use samtal_core::policy::{offline_cache, window};
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

/// A window in minutes as a form field: empty for no limit.
#[component]
fn WindowField(
    /// The element id (unique on the page).
    #[prop(into)]
    id: String,
    /// The label.
    label: &'static str,
    /// The field's text: digits, or empty.
    value: RwSignal<String>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="number"
                inputmode="numeric"
                min="0"
                max=window::MAX_MINUTES.to_string()
                step="1"
                aria-describedby=hint_id.clone()
                bind:value=value
            />
            <p id=hint_id class="hint">
                {t.verbs.policy_window_hint}
            </p>
        </div>
    }
}

/// A window's field text: empty for none.
fn window_text(minutes: Option<u32>) -> String {
    minutes.map(|m| m.to_string()).unwrap_or_default()
}

/// A window from its field: empty (or not a number) for none.
fn window_value(text: &str) -> Option<u32> {
    text.trim().parse().ok()
}

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
    let t = crate::i18n::texts();
    let a = t.admin;
    let copy = RwSignal::new(policies.allow_copy);
    let share = RwSignal::new(policies.allow_share);
    let forward = RwSignal::new(policies.allow_forward);
    let work_signin = RwSignal::new(policies.require_work_signin);
    let emails = RwSignal::new(policies.missed_message_emails);
    let password_signin = RwSignal::new(policies.password_signin);
    let offline_hours = RwSignal::new(policies.offline_cache_hours.to_string());
    let reactions = RwSignal::new(policies.allow_reactions);
    let admin_delete = RwSignal::new(policies.admin_delete);
    let edit_window = RwSignal::new(window_text(policies.edit_window_minutes));
    let delete_window = RwSignal::new(window_text(policies.delete_window_minutes));
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
            edit_window_minutes: window_value(&edit_window.get_untracked()),
            delete_window_minutes: window_value(&delete_window.get_untracked()),
            admin_delete: admin_delete.get_untracked(),
            allow_reactions: reactions.get_untracked(),
        });
    };
    view! {
        <form class="form policy-form" on:submit=on_submit>
            <fieldset class="policies">
                <legend class="sr-only">{a.tenant_policies}</legend>
                <PolicySwitch id="tenant-copy" label=a.policy_copy hint=a.policy_copy_hint value=copy />
                <PolicySwitch id="tenant-share" label=a.policy_share hint=a.policy_share_hint value=share />
                <PolicySwitch id="tenant-forward" label=a.policy_forward hint=a.policy_forward_hint value=forward />
                <PolicySwitch
                    id="tenant-work-signin"
                    label=a.policy_work_signin
                    hint=a.policy_work_signin_hint
                    value=work_signin
                />
                <PolicySwitch id="tenant-emails" label=a.policy_emails hint=a.policy_emails_hint value=emails />
                <PolicySwitch
                    id="tenant-password-signin"
                    label=a.policy_password_signin
                    hint=a.policy_password_signin_hint
                    value=password_signin
                />
                <PolicySwitch
                    id="tenant-reactions"
                    label=t.verbs.policy_reactions
                    hint=t.verbs.policy_reactions_hint
                    value=reactions
                />
                <PolicySwitch
                    id="tenant-admin-delete"
                    label=t.verbs.policy_admin_delete
                    hint=t.verbs.policy_admin_delete_hint
                    value=admin_delete
                />
            </fieldset>
            <WindowField id="tenant-edit-window" label=t.verbs.policy_edit_window value=edit_window />
            <WindowField id="tenant-delete-window" label=t.verbs.policy_delete_window value=delete_window />
            <div class="field">
                <label for="tenant-offline-hours">{a.offline_hours}</label>
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
                    {(a.offline_hours_hint)(offline_cache::MIN_HOURS, offline_cache::MAX_HOURS)}
                </p>
            </div>
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || saving.get()>
                    {move || if saving.get() { t.common.saving } else { a.save_policies }}
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
    let t = crate::i18n::texts();
    let a = t.admin;
    let copy = RwSignal::new(policies.allow_copy);
    let share = RwSignal::new(policies.allow_share);
    let forward = RwSignal::new(policies.allow_forward);
    let work_signin = RwSignal::new(policies.require_work_signin);
    let history = RwSignal::new(policies.history_for_new_members);
    let reactions = RwSignal::new(policies.allow_reactions);
    let edit_window = RwSignal::new(window_text(policies.edit_window_minutes));
    let delete_window = RwSignal::new(window_text(policies.delete_window_minutes));
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        on_save.run(GroupPolicies {
            allow_copy: copy.get_untracked(),
            allow_share: share.get_untracked(),
            allow_forward: forward.get_untracked(),
            require_work_signin: work_signin.get_untracked(),
            history_for_new_members: history.get_untracked(),
            edit_window_minutes: window_value(&edit_window.get_untracked()),
            delete_window_minutes: window_value(&delete_window.get_untracked()),
            allow_reactions: reactions.get_untracked(),
        });
    };
    view! {
        <form class="form policy-form" on:submit=on_submit>
            <fieldset class="policies">
                <legend class="sr-only">{a.group_policies}</legend>
                <PolicySwitch id="group-copy" label=a.policy_copy hint=a.policy_copy_hint value=copy />
                <PolicySwitch id="group-share" label=a.policy_share hint=a.policy_share_hint value=share />
                <PolicySwitch id="group-forward" label=a.policy_forward hint=a.policy_forward_hint value=forward />
                <PolicySwitch
                    id="group-work-signin"
                    label=a.policy_work_signin
                    hint=a.policy_work_signin_hint
                    value=work_signin
                />
                <PolicySwitch id="group-history" label=a.policy_history hint=a.policy_history_hint value=history />
                <PolicySwitch
                    id="group-reactions"
                    label=t.verbs.policy_reactions
                    hint=t.verbs.policy_reactions_hint
                    value=reactions
                />
            </fieldset>
            <WindowField id="group-edit-window" label=t.verbs.policy_edit_window value=edit_window />
            <WindowField id="group-delete-window" label=t.verbs.policy_delete_window value=delete_window />
            <p class="hint">{a.stricter_applies}</p>
            <div class="dialog-actions">
                <button type="button" class="button button-secondary" on:click=move |_| on_cancel.run(())>
                    {t.common.cancel}
                </button>
                <button type="submit" class="button button-primary" disabled=move || saving.get()>
                    {move || if saving.get() { t.common.saving } else { a.save_policies }}
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
    let t = crate::i18n::texts();
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
            <h2 id="tenant-policies-title">{t.admin.tenant_policies}</h2>
            <p class="muted">{(t.admin.tenant_policies_intro)(&org_name)}</p>
            <Transition fallback=move || view! { <Loading label=t.admin.loading_policies /> }>
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
                {move || saved.get().then_some(t.admin.policies_saved)}
            </p>
            {move || save_error.get().map(|error| view! { <ErrorNotice error=error /> })}
        </section>
    }
}
