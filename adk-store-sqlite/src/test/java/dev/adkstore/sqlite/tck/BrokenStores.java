package dev.adkstore.sqlite.tck;

import dev.adkstore.api.AppendCondition;
import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.EventAppend;
import dev.adkstore.api.EventQuery;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.Identifiers;
import dev.adkstore.api.MemoryEntry;
import dev.adkstore.api.MemorySearch;
import dev.adkstore.api.NewSession;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.SessionQuery;
import dev.adkstore.api.SessionRecord;
import dev.adkstore.api.SchemaStatus;
import dev.adkstore.api.ScopedState;
import dev.adkstore.api.SessionSnapshot;
import dev.adkstore.api.StateDelta;
import dev.adkstore.api.StorageException;
import dev.adkstore.sqlite.SqliteAdkStore;
import dev.adkstore.sqlite.SqliteStoreConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Deliberately broken stores, each breaking one rule of the contract in a way a real backend
 * might, so that {@link BrokenBackendsTest} can check the TCK catches it. Never use them elsewhere.
 *
 * <p>Each is as thread-safe as a store needs to be for the TCK, except where the breakage is a
 * concurrency bug on purpose.
 */
final class BrokenStores {
  private BrokenStores() {}

  /** Answers {@code limit N} with the oldest N events instead of the most recent N (E4). */
  static final class OldestEvents extends ForwardingStore {
    OldestEvents(AsyncAdkStore delegate) {
      super(delegate);
    }

    @Override
    public CompletableFuture<List<EventRecord>> getEvents(EventQuery query) {
      if (query.limit() == null) {
        return delegate.getEvents(query);
      }
      return delegate.getEvents(new EventQuery(query.session(), query.after(), null))
          .thenApply(all -> all.subList(0, Math.min(query.limit(), all.size())));
    }
  }

  /** Treats {@code after} as exclusive: drops events exactly at the bound (E3). */
  static final class ExclusiveAfter extends ForwardingStore {
    ExclusiveAfter(AsyncAdkStore delegate) {
      super(delegate);
    }

    @Override
    public CompletableFuture<List<EventRecord>> getEvents(EventQuery query) {
      return delegate.getEvents(query).thenApply(events -> events.stream()
          .filter(e -> query.after() == null || e.timestamp().isAfter(query.after()))
          .collect(Collectors.toList()));
    }
  }

  /**
   * Keeps serving the events of a deleted session, as a cache that deletes do not invalidate
   * would (S10).
   */
  static final class StaleEventsAfterDelete extends ForwardingStore {
    private final Map<SessionKey, List<EventRecord>> seen = new ConcurrentHashMap<>();

    StaleEventsAfterDelete(AsyncAdkStore delegate) {
      super(delegate);
    }

    @Override
    public CompletableFuture<Long> appendEvent(EventRecord event, StateDelta delta, AppendCondition condition) {
      return delegate.appendEvent(event, delta, condition).thenApply(version -> {
        seen.computeIfAbsent(event.session(), k -> new CopyOnWriteArrayList<>()).add(event);
        return version;
      });
    }

    @Override
    public CompletableFuture<List<EventRecord>> getEvents(EventQuery query) {
      return delegate.getEvents(query).thenApply(events ->
          events.isEmpty() ? List.copyOf(seen.getOrDefault(query.session(), List.of())) : events);
    }
  }

  /** Finds a session by id alone when the user's own lookup misses: shows it to another user (S3). */
  static final class CrossUserReads extends ForwardingStore {
    CrossUserReads(AsyncAdkStore delegate) {
      super(delegate);
    }

    @Override
    public CompletableFuture<Optional<SessionRecord>> getSession(SessionKey key) {
      return delegate.getSession(key).thenCompose(found -> found.isPresent()
          ? CompletableFuture.completedFuture(found)
          : delegate.listSessions(SessionQuery.forApp(key.appName())).thenApply(all -> all.stream()
              .filter(s -> s.key().sessionId().equals(key.sessionId())).findFirst()));
    }
  }

