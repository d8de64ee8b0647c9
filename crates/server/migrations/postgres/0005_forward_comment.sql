-- A forward may carry the forwarder's own words above the forwarded message.
ALTER TABLE messages ADD COLUMN comment TEXT;
