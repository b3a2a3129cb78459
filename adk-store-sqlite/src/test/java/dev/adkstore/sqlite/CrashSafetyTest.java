package dev.adkstore.sqlite;

import static dev.adkstore.sqlite.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adkstore.api.EventQuery;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.SessionKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A child JVM appends as fast as it can and prints every acknowledged event id; it is killed with
 * SIGKILL mid-stream. Every id it printed must be in the database afterwards, and the database
 * must pass {@code PRAGMA integrity_check}. A killed process loses nothing that was committed in
 * either synchronous mode (only a power loss can take NORMAL's last commits).
 */
class CrashSafetyTest {
  static final SessionKey KEY = SessionKey.of("crash", "user", "session");
  private static final int IDS_BEFORE_KILL = 300;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(SynchronousMode.class)
  void everyAcknowledgedAppendSurvivesAKill(SynchronousMode mode) throws Exception {
    Path file = dir.resolve("crash-" + mode + ".db");
    Process child = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            CrashAppender.class.getName(), file.toString(), mode.name())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    Set<String> acknowledged = new HashSet<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (acknowledged.size() < IDS_BEFORE_KILL && (line = out.readLine()) != null) {
        acknowledged.add(line);
      }
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      // Ids printed between the last read and the kill were acknowledged too.
      while ((line = readLineOrNull(out)) != null) {
        acknowledged.add(line);
      }
    } finally {
      child.destroyForcibly();
    }
    assertThat(acknowledged).as("ids printed before the kill").hasSizeGreaterThanOrEqualTo(IDS_BEFORE_KILL);

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("ok");
    }
    try (SqliteAdkStore reopened = SqliteAdkStore.open(file)) {
      List<EventRecord> events = await(reopened.getEvents(EventQuery.all(KEY)));
      Set<String> stored = new HashSet<>();
      events.forEach(e -> stored.add(e.id()));
      assertThat(stored).containsAll(acknowledged);
      long last = events.get(events.size() - 1).timestamp().toEpochMilli();
      assertThat(await(reopened.getSession(KEY)).orElseThrow().state()).containsEntry("last", (int) last);
    }
  }

  private static String readLineOrNull(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (IOException closedByTheKill) {
      return null;
    }
  }

}
