package dev.adkstore.cli;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.EventQuery;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.NewSession;
import dev.adkstore.api.ScopedState;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.SessionQuery;
import dev.adkstore.api.SessionRecord;
import dev.adkstore.api.StateDelta;
import dev.adkstore.sqlite.SqliteAdkStore;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Seeds stores with known data and reads whole stores back for comparison. */
final class TestStores {
  static final String APP = "shop";
  static final String OTHER_APP = "support";

  private TestStores() {}

  static String url(Path file) {
    return "jdbc:sqlite:" + file;
  }

  static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static AsyncAdkStore open(Path file) {
    AsyncAdkStore store = SqliteAdkStore.open(file);
    await(store.createTables());
    return store;
  }

  /**
   * Seeds: app state for shop; user state for shop/u1; sessions shop/u1/s1 (3 events), shop/u1/s2,
   * shop/u2/s1 (1 event), support/u1/t1 (2 events).
   */
  static void seed(Path file) {
    try (AsyncAdkStore store = open(file)) {
      Map<String, Object> nested = new LinkedHashMap<>();
      nested.put("ratio", 1.0);
      nested.put("big", new BigInteger("123456789012345678901234567890"));
      nested.put("list", List.of("a", 2, true));
      nested.put("text", "grüße ✓ \"quoted\"\nline");
      createWithEvents(store, SessionKey.of(APP, "u1", "s1"), Map.of("cart", nested), 3);
      createWithEvents(store, SessionKey.of(APP, "u1", "s2"), Map.of(), 0);
      createWithEvents(store, SessionKey.of(APP, "u2", "s1"), Map.of("n", 7), 1);
      createWithEvents(store, SessionKey.of(OTHER_APP, "u1", "t1"), Map.of(), 2);
      SessionKey key = SessionKey.of(APP, "u1", "s1");
      await(
          store.appendEvent(
              event(key, "scoped", Instant.now().truncatedTo(ChronoUnit.MILLIS), "set scopes"),
              StateDelta.builder().putApp("theme", "dark").putUser("color", "blue").build()));
    }
  }

  static void createWithEvents(AsyncAdkStore store, SessionKey key, Map<String, Object> state, int events) {
    await(store.createSession(NewSession.of(key, state)));
    Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    for (int i = 0; i < events; i++) {
      await(
          store.appendEvent(
              event(key, "e" + i, start.plusMillis(i), "message " + i + " of " + key.sessionId()),
              StateDelta.ofSession(Map.of("turn", i))));
    }
  }

  static EventRecord event(SessionKey key, String id, Instant time, String text) {
    return EventRecord.builder(key, id, time)
        .invocationId("inv-" + id)
        .author(id.hashCode() % 2 == 0 ? "user" : "assistant")
        .content("{\"role\":\"user\",\"parts\":[{\"text\":\"" + text + "\"}]}")
        .actions("{\"stateDelta\":{\"turn\":1}}".getBytes(StandardCharsets.UTF_8))
        .customMetadata("{\"n\": 1.50}")
        .turnComplete(true)
        .extra("{\"usageMetadata\":{\"tokens\":3}}")
        .build();
  }

  /** A session restored with times in the past: what prune tests need. */
  static void restoreOld(Path file, SessionKey key, Duration age, int events) {
    try (AsyncAdkStore store = open(file)) {
      Instant then = Instant.now().minus(age).truncatedTo(ChronoUnit.MILLIS);
      List<EventRecord> list = new ArrayList<>();
      for (int i = 0; i < events; i++) {
        list.add(event(key, "old" + i, then.plusMillis(i), "old " + i));
      }
      Instant updated = events == 0 ? then : then.plusMillis(events - 1);
      await(store.restoreSession(new SessionRecord(key, Map.of(), then, updated, 1, null), list));
      await(store.restoreScopedState(new ScopedState(key.appName(), key.userId(), Map.of("old", true), then)));
    }
  }

  /** Everything a store holds, in a comparable form. */
  record Contents(
      Map<String, SessionRecord> sessions,
      Map<String, List<EventRecord>> events,
      Map<String, Map<String, Object>> states) {}

  static Contents contents(String url) {
    try (AsyncAdkStore store = dev.adkstore.cli.internal.StoreUrls.open(url, dev.adkstore.cli.internal.StoreUrls.Access.READ)) {
      return contents(store);
    }
  }

  static Contents contents(AsyncAdkStore store) {
    Map<String, SessionRecord> sessions = new TreeMap<>();
    Map<String, List<EventRecord>> events = new TreeMap<>();
    for (SessionRecord session : await(store.listSessions(SessionQuery.everything()))) {
      String name = session.key().toString();
      sessions.put(name, session);
      events.put(name, await(store.getEvents(EventQuery.all(session.key()))));
    }
    Map<String, Map<String, Object>> states = new TreeMap<>();
    for (ScopedState state : await(store.listScopedStates(null))) {
      states.put(state.appName() + "/" + state.userId() + "@" + state.updateTime(), state.state());
    }
    return new Contents(sessions, events, states);
  }
}
