-- SQLite store, schema version 1: the metadata table and every table and index of the store.
--
-- A Flyway migration (V<version>__<description>.sql). Released migrations are never edited: a
-- schema change is a new file, V2__..., with the next version. SchemaMigrator runs these files
-- with Flyway inside the store's write transaction, so an upgrade commits whole or not at all,
-- and records each in the history table with its checksum; an edited file fails validation.
--
-- Placeholders: ${sessions} and the other table names, the index names SchemaNames derives from
-- them, and ${ownerColumnDdl}, which is ", " and the configured owner column, or nothing. All are
-- validated configuration. Every statement says IF NOT EXISTS or OR IGNORE, because databases of
-- the release before migrations (schema version 1, with no history) are adopted by recording
-- version 1 without running this file, and a rerun must change nothing.
--
-- The metadata table holds the schema version, and every later migration updates it: releases
-- before migrations read only this table to refuse a database newer than themselves.
--
-- docs/schema.md shows this file verbatim, and SchemaDocsTest fails when the two differ.

CREATE TABLE IF NOT EXISTS ${metadata} (
  name  TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);
INSERT OR IGNORE INTO ${metadata} (name, value) VALUES ('schema_version', '1');

CREATE TABLE IF NOT EXISTS ${sessions} (
  id          TEXT NOT NULL,
  app_name    TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  state       TEXT NOT NULL DEFAULT '{}',  -- JSON object, session scope only
  create_time REAL NOT NULL,               -- Julian Day
  update_time REAL NOT NULL,               -- Julian Day; the last event's timestamp
  version     INTEGER NOT NULL DEFAULT 1${ownerColumnDdl},  -- +1 per change: compare-and-set appends
  UNIQUE (app_name, user_id, id)
);
-- Lists one user's sessions by update time without a sort.
CREATE INDEX IF NOT EXISTS ${sessionsUserUpdateIndex} ON ${sessions} (app_name, user_id, update_time, id);
-- Lists an app's sessions by update time; retention within an app.
CREATE INDEX IF NOT EXISTS ${sessionsAppUpdateIndex} ON ${sessions} (app_name, update_time, id, user_id);
-- Retention across apps, and listing every session by update time.
CREATE INDEX IF NOT EXISTS ${sessionsUpdateIndex} ON ${sessions} (update_time);
-- Export: every session by create time.
CREATE INDEX IF NOT EXISTS ${sessionsCreateIndex} ON ${sessions} (create_time);

CREATE TABLE IF NOT EXISTS ${events} (
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
    REFERENCES ${sessions} (app_name, user_id, id) ON DELETE CASCADE
);
-- Reads a session's events in append order.
CREATE INDEX IF NOT EXISTS ${eventsSessionIndex} ON ${events} (app_name, user_id, session_id, seq);
-- Retention of old events.
CREATE INDEX IF NOT EXISTS ${eventsTimestampIndex} ON ${events} (timestamp);

CREATE TABLE IF NOT EXISTS ${appStates} (
  app_name    TEXT PRIMARY KEY NOT NULL,
  state       TEXT NOT NULL DEFAULT '{}',
  update_time REAL NOT NULL
);

CREATE TABLE IF NOT EXISTS ${userStates} (
  app_name    TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  state       TEXT NOT NULL DEFAULT '{}',
  update_time REAL NOT NULL,
  PRIMARY KEY (app_name, user_id)
);
-- Retention of idle user state.
CREATE INDEX IF NOT EXISTS ${userStatesUpdateIndex} ON ${userStates} (update_time);
