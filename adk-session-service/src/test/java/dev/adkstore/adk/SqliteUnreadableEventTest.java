package dev.adkstore.adk;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.adk.events.Event;
import com.google.adk.sessions.GetSessionConfig;
import com.google.adk.sessions.Session;
import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.sqlite.SqliteAdkStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An event row that the store holds but ADK cannot read (written before the port refused such rows,
 * or by another tool) fails only the reads that need it, with an error naming the event and the
 * field, never a raw runtime exception. The rows are damaged with SQL, since the port refuses them.
 */
class SqliteUnreadableEventTest extends StoreFixture {
  @TempDir Path directory;

  @Override
  protected AsyncAdkStore newStore() {
    return reopenStore();
  }

  @Override
  protected AsyncAdkStore reopenStore() {
    SqliteAdkStore opened = SqliteAdkStore.open(database());
    opened.createTables().join();
    return opened;
  }

  private Path database() {
    return directory.resolve("sessions.db");
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "extra   | [1]                    | extra",
        "extra   | \"text\"               | extra",
        "extra   | {\"usageMetadata\": 5} | usageMetadata",
        "content | 123                    | content",
        "content | {\"parts\": 7}         | content",
        "actions | []                     | actions",
        "actions | {\"stateDelta\": []}   | actions",
        "content | {not json              | content",
      })
  void aRowAdkCannotReadFailsTheReadsThatNeedItWithAnErrorNamingEventAndField(
      String column, String storedJson, String field) throws SQLException {
    Session damaged = create("app", "u1", "damaged", Map.of("user:color", "blue"));
    Session healthy = create("app", "u1", "healthy", null);
    Event event = textEvent("hello", 1_000);
    event.setId("e-damaged");
    append(damaged, event);
    append(healthy, textEvent("hi", 1_000));

    overwrite(column, event.id(), storedJson);

    Throwable onGet = failure(service.getSession("app", "u1", "damaged", Optional.empty()));
    Throwable onList = failure(service.listEvents("app", "u1", "damaged"));
    for (Throwable error : new Throwable[] {onGet, onList}) {
      assertThat(error)
          .isInstanceOf(UnreadableEventException.class)
          .hasMessageContaining(event.id())
          .hasMessageContaining("'" + field + "'")
          .hasMessageNotContaining(storedJson);
      UnreadableEventException unreadable = (UnreadableEventException) error;
      assertThat(unreadable.eventId()).isEqualTo(event.id());
      assertThat(unreadable.field()).isEqualTo(field);
    }
    assertThat(await(service.listSessions("app", "u1")).sessionIds())
        .containsExactlyInAnyOrder("damaged", "healthy");
    assertThat(get(healthy).events()).hasSize(1);
    assertThat(get(healthy).state()).containsEntry("user:color", "blue");
    assertThat(append(damaged, textEvent("later", 2_000)).stringifyContent()).isEqualTo("later");
  }

  @Test
  void aReadThatSkipsTheBadRowAndDeletingTheSessionStillWork() throws SQLException {
    Session session = create("app", "u1", "s1", null);
    Event bad = append(session, textEvent("old", 1_000));
    Event good = append(session, textEvent("new", 2_000));

    overwrite("extra", bad.id(), "[1]");

    Session recent =
        await(
                service.getSession(
                    "app",
                    "u1",
                    "s1",
                    Optional.of(GetSessionConfig.builder().numRecentEvents(1).build())))
            .orElseThrow();
    assertThat(recent.events()).extracting(Event::id).containsExactly(good.id());
    await(service.deleteSession("app", "u1", "s1"));
    assertThat(await(service.getSession("app", "u1", "s1", Optional.empty()))).isEmpty();
  }

  private void overwrite(String column, String eventId, String json) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database());
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE adk_events SET " + column + " = ? WHERE id = ?")) {
      if (column.equals("actions")) {
        update.setBytes(1, json.getBytes(StandardCharsets.UTF_8));
      } else {
        update.setString(1, json);
      }
      update.setString(2, eventId);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }
}
