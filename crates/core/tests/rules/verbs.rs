//! The message verbs: reply, edit, delete for everyone (the sender's, and an
//! admin's in organization conversations), react, and what the capabilities
//! tell the client of each — every one following the conversation's owner.

use samtal_core::ErrorCode::*;
use samtal_core::api::{DeletedBy, MessageKind, MessageOwner};
use samtal_core::rules::{
    ConversationFacts, MessageFacts, capabilities, check_delete, check_edit, check_react, check_reply, keeps_record,
};
use samtal_core::{Millis, PersonId, SetBy};

use crate::support::*;

/// When the messages under test were sent.
const SENT: Millis = 1_000_000_000;
/// A minute, in milliseconds.
const MINUTE: Millis = 60_000;
/// Someone else in the conversation.
const OTHER: PersonId = PersonId(8);

/// A text message of mine, owned as messages of `conversation` are now.
fn mine(conversation: &ConversationFacts) -> MessageFacts {
    MessageFacts {
        sender: Some(ME),
        kind: MessageKind::Text,
        forwarded: false,
        owner: conversation.owner_id().map_or(MessageOwner::Participants, |org_id| MessageOwner::Org { org_id }),
        sent_at: SENT,
        deleted: false,
    }
}

/// The same, sent by someone else.
fn theirs(conversation: &ConversationFacts) -> MessageFacts {
    MessageFacts { sender: Some(OTHER), ..mine(conversation) }
}

/// Adjusting a message, one fact at a time.
trait Shape: Sized {
    fn deleted(self) -> Self;
    fn kind(self, kind: MessageKind) -> Self;
    fn forwarded(self) -> Self;
    /// Sent while the group was private (before its conversion).
    fn private_era(self) -> Self;
}

impl Shape for MessageFacts {
    fn deleted(mut self) -> Self {
        self.deleted = true;
        self
    }
    fn kind(mut self, kind: MessageKind) -> Self {
        self.kind = kind;
        if kind == MessageKind::System {
            self.sender = None;
        }
        self
    }
    fn forwarded(mut self) -> Self {
        self.forwarded = true;
        self
    }
    fn private_era(mut self) -> Self {
        self.owner = MessageOwner::Participants;
        self
    }
}

#[test]
fn a_sender_edits_their_own_text_within_the_window() {
    let windowed = |minutes| org_group().tenant(|t| t.edit_window_minutes = Some(minutes));
    // (what, who, conversation, message, minutes after sending, verdict)
    type Case = (
        &'static str,
        Who,
        ConversationFacts,
        fn(&ConversationFacts) -> MessageFacts,
        Millis,
        Result<(), samtal_core::ErrorCode>,
    );
    let cases: Vec<Case> = vec![
        ("my text in a private chat, a year later", personal_member(), private_chat(), mine, 525_600, Ok(())),
        ("my text in an org group without a window", owner_member(), org_group(), mine, 10_000, Ok(())),
        ("within the tenant's 15 minutes", owner_member(), windowed(15), mine, 15, Ok(())),
        ("past the tenant's 15 minutes", owner_member(), windowed(15), mine, 16, Err(WindowClosed)),
        (
            "the group's 5 minutes are stricter than the tenant's 15",
            owner_member(),
            windowed(15).group(|g| g.edit_window_minutes = Some(5)),
            mine,
            10,
            Err(WindowClosed),
        ),
        ("a window of 0 means never", owner_member(), windowed(0), mine, 0, Err(WindowClosed)),
        ("someone else's message", personal_member(), private_group(), theirs, 1, Err(NotYourMessage)),
        ("an org admin can't edit others' words", acme_admin_member(), org_group(), theirs, 1, Err(NotYourMessage)),
        ("my message, deleted", personal_member(), private_chat(), |c| mine(c).deleted(), 1, Err(MessageDeleted)),
        (
            "my attachment's caption",
            personal_member(),
            private_chat(),
            |c| mine(c).kind(MessageKind::Attachment),
            1,
            Err(InvalidInput),
        ),
        (
            "my forward of someone's words",
            personal_member(),
            private_chat(),
            |c| mine(c).forwarded(),
            1,
            Err(InvalidInput),
        ),
        ("my message in a group I left", outsider(), private_group(), mine, 1, Err(NotAMember)),
        ("someone's message where I am not", outsider(), private_group(), theirs, 1, Err(NotFound)),
        ("my message, the organization disabled", owner_member(), org_group().disabled(), mine, 1, Err(OrgDisabled)),
        (
            "my message in a sign-in group while signed out",
            personal_member(),
            org_group().group(|g| g.require_work_signin = true),
            mine,
            1,
            Err(WorkSigninRequired),
        ),
    ];
    for (what, who, conversation, message, minutes, expected) in cases {
        let message = message(&conversation);
        let got = check_edit(&who.viewer, &conversation, who.m(), &message, SENT + minutes * MINUTE);
        assert_eq!(got, expected, "{what}");
    }
}

