package dev.adkstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorHandlingTest {
  @TempDir Path dir;

  @Test
  void anUnknownUrlSchemeIsAOneLineUsageError() {
    Cli.Result result = Cli.run("stats", "--url", "jdbc:mysql://localhost/x");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines())
        .containsExactly(
            "adk-store: unsupported store URL 'jdbc:mysql://localhost/x': use jdbc:sqlite:FILE,"
                + " jdbc:sqlite::memory: or jdbc:postgresql://HOST/DB");
  }

  @Test
  void anUnknownOptionIsAOneLineUsageError() {
    Cli.Result result = Cli.run("stats", "--colour");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines()).containsExactly("adk-store: Unknown option: '--colour' (see 'adk-store stats --help')");
  }

  @Test
  void aBadOptionValueIsAUsageError() {
    Cli.Result result = Cli.run("sessions", "list", "--limit", "many");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines()).hasSize(1).first().asString().contains("--limit").contains("many");
  }

  @Test
  void noSubcommandIsAUsageError() {
    Cli.Result result = Cli.run();

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines()).containsExactly("adk-store: a subcommand is required (see 'adk-store --help')");
  }

  @Test
  void verboseAddsTheStackTraceBeforeOrAfterTheSubcommand() {
    String missing = TestStores.url(dir.resolve("missing.db"));

    Cli.Result quiet = Cli.run("stats", "--url", missing);
    Cli.Result before = Cli.run("--verbose", "stats", "--url", missing);
    Cli.Result after = Cli.run("stats", "--url", missing, "--verbose");

    assertThat(quiet.errLines()).hasSize(1);
    for (Cli.Result verbose : new Cli.Result[] {before, after}) {
      assertThat(verbose.exitCode()).isEqualTo(ExitCodes.STORE);
      assertThat(verbose.errLines().get(0)).isEqualTo(quiet.errLines().get(0));
      assertThat(verbose.err()).contains("CliException").containsPattern("(?m)^\\s+at dev\\.adkstore\\.cli");
    }
  }

  @Test
  void inMemoryStoresAreAccepted() {
    Cli.Result result = Cli.run("stats", "--url", "jdbc:sqlite::memory:");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).containsPattern("(?m)^sessions +0$");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"demo", "sessions", "sessions list", "sessions show", "export", "import", "copy", "prune", "stats"})
  void everySubcommandHasHelp(String command) {
    List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
    args.add("--help");

    Cli.Result result = Cli.run(args.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).startsWith("Usage: adk-store " + command);
  }

  @Test
  void helpListsEverySubcommand() {
    Cli.Result result = Cli.run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("demo", "sessions", "export", "import", "copy", "prune", "stats");
  }
}
