package dev.adkstore.tck;

/**
 * The store contract, one method per rule: the one place in this repository where the text of
 * every rule the TCK checks is written down. {@link AsyncAdkStoreTck} implements this interface,
 * and each method here is implemented there by the rule's main test, annotated {@code @Override}:
 * a rule without a test does not compile.
 *
 * <p>A method's name is the rule's test name: {@code required_} for a rule every backend must
 * pass, {@code optional_} for one a backend opts into by declaring a {@link TckCapability}, then
 * the rule id and a summary. Its Javadoc is the rule's text followed by three lines: what the TCK
 * does to verify the rule, when the TCK does not run it, and where a backend that fails it usually
 * went wrong. A rule may have more tests in {@link AsyncAdkStoreTck}, named with the same rule id;
 * the three lines cover them all.
 *
 * <p>The rules come from {@code STORE-CONTRACT.md}; where one says more here than there (L4 on an
 * interrupted thread, the reserved and derived names of L6, B4's batches and restores, among
 * others), this text is what the TCK checks. M1 to M9 come from {@code MEMORY.md}. L7, L8, L9, S13, E9, E10, T8, R4, B10 and W1 to W3 were
 * added by the TCK; until the contract carries them, their text here is the only statement of
 * them.
 *
 * <p>Backends do not implement this interface: they extend {@link AsyncAdkStoreTck}, which runs
 * every method below as a JUnit test.
 */
public interface StoreContractRules {

  // ---- lifecycle and schema --------------------------------------------------------------------

  /**
   * L1. {@code createTables()} is idempotent: twice in a row succeeds, and the store then works.
   *
   * <p>Verifies: {@code createTables()} run twice more on a ready store, then a create, an append
   * with a delta and reads of both.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that every statement of the DDL, indexes included, is a {@code CREATE
   * ... IF NOT EXISTS}, and that recording the schema version accepts a version already recorded.
   *
   * @throws Exception if the test cannot run
   */
  void required_L1_createTablesIsIdempotent() throws Exception;

  /**
   * L2. Reads before {@code createTables()} return empty results: no session, empty lists, empty
   * state, no scoped states, and {@code stats()} of zeros. Writes before it fail with a clear error
   * that says to call {@code createTables()}; once it is called, the same store works.
   *
   * <p>Verifies: every read of a store whose tables were never created; a create before {@code
   * createTables()}, its message, and the same store after {@code createTables()}.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that only the storage's own "table does not exist" error becomes an
   * empty answer, and that a write meeting it says to call {@code createTables()}.
   *
   * @throws Exception if the test cannot run
   */
  void required_L2_readsBeforeCreateTablesAreEmpty() throws Exception;

  /**
   * L3. The schema version is recorded and readable: {@code schemaVersion()} is empty before
   * {@code createTables()} and positive after it, and {@code stats()} reports the same version.
   *
   * <p>Verifies: {@code schemaVersion()} and {@code stats()} of a new store before and after
   * {@code createTables()}.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that {@code createTables()} records the version in the transaction
   * that creates the tables, and that {@code stats()} reads it from the same place.
   *
   * @throws Exception if the test cannot run
   */
  void required_L3_schemaVersionIsRecordedAndReadable() throws Exception;

  /**
   * L4. {@code close()} completes every write accepted before it, then later calls fail with a
   * store-closed error; {@code close()} twice is harmless. Called on a thread whose interrupt flag
   * is set (a cancelled task, a shutdown hook), {@code close()} still completes every write
   * accepted before it, and leaves the flag set for its caller to see.
   *
   * <p>Verifies: 30 appends queued without waiting, then {@code close()}: every future is done when
   * it returns, later reads and writes fail with {@code StoreClosedException}, a second {@code
   * close()} is harmless; the same appends and {@code close()} on an interrupted thread.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that {@code close()} drains the queue before it closes connections,
   * and that its waits retry when interrupted and restore the interrupt flag at the end.
   *
   * @throws Exception if the test cannot run
   */
  void required_L4_closeCompletesAcceptedWritesThenRejectsCalls() throws Exception;

  /**
   * L5. Reopening a file-backed store on the same storage shows everything committed before
   * close.
   *
   * <p>Verifies: a session, an event, app and user state and the schema version, read through a
   * store reopened on the storage of a closed one.
   *
   * <p>Not run when: the backend does not declare {@link TckCapability#REOPEN}.
   *
   * <p>If this fails, check: that a commit is in the storage before its future completes, nothing
   * left in a cache or an unflushed journal at close, and that opening never recreates tables.
   *
   * @throws Exception if the test cannot run
   */
  void optional_L5_reopenShowsEverythingCommittedBeforeClose() throws Exception;

  /**
   * L6. Custom table names are used, and the default names stay absent. An invalid table name
   * (empty, too long, quotes, spaces, {@code ;}, SQL keywords, fragments such as {@code x; DROP
   * TABLE y}) is rejected when the store is built, before any SQL runs. A configuration the store
   * accepts when it is built also works: names the database reserves for itself (such as SQLite's
   * {@code sqlite_} prefix), or that collide with an index or another object the store or the
   * database derives from a table name, are refused when the store is built, never by a later
   * {@code createTables()} or a first write.
   *
   * <p>Verifies: a store on prefixed table names works; invalid names make the backend's factory
   * throw an {@code InvalidArgumentException}; reserved and colliding names are refused when the
   * store is built or work; the database holds the custom tables and none of the default ones.
   *
   * <p>Not run when: never (always run); the look at the database's own list of tables needs
   * {@link TckCapability#DATABASE_ACCESS}.
   *
   * <p>If this fails, check: that every statement uses the configured names, and that the
   * configuration checks names when it is built and derives every name the DDL uses (tables,
   * indexes, implicit key indexes), refusing reserved prefixes and any two objects sharing a name.
   *
   * @throws Exception if the test cannot run
   */
  void required_L6_customTableNamesAreUsed() throws Exception;

