-- Rule 13: each organization's key to the encrypted browser caches of its
-- conversations. Created on first need; handed out only to people who take
-- part in the organization now (the rule is `rules::receives_cache_key`).

CREATE TABLE org_cache_keys (
    org_id      INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    -- 32 random bytes as 64 lowercase hex digits.
    cache_key   TEXT NOT NULL CHECK (length(cache_key) = 64),
    created_at  INTEGER NOT NULL
);
