//! Every text the client shows, in English and Swedish, and which language is in use.
//!
//! The catalog is one struct per area of the app ([`common`], [`chats`],
//! [`actions`], [`dates`], [`people`], [`me`], [`admin`], [`verbs`]), with one `const`
//! value per language. A text missing from a language is a missing field, so
//! it does not compile. Texts that take values are functions, so their words
//! can move around the values as each language needs.
//!
//! The language is chosen once per device: the person's choice in Me, kept in
//! `localStorage`, else the first of the browser's languages Samtal has, else
//! English. Screens read their texts with [`texts`] when they are built;
//! [`Translated`] rebuilds what it wraps when the language changes, so nothing
//! else has to track it.

pub mod actions;
pub mod admin;
pub mod chats;
pub mod common;
pub mod dates;
pub mod me;
pub mod people;
pub mod verbs;

use leptos::prelude::*;
pub use samtal_core::Lang;

/// The whole catalog in one language.
pub struct Texts {
    /// The language these texts are in.
    pub lang: Lang,
    /// Shared by every screen: the shell, loading and error states, dialogs.
    pub common: &'static common::Common,
    /// The chat list, a conversation, the composer.
    pub chats: &'static chats::Chats,
    /// What can be done to a message: its menu, forwarding, attachments, policy notes.
    pub actions: &'static actions::Actions,
    /// Dates and times, and the words around them.
    pub dates: &'static dates::Dates,
    /// Contacts, people search, starting conversations, the group profile.
    pub people: &'static people::People,
    /// Me, its sessions, signing in and up.
    pub me: &'static me::MeTexts,
    /// The admin portal.
    pub admin: &'static admin::Admin,
    /// The verbs on a message: replying, editing, deleting, reacting.
    pub verbs: &'static verbs::Verbs,
}

const ENGLISH: Texts = Texts {
    lang: Lang::En,
    common: &common::EN,
    chats: &chats::EN,
    actions: &actions::EN,
    dates: &dates::EN,
    people: &people::EN,
    me: &me::EN,
    admin: &admin::EN,
    verbs: &verbs::EN,
};

const SWEDISH: Texts = Texts {
    lang: Lang::Sv,
    common: &common::SV,
    chats: &chats::SV,
    actions: &actions::SV,
    dates: &dates::SV,
    people: &people::SV,
    me: &me::SV,
    admin: &admin::SV,
    verbs: &verbs::SV,
};

impl Texts {
    /// The catalog in `lang`.
    pub fn of(lang: Lang) -> &'static Texts {
        match lang {
            Lang::En => &ENGLISH,
            Lang::Sv => &SWEDISH,
        }
    }
}

/// Where a person's own choice of language is kept on this device.
const CHOSEN_KEY: &str = "samtal.language";

/// The language in use, shared through the app's context.
#[derive(Debug, Clone, Copy)]
pub struct Language(RwSignal<Lang>);

impl Language {
    /// The language in use, tracked: a closure reading it runs again when it changes.
    pub fn get(self) -> Lang {
        self.0.get()
    }

    /// The language in use, untracked: for work outside the screens.
    pub fn get_untracked(self) -> Lang {
        self.0.get_untracked()
    }

    /// Uses `lang` from now on and remembers it on this device.
    pub fn choose(self, lang: Lang) {
        if let Some(storage) = local_storage() {
            let _ = storage.set_item(CHOSEN_KEY, lang.code());
        }
        self.set(lang);
    }

    /// Forgets the choice made on this device and uses the browser's language again.
    pub fn follow_browser(self) {
        if let Some(storage) = local_storage() {
            let _ = storage.remove_item(CHOSEN_KEY);
        }
        self.set(browser_language());
    }

    /// Uses `lang` unless the person chose one on this device: for a choice
    /// they made elsewhere (their account's language, when they sign in).
    pub fn adopt(self, lang: Lang) {
        if chosen().is_none() {
            self.set(lang);
        }
    }

    fn set(self, lang: Lang) {
        set_document_lang(lang);
        if self.0.get_untracked() != lang {
            self.0.set(lang);
        }
    }
}

/// Puts the language in use into the app's context, and onto `<html lang>`.
pub fn provide_language() -> Language {
    let lang = chosen().unwrap_or_else(browser_language);
    set_document_lang(lang);
    let language = Language(RwSignal::new(lang));
    provide_context(language);
    language
}

/// The language in use, if the app provided one.
pub fn use_language() -> Option<Language> {
    use_context::<Language>()
}

/// The language in use now (English outside the app, as in component tests).
pub fn lang() -> Lang {
    use_language().map(Language::get_untracked).unwrap_or_default()
}

/// The catalog in the language in use now.
pub fn texts() -> &'static Texts {
    Texts::of(lang())
}

/// The language chosen in Me on this device, if any.
pub fn chosen() -> Option<Lang> {
    let stored = local_storage()?.get_item(CHOSEN_KEY).ok().flatten()?;
    Lang::from_tag(&stored)
}

/// The first of the browser's languages that Samtal has, else English.
fn browser_language() -> Lang {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Lang::default();
    };
    let tags: Vec<String> = navigator.languages().iter().filter_map(|tag| tag.as_string()).collect();
    let first = navigator.language();
    Lang::negotiate(tags.iter().map(String::as_str).chain(first.as_deref()))
}

fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang.code());
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// Builds `children` again whenever the language changes, so the screens
/// inside read their texts once, as they are built.
#[component]
pub fn Translated(children: ChildrenFn) -> impl IntoView {
    let language = use_language();
    move || {
        if let Some(language) = language {
            language.get();
        }
        children()
    }
}