  /**
   * L7. A store never writes to a database whose recorded schema version is newer than its own:
   * {@code createTables()} there fails with a {@code StorageException} and changes nothing (the
   * newer version stays recorded and readable); a store opened on such a database refuses every
   * write with a {@code StorageException}, whether or not {@code createTables()} is called, and
   * writes nothing: an application that creates its tables once at deployment must not write into
   * a schema a newer release has changed.
   *
   * <p>Verifies: {@code createTables()} after a newer version was recorded, and the version after
   * it; creates, appends, replaces and deletes of a store reopened on a newer database, and what a
   * store of the current version reads there afterwards.
   *
   * <p>Not run when: the backend does not declare {@link TckCapability#NEWER_SCHEMA}; the test of a
   * store opened on a newer database also needs {@link TckCapability#REOPEN}.
   *
   * <p>If this fails, check: that {@code createTables()} reads the recorded version before it
   * writes anything and fails its whole transaction when it is newer, and that opening the store
   * reads it too and refuses every write when it is newer.
   *
   * @throws Exception if the test cannot run
   */
  void optional_L7_newerSchemaVersionIsRefusedAndLeftAlone() throws Exception;

  /**
   * L8. A store runs with the durability it is configured with, never below NORMAL: configured
   * for FULL, every commit is on stable storage before its future completes; configured for
   * NORMAL, it runs with NORMAL; by default, with at least NORMAL.
   *
   * <p>Verifies: the durability the backend reads from the live storage of stores configured for
   * FULL, for NORMAL, and left at the default.
   *
   * <p>Not run when: the backend does not declare {@link TckCapability#DURABILITY_REPORT}.
   *
   * <p>If this fails, check: that the configured setting reaches every connection the store opens
   * (for SQLite, {@code PRAGMA synchronous} through the connection configuration), not only one.
   *
   * @throws Exception if the test cannot run
   */
  void optional_L8_configuredDurabilityIsInEffect() throws Exception;

  /**
   * L9. {@code schemaStatus()} says where the database stands and writes nothing: before
   * {@code createTables()} no version is recorded and at least one step is pending, the last of
   * them bringing the code's version; after it nothing is pending, the recorded version is the
   * code's and equals {@code schemaVersion()}; and reading the status creates no table (the reads
   * of L2 still find nothing, and {@code schemaVersion()} stays empty).
   *
   * <p>Verifies: {@code schemaStatus()} of a new store before and after {@code createTables()}.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that the status reads the version from the same place as
   * {@code schemaVersion()}, lists the migrations from the same scripts {@code createTables()}
   * runs, and runs as a read (no migration library call that creates its history table).
   *
   * @throws Exception if the test cannot run
   */
  void required_L9_schemaStatusListsWhatCreateTablesWouldApply() throws Exception;

  // ---- sessions --------------------------------------------------------------------------------

  /**
   * S1. create returns the record with the given id, app, user and state, no owner, and equal
   * create and update times; a get returns the same record. The shared state a create carries
   * (app- and user-scope puts and removals) is applied key by key in the create's transaction.
   *
   * <p>Verifies: the record create returns and the one get reads; app and user state after a
   * create with shared state, and another user's state.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that create writes one timestamp into both times, and applies shared
   * state with the same per-key update as an append's delta, never by replacing the document.
   *
   * @throws Exception if the test cannot run
   */
  void required_S1_createReturnsTheRecordWithEqualTimes() throws Exception;

  /**
   * S2. Nested state ({@code {"turn":1,"nested":{"a":[1,2]},"s":"é ✓ 😀","n":null,"b":true,
   * "d":1.5}}) round-trips unchanged through create's result and through get, number types
   * included: a {@code Double} stays a {@code Double} (1.0 reads back as 1.0, not 1), integers come
   * back as the narrowest of {@code Integer}, {@code Long}, {@code BigInteger}.
   *
   * <p>Verifies: a state of nested maps and lists, non-ASCII text, a null, a boolean, doubles, an
   * integer, a long, a big integer and empty containers, and the Java types read back.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: the JSON codec's numbers (1.0 written as 1, every integer read as
   * {@code Long} or {@code Double}) and that keys with null values are kept.
   *
   * @throws Exception if the test cannot run
   */
  void required_S2_nestedStateRoundTripsWithNumberTypes() throws Exception;

  /**
   * S3. get of an unknown key returns empty; get with the right id but another user or another
   * app returns empty, and so do {@code loadSession} and the listing of that other user.
   *
   * <p>Verifies: get of a missing id; get of an existing id under another user and another app,
   * and load and list under the other user.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that every read filters by app, user and session id together, never
   * by the session id alone.
   *
   * @throws Exception if the test cannot run
   */
  void required_S3_getOfUnknownOrForeignKeyIsEmpty() throws Exception;

  /**
   * S4. The same id under two users (or two apps) gives two independent sessions.
   *
   * <p>Verifies: one id under two users and two apps; an append with a delta to one changes
   * neither the state nor the events of the others.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that the key of every table and the WHERE clause of every update
   * include the app and the user, not only the session id.
   *
   * @throws Exception if the test cannot run
   */
  void required_S4_sameIdUnderTwoUsersOrAppsIsIndependent() throws Exception;

  /**
   * S5. create with an id that exists for the same app and user fails with already-exists, and the
   * existing session and its events are unchanged; none of the refused create's shared state is
   * applied.
   *
   * <p>Verifies: the record and the events of a session after a second create of its key; app and
   * user state after a refused create that carried shared state.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that a duplicate key becomes {@code AlreadyExistsException}, not an
   * upsert, and that shared state is applied in the create's transaction, after the insert.
   *
   * @throws Exception if the test cannot run
   */
  void required_S5_createOfExistingIdFailsAndChangesNothing() throws Exception;

  /**
   * S6. Replacing session state replaces it wholesale and advances update time; replacing the state
   * of a missing session fails with not-found.
   *
   * <p>Verifies: the record replace returns and the one get reads after it; a replace of a missing
   * session, which creates nothing.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that replace writes the whole document (no merge) and an update time
   * later than the last one, and that updating no row is reported as {@code NotFoundException}.
   *
   * @throws Exception if the test cannot run
   */
  void required_S6_replaceStateReplacesWholesaleAndAdvancesUpdateTime() throws Exception;

