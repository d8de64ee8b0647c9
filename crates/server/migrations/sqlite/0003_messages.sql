-- Forwarding a message that carries a file makes a new attachments row,
-- because a message's attachment_id is UNIQUE (one message per row) and the
-- forward belongs to another conversation. Both rows share the one file on
-- disk, so storage_key (UNIQUE) can't name it any more: storage_key stays
-- each row's own unique key, and file_key names the file under
-- <data>/attachments/. Readers use COALESCE(file_key, storage_key).
ALTER TABLE attachments ADD COLUMN file_key TEXT;
CREATE INDEX attachments_file ON attachments(file_key);
