//! Turning wire data into short text for lists: times, previews, initials.
//! Pure functions, so they are tested natively.
//!
//! Each function that produces words has an `…_in` form taking the language;
//! the plain form uses the language in use now (English outside the app).

use samtal_core::api::{AttachmentKind, ConversationKind, ConversationSummary, Message, MessageKind};
use samtal_core::{Millis, PersonId};

use crate::i18n::{Lang, Texts};
use crate::order;

const MINUTE_MS: i64 = 60_000;
const DAY_MS: i64 = 24 * 60 * MINUTE_MS;

/// A local calendar date and time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Local {
    year: i64,
    month: u32,
    day: u32,
    weekday: usize,
    hour: i64,
    minute: i64,
    days: i64,
}

/// `at` in the local time zone that is `offset_minutes` ahead of UTC.
fn local(at: Millis, offset_minutes: i64) -> Local {
    let ms = at + offset_minutes * MINUTE_MS;
    let days = ms.div_euclid(DAY_MS);
    let in_day = ms.rem_euclid(DAY_MS);
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    // 1970-01-01 was a Thursday (index 3 from Monday).
    let weekday = (days + 3).rem_euclid(7) as usize;
    Local { year, month, day, weekday, hour: in_day / (60 * MINUTE_MS), minute: (in_day / MINUTE_MS) % 60, days }
}

/// When something happened, as a chat list shows it: the time today, the
/// weekday within a week, else the date (with the year when it is not this year).
pub fn list_time(at: Millis, now: Millis, offset_minutes: i64) -> String {
    list_time_in(at, now, offset_minutes, crate::i18n::lang())
}

/// [`list_time`] in `lang`. Both languages write the time of day on the 24-hour clock.
pub fn list_time_in(at: Millis, now: Millis, offset_minutes: i64, lang: Lang) -> String {
    let dates = Texts::of(lang).dates;
    let then = local(at, offset_minutes);
    let today = local(now, offset_minutes);
    let age_days = today.days - then.days;
    if age_days == 0 {
        format!("{:02}:{:02}", then.hour, then.minute)
    } else if (1..7).contains(&age_days) {
        dates.weekdays[then.weekday].to_owned()
    } else {
        let month = dates.months[(then.month as usize).saturating_sub(1).min(11)];
        if then.year == today.year {
            (dates.day_month)(then.day, month)
        } else {
            (dates.day_month_year)(then.day, month, then.year)
        }
    }
}

/// A machine-readable UTC timestamp for `<time datetime=…>`.
pub fn iso_datetime(at: Millis) -> String {
    let t = local(at, 0);
    format!("{:04}-{:02}-{:02}T{:02}:{:02}Z", t.year, t.month, t.day, t.hour, t.minute)
}

/// The one line under a conversation's title in the chat list. In groups it
/// names the sender ("You" for the viewer's own messages).
pub fn preview(summary: &ConversationSummary, viewer: Option<PersonId>) -> String {
    preview_in(summary, viewer, crate::i18n::lang())
}

/// [`preview`] in `lang`.
pub fn preview_in(summary: &ConversationSummary, viewer: Option<PersonId>, lang: Lang) -> String {
    let t = Texts::of(lang);
    if let Some(code) = summary.closed {
        return code.human_in(lang).to_owned();
    }
    let Some(message) = &summary.last_message else {
        return t.actions.no_messages_yet.to_owned();
    };
    let body = message_text_in(message, lang);
    match (&message.sender, summary.kind, message.kind) {
        (Some(sender), ConversationKind::Group, MessageKind::Text | MessageKind::Attachment) => {
            let who = if Some(sender.id) == viewer { t.common.you } else { sender.display_name.as_str() };
            format!("{who}: {body}")
        }
        _ => body,
    }
}

/// What a message says, in one line.
pub fn message_text(message: &Message) -> String {
    message_text_in(message, crate::i18n::lang())
}

