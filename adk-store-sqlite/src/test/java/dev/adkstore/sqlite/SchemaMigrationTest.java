package dev.adkstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adkstore.api.SchemaStatus;
import dev.adkstore.api.StorageException;
import dev.adkstore.api.TableNames;
import dev.adkstore.tck.SchemaDocs;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite migrations as Flyway records them (upgrades from version 1 are in adk-cli's tests). */
class SchemaMigrationTest {
  @TempDir Path dir;

  @Test
  void theCodesSchemaVersionIsItsNewestMigrations() throws IOException {
    SchemaDocs.assertNewestMigrationIs("src/main/resources/dev/adkstore/sqlite/migration", SqliteAdkStore.SCHEMA_VERSION);
  }

  @Test
  void aNewDatabaseRecordsEachMigrationWithItsChecksum() throws Exception {
    Path file = dir.resolve("new.db");
    try (SqliteAdkStore store = SqliteAdkStore.open(file)) {
      Fixtures.await(store.createTables());
    }
    assertThat(query(file, "SELECT version || ' ' || description || ' ' || type || ' ' || success"
        + " || ' ' || (checksum IS NOT NULL) FROM adk_schema_history ORDER BY installed_rank"))
        .containsExactly("1 create tables SQL 1 1", "2 create memories SQL 1 1");
    assertThat(query(file, "SELECT value FROM adk_metadata WHERE name = 'schema_version'"))
        .containsExactly(Integer.toString(SqliteAdkStore.SCHEMA_VERSION));
  }

  // A checksum is the file's, before the names are filled in: configuration may change.
  @Test
  void anotherOwnerColumnOrSecondSetOfTablesInTheSameFileStillValidates() throws Exception {
    Path file = dir.resolve("shared.db");
    try (SqliteAdkStore store = SqliteAdkStore.open(
        SqliteStoreConfig.builder().path(file).ownerColumn("owner_a TEXT").build())) {
      Fixtures.await(store.createTables());
    }
    try (SqliteAdkStore store = SqliteAdkStore.open(
        SqliteStoreConfig.builder().path(file).ownerColumn("owner_b INTEGER").build())) {
      Fixtures.await(store.createTables());
      assertThat(Fixtures.await(store.schemaStatus()).pending()).isEmpty();
    }
    try (SqliteAdkStore other = SqliteAdkStore.open(
        SqliteStoreConfig.builder().path(file).tableNames(TableNames.withPrefix("second_")).build())) {
      assertThat(Fixtures.await(other.schemaStatus()).pending()).hasSize(2);
      Fixtures.await(other.createTables());
    }
    // The file held other tables, so Flyway first records an empty baseline (version 0).
    assertThat(query(file, "SELECT version || ' ' || type FROM second_schema_history ORDER BY installed_rank"))
        .containsExactly("0 BASELINE", "1 SQL", "2 SQL");
    assertThat(query(file, "SELECT version || ' ' || type FROM adk_schema_history ORDER BY installed_rank"))
        .containsExactly("1 SQL", "2 SQL");
  }

  @Test
  void aNewerDatabaseIsReportedByTheStatusAndRefusedByCreateTables() throws Exception {
    Path file = dir.resolve("newer.db");
    try (SqliteAdkStore store = SqliteAdkStore.open(file)) {
      Fixtures.await(store.createTables());
    }
    execute(file, "UPDATE adk_metadata SET value = '99' WHERE name = 'schema_version'");
    try (SqliteAdkStore store = SqliteAdkStore.open(file)) {
      SchemaStatus status = Fixtures.await(store.schemaStatus());
      assertThat(status.isNewer()).isTrue();
      assertThat(status.pending()).isEmpty();
      assertThat(Fixtures.failure(store.createTables())).isInstanceOf(StorageException.class)
          .hasMessageContaining("newer than version " + SqliteAdkStore.SCHEMA_VERSION);
    }
  }

  private static List<String> query(Path file, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  private static void execute(Path file, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }
}
