-- The identity of this database: made once, when it is created. Clients keep
-- it with what they cache, so a cache (and its event cursor) from another
-- database, such as one reset since, is recognised and started afresh.

CREATE TABLE installation (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    installation_id TEXT NOT NULL
);

INSERT INTO installation (id, installation_id) VALUES (1, lower(hex(randomblob(16))));