/// [`message_text`] in `lang`.
pub fn message_text_in(message: &Message, lang: Lang) -> String {
    let texts = Texts::of(lang);
    let actions = texts.actions;
    if let Some(deletion) = message.deleted {
        return match deletion.by {
            samtal_core::api::DeletedBy::Sender => texts.verbs.deleted_by_sender,
            samtal_core::api::DeletedBy::Admin => texts.verbs.deleted_by_admin,
        }
        .to_owned();
    }
    match message.kind {
        MessageKind::System => message.system.as_ref().map(|note| note.text_in(lang)).unwrap_or_default(),
        MessageKind::Attachment => {
            let what = match message.attachment.as_ref().map(|a| a.kind) {
                Some(AttachmentKind::Image) => actions.photo,
                Some(AttachmentKind::Video) => actions.video,
                Some(AttachmentKind::Audio) => actions.audio,
                None => actions.attachment,
            };
            match message.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                Some(caption) => format!("{what}: {}", one_line(caption)),
                None => what.to_owned(),
            }
        }
        MessageKind::Text => one_line(message.text.as_deref().unwrap_or_default()),
    }
}

/// Collapses whitespace (line breaks included) so text fits one line.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Up to two initials of a name, for avatars.
pub fn initials(name: &str) -> String {
    let mut words = name.split_whitespace().filter_map(|w| w.chars().find(|c| c.is_alphanumeric()));
    let first = words.next();
    let last = words.next_back();
    [first, last].into_iter().flatten().flat_map(char::to_uppercase).collect()
}

/// A browser's `User-Agent` as people name it: "Firefox on Linux",
/// "Chrome on Android", "Safari on iPhone".
pub fn device_label(user_agent: &str) -> String {
    device_label_in(user_agent, crate::i18n::lang())
}

/// [`device_label`] in `lang`. Browser and system names are the same in every language.
pub fn device_label_in(user_agent: &str, lang: Lang) -> String {
    let dates = Texts::of(lang).dates;
    let ua = user_agent;
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chromium/", "Chromium"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .into_iter()
    .find(|(mark, _)| ua.contains(mark))
    .map(|(_, name)| name);
    let system = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("CrOS", "ChromeOS"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(mark, _)| ua.contains(mark))
    .map(|(_, name)| name);
    match (browser, system) {
        (Some(browser), Some(system)) => (dates.browser_on_system)(browser, system),
        (Some(one), None) | (None, Some(one)) => one.to_owned(),
        (None, None) if ua.trim().is_empty() => dates.unknown_device.to_owned(),
        (None, None) => one_line(ua).chars().take(40).collect(),
    }
}

/// Newest first, by last activity; ties keep a stable order by id.
pub fn newest_first(conversations: &mut [ConversationSummary]) {
    order::sort_by_key(conversations, |c| order::numbers(-c.last_activity_at, -c.id.0));
}

#[cfg(test)]
mod tests {
    use samtal_core::api::{Attachment, MessageOwner, OrgRef, Person, Scope, SystemNote};
    use samtal_core::{AttachmentId, Capabilities, ConversationId, ErrorCode, MessageId, OrgId};

    use super::*;

    #[test]
    fn devices_are_named_by_browser_and_system() {
        let chrome_linux =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
        assert_eq!(device_label(chrome_linux), "Chrome on Linux");
        let firefox_windows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
        assert_eq!(device_label(firefox_windows), "Firefox on Windows");
        let safari_iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
        assert_eq!(device_label(safari_iphone), "Safari on iPhone");
        let edge = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0";
        assert_eq!(device_label(edge), "Edge on macOS");
        let android =
            "Mozilla/5.0 (Linux; Android 15) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36";
        assert_eq!(device_label(android), "Chrome on Android");
        assert_eq!(device_label(""), "Unknown device");
        assert_eq!(device_label("curl/8.5.0"), "curl/8.5.0");
    }

    // 2025-03-14 (a Friday) 13:05 UTC.
    const FRI_1305: Millis = 1_741_957_500_000;

    #[test]
    fn times_today_show_the_clock_in_local_time() {
        assert_eq!(list_time(FRI_1305, FRI_1305 + 60_000, 0), "13:05");
        assert_eq!(list_time(FRI_1305, FRI_1305, 60), "14:05");
        assert_eq!(list_time(FRI_1305, FRI_1305, -330), "07:35");
    }

