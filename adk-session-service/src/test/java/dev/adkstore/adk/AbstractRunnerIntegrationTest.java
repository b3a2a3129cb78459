package dev.adkstore.adk;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.adk.agents.LlmAgent;
import com.google.adk.agents.RunConfig;
import com.google.adk.events.Event;
import com.google.adk.models.LlmRequest;
import com.google.adk.runner.Runner;
import com.google.adk.sessions.Session;
import com.google.adk.tools.FunctionTool;
import com.google.adk.tools.ToolContext;
import com.google.genai.types.Content;
import com.google.genai.types.Part;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * SESSION-SERVICE R1 to R5: ADK's real Runner, LlmAgent and FunctionTool over the service, with a
 * scripted model instead of the network.
 */
public abstract class AbstractRunnerIntegrationTest extends StoreFixture {
  private static final String APP = "app";

  /** A tool that writes user-scope and temp-scope state through its context. */
  public static Map<String, Object> paint(String color, ToolContext toolContext) {
    toolContext.state().put("user:color", color);
    toolContext.state().put("temp:x", "scratch");
    return Map.of("painted", color);
  }

  @Test
  void R1_twoTurnsAreStoredAndTheSecondRequestCarriesTheFirstTurn() {
    ScriptedLlm llm =
        new ScriptedLlm(List.of(ScriptedLlm.text("answer one"), ScriptedLlm.text("answer two")));
    Runner runner = runner(llm);
    Session session = create(APP, "u1", "s1", null);

    run(runner, "s1", "question one", RunConfig.builder().build());
    run(runner, "s1", "question two", RunConfig.builder().build());

    Session stored = get(session);
    assertThat(stored.events())
        .extracting(Event::author)
        .containsExactly("user", "root", "user", "root");
    assertThat(stored.events())
        .extracting(Event::stringifyContent)
        .containsExactly("question one", "answer one", "question two", "answer two");
    assertThat(texts(llm.requests().get(1)))
        .containsExactly("question one", "answer one", "question two");
  }

  @Test
  void R2_aNewRunnerAndServiceOverTheSameStorageContinueTheConversation() throws Exception {
    create(APP, "u1", "s1", null);
    run(
        runner(new ScriptedLlm(List.of(ScriptedLlm.text("answer one")))),
        "s1",
        "question one",
        RunConfig.builder().build());

    restart();
    ScriptedLlm afterRestart = new ScriptedLlm(List.of(ScriptedLlm.text("answer two")));
    run(runner(afterRestart), "s1", "question two", RunConfig.builder().build());

    assertThat(texts(afterRestart.requests().get(0)))
        .containsExactly("question one", "answer one", "question two");
    Session stored = await(service.getSession(APP, "u1", "s1", Optional.empty())).orElseThrow();
    assertThat(stored.events())
        .extracting(Event::stringifyContent)
        .containsExactly("question one", "answer one", "question two", "answer two");
  }

  @Test
  void R3_partialEventsReachTheCallerButAreNotStored() {
    ScriptedLlm llm =
        new ScriptedLlm(
            List.of(
                List.of(
                    ScriptedLlm.partial("Hel"),
                    ScriptedLlm.partial("lo"),
                    ScriptedLlm.finalText("Hello"))));
    Session session = create(APP, "u1", "s1", null);
    RunConfig sse = RunConfig.builder().streamingMode(RunConfig.StreamingMode.SSE).build();

    List<Event> seen = run(runner(llm), "s1", "hi", sse);

    assertThat(seen)
        .filteredOn(e -> e.partial().orElse(false))
        .extracting(Event::stringifyContent)
        .containsExactly("Hel", "lo");
    Session stored = get(session);
    assertThat(stored.events()).extracting(Event::stringifyContent).containsExactly("hi", "Hello");
    assertThat(stored.events()).allSatisfy(e -> assertThat(e.partial().orElse(false)).isFalse());
  }

  @Test
  void R4_toolStateIsScopedTempIsDroppedAndOutputKeyIsStored() throws Exception {
    ScriptedLlm llm =
        new ScriptedLlm(
            List.of(
                ScriptedLlm.call("call-1", "paint", Map.of("color", "blue")),
                ScriptedLlm.text("done")));
    LlmAgent agent =
        LlmAgent.builder()
            .name("root")
            .description("paints")
            .model(llm)
            .instruction("Paint when asked.")
            .outputKey("answer")
            .tools(FunctionTool.create(AbstractRunnerIntegrationTest.class, "paint"))
            .build();
    Session session = create(APP, "u1", "s1", null);

    run(
        Runner.builder().agent(agent).appName(APP).sessionService(service).build(),
        "s1",
        "paint it",
        RunConfig.builder().build());
    restart();

    Session stored = get(session);
    assertThat(stored.state()).containsEntry("user:color", "blue").containsEntry("answer", "done");
    assertThat(stored.state()).doesNotContainKey("temp:x");
    assertThat(stored.events())
        .allSatisfy(e -> assertThat(e.actions().stateDelta()).doesNotContainKey("temp:x"));
    assertThat(create(APP, "u1", "s2", null).state()).containsEntry("user:color", "blue");
  }

  @Test
  void R5_aMissingSessionFailsUnlessAutoCreateThenItIsCreatedWithThatId() {
    Runner runner = runner(new ScriptedLlm(List.of(ScriptedLlm.text("hello"))));
    Content message = Content.fromParts(Part.fromText("hi"));

    Throwable missing =
        failure(
            runner
                .runAsync("u1", "nope", message, RunConfig.builder().build())
                .ignoreElements()
                .toSingleDefault(Boolean.TRUE));
    assertThat(missing).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    assertThat(await(service.getSession(APP, "u1", "nope", Optional.empty()))).isEmpty();

    run(runner, "wanted-id", "hi", RunConfig.builder().autoCreateSession(true).build());

    Session created =
        await(service.getSession(APP, "u1", "wanted-id", Optional.empty())).orElseThrow();
    assertThat(created.events()).extracting(Event::stringifyContent).containsExactly("hi", "hello");
  }

  private Runner runner(ScriptedLlm llm) {
    LlmAgent agent =
        LlmAgent.builder().name("root").description("d").model(llm).instruction("Answer.").build();
    return Runner.builder().agent(agent).appName(APP).sessionService(service).build();
  }

  private static List<Event> run(Runner runner, String sessionId, String text, RunConfig config) {
    Flowable<Event> events =
        runner.runAsync("u1", sessionId, Content.fromParts(Part.fromText(text)), config);
    TestSubscriber<Event> subscriber = awaitTerminal(events.test());
    subscriber.assertNoErrors().assertComplete();
    return subscriber.values();
  }

  private static TestSubscriber<Event> awaitTerminal(TestSubscriber<Event> subscriber) {
    try {
      if (!subscriber.await(TIMEOUT_SECONDS, SECONDS)) {
        throw new AssertionError("the run did not finish in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return subscriber;
  }

  private static List<String> texts(LlmRequest request) {
    return request.contents().stream()
        .map(
            content ->
                content.parts().orElse(List.of()).stream()
                    .map(part -> part.text().orElse(""))
                    .reduce("", String::concat))
        .toList();
  }
}
