package dev.adkstore.sqlite.tck;

import dev.adkstore.api.AppendCondition;
import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.EventAppend;
import dev.adkstore.api.EventQuery;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.MemoryEntry;
import dev.adkstore.api.MemoryNeighbours;
import dev.adkstore.api.MemorySearch;
import dev.adkstore.api.NewSession;
import dev.adkstore.api.RetentionScope;
import dev.adkstore.api.ScopedState;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.SessionQuery;
import dev.adkstore.api.SchemaStatus;
import dev.adkstore.api.SessionRecord;
import dev.adkstore.api.SessionSnapshot;
import dev.adkstore.api.StateDelta;
import dev.adkstore.api.StoreStats;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * An {@link AsyncAdkStore} that forwards every call to another: the base of the deliberately broken
 * stores in {@link BrokenBackendsTest}, each of which overrides what it breaks.
 *
 * <p>As thread-safe as the store it forwards to.
 */
class ForwardingStore implements AsyncAdkStore {
  /** The store calls are forwarded to. */
  final AsyncAdkStore delegate;

  ForwardingStore(AsyncAdkStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public CompletableFuture<Void> createTables() {
    return delegate.createTables();
  }

  @Override
  public CompletableFuture<OptionalInt> schemaVersion() {
    return delegate.schemaVersion();
  }

  @Override
  public CompletableFuture<SchemaStatus> schemaStatus() {
    return delegate.schemaStatus();
  }

  @Override
  public CompletableFuture<SessionRecord> createSession(NewSession session) {
    return delegate.createSession(session);
  }

  @Override
  public CompletableFuture<Optional<SessionRecord>> getSession(SessionKey key) {
    return delegate.getSession(key);
  }

  @Override
  public CompletableFuture<Optional<SessionSnapshot>> loadSession(EventQuery query) {
    return delegate.loadSession(query);
  }

  @Override
  public CompletableFuture<List<SessionRecord>> listSessions(SessionQuery query) {
    return delegate.listSessions(query);
  }

  @Override
  public CompletableFuture<SessionRecord> replaceSessionState(SessionKey key, Map<String, Object> state) {
    return delegate.replaceSessionState(key, state);
  }

  @Override
  public CompletableFuture<Boolean> deleteSession(SessionKey key) {
    return delegate.deleteSession(key);
  }

  @Override
  public CompletableFuture<Long> appendEvent(EventRecord event, StateDelta delta, AppendCondition condition) {
    return delegate.appendEvent(event, delta, condition);
  }

  @Override
  public CompletableFuture<Long> appendEvents(
      SessionKey session, List<EventAppend> appends, AppendCondition condition) {
    return delegate.appendEvents(session, appends, condition);
  }

  @Override
  public CompletableFuture<List<EventRecord>> getEvents(EventQuery query) {
    return delegate.getEvents(query);
  }

  @Override
  public CompletableFuture<Map<String, Object>> getAppState(String appName) {
    return delegate.getAppState(appName);
  }

  @Override
  public CompletableFuture<Map<String, Object>> getUserState(String appName, String userId) {
    return delegate.getUserState(appName, userId);
  }

  @Override
  public CompletableFuture<List<ScopedState>> listScopedStates(String appName) {
    return delegate.listScopedStates(appName);
  }

  @Override
  public CompletableFuture<Boolean> restoreSession(SessionRecord session, List<EventRecord> events) {
    return delegate.restoreSession(session, events);
  }

  @Override
  public CompletableFuture<Void> restoreScopedState(ScopedState state) {
    return delegate.restoreScopedState(state);
  }

  @Override
  public CompletableFuture<Long> deleteIdleSessions(RetentionScope scope) {
    return delegate.deleteIdleSessions(scope);
  }

  @Override
  public CompletableFuture<Long> deleteOldEvents(RetentionScope scope) {
    return delegate.deleteOldEvents(scope);
  }

  @Override
  public CompletableFuture<Long> deleteIdleUserStates(RetentionScope scope) {
    return delegate.deleteIdleUserStates(scope);
  }

  @Override
  public CompletableFuture<Integer> addMemories(List<MemoryEntry> entries) {
    return delegate.addMemories(entries);
  }

  @Override
  public CompletableFuture<Set<String>> knownMemoryKeys(SessionKey session, Collection<String> eventKeys) {
    return delegate.knownMemoryKeys(session, eventKeys);
  }

  @Override
  public CompletableFuture<List<MemoryEntry>> searchMemories(MemorySearch search) {
    return delegate.searchMemories(search);
  }

  @Override
  public CompletableFuture<List<MemoryEntry>> nearestMemories(MemoryNeighbours query) {
    return delegate.nearestMemories(query);
  }

  @Override
  public CompletableFuture<Long> deleteMemories(String appName, String userId, String sessionId) {
    return delegate.deleteMemories(appName, userId, sessionId);
  }

  @Override
  public CompletableFuture<Long> deleteOldMemories(RetentionScope scope) {
    return delegate.deleteOldMemories(scope);
  }

  @Override
  public CompletableFuture<StoreStats> stats() {
    return delegate.stats();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
