package dev.adkstore.adk;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.adk.events.Event;
import com.google.adk.events.EventActions;
import com.google.adk.sessions.GetSessionConfig;
import com.google.adk.sessions.ListSessionsResponse;
import com.google.adk.sessions.Session;
import com.google.adk.sessions.SessionException;
import com.google.adk.sessions.SessionKey;
import com.google.adk.sessions.SessionNotFoundException;
import com.google.adk.sessions.State;
import com.google.genai.types.Content;
import com.google.genai.types.CustomMetadata;
import com.google.genai.types.FinishReason;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.GroundingMetadata;
import com.google.genai.types.Part;
import com.google.genai.types.Transcription;
import io.reactivex.rxjava3.core.Single;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The rules of SESSION-SERVICE.md (create, get, append, list, delete, events), each tested under
 * its id, against whatever store a subclass provides.
 */
public abstract class AbstractStoreSessionServiceTest extends StoreFixture {

  // ---- create ----------------------------------------------------------------------------------

  @Test
  void C1_createGeneratesUuidWithEmptyStateAndNoEvents() {
    Session first = await(service.createSession("app", "u1"));
    Session second = await(service.createSession("app", "u1"));

    assertThat(UUID.fromString(first.id()).toString()).isEqualTo(first.id());
    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(first.appName()).isEqualTo("app");
    assertThat(first.userId()).isEqualTo("u1");
    assertThat(first.state()).isEmpty();
    assertThat(first.events()).isEmpty();
  }

  @Test
  void C2_givenIdIsTrimmedAndBlankIdIsGenerated() {
    Session trimmed = create("app", "u1", " s1 ", null);
    Session generated = create("app", "u1", "   ", null);

    assertThat(trimmed.id()).isEqualTo("s1");
    assertThat(get(trimmed).id()).isEqualTo("s1");
    assertThat(UUID.fromString(generated.id())).isNotNull();
  }

  @Test
  @SuppressWarnings("deprecation")
  void C3_everyOverloadBehavesLikeTheMapOverload() {
    Session byKey = await(service.createSession(new SessionKey("app", "u1", "k1")));
    Session byKeyAndState =
        await(service.createSession(new SessionKey("app", "u1", "k2"), Map.of("a", 1, "app:b", 2)));
    ConcurrentHashMap<String, Object> concurrent =
        new ConcurrentHashMap<>(Map.of("c", 3, "user:d", 4));
    Session deprecated = await(service.createSession("app", "u1", concurrent, "k3"));

    assertThat(byKey.id()).isEqualTo("k1");
    assertThat(byKey.events()).isEmpty();
    assertThat(byKeyAndState.state()).containsEntry("a", 1).containsEntry("app:b", 2);
    assertThat(deprecated.state())
        .containsEntry("c", 3)
        .containsEntry("user:d", 4)
        .containsEntry("app:b", 2);
    assertThat(get(deprecated).state()).containsExactlyInAnyOrderEntriesOf(deprecated.state());
  }

  @Test
  void C4_initialStateIsCopied() {
    Map<String, Object> state = new HashMap<>();
    List<Object> list = new ArrayList<>(List.of(1, 2));
    state.put("list", list);
    state.put("k", "v");
    Session created = create("app", "u1", "s1", state);

    state.put("k", "changed");
    state.put("new", true);
    list.add(3);

    assertThat(created.state()).containsOnly(Map.entry("list", List.of(1, 2)), Map.entry("k", "v"));
    assertThat(get(created).state())
        .containsOnly(Map.entry("list", List.of(1, 2)), Map.entry("k", "v"));
  }

  @Test
  void C5_initialStateIsScopedAndTheReturnedStateIsTheMerge() {
    create("app", "other", "before", Map.of("app:existing", "e", "user:mine", "other's"));

    Session created =
        create("app", "u1", "s1", Map.of("s", 1, "app:x", 2, "user:y", 3, "temp:t", 4));

    Map<String, Object> expected = Map.of("s", 1, "app:x", 2, "user:y", 3, "app:existing", "e");
    assertThat(created.state()).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(get(created).state()).containsExactlyInAnyOrderEntriesOf(expected);
    Session sameUser = create("app", "u1", "s2", null);
    assertThat(sameUser.state())
        .containsExactlyInAnyOrderEntriesOf(Map.of("app:x", 2, "user:y", 3, "app:existing", "e"));
    Session otherUser = create("app", "u2", "s3", null);
    assertThat(otherUser.state())
        .containsExactlyInAnyOrderEntriesOf(Map.of("app:x", 2, "app:existing", "e"));
    Session otherApp = create("app2", "u1", "s4", null);
    assertThat(otherApp.state()).isEmpty();
  }

