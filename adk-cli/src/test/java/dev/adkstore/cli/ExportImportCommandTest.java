package dev.adkstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adkstore.json.JsonCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportImportCommandTest {
  @TempDir Path dir;
  private Path source;
  private Path exported;

  @BeforeEach
  void seed() {
    source = dir.resolve("source.db");
    TestStores.seed(source);
    exported = dir.resolve("export.jsonl");
  }

  @Test
  void exportWritesOneTypedRecordPerLine() throws IOException {
    Cli.Result result = Cli.run("export", "--url", TestStores.url(source), exported.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("exported 4 sessions with 7 events and 2 states to " + exported);
    List<String> lines = Files.readAllLines(exported, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(1 + 2 + 4);
    List<Object> types = new ArrayList<>();
    for (String line : lines) {
      types.add(JsonCodec.withDefaults().readState("line", line).get("type"));
    }
    assertThat(types)
        .containsExactly("header", "app_state", "user_state", "session", "session", "session", "session");
    assertThat(dir).isDirectoryNotContaining("glob:**.partial");
  }

  @Test
  void exportOfOneAppWithSmallPagesToStdout() {
    Cli.Result result =
        Cli.run("export", "--url", TestStores.url(source), "--app", "shop", "--page-size", "1", "-");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.outLines()).hasSize(1 + 2 + 3);
    assertThat(result.out()).doesNotContain("\"support\"");
    assertThat(result.err()).contains("exported 3 sessions with 5 events and 2 states");
  }

  @Test
  void importRestoresEverythingExactlyAndTwiceChangesNothing() {
    assertThat(Cli.run("export", "--url", TestStores.url(source), exported.toString()).exitCode()).isZero();
    String target = TestStores.url(dir.resolve("target.db"));

    Cli.Result first = Cli.run("import", "--url", target, exported.toString());
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out()).contains("4 sessions with 7 events written, 0 already present; 2 states written, 0 unchanged");
    TestStores.Contents expected = TestStores.contents(TestStores.url(source));
    assertThat(TestStores.contents(target)).isEqualTo(expected);

    Cli.Result second = Cli.run("import", "--url", target, exported.toString());
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.out()).contains("0 sessions with 0 events written, 4 already present; 0 states written, 2 unchanged");
    assertThat(TestStores.contents(target)).isEqualTo(expected);
  }

  @Test
  void malformedLinesAreReportedWithTheirNumbersAndNothingIsImported() throws IOException {
    assertThat(Cli.run("export", "--url", TestStores.url(source), exported.toString()).exitCode()).isZero();
    List<String> lines = new ArrayList<>(Files.readAllLines(exported, StandardCharsets.UTF_8));
    lines.set(3, lines.get(3).replace("\"type\":\"session\"", "\"type\":\"sesion\""));
    lines.set(5, lines.get(5).substring(0, 20));
    lines.add("{\"type\":\"user_state\",\"app\":\"shop\",\"state\":{},\"updateTime\":\"2026-01-01T00:00:00Z\"}");
    Files.write(exported, lines, StandardCharsets.UTF_8);
    Path target = dir.resolve("target.db");

    Cli.Result result = Cli.run("import", "--url", TestStores.url(target), exported.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(result.errLines())
        .hasSize(4)
        .satisfies(errs -> {
          assertThat(errs.get(0)).startsWith("adk-store: " + exported + ":4: unknown record type 'sesion'");
          assertThat(errs.get(1)).startsWith("adk-store: " + exported + ":6: not a JSON object");
          assertThat(errs.get(2)).startsWith("adk-store: " + exported + ":8: missing field 'user'");
          assertThat(errs.get(3)).isEqualTo("adk-store: 3 malformed lines in " + exported + "; nothing was imported");
        });
    assertThat(target).doesNotExist();
  }

  @Test
  void anEventPayloadThatIsNotJsonIsMalformed() throws IOException {
    Files.write(
        exported,
        List.of(
            "{\"type\":\"header\",\"format\":\"adk-store-export\",\"version\":1}",
            "{\"type\":\"session\",\"app\":\"a\",\"user\":\"u\",\"id\":\"s\",\"createTime\":\"2026-01-01T00:00:00Z\","
                + "\"updateTime\":\"2026-01-01T00:00:00Z\",\"version\":1,\"state\":{},"
                + "\"events\":[{\"id\":\"e\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"content\":\"{not json\"}]}"),
        StandardCharsets.UTF_8);

    Cli.Result result = Cli.run("import", "--url", TestStores.url(dir.resolve("t.db")), exported.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(result.errLines().get(0)).contains(":2: session: events[0].content");
  }

  @Test
  void aFileWithoutHeaderIsRejected() throws IOException {
    Files.writeString(exported, "{\"type\":\"app_state\",\"app\":\"a\",\"state\":{},\"updateTime\":\"2026-01-01T00:00:00Z\"}\n");

    Cli.Result result = Cli.run("import", "--url", TestStores.url(dir.resolve("t.db")), exported.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(result.errLines().get(0)).endsWith(":1: the first line must be the export header");
  }

  @Test
  void aMissingImportFileIsAnInputError() {
    Path missing = dir.resolve("nope.jsonl");

    Cli.Result result = Cli.run("import", "--url", TestStores.url(dir.resolve("t.db")), missing.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(result.errLines()).containsExactly("adk-store: no such file: " + missing);
  }

  @Test
  void exportedStateKeepsJsonTypes() throws IOException {
    assertThat(Cli.run("export", "--url", TestStores.url(source), exported.toString()).exitCode()).isZero();
    String sessionLine =
        Files.readAllLines(exported, StandardCharsets.UTF_8).stream()
            .filter(line -> line.contains("\"cart\""))
            .findFirst()
            .orElseThrow();

    Map<String, Object> record = JsonCodec.withDefaults().readState("line", sessionLine);

    assertThat(sessionLine).contains("\"ratio\":1.0", "123456789012345678901234567890");
    assertThat(record).containsEntry("app", "shop").containsEntry("user", "u1").containsEntry("id", "s1");
    assertThat((List<?>) record.get("events")).hasSize(4);
  }

  @Test
  void exportIntoAMissingDirectoryIsAStoreError() {
    Path target = dir.resolve("no/such/dir/out.jsonl");

    Cli.Result result = Cli.run("export", "--url", TestStores.url(source), target.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.STORE);
    assertThat(result.errLines()).containsExactly("adk-store: cannot write " + target + ": no such directory");
  }

  @Test
  void importOfDashReadsStdin() throws IOException {
    assertThat(Cli.run("export", "--url", TestStores.url(source), exported.toString()).exitCode()).isZero();
    String target = TestStores.url(dir.resolve("target.db"));

    Cli.Result result = withStdin(Files.readAllBytes(exported), () -> Cli.run("import", "--url", target, "-"));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo("imported stdin: 4 sessions with 7 events written, 0 already present;"
        + " 2 states written, 0 unchanged" + System.lineSeparator());
    assertThat(TestStores.contents(target)).isEqualTo(TestStores.contents(TestStores.url(source)));
  }

  @Test
  void malformedStdinIsReportedByLineNumber() throws IOException {
    assertThat(Cli.run("export", "--url", TestStores.url(source), exported.toString()).exitCode()).isZero();
    List<String> lines = new ArrayList<>(Files.readAllLines(exported, StandardCharsets.UTF_8));
    lines.set(2, "{\"type\":");
    byte[] input = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    Path target = dir.resolve("target.db");

    Cli.Result result = withStdin(input, () -> Cli.run("import", "--url", TestStores.url(target), "-"));

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(result.errLines().get(0)).startsWith("adk-store: stdin:3: not a JSON object");
    assertThat(result.errLines().get(1)).isEqualTo("adk-store: 1 malformed line in stdin; nothing was imported");
    assertThat(target).doesNotExist();
  }

  @Test
  void bytesThatAreNotUtf8AreReportedWithTheirLineNumber() throws IOException {
    assertThat(Cli.run("export", "--url", TestStores.url(source), exported.toString()).exitCode()).isZero();
    List<String> lines = Files.readAllLines(exported, StandardCharsets.UTF_8);
    ByteArrayOutputStream latin1 = new ByteArrayOutputStream();
    for (int i = 0; i < lines.size(); i++) {
      // Line 4 as an old Windows tool would save it: "grüße" in ISO-8859-1.
      latin1.writeBytes(lines.get(i).getBytes(i == 3 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
      latin1.write('\n');
    }
    Files.write(exported, latin1.toByteArray());
    int firstBadByte = lines.get(3).indexOf('ü') + 1;

    Cli.Result result = Cli.run("import", "--url", TestStores.url(dir.resolve("t.db")), exported.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(result.errLines())
        .containsExactly(
            "adk-store: " + exported + ":4: not UTF-8 text: invalid byte at byte " + firstBadByte + " of the line",
            "adk-store: 1 malformed line in " + exported + "; nothing was imported");
  }

  @Test
  void theValidationPassShowsItsProgress() {
    assertThat(Cli.run("export", "--url", TestStores.url(source), exported.toString()).exitCode()).isZero();

    Cli.Result result =
        Cli.run("import", "--progress", "--url", TestStores.url(dir.resolve("t.db")), exported.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err())
        .containsPattern("\\r\\[#+\\.*\\] +\\d+% [0-9.]+ KiB/[0-9.]+ KiB validated")
        .contains("] 100% 6/6 records");
  }

  /** Runs a command with stdin replaced by the given bytes. */
  private static Cli.Result withStdin(byte[] input, Supplier<Cli.Result> command) {
    InputStream original = System.in;
    System.setIn(new ByteArrayInputStream(input));
    try {
      return command.get();
    } finally {
      System.setIn(original);
    }
  }
}
