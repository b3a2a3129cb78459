-- PostgreSQL store, schema version 2: long-term memory entries and their full-text index.
--
-- A Flyway migration; see V1__create_tables.sql for how these files run. Placeholders:
-- ${memories}, qualified with the configured schema, and its index names.
--
-- An entry is one event's text, known by (app, user, session, event key) and never rewritten; it
-- does not depend on a session row (memory outlives sessions), so it has no foreign key. The index
-- holds the words the caller folded (MEMORY Q2), never the store's own parse of the text: the
-- tsvector is the array of the words as they are (array_to_tsvector; no text search parser, whose
-- idea of a letter depends on the database's locale, no stemming, no stop words), so every
-- dialect matches the same words. It is a generated column with a GIN index, ranked with ts_rank.
--
-- docs/schema-postgres.md shows this file verbatim, and SchemaDocsTest fails when the two differ.

CREATE TABLE IF NOT EXISTS ${memories} (
  app_name    TEXT COLLATE "C" NOT NULL,
  user_id     TEXT COLLATE "C" NOT NULL,
  session_id  TEXT COLLATE "C" NOT NULL,
  event_key   TEXT COLLATE "C" NOT NULL,  -- the event's id, or a key the caller derived
  author      TEXT,
  timestamp   TIMESTAMPTZ NOT NULL,       -- the event's time
  content     JSON NOT NULL,              -- the event's role and text parts, as written
  words       TEXT NOT NULL,              -- the folded words, separated by single spaces
  words_index TSVECTOR GENERATED ALWAYS AS (array_to_tsvector(string_to_array(words, ' '))) STORED,
  embedder_id TEXT COLLATE "C",
  vector      BYTEA,                      -- float32 components, little-endian
  PRIMARY KEY (app_name, user_id, session_id, event_key)
);
CREATE INDEX IF NOT EXISTS ${memoriesWordsIndex} ON ${memories} USING GIN (words_index);
-- A user's vectors of one embedder, for the nearest-neighbour search.
CREATE INDEX IF NOT EXISTS ${memoriesEmbedderIndex} ON ${memories} (app_name, user_id, embedder_id);
-- Retention of old entries.
CREATE INDEX IF NOT EXISTS ${memoriesTimeIndex} ON ${memories} (timestamp);

UPDATE ${metadata} SET value = '2' WHERE name = 'schema_version';
