package dev.adkstore.cli;

import static dev.adkstore.cli.TestStores.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.PendingMigration;
import dev.adkstore.api.SchemaStatus;
import dev.adkstore.api.SchemaUpgrade;
import dev.adkstore.api.StorageException;
import dev.adkstore.postgres.PostgresAdkStore;
import dev.adkstore.postgres.PostgresTestDatabase;
import dev.adkstore.sqlite.SqliteAdkStore;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Databases made by the released schema version 1 code (the committed fixtures, with custom table
 * names and an owner column) upgrade in place to the current version, and export as they did.
 */
class SchemaUpgradeFromV1Test {
  @TempDir Path dir;
  private final List<String> schemas = new ArrayList<>();

  @AfterEach
  void dropSchemas() {
    schemas.forEach(PostgresTestDatabase::dropSchema);
  }

  @Test
  void theSqliteFixtureUpgradesInPlaceAndExportsAsTheReleasedCodeDid() throws Exception {
    Path file = V1Fixture.sqliteCopy(dir);
    try (SqliteAdkStore store = V1Fixture.openSqlite(file)) {
      assertAdoptionPending(await(store.schemaStatus()));
      await(store.createTables());
      assertUpToDate(store);
      assertThat(V1Fixture.export(store)).containsExactlyElementsOf(V1Fixture.sqliteExport());
    }
    assertThat(history(sqlite(file))).containsExactly("1 BASELINE true", "2 SQL true");
  }

  @Test
  void thePostgresFixtureUpgradesInPlaceAndExportsAsTheReleasedCodeDid() throws Exception {
    String schema = postgresFixture();
    try (PostgresAdkStore store = V1Fixture.openPostgres(schema)) {
      assertAdoptionPending(await(store.schemaStatus()));
      await(store.createTables());
      assertUpToDate(store);
      assertThat(V1Fixture.export(store)).containsExactlyElementsOf(V1Fixture.postgresExport());
    }
    assertThat(history(PostgresTestDatabase.connect(schema))).containsExactly("1 BASELINE true", "2 SQL true");
  }

  @Test
  void aStoreConfiguredToRefuseLeavesAnOldSqliteDatabaseAsItWas() throws Exception {
    Path file = V1Fixture.sqliteCopy(dir);
    byte[] before = Files.readAllBytes(file);
    try (SqliteAdkStore store = SqliteAdkStore.open(
        V1Fixture.sqlite(file).schemaUpgrade(SchemaUpgrade.REFUSE).build())) {
      assertRefused(store);
    }
    assertThat(tables(sqlite(file))).doesNotContain("v1_metadata_history");
    try (SqliteAdkStore store = V1Fixture.openSqlite(file)) {
      assertThat(V1Fixture.export(store)).containsExactlyElementsOf(V1Fixture.sqliteExport());
    }
    assertThat(before).isNotEmpty();
  }

  @Test
  void aStoreConfiguredToRefuseLeavesAnOldPostgresSchemaAsItWas() throws Exception {
    String schema = postgresFixture();
    try (PostgresAdkStore store = PostgresAdkStore.open(
        V1Fixture.postgres(schema).schemaUpgrade(SchemaUpgrade.REFUSE).build())) {
      assertRefused(store);
    }
    assertThat(PostgresTestDatabase.tables(schema)).doesNotContain("v1_metadata_history");
  }

  @Test
  void twoProcessesUpgradingOneSqliteFileAtOnceBothSucceedAndOneUpgrades() throws Exception {
    Path file = V1Fixture.sqliteCopy(dir);
    runTwoAtOnce("sqlite", file.toString());
    assertThat(history(sqlite(file))).containsExactly("1 BASELINE true", "2 SQL true");
    try (SqliteAdkStore store = V1Fixture.openSqlite(file)) {
      assertThat(V1Fixture.export(store)).containsExactlyElementsOf(V1Fixture.sqliteExport());
    }
  }

  @Test
  void twoProcessesUpgradingOnePostgresSchemaAtOnceBothSucceedAndOneUpgrades() throws Exception {
    String schema = postgresFixture();
    runTwoAtOnce("postgres", schema);
    assertThat(history(PostgresTestDatabase.connect(schema))).containsExactly("1 BASELINE true", "2 SQL true");
    try (PostgresAdkStore store = V1Fixture.openPostgres(schema)) {
      assertThat(V1Fixture.export(store)).containsExactlyElementsOf(V1Fixture.postgresExport());
    }
  }

