package dev.adkstore.adk;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.adk.agents.LlmAgent;
import com.google.adk.agents.RunConfig;
import com.google.adk.events.Event;
import com.google.adk.memory.MemoryEntry;
import com.google.adk.runner.Runner;
import com.google.adk.sessions.BaseSessionService;
import com.google.adk.sessions.Session;
import com.google.adk.tools.LoadMemoryTool;
import com.google.genai.types.Content;
import com.google.genai.types.Part;
import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.EventQuery;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.NewSession;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.StateDelta;
import dev.adkstore.postgres.PostgresAdkStore;
import dev.adkstore.postgres.PostgresStoreConfig;
import dev.adkstore.postgres.PostgresTestDatabase;
import dev.adkstore.sqlite.SqliteAdkStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java code, compiled and run: each snippet sits verbatim between {@code README:begin}
 * and {@code README:end} comments below, and a check compares those regions with the README's
 * {@code java} blocks, so the two cannot drift apart.
 */
class ReadmeSnippetsTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path THIS_SOURCE =
      Path.of("src", "test", "java", "dev", "adkstore", "adk", "ReadmeSnippetsTest.java");
  private static final String BEGIN_MARKER = "// README:begin";
  private static final String END_MARKER = "// README:end";
  private static final Pattern JAVA_BLOCK = Pattern.compile("(?ms)^```java\\n(.*?)^```$");

  @TempDir Path dataDir;

  @Test
  void theReadmesJavaBlocksAreExactlyTheSnippetsThisTestRuns() throws IOException {
    List<String> readmeBlocks = new ArrayList<>();
    Matcher block = JAVA_BLOCK.matcher(Files.readString(README));
    while (block.find()) {
      readmeBlocks.add(block.group(1));
    }

    assertThat(readmeBlocks).hasSize(4).containsExactlyElementsOf(markedRegions());
  }

  @Test
  void sqliteRunnerSnippetConversesInACreatedAndInAnAutoCreatedSession() {
    ScriptedLlm model =
        new ScriptedLlm(List.of(ScriptedLlm.text("Hi there"), ScriptedLlm.text("Hello again")));
    LlmAgent agent =
        LlmAgent.builder().name("root").description("d").model(model).instruction("Greet.").build();

    // README:begin sqlite-runner
    SqliteAdkStore store = SqliteAdkStore.open(dataDir.resolve("sessions.db"));
    store.createTables().join(); // idempotent; once at start-up

    Runner runner =
        Runner.builder()
            .agent(agent)
            .appName("my-app")
            .sessionService(new StoreSessionService(store))
            .build();

    // A session must exist before its first message: create it...
    Session session = runner.sessionService().createSession("my-app", "user-1").blockingGet();
    Content hello = Content.fromParts(Part.fromText("Hello"));
    runner
        .runAsync("user-1", session.id(), hello, RunConfig.builder().build())
        .blockingForEach(event -> System.out.println(event.stringifyContent()));

    // ...or let the first message create it, with exactly the id you give.
    RunConfig autoCreate = RunConfig.builder().autoCreateSession(true).build();
    runner
        .runAsync("user-1", "session-2", hello, autoCreate)
        .blockingForEach(event -> System.out.println(event.stringifyContent()));

    store.close(); // at shutdown; the service does not close the store
    // README:end

    try (SqliteAdkStore reopened = SqliteAdkStore.open(dataDir.resolve("sessions.db"))) {
      StoreSessionService service = new StoreSessionService(reopened);
      assertThat(texts(service, session.id())).containsExactly("Hello", "Hi there");
      assertThat(texts(service, "session-2")).containsExactly("Hello", "Hello again");
    }
  }

  @Test
  void memorySnippetRemembersASessionFindsItAgainAndForgetsTheUser() {
    ScriptedLlm model = new ScriptedLlm(List.of(ScriptedLlm.text("Noted.")));
    LlmAgent agent = LlmAgent.builder().name("root").description("d").model(model)
        .instruction("Answer.").tools(new LoadMemoryTool()).build();
    SqliteAdkStore store = SqliteAdkStore.open(dataDir.resolve("sessions.db"));
    store.createTables().join();
    Session session =
        new StoreSessionService(store).createSession("my-app", "user-1").blockingGet();

    // README:begin memory
    StoreMemoryService memory = new StoreMemoryService(store);
    Runner runner =
        Runner.builder()
            .agent(agent) // give it new LoadMemoryTool() to let the model search memory
            .appName("my-app")
            .sessionService(new StoreSessionService(store))
            .memoryService(memory)
            .build();
    runner
        .runAsync("user-1", session.id(), Content.fromParts(Part.fromText("My dog is Rex")),
            RunConfig.builder().build())
        .blockingSubscribe();

    // After a turn, or when a session ends: remember it (only new events are added).
    Session said = runner.sessionService()
        .getSession("my-app", "user-1", session.id(), Optional.empty()).blockingGet();
    memory.addSessionToMemory(said).blockingAwait();
    List<MemoryEntry> found = memory.searchMemory("my-app", "user-1", "dog").blockingGet().memories();

    // A user asks to be forgotten: erase their memories (their sessions are deleted separately).
    long erased = memory.deleteMemories("my-app", "user-1").blockingGet();
    // README:end

    assertThat(found).hasSize(1);
    assertThat(erased).isEqualTo(2);
    assertThat(memory.searchMemory("my-app", "user-1", "rex").blockingGet().memories()).isEmpty();
    store.close();
  }

  @Test
  void postgresSnippetOpensAStoreTheServiceKeepsSessionsIn() {
    String jdbcUrl = PostgresTestDatabase.jdbcUrl();
    String dbUser = null;
    String dbPassword = null;
    String dbSchema = "adk_t_readme_" + UUID.randomUUID().toString().replace("-", "");
    try {
      // README:begin postgres
      PostgresAdkStore store =
          PostgresAdkStore.open(
              PostgresStoreConfig.builder()
                  .jdbcUrl(jdbcUrl)
                  .username(dbUser)
                  .password(dbPassword)
                  .schema(dbSchema)
                  .build());
      store.createTables().join(); // idempotent; once at start-up

      BaseSessionService sessions = new StoreSessionService(store);
      // ... Runner.builder().sessionService(sessions) as above; store.close() at shutdown.
      // README:end

      Session created =
          sessions.createSession("my-app", "user-1").timeout(30, SECONDS).blockingGet();
      store.close();
      try (PostgresAdkStore reopened =
          PostgresAdkStore.open(PostgresTestDatabase.config(dbSchema).build())) {
        assertThat(reopened.getSession(key(created)).join()).isPresent();
      }
    } finally {
      PostgresTestDatabase.dropSchema(dbSchema);
    }
  }

  @Test
  void portSnippetStoresTheEventAndTheState() {
    // README:begin port
    try (AsyncAdkStore store = SqliteAdkStore.open(dataDir.resolve("sessions.db"))) {
      store.createTables().join();
      SessionKey key = SessionKey.of("my-app", "user-1", "session-1");
      store.createSession(NewSession.of(key, Map.of("turn", 0))).join();
      store.appendEvent(
              EventRecord.builder(key, "event-1", Instant.now().truncatedTo(ChronoUnit.MILLIS))
                  .author("user")
                  .content("{\"parts\":[{\"text\":\"hello\"}]}")
                  .build(),
              StateDelta.builder().putSession("turn", 1).putUser("color", "blue").build())
          .join();
      List<EventRecord> lastTen = store.getEvents(EventQuery.all(key).last(10)).join();
    }
    // README:end

    try (SqliteAdkStore reopened = SqliteAdkStore.open(dataDir.resolve("sessions.db"))) {
      SessionKey key = SessionKey.of("my-app", "user-1", "session-1");
      assertThat(reopened.getEvents(EventQuery.all(key)).join())
          .extracting(EventRecord::id)
          .containsExactly("event-1");
      assertThat(reopened.getSession(key).join().orElseThrow().state()).containsEntry("turn", 1);
      assertThat(reopened.getUserState("my-app", "user-1").join()).containsEntry("color", "blue");
    }
  }

  private static SessionKey key(Session session) {
    return SessionKey.of(session.appName(), session.userId(), session.id());
  }

  private static List<String> texts(StoreSessionService service, String sessionId) {
    return service
        .getSession("my-app", "user-1", sessionId, Optional.empty())
        .timeout(30, SECONDS)
        .blockingGet()
        .events()
        .stream()
        .map(Event::stringifyContent)
        .toList();
  }

  /** The regions between the markers in this file, without the markers' indentation. */
  private static List<String> markedRegions() throws IOException {
    List<String> regions = new ArrayList<>();
    StringBuilder region = null;
    int indent = 0;
    for (String line : Files.readAllLines(THIS_SOURCE)) {
      String stripped = line.strip();
      if (stripped.startsWith(BEGIN_MARKER)) {
        region = new StringBuilder();
        indent = line.indexOf(BEGIN_MARKER);
      } else if (stripped.equals(END_MARKER)) {
        regions.add(region.toString());
        region = null;
      } else if (region != null) {
        region.append(line.length() > indent ? line.substring(indent) : line.strip()).append('\n');
      }
    }
    return regions;
  }
}
