-- PostgreSQL store, schema version 1: the metadata table and every table and index of the store.
--
-- A Flyway migration (V<version>__<description>.sql). Released migrations are never edited: a
-- schema change is a new file, V2__..., with the next version. SchemaMigrator runs these files
-- with Flyway inside the store's write transaction, after the advisory lock that serializes
-- schema changes, the configured schema's creation and SET LOCAL search_path (so unqualified
-- names in the owner column's DDL resolve there); an upgrade commits whole or not at all. Flyway
-- records each file in the history table with its checksum; an edited file fails validation.
--
-- Placeholders: ${sessions} and the other table names, qualified with the configured schema,
-- the index names derived from them, and ${ownerColumnDdl}, which is ", " and the configured
-- owner column, or nothing. All are validated configuration. Every statement says IF NOT EXISTS
-- or ON CONFLICT DO NOTHING, because databases of the release before migrations (schema version
-- 1, with no history) are adopted by recording version 1 without running this file, and a rerun
-- must change nothing. Key columns are COLLATE "C": byte order, as SQLite and Java compare,
-- whatever the locale.
--
-- The metadata table holds the schema version, and every later migration updates it: releases
-- before migrations read only this table to refuse a database newer than themselves.
--
-- docs/schema-postgres.md shows this file verbatim, and SchemaDocsTest fails when the two differ.

CREATE TABLE IF NOT EXISTS ${metadata} (
  name  TEXT COLLATE "C" PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO ${metadata} (name, value) VALUES ('schema_version', '1') ON CONFLICT (name) DO NOTHING;

CREATE TABLE IF NOT EXISTS ${sessions} (
  app_name    TEXT COLLATE "C" NOT NULL,
  user_id     TEXT COLLATE "C" NOT NULL,
  id          TEXT COLLATE "C" NOT NULL,
  state       JSONB NOT NULL DEFAULT '{}',  -- JSON object, session scope only
  create_time TIMESTAMPTZ NOT NULL,
  update_time TIMESTAMPTZ NOT NULL,         -- the last event's timestamp
  version     BIGINT NOT NULL DEFAULT 1,    -- +1 per change: compare-and-set appends
  PRIMARY KEY (app_name, user_id, id)${ownerColumnDdl}
);
-- Lists an app's sessions by update time; retention within an app.
CREATE INDEX IF NOT EXISTS ${sessionsAppUpdateIndex} ON ${sessions} (app_name, update_time);
-- Lists one user's sessions by update time.
CREATE INDEX IF NOT EXISTS ${sessionsUserUpdateIndex} ON ${sessions} (app_name, user_id, update_time);
-- Retention across apps.
CREATE INDEX IF NOT EXISTS ${sessionsUpdateIndex} ON ${sessions} (update_time);

CREATE TABLE IF NOT EXISTS ${events} (
  seq                        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- append order
  app_name                   TEXT COLLATE "C" NOT NULL,
  user_id                    TEXT COLLATE "C" NOT NULL,
  session_id                 TEXT COLLATE "C" NOT NULL,
  id                         TEXT COLLATE "C" NOT NULL,
  invocation_id              TEXT,
  author                     TEXT,
  actions                    BYTEA,  -- UTF-8 JSON bytes
  long_running_tool_ids_json JSON,
  branch                     TEXT,
  timestamp                  TIMESTAMPTZ NOT NULL,
  content                    JSON,   -- JSON, not JSONB: the text reads back as written
  grounding_metadata         JSON,
  custom_metadata            JSON,
  partial                    BOOLEAN,
  turn_complete              BOOLEAN,
  interrupted                BOOLEAN,
  error_code                 TEXT,
  error_message              TEXT,
  extra                      JSON,   -- JSON object: every other event field
  UNIQUE (app_name, user_id, session_id, id),
  FOREIGN KEY (app_name, user_id, session_id)
    REFERENCES ${sessions} (app_name, user_id, id) ON DELETE CASCADE
);
-- Reads a session's events in append order, the most recent first for a limit.
CREATE INDEX IF NOT EXISTS ${eventsSessionSeqIndex} ON ${events} (app_name, user_id, session_id, seq);
-- Retention of old events.
CREATE INDEX IF NOT EXISTS ${eventsTimeIndex} ON ${events} (timestamp);

CREATE TABLE IF NOT EXISTS ${appStates} (
  app_name    TEXT COLLATE "C" PRIMARY KEY,
  state       JSONB NOT NULL DEFAULT '{}',
  update_time TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS ${userStates} (
  app_name    TEXT COLLATE "C" NOT NULL,
  user_id     TEXT COLLATE "C" NOT NULL,
  state       JSONB NOT NULL DEFAULT '{}',
  update_time TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (app_name, user_id)
);
-- Retention of idle user state.
CREATE INDEX IF NOT EXISTS ${userStatesUpdateIndex} ON ${userStates} (update_time);
