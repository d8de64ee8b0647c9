-- Abuse limits: how many tries a key (an account, an address, a person's
-- sends) made in its current window. Shared by every server on the database.
CREATE TABLE rate_windows (
    key         TEXT PRIMARY KEY,
    started_at  BIGINT NOT NULL,
    tries       BIGINT NOT NULL
);
CREATE INDEX rate_windows_started ON rate_windows(started_at);

-- What a person's list of sessions shows.
ALTER TABLE sessions ADD COLUMN device TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0;
UPDATE sessions SET last_seen_at = created_at;
