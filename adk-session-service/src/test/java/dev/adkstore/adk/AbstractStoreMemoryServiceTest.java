package dev.adkstore.adk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.adk.events.Event;
import com.google.adk.memory.MemoryEntry;
import com.google.adk.memory.SearchMemoryResponse;
import com.google.adk.sessions.Session;
import com.google.genai.types.Blob;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.Part;
import dev.adkstore.api.SessionKey;
import io.reactivex.rxjava3.core.Completable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The service rules of MEMORY.md (ingest I1 to I9, search Q1 to Q9, erasure D1 to D3), each tested
 * under its id, against whatever store a subclass provides.
 */
public abstract class AbstractStoreMemoryServiceTest extends StoreFixture {
  private static final String APP = "app";
  private static final long T0 = Instant.parse("2026-01-02T03:04:05.678Z").toEpochMilli();

  private StoreMemoryService memory() {
    return new StoreMemoryService(store);
  }

  private static Session session(String app, String user, String id, Event... events) {
    return Session.builder(id).appName(app).userId(user).state(new ConcurrentHashMap<>())
        .events(new ArrayList<>(List.of(events))).build();
  }

  private static Session session(String id, Event... events) {
    return session(APP, "alice", id, events);
  }

  private static Event said(String id, String author, String role, long millis, String... texts) {
    return Event.builder().id(id).author(author).timestamp(millis)
        .content(Content.builder().role(role).parts(List.of(texts).stream().map(Part::fromText).toList()).build())
        .build();
  }

  private static Event said(String id, long millis, String text) {
    return said(id, "user", "user", millis, text);
  }

  private void add(Session session) {
    await(memory().addSessionToMemory(session));
  }

  private List<MemoryEntry> search(String user, String query) {
    return search(memory(), user, query);
  }

  private static List<MemoryEntry> search(StoreMemoryService service, String user, String query) {
    SearchMemoryResponse response = await(service.searchMemory(APP, user, query));
    return response.memories();
  }

  private static List<String> texts(List<MemoryEntry> entries) {
    return entries.stream()
        .map(e -> e.content().parts().orElse(List.of()).stream()
            .map(p -> p.text().orElse("")).reduce((a, b) -> a + "|" + b).orElse(""))
        .toList();
  }