    #[test]
    fn older_times_show_the_weekday_then_the_date() {
        assert_eq!(list_time(FRI_1305, FRI_1305 + DAY_MS, 0), "Fri");
        assert_eq!(list_time(FRI_1305, FRI_1305 + 6 * DAY_MS, 0), "Fri");
        assert_eq!(list_time(FRI_1305, FRI_1305 + 7 * DAY_MS, 0), "14 Mar");
        assert_eq!(list_time(FRI_1305, FRI_1305 + 300 * DAY_MS, 0), "14 Mar 2025");
    }

    #[test]
    fn swedish_times_use_swedish_weekdays_and_months() {
        assert_eq!(list_time_in(FRI_1305, FRI_1305 + 60_000, 60, Lang::Sv), "14:05");
        assert_eq!(list_time_in(FRI_1305, FRI_1305 + DAY_MS, 0, Lang::Sv), "fre");
        assert_eq!(list_time_in(FRI_1305, FRI_1305 + 3 * DAY_MS, 0, Lang::Sv), "fre");
        assert_eq!(list_time_in(FRI_1305, FRI_1305 + 7 * DAY_MS, 0, Lang::Sv), "14 mars");
        assert_eq!(list_time_in(FRI_1305, FRI_1305 + 300 * DAY_MS, 0, Lang::Sv), "14 mars 2025");
        // 2025-02-03, a Monday.
        let feb_3 = FRI_1305 - 39 * DAY_MS;
        assert_eq!(list_time_in(feb_3, feb_3 + DAY_MS, 0, Lang::Sv), "mån");
        assert_eq!(list_time_in(feb_3, FRI_1305, 0, Lang::Sv), "3 feb");
        assert_eq!(list_time_in(feb_3, FRI_1305 + 365 * DAY_MS, 0, Lang::Sv), "3 feb 2025");
    }

    #[test]
    fn the_day_boundary_follows_the_time_zone() {
        // 23:30 UTC on Friday is already Saturday in UTC+1.
        let late = FRI_1305 + (10 * 60 + 25) * MINUTE_MS;
        assert_eq!(list_time(late, late, 60), "00:30");
        assert_eq!(list_time(late, late + DAY_MS, 60), "Sat");
    }

    #[test]
    fn iso_datetimes_are_utc() {
        assert_eq!(iso_datetime(FRI_1305), "2025-03-14T13:05Z");
        assert_eq!(iso_datetime(0), "1970-01-01T00:00Z");
    }

    #[test]
    fn initials_take_the_first_and_last_word() {
        assert_eq!(initials("Sara Lindqvist"), "SL");
        assert_eq!(initials("kim"), "K");
        assert_eq!(initials("Anna Maria von Berg"), "AB");
        assert_eq!(initials("  "), "");
        assert_eq!(initials("(Ops) team"), "OT");
    }

    fn message(kind: MessageKind, text: Option<&str>) -> Message {
        Message {
            id: MessageId(1),
            conversation_id: ConversationId(1),
            seq: 1,
            sender: Some(Person { id: PersonId(2), handle: "erik".into(), display_name: "Erik".into() }),
            kind,
            text: text.map(str::to_owned),
            attachment: None,
            system: None,
            client_id: None,
            forward_of: None,
            comment: None,
            owner: MessageOwner::Participants,
            sent_at: FRI_1305,
            reply_to: None,
            edited_at: None,
            deleted: None,
            reactions: Vec::new(),
        }
    }

    fn summary(kind: ConversationKind, last: Option<Message>) -> ConversationSummary {
        ConversationSummary {
            id: ConversationId(1),
            kind,
            scope: Scope::Org,
            owner_org: Some(OrgRef { id: OrgId(1), name: "Acme".into() }),
            title: "Launch".into(),
            unread: 0,
            last_message: last,
            last_activity_at: FRI_1305,
            converted_at: None,
            closed: None,
            capabilities: Capabilities::default(),
        }
    }