  @Test
  void C6_duplicateIdFailsAndLeavesTheExistingSessionUntouched() {
    Session original = create("app", "u1", "s1", Map.of("k", "original"));
    Event event = append(original, textEvent("hello", 1_000));

    Throwable error = failure(service.createSession("app", "u1", Map.of("k", "second"), "s1"));

    assertThat(error)
        .isInstanceOf(SessionException.class)
        .isInstanceOf(SessionAlreadyExistsException.class);
    Session stored = get(original);
    assertThat(stored.state()).containsExactlyInAnyOrderEntriesOf(Map.of("k", "original"));
    assertThat(stored.events()).containsExactly(event);
    assertThat(create("app", "u2", "s1", null).id()).isEqualTo("s1");
    assertThat(create("app2", "u1", "s1", null).id()).isEqualTo("s1");
    assertThat(get(original).events()).hasSize(1);
  }

  @Test
  void C7_lastUpdateTimeIsAWholeMillisecondEqualToGetAndList() {
    Session created = create("app", "u1", "s1", null);

    assertThat(created.lastUpdateTime().getNano() % 1_000_000).isZero();
    assertThat(get(created).lastUpdateTime()).isEqualTo(created.lastUpdateTime());
    assertThat(await(service.listSessions("app", "u1")).sessions().get(0).lastUpdateTime())
        .isEqualTo(created.lastUpdateTime());
  }

