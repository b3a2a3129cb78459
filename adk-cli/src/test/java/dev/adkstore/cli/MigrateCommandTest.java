package dev.adkstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adkstore.postgres.PostgresTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateCommandTest {
  @TempDir Path dir;

  @Test
  void aDryRunListsWhatIsPendingAndChangesNothingThenMigrateAppliesIt() throws Exception {
    Path db = releasedVersion1Database();
    byte[] before = Files.readAllBytes(db);

    Cli.Result dryRun = Cli.run("migrate", "--dry-run", "--url", TestStores.url(db));

    assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
    assertThat(dryRun.out())
        .contains("schema version: 1; this adk-store: 2")
        .containsPattern("(?m)^1 +record the existing schema version 1 in adk_schema_history; no table changes$")
        .containsPattern("(?m)^2 +create memories$")
        .contains("dry run: nothing was changed");
    assertThat(Files.readAllBytes(db)).isEqualTo(before);
    assertThat(SchemaUpgradeFromV1Test.tables(SchemaUpgradeFromV1Test.sqlite(db)))
        .doesNotContain("adk_schema_history");

    Cli.Result migrate = Cli.run("migrate", "--url", TestStores.url(db));

    assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
    assertThat(migrate.out()).contains("applied 2 step(s): schema version 2");
    assertThat(SchemaUpgradeFromV1Test.tables(SchemaUpgradeFromV1Test.sqlite(db)))
        .contains("adk_schema_history");

    Cli.Result again = Cli.run("migrate", "--url", TestStores.url(db));

    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.out()).contains("up to date: nothing to apply");
  }

  @Test
  void migrateCreatesTheTablesOfAnEmptyPostgresSchema() {
    String schema = PostgresTestDatabase.newSchema("migrate");
    try {
      String url = PostgresTestDatabase.jdbcUrl() + (PostgresTestDatabase.jdbcUrl().contains("?") ? "&" : "?")
          + "currentSchema=" + schema;

      Cli.Result dryRun = Cli.run("migrate", "--dry-run", "--url", url);

      assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
      assertThat(dryRun.out())
          .contains("schema version: none (no adk-store tables); this adk-store: 2")
          .containsPattern("(?m)^1 +create tables$")
          .containsPattern("(?m)^2 +create memories$");
      assertThat(PostgresTestDatabase.tables(schema)).isEmpty();

      Cli.Result migrate = Cli.run("migrate", "--url", url);

      assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
      assertThat(PostgresTestDatabase.tables(schema)).contains("adk_sessions", "adk_memories", "adk_schema_history");
    } finally {
      PostgresTestDatabase.dropSchema(schema);
    }
  }

  @Test
  void aNewerDatabaseIsReportedAndLeftAlone() throws Exception {
    Path db = dir.resolve("newer.db");
    TestStores.seed(db);
    try (Connection c = SchemaUpgradeFromV1Test.sqlite(db); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE adk_metadata SET value = '99' WHERE name = 'schema_version'");
    }

    Cli.Result result = Cli.run("migrate", "--url", TestStores.url(db));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.STORE);
    assertThat(result.err()).contains("schema version 99, newer than version 2");
  }

  @Test
  void aMissingSqliteFileIsNotCreated() {
    Path missing = dir.resolve("missing.db");

    Cli.Result result = Cli.run("migrate", "--url", TestStores.url(missing));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.STORE);
    assertThat(missing).doesNotExist();
  }

  /**
   * A database as the release before migrations left it: the tables of version 1, which records
   * version 1, and no history table.
   */
  private Path releasedVersion1Database() throws Exception {
    Path db = dir.resolve("v1.db");
    TestStores.seed(db);
    try (Connection c = SchemaUpgradeFromV1Test.sqlite(db); Statement s = c.createStatement()) {
      s.execute("DROP TABLE adk_schema_history");
      s.execute("DROP TABLE adk_memories_text");
      s.execute("DROP TABLE adk_memories");
      s.execute("UPDATE adk_metadata SET value = '1' WHERE name = 'schema_version'");
    }
    return db;
  }
}
