//! Organization: turning Samtal on and off for the organization (rules 9 and
//! 10), and its compliance export (rule 11).

use leptos::prelude::*;
use leptos::task::spawn_local;
use samtal_core::OrgId;
use samtal_core::api::Org;

use crate::api::{self, ClientError};
use crate::components::{ConfirmDialog, ErrorNotice, Loading, OrgBadge};
use crate::state::use_session;

/// The Organization section.
#[component]
pub fn OrganizationSection(
    /// The organization.
    org_id: OrgId,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let session = use_session();
    let org = LocalResource::new(move || async move {
        let result = api::admin::org(org_id).await;
        if let Err(err) = &result {
            session.handle_error(err);
        }
        result
    });
    let retry = Callback::new(move |()| org.refetch());
    view! {
        <section class="admin-section" aria-labelledby="organization-title">
            <h2 id="organization-title">{t.admin.organization}</h2>
            <Transition fallback=move || view! { <Loading label=t.admin.loading_organization /> }>
                {move || Suspend::new(async move {
                    match org.await {
                        Ok(current) => view! { <OrgStatus org=current /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error=error on_retry=retry /> }.into_any(),
                    }
                })}
            </Transition>
            <section class="card" aria-labelledby="compliance-title">
                <h3 id="compliance-title" class="card-title">
                    {t.admin.compliance_export}
                </h3>
                <p class="muted">{t.admin.compliance_export_body}</p>
                <div class="actions">
                    <a class="button button-secondary" href=api::admin::export_path(org_id) download="">
                        {t.admin.download_export}
                    </a>
                </div>
            </section>
        </section>
    }
}

/// The organization's facts and its on/off switch.
#[component]
fn OrgStatus(org: Org) -> impl IntoView {
    let t = crate::i18n::texts();
    let session = use_session();
    let org_id = org.id;
    let name = org.name.clone();
    let enabled = RwSignal::new(org.enabled);
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ClientError>);
    let status = RwSignal::new(None::<String>);
    let set = move |next: bool| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        status.set(None);
        spawn_local(async move {
            let result = api::admin::set_enabled(org_id, next).await;
            busy.set(false);
            match result {
                Ok(org) => {
                    confirming.set(false);
                    enabled.set(org.enabled);
                    status.set(Some(if org.enabled {
                        (t.admin.enabled_status)(&org.name)
                    } else {
                        (t.admin.disabled_status)(&org.name)
                    }));
                    // The admin's own work sign-in may have ended with it.
                    session.refresh();
                }
                Err(err) => {
                    if !session.handle_error(&err) {
                        error.set(Some(err));
                    }
                }
            }
        });
    };
    let description =
        if org.description.trim().is_empty() { t.admin.no_description.to_owned() } else { org.description.clone() };
    let confirm_name = name.clone();
    view! {
        <div class="card">
            <p class="work-org">
                <OrgBadge org_name=name.clone() />
                <span>{name.clone()}</span>
            </p>
            <dl class="facts">
                <dt>{t.admin.domain}</dt>
                <dd>{org.domain.clone()}</dd>
                <dt>{t.admin.about_conversations}</dt>
                <dd>{description}</dd>
                <dt>"Samtal"</dt>
                <dd>
                    {move || {
                        if enabled.get() {
                            view! { <span class="tag tag-on">{t.admin.on}</span> }.into_any()
                        } else {
                            view! { <span class="tag tag-off">{t.admin.off_closed}</span> }.into_any()
                        }
                    }}
                </dd>
            </dl>
            <div class="actions">
                {move || {
                    if enabled.get() {
                        view! {
                            <button
                                type="button"
                                class="button button-danger"
                                disabled=move || busy.get()
                                on:click=move |_| {
                                    error.set(None);
                                    confirming.set(true);
                                }
                            >
                                {t.admin.disable_samtal}
                            </button>
                        }
                            .into_any()
                    } else {
                        view! {
                            <button
                                type="button"
                                class="button button-primary"
                                disabled=move || busy.get()
                                on:click=move |_| set(true)
                            >
                                {t.admin.enable_samtal}
                            </button>
                        }
                            .into_any()
                    }
                }}
            </div>
            <p class="status-line" role="status">
                {move || status.get()}
            </p>
            {move || (!confirming.get()).then(|| error.get().map(|error| view! { <ErrorNotice error=error /> }))}
        </div>
        {move || {
            confirming.get().then(|| {
                let confirm_name = confirm_name.clone();
                view! {
            <ConfirmDialog
                title=(t.admin.disable_title)(&confirm_name)
                confirm_label=t.admin.disable
                danger=true
                on_confirm=Callback::new(move |()| set(false))
                on_cancel=Callback::new(move |()| confirming.set(false))
                busy=busy
                error=error
            >
                <p>{(t.admin.disable_body)(&confirm_name)}</p>
                <p class="muted">{t.admin.disable_more}</p>
            </ConfirmDialog>
                }
            })
        }}
    }
}
