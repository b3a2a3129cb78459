package dev.adkstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command as a real process: {@code java -cp <test classpath> dev.adkstore.cli.Main ...}. */
class ProcessTest {
  @TempDir Path dir;

  @Test
  void demoRunsOfflineInTheDefaultDatabaseWhereTheNextCommandFindsIt() throws Exception {
    Cli.Result result = Cli.runProcess(dir, "demo");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("sessions stored in jdbc:sqlite:./adk-store.db")
        .contains("assistant > Yes, it is blue: I can see our 6 earlier messages.")
        .contains("stored: 8 events")
        .contains("inspect it: adk-store sessions show adk-store-demo alice chat-1");
    assertThat(result.err()).isEmpty();
    assertThat(dir.resolve("adk-store.db")).exists();

    Cli.Result next = Cli.runProcess(dir, "sessions", "show", "adk-store-demo", "alice", "chat-1");
    assertThat(next.exitCode()).as(next.toString()).isZero();
    assertThat(next.out()).containsPattern("(?m)^session +adk-store-demo/alice/chat-1$");
  }

  @Test
  void exportThenImportRoundTrips() throws Exception {
    Path source = dir.resolve("source.db");
    TestStores.seed(source);

    Cli.Result export = Cli.runProcess(dir, "export", "--url", "jdbc:sqlite:source.db", "dump.jsonl");
    assertThat(export.exitCode()).as(export.toString()).isZero();
    assertThat(export.out()).isEqualTo("exported 4 sessions with 7 events and 2 states to dump.jsonl\n");

    Cli.Result imported = Cli.runProcess(dir, "import", "dump.jsonl");
    assertThat(imported.exitCode()).as(imported.toString()).isZero();
    assertThat(imported.out()).contains("4 sessions with 7 events written");
    assertThat(TestStores.contents(TestStores.url(dir.resolve("adk-store.db"))))
        .isEqualTo(TestStores.contents(TestStores.url(source)));

    Cli.Result again = Cli.runProcess(dir, "import", "dump.jsonl");
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.out()).contains("0 sessions with 0 events written, 4 already present");
  }

  @Test
  void aMalformedImportFailsWithTheInputExitCodeAndWritesNothing() throws Exception {
    Path source = dir.resolve("source.db");
    TestStores.seed(source);
    assertThat(Cli.runProcess(dir, "export", "--url", "jdbc:sqlite:source.db", "dump.jsonl").exitCode()).isZero();
    List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("dump.jsonl"), StandardCharsets.UTF_8));
    lines.set(2, "{\"type\":");
    Files.write(dir.resolve("dump.jsonl"), lines, StandardCharsets.UTF_8);

    Cli.Result result = Cli.runProcess(dir, "import", "--url", "jdbc:sqlite:target.db", "dump.jsonl");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(result.out()).isEmpty();
    assertThat(result.errLines()).hasSize(2);
    assertThat(result.errLines().get(0)).startsWith("adk-store: dump.jsonl:3: not a JSON object");
    assertThat(result.errLines().get(1)).isEqualTo("adk-store: 1 malformed line in dump.jsonl; nothing was imported");
    assertThat(dir.resolve("target.db")).doesNotExist();
  }

  @Test
  void anUnknownSubcommandIsAUsageError() throws Exception {
    Cli.Result result = Cli.runProcess(dir, "frobnicate");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines()).hasSize(1).first().asString().contains("frobnicate");
  }
}
