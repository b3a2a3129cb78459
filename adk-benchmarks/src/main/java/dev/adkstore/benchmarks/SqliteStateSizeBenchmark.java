package dev.adkstore.benchmarks;

import dev.adkstore.api.NewSession;
import dev.adkstore.api.SessionKey;
import dev.adkstore.sqlite.SqliteAdkStore;
import java.nio.file.Path;
import java.sql.SQLException;
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
 * Measures the cost of one append against the size of the session's state, on SQLite: a session
 * whose state holds 100 or 10,000 keys ({@code stateKeys} parameter; {@link
 * EventPayloads#stateOfKeys}), each append writing the usual 1 KiB event and changing one key
 * ({@link EventPayloads#keyDelta}, the keys in turn). One appender awaiting each append.
 *
 * <p>Side by side in the same run: the store's {@code appendEvent} and plain JDBC on its own file
 * doing the same insert and setting the key inside the database with {@code json_set}, one
 * transaction per event ({@link PlainSqliteJdbc#appendSettingKeyInOwnTransaction}). The
 * PostgreSQL counterpart is {@link PostgresStateSizeBenchmark}.
 *
 * <p>Run: {@code java -jar adk-benchmarks/target/benchmarks.jar SqliteStateSizeBenchmark} (one
 * size: add {@code -p stateKeys=10000}).
 *
 * <p>JMH states: each belongs to the trial's one thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class SqliteStateSizeBenchmark {
  static final SessionKey SESSION = SessionKey.of("bench", "user", "state");

  /** The store on a fresh file, one session with a state of {@link #stateKeys} keys. */
  @State(Scope.Benchmark)
  public static class StoreSession {
    @Param({"100", "10000"})
    int stateKeys;

    final EventPayloads payloads = EventPayloads.ofContentSize(EventPayloads.DEFAULT_CONTENT_BYTES);
    Path directory;
    SqliteAdkStore store;
    long next;

    /** Opens the store, creates its tables and the session. */
    @Setup(Level.Trial)
    public void open() {
      directory = TempDirectory.create("adk-sqlite-state-store");
      store = SqliteAdkStore.open(SqliteAppendBenchmark.config(directory.resolve("store.db")));
      store.createTables().join();
      store.createSession(NewSession.of(SESSION, EventPayloads.stateOfKeys(stateKeys))).join();
    }

    /** Closes the store and deletes its file. */
    @TearDown(Level.Trial)
    public void close() {
      store.close();
      TempDirectory.delete(directory);
    }
  }

  /** Plain JDBC on a fresh file holding the same session, created by the store. */
  @State(Scope.Benchmark)
  public static class JdbcSession {
    @Param({"100", "10000"})
    int stateKeys;

    final EventPayloads payloads = EventPayloads.ofContentSize(EventPayloads.DEFAULT_CONTENT_BYTES);
    Path directory;
    PlainSqliteJdbc jdbc;
    long next;

    /**
     * Creates the file and the session through the store, closes it, opens the baseline.
     *
     * @throws SQLException if the baseline cannot open the file
     */
    @Setup(Level.Trial)
    public void open() throws SQLException {
      directory = TempDirectory.create("adk-sqlite-state-jdbc");
      jdbc = PlainSqliteJdbc.openOnNewFile(
          directory.resolve("jdbc.db"), payloads, SESSION, EventPayloads.stateOfKeys(stateKeys));
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

  /**
   * The store: one event and a one-key change of the large state.
   *
   * @param s the store
   * @return the session's new version
   */
  @Benchmark
  public long storeAppend(StoreSession s) {
    long n = s.next++;
    return s.store
        .appendEvent(s.payloads.event(SESSION, n), EventPayloads.keyDelta(n, s.stateKeys))
        .join();
  }

  /**
   * Plain JDBC: the same event insert and {@code json_set} of the key, one transaction.
   *
   * @param j the baseline
   * @throws SQLException if a statement fails
   */
  @Benchmark
  public void jdbcAppend(JdbcSession j) throws SQLException {
    long n = j.next++;
    j.jdbc.appendSettingKeyInOwnTransaction(SESSION, n, EventPayloads.stateKey(n, j.stateKeys));
  }
}
