package dev.adkstore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyCommandTest {
  @TempDir Path dir;

  @Test
  void copiesSqliteToSqliteAndIsSafeToRerun() {
    Path source = dir.resolve("source.db");
    TestStores.seed(source);
    String target = TestStores.url(dir.resolve("target.db"));

    Cli.Result first = Cli.run("copy", "--from", TestStores.url(source), "--to", target);
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out()).contains("4 sessions with 7 events written, 0 already present; 2 states written");
    assertThat(TestStores.contents(target)).isEqualTo(TestStores.contents(TestStores.url(source)));

    Cli.Result second = Cli.run("copy", "--from", TestStores.url(source), "--to", target, "--page-size", "1");
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.out()).contains("0 sessions with 0 events written, 4 already present; 0 states written, 2 unchanged");
  }

  @Test
  void copiesOneApp() {
    Path source = dir.resolve("source.db");
    TestStores.seed(source);
    String target = TestStores.url(dir.resolve("target.db"));

    Cli.Result result = Cli.run("copy", "--from", TestStores.url(source), "--to", target, "--app", "support");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(TestStores.contents(target).sessions()).hasSize(1);
  }

  @Test
  void aMissingSourceIsAStoreErrorAndCreatesNothing() {
    Path missing = dir.resolve("missing.db");
    Path target = dir.resolve("target.db");

    Cli.Result result = Cli.run("copy", "--from", TestStores.url(missing), "--to", TestStores.url(target));

    assertThat(result.exitCode()).isEqualTo(ExitCodes.STORE);
    assertThat(result.errLines()).containsExactly("adk-store: no SQLite database at " + missing);
    assertThat(missing).doesNotExist();
    assertThat(target).doesNotExist();
  }

  @Test
  void theSameStoreTwiceIsAUsageError() {
    String url = TestStores.url(dir.resolve("a.db"));

    Cli.Result result = Cli.run("copy", "--from", url, "--to", url);

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines()).containsExactly("adk-store: --from and --to name the same store");
  }

  @Test
  void copiesSqliteToPostgresql() throws SQLException {
    String server = System.getenv("ADK_STORE_PG_URL");
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    if (server == null || server.isBlank()) {
      if (ci) {
        fail("CI=true but ADK_STORE_PG_URL is not set: the PostgreSQL copy must run in CI");
      }
      Assumptions.abort(
          "set ADK_STORE_PG_URL (e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres) to run");
    }
    try (Connection probe = DriverManager.getConnection(server)) {
      assertThat(probe.isValid(5)).isTrue();
    } catch (SQLException e) {
      if (ci) {
        throw e;
      }
      Assumptions.abort("PostgreSQL at ADK_STORE_PG_URL is unreachable: " + e.getMessage());
    }
    String schema = "cli_copy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String target = server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    Path source = dir.resolve("source.db");
    TestStores.seed(source);
    try {
      Cli.Result first = Cli.run("copy", "--from", TestStores.url(source), "--to", target);
      assertThat(first.exitCode()).as(first.toString()).isZero();
      assertThat(TestStores.contents(target)).isEqualTo(TestStores.contents(TestStores.url(source)));

      Cli.Result second = Cli.run("copy", "--from", TestStores.url(source), "--to", target);
      assertThat(second.exitCode()).as(second.toString()).isZero();
      assertThat(second.out()).contains("0 sessions with 0 events written, 4 already present");

      Path back = dir.resolve("back.db");
      Cli.Result reverse = Cli.run("copy", "--from", target, "--to", TestStores.url(back));
      assertThat(reverse.exitCode()).as(reverse.toString()).isZero();
      assertThat(TestStores.contents(TestStores.url(back))).isEqualTo(TestStores.contents(TestStores.url(source)));
    } finally {
      try (Connection connection = DriverManager.getConnection(server);
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }
}
