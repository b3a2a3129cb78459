package dev.adkstore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adkstore.api.EventRecord;
import dev.adkstore.api.ScopedState;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.SessionRecord;
import dev.adkstore.cli.internal.ExportFormat;
import dev.adkstore.cli.internal.Progress;
import dev.adkstore.cli.internal.StoreUrls;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormatAndProgressTest {
  private final ExportFormat format = new ExportFormat();

  @Test
  void aSessionWithEveryEventFieldRoundTrips() {
    SessionKey key = SessionKey.of("app", "user", "id");
    SessionRecord session =
        new SessionRecord(
            key,
            Map.of("d", 1.0, "big", new BigInteger("98765432109876543210"), "n", List.of(1, "x")),
            Instant.parse("2026-01-02T03:04:05.678Z"),
            Instant.parse("2026-01-02T03:04:06.001Z"),
            42,
            "owner-1");
    EventRecord full =
        EventRecord.builder(key, "e1", Instant.parse("2026-01-02T03:04:06.001Z"))
            .invocationId("inv")
            .author("model")
            .actions("{\"stateDelta\":{\"a\":1.50}}".getBytes(StandardCharsets.UTF_8))
            .longRunningToolIdsJson("[\"t1\"]")
            .branch("root.sub")
            .content("{\"parts\":[{\"text\":\"hé\\n\"}]}")
            .groundingMetadata("{}")
            .customMetadata("{\"x\": 1e3}")
            .partial(false)
            .turnComplete(true)
            .interrupted(false)
            .errorCode("E")
            .errorMessage("bad\nthing")
            .extra("{\"finishReason\":\"STOP\"}")
            .build();
    EventRecord bare = EventRecord.builder(key, "e2", Instant.parse("2026-01-02T03:04:07Z")).build();

    String line = format.session(session, List.of(full, bare));

    assertThat(line).doesNotContain("\n");
    ExportFormat.SessionLine parsed = (ExportFormat.SessionLine) format.parse(line);
    assertThat(parsed.session()).isEqualTo(session);
    assertThat(parsed.events()).containsExactly(full, bare);
  }

  @Test
  void statesRoundTrip() {
    ScopedState app = new ScopedState("app", null, Map.of("k", "v"), Instant.parse("2026-01-01T00:00:00.001Z"));
    ScopedState user = new ScopedState("app", "u", Map.of(), Instant.parse("2026-01-01T00:00:00Z"));

    assertThat(format.parse(format.state(app))).isEqualTo(new ExportFormat.StateLine(app));
    assertThat(format.parse(format.state(user))).isEqualTo(new ExportFormat.StateLine(user));
    assertThat(format.parse(format.header())).isEqualTo(new ExportFormat.Header(ExportFormat.VERSION));
  }

  @Test
  void invalidRecordsAreRejectedWithAReason() {
    assertThatThrownBy(() -> format.parse("[1]")).hasMessageStartingWith("not a JSON object");
    assertThatThrownBy(() -> format.parse("{\"type\":\"header\",\"format\":\"adk-store-export\",\"version\":2}"))
        .hasMessageContaining("unsupported version 2");
    assertThatThrownBy(
            () -> format.parse("{\"type\":\"app_state\",\"app\":\"a\",\"state\":{},\"updateTime\":\"yesterday\"}"))
        .hasMessageContaining("updateTime");
    assertThatThrownBy(
            () -> format.parse("{\"type\":\"app_state\",\"app\":\"\",\"state\":{},\"updateTime\":\"2026-01-01T00:00:00Z\"}"))
        .hasMessageContaining("appName");
    String session = format.session(
        new SessionRecord(SessionKey.of("a", "u", "s"), Map.of(), Instant.EPOCH, Instant.EPOCH, 1, null),
        List.of(
            EventRecord.builder(SessionKey.of("a", "u", "s"), "same", Instant.EPOCH).build(),
            EventRecord.builder(SessionKey.of("a", "u", "s"), "same", Instant.EPOCH).build()));
    assertThatThrownBy(() -> format.parse(session)).hasMessageContaining("event id 'same' repeats");
  }

  @Test
  void progressDrawsOnlyWhenEnabledAndEndsItsLine() {
    StringWriter drawn = new StringWriter();
    try (Progress progress = new Progress(new PrintWriter(drawn), "sessions", 4, true)) {
      for (int i = 0; i < 4; i++) {
        progress.step();
      }
    }
    assertThat(drawn.toString())
        .contains("\r[#######.......................]  25% 1/4 sessions")
        .endsWith("\r[##############################] 100% 4/4 sessions" + System.lineSeparator());

    StringWriter silent = new StringWriter();
    try (Progress progress = new Progress(new PrintWriter(silent), "sessions", 4, false)) {
      progress.step();
      assertThat(progress.done()).isEqualTo(1);
    }
    assertThat(silent.toString()).isEmpty();
  }

  @Test
  void aByteProgressBarShowsSizesAndMakesRoomForAMessage() {
    StringWriter drawn = new StringWriter();
    PrintWriter err = new PrintWriter(drawn);
    try (Progress progress = Progress.ofBytes(err, "validated", 4096, true)) {
      progress.advanceTo(1024);
      progress.endLine();
      err.print("a message");
      progress.advanceTo(4096);
    }
    String newline = System.lineSeparator();
    assertThat(drawn.toString())
        .isEqualTo("\r[#######.......................]  25% 1.0 KiB/4.0 KiB validated" + newline
            + "a message\r[##############################] 100% 4.0 KiB/4.0 KiB validated" + newline);
  }

  @Test
  void passwordsAreRedactedFromUrlsAndMessages() {
    assertThat(StoreUrls.redact("jdbc:postgresql://h/db?user=u&password=s3cret&currentSchema=x"))
        .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&currentSchema=x");
    assertThat(StoreUrls.redact("jdbc:postgresql://h/db?password=a:b%26c")).isEqualTo("jdbc:postgresql://h/db?password=***");
    assertThat(StoreUrls.redact("cannot connect to jdbc:postgresql://h/db?password=s3cret: refused"))
        .isEqualTo("cannot connect to jdbc:postgresql://h/db?password=***: refused");
  }
}
