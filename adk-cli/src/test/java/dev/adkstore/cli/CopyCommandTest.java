package dev.adkstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adkstore.postgres.PostgresTestDatabase;
import java.nio.file.Path;
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
  void copiesSqliteToPostgresql() {
    String server = PostgresTestDatabase.jdbcUrl();
    String schema = PostgresTestDatabase.newSchema("cli_copy");
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
      PostgresTestDatabase.dropSchema(schema);
    }
  }
}