  /** Deep-merges nested objects of a delta into the stored values instead of replacing them (T4). */
  static final class DeepMergingDeltas extends ForwardingStore {
    DeepMergingDeltas(AsyncAdkStore delegate) {
      super(delegate);
    }

    @Override
    public CompletableFuture<Long> appendEvent(EventRecord event, StateDelta delta, AppendCondition condition) {
      SessionKey key = event.session();
      Map<String, Object> session =
          delegate.getSession(key).join().map(SessionRecord::state).orElse(Map.of());
      Map<String, Object> app = delegate.getAppState(key.appName()).join();
      Map<String, Object> user = delegate.getUserState(key.appName(), key.userId()).join();
      StateDelta merged = new StateDelta(
          mergeInto(session, delta.session()), mergeInto(app, delta.app()), mergeInto(user, delta.user()));
      return delegate.appendEvent(event, merged, condition);
    }

    private static Map<String, Object> mergeInto(Map<String, Object> stored, Map<String, Object> changes) {
      Map<String, Object> result = new LinkedHashMap<>();
      changes.forEach((k, v) -> result.put(k, merge(stored.get(k), v)));
      return result;
    }

    @SuppressWarnings("unchecked")
    private static Object merge(Object stored, Object change) {
      if (stored instanceof Map<?, ?> old && change instanceof Map<?, ?> fresh) {
        Map<String, Object> result = new LinkedHashMap<>((Map<String, Object>) old);
        ((Map<String, Object>) fresh).forEach((k, v) -> result.put(k, merge(result.get(k), v)));
        return result;
      }
      return change;
    }
  }

  /**
   * Loses the app and user changes of an append made while another is in flight, as a
   * read-modify-write of shared state without a lock would (T5).
   */
  static final class LostConcurrentUpdates extends ForwardingStore {
    private final AtomicInteger inFlight = new AtomicInteger();

    LostConcurrentUpdates(AsyncAdkStore delegate) {
      super(delegate);
    }

    @Override
    public CompletableFuture<Long> appendEvent(EventRecord event, StateDelta delta, AppendCondition condition) {
      boolean overlapping = inFlight.getAndIncrement() > 0;
      StateDelta applied = overlapping ? new StateDelta(delta.session(), Map.of(), Map.of()) : delta;
      return delegate.appendEvent(event, applied, condition)
          .whenComplete((version, failure) -> inFlight.decrementAndGet());
    }
  }

  /** Validates arguments by throwing from the call instead of failing the future (B1). */
  static final class ThrowsSynchronously extends ForwardingStore {
    ThrowsSynchronously(AsyncAdkStore delegate) {
      super(delegate);
    }

    @Override
    public CompletableFuture<Map<String, Object>> getAppState(String appName) {
      Identifiers.requireId("appName", appName);
      return delegate.getAppState(appName);
    }

    @Override
    public CompletableFuture<Map<String, Object>> getUserState(String appName, String userId) {
      Identifiers.requireId("appName", appName);
      Identifiers.requireId("userId", userId);
      return delegate.getUserState(appName, userId);
    }

    @Override
    public CompletableFuture<SessionRecord> createSession(NewSession session) {
      Identifiers.requireNonNull("session", session);
      return delegate.createSession(session);
    }
  }

  /** Stores times to the second, as a backend with a coarse column type would (S12). */
  static final class SecondPrecision extends ForwardingStore {
    SecondPrecision(AsyncAdkStore delegate) {
      super(delegate);
    }

    @Override
    public CompletableFuture<Long> appendEvent(EventRecord event, StateDelta delta, AppendCondition condition) {
      return delegate.appendEvent(truncate(event), delta, condition);
    }