  /**
   * S7. list(app) returns exactly the app's sessions across all users; list(app, user) only that
   * user's; list of an unknown app, or of a user without sessions, is empty.
   *
   * <p>Verifies: the keys listed for an app, for a user of it, for an unknown app and for an
   * unknown user, with sessions of another user and another app around.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: the WHERE clauses of both listing queries, the user filter present
   * exactly when a user is given.
   *
   * @throws Exception if the test cannot run
   */
  void required_S7_listFiltersByAppAndUser() throws Exception;

  /**
   * S8. list orders by update time (default, descending) or create time, either direction, with
   * the id as tie-break, so the order is total and stable; limit and offset page through it with
   * no overlap and no gap; limit 0 returns empty; negative limit or offset, or an offset without a
   * limit, fail with invalid-argument before touching storage. Filtering happens before paging.
   *
   * <p>Verifies: every order and direction, for an app and for a user, against the total order,
   * on sessions sharing update times; pages of two joined against the whole list; limit 0, a page
   * past the end; invalid paging refused by {@code SessionQuery}, a null query by the store.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that ORDER BY ends with the id (then user and app) in the same
   * direction as the time, and that LIMIT and OFFSET apply in the query, after its WHERE clause.
   *
   * @throws Exception if the test cannot run
   */
  void required_S8_orderIsTotalAndStableInEveryDirection() throws Exception;

  /**
   * S9. Listed sessions carry their state and timestamps, not their events.
   *
   * <p>Verifies: a listed session equals the one get reads, with the state an append's delta left
   * and that append's timestamp as its update time.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that the listing query selects the state, both times and the version,
   * and maps them as get does.
   *
   * @throws Exception if the test cannot run
   */
  void required_S9_listedSessionsCarryStateAndTimestamps() throws Exception;

  /**
   * S10. delete removes the session and cascades to its events (re-creating the same id afterwards
   * gives a session with no events); delete of a missing session is not an error and reports that
   * nothing was deleted; delete never touches another user's session with the same id.
   *
   * <p>Verifies: get, events, list and load after a delete and after re-creating the id; deletes
   * of a missing session and of another user's id; the events of a same-id session of another user.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that the events go in the delete's transaction (or through a foreign
   * key whose cascade is really enforced), and that the delete names app, user and id.
   *
   * @throws Exception if the test cannot run
   */
  void required_S10_deleteCascadesToEventsAndOnlyTouchesItsOwnSession() throws Exception;

  /**
   * S11. Owner column (when configured): the owner id is stored, by create and by restore; a
   * foreign key in the configured DDL is enforced (unknown owner fails, deleting the owner cascades
   * when the DDL says so); a nullable owner column accepts none; NOT NULL without a value fails. An
   * owner id the column's constraints refuse fails with invalid-argument naming {@code ownerId},
   * and writes nothing.
   *
   * <p>Verifies: owner ids through create, restore and get on a column with a cascading foreign
   * key, an unknown owner, deleting the owner row; a nullable column without an owner; a NOT NULL
   * column with and without one.
   *
   * <p>Not run when: the backend does not declare both {@link TckCapability#OWNER_COLUMN} and
   * {@link TckCapability#DATABASE_ACCESS}.
   *
   * <p>If this fails, check: that the owner column's DDL reaches CREATE TABLE unchanged, that the
   * store's connections enforce foreign keys, and that a constraint failure on that column becomes
   * an {@code InvalidArgumentException} with the field {@code ownerId}.
   *
   * @throws Exception if the test cannot run
   */
  void optional_S11_ownerIdIsStoredAndItsForeignKeyEnforcedWithCascade() throws Exception;

  /**
   * S12. Timestamps round-trip at exactly millisecond precision ({@code Instant} truncated to
   * millis in, the same {@code Instant} out).
   *
   * <p>Verifies: a create time in whole milliseconds; events at instants from 1970 to 2100, a leap
   * day and now, their timestamps and the update times they leave, read back equal.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: the type times are stored as and the conversion both ways (seconds
   * instead of milliseconds, floating-point day numbers not rounded, a time zone applied).
   *
   * @throws Exception if the test cannot run
   */
  void required_S12_timestampsRoundTripAtExactlyMillisecondPrecision() throws Exception;

  /**
   * S13. {@code restoreSession} stores a session exactly as given (state, both times, version,
   * owner) with its events in the given order, atomically, and returns true; when the key exists
   * it returns false and writes nothing; an event of another session fails with invalid-argument,
   * and a duplicate event id with already-exists, writing nothing.
   *
   * <p>Verifies: a restored session and its out-of-time-order events read back as given; a restore
   * over the existing key; the version of a later append; restores with a foreign event and with a
   * duplicate event id.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that restore inserts the given times and version instead of now and
   * 1, checks every event's session before writing, and runs in one transaction.
   *
   * @throws Exception if the test cannot run
   */
  void required_S13_restoreStoresASessionExactlyOnceAndAtomically() throws Exception;

  // ---- events ----------------------------------------------------------------------------------

  /**
   * E1. An appended event comes back from get-events with every field equal, byte arrays
   * included, and a field left out comes back absent (null).
   *
   * <p>Verifies: an event with every field set, one with none, one with its flags set, read back
   * through {@code getEvents} and {@code loadSession}.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: each column in both the insert and the row mapping (a field left
   * out, the {@code actions} bytes re-encoded, a null flag read back as false).
   *
   * @throws Exception if the test cannot run
   */
  void required_E1_everyFieldRoundTrips() throws Exception;

  /**
   * E2. Events come back in append order; events with equal timestamps keep their append order.
   *
   * <p>Verifies: events with one timestamp appended in an order no id sort gives, later ones and a
   * batch, read whole and as the last four.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that reads order by the order of insertion (a sequence), never by the
   * event id as a tie-break.
   *
   * @throws Exception if the test cannot run
   */
  void required_E2_eventsComeBackInAppendOrderEvenWithEqualTimestamps() throws Exception;