    #[test]
    fn previews_name_the_sender_in_groups_only() {
        let text = message(MessageKind::Text, Some("Ship it\non Monday"));
        let group = summary(ConversationKind::Group, Some(text.clone()));
        assert_eq!(preview(&group, Some(PersonId(1))), "Erik: Ship it on Monday");
        assert_eq!(preview(&group, Some(PersonId(2))), "You: Ship it on Monday");
        assert_eq!(preview(&summary(ConversationKind::Chat, Some(text)), Some(PersonId(2))), "Ship it on Monday");
        assert_eq!(preview(&summary(ConversationKind::Chat, None), None), "No messages yet");
        let removed = Message {
            text: None,
            deleted: Some(samtal_core::api::Deletion { by: samtal_core::api::DeletedBy::Admin, at: FRI_1305 }),
            ..message(MessageKind::Text, Some("Gone"))
        };
        let group = summary(ConversationKind::Group, Some(removed));
        assert_eq!(preview(&group, Some(PersonId(1))), "Erik: Removed by an admin");
    }

    #[test]
    fn previews_describe_attachments_and_system_notes() {
        let photo = message(MessageKind::Attachment, Some("the whiteboard"));
        assert_eq!(message_text(&photo), "Attachment: the whiteboard");
        let mut note = message(MessageKind::System, None);
        note.sender = None;
        note.system = Some(SystemNote::OwnedBy { org_name: "Acme".into() });
        assert_eq!(preview(&summary(ConversationKind::Group, Some(note)), None), "This group is owned by Acme");
    }

    #[test]
    fn swedish_previews_name_the_sender_and_the_attachment() {
        let text = message(MessageKind::Text, Some("Ship it\non Monday"));
        let group = summary(ConversationKind::Group, Some(text));
        assert_eq!(preview_in(&group, Some(PersonId(1)), Lang::Sv), "Erik: Ship it on Monday");
        assert_eq!(preview_in(&group, Some(PersonId(2)), Lang::Sv), "Du: Ship it on Monday");
        assert_eq!(preview_in(&summary(ConversationKind::Chat, None), None, Lang::Sv), "Inga meddelanden än");
        let mut photo = message(MessageKind::Attachment, Some("the whiteboard"));
        assert_eq!(message_text_in(&photo, Lang::Sv), "Bilaga: the whiteboard");
        photo.attachment = Some(Attachment {
            id: AttachmentId(1),
            kind: AttachmentKind::Image,
            name: "board.jpg".into(),
            size: 1,
            mime: "image/jpeg".into(),
            url: String::new(),
        });
        photo.text = None;
        assert_eq!(message_text_in(&photo, Lang::Sv), "Bild");
        let mut note = message(MessageKind::System, None);
        note.sender = None;
        note.system = Some(SystemNote::OwnedBy { org_name: "Acme".into() });
        let expected = SystemNote::OwnedBy { org_name: "Acme".into() }.text_in(Lang::Sv);
        assert_eq!(preview_in(&summary(ConversationKind::Group, Some(note)), None, Lang::Sv), expected);
    }

    #[test]
    fn swedish_devices_are_named_by_browser_and_system() {
        let firefox_windows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
        assert_eq!(device_label_in(firefox_windows, Lang::Sv), "Firefox på Windows");
        assert_eq!(device_label_in("", Lang::Sv), "Okänd enhet");
    }

    #[test]
    fn a_closed_conversation_says_why() {
        let mut closed = summary(ConversationKind::Group, Some(message(MessageKind::Text, Some("hi"))));
        closed.closed = Some(ErrorCode::OrgDisabled);
        assert_eq!(preview(&closed, None), ErrorCode::OrgDisabled.human());
    }

    #[test]
    fn newest_first_orders_by_last_activity() {
        let mut list = vec![summary(ConversationKind::Chat, None); 3];
        for (i, (id, at)) in [(1, 10), (2, 30), (3, 20)].into_iter().enumerate() {
            list[i].id = ConversationId(id);
            list[i].last_activity_at = at;
        }
        newest_first(&mut list);
        let ids: Vec<i64> = list.iter().map(|c| c.id.0).collect();
        assert_eq!(ids, [2, 3, 1]);
    }
}
