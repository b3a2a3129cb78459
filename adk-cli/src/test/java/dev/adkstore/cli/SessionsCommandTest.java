package dev.adkstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adkstore.json.JsonCodec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionsCommandTest {
  @TempDir Path dir;
  private String url;

  @BeforeEach
  void seed() {
    Path db = dir.resolve("a.db");
    TestStores.seed(db);
    url = TestStores.url(db);
  }

  @Test
  void listsEverySessionInAnAlignedTable() {
    Cli.Result result = Cli.run("sessions", "list", "--url", url);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> lines = result.outLines();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).startsWith("APP").contains("USER", "SESSION", "UPDATED", "VERSION", "STATE");
    int sessionColumn = lines.get(0).indexOf("SESSION");
    for (String line : lines.subList(1, lines.size())) {
      assertThat(line.substring(sessionColumn)).matches("(s1|s2|t1) .*");
    }
    assertThat(String.join("\n", lines)).contains("support", "shop");
  }

  @Test
  void filtersByAppAndUserAndLimits() {
    Cli.Result byUser = Cli.run("sessions", "list", "--url", url, "--app", "shop", "--user", "u1");
    assertThat(byUser.exitCode()).as(byUser.toString()).isZero();
    assertThat(byUser.outLines()).hasSize(3).allMatch(line -> !line.contains("u2"));

    Cli.Result limited = Cli.run("sessions", "list", "--url", url, "--limit", "2");
    assertThat(limited.exitCode()).isZero();
    assertThat(limited.outLines()).hasSize(4).last().asString().contains("use --limit");
  }

  @Test
  void printsJsonForScripts() {
    Cli.Result result = Cli.run("sessions", "list", "--url", url, "--app", "shop", "--json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    Object parsed = JsonCodec.withDefaults().readValue("out", result.out().strip());
    assertThat(parsed).isInstanceOf(List.class);
    List<?> sessions = (List<?>) parsed;
    assertThat(sessions).hasSize(3);
    List<Object> keys = new java.util.ArrayList<>(((Map<?, ?>) sessions.get(0)).keySet());
    assertThat(keys).contains("app", "user", "id", "createTime", "updateTime", "version", "state");
  }

  @Test
  void userWithoutAppIsAUsageError() {
    Cli.Result result = Cli.run("sessions", "list", "--url", url, "--user", "u1");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines()).containsExactly("adk-store: --user requires --app");
  }

  @Test
  void showsOneSessionWithStateAndEventSummaries() {
    Cli.Result result = Cli.run("sessions", "show", "--url", url, "shop", "u1", "s1");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("shop/u1/s1")
        .containsPattern("(?m)^app state +\\{\"theme\":\"dark\"\\}$")
        .containsPattern("(?m)^user state +\\{\"color\":\"blue\"\\}$")
        .contains("4 events:")
        .contains("message 0 of s1", "message 2 of s1", "set scopes")
        .contains("{\"turn\":1}");
  }

  @Test
  void showLimitsTheEvents() {
    Cli.Result result = Cli.run("sessions", "show", "--url", url, "shop", "u1", "s1", "--events", "2");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("last 2 events").contains("set scopes").doesNotContain("message 0 of s1");
  }

  @Test
  void showPrintsJson() {
    Cli.Result result = Cli.run("sessions", "show", "--url", url, "shop", "u1", "s1", "--json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    Map<String, Object> shown = JsonCodec.withDefaults().readState("out", result.out().strip());
    assertThat(shown).containsEntry("appState", Map.of("theme", "dark"));
    assertThat((List<?>) shown.get("events")).hasSize(4);
  }

  @Test
  void showOfAMissingSessionExitsWithNotFound() {
    Cli.Result result = Cli.run("sessions", "show", "--url", url, "shop", "u2", "s2");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(result.errLines()).containsExactly("adk-store: no session shop/u2/s2");
  }

  @Test
  void anInvalidIdIsAUsageError() {
    Cli.Result result = Cli.run("sessions", "show", "--url", url, "shop", " ", "s1");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines()).hasSize(1).first().asString().startsWith("adk-store: userId");
  }
}
