package dev.adkstore.sqlite.tck;

import dev.adkstore.api.AppendCondition;
import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.EventAppend;
import dev.adkstore.api.EventQuery;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.Identifiers;
import dev.adkstore.api.NewSession;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.SessionQuery;
import dev.adkstore.api.SessionRecord;
import dev.adkstore.api.StateDelta;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
}
