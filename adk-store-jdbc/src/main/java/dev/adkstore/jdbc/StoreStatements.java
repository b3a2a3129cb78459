package dev.adkstore.jdbc;

import dev.adkstore.api.AppendCondition;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.MemoryEntry;
import dev.adkstore.api.ScopedState;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.SessionRecord;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * The SQL a dialect supplies: one method per statement the core runs, bound to one connection.
 * Every argument arrives validated and in stored form; a method runs its SQL and nothing else (no
 * policy, no validation, no JSON). Failures are the driver's own exceptions, which the core and
 * the engine classify through the dialect's {@link SqlErrors}.
 *
 * <p>Instances are created once per connection (statements prepared once and reused where the
 * dialect can) and used by one thread at a time, always inside the engine's transaction.
 */
public interface StoreStatements {
  // ---- schema ----

  /**
   * Lends this transaction's connection to the schema migrator, and afterwards restores every
   * session setting the migration library changed on it (PostgreSQL's {@code search_path} and
   * role), so that a pooled connection goes back as it came.
   *
   * @param lock whether to first take the lock that serializes schema changes across processes,
   *     held until the transaction ends (and create the configured schema, where there is one)
   * @param use what runs on the connection, inside this transaction
   * @param <T> its result
   * @return its result
   */
  <T> T withSchemaConnection(boolean lock, Function<Connection, T> use);

  /**
   * Reads the schema version the metadata table records.
   *
   * @return the version, empty when none is recorded or the table does not exist
   */
  OptionalInt schemaVersion();

  // ---- sessions ----

  /**
   * Inserts a session; a duplicate key fails with the dialect's unique violation.
   *
   * @param session the row
   */
  void insertSession(StoredSession session);

  /**
   * Inserts a session unless its key exists.
   *
   * @param session the row
   * @return true if inserted
   */
  boolean insertSessionIfAbsent(StoredSession session);

  /**
   * Reads a session without its events.
   *
   * @param key the key
   * @return the session
   */
  Optional<SessionRecord> findSession(SessionKey key);

  /**
   * Reads and locks (where the dialect locks rows) a session's version and update time.
   *
   * @param key the key
   * @return the head, empty if the session is missing
   */
  Optional<SessionHead> lockHead(SessionKey key);

  /**
   * Records appended events on their session in one statement: merges the session-scope change,
   * sets the update time, adds {@code events} to the version, all only where the condition holds
   * (its clause is {@link AppendConditions#clause}).
   *
   * @param key the session
   * @param condition the append condition, checked in the statement's WHERE clause
   * @param change the session-scope change, possibly empty
   * @param updateTime the new update time
   * @param events how many events were appended
   * @return the new version and the length of the state document, in characters as the database
   *     renders it; empty if no row matched (missing session or failed condition)
   */
  Optional<Advance> advanceSession(
      SessionKey key, AppendCondition condition, ScopeChange change, Instant updateTime, int events);

  /**
   * Replaces a session's state wholesale and adds one to its version.
   *
   * @param key the key
   * @param stateJson the new state in stored form
   * @param updateTime the new update time
   * @return rows updated
   */
  int replaceSessionState(SessionKey key, String stateJson, Instant updateTime);

  /**
   * Deletes a session and, by cascade, its events.
   *
   * @param key the key
   * @return rows deleted
   */
  int deleteSession(SessionKey key);

  /**
   * Lists sessions, ordered totally (STORE-CONTRACT S8).
   *
   * @param appName the app, or null for all apps
   * @param userId the user, or null for all users of the app
   * @param order the ORDER BY list from {@link SessionOrder}
   * @param limit the page size, null for no limit
   * @param offset the rows to skip
   * @return the sessions
   */
  List<SessionRecord> listSessions(String appName, String userId, String order, Integer limit, int offset);

  // ---- events ----

  /**
   * Inserts events in the given order; a duplicate id fails with the dialect's unique violation.
   *
   * @param events the events, in stored form
   */
  void insertEvents(List<EventRecord> events);

