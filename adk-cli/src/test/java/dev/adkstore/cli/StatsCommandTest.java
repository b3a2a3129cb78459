package dev.adkstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adkstore.json.JsonCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsCommandTest {
  @TempDir Path dir;

  @Test
  void showsCountsSchemaVersionAndFileFacts() {
    Path db = dir.resolve("a.db");
    TestStores.seed(db);

    Cli.Result result = Cli.run("stats", "--url", TestStores.url(db));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .containsPattern("(?m)^sessions +4$")
        .containsPattern("(?m)^events +7$")
        .containsPattern("(?m)^app states +1$")
        .containsPattern("(?m)^user states +1$")
        .containsPattern("(?m)^schema version +[1-9]");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void printsJsonForScripts() {
    Path db = dir.resolve("a.db");
    TestStores.seed(db);

    Cli.Result result = Cli.run("stats", "--json", "--url", TestStores.url(db));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    Map<String, Object> stats = JsonCodec.withDefaults().readState("stats", result.out().strip());
    assertThat(stats).containsEntry("sessions", 4).containsEntry("events", 7);
    assertThat(stats.get("details")).isInstanceOf(Map.class);
    assertThat((Map<?, ?>) stats.get("details")).isNotEmpty();
  }

  @Test
  void refusesAMissingDatabaseWithoutCreatingIt() {
    Path missing = dir.resolve("missing.db");

    Cli.Result result = Cli.run("stats", "--url", TestStores.url(missing));

    assertThat(result.exitCode()).isEqualTo(ExitCodes.STORE);
    assertThat(result.errLines()).containsExactly("adk-store: no SQLite database at " + missing);
    assertThat(result.out()).isEmpty();
    assertThat(missing).doesNotExist();
    assertThat(Files.exists(dir.resolve("missing.db-wal"))).isFalse();
  }
}
