package dev.adkstore.cli.internal;

import com.google.adk.agents.LlmAgent;
import com.google.adk.agents.RunConfig;
import com.google.adk.events.Event;
import com.google.adk.models.LlmRequest;
import com.google.adk.models.LlmResponse;
import com.google.adk.runner.Runner;
import com.google.adk.sessions.Session;
import com.google.adk.tools.FunctionTool;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.Part;
import dev.adkstore.adk.StoreSessionService;
import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.RetentionScope;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.SessionQuery;
import dev.adkstore.api.SessionRecord;
import dev.adkstore.cli.ExitCodes;
import dev.adkstore.json.JsonCodec;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code adk-store demo}: runs a real ADK {@link Runner} with a {@linkplain ScriptedModel scripted
 * model} and a tool that writes user state, persisted through {@link StoreSessionService}; then
 * builds a second Runner and service over the same database, as a restarted process would, and
 * shows that the conversation and the state survived. Offline and deterministic.
 *
 * <p>Not thread-safe: one instance per command line.
 */
@Command(
    name = "demo",
    description = {
      "Run a real ADK Runner with its sessions in the store, restart it, continue the chat.",
      "The model is scripted: no network, no keys, the same output every time."
    })
public final class DemoCommand implements Callable<Integer> {
  /** The demo's app name. */
  public static final String APP = "adk-store-demo";

  /** The demo's user. */
  public static final String USER = "alice";

  private static final String AGENT = "assistant";
  private static final String COLOR = "blue";
  private static final JsonCodec JSON = JsonCodec.withDefaults();

  @Spec private CommandSpec spec;

  // The same store, and default, as every other command: the obvious next command finds the demo.
  @Mixin private StoreOption storeOption;

  @Option(
      names = "--reset",
      description = "Delete the demo app's earlier sessions and user state first.")
  private boolean reset;

  private PrintWriter out;

  @Override
  public Integer call() {
    String url = storeOption.url();
    if (url.equals("jdbc:sqlite::memory:")) {
      throw new CliException(
          ExitCodes.USAGE,
          "the demo restarts over the same database, which an in-memory one does not survive:"
              + " give a file or PostgreSQL URL");
    }
    out = spec.commandLine().getOut();
    out.println("adk-store demo: a real ADK Runner, a scripted model (offline), sessions stored in "
        + StoreUrls.redact(url));
    String sessionId;
    try (AsyncAdkStore store = StoreUrls.open(url, StoreUrls.Access.CREATE)) {
      if (reset) {
        out.println("reset: deleted " + reset(store) + " earlier demo sessions");
      }
      sessionId = nextSessionId(store);
      out.println("session " + APP + "/" + USER + "/" + sessionId);
      out.println();
      out.println("-- first runner --");
      StoreSessionService service = new StoreSessionService(store);
      service.createSession(APP, USER, new HashMap<String, Object>(), sessionId).blockingGet();
      Runner runner = runner(firstScript(), service);
      turn(runner, sessionId, "Hi! My favourite colour is " + COLOR + ".");
      turn(runner, sessionId, "What colour should I paint my front door?");
      runner.close().blockingAwait();
      showStored(service, sessionId);
    }
    out.println();
    out.println("-- second runner: a new store, session service and Runner on the same database --");
    try (AsyncAdkStore store = StoreUrls.open(url, StoreUrls.Access.UPDATE)) {
      StoreSessionService service = new StoreSessionService(store);
      ScriptedModel model = new ScriptedModel(List.of(DemoCommand::recall));
      Runner runner = runner(model, service);
      turn(runner, sessionId, "Do you still remember my favourite colour?");
      runner.close().blockingAwait();
      int history = model.requests().get(0).contents().size();
      if (history <= 1) {
        throw new CliException(
            ExitCodes.STORE, "the conversation did not survive the restart: the model saw no history");
      }
      out.println("the model's request carried " + history + " messages: "
          + (history - 1) + " from before the restart and the new question");
      showStored(service, sessionId);
    }
    out.println();
    String urlOption = url.equals(StoreUrls.DEFAULT_URL) ? "" : "--url " + StoreUrls.redact(url) + " ";
    out.println("inspect it: adk-store sessions show " + urlOption + APP + " " + USER + " " + sessionId);
    out.flush();
    return 0;
  }

