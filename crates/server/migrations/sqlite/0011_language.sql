-- The language a person chose in Me: their digests and new devices use it.
ALTER TABLE persons ADD COLUMN language TEXT;
