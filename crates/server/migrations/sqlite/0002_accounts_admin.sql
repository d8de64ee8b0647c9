-- Directory search (GET /api/search, the admin directory filter) matches a
-- query anywhere in the display name, alias or e-mail, ignoring case. SQLite's
-- LIKE and lower() only fold ASCII, so "åsa" would miss "Åsa". The server
-- writes this Unicode-lowercased copy of the three fields (one per line)
-- whenever it writes an entry, and searches it with instr().
ALTER TABLE directory_entries ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
