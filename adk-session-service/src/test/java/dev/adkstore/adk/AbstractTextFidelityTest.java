package dev.adkstore.adk;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.adk.events.Event;
import com.google.adk.sessions.Session;
import com.google.genai.types.Content;
import com.google.genai.types.Part;
import dev.adkstore.api.InvalidArgumentException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Text fidelity through the ADK service (STORE-CONTRACT B7): no id aliases another, and text a
 * streaming model split inside a surrogate pair reads back exactly.
 */
abstract class AbstractTextFidelityTest extends StoreFixture {

  @Test
  void aUserIdWithAnUnpairedSurrogateCannotReachAnotherUsersSession() {
    Session victim = create("app", "alice?", "s?", Map.of("user:color", "blue", "mine", 1));

    for (String attacker : List.of("alice\uD800", "alice\uDBFF")) {
      assertThat(failure(service.createSession("app", attacker, Map.of("user:color", "red"), "s?")))
          .hasRootCauseInstanceOf(InvalidArgumentException.class);
      assertThat(failure(service.getSession("app", attacker, "s?", Optional.empty())))
          .hasRootCauseInstanceOf(InvalidArgumentException.class);
      assertThat(failure(service.deleteSession("app", attacker, "s?").toSingleDefault(1)))
          .hasRootCauseInstanceOf(InvalidArgumentException.class);
    }
    assertThat(failure(service.getSession("app", "alice?", "s\uD800", Optional.empty())))
        .hasRootCauseInstanceOf(InvalidArgumentException.class);

    Session intact = get(victim);
    assertThat(intact.state()).containsEntry("user:color", "blue").containsEntry("mine", 1);
  }

  @Test
  void textSplitInsideASurrogatePairReadsBackExactly() throws Exception {
    Session session = create("app", "u1", "s1", Map.of());
    String chunk = "see you \uD83D";
    Event streamed = textEvent("model", chunk, 1_000, Map.of());
    append(session, streamed);
    Event secondHalf = Event.builder().id("e2").author("model").timestamp(2_000)
        .content(Content.fromParts(Part.fromText("\uDE00 soon"))).build();
    append(session, secondHalf);

    restart();
    List<Event> events = get(session).events();
    assertThat(text(events.get(0))).isEqualTo(chunk);
    assertThat(text(events.get(1))).isEqualTo("\uDE00 soon");
    assertThat(text(events.get(0)) + text(events.get(1))).isEqualTo("see you 😀 soon");
  }

  @Test
  void anEventWhosePlainTextFieldCannotBeStoredExactlyFailsThroughRxAndChangesNothing() {
    Session session = create("app", "u1", "s1", Map.of());
    Event broken = Event.builder().id("e1").author("model").timestamp(1_000)
        .errorMessage("cut in half \uD83D").build();

    Throwable failure = failure(service.appendEvent(session, broken));

    assertThat(failure).hasRootCauseInstanceOf(InvalidArgumentException.class)
        .hasStackTraceContaining("errorMessage");
    assertThat(session.events()).isEmpty();
    assertThat(get(session).events()).isEmpty();
  }

  private static String text(Event event) {
    return event.content().flatMap(Content::parts).orElseThrow().get(0).text().orElseThrow();
  }
}