  private static Throwable failure(Completable completable) {
    return completable.toSingleDefault("completed").map(Object.class::cast)
        .onErrorReturn(error -> error).timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).blockingGet() instanceof Throwable t
        ? t : null;
  }

  // ---- ingest ----------------------------------------------------------------------------------

  @Test
  void I1_oneEntryPerEventWithTextCarryingItsFields() {
    add(session("s1", said("e1", "user", "user", T0, "my dog is called Rex"),
        said("e2", "assistant", "model", T0 + 1000, "Rex is a fine dog name"),
        Event.builder().id("e3").author("user").timestamp(T0 + 2000).build()));

    List<MemoryEntry> found = search("alice", "dog");

    assertThat(texts(found)).containsExactlyInAnyOrder("my dog is called Rex", "Rex is a fine dog name");
    MemoryEntry first = found.stream().filter(e -> "user".equals(e.author())).findFirst().orElseThrow();
    assertThat(first.timestamp()).isEqualTo(Instant.ofEpochMilli(T0).toString());
    assertThat(first.content().role()).contains("user");
  }

  @Test
  void I2_onlyTextPartsCountNotCallsDataOrThoughts() {
    Event mixed = Event.builder().id("e1").author("model").timestamp(T0)
        .content(Content.builder().role("model").parts(List.of(
            Part.fromText("visible words"),
            Part.builder().text("secret reasoning").thought(true).build(),
            Part.builder().functionCall(FunctionCall.builder().name("lookupweather").args(Map.of("city", "oslo")).build()).build(),
            Part.builder().inlineData(Blob.builder().mimeType("text/plain").data("hidden".getBytes(StandardCharsets.UTF_8)).build()).build()))
            .build())
        .build();
    add(session("s1", mixed));

    assertThat(texts(search("alice", "visible"))).containsExactly("visible words");
    assertThat(search("alice", "reasoning")).isEmpty();
    assertThat(search("alice", "lookupweather oslo hidden")).isEmpty();
  }

  @Test
  void I3_partialEventsAreNeverIndexed() {
    Event partial = Event.builder().id("p1").author("model").timestamp(T0).partial(true)
        .content(Content.fromParts(Part.fromText("half a thought"))).build();
    add(session("s1", partial, said("e2", T0 + 1, "a whole thought")));

    assertThat(texts(search("alice", "thought"))).containsExactly("a whole thought");
  }

  @Test
  void I4_addingAgainAddsOnlyNewEventsAndEventsWithoutIdsAreKnownByTheirContent() {
    Event noId = Event.builder().author("user").timestamp(T0 + 5)
        .content(Content.fromParts(Part.fromText("penguins without ids"))).build();
    Session s = session("s1", said("e1", T0, "penguins swim"), noId);
    add(s);
    add(s);
    s.events().add(said("e2", T0 + 10, "penguins waddle"));
    add(s);
    add(session("s1", said("e1", T0, "penguins swim, rewritten"), Event.builder().author("user")
        .timestamp(T0 + 5).content(Content.fromParts(Part.fromText("penguins without ids"))).build()));

    assertThat(texts(search("alice", "penguins")))
        .containsExactlyInAnyOrder("penguins waddle", "penguins without ids", "penguins swim");
  }

  @Test
  void I5_entriesOfEventsNoLongerInTheSessionAreKept() {
    add(session("s1", said("e1", T0, "first whale"), said("e2", T0 + 1, "second whale")));
    add(session("s1", said("e3", T0 + 2, "third whale")));

    assertThat(search("alice", "whale")).hasSize(3);
  }

  @Test
  void I6_theSessionNeedNotExistAndDeletingItKeepsItsMemories() {
    add(session("never-created", said("e1", T0, "orphan walrus")));
    Session stored = create(APP, "alice", "s1", Map.of());
    append(stored, said("e2", T0 + 1, "stored walrus"));
    add(get(stored));
    await(service.deleteSession(APP, "alice", "s1"));

    assertThat(texts(search("alice", "walrus"))).containsExactlyInAnyOrder("orphan walrus", "stored walrus");
  }

  @Test
  void I7_longTextIsCutAtACharacterBoundaryNeverAnError() {
    StoreMemoryService small = StoreMemoryService.builder(store).maxTextBytes(10).build();
    // "é" is 2 bytes and the emoji 4: 3 x 2 + 4 = 10 bytes fit, the next one does not.
    await(small.addSessionToMemory(session("s1", said("e1", "user", "user", T0, "ééé\uD83D\uDE00é tail", "second part"))));
    await(memory().addSessionToMemory(session("s2", said("e2", T0, "x".repeat(40_000) + " end"))));

    assertThat(texts(search(small, "alice", "eee"))).containsExactly("ééé\uD83D\uDE00");
    List<MemoryEntry> longOne = search("alice", "x".repeat(40_000));
    assertThat(texts(search("alice", "end"))).isEmpty();
    assertThat(longOne).isEmpty();
    assertThat(store.knownMemoryKeys(SessionKey.of(APP, "alice", "s2"), List.of("e2")).join())
        .as("the long text was stored, cut").containsExactly("e2");
  }

  @Test
  void I8_concurrentAddsOfOneSessionStoreEachEntryOnceWhileSearchesRun() throws Exception {
    Session s = session("s1", IntStream.range(0, 30)
        .mapToObj(i -> said("e" + i, T0 + i, "parrot number " + i)).toArray(Event[]::new));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int n = i;
        tasks.add(pool.submit(() -> {
          if (n % 2 == 0) {
            add(s);
          } else {
            search("alice", "parrot");
          }
        }));
      }
      for (Future<?> task : tasks) {
        task.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(search(StoreMemoryService.builder(store).maxResults(100).build(), "alice", "parrot")).hasSize(30);
  }

  @Test
  void I9_invalidArgumentsFailBeforeAnythingIsWritten() {
    assertThatThrownBy(() -> memory().addSessionToMemory(null)).isInstanceOf(NullPointerException.class);
    assertThat(failure(memory().addSessionToMemory(session(" ", "alice", "s1", said("e1", T0, "blank app")))))
        .isInstanceOf(IllegalArgumentException.class);
    Event tooLong = said("e".repeat(129), T0 + 1, "over long id");
    assertThat(failure(memory().addSessionToMemory(session("s1", said("e1", T0, "valid kiwi"), tooLong))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(search("alice", "kiwi")).as("nothing of the session was written").isEmpty();
    assertThatThrownBy(() -> memory().searchMemory(APP, null, "q")).isInstanceOf(NullPointerException.class);
  }

  // ---- search ----------------------------------------------------------------------------------

  @Test
  void Q1_onlyThatAppAndUsersEntriesAreFound() {
    add(session(APP, "alice", "s1", said("e1", T0, "shared secret word")));
    add(session(APP, "bob", "s1", said("e1", T0, "shared secret word")));
    add(session("other-app", "alice", "s1", said("e1", T0, "shared secret word")));

    assertThat(search("alice", "secret")).hasSize(1);
    assertThat(search("carol", "secret")).isEmpty();
  }

  @Test
  void Q2_wordsMatchFoldedWholeAndUnstemmed() {
    add(session("s1", said("e1", T0, "Un CAFÉ à Paris"), said("e2", T0 + 1, "my cart is full"),
        said("e3", T0 + 2, "die Straße"), said("e4", T0 + 3, "running fast")));

    assertThat(texts(search("alice", "cafe"))).containsExactly("Un CAFÉ à Paris");
    assertThat(texts(search("alice", "Café"))).containsExactly("Un CAFÉ à Paris");
    assertThat(search("alice", "car")).as("whole words only").isEmpty();
    assertThat(texts(search("alice", "STRASSE"))).containsExactly("die Straße");
    assertThat(search("alice", "run")).as("no stemming").isEmpty();
  }

  @Test
  void Q3_anyQueryWordMatchesAndStopWordsAreDroppedFromTheQueryOnly() {
    add(session("s1", said("e1", T0, "the cat sleeps"), said("e2", T0 + 1, "a dog barks")));

    assertThat(texts(search("alice", "cat dog"))).containsExactlyInAnyOrder("the cat sleeps", "a dog barks");
    assertThat(search("alice", "the")).as("a stop word alone").isEmpty();
    assertThat(texts(StoreMemoryService.builder(store).stopWords(Set.of()).build()
        .searchMemory(APP, "alice", "the").blockingGet().memories().stream().toList()))
        .as("stop words stay in the index").isNotEmpty();
  }

  @Test
  void Q4_moreQueryWordsRankHigherAndTiesPutTheNewerFirst() {
    add(session("s1", said("e1", T0, "red apple tree"), said("e2", T0 + 2, "red bike lane"),
        said("e3", T0 + 1, "red boat ride")));

    assertThat(texts(search("alice", "red apple"))).first().isEqualTo("red apple tree");
    assertThat(texts(search("alice", "red")))
        .containsExactly("red bike lane", "red boat ride", "red apple tree");
  }

  @Test
  void Q5_atMostTheConfiguredNumberOfEntries() {
    add(session("s1", IntStream.range(0, 15).mapToObj(i -> said("e" + i, T0 + i, "otter " + i)).toArray(Event[]::new)));

    assertThat(search("alice", "otter")).hasSize(StoreMemoryService.DEFAULT_MAX_RESULTS);
    assertThat(search(StoreMemoryService.builder(store).maxResults(3).build(), "alice", "otter")).hasSize(3);
  }

  @Test
  void Q6_noMatchOrNoWordsGiveAnEmptyResponseAndNoWordsCallNoStore() {
    add(session("s1", said("e1", T0, "lonely heron")));
    assertThat(search("alice", "flamingo")).isEmpty();
    StoreMemoryService overClosedStore = memory();
    store.close();

    assertThat(search(overClosedStore, "alice", "   ")).isEmpty();
    assertThat(search(overClosedStore, "alice", "the and of !?")).isEmpty();
  }

  @Test
  void Q7_theQueryIsTextNeverSyntax() {
    add(session("s1", said("e1", T0, "the dog runs"), said("e2", T0 + 1, "a near miss or not")));

    assertThat(texts(search("alice", "\"dog\" OR cat* -bird col:dog ^dog (dog) dog:* NOT")))
        .containsExactly("the dog runs");
    assertThat(texts(search("alice", "NEAR"))).containsExactly("a near miss or not");
  }

  @Test
  void Q8_onlyTheFirst4000CharactersAnd32WordsOfTheQueryAreUsed() {
    add(session("s1", said("e1", T0, "zebra"), said("e2", T0 + 1, "giraffe")));
    String manyWords = IntStream.range(0, 32).mapToObj(i -> "w" + i).reduce((a, b) -> a + " " + b).orElseThrow();

    assertThat(search("alice", manyWords + " zebra")).as("the 33rd word").isEmpty();
    assertThat(search("alice", "x".repeat(4_000) + " giraffe")).as("after 4,000 characters").isEmpty();
    assertThat(texts(search("alice", "giraffe " + "x".repeat(10_000)))).containsExactly("giraffe");
  }

  @Test
  void Q9_anEntryCarriesRoleTextPartsAuthorAndAnIsoUtcTimestamp() {
    add(session("s1", said("e1", "helper", "model", T0, "first part", "second part")));

    MemoryEntry entry = search("alice", "part").get(0);
    assertThat(entry.author()).isEqualTo("helper");
    assertThat(entry.timestamp()).isEqualTo("2026-01-02T03:04:05.678Z");
    assertThat(entry.content().role()).contains("model");
    assertThat(texts(List.of(entry))).containsExactly("first part|second part");
  }

  // ---- erasure ---------------------------------------------------------------------------------

  @Test
  void D1_deleteMemoriesErasesOneUsersEntriesInTheApp() {
    add(session(APP, "alice", "s1", said("e1", T0, "moose")));
    add(session(APP, "alice", "s2", said("e2", T0, "moose")));
    add(session(APP, "bob", "s1", said("e1", T0, "moose")));
    add(session("other-app", "alice", "s1", said("e1", T0, "moose")));

    assertThat(await(memory().deleteMemories(APP, "alice"))).isEqualTo(2L);
    assertThat(search("alice", "moose")).isEmpty();
    assertThat(search("bob", "moose")).hasSize(1);
    assertThat(await(memory().searchMemory("other-app", "alice", "moose")).memories()).hasSize(1);
  }

  @Test
  void D2_deleteSessionMemoriesErasesOneSession() {
    add(session("s1", said("e1", T0, "lynx one")));
    add(session("s2", said("e2", T0, "lynx two")));

    assertThat(await(memory().deleteSessionMemories(APP, "alice", "s1"))).isEqualTo(1L);
    assertThat(texts(search("alice", "lynx"))).containsExactly("lynx two");
  }

  @Test
  void D3_erasingNothingIsZeroAndAddingAgainIngestsAgain() {
    Session s = session("s1", said("e1", T0, "badger"));
    assertThat(await(memory().deleteMemories(APP, "alice"))).isZero();
    add(s);
    await(memory().deleteMemories(APP, "alice"));
    add(s);

    assertThat(search("alice", "badger")).hasSize(1);
  }
}
