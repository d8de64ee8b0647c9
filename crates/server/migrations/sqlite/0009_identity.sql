-- An organization's OpenID Connect provider. The client secret is sealed
-- with the server's key (`secrets.rs`), never stored in the clear.
CREATE TABLE org_oidc (
    org_id        INTEGER PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    issuer        TEXT NOT NULL,
    client_id     TEXT NOT NULL,
    client_secret TEXT,
    claim         TEXT NOT NULL CHECK (claim IN ('email', 'sub', 'oid')),
    updated_at    INTEGER NOT NULL
);

-- Sign-ins under way at a provider, by the hash of their `state`: each is
-- used once, by whichever server the browser comes back to.
CREATE TABLE oidc_logins (
    state_hash    TEXT PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    org_id        INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    nonce         TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    expires_at    INTEGER NOT NULL
);
CREATE INDEX oidc_logins_expiry ON oidc_logins(expires_at);

-- Bearer tokens of an organization's SCIM client, by the hash of the secret.
CREATE TABLE scim_tokens (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_by   INTEGER REFERENCES persons(id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at   INTEGER
);
CREATE INDEX scim_tokens_org ON scim_tokens(org_id);

-- The SCIM users a provider provisioned. An active one has its directory
-- entry; deactivating removes the entry (rule 10) and keeps this row, so
-- the provider can still read it and turn it back on.
CREATE TABLE scim_users (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    entry_id    INTEGER UNIQUE REFERENCES directory_entries(id) ON DELETE SET NULL,
    -- userName lowercased: unique in the organization, case-insensitively.
    user_key    TEXT NOT NULL,
    external_id TEXT,
    -- JSON of the attributes as last stored (`scim::user::StoredUser`).
    resource    TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    UNIQUE (org_id, user_key)
);
CREATE INDEX scim_users_external ON scim_users(org_id, external_id);

-- Who made an audited change when it was not a person (`SCIM · token name`).
ALTER TABLE audit_log ADD COLUMN actor_label TEXT;