#[test]
fn deleting_for_everyone_is_the_senders_and_in_org_conversations_the_admins() {
    let windowed = |minutes| org_group().tenant(|t| t.delete_window_minutes = Some(minutes));
    let no_admin_delete = || org_group().tenant(|t| t.admin_delete = false);
    type Case = (
        &'static str,
        Who,
        ConversationFacts,
        fn(&ConversationFacts) -> MessageFacts,
        Millis,
        Result<DeletedBy, samtal_core::ErrorCode>,
    );
    let cases: Vec<Case> = vec![
        ("my message in a private chat", personal_member(), private_chat(), mine, 100_000, Ok(DeletedBy::Sender)),
        ("mine within the window", owner_member(), windowed(60), mine, 60, Ok(DeletedBy::Sender)),
        ("mine past the window", owner_member(), windowed(60), mine, 61, Err(WindowClosed)),
        (
            "mine with a window of 0",
            personal_member(),
            org_chat().tenant(|t| t.delete_window_minutes = Some(0)),
            mine,
            0,
            Err(WindowClosed),
        ),
        (
            "mine past the window, but I administer the group: as an admin",
            owner_group_admin(),
            windowed(60),
            mine,
            61,
            Ok(DeletedBy::Admin),
        ),
        ("another's, as the org group's admin", owner_group_admin(), org_group(), theirs, 1, Ok(DeletedBy::Admin)),
        (
            "another's, as a partner who is the group's admin",
            signed_in_to(GLOBEX).group_admin(),
            org_group(),
            theirs,
            1,
            Ok(DeletedBy::Admin),
        ),
        (
            "another's, as the owner's admin and a member",
            acme_admin_member(),
            org_group(),
            theirs,
            1,
            Ok(DeletedBy::Admin),
        ),
        (
            "another's, as the owner's admin outside it",
            acme_admin_outside(),
            org_group(),
            theirs,
            1,
            Ok(DeletedBy::Admin),
        ),
        (
            "another's in an org chat, as the owner's admin",
            acme_admin_member(),
            org_chat(),
            theirs,
            1,
            Ok(DeletedBy::Admin),
        ),
        ("another's, as a plain member", owner_member(), org_group(), theirs, 1, Err(NotYourMessage)),
        (
            "another's, the tenant turned admin delete off",
            owner_group_admin(),
            no_admin_delete(),
            theirs,
            1,
            Err(NotYourMessage),
        ),
        (
            "another's, the owner's admin outside, admin delete off",
            acme_admin_outside(),
            no_admin_delete(),
            theirs,
            1,
            Err(NotYourMessage),
        ),
        (
            "another's in a private group, as its admin",
            personal_group_admin(),
            private_group(),
            theirs,
            1,
            Err(NotYourMessage),
        ),
        (
            "another's from before the conversion, as the group's admin",
            owner_group_admin(),
            org_group(),
            |c| theirs(c).private_era(),
            1,
            Err(NotYourMessage),
        ),
        (
            "another's from before the conversion, as the owner's admin",
            acme_admin_outside(),
            org_group(),
            |c| theirs(c).private_era(),
            1,
            Err(NotYourMessage),
        ),
        ("another organization's admin", globex_admin_member(), org_group(), theirs, 1, Err(NotYourMessage)),
        ("another organization's admin outside", globex_admin_outside(), org_group(), theirs, 1, Err(NotFound)),
        (
            "a note written by Samtal, as the owner's admin",
            acme_admin_member(),
            org_group(),
            |c| theirs(c).kind(MessageKind::System),
            1,
            Err(NotYourMessage),
        ),
        ("a deleted one", owner_group_admin(), org_group(), |c| theirs(c).deleted(), 1, Err(MessageDeleted)),
        ("mine, in a group I left", outsider(), private_group(), mine, 1, Err(NotAMember)),
        (
            "the owner's admin outside, the organization disabled",
            acme_admin_outside(),
            org_group().disabled(),
            theirs,
            1,
            Err(OrgDisabled),
        ),
    ];
    for (what, who, conversation, message, minutes, expected) in cases {
        let message = message(&conversation);
        let got = check_delete(&who.viewer, &conversation, who.m(), &message, SENT + minutes * MINUTE);
        assert_eq!(got, expected, "{what}");
    }
}

