package dev.adkstore.benchmarks;

import dev.adkstore.api.NewSession;
import dev.adkstore.api.SessionKey;
import dev.adkstore.postgres.PostgresAdkStore;
import dev.adkstore.postgres.PostgresStoreConfig;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Appending events to the PostgreSQL store against plain JDBC on the same server (issue 7), one
 * appender and 32 concurrent appenders, each owning its session and awaiting every append. The
 * store runs with its default pool of 8 connections and with a pool of 32 ({@code poolSize}
 * parameter), so that its 32 appenders are also measured with as many connections as the
 * baseline's 32 appenders, each of which has its own connection. The server is
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}, or {@code ADK_STORE_PG_URL}; the
 * store writes to schema {@code adk_bench_store}, the baseline to {@code adk_bench_jdbc}, both
 * dropped and recreated by every trial.
 *
 * <p>Run: {@code ADK_STORE_PG_URL='jdbc:postgresql://127.0.0.1:5432/test?user=postgres' java -jar
 * adk-benchmarks/target/benchmarks.jar PostgresAppendBenchmark}; the 32-appender pair alone, store
 * with 32 connections: {@code 'PostgresAppendBenchmark.(store|jdbc)32Appenders' -p poolSize=32}.
 *
 * <p>JMH states: {@link StoreUnderTest} and {@link JdbcSchema} are shared by a trial's threads,
 * {@link StoreAppender} and {@link JdbcAppender} belong to one thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PostgresAppendBenchmark {
  static final String STORE_SCHEMA = "adk_bench_store";
  static final String JDBC_SCHEMA = "adk_bench_jdbc";

  static String url() {
    String url = System.getenv("ADK_STORE_PG_URL");
    return url == null || url.isBlank()
        ? "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"
        : url;
  }

  static PostgresAdkStore openStore(String schema) {
    return PostgresAdkStore.open(PostgresStoreConfig.builder().jdbcUrl(url()).schema(schema).build());
  }

  static PostgresAdkStore openStore(String schema, int poolSize) {
    return PostgresAdkStore.open(
        PostgresStoreConfig.builder().jdbcUrl(url()).schema(schema).poolSize(poolSize).build());
  }

  /**
   * Drops the store's schema, opens the store on it with its default pool and creates its tables.
   *
   * @return the open store
   * @throws SQLException if the old schema cannot be dropped
   */
  static PostgresAdkStore openStoreOnFreshSchema() throws SQLException {
    PlainPostgresJdbc.dropSchema(url(), STORE_SCHEMA);
    return withTables(openStore(STORE_SCHEMA));
  }

  /**
   * Drops the store's schema, opens the store on it and creates its tables: what every store-side
   * trial starts from.
   *
   * @param poolSize the store's pool
   * @return the open store
   * @throws SQLException if the old schema cannot be dropped
   */
  static PostgresAdkStore openStoreOnFreshSchema(int poolSize) throws SQLException {
    PlainPostgresJdbc.dropSchema(url(), STORE_SCHEMA);
    return withTables(openStore(STORE_SCHEMA, poolSize));
  }

  private static PostgresAdkStore withTables(PostgresAdkStore store) {
    store.createTables().join();
    return store;
  }

  /**
   * Drops the baseline's schema and recreates it with the store's own DDL and the given sessions,
   * then closes the store: no store connection is open while the baseline runs.
   *
   * @param sessions the sessions to create
   * @param state the initial session state of each
   * @throws SQLException if the old schema cannot be dropped
   */
  static void recreateBaselineSchema(List<SessionKey> sessions, Map<String, Object> state)
      throws SQLException {
    PlainPostgresJdbc.dropSchema(url(), JDBC_SCHEMA);
    try (PostgresAdkStore store = openStore(JDBC_SCHEMA)) {
      store.createTables().join();
      for (SessionKey session : sessions) {
        store.createSession(NewSession.of(session, state)).join();
      }
    }
  }

  /** The store on a fresh schema, shared by a trial's threads. */
  @State(Scope.Benchmark)
  public static class StoreUnderTest {
    /** The store's pool: its default of 8, and 32, one connection per appender of the 32. */
    @Param({"8", "32"})
    int poolSize;

    private final AtomicInteger sessions = new AtomicInteger();
    final EventPayloads payloads = EventPayloads.ofContentSize(EventPayloads.DEFAULT_CONTENT_BYTES);
    PostgresAdkStore store;

    /**
     * Recreates the schema and opens the store.
     *
     * @throws SQLException if the old schema cannot be dropped
     */
    @Setup(Level.Trial)
    public void open() throws SQLException {
      store = openStoreOnFreshSchema(poolSize);
    }

    SessionKey newSession() {
      SessionKey key = SessionKey.of("bench", "user", "s" + sessions.incrementAndGet());
      store.createSession(NewSession.of(key, Map.of())).join();
      return key;
    }

    /** Closes the store. */
    @TearDown(Level.Trial)
    public void close() {
      store.close();
    }
  }

  /** One store appender's session and counter. */
  @State(Scope.Thread)
  public static class StoreAppender {
    SessionKey session;
    long next;

    /**
     * Creates this thread's session.
     *
     * @param s the store
     */
    @Setup(Level.Trial)
    public void createSession(StoreUnderTest s) {
      session = s.newSession();
    }
  }

  /**
   * The baseline's schema, created by the store on a fresh schema with one session per possible
   * thread, and then closed: no store connection is open while the baseline runs.
   */
  @State(Scope.Benchmark)
  public static class JdbcSchema {
    /** More sessions than any benchmark here has threads. */
    static final int SESSIONS = 64;

    private final AtomicInteger taken = new AtomicInteger();
    final EventPayloads payloads = EventPayloads.ofContentSize(EventPayloads.DEFAULT_CONTENT_BYTES);

    /**
     * Recreates the schema with the store's DDL and creates the sessions.
     *
     * @throws SQLException if the old schema cannot be dropped
     */
    @Setup(Level.Trial)
    public void create() throws SQLException {
      List<SessionKey> sessions = new ArrayList<>(SESSIONS);
      for (int i = 1; i <= SESSIONS; i++) {
        sessions.add(session(i));
      }
      recreateBaselineSchema(sessions, Map.of());
    }

    private static SessionKey session(int i) {
      return SessionKey.of("bench", "user", "j" + i);
    }

    SessionKey takeSession() {
      int i = taken.incrementAndGet();
      if (i > SESSIONS) {
        throw new IllegalStateException("more than " + SESSIONS + " threads");
      }
      return session(i);
    }
  }

  /** One baseline thread: its own connection and session. */
  @State(Scope.Thread)
  public static class JdbcAppender {
    SessionKey session;
    PlainPostgresJdbc jdbc;
    long next;

    /**
     * Creates this thread's session and opens its connection.
     *
     * @param schema the baseline's schema
     * @throws SQLException if the connection fails
     */
    @Setup(Level.Trial)
    public void open(JdbcSchema schema) throws SQLException {
      session = schema.takeSession();
      jdbc = PlainPostgresJdbc.open(url(), JDBC_SCHEMA, schema.payloads);
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
   * The store, one appender.
   *
   * @param s the store
   * @param a this thread's session
   * @return the new version
   */
  @Benchmark
  @Threads(1)
  public long storeOneAppender(StoreUnderTest s, StoreAppender a) {
    return append(s, a);
  }

  /**
   * The store, 32 appenders; with {@code poolSize=32} it has as many connections as
   * {@link #jdbc32Appenders}.
   *
   * @param s the store
   * @param a this thread's session
   * @return the new version
   */
  @Benchmark
  @Threads(32)
  public long store32Appenders(StoreUnderTest s, StoreAppender a) {
    return append(s, a);
  }

  private static long append(StoreUnderTest s, StoreAppender a) {
    long n = a.next++;
    return s.store.appendEvent(s.payloads.event(a.session, n), EventPayloads.delta(n)).join();
  }

  /**
   * Plain JDBC, one appender, one transaction per event.
   *
   * @param a this thread's connection
   * @throws SQLException if a statement fails
   */
  @Benchmark
  @Threads(1)
  public void jdbcOneAppender(JdbcAppender a) throws SQLException {
    a.jdbc.appendInOwnTransaction(a.session, a.next++);
  }

  /**
   * Plain JDBC, 32 appenders on their own connections, one transaction per event.
   *
   * @param a this thread's connection
   * @throws SQLException if a statement fails
   */
  @Benchmark
  @Threads(32)
  public void jdbc32Appenders(JdbcAppender a) throws SQLException {
    a.jdbc.appendInOwnTransaction(a.session, a.next++);
  }
}