  /**
   * E3. {@code after} is inclusive: events with timestamp at or after {@code after}, compared
   * exactly (an event at 1000 ms is included for after = 1000 ms and excluded for after = 1000.5
   * ms).
   *
   * <p>Verifies: events at 999, 1000 and 1001 ms read after 1000 ms, 1000.5 ms, a nanosecond
   * before 1000 ms and 1002 ms, through {@code getEvents} and {@code loadSession}.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: the operator (at or after, not after) and that {@code after} is not
   * truncated to milliseconds before it is compared.
   *
   * @throws Exception if the test cannot run
   */
  void required_E3_afterIsInclusiveAndComparedExactly() throws Exception;

  /**
   * E4. {@code limit N} returns the most recent N, oldest first; N at or above the count returns
   * all; 0 returns none; combined with {@code after}, filter by time first, then take the last N
   * of what remains (events 100..500, N=2, after=200 gives [400, 500]; N=4, after=300 gives [300,
   * 400, 500]).
   *
   * <p>Verifies: exactly those examples, N of 5, 9 and 0, and the last two through {@code
   * loadSession}.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that the query takes the newest N in descending order and reverses
   * them, with the time filter inside that query, not applied to its result.
   *
   * @throws Exception if the test cannot run
   */
  void required_E4_limitReturnsTheMostRecentOldestFirst() throws Exception;

  /**
   * E5. Appending to a missing session (never created, deleted, or another user's) fails with
   * not-found and writes nothing.
   *
   * <p>Verifies: appends with deltas to a never-created id, a deleted one and another user's; no
   * event, session, session state or app state appears anywhere.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that append looks its session up by app, user and id in its own
   * transaction before inserting anything, the delta included.
   *
   * @throws Exception if the test cannot run
   */
  void required_E5_appendToMissingSessionFailsAndWritesNothing() throws Exception;

  /**
   * E6. A duplicate event id within the same session fails with already-exists, and the state delta
   * of that append is not applied; the same id in another session is no duplicate.
   *
   * <p>Verifies: a second append of an id with a session, app and user delta; the session, its
   * events and both scopes after it; the same id appended to another session.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that the event's unique key is its session's key plus its id, and that
   * the insert and the delta share one transaction that rolls back on the conflict.
   *
   * @throws Exception if the test cannot run
   */
  void required_E6_duplicateEventIdFailsWithoutApplyingItsDelta() throws Exception;

  /**
   * E7. Events of one session never appear in another's reads.
   *
   * <p>Verifies: the events of three sessions of two users, one sharing an id with another user's,
   * through {@code getEvents} and {@code loadSession}.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that every events query filters by app, user and session id together.
   *
   * @throws Exception if the test cannot run
   */
  void required_E7_eventsNeverLeakIntoAnotherSession() throws Exception;

  /**
   * E8. A batch append is atomic: all events and deltas, or none.
   *
   * <p>Verifies: a batch whose third event repeats the first's id writes no event and no delta of
   * any scope; a good batch writes every event, every delta and the last event's time.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that the batch runs in one transaction, and that a failing element
   * rolls back the elements before it instead of committing them.
   *
   * @throws Exception if the test cannot run
   */
  void required_E8_batchAppendIsAllOrNothing() throws Exception;

  /**
   * E9. A batch append names its session once: an event in it keyed to any other session (another
   * user's, another app's, another id) fails the whole batch with invalid-argument and writes
   * nothing, in either session.
   *
   * <p>Verifies: batches mixing the named session's events with another user's, another app's and
   * a sibling's, and batches of the other session's events only; both sessions after each.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that {@code appendEvents} compares every event's key with the session
   * it was given before writing, and never inserts an event under its own key alone.
   *
   * @throws Exception if the test cannot run
   */
  void required_E9_batchEventsOfAnotherSessionAreRefusedAndWriteNothing() throws Exception;

  /**
   * E10. {@code appendEvent} and {@code appendEvents} return the session's new version: the one
   * {@code getSession} reports afterwards, greater than before every successful append; a failed
   * append leaves it unchanged, and an empty batch returns it unchanged.
   *
   * <p>Verifies: the versions a single append, a batch, a failed append and an empty batch return,
   * against the versions get and load report.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that the append returns the version it wrote, not the one it read,
   * and that a batch writes the version once, after its last event.
   *
   * @throws Exception if the test cannot run
   */
  void required_E10_appendsReturnTheSessionsNewVersion() throws Exception;

  // ---- scoped state ----------------------------------------------------------------------------

  /**
   * T1. appendEvent with a delta applies it atomically with the event insert: both or neither.
   *
   * <p>Verifies: session, app and user state after an append with a delta in every scope; after an
   * append whose app delta cannot be stored, neither its event nor its session delta.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that the delta is checked before anything is written, and written in
   * the transaction of the event, which a failure rolls back whole.
   *
   * @throws Exception if the test cannot run
   */
  void required_T1_deltaIsAppliedAtomicallyWithTheEvent() throws Exception;

  /**
   * T2. Session-scope keys change only that session; app-scope keys are seen by every session of
   * the app (any user, sessions created earlier included), never by another app; user-scope keys
   * by every session of that app and user, never by another user.
   *
   * <p>Verifies: one append with a key in each scope, then the state of that session, a later
   * session of the same user, another user's session and another app's, through get and load.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that app state is keyed by the app alone and user state by app and
   * user, and that {@code loadSession} reads both for its session's own app and user.
   *
   * @throws Exception if the test cannot run
   */
  void required_T2_eachScopeIsSeenExactlyByItsReaders() throws Exception;

  /**
   * T3. A removed key disappears from its scope for every reader; removing a key that is not there
   * changes nothing.
   *
   * <p>Verifies: keys of every scope removed by an append to another session of the user, or to
   * the same one, then read by both sessions; the removal of a missing key.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that a removal is applied to the stored document, not only to the
   * appending session's copy, and that removing a missing key is no error.
   *
   * @throws Exception if the test cannot run
   */
  void required_T3_removedKeyDisappearsForEveryReader() throws Exception;

