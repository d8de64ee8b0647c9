-- Samtal's schema on SQLite: INTEGER ids, TEXT, JSON kept as TEXT, times as
-- integer milliseconds since the epoch. PostgreSQL has its own migrations
-- (../postgres) describing the same tables.

CREATE TABLE persons (
    id               INTEGER PRIMARY KEY,
    handle           TEXT NOT NULL UNIQUE,
    display_name     TEXT NOT NULL,
    password_hash    TEXT NOT NULL,
    email_enabled    INTEGER NOT NULL DEFAULT 1,
    -- NULL: the server's default delay.
    email_delay_minutes INTEGER,
    created_at       INTEGER NOT NULL
);

CREATE TABLE sessions (
    -- SHA-256 of the cookie's token: a leaked database can't be replayed as sessions.
    token_hash  TEXT PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX sessions_person ON sessions(person_id);

CREATE TABLE orgs (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    domain          TEXT NOT NULL UNIQUE,
    description     TEXT NOT NULL DEFAULT '',
    enabled         INTEGER NOT NULL DEFAULT 1,
    tenant_policies TEXT NOT NULL,
    created_at      INTEGER NOT NULL
);

-- Admins by appointment (the operator who created the org). Directory
-- entries with is_admin make whoever is signed in to them an admin too.
CREATE TABLE org_admins (
    org_id     INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    PRIMARY KEY (org_id, person_id)
);

CREATE TABLE directory_entries (
    id            INTEGER PRIMARY KEY,
    org_id        INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    email         TEXT NOT NULL,
    alias         TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    designation   TEXT NOT NULL DEFAULT '',
    department    TEXT NOT NULL DEFAULT '',
    is_admin      INTEGER NOT NULL DEFAULT 0,
    password_hash TEXT NOT NULL,
    -- The person signed in to this work account now. One work account at a
    -- time per person, hence UNIQUE.
    person_id     INTEGER UNIQUE REFERENCES persons(id) ON DELETE SET NULL,
    linked_at     INTEGER,
    created_at    INTEGER NOT NULL,
    UNIQUE (org_id, email),
    UNIQUE (org_id, alias)
);
CREATE INDEX directory_entries_email ON directory_entries(email);

CREATE TABLE contacts (
    owner_id   INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    added_at   INTEGER NOT NULL,
    PRIMARY KEY (owner_id, person_id)
);

CREATE TABLE conversations (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('chat', 'group')),
    -- NULL: private, owned by its participants.
    owner_org_id    INTEGER REFERENCES orgs(id),
    title           TEXT,
    created_via     TEXT NOT NULL CHECK (created_via IN ('app', 'portal')),
    created_by      INTEGER REFERENCES persons(id) ON DELETE SET NULL,
    created_at      INTEGER NOT NULL,
    converted_at    INTEGER,
    converted_by    INTEGER REFERENCES persons(id) ON DELETE SET NULL,
    -- JSON GroupPolicies; org groups only.
    group_policies  TEXT,
    last_seq        INTEGER NOT NULL DEFAULT 0,
    last_activity_at INTEGER NOT NULL,
    -- Makes "asking again returns the existing chat" a constraint, not a race:
    -- 'p:{low person}:{high person}' or 'o:{org}:{low entry}:{high entry}'.
    chat_key        TEXT UNIQUE
);
CREATE INDEX conversations_owner ON conversations(owner_org_id);

-- A member is a person, or a directory entry (whoever is signed in to it now,
-- possibly nobody yet). Org conversations hold their own organization's
-- members by directory entry, so leaving the organization ends access at once.
CREATE TABLE conversation_members (
    id                 INTEGER PRIMARY KEY,
    conversation_id    INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    person_id          INTEGER REFERENCES persons(id) ON DELETE CASCADE,
    directory_entry_id INTEGER REFERENCES directory_entries(id) ON DELETE CASCADE,
    role               TEXT NOT NULL CHECK (role IN ('admin', 'member')),
    joined_at          INTEGER NOT NULL,
    -- The conversation's last_seq when they joined (history_for_new_members).
    joined_seq         INTEGER NOT NULL DEFAULT 0,
    read_seq           INTEGER NOT NULL DEFAULT 0,
    CHECK ((person_id IS NULL) <> (directory_entry_id IS NULL)),
    UNIQUE (conversation_id, person_id),
    UNIQUE (conversation_id, directory_entry_id)
);
CREATE INDEX members_person ON conversation_members(person_id);
CREATE INDEX members_entry ON conversation_members(directory_entry_id);

CREATE TABLE attachments (
    id               INTEGER PRIMARY KEY,
    conversation_id  INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    uploader_id      INTEGER NOT NULL REFERENCES persons(id),
    kind             TEXT NOT NULL CHECK (kind IN ('image', 'video', 'audio')),
    mime             TEXT NOT NULL,
    name             TEXT NOT NULL,
    size             INTEGER NOT NULL,
    -- File name under <data>/attachments/.
    storage_key      TEXT NOT NULL UNIQUE,
    created_at       INTEGER NOT NULL
);

CREATE TABLE messages (
    id               INTEGER PRIMARY KEY,
    conversation_id  INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    seq              INTEGER NOT NULL,
    sender_id        INTEGER REFERENCES persons(id),
    kind             TEXT NOT NULL CHECK (kind IN ('text', 'attachment', 'system')),
    text             TEXT,
    attachment_id    INTEGER UNIQUE REFERENCES attachments(id),
    -- JSON SystemNote.
    system           TEXT,
    client_id        TEXT,
    forward_of       INTEGER REFERENCES messages(id),
    -- Stamped at send time (rule 4). NULL: owned by the participants.
    owner_org_id     INTEGER REFERENCES orgs(id),
    sent_at          INTEGER NOT NULL,
    UNIQUE (conversation_id, seq),
    UNIQUE (conversation_id, sender_id, client_id)
);
CREATE INDEX messages_sender ON messages(sender_id);
CREATE INDEX messages_owner ON messages(owner_org_id);

-- Each person's ordered event stream; the id is the cursor.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id  INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    at         INTEGER NOT NULL,
    payload    TEXT NOT NULL
);
CREATE INDEX events_person ON events(person_id, id);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    org_id    INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    actor_id  INTEGER REFERENCES persons(id) ON DELETE SET NULL,
    action    TEXT NOT NULL,
    target    TEXT NOT NULL,
    detail    TEXT NOT NULL DEFAULT '{}',
    at        INTEGER NOT NULL
);
CREATE INDEX audit_org ON audit_log(org_id, id);
