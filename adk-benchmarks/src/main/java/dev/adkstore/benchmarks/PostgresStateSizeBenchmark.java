package dev.adkstore.benchmarks;

import dev.adkstore.api.NewSession;
import dev.adkstore.api.SessionKey;
import dev.adkstore.postgres.PostgresAdkStore;
import java.sql.SQLException;
import java.util.List;
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
 * Measures the cost of one append against the size of the session's state, on PostgreSQL: a
 * session whose state holds 100 or 10,000 keys ({@code stateKeys} parameter; {@link
 * EventPayloads#stateOfKeys}), each append writing the usual 1 KiB event and changing one key
 * ({@link EventPayloads#keyDelta}, the keys in turn). One appender awaiting each append.
 *
 * <p>Side by side in the same run: the store's {@code appendEvent} (schema {@code
 * adk_bench_store}, default pool) and plain JDBC on one connection (schema {@code adk_bench_jdbc})
 * doing the store's statements, the key merged with {@code state || jsonb}, one transaction per
 * event ({@link PlainPostgresJdbc#appendSettingKeyInOwnTransaction}). Both schemas are dropped and
 * recreated by every trial; the server is found as in {@link PostgresAppendBenchmark}. The SQLite
 * counterpart is {@link SqliteStateSizeBenchmark}.
 *
 * <p>Run: {@code ADK_STORE_PG_URL='jdbc:postgresql://127.0.0.1:5432/test?user=postgres' java -jar
 * adk-benchmarks/target/benchmarks.jar PostgresStateSizeBenchmark} (one size: add {@code -p
 * stateKeys=10000}).
 *
 * <p>JMH states: each belongs to the trial's one thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class PostgresStateSizeBenchmark {
  static final SessionKey SESSION = SessionKey.of("bench", "user", "state");

  /** The store on a fresh schema, one session with a state of {@link #stateKeys} keys. */
  @State(Scope.Benchmark)
  public static class StoreSession {
    @Param({"100", "10000"})
    int stateKeys;

    final EventPayloads payloads = EventPayloads.ofContentSize(EventPayloads.DEFAULT_CONTENT_BYTES);
    PostgresAdkStore store;
    long next;

    /**
     * Recreates the schema, opens the store and creates the session.
     *
     * @throws SQLException if the old schema cannot be dropped
     */
    @Setup(Level.Trial)
    public void open() throws SQLException {
      store = PostgresAppendBenchmark.openStoreOnFreshSchema();
      store.createSession(NewSession.of(SESSION, EventPayloads.stateOfKeys(stateKeys))).join();
    }

    /** Closes the store. */
    @TearDown(Level.Trial)
    public void close() {
      store.close();
    }
  }

  /** Plain JDBC on the baseline's schema, holding the same session. */
  @State(Scope.Benchmark)
  public static class JdbcSession {
    @Param({"100", "10000"})
    int stateKeys;

    final EventPayloads payloads = EventPayloads.ofContentSize(EventPayloads.DEFAULT_CONTENT_BYTES);
    PlainPostgresJdbc jdbc;
    long next;

    /**
     * Recreates the schema with the session through the store and opens one connection.
     *
     * @throws SQLException if the schema cannot be recreated or the connection fails
     */
    @Setup(Level.Trial)
    public void open() throws SQLException {
      PostgresAppendBenchmark.recreateBaselineSchema(
          List.of(SESSION), EventPayloads.stateOfKeys(stateKeys));
      jdbc = PlainPostgresJdbc.open(
          PostgresAppendBenchmark.url(), PostgresAppendBenchmark.JDBC_SCHEMA, payloads);
    }

    /**
     * Closes the connection.
     *
     * @throws SQLException if closing fails
     */
    @TearDown(Level.Trial)
    public void close() throws SQLException {
      jdbc.close();
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
   * Plain JDBC: the same statements, the key merged into the JSONB state, one transaction.
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