  /**
   * T4. A delta replaces the value of each named top-level key (nested objects are replaced, not
   * merged) and leaves other keys untouched; a null value is a value, not a removal.
   *
   * <p>Verifies: a nested object replaced in every scope by one with other keys, the keys beside
   * it, and a key set to null.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: how a delta is merged into the stored document: one level deep, with
   * no deep merge and no JSON merge-patch rule that null removes.
   *
   * @throws Exception if the test cannot run
   */
  void required_T4_deltaReplacesNamedTopLevelKeysWithoutMerging() throws Exception;

  /**
   * T5. Concurrent appends that change different keys of the same app or user scope keep every
   * change (N writers, N keys, N keys present), and so do concurrent appends that change different
   * keys of one session.
   *
   * <p>Verifies: {@code adkstore.tck.threads} callers released together, each appending with its
   * own app and user key to its own session and with its own session key to a shared one.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that each scope's document is read and written inside the writing
   * transaction (or updated key by key), never from a copy read before it.
   *
   * @throws Exception if the test cannot run
   */
  void required_T5_concurrentAppendsToDifferentKeysKeepEveryChange() throws Exception;

  /**
   * T6. The session's update time becomes the appended event's timestamp (even if earlier than the
   * previous update time).
   *
   * <p>Verifies: the update time after an event at 10 s and then one at 5 ms, and the order of
   * the two events (E2).
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that the update sets the event's timestamp, not the later of the two
   * times or the clock's.
   *
   * @throws Exception if the test cannot run
   */
  void required_T6_updateTimeBecomesTheEventTimestampEvenIfEarlier() throws Exception;

  /**
   * T7. Compare-and-set appends, an optional capability the backend declares: an append that names
   * the version (or the update time) it last saw fails with a stale-session error if another
   * append happened in between, and writes nothing.
   *
   * <p>Verifies: a single append and a batch naming an old version, an append naming an old update
   * time, each after a successful one; the session, its events and app state after them.
   *
   * <p>Not run when: the backend does not declare {@link TckCapability#COMPARE_AND_SET}.
   *
   * <p>If this fails, check: that the condition is checked in the writing transaction, against the
   * row it updates, on the single and the batch path alike.
   *
   * @throws Exception if the test cannot run
   */
  void optional_T7_staleExpectedVersionFailsAndWritesNothing() throws Exception;

  /**
   * T8. {@code restoreScopedState} stores app or user state exactly as given (its update time
   * included), replacing what is there; {@code listScopedStates} lists the stored states of one
   * app, or of every app for null, app states first, each exactly as stored.
   *
   * <p>Verifies: app and user states of two apps restored in mixed order and listed per app and
   * for all; a restore over an existing app state; the listing of an unknown app and a blank one.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: the app filter of both listing queries, that user states are listed
   * after app states, and that a restore replaces the row instead of merging into it.
   *
   * @throws Exception if the test cannot run
   */
  void required_T8_scopedStatesAreRestoredAndListedExactly() throws Exception;

  // ---- retention -------------------------------------------------------------------------------

  /**
   * R1. Deleting sessions idle since T removes exactly those (and their events), optionally only
   * for one app, and returns the count; a session last updated at T itself is not idle.
   *
   * <p>Verifies: sessions of two apps and users idle since before the cutoff, at it and after it,
   * deleted in one app and then everywhere; the counts, and the events of a re-created id.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: the comparison (strictly before T), the app filter, and that the
   * events go with their sessions.
   *
   * @throws Exception if the test cannot run
   */
  void required_R1_idleSessionsAndTheirEventsAreDeleted() throws Exception;

  /**
   * R2. Deleting events older than T, and user state idle since T, likewise: exactly those,
   * optionally only for one app, returning the count; an event at T itself stays, and so do the
   * sessions.
   *
   * <p>Verifies: events before, at and after the cutoff in two apps, and user states of two apps,
   * deleted in one app and then everywhere; the counts and what stays.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: the comparison (strictly before T) and the app filter of both deletes.
   *
   * @throws Exception if the test cannot run
   */
  void required_R2_oldEventsAreDeleted() throws Exception;

  /**
   * R3. App state is never removed by retention.
   *
   * <p>Verifies: an app state older than any cutoff after every retention run with a cutoff far in
   * the future.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that no retention statement touches the app-state table.
   *
   * @throws Exception if the test cannot run
   */
  void required_R3_appStateIsNeverRemovedByRetention() throws Exception;

  /**
   * R4. A dry run ({@code countOnly()}), in one app or everywhere, returns the count the same run
   * would delete and deletes nothing.
   *
   * <p>Verifies: dry runs of every retention call, in one app and everywhere, against what is still
   * there and against the counts of the real runs after them.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that every count query has the same filter as its delete, in both the
   * app-scoped and the unscoped form.
   *
   * @throws Exception if the test cannot run
   */
  void required_R4_dryRunsCountWhatTheRunWouldDeleteAndDeleteNothing() throws Exception;

  // ---- bad input and limits --------------------------------------------------------------------

  /**
   * B1. Null or blank app name, user id or session id fails with invalid-argument naming the field,
   * and so does a null request; the failure comes through the returned future, never thrown.
   *
   * <p>Verifies: {@code getAppState} and {@code getUserState} with null, empty and blank names,
   * {@code SessionKey} refusing them, and null requests to create, get, getEvents, append and
   * delete; then the store still works.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that arguments are checked inside the code that completes the future,
   * or that their failure is returned as a failed future, never thrown by the call.
   *
   * @throws Exception if the test cannot run
   */
  void required_B1_nullOrBlankIdsFailWithInvalidArgumentNamingTheField() throws Exception;

  /**
   * B2. Over-long ids (over 128 characters) fail with invalid-argument; 128 characters are stored.
   *
   * <p>Verifies: app and user names of 129 characters given to the store, a session id of 129
   * refused by {@code SessionKey}; a session and an event with every id 128 characters long.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: the length check of the names the store takes as plain strings, and
   * that the columns hold 128 characters (not 128 bytes).
   *
   * @throws Exception if the test cannot run
   */
  void required_B2_overLongIdsFailWithInvalidArgument() throws Exception;

