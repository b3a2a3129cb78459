package dev.adkstore.benchmarks;

import com.google.adk.events.Event;
import com.google.adk.sessions.GetSessionConfig;
import com.google.adk.sessions.InMemorySessionService;
import com.google.adk.sessions.Session;
import dev.adkstore.adk.StoreSessionService;
import dev.adkstore.api.AppendCondition;
import dev.adkstore.api.EventAppend;
import dev.adkstore.api.EventQuery;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.NewSession;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.SessionSnapshot;
import dev.adkstore.sqlite.SqliteAdkStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Measures what ADK users pay for the store through {@link StoreSessionService} (the {@code
 * BaseSessionService} they call), on SQLite, against the store's own call doing the same work, in
 * the same run; and, for reads, ADK's own {@link InMemorySessionService} on the same content.
 *
 * <ul>
 *   <li>Append: {@link #serviceAppendEvent} appends an ADK event (a 1 KiB user message, state delta
 *       {@code turn = n}; {@link AdkEvents#event}) through {@code service.appendEvent(session,
 *       event).blockingGet()}; {@link #storeAppendEvent} appends the record the service writes for
 *       it ({@link AdkEvents#record}) with the same delta and the same precondition (the session's
 *       version) through {@code store.appendEvent(...).join()}. One appender each.
 *   <li>Read, on a session of 1,000 or 100,000 such events ({@code events} parameter): {@link
 *       #serviceGetSessionLast50} is {@code getSession} with {@code GetSessionConfig}
 *       {@code numRecentEvents(50)}; {@link #storeLoadSessionLast50} is the store call the service
 *       makes for it, {@code loadSession(EventQuery.all(key).last(50))}; {@link
 *       #inMemoryGetSessionLast50} is ADK's {@code InMemorySessionService.getSession} with the same
 *       config on a session populated through its own {@code appendEvent} with the same events.
 * </ul>
 *
 * <p>Run: {@code java -jar adk-benchmarks/target/benchmarks.jar SessionServiceBenchmark} (reads on
 * one size: add {@code -p events=100000}).
 *
 * <p>JMH states: each belongs to the trial's one thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class SessionServiceBenchmark {
  static final String APP = "bench";
  static final String USER = "user";
  static final int LAST = 50;

  /**
   * How many events the appending {@link Session} object keeps: ADK's Runner keeps every event
   * in it, but over a trial of hundreds of thousands of appends that list would only measure the
   * heap, so the benchmark empties it when it reaches this size. The service never reads it.
   */
  static final int KEEP_EVENTS = 1_000;

  /** A store on a fresh file, with one session for the service and one for the store. */
  @State(Scope.Benchmark)
  public static class Appending {
    final EventPayloads payloads = EventPayloads.ofContentSize(EventPayloads.DEFAULT_CONTENT_BYTES);
    Path directory;
    SqliteAdkStore store;
    AdkEvents events;
    StoreSessionService service;
    Session serviceSession;
    long nextServiceEvent;
    SessionKey storeSession;
    long storeVersion;
    long nextStoreEvent;

    /** Opens the store, learns the service's records and creates both sessions. */
    @Setup(Level.Trial)
    public void open() {
      directory = TempDirectory.create("adk-service-append");
      store = SqliteAdkStore.open(SqliteAppendBenchmark.config(directory.resolve("store.db")));
      store.createTables().join();
      events = AdkEvents.learn(store, payloads);
      service = new StoreSessionService(store);
      serviceSession = service.createSession(APP, USER, new HashMap<>(), "service").blockingGet();
      storeSession = SessionKey.of(APP, USER, "store");
      storeVersion = store.createSession(NewSession.of(storeSession, Map.of())).join().version();
    }

    /** Closes the store and deletes its file. */
    @TearDown(Level.Trial)
    public void close() {
      store.close();
      TempDirectory.delete(directory);
    }
  }

  /**
   * One session of {@link #events} events, in the store and in an {@link InMemorySessionService}.
   */
  @State(Scope.Benchmark)
  public static class History {
    @Param({"1000", "100000"})
    int events;

    final EventPayloads payloads = EventPayloads.ofContentSize(EventPayloads.DEFAULT_CONTENT_BYTES);
    final SessionKey key = SessionKey.of(APP, USER, "history");
    final Optional<GetSessionConfig> last50 =
        Optional.of(GetSessionConfig.builder().numRecentEvents(LAST).build());
    final EventQuery query = EventQuery.all(key).last(LAST);
    Path directory;
    SqliteAdkStore store;
    StoreSessionService service;
    InMemorySessionService inMemory;

    /**
     * Fills the store's session with the records the service writes (in atomic batches, {@link
     * SqliteReadBenchmark#appendHistory}) and the in-memory session through its own {@code
     * appendEvent}, then checks that the three reads return the same 50 event ids.
     */
    @Setup(Level.Trial)
    public void fill() {
      directory = TempDirectory.create("adk-service-read");
      store = SqliteAdkStore.open(SqliteAppendBenchmark.config(directory.resolve("store.db")));
      store.createTables().join();
      AdkEvents adk = AdkEvents.learn(store, payloads);
      store.createSession(NewSession.of(key, Map.of())).join();
      SqliteReadBenchmark.appendHistory(
          store, key, events, n -> new EventAppend(adk.record(key, n), EventPayloads.delta(n)));
      service = new StoreSessionService(store);

      inMemory = new InMemorySessionService();
      Session session =
          inMemory.createSession(APP, USER, new HashMap<>(), key.sessionId()).blockingGet();
      for (long n = 0; n < events; n++) {
        inMemory.appendEvent(session, adk.event(n)).blockingGet();
      }

      List<String> expected =
          storeRead().orElseThrow().events().stream().map(EventRecord::id).toList();
      requireSameIds("StoreSessionService", expected, eventIds(serviceRead()));
      requireSameIds("InMemorySessionService", expected, eventIds(inMemoryRead()));
    }

    Session serviceRead() {
      return service.getSession(APP, USER, key.sessionId(), last50).blockingGet();
    }

    Optional<SessionSnapshot> storeRead() {
      return store.loadSession(query).join();
    }

    Session inMemoryRead() {
      return inMemory.getSession(APP, USER, key.sessionId(), last50).blockingGet();
    }

    private static List<String> eventIds(Session session) {
      return session.events().stream().map(Event::id).toList();
    }

    private static void requireSameIds(String who, List<String> expected, List<String> read) {
      if (expected.size() != LAST || !expected.equals(read)) {
        throw new IllegalStateException(
            who + " read events " + read + ", the store " + expected);
      }
    }

    /** Closes the store and deletes its file. */
    @TearDown(Level.Trial)
    public void close() {
      store.close();
      TempDirectory.delete(directory);
    }
  }

  /**
   * The service's append of an ADK event, as ADK's Runner makes it.
   *
   * @param a the store and the session object
   * @return the appended event
   */
  @Benchmark
  public Event serviceAppendEvent(Appending a) {
    if (a.serviceSession.events().size() >= KEEP_EVENTS) {
      a.serviceSession.events().clear();
    }
    return a.service
        .appendEvent(a.serviceSession, a.events.event(a.nextServiceEvent++))
        .blockingGet();
  }

  /**
   * The store's append of the record the service would write, with the service's precondition.
   *
   * @param a the store and its session
   * @return the session's new version
   */
  @Benchmark
  public long storeAppendEvent(Appending a) {
    long n = a.nextStoreEvent++;
    a.storeVersion =
        a.store
            .appendEvent(
                a.events.record(a.storeSession, n),
                EventPayloads.delta(n),
                AppendCondition.expectVersion(a.storeVersion))
            .join();
    return a.storeVersion;
  }

  /**
   * The service's {@code getSession} with the last 50 events.
   *
   * @param h the filled session
   * @return the session
   */
  @Benchmark
  public Session serviceGetSessionLast50(History h) {
    return h.serviceRead();
  }

  /**
   * The store call behind it: session, last 50 events, app and user state in one read.
   *
   * @param h the filled session
   * @return the snapshot
   */
  @Benchmark
  public Optional<SessionSnapshot> storeLoadSessionLast50(History h) {
    return h.storeRead();
  }

  /**
   * ADK's in-memory service on the same session content.
   *
   * @param h the filled session
   * @return the session
   */
  @Benchmark
  public Session inMemoryGetSessionLast50(History h) {
    return h.inMemoryRead();
  }
}
