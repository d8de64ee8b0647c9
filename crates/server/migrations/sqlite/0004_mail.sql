-- Rule 12: missed-message e-mail digests.
--
-- The decision which unread messages go into which digest, and the record
-- that they are mailed, are written in one transaction: the digest row in
-- mail_outbox (status 'pending', the finished message) with its items, and
-- each member row's mailed_seq. A separate step sends pending digests and
-- marks them 'sent', so a restart in between sends the stored digest at the
-- next pass instead of deciding it again.

-- Per member row (a directory entry's membership in an org conversation):
-- the highest seq already put into a digest. Messages up to it are never
-- mailed again.
CREATE TABLE mail_progress (
    member_id   INTEGER PRIMARY KEY REFERENCES conversation_members(id) ON DELETE CASCADE,
    mailed_seq  INTEGER NOT NULL
);

CREATE TABLE mail_outbox (
    id                  INTEGER PRIMARY KEY,
    -- The work address it goes to, and who that was at decision time.
    directory_entry_id  INTEGER REFERENCES directory_entries(id) ON DELETE SET NULL,
    person_id           INTEGER REFERENCES persons(id) ON DELETE SET NULL,
    recipient           TEXT NOT NULL,
    subject             TEXT NOT NULL,
    -- Deterministic (derived from what the digest covers), so a copy sent
    -- twice after a crash is recognizable as the same e-mail.
    message_id          TEXT NOT NULL UNIQUE,
    -- The whole RFC 5322 message, so every attempt sends the same bytes.
    raw                 BLOB NOT NULL,
    -- pending: decided, not yet accepted by the relay; sent: accepted;
    -- failed: refused for good or given up; obsolete: read, left or turned
    -- off before it could be sent.
    status              TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'obsolete')),
    attempts            INTEGER NOT NULL DEFAULT 0,
    next_attempt_at     INTEGER NOT NULL,
    last_error          TEXT,
    created_at          INTEGER NOT NULL,
    sent_at             INTEGER
);
CREATE INDEX mail_outbox_due ON mail_outbox(status, next_attempt_at);
-- "Never more than one e-mail per person per delay": the newest digest of an entry.
CREATE INDEX mail_outbox_entry ON mail_outbox(directory_entry_id, created_at);

-- What each digest covers: per member row, the seq range and how many
-- messages in it were mailed. No foreign key on the member: the history
-- stays when a membership ends (and the send step then drops the digest).
CREATE TABLE mail_outbox_items (
    outbox_id        INTEGER NOT NULL REFERENCES mail_outbox(id) ON DELETE CASCADE,
    member_id        INTEGER NOT NULL,
    conversation_id  INTEGER NOT NULL,
    first_seq        INTEGER NOT NULL,
    last_seq         INTEGER NOT NULL,
    message_count    INTEGER NOT NULL,
    PRIMARY KEY (outbox_id, member_id)
);
CREATE INDEX mail_outbox_items_member ON mail_outbox_items(member_id);
