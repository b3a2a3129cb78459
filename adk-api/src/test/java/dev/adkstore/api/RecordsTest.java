package dev.adkstore.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordsTest {
  private static final SessionKey KEY = SessionKey.of("app", "u1", "s1");

  @Test
  void sessionKeyNamesTheInvalidPart() {
    assertThatThrownBy(() -> SessionKey.of("app", null, "s"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("userId: must not be null");
    assertThatThrownBy(() -> SessionKey.of("app", "u", ""))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("sessionId: must not be blank");
  }

  @Test
  void stateIsCopiedDeeplySoLaterChangesByTheCallerAreNotSeen() {
    List<Object> list = new ArrayList<>(List.of(1));
    Map<String, Object> nested = new HashMap<>(Map.of("list", list));
    Map<String, Object> state = new HashMap<>();
    state.put("nested", nested);
    state.put("n", null);

    NewSession created = new NewSession(KEY, state, null);
    list.add(2);
    nested.put("other", true);
    state.put("late", 1);

    assertThat(created.state()).containsOnlyKeys("nested", "n");
    assertThat(created.state().get("nested")).isEqualTo(Map.of("list", List.of(1)));
    assertThatThrownBy(() -> created.state().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aStateThatContainsItselfIsRejected() {
    Map<String, Object> cyclic = new HashMap<>();
    cyclic.put("me", List.of(cyclic));
    assertThatThrownBy(() -> NewSession.of(KEY, cyclic))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("state.me[0]: contains itself (a cycle cannot be stored)");
  }

  @Test
  void aStateNestedDeeperThanTheCopyLimitFailsWithoutAStackOverflow() {
    Object value = "leaf";
    for (int i = 0; i < 100_000; i++) {
      value = List.of(value);
    }
    Map<String, Object> deep = Map.of("deep", value);
    assertThatThrownBy(() -> StateDelta.ofSession(deep))
        .isInstanceOf(PayloadLimitException.class)
        .hasMessageEndingWith("nested deeper than the maximum of 1000 levels");
  }

  @Test
  void eventRecordCopiesActionsAndComparesThemByContent() {
    byte[] actions = "{\"a\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    EventRecord event = EventRecord.builder(KEY, "e1", Instant.ofEpochMilli(1000)).actions(actions).build();
    actions[0] = 'X';
    byte[] read = event.actions();
    read[1] = 'Y';

    assertThat(event.actions()).isEqualTo("{\"a\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    EventRecord same =
        EventRecord.builder(KEY, "e1", Instant.ofEpochMilli(1000))
            .actions("{\"a\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .build();
    assertThat(event).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(event).isNotEqualTo(EventRecord.builder(KEY, "e1", Instant.ofEpochMilli(1000)).build());
  }

  @Test
  void eventTimestampsMustBeWholeMilliseconds() {
    assertThatThrownBy(() -> EventRecord.builder(KEY, "e", Instant.ofEpochSecond(1, 500)).build())
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("timestamp: must be a whole millisecond");
  }

  @Test
  void ceilingMillisMakesAnInclusiveBoundExact() {
    assertThat(Timestamps.ceilingMillis("after", Instant.ofEpochMilli(1000))).isEqualTo(1000);
    assertThat(Timestamps.ceilingMillis("after", Instant.ofEpochMilli(1000).plusNanos(500_000)))
        .isEqualTo(1001);
    assertThat(Timestamps.ceilingMillis("after", Instant.ofEpochMilli(-1000).plusNanos(1)))
        .isEqualTo(-999);
  }

  @Test
  void timesOutsideYearsOneTo9999AreRefusedNamingTheField() {
    for (Instant outside : List.of(
        Timestamps.MIN.minusMillis(1), Timestamps.MAX.plusMillis(1),
        Instant.ofEpochMilli(Long.MIN_VALUE), Instant.ofEpochMilli(Long.MAX_VALUE),
        Instant.parse("-100000-01-01T00:00:00Z"))) {
      assertThatThrownBy(() -> EventRecord.builder(KEY, "e", outside).build())
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("timestamp: must be between 0001-01-01T00:00:00Z and");
      assertThatThrownBy(() -> Timestamps.ceilingMillis("after", outside))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("after: must be between");
    }
    assertThat(EventRecord.builder(KEY, "first", Timestamps.MIN).build().timestamp())
        .isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
    assertThat(EventRecord.builder(KEY, "last", Timestamps.MAX).build().timestamp())
        .isEqualTo(Instant.parse("9999-12-31T23:59:59.999Z"));
    assertThat(Timestamps.ceilingMillis("after", Timestamps.MAX.minusNanos(1)))
        .isEqualTo(Timestamps.MAX.toEpochMilli());
  }

  @Test
  void unpairedSurrogatesInIdsAreRefusedSoTwoIdsCannotAliasOneRow() {
    for (String id : List.of("alice\uD800", "s\uDBFF", "\uDC00x", "a\uDE00\uD83D")) {
      assertThatThrownBy(() -> SessionKey.of("app", id, "s"))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("userId: contains an unpaired UTF-16 surrogate");
      assertThatThrownBy(() -> EventRecord.builder(KEY, id, Instant.EPOCH).build())
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("eventId: contains an unpaired UTF-16 surrogate");
    }
    assertThat(SessionKey.of("app", "emoji \uD83D\uDE00", "s").userId()).hasSize(8);
    assertThatThrownBy(() -> new NewSession(KEY, Map.of(), "owner\uD800"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("ownerId: contains an unpaired UTF-16 surrogate at index 5");
  }

  @Test
  void unpairedSurrogatesInPlainTextEventFieldsAreRefusedNamingTheField() {
    EventRecord.Builder base = EventRecord.builder(KEY, "e", Instant.EPOCH);
    assertThatThrownBy(() -> base.author("bot\uD83D").build())
        .hasMessageStartingWith("author: contains an unpaired");
    assertThatThrownBy(() -> EventRecord.builder(KEY, "e", Instant.EPOCH).branch("\uDE00").build())
        .hasMessageStartingWith("branch: contains an unpaired");
    assertThatThrownBy(() -> EventRecord.builder(KEY, "e", Instant.EPOCH).invocationId("i\uD800").build())
        .hasMessageStartingWith("invocationId: contains an unpaired");
    assertThatThrownBy(() -> EventRecord.builder(KEY, "e", Instant.EPOCH).errorCode("\uD800").build())
        .hasMessageStartingWith("errorCode: contains an unpaired");
    assertThatThrownBy(() -> EventRecord.builder(KEY, "e", Instant.EPOCH).errorMessage("x\uDBFF").build())
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("errorMessage: contains an unpaired");
    EventRecord paired = EventRecord.builder(KEY, "e", Instant.EPOCH).author("bot \uD83D\uDE00").build();
    assertThat(paired.author()).isEqualTo("bot 😀");
  }

  @Test
  void toBuilderCopiesEveryField() {
    EventRecord full =
        EventRecord.builder(KEY, "e", Instant.ofEpochMilli(5))
            .invocationId("i").author("a").actions(new byte[] {'{', '}'})
            .longRunningToolIdsJson("[]").branch("b").content("{}").groundingMetadata("{}")
            .customMetadata("[]").partial(true).turnComplete(false).interrupted(true)
            .errorCode("c").errorMessage("m").extra("{}").build();
    assertThat(full.toBuilder().build()).isEqualTo(full);
    assertThat(full.withSession(SessionKey.of("app", "u2", "s2")))
        .usingRecursiveComparison().ignoringFields("session").isEqualTo(full);
  }

  @Test
  void sessionQueryRejectsBadPagingBeforeAnyStoreSeesIt() {
    assertThatThrownBy(() -> SessionQuery.forApp("a").limit(-1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("limit: must not be negative, was -1");
    assertThatThrownBy(() -> SessionQuery.forApp("a").page(10, -1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("offset: must not be negative, was -1");
    assertThatThrownBy(
            () -> new SessionQuery("a", null, SessionQuery.OrderBy.UPDATE_TIME, true, null, 5))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("offset: requires a limit");
    assertThatThrownBy(
            () -> new SessionQuery(null, "u", SessionQuery.OrderBy.UPDATE_TIME, true, null, null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("appName: is required when a userId is given");
  }

  @Test
  void eventQueryRejectsANegativeLimit() {
    assertThatThrownBy(() -> EventQuery.all(KEY).last(-1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("limit: must not be negative, was -1");
    assertThat(EventQuery.all(KEY).last(0).limit()).isZero();
  }

  @Test
  void stateDeltaKeepsRemovalsAndNullsApart() {
    StateDelta delta =
        StateDelta.builder().putSession("n", null).removeSession("gone").putApp("k", 1).build();

    assertThat(delta.session()).containsEntry("n", null);
    assertThat(StateDelta.isRemoved(delta.session().get("gone"))).isTrue();
    assertThat(StateDelta.isRemoved(delta.session().get("n"))).isFalse();
    assertThat(delta.app()).containsEntry("k", 1);
    assertThat(delta.isEmpty()).isFalse();
    assertThat(StateDelta.EMPTY.isEmpty()).isTrue();
  }

  @Test
  void appendConditionsCarryWhatTheyCompare() {
    assertThat(AppendCondition.expectVersion(3)).isEqualTo(new AppendCondition.ExpectVersion(3));
    assertThat(AppendCondition.notUpdatedAfter(Instant.EPOCH))
        .isEqualTo(new AppendCondition.NotUpdatedAfter(Instant.EPOCH));
    assertThatThrownBy(() -> AppendCondition.notUpdatedAfter(null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("lastSeenUpdateTime: must not be null");
  }

  @Test
  void appendConditionsHoldOrFailWithTheStaleError() {
    Instant seen = Instant.ofEpochMilli(5_000);
    AppendCondition.NONE.check(KEY, 9, Instant.MAX);
    AppendCondition.expectVersion(3).check(KEY, 3, Instant.MAX);
    AppendCondition.notUpdatedAfter(seen).check(KEY, 99, seen);
    AppendCondition.notUpdatedAfter(seen).check(KEY, 99, seen.minusMillis(1));

    assertThatThrownBy(() -> AppendCondition.expectVersion(3).check(KEY, 4, seen))
        .isInstanceOf(StaleSessionException.class)
        .hasMessage("session " + KEY + " is at version 4, the append expected 3");
    assertThatThrownBy(() -> AppendCondition.notUpdatedAfter(seen).check(KEY, 1, seen.plusMillis(1)))
        .isInstanceOf(StaleSessionException.class)
        .hasMessageContaining("was updated at 1970-01-01T00:00:05.001Z");
  }

  @Test
  void sharedStateOfANewSessionMayNotTouchTheSessionScope() {
    assertThatThrownBy(
            () -> NewSession.of(KEY, Map.of()).withSharedState(StateDelta.ofSession(Map.of("k", 1))))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("sharedState.session: must be empty: initial session keys belong in state");
    assertThat(NewSession.of(KEY, Map.of()).sharedState()).isEqualTo(StateDelta.EMPTY);
  }
}