    @Override
    public CompletableFuture<Long> appendEvents(
        SessionKey session, List<EventAppend> appends, AppendCondition condition) {
      List<EventAppend> truncated = new ArrayList<>();
      appends.forEach(a -> truncated.add(new EventAppend(truncate(a.event()), a.delta())));
      return delegate.appendEvents(session, truncated, condition);
    }

    private static EventRecord truncate(EventRecord e) {
      Instant seconds = e.timestamp().truncatedTo(ChronoUnit.SECONDS);
      return new EventRecord(e.session(), e.id(), e.invocationId(), e.author(), e.actions(),
          e.longRunningToolIdsJson(), e.branch(), seconds, e.content(), e.groundingMetadata(),
          e.customMetadata(), e.partial(), e.turnComplete(), e.interrupted(), e.errorCode(),
          e.errorMessage(), e.extra());
    }
  }

  /**
   * Writes every event of a batch into the session it is keyed to, whatever session the batch
   * names: {@code appendEvents(alice's s1, ...)} writes into bob's session (a cross-tenant write,
   * E9).
   */
  static final class CrossTenantBatches extends ForwardingStore {
    CrossTenantBatches(AsyncAdkStore delegate) {
      super(delegate);
    }

    @Override
    public CompletableFuture<Long> appendEvents(
        SessionKey session, List<EventAppend> appends, AppendCondition condition) {
      Map<SessionKey, List<EventAppend>> bySession = new LinkedHashMap<>();
      appends.forEach(a -> bySession.computeIfAbsent(a.event().session(), k -> new ArrayList<>()).add(a));
      if (bySession.size() <= 1 && bySession.containsKey(session)) {
        return delegate.appendEvents(session, appends, condition);
      }
      CompletableFuture<Long> last = CompletableFuture.completedFuture(0L);
      for (Map.Entry<SessionKey, List<EventAppend>> group : bySession.entrySet()) {
        last = last.thenCompose(v -> delegate.appendEvents(group.getKey(), group.getValue(), condition));
      }
      return last;
    }
  }

  /**
   * Serves batches through a second store on the same file whose JSON limits are the defaults, as
   * a batch path that skips the payload checks would (B4).
   */
  static final class UncheckedBatches extends ForwardingStore {
    private final AsyncAdkStore unchecked;

    UncheckedBatches(SqliteAdkStore delegate) {
      super(delegate);
      this.unchecked = SqliteAdkStore.open(SqliteStoreConfig.builder()
          .path(delegate.config().path().orElseThrow())
          .tableNames(delegate.config().tableNames())
          .build());
    }

    @Override
    public CompletableFuture<Long> appendEvents(
        SessionKey session, List<EventAppend> appends, AppendCondition condition) {
      return unchecked.appendEvents(session, appends, condition);
    }

    @Override
    public void close() {
      unchecked.close();
      super.close();
    }
  }

  /**
   * Answers every read that fails in the storage as if the tables did not exist yet: empty, so a
   * broken database looks empty (W1).
   */
  static final class FailedReadsLookEmpty extends ForwardingStore {
    FailedReadsLookEmpty(AsyncAdkStore delegate) {
      super(delegate);
    }

    private static <T> CompletableFuture<T> emptyOnFailure(CompletableFuture<T> read, T empty) {
      return read.exceptionally(failure -> {
        if (unwrap(failure) instanceof StorageException) {
          return empty;
        }
        throw failure instanceof CompletionException c ? c : new CompletionException(failure);
      });
    }

    private static Throwable unwrap(Throwable failure) {
      return failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
    }

    @Override
    public CompletableFuture<OptionalInt> schemaVersion() {
      return emptyOnFailure(delegate.schemaVersion(), OptionalInt.empty());
    }

    @Override
    public CompletableFuture<Optional<SessionRecord>> getSession(SessionKey key) {
      return emptyOnFailure(delegate.getSession(key), Optional.empty());
    }

    @Override
    public CompletableFuture<Optional<SessionSnapshot>> loadSession(EventQuery query) {
      return emptyOnFailure(delegate.loadSession(query), Optional.empty());
    }