  private static Runner runner(ScriptedModel model, StoreSessionService service) {
    LlmAgent agent =
        LlmAgent.builder()
            .name(AGENT)
            .description("remembers the user's favourite colour")
            .model(model)
            .instruction("Remember the user's favourite colour with the remember_color tool.")
            .outputKey("last_reply")
            .tools(FunctionTool.create(ColorTool.class, "rememberColor"))
            .build();
    return Runner.builder().agent(agent).appName(APP).sessionService(service).build();
  }

  private void turn(Runner runner, String sessionId, String text) {
    out.println(label(USER) + text);
    Content message = Content.fromParts(Part.fromText(text));
    runner
        .runAsync(USER, sessionId, message, RunConfig.builder().build())
        .blockingForEach(this::printEvent);
  }

  private void printEvent(Event event) {
    for (FunctionCall call : event.functionCalls()) {
      out.println(label(event.author()) + "calls " + call.name().orElse("?") + "("
          + json(call.args().orElse(Map.of())) + ")");
    }
    for (FunctionResponse response : event.functionResponses()) {
      out.println(label("tool") + response.name().orElse("?") + " returned "
          + json(response.response().orElse(Map.of())));
    }
    String text = event.stringifyContent();
    if (event.functionCalls().isEmpty() && event.functionResponses().isEmpty() && !text.isBlank()) {
      out.println(label(event.author()) + text);
    }
    Map<String, Object> delta = event.actions().stateDelta();
    if (!delta.isEmpty()) {
      out.println(label("") + "(state change " + json(delta) + ")");
    }
  }

  private void showStored(StoreSessionService service, String sessionId) {
    Session stored = service.getSession(APP, USER, sessionId, Optional.empty()).blockingGet();
    out.println("stored: " + stored.events().size() + " events, state " + json(stored.state()));
  }

  private static String label(String who) {
    return String.format("%-10s%s", who, who.isEmpty() ? "  " : "> ");
  }

  private static String json(Map<String, Object> map) {
    return JSON.writeValue("value", new TreeMap<>(map));
  }

  /** The first runner's model: call the tool, confirm, then answer a question. */
  private static ScriptedModel firstScript() {
    List<Function<LlmRequest, LlmResponse>> steps =
        List.of(
            request ->
                reply(
                    Part.builder()
                        .functionCall(
                            FunctionCall.builder()
                                .id("call-1")
                                .name("remember_color")
                                .args(Map.of("color", COLOR))
                                .build())
                        .build()),
            request -> reply(Part.fromText("Got it: your favourite colour is " + COLOR + ".")),
            request -> reply(Part.fromText("How about " + COLOR + "? It is your favourite.")));
    return new ScriptedModel(steps);
  }

  /**
   * The second runner's model: answers from the history it is sent, so the answer is right only
   * if the conversation survived the restart.
   */
  private static LlmResponse recall(LlmRequest request) {
    Optional<Object> remembered =
        request.contents().stream()
            .flatMap(content -> content.parts().orElse(List.of()).stream())
            .flatMap(part -> part.functionResponse().stream())
            .flatMap(response -> response.response().stream())
            .map(response -> response.get("color"))
            .filter(color -> color != null)
            .findFirst();
    int earlier = request.contents().size() - 1;
    return reply(
        Part.fromText(
            remembered
                .map(color -> "Yes, it is " + color + ": I can see our " + earlier + " earlier messages.")
                .orElse("No, I do not remember: I see no earlier conversation.")));
  }

  private static LlmResponse reply(Part part) {
    return LlmResponse.builder()
        .content(Content.builder().role("model").parts(List.of(part)).build())
        .build();
  }

  /** A session id not yet used by the demo user: chat-1, chat-2, ... */
  private static String nextSessionId(AsyncAdkStore store) {
    List<SessionRecord> existing = Futures.await(store.listSessions(SessionQuery.forUser(APP, USER)));
    int number = existing.size() + 1;
    while (Futures.await(store.getSession(SessionKey.of(APP, USER, "chat-" + number))).isPresent()) {
      number++;
    }
    return "chat-" + number;
  }

  private static long reset(AsyncAdkStore store) {
    long deleted = 0;
    for (SessionRecord session : Futures.await(store.listSessions(SessionQuery.forApp(APP)))) {
      if (Futures.await(store.deleteSession(session.key()))) {
        deleted++;
      }
    }
    Instant future = Instant.now().plus(Duration.ofMinutes(1));
    Futures.await(store.deleteIdleUserStates(new RetentionScope(future, APP, false)));
    return deleted;
  }
}
