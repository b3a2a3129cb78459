package dev.adkstore.adk;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.adk.agents.LlmAgent;
import com.google.adk.agents.RunConfig;
import com.google.adk.memory.MemoryEntry;
import com.google.adk.models.LlmRequest;
import com.google.adk.runner.Runner;
import com.google.adk.sessions.Session;
import com.google.adk.tools.BaseTool;
import com.google.adk.tools.LoadMemoryTool;
import com.google.adk.tools.ToolContext;
import com.google.genai.types.Content;
import com.google.genai.types.Part;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * MEMORY R1 to R3: ADK's real Runner with the memory service, with a scripted model instead of
 * the network.
 */
public abstract class AbstractMemoryRunnerIntegrationTest extends StoreFixture {
  private static final String APP = "app";

  private StoreMemoryService memory() {
    return new StoreMemoryService(store);
  }

  @Test
  void R1_aNewRunnerFindsWhatAnEarlierSessionSaidThroughLoadMemoryAndAnotherUserDoesNot() throws Exception {
    create(APP, "alice", "s1", null);
    run(runner(new ScriptedLlm(List.of(ScriptedLlm.text("Noted."))), List.of()),
        "alice", "s1", "my dog is called Rex");
    await(memory().addSessionToMemory(getSession("alice", "s1")));

    restart();
    LoadMemoryTool loadMemory = new LoadMemoryTool();
    ScriptedLlm alice = new ScriptedLlm(List.of(
        ScriptedLlm.call("c1", loadMemory.name(), Map.of("query", "dog name")),
        ScriptedLlm.text("Your dog is Rex.")));
    create(APP, "alice", "s2", null);
    run(runner(alice, List.of(loadMemory)), "alice", "s2", "what is my dog called?");
    ScriptedLlm bob = new ScriptedLlm(List.of(
        ScriptedLlm.call("c1", loadMemory.name(), Map.of("query", "dog name")),
        ScriptedLlm.text("I do not know.")));
    create(APP, "bob", "s3", null);
    run(runner(bob, List.of(loadMemory)), "bob", "s3", "what is my dog called?");

    assertThat(requestText(alice.requests().get(1))).contains("Rex");
    assertThat(requestText(bob.requests().get(1))).doesNotContain("Rex");
  }

  @Test
  void R2_addingTheSessionAfterEachOfThreeTurnsStoresEachTextEventOnce() {
    create(APP, "alice", "s1", null);
    Runner runner = runner(new ScriptedLlm(List.of(
        ScriptedLlm.text("llama answer 1"), ScriptedLlm.text("llama answer 2"),
        ScriptedLlm.text("llama answer 3"))), List.of());
    for (int turn = 1; turn <= 3; turn++) {
      run(runner, "alice", "s1", "llama question " + turn);
      await(memory().addSessionToMemory(getSession("alice", "s1")));
    }

    List<String> found = await(memory().searchMemory(APP, "alice", "llama")).memories().stream()
        .map(AbstractMemoryRunnerIntegrationTest::text).toList();
    assertThat(found).containsExactlyInAnyOrder("llama question 1", "llama answer 1",
        "llama question 2", "llama answer 2", "llama question 3", "llama answer 3");
  }

  @Test
  void R3_aPreloadingToolPutsWhatAnEarlierSessionSaidIntoANewSessionsFirstRequest() {
    create(APP, "alice", "s1", null);
    run(runner(new ScriptedLlm(List.of(ScriptedLlm.text("Noted."))), List.of()),
        "alice", "s1", "my dog is called Rex");
    await(memory().addSessionToMemory(getSession("alice", "s1")));

    ScriptedLlm llm = new ScriptedLlm(List.of(ScriptedLlm.text("Rex, of course.")));
    create(APP, "alice", "s2", null);
    run(runner(llm, List.of(new PreloadMemory())), "alice", "s2", "do you remember my dog?");

    assertThat(llm.requests()).hasSize(1);
    assertThat(String.join("\n", llm.requests().get(0).getSystemInstructions())).contains("Rex");
  }

  /**
   * ADK Java has no preloading memory tool; this one does what ADK Python's does: before each model
   * request it searches memory with the user's first text part and appends what it finds to the
   * instructions.
   */
  static final class PreloadMemory extends BaseTool {
    PreloadMemory() {
      super("preload_memory", "Puts relevant memories into the instructions.");
    }

    @Override
    public Completable processLlmRequest(LlmRequest.Builder request, ToolContext context) {
      String query = context.userContent().flatMap(Content::parts).orElse(List.of()).stream()
          .flatMap(part -> part.text().stream()).findFirst().orElse("");
      return context.searchMemory(query).flatMapCompletable(found -> {
        if (!found.memories().isEmpty()) {
          request.appendInstructions(List.of("The user said before:\n" + found.memories().stream()
              .map(AbstractMemoryRunnerIntegrationTest::text).collect(Collectors.joining("\n"))));
        }
        return Completable.complete();
      });
    }
  }

  private static String text(MemoryEntry entry) {
    return entry.content().parts().orElse(List.of()).stream()
        .map(part -> part.text().orElse("")).collect(Collectors.joining());
  }

  private Session getSession(String user, String id) {
    return await(service.getSession(APP, user, id, Optional.empty())).orElseThrow();
  }

  private Runner runner(ScriptedLlm llm, List<BaseTool> tools) {
    LlmAgent agent = LlmAgent.builder().name("root").description("d").model(llm)
        .instruction("Answer.").tools(tools).build();
    return Runner.builder().agent(agent).appName(APP).sessionService(service)
        .memoryService(memory()).build();
  }

  private static void run(Runner runner, String user, String sessionId, String text) {
    TestSubscriber<?> subscriber = runner
        .runAsync(user, sessionId, Content.fromParts(Part.fromText(text)), RunConfig.builder().build())
        .test();
    try {
      assertThat(subscriber.await(TIMEOUT_SECONDS, SECONDS)).as("the run ended in time").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    subscriber.assertNoErrors().assertComplete();
  }

  // Everything the model was sent: contents, function responses included.
  private static String requestText(LlmRequest request) {
    return request.contents().stream().map(Content::toJson).collect(Collectors.joining("\n"));
  }
}