    @Override
    public CompletableFuture<List<SessionRecord>> listSessions(SessionQuery query) {
      return emptyOnFailure(delegate.listSessions(query), List.of());
    }

    @Override
    public CompletableFuture<List<EventRecord>> getEvents(EventQuery query) {
      return emptyOnFailure(delegate.getEvents(query), List.of());
    }

    @Override
    public CompletableFuture<Map<String, Object>> getAppState(String appName) {
      return emptyOnFailure(delegate.getAppState(appName), Map.of());
    }

    @Override
    public CompletableFuture<Map<String, Object>> getUserState(String appName, String userId) {
      return emptyOnFailure(delegate.getUserState(appName, userId), Map.of());
    }

    @Override
    public CompletableFuture<List<ScopedState>> listScopedStates(String appName) {
      return emptyOnFailure(delegate.listScopedStates(appName), List.of());
    }
  }

  /**
   * When {@code createTables()} refuses a database of a newer schema version, forgets the
   * recorded version and creates the tables anyway: the newer database is written to (L7).
   */
  static final class OverwritesNewerSchema extends ForwardingStore {
    private final SqliteStoreConfig config;

    OverwritesNewerSchema(SqliteAdkStore delegate) {
      super(delegate);
      this.config = delegate.config();
    }

    @Override
    public CompletableFuture<Void> createTables() {
      return delegate.createTables().exceptionallyCompose(refused -> {
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl());
            Statement statement = connection.createStatement()) {
          statement.execute("DELETE FROM " + config.tableNames().metadata()
              + " WHERE name = 'schema_version'");
        } catch (SQLException e) {
          return CompletableFuture.failedFuture(e);
        }
        return delegate.createTables();
      });
    }
  }

  /** Reports every database as up to date, whatever it records (L9). */
  static final class AlwaysUpToDate extends ForwardingStore {
    AlwaysUpToDate(AsyncAdkStore delegate) {
      super(delegate);
    }

    @Override
    public CompletableFuture<SchemaStatus> schemaStatus() {
      return delegate.schemaStatus().thenApply(status ->
          new SchemaStatus(OptionalInt.of(status.currentVersion()), status.currentVersion(), List.of()));
    }
  }

  /** Answers the status by migrating first, as a status that runs the migration library might (L9). */
  static final class StatusThatMigrates extends ForwardingStore {
    StatusThatMigrates(AsyncAdkStore delegate) {
      super(delegate);
    }

    @Override
    public CompletableFuture<SchemaStatus> schemaStatus() {
      return delegate.createTables().thenCompose(created -> delegate.schemaStatus());
    }
  }

  /**
   * Searches memory as if the user filter were missing: the entries of every user of the app who
   * holds the words are returned together (M3).
   */
  static final class LeaksOtherUsersMemories extends ForwardingStore {
    LeaksOtherUsersMemories(AsyncAdkStore delegate) {
      super(delegate);
    }

    @Override
    public CompletableFuture<List<MemoryEntry>> searchMemories(MemorySearch search) {
      MemorySearch bobs = new MemorySearch(search.appName(), "bob", search.words(), search.limit());
      return delegate.searchMemories(search).thenCombine(delegate.searchMemories(bobs), (own, leaked) -> {
        List<MemoryEntry> all = new ArrayList<>(own);
        all.addAll(leaked);
        return all.subList(0, Math.min(all.size(), search.limit()));
      });
    }
  }

  /** Ignores the limit of a memory search (M3). */
  static final class IgnoresMemoryLimit extends ForwardingStore {
    IgnoresMemoryLimit(AsyncAdkStore delegate) {
      super(delegate);
    }

    @Override
    public CompletableFuture<List<MemoryEntry>> searchMemories(MemorySearch search) {
      return delegate.searchMemories(new MemorySearch(search.appName(), search.userId(), search.words(), 1_000));
    }
  }
}