  /**
   * B3. State values JSON cannot hold (NaN, infinity, cycles, arbitrary objects) fail with
   * invalid-argument naming the key; nothing is written.
   *
   * <p>Verifies: a cycle refused by {@code NewSession}; NaN, infinities and arbitrary objects in a
   * create, a replace and a user-scope delta; nothing of them stored.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that state is serialized and checked before the transaction starts,
   * and that the codec's failure is translated into {@code InvalidArgumentException} with the key.
   *
   * @throws Exception if the test cannot run
   */
  void required_B3_valuesJsonCannotHoldFailNamingTheKey() throws Exception;

  /**
   * B4. Nesting deeper than the configured limit and documents larger than the configured limit
   * fail with a payload error; nothing is written; the store keeps working. Every event and delta
   * of a batch, and every event of a restore, is checked as a single append's would be, a value a
   * later delta of the same batch overrides included; the failure names the element ({@code
   * appends[i]} for an event payload in a batch, {@code event} in a single append).
   *
   * <p>Verifies: too deep and too large state, deltas, content, actions and extra, through
   * create, append, replace, batch and restore on a store with small limits; what is stored after.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that every path (single append, batch, restore, replace) runs the same
   * payload checks on every element before it writes.
   *
   * @throws Exception if the test cannot run
   */
  void required_B4_tooDeepOrTooLargePayloadsFailAndWriteNothing() throws Exception;

  /**
   * B5. Ids and values with quotes, semicolons, SQL fragments, NUL, and non-BMP characters are
   * stored and read back verbatim (everything is a bound parameter), and filters on them match
   * exactly, never as patterns.
   *
   * <p>Verifies: such strings as app, user, session and event ids, state keys and values, event
   * text fields and content, read back through get, events, both scopes and the listing of their
   * user; the listing of the plain app sees none of them.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: for any value concatenated into SQL, and for LIKE used where equality
   * is meant.
   *
   * @throws Exception if the test cannot run
   */
  void required_B5_hostileCharactersAreStoredVerbatim() throws Exception;

  /**
   * B6. After any failure above, the store still serves other calls correctly.
   *
   * <p>Verifies: a duplicate create, an append to a missing session, a NaN state, a null key and a
   * duplicate event, then writes and reads of the same store.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that a failed call releases its connection and its transaction, and
   * that the writer survives the failure of one task.
   *
   * @throws Exception if the test cannot run
   */
  void required_B6_storeKeepsServingAfterFailures() throws Exception;

  /**
   * B7. Nothing is ever altered on the way in: every string the store accepts reads back exactly,
   * code unit for code unit. A string it cannot store exactly (an unpaired UTF-16 surrogate in an
   * id or a plain text field; NUL where the backend cannot hold it) fails with invalid-argument
   * naming the field, so two different ids can never alias one stored row. Inside JSON payloads an
   * unpaired surrogate either round-trips exactly (stored as a JSON escape) or is refused; the
   * choice is stated in the backend's docs.
   *
   * <p>Verifies: lone surrogates in user, session, app and event ids and in each plain text event
   * field, refused without touching the session whose id they would alias; lone surrogates in
   * event content, extra and state, read back exactly or as their escape, or refused.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: the conversion of strings to the storage's encoding: a driver that
   * replaces what it cannot encode with {@code ?} or U+FFFD instead of failing.
   *
   * @throws Exception if the test cannot run
   */
  void required_B7_anUnpairedSurrogateInAnIdIsRefusedSoNoTwoIdsAlias() throws Exception;

  /**
   * B8. Timestamps outside the supported range (at least years 1 to 9999, stated in the docs) fail
   * with invalid-argument; inside it they round-trip to the exact millisecond on every backend.
   *
   * <p>Verifies: times just outside years 1 and 9999 and far beyond, in events, queries, retention
   * and restores; events at the first and last millisecond of the range and around 1582 and 1970.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: the conversion of times at the edges (a calendar switch in 1582,
   * negative epoch values, overflow of the stored type).
   *
   * @throws Exception if the test cannot run
   */
  void required_B8_timesOutsideYearsOneTo9999AreRefusedAndTheRangeRoundTripsExactly()
      throws Exception;

  /**
   * B9. Plain text event fields have a configurable size limit, like JSON documents (B4).
   *
   * <p>Verifies: author, branch, invocation id, error code and error message at the limit and one
   * character over it, on a store with a small limit; the over-long ones refused naming the field,
   * with their deltas not applied.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that the document limit also applies to every plain text field of an
   * event, on every append path.
   *
   * @throws Exception if the test cannot run
   */
  void required_B9_plainTextEventFieldsHaveASizeLimit() throws Exception;

  /**
   * B10. A stored document the store cannot read (state edited into something that is not a JSON
   * object) is a {@code StorageException}, never the caller's {@code InvalidArgumentException},
   * and fails only the calls that must read it: a corrupt user state fails {@code getUserState}
   * and {@code loadSession} of that user's sessions; a corrupt session state fails reads of that
   * session; other sessions, the events, app state, other users and appends that leave the corrupt
   * scope alone keep working.
   *
   * <p>Verifies: a user state and a session state overwritten through SQL with JSON arrays, then
   * the reads that need them and the reads and appends that do not.
   *
   * <p>Not run when: the backend does not declare {@link TckCapability#DATABASE_ACCESS}.
   *
   * <p>If this fails, check: that a decoding failure of stored data is translated into {@code
   * StorageException}, and that each read decodes only the rows it returns.
   *
   * @throws Exception if the test cannot run
   */
  void optional_B10_corruptStoredStateIsAStorageErrorThatFailsOnlyWhatReadsIt() throws Exception;

  // ---- when the storage fails ------------------------------------------------------------------

  /**
   * W1. A failed read is reported, never disguised as a result: while the storage fails
   * underneath, every read of sessions, events, app or user state and the schema version fails
   * with a {@code StorageException}, never answers empty ("nothing stored" and "no tables yet",
   * L2, are answers about data, not about failures); once the storage works again, the same store
   * reads everything as before, and every read sees the latest writes.
   *
   * <p>Verifies: every read while {@code breakStorage()} is in effect; after the repair, the stored
   * data, and an append seen by loads repeated often enough to reach every pooled connection.
   *
   * <p>Not run when: the backend does not declare {@link TckCapability#STORAGE_FAULTS}.
   *
   * <p>If this fails, check: that only the storage's own "table does not exist" error is turned
   * into an empty result, and every other failure fails the future.
   *
   * @throws Exception if the test cannot run
   */
  void optional_W1_failedReadsAreReportedNeverAnsweredEmpty() throws Exception;

