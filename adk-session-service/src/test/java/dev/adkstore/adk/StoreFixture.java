package dev.adkstore.adk;

import static java.util.concurrent.TimeUnit.SECONDS;

import com.google.adk.events.Event;
import com.google.adk.events.EventActions;
import com.google.adk.sessions.Session;
import com.google.genai.types.Content;
import com.google.genai.types.Part;
import dev.adkstore.api.AsyncAdkStore;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every test of the session service needs, independent of the backend: a store per test, a way
 * to "restart" over the same storage, and blocking helpers for the test thread.
 *
 * <p>A backend is tested by subclassing the abstract test classes and implementing the two hooks.
 */
abstract class StoreFixture {
  static final long TIMEOUT_SECONDS = 30;

  private final List<AsyncAdkStore> opened = new ArrayList<>();

  /** The store the current test uses; replaced by {@link #restart()}. */
  protected AsyncAdkStore store;

  /** A service over {@link #store}; replaced by {@link #restart()}. */
  protected StoreSessionService service;

  /**
   * Opens a store over new, empty storage, with its tables created. Called once per test, before
   * any {@link #reopenStore()}.
   *
   * @return the store
   * @throws Exception if the backend cannot be opened
   */
  protected abstract AsyncAdkStore newStore() throws Exception;

  /**
   * Opens another store over the storage the last {@link #newStore()} created, as a process would
   * after a restart. The previous store has been closed when this is called.
   *
   * @return the store
   * @throws Exception if the backend cannot be opened
   */
  protected abstract AsyncAdkStore reopenStore() throws Exception;

  @BeforeEach
  final void openStore() throws Exception {
    store = remember(newStore());
    service = new StoreSessionService(store);
  }

  /**
   * Releases the storage of the current test after its stores are closed, for backends whose
   * storage outlives the test (a database schema). Does nothing by default.
   *
   * @throws Exception if the storage cannot be released
   */
  protected void releaseStorage() throws Exception {}

  @AfterEach
  final void closeStores() throws Exception {
    for (AsyncAdkStore each : opened) {
      each.close();
    }
    releaseStorage();
  }

  /** Closes the store, then opens a new store and a new service over the same storage. */
  protected final void restart() throws Exception {
    store.close();
    store = remember(reopenStore());
    service = new StoreSessionService(store);
  }

  private AsyncAdkStore remember(AsyncAdkStore opened) {
    this.opened.add(opened);
    return opened;
  }

  static <T> T await(Single<T> single) {
    return single.timeout(TIMEOUT_SECONDS, SECONDS).blockingGet();
  }

  static <T> Optional<T> await(Maybe<T> maybe) {
    return Optional.ofNullable(maybe.timeout(TIMEOUT_SECONDS, SECONDS).blockingGet());
  }

  static void await(Completable completable) {
    completable.timeout(TIMEOUT_SECONDS, SECONDS).blockingAwait();
  }

  /** The error a Single fails with; fails the test if it succeeds or hangs. */
  static Throwable failure(Single<?> single) {
    Object outcome =
        single
            .map(value -> (Object) ("succeeded with " + value))
            .onErrorReturn(error -> error)
            .timeout(TIMEOUT_SECONDS, SECONDS)
            .blockingGet();
    if (outcome instanceof Throwable error) {
      return error;
    }
    throw new AssertionError("expected an error, but it " + outcome);
  }

  /** The error a Maybe fails with; fails the test if it succeeds, completes empty or hangs. */
  static Throwable failure(Maybe<?> maybe) {
    return failure(maybe.toSingle());
  }

  Session create(String app, String user, String id, Map<String, Object> state) {
    return await(service.createSession(app, user, state, id));
  }

  Session get(Session session) {
    return await(
            service.getSession(session.appName(), session.userId(), session.id(), Optional.empty()))
        .orElseThrow(() -> new AssertionError("no session " + session.id()));
  }

  Event append(Session session, Event event) {
    return await(service.appendEvent(session, event));
  }

  /** A text event with a fresh id, the given time (epoch ms) and state delta. */
  static Event textEvent(
      String author, String text, long timestampMillis, Map<String, Object> delta) {
    return Event.builder()
        .id(UUID.randomUUID().toString())
        .invocationId("inv-1")
        .author(author)
        .content(Content.fromParts(Part.fromText(text)))
        .actions(EventActions.builder().stateDelta(new ConcurrentHashMap<>(delta)).build())
        .timestamp(timestampMillis)
        .build();
  }

  static Event textEvent(String text, long timestampMillis) {
    return textEvent("user", text, timestampMillis, Map.of());
  }
}
