-- Directory search by index: every word of an entry's name, alias and
-- e-mail (and each of them whole), Unicode-lowercased by the server, one
-- row each. A search is a range scan of the words starting with the needle,
-- in the order results are ranked: by word, so an exact word comes first,
-- then by name.
CREATE TABLE directory_tokens (
    org_id    INTEGER NOT NULL,
    token     TEXT NOT NULL,
    sort_name TEXT NOT NULL,
    entry_id  INTEGER NOT NULL REFERENCES directory_entries(id) ON DELETE CASCADE,
    PRIMARY KEY (org_id, token, sort_name, entry_id)
) WITHOUT ROWID;
CREATE INDEX directory_tokens_entry ON directory_tokens(entry_id);

-- The words replace the one search key that search used to scan.
ALTER TABLE directory_entries DROP COLUMN search_key;