  /**
   * W2. A failed write is reported and writes nothing: while the storage fails underneath,
   * creating, appending (one or a batch), replacing state and restoring fail with a {@code
   * StorageException} whose cause is the storage's error (and whose message does not send the
   * caller to {@code createTables()}), never report success; once the storage works again, the
   * same store serves writes and reads correctly, and none of the failed writes took effect.
   *
   * <p>Verifies: every kind of write while {@code breakStorage()} is in effect, their failures'
   * causes and messages; after the repair, the data as it was and a working store.
   *
   * <p>Not run when: the backend does not declare {@link TckCapability#STORAGE_FAULTS}.
   *
   * <p>If this fails, check: that a write whose transaction fails completes its future
   * exceptionally, and that the failure rolls back everything that write did.
   *
   * @throws Exception if the test cannot run
   */
  void optional_W2_failedWritesAreReportedAndWriteNothing() throws Exception;

  /**
   * W3. Storage removed under an open store (its file deleted, its schema dropped) fails every
   * later write with a {@code StorageException}; none is reported as done, because none could ever
   * be read again.
   *
   * <p>Verifies: appends, a create and a replace after {@code removeStorage()}.
   *
   * <p>Not run when: the backend does not declare {@link TckCapability#STORAGE_REMOVAL}.
   *
   * <p>If this fails, check: that writes notice the storage is gone (a file store keeps writing
   * into a deleted file's inode unless it checks the file before it commits).
   *
   * @throws Exception if the test cannot run
   */
  void optional_W3_writesToRemovedStorageFailAndAreNeverAcknowledged() throws Exception;

  // ---- concurrency and load --------------------------------------------------------------------

  /**
   * C1. N threads appending to N sessions: every event persists, none is reported twice.
   *
   * <p>Verifies: {@code adkstore.tck.threads} callers released together, each appending up to 20
   * events to its own session; each session's events in order, and the event count of {@code
   * stats()}.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that concurrent writes are serialized or isolated properly (a shared
   * connection or statement used by two threads, a batch committed twice).
   *
   * @throws Exception if the test cannot run
   */
  void required_C1_concurrentAppendsToManySessionsAllPersistOnce() throws Exception;

  /**
   * C2. Many concurrent writers and readers for a while: no "database is locked" or busy error
   * reaches the caller, and no acknowledged write is lost.
   *
   * <p>Verifies: half of {@code adkstore.tck.threads} callers appending with deltas to three shared
   * sessions while the others read them; every acknowledged event and each writer's last app key.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: the busy timeout or retry of every connection, and that readers never
   * hold a lock a writer waits for without end.
   *
   * @throws Exception if the test cannot run
   */
  void required_C2_concurrentWritersAndReadersSeeNoBusyErrorsAndLoseNothing() throws Exception;

  /**
   * C3. When the work queue is full, new calls, reads as well as writes, fail fast with an overload
   * error instead of blocking forever or exhausting memory; every acknowledged write persists.
   *
   * <p>Verifies: 5,000 appends and then 5,000 reads issued without waiting to a store whose queue
   * holds one; only overload failures, some of them, every acknowledged append stored.
   *
   * <p>Not run when: the backend does not declare {@link TckCapability#BOUNDED_WRITE_QUEUE}.
   *
   * <p>If this fails, check: that the queue is bounded and offered to without blocking, and that a
   * refusal completes the future with {@code StoreOverloadedException}.
   *
   * @throws Exception if the test cannot run
   */
  void optional_C3_fullQueueFailsFastWithOverload() throws Exception;

  /**
   * C4. Futures complete off the caller's thread; a caller blocking inside a completion callback
   * does not deadlock the store.
   *
   * <p>Verifies: the thread that completes pending appends' futures; callbacks that append and read
   * and wait for both, on five appends at once.
   *
   * <p>Not run when: never (always run).
   *
   * <p>If this fails, check: that futures are completed on a thread of their own, not the writer's
   * or the caller's, so that a callback waiting on the store cannot stop the work it waits for.
   *
   * @throws Exception if the test cannot run
   */
  void required_C4_futuresCompleteOffTheCallersThread() throws Exception;

  // ---- long-term memory (MEMORY.md, store port) ------------------------------------------------

  /**
   * M1. {@code addMemories} stores every entry whose key (session and event key) is new and returns
   * how many it added; an entry whose key is stored is skipped and the stored one stays as it was
   * (content, words, vector); of two entries with one key in a batch the first is stored; a batch
   * with one invalid entry fails with invalid-argument and stores none.
   *
   * <p>Verifies: the counts of a first add, of an add repeating a key with other content and of a batch with
   * a key twice; the entries a search then finds; a batch whose last entry's content is not a JSON
   * object.
   *
   * <p>Not run when: the backend does not declare {@link TckCapability#MEMORY}.
   *
   * <p>If this fails, check: that the insert skips a known key inside the statement (INSERT OR IGNORE, ON CONFLICT DO
   * NOTHING) instead of reading first, counts only inserted rows, and that the whole batch is one
   * transaction.
   *
   * @throws Exception if the test cannot run
   */
  void optional_M1_addStoresNewEntriesOnceAndAtomically() throws Exception;

  /**
   * M2. {@code knownMemoryKeys(session, keys)} returns exactly the given keys that have entries in
   * that session: not those of another session, another user or another app with the same ids.
   *
   * <p>Verifies: the known keys among stored, missing and foreign ones, for the owning session and for its
   * namesakes under another session, user and app; an empty list of keys.
   *
   * <p>Not run when: the backend does not declare {@link TckCapability#MEMORY}.
   *
   * <p>If this fails, check: that the lookup filters by app, user and session as well as by key.
   *
   * @throws Exception if the test cannot run
   */
  void optional_M2_knownKeysAreTheStoredOnesOfThatSession() throws Exception;

