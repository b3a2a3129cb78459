package dev.adkstore.api;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The port: durable storage of ADK sessions, their events and their scoped state, behind an
 * asynchronous API that every backend implements and the TCK checks ({@code STORE-CONTRACT.md}).
 *
 * <h2>Asynchrony</h2>
 * Every method returns at once and never blocks the caller's thread (STORE-CONTRACT C4). It never
 * throws: a failure, including an invalid argument, completes the future exceptionally with an
 * {@link AdkStoreException} subclass. Futures complete on the store's own threads, never the
 * caller's; a caller that blocks inside a completion callback does not deadlock the store. No
 * future is left pending forever: after {@link #close()} new calls fail with
 * {@link StoreClosedException}.
 *
 * <h2>Identity</h2>
 * A session is identified by {@link SessionKey}: app, user and id together. One user can never
 * read, change or delete another user's session (S3, S4, S10).
 *
 * <h2>Thread-safety</h2>
 * Implementations are thread-safe: any number of threads may call any method at once.
 */
public interface AsyncAdkStore extends AutoCloseable {

  // ---- schema ----------------------------------------------------------------------------------

  /**
   * Creates the tables and indexes if they do not exist, or brings an older schema up to date by
   * applying the pending migrations in place (unless the store is configured to refuse, see
   * {@link SchemaUpgrade}), and records the schema version. Idempotent (L1). Fails with a
   * {@link StorageException} when the database is newer than the code (L7) or its record of
   * applied migrations does not match the code's.
   *
   * @return completes when the schema is in place
   */
  CompletableFuture<Void> createTables();

  /**
   * Reads the recorded schema version (L3).
   *
   * @return the version, empty before {@link #createTables()}
   */
  CompletableFuture<OptionalInt> schemaVersion();

  /**
   * Reads where the database's schema stands: the version it records, the code's version, and the
   * steps {@link #createTables()} would apply (L8). Writes nothing.
   *
   * @return the status; it fails with a {@link StorageException} when the database's record of
   *     applied migrations does not match the code's (a migration changed after it was applied)
   */
  CompletableFuture<SchemaStatus> schemaStatus();

  // ---- sessions --------------------------------------------------------------------------------

  /**
   * Creates a session with its initial state; create and update time are both the store's current
   * time in whole milliseconds (S1, S2, S11).
   *
   * @param session the identity, initial state and owner
   * @return the stored session; fails with {@link AlreadyExistsException} if the key exists
   */
  CompletableFuture<SessionRecord> createSession(NewSession session);

  /**
   * Creates a session, as {@link #createSession}, and returns it as a snapshot: the new session,
   * no events, and the app and user state as the create left them (its shared state applied), so
   * a caller that needs the merged state makes one call, not two.
   *
   * <p>A backend should read the app and user state in the create's own transaction; this default
   * reads them with a second call, so another writer's change between the two may show.
   *
   * @param session the identity, initial state, shared state and owner
   * @return the snapshot; fails as {@link #createSession} does
   */
  default CompletableFuture<SessionSnapshot> createAndLoadSession(NewSession session) {
    return createSession(session).thenCompose(created -> loadSession(new EventQuery(created.key(), null, 0))
        .thenApply(loaded -> loaded
            .map(snapshot -> new SessionSnapshot(created, List.of(), snapshot.appState(), snapshot.userState()))
            .orElseGet(() -> new SessionSnapshot(created, List.of(), Map.of(), Map.of()))));
  }

  /**
   * Reads a session without its events (S3).
   *
   * @param key the session
   * @return the session, or empty when there is none under that app and user
   */
  CompletableFuture<Optional<SessionRecord>> getSession(SessionKey key);

  /**
   * Reads a session, the events a query selects, and the app and user state, all from one
   * consistent snapshot.
   *
   * @param query the session and which of its events
   * @return the snapshot, or empty when there is no such session
   */
  CompletableFuture<Optional<SessionSnapshot>> loadSession(EventQuery query);

  /**
   * Lists sessions with their state and timestamps but without events (S7 to S9).
   *
   * @param query which sessions, in what order, which page
   * @return the sessions
   */
  CompletableFuture<List<SessionRecord>> listSessions(SessionQuery query);

  /**
   * Replaces a session's own state wholesale and advances its update time to now (S6).
   *
   * @param key the session
   * @param state the new state
   * @return the updated session; fails with {@link NotFoundException} if there is none
   */
  CompletableFuture<SessionRecord> replaceSessionState(SessionKey key, Map<String, Object> state);

  /**
   * Deletes a session and its events (S10). Never touches another user's session.
   *
   * @param key the session
   * @return true if a session was deleted, false if there was none
   */
  CompletableFuture<Boolean> deleteSession(SessionKey key);

  // ---- events ----------------------------------------------------------------------------------

  /**
   * Appends one event and applies its state delta, atomically (E1, E5, E6, T1 to T6). The session's
   * update time becomes the event's timestamp.
   *
   * @param event the event; its session must exist
   * @param delta the state change
   * @return the session's new {@linkplain SessionRecord#version() version}
   */
  default CompletableFuture<Long> appendEvent(EventRecord event, StateDelta delta) {
    return appendEvent(event, delta, AppendCondition.NONE);
  }

  /**
   * Appends one event and applies its state delta, atomically, if a precondition holds (T7).
   *
   * @param event the event
   * @param delta the state change
   * @param condition checked in the same transaction; fails with {@link StaleSessionException}
   *     when it does not hold
   * @return the session's new version
   */
  CompletableFuture<Long> appendEvent(EventRecord event, StateDelta delta, AppendCondition condition);

  /**
   * Appends several events to one session with their deltas, in order, atomically: all or none
   * (E8).
   *
   * @param session the session every event belongs to
   * @param appends the events and deltas, in append order
   * @param condition checked once, before the first
   * @return the session's new version
   */
  CompletableFuture<Long> appendEvents(
      SessionKey session, List<EventAppend> appends, AppendCondition condition);

  /**
   * Reads events of a session in append order (E2 to E4, E7).
   *
   * @param query the session, lower time bound and limit
   * @return the events, oldest first; empty for an unknown session
   */
  CompletableFuture<List<EventRecord>> getEvents(EventQuery query);

  // ---- scoped state ----------------------------------------------------------------------------

  /**
   * Reads an app's shared state (T2).
   *
   * @param appName the app
   * @return the state, empty when none is stored
   */
  CompletableFuture<Map<String, Object>> getAppState(String appName);

  /**
   * Reads a user's shared state in an app (T2).
   *
   * @param appName the app
   * @param userId the user
   * @return the state, empty when none is stored
   */
  CompletableFuture<Map<String, Object>> getUserState(String appName, String userId);

  /**
   * Lists stored app and user states, app states first, for export and copy.
   *
   * @param appName only this app; null for every app
   * @return the states
   */
  CompletableFuture<List<ScopedState>> listScopedStates(String appName);

  // ---- restore (export, import, copy) -----------------------------------------------------------

  /**
   * Stores a session exactly as given (times, version, state and owner included) together with its
   * events, atomically, unless a session with that key exists already: the step that makes import
   * and copy idempotent.
   *
   * @param session the session as another store returned it
   * @param events its events in append order, each belonging to it
   * @return true if it was stored, false if the key existed and nothing was written
   */
  CompletableFuture<Boolean> restoreSession(SessionRecord session, List<EventRecord> events);

  /**
   * Stores app or user state exactly as given, replacing what is there.
   *
   * @param state the state with its update time
   * @return completes when stored
   */
  CompletableFuture<Void> restoreScopedState(ScopedState state);

  // ---- retention -------------------------------------------------------------------------------

  /**
   * Deletes sessions (and their events) last updated before the cutoff (R1).
   *
   * @param scope the cutoff, app and dry-run flag
   * @return how many sessions were (or, dry, would be) deleted
   */
  CompletableFuture<Long> deleteIdleSessions(RetentionScope scope);

  /**
   * Deletes events with a timestamp before the cutoff (R2).
   *
   * @param scope the cutoff, app and dry-run flag
   * @return how many events were (or would be) deleted
   */
  CompletableFuture<Long> deleteOldEvents(RetentionScope scope);

  /**
   * Deletes user state last updated before the cutoff (R2). App state is never removed (R3).
   *
   * @param scope the cutoff, app and dry-run flag
   * @return how many user states were (or would be) deleted
   */
  CompletableFuture<Long> deleteIdleUserStates(RetentionScope scope);

  // ---- long-term memory ------------------------------------------------------------------------

  /**
   * Stores memory entries in one transaction, skipping every entry whose key (session and event
   * key) is stored already, which stays as it was (MEMORY M1). The sessions need not exist (M7).
   *
   * @param entries the entries; two with one key in the list store the first
   * @return how many were added
   */
  CompletableFuture<Integer> addMemories(List<MemoryEntry> entries);

  /**
   * Tells which of a session's event keys have memory entries (M2).
   *
   * @param session the app, user and session
   * @param eventKeys the keys to look up
   * @return the stored ones among them
   */
  CompletableFuture<Set<String>> knownMemoryKeys(SessionKey session, Collection<String> eventKeys);

  /**
   * Finds one user's entries holding at least one of the words, most relevant first, ties by newer
   * event, then session id, then event key (M3).
   *
   * @param search the app, user, words and limit
   * @return at most {@code limit} entries; empty for no words or limit 0
   */
  CompletableFuture<List<MemoryEntry>> searchMemories(MemorySearch search);

  /**
   * Finds one user's entries closest in meaning to a vector, among those embedded by the same
   * embedder, most similar first (M4).
   *
   * @param query the app, user, vector, limit and least similarity
   * @return at most {@code limit} entries
   */
  CompletableFuture<List<MemoryEntry>> nearestMemories(MemoryNeighbours query);

  /**
   * Erases a user's memory entries in an app, or those of one of the user's sessions (M5).
   *
   * @param appName the app
   * @param userId the user
   * @param sessionId one session, or null for all of the user's entries in the app
   * @return how many were deleted; 0 when there were none
   */
  CompletableFuture<Long> deleteMemories(String appName, String userId, String sessionId);

  /**
   * Deletes memory entries whose event time is before the cutoff (M6).
   *
   * @param scope the cutoff, app and dry-run flag
   * @return how many entries were (or would be) deleted
   */
  CompletableFuture<Long> deleteOldMemories(RetentionScope scope);

  // ---- operations ------------------------------------------------------------------------------

  /**
   * Counts rows and reports backend facts.
   *
   * @return the statistics
   */
  CompletableFuture<StoreStats> stats();

  /**
   * Stops accepting work, completes every write accepted before, and releases connections and
   * threads (L4). Blocks until that is done. Idempotent.
   */
  @Override
  void close();
}
