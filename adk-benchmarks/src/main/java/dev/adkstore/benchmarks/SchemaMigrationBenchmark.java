package dev.adkstore.benchmarks;

import dev.adkstore.api.TableNames;
import dev.adkstore.sqlite.SqliteAdkStore;
import dev.adkstore.sqlite.internal.SchemaNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * What the schema migrations cost an application at start: {@code createTables()} on a new SQLite
 * file (Flyway runs version 1 and records it) and on an up-to-date one (Flyway validates the
 * history and finds nothing pending), beside plain JDBC running the same DDL text in one
 * transaction, which is all the store did before migrations (every statement says
 * {@code IF NOT EXISTS}, so on an up-to-date file it changes nothing).
 *
 * <p>Run: {@code java -jar adk-benchmarks/target/benchmarks.jar SchemaMigrationBenchmark}.
 *
 * <p>Each state belongs to one benchmark thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class SchemaMigrationBenchmark {
  private static final List<String> V1_DDL = v1Statements();

  /** A store opened on a new, empty file before each call. */
  @State(Scope.Thread)
  public static class NewFile {
    Path directory;
    SqliteAdkStore store;
    Connection jdbc;

    /** Opens the store and a plain connection, each on its own new file. */
    @Setup(Level.Invocation)
    public void open() throws SQLException {
      directory = TempDirectory.create("adk-schema-new");
      store = SqliteAdkStore.open(SqliteAppendBenchmark.config(directory.resolve("store.db")));
      jdbc = plainConnection(directory.resolve("plain.db"));
    }

    /** Closes both and deletes the files. */
    @TearDown(Level.Invocation)
    public void close() throws SQLException {
      store.close();
      jdbc.close();
      TempDirectory.delete(directory);
    }
  }

  /** A file whose schema is up to date, opened once. */
  @State(Scope.Thread)
  public static class UpToDate {
    Path directory;
    SqliteAdkStore store;
    Connection jdbc;

    /** Creates the tables, with the store for the store and with the DDL for plain JDBC. */
    @Setup(Level.Trial)
    public void open() throws SQLException {
      directory = TempDirectory.create("adk-schema-current");
      store = SqliteAdkStore.open(SqliteAppendBenchmark.config(directory.resolve("store.db")));
      store.createTables().join();
      jdbc = plainConnection(directory.resolve("plain.db"));
      runDdl(jdbc);
    }

    /** Closes both and deletes the files. */
    @TearDown(Level.Trial)
    public void close() throws SQLException {
      store.close();
      jdbc.close();
      TempDirectory.delete(directory);
    }
  }

  @Benchmark
  public void storeOnNewFile(NewFile s) {
    s.store.createTables().join();
  }

  @Benchmark
  public void jdbcOnNewFile(NewFile s) throws SQLException {
    runDdl(s.jdbc);
  }

  @Benchmark
  public void storeOnUpToDateFile(UpToDate s) {
    s.store.createTables().join();
  }

  @Benchmark
  public void jdbcOnUpToDateFile(UpToDate s) throws SQLException {
    runDdl(s.jdbc);
  }

  private static Connection plainConnection(Path file) throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA journal_mode = WAL");
      s.execute("PRAGMA synchronous = NORMAL");
    }
    connection.setAutoCommit(false);
    return connection;
  }

  private static void runDdl(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      for (String statement : V1_DDL) {
        s.execute(statement);
      }
    }
    connection.commit();
  }

  // The migration's text with the default names filled in, its comments dropped, split at ';'
  // (no literal in it holds one).
  private static List<String> v1Statements() {
    String text;
    try (InputStream in = SqliteAdkStore.class.getClassLoader()
        .getResourceAsStream("dev/adkstore/sqlite/migration/V1__create_tables.sql")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> names = SchemaNames.of(TableNames.DEFAULTS);
    names.put("ownerColumnDdl", "");
    for (Map.Entry<String, String> name : names.entrySet()) {
      text = text.replace("${" + name.getKey() + "}", name.getValue());
    }
    List<String> statements = new ArrayList<>();
    for (String statement : text.replaceAll("--[^\\n]*", "").split(";")) {
      if (!statement.isBlank()) {
        statements.add(statement.strip());
      }
    }
    return statements;
  }
}