  /**
   * M3. {@code searchMemories} returns that app and user's entries holding at least one of the
   * words, never another user's or app's; of two equally long entries whose words each occur once,
   * the one holding more query words first; equal relevance puts the newer event first, then
   * session id, then event key; at most {@code limit}; no words or limit 0 give none; a negative
   * limit fails with invalid-argument; words are data: quotes, {@code *}, {@code -}, {@code :},
   * {@code ^}, parentheses, {@code NEAR}, {@code OR} and {@code NOT} never fail and match only
   * words.
   *
   * <p>Verifies: searches over entries of one user, of another user and of another app holding the same words;
   * the order for one and two matching words; limits 1, 0 and -1; a search of no words; a search
   * of every query operator as words.
   *
   * <p>Not run when: the backend does not declare {@link TckCapability#MEMORY}.
   *
   * <p>If this fails, check: the user and app filter of the full-text query, the ranking's direction (bm25 is better when
   * lower, ts_rank when higher), the tie order, and that the words are bound inside quoted
   * strings or phrases, never concatenated into the query language.
   *
   * @throws Exception if the test cannot run
   */
  void optional_M3_searchFindsOneUsersEntriesHoldingAWordBestFirst() throws Exception;

  /**
   * M4. {@code nearestMemories} returns that app and user's entries embedded by the query's
   * embedder whose cosine similarity with the query vector is at least the minimum, most similar
   * first, at most {@code limit}: never another user's, nor an entry of another embedder or
   * without a vector, whatever its similarity.
   *
   * <p>Verifies: the entries found for a query vector among entries of the same user with similar, orthogonal
   * and opposite vectors, of another embedder, without vectors, and of another user; limit 1.
   *
   * <p>Not run when: the backend does not declare {@link TckCapability#MEMORY}.
   *
   * <p>If this fails, check: the filter by app, user and embedder id, the similarity (cosine, not a dot product of
   * unnormalized vectors) and the sort direction.
   *
   * @throws Exception if the test cannot run
   */
  void optional_M4_nearestFindsOneUsersEntriesOfOneEmbedderBySimilarity() throws Exception;

  /**
   * M5. {@code deleteMemories(app, user, null)} deletes all of that user's entries in the app and
   * {@code deleteMemories(app, user, session)} those of one session; each returns the count, touches
   * no other user, app or session, and returns 0 when there is nothing to delete; the keys are
   * unknown afterwards, so adding them again stores them again.
   *
   * <p>Verifies: counts and what remains after deleting one session's entries, one user's entries, and
   * nothing; adding a deleted entry again.
   *
   * <p>Not run when: the backend does not declare {@link TckCapability#MEMORY}.
   *
   * <p>If this fails, check: the WHERE clause of both deletes (app and user, and the session), and that the full-text
   * index loses the deleted entries too.
   *
   * @throws Exception if the test cannot run
   */
  void optional_M5_deleteRemovesOneUsersOrOneSessionsEntriesOnly() throws Exception;

  /**
   * M6. {@code deleteOldMemories(scope)} counts (dry run) or deletes the entries whose event time
   * is before the cutoff, in one app or in all, and returns the count; an entry at the cutoff
   * stays.
   *
   * <p>Verifies: a dry run, a deletion in one app and one in all apps, around the cutoff.
   *
   * <p>Not run when: the backend does not declare {@link TckCapability#MEMORY}.
   *
   * <p>If this fails, check: the comparison with the cutoff (strictly before) and the optional app filter.
   *
   * @throws Exception if the test cannot run
   */
  void optional_M6_entriesOfOldEventsAreDeletedByRetention() throws Exception;

  /**
   * M7. Entries do not depend on sessions: adding entries for a session the store lacks succeeds,
   * and deleting a session (S10) or removing idle sessions (R1) leaves its entries alone.
   *
   * <p>Verifies: adds for a missing session, then a session deleted and an idle one removed by retention, and
   * the entries found afterwards.
   *
   * <p>Not run when: the backend does not declare {@link TckCapability#MEMORY}.
   *
   * <p>If this fails, check: that the memory table has no foreign key to the sessions table and no cascade from it.
   *
   * @throws Exception if the test cannot run
   */
  void optional_M7_entriesDoNotDependOnSessions() throws Exception;

  /**
   * M8. An entry reads back as it was added: session, event key, author, timestamp to the
   * millisecond, content JSON text, words in order, embedder id and vector components exactly.
   *
   * <p>Verifies: an entry with every field set, including non-BMP text, found by search and by nearest, and
   * one without author or vector.
   *
   * <p>Not run when: the backend does not declare {@link TckCapability#MEMORY}.
   *
   * <p>If this fails, check: the column types (the vector as float32 bytes in a fixed byte order, the content as the JSON
   * text written), the timestamp conversion, and the mapping of a missing author or vector.
   *
   * @throws Exception if the test cannot run
   */
  void optional_M8_anEntryReadsBackAsAdded() throws Exception;

  /**
   * M9. The general rules hold for entries: reads before {@code createTables()} find nothing and
   * an add fails clearly (L2); invalid ids fail with invalid-argument naming the field (B1, B2);
   * ids, words and content with quotes, semicolons, SQL fragments, NUL and non-BMP characters are
   * stored and matched verbatim (B5); content over the configured limit fails with a payload
   * error and writes nothing; the store serves calls after every failure (B6); concurrent adds of
   * the same entries store each once without a uniqueness failure, while searches run (C1,
   * C2).
   *
   * <p>Verifies: reads and an add before {@code createTables()}; blank and over-long ids; hostile ids and
   * words; an oversized content; 8 threads adding the same 20 entries while 4 search.
   *
   * <p>Not run when: the backend does not declare {@link TckCapability#MEMORY}.
   *
   * <p>If this fails, check: the missing-table handling of the memory reads, the payload check of the content before any
   * write, and that concurrent inserts of one key rely on the database's conflict clause.
   *
   * @throws Exception if the test cannot run
   */
  void optional_M9_entriesFollowTheGeneralRules() throws Exception;
}