  @Test
  void anAppliedMigrationWhoseChecksumChangedIsReportedNotIgnored() throws Exception {
    Path file = dir.resolve("fresh.db");
    try (SqliteAdkStore store = SqliteAdkStore.open(file)) {
      await(store.createTables());
    }
    try (Connection c = sqlite(file)) {
      c.createStatement().executeUpdate("UPDATE adk_schema_history SET checksum = checksum + 1 WHERE version = '1'");
    }
    try (SqliteAdkStore store = SqliteAdkStore.open(file)) {
      for (Throwable failure : List.of(failure(store.createTables()), failure(store.schemaStatus()))) {
        assertThat(failure).isInstanceOf(StorageException.class)
            .hasMessageContaining("adk_schema_history")
            .hasMessageContaining("version 1 (create tables)")
            .hasMessageContaining("checksum");
      }
    }
  }

  @Test
  void anAppliedMigrationWhoseChecksumChangedIsReportedOnPostgres() throws Exception {
    String schema = PostgresTestDatabase.newSchema("sum");
    schemas.add(schema);
    try (PostgresAdkStore store = PostgresAdkStore.open(PostgresTestDatabase.config(schema).build())) {
      await(store.createTables());
    }
    PostgresTestDatabase.execute(schema, "UPDATE adk_schema_history SET checksum = checksum + 1 WHERE version = '1'");
    try (PostgresAdkStore store = PostgresAdkStore.open(PostgresTestDatabase.config(schema).build())) {
      assertThat(failure(store.createTables())).isInstanceOf(StorageException.class)
          .hasMessageContaining("version 1 (create tables)")
          .hasMessageContaining("checksum");
    }
  }

  private String postgresFixture() {
    String schema = V1Fixture.postgresCopy();
    schemas.add(schema);
    return schema;
  }

  private static void assertAdoptionPending(SchemaStatus status) {
    assertThat(status.recordedVersion()).hasValue(1);
    assertThat(status.pending()).extracting(PendingMigration::version).containsExactly("1", "2");
    assertThat(status.pending().get(0).description()).contains("no table changes");
  }

  private static void assertUpToDate(AsyncAdkStore store) {
    SchemaStatus status = await(store.schemaStatus());
    assertThat(status.pending()).isEmpty();
    assertThat(status.recordedVersion()).hasValue(status.currentVersion());
  }

  private static void assertRefused(AsyncAdkStore store) {
    assertThat(failure(store.createTables())).isInstanceOf(StorageException.class)
        .hasMessageContaining("older than version")
        .hasMessageContaining("adk-store migrate");
    assertAdoptionPending(await(store.schemaStatus()));
  }

  private void runTwoAtOnce(String backend, String target) throws Exception {
    List<Process> children = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      children.add(childJvm(null, backend, target).start());
    }
    for (Process child : children) {
      assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
      String out = new String(child.getInputStream().readAllBytes());
      String err = new String(child.getErrorStream().readAllBytes());
      assertThat(child.exitValue()).as(err).isZero();
      assertThat(out).contains("done 2");
    }
  }

  /** A child JVM running {@link SchemaUpgradeProcess}, with extra class-path entries first. */
  static ProcessBuilder childJvm(Path extraClassPath, String backend, String target) {
    String classPath = System.getProperty("java.class.path");
    if (extraClassPath != null) {
      classPath = extraClassPath + File.pathSeparator + classPath;
    }
    return new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classPath, SchemaUpgradeProcess.class.getName(), backend, target);
  }

  static Connection sqlite(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file);
  }

  static List<String> history(Connection connection) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (connection; ResultSet rs = connection.createStatement().executeQuery(
        "SELECT version, type, success FROM v1_metadata_history ORDER BY installed_rank")) {
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getBoolean(3));
      }
    }
    return rows;
  }

  static List<String> tables(Connection connection) throws SQLException {
    List<String> names = new ArrayList<>();
    try (connection; ResultSet rs = connection.createStatement().executeQuery(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  static Throwable failure(java.util.concurrent.CompletableFuture<?> future) {
    try {
      future.get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("did not fail in time", e);
    }
    throw new AssertionError("did not fail");
  }
}
