package dev.adkstore.benchmarks;

import dev.adkstore.api.NewSession;
import dev.adkstore.api.SessionKey;
import dev.adkstore.sqlite.SqliteAdkStore;
import dev.adkstore.sqlite.SqliteStoreConfig;
import dev.adkstore.sqlite.SynchronousMode;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Appending events to the SQLite store against plain JDBC on one connection (issue 3, targets 1
 * and 2). Every figure is events per second; each event is one 1 KiB content JSON and a one-key
 * session-state delta. Each store appender owns its session and awaits every append before the
 * next, as an agent turn does; concurrency comes from the threads, batching from the store's group
 * commit.
 *
 * <p>JMH states are confined as JMH documents: {@link StoreUnderTest} and {@link PlainJdbc} are
 * shared by a trial's threads, {@link Appender} belongs to one thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SqliteAppendBenchmark {
  /** The batch the plain-JDBC batching baseline commits at once. */
  static final int JDBC_BATCH = 100;

  /** One SQLite store on a fresh file, shared by every appender thread of a trial. */
  @State(Scope.Benchmark)
  public static class StoreUnderTest {
    private final AtomicInteger sessions = new AtomicInteger();
    final EventPayloads payloads = EventPayloads.ofContentSize(EventPayloads.DEFAULT_CONTENT_BYTES);
    Path directory;
    SqliteAdkStore store;

    /** Opens the store and creates its tables. */
    @Setup(Level.Trial)
    public void open() {
      directory = TempDirectory.create("adk-sqlite-store");
      store = SqliteAdkStore.open(config(directory.resolve("store.db")));
      store.createTables().join();
    }

    SessionKey newSession() {
      SessionKey key = SessionKey.of("bench", "user", "s" + sessions.incrementAndGet());
      store.createSession(NewSession.of(key, Map.of())).join();
      return key;
    }

    /** Closes the store (committing what was accepted) and deletes its file. */
    @TearDown(Level.Trial)
    public void close() {
      store.close();
      TempDirectory.delete(directory);
    }
  }

  /** One appender thread's own session and event counter. */
  @State(Scope.Thread)
  public static class Appender {
    SessionKey session;
    long next;

    /**
     * Creates this thread's session.
     *
     * @param store the store of the trial
     */
    @Setup(Level.Trial)
    public void createSession(StoreUnderTest store) {
      session = store.newSession();
    }
  }

  /** Plain JDBC on one connection to a fresh file whose tables the store created. */
  @State(Scope.Benchmark)
  public static class PlainJdbc {
    final EventPayloads payloads = EventPayloads.ofContentSize(EventPayloads.DEFAULT_CONTENT_BYTES);
    final SessionKey session = SessionKey.of("bench", "user", "jdbc");
    Path directory;
    PlainSqliteJdbc jdbc;
    long next;

    /**
     * Creates the schema and the session through the store, closes it, and opens the baseline.
     *
     * @throws SQLException if the baseline cannot open the file
     */
    @Setup(Level.Trial)
    public void open() throws SQLException {
      directory = TempDirectory.create("adk-sqlite-jdbc");
      jdbc = PlainSqliteJdbc.openOnNewFile(directory.resolve("jdbc.db"), payloads, session, Map.of());
    }

    /**
     * Closes the connection and deletes the file.
     *
     * @throws SQLException if closing fails
     */
    @TearDown(Level.Trial)
    public void close() throws SQLException {
      jdbc.close();
      TempDirectory.delete(directory);
    }
  }

  static SqliteStoreConfig config(Path file) {
    return SqliteStoreConfig.builder().path(file).synchronous(SynchronousMode.NORMAL).build();
  }

  /**
   * Target 1, store side: one appender awaiting each append.
   *
   * @param s the store
   * @param a this thread's session
   * @return the session's new version
   */
  @Benchmark
  @Threads(1)
  public long storeOneAppender(StoreUnderTest s, Appender a) {
    return append(s, a);
  }

  /**
   * Target 2, store side: 32 appenders, each awaiting its own appends; the store group-commits.
   *
   * @param s the store
   * @param a this thread's session
   * @return the session's new version
   */
  @Benchmark
  @Threads(32)
  public long store32Appenders(StoreUnderTest s, Appender a) {
    return append(s, a);
  }

  private static long append(StoreUnderTest s, Appender a) {
    long n = a.next++;
    return s.store.appendEvent(s.payloads.event(a.session, n), EventPayloads.delta(n)).join();
  }

  /**
   * Target 1, baseline: plain JDBC, one transaction per event.
   *
   * @param j the baseline
   * @throws SQLException if a statement fails
   */
  @Benchmark
  @Threads(1)
  public void jdbcTransactionPerEvent(PlainJdbc j) throws SQLException {
    j.jdbc.appendInOwnTransaction(j.session, j.next++);
  }

  /**
   * Target 2, baseline: plain JDBC committing batches of {@value #JDBC_BATCH} events; the score
   * counts events.
   *
   * @param j the baseline
   * @throws SQLException if a statement fails
   */
  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(JDBC_BATCH)
  public void jdbcBatchOf100(PlainJdbc j) throws SQLException {
    j.jdbc.appendBatchInOneTransaction(j.session, j.next, JDBC_BATCH);
    j.next += JDBC_BATCH;
  }
}
