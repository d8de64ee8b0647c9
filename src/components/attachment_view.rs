//! Attachments in a conversation: images inline, video and audio with the
//! browser's controls, and a download link only where sharing is allowed.

use leptos::prelude::*;
use samtal_core::api::{Attachment, AttachmentKind};

/// `12 345` bytes as `12 KB`, for file sizes.
pub fn file_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * KB;
    if bytes >= MB {
        // Integer tenths: float formatting would cost the bundle more than it's worth.
        let tenths = (bytes.saturating_mul(10) + MB / 2) / MB;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else if bytes >= KB {
        format!("{} KB", bytes.div_ceil(KB))
    } else {
        format!("{bytes} bytes")
    }
}

/// What a kind of attachment is called.
pub fn kind_name(kind: AttachmentKind) -> &'static str {
    match kind {
        AttachmentKind::Image => "Photo",
        AttachmentKind::Video => "Video",
        AttachmentKind::Audio => "Audio",
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
    let Attachment { kind, name, size, url, .. } = attachment;
    let about = format!("{} · {}", kind_name(kind), file_size(size));
    move || {
        if !share.get() {
            return view! {
                <div class="attachment attachment-locked">
                    <span class="attachment-name">{name.clone()}</span>
                    <span class="attachment-about">{about.clone()}</span>
                    <span class="attachment-about">"Opening files is turned off in this conversation."</span>
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
                        "Download"
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
    }
}