#[test]
fn reactions_and_replies() {
    type Case = (&'static str, Who, ConversationFacts, MessageFacts, Result<(), samtal_core::ErrorCode>);
    let cases: Vec<Case> = vec![
        ("a member reacts in a private group", personal_member(), private_group(), theirs(&private_group()), Ok(())),
        ("to their own message too", owner_member(), org_group(), mine(&org_group()), Ok(())),
        (
            "the tenant turned reactions off",
            owner_member(),
            org_group().tenant(|t| t.allow_reactions = false),
            theirs(&org_group()),
            Err(PolicyForbids),
        ),
        (
            "the group's admins turned them off",
            partner_member(),
            org_group().group(|g| g.allow_reactions = false),
            theirs(&org_group()),
            Err(PolicyForbids),
        ),
        (
            "a deleted message",
            personal_member(),
            private_chat(),
            theirs(&private_chat()).deleted(),
            Err(MessageDeleted),
        ),
        (
            "a note written by Samtal",
            personal_member(),
            private_group(),
            theirs(&private_group()).kind(MessageKind::System),
            Err(InvalidInput),
        ),
        ("an outsider", outsider(), private_group(), theirs(&private_group()), Err(NotFound)),
    ];
    for (what, who, conversation, message, expected) in cases {
        assert_eq!(check_react(&who.viewer, &conversation, who.m(), &message), expected, "react: {what}");
    }

    let chat = private_chat();
    let member = personal_member();
    assert_eq!(check_reply(&member.viewer, &chat, member.m(), &theirs(&chat)), Ok(()));
    assert_eq!(check_reply(&member.viewer, &chat, member.m(), &theirs(&chat).deleted()), Err(MessageDeleted));
    let note = theirs(&chat).kind(MessageKind::System);
    assert_eq!(check_reply(&member.viewer, &chat, member.m(), &note), Err(InvalidInput));
    assert_eq!(check_reply(&outsider().viewer, &chat, None, &theirs(&chat)), Err(NotFound));
    // Replying needs no policy: even where reactions and forwarding are off.
    let strict = org_group().tenant(|t| {
        t.allow_reactions = false;
        t.allow_forward = false;
    });
    let owner = owner_member();
    assert_eq!(check_reply(&owner.viewer, &strict, owner.m(), &theirs(&strict)), Ok(()));
}

#[test]
fn the_verbs_capabilities_follow_the_policies_and_the_role() {
    let member = personal_member();
    let c = capabilities(&member.viewer, &private_group(), member.m());
    assert!(c.reply && c.edit && c.delete && c.react, "a private member has every verb: {c:?}");
    assert!(!c.delete_others, "nobody deletes others' words in a private conversation");
    assert_eq!((c.edit_window_minutes, c.delete_window_minutes), (None, None));

    let admin = personal_group_admin();
    assert!(!capabilities(&admin.viewer, &private_group(), admin.m()).delete_others, "not even its admin");

    let windows = org_group().tenant(|t| {
        t.edit_window_minutes = Some(15);
        t.delete_window_minutes = Some(60);
    });
    let windows = windows.group(|g| g.delete_window_minutes = Some(0));
    let owner = owner_member();
    let c = capabilities(&owner.viewer, &windows, owner.m());
    assert!(c.edit && !c.delete, "a delete window of 0 takes deleting away: {c:?}");
    assert_eq!((c.edit_window_minutes, c.delete_window_minutes), (Some(15), Some(0)));
    assert_eq!(c.restricted_by.edit, Some(SetBy::Tenant));
    assert_eq!(c.restricted_by.delete, Some(SetBy::TenantAndGroupAdmins));
    assert!(!c.delete_others);

    for (what, who, expected) in [
        ("the group's admin", owner_group_admin(), true),
        ("the owner's admin as a member", acme_admin_member(), true),
        ("a partner's admin as a member", globex_admin_member(), false),
        ("a plain member", owner_member(), false),
    ] {
        assert_eq!(capabilities(&who.viewer, &org_group(), who.m()).delete_others, expected, "{what}");
        let off = org_group().tenant(|t| t.admin_delete = false);
        assert!(!capabilities(&who.viewer, &off, who.m()).delete_others, "admin delete off: {what}");
    }

    let quiet = org_group().group(|g| g.allow_reactions = false);
    let c = capabilities(&owner.viewer, &quiet, owner.m());
    assert!(!c.react && c.reply);
    assert_eq!(c.restricted_by.react, Some(SetBy::GroupAdmins));

    let closed = org_group().disabled();
    let c = capabilities(&owner.viewer, &closed, owner.m());
    assert!(!(c.reply || c.edit || c.delete || c.delete_others || c.react), "a closed conversation: none");
}

#[test]
fn only_an_organizations_own_messages_keep_a_record() {
    assert_eq!(keeps_record(MessageOwner::Org { org_id: ACME }), Some(ACME));
    assert_eq!(keeps_record(MessageOwner::Participants), None, "private, and private-era, keep nothing");
}
