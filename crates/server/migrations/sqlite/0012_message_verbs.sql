-- Replies, edits, deletions for everyone, reactions, and hiding a message
-- on one's own devices.
ALTER TABLE messages ADD COLUMN reply_to INTEGER REFERENCES messages(id);
ALTER TABLE messages ADD COLUMN edited_at INTEGER;
ALTER TABLE messages ADD COLUMN deleted_at INTEGER;
-- 'sender' or 'admin' once deleted_at is set.
ALTER TABLE messages ADD COLUMN deleted_by TEXT CHECK (deleted_by IN ('sender', 'admin'));
CREATE INDEX messages_reply_to ON messages(reply_to) WHERE reply_to IS NOT NULL;

CREATE TABLE message_reactions (
    message_id  INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    emoji       TEXT NOT NULL,
    at          INTEGER NOT NULL,
    PRIMARY KEY (message_id, person_id, emoji)
);

CREATE TABLE hidden_messages (
    person_id   INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    message_id  INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    PRIMARY KEY (person_id, message_id)
);

-- An organization's record of its messages' edits and deletions: the text
-- before an edit, what a deletion took away. For its compliance export and
-- admin portal only; private messages keep none.
CREATE TABLE message_record (
    id             INTEGER PRIMARY KEY,
    message_id     INTEGER NOT NULL REFERENCES messages(id),
    org_id         INTEGER NOT NULL REFERENCES orgs(id),
    action         TEXT NOT NULL CHECK (action IN ('edited', 'deleted')),
    by_person_id   INTEGER REFERENCES persons(id),
    text           TEXT,
    comment        TEXT,
    attachment_id  INTEGER REFERENCES attachments(id),
    at             INTEGER NOT NULL
);
CREATE INDEX message_record_org ON message_record(org_id, id);
CREATE INDEX message_record_attachment ON message_record(attachment_id) WHERE attachment_id IS NOT NULL;

-- The message an event shows, so an edit or deletion can rewrite what the
-- event log still holds of it.
ALTER TABLE events ADD COLUMN message_id INTEGER;
CREATE INDEX events_message ON events(message_id) WHERE message_id IS NOT NULL;
