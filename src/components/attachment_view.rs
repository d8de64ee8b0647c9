//! Attachments in a conversation: images inline, video and audio with the
//! browser's controls, and a download link only where sharing is allowed.

use leptos::prelude::*;
use samtal_core::api::{Attachment, AttachmentKind};

use crate::i18n::{Lang, Texts};

/// `12 345` bytes as `12 KB`, for file sizes, in the language in use now.
pub fn file_size(bytes: u64) -> String {
    file_size_in(bytes, crate::i18n::lang())
}

/// [`file_size`] in `lang`.
pub fn file_size_in(bytes: u64, lang: Lang) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * KB;
    let actions = Texts::of(lang).actions;
    if bytes >= MB {
        // Integer tenths: float formatting would cost the bundle more than it's worth.
        let tenths = (bytes.saturating_mul(10) + MB / 2) / MB;
        (actions.size_mb)(tenths / 10, tenths % 10)
    } else if bytes >= KB {
        (actions.size_kb)(bytes.div_ceil(KB))
    } else {
        (actions.size_bytes)(bytes)
    }
}

/// What a kind of attachment is called, in the language in use now.
pub fn kind_name(kind: AttachmentKind) -> &'static str {
    kind_name_in(kind, crate::i18n::lang())
}

/// [`kind_name`] in `lang`.
pub fn kind_name_in(kind: AttachmentKind, lang: Lang) -> &'static str {
    let actions = Texts::of(lang).actions;
    match kind {
        AttachmentKind::Image => actions.photo,
        AttachmentKind::Video => actions.video,
        AttachmentKind::Audio => actions.audio,
    }
}

/// One attachment. The server hands out a file's bytes only where the
/// conversation allows sharing (rule 8), so without `share` the file is named
/// and described, not shown.
#[component]
pub fn AttachmentView(
    /// The attachment.
    attachment: Attachment,
    /// Whether the viewer may download it (`capabilities.share`).
    #[prop(into)]
    share: Signal<bool>,
) -> impl IntoView {
    let t = crate::i18n::texts();
    let Attachment { kind, name, size, url, .. } = attachment;
    let about = format!("{} · {}", kind_name_in(kind, t.lang), file_size_in(size, t.lang));
    move || {
        if !share.get() {
            return view! {
                <div class="attachment attachment-locked">
                    <span class="attachment-name">{name.clone()}</span>
                    <span class="attachment-about">{about.clone()}</span>
                    <span class="attachment-about">{t.actions.files_locked}</span>
                </div>
            }
            .into_any();
        }
        let media = match kind {
            AttachmentKind::Image => {
                view! { <img class="attachment-media" src=url.clone() alt=name.clone() loading="lazy" /> }.into_any()
            }
            AttachmentKind::Video => view! {
                <video class="attachment-media" src=url.clone() controls preload="metadata" aria-label=name.clone()></video>
            }
            .into_any(),
            AttachmentKind::Audio => {
                view! { <audio src=url.clone() controls preload="metadata" aria-label=name.clone()></audio> }.into_any()
            }
        };
        view! {
            <div class="attachment">
                {media}
                <div class="attachment-line">
                    <span class="attachment-about">{about.clone()}</span>
                    <a class="attachment-download" href=url.clone() download=name.clone()>
                        {t.actions.download}
                        <span class="sr-only">" " {name.clone()}</span>
                    </a>
                </div>
            </div>
        }
        .into_any()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_people_say_them() {
        assert_eq!(file_size(900), "900 bytes");
        assert_eq!(file_size(1025), "2 KB");
        assert_eq!(file_size(3 * 1024 * 1024 + 512 * 1024), "3.5 MB");
        assert_eq!(kind_name(AttachmentKind::Image), "Photo");
    }

    #[test]
    fn swedish_sizes_use_a_decimal_comma() {
        assert_eq!(file_size_in(900, Lang::Sv), "900 byte");
        assert_eq!(file_size_in(1025, Lang::Sv), "2 kB");
        assert_eq!(file_size_in(3 * 1024 * 1024 + 512 * 1024, Lang::Sv), "3,5 MB");
        assert_eq!(kind_name_in(AttachmentKind::Audio, Lang::Sv), "Ljud");
    }
}
