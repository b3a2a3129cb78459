package dev.adkstore.cli;

import static dev.adkstore.cli.TestStores.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adkstore.postgres.PostgresAdkStore;
import dev.adkstore.postgres.PostgresTestDatabase;
import dev.adkstore.sqlite.SqliteAdkStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL in the middle of a migration leaves a database that opens and
 * finishes upgrading. The child has the test-only migrations of {@code src/test/migrations-slow}
 * on its class path: a version 999 that creates a table, updates the version row and then runs for
 * minutes (SQLite) or seconds (PostgreSQL). It is killed while its upgrade transaction is open;
 * then this JVM, without that migration, opens the database and upgrades it as if nothing had
 * happened.
 */
class SchemaUpgradeKillTest {
  private static final Path SLOW_MIGRATIONS = Path.of("src/test/migrations-slow");

  @TempDir Path dir;

  @Test
  void aSqliteUpgradeKilledInTheMiddleLeavesVersion1AndTheNextOpenUpgrades() throws Exception {
    Path file = V1Fixture.sqliteCopy(dir);
    Process child = startUpgrade("sqlite", file.toString());
    try {
      // After "upgrading" the child writes only in its upgrade transaction, so while it holds the
      // write lock it is inside the migration, and the migration never ends by itself.
      awaitTrue(() -> writeLockIsHeld(file), "the child's upgrade transaction to take the write lock");
    } finally {
      kill(child);
    }
    try (SqliteAdkStore store = V1Fixture.openSqlite(file)) {
      assertThat(await(store.schemaVersion())).hasValue(1);
      await(store.createTables());
      assertThat(V1Fixture.export(store)).containsExactlyElementsOf(V1Fixture.sqliteExport());
    }
    assertThat(SchemaUpgradeFromV1Test.history(SchemaUpgradeFromV1Test.sqlite(file)))
        .containsExactly("1 BASELINE true", "2 SQL true");
    assertThat(SchemaUpgradeFromV1Test.tables(SchemaUpgradeFromV1Test.sqlite(file)))
        .doesNotContain("v1_sessions_half_upgraded");
    try (Connection c = SchemaUpgradeFromV1Test.sqlite(file);
        ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("ok");
    }
  }

  @Test
  void aPostgresUpgradeKilledInTheMiddleLeavesVersion1AndTheNextOpenUpgrades() throws Exception {
    String schema = V1Fixture.postgresCopy();
    try {
      Process child = startUpgrade("postgres", schema);
      try {
        awaitTrue(SchemaUpgradeKillTest::migrationIsSleeping, "the child's migration to reach pg_sleep");
      } finally {
        kill(child);
      }
      // The server ends the dead client's transaction when its statement returns; until then the
      // schema lock makes the next upgrade wait.
      try (PostgresAdkStore store = V1Fixture.openPostgres(schema)) {
        await(store.createTables());
        assertThat(await(store.schemaVersion())).hasValue(2);
        assertThat(V1Fixture.export(store)).containsExactlyElementsOf(V1Fixture.postgresExport());
      }
      assertThat(SchemaUpgradeFromV1Test.history(PostgresTestDatabase.connect(schema)))
          .containsExactly("1 BASELINE true", "2 SQL true");
      assertThat(PostgresTestDatabase.tables(schema)).doesNotContain("v1_sessions_half_upgraded");
    } finally {
      PostgresTestDatabase.dropSchema(schema);
    }
  }

  private static Process startUpgrade(String backend, String target) throws Exception {
    Process child = SchemaUpgradeFromV1Test.childJvm(SLOW_MIGRATIONS.toAbsolutePath(), backend, target)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).as("the child's first line").isEqualTo("upgrading");
    return child;
  }

  private static void kill(Process child) throws InterruptedException {
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as("killed by SIGKILL, not ended by itself").isEqualTo(128 + 9);
  }

  private static boolean writeLockIsHeld(Path file) {
    try (Connection c = SchemaUpgradeFromV1Test.sqlite(file); Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 0");
      s.execute("BEGIN IMMEDIATE");
      s.execute("ROLLBACK");
      return false;
    } catch (SQLException busy) {
      return true;
    }
  }

  private static boolean migrationIsSleeping() {
    try (Connection c = PostgresTestDatabase.connect(null);
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                + " AND query LIKE '%pg_sleep(8)%' AND pid <> pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1) > 0;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  // Polls: the condition is another process's state, which no future or latch of ours can signal.
  private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("waited a minute for " + what).isBefore(deadline);
      Thread.sleep(20);
    }
  }
}
