package dev.adkstore.cli;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.TableNames;
import dev.adkstore.cli.internal.ExportCommand;
import dev.adkstore.postgres.PostgresAdkStore;
import dev.adkstore.postgres.PostgresStoreConfig;
import dev.adkstore.postgres.PostgresTestDatabase;
import dev.adkstore.sqlite.SqliteAdkStore;
import dev.adkstore.sqlite.SqliteStoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The databases of schema version 1 in {@code fixtures/schema-v1} (see its README): where they are,
 * the configuration that opens them, and their exports as the released code wrote them.
 */
final class V1Fixture {
  static final TableNames NAMES =
      new TableNames("v1_sessions", "v1_events", "v1_app_states", "v1_user_states", "v1_metadata");
  static final String OWNER_COLUMN = "tenant_id TEXT";
  private static final String FOLDER = "/fixtures/schema-v1/";
  private static final String DUMPED_SCHEMA = "adk_v1_fixture";

  private V1Fixture() {}

  /** Copies the SQLite fixture into a folder; the copy is the one tests change. */
  static Path sqliteCopy(Path dir) {
    Path file = dir.resolve("v1.db");
    try (InputStream in = resource("sqlite-v1.db")) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  static SqliteStoreConfig.Builder sqlite(Path file) {
    return SqliteStoreConfig.builder().path(file).tableNames(NAMES).ownerColumn(OWNER_COLUMN);
  }

  static SqliteAdkStore openSqlite(Path file) {
    return SqliteAdkStore.open(sqlite(file).build());
  }

  /** Loads the PostgreSQL dump into a new schema, under that schema's name. */
  static String postgresCopy() {
    String schema = PostgresTestDatabase.newSchema("v1");
    String dump = text("postgres-v1.sql")
        .replace("CREATE SCHEMA " + DUMPED_SCHEMA + ";", "")
        .replace(DUMPED_SCHEMA, schema);
    try (Connection connection = PostgresTestDatabase.connect(null);
        Statement statement = connection.createStatement()) {
      statement.execute(dump);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot load the version 1 dump", e);
    }
    return schema;
  }

  static PostgresStoreConfig.Builder postgres(String schema) {
    return PostgresTestDatabase.config(schema).tableNames(NAMES).ownerColumn(OWNER_COLUMN);
  }

  static PostgresAdkStore openPostgres(String schema) {
    return PostgresAdkStore.open(postgres(schema).build());
  }

  static List<String> sqliteExport() {
    return lines("export-sqlite.jsonl");
  }

  static List<String> postgresExport() {
    return lines("export-postgres.jsonl");
  }

  /** A store's export, by the export command's own code. */
  static List<String> export(AsyncAdkStore store) {
    List<String> lines = new ArrayList<>();
    ExportCommand.export(store, null, 200, lines::add, () -> {});
    return lines;
  }

  private static List<String> lines(String name) {
    return text(name).lines().toList();
  }

  private static String text(String name) {
    try (InputStream in = resource(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = V1Fixture.class.getResourceAsStream(FOLDER + name);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + FOLDER + name);
    }
    return in;
  }
}
