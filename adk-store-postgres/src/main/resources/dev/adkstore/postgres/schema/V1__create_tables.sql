-- PostgreSQL store, schema version 1: every table and index the store uses.
--
-- The name is Flyway's (V<version>__<description>.sql) so that a later change can hand this
-- folder to Flyway as a migration. For the same reason a new schema version is a new file,
-- V2__..., never an edit of this one: databases created from this text exist, and running an
-- edited V1 would not change them.
--
-- PostgresAdkStore.createTables() runs it through SchemaDao, in one transaction, after the
-- advisory lock, the schema, metadata.sql and the version check. Jdbi splits the file at each
-- ';' first and only then fills in each statement's <name> placeholders (Jdbi defines from
-- StoreSql.attributes(): the table names, qualified with the configured schema, the index
-- names derived from them, and <ownerColumnDdl>, which is ", " and the configured owner column,
-- or nothing). Configured text thus never meets the splitter. Every statement says
-- IF NOT EXISTS, so createTables() can run again on the same database (STORE-CONTRACT L1).
-- Key columns are COLLATE "C": byte order, as SQLite and Java compare, whatever the locale.
--
-- docs/schema-postgres.md shows this file verbatim, and SchemaDocsTest fails when the two
-- differ.

CREATE TABLE IF NOT EXISTS <sessions> (
  app_name    TEXT COLLATE "C" NOT NULL,
  user_id     TEXT COLLATE "C" NOT NULL,
  id          TEXT COLLATE "C" NOT NULL,
  state       JSONB NOT NULL DEFAULT '{}',  -- JSON object, session scope only
  create_time TIMESTAMPTZ NOT NULL,
  update_time TIMESTAMPTZ NOT NULL,         -- the last event's timestamp
  version     BIGINT NOT NULL DEFAULT 1,    -- +1 per change: compare-and-set appends
  PRIMARY KEY (app_name, user_id, id)<ownerColumnDdl>
);
-- Lists an app's sessions by update time; retention within an app.
CREATE INDEX IF NOT EXISTS <sessionsAppUpdateIndex> ON <sessions> (app_name, update_time);
-- Lists one user's sessions by update time.
CREATE INDEX IF NOT EXISTS <sessionsUserUpdateIndex> ON <sessions> (app_name, user_id, update_time);
-- Retention across apps.
CREATE INDEX IF NOT EXISTS <sessionsUpdateIndex> ON <sessions> (update_time);

CREATE TABLE IF NOT EXISTS <events> (
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
    REFERENCES <sessions> (app_name, user_id, id) ON DELETE CASCADE
);
-- Reads a session's events in append order, the most recent first for a limit.
CREATE INDEX IF NOT EXISTS <eventsSessionSeqIndex> ON <events> (app_name, user_id, session_id, seq);
-- Retention of old events.
CREATE INDEX IF NOT EXISTS <eventsTimeIndex> ON <events> (timestamp);

CREATE TABLE IF NOT EXISTS <appStates> (
  app_name    TEXT COLLATE "C" PRIMARY KEY,
  state       JSONB NOT NULL DEFAULT '{}',
  update_time TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS <userStates> (
  app_name    TEXT COLLATE "C" NOT NULL,
  user_id     TEXT COLLATE "C" NOT NULL,
  state       JSONB NOT NULL DEFAULT '{}',
  update_time TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (app_name, user_id)
);
-- Retention of idle user state.
CREATE INDEX IF NOT EXISTS <userStatesUpdateIndex> ON <userStates> (update_time);
