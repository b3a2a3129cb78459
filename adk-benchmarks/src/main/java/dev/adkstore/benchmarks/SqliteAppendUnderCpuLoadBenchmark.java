package dev.adkstore.benchmarks;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Measures the one-appender SQLite append ratio (store against plain JDBC, one transaction per
 * event) while two other threads burn CPU beside the appender: the situation of an agent process
 * whose other threads are busy, on a machine with few cores.
 *
 * <p>Two JMH groups, each of three threads: one appender ({@code @GroupThreads(1)}) awaiting each
 * append, and two threads ({@code @GroupThreads(2)}) doing nothing but {@link
 * Blackhole#consumeCPU} of {@value #CPU_TOKENS} tokens per call. Group {@code store} appends
 * through the store ({@code appendEvent(event, delta).join()}), group {@code jdbc} through
 * {@link PlainSqliteJdbc#appendInOwnTransaction}; the events, deltas, states and files are those
 * of {@link SqliteAppendBenchmark}. The ratio is {@code store:storeAppend} over {@code
 * jdbc:jdbcAppend}; the burners' own scores show how much CPU they got, and each group's total
 * (appends plus burner calls) means nothing.
 *
 * <p>Run: {@code java -jar adk-benchmarks/target/benchmarks.jar SqliteAppendUnderCpuLoadBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SqliteAppendUnderCpuLoadBenchmark {
  /** Pure CPU work per burner call: a few microseconds, so that the burners never yield. */
  static final long CPU_TOKENS = 1_000;

  /**
   * The store's appender.
   *
   * @param s the store of the trial; the burners do not touch it
   * @param a this thread's session
   * @return the session's new version
   */
  @Benchmark
  @Group("store")
  @GroupThreads(1)
  public long storeAppend(SqliteAppendBenchmark.StoreUnderTest s, SqliteAppendBenchmark.Appender a) {
    long n = a.next++;
    return s.store.appendEvent(s.payloads.event(a.session, n), EventPayloads.delta(n)).join();
  }

  /** Two threads burning CPU beside the store's appender. */
  @Benchmark
  @Group("store")
  @GroupThreads(2)
  public void storeCpuBurner() {
    Blackhole.consumeCPU(CPU_TOKENS);
  }

  /**
   * Plain JDBC's appender, one transaction per event.
   *
   * @param j the baseline
   * @throws SQLException if a statement fails
   */
  @Benchmark
  @Group("jdbc")
  @GroupThreads(1)
  public void jdbcAppend(SqliteAppendBenchmark.PlainJdbc j) throws SQLException {
    j.jdbc.appendInOwnTransaction(j.session, j.next++);
  }

  /** Two threads burning CPU beside plain JDBC's appender. */
  @Benchmark
  @Group("jdbc")
  @GroupThreads(2)
  public void jdbcCpuBurner() {
    Blackhole.consumeCPU(CPU_TOKENS);
  }
}
