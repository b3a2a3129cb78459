package dev.adkstore.benchmarks;

import dev.adkstore.api.AppendCondition;
import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.EventAppend;
import dev.adkstore.api.EventQuery;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.NewSession;
import dev.adkstore.api.SessionKey;
import dev.adkstore.sqlite.SqliteAdkStore;
import dev.adkstore.sqlite.SqliteStoreConfig;
import dev.adkstore.sqlite.SynchronousMode;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
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
 * Reading a session's last 50 events must not depend on how long the session is (issue 3, target
 * 3): the same read on a session of 1,000, 10,000 and 100,000 events ({@code events} parameter),
 * through the store ({@code getEvents(EventQuery.all(key).last(50))}) and through plain JDBC
 * running the store's query on the same file, its statement prepared once
 * ({@link PlainSqliteJdbc#readLastEvents}). Both sides run in the same JMH run, on the same file.
 *
 * <p>Run: {@code java -jar adk-benchmarks/target/benchmarks.jar SqliteReadBenchmark} (one size:
 * add {@code -p events=10000}; other page cache or memory map sizes: {@code -p
 * pageCacheBytes=65536000 -p memoryMapBytes=268435456}).
 *
 * <p>The trial state is shared; the benchmark methods only read it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class SqliteReadBenchmark {
  static final int LAST = 50;
  private static final int FILL_BATCH = 1_000;

  /** A store holding one session with {@link #events} events. */
  @State(Scope.Benchmark)
  public static class History {
    @Param({"1000", "10000", "100000"})
    int events;

    /** The store's page cache per connection; -1 for the default. */
    @Param({"-1"})
    long pageCacheBytes;

    /** The store's memory map per connection; -1 for the default. */
    @Param({"-1"})
    long memoryMapBytes;

    final SessionKey session = SessionKey.of("bench", "user", "history");
    Path directory;
    SqliteAdkStore store;
    PlainSqliteJdbc jdbc;

    /**
     * Fills the session through the store, in atomic batches of 1,000 appends.
     *
     * @throws SQLException if the plain connection cannot open the file
     */
    @Setup(Level.Trial)
    public void fill() throws SQLException {
      EventPayloads payloads = EventPayloads.ofContentSize(EventPayloads.DEFAULT_CONTENT_BYTES);
      directory = TempDirectory.create("adk-sqlite-read");
      Path file = directory.resolve("store.db");
      // As SqliteAppendBenchmark.config, with the sizes under test.
      SqliteStoreConfig.Builder config =
          SqliteStoreConfig.builder().path(file).synchronous(SynchronousMode.NORMAL);
      if (pageCacheBytes >= 0) {
        config.pageCacheBytes(pageCacheBytes);
      }
      if (memoryMapBytes >= 0) {
        config.memoryMapBytes(memoryMapBytes);
      }
      store = SqliteAdkStore.open(config.build());
      store.createTables().join();
      store.createSession(NewSession.of(session, Map.of())).join();
      appendHistory(store, session, events,
          n -> new EventAppend(payloads.event(session, n), EventPayloads.delta(n)));
      jdbc = PlainSqliteJdbc.open(file, payloads);
    }

    /**
     * Closes both connections and deletes the file.
     *
     * @throws SQLException if closing fails
     */
    @TearDown(Level.Trial)
    public void close() throws SQLException {
      jdbc.close();
      store.close();
      TempDirectory.delete(directory);
    }
  }

  /**
   * Appends events {@code 0} to {@code events - 1} to an existing session, in atomic batches of
   * 1,000 through {@link AsyncAdkStore#appendEvents}: how every read benchmark fills its session.
   *
   * @param store the store
   * @param session the session, already created
   * @param events how many events
   * @param append the event and delta of sequence number {@code n}
   */
  static void appendHistory(
      AsyncAdkStore store, SessionKey session, int events, LongFunction<EventAppend> append) {
    for (int first = 0; first < events; first += FILL_BATCH) {
      List<EventAppend> batch = new ArrayList<>(FILL_BATCH);
      for (long n = first; n < Math.min(events, first + FILL_BATCH); n++) {
        batch.add(append.apply(n));
      }
      store.appendEvents(session, batch, AppendCondition.NONE).join();
    }
  }

  /**
   * The store's read of the last 50 events.
   *
   * @param h the filled store
   * @return the events
   */
  @Benchmark
  public List<EventRecord> storeLast50(History h) {
    return h.store.getEvents(EventQuery.all(h.session).last(LAST)).join();
  }

  /**
   * The same query through plain JDBC, its statement prepared once, every column read.
   *
   * @param h the filled store
   * @return how many values were read
   * @throws SQLException if the query fails
   */
  @Benchmark
  public int jdbcLast50(History h) throws SQLException {
    return h.jdbc.readLastEvents(h.session, LAST);
  }
}
