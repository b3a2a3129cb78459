-- SQLite store, schema version 1: every table and index the store uses.
--
-- The name is Flyway's (V<version>__<description>.sql) so that a later change can hand this
-- folder to Flyway as a migration. For the same reason a new schema version is a new file,
-- V2__..., never an edit of this one: databases created from this text exist, and running an
-- edited V1 would not change them.
--
-- SchemaDao.createAll() runs it after metadata.sql, in the createTables() transaction. Jdbi
-- splits the file at each ';' first and only then fills in each statement's <name> placeholders
-- (Jdbi defines: the configured table names, the index names SchemaNames derives from them, and
-- <ownerColumnDdl>, which is ", " and the configured owner column, or nothing). Configured text
-- thus never meets the splitter. Every statement says IF NOT EXISTS, so createTables() can run
-- again on the same database (STORE-CONTRACT L1).
--
-- docs/schema.md shows this file verbatim, and SchemaDocsTest fails when the two differ.

CREATE TABLE IF NOT EXISTS <sessions> (
  id          TEXT NOT NULL,
  app_name    TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  state       TEXT NOT NULL DEFAULT '{}',  -- JSON object, session scope only
  create_time REAL NOT NULL,               -- Julian Day
  update_time REAL NOT NULL,               -- Julian Day; the last event's timestamp
  version     INTEGER NOT NULL DEFAULT 1<ownerColumnDdl>,  -- +1 per change: compare-and-set appends
  UNIQUE (app_name, user_id, id)
);
-- Lists one user's sessions by update time without a sort.
CREATE INDEX IF NOT EXISTS <sessionsUserUpdateIndex> ON <sessions> (app_name, user_id, update_time, id);
-- Lists an app's sessions by update time; retention within an app.
CREATE INDEX IF NOT EXISTS <sessionsAppUpdateIndex> ON <sessions> (app_name, update_time, id, user_id);
-- Retention across apps, and listing every session by update time.
CREATE INDEX IF NOT EXISTS <sessionsUpdateIndex> ON <sessions> (update_time);
-- Export: every session by create time.
CREATE INDEX IF NOT EXISTS <sessionsCreateIndex> ON <sessions> (create_time);

CREATE TABLE IF NOT EXISTS <events> (
  seq                        INTEGER PRIMARY KEY,  -- the rowid: append order
  id                         TEXT NOT NULL,
  app_name                   TEXT NOT NULL,
  user_id                    TEXT NOT NULL,
  session_id                 TEXT NOT NULL,
  invocation_id              TEXT,
  author                     TEXT,
  actions                    BLOB,                 -- UTF-8 JSON bytes, never pickled
  long_running_tool_ids_json TEXT,
  branch                     TEXT,
  timestamp                  REAL NOT NULL,        -- Julian Day
  content                    TEXT,                 -- JSON
  grounding_metadata         TEXT,                 -- JSON
  custom_metadata            TEXT,                 -- JSON
  partial                    INTEGER,              -- 0, 1 or NULL
  turn_complete              INTEGER,
  interrupted                INTEGER,
  error_code                 TEXT,
  error_message              TEXT,
  extra                      TEXT,                 -- JSON object: every other event field
  UNIQUE (app_name, user_id, session_id, id),
  FOREIGN KEY (app_name, user_id, session_id)
    REFERENCES <sessions> (app_name, user_id, id) ON DELETE CASCADE
);
-- Reads a session's events in append order.
CREATE INDEX IF NOT EXISTS <eventsSessionIndex> ON <events> (app_name, user_id, session_id, seq);
-- Retention of old events.
CREATE INDEX IF NOT EXISTS <eventsTimestampIndex> ON <events> (timestamp);

CREATE TABLE IF NOT EXISTS <appStates> (
  app_name    TEXT PRIMARY KEY NOT NULL,
  state       TEXT NOT NULL DEFAULT '{}',
  update_time REAL NOT NULL
);

CREATE TABLE IF NOT EXISTS <userStates> (
  app_name    TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  state       TEXT NOT NULL DEFAULT '{}',
  update_time REAL NOT NULL,
  PRIMARY KEY (app_name, user_id)
);
-- Retention of idle user state.
CREATE INDEX IF NOT EXISTS <userStatesUpdateIndex> ON <userStates> (update_time);
