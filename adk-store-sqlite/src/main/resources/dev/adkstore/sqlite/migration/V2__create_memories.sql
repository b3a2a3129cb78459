-- SQLite store, schema version 2: long-term memory entries and their full-text index.
--
-- A Flyway migration; see V1__create_tables.sql for how these files run. Placeholders:
-- ${memories}, and the names SchemaNames derives from it: ${memoriesText} (the FTS5 index), its
-- triggers and the two indexes.
--
-- An entry is one event's text, known by (app, user, session, event key) and never rewritten; it
-- does not depend on a session row (memory outlives sessions), so it has no foreign key. The index
-- holds the words the caller folded (MEMORY Q2), never the store's own parse of the text, so every
-- dialect matches the same words: the ascii tokenizer splits them at the spaces between them and
-- keeps every non-ASCII character, so a word of any script is one token (unicode61 would drop
-- symbols and split at them). It is an external-content FTS5 table over the words column, kept in
-- step by the two triggers (entries are inserted and deleted, never updated), ranked with bm25.
--
-- docs/schema.md shows this file verbatim, and SchemaDocsTest fails when the two differ.

CREATE TABLE IF NOT EXISTS ${memories} (
  id          INTEGER PRIMARY KEY,  -- the rowid, which the full-text index refers to
  app_name    TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  session_id  TEXT NOT NULL,
  event_key   TEXT NOT NULL,        -- the event's id, or a key the caller derived
  author      TEXT,
  timestamp   REAL NOT NULL,        -- Julian Day: the event's time
  content     TEXT NOT NULL,        -- JSON object: the event's role and text parts
  words       TEXT NOT NULL,        -- the folded words, separated by single spaces
  embedder_id TEXT,
  vector      BLOB,                 -- float32 components, little-endian
  UNIQUE (app_name, user_id, session_id, event_key)
);
-- A user's vectors of one embedder, for the nearest-neighbour search.
CREATE INDEX IF NOT EXISTS ${memoriesEmbedderIndex} ON ${memories} (app_name, user_id, embedder_id);
-- Retention of old entries.
CREATE INDEX IF NOT EXISTS ${memoriesTimestampIndex} ON ${memories} (timestamp);

CREATE VIRTUAL TABLE IF NOT EXISTS ${memoriesText} USING fts5(
  words, content = '${memories}', content_rowid = 'id', tokenize = 'ascii'
);
CREATE TRIGGER IF NOT EXISTS ${memoriesTextInsert} AFTER INSERT ON ${memories} BEGIN
  INSERT INTO ${memoriesText} (rowid, words) VALUES (new.id, new.words);
END;
CREATE TRIGGER IF NOT EXISTS ${memoriesTextDelete} AFTER DELETE ON ${memories} BEGIN
  INSERT INTO ${memoriesText} (${memoriesText}, rowid, words) VALUES ('delete', old.id, old.words);
END;

UPDATE ${metadata} SET value = '2' WHERE name = 'schema_version';