  /**
   * Reads the last {@code limit} events at or after {@code after}, oldest first.
   *
   * @param key the session
   * @param after the inclusive lower bound, null for none
   * @param limit how many, null for all
   * @return the events in append order
   */
  List<EventRecord> findEvents(SessionKey key, Instant after, Integer limit);

  // ---- scoped state ----

  /**
   * Reads an app's state document.
   *
   * @param appName the app
   * @return the stored text
   */
  Optional<String> appState(String appName);

  /**
   * Reads a user's state document.
   *
   * @param appName the app
   * @param userId the user
   * @return the stored text
   */
  Optional<String> userState(String appName, String userId);

  /**
   * Merges a change into an app's state, creating the row if missing.
   *
   * @param appName the app
   * @param change the change, not empty
   * @param updateTime the update time
   * @return the length of the merged document, in characters as the database renders it
   */
  long mergeAppState(String appName, ScopeChange change, Instant updateTime);

  /**
   * Merges a change into a user's state, creating the row if missing.
   *
   * @param appName the app
   * @param userId the user
   * @param change the change, not empty
   * @param updateTime the update time
   * @return the length of the merged document, in characters as the database renders it
   */
  long mergeUserState(String appName, String userId, ScopeChange change, Instant updateTime);

  /**
   * Replaces an app's or a user's state wholesale.
   *
   * @param appName the app
   * @param userId the user, or null for app state
   * @param stateJson the state in stored form
   * @param updateTime the update time
   */
  void replaceScopedState(String appName, String userId, String stateJson, Instant updateTime);

  /**
   * Lists app states and then user states, with their stored text already read.
   *
   * @param appName one app, or null for all
   * @return the states
   */
  List<ScopedState> listScopedStates(String appName);

  // ---- long-term memory ----

  /**
   * Inserts memory entries whose key is not stored yet; a stored one stays as it was.
   *
   * @param entries the rows, content checked and escaped, one per key
   * @return how many were inserted
   */
  int insertMemories(List<StoredMemory> entries);

  /**
   * Reads which of a session's event keys have memory entries.
   *
   * @param session the session
   * @param eventKeys the keys, not empty
   * @return the stored ones
   */
  Set<String> knownMemoryKeys(SessionKey session, List<String> eventKeys);

  /**
   * Full-text search of one user's entries: those holding at least one word, best first by the
   * dialect's relevance, then newer event, session id and event key.
   *
   * @param appName the app
   * @param userId the user
   * @param words the words, not empty; data, never query syntax
   * @param limit at least 1
   * @return the entries
   */
  List<MemoryEntry> searchMemories(String appName, String userId, List<String> words, int limit);

  /**
   * Reads one user's entries embedded by one embedder, with their vectors, for the core's exact
   * nearest-neighbour ranking.
   *
   * @param appName the app
   * @param userId the user
   * @param embedderId the embedder
   * @return the entries, in no particular order
   */
  List<MemoryEntry> embeddedMemories(String appName, String userId, String embedderId);

  /**
   * Deletes a user's entries in an app, or one session's.
   *
   * @param appName the app
   * @param userId the user
   * @param sessionId one session, or null for all
   * @return how many were deleted
   */
  long deleteMemories(String appName, String userId, String sessionId);

  // ---- retention and counts ----

  /**
   * Counts or deletes what a retention call names.
   *
   * @param target what is aged out
   * @param cutoff rows strictly before it qualify
   * @param appName one app, or null for all
   * @param delete true to delete, false to count only
   * @return the rows counted or deleted
   */
  long retention(RetentionTarget target, Instant cutoff, String appName, boolean delete);

  /**
   * Counts the rows of every table, for {@code stats()}.
   *
   * @return sessions, events, app states, user states
   */
  long[] countRows();

  /**
   * What {@link #advanceSession} changed.
   *
   * @param version the session's new version
   * @param stateLength the length of its state document, in characters as the database renders it
   */
  record Advance(long version, long stateLength) {}
}