  @Test
  @SuppressWarnings("deprecation")
  void C8_nullArgumentsFailWithNullPointerException() {
    Session session = create("app", "u1", "s1", null);
    Event event = textEvent("x", 1);

    assertThatThrownBy(() -> service.createSession(null, "u1"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> service.createSession("app", null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () -> service.createSession(null, "u", (ConcurrentHashMap<String, Object>) null, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> service.getSession(null, "u1", "s1", Optional.empty()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> service.getSession("app", null, "s1", Optional.empty()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> service.getSession("app", "u1", null, Optional.empty()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> service.listSessions(null, "u1"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> service.listSessions("app", null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> service.deleteSession("app", "u1", null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> service.listEvents("app", null, "s1"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> service.appendEvent(null, event))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> service.appendEvent(session, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> service.closeSession(null)).isInstanceOf(NullPointerException.class);
    assertThat(get(session).events()).isEmpty();
  }

  // ---- get -------------------------------------------------------------------------------------

  @Test
  void G1_unknownSessionOrWrongUserOrAppCompletesEmpty() {
    create("app", "u1", "s1", null);

    assertThat(await(service.getSession("app", "u1", "nope", Optional.empty()))).isEmpty();
    assertThat(await(service.getSession("app", "u2", "s1", Optional.empty()))).isEmpty();
    assertThat(await(service.getSession("app2", "u1", "s1", Optional.empty()))).isEmpty();
    assertThat(await(service.getSession("app", "u1", "s1", Optional.empty()))).isPresent();
  }

  @Test
  void G2_withoutConfigAllNonPartialEventsInAppendOrder() {
    Session session = create("app", "u1", "s1", null);
    List<Event> appended = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      appended.add(append(session, textEvent("m" + i, 10_000 + i)));
    }
    Event partial = textEvent("chunk", 20_000);
    partial.setPartial(true);
    append(session, partial);

    assertThat(get(session).events()).containsExactlyElementsOf(appended);
  }

  @Test
  void G3_everyFieldOfAnEventRoundTrips() {
    Session session = create("app", "u1", "s1", null);
    Event rich = richEvent();

    append(session, rich);
    Event stored = get(session).events().get(0);

    assertSameEvent(stored, rich);
    assertThat(await(service.listEvents("app", "u1", "s1")).events()).hasSize(1);
    assertSameEvent(await(service.listEvents("app", "u1", "s1")).events().get(0), rich);
  }

  @Test
  void G4_removedSentinelReadsBackAsTheSentinelAndAbsentFieldsStayAbsent() {
    Session session = create("app", "u1", "s1", Map.of("gone", 1));
    Event event = textEvent("x", 5);
    event.actions().removeStateByKey("gone");

    append(session, event);
    Event stored = get(session).events().get(0);

    assertThat(stored.actions().stateDelta().get("gone")).isSameAs(State.REMOVED);
    assertThat(stored.partial()).isEmpty();
    assertThat(stored.turnComplete()).isEmpty();
    assertThat(stored.branch()).isEmpty();
    assertThat(stored.usageMetadata()).isEmpty();
    assertThat(stored.errorCode()).isEmpty();
    assertThat(stored).isEqualTo(event);
  }

  @Test
  void G5_returnedSessionsAndAppendedSessionsAreCopies() {
    Session session = create("app", "u1", "s1", Map.of("nested", Map.of("a", 1)));
    Event event = append(session, textEvent("x", 5));

    Session read = get(session);
    read.state().put("k", "changed");
    @SuppressWarnings("unchecked")
    Map<String, Object> nested = (Map<String, Object>) read.state().get("nested");
    nested.put("a", 99);
    read.events().clear();
    session.state().put("other", "changed");
    session.events().clear();
    event.setAuthor("someone else");

    Session again = get(session);
    assertThat(again.state()).containsExactlyInAnyOrderEntriesOf(Map.of("nested", Map.of("a", 1)));
    assertThat(again.events()).hasSize(1);
    assertThat(again.events().get(0).author()).isEqualTo("user");
  }

  @Test
  void G6_numRecentEventsKeepsTheLastN() {
    Session session = create("app", "u1", "s1", Map.of("k", "v"));
    List<Event> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      all.add(append(session, textEvent("m" + i, 1_000 + i)));
    }

    assertThat(withConfig(session, GetSessionConfig.builder().numRecentEvents(2).build()).events())
        .containsExactlyElementsOf(all.subList(3, 5));
    assertThat(withConfig(session, GetSessionConfig.builder().numRecentEvents(5).build()).events())
        .containsExactlyElementsOf(all);
    assertThat(withConfig(session, GetSessionConfig.builder().numRecentEvents(50).build()).events())
        .containsExactlyElementsOf(all);
    Session none = withConfig(session, GetSessionConfig.builder().numRecentEvents(0).build());
    assertThat(none.events()).isEmpty();
    assertThat(none.state()).containsExactlyInAnyOrderEntriesOf(Map.of("k", "v"));
    Throwable negative =
        failure(
            service.getSession(
                "app",
                "u1",
                "s1",
                Optional.of(GetSessionConfig.builder().numRecentEvents(-1).build())));
    assertThat(negative).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void G7_afterTimestampIsInclusiveAndExactAndFiltersBeforeTheLimit() {
    Session session = create("app", "u1", "s1", null);
    List<Event> all = new ArrayList<>();
    for (long t = 1_000; t <= 5_000; t += 1_000) {
      all.add(append(session, textEvent("at " + t, t)));
    }

    GetSessionConfig from2000 =
        GetSessionConfig.builder().afterTimestamp(Instant.ofEpochMilli(2_000)).build();
    assertThat(withConfig(session, from2000).events()).containsExactlyElementsOf(all.subList(1, 5));
    GetSessionConfig justAfter2000 =
        GetSessionConfig.builder()
            .afterTimestamp(Instant.ofEpochMilli(2_000).plusNanos(500_000))
            .build();
    assertThat(withConfig(session, justAfter2000).events())
        .containsExactlyElementsOf(all.subList(2, 5));
    GetSessionConfig both =
        GetSessionConfig.builder()
            .afterTimestamp(Instant.ofEpochMilli(2_000))
            .numRecentEvents(2)
            .build();
    assertThat(withConfig(session, both).events()).containsExactlyElementsOf(all.subList(3, 5));
    GetSessionConfig bothWide =
        GetSessionConfig.builder()
            .afterTimestamp(Instant.ofEpochMilli(3_000))
            .numRecentEvents(4)
            .build();
    assertThat(withConfig(session, bothWide).events()).containsExactlyElementsOf(all.subList(2, 5));
  }

  @Test
  void G8_equalTimestampsKeepAppendOrder() {
    Session session = create("app", "u1", "s1", null);
    List<Event> appended = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      appended.add(append(session, textEvent("same time " + i, 7_000)));
    }

    assertThat(get(session).events()).containsExactlyElementsOf(appended);
  }

  @Test
  void G9_lastUpdateTimeIsTheLastEventTimeEvenWhenEarlier() {
    Session session = create("app", "u1", "s1", null);
    append(session, textEvent("late", 9_000_000));
    append(session, textEvent("earlier", 5_000));

    assertThat(session.lastUpdateTime()).isEqualTo(Instant.ofEpochMilli(5_000));
    assertThat(get(session).lastUpdateTime()).isEqualTo(Instant.ofEpochMilli(5_000));
  }

  @Test
  void G10_stateIncludesSharedStateWrittenLaterByOtherSessions() {
    Session first = create("app", "u1", "s1", Map.of("own", 1));
    Session second = create("app", "u1", "s2", null);

    append(
        second,
        textEvent("user", "x", 1_000, Map.of("app:shared", "a", "user:mine", "u", "own2", 2)));

    assertThat(get(first).state())
        .containsExactlyInAnyOrderEntriesOf(Map.of("own", 1, "app:shared", "a", "user:mine", "u"));
  }

  // ---- append ----------------------------------------------------------------------------------

  @Test
  void A1_appendEmitsTheSameEventAndUpdatesTheSessionObject() {
    Session session = create("app", "u1", "s1", Map.of("old", 0));
    Event event =
        textEvent("agent", "hi", 123_456, Map.of("k", "v", "temp:scratch", 1, "app:a", true));

    Event emitted = append(session, event);

    assertThat(emitted).isSameAs(event);
    assertThat(session.events()).containsExactly(event);
    assertThat(session.state())
        .containsEntry("old", 0)
        .containsEntry("k", "v")
        .containsEntry("temp:scratch", 1)
        .containsEntry("app:a", true);
    assertThat(session.lastUpdateTime()).isEqualTo(Instant.ofEpochMilli(123_456));
  }

  @Test
  void A2_eventsAndStateSurviveAFreshGetAndARestart() throws Exception {
    Session session = create("app", "u1", "s1", null);
    Event event =
        append(session, textEvent("user", "hi", 1_000, Map.of("k", "v", "app:a", 1, "user:u", 2)));

    assertThat(get(session).events()).containsExactly(event);
    restart();

    Session reloaded = get(session);
    assertThat(reloaded.events()).containsExactly(event);
    assertThat(reloaded.state())
        .containsExactlyInAnyOrderEntriesOf(Map.of("k", "v", "app:a", 1, "user:u", 2));
  }

  @Test
  void A3_sessionKeysStayAppKeysReachTheAppUserKeysReachTheUser() {
    Session earlier = create("app", "u1", "s0", null);
    Session writer = create("app", "u1", "s1", null);
    Session otherUser = create("app", "u2", "s2", null);
    Session otherApp = create("app2", "u1", "s3", null);

    append(writer, textEvent("user", "x", 1_000, Map.of("k", 1, "app:a", 2, "user:b", 3)));

    assertThat(get(writer).state())
        .containsExactlyInAnyOrderEntriesOf(Map.of("k", 1, "app:a", 2, "user:b", 3));
    assertThat(get(earlier).state())
        .containsExactlyInAnyOrderEntriesOf(Map.of("app:a", 2, "user:b", 3));
    assertThat(get(otherUser).state()).containsExactlyInAnyOrderEntriesOf(Map.of("app:a", 2));
    assertThat(get(otherApp).state()).isEmpty();
  }

  @Test
  void A4_removedDeletesTheKeyFromItsScopeForEveryone() {
    Session a = create("app", "u1", "a", Map.of("own", 1));
    Session b = create("app", "u2", "b", null);
    append(a, textEvent("user", "set", 1_000, Map.of("app:shared", "x")));
    assertThat(get(b).state()).containsEntry("app:shared", "x");

    Event removal = textEvent("remove", 2_000);
    removal.actions().removeStateByKey("app:shared");
    append(b, removal);
    Event ownRemoval = textEvent("remove own", 3_000);
    ownRemoval.actions().removeStateByKey("own");
    append(a, ownRemoval);

    assertThat(b.state()).doesNotContainKey("app:shared");
    assertThat(a.state()).doesNotContainKey("own");
    assertThat(get(a).state()).isEmpty();
    assertThat(get(b).state()).isEmpty();
  }

  @Test
  void A5_tempKeysAreNeverPersistedAndLeaveTheEventsDelta() {
    Session session = create("app", "u1", "s1", null);
    Event event = textEvent("agent", "x", 1_000, Map.of("temp:t", "scratch", "k", "v"));

    append(session, event);

    assertThat(session.state()).containsEntry("temp:t", "scratch");
    assertThat(event.actions().stateDelta()).isEqualTo(Map.of("k", "v"));
    Session stored = get(session);
    assertThat(stored.state()).containsExactlyInAnyOrderEntriesOf(Map.of("k", "v"));
    assertThat(stored.events()).containsExactly(event);
    assertThat(stored.events().get(0).actions().stateDelta()).doesNotContainKey("temp:t");
  }

  @Test
  void A6_aPartialEventIsEmittedAndChangesNothing() {
    Session session = create("app", "u1", "s1", Map.of("k", "before"));
    Instant before = session.lastUpdateTime();
    Event partial = textEvent("agent", "chunk", 99_000, Map.of("k", "after"));
    partial.setPartial(true);

    Event emitted = append(session, partial);

    assertThat(emitted).isSameAs(partial);
    assertThat(session.events()).isEmpty();
    assertThat(session.state()).containsExactlyInAnyOrderEntriesOf(Map.of("k", "before"));
    assertThat(session.lastUpdateTime()).isEqualTo(before);
    assertThat(get(session).events()).isEmpty();
    assertThat(get(session).state()).containsExactlyInAnyOrderEntriesOf(Map.of("k", "before"));
  }

  @Test
  void A7_eventsWithoutIdGetOneAndAreStoredInOrder() {
    Session session = create("app", "u1", "s1", null);
    Event first =
        Event.builder()
            .author("user")
            .content(Content.fromParts(Part.fromText("a")))
            .timestamp(1)
            .build();
    Event second =
        Event.builder()
            .author("user")
            .content(Content.fromParts(Part.fromText("b")))
            .timestamp(2)
            .build();

    append(session, first);
    append(session, second);

    assertThat(first.id()).isNotBlank();
    assertThat(second.id()).isNotBlank().isNotEqualTo(first.id());
    assertThat(get(session).events()).containsExactly(first, second);
  }

  @Test
  void A8_appendingToAMissingSessionFailsAndChangesNothing() {
    Session real = create("app", "u1", "s1", null);
    Session neverCreated = Session.builder("ghost").appName("app").userId("u1").build();
    Session anotherUsers =
        Session.builder("s1")
            .appName("app")
            .userId("u2")
            .lastUpdateTime(Instant.now().plusSeconds(60))
            .build();
    Session deleted = create("app", "u1", "s2", null);
    await(service.deleteSession("app", "u1", "s2"));

    for (Session missing : List.of(neverCreated, anotherUsers, deleted)) {
      Event event = textEvent("user", "x", 1_000, Map.of("app:leak", 1, "k", 1));
      Instant before = missing.lastUpdateTime();

      assertThat(failure(service.appendEvent(missing, event)))
          .isInstanceOf(SessionNotFoundException.class);

      assertThat(missing.events()).isEmpty();
      assertThat(missing.state()).doesNotContainKeys("k", "app:leak");
      assertThat(missing.lastUpdateTime()).isEqualTo(before);
    }
    Session stored = get(real);
    assertThat(stored.events()).isEmpty();
    assertThat(stored.state()).isEmpty();
  }

  @Test
  void A9_whenStorageFailsTheErrorIsEmittedAndTheSessionIsUnchanged() {
    Session session = create("app", "u1", "s1", Map.of("k", "v"));
    Event good = append(session, textEvent("ok", 1_000));
    Instant before = session.lastUpdateTime();
    Event bad = textEvent("user", "x", 2_000, Map.of("k", Double.NaN, "app:a", 1));

    Throwable error = failure(service.appendEvent(session, bad));

    assertThat(error).isInstanceOf(IllegalArgumentException.class);
    assertThat(session.events()).containsExactly(good);
    assertThat(session.state()).containsExactlyInAnyOrderEntriesOf(Map.of("k", "v"));
    assertThat(session.lastUpdateTime()).isEqualTo(before);
    Session stored = get(session);
    assertThat(stored.events()).containsExactly(good);
    assertThat(stored.state()).containsExactlyInAnyOrderEntriesOf(Map.of("k", "v"));
    assertThat(append(session, textEvent("still works", 3_000))).isNotNull();
  }

  @Test
  void A9_aDuplicateEventIdFailsAndLeavesTheSessionUnchanged() {
    Session session = create("app", "u1", "s1", null);
    Event first = append(session, textEvent("first", 1_000));
    Event again = textEvent("user", "again", 2_000, Map.of("k", "v"));
    again.setId(first.id());

    Throwable error = failure(service.appendEvent(session, again));

    assertThat(error).isExactlyInstanceOf(SessionException.class).hasMessageContaining(first.id());
    assertThat(session.events()).containsExactly(first);
    assertThat(session.state()).isEmpty();
    assertThat(get(session).events()).containsExactly(first);
    assertThat(get(session).state()).isEmpty();
  }

  @Test
  void A10_staleWritersAreDetected() {
    create("app", "u1", "s1", null);
    Session first = loadS1(Optional.empty());
    Session second = loadS1(Optional.of(GetSessionConfig.builder().numRecentEvents(1).build()));
    append(first, textEvent("first", 1_000));

    Event late = textEvent("second", 2_000);
    Throwable error = failure(service.appendEvent(second, late));

    assertThat(error)
        .isInstanceOf(SessionException.class)
        .isInstanceOf(StaleSessionWriteException.class);
    assertThat(second.events()).isEmpty();
    assertThat(loadS1(Optional.empty()).events())
        .extracting(Event::id)
        .containsExactly(first.events().get(0).id());
  }

  @Test
  void A10_noFalsePositivesForCreateGetFilteredGetAndRepeatedAppends() {
    Session created = create("app", "u1", "s1", null);
    append(created, textEvent("a", 1_000));
    append(created, textEvent("b", 2_000));
    Session loaded = loadS1(Optional.empty());
    append(loaded, textEvent("c", 3_000));
    Session filtered =
        loadS1(
            Optional.of(
                GetSessionConfig.builder().afterTimestamp(Instant.ofEpochMilli(2_500)).build()));
    append(filtered, textEvent("d", 2_500));
    append(filtered, textEvent("e", 4_000));

    assertThat(loadS1(Optional.empty()).events()).hasSize(5);
  }

  @Test
  void A10_sharedStateWrittenByOtherSessionsNeverMakesASessionStale() {
    Session mine = create("app", "u1", "s1", null);
    Session sibling = create("app", "u1", "s2", null);
    Session stranger = create("app", "u2", "s3", null);

    append(sibling, textEvent("user", "x", 1_000, Map.of("app:a", 1, "user:b", 2)));
    append(stranger, textEvent("user", "y", 2_000, Map.of("app:c", 3)));

    assertThat(append(mine, textEvent("mine", 3_000))).isNotNull();
    assertThat(get(mine).events()).hasSize(1);
  }

  @Test
  void A10_foreignSessionObjectsAreJudgedByTheirUpdateTime() {
    Session created = create("app", "u1", "s1", null);
    append(created, textEvent("a", 5_000));
    Session upToDate =
        Session.builder("s1")
            .appName("app")
            .userId("u1")
            .lastUpdateTime(Instant.ofEpochMilli(5_000))
            .build();
    Session outdated =
        Session.builder("s1")
            .appName("app")
            .userId("u1")
            .lastUpdateTime(Instant.ofEpochMilli(4_999))
            .build();

    assertThat(failure(service.appendEvent(outdated, textEvent("old", 6_000))))
        .isInstanceOf(StaleSessionWriteException.class);
    assertThat(append(upToDate, textEvent("new", 6_000))).isNotNull();
    assertThat(get(created).events())
        .extracting(e -> e.stringifyContent())
        .containsExactly("a", "new");
  }

  @Test
  void A11_stateValuesRoundTripAsJsonTypes() {
    Session session = create("app", "u1", "s1", null);
    Map<String, Object> delta = new LinkedHashMap<>();
    delta.put("string", "é ✓ 😀");
    delta.put("bool", true);
    delta.put("int", 42);
    delta.put("long", 9_000_000_000L);
    delta.put("double", 1.0);
    delta.put("map", Map.of("a", List.of(1, 2)));
    delta.put("list", List.of("x", Map.of("y", false)));
    delta.put("pojo", new Point(3, 4));
    delta.put("user:pojo", new Point(5, 6));

    append(session, textEvent("user", "x", 1_000, delta));

    Map<String, Object> state = get(session).state();
    assertThat(state.get("string")).isEqualTo("é ✓ 😀");
    assertThat(state.get("bool")).isEqualTo(true);
    assertThat(state.get("int")).isEqualTo(42);
    assertThat(state.get("long")).isEqualTo(9_000_000_000L);
    assertThat(state.get("double")).isInstanceOf(Double.class).isEqualTo(1.0);
    assertThat(state.get("map")).isEqualTo(Map.of("a", List.of(1, 2)));
    assertThat(state.get("list")).isEqualTo(List.of("x", Map.of("y", false)));
    assertThat(state.get("pojo")).isEqualTo(Map.of("x", 3, "y", 4));
    assertThat(state.get("user:pojo")).isEqualTo(Map.of("x", 5, "y", 6));
    Throwable nan =
        failure(
            service.appendEvent(session, textEvent("user", "y", 2_000, Map.of("bad", Double.NaN))));
    assertThat(nan).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad");
  }

  /** A plain object a tool might put into state. */
  public record Point(int x, int y) {}

  /** A value object holding types a JSON mapper does not write as plain JSON types. */
  public record Receipt(BigDecimal price, Instant paidAt, byte[] signature) {}

  private static final Instant PAID_AT = Instant.parse("2024-01-02T03:04:05.123456789Z");

  /** Values a tool writes (a price, a timestamp, bytes), in every scope, keyed by their scope. */
  private static Map<String, Object> toolValues() {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String prefix : List.of("", "app:", "user:")) {
      values.put(prefix + "price", new BigDecimal("12.50"));
      values.put(prefix + "count", new BigDecimal("1E+3"));
      values.put(prefix + "bytes", new byte[] {1, 2, 3});
      values.put(prefix + "when", PAID_AT);
      values.put(prefix + "receipt", new Receipt(new BigDecimal("0.1"), PAID_AT, new byte[] {4}));
    }
    return values;
  }

  private static void assertToolValuesInJsonForm(Map<String, Object> state) {
    for (String prefix : List.of("", "app:", "user:")) {
      assertThat(state.get(prefix + "price")).isEqualTo(12.5);
      assertThat(state.get(prefix + "count")).isEqualTo(1000);
      assertThat(state.get(prefix + "bytes")).isEqualTo("AQID");
      assertThat(state.get(prefix + "when")).isEqualTo("2024-01-02T03:04:05.123456789Z");
      assertThat(state.get(prefix + "receipt"))
          .isEqualTo(
              Map.of(
                  "price", 0.1, "paidAt", "2024-01-02T03:04:05.123456789Z", "signature", "BA=="));
    }
  }

  @Test
  void A11_bigDecimalBytesAndInstantInInitialStateAreStoredInTheirJsonForm() {
    Session created = create("app", "u1", "s1", toolValues());

    assertToolValuesInJsonForm(created.state());
    assertToolValuesInJsonForm(get(created).state());
  }

  @Test
  void A11_bigDecimalBytesAndInstantInAnEventDeltaAreStoredInTheirJsonForm() {
    Session session = create("app", "u1", "s1", null);

    append(session, textEvent("tool", "paid", 1_000, toolValues()));

    Session stored = get(session);
    assertToolValuesInJsonForm(stored.state());
    assertToolValuesInJsonForm(stored.events().get(0).actions().stateDelta());
  }

  @Test
  void A11_aBigDecimalADoubleCannotHoldExactlyIsRefusedThroughTheRxChannel() {
    Session session = create("app", "u1", "s1", null);
    Map<String, Object> tooPrecise = Map.of("user:amount", new BigDecimal("0.10000000000000000001"));
    Map<String, Object> tooSmall = Map.of("app:tiny", new BigDecimal("1.5E-400"));

    Throwable precise = failure(service.appendEvent(session, textEvent("t", "x", 1, tooPrecise)));
    Throwable tiny = failure(service.createSession("app", "u1", tooSmall, "s2"));

    assertThat(precise).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amount");
    assertThat(tiny).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tiny");
    assertThat(get(session).events()).isEmpty();
    assertThat(get(session).state()).isEmpty();
    assertThat(await(service.getSession("app", "u1", "s2", Optional.empty()))).isEmpty();
  }

  @Test
  void C8_badInitialStateFailsThroughTheSingleAndWritesNothing() {
    Map<String, Object> cycle = new HashMap<>();
    cycle.put("self", cycle);
    List<Object> deep = new ArrayList<>();
    List<Object> innermost = deep;
    for (int i = 0; i < 1_100; i++) {
      List<Object> next = new ArrayList<>();
      innermost.add(next);
      innermost = next;
    }
    Map<String, Object> nullKey = new HashMap<>();
    nullKey.put(null, 1);
    List<Map<String, Object>> badStates =
        List.of(
            Map.of("cycle", cycle),
            Map.of("user:deep", deep),
            Map.of("app:thing", new Object()),
            nullKey);

    for (Map<String, Object> bad : badStates) {
      Single<Session> created = service.createSession("app", "u1", bad, "s1");

      assertThat(failure(created)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(await(service.getSession("app", "u1", "s1", Optional.empty()))).isEmpty();
    assertThat(await(service.listSessions("app", "u1")).sessions()).isEmpty();
  }

  // ---- list, delete, events
  // ----------------------------------------------------------------------

  @Test
  void L1_listSessionsReturnsExactlyTheUsersSessionsWithoutEvents() {
    assertThat(await(service.listSessions("app", "u1")).sessions()).isEmpty();
    Session s1 = create("app", "u1", "s1", Map.of("k", 1, "app:a", 2, "user:u", 3));
    Session s2 = create("app", "u1", "s2", null);
    create("app", "u2", "s3", null);
    create("app2", "u1", "s4", null);
    append(s1, textEvent("x", 1_000));

    ListSessionsResponse listed = await(service.listSessions("app", "u1"));

    assertThat(listed.sessionIds()).containsExactlyInAnyOrder("s1", "s2");
    for (Session each : listed.sessions()) {
      Session fetched = get(each);
      assertThat(each.events()).isEmpty();
      assertThat(each.appName()).isEqualTo("app");
      assertThat(each.userId()).isEqualTo("u1");
      assertThat(each.lastUpdateTime()).isEqualTo(fetched.lastUpdateTime());
      assertThat(each.state()).containsExactlyInAnyOrderEntriesOf(fetched.state());
    }
    assertThat(
            listed.sessions().stream()
                .filter(s -> s.id().equals("s1"))
                .findFirst()
                .orElseThrow()
                .state())
        .containsExactlyInAnyOrderEntriesOf(Map.of("k", 1, "app:a", 2, "user:u", 3));
    assertThat(get(s2).state()).containsExactlyInAnyOrderEntriesOf(Map.of("app:a", 2, "user:u", 3));
  }

  @Test
  void D1_deleteRemovesTheSessionOnlyAndMissingSessionsDeleteQuietly() {
    Session doomed = create("app", "u1", "s1", Map.of("app:a", 1, "user:u", 2));
    append(doomed, textEvent("x", 1_000));
    Session sameIdOtherUser = create("app", "u2", "s1", null);
    Session sibling = create("app", "u1", "s2", null);

    await(service.deleteSession("app", "u1", "s1"));
    await(service.deleteSession("app", "u1", "never-existed"));

    assertThat(await(service.getSession("app", "u1", "s1", Optional.empty()))).isEmpty();
    assertThat(await(service.listSessions("app", "u1")).sessionIds()).containsExactly("s2");
    assertThat(await(service.listEvents("app", "u1", "s1")).events()).isEmpty();
    assertThat(get(sibling).state())
        .containsExactlyInAnyOrderEntriesOf(Map.of("app:a", 1, "user:u", 2));
    assertThat(get(sameIdOtherUser).id()).isEqualTo("s1");
  }

  @Test
  void E1_listEventsGivesAllStoredEventsInOrderAndEmptyForUnknownSessions() {
    Session session = create("app", "u1", "s1", null);
    Event a = append(session, textEvent("a", 3_000));
    Event b = append(session, textEvent("b", 1_000));
    Event partial = textEvent("p", 2_000);
    partial.setPartial(true);
    append(session, partial);

    assertThat(await(service.listEvents("app", "u1", "s1")).events()).containsExactly(a, b);
    assertThat(await(service.listEvents("app", "u1", "unknown")).events()).isEmpty();
    assertThat(await(service.listEvents("app", "u2", "s1")).events()).isEmpty();
  }

  @Test
  void E2_closeSessionCompletes() {
    Session session = create("app", "u1", "s1", null);

    service.closeSession(session).test().awaitDone(TIMEOUT_SECONDS, SECONDS).assertComplete();
    assertThat(get(session).id()).isEqualTo("s1");
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private Session loadS1(Optional<GetSessionConfig> config) {
    return await(service.getSession("app", "u1", "s1", config)).orElseThrow();
  }

  private Session withConfig(Session session, GetSessionConfig config) {
    return await(
            service.getSession(
                session.appName(), session.userId(), session.id(), Optional.of(config)))
        .orElseThrow();
  }

  /** An event with every field ADK 1.8.0 has set, inline bytes and a removed state key included. */
  static Event richEvent() {
    ConcurrentHashMap<String, Object> delta = new ConcurrentHashMap<>();
    delta.put("k", "v");
    delta.put("nested", Map.of("list", List.of(1, 2.5, "three")));
    delta.put("gone", State.REMOVED);
    delta.put("app:shared", 7);
    EventActions actions =
        EventActions.builder()
            .stateDelta(delta)
            .artifactDelta(Map.of("report.txt", 2))
            .transferToAgent("helper")
            .escalate(true)
            .skipSummarization(true)
            .requestedAuthConfigs(Map.of("call-1", Map.of("scheme", "oauth")))
            .endOfAgent(true)
            .build();
    Content content =
        Content.builder()
            .role("model")
            .parts(
                List.of(
                    Part.fromText("hello"),
                    Part.fromBytes(new byte[] {1, 2, 3, (byte) 0xff}, "image/png"),
                    Part.builder()
                        .functionCall(
                            FunctionCall.builder()
                                .id("c1")
                                .name("tool")
                                .args(Map.of("a", 1))
                                .build())
                        .build()))
            .build();
    return Event.builder()
        .id("e-rich")
        .invocationId("inv-9")
        .author("agent")
        .content(content)
        .actions(actions)
        .longRunningToolIds(Set.of("c1", "c2"))
        .partial(false)
        .turnComplete(true)
        .interrupted(false)
        .errorCode(new FinishReason(FinishReason.Known.MAX_TOKENS))
        .errorMessage("cut short")
        .finishReason(new FinishReason(FinishReason.Known.STOP))
        .usageMetadata(
            GenerateContentResponseUsageMetadata.builder()
                .promptTokenCount(10)
                .candidatesTokenCount(5)
                .totalTokenCount(15)
                .build())
        .avgLogprobs(-0.25)
        .branch("root.child")
        .groundingMetadata(GroundingMetadata.builder().webSearchQueries(List.of("q")).build())
        .customMetadata(List.of(CustomMetadata.builder().key("ck").stringValue("cv").build()))
        .modelVersion("model-1")
        .inputTranscription(Transcription.builder().text("in").finished(true).build())
        .outputTranscription(Transcription.builder().text("out").languageCode("en").build())
        .timestamp(1_700_000_000_123L)
        .build();
  }

  /**
   * Asserts two events are equal field by field. genai's {@code Blob} compares inline bytes by
   * reference, so the contents are compared part by part with the bytes compared by content.
   */
  static void assertSameEvent(Event actual, Event expected) {
    List<Part> actualParts = actual.content().flatMap(Content::parts).orElse(List.of());
    List<Part> expectedParts = expected.content().flatMap(Content::parts).orElse(List.of());
    assertThat(actualParts).hasSameSizeAs(expectedParts);
    for (int i = 0; i < expectedParts.size(); i++) {
      Part want = expectedParts.get(i);
      Part got = actualParts.get(i);
      Optional<byte[]> wantBytes = want.inlineData().flatMap(b -> b.data());
      if (wantBytes.isPresent()) {
        assertThat(
                Arrays.equals(
                    got.inlineData().flatMap(b -> b.data()).orElseThrow(), wantBytes.get()))
            .as("inline bytes of part %d", i)
            .isTrue();
        assertThat(got.inlineData().flatMap(b -> b.mimeType()))
            .isEqualTo(want.inlineData().flatMap(b -> b.mimeType()));
      } else {
        assertThat(got).isEqualTo(want);
      }
    }
    assertThat(actual.content().map(Content::role))
        .isEqualTo(expected.content().map(Content::role));
    Optional<Content> actualContent = actual.content();
    Optional<Content> expectedContent = expected.content();
    actual.setContent(null);
    expected.setContent(null);
    try {
      assertThat(actual).isEqualTo(expected);
    } finally {
      actual.setContent(actualContent.orElse(null));
      expected.setContent(expectedContent.orElse(null));
    }
  }
}
